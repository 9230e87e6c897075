"""The topology file: typed models and a loader with field-level error messages."""

from ._kcp import (
    REPO_ROOT,
    ROOT_WORKSPACE,
    Kcp,
    kcp_shard_name,
    load_kcp_file,
    parent_of,
    shard_labels,
    split_export_ref,
)
from ._loader import TopologyError, load_topology, parse_topology
from ._models import Acme, Cluster, Etcd, FrontProxy, GitSource, Oidc, Shard, Topology, Versions

__all__ = [
    "REPO_ROOT",
    "ROOT_WORKSPACE",
    "Acme",
    "Cluster",
    "Etcd",
    "FrontProxy",
    "GitSource",
    "Kcp",
    "Oidc",
    "Shard",
    "Topology",
    "TopologyError",
    "Versions",
    "kcp_shard_name",
    "load_kcp_file",
    "load_topology",
    "parent_of",
    "parse_topology",
    "shard_labels",
    "split_export_ref",
]
