"""One render per topology (the default one and a five-cluster one), read back from disk as Argo CD would see it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from kcpgitops.topology import Topology, load_topology
from kcpgitops.yaml_cache import load_documents

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
TOPOLOGIES = {"default": ROOT / "topology.yaml", "five-clusters": FIXTURES / "five-clusters.yaml"}


@dataclass
class Tree:
    """A rendered topology: its output trees and the argocd/ documents per cluster."""

    name: str
    topology: Topology
    dist: Path
    argocd: Path
    docs: dict[str, dict[Path, dict]] = field(default_factory=dict)
    """Cluster -> path relative to argocd/<cluster>/ -> document."""
    _synced: dict[str, list[dict]] = field(default_factory=dict)
    _parsed: dict[Path, list[dict]] = field(default_factory=dict)

    def all_applications(self, cluster: str) -> dict[str, dict]:
        """Every Application in argocd/<cluster>/, including other features' (the `kcp:` section's kcp-ws-*)."""
        return {d["metadata"]["name"]: d for d in self.docs[cluster].values() if d["kind"] == "Application"}

    def applications(self, cluster: str) -> dict[str, dict]:
        """The Applications of this deployment's AppProject: the app-of-apps and its children."""
        project = self.topology.argocd.project
        return {n: d for n, d in self.all_applications(cluster).items() if d["spec"]["project"] == project}

    def children(self, cluster: str) -> dict[str, dict]:
        """This project's Applications the app-of-apps syncs (those under apps/)."""
        return {n: d for n, d in self.applications(cluster).items() if n != "app-of-apps"}

    def project(self, cluster: str) -> dict:
        """This deployment's AppProject."""
        (project,) = [d for d in self.docs[cluster].values()
                      if d["kind"] == "AppProject" and d["metadata"]["name"] == self.topology.argocd.project]
        return project

    def synced(self, repo_path: str) -> list[dict]:
        """Every document under a repo-relative directory of the generated trees (empty when outside or missing)."""
        if repo_path not in self._synced:
            directory = self.repo_dir(repo_path)
            files = sorted(directory.rglob("*.yaml")) if directory is not None and directory.is_dir() else []
            self._synced[repo_path] = [d for path in files for d in self._load(path)]
        return self._synced[repo_path]

    def synced_by(self, app: dict) -> list[dict]:
        """Every document an Application's directory source reads (recurse, include and exclude applied); [] for charts."""
        source = app["spec"]["source"]
        if "path" not in source:
            return []
        directory = self.repo_dir(source["path"])
        if directory is None or not directory.is_dir():
            return []
        return [d for path in directory_manifests(directory, source.get("directory", {})) for d in self._load(path)]

    def _load(self, path: Path) -> list[dict]:
        # A rendered tree never changes during the session: each file is parsed once (its documents are read-only).
        if path not in self._parsed:
            self._parsed[path] = _load_all(path)
        return self._parsed[path]

    def repo_dir(self, repo_path: str) -> Path | None:
        """Where a repo-relative path of the generated trees is in this render; None outside dist/ and argocd/."""
        head, _, rest = repo_path.partition("/")
        base = {"dist": self.dist, "argocd": self.argocd}.get(head)
        return None if base is None else base / rest


MANIFEST_FILE = re.compile(r"^.*\.(yaml|yml|json|jsonnet)$")
"""argoproj/argo-cd@v3.5.1:reposerver/repository/repository.go manifestFile: the only files a directory source reads."""


def argocd_glob(pattern: str) -> re.Pattern[str]:
    """A directory `include`/`exclude` pattern as Argo CD matches it (util/glob Match(): gobwas/glob without
    separators, so `*` also crosses `/`; `{a,b}` alternatives, `?` and `[...]` classes)."""
    out, depth = [], 0
    for char in pattern:
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "{":
            depth += 1
            out.append("(?:")
        elif char == "}" and depth:
            depth -= 1
            out.append(")")
        elif char == "," and depth:
            out.append("|")
        elif char in "[]":
            out.append(char)
        else:
            out.append(re.escape(char))
    return re.compile("".join(out) + r"\Z", re.S)


def directory_manifests(directory: Path, options: dict) -> list[Path]:
    """Files a directory source on `directory` reads (reposerver/repository/repository.go getPotentiallyValidManifestFile())."""
    files = directory.rglob("*") if options.get("recurse") else directory.glob("*")
    include = argocd_glob(options["include"]) if options.get("include") else None
    exclude = argocd_glob(options["exclude"]) if options.get("exclude") else None
    found = []
    for path in sorted(files):
        relative = path.relative_to(directory).as_posix()
        if not path.is_file() or not MANIFEST_FILE.match(path.name):
            continue
        if (exclude and exclude.match(relative)) or (include and not include.match(relative)):
            continue
        found.append(path)
    return found


def _load_all(path: Path) -> list[dict]:
    return [d for d in load_documents(path) if d]  # through the YAML cache: the CRD files are megabytes


def _read(argocd: Path, cluster: str) -> dict[Path, dict]:
    found = {}
    for path in sorted((argocd / cluster).rglob("*.yaml")):
        (doc,) = _load_all(path)
        found[path.relative_to(argocd / cluster)] = doc
    return found


def _tree(name: str, trees: dict[str, Path]) -> Tree:
    topology = load_topology(TOPOLOGIES[name])
    tree = Tree(name=name, topology=topology, dist=trees["dist"], argocd=trees["argocd"])
    tree.docs = {c.name: _read(trees["argocd"], c.name) for c in topology.clusters}
    return tree


@pytest.fixture(scope="session")
def five_cluster_trees(tmp_path_factory) -> dict[str, Path]:
    """The five-cluster fixture synthesized to disk."""
    from kcpgitops.cli import synth

    out = tmp_path_factory.mktemp("five-clusters")
    trees = {"dist": out / "dist", "argocd": out / "argocd"}
    assert synth(topology=TOPOLOGIES["five-clusters"], **trees) == 0
    return trees


@pytest.fixture(scope="session")
def default_tree(default_trees) -> Tree:
    return _tree("default", default_trees)


@pytest.fixture(scope="session")
def five_cluster_tree(five_cluster_trees) -> Tree:
    return _tree("five-clusters", five_cluster_trees)


@pytest.fixture(scope="session", params=sorted(TOPOLOGIES))
def tree(request) -> Tree:
    """Each rendered topology in turn (each rendered once per session)."""
    return request.getfixturevalue("default_tree" if request.param == "default" else "five_cluster_tree")


@pytest.fixture(scope="session")
def argocd_schema_dir(schema_dir) -> Path:
    """Strict schemas of the vendored CRDs (Argo CD v3.5.1 among them) and Kubernetes core."""
    return schema_dir


@pytest.fixture(scope="session")
def schema_report(argocd_schema_dir):
    """`schema_report(tree)`: the strict validation report of a tree's argocd/ directory, computed once per tree."""
    from kcpgitops.schemas import check_paths

    reports: dict = {}

    def report(tree: Tree):
        if tree.name not in reports:
            reports[tree.name] = check_paths([tree.argocd], schema_dir=argocd_schema_dir)
        return reports[tree.name]

    return report
