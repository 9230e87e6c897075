"""Rules inside the bridge: references, cleaning, bundle decoding, configuration and fingerprints."""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from bridge_testkit.bundles import FIXTURES, World, expected_clean, operator_key
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from bridge import _bundle, _config, _fingerprint, _render
from bridge._errors import BridgeError, BundleError, UsageError


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
    assert [p["nodePort"] for p in svc["spec"]["ports"]] == [31443, 31444]
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


# Floats: 1e16 and 1e-7 (which the old emitter wrote so that YAML 1.1 readers saw strings), signed zero, the extremes.
_FLOAT_EXAMPLES = [1e16, 1e-7, -0.0, 0.0, 1e22, 1e300, -1e-300, 5e-324, 1.7976931348623157e308, 0.1, 2.5, -1.5e-12, 123456789012345678.0]
_floats = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(_FLOAT_EXAMPLES))
# Strings that some reader takes for something else when written plain: a YAML 1.1 reader (PyYAML; go-yaml v2 behind
# sigs.k8s.io/yaml, which also reads y/n as booleans and hands digits to Go's number parsers) or a YAML 1.2 reader.
_AMBIGUOUS = [
    "yes", "No", "on", "OFF", "y", "Y", "n", "N", "true", "False", "null", "Null", "~", "", "=", "<<",
    "1e3", "1E3", "1e+3", "1.5e3", "+.5", ".5", "1.", "-0", "+1", "0x10", "0X1F", "0o17", "0755", "09", "1_000", "-_1", "_", "._",
    "0b101", "1:20", "190:20:30.15", ".inf", "-.Inf", ".NaN", "2026-01-01", "2026-1-2", "2001-12-14t21:59:43.10-05:00",
]  # fmt: skip
_TRICKY = [
    *_AMBIGUOUS, "--flag=x", "---", "...", "- x", "a: b", "#c", "x #c", "hmac-sha256:ab", " lead", "trail ", "tab\there", "1.2.3",
    "line\nbreak", "x\n", "\n", "two\n\nblank\n\n", "  indented\nnext", "a\u2028b", "a\x85b", "é ünï 日本", "'", '"', "%x", "@x", "`x",
    "word " * 40,
]  # fmt: skip
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**64), _floats, st.text(max_size=30), st.sampled_from(_TRICKY),
)  # fmt: skip
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=25,
)
_YAML_1_2 = YAML(typ="safe")  # ruamel.yaml reads YAML 1.2 (core schema) by default


def _read_by_every_reader(content: bytes) -> list[Any]:
    """The document as PyYAML (YAML 1.1) and ruamel.yaml (YAML 1.2) read it."""
    return [yaml.load(content, Loader=yaml.CSafeLoader), _YAML_1_2.load(content)]


def _tags_anchors_or_aliases(content: bytes) -> list[yaml.Event]:
    events = yaml.parse(content, Loader=yaml.CSafeLoader)
    return [e for e in events if isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) or getattr(e, "tag", None)]


def _plain_scalars(content: bytes) -> set[str]:
    """Scalars written without quotes (or a block), whatever the reader makes of them (libyaml's style for them is '')."""
    return {e.value for e in yaml.parse(content, Loader=yaml.CSafeLoader) if isinstance(e, yaml.ScalarEvent) and not e.style}


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=12), _documents, max_size=5))
def test_yaml_rendering_round_trips_through_a_yaml_parser(document: dict) -> None:
    content = _render.dump(obj=document)
    assert _read_by_every_reader(content) == [document, document]
    assert not _tags_anchors_or_aliases(content)


def _reads_back_as(content: bytes, value: float) -> bool:
    """Every reader (YAML 1.1, YAML 1.2, JSON) gets this very float back, sign of zero included."""
    text = content.decode().removeprefix("v: ").removesuffix("\n")
    read = [document["v"] for document in _read_by_every_reader(content)] + [json.loads(text)]
    return all(type(r) is float and r == value and math.copysign(1, r) == math.copysign(1, value) for r in read)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.sampled_from(_FLOAT_EXAMPLES), st.floats(allow_nan=False, allow_infinity=False)))
def test_finite_floats_read_back_equal(value: float) -> None:
    assert _reads_back_as(_render.dump(obj={"v": value}), value)


def test_finite_floats_read_back_equal_check_catches_json_style_exponents() -> None:
    # JSON's `1e+16` (what the hand-written emitter wrote) has no dot, so YAML 1.1 reads it as the string "1e+16".
    assert _render.dump(obj={"v": 1e16}) == b"v: 1.0e+16\n"
    assert not _reads_back_as(b"v: " + json.dumps(1e16).encode() + b"\n", 1e16)
    assert not _reads_back_as(b"v: 0.0\n", -0.0)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_infinity_and_nan_are_refused(value: float) -> None:
    obj = {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "limits", "namespace": "kcp-zheng"},
        "data": {"token": "s3cr3t-value"}, "spec": {"ratios": [{"first": 1.5}, {"second": value}], "x y": {"z": value}},
    }  # fmt: skip
    with pytest.raises(_render.RenderError) as caught:
        _render.dump(obj=obj)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, BridgeError)
    assert message.startswith("ConfigMap kcp-zheng/limits: field spec.ratios[1].second is ")
    assert "finite number" in message and "s3cr3t" not in message
    with pytest.raises(_render.RenderError, match=r'field \["x y"\]\.z is'):
        _render.dump(obj={"x y": {"z": value}})


