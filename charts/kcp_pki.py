"""The kcp certificate authority on the root cluster (upstream certificate-kcp.yaml)."""

from __future__ import annotations

from constructs import Construct

from ._manifest import manifest, meta

KCP_CA_ISSUER = "kcp-ca"
"""Issuer that signs every kcp certificate; it exists only on the root shard's cluster."""


class KcpCertificateAuthority(Construct):
    """Self-signed kcp CA and the `kcp-ca` Issuer over it."""

    def __init__(self, scope: Construct, construct_id: str, *, namespace: str) -> None:
        super().__init__(scope, construct_id)
        ns = namespace
        manifest(self, {"apiVersion": "cert-manager.io/v1", "kind": "Issuer", "metadata": meta("selfsigned", ns), "spec": {"selfSigned": {}}})
        manifest(self, {
            "apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": meta("kcp-ca", ns),
            "spec": {"secretName": "kcp-ca-tls", "isCA": True, "commonName": "kcp-ca", "issuerRef": {"name": "selfsigned", "kind": "Issuer"}},
        })
        manifest(self, {"apiVersion": "cert-manager.io/v1", "kind": "Issuer", "metadata": meta(KCP_CA_ISSUER, ns), "spec": {"ca": {"secretName": "kcp-ca-tls"}}})
