"""The kcp-operator v0.9.0 stand-in: what it creates, the bundle feature, and the status quirks v0.9.0 has.

cert-manager and the kubelet are stubbed here: a Certificate gets a placeholder Secret and Ready with a revision,
a Deployment gets as many ready replicas as it asks for.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path

import pytest
import yaml

from kcpgitops.rehearsal._controllers.kcp_operator import KcpOperator, operator_flags
from kcpgitops.rehearsal._world import Cluster, Fleet
from kcpgitops.yaml_cache import load_documents
from kcpmodel import bundle_key, bundle_objects, revision_label, shard_deployment, shard_secret_mounts, supports_mounts_proxy

FIXTURES = Path(__file__).parent / "fixtures" / "kcp_operator"
VENDOR = Path(__file__).resolve().parents[2] / "vendor" / "crds"
NS = "kcp-zheng"
OP = "operator.kcp.io"


def _crds() -> list[dict]:
    out = []
    for directory in ("kcp-operator-v0.9.0", "cert-manager-v1.18.6"):
        for path in sorted((VENDOR / directory).glob("*.yaml")):
            for doc in load_documents(path):
                if doc and doc.get("kind") == "CustomResourceDefinition":
                    spec = doc["spec"]
                    out.append(
                        {
                            "apiVersion": "apiextensions.k8s.io/v1",
                            "kind": "CustomResourceDefinition",
                            "metadata": {"name": doc["metadata"]["name"]},
                            "spec": {
                                "group": spec["group"],
                                "names": spec["names"],
                                "scope": spec["scope"],
                                "versions": [
                                    {"name": v["name"], "served": True, "storage": v.get("storage", False)} for v in spec["versions"]
                                ],
                            },
                        }
                    )
    return out


class Stubs:
    """cert-manager and the kubelet, reduced to what the operator reads back."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.revisions: dict[str, int] = {}
        self.certificates = True
        """Whether cert-manager issues what is asked for."""
        self.kubelet = True
        """Whether pods become ready."""

    def issue(self, name: str) -> None:
        """(Re)issue one Certificate: new placeholder Secret content, next revision, Ready."""
        api = self.cluster.api
        cert = api.get("cert-manager.io", "Certificate", NS, name)
        self.revisions[name] = self.revisions.get(name, 0) + 1
        pem = f"-----BEGIN CERTIFICATE-----\n{name}/{self.revisions[name]}\n-----END CERTIFICATE-----\n".encode()
        data = {k: base64.b64encode(pem).decode() for k in ("ca.crt", "tls.crt")}
        data["tls.key"] = base64.b64encode(b"placeholder").decode()
        api.apply(
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": cert["spec"]["secretName"], "namespace": NS},
                "type": "kubernetes.io/tls",
                "data": data,
            },
            manager="cert-manager",
        )
        api.set_status(
            ("cert-manager.io", "Certificate", NS, name),
            {"conditions": [{"type": "Ready", "status": "True", "reason": "Ready"}], "revision": self.revisions[name]},
        )

    def tick(self) -> None:
        api = self.cluster.api
        for cert in api.list("cert-manager.io", "Certificate", NS) if self.certificates else []:
            if not (cert.get("status") or {}).get("conditions"):
                self.issue(cert["metadata"]["name"])
        for deployment in api.list("apps", "Deployment") if self.kubelet else []:
            want = deployment["spec"].get("replicas", 1)
            api.set_status(
                ("apps", "Deployment", deployment["metadata"]["namespace"], deployment["metadata"]["name"]),
                {
                    "observedGeneration": deployment["metadata"]["generation"],
                    "replicas": want,
                    "updatedReplicas": want,
                    "readyReplicas": want,
                    "availableReplicas": want,
                },
            )


