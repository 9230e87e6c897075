"""Names, constants and small helpers of kcp-operator v0.9.0 that every other part of the model shares.

Each value cites the v0.9.0 file it restates as `kcp-dev/kcp-operator@v0.9.0:<path>`; a bare `resources.go` means
`internal/resources/resources.go` of that tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

OPERATOR_GROUP = "operator.kcp.io"
"""API group of RootShard, Shard, FrontProxy, Kubeconfig and Bundle."""
OPERATOR_API_VERSION = "operator.kcp.io/v1alpha1"
DEPLOY_GROUP = "deploy.operator.kcp.io"
"""API group of the Compiled* render inputs (v0.9.0 splits config and workload controllers through them)."""
DEPLOY_API_VERSION = "deploy.operator.kcp.io/v1alpha1"
CERT_MANAGER_API_VERSION = "cert-manager.io/v1"
# kcp-dev/kcp-operator@v0.9.0:internal/resources/resources.go constants.
BUNDLE_ANNOTATION = "operator.kcp.io/bundle"
"""On a RootShard, Shard or FrontProxy (any non-empty value): export it as a Bundle."""
BUNDLE_DESIRED_REPLICAS = "operator.kcp.io/bundle-desired-replicas"
"""On a bundled owner's Deployment: the replica count it had before being scaled to 0."""
DEFAULT_IMAGE_REPOSITORY = "ghcr.io/kcp-dev/kcp"
DEFAULT_IMAGE_TAG = "v0.32.3"
FRONT_PROXY_COMMON_NAME = "kcp-front-proxy"
ROOT_SHARD_PROXY_COMMON_NAME = "kcp-root-shard-proxy"
MOUNTS_PROXY_COMMON_NAME = "kcp-mounts-proxy"
OPERATOR_USERNAME = "system:kcp-operator"
ROOTSHARD_LABEL, SHARD_LABEL, FRONT_PROXY_LABEL, KUBECONFIG_LABEL = (
    "operator.kcp.io/rootshard",
    "operator.kcp.io/shard",
    "operator.kcp.io/front-proxy",
    "operator.kcp.io/kubeconfig",
)
# kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/v1alpha1/common.go DefaultCADuration/DefaultCARenewal/DefaultCertificateDuration/Renewal,
# written the way metav1.Duration marshals them.
CA_DURATION, CA_RENEW_BEFORE = "87600h0m0s", "720h0m0s"
CERT_DURATION, CERT_RENEW_BEFORE = "8760h0m0s", "168h0m0s"
INTERMEDIATE_CAS = ("server", "requestheader-client", "client", "service-account")
"""The CAs signed by `<root>-ca`, each with its own Issuer.

kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go reconcile().
"""
ROOT_SHARD_CERTIFICATES = (
    "server",
    "service-account",
    "virtual-workspaces",
    "logical-cluster-admin",
    "external-logical-cluster-admin",
    "client",
    "kcp-operator",
)
"""kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go reconcile() certReconcilers, in order: `<root>-<cert>`."""
SHARD_CERTIFICATES = (
    "server",
    "service-account",
    "virtual-workspaces",
    "client",
    "mounts-proxy",
    "logical-cluster-admin",
    "external-logical-cluster-admin",
)
"""kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go reconcile() certReconcilers, in order: `<shard>-<cert>`."""
SHARD_KUBECONFIGS = ("client", "logical-cluster-admin", "external-logical-cluster-admin")
"""The Secrets `<shard>-<cert>-kubeconfig` the operator writes itself.

kcp-dev/kcp-operator@v0.9.0:internal/resources/shard/kubeconfigs.go.
"""
ROOT_SHARD_KUBECONFIGS = ("logical-cluster-admin", "external-logical-cluster-admin")
"""kcp-dev/kcp-operator@v0.9.0:internal/resources/rootshard/kubeconfigs.go: `<root>-<cert>-kubeconfig`."""
PROXY_CERTIFICATES = ("server", "kubeconfig", "requestheader")
"""The Certificates of a front-proxy or of the root shard's proxy: `<root>-<fp>-<cert>` or `<root>-proxy-<cert>`.

kcp-dev/kcp-operator@v0.9.0:internal/resources/frontproxy/reconciler.go Reconcile() certReconcilers.
"""


def ca_name(root: str, ca: str) -> str:
    """Name of a root shard CA (Certificate, Secret and Issuer alike): `<root>-ca` or `<root>-<ca>-ca`.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/resources.go GetRootShardCAName.
    """
    return f"{root}-ca" if ca == "root" else f"{root}-{ca}-ca"


def bundle_name(owner: str) -> str:
    """The Bundle (and its Secret) of a bundled owner (resources.go GetBundleName)."""
    return f"{owner}-bundle"


def is_bundled(obj: dict) -> bool:
    """Whether an owner carries the bundle annotation with a non-empty value (bundle/helpers.go EnsureBundleForOwner)."""
    return bool(((obj.get("metadata") or {}).get("annotations") or {}).get(BUNDLE_ANNOTATION))


def resource_labels(instance: str, component: str) -> dict[str, str]:
    """Labels of everything rendered for one instance (resources.go getResourceLabels)."""
    return {
        "app.kubernetes.io/managed-by": "kcp-operator",
        "app.kubernetes.io/name": "kcp",
        "app.kubernetes.io/instance": instance,
        "app.kubernetes.io/component": component,
    }


