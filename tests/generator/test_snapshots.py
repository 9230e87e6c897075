"""Snapshot of a non-default topology's rendered dist/ and argocd/ trees: reviewers see what the generator makes of it.

Vendored upstream documents in argocd/ (CustomResourceDefinitions, megabytes that only change with a version pin) are
kept by their SHA-256 in `VENDORED.sha256` instead of verbatim, so the snapshot stays reviewable.

Regenerate after an intended change with `UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/generator/test_snapshots.py`
and review the diff like any rendered output. Under `CI` updating is refused: there it would make the test pass
whatever the generator renders.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from kcpgitops.cli import synth

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "five-clusters"
SNAPSHOT_ARGOCD = HERE / "snapshots" / "five-clusters-argocd"
VENDORED = "VENDORED.sha256"


def _files(tree: Path) -> dict[str, str]:
    return {str(p.relative_to(tree)): p.read_text() for p in sorted(tree.rglob("*")) if p.is_file()}


def _is_vendored(text: str) -> bool:
    return "\nkind: CustomResourceDefinition\n" in text


def _argocd_snapshot(tree: Path) -> dict[str, str]:
    """The argocd/ tree as snapshotted: every file verbatim except vendored ones, which are listed by hash."""
    files, hashes = {}, []
    for name, text in _files(tree).items():
        if _is_vendored(text):
            hashes.append(f"{hashlib.sha256(text.encode()).hexdigest()}  {name}")
        else:
            files[name] = text
    files[VENDORED] = "".join(f"{line}\n" for line in hashes)
    return files


def _write(files: Mapping[str, str], dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    for name, text in files.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(text)


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
        _write(_argocd_snapshot(out["argocd"]), SNAPSHOT_ARGOCD)
    for rendered, snapshot in ((_files(out["dist"]), _files(SNAPSHOT)), (_argocd_snapshot(out["argocd"]), _files(SNAPSHOT_ARGOCD))):
        assert sorted(rendered) == sorted(snapshot), "files added or removed; review and run with UPDATE_SNAPSHOTS=1"
        changed = [name for name in rendered if rendered[name] != snapshot[name]]
        assert changed == [], f"rendered output changed: {changed[:5]}; review and run with UPDATE_SNAPSHOTS=1"


def test_a_changed_vendored_document_changes_the_argocd_snapshot(tmp_path):
    tree = tmp_path / "argocd"
    (tree / "apps").mkdir(parents=True)
    crd = "---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\n"
    (tree / "apps" / "crd.yaml").write_text(crd)
    (tree / "apps" / "app.yaml").write_text("kind: Application\n")
    before = _argocd_snapshot(tree)
    assert set(before) == {"apps/app.yaml", VENDORED} and "apps/crd.yaml" in before[VENDORED]
    (tree / "apps" / "crd.yaml").write_text(crd + "spec: {}\n")
    assert _argocd_snapshot(tree)[VENDORED] != before[VENDORED]
