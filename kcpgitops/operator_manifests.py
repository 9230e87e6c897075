"""kcp-operator v0.9.0 manifests built from the vendored upstream kustomize config, with the bundle feature gate.

Equivalent to upstream's ``hack/ci/testdata/single`` overlay on ``config/default`` (image override plus a JSON6902
patch appending ``--feature-gates=...`` to the manager container), built with :mod:`kcpgitops.kustomize`; there is
no Helm chart for v0.9.0 and chart 0.7.7 cannot pass extra args.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kcpgitops.kustomize import build_kustomization

__all__ = ["KCP_OPERATOR_CONFIG", "render_kcp_operator"]

KCP_OPERATOR_CONFIG = Path(__file__).resolve().parents[1] / "vendor" / "kcp-operator-v0.9.0" / "config"

# Image the upstream config/manager kustomization sets; the overlay retargets it like upstream CI does.
_UPSTREAM_IMAGE = "ghcr.io/kcp-dev/kcp-operator"

# kustomize's legacy output order, except that CRDs come first so nothing is applied before its type exists.
_KIND_ORDER = (
    "CustomResourceDefinition",
    "Namespace",
    "ResourceQuota",
    "StorageClass",
    "ServiceAccount",
    "PodSecurityPolicy",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Endpoints",
    "Service",
    "LimitRange",
    "PriorityClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
)
_KIND_ORDER_LAST = ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")


def render_kcp_operator(
    *,
    image: str = _UPSTREAM_IMAGE,
    tag: str = "v0.9.0",
    namespace: str = "kcp-operator-system",
    feature_gates: Sequence[str] = ("ConfigurationBundle=true",),
    extra_args: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Return the kcp-operator CRDs, RBAC, Namespace, Deployment and Service in a deterministic order."""
    if not image or ":" in image.rpartition("/")[2] or "@" in image:
        raise ValueError(f"image must be a repository without tag or digest, got {image!r}")
    if not tag:
        raise ValueError("tag must not be empty")
    if isinstance(feature_gates, str) or isinstance(extra_args, str):
        raise TypeError("feature_gates and extra_args are sequences of strings, not strings")
    if any(arg.startswith("--feature-gates") for arg in extra_args):
        # The operator's flag parsing keeps only the last --feature-gates; pass gates via feature_gates instead.
        raise ValueError("pass feature gates via feature_gates, not extra_args")
    args = [f"--feature-gates={','.join(feature_gates)}"] if feature_gates else []
    args.extend(extra_args)
    overlay: dict[str, Any] = {
        "resources": ["default"],
        "namespace": namespace,
        "images": [{"name": _UPSTREAM_IMAGE, "newName": image, "newTag": tag}],
    }
    if args:
        operations = [{"op": "add", "path": "/spec/template/spec/containers/0/args/-", "value": a} for a in args]
        overlay["patches"] = [{"patch": json.dumps(operations), "target": {"kind": "Deployment", "name": "controller-manager"}}]
    docs = build_kustomization(overlay, base_dir=KCP_OPERATOR_CONFIG)
    if not any(d["kind"] == "Namespace" and d["metadata"]["name"] == namespace for d in docs):
        docs.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}})
    return sorted(docs, key=_order_key)


def _order_key(doc: dict[str, Any]) -> tuple[int, str, str, str, str]:
    kind = doc["kind"]
    if kind in _KIND_ORDER:
        rank = _KIND_ORDER.index(kind)
    elif kind in _KIND_ORDER_LAST:
        rank = len(_KIND_ORDER) + 1 + _KIND_ORDER_LAST.index(kind)
    else:
        rank = len(_KIND_ORDER)
    metadata = doc["metadata"]
    return (rank, kind, doc["apiVersion"], metadata.get("namespace", ""), metadata["name"])
