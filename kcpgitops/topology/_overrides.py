"""The topology's escape hatch: `overrides`, patches applied to the rendered documents after everything else.

Each override names a target (the objects of one cluster's trees, of every cluster's, or of one kcp workspace, by kind
and optionally name, namespace and apiVersion) and exactly one patch: an RFC 6902 JSON patch (`patch`) or an RFC 7386
merge patch (`merge`). This module checks what can be checked before rendering: the target's shape, that its cluster
or workspace exists, the patch operations' shape, and that values are plain JSON. Whether a target matches anything
and whether the patched documents still validate is judged after rendering (`kcpgitops.overrides`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal

from jsonpointer import JsonPointer, JsonPointerException
from pydantic import Field, ValidationInfo, WrapValidator, field_validator, model_validator

from ._base import Model as _Model
from ._kcp import _check_path

EVERY_CLUSTER = "*"
"""`target.cluster` value that selects every cluster's trees."""

_KIND_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_API_VERSION_RE = re.compile(r"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-z0-9]+$")
_DNS_LABEL_RE = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_NAME_RE = re.compile(r"^[^\s/]{1,253}$")
"""Any name Kubernetes could store (path segment names such as RBAC's `system:x` included); a filter, not a check."""


@dataclass(frozen=True)
class _Declared:
    """Cluster names and workspace paths the topology declares, seen by the target validators (None: unknown)."""

    clusters: frozenset[str] | None
    """Declared cluster names; required (None: `clusters` itself is invalid, so nothing is checked against it)."""
    workspaces: frozenset[str] | None
    """`root` and every `kcp.workspaces[].path`; required (None: `kcp` itself is invalid)."""
    has_kcp: bool
    """Whether the topology has a `kcp:` section; required."""


_DECLARED: ContextVar[_Declared | None] = ContextVar("kcpgitops_overrides_declared", default=None)
"""Set while `Topology.overrides` validates (see `WITHIN_TOPOLOGY`), so a target's own field gets the error."""


