"""Command-line entry points shared by `main.py`, `make` and `python -m kcpgitops`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kcpgitops.topology import TopologyError, load_topology


def synth(*, topology: Path, dist: Path, argocd: Path) -> int:
    """Render `topology` into the two output trees; on any error print it, write nothing and return 1."""
    try:
        model = load_topology(topology)
    except TopologyError as exc:
        print(f"error: invalid topology\n{exc}", file=sys.stderr)
        return 1
    from kcpgitops.output import write_trees
    from kcpgitops.render import render

    rendered = render(model)
    write_trees({dist: rendered.files("dist"), argocd: rendered.files("argocd")})
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m kcpgitops <command>`."""
    parser = argparse.ArgumentParser(prog="python -m kcpgitops", description="kcp-zheng GitOps generator")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("synth", help="render the topology into dist/ and argocd/")
    cmd.add_argument("--topology", type=Path, default=Path("topology.yaml"))
    cmd.add_argument("--dist", type=Path, default=Path("dist"))
    cmd.add_argument("--argocd", type=Path, default=Path("argocd"))
    args = parser.parse_args(argv)
    if args.command == "synth":
        return synth(topology=args.topology, dist=args.dist, argocd=args.argocd)
    return 2
