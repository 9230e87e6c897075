"""Cross-cluster consistency of a rendered tree (`make check`) and the stale-output gate (`make check-rendered`)."""

from __future__ import annotations

from pathlib import Path

from kcpgitops.topology import Topology

from ._findings import RULES, Finding
from ._rules import RULE_CHECKS, Context
from ._tree import Tree, load_tree


def check_tree(*, topology: Topology, dist: Path, argocd: Path, repo_root: Path) -> list[Finding]:
    """Every finding over a rendered tree, sorted by file, object and rule."""
    tree = load_tree({"dist": dist, "argocd": argocd}, clusters={c.name for c in topology.clusters})
    ctx = Context(topology=topology, repo_root=repo_root, dist=dist, argocd=argocd, tree=tree)
    findings = {finding for check in RULE_CHECKS for finding in check(ctx)}
    return sorted(findings, key=lambda f: (f.file, f.object, f.rule, f.message))


__all__ = ["RULES", "Finding", "Tree", "check_tree", "load_tree"]
