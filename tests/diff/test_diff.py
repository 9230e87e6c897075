"""`make diff`: per-cluster added, removed and changed resources with field paths; Secret values never shown."""

from __future__ import annotations

import base64
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kcpgitops.diff._compare import TOP_LEVEL, diff_documents, diff_files
from kcpgitops.diff._markdown import EMPTY, to_markdown, truncate
from kcpgitops.diff.cli import main
from kcpgitops.output import dump_yaml

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CDK8S_CHECK_UPGRADE", "false")

ROOTSHARD = "dist/cluster-1/kcp-zheng/rootshard.operator.kcp.io_root.yaml"
ETCD_ALPHA = "dist/cluster-2/kcp-zheng/etcd.druid.gardener.cloud_alpha.yaml"
SECRET = "dist/cluster-1/kcp-zheng/secret.core_letsencrypt-ca.yaml"


@pytest.fixture(scope="module")
def default() -> dict[str, bytes]:
    """The default topology rendered once: repo-relative path -> bytes."""
    from kcpgitops.diff._sources import rendered_files

    return rendered_files(ROOT / "topology.yaml", {"dist": "dist", "argocd": "argocd"})


def load(files: dict[str, bytes], path: str) -> dict:
    return yaml.load(files[path], Loader=yaml.CSafeLoader)


def put(files: dict[str, bytes], path: str, doc: dict) -> dict[str, bytes]:
    return {**files, path: dump_yaml(doc).encode()}


def markdown(old: dict[str, bytes], new: dict[str, bytes]) -> str:
    return to_markdown(diff_files(old, new), base="main", head="working tree")


# --- the default topology against itself ------------------------------------------------------------------------------


def test_default_against_itself_is_empty(default):
    diff = diff_files(default, dict(default))
    assert not diff
    assert markdown(default, default) == f"## Rendered changes: `main` → working tree\n\n{EMPTY}\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def git_repo(default, tmp_path_factory) -> Path:
    """A git repository whose only commit holds the default render and its inputs (diff checks the render is theirs)."""
    repo = tmp_path_factory.mktemp("diff-repo")
    _git(repo, "init", "-q", "-b", "main")
    shutil.copy(ROOT / "topology.yaml", repo / "topology.yaml")
    shutil.copytree(ROOT / "certs", repo / "certs")
    for path, data in default.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(data)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "default render")
    return repo


def test_cli_default_against_itself_is_empty(git_repo, capsys):
    assert main(["--base", "HEAD", "--repo", str(git_repo), "--exit-code"]) == 0
    assert EMPTY in capsys.readouterr().out


def test_cli_working_tree_and_head_ref(git_repo, tmp_path, capsys):
    path = git_repo / ETCD_ALPHA
    original = path.read_text()
    try:
        path.write_text(original.replace("replicas: 3", "replicas: 5"))
        assert main(["--base", "HEAD", "--repo", str(git_repo), "--exit-code"]) == 1
        out = capsys.readouterr().out
        assert "| `cluster-2` | 0 | 0 | 1 |" in out and "@@ spec.replicas @@\n- 3\n+ 5" in out
        _git(git_repo, "checkout", "-q", "-b", "change")
        _git(git_repo, "commit", "-q", "-am", "five etcd members")
        report = tmp_path / "diff.md"
        assert main(["--base", "main", "--head", "change", "--repo", str(git_repo), "--output", str(report)]) == 0
        assert "@@ spec.replicas @@\n- 3\n+ 5" in report.read_text()
    finally:
        _git(git_repo, "checkout", "-q", "main")
        _git(git_repo, "branch", "-q", "-D", "change")
        path.write_text(original)


def test_cli_unknown_ref(git_repo, capsys):
    assert main(["--base", "no-such-ref", "--repo", str(git_repo)]) == 2
    assert "unknown git ref 'no-such-ref'" in capsys.readouterr().err


# --- add, remove, change ----------------------------------------------------------------------------------------------


def test_added_resource(default):
    shard = load(default, "dist/cluster-1/kcp-zheng/shard.operator.kcp.io_beta.yaml")
    shard["metadata"]["name"] = "gamma"
    new = put(default, "dist/cluster-1/kcp-zheng/shard.operator.kcp.io_gamma.yaml", shard)
    diff = diff_files(default, new)
    (cluster,) = diff.clusters
    assert cluster.cluster == "cluster-1" and [str(r.id) for r in cluster.added] == ["Shard kcp-zheng/gamma"]
    assert not cluster.removed and not cluster.changed
    text = markdown(default, new)
    assert "**Added** (1)" in text and "- `Shard kcp-zheng/gamma` `operator.kcp.io/v1alpha1` · `dist/cluster-1/kcp-zheng/shard.operator.kcp.io_gamma.yaml`" in text


def test_removed_resource(default):
    new = {k: v for k, v in default.items() if k != ETCD_ALPHA}
    (cluster,) = diff_files(default, new).clusters
    assert cluster.cluster == "cluster-2" and [str(r.id) for r in cluster.removed] == ["Etcd kcp-zheng/alpha"]
    assert "**Removed** (1)" in markdown(default, new)


