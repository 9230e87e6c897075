"""Topology settings of kcp's own objects (partitions, workspaces, APIs) delivered through the front-proxy.

Shard labels: selectors here (a workspace's ``locationSelector``, a Partition's ``selector``, a PartitionSet's
``shardSelector``) are matched against the labels of kcp's ``core.kcp.io/v1alpha1`` Shard objects. Those objects are
created by each kcp server itself, which labels its Shard ``name: <shard name>`` and nothing else. kcp-operator passes
``--shard-name=<Shard object name>`` to a further shard and no ``--shard-name`` to the root shard, so kcp's default
``root`` applies there whatever ``rootShard.name`` says. So the shards of a topology carry exactly the labels
``name: root`` (root shard) and ``name: <shards[].name>``; that is what the validation below matches against, and it
is what the guide's selectors (``name=alpha``) rely on. Labels added by hand (``kubectl label shard``) are unknown
to the topology and would make a selector on them fail validation.

Workspace paths are absolute, as kcp writes them: ``root``, ``root:provider``, ``root:provider:alpha``. ``root``
always exists; every other workspace, including each parent of a nested one, is declared under ``workspaces``.

File paths (``apiExports[].file`` and ``schemas``) are relative to the repository root.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, field_validator, model_validator

from kcpgitops.yaml_cache import SAFE_LOADER

from ._base import Model

REPO_ROOT = Path(__file__).resolve().parents[2]
"""Directory that `apiExports[].file` and `schemas` are relative to."""

ROOT_WORKSPACE = "root"
KCP_ROOT_SHARD_NAME = "root"
"""The name kcp registers the root shard under (kcp-operator starts it without --shard-name)."""
SHARD_NAME_LABEL = "name"
"""The one label kcp puts on its Shard objects."""
RESERVED_CLUSTER_NAME = "kcp"
"""`dist/kcp/` holds the kcp tree, so no cluster may be called like it."""

_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_PATH_RE = re.compile(rf"^root(:{_LABEL})*$")
_EXPORT_REF_RE = re.compile(rf"^root(:{_LABEL})*:{_LABEL}$")
_TYPE_RE = re.compile(rf"^({_LABEL}(:{_LABEL})*:)?[a-z]([-a-z0-9]{{0,61}}[a-z0-9])?$")
_LABEL_KEY_RE = re.compile(r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")
_LABEL_VALUE_RE = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$")

Name = Annotated[str, Field(pattern=rf"^{_LABEL}$", max_length=63)]
"""A kcp object name that is also a DNS label."""


def _check_path(value: str) -> str:
    if not _PATH_RE.match(value):
        raise ValueError(
            f"{value!r} is not an absolute workspace path: write it as kcp does, 'root' or 'root:<name>[:<name>...]' "
            "with lowercase DNS labels, e.g. 'root:provider:alpha'"
        )
    return value


def _check_export_ref(value: str) -> str:
    if not _EXPORT_REF_RE.match(value):
        raise ValueError(f"{value!r} is not an export reference '<workspace path>:<export name>', e.g. 'root:provider:cowboys'")
    return value


WorkspacePath = Annotated[str, Field(min_length=4, max_length=230)]
"""An absolute workspace path such as `root:provider`."""


def parent_of(path: str) -> str | None:
    """The parent workspace path, None for `root`."""
    return path.rsplit(":", 1)[0] if ":" in path else None


def split_export_ref(ref: str) -> tuple[str, str]:
    """`root:provider:cowboys` -> (`root:provider`, `cowboys`)."""
    path, _, name = ref.rpartition(":")
    return path, name


class Requirement(Model):
    """One `matchExpressions` entry of a label selector."""

    key: str
    """Label key."""
    operator: Literal["In", "NotIn", "Exists", "DoesNotExist"]
    """How the label's value relates to `values`."""
    values: list[str] = Field(default_factory=list)
    """Values for In/NotIn; must be empty for Exists/DoesNotExist."""

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not _LABEL_KEY_RE.match(value):
            raise ValueError(f"{value!r} is not a label key such as 'name' or 'topology.kcp.io/region'")
        return value

    @model_validator(mode="after")
    def _values(self) -> Requirement:
        if self.operator in ("In", "NotIn") and not self.values:
            raise ValueError(f"operator {self.operator} needs at least one value in 'values'")
        if self.operator in ("Exists", "DoesNotExist") and self.values:
            raise ValueError(f"operator {self.operator} takes no 'values'; remove them")
        return self

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Whether a label set satisfies this requirement (Kubernetes semantics)."""
        if self.operator == "In":
            return labels.get(self.key) in self.values
        if self.operator == "NotIn":
            return labels.get(self.key) not in self.values
        if self.operator == "Exists":
            return self.key in labels
        return self.key not in labels

    def as_k8s(self) -> dict:
        doc: dict[str, Any] = {"key": self.key, "operator": self.operator}
        if self.values:
            doc["values"] = list(self.values)
        return doc


class LabelSelector(Model):
    """A Kubernetes label selector over shard labels; both parts are ANDed, an empty selector matches every shard."""

    match_labels: dict[str, str] = Field(default_factory=dict)
    """Exact label values."""
    match_expressions: list[Requirement] = Field(default_factory=list)
    """Set-based requirements."""

    @field_validator("match_labels")
    @classmethod
    def _labels(cls, value: dict[str, str]) -> dict[str, str]:
        for key, label in value.items():
            if not _LABEL_KEY_RE.match(key):
                raise ValueError(f"{key!r} is not a label key such as 'name'")
            if not _LABEL_VALUE_RE.match(label):
                raise ValueError(f"{label!r} (for {key!r}) is not a label value: up to 63 letters, digits, '-', '_', '.'")
        return value

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Whether a label set is selected."""
        return all(labels.get(k) == v for k, v in self.match_labels.items()) and all(
            r.matches(labels) for r in self.match_expressions
        )

    def as_k8s(self) -> dict:
        """The selector as kcp's API takes it (only the parts that are set)."""
        doc: dict[str, Any] = {}
        if self.match_labels:
            doc["matchLabels"] = dict(self.match_labels)
        if self.match_expressions:
            doc["matchExpressions"] = [r.as_k8s() for r in self.match_expressions]
        return doc


