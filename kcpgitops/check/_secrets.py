"""No credential in the repository: a tracked file holding a private key or a kubeconfig with credentials is a finding.

The generated READMEs have the kcp admin kubeconfig (a client private key) fetched by hand; written into the GitOps
repository by mistake, one `git add -A` publishes it. This rule reads what git tracks (`git ls-files`), so ignored
files are not findings and a staged one is. It names file and line, never the material.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ._findings import Finding

ALLOWED_PREFIXES = ("tests/", "kcpgitops/rehearsal/layouts/")
"""Repository paths whose credentials are test data: throw-away keys of test fixtures and the rehearsal's layouts."""

PRIVATE_KEY = re.compile(rb"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----")
"""PEM private keys of any type (RSA, EC, OpenSSH, encrypted PKCS#8, ...)."""
KUBECONFIG = re.compile(rb"^\s*kind:\s*[\"']?Config[\"']?\s*$|^\s*current-context:|^\s*contexts:\s*$", re.MULTILINE)
"""Marks of a kubeconfig, also when embedded in another YAML document as a block string."""
CREDENTIAL = re.compile(rb"^\s*-?\s*(client-key-data|token):[ \t]*(?![ \t]*(\"\"|''|null|~)?[ \t]*$)\S", re.MULTILINE)
"""A user entry's client key or bearer token with a value (empty values and nulls are not credentials)."""


def tracked_files(repo_root: Path) -> tuple[Path, list[str]] | None:
    """The repository's top level and its tracked files, or None when `repo_root` is not inside a git work tree."""
    top = subprocess.run(["git", "-C", str(repo_root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False)
    if top.returncode != 0:
        return None
    root = Path(top.stdout.strip())
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
    return root, [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name]


def _line(content: bytes, offset: int) -> int:
    return content.count(b"\n", 0, offset) + 1


def secret_findings(repo_root: Path) -> Iterator[Finding]:
    """A finding per tracked file (outside the allowed test data) holding a private key or kubeconfig credentials."""
    found = tracked_files(repo_root)
    if found is None:
        return
    root, names = found
    for name in names:
        if name.startswith(ALLOWED_PREFIXES):
            continue
        path = root / PurePosixPath(name)
        if not path.is_file() or path.is_symlink():  # deleted in the work tree, or a link to a file listed itself
            continue
        content = path.read_bytes()
        key = PRIVATE_KEY.search(content)
        if key:
            yield Finding("tracked-secret", name, f"line {_line(content, key.start())}", "a tracked file holds a private key",
                          f"remove it from the repository (`git rm --cached {name}`), rotate the key, and keep such files "
                          "outside the repository")
        credential = CREDENTIAL.search(content) if KUBECONFIG.search(content) else None
        if credential:
            field = credential.group(1).decode()
            yield Finding("tracked-secret", name, f"line {_line(content, credential.start(1))}",
                          f"a tracked kubeconfig holds credentials ({field})",
                          f"remove it from the repository (`git rm --cached {name}`), rotate the credential, and write "
                          "kubeconfigs to a private temporary path (as the READMEs do)")


__all__ = ["ALLOWED_PREFIXES", "secret_findings", "tracked_files"]
