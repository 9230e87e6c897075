"""`make test` benchmark: wall time of the whole suite against its target (issue 9: 180 s on the 2-core machine).

Runs each phase through make, the way `make test` runs it (after `make setup`), so the line per phase shows where the
time goes: lint, the stale-output gate, schema validation, the cross-cluster check, the rehearsal, the review diff and
pytest. (`make test` runs the first four in parallel; here they run one after another.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _speed import reference_loop, speed_line

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 180.0
PHASES = ("lint", "check-rendered", "validate", "check", "rehearse")


def _timed(argv: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    code = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - start, code


def main() -> int:
    subprocess.run(["make", "-s", "setup"], cwd=ROOT, check=True)
    before = reference_loop()
    total = 0.0
    steps = [(phase, ["make", "-s", phase]) for phase in PHASES]
    steps.append(("diff", ["make", "-s", "diff", "BASE=HEAD"]))
    # pytest's temporary folders in a place of their own, emptied before timing: on a fresh machine (CI) there are
    # no earlier sessions' folders, whose removal (hundreds of MB) pytest would otherwise do within the timed run.
    # (Outside the repository: some tests tell a tree inside a Git work tree from one outside.)
    basetemp = Path(tempfile.gettempdir()) / "kcp-gitops-bench-pytest"
    shutil.rmtree(basetemp, ignore_errors=True)
    steps.append(("pytest", ["make", "-s", "pytest", f"PYTEST_ARGS=--basetemp={basetemp}"]))
    for label, argv in steps:
        wall, code = _timed(argv)
        total += wall
        print(f"{label:<15} {wall:6.1f} s  exit {code}")
    verdict = "within" if total <= TARGET_SECONDS else "OVER"
    print(f"make test total: {total:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")
    print(speed_line(total, (before + reference_loop()) / 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
