"""Rules issue 9 found broken in the rendered Argo CD tree, each checked on today's render and on the layout before
the fix (`kcpgitops/rehearsal/layouts/cyclic-bootstrap/argocd/`, the default topology's tree before the fix)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

from kcpgitops.docs import bridge_placeholders

from .conftest import MANIFEST_FILE, Tree, directory_manifests

OLD_LAYOUT = Path(__file__).resolve().parents[2] / "kcpgitops" / "rehearsal" / "layouts" / "cyclic-bootstrap" / "argocd"
IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck"


@functools.cache
def _load(path: Path) -> tuple[dict, ...]:
    text = path.read_text(encoding="utf-8")
    if "\nkind: CustomResourceDefinition\n" in text:  # large and never an Argo CD object: skip parsing it
        return ({"kind": "CustomResourceDefinition", "metadata": {}},)
    return tuple(d for d in yaml.load_all(text, Loader=yaml.CSafeLoader) if d)


def _applications(argocd: Path, cluster: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for path in sorted((argocd / cluster).rglob("*.yaml")) for d in _load(path)
            if d["kind"] == "Application"}


def _managed(argocd: Path, app: dict) -> list[dict]:
    """What an Application's directory source under argocd/ syncs (other sources hold no Application)."""
    source = app["spec"]["source"]
    path = source.get("path", "")
    if not path.startswith("argocd/"):
        return []
    directory = argocd / path.removeprefix("argocd/")
    if not directory.is_dir():
        return []
    return [d for p in directory_manifests(directory, source.get("directory", {})) for d in _load(p)]


def _waits_on(argocd: Path, cluster: str) -> dict[str, set[str]]:
    """Application -> Applications its sync waits on: every Application it syncs whose health check is not ignored.

    A multi-wave sync waits for each resource it applied to be Healthy (argoproj/argo-cd@v3.5.1:
    gitops-engine/pkg/sync/sync_context.go Sync()), our Application health check is Progressing while that
    Application's own operation runs, and only `argocd.argoproj.io/ignore-healthcheck` makes it answer Healthy. An
    Application's own health skips only itself (controller/health.go setApplicationHealth()), so waiting is transitive.
    """
    graph = {}
    for name, app in _applications(argocd, cluster).items():
        graph[name] = {
            d["metadata"]["name"] for d in _managed(argocd, app)
            if d["kind"] == "Application" and (d["metadata"].get("annotations") or {}).get(IGNORE_HEALTHCHECK) != "true"
        }
    return graph


def waiting_cycles(argocd: Path, cluster: str) -> list[list[str]]:
    """Every cycle of Applications that wait on each other (a self-loop included): each stalls forever."""
    graph = _waits_on(argocd, cluster)
    cycles = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    cycles.append([*path, start])
                elif nxt not in path and nxt > start:  # report each cycle once, from its smallest member
                    stack.append((nxt, [*path, nxt]))
    return cycles


def test_no_application_manages_an_application_that_waits_on_it(tree: Tree):
    for cluster in tree.topology.clusters:
        assert waiting_cycles(tree.argocd, cluster.name) == [], cluster.name


def test_the_layout_before_the_fix_has_the_bootstrap_cycle():
    for cluster in ("cluster-1", "cluster-2", "cluster-3"):
        assert waiting_cycles(OLD_LAYOUT, cluster) == [["app-of-apps", "bootstrap", "app-of-apps"]], cluster


def test_app_of_apps_manages_itself_the_project_and_the_health_checks(tree: Tree):
    for cluster in tree.topology.clusters:
        root = tree.applications(cluster.name)["app-of-apps"]
        managed = {(d["kind"], d["metadata"]["name"]) for d in _managed(tree.argocd, root)}
        assert {("Application", "app-of-apps"), ("AppProject", tree.topology.argocd.project), ("ConfigMap", "argocd-cm")} <= managed
        assert {("Application", n) for n in tree.children(cluster.name)} <= managed
        assert root["metadata"]["annotations"][IGNORE_HEALTHCHECK] == "true"


