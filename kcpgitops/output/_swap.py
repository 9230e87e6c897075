"""Write a whole output tree next to its destination and swap it in only when everything succeeded."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_trees(trees: Mapping[Path, Mapping[Path, str]]) -> None:
    """Replace each destination directory with exactly its files (relative path -> text).

    Every tree is fully written beside its destination before any is swapped in, so a failure leaves
    all previous output untouched and a success leaves no stale file behind.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for destination, files in trees.items():
            destination = destination.resolve()
            destination.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.new.", dir=destination.parent))
            staged.append((destination, staging))
            for relative, text in sorted(files.items()):
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            staging.chmod(0o755)
    except BaseException:
        for _, staging in staged:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    for destination, staging in staged:
        retired = None
        if destination.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old.", dir=destination.parent))
            os.rename(destination, retired / "tree")
        os.rename(staging, destination)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
