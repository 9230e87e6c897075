"""The rehearsal's Argo CD v3.5.1 model: sync waves, health waits, retries, auto-sync, projects, sources, pruning.

Each test drives one in-memory cluster with the `ArgoCd` controller, tiny fakes for Git and the charts (repository
content comes from `fixtures/argocd/`), and a kubelet stand-in that reports a Deployment's rollout as its
`rehearsal.test/rollout` annotation says (healthy, degraded, or manual: the test sets the status itself).
"""

from __future__ import annotations

import base64
import copy
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kcpgitops.health import health_customizations
from kcpgitops.rehearsal._api import ClusterApi
from kcpgitops.rehearsal._argocd import IN_CLUSTER, ArgoCd, _go_duration, _retry_wait, install_argocd
from kcpgitops.rehearsal._world import Cluster, Fleet

FIXTURES = Path(__file__).parent / "fixtures" / "argocd"
REPO = "https://git.example.com/demo.git"
APP = ("argoproj.io", "Application", "argocd")


class FakeRepos:
    """Git as the repo server sees it: commits of fixture directories, one branch `main`."""

    def __init__(self) -> None:
        self.commits: dict[str, dict[str, bytes]] = {}
        self.main: str | None = None
        self.reachable = True

    def push(self, layout: dict[str, str]) -> str:
        """Commit: repository path -> fixture directory (relative to fixtures/argocd)."""
        tree = {}
        for path, fixture in layout.items():
            base = FIXTURES / fixture
            for file in sorted(p for p in base.rglob("*") if p.is_file()):
                tree[f"{path}/{file.relative_to(base).as_posix()}"] = file.read_bytes()
        sha = f"{len(self.commits) + 1:040x}"
        self.commits[sha] = tree
        self.main = sha
        return sha

    def resolve(self, repo_url: str, target_revision: str) -> str | None:
        if not self.reachable or repo_url != REPO:
            return None
        return self.main if target_revision in ("main", "HEAD") else target_revision if target_revision in self.commits else None

    def files(self, repo_url: str, sha: str, path: str) -> dict[str, bytes] | None:
        prefix = path.strip("/") + "/"
        found = {name[len(prefix):]: data for name, data in self.commits[sha].items() if name.startswith(prefix)}
        return found or None


