"""Deterministic YAML files, one object each, and reading back their fingerprint annotation.

The text comes from PyYAML's emitter (libyaml's when PyYAML has it, as in the bridge image), fed events straight from
the object. PyYAML's own representer and serializer would build a node per value and call back into Python twice per
scalar: that made writing a first delivery's ten thousand files three times as costly.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ._errors import BridgeError

NAMESPACE_FILE = "namespace.yaml"
# Not *.yaml/*.yml/*.json, so Argo CD's directory source ignores it.
MANIFEST_FILE = ".bridge-fingerprints"


class RenderError(BridgeError, ValueError):
    """An object holds a value that no Kubernetes JSON can hold, so no file is written for it."""


def dump(*, obj: dict[str, Any]) -> bytes:
    """Render one object as block YAML: sorted keys, 2-space indents, strings quoted unless every reader sees a string.

    Raises RenderError, naming the field, for infinite or NaN floats and for text that is not valid Unicode.
    """
    try:
        return yaml.dump(obj, Dumper=_Dumper, encoding="utf-8", allow_unicode=True, width=_WIDTH)
    except _Unrenderable:
        raise RenderError(_describe_unrenderable(obj)) from None


# libyaml's emitter when PyYAML was built with it. The pure-Python one is several times slower and writes the same
# files except in corner cases (an empty key, characters beyond U+FFFF, which libyaml escapes): both read back the same.
_BaseDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Never fold a long string over several lines (PyYAML's default is 80 columns): reviewers read one value per line.
_WIDTH = 2**31 - 1
# Written raw, these read as line breaks to YAML 1.1 readers and as text to YAML 1.2 ones, so strings holding them go
# double-quoted, where the emitter escapes them (\N, \L, \P). A lone surrogate has no UTF-8 form at all.
_NEEDS_ESCAPES = re.compile("[\x85\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Keys and names printed bare in error messages; others are printed JSON-quoted (ASCII only) and cut short.
_KEY = re.compile(r"[A-Za-z0-9_-]{1,63}")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,63}")
_STR = "tag:yaml.org,2002:str"
# Plain strings that PyYAML's YAML 1.1 resolvers would leave unquoted, but that another reader of the file takes for
# something else: YAML 1.1's one-letter booleans (go-yaml v2, behind Argo CD's and kubectl's sigs.k8s.io/yaml, reads `y`
# and `n` as booleans), YAML 1.2 numbers (`1e3`, `+.5`, `0o17`, `09`), what go-yaml v2 hands to Go's number and date
# parsers (`1_0`, `0X1F`, `2026-1-2`) and what ruamel.yaml's YAML 1.2 resolver takes for a number (`_`, `-_`, `._`).
_NOT_PLAIN_STRINGS = (
    ("tag:yaml.org,2002:bool", r"^(?:y|Y|n|N)$", "yYnN"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][-+]?[0-9_]+)?$", "-+0123456789._"),
    ("tag:yaml.org,2002:int", r"^[-+]?_*0_*[xXoObB][0-9A-Fa-f_]*$", "-+0"),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?$", "0123456789"),
)
# Events with no anchors and no tags: an emitted file never depends on which values the object shares (see `annotated`).
# Implicit (True, False) on numbers, booleans and null tells the emitter their plain text reads back as what they are.
_DOCUMENT_START, _DOCUMENT_END = DocumentStartEvent(explicit=False), DocumentEndEvent(explicit=False)
_MAPPING_START, _MAPPING_END = MappingStartEvent(None, None, True, flow_style=False), MappingEndEvent()
_SEQUENCE_START, _SEQUENCE_END = SequenceStartEvent(None, None, True, flow_style=False), SequenceEndEvent()
_NULL, _TRUE, _FALSE = (ScalarEvent(None, None, (True, False), text) for text in ("null", "true", "false"))


class _Unrenderable(Exception):
    """Raised from inside the emitter; `dump` finds the field and raises RenderError instead."""


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """PyYAML's safe dumper with the document's events written by `_emit`, and YAML 1.1's resolvers plus ours."""

    def represent(self, data: Any) -> None:
        self.emit(_DOCUMENT_START)
        _emit(data, self.emit)
        self.emit(_DOCUMENT_END)


for _tag, _pattern, _first in _NOT_PLAIN_STRINGS:
    _Dumper.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _emit(value: Any, emit: Callable[[Any], None]) -> None:
    """Emit one value's events: block mappings with sorted keys, block sequences, scalars."""
    kind = type(value)
    if kind is str:
        emit(_string_event(value) if len(value) < 96 else _string_event.__wrapped__(value))
    elif kind is dict:
        emit(_MAPPING_START)
        for key in sorted(value):
            emit(_key_event(key if type(key) is str else str(key)))
            item = value[key]
            # Short strings, most values, without another call: a first delivery emits some hundred thousand of them.
            if type(item) is str and len(item) < 96:
                emit(_string_event(item))
            else:
                _emit(item, emit)
        emit(_MAPPING_END)
    elif kind is list:
        emit(_SEQUENCE_START)
        for item in value:
            _emit(item, emit)
        emit(_SEQUENCE_END)
    elif value is None:
        emit(_NULL)
    elif kind is bool:
        emit(_TRUE if value else _FALSE)
    elif kind is int:
        emit(ScalarEvent(None, None, (True, False), str(value)))
    elif kind is float:
        emit(ScalarEvent(None, None, (True, False), _float_text(value)))
    elif isinstance(value, (str, dict, list, int, float)):
        # Subclasses (an IntEnum, an OrderedDict) as their base type, which is what they stand for in JSON.
        _emit(next(base(value) for base in (str, dict, list, int, float) if isinstance(value, base)), emit)
    else:
        raise TypeError(f"cannot render a {type(value).__name__} as YAML")


