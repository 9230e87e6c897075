"""A read-only Kubernetes API client that only GETs named objects (the Role grants nothing else)."""

from __future__ import annotations

import http.client
import json
import os
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ._errors import ApiError, UsageError

SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
_MAX_STATUS_MESSAGE = 300


@dataclass(frozen=True)
class Resource:
    """Where a kind lives in the API."""

    kind: str
    api_version: str
    plural: str

    def path(self, *, namespace: str, name: str) -> str:
        """The URL path of one named object."""
        prefix = "/api/v1" if self.api_version == "v1" else f"/apis/{self.api_version}"
        return f"{prefix}/namespaces/{quote(namespace, safe='')}/{self.plural}/{quote(name, safe='')}"


SECRETS = Resource(kind="Secret", api_version="v1", plural="secrets")
CONFIGMAPS = Resource(kind="ConfigMap", api_version="v1", plural="configmaps")
DEPLOYMENTS = Resource(kind="Deployment", api_version="apps/v1", plural="deployments")


class KubeClient:
    """GETs JSON objects over HTTPS with a bearer token, reusing one connection per thread."""

    def __init__(self, *, server: str, token: str | None, ca_file: Path | None, insecure: bool, timeout: float = 30.0):
        parts = urlsplit(server)
        if parts.scheme != "https" or not parts.hostname:
            raise UsageError(f"Kubernetes API server {server!r} must be an https:// URL")
        self._host = parts.hostname
        self._port = parts.port or 443
        self._base = parts.path.rstrip("/")
        self._server = server
        self._token = token
        self._timeout = timeout
        if insecure:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        else:
            try:
                context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
            except (OSError, ssl.SSLError):
                raise UsageError(f"CA file {ca_file} cannot be loaded") from None
        self._context = context
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPSConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout, context=self._context)
            self._local.conn = conn
        return conn

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None

    def get(self, *, resource: Resource, namespace: str, name: str) -> dict[str, Any]:
        """GET one named object; raise ApiError with the server's Status on failure."""
        path = resource.path(namespace=namespace, name=name)
        what = f"{resource.kind} {namespace}/{name}"
        headers = {"Accept": "application/json", "User-Agent": "kcp-bridge"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        status, body = self._request(path=self._base + path, headers=headers, what=what)
        if status == 200:
            try:
                obj = json.loads(body)
            except ValueError:
                raise ApiError(f"GET {what}: the API answered 200 with a body that is not JSON", code=200) from None
            if not isinstance(obj, dict):
                raise ApiError(f"GET {what}: the API answered 200 with JSON that is not an object", code=200)
            return obj
        raise _status_error(status=status, body=body, what=what)

    def _request(self, *, path: str, headers: dict[str, str], what: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            conn = self._connection()
            reused = getattr(conn, "sock", None) is not None
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                if response.will_close:
                    self._drop_connection()
                return response.status, body
            except ssl.SSLCertVerificationError as exc:
                self._drop_connection()
                raise ApiError(f"GET {what}: TLS verification of {self._server} failed ({exc.verify_message})") from None
            except (OSError, http.client.HTTPException) as exc:
                self._drop_connection()
                # A kept-alive connection may have been closed by the server meanwhile: retry once on a fresh one.
                if attempt == 1 and reused:
                    continue
                raise ApiError(f"GET {what}: cannot reach the Kubernetes API at {self._server} ({type(exc).__name__})") from None
        raise AssertionError("unreachable")


def _status_error(*, status: int, body: bytes, what: str) -> ApiError:
    reason, message = "", ""
    try:
        parsed = json.loads(body)
        if isinstance(parsed, dict) and parsed.get("kind") == "Status":
            reason = str(parsed.get("reason") or "")
            message = str(parsed.get("message") or "")[:_MAX_STATUS_MESSAGE]
    except ValueError:
        pass
    hints = {
        401: "the bridge's token was rejected",
        403: "the bridge's Role does not grant get on this object (resourceNames)",
        404: "it does not exist",
    }
    hint = hints.get(status, "server error" if status >= 500 else "unexpected answer")
    detail = f": {message}" if message else ""
    return ApiError(f"GET {what}: HTTP {status} {reason or 'error'} ({hint}){detail}", code=status, reason=reason)


def client_from_args(*, api_server: str | None, token_file: Path | None, ca_file: Path | None, insecure: bool) -> KubeClient:
    """Build a client from explicit flags or, by default, from the in-cluster service account."""
    if api_server is None:
        host, port = os.environ.get("KUBERNETES_SERVICE_HOST"), os.environ.get("KUBERNETES_SERVICE_PORT", "443")
        if not host:
            raise UsageError("not running in a cluster (KUBERNETES_SERVICE_HOST unset); pass --api-server")
        api_server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
        token_file = token_file or SERVICE_ACCOUNT_DIR / "token"
        ca_file = ca_file or SERVICE_ACCOUNT_DIR / "ca.crt"
    token = None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError:
            raise UsageError(f"Kubernetes token file {token_file} cannot be read") from None
        if not token:
            raise UsageError(f"Kubernetes token file {token_file} is empty")
    return KubeClient(server=api_server, token=token, ca_file=ca_file, insecure=insecure)
