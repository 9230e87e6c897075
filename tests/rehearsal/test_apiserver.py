"""Cluster 1's API over loopback HTTPS: tokens, RBAC from the rendered Roles, Status bodies, server-side apply."""

from __future__ import annotations

import base64
import http.client
import json
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kcpgitops.rehearsal._api import ClusterApi
from kcpgitops.rehearsal._apiserver import LoopbackApiServer
from kubeapi import DEPLOYMENTS, SECRETS, ApiError, KubeClient

ROOT = Path(__file__).resolve().parents[2]
BRIDGE_USER = "system:serviceaccount:kcp-zheng:kcp-bridge"
WS_USER = "system:serviceaccount:argocd:kcp-ws-clusters"


def rendered(directory: str, pattern: str) -> list[dict]:
    """The rendered objects of the files matching a pattern (the tree under test, not a copy)."""
    files = sorted((ROOT / directory).glob(pattern))
    assert files, f"nothing rendered matches {directory}/{pattern}"
    return [doc for f in files for doc in yaml.load_all(f.read_text(), Loader=yaml.CSafeLoader) if doc]


def secret(namespace: str, name: str, **data: bytes) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": name, "namespace": namespace},
        "type": "Opaque",
        "data": {k: base64.b64encode(v).decode() for k, v in data.items()},
    }


@pytest.fixture
def api() -> ClusterApi:
    cluster = ClusterApi(name="cluster-1")
    for namespace in ("kcp-zheng", "argocd"):
        cluster.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}, manager="test")
    rbac = rendered("dist/cluster-1/kcp-zheng", "*rbac.authorization.k8s.io_kcp-bridge.yaml")
    rbac += rendered("argocd/cluster-1/kcp-ws-clusters", "*/*rbac.authorization.k8s.io_*.yaml")
    for obj in rbac:
        cluster.apply(obj, manager="argocd")
    cluster.apply(secret("kcp-zheng", "alpha-bundle", key=b"bundle"), manager="kcp-operator")
    cluster.apply(secret("kcp-zheng", "kcp-bridge-hmac", key=b"hmac-key-never-shown"), manager="kubectl")
    cluster.apply(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "alpha-shard-kcp", "namespace": "kcp-zheng"},
            "spec": {"replicas": 0},
        },
        manager="kcp-operator",
    )
    return cluster


@pytest.fixture
def server(api: ClusterApi) -> Iterator[LoopbackApiServer]:
    loopback = LoopbackApiServer(api).start()
    loopback.add_token("bridge-token", BRIDGE_USER)
    loopback.add_token("ws-token", WS_USER)
    try:
        yield loopback
    finally:
        loopback.stop()


def client(server: LoopbackApiServer, token: str) -> KubeClient:
    return KubeClient(server=server.url, token=token, ca_file=server.ca_file)


def raw(
    server: LoopbackApiServer,
    method: str,
    path: str,
    *,
    token: str = "bridge-token",
    body: Any = None,
    content_type: str = "application/apply-patch+yaml",
) -> tuple[int, dict]:
    port = int(server.url.rsplit(":", 1)[1])
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=ssl.create_default_context(cafile=str(server.ca_file)), timeout=10)
    headers = {"Authorization": f"Bearer {token}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = content_type
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    payload = json.loads(response.read())
    conn.close()
    return response.status, payload


def test_the_rendered_role_allows_get_of_the_names_it_lists(server: LoopbackApiServer) -> None:
    bridge = client(server, "bridge-token")
    assert bridge.get(resource=SECRETS, namespace="kcp-zheng", name="alpha-bundle")["metadata"]["name"] == "alpha-bundle"
    assert bridge.get(resource=DEPLOYMENTS, namespace="kcp-zheng", name="alpha-shard-kcp")["spec"] == {"replicas": 0}


def test_a_secret_the_role_does_not_name_is_403_with_the_api_servers_status(server: LoopbackApiServer) -> None:
    with pytest.raises(ApiError) as caught:
        client(server, "bridge-token").get(resource=SECRETS, namespace="kcp-zheng", name="kcp-bridge-hmac")
    assert caught.value.code == 403 and caught.value.reason == "Forbidden"
    assert (
        'secrets "kcp-bridge-hmac" is forbidden: User "system:serviceaccount:kcp-zheng:kcp-bridge" cannot get resource '
        '"secrets" in API group "" in the namespace "kcp-zheng"'
    ) in str(caught.value)
    assert "hmac-key-never-shown" not in str(caught.value)


def test_list_is_403_for_a_role_with_resource_names(server: LoopbackApiServer, api: ClusterApi) -> None:
    code, body = raw(server, "GET", "/api/v1/namespaces/kcp-zheng/secrets")
    assert code == 403
    assert body["message"].startswith('secrets is forbidden: User "system:serviceaccount:kcp-zheng:kcp-bridge" cannot list resource')
    # The same request with a Role that has no resourceNames: allowed.
    api.apply(
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": {"name": "lister", "namespace": "kcp-zheng"},
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}],
        },
        manager="test",
    )
    api.apply(
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": {"name": "lister", "namespace": "kcp-zheng"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "lister"},
            "subjects": [{"kind": "ServiceAccount", "name": "kcp-bridge", "namespace": "kcp-zheng"}],
        },
        manager="test",
    )
    code, body = raw(server, "GET", "/api/v1/namespaces/kcp-zheng/secrets")
    assert code == 200 and body["kind"] == "SecretList"
    assert [item["metadata"]["name"] for item in body["items"]] == ["alpha-bundle", "kcp-bridge-hmac"]


