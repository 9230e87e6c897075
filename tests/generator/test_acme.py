"""ACME DNS-01 providers (issue 12, "ACME DNS-01 providers besides Cloudflare"): `frontProxy.acme.dns01` renders one
provider into the `letsencrypt-prod` ClusterIssuer as cert-manager v1.18.2 reads it, lists the Secrets it references
among those a person creates, and the rehearsal's cert-manager stand-in waits for exactly those (or for none with
ambient credentials). Bad input is in test_bad_input.py (`acme-*` fixtures)."""

from __future__ import annotations

import base64
import functools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from kcpgitops.bootstrap import CreateSecret, blocking_placeholders, bootstrap_steps
from kcpgitops.check import check_tree
from kcpgitops.cli import synth
from kcpgitops.docs import user_created_secrets
from kcpgitops.output import dump_yaml, references
from kcpgitops.rehearsal._charts import CERT_MANAGER, PinnedCharts
from kcpgitops.rehearsal._controllers.cert_manager import CertManager
from kcpgitops.rehearsal._controllers.workloads import Workloads
from kcpgitops.rehearsal._scenarios import _needs_dns_solver_secret
from kcpgitops.rehearsal._world import Fleet
from kcpgitops.render import render
from kcpgitops.schemas import check_paths
from kcpgitops.topology import TopologyError, acme_solver, load_topology, parse_topology, placeholders

FIXTURES = Path(__file__).parent / "fixtures"
KNOBS = FIXTURES / "knobs-acme.yaml"
PROVIDERS = FIXTURES / "acme"
ISSUER_FILE = "_cluster/clusterissuer.cert-manager.io_letsencrypt-prod.yaml"

EXPECTED_DNS01 = {
    # fixture -> the rendered spec.acme.solvers[0].dns01 (cert-manager/cert-manager@v1.18.2:pkg/apis/acme/v1/
    # types_issuer.go ACMEChallengeSolverDNS01 and ACMEIssuerDNS01Provider*, fields in the types' order)
    "knobs-acme": {"cnameStrategy": "Follow", "route53": {
        "accessKeyIDSecretRef": {"name": "route53-credentials", "key": "access-key-id"},
        "secretAccessKeySecretRef": {"name": "route53-credentials", "key": "secret-access-key"},
        "role": "arn:aws:iam::123456789012:role/kcp-dns01", "hostedZoneID": "Z0123456789ABCDEFGHIJ", "region": "eu-central-1"}},
    "cloudflare-token": {"cloudflare": {"apiTokenSecretRef": {"name": "cloudflare-api-token", "key": "token"}}},
    "cloudflare-key": {"cloudflare": {"email": "dns-admin@kcp.example.io",
                                      "apiKeySecretRef": {"name": "cloudflare-global-key", "key": "api-key"}}},
    "route53-ambient": {"route53": {"hostedZoneID": "Z0123456789ABCDEFGHIJ"}},
    "route53-key-id": {"route53": {"accessKeyID": "AKIAIOSFODNN7EXAMPLE",
                                   "secretAccessKeySecretRef": {"name": "route53-secret-key", "key": "secret"}, "region": "us-east-1"}},
    "clouddns-key": {"cloudDNS": {"serviceAccountSecretRef": {"name": "clouddns-dns01-solver", "key": "key.json"},
                                  "project": "kcp-dns-4711", "hostedZoneName": "kcp-zone"}},
    "clouddns-workload-identity": {"cloudDNS": {"project": "kcp-dns-4711"}},
    "azuredns-service-principal": {"azureDNS": {
        "clientID": "66666666-7777-8888-9999-000000000000", "clientSecretSecretRef": {"name": "azuredns-config", "key": "client-secret"},
        "subscriptionID": "11111111-2222-3333-4444-555555555555", "tenantID": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        "resourceGroupName": "kcp-dns", "hostedZoneName": "kcp.example.io", "environment": "AzurePublicCloud"}},
    "azuredns-managed-identity": {"azureDNS": {
        "subscriptionID": "11111111-2222-3333-4444-555555555555", "resourceGroupName": "kcp-dns",
        "managedIdentity": {"clientID": "66666666-7777-8888-9999-000000000000", "tenantID": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}}},
    "rfc2136-tsig": {"rfc2136": {"nameserver": "[2001:db8::53]:5353", "tsigSecretSecretRef": {"name": "rfc2136-tsig", "key": "tsig-secret-key"},
                                 "tsigKeyName": "kcp-acme.", "tsigAlgorithm": "HMACSHA512"}},
}

