"""CA policy (issue 10): every CA we render, and every CA kcp-operator makes for our RootShard, keeps its private key
across renewals (`privateKey.rotationPolicy: Never`) and lives 10 years; leaf certificates keep cert-manager's defaults.

Also: the README's CA rotation section lists the very steps the rehearsal's `day2-rotate-ca` replays.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from charts.ca_policy import (
    CA_DURATION,
    CA_RENEW_BEFORE,
    CA_ROTATION_POLICY,
    KCP_CA_ROTATION,
    KCP_OPERATOR_CA_TEMPLATES,
    ca_policy_violations,
    kcp_operator_ca_templates,
)
from kcpgitops.cli import synth
from kcpgitops.yaml_cache import load_documents
from kcpmodel import root_shard_certificates

ROOT = Path(__file__).resolve().parents[2]
FIVE_CLUSTERS = ROOT / "tests" / "generator" / "fixtures" / "five-clusters.yaml"


def _documents(tree: Path) -> list[dict]:
    return [doc for path in sorted(tree.rglob("*.yaml")) for doc in load_documents(path) if doc]


@pytest.fixture(scope="module", params=["default", "five-clusters"])
def rendered(request, tmp_path_factory) -> list[dict]:
    """Every document of the synthesized dist/ and argocd/ trees of one topology."""
    topology = ROOT / "topology.yaml" if request.param == "default" else FIVE_CLUSTERS
    out = tmp_path_factory.mktemp(request.param)
    assert synth(topology=topology, dist=out / "dist", argocd=out / "argocd") == 0
    return _documents(out / "dist") + _documents(out / "argocd")


def _ca_certificates(docs: list[dict]) -> list[dict]:
    return [d for d in docs if d.get("kind") == "Certificate" and (d.get("spec") or {}).get("isCA")]


def test_every_rendered_ca_keeps_its_key_and_lives_ten_years(rendered):
    cas = _ca_certificates(rendered)
    assert len(cas) >= 4  # the etcd root, its namespace copy, the peer CA and kcp-ca at least
    assert [d for d in rendered if d["kind"] == "RootShard"], "no RootShard rendered"
    assert ca_policy_violations(rendered) == []
    for doc in cas:
        spec = doc["spec"]
        assert (spec["duration"], spec["renewBefore"], spec["privateKey"]["rotationPolicy"]) == ("87600h", "720h", "Never"), doc


def test_leaf_certificates_keep_cert_managers_defaults(rendered):
    leaves = [d for d in rendered if d.get("kind") == "Certificate" and not (d.get("spec") or {}).get("isCA")]
    assert leaves
    for doc in leaves:
        assert not {"duration", "renewBefore", "privateKey"} & set(doc["spec"]), doc["metadata"]


def test_kcp_operator_gives_its_cas_our_policy_through_the_root_shard_templates(rendered):
    # What kcp-operator v0.9.0 makes of the rendered RootShard (kcpmodel restates its CA reconcilers and template merge):
    # each CA keeps upstream's RSA 4096 key and gets Never and our lifetime.
    for root in (d for d in rendered if d["kind"] == "RootShard"):
        cas = [c for c in root_shard_certificates(root) if c["spec"].get("isCA")]
        assert len(cas) == len(KCP_OPERATOR_CA_TEMPLATES) == 5
        for cert in cas:
            assert cert["spec"]["privateKey"] == {"algorithm": "RSA", "size": 4096, "rotationPolicy": CA_ROTATION_POLICY}, cert
            assert (cert["spec"]["duration"], cert["spec"]["renewBefore"]) == (CA_DURATION, CA_RENEW_BEFORE)
        leaves = [c for c in root_shard_certificates(root) if not c["spec"].get("isCA")]
        assert leaves and all("rotationPolicy" not in c["spec"]["privateKey"] for c in leaves)


def test_without_our_templates_kcp_operator_cas_would_rotate_their_keys(rendered):
    # The reason for the templates: upstream's own CA specs carry no rotation policy (cert-manager v1.18: Always).
    root = copy.deepcopy(next(d for d in rendered if d["kind"] == "RootShard"))
    for key in KCP_OPERATOR_CA_TEMPLATES:
        del root["spec"]["certificateTemplates"][key]
    cas = [c for c in root_shard_certificates(root) if c["spec"].get("isCA")]
    assert cas and all("rotationPolicy" not in c["spec"]["privateKey"] for c in cas)
    assert len(ca_policy_violations([root])) == 3 * len(KCP_OPERATOR_CA_TEMPLATES)


def test_a_ca_rendered_with_rotation_policy_always_is_caught(rendered):
    ca = copy.deepcopy(_ca_certificates(rendered)[0])
    ca["spec"]["privateKey"]["rotationPolicy"] = "Always"
    problems = ca_policy_violations([ca])
    name = f"Certificate {ca['metadata']['namespace']}/{ca['metadata']['name']}"
    assert problems == [f"{name}: spec.privateKey.rotationPolicy is 'Always', must be 'Never' (a CA must keep its key and live "
                        "long; render it with charts.ca_policy.ca_spec())"]


def test_a_ca_with_cert_managers_default_lifetime_and_policy_is_caught():
    ca = {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "etcd-ca", "namespace": "cert-manager"},
          "spec": {"isCA": True, "secretName": "etcd-ca-tls", "issuerRef": {"name": "selfsigned"}}}
    problems = ca_policy_violations([ca])
    assert [p.split(":")[1].split()[0] for p in problems] == ["spec.duration", "spec.renewBefore", "spec.privateKey.rotationPolicy"]
    assert all(p.startswith("Certificate cert-manager/etcd-ca: ") and "is None" in p for p in problems)


def test_a_root_shard_whose_ca_template_rotates_is_caught(rendered):
    root = copy.deepcopy(next(d for d in rendered if d["kind"] == "RootShard"))
    root["spec"]["certificateTemplates"]["client-ca"]["spec"]["privateKey"]["rotationPolicy"] = "Always"
    root["spec"]["certificateTemplates"]["server-ca"]["spec"]["duration"] = "2160h"
    problems = ca_policy_violations([root])
    where = f"RootShard {root['metadata']['namespace']}/{root['metadata']['name']}: "
    assert len(problems) == 2 and all(p.startswith(where) for p in problems)
    assert any("spec.certificateTemplates.client-ca.spec.privateKey.rotationPolicy is 'Always'" in p for p in problems)
    assert any("spec.certificateTemplates.server-ca.spec.duration is '2160h', must be '87600h'" in p for p in problems)


def test_ca_templates_are_fresh_dicts():
    templates = kcp_operator_ca_templates()
    templates["root-ca"]["spec"]["privateKey"]["rotationPolicy"] = "Always"
    assert kcp_operator_ca_templates()["root-ca"]["spec"]["privateKey"]["rotationPolicy"] == "Never"


def test_ca_fields_validate_against_the_vendored_crds(rendered, schema_dir, tmp_path):
    from kcpgitops.schemas import validate_paths

    docs = [*_ca_certificates(rendered), *(d for d in rendered if d["kind"] == "RootShard")]
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump_all(docs))
    assert validate_paths([good], schema_dir=schema_dir) == []
    # The schemas do constrain these fields: a policy cert-manager does not know is refused in both places.
    bad_docs = copy.deepcopy(docs)
    bad_docs[0]["spec"]["privateKey"]["rotationPolicy"] = "Sometimes"
    root = next(d for d in bad_docs if d["kind"] == "RootShard")
    root["spec"]["certificateTemplates"]["root-ca"]["spec"]["privateKey"]["rotationPolicy"] = "Sometimes"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump_all(bad_docs))
    findings = [str(f) for f in validate_paths([bad], schema_dir=schema_dir)]
    assert len(findings) == 2 and all("Sometimes" in f for f in findings), findings


def test_readme_ca_rotation_lists_every_step_the_rehearsal_replays():
    readme = (ROOT / "README.md").read_text()
    assert "## CA rotation" in readme
    section = readme.split("## CA rotation", 1)[1].split("\n## ", 1)[0]
    for step in KCP_CA_ROTATION:
        _, command = step.render(namespace="kcp-zheng", root="root")
        assert command in section, f"README's CA rotation section lacks step {command!r} (charts/ca_policy.py KCP_CA_ROTATION)"
    for value in (CA_DURATION, CA_RENEW_BEFORE, CA_ROTATION_POLICY):
        assert value in section