def test_an_unknown_token_is_401(server: LoopbackApiServer) -> None:
    with pytest.raises(ApiError) as caught:
        client(server, "stolen-token").get(resource=SECRETS, namespace="kcp-zheng", name="alpha-bundle")
    assert caught.value.code == 401 and caught.value.reason == "Unauthorized"


def test_an_allowed_but_missing_object_is_404(server: LoopbackApiServer) -> None:
    with pytest.raises(ApiError) as caught:
        client(server, "bridge-token").get(resource=SECRETS, namespace="kcp-zheng", name="beta-bundle")
    assert caught.value.code == 404 and 'secrets "beta-bundle" not found' in str(caught.value)


def test_apply_creates_then_updates_under_a_role_with_create_and_patch_by_name(server: LoopbackApiServer, api: ClusterApi) -> None:
    ws = client(server, "ws-token")
    first = ws.apply(
        resource=SECRETS, obj=secret("argocd", "kcp-ws-root", server=b"https://api.example.io"), field_manager="kcp-ws-clusters"
    )
    assert first["metadata"]["resourceVersion"]
    assert api.get("", "Secret", "argocd", "kcp-ws-root")["data"] == {"server": base64.b64encode(b"https://api.example.io").decode()}
    second = ws.apply(resource=SECRETS, obj=secret("argocd", "kcp-ws-root", server=b"https://other"), field_manager="kcp-ws-clusters")
    assert int(second["metadata"]["resourceVersion"]) > int(first["metadata"]["resourceVersion"])
    code, _ = raw(
        server,
        "PATCH",
        "/api/v1/namespaces/argocd/secrets/kcp-ws-root?fieldManager=m&force=true",
        token="ws-token",
        body=secret("argocd", "kcp-ws-root"),
    )
    assert code == 200


def test_apply_is_refused_without_patch_or_create_on_the_name(server: LoopbackApiServer, api: ClusterApi) -> None:
    with pytest.raises(ApiError) as caught:
        client(server, "ws-token").apply(resource=SECRETS, obj=secret("argocd", "not-in-the-role"), field_manager="kcp-ws-clusters")
    assert caught.value.code == 403 and "cannot patch resource" in str(caught.value)
    with pytest.raises(ApiError) as caught:
        client(server, "bridge-token").apply(resource=SECRETS, obj=secret("kcp-zheng", "alpha-bundle"), field_manager="bridge")
    assert caught.value.code == 403
    # patch alone may update an existing object but not create one (patch.go createAuthorizerAttributes).
    api.apply(
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": {"name": "patcher", "namespace": "argocd"},
            "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["patch"], "resourceNames": ["only-patch"]}],
        },
        manager="t",
    )
    api.apply(
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": {"name": "patcher", "namespace": "argocd"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "patcher"},
            "subjects": [{"kind": "ServiceAccount", "name": "kcp-ws-clusters", "namespace": "argocd"}],
        },
        manager="t",
    )
    with pytest.raises(ApiError) as caught:
        client(server, "ws-token").apply(resource=SECRETS, obj=secret("argocd", "only-patch"), field_manager="m")
    assert caught.value.code == 403 and "cannot create resource" in str(caught.value)
    api.apply(secret("argocd", "only-patch"), manager="someone-else")
    assert client(server, "ws-token").apply(resource=SECRETS, obj=secret("argocd", "only-patch", a=b"1"), field_manager="m")["data"]


@pytest.mark.parametrize(
    ("path", "body", "content_type", "code", "message"),
    [
        (
            "/api/v1/namespaces/argocd/secrets/kcp-ws-root?fieldManager=m",
            secret("argocd", "kcp-ws-root"),
            "application/merge-patch+json",
            415,
            "application/apply-patch+yaml",
        ),
        (
            "/api/v1/namespaces/argocd/secrets/kcp-ws-root",
            secret("argocd", "kcp-ws-root"),
            "application/apply-patch+yaml",
            422,
            "fieldManager: Required value: is required for apply patch",
        ),
        (
            "/api/v1/namespaces/argocd/secrets/kcp-ws-root?fieldManager=m",
            secret("argocd", "kcp-ws-root.provider"),
            "application/apply-patch+yaml",
            400,
            "does not match the name on the URL",
        ),
        (
            "/api/v1/namespaces/argocd/secrets/kcp-ws-root?fieldManager=m",
            {**secret("argocd", "kcp-ws-root"), "data": {"k": "%%%"}},
            "application/apply-patch+yaml",
            400,
            "illegal base64 data",
        ),
    ],
)
def test_apply_rejects_what_the_api_server_rejects(
    server: LoopbackApiServer, path: str, body: dict, content_type: str, code: int, message: str
) -> None:
    got, status = raw(server, "PATCH", path, token="ws-token", body=body, content_type=content_type)
    assert got == code and status["kind"] == "Status" and message in status["message"]


def test_apply_into_a_missing_namespace_is_the_cluster_apis_404(server: LoopbackApiServer, api: ClusterApi) -> None:
    api.delete(("", "Namespace", "", "argocd"))
    api.apply(
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": "all"},
            "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}],
        },
        manager="t",
    )
    api.apply(
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": "all"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "all"},
            "subjects": [{"kind": "ServiceAccount", "name": "kcp-ws-clusters", "namespace": "argocd"}],
        },
        manager="t",
    )
    with pytest.raises(ApiError) as caught:
        client(server, "ws-token").apply(resource=SECRETS, obj=secret("argocd", "kcp-ws-root"), field_manager="m")
    assert caught.value.code == 404 and 'namespaces "argocd" not found' in str(caught.value)
