"""The sync policy every Application of the trees carries, from the topology's `argocd:` settings.

Private to `charts`, shared by `charts.argocd` and `charts.kcp_inside` (which builds on `charts.argocd`'s names but
must not import that package: `charts.argocd` documents `kcpgitops.bootstrap`, which plans `charts.kcp_inside`'s objects).
"""

from __future__ import annotations

from kcpgitops.topology import Topology


def sync_policy(topology: Topology, *options: str) -> dict:
    """An Application's syncPolicy: automated sync, prune, self-heal and retry from the topology, plus `options`."""
    settings = topology.argocd
    policy: dict = {}
    if settings.automated:
        policy["automated"] = {"prune": settings.prune, "selfHeal": settings.self_heal}
    policy["syncOptions"] = list(options)
    retry = settings.retry
    if retry.limit:
        policy["retry"] = {
            "limit": retry.limit,
            "backoff": {"duration": retry.duration, "factor": retry.factor, "maxDuration": retry.max_duration},
            "refresh": retry.refresh,
        }
    return policy


__all__ = ["sync_policy"]