class World:
    """One cluster with the fixture applied, the operator and the stubs."""

    def __init__(self, *, gate: bool = True, etcd_secret: bool = True) -> None:
        self.fleet = Fleet()
        self.cluster = self.fleet.add_cluster("cluster-1")
        self.api = self.cluster.api
        for crd in _crds():
            self.api.apply(crd, manager="test")
        for doc in yaml.load_all((FIXTURES / "cluster-1.yaml").read_text(), Loader=yaml.CSafeLoader):
            if doc["kind"] == "Deployment" and not gate:
                doc["spec"]["template"]["spec"]["containers"][0]["args"].remove("--feature-gates=ConfigurationBundle=true")
            self.api.apply(doc, manager="argocd")
        if etcd_secret:
            self.add_etcd_secret()
        self.operator = KcpOperator()
        self.stubs = Stubs(self.cluster)

    def add_etcd_secret(self) -> None:
        self.api.apply(yaml.load((FIXTURES / "etcd-client-secret.yaml").read_text(), Loader=yaml.CSafeLoader), manager="argocd")

    def run(self, ticks: int = 8, step: float = 5.0) -> None:
        for _ in range(ticks):
            self.fleet.clock.now += step
            self.stubs.tick()
            self.operator.reconcile(self.cluster)

    def names(self, group: str, kind: str) -> set[str]:
        return {o["metadata"]["name"] for o in self.api.iter(group, kind, NS)}

    def bundle(self, name: str = "alpha") -> dict[str, dict]:
        secret = self.api.get("", "Secret", NS, f"{name}-bundle")
        return {k: json.loads(base64.b64decode(v)) for k, v in secret["data"].items()}

    def shard(self, name: str = "alpha") -> dict:
        return self.api.get(OP, "Shard", NS, name)


@pytest.fixture(scope="module")
def converged() -> World:
    world = World()
    world.run()
    return world


def condition(obj: dict, type_: str) -> dict:
    return next(c for c in obj["status"]["conditions"] if c["type"] == type_)


# -- what v0.9.0 creates ---------------------------------------------------------------------------------------------


def test_root_shard_and_shards_get_the_certificates_issuers_deployments_and_services_v090_creates(converged: World) -> None:
    shard_certs = {
        f"{s}-{c}"
        for s in ("alpha", "beta")
        for c in (
            "server",
            "service-account",
            "virtual-workspaces",
            "client",
            "mounts-proxy",
            "logical-cluster-admin",
            "external-logical-cluster-admin",
        )
    }
    root_certs = {
        f"root-{c}"
        for c in (
            "server",
            "service-account",
            "virtual-workspaces",
            "logical-cluster-admin",
            "external-logical-cluster-admin",
            "client",
            "kcp-operator",
            "ca",
            "server-ca",
            "requestheader-client-ca",
            "client-ca",
            "service-account-ca",
        )
    }
    proxy_certs = {f"root-{p}-{c}" for p in ("proxy", "frontproxy") for c in ("server", "kubeconfig", "requestheader")}
    assert converged.names("cert-manager.io", "Certificate") == shard_certs | root_certs | proxy_certs | {
        "kubeconfig-cert-kcp-admin-frontproxy"
    }
    assert converged.names("cert-manager.io", "Issuer") == {
        "root-ca",
        "root-server-ca",
        "root-requestheader-client-ca",
        "root-client-ca",
        "root-service-account-ca",
    }
    assert converged.names("apps", "Deployment") == {
        "root-kcp",
        "root-proxy",
        "alpha-shard-kcp",
        "beta-shard-kcp",
        "frontproxy-front-proxy",
    }
    assert converged.names("", "Service") == {"root-kcp", "root-proxy", "alpha-shard-kcp", "beta-shard-kcp", "frontproxy-front-proxy"}
    # The root CA is signed by the Issuer the RootShard names; the intermediates by `<root>-ca`.
    root_ca = converged.api.get("cert-manager.io", "Certificate", NS, "root-ca")
    assert root_ca["spec"]["issuerRef"] == {"name": "kcp-ca", "kind": "Issuer", "group": "cert-manager.io"} and root_ca["spec"]["isCA"]
    assert converged.api.get("cert-manager.io", "Certificate", NS, "root-server-ca")["spec"]["issuerRef"]["name"] == "root-ca"
    # A template with an issuer replaces the DNS names; without one it merges them.
    fp_server = converged.api.get("cert-manager.io", "Certificate", NS, "root-frontproxy-server")["spec"]
    assert fp_server["dnsNames"] == ["api.zheng.example.io"] and fp_server["issuerRef"]["kind"] == "ClusterIssuer"
    assert "alpha.zheng.example.io" in converged.api.get("cert-manager.io", "Certificate", NS, "alpha-server")["spec"]["dnsNames"]


