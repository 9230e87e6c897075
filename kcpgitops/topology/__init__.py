"""The topology file: typed models, a loader with field-level error messages, and its placeholder and deprecation reports."""

from ._deprecations import Deprecation, deprecations
from ._exposure import SOURCE_RANGES_ANNOTATION, Exposure, LoadBalancer
from ._git import BridgeDestination, BridgeTarget, repository_key
from ._images import Images, Job, JobImage, job_image, project_version
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
from ._overrides import EVERY_CLUSTER, Override, OverrideTarget, PatchOperation
from ._placeholders import STRICT_ENV, Placeholder, is_reserved_host, placeholders, strict_mode

__all__ = [
    "EVERY_CLUSTER",
    "REPO_ROOT",
    "ROOT_WORKSPACE",
    "SOURCE_RANGES_ANNOTATION",
    "STRICT_ENV",
    "Acme",
    "BridgeDestination",
    "BridgeTarget",
    "Cluster",
    "Deprecation",
    "Etcd",
    "Exposure",
    "FrontProxy",
    "GitSource",
    "Images",
    "Job",
    "JobImage",
    "Kcp",
    "LoadBalancer",
    "Oidc",
    "Override",
    "OverrideTarget",
    "PatchOperation",
    "Placeholder",
    "Shard",
    "Topology",
    "TopologyError",
    "Versions",
    "deprecations",
    "is_reserved_host",
    "job_image",
    "kcp_shard_name",
    "load_kcp_file",
    "load_topology",
    "parent_of",
    "parse_topology",
    "placeholders",
    "project_version",
    "repository_key",
    "shard_labels",
    "split_export_ref",
    "strict_mode",
]
