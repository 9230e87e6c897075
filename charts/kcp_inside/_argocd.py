"""What the root cluster's Argo CD needs to deliver the kcp tree: a project, one Application per workspace, and the
job that writes a cluster Secret per workspace at run time (no credential in Git).

Two sections of `argocd/<root cluster>/`:

- `apps/` (synced by the cluster's app-of-apps): the `kcp-ws` AppProject, the `kcp-ws-clusters` Application (the job)
  and one `kcp-ws-<path>` Application per workspace whose destination is the workspace itself,
  `https://<front-proxy>:<port>/clusters/<path>`.
- `kcp-ws-clusters/`: the job's ServiceAccount, Roles limited by resourceNames, RoleBindings and CronJob.

Argo CD and kcp workspaces: a workspace has no `kube-system`. Only `argocd cluster add` needs one (it creates an
`argocd-manager` ServiceAccount there; `--system-namespace` moves it). We never run it: the job writes the cluster
Secrets directly with the admin kubeconfig's client certificate, so nothing is created inside the workspaces.
"""

from __future__ import annotations

from cdk8s import Chart
from constructs import Construct

from kcpgitops.output import SYNC_WAVE
from kcpgitops.topology import Topology, job_image
from workspace_clusters import MANAGED_BY, PREFIX, object_name, server_url

from .._manifest import manifest, meta
from .._sync import MANIFEST_GENERATE_PATHS, OWN_PATH, sync_policy
from ..images import pod_pull_secrets
from ..names import WORKSPACE_CLUSTERS_JOB
from ._objects import KcpObject, workspace_dir

ARGOCD_API = "argoproj.io/v1alpha1"
IN_CLUSTER = "https://kubernetes.default.svc"
PROJECT = "kcp-ws"
JOB = WORKSPACE_CLUSTERS_JOB
KUBECONFIG_READER = f"{PREFIX}kubeconfig-reader"
SECRET_WRITER = f"{PREFIX}cluster-secrets"
JOB_SECTION = JOB
"""`argocd/<root cluster>/kcp-ws-clusters/`."""
APPS_SECTION = "apps"
"""`argocd/<root cluster>/apps/`, the directory the cluster's app-of-apps syncs."""
KUBECONFIG_KEY = "kubeconfig"

WAVE_PROJECT = 0
"""Right after Argo CD's own configuration (wave -1 of the app-of-apps), before any workspace Application needs it."""
WAVE_JOB = 3
"""After the kcp deployment (wave 2 creates the kcp namespace and the admin Kubeconfig)."""
WAVE_WORKSPACES = 4
"""Workspace Applications start here (after the bridge's wave 3 brought the remote shards), plus the objects' wave."""

KCP_KINDS = (
    ("apis.kcp.io", "APIBinding"),
    ("apis.kcp.io", "APIExport"),
    ("apis.kcp.io", "APIExportEndpointSlice"),
    ("apis.kcp.io", "APIResourceSchema"),
    ("tenancy.kcp.io", "Workspace"),
    ("topology.kcp.io", "Partition"),
    ("topology.kcp.io", "PartitionSet"),
)
JOB_KINDS = (("", "ServiceAccount"), ("batch", "CronJob"), ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "RoleBinding"))


def front_proxy_url(topology: Topology) -> str:
    """Base URL of the front-proxy the in-cluster tools dial: the root shard's private one when set (kcp-comer: the
    admin kubeconfig authenticates with a client certificate, which a CDN in front of the public one drops)."""
    proxy = topology.internal_front_proxy
    return f"https://{topology.front_proxy_hostname_of(proxy)}:{proxy.port}"


def kcp_repo_dir(topology: Topology) -> str:
    """Repo path of the kcp tree: next to the root cluster's manifests (`dist/kcp` by default)."""
    root = topology.cluster(topology.root_shard.cluster)
    parent = topology.git_path(root).rsplit("/", 1)
    return f"{parent[0]}/kcp" if len(parent) == 2 else "kcp"