class OverrideTarget(_Model):
    """Which rendered objects an override patches: every object of `kind` in one scope, narrowed by the optional fields."""

    cluster: str | None = None
    """A cluster name (its `dist/<cluster>/` and every `argocd/<cluster>/<section>/`) or `"*"` for every cluster's; not
    `dist/kcp/`. Default: none (then `workspace` is required)."""
    workspace: str | None = None
    """A kcp workspace path such as `root:provider`: the objects in that workspace (`dist/kcp/root/provider/*.yaml`,
    not its child workspaces' directories). Default: none (then `cluster` is required)."""
    kind: str
    """Kind of the objects, as in their `kind:` (e.g. `RootShard`). Required."""
    name: str | None = None
    """Only the object(s) with this `metadata.name`. Default: none (every name)."""
    namespace: str | None = None
    """Only objects in this namespace (`dist/kcp/` objects are cluster-scoped, so not with `workspace`). Default: none
    (every namespace, and cluster-scoped objects)."""
    api_version: str | None = Field(None, alias="apiVersion")
    """Only objects of this apiVersion (e.g. `operator.kcp.io/v1alpha1`). Default: none (every apiVersion)."""

    @field_validator("cluster")
    @classmethod
    def _declared_cluster(cls, value: str | None) -> str | None:
        declared = _DECLARED.get()
        if value is None or value == EVERY_CLUSTER or declared is None or declared.clusters is None:
            return value
        if value not in declared.clusters:
            raise ValueError(f"cluster {value!r} is not declared; use one of: {', '.join(sorted(declared.clusters))}, "
                             f"or {EVERY_CLUSTER!r} for every cluster")
        return value

    @field_validator("workspace")
    @classmethod
    def _one_scope_and_declared_workspace(cls, value: str | None, info: ValidationInfo) -> str | None:
        # validate_default (the base model's setting) runs this for an absent `workspace` too, so "neither" is caught.
        if "cluster" not in info.data:  # `cluster` itself is broken and already reported
            return value
        cluster = info.data["cluster"]
        if (cluster is None) == (value is None):
            raise ValueError("give exactly one of 'cluster' (a cluster name or '*') and 'workspace' (a kcp workspace path "
                             "such as 'root:provider')" + ("; both are set" if value is not None else "; neither is set"))
        if value is None:
            return value
        value = _check_path(value)
        declared = _DECLARED.get()
        if declared is None:
            return value
        if not declared.has_kcp:
            raise ValueError(f"{value!r}: the topology has no kcp: section, so nothing renders under dist/kcp/; "
                             "target a cluster instead")
        if declared.workspaces is not None and value not in declared.workspaces:
            raise ValueError(f"workspace {value!r} is not declared; use one of: {', '.join(sorted(declared.workspaces))}")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if not _KIND_RE.match(value):
            raise ValueError(f"{value!r} is not a kind such as 'RootShard' or 'Etcd'")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        if value is not None and not _NAME_RE.match(value):
            raise ValueError(f"{value!r} is not an object name such as 'root'")
        return value

    @field_validator("namespace")
    @classmethod
    def _namespace(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        if not _DNS_LABEL_RE.match(value):
            raise ValueError(f"{value!r} is not a namespace name such as 'kcp-zheng'")
        if info.data.get("workspace") is not None:
            raise ValueError("objects inside kcp (dist/kcp/) are cluster-scoped; remove namespace from a workspace target")
        return value

    @field_validator("api_version")
    @classmethod
    def _api_version(cls, value: str | None) -> str | None:
        if value is not None and not _API_VERSION_RE.match(value):
            raise ValueError(f"{value!r} is not an apiVersion such as 'v1' or 'operator.kcp.io/v1alpha1'")
        return value

    def describe(self) -> str:
        """The target as one line of YAML flow style, keys in the topology's spelling."""
        fields = [("cluster", self.cluster), ("workspace", self.workspace), ("kind", self.kind), ("name", self.name),
                  ("namespace", self.namespace), ("apiVersion", self.api_version)]
        return "{" + ", ".join(f"{key}: {_flow(value)}" for key, value in fields if value is not None) + "}"


def _flow(value: str) -> str:
    # `*` and `root:provider` need quotes in YAML flow style; names and kinds do not.
    return f'"{value}"' if value == EVERY_CLUSTER or ":" in value else value


_OPS_WITH_VALUE = frozenset({"add", "replace", "test"})
_OPS_WITH_FROM = frozenset({"move", "copy"})


class PatchOperation(_Model):
    """One RFC 6902 operation (RFC 6902 section 4), applied by the `jsonpatch` library."""

    op: Literal["add", "remove", "replace", "move", "copy", "test"]
    """The operation. Required."""
    path: str
    """JSON pointer (RFC 6901) of the location to act on, e.g. `/spec/replicas` (`~1` for `/` in a key). Required."""
    value: Any = None
    """The value for `add`, `replace` and `test` (required there, refused elsewhere; `null` is a value), plain JSON.
    Default: none."""
    from_: str | None = Field(None, alias="from")
    """JSON pointer of the source for `move` and `copy` (required there, refused elsewhere). Default: none."""

    @model_validator(mode="before")
    @classmethod
    def _members_of_op(cls, data: Any) -> Any:
        # Judged on the mapping as written: `value: null` is a value, an absent `value` is not.
        if not isinstance(data, dict) or data.get("op") not in _OPS_WITH_VALUE | _OPS_WITH_FROM | {"remove"}:
            return data  # not a mapping, or an unknown op: the field checks say so
        op = data["op"]
        for member, ops in (("value", _OPS_WITH_VALUE), ("from", _OPS_WITH_FROM)):
            if op in ops and member not in data:
                raise ValueError(f"'{op}' needs a '{member}' member")
            if op not in ops and member in data:
                raise ValueError(f"'{op}' takes no '{member}' member; remove it")
        return data

    @field_validator("path", "from_")
    @classmethod
    def _pointer(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                JsonPointer(value)
            except JsonPointerException:
                raise ValueError(f"{value!r} is not a JSON pointer such as '/spec/replicas' (RFC 6901: '' or "
                                 "'/'-separated keys, '~0' for '~' and '~1' for '/')") from None
        return value

    @field_validator("value")
    @classmethod
    def _json_value(cls, value: Any) -> Any:
        return check_json(value)

    def as_rfc6902(self) -> dict:
        """The operation as the JSON object RFC 6902 defines."""
        out: dict = {"op": self.op, "path": self.path}
        if self.op in _OPS_WITH_VALUE:
            out["value"] = self.value
        if self.op in _OPS_WITH_FROM:
            out["from"] = self.from_
        return out


class Override(_Model):
    """One patch of rendered objects: a target and exactly one of `patch` and `merge`.

    Applied in list order after everything else is rendered; a later override sees an earlier one's result. An
    override of a remote shard's Shard targets the root shard's cluster, where the Shard object is rendered: kcp-operator
    compiles it there (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go DeploymentReconciler)
    and bundles the result (pkg/controller/bundle/objects.go getBundleObjectsForShard), which the sealed-secret bridge
    carries to the shard's cluster.
    """

    target: OverrideTarget
    """Which objects to patch. Required."""
    patch: list[PatchOperation] | None = Field(None, min_length=1)
    """RFC 6902 JSON patch: operations applied in order, all or nothing per object. Default: none (then `merge`)."""
    merge: dict[str, Any] | None = Field(None, min_length=1)
    """RFC 7386 merge patch: an object merged into each matched object (`null` removes a key, lists are replaced
    whole), plain JSON. Default: none (then `patch`)."""

    @field_validator("merge")
    @classmethod
    def _exactly_one_patch(cls, value: dict | None, info: ValidationInfo) -> dict | None:
        # validate_default (the base model's setting) runs this for an absent `merge` too, so "neither" is caught here.
        if "patch" not in info.data:  # `patch` itself is broken and already reported
            return value
        if (info.data["patch"] is None) == (value is None):
            raise ValueError("give exactly one of 'patch' (an RFC 6902 list of operations) and 'merge' (an RFC 7386 "
                             "object)" + ("; both are set" if value is not None else "; neither is set"))
        return value if value is None else check_json(value)


def check_json(value: Any, where: str = "") -> Any:
    """Refuse what YAML can hold but JSON cannot (dates, non-string keys, NaN); the message names the place, no value."""
    at = f"{where}: " if where else ""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{at}NaN and infinities are not JSON numbers; use a number or a string")
        return value
    if isinstance(value, list):
        return [check_json(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValueError(f"{at}the key {key!r} is not a string; quote it")
        return {key: check_json(item, f"{where}.{key}" if where else key) for key, item in value.items()}
    raise ValueError(f"{at}a YAML {type(value).__name__} is not a JSON value; quote it as a string")


def _declared_in(data: dict) -> _Declared:
    # A field missing from data failed its own validation and is reported there: check nothing against it.
    clusters = data.get("clusters")
    if "kcp" not in data:
        workspaces, has_kcp = None, True
    elif data["kcp"] is None:
        workspaces, has_kcp = frozenset(), False
    else:
        workspaces, has_kcp = frozenset(data["kcp"].workspace_paths), True
    return _Declared(clusters=frozenset(c.name for c in clusters) if clusters is not None else None,
                     workspaces=workspaces, has_kcp=has_kcp)


def _within(value: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
    # `Topology.overrides` is declared after `clusters` and `kcp`, so their validated values are in info.data: the
    # targets check against them, and an unknown cluster is reported at `overrides[N].target.cluster` itself.
    token = _DECLARED.set(_declared_in(info.data))
    try:
        return handler(value)
    finally:
        _DECLARED.reset(token)


WITHIN_TOPOLOGY = WrapValidator(_within)
"""Validator of `Topology.overrides`: the targets are checked against the topology's clusters and workspaces."""
