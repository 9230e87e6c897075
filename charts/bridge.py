"""The sealed-secret bridge on the root cluster: a CronJob that carries remote shards' bundles to their repos."""

from __future__ import annotations

from constructs import Construct

from kcpgitops.output import dump_yaml
from kcpgitops.topology import Shard, Topology

from ._manifest import manifest, meta
from .etcd_pki import etcd_secrets

NAME = "kcp-bridge"
CONFIG_DIR = "/etc/kcp-bridge"
HMAC_DIR = "/var/run/secrets/kcp-bridge/hmac"
GIT_DIR = "/var/run/secrets/kcp-bridge/git"
_LABELS = {"app.kubernetes.io/name": NAME, "app.kubernetes.io/part-of": "kcp-zheng-gitops"}


def secrets_made_on(topology: Topology, cluster: str) -> list[str]:
    """Secrets a shard cluster issues itself (its etcd PKI): the bridge must never overwrite them."""
    hosted = topology.shards_on(cluster)
    names = set()
    for shard in hosted:
        secrets = etcd_secrets(shard.name, shared_cluster=len(hosted) > 1)
        names.update(vars(secrets).values())
    return sorted(names)


def readable_secrets(topology: Topology, shard: Shard) -> list[str]:
    """Secrets the bridge reads for one shard: its bundle and what the shard Deployment mounts outside it."""
    # kcp-operator v0.9.0 leaves these out of the bundle although the Deployment mounts them: the proxy mounts
    # Secret (kcp >= 0.32.3) and, with service-account auth, every shard's and the root's service-account Secret.
    names = {f"{shard.name}-bundle", f"{shard.name}-mounts-proxy", f"{topology.root_shard.name}-service-account"}
    names.update(f"{other.name}-service-account" for other in topology.shards)
    return sorted(names - set(secrets_made_on(topology, shard.cluster)))


def bridge_config(topology: Topology) -> dict:
    """The bridge's configuration file (see bridge/README.md) for every remote shard."""
    settings = topology.bridge
    targets = []
    for shard in (s for s in topology.shards if topology.is_remote(s)):
        cluster = topology.cluster(shard.cluster)
        targets.append({
            "shard": shard.name,
            "cluster": cluster.name,
            "bundleSecret": f"{shard.name}-bundle",
            "certificate": f"{cluster.name}.pem",
            "repoURL": cluster.git.repo_url,
            "branch": cluster.git.branch,
            "path": topology.bridge_path(cluster),
            "mode": settings.mode,
            "excludeReferences": secrets_made_on(topology, cluster.name),
            # The shard cluster's own dist/ renders the namespace; a second copy would fight over it in Argo CD.
            "namespaceManifest": False,
        })
    return {
        "namespace": topology.namespace,
        "git": {
            "authorName": settings.author_name,
            "authorEmail": settings.author_email,
            "messagePrefix": "bridge:",
            "pushRetries": settings.push_retries,
        },
        "targets": targets,
    }


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
        manifest(self, {
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta(NAME, ns, labels=labels),
            "rules": [
                {"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"],
                 "resourceNames": sorted({n for s in remote for n in readable_secrets(topology, s)})},
                {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get"],
                 "resourceNames": sorted(f"{s.name}-shard-kcp" for s in remote)},
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
            "image": settings.image,
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
