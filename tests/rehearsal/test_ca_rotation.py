"""CA keys in the rehearsal (issue 10): what cert-manager v1.18's rotation policies do to a CA and what it signed, the
trust check `day2-rotate-ca` runs on every tick, and the scenario itself on trees with and without the CA policy.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from kcpgitops.cli import synth
from kcpgitops.rehearsal._controllers.cert_manager import renew
from kcpgitops.rehearsal._scenarios import SCENARIOS, _signed_by, day2_rotate_ca, run_scenario, trust_problems
from tests.rehearsal.test_cert_manager import World

ROOT = Path(__file__).resolve().parents[2]
ROOT_SHARD_FILE = Path("dist/cluster-1/kcp-zheng/rootshard.operator.kcp.io_root.yaml")


def _cert(world: World, name: str) -> x509.Certificate:
    return x509.load_pem_x509_certificates(world.secret_data("pki", name)["tls.crt"])[0]


def _ca_world(policy: str | None) -> World:
    """ca-chain.yaml (self-signed root-ca, Issuer over it, leaf `server`) with the CA's rotation policy set or unset."""
    world = World("pki")
    world.apply_file("ca-chain.yaml")
    if policy:
        ca = world.get("Certificate", "pki", "root-ca")
        ca["spec"]["privateKey"]["rotationPolicy"] = policy
        world.apply(ca)
    world.run(30)
    return world


def test_renewing_a_ca_under_v1_18s_default_policy_orphans_what_it_signed():
    world = _ca_world(None)
    ca_before, leaf = _cert(world, "root-ca-tls"), _cert(world, "server-tls")
    renew(world.cluster, "pki", "root-ca")
    world.run(5)
    ca_after = _cert(world, "root-ca-tls")
    assert ca_after.public_key() != ca_before.public_key()
    assert _cert(world, "server-tls") == leaf  # nothing re-issues the leaf
    assert _signed_by(leaf, ca_before) and not _signed_by(leaf, ca_after)


def test_renewing_a_ca_with_rotation_policy_never_keeps_what_it_signed_verifying():
    world = _ca_world("Never")
    ca_before, leaf = _cert(world, "root-ca-tls"), _cert(world, "server-tls")
    renew(world.cluster, "pki", "root-ca")
    world.run(5)
    ca_after = _cert(world, "root-ca-tls")
    assert ca_after != ca_before and world.get("Certificate", "pki", "root-ca")["status"]["revision"] == 2
    assert ca_after.public_key() == ca_before.public_key()
    assert _signed_by(leaf, ca_after)


def test_deleting_the_secret_of_a_never_ca_gives_it_a_new_key():
    world = _ca_world("Never")
    before = _cert(world, "root-ca-tls")
    world.cluster.api.delete(("", "Secret", "pki", "root-ca-tls"))
    world.run(5)
    assert _cert(world, "root-ca-tls").public_key() != before.public_key()


def test_never_with_a_key_of_another_algorithm_waits_for_a_person():
    world = _ca_world("Never")
    key_before = world.secret_data("pki", "root-ca-tls")["tls.key"]
    ca = world.get("Certificate", "pki", "root-ca")
    ca["spec"]["privateKey"]["algorithm"] = "RSA"
    world.apply(ca)
    world.run(30)
    assert world.secret_data("pki", "root-ca-tls")["tls.key"] == key_before
    blockers = world.cert_manager.blockers(world.cluster, world.get("Certificate", "pki", "root-ca"))
    assert blockers and blockers[0].startswith('User intervention required: existing private key in Secret "root-ca-tls"')
    assert any("User intervention required" in e.message for e in world.fleet.timeline.events)


# -- the whole rehearsal --------------------------------------------------------------------------------------------


