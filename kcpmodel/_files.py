"""Which files kcp-operator v0.9.0's kcp containers open: exactly those their flags name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KCP_COMMAND = ("/kcp", "start")
"""The kcp server container's command (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go and
compiledrootshard/deployment.go DeploymentReconciler)."""
NO_ROOT_DIRECTORY = "--root-directory="
"""getArgs in both files: kcp keeps no state of its own on disk."""


def reads_only_named_files(container: Mapping[str, Any]) -> bool:
    """Whether a container is a kcp server as kcp-operator v0.9.0 runs it, which opens no file its flags do not name.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go getArgs (and compiledrootshard's) hand
    kcp every certificate, key and kubeconfig it needs as a flag (`--tls-cert-file=/etc/kcp/tls/server/tls.crt`, ...),
    utils/authentication.go and utils/shard.go add theirs the same way, and `--root-directory=` switches off kcp's
    only convention-based files (kcp-dev/kcp@v0.32.3:cmd/kcp/options/generic.go AddFlags: `Set to "" to disable file
    (e.g. certificates) generation in a root directory`); no path under the operator's mount points occurs in
    kcp's own code. So a Secret such a container mounts but no flag (or kubeconfig it names) points into is never read:
    kcp-operator mounts `<root>-service-account-ca` at /etc/kcp/tls/ca/service-account, and nothing names a file there.
    """
    args = container.get("args")
    return tuple(container.get("command") or ()) == KCP_COMMAND and isinstance(args, list) and NO_ROOT_DIRECTORY in args
