"""Build a kubeconform-layout folder of strict JSON schemas, cached by SOURCES.json."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from kcpgitops.schemas._core import convert_core, core_dir_name, core_source_dir, object_meta_schema
from kcpgitops.schemas._crd import convert_crd, crd_documents

DEFAULT_KUBERNETES_VERSION = "1.33.0"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CRD_DIRS: tuple[Path, ...] = (REPO_ROOT / "vendor" / "crds",)
SOURCES = "SOURCES.json"
CRDS = "crds"
_FORMAT = 2
_GENERATOR = ("_build.py", "_core.py", "_crd.py", "_yaml.py")
_STAGING = ".staging-"
_LOCK = ".lock"

log = logging.getLogger(__name__)


def build_schema_dir(
    out: Path,
    *,
    crd_dirs: Sequence[Path] = DEFAULT_CRD_DIRS,
    kubernetes_version: str = DEFAULT_KUBERNETES_VERSION,
) -> Path:
    """Write strict core and CRD schemas in kubeconform's layout to out unless SOURCES.json shows them current."""
    out = Path(out)
    core_source = core_source_dir(kubernetes_version=kubernetes_version)
    crd_files = _crd_files(crd_dirs=crd_dirs)
    core_files = [(f"kubernetes-validate/{core_source.name}/{p.name}", p) for p in sorted(core_source.glob("*.json"))]
    stamp = _stamp(inputs=[*core_files, *crd_files], kubernetes_version=kubernetes_version)
    if _is_current(out=out, stamp=stamp):
        log.info("schema cache hit: %s", out)
        return out
    with _exclusive(out):
        # Another process (a parallel make target, a second test worker) may have built it while this one waited.
        if _is_current(out=out, stamp=stamp):
            log.info("schema cache hit: %s", out)
            return out
        files = _render(core_source=core_source, crd_files=crd_files, kubernetes_version=kubernetes_version)
        outputs = [{"bytes": len(data), "path": rel, "sha256": _sha256(data)} for rel, data in sorted(files.items())]
        sources = (json.dumps({**stamp, "outputs": outputs}, indent=2, sort_keys=True) + "\n").encode()
        _install(out=out, files=files, sources=sources)
    log.info("schema dir built: %s (%d files)", out, len(files))
    return out


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on out/.lock: two builders of one folder would remove each other's staging folders."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / _LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _crd_files(*, crd_dirs: Sequence[Path]) -> list[tuple[str, Path]]:
    """Return (logical name, path) of every *.yaml/*.yml below the CRD folders, sorted."""
    found: dict[str, Path] = {}
    for crd_dir in map(Path, crd_dirs):
        if not crd_dir.is_dir():
            raise FileNotFoundError(f"CRD folder does not exist: {crd_dir}")
        for path in crd_dir.rglob("*"):
            rel = path.relative_to(crd_dir)
            if path.suffix in {".yaml", ".yml"} and path.is_file() and not any(p.startswith(".") for p in rel.parts):
                name = f"{crd_dir.name}/{rel.as_posix()}"
                if found.setdefault(name, path) != path:
                    raise ValueError(f"two CRD inputs share the name {name}")
    return sorted(found.items())


def _stamp(*, inputs: list[tuple[str, Path]], kubernetes_version: str) -> dict[str, Any]:
    """Describe everything the output depends on: inputs, their hashes and the generator code."""
    here = Path(__file__).resolve().parent
    generator = hashlib.sha256(b"".join((here / name).read_bytes() for name in _GENERATOR)).hexdigest()
    return {
        "format": _FORMAT,
        "generator": generator,
        "inputs": [{"path": name, "sha256": _sha256(path.read_bytes())} for name, path in inputs],
        "kubernetes_validate": metadata.version("kubernetes-validate"),
        "kubernetes_version": kubernetes_version,
    }


def _is_current(*, out: Path, stamp: dict[str, Any]) -> bool:
    """Tell whether out/SOURCES.json matches stamp and every output it lists is in place."""
    try:
        recorded = json.loads((out / SOURCES).read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or {k: v for k, v in recorded.items() if k != "outputs"} != stamp:
        return False
    try:
        return all((out / item["path"]).stat().st_size == item["bytes"] for item in recorded["outputs"])
    except (OSError, KeyError, TypeError):
        return False


def _render(*, core_source: Path, crd_files: list[tuple[str, Path]], kubernetes_version: str) -> dict[str, bytes]:
    """Return every output file's bytes keyed by its path relative to the schema folder."""
    core_dir = core_dir_name(kubernetes_version=kubernetes_version)
    files = {f"{core_dir}/{name}": _dump(schema) for name, schema in convert_core(source_dir=core_source).items()}
    object_meta = object_meta_schema(source_dir=core_source)
    origin: dict[str, str] = {}
    for name, path in crd_files:
        for crd in crd_documents(path=path):
            for rel, schema in convert_crd(crd=crd, object_meta=object_meta).items():
                key, data = f"{CRDS}/{rel}", _dump(schema)
                if key in origin and files[key] != data:
                    raise ValueError(f"{key} is defined differently by {origin[key]} and {name}")
                origin.setdefault(key, name)
                files[key] = data
    return files


def _install(*, out: Path, files: dict[str, bytes], sources: bytes) -> None:
    """Replace the generated folders of out with files, writing SOURCES.json last."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{_STAGING}*"):
        shutil.rmtree(stale, ignore_errors=True)
    (out / SOURCES).unlink(missing_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=out))
    try:
        made: set[Path] = set()
        for rel, data in files.items():
            target = staging / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(data)
        for top in sorted({rel.split("/", 1)[0] for rel in files}):
            if (out / top).is_dir():
                shutil.rmtree(out / top)
            (staging / top).replace(out / top)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    (out / SOURCES).write_bytes(sources)


def _dump(value: Any) -> bytes:
    """Serialise a schema as stable, sorted, compact JSON (compact, because only the C encoder is fast enough for the
    thousands of schema files, and it cannot indent; `python -m json.tool FILE` shows one readably)."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _sha256(data: bytes) -> str:
    """Return the hex SHA-256 of data."""
    return hashlib.sha256(data).hexdigest()
