"""Everything one cluster's Argo CD syncs from `dist/<cluster>/`, split as the guide applies it by hand."""

from __future__ import annotations

from cdk8s import Chart
from constructs import Construct

from kcpgitops.topology import Topology

from .bridge import SealedSecretBridge
from .etcd import EtcdCluster
from .etcd_pki import EtcdCertificateAuthority, EtcdCertificates, EtcdNamespaceCa, etcd_secrets
from .kcp import AdminKubeconfig, FrontProxy, RootShard, Shard
from .kcp_pki import KcpCertificateAuthority
from .letsencrypt import AcmeClusterIssuer, LetsEncryptCa
from .namespace import KcpNamespace


class ClusterChart(Chart):
    """One cluster's kcp deployment: namespace, etcd per hosted shard, and on the root cluster kcp's objects."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, cluster: str,
                 sealing_certificates: dict[str, str] | None = None) -> None:
        super().__init__(scope, construct_id, disable_resource_name_hashes=True)
        ns = topology.namespace
        hosted = topology.shards_on(cluster)
        KcpNamespace(self, "namespace", name=ns)
        if hosted:
            EtcdCertificateAuthority(self, "etcd-ca")
            EtcdNamespaceCa(self, "etcd-namespace-ca", namespace=ns)
        for shard in hosted:
            secrets = etcd_secrets(shard.name, shared_cluster=len(hosted) > 1)
            EtcdCertificates(self, f"etcd-certs-{shard.name}", etcd_name=shard.name, namespace=ns, secrets=secrets)
            EtcdCluster(self, f"etcd-{shard.name}", name=shard.name, namespace=ns, settings=topology.etcd, secrets=secrets)
        if cluster != topology.root_shard.cluster:
            return
        KcpCertificateAuthority(self, "kcp-ca", namespace=ns)
        if topology.front_proxy.certificate == "acme":
            LetsEncryptCa(self, "letsencrypt-ca", name=topology.front_proxy.acme.ca_secret_name, namespace=ns)
            AcmeClusterIssuer(self, "acme-issuer", acme=topology.front_proxy.acme)
        RootShard(self, "root-shard", topology=topology)
        FrontProxy(self, "front-proxy", topology=topology)
        AdminKubeconfig(self, "admin-kubeconfig", topology=topology)
        for shard in topology.shards:
            Shard(self, f"shard-{shard.name}", topology=topology, shard=shard)
        if any(topology.is_remote(s) for s in topology.shards):
            SealedSecretBridge(self, "bridge", topology=topology, certificates=sealing_certificates or {})
