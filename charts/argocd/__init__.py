"""Argo CD objects each cluster applies to itself: app of apps, prerequisites, kcp and the bridge's bundles."""

from ._chart import ArgoCdTree
from ._plan import APPS, BOOTSTRAP, KCP_OPERATOR, ROOT_APP, ClusterPlan, plan_cluster, sync_policy
from ._sources import KCP_OPERATOR_NAMESPACE, SEALED_SECRETS, SEALED_SECRETS_CONTROLLER

__all__ = [
    "APPS",
    "BOOTSTRAP",
    "KCP_OPERATOR",
    "KCP_OPERATOR_NAMESPACE",
    "ROOT_APP",
    "SEALED_SECRETS",
    "SEALED_SECRETS_CONTROLLER",
    "ArgoCdTree",
    "ClusterPlan",
    "plan_cluster",
    "sync_policy",
]
