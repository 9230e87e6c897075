"""Need to know (issue 10): a shard cluster receives only the Secret keys its shard's pods read.

The rules of `bridge._keyuse.secret_key_use` one by one (each with a case that breaks it), the fixture shard checked
against the keys read off kcp-operator v0.9.0's source by hand (`bridge_testkit.needtoknow`), and whole bridge runs in
both delivery modes.
"""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import pytest
import yaml
from bridge_testkit.bundles import World, expected_clean
from bridge_testkit.harness import Harness
from bridge_testkit.needtoknow import ALL, cluster_reads, shard_reads, withheld
from kubesealpy import SealedSecret, Unsealer

from bridge import _bundle, _needtoknow
from bridge._keyuse import SecretUse, secret_key_use
from kcpmodel import reads_only_named_files

DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/kcp-zheng/deployments/alpha-shard-kcp"


def _pod(*containers: dict[str, Any], volumes: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"kind": "Deployment", "spec": {"template": {"spec": {"volumes": volumes or [], "containers": list(containers), **extra}}}}


def _secret_volume(name: str, secret: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "secret": {"secretName": secret, **fields}}


def _container(*args: str, mounts: list[tuple[str, str]] = (), **fields: Any) -> dict[str, Any]:  # type: ignore[assignment]
    return {"name": "c", "args": list(args), "volumeMounts": [{"name": v, "mountPath": p} for v, p in mounts], **fields}


def _use(workload: dict[str, Any], *, documents: dict[tuple[str, str], Any] | None = None, closed: bool = False,
         keys: dict[str, set[str]] | None = None) -> dict[str, SecretUse]:  # fmt: skip
    return secret_key_use(
        workload=workload,
        read_document=lambda s, k: (documents or {}).get((s, k)),
        secret_keys=keys or {},
        names_every_file=lambda c: closed,
    )


# --- the rules of secret_key_use --------------------------------------------------------------------------------


def test_a_file_named_in_args_command_or_env_is_read() -> None:
    volumes = [_secret_volume("v", "ca")]
    named = _container("--ca-file=/etc/ca/tls.crt", mounts=[("v", "/etc/ca")])
    assert _use(_pod(named, volumes=volumes))["ca"] == SecretUse(name="ca", keys=frozenset({"tls.crt"}))
    in_command = _container(mounts=[("v", "/etc/ca")], command=["sh", "-c", "cat /etc/ca/tls.key"])
    assert _use(_pod(in_command, volumes=volumes))["ca"].keys == {"tls.key"}
    in_env = _container(mounts=[("v", "/etc/ca")], env=[{"name": "CA", "value": "/etc/ca/./ca.crt"}])
    assert _use(_pod(in_env, volumes=volumes))["ca"].keys == {"ca.crt"}
    # Broken on purpose: the same path in another container, which does not mount the volume, reads nothing here.
    elsewhere = _pod(_container(mounts=[("v", "/etc/ca")]), {**_container("--ca-file=/etc/ca/tls.crt"), "name": "other"}, volumes=volumes)
    assert _use(elsewhere, closed=True)["ca"].keys == frozenset()
    # ... and a longer file name that merely starts with the key's is not the key.
    longer = _pod(_container("--x=/etc/ca/tls.crt.bak", mounts=[("v", "/etc/ca")]), volumes=volumes)
    assert _use(longer, closed=True, keys={"ca": {"tls.crt", "tls.key"}})["ca"].keys == frozenset()


def test_files_a_named_kubeconfig_names_are_read() -> None:
    volumes = [_secret_volume("kc", "kubeconfig"), _secret_volume("cert", "client"), _secret_volume("ca", "server-ca")]
    mounts = [("kc", "/etc/kc"), ("cert", "/etc/tls/client"), ("ca", "/etc/tls/ca")]
    document = {
        "clusters": [{"name": "x", "cluster": {"certificate-authority": "../tls/ca/tls.crt"}}],
        "users": [{"name": "x", "user": {"client-certificate": "/etc/tls/client/tls.crt", "client-key": "/etc/tls/client/tls.key"}}],
    }
    pod = _pod(_container("--kubeconfig=/etc/kc/kubeconfig", mounts=mounts), volumes=volumes)
    uses = _use(pod, documents={("kubeconfig", "kubeconfig"): document}, closed=True)
    assert uses["kubeconfig"].keys == {"kubeconfig"}
    assert uses["client"].keys == {"tls.crt", "tls.key"}
    # A relative path is resolved against the kubeconfig's directory, as client-go's ResolveLocalPaths does.
    assert uses["server-ca"].keys == {"tls.crt"}
    # Broken on purpose: without the kubeconfig's content the files it names are not known to be read.
    blind = _use(pod, documents={}, closed=True)
    assert blind["client"].keys == frozenset() and blind["server-ca"].keys == frozenset()


