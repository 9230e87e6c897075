"""A minimal Kubernetes API client: GET and server-side apply of named Secrets, nothing else.

Standard library only (http.client + ssl). Errors carry the HTTP code and the server's Status reason/message, never a
request or response body.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
APPLY_CONTENT_TYPE = "application/apply-patch+yaml"
_MAX_MESSAGE = 300


class UsageError(Exception):
    """Bad flags or environment; exit code 2."""


class ApiError(Exception):
    """The Kubernetes API refused or failed a request."""

    def __init__(self, message: str, *, code: int = 0, reason: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


def secret_path(namespace: str, name: str) -> str:
    return f"/api/v1/namespaces/{quote(namespace, safe='')}/secrets/{quote(name, safe='')}"


class KubeClient:
    """Talks JSON to one API server over HTTPS with a bearer token."""

    def __init__(self, *, server: str, token: str, ca_file: Path | None, timeout: float = 30.0, user_agent: str = "kcp-ws-clusters"):
        parts = urlsplit(server)
        if parts.scheme != "https" or not parts.hostname:
            raise UsageError(f"Kubernetes API server {server!r} must be an https:// URL")
        self._host, self._port, self._base = parts.hostname, parts.port or 443, parts.path.rstrip("/")
        self._server = server
        self._token = token
        self._timeout = timeout
        self._user_agent = user_agent
        try:
            self._context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        except (OSError, ssl.SSLError):
            raise UsageError(f"CA file {ca_file} cannot be loaded") from None
        self._conn: http.client.HTTPSConnection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def get_secret(self, namespace: str, name: str) -> dict[str, Any] | None:
        """The Secret, or None when it does not exist."""
        what = f"GET Secret {namespace}/{name}"
        status, body = self._request("GET", secret_path(namespace, name), what=what)
        if status == 404:
            return None
        if status != 200:
            raise _status_error(status, body, what)
        return _json_object(body, what)

    def apply_secret(self, secret: dict[str, Any], *, field_manager: str) -> dict[str, Any]:
        """Server-side apply (creates or updates); the body is JSON, which is YAML too."""
        meta = secret["metadata"]
        what = f"APPLY Secret {meta['namespace']}/{meta['name']}"
        query = urlencode({"fieldManager": field_manager, "force": "true"})
        status, body = self._request(
            "PATCH", f"{secret_path(meta['namespace'], meta['name'])}?{query}", what=what,
            body=json.dumps(secret, sort_keys=True).encode(), content_type=APPLY_CONTENT_TYPE,
        )
        if status not in (200, 201):
            raise _status_error(status, body, what)
        return _json_object(body, what)

    def _request(self, method: str, path: str, *, what: str, body: bytes | None = None, content_type: str | None = None) -> tuple[int, bytes]:
        headers = {"Accept": "application/json", "User-Agent": self._user_agent, "Authorization": f"Bearer {self._token}"}
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout, context=self._context)
            reused = self._conn.sock is not None
            try:
                self._conn.request(method, self._base + path, body=body, headers=headers)
                response = self._conn.getresponse()
                data = response.read()
                if response.will_close:
                    self.close()
                return response.status, data
            except ssl.SSLCertVerificationError as exc:
                self.close()
                raise ApiError(f"{what}: TLS verification of {self._server} failed ({exc.verify_message})") from None
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                if attempt == 1 and reused:  # a kept-alive connection the server closed meanwhile
                    continue
                raise ApiError(f"{what}: cannot reach the Kubernetes API at {self._server} ({type(exc).__name__})") from None
        raise AssertionError("unreachable")


def _json_object(body: bytes, what: str) -> dict[str, Any]:
    try:
        obj = json.loads(body)
    except ValueError:
        raise ApiError(f"{what}: the API answered with a body that is not JSON") from None
    if not isinstance(obj, dict):
        raise ApiError(f"{what}: the API answered with JSON that is not an object")
    return obj


def _status_error(status: int, body: bytes, what: str) -> ApiError:
    reason, message = "", ""
    try:
        parsed = json.loads(body)
        if isinstance(parsed, dict) and parsed.get("kind") == "Status":
            reason = str(parsed.get("reason") or "")
            message = str(parsed.get("message") or "")[:_MAX_MESSAGE]
    except ValueError:
        pass
    hints = {
        401: "the service account token was rejected",
        403: "the Role does not grant this on this Secret (resourceNames)",
        404: "not found",
        409: "conflict",
        422: "the API rejected the object",
    }
    hint = hints.get(status, "server error" if status >= 500 else "unexpected answer")
    detail = f": {message}" if message else ""
    return ApiError(f"{what}: HTTP {status} {reason or 'error'} ({hint}){detail}", code=status, reason=reason)


def client_from_args(*, api_server: str | None, token_file: Path | None, ca_file: Path | None) -> KubeClient:
    """From explicit flags, or by default from the in-cluster service account."""
    if api_server is None:
        host, port = os.environ.get("KUBERNETES_SERVICE_HOST"), os.environ.get("KUBERNETES_SERVICE_PORT", "443")
        if not host:
            raise UsageError("not running in a cluster (KUBERNETES_SERVICE_HOST unset); pass --api-server")
        api_server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
        token_file = token_file or SERVICE_ACCOUNT_DIR / "token"
        ca_file = ca_file or SERVICE_ACCOUNT_DIR / "ca.crt"
    if token_file is None:
        raise UsageError("--token-file is required with --api-server")
    try:
        token = token_file.read_text(encoding="utf-8").strip()
    except OSError:
        raise UsageError(f"token file {token_file} cannot be read") from None
    if not token:
        raise UsageError(f"token file {token_file} is empty")
    return KubeClient(server=api_server, token=token, ca_file=ca_file)
