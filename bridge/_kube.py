"""The bridge's read-only view of the Kubernetes API: GETs of named objects (the Role grants nothing else)."""

from __future__ import annotations

from pathlib import Path

import kubeapi
from kubeapi import CONFIGMAPS, DEPLOYMENTS, SECRETS, KubeClient, Resource

from ._errors import ApiError, UsageError

__all__ = ["CONFIGMAPS", "DEPLOYMENTS", "SECRETS", "SERVICES", "KubeClient", "Resource", "client_from_args"]

SERVICES = Resource(kind="Service", api_version="v1", plural="services")
"""The bundled Service is read live as well (kubeapi names no Service resource of its own)."""

_HINTS = {
    401: "the bridge's token was rejected",
    403: "the bridge's Role does not grant get on this object (resourceNames)",
    404: "it does not exist",
}


def client_from_args(*, api_server: str | None, token_file: Path | None, ca_file: Path | None, insecure: bool) -> KubeClient:
    """Build a client from explicit flags or, by default, from the in-cluster service account."""
    try:
        return kubeapi.client_from_args(api_server=api_server, token_file=token_file, ca_file=ca_file, insecure=insecure,
                                        require_token=False, user_agent="kcp-bridge", hints=_HINTS, error_type=ApiError)
    except kubeapi.UsageError as exc:
        raise UsageError(str(exc)) from None