def test_keys_projected_through_items_or_picked_by_sub_path_are_read() -> None:
    items = _secret_volume("v", "s", items=[{"key": "tls.crt", "path": "cert.pem"}])
    uses = _use(_pod(_container(mounts=[("v", "/etc/s")]), volumes=[items]), closed=True)
    assert uses["s"].keys == {"tls.crt"}, "the kubelet needs an items key to start the pod"
    named = _use(_pod(_container("--cert=/etc/s/cert.pem", mounts=[("v", "/etc/s")]), volumes=[items]), closed=True)
    assert named["s"].keys == {"tls.crt"}, "a file named by its items path is the key behind it"
    sub_path = {"name": "c", "volumeMounts": [{"name": "w", "mountPath": "/etc/key.pem", "subPath": "tls.key"}]}
    assert _use(_pod(sub_path, volumes=[_secret_volume("w", "t")]))["t"].keys == {"tls.key"}
    # Broken on purpose: a subPathExpr is resolved only at run time, so every key travels.
    expr = {"name": "c", "volumeMounts": [{"name": "w", "mountPath": "/etc/key.pem", "subPathExpr": "$(KEY)"}]}
    assert _use(_pod(expr, volumes=[_secret_volume("w", "t")]))["t"].whole


def test_env_secret_key_ref_reads_its_key_and_env_from_reads_every_key() -> None:
    ref = {"name": "c", "env": [{"name": "T", "valueFrom": {"secretKeyRef": {"name": "tok", "key": "token"}}}]}
    assert _use(_pod(ref))["tok"] == SecretUse(name="tok", keys=frozenset({"token"}))
    env_from = {"name": "c", "envFrom": [{"secretRef": {"name": "tok"}}]}
    assert _use(_pod(env_from))["tok"].whole


def test_a_mount_no_file_of_which_is_named_is_use_not_shown_unless_the_container_opens_only_named_files() -> None:
    pod = _pod(_container("--unrelated=/etc/other/x", mounts=[("v", "/etc/sa-ca")]), volumes=[_secret_volume("v", "sa-ca")])
    open_use = _use(pod)["sa-ca"]
    assert open_use.whole and "names no file of it: use not shown" in open_use.reasons[0]
    assert _use(pod, closed=True)["sa-ca"] == SecretUse(name="sa-ca")


def test_naming_the_mount_directory_or_working_in_it_reads_every_key() -> None:
    volumes = [_secret_volume("v", "certs")]
    directory = _use(_pod(_container("--cert-dir=/etc/certs/", mounts=[("v", "/etc/certs")]), volumes=volumes), closed=True)
    assert directory["certs"].whole and "names the directory /etc/certs" in directory["certs"].reasons[0]
    working = _use(_pod(_container("--cert=tls.crt", mounts=[("v", "/etc/certs")], workingDir="/etc/certs"), volumes=volumes), closed=True)
    assert working["certs"].whole


def test_the_deepest_mount_holds_a_named_file() -> None:
    volumes = [_secret_volume("outer", "root-ca"), _secret_volume("inner", "rh-ca")]
    pod = _pod(_container("--rh=/etc/ca/requestheader/tls.crt", mounts=[("outer", "/etc/ca"), ("inner", "/etc/ca/requestheader")]),
               volumes=volumes)  # fmt: skip
    uses = _use(pod, closed=True)
    assert uses["rh-ca"].keys == {"tls.crt"} and uses["root-ca"].keys == frozenset()


def test_projected_secret_files_come_from_the_secret_that_holds_the_key() -> None:
    volume = {"name": "p", "projected": {"sources": [{"secret": {"name": "a"}}, {"secret": {"name": "b"}}, {"serviceAccountToken": {"path": "t"}}]}}
    pod = _pod(_container("--x=/etc/p/a.pem", mounts=[("p", "/etc/p")]), volumes=[volume])
    uses = _use(pod, closed=True, keys={"a": {"a.pem"}, "b": {"b.pem"}})
    assert uses["a"].keys == {"a.pem"} and uses["b"].keys == frozenset()
    # Without knowing the Secrets' keys, the file may come from either: both keep it.
    assert {n: u.keys for n, u in _use(pod, closed=True).items()} == {"a": {"a.pem"}, "b": {"a.pem"}}


