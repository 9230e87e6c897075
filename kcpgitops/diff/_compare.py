"""Structural diff of two rendered trees, in the style of dyff.

Documents are paired by apiVersion, kind, namespace and name within a cluster; list items are paired by `name`
when every item has a unique one, else compared as multisets, so reordering alone is never a change. Values
under a Secret's `data`/`stringData` and a SealedSecret's `encryptedData`/`template.data` never leave this module:
only the names of changed keys do.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

TOP_LEVEL = "(repository)"
"""Pseudo-cluster of files that belong to no cluster directory (dist/README.md)."""
_SENSITIVE = {
    "Secret": (("data",), ("stringData",)),
    "SealedSecret": (("spec", "encryptedData"), ("spec", "template", "data")),
}
_HIDDEN_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration",)
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True, order=True)
class ResourceId:
    """Identity a document is paired by."""

    kind: str
    namespace: str
    name: str
    api_version: str

    def __str__(self) -> str:
        scope = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind} {scope}{self.name}"


@dataclass
class Resource:
    """One document of one side."""

    id: ResourceId
    cluster: str
    path: str
    doc: dict

    @property
    def secret_keys(self) -> list[str]:
        """Names of the keys of a Secret's or SealedSecret's hidden values."""
        keys: set[str] = set()
        for where in _SENSITIVE.get(self.id.kind, ()):
            keys |= set(_get(self.doc, where) or {})
        return sorted(keys)


@dataclass
class Change:
    """One changed field: `op` is changed, added, removed, entry-added, entry-removed, keys or hidden."""

    path: str
    op: str
    old: Any = None
    new: Any = None


@dataclass
class ResourceDiff:
    """A resource present on both sides whose content differs."""

    id: ResourceId
    path: str
    old_path: str
    changes: list[Change]


@dataclass
class ClusterDiff:
    """Added, removed and changed resources of one cluster, plus non-manifest files that differ."""

    cluster: str
    added: list[Resource] = field(default_factory=list)
    removed: list[Resource] = field(default_factory=list)
    changed: list[ResourceDiff] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    """(mark, path) of other files: `+` added, `-` removed, `~` changed."""
    unreadable: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.files or self.unreadable)


@dataclass
class TreeDiff:
    """Differences per cluster, clusters in natural order."""

    clusters: list[ClusterDiff] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(self.clusters)


def natural_key(text: str) -> list:
    """cluster-2 before cluster-10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def cluster_of(path: str) -> str:
    """`<tree>/<cluster>/...` -> cluster; files directly in a tree belong to TOP_LEVEL."""
    parts = path.split("/")
    return parts[1] if len(parts) >= 3 else TOP_LEVEL


def _get(doc: Any, where: tuple[str, ...]) -> Any:
    for part in where:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def _is_manifest(path: str) -> bool:
    return path.endswith((".yaml", ".yml")) and cluster_of(path) != TOP_LEVEL


def _resources(path: str, text: bytes, parsed: dict[bytes, list]) -> list[Resource]:
    docs = parsed.get(text)
    if docs is None:  # identical files (the same CRDs on every cluster) are parsed once
        docs = parsed[text] = [d for d in yaml.load_all(text.decode("utf-8"), Loader=_Loader) if d is not None]
    out = []
    for doc in docs:
        if not isinstance(doc, dict):
            raise ValueError("not a mapping")
        meta = doc.get("metadata") or {}
        rid = ResourceId(str(doc.get("kind", "")), str(meta.get("namespace", "") or ""), str(meta.get("name", "")), str(doc.get("apiVersion", "")))
        out.append(Resource(rid, cluster_of(path), path, doc))
    return out


def diff_files(old: dict[str, bytes], new: dict[str, bytes]) -> TreeDiff:
    """Diff two sides given as repo-relative path -> content."""
    per_cluster: dict[str, ClusterDiff] = {}

    def bucket(path: str) -> ClusterDiff:
        cluster = cluster_of(path)
        return per_cluster.setdefault(cluster, ClusterDiff(cluster))

    parsed: dict[bytes, list] = {}
    old_resources: dict[tuple[str, ResourceId], list[Resource]] = {}
    new_resources: dict[tuple[str, ResourceId], list[Resource]] = {}
    for side, files, other, target in (("old", old, new, old_resources), ("new", new, old, new_resources)):
        for path, text in files.items():
            if path in other and other[path] == text:
                continue  # identical file: identical documents
            if not _is_manifest(path):
                if side == "old" and path not in other:
                    bucket(path).files.append(("-", path))
                elif side == "new":
                    bucket(path).files.append(("+" if path not in other else "~", path))
                continue
            try:
                for resource in _resources(path, text, parsed):
                    target.setdefault((resource.cluster, resource.id), []).append(resource)
            except (yaml.YAMLError, UnicodeDecodeError, ValueError):
                if side == "new" or path not in new:
                    bucket(path).unreadable.append(path)
    for key in sorted(old_resources.keys() | new_resources.keys(), key=lambda k: (natural_key(k[0]), k[1])):
        for a, b in _pairs(old_resources.get(key, []), new_resources.get(key, [])):
            if a is None and b is not None:
                bucket(b.path).added.append(b)
            elif b is None and a is not None:
                bucket(a.path).removed.append(a)
            elif a is not None and b is not None:
                changes = [] if a.doc == b.doc else diff_documents(a.doc, b.doc)
                if a.path != b.path:
                    changes.insert(0, Change("(file)", "changed", a.path, b.path))
                if changes:
                    bucket(b.path).changed.append(ResourceDiff(b.id, b.path, a.path, changes))
    for diff in per_cluster.values():
        diff.files.sort(key=lambda item: item[1])
        diff.unreadable.sort()
    ordered = sorted((d for d in per_cluster.values() if d), key=lambda d: (d.cluster == TOP_LEVEL, natural_key(d.cluster)))
    return TreeDiff(ordered)


