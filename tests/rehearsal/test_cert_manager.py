"""The cert-manager stand-in: issuer readiness, real X.509 issuance, re-issuance, ACME account and solver rules."""

from __future__ import annotations

import base64
import ipaddress
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from kcpgitops.rehearsal._charts import CERT_MANAGER, PinnedCharts
from kcpgitops.rehearsal._controllers.cert_manager import CertManager, renew
from kcpgitops.rehearsal._controllers.workloads import Workloads, simulated_datetime
from kcpgitops.rehearsal._world import Cluster, Fleet

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "controllers"


class World:
    """One cluster with the cert-manager chart installed, its stand-in, and the kubelet."""

    def __init__(self, *namespaces: str, values: dict | None = None) -> None:
        self.fleet = Fleet()
        self.cluster: Cluster = self.fleet.add_cluster("cluster-1")
        for name in ("cert-manager", *namespaces):
            self.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
        objects = PinnedCharts().render(
            CERT_MANAGER.repo_url, "cert-manager", "v1.18.2", "cert-manager", "cert-manager", values or {"crds": {"enabled": True}}
        )
        for obj in sorted(objects, key=lambda o: o["kind"] != "CustomResourceDefinition"):
            self.apply(obj)
        self.cert_manager, self.kubelet = CertManager(), Workloads()

    def apply(self, obj: dict) -> dict:
        return self.cluster.api.apply(obj, manager="test")

    def apply_file(self, name: str) -> None:
        for doc in yaml.load_all((FIXTURES / name).read_text(), Loader=yaml.CSafeLoader):
            self.apply(doc)

    def run(self, seconds: float, step: float = 5.0) -> None:
        end = self.fleet.clock.now + seconds
        while self.fleet.clock.now < end:
            self.fleet.clock.now += step
            self.kubelet.reconcile(self.cluster)
            self.cert_manager.reconcile(self.cluster)

    def get(self, kind: str, namespace: str, name: str) -> dict | None:
        group = "" if kind == "Secret" else "cert-manager.io"
        return self.cluster.api.get(group, kind, namespace, name)

    def condition(self, kind: str, namespace: str, name: str, condition: str) -> dict | None:
        obj = self.get(kind, namespace, name) or {}
        return next((c for c in (obj.get("status") or {}).get("conditions") or [] if c["type"] == condition), None)

    def secret_data(self, namespace: str, name: str) -> dict[str, bytes]:
        return {k: base64.b64decode(v) for k, v in ((self.get("Secret", namespace, name) or {}).get("data") or {}).items()}


def _verify(child: x509.Certificate, parent: x509.Certificate) -> None:
    key = parent.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(child.signature, child.tbs_certificate_bytes, padding.PKCS1v15(), child.signature_hash_algorithm)
    else:
        assert isinstance(key, ec.EllipticCurvePublicKey)
        key.verify(child.signature, child.tbs_certificate_bytes, ec.ECDSA(child.signature_hash_algorithm))


def test_selfsigned_issuer_is_ready_at_once_and_ca_issuer_needs_its_secret():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    world.cluster.api.delete(("cert-manager.io", "Certificate", "pki", "root-ca"))  # nothing will create root-ca-tls
    world.run(600)
    assert world.condition("Issuer", "pki", "selfsigned", "Ready")["reason"] == "IsReady"
    ready = world.condition("Issuer", "pki", "root-ca", "Ready")
    assert (ready["status"], ready["reason"], ready["message"]) == (
        "False",
        "ErrGetKeyPair",
        'Error getting keypair for CA issuer: secret "root-ca-tls" not found',
    )
    # The leaf it should issue waits, Issuing (so Argo CD sees Progressing), and says why.
    assert world.condition("Certificate", "pki", "server", "Issuing")["status"] == "True"
    assert world.condition("Certificate", "pki", "server", "Ready")["reason"] == "DoesNotExist"
    assert world.cert_manager.blockers(world.cluster, world.get("Certificate", "pki", "server")) == [
        'Referenced issuer does not have a Ready status condition (Error getting keypair for CA issuer: secret "root-ca-tls" not found)'
    ]
    world.apply_file("ca-chain.yaml")  # the CA certificate comes back: root-ca-tls is issued, then the issuer and the leaf follow
    world.run(15)
    assert world.condition("Issuer", "pki", "root-ca", "Ready")["reason"] == "KeyPairVerified"
    assert world.condition("Certificate", "pki", "server", "Ready")["status"] == "True"


