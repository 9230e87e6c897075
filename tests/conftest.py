"""Shared fixtures: the repository root and one render of the default topology per test session."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# HYPOTHESIS_PROFILE=thorough: ten times the examples for the property tests (slow; before a release, or after changing
# the topology model). The default profile keeps `make test` within its time budget.
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CDK8S_CHECK_UPGRADE", "false")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project checkout."""
    return ROOT


@pytest.fixture(scope="session")
def default_topology():
    """The committed default topology, loaded."""
    from kcpgitops.topology import load_topology

    return load_topology(ROOT / "topology.yaml")


@pytest.fixture(scope="session")
def default_render(default_topology):
    """`Rendered` for the default topology (documents per cluster)."""
    from kcpgitops.render import render

    return render(default_topology, topology_path=ROOT / "topology.yaml")


@pytest.fixture(scope="session")
def rendered_fixture():
    """`path -> (topology, Rendered)`: a topology file loaded and rendered once per test session (per worker), for the
    tests that only read what a fixture topology renders (treat both as read-only)."""
    from kcpgitops.render import render
    from kcpgitops.topology import load_topology

    renders: dict[Path, tuple] = {}

    def rendered(path: Path) -> tuple:
        path = Path(path).resolve()
        if path not in renders:
            topology = load_topology(path)
            renders[path] = (topology, render(topology, topology_path=path))
        return renders[path]

    return rendered


@pytest.fixture(scope="session")
def default_trees(tmp_path_factory) -> dict[str, Path]:
    """The default topology synthesized to disk: {'dist': path, 'argocd': path}."""
    from kcpgitops.cli import synth

    out = tmp_path_factory.mktemp("default-render")
    trees = {"dist": out / "dist", "argocd": out / "argocd"}
    assert synth(topology=ROOT / "topology.yaml", **trees) == 0
    return trees


@pytest.fixture(scope="session")
def schema_dir() -> Path:
    """The strict schemas of Kubernetes core and every vendored CRD: `make validate`'s folder (build/schemas), built
    when missing or stale. One folder for every test worker: building it takes seconds, and the build is locked."""
    from kcpgitops.schemas import DEFAULT_KUBERNETES_VERSION, build_schema_dir

    return build_schema_dir(ROOT / "build" / "schemas", kubernetes_version=DEFAULT_KUBERNETES_VERSION)


@pytest.fixture(scope="session")
def strict_schema_findings(schema_dir):
    """`(rendered, directory) -> messages`: write a `Rendered`'s dist/ and argocd/ trees under `directory` and return
    what the strict offline validation (`make validate`) finds in them, with the number of documents checked."""
    from kcpgitops.schemas import check_paths

    def findings(rendered, directory: Path) -> tuple[list[str], int]:
        for tree in ("dist", "argocd"):
            for relative, text in rendered.files(tree).items():
                path = directory / tree / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        report = check_paths([directory / "dist", directory / "argocd"], schema_dir=schema_dir)
        return [f.message for f in report.findings], report.documents

    return findings


@pytest.fixture
def previous_output(tmp_path) -> tuple[dict[str, Path], Callable[[], None]]:
    """Output trees holding a previous render's marker, and a check that they are exactly as before.

    The marker file keeps its text, no argocd/ tree appears and nothing else is created next to them: what "bad input
    writes nothing" means for main.py and `synth` (a fixture because conftest helpers cannot be imported in importlib
    mode).
    """
    trees = {"dist": tmp_path / "out" / "dist", "argocd": tmp_path / "out" / "argocd"}
    marker = trees["dist"] / "cluster-1" / "previous.yaml"
    marker.parent.mkdir(parents=True)
    marker.write_text("previous: output\n")

    def unchanged() -> None:
        assert marker.read_text() == "previous: output\n"
        assert not trees["argocd"].exists()
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dist"]
        assert [p for p in trees["dist"].rglob("*") if p.is_file()] == [marker]

    return trees, unchanged
