"""The Applications: pinned charts, kcp-operator with the bundle gate, waves, sync options, one cluster each."""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

from charts.argocd import plan_cluster
from kcpgitops.health import health_customizations
from kcpgitops.output import SYNC_WAVE
from kcpgitops.topology import Versions

from .conftest import Tree

WAVE_TIERS = (
    ("etcd-druid-crds",),
    ("cert-manager", "sealed-secrets", "etcd-druid", "kcp-operator"),
    ("kcp",),
    ("kcp-bridge",),
)
"""The dependency chain: CRDs < controllers < the kcp deployment < the bridge's bundles (Argo CD's own configuration
comes before all of them, in the app-of-apps' wave -1)."""

BUILTIN_GROUPS = {"", "apps", "batch", "policy", "rbac.authorization.k8s.io", "apiextensions.k8s.io",
                  "admissionregistration.k8s.io", "networking.k8s.io", "coordination.k8s.io"}
CHART_GROUPS = {"cert-manager.io": "cert-manager", "acme.cert-manager.io": "cert-manager", "bitnami.com": "sealed-secrets"}
"""Groups whose CRDs a Helm chart installs (cert-manager with crds.enabled, sealed-secrets from its crds/)."""


def _wave(app: dict) -> int:
    return int(app["metadata"]["annotations"][SYNC_WAVE])


def _group(doc: dict) -> str:
    return doc["apiVersion"].split("/")[0] if "/" in doc["apiVersion"] else ""


def _docs_under(tree: Tree, repo_path: str) -> list[dict]:
    return tree.synced(repo_path)


def test_chart_versions_equal_topology_pins(tree):
    pins = tree.topology.versions
    expected = {
        "cert-manager": ("https://charts.jetstack.io", "cert-manager", pins.cert_manager, "cert-manager"),
        "sealed-secrets": ("https://bitnami-labs.github.io/sealed-secrets", "sealed-secrets", pins.sealed_secrets, "kube-system"),
        "etcd-druid": ("europe-docker.pkg.dev/gardener-project/releases/charts/gardener", "etcd-druid", pins.etcd_druid,
                       "etcd-druid"),
    }
    for cluster in tree.topology.clusters:
        children = tree.children(cluster.name)
        for name, (repo, chart, version, namespace) in expected.items():
            spec = children[name]["spec"]
            assert (spec["source"]["repoURL"], spec["source"]["chart"], spec["source"]["targetRevision"]) == (repo, chart, version)
            assert spec["destination"]["namespace"] == namespace
            assert not spec["source"]["repoURL"].startswith("oci://")
        assert children["cert-manager"]["spec"]["source"]["helm"]["valuesObject"] == {"crds": {"enabled": True}}
        sealed = children["sealed-secrets"]["spec"]["source"]["helm"]
        assert sealed["valuesObject"] == {"fullnameOverride": "sealed-secrets-controller"}


def test_chart_versions_follow_changed_pins(default_tree):
    # kcp-operator accepts only its vendored release (v0.9.0); the image still follows the pin.
    pins = Versions(cert_manager="v1.19.1", sealed_secrets="2.18.9", etcd_druid="v0.33.0", kcp_operator="v0.9.0")
    topology = default_tree.topology.model_copy(update={"versions": pins})
    plan = plan_cluster(topology, topology.root_shard.cluster, [])
    revisions = {a["metadata"]["name"]: a["spec"]["source"].get("targetRevision") for a in plan.applications}
    assert (revisions["cert-manager"], revisions["sealed-secrets"], revisions["etcd-druid"]) == ("v1.19.1", "2.18.9", "v0.33.0")
    (deployment,) = [d for d in plan.sections["kcp-operator"] if d["kind"] == "Deployment"]
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "ghcr.io/kcp-dev/kcp-operator:v0.9.0"


