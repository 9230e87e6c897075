"""Removing shards: what a shard cluster received goes with it, and the AppProjects never block that.

Argo CD neither compares nor prunes a live object its AppProject does not permit (argoproj/argo-cd@v3.5.1:
controller/state.go CompareAppState(), controller/appcontroller.go getPermittedAppLiveObjects()), so a project must not
shrink with the topology.
"""

from __future__ import annotations

import yaml

from charts.argocd._plan import RESOURCES_FINALIZER

from .conftest import ROOT


def test_kcp_bridge_application_deletes_what_it_delivered_when_it_is_pruned(tree):
    found = 0
    for cluster in tree.topology.clusters:
        app = tree.children(cluster.name).get("kcp-bridge")
        if app is not None:
            found += 1
            assert app["metadata"]["finalizers"] == [RESOURCES_FINALIZER], cluster.name
        for name, other in tree.children(cluster.name).items():
            if name != "kcp-bridge":
                assert "finalizers" not in other["metadata"], (cluster.name, name)
    assert found


def _permitted(topology_data: dict) -> dict[str, set[tuple[str, str, str]]]:
    from kcpgitops.render import render
    from kcpgitops.topology import parse_topology

    topology = parse_topology(yaml.safe_dump(topology_data))
    rendered = render(topology, topology_path=ROOT / "topology.yaml")
    out = {}
    for cluster in topology.clusters:
        (project,) = [d for d in rendered.applications[f"{cluster.name}/bootstrap"] if d["kind"] == "AppProject"]
        spec = project["spec"]
        out[cluster.name] = {(scope, i["group"], i["kind"]) for scope in ("cluster", "namespace")
                             for i in spec[f"{scope}ResourceWhitelist"]}  # fmt: skip
    return out


def test_projects_still_permit_everything_removed_shards_leave_to_prune():
    data = yaml.load((ROOT / "topology.yaml").read_text(), Loader=yaml.CSafeLoader)
    data.pop("kcp", None)  # the kcp: section selects the shards; this test is about the deployment's own project
    before = _permitted(data)
    after = _permitted({**data, "shards": []})
    for cluster, kinds in before.items():
        assert kinds <= after[cluster], (cluster, sorted(kinds - after[cluster]))
