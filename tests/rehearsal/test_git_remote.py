"""The rehearsal's Git remote: a real bare repository, person commits in simulated time, Argo CD's reads, HTTPS with a token."""

from __future__ import annotations

import base64
import http.client
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from kcpgitops.rehearsal._git import GIT_TOKEN, GitRemote, GitRepos

RENDERED_URL = "https://git.example.com/kcp/kcp-zheng-gitops.git"


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[GitRemote]:
    now = [0.0]
    git_remote = GitRemote(tmp_path / "git", clock=lambda: now[0]).start()
    git_remote.now = now  # type: ignore[attr-defined]
    try:
        yield git_remote
    finally:
        git_remote.stop()


def test_commit_then_resolve_and_list_files_below_a_path(remote: GitRemote) -> None:
    first = remote.commit({"dist/cluster-1/a.yaml": b"a: 1\n", "dist/cluster-1/sub/b.yaml": b"b: 2\n", "topology.yaml": b"t\n"}, "first")
    assert remote.head() == first
    for revision in ("HEAD", "", "main", "refs/heads/main", first, first[:10]):
        assert remote.resolve(revision) == first, revision
    assert remote.files(first, "dist/cluster-1") == {"a.yaml": b"a: 1\n", "sub/b.yaml": b"b: 2\n"}
    assert remote.files(first, "./dist/cluster-1/") == {"a.yaml": b"a: 1\n", "sub/b.yaml": b"b: 2\n"}
    assert set(remote.files(first, ".") or {}) == {"dist/cluster-1/a.yaml", "dist/cluster-1/sub/b.yaml", "topology.yaml"}


def test_missing_path_file_path_and_unknown_revision_are_none(remote: GitRemote) -> None:
    sha = remote.commit({"dist/a.yaml": b"a\n"}, "first")
    assert remote.files(sha, "sealed/cluster-2") is None, "a path that does not exist must be 'app path does not exist'"
    assert remote.files(sha, "dist/a.yaml") is None, "a file is not an app path"
    assert remote.resolve("no-such-branch") is None
    assert remote.resolve("0" * 40) is None


def test_none_deletes_a_path_and_old_commits_keep_their_files(remote: GitRemote) -> None:
    first = remote.commit({"sealed/cluster-2/x.yaml": b"x\n", "sealed/cluster-2/y.yaml": b"y\n"}, "first")
    second = remote.commit({"sealed/cluster-2/x.yaml": None}, "delete x")
    assert second != first
    assert remote.files(second, "sealed/cluster-2") == {"y.yaml": b"y\n"}
    assert remote.files(first, "sealed/cluster-2") == {"x.yaml": b"x\n", "y.yaml": b"y\n"}
    third = remote.commit({"sealed/cluster-2/y.yaml": None}, "delete y")
    assert remote.files(third, "sealed/cluster-2") is None, "a directory without files does not exist in Git"


def test_an_unchanged_commit_is_no_commit(remote: GitRemote) -> None:
    first = remote.commit({"a.yaml": b"a\n"}, "first")
    assert remote.commit({"a.yaml": b"a\n", "gone.yaml": None}, "nothing changes") == first


def test_commit_ids_depend_on_simulated_time_only(tmp_path: Path) -> None:
    def sha(directory: str, at: float) -> str:
        git_remote = GitRemote(tmp_path / directory, clock=lambda: at)
        try:
            return git_remote.commit({"a.yaml": b"a\n"}, "same")
        finally:
            git_remote.stop()

    assert sha("one", 60.0) == sha("two", 60.0), "the same scenario must give the same commit"
    assert sha("three", 60.0) != sha("four", 120.0)


def test_replace_tree_commits_a_rendered_copy_and_removes_files_that_disappeared(remote: GitRemote, tmp_path: Path) -> None:
    remote.commit({"dist/cluster-1/old.yaml": b"old\n", "dist/cluster-1/keep.yaml": b"keep\n", "other/x.yaml": b"x\n"}, "seed")
    copy = tmp_path / "copy"
    (copy / "dist" / "cluster-1").mkdir(parents=True)
    (copy / "dist" / "cluster-1" / "keep.yaml").write_bytes(b"keep\n")
    (copy / "dist" / "cluster-1" / "new.yaml").write_bytes(b"new\n")
    (copy / "topology.yaml").write_bytes(b"topology\n")
    sha = remote.replace_tree(copy, ["dist", "topology.yaml"], "re-render")
    assert remote.files(sha, "dist") == {"cluster-1/keep.yaml": b"keep\n", "cluster-1/new.yaml": b"new\n"}
    assert remote.files(sha, "other") == {"x.yaml": b"x\n"}, "paths outside the subpaths are left alone"
    assert remote.files(sha, "")["topology.yaml"] == b"topology\n"  # type: ignore[index]


def test_repos_table_maps_rendered_urls_and_unknown_urls_resolve_to_none(remote: GitRemote) -> None:
    sha = remote.commit({"argocd/cluster-1/bootstrap/app.yaml": b"kind: Application\n"}, "first")
    repos = GitRepos({RENDERED_URL: remote})
    assert repos.resolve(RENDERED_URL, "main") == sha
    assert repos.resolve("HTTPS://git.example.com/kcp/kcp-zheng-gitops", "HEAD") == sha, "Argo CD compares normalised URLs"
    assert repos.files(RENDERED_URL, sha, "argocd/cluster-1/bootstrap") == {"app.yaml": b"kind: Application\n"}
    assert repos.resolve("https://git.example.com/kcp/other.git", "main") is None
    assert repos.files("https://git.example.com/kcp/other.git", sha, "argocd") is None


def test_https_needs_the_token(remote: GitRemote) -> None:
    remote.commit({"a.yaml": b"a\n"}, "first")

    def status(password: str) -> int:
        port = int(remote.url.rsplit(":", 1)[1].split("/", 1)[0])
        context = ssl.create_default_context(cafile=str(remote.ca_file))
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        auth = base64.b64encode(f"x-access-token:{password}".encode()).decode()
        conn.request("GET", f"/{remote.name}.git/info/refs?service=git-upload-pack", headers={"Authorization": f"Basic {auth}"})
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status

    assert status(GIT_TOKEN) == 200
    assert status("wrong-token") == 401
