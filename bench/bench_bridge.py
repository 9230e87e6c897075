"""Benchmark the bridge: one cycle over N remote shards with full bundles (first delivery), then a no-op cycle.

Targets (issue 4): first delivery of 100 shards <= 20 s, no-op cycle <= 3 s. Runs the real `python -m bridge run`
as a process against the test kit's fake Kubernetes API and a real Git server (git http-backend over HTTPS) on
loopback; wall times include process start-up. Sealing uses 4096-bit keys, like the sealed-secrets controller.

    .venv/bin/python bench/bench_bridge.py [--shards 100] [--key-bits 4096]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bridge")]  # the testkit imports tests.loopback_https

from bridge_testkit import pki as pki_mod  # noqa: E402
from bridge_testkit.harness import Harness, Pki  # noqa: E402

FIRST_TARGET_S = 20.0
NOOP_TARGET_S = 3.0
# Runs the bridge and reports the CPU time of it and every git process it started (not the test servers').
CPU_WRAPPER = [
    sys.executable, "-c",
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'BRIDGE_CPU_SECONDS={usage.ru_utime + usage.ru_stime:.2f}', file=sys.stderr)\n"
    "sys.exit(code)",
]  # fmt: skip


def make_pki(directory: Path, *, key_bits: int) -> Pki:
    ca = pki_mod.ca()
    ca_file, _ = ca.write(directory=directory, stem="ca")
    server_cert, server_key = pki_mod.server_cert(issuer=ca).write(directory=directory, stem="server")
    sealing = {c: pki_mod.sealing_cert(key=pki_mod.rsa_key(bits=key_bits)) for c in ("cluster-2", "cluster-3")}
    files = {c: pair.write(directory=directory, stem=c)[0] for c, pair in sealing.items()}
    return Pki(
        ca_file=ca_file, server_cert=server_cert, server_key=server_key, sealing=sealing, sealing_files=files,
        expired=pki_mod.expired_sealing_cert(key=sealing["cluster-2"].key),
    )  # fmt: skip


def timed(label: str, harness: Harness) -> tuple[float, float, str]:
    """Wall and CPU seconds of one `python -m bridge run`, with its summary line."""
    start = time.perf_counter()
    result = harness.run(wrapper=CPU_WRAPPER)
    elapsed = time.perf_counter() - start
    cpu = float(result.stderr.rsplit("BRIDGE_CPU_SECONDS=", 1)[1].split()[0])
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("bridge: ") and "target(s)" in line]
    if result.returncode != 0:
        raise SystemExit(f"{label}: bridge exited {result.returncode}:\n{result.stderr[-2000:]}")
    return elapsed, cpu, lines[-1] if lines else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shards", type=int, default=100)
    parser.add_argument("--key-bits", type=int, default=4096)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-bridge-") as tmp:
        base = Path(tmp)
        setup = time.perf_counter()
        pki = make_pki(base / "pki", key_bits=args.key_bits)
        shards = tuple(f"s{i:03d}" for i in range(args.shards))
        harness = Harness(tmp=base / "world", pki=pki, shards=shards)
        try:
            objects = sum(len(harness.world.bundle_objects(s)) + len(harness.world.extra_entries(s)) for s in shards[:1]) * len(shards)
            print(f"setup: {len(shards)} shards, ~{objects} objects to deliver, {args.key_bits}-bit sealing keys "
                  f"({time.perf_counter() - setup:.1f} s, not measured)")  # fmt: skip
            first = timed("first delivery", harness)
            commits_after_first = len(harness.commits())
            noop = timed("no-op", harness)
            assert len(harness.commits()) == commits_after_first, "the no-op cycle committed"
            harness.world.generations[f"{shards[0]}-server"] = 2
            harness.refresh()
            renewal = timed("renewal", harness)
            assert len(harness.commits()) == commits_after_first + 1, "a renewal must make exactly one commit"
            # A Git server without partial clone: the bridge falls back to a full clone of every sealed file.
            harness.git.partial_clone = False
            full_clone_noop = timed("no-op, no partial clone", harness)
            assert len(harness.commits()) == commits_after_first + 1, "the no-op cycle committed"
        finally:
            harness.stop()
    rows = [
        ("first delivery", first, FIRST_TARGET_S),
        ("no-op cycle", noop, NOOP_TARGET_S),
        ("one renewed certificate", renewal, None),
        ("no-op, server w/o filter", full_clone_noop, None),
    ]
    print(f"{'cycle':<26}{'wall':>9}{'cpu':>9}  {'target':>8}  result")
    for label, (elapsed, cpu, summary), target in rows:
        verdict = "" if target is None else ("ok" if elapsed <= target else "OVER")
        target_text = f"<= {target:.0f} s" if target else "-"
        print(f"{label:<26}{elapsed:>7.2f} s{cpu:>7.2f} s  {target_text:>8}  {verdict:<4} {summary}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (other work on the machine inflates wall times)")
    return 0 if first[0] <= FIRST_TARGET_S and noop[0] <= NOOP_TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