def test_exec_probes_and_lifecycle_hooks_name_files_too() -> None:
    container = _container(mounts=[("v", "/etc/s")], livenessProbe={"exec": {"command": ["check", "--key=/etc/s/probe.key"]}},
                           lifecycle={"preStop": {"exec": {"command": ["drain", "/etc/s/drain.key"]}}})  # fmt: skip
    assert _use(_pod(container, volumes=[_secret_volume("v", "s")]), closed=True)["s"].keys == {"probe.key", "drain.key"}


def test_image_pull_secrets_travel_whole() -> None:
    assert _use(_pod(_container(), imagePullSecrets=[{"name": "pull"}]))["pull"].whole


def test_only_kcp_operators_kcp_container_is_known_to_open_only_named_files() -> None:
    kcp = {"name": "kcp", "command": ["/kcp", "start"], "args": ["--root-directory=", "--tls-cert-file=/etc/kcp/tls/server/tls.crt"]}
    assert reads_only_named_files(kcp)
    # Broken on purpose: with a root directory kcp generates and reads files of its own; another program is unknown.
    assert not reads_only_named_files({**kcp, "args": ["--root-directory=/data"]})
    assert not reads_only_named_files({**kcp, "command": ["/bin/sh", "-c", "/kcp start"]})


# --- delivery filtering ------------------------------------------------------------------------------------------


def test_a_withheld_key_a_tls_secret_must_have_stays_empty_and_other_withheld_keys_go() -> None:
    tls = {"kind": "Secret", "type": "kubernetes.io/tls", "metadata": {"name": "s"}, "data": {"tls.crt": "QQ==", "tls.key": "Qg==", "ca.crt": "Qw=="}}
    result, gone = _needtoknow.filtered(secret=tls, use=SecretUse(name="s", keys=frozenset({"tls.crt"})))
    assert result["data"] == {"tls.crt": "QQ==", "tls.key": ""} and gone == ("ca.crt", "tls.key")
    assert tls["data"]["tls.key"] == "Qg==", "the input is not changed"
    opaque = {**tls, "type": "Opaque"}
    result, gone = _needtoknow.filtered(secret=opaque, use=SecretUse(name="s", keys=frozenset({"tls.crt"})))
    assert result["data"] == {"tls.crt": "QQ=="} and gone == ("ca.crt", "tls.key")
    whole, gone = _needtoknow.filtered(secret=tls, use=SecretUse(name="s", whole=True, reasons=("x",)))
    assert whole is tls and gone == ()


def test_secrets_of_other_types_and_unreferenced_secrets_travel_whole() -> None:
    deployment = _pod(_container(mounts=[]), volumes=[])
    basic = {"kind": "Secret", "type": "kubernetes.io/basic-auth", "metadata": {"name": "b"}, "data": {"username": "QQ=="}}
    mounted = {**copy.deepcopy(deployment)}
    mounted["spec"]["template"]["spec"]["volumes"] = [_secret_volume("b", "b")]
    uses = _needtoknow.uses(objects=[mounted, basic, {"kind": "Secret", "type": "Opaque", "metadata": {"name": "loose"}, "data": {}}])
    assert uses["b"].whole and "type kubernetes.io/basic-auth" in uses["b"].reasons[-1]
    assert uses["loose"].whole and "referenced by no delivered workload" in uses["loose"].reasons[0]


# --- the fixture shard against the hand-written oracle ----------------------------------------------------------


def _fixture_objects(world: World, shard: str) -> list[dict[str, Any]]:
    secrets = [{"kind": "Secret", "apiVersion": "v1", **world.live_secret(e)} for e in world._spec(shard)["bundle"] + world.extra_entries(shard)]
    return [_bundle.clean(obj=o) for o in [*secrets, world.live_deployment(shard)]]


