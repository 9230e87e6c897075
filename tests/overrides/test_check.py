"""`make check` reads the rendered files, so an override that breaks a cross-cluster rule is reported like any finding."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kcpgitops.cli import synth

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "breaks-root-shard-ref.yaml"


def test_an_override_breaking_the_root_shard_ref_is_reported_by_check(tmp_path):
    # Rule kcp-ref (kcpgitops/check/_rules.py check_references): the remote Shard alpha, patched on cluster-1, names a
    # RootShard that is not rendered there. The patched Shard is schema-valid, so the render itself accepts it.
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(FIXTURE, repo / "topology.yaml")
    shutil.copytree(ROOT / "certs", repo / "certs")
    assert synth(topology=repo / "topology.yaml", dist=repo / "dist", argocd=repo / "argocd", repo_root=repo) == 0
    result = subprocess.run([sys.executable, "-m", "kcpgitops", "check", str(repo)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "rules broken: kcp-ref" in result.stderr
    # One finding: `<file>: <object> [rule]`, then its message and fix on indented lines.
    assert result.stdout.count("[kcp-ref]") == 1
    assert "dist/cluster-1/kcp-zheng/shard.operator.kcp.io_alpha.yaml: Shard kcp-zheng/alpha [kcp-ref]" in result.stdout
    assert "names RootShard kcp-zheng/no-such-root, which is not rendered on cluster-1" in result.stdout
