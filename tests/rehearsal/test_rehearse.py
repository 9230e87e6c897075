"""The rehearsal as a whole: it fails on a deliberately broken tree, naming the object, and it replays deterministically.

`make rehearse` runs every scenario on the committed trees; these tests break a copy of the tree on purpose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kcpgitops.rehearsal._scenarios import SCENARIOS, run_scenario

ROOT = Path(__file__).resolve().parents[2]
_TREE = ("dist", "argocd", "sealed", "certs", "vendor", "topology.yaml")


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """A repository copy of the default topology's committed tree."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in _TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    return dest


def _fresh_install(tree: Path, scratch: Path):
    outcome, world = run_scenario(SCENARIOS["fresh-install"], source=tree, topology=tree / "topology.yaml", scratch=scratch)
    if world is not None:
        world.stop()
    return outcome


def test_tree_without_the_kcp_ca_issuer_stalls_naming_it(tree_copy: Path, tmp_path: Path):
    (tree_copy / "dist" / "cluster-1" / "kcp-zheng" / "issuer.cert-manager.io_kcp-ca.yaml").unlink()
    outcome = _fresh_install(tree_copy, tmp_path / "scratch")
    assert not outcome.passed
    messages = [s.message() for s in outcome.stalls]
    assert any(s.cluster == "cluster-1" and "kcp-ca" in s.message() for s in outcome.stalls), messages


def test_shard_cluster_without_its_etcd_stalls_on_its_shard(tree_copy: Path, tmp_path: Path):
    (tree_copy / "dist" / "cluster-2" / "kcp-zheng" / "etcd.druid.gardener.cloud_alpha.yaml").unlink()
    outcome = _fresh_install(tree_copy, tmp_path / "scratch")
    assert not outcome.passed
    stuck = {s.cluster: s.message() for s in outcome.stalls}
    assert "cluster-2" in stuck and "alpha" in stuck["cluster-2"], stuck
    assert "etcd" in stuck["cluster-2"].lower(), stuck


def test_the_same_scenario_replays_the_same_timeline(tmp_path: Path):
    scenario = SCENARIOS["regression-cyclic-bootstrap"]
    timelines = []
    for run in range(2):
        outcome, world = run_scenario(scenario, source=ROOT, topology=ROOT / "topology.yaml", scratch=tmp_path / str(run))
        assert world is None and outcome.passed
        timelines.append([(e.time, e.cluster, e.actor, e.message) for e in outcome.events])
    assert timelines[0] == timelines[1]
    assert len(timelines[0]) > 50


def test_also_rehearses_a_further_topology_with_its_own_report(tmp_path: Path, capsys):
    from kcpgitops.rehearsal.cli import main

    five = ROOT / "tests" / "generator" / "fixtures" / "five-clusters.yaml"
    output = tmp_path / "rehearsal.md"
    code = main([str(ROOT), "--also", str(five), "--scenario", "regression-cyclic-bootstrap", "--jobs", "1", "--output", str(output)])
    assert code == 0, capsys.readouterr().err
    assert "| regression-cyclic-bootstrap | fault | pass |" in output.read_text()
    # The old layout only covers the default topology's clusters, so the five-cluster run says why it does not apply.
    assert "not applicable" in (tmp_path / "rehearsal-five-clusters.md").read_text()


def test_topologies_with_the_same_file_name_are_refused(tmp_path: Path, capsys):
    from kcpgitops.rehearsal.cli import main

    # Reports are named after the file's stem, or its folder for a preset's `<pattern>/topology.yaml`.
    twin = tmp_path / "topology" / "topology.yaml"
    twin.parent.mkdir()
    shutil.copy2(ROOT / "topology.yaml", twin)
    assert main([str(ROOT), "--also", str(twin)]) == 2
    assert "distinct names" in capsys.readouterr().err


def test_a_tree_rendered_from_other_inputs_is_refused_naming_the_input(tree_copy: Path, capsys):
    from kcpgitops.rehearsal.cli import main

    topology = tree_copy / "topology.yaml"
    topology.write_text(topology.read_text().replace("replicas: 2", "replicas: 3", 1))
    assert main([str(tree_copy), "--scenario", "fresh-install", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "topology.yaml changed since" in err and "--render" in err