def test_fixture_shard_reads_exactly_what_kcp_operator_v0_9_0_source_says() -> None:
    """kcp-dev/kcp-operator@v0.9.0: compiledshard/deployment.go getArgs, shard/kubeconfigs.go, utils/authentication.go
    applyServiceAccountAuthentication, read by hand into `bridge_testkit.needtoknow.shard_reads`."""
    world = World(shards=["alpha", "beta"])
    world.build()
    for shard in world.shards:
        computed = _needtoknow.uses(objects=_fixture_objects(world, shard))
        oracle = shard_reads(shard=shard, root=world.root, shards=world.shards)
        assert set(computed) == set(oracle), shard
        for name, keys in oracle.items():
            if keys is ALL:
                assert computed[name].whole, name
            else:
                assert not computed[name].whole and computed[name].keys == keys, name
        # The issue's rule, confirmed: CA Secrets and other shards' service-account Secrets are read as tls.crt at most.
        for name, use in computed.items():
            if name.endswith("-ca") or (name.endswith("-service-account") and name != f"{shard}-service-account"):
                assert use.keys <= {"tls.crt"} and not use.whole, name


def test_fixture_shard_reading_changes_when_its_deployment_names_another_file() -> None:
    world = World(shards=["alpha", "beta"])
    world.build()
    objects = _fixture_objects(world, "alpha")
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    args = deployment["spec"]["template"]["spec"]["containers"][0]["args"]
    # Broken on purpose: a flag naming the root CA's private key makes it read; dropping the mounts-proxy key flag
    # makes that key unread.
    args.append("--extra-signing-key=/etc/kcp/tls/ca/root/tls.key")
    args.remove("--mount-proxy-client-key-file=/etc/kcp/tls/mounts-proxy/tls.key")
    uses = _needtoknow.uses(objects=objects)
    assert uses["root-ca"].keys == {"tls.crt", "tls.key"}
    assert uses["alpha-mounts-proxy"].keys == {"tls.crt"}


# --- whole runs ---------------------------------------------------------------------------------------------------


def _delivered_secrets(h: Harness, *, cluster: str, mode: str, shard: str) -> dict[str, dict[str, bytes]]:
    """Secret name -> key -> plaintext value as the shard cluster receives it, in either mode."""
    unsealer = Unsealer.from_private_key(h.pki.sealing[cluster].key)
    files = h.files(f"bridge/{cluster}")
    secrets: dict[str, dict[str, bytes]] = {}
    if mode == "bundle":
        bundle = unsealer.unseal(SealedSecret.from_yaml(files[f"sealedsecret_kcp-zheng_{shard}-bundle.yaml"].decode()))
        for value in bundle.get_data_decoded().values():
            obj = json.loads(value)
            if obj["kind"] == "Secret":
                secrets[obj["metadata"]["name"]] = {k: base64.b64decode(v) for k, v in obj.get("data", {}).items()}
        return secrets
    for name, content in files.items():
        if name.startswith("sealedsecret_"):
            secret = unsealer.unseal(SealedSecret.from_yaml(content.decode()))
            secrets[yaml.safe_load(content)["metadata"]["name"]] = dict(secret.get_data_decoded())
    return secrets


@pytest.mark.parametrize("mode", ["objects", "bundle"])
def test_delivered_secrets_hold_no_ca_private_key_and_no_other_shards_signing_key(harness: Harness, mode: str) -> None:
    for target in harness.config["targets"]:
        target["mode"] = mode
    result = harness.run()
    assert result.returncode == 0, result.stderr
    for shard, cluster, other in (("alpha", "cluster-2", "beta"), ("beta", "cluster-3", "alpha")):
        secrets = _delivered_secrets(harness, cluster=cluster, mode=mode, shard=shard)
        cas = [n for n in secrets if n.endswith("-ca")]
        assert len(cas) == 5, cas
        for name in cas:
            assert not secrets[name].get("tls.key"), f"{cluster} received the private key of {name}"
        assert not secrets[f"{other}-service-account"].get("tls.key") and not secrets["root-service-account"].get("tls.key")
        # What the shard reads still arrives, value for value.
        for name, key in ((f"{shard}-service-account", "tls.key"), (f"{shard}-server", "tls.key"), (f"{shard}-mounts-proxy", "tls.key"),
                          ("root-ca", "tls.crt"), (f"{other}-service-account", "tls.crt"), (f"{shard}-client-kubeconfig", "kubeconfig")):  # fmt: skip
            assert secrets[name][key] == harness.world.plaintext[(name, key)], (name, key)
        # The root CA's private key exists on cluster 1 (the world) but did not travel.
        assert harness.world.plaintext[("root-ca", "tls.key")]
    harness.assert_no_plaintext()