def test_kcp_operator_deployment_carries_feature_gate_and_pinned_image(tree):
    topology = tree.topology
    root = topology.root_shard.cluster
    for cluster in topology.clusters:
        operator = {p: d for p, d in tree.docs[cluster.name].items() if p.parts[0] == "kcp-operator"}
        assert bool(operator) == (cluster.name == root)
        assert ("kcp-operator" in tree.children(cluster.name)) == (cluster.name == root)
    operator = [d for p, d in tree.docs[root].items() if p.parts[0] == "kcp-operator"]
    (deployment,) = [d for d in operator if d["kind"] == "Deployment"]
    (manager,) = [c for c in deployment["spec"]["template"]["spec"]["containers"] if c["name"] == "manager"]
    assert manager["image"] == f"ghcr.io/kcp-dev/kcp-operator:{topology.versions.kcp_operator}"
    assert "--feature-gates=ConfigurationBundle=true" in manager["args"]
    crds = {d["metadata"]["name"] for d in operator if d["kind"] == "CustomResourceDefinition"}
    assert {"bundles.operator.kcp.io", "rootshards.operator.kcp.io", "shards.operator.kcp.io", "frontproxies.operator.kcp.io",
            "kubeconfigs.operator.kcp.io", "compiledshards.deploy.operator.kcp.io"} <= crds
    app = tree.children(root)["kcp-operator"]
    assert app["spec"]["source"]["path"] == f"argocd/{root}/kcp-operator"
    assert app["spec"]["destination"]["namespace"] == deployment["metadata"]["namespace"]


def test_waves_strictly_ordered_along_dependency_chain(tree):
    for cluster in tree.topology.clusters:
        children = tree.children(cluster.name)
        assert all(SYNC_WAVE in a["metadata"].get("annotations", {}) for a in children.values())
        assert {n for tier in WAVE_TIERS for n in tier} >= set(children), "an Application outside the chain"
        tiers = [[_wave(children[n]) for n in tier if n in children] for tier in WAVE_TIERS]
        tiers = [t for t in tiers if t]
        for earlier, later in itertools.pairwise(tiers):
            assert max(earlier) < min(later), (cluster.name, tiers)
        root = tree.applications(cluster.name)["app-of-apps"]
        assert root["spec"]["source"]["path"] == f"argocd/{cluster.name}"
        assert root["spec"]["source"]["directory"] == {"recurse": True, "include": "{bootstrap/*,apps/*}"}
        assert _wave(root) < min(_wave(a) for a in children.values())


def test_every_custom_kind_comes_from_an_earlier_wave(tree):
    """Each CRD-backed object an Application syncs has its CRD (and controller) in a strictly earlier wave."""
    for cluster in tree.topology.clusters:
        children = tree.children(cluster.name)
        providers = dict(CHART_GROUPS)
        for name, app in children.items():
            for doc in tree.synced_by(app):
                if doc["kind"] == "CustomResourceDefinition":
                    providers.setdefault(doc["spec"]["group"], name)
        for name, app in children.items():
            for doc in tree.synced_by(app):
                group = _group(doc)
                if group in BUILTIN_GROUPS:
                    continue
                provider = providers.get(group)
                assert provider is not None, f"{cluster.name}/{name}: nothing installs {group}/{doc['kind']}"
                assert _wave(children[provider]) < _wave(children[name]), (cluster.name, name, doc["kind"], provider)
        # etcd-druid (the controller reconciling Etcd) runs before the kcp deployment that holds the Etcd objects.
        assert _wave(children["etcd-druid"]) < _wave(children["kcp"])


def test_no_application_points_at_another_clusters_directory(tree):
    topology = tree.topology
    for cluster in topology.clusters:
        own = (f"argocd/{cluster.name}", topology.git_path(cluster), topology.bridge_path(cluster))
        others = [p for c in topology.clusters if c.name != cluster.name
                  for p in (f"argocd/{c.name}", topology.git_path(c), topology.bridge_path(c))]
        mine = tree.applications(cluster.name)
        for name, app in tree.all_applications(cluster.name).items():
            spec = app["spec"]
            source = spec["source"]
            if "chart" in source:
                continue
            assert (source["repoURL"], source["targetRevision"]) == (cluster.git.repo_url, cluster.git.branch), name
            path = PurePosixPath(source["path"])
            if name in mine:
                assert spec["destination"] == {"server": "https://kubernetes.default.svc",
                                               "namespace": spec["destination"]["namespace"]}
                assert any(path == PurePosixPath(p) or PurePosixPath(p) in path.parents for p in own), (cluster.name, name, path)
            for other in others:
                other = PurePosixPath(other)
                assert path != other and other not in path.parents and path not in other.parents, (cluster.name, name, other)


