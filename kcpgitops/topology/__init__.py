"""The topology file: typed models, a loader with field-level error messages, and its placeholder and deprecation reports."""

from ._deprecations import Deprecation, deprecations
from ._git import BridgeDestination, BridgeTarget, repository_key
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
from ._placeholders import STRICT_ENV, Placeholder, is_reserved_host, placeholders, strict_mode

__all__ = [
    "REPO_ROOT",
    "ROOT_WORKSPACE",
    "STRICT_ENV",
    "Acme",
    "BridgeDestination",
    "BridgeTarget",
    "Cluster",
    "Deprecation",
    "Etcd",
    "FrontProxy",
    "GitSource",
    "Kcp",
    "Oidc",
    "Placeholder",
    "Shard",
    "Topology",
    "TopologyError",
    "Versions",
    "deprecations",
    "is_reserved_host",
    "kcp_shard_name",
    "load_kcp_file",
    "load_topology",
    "parent_of",
    "parse_topology",
    "placeholders",
    "repository_key",
    "shard_labels",
    "split_export_ref",
    "strict_mode",
]
