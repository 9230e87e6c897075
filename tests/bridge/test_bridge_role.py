"""The Role the generator renders for the bridge, loaded into the fake cluster 1 API: it grants exactly what one cycle
reads, and a cycle without one of its names fails. The world is the default topology's (root, alpha, beta in kcp-zheng).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bridge_testkit.harness import REPO_ROOT, Harness, Pki

from charts.bridge import bridge_config
from kcpgitops.topology import parse_topology

RENDERED = REPO_ROOT / "dist" / "cluster-1" / "kcp-zheng"


def _rendered_role_paths() -> set[str]:
    """API paths the committed (rendered, kept fresh by check-rendered) Role lets the bridge GET."""
    role = yaml.load((RENDERED / "role.rbac.authorization.k8s.io_kcp-bridge.yaml").read_text(), Loader=yaml.CSafeLoader)
    paths = set()
    for rule in role["rules"]:
        assert rule["verbs"] == ["get"] and rule["resourceNames"], rule
        for group in rule["apiGroups"]:
            prefix = "/api/v1" if group == "" else f"/apis/{group}/v1"
            paths.update(f"{prefix}/namespaces/kcp-zheng/{r}/{n}" for r in rule["resources"] for n in rule["resourceNames"])
    return paths


def _rendered_exclusions() -> dict[str, list[str]]:
    config_map = yaml.load((RENDERED / "configmap.core_kcp-bridge-config.yaml").read_text(), Loader=yaml.CSafeLoader)
    return {t["shard"]: t["excludeReferences"] for t in yaml.load(config_map["data"]["config.yaml"], Loader=yaml.CSafeLoader)["targets"]}


@pytest.fixture
def rendered_role(tmp_path: Path, pki: Pki) -> Harness:
    h = Harness(tmp=tmp_path, pki=pki)
    h.api.allowed = _rendered_role_paths()
    exclusions = _rendered_exclusions()
    for target in h.config["targets"]:
        target["excludeReferences"] = exclusions[target["shard"]]
    try:
        yield h
    finally:
        h.stop()


def test_rendered_role_grants_exactly_what_a_cycle_reads(rendered_role: Harness) -> None:
    h = rendered_role
    result = h.run()
    assert result.returncode == 0, result.stderr
    read = {path for method, path in h.api.requests}
    assert {method for method, _ in h.api.requests} == {"GET"}
    # Every name the Role grants is read (nothing granted for nothing), and nothing else is asked for.
    assert read == h.api.allowed
    assert not any(path.rsplit("/", 1)[1].startswith("etcd-") for path in read)
    h.assert_no_plaintext()


@pytest.mark.parametrize(
    ("missing", "fails"),
    [
        ("/api/v1/namespaces/kcp-zheng/secrets/root-service-account", ["alpha", "beta"]),  # mounted, not bundled
        ("/api/v1/namespaces/kcp-zheng/secrets/root-ca", ["alpha", "beta"]),  # bundled, read live
        ("/apis/apps/v1/namespaces/kcp-zheng/deployments/beta-shard-kcp", ["beta"]),
    ],
)
def test_rendered_role_without_one_of_its_names_fails_the_shards_that_need_it(rendered_role: Harness, missing: str, fails: list[str]) -> None:
    h = rendered_role
    assert h.api.allowed is not None and missing in h.api.allowed
    h.api.allowed.discard(missing)
    result = h.run()
    assert result.returncode == 1
    assert "HTTP 403 Forbidden" in result.stderr
    for shard, cluster in (("alpha", "cluster-2"), ("beta", "cluster-3")):
        assert (f"{shard} ({cluster}): FAILED" in result.stderr) == (shard in fails), result.stderr
    h.assert_no_plaintext()


def test_generator_retires_the_bridge_path_of_every_cluster_left_without_remote_shards() -> None:
    data = yaml.load((REPO_ROOT / "topology.yaml").read_text(), Loader=yaml.CSafeLoader)
    data.pop("kcp", None)
    data["shards"] = [s for s in data["shards"] if s["name"] != "beta"]
    config = bridge_config(parse_topology(yaml.safe_dump(data)))
    assert [t["shard"] for t in config["targets"]] == ["alpha"]
    assert config["retired"] == [
        {"cluster": "cluster-3", "repoURL": config["targets"][0]["repoURL"], "branch": "main", "path": "sealed/cluster-3"}
    ]
    # The root shard's cluster never receives a bundle, so it is never retired; with every shard in place nothing is.
    full = bridge_config(parse_topology((REPO_ROOT / "topology.yaml").read_text()))
    assert "retired" not in full
