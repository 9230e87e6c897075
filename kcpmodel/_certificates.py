"""The cert-manager Certificates and Issuers kcp-operator v0.9.0 writes for a RootShard, Shard, proxy or Kubeconfig."""

from __future__ import annotations

import copy
from typing import Any

from ._common import (
    CA_DURATION,
    CA_RENEW_BEFORE,
    CERT_DURATION,
    CERT_MANAGER_API_VERSION,
    CERT_RENEW_BEFORE,
    FRONT_PROXY_COMMON_NAME,
    FRONT_PROXY_LABEL,
    INTERMEDIATE_CAS,
    KUBECONFIG_LABEL,
    MOUNTS_PROXY_COMMON_NAME,
    OPERATOR_USERNAME,
    ROOT_SHARD_PROXY_COMMON_NAME,
    ROOTSHARD_LABEL,
    SHARD_LABEL,
    ca_name,
    cluster_domain,
    external,
    hostname_of,
    identity,
    merge_lists,
    merge_maps,
    proxy_names,
    resource_labels,
    shard_base_host,
)

_USAGES = {"server": ["server auth", "key encipherment", "digital signature"], "client": ["client auth"]}


def apply_certificate_template(cert: dict, template: dict | None) -> dict:
    """utils/certificates.go ApplyCertificateTemplate: merge a `certificateTemplates` entry into a Certificate."""
    if not template:
        return cert
    meta, spec = cert["metadata"], cert["spec"]
    tmeta = template.get("metadata") or {}
    for field_name in ("annotations", "labels"):
        merged = merge_maps(meta.get(field_name), tmeta.get(field_name))
        if merged:
            meta[field_name] = merged
    tspec = template.get("spec")
    if not tspec:
        return cert
    # DNS names are replaced when the template also overrides the issuer (it may not accept ours), else merged.
    if tspec.get("dnsNames") and tspec.get("issuerRef"):
        spec["dnsNames"] = list(tspec["dnsNames"])
    elif tspec.get("dnsNames"):
        spec["dnsNames"] = merge_lists(spec.get("dnsNames"), tspec["dnsNames"])
    addresses = merge_lists(spec.get("ipAddresses"), tspec.get("ipAddresses"))
    if addresses:
        spec["ipAddresses"] = addresses
    for field_name in ("duration", "renewBefore"):
        if tspec.get(field_name):
            spec[field_name] = tspec[field_name]
    if tspec.get("secretTemplate"):
        secret_template = spec.setdefault("secretTemplate", {})
        for field_name in ("annotations", "labels"):
            merged = merge_maps(secret_template.get(field_name), tspec["secretTemplate"].get(field_name))
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
                merged_list = merge_lists(subject.get(field_name), value)
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
    name, namespace, spec = identity(root)
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
    name, namespace, spec = identity(root)
    labels, secret_labels = resource_labels(name, "rootshard"), {ROOTSHARD_LABEL: name}
    templates = _templates(spec)
    hostname, _ = external(spec)
    server_dns = {f"{name}-kcp.{namespace}.svc.{cluster_domain(spec)}", hostname}
    if spec.get("shardBaseURL") and hostname_of(spec["shardBaseURL"]):
        server_dns.add(hostname_of(spec["shardBaseURL"]))
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
    name, namespace, spec = identity(shard)
    labels, secret_labels = resource_labels(name, "shard"), {ROOTSHARD_LABEL: root_name, SHARD_LABEL: name}
    templates = _templates(spec)
    server_dns = {"localhost", shard_base_host(name, namespace, spec)}
    if spec.get("shardBaseURL") and hostname_of(spec["shardBaseURL"]):
        server_dns.add(hostname_of(spec["shardBaseURL"]))
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



def proxy_certificates(root: dict, front_proxy: dict | None) -> list[dict]:
    """The server, kubeconfig and requestheader Certificates of a FrontProxy or the root shard's proxy.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/frontproxy/certificates.go serverCertificateReconciler, kubeconfigCertificateReconciler,
    requestHeaderCertificateReconciler.
    """
    root_name, namespace, root_spec = identity(root)
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
        hostname, _ = external(root_spec)
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
    name, namespace, spec = identity(kubeconfig)
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
