"""Fixtures of the job-image tests: the default topology with a fixture file's blocks merged over it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def topology_text(*fixtures: str) -> str:
    """The default topology.yaml with each fixture's mappings merged over it (a fixture holds only what it changes)."""
    data = yaml.safe_load((ROOT / "topology.yaml").read_text(encoding="utf-8"))
    for name in fixtures:
        data = _merge(data, yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8")))
    return yaml.safe_dump(data, sort_keys=False)


@pytest.fixture
def topology_with():
    """Parse `topology_text(*fixtures)` into a Topology."""
    from kcpgitops.topology import parse_topology

    return lambda *fixtures: parse_topology(topology_text(*fixtures))


@pytest.fixture
def topology_file(tmp_path):
    """Write `topology_text(*fixtures)` into the test's directory and return its path."""

    def write(*fixtures: str) -> Path:
        path = tmp_path / "topology.yaml"
        path.write_text(topology_text(*fixtures), encoding="utf-8")
        return path

    return write
