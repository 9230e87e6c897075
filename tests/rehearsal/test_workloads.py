"""The kubelet / Deployment / StatefulSet / cloud stand-in: pods start only when what they reference exists."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from kcpgitops.rehearsal._controllers.workloads import Workloads, pod_blockers, rollouts
from kcpgitops.rehearsal._world import Cluster, Fleet

FIXTURES = Path(__file__).parent / "fixtures" / "controllers"


def _world(*namespaces: str) -> tuple[Fleet, Cluster, Workloads]:
    fleet = Fleet()
    cluster = fleet.add_cluster("cluster-1")
    for name in namespaces:
        cluster.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}, manager="test")
    return fleet, cluster, Workloads()


def _run(fleet: Fleet, cluster: Cluster, workloads: Workloads, seconds: float, step: float = 5.0) -> None:
    end = fleet.clock.now + seconds
    while fleet.clock.now < end:
        fleet.clock.now += step
        workloads.reconcile(cluster)


def _deployment() -> dict:
    return yaml.load((FIXTURES / "deployment-refs.yaml").read_text(), Loader=yaml.CSafeLoader)


def _secret(namespace: str, name: str, **data: str) -> dict:
    return {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": namespace}, "data": data}


def _config_map(namespace: str, name: str, **data: str) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": namespace}, "data": data}


def _provide_everything(cluster: Cluster, *, skip: str = "") -> None:
    objects = {
        "sa": {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "app", "namespace": "apps"}},
        "credentials": _secret("apps", "app-credentials", password="cA=="),
        "config": _config_map("apps", "app-config", mode="fast"),
        "env": _config_map("apps", "app-env", A="1"),
        "tls": _secret("apps", "app-tls", **{"tls.crt": "eA==", "tls.key": "eA=="}),
    }
    for name, obj in objects.items():
        if name != skip:
            cluster.api.apply(obj, manager="test")


def _status(cluster: Cluster, kind: str, namespace: str, name: str) -> dict:
    return (cluster.api.get("apps", kind, namespace, name) or {}).get("status") or {}


def test_deployment_missing_a_secret_key_is_never_ready():
    fleet, cluster, workloads = _world("apps")
    cluster.api.apply(_deployment(), manager="test")
    _provide_everything(cluster, skip="tls")
    cluster.api.apply(_secret("apps", "app-tls", **{"tls.crt": "eA=="}), manager="test")  # tls.key missing
    _run(fleet, cluster, workloads, 1800)
    assert not cluster.deployment_ready("apps", "app")
    status = _status(cluster, "Deployment", "apps", "app")
    assert status.get("readyReplicas", 0) == 0 and status["updatedReplicas"] == 2
    blockers = pod_blockers(cluster, cluster.api.get("apps", "Deployment", "apps", "app"))
    assert blockers == ['Secret apps/app-tls has no key "tls.key" (volume tls)']
    # After progressDeadlineSeconds (600) without progress the Deployment controller gives up on the rollout.
    progressing = next(c for c in status["conditions"] if c["type"] == "Progressing")
    assert (progressing["status"], progressing["reason"]) == ("False", "ProgressDeadlineExceeded")
    assert any("exceeded its progress deadline" in e.message for e in fleet.timeline.events)
    # The missing key appears: the pods start after the start-up delay, and the rollout completes.
    cluster.api.apply(_secret("apps", "app-tls", **{"tls.crt": "eA==", "tls.key": "eA=="}), manager="test")
    _run(fleet, cluster, workloads, 15)
    assert cluster.deployment_ready("apps", "app")
    conditions = {c["type"]: c for c in _status(cluster, "Deployment", "apps", "app")["conditions"]}
    assert (conditions["Available"]["status"], conditions["Available"]["reason"]) == ("True", "MinimumReplicasAvailable")
    assert (conditions["Progressing"]["status"], conditions["Progressing"]["reason"]) == ("True", "NewReplicaSetAvailable")


def test_every_kind_of_reference_blocks_until_it_exists():
    fleet, cluster, workloads = _world("apps")
    cluster.api.apply(_deployment(), manager="test")
    deployment = cluster.api.get("apps", "Deployment", "apps", "app")
    assert pod_blockers(cluster, deployment) == [
        "ServiceAccount apps/app not found",
        "Secret apps/app-tls not found (volume tls)",
        "Secret apps/app-credentials not found (env PASSWORD of container main)",
        "ConfigMap apps/app-config not found (env MODE of container main)",
        "ConfigMap apps/app-env not found (envFrom of container main)",
    ]  # the optional Secret app-extra is not listed
    for skip in ("sa", "credentials", "config", "env", "tls"):
        fleet, cluster, workloads = _world("apps")
        cluster.api.apply(_deployment(), manager="test")
        _provide_everything(cluster, skip=skip)
        _run(fleet, cluster, workloads, 60)
        assert not cluster.deployment_ready("apps", "app"), skip
        _provide_everything(cluster)
        _run(fleet, cluster, workloads, 15)
        assert cluster.deployment_ready("apps", "app"), skip


def test_deployment_status_is_written_as_the_deployment_controller_does():
    fleet, cluster, workloads = _world("apps")
    _provide_everything(cluster)
    cluster.api.apply(_deployment(), manager="test")
    _run(fleet, cluster, workloads, 5)
    status = _status(cluster, "Deployment", "apps", "app")
    assert status["observedGeneration"] == 1 and "readyReplicas" not in status  # zero counters are omitted (omitempty)
    progressing = next(c for c in status["conditions"] if c["type"] == "Progressing")
    assert progressing["reason"] == "NewReplicaSetCreated" and progressing["message"].startswith('Created new replica set "app-')
    _run(fleet, cluster, workloads, 10)
    status = _status(cluster, "Deployment", "apps", "app")
    assert {k: status[k] for k in ("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")} == {
        "replicas": 2,
        "updatedReplicas": 2,
        "readyReplicas": 2,
        "availableReplicas": 2,
    }
    replica_sets = cluster.api.list("apps", "ReplicaSet", "apps")
    assert len(replica_sets) == 1 and replica_sets[0]["metadata"]["ownerReferences"][0]["kind"] == "Deployment"


def test_a_template_change_rolls_once_and_a_scale_change_does_not():
    fleet, cluster, workloads = _world("apps")
    _provide_everything(cluster)
    cluster.api.apply(_deployment(), manager="test")
    _run(fleet, cluster, workloads, 30)
    scaled = _deployment()
    scaled["spec"]["replicas"] = 3
    cluster.api.apply(scaled, manager="test")
    _run(fleet, cluster, workloads, 30)
    assert rollouts(cluster, "apps", "app") == 0 and _status(cluster, "Deployment", "apps", "app")["readyReplicas"] == 3
    changed = copy.deepcopy(scaled)
    changed["spec"]["template"]["spec"]["containers"][0]["image"] = "ghcr.io/example/app:v2"
    cluster.api.apply(changed, manager="test")
    _run(fleet, cluster, workloads, 30)
    assert rollouts(cluster, "apps", "app") == 1
    assert any(e.message.startswith("rolled Deployment.apps apps/app (template changed)") for e in fleet.timeline.events)
    assert cluster.deployment_ready("apps", "app")
    replica_sets = {
        rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"]: rs for rs in cluster.api.list("apps", "ReplicaSet", "apps")
    }
    assert replica_sets["1"]["spec"]["replicas"] == 0 and replica_sets["2"]["spec"]["replicas"] == 3


def test_a_blocked_roll_keeps_the_old_pods_serving():
    fleet, cluster, workloads = _world("apps")
    _provide_everything(cluster)
    cluster.api.apply(_deployment(), manager="test")
    _run(fleet, cluster, workloads, 30)
    changed = _deployment()
    changed["spec"]["template"]["spec"]["containers"][0]["env"][0]["valueFrom"]["secretKeyRef"]["name"] = "app-credentials-v2"
    cluster.api.apply(changed, manager="test")
    _run(fleet, cluster, workloads, 60)
    status = _status(cluster, "Deployment", "apps", "app")
    assert (status["availableReplicas"], status["replicas"], status["updatedReplicas"], status["unavailableReplicas"]) == (2, 4, 2, 2)
    available = next(c for c in status["conditions"] if c["type"] == "Available")
    assert available["status"] == "True"  # the old ReplicaSet still serves
    assert pod_blockers(cluster, cluster.api.get("apps", "Deployment", "apps", "app")) == [
        "Secret apps/app-credentials-v2 not found (env PASSWORD of container main)"
    ]


def test_running_pods_survive_a_deleted_secret_and_scale_to_zero_is_ready():
    fleet, cluster, workloads = _world("apps")
    _provide_everything(cluster)
    cluster.api.apply(_deployment(), manager="test")
    _run(fleet, cluster, workloads, 30)
    cluster.api.delete(("", "Secret", "apps", "app-tls"))
    _run(fleet, cluster, workloads, 60)
    assert cluster.deployment_ready("apps", "app")  # mounted at start; only new pods would need it
    zero = _deployment()
    zero["spec"]["replicas"] = 0
    cluster.api.apply(zero, manager="test")
    _run(fleet, cluster, workloads, 5)
    status = _status(cluster, "Deployment", "apps", "app")
    assert status["observedGeneration"] == 2 and "replicas" not in status and "readyReplicas" not in status
    assert next(c for c in status["conditions"] if c["type"] == "Available")["status"] == "True"


def test_statefulset_pods_start_and_roll_one_revision_at_a_time():
    fleet, cluster, workloads = _world("db")
    sts = {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "db", "namespace": "db"},
        "spec": {
            "replicas": 3,
            "podManagementPolicy": "Parallel",
            "serviceName": "db",
            "selector": {"matchLabels": {"app": "db"}},
            "template": {
                "metadata": {"labels": {"app": "db"}},
                "spec": {"containers": [{"name": "db", "image": "db:1"}], "volumes": [{"name": "tls", "secret": {"secretName": "db-tls"}}]},
            },
        },
    }
    cluster.api.apply(sts, manager="test")
    _run(fleet, cluster, workloads, 300)
    assert _status(cluster, "StatefulSet", "db", "db").get("readyReplicas", 0) == 0
    cluster.api.apply(_secret("db", "db-tls", **{"tls.crt": "eA=="}), manager="test")
    _run(fleet, cluster, workloads, 15)
    status = _status(cluster, "StatefulSet", "db", "db")
    assert status["readyReplicas"] == 3 and status["updatedReplicas"] == 3 and status["currentRevision"] == status["updateRevision"]
    old_revision = status["currentRevision"]
    sts["spec"]["template"]["spec"]["containers"][0]["image"] = "db:2"
    cluster.api.apply(sts, manager="test")
    _run(fleet, cluster, workloads, 10)
    status = _status(cluster, "StatefulSet", "db", "db")
    assert status["currentRevision"] == old_revision != status["updateRevision"] and status["readyReplicas"] == 2
    _run(fleet, cluster, workloads, 60)
    status = _status(cluster, "StatefulSet", "db", "db")
    assert status["currentRevision"] == status["updateRevision"] != old_revision and status["readyReplicas"] == 3
    assert rollouts(cluster, "db", "db", kind="StatefulSet") == 1


def test_load_balancer_services_get_a_documentation_address_after_a_delay():
    def world() -> tuple[Fleet, Cluster, Workloads]:
        fleet, cluster, workloads = _world("edge")
        for name in ("front-proxy", "root-shard"):
            cluster.api.apply(
                {
                    "apiVersion": "v1",
                    "kind": "Service",
                    "metadata": {"name": name, "namespace": "edge"},
                    "spec": {"type": "LoadBalancer", "ports": [{"port": 6443}]},
                },
                manager="test",
            )
        cluster.api.apply(
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "internal", "namespace": "edge"},
                "spec": {"type": "ClusterIP", "ports": [{"port": 80}]},
            },
            manager="test",
        )
        return fleet, cluster, workloads

    fleet, cluster, workloads = world()
    _run(fleet, cluster, workloads, 25)
    assert not (cluster.api.get("", "Service", "edge", "front-proxy").get("status") or {}).get("loadBalancer")
    _run(fleet, cluster, workloads, 10)
    addresses = [
        cluster.api.get("", "Service", "edge", n)["status"]["loadBalancer"]["ingress"][0]["ip"] for n in ("front-proxy", "root-shard")
    ]
    assert all(a.startswith("203.0.113.") for a in addresses) and len(set(addresses)) == 2
    assert "status" not in cluster.api.get("", "Service", "edge", "internal")
    fleet2, cluster2, workloads2 = world()
    _run(fleet2, cluster2, workloads2, 35)
    assert [
        cluster2.api.get("", "Service", "edge", n)["status"]["loadBalancer"]["ingress"][0]["ip"] for n in ("front-proxy", "root-shard")
    ] == addresses
