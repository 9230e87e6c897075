"""Keyed fingerprints (HMAC-SHA256) of plaintext objects: a bare hash of a Secret would leak guessable values."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

from ._errors import UsageError

PREFIX = "hmac-sha256:"
_MIN_KEY_BYTES = 16


def canonical(*, value: Any) -> bytes:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def object_fingerprint(*, key: bytes, filename: str, canonical_object: bytes, sealed_with: str | None) -> str:
    """Fingerprint of one delivered object (its canonical plaintext), including the certificate it is sealed with."""
    mac = hmac.new(key, b"kcp-bridge/object/v1\n", hashlib.sha256)
    mac.update(canonical(value={"file": filename, "sealedWith": sealed_with}) + b"\n")
    mac.update(canonical_object)
    return PREFIX + mac.hexdigest()


def target_fingerprint(*, key: bytes, mode: str, sealed_with: str, objects: list[tuple[str, bytes]]) -> str:
    """Fingerprint of everything delivered for one shard: the canonical plaintext of all objects, by file name."""
    mac = hmac.new(key, b"kcp-bridge/target/v1\n", hashlib.sha256)
    mac.update(canonical(value={"mode": mode, "sealedWith": sealed_with}) + b"\n")
    for filename, canonical_object in sorted(objects):
        mac.update(canonical(value=filename) + b"\n" + canonical_object + b"\n")
    return PREFIX + mac.hexdigest()


def content_fingerprint(*, key: bytes, kind: str, name: str, content: dict[str, Any]) -> str:
    """Fingerprint of what a pod mounts from one delivered Secret or ConfigMap (its data only, not its metadata or sealing)."""
    mac = hmac.new(key, b"kcp-bridge/content/v1\n", hashlib.sha256)
    mac.update(canonical(value={"kind": kind, "name": name}) + b"\n")
    mac.update(canonical(value=content))
    return PREFIX + mac.hexdigest()


def short(*, fingerprint: str) -> str:
    """The first 12 hex digits, as used in commit messages."""
    return fingerprint.removeprefix(PREFIX)[:12]


def read_key(*, path: Path) -> bytes:
    """Read the HMAC key; surrounding whitespace (a trailing newline) is not part of it."""
    try:
        key = path.read_bytes().strip()
    except OSError:
        raise UsageError(f"HMAC key file {path} cannot be read") from None
    if len(key) < _MIN_KEY_BYTES:
        raise UsageError(f"HMAC key in {path} is shorter than {_MIN_KEY_BYTES} bytes")
    return key
