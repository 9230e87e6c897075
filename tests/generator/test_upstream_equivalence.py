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
    """Upstream documents with the documented fixes applied: the domain, IP SANs, no OIDC client secret."""
    text = yaml.safe_dump(doc).replace("zheng.example.com", "zheng.example.io")
    doc = yaml.load(text, Loader=yaml.CSafeLoader)
    spec = doc.get("spec") or {}
    if doc["kind"] == "Certificate" and "127.0.0.1" in spec.get("dnsNames", []):
        spec["dnsNames"] = [n for n in spec["dnsNames"] if n != "127.0.0.1"]
    (spec.get("auth") or {}).get("oidc", {}).pop("clientSecret", None)
    return doc


def _upstream(cluster: str) -> dict[tuple, dict]:
    docs = {}
    for name in GUIDE_FILES[cluster]:
        for doc in yaml.load_all((UPSTREAM / name).read_text(), Loader=yaml.CSafeLoader):
            if doc:
                doc = _upstream_fixes(doc)
                if doc["kind"] == "Shard":
                    # kcp-zheng's shards run on other clusters. Their Services on cluster 1 only back the Deployment
                    # kcp-operator keeps at 0 replicas: ClusterIP, not an idle public load balancer; the bridge gives
                    # the delivered Service its own cluster's exposure (issue 10).
                    doc["spec"]["serviceTemplate"] = {"spec": {"type": "ClusterIP"}}
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


def _extra_fields(expected, actual, kind: str, path: str = "", allowed: frozenset | set = frozenset(ADDED_FIELDS)) -> list[str]:
    """Rendered fields upstream does not have and that are not documented additions (`allowed`)."""
    if not (isinstance(expected, dict) and isinstance(actual, dict)):
        return []
    extras = []
    for key, value in actual.items():
        sub = f"{path}.{key}" if path else key
        if key in expected:
            extras += _extra_fields(expected[key], value, kind, sub, allowed)
        elif (kind, sub) in allowed or ("*", sub) in allowed:
            continue
        elif isinstance(value, dict) and value:
            extras += _extra_fields({}, value, kind, sub, allowed)
        else:
            extras.append(sub)
    return extras


def _not_rendered_faithfully(upstream: dict[tuple, dict], docs: list[dict]) -> list[str]:
    """Rule 1: every upstream object is rendered with every upstream field."""
    rendered = {_key(d): d for d in docs}
    problems = []
    for key, expected in upstream.items():
        if key not in rendered:
            problems.append(f"{key}: not rendered")
            continue
        problems += [f"{key} {p}" for p in _missing_or_different(expected, rendered[key])]
    return problems


def _undocumented_additions(upstream: dict[tuple, dict], docs: list[dict], *, objects: set, fields: set) -> list[str]:
    """Rule 2: every rendered object and field is upstream's or a documented addition."""
    problems = []
    for doc in docs:
        key = _key(doc)
        if key in upstream:
            problems += [f"{key} adds {p}" for p in _extra_fields(upstream[key], doc, key[0], allowed=fields)]
        elif key not in objects:
            problems.append(f"{key}: not upstream and not a documented addition")
    return problems


@pytest.mark.parametrize("cluster", sorted(GUIDE_FILES))
def test_every_upstream_object_is_rendered_with_every_upstream_field(default_render, cluster):
    assert _not_rendered_faithfully(_upstream(cluster), default_render.manifests[cluster]) == []


@pytest.mark.parametrize("cluster", sorted(GUIDE_FILES))
def test_rendered_objects_are_upstream_or_documented_additions(default_render, cluster):
    assert _undocumented_additions(_upstream(cluster), default_render.manifests[cluster], objects=ADDED_OBJECTS, fields=ADDED_FIELDS) == []


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


# --- the single-cluster patterns: kcp-dekker, kcp-vespucci (issue 13) --------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
ETCD_ISSUER = "etcd-druid/certificate-etcd-issuer.yaml"
PATTERN_OBJECTS = ("certificate-etcd.yaml", "certificate-kcp.yaml", "etcd-druid-root.yaml", "etcd-druid-alpha.yaml",
                   "kcp-root-shard.yaml", "kcp-alpha-shard.yaml", "kcp-front-proxy.yaml", "kubeconfig-kcp-admin.yaml")
PATTERN_FILES = {
    # The single-cluster guides never apply the etcd-ca ClusterIssuer their certificate-etcd.yaml names; we render it
    # (as for kcp-zheng), so the comparison includes it. vespucci's front-proxy uses the letsencrypt-prod ClusterIssuer.
    "kcp-dekker": [ETCD_ISSUER, *(f"kcp-dekker/{f}" for f in PATTERN_OBJECTS)],
    "kcp-vespucci": [ETCD_ISSUER, *(f"kcp-vespucci/{f}" for f in PATTERN_OBJECTS), "cert-manager/cluster-issuer.yaml.template"],
    "kcp-comer": [ETCD_ISSUER, *(f"kcp-comer/{f}" for f in PATTERN_OBJECTS),
                  "kcp-comer/kcp-front-proxy-internal.yaml", "kcp-comer/kubeconfig-kcp-admin-internal.yaml"],
}
"""What each single-cluster pattern applies (kcp-dev/kcp@dac74f5955f1d4c703e87dd5cfecbc9a0a514643:contrib/production/<pattern>),
all on its one cluster."""

SHARED_ETCD_CERTIFICATES = ("etcd-server-tls", "etcd-client-tls", "etcd-peer-tls", "etcd-backup-restore-server-tls",
                            "etcd-backup-restore-client-tls")
