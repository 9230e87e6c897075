"""Which Secrets kcp-operator v0.9.0 makes exist for an object, and what a bundled Shard's own cluster needs.

Both are derived from the rest of the model (certificate, kubeconfig and mount lists), so the generator's checks, the
bridge's Role and the rehearsal's stand-in cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ._bundles import bundle_objects
from ._common import (
    INTERMEDIATE_CAS,
    PROXY_CERTIFICATES,
    ROOT_SHARD_CERTIFICATES,
    ROOT_SHARD_KUBECONFIGS,
    SHARD_CERTIFICATES,
    SHARD_KUBECONFIGS,
    bundle_name,
    ca_name,
    identity,
    is_bundled,
    proxy_names,
)
from ._workloads import config_map_mounts, shard_secret_mounts


def _root_ref(spec: dict) -> str:
    return ((spec.get("rootShard") or {}).get("ref") or {}).get("name") or ""


def operator_secrets(obj: dict) -> list[str]:
    """Names of the Secrets kcp-operator v0.9.0 writes, itself or through the Certificates it creates, for one object
    (`RootShard`, `Shard`, `FrontProxy`, `CacheServer` or `Kubeconfig`; any other kind: none), in its namespace.

    - RootShard `r` (kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go reconcile): its certificates
      `r-<cert>`, the intermediate CAs `r-<ca>-ca`, `r-ca` when spec.certificates.issuerRef has it issued (with
      caSecretRef the user brings it), the kubeconfigs `r-<cert>-kubeconfig`, `r-merged-ca-bundle` /
      `r-merged-client-ca` with caBundleSecretRef / clientCABundleRef, and the root shard proxy's certificates,
      dynamic kubeconfig and merged client CA (internal/resources/frontproxy/reconciler.go Reconcile).
    - Shard `s` (pkg/controller/shard/controller.go reconcile): `s-<cert>`, `s-<cert>-kubeconfig`, the merged bundles.
    - FrontProxy `f` of RootShard `r` (pkg/controller/frontproxy/controller.go): `r-f-<cert>`, `r-f-dynamic-kubeconfig`,
      `f-merged-client-ca`, `f-merged-ca-bundle` with caBundleSecretRef.
    - CacheServer `c` (pkg/controller/cacheserver/controller.go reconcile): `c-ca`, `c-server`, `c-client-certificate`,
      `c-kubeconfig`.
    - Kubeconfig `k` (pkg/controller/kubeconfig/controller.go reconcile): `kubeconfig-cert-k` and spec.secretRef.
    - every bundled RootShard, Shard or FrontProxy: `<name>-bundle` (pkg/controller/bundle/controller.go).

    A Shard's `s-merged-client-ca` also exists when only its RootShard sets clientCABundleRef; from the Shard alone that
    is not known, so it is listed only for the Shard's own clientCABundleRef.
    """
    kind = obj.get("kind", "")
    name, _, spec = identity(obj)
    names: list[str] = []
    if kind == "RootShard":
        names += [f"{name}-{cert}" for cert in ROOT_SHARD_CERTIFICATES]
        names += [ca_name(name, ca) for ca in INTERMEDIATE_CAS]
        if (spec.get("certificates") or {}).get("issuerRef"):
            names.append(ca_name(name, "root"))
        names += [f"{name}-{kc}-kubeconfig" for kc in ROOT_SHARD_KUBECONFIGS]
        proxy = proxy_names(name, None)
        names += [proxy["cert-prefix"] + cert for cert in PROXY_CERTIFICATES]
        names += [proxy["dynamic-kubeconfig"], proxy["merged-client-ca"]]
        if spec.get("caBundleSecretRef"):
            names.append(proxy["merged-ca-bundle"])
    elif kind == "Shard":
        names += [f"{name}-{cert}" for cert in SHARD_CERTIFICATES]
        names += [f"{name}-{kc}-kubeconfig" for kc in SHARD_KUBECONFIGS]
    elif kind == "FrontProxy":
        root = _root_ref(spec)
        if root:
            proxy = proxy_names(root, name)
            names += [proxy["cert-prefix"] + cert for cert in PROXY_CERTIFICATES]
            names += [proxy["dynamic-kubeconfig"], proxy["merged-client-ca"]]
            if spec.get("caBundleSecretRef"):
                names.append(proxy["merged-ca-bundle"])
    elif kind == "CacheServer":
        names += [f"{name}-ca", f"{name}-server", f"{name}-client-certificate", f"{name}-kubeconfig"]
    elif kind == "Kubeconfig":
        names.append(f"kubeconfig-cert-{name}")
        if (spec.get("secretRef") or {}).get("name"):
            names.append(spec["secretRef"]["name"])
    if kind in ("RootShard", "Shard"):
        if spec.get("caBundleSecretRef"):
            names.append(f"{name}-merged-ca-bundle")
        if spec.get("clientCABundleRef"):
            names.append(f"{name}-merged-client-ca")
    if kind in ("RootShard", "Shard", "FrontProxy") and is_bundled(obj):
        names.append(bundle_name(name))
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class ShardExport:
    """What a bundled Shard's own cluster needs from the cluster its Shard object is declared on."""

    shard: str
    """The Shard's name."""
    bundle_secret: str
    """`<shard>-bundle`, written by the Bundle controller: the list of what to carry."""
    bundled_secrets: tuple[str, ...]
    """The Secrets the bundle holds, in v0.9.0's order."""
    deployment: str
    """The Deployment `<shard>-shard-kcp` (bundled; scaled to 0 where declared)."""
    service: str
    """The Service `<shard>-shard-kcp` (bundled)."""
    unbundled_mounts: tuple[str, ...]
    """Secrets the Deployment mounts that the bundle lacks, in volume order (the etcd client certificate included)."""
    config_maps: tuple[str, ...] = ()
    """ConfigMaps the Deployment mounts (a Shard bundle holds none): its audit policy's, when `spec.audit` names one."""

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every Secret the shard's Deployment needs: the bundled ones, then the unbundled mounts."""
        return self.bundled_secrets + self.unbundled_mounts


def shard_export(shard: dict, root: dict, shard_names: Iterable[str]) -> ShardExport:
    """The export of one bundled Shard: its bundle's objects (kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/
    objects.go getBundleObjectsForShard) and what its Deployment mounts beyond them
    (internal/resources/compiledshard/deployment.go DeploymentReconciler, see `shard_secret_mounts`; the audit policy
    ConfigMap, `config_map_mounts`).

    `shard_names` are all Shards of the RootShard (util.GetRootShardChildren), whose service-account Secrets every
    shard mounts with auth.serviceAccount.enabled.
    """
    name, _, spec = identity(shard)
    root_name, _, root_spec = identity(root)
    listed = bundle_objects("Shard", shard, root_name)
    bundled = tuple(n for resource, n in listed if resource == "secrets")
    deployment = next(n for resource, n in listed if resource == "deployments")
    service = next(n for resource, n in listed if resource == "services")
    mounted = [m.secret for m in shard_secret_mounts(name, spec, root_name, root_spec, shard_names)]
    unbundled = tuple(dict.fromkeys(s for s in mounted if s and s not in bundled))
    return ShardExport(
        shard=name, bundle_secret=bundle_name(name), bundled_secrets=bundled, deployment=deployment, service=service,
        unbundled_mounts=unbundled, config_maps=tuple(config_map_mounts(spec)),
    )  # fmt: skip
