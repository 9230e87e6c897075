"""The etcd-druid stand-in: Etcd to StatefulSet and Services, member readiness from the referenced Secrets, status as
druid v0.33.0 writes it, and spec reconciliation only when the operator configuration or the annotation allows it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.rehearsal._api import ApiError
from kcpgitops.rehearsal._charts import ETCD_DRUID, PinnedCharts
from kcpgitops.rehearsal._controllers.etcd_druid import EtcdDruid, operator_config
from kcpgitops.rehearsal._controllers.workloads import Workloads, pod_blockers
from kcpgitops.rehearsal._world import Cluster, Fleet
from kcpgitops.yaml_cache import load_documents

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "controllers"
SECRETS = (
    "etcd-ca-tls",
    "etcd-server-tls",
    "etcd-client-tls",
    "etcd-peer-ca-tls",
    "etcd-peer-tls",
    "etcd-backup-restore-server-tls",
    "etcd-backup-restore-client-tls",
)


class World:
    """One cluster with the etcd-druid chart (values as given), the Etcd CRD, the druid stand-in and the kubelet."""

    def __init__(self, values: dict | None = None) -> None:
        self.fleet = Fleet()
        self.cluster: Cluster = self.fleet.add_cluster("cluster-2")
        for name in ("etcd-druid", "kcp"):
            self.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
        for path in sorted((ROOT / "vendor" / "crds" / "etcd-druid-v0.33.0").glob("*.yaml")):
            self.apply(load_documents(path)[0])
        for obj in PinnedCharts().render(ETCD_DRUID.repo_url, "etcd-druid", "v0.33.0", "etcd-druid", "etcd-druid", values):
            self.apply(obj)
        self.druid, self.kubelet = EtcdDruid(), Workloads()

    def apply(self, obj: dict) -> dict:
        return self.cluster.api.apply(obj, manager="test")

    def run(self, seconds: float, step: float = 5.0) -> None:
        end = self.fleet.clock.now + seconds
        while self.fleet.clock.now < end:
            self.fleet.clock.now += step
            self.kubelet.reconcile(self.cluster)
            self.druid.reconcile(self.cluster)

    def etcd(self) -> dict:
        return self.cluster.api.get("druid.gardener.cloud", "Etcd", "kcp", "alpha")

    def provide_secrets(self, *names: str) -> None:
        for name in names or SECRETS:
            self.apply(
                {
                    "apiVersion": "v1",
                    "kind": "Secret",
                    "metadata": {"name": name, "namespace": "kcp"},
                    "data": {"tls.crt": "eA==", "tls.key": "eA==", "ca.crt": "eA=="},
                }
            )


def _etcd() -> dict:
    return yaml.load((FIXTURES / "etcd.yaml").read_text(), Loader=yaml.CSafeLoader)


def _condition(etcd: dict, kind: str) -> tuple[str, str]:
    condition = next(c for c in etcd["status"]["conditions"] if c["type"] == kind)
    return condition["status"], condition["reason"]


def test_etcd_becomes_a_statefulset_services_and_config_owned_by_it():
    world = World()
    world.apply(_etcd())
    world.run(20)
    api, uid = world.cluster.api, world.etcd()["metadata"]["uid"]
    sts = api.get("apps", "StatefulSet", "kcp", "alpha")
    assert sts["spec"]["replicas"] == 3 and sts["spec"]["serviceName"] == "alpha-peer"
    assert sts["metadata"]["ownerReferences"][0] == {
        "apiVersion": "druid.gardener.cloud/v1alpha1",
        "kind": "Etcd",
        "name": "alpha",
        "uid": uid,
        "controller": True,
        "blockOwnerDeletion": True,
    }
    volumes = {v["name"]: (v.get("secret") or v.get("configMap")) for v in sts["spec"]["template"]["spec"]["volumes"]}
    assert (
        volumes["etcd-server-tls"]["secretName"] == "etcd-server-tls" and volumes["etcd-peer-server-tls"]["secretName"] == "etcd-peer-tls"
    )
    assert volumes["backup-restore-client-tls"]["secretName"] == "etcd-backup-restore-client-tls"
    assert volumes["etcd-config-file"]["name"] == "alpha-config"
    client = api.get("", "Service", "kcp", "alpha-client")
    assert [p["port"] for p in client["spec"]["ports"]] == [2379, 2380, 8080]
    assert api.get("", "Service", "kcp", "alpha-peer")["spec"]["clusterIP"] == "None"
    config = yaml.load(api.get("", "ConfigMap", "kcp", "alpha-config")["data"]["etcd.conf.yaml"], Loader=yaml.CSafeLoader)
    assert config["quota-backend-bytes"] == 8 * 2**30 and config["listen-client-urls"] == "https://0.0.0.0:2379"
    assert {lease["metadata"]["name"] for lease in api.list("coordination.k8s.io", "Lease", "kcp")} == {
        "alpha-0",
        "alpha-1",
        "alpha-2",
        "alpha-delta-snap",
        "alpha-full-snap",
    }
    api.delete(("druid.gardener.cloud", "Etcd", "kcp", "alpha"))
    assert api.get("apps", "StatefulSet", "kcp", "alpha") is None and api.get("", "Service", "kcp", "alpha-client") is None


def test_members_are_ready_only_when_every_referenced_secret_exists():
    world = World()
    world.apply(_etcd())
    world.provide_secrets(*[s for s in SECRETS if s != "etcd-backup-restore-client-tls"])
    world.run(1800)
    etcd = world.etcd()
    assert etcd["status"]["ready"] is False and "readyReplicas" not in etcd["status"] and "members" not in etcd["status"]
    assert _condition(etcd, "Ready") == ("Unknown", "NoMembersInStatus")
    sts = world.cluster.api.get("apps", "StatefulSet", "kcp", "alpha")
    assert pod_blockers(world.cluster, sts) == ["Secret kcp/etcd-backup-restore-client-tls not found (volume backup-restore-client-tls)"]
    assert world.druid.blockers(world.cluster, etcd) == [
        "Secret kcp/etcd-backup-restore-client-tls not found (volume backup-restore-client-tls)"
    ]
    world.provide_secrets("etcd-backup-restore-client-tls")
    world.run(30)
    status = world.etcd()["status"]
    assert status["ready"] is True and status["readyReplicas"] == 3 and status["replicas"] == 3 and status["observedGeneration"] == 1
    assert [(m["name"], m["role"], m["status"]) for m in status["members"]] == [
        ("alpha-0", "Leader", "Ready"),
        ("alpha-1", "Member", "Ready"),
        ("alpha-2", "Member", "Ready"),
    ]
    assert [c["type"] for c in status["conditions"]] == ["AllMembersReady", "AllMembersUpdated", "DataVolumesReady", "Ready"]
    assert _condition(world.etcd(), "Ready") == ("True", "Quorate") and _condition(world.etcd(), "AllMembersReady") == (
        "True",
        "AllMembersReady",
    )
    assert status["lastOperation"]["type"] == "Reconcile" and status["lastOperation"]["state"] == "Succeeded"
    assert status["lastOperation"]["description"] == "Etcd cluster has been successfully reconciled" and "lastErrors" not in status
    assert status["etcd"] == {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "alpha"}
    assert status["selector"] == "app.kubernetes.io/managed-by=etcd-druid,app.kubernetes.io/part-of=alpha"


def test_a_spec_change_without_auto_reconcile_never_reaches_observed_generation():
    world = World()  # the chart's default: enableEtcdSpecAutoReconcile false
    world.provide_secrets()
    world.apply(_etcd())
    world.run(60)
    assert world.etcd()["status"]["observedGeneration"] == 1
    changed = _etcd()
    changed["spec"]["etcd"]["quota"] = "16Gi"
    world.apply(changed)
    world.run(3600)
    etcd = world.etcd()
    assert etcd["metadata"]["generation"] == 2 and etcd["status"]["observedGeneration"] == 1
    quota = yaml.load(world.cluster.api.get("", "ConfigMap", "kcp", "alpha-config")["data"]["etcd.conf.yaml"], Loader=yaml.CSafeLoader)["quota-backend-bytes"]
    assert quota == 8 * 2**30  # the new spec was never applied
    assert world.druid.blockers(world.cluster, etcd)[0].startswith(
        "spec generation 2 is not reconciled: enableEtcdSpecAutoReconcile is false"
    )
    # The annotation gets it reconciled once, and druid removes it afterwards.
    world.cluster.api.patch_metadata(
        ("druid.gardener.cloud", "Etcd", "kcp", "alpha"), annotations={"gardener.cloud/operation": "reconcile"}
    )
    world.run(5)
    etcd = world.etcd()
    assert etcd["status"]["observedGeneration"] == 2 and "gardener.cloud/operation" not in (etcd["metadata"].get("annotations") or {})
    quota = yaml.load(world.cluster.api.get("", "ConfigMap", "kcp", "alpha-config")["data"]["etcd.conf.yaml"], Loader=yaml.CSafeLoader)["quota-backend-bytes"]
    assert quota == 16 * 2**30
    world.run(60)
    assert world.etcd()["status"]["ready"] is True  # the new configuration rolled the pods, which came back


def test_auto_reconcile_from_the_chart_values_reconciles_spec_changes():
    world = World({"operatorConfig": {"controllers": {"etcd": {"enableEtcdSpecAutoReconcile": True}}}})
    world.provide_secrets()
    world.apply(_etcd())
    world.run(60)
    changed = _etcd()
    changed["spec"]["replicas"] = 5
    world.apply(changed)
    world.run(20)
    status = world.etcd()["status"]
    assert status["observedGeneration"] == 2 and world.cluster.api.get("apps", "StatefulSet", "kcp", "alpha")["spec"]["replicas"] == 5
    world.run(60)
    assert world.etcd()["status"]["readyReplicas"] == 5 and len(world.etcd()["status"]["members"]) == 5
    assert any("started with enableEtcdSpecAutoReconcile=true" in e.message for e in world.fleet.timeline.events)


def test_the_operator_configuration_is_read_when_druid_starts():
    world = World()
    world.provide_secrets()
    world.run(20)
    assert world.druid.config(world.cluster)["enableEtcdSpecAutoReconcile"] is False
    enabled = PinnedCharts().render(
        ETCD_DRUID.repo_url,
        "etcd-druid",
        "v0.33.0",
        "etcd-druid",
        "etcd-druid",
        {"operatorConfig": {"controllers": {"etcd": {"enableEtcdSpecAutoReconcile": True}}}},
    )
    config_map = next(o for o in enabled if o["kind"] == "ConfigMap")
    with pytest.raises(ApiError, match="field is immutable"):  # the chart marks it immutable: replace, never update
        world.apply(config_map)
    world.cluster.api.delete(("", "ConfigMap", "etcd-druid", config_map["metadata"]["name"]))
    world.apply(config_map)
    world.run(20)
    assert operator_config(world.cluster)["enableEtcdSpecAutoReconcile"] is True
    assert world.druid.config(world.cluster)["enableEtcdSpecAutoReconcile"] is False  # the running process keeps what it read
    deployment = world.cluster.api.get("apps", "Deployment", "etcd-druid", "etcd-druid")
    deployment["spec"]["template"]["metadata"]["annotations"] = {"kubectl.kubernetes.io/restartedAt": "later"}
    world.apply(deployment)
    world.run(20)
    assert world.druid.config(world.cluster)["enableEtcdSpecAutoReconcile"] is True


def test_a_transient_error_is_recorded_then_retried():
    world = World()
    world.provide_secrets()
    world.druid.inject_conflict("cluster-2", "kcp", "alpha", times=2)
    world.apply(_etcd())
    world.run(5)
    assert world.etcd() is not None
    world.run(20)  # druid starts, fails twice, then succeeds
    states = [e.message for e in world.fleet.timeline.events if e.actor == "etcd-druid"]
    assert sum("reconcile failed, will retry" in m for m in states) == 2
    failure = next(m for m in states if "reconcile failed" in m)
    assert (
        "[Operation: Sync, Code: ERR_SYNC_STATEFULSET] message: Error creating or patching [StatefulSet: kcp/alpha, Replicas: 3] for etcd: "
        'kcp/alpha, cause: Operation cannot be fulfilled on statefulsets.apps "alpha"'
    ) in failure
    status = world.etcd()["status"]
    assert status["lastOperation"]["state"] == "Succeeded" and "lastErrors" not in status and status["observedGeneration"] == 1


def test_a_failed_reconcile_shows_state_error_with_last_errors():
    world = World()
    world.provide_secrets()
    world.apply(_etcd())
    world.run(60)
    world.druid.inject_conflict("cluster-2", "kcp", "alpha", times=1)
    world.cluster.api.patch_metadata(
        ("druid.gardener.cloud", "Etcd", "kcp", "alpha"), annotations={"gardener.cloud/operation": "reconcile"}
    )
    world.fleet.clock.now += 5
    world.druid.reconcile(world.cluster)
    status = world.etcd()["status"]
    assert status["lastOperation"]["state"] == "Error" and status["lastOperation"]["description"] == " Operation will be retried."
    assert status["lastErrors"][0]["code"] == "ERR_SYNC_STATEFULSET"
    assert world.etcd()["metadata"]["annotations"]["gardener.cloud/operation"] == "reconcile"  # kept until a reconcile succeeds
    world.run(5)
    etcd = world.etcd()
    assert etcd["status"]["lastOperation"]["state"] == "Succeeded" and "gardener.cloud/operation" not in etcd["metadata"]["annotations"]


def test_druid_waits_for_its_deployment_and_its_configuration():
    world = World()
    world.cluster.api.delete(("", "ConfigMap", "etcd-druid", "etcd-druid-operator-config"))
    world.apply(_etcd())
    world.run(300)
    assert world.cluster.api.get("apps", "StatefulSet", "kcp", "alpha") is None and "status" not in world.etcd()
    druid = world.cluster.api.get("apps", "Deployment", "etcd-druid", "etcd-druid")
    assert pod_blockers(world.cluster, druid) == ["ConfigMap etcd-druid/etcd-druid-operator-config not found (volume operator-config)"]
    assert world.druid.blockers(world.cluster, world.etcd()) == ["etcd-druid is not running (Deployment etcd-druid/etcd-druid not ready)"]
