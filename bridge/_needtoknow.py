"""Need to know: each delivered Secret carries only the keys the shard's pods read (issue 10).

Before, every shard cluster received the private keys of all five kcp CAs and every other shard's service-account
signing key, so whoever controlled one shard cluster could mint credentials for the whole installation. What the pods
read is worked out from the delivered workloads (`_keyuse.secret_key_use`), with kcp-operator's kcp container known to
open only the files its flags name (`kcpmodel.reads_only_named_files`); a Secret whose use cannot be shown travels
whole and is reported.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from kcpmodel import reads_only_named_files

from ._keyuse import SecretUse, secret_key_use

TLS_TYPE = "kubernetes.io/tls"
TLS_REQUIRED = ("tls.crt", "tls.key")
"""kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateSecret: a `kubernetes.io/tls` Secret must
have both keys (an empty value passes), and ValidateSecretUpdate keeps `type` immutable; so a withheld one stays as an
empty value rather than making the sealed-secrets controller's create or update fail."""
_FILTERED_TYPES = frozenset({"", "Opaque", TLS_TYPE})
_WORKLOAD_KINDS = ("Deployment", "StatefulSet")
_KUBECONFIG_MARKERS = (b"clusters", b"users")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Withheld:
    """What one target's Secrets lost: key names only, never values."""

    keys: dict[str, tuple[str, ...]]
    """Secret name -> the keys withheld (or emptied, for the keys a TLS Secret must have)."""
    whole: dict[str, tuple[str, ...]]
    """Secret name -> why every key travels (use not shown, ...)."""

    def line(self) -> str:
        """`root-ca: ca.crt, tls.key; root-server-ca: tls.key` or `no key`."""
        return "; ".join(f"{name}: {', '.join(keys)}" for name, keys in sorted(self.keys.items()) if keys) or "no key"

    def whole_line(self) -> str:
        """`alpha-virtual-workspaces (referenced by no delivered workload: use not shown)`, or empty."""
        return "; ".join(f"{name} ({' / '.join(why)})" for name, why in sorted(self.whole.items()))


def uses(*, objects: Iterable[dict[str, Any]], documents: dict[tuple[int, str], Any] | None = None) -> dict[str, SecretUse]:
    """Secret name -> what the delivered workloads among `objects` read of it, for every Secret among `objects`.

    `documents` caches parsed Secret values by (id of the Secret object, key) across calls; the caller keeps those
    objects alive while the cache lives (the cycle shares one cleaned object per Secret among all targets).
    """
    objects = list(objects)
    secrets = {o["metadata"]["name"]: o for o in objects if o.get("kind") == "Secret"}
    keys = {name: _keys(secret) for name, secret in secrets.items()}
    cache = documents if documents is not None else {}

    def read_document(name: str, key: str) -> Any:
        secret = secrets.get(name)
        slot = (id(secret), key)
        if slot not in cache:
            cache[slot] = _document(secret, key)
        return cache[slot]

    found: dict[str, SecretUse] = {}
    for workload in objects:
        if workload.get("kind") not in _WORKLOAD_KINDS:
            continue
        per_workload = secret_key_use(
            workload=workload,
            read_document=read_document,
            secret_keys=keys,
            names_every_file=reads_only_named_files,
        )
        found = union([found, per_workload])
    extra: dict[str, SecretUse] = {}
    for name, secret in secrets.items():
        kind = secret.get("type") or ""
        if name not in found:
            extra[name] = SecretUse(name=name, whole=True, reasons=("referenced by no delivered workload: use not shown",))
        elif kind not in _FILTERED_TYPES:
            extra[name] = SecretUse(name=name, whole=True, reasons=(f"type {kind} needs its keys",))
    return {name: use for name, use in union([found, extra]).items() if name in secrets}


def union(all_uses: Iterable[dict[str, SecretUse]]) -> dict[str, SecretUse]:
    """What several workloads (or several shards on one cluster, which share the delivered Secrets) read together."""
    merged: dict[str, SecretUse] = {}
    for per in all_uses:
        for name, use in per.items():
            seen = merged.get(name)
            if seen is None:
                merged[name] = use
                continue
            reasons = tuple(dict.fromkeys(seen.reasons + use.reasons))
            merged[name] = SecretUse(name=name, keys=seen.keys | use.keys, whole=seen.whole or use.whole, reasons=reasons)
    return merged


def filtered(*, secret: dict[str, Any], use: SecretUse | None) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The Secret with only the keys `use` reads, and the keys withheld; the same object when nothing is withheld.

    Returns a new object (sharing unchanged values with the input). `use` None (nobody's view) carries everything.
    """
    if use is None or use.whole:
        return secret, ()
    present = _keys(secret)
    withheld = tuple(sorted(present - use.keys))
    if not withheld:
        return secret, ()
    result = dict(secret)
    data = {k: v for k, v in (secret.get("data") or {}).items() if k in use.keys}
    if (secret.get("type") or "") == TLS_TYPE:
        data.update({key: "" for key in TLS_REQUIRED if key in present and key not in use.keys})
    result["data"] = dict(sorted(data.items()))
    string_data = {k: v for k, v in (secret.get("stringData") or {}).items() if k in use.keys}
    if string_data:
        result["stringData"] = string_data
    else:
        result.pop("stringData", None)
    return result, withheld


def report(*, uses_by_secret: dict[str, SecretUse], withheld: dict[str, tuple[str, ...]]) -> Withheld:
    """The per-target summary printed by each run."""
    whole = {name: use.reasons for name, use in uses_by_secret.items() if use.whole}
    return Withheld(keys={k: v for k, v in withheld.items() if v}, whole=whole)


def _keys(secret: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    for field in ("data", "stringData"):
        values = secret.get(field)
        if isinstance(values, dict):
            keys |= set(values)
    return keys


def _document(secret: dict[str, Any] | None, key: str) -> Any:
    """A Secret value parsed as YAML (kubeconfigs), or None; errors say nothing, as the value may be a key."""
    if secret is None:
        return None
    raw: bytes | None = None
    string_data = secret.get("stringData")
    if isinstance(string_data, dict) and isinstance(string_data.get(key), str):
        raw = string_data[key].encode()
    else:
        value = (secret.get("data") or {}).get(key)
        if isinstance(value, str):
            try:
                raw = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                return None
    # Only kubeconfigs matter: a value naming neither clusters nor users names no file (and PEM keys are not parsed).
    if raw is None or not any(marker in raw for marker in _KUBECONFIG_MARKERS):
        return None
    try:
        return yaml.load(raw, Loader=_Loader)
    except Exception:  # any parse failure means "not a kubeconfig"; its text may hold a secret, so nothing is said
        return None
