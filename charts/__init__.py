"""cdk8s constructs: one per concept of the kcp-zheng deployment, composed per cluster by `ClusterChart`."""

from .cluster import ClusterChart

__all__ = ["ClusterChart"]