SECRETS = {
    # fixture -> (name, keys) of each Secret the solver reads, in cert-manager's namespace; () with ambient credentials
    "knobs-acme": (("route53-credentials", ("access-key-id", "secret-access-key")),),
    "cloudflare-token": (("cloudflare-api-token", ("token",)),),
    "cloudflare-key": (("cloudflare-global-key", ("api-key",)),),
    "route53-ambient": (),
    "route53-key-id": (("route53-secret-key", ("secret",)),),
    "clouddns-key": (("clouddns-dns01-solver", ("key.json",)),),
    "clouddns-workload-identity": (),
    "azuredns-service-principal": (("azuredns-config", ("client-secret",)),),
    "azuredns-managed-identity": (),
    "rfc2136-tsig": (("rfc2136-tsig", ("tsig-secret-key",)),),
}


def _fixture(name: str) -> Path:
    return KNOBS if name == "knobs-acme" else PROVIDERS / f"{name}.yaml"


def _issuer(path: Path) -> dict:
    """The rendered ACME ClusterIssuer of a topology file (a fresh copy each call: tests may change it)."""
    return json.loads(_rendered_issuer(path))


@functools.cache
def _rendered_issuer(path: Path) -> str:
    topology = load_topology(path)
    rendered = render(topology, topology_path=path)
    return json.dumps(next(d for d in rendered.manifests[topology.root_shard.cluster]
                           if d["kind"] == "ClusterIssuer" and d["metadata"]["name"] == topology.front_proxy.acme.issuer_name))


def test_every_provider_fixture_is_tested():
    assert {p.stem for p in PROVIDERS.glob("*.yaml")} | {"knobs-acme"} == set(EXPECTED_DNS01) == set(SECRETS)


@pytest.mark.parametrize("name", sorted(EXPECTED_DNS01))
def test_the_chosen_provider_renders_into_the_cluster_issuers_only_solver(name):
    issuer = _issuer(_fixture(name))
    assert issuer["spec"]["acme"]["solvers"] == [{"dns01": EXPECTED_DNS01[name]}]
    assert issuer["spec"]["acme"]["email"] == "platform@kcp.example.io"


def test_without_dns01_the_guides_cloudflare_solver_renders_unchanged(repo_root):
    issuer = _issuer(repo_root / "topology.yaml")
    assert issuer["spec"]["acme"]["solvers"] == [{"dns01": {"cloudflare": {
        "email": "email@example.com", "apiKeySecretRef": {"name": "cloudflare-api-key-secret", "key": "api-key"}}}}]
    committed = (repo_root / "dist" / "cluster-1" / ISSUER_FILE).read_text()
    assert dump_yaml(issuer) in committed  # byte for byte what is committed (after the generated-file header)


@pytest.mark.parametrize("name", sorted(EXPECTED_DNS01))
def test_every_rendered_solver_validates_strictly_against_the_vendored_crd(name, schema_dir, tmp_path):
    file = tmp_path / "issuer.yaml"
    file.write_text(dump_yaml(_issuer(_fixture(name))))
    report = check_paths([file], schema_dir=schema_dir)
    assert report.documents == 1 and not report.findings, report.findings


def test_the_strict_validation_catches_a_field_cert_manager_does_not_have(schema_dir, tmp_path):
    issuer = _issuer(KNOBS)
    issuer["spec"]["acme"]["solvers"][0]["dns01"]["route53"]["secretAccessKey"] = "inline"  # not a v1.18 field
    file = tmp_path / "issuer.yaml"
    file.write_text(dump_yaml(issuer))
    (finding,) = check_paths([file], schema_dir=schema_dir).findings
    assert "secretAccessKey" in finding.message


@pytest.mark.parametrize("name", sorted(SECRETS))
def test_each_referenced_secret_is_one_a_person_creates_in_cert_managers_namespace(name):
    topology = load_topology(_fixture(name))
    declared = [s for s in user_created_secrets(topology) if s.namespace == "cert-manager"]
    assert [(s.name, s.keys) for s in declared] == list(SECRETS[name])
    # The ClusterIssuer's references are exactly those Secrets (kcpgitops.output.references, what `make check` reads).
    refs = {ref.target.name for ref in references(_issuer(_fixture(name))) if ref.target.kind == "Secret"}
    assert refs == {s.name for s in declared}
    steps = {s.params.name: s for s in bootstrap_steps(topology, topology.root_shard.cluster) if isinstance(s.params, CreateSecret)}
    for secret in declared:
        step = steps[secret.name]
        assert step.params.namespace == "cert-manager" and step.params.keys == secret.keys and all(step.params.meanings)
        (create,) = [c for c in step.commands if " create secret " in c]
        # The exact command shape, each key's value a placeholder in angle brackets: no value is ever written.
        assert re.fullmatch(rf"kubectl -n cert-manager create secret generic {secret.name}"
                            + "".join(rf" --from-(literal|file)={re.escape(k)}=<[a-z .]+>" for k in secret.keys), create), create


