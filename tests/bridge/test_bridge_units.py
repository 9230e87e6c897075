"""Rules inside the bridge: references, cleaning, bundle decoding, configuration and fingerprints."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import yaml
from bridge_testkit.bundles import FIXTURES, World, expected_clean, operator_key
from hypothesis import given, settings
from hypothesis import strategies as st

from bridge import _bundle, _config, _fingerprint, _render
from bridge._errors import BundleError, UsageError


def test_references_follow_volumes_projected_env_envfrom_and_pull_secrets() -> None:
    deployment = yaml.load((FIXTURES / "pod-references.yaml").read_text(), Loader=yaml.CSafeLoader)
    refs = {(r.kind, r.name): r.optional for r in _bundle.references(objects=[deployment])}
    assert refs == {
        ("Secret", "pull-secret"): True,
        ("Secret", "volume-secret"): False,
        ("Secret", "optional-volume-secret"): True,
        ("ConfigMap", "volume-config"): False,
        ("Secret", "projected-secret"): False,
        ("ConfigMap", "projected-config"): True,
        ("Secret", "init-env-secret"): False,
        ("Secret", "env-secret"): False,
        ("ConfigMap", "env-config"): True,
        ("ConfigMap", "envfrom-config"): False,
        ("Secret", "envfrom-secret"): True,
    }


def test_references_of_the_kcp_operator_shard_deployment_are_computed_not_hard_coded() -> None:
    world = World(shards=["alpha", "beta", "gamma"])
    objects = [{"apiVersion": "apps/v1", "kind": "Deployment", **world.deployment("alpha")}]
    names = {r.name for r in _bundle.references(objects=objects)}
    bundled = {e["name"] for e in world._spec("alpha")["bundle"]}
    assert names - bundled == {"alpha-mounts-proxy", "etcd-ca-tls", "root-service-account", "beta-service-account", "gamma-service-account"}


def test_clean_strips_what_must_not_travel_and_keeps_the_rest() -> None:
    world = World()
    world.build()
    dep = world.live_deployment("alpha")
    dep["metadata"]["managedFields"] = [{"manager": "x"}]
    dep["metadata"]["ownerReferences"] = [{"kind": "Shard", "name": "alpha"}]
    dep["metadata"]["selfLink"] = "/apis/apps/v1/x"
    dep["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{}"
    cleaned = _bundle.clean(obj=dep)
    assert "status" not in cleaned
    # deployment.kubernetes.io/revision is cluster 1's Deployment controller's count: nothing else was annotated.
    assert set(cleaned["metadata"]) == {"name", "namespace", "labels"}
    assert cleaned["spec"] == dep["spec"]
    svc = {"kind": "Service", "apiVersion": "v1", **world.service("alpha")}
    cleaned_svc = _bundle.clean(obj=svc)
    assert "clusterIP" not in cleaned_svc["spec"] and "clusterIPs" not in cleaned_svc["spec"] and "status" not in cleaned_svc
    # Cluster 1's node port allocation stays behind; the port itself travels.
    assert cleaned_svc["spec"]["ports"] == [{k: v for k, v in p.items() if k != "nodePort"} for p in svc["spec"]["ports"]]
    assert [p["nodePort"] for p in svc["spec"]["ports"]] == [31443]
    assert cleaned_svc == expected_clean(svc)


def test_bundle_keys_follow_the_operator_rule() -> None:
    assert (
        _bundle.bundle_key(api_version="apps/v1", plural="deployments", namespace="kcp-zheng", name="alpha-shard-kcp")
        == "apis_apps_v1_namespaces_kcp_zheng_deployments_alpha_shard_kcp"
    )
    assert (
        _bundle.bundle_key(api_version="v1", plural="secrets", namespace="kcp-zheng", name="root-ca")
        == "api_v1_namespaces_kcp_zheng_secrets_root_ca"
    )
    assert (
        operator_key(group="", version="v1", namespace="kcp-zheng", plural="secrets", name="root-ca")
        == "api_v1_namespaces_kcp_zheng_secrets_root_ca"
    )


def _bundle_secret(values: dict[str, object]) -> dict:
    return {"apiVersion": "v1", "kind": "Secret", "data": {k: base64.b64encode(json.dumps(v).encode()).decode() for k, v in values.items()}}


def test_decode_infers_kinds_from_keys_when_type_meta_is_empty() -> None:
    world = World()
    objects = _bundle.decode_bundle(secret=world.bundle_secret("alpha"), namespace="kcp-zheng", name="alpha-bundle")
    kinds = sorted(o["kind"] for o in objects)
    assert len(objects) == 17
    assert kinds.count("Secret") == 15 and kinds.count("Deployment") == 1 and kinds.count("Service") == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"api_v1_namespaces_kcp_zheng_secrets_x": {"metadata": {"name": "y", "namespace": "kcp-zheng"}}}, "names no known kind"),
        (
            {
                "api_v1_namespaces_kcp_zheng_secrets_x": {
                    "kind": "ConfigMap",
                    "apiVersion": "v1",
                    "metadata": {"name": "x", "namespace": "kcp-zheng"},
                }
            },
            "does not match",
        ),
        ({"api_v1_namespaces_kcp_zheng_secrets_x": {"metadata": {"name": "x", "namespace": "other"}}}, "expected 'kcp-zheng'"),
        ({"api_v1_namespaces_kcp_zheng_secrets_x": ["a list"]}, "not hold a JSON object"),
        ({"api_v1_namespaces_kcp_zheng_secrets_x": {"metadata": {"name": "x", "namespace": "kcp-zheng"}}}, "holds no Deployment"),
    ],
)
def test_decode_rejects_malformed_bundles(values: dict[str, object], message: str) -> None:
    with pytest.raises(BundleError, match=message):
        _bundle.decode_bundle(secret=_bundle_secret(values), namespace="kcp-zheng", name="alpha-bundle")


def test_fingerprints_are_keyed_and_deterministic() -> None:
    obj = {"kind": "Secret", "metadata": {"name": "x"}, "data": {"k": "dmFsdWU="}}

    def fp(o: dict, key: bytes = b"k" * 32, sealed_with: str = "c") -> str:
        return _fingerprint.object_fingerprint(
            key=key, filename="f", canonical_object=_fingerprint.canonical(value=o), sealed_with=sealed_with
        )

    a = fp(obj)
    assert a == fp(json.loads(json.dumps(obj, sort_keys=False)))
    assert a != fp(obj, key=b"j" * 32)
    assert a != fp(obj, sealed_with="other-cert")
    assert a != fp({**obj, "data": {"k": "dmFsdWY="}})
    assert a.startswith("hmac-sha256:") and len(a) == len("hmac-sha256:") + 64
    target = _fingerprint.target_fingerprint(key=b"k" * 32, mode="objects", sealed_with="c", objects=[("b", b"{}"), ("a", b"[]")])
    assert target == _fingerprint.target_fingerprint(key=b"k" * 32, mode="objects", sealed_with="c", objects=[("a", b"[]"), ("b", b"{}")])
    assert target != _fingerprint.target_fingerprint(key=b"k" * 32, mode="bundle", sealed_with="c", objects=[("a", b"[]"), ("b", b"{}")])


def _write_config(tmp_path: Path, **target: object) -> Path:
    base = {
        "shard": "alpha",
        "cluster": "cluster-2",
        "certificate": "c.pem",
        "repoURL": "https://git.example.com/r.git",
        "path": "bridge/cluster-2",
    }
    doc = {"namespace": "kcp-zheng", "git": {"authorName": "a", "authorEmail": "a@b.c"}, "targets": [{**base, **target}]}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def test_config_defaults_and_relative_certificate(tmp_path: Path) -> None:
    config = _config.load_config(path=_write_config(tmp_path))
    target = config.targets[0]
    assert target.bundle_secret == "alpha-bundle" and target.branch == "main" and target.mode == "objects"
    assert target.certificate == tmp_path / "c.pem"
    assert config.fingerprint_annotation == "bridge.kcp-zheng.io/fingerprint"
    assert config.git.push_retries == 5 and config.git.message_prefix == "bridge:"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"repoURL": "https://user:tok@git.example.com/r.git"}, "must not embed credentials"),
        ({"repoURL": "http://git.example.com/r.git"}, "https:// or ssh://"),
        ({"path": "../escape"}, "relative path"),
        ({"path": "/abs"}, "relative path"),
        ({"path": ".git/hooks"}, "relative path"),
        ({"mode": "everything"}, "mode"),
        ({"unknown": 1}, "Extra inputs"),
        ({"branch": "a..b"}, "branch"),
    ],
)
def test_config_errors_are_usage_errors(tmp_path: Path, target: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        _config.load_config(path=_write_config(tmp_path, **target))


def test_config_rejects_overlapping_paths_in_one_repository(tmp_path: Path) -> None:
    base = {"cluster": "c", "certificate": "c.pem", "repoURL": "https://git.example.com/r.git"}
    doc = {
        "namespace": "kcp-zheng",
        "git": {"authorName": "a", "authorEmail": "a@b.c"},
        "targets": [{**base, "shard": "alpha", "path": "bridge"}, {**base, "shard": "beta", "path": "bridge/beta"}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(UsageError, match="overlap"):
        _config.load_config(path=path)


def test_config_lets_shards_of_one_cluster_share_a_path_and_nothing_else(tmp_path: Path) -> None:
    base = {"cluster": "c", "certificate": "c.pem", "repoURL": "https://git.example.com/r.git", "path": "bridge/c"}
    doc = {"namespace": "kcp-zheng", "git": {"authorName": "a", "authorEmail": "a@b.c"},
           "targets": [{**base, "shard": "alpha"}, {**base, "shard": "beta"}]}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(doc))
    assert [t.path for t in _config.load_config(path=path).targets] == ["bridge/c", "bridge/c"]
    doc["targets"][1].update(cluster="d", certificate="d.pem")
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(UsageError, match="targets 'alpha' and 'beta' share the path 'bridge/c' but not their cluster, certificate"):
        _config.load_config(path=path)


def _config_with_retired(tmp_path: Path, *retired: dict[str, object], targets: bool = True) -> Path:
    doc = yaml.load(_write_config(tmp_path).read_text(), Loader=yaml.CSafeLoader)
    if not targets:
        doc["targets"] = []
    doc["retired"] = list(retired)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def test_config_accepts_retired_paths_and_a_config_of_only_retired_paths(tmp_path: Path) -> None:
    entry = {"cluster": "cluster-3", "repoURL": "https://git.example.com/r.git", "path": "bridge/cluster-3"}
    config = _config.load_config(path=_config_with_retired(tmp_path, entry))
    assert [(r.cluster, r.branch, r.path, r.key) for r in config.retired] == [("cluster-3", "main", "bridge/cluster-3", "retired:cluster-3")]
    assert [d.key for d in config.destinations] == ["alpha", "retired:cluster-3"]
    only = _config.load_config(path=_config_with_retired(tmp_path, entry, targets=False))
    assert not only.targets and len(only.retired) == 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        # It would delete the files the alpha target delivers.
        ({"cluster": "cluster-3", "repoURL": "https://git.example.com/r.git", "path": "bridge"}, "overlap"),
        ({"cluster": "cluster-2", "repoURL": "https://git.example.com/r.git", "path": "bridge/elsewhere"}, "still has targets: cluster-2"),
        ({"cluster": "cluster-3", "repoURL": "https://git.example.com/r.git", "path": "../out"}, "retired.0.path"),
        ({"cluster": "cluster-3", "repoURL": "https://git.example.com/r.git", "path": "p", "shard": "x"}, "Extra inputs"),
    ],
)
def test_config_rejects_retired_paths_that_would_touch_a_target_or_escape(tmp_path: Path, entry: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        _config.load_config(path=_config_with_retired(tmp_path, entry))


def test_config_needs_a_target_or_a_retired_path(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="at least one entry in targets or retired"):
        _config.load_config(path=_config_with_retired(tmp_path, targets=False))


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**53), max_value=2**53), st.text(max_size=30),
    st.sampled_from(["yes", "No", "on", "null", "~", "1:20", "0x1F", "1e3", "--flag=x", "---", "- x", "a: b", "#c", "hmac-sha256:ab", "2026-11-20"]),
)  # fmt: skip
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=12), _documents, max_size=5))
def test_yaml_rendering_round_trips_through_a_yaml_parser(document: dict) -> None:
    assert yaml.load(_render.dump(obj=document), Loader=yaml.CSafeLoader) == (document or None) or document == {}


def test_rendered_fingerprint_is_found_again() -> None:
    fp = "hmac-sha256:" + "0" * 64
    content = _render.dump(
        obj={"metadata": {"annotations": {"x.io/fingerprint": fp, "other": "1"}, "name": "n"}, "spec": {"a": {"x.io/fingerprint": "no"}}}
    )
    assert _render.read_fingerprint(content=content, pattern=_render.fingerprint_pattern(annotation="x.io/fingerprint")) == fp
