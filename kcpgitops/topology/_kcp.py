"""Topology settings of kcp's own objects (partitions, workspaces, APIs) delivered through the front-proxy."""

from __future__ import annotations

from ._base import Model


class Kcp(Model):
    """What to create inside kcp; filled in by the workspaces feature."""

    def check_against(self, topology: object) -> None:
        """Raise ValueError naming the field when something refers to a shard or object that does not exist."""
