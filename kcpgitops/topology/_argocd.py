"""Topology settings of the per-cluster Argo CD Applications."""

from __future__ import annotations

from pydantic import Field

from ._base import Model


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


class ArgoCd(Model):
    """How each cluster's Argo CD syncs what we render."""

    namespace: str = "argocd"
    """Namespace Argo CD runs in on every cluster."""
    automated: bool = True
    """Sync automatically on every commit."""
    prune: bool = True
    """Delete objects that disappear from Git (with `automated`)."""
    self_heal: bool = True
    """Revert changes made outside Git (with `automated`)."""
    retry: Retry = Retry()
    """Retry policy of every Application."""