def test_the_acme_email_note_goes_with_the_solvers_secret():
    topology = load_topology(PROVIDERS / "cloudflare-key.yaml")
    (step,) = [s for s in bootstrap_steps(topology, "cluster-1") if isinstance(s.params, CreateSecret)
               and s.params.name == "cloudflare-global-key"]
    notes = " ".join(step.notes)
    assert "must be a real address" in notes and "`frontProxy.acme.dns01.cloudflare.email`" in notes


@pytest.mark.parametrize(("name", "identity"), [
    ("route53-ambient", "eks.amazonaws.com/role-arn"),
    ("clouddns-workload-identity", "roles/dns.admin"),
    ("azuredns-managed-identity", "DNS Zone Contributor"),
])
def test_ambient_credentials_need_no_secret_and_the_steps_name_the_identity_to_grant(name, identity):
    topology = load_topology(_fixture(name))
    steps = bootstrap_steps(topology, "cluster-1")
    assert not [s for s in steps if isinstance(s.params, CreateSecret) and s.params.namespace == "cert-manager"]
    (apply,) = [s for s in steps if s.action == "apply-bootstrap"]
    notes = " ".join(apply.notes)
    assert "`cert-manager/cert-manager`" in notes and identity in notes and "must be a real address" in notes
    # Only the root cluster runs cert-manager's ClusterIssuer.
    assert "cert-manager/cert-manager" not in " ".join(n for s in bootstrap_steps(topology, "cluster-2") for n in s.notes)
    # A solver that reads a Secret gets no such note.
    keyed = load_topology(KNOBS)
    (apply,) = [s for s in bootstrap_steps(keyed, "cluster-1") if s.action == "apply-bootstrap"]
    assert "ambient" not in " ".join(apply.notes)


def test_the_secrets_of_a_solver_sharing_one_secret_name_are_one_secret_with_both_keys():
    solver = acme_solver(load_topology(KNOBS).front_proxy.acme)
    (secret,) = solver.secrets
    assert secret.keys == ("access-key-id", "secret-access-key")
    assert secret.fields == ("frontProxy.acme.dns01.route53.accessKeyIDSecretRef", "frontProxy.acme.dns01.route53.secretAccessKeySecretRef")
    same_key = KNOBS.read_text().replace("secretAccessKeySecretRef: {name: route53-credentials}",
                                         "secretAccessKeySecretRef: {name: route53-credentials, key: access-key-id}")
    with pytest.raises(TopologyError, match="both read key 'access-key-id' of Secret 'route53-credentials'"):
        parse_topology(same_key)


