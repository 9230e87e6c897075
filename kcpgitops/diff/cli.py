"""`python -m kcpgitops diff --base REF`: Markdown summary of what a change does to the rendered manifests.

By default both sides are committed output: the `dist/` and `argocd/` trees stored at REF (read with `git ls-tree` and
one `git cat-file --batch`) against the working tree's. `make check-rendered` keeps committed output equal to what the
code renders, so this is the render at REF against the render now, without running two renders. `--render` renders
the working tree's topology afresh instead of reading its files; `--render-base` runs REF's own renderer on REF's
topology in a temporary `git archive` of REF.

The working tree's files are used only when they were rendered from the working tree's topology, sealing certificates
and kcp: files (`dist/.render-inputs`); otherwise the command names the input that differs and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kcpgitops.output import verify_render_inputs

from ._compare import diff_files
from ._markdown import to_markdown, truncate
from ._sources import SourceError, files_at_ref, files_on_disk, rendered_files, rendered_files_at_ref, repo_top


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kcpgitops diff", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="git ref of the old side, e.g. origin/main")
    parser.add_argument("--head", help="git ref of the new side (default: the working tree)")
    parser.add_argument("--render", action="store_true", help="render the working tree's topology instead of reading dist/ and argocd/")
    parser.add_argument("--render-base", action="store_true", help="run BASE's own renderer instead of reading its committed trees")
    parser.add_argument("--topology", default="topology.yaml", help="repo-relative topology file for --render and --render-base")
    parser.add_argument("--dist", default="dist", help="repo-relative directory of cluster manifests")
    parser.add_argument("--argocd", default="argocd", help="repo-relative directory of Argo CD objects")
    parser.add_argument("--repo", type=Path, default=Path("."), help="a directory inside the git repository (default: .)")
    parser.add_argument("--output", type=Path, help="write the Markdown here instead of stdout")
    parser.add_argument("--max-chars", type=int, default=0, help="truncate the Markdown (GitHub comments hold 65536 characters)")
    parser.add_argument("--exit-code", action="store_true", help="exit 1 when the rendered output differs")
    return parser


def _require_current(dist: Path, topology: Path) -> None:
    """The working tree's dist/ stands for a render of the working tree's inputs only if it was rendered from them:
    an edited topology that was never rendered would otherwise diff as "no changes"."""
    if not topology.is_file():
        raise SourceError(f"topology {topology} not found, so the working tree's {dist.name}/ cannot be checked against "
                          "its inputs; pass --topology with the repo-relative file it was rendered from")
    mismatches = verify_render_inputs(dist, topology)
    if mismatches:
        raise SourceError("the working tree's rendered output does not match its inputs, so it would not show what "
                          "they render to (re-render, or pass --render to diff a fresh render):\n"
                          + "\n".join(f"  {m}" for m in mismatches))


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    prefixes = {"dist": args.dist.strip("/"), "argocd": args.argocd.strip("/")}
    try:
        top = repo_top(args.repo)
        if args.render_base:
            old = rendered_files_at_ref(top, args.base, args.topology, prefixes)
        else:
            old = files_at_ref(top, args.base, list(prefixes.values()))
        if args.head:
            new, head = files_at_ref(top, args.head, list(prefixes.values())), f"`{args.head}`"
        elif args.render:
            new, head = rendered_files(top / args.topology, prefixes), "a fresh render of the working tree"
        else:
            _require_current(top / prefixes["dist"], top / args.topology)
            new, head = files_on_disk(top, list(prefixes.values())), "working tree"
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    diff = diff_files(old, new)
    text = to_markdown(diff, base=args.base, head=head)
    if args.max_chars:
        text = truncate(text, args.max_chars, hint=f"Run `make diff BASE={args.base}` locally for the full summary.")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if args.exit_code and diff else 0
