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
            # Construct ids of per-shard objects take the shard's name after a '.', which no shard name (a DNS label)
            # holds: `etcd-{name}` of a shard named "ca" was the etcd CA's id.
            secrets = etcd_secrets(shard.name, shared_cluster=len(hosted) > 1)
            EtcdCertificates(self, f"etcd-certs.{shard.name}", etcd_name=shard.name, namespace=ns, secrets=secrets)
            EtcdCluster(self, f"etcd.{shard.name}", name=shard.name, namespace=ns, settings=topology.etcd, secrets=secrets)
        if cluster != topology.root_shard.cluster:
            return
        KcpCertificateAuthority(self, "kcp-ca", namespace=ns)
        # One ACME ClusterIssuer and CA Secret per distinct issuer (front-proxies may share one).
        acme = {p.acme.issuer_name: p.acme for p in topology.all_front_proxies if p.certificate == "acme"}
        for index, settings in enumerate(acme.values()):
            suffix = "" if index == 0 else f".{settings.issuer_name}"
            LetsEncryptCa(self, f"letsencrypt-ca{suffix}", name=settings.ca_secret_name, namespace=ns)
            AcmeClusterIssuer(self, f"acme-issuer{suffix}", acme=settings)
        RootShard(self, "root-shard", topology=topology)
        for index, proxy in enumerate(topology.all_front_proxies):
            suffix = "" if index == 0 else f".{proxy.name}"
            FrontProxy(self, f"front-proxy{suffix}", topology=topology, proxy=proxy)
            AdminKubeconfig(self, f"admin-kubeconfig{suffix}", topology=topology, proxy=proxy)
        for shard in topology.shards:
            Shard(self, f"shard.{shard.name}", topology=topology, shard=shard)
        if any(topology.is_remote(s) for s in topology.shards):
            SealedSecretBridge(self, "bridge", topology=topology, certificates=sealing_certificates or {})
