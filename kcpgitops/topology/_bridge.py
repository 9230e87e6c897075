"""Topology settings of the sealed-secret bridge CronJob on the root cluster."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ._base import Model


class Bridge(Model):
    """The job that carries remote shards' bundles, sealed, into their clusters' Git repos."""

    schedule: str = "*/5 * * * *"
    """Cron schedule of bridge cycles."""
    image: str = "ghcr.io/example/kcp-zheng-bridge:0.1.0"
    """Bridge image (built from Dockerfile.bridge)."""
    mode: Literal["objects", "bundle"] = "objects"
    """`objects`: every bundled object as its own file; `bundle`: the whole bundle Secret sealed as one object."""
    git_auth: Literal["token", "ssh"] = "token"
    """How the bridge authenticates to Git: an HTTPS token (via GIT_ASKPASS) or an SSH deploy key with pinned known_hosts."""
    git_credentials_secret: str = "kcp-bridge-git"
    """User-created Secret on the root cluster with the Git token (key `token`) or SSH key (`ssh-privatekey`, `known_hosts`)."""
    hmac_key_secret: str = "kcp-bridge-hmac"
    """User-created Secret on the root cluster with the fingerprint key (key `key`); it never leaves that cluster."""
    author_name: str = "kcp-bridge"
    """Git author name of bridge commits."""
    author_email: str = "kcp-bridge@example.invalid"
    """Git author e-mail of bridge commits."""
    push_retries: int = Field(5, ge=0, le=20)
    """Retries (fetch, rebase, push) with exponential backoff when a push is rejected."""
