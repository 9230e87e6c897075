"""Benchmark `make check` and `make diff` on the 100-cluster topology (target: 5 s or less each).

Setup (not timed): render the 100-cluster topology from bench/topologies.py (1 root cluster, 99 shard clusters with
one shard each) into a scratch git repository and commit it; then change the topology (kcp v0.32.3 -> v0.33.0, a
different bridge schedule) and render again into the working tree. Timed: the check of the working tree and the
diff of the working tree against the commit, each in-process and as the `python -m kcpgitops` command `make` runs.

    PYTHONPATH=. .venv/bin/python bench/bench_check_diff.py [--clusters 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CDK8S_CHECK_UPGRADE", "false")

from topologies import write_topology  # noqa: E402

TARGET = 5.0


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args], cwd=repo, check=True, capture_output=True)


def _render(repo: Path, **options: str) -> float:
    from kcpgitops.cli import synth

    topology = write_topology(CLUSTERS, repo, **options)
    start = time.perf_counter()
    assert synth(topology=topology, dist=repo / "dist", argocd=repo / "argocd") == 0
    return time.perf_counter() - start


def _best(repeat: int, run) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def _command(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kcpgitops", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)


def main() -> int:
    global CLUSTERS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    CLUSTERS = args.clusters

    from kcpgitops.check import check_tree
    from kcpgitops.diff._compare import diff_files
    from kcpgitops.diff._markdown import to_markdown
    from kcpgitops.diff._sources import files_at_ref, files_on_disk
    from kcpgitops.topology import load_topology

    with tempfile.TemporaryDirectory(prefix="bench-check-diff.") as tmp:
        repo = Path(tmp)
        _git(repo, "init", "-q", "-b", "main")
        base_render = _render(repo)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "base render")
        head_render = _render(repo, kcp_version="v0.33.0")
        files = sum(1 for _ in (repo / "dist").rglob("*")) + sum(1 for _ in (repo / "argocd").rglob("*"))
        size = sum(p.stat().st_size for tree in ("dist", "argocd") for p in (repo / tree).rglob("*") if p.is_file())
        print(f"{CLUSTERS} clusters: {files} paths, {size / 1e6:.1f} MB rendered (setup: renders {base_render:.1f} s + {head_render:.1f} s)")

        topology = load_topology(repo / "topology.yaml")
        check_s, findings = _best(args.repeat, lambda: check_tree(topology=topology, dist=repo / "dist", argocd=repo / "argocd", repo_root=repo))
        print(f"check, in-process:               {check_s:6.2f} s  ({len(findings)} findings)")
        for finding in findings[:5]:
            print(f"  {finding}")

        def diff() -> str:
            old = files_at_ref(repo, "HEAD", ["dist", "argocd"])
            new = files_on_disk(repo, ["dist", "argocd"])
            return to_markdown(diff_files(old, new), base="HEAD", head="working tree")

        diff_s, text = _best(args.repeat, diff)
        changed = sum(line.startswith("`") and not line.startswith("```") for line in text.splitlines())
        print(f"diff, in-process:                {diff_s:6.2f} s  ({changed} changed resources, {len(text) / 1000:.0f} kB of Markdown)")

        def worst_case() -> object:
            # Every file's bytes differ (a trailing comment), so both sides of every document are parsed and compared.
            old = files_at_ref(repo, "HEAD", ["dist", "argocd"])
            new = {path: data + b"\n# touched\n" if path.endswith(".yaml") else data for path, data in files_on_disk(repo, ["dist", "argocd"]).items()}
            return diff_files(old, new)

        worst_s, _ = _best(1, worst_case)
        print(f"diff, every file touched:        {worst_s:6.2f} s  (worst case: all {files} paths parsed on both sides)")

        start = time.perf_counter()
        result = _command(repo, "check")
        check_cmd = time.perf_counter() - start
        print(f"python -m kcpgitops check:       {check_cmd:6.2f} s  (exit {result.returncode})")
        start = time.perf_counter()
        result = _command(repo, "diff", "--base", "HEAD", "--output", str(repo / "diff.md"))
        diff_cmd = time.perf_counter() - start
        print(f"python -m kcpgitops diff:        {diff_cmd:6.2f} s  (exit {result.returncode})")

    worst = max(check_s, diff_s, worst_s, check_cmd, diff_cmd)
    verdict = "within" if worst <= TARGET else "OVER"
    print(f"slowest {worst:.2f} s: {verdict} the {TARGET:.0f} s target")
    return 0 if worst <= TARGET and not findings else 1


CLUSTERS = 100

if __name__ == "__main__":
    sys.exit(main())
