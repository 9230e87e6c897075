"""Argo CD ``argocd-cm`` Lua health checks for kinds Argo CD v3.5.1 cannot assess itself.

Without them, sync waves do not wait for child Applications, etcd-druid ``Etcd`` objects or kcp-operator objects.
Each script lives in ``lua/<group>_<Kind>.lua`` and uses Argo CD's custom health format: it reads the global ``obj``
and returns a table with ``status`` and ``message``. Argo CD takes one self-contained script per kind, so the
kcp-operator kinds keep only their ``config`` table in their file and share ``lua/_<group>_body.lua``, which is
appended to each of them here.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from ._lua import VALID_HEALTH_STATUSES, run_health_lua

__all__ = ["HEALTH_KEY_PREFIX", "VALID_HEALTH_STATUSES", "health_customizations", "lua_health_checks", "run_health_lua"]

HEALTH_KEY_PREFIX = "resource.customizations.health."


def health_customizations() -> dict[str, str]:
    """Map each ``resource.customizations.health.<group>_<Kind>`` argocd-cm key to its Lua script, sorted by key."""
    return lua_health_checks(files(__name__).joinpath("lua"))


def lua_health_checks(scripts: Traversable) -> dict[str, str]:
    """The argocd-cm health entries of a directory of ``<group>_<Kind>.lua`` files (plus shared ``_<group>_body.lua``)."""
    found = {}
    for entry in scripts.iterdir():
        if not entry.name.endswith(".lua") or entry.name.startswith("_"):
            continue
        key = entry.name.removesuffix(".lua")
        body = scripts.joinpath(f"_{key.split('_')[0]}_body.lua")
        text = entry.read_text(encoding="utf-8")
        found[HEALTH_KEY_PREFIX + key] = text + body.read_text(encoding="utf-8") if body.is_file() else text
    return dict(sorted(found.items()))
