"""The kcp certificate authority on the root cluster (upstream certificate-kcp.yaml)."""

from __future__ import annotations

from constructs import Construct

from ._manifest import manifest, meta
from .ca_policy import ca_spec

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
            # Deliberately not upstream's 90 days and v1.18's key rotation: see charts/ca_policy.py.
            "spec": {"secretName": "kcp-ca-tls", "isCA": True, "commonName": "kcp-ca", "issuerRef": {"name": "selfsigned", "kind": "Issuer"},
                     **ca_spec()},
        })
        manifest(self, {"apiVersion": "cert-manager.io/v1", "kind": "Issuer", "metadata": meta(KCP_CA_ISSUER, ns), "spec": {"ca": {"secretName": "kcp-ca-tls"}}})
