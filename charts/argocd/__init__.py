"""Argo CD objects each cluster applies to itself: app of apps, prerequisites, kcp and the bridge's bundles."""

from ._chart import ArgoCdTree
from ._plan import ClusterPlan, plan_cluster, sync_policy

__all__ = ["ArgoCdTree", "ClusterPlan", "plan_cluster", "sync_policy"]
