"""Turn kubernetes-validate's strict core schemas into kubeconform's standalone-strict files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def _package_schemas() -> Path:
    """Locate kubernetes-validate's bundled schemas without importing the package."""
    spec = find_spec("kubernetes_validate")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("kubernetes-validate is not installed")
    return Path(spec.origin).resolve().parent / "kubernetes-json-schema"


PACKAGE_SCHEMAS = _package_schemas()
_DEFINITIONS = "_definitions.json"
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
_SKIPPED = frozenset({_DEFINITIONS, "all.json"})
_REF_PREFIXES = ("/api/_definitions.json#", "#")


def core_source_dir(*, kubernetes_version: str) -> Path:
    """Return the kubernetes-validate folder holding the strict schemas of that version."""
    source = PACKAGE_SCHEMAS / f"v{kubernetes_version}-local-strict"
    if not (source / _DEFINITIONS).is_file():
        raise FileNotFoundError(f"kubernetes-validate has no strict schemas for {kubernetes_version}: {source}")
    return source


def core_dir_name(*, kubernetes_version: str) -> str:
    """Return kubeconform's folder name for the strict standalone core schemas."""
    return f"v{kubernetes_version}-standalone-strict"


def core_file_name(*, kind: str, group: str, version: str) -> str:
    """Return kubeconform's file name for a kind: kind[-first group label]-version.json, lowercase."""
    label = group.split(".")[0]
    suffix = f"-{label}-{version}" if label else f"-{version}"
    return f"{kind}{suffix}".lower() + ".json"


def convert_core(*, source_dir: Path) -> dict[str, dict[str, Any]]:
    """Return every schema file of source_dir, self-contained, keyed by kubeconform file name."""
    definitions = json.loads((source_dir / _DEFINITIONS).read_bytes())["$defs"]
    local = {name: _localise(schema) for name, schema in definitions.items()}
    edges = {name: _refs(schema) for name, schema in local.items()}
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(source_dir.glob("*.json")):
        if path.name in _SKIPPED:
            continue
        schema = _localise(json.loads(path.read_bytes()))
        schema.pop("$id", None)
        needed = _closure(_refs(schema), edges)
        if needed:
            schema["$defs"] = {name: local[name] for name in sorted(needed)}
        out[path.name] = schema
    for schema in list(out.values()):
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            out.setdefault(core_file_name(kind=gvk["kind"], group=gvk["group"], version=gvk["version"]), schema)
    return out


def object_meta_schema(*, source_dir: Path) -> dict[str, Any]:
    """Return the strict ObjectMeta schema of source_dir with every $ref inlined."""
    definitions = json.loads((source_dir / _DEFINITIONS).read_bytes())["$defs"]
    local = {name: _localise(schema) for name, schema in definitions.items()}
    return _inline(local[OBJECT_META], local, seen=(OBJECT_META,))


def _inline(node: Any, definitions: Mapping[str, Any], *, seen: tuple[str, ...]) -> Any:
    """Copy node with each #/$defs reference replaced by the definition (siblings like description win)."""
    if isinstance(node, list):
        return [_inline(item, definitions, seen=seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return {key: _inline(value, definitions, seen=seen) for key, value in node.items()}
    name = ref.removeprefix("#/$defs/")
    if name in seen:
        raise ValueError(f"cannot inline recursive definition {name}")
    target = _inline(definitions[name], definitions, seen=(*seen, name))
    return {**target, **{key: value for key, value in node.items() if key != "$ref"}}


def _localise(node: Any) -> Any:
    """Copy node, pointing every $ref at the document's own #/$defs."""
    if isinstance(node, dict):
        copy = {key: _localise(value) for key, value in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str):
            prefix = next((p for p in _REF_PREFIXES if ref.startswith(p)), None)
            if prefix is None:
                raise ValueError(f"unexpected $ref in kubernetes-validate schema: {ref}")
            copy["$ref"] = "#" + ref[len(prefix) :]
        return copy
    if isinstance(node, list):
        return [_localise(item) for item in node]
    return node


def _refs(node: Any) -> set[str]:
    """Return the definition names that node references directly."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                found.add(ref[len("#/$defs/") :])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _closure(start: Iterable[str], edges: Mapping[str, set[str]]) -> set[str]:
    """Return every definition reachable from start."""
    seen: set[str] = set()
    stack = list(start)
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(edges[name])
    return seen
