"""YAML loading that reads manifests the way Kubernetes' sigs.k8s.io/yaml does."""

from __future__ import annotations

from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


class KubeLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader keeping timestamps and '=' as strings, keys as strings, and recording duplicate keys."""

    def __init__(self, stream: str | bytes) -> None:
        """Create a loader over stream with an empty duplicate-key log."""
        super().__init__(stream)
        self.duplicate_keys: list[str] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Construct a mapping, logging keys that occur twice (merge keys excepted)."""
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
                key = (key_node.tag, key_node.value)
                if key in seen:
                    line = key_node.start_mark.line + 1
                    self.duplicate_keys.append(f"duplicate key {key_node.value!r} at line {line}")
                seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        if all(type(key) is str for key in mapping):
            return mapping
        return {_json_key(key): value for key, value in mapping.items()}


def _json_key(key: Any) -> str:
    """Spell a non-string mapping key the way YAML-to-JSON conversion does (1 -> "1", true -> "true")."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _scalar_as_string(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> str:
    """Return the scalar's source text unchanged."""
    return str(node.value)


KubeLoader.add_constructor("tag:yaml.org,2002:timestamp", _scalar_as_string)
KubeLoader.add_constructor("tag:yaml.org,2002:value", _scalar_as_string)
