"""Let's Encrypt for the front-proxy: the ACME ClusterIssuer and the public ISRG Root X1 that kcp must trust."""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

import certifi
from constructs import Construct

from kcpgitops.topology import Acme, acme_solver

from ._manifest import manifest, meta

ISRG_ROOT_X1 = "ISRG Root X1"


@functools.cache
def isrg_root_x1_pem() -> str:
    """ISRG Root X1 in PEM, taken from the pinned `certifi` CA bundle (no download at synth time)."""
    bundle = Path(certifi.where()).read_text(encoding="ascii")
    match = re.search(
        rf'# Label: "{ISRG_ROOT_X1}"\n(?:#[^\n]*\n)*(-----BEGIN CERTIFICATE-----\n.*?\n-----END CERTIFICATE-----\n)',
        bundle,
        re.S,
    )
    if match is None:
        raise RuntimeError(f"{ISRG_ROOT_X1} is missing from certifi's bundle; pin a certifi release that ships it")
    return match.group(1)


class LetsEncryptCa(Construct):
    """Secret with the ACME CA root (public data only), as the guide's `kubectl create secret generic letsencrypt-ca`."""

    def __init__(self, scope: Construct, construct_id: str, *, name: str, namespace: str) -> None:
        super().__init__(scope, construct_id)
        pem = isrg_root_x1_pem().encode("ascii")
        manifest(self, {
            "apiVersion": "v1", "kind": "Secret", "metadata": meta(name, namespace),
            "type": "Opaque",
            "data": {"tls.crt": base64.b64encode(pem).decode("ascii")},
        })


class AcmeClusterIssuer(Construct):
    """ACME DNS-01 ClusterIssuer (upstream cluster-issuer.yaml.template); solver Secrets are referenced, never inlined."""

    def __init__(self, scope: Construct, construct_id: str, *, acme: Acme) -> None:
        super().__init__(scope, construct_id)
        # The one solver `frontProxy.acme.dns01` names (or the older `acme.cloudflare`), rendered by the topology
        # package field for field into cert-manager/cert-manager@v1.18.2:pkg/apis/acme/v1/types_issuer.go
        # ACMEChallengeSolverDNS01 (see kcpgitops/topology/_acme.py acme_solver).
        solver = acme_solver(acme)
        manifest(self, {
            "apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": meta(acme.issuer_name),
            "spec": {"acme": {
                "email": acme.email,
                "server": acme.server,
                "privateKeySecretRef": {"name": acme.account_key_secret_name},
                "solvers": [{"dns01": solver.dns01}],
            }},
        })