def _expected_withheld_line(h: Harness, shard: str) -> str:
    reads = cluster_reads(shards_here=[shard], root=h.world.root, shards=h.world.shards)
    secrets = [expected_clean(h.world.live_secret(e)) for e in h.world._spec(shard)["bundle"] + h.world.extra_entries(shard)]
    parts = [f"{s['metadata']['name']}: {', '.join(withheld(s, reads))}" for s in sorted(secrets, key=lambda s: s["metadata"]["name"])]
    return "; ".join(p for p in parts if not p.endswith(": "))


def test_each_run_prints_per_shard_the_keys_it_withheld(harness: Harness) -> None:
    for _ in range(2):  # the first delivery and a run that commits nothing both say it
        result = harness.run()
        assert result.returncode == 0, result.stderr
        for shard, cluster in (("alpha", "cluster-2"), ("beta", "cluster-3")):
            line = f"bridge: {shard} ({cluster}): withheld {_expected_withheld_line(harness, shard)}\n"
            assert line in result.stdout, result.stdout
            assert "root-ca: ca.crt, tls.key; root-client-ca: ca.crt, tls.key;" in line
            assert f"bridge: {shard} ({cluster}): carried every key of {shard}-virtual-workspaces (referenced by no delivered workload" in result.stdout
    harness.assert_no_plaintext()


def test_a_renewed_withheld_key_changes_no_delivered_file_and_makes_no_commit(harness: Harness) -> None:
    assert harness.run().returncode == 0
    before = {c: harness.files(f"bridge/{c}", hidden=True) for c in ("cluster-2", "cluster-3")}
    commits = harness.commits()
    # Only withheld keys change on cluster 1: the root CA's and the service-account CA's private keys, and the
    # service-account CA (no key of which any shard reads) renewed as a whole.
    harness.world.key_generations[("root-ca", "tls.key")] = 2
    harness.world.key_generations[("root-client-ca", "ca.crt")] = 2
    harness.world.generations["root-service-account-ca"] = 2
    harness.refresh()
    result = harness.run()
    assert result.returncode == 0, result.stderr
    assert "0 committed, 2 unchanged, 0 failed" in result.stdout
    assert harness.commits() == commits
    assert {c: harness.files(f"bridge/{c}", hidden=True) for c in ("cluster-2", "cluster-3")} == before
    # Broken on purpose: beta's service-account private key is withheld from alpha's cluster but read by beta: one
    # commit, for beta only (its Secret and its Deployment's pod fingerprint), alpha untouched.
    harness.world.key_generations[("beta-service-account", "tls.key")] = 2
    harness.refresh()
    result = harness.run()
    assert "1 committed, 1 unchanged, 0 failed" in result.stdout, result.stdout
    assert "bridge: beta (cluster-3): committed 2 file change(s)" in result.stdout
    assert harness.files("bridge/cluster-2", hidden=True) == before["cluster-2"]
    harness.assert_no_plaintext()


def test_a_deployment_that_names_a_key_file_keeps_that_key(harness: Harness) -> None:
    assert harness.run().returncode == 0
    live = harness.api.objects[DEPLOYMENT_PATH]
    changed = copy.deepcopy(live)
    args = changed["spec"]["template"]["spec"]["containers"][0]["args"]
    args.append("--extra-signing-key=/etc/kcp/tls/ca/root/tls.key")
    args.remove("--mount-proxy-client-key-file=/etc/kcp/tls/mounts-proxy/tls.key")
    harness.api.put(DEPLOYMENT_PATH, changed)
    result = harness.run()
    assert result.returncode == 0, result.stderr
    alpha = _delivered_secrets(harness, cluster="cluster-2", mode="objects", shard="alpha")
    assert alpha["root-ca"]["tls.key"] == harness.world.plaintext[("root-ca", "tls.key")], "a key file the Deployment names travels"
    assert alpha["alpha-mounts-proxy"]["tls.key"] == b"", "a key file no longer named is withheld"
    assert "alpha-mounts-proxy: ca.crt, tls.key" in result.stdout and "root-ca: ca.crt;" in result.stdout
    beta = _delivered_secrets(harness, cluster="cluster-3", mode="objects", shard="beta")
    assert beta["root-ca"]["tls.key"] == b"", "beta's Deployment still names no such file"
    harness.assert_no_plaintext()
