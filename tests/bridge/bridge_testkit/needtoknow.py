"""The Secret keys a kcp-zheng shard reads, written down by hand from kcp-operator v0.9.0's source (issue 10).

A second oracle: nothing here is computed by the bridge or by kcpmodel. Each entry cites the code that makes the shard's
kcp container open the file `<mountPath>/<key>`; the mount paths are those of
kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go getCAMountPath / getCertificateMountPath /
getKubeconfigMountPath (the fixture Deployment `fixtures/shard-deployment.yaml` mounts them there).
"""

from __future__ import annotations

import copy
from typing import Any

TLS_REQUIRED = ("tls.crt", "tls.key")
"""kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateSecret: a kubernetes.io/tls Secret must have
both keys, even empty."""

ALL = None
"""Every key travels: the shard's use of the Secret is not shown."""


def shard_reads(*, shard: str, root: str, shards: list[str]) -> dict[str, frozenset[str] | None]:
    """Secret name -> the keys the Deployment `<shard>-shard-kcp` reads (ALL: carried whole), for the fixture Shard
    (kcp v0.32.3 image, auth.serviceAccount.enabled, caBundleSecretRef, no cache server)."""
    crt, pair, kubeconfig = frozenset({"tls.crt"}), frozenset({"tls.crt", "tls.key"}), frozenset({"kubeconfig"})
    reads: dict[str, frozenset[str] | None] = {
        # compiledshard/deployment.go getArgs: --root-ca-file=/etc/kcp/tls/ca/root/tls.crt
        f"{root}-ca": crt,
        # getArgs: --client-ca-file=/etc/kcp/tls/ca/client/tls.crt (no clientCABundleRef: the root's client CA)
        f"{root}-client-ca": crt,
        # getArgs: --requestheader-client-ca-file=/etc/kcp/tls/ca/requestheader-client/tls.crt
        f"{root}-requestheader-client-ca": crt,
        # shard/kubeconfigs.go RootShardClientKubeconfigReconciler and LogicalClusterAdminKubeconfigReconciler:
        # CertificateAuthority /etc/kcp/tls/ca/server/tls.crt (getArgs names no file of it itself)
        f"{root}-server-ca": crt,
        # DeploymentReconciler mounts it at /etc/kcp/tls/ca/service-account, but neither getArgs nor
        # utils/authentication.go nor any kubeconfig names a file there: kcp never opens it.
        f"{root}-service-account-ca": frozenset(),
        # getArgs: --tls-private-key-file / --tls-cert-file=/etc/kcp/tls/server/tls.{key,crt}
        f"{shard}-server": pair,
        # getArgs: --service-account-key-file=/etc/kcp/tls/service-account/tls.crt, --service-account-private-key-file=…/tls.key
        f"{shard}-service-account": pair,
        # getArgs: --shard-client-key-file / --shard-client-cert-file=/etc/kcp/tls/client/tls.{key,crt}
        f"{shard}-client": pair,
        # shard/kubeconfigs.go LogicalClusterAdminKubeconfigReconciler: /etc/kcp/tls/logical-cluster-admin/tls.{crt,key}
        f"{shard}-logical-cluster-admin": pair,
        # shard/kubeconfigs.go ExternalLogicalClusterAdminKubeconfigReconciler: /etc/kcp/tls/external-logical-cluster-admin/…
        f"{shard}-external-logical-cluster-admin": pair,
        # getArgs (kcp ~0.31.6 || >=0.32.3): --mount-proxy-client-cert-file / --mount-proxy-client-key-file
        f"{shard}-mounts-proxy": pair,
        # ExternalLogicalClusterAdminKubeconfigReconciler with caBundleSecretRef: /etc/kcp/tls/ca/ca-bundle/tls.crt
        f"{shard}-merged-ca-bundle": crt,
        # getArgs: --root-shard-kubeconfig-file and --cache-kubeconfig=/etc/kcp/client-kubeconfig/kubeconfig
        f"{shard}-client-kubeconfig": kubeconfig,
        # getArgs: --logical-cluster-admin-kubeconfig=/etc/kcp/logical-cluster-admin-kubeconfig/kubeconfig
        f"{shard}-logical-cluster-admin-kubeconfig": kubeconfig,
        # getArgs: --external-logical-cluster-admin-kubeconfig=/etc/kcp/external-logical-cluster-admin-kubeconfig/kubeconfig
        f"{shard}-external-logical-cluster-admin-kubeconfig": kubeconfig,
        # pkg/controller/bundle/objects.go getBundleObjectsForShard bundles it, but the Deployment does not mount it:
        # its use is not shown, so it travels whole.
        f"{shard}-virtual-workspaces": ALL,
    }
    # utils/authentication.go applyServiceAccountAuthentication: --service-account-key-file=/etc/kcp/tls/<owner>/
    # service-account/tls.crt for the root shard and every shard (this one's own key pair is read above).
    for owner in (root, *shards):
        reads.setdefault(f"{owner}-service-account", crt)
    return reads


def cluster_reads(*, shards_here: list[str], root: str, shards: list[str]) -> dict[str, frozenset[str] | None]:
    """What the shards delivered to one cluster read together (they share the Secrets delivered there)."""
    merged: dict[str, frozenset[str] | None] = {}
    for shard in shards_here:
        for name, keys in shard_reads(shard=shard, root=root, shards=shards).items():
            if name not in merged:
                merged[name] = keys
            elif merged[name] is ALL or keys is ALL:
                merged[name] = ALL
            else:
                merged[name] = merged[name] | keys  # type: ignore[operator]
    return merged


def expected_secret(secret: dict[str, Any], reads: dict[str, frozenset[str] | None]) -> dict[str, Any]:
    """The Secret as delivered: only the keys read; a TLS Secret keeps its two required keys, emptied when withheld."""
    name = secret["metadata"]["name"]
    keys = reads[name]
    if keys is ALL:
        return secret
    result = copy.deepcopy(secret)
    data = {k: v for k, v in result.get("data", {}).items() if k in keys}
    if result.get("type") == "kubernetes.io/tls":
        for key in TLS_REQUIRED:
            if key in secret.get("data", {}) and key not in keys:
                data[key] = ""
    result["data"] = data
    return result


def withheld(secret: dict[str, Any], reads: dict[str, frozenset[str] | None]) -> list[str]:
    """The keys of `secret` its cluster does not receive."""
    keys = reads[secret["metadata"]["name"]]
    return [] if keys is ALL else sorted(set(secret.get("data", {})) - keys)
