"""A real Git server on loopback: `git http-backend` behind a small HTTPS server with Basic (token) auth."""

from __future__ import annotations

import base64
import os
import subprocess
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.loopback_https import LoopbackHttpsServer

GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "someone-else",
    "GIT_AUTHOR_EMAIL": "someone@example.invalid",
    "GIT_COMMITTER_NAME": "someone-else",
    "GIT_COMMITTER_EMAIL": "someone@example.invalid",
    "LC_ALL": "C",
}


def git(*args: str, cwd: Path | None = None, check: bool = True, input_: bytes | None = None) -> str:
    """Run git with an isolated configuration and return stdout."""
    env = {"PATH": os.environ["PATH"], "HOME": str(cwd or Path.cwd()), **GIT_ENV}
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, input=input_.decode() if input_ is not None else None, text=True
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def init_bare(*, path: Path, seed_files: dict[str, str] | None = None, branch: str = "main") -> Path:
    """Create a bare repository, optionally with a first commit holding seed files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    git("init", "--quiet", "--bare", f"--initial-branch={branch}", str(path))
    if seed_files:
        commit_files(bare=path, files=seed_files, message="seed", branch=branch)
    return path


def commit_files(*, bare: Path, files: dict[str, str], message: str, branch: str = "main") -> str:
    """Land a commit in a bare repository directly (as another writer would), returning its id."""
    work = bare.parent / f".work-{os.getpid()}-{threading.get_ident()}"
    if work.exists():
        subprocess.run(["rm", "-rf", str(work)], check=True)
    heads = git("ls-remote", "--heads", str(bare), branch)
    if heads.strip():
        git("clone", "--quiet", "--branch", branch, str(bare), str(work))
    else:
        git("init", "--quiet", f"--initial-branch={branch}", str(work))
        git("remote", "add", "origin", str(bare), cwd=work)
    for name, content in files.items():
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    git("add", "--all", cwd=work)
    git("commit", "--quiet", "-m", message, cwd=work)
    git("push", "--quiet", "origin", f"HEAD:refs/heads/{branch}", cwd=work)
    sha = git("rev-parse", "HEAD", cwd=work).strip()
    subprocess.run(["rm", "-rf", str(work)], check=True)
    return sha


class GitHttpServer(LoopbackHttpsServer):
    """Serves every bare repository under root at https://127.0.0.1:PORT/<name>.git."""

    def __init__(self, *, root: Path, cert_file: Path, key_file: Path, username: str, token: str):
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

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self)

            def do_POST(self) -> None:
                server._handle(self)

        super().__init__(Handler, cert_file=cert_file, key_file=key_file)

    def _authorized(self, header: str) -> bool:
        expected = base64.b64encode(f"{self.username}:{self.token}".encode()).decode()
        return header == f"Basic {expected}"

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
            handler.send_header("WWW-Authenticate", 'Basic realm="bridge-test"')
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
            "REMOTE_USER": self.username,
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
