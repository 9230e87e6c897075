"""The CronJob runner: cron schedules in simulated time, pods that cannot start, skips, and the REAL jobs end to end."""

from __future__ import annotations

import base64
import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from kcpgitops.rehearsal._git import GIT_TOKEN, GitRemote
from kcpgitops.rehearsal._jobs import CronJobs, CronSchedule, start_cluster_endpoint
from kcpgitops.rehearsal._world import Cluster, Fleet
from tests.bridge.bridge_testkit import pki
from tests.bridge.bridge_testkit.bundles import World

ROOT = Path(__file__).resolve().parents[2]
NAMESPACE = "kcp-zheng"


def rendered(directory: str, pattern: str) -> list[dict]:
    files = sorted((ROOT / directory).glob(pattern))
    assert files, f"nothing rendered matches {directory}/{pattern}"
    return [doc for f in files for doc in yaml.load_all(f.read_text(), Loader=yaml.CSafeLoader) if doc]


def secret(namespace: str, name: str, **data: bytes) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": name, "namespace": namespace},
        "type": "Opaque",
        "data": {k: base64.b64encode(v).decode() for k, v in data.items()},
    }


@dataclass
class Rig:
    """Cluster 1 with the rendered bridge, kcp-operator's bundles, a Git remote and the runner."""

    fleet: Fleet
    cluster: Cluster
    world: World
    remote: GitRemote
    jobs: CronJobs
    repo_url: str

    def advance(self, until: float, step: float = 15.0) -> None:
        while self.fleet.clock.now + step <= until:
            self.fleet.clock.now += step
            self.jobs.reconcile(self.cluster)

    def messages(self) -> list[str]:
        return [e.message for e in self.fleet.timeline.events if e.actor == "cronjob"]


@pytest.fixture(scope="module")
def sealing_pems() -> dict[str, bytes]:
    """Fresh sealing certificates (the rendered placeholders' validity depends on the day the tree was rendered)."""
    return {cluster: pki.sealing_cert(common_name=f"sealed-secret-{cluster}").cert_pem for cluster in ("cluster-2", "cluster-3")}


def build_rig(tmp_path: Path, sealing_pems: dict[str, bytes], *, git_secret: bool = True) -> Rig:
    fleet = Fleet()
    cluster = fleet.add_cluster("cluster-1")
    cluster.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}}, manager="kubectl")
    repo_url = ""
    for obj in rendered(f"dist/cluster-1/{NAMESPACE}", "*_kcp-bridge*.yaml"):
        if obj["kind"] == "ConfigMap":
            obj = copy.deepcopy(obj)
            obj["data"].update({f"{c}.pem": pem.decode() for c, pem in sealing_pems.items()})
            repo_url = yaml.load(obj["data"]["config.yaml"], Loader=yaml.CSafeLoader)["targets"][0]["repoURL"]
        cluster.api.apply(obj, manager="argocd")
    world = World()
    for obj in world.build().values():
        cluster.api.apply(obj, manager="kcp-operator")
    cluster.api.apply(secret(NAMESPACE, "kcp-bridge-hmac", key=b"hmac-key-for-the-rehearsal-0123456789"), manager="kubectl")
    if git_secret:
        cluster.api.apply(secret(NAMESPACE, "kcp-bridge-git", token=GIT_TOKEN.encode()), manager="kubectl")
    remote = GitRemote(tmp_path / "git", clock=fleet.clock).start()
    remote.commit({"README.md": b"kcp-zheng GitOps\n"}, "seed")
    server = start_cluster_endpoint(cluster)
    jobs = CronJobs(api_server=server, url_map={repo_url: remote.url}, git_head=remote.head, workdir=tmp_path / "jobs")
    return Rig(fleet, cluster, world, remote, jobs, repo_url)


@pytest.fixture
def rig(tmp_path: Path, sealing_pems: dict[str, bytes]) -> Iterator[Rig]:
    built = build_rig(tmp_path, sealing_pems)
    try:
        yield built
    finally:
        built.jobs.api_server.stop()
        built.remote.stop()


