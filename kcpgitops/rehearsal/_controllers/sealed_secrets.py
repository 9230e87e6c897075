"""The Sealed Secrets controller v0.36.6 (chart 2.18.5): its key pair, its certificate, and real unsealing.

What it does, as the controller does it (bitnami-labs/sealed-secrets@v0.36.6):
- at start it loads the key Secrets labelled `sealedsecrets.bitnami.com/sealed-secrets-key: active` from its own
  namespace and, when there is none, generates an RSA key (`--key-size`, default 4096; here `key_size`, 2048, unless
  the Deployment passes the flag) with a self-signed certificate
  valid for `--key-ttl` (10 years) and stores it as a `kubernetes.io/tls` Secret named `<key-prefix><5 random>`
  (`pkg/controller/main.go` initKeyRegistry/initKeyRenewal, `keys.go` writeKey, `pkg/crypto/keys.go`); a new key
  every `--key-renew-period` (30 days), old keys kept; `certificate_pem` is the newest certificate, what
  `kubeseal --fetch-cert` gets from `/v1/cert.pem` (`server.go`);
- it processes a SealedSecret when it appears, when its spec changes, and once for every SealedSecret when the
  controller starts (informers without resync; `controller.go` watchSealedSecrets); a failure is retried a few times
  at once and then given up until the next change, so it shows in the status and stays (`processNextItem`);
- unsealing: per value RSA-OAEP(SHA-256) of an AES-256-GCM session key, the label fixed by the SealedSecret's scope
  annotations (`pkg/apis/sealedsecrets/v1alpha1/sealedsecret_expansion.go` Unseal, `pkg/crypto/crypto.go`); the
  Secret is created or updated with an owner reference to its SealedSecret, and an existing Secret it does not own
  (and that is not annotated `sealedsecrets.bitnami.com/managed` or `patch`) is left alone with an error
  (`controller.go` unseal()); the status carries the `Synced` condition and `observedGeneration`
  (updateSealedSecretStatus).

Simplified: `spec.template.data` (Go templates over the decrypted values) and the deprecated `spec.data` field are
reported as errors rather than rendered; Secret deletions are not watched (the chart's default, `watchForSecrets:
false`); keys are generated once per (cluster, key number) per process and cached, so scenarios of one run share them
(RSA keys from `_keys.rsa_private_key`, a pool of primes); a certificate's serial is a digest of its key and notBefore
instead of random, so the same key at the same simulated time gives the same certificate.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import struct
from dataclasses import dataclass, field
from datetime import timedelta

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import ExtensionOID

from .._api import ApiError, Key, describe, key_of
from .._keys import rsa_private_key
from .._world import Cluster
from .workloads import QuietGate, go_duration, rfc3339, running_marker, simulated_datetime

__all__ = ["SealedSecretsController", "UnsealError", "certificate_pem", "unseal"]

ACTOR = "sealed-secrets"
GROUP = "bitnami.com"
KEY_LABEL = "sealedsecrets.bitnami.com/sealed-secrets-key"
"""pkg/controller/keys.go SealedSecretsKeyLabel."""
_ANNOTATION = "sealedsecrets.bitnami.com/"
_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"  # apiserver generateName suffixes (SimpleNameGenerator)
_KEYS: dict[tuple, rsa.RSAPrivateKey] = {}
_LOADED: dict[str, rsa.RSAPrivateKey] = {}


class UnsealError(Exception):
    """Why a SealedSecret cannot be unsealed, in the controller's words."""