def test_shard_service_has_https_and_virtual_workspace_ports_and_the_template_type(converged: World) -> None:
    service = converged.api.get("", "Service", NS, "alpha-shard-kcp")
    assert [(p["name"], p["port"]) for p in service["spec"]["ports"]] == [("https", 6443), ("https-virtual-workspaces", 6444)]
    assert service["spec"]["type"] == "LoadBalancer"
    assert converged.api.get("", "Service", NS, "beta-shard-kcp")["spec"]["type"] == "ClusterIP"


def test_shard_deployment_mounts_what_v090_mounts_including_secrets_outside_the_bundle(converged: World) -> None:
    deployment = converged.api.get("apps", "Deployment", NS, "alpha-shard-kcp")
    mounted = [v["secret"]["secretName"] for v in deployment["spec"]["template"]["spec"]["volumes"]]
    assert {"alpha-mounts-proxy", "root-service-account", "alpha-service-account", "beta-service-account", "etcd-ca-tls"} <= set(mounted)
    bundled = {name for resource, name in bundle_objects("Shard", converged.shard(), "root") if resource == "secrets"}
    assert set(mounted) - bundled == {"alpha-mounts-proxy", "root-service-account", "beta-service-account", "etcd-ca-tls"}
    # Every mount carries the mounted Secret's resourceVersion in a pod-template label, so a change rolls the pods.
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    for secret in set(mounted):
        assert labels[revision_label("secret", secret)] == converged.api.get("", "Secret", NS, secret)["metadata"]["resourceVersion"]


def test_bundled_shard_deployment_is_scaled_to_zero_with_the_desired_count_in_an_annotation(converged: World) -> None:
    alpha = converged.api.get("apps", "Deployment", NS, "alpha-shard-kcp")
    assert alpha["spec"]["replicas"] == 0 and alpha["metadata"]["annotations"]["operator.kcp.io/bundle-desired-replicas"] == "2"
    beta = converged.api.get("apps", "Deployment", NS, "beta-shard-kcp")  # not bundled: runs here
    assert beta["spec"]["replicas"] == 2 and "annotations" not in beta["metadata"]
    assert converged.names(OP, "Bundle") == {"alpha-bundle"}


def test_kubeconfig_secret_points_at_the_front_proxy_with_a_certificate_issued_for_it(converged: World) -> None:
    secret = converged.api.get("", "Secret", NS, "kcp-admin-frontproxy")
    kubeconfig = yaml.load(base64.b64decode(secret["data"]["kubeconfig"]), Loader=yaml.CSafeLoader)
    servers = {c["name"]: c["cluster"]["server"] for c in kubeconfig["clusters"]}
    assert servers == {"base": "https://api.zheng.example.io:6443", "default": "https://api.zheng.example.io:6443/clusters/root"}
    cert = converged.api.get("cert-manager.io", "Certificate", NS, "kubeconfig-cert-kcp-admin-frontproxy")["spec"]
    assert cert["commonName"] == "kcp-admin" and cert["issuerRef"]["name"] == "root-client-ca"
    assert cert["subject"]["organizations"] == ["kubeconfig:kcp-admin-frontproxy", "system:kcp:admin"]
    assert converged.api.get(OP, "Kubeconfig", NS, "kcp-admin-frontproxy")["status"]["phase"] == "Ready"


def test_statuses_are_written_as_v090_writes_them(converged: World) -> None:
    root = converged.api.get(OP, "RootShard", NS, "root")
    assert root["status"]["phase"] == "Running" and root["status"]["shards"] == [{"name": "alpha"}, {"name": "beta"}]
    assert condition(root, "Available")["reason"] == "ReplicasUp"
    bundle = converged.api.get(OP, "Bundle", NS, "alpha-bundle")["status"]
    assert bundle["state"] == "Ready" and bundle["targetName"] == "Shard/alpha" and len(bundle["objects"]) == 17
    assert [c["type"] for c in bundle["conditions"]] == ["Ready", "ObjectsCreated"]
    assert condition(converged.shard(), "Bundle")["reason"] == "BundleReady"
    assert converged.api.get(OP, "FrontProxy", NS, "frontproxy")["status"]["phase"] == "Running"


# -- the bundle Secret -----------------------------------------------------------------------------------------------


