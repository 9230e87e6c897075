"""`python -m bridge run` against a fake cluster 1 API and a real Git server on loopback.

Every test ends with `assert_no_plaintext`: no secret value (raw, base64 or any line of it), token or HMAC key
reaches the repository's history, its object database, the bridge's output or its temporary directory.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bridge_testkit.bundles import expected_clean, expected_service
from bridge_testkit.gitserver import commit_files, git, init_bare
from bridge_testkit.harness import GIT_TOKEN, Harness, Pki, Result
from bridge_testkit.needtoknow import cluster_reads, expected_secret
from bridge_testkit.sshserver import SSHD, SshServer
from kubesealpy import SealedSecret, Unsealer

ANNOTATION = "bridge.kcp-zheng.io/fingerprint"
POD_FINGERPRINT_PREFIX = "bridge.kcp-zheng.io/"
DEPLOYMENT_FILE = "deployment_kcp-zheng_{shard}-shard-kcp.yaml"


def without_pod_fingerprints(obj: dict[str, Any]) -> dict[str, Any]:
    """The object without the bridge's pod-template content fingerprints (test_bridge_pod_fingerprints checks those)."""
    if obj["kind"] == "Deployment":
        template = obj["spec"]["template"]["metadata"]
        kept = {k: v for k, v in template.get("annotations", {}).items() if not k.startswith(POD_FINGERPRINT_PREFIX)}
        template.pop("annotations", None)
        if kept:
            template["annotations"] = kept
    return obj


def unseal_directory(h: Harness, *, cluster: str, directory: str) -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, name) -> the object as it will exist on the shard cluster (SealedSecrets unsealed with the test key)."""
    unsealer = Unsealer.from_private_key(h.pki.sealing[cluster].key)
    result = {}
    for name, content in h.files(directory).items():
        doc = yaml.load(content, Loader=yaml.CSafeLoader)
        assert doc["metadata"]["annotations"][ANNOTATION].startswith("hmac-sha256:"), name
        if doc["kind"] == "SealedSecret":
            assert doc["metadata"]["annotations"] == {ANNOTATION: doc["metadata"]["annotations"][ANNOTATION]}
            secret = unsealer.unseal(SealedSecret.from_yaml(content.decode()))
            template = doc["spec"]["template"]
            obj = {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": template["metadata"],
                "data": {k: base64.b64encode(v).decode() for k, v in secret.get_data_decoded().items()},
                "type": template["type"],
            }
        else:
            obj = doc
            del obj["metadata"]["annotations"][ANNOTATION]
            if not obj["metadata"]["annotations"]:
                del obj["metadata"]["annotations"]
        result[(obj["kind"], obj["metadata"]["name"])] = without_pod_fingerprints(obj)
    return result


def cluster_reads_of(h: Harness, shard: str) -> dict[str, frozenset[str] | None]:
    """The keys the shards delivered to `shard`'s cluster read together (the hand-written oracle)."""
    cluster = next(t["cluster"] for t in h.config["targets"] if t["shard"] == shard)
    here = [t["shard"] for t in h.config["targets"] if t["cluster"] == cluster]
    return cluster_reads(shards_here=here, root=h.world.root, shards=h.world.shards)


def expected_objects(h: Harness, shard: str) -> dict[tuple[str, str], dict[str, Any]]:
    """The bundle's objects plus the Secrets its Deployment needs but lacks, cleaned and cut down to the keys the shards
    on its cluster read, plus the namespace."""
    kinds = {"secrets": ("v1", "Secret"), "deployments": ("apps/v1", "Deployment"), "services": ("v1", "Service")}
    reads = cluster_reads_of(h, shard)
    result = {}
    for key, value in h.world.bundle_objects(shard).items():
        api_version, kind = next(v for plural, v in kinds.items() if f"_{plural}_" in key)
        obj = expected_clean({"apiVersion": api_version, "kind": kind, **value})
        if kind == "Service":
            target = next(t for t in h.config["targets"] if t["shard"] == shard)
            obj = expected_service(obj, target.get("service"))
        result[(kind, obj["metadata"]["name"])] = expected_secret(obj, reads) if kind == "Secret" else obj
    for entry in h.world.extra_entries(shard):
        obj = expected_clean(h.world.live_secret(entry))
        result[("Secret", obj["metadata"]["name"])] = expected_secret(obj, reads)
    result[("Namespace", h.world.namespace)] = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": h.world.namespace}}
    return result


def bridge_commits(h: Harness) -> list[str]:
    return [subject for _, subject in h.commits() if subject.startswith("bridge:")]


@dataclass
class Delivered:
    harness: Harness
    result: Result
    git_calls: str


