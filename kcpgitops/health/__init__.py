"""Argo CD ``argocd-cm`` Lua health checks for kinds Argo CD v3.5.1 cannot assess itself.

Without them, sync waves do not wait for child Applications, etcd-druid ``Etcd`` objects or kcp-operator objects.
Each script lives in ``lua/<group>_<Kind>.lua`` and uses Argo CD's custom health format: it reads the global ``obj``
and returns a table with ``status`` and ``message``.
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["HEALTH_KEY_PREFIX", "health_customizations"]

HEALTH_KEY_PREFIX = "resource.customizations.health."


def health_customizations() -> dict[str, str]:
    """Map each ``resource.customizations.health.<group>_<Kind>`` argocd-cm key to its Lua script, sorted by key."""
    scripts = files(__name__).joinpath("lua")
    found = {
        HEALTH_KEY_PREFIX + entry.name.removesuffix(".lua"): entry.read_text(encoding="utf-8")
        for entry in scripts.iterdir()
        if entry.name.endswith(".lua")
    }
    return dict(sorted(found.items()))
