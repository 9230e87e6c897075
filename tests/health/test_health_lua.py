"""The argocd-cm Lua health checks, run the way Argo CD v3.5.1 runs custom health scripts."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import lupa.lua51
import pytest
import yaml

from kcpgitops.health import HEALTH_KEY_PREFIX, health_customizations

FIXTURES = Path(__file__).parent / "fixtures"
LUA_DIR = Path(__file__).resolve().parents[2] / "kcpgitops" / "health" / "lua"
VENDOR_CRDS = Path(__file__).resolve().parents[2] / "vendor" / "crds"

REQUIRED_KINDS = {
    "argoproj.io_Application",
    "druid.gardener.cloud_Etcd",
    *(
        f"operator.kcp.io_{kind}"
        for kind in ("RootShard", "Shard", "FrontProxy", "Kubeconfig", "CacheServer", "Bundle", "VirtualWorkspace")
    ),
}
EXPECTED = {"healthy": "Healthy", "progressing": "Progressing", "degraded": "Degraded"}
VALID_STATUSES = {"Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"}
# kcp-operator v0.9.0's CacheServer status has no fields, so these fixtures use the later operators' status shape.
NOT_IN_PINNED_CRD = {
    "operator.kcp.io_CacheServer/healthy_later_operator_status.yaml",
    "operator.kcp.io_CacheServer/degraded_later_operator_status.yaml",
}


class _KeepTimestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Argo CD hands the script JSON-decoded objects: timestamps are strings, not datetimes."""


_KeepTimestamps.add_constructor("tag:yaml.org,2002:timestamp", _KeepTimestamps.construct_yaml_str)


def _load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepTimestamps)


def _to_lua(lua: Any, value: Any) -> Any:
    # Mirrors Argo CD's decodeValue: maps become hash tables, lists 1-based sequences, null is absent.
    if isinstance(value, dict):
        return lua.table_from({k: _to_lua(lua, v) for k, v in value.items() if v is not None})
    if isinstance(value, list):
        return lua.table_from([_to_lua(lua, v) for v in value])
    return value


def run_health(script: str, obj: dict[str, Any]) -> dict[str, Any]:
    """Evaluate ``script`` like Argo CD's ExecuteHealthLua with the open libraries disabled."""
    # gopher-lua implements Lua 5.1; custom scripts get only base, package, table and a safe subset of os.
    lua = lupa.lua51.LuaRuntime(register_eval=False, register_builtins=False)
    lua.execute(
        """
        local safe_os = { clock = os.clock, date = os.date, difftime = os.difftime, time = os.time }
        debug.setmetatable("", nil)  -- without the string library strings have no methods either
        string, math, io, debug, coroutine, python = nil, nil, nil, nil, nil, nil
        os = safe_os
        package.loaded.string, package.loaded.math, package.loaded.io = nil, nil, nil
        package.loaded.debug, package.loaded.coroutine, package.loaded.os = nil, nil, safe_os
        """
    )
    lua.globals().obj = _to_lua(lua, json.loads(json.dumps(obj)))
    returned = lua.execute(script)
    if lupa.lua51.lua_type(returned) != "table":
        raise TypeError(f"expect table output from Lua script, not {lupa.lua51.lua_type(returned)}")
    health = dict(returned.items())
    if any(not isinstance(key, str) for key in health) or not health:
        raise TypeError(f"health table must be a JSON object, got {health!r}")  # Argo CD fails to unmarshal it
    if health.get("status") not in VALID_STATUSES:
        return {"status": "Unknown", "message": "Lua returned an invalid health status"}
    return health


def _fixture_cases() -> list[Any]:
    cases = []
    for path in sorted(FIXTURES.glob("*/*.yaml")):
        expected = EXPECTED[path.stem.split("_", 1)[0]]
        cases.append(pytest.param(path.parent.name, path, expected, id=f"{path.parent.name}/{path.stem}"))
    return cases


@pytest.fixture(scope="module")
def scripts() -> dict[str, str]:
    return {key.removeprefix(HEALTH_KEY_PREFIX): script for key, script in health_customizations().items()}


def test_mapping_covers_every_required_kind(scripts: dict[str, str]) -> None:
    assert set(scripts) == REQUIRED_KINDS


def test_mapping_keys_use_argocd_cm_syntax_and_deterministic_order() -> None:
    first, second = health_customizations(), health_customizations()
    assert list(first) == sorted(first) == list(second)
    assert first == second
    for key in first:
        group, _, kind = key.removeprefix("resource.customizations.health.").rpartition("_")
        assert key.startswith("resource.customizations.health.") and "." in group and kind[:1].isupper()


def test_mapping_matches_the_lua_files(scripts: dict[str, str]) -> None:
    body = (LUA_DIR / "_operator.kcp.io_body.lua").read_text(encoding="utf-8")
    on_disk = {
        path.stem: path.read_text(encoding="utf-8") + (body if path.stem.startswith("operator.kcp.io_") else "")
        for path in LUA_DIR.glob("[!_]*.lua")
    }
    assert scripts == on_disk


