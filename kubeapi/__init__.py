"""A small Kubernetes API client for the project's jobs: GET and server-side apply of named objects, nothing else.

Standard library only (http.client + ssl), so the job images stay small. Errors carry the HTTP code and the
server's Status reason and (truncated) message, never a request or response body: the objects are Secrets.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

__all__ = ["CONFIGMAPS", "DEPLOYMENTS", "SECRETS", "ApiError", "KubeClient", "Resource", "UsageError", "client_from_args"]

SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
APPLY_CONTENT_TYPE = "application/apply-patch+yaml"
_MAX_STATUS_MESSAGE = 300
_DEFAULT_HINTS = {401: "the token was rejected", 403: "the Role does not allow this (resourceNames)", 404: "it does not exist"}


class UsageError(Exception):
    """Bad flags, environment or credential files."""


class ApiError(Exception):
    """The Kubernetes API answered with an error or could not be reached."""

    def __init__(self, message: str, *, code: int | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason


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
    """Talks JSON to one API server over HTTPS with a bearer token, one kept-alive connection per thread.

    Failures raise `error_type` (an `ApiError` subclass of the caller's, so it keeps its own exception hierarchy);
    `hints` explains status codes in the caller's terms, e.g. which Role to look at on a 403.
    """

    def __init__(self, *, server: str, token: str | None, ca_file: Path | None, insecure: bool = False, timeout: float = 30.0,
                 user_agent: str = "kcp-zheng-gitops", hints: Mapping[int, str] | None = None,
                 error_type: type[ApiError] = ApiError) -> None:
        parts = urlsplit(server)
        if parts.scheme != "https" or not parts.hostname:
            raise UsageError(f"Kubernetes API server {server!r} must be an https:// URL")
        self._host, self._port, self._base = parts.hostname, parts.port or 443, parts.path.rstrip("/")
        self._server, self._token, self._timeout, self._user_agent = server, token, timeout, user_agent
        self._hints = {**_DEFAULT_HINTS, **(hints or {})}
        self._error = error_type
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

    def get(self, *, resource: Resource, namespace: str, name: str) -> dict[str, Any]:
        """GET one named object; raise `error_type` with the server's Status on failure (404 included)."""
        what = f"GET {resource.kind} {namespace}/{name}"
        status, body = self._request("GET", resource.path(namespace=namespace, name=name), what=what)
        if status != 200:
            raise self._status_error(status, body, what)
        return self._json_object(body, what)

    def apply(self, *, resource: Resource, obj: dict[str, Any], field_manager: str) -> dict[str, Any]:
        """Server-side apply (create or update) one object; the body is JSON, which is YAML too."""
        meta = obj["metadata"]
        what = f"APPLY {resource.kind} {meta['namespace']}/{meta['name']}"
        query = urlencode({"fieldManager": field_manager, "force": "true"})
        status, body = self._request(
            "PATCH", f"{resource.path(namespace=meta['namespace'], name=meta['name'])}?{query}", what=what,
            body=json.dumps(obj, sort_keys=True).encode(), content_type=APPLY_CONTENT_TYPE,
        )
        if status not in (200, 201):
            raise self._status_error(status, body, what)
        return self._json_object(body, what)

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None

    def _request(self, method: str, path: str, *, what: str, body: bytes | None = None,
                 content_type: str | None = None) -> tuple[int, bytes]:
        headers = {"Accept": "application/json", "User-Agent": self._user_agent}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in (1, 2):
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self._local.conn = http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout,
                                                                       context=self._context)
            reused = conn.sock is not None
            try:
                conn.request(method, self._base + path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                if response.will_close:
                    self.close()
                return response.status, data
            except ssl.SSLCertVerificationError as exc:
                self.close()
                raise self._error(f"{what}: TLS verification of {self._server} failed ({exc.verify_message})") from None
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                if attempt == 1 and reused:  # a kept-alive connection the server closed meanwhile: retry once
                    continue
                raise self._error(f"{what}: cannot reach the Kubernetes API at {self._server} ({type(exc).__name__})") from None
        raise AssertionError("unreachable")

    def _json_object(self, body: bytes, what: str) -> dict[str, Any]:
        try:
            obj = json.loads(body)
        except ValueError:
            raise self._error(f"{what}: the API answered with a body that is not JSON") from None
        if not isinstance(obj, dict):
            raise self._error(f"{what}: the API answered with JSON that is not an object")
        return obj

    def _status_error(self, status: int, body: bytes, what: str) -> ApiError:
        reason, message = "", ""
        try:
            parsed = json.loads(body)
            if isinstance(parsed, dict) and parsed.get("kind") == "Status":
                reason = str(parsed.get("reason") or "")
                message = str(parsed.get("message") or "")[:_MAX_STATUS_MESSAGE]
        except ValueError:
            pass
        hint = self._hints.get(status, "server error" if status >= 500 else "unexpected answer")
        detail = f": {message}" if message else ""
        return self._error(f"{what}: HTTP {status} {reason or 'error'} ({hint}){detail}", code=status, reason=reason)


def client_from_args(*, api_server: str | None, token_file: Path | None, ca_file: Path | None, insecure: bool = False,
                     require_token: bool = True, client_type: type[KubeClient] = KubeClient, **client: Any) -> KubeClient:
    """A `client_type` from explicit flags or, by default, from the in-cluster service account."""
    if api_server is None:
        host, port = os.environ.get("KUBERNETES_SERVICE_HOST"), os.environ.get("KUBERNETES_SERVICE_PORT", "443")
        if not host:
            raise UsageError("not running in a cluster (KUBERNETES_SERVICE_HOST unset); pass --api-server")
        api_server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
        token_file = token_file or SERVICE_ACCOUNT_DIR / "token"
        ca_file = ca_file or SERVICE_ACCOUNT_DIR / "ca.crt"
    token = None
    if token_file is None and require_token:
        raise UsageError("--token-file is required with --api-server")
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError:
            raise UsageError(f"Kubernetes token file {token_file} cannot be read") from None
        if not token:
            raise UsageError(f"Kubernetes token file {token_file} is empty")
    return client_type(server=api_server, token=token, ca_file=ca_file, insecure=insecure, **client)
