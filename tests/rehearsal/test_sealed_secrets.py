"""The Sealed Secrets stand-in: its key and certificate, real unsealing of what the bridge and kubeseal seal, scopes,
ownership, and the status it writes."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from kubesealpy import Sealer, SealingScope

from bridge._seal import load_certificate, seal_secret
from kcpgitops.rehearsal._charts import SEALED_SECRETS, PinnedCharts
from kcpgitops.rehearsal._controllers.sealed_secrets import KEY_LABEL, SealedSecretsController, certificate_pem
from kcpgitops.rehearsal._controllers.workloads import Workloads, simulated_datetime
from kcpgitops.rehearsal._world import Cluster, Fleet


class World:
    """One cluster with the sealed-secrets chart (as our Application installs it), the controller, and the kubelet."""

    def __init__(self, name: str = "cluster-2") -> None:
        self.fleet = Fleet()
        self.cluster: Cluster = self.fleet.add_cluster(name)
        self.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kcp"}})
        for obj in PinnedCharts().render(
            SEALED_SECRETS.repo_url,
            "sealed-secrets",
            "2.18.5",
            "sealed-secrets",
            "kube-system",
            {"fullnameOverride": "sealed-secrets-controller"},
        ):
            self.apply(obj)
        self.controller, self.kubelet = SealedSecretsController(), Workloads()

    def apply(self, obj: dict) -> dict:
        return self.cluster.api.apply(obj, manager="test")

    def run(self, seconds: float, step: float = 5.0) -> None:
        end = self.fleet.clock.now + seconds
        while self.fleet.clock.now < end:
            self.fleet.clock.now += step
            self.kubelet.reconcile(self.cluster)
            self.controller.reconcile(self.cluster)

    def seal(self, name: str, data: dict[str, bytes], *, scope: str = "strict", namespace: str = "kcp", pem: bytes | None = None) -> dict:
        key = load_certificate(
            pem=pem or self.controller.certificate_pem(self.cluster), source="test", now=simulated_datetime(self.fleet.clock.now)
        )
        secret = {
            "apiVersion": "v1",
            "kind": "Secret",
            "type": "kubernetes.io/tls",
            "metadata": {"name": name, "namespace": namespace, "labels": {"app": "kcp"}},
            "data": {k: base64.b64encode(v).decode() for k, v in data.items()},
        }
        return seal_secret(secret=secret, key=key, scope=scope)

    def synced(self, name: str, namespace: str = "kcp") -> dict:
        status = self.cluster.api.get("bitnami.com", "SealedSecret", namespace, name)["status"]
        return {"observedGeneration": status["observedGeneration"], **next(c for c in status["conditions"] if c["type"] == "Synced")}

    def secret(self, name: str, namespace: str = "kcp") -> dict | None:
        return self.cluster.api.get("", "Secret", namespace, name)


def test_controller_creates_its_key_and_serves_the_certificate_only_while_running():
    world = World()
    assert world.controller.certificate_pem(world.cluster) is None
    world.run(15)
    keys = [s for s in world.cluster.api.list("", "Secret", "kube-system") if KEY_LABEL in (s["metadata"].get("labels") or {})]
    assert len(keys) == 1 and keys[0]["metadata"]["labels"][KEY_LABEL] == "active" and keys[0]["type"] == "kubernetes.io/tls"
    assert (
        keys[0]["metadata"]["name"].startswith("sealed-secrets-key") and len(keys[0]["metadata"]["name"]) == len("sealed-secrets-key") + 5
    )
    pem = world.controller.certificate_pem(world.cluster)
    assert pem == certificate_pem(world.cluster) == base64.b64decode(keys[0]["data"]["tls.crt"])
    cert = x509.load_pem_x509_certificate(pem)
    public = cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 2048  # the rehearsal's size (upstream: 4096)
    assert cert.not_valid_before_utc == simulated_datetime(15) and cert.not_valid_after_utc - cert.not_valid_before_utc == timedelta(
        days=3650
    )
    with pytest.raises(ValueError, match="encipher_only"):
        _ = cert.extensions  # Go's KeyUsageEncipherOnly, as on a real controller's certificate
    assert load_certificate(pem=pem, source="cert", now=simulated_datetime(20)).public_key.key_size == 2048


def test_unseals_what_the_bridge_sealed_into_an_owned_secret():
    world = World()
    world.run(15)
    sealed = world.apply(world.seal("shard-server", {"tls.crt": b"certificate", "tls.key": b"key material"}))
    world.run(5)
    secret = world.secret("shard-server")
    assert {k: base64.b64decode(v) for k, v in secret["data"].items()} == {"tls.crt": b"certificate", "tls.key": b"key material"}
    assert secret["type"] == "kubernetes.io/tls" and secret["metadata"]["labels"] == {"app": "kcp"}
    assert secret["metadata"]["ownerReferences"] == [
        {
            "apiVersion": "bitnami.com/v1alpha1",
            "kind": "SealedSecret",
            "name": "shard-server",
            "uid": sealed["metadata"]["uid"],
            "controller": True,
        }
    ]
    synced = world.synced("shard-server")
    assert (synced["status"], synced["observedGeneration"]) == ("True", 1) and "message" not in synced
    assert not any("key material" in e.message for e in world.fleet.timeline.events)
    # A re-seal (new ciphertext, new value) is a spec change: the Secret follows.
    world.apply(world.seal("shard-server", {"tls.crt": b"renewed", "tls.key": b"key material"}))
    world.run(5)
    assert base64.b64decode(world.secret("shard-server")["data"]["tls.crt"]) == b"renewed"
    assert world.synced("shard-server")["observedGeneration"] == 2
    world.cluster.api.delete(("bitnami.com", "SealedSecret", "kcp", "shard-server"))
    assert world.secret("shard-server") is None  # garbage-collected with its owner


def test_kubeseal_compatible_sealing_unseals_too():
    world = World()
    world.run(15)
    sealer = Sealer.from_certificate_pem(world.controller.certificate_pem(world.cluster), validate=False)
    sealed = sealer.seal(name="creds", namespace="kcp", data={"token": b"t0ken"}, scope=SealingScope.NAMESPACE_WIDE)
    document = yaml.load(sealed.to_yaml(), Loader=yaml.CSafeLoader)
    world.apply(document)
    world.run(5)
    assert base64.b64decode(world.secret("creds")["data"]["token"]) == b"t0ken"


def test_a_secret_sealed_for_another_cluster_does_not_unseal():
    other, world = World("cluster-3"), World("cluster-2")
    other.run(15)
    world.run(15)
    foreign = other.controller.certificate_pem(other.cluster)
    assert foreign != world.controller.certificate_pem(world.cluster)
    world.apply(world.seal("shard-server", {"tls.crt": b"x", "tls.key": b"y"}, pem=foreign))
    world.run(30)
    assert world.secret("shard-server") is None
    synced = world.synced("shard-server")
    assert (synced["status"], synced["message"]) == ("False", "no key could decrypt secret (tls.crt, tls.key)")
    assert any("no key could decrypt secret" in e.message for e in world.fleet.timeline.events)


def test_scopes_bind_ciphertext_to_name_and_namespace():
    world = World()
    world.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}})
    world.run(15)
    strict = world.seal("a", {"k": b"v"})
    strict["metadata"]["name"] = "b"  # strict: namespace/name is the OAEP label
    world.apply(strict)
    wide = world.seal("c", {"k": b"v"}, scope="namespace-wide")
    wide["metadata"]["name"] = "d"
    world.apply(wide)
    moved = world.seal("e", {"k": b"v"}, scope="namespace-wide")
    moved["metadata"]["namespace"] = "other"
    world.apply(moved)
    anywhere = world.seal("f", {"k": b"v"}, scope="cluster-wide")
    anywhere["metadata"]["namespace"] = "other"
    world.apply(anywhere)
    world.run(5)
    assert world.synced("b")["message"] == "no key could decrypt secret (k)"
    assert world.secret("d") is not None
    assert world.synced("e", "other")["message"] == "no key could decrypt secret (k)"
    assert world.secret("f", "other") is not None


def test_an_existing_secret_it_does_not_manage_is_left_alone():
    world = World()
    world.apply({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "shard-server", "namespace": "kcp"}, "data": {"x": "eQ=="}})
    world.run(15)
    world.apply(world.seal("shard-server", {"tls.crt": b"x"}))
    world.run(30)
    synced = world.synced("shard-server")
    assert (synced["status"], synced["message"]) == (
        "False",
        'failed update: Resource "shard-server" already exists and is not managed by SealedSecret',
    )
    assert world.secret("shard-server")["data"] == {"x": "eQ=="}
    # The controller gave up; deleting the Secret is not watched (watchForSecrets is off), so nothing happens until
    # the SealedSecret changes or the controller restarts.
    world.cluster.api.delete(("", "Secret", "kcp", "shard-server"))
    world.run(60)
    assert world.secret("shard-server") is None
    deployment = world.cluster.api.get("apps", "Deployment", "kube-system", "sealed-secrets-controller")
    deployment["spec"]["template"]["metadata"].setdefault("annotations", {})["restartedAt"] = "now"  # kubectl rollout restart
    world.apply(deployment)
    world.run(30)
    assert world.secret("shard-server") is not None and world.synced("shard-server")["status"] == "True"
    # Annotated as managed, an existing Secret is taken over.
    world.apply(
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "adopted", "namespace": "kcp", "annotations": {"sealedsecrets.bitnami.com/managed": "true"}},
        }
    )
    world.apply(world.seal("adopted", {"k": b"v"}))
    world.run(5)
    assert base64.b64decode(world.secret("adopted")["data"]["k"]) == b"v"


def test_a_new_key_every_thirty_days_and_old_keys_still_unseal():
    world = World()
    world.run(15)
    first = world.controller.certificate_pem(world.cluster)
    world.apply(world.seal("early", {"k": b"v1"}))
    world.run(31 * 86400, step=6 * 3600)
    keys = [s for s in world.cluster.api.list("", "Secret", "kube-system") if KEY_LABEL in (s["metadata"].get("labels") or {})]
    assert len(keys) == 2 and world.controller.certificate_pem(world.cluster) != first
    world.apply(world.seal("late", {"k": b"v2"}, pem=first))  # sealed with the old certificate, as a pinned certs/ file would
    world.run(5)
    assert base64.b64decode(world.secret("late")["data"]["k"]) == b"v2" and world.secret("early") is not None
