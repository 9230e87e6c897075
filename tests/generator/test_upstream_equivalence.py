"""The default topology renders the kcp-zheng guide's manifests, object by object, except for documented fixes."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from charts.ca_policy import KCP_OPERATOR_CA_TEMPLATES

UPSTREAM = Path(__file__).resolve().parents[1] / "fixtures" / "upstream" / "production"

GUIDE_FILES = {
    "cluster-1": [
        "etcd-druid/certificate-etcd-issuer.yaml",
        "kcp-zheng/certificate-etcd-root.yaml",
        "kcp-zheng/etcd-druid-root.yaml",
        "kcp-zheng/certificate-kcp.yaml",
        "kcp-zheng/kcp-root-shard.yaml",
        "kcp-zheng/kcp-front-proxy.yaml",
        "kcp-zheng/kubeconfig-kcp-admin.yaml",
        "kcp-zheng/kcp-alpha-shard.yaml",
        "kcp-zheng/kcp-beta-shard.yaml",
        "cert-manager/cluster-issuer.yaml.template",
    ],
    "cluster-2": ["etcd-druid/certificate-etcd-issuer.yaml", "kcp-zheng/certificate-etcd-alpha.yaml", "kcp-zheng/etcd-druid-alpha.yaml"],
    "cluster-3": ["etcd-druid/certificate-etcd-issuer.yaml", "kcp-zheng/certificate-etcd-beta.yaml", "kcp-zheng/etcd-druid-beta.yaml"],
}
"""Which upstream files the guide applies on which cluster."""

ADDED_OBJECTS = {
    ("Namespace", "", "kcp-zheng"),
    ("Secret", "kcp-zheng", "letsencrypt-ca"),
    *((kind, "kcp-zheng", "kcp-bridge") for kind in ("ServiceAccount", "Role", "RoleBinding", "CronJob")),
    ("ConfigMap", "kcp-zheng", "kcp-bridge-config"),
}
"""Objects the guide creates with kubectl commands instead of files, and the bridge that replaces copying bundles."""

ADDED_FIELDS = {
    ("*", "metadata.annotations.argocd.argoproj.io/sync-wave"),
    ("RootShard", "spec.image"),
    ("RootShard", "spec.proxy"),
    ("RootShard", "spec.replicas"),
    ("Shard", "spec.image"),
    ("FrontProxy", "spec.image"),
    ("Certificate", "spec.ipAddresses"),
    # CAs keep their key and live 10 years (charts/ca_policy.py; tests/generator/test_ca_policy.py checks only CAs do).
    ("Certificate", "spec.duration"),
    ("Certificate", "spec.renewBefore"),
    ("Certificate", "spec.privateKey"),
    *(("RootShard", f"spec.certificateTemplates.{key}") for key in KCP_OPERATOR_CA_TEMPLATES),
}
"""Fields we add: sync waves, the pinned kcp image everywhere, explicit root replicas, IP SANs moved out of dnsNames,
the CA policy on CA Certificates and, through the RootShard's templates, on kcp-operator's CAs."""


def _upstream_fixes(doc: dict) -> dict:
    """Upstream documents with the documented fixes applied: the domain, IP SANs, no OIDC client secret, remote shards'
    Services ClusterIP on cluster 1."""
    text = yaml.safe_dump(doc).replace("zheng.example.com", "zheng.example.io")
    doc = yaml.load(text, Loader=yaml.CSafeLoader)
    spec = doc.get("spec") or {}
    if doc["kind"] == "Certificate" and "127.0.0.1" in spec.get("dnsNames", []):
        spec["dnsNames"] = [n for n in spec["dnsNames"] if n != "127.0.0.1"]
    (spec.get("auth") or {}).get("oidc", {}).pop("clientSecret", None)
    if doc["kind"] == "Shard":
        # Remote shards' Services on cluster 1 only back the Deployment kcp-operator keeps at 0 replicas: ClusterIP, not
        # an idle public load balancer; the bridge gives the delivered Service its own cluster's exposure (issue 10).
        spec["serviceTemplate"] = {"spec": {"type": "ClusterIP"}}
    return doc


def _upstream(cluster: str) -> dict[tuple, dict]:
    docs = {}
    for name in GUIDE_FILES[cluster]:
        for doc in yaml.load_all((UPSTREAM / name).read_text(), Loader=yaml.CSafeLoader):
            if doc:
                doc = _upstream_fixes(doc)
                meta = doc["metadata"]
                docs[(doc["kind"], meta.get("namespace", ""), meta["name"])] = doc
    return docs


def _key(doc: dict) -> tuple:
    return (doc["kind"], doc["metadata"].get("namespace", ""), doc["metadata"]["name"])


def _missing_or_different(expected, actual, path: str = "") -> list[str]:
    """Upstream fields that the rendered object lacks or renders differently."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        problems = []
        for key, value in expected.items():
            sub = f"{path}.{key}" if path else key
            if key not in actual:
                problems.append(f"{sub}: missing")
            else:
                problems += _missing_or_different(value, actual[key], sub)
        return problems
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {expected!r} != {actual!r}"]
        return [p for i, (e, a) in enumerate(zip(expected, actual, strict=True)) for p in _missing_or_different(e, a, f"{path}[{i}]")]
    return [] if expected == actual else [f"{path}: upstream {expected!r}, rendered {actual!r}"]


