"""Rules for the generated schema folder: kubeconform layout, strict conversion, determinism, caching."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from kcpgitops.schemas import DEFAULT_CRD_DIRS, build_schema_dir
from kcpgitops.schemas._core import core_source_dir, object_meta_schema
from kcpgitops.schemas._crd import DRAFT4, convert_crd, crd_documents, strict_schema

CORE = "v1.33.0-standalone-strict"
SEALED_SECRETS_CRD = DEFAULT_CRD_DIRS[0] / "sealed-secrets-v0.36.6" / "sealedsecrets.bitnami.com_sealedsecrets.yaml"


def _tree(root: Path) -> dict[str, bytes]:
    """Return every file below root keyed by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _refs(node: Any) -> list[str]:
    """Return every $ref string inside node."""
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


@pytest.mark.parametrize(
    "name",
    [
        "secret-v1.json",
        "namespace-v1.json",
        "configmap-v1.json",
        "deployment-apps-v1.json",
        "role-rbac-v1.json",
        "clusterrolebinding-rbac-v1.json",
        "cronjob-batch-v1.json",
        "ingress-networking-v1.json",
        "horizontalpodautoscaler-autoscaling-v2.json",
        "customresourcedefinition-apiextensions-v1.json",
        "storageversion-internal-v1alpha1.json",
    ],
)
def test_core_schema_files_use_kubeconform_names(schema_dir: Path, name: str) -> None:
    assert (schema_dir / CORE / name).is_file()


def test_every_core_schema_of_the_package_is_converted(schema_dir: Path) -> None:
    source = core_source_dir(kubernetes_version="1.33.0")
    expected = {p.name for p in source.glob("*.json")} - {"_definitions.json", "all.json"}
    assert len(expected) > 700
    assert expected <= {p.name for p in (schema_dir / CORE).iterdir()}


@pytest.mark.parametrize(
    "rel",
    [
        "cert-manager.io/certificate_v1.json",
        "cert-manager.io/clusterissuer_v1.json",
        "druid.gardener.cloud/etcd_v1alpha1.json",
        "operator.kcp.io/rootshard_v1alpha1.json",
        "deploy.operator.kcp.io/compiledrootshard_v1alpha1.json",
        "argoproj.io/application_v1alpha1.json",
        "argoproj.io/appproject_v1alpha1.json",
        "bitnami.com/sealedsecret_v1alpha1.json",
        "apis.kcp.io/apibinding_v1alpha1.json",
        "apis.kcp.io/apibinding_v1alpha2.json",
        "tenancy.kcp.io/workspacetype_v1alpha1.json",
        "topology.kcp.io/partitionset_v1alpha1.json",
        "core.kcp.io/logicalcluster_v1alpha1.json",
    ],
)
def test_crd_schema_files_use_kubeconform_names(schema_dir: Path, rel: str) -> None:
    assert (schema_dir / "crds" / rel).is_file()


def test_every_served_crd_version_gets_one_schema(schema_dir: Path) -> None:
    expected = {
        f"{crd['spec']['group']}/{crd['spec']['names']['kind'].lower()}_{version['name']}.json"
        for path in sorted(DEFAULT_CRD_DIRS[0].rglob("*.yaml"))
        for crd in crd_documents(path=path)
        for version in crd["spec"]["versions"]
        if version.get("served", True)
    }
    written = {p.relative_to(schema_dir / "crds").as_posix() for p in (schema_dir / "crds").rglob("*.json")}
    assert written == expected


def test_schemas_are_self_contained(schema_dir: Path) -> None:
    for path in sorted(schema_dir.rglob("*.json")):
        schema = json.loads(path.read_bytes())
        assert "$id" not in schema, path
        for ref in _refs(schema):
            assert ref.startswith("#/$defs/"), (path, ref)
            assert ref.removeprefix("#/$defs/") in schema["$defs"], (path, ref)


def test_crd_schemas_are_valid_draft4_schemas(schema_dir: Path) -> None:
    for path in sorted((schema_dir / "crds").rglob("*.json")):
        schema = json.loads(path.read_bytes())
        assert schema["$schema"] == DRAFT4
        Draft4Validator.check_schema(schema)


