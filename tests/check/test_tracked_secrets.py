"""`make check` fails when a tracked file holds a private key or a kubeconfig with credentials (rule `tracked-secret`).

Each case plants a file in a fresh git repository (`git init` + `git add`, in tmp_path only) and runs the rule.
The key material below is a made-up marker, not a key.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kcpgitops.check._secrets import secret_findings

PEM = "-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5\n-----END EC PRIVATE KEY-----\n"
KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- name: kcp
  cluster: {server: https://kcp.zheng.test:6443}
contexts:
- name: kcp
  context: {cluster: kcp, user: admin}
current-context: kcp
users:
- name: admin
  user:
    %s
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text("# a GitOps repository\n")
    return tmp_path


def _plant(repo: Path, files: dict[str, str], *, track: bool = True) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if track:
        _git(repo, "add", "--", *files)


def _rules(repo: Path) -> list[tuple[str, str, str]]:
    return [(f.rule, f.file, f.object) for f in secret_findings(repo)]


def test_tracked_private_key_is_a_finding(repo):
    _plant(repo, {"dist/notes.txt": "hello\n" + PEM, "README.md": "# clean\n"})
    assert _rules(repo) == [("tracked-secret", "dist/notes.txt", "line 2")]


def test_tracked_kubeconfig_with_client_key_or_token_is_a_finding(repo):
    _plant(repo, {
        "kcp-admin-kubeconfig.yaml": KUBECONFIG % "client-key-data: bm90IGEga2V5",
        "sub/dir/token.kubeconfig": KUBECONFIG % "token: not-a-token",
    })
    assert _rules(repo) == [
        ("tracked-secret", "kcp-admin-kubeconfig.yaml", "line 13"),
        ("tracked-secret", "sub/dir/token.kubeconfig", "line 13"),
    ]


def test_finding_never_shows_the_material(repo):
    _plant(repo, {"admin.kubeconfig": KUBECONFIG % "client-key-data: bm90IGEga2V5", "key.pem": PEM})
    text = "\n".join(str(f) for f in secret_findings(repo))
    assert "bm90IGEga2V5" not in text and "tracked-secret" in text


def test_kubeconfig_without_credentials_and_untracked_files_are_fine(repo):
    _plant(repo, {"ok.kubeconfig": KUBECONFIG % "exec: {command: kubectl-oidc_login, apiVersion: client.authentication.k8s.io/v1}",
                  "empty-token.kubeconfig": KUBECONFIG % 'token: ""',
                  "values.yaml": "auth:\n  token: abc\n"})  # a `token:` outside a kubeconfig is not this rule's
    _plant(repo, {"kcp-admin.kubeconfig": KUBECONFIG % "token: not-a-token", "key.pem": PEM}, track=False)
    assert _rules(repo) == []


def test_test_fixtures_and_rehearsal_layouts_are_allowed(repo):
    _plant(repo, {"tests/fixtures/ca.key": PEM, "kcpgitops/rehearsal/layouts/x/admin.kubeconfig": KUBECONFIG % "token: t",
                  "kcpgitops/other/ca.key": PEM})
    assert _rules(repo) == [("tracked-secret", "kcpgitops/other/ca.key", "line 1")]


def test_outside_a_git_repository_nothing_is_tracked(tmp_path):
    (tmp_path / "key.pem").write_text(PEM)
    assert _rules(tmp_path) == []


def test_check_command_fails_on_a_planted_key(repo):
    """Through `make check`'s rule list: the rule runs over the repository holding `repo_root`."""
    from kcpgitops.check._rules import RULE_CHECKS, check_tracked_secrets

    assert check_tracked_secrets in RULE_CHECKS
    _plant(repo, {"secrets/admin.kubeconfig": KUBECONFIG % "client-key-data: bm90IGEga2V5"})

    class Ctx:
        repo_root = repo / "secrets"  # a subdirectory: the whole repository is still read

    assert [(f.rule, f.file) for f in check_tracked_secrets(Ctx())] == [("tracked-secret", "secrets/admin.kubeconfig")]


def test_this_repository_tracks_no_credentials():
    root = Path(__file__).resolve().parents[2]
    assert [str(f) for f in secret_findings(root)] == []
