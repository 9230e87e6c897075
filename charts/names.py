"""Names the Argo CD trees give to directories, Applications and controllers, and where the documented commands keep
the kcp admin kubeconfig: for code that documents them.

A leaf module on purpose: `kcpgitops.bootstrap` needs these names, and `charts.argocd` renders its README from
`kcpgitops.bootstrap`'s steps, so the names cannot live in `charts.argocd` without an import cycle.
"""

from __future__ import annotations

from kcpgitops.operator_manifests import KCP_OPERATOR_NAMESPACE as OPERATOR_NAMESPACE
from workspace_clusters import PREFIX

BOOTSTRAP, APPS, ETCD_DRUID_CRDS, KCP_OPERATOR = "bootstrap", "apps", "etcd-druid-crds", "kcp-operator"
"""Directories of `argocd/<cluster>/`."""

ROOT_APP = "app-of-apps"
"""The app of apps each cluster's bootstrap applies."""

SEALED_SECRETS_APP = "sealed-secrets"
"""The sealed-secrets controller's Application."""
SEALED_SECRETS_NAMESPACE = "kube-system"
"""Namespace of the sealed-secrets controller."""
SEALED_SECRETS_CONTROLLER = "sealed-secrets-controller"
"""`kubeseal`'s default controller name; the chart's `fullnameOverride` makes the Service match it."""
KCP_OPERATOR_NAMESPACE = OPERATOR_NAMESPACE
"""Namespace kcp-operator runs in: the one upstream's config/default sets (the vendored manifests are not re-namespaced)."""

WORKSPACE_CLUSTERS_JOB = f"{PREFIX}clusters"
"""The root cluster's CronJob (and Application) writing one Argo CD cluster Secret per kcp workspace."""

ADMIN_KUBECONFIG_VAR = "KCP_KUBECONFIG"
"""Shell variable holding the path the verification commands save the kcp admin kubeconfig to."""
ADMIN_KUBECONFIG_PATH = f'{ADMIN_KUBECONFIG_VAR}="${{{ADMIN_KUBECONFIG_VAR}:-$(mktemp -d)/kcp-admin.kubeconfig}}"'
"""Sets that path, unless already set, in a fresh private (0700) directory: the kubeconfig holds a client private key
and must never land in the current directory, the GitOps repository."""
ADMIN_KUBECONFIG_FILE = f'"${ADMIN_KUBECONFIG_VAR}"'
"""The kcp admin kubeconfig, as the commands name it."""

__all__ = [
    "ADMIN_KUBECONFIG_FILE",
    "ADMIN_KUBECONFIG_PATH",
    "ADMIN_KUBECONFIG_VAR",
    "APPS",
    "BOOTSTRAP",
    "ETCD_DRUID_CRDS",
    "KCP_OPERATOR",
    "KCP_OPERATOR_NAMESPACE",
    "ROOT_APP",
    "SEALED_SECRETS_APP",
    "SEALED_SECRETS_CONTROLLER",
    "SEALED_SECRETS_NAMESPACE",
    "WORKSPACE_CLUSTERS_JOB",
]
