"""The rehearsal's Git remote: a real bare repository served over HTTPS on loopback, and the reads Argo CD makes of it.

- `GitHttpServer` runs `git http-backend` (smart HTTP: clone, fetch, partial clone, push) behind a small HTTPS server
  with Basic (token) authentication. The bridge's test kit uses the same server.
- `GitRemote` is one bare repository under such a server: the person's commits (deterministic dates from the
  simulated clock), the bridge's pushes (through HTTPS, as on a real remote), and fast cached reads for Argo CD.
- `Repos` is what the Argo CD model asks of Git: resolve a `targetRevision`, list the files below a path at a commit.
  `GitRepos` maps the repository URLs of the rendered Applications (e.g. `https://git.example.com/...`) to remotes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import shutil
import stat
import subprocess
import threading
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import IO, Protocol, Self

from ._loopback import LoopbackHttpsServer, LoopbackPki, quiet_handler, shared_pki

__all__ = ["GIT_TOKEN", "GitHttpServer", "GitRemote", "GitRepos", "Repos", "normalize_repo_url"]

GIT_TOKEN = "rehearsal-git-token-5b1f0c7e9d2a4e68"
"""The HTTPS token a `GitRemote` accepts by default (the person puts it into the bridge's Git credential Secret)."""
EPOCH = 1767225600
"""2026-01-01T00:00:00Z, simulated time zero, as Unix seconds (commit dates)."""
_HEX40 = re.compile(r"^[0-9a-fA-F]{40}$")
_HEX_SHORT = re.compile(r"^[0-9a-fA-F]{7,39}$")
_MISSING = object()
# The first commit of a repository, by the digest of its fast-import stream: (the pack files fast-import wrote, the
# branch ref, the commit). Every world of a scenario starts by committing the same tree at the same simulated time
# into a new repository, and importing its megabytes again cost more git CPU than the rest of a scenario's commits;
# git never changes a pack file in place, so the next repository links the same files (`GitRemote.commit`).
_FIRST_COMMITS: dict[str, tuple[list[Path], str, str]] = {}


def git_env(home: Path) -> dict[str, str]:
    """An isolated environment for git: no system or global configuration, C locale."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C",
    }


class GitHttpServer(LoopbackHttpsServer):
    """Serves every bare repository under `root` at https://127.0.0.1:PORT/<name>.git.

    Basic authentication: the password must be `token`; the user name must be `username`, or anything when it is
    None (as GitHub accepts any user name with a personal access token).
    """

    def __init__(self, *, root: Path, cert_file: Path, key_file: Path, username: str | None, token: str):
        self.root = root
        # Like GitHub and GitLab: partial clone (filters, fetching blobs by id). Tests may switch it off.
        self.partial_clone = True
        self.username = username
        self.token = token
        self.requests: list[tuple[str, str, bool]] = []
        self.authorization_headers: list[str] = []
        self.before_receive_pack_advertisement: Callable[[], None] | None = None
        self.receive_pack_posts = 0
        self._lock = threading.Lock()
        server = self

        handler = quiet_handler(lambda request: server._handle(request), ("GET", "POST"))

        super().__init__(handler, cert_file=cert_file, key_file=key_file)

    def _authorized(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme != "Basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user_ok = self.username is None or hmac.compare_digest(user, self.username)
        return user_ok and hmac.compare_digest(password.encode(), self.token.encode())

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path, _, query = handler.path.partition("?")
        body = _read_body(handler)
        header = handler.headers.get("Authorization", "")
        with self._lock:
            self.requests.append((handler.command, handler.path, bool(header)))
            if header:
                self.authorization_headers.append(header)
        if not self._authorized(header):
            data = b"authentication required\n"
            handler.send_response(401)
            handler.send_header("WWW-Authenticate", 'Basic realm="kcp-rehearsal"')
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return
        if handler.command == "GET" and query == "service=git-receive-pack" and self.before_receive_pack_advertisement:
            hook, self.before_receive_pack_advertisement = self.before_receive_pack_advertisement, None
            hook()
        if handler.command == "POST" and path.endswith("/git-receive-pack"):
            with self._lock:
                self.receive_pack_posts += 1
        env = {
            "PATH": os.environ["PATH"],
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "REQUEST_METHOD": handler.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": handler.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            # http-backend enables receive-pack (push) only for an authenticated REMOTE_USER.
            "REMOTE_USER": self.username or "token",
            "REMOTE_ADDR": "127.0.0.1",
        }
        if self.partial_clone:
            env.update(
                GIT_CONFIG_COUNT="2",
                GIT_CONFIG_KEY_0="uploadpack.allowFilter",
                GIT_CONFIG_VALUE_0="true",
                GIT_CONFIG_KEY_1="uploadpack.allowAnySHA1InWant",
                GIT_CONFIG_VALUE_1="true",
            )
        if handler.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = handler.headers["Git-Protocol"]
        if handler.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = handler.headers["Content-Encoding"]
        result = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True)
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        code, headers = 200, []
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.lower() == "status":
                code = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        handler.send_response(code)
        for name, value in headers:
            if name.lower() not in ("content-length", "transfer-encoding"):
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


class Repos(Protocol):
    """What the Argo CD model reads from Git."""

    def resolve(self, repo_url: str, target_revision: str) -> str | None:
        """The commit a `targetRevision` (branch, tag, HEAD, "" or a commit id) points at; None when it does not resolve."""

    def files(self, repo_url: str, sha: str, path: str) -> dict[str, bytes] | None:
        """Every file below `path` at commit `sha`, recursively, by path relative to `path`; None when `path` is no directory."""


def normalize_repo_url(url: str) -> str:
    """A repository URL as Argo CD compares them: lower case, trimmed, without a trailing `/` or `.git`.

    argoproj/argo-cd@v3.5.1:util/git/git.go NormalizeGitURL() and SameURL(): lower-cases, trims `.git`; SSH forms
    are not needed here (the rehearsal's repositories are HTTPS).
    """
    return url.strip().lower().rstrip("/").removesuffix(".git")


class GitRepos:
    """`Repos` over a table {repository URL as the Applications spell it: remote}; an unknown URL resolves to None."""

    def __init__(self, table: Mapping[str, GitRemote]) -> None:
        self._table = {normalize_repo_url(url): remote for url, remote in table.items()}

    def remote(self, repo_url: str) -> GitRemote | None:
        """The remote behind a repository URL."""
        return self._table.get(normalize_repo_url(repo_url))

    def resolve(self, repo_url: str, target_revision: str) -> str | None:
        """See `Repos.resolve`."""
        remote = self.remote(repo_url)
        return remote.resolve(target_revision) if remote else None

    def files(self, repo_url: str, sha: str, path: str) -> dict[str, bytes] | None:
        """See `Repos.files`."""
        remote = self.remote(repo_url)
        return remote.files(sha, path) if remote else None


class GitRemote:
    """One bare repository (`git init --bare`) in `directory`, served over HTTPS with token auth once started."""

    def __init__(
        self,
        directory: Path,
        *,
        clock: Callable[[], float] | None = None,
        name: str = "gitops",
        branch: str = "main",
        token: str = GIT_TOKEN,
        username: str | None = None,
        pki: LoopbackPki | None = None,
    ) -> None:
        self.directory = directory
        """Holds the bare repository (the HTTPS server's project root)."""
        self.name = name
        """Repository name: the URL path is `/<name>.git`."""
        self.branch = branch
        """Default branch (HEAD)."""
        self.clock = clock
        """Simulated time for commit dates (seconds since 2026-01-01T00:00:00Z); None means time zero."""
        self.pki = pki or shared_pki()
        """The serving certificate and the CA clients must trust (`ca_file`)."""
        self.bare = directory / f"{name}.git"
        """The bare repository."""
        directory.mkdir(parents=True, exist_ok=True)
        self._env = git_env(directory)
        self._git("init", "--quiet", "--bare", f"--initial-branch={branch}", str(self.bare), git_dir=False)
        self.server = GitHttpServer(
            root=directory, cert_file=self.pki.cert_file, key_file=self.pki.key_file, username=username, token=token
        )
        """The HTTPS front end (`git http-backend`)."""
        self._reader = _ObjectReader(self.bare, self._env)
        self._files: dict[tuple[str, str], dict[str, str] | object] = {}
        self._refs: dict[str, tuple[tuple, str | None]] = {}
        self._bare = str(self.bare)

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> Self:
        """Start serving over HTTPS."""
        self.server.start()
        return self

    def stop(self) -> None:
        """Stop serving and end the object reader."""
        self.server.stop()
        self._reader.close()

    @property
    def url(self) -> str:
        """The loopback https URL of the repository (what a clone or push uses)."""
        return f"{self.server.url}/{self.name}.git"

    @property
    def ca_file(self) -> Path:
        """The CA certificate that verifies `url` (for `GIT_SSL_CAINFO`)."""
        return self.pki.ca_file

    @staticmethod
    def repos(table: Mapping[str, GitRemote]) -> GitRepos:
        """`Repos` over {repository URL in the rendered Applications: remote}."""
        return GitRepos(table)

    # -- writes (the person) ---------------------------------------------------------------------------------

    def commit(self, files: Mapping[str, bytes | None], message: str, *, author: str = "person", at: float | None = None) -> str:
        """Commit on the default branch as `author`: content per path, None deletes it; return the new head.

        Dates are simulated time (`at`, else the clock) so the same scenario gives the same commit ids. Nothing
        changes when every path already holds its content (as `git commit` refuses an empty commit): the current
        head is returned.
        """
        parent = self.head()
        current = self._entries(parent, "") if parent else {}
        changes: dict[str, bytes | None] = {}
        for path, content in sorted(files.items()):
            path = _clean_path(path)
            if not path or "\n" in path or path.startswith('"'):
                raise ValueError(f"cannot commit path {path!r}")
            if content is None:
                if path in current:
                    changes[path] = None
            elif current.get(path) != _blob_id(content):
                changes[path] = content
        if parent and not changes:
            return parent
        when = EPOCH + int(self.clock() if at is None and self.clock else at or 0)
        identity = f"{author} <{author}@rehearsal.invalid> {when} +0000"
        stream = bytearray()
        stream += f"commit refs/heads/{self.branch}\nauthor {identity}\ncommitter {identity}\n".encode()
        stream += _data(message.encode())
        if parent:
            stream += f"from {parent}\n".encode()
        for path, content in changes.items():
            if content is None:
                stream += f"D {path}\n".encode()
            else:
                stream += f"M 100644 inline {path}\n".encode() + _data(content)
        stream += b"\n"
        first = hashlib.sha256(bytes(stream)).hexdigest() if not parent else ""
        if not (first and self._link_first_commit(first)):
            self._git("fast-import", "--quiet", "--date-format=raw", input_=bytes(stream))
            if first:
                self._remember_first_commit(first)
        self._refs.clear()  # do not trust file times for our own writes
        return self.head()

    def _remember_first_commit(self, digest: str) -> None:
        """Note the packs fast-import wrote for the first commit of this (empty) repository (see `_FIRST_COMMITS`)."""
        objects = self.bare / "objects"
        if any(len(entry.name) == 2 for entry in objects.iterdir()):
            return  # a small import is unpacked into loose objects (fastimport.unpackLimit): nothing to share
        packs = sorted(p for p in (objects / "pack").iterdir() if p.name.startswith("pack-"))
        head = self.head()
        if head and any(p.suffix == ".pack" for p in packs):
            _FIRST_COMMITS[digest] = (packs, f"refs/heads/{self.branch}", head)

    def _link_first_commit(self, digest: str) -> bool:
        """Give this empty repository the same first commit another one imported, by linking its packs; False when
        there is none to link (or its files are gone)."""
        found = _FIRST_COMMITS.get(digest)
        if found is None:
            return False
        packs, ref, head = found
        linked: list[Path] = []
        try:
            for pack in packs:
                target = self.bare / "objects" / "pack" / pack.name
                os.link(pack, target)
                linked.append(target)
        except OSError:
            for target in linked:
                target.unlink(missing_ok=True)
            del _FIRST_COMMITS[digest]
            return False
        # What `git update-ref` writes for a new loose ref.
        (self.bare / ref).parent.mkdir(parents=True, exist_ok=True)
        (self.bare / ref).write_text(head + "\n")
        return True

    def replace_tree(self, root_dir: Path, subpaths: list[str], message: str, *, author: str = "person", at: float | None = None) -> str:
        """Commit what `root_dir` holds under each subpath (a folder or a file), deleting files that disappeared there."""
        head = self.head()
        current = self._entries(head, "") if head else {}
        files: dict[str, bytes | None] = {}
        for subpath in subpaths:
            sub = _clean_path(subpath)
            for path in current:
                if path == sub or path.startswith(sub + "/"):
                    files[path] = None
            source = root_dir / sub
            if source.is_file():
                files[sub] = source.read_bytes()
            elif source.is_dir():
                for file in sorted(p for p in source.rglob("*") if p.is_file()):
                    files[file.relative_to(root_dir).as_posix()] = file.read_bytes()
        return self.commit(files, message, author=author, at=at)

    # -- reads (Argo CD, the jobs' skip check) ---------------------------------------------------------------

    def history(self, branch: str | None = None) -> list[tuple[str, str]]:
        """(sha, subject) of every commit on the branch, oldest first (empty before the first commit)."""
        if not self.head(branch):
            return []
        out = self._git("log", "--reverse", "--format=%H %s", self.head(branch))
        return [tuple(line.split(" ", 1)) if " " in line else (line, "") for line in out.splitlines() if line]  # type: ignore[misc]

    def head(self, branch: str | None = None) -> str:
        """The commit a branch points at ("" when it does not exist yet)."""
        return self._ref(f"refs/heads/{branch or self.branch}") or ""

    def resolve(self, target_revision: str) -> str | None:
        """The commit of a branch, tag, `HEAD`/"" (the default branch), full ref name or (abbreviated) commit id.

        argoproj/argo-cd@v3.5.1:util/git/client.go lsRemote(): a 40-hex revision is taken as is, "" means HEAD,
        then refs are matched by full or short name (HEAD followed to its branch); a 7+ hex string that names no ref
        is taken as an abbreviated commit. Here a commit id must exist in the repository (Argo CD would fail later,
        at checkout); semver constraints on tags are not modelled.
        """
        revision = target_revision.strip()
        if _HEX40.match(revision):
            return revision.lower() if self._reader.commit_of(revision) else None
        if revision in ("", "HEAD"):
            return self.head() or None
        names = [revision] if revision.startswith("refs/") else [f"refs/heads/{revision}", f"refs/tags/{revision}"]
        for name in names:
            sha = self._ref(name)
            if sha:
                return self._reader.commit_of(sha)
        if _HEX_SHORT.match(revision):
            return self._reader.commit_of(revision)
        return None

    def files(self, sha: str, path: str) -> dict[str, bytes] | None:
        """Every file below `path` at commit `sha`, recursively, by path relative to `path`; None when it is no directory.

        argoproj/argo-cd@v3.5.1:util/app/path/path.go Path(): a missing path is "app path does not exist", a file
        is "app path is not a directory". Only regular files are listed (symbolic links and submodules are left
        out). Cached per (sha, path); blobs are cached by id, so repeated calls cost a dictionary copy.
        """
        entries = self._entries(sha, _clean_path(path))
        if entries is None:
            return None
        return {name: self._reader.blob(blob) for name, blob in entries.items()}

    def _entries(self, sha: str, path: str) -> dict[str, str] | None:
        key = (sha, path)
        cached = self._files.get(key, _MISSING)
        if cached is _MISSING:
            cached = self._walk(sha, path)
            self._files[key] = cached
        return cached  # type: ignore[return-value]

    def _walk(self, sha: str, path: str) -> dict[str, str] | None:
        tree = self._reader.tree_of_commit(sha)
        for part in path.split("/") if path else []:
            if tree is None:
                return None
            entry = self._reader.tree(tree).get(part)
            tree = entry[1] if entry and entry[0] == "40000" else None
        if tree is None:
            return None
        out: dict[str, str] = {}
        stack = [("", tree)]
        while stack:
            prefix, current = stack.pop()
            for name, (mode, oid) in self._reader.tree(current).items():
                if mode == "40000":
                    stack.append((f"{prefix}{name}/", oid))
                elif mode in ("100644", "100755"):
                    out[prefix + name] = oid
        return dict(sorted(out.items()))

    def _ref(self, name: str) -> str | None:
        # Read refs from the files git keeps them in, not through a long-lived git process whose ref cache could be
        # stale after a push: a loose ref file wins over packed-refs (git's "files" ref backend). Git replaces a ref
        # file by renaming a new one over it, so an unchanged (inode, mtime, size) means an unchanged ref: Argo CD
        # resolves every Application's revision on every tick.
        signature = None
        for source in (os.path.join(self._bare, name), os.path.join(self._bare, "packed-refs")):
            try:
                st = os.stat(source)
            except (FileNotFoundError, NotADirectoryError):
                continue
            if stat.S_ISREG(st.st_mode):
                signature = (source, st.st_ino, st.st_mtime_ns, st.st_size)
                break
        if signature is None:
            return None
        cached = self._refs.get(name)
        if cached is not None and cached[0] == signature:
            return cached[1]
        text = Path(signature[0]).read_text()
        value: str | None = None
        if signature[0].endswith("packed-refs"):
            for line in text.splitlines():
                if line.endswith(" " + name) and not line.startswith(("#", "^")):
                    value = line.split(" ", 1)[0]
                    break
        else:
            value = text.strip() or None
        self._refs[name] = (signature, value)
        return value

    def _git(self, *args: str, git_dir: bool = True, input_: bytes | None = None) -> str:
        argv = ["git", *(["--git-dir", str(self.bare)] if git_dir else []), *args]
        result = subprocess.run(argv, env=self._env, input=input_, capture_output=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"git {args[0]} failed: {result.stderr.decode(errors='replace').strip()[:500]}")
        return result.stdout.decode()

    def remove(self) -> None:
        """Stop and delete the repository from disk."""
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class _ObjectReader:
    """One long-lived `git cat-file --batch` per repository: objects are immutable, so everything read is cached."""

    def __init__(self, bare: Path, env: dict[str, str]) -> None:
        self._bare, self._env = bare, env
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._trees: dict[str, dict[str, tuple[str, str]]] = {}
        self._blobs: dict[str, bytes] = {}
        self._commits: dict[str, str] = {}

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                assert self._process.stdin is not None
                self._process.stdin.close()
                self._process.wait()
                self._process = None

    def _read(self, name: str) -> tuple[str, str, bytes] | None:
        """(id, type, content) of an object name (an id, an abbreviated id or `<id>^{commit}`), None when missing."""
        with self._lock:
            if self._process is None:
                self._process = subprocess.Popen(
                    ["git", "--git-dir", str(self._bare), "cat-file", "--batch"],
                    env=self._env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                )
            stdin, stdout = self._process.stdin, self._process.stdout
            assert stdin is not None and stdout is not None
            stdin.write(name.encode() + b"\n")
            stdin.flush()
            header = stdout.readline().decode().split()
            if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
                return None
            oid, kind, size = header
            content = _read_exactly(stdout, int(size))
            stdout.read(1)  # the newline after the content
            return oid, kind, content

    def commit_of(self, name: str) -> str | None:
        """The commit id a name peels to, or None."""
        if name not in self._commits:
            found = self._read(f"{name}^{{commit}}")
            if found is None:
                return None  # not cached: the object may arrive with the next push
            self._commits[name] = found[0]
        return self._commits[name]

    def tree_of_commit(self, sha: str) -> str | None:
        found = self._read(sha) if _HEX40.match(sha) else None
        if found is None or found[1] != "commit":
            return None
        return found[2].split(b"\n", 1)[0].split(b" ", 1)[1].decode()

    def tree(self, oid: str) -> dict[str, tuple[str, str]]:
        """name -> (mode, id) of a tree object."""
        if oid not in self._trees:
            found = self._read(oid)
            data = found[2] if found and found[1] == "tree" else b""
            entries: dict[str, tuple[str, str]] = {}
            pos = 0
            while pos < len(data):
                space = data.index(b" ", pos)
                nul = data.index(b"\0", space)
                mode, name = data[pos:space].decode(), data[space + 1 : nul].decode("utf-8", "surrogateescape")
                entries[name] = (mode, data[nul + 1 : nul + 21].hex())
                pos = nul + 21
            self._trees[oid] = entries
        return self._trees[oid]

    def blob(self, oid: str) -> bytes:
        if oid not in self._blobs:
            found = self._read(oid)
            self._blobs[oid] = found[2] if found else b""
        return self._blobs[oid]


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise RuntimeError("git cat-file ended early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _clean_path(path: str) -> str:
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def _blob_id(content: bytes) -> str:
    # The id git gives a blob (SHA-1 object format): compare contents with the tree without running git.
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def _data(payload: bytes) -> bytes:
    return f"data {len(payload)}\n".encode() + payload + b"\n"