@pytest.fixture
def idle_rig(tmp_path: Path, sealing_pems: dict[str, bytes]) -> Iterator[Rig]:
    """A rig whose bridge pod cannot start (no Git credential): for scheduling rules, without running the bridge."""
    built = build_rig(tmp_path, sealing_pems, git_secret=False)
    try:
        yield built
    finally:
        built.jobs.api_server.stop()
        built.remote.stop()


def assert_sealed_only(rig: Rig, path: str) -> dict[str, bytes]:
    files = rig.remote.files(rig.remote.head(), path)
    assert files, f"nothing under {path}"
    kinds = {}
    for name, content in files.items():
        if name.endswith(".yaml"):
            kinds[name] = yaml.load(content, Loader=yaml.CSafeLoader)["kind"]
    assert "Secret" not in kinds.values(), "a plaintext Secret was committed"
    assert sum(kind == "SealedSecret" for kind in kinds.values()) >= 10
    assert set(kinds.values()) <= {"SealedSecret", "Deployment", "Service"}
    return files


def assert_no_plaintext(rig: Rig) -> None:
    haystacks = {
        "repository": b"".join((rig.remote.files(rig.remote.head(), "") or {}).values()),
        "timeline": "\n".join(rig.messages()).encode(),
        "job output": "\n".join(r.output for r in rig.jobs.runs(rig.cluster, "kcp-bridge")).encode(),
    }
    needles = rig.world.needles() | {GIT_TOKEN.encode(), b"hmac-key-for-the-rehearsal-0123456789"}
    for where, haystack in haystacks.items():
        leaked = [n[:16] for n in needles if n in haystack]
        assert not leaked, f"plaintext in {where}: {leaked[:3]}"


# -- the bridge, end to end ------------------------------------------------------------------------------------------


def test_the_bridge_cronjob_commits_sealed_secrets_only_under_each_shard_clusters_path(rig: Rig) -> None:
    seed = rig.remote.head()
    rig.advance(299)
    assert not rig.jobs.runs(rig.cluster, "kcp-bridge"), "*/5 first fires at 00:05"
    rig.advance(300)
    runs = rig.jobs.runs(rig.cluster, "kcp-bridge")
    assert [(r.time, r.exit_code, r.skipped) for r in runs] == [(300.0, 0, False)], runs[-1].output
    assert rig.remote.head() != seed
    assert_sealed_only(rig, "sealed/cluster-2")
    assert_sealed_only(rig, "sealed/cluster-3")
    assert_no_plaintext(rig)
    message = rig.messages()[-1]
    assert message.startswith("job kcp-bridge: exit 0: bridge: alpha (cluster-2): committed")
    assert "127.0.0.1" not in message and rig.repo_url in message, "the timeline shows the rendered URL, not the loopback port"
    status = rig.cluster.api.get("batch", "CronJob", NAMESPACE, "kcp-bridge")["status"]
    assert status == {"lastScheduleTime": "2026-01-01T00:05:00Z", "lastSuccessfulTime": "2026-01-01T00:05:00Z"}


def test_unchanged_inputs_are_skipped_and_a_changed_secret_runs_again(rig: Rig) -> None:
    rig.advance(900)
    runs = rig.jobs.runs(rig.cluster, "kcp-bridge")
    # 00:05 delivers; 00:10 runs once more (its own commit moved the Git head) and finds nothing to do; 00:15 is skipped.
    assert [(r.exit_code, r.skipped) for r in runs] == [(0, False), (0, False), (0, True)]
    assert "0 committed, 2 unchanged" in runs[1].output
    assert any("skipping until they change" in m for m in rig.messages())
    head = rig.remote.head()
    rig.world.generations["alpha-mounts-proxy"] = 2  # renewed on cluster 1: a Secret the bridge's Role names
    for obj in rig.world.build().values():
        rig.cluster.api.apply(obj, manager="cert-manager")
    rig.advance(1200)
    last = rig.jobs.runs(rig.cluster, "kcp-bridge")[-1]
    # Two files: the renewed Secret and the Deployment, whose pod-template fingerprint of that Secret changed with it.
    assert (last.exit_code, last.skipped) == (0, False) and "alpha (cluster-2): committed 2 file change(s)" in last.output
    assert rig.remote.head() != head


