"""What the model says kcp-operator v0.9.0 makes and mounts, against itself and against an independent oracle.

The oracle is the bridge test kit's fixtures (tests/bridge/fixtures/): a kcp-zheng shard's bundle, written from
kcp-operator v0.9.0's source by hand and not from this model.
"""

from __future__ import annotations

import copy
from pathlib import Path
from string import Template

import yaml

from kcpmodel import (
    operator_secrets,
    proxy_certificates,
    root_shard_certificates,
    root_shard_kubeconfigs,
    shard_certificates,
    shard_export,
    shard_kubeconfigs,
    shard_secret_mounts,
)

FIXTURES = Path(__file__).resolve().parents[1] / "bridge" / "fixtures"
NS = "kcp-zheng"
ROOT = {
    "kind": "RootShard",
    "metadata": {"name": "root", "namespace": NS},
    "spec": {
        "external": {"hostname": "api.zheng.example.com", "port": 6443},
        "certificates": {"issuerRef": {"group": "cert-manager.io", "kind": "Issuer", "name": "kcp-ca"}},
        "caBundleSecretRef": {"name": "letsencrypt-ca"},
        "auth": {"serviceAccount": {"enabled": True}},
        "etcd": {"endpoints": ["https://root-client.kcp-zheng.svc.cluster.local:2379"], "tlsConfig": {"secretRef": {"name": "etcd-ca-tls"}}},
    },
}


def _shard(name: str, **spec: object) -> dict:
    base = {
        "image": {"repository": "ghcr.io/kcp-dev/kcp", "tag": "v0.32.3"},
        "auth": {"serviceAccount": {"enabled": True}, "oidc": {"issuerURL": "https://auth.example.com", "clientID": "platform-mesh"}},
        "caBundleSecretRef": {"name": "letsencrypt-ca"},
        "etcd": {"endpoints": [f"https://{name}-client.{NS}.svc.cluster.local:2379"], "tlsConfig": {"secretRef": {"name": "etcd-ca-tls"}}},
        "shardBaseURL": f"https://{name}.zheng.example.com:6443",
        "rootShard": {"ref": {"name": "root"}},
    }
    base.update(spec)
    return {"kind": "Shard", "metadata": {"name": name, "namespace": NS, "annotations": {"operator.kcp.io/bundle": "true"}}, "spec": base}


def _fixture(name: str, shard: str) -> dict:
    return yaml.load(Template((FIXTURES / name).read_text()).substitute(SHARD=shard, ROOT="root", NAMESPACE=NS), Loader=yaml.CSafeLoader)


def test_export_of_a_kcp_zheng_shard_is_what_the_independent_fixtures_say() -> None:
    export = shard_export(_shard("alpha"), ROOT, ["alpha", "beta"])
    secrets = _fixture("secrets.yaml", "alpha")
    assert set(export.bundled_secrets) == {e["name"] for e in secrets["bundle"]}
    assert export.bundle_secret == "alpha-bundle" and (export.deployment, export.service) == ("alpha-shard-kcp", "alpha-shard-kcp")
    # Mounted but not bundled: the shard's mounts-proxy, the root's and the other shard's service-account Secrets,
    # and the etcd client certificate (issued on the shard's own cluster).
    expected = {e["name"] for e in secrets["shard_extra"] + secrets["root_extra"]} | {"beta-service-account", "etcd-ca-tls"}
    assert set(export.unbundled_mounts) == expected


def test_mounts_are_the_volumes_of_the_fixture_deployment() -> None:
    deployment = _fixture("shard-deployment.yaml", "alpha")
    volumes = {v["secret"]["secretName"] for v in deployment["spec"]["template"]["spec"]["volumes"]}
    volumes |= {f"{owner}-service-account" for owner in ("root", "alpha", "beta")}  # appended by the test kit as v0.9.0 does
    shard = _shard("alpha")
    mounted = {m.secret for m in shard_secret_mounts("alpha", shard["spec"], "root", ROOT["spec"], ["alpha", "beta"])}
    assert mounted == volumes


def test_export_follows_the_spec_not_a_fixed_list() -> None:
    # kcp before 0.32.3 has no mounts proxy; without service-account auth no shard mounts the others' keys.
    older = shard_export(_shard("alpha", image={"tag": "v0.32.2"}, auth={}), ROOT, ["alpha", "beta"])
    assert "alpha-mounts-proxy" not in older.unbundled_mounts
    assert not any(name.endswith("-service-account") for name in older.unbundled_mounts)
    without_bundle = shard_export(_shard("alpha", caBundleSecretRef=None), ROOT, ["alpha"])
    assert "alpha-merged-ca-bundle" not in without_bundle.secrets


def test_operator_secrets_of_a_shard_are_the_certificates_kubeconfigs_and_bundle_the_model_writes() -> None:
    shard = _shard("alpha")
    written = {c["spec"]["secretName"] for c in shard_certificates(shard, "root")} | set(shard_kubeconfigs(shard, ROOT))
    assert set(operator_secrets(shard)) == written | {"alpha-merged-ca-bundle", "alpha-bundle"}


def test_operator_secrets_of_a_root_shard_include_its_proxy() -> None:
    written = {c["spec"]["secretName"] for c in root_shard_certificates(ROOT) + proxy_certificates(ROOT, None)}
    written |= set(root_shard_kubeconfigs(ROOT))
    written |= {"root-proxy-dynamic-kubeconfig", "root-proxy-merged-client-ca", "root-proxy-merged-ca-bundle", "root-merged-ca-bundle"}
    assert set(operator_secrets(ROOT)) == written
    unbundled = copy.deepcopy(ROOT)
    del unbundled["spec"]["certificates"]
    assert "root-ca" not in operator_secrets(unbundled)
