"""The argocd-cm Lua health checks, run the way Argo CD v3.5.1 runs custom health scripts."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jsonschema
import lupa.lua51
import pytest
import yaml

from kcpgitops.health import HEALTH_KEY_PREFIX, health_customizations
from kcpgitops.health import run_health_lua as run_health

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
EXPECTED = {"healthy": "Healthy", "progressing": "Progressing", "degraded": "Degraded", "suspended": "Suspended"}
NEVER_DEGRADED = {"druid.gardener.cloud_Etcd"}
"""Kinds whose controller retries every failure (etcd-druid v0.33.0: LastOperationStateError "will be retried")."""
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
    assert {"healthy", "progressing"} <= prefixes <= set(EXPECTED)
    assert ("degraded" in prefixes) == (kind not in NEVER_DEGRADED)


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
    _status_validator(kind).validate(status)


@functools.cache
def _status_validator(kind: str) -> jsonschema.protocols.Validator:
    # What jsonschema.validate() does, with the schema checked and compiled once per kind instead of once per fixture.
    schema = _crd_status_schemas()[kind]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_emulation_hides_the_string_library() -> None:
    # If scripts could call string methods here, they might fail inside Argo CD.
    with pytest.raises(lupa.lua51.LuaError):
        run_health('return { status = ("healthy"):upper(), message = "x" }', {})
    with pytest.raises(lupa.lua51.LuaError):
        run_health('return { status = string.upper("healthy"), message = "x" }', {})


def test_emulation_maps_invalid_status_to_unknown() -> None:
    assert run_health('return { status = "Fine", message = "x" }', {})["status"] == "Unknown"


# --- The rules issue 9 found broken, checked against the layout before the fix --------------------------------------

CYCLIC_LAYOUT_CM = (Path(__file__).resolve().parents[2] / "kcpgitops" / "rehearsal" / "layouts" / "cyclic-bootstrap" / "argocd"
                    / "cluster-1" / "bootstrap" / "argocd" / "configmap.core_argocd-cm.yaml")
"""The `argocd-cm` of the layout before the fix: its Lua is what these rules were broken by."""


@functools.cache
def _old_scripts() -> dict[str, str]:
    data = _load(CYCLIC_LAYOUT_CM)["data"]
    return {key.removeprefix(HEALTH_KEY_PREFIX): script for key, script in data.items()}


def _fixture(kind: str, name: str) -> dict[str, Any]:
    return _load(FIXTURES / kind / name)


def _both(scripts: dict[str, str], kind: str, obj: dict[str, Any]) -> tuple[str, str]:
    """(health with today's script, health with the script of the layout before the fix)."""
    return run_health(scripts[kind], obj)["status"], run_health(_old_scripts()[kind], obj)["status"]


def test_self_managed_app_of_apps_does_not_wait_for_its_own_operation(scripts: dict[str, str]) -> None:
    obj = _fixture("argoproj.io_Application", "healthy_self_managed_ignore_healthcheck.yaml")
    assert _both(scripts, "argoproj.io_Application", obj) == ("Healthy", "Progressing")
    del obj["metadata"]["annotations"]["argocd.argoproj.io/ignore-healthcheck"]
    assert run_health(scripts["argoproj.io_Application"], obj)["status"] == "Progressing"  # without it: waits for itself


@pytest.mark.parametrize("condition", ["InvalidSpecError", "ComparisonError", "UnknownError"])
def test_application_conditions_argo_cd_clears_itself_do_not_fail_a_wave(scripts: dict[str, str], condition: str) -> None:
    obj = _fixture("argoproj.io_Application", "progressing_invalid_spec_destination_unknown.yaml")
    obj["status"]["conditions"][0]["type"] = condition
    health = run_health(scripts["argoproj.io_Application"], obj)
    assert health["status"] == "Progressing" and condition in health["message"], health
    assert run_health(_old_scripts()["argoproj.io_Application"], obj)["status"] == "Degraded"


@pytest.mark.parametrize("condition", ["SyncError", "DeletionError"])
def test_application_conditions_that_need_a_person_or_a_commit_are_degraded(scripts: dict[str, str], condition: str) -> None:
    obj = _fixture("argoproj.io_Application", "degraded_sync_error_condition.yaml")
    obj["status"]["conditions"][0]["type"] = condition
    assert run_health(scripts["argoproj.io_Application"], obj)["status"] == "Degraded"


def test_failed_sync_is_degraded_only_once_retries_are_exhausted(scripts: dict[str, str]) -> None:
    retrying = _fixture("argoproj.io_Application", "progressing_retry_scheduled.yaml")
    health = run_health(scripts["argoproj.io_Application"], retrying)
    assert health["status"] == "Progressing" and "retry 2 of 10" in health["message"], health
    exhausted = _fixture("argoproj.io_Application", "degraded_sync_failed.yaml")
    assert run_health(scripts["argoproj.io_Application"], exhausted)["status"] == "Degraded"


def test_etcd_error_that_druid_retries_is_progressing(scripts: dict[str, str]) -> None:
    obj = _fixture("druid.gardener.cloud_Etcd", "progressing_last_operation_error.yaml")
    assert _both(scripts, "druid.gardener.cloud_Etcd", obj) == ("Progressing", "Degraded")
    message = run_health(scripts["druid.gardener.cloud_Etcd"], obj)["message"]
    assert "ERR_SYNC_STATEFULSET" in message and "exceeded quota" in message


def test_bundled_shard_is_judged_by_its_bundle_not_by_a_stale_available_condition(scripts: dict[str, str]) -> None:
    obj = _fixture("operator.kcp.io_Shard", "healthy_bundled_after_spec_change.yaml")
    assert _both(scripts, "operator.kcp.io_Shard", obj) == ("Healthy", "Progressing")
    stale_true = _fixture("operator.kcp.io_Shard", "healthy_bundled_stale_available_true.yaml")
    assert run_health(scripts["operator.kcp.io_Shard"], stale_true)["status"] == "Healthy"
    # Without the annotation the same status is a shard whose own Deployment has not caught up: still waiting.
    del obj["metadata"]["annotations"]["operator.kcp.io/bundle"]
    assert run_health(scripts["operator.kcp.io_Shard"], obj)["status"] == "Progressing"


@pytest.mark.parametrize("kind", ["operator.kcp.io_RootShard", "operator.kcp.io_FrontProxy"])
def test_other_bundled_kinds_skip_their_frozen_available_condition(scripts: dict[str, str], kind: str) -> None:
    obj = _fixture("operator.kcp.io_Shard", "healthy_bundled_after_spec_change.yaml")
    obj["kind"] = kind.split("_")[1]
    assert run_health(scripts[kind], obj)["status"] == "Healthy"
