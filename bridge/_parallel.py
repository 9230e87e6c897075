"""Sealing many Secrets on all available CPUs: RSA-OAEP with 4096-bit keys is the bulk of a first delivery."""

from __future__ import annotations

import functools
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import _render, _seal

# Below this many Secrets, starting worker processes costs more than it saves.
MIN_PARALLEL_JOBS = 400
_MAX_WORKERS = 8

# One job: (certificate PEM, certificate source, Secret, annotation key, fingerprint).
Job = tuple[bytes, str, dict[str, Any], str, str]


def available_cpus() -> int:
    """CPUs this process may use: its affinity, capped by a cgroup v2 CPU quota (a container's limit)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, min(count, _MAX_WORKERS))


@functools.lru_cache(maxsize=64)
def _key(pem: bytes, source: str) -> _seal.SealingKey:
    return _seal.load_certificate(pem=pem, source=source)


def seal_one(*, job: Job) -> bytes:
    """Seal one Secret (strict scope), add the fingerprint annotation, render it."""
    pem, source, secret, annotation, fingerprint = job
    sealed = _seal.seal_secret(secret=secret, key=_key(pem, source), scope=_seal.STRICT)
    return _render.dump(obj=_render.annotated(obj=sealed, annotation=annotation, value=fingerprint))


def _seal_chunk(jobs: list[Job]) -> list[bytes]:
    return [seal_one(job=job) for job in jobs]


def seal_all(*, jobs: list[Job]) -> list[bytes]:
    """Seal every job, in worker processes when there are many and more than one CPU."""
    workers = available_cpus()
    if len(jobs) < MIN_PARALLEL_JOBS or workers < 2:
        return _seal_chunk(jobs)
    size = math.ceil(len(jobs) / (workers * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    try:
        # spawn, not fork: the parent runs threads, and a forked child could inherit a held lock.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ImportError):
        # No usable semaphores (e.g. no /dev/shm in the container): seal in this process.
        return _seal_chunk(jobs)
    with pool:
        return [content for chunk in pool.map(_seal_chunk, chunks) for content in chunk]
