"""Turning rendered manifests into reviewable files: paths, YAML, sync waves, references, atomic writes, and the
record of the inputs a tree was rendered from."""

from ._files import CLUSTER_SCOPED_DIR, dump_all_yaml, dump_yaml, manifest_path, ordered
from ._inputs import (
    RENDER_INPUTS,
    render_inputs,
    render_inputs_text,
    repository_root,
    topology_name,
    verify_render_inputs,
)
from ._refs import (
    CERT_MANAGER_NAMESPACE,
    Key,
    Ref,
    etcd_endpoint_target,
    is_bundled,
    key_of,
    operator_secrets,
    references,
    secrets_produced,
)
from ._swap import write_trees
from ._waves import SYNC_WAVE, annotate_sync_waves, sync_waves

__all__ = [
    "CERT_MANAGER_NAMESPACE",
    "CLUSTER_SCOPED_DIR",
    "RENDER_INPUTS",
    "SYNC_WAVE",
    "Key",
    "Ref",
    "annotate_sync_waves",
    "dump_all_yaml",
    "dump_yaml",
    "etcd_endpoint_target",
    "is_bundled",
    "key_of",
    "manifest_path",
    "operator_secrets",
    "ordered",
    "references",
    "render_inputs",
    "render_inputs_text",
    "repository_root",
    "secrets_produced",
    "sync_waves",
    "topology_name",
    "verify_render_inputs",
    "write_trees",
]
