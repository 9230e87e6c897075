"""What one cluster's Argo CD gets, as plain documents per directory of `argocd/<cluster>/`.

Layout (paths are repo-relative; every Application reads the cluster's own repo URL and branch):

- `bootstrap/`: the AppProject, the `argocd-cm` health checks (a partial ConfigMap, server-side applied) and the
  app-of-apps. Applied once by hand; afterwards the app-of-apps keeps them, itself included, in sync with Git.
- `apps/`: the child Applications the app-of-apps syncs, ordered by sync wave.

The app-of-apps syncs `bootstrap/` and `apps/` (one directory source on `argocd/<cluster>` with an `include`), so no
Application manages an Application that waits for it. The layout before had a child Application `bootstrap` syncing
`bootstrap/`, app-of-apps included: the app-of-apps' first wave waited for `bootstrap` to be Healthy, and `bootstrap`'s
health contained the app-of-apps, Progressing while that very wave ran (argoproj/argo-cd@v3.5.1:
gitops-engine/pkg/sync/sync_context.go Sync() waits for every running task of a multi-wave sync to be Healthy;
controller/health.go setApplicationHealth() skips only an Application's own object, isSelfReferencedApp()).
- `etcd-druid-crds/`: the vendored etcd-druid CRDs (its chart ships none).
- `kcp-operator/`: kcp-operator with the bundle feature gate (only on the root shard's cluster).

The kcp deployment itself is `dist/<cluster>`. The bridge's sealed bundle objects are where the topology's
`clusters[].git.bridge` says (default `sealed/<cluster>` in the cluster's own repository and branch); the `kcp-bridge`
Application reads that repository, branch and path, and the AppProject permits that repository.

Every Application reading a directory of Git carries `argocd.argoproj.io/manifest-generate-paths`, so a commit that
touches none of its files (the bridge's, another cluster's) does not make it regenerate its manifests.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field

from kcpgitops.health import health_customizations
from kcpgitops.operator_manifests import render_kcp_operator
from kcpgitops.output import SYNC_WAVE
from kcpgitops.topology import Cluster, Topology

from .._kcp_health import kcp_health_customizations
from .._manifest import meta
from .._sync import MANIFEST_GENERATE_PATHS, OWN_PATH, sync_policy
from ..images import chart_repository, chart_values, deep_merge, kcp_operator_image
from ..kcp_workloads import schedule_kcp_operator
from ..names import APPS, BOOTSTRAP, ETCD_DRUID_CRDS, KCP_OPERATOR, ROOT_APP
from ._sources import (
    BRIDGE_KINDS,
    BRIDGE_NAMESPACE_FILE,
    CERT_MANAGER,
    ETCD_DRUID,
    IN_CLUSTER,
    KCP_OPERATOR_FEATURE_GATES,
    KCP_OPERATOR_NAMESPACE,
    SEALED_SECRETS,
    HelmChart,
    Kind,
    etcd_druid_crds,
)

API = "argoproj.io/v1alpha1"
SYNC_OPTIONS = "argocd.argoproj.io/sync-options"
KEEP = "Prune=false,Delete=false"
"""On objects whose deletion would be destructive (CRDs drop every object of their kind; argocd-cm is Argo CD's own)."""

SERVER_SIDE_APPLY = "ServerSideApply=true"
CREATE_NAMESPACE = "CreateNamespace=true"
SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true"

LEGACY_BOOTSTRAP_APP = "bootstrap"
"""The child Application of the layout before the fix (it synced `bootstrap/`); the app-of-apps prunes it."""
KCP_APP = "kcp"
BRIDGE_APP = "kcp-bridge"
RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io"
"""Argo CD deletes an Application's resources before the Application itself (cascading deletion)."""

REMOVABLE_NAMESPACED_KINDS: tuple[Kind, ...] = (
    ("cert-manager.io", "Certificate"),
    ("cert-manager.io", "Issuer"),
    ("druid.gardener.cloud", "Etcd"),
)
"""A shard's etcd and its PKI (charts/etcd.py, charts/etcd_pki.py), on any cluster that hosts or hosted a shard."""
REMOVABLE_CLUSTER_KINDS: tuple[Kind, ...] = (("cert-manager.io", "ClusterIssuer"),)
"""The etcd CA ClusterIssuer of a cluster that hosts or hosted a shard."""
ROOT_REMOVABLE_KINDS: tuple[Kind, ...] = (
    ("operator.kcp.io", "Shard"),
    ("", "ServiceAccount"),
    ("", "ConfigMap"),
    ("rbac.authorization.k8s.io", "Role"),
    ("rbac.authorization.k8s.io", "RoleBinding"),
    ("batch", "CronJob"),
)
"""The root cluster's further Shards and the bridge job (charts/bridge.py), rendered only while there are remote shards.

An AppProject permits only what it lists, and Argo CD neither compares nor prunes a live object the project does not
permit (argoproj/argo-cd@v3.5.1:controller/state.go CompareAppState() skips live objects with
IsLiveResourcePermitted() false; controller/appcontroller.go getPermittedAppLiveObjects() does the same on cascading
deletion). A project narrowed to today's documents would therefore keep a removed shard's objects forever."""
ARGOCD_CM = "argocd-cm"

ROOT_REFRESH_PATHS = f"{BOOTSTRAP};{APPS}"
"""The app-of-apps' refresh paths: the two directories its `include` reads under `argocd/<cluster>` (ROOT_INCLUDE), not
the whole directory, whose vendored `etcd-druid-crds/` and `kcp-operator/` belong to other Applications."""

IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck"
"""On the app-of-apps, which syncs itself: see the Application health check (kcpgitops/health/lua)."""
ROOT_INCLUDE = f"{{{BOOTSTRAP}/*,{APPS}/*}}"
"""The app-of-apps' directory `include` under `argocd/<cluster>` (a glob with alternatives; `*` crosses `/`:
argoproj/argo-cd@v3.5.1:reposerver/repository/repository.go getPotentiallyValidManifestFile() matches it with
util/glob Match() against the path relative to the source path)."""

WAVE_ARGOCD = -1
"""Argo CD's own configuration (AppProject, health checks) and the app-of-apps itself: before anything waits on health."""
WAVE_CONFIG = 0
"""The etcd-druid CRDs."""
WAVE_CONTROLLERS = 1
"""cert-manager, sealed-secrets, etcd-druid and kcp-operator."""
WAVE_KCP = 2
"""The kcp deployment (`dist/<cluster>`): needs every CRD and controller above."""
WAVE_BRIDGE = 3
"""The bridge's sealed bundle objects: need sealed-secrets and the shard's etcd from `dist/<cluster>`."""


@dataclass
class ClusterPlan:
    """Every document of `argocd/<cluster>/`, per directory, plus what the README needs."""

    cluster: Cluster
    sections: dict[str, list[dict]] = field(default_factory=dict)
    applications: list[dict] = field(default_factory=list)
    """The child Applications, in wave order (the app-of-apps is in `sections[BOOTSTRAP]`)."""

    def section_path(self, section: str) -> str:
        """Repo-relative directory of one section."""
        return f"argocd/{self.cluster.name}/{section}"


def plan_cluster(topology: Topology, cluster_name: str, dist_docs: list[dict]) -> ClusterPlan:
    """Plan `argocd/<cluster>/` for one cluster; `dist_docs` are that cluster's `dist/` documents."""
    cluster = topology.cluster(cluster_name)
    plan = ClusterPlan(cluster=cluster)
    is_root = cluster_name == topology.root_shard.cluster
    receives_bundles = any(topology.is_remote(s) for s in topology.shards_on(cluster_name))
    versions = topology.versions

    plan.sections[ETCD_DRUID_CRDS] = [_keep(crd) for crd in etcd_druid_crds(versions.etcd_druid)]
    if is_root:
        # Image through images.mirror, pods with images.pullSecrets (charts/images.py).
        operator = render_kcp_operator(image=kcp_operator_image(topology), tag=versions.kcp_operator,
                                       feature_gates=KCP_OPERATOR_FEATURE_GATES, image_pull_secrets=topology.images.pull_secrets)
        schedule_kcp_operator(operator, topology)  # kcpOperator.scheduling (charts/kcp_workloads.py)
        plan.sections[KCP_OPERATOR] = [_keep(d) if d["kind"] == "CustomResourceDefinition" else d for d in operator]

    def app(name: str, wave: int, source: dict, namespace: str, *options: str, finalizers: tuple[str, ...] = ()) -> None:
        plan.applications.append(_application(topology, name, source=source, namespace=namespace, options=options, wave=wave,
                                              finalizers=finalizers))

    def git(path: str, **directory: object) -> dict:
        return _git_source(cluster.git.repo_url, cluster.git.branch, path, directory or {"recurse": True})

    argocd_ns = topology.argocd.namespace
    app(ETCD_DRUID_CRDS, WAVE_CONFIG, git(plan.section_path(ETCD_DRUID_CRDS)), ETCD_DRUID.namespace, SERVER_SIDE_APPLY)
    app(CERT_MANAGER.app, WAVE_CONTROLLERS, _helm_source(topology, CERT_MANAGER, versions.cert_manager), CERT_MANAGER.namespace,
        CREATE_NAMESPACE, SERVER_SIDE_APPLY)
    # kube-system always exists, so no CreateNamespace (Argo CD would otherwise try to manage its metadata).
    app(SEALED_SECRETS.app, WAVE_CONTROLLERS, _helm_source(topology, SEALED_SECRETS, versions.sealed_secrets), SEALED_SECRETS.namespace,
        SERVER_SIDE_APPLY)
    app(ETCD_DRUID.app, WAVE_CONTROLLERS, _helm_source(topology, ETCD_DRUID, versions.etcd_druid), ETCD_DRUID.namespace,
        CREATE_NAMESPACE, SERVER_SIDE_APPLY)
    if is_root:
        # The rendered manifests include the kcp-operator-system Namespace.
        app(KCP_OPERATOR, WAVE_CONTROLLERS, git(plan.section_path(KCP_OPERATOR)), KCP_OPERATOR_NAMESPACE, SERVER_SIDE_APPLY)
    kcp_options = [SERVER_SIDE_APPLY, SKIP_DRY_RUN]
    if not _renders_namespace(dist_docs, topology.namespace):
        kcp_options.insert(0, CREATE_NAMESPACE)
    # Its CRDs come from other Applications (cert-manager, etcd-druid-crds, kcp-operator): skip the dry run for them.
    app(KCP_APP, WAVE_KCP, git(topology.git_path(cluster)), topology.namespace, *kcp_options)
    if receives_bundles:
        # Flat directory written by the bridge; its Namespace file is left out because the kcp Application owns it.
        # When the cluster stops receiving shards, the app-of-apps prunes this Application; the resources finalizer
        # makes Argo CD delete what it delivered first (argoproj/argo-cd@v3.5.1:controller/appcontroller.go
        # finalizeApplicationDeletion()), while the bridge empties the path in Git (its `retired` entries).
        # It reads wherever the bridge writes (topology clusters[].git.bridge): possibly its own branch or repository.
        target = topology.bridge_target(cluster)
        app(BRIDGE_APP, WAVE_BRIDGE, _git_source(target.repo_url, target.branch, target.path, {"exclude": BRIDGE_NAMESPACE_FILE}),
            topology.namespace, SERVER_SIDE_APPLY, SKIP_DRY_RUN, finalizers=(RESOURCES_FINALIZER,))
    plan.sections[APPS] = plan.applications

    root = _application(topology, ROOT_APP, source=git(f"argocd/{cluster_name}", recurse=True, include=ROOT_INCLUDE),
                        namespace=argocd_ns, options=(SERVER_SIDE_APPLY,), wave=WAVE_ARGOCD,
                        annotations={IGNORE_HEALTHCHECK: "true", MANIFEST_GENERATE_PATHS: ROOT_REFRESH_PATHS})
    health = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta(
            ARGOCD_CM,
            argocd_ns,
            labels={"app.kubernetes.io/name": ARGOCD_CM, "app.kubernetes.io/part-of": "argocd"},
            annotations={SYNC_OPTIONS: KEEP, SYNC_WAVE: str(WAVE_ARGOCD)},
        ),
        "data": argocd_cm_health(topology, cluster_name),
    }
    charts = [CERT_MANAGER, SEALED_SECRETS, ETCD_DRUID]
    applied = [root, health, *plan.applications, *dist_docs]
    for section in (ETCD_DRUID_CRDS, KCP_OPERATOR):
        applied += plan.sections.get(section, [])
    # finalizeApplicationDeletion() deletes only the live objects the project still permits
    # (appcontroller.go getPermittedAppLiveObjects()), and the project is updated in an earlier wave than the pruned
    # `kcp-bridge`: every cluster that may have received shards keeps permitting the bridge's kinds.
    project = _project(topology, cluster, apps=[root, *plan.applications], applied=applied, charts=charts,
                       bridge=not is_root)
    plan.sections[BOOTSTRAP] = [project, health, root]
    return plan