class Workspace(Model):
    """A workspace below `root`, created through the front-proxy like `kubectl ws create <name> --location-selector ...`."""

    path: WorkspacePath
    """Absolute path, e.g. `root:provider:alpha`; its parent must be `root` or another declared workspace."""
    type: str | None = None
    """Workspace type as `kubectl ws create --type` takes it (`universal` or `root:universal`); unset lets kcp default it."""
    location_selector: LabelSelector | None = None
    """Shards the workspace may be scheduled to, by shard label (`matchLabels: {name: alpha}`); unset: any shard."""

    _path = field_validator("path")(classmethod(lambda cls, v: _check_path(v)))

    @field_validator("path")
    @classmethod
    def _not_root(cls, value: str) -> str:
        if value == ROOT_WORKSPACE:
            raise ValueError("'root' always exists; declare only the workspaces below it, e.g. 'root:provider'")
        return value

    @field_validator("type")
    @classmethod
    def _type(cls, value: str | None) -> str | None:
        if value is not None and not _TYPE_RE.match(value):
            raise ValueError(f"{value!r} is not a workspace type such as 'universal' or 'root:universal'")
        return value

    @property
    def name(self) -> str:
        return self.path.rsplit(":", 1)[1]

    @property
    def parent(self) -> str:
        return self.path.rsplit(":", 1)[0]

    def type_ref(self) -> dict | None:
        """`spec.type` as the kcp plugin builds it from `--type`."""
        if self.type is None:
            return None
        path, _, name = self.type.rpartition(":")
        return {"name": name, "path": path} if path else {"name": name}


class Partition(Model):
    """A topology.kcp.io Partition: a named set of shards, e.g. for an APIExportEndpointSlice."""

    name: Name
    """Partition name."""
    workspace: WorkspacePath = ROOT_WORKSPACE
    """Workspace the Partition lives in; an endpoint slice can only use a Partition of its own workspace."""
    selector: LabelSelector = LabelSelector()
    """Shards of the partition, by shard label."""

    _path = field_validator("workspace")(classmethod(lambda cls, v: _check_path(v)))


