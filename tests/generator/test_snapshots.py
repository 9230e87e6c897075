"""Snapshot of a non-default topology's rendered dist/ tree: reviewers see what the generator makes of it.

Regenerate after an intended change with `UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/generator/test_snapshots.py`
and review the diff like any rendered output. Under `CI` updating is refused: there it would make the test pass
whatever the generator renders.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from kcpgitops.cli import synth

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "five-clusters"


def _files(tree: Path) -> dict[str, str]:
    return {str(p.relative_to(tree)): p.read_text() for p in sorted(tree.rglob("*")) if p.is_file()}


def updating_snapshots(environ: Mapping[str, str]) -> bool:
    """Whether to rewrite the snapshot: `UPDATE_SNAPSHOTS` is set, and never under `CI`."""
    if not environ.get("UPDATE_SNAPSHOTS"):
        return False
    if environ.get("CI"):
        pytest.fail("UPDATE_SNAPSHOTS is set under CI: snapshots are updated locally and reviewed, never by CI. "
                    "Unset UPDATE_SNAPSHOTS in the CI job.", pytrace=False)
    return True


def test_snapshot_update_is_refused_under_ci():
    assert updating_snapshots({}) is False
    assert updating_snapshots({"UPDATE_SNAPSHOTS": "1"}) is True
    assert updating_snapshots({"CI": "true"}) is False
    with pytest.raises(pytest.fail.Exception, match="UPDATE_SNAPSHOTS is set under CI"):
        updating_snapshots({"UPDATE_SNAPSHOTS": "1", "CI": "true"})


def test_five_cluster_topology_renders_as_snapshotted(tmp_path):
    out = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    assert synth(topology=HERE / "fixtures" / "five-clusters.yaml", **out) == 0
    if updating_snapshots(os.environ):
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        shutil.copytree(out["dist"], SNAPSHOT)
    rendered, snapshot = _files(out["dist"]), _files(SNAPSHOT)
    assert sorted(rendered) == sorted(snapshot)
    changed = [name for name in rendered if rendered[name] != snapshot[name]]
    assert changed == [], "rendered output changed; review and run with UPDATE_SNAPSHOTS=1"
