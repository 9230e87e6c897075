"""Property: every valid topology renders, validates against the schemas and passes the cross-cluster check."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcpgitops.check import check_tree
from kcpgitops.cli import synth
from kcpgitops.schemas import build_schema_dir, validate_paths
from kcpgitops.topology import load_topology

ROOT = Path(__file__).resolve().parents[2]


@st.composite
def topologies(draw) -> dict:
    clusters = [f"c{i}" for i in range(draw(st.integers(1, 4)))]
    shard_clusters = draw(st.lists(st.sampled_from(clusters), max_size=4))
    return {
        "domain": draw(st.sampled_from(["example.io", "kcp.example.net"])),
        "namespace": draw(st.sampled_from(["kcp-zheng", "kcp"])),
        "clusters": [{"name": c, "region": f"r-{c}"} for c in clusters],
        "rootShard": {"name": "root", "cluster": draw(st.sampled_from(clusters))},
        "shards": [{"name": f"s{i}", "cluster": c, "replicas": draw(st.integers(1, 3))} for i, c in enumerate(shard_clusters)],
        "frontProxy": {"certificate": draw(st.sampled_from(["acme", "kcp-ca"]))},
        "etcd": {"replicas": draw(st.sampled_from([1, 3, 5]))},
        "oidc": draw(st.sampled_from([None, {"issuerURL": "https://sso.example.io", "clientID": "kcp"}])),
    }


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(topologies())
def test_every_valid_topology_renders_validates_and_checks_clean(tmp_path_factory, data):
    repo = tmp_path_factory.mktemp("repo")
    (repo / "topology.yaml").write_text(yaml.safe_dump(data))
    (repo / "certs").mkdir()
    for cluster in data["clusters"]:
        shutil.copy(ROOT / "certs" / "cluster-2.pem", repo / "certs" / f"{cluster['name']}.pem")
    assert synth(topology=repo / "topology.yaml", dist=repo / "dist", argocd=repo / "argocd") == 0
    findings = validate_paths([repo / "dist", repo / "argocd"], schema_dir=build_schema_dir(ROOT / "build" / "schemas"))
    assert [str(f) for f in findings] == []
    topology = load_topology(repo / "topology.yaml")
    problems = check_tree(topology=topology, dist=repo / "dist", argocd=repo / "argocd", repo_root=repo)
    assert [str(p) for p in problems] == []
