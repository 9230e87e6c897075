"""Rules for strict validation of manifests against the generated schema folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcpgitops.schemas import Finding, check_paths, validate_paths
from kcpgitops.schemas._validate import _compile

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _messages(schema_dir: Path, name: str) -> list[str]:
    """Validate one fixture file and return the finding messages."""
    return [finding.message for finding in validate_paths([FIXTURES / name], schema_dir=schema_dir)]


@pytest.mark.parametrize(
    "name",
    [
        "valid-certificate.yaml",
        "valid-etcd.yaml",
        "valid-rootshard.yaml",
        "valid-application.yaml",
        "valid-sealedsecret.yaml",
        "valid-workspace.yaml",
    ],
)
def test_valid_custom_resources_pass(schema_dir: Path, name: str) -> None:
    assert _messages(schema_dir, name) == []


@pytest.mark.parametrize("name", ["valid-secret.yaml", "valid-namespace.yaml", "valid-cronjob.yaml", "valid-role.yaml"])
def test_valid_core_kinds_pass(schema_dir: Path, name: str) -> None:
    assert _messages(schema_dir, name) == []


def test_unknown_field_at_top_of_spec_fails(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-unknown-spec-field.yaml") == [
        "spec: Additional properties are not allowed ('commonNmae' was unexpected)"
    ]


def test_unknown_field_nested_deep_in_a_custom_resource_fails(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-unknown-nested-field.yaml") == [
        "spec.etcd.clientUrlTls.tlsCASecretRef: Additional properties are not allowed ('nmaespace' was unexpected)"
    ]


def test_unknown_field_nested_deep_in_a_core_kind_fails(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-unknown-nested-core-field.yaml") == [
        "spec.jobTemplate.spec.template.spec.containers[0]: Additional properties are not allowed ('imagePullPolicyy' was unexpected)"
    ]


def test_unknown_field_at_the_root_of_a_custom_resource_fails(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-unknown-root-field.yaml") == [
        "(root): Additional properties are not allowed ('tempalte' was unexpected)"
    ]


def test_unknown_metadata_field_in_a_custom_resource_fails(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-custom-resource-metadata.yaml") == [
        "metadata: Additional properties are not allowed ('lables' was unexpected)"
    ]


def test_crd_constraints_on_metadata_still_apply(schema_dir: Path) -> None:
    [message] = _messages(schema_dir, "invalid-workspace-name.yaml")
    assert message.startswith("metadata.name: 'Team_A' does not match")


def test_kind_without_schema_fails(schema_dir: Path) -> None:
    [message] = _messages(schema_dir, "invalid-no-schema.yaml")
    assert message.startswith("no schema for wildwest.dev/v1alpha1/Cowboy")


def test_group_merely_starting_like_a_builtin_group_gets_no_core_schema(schema_dir: Path) -> None:
    [message] = _messages(schema_dir, "invalid-lookalike-group.yaml")
    assert message.startswith("no schema for apps.example.com/v1/Deployment")


def test_int_or_string_accepts_quantity_strings_and_integers(schema_dir: Path) -> None:
    assert _messages(schema_dir, "valid-etcd.yaml") == []
    assert _messages(schema_dir, "valid-etcd-integer-quantities.yaml") == []


def test_int_or_string_rejects_other_types_and_malformed_quantities(schema_dir: Path) -> None:
    messages = _messages(schema_dir, "invalid-etcd-quantity-types.yaml")
    assert len(messages) == 2
    assert messages[0].startswith("spec.backup.deltaSnapshotMemoryLimit: '8 Gi' does not match")
    assert messages[1].startswith("spec.etcd.quota: True is not valid")


def test_duplicate_keys_fail(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-duplicate-key.yaml") == ["duplicate key 'type' at line 9"]


def test_document_without_kind_fails(schema_dir: Path) -> None:
    assert _messages(schema_dir, "invalid-missing-kind.yaml") == ["apiVersion and kind must be non-empty strings"]


def test_empty_documents_are_ignored_but_keep_their_index(schema_dir: Path) -> None:
    report = check_paths([FIXTURES / "mixed-documents.yaml"], schema_dir=schema_dir)
    assert report.documents == 3
    assert [(f.document, f.name) for f in report.findings] == [(3, "bad")]
    assert "'lables' was unexpected" in report.findings[0].message


def test_list_items_are_validated_one_by_one(schema_dir: Path) -> None:
    [finding] = validate_paths([FIXTURES / "list.yaml"], schema_dir=schema_dir)
    assert (finding.kind, finding.name) == ("Namespace", "broken")
    assert finding.message == "items[1]: spec: Additional properties are not allowed ('extra' was unexpected)"


def test_directories_are_walked_for_yaml_files_only(schema_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "nested" / "deeper" / "ns.yml").write_text((FIXTURES / "valid-namespace.yaml").read_text())
    (tmp_path / "nested" / "cert.yaml").write_text((FIXTURES / "invalid-unknown-spec-field.yaml").read_text())
    (tmp_path / "README.md").write_text("not: [yaml\n")
    (tmp_path / "values.json").write_text("{]")
    (tmp_path / ".hidden" / "x.yaml").write_text("kind: [broken\n")
    report = check_paths([tmp_path], schema_dir=schema_dir)
    assert (report.files, report.documents) == (2, 2)
    assert [f.file.name for f in report.findings] == ["cert.yaml"]


def test_missing_path_is_a_finding(schema_dir: Path, tmp_path: Path) -> None:
    assert [f.message for f in validate_paths([tmp_path / "nope"], schema_dir=schema_dir)] == ["path does not exist"]


def test_invalid_yaml_is_a_finding(schema_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("apiVersion: v1\nkind: Namespace\n---\nmetadata: [unclosed\n")
    [finding] = validate_paths([tmp_path], schema_dir=schema_dir)
    assert finding.document == 1
    assert finding.message.startswith("invalid YAML")


def test_finding_renders_file_document_kind_name_and_message() -> None:
    finding = Finding(Path("dist/a.yaml"), 2, "v1", "Secret", "s", "data: boom")
    assert str(finding) == "dist/a.yaml[2]: Secret/s: data: boom"


def test_each_schema_is_compiled_once(schema_dir: Path, tmp_path: Path) -> None:
    secret = (FIXTURES / "valid-secret.yaml").read_text()
    (tmp_path / "many.yaml").write_text("---\n".join([secret] * 50))
    (tmp_path / "more.yaml").write_text("---\n".join([secret] * 50))
    _compile.cache_clear()
    assert validate_paths([tmp_path], schema_dir=schema_dir) == []
    assert _compile.cache_info().misses == 1


# --- Large files are validated once per content and schema folder (the CRDs Argo CD installs) ----------------------

def _big_config_map(extra: str = "") -> str:
    filler = "x" * (70 * 1024)  # over the size from which results are cached
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  filler: {filler}\n{extra}"


def _config_map_schema_dir(root: Path, *, allow_extra: bool, sources: str) -> Path:
    # A schema folder as a build leaves it: the schemas, and SOURCES.json naming what they were built from.
    core = root / "v1.33.0-standalone-strict"
    core.mkdir(parents=True, exist_ok=True)
    schema = {"type": "object", "additionalProperties": allow_extra, "properties": {
        "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
        "data": {"type": "object", "additionalProperties": {"type": "string"}}}}
    (core / "configmap-v1.json").write_text(json.dumps(schema))
    (root / "SOURCES.json").write_text(sources)
    return root


def test_a_cached_result_names_the_file_it_is_reported_for(schema_dir: Path, tmp_path: Path) -> None:
    for name in ("first.yaml", "second.yaml"):  # the second is answered from the cache
        (tmp_path / name).write_text(_big_config_map("unexpected: field\n"))
        findings = validate_paths([tmp_path / name], schema_dir=schema_dir)
        assert [(f.file.name, f.kind, f.name) for f in findings] == [(name, "ConfigMap", "big")]
        assert "unexpected" in findings[0].message


def test_a_cached_result_follows_the_content(schema_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(_big_config_map("unexpected: field\n"))
    assert validate_paths([path], schema_dir=schema_dir)
    path.write_text(_big_config_map())
    assert validate_paths([path], schema_dir=schema_dir) == []
    path.write_text(_big_config_map("unexpected: again\n"))
    assert validate_paths([path], schema_dir=schema_dir)


def test_a_rebuilt_schema_folder_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(_big_config_map("unexpected: field\n"))
    strict = _config_map_schema_dir(tmp_path / "schemas", allow_extra=False, sources='{"build": 1}')
    assert validate_paths([path], schema_dir=strict)
    lenient = _config_map_schema_dir(tmp_path / "schemas", allow_extra=True, sources='{"build": 2}')
    assert validate_paths([path], schema_dir=lenient) == []
