"""Topology settings of the sealed-secret bridge CronJob on the root cluster."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ._base import Model


class Bridge(Model):
    """The job that carries remote shards' bundles, sealed, into their clusters' Git repos."""

    schedule: str = "*/5 * * * *"
    """Cron schedule of bridge cycles."""
    image: str = "ghcr.io/example/kcp-zheng-bridge:0.1.0"
    """Deprecated: the bridge image's full reference; write the `images:` block instead. Still accepted, with a warning at render time, and used only when written and `images:` leaves the bridge image to its defaults (a different bridge image there is an error). Default `ghcr.io/example/kcp-zheng-bridge:0.1.0`, which is never rendered: left unwritten, `images:` decides (`kcpgitops.topology.job_image`)."""
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

    @field_validator("author_name", "author_email")
    @classmethod
    def _git_identity(cls, value: str) -> str:
        # The bridge writes these into a `git fast-import` stream, `committer <name> SP LT <email> GT SP <when> LF`
        # (git/git@v2.39.5:Documentation/git-fast-import.txt, `commit`): a newline would end the command early and let
        # the rest be read as commands, `<`/`>` would move the e-mail's delimiters. The bridge's config refuses the same.
        if not value:
            raise ValueError("must not be empty")
        if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in value):
            raise ValueError("must not contain control characters (newline, tab, ...)")
        if "<" in value or ">" in value:
            raise ValueError("must not contain '<' or '>'")
        return value