class PartitionSet(Model):
    """A topology.kcp.io PartitionSet: kcp creates one Partition per distinct value combination of `dimensions`."""

    name: Name
    """PartitionSet name (generated Partitions are named `<name>-<values>-<random>`)."""
    workspace: WorkspacePath = ROOT_WORKSPACE
    """Workspace the PartitionSet (and its Partitions) live in."""
    dimensions: list[str] = Field(default_factory=list)
    """Shard label keys to group by, e.g. `[name]`."""
    shard_selector: LabelSelector | None = None
    """Shards taken into account; unset: all shards."""

    _path = field_validator("workspace")(classmethod(lambda cls, v: _check_path(v)))

    @field_validator("dimensions")
    @classmethod
    def _dimensions(cls, value: list[str]) -> list[str]:
        for key in value:
            if not _LABEL_KEY_RE.match(key):
                raise ValueError(f"{key!r} is not a label key such as 'name'")
        if len(set(value)) != len(value):
            raise ValueError("a dimension is listed twice; list each label key once")
        return value


class ApiExport(Model):
    """An APIExport and its APIResourceSchemas, read from YAML files in the repository."""

    name: Name
    """APIExport name; must equal `metadata.name` in `file`."""
    workspace: WorkspacePath
    """Workspace the schemas and the export are created in (the provider workspace)."""
    file: str
    """Repo-relative YAML file with the APIExport (e.g. `vendor/kcp-examples/cowboys/apiexport.yaml`)."""
    schemas: list[str] = Field(min_length=1)
    """Repo-relative YAML files, one APIResourceSchema each, that the export's resources name."""

    _path = field_validator("workspace")(classmethod(lambda cls, v: _check_path(v)))

    @field_validator("file", "schemas")
    @classmethod
    def _relative(cls, value: str | list[str]) -> str | list[str]:
        for item in [value] if isinstance(value, str) else value:
            if item.startswith("/") or ".." in item.split("/") or not item.strip():
                raise ValueError(f"{item!r} must be a path relative to the repository root, e.g. 'vendor/kcp-examples/cowboys/apiexport.yaml'")
        return value

    @property
    def ref(self) -> str:
        """`<workspace>:<name>`, how bindings and endpoint slices name it."""
        return f"{self.workspace}:{self.name}"


class Binding(Model):
    """APIBindings of one export in several workspaces, as `kubectl kcp bind apiexport <export> --name <name>` makes them."""

    export: str
    """The export as `<workspace path>:<export name>`, e.g. `root:provider:cowboys`; must be declared under apiExports."""
    workspaces: list[WorkspacePath] = Field(min_length=1)
    """Workspaces that get an APIBinding."""
    name: Name | None = None
    """APIBinding name; default the export's name."""

    _export = field_validator("export")(classmethod(lambda cls, v: _check_export_ref(v)))

    @field_validator("workspaces")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        for path in value:
            _check_path(path)
        if len(set(value)) != len(value):
            raise ValueError("a workspace is listed twice; list each once")
        return value

    @property
    def binding_name(self) -> str:
        return self.name or split_export_ref(self.export)[1]


class EndpointSlice(Model):
    """A partitioned APIExportEndpointSlice: the export's virtual-workspace URLs on the partition's shards only."""

    name: Name
    """Endpoint slice name."""
    workspace: WorkspacePath
    """Workspace the slice lives in; the Partition must live there too."""
    export: str
    """The export as `<workspace path>:<export name>`; must be declared under apiExports."""
    partition: Name
    """Name of a Partition declared in the same workspace."""

    _path = field_validator("workspace")(classmethod(lambda cls, v: _check_path(v)))
    _export = field_validator("export")(classmethod(lambda cls, v: _check_export_ref(v)))


class ClusterSecrets(Model):
    """The job on the root cluster that turns the admin kubeconfig into one Argo CD cluster Secret per workspace."""

    image: str = "ghcr.io/example/kcp-zheng-workspace-clusters:0.1.0"
    """Deprecated: the job image's full reference; write the `images:` block instead. Still accepted, with a warning at render time, and used only when written and `images:` leaves this image to its defaults (a different image there is an error). Default `ghcr.io/example/kcp-zheng-workspace-clusters:0.1.0`, which is never rendered: left unwritten, `images:` decides (`kcpgitops.topology.job_image`)."""
    schedule: str = "*/5 * * * *"
    """Cron schedule; each run writes only what changed (the kubeconfig's certificate is rotated by kcp-operator)."""

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        if not re.match(r"^(@(yearly|annually|monthly|weekly|daily|hourly)|(\S+\s+){4}\S+)$", value.strip()):
            raise ValueError(f"{value!r} is not a cron schedule such as '*/5 * * * *'")
        return value