def _pairs(before: list[Resource], after: list[Resource]) -> list[tuple[Resource | None, Resource | None]]:
    """Pair versions of one identity: same file first (one name in several kcp workspaces), then in order."""
    pairs: list[tuple[Resource | None, Resource | None]] = []
    rest_after = list(after)
    rest_before = []
    for a in before:
        match = next((b for b in rest_after if b.path == a.path), None)
        if match is None:
            rest_before.append(a)
        else:
            rest_after.remove(match)
            pairs.append((a, match))
    for index in range(max(len(rest_before), len(rest_after))):
        pairs.append((rest_before[index] if index < len(rest_before) else None, rest_after[index] if index < len(rest_after) else None))
    return pairs


def diff_documents(old: dict, new: dict) -> list[Change]:
    """Field changes between two versions of one resource; sensitive values are reduced to key names."""
    kind = str(new.get("kind") or old.get("kind"))
    old, new = _strip_sensitive(old, kind), _strip_sensitive(new, kind)
    changes: list[Change] = []
    for where in _SENSITIVE.get(kind, ()):
        a, b = _get(old[1], where) or {}, _get(new[1], where) or {}
        if not isinstance(a, dict) or not isinstance(b, dict):
            a, b = ({"(value)": a} if a else {}), ({"(value)": b} if b else {})
        keys = {
            "changed": sorted(k for k in a.keys() & b.keys() if a[k] != b[k]),
            "added": sorted(b.keys() - a.keys()),
            "removed": sorted(a.keys() - b.keys()),
        }
        if any(keys.values()):
            changes.append(Change(".".join(where), "keys", None, keys))
    for annotation in _HIDDEN_ANNOTATIONS:
        if old[2].get(annotation) != new[2].get(annotation):
            changes.append(Change(_join("metadata.annotations", annotation), "hidden"))
    _diff(old[0], new[0], "", changes)
    return changes


def _strip_sensitive(doc: dict, kind: str) -> tuple[dict, dict, dict]:
    """(document without hidden values, the hidden subtrees by location, hidden annotations)."""
    if kind not in _SENSITIVE:
        return doc, {}, {}
    copy = json.loads(json.dumps(doc))
    hidden: dict = {}
    for where in _SENSITIVE[kind]:
        parent = _get(copy, where[:-1])
        if isinstance(parent, dict) and where[-1] in parent:
            node = hidden
            for part in where[:-1]:
                node = node.setdefault(part, {})
            node[where[-1]] = parent.pop(where[-1])
    annotations = _get(copy, ("metadata", "annotations"))
    hidden_annotations = {}
    if isinstance(annotations, dict):
        for name in _HIDDEN_ANNOTATIONS:
            if name in annotations:
                hidden_annotations[name] = annotations.pop(name)
    return copy, hidden, hidden_annotations


def _join(path: str, key: Any) -> str:
    key = str(key)
    part = key if _PLAIN_KEY.match(key) else json.dumps(key)
    if not path:
        return part if _PLAIN_KEY.match(key) else f"[{part}]"
    return f"{path}.{part}" if _PLAIN_KEY.match(key) else f"{path}[{part}]"


def _canonical(value: Any) -> str:
    """A text equal for values that differ only in key or list order (lists are compared as multisets here)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{_canonical(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, list):
        return "[" + ",".join(sorted(_canonical(item) for item in value)) + "]"
    return json.dumps(value, default=str)


def _diff(old: Any, new: Any, path: str, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys(), key=str):
            where = _join(path, key)
            if key not in old:
                out.append(Change(where, "added", None, new[key]))
            elif key not in new:
                out.append(Change(where, "removed", old[key], None))
            else:
                _diff(old[key], new[key], where, out)
    elif isinstance(old, list) and isinstance(new, list):
        _diff_lists(old, new, path, out)
    elif type(old) is not type(new) or old != new:
        out.append(Change(path or "(document)", "changed", old, new))


def _names(items: list) -> list[str] | None:
    names = [item.get("name") for item in items if isinstance(item, dict)]
    if len(names) != len(items) or not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        return None
    return names  # type: ignore[return-value]


def _diff_lists(old: list, new: list, path: str, out: list[Change]) -> None:
    old_names, new_names = _names(old), _names(new)
    if old_names is not None and new_names is not None and (old or new):
        by_old = dict(zip(old_names, old, strict=True))
        by_new = dict(zip(new_names, new, strict=True))
        for name in [n for n in old_names if n not in by_new]:
            out.append(Change(f"{path}[name={name}]", "entry-removed", by_old[name], None))
        for name in new_names:
            where = f"{path}[name={name}]"
            if name not in by_old:
                out.append(Change(where, "entry-added", None, by_new[name]))
            else:
                _diff(by_old[name], by_new[name], where, out)
        return
    remaining = Counter(_canonical(item) for item in new)
    removed = []
    for item in old:
        key = _canonical(item)
        if remaining[key]:
            remaining[key] -= 1
        else:
            removed.append(item)
    added = []
    matched = Counter(_canonical(item) for item in old)
    for index, item in enumerate(new):
        key = _canonical(item)
        if matched[key]:
            matched[key] -= 1
        else:
            added.append((index, item))
    if not removed and not added:
        return  # same items, at most reordered
    if removed and len(removed) == len(added) and all(isinstance(i, dict) for i in removed) and all(isinstance(i, dict) for _, i in added):
        for before, (index, after) in zip(removed, added, strict=True):
            _diff(before, after, f"{path}[{index}]", out)
        return
    for item in removed:
        out.append(Change(path, "entry-removed", item, None))
    for _, item in added:
        out.append(Change(path, "entry-added", None, item))
