"""The topology file: typed models, a loader with field-level error messages, and its placeholder and deprecation reports."""

from ._acme import AcmeSolver, Dns01, SolverSecret, acme_solver
from ._audit import AUDIT_POLICY_KEY, AUDIT_WEBHOOK_KEY, Audit, AuditPolicy, AuditWebhook, audit_policy_config_map, shard_audit
from ._deprecations import Deprecation, deprecations
from ._etcd_settings import BackupStore, EtcdScheduling, SnapshotCompression, member_selector
from ._exposure import SOURCE_RANGES_ANNOTATION, Exposure, LoadBalancer
from ._git import BridgeDestination, BridgeTarget, repository_key
from ._images import ChartRepositories, Images, Job, JobImage, job_image, project_version, split_registry
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
from ._scheduling import (
    OPERATOR_DEFAULT_RESOURCES,
    OPERATOR_POD_LABELS,
    SHARD_DEFAULT_RESOURCES,
    KcpDefaults,
    KcpOperator,
    kcp_placement,
    kcp_resources,
    quantity_value,
)

__all__ = [
    "AUDIT_POLICY_KEY",
    "AUDIT_WEBHOOK_KEY",
    "EVERY_CLUSTER",
    "OPERATOR_DEFAULT_RESOURCES",
    "OPERATOR_POD_LABELS",
    "REPO_ROOT",
    "ROOT_WORKSPACE",
    "SHARD_DEFAULT_RESOURCES",
    "SOURCE_RANGES_ANNOTATION",
    "STRICT_ENV",
    "Acme",
    "AcmeSolver",
    "Audit",
    "AuditPolicy",
    "AuditWebhook",
    "BackupStore",
    "BridgeDestination",
    "BridgeTarget",
    "ChartRepositories",
    "Cluster",
    "Deprecation",
    "Dns01",
    "Etcd",
    "EtcdScheduling",
    "Exposure",
    "FrontProxy",
    "GitSource",
    "Images",
    "Job",
    "JobImage",
    "Kcp",
    "KcpDefaults",
    "KcpOperator",
    "LoadBalancer",
    "Oidc",
    "Override",
    "OverrideTarget",
    "PatchOperation",
    "Placeholder",
    "Shard",
    "SnapshotCompression",
    "SolverSecret",
    "Topology",
    "TopologyError",
    "Versions",
    "acme_solver",
    "audit_policy_config_map",
    "deprecations",
    "is_reserved_host",
    "job_image",
    "kcp_placement",
    "kcp_resources",
    "kcp_shard_name",
    "load_kcp_file",
    "load_topology",
    "member_selector",
    "parent_of",
    "parse_topology",
    "placeholders",
    "project_version",
    "quantity_value",
    "repository_key",
    "shard_audit",
    "shard_labels",
    "split_export_ref",
    "split_registry",
    "strict_mode",
]
