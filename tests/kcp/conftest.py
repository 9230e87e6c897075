"""Fixtures of the kcp-inside tests: topology variants, the rendered kcp tree, a schema folder."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def default_data() -> dict:
    """The committed topology.yaml as plain data."""
    return yaml.load((ROOT / "topology.yaml").read_text(), Loader=yaml.CSafeLoader)


@pytest.fixture
def topology_with(default_data):
    """Build a Topology from the default one with the `kcp:` section (or anything else) changed by a function."""
    from kcpgitops.topology import parse_topology

    def build(change=None, **top_level):
        data = copy.deepcopy(default_data)
        data.update(top_level)
        if change is not None:
            change(data["kcp"])
        return parse_topology(yaml.safe_dump(data), source="variant.yaml")

    return build


@pytest.fixture(scope="session")
def kcp_render(default_render):
    """The default render's kcp pieces: `files` (dist/kcp/...) and `argocd` (argocd/<root cluster>/...)."""
    dist = {p: t for p, t in default_render.extra_files["dist"].items() if p.parts[0] == "kcp"}
    argocd = {key: docs for key, docs in default_render.applications.items() if key.startswith("cluster-1/")}
    return {"files": dist, "argocd": argocd}


@pytest.fixture(scope="session")
def kcp_docs(kcp_render) -> dict[Path, dict]:
    """Every dist/kcp object by its path relative to dist/."""
    return {p: yaml.load(t, Loader=yaml.CSafeLoader) for p, t in kcp_render["files"].items() if p.suffix == ".yaml"}


@pytest.fixture(scope="session")
def kcp_schema_dir(schema_dir) -> Path:
    """Strict schemas of the core kinds and every vendored CRD (vendor/crds/kcp among them)."""
    return schema_dir


@pytest.fixture(scope="session")
def kcp_trees(kcp_render, tmp_path_factory) -> dict[str, Path]:
    """The kcp feature's files of the default render on disk: dist/kcp/... and argocd/cluster-1/... (kcp-ws-* only)."""
    from kcpgitops.output import dump_yaml, manifest_path

    out = tmp_path_factory.mktemp("kcp-render")
    files = {out / "dist" / p: t for p, t in kcp_render["files"].items()}
    for key, docs in kcp_render["argocd"].items():
        for doc in docs:
            if doc["metadata"]["name"].startswith("kcp-ws"):
                files[out / "argocd" / key / manifest_path(doc)] = dump_yaml(doc)
    for target, text in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return {"dist": out / "dist", "argocd": out / "argocd"}
