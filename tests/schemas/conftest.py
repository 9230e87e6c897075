"""Shared fixtures for the schema validation tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


@pytest.fixture(scope="session")
def schema_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the full schema folder once per test session."""
    from kcpgitops.schemas import build_schema_dir

    return build_schema_dir(tmp_path_factory.mktemp("schemas"))
