"""Command line: build the schema folder if needed, validate manifests, then run kubeconform if present."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from kcpgitops.schemas._build import DEFAULT_KUBERNETES_VERSION, build_schema_dir
from kcpgitops.schemas._kubeconform import kubeconform_command
from kcpgitops.schemas._validate import check_paths

DEFAULT_SCHEMA_DIR = Path("build/schemas")
DEFAULT_PATHS = (Path("dist"), Path("argocd"))

__all__ = ["kubeconform_command", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Validate manifests strictly; return 0 when clean, 1 on any finding or kubeconform failure, 2 on setup errors."""
    args = _parser().parse_args(argv)
    paths = args.paths or list(DEFAULT_PATHS)
    try:
        schema_dir = build_schema_dir(args.schema_dir, kubernetes_version=args.kubernetes_version)
    except (OSError, ValueError) as error:
        print(f"error: cannot build schemas in {args.schema_dir}: {error}", file=sys.stderr)
        return 2
    report = check_paths(paths, schema_dir=schema_dir, kubernetes_version=args.kubernetes_version)
    for finding in report.findings:
        print(finding)
    print(f"schemas: {len(report.findings)} finding(s) in {report.documents} document(s) from {report.files} file(s)")
    failed = bool(report.findings) or report.documents == 0
    if report.documents == 0:
        print("schemas: no YAML documents found", file=sys.stderr)
    executable = shutil.which("kubeconform")
    if executable is not None:
        command = kubeconform_command(schema_dir, paths, kubernetes_version=args.kubernetes_version)
        print("running:", " ".join(command), flush=True)
        failed = subprocess.run([executable, *command[1:]], check=False).returncode != 0 or failed
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(prog="python -m kcpgitops.schemas.cli", description=__doc__)
    parser.add_argument("--schema-dir", type=Path, default=DEFAULT_SCHEMA_DIR, help="schema folder (built if stale)")
    parser.add_argument("--kubernetes-version", default=DEFAULT_KUBERNETES_VERSION, help="core schema version")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: dist argocd)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