def test_sources_json_lists_every_input_with_a_hash(schema_dir: Path) -> None:
    sources = json.loads((schema_dir / "SOURCES.json").read_bytes())
    inputs = {item["path"]: item["sha256"] for item in sources["inputs"]}
    assert "kubernetes-validate/v1.33.0-local-strict/_definitions.json" in inputs
    assert "crds/cert-manager-v1.18.6/cert-manager.io_certificates.rendered.yaml" in inputs
    assert "crds/kcp-operator-v0.9.0/deploy.operator.kcp.io_compiledshards.yaml" in inputs
    assert all(len(digest) == 64 for digest in inputs.values())
    assert sources["kubernetes_version"] == "1.33.0"


def test_building_twice_is_byte_identical(schema_dir: Path, tmp_path: Path) -> None:
    assert _tree(build_schema_dir(tmp_path / "again")) == _tree(schema_dir)


def test_second_build_is_a_cache_hit(schema_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    before = {p: p.stat().st_mtime_ns for p in schema_dir.rglob("*")}
    with caplog.at_level(logging.INFO, logger="kcpgitops.schemas._build"):
        build_schema_dir(schema_dir)
    assert "schema cache hit" in caplog.text
    assert {p: p.stat().st_mtime_ns for p in schema_dir.rglob("*")} == before


def test_changed_input_rebuilds_and_drops_stale_schemas(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    crds = tmp_path / "crds"
    (crds / "sealed").mkdir(parents=True)
    shutil.copy(SEALED_SECRETS_CRD, crds / "sealed" / "crd.yaml")
    out = build_schema_dir(tmp_path / "out", crd_dirs=[crds])
    assert (out / "crds/bitnami.com/sealedsecret_v1alpha1.json").is_file()
    crd = crds / "sealed" / "crd.yaml"
    crd.write_text(crd.read_text().replace("name: v1alpha1", "name: v1alpha2"))
    with caplog.at_level(logging.INFO, logger="kcpgitops.schemas._build"):
        build_schema_dir(out, crd_dirs=[crds])
    assert "cache hit" not in caplog.text
    assert sorted(p.name for p in (out / "crds/bitnami.com").iterdir()) == ["sealedsecret_v1alpha2.json"]


def test_unknown_kubernetes_version_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"1\.2\.3"):
        build_schema_dir(tmp_path, kubernetes_version="1.2.3")


def test_missing_crd_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="CRD folder"):
        build_schema_dir(tmp_path / "out", crd_dirs=[tmp_path / "nope"])


def test_crd_objects_with_properties_reject_unknown_fields_at_every_level() -> None:
    schema = strict_schema(
        {
            "type": "object",
            "properties": {
                "spec": {
                    "type": "object",
                    "properties": {
                        "list": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "string"}}}},
                        "map": {"type": "object", "additionalProperties": {"type": "object", "properties": {"y": {"type": "string"}}}},
                    },
                }
            },
        }
    )
    spec = schema["properties"]["spec"]
    assert schema["$schema"] == DRAFT4
    assert schema["additionalProperties"] is False
    assert spec["additionalProperties"] is False
    assert spec["properties"]["list"]["items"]["additionalProperties"] is False
    assert spec["properties"]["map"]["additionalProperties"]["additionalProperties"] is False


def test_preserve_unknown_fields_and_explicit_additional_properties_are_kept() -> None:
    schema = strict_schema(
        {
            "type": "object",
            "properties": {
                "open": {"type": "object", "x-kubernetes-preserve-unknown-fields": True, "properties": {"a": {"type": "string"}}},
                "typed": {"type": "object", "additionalProperties": {"type": "string"}},
                "explicit": {"type": "object", "additionalProperties": True, "properties": {"a": {"type": "string"}}},
            },
        }
    )
    assert "additionalProperties" not in schema["properties"]["open"]
    assert schema["properties"]["typed"]["additionalProperties"] == {"type": "string"}
    assert schema["properties"]["explicit"]["additionalProperties"] is True


