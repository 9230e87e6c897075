"""Sealed Secrets wire format (bitnami-labs/sealed-secrets v0.36): hybrid RSA-OAEP + AES-256-GCM."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding

from ._errors import CertificateError, InputError

SEALED_API_VERSION = "bitnami.com/v1alpha1"
SEALED_KIND = "SealedSecret"
STRICT = "strict"
NAMESPACE_WIDE = "namespace-wide"
CLUSTER_WIDE = "cluster-wide"
SCOPES = (STRICT, NAMESPACE_WIDE, CLUSTER_WIDE)
ANNOTATION_NAMESPACE_WIDE = "sealedsecrets.bitnami.com/namespace-wide"
ANNOTATION_CLUSTER_WIDE = "sealedsecrets.bitnami.com/cluster-wide"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

_SESSION_KEY_BYTES = 32
_ZERO_NONCE = bytes(12)
_DATA_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")
# Server-populated metadata never belongs in a template; ownerReferences are dropped as kubeseal does.
_TEMPLATE_DROP = (
    "ownerReferences",
    "managedFields",
    "resourceVersion",
    "uid",
    "creationTimestamp",
    "selfLink",
    "generation",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
)


@dataclass(frozen=True)
class SealingKey:
    """A controller's public key, taken from its certificate."""

    public_key: rsa.RSAPublicKey
    cert_sha256: str
    not_after: datetime
    source: str
    pem: bytes


def load_certificate(*, pem: bytes, source: str, now: datetime | None = None) -> SealingKey:
    """Parse and validate a controller certificate (PEM, RSA, within its validity period)."""
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise CertificateError(f"certificate {source} is not a valid PEM X.509 certificate") from None
    # Only the public key and validity are read: touching .extensions raises on controller certs.
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise CertificateError(f"certificate {source} does not hold an RSA public key")
    if key.key_size < 2048:
        raise CertificateError(f"certificate {source} has a {key.key_size}-bit key; at least 2048 bits are required")
    moment = now or datetime.now(UTC)
    not_after = cert.not_valid_after_utc
    if moment > not_after:
        raise CertificateError(f"certificate {source} expired on {not_after.isoformat()}")
    if moment < cert.not_valid_before_utc:
        raise CertificateError(f"certificate {source} is not valid before {cert.not_valid_before_utc.isoformat()}")
    digest = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
    return SealingKey(public_key=key, cert_sha256=digest, not_after=not_after, source=source, pem=pem)


def load_certificate_file(*, path: Path, now: datetime | None = None) -> SealingKey:
    """Read and validate a controller certificate file."""
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise CertificateError(f"certificate {path} not found") from None
    except OSError as exc:
        raise CertificateError(f"certificate {path} cannot be read: {exc.strerror}") from None
    return load_certificate(pem=pem, source=str(path), now=now)


def oaep_label(*, scope: str, namespace: str, name: str) -> bytes:
    """Return the OAEP label that binds ciphertext to its scope."""
    if scope == CLUSTER_WIDE:
        return b""
    if scope == NAMESPACE_WIDE:
        return namespace.encode()
    return f"{namespace}/{name}".encode()


def encrypt_value(*, public_key: rsa.RSAPublicKey, label: bytes, plaintext: bytes) -> bytes:
    """Encrypt one value: uint16 length || RSA-OAEP(session key) || AES-GCM(plaintext)."""
    session_key = os.urandom(_SESSION_KEY_BYTES)
    oaep = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=label or None)
    rsa_ct = public_key.encrypt(session_key, oaep)
    return struct.pack(">H", len(rsa_ct)) + rsa_ct + AESGCM(session_key).encrypt(_ZERO_NONCE, plaintext, None)


def scope_from_annotations(*, annotations: dict[str, Any] | None) -> str:
    """Read the scope a Secret asks for through the sealed-secrets annotations."""
    annotations = annotations or {}
    if str(annotations.get(ANNOTATION_CLUSTER_WIDE, "")).lower() == "true":
        return CLUSTER_WIDE
    if str(annotations.get(ANNOTATION_NAMESPACE_WIDE, "")).lower() == "true":
        return NAMESPACE_WIDE
    return STRICT


