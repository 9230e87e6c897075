"""Write whole output trees next to their destinations and swap them all in, or none.

A render replaces several trees (`dist/` and `argocd/`) that only make sense together: Argo CD Applications in one
name directories of the other. Each tree is written in full into a staging directory `.<name>.new.*` beside its
destination first; only then are the destinations swapped, each by two renames (the old tree into a retired
directory `.<name>.old.*/tree`, the staging directory into its place). Retired trees are kept until every swap
succeeded, so a failure midway can put every destination back, and a process killed midway leaves behind exactly
the directories `recover_leftovers` knows how to undo.
"""

from __future__ import annotations

import contextlib
import fcntl  # POSIX only, like the rest of the tooling (Linux CI and clusters)
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


def write_trees(trees: Mapping[Path, Mapping[Path, str]]) -> None:
    """Replace each destination directory with exactly its files (relative path -> text), all or none.

    Every tree is fully written beside its destination before any is swapped in. A failure while writing leaves all
    previous output untouched; a failure while swapping puts back every destination already swapped, then re-raises;
    a success leaves no stale file behind. Leftovers of a run that was killed are recovered first.
    """
    destinations = [Path(d).resolve() for d in trees]
    with _locked({d.parent for d in destinations}):
        recover_leftovers(destinations)
        staged = _stage(dict(zip(destinations, trees.values(), strict=True)))
        _swap_all(staged)


def recover_leftovers(destinations: list[Path]) -> None:
    """Undo what a killed `write_trees` left beside `destinations`.

    A destination that is missing while a retired copy of it exists was caught between its two renames: the newest
    retired copy is put back. Then every staging directory (never complete, or already moved in) and every retired
    directory (its destination exists again) is removed.
    """
    for destination in destinations:
        retired = _leftovers(destination, "old")
        if not os.path.lexists(destination):
            restorable = [d for d in retired if (d / "tree").is_dir()]
            if restorable:
                newest = max(restorable, key=lambda d: d.stat().st_mtime_ns)
                os.rename(newest / "tree", destination)
        for leftover in (*_leftovers(destination, "new"), *retired):
            shutil.rmtree(leftover, ignore_errors=True)


@dataclass
class _Swap:
    """One destination's progress through the swap, so that a failure can undo exactly what happened."""

    destination: Path
    staging: Path
    retired: Path | None = None
    """Directory holding the previous tree as `tree`, once it was moved out of the way."""
    installed: bool = False
    """Whether the staging directory is now the destination."""


def _prefix(destination: Path, state: str) -> str:
    return f".{destination.name}.{state}."


def _leftovers(destination: Path, state: str) -> list[Path]:
    """Staging (`new`) or retired (`old`) directories of `destination`, oldest name first."""
    parent, prefix = destination.parent, _prefix(destination, state)
    if not parent.is_dir():
        return []
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink())


def _stage(trees: Mapping[Path, Mapping[Path, str]]) -> list[_Swap]:
    staged: list[_Swap] = []
    try:
        for destination, files in trees.items():
            destination.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=_prefix(destination, "new"), dir=destination.parent))
            staged.append(_Swap(destination, staging))
            for relative, text in sorted(files.items()):
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            staging.chmod(0o755)
    except BaseException:
        for swap in staged:
            shutil.rmtree(swap.staging, ignore_errors=True)
        raise
    return staged


def _swap_all(staged: list[_Swap]) -> None:
    try:
        for swap in staged:
            if os.path.lexists(swap.destination):
                swap.retired = Path(tempfile.mkdtemp(prefix=_prefix(swap.destination, "old"), dir=swap.destination.parent))
                os.rename(swap.destination, swap.retired / "tree")
            os.rename(swap.staging, swap.destination)
            swap.installed = True
    except BaseException:
        _roll_back(staged)
        raise
    for swap in staged:
        if swap.retired is not None:
            shutil.rmtree(swap.retired, ignore_errors=True)


def _roll_back(staged: list[_Swap]) -> None:
    """Put every previous tree back, newest swap first; a step that fails is left for `recover_leftovers`."""
    for swap in reversed(staged):
        with contextlib.suppress(OSError):
            if swap.installed:
                # The staging path is free again: the new tree goes back there and is removed with it below.
                os.rename(swap.destination, swap.staging)
                swap.installed = False
            if swap.retired is not None and (swap.retired / "tree").exists():
                os.rename(swap.retired / "tree", swap.destination)
        if not swap.installed:
            shutil.rmtree(swap.staging, ignore_errors=True)
        if swap.retired is not None and not (swap.retired / "tree").exists():
            shutil.rmtree(swap.retired, ignore_errors=True)


@contextlib.contextmanager
def _locked(parents: set[Path]) -> Iterator[None]:
    """Hold an exclusive lock on each parent directory, so that a second synth in the same checkout waits instead of
    taking this run's staging directories for a killed run's leftovers. The lock is on the directory itself: no lock
    file appears in the repository."""
    with contextlib.ExitStack() as stack:
        for parent in sorted(parents):
            parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(parent, os.O_RDONLY)
            stack.callback(os.close, fd)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