def _rendered_tree(dest: Path, *, root_ca_policy: bool = True) -> Path:
    """The default topology rendered by this generator into a repository copy; optionally without the root CA's policy."""
    dest.mkdir(parents=True)
    for name in ("sealed", "certs", "vendor"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "topology.yaml", dest / "topology.yaml")
    assert synth(topology=dest / "topology.yaml", dist=dest / "dist", argocd=dest / "argocd") == 0
    if not root_ca_policy:
        path = dest / ROOT_SHARD_FILE
        doc = yaml.safe_load(path.read_text())
        del doc["spec"]["certificateTemplates"]["root-ca"]["spec"]["privateKey"]
        path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return dest


@pytest.fixture(scope="module")
def world_without_root_ca_policy(tmp_path_factory):
    """A converged fleet whose RootShard lets kcp-operator's root CA take cert-manager v1.18's default (Always)."""
    tree = _rendered_tree(tmp_path_factory.mktemp("tree") / "repo", root_ca_policy=False)
    outcome, world = run_scenario(SCENARIOS["fresh-install"], source=tree, topology=tree / "topology.yaml",
                                  scratch=tmp_path_factory.mktemp("scratch"))
    assert outcome.passed and world is not None, outcome.summary
    yield world
    world.stop()


def _key(cluster, name: str) -> bytes:
    data = cluster.api.peek(("", "Secret", "kcp-zheng", name))["data"]["tls.crt"]
    cert = x509.load_pem_x509_certificates(base64.b64decode(data))[0]
    return cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def test_day2_rotate_ca_refuses_a_root_ca_that_would_change_its_key(world_without_root_ca_policy):
    world = world_without_root_ca_policy
    root = world.fleet.clusters["cluster-1"]
    kcp_ca = _key(root, "kcp-ca-tls")
    failed: list[str] = []
    day2_rotate_ca(world, failed)
    assert len(failed) == 1 and "root-ca on cluster-1 has rotationPolicy unset (cert-manager v1.18: Always)" in failed[0], failed
    assert "make synth" in failed[0]
    assert _key(root, "kcp-ca-tls") == kcp_ca  # it stopped before touching anything


def test_trust_check_catches_a_ca_key_change_under_issued_certificates(world_without_root_ca_policy):
    world = world_without_root_ca_policy
    root, shard = world.fleet.clusters["cluster-1"], world.fleet.clusters["cluster-2"]
    assert trust_problems(root, "kcp-zheng", "root") == [] and trust_problems(shard, "kcp-zheng", "root") == []
    # kcp-operator's root CA re-issued under cert-manager v1.18's default policy: a new key under every intermediate.
    before = _key(root, "root-ca")
    renew(root, "kcp-zheng", "root-ca")
    world.run_until(lambda: _key(root, "root-ca") != before, limit=60)
    problems = trust_problems(root, "kcp-zheng", "root")
    assert ("cluster-1: Secret kcp-zheng/root-server-ca does not verify against kcp-zheng/root-ca tls.crt, the CA file kcp "
            "reads") in problems, problems
    # Every intermediate, and the merged CA bundles that copy the server and client CAs.
    assert {f"kcp-zheng/root-{ca}-ca" for ca in ("server", "requestheader-client", "client", "service-account")} <= {
        p.split()[2] for p in problems}
    # An etcd root CA with a new key: a leaf issued since no longer verifies against the ca.crt etcd reads.
    shard.api.delete(("", "Secret", "cert-manager", "etcd-ca-tls"))
    world.run_until(lambda: shard.api.peek(("", "Secret", "cert-manager", "etcd-ca-tls")) is not None, limit=60)
    renew(shard, "kcp-zheng", "etcd-server-tls")
    world.run_until(lambda: bool(trust_problems(shard, "kcp-zheng", "root")), limit=60)
    assert trust_problems(shard, "kcp-zheng", "root") == [
        "cluster-2: Secret kcp-zheng/etcd-server-tls does not verify against etcd-ca-tls ca.crt, the CA file of Etcd alpha "
        "clientUrlTls"
    ]


# The rotation itself (kcp-ca gets a new key, root-ca keeps its key and is re-signed, shard clusters receive it, no
# certificate ever stops verifying) is the `day2-rotate-ca` scenario's own check, which `make rehearse` runs on both
# topologies; these tests break the rule on purpose and see the scenario and the trust check catch it.
