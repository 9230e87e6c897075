"""Where each prerequisite comes from, the namespace it runs in, and the kinds its Helm chart creates."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from kcpgitops.output import CERT_MANAGER_NAMESPACE
from kcpgitops.topology import ChartRepositories
from kcpgitops.yaml_cache import load_documents

from ..names import KCP_OPERATOR_NAMESPACE, SEALED_SECRETS_APP, SEALED_SECRETS_CONTROLLER, SEALED_SECRETS_NAMESPACE

IN_CLUSTER = "https://kubernetes.default.svc"
"""Every Argo CD deploys only to its own cluster: no cluster credentials are stored anywhere."""

VENDOR = Path(__file__).resolve().parents[2] / "vendor"

ETCD_DRUID_NAMESPACE = "etcd-druid"
_UPSTREAM_CHARTS = ChartRepositories()
"""The topology's default chart repositories (`images.charts`), the upstream ones."""
KCP_OPERATOR_FEATURE_GATES = ("ConfigurationBundle=true",)
"""The bundle feature the guide requires (`--feature-gates=ConfigurationBundle=true`)."""

Kind = tuple[str, str]
"""(API group, kind); the core group is ''."""

_RBAC = "rbac.authorization.k8s.io"
_ADMISSION = "admissionregistration.k8s.io"
_CRD: Kind = ("apiextensions.k8s.io", "CustomResourceDefinition")


@dataclass(frozen=True)
class HelmChart:
    """A Helm chart Argo CD renders itself, with what it creates (from the chart's templates at the pinned version)."""

    app: str
    """Application name (and Helm release name)."""
    repo_url: str
    """Upstream chart repository (OCI registries without the `oci://` scheme, as Argo CD expects); the topology's
    `images.charts` may name a mirror instead (charts/images.py chart_repository)."""
    chart: str
    namespace: str
    """Release namespace."""
    values: dict = field(default_factory=dict)
    namespaces: tuple[str, ...] = ()
    """Further namespaces the chart writes into (besides `namespace`)."""
    cluster_kinds: tuple[Kind, ...] = ()
    namespaced_kinds: tuple[Kind, ...] = ()


CERT_MANAGER = HelmChart(
    app="cert-manager",
    repo_url=_UPSTREAM_CHARTS.cert_manager,
    chart="cert-manager",
    namespace=CERT_MANAGER_NAMESPACE,
    values={"crds": {"enabled": True}},
    # Leader-election Roles live in global.leaderElection.namespace (kube-system by default).
    namespaces=("kube-system",),
    cluster_kinds=(_CRD, (_RBAC, "ClusterRole"), (_RBAC, "ClusterRoleBinding"),
                   (_ADMISSION, "MutatingWebhookConfiguration"), (_ADMISSION, "ValidatingWebhookConfiguration")),
    # The startupapicheck Job and its RBAC are Helm hooks, which Argo CD runs as PostSync hooks.
    namespaced_kinds=(("", "ConfigMap"), ("", "Service"), ("", "ServiceAccount"), ("apps", "Deployment"),
                      ("batch", "Job"), (_RBAC, "Role"), (_RBAC, "RoleBinding")),
)

SEALED_SECRETS = HelmChart(
    app=SEALED_SECRETS_APP,
    repo_url=_UPSTREAM_CHARTS.sealed_secrets,
    chart="sealed-secrets",
    namespace=SEALED_SECRETS_NAMESPACE,
    values={"fullnameOverride": SEALED_SECRETS_CONTROLLER},
    cluster_kinds=(_CRD, (_RBAC, "ClusterRole"), (_RBAC, "ClusterRoleBinding")),
    namespaced_kinds=(("", "Service"), ("", "ServiceAccount"), ("apps", "Deployment"), (_RBAC, "Role"), (_RBAC, "RoleBinding")),
)

ETCD_DRUID = HelmChart(
    app="etcd-druid",
    repo_url=_UPSTREAM_CHARTS.etcd_druid,
    chart="etcd-druid",
    namespace=ETCD_DRUID_NAMESPACE,
    # Spec auto-reconcile defaults to false (gardener/etcd-druid@v0.33.0:charts/values.yaml); then druid reconciles a
    # changed Etcd spec only with the `gardener.cloud/operation: reconcile` annotation (internal/controller/etcd/
    # reconcile_spec.go shouldReconcileSpec()), so a spec change from Git would never reach etcd and
    # status.observedGeneration would stay behind forever.
    # It is set through the chart's command-line flags (`enabledOperatorConfig: false`, `controllers.etcd`), not its
    # operator configuration: that ConfigMap (charts/templates/operatorconfigmap.yaml) is `immutable: true` under a
    # fixed name and the Deployment carries no checksum of it, so on a cluster that already runs druid the changed
    # ConfigMap is refused ("field is immutable") and druid would never restart to read it; the rehearsal's
    # upgrade-from-cyclic-bootstrap scenario stalls exactly there. Flags live in the pod template
    # (charts/templates/deployment.yaml), so a change rolls druid, and the ConfigMap is pruned. Helm merges this into
    # the chart's defaults, so the other flags keep their values. The flags are deprecated upstream but served by the
    # pinned chart; revisit when the pin moves.
    values={"enabledOperatorConfig": False, "controllers": {"etcd": {"enableEtcdSpecAutoReconcile": True}}},
    cluster_kinds=((_RBAC, "ClusterRole"), (_RBAC, "ClusterRoleBinding"), (_ADMISSION, "ValidatingWebhookConfiguration")),
    namespaced_kinds=(("", "ConfigMap"), ("", "Secret"), ("", "Service"), ("", "ServiceAccount"), ("apps", "Deployment")),
)

BRIDGE_KINDS: tuple[Kind, ...] = (
    ("bitnami.com", "SealedSecret"),
    ("", "ConfigMap"),
    ("", "Service"),
    ("", "ServiceAccount"),
    ("apps", "Deployment"),
    ("apps", "StatefulSet"),
)
"""What the bridge writes for a remote shard: the bundle's objects (bridge/_bundle.py), Secrets sealed."""

BRIDGE_NAMESPACE_FILE = "namespace.yaml"
"""The bridge's own Namespace file (bridge/_render.py); the kcp Application already owns that Namespace."""


@functools.lru_cache(maxsize=4)
def etcd_druid_crds(version: str) -> tuple[dict, ...]:
    """The vendored etcd-druid CRDs of `version` (its chart ships none), sorted by name; callers must copy before changing."""
    directory = VENDOR / "crds" / f"etcd-druid-{version}"
    if not directory.is_dir():
        raise ValueError(
            f"versions.etcdDruid {version!r}: no CRDs vendored under {directory.relative_to(VENDOR.parent)}; "
            "vendor that release's api/core/v1alpha1/crds/*.yaml there or pin v0.33.0"
        )
    docs = [
        doc
        for path in sorted(directory.glob("*.yaml"))
        for doc in load_documents(path)
        if doc and doc.get("kind") == "CustomResourceDefinition"
    ]
    return tuple(sorted(docs, key=lambda d: d["metadata"]["name"]))
