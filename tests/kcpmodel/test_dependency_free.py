"""The model ships in the bridge's slim image: standard library only; and the bridge imports nothing of the generator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT)})
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_kcpmodel_imports_only_the_standard_library() -> None:
    foreign = {m for m in _modules_after("import kcpmodel") if m not in sys.stdlib_module_names and not m.startswith("_")}
    assert foreign == {"kcpmodel"}


def test_bridge_imports_neither_the_generator_nor_cdk8s() -> None:
    loaded = _modules_after("import bridge.cli")
    assert "kcpmodel" in loaded
    assert not loaded & {"kcpgitops", "charts", "cdk8s", "constructs", "jsii", "imports", "workspace_clusters"}


def test_bridge_image_copies_the_model() -> None:
    dockerfile = (ROOT / "Dockerfile.bridge").read_text()
    assert "COPY kcpmodel/ ./kcpmodel/" in dockerfile and "compileall -q kubeapi kcpmodel bridge" in dockerfile