def unseal(sealed: dict, private_keys: list[rsa.RSAPrivateKey]) -> tuple[dict[str, bytes], str]:
    """The decrypted data and Secret type of a SealedSecret; UnsealError as the controller reports it."""
    # pkg/apis/sealedsecrets/v1alpha1/sealedsecret_expansion.go Unseal(): the label comes from the SealedSecret's
    # own metadata (labelFor(smeta)), so a scope cannot be widened by editing the template.
    meta, spec = sealed["metadata"], sealed.get("spec") or {}
    annotations = meta.get("annotations") or {}
    if annotations.get(_ANNOTATION + "cluster-wide") == "true":
        label = b""
    elif annotations.get(_ANNOTATION + "namespace-wide") == "true":
        label = meta.get("namespace", "").encode()
    else:
        label = f"{meta.get('namespace', '')}/{meta.get('name', '')}".encode()
    if spec.get("data") is not None:
        raise UnsealError("using deprecated 'data' field, use 'encryptedData' or flip the feature flag")
    template = spec.get("template") or {}
    if template.get("data"):
        raise UnsealError("spec.template.data (templated values) is not modelled by the rehearsal")
    data: dict[str, bytes] = {}
    errors: dict[str, list[str]] = {}
    for name in sorted(spec.get("encryptedData") or {}):
        value = spec["encryptedData"][name]
        try:
            blob = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            errors.setdefault(f"illegal base64 data at input byte {_bad_base64_at(value)}", []).append(name)
            continue
        plaintext = _hybrid_decrypt(private_keys, blob, label)
        if plaintext is None:
            errors.setdefault("no key could decrypt secret", []).append(name)
            continue
        data[name] = plaintext
    if errors:
        # multierror.Uniq groups equal messages and lists their keys: "no key could decrypt secret (a, b)"; the
        # distinct messages are joined by InlineFormatter with "; " (Go map order made stable here).
        raise UnsealError("; ".join(f"{message} ({', '.join(names)})" for message, names in errors.items()))
    return data, template.get("type") or "Opaque"


def _bad_base64_at(value: str) -> int:
    alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
    return next((i for i, char in enumerate(value) if char not in alphabet), len(value))


def _hybrid_decrypt(keys: list[rsa.RSAPrivateKey], blob: bytes, label: bytes) -> bytes | None:
    # pkg/crypto/crypto.go HybridDecrypt()/singleDecrypt(): uint16 length, RSA-OAEP(SHA-256) session key,
    # AES-256-GCM with a zero nonce; every key is tried, the first that works wins.
    if len(blob) < 2:
        return None
    (rsa_len,) = struct.unpack(">H", blob[:2])
    if len(blob) < rsa_len + 2:
        return None
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=label or None)
    for key in keys:
        try:
            session = key.decrypt(blob[2 : rsa_len + 2], oaep)
            return AESGCM(session).decrypt(bytes(12), blob[rsa_len + 2 :], None)
        except (ValueError, InvalidTag):
            continue
    return None


def certificate_pem(cluster: Cluster, namespace: str = "kube-system", deployment: str = "sealed-secrets-controller") -> bytes | None:
    """What `kubeseal --fetch-cert` returns: the newest certificate of the running controller, or None."""
    if not cluster.deployment_ready(namespace, deployment):
        return None
    newest = _newest_key_secret(cluster, namespace)
    return base64.b64decode(newest["data"]["tls.crt"]) if newest is not None else None


def _key_secrets(cluster: Cluster, namespace: str) -> list[dict]:
    return [s for s in cluster.api.iter("", "Secret", namespace) if (s["metadata"].get("labels") or {}).get(KEY_LABEL) == "active"]


def _newest_key_secret(cluster: Cluster, namespace: str) -> dict | None:
    # keyregistry.go registerNewKey(): the most recent key (certificate notBefore, keyOrderPriority default) wins.
    secrets = _key_secrets(cluster, namespace)
    if not secrets:
        return None
    return max(secrets, key=lambda s: (_not_before(s), s["metadata"]["name"]))


def _not_before(secret: dict) -> float:
    cert = x509.load_pem_x509_certificate(base64.b64decode(secret["data"]["tls.crt"]))
    return (cert.not_valid_before_utc - simulated_datetime(0)).total_seconds()


