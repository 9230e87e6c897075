"""Test doubles for the kcp feature: throwaway PKI and a loopback fake Kubernetes API that stores Secrets.

The fake speaks the API server's protocol for what the job uses: HTTPS, bearer-token authentication, RBAC by verb and
resourceNames (an allow list), `metav1.Status` error bodies, GET of named Secrets and server-side apply
(`PATCH` with `application/apply-patch+yaml`, `fieldManager` required, authorized as `patch` and, when it creates the
object, as `create` with the object's name, like kube-apiserver's patch handler).
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime
import ipaddress
import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.loopback_https import LoopbackHttpsServer

_PATH = re.compile(r"^/api/v1/namespaces/(?P<ns>[^/]+)/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?$")
SA_USER = "system:serviceaccount:argocd:kcp-ws-clusters"


@dataclass(frozen=True)
class Pem:
    cert: bytes
    key: bytes


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(cn: str = "test-ca") -> tuple[Pem, ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn)).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return _pem(cert, key), key, cert


def issue(ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate, cn: str, *, server: bool = False) -> Pem:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(ca_cert.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    if server:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return _pem(builder.sign(ca_key, hashes.SHA256()), key)


def _pem(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> Pem:
    return Pem(
        cert=cert.public_bytes(serialization.Encoding.PEM),
        key=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )


def kcp_admin_kubeconfig(*, front_proxy: str, ca: bytes, client: Pem, user: str = "kcp-admin") -> str:
    """A kubeconfig shaped like kcp-operator's for a FrontProxy target (contexts `base` and `default`)."""
    b64 = lambda data: base64.b64encode(data).decode()  # noqa: E731
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {"name": "base", "cluster": {"server": front_proxy, "certificate-authority-data": b64(ca)}},
            {"name": "default", "cluster": {"server": f"{front_proxy}/clusters/root", "certificate-authority-data": b64(ca)}},
        ],
        "contexts": [
            {"name": "base", "context": {"cluster": "base", "user": user}},
            {"name": "default", "context": {"cluster": "default", "user": user}},
        ],
        "current-context": "default",
        "users": [{"name": user, "user": {"client-certificate-data": b64(client.cert), "client-key-data": b64(client.key)}}],
        "preferences": {},
    }
    return yaml.safe_dump(config)


def status(code: int, reason: str, message: str, **details: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
                            "reason": reason, "code": code}
    if details:
        body["details"] = details
    return body


class FakeKube(LoopbackHttpsServer):
    """Named Secrets over HTTPS. `allowed` (verb, namespace, name) is the Role; None allows everything."""

    def __init__(self, *, cert_file: Path, key_file: Path, token: str):
        self.token = token
        self.objects: dict[tuple[str, str], dict[str, Any]] = {}
        self.allowed: set[tuple[str, str, str]] | None = None
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._version = 1000
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def send(self, code: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                api._handle(self)

            do_PATCH = do_POST = do_PUT = do_DELETE = do_GET

        super().__init__(Handler, cert_file=cert_file, key_file=key_file)

    def put_secret(self, namespace: str, name: str, data: dict[str, bytes], **meta: Any) -> None:
        obj = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": namespace, **meta}, "type": "Opaque",
               "data": {k: base64.b64encode(v).decode() for k, v in data.items()}}
        self._store(obj)

    def secret(self, namespace: str, name: str) -> dict[str, Any] | None:
        return copy.deepcopy(self.objects.get((namespace, name)))

    def writes(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if r[0] != "GET"]

    def _store(self, obj: dict[str, Any]) -> dict[str, Any]:
        self._version += 1
        meta = obj["metadata"]
        meta["resourceVersion"] = str(self._version)
        meta.setdefault("uid", f"uid-{self._version}")
        meta.setdefault("creationTimestamp", "2025-01-01T00:00:00Z")
        self.objects[(meta["namespace"], meta["name"])] = obj
        return obj

    def _authorized(self, verb: str, namespace: str, name: str) -> bool:
        return self.allowed is None or (verb, namespace, name) in self.allowed

    def _handle(self, h: Any) -> None:
        parts = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append((h.command, h.path))
            if h.headers.get("Authorization", "") != f"Bearer {self.token}":
                return h.send(401, status(401, "Unauthorized", "Unauthorized"))
            match = _PATH.match(parts.path)
            if not match or match["resource"] != "secrets" or not match["name"]:
                return h.send(404, status(404, "NotFound", "the server could not find the requested resource"))
            ns, name = match["ns"], match["name"]
            verb = {"GET": "get", "PATCH": "patch", "PUT": "update", "POST": "create", "DELETE": "delete"}[h.command]
            if not self._authorized(verb, ns, name):
                return h.send(403, self._forbidden(verb, ns, name))
            if verb == "get":
                obj = self.objects.get((ns, name))
                if obj is None:
                    return h.send(404, status(404, "NotFound", f'secrets "{name}" not found', name=name, kind="secrets"))
                return h.send(200, obj)
            if verb != "patch":
                return h.send(405, status(405, "MethodNotAllowed", f"the fake API implements no {verb}"))
            return self._apply(h, ns, name, parse_qs(parts.query), body)

    def _forbidden(self, verb: str, ns: str, name: str) -> dict[str, Any]:
        return status(403, "Forbidden", f'secrets "{name}" is forbidden: User "{SA_USER}" cannot {verb} resource "secrets" '
                      f'in API group "" in the namespace "{ns}"', name=name, kind="secrets")

    def _apply(self, h: Any, ns: str, name: str, query: dict[str, list[str]], body: bytes) -> None:
        if h.headers.get("Content-Type") != "application/apply-patch+yaml":
            return h.send(415, status(415, "UnsupportedMediaType", "the body of the request was in an unknown format"))
        if not query.get("fieldManager"):
            return h.send(400, status(400, "BadRequest", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                                                      "is required for apply patch"))
        try:
            patch = yaml.load(body, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            return h.send(400, status(400, "BadRequest", "error decoding YAML"))
        meta = (patch or {}).get("metadata") or {}
        if patch.get("apiVersion") != "v1" or patch.get("kind") != "Secret":
            return h.send(400, status(400, "BadRequest", "apiVersion and kind must be v1 Secret"))
        if meta.get("name") != name or meta.get("namespace", ns) != ns:
            return h.send(400, status(400, "BadRequest", "the name or namespace of the object does not match the request"))
        for key, value in (patch.get("data") or {}).items():
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError, TypeError):
                return h.send(422, status(422, "Invalid", f"Secret \"{name}\" is invalid: data[{key}]: illegal base64 data"))
        existing = self.objects.get((ns, name))
        if existing is None:
            if not self._authorized("create", ns, name):
                return h.send(403, self._forbidden("create", ns, name))
            obj = {"apiVersion": "v1", "kind": "Secret", "metadata": {**copy.deepcopy(meta), "namespace": ns},
                   "type": patch.get("type", "Opaque"), "data": copy.deepcopy(patch.get("data") or {})}
            return h.send(201, self._store(obj))
        obj = copy.deepcopy(existing)
        for part in ("labels", "annotations"):
            if meta.get(part):
                obj["metadata"].setdefault(part, {}).update(meta[part])
        # This manager owns every data key it applied before: the applied set replaces them.
        obj["data"] = copy.deepcopy(patch.get("data") or {})
        obj["type"] = patch.get("type", obj.get("type", "Opaque"))
        return h.send(200, self._store(obj))
