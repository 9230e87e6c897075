"""kcp-operator v0.9.0 stand-in: RootShard, Shard, FrontProxy, Kubeconfig and the bundle feature, as v0.9.0 does them.

Two parts, kept apart on purpose:

1. **What v0.9.0 creates and mounts** (the `v0.9.0 knowledge` section): pure functions, free of rehearsal imports, that
   return the names, Certificates, Issuers, kubeconfig Secrets, Deployments, Services and bundle contents
   kcp-operator v0.9.0 writes for a RootShard, Shard, FrontProxy or Kubeconfig. They are meant to become the one model
   the generator (`kcpgitops/output/_refs.py`) and the bridge (`bridge/_bundle.py`) use. Every function cites the
   v0.9.0 file it restates.
2. **The controllers** (`KcpOperator`): v0.9.0 runs one controller-runtime controller per kind
   (kcp-dev/kcp-operator@v0.9.0:pkg/controller/setup.go AddConfigControllers, AddWorkloadControllers). The
   "config" controllers turn RootShard/Shard/FrontProxy into Certificates, Secrets and a `deploy.operator.kcp.io`
   Compiled* object once every Certificate is Ready; the "workload" controllers turn the Compiled* object into the
   Deployment and Service. Like controller-runtime, each controller reconciles only when an event it watches
   (`For`/`Owns`/`Watches` in its `SetupWithManager`) or an informer resync enqueues it; failures are retried with
   the exponential per-item backoff of client-go's default controller rate limiter.

Simplifications (each also noted where it applies): no finalizers (the in-memory API has none; the Shard's kcp-side
clean-up runs on its deletion event instead), no VirtualWorkspace, CacheServer or kubeconfig-rbac controllers, no
audit or authorization-webhook flags, no PEM validation of merged CA bundles, leader election ignored.
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .._api import ApiError, Key, _timestamp, describe, group_of, key_of
from .._world import Cluster

__all__ = [
    "BUNDLE_ANNOTATION",
    "BUNDLE_DESIRED_REPLICAS",
    "KcpOperator",
    "SecretMount",
    "bundle_key",
    "bundle_objects",
    "bundle_value",
    "ca_name",
    "proxy_certificates",
    "proxy_deployment",
    "revision_label",
    "root_shard_certificates",
    "root_shard_deployment",
    "root_shard_issuers",
    "shard_certificates",
    "shard_deployment",
    "shard_kubeconfigs",
    "shard_secret_mounts",
    "shard_service",
]

# ====================================================================================================================
# Part 1 - v0.9.0 knowledge: what kcp-operator v0.9.0 creates and mounts. Pure functions over plain dicts.
# ====================================================================================================================

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
_USAGES = {"server": ["server auth", "key encipherment", "digital signature"], "client": ["client auth"]}


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


def _cluster_domain(spec: dict) -> str:
    return spec.get("clusterDomain") or "cluster.local"


def root_shard_base_url(name: str, namespace: str, spec: dict) -> str:
    """resources.go GetRootShardBaseURL: spec.shardBaseURL, else the in-cluster Service URL."""
    return spec.get("shardBaseURL") or f"https://{name}-kcp.{namespace}.svc.{_cluster_domain(spec)}:6443"


def shard_base_host(name: str, namespace: str, spec: dict) -> str:
    """resources.go GetShardBaseHost: `<shard>-shard-kcp.<ns>.svc.<domain>`."""
    return f"{name}-shard-kcp.{namespace}.svc.{_cluster_domain(spec)}"


def shard_base_url(name: str, namespace: str, spec: dict) -> str:
    """resources.go GetShardBaseURL."""
    return spec.get("shardBaseURL") or f"https://{shard_base_host(name, namespace, spec)}:6443"


def _external(spec: dict) -> tuple[str, int]:
    external = spec.get("external") or {}
    return external.get("hostname", ""), int(external.get("port") or 0)


def _hostname_of(url: str) -> str:
    match = re.match(r"^[a-z]+://(\[[^\]]+\]|[^:/]+)", url or "")
    return match.group(1) if match else ""


# -- Certificates and Issuers ----------------------------------------------------------------------------------------


def _merge_maps(existing: dict | None, to_add: dict | None) -> dict | None:
    # utils/certificates.go mergeMaps: the template's keys, overwritten by what the object already has.
    if not to_add:
        return existing
    return {**to_add, **(existing or {})}


def _merge_lists(a: Iterable[str] | None, b: Iterable[str] | None) -> list[str]:
    return sorted({*(a or []), *(b or [])})


def apply_certificate_template(cert: dict, template: dict | None) -> dict:
    """utils/certificates.go ApplyCertificateTemplate: merge a `certificateTemplates` entry into a Certificate."""
    if not template:
        return cert
    meta, spec = cert["metadata"], cert["spec"]
    tmeta = template.get("metadata") or {}
    for field_name in ("annotations", "labels"):
        merged = _merge_maps(meta.get(field_name), tmeta.get(field_name))
        if merged:
            meta[field_name] = merged
    tspec = template.get("spec")
    if not tspec:
        return cert
    # DNS names are replaced when the template also overrides the issuer (it may not accept ours), else merged.
    if tspec.get("dnsNames") and tspec.get("issuerRef"):
        spec["dnsNames"] = list(tspec["dnsNames"])
    elif tspec.get("dnsNames"):
        spec["dnsNames"] = _merge_lists(spec.get("dnsNames"), tspec["dnsNames"])
    addresses = _merge_lists(spec.get("ipAddresses"), tspec.get("ipAddresses"))
    if addresses:
        spec["ipAddresses"] = addresses
    for field_name in ("duration", "renewBefore"):
        if tspec.get(field_name):
            spec[field_name] = tspec[field_name]
    if tspec.get("secretTemplate"):
        secret_template = spec.setdefault("secretTemplate", {})
        for field_name in ("annotations", "labels"):
            merged = _merge_maps(secret_template.get(field_name), tspec["secretTemplate"].get(field_name))
            if merged:
                secret_template[field_name] = merged
    if tspec.get("issuerRef"):
        ref = tspec["issuerRef"]
        spec["issuerRef"] = {k: ref[k] for k in ("name", "kind", "group") if ref.get(k)}
    if tspec.get("privateKey"):
        key = spec.setdefault("privateKey", {})
        for field_name in ("algorithm", "encoding", "rotationPolicy", "size"):
            if tspec["privateKey"].get(field_name):
                key[field_name] = tspec["privateKey"][field_name]
    if tspec.get("subject"):
        subject = spec.setdefault("subject", {})
        for field_name, value in tspec["subject"].items():
            if field_name == "serialNumber":
                subject[field_name] = value
            else:
                merged_list = _merge_lists(subject.get(field_name), value)
                if merged_list:
                    subject[field_name] = merged_list
    return cert


def _certificate(
    name: str,
    namespace: str,
    labels: dict,
    secret_labels: dict,
    issuer: str,
    *,
    template: dict | None,
    issuer_kind: str = "Issuer",
    issuer_group: str = "cert-manager.io",
    is_ca: bool = False,
    usages: list[str] | None = None,
    common_name: str | None = None,
    organizations: list[str] | None = None,
    dns_names: list[str] | None = None,
    duration: str = CERT_DURATION,
    renew_before: str = CERT_RENEW_BEFORE,
) -> dict:
    spec: dict[str, Any] = {}
    if is_ca:
        spec["isCA"] = True
    if common_name:
        spec["commonName"] = common_name
    spec.update(
        secretName=name,
        secretTemplate={"labels": dict(secret_labels)},
        duration=duration,
        renewBefore=renew_before,
        privateKey={"algorithm": "RSA", "size": 4096},
    )
    if organizations:
        spec["subject"] = {"organizations": list(organizations)}
    if usages:
        spec["usages"] = list(usages)
    if dns_names:
        spec["dnsNames"] = list(dns_names)
    spec["issuerRef"] = {"name": issuer, "kind": issuer_kind, "group": issuer_group}
    cert = {
        "apiVersion": CERT_MANAGER_API_VERSION,
        "kind": "Certificate",
        "metadata": {"name": name, "namespace": namespace, "labels": dict(labels)},
        "spec": spec,
    }
    return apply_certificate_template(cert, copy.deepcopy(template) if template else None)


def _templates(spec: dict) -> dict:
    return spec.get("certificateTemplates") or {}


def root_shard_issuers(root: dict) -> list[dict]:
    """The Issuers of a RootShard: `<root>-ca` and one per intermediate CA.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/rootshard/issuers.go RootCAIssuerReconciler, CAIssuerReconciler.

    `<root>-ca` signs with spec.certificates.caSecretRef when given (bring your own CA), else with its own Secret.
    """
    name, namespace, spec = _identity(root)
    labels = resource_labels(name, "rootshard")
    own = (spec.get("certificates") or {}).get("caSecretRef") or {}
    out = [(ca_name(name, "root"), own.get("name") or ca_name(name, "root"))]
    out += [(ca_name(name, ca), ca_name(name, ca)) for ca in INTERMEDIATE_CAS]
    return [
        {
            "apiVersion": CERT_MANAGER_API_VERSION,
            "kind": "Issuer",
            "metadata": {"name": issuer, "namespace": namespace, "labels": dict(labels)},
            "spec": {"ca": {"secretName": secret}},
        }
        for issuer, secret in out
    ]


def root_shard_certificates(root: dict) -> list[dict]:
    """Every Certificate a RootShard gets, in v0.9.0's order (rootshard/certificates.go, rootshard/ca_certificates.go).

    Leaf certificates first, then the intermediate CAs (signed by `<root>-ca`), then `<root>-ca` itself when
    spec.certificates.issuerRef names who signs it (kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go reconcile()).
    """
    name, namespace, spec = _identity(root)
    labels, secret_labels = resource_labels(name, "rootshard"), {ROOTSHARD_LABEL: name}
    templates = _templates(spec)
    hostname, _ = _external(spec)
    server_dns = {f"{name}-kcp.{namespace}.svc.{_cluster_domain(spec)}", hostname}
    if spec.get("shardBaseURL") and _hostname_of(spec["shardBaseURL"]):
        server_dns.add(_hostname_of(spec["shardBaseURL"]))
    client_ca = ca_name(name, "client")

    def leaf(cert: str, issuer: str, **kwargs: Any) -> dict:
        return _certificate(f"{name}-{cert}", namespace, labels, secret_labels, issuer, template=templates.get(cert), **kwargs)

    certs = [
        leaf("server", ca_name(name, "server"), usages=_USAGES["server"], dns_names=sorted(server_dns - {""})),
        leaf(
            "service-account",
            ca_name(name, "service-account"),
            common_name=f"{name}-service-account",
            usages=["digital signature", "key encipherment"],
        ),
        leaf("virtual-workspaces", ca_name(name, "server"), usages=["server auth"], dns_names=[hostname]),
        leaf(
            "logical-cluster-admin",
            client_ca,
            common_name="logical-cluster-admin",
            organizations=["system:kcp:logical-cluster-admin"],
            usages=_USAGES["client"],
        ),
        leaf(
            "external-logical-cluster-admin",
            client_ca,
            common_name="external-logical-cluster-admin",
            organizations=["system:kcp:external-logical-cluster-admin"],
            usages=_USAGES["client"],
        ),
        leaf("client", client_ca, common_name=name, organizations=["system:masters"], usages=_USAGES["client"]),
        leaf("kcp-operator", client_ca, common_name=OPERATOR_USERNAME, organizations=["system:kcp:admin"], usages=_USAGES["client"]),
    ]
    for ca in INTERMEDIATE_CAS:
        certs.append(
            _certificate(
                ca_name(name, ca),
                namespace,
                labels,
                secret_labels,
                ca_name(name, "root"),
                template=templates.get(f"{ca}-ca"),
                is_ca=True,
                common_name=ca_name(name, ca),
                duration=CA_DURATION,
                renew_before=CA_RENEW_BEFORE,
            )
        )
    issuer_ref = (spec.get("certificates") or {}).get("issuerRef")
    if issuer_ref:
        certs.append(
            _certificate(
                ca_name(name, "root"),
                namespace,
                labels,
                secret_labels,
                issuer_ref.get("name", ""),
                issuer_kind=issuer_ref.get("kind", ""),
                issuer_group=issuer_ref.get("group", ""),
                template=templates.get("root-ca"),
                is_ca=True,
                common_name=ca_name(name, "root"),
                duration=CA_DURATION,
                renew_before=CA_RENEW_BEFORE,
            )
        )
    return certs


def shard_certificates(shard: dict, root_name: str) -> list[dict]:
    """The Certificates of a Shard, in v0.9.0's order (kcp-dev/kcp-operator@v0.9.0:internal/resources/shard/certificates.go)."""
    name, namespace, spec = _identity(shard)
    labels, secret_labels = resource_labels(name, "shard"), {ROOTSHARD_LABEL: root_name, SHARD_LABEL: name}
    templates = _templates(spec)
    server_dns = {"localhost", shard_base_host(name, namespace, spec)}
    if spec.get("shardBaseURL") and _hostname_of(spec["shardBaseURL"]):
        server_dns.add(_hostname_of(spec["shardBaseURL"]))
    client_ca = ca_name(root_name, "client")

    def leaf(cert: str, issuer: str, **kwargs: Any) -> dict:
        return _certificate(f"{name}-{cert}", namespace, labels, secret_labels, issuer, template=templates.get(cert), **kwargs)

    return [
        leaf("server", ca_name(root_name, "server"), usages=_USAGES["server"], dns_names=sorted(server_dns)),
        leaf(
            "service-account",
            ca_name(root_name, "service-account"),
            common_name=f"{name}-service-account",
            usages=["digital signature", "key encipherment"],
        ),
        leaf(
            "virtual-workspaces", ca_name(root_name, "server"), usages=["server auth"], dns_names=[shard_base_host(name, namespace, spec)]
        ),
        leaf("client", client_ca, common_name=f"shard-{name}", organizations=["system:masters"], usages=_USAGES["client"]),
        leaf("mounts-proxy", ca_name(root_name, "requestheader-client"), common_name=MOUNTS_PROXY_COMMON_NAME, usages=_USAGES["client"]),
        leaf(
            "logical-cluster-admin",
            client_ca,
            common_name=f"logical-cluster-admin-shard-{name}",
            organizations=["system:kcp:logical-cluster-admin"],
            usages=_USAGES["client"],
        ),
        leaf(
            "external-logical-cluster-admin",
            client_ca,
            common_name=f"external-logical-cluster-admin-shard-{name}",
            organizations=["system:kcp:external-logical-cluster-admin"],
            usages=_USAGES["client"],
        ),
    ]


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


def proxy_certificates(root: dict, front_proxy: dict | None) -> list[dict]:
    """The server, kubeconfig and requestheader Certificates of a FrontProxy or the root shard's proxy.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/frontproxy/certificates.go serverCertificateReconciler, kubeconfigCertificateReconciler,
    requestHeaderCertificateReconciler.
    """
    root_name, namespace, root_spec = _identity(root)
    fp_name = front_proxy["metadata"]["name"] if front_proxy else None
    fp_spec = (front_proxy or {}).get("spec") or {}
    names = proxy_names(root_name, fp_name)
    labels = resource_labels(fp_name, "front-proxy") if fp_name else resource_labels(root_name, "rootshard-proxy")
    secret_labels = {ROOTSHARD_LABEL: root_name, **({FRONT_PROXY_LABEL: fp_name} if fp_name else {})}
    templates = _templates(fp_spec) if front_proxy else _templates(root_spec.get("proxy") or {})
    common_name = FRONT_PROXY_COMMON_NAME if fp_name else ROOT_SHARD_PROXY_COMMON_NAME
    service = names["service"]
    dns = [service, f"{service}.{namespace}", f"{service}.{namespace}.svc.cluster.local"]
    if fp_name:
        # Only a FrontProxy is reached from outside: the root shard's external names and its own.
        hostname, _ = _external(root_spec)
        dns.append(hostname)
        if (root_spec.get("external") or {}).get("privateHostname"):
            dns.append(root_spec["external"]["privateHostname"])
        own = fp_spec.get("externalHostname") or (fp_spec.get("external") or {}).get("hostname")
        if own:
            dns.append(own)

    def cert(kind: str, issuer: str, **kwargs: Any) -> dict:
        return _certificate(names["cert-prefix"] + kind, namespace, labels, secret_labels, issuer, template=templates.get(kind), **kwargs)

    return [
        cert("server", ca_name(root_name, "server"), usages=_USAGES["server"], dns_names=dns),
        cert(
            "kubeconfig", ca_name(root_name, "client"), common_name=common_name, organizations=["system:masters"], usages=_USAGES["client"]
        ),
        cert("requestheader", ca_name(root_name, "requestheader-client"), common_name=common_name, usages=_USAGES["client"]),
    ]