@pytest.fixture(scope="module")
def delivered(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[Delivered]:
    """One first delivery of alpha and beta, with every git invocation logged through a PATH shim."""
    tmp = tmp_path_factory.mktemp("first-delivery")
    h = Harness(tmp=tmp / "world", pki=pki)
    shim_dir = tmp / "shim"
    shim_dir.mkdir()
    log = tmp / "git-calls.log"
    real_git = next(Path(p) / "git" for p in os.environ["PATH"].split(os.pathsep) if (Path(p) / "git").is_file())
    shim = shim_dir / "git"
    shim.write_text(f'#!/bin/sh\n{{ echo "ARGV: $*"; env; }} >> "{log}"\nexec "{real_git}" "$@"\n')
    shim.chmod(stat.S_IRWXU)
    saved = os.environ["PATH"]
    os.environ["PATH"] = f"{shim_dir}{os.pathsep}{saved}"
    try:
        result = h.run(process=True)  # the first delivery runs as the CronJob's process does
    finally:
        os.environ["PATH"] = saved
    try:
        yield Delivered(harness=h, result=result, git_calls=log.read_text() if log.exists() else "")
    finally:
        h.stop()


def test_first_delivery_commits_one_sealed_or_plain_file_per_object_for_each_shard(delivered: Delivered) -> None:
    harness, result = delivered.harness, delivered.result
    assert result.returncode == 0, result.stderr
    assert "2 committed, 0 unchanged, 0 failed" in result.stdout
    subjects = bridge_commits(harness)
    assert len(subjects) == 2
    assert any(s.startswith("bridge: alpha bundle alpha-bundle fingerprint ") for s in subjects)
    for shard, cluster in (("alpha", "cluster-2"), ("beta", "cluster-3")):
        files = harness.files(f"bridge/{cluster}")
        # 17 bundle objects + mounts-proxy + root and other-shard service-account Secrets + namespace.yaml
        assert len(files) == 21
        assert f"deployment_kcp-zheng_{shard}-shard-kcp.yaml" in files and "namespace.yaml" in files
        assert f"sealedsecret_kcp-zheng_{shard}-mounts-proxy.yaml" in files
        assert "sealedsecret_kcp-zheng_etcd-ca-tls.yaml" not in files
        assert not any(name.startswith("secret_") for name in files)
    assert harness.files("rendered/cluster-2") == {"etcd.yaml": b"kind: Etcd\n"}


def test_each_path_holds_an_index_of_fingerprints_and_blob_ids(delivered: Delivered) -> None:
    harness = delivered.harness
    files = harness.files("bridge/cluster-2", hidden=True)
    index = files.pop(".bridge-fingerprints").decode().splitlines()
    assert index[0].startswith("# kcp-bridge index for shard alpha")
    rows = {name: (fp, oid) for fp, oid, name in (line.split(" ") for line in index if not line.startswith("#"))}
    assert rows.keys() == files.keys()
    for name, content in files.items():
        fp, oid = rows[name]
        assert oid == git("hash-object", "--stdin", input_=content).strip()
        assert f"bridge.kcp-zheng.io/fingerprint: {fp}".encode() in content


def test_no_plaintext_reaches_repository_history_on_first_delivery(delivered: Delivered) -> None:
    delivered.harness.assert_no_plaintext()


def test_delivered_objects_equal_bundle_objects_plus_missing_references_cleaned(delivered: Delivered) -> None:
    harness = delivered.harness
    for shard, cluster in (("alpha", "cluster-2"), ("beta", "cluster-3")):
        delivered_objects = unseal_directory(harness, cluster=cluster, directory=f"bridge/{cluster}")
        expected = expected_objects(harness, shard)
        assert delivered_objects.keys() == expected.keys()
        for key in expected:
            assert delivered_objects[key] == expected[key], key
    deployment = yaml.load(harness.files("bridge/cluster-2")["deployment_kcp-zheng_alpha-shard-kcp.yaml"], Loader=yaml.CSafeLoader)
    assert deployment["spec"]["replicas"] == 2
    assert "operator.kcp.io/bundle-desired-replicas" not in deployment["metadata"]["annotations"]


def test_only_named_gets_allowed_by_the_role_are_made(delivered: Delivered) -> None:
    api = delivered.harness.api
    assert api.requests
    assert all(method == "GET" for method, _ in api.requests)
    assert {path for _, path in api.requests} <= delivered.harness.world.role_paths()
    assert not any(path.endswith("/etcd-ca-tls") for _, path in api.requests)


def test_token_reaches_git_only_through_askpass(delivered: Delivered) -> None:
    calls = delivered.git_calls
    assert "ARGV: " in calls and "GIT_ASKPASS=" in calls
    assert GIT_TOKEN not in calls, "the token appeared in a git command line or environment"
    for line in calls.splitlines():
        if "https://" in line:
            assert "@" not in line.split("https://", 1)[1].split("/", 1)[0], "credentials in a URL"
    expected = "Basic " + base64.b64encode(f"kcp-bridge:{GIT_TOKEN}".encode()).decode()
    assert expected in delivered.harness.git.authorization_headers, "the server never saw the token: askpass did not deliver it"


def test_no_op_cycle_commits_nothing_and_keeps_ciphertext(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before = harness.commits()
    files_before = harness.files("bridge/cluster-2")
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "0 committed, 2 unchanged, 0 failed" in result.stdout
    assert harness.commits() == before
    assert harness.files("bridge/cluster-2") == files_before
    assert harness.git.receive_pack_posts == 1
    harness.assert_no_plaintext()


def test_renewed_certificates_make_exactly_one_commit_per_affected_shard(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before_alpha, before_beta = harness.files("bridge/cluster-2"), harness.files("bridge/cluster-3")
    # alpha's serving certificate renews: one commit for alpha (the Secret, and the Deployment's pod template so the
    # pods roll), beta untouched.
    harness.world.generations["alpha-server"] = 2
    harness.refresh()
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "1 committed, 1 unchanged, 0 failed" in result.stdout
    subjects = bridge_commits(harness)
    assert len(subjects) == 3 and subjects[0].startswith("bridge: alpha bundle alpha-bundle fingerprint ")
    after_alpha = harness.files("bridge/cluster-2")
    assert {name for name in after_alpha if after_alpha[name] != before_alpha[name]} == {
        "sealedsecret_kcp-zheng_alpha-server.yaml", DEPLOYMENT_FILE.format(shard="alpha")
    }
    assert harness.files("bridge/cluster-3") == before_beta
    assert unseal_directory(harness, cluster="cluster-2", directory="bridge/cluster-2") == expected_objects(harness, "alpha")
    # The shared root CA renews: one commit per shard.
    harness.world.generations["root-ca"] = 2
    harness.refresh()
    result = harness.run()
    assert "2 committed, 0 unchanged, 0 failed" in result.stdout
    assert len(bridge_commits(harness)) == 5
    # Nothing changed since: no commit.
    assert "0 committed, 2 unchanged" in harness.run().stdout
    assert len(bridge_commits(harness)) == 5
    harness.assert_no_plaintext()


def test_concurrent_push_is_rebased_and_retried_without_losing_either_commit(harness: Harness) -> None:
    other: list[str] = []

    def land_other_commit() -> None:
        other.append(commit_files(bare=harness.bare, files={"rendered/cluster-2/other.yaml": "kind: Other\n"}, message="generator render"))

    harness.git.before_receive_pack_advertisement = land_other_commit
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert other, "the competing commit was not made"
    subjects = [s for _, s in harness.commits()]
    assert subjects[-2:] == ["generator render", "seed"]
    assert len([s for s in subjects if s.startswith("bridge:")]) == 2
    assert harness.files("rendered/cluster-2") == {"etcd.yaml": b"kind: Etcd\n", "other.yaml": b"kind: Other\n"}
    assert len(harness.files("bridge/cluster-2")) == 21
    harness.assert_no_plaintext()


def test_push_rejected_at_update_time_is_retried(harness: Harness) -> None:
    state = {"posts": 0}
    original = harness.git._handle

    def racing_handle(handler: Any) -> None:
        if handler.command == "POST" and handler.path.endswith("/git-receive-pack") and state["posts"] == 0:
            state["posts"] += 1
            commit_files(bare=harness.bare, files={"elsewhere.txt": "x\n"}, message="race")
        original(handler)

    harness.git._handle = racing_handle  # type: ignore[method-assign]
    result = harness.run()
    assert result.returncode == 0, result.stderr
    subjects = [s for _, s in harness.commits()]
    assert "race" in subjects and len([s for s in subjects if s.startswith("bridge:")]) == 2
    harness.assert_no_plaintext()


def test_push_that_keeps_failing_exits_1_after_bounded_retries(harness: Harness) -> None:
    original = harness.git._handle
    count = {"n": 0}

    def always_moving(handler: Any) -> None:
        if handler.command == "GET" and "service=git-receive-pack" in handler.path and handler.headers.get("Authorization"):
            count["n"] += 1
            commit_files(bare=harness.bare, files={f"moving-{count['n']}.txt": "x\n"}, message=f"moving {count['n']}")
        original(handler)

    harness.git._handle = always_moving  # type: ignore[method-assign]
    harness.config["git"]["pushRetries"] = 1
    result = harness.run()
    assert result.returncode == 1
    assert "still rejected after 1 retries" in result.stderr and "nothing was force-pushed" in result.stderr
    assert count["n"] == 2
    assert not bridge_commits(harness)
    harness.assert_no_plaintext()


def test_git_server_down_fails_clearly_with_exit_1(harness: Harness) -> None:
    harness.git.stop()
    result = harness.run(process=True)
    assert result.returncode == 1
    assert "FAILED: cannot clone" in result.stderr and "alpha (cluster-2)" in result.stderr and "beta (cluster-3)" in result.stderr
    assert "0 committed, 0 unchanged, 2 failed" in result.stderr
    harness.assert_no_plaintext()


@pytest.fixture
def four_shards(tmp_path: Path, pki: Pki) -> Iterator[Harness]:
    """A world with shards alpha, beta, gamma and delta, each delivered to its own path."""
    h = Harness(tmp=tmp_path, pki=pki, shards=("alpha", "beta", "gamma", "delta"))
    try:
        yield h
    finally:
        h.stop()


def test_api_errors_404_403_500_fail_only_their_shard_with_clear_messages(four_shards: Harness) -> None:
    h = four_shards
    del h.api.objects["/api/v1/namespaces/kcp-zheng/secrets/alpha-bundle"]
    assert h.api.allowed is not None
    h.api.allowed.discard("/api/v1/namespaces/kcp-zheng/secrets/beta-mounts-proxy")
    h.api.failures["/api/v1/namespaces/kcp-zheng/secrets/gamma-bundle"] = 500
    result = h.run()
    assert result.returncode == 1
    assert "alpha (cluster-2): FAILED: cannot read the bundle: GET Secret kcp-zheng/alpha-bundle: HTTP 404 NotFound" in result.stderr
    assert 'secrets "alpha-bundle" not found' in result.stderr and "ConfigurationBundle feature gate" in result.stderr
    assert "beta (cluster-3): FAILED: Secret beta-mounts-proxy is referenced by the bundled Deployment beta-shard-kcp" in result.stderr
    assert "HTTP 403 Forbidden (the bridge's Role does not grant get on this object" in result.stderr
    assert "gamma (cluster-gamma): FAILED: cannot read the bundle" in result.stderr
    assert "HTTP 500 InternalError (server error): Internal error occurred: etcdserver: request timed out" in result.stderr
    assert "delta (cluster-delta): committed" in result.stdout
    assert "1 committed, 0 unchanged, 3 failed" in result.stderr
    assert h.files("bridge/cluster-2") == {} and len(h.files("bridge/cluster-delta")) == 23
    h.assert_no_plaintext()


def _corrupt(h: Harness, shard: str, how: str) -> None:
    path = f"/api/v1/namespaces/kcp-zheng/secrets/{shard}-bundle"
    values = {k: json.dumps(v).encode() for k, v in h.world.bundle_objects(shard).items()}
    if how == "bad-json":
        key = next(k for k in values if k.endswith(f"_secrets_{shard}_server"))
        # The broken value still carries a secret, which must not show up in the error message.
        values[key] = values[key][:-40]
    elif how == "missing-deployment":
        values = {k: v for k, v in values.items() if "_deployments_" not in k}
    elif how == "not-a-secret":
        h.api.raw_bodies[path] = json.dumps(
            {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": f"{shard}-bundle"}, "data": {}}
        ).encode()
        return
    elif how == "bad-base64":
        secret = h.world.bundle_secret(shard, values=values)
        secret["data"][next(iter(secret["data"]))] = "!!not base64!!"
        h.api.objects[path] = secret
        return
    h.api.objects[path] = h.world.bundle_secret(shard, values=values)


def test_malformed_bundle_fails_that_shard_with_a_clear_message(tmp_path: Path, pki: Pki) -> None:
    cases = {
        "alpha": ("bad-json", "key api_v1_namespaces_kcp_zheng_secrets_alpha_server does not hold valid JSON"),
        "beta": ("missing-deployment", "holds no Deployment"),
        "gamma": ("not-a-secret", "is not a v1 Secret (got kind 'ConfigMap')"),
        "delta": ("bad-base64", "is not valid base64"),
    }
    h = Harness(tmp=tmp_path, pki=pki, shards=(*cases, "epsilon"))
    try:
        for shard, (how, _) in cases.items():
            _corrupt(h, shard, how)
        result = h.run()
        assert result.returncode == 1
        for shard, (_, message) in cases.items():
            line = next(line for line in result.stderr.splitlines() if line.startswith(f"bridge: {shard} ("))
            assert "FAILED:" in line and message in line, line
        assert "epsilon (cluster-epsilon): committed" in result.stdout
        h.assert_no_plaintext()
    finally:
        h.stop()


def test_expired_or_missing_certificate_fails_that_shard(harness: Harness) -> None:
    (harness.config_dir / "certs" / "cluster-2.pem").write_bytes(harness.pki.expired.cert_pem)
    harness.config["targets"][1]["certificate"] = "certs/missing.pem"
    result = harness.run()
    assert result.returncode == 1
    assert "alpha (cluster-2): FAILED: certificate" in result.stderr and "expired on" in result.stderr
    assert "beta (cluster-3): FAILED: certificate" in result.stderr and "missing.pem not found" in result.stderr
    assert not bridge_commits(harness)
    harness.assert_no_plaintext()


def test_bundle_mode_delivers_the_whole_bundle_sealed_with_the_missing_references_inside(harness: Harness) -> None:
    harness.config["targets"][0]["mode"] = "bundle"
    result = harness.run()
    assert result.returncode == 0, result.stderr
    files = harness.files("bridge/cluster-2")
    assert sorted(files) == ["namespace.yaml", "sealedsecret_kcp-zheng_alpha-bundle.yaml"]
    unsealer = Unsealer.from_private_key(harness.pki.sealing["cluster-2"].key)
    sealed = SealedSecret.from_yaml(files["sealedsecret_kcp-zheng_alpha-bundle.yaml"].decode())
    inner = {key: json.loads(value) for key, value in unsealer.unseal(sealed).get_data_decoded().items()}
    expected = expected_objects(harness, "alpha")
    del expected[("Namespace", "kcp-zheng")]
    assert {(o["kind"], o["metadata"]["name"]): without_pod_fingerprints(o) for o in inner.values()} == expected
    assert "apis_apps_v1_namespaces_kcp_zheng_deployments_alpha_shard_kcp" in inner
    assert "api_v1_namespaces_kcp_zheng_secrets_root_service_account" in inner
    assert len(harness.files("bridge/cluster-3")) == 21
    again = harness.run()
    assert "0 committed, 2 unchanged" in again.stdout
    harness.assert_no_plaintext()


def test_switching_modes_removes_stale_files_and_keeps_foreign_ones(harness: Harness) -> None:
    assert harness.run().returncode == 0
    commit_files(
        bare=harness.bare,
        files={"bridge/cluster-2/README.md": "owned by the bridge\n", "bridge/cluster-2/sub/keep.yaml": "x: 1\n"},
        message="docs",
    )
    harness.config["targets"][0]["mode"] = "bundle"
    assert harness.run().returncode == 0
    files = harness.files("bridge/cluster-2")
    assert sorted(files) == ["README.md", "namespace.yaml", "sealedsecret_kcp-zheng_alpha-bundle.yaml"]
    assert harness.files("bridge/cluster-2/sub") == {"keep.yaml": b"x: 1\n"}
    assert harness.files("rendered/cluster-2") == {"etcd.yaml": b"kind: Etcd\n"}
    harness.assert_no_plaintext()


def test_bundle_values_with_type_meta_are_accepted_too(harness: Harness) -> None:
    harness.world.type_meta_in_bundle = True
    harness.refresh()
    assert harness.run().returncode == 0
    delivered = unseal_directory(harness, cluster="cluster-2", directory="bridge/cluster-2")
    assert delivered == expected_objects(harness, "alpha")
    harness.assert_no_plaintext()


def test_first_delivery_to_a_branch_that_does_not_exist_yet_creates_it(harness: Harness) -> None:
    init_bare(path=harness.git_root / "empty.git")
    for target in harness.config["targets"]:
        target["repoURL"] = f"{harness.git.url}/empty.git"
    result = harness.run()
    assert result.returncode == 0, result.stderr
    harness.bare = harness.git_root / "empty.git"
    assert len(bridge_commits(harness)) == 2 and len(harness.commits()) == 2
    harness.assert_no_plaintext()


def test_usage_errors_exit_2(harness: Harness) -> None:
    (harness.secrets_dir / "hmac-key").write_text("short\n")
    result = harness.run(process=True)
    assert result.returncode == 2 and "shorter than 16 bytes" in result.stderr
    (harness.secrets_dir / "hmac-key").write_text("a-long-enough-hmac-key-0123456789\n")
    result = harness.run("--git-token-file", str(harness.tmp / "nope"), process=True)
    assert result.returncode == 2 and "git token file" in result.stderr
    harness.config["targets"][0]["path"] = "../outside"
    result = harness.run(process=True)
    assert result.returncode == 2 and "targets.0.path" in result.stderr
    assert not bridge_commits(harness)
    harness.assert_no_plaintext()


def test_git_server_without_partial_clone_works_the_same(harness: Harness) -> None:
    harness.git.partial_clone = False
    assert harness.run().returncode == 0
    before = harness.commits()
    result = harness.run()
    assert "0 committed, 2 unchanged" in result.stdout
    assert harness.commits() == before
    harness.assert_no_plaintext()


def test_lost_index_is_rebuilt_from_annotations_without_resealing(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before = harness.files("bridge/cluster-2")
    commit_files(bare=harness.bare, files={"bridge/cluster-2/.bridge-fingerprints": "garbage\n"}, message="someone broke the index")
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "alpha (cluster-2): committed 0 file change(s)" in result.stdout and "beta (cluster-3): unchanged" in result.stdout
    assert harness.files("bridge/cluster-2") == before
    assert harness.files("bridge/cluster-2", hidden=True)[".bridge-fingerprints"].startswith(b"# kcp-bridge index")
    harness.assert_no_plaintext()


def test_hand_edited_sealed_file_is_resealed(harness: Harness) -> None:
    assert harness.run().returncode == 0
    name = "sealedsecret_kcp-zheng_alpha-client.yaml"
    before = harness.files("bridge/cluster-2")
    edited = before[name].replace(b"    tls.crt: ", b"    tls.crt: AAAA")
    commit_files(bare=harness.bare, files={f"bridge/cluster-2/{name}": edited.decode()}, message="hand edit")
    result = harness.run()
    assert "alpha (cluster-2): committed 1 file change(s)" in result.stdout
    after = harness.files("bridge/cluster-2")
    assert after[name] not in (before[name], edited)
    assert {n for n in after if after[n] != before[n]} == {name}
    assert unseal_directory(harness, cluster="cluster-2", directory="bridge/cluster-2") == expected_objects(harness, "alpha")
    harness.assert_no_plaintext()


def test_bridge_path_that_is_a_file_fails_that_shard(harness: Harness) -> None:
    commit_files(bare=harness.bare, files={"bridge/cluster-3": "not a directory\n"}, message="oops")
    result = harness.run()
    assert result.returncode == 1
    assert "beta (cluster-3): FAILED: bridge/cluster-3 in the repository is not a directory" in result.stderr
    assert "alpha (cluster-2): committed" in result.stdout
    harness.assert_no_plaintext()


@pytest.mark.skipif(SSHD is None, reason="OpenSSH server (sshd) is not installed")
def test_ssh_deploy_key_with_pinned_known_hosts(harness: Harness) -> None:
    try:
        ssh = SshServer(directory=harness.tmp / "ssh")
    except (RuntimeError, PermissionError) as exc:
        pytest.skip(f"cannot run sshd here: {exc}")
    try:
        for target in harness.config["targets"]:
            target["repoURL"] = ssh.url(harness.bare)
        flags = ("--ssh-key-file", str(ssh.client_key))
        wrong = harness.run(*flags, "--known-hosts-file", str(ssh.wrong_known_hosts))
        assert wrong.returncode == 1 and "Host key verification failed" in wrong.stderr
        assert not bridge_commits(harness)
        result = harness.run(*flags, "--known-hosts-file", str(ssh.known_hosts))
        assert result.returncode == 0, result.stderr
        assert len(bridge_commits(harness)) == 2
        assert "0 committed, 2 unchanged" in harness.run(*flags, "--known-hosts-file", str(ssh.known_hosts)).stdout
        assert unseal_directory(harness, cluster="cluster-2", directory="bridge/cluster-2") == expected_objects(harness, "alpha")
        harness.assert_no_plaintext()
    finally:
        ssh.stop()


# --- live reads: the bundle is the list, the content comes from cluster 1 as it is now ------------------------------


def _bundle_entry(h: Harness, shard: str, name: str) -> dict[str, Any]:
    return next(e for e in h.world._spec(shard)["bundle"] if e["name"] == name)


def test_secret_renewed_live_while_the_bundle_is_unchanged_is_delivered_in_one_run(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before_alpha, before_beta = harness.files("bridge/cluster-2"), harness.files("bridge/cluster-3")
    bundle_before = harness.api.objects["/api/v1/namespaces/kcp-zheng/secrets/alpha-bundle"]
    # cert-manager renews alpha-server; kcp-operator v0.9.0's Bundle controller does not watch it, so alpha-bundle
    # keeps the old certificate (only the live Secret changes).
    harness.world.generations["alpha-server"] = 2
    renewed = harness.world.live_secret(_bundle_entry(harness, "alpha", "alpha-server"))
    harness.api.put(harness.world.secret_path("alpha-server"), renewed)
    assert harness.api.objects["/api/v1/namespaces/kcp-zheng/secrets/alpha-bundle"] == bundle_before
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "1 committed, 1 unchanged, 0 failed" in result.stdout
    after = harness.files("bridge/cluster-2")
    assert {name for name in after if after[name] != before_alpha[name]} == {
        "sealedsecret_kcp-zheng_alpha-server.yaml", DEPLOYMENT_FILE.format(shard="alpha")
    }
    assert harness.files("bridge/cluster-3") == before_beta
    delivered = unseal_directory(harness, cluster="cluster-2", directory="bridge/cluster-2")
    assert delivered[("Secret", "alpha-server")] == expected_secret(expected_clean(renewed), cluster_reads_of(harness, "alpha"))
    assert len(bridge_commits(harness)) == 3
    assert "0 committed, 2 unchanged" in harness.run().stdout
    harness.assert_no_plaintext()


def test_live_deployment_is_delivered_with_the_replicas_its_annotation_keeps(harness: Harness) -> None:
    live = harness.world.live_deployment("alpha")
    live["spec"]["template"]["spec"]["containers"][0]["image"] = "ghcr.io/kcp-dev/kcp:v0.32.2"
    live["metadata"]["annotations"]["operator.kcp.io/bundle-desired-replicas"] = "3"
    harness.api.put("/apis/apps/v1/namespaces/kcp-zheng/deployments/alpha-shard-kcp", live)
    result = harness.run()
    assert result.returncode == 0, result.stderr
    deployment = yaml.load(harness.files("bridge/cluster-2")["deployment_kcp-zheng_alpha-shard-kcp.yaml"], Loader=yaml.CSafeLoader)
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "ghcr.io/kcp-dev/kcp:v0.32.2"
    assert deployment["spec"]["replicas"] == 3
    assert "operator.kcp.io/bundle-desired-replicas" not in deployment["metadata"]["annotations"]
    harness.assert_no_plaintext()


def test_bundled_object_gone_live_falls_back_to_the_bundle_copy_and_says_so(harness: Harness) -> None:
    del harness.api.objects["/api/v1/namespaces/kcp-zheng/secrets/alpha-client"]
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert (
        "bridge: alpha (cluster-2): warning: Secret alpha-client is listed by the bundle but no longer exists on cluster 1: "
        "delivered the bundle's copy" in result.stderr
    )
    assert unseal_directory(harness, cluster="cluster-2", directory="bridge/cluster-2") == expected_objects(harness, "alpha")
    harness.assert_no_plaintext()


def test_bundled_object_the_role_does_not_grant_fails_its_shard(harness: Harness) -> None:
    assert harness.api.allowed is not None
    harness.api.allowed.discard("/api/v1/namespaces/kcp-zheng/services/beta-shard-kcp")
    result = harness.run()
    assert result.returncode == 1
    assert "beta (cluster-3): FAILED: Service beta-shard-kcp is listed by the bundle, and reading it live failed" in result.stderr
    assert "HTTP 403 Forbidden" in result.stderr and "alpha (cluster-2): committed" in result.stdout
    harness.assert_no_plaintext()


# --- retired paths: a cluster that receives no shard any more -----------------------------------------------------


def _retire_beta(h: Harness) -> None:
    beta = next(t for t in h.config["targets"] if t["shard"] == "beta")
    h.config["targets"] = [t for t in h.config["targets"] if t is not beta]
    h.config["retired"] = [{k: beta[k] for k in ("cluster", "repoURL", "branch", "path")}]


def test_retired_path_loses_every_file_the_bridge_wrote_in_one_commit_and_nothing_else(harness: Harness) -> None:
    assert harness.run().returncode == 0
    commit_files(
        bare=harness.bare,
        files={"bridge/cluster-3/README.md": "placeholder\n", "bridge/cluster-3/mine.yaml": "kind: ConfigMap\n"},
        message="generator placeholder and a hand-written file",
    )
    before_alpha = harness.files("bridge/cluster-2", hidden=True)
    _retire_beta(harness)
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "bridge: retired cluster-3: removed 21 delivered file(s) commit " in result.stdout
    assert "bridge: 1 target(s) and 1 retired path(s): 1 committed, 1 unchanged, 0 failed" in result.stdout
    assert harness.files("bridge/cluster-3", hidden=True) == {"README.md": b"placeholder\n", "mine.yaml": b"kind: ConfigMap\n"}
    assert harness.files("bridge/cluster-2", hidden=True) == before_alpha
    subjects = bridge_commits(harness)
    assert subjects[0] == "bridge: cluster-3 receives no shard any more: remove 21 delivered file(s) from bridge/cluster-3"
    # Idempotent: nothing of the bridge's is left, so the next cycles commit nothing.
    again = harness.run()
    assert again.returncode == 0 and "bridge: retired cluster-3: nothing delivered left in" in again.stdout
    assert bridge_commits(harness) == subjects
    harness.assert_no_plaintext()


def test_retired_path_without_an_index_removes_only_files_with_the_bridge_fingerprint(harness: Harness) -> None:
    assert harness.run().returncode == 0
    commit_files(bare=harness.bare, files={"bridge/cluster-3/mine.yaml": "kind: ConfigMap\n"}, message="hand-written file")
    assert ".bridge-fingerprints" in harness.files("bridge/cluster-3", hidden=True)
    _delete_in_repo(harness, "bridge/cluster-3/.bridge-fingerprints")
    assert ".bridge-fingerprints" not in harness.files("bridge/cluster-3", hidden=True)
    _retire_beta(harness)
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "removed 21 delivered file(s)" in result.stdout
    assert harness.files("bridge/cluster-3", hidden=True) == {"mine.yaml": b"kind: ConfigMap\n"}
    harness.assert_no_plaintext()


def _delete_in_repo(h: Harness, path: str) -> None:
    """Commit the deletion of one file on main (as someone editing the repository by hand)."""
    stream = (
        "commit refs/heads/main\ncommitter t <t@example.invalid> 0 +0000\ndata 6\ndelete\n"
        f"from refs/heads/main^0\nD {path}\n\ndone\n"
    )
    git("--git-dir", str(h.bare), "fast-import", "--quiet", "--done", input_=stream.encode())


def test_shards_sharing_a_cluster_share_its_path_and_one_commit(tmp_path: Path, pki: Pki) -> None:
    h = Harness(tmp=tmp_path, pki=pki, shards=("alpha", "gamma"))
    try:
        gamma = next(t for t in h.config["targets"] if t["shard"] == "gamma")
        gamma.update(cluster="cluster-2", certificate="certs/cluster-2.pem", path="bridge/cluster-2")
        result = h.run()
        assert result.returncode == 0, result.stderr
        assert "2 committed, 0 unchanged, 0 failed" in result.stdout
        assert bridge_commits(h)[0].startswith("bridge: alpha, gamma bundles alpha-bundle, gamma-bundle fingerprint ")
        expected = {**expected_objects(h, "alpha"), **expected_objects(h, "gamma")}
        for key in set(expected_objects(h, "alpha")) & set(expected_objects(h, "gamma")):
            assert expected_objects(h, "alpha")[key] == expected_objects(h, "gamma")[key], key
        assert unseal_directory(h, cluster="cluster-2", directory="bridge/cluster-2") == expected
        assert "0 committed, 2 unchanged" in h.run().stdout
        # Each shard reads the other's service-account certificate only, but both run here: both key pairs travel.
        for sa in ("alpha-service-account", "gamma-service-account"):
            assert expected[("Secret", sa)]["data"]["tls.key"], sa
        # gamma leaves the cluster: its own files go; its service-account Secret, which alpha mounts, stays, without
        # the private key nobody on the cluster reads any more.
        h.config["targets"] = [t for t in h.config["targets"] if t["shard"] == "alpha"]
        result = h.run()
        assert result.returncode == 0 and "1 committed" in result.stdout, result.stderr
        after = unseal_directory(h, cluster="cluster-2", directory="bridge/cluster-2")
        assert after == expected_objects(h, "alpha")
        assert after[("Secret", "gamma-service-account")]["data"]["tls.key"] == ""
        h.assert_no_plaintext()
    finally:
        h.stop()


def test_hand_edited_plain_file_is_written_again(harness: Harness) -> None:
    assert harness.run().returncode == 0
    name = "deployment_kcp-zheng_alpha-shard-kcp.yaml"
    before = harness.files("bridge/cluster-2")
    commit_files(bare=harness.bare, files={f"bridge/cluster-2/{name}": before[name].decode().replace("replicas: 2", "replicas: 5")},
                 message="hand edit")
    result = harness.run()
    assert "alpha (cluster-2): committed 1 file change(s)" in result.stdout, result.stdout
    assert harness.files("bridge/cluster-2") == before
    harness.assert_no_plaintext()


def test_a_failed_shard_keeps_the_path_it_shares_untouched(tmp_path: Path, pki: Pki) -> None:
    h = Harness(tmp=tmp_path, pki=pki, shards=("alpha", "gamma"))
    try:
        gamma = next(t for t in h.config["targets"] if t["shard"] == "gamma")
        gamma.update(cluster="cluster-2", certificate="certs/cluster-2.pem", path="bridge/cluster-2")
        assert h.run().returncode == 0
        before = h.files("bridge/cluster-2", hidden=True)
        h.api.failures["/api/v1/namespaces/kcp-zheng/secrets/gamma-bundle"] = 500
        h.world.generations["alpha-server"] = 2
        h.refresh()
        result = h.run()
        assert result.returncode == 1
        assert "gamma (cluster-2): FAILED: cannot read the bundle" in result.stderr
        assert "alpha (cluster-2): FAILED: not delivered: gamma, which shares bridge/cluster-2 with it, failed" in result.stderr
        assert h.files("bridge/cluster-2", hidden=True) == before
        h.assert_no_plaintext()
    finally:
        h.stop()
