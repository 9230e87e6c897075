"""Reading a rendered tree (`dist/<cluster>/...` and `argocd/<cluster>/...`) back into documents per cluster."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kcpgitops.output import Key, key_of

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml ships with the pinned PyYAML wheels
    _Loader = yaml.SafeLoader

YAML_SUFFIXES = (".yaml", ".yml")


def display(path: Path) -> str:
    """`path` relative to the working directory when it is inside it, else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Entry:
    """One rendered object and where it came from."""

    cluster: str
    tree: str
    """`dist` or `argocd`."""
    file: str
    """Display path of the file."""
    doc: dict
    key: Key


@dataclass
class BadFile:
    """A file under a cluster directory that is not a readable Kubernetes manifest."""

    file: str
    problem: str


@dataclass
class Tree:
    """Everything rendered, grouped by cluster."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    bad: list[BadFile] = field(default_factory=list)

    def all(self) -> Iterator[Entry]:
        for cluster in sorted(self.entries):
            yield from self.entries[cluster]


def iter_yaml_files(root: Path) -> Iterator[Path]:
    """YAML files below `root` in a stable order."""
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


HEADER_ONLY_PREFIXES = ("customresourcedefinition.",)
"""File names (manifest_path's `<kind>.<group>_<name>.yaml`) of kinds no rule looks inside: only the identity is read."""


def load_documents(text: str, *, header_only: bool = False) -> list[dict]:
    """Every non-empty document of a YAML text (raises yaml.YAMLError).

    With `header_only`, a single-document file is read up to its top-level `spec:`: apiVersion, kind and metadata
    suffice for the rules, and CRD schemas are most of a rendered tree's bytes.
    """
    if header_only and "\n---" not in text[4:]:
        cut = text.find("\nspec:")
        if cut > 0:
            head = yaml.load(text[: cut + 1], Loader=_Loader)
            if isinstance(head, dict) and head.get("kind") and isinstance(head.get("metadata"), dict):
                return [head]
    return [d for d in yaml.load_all(text, Loader=_Loader) if d is not None]


def scope_of(relative: Path, clusters: set[str] | None) -> str:
    """The cluster a file's objects live in: its first directory when that is a cluster of the topology.

    Any other top-level directory (`dist/kcp/<workspace>/...`, objects inside kcp) holds one logical cluster per
    directory, so there the scope is the file's own directory, e.g. `kcp/root/provider`.
    """
    first = relative.parts[0]
    if clusters is None or first in clusters:
        return first
    return relative.parent.as_posix()


def load_tree(trees: dict[str, Path], *, clusters: set[str] | None = None) -> Tree:
    """Documents of `{tree name: directory}` grouped by `scope_of` (`clusters`: the topology's cluster names)."""
    tree = Tree()
    for name, root in trees.items():
        for path in iter_yaml_files(root):
            relative = path.relative_to(root)
            shown = display(path)
            if len(relative.parts) < 2:
                continue  # top-level files belong to no cluster
            cluster = scope_of(relative, clusters)
            try:
                docs = load_documents(path.read_text(encoding="utf-8"), header_only=path.name.startswith(HEADER_ONLY_PREFIXES))
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                tree.bad.append(BadFile(shown, f"not valid YAML: {' '.join(str(exc).split())}"))
                continue
            for doc in docs:
                if not isinstance(doc, dict) or not doc.get("kind") or not isinstance(doc.get("metadata"), dict) or not doc["metadata"].get("name"):
                    tree.bad.append(BadFile(shown, "a document without kind and metadata.name"))
                    continue
                tree.entries.setdefault(cluster, []).append(Entry(cluster, name, shown, doc, key_of(doc)))
        if root.is_dir():
            for child in sorted(root.iterdir()):
                if child.is_dir() and (clusters is None or child.name in clusters):
                    tree.entries.setdefault(child.name, [])
    return tree
