"""The render-input record (`dist/.render-inputs`): check and diff refuse a tree not rendered from the inputs given.

Each rule: a tree rendered from another topology, or before its topology, a sealing certificate, a `kcp:` file or
the generator version changed, is refused (exit 2, before any finding) with the input named and the command to run;
a tree without a readable record is refused with a clear message; a tree rendered from exactly these inputs passes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

import kcpgitops
from kcpgitops.check import cli as check_cli
from kcpgitops.cli import synth
from kcpgitops.diff.cli import main as diff_main
from kcpgitops.output import RENDER_INPUTS, _inputs, repository_root, verify_render_inputs

ROOT = Path(__file__).resolve().parents[2]


def check(capsys, *argv: str) -> tuple[int, str, str]:
    code = check_cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def other_repo(tmp_path_factory) -> Path:
    """A repository whose dist/ and argocd/ were rendered from other.yaml (another domain), next to topology.yaml."""
    repo = tmp_path_factory.mktemp("rendered-from-other")
    shutil.copy(ROOT / "topology.yaml", repo / "topology.yaml")
    shutil.copytree(ROOT / "certs", repo / "certs")
    text = (ROOT / "topology.yaml").read_text()
    (repo / "other.yaml").write_text(text.replace("domain: zheng.example.io", "domain: other.example.io", 1))
    assert synth(topology=repo / "other.yaml", dist=repo / "dist", argocd=repo / "argocd") == 0
    return repo


# --- matching inputs ----------------------------------------------------------------------------------------------


def test_matching_inputs_pass(repo, capsys):
    assert verify_render_inputs(repo / "dist", repo / "topology.yaml") == []
    assert verify_render_inputs(repo, repo / "topology.yaml") == []  # a repository copy holding dist/
    code, out, _ = check(capsys, str(repo))
    assert code == 0 and "consistent" in out


def test_record_lists_every_input(repo):
    record = json.loads((repo / "dist" / RENDER_INPUTS).read_text())
    assert record["generator"] == kcpgitops.__version__
    assert record["topology"]["path"] == "topology.yaml"
    assert record["sealingCertificates"]["certs/cluster-1.pem"] is None  # the root cluster needs none: absent
    assert re.fullmatch(r"[0-9a-f]{64}", record["sealingCertificates"]["certs/cluster-2.pem"])
    assert "vendor/kcp-examples/cowboys/apiexport.yaml" in record["kcpFiles"]
    assert "vendor/kcp-examples/cowboys/apiresourceschema.yaml" in record["kcpFiles"]


def test_generator_version_equals_the_project_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert kcpgitops.__version__ == project["version"]


# --- rendered from another topology -------------------------------------------------------------------------------


def test_tree_rendered_from_another_topology_is_refused(other_repo, capsys, monkeypatch):
    code, out, err = check(capsys, str(other_repo))
    assert code == 2 and out == "", "refused before any finding"
    assert "dist/ was rendered from other.yaml, not topology.yaml: run `python -m kcpgitops synth --topology" in err
    monkeypatch.chdir(other_repo)  # `make check` in that repository
    code, out, err = check(capsys)
    assert code == 2 and out == ""
    assert err == ("error: dist/ was rendered from other.yaml, not topology.yaml: run `KCP_TOPOLOGY=topology.yaml make "
                   "synth` or pass --topology other.yaml\n")
    # What it names is the fix: the topology it was rendered from is accepted.
    assert verify_render_inputs(other_repo / "dist", other_repo / "other.yaml") == []


def test_tree_rendered_from_another_topology_is_refused_by_diff(other_repo, tmp_path, capsys):
    repo = tmp_path / "repo"
    shutil.copytree(other_repo, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rendered from other.yaml")
    assert diff_main(["--base", "HEAD", "--repo", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "was rendered from other.yaml, not topology.yaml" in err
    assert diff_main(["--base", "HEAD", "--repo", str(repo), "--topology", "other.yaml"]) == 0


# --- an input changed after the render ----------------------------------------------------------------------------


def test_topology_edited_after_render_is_refused(repo, write, capsys):
    write(repo / "topology.yaml", (repo / "topology.yaml").read_text() + "# edited, never rendered\n")
    code, out, err = check(capsys, str(repo))
    assert code == 2 and out == ""
    assert re.search(r"topology\.yaml changed since .*dist/ was rendered \(sha256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\)", err)
    assert "synth" in err


def test_topology_edited_after_render_is_refused_by_diff(repo, write, capsys):
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "render")
    assert diff_main(["--base", "HEAD", "--repo", str(repo), "--exit-code"]) == 0
    capsys.readouterr()
    write(repo / "topology.yaml", (repo / "topology.yaml").read_text() + "# edited, never rendered\n")
    assert diff_main(["--base", "HEAD", "--repo", str(repo)]) == 2
    out = capsys.readouterr()
    assert "No changes" not in out.out
    assert "topology.yaml changed since" in out.err and "--render" in out.err


def test_sealing_certificate_changed_after_render_is_refused(repo, write, capsys):
    pem = (repo / "certs" / "cluster-3.pem").read_text()
    write(repo / "certs" / "cluster-2.pem", pem)
    write(repo / "certs" / "cluster-1.pem", pem)
    code, out, err = check(capsys, str(repo))
    assert code == 2 and out == ""
    assert "sealing certificate certs/cluster-2.pem changed since" in err
    assert "sealing certificate certs/cluster-1.pem was missing when" in err and "exists now" in err
    (repo / "certs" / "cluster-3.pem").unlink()
    assert any("certs/cluster-3.pem existed when" in m for m in verify_render_inputs(repo, repo / "topology.yaml"))


def test_kcp_file_changed_after_render_is_refused(repo, tmp_path, monkeypatch):
    # kcp: files are read relative to the generator's repository; stand a changed copy in for it.
    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "vendor" / "kcp-examples", copy / "vendor" / "kcp-examples")
    schema = copy / "vendor/kcp-examples/cowboys/apiresourceschema.yaml"
    schema.write_text(schema.read_text() + "# changed\n")
    monkeypatch.setattr(_inputs, "REPO_ROOT", copy)
    (message,) = verify_render_inputs(repo, repo / "topology.yaml")
    assert message.startswith("kcp: file vendor/kcp-examples/cowboys/apiresourceschema.yaml changed since")


def test_generator_version_changed_after_render_is_refused(repo, monkeypatch):
    recorded = kcpgitops.__version__
    monkeypatch.setattr(kcpgitops, "__version__", "99.0.0")
    (message,) = verify_render_inputs(repo, repo / "topology.yaml")
    assert f"rendered by generator {recorded}, this is 99.0.0" in message


# --- no usable record ---------------------------------------------------------------------------------------------


def test_tree_without_record_is_refused(repo, capsys):
    (repo / "dist" / RENDER_INPUTS).unlink()
    code, out, err = check(capsys, str(repo))
    assert code == 2 and out == ""
    assert "has no record of its render inputs (.render-inputs)" in err and "older generator" in err
    assert "synth --topology" in err


@pytest.mark.parametrize(("text", "problem"), [
    ("{not json", "not JSON"),
    ("[]", "not a JSON object"),
    ('{"format": 0}', "layout 0"),
])
def test_unreadable_record_is_refused(repo, write, text, problem):
    write(repo / "dist" / RENDER_INPUTS, text)
    (message,) = verify_render_inputs(repo, repo / "topology.yaml")
    assert "is not a readable render-input record" in message and problem in message


# --- where the record lives and where repository paths resolve ----------------------------------------------------


def test_record_is_never_read_by_argo_cd(rendered_repo):
    # A directory source parses only these names (argoproj/argo-cd reposerver manifestFile).
    assert not re.fullmatch(r".*\.(yaml|yml|json|jsonnet)", RENDER_INPUTS)
    # ...and no Application syncs dist/ itself, or the repository root above it.
    paths = set()
    for file in sorted((rendered_repo / "argocd").rglob("application.argoproj.io_*.yaml")):
        spec = yaml.safe_load(file.read_text())["spec"]
        paths |= {s["path"].strip("/") for s in [spec.get("source") or {}, *(spec.get("sources") or [])] if "path" in s}
    assert "dist/cluster-1" in paths, "the Applications were not found"
    assert not paths & {"", ".", "dist"}


def test_repo_root_defaults_to_the_git_repository_holding_the_tree(repo, tmp_path, tmp_path_factory, monkeypatch):
    seen: list[Path] = []
    monkeypatch.setattr(check_cli, "check_tree", lambda **kwargs: seen.append(kwargs["repo_root"]) or [])
    elsewhere = tmp_path_factory.mktemp("topology-elsewhere")
    shutil.copytree(repo / "certs", elsewhere / "certs")
    shutil.copy(repo / "topology.yaml", elsewhere / "topology.yaml")
    argv = [str(repo / "dist"), "--topology", str(elsewhere / "topology.yaml")]
    # Outside git: the directory holding dist/, never the topology's directory.
    assert check_cli.main(argv) == 0
    # Inside git: the work tree's top level, even above the directory holding dist/.
    git(tmp_path, "init", "-q")
    assert repository_root(repo / "dist" / "cluster-1") == tmp_path.resolve()
    assert check_cli.main(argv) == 0
    assert seen == [repo.resolve(), tmp_path.resolve()]
    assert repository_root(elsewhere) is None
