"""Invariants over the whole rendered tree: one resource per file, stable paths and bytes, ordered waves, no secrets."""

from __future__ import annotations

import base64
import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography import x509

from kcpgitops.cli import synth
from kcpgitops.output import SYNC_WAVE, Key, key_of, manifest_path, references, secrets_produced, write_trees
from kcpgitops.render import render
from kcpgitops.topology import load_topology
from kcpgitops.yaml_cache import load_documents

FIXTURES = Path(__file__).parent / "fixtures"


def _yaml_files(tree: Path) -> list[Path]:
    return sorted(tree.rglob("*.yaml"))


def _trees_equal(a: Path, b: Path) -> list[str]:
    left = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = sorted(str(p) for p in left ^ right)
    differ += [str(p) for p in sorted(left & right) if not filecmp.cmp(a / p, b / p, shallow=False)]
    return differ


def test_every_file_holds_exactly_one_resource(default_trees):
    for tree in default_trees.values():
        for path in _yaml_files(tree):
            docs = [d for d in load_documents(path) if d]
            assert len(docs) == 1, path


def test_file_path_names_namespace_kind_and_name_without_hash_suffix(default_trees):
    for path in _yaml_files(default_trees["dist"]):
        doc = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        cluster = path.relative_to(default_trees["dist"]).parts[0]
        if cluster == "kcp":  # dist/kcp/<workspace path>/: one directory per kcp workspace, see tests/kcp
            continue
        assert path.relative_to(default_trees["dist"]) == Path(cluster) / manifest_path(doc)
        assert path.stem.endswith("_" + doc["metadata"]["name"])


def test_documents_start_with_api_version_kind_metadata(default_trees):
    for tree in default_trees.values():
        for path in _yaml_files(tree):
            keys = [line.split(":")[0] for line in path.read_text().splitlines() if line and line[0].isalpha()]
            assert keys[:3] == ["apiVersion", "kind", "metadata"], path


def test_same_input_renders_byte_identical_files(repo_root, tmp_path, default_trees):
    again = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    assert synth(topology=repo_root / "topology.yaml", **again) == 0
    for name in ("dist", "argocd"):
        assert _trees_equal(default_trees[name], again[name]) == []