def kubeconfig_certificate(kubeconfig: dict, issuer: str) -> dict:
    """The client Certificate `kubeconfig-cert-<name>` of a Kubeconfig.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/kubeconfig/certificate.go ClientCertificateReconciler.
    """
    name, namespace, spec = _identity(kubeconfig)
    cert_name = f"kubeconfig-cert-{name}"
    organizations = sorted({*(spec.get("groups") or []), f"kubeconfig:{name}"})
    meta: dict[str, Any] = {"name": cert_name, "namespace": namespace}
    if kubeconfig["metadata"].get("labels"):
        meta["labels"] = dict(kubeconfig["metadata"]["labels"])  # cert.SetLabels(kubeConfig.Labels)
    cert = {
        "apiVersion": CERT_MANAGER_API_VERSION,
        "kind": "Certificate",
        "metadata": meta,
        "spec": {
            "commonName": spec.get("username", ""),
            "secretName": cert_name,
            "secretTemplate": {"labels": {KUBECONFIG_LABEL: name}},
            "duration": spec.get("validity", ""),
            "privateKey": {"algorithm": "RSA", "size": 4096},
            "subject": {"organizations": organizations},
            "usages": ["client auth"],
            "issuerRef": {"name": issuer, "kind": "Issuer", "group": "cert-manager.io"},
        },
    }
    return apply_certificate_template(cert, copy.deepcopy(spec.get("certificateTemplate")))


# -- kubeconfigs the operator writes ---------------------------------------------------------------------------------


def kubeconfig_yaml(clusters: dict[str, dict], contexts: dict[str, tuple[str, str]], users: dict[str, dict], current: str) -> str:
    """A kubeconfig as client-go clientcmd.Write renders it (v1 Config, named lists sorted by name, keys sorted)."""
    config = {
        "apiVersion": "v1",
        "clusters": [{"cluster": clusters[n], "name": n} for n in sorted(clusters)],
        "contexts": [{"context": {"cluster": contexts[n][0], "user": contexts[n][1]}, "name": n} for n in sorted(contexts)],
        "current-context": current,
        "kind": "Config",
        "preferences": {},
        "users": [{"name": n, "user": users[n]} for n in sorted(users)],
    }
    return _yaml(json.dumps(config, sort_keys=True))


@functools.lru_cache(maxsize=512)
def _yaml(document_json: str) -> str:
    # YAML of a JSON-compatible document; memoised because every reconcile renders the same kubeconfigs again.
    return yaml.safe_dump(json.loads(document_json), sort_keys=True, default_flow_style=False)


def _file_kubeconfig(cluster: str, server: str, ca_path: str, context: str, user: str, cert_dir: str) -> str:
    return kubeconfig_yaml(
        {cluster: {"certificate-authority": ca_path, "server": server}},
        {context: (cluster, user)},
        {user: {"client-certificate": f"{cert_dir}/tls.crt", "client-key": f"{cert_dir}/tls.key"}},
        context,
    )


def _front_door(root_spec: dict) -> str:
    # shard/kubeconfigs.go ExternalLogicalClusterAdminKubeconfigReconciler: private hostname and port win.
    external = root_spec.get("external") or {}
    if external.get("privateHostname"):
        return f"https://{external['privateHostname']}:{external.get('privatePort') or external.get('port')}"
    return f"https://{external.get('hostname', '')}:{external.get('port', 0)}"


def shard_kubeconfigs(shard: dict, root: dict) -> dict[str, str]:
    """Secret name -> kubeconfig of the three kubeconfig Secrets of a Shard.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/shard/kubeconfigs.go RootShardClientKubeconfigReconciler,
    LogicalClusterAdminKubeconfigReconciler, ExternalLogicalClusterAdminKubeconfigReconciler.

    They hold file paths, not data: the CA and client certificate come from the Secrets the Deployment mounts.
    """
    name, namespace, spec = _identity(shard)
    root_name, root_ns, root_spec = _identity(root)
    server_ca = "/etc/kcp/tls/ca/server/tls.crt"
    external_ca = "/etc/kcp/tls/ca/ca-bundle/tls.crt" if spec.get("caBundleSecretRef") else server_ca
    return {
        f"{name}-client-kubeconfig": _file_kubeconfig(
            "root-shard", root_shard_base_url(root_name, root_ns, root_spec), server_ca, "shard-base", "shard", "/etc/kcp/tls/client"
        ),
        f"{name}-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "logical-cluster:admin",
            shard_base_url(name, namespace, spec),
            server_ca,
            "logical-cluster",
            "logical-cluster-admin",
            "/etc/kcp/tls/logical-cluster-admin",
        ),
        f"{name}-external-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "external-logical-cluster:admin",
            _front_door(root_spec),
            external_ca,
            "external-logical-cluster",
            "external-logical-cluster-admin",
            "/etc/kcp/tls/external-logical-cluster-admin",
        ),
    }


def root_shard_kubeconfigs(root: dict) -> dict[str, str]:
    """Secret name -> kubeconfig of a RootShard's two kubeconfig Secrets.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/rootshard/kubeconfigs.go.
    """
    name, namespace, spec = _identity(root)
    server_ca = "/etc/kcp/tls/ca/server/tls.crt"
    external_ca = "/etc/kcp/tls/ca/ca-bundle/tls.crt" if spec.get("caBundleSecretRef") else server_ca
    return {
        f"{name}-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "root-shard", root_shard_base_url(name, namespace, spec), server_ca, "shard-base", "shard", "/etc/kcp/tls/logical-cluster-admin"
        ),
        f"{name}-external-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "root-shard", _front_door(spec), external_ca, "shard-base", "shard", "/etc/kcp/tls/external-logical-cluster-admin"
        ),
    }


# -- Deployments and Services ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SecretMount:
    """One Secret a kcp container mounts (kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/secrets.go SecretMount)."""

    volume: str
    """Volume name."""
    secret: str
    """Secret name."""
    path: str
    """Mount path in the container."""
    read_only: bool = True
    """Whether the mount is read-only (only the proxies' dynamic kubeconfig is writable)."""


_DEFAULT_RESOURCES = {"limits": {"cpu": "2", "memory": "2Gi"}, "requests": {"cpu": "1", "memory": "1Gi"}}
_SECURITY_CONTEXT = {
    "capabilities": {"drop": ["ALL"]},
    "readOnlyRootFilesystem": True,
    "allowPrivilegeEscalation": False,
    "seccompProfile": {"type": "RuntimeDefault"},
}


def _probe(path: str, *, failure: int, delay: int, period: int) -> dict:
    return {
        "httpGet": {"path": path, "port": "https", "scheme": "HTTPS"},
        "initialDelaySeconds": delay,
        "timeoutSeconds": 10,
        "periodSeconds": period,
        "successThreshold": 1,
        "failureThreshold": failure,
    }


def _effective_cache(shard_spec: dict, root_spec: dict) -> str:
    # compiledshard/deployment.go getEffectiveCacheRef: the shard's own cache reference wins over the root shard's.
    own = ((shard_spec.get("cache") or {}).get("reference") or {}).get("name")
    return own or (((root_spec.get("cache") or {}).get("reference") or {}).get("name") or "")


def _cache_mounts(cache: str) -> list[SecretMount]:
    if not cache:
        return []
    return [
        SecretMount("cache-server-kubeconfig", f"{cache}-kubeconfig", "/etc/cache-server/kubeconfig"),
        SecretMount("cache-server-ca", f"{cache}-ca", "/etc/cache-server/tls/ca/root"),
        SecretMount("cache-server-client-cert", f"{cache}-client-certificate", "/etc/cache-server/tls/client-certificate"),
    ]


def _shard_own_mounts(name: str, spec: dict, root_name: str, root_spec: dict) -> list[SecretMount]:
    # compiledshard/deployment.go DeploymentReconciler secretMounts, before the common shard configuration.
    _, _, version = image_settings(spec.get("image"))
    mounts = [SecretMount("kcp-ca", ca_name(root_name, "root"), "/etc/kcp/tls/ca/root")]
    mounts += [SecretMount(f"{c}-kubeconfig", f"{name}-{c}-kubeconfig", f"/etc/kcp/{c}-kubeconfig") for c in SHARD_KUBECONFIGS]
    mounts += [
        SecretMount(f"{ca}-ca", ca_name(root_name, ca), f"/etc/kcp/tls/ca/{ca}")
        for ca in ("server", "service-account", "requestheader-client")
    ]
    client_ca = (
        f"{name}-merged-client-ca" if root_spec.get("clientCABundleRef") or spec.get("clientCABundleRef") else ca_name(root_name, "client")
    )
    mounts.append(SecretMount("client-ca", client_ca, "/etc/kcp/tls/ca/client"))
    certs = ["server", "service-account", "client", "logical-cluster-admin", "external-logical-cluster-admin"]
    if supports_mounts_proxy(version):
        certs.append("mounts-proxy")
    mounts += [SecretMount(f"{c}-cert", f"{name}-{c}", f"/etc/kcp/tls/{c}") for c in certs]
    if spec.get("caBundleSecretRef"):
        mounts.append(SecretMount("ca-bundle", f"{name}-merged-ca-bundle", "/etc/kcp/tls/ca/ca-bundle"))
    return mounts + _cache_mounts(_effective_cache(spec, root_spec))


def shard_secret_mounts(name: str, spec: dict, root_name: str, root_spec: dict, shard_names: Iterable[str]) -> list[SecretMount]:
    """Every Secret a Shard's Deployment `<shard>-shard-kcp` mounts, in v0.9.0's volume order.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go DeploymentReconciler (CAs,
    kubeconfigs, certificates including
    `<shard>-mounts-proxy` for kcp `~0.31.6 || >=0.32.3`, `<shard>-merged-ca-bundle`, cache server), then
    utils/shard.go applyEtcdConfiguration (etcd client certificate), utils/authentication.go (OIDC CA file, webhook,
    token file, and with auth.serviceAccount.enabled the `<root>-service-account` and `<s>-service-account` of every
    shard of the root shard, this one included). spec.extraVolumes (between etcd and auth) are not listed.
    """
    return _shard_own_mounts(name, spec, root_name, root_spec) + _etcd_mounts(spec) + _auth_mounts(spec.get("auth"), root_name, shard_names)


def _etcd_mounts(spec: dict) -> list[SecretMount]:
    tls = (spec.get("etcd") or {}).get("tlsConfig")
    return [SecretMount("etcd-client-cert", tls["secretRef"]["name"], "/etc/etcd/tls")] if tls else []


def _auth_mounts(auth: dict | None, root_name: str, shard_names: Iterable[str]) -> list[SecretMount]:
    if not auth:
        return []
    mounts = []
    ca_file = (auth.get("oidc") or {}).get("caFileRef")
    if ca_file:
        mounts.append(SecretMount("oidc-ca-file", ca_file["name"], "/etc/kcp/tls/oidc"))
    if (auth.get("webhook") or {}).get("configSecretName"):
        mounts.append(SecretMount("authentication-webhook-config", auth["webhook"]["configSecretName"], "/etc/kcp/authentication/webhook"))
    if auth.get("tokenAuthFile"):
        mounts.append(SecretMount("token-auth-file", auth["tokenAuthFile"].get("secretName", ""), "/etc/kcp/authentication/token"))
    if (auth.get("serviceAccount") or {}).get("enabled"):
        for owner in (root_name, *shard_names):
            mounts.append(SecretMount(f"{owner}-service-account", f"{owner}-service-account", f"/etc/kcp/tls/{owner}/service-account"))
    return mounts


def _auth_args(auth: dict | None, root_name: str, shard_names: Iterable[str]) -> list[str]:
    # utils/authentication.go applyOIDCConfiguration, applyAuthenticationWebhookConfiguration, applyTokenAuthFile,
    # applyServiceAccountAuthentication, in ApplyAuthConfiguration's order.
    if not auth:
        return []
    args = []
    oidc = auth.get("oidc")
    if oidc:
        for field_name, flag in (
            ("issuerURL", "issuer-url"),
            ("clientID", "client-id"),
            ("groupsClaim", "groups-claim"),
            ("usernameClaim", "username-claim"),
            ("usernamePrefix", "username-prefix"),
            ("groupsPrefix", "groups-prefix"),
        ):
            if oidc.get(field_name):
                args.append(f"--oidc-{flag}={oidc[field_name]}")
        if oidc.get("caFileRef"):
            args.append(f"--oidc-ca-file=/etc/kcp/tls/oidc/{oidc['caFileRef'].get('key', '')}")
    webhook = auth.get("webhook") or {}
    if webhook.get("cacheAuthenticationTTL"):
        args.append(f"--authentication-token-webhook-cache-ttl={webhook['cacheAuthenticationTTL']}")
    if webhook.get("version"):
        args.append(f"--authentication-token-webhook-version={webhook['version']}")
    if webhook.get("configSecretName"):
        args.append("--authentication-token-webhook-config-file=/etc/kcp/authentication/webhook/kubeconfig")
    if auth.get("tokenAuthFile"):
        args.append(f"--token-auth-file=/etc/kcp/authentication/token/{auth['tokenAuthFile'].get('key') or 'token.csv'}")
    if (auth.get("serviceAccount") or {}).get("enabled"):
        args.append("--service-account-lookup=false")
        args += [f"--service-account-key-file=/etc/kcp/tls/{owner}/service-account/tls.crt" for owner in (root_name, *shard_names)]
    return args


def _etcd_args(spec: dict) -> list[str]:
    # utils/shard.go applyEtcdConfiguration.
    etcd = spec.get("etcd") or {}
    args = [f"--etcd-servers={','.join(etcd.get('endpoints') or [])}"]
    if etcd.get("prefix"):
        args.append(f"--etcd-prefix={etcd['prefix']}")
    if etcd.get("tlsConfig"):
        args += ["--etcd-certfile=/etc/etcd/tls/tls.crt", "--etcd-keyfile=/etc/etcd/tls/tls.key", "--etcd-cafile=/etc/etcd/tls/ca.crt"]
    return args


def _logging_args(spec: dict) -> list[str]:
    level = (spec.get("logging") or {}).get("level")
    return [f"-v={level}"] if level else []


def _volumes(mounts: list[SecretMount]) -> tuple[list[dict], list[dict]]:
    volumes = [{"name": m.volume, "secret": {"secretName": m.secret}} for m in mounts]
    volume_mounts = [{"name": m.volume, "readOnly": m.read_only, "mountPath": m.path} for m in mounts]
    return volumes, volume_mounts


def _resources(override: dict | None) -> dict:
    resources = copy.deepcopy(_DEFAULT_RESOURCES)
    for field_name in ("limits", "requests"):
        resources[field_name].update((override or {}).get(field_name) or {})
    return resources


