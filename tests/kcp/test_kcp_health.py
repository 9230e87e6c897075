"""The argocd-cm health checks for kcp kinds, run in Lua like Argo CD does (global `obj`, no string library)."""

from __future__ import annotations

import pytest
from lupa import LuaRuntime

from charts.kcp_inside import health_customizations

KEYS = {
    "resource.customizations.health.tenancy.kcp.io_Workspace",
    "resource.customizations.health.apis.kcp.io_APIBinding",
}


def _lua_value(lua: LuaRuntime, value: object) -> object:
    if isinstance(value, dict):
        return lua.table_from({k: _lua_value(lua, v) for k, v in value.items()})
    if isinstance(value, list):
        return lua.table_from([_lua_value(lua, v) for v in value])
    return value


def _health(kind_key: str, obj: dict) -> tuple[str, str]:
    lua = LuaRuntime(unpack_returned_tuples=True)
    lua.globals().string = None  # Argo CD's sandbox has no string library
    lua.globals().obj = _lua_value(lua, obj)
    result = lua.execute(health_customizations()[kind_key])
    return result["status"], result["message"]


def _workspace(**status: object) -> dict:
    doc: dict = {"apiVersion": "tenancy.kcp.io/v1alpha1", "kind": "Workspace", "metadata": {"name": "provider"}}
    if status:
        doc["status"] = status
    return doc


def test_health_checks_cover_the_kinds_sync_waves_wait_for():
    assert set(health_customizations()) == KEYS


@pytest.mark.parametrize(("obj", "expected"), [
    (_workspace(), ("Progressing", "Waiting for kcp to schedule the workspace")),
    (_workspace(phase="Scheduling", conditions=[{"type": "WorkspaceScheduled", "status": "False", "message": "No available shards to schedule the workspace"}]),
     ("Progressing", "Workspace is Scheduling: No available shards to schedule the workspace")),
    (_workspace(phase="Initializing"), ("Progressing", "Workspace is Initializing")),
    (_workspace(phase="Ready", conditions=[{"type": "Ready", "status": "True"}]), ("Healthy", "Workspace is Ready")),
    (_workspace(phase="Unavailable", conditions=[{"type": "WorkspaceContentDeleted", "status": "False", "message": "shard gone"}]),
     ("Degraded", "shard gone")),
    # A shard cluster that is still coming up: kcp marks the workspace Unavailable until a matching shard is ready.
    (_workspace(phase="Unavailable", conditions=[{"type": "WorkspaceScheduled", "status": "False", "reason": "Unschedulable",
                                                  "message": "No available shards to schedule the workspace"}]),
     ("Progressing", "Waiting for a shard matching the location selector: No available shards to schedule the workspace")),
    ({**_workspace(phase="Ready"), "metadata": {"name": "x", "deletionTimestamp": "2025-01-01T00:00:00Z"}},
     ("Progressing", "Workspace is being deleted")),
])
def test_workspace_health(obj, expected):
    assert _health("resource.customizations.health.tenancy.kcp.io_Workspace", obj) == expected


def _binding(**status: object) -> dict:
    doc: dict = {"apiVersion": "apis.kcp.io/v1alpha2", "kind": "APIBinding", "metadata": {"name": "cowboys"}}
    if status:
        doc["status"] = status
    return doc


@pytest.mark.parametrize(("obj", "expected"), [
    (_binding(), ("Progressing", "Waiting for kcp to bind the export")),
    (_binding(phase="Binding", conditions=[{"type": "APIExportValid", "status": "False", "message": 'APIExport root:provider:cowboys not found'}]),
     ("Progressing", "APIExport root:provider:cowboys not found")),
    (_binding(phase="Binding", conditions=[{"type": "InitialBindingCompleted", "status": "False"}]),
     ("Progressing", "InitialBindingCompleted is False")),
    (_binding(phase="Binding"), ("Progressing", "APIBinding is Binding")),
    (_binding(phase="Bound", conditions=[{"type": "Ready", "status": "True"}]), ("Healthy", "APIBinding is Bound")),
])
def test_apibinding_health(obj, expected):
    assert _health("resource.customizations.health.apis.kcp.io_APIBinding", obj) == expected