def test_issued_certificates_are_real_and_chain_to_their_ca():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    world.run(30)
    root_data, leaf_data = world.secret_data("pki", "root-ca-tls"), world.secret_data("pki", "server-tls")
    root = x509.load_pem_x509_certificate(root_data["tls.crt"])
    leaf = x509.load_pem_x509_certificate(leaf_data["tls.crt"])
    _verify(root, root)
    _verify(leaf, root)
    assert leaf_data["ca.crt"] == root_data["tls.crt"] == root_data["ca.crt"]  # a self-signed certificate is its own CA
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert root.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sans.get_values_for_type(x509.DNSName) == ["server.pki.svc", "*.server.pki.svc"]
    assert sans.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "server"
    assert list(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.SERVER_AUTH,
        ExtendedKeyUsageOID.CLIENT_AUTH,
    ]
    key = serialization.load_pem_private_key(leaf_data["tls.key"], password=None)
    assert key.public_key().public_numbers() == leaf.public_key().public_numbers()
    assert isinstance(key, ec.EllipticCurvePrivateKey)  # no algorithm in the spec: the rehearsal's fast default
    # Validity in simulated time: duration 2160h, renewBefore 360h.
    secret = world.get("Secret", "pki", "server-tls")
    assert secret["type"] == "kubernetes.io/tls"
    issued_at = leaf.not_valid_before_utc
    assert issued_at >= simulated_datetime(0) and leaf.not_valid_after_utc - issued_at == timedelta(hours=2160)
    status = world.get("Certificate", "pki", "server")["status"]
    assert status["renewalTime"] == (leaf.not_valid_after_utc - timedelta(hours=360)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert status["revision"] == 1 and [c["type"] for c in status["conditions"]] == ["Ready"]
    # The Secret carries the template's and cert-manager's metadata.
    assert secret["metadata"]["labels"] == {"app": "server", "controller.cert-manager.io/fao": "true"}
    annotations = secret["metadata"]["annotations"]
    assert annotations["team"] == "pki" and annotations["cert-manager.io/issuer-name"] == "root-ca"
    assert (
        annotations["cert-manager.io/alt-names"] == "server.pki.svc,*.server.pki.svc"
        and annotations["cert-manager.io/ip-sans"] == "127.0.0.1"
    )


def test_certificate_with_a_wrong_issuer_ref_never_issues():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    leaf = world.get("Certificate", "pki", "server")
    leaf["spec"]["issuerRef"] = {"name": "root-ca", "kind": "ClusterIssuer"}  # an Issuer of that name exists, no ClusterIssuer
    world.apply(leaf)
    world.run(3600)
    assert world.get("Secret", "pki", "server-tls") is None
    assert world.condition("Certificate", "pki", "server", "Issuing")["status"] == "True"
    assert world.condition("Certificate", "pki", "server", "Ready")["status"] == "False"
    assert world.cert_manager.blockers(world.cluster, world.get("Certificate", "pki", "server")) == [
        'Referenced "ClusterIssuer" not found: clusterissuer.cert-manager.io "root-ca" not found'
    ]
    assert any('cannot be issued: Referenced "ClusterIssuer" not found' in e.message for e in world.fleet.timeline.events)


def test_acme_issuer_refuses_a_placeholder_contact_email():
    world = World("pki")
    world.apply_file("acme.yaml")
    issuer = world.get("ClusterIssuer", "", "letsencrypt-prod")
    issuer["spec"]["acme"]["email"] = "email@example.com"
    world.apply(issuer)
    world.run(600)
    ready = world.condition("ClusterIssuer", "", "letsencrypt-prod", "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "ErrRegisterACMEAccount")
    assert ready["message"] == (
        "Failed to register ACME account: 400 urn:ietf:params:acme:error:invalidContact: Error validating contact(s) :: "
        'contact email has forbidden domain "example.com"'
    )
    # The account key Secret is created before the server is asked (in the cluster resource namespace).
    assert world.get("Secret", "cert-manager", "le-issuer-account-key")["metadata"]["labels"] == {
        "app.kubernetes.io/managed-by": "cert-manager"
    }
    for email, refused in (
        ("ops@kcp.invalid", True),
        ("ops@cluster.test", True),
        ("ops@mail.example.org", True),
        ("ops@kcp-zheng.io", False),
    ):
        issuer = world.get("ClusterIssuer", "", "letsencrypt-prod")
        issuer["spec"]["acme"]["email"] = email  # a spec change: registration is tried again
        world.apply(issuer)
        world.run(10)
        ready = world.condition("ClusterIssuer", "", "letsencrypt-prod", "Ready")
        assert (ready["status"] == "False") is refused, email
    status = world.get("ClusterIssuer", "", "letsencrypt-prod")["status"]
    assert status["acme"]["lastRegisteredEmail"] == "ops@kcp-zheng.io" and status["acme"]["uri"].startswith(
        "https://acme-v02.api.letsencrypt.org/acme/acct/"
    )


def test_acme_certificate_waits_for_its_dns01_solver_credentials():
    world = World("pki")
    world.apply_file("acme.yaml")
    world.run(600)
    assert world.condition("ClusterIssuer", "", "letsencrypt-prod", "Ready")["reason"] == "ACMEAccountRegistered"
    assert world.get("Secret", "pki", "front-proxy-server-tls") is None
    assert world.cert_manager.blockers(world.cluster, world.get("Certificate", "pki", "front-proxy-server")) == [
        'DNS-01 challenge for api.zheng.example.io: error getting secret: secret "cloudflare-api-key-secret" not found in cert-manager'
    ]
    world.apply(
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "cloudflare-api-key-secret", "namespace": "cert-manager"},
            "data": {"api-key": base64.b64encode(b"not-a-real-key").decode()},
        }
    )
    world.run(30)
    assert world.get("Secret", "pki", "front-proxy-server-tls") is None  # the order takes its time
    world.run(60)
    data = world.secret_data("pki", "front-proxy-server-tls")
    chain = x509.load_pem_x509_certificates(data["tls.crt"])
    assert "ca.crt" not in data and len(chain) == 2  # leaf and intermediate; ACME gives no CA
    _verify(chain[0], chain[1])
    assert chain[0].not_valid_after_utc - chain[0].not_valid_before_utc == timedelta(days=90)
    assert world.condition("Certificate", "pki", "front-proxy-server", "Ready")["status"] == "True"