def test_bundle_secret_holds_the_listed_objects_in_the_operator_key_and_json_format(converged: World) -> None:
    entries = converged.bundle()
    expected = {
        bundle_key(group="", version="v1", resource="secrets", namespace=NS, name=n)
        for r, n in bundle_objects("Shard", converged.shard(), "root")
        if r == "secrets"
    }
    expected |= {"apis_apps_v1_namespaces_kcp_zheng_deployments_alpha_shard_kcp", "api_v1_namespaces_kcp_zheng_services_alpha_shard_kcp"}
    assert set(entries) == expected and len(entries) == 17
    assert "api_v1_namespaces_kcp_zheng_secrets_root_requestheader_client_ca" in entries
    secret = entries["api_v1_namespaces_kcp_zheng_secrets_root_ca"]
    assert list(secret)[:3] == ["kind", "apiVersion", "metadata"] and secret["kind"] == "Secret"
    assert secret["metadata"]["creationTimestamp"] is None
    assert not {"uid", "resourceVersion", "generation", "ownerReferences", "managedFields"} & set(secret["metadata"])
    deployment = entries["apis_apps_v1_namespaces_kcp_zheng_deployments_alpha_shard_kcp"]
    assert deployment["spec"]["replicas"] == 2 and "operator.kcp.io/bundle-desired-replicas" not in deployment["metadata"].get(
        "annotations", {}
    )
    assert "status" in deployment  # status is not cleared
    raw = base64.b64decode(converged.api.get("", "Secret", NS, "alpha-bundle")["data"]["api_v1_namespaces_kcp_zheng_secrets_root_ca"])
    assert b": " not in raw[:60]  # compact, like encoding/json


def test_bundle_secret_is_not_refreshed_when_a_bundled_secret_changes_but_is_on_a_shard_change() -> None:
    world = World()
    world.run()
    key = "api_v1_namespaces_kcp_zheng_secrets_alpha_server"
    before = world.bundle()[key]["data"]["tls.crt"]
    world.stubs.issue("alpha-server")  # cert-manager renews the certificate on cluster 1
    world.run(ticks=20)
    assert world.api.get("", "Secret", NS, "alpha-server")["data"]["tls.crt"] != before
    assert world.bundle()[key]["data"]["tls.crt"] == before, "the bundle controller does not watch the Secrets it bundles"
    # Any Shard event (here a label) enqueues the Bundle that targets it.
    world.api.patch_metadata((OP, "Shard", NS, "alpha"), labels={"touched": "yes"})
    world.run(ticks=1)
    assert world.bundle()[key]["data"]["tls.crt"] == world.api.get("", "Secret", NS, "alpha-server")["data"]["tls.crt"]


def test_bundle_secret_is_refreshed_by_the_informer_resync() -> None:
    world = World()
    world.run()
    key = "api_v1_namespaces_kcp_zheng_secrets_alpha_server"
    before = world.bundle()[key]["data"]["tls.crt"]
    world.stubs.issue("alpha-server")
    world.run(ticks=2, step=8 * 3600)  # 16 h: at least one resync of every informer (10 h x [0.9, 1.1))
    assert world.bundle()[key]["data"]["tls.crt"] != before


def test_gate_off_creates_the_bundle_but_no_bundle_secret() -> None:
    world = World(gate=False)
    world.run()
    assert world.names(OP, "Bundle") == {"alpha-bundle"}
    assert world.api.get("", "Secret", NS, "alpha-bundle") is None
    assert "status" not in world.api.get(OP, "Bundle", NS, "alpha-bundle")  # no controller writes it
    assert condition(world.shard(), "Bundle")["status"] == "False"
    assert world.operator.bundle_gate(world.cluster) is False


def test_feature_gate_and_controller_groups_come_from_the_operator_command_line() -> None:
    assert operator_flags(["--feature-gates=ConfigurationBundle=true"]) == (True, {"config", "workload"})
    assert operator_flags(["--feature-gates", "Other=true,ConfigurationBundle=false", "--enabled-controller-groups=config"]) == (
        False,
        {"config"},
    )


# -- status quirks -----------------------------------------------------------------------------------------------------


def test_bundled_shard_spec_change_leaves_available_observed_generation_behind() -> None:
    world = World()
    world.run()
    for name in ("alpha", "beta"):
        shard = world.shard(name)
        shard["spec"]["replicas"] = 3
        world.api.apply(shard, manager="argocd")
    world.run(ticks=4)
    alpha, beta = world.shard("alpha"), world.shard("beta")
    assert alpha["metadata"]["generation"] == 2 and condition(alpha, "Bundle")["observedGeneration"] == 2
    assert condition(alpha, "Available")["observedGeneration"] == 1, "v0.9.0 stops updating Available once the Shard is bundled"
    assert condition(beta, "Available")["observedGeneration"] == 2  # an unbundled Shard keeps up
    assert alpha["status"]["phase"] == "Running"  # the stale Available=True still decides the phase