def test_a_missing_git_credential_keeps_the_pod_from_starting(idle_rig: Rig) -> None:
    seed = idle_rig.remote.head()
    idle_rig.advance(300)
    runs = idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge")
    assert [(r.started, r.exit_code) for r in runs] == [(False, None)]
    assert "job kcp-bridge: pod cannot start: secret kcp-zheng/kcp-bridge-git not found" in idle_rig.messages()
    assert idle_rig.remote.head() == seed
    status = idle_rig.cluster.api.get("batch", "CronJob", NAMESPACE, "kcp-bridge")["status"]
    assert status["active"][0]["name"].startswith("kcp-bridge-"), "the Job stays active while its pod waits for the volume"
    # The person creates the Secret within activeDeadlineSeconds: the waiting pod starts and delivers.
    idle_rig.cluster.api.apply(secret(NAMESPACE, "kcp-bridge-git", token=GIT_TOKEN.encode()), manager="kubectl")
    idle_rig.advance(420)
    assert idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge")[-1].exit_code == 0
    assert idle_rig.remote.head() != seed


def test_a_pod_that_never_starts_fails_its_job_at_the_deadline(idle_rig: Rig) -> None:
    idle_rig.advance(1200)
    assert any(m.startswith("job kcp-bridge: failed: DeadlineExceeded") for m in idle_rig.messages())
    # Forbid: while the 00:05 Job waits, 00:10 creates none; it fails at 00:15, which creates the next (that one blocks 00:20).
    runs = idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge")
    assert [r.started for r in runs] == [False] * len(runs) and len({r.job for r in runs}) == len(runs) == 2
    status = idle_rig.cluster.api.get("batch", "CronJob", NAMESPACE, "kcp-bridge")["status"]
    assert "lastSuccessfulTime" not in status


# -- kcp-ws-clusters -------------------------------------------------------------------------------------------------


def test_the_workspace_clusters_cronjob_writes_argo_cd_cluster_secrets_through_the_rendered_role(tmp_path: Path) -> None:
    from tests.kcp._support import issue, kcp_admin_kubeconfig, make_ca

    fleet = Fleet()
    cluster = fleet.add_cluster("cluster-1")
    for namespace in (NAMESPACE, "argocd"):
        cluster.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}, manager="kubectl")
    for obj in rendered("argocd/cluster-1/kcp-ws-clusters", "*/*.yaml"):
        cluster.api.apply(obj, manager="argocd")
    server = start_cluster_endpoint(cluster)
    try:
        jobs = CronJobs(
            api_server=server,
            url_map={},
            git_head=lambda: "",
            workdir=tmp_path / "jobs",
            resolve=lambda url: "https://front-proxy.rehearsal:6443",
        )
        fleet.clock.now = 300.0
        jobs.reconcile(cluster)
        first = jobs.runs(cluster, "kcp-ws-clusters")[0]
        assert first.exit_code == 1 and "kcp-admin-frontproxy does not exist yet" in first.output
        fleet.clock.now = 310.0  # the Job's second pod, after the 10 s back-off: nothing changed, so the same failure
        jobs.reconcile(cluster)
        assert [(r.exit_code, r.skipped) for r in jobs.runs(cluster, "kcp-ws-clusters")] == [(1, False), (1, True)]
        ca, key, cert = make_ca()
        kubeconfig = kcp_admin_kubeconfig(front_proxy="https://api.zheng.example.io:6443", ca=ca.cert, client=issue(key, cert, "admin"))
        cluster.api.apply(secret(NAMESPACE, "kcp-admin-frontproxy", kubeconfig=kubeconfig.encode()), manager="kcp-operator")
        fleet.clock.now = 600.0  # the next schedule: the Secret its Role names changed, so it runs
        jobs.reconcile(cluster)
        last = jobs.runs(cluster, "kcp-ws-clusters")[-1]
        assert last.exit_code == 0 and "8 workspaces: 8 created" in last.output
        assert "front-proxy.rehearsal" not in last.output, "the timeline shows the rendered URL"
        written = cluster.api.get("", "Secret", "argocd", "kcp-ws-root.provider")
        assert base64.b64decode(written["data"]["server"]).decode() == "https://front-proxy.rehearsal:6443/clusters/root:provider"
    finally:
        server.stop()


