"""Fixture topologies with overrides, and the check that a refused render left its output directories alone."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CDK8S_CHECK_UPGRADE", "false")


@pytest.fixture
def previous_output(tmp_path) -> tuple[dict[str, Path], Callable[[], None]]:
    """Output trees holding a previous render's marker, and a check that they are exactly as before.

    The same test as tests/generator/test_bad_input.py's (the marker file keeps its text, no argocd/ tree appears,
    nothing else is created next to them); a fixture because conftest helpers cannot be imported in importlib mode.
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
