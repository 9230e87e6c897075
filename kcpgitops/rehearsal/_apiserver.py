"""One cluster's `ClusterApi` served over HTTPS on 127.0.0.1, for the real jobs (the bridge, kcp-ws-clusters).

It speaks what `kubeapi.KubeClient` sends, the way kube-apiserver answers it (sources in kubernetes/kubernetes@v1.33.0):

- authentication by bearer token (tokens mapped to users with `add_token`); anything else is 401 `Unauthorized`;
- authorization by the RBAC objects in the `ClusterApi` (`ClusterApi.authorize`), before the request is looked at
  further (`staging/src/k8s.io/apiserver/pkg/endpoints/filters/authorization.go` WithAuthorization); a denial is a
  403 whose Status message names user, verb, resource, group and namespace like
  `staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go` forbiddenMessage();
- GET of a named object, LIST of a resource (verb `list`, so a Role with `resourceNames` never allows it), and
  server-side apply: PATCH `application/apply-patch+yaml` with `fieldManager` (`force` accepted), authorized as
  `patch` and, when it creates the object, also as `create` on the object's name
  (`staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go` PatchResource(): createAuthorizerAttributes);
- core (`/api/v1/...`) and named groups (`/apis/<group>/<version>/...`), namespaced and cluster-scoped paths.

Other verbs are authorized and then refused with 405 (the jobs never send them). Request handling holds one lock:
the rehearsal's main thread touches the `ClusterApi` only while no job runs.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from ._api import ApiError, ClusterApi, clone
from ._loopback import LoopbackHttpsServer, LoopbackPki, quiet_handler, shared_pki

__all__ = ["LoopbackApiServer", "status_body"]

APPLY_CONTENT_TYPE = "application/apply-patch+yaml"
_CORE = re.compile(r"^/api/v1(?:/namespaces/(?P<ns>[^/]+)(?=/[^/]+))?/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?(?P<sub>/.+)?$")
_GROUP = re.compile(
    r"^/apis/(?P<group>[^/]+)/(?P<version>[^/]+)(?:/namespaces/(?P<ns>[^/]+)(?=/[^/]+))?"
    r"/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?(?P<sub>/.+)?$"
)
_VERBS = {"GET": "get", "PATCH": "patch", "PUT": "update", "POST": "create", "DELETE": "delete"}
# Built-in list kinds carry no apiVersion/kind on their items; custom resources do (apiextensions-apiserver lists).
_BUILTIN_GROUPS = frozenset(
    {
        "",
        "apps",
        "batch",
        "policy",
        "networking.k8s.io",
        "rbac.authorization.k8s.io",
        "apiextensions.k8s.io",
        "admissionregistration.k8s.io",
        "apiregistration.k8s.io",
        "coordination.k8s.io",
        "scheduling.k8s.io",
    }
)


def status_body(*, code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """A metav1.Status failure body as kube-apiserver writes it (field order included)."""
    body: dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message, "reason": reason}
    if details is not None:
        body["details"] = details
    body["code"] = code
    return body


class _Reply(Exception):
    """Ends request handling with a response (raised from deep inside the handler)."""

    def __init__(self, code: int, body: dict[str, Any] | bytes) -> None:
        super().__init__(code)
        self.code, self.body = code, body


class LoopbackApiServer(LoopbackHttpsServer):
    """Serves one `ClusterApi` over HTTPS; start() it, hand `url`, a token and `ca_file` to the job."""

    def __init__(self, api: ClusterApi, *, pki: LoopbackPki | None = None) -> None:
        self.api = api
        """The cluster's API (replaceable; read per request)."""
        self.pki = pki or shared_pki()
        """Serving certificate for 127.0.0.1 and the CA that verifies it."""
        self.tokens: dict[str, str] = {}
        """Bearer token -> user name (e.g. `system:serviceaccount:<ns>:<name>`)."""
        self.requests: list[tuple[str, str]] = []
        """(method, path with query) of every request, for tests."""
        self._lock = threading.Lock()
        server = self

        handler = quiet_handler(lambda request: server._serve(request), ("GET", "PATCH", "POST", "PUT", "DELETE"))

        super().__init__(handler, cert_file=self.pki.cert_file, key_file=self.pki.key_file)

    @property
    def ca_file(self) -> Path:
        """The CA certificate clients verify this server with (a service account's `ca.crt`)."""
        return self.pki.ca_file

    def add_token(self, token: str, user: str) -> None:
        """Accept `token` as `user`."""
        with self._lock:
            self.tokens[token] = user

    def issue_token(self, user: str) -> str:
        """A new random token for `user` (a service-account token; never logged)."""
        with self._lock:
            for token, known in self.tokens.items():
                if known == user:
                    return token
            token = secrets.token_urlsafe(32)
            self.tokens[token] = user
            return token

    # -- overridable hooks (the bridge test kit's fault injection) ---------------------------------------------

    def authorized(self, *, user: str, verb: str, group: str, resource: str, namespace: str, name: str, path: str) -> bool:
        """Whether the request is allowed; by default the cluster's RBAC."""
        return self.api.authorize(user=user, verb=verb, group=group, resource=resource, namespace=namespace, name=name)

    def intercept(self, method: str, path: str) -> tuple[int, dict[str, Any] | bytes] | None:
        """A canned answer for an authorized request instead of the real one (None: none)."""
        return None

    # -- request handling ------------------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append((handler.command, handler.path))
            try:
                code, reply = self._handle(handler, body)
            except _Reply as answer:
                code, reply = answer.code, answer.body
        data = reply if isinstance(reply, bytes) else json.dumps(reply).encode()
        handler.send_response(code)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Audit-Id", "00000000-0000-0000-0000-000000000000")
        handler.end_headers()
        handler.wfile.write(data)

    def _handle(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, Any] | bytes]:
        parts = urlsplit(handler.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        auth = handler.headers.get("Authorization", "")
        user = self.tokens.get(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        if user is None:
            # kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apiserver/pkg/endpoints/filters/authentication.go
            # WithAuthentication(): 401 Unauthorized.
            raise _Reply(401, status_body(code=401, reason="Unauthorized", message="Unauthorized"))
        match = _CORE.match(path) or _GROUP.match(path)
        if match is None or match["sub"]:
            raise _Reply(
                404, status_body(code=404, reason="NotFound", message="the server could not find the requested resource", details={})
            )
        group = match.groupdict().get("group") or ""
        version = match.groupdict().get("version") or "v1"
        namespace, resource, name = match["ns"] or "", match["resource"], match["name"] or ""
        verb = _VERBS.get(handler.command, handler.command.lower())
        if not name and verb == "get":
            verb = "watch" if query.get("watch", [""])[0] in ("true", "1") else "list"
        elif not name and verb == "delete":
            verb = "deletecollection"
        # The authorization filter runs before routing: a denied request is 403 whether or not the resource exists.
        self._authorize(user, verb, group, resource, namespace, name, path)
        kind = self.api.kind_for_resource(group, resource)
        if kind is None:
            raise _Reply(
                404, status_body(code=404, reason="NotFound", message="the server could not find the requested resource", details={})
            )
        canned = self.intercept(handler.command, path)
        if canned is not None:
            return canned
        api_version = f"{group}/{version}" if group else "v1"
        if verb == "get":
            obj = self.api.get(group, kind, namespace if self.api.is_namespaced(group, kind) else "", name)
            if obj is None:
                raise _Reply(404, _not_found(group, resource, name))
            return 200, obj
        if verb == "list":
            ns = namespace if self.api.is_namespaced(group, kind) else None
            items = self.api.list(group, kind, ns or None)
            if group in _BUILTIN_GROUPS:
                items = [{k: v for k, v in item.items() if k not in ("apiVersion", "kind")} for item in items]
            return 200, {
                "kind": f"{kind}List",
                "apiVersion": api_version,
                "metadata": {"resourceVersion": str(self.api.revision)},
                "items": items,
            }
        if verb == "patch":
            return self._apply(handler, body, query, user, api_version, group, kind, resource, namespace, name, path)
        raise _Reply(405, status_body(code=405, reason="MethodNotAllowed",
                                      message=f"the rehearsal's API server implements get, list and server-side apply, not {verb}",
                                      details={}))  # fmt: skip

    def _authorize(self, user: str, verb: str, group: str, resource: str, namespace: str, name: str, path: str) -> None:
        if self.authorized(user=user, verb=verb, group=group, resource=resource, namespace=namespace, name=name, path=path):
            return
        # kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
        # forbiddenMessage(), wrapped by kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go
        # NewForbidden(): `<resource>[.<group>] "<name>" is forbidden: ...`
        qualified = f"{resource}.{group}" if group else resource
        what = f'{qualified} "{name}"' if name else qualified
        scope = f'in the namespace "{namespace}"' if namespace else "at the cluster scope"
        message = f'{what} is forbidden: User "{user}" cannot {verb} resource "{resource}" in API group "{group}" {scope}'
        details: dict[str, Any] = {"name": name} if name else {}
        if group:
            details["group"] = group
        details["kind"] = resource
        raise _Reply(403, status_body(code=403, reason="Forbidden", message=message, details=details))

    def _apply(
        self,
        handler: BaseHTTPRequestHandler,
        body: bytes,
        query: dict[str, list[str]],
        user: str,
        api_version: str,
        group: str,
        kind: str,
        resource: str,
        namespace: str,
        name: str,
        path: str,
    ) -> tuple[int, dict[str, Any]]:
        if handler.headers.get("Content-Type", "").split(";")[0].strip() != APPLY_CONTENT_TYPE:
            raise _Reply(
                415,
                status_body(
                    code=415,
                    reason="UnsupportedMediaType",
                    details={},
                    message=f"the rehearsal's API server accepts only {APPLY_CONTENT_TYPE} patches",
                ),
            )
        if not name:
            raise _Reply(405, status_body(code=405, reason="MethodNotAllowed", message="a patch needs an object name", details={}))
        if not query.get("fieldManager", [""])[0]:
            # kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go ValidatePatchOptions()
            raise _Reply(422, status_body(
                code=422,
                reason="Invalid",
                message='PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
                details={"group": "meta.k8s.io", "kind": "PatchOptions", "causes": [
                    {"reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager"}]},
            ))  # fmt: skip
        try:
            obj = yaml.safe_load(body)
        except yaml.YAMLError:
            obj = None  # the parser's message would quote the body, which may be a Secret
        if not isinstance(obj, dict):
            raise _Reply(
                400, status_body(code=400, reason="BadRequest", message="error decoding YAML: the body is not one object", details={})
            )
        if obj.get("apiVersion") != api_version or obj.get("kind") != kind:
            raise _Reply(400, status_body(code=400, reason="BadRequest", details={},
                                          message=f"the API version in the data ({obj.get('apiVersion')}) and kind ({obj.get('kind')}) "
                                                  f"do not match the expected {api_version} {kind}"))  # fmt: skip
        meta = obj.setdefault("metadata", {})
        if not isinstance(meta, dict):
            raise _Reply(400, status_body(code=400, reason="BadRequest", message="metadata must be an object", details={}))
        # kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go checkName(): name and
        # namespace must match the URL.
        if meta.setdefault("name", name) != name:
            raise _Reply(
                400,
                status_body(
                    code=400,
                    reason="BadRequest",
                    details={},
                    message=f"the name of the object ({meta['name']}) does not match the name on the URL ({name})",
                ),
            )
        if namespace and meta.setdefault("namespace", namespace) != namespace:
            raise _Reply(
                400,
                status_body(
                    code=400,
                    reason="BadRequest",
                    details={},
                    message="the namespace of the provided object does not match the namespace sent on the request",
                ),
            )
        if (group, kind) == ("", "Secret"):
            for key, value in (obj.get("data") or {}).items():
                try:
                    base64.b64decode(value, validate=True)
                except (binascii.Error, ValueError, TypeError):
                    raise _Reply(
                        400,
                        status_body(
                            code=400,
                            reason="BadRequest",
                            details={},
                            message=f'Secret in version "v1" cannot be handled as a Secret: illegal base64 data in data[{key}]',
                        ),
                    ) from None
        # The main resource ignores status (the strategies' PrepareForCreate/PrepareForUpdate reset it).
        obj.pop("status", None)
        key_ns = namespace if self.api.is_namespaced(group, kind) else ""
        exists = self.api.get(group, kind, key_ns, name) is not None
        if not exists:
            self._authorize(user, "create", group, resource, namespace, name, path)
        try:
            stored = self.api.apply(clone(obj), manager=query["fieldManager"][0])
        except ApiError as exc:
            raise _Reply(
                exc.code, status_body(code=exc.code, reason=exc.reason, message=exc.message, details={"name": name, "kind": resource})
            ) from None
        return (200 if exists else 201), stored


def _not_found(group: str, resource: str, name: str) -> dict[str, Any]:
    # kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go NewNotFound():
    # `<resource>[.<group>] "<name>" not found`.
    qualified = f"{resource}.{group}" if group else resource
    details: dict[str, Any] = {"name": name}
    if group:
        details["group"] = group
    details["kind"] = resource
    return status_body(code=404, reason="NotFound", message=f'{qualified} "{name}" not found', details=details)
