"""Issue 12's "Must show": one topology with every production setting, every kind of override and a registry mirror
renders, validates strictly, passes `make check` and converges in the rollout rehearsal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kcpgitops.check.cli import main as check_main
from kcpgitops.cli import synth
from kcpgitops.schemas.cli import main as schemas_main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "production.yaml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository copy holding the fixture as its topology, its sealing certificates and its render."""
    root = tmp_path_factory.mktemp("production")
    shutil.copytree(ROOT / "certs", root / "certs")
    shutil.copy2(FIXTURE, root / "topology.yaml")
    assert synth(topology=root / "topology.yaml", dist=root / "dist", argocd=root / "argocd") == 0
    return root


def _doc(repo: Path, relative: str) -> dict:
    return yaml.safe_load((repo / relative).read_text())


def test_every_setting_and_override_validates_strictly(repo, capsys):
    assert schemas_main([str(repo / "dist"), str(repo / "argocd")]) == 0, capsys.readouterr()


def test_every_setting_and_override_passes_make_check(repo, capsys):
    argv = [str(repo), "--topology", str(repo / "topology.yaml"), "--repo-root", str(repo)]
    assert check_main(argv) == 0, capsys.readouterr()


def test_every_kind_of_override_reached_its_objects(repo):
    ns = "dist/cluster-1/kcp-zheng"
    assert _doc(repo, f"{ns}/rootshard.operator.kcp.io_root.yaml")["metadata"]["annotations"]["example.io/owner"] == "platform"
    assert _doc(repo, f"{ns}/shard.operator.kcp.io_alpha.yaml")["metadata"]["annotations"]["example.io/owner"] == "platform"
    for cluster, etcd in (("cluster-1", "root"), ("cluster-2", "alpha"), ("cluster-3", "beta")):
        spec = _doc(repo, f"dist/{cluster}/kcp-zheng/etcd.druid.gardener.cloud_{etcd}.yaml")["spec"]
        assert spec["etcd"]["image"].startswith("mirror.example.io:5000/upstream/"), cluster
    app = _doc(repo, "argocd/cluster-2/apps/argocd/application.argoproj.io_cert-manager.yaml")
    assert app["metadata"]["labels"]["team"] == "platform"
    # A workspace target patches that workspace's object only.
    exports = {p.parent.relative_to(repo / "dist" / "kcp").as_posix(): yaml.safe_load(p.read_text())
               for p in (repo / "dist" / "kcp").rglob("apiexport.apis.kcp.io_cowboys.yaml")}
    assert exports["root/provider"]["metadata"]["labels"] == {"team": "platform"}
    assert all("labels" not in doc["metadata"] for where, doc in exports.items() if where != "root/provider")


def test_the_mirror_reaches_every_kcp_image(repo):
    for path in (repo / "dist" / "cluster-1" / "kcp-zheng").glob("*.operator.kcp.io_*.yaml"):
        image = (yaml.safe_load(path.read_text())["spec"] or {}).get("image")
        if image:
            assert image["repository"].startswith("mirror.example.io:5000/upstream/"), path.name


def test_every_setting_and_override_converges_in_the_rehearsal(capsys):
    from kcpgitops.rehearsal.cli import main as rehearse

    argv = [str(ROOT), "--render", "--topology", str(FIXTURE), "--scenario", "fresh-install", "--jobs", "1"]
    assert rehearse(argv) == 0, capsys.readouterr().err
