"""Git through the git CLI without a working tree: blobless shallow clone, fast-import commits, push with retries."""

# Nothing is checked out: the bridge reads trees (`ls-tree`) and the few blobs it needs (`cat-file --batch`) and
# writes its per-shard commits in one `git fast-import` stream, so thousands of sealed files cost little.

from __future__ import annotations

import hashlib
import os
import random
import shlex
import stat
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import GitError, UsageError

DEFAULT_TOKEN_FILE = Path("/var/run/secrets/kcp-bridge/git/token")
DEFAULT_SSH_KEY_FILE = Path("/var/run/secrets/kcp-bridge/git/ssh-privatekey")
DEFAULT_KNOWN_HOSTS_FILE = Path("/var/run/secrets/kcp-bridge/git/known_hosts")
_PASSTHROUGH_ENV = (
    "PATH",
    "TMPDIR",
    "GIT_SSL_CAINFO",
    "GIT_SSL_CAPATH",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "http_proxy",
    "https_proxy",
    "HTTPS_PROXY",
    "no_proxy",
    "NO_PROXY",
)
# The helper reads the token file when git asks, so the token is never in argv, env, a URL or a config file;
# `read` and `printf` are shell builtins, so no child process sees it either.
_ASKPASS = """#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "$BRIDGE_GIT_USERNAME" ;;
  *) IFS= read -r token < "$BRIDGE_GIT_TOKEN_FILE" || true; printf '%s\\n' "$token" ;;
esac
"""
_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 8.0
_STDERR_LIMIT = 600
# Sealed values are random, so delta search while packing only burns CPU.
_GIT_CONFIG = (
    "credential.helper=", f"core.hooksPath={os.devnull}", "commit.gpgSign=false", "pack.window=0", "gc.auto=0",
    # A throwaway clone needs no durability: the server fsyncs what it receives.
    "core.fsync=none",
)  # fmt: skip


@dataclass(frozen=True)
class GitCredentials:
    """Where git credentials live; only file paths are ever held in memory."""

    token_file: Path | None
    username: str
    ssh_key_file: Path | None
    known_hosts_file: Path | None

    def check(self, *, ssh: bool, https: bool) -> None:
        """Fail early (usage error) when the credential files a repository needs are unreadable."""
        if https and self.token_file is not None and not os.access(self.token_file, os.R_OK):
            raise UsageError(f"git token file {self.token_file} cannot be read")
        if ssh:
            for label, path in (("SSH key", self.ssh_key_file), ("known_hosts", self.known_hosts_file)):
                if path is None or not os.access(path, os.R_OK):
                    raise UsageError(f"{label} file {path} cannot be read; SSH repositories need --ssh-key-file and --known-hosts-file")