def _kcp_deployment(
    name: str,
    namespace: str,
    labels: dict,
    spec: dict,
    args: list[str],
    own_mounts: list[SecretMount],
    *,
    current_replicas: int | None,
    bundled: bool,
    root_name: str,
    shard_names: list[str],
) -> dict:
    """What compiledshard/compiledrootshard DeploymentReconciler produce once utils/shard.go and utils/deployments.go
    (ApplyCommonShardDeploymentProperties, ApplyCommonShardConfig, ApplyDeploymentTemplate, ApplyAuthConfiguration)
    and the bundle scale-down have run, in that order."""
    image, pull_secrets, _ = image_settings(spec.get("image"))
    volumes, volume_mounts = _volumes(own_mounts + _etcd_mounts(spec))
    volumes += copy.deepcopy(spec.get("extraVolumes") or [])
    volume_mounts += copy.deepcopy(spec.get("extraVolumeMounts") or [])
    container = {
        "name": "kcp",
        "image": image,
        "command": ["/kcp", "start"],
        "args": [*args, *_etcd_args(spec)],
        "ports": [{"name": "https", "containerPort": 6443, "protocol": "TCP"}],
        "resources": _resources(spec.get("resources")),
        "volumeMounts": volume_mounts,
        "livenessProbe": _probe("/livez", failure=6, delay=10, period=10),
        "readinessProbe": _probe("/readyz", failure=6, delay=10, period=10),
        "startupProbe": _probe("/readyz", failure=60, delay=10, period=5),
        "securityContext": copy.deepcopy(_SECURITY_CONTEXT),
    }
    # ApplyCommonShardConfig: an explicit spec.replicas wins, else what the Deployment has, else 2.
    replicas = spec["replicas"] if spec.get("replicas") is not None else (current_replicas if current_replicas is not None else 2)
    pod: dict[str, Any] = {"volumes": volumes, "containers": [container]}
    if pull_secrets:
        pod["imagePullSecrets"] = pull_secrets
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace, "labels": dict(labels)},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": dict(labels)},
            "template": {"metadata": {"labels": dict(labels)}, "spec": pod},
        },
    }
    _apply_deployment_template(deployment, spec.get("deploymentTemplate"))
    auth_volumes, auth_mounts = _volumes(_auth_mounts(spec.get("auth"), root_name, shard_names))
    pod["volumes"] += auth_volumes
    container["volumeMounts"] += auth_mounts
    container["args"] += _auth_args(spec.get("auth"), root_name, shard_names)
    if bundled:
        _scale_to_zero_for_bundle(deployment)
    return deployment


def _apply_deployment_template(deployment: dict, template: dict | None) -> None:
    # utils/deployments.go ApplyDeploymentTemplate.
    if not template:
        return
    for target, source in (
        (deployment["metadata"], template.get("metadata") or {}),
        (deployment["spec"]["template"]["metadata"], (((template.get("spec") or {}).get("template") or {}).get("metadata") or {})),
    ):
        for field_name in ("annotations", "labels"):
            merged = _merge_maps(target.get(field_name), source.get(field_name))
            if merged:
                target[field_name] = merged
    pod_template = (((template.get("spec") or {}).get("template") or {}).get("spec")) or None
    if pod_template is not None:
        pod = deployment["spec"]["template"]["spec"]
        for field_name in ("affinity", "nodeSelector", "tolerations", "hostAliases", "imagePullSecrets", "topologySpreadConstraints"):
            if pod_template.get(field_name):
                pod[field_name] = copy.deepcopy(pod_template[field_name])
            else:
                pod.pop(field_name, None)


def _scale_to_zero_for_bundle(deployment: dict) -> None:
    # compiledshard/deployment.go (and the root shard and proxy renderers): keep the count in an annotation for the
    # bundle, run nothing locally.
    replicas = deployment["spec"].get("replicas") or 0
    if replicas > 0:
        deployment["metadata"].setdefault("annotations", {})[BUNDLE_DESIRED_REPLICAS] = str(replicas)
    deployment["spec"]["replicas"] = 0


def shard_deployment(
    name: str,
    namespace: str,
    spec: dict,
    root_name: str,
    root_spec: dict,
    shard_names: Iterable[str],
    *,
    bundled: bool = False,
    current_replicas: int | None = None,
) -> dict:
    """The Deployment `<shard>-shard-kcp`, without revision labels.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go DeploymentReconciler, getArgs.
    """
    shard_names = list(shard_names)
    _, _, version = image_settings(spec.get("image"))
    cache = _effective_cache(spec, root_spec)
    hostname, port = _external(root_spec)
    args = [
        "--root-ca-file=/etc/kcp/tls/ca/root/tls.crt",
        "--client-ca-file=/etc/kcp/tls/ca/client/tls.crt",
        "--requestheader-client-ca-file=/etc/kcp/tls/ca/requestheader-client/tls.crt",
        f"--requestheader-allowed-names={FRONT_PROXY_COMMON_NAME},{ROOT_SHARD_PROXY_COMMON_NAME}",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--tls-private-key-file=/etc/kcp/tls/server/tls.key",
        "--tls-cert-file=/etc/kcp/tls/server/tls.crt",
        "--service-account-key-file=/etc/kcp/tls/service-account/tls.crt",
        "--service-account-private-key-file=/etc/kcp/tls/service-account/tls.key",
        "--service-account-lookup=false",
        "--shard-client-key-file=/etc/kcp/tls/client/tls.key",
        "--shard-client-cert-file=/etc/kcp/tls/client/tls.crt",
        f"--shard-name={name}",
        f"--shard-base-url={shard_base_url(name, namespace, spec)}",
        f"--shard-external-url=https://{hostname}:{port}",
        f"--external-hostname={hostname}",
        f"--cache-kubeconfig={'/etc/cache-server/kubeconfig' if cache else '/etc/kcp/client-kubeconfig'}/kubeconfig",
        "--root-shard-kubeconfig-file=/etc/kcp/client-kubeconfig/kubeconfig",
        "--logical-cluster-admin-kubeconfig=/etc/kcp/logical-cluster-admin-kubeconfig/kubeconfig",
        "--external-logical-cluster-admin-kubeconfig=/etc/kcp/external-logical-cluster-admin-kubeconfig/kubeconfig",
        "--batteries-included=workspace-types",
        "--root-directory=",
        "--enable-leader-election=true",
        "--logging-format=json",
    ]
    if supports_mounts_proxy(version):
        args += [
            "--mount-proxy-client-cert-file=/etc/kcp/tls/mounts-proxy/tls.crt",
            "--mount-proxy-client-key-file=/etc/kcp/tls/mounts-proxy/tls.key",
        ]
    args += _logging_args(spec) + list(spec.get("extraArgs") or [])
    return _kcp_deployment(
        f"{name}-shard-kcp",
        namespace,
        resource_labels(name, "shard"),
        spec,
        args,
        _shard_own_mounts(name, spec, root_name, root_spec),
        current_replicas=current_replicas,
        bundled=bundled,
        root_name=root_name,
        shard_names=shard_names,
    )


def root_shard_secret_mounts(name: str, spec: dict) -> list[SecretMount]:
    """The Secrets `<root>-kcp` mounts before etcd and auth.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/deployment.go DeploymentReconciler.

    The etcd client certificate and the auth Secrets follow, as for a shard (see `shard_secret_mounts`).
    """
    mounts = [SecretMount("kcp-ca", ca_name(name, "root"), "/etc/kcp/tls/ca/root")]
    mounts += [SecretMount(f"{c}-kubeconfig", f"{name}-{c}-kubeconfig", f"/etc/kcp/{c}-kubeconfig") for c in ROOT_SHARD_KUBECONFIGS]
    mounts += [
        SecretMount(f"{ca}-ca", ca_name(name, ca), f"/etc/kcp/tls/ca/{ca}") for ca in ("server", "service-account", "requestheader-client")
    ]
    mounts.append(
        SecretMount(
            "client-ca", f"{name}-merged-client-ca" if spec.get("clientCABundleRef") else ca_name(name, "client"), "/etc/kcp/tls/ca/client"
        )
    )
    mounts += [
        SecretMount(f"{c}-cert", f"{name}-{c}", f"/etc/kcp/tls/{c}")
        for c in ("server", "service-account", "client", "logical-cluster-admin", "external-logical-cluster-admin")
    ]
    if spec.get("caBundleSecretRef"):
        mounts.append(SecretMount("ca-bundle", f"{name}-merged-ca-bundle", "/etc/kcp/tls/ca/ca-bundle"))
    return mounts + _cache_mounts(((spec.get("cache") or {}).get("reference") or {}).get("name") or "")


def root_shard_deployment(
    name: str, namespace: str, spec: dict, shard_names: Iterable[str], *, bundled: bool = False, current_replicas: int | None = None
) -> dict:
    """The Deployment `<root>-kcp`, without revision labels.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/deployment.go DeploymentReconciler, getArgs.
    """
    shard_names = list(shard_names)
    hostname, port = _external(spec)
    args = [
        "--root-ca-file=/etc/kcp/tls/ca/root/tls.crt",
        "--client-ca-file=/etc/kcp/tls/ca/client/tls.crt",
        "--requestheader-client-ca-file=/etc/kcp/tls/ca/requestheader-client/tls.crt",
        f"--requestheader-allowed-names={FRONT_PROXY_COMMON_NAME},{ROOT_SHARD_PROXY_COMMON_NAME}",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--tls-private-key-file=/etc/kcp/tls/server/tls.key",
        "--tls-cert-file=/etc/kcp/tls/server/tls.crt",
        "--service-account-key-file=/etc/kcp/tls/service-account/tls.crt",
        "--service-account-private-key-file=/etc/kcp/tls/service-account/tls.key",
        "--service-account-lookup=false",
        "--shard-client-key-file=/etc/kcp/tls/client/tls.key",
        "--shard-client-cert-file=/etc/kcp/tls/client/tls.crt",
        f"--shard-base-url={root_shard_base_url(name, namespace, spec)}",
        f"--shard-external-url=https://{hostname}:{port}",
        "--logical-cluster-admin-kubeconfig=/etc/kcp/logical-cluster-admin-kubeconfig/kubeconfig",
        "--external-logical-cluster-admin-kubeconfig=/etc/kcp/external-logical-cluster-admin-kubeconfig/kubeconfig",
        "--batteries-included=workspace-types",
        "--root-directory=",
        "--enable-leader-election=true",
        "--logging-format=json",
        *_logging_args(spec),
        *(spec.get("extraArgs") or []),
    ]
    if ((spec.get("cache") or {}).get("reference") or {}).get("name"):
        args.append("--cache-kubeconfig=/etc/cache-server/kubeconfig/kubeconfig")
    # A bundled RootShard scales its Deployment to 0 as well (compiledrootshard/deployment.go).
    return _kcp_deployment(
        f"{name}-kcp",
        namespace,
        resource_labels(name, "rootshard"),
        spec,
        args,
        root_shard_secret_mounts(name, spec),
        current_replicas=current_replicas,
        bundled=bundled,
        root_name=name,
        shard_names=shard_names,
    )


def proxy_secret_mounts(root_name: str, root_spec: dict, front_proxy: str | None, fp_spec: dict | None) -> list[SecretMount]:
    """The Secrets a front-proxy (or the root shard's proxy) mounts.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/deployment.go deploymentReconciler.
    """
    names = proxy_names(root_name, front_proxy)
    spec = (fp_spec or {}) if front_proxy else (root_spec.get("proxy") or {})
    _, _, version = image_settings(spec.get("image"))
    mounts = [
        SecretMount(names["dynamic-kubeconfig"], names["dynamic-kubeconfig"], "/etc/kcp-front-proxy/kubeconfig", read_only=False),
        SecretMount(
            names["cert-prefix"] + "kubeconfig", names["cert-prefix"] + "kubeconfig", "/etc/kcp-front-proxy/kubeconfig-client-cert"
        ),
        SecretMount(names["cert-prefix"] + "server", names["cert-prefix"] + "server", "/etc/kcp-front-proxy/tls"),
        SecretMount(
            names["cert-prefix"] + "requestheader", names["cert-prefix"] + "requestheader", "/etc/kcp-front-proxy/requestheader-client"
        ),
        SecretMount(ca_name(root_name, "root"), ca_name(root_name, "root"), "/etc/kcp/tls/ca"),
    ]
    if supports_mounts_proxy(version):
        rh = ca_name(root_name, "requestheader-client")
        mounts.append(SecretMount(rh, rh, "/etc/kcp/tls/ca/requestheader-client"))
    ca_bundle = (fp_spec or {}).get("caBundleSecretRef") if front_proxy else root_spec.get("caBundleSecretRef")
    if ca_bundle:
        mounts.append(SecretMount(names["merged-ca-bundle"], names["merged-ca-bundle"], "/etc/kcp/tls/ca/ca-bundle"))
    mounts.append(SecretMount(names["merged-client-ca"], names["merged-client-ca"], "/etc/kcp-front-proxy/client-ca"))
    return mounts


def proxy_deployment(
    root_name: str,
    namespace: str,
    root_spec: dict,
    front_proxy: str | None = None,
    fp_spec: dict | None = None,
    *,
    shard_names: Iterable[str] = (),
    bundled: bool = False,
    current_replicas: int | None = None,
) -> dict:
    """The Deployment of a FrontProxy (`<fp>-front-proxy`) or of the root shard's proxy (`<root>-proxy`).

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/deployment.go deploymentReconciler and getArgs.
    """
    names = proxy_names(root_name, front_proxy)
    spec = (fp_spec or {}) if front_proxy else (root_spec.get("proxy") or {})
    labels = resource_labels(front_proxy, "front-proxy") if front_proxy else resource_labels(root_name, "rootshard-proxy")
    image, pull_secrets, version = image_settings(spec.get("image"))
    common_name = FRONT_PROXY_COMMON_NAME if front_proxy else ROOT_SHARD_PROXY_COMMON_NAME
    args = [
        "--secure-port=6443",
        "--root-kubeconfig=/etc/kcp-front-proxy/kubeconfig/kubeconfig",
        "--shards-kubeconfig=/etc/kcp-front-proxy/kubeconfig/kubeconfig",
        "--tls-private-key-file=/etc/kcp-front-proxy/tls/tls.key",
        "--tls-cert-file=/etc/kcp-front-proxy/tls/tls.crt",
        "--mapping-file=/etc/kcp-front-proxy/config/path-mapping.yaml",
        "--client-ca-file=/etc/kcp-front-proxy/client-ca/tls.crt",
    ]
    if supports_mounts_proxy(version):
        args += [
            "--requestheader-client-ca-file=/etc/kcp/tls/ca/requestheader-client/tls.crt",
            f"--requestheader-allowed-names={common_name},{MOUNTS_PROXY_COMMON_NAME}",
            "--requestheader-username-headers=X-Remote-User",
            "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        ]
    auth = spec.get("auth") if front_proxy else None
    if auth and auth.get("dropGroups") is not None:
        args.append(f'--authentication-drop-groups="{",".join(auth["dropGroups"])}"')
    if auth and auth.get("passOnGroups") is not None:
        args.append(f'--authentication-pass-on-groups="{",".join(auth["passOnGroups"])}"')
    args += _logging_args(spec) + list(spec.get("extraArgs") or [])
    mounts = proxy_secret_mounts(root_name, root_spec, front_proxy, fp_spec)
    volumes, volume_mounts = _volumes(mounts)
    volumes = copy.deepcopy(spec.get("extraVolumes") or []) + volumes + [{"name": names["config"], "configMap": {"name": names["config"]}}]
    volume_mounts = (
        copy.deepcopy(spec.get("extraVolumeMounts") or [])
        + volume_mounts
        + [{"name": names["config"], "readOnly": True, "mountPath": "/etc/kcp-front-proxy/config"}]
    )
    container = {
        "name": "kcp-front-proxy",
        "image": image,
        "command": ["/kcp-front-proxy"],
        "args": args,
        "ports": [{"name": "https", "containerPort": 6443, "protocol": "TCP"}],
        "volumeMounts": volume_mounts,
        "livenessProbe": _probe("/livez", failure=3, delay=15, period=10),
        "readinessProbe": _probe("/readyz", failure=3, delay=15, period=10),
        "securityContext": copy.deepcopy(_SECURITY_CONTEXT),
    }
    if spec.get("resources"):
        container["resources"] = copy.deepcopy(spec["resources"])
    replicas = spec["replicas"] if spec.get("replicas") is not None else (current_replicas if current_replicas is not None else 2)
    pod: dict[str, Any] = {"volumes": volumes, "containers": [container]}
    if pull_secrets:
        pod["imagePullSecrets"] = pull_secrets
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": names["deployment"], "namespace": namespace},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": dict(labels)},
            "template": {"metadata": {"labels": dict(labels)}, "spec": pod},
        },
    }
    _apply_deployment_template(deployment, spec.get("deploymentTemplate"))
    if front_proxy:
        container["args"] += _auth_args(auth, root_name, list(shard_names))
        extra_volumes, extra_mounts = _volumes(_auth_mounts(auth, root_name, list(shard_names)))
        pod["volumes"] += extra_volumes
        container["volumeMounts"] += extra_mounts
    if bundled:
        _scale_to_zero_for_bundle(deployment)
    return deployment