def _extra_fields(expected, actual, kind: str, path: str = "") -> list[str]:
    """Rendered fields upstream does not have and that are not documented additions."""
    if not (isinstance(expected, dict) and isinstance(actual, dict)):
        return []
    extras = []
    for key, value in actual.items():
        sub = f"{path}.{key}" if path else key
        if key in expected:
            extras += _extra_fields(expected[key], value, kind, sub)
        elif (kind, sub) in ADDED_FIELDS or ("*", sub) in ADDED_FIELDS:
            continue
        elif isinstance(value, dict) and value:
            extras += _extra_fields({}, value, kind, sub)
        else:
            extras.append(sub)
    return extras


@pytest.mark.parametrize("cluster", sorted(GUIDE_FILES))
def test_every_upstream_object_is_rendered_with_every_upstream_field(default_render, cluster):
    rendered = {_key(d): d for d in default_render.manifests[cluster]}
    problems = []
    for key, upstream in _upstream(cluster).items():
        if key not in rendered:
            problems.append(f"{key}: not rendered")
            continue
        problems += [f"{key} {p}" for p in _missing_or_different(upstream, rendered[key])]
    assert problems == []


@pytest.mark.parametrize("cluster", sorted(GUIDE_FILES))
def test_rendered_objects_are_upstream_or_documented_additions(default_render, cluster):
    upstream = _upstream(cluster)
    problems = []
    for doc in default_render.manifests[cluster]:
        key = _key(doc)
        if key in upstream:
            problems += [f"{key} adds {p}" for p in _extra_fields(upstream[key], doc, key[0])]
        elif key not in ADDED_OBJECTS:
            problems.append(f"{key}: not in the guide and not a documented addition")
    assert problems == []


def test_ip_sans_are_ip_addresses_not_dns_names(default_render):
    for docs in default_render.manifests.values():
        for doc in docs:
            if doc["kind"] == "Certificate":
                names = doc["spec"].get("dnsNames", [])
                assert not any(n.replace(".", "").isdigit() for n in names), doc["metadata"]
    backup = next(d for d in default_render.manifests["cluster-1"] if d["metadata"]["name"] == "etcd-backup-restore-server-tls")
    assert backup["spec"]["ipAddresses"] == ["127.0.0.1"]


def test_no_oidc_client_secret_is_rendered(default_trees):
    for path in default_trees["dist"].rglob("*.yaml"):
        assert "clientSecret" not in path.read_text(), path


def test_upstream_fixture_really_has_the_quirks_we_fix():
    """Guards the fixes above against a silently changed fixture."""
    root_shard = yaml.load((UPSTREAM / "kcp-zheng/kcp-root-shard.yaml").read_text(), Loader=yaml.CSafeLoader)
    assert "clientSecret" in root_shard["spec"]["auth"]["oidc"]
    assert "zheng.example.com" in root_shard["spec"]["shardBaseURL"]
    certs = list(yaml.load_all((UPSTREAM / "kcp-zheng/certificate-etcd-root.yaml").read_text(), Loader=yaml.CSafeLoader))
    assert any("127.0.0.1" in (c["spec"].get("dnsNames") or []) for c in certs if c)


def test_fix_helper_does_not_mutate_input():
    doc = {"kind": "Certificate", "metadata": {"name": "x"}, "spec": {"dnsNames": ["a", "127.0.0.1"]}}
    before = copy.deepcopy(doc)
    _upstream_fixes(doc)
    assert doc == before
