"""A real Git server on loopback (the rehearsal's `GitHttpServer`: `git http-backend` behind HTTPS with Basic token auth),
and helpers that write bare repositories directly."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

from kcpgitops.rehearsal._git import GitHttpServer

__all__ = ["GIT_ENV", "GitHttpServer", "commit_files", "git", "init_bare"]

GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "someone-else",
    "GIT_AUTHOR_EMAIL": "someone@example.invalid",
    "GIT_COMMITTER_NAME": "someone-else",
    "GIT_COMMITTER_EMAIL": "someone@example.invalid",
    "LC_ALL": "C",
}


def git(*args: str, cwd: Path | None = None, check: bool = True, input_: bytes | None = None) -> str:
    """Run git with an isolated configuration and return stdout."""
    env = {"PATH": os.environ["PATH"], "HOME": str(cwd or Path.cwd()), **GIT_ENV}
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, input=input_.decode() if input_ is not None else None, text=True
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def init_bare(*, path: Path, seed_files: dict[str, str] | None = None, branch: str = "main") -> Path:
    """Create a bare repository, optionally with a first commit holding seed files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    git("init", "--quiet", "--bare", f"--initial-branch={branch}", str(path))
    if seed_files:
        commit_files(bare=path, files=seed_files, message="seed", branch=branch)
    return path


def commit_files(*, bare: Path, files: dict[str, str], message: str, branch: str = "main") -> str:
    """Land a commit in a bare repository directly (as another writer would), returning its id."""
    work = bare.parent / f".work-{os.getpid()}-{threading.get_ident()}"
    if work.exists():
        subprocess.run(["rm", "-rf", str(work)], check=True)
    heads = git("ls-remote", "--heads", str(bare), branch)
    if heads.strip():
        git("clone", "--quiet", "--branch", branch, str(bare), str(work))
    else:
        git("init", "--quiet", f"--initial-branch={branch}", str(work))
        git("remote", "add", "origin", str(bare), cwd=work)
    for name, content in files.items():
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    git("add", "--all", cwd=work)
    git("commit", "--quiet", "-m", message, cwd=work)
    git("push", "--quiet", "origin", f"HEAD:refs/heads/{branch}", cwd=work)
    sha = git("rev-parse", "HEAD", cwd=work).strip()
    subprocess.run(["rm", "-rf", str(work)], check=True)
    return sha
