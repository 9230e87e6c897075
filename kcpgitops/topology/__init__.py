"""The topology file: typed models and a loader with field-level error messages."""

from ._loader import TopologyError, load_topology, parse_topology
from ._models import Cluster, Etcd, FrontProxy, GitSource, Oidc, Shard, Topology, Versions

__all__ = [
    "Cluster",
    "Etcd",
    "FrontProxy",
    "GitSource",
    "Oidc",
    "Shard",
    "Topology",
    "TopologyError",
    "Versions",
    "load_topology",
    "parse_topology",
]
