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
        # Every setting below that the topology leaves unset is left out, so etcd-druid's own default applies and the
        # default topology renders the kcp-zheng manifests unchanged (gardener/etcd-druid@v0.33.0:
        # api/core/v1alpha1/etcd.go EtcdSpec, BackupSpec; internal/component/statefulset/builder.go for the defaults).
        store = {"store": backup.store.as_spec(etcd_name=name, namespace=namespace)} if backup.store else {}
        max_backups = {} if backup.max_backups_limit_based_gc is None else {"maxBackupsLimitBasedGC": backup.max_backups_limit_based_gc}
        retention = {} if backup.delta_snapshot_retention_period is None else {
            "deltaSnapshotRetentionPeriod": backup.delta_snapshot_retention_period}
        timeout = {} if backup.etcd_snapshot_timeout is None else {"etcdSnapshotTimeout": backup.etcd_snapshot_timeout}
        volume = {key: value for key, value in (("storageClass", settings.storage_class),
                                                ("storageCapacity", settings.storage_capacity)) if value is not None}
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
                    **store,
                    "fullSnapshotSchedule": backup.full_snapshot_schedule,
                    "resources": backup.resources.as_k8s(),
                    "garbageCollectionPolicy": backup.garbage_collection_policy,
                    **max_backups,
                    "garbageCollectionPeriod": backup.garbage_collection_period,
                    "deltaSnapshotPeriod": backup.delta_snapshot_period,
                    "deltaSnapshotMemoryLimit": backup.delta_snapshot_memory_limit,
                    **retention,
                    "compression": {"enabled": backup.compression.enabled, "policy": backup.compression.policy},
                    **timeout,
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
                **volume,
                **settings.scheduling.as_spec(etcd_name=name),
            },
        })