def test_compiled_shard_waits_until_every_certificate_is_ready() -> None:
    world = World()
    world.stubs.certificates = False
    world.run(ticks=3)
    assert world.names("deploy.operator.kcp.io", "CompiledShard") == set()
    assert world.shard()["status"]["phase"] == "Provisioning"


def test_shard_deployment_is_written_only_once_every_mounted_secret_exists() -> None:
    world = World(etcd_secret=False)
    world.run()
    assert "alpha-shard-kcp" not in world.names("apps", "Deployment")
    world.add_etcd_secret()  # the compiled controllers watch every Secret of the namespace
    world.run(ticks=2)
    assert {"alpha-shard-kcp", "beta-shard-kcp", "root-kcp"} <= world.names("apps", "Deployment")


def test_kcp_version_bump_changes_the_deployment_images() -> None:
    world = World()
    world.run()
    for kind, name in (("RootShard", "root"), ("Shard", "beta")):
        obj = world.api.get(OP, kind, NS, name)
        obj["spec"]["image"]["tag"] = "v0.32.4"
        world.api.apply(obj, manager="argocd")
    world.run(ticks=3)
    for deployment in ("root-kcp", "beta-shard-kcp"):
        image = world.api.get("apps", "Deployment", NS, deployment)["spec"]["template"]["spec"]["containers"][0]["image"]
        assert image == "ghcr.io/kcp-dev/kcp:v0.32.4"


def test_operator_is_idle_until_its_deployment_is_ready() -> None:
    world = World()
    world.stubs.kubelet = False
    world.run(ticks=2)
    assert world.names("cert-manager.io", "Certificate") == set() and world.operator.bundle_gate(world.cluster) is None
    key = ("apps", "Deployment", "kcp-operator-system", "kcp-operator-controller-manager")
    world.api.set_status(key, {"observedGeneration": 1, "readyReplicas": 1, "updatedReplicas": 1})
    world.run(ticks=1)
    assert "root-server" in world.names("cert-manager.io", "Certificate")


# -- the pure knowledge ------------------------------------------------------------------------------------------------


def test_bundle_keys_follow_generate_object_key() -> None:
    assert (
        bundle_key(group="", version="v1", resource="secrets", namespace="kcp-zheng", name="root-ca")
        == "api_v1_namespaces_kcp_zheng_secrets_root_ca"
    )
    assert (
        bundle_key(group="apps", version="v1", resource="deployments", namespace="kcp-zheng", name="alpha-shard-kcp")
        == "apis_apps_v1_namespaces_kcp_zheng_deployments_alpha_shard_kcp"
    )
    assert bundle_key(group="x.y", version="v1", resource="things", namespace="", name="a.b-c") == "apis_x_y_v1_things_a.b_c"


def test_shard_bundle_lists_17_objects_and_16_without_a_ca_bundle(converged: World) -> None:
    shard = converged.shard()
    assert len(bundle_objects("Shard", shard, "root")) == 17
    without = copy.deepcopy(shard)
    del without["spec"]["caBundleSecretRef"]
    assert len(bundle_objects("Shard", without, "root")) == 16


def test_revision_label_is_sha3_of_the_name() -> None:
    label = revision_label("secret", "alpha-server")
    assert label.startswith("operator.kcp.io/secret-") and label.endswith("-rev") and len(label.split("-")[-2]) == 20


def test_mounts_proxy_is_mounted_only_for_kcp_versions_that_support_it() -> None:
    assert supports_mounts_proxy((0, 32, 3, "")) and supports_mounts_proxy((0, 31, 6, "")) and supports_mounts_proxy(None)
    assert not supports_mounts_proxy((0, 32, 2, "")) and not supports_mounts_proxy((0, 31, 5, ""))
    old = {"image": {"tag": "v0.32.2"}}
    assert "old-mounts-proxy" not in {m.secret for m in shard_secret_mounts("old", old, "root", {}, [])}
    args = shard_deployment("old", NS, old, "root", {"external": {"hostname": "h", "port": 1}}, [])["spec"]["template"]["spec"][
        "containers"
    ][0]["args"]
    assert not any(a.startswith("--mount-proxy") for a in args)