def test_text_that_is_not_unicode_is_refused() -> None:
    # A lone surrogate (json.loads makes one from "\ud800") has no UTF-8 form: refused, named, not echoed.
    with pytest.raises(_render.RenderError, match=r"^Secret ns/s: field stringData\.key holds a lone UTF-16 surrogate"):
        _render.dump(obj={"kind": "Secret", "metadata": {"name": "s", "namespace": "ns"}, "stringData": {"key": "pass\ud800word"}})
    with pytest.raises(_render.RenderError, match=r'field data\["k\\ud800"\] has a key holding a lone UTF-16 surrogate'):
        _render.dump(obj={"data": {"k\ud800": "v"}})


@pytest.mark.parametrize("text", _AMBIGUOUS)
def test_yaml_1_1_ambiguous_strings_read_back_as_strings(text: str) -> None:
    document = {"value": text, "list": [text], text: "as a key"}
    content = _render.dump(obj=document)
    assert _read_by_every_reader(content) == [document, document]
    assert text not in _plain_scalars(content)


def test_yaml_1_1_ambiguous_strings_check_catches_what_stock_pyyaml_leaves_plain() -> None:
    # PyYAML's own dumper quotes only what its YAML 1.1 resolver knows: go-yaml v2 reads these plain forms as a boolean,
    # numbers and a date, ruamel.yaml (YAML 1.2) the numbers too.
    stock = yaml.safe_dump({"k": ["y", "n", "1e3", "0o17", "09", "-_1", "+.5", "2026-1-2"]}).encode()
    assert {"y", "n", "1e3", "0o17", "09", "-_1", "+.5", "2026-1-2"} <= _plain_scalars(stock)


def _reversed_insertion(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reversed_insertion(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed_insertion(v) for v in value]
    return value


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text(max_size=12), _documents, min_size=2, max_size=5))
def test_output_is_byte_identical_for_equal_input_in_any_key_order(document: dict) -> None:
    assert _render.dump(obj=_reversed_insertion(document)) == _render.dump(obj=document)


def test_output_is_byte_identical_for_equal_input_in_any_key_order_check_sees_order() -> None:
    # PyYAML without sorting writes keys in insertion order: the comparison above would catch that.
    document = {"b": 1, "a": {"d": 2, "c": 3}}
    assert yaml.safe_dump(document, sort_keys=False) != yaml.safe_dump(_reversed_insertion(document), sort_keys=False)
    assert _render.dump(obj=document) == b"a:\n  c: 3\n  d: 2\nb: 1\n"


def test_shared_values_are_written_out_not_aliased() -> None:
    shared = {"labels": {"app": "kcp"}, "ports": [443]}
    content = _render.dump(obj={"first": shared, "second": shared, "third": [shared, shared]})
    assert not _tags_anchors_or_aliases(content)
    assert content.count(b"app: kcp") == 4
    # PyYAML's stock dumper would anchor the repeated object (&id001) and alias it (*id001).
    assert _tags_anchors_or_aliases(yaml.safe_dump({"first": shared, "second": shared}).encode())


def test_output_is_readable_long_lines_unicode_and_literal_blocks() -> None:
    long = "word " * 60 + "end"
    content = _render.dump(obj={"long": long, "quoted": "a: " + long, "text": "é ünï 日本", "script": "#!/bin/sh\necho hi\n"})
    assert content == (
        f"long: {long}\nquoted: 'a: {long}'\nscript: |\n  #!/bin/sh\n  echo hi\ntext: é ünï 日本\n".encode()
    )  # fmt: skip


def test_pure_python_emitter_writes_the_same_kubernetes_files() -> None:
    # Without libyaml PyYAML's Python emitter takes over: same bytes for what the bridge writes (it differs only in
    # corner cases such as empty keys and characters beyond U+FFFF, which libyaml escapes).
    world = World()
    objects = [world.deployment("alpha"), world.service("alpha"), *(world.live_secret(e) for e in world._spec("alpha")["bundle"])]
    python_dumper = type("PythonDumper", (yaml.SafeDumper,), {"represent": _render._Dumper.represent})
    for obj in objects:
        content = _render.annotated(obj=obj, annotation="x.io/fingerprint", value="hmac-sha256:" + "0" * 64)
        assert yaml.dump(content, Dumper=python_dumper, encoding="utf-8", allow_unicode=True, width=2**31 - 1) == _render.dump(obj=content)


def test_rendered_fingerprint_is_found_again() -> None:
    fp = "hmac-sha256:" + "0" * 64
    content = _render.dump(
        obj={"metadata": {"annotations": {"x.io/fingerprint": fp, "other": "1"}, "name": "n"}, "spec": {"a": {"x.io/fingerprint": "no"}}}
    )
    assert _render.read_fingerprint(content=content, pattern=_render.fingerprint_pattern(annotation="x.io/fingerprint")) == fp
    # An annotation key that needs quotes (here one YAML 1.1 reads as a boolean) is found too; a nested one is not.
    content = _render.dump(obj={"metadata": {"annotations": {"on": fp}}, "spec": {"x": {"y": {"on": fp}}}})
    assert b"    'on': hmac-sha256:" in content
    assert _render.read_fingerprint(content=content, pattern=_render.fingerprint_pattern(annotation="on")) == fp
    elsewhere = content.replace(b"    'on'", b"    'off'")
    assert _render.read_fingerprint(content=elsewhere, pattern=_render.fingerprint_pattern(annotation="on")) is None
