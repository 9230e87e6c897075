"""Validate YAML manifests strictly against a kubeconform-layout schema folder."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from kcpgitops.schemas._build import CRDS, DEFAULT_KUBERNETES_VERSION, SOURCES
from kcpgitops.schemas._core import core_dir_name, core_file_name
from kcpgitops.schemas._crd import crd_file_name
from kcpgitops.schemas._yaml import KubeLoader
from kcpgitops.yaml_cache import cached_json

MANIFEST_SUFFIXES = frozenset({".yaml", ".yml"})
_GROUP = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
_VERSION = re.compile(r"[a-z0-9]+")
_KIND = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_MAX_MESSAGE = 400


@dataclass(frozen=True)
class Finding:
    """One problem in one YAML document of one file."""

    file: Path
    document: int
    api_version: str
    kind: str
    name: str
    message: str

    def __str__(self) -> str:
        """Render as `file[doc]: Kind/name: message`."""
        return f"{self.file}[{self.document}]: {self.kind or '?'}/{self.name or '?'}: {self.message}"


@dataclass(frozen=True)
class Report:
    """Findings plus how many files and non-empty documents were checked."""

    findings: tuple[Finding, ...]
    files: int
    documents: int


def validate_paths(
    paths: Sequence[Path],
    *,
    schema_dir: Path,
    kubernetes_version: str = DEFAULT_KUBERNETES_VERSION,
) -> list[Finding]:
    """Validate every YAML document under paths strictly and return the findings."""
    return list(check_paths(paths, schema_dir=schema_dir, kubernetes_version=kubernetes_version).findings)


def check_paths(
    paths: Sequence[Path],
    *,
    schema_dir: Path,
    kubernetes_version: str = DEFAULT_KUBERNETES_VERSION,
) -> Report:
    """Validate every YAML document under paths and count what was checked."""
    store = _SchemaStore(schema_dir=Path(schema_dir), kubernetes_version=kubernetes_version)
    findings: list[Finding] = []
    files = documents = 0
    for path in map(Path, paths):
        if not path.exists():
            findings.append(Finding(path, 0, "", "", "", "path does not exist"))
            continue
        for file in manifest_files(path):
            files += 1
            try:
                data = file.read_bytes()
            except OSError as error:
                documents += 1  # counted as one document with a problem, as an unparsable one is
                findings.append(Finding(file, 0, "", "", "", f"cannot read file: {error}"))
                continue
            checked, found = _check_file(data, store)
            documents += checked
            findings.extend(Finding(file, *item) for item in found)
    return Report(findings=tuple(findings), files=files, documents=documents)


_CACHED_SIZE = 64 * 1024
"""Files at least this large (the CRDs Argo CD installs: megabytes, identical in every render) are validated once per
content and schema folder; the result is kept in the YAML cache (kcpgitops/yaml_cache.py)."""
_VALIDATOR_CODE = ("_validate.py", "_yaml.py")


def _check_file(data: bytes, store: _SchemaStore) -> tuple[int, list[tuple[int, str, str, str, str]]]:
    """(documents checked, findings as (document, apiVersion, kind, name, message)) of one file's bytes."""
    if len(data) < _CACHED_SIZE:
        return _check_bytes(data, store)
    key = hashlib.sha256(b"\0".join((data, store.stamp(), store.kubernetes_version.encode()))).hexdigest()
    if key not in _CHECKED:
        checked, found = cached_json(key, lambda: _check_bytes(data, store))
        _CHECKED[key] = (checked, [tuple(item) for item in found])
    return _CHECKED[key]


_CHECKED: dict[str, tuple[int, list]] = {}


def _check_bytes(data: bytes, store: _SchemaStore) -> tuple[int, list[tuple[int, str, str, str, str]]]:
    documents, found = 0, []
    for index, document, problems in _documents(data):
        documents += document is not None or bool(problems)
        identity = _identity(document)
        found.extend((index, *identity, problem) for problem in problems)
        if document is not None:
            found.extend((f.document, f.api_version, f.kind, f.name, f.message)
                         for f in _check_document(file=Path(), index=index, document=document, store=store))
    return documents, found


def manifest_files(path: Path) -> list[Path]:
    """Return path itself if a file, else every *.yaml/*.yml below it outside hidden folders, sorted."""
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.suffix in MANIFEST_SUFFIXES and p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def schema_paths(*, schema_dir: Path, api_version: str, kind: str, kubernetes_version: str) -> tuple[Path, ...]:
    """Return the candidate schema files for apiVersion/kind: the CRD layout, then the core layout."""
    group, _, version = api_version.rpartition("/")
    candidates = []
    if group:
        candidates.append(schema_dir / CRDS / crd_file_name(group=group, kind=kind, version=version))
    if not group or "." not in group or group.endswith(".k8s.io"):
        name = core_file_name(kind=kind, group=group, version=version)
        candidates.append(schema_dir / core_dir_name(kubernetes_version=kubernetes_version) / name)
    return tuple(candidates)