class FakeCharts:
    """One chart: `demo` 1.0.0 from https://charts.example.com renders a ConfigMap named after the release."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def render(self, repo_url: str, chart: str, version: str, release_name: str, namespace: str, values: dict) -> list[dict]:
        self.calls.append((repo_url, chart, version, release_name, namespace, values))
        if (repo_url, chart, version) != ("https://charts.example.com", "demo", "1.0.0"):
            raise LookupError(f"chart {chart} {version} from {repo_url} is not pinned")
        data = {"replicas": str(values.get("replicas", 1))}
        return [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"{release_name}-config"}, "data": data}]


class Kubelet:
    """Deployments report their rollout as annotated; Jobs complete at once."""

    name = "kubelet"

    def reconcile(self, cluster: Cluster) -> None:
        api = cluster.api
        for deployment in list(api.iter("apps", "Deployment")):
            key = ("apps", "Deployment", deployment["metadata"]["namespace"], deployment["metadata"]["name"])
            rollout = (deployment["metadata"].get("annotations") or {}).get("rehearsal.test/rollout")
            generation = deployment["metadata"]["generation"]
            if rollout == "healthy":
                api.set_status(key, _ready(generation))
            elif rollout == "degraded":
                api.set_status(key, {"observedGeneration": generation, "conditions": [
                    {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": "too slow"}]})
        for job in list(api.iter("batch", "Job")):
            key = ("batch", "Job", job["metadata"]["namespace"], job["metadata"]["name"])
            api.set_status(key, {"conditions": [{"type": "Complete", "status": "True", "message": "done"}]})


@dataclass
class World:
    """One cluster with Argo CD installed and configured like the product does (our Lua in argocd-cm)."""

    fleet: Fleet
    cluster: Cluster
    argo: ArgoCd
    repos: FakeRepos
    charts: FakeCharts
    remotes: dict[str, ClusterApi | str] = field(default_factory=dict)

    @property
    def api(self) -> ClusterApi:
        return self.cluster.api

    def tick(self, count: int = 1, step: float = 5.0) -> None:
        for _ in range(count):
            self.fleet.clock.now += step
            for controller in self.cluster.controllers:
                controller.reconcile(self.cluster)

    def app(self, name: str) -> dict:
        found = self.api.peek((*APP, name))
        assert found is not None, name
        return found

    def status(self, name: str) -> dict:
        return self.app(name).get("status") or {}

    def op(self, name: str) -> dict:
        return self.status(name).get("operationState") or {}

    def log(self) -> list[str]:
        return [f"{e.time:g} {e.message}" for e in self.fleet.timeline.events if e.actor == "argocd"]

    def exists(self, kind: str, name: str, namespace: str = "demo", group: str = "") -> bool:
        return self.api.peek((group, kind, namespace, name)) is not None

    def set_ready(self, name: str, namespace: str = "demo") -> None:
        key = ("apps", "Deployment", namespace, name)
        generation = self.api.peek(key)["metadata"]["generation"]  # type: ignore[index]
        self.api.set_status(key, _ready(generation))


def _ready(generation: int) -> dict:
    return {"observedGeneration": generation, "replicas": 1, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1}


def make_world(*, namespaces: tuple[str, ...] = ("demo",), lua: bool = True) -> World:
    fleet = Fleet()
    cluster = fleet.add_cluster("cluster-1")
    install_argocd(cluster)
    for namespace in namespaces:
        cluster.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}, manager="test")
    if lua:
        cm = copy.deepcopy(cluster.api.peek(("", "ConfigMap", "argocd", "argocd-cm")))
        cm["data"] = health_customizations()
        cluster.api.apply(cm, manager="test")
    repos, charts = FakeRepos(), FakeCharts()
    remotes: dict[str, ClusterApi | str] = {}
    argo = ArgoCd(namespace="argocd", repos=repos, charts=charts, remote=lambda server: remotes.get(server, "unreachable"))
    cluster.controllers = [argo, Kubelet()]
    return World(fleet, cluster, argo, repos, charts, remotes)


def application(name: str, path: str, *, namespace: str = "demo", options: tuple[str, ...] = (), retry: dict | None = None,
                project: str = "default", server: str = IN_CLUSTER, repo: str = REPO, directory: dict | None = None,
                automated: dict | None = None) -> dict:
    source: dict = {"repoURL": repo, "targetRevision": "main", "path": path}
    if directory is not None:
        source["directory"] = directory
    app = {
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": name, "namespace": "argocd"},
        "spec": {"project": project, "source": source, "destination": {"server": server, "namespace": namespace},
                 "syncPolicy": {"automated": {"prune": True, "selfHeal": True} if automated is None else automated,
                                "syncOptions": list(options)}},
    }
    if retry is not None:
        app["spec"]["syncPolicy"]["retry"] = retry
    return app


def apply(world: World, obj: dict) -> None:
    world.api.apply(obj, manager="kubectl")


# -- sync waves and health ---------------------------------------------------------------------------------------


def test_wave_waits_until_applied_resources_are_healthy() -> None:
    world = make_world()
    world.repos.push({"app": "two-waves/app"})
    apply(world, application("web", "app"))
    world.tick(6)
    # Broken on purpose: the Deployment never becomes ready, so wave 1 never comes.
    assert world.exists("Deployment", "web", group="apps") and not world.exists("ConfigMap", "after-web")
    assert world.op("web")["phase"] == "Running"
    assert world.op("web")["message"] == "waiting for healthy state of apps/Deployment/web"
    [blocker] = world.argo.blockers(world.cluster)
    assert (blocker.application, blocker.where) == ("web", "Sync wave 0")
    assert blocker.objects[0].key == ("apps", "Deployment", "demo", "web") and blocker.objects[0].status == "Progressing"
    world.set_ready("web")
    world.tick()
    assert world.exists("ConfigMap", "after-web")
    assert world.op("web")["phase"] == "Succeeded" and world.op("web")["message"] == "successfully synced (all tasks run)"
    world.tick()
    assert world.status("web")["sync"]["status"] == "Synced" and world.status("web")["health"]["status"] == "Healthy"
    assert world.argo.blockers(world.cluster) == []
    log = "\n".join(world.log())
    assert "web: Sync wave 0: applied 1: Deployment/web" in log and "web: Sync wave 1: applied 1: ConfigMap/after-web" in log
    assert "web: Sync wave 0: waiting for healthy state of apps/Deployment/web (Progressing" in log


def test_last_wave_completes_without_waiting_for_health() -> None:
    world = make_world()
    world.repos.push({"app": "one-wave/app"})
    apply(world, application("web", "app"))
    world.tick()
    assert world.op("web")["phase"] == "Succeeded"
    world.tick()
    # The operation succeeded although the Deployment is not ready: the app says so in its health instead.
    assert world.status("web")["sync"]["status"] == "Synced"
    assert world.status("web")["health"]["status"] == "Progressing"
    [blocker] = world.argo.blockers(world.cluster)
    assert blocker.where == "no operation" and blocker.objects[0].key == ("apps", "Deployment", "demo", "web")


def test_degraded_resource_fails_the_operation_and_retries_with_backoff_until_the_limit() -> None:
    world = make_world()
    world.repos.push({"app": "degraded/app"})
    retry = {"limit": 2, "backoff": {"duration": "10s", "factor": 2, "maxDuration": "5m"}}
    apply(world, application("web", "app", retry=retry))
    world.tick(2)
    op = world.op("web")
    assert op["phase"] == "Running" and op["retryCount"] == 1
    assert op["message"].startswith("one or more synchronization tasks completed unsuccessfully. Retrying attempt #1 at ")
    [blocker] = world.argo.blockers(world.cluster)
    assert blocker.where == "retry backoff" and blocker.objects[0].status == "Degraded"
    assert blocker.objects[0].message == 'Deployment "web" exceeded its progress deadline'
    world.tick(40)
    op = world.op("web")
    assert op["phase"] == "Failed" and op["retryCount"] == 2
    assert op["message"] == "one or more synchronization tasks completed unsuccessfully (retried 2 times)."
    assert not world.exists("ConfigMap", "after-web")
    # Retries wait duration * factor^retryCount after the failure (NextRetryAt with the incremented count):
    # the first attempt fails at 10 s and is retried 10 * 2^1 s later; that one fails at 35 s, retried 10 * 2^2 s later.
    retries = [line for line in world.log() if "Retrying operation" in line]
    assert [line.split(" ", 1)[0] for line in retries] == ["30", "75"]
    sync_error = [c for c in world.status("web")["conditions"] if c["type"] == "SyncError"]
    assert sync_error == [{"type": "SyncError", "message": f"Failed last sync attempt to [{world.repos.main}]: {op['message']}"}]
    [blocker] = world.argo.blockers(world.cluster)
    assert blocker.where == "condition" and blocker.reason.startswith("SyncError: Failed last sync attempt")
    assert blocker.objects[0].key == ("apps", "Deployment", "demo", "web") and blocker.objects[0].status == "Degraded"
    before = len(world.log())
    world.tick(60)
    assert world.op("web")["retryCount"] == 2 and not any("started" in line for line in world.log()[before:])
    assert sum("Skipping auto-sync: failed previous sync attempt" in line for line in world.log()) == 1


def test_failed_revision_is_not_retried_by_auto_sync_but_a_new_revision_is() -> None:
    world = make_world()
    world.repos.push({"app": "degraded/app"})
    apply(world, application("web", "app", retry={"limit": 0}))
    world.tick(3)
    assert world.op("web")["phase"] == "Failed"
    world.tick(20)
    assert sum("automated sync to" in line for line in world.log()) == 1
    fixed = world.repos.push({"app": "degraded-fixed/app"})
    world.tick(4)
    assert world.op("web")["phase"] == "Succeeded" and world.op("web")["syncResult"]["revision"] == fixed
    assert world.exists("ConfigMap", "after-web")
    world.tick()
    assert not any(c["type"] == "SyncError" for c in world.status("web").get("conditions", []))
    assert world.status("web")["health"]["status"] == "Healthy"


def test_operation_keeps_the_revision_it_started_with() -> None:
    world = make_world()
    first = world.repos.push({"app": "two-waves/app"})
    apply(world, application("web", "app"))
    world.tick(2)
    second = world.repos.push({"app": "one-wave/app"})
    world.tick(2)
    assert world.op("web")["phase"] == "Running" and world.op("web")["syncResult"]["revision"] == first
    assert world.status("web")["sync"]["revision"] == second
    world.set_ready("web")
    world.tick()
    assert world.op("web")["syncResult"]["revision"] == first and world.op("web")["phase"] == "Succeeded"
    world.tick(2)
    assert world.op("web")["syncResult"]["revision"] == second


# -- comparison errors, health aggregation ------------------------------------------------------------------------


def test_missing_app_path_is_a_comparison_error() -> None:
    world = make_world()
    world.repos.push({"app": "one-wave/app"})
    apply(world, application("bridge", "sealed/cluster-2"))
    world.tick(3)
    status = world.status("bridge")
    assert status["conditions"] == [{"type": "ComparisonError", "message": (
        "Failed to load target state: failed to generate manifest for source 1 of 1: "
        "rpc error: code = Unknown desc = sealed/cluster-2: app path does not exist")}]
    assert status["sync"]["status"] == "Unknown" and "operationState" not in status
    [blocker] = world.argo.blockers(world.cluster)
    assert blocker.where == "condition" and "app path does not exist" in blocker.reason
    # The path appears with a later commit: the condition clears and the app syncs.
    world.repos.push({"app": "one-wave/app", "sealed/cluster-2": "namespace/app"})
    world.tick(2)
    assert "conditions" not in world.status("bridge") and world.op("bridge")["phase"] == "Succeeded"
    assert any("bridge: condition ComparisonError cleared" in line for line in world.log())


def test_unreachable_repository_is_a_comparison_error() -> None:
    world = make_world()
    world.repos.push({"app": "one-wave/app"})
    world.repos.reachable = False
    apply(world, application("web", "app"))
    world.tick()
    assert "unable to resolve 'main' to a commit SHA" in world.status("web")["conditions"][0]["message"]


def test_self_referencing_application_does_not_count_in_its_own_health() -> None:
    world = make_world()
    world.repos.push({"apps": "self-reference/apps"})
    apply(world, application("root", "apps"))
    world.tick(3)
    status = world.status("root")
    assert status["sync"]["status"] == "Synced" and status["health"]["status"] == "Healthy"
    own = next(r for r in status["resources"] if r["kind"] == "Application")
    assert "health" not in own
    # Broken on purpose: a different Application with the same manifest is not skipped, and it is Progressing
    # until its own controller has assessed it.
    world2 = make_world()
    world2.repos.push({"apps": "self-reference/apps"})
    apply(world2, application("parent", "apps"))
    world2.tick(2)
    parent = world2.status("parent")
    child = next(r for r in parent["resources"] if r["kind"] == "Application")
    assert child["health"]["status"] == "Progressing"


def test_ignore_healthcheck_annotation_keeps_a_resource_out_of_health() -> None:
    world = make_world()
    world.repos.push({"app": "ignore-healthcheck/app"})
    apply(world, application("web", "app"))
    world.tick(3)
    assert world.status("web")["health"]["status"] == "Healthy"
    # Broken on purpose: the same never-ready Deployment without the annotation makes the app Progressing.
    world2 = make_world()
    world2.repos.push({"app": "one-wave/app"})
    apply(world2, application("web", "app"))
    world2.tick(3)
    assert world2.status("web")["health"]["status"] == "Progressing"


def test_child_application_health_follows_our_lua() -> None:
    world = make_world()
    world.repos.push({"a": "cycle/a", "b": "one-wave/app"})
    apply(world, application("a", "a"))
    world.tick(4)
    # b is Synced but its Deployment is never ready: b is Progressing, so a waits in wave 0.
    assert world.status("b")["health"]["status"] == "Progressing"
    assert world.op("a")["message"] == "waiting for healthy state of argoproj.io/Application/b"
    world.set_ready("web")
    world.tick(3)
    assert world.op("a")["phase"] == "Succeeded" and world.exists("ConfigMap", "after-b")


def test_application_cycle_never_completes() -> None:
    world = make_world()
    world.repos.push({"a": "cycle/a", "b": "cycle/b"})
    apply(world, application("a", "a"))
    world.tick(100)
    # a waits for b in wave 0; b is healthy only when a is, and a is Progressing while its operation runs.
    op = world.op("a")
    assert op["phase"] == "Running" and op["message"] == "waiting for healthy state of argoproj.io/Application/b"
    assert not world.exists("ConfigMap", "after-b")
    assert world.status("b")["sync"]["status"] == "Synced" and world.status("b")["health"]["status"] == "Progressing"
    blockers = {b.application: b for b in world.argo.blockers(world.cluster)}
    assert blockers["a"].where == "Sync wave 0" and blockers["a"].objects[0].key == (*APP, "b")
    assert blockers["b"].where == "no operation" and blockers["b"].objects[0].key == (*APP, "a")
    # Broken on purpose: without the cycle (b's path holds no Application) a completes.
    world2 = make_world()
    world2.repos.push({"a": "cycle/a", "b": "namespace/app"})
    apply(world2, application("a", "a"))
    world2.tick(5)
    assert world2.op("a")["phase"] == "Succeeded"


# -- sync options, projects, ordering, pruning ---------------------------------------------------------------------


def test_create_namespace_option_creates_the_destination_namespace() -> None:
    world = make_world(namespaces=())
    world.repos.push({"app": "namespace/app"})
    apply(world, application("with", "app", namespace="fresh", options=("CreateNamespace=true",)))
    world.tick(3)
    assert world.exists("Namespace", "fresh", namespace="") and world.exists("ConfigMap", "settings", namespace="fresh")
    assert world.op("with")["phase"] == "Succeeded"
    # Broken on purpose: without the option the apply fails on the missing namespace.
    apply(world, application("without", "app", namespace="other", retry={"limit": 0}))
    world.tick(2)
    op = world.op("without")
    assert op["phase"] == "Failed" and op["message"] == 'one or more objects failed to apply, reason: namespaces "other" not found'


def test_project_rules_are_enforced() -> None:
    world = make_world()
    world.repos.push({"app": "project/app"})
    project = {"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject", "metadata": {"name": "tight", "namespace": "argocd"},
               "spec": {"sourceRepos": [REPO], "destinations": [{"server": IN_CLUSTER, "namespace": "demo"}],
                        "namespaceResourceWhitelist": [{"group": "apps", "kind": "Deployment"}]}}
    apply(world, project)
    apply(world, application("kinds", "app", project="tight", retry={"limit": 0}))
    apply(world, application("repo", "app", project="tight", repo="https://git.example.com/other.git"))
    apply(world, application("dest", "app", project="tight", namespace="elsewhere"))
    apply(world, application("noproject", "app", project="missing"))
    world.tick(2)
    assert world.op("kinds")["message"] == (
        "one or more synchronization tasks are not valid: resource :ConfigMap is not permitted in project tight")
    assert not world.exists("ConfigMap", "settings")
    assert world.status("repo")["conditions"] == [
        {"type": "InvalidSpecError", "message": "application repo https://git.example.com/other.git is not permitted in project 'tight'"}]
    assert world.status("dest")["conditions"][0]["message"] == (
        f"application destination server '{IN_CLUSTER}' and namespace 'elsewhere' do not match any of the allowed destinations "
        "in project 'tight'")
    assert world.status("noproject")["conditions"][0]["message"] == "Application referencing project missing which does not exist"
    assert world.status("repo")["sync"]["status"] == "Unknown"
    # Allowed: the same Application under a project that whitelists ConfigMaps syncs.
    project["spec"]["namespaceResourceWhitelist"].append({"group": "", "kind": "ConfigMap"})
    apply(world, project)
    world.repos.push({"app": "namespace/app"})
    world.tick(2)
    assert world.exists("ConfigMap", "settings")


def test_order_within_a_wave_is_kind_order_then_name() -> None:
    world = make_world(namespaces=())
    world.repos.push({"app": "ordering/app"})
    applied: list[str] = []
    def record(event: str, obj: dict) -> None:
        if event == "ADDED" and (obj["metadata"].get("annotations") or {}).get("argocd.argoproj.io/tracking-id"):
            applied.append(f"{obj['kind']}/{obj['metadata']['name']}")

    world.api.listeners.append(record)
    apply(world, application("order", "app"))
    world.tick(3)
    # The Namespace (wave 3) and the CRD (wave 5) join wave 0 before what needs them; the rest by kind, then name.
    assert applied == ["Namespace/demo", "ServiceAccount/sa", "Secret/s-secret", "ConfigMap/a-config", "ConfigMap/z-config",
                       "Service/c-service", "Deployment/b-deploy", "CustomResourceDefinition/widgets.example.com", "Widget/a-widget"]
    assert world.op("order")["phase"] == "Succeeded"


def test_unserved_kind_fails_the_whole_operation_unless_the_dry_run_is_skipped() -> None:
    world = make_world()
    world.repos.push({"app": "missing-kind/app", "with-crd": "missing-kind-crd/app"})
    # Applications are processed by name: "z-crd" installs the CRD only after the other two tried.
    apply(world, application("plain", "app", retry={"limit": 0}))
    apply(world, application("skip", "app", options=("SkipDryRunOnMissingResource=true",), retry={"limit": 0}))
    apply(world, application("z-crd", "with-crd", retry={"limit": 0}))
    world.tick(2)
    assert world.op("plain")["message"] == (
        "one or more synchronization tasks are not valid: failed to discover server resources for group version example.com/v1: "
        "the server could not find the requested resource")
    # With the option the operation gets past validation and the apply itself fails (the kind is still unknown).
    assert world.op("skip")["message"] == (
        'one or more objects failed to apply, reason: no matches for kind "Widget" in version "example.com/v1"')
    # With the CRD in the same sync, the CRD goes first and the custom resource follows.
    assert world.op("z-crd")["phase"] == "Succeeded" and world.exists("Widget", "w", group="example.com")


def test_prune_runs_in_reverse_wave_order_and_honours_prune_false() -> None:
    world = make_world()
    world.repos.push({"app": "prune/v1"})
    apply(world, application("web", "app"))
    world.tick(3)
    assert world.op("web")["phase"] == "Succeeded"
    deleted: list[str] = []
    world.api.listeners.append(lambda event, obj: deleted.append(obj["metadata"]["name"]) if event == "DELETED" else None)
    world.repos.push({"app": "prune/v2"})
    world.tick(4)
    assert deleted == ["late", "early"]
    assert world.exists("ConfigMap", "kept") and world.exists("ConfigMap", "stays")
    results = {r["name"]: r for r in world.op("web")["syncResult"]["resources"]}
    assert results["kept"]["status"] == "PruneSkipped" and results["kept"]["message"] == "ignored (no prune)"
    # Broken on purpose: without automated prune nothing is deleted.
    world2 = make_world()
    world2.repos.push({"app": "prune/v1"})
    apply(world2, application("web", "app", automated={"prune": False}))
    world2.tick(3)
    world2.repos.push({"app": "prune/v2"})
    world2.tick(3)
    assert world2.exists("ConfigMap", "late") and world2.status("web")["sync"]["status"] == "OutOfSync"


def test_deleting_an_application_with_the_resources_finalizer_keeps_only_delete_false_objects() -> None:
    world = make_world()
    world.repos.push({"parent": "cascade/parent", "child": "cascade/child"})
    apply(world, application("parent", "parent"))
    world.tick(4)
    assert world.exists("ConfigMap", "doomed") and world.exists("ConfigMap", "survivor")
    world.repos.push({"parent": "namespace/app", "child": "cascade/child"})
    world.tick(3)
    assert world.api.peek((*APP, "child")) is None
    assert not world.exists("ConfigMap", "doomed") and world.exists("ConfigMap", "survivor")


def test_self_heal_reverts_drift() -> None:
    world = make_world()
    world.repos.push({"app": "namespace/app"})
    apply(world, application("web", "app"))
    world.tick(3)
    drifted = copy.deepcopy(world.api.peek(("", "ConfigMap", "demo", "settings")))
    drifted["data"] = {"key": "changed by hand"}
    world.api.apply(drifted, manager="kubectl")
    world.tick(3)
    assert world.api.peek(("", "ConfigMap", "demo", "settings"))["data"] == {"key": "value"}
    assert world.op("web")["operation"]["sync"]["resources"] == [{"group": "", "kind": "ConfigMap", "name": "settings"}]


def test_post_sync_hook_runs_after_the_sync_phase_and_is_deleted_on_success() -> None:
    world = make_world()
    world.repos.push({"app": "hooks/app"})
    apply(world, application("web", "app"))
    seen: list[str] = []
    world.api.listeners.append(
        lambda event, obj: seen.append(f"{event} {obj['kind']}") if obj["kind"] in ("Job", "ConfigMap") and event != "MODIFIED" else None)
    world.tick(4)
    assert seen == ["ADDED ConfigMap", "ADDED Job", "DELETED Job"]
    assert world.op("web")["phase"] == "Succeeded"
    world.tick()
    assert world.status("web")["sync"]["status"] == "Synced"


# -- sources and destinations ---------------------------------------------------------------------------------------


def test_directory_source_reads_only_manifest_files_at_the_top_level_unless_recursing() -> None:
    world = make_world()
    world.repos.push({"app": "directory/app"})
    apply(world, application("flat", "app"))
    create = ("CreateNamespace=true",)
    apply(world, application("deep", "app", namespace="deep", directory={"recurse": True, "exclude": "three.yml"}, options=create))
    apply(world, application("only", "app", namespace="only", directory={"recurse": True, "include": "{sub/*,four.json}"}, options=create))
    world.tick(3)

    def names(namespace: str) -> set[str]:
        return {o["metadata"]["name"] for o in world.api.iter("", "ConfigMap", namespace) if o["metadata"]["name"] != "kube-root-ca.crt"}

    assert names("demo") == {"first", "second", "third", "fourth"}
    assert names("deep") == {"first", "second", "fourth", "nested"}
    assert names("only") == {"fourth", "nested"}


def test_tracking_annotation_names_app_kind_and_object() -> None:
    world = make_world()
    world.repos.push({"app": "ordering/app"})
    apply(world, application("order", "app"))
    world.tick(3)
    annotations = world.api.peek(("", "ConfigMap", "demo", "a-config"))["metadata"]["annotations"]
    assert annotations["argocd.argoproj.io/tracking-id"] == "order:/ConfigMap:demo/a-config"
    crd = world.api.peek(("apiextensions.k8s.io", "CustomResourceDefinition", "", "widgets.example.com"))
    # Cluster-scoped objects carry the destination namespace.
    tracking = crd["metadata"]["annotations"]["argocd.argoproj.io/tracking-id"]
    assert tracking == "order:apiextensions.k8s.io/CustomResourceDefinition:demo/widgets.example.com"


def test_helm_source_renders_the_pinned_chart() -> None:
    world = make_world()
    helm = application("chart", "")
    helm["spec"]["source"] = {"repoURL": "https://charts.example.com", "chart": "demo", "targetRevision": "1.0.0",
                              "helm": {"releaseName": "rel", "valuesObject": {"replicas": 3}}}
    project = {"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject", "metadata": {"name": "default", "namespace": "argocd"},
               "spec": {"sourceRepos": ["*"], "destinations": [{"server": "*", "namespace": "*"}],
                        "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]}}
    apply(world, project)
    apply(world, helm)
    unknown = copy.deepcopy(helm)
    unknown["metadata"]["name"] = "unknown"
    unknown["spec"]["source"]["targetRevision"] = "9.9.9"
    apply(world, unknown)
    world.tick(2)
    assert world.api.peek(("", "ConfigMap", "demo", "rel-config"))["data"] == {"replicas": "3"}
    assert world.status("chart")["sync"]["revision"] == "1.0.0" and world.status("chart")["sourceType"] == "Helm"
    assert "chart demo 9.9.9 from https://charts.example.com is not pinned" in world.status("unknown")["conditions"][0]["message"]


def test_remote_destination_needs_a_cluster_secret() -> None:
    world = make_world()
    world.repos.push({"app": "namespace/app"})
    server = "https://api.example.io:6443/clusters/root"
    apply(world, application("ws", "app", server=server))
    world.tick()
    assert world.status("ws")["conditions"] == [{"type": "InvalidSpecError", "message": (
        f'error getting cluster by server "{server}": rpc error: code = NotFound desc = cluster "{server}" not found')}]
    remote = ClusterApi(name="root")
    remote.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}}, manager="test")
    world.remotes[server] = remote
    labels = {"argocd.argoproj.io/secret-type": "cluster"}
    apply(world, {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "ws-root", "namespace": "argocd", "labels": labels},
                  "data": {"name": base64.b64encode(b"root").decode(), "server": base64.b64encode(server.encode()).decode()}})
    world.tick(2)
    assert "conditions" not in world.status("ws")
    assert remote.peek(("", "ConfigMap", "demo", "settings")) is not None and not world.exists("ConfigMap", "settings")


# -- installation, timeline, helpers ----------------------------------------------------------------------------------


def test_install_argocd_leaves_the_crds_the_config_map_and_the_default_project() -> None:
    fleet = Fleet()
    cluster = fleet.add_cluster("c")
    install_argocd(cluster)
    api = cluster.api
    assert all(api.serves("argoproj.io", kind) for kind in ("Application", "AppProject", "ApplicationSet"))
    assert api.peek(("", "ConfigMap", "argocd", "argocd-cm")).get("data") is None
    assert api.peek(("argoproj.io", "AppProject", "argocd", "default"))["spec"]["sourceRepos"] == ["*"]


def test_timeline_records_changes_only() -> None:
    world = make_world()
    world.repos.push({"app": "one-wave/app"})
    apply(world, application("web", "app"))
    world.tick(3)
    before = len(world.fleet.timeline.events)
    world.tick(50)
    assert len(world.fleet.timeline.events) == before


def test_durations_and_backoff_follow_argo_cd() -> None:
    assert [_go_duration(t) for t in ("10s", "5m", "1h30m", "90", "1.5h", "300ms")] == [10, 300, 5400, 90, 5400, 0.3]
    with pytest.raises(ValueError):
        _go_duration("ten seconds")
    retry = {"backoff": {"duration": "10s", "factor": 2, "maxDuration": "5m"}}
    assert [_retry_wait(retry, n) for n in range(7)] == [10, 20, 40, 80, 160, 300, 300]
    assert _retry_wait({}, 0) == 5 and _retry_wait({}, 10) == 180


# -- immutable fields: Force=true re-creates (issue 10, a changed load balancer class) -------------------------------


def _service_uid(world: World) -> str:
    return world.api.peek(("", "Service", "demo", "alpha-shard-kcp"))["metadata"]["uid"]  # type: ignore[index]


def test_a_forced_client_side_apply_recreates_a_service_whose_class_changed() -> None:
    world = make_world()
    world.repos.push({"app": "lb-class/v1"})
    apply(world, application("kcp-bridge", "app", options=("ServerSideApply=true",)))
    world.tick(3)
    first = _service_uid(world)
    world.repos.push({"app": "lb-class/v2"})
    world.tick(3)
    live = world.api.peek(("", "Service", "demo", "alpha-shard-kcp"))
    assert live["spec"]["loadBalancerClass"] == "lb.example.com/internal"  # type: ignore[index]
    assert _service_uid(world) != first
    assert any("service/alpha-shard-kcp replaced" in r.get("message", "") for r in world.op("kcp-bridge")["syncResult"]["resources"])


def test_without_force_the_changed_class_fails_the_sync() -> None:
    world = make_world()
    world.repos.push({"app": "lb-class/v1"})
    apply(world, application("kcp-bridge", "app", options=("ServerSideApply=true",), retry={"limit": 0}))
    world.tick(3)
    first = _service_uid(world)
    world.repos.push({"app": "lb-class/v2-no-force"})
    world.tick(3)
    assert _service_uid(world) == first
    assert world.op("kcp-bridge")["phase"] == "Failed"
    assert "may not change once set" in world.op("kcp-bridge")["message"] + str(world.op("kcp-bridge")["syncResult"])
