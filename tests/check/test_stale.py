"""`make check-rendered`: a fresh render compared with the committed trees, with a short summary on a difference."""

from __future__ import annotations

import shutil
from pathlib import Path

from kcpgitops.check import stale
from kcpgitops.check.stale import TreeDiff, compare_trees, main, summary


def test_identical_trees_have_no_difference(rendered_repo):
    assert not compare_trees(rendered_repo / "dist", rendered_repo / "dist")


def test_stale_output_is_summarised_and_fails(repo, write, capsys):
    changed = repo / "dist/cluster-2/kcp-zheng/etcd.druid.gardener.cloud_alpha.yaml"
    write(changed, changed.read_text().replace("replicas: 3", "replicas: 5"))
    (repo / "argocd/cluster-3/README.md").unlink()
    write(repo / "dist/cluster-1/kcp-zheng/leftover.yaml", "kind: ConfigMap\n")
    code = main(["--topology", str(repo / "topology.yaml"), "--dist", str(repo / "dist"), "--argocd", str(repo / "argocd")])
    err = capsys.readouterr().err
    assert code == 1
    # Exactly the three edits differ: everything else in the copy equals a fresh render of the same topology.
    assert str(repo / "dist") + "/: 0 added, 1 removed, 1 changed" in err
    assert str(repo / "argocd") + "/: 1 added, 0 removed, 0 changed" in err
    assert "~ " + str(repo / "dist") + "/cluster-2/kcp-zheng/etcd.druid.gardener.cloud_alpha.yaml" in err
    assert "- " + str(repo / "dist") + "/cluster-1/kcp-zheng/leftover.yaml" in err
    assert "+ " + str(repo / "argocd") + "/cluster-3/README.md" in err
    assert "make synth" in err


def test_current_output_passes(rendered_repo, capsys, monkeypatch):
    # The fresh render is stood in by a copy of the session render (the test above renders for real).
    def fake_render(topology: Path, out: Path) -> dict[str, Path]:
        for tree in ("dist", "argocd"):
            shutil.copytree(rendered_repo / tree, out / tree)
        return {"dist": out / "dist", "argocd": out / "argocd"}

    monkeypatch.setattr(stale, "render_to", fake_render)
    monkeypatch.chdir(rendered_repo)
    assert main([]) == 0
    assert "dist/ and argocd/ match a fresh render of topology.yaml" in capsys.readouterr().out


def test_summary_is_short():
    diff = TreeDiff(changed=[f"c/{i}.yaml" for i in range(50)])
    lines = summary("dist", diff)
    assert lines[0] == "dist/: 0 added, 0 removed, 50 changed"
    assert len(lines) == 22 and lines[-1] == "  ~ ... and 30 more"


def test_invalid_topology_exits_2(tmp_path: Path, capsys):
    bad = tmp_path / "topology.yaml"
    bad.write_text("clusters: []\n")
    assert main(["--topology", str(bad), "--dist", str(tmp_path / "dist"), "--argocd", str(tmp_path / "argocd")]) == 2