def test_branches_of_all_of_any_of_one_of_only_constrain_and_never_close_objects() -> None:
    schema = strict_schema(
        {
            "type": "object",
            "properties": {
                "spec": {
                    "type": "object",
                    "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                    "anyOf": [{"properties": {"a": {"pattern": "^x"}}}, {"properties": {"b": {"pattern": "^y"}}}],
                }
            },
        }
    )
    spec = schema["properties"]["spec"]
    assert spec["additionalProperties"] is False
    assert all("additionalProperties" not in branch for branch in spec["anyOf"])


@pytest.mark.parametrize(
    "node",
    [
        {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True, "pattern": "^[0-9]+Gi$"},
        {"type": "string", "format": "int-or-string", "pattern": "^[0-9]+Gi$"},
    ],
)
def test_int_or_string_becomes_one_of_string_or_integer(node: dict[str, Any]) -> None:
    converted = strict_schema({"type": "object", "properties": {"q": node}})["properties"]["q"]
    assert converted["oneOf"] == [{"type": "string"}, {"type": "integer"}]
    assert converted["pattern"] == "^[0-9]+Gi$"
    assert not {"anyOf", "type", "format"} & set(converted)


def test_crd_root_declares_api_version_kind_and_metadata() -> None:
    schema = strict_schema({"type": "object", "properties": {"spec": {"type": "object"}}})
    assert schema["properties"]["apiVersion"] == {"type": "string"}
    assert schema["properties"]["kind"] == {"type": "string"}
    assert schema["properties"]["metadata"] == {"type": "object"}


def test_crd_root_metadata_is_checked_against_object_meta() -> None:
    meta = {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": False}
    schema = strict_schema({"type": "object", "properties": {"metadata": {"type": "object"}}}, object_meta=meta)
    assert schema["properties"]["metadata"] == meta


def test_crd_metadata_constraints_are_kept_next_to_object_meta() -> None:
    meta = {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": False}
    declared = {"type": "object", "properties": {"name": {"type": "string", "pattern": "^[a-z]+$"}}}
    schema = strict_schema({"type": "object", "properties": {"metadata": declared}}, object_meta=meta)
    assert schema["properties"]["metadata"] == {"allOf": [declared, meta]}


def test_object_meta_schema_is_strict_and_inlined() -> None:
    meta = object_meta_schema(source_dir=core_source_dir(kubernetes_version="1.33.0"))
    assert meta["additionalProperties"] is False
    assert {"name", "namespace", "labels", "annotations", "ownerReferences"} <= set(meta["properties"])
    assert meta["properties"]["ownerReferences"]["items"]["additionalProperties"] is False
    assert _refs(meta) == []


def test_nullable_fields_accept_null() -> None:
    converted = strict_schema({"type": "object", "properties": {"d": {"type": "object", "nullable": True}}})
    assert converted["properties"]["d"]["type"] == ["object", "null"]


def test_only_served_versions_get_schemas() -> None:
    schema = {"openAPIV3Schema": {"type": "object"}}
    crd = {
        "spec": {
            "group": "example.com",
            "names": {"kind": "Widget"},
            "versions": [
                {"name": "v1", "served": True, "schema": schema},
                {"name": "v1beta1", "served": False, "schema": schema},
            ],
        }
    }
    assert list(convert_crd(crd=crd)) == ["example.com/widget_v1.json"]


def test_a_second_builder_of_one_folder_waits_for_the_first(tmp_path: Path) -> None:
    # Two builders of one folder (make -j, two test workers) would remove each other's staging folders: the second
    # waits on out/.lock, then finds the folder current.
    import fcntl
    import threading

    crds = tmp_path / "crds"
    (crds / "sealed").mkdir(parents=True)
    shutil.copy(SEALED_SECRETS_CRD, crds / "sealed" / "crd.yaml")
    out = tmp_path / "out"
    out.mkdir()
    built: list[Path] = []
    with open(out / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first builder, mid-build
        second = threading.Thread(target=lambda: built.append(build_schema_dir(out, crd_dirs=[crds])))
        second.start()
        second.join(timeout=0.5)
        assert second.is_alive() and not (out / "SOURCES.json").exists()
        fcntl.flock(lock, fcntl.LOCK_UN)
    second.join(timeout=60)
    assert built == [out] and (out / "crds/bitnami.com/sealedsecret_v1alpha1.json").is_file()
