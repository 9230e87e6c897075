"""Topology settings of the per-cluster Argo CD Applications."""

from __future__ import annotations

from pydantic import Field

from ._base import Model

_DNS_LABEL = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"


class Retry(Model):
    """Retry with exponential backoff when a sync fails."""

    limit: int = Field(10, ge=0)
    """Number of retries (0 disables)."""
    duration: str = "10s"
    """First backoff."""
    factor: int = Field(2, ge=1)
    """Backoff multiplier."""
    max_duration: str = "5m"
    """Longest backoff."""
    refresh: bool = True
    """Retry with the latest Git revision instead of the one that failed (a fix pushed meanwhile is picked up)."""


class ArgoCd(Model):
    """How each cluster's Argo CD syncs what we render."""

    version: str = Field("v3.5.1", pattern=r"^v\d+\.\d+\.\d+$")
    """Argo CD release the bootstrap document installs (the Application schemas are validated against v3.5.1)."""
    namespace: str = Field("argocd", pattern=_DNS_LABEL, max_length=63)
    """Namespace Argo CD runs in on every cluster."""
    project: str = Field("kcp-zheng", pattern=_DNS_LABEL, max_length=63)
    """AppProject every rendered Application belongs to (scoped to this deployment's repos, namespaces and kinds)."""
    automated: bool = True
    """Sync automatically on every commit."""
    prune: bool = True
    """Delete objects that disappear from Git (with `automated`)."""
    self_heal: bool = True
    """Revert changes made outside Git (with `automated`)."""
    retry: Retry = Retry()
    """Retry policy of every Application."""
