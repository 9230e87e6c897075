"""Per-cluster Argo CD tree: one cdk8s chart per directory of `argocd/<cluster>/`, plus its README."""

from __future__ import annotations

from cdk8s import Chart
from constructs import Construct

from kcpgitops.topology import Topology

from .._manifest import manifest
from ._plan import plan_cluster
from ._readme import render_readme


class ArgoCdTree(Construct):
    """What one cluster's own Argo CD syncs; no Application points at another cluster's directory.

    `sections` maps each directory under `argocd/<cluster>/` to the chart holding its objects.
    """

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, cluster: str, dist_docs: list[dict]) -> None:
        super().__init__(scope, construct_id)
        self.plan = plan_cluster(topology, cluster, dist_docs)
        self.sections: dict[str, Chart] = {}
        for section, docs in sorted(self.plan.sections.items()):
            chart = Chart(self, section, disable_resource_name_hashes=True)
            for doc in docs:
                manifest(chart, doc)
            self.sections[section] = chart
        self.readme = render_readme(topology, self.plan)