def test_a_dns_answer_keeps_the_rendered_front_proxy_url_and_a_url_replaces_it(tmp_path: Path) -> None:
    fleet = Fleet()
    server = start_cluster_endpoint(fleet.add_cluster("cluster-1"))
    try:
        args = ["--front-proxy-url", "https://api.zheng.example.io:6443"]
        for answer, expected in (("203.0.113.7", args[1]), (None, args[1]), ("https://127.0.0.1:6443", "https://127.0.0.1:6443")):
            jobs = CronJobs(api_server=server, url_map={}, git_head=lambda: "", workdir=tmp_path, resolve=lambda url, a=answer: a)
            assert jobs._front_proxy_flag(args)[0] == ["--front-proxy-url", expected]
    finally:
        server.stop()


# -- cron ------------------------------------------------------------------------------------------------------------


def test_cron_schedules_parse_steps_lists_ranges_and_names() -> None:
    every5 = CronSchedule.parse("*/5 * * * *")
    assert (every5.next_after(0), every5.next_after(299), every5.next_after(300)) == (300, 300, 600)
    weekdays = CronSchedule.parse("0 3 * * 1-5")  # 2026-01-01 is a Thursday
    assert weekdays.next_after(0) == 3 * 3600 and weekdays.next_after(3 * 3600) == 86400 + 3 * 3600
    assert weekdays.next_after(86400 + 3 * 3600) == 4 * 86400 + 3 * 3600, "Saturday and Sunday are skipped"
    listed = CronSchedule.parse("0,30 */2 * jan,jul *")
    assert [listed.next_after(t) for t in (0, 1800, 3600)] == [1800, 7200, 7200]
    assert CronSchedule.parse("@hourly").next_after(10) == 3600


def test_cron_day_of_month_and_day_of_week_match_either_unless_one_is_a_star() -> None:
    either = CronSchedule.parse("0 0 13 * 5")  # the 13th or any Friday: Friday 2026-01-02 comes first
    assert either.next_after(0) == 86400
    fridays = CronSchedule.parse("0 0 * * 5")
    assert fridays.next_after(86400) == 8 * 86400


@pytest.mark.parametrize("bad", ["*/0 * * * *", "61 * * * *", "* * * *", "0 0 32 * *", "x * * * *"])
def test_broken_cron_schedules_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        CronSchedule.parse(bad)


def test_only_the_most_recent_missed_schedule_creates_a_job(idle_rig: Rig) -> None:
    idle_rig.fleet.clock.now = 1000.0  # 00:05, 00:10 and 00:15 passed unseen
    idle_rig.jobs.reconcile(idle_rig.cluster)
    runs = idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge")
    assert len(runs) == 1 and runs[0].job == f"kcp-bridge-{(1767225600 + 900) // 60}"
    assert idle_rig.cluster.api.get("batch", "CronJob", NAMESPACE, "kcp-bridge")["status"]["lastScheduleTime"] == "2026-01-01T00:15:00Z"


def test_a_starting_deadline_drops_schedules_missed_by_longer(idle_rig: Rig) -> None:
    cronjob = idle_rig.cluster.api.get("batch", "CronJob", NAMESPACE, "kcp-bridge")
    cronjob["spec"]["startingDeadlineSeconds"] = 60
    idle_rig.cluster.api.apply(cronjob, manager="argocd")
    idle_rig.fleet.clock.now = 1000.0  # 00:15 was 100 s ago: too late
    idle_rig.jobs.reconcile(idle_rig.cluster)
    assert idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge") == []
    idle_rig.fleet.clock.now = 1210.0
    idle_rig.jobs.reconcile(idle_rig.cluster)
    assert len(idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge")) == 1


def test_a_suspended_cronjob_runs_nothing(idle_rig: Rig) -> None:
    cronjob = idle_rig.cluster.api.get("batch", "CronJob", NAMESPACE, "kcp-bridge")
    cronjob["spec"]["suspend"] = True
    idle_rig.cluster.api.apply(cronjob, manager="argocd")
    idle_rig.advance(900)
    assert idle_rig.jobs.runs(idle_rig.cluster, "kcp-bridge") == []
