"""The sealed-secret bridge on the root cluster: a CronJob that carries remote shards' bundles to their repos."""

from __future__ import annotations

from cdk8s import ApiObject
from constructs import Construct

from kcpgitops.output import dump_yaml
from kcpgitops.topology import Topology, job_image
from kcpmodel import ShardExport, shard_export

from ._manifest import manifest, meta
from .etcd_pki import etcd_secrets
from .images import pod_pull_secrets

NAME = "kcp-bridge"
CONFIG_DIR = "/etc/kcp-bridge"
HMAC_DIR = "/var/run/secrets/kcp-bridge/hmac"
GIT_DIR = "/var/run/secrets/kcp-bridge/git"
_LABELS = {"app.kubernetes.io/name": NAME, "app.kubernetes.io/part-of": "kcp-zheng-gitops"}
_API_GROUPS = {"secrets": "", "configmaps": "", "deployments": "apps", "services": ""}


def secrets_made_on(topology: Topology, cluster: str) -> list[str]:
    """Secrets a shard cluster has of its own: its etcd PKI, and the pull Secrets (`images.pullSecrets`) a person
    creates on every cluster. The bridge must never overwrite them, nor read cluster 1's copies (its Role has none)."""
    hosted = topology.shards_on(cluster)
    names = set()
    for shard in hosted:
        secrets = etcd_secrets(shard.name, shared_cluster=len(hosted) > 1)
        names.update(vars(secrets).values())
    if hosted:
        # The shard's Deployment names them (kcp-operator's deploymentTemplate, charts/images.py); they are credentials
        # of that cluster's own, never carried from cluster 1.
        names.update(topology.images.pull_secrets)
    return sorted(names)


def rendered_kcp_objects(scope: Construct) -> dict[tuple[str, str], dict]:
    """(kind, name) -> manifest of the RootShard and Shards already rendered in `scope` (the root cluster's chart)."""
    found = {}
    for construct in scope.node.find_all():
        if isinstance(construct, ApiObject) and construct.kind in ("RootShard", "Shard"):
            doc = construct.to_json()
            found[(doc["kind"], doc["metadata"]["name"])] = doc
    return found


def shard_exports(topology: Topology, rendered: dict[tuple[str, str], dict]) -> dict[str, ShardExport]:
    """Per remote shard, what kcp-operator v0.9.0 exports for it (`kcpmodel.shard_export`), from the rendered objects."""
    root = rendered.get(("RootShard", topology.root_shard.name))
    if root is None:
        raise ValueError(f"the bridge needs the rendered RootShard {topology.root_shard.name} in the same chart")
    # util.GetRootShardChildren: every Shard of the RootShard (each shard mounts all their service-account Secrets).
    children = sorted(
        name for (kind, name), doc in rendered.items()
        if kind == "Shard" and (((doc.get("spec") or {}).get("rootShard") or {}).get("ref") or {}).get("name") == topology.root_shard.name
    )  # fmt: skip
    exports = {}
    for shard in (s for s in topology.shards if topology.is_remote(s)):
        doc = rendered.get(("Shard", shard.name))
        if doc is None:
            raise ValueError(f"the bridge needs the rendered Shard {shard.name} in the same chart")
        exports[shard.name] = shard_export(doc, root, children)
    return exports


def readable(topology: Topology, exports: dict[str, ShardExport]) -> dict[str, list[str]]:
    """resource -> names the bridge GETs, and so all its Role grants (`get` by resourceNames).

    Per remote shard: its bundle Secret; every Secret the bundle lists, its Deployment and its Service, all read live
    because the Bundle controller does not refresh the bundle when they change (bridge/README.md); and the Secrets the
    Deployment mounts that the bundle lacks, except those the shard's cluster issues itself (`excludeReferences`),
    and the ConfigMaps it mounts (its audit policy: a Shard bundle holds no ConfigMap).
    """
    secrets: set[str] = set()
    config_maps: set[str] = set()
    deployments: set[str] = set()
    services: set[str] = set()
    for shard in (s for s in topology.shards if topology.is_remote(s)):
        export = exports[shard.name]
        local = set(secrets_made_on(topology, shard.cluster))
        secrets.update((export.bundle_secret, *export.bundled_secrets))
        secrets.update(set(export.unbundled_mounts) - local)
        config_maps.update(export.config_maps)
        deployments.add(export.deployment)
        services.add(export.service)
    return {"secrets": sorted(secrets), "configmaps": sorted(config_maps), "deployments": sorted(deployments),
            "services": sorted(services)}


def retired_destinations(topology: Topology) -> list[dict]:
    """Bridge paths to empty: every cluster but the root shard's that receives no remote shard. Any such cluster may
    have received one before the topology changed; the bridge removes only the files it wrote there (bridge/README.md)."""
    root = topology.root_shard.cluster
    retired = []
    for cluster in topology.clusters:
        if cluster.name == root or any(topology.is_remote(s) for s in topology.shards_on(cluster.name)):
            continue
        target = topology.bridge_target(cluster)
        retired.append({"cluster": cluster.name, "repoURL": target.repo_url, "branch": target.branch, "path": target.path})
    return retired