"""Upstream's single-cluster patterns share these between the root and alpha etcds; we render one set per etcd
(README: a certificate valid for both etcds' names would let either impersonate the other)."""

PATTERN_ADDED_FIELDS = {("Shard", "spec.replicas")}
"""Rendered on every Shard; v0.9.0's default is the same 2 (kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/v1alpha1/shard_types.go)."""


def _split_shared_etcd_certificates(docs: list[dict], etcds: tuple[str, ...]) -> list[dict]:
    """Upstream documents with each shared etcd certificate split into one per etcd, and the Etcds pointing at theirs."""
    out = []
    for doc in docs:
        name = doc["metadata"]["name"]
        if doc["kind"] == "Certificate" and name in SHARED_ETCD_CERTIFICATES:
            for etcd in etcds:
                own = copy.deepcopy(doc)
                own["metadata"]["name"] = own["spec"]["secretName"] = f"{etcd}-{name}"
                if "dnsNames" in own["spec"]:
                    own["spec"]["dnsNames"] = [n for n in own["spec"]["dnsNames"]
                                               if n.removeprefix("*.").startswith(f"{etcd}-") or n == "localhost"]
                out.append(own)
        elif doc["kind"] == "Etcd":
            text = yaml.safe_dump(doc)
            for shared in SHARED_ETCD_CERTIFICATES:
                text = text.replace(f"name: {shared}\n", f"name: {name}-{shared}\n")
            out.append(yaml.load(text, Loader=yaml.CSafeLoader))
        else:
            out.append(doc)
    return out


def _pattern_upstream(pattern: str) -> dict[tuple, dict]:
    docs = [_upstream_fixes(d) for name in PATTERN_FILES[pattern]
            for d in yaml.load_all((UPSTREAM / name).read_text(), Loader=yaml.CSafeLoader) if d]
    docs = _split_shared_etcd_certificates(docs, ("root", "alpha"))
    return {_key(d): d for d in docs}


@pytest.fixture(scope="module")
def pattern_renders(rendered_fixture) -> dict[str, list[dict]]:
    return {pattern: rendered_fixture(ROOT / "examples" / pattern / "topology.yaml")[1].manifests["cluster-1"]
            for pattern in PATTERN_FILES}


@pytest.mark.parametrize("pattern", sorted(PATTERN_FILES))
def test_pattern_preset_renders_every_upstream_object_with_every_upstream_field(pattern_renders, pattern):
    assert _not_rendered_faithfully(_pattern_upstream(pattern), pattern_renders[pattern]) == []


@pytest.mark.parametrize("pattern", sorted(PATTERN_FILES))
def test_pattern_preset_renders_only_upstream_or_documented_additions(pattern_renders, pattern):
    added = {("Namespace", "", pattern), ("Secret", pattern, "letsencrypt-ca")}
    problems = _undocumented_additions(_pattern_upstream(pattern), pattern_renders[pattern], objects=added,
                                       fields=ADDED_FIELDS | PATTERN_ADDED_FIELDS)
    assert problems == []


def test_a_missing_upstream_field_is_reported(pattern_renders):
    broken = copy.deepcopy(pattern_renders["kcp-vespucci"])
    front_proxy = next(d for d in broken if d["kind"] == "FrontProxy")
    del front_proxy["spec"]["caBundleSecretRef"]
    problems = _not_rendered_faithfully(_pattern_upstream("kcp-vespucci"), broken)
    assert problems == ["('FrontProxy', 'kcp-vespucci', 'frontproxy') spec.caBundleSecretRef: missing"]


def test_dekker_shards_stay_private(pattern_renders):
    from kcpgitops.docs import dns_plan
    from kcpgitops.topology import load_topology

    topology = load_topology(ROOT / "examples" / "kcp-dekker" / "topology.yaml")
    assert [r.hostname for r in dns_plan(topology)] == ["api.dekker.example.com"]
    for doc in pattern_renders["kcp-dekker"]:
        if doc["kind"] in ("RootShard", "Shard"):
            assert "shardBaseURL" not in doc["spec"] and "serviceTemplate" not in doc["spec"], doc["metadata"]["name"]


def test_a_public_url_on_a_private_shard_is_reported(pattern_renders):
    rendered = copy.deepcopy(next(d for d in pattern_renders["kcp-dekker"] if d["kind"] == "Shard"))
    rendered["spec"]["shardBaseURL"] = "https://alpha.dekker.example.com:6443"
    upstream = _pattern_upstream("kcp-dekker")[_key(rendered)]
    assert _extra_fields(upstream, rendered, "Shard", allowed=ADDED_FIELDS | PATTERN_ADDED_FIELDS) == ["spec.shardBaseURL"]


def test_upstream_patterns_really_share_etcd_certificates():
    """Guards the split above against a silently changed fixture."""
    certs = {d["metadata"]["name"]: d for d in yaml.load_all((UPSTREAM / "kcp-dekker/certificate-etcd.yaml").read_text(), Loader=yaml.CSafeLoader) if d}
    names = certs["etcd-server-tls"]["spec"]["dnsNames"]
    assert any(n.startswith("root-") for n in names) and any(n.startswith("alpha-") for n in names)


def test_zheng_preset_is_the_default_topology():
    preset = ROOT / "examples" / "kcp-zheng" / "topology.yaml"
    assert preset.is_symlink() and preset.resolve() == (ROOT / "topology.yaml").resolve()
