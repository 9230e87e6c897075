"""The loadBalancer settings (issue 10, "Exposure per cluster"): resolved per endpoint, rendered into what kcp-operator
v0.9.0 reads on the root cluster and into the bridge configuration for every other cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.docs import dns_plan
from kcpgitops.topology import SOURCE_RANGES_ANNOTATION, deprecations, load_topology, parse_topology

FIXTURES = Path(__file__).parent / "fixtures"
FIVE = FIXTURES / "five-clusters.yaml"
BASE = (FIXTURES / "base.yaml").read_text()


@pytest.fixture(scope="module")
def five(rendered_fixture):
    return rendered_fixture(FIVE)


def _doc(rendered, cluster: str, kind: str, name: str) -> dict:
    return next(d for d in rendered.manifests[cluster] if d["kind"] == kind and d["metadata"]["name"] == name)


def _bridge_targets(rendered, cluster: str) -> dict[str, dict]:
    config = _doc(rendered, cluster, "ConfigMap", "kcp-bridge-config")
    return {t["shard"]: t for t in yaml.safe_load(config["data"]["config.yaml"])["targets"]}


def test_the_more_specific_level_wins_field_by_field_and_annotations_merge(five):
    topology, _ = five
    oregon_b = next(s for s in topology.shards if s.name == "oregon-b")
    exposure = topology.shard_exposure(oregon_b)
    assert exposure.source_ranges == ("10.8.0.0/16",)  # the shard's, over the cluster's 10.0.0.0/8
    assert dict(exposure.annotations) == {
        "networking.gke.io/load-balancer-type": "Internal",  # the cluster's
        "networking.gke.io/internal-load-balancer-allow-global-access": "true",  # the shard's
    }
    oregon_a = next(s for s in topology.shards if s.name == "oregon-a")
    assert topology.shard_exposure(oregon_a).source_ranges == ("10.0.0.0/8",)


def test_services_kcp_operator_owns_carry_type_annotations_and_source_ranges(five):
    _, rendered = five
    root = _doc(rendered, "eu-1", "RootShard", "root")["spec"]["serviceTemplate"]
    assert root == {
        "metadata": {"annotations": {"service.beta.kubernetes.io/aws-load-balancer-type": "nlb", SOURCE_RANGES_ANNOTATION: "0.0.0.0/0"}},
        "spec": {"type": "LoadBalancer"},
    }
    proxy = _doc(rendered, "eu-1", "FrontProxy", "frontproxy")["spec"]["serviceTemplate"]
    assert proxy == root  # the cluster's settings; the guide's AWS defaults apply only when nothing is set


def test_remote_shards_services_on_the_root_cluster_are_cluster_ip(five):
    topology, rendered = five
    for shard in topology.shards:
        template = _doc(rendered, "eu-1", "Shard", shard.name)["spec"]["serviceTemplate"]
        if topology.is_remote(shard):
            assert template == {"spec": {"type": "ClusterIP"}}, shard.name
    assert _doc(rendered, "eu-1", "Shard", "eu-local")["spec"]["serviceTemplate"]["spec"]["type"] == "ClusterIP"


def test_the_bridge_configuration_carries_each_targets_own_exposure(five):
    _, rendered = five
    targets = _bridge_targets(rendered, "eu-1")
    assert targets["frankfurt"]["service"] == {"type": "LoadBalancer", "loadBalancerClass": "service.k8s.aws/nlb", "externalTrafficPolicy": "Local"}
    assert targets["virginia"]["service"] == {"type": "LoadBalancer"}
    assert targets["oregon-b"]["service"]["loadBalancerSourceRanges"] == ["10.8.0.0/16"]
    # Nothing of the root cluster's settings reaches another cluster.
    for target in targets.values():
        assert "service.beta.kubernetes.io/aws-load-balancer-type" not in target["service"].get("annotations", {})
        assert target["service"].get("loadBalancerSourceRanges") != ["0.0.0.0/0"]


def test_a_private_shard_has_no_public_url_record_or_certificate_name(five):
    topology, rendered = five
    spec = _doc(rendered, "eu-1", "Shard", "eu-local")["spec"]
    assert "shardBaseURL" not in spec  # kcp-operator's in-cluster default
    assert "certificateTemplates" not in spec or "server" not in spec["certificateTemplates"]
    hosts = {r.hostname for r in dns_plan(topology)}
    assert f"eu-local.{topology.domain}" not in hosts
    assert f"frankfurt.{topology.domain}" in hosts


def test_the_guide_annotations_apply_only_when_nothing_is_set():
    guide = parse_topology(BASE).front_proxy_exposure
    assert dict(guide.annotations)["service.beta.kubernetes.io/aws-load-balancer-type"] == "nlb"
    gcp = BASE.replace("  - name: one\n", "  - name: one\n    loadBalancer: {annotations: {cloud.google.com/l4-rbs: enabled}}\n", 1)
    assert dict(parse_topology(gcp).front_proxy_exposure.annotations) == {"cloud.google.com/l4-rbs": "enabled"}


def test_service_annotations_still_work_as_loadbalancer_annotations_with_a_deprecation():
    old = parse_topology(BASE + "frontProxy:\n  serviceAnnotations: {a.example.com/x: y}\n")
    new = parse_topology(BASE + "frontProxy:\n  loadBalancer: {annotations: {a.example.com/x: y}}\n")
    assert old.front_proxy_exposure == new.front_proxy_exposure
    assert [d.field for d in deprecations(old)] == ["frontProxy.serviceAnnotations"]
    assert deprecations(new) == []


def test_cluster_ip_drops_inherited_balancer_fields():
    topology = load_topology(FIXTURES / "private-shard.yaml")
    side = next(s for s in topology.shards if s.name == "side")
    assert topology.shard_exposure(side).private
    assert topology.shard_exposure(side).source_ranges == ()
    assert topology.front_proxy_exposure.source_ranges == ("10.0.0.0/8",)
