"""One render of the default topology per session into a repository-like directory, copied per test to break."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CDK8S_CHECK_UPGRADE", "false")


@pytest.fixture(scope="session")
def rendered_repo(tmp_path_factory) -> Iterator[Path]:
    """topology.yaml, certs/, dist/ and argocd/ of the default topology, rendered once."""
    from kcpgitops.cli import synth

    repo = tmp_path_factory.mktemp("check-default")
    shutil.copy(ROOT / "topology.yaml", repo / "topology.yaml")
    shutil.copytree(ROOT / "certs", repo / "certs")
    assert synth(topology=repo / "topology.yaml", dist=repo / "dist", argocd=repo / "argocd") == 0
    before = _digest(repo)
    yield repo
    assert _digest(repo) == before, "a test wrote through a hard link into the shared render"


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def repo(rendered_repo, tmp_path) -> Path:
    """A private copy of the rendered repository that a test may break.

    Files are hard links into the session render: change them only with `write` or `edit`, which replace the
    link with a new file, or delete them.
    """
    copy = tmp_path / "repo"
    shutil.copytree(rendered_repo, copy, copy_function=os.link)
    return copy


def write(path: Path, text: str) -> None:
    """Write a file in a test copy without touching the session render it may be linked to."""
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture
def edit() -> Callable[[Path, Callable[[dict], object]], None]:
    """Load a one-document YAML file, let a function change it in place, write it back."""
    from kcpgitops.output import dump_yaml

    def apply(path: Path, change: Callable[[dict], object]) -> None:
        doc = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        change(doc)
        write(path, dump_yaml(doc))

    return apply


@pytest.fixture(name="write")
def write_fixture() -> Callable[[Path, str], None]:
    """`write` as a fixture, for test modules (conftest helpers are not importable under importlib mode)."""
    return write