def _scope_annotations(annotations: dict[str, str], scope: str) -> dict[str, str]:
    result = {k: v for k, v in annotations.items() if k not in (ANNOTATION_NAMESPACE_WIDE, ANNOTATION_CLUSTER_WIDE)}
    if scope == NAMESPACE_WIDE:
        result[ANNOTATION_NAMESPACE_WIDE] = "true"
    elif scope == CLUSTER_WIDE:
        result[ANNOTATION_CLUSTER_WIDE] = "true"
    return result


def secret_plaintext(*, secret: dict[str, Any]) -> dict[str, bytes]:
    """Return a Secret's values as bytes (data decoded, stringData winning), validating keys."""
    values: dict[str, bytes] = {}
    data = secret.get("data") or {}
    string_data = secret.get("stringData") or {}
    if not isinstance(data, dict) or not isinstance(string_data, dict):
        raise InputError("Secret data and stringData must be mappings")
    for key, value in data.items():
        _check_key(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise InputError(f"Secret data key {key!r} must hold a base64 string")
        try:
            values[key] = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise InputError(f"Secret data key {key!r} is not valid base64") from None
    for key, value in string_data.items():
        _check_key(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise InputError(f"Secret stringData key {key!r} must hold a string")
        values[key] = value.encode()
    return values


def _check_key(key: object) -> None:
    if not isinstance(key, str) or not _DATA_KEY.match(key):
        raise InputError(f"Secret has an invalid data key {str(key)[:64]!r} (allowed: letters, digits, '-', '_', '.')")


def validate_secret(*, secret: object) -> dict[str, Any]:
    """Check that an input document is a v1 Secret with a name."""
    if not isinstance(secret, dict):
        raise InputError("input is not a Kubernetes object (expected a v1 Secret)")
    if secret.get("kind") != "Secret" or secret.get("apiVersion", "v1") != "v1":
        kind = str(secret.get("kind"))[:64]
        raise InputError(f"input is a {kind!r}, not a v1 Secret")
    metadata = secret.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("name"), str) or not metadata["name"]:
        raise InputError("Secret has no metadata.name")
    return secret


def seal_secret(*, secret: dict[str, Any], key: SealingKey, scope: str | None = None) -> dict[str, Any]:
    """Turn a Secret into a SealedSecret; scope None means the one the Secret's annotations ask for."""
    validate_secret(secret=secret)
    metadata = secret["metadata"]
    name = metadata["name"]
    namespace = metadata.get("namespace") or ""
    annotations = dict(metadata.get("annotations") or {})
    chosen = scope or scope_from_annotations(annotations=annotations)
    if chosen not in SCOPES:
        raise InputError(f"unknown scope {chosen!r}; use one of {', '.join(SCOPES)}")
    if chosen != CLUSTER_WIDE and not namespace:
        raise InputError(f"Secret {name} has no metadata.namespace, which the {chosen} scope needs")
    values = secret_plaintext(secret=secret)
    label = oaep_label(scope=chosen, namespace=namespace, name=name)
    encrypted = {
        k: base64.b64encode(encrypt_value(public_key=key.public_key, label=label, plaintext=v)).decode() for k, v in sorted(values.items())
    }
    template_meta = {k: v for k, v in metadata.items() if k not in _TEMPLATE_DROP}
    template_annotations = _scope_annotations(annotations, chosen)
    template_annotations.pop(LAST_APPLIED, None)
    if template_annotations:
        template_meta["annotations"] = template_annotations
    else:
        template_meta.pop("annotations", None)
    if not template_meta.get("labels"):
        template_meta.pop("labels", None)
    template: dict[str, Any] = {"metadata": template_meta}
    if secret.get("type"):
        template["type"] = secret["type"]
    if secret.get("immutable") is not None:
        template["immutable"] = secret["immutable"]
    sealed_meta: dict[str, Any] = {"name": name}
    if namespace:
        sealed_meta["namespace"] = namespace
    own_annotations = _scope_annotations({}, chosen)
    if own_annotations:
        sealed_meta["annotations"] = own_annotations
    return {
        "apiVersion": SEALED_API_VERSION,
        "kind": SEALED_KIND,
        "metadata": sealed_meta,
        "spec": {"encryptedData": encrypted, "template": template},
    }
