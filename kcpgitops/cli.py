"""Command-line entry point: `python -m kcpgitops <command>`; each command lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from kcpgitops.topology import TopologyError, load_topology

COMMANDS = {
    "synth": ("kcpgitops.cli", "synth_main", "render the topology into dist/ and argocd/"),
    "validate": ("kcpgitops.schemas.cli", "main", "validate rendered YAML against the vendored schemas"),
    "check": ("kcpgitops.check.cli", "main", "cross-cluster consistency check of a rendered tree"),
    "check-rendered": ("kcpgitops.check.stale", "main", "fail when committed dist/ or argocd/ differ from a fresh render"),
    "diff": ("kcpgitops.diff.cli", "main", "Markdown summary of rendered changes against a git ref"),
    "rehearse": ("kcpgitops.rehearsal.cli", "main", "replay every cluster's Argo CD rollout offline and judge convergence"),
}
"""Command -> (module, function taking argv and returning an exit code, help)."""


def synth(*, topology: Path, dist: Path, argocd: Path, repo_root: Path | None = None) -> int:
    """Render `topology` into the two output trees; on any error print it, write nothing and return 1.

    Besides the two trees, the README that keeps each bridge path in Git is written below `repo_root` (default: the
    topology file's directory): the bridge owns that directory's manifests, so it is never replaced, only the one file.
    """
    try:
        model = load_topology(topology)
    except TopologyError as exc:
        print(f"error: invalid topology\n{exc}", file=sys.stderr)
        return 1
    # Placeholders (reserved example names) render fine but can never deploy: warn per field, or with KCP_STRICT
    # refuse before anything is written. A KCP_STRICT value we cannot read is refused too: a typo must not turn
    # a CI gate off silently.
    from kcpgitops.topology import deprecations, placeholders, strict_mode

    try:
        strict = strict_mode()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    # Deprecated fields still render the same; they only warn, under KCP_STRICT too (nothing about them is wrong yet).
    for deprecation in deprecations(model):
        print(f"warning: {deprecation.describe()}", file=sys.stderr)
    found = placeholders(model)
    for placeholder in found:
        print(f"{'error' if strict else 'warning'}: {placeholder.describe()}", file=sys.stderr)
    if strict and found:
        print(f"error: {topology} still holds {len(found)} placeholder(s) and KCP_STRICT is set, so nothing was "
              "rendered; set the fields above, or unset KCP_STRICT to render anyway", file=sys.stderr)
        return 1
    from kcpgitops.output import write_trees
    from kcpgitops.render import render

    try:
        rendered = render(model, topology_path=topology)
        trees = {dist: rendered.files("dist"), argocd: rendered.files("argocd")}
    except TopologyError as exc:  # an override that cannot apply to the rendered objects (kcpgitops.overrides)
        print(f"error: invalid topology\n{exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # input the models cannot judge alone, e.g. a pinned version with no vendored CRDs
        print(f"error: cannot render {topology}: {exc}", file=sys.stderr)
        return 1
    from kcpgitops.output import RENDER_INPUTS, render_inputs_text, repository_root

    # What check, diff and the rehearsal compare with their own inputs before judging this tree.
    trees[dist][Path(RENDER_INPUTS)] = render_inputs_text(model, topology)
    write_trees(trees)
    from kcpgitops.docs import bridge_placeholders

    # The bridge paths are paths in the repository that holds dist/ (the one Argo CD syncs); outside a git work
    # tree, the directory holding dist/ stands for it, so a render into a scratch directory writes nothing elsewhere.
    root = repo_root if repo_root is not None else repository_root(dist.resolve().parent) or dist.resolve().parent
    for rel, text in bridge_placeholders(model).items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return 0


def synth_main(argv: list[str]) -> int:
    """`synth [--topology F] [--dist D] [--argocd D]`."""
    parser = argparse.ArgumentParser(prog="python -m kcpgitops synth")
    parser.add_argument("--topology", type=Path, default=Path("topology.yaml"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--argocd", type=Path, default=Path("argocd"))
    args = parser.parse_args(argv)
    return synth(topology=args.topology, dist=args.dist, argocd=args.argocd)


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a command module."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        lines = [f"  {name:<15} {help_}" for name, (_, _, help_) in COMMANDS.items()]
        print("usage: python -m kcpgitops <command> [args]\n\ncommands:\n" + "\n".join(lines), file=sys.stderr)
        return 2
    module, function, _ = COMMANDS[argv[0]]
    return getattr(importlib.import_module(module), function)(argv[1:])