def bridge_config(topology: Topology) -> dict:
    """The bridge's configuration file (see bridge/README.md): a target per remote shard, and a retired entry per
    cluster that receives none."""
    settings = topology.bridge
    targets = []
    for shard in (s for s in topology.shards if topology.is_remote(s)):
        cluster = topology.cluster(shard.cluster)
        # Where the cluster's `kcp-bridge` Application reads (topology clusters[].git.bridge); the bridge creates the
        # branch on its first delivery when it does not exist yet.
        where = topology.bridge_target(cluster)
        targets.append({
            "shard": shard.name,
            "cluster": cluster.name,
            "bundleSecret": f"{shard.name}-bundle",
            "certificate": f"{cluster.name}.pem",
            "repoURL": where.repo_url,
            "branch": where.branch,
            "path": where.path,
            "mode": settings.mode,
            "excludeReferences": secrets_made_on(topology, cluster.name),
            # The shard cluster's own dist/ renders the namespace; a second copy would fight over it in Argo CD.
            "namespaceManifest": False,
            # The delivered Service's exposure: that cluster's and shard's loadBalancer settings, nothing of cluster 1.
            "service": topology.shard_exposure(shard).service_fields(),
        })
    config: dict = {
        "namespace": topology.namespace,
        "git": {
            "authorName": settings.author_name,
            "authorEmail": settings.author_email,
            "messagePrefix": "bridge:",
            "pushRetries": settings.push_retries,
        },
        "targets": targets,
    }
    retired = retired_destinations(topology)
    if retired:
        config["retired"] = retired
    return config


def _git_args(topology: Topology) -> list[str]:
    if topology.bridge.git_auth == "ssh":
        return ["--ssh-key-file", f"{GIT_DIR}/ssh-privatekey", "--known-hosts-file", f"{GIT_DIR}/known_hosts"]
    return ["--git-token-file", f"{GIT_DIR}/token"]


class SealedSecretBridge(Construct):
    """CronJob, least-privilege RBAC and configuration of the bridge; credentials stay in user-created Secrets."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, certificates: dict[str, str]) -> None:
        super().__init__(scope, construct_id)
        ns = topology.namespace
        remote = [s for s in topology.shards if topology.is_remote(s)]
        labels = dict(_LABELS)
        manifest(self, {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(NAME, ns, labels=labels)})
        reads = readable(topology, shard_exports(topology, rendered_kcp_objects(scope)))
        manifest(self, {
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta(NAME, ns, labels=labels),
            "rules": [
                {"apiGroups": [_API_GROUPS[resource]], "resources": [resource], "verbs": ["get"], "resourceNames": names}
                for resource, names in reads.items() if names
            ],
        })
        manifest(self, {
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": meta(NAME, ns, labels=labels),
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": NAME},
            "subjects": [{"kind": "ServiceAccount", "name": NAME, "namespace": ns}],
        })
        data = {"config.yaml": dump_yaml(bridge_config(topology))}
        # Sealing certificates are public; a cluster whose certificate is not committed yet is left out and
        # the bridge reports that target as failing until it is (`make check` names the missing file).
        data.update({f"{c}.pem": certificates[c] for c in sorted({s.cluster for s in remote}) if c in certificates})
        manifest(self, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(f"{NAME}-config", ns, labels=labels), "data": data})
        manifest(self, self._cron_job(topology, labels))

    @staticmethod
    def _cron_job(topology: Topology, labels: dict) -> dict:
        settings = topology.bridge
        container = {
            "name": "bridge",
            "image": job_image(topology, "bridge").reference,
            "args": ["run", "--config", f"{CONFIG_DIR}/config.yaml", "--hmac-key-file", f"{HMAC_DIR}/key", *_git_args(topology)],
            "env": [{"name": "HOME", "value": "/tmp"}],
            "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
            "securityContext": {
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": True,
                "runAsNonRoot": True,
                "capabilities": {"drop": ["ALL"]},
            },
            "volumeMounts": [
                {"name": "config", "mountPath": CONFIG_DIR, "readOnly": True},
                {"name": "hmac", "mountPath": HMAC_DIR, "readOnly": True},
                {"name": "git", "mountPath": GIT_DIR, "readOnly": True},
                {"name": "tmp", "mountPath": "/tmp"},
            ],
        }
        pod = {
            "serviceAccountName": NAME,
            "automountServiceAccountToken": True,
            "restartPolicy": "Never",
            "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001,
                                "seccompProfile": {"type": "RuntimeDefault"}},
            "containers": [container],
            **pod_pull_secrets(topology),
            "volumes": [
                {"name": "config", "configMap": {"name": f"{NAME}-config"}},
                {"name": "hmac", "secret": {"secretName": settings.hmac_key_secret, "defaultMode": 0o400}},
                {"name": "git", "secret": {"secretName": settings.git_credentials_secret, "defaultMode": 0o400}},
                {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}},
            ],
        }
        return {
            "apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta(NAME, topology.namespace, labels=labels),
            "spec": {
                "schedule": settings.schedule,
                "concurrencyPolicy": "Forbid",
                "successfulJobsHistoryLimit": 3,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": {"spec": {"backoffLimit": 0, "activeDeadlineSeconds": 600,
                                         "template": {"metadata": {"labels": labels}, "spec": pod}}},
            },
        }