def _ports(*entries: tuple[str, int, int]) -> list[dict]:
    return [{"name": n, "protocol": "TCP", "appProtocol": "https", "port": p, "targetPort": t} for n, p, t in entries]


def _service(name: str, namespace: str, labels: dict, ports: list[dict], template: dict | None) -> dict:
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": namespace, "labels": dict(labels)},
        "spec": {"type": "ClusterIP", "ports": ports, "selector": dict(labels)},
    }
    # utils/services.go ApplyServiceTemplate.
    if template:
        tmeta = template.get("metadata") or {}
        for field_name in ("annotations", "labels"):
            merged = _merge_maps(service["metadata"].get(field_name), tmeta.get(field_name))
            if merged:
                service["metadata"][field_name] = merged
        tspec = template.get("spec") or {}
        if tspec.get("type"):
            service["spec"]["type"] = tspec["type"]
        if tspec.get("clusterIP"):
            service["spec"]["clusterIP"] = tspec["clusterIP"]
    return service


def shard_service(name: str, namespace: str, spec: dict) -> dict:
    """The Service `<shard>-shard-kcp`: 6443 `https` and, without an external VirtualWorkspace, 6444
    `https-virtual-workspaces`; type ClusterIP unless spec.serviceTemplate says otherwise
    (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/service.go ServiceReconciler)."""
    ports = [("https", 6443, 6443)] + ([] if spec.get("kcpVirtualWorkspace") else [("https-virtual-workspaces", 6444, 6444)])
    return _service(f"{name}-shard-kcp", namespace, resource_labels(name, "shard"), _ports(*ports), spec.get("serviceTemplate"))


def root_shard_service(name: str, namespace: str, spec: dict) -> dict:
    """The Service `<root>-kcp` (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/service.go), ports as for a shard."""
    ports = [("https", 6443, 6443)] + ([] if spec.get("kcpVirtualWorkspace") else [("https-virtual-workspaces", 6444, 6444)])
    return _service(f"{name}-kcp", namespace, resource_labels(name, "rootshard"), _ports(*ports), spec.get("serviceTemplate"))


def proxy_service(root_name: str, namespace: str, root_spec: dict, front_proxy: str | None = None, fp_spec: dict | None = None) -> dict:
    """The Service of a FrontProxy or the root shard's proxy.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/service.go serviceReconciler.
    """
    names = proxy_names(root_name, front_proxy)
    if front_proxy:
        fp_spec = fp_spec or {}
        # utils/frontproxy.go GetFrontProxyExternalPort: the FrontProxy's port, its deprecated hostname's, the root's, 6443.
        port = int((fp_spec.get("external") or {}).get("port") or 0)
        if not port and fp_spec.get("externalHostname"):
            tail = fp_spec["externalHostname"].rsplit(":", 1)
            port = int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else 6443
        port = port or _external(root_spec)[1] or 6443
        labels, template = resource_labels(front_proxy, "front-proxy"), fp_spec.get("serviceTemplate")
    else:
        port, labels, template = 6443, resource_labels(root_name, "rootshard-proxy"), (root_spec.get("proxy") or {}).get("serviceTemplate")
    return _service(names["service"], namespace, labels, _ports(("https", port, 6443)), template)


def proxy_config(root_name: str, namespace: str, root_spec: dict, front_proxy: str | None = None, fp_spec: dict | None = None) -> dict:
    """The path-mapping ConfigMap of a proxy (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/configmap.go)."""
    names = proxy_names(root_name, front_proxy)
    ca_bundle = (fp_spec or {}).get("caBundleSecretRef") if front_proxy else root_spec.get("caBundleSecretRef")
    backend_ca = "/etc/kcp/tls/ca/ca-bundle/tls.crt" if ca_bundle else "/etc/kcp/tls/ca/tls.crt"
    backend = root_shard_base_url(root_name, namespace, root_spec)
    mappings = [
        {
            "path": p,
            "backend": backend,
            "backend_server_ca": backend_ca,
            "proxy_client_cert": "/etc/kcp-front-proxy/requestheader-client/tls.crt",
            "proxy_client_key": "/etc/kcp-front-proxy/requestheader-client/tls.key",
        }
        for p in ("/clusters/", "/services/")
    ]
    if front_proxy:
        mappings += copy.deepcopy((fp_spec or {}).get("additionalPathMappings") or [])
    labels = resource_labels(front_proxy, "front-proxy") if front_proxy else resource_labels(root_name, "rootshard-proxy")
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": names["config"], "namespace": namespace, "labels": labels},
        "data": {"path-mapping.yaml": _yaml(json.dumps(mappings, sort_keys=True))},
    }


def proxy_dynamic_kubeconfig(root_name: str, namespace: str, root_spec: dict, front_proxy: str | None = None) -> tuple[str, str]:
    """(Secret name, kubeconfig) of a proxy's dynamic kubeconfig.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/secrets.go dynamicKubeconfigSecretReconciler.
    """
    text = kubeconfig_yaml(
        {
            "system:admin": {
                "certificate-authority": "/etc/kcp/tls/ca/tls.crt",
                "server": root_shard_base_url(root_name, namespace, root_spec),
            }
        },
        {"system:admin": ("system:admin", "admin")},
        {
            "admin": {
                "client-certificate": "/etc/kcp-front-proxy/kubeconfig-client-cert/tls.crt",
                "client-key": "/etc/kcp-front-proxy/kubeconfig-client-cert/tls.key",
            }
        },
        "system:admin",
    )
    return proxy_names(root_name, front_proxy)["dynamic-kubeconfig"], text


def revision_label(resource: str, name: str) -> str:
    """The pod-template label carrying a mounted Secret's (or ConfigMap's) resourceVersion, so a change rolls the pods.

    kcp-dev/kcp-operator@v0.9.0:pkg/reconciling/modifier/revision_labels.go getLabelName:
    `operator.kcp.io/<resource>-<sha3-256(name)[:20]>-rev`.
    """
    return f"operator.kcp.io/{resource}-{hashlib.sha3_256(name.encode()).hexdigest()[:20]}-rev"


# -- Bundles ---------------------------------------------------------------------------------------------------------

BUNDLE_RESOURCES = {
    "secrets": ("", "v1", "Secret"),
    "services": ("", "v1", "Service"),
    "configmaps": ("", "v1", "ConfigMap"),
    "deployments": ("apps", "v1", "Deployment"),
}
"""kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go newResourceForGVR: the only resources a bundle can hold."""


def bundle_objects(target_kind: str, owner: dict, root_name: str) -> list[tuple[str, str]]:
    """(resource, name) of every object a Bundle for `owner` lists, in v0.9.0's order.

    kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/objects.go getBundleObjectsFor{Shard,RootShard,FrontProxy}.

    A Shard bundle holds 17 objects (16 without caBundleSecretRef); it lacks `<shard>-mounts-proxy`, the
    service-account Secrets of the other shards and of the root, and `<shard>-merged-client-ca`, which the shard's
    Deployment mounts all the same (compare `shard_secret_mounts`).
    """
    name, _, spec = _identity(owner)
    if target_kind == "Shard":
        out = [("secrets", ca_name(root_name, ca)) for ca in ("requestheader-client", "server", "root", "client", "service-account")]
        out += [
            ("secrets", f"{name}-{s}")
            for s in (
                "logical-cluster-admin",
                "logical-cluster-admin-kubeconfig",
                "client-kubeconfig",
                "external-logical-cluster-admin",
                "external-logical-cluster-admin-kubeconfig",
                "virtual-workspaces",
                "client",
                "server",
                "service-account",
            )
        ]
        if spec.get("caBundleSecretRef"):
            out.append(("secrets", f"{name}-merged-ca-bundle"))
        return [*out, ("deployments", f"{name}-shard-kcp"), ("services", f"{name}-shard-kcp")]
    if target_kind == "RootShard":
        out = [("secrets", ca_name(name, ca)) for ca in ("root", "server", "requestheader-client", "client", "service-account")]
        out += [
            ("secrets", f"{name}-{s}")
            for s in (
                "server",
                "service-account",
                "virtual-workspaces",
                "logical-cluster-admin",
                "external-logical-cluster-admin",
                "operator-client",
                "logical-cluster-admin-kubeconfig",
                "external-logical-cluster-admin-kubeconfig",
            )
        ]
        out.append(("services", f"{name}-kcp"))
        if spec.get("caBundleSecretRef"):
            out.append(("secrets", f"{name}-merged-ca-bundle"))
        out += [
            ("secrets", f"{name}-proxy-dynamic-kubeconfig"),
            ("configmaps", f"{name}-proxy-config"),
            ("services", f"{name}-proxy"),
            ("deployments", f"{name}-proxy"),
            ("deployments", f"{name}-kcp"),
        ]
        return out
    if target_kind == "FrontProxy":
        out = [("secrets", ca_name(root_name, ca)) for ca in ("requestheader-client", "server", "root")]
        out += [
            ("secrets", f"{root_name}-{name}-server"),
            ("secrets", f"{root_name}-{name}-client"),
            ("secrets", f"{root_name}-{name}-dynamic-kubeconfig"),
            ("configmaps", f"{name}-config"),
            ("services", f"{name}-front-proxy"),
            ("deployments", f"{name}-front-proxy"),
        ]
        return out
    return []


def bundle_object_string(resource: str, namespace: str, name: str) -> str:
    """How Bundle status names an object: `<resource>.<group or core>.<version>:<ns>/<name>` (bundle_types.go String)."""
    group, version, _ = BUNDLE_RESOURCES.get(resource, ("", "v1", ""))
    return f"{resource}.{group or 'core'}.{version}:{namespace}/{name}"


def bundle_key(*, group: str, version: str, resource: str, namespace: str, name: str) -> str:
    """The data key of one object in a bundle Secret (kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go generateObjectKey).

    `api_<v>` or `apis_<group with . as _>_<v>`, `_namespaces_<ns with - as _>`, `_<resource>`, `_<name with - as _>`.
    """
    prefix = f"api_{version}" if not group else f"apis_{group.replace('.', '_')}_{version}"
    ns = f"_namespaces_{namespace.replace('-', '_')}" if namespace else ""
    return f"{prefix}{ns}_{resource}_{name.replace('-', '_')}"


# Go struct field order of the exported kinds after TypeMeta and ObjectMeta (k8s.io/api core/v1, apps/v1 types.go).
_FIELD_ORDER = {
    "Secret": ("immutable", "data", "stringData", "type"),
    "ConfigMap": ("immutable", "data", "binaryData"),
    "Service": ("spec", "status"),
    "Deployment": ("spec", "status"),
}
_META_ORDER = (
    "name",
    "generateName",
    "namespace",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "finalizers",
)


def bundle_value(obj: dict) -> bytes:
    """One object as the bundle Secret stores it: json.Marshal of the cached typed object after generateBundleData.

    The informer cache sets kind/apiVersion on what it returns (kubernetes-sigs/controller-runtime@v0.24.1:
    pkg/cache/internal/cache_reader.go Get), so TypeMeta is present. resourceVersion, uid, selfLink, generation,
    managedFields and ownerReferences are cleared; creationTimestamp marshals as null; status, labels, annotations
    and Service clusterIPs stay. A Deployment carrying `operator.kcp.io/bundle-desired-replicas` gets that count
    back in spec.replicas and loses the annotation (createBundleObjects).
    """
    obj = copy.deepcopy(obj)
    meta = obj.get("metadata") or {}
    kind = obj.get("kind", "")
    if kind == "Deployment":
        annotations = meta.get("annotations") or {}
        if BUNDLE_DESIRED_REPLICAS in annotations:
            desired = annotations.pop(BUNDLE_DESIRED_REPLICAS)
            if re.fullmatch(r"-?\d+", desired or ""):
                obj.setdefault("spec", {})["replicas"] = int(desired)
            if not annotations:
                meta.pop("annotations", None)
    out_meta: dict[str, Any] = {}
    for field_name in _META_ORDER:
        if field_name == "creationTimestamp":
            out_meta[field_name] = None
        elif meta.get(field_name):
            value = meta[field_name]
            out_meta[field_name] = dict(sorted(value.items())) if isinstance(value, dict) else value
    out: dict[str, Any] = {"kind": kind, "apiVersion": obj.get("apiVersion", ""), "metadata": out_meta}
    for field_name in _FIELD_ORDER.get(kind, ()):
        value = obj.get(field_name)
        if field_name in ("spec", "status"):
            out[field_name] = value or {}  # structs without omitempty always marshal
        elif value not in (None, {}, [], ""):
            out[field_name] = dict(sorted(value.items())) if isinstance(value, dict) else value
    for field_name, value in obj.items():
        if field_name not in out and field_name != "metadata":
            out[field_name] = value
    return json.dumps(_sort_go_maps(out), separators=(",", ":"), ensure_ascii=False).encode()


# Fields of the exported kinds that are Go maps: encoding/json writes map keys sorted, struct fields in declaration order.
_GO_MAPS = frozenset(
    {"labels", "annotations", "matchLabels", "nodeSelector", "selector", "data", "binaryData", "stringData", "limits", "requests"}
)


