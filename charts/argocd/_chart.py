"""Per-cluster Argo CD chart."""

from __future__ import annotations

from cdk8s import Chart
from constructs import Construct

from kcpgitops.topology import Topology

from .._manifest import manifest, meta

ARGOCD_NAMESPACE = "argocd"


class ArgoCdChart(Chart):
    """The Applications one cluster's own Argo CD syncs; none points at another cluster's directory."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, cluster: str) -> None:
        super().__init__(scope, construct_id, disable_resource_name_hashes=True)
        spec = topology.cluster(cluster)
        manifest(self, {
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
            "metadata": meta("kcp", ARGOCD_NAMESPACE),
            "spec": {
                "project": "default",
                "source": {"repoURL": spec.git.repo_url, "targetRevision": spec.git.branch, "path": topology.git_path(spec)},
                "destination": {"server": "https://kubernetes.default.svc", "namespace": topology.namespace},
                "syncPolicy": {"automated": {"prune": True, "selfHeal": True}, "syncOptions": ["ServerSideApply=true"]},
            },
        })
