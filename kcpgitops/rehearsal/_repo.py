"""The person's working copy of the GitOps repository: the tree under test, re-rendered the way a person would.

The rehearsal never edits the directory it is given. It copies the tree into a work directory; the person's
"re-render and commit" step (after fetching the clusters' sealing certificates) then changes only what the new
certificates change: it renders the topology twice, with the certificates the tree was rendered with and with the
fetched ones, and applies the difference. A deliberately broken tree therefore stays broken where it was broken.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kcpgitops.topology import Topology, load_topology
from kcpgitops.yaml_cache import SAFE_LOADER

from ._api import clone

__all__ = ["COPY_SKIP", "WorkingCopy", "copy_repository", "share_renders"]

COPY_SKIP = {".git", ".venv", "node_modules", "build", "imports", "tests", "bench", ".pytest_cache", "__pycache__",
         # The generator, the jobs and upstream data run from the installed package, never from the copy: copying
         # (and committing) their 30 MB per scenario cost more than the rest of setting up a world.
         "kcpgitops", "charts", "bridge", "kubeapi", "kcpmodel", "workspace_clusters", "scripts", "vendor",
         # Tool caches: nothing renders from them, and their hundreds of small files were most of what a copy wrote.
         ".hypothesis", ".ruff_cache", ".mypy_cache"}
"""Top-level entries a copy of the repository leaves out (anything else, rendered trees and certificates, is copied)."""
_NESTED_SKIP = shutil.ignore_patterns("__pycache__", ".pytest_cache")


def copy_repository(source: Path, dest: Path) -> None:
    """Copy what a rehearsal needs of a repository (everything but `COPY_SKIP` at its top level) to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        if entry.name in COPY_SKIP or entry.name.startswith((".dist.", ".argocd.")):
            continue
        if entry.is_dir():
            shutil.copytree(entry, dest / entry.name, ignore=_NESTED_SKIP, copy_function=shutil.copyfile)
        elif entry.is_file():
            shutil.copyfile(entry, dest / entry.name)
RENDERED_TREES = ("dist", "argocd")

# What the generator made of (topology file name, topology bytes, sealing certificates), shared by every working copy
# in the process: scenarios start from the same tree and the sealing keys are cached per process, so most of their
# re-renders (the ACME e-mail edit, the fetched certificates) are the same render. The cached files are never changed.
_RENDERS: dict[tuple, dict[str, bytes]] = {}
# Parsed manifest files by content hash (read-only; callers get copies).
_PARSED: dict[bytes, tuple[dict, ...]] = {}
# Where the worker processes of one `rehearse` run share their renders (`share_renders`); None: this process only.
_SHARED_DIR: Path | None = None


def share_renders(directory: Path | None) -> None:
    """Share the person's renders with the other processes of a run through `directory` (None: stop sharing).

    Every process of a run starts from the same trees, so the renders with a tree's own sealing certificates (the
    tree as given, and after the person's placeholder edit) are the same in each; one process renders them, the others
    read its files. A render is stored under the digest of everything it is keyed on (topology path and bytes, sealing
    certificates), written under a temporary name and renamed, so a reader sees a whole render or none. The rendered
    trees hold no secrets (they are what the repository commits).
    """
    global _SHARED_DIR
    _SHARED_DIR = directory


def _shared_file(key: tuple) -> Path | None:
    if _SHARED_DIR is None:
        return None
    name, topology, certs = key
    digest = hashlib.sha256()
    for part in (name.encode(), topology, *(item for pair in certs for item in (pair[0].encode(), pair[1]))):
        digest.update(len(part).to_bytes(8, "big") + part)
    return _SHARED_DIR / f"{digest.hexdigest()}.json"


def _shared_render(key: tuple) -> dict[str, bytes] | None:
    file = _shared_file(key)
    if file is None or not file.is_file():
        return None
    return {path: text.encode() for path, text in json.loads(file.read_text(encoding="utf-8")).items()}


def _share_render(key: tuple, files: dict[str, bytes]) -> None:
    file = _shared_file(key)
    if file is None:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(f".{file.name}.{os.getpid()}")
    partial.write_text(json.dumps({path: content.decode() for path, content in files.items()}), encoding="utf-8")
    os.replace(partial, file)


