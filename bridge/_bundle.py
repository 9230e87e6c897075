"""kcp-operator v0.5-v0.9 bundle Secrets: decoding, references of the bundled pods, cleaning."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kcpmodel import is_revision_label, revision_label

from ._config import ServiceExposure
from ._errors import BundleError

DESIRED_REPLICAS_ANNOTATION = "operator.kcp.io/bundle-desired-replicas"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
DEPLOYMENT_REVISION = "deployment.kubernetes.io/revision"
"""Set by cluster 1's Deployment controller; the shard cluster's keeps its own count."""
_METADATA_DROP = (
    "resourceVersion",
    "uid",
    "ownerReferences",
    "managedFields",
    "generation",
    "creationTimestamp",
    "selfLink",
    # Cluster 1's controllers' cleanup duties (e.g. the service controller's load-balancer finalizer) and deletion
    # state: on another cluster a finalizer nobody removes blocks deletion forever.
    "finalizers",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
)
_ANNOTATIONS_DROP = frozenset({DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED, DEPLOYMENT_REVISION})
ARGOCD_PREFIX = "argocd.argoproj.io/"
"""Annotations of cluster 1's Argo CD, on an object it applied there (a ConfigMap the generator renders, such as a
shard's audit policy): its tracking id and the sync wave of cluster 1's `kcp` Application
(argoproj/argo-cd@v3.5.1:util/argo/resource_tracking.go, gitops-engine/pkg/sync/syncwaves/waves.go). Carried along, the wave
would order the object within the shard cluster's `kcp-bridge` Application, behind the Deployment that needs it."""
_SERVICE_SPEC_KEEP = frozenset({"type", "ports", "selector"})
_EXPOSURE_KEYS = frozenset({"type", "loadBalancerClass", "loadBalancerSourceRanges", "externalTrafficPolicy"})
SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options"
RECREATE_ON_INVALID = "ServerSideApply=false,Force=true"
"""Sync options of a delivered LoadBalancer Service, so Argo CD re-creates it when an immutable field changes."""
# (apiVersion, kind, plural): the kinds kcp-operator puts in bundles, plus the ones references point at.
_KINDS = (
    ("v1", "Secret", "secrets"),
    ("v1", "ConfigMap", "configmaps"),
    ("v1", "Service", "services"),
    ("v1", "ServiceAccount", "serviceaccounts"),
    ("apps/v1", "Deployment", "deployments"),
    ("apps/v1", "StatefulSet", "statefulsets"),
)


@dataclass(frozen=True)
class Reference:
    """A Secret or ConfigMap that a bundled pod template needs."""

    kind: str
    name: str
    optional: bool
    used_by: str


def bundle_key(*, api_version: str, plural: str, namespace: str, name: str) -> str:
    """The data key kcp-operator gives an object: its API path with '/', '-' and '.' turned into '_'."""
    if "/" in api_version:
        group, version = api_version.split("/", 1)
        prefix = f"apis_{group.replace('.', '_')}_{version}"
    else:
        prefix = f"api_{api_version}"
    return f"{prefix}_namespaces_{namespace.replace('-', '_')}_{plural}_{name.replace('-', '_')}"


def plural_for(*, api_version: str, kind: str) -> str:
    """The resource name of a kind, as used in API paths and bundle keys."""
    for known_version, known_kind, plural in _KINDS:
        if (known_version, known_kind) == (api_version, kind):
            return plural
    return kind.lower() + "s"


