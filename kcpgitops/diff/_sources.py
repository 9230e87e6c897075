"""Where the two sides of a diff come from: files on disk, or the trees committed at a git ref."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path


class SourceError(Exception):
    """A side of the diff cannot be read (unknown ref, not a git repository, failed render)."""


def _git(args: list[str], *, cwd: Path, data: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed") from None
    if result.returncode != 0:
        raise SourceError(f"git {' '.join(args[:3])}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def repo_top(path: Path) -> Path:
    """The top-level directory of the git repository containing `path`."""
    return Path(_git(["rev-parse", "--show-toplevel"], cwd=path).decode().strip())


def resolve_ref(top: Path, ref: str) -> str:
    """The commit id of `ref`, or SourceError naming it."""
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=top).decode().strip()
    except SourceError:
        raise SourceError(f"unknown git ref {ref!r}; fetch it first (e.g. `git fetch origin main`)") from None


def files_at_ref(top: Path, ref: str, prefixes: list[str]) -> dict[str, bytes]:
    """Repo-relative path -> content of every file under `prefixes` in the commit `ref` (one `git cat-file` call)."""
    commit = resolve_ref(top, ref)
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *prefixes], cwd=top)
    blobs: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        _, kind, sha = meta.split()
        if kind == b"blob":
            blobs.append((path.decode(), sha.decode()))
    if not blobs:
        return {}
    out = _git(["cat-file", "--batch"], cwd=top, data="".join(f"{sha}\n" for _, sha in blobs).encode())
    files: dict[str, bytes] = {}
    offset = 0
    for path, _ in blobs:
        header_end = out.index(b"\n", offset)
        size = int(out[offset:header_end].split()[2])
        start = header_end + 1
        files[path] = out[start:start + size]
        offset = start + size + 1
    return files


def files_on_disk(top: Path, prefixes: list[str]) -> dict[str, bytes]:
    """Repo-relative path -> content of every file under `prefixes` in the working tree."""
    files: dict[str, bytes] = {}
    for prefix in prefixes:
        root = top / prefix
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    files[path.relative_to(top).as_posix()] = path.read_bytes()
    return files


def rendered_files(topology: Path, prefixes: dict[str, str]) -> dict[str, bytes]:
    """Render `topology` with the working tree's code; keys use the repo prefixes of `{tree: prefix}`."""
    from kcpgitops.check.stale import render_to

    with tempfile.TemporaryDirectory(prefix="kcp-diff.") as tmp:
        trees = render_to(topology, Path(tmp))
        if trees is None:
            raise SourceError(f"{topology} does not render")
        return _collect(trees, prefixes)


def rendered_files_at_ref(top: Path, ref: str, topology: str, prefixes: dict[str, str]) -> dict[str, bytes]:
    """Check out `ref` into a temporary directory (git archive) and run its own renderer on its own topology."""
    commit = resolve_ref(top, ref)
    with tempfile.TemporaryDirectory(prefix="kcp-diff-base.") as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        archive = Path(tmp) / "src.tar"
        archive.write_bytes(_git(["archive", "--format=tar", commit], cwd=top))
        with tarfile.open(archive) as tar:
            tar.extractall(source, filter="data")
        out = Path(tmp) / "out"
        env = dict(os.environ, PYTHONPATH=str(source), KCP_TOPOLOGY=topology,
                   CDK8S_OUTDIR=str(out / "dist"), KCP_ARGOCD_OUTDIR=str(out / "argocd"))
        result = subprocess.run([sys.executable, "main.py"], cwd=source, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SourceError(f"rendering {ref} failed:\n{result.stderr.strip()}")
        return _collect({"dist": out / "dist", "argocd": out / "argocd"}, prefixes)


def _collect(trees: dict[str, Path], prefixes: dict[str, str]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for tree, root in trees.items():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                files[f"{prefixes[tree]}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return files
