"""The AppProject: no wildcard, and exactly the repos, namespaces and kinds its Applications deploy."""

from __future__ import annotations

from bridge._bundle import _KINDS
from charts.argocd._sources import BRIDGE_KINDS, CERT_MANAGER, ETCD_DRUID, SEALED_SECRETS


def _group(doc: dict) -> str:
    return doc["apiVersion"].split("/")[0] if "/" in doc["apiVersion"] else ""


def test_app_project_is_not_wildcarded(tree):
    for cluster in tree.topology.clusters:
        spec = tree.project(cluster.name)["spec"]
        values = [*spec["sourceRepos"]]
        values += [v for d in spec["destinations"] for v in d.values()]
        values += [v for key in ("clusterResourceWhitelist", "namespaceResourceWhitelist") for item in spec[key] for v in item.values()]
        assert values and not any("*" in v or "?" in v or "[" in v for v in values), cluster.name
        assert {d["server"] for d in spec["destinations"]} == {"https://kubernetes.default.svc"}
        assert all(d.get("namespace") for d in spec["destinations"])
        assert not {"clusterResourceBlacklist", "namespaceResourceBlacklist", "sourceNamespaces", "roles"} & set(spec)


def test_app_project_allows_exactly_what_its_applications_deploy(tree):
    topology = tree.topology
    for cluster in topology.clusters:
        project = tree.project(cluster.name)
        spec = project["spec"]
        apps = tree.applications(cluster.name)
        assert {a["spec"]["project"] for a in apps.values()} == {project["metadata"]["name"]}
        assert set(spec["sourceRepos"]) == {a["spec"]["source"]["repoURL"] for a in apps.values()}
        namespaces = {d["namespace"] for d in spec["destinations"]}
        cluster_kinds = {(i["group"], i["kind"]) for i in spec["clusterResourceWhitelist"]}
        namespaced_kinds = {(i["group"], i["kind"]) for i in spec["namespaceResourceWhitelist"]}
        assert not cluster_kinds & namespaced_kinds
        expected_ns = {a["spec"]["destination"]["namespace"] for a in apps.values()}
        expected_cluster: set = set()
        expected_namespaced: set = {("argoproj.io", "AppProject")}
        # What the Git-sourced Applications sync, read back from the rendered trees.
        for app in apps.values():
            for doc in tree.synced_by(app):
                kind = (_group(doc), doc["kind"])
                if doc["metadata"].get("namespace"):
                    expected_namespaced.add(kind)
                    expected_ns.add(doc["metadata"]["namespace"])
                else:
                    expected_cluster.add(kind)
        # What the charts and the bridge create (not rendered here: Argo CD renders the charts, the bridge commits).
        for chart in (CERT_MANAGER, SEALED_SECRETS, ETCD_DRUID):
            expected_cluster.update(chart.cluster_kinds)
            expected_namespaced.update(chart.namespaced_kinds)
            expected_ns.update((chart.namespace, *chart.namespaces))
        if "kcp-bridge" in apps:
            expected_namespaced.update(BRIDGE_KINDS)
        assert namespaces == expected_ns, cluster.name
        assert cluster_kinds == expected_cluster, cluster.name
        assert namespaced_kinds == expected_namespaced, cluster.name
        if cluster.name != topology.root_shard.cluster:
            assert "kcp-operator-system" not in namespaces
            assert not any(g == "operator.kcp.io" for g, _ in namespaced_kinds)


def test_bridge_kinds_match_what_the_bridge_delivers():
    delivered = {(v.split("/")[0] if "/" in v else "", k) for v, k, _ in _KINDS if k != "Secret"}
    assert set(BRIDGE_KINDS) == delivered | {("bitnami.com", "SealedSecret")}
