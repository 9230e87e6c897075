"""The model of kcp behind the front-proxy: shard registration, workspace scheduling, APIs, and the endpoint Argo CD uses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.health import run_health_lua
from kcpgitops.rehearsal._api import ClusterApi
from kcpgitops.rehearsal._controllers.kcp_operator import (
    proxy_deployment,
    proxy_service,
    root_shard_deployment,
    root_shard_service,
    shard_deployment,
    shard_service,
)
from kcpgitops.rehearsal._kcp import KcpModel
from kcpgitops.rehearsal._world import Cluster, Fleet

FIXTURES = Path(__file__).parent / "fixtures" / "kcp_operator"
LUA = Path(__file__).resolve().parents[2] / "charts" / "kcp_inside" / "lua"
NS = "kcp-zheng"
DOMAIN = "zheng.example.io"
API = f"https://api.{DOMAIN}:6443"
ROOT_SPEC = {"external": {"hostname": f"api.{DOMAIN}", "port": 6443}, "shardBaseURL": f"https://root.{DOMAIN}:6443", "replicas": 2}
ALPHA_SPEC = {"shardBaseURL": f"https://alpha.{DOMAIN}:6443", "replicas": 2}


def _docs(name: str) -> list[dict]:
    return list(yaml.load_all((FIXTURES / "kcp" / name).read_text(), Loader=yaml.CSafeLoader))


class Kcp:
    """Two clusters running kcp as kcp-operator renders it: root shard and front-proxy on cluster-1, alpha on cluster-2."""

    def __init__(self) -> None:
        self.fleet = Fleet()
        self.one = self.fleet.add_cluster("cluster-1")
        self.two = self.fleet.add_cluster("cluster-2")
        for cluster in (self.one, self.two):
            cluster.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS}}, manager="test")
        self.kcp = KcpModel(fleet=self.fleet)

    def run(self, cluster: Cluster, deployment: dict, service: dict, *, ready: bool = True) -> None:
        """Apply a Deployment and its Service, with pods ready (or not) and a load-balancer address."""
        cluster.api.apply(deployment, manager="test")
        key = ("apps", "Deployment", NS, deployment["metadata"]["name"])
        want = deployment["spec"]["replicas"] if ready else 0
        cluster.api.set_status(key, {"replicas": want, "readyReplicas": want, "updatedReplicas": want})
        cluster.api.apply(service, manager="test")
        address = f"203.0.113.{len(cluster.api.keys()) % 250}"
        cluster.api.set_status(("", "Service", NS, service["metadata"]["name"]), {"loadBalancer": {"ingress": [{"ip": address}]}})

    def root(self, *, ready: bool = True) -> None:
        self.run(
            self.one,
            root_shard_deployment("root", NS, ROOT_SPEC, ["alpha"]),
            _lb(root_shard_service("root", NS, {}), "root-kcp"),
            ready=ready,
        )

    def front_proxy(self, *, ready: bool = True) -> None:
        fp = {"external": {"hostname": f"api.{DOMAIN}", "port": 6443}}
        self.run(
            self.one,
            proxy_deployment("root", NS, ROOT_SPEC, "frontproxy", fp),
            proxy_service("root", NS, ROOT_SPEC, "frontproxy", fp),
            ready=ready,
        )

    def alpha(self, *, ready: bool = True) -> None:
        self.run(
            self.two,
            shard_deployment("alpha", NS, ALPHA_SPEC, "root", ROOT_SPEC, ["alpha"]),
            shard_service("alpha", NS, ALPHA_SPEC),
            ready=ready,
        )

    def dns(self, host: str, cluster: Cluster, service: str) -> None:
        self.fleet.dns[f"{host}.{DOMAIN}"] = (cluster.name, ("", "Service", NS, service))

    def everything(self) -> None:
        self.root()
        self.front_proxy()
        self.alpha()
        self.dns("api", self.one, "frontproxy-front-proxy")
        self.dns("root", self.one, "root-kcp")
        self.dns("alpha", self.two, "alpha-shard-kcp")
        self.reconcile()

    def reconcile(self) -> None:
        self.fleet.clock.now += 5
        self.kcp.reconcile(self.fleet)

    def apply(self, path: str, docs: list[dict]) -> None:
        api = self.kcp.endpoint(f"{API}/clusters/{path}")
        assert isinstance(api, ClusterApi), api
        for doc in docs:
            api.apply(doc, manager="argocd")
        self.reconcile()

    def get(self, path: str, kind: str, name: str, group: str = "apis.kcp.io") -> dict:
        api = self.kcp.api(path)
        assert api is not None
        obj = api.get(group, kind, "", name)
        assert obj is not None
        return obj


def _lb(service: dict, name: str) -> dict:
    service["spec"]["type"] = "LoadBalancer"
    assert service["metadata"]["name"] == name
    return service


def _health(kind: str, obj: dict) -> str:
    script = (LUA / f"{'tenancy.kcp.io' if kind == 'Workspace' else 'apis.kcp.io'}_{kind}.lua").read_text()
    return run_health_lua(script, obj)["status"]


@pytest.fixture
def kcp() -> Kcp:
    world = Kcp()
    world.everything()
    return world


def test_workspace_is_not_ready_while_its_shard_is_missing() -> None:
    world = Kcp()
    world.root()
    world.front_proxy()
    world.dns("api", world.one, "frontproxy-front-proxy")
    world.dns("root", world.one, "root-kcp")
    world.reconcile()
    world.apply("root", _docs("root.yaml"))
    workspace = world.get("root", "Workspace", "consumer-alpha", "tenancy.kcp.io")
    assert workspace["status"]["phase"] == "Unavailable"
    scheduled = next(c for c in workspace["status"]["conditions"] if c["type"] == "WorkspaceScheduled")
    assert (scheduled["status"], scheduled["reason"], scheduled["message"]) == (
        "False",
        "Unschedulable",
        "No available shards to schedule the workspace",
    )
    # Unavailable while unschedulable is a retried state (kcp schedules it once a shard matches): Progressing, not Degraded.
    assert _health("Workspace", workspace) == "Progressing"
    assert "is not Ready (phase Unavailable" in world.kcp.endpoint(f"{API}/clusters/root:consumer-alpha")
    assert world.get("root", "Workspace", "provider", "tenancy.kcp.io")["status"]["phase"] == "Ready"  # root shard matches
    # The alpha shard comes up on cluster 2, reaches the root shard and registers; the workspace is scheduled onto it.
    world.alpha()
    world.dns("alpha", world.two, "alpha-shard-kcp")
    world.reconcile()
    workspace = world.get("root", "Workspace", "consumer-alpha", "tenancy.kcp.io")
    assert workspace["status"]["phase"] == "Ready" and _health("Workspace", workspace) == "Healthy"
    assert isinstance(world.kcp.endpoint(f"{API}/clusters/root:consumer-alpha"), ClusterApi)


def test_shard_registers_only_once_it_reaches_the_root_shard() -> None:
    world = Kcp()
    world.root()
    world.alpha()
    world.reconcile()
    assert set(world.kcp.shards()) == {"root"}, "alpha cannot resolve root.<domain> yet"
    world.dns("root", world.one, "root-kcp")
    world.reconcile()
    shards = world.kcp.shards()
    assert set(shards) == {"root", "alpha"} and shards["alpha"] is not None and shards["alpha"].cluster == "cluster-2"
    registered = world.get("root", "Shard", "alpha", "core.kcp.io")
    assert registered["metadata"]["labels"] == {"name": "alpha"} and registered["spec"]["externalURL"] == API


def test_apibinding_is_bound_only_once_its_export_exists(kcp: Kcp) -> None:
    kcp.apply("root", _docs("root.yaml"))
    kcp.apply("root:consumer-alpha", _docs("root-consumer-alpha.yaml"))
    binding = kcp.get("root:consumer-alpha", "APIBinding", "cowboys")
    assert binding["status"]["phase"] == "Binding"
    valid = next(c for c in binding["status"]["conditions"] if c["type"] == "APIExportValid")
    assert (valid["status"], valid["reason"], valid["message"]) == (
        "False",
        "APIExportNotFound",
        "APIExport root:provider|cowboys not found",
    )
    assert _health("APIBinding", binding) == "Progressing"
    kcp.apply("root:provider", _docs("root-provider.yaml"))
    export = kcp.get("root:provider", "APIExport", "cowboys")
    assert len(export["status"]["identityHash"]) == 64
    binding = kcp.get("root:consumer-alpha", "APIBinding", "cowboys")
    assert binding["status"]["phase"] == "Bound" and _health("APIBinding", binding) == "Healthy"
    assert binding["status"]["boundResources"][0]["schema"]["identityHash"] == export["status"]["identityHash"]


def test_endpoint_fails_until_dns_front_proxy_and_root_shard_are_up() -> None:
    world = Kcp()
    url = f"{API}/clusters/root"
    assert "no such host" in world.kcp.endpoint(url)
    world.front_proxy(ready=False)
    world.dns("api", world.one, "frontproxy-front-proxy")
    assert "has no ready pods" in world.kcp.endpoint(url)
    world.front_proxy()
    assert "root shard has not come up" in world.kcp.endpoint(url)
    world.root()
    world.reconcile()
    # The front-proxy reaches the root shard at its shardBaseURL, a public name like everyone else.
    assert "shard root serving workspace root is not reachable: root.zheng.example.io does not resolve" in world.kcp.endpoint(url)
    world.dns("root", world.one, "root-kcp")
    assert isinstance(world.kcp.endpoint(url), ClusterApi)
    assert "connection refused" in world.kcp.endpoint(f"https://api.{DOMAIN}:443/clusters/root")
    assert "does not exist" in world.kcp.endpoint(f"{API}/clusters/root:nowhere")


def test_workspace_on_another_shard_keeps_serving_while_the_root_shard_is_down(kcp: Kcp) -> None:
    kcp.apply("root", _docs("root.yaml"))
    kcp.root(ready=False)
    kcp.reconcile()
    assert isinstance(kcp.kcp.endpoint(f"{API}/clusters/root:consumer-alpha"), ClusterApi)  # the guide's HA test
    assert "no ready pods" in kcp.kcp.endpoint(f"{API}/clusters/root:provider")
    kcp.alpha(ready=False)
    kcp.reconcile()
    assert "shard alpha serving workspace root:consumer-alpha is not reachable" in kcp.kcp.endpoint(f"{API}/clusters/root:consumer-alpha")


def test_partition_set_generates_one_partition_per_dimension_value(kcp: Kcp) -> None:
    kcp.apply("root", _docs("root.yaml"))
    api = kcp.kcp.api("root")
    assert api is not None
    generated = [p for p in api.iter("topology.kcp.io", "Partition") if p["metadata"].get("ownerReferences")]
    assert sorted(p["spec"]["selector"]["matchLabels"]["name"] for p in generated) == ["alpha", "root"]
    assert all(p["metadata"]["name"].startswith(f"cloud-regions-{p['spec']['selector']['matchLabels']['name']}-") for p in generated)
    partition_set = kcp.get("root", "PartitionSet", "cloud-regions", "topology.kcp.io")
    assert partition_set["status"]["count"] == 2


def test_endpoint_slice_lists_partition_shards_that_host_consumers(kcp: Kcp) -> None:
    kcp.apply("root", _docs("root.yaml"))
    kcp.apply("root:provider", _docs("root-provider.yaml"))
    slice_ = kcp.get("root:provider", "APIExportEndpointSlice", "cowboys-alpha")
    assert slice_["status"]["shardSelector"] == "name=alpha" and "endpoints" not in slice_["status"]
    kcp.apply("root:consumer-alpha", _docs("root-consumer-alpha.yaml"))
    slice_ = kcp.get("root:provider", "APIExportEndpointSlice", "cowboys-alpha")
    cluster = kcp.get("root", "Workspace", "provider", "tenancy.kcp.io")["status"]["cluster"]
    assert slice_["status"]["endpoints"] == [{"url": f"https://alpha.{DOMAIN}:6443/services/apiexport/{cluster}/cowboys"}]


def test_forgotten_shard_makes_its_workspaces_unavailable(kcp: Kcp) -> None:
    kcp.apply("root", _docs("root.yaml"))
    kcp.kcp.forget_shard("alpha")
    kcp.reconcile()
    workspace = kcp.get("root", "Workspace", "consumer-alpha", "tenancy.kcp.io")
    assert workspace["status"]["phase"] == "Unavailable"
    assert 'chosen shard "alpha" does not exist anymore' in next(
        c["message"] for c in workspace["status"]["conditions"] if c["status"] == "False"
    )
    assert "alpha" not in kcp.kcp.shards()  # the running process does not register again until it restarts


def test_deleted_workspace_takes_its_logical_cluster_with_it(kcp: Kcp) -> None:
    kcp.apply("root", _docs("root.yaml"))
    kcp.apply("root:provider", _docs("root-provider.yaml"))
    root = kcp.kcp.api("root")
    assert root is not None
    root.delete(("tenancy.kcp.io", "Workspace", "", "provider"))
    kcp.reconcile()
    assert kcp.kcp.api("root:provider") is None
    assert "does not exist" in kcp.kcp.endpoint(f"{API}/clusters/root:provider")


def test_front_proxy_address_follows_dns(kcp: Kcp) -> None:
    assert (kcp.kcp.front_proxy_address(f"api.{DOMAIN}") or "").startswith("203.0.113.")
    assert kcp.kcp.front_proxy_address(f"{API}/clusters/root") == kcp.kcp.front_proxy_address(f"api.{DOMAIN}")
    assert kcp.kcp.front_proxy_address("nowhere.example") is None