@pytest.fixture(scope="module")
def knobs_tree(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("knobs-acme")
    trees = {"dist": out / "dist", "argocd": out / "argocd"}
    assert synth(topology=KNOBS, **trees) == 0
    return trees


def test_make_check_finds_every_solver_secret_declared(knobs_tree, repo_root):
    findings = check_tree(topology=load_topology(KNOBS), repo_root=repo_root, **knobs_tree)
    assert not [f for f in findings if f.rule == "secret-produced"], findings


def test_make_check_reports_a_solver_secret_nobody_creates(knobs_tree, repo_root, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(knobs_tree["dist"], dist)
    file = dist / "cluster-1" / ISSUER_FILE
    issuer = yaml.safe_load(file.read_text())
    issuer["spec"]["acme"]["solvers"][0]["dns01"]["route53"]["secretAccessKeySecretRef"]["name"] = "route53-elsewhere"
    file.write_text(dump_yaml(issuer))
    findings = [f for f in check_tree(topology=load_topology(KNOBS), dist=dist, argocd=knobs_tree["argocd"], repo_root=repo_root)
                if f.rule == "secret-produced"]
    assert len(findings) == 1 and "Secret cert-manager/route53-elsewhere" in findings[0].message, findings


def test_only_the_solver_that_renders_is_judged_for_placeholders():
    # With dns01, the older acme.cloudflare keeps its default e-mail@example.com: it renders nowhere, so it is silent.
    data = yaml.safe_load(KNOBS.read_text())
    assert not [p for p in placeholders(parse_topology(yaml.safe_dump(data))) if p.field.startswith("frontProxy.acme")]
    data["frontProxy"]["acme"]["dns01"] = {"cloudflare": {"email": "dns@example.com", "apiKeySecretRef": {"name": "cf"}}}
    topology = parse_topology(yaml.safe_dump(data))
    found = [(p.field, p.value) for p in placeholders(topology) if p.field.startswith("frontProxy.acme")]
    assert found == [("frontProxy.acme.dns01.cloudflare.email", "dns@example.com")]
    # ... and it blocks the rollout like the ACME e-mail: the bootstrap's first step asks to replace it.
    assert [p.field for p in blocking_placeholders(topology)] == ["frontProxy.acme.dns01.cloudflare.email"]
    data["frontProxy"]["acme"]["dns01"] = {"rfc2136": {"nameserver": "ns1.example.net:53"}}
    found = [(p.field, p.value) for p in placeholders(parse_topology(yaml.safe_dump(data))) if p.field.startswith("frontProxy.acme")]
    assert found == [("frontProxy.acme.dns01.rfc2136.nameserver", "ns1.example.net")]
    data["frontProxy"]["acme"]["dns01"] = {"azureDNS": {"subscriptionID": "11111111-2222-3333-4444-555555555555",
                                                        "resourceGroupName": "dns", "hostedZoneName": "zone.test"}}
    found = [(p.field, p.value) for p in placeholders(parse_topology(yaml.safe_dump(data))) if p.field.startswith("frontProxy.acme")]
    assert found == [("frontProxy.acme.dns01.azureDNS.hostedZoneName", "zone.test")]


def test_the_missing_solver_secret_fault_applies_only_to_solvers_with_a_secret():
    assert _needs_dns_solver_secret(load_topology(KNOBS)) == ""
    assert "ambient" in _needs_dns_solver_secret(load_topology(PROVIDERS / "route53-ambient.yaml"))


# -- the rehearsal's cert-manager stand-in, fed the rendered ClusterIssuer --------------------------------------------


class _World:
    """One cluster with the cert-manager chart (given values), its stand-in, the kubelet and the rendered issuer."""

    def __init__(self, fixture: Path, values: dict | None = None) -> None:
        self.fleet = Fleet()
        self.cluster = self.fleet.add_cluster("cluster-1")
        for name in ("cert-manager", "pki"):
            self._apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
        objects = PinnedCharts().render(CERT_MANAGER.repo_url, "cert-manager", "v1.18.2", "cert-manager", "cert-manager",
                                        {"crds": {"enabled": True}, **(values or {})})
        for obj in sorted(objects, key=lambda o: o["kind"] != "CustomResourceDefinition"):
            self._apply(obj)
        self._apply(_issuer(fixture))
        self.certificate = self._apply({
            "apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "front-proxy", "namespace": "pki"},
            "spec": {"secretName": "front-proxy-tls", "dnsNames": ["api.kcp.example.io"],
                     "issuerRef": {"name": "letsencrypt-prod", "kind": "ClusterIssuer", "group": "cert-manager.io"}}})
        self.cert_manager, self.kubelet = CertManager(), Workloads()

    def _apply(self, obj: dict) -> dict:
        return self.cluster.api.apply(obj, manager="test")

    def run(self, seconds: float) -> None:
        end = self.fleet.clock.now + seconds
        while self.fleet.clock.now < end:
            self.fleet.clock.now += 5.0
            self.kubelet.reconcile(self.cluster)
            self.cert_manager.reconcile(self.cluster)

    def blockers(self) -> list[str]:
        return self.cert_manager.blockers(self.cluster, self.cluster.api.get("cert-manager.io", "Certificate", "pki", "front-proxy"))

    def create_secret(self, name: str, keys: tuple[str, ...]) -> None:
        data = {key: base64.b64encode(b"not-a-real-credential").decode() for key in keys}
        self._apply({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": "cert-manager"}, "data": data})

    def issued(self) -> bool:
        return self.cluster.api.get("", "Secret", "pki", "front-proxy-tls") is not None


@pytest.mark.parametrize("name", ["knobs-acme", "clouddns-key", "azuredns-service-principal", "rfc2136-tsig"])
def test_the_stand_in_waits_for_the_chosen_providers_secret_and_key(name):
    world = _World(_fixture(name))
    world.run(600)
    ((secret, keys),) = SECRETS[name]
    assert world.blockers() == [f'DNS-01 challenge for api.kcp.example.io: error getting secret: secret "{secret}" not found in cert-manager']
    world.create_secret(secret, (*keys[:-1], "wrong-key"))
    world.run(10)
    assert world.blockers() == [f'DNS-01 challenge for api.kcp.example.io: specified key "{keys[-1]}" not found in secret cert-manager/{secret}']
    world.create_secret(secret, keys)
    world.run(120)
    assert world.blockers() == [] and world.issued()


@pytest.mark.parametrize("name", ["route53-ambient", "clouddns-workload-identity", "azuredns-managed-identity"])
def test_the_stand_in_issues_with_ambient_credentials_unless_the_controller_forbids_them(name):
    world = _World(_fixture(name))
    world.run(600)
    assert world.blockers() == [] and world.issued()
    forbidden = _World(_fixture(name), {"extraArgs": ["--cluster-issuer-ambient-credentials=false"]})
    forbidden.run(600)
    (blocker,) = forbidden.blockers()
    assert blocker.startswith("DNS-01 challenge for api.kcp.example.io: error instantiating ") and "ambient" in blocker
    assert not forbidden.issued()
