"""`python -m kcpgitops rehearse [DIR] [--topology F] [--scenario NAME ...] [--json] [--render]`."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from ._report import Outcome, as_json, markdown
from ._scenarios import SCENARIOS, Scenario, run_scenario

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kcpgitops rehearse",
        description="Replay every cluster's Argo CD rollout of a rendered tree offline, in simulated time.",
        epilog="scenarios:\n" + "\n".join(f"  {s.name:<34} {s.kind:<12} {s.description}" for s in SCENARIOS.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dir", nargs="?", type=Path, default=Path("."), help="repository copy holding dist/, argocd/ and the topology (default: .)")
    parser.add_argument("--topology", type=Path, default=None, help="topology file (default: DIR/topology.yaml)")
    parser.add_argument("--scenario", action="append", default=None, metavar="NAME", help="run only these scenarios (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON with every event")
    parser.add_argument("--render", action="store_true", help="render the topology into a scratch copy of DIR first (a topology whose output is not committed)")
    parser.add_argument("--output", type=Path, default=None, help="also write the report to this file")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="scenario groups run in parallel processes (default: 2, or 1 on a one-core machine)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (Git repository, job files) for inspection")
    return parser


def main(argv: list[str]) -> int:
    """Run the selected scenarios; exit 0 only when each behaves as expected."""
    args = _parser().parse_args(argv)
    source = args.dir.resolve()
    topology = (args.topology or source / "topology.yaml").resolve()
    unknown = [name for name in args.scenario or [] if name not in SCENARIOS]
    if unknown:
        print(f"error: unknown scenario {', '.join(unknown)}; choose from: {', '.join(SCENARIOS)}", file=sys.stderr)
        return EXIT_USAGE
    if not (source / "dist").is_dir() and not args.render:
        print(f"error: {source} holds no dist/ (render it first, or pass --render)", file=sys.stderr)
        return EXIT_USAGE
    if not topology.is_file():
        print(f"error: topology file {topology} not found; pass --topology", file=sys.stderr)
        return EXIT_USAGE
    scratch = Path(tempfile.mkdtemp(prefix="kcp-rehearse-"))
    try:
        if args.render:
            source, topology = _render_copy(source, topology, scratch / "rendered")
        selected = [SCENARIOS[name] for name in (args.scenario or SCENARIOS)]
        groups = _groups(selected)
        jobs = [([scenario.name for scenario in group], source, topology, scratch) for group in groups]
        if args.jobs > 1 and len(groups) > 1:
            # Each group in a fresh interpreter ("spawn"): a forked child would share the parent's jsii kernel pipe.
            with ProcessPoolExecutor(max_workers=args.jobs, mp_context=get_context("spawn")) as pool:
                results = list(pool.map(_run_group, jobs))
        else:
            results = [_run_group(job) for job in jobs]
        outcomes = [outcome for result in results for outcome in result]
        for outcome in outcomes:
            print(f"{'pass' if outcome.passed else 'FAIL'}: {outcome.scenario}: {outcome.summary}", file=sys.stderr)
            if not outcome.passed:
                for stall in outcome.stalls:
                    print(f"  {stall.message()}", file=sys.stderr)
                for check in outcome.failed_checks:
                    print(f"  check failed: {check}", file=sys.stderr)
        report = as_json(outcomes) if args.json else markdown(outcomes)
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(report, encoding="utf-8")
        print(report)
        return EXIT_OK if all(o.passed for o in outcomes) else EXIT_FAILED
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def _groups(selected: list[Scenario]) -> list[list[Scenario]]:
    """Consecutive chained (day-2) scenarios run in the world of the scenario before them: one group each."""
    groups: list[list[Scenario]] = []
    for scenario in selected:
        if scenario.chain and groups:
            groups[-1].append(scenario)
        else:
            groups.append([scenario])
    return groups


def _run_group(job: tuple[list[str], Path, Path, Path]) -> list[Outcome]:
    names, source, topology, scratch = job
    outcomes, world = [], None
    try:
        for scenario in (SCENARIOS[name] for name in names):
            outcome, world = run_scenario(scenario, source=source, topology=topology, scratch=scratch / scenario.name, world=world)
            outcomes.append(outcome)
    finally:
        if world is not None:
            world.stop()
    return outcomes


def _render_copy(source: Path, topology: Path, dest: Path) -> tuple[Path, Path]:
    from kcpgitops.cli import synth

    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "imports", "dist", "argocd"))
    inside = dest / topology.name
    shutil.copy2(topology, inside)
    if synth(topology=inside, dist=dest / "dist", argocd=dest / "argocd") != 0:
        raise SystemExit(EXIT_USAGE)
    return dest, inside
