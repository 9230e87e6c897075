"""The etcd-druid `Etcd` cluster behind one shard (upstream etcd-druid-<shard>.yaml)."""

from __future__ import annotations

from constructs import Construct

from kcpgitops.topology import Etcd as EtcdSettings

from ._manifest import manifest, meta
from .etcd_pki import EtcdSecrets

CLIENT_PORT = 2379


def etcd_client_url(etcd_name: str, namespace: str) -> str:
    """In-cluster client URL of an Etcd (its `<name>-client` Service)."""
    return f"https://{etcd_name}-client.{namespace}.svc.cluster.local:{CLIENT_PORT}"


class EtcdCluster(Construct):
    """An etcd-druid Etcd with TLS on client, peer and backup-restore endpoints."""

    def __init__(self, scope: Construct, construct_id: str, *, name: str, namespace: str,
                 settings: EtcdSettings, secrets: EtcdSecrets) -> None:
        super().__init__(scope, construct_id)
        labels = {"app": "etcd-statefulset", "role": name}
        backup = settings.backup
        manifest(self, {
            "apiVersion": "druid.gardener.cloud/v1alpha1",
            "kind": "Etcd",
            "metadata": meta(name, namespace, labels=labels),
            "spec": {
                "replicas": settings.replicas,
                "etcd": {
                    "metrics": "basic",
                    "defragmentationSchedule": settings.defragmentation_schedule,
                    "resources": settings.resources.as_k8s(),
                    "clientPort": CLIENT_PORT,
                    "serverPort": 2380,
                    "quota": settings.quota,
                    "clientUrlTls": {
                        "tlsCASecretRef": {"name": secrets.ca},
                        "serverTLSSecretRef": {"name": secrets.server},
                        "clientTLSSecretRef": {"name": secrets.client},
                    },
                    "peerUrlTls": {
                        "tlsCASecretRef": {"name": secrets.peer_ca},
                        "serverTLSSecretRef": {"name": secrets.peer},
                        "clientTLSSecretRef": {"name": secrets.peer},
                    },
                },
                "backup": {
                    "port": 8080,
                    "fullSnapshotSchedule": backup.full_snapshot_schedule,
                    "resources": backup.resources.as_k8s(),
                    "garbageCollectionPolicy": "Exponential",
                    "garbageCollectionPeriod": backup.garbage_collection_period,
                    "deltaSnapshotPeriod": backup.delta_snapshot_period,
                    "deltaSnapshotMemoryLimit": "1Gi",
                    "compression": {"enabled": False, "policy": "gzip"},
                    "leaderElection": {"reelectionPeriod": "5s", "etcdConnectionTimeout": "5s"},
                    "tls": {
                        "tlsCASecretRef": {"name": secrets.ca},
                        "serverTLSSecretRef": {"name": secrets.backup_server},
                        "clientTLSSecretRef": {"name": secrets.backup_client},
                    },
                },
                "sharedConfig": {"autoCompactionMode": "periodic", "autoCompactionRetention": "30m"},
                "annotations": dict(labels),
                "labels": dict(labels),
            },
        })
