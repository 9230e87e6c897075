"""The reference graph extensions the check relies on: kcp-operator's Secrets and workload references."""

from __future__ import annotations

from kcpgitops.output import Key, references, secrets_produced, sync_waves
from kcpgitops.output._refs import operator_secrets


def _names(doc: dict) -> set[str]:
    return {k.name for k in operator_secrets(doc)}


def test_operator_secrets_of_a_bundled_shard_match_the_bundle_contents():
    shard = {"kind": "Shard", "metadata": {"name": "alpha", "namespace": "kcp", "annotations": {"operator.kcp.io/bundle": "true"}},
             "spec": {"caBundleSecretRef": {"name": "letsencrypt-ca"}, "rootShard": {"ref": {"name": "root"}}}}
    # The shard's own 11 bundle Secrets (DOMAIN.md section 2), the mounts-proxy gap, and the bundle itself.
    assert _names(shard) == {
        "alpha-logical-cluster-admin", "alpha-logical-cluster-admin-kubeconfig", "alpha-client-kubeconfig",
        "alpha-external-logical-cluster-admin", "alpha-external-logical-cluster-admin-kubeconfig", "alpha-virtual-workspaces",
        "alpha-client", "alpha-server", "alpha-service-account", "alpha-merged-ca-bundle", "alpha-mounts-proxy", "alpha-bundle",
    }
    assert Key("Secret", "kcp", "alpha-bundle") in set(secrets_produced(shard))


def test_operator_secrets_of_root_shard_and_front_proxy():
    root = {"kind": "RootShard", "metadata": {"name": "root", "namespace": "kcp"},
            "spec": {"certificates": {"issuerRef": {"name": "kcp-ca", "kind": "Issuer", "group": "cert-manager.io"}}}}
    assert {"root-ca", "root-server-ca", "root-client-ca", "root-requestheader-client-ca", "root-service-account-ca",
            "root-service-account", "root-server", "root-kcp-operator", "root-proxy-server", "root-proxy-dynamic-kubeconfig",
            "root-logical-cluster-admin-kubeconfig"} <= _names(root)
    assert "root-bundle" not in _names(root) and "root-merged-ca-bundle" not in _names(root)
    # v0.9.0 issues no mounts-proxy certificate and no client kubeconfig for a root shard.
    assert not {"root-mounts-proxy", "root-client-kubeconfig"} & _names(root)
    # Without spec.certificates.issuerRef the operator issues no `<root>-ca`: it comes from caSecretRef (brought by the user).
    own_ca = {**root, "spec": {"certificates": {"caSecretRef": {"name": "my-ca"}}}}
    assert "root-ca" not in _names(own_ca) and "root-server-ca" in _names(own_ca)
    proxy = {"kind": "FrontProxy", "metadata": {"name": "fp", "namespace": "kcp"}, "spec": {"rootShard": {"ref": {"name": "root"}}}}
    assert _names(proxy) == {"root-fp-server", "root-fp-kubeconfig", "root-fp-requestheader", "root-fp-dynamic-kubeconfig",
                             "fp-merged-client-ca"}


def test_workload_references_skip_optional_ones():
    job = {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "j", "namespace": "ns"},
           "spec": {"jobTemplate": {"spec": {"template": {"spec": {
               "serviceAccountName": "sa",
               "containers": [{"name": "c", "envFrom": [{"secretRef": {"name": "env"}}, {"configMapRef": {"name": "cm", "optional": True}}],
                               "env": [{"name": "X", "valueFrom": {"secretKeyRef": {"name": "opt", "key": "k", "optional": True}}}]}],
               "volumes": [{"name": "a", "secret": {"secretName": "vol"}}, {"name": "b", "configMap": {"name": "conf"}},
                           {"name": "p", "projected": {"sources": [{"secret": {"name": "proj"}}]}}],
           }}}}}}
    targets = {(r.target.kind, r.target.name) for r in references(job)}
    assert targets == {("Namespace", "ns"), ("ServiceAccount", "sa"), ("Secret", "env"), ("Secret", "vol"), ("ConfigMap", "conf"), ("Secret", "proj")}


def test_role_binding_references_and_waves():
    docs = [
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa", "namespace": "ns"}},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r", "namespace": "ns"}},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "rb", "namespace": "ns"},
         "roleRef": {"kind": "Role", "name": "r", "apiGroup": "rbac.authorization.k8s.io"},
         "subjects": [{"kind": "ServiceAccount", "name": "sa", "namespace": "ns"}]},
    ]
    assert {r.field for r in references(docs[2])} == {"metadata.namespace", "roleRef", "subjects[0]"}
    waves = sync_waves(docs)
    assert waves[Key("RoleBinding", "ns", "rb")] > max(waves[Key("Role", "ns", "r")], waves[Key("ServiceAccount", "ns", "sa")])