@dataclass
class WorkingCopy:
    """A copy of the repository the rehearsal commits from."""

    root: Path
    """Where the copy lives."""
    topology_file: Path
    """The topology file inside the copy."""
    _model: tuple[bytes, Topology] | None = None
    _tree_certs: tuple[tuple[str, bytes], ...] = field(init=False, default=())
    """The sealing certificates (file name, PEM) the copy started with, read at creation: the tree's own, the same in
    every process of a run, so renders with them are shared (`share_renders`)."""

    def __post_init__(self) -> None:
        self._tree_certs = self._certificates()

    @classmethod
    def copy_of(cls, source: Path, topology: Path, dest: Path) -> WorkingCopy:
        """Copy `source` (its rendered trees, certificates, topology and the files the topology names) to `dest`."""
        copy_repository(source, dest)
        topo = topology if topology.is_absolute() else source / topology
        inside = dest / topo.name
        if not inside.exists():
            shutil.copy2(topo, inside)
        return cls(root=dest, topology_file=inside)

    def _certificates(self) -> tuple[tuple[str, bytes], ...]:
        certs = self.root / "certs"
        return tuple(sorted((p.name, p.read_bytes()) for p in certs.glob("*.pem"))) if certs.is_dir() else ()

    @property
    def topology(self) -> Topology:
        """The topology model of the copy (parsed again only when the file changed)."""
        text = self.topology_file.read_bytes()
        if self._model is None or self._model[0] != text:
            self._model = (text, load_topology(self.topology_file))
        return self._model[1]

    def files(self, prefixes: tuple[str, ...] = ("dist", "argocd", "certs", "sealed")) -> dict[str, bytes]:
        """Repo-relative path -> content of every file under the given top-level folders, plus the topology file."""
        out = {}
        for prefix in prefixes:
            base = self.root / prefix
            if base.is_dir():
                for path in sorted(base.rglob("*")):
                    if path.is_file():
                        out[path.relative_to(self.root).as_posix()] = path.read_bytes()
        out[self.topology_file.relative_to(self.root).as_posix()] = self.topology_file.read_bytes()
        return out

    def render(self) -> dict[str, bytes]:
        """What the generator makes of the copy's topology and certificates now (repo-relative path -> bytes)."""
        certs = self._certificates()
        key = (self.topology_file.relative_to(self.root).as_posix(), self.topology_file.read_bytes(), certs)
        if key not in _RENDERS:
            # Certificates fetched from this process's clusters carry its own keys: no other process renders them.
            shared = certs == self._tree_certs
            out = _shared_render(key) if shared else None
            if out is None:
                from kcpgitops.render import render  # the generator (cdk8s): only the person's render step needs it

                rendered = render(self.topology, topology_path=self.topology_file)
                out = {}
                for tree in RENDERED_TREES:
                    for path, text in rendered.files(tree).items():
                        out[f"{tree}/{path.as_posix()}"] = text.encode()
                if shared:
                    _share_render(key, out)
            _RENDERS[key] = out
        return _RENDERS[key]

    def documents(self, path: str) -> list[dict]:
        """The YAML documents of every manifest file below a repo path, in path order (`kubectl apply -R -f`)."""
        base = self.root / path
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
        docs = []
        for file in files:
            content = file.read_bytes()
            digest = hashlib.sha256(content).digest()
            if digest not in _PARSED:  # the Argo CD install manifest alone is megabytes, the same in every scenario
                _PARSED[digest] = tuple(d for d in yaml.load_all(content.decode("utf-8"), Loader=SAFE_LOADER) if isinstance(d, dict))
            docs += [clone(d) for d in _PARSED[digest]]
        return docs

    def write_certificate(self, cluster: str, pem: bytes) -> str:
        """Store a fetched sealing certificate where the topology expects it; return the repo path."""
        topology = self.topology
        rel = topology.sealing_certificate(topology.cluster(cluster))
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pem)
        return rel

    def rerender_delta(self, before: dict[str, bytes]) -> dict[str, bytes | None]:
        """Apply to the copy what changed between the render `before` and a render now; return the changed paths."""
        after = self.render()
        changed: dict[str, bytes | None] = {}
        for path in sorted(set(before) | set(after)):
            if before.get(path) != after.get(path):
                changed[path] = after.get(path)
        for path, content in changed.items():
            target = self.root / path
            if content is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        return changed

    def rerender_all(self) -> dict[str, bytes | None]:
        """Replace the rendered trees with a fresh render (a topology change); return the changed paths."""
        after = self.render()
        current = {p: c for p, c in self.files(RENDERED_TREES).items() if p.split("/", 1)[0] in RENDERED_TREES}
        changed: dict[str, bytes | None] = {p: after.get(p) for p in sorted(set(current) | set(after)) if current.get(p) != after.get(p)}
        for path, content in changed.items():
            target = self.root / path
            if content is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        return changed
