"""The objects created inside kcp, per workspace, with the order they must be created in.

Every object lives in one workspace (`root`, `root:provider`, ...) and may need objects of other workspaces first:

- a Workspace object lives in its parent and needs the parent's own Workspace object (parent before child);
- everything in a workspace needs that workspace's Workspace object;
- an APIExport needs its APIResourceSchemas (schema before export);
- an APIBinding needs the APIExport it binds (export before binding);
- an APIExportEndpointSlice needs its Partition and its APIExport (partition before endpoint slice).

The wave of an object is 0 without needs, else one more than its latest need. Sorting by wave gives an order that
respects every need, across workspaces too; it becomes the objects' Argo CD sync wave, the per-workspace
Applications' wave and the order `scripts/apply_kcp.sh` applies in.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from cdk8s import Chart
from constructs import Construct

from kcpgitops.output import SYNC_WAVE
from kcpgitops.topology import (
    ROOT_WORKSPACE,
    Kcp,
    load_kcp_file,
    parent_of,
    split_export_ref,
)

from .._manifest import manifest, meta

TENANCY = "tenancy.kcp.io/v1alpha1"
TOPOLOGY = "topology.kcp.io/v1alpha1"
APIS_V1ALPHA1 = "apis.kcp.io/v1alpha1"
APIS_V1ALPHA2 = "apis.kcp.io/v1alpha2"
"""`kubectl kcp bind apiexport` creates v1alpha2 APIBindings when the server prefers that version (kcp >= 0.28)."""

SYNC_OPTIONS = "argocd.argoproj.io/sync-options"
CONFIRM_PRUNE = "Prune=confirm"
"""Deleting a Workspace deletes everything in it, and deleting an APIExport breaks every binding: Argo CD prunes them
only after someone confirms in the UI or CLI, even with automated pruning."""
_CONFIRM_KINDS = frozenset({"Workspace", "APIExport"})


@dataclass(frozen=True, order=True)
class ObjectKey:
    """Identity of an object inside kcp: kind, workspace path and name (kcp's objects here are all cluster-scoped)."""

    kind: str
    workspace: str
    name: str


@dataclass
class KcpObject:
    """One object to create in one workspace, the objects it needs first, and its wave."""

    key: ObjectKey
    doc: dict
    needs: list[ObjectKey] = field(default_factory=list)
    wave: int = 0


def workspace_key(path: str) -> ObjectKey | None:
    """The Workspace object that makes `path` exist (None for root, which always exists)."""
    parent = parent_of(path)
    if parent is None:
        return None
    return ObjectKey("Workspace", parent, path.rsplit(":", 1)[1])


def plan_objects(kcp: Kcp) -> list[KcpObject]:
    """Every object of the kcp section, waves assigned, sorted by wave, workspace (parents first), kind and name."""
    objects: list[KcpObject] = []

    def add(workspace: str, doc: dict, *needs: ObjectKey | None) -> None:
        key = ObjectKey(doc["kind"], workspace, doc["metadata"]["name"])
        own = workspace_key(workspace)
        objects.append(KcpObject(key, doc, [n for n in (own, *needs) if n is not None]))

    for ws in kcp.workspaces:
        spec: dict = {}
        if ws.type_ref() is not None:
            spec["type"] = ws.type_ref()
        if ws.location_selector is not None:
            spec["location"] = {"selector": ws.location_selector.as_k8s()}
        add(ws.parent, {"apiVersion": TENANCY, "kind": "Workspace", "metadata": meta(ws.name), "spec": spec})
    for part in kcp.partitions:
        add(part.workspace, {"apiVersion": TOPOLOGY, "kind": "Partition", "metadata": meta(part.name),
                             "spec": {"selector": part.selector.as_k8s()}})
    for pset in kcp.partition_sets:
        spec = {}
        if pset.dimensions:
            spec["dimensions"] = list(pset.dimensions)
        if pset.shard_selector is not None:
            spec["shardSelector"] = pset.shard_selector.as_k8s()
        add(pset.workspace, {"apiVersion": TOPOLOGY, "kind": "PartitionSet", "metadata": meta(pset.name), "spec": spec})
    schemas_done: set[ObjectKey] = set()
    for export in kcp.api_exports:
        schema_keys = []
        for position, file in enumerate(export.schemas):
            schema = load_kcp_file(file, where=f"kcp.apiExports[{export.name}].schemas[{position}]", kind="APIResourceSchema")
            key = ObjectKey("APIResourceSchema", export.workspace, schema["metadata"]["name"])
            schema_keys.append(key)
            if key not in schemas_done:
                schemas_done.add(key)
                add(export.workspace, _clean(schema))
        doc = load_kcp_file(export.file, where=f"kcp.apiExports[{export.name}].file", kind="APIExport")
        add(export.workspace, _clean(doc), *schema_keys)
    for binding in kcp.bindings:
        path, name = split_export_ref(binding.export)
        for workspace in binding.workspaces:
            add(workspace, {
                "apiVersion": APIS_V1ALPHA2, "kind": "APIBinding", "metadata": meta(binding.binding_name),
                "spec": {"reference": {"export": {"path": path, "name": name}}},
            }, ObjectKey("APIExport", path, name))
    # Endpoint slices are built from the topology, not copied from upstream's cowboys files: upstream's
    # apiexportendpointslice-partitioned-beta.yaml names its slice `cowboys-alpha` (a copy-paste slip next to
    # `partition: beta`), so applying both upstream files leaves one slice that flips between partitions. The guide's
    # inline YAML, and the default topology, name it `cowboys-beta`.
    for eps in kcp.endpoint_slices:
        path, name = split_export_ref(eps.export)
        add(eps.workspace, {
            "apiVersion": APIS_V1ALPHA1, "kind": "APIExportEndpointSlice", "metadata": meta(eps.name),
            "spec": {"export": {"name": name, "path": path}, "partition": eps.partition},
        }, ObjectKey("Partition", eps.workspace, eps.partition), ObjectKey("APIExport", path, name))
    _assign_waves(objects)
    depth = {p: i for i, p in enumerate(kcp.workspace_paths)}
    objects.sort(key=lambda o: (o.wave, depth[o.key.workspace], o.key))
    for obj in objects:
        annotations = obj.doc["metadata"].setdefault("annotations", {})
        annotations[SYNC_WAVE] = str(obj.wave)
        if obj.key.kind in _CONFIRM_KINDS:
            annotations[SYNC_OPTIONS] = CONFIRM_PRUNE
    return objects


def _clean(doc: dict) -> dict:
    """A file's object without server-set fields, so Git holds only what we intend."""
    doc = copy.deepcopy(doc)
    doc.pop("status", None)
    metadata = doc["metadata"]
    for server_field in ("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"):
        metadata.pop(server_field, None)
    return doc


def _assign_waves(objects: list[KcpObject]) -> None:
    by_key = {o.key: o for o in objects}
    if len(by_key) != len(objects):  # the topology validation rules this out; a guard against silent overwrites
        raise ValueError("two kcp objects share kind, workspace and name")
    done: dict[ObjectKey, int] = {}

    def wave(key: ObjectKey, trail: tuple[ObjectKey, ...]) -> int:
        if key in done:
            return done[key]
        if key in trail:
            raise ValueError(f"kcp objects need each other in a cycle: {' -> '.join(map(str, (*trail, key)))}")
        obj = by_key[key]
        level = 0
        for need in obj.needs:
            if need in by_key:
                level = max(level, wave(need, (*trail, key)) + 1)
        done[key] = level
        return level

    for obj in objects:
        obj.wave = wave(obj.key, ())


def workspace_dir(path: str) -> str:
    """`root:provider:alpha` -> `root/provider/alpha`: each workspace's files in its own directory, children nested."""
    return path.replace(":", "/")


class KcpWorkspaceChart(Chart):
    """The objects of one workspace, emitted through `manifest()` like every other construct."""

    def __init__(self, scope: Construct, construct_id: str, *, objects: list[KcpObject]) -> None:
        super().__init__(scope, construct_id, disable_resource_name_hashes=True)
        for obj in objects:
            manifest(self, obj.doc)


def objects_by_workspace(objects: list[KcpObject]) -> dict[str, list[KcpObject]]:
    """Workspace path -> its objects, in plan order."""
    grouped: dict[str, list[KcpObject]] = {}
    for obj in objects:
        grouped.setdefault(obj.key.workspace, []).append(obj)
    return grouped


__all__ = [
    "ROOT_WORKSPACE",
    "KcpObject",
    "KcpWorkspaceChart",
    "ObjectKey",
    "objects_by_workspace",
    "plan_objects",
    "workspace_dir",
    "workspace_key",
]