class GitEnvironment:
    """An isolated environment for git: no user/system config, no prompts, askpass or pinned SSH."""

    def __init__(self, *, credentials: GitCredentials, workdir: Path):
        home = workdir / "home"
        home.mkdir(mode=0o700)
        env = {k: os.environ[k] for k in _PASSTHROUGH_ENV if k in os.environ}
        env.update(HOME=str(home), LC_ALL="C", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_TERMINAL_PROMPT="0")
        if credentials.token_file is not None:
            askpass = workdir / "askpass.sh"
            askpass.write_text(_ASKPASS)
            askpass.chmod(stat.S_IRWXU)
            env.update(
                GIT_ASKPASS=str(askpass),
                BRIDGE_GIT_TOKEN_FILE=str(credentials.token_file.resolve()),
                BRIDGE_GIT_USERNAME=credentials.username,
            )
        if credentials.ssh_key_file is not None and credentials.known_hosts_file is not None:
            ssh = (
                "ssh", "-i", str(credentials.ssh_key_file.resolve()), "-F", os.devnull,
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={credentials.known_hosts_file.resolve()}",
                "-o", "GlobalKnownHostsFile=/dev/null",
            )  # fmt: skip
            env["GIT_SSH_COMMAND"] = " ".join(shlex.quote(part) for part in ssh)
        self.env = env

    def run(
        self, *args: str, cwd: Path, check: bool = True, input: bytes | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[bytes]:
        """Run one git command; on failure raise GitError with (bounded) stderr."""
        argv = ["git"] + [item for setting in _GIT_CONFIG for item in ("-c", setting)] + list(args)
        try:
            result = subprocess.run(argv, cwd=cwd, env=self.env, capture_output=True, input=input, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise GitError(f"git {args[0]} timed out after {timeout:.0f}s") from None
        if check and result.returncode != 0:
            raise GitError(f"git {args[0]} failed: {_tail(result.stderr)}")
        return result


def _tail(data: bytes | str) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = " | ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return text[-_STDERR_LIMIT:] or "(no output)"


@dataclass(frozen=True)
class Entry:
    """One tree entry."""

    mode: str
    kind: str
    oid: str


@dataclass
class CommitSpec:
    """One commit to create: file contents to write and paths to delete, relative to the repository root."""

    message: str
    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)


class Checkout:
    """A shallow bare clone of one repository branch."""

    def __init__(self, *, git: GitEnvironment, url: str, branch: str, directory: Path, author: tuple[str, str]):
        self.git = git
        self.url = url
        self.branch = branch
        self.dir = directory
        self.author = author
        self.ref = f"refs/heads/{branch}"
        self._hash = hashlib.sha1

    def clone(self) -> None:
        """Shallow-clone the branch (no working tree), or start it empty when the remote does not have it."""
        result = self.git.run(
            "clone", "--quiet", "--bare", "--depth", "1", "--filter=blob:none", "--branch", self.branch, "--single-branch", "--no-tags",
            "--", self.url, str(self.dir), cwd=self.dir.parent, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            if b"not found in upstream origin" not in result.stderr:
                raise GitError(f"cannot clone {self.url} branch {self.branch}: {_tail(result.stderr)}")
            self.dir.mkdir(exist_ok=True)
            self.git.run("init", "--quiet", "--bare", cwd=self.dir)
            self.git.run("remote", "add", "origin", self.url, cwd=self.dir)
            self.git.run("symbolic-ref", "HEAD", self.ref, cwd=self.dir)
        fmt = self.git.run("rev-parse", "--show-object-format", cwd=self.dir, check=False).stdout.strip()
        self._hash = hashlib.sha256 if fmt == b"sha256" else hashlib.sha1

    def tip(self) -> str | None:
        """The local branch tip, or None on a branch that does not exist yet."""
        result = self.git.run("rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}", cwd=self.dir, check=False)
        return result.stdout.decode().strip() if result.returncode == 0 else None

    def blob_id(self, *, content: bytes) -> str:
        """The object id git gives this content."""
        return self._hash(b"blob %d\0" % len(content) + content).hexdigest()

    def list_tree(self, *, paths: list[str]) -> dict[str, Entry]:
        """Every entry (recursive, including the trees leading to them) under the given paths at the tip."""
        if self.tip() is None:
            return {}
        prefixes = sorted({p for path in paths for p in _ancestors(path)})
        out = self.git.run("ls-tree", "-r", "-t", "-z", "--full-tree", self.ref, "--", *prefixes, cwd=self.dir).stdout
        entries = {}
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            mode, kind, oid = meta.decode().split()
            entries[name.decode("utf-8", "surrogateescape")] = Entry(mode=mode, kind=kind, oid=oid)
        return entries

    def _fetch_missing(self, oids: list[str]) -> None:
        # A blobless clone has no blobs; fetch the ones we read in one request instead of one lazy fetch each.
        tip = self.tip()
        if tip is None:
            return
        listing = self.git.run("rev-list", "--objects", "--missing=print", "--no-object-names", tip, cwd=self.dir).stdout
        missing = {line[1:].decode() for line in listing.splitlines() if line.startswith(b"?")}
        wanted = [oid for oid in oids if oid in missing]
        if wanted:
            self.git.run(
                "-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                "--recurse-submodules=no", "--filter=blob:none", "origin", "--stdin",
                cwd=self.dir, input="".join(f"{oid}\n" for oid in wanted).encode(),
            )  # fmt: skip

    def read_blobs(self, *, oids: list[str]) -> dict[str, bytes]:
        """Contents of blobs (fetched first if this is a blobless clone), read in one `cat-file --batch`."""
        if not oids:
            return {}
        self._fetch_missing(oids)
        out = self.git.run("cat-file", "--batch", cwd=self.dir, input="".join(f"{o}\n" for o in oids).encode()).stdout
        blobs, pos = {}, 0
        while pos < len(out):
            end = out.index(b"\n", pos)
            header = out[pos:end].decode().split()
            if len(header) != 3:
                raise GitError(f"git cat-file could not read object {header[0] if header else '?'}")
            size = int(header[2])
            blobs[header[0]] = out[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
        return blobs

    def commit(self, *, commits: list[CommitSpec]) -> list[str]:
        """Append the commits to the local branch in one fast-import stream; returns their ids."""
        if not commits:
            return []
        parent = self.tip()
        name, email = self.author
        when = f"{int(time.time())} +0000"
        stream = bytearray()
        for number, spec in enumerate(commits, start=1):
            message = spec.message.encode()
            stream += f"commit {self.ref}\nmark :{number}\n".encode()
            stream += f"author {name} <{email}> {when}\ncommitter {name} <{email}> {when}\n".encode()
            stream += b"data %d\n%s\n" % (len(message), message)
            if number == 1 and parent:
                stream += f"from {parent}\n".encode()
            for path in spec.deletes:
                stream += f"D {path}\n".encode()
            for path, content in spec.writes.items():
                stream += b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(content), content)
            stream += b"\n"
        stream += b"done\n"
        marks = self.dir / "bridge-marks"
        self.git.run("fast-import", "--quiet", "--done", "--depth=0", f"--export-marks={marks}", cwd=self.dir, input=bytes(stream))
        ids = dict(line.split(" ", 1) for line in marks.read_text().splitlines())
        return [ids[f":{n}"].strip() for n in range(1, len(commits) + 1)]

    def push(self, *, retries: int, redo: Callable[[], bool], sleep: Callable[[float], None] = time.sleep) -> int:
        """Push; on rejection fetch the new tip, re-apply our commits (redo: False if nothing is left) and retry."""
        for attempt in range(retries + 1):
            result = self.git.run("push", "--porcelain", "origin", f"{self.ref}:{self.ref}", cwd=self.dir, check=False)
            if result.returncode == 0:
                return attempt
            output = result.stdout + result.stderr
            if b"[rejected]" not in output and b"[remote rejected]" not in output:
                raise GitError(f"push to {self.url} branch {self.branch} failed: {_tail(result.stderr or result.stdout)}")
            if attempt == retries:
                break
            sleep(min(_BACKOFF_CAP, _BACKOFF_BASE * 2**attempt) * (1 + random.random() / 2))
            # Rebase: take the branch as it is now and re-apply this cycle's per-shard commits on top of it.
            self.git.run(
                "fetch", "--quiet", "--no-tags", "--depth", "1", "origin", f"+{self.ref}:refs/remotes/origin/{self.branch}", cwd=self.dir
            )
            self.git.run("update-ref", self.ref, f"refs/remotes/origin/{self.branch}", cwd=self.dir)
            if not redo():
                return attempt + 1
        raise GitError(
            f"push to {self.url} branch {self.branch} was still rejected after {retries} retries "
            "(the branch keeps moving or is protected); nothing was force-pushed"
        )


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