@pytest.mark.parametrize(("kind", "path", "expected"), _fixture_cases())
def test_fixture_health(scripts: dict[str, str], kind: str, path: Path, expected: str) -> None:
    health = run_health(scripts[kind], _load(path))
    assert health["status"] == expected, health
    assert isinstance(health.get("message"), str) and health["message"], health


@pytest.mark.parametrize("kind", sorted(REQUIRED_KINDS))
def test_every_script_has_healthy_progressing_and_degraded_fixtures(kind: str) -> None:
    prefixes = {path.stem.split("_", 1)[0] for path in (FIXTURES / kind).glob("*.yaml")}
    assert prefixes == set(EXPECTED)


@pytest.mark.parametrize("kind", sorted(REQUIRED_KINDS))
def test_object_without_status_is_progressing(scripts: dict[str, str], kind: str) -> None:
    obj = _load(sorted((FIXTURES / kind).glob("healthy*.yaml"))[0])
    del obj["status"]
    assert run_health(scripts[kind], obj)["status"] == "Progressing"


@pytest.mark.parametrize("kind", sorted(REQUIRED_KINDS))
def test_object_without_generation_still_evaluates(scripts: dict[str, str], kind: str) -> None:
    obj = _load(sorted((FIXTURES / kind).glob("healthy*.yaml"))[0])
    obj["metadata"].pop("generation")
    assert run_health(scripts[kind], obj)["status"] in VALID_STATUSES - {"Unknown"}


def test_kcp_operator_scripts_share_one_body(scripts: dict[str, str]) -> None:
    body = (LUA_DIR / "_operator.kcp.io_body.lua").read_text(encoding="utf-8")
    operator = {kind: script for kind, script in scripts.items() if "operator.kcp.io" in kind}
    assert len(operator) == 7
    for kind, script in operator.items():
        assert script.endswith(body) and "local config = {" in script.removesuffix(body), kind


@pytest.mark.parametrize("kind", sorted(REQUIRED_KINDS))
def test_status_for_an_older_generation_is_progressing(scripts: dict[str, str], kind: str) -> None:
    obj = _load(sorted((FIXTURES / kind).glob("healthy*.yaml"))[0])
    obj["metadata"]["generation"] += 1
    expected = "Healthy" if kind == "argoproj.io_Application" else "Progressing"  # Applications have no generation
    assert run_health(scripts[kind], obj)["status"] == expected


@functools.cache
def _crd_status_schemas() -> dict[str, dict[str, Any]]:
    schemas = {}
    for group_dir in ("argo-cd-v3.5.1", "etcd-druid-v0.33.0", "kcp-operator-v0.9.0"):
        for path in (VENDOR_CRDS / group_dir).glob("*.yaml"):
            crd = _load(path)
            version = next(v for v in crd["spec"]["versions"] if v.get("storage"))
            key = f"{crd['spec']['group']}_{crd['spec']['names']['kind']}"
            schemas[key] = version["schema"]["openAPIV3Schema"]["properties"].get("status", {})
    return schemas


def _undeclared(value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Fields the API server would prune because the structural schema does not declare them."""
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        return []
    if isinstance(value, dict):
        declared = schema.get("properties", {})
        found = [f"{where}.{key}" for key in value if key not in declared and "additionalProperties" not in schema]
        for key, item in value.items():
            sub = declared.get(key) or schema.get("additionalProperties") or {}
            if isinstance(sub, dict):
                found += _undeclared(item, sub, f"{where}.{key}")
        return found
    if isinstance(value, list):
        return [f for i, item in enumerate(value) for f in _undeclared(item, schema.get("items", {}), f"{where}[{i}]")]
    return []


@pytest.mark.parametrize(("kind", "path", "expected"), _fixture_cases())
def test_fixture_status_fits_the_pinned_crd(kind: str, path: Path, expected: str) -> None:
    schema = _crd_status_schemas()[kind]
    status = _load(path)["status"]
    undeclared = _undeclared(status, schema, "status")
    if f"{kind}/{path.name}" in NOT_IN_PINNED_CRD:
        assert undeclared, "fixture claims to be outside the pinned CRD but fits it"
        return
    assert undeclared == []
    jsonschema.validate(status, schema)


def test_emulation_hides_the_string_library() -> None:
    # If scripts could call string methods here, they might fail inside Argo CD.
    with pytest.raises(lupa.lua51.LuaError):
        run_health('return { status = ("healthy"):upper(), message = "x" }', {})
    with pytest.raises(lupa.lua51.LuaError):
        run_health('return { status = string.upper("healthy"), message = "x" }', {})


def test_emulation_maps_invalid_status_to_unknown() -> None:
    assert run_health('return { status = "Fine", message = "x" }', {})["status"] == "Unknown"