def _application(topology: Topology, name: str, *, wave: int, path: str, destination: dict, options: tuple[str, ...],
                 recurse: bool = False) -> dict:
    root = topology.cluster(topology.root_shard.cluster)
    return {
        "apiVersion": ARGOCD_API,
        "kind": "Application",
        # A directory source like the others: regenerated only when its own path changes (charts/_sync.py).
        "metadata": meta(name, topology.argocd.namespace, labels={"app.kubernetes.io/part-of": PROJECT},
                         annotations={SYNC_WAVE: str(wave), MANIFEST_GENERATE_PATHS: OWN_PATH}),
        "spec": {
            "project": PROJECT,
            "source": {"repoURL": root.git.repo_url, "targetRevision": root.git.branch, "path": path,
                       "directory": {"recurse": recurse}},
            "destination": destination,
            "syncPolicy": sync_policy(topology, *options),
        },
    }


def workspace_applications(topology: Topology, grouped: dict[str, list[KcpObject]]) -> list[dict]:
    """One Application per workspace that holds objects; its wave is its earliest object's, after WAVE_WORKSPACES."""
    base = front_proxy_url(topology)
    repo_dir = kcp_repo_dir(topology)
    apps = []
    for path, objects in grouped.items():
        apps.append(_application(
            topology, object_name(path),
            wave=WAVE_WORKSPACES + min(o.wave for o in objects),
            path=f"{repo_dir}/{workspace_dir(path)}",
            destination={"server": server_url(base, path)},
            # No finalizer: deleting an Application leaves the workspace alone. ServerSideApply never touches fields
            # kcp sets (a Workspace's spec.URL/cluster/type); PruneLast removes objects after everything else synced.
            options=("ServerSideApply=true", "PruneLast=true"),
        ))
    return apps


def project(topology: Topology, paths: list[str]) -> dict:
    """An AppProject allowing exactly the workspace destinations, the job's namespaces and the kinds each uses."""
    base = front_proxy_url(topology)
    root = topology.cluster(topology.root_shard.cluster)
    destinations = [{"server": server_url(base, p), "namespace": "*"} for p in paths]
    destinations += [{"server": IN_CLUSTER, "namespace": ns} for ns in sorted({topology.argocd.namespace, topology.namespace})]
    return {
        "apiVersion": ARGOCD_API,
        "kind": "AppProject",
        "metadata": meta(PROJECT, topology.argocd.namespace, labels={"app.kubernetes.io/part-of": PROJECT},
                         annotations={SYNC_WAVE: str(WAVE_PROJECT)}),
        "spec": {
            "description": "Objects inside kcp workspaces (through the front-proxy) and the job that registers the workspaces",
            "sourceRepos": [root.git.repo_url],
            "destinations": destinations,
            "clusterResourceWhitelist": [{"group": g, "kind": k} for g, k in KCP_KINDS],
            "namespaceResourceWhitelist": [{"group": g, "kind": k} for g, k in JOB_KINDS],
        },
    }


def job_application(topology: Topology) -> dict:
    """The Application that syncs the job's section."""
    root = topology.root_shard.cluster
    return _application(topology, JOB, wave=WAVE_JOB, path=f"argocd/{root}/{JOB_SECTION}",
                        destination={"server": IN_CLUSTER, "namespace": topology.argocd.namespace},
                        options=("ServerSideApply=true",), recurse=True)


