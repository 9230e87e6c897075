"""`python -m kcpgitops check [DIR]`: cross-cluster consistency of a rendered tree; exit 1 on any finding, 2 when the
tree was not rendered from the inputs given (another topology, or an input changed since) or cannot be read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kcpgitops.output import repository_root, verify_render_inputs
from kcpgitops.topology import TopologyError, load_topology

from . import RULES, check_tree


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kcpgitops check",
        description="Check a rendered tree for cross-cluster consistency. One finding per broken rule, naming the file, "
        "the object and the fix; exit status 1 when there is any. Refuses (exit status 2) a tree not rendered from the "
        "inputs given: another topology, or a topology, sealing certificate or kcp: file changed since (dist/.render-inputs).",
        epilog="rules:\n" + "\n".join(f"  {rule:<17} {text}" for rule, text in RULES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dir", nargs="?", type=Path,
                        help="a repository copy holding dist/ and argocd/, or a dist tree (argocd/ is then its sibling); "
                        "default: ./dist and ./argocd")
    parser.add_argument("--argocd", type=Path, help="the Argo CD tree (default: next to the dist tree)")
    parser.add_argument("--topology", type=Path, help="topology file (default: topology.yaml in DIR, else ./topology.yaml)")
    parser.add_argument("--repo-root", type=Path,
                        help="where repository-relative paths (sealing certificates, Application paths) resolve; "
                        "default: the top level of the git repository holding the dist tree, else the dist tree's "
                        "parent directory")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    base = args.dir
    if base is None:
        dist, default_argocd, default_topology = Path("dist"), Path("argocd"), Path("topology.yaml")
    elif (base / "dist").is_dir():
        dist, default_argocd = base / "dist", base / "argocd"
        default_topology = base / "topology.yaml" if (base / "topology.yaml").is_file() else Path("topology.yaml")
    else:
        dist, default_argocd = base, base.parent / "argocd"
        default_topology = base.parent / "topology.yaml" if (base.parent / "topology.yaml").is_file() else Path("topology.yaml")
    argocd = args.argocd or default_argocd
    topology_path = args.topology or default_topology
    if not dist.is_dir():
        print(f"error: {dist} is not a directory of rendered manifests; run `make synth` first", file=sys.stderr)
        return 2
    if not argocd.is_dir():
        print(f"note: no Argo CD tree at {argocd}; Application rules see no Applications", file=sys.stderr)
    try:
        topology = load_topology(topology_path)
    except TopologyError as exc:
        print(f"error: invalid topology\n{exc}", file=sys.stderr)
        return 2
    # Judging a tree against inputs it was not rendered from gives findings about the mismatch, not about the tree.
    mismatches = verify_render_inputs(dist, topology_path, topology=topology)
    if mismatches:
        for message in mismatches:
            print(f"error: {message}", file=sys.stderr)
        return 2
    # The tree's repository, not the topology's directory: a topology kept elsewhere (a fixture, another checkout)
    # must not move where the tree's certificates and Application paths are looked up.
    repo_root = args.repo_root or repository_root(dist.resolve()) or dist.resolve().parent
    findings = check_tree(topology=topology, dist=dist, argocd=argocd, repo_root=repo_root)
    for finding in findings:
        print(finding)
    if findings:
        rules = sorted({f.rule for f in findings})
        print(f"\n{len(findings)} finding(s), rules broken: {', '.join(rules)}", file=sys.stderr)
        return 1
    print(f"check: {dist} and {argocd} are consistent ({len(RULES)} rules, {len(topology.clusters)} clusters)")
    return 0