def test_sync_options_and_policy_follow_the_topology(tree):
    topology = tree.topology
    settings = topology.argocd
    for cluster in topology.clusters:
        # Namespaces some Application of this cluster renders (the kcp one in an earlier wave than the bridge).
        rendered_namespaces = {d["metadata"]["name"] for app in tree.applications(cluster.name).values()
                               for d in tree.synced_by(app) if d["kind"] == "Namespace"}
        for name, app in tree.applications(cluster.name).items():
            policy = app["spec"]["syncPolicy"]
            options = policy["syncOptions"]
            assert "ServerSideApply=true" in options, name
            assert len(options) == len(set(options))
            assert policy.get("automated") == {"prune": settings.prune, "selfHeal": settings.self_heal}
            assert policy["retry"] == {
                "limit": settings.retry.limit,
                "backoff": {"duration": settings.retry.duration, "factor": settings.retry.factor,
                            "maxDuration": settings.retry.max_duration},
                "refresh": settings.retry.refresh,
            }
            namespace = app["spec"]["destination"]["namespace"]
            synced = tree.synced_by(app)
            only_cluster_scoped = synced and all("namespace" not in d["metadata"] for d in synced)
            exists = namespace in rendered_namespaces or namespace in ("kube-system", settings.namespace)
            needs_namespace = not (exists or only_cluster_scoped)
            assert ("CreateNamespace=true" in options) == needs_namespace, (cluster.name, name)
            # Objects whose CRDs another Application installs.
            assert ("SkipDryRunOnMissingResource=true" in options) == (name in ("kcp", "kcp-bridge")), (cluster.name, name)


def test_manual_sync_and_no_retry_are_rendered_as_such(default_tree):
    base = default_tree.topology
    argocd = base.argocd.model_copy(update={"automated": False, "retry": base.argocd.retry.model_copy(update={"limit": 0})})
    topology = base.model_copy(update={"argocd": argocd})
    plan = plan_cluster(topology, "cluster-2", [])
    for app in [*plan.applications, *(d for d in plan.sections["bootstrap"] if d["kind"] == "Application")]:
        assert "automated" not in app["spec"]["syncPolicy"]
        assert "retry" not in app["spec"]["syncPolicy"]


def test_argocd_cm_carries_every_health_check_and_is_never_deleted(tree):
    for cluster in tree.topology.clusters:
        (cm,) = [d for d in tree.docs[cluster.name].values() if d["kind"] == "ConfigMap"]
        assert cm["metadata"]["name"] == "argocd-cm" and cm["metadata"]["namespace"] == tree.topology.argocd.namespace
        assert cm["metadata"]["labels"]["app.kubernetes.io/part-of"] == "argocd"
        assert cm["metadata"]["annotations"]["argocd.argoproj.io/sync-options"] == "Prune=false,Delete=false"
        assert health_customizations().items() <= cm["data"].items()
        if tree.topology.kcp is not None and cluster.name == tree.topology.root_shard.cluster:
            from charts.kcp_inside import health_customizations as kcp_health

            assert kcp_health().items() <= cm["data"].items()
        else:
            assert cm["data"] == health_customizations()
        kinds = {f"{_group(d)}_{d['kind']}" for d in _docs_under(tree, tree.topology.git_path(cluster))
                 if _group(d) in ("operator.kcp.io", "druid.gardener.cloud")}
        needed = {"argoproj.io_Application", *kinds}
        assert {f"resource.customizations.health.{k}" for k in needed} <= set(cm["data"]), cluster.name


def test_crds_are_never_pruned_or_deleted(tree):
    for cluster, docs in tree.docs.items():
        crds = [d for d in docs.values() if d["kind"] == "CustomResourceDefinition"]
        assert crds, cluster
        for crd in crds:
            assert crd["metadata"]["annotations"]["argocd.argoproj.io/sync-options"] == "Prune=false,Delete=false"
