"""The sync policy every Application of the trees carries, from the topology's `argocd:` settings.

Private to `charts`, shared by `charts.argocd` and `charts.kcp_inside` (which builds on `charts.argocd`'s names but
must not import that package: `charts.argocd` documents `kcpgitops.bootstrap`, which plans `charts.kcp_inside`'s objects).
"""

from __future__ import annotations

from kcpgitops.topology import Topology

MANIFEST_GENERATE_PATHS = "argocd.argoproj.io/manifest-generate-paths"
"""Paths whose changes make Argo CD regenerate an Application's manifests; a commit touching none of them reuses the
manifests of the revision it last compared (argoproj/argo-cd@v3.5.1:util/app/path/path.go GetSourceRefreshPaths(): `;`
separated, a relative entry joined to the source path, an absolute one taken from the repository root;
AppFilesHaveChanged(): a changed file counts when it is an entry, lies below one or matches it as a glob; the controller
asks only when the annotation is set, controller/state.go evaluateRevisionChanges(), and the repo server then copies
the cached manifests to the new revision, reposerver/repository/repository.go UpdateRevisionForPaths(); the webhook
handler, util/webhook/webhook.go HandleEvent(), refreshes only the Applications whose paths a push touched).
Helm-chart Applications do not get it: their source is a chart repository, not a commit of ours, so no push we make
names their files."""
OWN_PATH = "."
"""A directory source's refresh path: its own source path. For `kcp-bridge` that is the bridge path, so the bridge's
commits regenerate only it and the other Applications skip them."""


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


__all__ = ["MANIFEST_GENERATE_PATHS", "OWN_PATH", "sync_policy"]