def argocd_cm_health(topology: Topology, cluster_name: str) -> dict[str, str]:
    """`argocd-cm` health checks of one cluster: kcpgitops.health's, plus on the root cluster those of the kinds the
    `kcp:` section's workspace Applications sync inside kcp (only that cluster's Argo CD delivers them)."""
    checks = health_customizations()
    if topology.kcp is not None and cluster_name == topology.root_shard.cluster:
        checks = {**kcp_health_customizations(), **checks}
    return dict(sorted(checks.items()))


def _keep(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))  # a JSON round trip copies the large CRDs several times faster than deepcopy
    doc.setdefault("metadata", {}).setdefault("annotations", {})[SYNC_OPTIONS] = KEEP
    return doc


def _renders_namespace(docs: list[dict], namespace: str) -> bool:
    return any(d["kind"] == "Namespace" and d["metadata"]["name"] == namespace for d in docs)


def _git_source(repo_url: str, branch: str, path: str, directory: dict) -> dict:
    return {"repoURL": repo_url, "targetRevision": branch, "path": path, "directory": directory}


def _helm_source(topology: Topology, chart: HelmChart, version: str) -> dict:
    helm: dict = {"releaseName": chart.app}
    # The chart's own settings plus the image mirror and pull Secrets (charts/images.py), which touch other keys.
    values = deep_merge(chart.values, chart_values(topology, chart.chart))
    if values:
        helm["valuesObject"] = copy.deepcopy(values)
    return {"repoURL": chart_repository(topology, chart.chart), "chart": chart.chart, "targetRevision": version, "helm": helm}


