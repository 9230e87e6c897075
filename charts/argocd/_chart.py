"""Per-cluster Argo CD tree: one cdk8s chart per directory of `argocd/<cluster>/`, plus its README."""

from __future__ import annotations

from cdk8s import Chart
from constructs import Construct

from kcpgitops.topology import Topology

from .._manifest import manifest
from ._plan import ETCD_DRUID_CRDS, KCP_OPERATOR, plan_cluster
from ._readme import render_readme

VERBATIM_SECTIONS = (ETCD_DRUID_CRDS, KCP_OPERATOR)
"""Sections holding upstream manifests as they are."""


class ArgoCdTree(Construct):
    """What one cluster's own Argo CD syncs; no Application points at another cluster's directory.

    `sections` maps each directory under `argocd/<cluster>/` to the chart holding its objects.
    """

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, cluster: str, dist_docs: list[dict]) -> None:
        super().__init__(scope, construct_id)
        self.plan = plan_cluster(topology, cluster, dist_docs)
        self.sections: dict[str, Chart] = {}
        # Upstream manifests (etcd-druid CRDs, kcp-operator) pass through verbatim: sending ~5 MB of CRDs through
        # the jsii kernel and back cost seconds per render and changes nothing.
        self.verbatim: dict[str, list[dict]] = {s: d for s, d in self.plan.sections.items() if s in VERBATIM_SECTIONS}
        for section, docs in sorted(self.plan.sections.items()):
            if section in VERBATIM_SECTIONS:
                continue
            chart = Chart(self, section, disable_resource_name_hashes=True)
            for doc in docs:
                manifest(chart, doc)
            self.sections[section] = chart
        self.readme = render_readme(topology, self.plan)

    def documents(self) -> dict[str, list[dict]]:
        """Section directory -> its documents, synthesized (the verbatim sections are the plan's own lists)."""
        out = {section: list(chart.to_json()) for section, chart in self.sections.items()}
        out.update(self.verbatim)
        return dict(sorted(out.items()))
