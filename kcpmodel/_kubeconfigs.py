"""The kubeconfigs and proxy path mappings kcp-operator v0.9.0 writes into Secrets and ConfigMaps, as documents.

The model returns each kubeconfig or mapping list as a plain document; turning it into text is the caller's business
(the rehearsal writes YAML as client-go does, anything else may write JSON, which every YAML reader accepts).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from ._common import identity, proxy_names, resource_labels, root_shard_base_url, shard_base_url


def kubeconfig_document(clusters: dict[str, dict], contexts: dict[str, tuple[str, str]], users: dict[str, dict], current: str) -> dict:
    """A kubeconfig as client-go clientcmd.Write renders it (v1 Config, named lists sorted by name), as a document."""
    return {
        "apiVersion": "v1",
        "clusters": [{"cluster": clusters[n], "name": n} for n in sorted(clusters)],
        "contexts": [{"context": {"cluster": contexts[n][0], "user": contexts[n][1]}, "name": n} for n in sorted(contexts)],
        "current-context": current,
        "kind": "Config",
        "preferences": {},
        "users": [{"name": n, "user": users[n]} for n in sorted(users)],
    }


def _file_kubeconfig(cluster: str, server: str, ca_path: str, context: str, user: str, cert_dir: str) -> dict:
    return kubeconfig_document(
        {cluster: {"certificate-authority": ca_path, "server": server}},
        {context: (cluster, user)},
        {user: {"client-certificate": f"{cert_dir}/tls.crt", "client-key": f"{cert_dir}/tls.key"}},
        context,
    )


def _front_door(root_spec: dict) -> str:
    # shard/kubeconfigs.go ExternalLogicalClusterAdminKubeconfigReconciler: private hostname and port win.
    external = root_spec.get("external") or {}
    if external.get("privateHostname"):
        return f"https://{external['privateHostname']}:{external.get('privatePort') or external.get('port')}"
    return f"https://{external.get('hostname', '')}:{external.get('port', 0)}"


def shard_kubeconfigs(shard: dict, root: dict) -> dict[str, dict]:
    """Secret name -> kubeconfig document of the three kubeconfig Secrets of a Shard (key `kubeconfig`).

    kcp-dev/kcp-operator@v0.9.0:internal/resources/shard/kubeconfigs.go RootShardClientKubeconfigReconciler,
    LogicalClusterAdminKubeconfigReconciler, ExternalLogicalClusterAdminKubeconfigReconciler.

    They hold file paths, not data: the CA and client certificate come from the Secrets the Deployment mounts.
    """
    name, namespace, spec = identity(shard)
    root_name, root_ns, root_spec = identity(root)
    server_ca = "/etc/kcp/tls/ca/server/tls.crt"
    external_ca = "/etc/kcp/tls/ca/ca-bundle/tls.crt" if spec.get("caBundleSecretRef") else server_ca
    return {
        f"{name}-client-kubeconfig": _file_kubeconfig(
            "root-shard", root_shard_base_url(root_name, root_ns, root_spec), server_ca, "shard-base", "shard", "/etc/kcp/tls/client"
        ),
        f"{name}-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "logical-cluster:admin",
            shard_base_url(name, namespace, spec),
            server_ca,
            "logical-cluster",
            "logical-cluster-admin",
            "/etc/kcp/tls/logical-cluster-admin",
        ),
        f"{name}-external-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "external-logical-cluster:admin",
            _front_door(root_spec),
            external_ca,
            "external-logical-cluster",
            "external-logical-cluster-admin",
            "/etc/kcp/tls/external-logical-cluster-admin",
        ),
    }


def root_shard_kubeconfigs(root: dict) -> dict[str, dict]:
    """Secret name -> kubeconfig document of a RootShard's two kubeconfig Secrets.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/rootshard/kubeconfigs.go.
    """
    name, namespace, spec = identity(root)
    server_ca = "/etc/kcp/tls/ca/server/tls.crt"
    external_ca = "/etc/kcp/tls/ca/ca-bundle/tls.crt" if spec.get("caBundleSecretRef") else server_ca
    return {
        f"{name}-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "root-shard", root_shard_base_url(name, namespace, spec), server_ca, "shard-base", "shard", "/etc/kcp/tls/logical-cluster-admin"
        ),
        f"{name}-external-logical-cluster-admin-kubeconfig": _file_kubeconfig(
            "root-shard", _front_door(spec), external_ca, "shard-base", "shard", "/etc/kcp/tls/external-logical-cluster-admin"
        ),
    }


def proxy_dynamic_kubeconfig(root_name: str, namespace: str, root_spec: dict, front_proxy: str | None = None) -> tuple[str, dict]:
    """(Secret name, kubeconfig document) of a proxy's dynamic kubeconfig.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/secrets.go dynamicKubeconfigSecretReconciler.
    """
    document = kubeconfig_document(
        {
            "system:admin": {
                "certificate-authority": "/etc/kcp/tls/ca/tls.crt",
                "server": root_shard_base_url(root_name, namespace, root_spec),
            }
        },
        {"system:admin": ("system:admin", "admin")},
        {
            "admin": {
                "client-certificate": "/etc/kcp-front-proxy/kubeconfig-client-cert/tls.crt",
                "client-key": "/etc/kcp-front-proxy/kubeconfig-client-cert/tls.key",
            }
        },
        "system:admin",
    )
    return proxy_names(root_name, front_proxy)["dynamic-kubeconfig"], document


def _json(document: Any) -> str:
    return json.dumps(document, sort_keys=True, indent=2) + "\n"


def proxy_config(
    root_name: str,
    namespace: str,
    root_spec: dict,
    front_proxy: str | None = None,
    fp_spec: dict | None = None,
    *,
    dump: Callable[[Any], str] = _json,
) -> dict:
    """The path-mapping ConfigMap of a proxy, its `path-mapping.yaml` written by `dump` (default: JSON).

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/configmap.go.
    """
    names = proxy_names(root_name, front_proxy)
    ca_bundle = (fp_spec or {}).get("caBundleSecretRef") if front_proxy else root_spec.get("caBundleSecretRef")
    backend_ca = "/etc/kcp/tls/ca/ca-bundle/tls.crt" if ca_bundle else "/etc/kcp/tls/ca/tls.crt"
    backend = root_shard_base_url(root_name, namespace, root_spec)
    mappings = [
        {
            "path": p,
            "backend": backend,
            "backend_server_ca": backend_ca,
            "proxy_client_cert": "/etc/kcp-front-proxy/requestheader-client/tls.crt",
            "proxy_client_key": "/etc/kcp-front-proxy/requestheader-client/tls.key",
        }
        for p in ("/clusters/", "/services/")
    ]
    if front_proxy:
        mappings += copy.deepcopy((fp_spec or {}).get("additionalPathMappings") or [])
    labels = resource_labels(front_proxy, "front-proxy") if front_proxy else resource_labels(root_name, "rootshard-proxy")
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": names["config"], "namespace": namespace, "labels": labels},
        "data": {"path-mapping.yaml": dump(mappings)},
    }