def _sort_go_maps(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        items = sorted(value.items()) if key in _GO_MAPS and all(isinstance(v, str) for v in value.values()) else value.items()
        return {k: _sort_go_maps(v, k) for k, v in items}
    if isinstance(value, list):
        return [_sort_go_maps(v) for v in value]
    return value


def _identity(obj: dict) -> tuple[str, str, dict]:
    meta = obj.get("metadata") or {}
    spec = obj.get("spec") or {}
    return meta.get("name", ""), meta.get("namespace", ""), spec


# ====================================================================================================================
# Part 2 - the controllers.
# ====================================================================================================================

OPERATOR_NAMESPACE = "kcp-operator-system"
OPERATOR_DEPLOYMENT = "kcp-operator-controller-manager"
ACTOR = "kcp-operator"
RESYNC_PERIOD = 10 * 3600.0
"""kubernetes-sigs/controller-runtime@v0.24.1:pkg/cache/cache.go defaultSyncPeriod (kcp-operator v0.9.0 cmd/operator/main.go sets none)."""
MAX_BACKOFF = 1000.0
"""Per-item backoff of client-go's DefaultTypedControllerRateLimiter: 5 ms doubling per failure up to 1000 s
(kubernetes-sigs/controller-runtime@v0.24.1:pkg/internal/controller/controller.go reconcileHandler: errors AddRateLimited,
RequeueAfter Forget + AddAfter)."""
_MAX_RECONCILES_PER_TICK = 2000

Request = tuple[str, str, str]
"""(controller, namespace, name) in a work queue."""

_CONFIG_CONTROLLERS = ("rootshard", "frontproxy", "shard", "kubeconfig", "bundle")
_WORKLOAD_CONTROLLERS = ("compiled-rootshard", "compiled-frontproxy", "compiled-shard")
_FOR_KIND = {
    "rootshard": (OPERATOR_GROUP, "RootShard"),
    "frontproxy": (OPERATOR_GROUP, "FrontProxy"),
    "shard": (OPERATOR_GROUP, "Shard"),
    "kubeconfig": (OPERATOR_GROUP, "Kubeconfig"),
    "bundle": (OPERATOR_GROUP, "Bundle"),
    "compiled-rootshard": (DEPLOY_GROUP, "CompiledRootShard"),
    "compiled-frontproxy": (DEPLOY_GROUP, "CompiledFrontProxy"),
    "compiled-shard": (DEPLOY_GROUP, "CompiledShard"),
}
# Owns(): an event on an object whose controller ownerReference is of this kind reconciles the owner, per controller.
_OWNS = {
    "rootshard": {("", "Secret"), ("cert-manager.io", "Certificate"), (DEPLOY_GROUP, "CompiledRootShard")},
    "frontproxy": {("", "Secret"), ("cert-manager.io", "Certificate"), (DEPLOY_GROUP, "CompiledFrontProxy")},
    "shard": {("", "Secret"), ("cert-manager.io", "Certificate"), (DEPLOY_GROUP, "CompiledShard")},
    "kubeconfig": {("", "Secret"), ("cert-manager.io", "Certificate")},
    "bundle": {("", "Secret"), ("", "ConfigMap")},
    "compiled-rootshard": {("apps", "Deployment"), ("", "ConfigMap"), ("", "Service")},
    "compiled-frontproxy": {("apps", "Deployment"), ("", "ConfigMap"), ("", "Service")},
    "compiled-shard": {("apps", "Deployment"), ("", "Service")},
}
_INFORMERS = (
    (OPERATOR_GROUP, "RootShard"),
    (OPERATOR_GROUP, "FrontProxy"),
    (OPERATOR_GROUP, "Shard"),
    (OPERATOR_GROUP, "Kubeconfig"),
    (OPERATOR_GROUP, "Bundle"),
    (DEPLOY_GROUP, "CompiledRootShard"),
    (DEPLOY_GROUP, "CompiledFrontProxy"),
    (DEPLOY_GROUP, "CompiledShard"),
    ("", "Secret"),
    ("", "ConfigMap"),
    ("", "Service"),
    ("apps", "Deployment"),
    ("cert-manager.io", "Certificate"),
)
"""The kinds v0.9.0's controllers hold informers for (each resyncs on its own jittered period)."""


class _Retry(Exception):
    """A reconcile error: the request goes back to the queue with backoff."""


@dataclass
class _ClusterState:
    """One cluster's operator process: informers, work queue, feature gates."""

    cluster: Cluster
    """The cluster the operator runs on."""
    active: bool = False
    """Whether the operator's Deployment is ready (its manager running)."""
    bundle_gate: bool = False
    """`--feature-gates=ConfigurationBundle=true` on the running operator."""
    controllers: tuple[str, ...] = ()
    """The controllers of the enabled `--enabled-controller-groups`."""
    queue: dict[Request, float] = field(default_factory=dict)
    """Queued requests and when they are due."""
    failures: dict[Request, int] = field(default_factory=dict)
    """Consecutive failures per request (backoff)."""
    errors: dict[Request, str] = field(default_factory=dict)
    """Last error logged per request (each distinct error is logged once)."""
    resync_at: dict[tuple[str, str], float] = field(default_factory=dict)
    """When each informer resyncs next."""
    resync_period: dict[tuple[str, str], float] = field(default_factory=dict)
    """Each informer's jittered resync period."""
    listening: bool = False
    """Whether the watch listener is attached to the cluster's API."""
    changes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(verb, kind) -> names written by the reconcile in progress, logged as one event when it ends."""


class KcpOperator:
    """kcp-operator v0.9.0 on one cluster: active while `kcp-operator-system/kcp-operator-controller-manager` is ready."""

    name = ACTOR

    def __init__(self) -> None:
        self._states: dict[str, _ClusterState] = {}

    # -- the Controller protocol -----------------------------------------------------------------------------------

    def reconcile(self, cluster: Cluster) -> None:
        """Start or stop with the operator Deployment, fire due informer resyncs, then work the queue until it is idle."""
        state = self._states.get(cluster.name)
        if state is None:
            state = self._states[cluster.name] = _ClusterState(cluster)
        if not state.listening:
            cluster.api.listeners.append(lambda event, obj: self._on_event(state, event, obj))
            state.listening = True
        if not cluster.deployment_ready(OPERATOR_NAMESPACE, OPERATOR_DEPLOYMENT):
            if state.active:
                cluster.log(ACTOR, "kcp-operator stopped (its Deployment is not ready)")
                state.active = False
                state.queue.clear()
            return
        if not state.active:
            self._start(state)
        self._resync(state)
        self._drain(state)

    def bundle_gate(self, cluster: Cluster) -> bool | None:
        """Whether the running operator has ConfigurationBundle on (None while it is not running)."""
        state = self._states.get(cluster.name)
        return state.bundle_gate if state and state.active else None

    # -- process life ----------------------------------------------------------------------------------------------

    def _start(self, state: _ClusterState) -> None:
        cluster = state.cluster
        deployment = cluster.api.peek(("apps", "Deployment", OPERATOR_NAMESPACE, OPERATOR_DEPLOYMENT)) or {}
        args = [
            a
            for c in (((deployment.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers") or []
            for a in [*(c.get("command") or []), *(c.get("args") or [])]
        ]
        state.bundle_gate, groups = operator_flags(args)
        state.controllers = tuple(
            c
            for c in (*_CONFIG_CONTROLLERS, *_WORKLOAD_CONTROLLERS)
            if ((c in _CONFIG_CONTROLLERS and "config" in groups) or (c in _WORKLOAD_CONTROLLERS and "workload" in groups))
            and (c != "bundle" or state.bundle_gate)
        )
        state.active = True
        state.failures.clear()
        state.errors.clear()
        cluster.log(
            ACTOR,
            f"kcp-operator v0.9.0 started (ConfigurationBundle feature gate {'on' if state.bundle_gate else 'off'})",
            ("apps", "Deployment", OPERATOR_NAMESPACE, OPERATOR_DEPLOYMENT),
        )
        # The informers' initial list delivers every object as an event.
        for controller in state.controllers:
            group, kind = _FOR_KIND[controller]
            for obj in cluster.api.iter(group, kind):
                self._enqueue(state, (controller, obj["metadata"].get("namespace", ""), obj["metadata"]["name"]))
        # kubernetes-sigs/controller-runtime@v0.24.1:pkg/cache/internal/informers.go calculateResyncPeriod: x [0.9, 1.1).
        for informer in _INFORMERS:
            state.resync_period[informer] = RESYNC_PERIOD * (0.9 + cluster.rng.random() / 5.0)
            state.resync_at[informer] = cluster.now + state.resync_period[informer]

    def _resync(self, state: _ClusterState) -> None:
        now = state.cluster.now
        for informer, due in list(state.resync_at.items()):
            if due > now:
                continue
            state.resync_at[informer] = due + state.resync_period[informer]
            # A resync replays an update event with the same object for everything in the informer's cache.
            for obj in list(state.cluster.api.iter(*informer)):
                self._on_event(state, "MODIFIED", obj)

    def _enqueue(self, state: _ClusterState, request: Request, due: float | None = None) -> None:
        when = state.cluster.now if due is None else due
        current = state.queue.get(request)
        state.queue[request] = when if current is None else min(current, when)

    def _drain(self, state: _ClusterState) -> None:
        order = {c: i for i, c in enumerate(state.controllers)}
        for _ in range(_MAX_RECONCILES_PER_TICK):
            now = state.cluster.now
            due = [(t, order.get(r[0], 99), r) for r, t in state.queue.items() if t <= now]
            if not due:
                return
            request = min(due)[2]
            del state.queue[request]
            self._run(state, request)
        state.cluster.log(ACTOR, f"work queue still busy after {_MAX_RECONCILES_PER_TICK} reconciles in one tick")

    def _run(self, state: _ClusterState, request: Request) -> None:
        controller, namespace, name = request
        state.changes = {}
        try:
            after = _RECONCILERS[controller](self, state, namespace, name)
        except (_Retry, ApiError) as error:
            self._log_changes(state, request)
            message = error.message if isinstance(error, ApiError) else str(error)
            failures = state.failures.get(request, 0) + 1
            state.failures[request] = failures
            self._enqueue(state, request, state.cluster.now + min(0.005 * 2 ** (failures - 1), MAX_BACKOFF))
            if state.errors.get(request) != message:
                state.errors[request] = message
                state.cluster.log(ACTOR, f"{controller} {namespace}/{name}: {message}", _for_key(controller, namespace, name))
            return
        self._log_changes(state, request)
        state.failures.pop(request, None)
        state.errors.pop(request, None)
        if after:
            self._enqueue(state, request, state.cluster.now + after)

    @staticmethod
    def _log_changes(state: _ClusterState, request: Request) -> None:
        # One event per reconcile that wrote something, naming what it created or changed.
        if not state.changes:
            return
        controller, namespace, name = request
        parts = [f"{verb} {kind} {', '.join(names)}" for (verb, kind), names in state.changes.items()]
        group, kind = _FOR_KIND[controller]
        state.cluster.log(ACTOR, f"{kind} {namespace}/{name}: " + "; ".join(parts), (group, kind, namespace, name))
        state.changes = {}

    # -- watches ---------------------------------------------------------------------------------------------------

    def _on_event(self, state: _ClusterState, event: str, obj: dict) -> None:
        if not state.active:
            return
        group, kind, namespace, name = key_of(obj)
        if event == "DELETED" and (group, kind) == (OPERATOR_GROUP, "Shard"):
            _forget_kcp_shard(state.cluster, name)
        for request in _requests_for(state, group, kind, namespace, name, obj):
            if request[0] in state.controllers:
                self._enqueue(state, request)

    # -- writing ---------------------------------------------------------------------------------------------------

    def _ensure(
        self,
        state: _ClusterState,
        desired: dict,
        owner: dict | None,
        *,
        owner_kind: str = "",
        merge_labels: bool = False,
        replace_data: bool = False,
    ) -> dict | None:
        """Create or update one object as k8c.io/reconciler's EnsureNamedObject does; return it as it was before."""
        api = state.cluster.api
        key = key_of(desired)
        live = api.peek(key)  # read-only: the API replaces stored objects, it never mutates them
        if owner is not None:
            desired["metadata"]["ownerReferences"] = [_owner_ref(owner, owner_kind)]
        if live is not None:
            desired = _keep_live_fields(live, desired, merge_labels=merge_labels, replace_data=replace_data)
        before = live.get("metadata", {}).get("resourceVersion") if live else None
        stored = api.apply(desired, manager=ACTOR)
        if live is None:
            state.changes.setdefault(("created", key[1]), []).append(key[3])
        elif stored["metadata"].get("resourceVersion") != before and _spec_changed(live, stored):
            state.changes.setdefault(("updated", key[1]), []).append(key[3])
        return live

    def _ensure_secret(
        self,
        state: _ClusterState,
        namespace: str,
        name: str,
        data: dict[str, bytes],
        labels: dict,
        owner: dict | None,
        owner_kind: str,
        *,
        replace_data: bool = False,
    ) -> None:
        meta: dict[str, Any] = {"name": name, "namespace": namespace}
        if labels:
            meta["labels"] = labels
        secret = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": meta,
            "data": {k: base64.b64encode(v).decode() for k, v in data.items()},
            "type": "Opaque",
        }
        self._ensure(state, secret, owner, owner_kind=owner_kind, merge_labels=True, replace_data=replace_data)

    def _ensure_bundle(self, state: _ClusterState, owner: dict, kind: str) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/helpers.go EnsureBundleForOwner: create `<owner>-bundle`
        # once, owned by its target.
        if not is_bundled(owner):
            return
        name, namespace, _ = _identity(owner)
        if state.cluster.api.peek((OPERATOR_GROUP, "Bundle", namespace, bundle_name(name))) is not None:
            return
        ref_field = {"RootShard": "rootShardRef", "Shard": "shardRef", "FrontProxy": "frontProxyRef"}[kind]
        bundle = {
            "apiVersion": OPERATOR_API_VERSION,
            "kind": "Bundle",
            "metadata": {"name": bundle_name(name), "namespace": namespace},
            "spec": {"target": {ref_field: {"name": name}}},
        }
        self._ensure(state, bundle, owner, owner_kind=kind)

    def _write_status(self, state: _ClusterState, obj: dict, status: dict) -> None:
        key = key_of(obj)
        old = (state.cluster.api.peek(key) or {}).get("status") or {}
        if old == status:
            return
        state.cluster.api.set_status(key, status)
        for field_name in ("phase", "state"):
            if status.get(field_name) and status.get(field_name) != old.get(field_name):
                state.cluster.log(ACTOR, f"{describe(key)} is {status[field_name]}", key)

    # -- config controllers ----------------------------------------------------------------------------------------

    def _reconcile_rootshard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """PKI, kubeconfigs, the root proxy's PKI, then CompiledRootShard once every Certificate is Ready.

        kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go Reconcile, reconcile.
        """
        api = state.cluster.api
        root = api.get(OPERATOR_GROUP, "RootShard", namespace, name)
        if root is None:
            return None
        spec = root.get("spec") or {}
        errors: list[str] = []
        self._ensure_bundle(state, root, "RootShard")
        captured = [self._ensure(state, c, root, owner_kind="RootShard") for c in root_shard_certificates(root)]
        for issuer in root_shard_issuers(root):
            self._ensure(state, issuer, root, owner_kind="RootShard")
        if spec.get("caBundleSecretRef"):
            errors += self._merged(
                state,
                root,
                "RootShard",
                f"{name}-merged-ca-bundle",
                [ca_name(name, "server"), spec["caBundleSecretRef"]["name"]],
                {ROOTSHARD_LABEL: name},
            )
        if spec.get("clientCABundleRef"):
            errors += self._merged(
                state,
                root,
                "RootShard",
                f"{name}-merged-client-ca",
                [ca_name(name, "client"), spec["clientCABundleRef"]["name"]],
                {ROOTSHARD_LABEL: name},
            )
        for secret, text in root_shard_kubeconfigs(root).items():
            self._ensure_secret(state, namespace, secret, {"kubeconfig": text.encode()}, {ROOTSHARD_LABEL: name}, root, "RootShard")
        shards = _children(api, namespace, name)
        try:
            captured += self._proxy_pki(state, root, None)
        except _Retry as error:
            errors.append(f"failed to reconcile proxy: {error}")
        revisions = _certificate_revisions(captured)
        if revisions is not None:
            compiled = _compiled(
                root,
                DEPLOY_API_VERSION,
                "CompiledRootShard",
                revisions,
                {ROOTSHARD_LABEL: name},
                {"rootShard": copy.deepcopy(spec), "shards": shards},
            )
            self._ensure(state, compiled, root, owner_kind="RootShard")
        self._rootshard_status(state, root, shards)
        if errors:
            raise _Retry("; ".join(errors))
        return None

    def _rootshard_status(self, state: _ClusterState, root: dict, shards: list[str]) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go reconcileStatus.
        api, now = state.cluster.api, _timestamp(state.cluster.now)
        name, namespace, _ = _identity(root)
        generation = root["metadata"].get("generation", 0)
        status = copy.deepcopy(root.get("status") or {})
        bundle_condition = _bundle_ready_condition(api, root)
        conditions = [bundle_condition]
        bundled = bundle_condition["status"] == "True" and bundle_condition["reason"] == "BundleReady"
        if not bundled:
            conditions.append(
                _compiled_available(api.peek((DEPLOY_GROUP, "CompiledRootShard", namespace, name)), f"CompiledRootShard {name}")
            )
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        available, bundle = _find(current, "Available"), _find(current, "Bundle")
        if root["metadata"].get("deletionTimestamp"):
            status["phase"] = "Deleting"
        elif bundled:
            status["phase"] = "Bundled"
        elif bundle is not None and bundle["status"] != "True":
            status["phase"] = "Provisioning"
        elif available is not None and available["status"] == "True":
            status["phase"] = "Running"
        else:
            status["phase"] = "Provisioning"
        status["shards"] = [{"name": s} for s in shards]
        self._write_status(state, root, status)

    def _reconcile_shard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go Reconcile, reconcile.

        The cleanup finalizer is not modelled (see `_forget_kcp_shard`).
        """
        api = state.cluster.api
        shard = api.get(OPERATOR_GROUP, "Shard", namespace, name)
        if shard is None:
            return None
        spec = shard.get("spec") or {}
        errors: list[str] = []
        self._ensure_bundle(state, shard, "Shard")
        condition, root = _fetch_root_shard(api, namespace, ((spec.get("rootShard") or {}).get("ref") or {}).get("name"))
        if root is None:
            self._shard_status(state, shard, [condition])
            return None
        root_name, _, root_spec = _identity(root)
        captured = [self._ensure(state, c, shard, owner_kind="Shard") for c in shard_certificates(shard, root_name)]
        labels = {ROOTSHARD_LABEL: root_name, SHARD_LABEL: name}
        for secret, text in shard_kubeconfigs(shard, root).items():
            self._ensure_secret(state, namespace, secret, {"kubeconfig": text.encode()}, labels, shard, "Shard")
        if spec.get("caBundleSecretRef"):
            # shard/ca_bundle.go MergedCABundleSecretReconciler: the shard's server certificate plus the user's bundle.
            errors += self._merged(
                state,
                shard,
                "Shard",
                f"{name}-merged-ca-bundle",
                [f"{name}-server", spec["caBundleSecretRef"]["name"]],
                {SHARD_LABEL: name},
            )
        if root_spec.get("clientCABundleRef") or spec.get("clientCABundleRef"):
            sources = [ca_name(root_name, "client")] + [
                s["name"] for s in (root_spec.get("clientCABundleRef"), spec.get("clientCABundleRef")) if s
            ]
            errors += self._merged(state, shard, "Shard", f"{name}-merged-client-ca", sources, {SHARD_LABEL: name})
        if spec.get("kcpVirtualWorkspace"):
            errors.append(
                f"failed to find associated VirtualWorkspace {spec['kcpVirtualWorkspace'].get('name')}: not modelled by the rehearsal"
            )
        shards = _children(api, namespace, root_name)
        revisions = _certificate_revisions(captured)
        if revisions is not None and not spec.get("kcpVirtualWorkspace"):
            compiled = _compiled(
                shard,
                DEPLOY_API_VERSION,
                "CompiledShard",
                revisions,
                {SHARD_LABEL: name, ROOTSHARD_LABEL: root_name},
                {"shard": copy.deepcopy(spec), "rootShard": {"name": root_name, "spec": copy.deepcopy(root_spec)}, "shards": shards},
            )
            self._ensure(state, compiled, shard, owner_kind="Shard")
        self._shard_status(state, shard, [condition])
        if errors:
            raise _Retry("; ".join(errors))
        return None

    def _shard_status(self, state: _ClusterState, shard: dict, conditions: list[dict]) -> None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go reconcileStatus, quirk included (issue 9 defect 4).

        Once the Shard's Bundle is Ready, `isBundled` holds and the CompiledShard's Available condition is no longer
        added: the Shard keeps the Available condition it had, with the observedGeneration of the last spec it saw
        before the bundle was ready. After any later spec change that condition stays behind the generation.
        """
        api, now = state.cluster.api, _timestamp(state.cluster.now)
        name, namespace, _ = _identity(shard)
        generation = shard["metadata"].get("generation", 0)
        status = copy.deepcopy(shard.get("status") or {})
        bundle_condition = _bundle_ready_condition(api, shard)
        conditions = [*conditions, bundle_condition]
        bundled = bundle_condition["status"] == "True" and bundle_condition["reason"] == "BundleReady"
        if not bundled:
            conditions.append(_compiled_available(api.peek((DEPLOY_GROUP, "CompiledShard", namespace, name)), f"CompiledShard {name}"))
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        available, bundle = _find(current, "Available"), _find(current, "Bundle")
        if available is not None and available["status"] == "True":
            status["phase"] = "Running"
        elif shard["metadata"].get("deletionTimestamp"):
            status["phase"] = "Deleting"
        elif bundled:
            status["phase"] = "Bundled"
        elif (bundle is not None and bundle["status"] != "True") or not status.get("phase"):
            status["phase"] = "Provisioning"
        self._write_status(state, shard, status)

    def _reconcile_frontproxy(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/frontproxy/controller.go Reconcile."""
        api = state.cluster.api
        fp = api.get(OPERATOR_GROUP, "FrontProxy", namespace, name)
        if fp is None:
            return None
        spec = fp.get("spec") or {}
        errors: list[str] = []
        self._ensure_bundle(state, fp, "FrontProxy")
        condition, root = _fetch_root_shard(api, namespace, ((spec.get("rootShard") or {}).get("ref") or {}).get("name"))
        if root is None:
            self._frontproxy_status(state, fp, [condition])
            return None
        root_name, _, root_spec = _identity(root)
        shards = _children(api, namespace, root_name)
        captured: list[dict | None] = []
        try:
            captured = self._proxy_pki(state, root, fp)
        except _Retry as error:
            errors.append(f"failed to reconcile: {error}")
        # A proxy PKI that stopped early captured nothing, and no Certificates count as all Ready (v0.9.0 does the same).
        revisions = _certificate_revisions(captured)
        if revisions is not None:
            compiled = _compiled(
                fp,
                DEPLOY_API_VERSION,
                "CompiledFrontProxy",
                revisions,
                {FRONT_PROXY_LABEL: name, ROOTSHARD_LABEL: root_name},
                {"frontProxy": copy.deepcopy(spec), "rootShard": {"name": root_name, "spec": copy.deepcopy(root_spec)}, "shards": shards},
            )
            self._ensure(state, compiled, fp, owner_kind="FrontProxy")
        self._frontproxy_status(state, fp, [condition])
        if errors:
            raise _Retry("; ".join(errors))
        return None

    def _frontproxy_status(self, state: _ClusterState, fp: dict, conditions: list[dict]) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/frontproxy/controller.go reconcileStatus.
        api, now = state.cluster.api, _timestamp(state.cluster.now)
        name, namespace, _ = _identity(fp)
        generation = fp["metadata"].get("generation", 0)
        status = copy.deepcopy(fp.get("status") or {})
        bundle_condition = _bundle_ready_condition(api, fp)
        conditions = [*conditions, bundle_condition]
        bundled = bundle_condition["status"] == "True" and bundle_condition["reason"] == "BundleReady"
        if not bundled:
            conditions.append(
                _compiled_available(api.peek((DEPLOY_GROUP, "CompiledFrontProxy", namespace, name)), f"CompiledFrontProxy {name}")
            )
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        available, bundle = _find(current, "Available"), _find(current, "Bundle")
        if fp["metadata"].get("deletionTimestamp"):
            status["phase"] = "Deleting"
        elif bundled:
            status["phase"] = "Bundled"
        elif bundle is not None and bundle["status"] != "True":
            status["phase"] = "Provisioning"
        elif available is not None and available["status"] == "True":
            status["phase"] = "Running"
        else:
            status["phase"] = "Provisioning"
        self._write_status(state, fp, status)

    def _proxy_pki(self, state: _ClusterState, root: dict, fp: dict | None) -> list[dict | None]:
        """kcp-dev/kcp-operator@v0.9.0:internal/resources/frontproxy/reconciler.go Reconcile: CA bundle Secrets first
        (a missing source CA stops it
        before any Certificate), then the three Certificates; returns them as they were (for their readiness)."""
        api = state.cluster.api
        root_name, namespace, root_spec = _identity(root)
        fp_name = fp["metadata"]["name"] if fp else None
        fp_spec = (fp or {}).get("spec") or {}
        names = proxy_names(root_name, fp_name)
        owner, owner_kind = (fp, "FrontProxy") if fp else (root, "RootShard")
        client_sources = [ca_name(root_name, "client")]
        client_sources += [
            ref["name"] for ref in (root_spec.get("clientCABundleRef"), fp_spec.get("clientCABundleRef") if fp else None) if ref
        ]
        client_cas = [_tls_crt(api, namespace, s) for s in client_sources]
        if any(c is None for c in client_cas):
            missing = client_sources[client_cas.index(None)]
            raise _Retry(f'failed to fetch ClientCA certificate: secrets "{missing}" not found')
        labels = {FRONT_PROXY_LABEL: fp_name} if fp_name else {ROOTSHARD_LABEL: root_name}
        secrets = [(names["merged-client-ca"], _merge_pem(client_cas))]
        ca_bundle = fp_spec.get("caBundleSecretRef") if fp else root_spec.get("caBundleSecretRef")
        if ca_bundle:
            server_ca, user = _tls_crt(api, namespace, ca_name(root_name, "server")), _tls_crt(api, namespace, ca_bundle["name"])
            if server_ca is None:
                raise _Retry(f'failed to fetch ServerCA certificate: secrets "{ca_name(root_name, "server")}" not found')
            if user is None:
                raise _Retry(f'failed to fetch user CA bundle: secrets "{ca_bundle["name"]}" not found')
            secrets.append((names["merged-ca-bundle"], _merge_pem([server_ca, user])))
        for secret, data in secrets:
            self._ensure_secret(state, namespace, secret, {"tls.crt": data}, dict(labels), owner, owner_kind)
        return [self._ensure(state, c, owner, owner_kind=owner_kind) for c in proxy_certificates(root, fp)]

    def _merged(self, state: _ClusterState, owner: dict, owner_kind: str, secret: str, sources: list[str], labels: dict) -> list[str]:
        # rootshard/ca_bundle.go, shard/ca_bundle.go: the sources' tls.crt joined by newlines; a missing source is an error.
        api = state.cluster.api
        namespace = owner["metadata"]["namespace"]
        parts = []
        for source in sources:
            value = _tls_crt(api, namespace, source)
            if value is None:
                return [f'failed to get secret {source}: secrets "{source}" not found or has no tls.crt']
            parts.append(value)
        self._ensure_secret(state, namespace, secret, {"tls.crt": _merge_pem(parts)}, labels, owner, owner_kind)
        return []

    def _reconcile_kubeconfig(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/kubeconfig/controller.go Reconcile: client Certificate, then the kubeconfig Secret.

        Neither carries an ownerReference in v0.9.0, so nothing they do wakes this controller: while the
        Certificate or the server CA is not Ready it polls every 5 s (RequeueAfter).
        """
        api = state.cluster.api
        kc = api.get(OPERATOR_GROUP, "Kubeconfig", namespace, name)
        if kc is None:
            return None
        spec = kc.get("spec") or {}
        target = spec.get("target") or {}
        status = copy.deepcopy(kc.get("status") or {})
        status["targetName"] = next(
            (
                f"{k}/{target[f]['name']}"
                for f, k in (("rootShardRef", "RootShard"), ("shardRef", "Shard"), ("frontProxyRef", "FrontProxy"))
                if (target.get(f) or {}).get("name")
            ),
            "",
        )
        conditions: list[dict] = []
        try:
            root, shard, fp, ca_bundle = _kubeconfig_target(api, namespace, target)
        except _Retry as error:
            conditions.append(_condition("ReferenceValid", "False", "ReferenceNotFound", str(error)))
            self._kubeconfig_status(state, kc, status, conditions)
            raise
        conditions.append(_condition("ReferenceValid", "True", "ReferenceValid", "Target reference is valid"))
        root_name = root["metadata"]["name"]
        self._ensure(state, kubeconfig_certificate(kc, ca_name(root_name, "client")), None)
        client_secret = _certificate_secret(api, namespace, f"kubeconfig-cert-{name}")
        if client_secret is None:
            conditions.append(_condition("Available", "False", "ClientCertificateSecretNotReady", "Server CA certificate is not ready yet"))
            self._kubeconfig_status(state, kc, status, conditions)
            return 5.0
        server_ca = _certificate_secret(api, namespace, ca_name(root_name, "server"))
        if server_ca is None:
            conditions.append(_condition("Available", "False", "ServerCASecretNotReady", "Server CA certificate is not ready yet"))
            self._kubeconfig_status(state, kc, status, conditions)
            return 5.0
        text = _kubeconfig_secret_text(kc, root, shard, fp, server_ca, client_secret, ca_bundle)
        secret = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": (spec.get("secretRef") or {}).get("name", ""), "namespace": namespace},
            "data": {"kubeconfig": base64.b64encode(text.encode()).decode()},
            "type": "Opaque",
        }
        self._ensure(state, secret, None, merge_labels=True)
        conditions.append(_condition("Available", "True", "SecretsReady", "Client certificate and server CA secrets are ready"))
        self._kubeconfig_status(state, kc, status, conditions)
        return None

    def _kubeconfig_status(self, state: _ClusterState, kc: dict, status: dict, conditions: list[dict]) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/kubeconfig/controller.go reconcileStatus.
        now = _timestamp(state.cluster.now)
        generation = kc["metadata"].get("generation", 0)
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        reference = _find(current, "ReferenceValid")
        status["phase"] = "Provisioning" if reference is None else ("Ready" if reference["status"] == "True" else "Failed")
        self._write_status(state, kc, status)

    def _reconcile_bundle(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go reconcile (only registered with the ConfigurationBundle gate).

        It watches Bundles, the Secrets and ConfigMaps they own, and RootShards, Shards and FrontProxies (mapped to
        the Bundles targeting them) - not the bundled objects: a renewed certificate reaches the bundle Secret only
        on one of those events or an informer resync.
        """
        api = state.cluster.api
        bundle = api.get(OPERATOR_GROUP, "Bundle", namespace, name)
        if bundle is None:
            return None
        status = copy.deepcopy(bundle.get("status") or {})
        status.setdefault("objects", [])
        target = (bundle.get("spec") or {}).get("target") or {}
        errors: list[str] = []
        conditions: list[dict] = []
        target_kind = next(
            (
                k
                for f, k in (("rootShardRef", "RootShard"), ("shardRef", "Shard"), ("frontProxyRef", "FrontProxy"))
                if target.get(f) is not None
            ),
            "",
        )
        target_name = (
            target.get({"RootShard": "rootShardRef", "Shard": "shardRef", "FrontProxy": "frontProxyRef"}.get(target_kind, "")) or {}
        ).get("name", "")
        owner = api.peek((OPERATOR_GROUP, target_kind, namespace, target_name)) if target_kind else None
        if not target_kind:
            errors.append("bundle has no target reference")
        required: list[tuple[str, str]] = []
        if owner is not None:
            if target_kind == "RootShard":
                required = bundle_objects("RootShard", owner, target_name)
            else:
                root_ref = (((owner.get("spec") or {}).get("rootShard") or {}).get("ref") or {}).get("name")
                if root_ref and api.peek((OPERATOR_GROUP, "RootShard", namespace, root_ref)) is not None:
                    required = bundle_objects(target_kind, owner, root_ref)
                elif root_ref:
                    errors.append(
                        f'failed to get RootShard for {target_kind} {target_name}: rootshards.operator.kcp.io "{root_ref}" not found'
                    )
        if owner is None:
            conditions.append(_condition("Ready", "False", "TargetNotFound", f"Target object {target_name} not found"))
        else:
            objects = [self._check_object(api, namespace, resource, obj_name) for resource, obj_name in required]
            status["objects"] = objects
            not_ready = sum(1 for o in objects if o["state"] != "Ready")
            if not not_ready:
                conditions.append(_condition("Ready", "True", "BundleReady", f"All {len(required)} required objects are ready"))
                try:
                    self._write_bundle_secret(state, bundle, required)
                    conditions.append(_condition("ObjectsCreated", "True", "ObjectsCreated", "Bundle objects created successfully"))
                except _Retry as error:
                    errors.append(f"failed to create bundle objects: {error}")
                    conditions.append(_condition("ObjectsCreated", "False", "CreationFailed", f"Failed to create bundle objects: {error}"))
            else:
                conditions.append(_condition("Ready", "False", "ObjectsNotReady", f"{not_ready} of {len(required)} objects are not ready"))
                conditions.append(
                    _condition(
                        "ObjectsCreated",
                        "False",
                        "WaitingForObjects",
                        "Waiting for all required objects to be ready before creating bundle objects",
                    )
                )
        # updateStatus: its own updateCondition (reason and message always refreshed); the state never leaves Ready.
        now, generation = _timestamp(state.cluster.now), bundle["metadata"].get("generation", 0)
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _bundle_update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        status["targetName"] = f"{target_kind}/{target_name}" if target_kind else ""
        ready = _find(current, "Ready")
        if ready is not None and ready["status"] == "True":
            status["state"] = "Ready"
        elif bundle["metadata"].get("deletionTimestamp"):
            status["state"] = "Deleting"
        elif not status.get("state"):
            status["state"] = "Provisioning"
        self._write_status(state, bundle, {k: status[k] for k in ("state", "targetName", "objects", "conditions") if k in status})
        if errors:
            raise _Retry("; ".join(errors))
        return None

    @staticmethod
    def _check_object(api: Any, namespace: str, resource: str, name: str) -> dict:
        # checkObject: present means Ready; nothing else is checked.
        out = {"object": bundle_object_string(resource, namespace, name)}
        kind = BUNDLE_RESOURCES.get(resource)
        if kind is None:
            return {**out, "state": "NotReady", "message": f"unsupported resource type: {resource}"}
        if api.peek((kind[0], kind[2], namespace, name)) is None:
            return {**out, "state": "NotReady", "message": "object not found"}
        return {**out, "state": "Ready"}

    def _write_bundle_secret(self, state: _ClusterState, bundle: dict, required: list[tuple[str, str]]) -> None:
        # createBundleObjects + generateBundleData + bundleSecretReconciler: the Secret `<bundle>` owned by the Bundle.
        api = state.cluster.api
        namespace = bundle["metadata"]["namespace"]
        data: dict[str, bytes] = {}
        for resource, name in required:
            group, version, kind = BUNDLE_RESOURCES[resource]
            live = api.peek((group, kind, namespace, name))
            if live is None:
                raise _Retry(f"failed to get required object {bundle_object_string(resource, namespace, name)}: not found")
            data[bundle_key(group=group, version=version, resource=resource, namespace=namespace, name=name)] = bundle_value(live)
        if not data:
            raise _Retry("no objects collected for bundle")
        key = ("", "Secret", namespace, bundle["metadata"]["name"])
        before = (api.peek(key) or {}).get("data")
        # bundleSecretReconciler sets secret.Data wholesale.
        self._ensure_secret(state, namespace, bundle["metadata"]["name"], data, {}, bundle, "Bundle", replace_data=True)
        after = (api.peek(key) or {}).get("data")
        if before is not None and before != after:
            updated = state.changes.get(("updated", "Secret"), [])
            if key[3] in updated:
                updated.remove(key[3])
                if not updated:
                    del state.changes[("updated", "Secret")]
            state.cluster.log(ACTOR, f"refreshed {describe(key)} ({len(data)} objects)", key)

    # -- workload controllers --------------------------------------------------------------------------------------

    def _reconcile_compiled_rootshard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """`<root>-kcp` Deployment and Service, then the root proxy's ConfigMap, Secret, Deployment and Service.

        kcp-dev/kcp-operator@v0.9.0:pkg/controller/compiledrootshard/controller.go reconcile.
        """
        compiled = state.cluster.api.get(DEPLOY_GROUP, "CompiledRootShard", namespace, name)
        if compiled is None:
            return None
        spec = (compiled.get("spec") or {}).get("rootShard") or {}
        shards = (compiled.get("spec") or {}).get("shards") or []
        bundled = is_bundled(compiled)
        current = _replicas(state.cluster.api, namespace, f"{name}-kcp")
        deployment = root_shard_deployment(name, namespace, spec, shards, bundled=bundled, current_replicas=current)
        self._ensure_workload(state, deployment, compiled, "CompiledRootShard")
        self._ensure(state, root_shard_service(name, namespace, spec), compiled, owner_kind="CompiledRootShard")
        self._proxy_workloads(state, compiled, "CompiledRootShard", name, namespace, spec, None, None, shards, bundled)
        self._compiled_status(state, compiled, f"{name}-kcp", reset_phase=True)
        return None

    def _reconcile_compiled_shard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/compiledshard/controller.go: `<shard>-shard-kcp` Deployment and Service."""
        compiled = state.cluster.api.get(DEPLOY_GROUP, "CompiledShard", namespace, name)
        if compiled is None:
            return None
        cspec = compiled.get("spec") or {}
        root = cspec.get("rootShard") or {}
        current = _replicas(state.cluster.api, namespace, f"{name}-shard-kcp")
        deployment = shard_deployment(
            name,
            namespace,
            cspec.get("shard") or {},
            root.get("name", ""),
            root.get("spec") or {},
            cspec.get("shards") or [],
            bundled=is_bundled(compiled),
            current_replicas=current,
        )
        self._ensure_workload(state, deployment, compiled, "CompiledShard")
        self._ensure(state, shard_service(name, namespace, cspec.get("shard") or {}), compiled, owner_kind="CompiledShard")
        self._compiled_status(state, compiled, f"{name}-shard-kcp", reset_phase=False)
        return None

    def _reconcile_compiled_frontproxy(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/compiledfrontproxy/controller.go."""
        compiled = state.cluster.api.get(DEPLOY_GROUP, "CompiledFrontProxy", namespace, name)
        if compiled is None:
            return None
        cspec = compiled.get("spec") or {}
        root = cspec.get("rootShard") or {}
        self._proxy_workloads(
            state,
            compiled,
            "CompiledFrontProxy",
            root.get("name", ""),
            namespace,
            root.get("spec") or {},
            name,
            cspec.get("frontProxy") or {},
            cspec.get("shards") or [],
            is_bundled(compiled),
        )
        self._compiled_status(state, compiled, f"{name}-front-proxy", reset_phase=True)
        return None

    def _proxy_workloads(
        self,
        state: _ClusterState,
        owner: dict,
        owner_kind: str,
        root_name: str,
        namespace: str,
        root_spec: dict,
        fp_name: str | None,
        fp_spec: dict | None,
        shards: list[str],
        bundled: bool,
    ) -> None:
        # compiledfrontproxy/reconciler.go Reconcile: ConfigMap, dynamic kubeconfig, Deployment, Service.
        self._ensure(state, proxy_config(root_name, namespace, root_spec, fp_name, fp_spec), owner, owner_kind=owner_kind)
        secret, text = proxy_dynamic_kubeconfig(root_name, namespace, root_spec, fp_name)
        labels = resource_labels(fp_name, "front-proxy") if fp_name else resource_labels(root_name, "rootshard-proxy")
        self._ensure_secret(state, namespace, secret, {"kubeconfig": text.encode()}, labels, owner, owner_kind)
        deployment_name = proxy_names(root_name, fp_name)["deployment"]
        deployment = proxy_deployment(
            root_name,
            namespace,
            root_spec,
            fp_name,
            fp_spec,
            shard_names=shards,
            bundled=bundled,
            current_replicas=_replicas(state.cluster.api, namespace, deployment_name),
        )
        self._ensure_workload(state, deployment, owner, owner_kind)
        self._ensure(state, proxy_service(root_name, namespace, root_spec, fp_name, fp_spec), owner, owner_kind=owner_kind)

    def _ensure_workload(self, state: _ClusterState, deployment: dict, owner: dict, owner_kind: str) -> None:
        """Write a Deployment with the revision label of every Secret and ConfigMap it mounts.

        kcp-dev/kcp-operator@v0.9.0:pkg/reconciling/modifier/revision_labels.go RelatedRevisionsLabels: a mounted
        object that does not exist yet
        fails the Deployment with ErrMountNotFound, which the compiled controllers swallow; their watch on all
        Secrets in the namespace retries it once the Secret appears.
        """
        api = state.cluster.api
        namespace = deployment["metadata"]["namespace"]
        pod = deployment["spec"]["template"]
        labels = dict(pod["metadata"].get("labels") or {})
        for resource, kind, name, optional in _pod_references(pod["spec"]):
            label = revision_label(resource, name)
            if label in labels:
                continue
            live = api.peek(("", kind, namespace, name))
            if live is None:
                if optional:
                    continue
                return
            labels[label] = live["metadata"]["resourceVersion"]
        pod["metadata"]["labels"] = labels
        self._ensure(state, deployment, owner, owner_kind=owner_kind)

    def _compiled_status(self, state: _ClusterState, compiled: dict, deployment: str, *, reset_phase: bool) -> None:
        # Compiled*Reconciler.reconcileStatus: Available from the Deployment (util.GetDeploymentAvailableCondition).
        api, now = state.cluster.api, _timestamp(state.cluster.now)
        namespace = compiled["metadata"]["namespace"]
        status = copy.deepcopy(compiled.get("status") or {})
        condition = _deployment_available(api.peek(("apps", "Deployment", namespace, deployment)), f"{namespace}/{deployment}")
        current = _update_condition(
            list(status.get("conditions") or []), {**condition, "observedGeneration": compiled["metadata"].get("generation", 0)}, now
        )
        status["conditions"] = current
        available = _find(current, "Available")
        if available is not None and available["status"] == "True":
            status["phase"] = "Running"
        elif compiled["metadata"].get("deletionTimestamp"):
            status["phase"] = "Deleting"
        elif reset_phase or not status.get("phase"):
            # CompiledShard only fills an empty phase; CompiledRootShard and CompiledFrontProxy fall back to Provisioning.
            status["phase"] = "Provisioning"
        self._write_status(state, compiled, status)


_RECONCILERS: dict[str, Callable[[KcpOperator, _ClusterState, str, str], float | None]] = {
    "rootshard": KcpOperator._reconcile_rootshard,
    "frontproxy": KcpOperator._reconcile_frontproxy,
    "shard": KcpOperator._reconcile_shard,
    "kubeconfig": KcpOperator._reconcile_kubeconfig,
    "bundle": KcpOperator._reconcile_bundle,
    "compiled-rootshard": KcpOperator._reconcile_compiled_rootshard,
    "compiled-frontproxy": KcpOperator._reconcile_compiled_frontproxy,
    "compiled-shard": KcpOperator._reconcile_compiled_shard,
}


# -- helpers of the controllers --------------------------------------------------------------------------------------


def operator_flags(args: Iterable[str]) -> tuple[bool, set[str]]:
    """(ConfigurationBundle on, enabled controller groups) from the operator's command line.

    kcp-dev/kcp-operator@v0.9.0:pkg/config/featuregates.go (ConfigurationBundle, default off; the Bundle controller
    is registered only when on: kcp-dev/kcp-operator@v0.9.0:pkg/controller/setup.go AddConfigControllers) and
    kcp-dev/kcp-operator@v0.9.0:cmd/operator/main.go run `--enabled-controller-groups` (default config,workload).
    """
    gate, groups = False, {"config", "workload"}
    items = list(args)
    for index, arg in enumerate(items):
        for flag in ("--feature-gates", "--enabled-controller-groups"):
            value = None
            if arg.startswith(flag + "="):
                value = arg.split("=", 1)[1]
            elif arg == flag and index + 1 < len(items):
                value = items[index + 1]
            if value is None:
                continue
            if flag == "--feature-gates":
                for pair in value.split(","):
                    gate_name, _, setting = pair.partition("=")
                    if gate_name.strip() == "ConfigurationBundle":
                        gate = setting.strip().lower() == "true"
            else:
                groups = {g.strip() for g in value.split(",") if g.strip()}
    return gate, groups


def _requests_for(state: _ClusterState, group: str, kind: str, namespace: str, name: str, obj: dict) -> Iterator[Request]:
    """The reconcile requests one watch event produces, per v0.9.0's SetupWithManager of each controller.

    kcp-dev/kcp-operator@v0.9.0:pkg/controller/{rootshard,shard,frontproxy,kubeconfig,bundle,compiledrootshard,
    compiledshard,compiledfrontproxy}/controller.go SetupWithManager: For, Owns (controller ownerReference) and the
    Watches mapped by util.EnqueueMapped / util.EnqueueAllInNamespace (pkg/controller/util/util.go).
    """
    api = state.cluster.api
    for controller, (for_group, for_kind) in _FOR_KIND.items():
        if (group, kind) == (for_group, for_kind):
            yield controller, namespace, name
    owner = next((r for r in (obj.get("metadata") or {}).get("ownerReferences") or [] if r.get("controller")), None)
    if owner is not None:
        owner_gk = (group_of(owner.get("apiVersion", "")), owner.get("kind", ""))
        for controller, owned in _OWNS.items():
            if (group, kind) in owned and _FOR_KIND[controller] == owner_gk:
                yield controller, namespace, owner.get("name", "")
    if (group, kind) == (OPERATOR_GROUP, "RootShard"):
        # shard and frontproxy controllers: Watches(RootShard) -> the Shards / FrontProxies referencing it.
        for shard in api.iter(OPERATOR_GROUP, "Shard", namespace):
            if _root_ref(shard) == name:
                yield "shard", namespace, shard["metadata"]["name"]
        for fp in api.iter(OPERATOR_GROUP, "FrontProxy", namespace):
            if _root_ref(fp) == name:
                yield "frontproxy", namespace, fp["metadata"]["name"]
    elif (group, kind) == (OPERATOR_GROUP, "Shard") and _root_ref(obj):
        yield "rootshard", namespace, _root_ref(obj)  # rootshard controller: Watches(Shard) -> its RootShard
    if (group, kind) in ((OPERATOR_GROUP, "RootShard"), (OPERATOR_GROUP, "Shard"), (OPERATOR_GROUP, "FrontProxy")):
        ref_field = {"RootShard": "rootShardRef", "Shard": "shardRef", "FrontProxy": "frontProxyRef"}[kind]
        # kubeconfig controller mapKubeconfigs (every namespace) and bundle controller handlers (same namespace).
        for kc in api.iter(OPERATOR_GROUP, "Kubeconfig"):
            if (((kc.get("spec") or {}).get("target") or {}).get(ref_field) or {}).get("name") == name:
                yield "kubeconfig", kc["metadata"].get("namespace", ""), kc["metadata"]["name"]
        for bundle in api.iter(OPERATOR_GROUP, "Bundle", namespace):
            if (((bundle.get("spec") or {}).get("target") or {}).get(ref_field) or {}).get("name") == name:
                yield "bundle", namespace, bundle["metadata"]["name"]
    if (group, kind) == ("", "Secret"):
        # util.EnqueueAllInNamespace: the compiled controllers retry every compiled object of the namespace.
        for controller, compiled_kind in (
            ("compiled-rootshard", "CompiledRootShard"),
            ("compiled-frontproxy", "CompiledFrontProxy"),
            ("compiled-shard", "CompiledShard"),
        ):
            for compiled in api.iter(DEPLOY_GROUP, compiled_kind, namespace):
                yield controller, namespace, compiled["metadata"]["name"]


def _root_ref(obj: dict) -> str:
    return (((obj.get("spec") or {}).get("rootShard") or {}).get("ref") or {}).get("name") or ""


def _for_key(controller: str, namespace: str, name: str) -> Key:
    group, kind = _FOR_KIND[controller]
    return group, kind, namespace, name


def _owner_ref(owner: dict, kind: str) -> dict:
    # metav1.NewControllerRef.
    return {
        "apiVersion": owner.get("apiVersion", ""),
        "kind": kind or owner.get("kind", ""),
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"].get("uid", ""),
        "controller": True,
        "blockOwnerDeletion": True,
    }


def _keep_live_fields(live: dict, desired: dict, *, merge_labels: bool, replace_data: bool) -> dict:
    """What k8c.io/reconciler's reconcilers leave alone when they mutate the existing object: annotations (they only
    add), fields the API server or other controllers filled in (Service clusterIP, nodePorts, Deployment defaults),
    and, for Secrets, labels and data keys they do not set. The Compiled* objects are the exception: their labels and
    annotations are cloned from the source object (internal/resources/shard/compiled.go CompiledShardReconciler)."""
    meta, live_meta = desired["metadata"], live.get("metadata") or {}
    annotations = {**(live_meta.get("annotations") or {}), **(meta.get("annotations") or {})}
    if annotations and group_of(desired.get("apiVersion", "")) != DEPLOY_GROUP:
        meta["annotations"] = annotations
    if merge_labels:
        labels = {**(live_meta.get("labels") or {}), **(meta.get("labels") or {})}
        if labels:
            meta["labels"] = labels
    if desired.get("kind") == "Secret" and not replace_data:
        desired["data"] = {**(live.get("data") or {}), **(desired.get("data") or {})}
    if desired.get("kind") in ("Service", "Deployment") and isinstance(live.get("spec"), dict):
        spec = desired.setdefault("spec", {})
        for field_name, value in live["spec"].items():
            spec.setdefault(field_name, copy.deepcopy(value))
        if desired["kind"] == "Service":
            by_name = {p.get("name"): p for p in live["spec"].get("ports") or []}
            for port in spec.get("ports") or []:
                for field_name in ("nodePort",):
                    if field_name in by_name.get(port.get("name"), {}):
                        port.setdefault(field_name, by_name[port["name"]][field_name])
    return desired


def _spec_changed(old: dict, new: dict) -> bool:
    return {k: v for k, v in old.items() if k not in ("metadata", "status")} != {
        k: v for k, v in new.items() if k not in ("metadata", "status")
    }


def _replicas(api: Any, namespace: str, name: str) -> int | None:
    live = api.peek(("apps", "Deployment", namespace, name))
    return None if live is None else (live.get("spec") or {}).get("replicas")


def _children(api: Any, namespace: str, root: str) -> list[str]:
    # util.GetRootShardChildren: the shards of a root shard, sorted by name.
    return sorted(s["metadata"]["name"] for s in api.iter(OPERATOR_GROUP, "Shard", namespace) if _root_ref(s) == root)


def _pod_references(pod: dict) -> Iterator[tuple[str, str, str, bool]]:
    # revision_labels.go getRelatedRevisionLabels: Secret and ConfigMap volumes (never optional), then env and envFrom.
    for volume in pod.get("volumes") or []:
        if volume.get("secret"):
            yield "secret", "Secret", volume["secret"].get("secretName", ""), False
        if volume.get("configMap"):
            yield "configmap", "ConfigMap", volume["configMap"].get("name", ""), False
    for container in [*(pod.get("initContainers") or []), *(pod.get("containers") or [])]:
        for env in container.get("env") or []:
            source = env.get("valueFrom") or {}
            if source.get("configMapKeyRef"):
                yield "configmap", "ConfigMap", source["configMapKeyRef"].get("name", ""), bool(source["configMapKeyRef"].get("optional"))
            if source.get("secretKeyRef"):
                yield "secret", "Secret", source["secretKeyRef"].get("name", ""), bool(source["secretKeyRef"].get("optional"))
        for env_from in container.get("envFrom") or []:
            if env_from.get("configMapRef"):
                yield "configmap", "ConfigMap", env_from["configMapRef"].get("name", ""), bool(env_from["configMapRef"].get("optional"))
            if env_from.get("secretRef"):
                yield "secret", "Secret", env_from["secretRef"].get("name", ""), bool(env_from["secretRef"].get("optional"))


def _tls_crt(api: Any, namespace: str, name: str) -> bytes | None:
    secret = api.peek(("", "Secret", namespace, name))
    value = ((secret or {}).get("data") or {}).get("tls.crt")
    return None if value is None else base64.b64decode(value)


def _merge_pem(parts: list[bytes | None]) -> bytes:
    # utils/certificates.go MergeCertificates: non-empty parts joined by a newline.
    return b"\n".join(p for p in parts if p)


def _certificate_revisions(captured: list[dict | None]) -> dict[str, str] | None:
    """util.CertificateRevisions: name -> status.revision of every Certificate, or None while one is not Ready.

    `captured` holds the Certificates as they were before this reconcile wrote them (modifier.Capture), so a
    Certificate created just now counts as not Ready.
    """
    revisions = {}
    for cert in captured:
        if cert is None:
            return None
        ready = next((c for c in (cert.get("status") or {}).get("conditions") or [] if c.get("type") == "Ready"), None)
        if ready is None or ready.get("status") != "True":
            return None
        revisions[cert["metadata"]["name"]] = str((cert.get("status") or {}).get("revision") or 0)
    return revisions


def _compiled(source: dict, api_version: str, kind: str, revisions: dict[str, str], labels: dict, spec: dict) -> dict:
    """A Compiled* render input (internal/resources/{rootshard,shard,frontproxy}/compiled.go): the source's labels and
    annotations, `operator.kcp.io/cert-<name>-revision` per Certificate, the bundle annotation, the resolved specs."""
    meta = source.get("metadata") or {}
    annotations = dict(meta.get("annotations") or {})
    annotations.update({f"{OPERATOR_GROUP}/cert-{name}-revision": rev for name, rev in revisions.items()})
    if not is_bundled(source):
        annotations.pop(BUNDLE_ANNOTATION, None)
    return {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {
            "name": meta["name"],
            "namespace": meta.get("namespace", ""),
            "labels": {**(meta.get("labels") or {}), **labels},
            "annotations": annotations,
        },
        "spec": spec,
    }


def _condition(type_: str, status: str, reason: str, message: str) -> dict:
    return {"type": type_, "status": status, "reason": reason, "message": message}


def _find(conditions: list[dict], type_: str) -> dict | None:
    return next((c for c in conditions if c.get("type") == type_), None)


def _update_condition(conditions: list[dict], new: dict, now: str) -> list[dict]:
    """kcp-dev/kcp-operator@v0.9.0:pkg/controller/util/util.go UpdateCondition: only a new condition, a status change
    or a new observedGeneration
    is written (then through apimeta.SetStatusCondition); the transition time moves only when the status does."""
    conditions = [dict(c) for c in conditions]
    existing = _find(conditions, new["type"])
    if (
        existing is not None
        and existing.get("observedGeneration") == new.get("observedGeneration")
        and existing.get("status") == new["status"]
    ):
        return conditions
    transition = existing["lastTransitionTime"] if existing is not None and existing.get("status") == new["status"] else now
    entry = {
        "type": new["type"],
        "status": new["status"],
        "observedGeneration": new.get("observedGeneration", 0),
        "lastTransitionTime": transition,
        "reason": new.get("reason", ""),
        "message": new.get("message", ""),
    }
    if existing is None:
        return [*conditions, entry]
    return [entry if c is existing else c for c in conditions]


def _bundle_update_condition(conditions: list[dict], new: dict, now: str) -> list[dict]:
    # kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go updateCondition: reason, message and generation
    # always; the transition time on a status change.
    conditions = [dict(c) for c in conditions]
    existing = _find(conditions, new["type"])
    if existing is None:
        return [
            *conditions,
            {
                "type": new["type"],
                "status": new["status"],
                "observedGeneration": new.get("observedGeneration", 0),
                "lastTransitionTime": now,
                "reason": new["reason"],
                "message": new["message"],
            },
        ]
    if existing["status"] != new["status"]:
        existing.update(status=new["status"], lastTransitionTime=now)
    existing.update(reason=new["reason"], message=new["message"], observedGeneration=new.get("observedGeneration", 0))
    return conditions


def _bundle_ready_condition(api: Any, owner: dict) -> dict:
    """kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/helpers.go GetBundleReadyCondition."""
    name, namespace, _ = _identity(owner)
    if not is_bundled(owner):
        return _condition("Bundle", "True", "NoBundleRequired", "No bundle annotation present")
    bundle = api.peek((OPERATOR_GROUP, "Bundle", namespace, bundle_name(name)))
    if bundle is None:
        return _condition("Bundle", "False", "BundleNotFound", f"Bundle {bundle_name(name)} not found")
    state = (bundle.get("status") or {}).get("state") or ""
    if state == "Ready":
        return _condition("Bundle", "True", "BundleReady", f"Bundle {bundle_name(name)} is ready")
    return _condition("Bundle", "False", state or "BundleNotReady", f"Bundle {bundle_name(name)} is in state {state}")


def _compiled_available(compiled: dict | None, what: str) -> dict:
    # util.GetCompiledAvailableCondition: adopt the compiled object's Available condition, else "not rendered yet".
    condition = _find(((compiled or {}).get("status") or {}).get("conditions") or [], "Available")
    if condition is not None:
        return _condition("Available", condition["status"], condition.get("reason", ""), condition.get("message", ""))
    return _condition("Available", "False", "DeploymentUnavailable", f"{what} has not been rendered yet.")


def _deployment_available(deployment: dict | None, where: str) -> dict:
    # util.GetDeploymentAvailableCondition / deploymentReady: updated == ready == spec.replicas (0 counts as up).
    if deployment is None:
        return _condition("Available", "False", "DeploymentUnavailable", f"Deployment {where} does not exist.")
    status = deployment.get("status") or {}
    ready = status.get("readyReplicas", 0) or 0
    if (status.get("updatedReplicas", 0) or 0) == ready and ready == ((deployment.get("spec") or {}).get("replicas") or 0):
        return _condition("Available", "True", "ReplicasUp", f"Deployment {where} is fully up and running.")
    return _condition("Available", "False", "ReplicasUnavailable", f"Deployment {where} is not in desired replica state.")


def _fetch_root_shard(api: Any, namespace: str, ref: str | None) -> tuple[dict, dict | None]:
    # util.FetchRootShard.
    if not ref:
        return _condition("RootShard", "False", "InvalidReference", "No valid RootShard defined in spec."), None
    root = api.get(OPERATOR_GROUP, "RootShard", namespace, ref)
    if root is None:
        return _condition(
            "RootShard", "False", "InvalidReference", f'Failed to retrieve RootShard: rootshards.operator.kcp.io "{ref}" not found.'
        ), None
    return _condition("RootShard", "True", "Valid", "RootShard reference is valid."), root


def _kubeconfig_target(api: Any, namespace: str, target: dict) -> tuple[dict, dict | None, dict | None, dict | None]:
    # kcp-dev/kcp-operator@v0.9.0:pkg/controller/kubeconfig/controller.go reconcile: resolve the target and its RootShard.
    def get(kind: str, name: str, what: str) -> dict:
        obj = api.get(OPERATOR_GROUP, kind, namespace, name)
        if obj is None:
            raise _Retry(f'{what}: {kind.lower()}s.operator.kcp.io "{name}" not found')
        return obj

    if (target.get("rootShardRef") or {}).get("name"):
        return get("RootShard", target["rootShardRef"]["name"], "failed to get RootShard"), None, None, None
    if (target.get("shardRef") or {}).get("name"):
        shard = get("Shard", target["shardRef"]["name"], "failed to get Shard")
        if not _root_ref(shard):
            raise _Retry("the Shard does not reference a (valid) RootShard")
        return get("RootShard", _root_ref(shard), "failed to get RootShard"), shard, None, None
    if (target.get("frontProxyRef") or {}).get("name"):
        fp_name = target["frontProxyRef"]["name"]
        fp = api.get(OPERATOR_GROUP, "FrontProxy", namespace, fp_name)
        if fp is None:
            raise _Retry(f"referenced FrontProxy '{fp_name}' does not exist")
        if not _root_ref(fp):
            raise _Retry("the FrontProxy does not reference a (valid) RootShard")
        root = get("RootShard", _root_ref(fp), "failed to get RootShard")
        bundle_ref = ((fp.get("spec") or {}).get("caBundleSecretRef") or {}).get("name")
        ca_bundle = None
        if bundle_ref:
            ca_bundle = api.get("", "Secret", namespace, bundle_ref)
            if ca_bundle is None:
                raise _Retry(f'failed to get CA bundle secret {namespace}/{bundle_ref}: secrets "{bundle_ref}" not found')
        return root, None, fp, ca_bundle
    raise _Retry("no valid target for kubeconfig found")


def _certificate_secret(api: Any, namespace: str, certificate: str) -> dict | None:
    # kubeconfig controller getCertificateSecret: the Secret of a Ready Certificate, else None.
    cert = api.peek(("cert-manager.io", "Certificate", namespace, certificate))
    if cert is None:
        return None
    ready = _find((cert.get("status") or {}).get("conditions") or [], "Ready")
    if ready is None or ready.get("status") != "True":
        return None
    secret = api.peek(("", "Secret", namespace, (cert.get("spec") or {}).get("secretName", "")))
    if secret is None:
        raise _Retry(f'secrets "{cert["spec"].get("secretName")}" not found')
    return secret


def _kubeconfig_secret_text(
    kc: dict, root: dict, shard: dict | None, fp: dict | None, server_ca: dict, client: dict, ca_bundle: dict | None
) -> str:
    """The kubeconfig of a Kubeconfig's Secret: inline client certificate and CA data.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/kubeconfig/secret.go KubeconfigSecretReconciler.
    """
    spec = kc.get("spec") or {}
    user = spec.get("username", "")
    workspace = spec.get("targetWorkspace") or "root"
    ca = _merge_pem([base64.b64decode(s["data"]["tls.crt"]) for s in (server_ca, ca_bundle) if s and (s.get("data") or {}).get("tls.crt")])
    ca_data = base64.b64encode(ca).decode()
    root_name, root_ns, root_spec = _identity(root)
    if fp is not None:
        fp_spec = fp.get("spec") or {}
        external = fp_spec.get("external") or {}
        if external.get("hostname"):
            server = f"https://{external['hostname']}:{external.get('port', 0)}"
        elif fp_spec.get("externalHostname"):
            host = fp_spec["externalHostname"]
            server = f"https://{host}" if re.search(r":\d+$", host) else f"https://{host}:6443"
        else:
            server = f"https://{_external(root_spec)[0]}:{_external(root_spec)[1]}"
        contexts = {"default": ("default", user), "base": ("base", user)}
    else:
        server = (
            shard_base_url(shard["metadata"]["name"], shard["metadata"]["namespace"], shard.get("spec") or {})
            if shard
            else root_shard_base_url(root_name, root_ns, root_spec)
        )
        contexts = {"default": ("default", user), "base": ("base", user), "shard-base": ("base", user)}
    default_url = server.rstrip("/") + "/clusters/" + workspace
    clusters = {
        "base": {"certificate-authority-data": ca_data, "server": server},
        "default": {"certificate-authority-data": ca_data, "server": default_url},
    }
    users = {user: {"client-certificate-data": client["data"].get("tls.crt", ""), "client-key-data": client["data"].get("tls.key", "")}}
    return kubeconfig_yaml(clusters, contexts, users, "default")


def _forget_kcp_shard(cluster: Cluster, name: str) -> None:
    """What the Shard's `operator.kcp.io/cleanup-shard` finalizer does before the Shard goes: delete the kcp Shard
    object `name` from the root workspace (kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go handleDeletion). The in-memory API
    has no finalizers, so this runs on the deletion event."""
    kcp = cluster.fleet.extra.get("kcp")
    forget = getattr(kcp, "forget_shard", None)
    if forget is not None:
        forget(name)
        cluster.log(ACTOR, f"deleted kcp Shard {name} from the root workspace (Shard cleanup)")