def _application(topology: Topology, name: str, *, source: dict, namespace: str, options: tuple[str, ...] | list[str],
                 wave: int, annotations: dict[str, str] | None = None, finalizers: tuple[str, ...] = ()) -> dict:
    settings = topology.argocd
    policy = sync_policy(topology, *options)
    annotations = dict(annotations or {})
    if "path" in source:  # a directory of Git (a chart source has `chart` instead)
        annotations.setdefault(MANIFEST_GENERATE_PATHS, OWN_PATH)
    return {
        "apiVersion": API,
        "kind": "Application",
        "metadata": meta(
            name,
            settings.namespace,
            labels={"app.kubernetes.io/part-of": settings.project},
            annotations={**annotations, SYNC_WAVE: str(wave)},
            finalizers=list(finalizers),
        ),
        "spec": {
            "project": settings.project,
            "source": source,
            "destination": {"server": IN_CLUSTER, "namespace": namespace},
            "syncPolicy": policy,
        },
    }


def _group(api_version: str) -> str:
    return api_version.split("/")[0] if "/" in api_version else ""


def _project(topology: Topology, cluster: Cluster, *, apps: list[dict], applied: list[dict], charts: list[HelmChart],
             bridge: bool) -> dict:
    """An AppProject allowing exactly the repos, namespaces and kinds this cluster's Applications deploy."""
    cluster_kinds: set[Kind] = set()
    namespaced_kinds: set[Kind] = {("argoproj.io", "AppProject")}
    namespaces: set[str] = set()
    for doc in applied:
        kind = (_group(doc["apiVersion"]), doc["kind"])
        namespace = doc["metadata"].get("namespace")
        if namespace:
            namespaced_kinds.add(kind)
            namespaces.add(namespace)
        else:
            cluster_kinds.add(kind)
    for chart in charts:
        cluster_kinds.update(chart.cluster_kinds)
        namespaced_kinds.update(chart.namespaced_kinds)
        namespaces.update((chart.namespace, *chart.namespaces))
    if bridge:
        namespaced_kinds.update(BRIDGE_KINDS)
    # Kinds the topology may stop rendering here (a removed shard's etcd and PKI, the root cluster's last Shard and the
    # bridge job) stay permitted, so Argo CD can still prune them (a live object outside the project is not compared).
    namespaced_kinds.update(REMOVABLE_NAMESPACED_KINDS)
    cluster_kinds.update(REMOVABLE_CLUSTER_KINDS)
    if cluster.name == topology.root_shard.cluster:
        namespaced_kinds.update(ROOT_REMOVABLE_KINDS)
    for app in apps:
        namespaces.add(app["spec"]["destination"]["namespace"])
        if CREATE_NAMESPACE in app["spec"]["syncPolicy"]["syncOptions"]:
            cluster_kinds.add(("", "Namespace"))
    repos = {app["spec"]["source"]["repoURL"] for app in apps}
    settings = topology.argocd
    return {
        "apiVersion": API,
        "kind": "AppProject",
        "metadata": meta(settings.project, settings.namespace, labels={"app.kubernetes.io/part-of": settings.project},
                         annotations={SYNC_WAVE: str(WAVE_ARGOCD)}),
        "spec": {
            "description": f"kcp on {cluster.name}: its prerequisites, kcp itself and the bridge's bundles; nothing else",
            "sourceRepos": sorted(repos),
            "destinations": [{"server": IN_CLUSTER, "namespace": ns} for ns in sorted(namespaces)],
            "clusterResourceWhitelist": [{"group": g, "kind": k} for g, k in sorted(cluster_kinds)],
            "namespaceResourceWhitelist": [{"group": g, "kind": k} for g, k in sorted(namespaced_kinds)],
        },
    }