@dataclass
class SealedSecretsController:
    """The controller of one cluster; acts only while its Deployment is ready."""

    name: str = ACTOR
    """Timeline actor."""
    namespace: str = "kube-system"
    """Namespace of the controller Deployment (where its keys live)."""
    deployment: str = "sealed-secrets-controller"
    """Name of the controller Deployment (`fullnameOverride` in our Application)."""
    key_size: int = 2048
    """RSA key size when the Deployment does not pass `--key-size`. The controller's default is 4096; generating one
    takes ~0.9 s on the reference machine, once per cluster, which the rehearsal's time budget cannot spare, and
    nothing downstream depends on the size (the bridge accepts 2048 bits and more)."""
    _gate: QuietGate = field(default_factory=QuietGate)
    """Skips passes in which nothing this controller reads changed."""
    _marks: dict = field(default_factory=dict)
    """Memo of the controller Deployment's running marker per cluster."""
    _started: dict[str, tuple] = field(default_factory=dict)
    """Per cluster: the running marker the controller last started with."""

    def certificate_pem(self, cluster: Cluster) -> bytes | None:
        """`kubeseal --fetch-cert` against this controller (None until it runs and has a key)."""
        return certificate_pem(cluster, self.namespace, self.deployment)

    def reconcile(self, cluster: Cluster) -> None:
        """Start (load or create keys, queue every SealedSecret), renew keys when due, unseal what changed."""
        live = cluster.api.peek(("apps", "Deployment", self.namespace, self.deployment))
        if live is None or not cluster.deployment_ready(self.namespace, self.deployment):
            self._started.pop(cluster.name, None)
            return
        marker = running_marker(self._marks, cluster, live)
        restarted = self._started.get(cluster.name) != marker
        if not restarted and self._gate.quiet(cluster):
            return
        before = cluster.api.revision
        args = _args(live)
        if restarted:
            self._started[cluster.name] = marker
            if not _key_secrets(cluster, self.namespace):
                self._generate_key(cluster, args)
        wake = self._renew_key(cluster, args)
        keys = self._private_keys(cluster)
        for sealed in cluster.api.iter(GROUP, "SealedSecret"):  # stored objects, read-only
            status = sealed.get("status") or {}
            if restarted or status.get("observedGeneration") != sealed["metadata"].get("generation"):
                self._unseal(cluster, sealed, keys)
        self._gate.settle(cluster, before=before, wake=wake)

    # -- keys --------------------------------------------------------------------------------------------------

    def _generate_key(self, cluster: Cluster, args: dict[str, str]) -> None:
        # pkg/crypto/keys.go GeneratePrivateKeyAndCert()/SignKeyWithNotBefore(): a CA certificate with the
        # `--my-cn` name (empty by default) and Go's KeyUsageEncipherOnly, which `cryptography` refuses to parse
        # (reading `.extensions` raises ValueError), exactly as with a real controller's certificate.
        size = int(args.get("--key-size") or self.key_size)
        existing = [s for s in cluster.api.iter("", "Secret", self.namespace) if KEY_LABEL in (s["metadata"].get("labels") or {})]
        token = (cluster.name, self.namespace, len(existing), size)
        key = _KEYS.get(token)
        if key is None:
            key = _KEYS[token] = rsa_private_key(size)
        common_name = args.get("--my-cn", "")
        name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, common_name)] if common_name else [])
        start = simulated_datetime(cluster.now)
        ttl = go_duration(args.get("--key-ttl") or "87600h")
        # bitnami-labs/sealed-secrets@v0.36.6:pkg/crypto/keys.go SignKeyWithNotBefore() draws a random 128-bit serial;
        # here it is a digest of the key and notBefore, so the same key at the same simulated time gives the same
        # certificate (PKCS #1 v1.5 signatures are deterministic), and the person's re-render with it is one the
        # process has made already (`_repo.WorkingCopy.render`). Nothing reads the serial.
        public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        serial = int.from_bytes(hashlib.sha256(public + start.isoformat().encode()).digest()[:12], "big") | 1
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(serial)
            .not_valid_before(start)
            .not_valid_after(start + ttl)
            .add_extension(x509.UnrecognizedExtension(ExtensionOID.KEY_USAGE, b"\x03\x02\x00\x01"), critical=True)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256())
        )
        prefix = args.get("--key-prefix") or "sealed-secrets-key"
        suffix = "".join(cluster.rng.choice(_NAME_ALPHABET) for _ in range(5))
        secret = {
            "apiVersion": "v1",
            "kind": "Secret",
            "type": "kubernetes.io/tls",
            "metadata": {"name": prefix + suffix, "namespace": self.namespace, "labels": {KEY_LABEL: "active"}},
            "data": {
                "tls.key": base64.b64encode(
                    key.private_bytes(
                        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
                    )
                ).decode(),
                "tls.crt": base64.b64encode(cert.public_bytes(serialization.Encoding.PEM)).decode(),
            },
        }
        stored = cluster.api.apply(secret, manager=ACTOR)
        fingerprint = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()[:16]
        cluster.log(
            self.name,
            f"New key written to Secret {self.namespace}/{stored['metadata']['name']} (RSA {size}, certificate sha256 "
            f"{fingerprint}..., valid until {(start + ttl).date()})",
            key_of(stored),
        )

    def _renew_key(self, cluster: Cluster, args: dict[str, str]) -> float:
        """Generate the next key when the renewal period has passed; return when the next one is due."""
        # pkg/controller/main.go initKeyRenewal(): a new key every --key-renew-period (default 30 days; 0 disables).
        raw = args.get("--key-renew-period")
        period = go_duration(raw) if raw not in (None, "") else timedelta(days=30)
        newest = _newest_key_secret(cluster, self.namespace)
        if newest is None or period.total_seconds() <= 0:
            return float("inf")
        due = _not_before(newest) + period.total_seconds()
        if cluster.now < due:
            return due
        self._generate_key(cluster, args)
        return cluster.now + period.total_seconds()

    def _private_keys(self, cluster: Cluster) -> list[rsa.RSAPrivateKey]:
        keys = []
        for secret in sorted(_key_secrets(cluster, self.namespace), key=lambda s: -_not_before(s)):
            token = secret["data"]["tls.key"]  # by content: uids and resourceVersions repeat between scenarios
            key = _LOADED.get(token)
            if key is None:
                loaded = serialization.load_pem_private_key(
                    base64.b64decode(secret["data"]["tls.key"]), password=None, unsafe_skip_rsa_key_validation=True
                )
                if not isinstance(loaded, rsa.RSAPrivateKey):
                    continue  # keys.go readKey(): ErrPrivateKeyNotRSA, the Secret is skipped
                key = _LOADED[token] = loaded
            keys.append(key)
        return keys

    # -- unsealing ---------------------------------------------------------------------------------------------

    def _unseal(self, cluster: Cluster, sealed: dict, keys: list[rsa.RSAPrivateKey]) -> None:
        key = key_of(sealed)
        meta = sealed["metadata"]
        try:
            data, secret_type = unseal(sealed, keys)
        except UnsealError as err:
            data, error = {}, str(err)
        else:
            error = self._write_secret(cluster, sealed, data, secret_type)
        if error:
            cluster.log(self.name, f"{describe(key)}: {error}", key)
        else:
            cluster.log(self.name, f"unsealed {describe(key)} into Secret {meta['namespace']}/{meta['name']} ({len(data)} keys)", key)
        self._update_status(cluster, sealed, error)

    def _write_secret(self, cluster: Cluster, sealed: dict, data: dict[str, bytes], secret_type: str) -> str:
        meta, template = sealed["metadata"], (sealed.get("spec") or {}).get("template") or {}
        template_meta = template.get("metadata") or {}
        secret_key: Key = ("", "Secret", meta["namespace"], meta["name"])
        existing = cluster.api.get(*secret_key)
        annotations = dict(template_meta.get("annotations") or {})
        owner = (
            []
            if annotations.get(_ANNOTATION + "skip-set-owner-references") == "true"
            else [
                {
                    "apiVersion": sealed.get("apiVersion", "bitnami.com/v1alpha1"),
                    "kind": "SealedSecret",
                    "name": meta["name"],
                    "uid": meta["uid"],
                    "controller": True,
                }
            ]
        )
        encoded = {k: base64.b64encode(v).decode() for k, v in data.items()}
        if existing is None:
            new = {
                "apiVersion": "v1",
                "kind": "Secret",
                "type": secret_type,
                "metadata": {
                    "name": meta["name"],
                    "namespace": meta["namespace"],
                    "labels": dict(template_meta.get("labels") or {}),
                    "annotations": annotations,
                    "ownerReferences": owner,
                },
                "data": encoded,
            }
            if template.get("immutable") is not None:
                new["immutable"] = template["immutable"]
        else:
            current = existing["metadata"].get("annotations") or {}
            owned = any(r.get("controller") and r.get("uid") == meta["uid"] for r in existing["metadata"].get("ownerReferences") or [])
            managed, patch = current.get(_ANNOTATION + "managed") == "true", current.get(_ANNOTATION + "patch") == "true"
            if not (owned or managed or patch):
                return f'failed update: Resource "{meta["name"]}" already exists and is not managed by SealedSecret'
            new = json.loads(json.dumps(existing))
            if patch:
                new["data"] = {**(new.get("data") or {}), **encoded}
                new["metadata"]["labels"] = {**(new["metadata"].get("labels") or {}), **(template_meta.get("labels") or {})}
                new["metadata"]["annotations"] = {**current, **annotations}
                if managed:
                    new["metadata"]["ownerReferences"] = owner
            else:
                new["data"], new["metadata"]["labels"] = encoded, dict(template_meta.get("labels") or {})
                new["metadata"]["annotations"], new["metadata"]["ownerReferences"] = annotations, owner
            new["type"] = secret_type
        try:
            cluster.api.apply(new, manager=ACTOR)
        except ApiError as err:
            return err.message
        return ""

    @staticmethod
    def _update_status(cluster: Cluster, sealed: dict, error: str) -> None:
        # controller.go updateSealedSecretStatus()/updateSealedSecretsStatusConditions(): the Synced condition is
        # rewritten only when its status flips (the message of a still-failing SealedSecret is not refreshed), and
        # observedGeneration follows the generation.
        status = json.loads(json.dumps(sealed.get("status") or {}))
        generation = sealed["metadata"].get("generation", 1)
        conditions = status.get("conditions") or []
        synced = next((c for c in conditions if c.get("type") == "Synced"), None)
        want = "False" if error else "True"
        if synced is None or synced.get("status") != want:
            now = rfc3339(cluster.now)
            new = {"type": "Synced", "status": want, "lastUpdateTime": now, "lastTransitionTime": now}
            if error:
                new["message"] = error
            conditions = [c for c in conditions if c.get("type") != "Synced"] + [new]
        elif status.get("observedGeneration") == generation:
            return
        status["conditions"] = conditions
        status["observedGeneration"] = generation
        cluster.api.set_status(key_of(sealed), status)


def _args(deployment: dict) -> dict[str, str]:
    """The controller's flags (`--flag value` and `--flag=value`; a flag without value maps to "true")."""
    containers = ((((deployment.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers")) or []
    args = [a for c in containers for a in c.get("args") or []]
    out: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("--") and "=" in arg:
            flag, value = arg.split("=", 1)
            out[flag] = value
        elif arg.startswith("--") and i + 1 < len(args) and not args[i + 1].startswith("--"):
            out[arg] = args[i + 1]
            i += 1
        elif arg.startswith("--"):
            out[arg] = "true"
        i += 1
    return out