def decode_bundle(*, secret: dict[str, Any], namespace: str, name: str) -> list[dict[str, Any]]:
    """Unpack a bundle Secret into objects, filling in apiVersion/kind from the key when absent."""
    where = f"bundle Secret {namespace}/{name}"
    if secret.get("kind", "Secret") != "Secret" or secret.get("apiVersion", "v1") != "v1":
        raise BundleError(f"{where} is not a v1 Secret (got kind {str(secret.get('kind'))[:64]!r})")
    data = secret.get("data")
    if not isinstance(data, dict) or not data:
        raise BundleError(f"{where} has no data")
    objects = []
    for key in sorted(data):
        value = data[key]
        try:
            raw = base64.b64decode(value if isinstance(value, str) else "", validate=True)
        except (binascii.Error, ValueError):
            raise BundleError(f"{where}: key {key} is not valid base64") from None
        try:
            obj = json.loads(raw)
        except ValueError:
            raise BundleError(f"{where}: key {key} does not hold valid JSON") from None
        if not isinstance(obj, dict):
            raise BundleError(f"{where}: key {key} does not hold a JSON object")
        objects.append(_typed(obj=obj, key=key, namespace=namespace, where=where))
    if not any(o["kind"] == "Deployment" for o in objects):
        raise BundleError(f"{where} holds no Deployment, so the Secrets its pods need cannot be computed")
    return objects


def _typed(*, obj: dict[str, Any], key: str, namespace: str, where: str) -> dict[str, Any]:
    metadata = obj.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("name"), str) or not metadata["name"]:
        raise BundleError(f"{where}: key {key} holds an object without metadata.name")
    obj_name = metadata["name"]
    obj_namespace = metadata.get("namespace") or ""
    if obj_namespace != namespace:
        raise BundleError(f"{where}: key {key} holds an object in namespace {obj_namespace!r}, expected {namespace!r}")
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if api_version and kind:
        expected = bundle_key(
            api_version=api_version, plural=plural_for(api_version=api_version, kind=kind), namespace=namespace, name=obj_name
        )
        if expected != key:
            raise BundleError(f"{where}: key {key} does not match the {kind} {obj_name} it holds")
        return obj
    # kcp-operator marshals typed objects read through controller-runtime, which leaves TypeMeta empty.
    for known_version, known_kind, plural in _KINDS:
        if bundle_key(api_version=known_version, plural=plural, namespace=namespace, name=obj_name) == key:
            return {"apiVersion": known_version, "kind": known_kind, **obj}
    raise BundleError(f"{where}: key {key} names no known kind for object {obj_name}")


def _pod_specs(obj: dict[str, Any]) -> Iterator[dict[str, Any]]:
    spec = obj.get("spec") or {}
    template = spec.get("template") or {}
    pod = template.get("spec")
    if isinstance(pod, dict):
        yield pod


def references(*, objects: list[dict[str, Any]]) -> list[Reference]:
    """Every Secret/ConfigMap named by the pod templates (volumes, projected, env, envFrom, pull secrets)."""
    found: dict[tuple[str, str], Reference] = {}

    def add(kind: str, name: object, optional: object, used_by: str) -> None:
        if not isinstance(name, str) or not name:
            return
        is_optional = bool(optional)
        previous = found.get((kind, name))
        if previous is not None:
            is_optional = is_optional and previous.optional
        found[(kind, name)] = Reference(kind=kind, name=name, optional=is_optional, used_by=used_by)

    for obj in objects:
        if obj.get("kind") not in ("Deployment", "StatefulSet"):
            continue
        owner = f"{obj['kind']} {obj['metadata']['name']}"
        for pod in _pod_specs(obj):
            for volume in pod.get("volumes") or []:
                if not isinstance(volume, dict):
                    continue
                secret = volume.get("secret")
                if isinstance(secret, dict):
                    add("Secret", secret.get("secretName"), secret.get("optional"), owner)
                config_map = volume.get("configMap")
                if isinstance(config_map, dict):
                    add("ConfigMap", config_map.get("name"), config_map.get("optional"), owner)
                projected = volume.get("projected")
                if isinstance(projected, dict):
                    for source in projected.get("sources") or []:
                        if not isinstance(source, dict):
                            continue
                        for field, kind in (("secret", "Secret"), ("configMap", "ConfigMap")):
                            ref = source.get(field)
                            if isinstance(ref, dict):
                                add(kind, ref.get("name"), ref.get("optional"), owner)
            containers = [
                *(pod.get("initContainers") or []),
                *(pod.get("containers") or []),
                *(pod.get("ephemeralContainers") or []),
            ]
            for container in containers:
                if not isinstance(container, dict):
                    continue
                for env in container.get("env") or []:
                    value_from = env.get("valueFrom") if isinstance(env, dict) else None
                    if not isinstance(value_from, dict):
                        continue
                    for field, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                        ref = value_from.get(field)
                        if isinstance(ref, dict):
                            add(kind, ref.get("name"), ref.get("optional"), owner)
                for env_from in container.get("envFrom") or []:
                    if not isinstance(env_from, dict):
                        continue
                    for field, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                        ref = env_from.get(field)
                        if isinstance(ref, dict):
                            add(kind, ref.get("name"), ref.get("optional"), owner)
            for pull in pod.get("imagePullSecrets") or []:
                # The kubelet pulls anonymously when a pull secret is missing, so these never block delivery.
                if isinstance(pull, dict):
                    add("Secret", pull.get("name"), True, owner)
    return sorted(found.values(), key=lambda r: (r.kind, r.name))


