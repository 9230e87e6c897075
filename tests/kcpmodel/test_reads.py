"""`reads_only_named_files` and the model's shard Deployment: the bridge's key-use reading over what the model renders
finds the CA Secrets and the other shards' service-account Secrets read only as `tls.crt` (issue 10).

kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go getArgs, internal/resources/shard/kubeconfigs.go
and internal/resources/utils/authentication.go applyServiceAccountAuthentication name every file the kcp container
opens; the expected keys below are read off that source by hand.
"""

from __future__ import annotations

import pytest

from bridge._keyuse import secret_key_use
from kcpmodel import ca_name, reads_only_named_files, shard_deployment, shard_kubeconfigs

NS = "kcp-zheng"
ROOT_SPEC = {"external": {"hostname": "api.zheng.example.com", "port": 6443}, "auth": {"serviceAccount": {"enabled": True}}}
ROOT = {"kind": "RootShard", "metadata": {"name": "root", "namespace": NS}, "spec": ROOT_SPEC}


def _spec(**extra: object) -> dict:
    return {
        "image": {"tag": "v0.32.3"},
        "auth": {"serviceAccount": {"enabled": True}},
        "etcd": {"endpoints": ["https://alpha-client:2379"], "tlsConfig": {"secretRef": {"name": "etcd-ca-tls"}}},
        **extra,
    }


@pytest.mark.parametrize("ca_bundle", [False, True])
def test_model_shard_reads_cas_and_other_service_accounts_only_as_tls_crt(ca_bundle: bool) -> None:
    spec = _spec(**({"caBundleSecretRef": {"name": "letsencrypt-ca"}} if ca_bundle else {}))
    deployment = shard_deployment("alpha", NS, spec, "root", ROOT_SPEC, ["alpha", "beta"])
    kubeconfigs = shard_kubeconfigs({"kind": "Shard", "metadata": {"name": "alpha", "namespace": NS}, "spec": spec}, ROOT)
    uses = secret_key_use(
        workload=deployment,
        read_document=lambda secret, key: kubeconfigs.get(secret) if key == "kubeconfig" else None,
        names_every_file=reads_only_named_files,
    )
    crt, pair = {"tls.crt"}, {"tls.crt", "tls.key"}
    expected = {
        ca_name("root", "root"): crt,  # getArgs --root-ca-file
        ca_name("root", "client"): crt,  # getArgs --client-ca-file
        ca_name("root", "requestheader-client"): crt,  # getArgs --requestheader-client-ca-file
        ca_name("root", "server"): crt,  # shard/kubeconfigs.go CertificateAuthority of the client and admin kubeconfigs
        ca_name("root", "service-account"): set(),  # mounted, named by nothing
        "alpha-server": pair,
        "alpha-service-account": pair,
        "alpha-client": pair,
        "alpha-logical-cluster-admin": pair,
        "alpha-external-logical-cluster-admin": pair,
        "alpha-mounts-proxy": pair,
        "alpha-client-kubeconfig": {"kubeconfig"},
        "alpha-logical-cluster-admin-kubeconfig": {"kubeconfig"},
        "alpha-external-logical-cluster-admin-kubeconfig": {"kubeconfig"},
        "root-service-account": crt,  # authentication.go --service-account-key-file=/etc/kcp/tls/root/service-account/tls.crt
        "beta-service-account": crt,
        "etcd-ca-tls": {"tls.crt", "tls.key", "ca.crt"},  # utils/shard.go applyEtcdConfiguration --etcd-{cert,key,ca}file
    }
    if ca_bundle:
        expected["alpha-merged-ca-bundle"] = crt  # ExternalLogicalClusterAdminKubeconfigReconciler with caBundleSecretRef
    assert {name: set(use.keys) for name, use in uses.items()} == expected
    assert not any(use.whole for use in uses.values())


def test_without_the_kcp_rule_an_unnamed_mount_is_use_not_shown() -> None:
    deployment = shard_deployment("alpha", NS, _spec(), "root", ROOT_SPEC, ["alpha"])
    uses = secret_key_use(workload=deployment, read_document=lambda secret, key: None)
    assert uses[ca_name("root", "service-account")].whole
    assert reads_only_named_files(deployment["spec"]["template"]["spec"]["containers"][0])