class Kcp(Model):
    """What to create inside kcp through the front-proxy, one Argo CD Application per workspace."""

    partitions: list[Partition] = Field(default_factory=list)
    """Individual Partitions."""
    partition_sets: list[PartitionSet] = Field(default_factory=list)
    """PartitionSets."""
    workspaces: list[Workspace] = Field(default_factory=list)
    """The workspace tree below root, as a flat list of absolute paths."""
    api_exports: list[ApiExport] = Field(default_factory=list)
    """APIExports with their schemas."""
    bindings: list[Binding] = Field(default_factory=list)
    """Which workspaces bind which export."""
    endpoint_slices: list[EndpointSlice] = Field(default_factory=list)
    """Partitioned APIExportEndpointSlices."""
    cluster_secrets: ClusterSecrets = ClusterSecrets()
    """The runtime job writing Argo CD cluster Secrets for the workspaces."""

    @property
    def workspace_paths(self) -> list[str]:
        """`root` and every declared workspace, parents before children, then by path."""
        return sorted({ROOT_WORKSPACE, *(w.path for w in self.workspaces)}, key=lambda p: (p.count(":"), p))

    def workspace(self, path: str) -> Workspace | None:
        return next((w for w in self.workspaces if w.path == path), None)

    def export(self, ref: str) -> ApiExport | None:
        return next((e for e in self.api_exports if e.ref == ref), None)

    def check_against(self, topology: Any) -> None:
        """Raise ValueError naming the field when something refers to a shard or object that does not exist."""
        shards = shard_labels(topology)
        _check_shard_names(topology)
        declared = self._check_workspaces(shards)
        self._check_partitions(shards, declared)
        self._check_exports(declared)
        self._check_bindings(declared)
        self._check_endpoint_slices(declared)

    def _check_workspaces(self, shards: dict[str, dict[str, str]]) -> set[str]:
        declared = {ROOT_WORKSPACE}
        for index, ws in enumerate(self.workspaces):
            if ws.path in declared:
                raise ValueError(f"kcp.workspaces[{index}].path: {ws.path!r} is declared twice; keep one entry per workspace")
            declared.add(ws.path)
        for index, ws in enumerate(self.workspaces):
            if ws.parent not in declared:
                raise ValueError(
                    f"kcp.workspaces[{index}].path: parent workspace {ws.parent!r} of {ws.path!r} is not declared; "
                    f"add an entry with path {ws.parent!r} under kcp.workspaces"
                )
            if ws.location_selector is not None:
                _require_match(f"kcp.workspaces[{index}].locationSelector", ws.location_selector, shards)
        return declared

    def _check_partitions(self, shards: dict[str, dict[str, str]], declared: set[str]) -> None:
        seen: set[tuple[str, str]] = set()
        for index, part in enumerate(self.partitions):
            where = f"kcp.partitions[{index}]"
            _require_workspace(f"{where}.workspace", part.workspace, declared)
            if (part.workspace, part.name) in seen:
                raise ValueError(f"{where}.name: partition {part.name!r} is declared twice in workspace {part.workspace!r}; rename one")
            seen.add((part.workspace, part.name))
            _require_match(f"{where}.selector", part.selector, shards)
        seen = set()
        for index, pset in enumerate(self.partition_sets):
            where = f"kcp.partitionSets[{index}]"
            _require_workspace(f"{where}.workspace", pset.workspace, declared)
            if (pset.workspace, pset.name) in seen:
                raise ValueError(f"{where}.name: PartitionSet {pset.name!r} is declared twice in workspace {pset.workspace!r}; rename one")
            seen.add((pset.workspace, pset.name))
            selected = _require_match(f"{where}.shardSelector", pset.shard_selector or LabelSelector(), shards)
            for key in pset.dimensions:
                if not any(key in shards[s] for s in selected):
                    known = sorted({k for s in selected for k in shards[s]})
                    raise ValueError(
                        f"{where}.dimensions: no selected shard has the label {key!r}, so kcp would create no partition; "
                        f"use a label the shards carry: {', '.join(known)}"
                    )

    def _check_exports(self, declared: set[str]) -> None:
        seen: set[str] = set()
        schemas_by_workspace: dict[str, dict[str, str]] = {}
        for index, export in enumerate(self.api_exports):
            where = f"kcp.apiExports[{index}]"
            _require_workspace(f"{where}.workspace", export.workspace, declared)
            if export.ref in seen:
                raise ValueError(f"{where}.name: export {export.name!r} is declared twice in workspace {export.workspace!r}; keep one")
            seen.add(export.ref)
            doc = load_kcp_file(export.file, where=f"{where}.file", kind="APIExport")
            if doc["metadata"]["name"] != export.name:
                raise ValueError(
                    f"{where}.name: {export.name!r} differs from metadata.name {doc['metadata']['name']!r} in {export.file}; "
                    "make them equal"
                )
            names: dict[str, str] = {}
            for position, schema_file in enumerate(export.schemas):
                schema = load_kcp_file(schema_file, where=f"{where}.schemas[{position}]", kind="APIResourceSchema")
                name = schema["metadata"]["name"]
                known = schemas_by_workspace.setdefault(export.workspace, {})
                if known.get(name, schema_file) != schema_file:
                    raise ValueError(
                        f"{where}.schemas[{position}]: APIResourceSchema {name!r} in {schema_file} is also defined by "
                        f"{known[name]} in workspace {export.workspace!r}; use one file per schema"
                    )
                known[name] = schema_file
                names[name] = schema_file
            for position, resource in enumerate((doc.get("spec") or {}).get("resources") or []):
                schema_name = resource.get("schema") if isinstance(resource, dict) else None
                if schema_name not in names:
                    raise ValueError(
                        f"{where}.schemas: {export.file} spec.resources[{position}] names schema {schema_name!r}, "
                        f"which none of the listed files defines ({', '.join(sorted(names))}); add its file"
                    )

    def _check_bindings(self, declared: set[str]) -> None:
        seen: set[tuple[str, str]] = set()
        for index, binding in enumerate(self.bindings):
            where = f"kcp.bindings[{index}]"
            if self.export(binding.export) is None:
                refs = ", ".join(e.ref for e in self.api_exports) or "none"
                raise ValueError(
                    f"{where}.export: {binding.export!r} is not declared under kcp.apiExports (declared: {refs}); "
                    "declare the export or fix the reference"
                )
            for position, path in enumerate(binding.workspaces):
                _require_workspace(f"{where}.workspaces[{position}]", path, declared)
                if (path, binding.binding_name) in seen:
                    raise ValueError(
                        f"{where}.workspaces[{position}]: workspace {path!r} already has an APIBinding named "
                        f"{binding.binding_name!r}; set a different 'name'"
                    )
                seen.add((path, binding.binding_name))

    def _check_endpoint_slices(self, declared: set[str]) -> None:
        seen: set[tuple[str, str]] = set()
        for index, eps in enumerate(self.endpoint_slices):
            where = f"kcp.endpointSlices[{index}]"
            _require_workspace(f"{where}.workspace", eps.workspace, declared)
            if (eps.workspace, eps.name) in seen:
                raise ValueError(f"{where}.name: endpoint slice {eps.name!r} is declared twice in workspace {eps.workspace!r}; rename one")
            seen.add((eps.workspace, eps.name))
            if self.export(eps.export) is None:
                refs = ", ".join(e.ref for e in self.api_exports) or "none"
                raise ValueError(f"{where}.export: {eps.export!r} is not declared under kcp.apiExports (declared: {refs}); declare it")
            local = [p.name for p in self.partitions if p.workspace == eps.workspace]
            if eps.partition not in local:
                elsewhere = sorted({p.workspace for p in self.partitions if p.name == eps.partition})
                hint = f" (a partition of that name exists in {', '.join(elsewhere)})" if elsewhere else ""
                raise ValueError(
                    f"{where}.partition: partition {eps.partition!r} is not declared in workspace {eps.workspace!r}{hint}; "
                    "kcp requires the Partition in the same workspace as the APIExportEndpointSlice: add "
                    f"{{name: {eps.partition}, workspace: {eps.workspace}}} under kcp.partitions"
                )