def clean(*, obj: dict[str, Any]) -> dict[str, Any]:
    """Strip what must not travel to another cluster: status, server metadata, cluster 1's allocations and annotations.

    kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go generateBundleData clears only resourceVersion, uid,
    selfLink, generation, creationTimestamp, managedFields and ownerReferences, and marshals the typed object whole, so
    a bundled (or live) object still carries status, finalizers, the Deployment controller's revision annotation and
    everything the API server allocated for a Service on cluster 1 (see `_clean_service`).
    """
    # Copies only the levels it changes: nested values stay shared with the input, so callers treat them as read-only.
    result = {k: v for k, v in obj.items() if k != "status"}
    metadata = {k: v for k, v in (result.get("metadata") or {}).items() if k not in _METADATA_DROP}
    annotations = metadata.get("annotations")
    if isinstance(annotations, dict):
        # A last-applied copy of a Secret would carry its values in plain text.
        kept = {k: v for k, v in annotations.items() if k not in _ANNOTATIONS_DROP and not k.startswith(ARGOCD_PREFIX)}
        if kept:
            metadata["annotations"] = kept
        else:
            metadata.pop("annotations")
    result["metadata"] = metadata
    if result.get("kind") == "Service" and isinstance(result.get("spec"), dict):
        result["spec"] = _clean_service(result["spec"])
    return result


def _clean_service(spec: dict[str, Any]) -> dict[str, Any]:
    """A Service spec with only what kcp-operator itself sets: ports, selector and type (plus a headless `clusterIP`).

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/service.go ServiceReconciler sets only type, ports
    (name, protocol, port, targetPort, appProtocol), selector and labels, and
    internal/resources/utils/services.go ApplyServiceTemplate only type and clusterIP (plus metadata): every other field
    was filled in on cluster 1. Node ports and the health-check node port come from cluster 1's node-port range
    (another cluster may answer "port already allocated"); cluster IPs from its service CIDR; ipFamilies and
    ipFamilyPolicy follow its IP stack (an IPv6-only cluster rejects IPv4); the traffic policies, session affinity and
    allocateLoadBalancerNodePorts are its API server's defaults or its balancer's settings. A headless Service's
    `clusterIP: None` is intent, not an allocation, and stays.
    """
    result = {k: v for k, v in spec.items() if k in _SERVICE_SPEC_KEEP}
    if spec.get("clusterIP") == "None":
        result["clusterIP"] = "None"
    ports = spec.get("ports")
    if isinstance(ports, list):
        result["ports"] = [{k: v for k, v in p.items() if k != "nodePort"} if isinstance(p, dict) else p for p in ports]
    return result