def test_changed_resource_lists_field_paths_with_old_and_new_values(default):
    root = load(default, ROOTSHARD)
    root["spec"]["image"]["tag"] = "v0.33.0"
    root["spec"]["certificateTemplates"]["server"]["spec"]["dnsNames"].append("kcp.zheng.example.io")
    del root["spec"]["cache"]
    root["spec"]["clusterDomain"] = "cluster.example"
    new = put(default, ROOTSHARD, root)
    (cluster,) = diff_files(default, new).clusters
    (changed,) = cluster.changed
    assert str(changed.id) == "RootShard kcp-zheng/root"
    assert [(c.path, c.op) for c in changed.changes] == [
        ("spec.cache", "removed"),
        ("spec.certificateTemplates.server.spec.dnsNames", "entry-added"),
        ("spec.clusterDomain", "added"),
        ("spec.image.tag", "changed"),
    ]
    text = markdown(default, new)
    assert "@@ spec.image.tag @@\n- v0.32.3\n+ v0.33.0" in text
    assert "@@ spec.certificateTemplates.server.spec.dnsNames @@  list entries added\n+ kcp.zheng.example.io" in text
    assert "@@ spec.cache @@  removed\n- embedded:\n-   enabled: true" in text
    assert "@@ spec.clusterDomain @@  added\n+ cluster.example" in text


def test_annotation_keys_with_dots_and_slashes_are_quoted(default):
    etcd = load(default, ETCD_ALPHA)
    etcd["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"] = "99"
    (change,) = diff_files(default, put(default, ETCD_ALPHA, etcd)).clusters[0].changed[0].changes
    assert change.path == 'metadata.annotations["argocd.argoproj.io/sync-wave"]'


def test_named_list_items_are_paired_by_name(default):
    path = "dist/cluster-1/kcp-zheng/cronjob.batch_kcp-bridge.yaml"
    job = load(default, path)
    pod = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    pod["volumes"].reverse()
    next(v for v in pod["volumes"] if v["name"] == "tmp")["emptyDir"]["sizeLimit"] = "2Gi"
    pod["volumes"].insert(0, {"name": "extra", "emptyDir": {}})
    changes = diff_files(default, put(default, path, job)).clusters[0].changed[0].changes
    assert [(c.path, c.op) for c in changes] == [  # in the new list's order; the reversal itself is no change
        ("spec.jobTemplate.spec.template.spec.volumes[name=extra]", "entry-added"),
        ("spec.jobTemplate.spec.template.spec.volumes[name=tmp].emptyDir.sizeLimit", "changed"),
    ]


def test_multi_line_strings_show_a_line_diff(default):
    path = "dist/cluster-1/kcp-zheng/configmap.core_kcp-bridge-config.yaml"
    config = load(default, path)
    config["data"]["config.yaml"] = config["data"]["config.yaml"].replace("pushRetries: 5", "pushRetries: 7")
    text = markdown(default, put(default, path, config))
    assert '@@ data["config.yaml"] @@  text changed' in text and "-  pushRetries: 5\n+  pushRetries: 7" in text


# --- reordering alone -------------------------------------------------------------------------------------------------


def _shuffled(value, rng: random.Random):
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        items = [_shuffled(v, rng) for v in value]
        rng.shuffle(items)
        return items
    return value


def test_reordering_alone_is_not_a_change(default):
    rng = random.Random(6)
    new = dict(default)
    for path in [p for p in default if p.endswith(".yaml") and p.startswith("dist/")]:
        doc = _shuffled(load(default, path), rng)
        new[path] = yaml.safe_dump(doc, sort_keys=False).encode()
    assert sum(new[p] != default[p] for p in new) > 20  # the bytes did change
    assert not diff_files(default, new)


def test_moving_a_resource_to_another_file_is_reported_as_a_move(default):
    new = {k: v for k, v in default.items() if k != ETCD_ALPHA}
    new["dist/cluster-2/kcp-zheng/etcd-alpha.yaml"] = default[ETCD_ALPHA]
    (changed,) = diff_files(default, new).clusters[0].changed
    assert [(c.path, c.old, c.new) for c in changed.changes] == [("(file)", ETCD_ALPHA, "dist/cluster-2/kcp-zheng/etcd-alpha.yaml")]


# --- Secrets and SealedSecrets ----------------------------------------------------------------------------------------


