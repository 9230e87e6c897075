"""`make images` (scripts/build_images.py): which tool builds, the exact commands, and the error when none is there.

The tools are stand-ins: executables in a PATH directory of the test's own that record their argv and working directory,
so nothing is built and no daemon is needed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kcpgitops.topology import project_version

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_images.py"
STUB = """#!/bin/sh
# Stand-in for {name}: records its argv (one argument a line), its working directory and an end marker, then exits {code}.
{{ echo "{name}"; for arg in "$@"; do echo "$arg"; done; echo "cwd=$PWD"; echo "--"; }} >> "$STUB_LOG"
exit {code}
"""
IMAGES_BLOCK_COMMANDS = [
    ["build", "-f", "Dockerfile.bridge", "-t", "ghcr.io/acme-platform/kcp/bridge:2.0.1", "."],
    ["build", "-f", "Dockerfile.workspace-clusters", "-t", "ghcr.io/acme-platform/kcp-zheng-workspace-clusters:2.0.1", "."],
]
"""What tests/images/fixtures/images-block.yaml makes each tool run, after the tool's name."""


def _stubs(directory: Path, *names: str, code: int = 0) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = directory / name
        path.write_text(STUB.format(name=name, code=code), encoding="utf-8")
        path.chmod(0o755)
    return directory


@dataclass
class _Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_script(monkeypatch, capsys):
    """`(tmp_path, path_dir, topology, **env) -> (result, calls)`: the script's main() in this process, with only the
    stand-ins' directory on PATH (a real docker, podman or buildah on this machine must not be found), the given
    environment and the test's folder as working directory; `calls` is what the stand-ins recorded. (The tests ran it as
    a process before; starting Python for each cost more than all they check. test_script_runs_as_a_process keeps
    one real run.)"""
    spec = importlib.util.spec_from_file_location("build_images", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    def run(tmp_path: Path, path_dir: Path, topology: Path, **env: str) -> tuple[_Result, list[list[str]]]:
        log = tmp_path / "calls.log"
        monkeypatch.delenv("DRY_RUN", raising=False)
        for name, value in {"PATH": str(path_dir), "STUB_LOG": str(log), "KCP_TOPOLOGY": str(topology), **env}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        capsys.readouterr()
        code = script.main([])
        out, err = capsys.readouterr()
        calls = [call.strip("\n").split("\n") for call in log.read_text().split("--\n") if call.strip()] if log.exists() else []
        return _Result(code, out, err), calls

    return run


def test_script_runs_as_a_process(tmp_path, topology_file):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--dry-run"],
        env={"PATH": str(_stubs(tmp_path / "bin", "podman")), "PYTHONPATH": str(ROOT), "KCP_TOPOLOGY": str(topology_file("images-block.yaml"))},
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"+ podman {' '.join(command)}" for command in IMAGES_BLOCK_COMMANDS]


@pytest.mark.parametrize(("present", "chosen"), [
    (("docker", "podman", "buildah"), "docker"),
    (("podman", "buildah"), "podman"),
    (("buildah", "podman"), "podman"),
    (("buildah",), "buildah"),
])
def test_detection_order_is_docker_podman_buildah_and_the_exact_command(run_script, tmp_path, topology_file, present, chosen):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", *present), topology_file("images-block.yaml"))
    assert result.returncode == 0, result.stderr
    # Every build runs in the repository root, the build context the Dockerfiles COPY from.
    assert calls == [[chosen, *command, f"cwd={ROOT}"] for command in IMAGES_BLOCK_COMMANDS]
    assert result.stdout.splitlines() == [f"+ {chosen} {' '.join(command)}" for command in IMAGES_BLOCK_COMMANDS]
    assert f"building with {chosen} ({tmp_path / 'bin' / chosen})" in result.stderr


def test_detection_order_finds_no_tool_and_says_which_it_looked_for(run_script, tmp_path, topology_file):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", "kubectl"), topology_file("images-block.yaml"))
    assert result.returncode == 1
    assert calls == [] and result.stdout == ""
    assert result.stderr == ("error: none of docker, podman, buildah is on PATH (looked in that order); install one of them "
                             "to build the job images, or run with DRY_RUN=1 to print the commands\n")


@pytest.mark.parametrize("dry_run", ["1", "true", "yes"])
def test_dry_run_prints_the_commands_and_runs_nothing(run_script, tmp_path, topology_file, dry_run):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", "podman"), topology_file("images-block.yaml"), DRY_RUN=dry_run)
    assert result.returncode == 0 and calls == []
    assert result.stdout.splitlines() == [f"+ podman {' '.join(command)}" for command in IMAGES_BLOCK_COMMANDS]


def test_dry_run_prints_the_commands_and_runs_nothing_unless_it_is_off(run_script, tmp_path, topology_file):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", "podman"), topology_file("images-block.yaml"), DRY_RUN="0")
    assert result.returncode == 0 and len(calls) == 2


def test_dry_run_prints_the_commands_for_docker_when_no_tool_is_there(run_script, tmp_path, topology_file):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin"), topology_file("images-block.yaml"), DRY_RUN="1")
    assert result.returncode == 0 and calls == []
    assert result.stdout.splitlines() == [f"+ docker {' '.join(command)}" for command in IMAGES_BLOCK_COMMANDS]
    assert "none of docker, podman, buildah is on PATH" in result.stderr


def test_exact_command_of_a_digest_pinned_image_tags_without_the_digest(run_script, tmp_path, topology_file):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", "docker"), topology_file("images-digests.yaml"))
    assert result.returncode == 0
    assert [call[5] for call in calls] == [f"ghcr.io/acme-platform/kcp-zheng-bridge:{project_version()}",
                                           f"ghcr.io/acme-platform/kcp-zheng-workspace-clusters:{project_version()}"]
    assert "note: the topology pins ghcr.io/acme-platform/kcp-zheng-bridge@sha256:" in result.stderr


def test_exact_command_fails_with_the_failing_build_and_stops(run_script, tmp_path, topology_file):
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", "docker", code=3), topology_file("images-block.yaml"))
    assert result.returncode == 3
    assert len(calls) == 1  # the second image is not built after the first failed
    assert "error: docker build -f Dockerfile.bridge -t ghcr.io/acme-platform/kcp/bridge:2.0.1 . failed with exit code 3" in result.stderr


def test_exact_command_needs_a_valid_topology(run_script, tmp_path):
    bad = ROOT / "tests" / "generator" / "fixtures" / "bad" / "images-registry-without-host.yaml"
    result, calls = run_script(tmp_path, _stubs(tmp_path / "bin", "docker"), bad)
    assert result.returncode == 1 and calls == []
    assert "images.registry: 'acme' does not start with a registry host" in result.stderr


def test_script_imports_neither_cdk8s_nor_the_charts():
    code = (f"import runpy, sys; sys.argv = ['x', '--help']\n"
            f"try:\n    runpy.run_path({str(SCRIPT)!r}, run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('cdk8s', 'charts', 'constructs', 'jsii'))\n"
            "print(bad)")
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
