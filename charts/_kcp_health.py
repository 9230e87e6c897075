"""Argo CD health checks for the kinds the `kcp:` section's workspace Applications sync inside kcp.

A leaf module on purpose: `charts.argocd` puts these checks into the root cluster's `argocd-cm`, and
`charts.kcp_inside` builds on `charts.argocd` (sync policy, Application names), so the checks cannot live in either
package without an import cycle. The scripts stay next to the objects they assess, in `charts/kcp_inside/lua/`.
"""

from __future__ import annotations

from importlib.resources import files

from kcpgitops.health import lua_health_checks


def kcp_health_customizations() -> dict[str, str]:
    """`argocd-cm` health checks for kcp kinds: `resource.customizations.health.<group>_<Kind>` -> Lua script."""
    # files() of the `charts` package, not of `charts.kcp_inside`: naming that package would import it.
    return lua_health_checks(files(__package__).joinpath("kcp_inside").joinpath("lua"))


__all__ = ["kcp_health_customizations"]
