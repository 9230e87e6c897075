"""Render benchmark: wall time and peak memory for 3, 30 and 100 shard clusters, against a plain-PyYAML floor.

Targets on the project's 2-core machines: the default topology in 1.5 s or less with `python main.py`,
100 clusters in 10 s or less, cost linear in clusters. Each size runs in a fresh process so the jsii
kernel start-up (about 0.6 s) is counted, as a user running `make synth` pays it.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SIZES = (3, 30, 100)
TARGETS = {"default": 1.5, 100: 10.0}


def topology(clusters: int) -> dict:
    """A topology with one root cluster and `clusters - 1` shard clusters, one shard each."""
    return {
        "domain": "bench.example.io",
        "clusters": [{"name": f"cluster-{i}", "region": f"region-{i % 7}"} for i in range(1, clusters + 1)],
        "rootShard": {"name": "root", "cluster": "cluster-1"},
        "shards": [{"name": f"shard-{i}", "cluster": f"cluster-{i}"} for i in range(2, clusters + 1)],
    }


def _run(topology_file: Path, out: Path) -> tuple[float, float]:
    env = dict(os.environ, KCP_TOPOLOGY=str(topology_file), CDK8S_OUTDIR=str(out / "dist"), KCP_ARGOCD_OUTDIR=str(out / "argocd"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, check=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def _floor(out: Path) -> tuple[int, float]:
    """Time to dump the same documents with plain PyYAML (libyaml, no de-duplication): the cost without cdk8s."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    docs = [yaml.load(p.read_text(), Loader=loader) for p in sorted(out.rglob("*.yaml"))]
    start = time.perf_counter()
    for doc in docs:
        yaml.dump(doc, Dumper=dumper, sort_keys=False)
    return len(docs), time.perf_counter() - start


def main() -> int:
    """Print one line per size and exit 1 when a target is missed."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        wall, peak = _run(ROOT / "topology.yaml", tmp_path / "default")
        results["default"] = wall
        print(f"default topology: {wall:.2f} s wall, {peak:.0f} MiB peak (target <= {TARGETS['default']} s)")
        for size in SIZES:
            topo = tmp_path / f"topology-{size}.yaml"
            topo.write_text(json.dumps(topology(size)))
            wall, peak = _run(topo, tmp_path / str(size))
            count, floor = _floor(tmp_path / str(size))
            results[size] = wall
            print(f"{size:>3} clusters: {count:>5} documents, {wall:.2f} s wall, {peak:.0f} MiB peak, plain PyYAML floor {floor:.2f} s")
    per_cluster = [(results[s] - results[SIZES[0]]) / (s - SIZES[0]) for s in SIZES[1:]]
    print("marginal cost per cluster: " + ", ".join(f"{c * 1000:.0f} ms" for c in per_cluster))
    missed = [name for name, target in TARGETS.items() if results[name] > target]
    if missed:
        print(f"MISSED targets: {missed}")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