def shape_service(*, obj: dict[str, Any], exposure: ServiceExposure) -> dict[str, Any]:
    """A cleaned Service given the target cluster's exposure: its type, balancer fields and annotations, none of cluster 1's.

    Cluster 1 runs a remote shard's Service as ClusterIP (its Shard's serviceTemplate), so everything about the load
    balancer comes from the target's settings. A LoadBalancer Service is applied client-side with `Force=true`: kubectl
    deletes and re-creates an object whose patch is refused as Invalid (k8s.io/kubectl@v0.36.1:pkg/cmd/apply/patcher.go
    Patch, deleteAndCreate; Argo CD passes Force as DeleteOptions.ForceDeletion, argoproj/argo-cd@v3.5.1:
    gitops-engine/pkg/utils/kube/resource_ops.go newApplyOptions), which is what a changed `loadBalancerClass` (immutable
    once set) needs; server-side apply has no such fallback, so it is switched off for this one object
    (gitops-engine/pkg/sync/sync_context.go shouldUseServerSideApply, applyObject).
    """
    spec = {k: v for k, v in (obj.get("spec") or {}).items() if k not in _EXPOSURE_KEYS}
    spec["type"] = exposure.type
    if exposure.type == "LoadBalancer":
        if exposure.load_balancer_class:
            spec["loadBalancerClass"] = exposure.load_balancer_class
        if exposure.load_balancer_source_ranges:
            spec["loadBalancerSourceRanges"] = list(exposure.load_balancer_source_ranges)
        if exposure.external_traffic_policy:
            spec["externalTrafficPolicy"] = exposure.external_traffic_policy
    metadata = {k: v for k, v in (obj.get("metadata") or {}).items() if k != "annotations"}
    annotations = dict(exposure.annotations)
    if exposure.type == "LoadBalancer":
        annotations[SYNC_OPTIONS_ANNOTATION] = RECREATE_ON_INVALID
    if annotations:
        metadata["annotations"] = annotations
    return {**obj, "metadata": metadata, "spec": spec}


def fingerprint_pod_templates(*, obj: dict[str, Any], fingerprints: dict[tuple[str, str], str], prefix: str) -> dict[str, Any]:
    """A workload whose pod template names, in annotations, the fingerprint of each delivered Secret/ConfigMap it references.

    kcp-operator v0.9.0 labels the pod template with the resourceVersion of each Secret and ConfigMap it mounts
    (kcp-dev/kcp-operator@v0.9.0:pkg/reconciling/modifier/revision_labels.go addRevisionLabelsToPodSpec), so pods roll
    when one changes. Those are cluster 1's resourceVersions: carried along, an update that changes nothing the shard
    mounts would restart it elsewhere. They are replaced by annotations (label values stop at 63 characters) holding the
    bridge's keyed fingerprint of what is delivered: `<prefix>/<secret|configmap>-<sha3(name)[:20]>-fingerprint`, the
    hash part named as in `kcpmodel.revision_label`. A reference the bridge does not deliver (excluded, or optional
    and absent) gets none.
    """
    if obj.get("kind") not in ("Deployment", "StatefulSet"):
        return obj
    spec = obj.get("spec")
    template = spec.get("template") if isinstance(spec, dict) else None
    if not isinstance(template, dict):
        return obj
    template_meta = dict(template.get("metadata") or {})
    labels = {k: v for k, v in (template_meta.get("labels") or {}).items() if not is_revision_label(k)}
    annotations = dict(template_meta.get("annotations") or {})
    for ref in references(objects=[obj]):
        value = fingerprints.get((ref.kind, ref.name))
        if value is not None:
            annotations[content_annotation(kind=ref.kind, name=ref.name, prefix=prefix)] = value
    if labels:
        template_meta["labels"] = labels
    else:
        template_meta.pop("labels", None)
    if annotations:
        template_meta["annotations"] = dict(sorted(annotations.items()))
    return {**obj, "spec": {**spec, "template": {**template, "metadata": template_meta}}}


def content_annotation(*, kind: str, name: str, prefix: str) -> str:
    """The pod-template annotation key for one referenced Secret or ConfigMap (see `fingerprint_pod_templates`)."""
    resource = "secret" if kind == "Secret" else "configmap"
    label = revision_label(resource, name)
    return f"{prefix}/{label.removeprefix('operator.kcp.io/').removesuffix('-rev')}-fingerprint"


def mounted_content(*, obj: dict[str, Any]) -> dict[str, Any]:
    """What a pod sees of a Secret or ConfigMap: its data, never its metadata."""
    fields = ("data", "stringData") if obj.get("kind") == "Secret" else ("data", "binaryData")
    return {f: obj[f] for f in fields if obj.get(f)}
