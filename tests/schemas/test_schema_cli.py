"""Rules for the command line: output format, exit codes, and the optional kubeconform run."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kcpgitops.schemas import kubeconform_command
from kcpgitops.schemas.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def no_kubeconform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Hide any kubeconform binary from PATH."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def fake_kubeconform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Put a fake kubeconform on PATH that records its arguments and exits with $FAKE_RC."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "kubeconform"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_ARGS"\nexit "${FAKE_RC:-0}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_ARGS", str(tmp_path / "args.txt"))
    return tmp_path / "args.txt"


def test_kubeconform_command_validates_strictly_against_both_layouts() -> None:
    assert kubeconform_command(Path("build/schemas"), [Path("dist"), "argocd"]) == [
        "kubeconform",
        "-strict",
        "-summary",
        "-schema-location",
        "build/schemas/{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json",
        "-schema-location",
        "build/schemas/crds/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json",
        "-kubernetes-version",
        "1.33.0",
        "dist",
        "argocd",
    ]


@pytest.mark.usefixtures("no_kubeconform")
def test_clean_manifests_exit_zero(schema_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--schema-dir", str(schema_dir), str(FIXTURES / "valid-secret.yaml"), str(FIXTURES / "valid-etcd.yaml")]) == 0
    assert capsys.readouterr().out == "schemas: 0 finding(s) in 2 document(s) from 2 file(s)\n"


@pytest.mark.usefixtures("no_kubeconform")
def test_each_finding_is_printed_and_exits_one(schema_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid-unknown-spec-field.yaml"
    assert main(["--schema-dir", str(schema_dir), str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}[0]: Certificate/kcp-ca: spec: Additional properties are not allowed ('commonNmae' was unexpected)",
        "schemas: 1 finding(s) in 1 document(s) from 1 file(s)",
    ]


@pytest.mark.usefixtures("no_kubeconform")
def test_no_documents_at_all_exits_one(schema_dir: Path, tmp_path: Path) -> None:
    assert main(["--schema-dir", str(schema_dir), str(tmp_path)]) == 1


def test_kubeconform_runs_on_the_same_schema_dir_when_on_path(
    schema_dir: Path, fake_kubeconform: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(FIXTURES / "valid-secret.yaml")
    assert main(["--schema-dir", str(schema_dir), path]) == 0
    assert fake_kubeconform.read_text().splitlines() == kubeconform_command(schema_dir, [path])[1:]
    assert "running: kubeconform -strict" in capsys.readouterr().out


def test_failing_kubeconform_fails_the_run(schema_dir: Path, fake_kubeconform: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_RC", "1")
    assert main(["--schema-dir", str(schema_dir), str(FIXTURES / "valid-secret.yaml")]) == 1
