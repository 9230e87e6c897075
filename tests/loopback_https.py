"""The tests' loopback HTTPS server is the rehearsal's (`kcpgitops/rehearsal/_loopback.py`); re-exported for the test kits."""

from __future__ import annotations

from kcpgitops.rehearsal._loopback import LoopbackHttpsServer

__all__ = ["LoopbackHttpsServer"]