def _float_text(value: float) -> str:
    # 1e16 is Python's repr, a string to YAML 1.1 readers (PyYAML's float needs a dot): write 1.0e+16, a float to YAML
    # 1.1, YAML 1.2 and JSON alike. repr always gives the exponent's sign, which YAML 1.1 needs too.
    if not math.isfinite(value):
        raise _Unrenderable
    mantissa, e, exponent = repr(value).partition("e")
    return f"{mantissa if '.' in mantissa else mantissa + '.0'}{e}{exponent}"


@functools.lru_cache(maxsize=8192)
def _string_event(value: str) -> ScalarEvent:
    """A string's event (reused: events carry no position). No style lets the emitter write it plain when plain text
    reads back as a string and quote it otherwise."""
    if _NEEDS_ESCAPES.search(value):
        if _SURROGATE.search(value):
            raise _Unrenderable
        style = '"'
    else:
        # Multi-line text (scripts, PEM blocks) as a literal block, line for line; the emitter falls back to double
        # quotes when a block cannot hold it exactly (tabs, spaces before a line break).
        style = "|" if "\n" in value else None
    return ScalarEvent(None, None, (_implicit_tag(value) == _STR, True), value, style=style)


@functools.lru_cache(maxsize=4096)
def _key_event(key: str) -> ScalarEvent:
    """A mapping key's event. A multi-line key would be written as a `? ` complex key holding a block: one
    double-quoted line reads better."""
    if "\n" in key and not _SURROGATE.search(key):
        return ScalarEvent(None, None, (False, True), key, style='"')
    return _string_event.__wrapped__(key)


def _implicit_tag(value: str) -> str:
    """The tag a plain scalar with this text reads back as, by PyYAML's YAML 1.1 resolvers and `_NOT_PLAIN_STRINGS`."""
    resolvers = _Dumper.yaml_implicit_resolvers
    for tag, pattern in [*resolvers.get(value[:1], ()), *resolvers.get(None, ())]:
        if pattern.match(value):
            return tag
    return _STR


def _describe_unrenderable(obj: dict[str, Any]) -> str:
    metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    namespace, name = metadata.get("namespace"), metadata.get("name")
    what = _printable(obj.get("kind") or "object")
    if name:
        what += f" {_printable(namespace)}/{_printable(name)}" if namespace else f" {_printable(name)}"
    for path, problem in _unrenderable(obj, ""):
        return f"{what}: field {path} {problem}"
    return f"{what} cannot be rendered as YAML"


def _unrenderable(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(field path, problem) of every value `dump` refuses, in the order it writes them."""
    if isinstance(value, float) and not math.isfinite(value):
        yield path, f"is {value!r}, which Kubernetes JSON cannot hold; set a finite number in the source object"
    elif isinstance(value, str) and _SURROGATE.search(value):
        yield path, "holds a lone UTF-16 surrogate, which is not valid Unicode; fix the text in the source object"
    elif isinstance(value, dict):
        for key in sorted(value):
            text = str(key)
            field = (f"{path}.{text}" if path else text) if _KEY.fullmatch(text) else f"{path}[{json.dumps(text[:63])}]"
            if _SURROGATE.search(text):
                yield field, "has a key holding a lone UTF-16 surrogate, which is not valid Unicode; fix the key in the source object"
            yield from _unrenderable(value[key], field)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unrenderable(item, f"{path}[{index}]")


def _printable(value: Any) -> str:
    """Short, ASCII and JSON-quoted unless a plain name: safe on any terminal or log, whatever the object holds."""
    text = str(value)[:63]
    return text if _NAME.fullmatch(text) else json.dumps(text)


def annotated(*, obj: dict[str, Any], annotation: str, value: str) -> dict[str, Any]:
    """A copy of obj with one more metadata annotation (nested values are shared, not copied)."""
    metadata = dict(obj.get("metadata") or {})
    metadata["annotations"] = {**(metadata.get("annotations") or {}), annotation: value}
    return {**obj, "metadata": metadata}


def filename(*, kind: str, namespace: str, name: str) -> str:
    """`<kind>_<namespace>_<name>.yaml`; '_' never occurs in namespaces or names, so the name is unambiguous."""
    return f"{kind.lower()}_{namespace}_{name}.yaml"


def fingerprint_pattern(*, annotation: str) -> re.Pattern[bytes]:
    """Match the top-level annotation as `dump` writes it (metadata > annotations > key, indent 4, quoted if need be)."""
    key = re.escape(annotation.encode())
    return re.compile(rb"""^    (["']?)""" + key + rb"""\1: (["']?)(?P<fp>hmac-sha256:[0-9a-f]{64})\2$""", re.MULTILINE)


def read_fingerprint(*, content: bytes, pattern: re.Pattern[bytes]) -> str | None:
    """The fingerprint recorded in a file, or None when it has none."""
    match = pattern.search(content)
    return match.group("fp").decode() if match else None


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