def test_cdk8s_synth_gives_the_same_files_as_main(repo_root, tmp_path, default_trees):
    cli = repo_root / "node_modules" / ".bin" / "cdk8s"
    if not cli.exists():
        pytest.skip("cdk8s-cli is installed by `make setup`")
    work = tmp_path / "checkout"
    skipped = {".git", "dist", "argocd", "node_modules", ".venv", "build"}
    shutil.copytree(repo_root, work, ignore=lambda d, names: [n for n in names if Path(d) == repo_root and n in skipped])
    (work / ".venv").symlink_to(repo_root / ".venv")
    result = subprocess.run([str(cli), "synth"], cwd=work, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for name in ("dist", "argocd"):
        assert _trees_equal(default_trees[name], work / name) == []


def test_successful_render_leaves_no_stale_files(repo_root, tmp_path):
    trees = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    (trees["dist"] / "cluster-9").mkdir(parents=True)
    (trees["dist"] / "cluster-9" / "stale.yaml").write_text("stale: true\n")
    assert synth(topology=repo_root / "topology.yaml", **trees) == 0
    assert not (trees["dist"] / "cluster-9").exists()


def test_failed_write_leaves_previous_output_untouched(tmp_path):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "old.yaml").write_text("old: true\n")
    with pytest.raises(TypeError):
        write_trees({tmp_path / "dist": {Path("a.yaml"): "a: 1\n", Path("b.yaml"): None}})
    assert [p.name for p in (tmp_path / "dist").iterdir()] == ["old.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def _is_public_ca_certificate(value: str) -> bool:
    pem = base64.b64decode(value)
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError:
        return False
    return all(c.extensions.get_extension_for_class(x509.BasicConstraints).value.ca for c in certs)


def test_no_secret_carries_plain_text_data_other_than_public_ca_certificates(default_trees):
    for tree in default_trees.values():
        for path in _yaml_files(tree):
            [doc] = [d for d in load_documents(path) if d]
            if doc["kind"] != "Secret":
                continue
            assert "stringData" not in doc, path
            for key, value in (doc.get("data") or {}).items():
                assert _is_public_ca_certificate(value), f"{path}: {key}"


def test_letsencrypt_ca_is_isrg_root_x1(default_render):
    secret = next(d for d in default_render.manifests["cluster-1"] if d["kind"] == "Secret")
    cert = x509.load_pem_x509_certificate(base64.b64decode(secret["data"]["tls.crt"]))
    assert cert.subject.rfc4514_string() == "CN=ISRG Root X1,O=Internet Security Research Group,C=US"


def test_every_reference_syncs_in_a_later_wave_than_its_target(default_render):
    for cluster, docs in default_render.manifests.items():
        wave = {key_of(d): int(d["metadata"]["annotations"][SYNC_WAVE]) for d in docs}
        producer = {s: key_of(d) for d in docs for s in secrets_produced(d)}
        for doc in docs:
            for ref in references(doc):
                target = producer.get(ref.target, ref.target)
                if target in wave:
                    assert wave[key_of(doc)] > wave[target], f"{cluster}: {key_of(doc)} {ref.field} -> {target}"


def test_waves_follow_namespaces_issuers_certificates_etcd_kcp(default_render):
    docs = default_render.manifests["cluster-1"]
    wave = {key_of(d): int(d["metadata"]["annotations"][SYNC_WAVE]) for d in docs}
    first = lambda kind: min(w for k, w in wave.items() if k.kind == kind)  # noqa: E731
    last = lambda kind: max(w for k, w in wave.items() if k.kind == kind)  # noqa: E731
    assert last("Namespace") < first("Issuer") < first("Certificate") <= last("Certificate") < first("Etcd")
    assert last("Etcd") < first("RootShard") < first("FrontProxy") < first("Kubeconfig")
    assert wave[Key("Shard", "kcp-zheng", "alpha")] > wave[Key("RootShard", "kcp-zheng", "root")]


def test_remote_shards_are_bundles_with_explicit_replicas_and_local_ones_are_not():
    topology = load_topology(FIXTURES / "five-clusters.yaml")
    docs = render(topology).manifests["eu-1"]
    shards = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Shard"}
    assert set(shards) == {"eu-local", "frankfurt", "virginia", "oregon-a", "oregon-b", "mumbai"}
    assert "annotations" not in shards["eu-local"]["metadata"] or "operator.kcp.io/bundle" not in shards["eu-local"]["metadata"]["annotations"]
    for name in shards.keys() - {"eu-local"}:
        assert shards[name]["metadata"]["annotations"]["operator.kcp.io/bundle"] == "true"
    assert shards["oregon-a"]["spec"]["replicas"] == 3


def test_any_number_of_clusters_renders_an_etcd_per_shard_on_its_cluster(tmp_path):
    topology = load_topology(FIXTURES / "five-clusters.yaml")
    rendered = render(topology)
    etcds = {(c, d["metadata"]["name"]) for c, docs in rendered.manifests.items() for d in docs if d["kind"] == "Etcd"}
    assert etcds == {(s.cluster, s.name) for s in topology.all_shards}
    us2 = {key_of(d) for d in rendered.manifests["us-2"]}
    assert Key("Certificate", "kcp-prod", "oregon-a-etcd-server-tls") in us2
    assert Key("Certificate", "kcp-prod", "oregon-b-etcd-server-tls") in us2
    assert not any(d["kind"] == "ClusterIssuer" and d["metadata"]["name"] == "letsencrypt-prod" for d in rendered.manifests["eu-1"])
    out = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    assert synth(topology=FIXTURES / "five-clusters.yaml", **out) == 0
    assert sorted(p.name for p in out["dist"].iterdir() if p.is_dir()) == ["ap-1", "eu-1", "eu-2", "us-1", "us-2"]


def test_yaml_cache_never_changes_output(repo_root, tmp_path, monkeypatch, default_trees):
    import kcpgitops.yaml_cache as cache

    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    for run in ("cold", "warm"):
        out = {"dist": tmp_path / run / "dist", "argocd": tmp_path / run / "argocd"}
        assert synth(topology=repo_root / "topology.yaml", **out) == 0
        for name in ("dist", "argocd"):
            assert _trees_equal(default_trees[name], out[name]) == [], run
    assert any((tmp_path / "cache").glob("*.yaml"))


def test_damaged_or_stale_parse_cache_entries_are_never_trusted(tmp_path, monkeypatch):
    import kcpgitops.yaml_cache as cache

    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    source = tmp_path / "crd.yaml"
    source.write_text("a: 1\n---\nb: [x, y]\n")
    assert cache.load_documents(source) == [{"a": 1}, {"b": ["x", "y"]}]
    (entry,) = (tmp_path / "cache").glob("*.json")
    entry.write_text("{not json")
    assert cache.load_documents(source) == [{"a": 1}, {"b": ["x", "y"]}]
    source.write_text("a: 2\n")
    assert cache.load_documents(source) == [{"a": 2}]