def parse_version(tag: str) -> tuple[int, int, int, str] | None:
    """Masterminds semver.NewVersion as used on image tags: `v?MAJOR[.MINOR[.PATCH]][-pre]`, else None."""
    match = re.fullmatch(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?", tag or "")
    if not match:
        return None
    major, minor, patch, pre = match.groups()
    return int(major), int(minor or 0), int(patch or 0), pre or ""


def image_settings(image: dict | None) -> tuple[str, list[dict], tuple[int, int, int, str] | None]:
    """Image reference, pull secrets and detected kcp version of an ImageSpec (resources.go GetImageSettings)."""
    image = image or {}
    repository = image.get("repository") or DEFAULT_IMAGE_REPOSITORY
    tag = image.get("tag") or DEFAULT_IMAGE_TAG
    return f"{repository}:{tag}", list(image.get("imagePullSecrets") or []), parse_version(tag)


def supports_mounts_proxy(version: tuple[int, int, int, str] | None) -> bool:
    """kcp `~0.31.6 || >=0.32.3` (compiledshard/deployment.go supportsMountProxy); an unparsable tag counts as yes.

    Masterminds constraints skip pre-releases unless the constraint names one, so `v0.32.3-rc.1` does not match.
    """
    if version is None:
        return True
    major, minor, patch, pre = version
    if pre:
        return False
    return ((major, minor) == (0, 31) and patch >= 6) or (major, minor, patch) >= (0, 32, 3)


def cluster_domain(spec: dict) -> str:
    """spec.clusterDomain, default `cluster.local` (resources.go, the Get*BaseHost functions)."""
    return spec.get("clusterDomain") or "cluster.local"


def root_shard_base_url(name: str, namespace: str, spec: dict) -> str:
    """resources.go GetRootShardBaseURL: spec.shardBaseURL, else the in-cluster Service URL."""
    return spec.get("shardBaseURL") or f"https://{name}-kcp.{namespace}.svc.{cluster_domain(spec)}:6443"


def shard_base_host(name: str, namespace: str, spec: dict) -> str:
    """resources.go GetShardBaseHost: `<shard>-shard-kcp.<ns>.svc.<domain>`."""
    return f"{name}-shard-kcp.{namespace}.svc.{cluster_domain(spec)}"


def shard_base_url(name: str, namespace: str, spec: dict) -> str:
    """resources.go GetShardBaseURL."""
    return spec.get("shardBaseURL") or f"https://{shard_base_host(name, namespace, spec)}:6443"


def external(spec: dict) -> tuple[str, int]:
    """(hostname, port) of a RootShard's or FrontProxy's spec.external."""
    settings = spec.get("external") or {}
    return settings.get("hostname", ""), int(settings.get("port") or 0)


def hostname_of(url: str) -> str:
    """The host of a URL (IPv6 brackets kept), as url.Parse(...).Hostname() is used on shardBaseURL."""
    match = re.match(r"^[a-z]+://(\[[^\]]+\]|[^:/]+)", url or "")
    return match.group(1) if match else ""


def merge_maps(existing: dict | None, to_add: dict | None) -> dict | None:
    """utils/certificates.go mergeMaps: the template's keys, overwritten by what the object already has."""
    if not to_add:
        return existing
    return {**to_add, **(existing or {})}


def merge_lists(a: Iterable[str] | None, b: Iterable[str] | None) -> list[str]:
    """The sorted union of two string lists (utils/certificates.go mergeSlices)."""
    return sorted({*(a or []), *(b or [])})


def proxy_names(root_name: str, front_proxy: str | None) -> dict[str, str]:
    """Names of a proxy's objects: a FrontProxy `f` of root `r`, or the root shard's own proxy (front_proxy None).

    resources.go GetFrontProxy*/GetRootShardProxy* and frontproxy/ca_bundle.go.
    """
    if front_proxy:
        return {
            "deployment": f"{front_proxy}-front-proxy",
            "service": f"{front_proxy}-front-proxy",
            "config": f"{front_proxy}-config",
            "dynamic-kubeconfig": f"{root_name}-{front_proxy}-dynamic-kubeconfig",
            "merged-client-ca": f"{front_proxy}-merged-client-ca",
            "merged-ca-bundle": f"{front_proxy}-merged-ca-bundle",
            "cert-prefix": f"{root_name}-{front_proxy}-",
        }
    return {
        "deployment": f"{root_name}-proxy",
        "service": f"{root_name}-proxy",
        "config": f"{root_name}-proxy-config",
        "dynamic-kubeconfig": f"{root_name}-proxy-dynamic-kubeconfig",
        "merged-client-ca": f"{root_name}-proxy-merged-client-ca",
        "merged-ca-bundle": f"{root_name}-proxy-merged-ca-bundle",
        "cert-prefix": f"{root_name}-proxy-",
    }


def identity(obj: dict) -> tuple[str, str, dict]:
    """(name, namespace, spec) of an object."""
    meta = obj.get("metadata") or {}
    spec = obj.get("spec") or {}
    return meta.get("name", ""), meta.get("namespace", ""), spec

