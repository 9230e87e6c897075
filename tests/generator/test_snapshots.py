"""Snapshot of a non-default topology's rendered dist/ tree: reviewers see what the generator makes of it.

Regenerate after an intended change with `UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/generator/test_snapshots.py`
and review the diff like any rendered output.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kcpgitops.cli import synth

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "five-clusters"


def _files(tree: Path) -> dict[str, str]:
    return {str(p.relative_to(tree)): p.read_text() for p in sorted(tree.rglob("*")) if p.is_file()}


def test_five_cluster_topology_renders_as_snapshotted(tmp_path):
    out = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    assert synth(topology=HERE / "fixtures" / "five-clusters.yaml", **out) == 0
    if os.environ.get("UPDATE_SNAPSHOTS"):
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        shutil.copytree(out["dist"], SNAPSHOT)
    rendered, snapshot = _files(out["dist"]), _files(SNAPSHOT)
    assert sorted(rendered) == sorted(snapshot)
    changed = [name for name in rendered if rendered[name] != snapshot[name]]
    assert changed == [], "rendered output changed; review and run with UPDATE_SNAPSHOTS=1"
