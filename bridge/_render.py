"""Deterministic YAML files, one object each, and reading back their fingerprint annotation."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

NAMESPACE_FILE = "namespace.yaml"
# Not *.yaml/*.yml/*.json, so Argo CD's directory source ignores it.
MANIFEST_FILE = ".bridge-fingerprints"
# Plain (unquoted) scalars only when YAML 1.1 and 1.2 both read them back as the same string; all else is JSON-quoted.
_PLAIN = re.compile(r"^(?:[A-Za-z_/]|--?[A-Za-z])[A-Za-z0-9_./:=@+-]*$")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# JSON leaves these raw, but YAML forbids them (or reads them as line breaks) inside double quotes.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _string(value: str) -> str:
    if _PLAIN.fullmatch(value) and not value.endswith(":") and (len(value) > 5 or value.lower() not in _RESERVED):
        return value
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


_short_string = functools.lru_cache(maxsize=8192)(_string)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _short_string(value) if len(value) < 96 else _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    raise TypeError(f"cannot render a {type(value).__name__} as YAML")


def _emit(value: Any, indent: str, out: list[str]) -> None:
    """Append the block lines of a mapping or sequence (non-empty) at the given indentation."""
    if isinstance(value, dict):
        for key in sorted(value):
            item = value[key]
            prefix = f"{indent}{_scalar(str(key))}:"
            if isinstance(item, dict) and item:
                out.append(prefix)
                _emit(item, indent + "  ", out)
            elif isinstance(item, list) and item:
                out.append(prefix)
                _emit(item, indent, out)
            else:
                out.append(f"{prefix} {_inline(item)}")
        return
    for item in value:
        if isinstance(item, dict) and item:
            lines: list[str] = []
            _emit(item, indent + "  ", lines)
            out.append(f"{indent}- {lines[0][len(indent) + 2 :]}")
            out.extend(lines[1:])
        elif isinstance(item, list) and item:
            lines = []
            _emit(item, indent + "  ", lines)
            out.append(f"{indent}- {lines[0][len(indent) + 2 :]}")
            out.extend(lines[1:])
        else:
            out.append(f"{indent}- {_inline(item)}")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dump(*, obj: dict[str, Any]) -> bytes:
    """Render one object as block YAML: sorted keys, 2-space indents, strings quoted unless unambiguous."""
    lines: list[str] = []
    _emit(obj, "", lines)
    return ("\n".join(lines) + "\n").encode()


def annotated(*, obj: dict[str, Any], annotation: str, value: str) -> dict[str, Any]:
    """A copy of obj with one more metadata annotation (nested values are shared, not copied)."""
    metadata = dict(obj.get("metadata") or {})
    metadata["annotations"] = {**(metadata.get("annotations") or {}), annotation: value}
    return {**obj, "metadata": metadata}


def filename(*, kind: str, namespace: str, name: str) -> str:
    """`<kind>_<namespace>_<name>.yaml`; '_' never occurs in namespaces or names, so the name is unambiguous."""
    return f"{kind.lower()}_{namespace}_{name}.yaml"


def fingerprint_pattern(*, annotation: str) -> re.Pattern[bytes]:
    """Match the top-level annotation as `dump` writes it (metadata > annotations > key, indent 4)."""
    return re.compile(rb'^    "?' + re.escape(annotation.encode()) + rb'"?: "?(hmac-sha256:[0-9a-f]{64})"?$', re.MULTILINE)


def read_fingerprint(*, content: bytes, pattern: re.Pattern[bytes]) -> str | None:
    """The fingerprint recorded in a file, or None when it has none."""
    match = pattern.search(content)
    return match.group(1).decode() if match else None


def manifest(*, shard: str, fingerprint: str, entries: list[tuple[str, str, str]]) -> bytes:
    """The per-path index of (fingerprint, blob id, file): lets a cycle skip reading sealed files it does not change."""
    lines = [
        f"# kcp-bridge index for shard {shard}: each file's fingerprint annotation and git blob id. Written by the bridge.",
        f"# target {fingerprint}",
        *(f"{fp} {oid} {name}" for fp, oid, name in sorted(entries, key=lambda e: e[2])),
    ]
    return ("\n".join(lines) + "\n").encode()


def parse_manifest(*, content: bytes) -> dict[str, tuple[str, str]]:
    """file -> (fingerprint, blob id) from an index written by `manifest`; malformed lines are ignored."""
    result = {}
    for line in content.decode("utf-8", "replace").splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[0].startswith("hmac-sha256:") and not line.startswith("#"):
            result[parts[2]] = (parts[0], parts[1])
    return result
