"""What kcp-operator v0.9.0 puts into a bundle: the object list per owner, the data key and value of each object,
and the pod-template revision labels the bundled Deployments carry."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from typing import Any

from ._common import BUNDLE_DESIRED_REPLICAS, ca_name, identity


def revision_label(resource: str, name: str) -> str:
    """The pod-template label carrying a mounted Secret's (or ConfigMap's) resourceVersion, so a change rolls the pods.

    kcp-dev/kcp-operator@v0.9.0:pkg/reconciling/modifier/revision_labels.go getLabelName:
    `operator.kcp.io/<resource>-<sha3-256(name)[:20]>-rev`.
    """
    return f"operator.kcp.io/{resource}-{hashlib.sha3_256(name.encode()).hexdigest()[:20]}-rev"


_REVISION_LABEL = re.compile(r"^operator\.kcp\.io/(secret|configmap)-[0-9a-f]{20}-rev$")


def is_revision_label(key: str) -> bool:
    """Whether a pod-template label is one of `revision_label`'s (its value is a resourceVersion of the cluster it was made on).

    kcp-dev/kcp-operator@v0.9.0:pkg/reconciling/modifier/revision_labels.go getRelatedRevisionLabels: resources
    `secret` and `configmap` only.
    """
    return bool(_REVISION_LABEL.match(key))


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
    name, _, spec = identity(owner)
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
    kind = obj.get("kind", "")
    obj = copy.deepcopy(restore_desired_replicas(obj) if kind == "Deployment" else obj)
    meta = obj.get("metadata") or {}
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


def restore_desired_replicas(deployment: dict) -> dict:
    """A bundled owner's Deployment as the bundle exports it: `spec.replicas` back from the
    `operator.kcp.io/bundle-desired-replicas` annotation, the annotation removed.

    kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go createBundleObjects: the value is parsed as a
    base-10 int32; one that does not parse leaves spec.replicas as it is, and the annotation goes either way. An empty
    annotation map is dropped (it marshals as absent).

    Only the levels that change are copied (the pod template of a kcp Deployment is large and this runs for every
    shard on every bridge cycle): nested values stay shared with the input, so treat both as read-only.
    """
    meta = deployment.get("metadata") or {}
    annotations = meta.get("annotations") or {}
    if BUNDLE_DESIRED_REPLICAS not in annotations:
        return dict(deployment)
    desired = annotations[BUNDLE_DESIRED_REPLICAS]
    kept = {k: v for k, v in annotations.items() if k != BUNDLE_DESIRED_REPLICAS}
    out_meta = {k: v for k, v in meta.items() if k != "annotations"}
    if kept:
        out_meta["annotations"] = kept
    out = {**deployment, "metadata": out_meta}
    if re.fullmatch(r"[+-]?\d+", desired or "") and -(2**31) <= int(desired) < 2**31:
        out["spec"] = {**(deployment.get("spec") or {}), "replicas": int(desired)}
    return out
