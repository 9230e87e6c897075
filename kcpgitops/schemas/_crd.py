"""Convert CustomResourceDefinitions to strict JSON schemas, as kubeconform's openapi2jsonschema.py does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kcpgitops.schemas._yaml import KubeLoader
from kcpgitops.yaml_cache import load_documents

DRAFT4 = "http://json-schema.org/draft-04/schema#"
_SCHEMA_MAPS = ("properties", "patternProperties", "definitions")
_SUBSCHEMAS = ("items", "additionalItems", "additionalProperties", "not", "allOf", "anyOf", "oneOf")
_LOGIC = frozenset({"not", "allOf", "anyOf", "oneOf"})


def crd_documents(*, path: Path) -> Iterator[dict[str, Any]]:
    """Yield every CustomResourceDefinition in a YAML file, including items of a List."""
    for document in load_documents(path, loader=KubeLoader):
        if not isinstance(document, dict):
            continue
        candidates = document.get("items") if isinstance(document.get("items"), list) else [document]
        for item in candidates:
            if isinstance(item, dict) and item.get("kind") == "CustomResourceDefinition":
                yield item


def crd_file_name(*, group: str, kind: str, version: str) -> str:
    """Return the schema path under crds/: <group>/<kind lowercase>_<version>.json."""
    return f"{group}/{kind.lower()}_{version}.json"


def convert_crd(*, crd: dict[str, Any], object_meta: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Return one strict schema per served version of crd, keyed by its crds/ relative path."""
    spec = crd["spec"]
    group, kind = spec["group"], spec["names"]["kind"]
    legacy = (spec.get("validation") or {}).get("openAPIV3Schema")
    out: dict[str, dict[str, Any]] = {}
    for version in spec.get("versions") or [{"name": spec.get("version"), "served": True}]:
        if version.get("served") is False:
            continue
        schema = ((version.get("schema") or {}).get("openAPIV3Schema")) or legacy
        if schema is not None:
            out[crd_file_name(group=group, kind=kind, version=version["name"])] = strict_schema(schema, object_meta=object_meta)
    return out


def strict_schema(schema: dict[str, Any], *, object_meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return a Draft 4 JSON schema rejecting unknown fields everywhere; object_meta, if given, checks metadata."""
    converted = _convert(schema, meta=object_meta, resource=True)
    converted["$schema"] = DRAFT4
    return converted


def _convert(node: Any, *, meta: dict[str, Any] | None, resource: bool = False, open_object: bool = False, logic: bool = False) -> Any:
    """Convert one OpenAPI v3 schema node and its sub-schemas; logic marks allOf/anyOf/oneOf/not branches."""
    if not isinstance(node, dict):
        return node
    resource = resource or node.get("x-kubernetes-embedded-resource") is True
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {
                name: _convert(sub, meta=meta, open_object=resource and key == "properties" and name == "metadata", logic=logic)
                for name, sub in value.items()
            }
        elif key in _SUBSCHEMAS:
            nested = logic or key in _LOGIC
            if isinstance(value, list):
                out[key] = [_convert(sub, meta=meta, logic=nested) for sub in value]
            else:
                out[key] = _convert(value, meta=meta, logic=nested)
        else:
            out[key] = value
    if out.get("x-kubernetes-int-or-string") is True or out.get("format") == "int-or-string":
        _int_or_string(out)
    elif out.get("nullable") is True:
        _allow_null(out)
    if resource and isinstance(out.get("properties"), dict):
        _resource_fields(out["properties"], meta=meta)
    strict = not (open_object or logic) and out.get("x-kubernetes-preserve-unknown-fields") is not True
    if strict and "properties" in out:
        out.setdefault("additionalProperties", False)
    return out


def _int_or_string(out: dict[str, Any]) -> None:
    """Replace the int-or-string markers by oneOf string|integer, keeping other constraints."""
    if _is_int_or_string_any_of(out.get("anyOf")):
        del out["anyOf"]
    out.pop("type", None)
    if out.get("format") == "int-or-string":
        del out["format"]
    branches: list[dict[str, Any]] = [{"type": "string"}, {"type": "integer"}]
    if out.get("nullable") is True:
        branches.append({"type": "null"})
    if "oneOf" in out:
        out["allOf"] = [*out.get("allOf", []), {"oneOf": branches}]
    else:
        out["oneOf"] = branches


def _is_int_or_string_any_of(value: Any) -> bool:
    """Tell whether value is controller-gen's anyOf [{type: integer}, {type: string}]."""
    if not isinstance(value, list) or not all(isinstance(branch, dict) and set(branch) == {"type"} for branch in value):
        return False
    return sorted(str(branch["type"]) for branch in value) == ["integer", "string"]


def _allow_null(out: dict[str, Any]) -> None:
    """Let a nullable: true node accept null, as the API server does."""
    if isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if isinstance(out.get("enum"), list) and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]


def _resource_fields(properties: dict[str, Any], *, meta: dict[str, Any] | None) -> None:
    """Declare apiVersion and kind if missing; check metadata against meta (ObjectMeta) when given."""
    properties.setdefault("apiVersion", {"type": "string"})
    properties.setdefault("kind", {"type": "string"})
    declared = properties.get("metadata")
    if meta is None:
        properties.setdefault("metadata", {"type": "object"})
    elif declared is None or (isinstance(declared, dict) and set(declared) <= {"type", "description"}):
        properties["metadata"] = meta
    else:
        properties["metadata"] = {"allOf": [declared, meta]}