def test_rotation_policy_always_makes_a_new_key_and_never_keeps_it():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    world.run(30)
    before = world.secret_data("pki", "server-tls")
    renew(world.cluster, "pki", "server")
    assert world.condition("Certificate", "pki", "server", "Issuing")["reason"] == "ManuallyTriggered"
    world.run(5)
    after = world.secret_data("pki", "server-tls")
    assert after["tls.crt"] != before["tls.crt"] and after["tls.key"] != before["tls.key"]
    assert world.get("Certificate", "pki", "server")["status"]["revision"] == 2
    leaf = world.get("Certificate", "pki", "server")
    leaf["spec"]["privateKey"] = {"rotationPolicy": "Never"}
    world.apply(leaf)
    world.run(5)
    renew(world.cluster, "pki", "server")
    world.run(5)
    kept = world.secret_data("pki", "server-tls")
    assert kept["tls.key"] == after["tls.key"] and kept["tls.crt"] != after["tls.crt"]
    with pytest.raises(LookupError, match=r'certificates\.cert-manager\.io "missing" not found'):
        renew(world.cluster, "pki", "missing")


def test_reissue_on_spec_change_deleted_secret_and_renewal_time():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    world.run(30)
    revision = lambda: world.get("Certificate", "pki", "server")["status"]["revision"]  # noqa: E731
    assert revision() == 1
    world.run(3600)
    assert revision() == 1  # nothing changed, nothing re-issued
    leaf = world.get("Certificate", "pki", "server")
    leaf["spec"]["dnsNames"].append("server.pki")
    world.apply(leaf)
    world.run(5)
    assert revision() == 2
    sans = x509.load_pem_x509_certificate(world.secret_data("pki", "server-tls")["tls.crt"]).extensions.get_extension_for_class(
        x509.SubjectAlternativeName
    )
    assert "server.pki" in sans.value.get_values_for_type(x509.DNSName)
    world.cluster.api.delete(("", "Secret", "pki", "server-tls"))
    world.run(5)
    assert revision() == 3 and world.get("Secret", "pki", "server-tls") is not None
    renewal = world.get("Certificate", "pki", "server")["status"]["renewalTime"]
    world.run(75 * 86400, step=3600)  # past the renewal time (90 days - 15 days)
    assert revision() == 4 and world.get("Certificate", "pki", "server")["status"]["renewalTime"] > renewal
    assert any("Renewing certificate as renewal was scheduled at" in e.message for e in world.fleet.timeline.events)


