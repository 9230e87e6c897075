"""etcd's certificate authority and certificates (upstream certificate-etcd-issuer.yaml and certificate-etcd-<shard>.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from constructs import Construct

from kcpgitops.output import CERT_MANAGER_NAMESPACE

from ._manifest import manifest, meta
from .ca_policy import ca_spec

CLUSTER_ISSUER = "etcd-ca"
"""ClusterIssuer signing every etcd certificate on a cluster; each cluster has its own, independent etcd CA."""


def _certificate(name: str, namespace: str, *, secret: str, common_name: str, issuer: tuple[str, str],
                 is_ca: bool = False, dns_names: list[str] | None = None, ip_addresses: list[str] | None = None) -> dict:
    spec: dict = {"secretName": secret}
    if is_ca:
        spec["isCA"] = True
    spec["commonName"] = common_name
    if dns_names:
        spec["dnsNames"] = dns_names
    if ip_addresses:
        spec["ipAddresses"] = ip_addresses
    spec["issuerRef"] = {"name": issuer[0], "kind": issuer[1]}
    if is_ca:
        # A deliberate difference from upstream (which keeps cert-manager's 90 days and, in v1.18, a new key at every
        # renewal): a CA keeps its key and lives 10 years, see charts/ca_policy.py.
        spec.update(ca_spec())
    return {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": meta(name, namespace), "spec": spec}


def _ca_issuer(kind: str, name: str, namespace: str | None, secret: str) -> dict:
    return {"apiVersion": "cert-manager.io/v1", "kind": kind, "metadata": meta(name, namespace), "spec": {"ca": {"secretName": secret}}}


class EtcdCertificateAuthority(Construct):
    """Self-signed etcd root CA in cert-manager's namespace and the `etcd-ca` ClusterIssuer over it."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        ns = CERT_MANAGER_NAMESPACE
        manifest(self, {"apiVersion": "cert-manager.io/v1", "kind": "Issuer", "metadata": meta("selfsigned", ns), "spec": {"selfSigned": {}}})
        manifest(self, _certificate("etcd-ca", ns, secret="etcd-ca-tls", common_name="etcd-ca", issuer=("selfsigned", "Issuer"), is_ca=True))
        manifest(self, _ca_issuer("ClusterIssuer", CLUSTER_ISSUER, None, "etcd-ca-tls"))


@dataclass(frozen=True)
class EtcdSecrets:
    """Names of the Secrets one etcd cluster and its clients use."""

    ca: str
    """CA bundle clients and members trust (`etcd-ca-tls`, also the kcp shard's etcd client Secret as upstream)."""
    peer_ca: str
    """Peer CA (`etcd-peer-ca-tls`)."""
    server: str
    """Client-facing server certificate."""
    client: str
    """Client certificate."""
    peer: str
    """Member-to-member certificate."""
    backup_server: str
    """backup-restore sidecar server certificate."""
    backup_client: str
    """backup-restore sidecar client certificate."""


def etcd_secrets(etcd_name: str, *, shared_cluster: bool) -> EtcdSecrets:
    """Secret names for one etcd; prefixed with its name when several etcds share a cluster and namespace."""
    prefix = f"{etcd_name}-" if shared_cluster else ""
    return EtcdSecrets(
        ca="etcd-ca-tls",
        peer_ca="etcd-peer-ca-tls",
        server=f"{prefix}etcd-server-tls",
        client=f"{prefix}etcd-client-tls",
        peer=f"{prefix}etcd-peer-tls",
        backup_server=f"{prefix}etcd-backup-restore-server-tls",
        backup_client=f"{prefix}etcd-backup-restore-client-tls",
    )


def etcd_service_names(etcd_name: str, namespace: str) -> tuple[list[str], list[str]]:
    """(client names, peer names) etcd-druid gives an Etcd's Services, as the server and peer SANs need them."""
    def forms(service: str, wildcard: bool) -> list[str]:
        star = "*." if wildcard else ""
        return [f"{star}{service}", f"{star}{service}.{namespace}", f"{star}{service}.{namespace}.svc", f"{star}{service}.{namespace}.svc.cluster.local"]
    return forms(f"{etcd_name}-client", False), forms(f"{etcd_name}-peer", False)


class EtcdNamespaceCa(Construct):
    """Per-namespace etcd CA copy and the peer CA with its Issuer; shared by every etcd in the namespace."""

    def __init__(self, scope: Construct, construct_id: str, *, namespace: str) -> None:
        super().__init__(scope, construct_id)
        ns = namespace
        manifest(self, _certificate("etcd-ca", ns, secret="etcd-ca-tls", common_name="etcd-ca", issuer=(CLUSTER_ISSUER, "ClusterIssuer"), is_ca=True))
        manifest(self, _certificate("etcd-peer-ca", ns, secret="etcd-peer-ca-tls", common_name="etcd-peer-ca", issuer=(CLUSTER_ISSUER, "ClusterIssuer"), is_ca=True))
        manifest(self, _ca_issuer("Issuer", "etcd-peer-ca", ns, "etcd-peer-ca-tls"))


class EtcdCertificates(Construct):
    """Server, client, peer and backup-restore certificates of one etcd cluster, each named like its Secret (as upstream)."""

    def __init__(self, scope: Construct, construct_id: str, *, etcd_name: str, namespace: str, secrets: EtcdSecrets) -> None:
        super().__init__(scope, construct_id)
        ns = namespace
        client_names, peer_names = etcd_service_names(etcd_name, ns)
        wildcard_peers = ["*." + n for n in peer_names]
        local = f"{etcd_name}-local"
        cluster_ca = (CLUSTER_ISSUER, "ClusterIssuer")
        manifest(self, _certificate(secrets.server, ns, secret=secrets.server, common_name="etcd-server",
                                    issuer=cluster_ca, dns_names=[local, *client_names, *wildcard_peers]))
        manifest(self, _certificate(secrets.client, ns, secret=secrets.client, common_name="etcd-client", issuer=cluster_ca))
        manifest(self, _certificate(secrets.peer, ns, secret=secrets.peer, common_name="etcd-peer",
                                    issuer=("etcd-peer-ca", "Issuer"), dns_names=[*peer_names, *wildcard_peers]))
        # Upstream lists 127.0.0.1 under dnsNames; cert-manager rejects an IP there, so it moves to ipAddresses.
        manifest(self, _certificate(secrets.backup_server, ns, secret=secrets.backup_server,
                                    common_name="etcd-backup-restore-server", issuer=cluster_ca,
                                    dns_names=[local, "localhost"], ip_addresses=["127.0.0.1"]))
        manifest(self, _certificate(secrets.backup_client, ns, secret=secrets.backup_client,
                                    common_name="etcd-backup-restore-client", issuer=cluster_ca))