def job_objects(topology: Topology, paths: list[str]) -> list[dict]:
    """ServiceAccount, Roles (resourceNames only), RoleBindings and the CronJob of `python -m workspace_clusters`."""
    argocd_ns, kcp_ns = topology.argocd.namespace, topology.namespace
    kubeconfig_secret = topology.internal_front_proxy.admin_kubeconfig
    settings = topology.kcp.cluster_secrets
    labels = {"app.kubernetes.io/name": JOB, "app.kubernetes.io/part-of": PROJECT}
    subject = [{"kind": "ServiceAccount", "name": JOB, "namespace": argocd_ns}]
    rbac = "rbac.authorization.k8s.io/v1"

    def wave(n: int) -> dict:
        return {SYNC_WAVE: str(n)}

    args = [
        "--kubeconfig-namespace", kcp_ns,
        "--kubeconfig-secret", kubeconfig_secret,
        "--kubeconfig-key", KUBECONFIG_KEY,
        "--argocd-namespace", argocd_ns,
        "--front-proxy-url", front_proxy_url(topology),
        # An ACME (Let's Encrypt) front-proxy certificate chains to a public root that Argo CD trusts already; the
        # kubeconfig's CA is kcp's own and would not verify it.
        "--ca-from", "system" if topology.internal_front_proxy.certificate == "acme" else "kubeconfig",
    ]
    for path in paths:
        args += ["--workspace", path]
    container = {
        "name": "workspace-clusters",
        "image": job_image(topology, "workspaceClusters").reference,
        "imagePullPolicy": "IfNotPresent",
        "command": ["python", "-m", "workspace_clusters"],
        "args": args,
        "env": [{"name": "PYTHONDONTWRITEBYTECODE", "value": "1"}, {"name": "PYTHONUNBUFFERED", "value": "1"}],
        "resources": {"requests": {"cpu": "10m", "memory": "32Mi"}, "limits": {"cpu": "200m", "memory": "128Mi"}},
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "runAsNonRoot": True,
            "capabilities": {"drop": ["ALL"]},
        },
    }
    pod = {
        "serviceAccountName": JOB,
        "automountServiceAccountToken": True,
        "enableServiceLinks": False,
        "restartPolicy": "Never",
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": 65532,
            "runAsGroup": 65532,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": [container],
        **pod_pull_secrets(topology),
    }
    return [
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(JOB, argocd_ns, labels=labels, annotations=wave(0))},
        {
            "apiVersion": rbac, "kind": "Role",
            "metadata": meta(KUBECONFIG_READER, kcp_ns, labels=labels, annotations=wave(0)),
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": [kubeconfig_secret], "verbs": ["get"]}],
        },
        {
            "apiVersion": rbac, "kind": "RoleBinding",
            "metadata": meta(KUBECONFIG_READER, kcp_ns, labels=labels, annotations=wave(0)),
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": KUBECONFIG_READER},
            "subjects": subject,
        },
        {
            "apiVersion": rbac, "kind": "Role",
            "metadata": meta(SECRET_WRITER, argocd_ns, labels=labels, annotations=wave(0)),
            # The job writes with server-side apply: the API server authorizes an apply that creates the object as
            # `create` with the object's name, so even create is limited by resourceNames (a POST could not be).
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": [object_name(p) for p in paths],
                       "verbs": ["get", "create", "patch"]}],
        },
        {
            "apiVersion": rbac, "kind": "RoleBinding",
            "metadata": meta(SECRET_WRITER, argocd_ns, labels=labels, annotations=wave(0)),
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": SECRET_WRITER},
            "subjects": subject,
        },
        {
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": meta(JOB, argocd_ns, labels=labels, annotations=wave(1)),
            "spec": {
                "schedule": settings.schedule,
                "concurrencyPolicy": "Forbid",
                "startingDeadlineSeconds": 300,
                "successfulJobsHistoryLimit": 1,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": {
                    "metadata": {"labels": labels},
                    "spec": {
                        "backoffLimit": 2,
                        "activeDeadlineSeconds": 300,
                        "ttlSecondsAfterFinished": 86400,
                        "template": {"metadata": {"labels": labels}, "spec": pod},
                    },
                },
            },
        },
    ]


class KcpArgoCdChart(Chart):
    """A list of documents emitted through `manifest()` (one chart per section of `argocd/<root cluster>/`)."""

    def __init__(self, scope: Construct, construct_id: str, *, docs: list[dict]) -> None:
        super().__init__(scope, construct_id, disable_resource_name_hashes=True)
        for doc in docs:
            manifest(self, doc)


__all__ = [
    "APPS_SECTION",
    "JOB",
    "JOB_SECTION",
    "MANAGED_BY",
    "PROJECT",
    "KcpArgoCdChart",
    "front_proxy_url",
    "job_application",
    "job_objects",
    "kcp_repo_dir",
    "project",
    "workspace_applications",
]
