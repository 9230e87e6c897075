"""The job's view of the Kubernetes API: named Secrets only, through the shared `kubeapi` client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubeapi
from kubeapi import SECRETS, ApiError, UsageError

__all__ = ["ApiError", "KubeClient", "UsageError", "client_from_args"]

_HINTS = {
    401: "the service account token was rejected",
    403: "the Role does not grant this on this Secret (resourceNames)",
    404: "not found",
    409: "conflict",
    422: "the API rejected the object",
}


class KubeClient(kubeapi.KubeClient):
    """GET and server-side apply of Secrets."""

    def get_secret(self, namespace: str, name: str) -> dict[str, Any] | None:
        """The Secret, or None when it does not exist."""
        try:
            return self.get(resource=SECRETS, namespace=namespace, name=name)
        except ApiError as exc:
            if exc.code == 404:
                return None
            raise

    def apply_secret(self, secret: dict[str, Any], *, field_manager: str) -> dict[str, Any]:
        """Server-side apply (creates or updates) a Secret."""
        return self.apply(resource=SECRETS, obj=secret, field_manager=field_manager)


def client_from_args(*, api_server: str | None, token_file: Path | None, ca_file: Path | None) -> KubeClient:
    """From explicit flags, or by default from the in-cluster service account."""
    return kubeapi.client_from_args(api_server=api_server, token_file=token_file, ca_file=ca_file, client_type=KubeClient,
                                    user_agent="kcp-ws-clusters", hints=_HINTS)