def test_requested_key_algorithms_and_encodings():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    for name, private_key, check in (
        ("rsa", {"algorithm": "RSA", "size": 4096}, lambda k: isinstance(k, rsa.RSAPrivateKey) and k.key_size == 2048),
        ("p384", {"algorithm": "ECDSA", "size": 384}, lambda k: isinstance(k, ec.EllipticCurvePrivateKey) and k.curve.name == "secp384r1"),
    ):
        world.apply(
            {
                "apiVersion": "cert-manager.io/v1",
                "kind": "Certificate",
                "metadata": {"name": name, "namespace": "pki"},
                "spec": {
                    "secretName": f"{name}-tls",
                    "commonName": name,
                    "privateKey": {**private_key, "encoding": "PKCS8"},
                    "issuerRef": {"name": "root-ca"},
                },
            }
        )
        world.run(30)
        data = world.secret_data("pki", f"{name}-tls")
        assert data["tls.key"].startswith(b"-----BEGIN PRIVATE KEY-----"), name
        assert check(serialization.load_pem_private_key(data["tls.key"], password=None)), name


def test_cert_manager_waits_for_its_controller_deployment():
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    for _ in range(5):
        world.fleet.clock.now += 5
        world.cert_manager.reconcile(world.cluster)  # no kubelet: the controller pod never runs
    assert world.get("Secret", "pki", "root-ca-tls") is None and "status" not in world.get("Issuer", "pki", "selfsigned")
    assert world.cert_manager.blockers(world.cluster, world.get("Certificate", "pki", "root-ca")) == [
        "cert-manager is not running (Deployment cert-manager/cert-manager not ready)"
    ]
    world.run(30)
    assert world.get("Secret", "pki", "root-ca-tls") is not None


def test_the_rendered_cluster_pki_issues_and_cluster_issuer_secrets_live_in_cert_manager():
    world = World()
    documents = [yaml.load(p.read_text(), Loader=yaml.CSafeLoader) for p in sorted((ROOT / "dist" / "cluster-2").rglob("*.yaml"))]
    for doc in sorted(documents, key=lambda d: d["kind"] != "Namespace"):
        if doc["kind"] == "Namespace" or doc["apiVersion"].startswith("cert-manager.io"):
            world.apply(doc)
    world.run(60)
    certificates = world.cluster.api.list("cert-manager.io", "Certificate")
    assert certificates and all(
        next(c for c in cert["status"]["conditions"] if c["type"] == "Ready")["status"] == "True" for cert in certificates
    )
    cluster_issuer = next(i for i in world.cluster.api.list("cert-manager.io", "ClusterIssuer") if "ca" in i["spec"])
    assert world.get("Secret", "cert-manager", cluster_issuer["spec"]["ca"]["secretName"]) is not None
