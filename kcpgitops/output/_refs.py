"""What each rendered object needs from and gives to the others on its cluster: the reference graph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

CERT_MANAGER_NAMESPACE = "cert-manager"
"""cert-manager's cluster resource namespace: where ClusterIssuers find their Secrets."""


@dataclass(frozen=True, order=True)
class Key:
    """Identity of an object within one cluster."""

    kind: str
    namespace: str
    name: str

    def __str__(self) -> str:
        scope = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind} {scope}{self.name}"


@dataclass(frozen=True)
class Ref:
    """One reference from an object to another object, with the field that holds it."""

    field: str
    target: Key


def key_of(doc: dict) -> Key:
    """The identity of a manifest."""
    meta = doc.get("metadata", {})
    return Key(doc["kind"], meta.get("namespace", ""), meta.get("name", ""))


def secrets_produced(doc: dict) -> Iterator[Key]:
    """Secrets an object makes exist on its cluster."""
    kind, meta, spec = doc["kind"], doc.get("metadata", {}), doc.get("spec") or {}
    namespace = meta.get("namespace", "")
    if kind == "Secret" or kind == "SealedSecret":
        yield Key("Secret", namespace, meta["name"])
    elif kind == "Certificate" and spec.get("secretName"):
        yield Key("Secret", namespace, spec["secretName"])
    elif kind == "Kubeconfig" and (spec.get("secretRef") or {}).get("name"):
        yield Key("Secret", namespace, spec["secretRef"]["name"])


def references(doc: dict) -> Iterator[Ref]:
    """Every object reference a manifest holds, in field order."""
    kind, meta, spec = doc["kind"], doc.get("metadata", {}), doc.get("spec") or {}
    namespace = meta.get("namespace", "")
    if namespace:
        yield Ref("metadata.namespace", Key("Namespace", "", namespace))
    extractor = _EXTRACTORS.get(kind)
    if extractor is not None:
        yield from extractor(spec, namespace)


def _issuer(field: str, ref: dict | None, namespace: str) -> Iterator[Ref]:
    if ref and ref.get("name"):
        kind = ref.get("kind") or "Issuer"
        yield Ref(field, Key(kind, "" if kind == "ClusterIssuer" else namespace, ref["name"]))


def _secret(field: str, ref: dict | None, namespace: str) -> Iterator[Ref]:
    if ref and ref.get("name"):
        yield Ref(field, Key("Secret", namespace, ref["name"]))


def _certificate(spec: dict, namespace: str) -> Iterator[Ref]:
    yield from _issuer("spec.issuerRef", spec.get("issuerRef"), namespace)


def _issuer_spec(spec: dict, namespace: str) -> Iterator[Ref]:
    home = namespace or CERT_MANAGER_NAMESPACE
    if (spec.get("ca") or {}).get("secretName"):
        yield Ref("spec.ca.secretName", Key("Secret", home, spec["ca"]["secretName"]))
    for index, solver in enumerate((spec.get("acme") or {}).get("solvers") or []):
        for provider, config in ((solver.get("dns01") or {}).items()):
            for ref_field in ("apiKeySecretRef", "apiTokenSecretRef"):
                yield from _secret(f"spec.acme.solvers[{index}].dns01.{provider}.{ref_field}", config.get(ref_field), home)


def _etcd(spec: dict, namespace: str) -> Iterator[Ref]:
    for section, path in (("clientUrlTls", spec.get("etcd")), ("peerUrlTls", spec.get("etcd")), ("tls", spec.get("backup"))):
        tls = (path or {}).get(section) or {}
        parent = "spec.etcd" if section != "tls" else "spec.backup"
        for ref_field in ("tlsCASecretRef", "serverTLSSecretRef", "clientTLSSecretRef"):
            yield from _secret(f"{parent}.{section}.{ref_field}", tls.get(ref_field), namespace)


def etcd_endpoint_target(endpoint: str, namespace: str) -> tuple[str, str, str] | None:
    """(etcd name, namespace, host) that an in-cluster etcd client URL points at, or None if it is external."""
    host = urlparse(endpoint).hostname or ""
    labels = host.split(".")
    if not labels[0].endswith("-client"):
        return None
    if len(labels) > 1 and host.removeprefix(labels[0] + ".").split(".")[0] != namespace:
        return labels[0].removesuffix("-client"), host.split(".")[1], host
    return labels[0].removesuffix("-client"), namespace, host


def _kcp_server(spec: dict, namespace: str, *, root: bool) -> Iterator[Ref]:
    if not root:
        ref = ((spec.get("rootShard") or {}).get("ref") or {}).get("name")
        if ref:
            yield Ref("spec.rootShard.ref", Key("RootShard", namespace, ref))
    yield from _issuer("spec.certificates.issuerRef", (spec.get("certificates") or {}).get("issuerRef"), namespace)
    yield from _secret("spec.caBundleSecretRef", spec.get("caBundleSecretRef"), namespace)
    etcd = spec.get("etcd") or {}
    yield from _secret("spec.etcd.tlsConfig.secretRef", (etcd.get("tlsConfig") or {}).get("secretRef"), namespace)
    for index, endpoint in enumerate(etcd.get("endpoints") or []):
        target = etcd_endpoint_target(endpoint, namespace)
        if target:
            yield Ref(f"spec.etcd.endpoints[{index}]", Key("Etcd", target[1], target[0]))
    server = ((spec.get("certificateTemplates") or {}).get("server") or {}).get("spec") or {}
    yield from _issuer("spec.certificateTemplates.server.spec.issuerRef", server.get("issuerRef"), namespace)


def _front_proxy(spec: dict, namespace: str) -> Iterator[Ref]:
    ref = ((spec.get("rootShard") or {}).get("ref") or {}).get("name")
    if ref:
        yield Ref("spec.rootShard.ref", Key("RootShard", namespace, ref))
    yield from _secret("spec.caBundleSecretRef", spec.get("caBundleSecretRef"), namespace)
    server = ((spec.get("certificateTemplates") or {}).get("server") or {}).get("spec") or {}
    yield from _issuer("spec.certificateTemplates.server.spec.issuerRef", server.get("issuerRef"), namespace)


def _kubeconfig(spec: dict, namespace: str) -> Iterator[Ref]:
    target = spec.get("target") or {}
    for field, kind in (("frontProxyRef", "FrontProxy"), ("rootShardRef", "RootShard"), ("shardRef", "Shard")):
        if (target.get(field) or {}).get("name"):
            yield Ref(f"spec.target.{field}", Key(kind, namespace, target[field]["name"]))


_EXTRACTORS = {
    "Certificate": _certificate,
    "Issuer": _issuer_spec,
    "ClusterIssuer": _issuer_spec,
    "Etcd": _etcd,
    "RootShard": lambda spec, ns: _kcp_server(spec, ns, root=True),
    "Shard": lambda spec, ns: _kcp_server(spec, ns, root=False),
    "FrontProxy": _front_proxy,
    "Kubeconfig": _kubeconfig,
}
