"""A protocol-faithful fake Kubernetes API on loopback: HTTPS, bearer tokens, RBAC by resourceNames, Status bodies."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from tests.loopback_https import LoopbackHttpsServer

_PATH = re.compile(
    r"^/(?:api/v1|apis/(?P<group>[^/]+)/(?P<version>[^/]+))/namespaces/(?P<ns>[^/]+)/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?$"
)
SA_USER = "system:serviceaccount:kcp-zheng:kcp-bridge"


def status(*, code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """A metav1.Status body as the API server writes it."""
    body: dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message, "reason": reason}
    if details is not None:
        body["details"] = details
    body["code"] = code
    return body


class FakeKubeApi(LoopbackHttpsServer):
    """Serves named objects; a Role-like allow list turns everything else into 403."""

    def __init__(self, *, cert_file: Path, key_file: Path, token: str):
        self.token = token
        self.objects: dict[str, dict[str, Any]] = {}
        self.allowed: set[str] | None = None
        self.failures: dict[str, int] = {}
        self.raw_bodies: dict[str, bytes] = {}
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, code: int, body: dict[str, Any] | bytes) -> None:
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Audit-Id", "00000000-0000-0000-0000-000000000000")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                api._handle(self, "get")

            def do_POST(self) -> None:
                api._handle(self, "create")

            def do_PUT(self) -> None:
                api._handle(self, "update")

            def do_PATCH(self) -> None:
                api._handle(self, "patch")

            def do_DELETE(self) -> None:
                api._handle(self, "delete")

        super().__init__(Handler, cert_file=cert_file, key_file=key_file)

    def put(self, path: str, obj: dict[str, Any]) -> None:
        """Store an object at its API path."""
        self.objects[path] = obj

    def _handle(self, handler: BaseHTTPRequestHandler, verb: str) -> None:
        path = handler.path.split("?", 1)[0]
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            handler.rfile.read(length)
        with self._lock:
            self.requests.append((handler.command, handler.path))
        auth = handler.headers.get("Authorization", "")
        if auth != f"Bearer {self.token}":
            handler._send(401, status(code=401, reason="Unauthorized", message="Unauthorized"))  # type: ignore[attr-defined]
            return
        match = _PATH.match(path)
        if not match:
            handler._send(404, status(code=404, reason="NotFound", message="the server could not find the requested resource", details={}))  # type: ignore[attr-defined]
            return
        resource, name, ns = match["resource"], match["name"], match["ns"]
        group = match["group"] or ""
        if not name:
            verb = "list" if verb == "get" else verb
        if verb != "get" or (self.allowed is not None and path not in self.allowed):
            what = f'{resource} "{name}"' if name else resource
            message = (
                f'{what} is forbidden: User "{SA_USER}" cannot {verb} resource "{resource}" in API group "{group}" in the namespace "{ns}"'
            )
            handler._send(403, status(code=403, reason="Forbidden", message=message, details={"name": name or "", "kind": resource}))  # type: ignore[attr-defined]
            return
        if path in self.failures:
            code = self.failures[path]
            handler._send(code, status(  # type: ignore[attr-defined]
                code=code, reason="InternalError", message="Internal error occurred: etcdserver: request timed out",
                details={"causes": [{"message": "etcdserver: request timed out"}]},
            ))  # fmt: skip
            return
        if path in self.raw_bodies:
            handler._send(200, self.raw_bodies[path])  # type: ignore[attr-defined]
            return
        obj = self.objects.get(path)
        if obj is None:
            handler._send(
                404, status(code=404, reason="NotFound", message=f'{resource} "{name}" not found', details={"name": name, "kind": resource})
            )  # type: ignore[attr-defined]
            return
        handler._send(200, obj)  # type: ignore[attr-defined]
