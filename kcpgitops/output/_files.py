"""Deterministic YAML files: one resource per file, at a path that cannot collide."""

from __future__ import annotations

from pathlib import Path

import yaml

CLUSTER_SCOPED_DIR = "_cluster"
"""Directory of cluster-scoped objects; no namespace can be named like it (names cannot start with '_')."""

_FIRST = ("apiVersion", "kind", "metadata")


def manifest_path(doc: dict) -> Path:
    """`<namespace|_cluster>/<kind>.<group|core>_<name>.yaml`: kind, group and namespace keep paths unique."""
    api_version = doc["apiVersion"]
    group = api_version.split("/")[0] if "/" in api_version else "core"
    meta = doc["metadata"]
    directory = meta.get("namespace") or CLUSTER_SCOPED_DIR
    return Path(directory) / f"{doc['kind'].lower()}.{group}_{meta['name']}.yaml"


def ordered(doc: dict) -> dict:
    """The same document with apiVersion, kind and metadata first."""
    head = {k: doc[k] for k in _FIRST if k in doc}
    return head | {k: v for k, v in doc.items() if k not in head}


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """SafeDumper (libyaml's when available: the large CRDs make the pure-Python emitter the slowest step) without aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _str_representer(dumper: yaml.BaseDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(doc: dict) -> str:
    """Stable YAML text of one document."""
    return yaml.dump(ordered(doc), Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120, allow_unicode=True)


def dump_all_yaml(docs: list[dict]) -> str:
    """Stable multi-document YAML text."""
    return "".join("---\n" + dump_yaml(doc) for doc in docs)
