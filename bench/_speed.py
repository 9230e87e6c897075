"""How fast this machine is right now: the project's shared hosts vary by a fifth and more from minute to minute, so
the time benchmarks print a reference loop's CPU time beside their totals."""

from __future__ import annotations

import time

REFERENCE_SECONDS = 0.65
"""The reference loop's CPU time on a quiet project machine (0.65 s to 1.0 s seen on 2026-12-02)."""


def reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop."""
    start = time.process_time()
    total = 0
    for number in range(20_000_000):
        total += number
    return time.process_time() - start


def speed_line(total: float, loop_seconds: float) -> str:
    """One line: the loop's time and `total` scaled to the reference speed (roughly: waiting on disk and network
    does not scale)."""
    return (f"reference loop: {loop_seconds:.2f} s (about {REFERENCE_SECONDS} s on a quiet machine): "
            f"{total * REFERENCE_SECONDS / loop_seconds:.0f} s at that speed")
