"""Nothing cluster-local travels: the delivered objects carry none of cluster 1's server-populated fields, and the
pod template's revision labels (cluster 1's resourceVersions) become keyed fingerprints of what the pods mount.

kcp-operator v0.9.0 labels the pod template `operator.kcp.io/secret-<sha3-256(name)[:20]>-rev: <resourceVersion>`
(pkg/reconciling/modifier/revision_labels.go); restated here independently of the bridge and of kcpmodel.
"""

from __future__ import annotations

import hashlib
from typing import Any

import yaml
from bridge_testkit.harness import Harness

PREFIX = "bridge.kcp-zheng.io/"
DEPLOYMENT = "deployment_kcp-zheng_alpha-shard-kcp.yaml"
SERVICE = "service_kcp-zheng_alpha-shard-kcp.yaml"


def _hash(name: str) -> str:
    return hashlib.sha3_256(name.encode()).hexdigest()[:20]


def _deployment(h: Harness) -> dict[str, Any]:
    return yaml.load(h.files("bridge/cluster-2")[DEPLOYMENT], Loader=yaml.CSafeLoader)


def _pod_annotations(h: Harness) -> dict[str, str]:
    return _deployment(h)["spec"]["template"]["metadata"].get("annotations", {})


def _secret_volumes(h: Harness) -> list[str]:
    return [v["secret"]["secretName"] for v in h.world.deployment("alpha")["spec"]["template"]["spec"]["volumes"]]


def test_cluster_one_revision_labels_become_fingerprint_annotations_of_delivered_secrets(harness: Harness) -> None:
    live = harness.world.live_deployment("alpha")
    assert any(k.startswith("operator.kcp.io/secret-") for k in live["spec"]["template"]["metadata"]["labels"]), "fixture lacks labels"
    assert harness.run().returncode == 0
    template = _deployment(harness)["spec"]["template"]["metadata"]
    assert not [k for k in template["labels"] if k.startswith("operator.kcp.io/")]
    annotations = _pod_annotations(harness)
    delivered = {n for n in _secret_volumes(harness) if n != "etcd-ca-tls"}  # excluded by the config: no fingerprint
    assert set(annotations) == {f"{PREFIX}secret-{_hash(n)}-fingerprint" for n in delivered}
    assert all(v.startswith("hmac-sha256:") and len(v) == len("hmac-sha256:") + 64 for v in annotations.values())
    harness.assert_no_plaintext()


def test_resource_version_bump_of_a_secret_on_cluster_one_changes_no_delivered_file(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before = harness.files("bridge/cluster-2", hidden=True)
    # An update that leaves alpha-server's content alone (a label, say): new resourceVersion, and kcp-operator
    # relabels the pod template on cluster 1 with it.
    harness.world.bumps["alpha-server"] = 1
    harness.refresh()
    live = harness.api.objects["/apis/apps/v1/namespaces/kcp-zheng/deployments/alpha-shard-kcp"]
    assert live["spec"]["template"]["metadata"]["labels"][f"operator.kcp.io/secret-{_hash('alpha-server')}-rev"] == "1101"
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "0 committed, 2 unchanged" in result.stdout
    assert harness.files("bridge/cluster-2", hidden=True) == before


def test_content_change_of_a_secret_changes_exactly_its_annotation_in_the_deployment(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before_dep, before_ann = _deployment(harness), _pod_annotations(harness)
    harness.world.generations["alpha-server"] = 2
    harness.refresh()
    assert harness.run().returncode == 0
    after_dep, after_ann = _deployment(harness), _pod_annotations(harness)
    key = f"{PREFIX}secret-{_hash('alpha-server')}-fingerprint"
    assert {k for k in after_ann if after_ann[k] != before_ann.get(k)} == {key}
    assert set(after_ann) == set(before_ann)
    for dep in (before_dep, after_dep):
        del dep["spec"]["template"]["metadata"]["annotations"]
        del dep["metadata"]["annotations"]["bridge.kcp-zheng.io/fingerprint"]
    assert after_dep == before_dep
    harness.assert_no_plaintext()


def test_delivered_service_and_deployment_carry_no_server_populated_field_of_cluster_one(harness: Harness) -> None:
    svc_path = "/api/v1/namespaces/kcp-zheng/services/alpha-shard-kcp"
    svc = harness.api.objects[svc_path]
    svc["metadata"]["finalizers"] = ["service.kubernetes.io/load-balancer-cleanup"]
    svc["spec"]["healthCheckNodePort"] = 32000
    assert [p["name"] for p in svc["spec"]["ports"]] == ["https", "https-virtual-workspaces"]  # the fixture is v0.9.0's
    harness.api.put(svc_path, svc)
    assert harness.run().returncode == 0
    files = harness.files("bridge/cluster-2")
    service = yaml.load(files[SERVICE], Loader=yaml.CSafeLoader)
    assert "finalizers" not in service["metadata"]
    for field in ("clusterIP", "clusterIPs", "healthCheckNodePort", "ipFamilies", "ipFamilyPolicy"):
        assert field not in service["spec"], field
    assert [p.get("nodePort") for p in service["spec"]["ports"]] == [None, None]
    assert [p["port"] for p in service["spec"]["ports"]] == [6443, 6444]
    deployment = yaml.load(files[DEPLOYMENT], Loader=yaml.CSafeLoader)
    assert "deployment.kubernetes.io/revision" not in deployment["metadata"]["annotations"]
    assert "status" not in deployment and "status" not in service