def _documents(data: bytes) -> Iterator[tuple[int, Any, list[str]]]:
    """Yield (index, document, load problems) for every YAML document in a file's bytes."""
    loader = KubeLoader(data)
    index = 0
    try:
        while loader.check_data():
            document = loader.get_data()
            yield index, document, list(loader.duplicate_keys)
            loader.duplicate_keys.clear()
            index += 1
    except yaml.YAMLError as error:
        yield index, None, [f"invalid YAML: {' '.join(str(error).split())}"]
    finally:
        loader.dispose()


def _check_document(*, file: Path, index: int, document: Any, store: _SchemaStore) -> Iterator[Finding]:
    """Yield the findings for one loaded document (List items are checked one by one)."""
    if not isinstance(document, dict):
        yield Finding(file, index, "", "", "", f"document is a {type(document).__name__}, not a mapping")
        return
    api_version, kind = document.get("apiVersion"), document.get("kind")
    found = functools.partial(Finding, file, index, *_identity(document))
    if api_version == "v1" and kind == "List" and isinstance(document.get("items"), list):
        for position, item in enumerate(document["items"]):
            for finding in _check_document(file=file, index=index, document=item, store=store):
                yield Finding(file, index, finding.api_version, finding.kind, finding.name, f"items[{position}]: {finding.message}")
        return
    if not isinstance(api_version, str) or not isinstance(kind, str) or not api_version or not kind:
        yield found("apiVersion and kind must be non-empty strings")
        return
    validator, problem = store.validator(api_version=api_version, kind=kind)
    if validator is None:
        yield found(problem)
        return
    for error in sorted(validator.iter_errors(document), key=_error_order):
        yield found(_describe(best_match([error]) or error))


def _identity(document: Any) -> tuple[str, str, str]:
    """Return (apiVersion, kind, name) of a document, empty where unknown."""
    if not isinstance(document, dict):
        return "", "", ""
    metadata = document.get("metadata")
    name = (metadata.get("name") or metadata.get("generateName") or "") if isinstance(metadata, dict) else ""
    return str(document.get("apiVersion") or ""), str(document.get("kind") or ""), str(name)


def _error_order(error: ValidationError) -> tuple[list[str], str]:
    """Order errors by document path, then message."""
    return [str(part) for part in error.absolute_path], error.message


def _describe(error: ValidationError) -> str:
    """Render an error as `path: message`, shortened if huge."""
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)
    message = error.message if len(error.message) <= _MAX_MESSAGE else error.message[:_MAX_MESSAGE] + "..."
    return f"{path.lstrip('.') or '(root)'}: {message}"


@dataclass
class _SchemaStore:
    """Resolve apiVersion/kind to a compiled validator, once per pair."""

    schema_dir: Path
    kubernetes_version: str
    _resolved: dict[tuple[str, str], tuple[Validator | None, str]] = field(default_factory=dict)
    _stamp: bytes | None = None

    def stamp(self) -> bytes:
        """What validation results depend on besides the document: the schema folder's SOURCES.json (written last
        by every build; it names the generator, the inputs and every output's hash) and this validator's code."""
        if self._stamp is None:
            try:
                sources = (self.schema_dir / SOURCES).read_bytes()
            except OSError:
                sources = b"no SOURCES.json in " + str(self.schema_dir.resolve()).encode()
            here = Path(__file__).resolve().parent
            code = b"".join((here / name).read_bytes() for name in _VALIDATOR_CODE)
            self._stamp = hashlib.sha256(sources + b"\0" + code).digest()
        return self._stamp

    def validator(self, *, api_version: str, kind: str) -> tuple[Validator | None, str]:
        """Return (validator, "") or (None, why there is none)."""
        key = (api_version, kind)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(api_version=api_version, kind=kind)
        return self._resolved[key]

    def _resolve(self, *, api_version: str, kind: str) -> tuple[Validator | None, str]:
        """Find and compile the schema for apiVersion/kind."""
        group, _, version = api_version.rpartition("/")
        if (group and not _GROUP.fullmatch(group)) or not _VERSION.fullmatch(version) or not _KIND.fullmatch(kind):
            return None, f"malformed apiVersion {api_version!r} or kind {kind!r}"
        candidates = schema_paths(
            schema_dir=self.schema_dir, api_version=api_version, kind=kind, kubernetes_version=self.kubernetes_version
        )
        for candidate in candidates:
            try:
                stat = candidate.stat()
            except OSError:
                continue
            try:
                return _compile(str(candidate), stat.st_mtime_ns, stat.st_size), ""
            except (OSError, ValueError) as error:
                return None, f"unusable schema {candidate}: {error}"
        looked = ", ".join(str(c) for c in candidates)
        return None, f"no schema for {api_version}/{kind} (looked for {looked})"


@functools.cache
def _compile(path: str, mtime_ns: int, size: int) -> Validator:
    """Load and compile one schema file; the stat stamp keys the cache."""
    schema = json.loads(Path(path).read_bytes())
    return validator_for(schema, default=Draft4Validator)(schema)
