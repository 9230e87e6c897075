"""The etcd settings (issue 12, "etcd storage and backups" and etcd's "Resources and scheduling"): rendered into what
etcd-druid v0.33.0 reads, the backup credentials Secret referenced by name, listed for the person, never rendered.
Bad input for each rule: tests/generator/fixtures/bad/etcd-*.yaml in test_bad_input.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcpgitops.bootstrap import bootstrap_steps
from kcpgitops.docs import user_created_secrets
from kcpgitops.render import render
from kcpgitops.topology import member_selector, parse_topology
from kcpgitops.topology._etcd_settings import DRUID_CRON_PATTERN, ETCD_CRD
from kcpgitops.yaml_cache import load_documents

FIXTURES = Path(__file__).parent / "fixtures"
KNOBS = FIXTURES / "knobs-etcd.yaml"
BASE = (FIXTURES / "base.yaml").read_text()


@pytest.fixture(scope="module")
def knobs(rendered_fixture):
    return rendered_fixture(KNOBS)


def _etcd(rendered, cluster: str, name: str) -> dict:
    return next(d for d in rendered.manifests[cluster] if d["kind"] == "Etcd" and d["metadata"]["name"] == name)


def test_volume_settings_land_in_storage_class_and_capacity(knobs):
    _, rendered = knobs
    for cluster, name in (("cluster-1", "root"), ("cluster-2", "alpha"), ("cluster-2", "beta")):
        spec = _etcd(rendered, cluster, name)["spec"]
        assert (spec["storageClass"], spec["storageCapacity"], spec["etcd"]["quota"]) == ("premium-rwo", "40Gi", "6Gi")
        assert spec["etcd"]["resources"] == {"limits": {"cpu": "2", "memory": "8Gi"}, "requests": {"cpu": "500m", "memory": "2Gi"}}
        assert spec["etcd"]["defragmentationSchedule"] == "30 3 * * *"


def test_each_etcd_backs_up_under_its_own_prefix_with_the_named_secret(knobs):
    _, rendered = knobs
    stores = {name: _etcd(rendered, cluster, name)["spec"]["backup"]["store"]
              for cluster, name in (("cluster-1", "root"), ("cluster-2", "alpha"), ("cluster-2", "beta"))}
    assert stores["alpha"] == {"provider": "S3", "container": "acme-kcp-etcd-backups", "prefix": "kcp/prod/alpha",
                               "secretRef": {"name": "etcd-backup-s3"}}
    assert {s["prefix"] for s in stores.values()} == {"kcp/prod/root", "kcp/prod/alpha", "kcp/prod/beta"}


def test_the_store_prefix_defaults_to_the_namespace():
    topology = parse_topology(BASE + "namespace: kcp-eu\netcd: {backup: {store: {provider: GCS, container: kcp-backups}}}\n")
    store = _etcd(render(topology), "two", "alpha")["spec"]["backup"]["store"]
    assert store == {"provider": "GCS", "container": "kcp-backups", "prefix": "kcp-eu/alpha", "secretRef": {"name": "etcd-backup"}}


def test_snapshot_settings_land_in_spec_backup(knobs):
    _, rendered = knobs
    backup = _etcd(rendered, "cluster-2", "alpha")["spec"]["backup"]
    assert {k: backup[k] for k in ("fullSnapshotSchedule", "deltaSnapshotPeriod", "garbageCollectionPeriod",
                                   "garbageCollectionPolicy", "maxBackupsLimitBasedGC", "deltaSnapshotMemoryLimit",
                                   "deltaSnapshotRetentionPeriod", "etcdSnapshotTimeout", "compression", "resources")} == {
        "fullSnapshotSchedule": "0 */6 * * *",
        "deltaSnapshotPeriod": "60s",
        "garbageCollectionPeriod": "12h",
        "garbageCollectionPolicy": "LimitBased",
        "maxBackupsLimitBasedGC": 14,
        "deltaSnapshotMemoryLimit": "512Mi",
        "deltaSnapshotRetentionPeriod": "24h",
        "etcdSnapshotTimeout": "30m",
        "compression": {"enabled": True, "policy": "zlib"},
        "resources": {"limits": {"cpu": "1", "memory": "2Gi"}, "requests": {"cpu": "50m", "memory": "256Mi"}},
    }


def test_settings_left_unset_leave_etcd_druids_defaults():
    # The default topology sets none of them: nothing is written, so etcd-druid's defaults apply and the kcp-zheng
    # manifests stay as they are (the snapshot test checks every byte).
    spec = _etcd(render(parse_topology(BASE)), "two", "alpha")["spec"]
    for absent in ("storageClass", "storageCapacity", "schedulingConstraints", "priorityClassName"):
        assert absent not in spec, absent
    for absent in ("store", "maxBackupsLimitBasedGC", "deltaSnapshotRetentionPeriod", "etcdSnapshotTimeout"):
        assert absent not in spec["backup"], absent
    assert spec["backup"]["garbageCollectionPolicy"] == "Exponential" and spec["backup"]["deltaSnapshotMemoryLimit"] == "1Gi"


def test_scheduling_lands_in_scheduling_constraints_and_priority_class(knobs):
    _, rendered = knobs
    spec = _etcd(rendered, "cluster-2", "alpha")["spec"]
    assert spec["priorityClassName"] == "system-cluster-critical"
    node = spec["schedulingConstraints"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert node["nodeSelectorTerms"] == [{"matchExpressions": [{"key": "node.example.io/pool", "operator": "In", "values": ["etcd"]}]}]


def test_spread_and_anti_affinity_without_a_selector_select_their_own_etcds_members(knobs):
    _, rendered = knobs
    for name in ("alpha", "beta"):
        constraints = _etcd(rendered, "cluster-2", name)["spec"]["schedulingConstraints"]
        [zone, hosts] = constraints["topologySpreadConstraints"]
        assert zone["labelSelector"] == member_selector(name)
        assert hosts["labelSelector"] == {"matchLabels": {"app": "etcd-statefulset"}}  # written: kept as written
        [term] = constraints["affinity"]["podAntiAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"]
        assert term == {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": member_selector(name)}}


def test_the_member_selector_matches_its_etcds_pods_and_no_other(knobs):
    # The rehearsal's etcd-druid builds the StatefulSet as gardener/etcd-druid@v0.33.0's builder.go does; its pod
    # labels are what the scheduler compares the selector with.
    from kcpgitops.rehearsal._controllers.etcd_druid import _config_map, _statefulset

    _, rendered = knobs
    pods = {}
    for name in ("alpha", "beta"):
        doc = _etcd(rendered, "cluster-2", name)
        live = {**doc, "metadata": {**doc["metadata"], "uid": f"00000000-{name}"}}
        pods[name] = _statefulset(live, _config_map(live), runtime=True)["spec"]["template"]["metadata"]["labels"]

    def selects(selector: dict, labels: dict) -> bool:
        return all(labels.get(k) == v for k, v in selector["matchLabels"].items())

    assert selects(member_selector("alpha"), pods["alpha"]) and selects(member_selector("beta"), pods["beta"])
    assert not selects(member_selector("alpha"), pods["beta"]) and not selects(member_selector("beta"), pods["alpha"])


def test_the_rendered_fixture_validates_strictly_against_the_vendored_crds(knobs, tmp_path, strict_schema_findings):
    _, rendered = knobs
    findings, documents = strict_schema_findings(rendered, tmp_path)
    assert findings == []
    assert documents > 50


def test_the_schedule_pattern_is_the_vendored_crds():
    [crd] = [d for d in load_documents(ETCD_CRD) if d]
    spec = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]
    assert spec["backup"]["properties"]["fullSnapshotSchedule"]["pattern"] == DRUID_CRON_PATTERN
    assert spec["etcd"]["properties"]["defragmentationSchedule"]["pattern"] == DRUID_CRON_PATTERN


def test_the_backup_credentials_secret_is_created_by_hand_on_every_cluster_that_runs_an_etcd(knobs):
    topology, rendered = knobs
    wanted = [s for s in user_created_secrets(topology) if s.name == "etcd-backup-s3"]
    assert [(s.cluster, s.namespace, s.keys) for s in wanted] == [
        (cluster, "kcp-zheng", ("region", "accessKeyID", "secretAccessKey")) for cluster in ("cluster-1", "cluster-2")]
    for cluster in ("cluster-1", "cluster-2"):
        [step] = [s for s in bootstrap_steps(topology, cluster) if s.secret is not None and s.secret.name == "etcd-backup-s3"]
        assert step.secret.namespace == "kcp-zheng" and step.secret.required
        assert "kubectl -n kcp-zheng create secret generic etcd-backup-s3" in "\n".join(step.commands)
        assert "etcd-backup-s3" in rendered.extra_files["dist"][Path(cluster) / "README.md"]
    # Referenced by name only: no file of either tree holds it.
    assert not [d for docs in rendered.manifests.values() for d in docs if d["kind"] in ("Secret", "SealedSecret")
                and d["metadata"]["name"] == "etcd-backup-s3"]


def test_without_a_store_no_backup_secret_is_asked_for():
    assert not [s for s in user_created_secrets(parse_topology(BASE)) if s.name == "etcd-backup"]


@pytest.mark.parametrize(("provider", "container", "keys"), [
    ("S3", "kcp-backups", ("region", "accessKeyID", "secretAccessKey")),
    ("ABS", "kcp-backups", ("storageAccount", "storageKey")),
    ("GCS", "kcp_backups", ("serviceaccount.json",)),
])
def test_the_secret_holds_the_keys_etcd_backup_restore_reads_for_its_provider(provider, container, keys):
    topology = parse_topology(BASE + f"etcd: {{backup: {{store: {{provider: {provider}, container: {container}}}}}}}\n")
    [one, two] = [s for s in user_created_secrets(topology) if s.name == "etcd-backup"]
    assert (one.cluster, two.cluster) == ("one", "two") and one.keys == keys
    for key in keys:
        assert f"={key}=<{key}" in one.create