def shard_labels(topology: Any) -> dict[str, dict[str, str]]:
    """kcp shard name -> the labels kcp puts on its Shard object (see the module docstring)."""
    labels = {KCP_ROOT_SHARD_NAME: {SHARD_NAME_LABEL: KCP_ROOT_SHARD_NAME}}
    for shard in topology.shards:
        labels[shard.name] = {SHARD_NAME_LABEL: shard.name}
    return labels


def kcp_shard_name(topology: Any, shard: Any) -> str:
    """The name kcp registers a topology shard under."""
    return KCP_ROOT_SHARD_NAME if shard is topology.root_shard else shard.name


def _check_shard_names(topology: Any) -> None:
    for index, cluster in enumerate(topology.clusters):
        if cluster.name == RESERVED_CLUSTER_NAME:
            raise ValueError(
                f"kcp: clusters[{index}] is named {RESERVED_CLUSTER_NAME!r}, but dist/{RESERVED_CLUSTER_NAME}/ holds the "
                "objects created inside kcp; rename the cluster"
            )
    if topology.root_shard.name != KCP_ROOT_SHARD_NAME:
        for index, shard in enumerate(topology.shards):
            if shard.name == KCP_ROOT_SHARD_NAME:
                raise ValueError(
                    f"kcp: shards[{index}] is named {KCP_ROOT_SHARD_NAME!r}, the name kcp always gives the root shard; "
                    "rename the shard"
                )


