"""The rehearsal engine: builds the fleet from a rendered tree, advances simulated time, judges convergence.

One `Rehearsal` is one scenario's world: a working copy of the tree, a real Git remote on loopback holding it, one
in-memory API per cluster with its Argo CD and controller stand-ins, cluster 1's API served over HTTPS for the real
jobs, and the kcp model behind the front-proxy. Time advances in ticks (5 s, stretched up to 30 s while nothing
changes); each tick every cluster's controllers reconcile once in a fixed order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kcpgitops.topology import Topology

from ._api import Key, describe, key_of
from ._apiserver import LoopbackApiServer
from ._argocd import ArgoCd
from ._charts import CERT_MANAGER, ETCD_DRUID, SEALED_SECRETS, PinnedCharts
from ._controllers.cert_manager import CertManager
from ._controllers.etcd_druid import EtcdDruid
from ._controllers.kcp_operator import KcpOperator
from ._controllers.sealed_secrets import SealedSecretsController
from ._controllers.workloads import Workloads, pod_blockers
from ._git import GitRemote
from ._health import health_overrides, resource_health, stored_health
from ._jobs import CronJobs
from ._kcp import KcpModel
from ._repo import WorkingCopy
from ._world import Cluster, Fleet

__all__ = ["Rehearsal", "Stall"]

TICK = 5.0
"""Seconds of simulated time per tick while things change."""
MAX_TICK = 30.0
"""Longest tick while nothing changes."""
APP_NAMESPACE = "argocd"


@dataclass(frozen=True)
class Stall:
    """Why one cluster has not converged."""

    cluster: str
    """The cluster."""
    stuck: str
    """The stuck object (`Kind.group namespace/name`) or the step that cannot happen."""
    why: str
    """Why it is stuck, in the words of its health check, condition or controller."""
    waiting: str
    """Which wave of which Application waits on it (or "-" when nothing waits)."""

    def message(self) -> str:
        """One line for people."""
        return f"{self.cluster}: {self.stuck} is stuck: {self.why} (waited on by {self.waiting})"

    def as_dict(self) -> dict:
        """JSON form."""
        return {"cluster": self.cluster, "stuck": self.stuck, "why": self.why, "waiting": self.waiting}


@dataclass
class Rehearsal:
    """One scenario's world."""

    source: Path
    """The repository copy under test (holds dist/, argocd/ and the topology)."""
    topology_file: Path
    """The topology file (absolute, or relative to `source`)."""
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kcp-rehearsal-")))
    """Scratch space: the working copy, the bare Git repository, the jobs' files."""
    fleet: Fleet = field(default_factory=Fleet)
    """Clusters, clock, timeline, DNS."""
    copy: WorkingCopy | None = None
    remote: GitRemote | None = None
    kcp: KcpModel | None = None
    argo: dict[str, ArgoCd] = field(default_factory=dict)
    api_servers: dict[str, LoopbackApiServer] = field(default_factory=dict)
    cronjobs: dict[str, CronJobs] = field(default_factory=dict)
    sealed_secrets: dict[str, SealedSecretsController] = field(default_factory=dict)
    workloads: Workloads | None = None
    degraded: dict[tuple[str, str], str] = field(default_factory=dict)
    """(cluster, Application) -> message, for every child Application its parent ever judged Degraded (a Degraded
    child fails the parent's wave: gitops-engine@v3.5.1 sync_context.go Sync() marks the running task failed)."""
    _judged: dict[tuple[str, str], str] = field(default_factory=dict)
    rendered_before: dict[str, bytes] = field(default_factory=dict)
    """What the generator made of the tree's own certificates (the base of the person's re-render delta)."""

    # -- set-up ----------------------------------------------------------------------------------------------

    def start(self) -> Rehearsal:
        """Copy the tree, start the Git remote with it, and create every (empty) cluster with its actors."""
        self.copy = WorkingCopy.copy_of(self.source, self.topology_file, self.workdir / "repo")
        topology = self.topology
        self.remote = GitRemote(self.workdir / "git", clock=self.fleet.clock).start()
        self.remote.commit(self.copy.files(), "the tree under test")
        self.fleet.log("git", "pushed the tree under test")
        self.kcp = KcpModel(fleet=self.fleet, topology=topology)
        # The pinned charts are served where the topology's `images.charts` says (default upstream's), as a chart mirror
        # the person filled holds them; nowhere else, as in an air-gapped cluster.
        where = topology.images.charts
        served = {CERT_MANAGER.chart: where.cert_manager, SEALED_SECRETS.chart: where.sealed_secrets, ETCD_DRUID.chart: where.etcd_druid}
        self._charts = PinnedCharts(charts=tuple(replace(ref, repo_url=served[ref.chart]) for ref in PinnedCharts().charts))
        remotes = {c.git.repo_url: self.remote for c in topology.clusters}
        self._repos = self.remote.repos(remotes)
        self._url_map = {c.git.repo_url: self.remote.url for c in topology.clusters}
        self.workloads = Workloads()
        for spec in topology.clusters:
            self.fleet.add_cluster(spec.name)
            self.attach(spec.name)
        return self

    def attach(self, name: str) -> None:
        """Give an (empty) cluster of the fleet its Argo CD, controllers, loopback API and CronJob runner."""
        assert self.kcp is not None and self.remote is not None and self.workloads is not None
        cluster = self.fleet.clusters[name]
        cluster.api.webhook_ready = _webhook_backend_ready(cluster)
        argo = ArgoCd(namespace=self.topology.argocd.namespace, repos=self._repos, charts=self._charts, remote=self.kcp.endpoint)
        self.argo[name] = argo
        sealed = SealedSecretsController()
        self.sealed_secrets[name] = sealed
        server = LoopbackApiServer(cluster.api).start()
        self.api_servers[name] = server
        jobs = CronJobs(api_server=server, url_map=self._url_map, git_head=self.remote.head, workdir=self.workdir / "jobs" / name,
                        resolve=self.kcp.front_proxy_address)
        self.cronjobs[name] = jobs
        cluster.controllers = [argo, CertManager(), sealed, EtcdDruid(), KcpOperator(), self.workloads, jobs]

    def stop(self) -> None:
        """Stop the loopback servers."""
        for server in self.api_servers.values():
            server.stop()
        if self.remote is not None:
            self.remote.stop()

    @property
    def topology(self) -> Topology:
        """The working copy's topology (it changes in day-2 scenarios)."""
        assert self.copy is not None
        return self.copy.topology

    # -- time ------------------------------------------------------------------------------------------------

    def tick(self, step: float = TICK) -> bool:
        """Advance the clock by `step` and let every actor act once; return whether anything changed."""
        before = self._revision()
        self.fleet.clock.now += step
        for cluster in self.fleet.clusters.values():
            for controller in cluster.controllers:
                controller.reconcile(cluster)
        assert self.kcp is not None
        self.kcp.reconcile(self.fleet)
        self._watch_degraded()
        return self._revision() != before

    def _watch_degraded(self) -> None:
        """Judge every Application with the cluster's live health checks, as its parent does, and remember Degraded."""
        for name, cluster in self.fleet.clusters.items():
            namespace = self.argo[name].namespace  # where this cluster's Argo CD runs (read on every tick)
            cm = cluster.api.peek(("", "ConfigMap", namespace, "argocd-cm")) or {"metadata": {}}
            version = cm["metadata"].get("resourceVersion", "")
            lua = None
            for app in cluster.api.iter("argoproj.io", "Application", namespace):
                memo = (name, app["metadata"]["name"])
                stamp = f"{app['metadata'].get('resourceVersion')}/{version}"
                if self._judged.get(memo) == stamp:
                    continue
                self._judged[memo] = stamp
                lua = lua if lua is not None else health_overrides(cm.get("data"))
                health = stored_health(app, lua)  # the verdict the parent's comparison may have reached already
                if health is not None and health.status == "Degraded" and memo not in self.degraded:
                    self.degraded[memo] = health.message
                    cluster.log("argocd", f"Application {memo[1]} judged Degraded by its parent's health check: {health.message}")

    def run_until(self, done: Callable[[], bool], *, limit: float, quiet: float = 1800.0) -> bool:
        """Tick until `done()`, `limit` simulated seconds, or `quiet` seconds without any change; return done()."""
        deadline = self.fleet.clock.now + limit
        still_since = self.fleet.clock.now
        step = TICK
        while self.fleet.clock.now < deadline:
            if done():
                return True
            changed = self.tick(step)
            if changed:
                still_since, step = self.fleet.clock.now, TICK
            else:
                step = min(step * 2, MAX_TICK)
                if self.fleet.clock.now - still_since >= quiet:
                    break
        return done()

    def _revision(self) -> tuple:
        return (*tuple(c.api.revision for c in self.fleet.clusters.values()), self.kcp.revision if self.kcp else 0)

    # -- judging ---------------------------------------------------------------------------------------------

    def stalls(self) -> list[Stall]:
        """Why the fleet has not converged, one entry per stuck cluster (empty when converged)."""
        out = []
        topology = self.topology  # read once: nothing edits it while the fleet is judged (every tick)
        for name, cluster in self.fleet.clusters.items():
            stall = self._cluster_stall(name, cluster, topology)
            if stall is not None:
                out.append(stall)
        return out

    def converged(self) -> bool:
        """Every Application Synced and Healthy; every kcp Deployment ready on its own cluster."""
        return not self.stalls()

    def _cluster_stall(self, name: str, cluster: Cluster, topology: Topology) -> Stall | None:
        argo = self.argo[name]
        stale = self._behind_git(name, cluster, topology)
        if stale is not None:
            return stale
        blockers = argo.blockers(cluster)
        if blockers:
            return self._follow(name, cluster, blockers)
        apps = list(cluster.api.iter("argoproj.io", "Application", topology.argocd.namespace))
        if not apps:
            return Stall(name, "Application app-of-apps", "no Application exists: the bootstrap was not applied", "-")
        for stuck in self._kcp_workloads_not_ready(name, cluster, topology):
            return stuck
        return None

    def _behind_git(self, name: str, cluster: Cluster, topology: Topology) -> Stall | None:
        """An Application whose Git source has a newer commit than the one it is synced to: not converged yet."""
        assert self.remote is not None
        for app in cluster.api.iter("argoproj.io", "Application", topology.argocd.namespace):
            source = (app.get("spec") or {}).get("source") or {}
            if "path" not in source:
                continue
            head = self._repos.resolve(source.get("repoURL", ""), source.get("targetRevision", "HEAD"))
            synced = (((app.get("status") or {}).get("sync") or {}).get("revision")) or ""
            if head and synced != head:
                return Stall(name, f"Application {app['metadata']['name']}", "not synced to the latest commit yet", "-")
        return None

    def _follow(self, name: str, cluster: Cluster, blockers: list) -> Stall:
        """Walk from the first blocked Application down to the object that blocks it, detecting cycles."""
        by_app = {b.application: b for b in blockers}
        first = blockers[0]
        for blocker in blockers:  # the root of the chain: an Application no other blocked Application waits on
            waited = any(obj.key == ("argoproj.io", "Application", blocker.namespace, blocker.application)
                         for other in blockers for obj in other.objects)
            if not waited:
                first = blocker
                break
        path = [first.application]
        current = first
        while True:
            if not current.objects:
                return Stall(name, f"Application {current.application}", current.reason, self._chain(path[:-1]) or "-")
            child = next((o for o in current.objects if o.key[1] == "Application" and o.key[0] == "argoproj.io"), None)
            if child is None:
                obj = current.objects[0]
                key, why = self._root_cause(cluster, obj.key, f"{obj.status}: {obj.message or obj.status}")
                return Stall(name, describe(key), why, f"{current.where} of Application {current.application}" +
                             (f" (under {self._chain(path[:-1])})" if len(path) > 1 else ""))
            child_name = child.key[3]
            if child_name in path:
                cycle = " -> ".join([*path[path.index(child_name):], child_name])
                return Stall(name, describe(child.key), f"dependency cycle between Applications: {cycle}; {child.message or child.status}",
                             f"{current.where} of Application {current.application}")
            path.append(child_name)
            nxt = by_app.get(child_name)
            if nxt is None:
                live = cluster.api.peek(child.key)
                why = child.message or child.status
                conditions = ((live or {}).get("status") or {}).get("conditions") or []
                if conditions:
                    why = "; ".join(f"{c.get('type')}: {c.get('message')}" for c in conditions)
                return Stall(name, describe(child.key), f"{child.status}: {why}", f"{current.where} of Application {current.application}")
            current = nxt

    def _root_cause(self, cluster: Cluster, key: Key, why: str) -> tuple[Key, str]:
        """Walk from a stuck object to what keeps it stuck: an unhealthy object it owns, or what should produce a
        Secret its pods lack (a SealedSecret, a Certificate), as a person reading `kubectl describe` would."""
        lua = health_overrides((cluster.api.peek(("", "ConfigMap", self.argo[cluster.name].namespace, "argocd-cm")) or {}).get("data"))
        seen = {key}
        while True:
            live = cluster.api.peek(key)
            if live is None:
                return key, why
            found = self._unhealthy_cause(cluster, live, lua)
            if found is None or found[0] in seen:
                explained = [c for c in cluster.controllers if isinstance(c, (CertManager, EtcdDruid))]
                for controller in explained:
                    if (key[1], controller.__class__) in (("Certificate", CertManager), ("Etcd", EtcdDruid)):
                        reasons = controller.blockers(cluster, live)
                        if reasons:
                            why = f"{why}; {'; '.join(reasons)}"
                if live and key[1] in ("Deployment", "StatefulSet"):
                    missing = pod_blockers(cluster, live)
                    if missing:
                        why = f"{why}; pods cannot start: {'; '.join(missing[:4])}" + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
                return key, why
            key, why = found
            seen.add(key)

    def _unhealthy_cause(self, cluster: Cluster, live: dict, lua: dict) -> tuple[Key, str] | None:
        candidates: list[dict] = []
        uid = live["metadata"].get("uid")
        namespace = live["metadata"].get("namespace", "")
        if live["kind"] in ("Deployment", "StatefulSet"):
            for missing in pod_blockers(cluster, live):
                words = missing.split()
                if len(words) >= 2 and words[0] == "Secret" and "/" in words[1]:
                    ns, secret = words[1].split("/", 1)
                    candidates += [o for o in cluster.api.iter("bitnami.com", "SealedSecret", ns) if o["metadata"]["name"] == secret]
                    candidates += [o for o in cluster.api.iter("cert-manager.io", "Certificate", ns) if (o.get("spec") or {}).get("secretName") == secret]
        if live["kind"] in ("Issuer", "ClusterIssuer"):
            # A CA issuer signs with the key pair in spec.ca.secretName: the Certificate issuing it is what it waits for.
            secret = ((live.get("spec") or {}).get("ca") or {}).get("secretName")
            where = namespace if live["kind"] == "Issuer" else "cert-manager"
            if secret:
                candidates += [o for o in cluster.api.iter("cert-manager.io", "Certificate", where) if (o.get("spec") or {}).get("secretName") == secret]
        # A workload's own ReplicaSets or pods say no more than its pod blockers do: stop at the workload.
        if uid and live["kind"] not in ("Deployment", "StatefulSet"):
            every = cluster.api.keys()
            for key in every:
                if key[2] != namespace and key[2]:
                    continue
                obj = cluster.api.peek(key)
                if obj and any(ref.get("uid") == uid for ref in obj["metadata"].get("ownerReferences") or []):
                    candidates.append(obj)
        worst = None
        for obj in candidates:
            health = resource_health(obj, lua)
            if health is None or health[0] == "Healthy":
                continue
            rank = 0 if health[0] == "Degraded" else 1
            if worst is None or rank < worst[0]:
                worst = (rank, key_of(obj), f"{health[0]}: {health[1]}")
        return (worst[1], worst[2]) if worst else None

    @staticmethod
    def _chain(path: list[str]) -> str:
        return " -> ".join(f"Application {p}" for p in path)

    def _bridge_state(self) -> str:
        """What the bridge's last run on the root cluster says (its pod may not start, or it may fail)."""
        root = self.topology.root_shard.cluster
        runs = self.cronjobs[root].runs(root, "kcp-bridge") if root in self.cronjobs else []
        if not runs:
            return "the kcp-bridge CronJob has not run yet"
        last = next((r for r in reversed(runs) if not r.skipped), runs[-1])  # a skipped run repeats the last outcome, silently
        lines = [line for line in last.output.splitlines() if line.strip()]
        detail = "; ".join(line.strip() for line in lines if "error" in line.lower() or "fail" in line.lower() or "cannot" in line.lower())
        verdict = "its pod could not start" if not last.started else f"it exited {last.exit_code}"
        if last.started and last.exit_code == 0:
            return "the bridge's last run succeeded; Argo CD has not synced what it committed yet"
        return f"the bridge's last run: {verdict}: {detail or (lines[-1] if lines else 'no output')}"[:600]

    def _kcp_workloads_not_ready(self, name: str, cluster: Cluster, topology: Topology):
        namespace = topology.namespace
        for shard in topology.shards_on(name):
            if shard.name == topology.root_shard.name:
                continue
            key: Key = ("apps", "Deployment", namespace, f"{shard.name}-shard-kcp")
            live = cluster.api.peek(key)
            if live is None:
                yield Stall(name, describe(key), "not delivered to its cluster yet: " + self._bridge_state(), "the shard's rollout")
                return
            if not cluster.deployment_ready(namespace, key[3]):
                yield Stall(name, describe(key), "pods not ready: " + ("; ".join(pod_blockers(cluster, live)) or "starting"), "the shard's rollout")
                return
        for deployment in cluster.api.iter("apps", "Deployment", namespace):
            want = (deployment.get("spec") or {}).get("replicas", 1)
            if want and not cluster.deployment_ready(namespace, deployment["metadata"]["name"]):
                key = ("apps", "Deployment", namespace, deployment["metadata"]["name"])
                yield Stall(name, describe(key), "pods not ready: " + ("; ".join(pod_blockers(cluster, deployment)) or "starting"), "-")
                return


def _webhook_backend_ready(cluster: Cluster) -> Callable[[str, str], bool]:
    """Whether a webhook Service has ready pods: the Deployment its selector picks is ready."""

    def ready(namespace: str, name: str) -> bool:
        service = cluster.api.peek(("", "Service", namespace, name))
        selector = ((service or {}).get("spec") or {}).get("selector") or {}
        if not selector:
            return False
        for deployment in cluster.api.iter("apps", "Deployment", namespace):
            labels = ((deployment["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}
            if all(labels.get(k) == v for k, v in selector.items()):
                return cluster.deployment_ready(namespace, deployment["metadata"]["name"])
        return False

    return ready

