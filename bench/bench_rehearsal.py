"""Rehearsal benchmark: wall time of `make rehearse` (every scenario on the default and the five-cluster topology and
every applicable one on the three single-cluster pattern presets).

Targets on the project's 2-core machines (issue 9): the rehearsal alone within 60 s, all of `make test` within
180 s. Runs `make rehearse` itself (one process, every topology through one pool of two workers), so imports,
rendering the further topologies and the generator's start-up (the person's re-render) are counted. Prints the wall
time, the CPU time (user + system of the whole process tree: a steadier measure than wall time on a machine others use
too; 2 cores bound the wall time from below by half of it), the scenarios passed per topology and the machine's speed.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from _speed import reference_loop, speed_line

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 60.0


def main() -> int:
    subprocess.run(["make", "-s", "setup"], cwd=ROOT, check=True)
    before = reference_loop()
    start, cpu_before = time.perf_counter(), _children_cpu()
    result = subprocess.run(["make", "-s", "rehearse"], cwd=ROOT, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu_before
    print(f"make rehearse: {wall:.1f} s wall, {cpu:.1f} s CPU (user + system), exit {result.returncode}")
    # stderr: "<topology>: pass: <scenario>: <summary>" per scenario (build/rehearsal*.md hold the timelines).
    verdicts = Counter(m.groups() for m in re.finditer(r"^(\S+): (pass|FAIL): ", result.stderr, re.M))
    for (topology, verdict), count in sorted(verdicts.items()):
        print(f"  {topology:<15} {verdict} {count}")
    verdict = "within" if wall <= TARGET_SECONDS else "OVER"
    print(f"rehearsal total: {wall:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")
    print(speed_line(wall, (before + reference_loop()) / 2))
    return 0


def _children_cpu() -> float:
    # Every process the rehearsal starts (workers, git, the generator's node) is waited for, so it is counted here.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
