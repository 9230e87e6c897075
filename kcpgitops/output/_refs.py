"""What each rendered object needs from and gives to the others on its cluster: the reference graph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

import kcpmodel

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
    """Secrets an object makes exist on its cluster (kcp-operator's included, see `operator_secrets`)."""
    kind, meta, spec = doc["kind"], doc.get("metadata", {}), doc.get("spec") or {}
    namespace = meta.get("namespace", "")
    if kind == "Secret" or kind == "SealedSecret":
        yield Key("Secret", namespace, meta["name"])
    elif kind == "Certificate" and spec.get("secretName"):
        yield Key("Secret", namespace, spec["secretName"])
    if kind in _OPERATOR_KINDS:
        yield from operator_secrets(doc)


BUNDLE_ANNOTATION = kcpmodel.BUNDLE_ANNOTATION
"""kcp-operator (v0.5.0 to v0.9.0) exports an object annotated with it as a `<name>-bundle` Secret."""

_OPERATOR_KINDS = frozenset({"RootShard", "Shard", "FrontProxy", "CacheServer", "Kubeconfig"})


def is_bundled(doc: dict) -> bool:
    """Whether kcp-operator exports this object as a bundle (annotation with any non-empty value)."""
    return kcpmodel.is_bundled(doc)


def operator_secrets(doc: dict) -> Iterator[Key]:
    """Secrets kcp-operator v0.9.0 makes for a RootShard, Shard, FrontProxy, CacheServer or Kubeconfig, from the one
    model of what it creates (`kcpmodel.operator_secrets`)."""
    namespace = (doc.get("metadata") or {}).get("namespace", "")
    for secret in kcpmodel.operator_secrets(doc):
        yield Key("Secret", namespace, secret)


def references(doc: dict) -> Iterator[Ref]:
    """Every object reference a manifest holds, in field order."""
    kind, meta, spec = doc["kind"], doc.get("metadata", {}), doc.get("spec") or {}
    namespace = meta.get("namespace", "")
    if namespace:
        yield Ref("metadata.namespace", Key("Namespace", "", namespace))
    extractor = _EXTRACTORS.get(kind)
    if extractor is not None:
        yield from extractor(doc if kind in _TOP_LEVEL_SPEC else spec, namespace)


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
            if not isinstance(config, dict):
                continue  # cnameStrategy
            # Each provider's credentials selectors end in `SecretRef` (cert-manager/cert-manager@v1.18.2:
            # pkg/apis/acme/v1/types_issuer.go ACMEIssuerDNS01Provider*: apiKeySecretRef, secretAccessKeySecretRef,
            # serviceAccountSecretRef, clientSecretSecretRef, tsigSecretSecretRef, ...).
            for ref_field in [key for key in config if key.endswith("SecretRef")]:
                yield from _secret(f"spec.acme.solvers[{index}].dns01.{provider}.{ref_field}", config.get(ref_field), home)


def _etcd(spec: dict, namespace: str) -> Iterator[Ref]:
    for section, path in (("clientUrlTls", spec.get("etcd")), ("peerUrlTls", spec.get("etcd")), ("tls", spec.get("backup"))):
        tls = (path or {}).get(section) or {}
        parent = "spec.etcd" if section != "tls" else "spec.backup"
        for ref_field in ("tlsCASecretRef", "serverTLSSecretRef", "clientTLSSecretRef"):
            yield from _secret(f"{parent}.{section}.{ref_field}", tls.get(ref_field), namespace)
    # The backup store's credentials, mounted by every member (gardener/etcd-druid@v0.33.0:internal/component/
    # statefulset/builder.go getPodVolumes): a person creates it (kcpgitops.docs.user_created_secrets).
    store = (spec.get("backup") or {}).get("store") or {}
    yield from _secret("spec.backup.store.secretRef", store.get("secretRef"), namespace)


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


def _pod_spec(pod: dict, namespace: str, prefix: str) -> Iterator[Ref]:
    """Secrets, ConfigMaps and the ServiceAccount a pod template needs; `optional` references are left out."""
    if pod.get("serviceAccountName"):
        yield Ref(f"{prefix}.serviceAccountName", Key("ServiceAccount", namespace, pod["serviceAccountName"]))
    for index, secret in enumerate(pod.get("imagePullSecrets") or []):
        yield from _secret(f"{prefix}.imagePullSecrets[{index}]", secret, namespace)
    for index, volume in enumerate(pod.get("volumes") or []):
        where = f"{prefix}.volumes[{index}]"
        if (volume.get("secret") or {}).get("secretName") and not volume["secret"].get("optional"):
            yield Ref(f"{where}.secret.secretName", Key("Secret", namespace, volume["secret"]["secretName"]))
        yield from _config_map(f"{where}.configMap", volume.get("configMap"), namespace)
        for source_index, source in enumerate((volume.get("projected") or {}).get("sources") or []):
            yield from _optional_secret(f"{where}.projected.sources[{source_index}].secret", source.get("secret"), namespace)
            yield from _config_map(f"{where}.projected.sources[{source_index}].configMap", source.get("configMap"), namespace)
    for group in ("initContainers", "containers"):
        for index, container in enumerate(pod.get(group) or []):
            where = f"{prefix}.{group}[{index}]"
            for env_index, env in enumerate(container.get("env") or []):
                source = env.get("valueFrom") or {}
                yield from _optional_secret(f"{where}.env[{env_index}].valueFrom.secretKeyRef", source.get("secretKeyRef"), namespace)
                yield from _config_map(f"{where}.env[{env_index}].valueFrom.configMapKeyRef", source.get("configMapKeyRef"), namespace)
            for env_index, env in enumerate(container.get("envFrom") or []):
                yield from _optional_secret(f"{where}.envFrom[{env_index}].secretRef", env.get("secretRef"), namespace)
                yield from _config_map(f"{where}.envFrom[{env_index}].configMapRef", env.get("configMapRef"), namespace)


def _optional_secret(field: str, ref: dict | None, namespace: str) -> Iterator[Ref]:
    if ref and ref.get("name") and not ref.get("optional"):
        yield Ref(field, Key("Secret", namespace, ref["name"]))


def _config_map(field: str, ref: dict | None, namespace: str) -> Iterator[Ref]:
    if ref and ref.get("name") and not ref.get("optional"):
        yield Ref(field, Key("ConfigMap", namespace, ref["name"]))


def _workload(path: tuple[str, ...]):
    prefix = ".".join(("spec", *path))

    def extract(spec: dict, namespace: str) -> Iterator[Ref]:
        pod = spec
        for part in path:
            pod = (pod or {}).get(part) or {}
        yield from _pod_spec(pod, namespace, prefix)

    return extract


def _role_binding(doc_spec: dict, namespace: str) -> Iterator[Ref]:
    # RoleBindings keep roleRef and subjects at the top level; `references` hands them over as `spec`.
    role = doc_spec.get("roleRef") or {}
    if role.get("name") and role.get("kind") in ("Role", "ClusterRole"):
        yield Ref("roleRef", Key(role["kind"], namespace if role["kind"] == "Role" else "", role["name"]))
    for index, subject in enumerate(doc_spec.get("subjects") or []):
        if subject.get("kind") == "ServiceAccount" and subject.get("name"):
            yield Ref(f"subjects[{index}]", Key("ServiceAccount", subject.get("namespace") or namespace, subject["name"]))


_TOP_LEVEL_SPEC = frozenset({"RoleBinding", "ClusterRoleBinding"})
"""Kinds whose references live at the top level of the document rather than under `spec`."""

_EXTRACTORS = {
    "Pod": _workload(()),
    "Deployment": _workload(("template", "spec")),
    "StatefulSet": _workload(("template", "spec")),
    "DaemonSet": _workload(("template", "spec")),
    "ReplicaSet": _workload(("template", "spec")),
    "Job": _workload(("template", "spec")),
    "CronJob": _workload(("jobTemplate", "spec", "template", "spec")),
    "RoleBinding": _role_binding,
    "ClusterRoleBinding": _role_binding,
    "Certificate": _certificate,
    "Issuer": _issuer_spec,
    "ClusterIssuer": _issuer_spec,
    "Etcd": _etcd,
    "RootShard": lambda spec, ns: _kcp_server(spec, ns, root=True),
    "Shard": lambda spec, ns: _kcp_server(spec, ns, root=False),
    "FrontProxy": _front_proxy,
    "Kubeconfig": _kubeconfig,
}
