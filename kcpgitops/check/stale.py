"""`python -m kcpgitops check-rendered`: re-render into a temporary directory and compare with committed output."""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = 20
"""Files listed per category before the summary says "and N more"."""


@dataclass
class TreeDiff:
    """Relative paths that a fresh render adds, removes or changes in one tree."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _files(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def compare_trees(committed: Path, fresh: Path) -> TreeDiff:
    """What `fresh` has that `committed` lacks (added), the reverse (removed), and differing files (changed)."""
    old, new = _files(committed), _files(fresh)
    return TreeDiff(
        added=sorted(new.keys() - old.keys()),
        removed=sorted(old.keys() - new.keys()),
        changed=sorted(k for k in old.keys() & new.keys() if old[k] != new[k]),
    )


def render_to(topology: Path, out: Path) -> dict[str, Path] | None:
    """Render `topology` into `out/dist` and `out/argocd`; None when the topology is invalid (already reported)."""
    from kcpgitops.cli import synth

    trees = {"dist": out / "dist", "argocd": out / "argocd"}
    return trees if synth(topology=topology, repo_root=out, **trees) == 0 else None


def stale_placeholders(fresh_root: Path, repo_root: Path) -> list[str]:
    """Files a render writes outside dist/ and argocd/ (the bridge paths' READMEs) that are missing or differ."""
    out = []
    for path in sorted(fresh_root.rglob("*")):
        rel = path.relative_to(fresh_root)
        if path.is_file() and rel.parts[0] not in ("dist", "argocd"):
            committed = repo_root / rel
            if not committed.is_file() or committed.read_bytes() != path.read_bytes():
                out.append(rel.as_posix())
    return out


def summary(name: str, diff: TreeDiff) -> list[str]:
    """Short human summary of one tree's difference."""
    lines = [f"{name}/: {len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"]
    for mark, paths in (("+", diff.added), ("-", diff.removed), ("~", diff.changed)):
        lines += [f"  {mark} {name}/{p}" for p in paths[:SHOWN]]
        if len(paths) > SHOWN:
            lines.append(f"  {mark} ... and {len(paths) - SHOWN} more")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kcpgitops check-rendered",
        description="Fail when the committed dist/ or argocd/ differ from what the code renders now.",
    )
    parser.add_argument("--topology", type=Path, default=Path("topology.yaml"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--argocd", type=Path, default=Path("argocd"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kcp-check-rendered.") as tmp:
        fresh = render_to(args.topology, Path(tmp))
        if fresh is None:
            return 2
        diffs = {"dist": compare_trees(args.dist, fresh["dist"]), "argocd": compare_trees(args.argocd, fresh["argocd"])}
        placeholders = stale_placeholders(Path(tmp), args.topology.parent)
    names = {"dist": args.dist.as_posix(), "argocd": args.argocd.as_posix()}
    stale = {tree: diff for tree, diff in diffs.items() if diff}
    if placeholders:
        print("check-rendered: generated files outside the trees are missing or stale: " + ", ".join(placeholders), file=sys.stderr)
        print("fix: run `make synth` and commit them", file=sys.stderr)
        return 1
    if not stale:
        print(f"check-rendered: {names['dist']}/ and {names['argocd']}/ match a fresh render of {args.topology}")
        return 0
    print("check-rendered: the committed output is stale (+ a fresh render adds, - it drops, ~ it changes):", file=sys.stderr)
    for tree, diff in stale.items():
        print("\n".join(summary(names[tree], diff)), file=sys.stderr)
    print("fix: run `make synth` and commit dist/ and argocd/", file=sys.stderr)
    return 1
