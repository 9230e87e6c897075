"""Output swap: `dist/` and `argocd/` are replaced together or not at all, and a killed run is recovered next time.

Failures are injected where they happen for real: `os.rename` failing on its Nth call inside the process, and a
child process killed (`os._exit`) just before its Nth rename, which leaves the directories exactly as a crash would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kcpgitops.output import write_trees
from kcpgitops.output._swap import recover_leftovers

ROOT = Path(__file__).resolve().parents[2]

OLD = {Path("a.yaml"): "old a\n", Path("sub/b.yaml"): "old b\n"}
NEW = {Path("a.yaml"): "new a\n", Path("c/d.yaml"): "new d\n"}
"""Different file sets, so that half of one and half of the other cannot pass for either."""
NEWER = {Path("e.yaml"): "newer e\n"}

RENAMES_FOR_TWO_EXISTING_TREES = 4
"""Each existing destination: moved into its retired directory, then the staging directory moved into its place."""


def snapshot(tree: Path) -> dict[Path, str] | None:
    """Relative path -> text of every file below `tree`; None when it does not exist."""
    if not tree.exists():
        return None
    return {p.relative_to(tree): p.read_text() for p in sorted(tree.rglob("*")) if p.is_file()}


def destinations(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "dist", tmp_path / "argocd"


def write_old(tmp_path: Path) -> None:
    dist, argocd = destinations(tmp_path)
    write_trees({dist: OLD, argocd: OLD})


def leftovers(tmp_path: Path) -> list[str]:
    """Everything beside the two destinations (staging and retired directories)."""
    return sorted(p.name for p in tmp_path.iterdir() if p.name not in ("dist", "argocd"))


def fail_rename_on(monkeypatch, *calls: int) -> list[int]:
    """Make `os.rename` raise on the given call numbers (1-based); returns the list of calls made so far."""
    made: list[int] = []
    real = os.rename

    def rename(src, dst):
        made.append(len(made) + 1)
        if len(made) in calls:
            raise OSError(f"injected failure of rename #{len(made)}")
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    return made


def test_write_trees_swaps_every_tree_and_leaves_nothing_beside_them(tmp_path):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    write_trees({dist: NEW, argocd: NEW})
    assert snapshot(dist) == NEW and snapshot(argocd) == NEW
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", range(1, RENAMES_FOR_TWO_EXISTING_TREES + 1))
def test_a_rename_failing_midway_rolls_every_tree_back(tmp_path, monkeypatch, failing):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    made = fail_rename_on(monkeypatch, failing)
    with pytest.raises(OSError, match=f"rename #{failing}"):
        write_trees({dist: NEW, argocd: NEW})
    assert len(made) >= failing
    assert snapshot(dist) == OLD and snapshot(argocd) == OLD
    assert leftovers(tmp_path) == []


def test_rollback_removes_trees_that_did_not_exist_before(tmp_path, monkeypatch):
    dist, argocd = destinations(tmp_path)
    fail_rename_on(monkeypatch, 2)  # the first tree is in place, the second one's rename fails
    with pytest.raises(OSError):
        write_trees({dist: NEW, argocd: NEW})
    assert snapshot(dist) is None and snapshot(argocd) is None
    assert leftovers(tmp_path) == []


def test_a_failing_rollback_is_finished_by_the_next_run(tmp_path, monkeypatch):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    # #4 puts the second staging tree in place and fails; #5 (put argocd's old tree back) fails too.
    fail_rename_on(monkeypatch, 4, 5)
    with pytest.raises(OSError, match="rename #4"):
        write_trees({dist: NEW, argocd: NEW})
    assert snapshot(argocd) is None and any(name.startswith(".argocd.old.") for name in leftovers(tmp_path))
    monkeypatch.undo()
    # The next run restores argocd/ before anything else: even when it then fails while writing, nothing is missing.
    with pytest.raises(TypeError):
        write_trees({dist: NEW, argocd: {Path("x.yaml"): None}})  # type: ignore[dict-item]
    assert snapshot(dist) == OLD and snapshot(argocd) == OLD
    assert leftovers(tmp_path) == []


def test_a_failure_while_writing_leaves_every_tree_untouched(tmp_path):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    with pytest.raises(TypeError):
        write_trees({dist: NEW, argocd: {Path("x.yaml"): None}})  # type: ignore[dict-item]
    assert snapshot(dist) == OLD and snapshot(argocd) == OLD
    assert leftovers(tmp_path) == []


_KILLED_CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from kcpgitops.output import write_trees

    kill_before = int(sys.argv[2])
    real, made = os.rename, []

    def rename(src, dst):
        made.append(1)
        if len(made) == kill_before:
            os._exit(9)  # no cleanup, no finally: what SIGKILL leaves
        real(src, dst)

    os.rename = rename
    if kill_before == 0:  # every rename done, killed while removing the retired trees
        import shutil
        shutil.rmtree = lambda *args, **kwargs: os._exit(9)
    root = Path(sys.argv[1])
    new = {Path("a.yaml"): "new a\\n", Path("c/d.yaml"): "new d\\n"}
    write_trees({root / "dist": new, root / "argocd": new})
    sys.exit(3)  # not killed: the kill point was never reached
    """
)


def kill_midway(tmp_path: Path, kill_before: int) -> None:
    """Run write_trees(NEW) in a child process killed just before its Nth rename (0: after the last one)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _KILLED_CHILD, str(tmp_path), str(kill_before)],
                            env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 9, result.stderr


@pytest.mark.parametrize("kill_before", [*range(1, RENAMES_FOR_TWO_EXISTING_TREES + 1), 0])
def test_leftovers_of_a_killed_run_are_recovered(tmp_path, kill_before):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    kill_midway(tmp_path, kill_before)
    assert leftovers(tmp_path), "the kill left nothing to recover: it did not happen midway"
    recover_leftovers([dist.resolve(), argocd.resolve()])
    # Every tree is back in one piece, entirely old or entirely new, and nothing else is left.
    assert snapshot(dist) in (OLD, NEW) and snapshot(argocd) in (OLD, NEW)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kill_before", [1, 3, 4, 0])
def test_the_run_after_a_killed_one_writes_every_tree_and_cleans_up(tmp_path, kill_before):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    kill_midway(tmp_path, kill_before)
    write_trees({dist: NEWER, argocd: NEWER})
    assert snapshot(dist) == NEWER and snapshot(argocd) == NEWER
    assert leftovers(tmp_path) == []


def test_recovery_leaves_directories_of_other_names_alone(tmp_path):
    write_old(tmp_path)
    dist, argocd = destinations(tmp_path)
    (tmp_path / ".distant.old.x" / "tree").mkdir(parents=True)  # not dist's: another destination's prefix
    (tmp_path / "dist.old.keep").mkdir()  # no leading dot: not ours
    write_trees({dist: NEW, argocd: NEW})
    assert leftovers(tmp_path) == [".distant.old.x", "dist.old.keep"]
