"""Strict schema validation of patched documents, with the validator `make validate` runs on every rendered file."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kcpgitops.output import dump_yaml
from kcpgitops.schemas import DEFAULT_KUBERNETES_VERSION, build_schema_dir, check_paths
from kcpgitops.topology import REPO_ROOT

SCHEMA_DIR = REPO_ROOT / "build" / "schemas"
"""The folder `make validate` builds (its --schema-dir default, from the repository root); built here when stale."""
MAX_REASONS = 3
"""Schema problems named per document; more are counted."""


@dataclass
class PatchedValidator:
    """Validates patched documents; the schema folder is built (or found current) on first use only, so a topology
    without overrides never touches it."""

    schema_dir: Path = SCHEMA_DIR
    """Where the kubeconform-layout schemas live; default `build/schemas` of this repository."""
    _built: Path | None = field(default=None, init=False)
    """The schema folder once built or found current; default None (not yet used)."""

    def problems(self, doc: dict, file: str) -> list[str]:
        """Schema problems of `doc` as `<field path>: <message>`, at most `MAX_REASONS` plus a count of the rest."""
        if self._built is None:
            self._built = build_schema_dir(self.schema_dir, kubernetes_version=DEFAULT_KUBERNETES_VERSION)
        # `make validate`'s own entry point (kcpgitops.schemas.cli -> check_paths) judges files, so the document is
        # judged as the YAML text it would be written as, from a private scratch directory removed right after.
        with tempfile.TemporaryDirectory(prefix="kcp-override-") as scratch:
            path = Path(scratch) / Path(file).name
            path.write_text(dump_yaml(doc), encoding="utf-8")
            report = check_paths([path], schema_dir=self._built, kubernetes_version=DEFAULT_KUBERNETES_VERSION)
        found = [finding.message for finding in report.findings]
        if doc.get("apiVersion") == "v1" and doc.get("kind") == "Secret":
            # jsonschema's messages quote the failing value, which in a Secret could be its data: keep the field path.
            found = [message.split(": ", 1)[0] + ": does not match the schema" for message in found]
        if len(found) > MAX_REASONS:
            found = [*found[:MAX_REASONS], f"and {len(found) - MAX_REASONS} more"]
        return found
