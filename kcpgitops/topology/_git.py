"""Git locations in the topology: URL, branch and path checks, and where the sealed-secret bridge writes.

The bridge used to push into the branch each cluster's Argo CD follows. Teams protect that branch (reviews, status
checks), so a push either fails or needs a bypass, and every bridge commit there makes each Application on the branch
regenerate its manifests. `clusters[].git.bridge` lets a cluster name another repository, branch or path for the
bridge's output; each field defaults to what the bridge did before (the cluster's own repository and branch,
`sealed/<cluster>`), so a topology without the block renders as it always did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field, field_validator

from ._base import Model

_CREDENTIALS_RE = re.compile(r"^[a-z+]+://[^/@]*:[^/@]*@")


def check_git_url(value: str) -> str:
    """A repository URL the sealed-secret bridge can push to and Argo CD can read: HTTPS or SSH, no credentials."""
    if _CREDENTIALS_RE.match(value):
        raise ValueError("must not embed credentials (user:password@); use a repository Secret instead")
    if re.match(r"^(http|file)://", value):
        # The bridge pushes to every shard cluster's repository and refuses anything but HTTPS and SSH
        # (bridge/_config.py _check_repo): refuse it here, before anything is rendered.
        raise ValueError(f"{value!r}: the sealed-secret bridge pushes only over https:// or ssh://; use one of those")
    if not re.match(r"^(https://|ssh://|git@)", value):
        raise ValueError(f"{value!r} is not a Git URL: use https://..., ssh://... or git@host:org/repo.git")
    return value


def check_repo_path(value: str) -> str:
    """A directory inside the repository: relative, no `..`, not the root itself; surrounding slashes dropped."""
    if value.startswith("/") or ".." in value.split("/") or not value.strip("/"):
        raise ValueError(f"{value!r} must be a relative path inside the repository, e.g. 'dist/cluster-1'")
    return value.strip("/")


def check_bridge_path(value: str) -> str:
    """A directory the bridge may own: a repository path without `.` or empty parts, outside `.git` and dot-directories."""
    value = check_repo_path(value)
    # The bridge refuses these when it loads its configuration (bridge/_config.py _check_path); refuse them here, so a
    # render never ships a configuration the bridge rejects.
    if any(part in ("", ".") or part.startswith(".") for part in value.split("/")):
        raise ValueError(f"{value!r} must not have empty or '.' parts or start a part with '.' (the bridge refuses "
                         "those); use a plain directory such as 'sealed/cluster-2'")
    return value


_REF_FORBIDDEN = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")


def check_branch(value: str) -> str:
    """A branch name git accepts (`git check-ref-format --branch`), so the bridge can create and push it."""
    # The rules of git-check-ref-format(1) that apply to a branch name, first match wins (tests compare the verdicts
    # with the git binary's `git check-ref-format --branch`).
    parts = value.split("/")
    rules = (
        (not value, "is empty"),
        (bool(_REF_FORBIDDEN.search(value)), "contains a space, a control character or one of ~ ^ : ? * [ \\"),
        (value.startswith("-"), "starts with '-'"),
        (value in ("@", "HEAD"), f"is {value!r}, which git reserves"),
        (".." in value or "@{" in value, "contains '..' or '@{'"),
        (value.endswith("."), "ends with '.'"),
        (any(not part for part in parts), "has an empty part (leading, trailing or double '/')"),
        (any(part.startswith(".") or part.endswith(".lock") for part in parts), "has a part starting with '.' or ending with '.lock'"),
    )
    problem = next((reason for broken, reason in rules if broken), None)
    if problem:
        raise ValueError(f"{value!r} is not a valid branch name: it {problem}; use a name such as 'kcp-bridge'")
    return value


def repository_key(url: str) -> str:
    """The URL as compared for "the same repository": without a trailing slash or `.git`."""
    return url.rstrip("/").removesuffix(".git")


class BridgeDestination(Model):
    """Where the sealed-secret bridge writes one cluster's shard objects; each field defaults to today's behaviour."""

    repo_url: str | None = Field(None, alias="repoURL")
    """Repository the bridge pushes to (HTTPS or SSH); default the cluster's `git.repoURL`. A repository of its own lets the bridge's credential be scoped to it."""
    branch: str | None = None
    """Branch the bridge commits to; default the cluster's `git.branch`. The bridge creates it on its first delivery, so it can stay off a protected branch."""
    path: str | None = None
    """Directory the bridge owns in that branch; default `sealed/<cluster>`."""

    @field_validator("repo_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return value if value is None else check_git_url(value)

    @field_validator("branch")
    @classmethod
    def _branch(cls, value: str | None) -> str | None:
        return value if value is None else check_branch(value)

    @field_validator("path")
    @classmethod
    def _path(cls, value: str | None) -> str | None:
        return value if value is None else check_bridge_path(value)


@dataclass(frozen=True)
class BridgeTarget:
    """Where the bridge writes for one cluster, defaults applied (`Topology.bridge_target()`)."""

    repo_url: str
    """Repository the bridge pushes to and the cluster's `kcp-bridge` Application reads."""
    branch: str
    """Branch the bridge commits to (the Application's targetRevision)."""
    path: str
    """Directory the bridge owns (the Application's source path)."""
    separate: bool
    """Whether that is another repository or branch than the one the cluster's Argo CD follows for everything else:
    then the generator cannot keep the path in Git for it, and the path is free of the rendered trees."""

    def same_branch(self, repo_url: str, branch: str) -> bool:
        """Whether the bridge writes into this repository branch."""
        return repository_key(self.repo_url) == repository_key(repo_url) and self.branch == branch