def test_stuck_clusters_converge_once_the_fix_is_pushed(tree: Tree):
    """The old `bootstrap` Application syncs bootstrap/ at the new revision: every Application there must leave its
    health (so the stuck wave 0 completes), and the new app-of-apps must no longer sync `bootstrap` (so it is pruned)."""
    for cluster in tree.topology.clusters:
        legacy = _applications(OLD_LAYOUT, "cluster-1")["bootstrap"]
        legacy_source = {**legacy["spec"]["source"], "path": f"argocd/{cluster.name}/bootstrap"}
        synced = _managed(tree.argocd, {"spec": {"source": legacy_source}})
        apps = [d for d in synced if d["kind"] == "Application"]
        assert [d["metadata"]["name"] for d in apps] == ["app-of-apps"], cluster.name
        assert all(d["metadata"]["annotations"].get(IGNORE_HEALTHCHECK) == "true" for d in apps), cluster.name
        assert "bootstrap" not in _applications(tree.argocd, cluster.name), cluster.name
    # Before the fix, the same sync brought back an app-of-apps whose health the old `bootstrap` waits for.
    old = _managed(OLD_LAYOUT, _applications(OLD_LAYOUT, "cluster-1")["bootstrap"])
    (old_root,) = [d for d in old if d["kind"] == "Application"]
    assert IGNORE_HEALTHCHECK not in (old_root["metadata"].get("annotations") or {})


def _auto_reconcile(app: dict) -> object:
    # gardener/etcd-druid@v0.33.0:charts/templates/deployment.yaml: with enabledOperatorConfig (default true) druid reads
    # the operator configuration; without it, the deprecated `controllers.etcd` flags.
    values = app["spec"]["source"].get("helm", {}).get("valuesObject", {})
    source = values.get("operatorConfig", {}) if values.get("enabledOperatorConfig", True) else values
    return source.get("controllers", {}).get("etcd", {}).get("enableEtcdSpecAutoReconcile")


def test_etcd_druid_settings_never_live_in_its_immutable_configmap(tree: Tree):
    # The chart's operator ConfigMap is immutable under a fixed name: a settings change on a running cluster is refused.
    for cluster in tree.topology.clusters:
        values = tree.children(cluster.name)["etcd-druid"]["spec"]["source"]["helm"]["valuesObject"]
        assert values.get("enabledOperatorConfig") is False, cluster.name


def test_etcd_druid_reconciles_etcd_spec_changes_automatically(tree: Tree):
    for cluster in tree.topology.clusters:
        assert _auto_reconcile(tree.children(cluster.name)["etcd-druid"]) is True, cluster.name


def test_the_layout_before_the_fix_left_etcd_spec_changes_unreconciled():
    for cluster in ("cluster-1", "cluster-2", "cluster-3"):
        assert _auto_reconcile(_applications(OLD_LAYOUT, cluster)["etcd-druid"]) is None  # chart default: false


def missing_bridge_paths(tree: Tree, repo_files: dict[str, str]) -> list[str]:
    """kcp-bridge source paths that hold no file in a repository with `repo_files` (before the bridge's first commit)."""
    missing = []
    for cluster in tree.topology.clusters:
        bridge = tree.children(cluster.name).get("kcp-bridge")
        if bridge is not None and not any(f.startswith(bridge["spec"]["source"]["path"] + "/") for f in repo_files):
            missing.append(bridge["spec"]["source"]["path"])
    return missing


def test_bridge_path_exists_before_the_bridge_has_committed(tree: Tree):
    placeholders = bridge_placeholders(tree.topology)
    assert missing_bridge_paths(tree, placeholders) == []
    assert missing_bridge_paths(tree, {}) != []  # without the placeholder: "app path does not exist"
    for path in placeholders:
        # Not a manifest, so the Application syncs nothing; not *.yaml, so the bridge never rewrites or deletes it.
        assert not MANIFEST_FILE.match(path.rsplit("/", 1)[1]) and not path.endswith(".yaml"), path


@pytest.mark.parametrize("pattern, path, matches", [
    ("{bootstrap/*,apps/*}", "bootstrap/argocd/application.argoproj.io_app-of-apps.yaml", True),
    ("{bootstrap/*,apps/*}", "apps/argocd/application.argoproj.io_kcp.yaml", True),
    ("{bootstrap/*,apps/*}", "etcd-druid-crds/_cluster/crd.yaml", False),
    ("{bootstrap/*,apps/*}", "kcp-ws-clusters/argocd/cronjob.batch_kcp-ws-clusters.yaml", False),
])
def test_include_glob_crosses_directories_as_argo_cd_matches_it(pattern, path, matches):
    from .conftest import argocd_glob

    assert bool(argocd_glob(pattern).match(path)) is matches
