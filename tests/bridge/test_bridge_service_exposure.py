"""Each shard cluster receives its own Service shape (issue 10, "Exposure per cluster"): the target's loadBalancer
settings from the generated configuration, nothing of cluster 1, in both delivery modes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bridge_testkit.harness import SERVICE_SETTINGS, Harness
from test_bridge_run import unseal_directory

from bridge import _bundle
from bridge._config import ServiceExposure, load_config
from bridge._errors import UsageError

# What cluster 1 put on the fixture Service (tests/bridge/fixtures/shard-service.yaml) that must never travel.
CLUSTER_1_ANNOTATIONS = {("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"),
                         ("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")}
CLUSTER_1_SPEC = {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "sessionAffinity", "internalTrafficPolicy",
                  "allocateLoadBalancerNodePorts", "healthCheckNodePort"}
SERVICE_FILE = "service_kcp-zheng_{shard}-shard-kcp.yaml"


def _delivered_service(h: Harness, shard: str, cluster: str) -> dict:
    return unseal_directory(h, cluster=cluster, directory=f"bridge/{cluster}")[("Service", f"{shard}-shard-kcp")]


def _assert_nothing_of_cluster_1(service: dict) -> None:
    assert not CLUSTER_1_ANNOTATIONS & set((service["metadata"].get("annotations") or {}).items())
    assert "finalizers" not in service["metadata"]
    assert not CLUSTER_1_SPEC & set(service["spec"])
    assert all("nodePort" not in port for port in service["spec"]["ports"])
    assert "status" not in service


def test_each_cluster_receives_its_own_service_shape(harness: Harness) -> None:
    assert harness.run().returncode == 0
    alpha = _delivered_service(harness, "alpha", "cluster-2")
    beta = _delivered_service(harness, "beta", "cluster-3")
    for service in (alpha, beta):
        _assert_nothing_of_cluster_1(service)
        assert [p["port"] for p in service["spec"]["ports"]] == [6443, 6444]
    aws = SERVICE_SETTINGS["cluster-2"]
    assert alpha["spec"]["type"] == "LoadBalancer"
    assert alpha["spec"]["loadBalancerClass"] == aws["loadBalancerClass"]
    assert alpha["spec"]["loadBalancerSourceRanges"] == aws["loadBalancerSourceRanges"]
    assert alpha["spec"]["externalTrafficPolicy"] == "Local"
    assert alpha["metadata"]["annotations"]["service.beta.kubernetes.io/aws-load-balancer-scheme"] == "internal"
    assert beta["metadata"]["annotations"]["networking.gke.io/load-balancer-type"] == "Internal"
    assert not {"loadBalancerClass", "loadBalancerSourceRanges", "externalTrafficPolicy"} & set(beta["spec"])
    # Both are load balancers whose class Kubernetes will not change in place: Argo CD re-creates them instead.
    for service in (alpha, beta):
        assert service["metadata"]["annotations"]["argocd.argoproj.io/sync-options"] == "ServerSideApply=false,Force=true"


def test_a_private_target_gets_a_cluster_ip_service_without_balancer_fields(harness: Harness) -> None:
    harness.config["targets"][1]["service"] = {"type": "ClusterIP", "annotations": {"team": "kcp"}}
    assert harness.run().returncode == 0
    beta = _delivered_service(harness, "beta", "cluster-3")
    _assert_nothing_of_cluster_1(beta)
    assert beta["spec"]["type"] == "ClusterIP"
    assert beta["metadata"]["annotations"] == {"team": "kcp"}


def test_bundle_mode_carries_the_same_service_shape(harness: Harness) -> None:
    import json

    from kubesealpy import SealedSecret, Unsealer

    harness.config["targets"][0]["mode"] = "bundle"
    assert harness.run().returncode == 0
    sealed = SealedSecret.from_yaml(harness.files("bridge/cluster-2")["sealedsecret_kcp-zheng_alpha-bundle.yaml"].decode())
    inner = Unsealer.from_private_key(harness.pki.sealing["cluster-2"].key).unseal(sealed).get_data_decoded()
    service = json.loads(inner["api_v1_namespaces_kcp_zheng_services_alpha_shard_kcp"])
    _assert_nothing_of_cluster_1(service)
    assert service["spec"]["loadBalancerClass"] == "service.k8s.aws/nlb"
    assert service["spec"]["externalTrafficPolicy"] == "Local"


def test_changed_settings_redeliver_only_the_service_and_unchanged_ones_nothing(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before = harness.files("bridge/cluster-3")
    again = harness.run()
    assert "0 committed, 2 unchanged" in again.stdout
    harness.config["targets"][1]["service"] = {"type": "LoadBalancer", "loadBalancerClass": "networking.gke.io/l4-regional-external"}
    changed = harness.run()
    assert "1 committed, 1 unchanged" in changed.stdout, changed.stdout
    after = harness.files("bridge/cluster-3")
    assert {n for n in after if after[n] != before.get(n)} == {SERVICE_FILE.format(shard="beta")}
    assert yaml.safe_load(after[SERVICE_FILE.format(shard="beta")])["spec"]["loadBalancerClass"] == "networking.gke.io/l4-regional-external"


def test_shaping_replaces_cluster_1_annotations_and_fields() -> None:
    fixture = {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "x", "annotations": {"service.beta.kubernetes.io/aws-load-balancer-type": "nlb"}},
        "spec": {"type": "LoadBalancer", "loadBalancerClass": "service.k8s.aws/nlb", "externalTrafficPolicy": "Local",
                 "ports": [{"port": 6443, "nodePort": 30000}], "selector": {"a": "b"}},
    }  # fmt: skip
    shaped = _bundle.shape_service(obj=_bundle.clean(obj=fixture), exposure=ServiceExposure(type="ClusterIP"))
    assert shaped["spec"] == {"type": "ClusterIP", "ports": [{"port": 6443}], "selector": {"a": "b"}}
    assert "annotations" not in shaped["metadata"]


@pytest.mark.parametrize(
    ("service", "complaint"),
    [
        ({"type": "ClusterIP", "loadBalancerClass": "service.k8s.aws/nlb"}, "need type LoadBalancer"),
        ({"type": "LoadBalancer", "loadBalancerSourceRanges": ["10.0.0.300/8"]}, "is not a CIDR"),
        ({"type": "NodePort"}, "service.type"),
        ({"annotations": {"bad key!": "x"}}, "not a valid annotation key"),
    ],
)
def test_a_bad_service_setting_is_a_configuration_error(tmp_path: Path, service: dict, complaint: str) -> None:
    config = {
        "namespace": "kcp-zheng",
        "git": {"authorName": "kcp-bridge", "authorEmail": "bridge@example.invalid"},
        "targets": [{"shard": "alpha", "cluster": "cluster-2", "certificate": "c.pem", "repoURL": "https://git.example.com/r.git",
                     "path": "sealed/cluster-2", "service": service}],
    }  # fmt: skip
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    with pytest.raises(UsageError, match="invalid") as caught:
        load_config(path=path)
    assert complaint in str(caught.value)