def test_secret_change_names_keys_and_never_values(default):
    secret = load(default, SECRET)
    old_value = secret["data"]["tls.crt"]
    new_value = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n").decode()
    secret["data"]["tls.crt"] = new_value
    secret["data"]["ca.crt"] = base64.b64encode(b"another value").decode()
    secret["stringData"] = {"password": "hunter2"}
    secret["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = '{"data":{"tls.crt":"hunter2"}}'
    secret["metadata"]["labels"] = {"team": "kcp"}
    new = put(default, SECRET, secret)
    changes = diff_files(default, new).clusters[0].changed[0].changes
    assert [(c.path, c.op) for c in changes] == [
        ("data", "keys"),
        ("stringData", "keys"),
        ('metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]', "hidden"),
        ("metadata.labels", "added"),
    ]
    assert changes[0].new == {"changed": ["tls.crt"], "added": ["ca.crt"], "removed": []}
    text = markdown(default, new)
    assert "@@ data @@  values hidden, keys only\n! tls.crt: changed\n+ ca.crt: added" in text
    assert "+ password: added" in text and "@@ metadata.labels @@  added\n+ team: kcp" in text
    for secret_text in (old_value, new_value, "hunter2", "another value", base64.b64encode(b"another value").decode()):
        assert secret_text not in text


def test_sealed_secret_changes_name_keys_only(default):
    path = "dist/cluster-2/kcp-zheng/sealedsecret.bitnami.com_alpha-server.yaml"

    def sealed(values: dict) -> dict:
        return {"apiVersion": "bitnami.com/v1alpha1", "kind": "SealedSecret", "metadata": {"name": "alpha-server", "namespace": "kcp-zheng"},
                "spec": {"encryptedData": values, "template": {"metadata": {"name": "alpha-server"}, "type": "kubernetes.io/tls"}}}

    old = put(default, path, sealed({"tls.crt": "AgBy8hCiphertextOne", "tls.key": "AgBy8hCiphertextKey"}))
    new = put(default, path, sealed({"tls.crt": "AgBy8hCiphertextTwo", "ca.crt": "AgBy8hCiphertextCa"}))
    text = markdown(old, new)
    assert "@@ spec.encryptedData @@  values hidden, keys only\n! tls.crt: changed\n+ ca.crt: added\n- tls.key: removed" in text
    assert "Ciphertext" not in text
    added = markdown(default, new)
    assert "`SealedSecret kcp-zheng/alpha-server`" in added and "(keys: `ca.crt`, `tls.crt`)" in added and "Ciphertext" not in added


def test_secret_values_hidden_when_data_is_not_a_mapping():
    old = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": "c2VjcmV0"}
    new = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": "b3RoZXI="}
    (change,) = diff_documents(old, new)
    assert change.op == "keys" and "c2VjcmV0" not in repr(change)


# --- layout of the summary ----------------------------------------------------------------------------------------------


def test_clusters_in_natural_order_and_top_level_files_last(default):
    new = dict(default)
    for cluster in ("cluster-3", "cluster-1", "cluster-2"):
        new[f"dist/{cluster}/kcp-zheng/configmap.core_probe.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: probe, namespace: kcp-zheng}\n"
    new["dist/README.md"] = b"changed\n"
    clusters = [c.cluster for c in diff_files(default, new).clusters]
    assert clusters == ["cluster-1", "cluster-2", "cluster-3", TOP_LEVEL]
    assert "**Generated documents** `dist/README.md` (changed)" in markdown(default, new)


def test_argocd_and_dist_changes_share_the_cluster_section(default):
    app = next(p for p in default if p.startswith("argocd/cluster-2/") and p.endswith(".yaml") and b"kind: Application\n" in default[p])
    doc = load(default, app)
    doc["metadata"].setdefault("labels", {})["probe"] = "x"
    etcd = load(default, ETCD_ALPHA)
    etcd["spec"]["replicas"] = 5
    new = put(put(default, app, doc), ETCD_ALPHA, etcd)
    (cluster,) = diff_files(default, new).clusters
    assert cluster.cluster == "cluster-2" and len(cluster.changed) == 2


def test_truncation_keeps_fences_balanced():
    text = "## title\n\n```diff\n" + "\n".join(f"+ line {i}" for i in range(1000)) + "\n```\n"
    cut = truncate(text, 500, hint="Run make diff.")
    assert len(cut) <= 520 and cut.count("```") % 2 == 0 and "Truncated at 500 characters. Run make diff." in cut


def test_one_name_in_several_directories_pairs_by_file(default):
    # Objects inside kcp: the same APIBinding name in every consumer workspace directory.
    def binding(workspace: str) -> tuple[str, bytes]:
        doc = {"apiVersion": "apis.kcp.io/v1alpha2", "kind": "APIBinding", "metadata": {"name": "cowboys"},
               "spec": {"reference": {"export": {"path": "root:provider", "name": "cowboys"}}}}
        return f"dist/kcp/root/{workspace}/apibinding.apis.kcp.io_cowboys.yaml", dump_yaml(doc).encode()

    old = dict(default, **dict(binding(w) for w in ("consumer-a", "consumer-b", "consumer-c")))
    new = dict(default, **dict(binding(w) for w in ("consumer-a", "consumer-c")))
    (cluster,) = diff_files(old, new).clusters
    assert cluster.cluster == "kcp" and not cluster.changed and not cluster.added
    assert [r.path for r in cluster.removed] == ["dist/kcp/root/consumer-b/apibinding.apis.kcp.io_cowboys.yaml"]
