"""Rehearsal benchmark: wall time of `make rehearse` (every scenario on the default and the five-cluster topology).

Targets on the project's 2-core machines (issue 9): the rehearsal alone within 60 s, all of `make test` within
180 s. Each topology runs in a fresh process, as `make rehearse` runs it, so imports and the generator's start-up
(the person's re-render) are counted. Prints one line per topology and per scenario (simulated and wall time).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 60.0
RUNS = (
    ("default", ["."]),
    ("five-clusters", [".", "--topology", "tests/generator/fixtures/five-clusters.yaml", "--render"]),
)


def main() -> int:
    total = 0.0
    for label, args in RUNS:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "kcpgitops", "rehearse", *args, "--json"], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        total += wall
        report = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {"scenarios": []}
        print(f"{label}: {wall:.1f} s wall, exit {result.returncode}")
        for scenario in report["scenarios"]:
            print(f"  {scenario['scenario']:<34} {'pass' if scenario['passed'] else 'FAIL'}  simulated {scenario['simulatedSeconds'] / 60:.0f} min")
    verdict = "within" if total <= TARGET_SECONDS else "OVER"
    print(f"rehearsal total: {total:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
