"""`python -m kcpgitops rehearse [DIR] [--topology F] [--also F ...] [--scenario NAME ...] [--json] [--render]`."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from ._repo import share_renders
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
    parser.add_argument("--also", action="append", type=Path, default=[], metavar="TOPOLOGY",
                        help="also rehearse this topology, rendered into a scratch copy of DIR (repeatable); every "
                             "topology's scenarios share one pool of worker processes")
    parser.add_argument("--output", type=Path, default=None,
                        help="also write the report to this file; an --also topology's report goes beside it as "
                             "<stem>-<topology stem><suffix>")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="scenario groups run in parallel processes (default: 2, or 1 on a one-core machine)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (Git repository, job files) for inspection")
    return parser


def main(argv: list[str]) -> int:
    """Run the selected scenarios on every topology; exit 0 only when each behaves as expected."""
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
    if not args.render:
        # A tree rendered from other inputs would be rehearsed as if it were this topology's: say so instead.
        from kcpgitops.output import verify_render_inputs

        mismatches = verify_render_inputs(source, topology) if topology.is_file() else []
        if mismatches:
            print("\n".join(f"error: {m}" for m in mismatches) + "\n(or pass --render to rehearse a fresh render)", file=sys.stderr)
            return EXIT_USAGE
    for path in (topology, *(p.resolve() for p in args.also)):
        if not path.is_file():
            print(f"error: topology file {path} not found; pass --topology or --also with an existing file", file=sys.stderr)
            return EXIT_USAGE
    stems = [topology.stem, *(_name(p) for p in args.also)]
    if len(set(stems)) != len(stems):
        print(f"error: topology files need distinct names (their reports are named after them): {', '.join(stems)}", file=sys.stderr)
        return EXIT_USAGE
    scratch = Path(tempfile.mkdtemp(prefix="kcp-rehearse-"))
    selected = [SCENARIOS[name] for name in (args.scenario or SCENARIOS)]
    groups = _groups(selected)
    # Longest groups first, so that two workers finish close together (a chained day-2 group is the longest).
    order = sorted(range(len(groups)), key=lambda i: -len(groups[i]))
    try:
        pool = ProcessPoolExecutor(max_workers=args.jobs, mp_context=get_context("spawn")) if args.jobs > 1 else None
        finished = False
        try:
            todo = [(source, topology, args.render), *((source, p.resolve(), True) for p in args.also)]
            trees: list[tuple[Path, Path]] = []
            futures: dict[tuple[int, int], object] = {}
            # Submission order is run order: every topology's longest (chained) groups first, so that the two
            # workers finish close together, then the rest. Rendering a topology overlaps with the workers already
            # rehearsing the one before.
            for index, (tree, topo, render) in enumerate(todo):
                if render:
                    tree, topo = _render_copy(tree, topo, scratch / f"rendered-{index}")
                trees.append((tree, topo))
                for i in order[:1]:
                    futures[(index, i)] = _submit(pool, groups[i], tree, topo, scratch / f"topology-{index}")
            for index, (tree, topo) in enumerate(trees):
                for i in order[1:]:
                    futures[(index, i)] = _submit(pool, groups[i], tree, topo, scratch / f"topology-{index}")
            results = [[_result(futures[(index, i)]) for i in range(len(groups))] for index in range(len(trees))]
            finished = True
        finally:
            if pool is not None:
                # Once every group has finished, the workers exit (releasing their caches takes about a second) while
                # this process writes the reports and removes the scratch directory, which no worker touches any
                # more; the interpreter waits for them before it exits. After a failure they are stopped first.
                pool.shutdown(wait=not finished, cancel_futures=True)
        passed = True
        for index, (label, result) in enumerate(zip(stems, results, strict=True)):
            outcomes = [outcome for group in result for outcome in group]
            passed &= _print_outcomes(label, outcomes, multiple=len(stems) > 1)
            report = as_json(outcomes) if args.json else markdown(outcomes)
            if args.output:
                target = args.output if index == 0 else args.output.with_name(f"{args.output.stem}-{label}{args.output.suffix}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(report, encoding="utf-8")
            print(report)
        return EXIT_OK if passed else EXIT_FAILED
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def _name(topology: Path) -> str:
    """What an --also topology's report is named after: its file's stem, or its folder's name for the presets'
    `examples/<pattern>/topology.yaml`."""
    return topology.parent.name if topology.stem == "topology" else topology.stem


def _submit(pool: ProcessPoolExecutor | None, group: list[Scenario], tree: Path, topology: Path, work: Path) -> object:
    # Worker processes share the renders every one of them needs (the tree's own certificates) through the scratch
    # directory; a single process has them in memory already.
    shared = work.parent / "renders" if pool is not None else None
    job = ([scenario.name for scenario in group], tree, topology, work, shared)
    return pool.submit(_run_group, job) if pool is not None else _run_group(job)


def _result(submitted: object) -> list[Outcome]:
    return submitted.result() if isinstance(submitted, Future) else submitted  # type: ignore[return-value]


def _print_outcomes(label: str, outcomes: list[Outcome], *, multiple: bool) -> bool:
    prefix = f"{label}: " if multiple else ""
    for outcome in outcomes:
        print(f"{prefix}{'pass' if outcome.passed else 'FAIL'}: {outcome.scenario}: {outcome.summary}", file=sys.stderr)
        if not outcome.passed:
            for stall in outcome.stalls:
                print(f"  {stall.message()}", file=sys.stderr)
            for check in outcome.failed_checks:
                print(f"  check failed: {check}", file=sys.stderr)
    return all(o.passed for o in outcomes)


def _groups(selected: list[Scenario]) -> list[list[Scenario]]:
    """Consecutive chained (day-2) scenarios run in the world of the scenario before them: one group each."""
    groups: list[list[Scenario]] = []
    for scenario in selected:
        if scenario.chain and groups:
            groups[-1].append(scenario)
        else:
            groups.append([scenario])
    return groups


def _run_group(job: tuple[list[str], Path, Path, Path, Path | None]) -> list[Outcome]:
    names, source, topology, scratch, shared_renders = job
    share_renders(shared_renders)
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