def _require_match(where: str, selector: LabelSelector, shards: dict[str, dict[str, str]]) -> list[str]:
    selected = [name for name, labels in shards.items() if selector.matches(labels)]
    if not selected:
        known = "; ".join(f"{name}: " + ", ".join(f"{k}={v}" for k, v in labels.items()) for name, labels in shards.items())
        raise ValueError(
            f"{where}: matches no shard, so kcp could never place anything there; shards carry only the label "
            f"'{SHARD_NAME_LABEL}: <shard>' ({known}); select one of those"
        )
    # A shard named in an `In` list that does not exist is a leftover (typically of a removed shard) even when the
    # selector still matches others: kcp would place things there again the day a shard of that name joins.
    names = {labels[SHARD_NAME_LABEL] for labels in shards.values() if SHARD_NAME_LABEL in labels}
    for index, requirement in enumerate(selector.match_expressions):
        if (requirement.key, requirement.operator) != (SHARD_NAME_LABEL, "In"):
            continue
        unknown = [v for v in requirement.values if v not in names]
        if unknown:
            raise ValueError(
                f"{where}.matchExpressions[{index}].values: no shard is named {', '.join(repr(v) for v in unknown)} "
                f"(shards: {', '.join(sorted(names))}); remove it, or declare the shard under shards"
            )
    return selected


def _require_workspace(where: str, path: str, declared: Iterable[str]) -> None:
    if path not in declared:
        raise ValueError(f"{where}: workspace {path!r} is not declared; add it under kcp.workspaces or use one of: {', '.join(sorted(declared))}")


def load_kcp_file(relative: str, *, where: str, kind: str) -> dict:
    """Read a repo-relative YAML file holding exactly one apis.kcp.io object of `kind`; ValueError names `where`."""
    path = REPO_ROOT / relative
    try:
        docs = [d for d in yaml.load_all(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) if d is not None]
    except OSError as exc:
        raise ValueError(f"{where}: cannot read {relative} ({exc.__class__.__name__}); give a file relative to the repository root") from None
    except yaml.YAMLError:
        raise ValueError(f"{where}: {relative} is not valid YAML") from None
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise ValueError(f"{where}: {relative} must hold exactly one {kind} object, found {len(docs)} documents")
    doc = docs[0]
    if doc.get("kind") != kind or not str(doc.get("apiVersion", "")).startswith("apis.kcp.io/"):
        raise ValueError(f"{where}: {relative} holds {doc.get('apiVersion')}/{doc.get('kind')}, expected an apis.kcp.io {kind}")
    meta = doc.get("metadata")
    if not isinstance(meta, dict) or not meta.get("name"):
        raise ValueError(f"{where}: {relative} has no metadata.name")
    if meta.get("namespace"):
        raise ValueError(f"{where}: {relative} sets metadata.namespace, but {kind} is cluster-scoped; remove it")
    return doc
