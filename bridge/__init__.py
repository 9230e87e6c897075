"""kcp bundle bridge: carries kcp-operator shard bundles from cluster 1 to the shard clusters' GitOps repos, sealed."""

from .cli import main

__all__ = ["main"]
__version__ = "0.1.0"
