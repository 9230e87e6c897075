"""Parse and dump large, rarely changing YAML (the vendored CRDs) once per content, not once per render.

libyaml is fast, but building Python objects from several MB of CRDs, and representing them again, still cost most
of a render. Results are kept under `build/cache/yaml/`, keyed by a hash of their input (file bytes and loader, or
the document's JSON), so changed input is processed again and a stale entry can never be read. Without a writable
cache directory everything still works, just slower.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it."""
CACHE_DIR = Path(os.environ.get("KCP_CACHE_DIR", Path(__file__).resolve().parents[1] / "build" / "cache" / "yaml"))


def load_documents(path: Path, *, loader: type = SAFE_LOADER) -> list[Any]:
    """All documents of a YAML file (empty ones included as None), JSON-compatible values only."""
    data = path.read_bytes()
    key = hashlib.sha256(data + b"\0" + _loader_identity(loader)).hexdigest()
    cached = CACHE_DIR / f"{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    docs = list(yaml.load_all(data.decode("utf-8"), Loader=loader))
    text = json.dumps(docs, allow_nan=False)  # raises on values with no JSON form (binary, NaN, datetimes)
    _store(cached, text)
    return json.loads(text)


@functools.cache
def _loader_identity(loader: type) -> bytes:
    """The loader's name, and for a loader of this project its module's source, so that changing how a loader
    constructs values (duplicate keys, timestamps) never reads what the old code made."""
    name = f"{loader.__module__}.{loader.__qualname__}".encode()
    module = sys.modules.get(loader.__module__)
    source = Path(getattr(module, "__file__", "") or "")
    if source.is_file() and source.resolve().is_relative_to(Path(__file__).resolve().parent):
        name += b"\0" + hashlib.sha256(source.read_bytes()).digest()
    return name


def dump_cached(doc_json: str, dump: Callable[[], str]) -> str:
    """`dump()`'s text for the document whose JSON is `doc_json`, from the cache when that document was dumped before."""
    cached = CACHE_DIR / f"{hashlib.sha256(doc_json.encode()).hexdigest()}.yaml"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    text = dump()
    _store(cached, text)
    return text


def cached_json(key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`'s JSON value, from the cache when it was computed before under `key` (a hash of everything the value
    depends on: the caller's duty)."""
    cached = CACHE_DIR / f"{key}.result.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    text = json.dumps(compute(), allow_nan=False)
    _store(cached, text)
    return json.loads(text)


def _store(path: Path, text: str) -> None:
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass
