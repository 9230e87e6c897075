"""Rehearsal benchmark: wall time of `make rehearse` (every scenario on the default and the five-cluster topology).

Targets on the project's 2-core machines (issue 9): the rehearsal alone within 60 s, all of `make test` within
180 s. Runs the command `make rehearse` runs (one process, both topologies through one pool of two workers), so
imports, rendering the five-cluster topology and the generator's start-up (the person's re-render) are counted.
Prints the wall time, the CPU time (user + system of the whole process tree: a steadier measure than wall time on a
machine others use too; 2 cores bound the wall time from below by half of it) and one line per topology and scenario
(simulated time).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 60.0
FIVE_CLUSTERS = "tests/generator/fixtures/five-clusters.yaml"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "rehearsal.json"
        start, cpu_before = time.perf_counter(), _children_cpu()
        result = subprocess.run([sys.executable, "-m", "kcpgitops", "rehearse", ".", "--also", FIVE_CLUSTERS, "--json", "--output", str(output)],
                                cwd=ROOT, capture_output=True, text=True)
        wall, cpu = time.perf_counter() - start, _children_cpu() - cpu_before
        print(f"rehearsal (default + five-clusters): {wall:.1f} s wall, {cpu:.1f} s CPU (user + system), exit {result.returncode}")
        for report in sorted(Path(scratch).glob("rehearsal*.json")):
            print(f"  {report.stem}")
            for scenario in json.loads(report.read_text())["scenarios"]:
                print(f"    {scenario['scenario']:<34} {'pass' if scenario['passed'] else 'FAIL'}  simulated {scenario['simulatedSeconds'] / 60:.0f} min")
    verdict = "within" if wall <= TARGET_SECONDS else "OVER"
    print(f"rehearsal total: {wall:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")
    return 0


def _children_cpu() -> float:
    # Every process the rehearsal starts (workers, git, the generator's node) is waited for, so it is counted here.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
