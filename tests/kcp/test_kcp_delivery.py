"""Delivery on the root cluster: the kcp-ws project, one Application per workspace, the hardened cluster-Secret job,
and the README's high-availability test with this topology's names."""

from __future__ import annotations

from pathlib import Path

FRONT_PROXY = "https://api.zheng.example.io:6443"


def _ours(kcp_render) -> dict[str, list[dict]]:
    return {k: [d for d in docs if d["metadata"]["name"].startswith("kcp-ws")] for k, docs in kcp_render["argocd"].items()}


def test_root_cluster_only_and_names_prefixed(default_render, kcp_render):
    for key, docs in default_render.applications.items():
        if not key.startswith("cluster-1/"):
            assert not any(d["metadata"]["name"].startswith("kcp-ws") for d in docs), key
    ours = _ours(kcp_render)
    assert {k: len(v) for k, v in ours.items() if v} == {"cluster-1/apps": 10, "cluster-1/kcp-ws-clusters": 6}


def test_one_application_per_workspace_pointing_at_the_workspace(kcp_render, default_topology):
    apps = [d for d in _ours(kcp_render)["cluster-1/apps"] if d["kind"] == "Application" and d["metadata"]["name"] != "kcp-ws-clusters"]
    assert sorted(a["spec"]["destination"]["server"] for a in apps) == sorted(
        f"{FRONT_PROXY}/clusters/{p}" for p in default_topology.kcp.workspace_paths
    )
    for app in apps:
        assert app["metadata"]["namespace"] == "argocd"
        assert "finalizers" not in app["metadata"]  # deleting the Application never deletes a workspace
        assert app["spec"]["project"] == "kcp-ws"
        assert set(app["spec"]["destination"]) == {"server"}
        assert app["spec"]["syncPolicy"]["syncOptions"] == ["ServerSideApply=true", "PruneLast=true"]
        assert app["spec"]["source"]["repoURL"] == "https://git.example.com/kcp/kcp-zheng-gitops.git"
        path = app["spec"]["destination"]["server"].split("/clusters/")[1]
        assert app["metadata"]["name"] == "kcp-ws-" + path.replace(":", ".")


def test_project_allows_exactly_the_workspaces_and_the_job(kcp_render):
    project = next(d for d in _ours(kcp_render)["cluster-1/apps"] if d["kind"] == "AppProject")
    servers = {d["server"] for d in project["spec"]["destinations"]}
    assert servers == {f"{FRONT_PROXY}/clusters/{p}" for p in (
        "root", "root:provider", "root:provider:alpha", "root:provider:beta",
        "root:consumer-alpha-1", "root:consumer-alpha-2", "root:consumer-beta-1", "root:consumer-beta-2",
    )} | {"https://kubernetes.default.svc"}
    assert {(d["group"], d["kind"]) for d in project["spec"]["clusterResourceWhitelist"]} == {
        ("apis.kcp.io", "APIBinding"), ("apis.kcp.io", "APIExport"), ("apis.kcp.io", "APIExportEndpointSlice"),
        ("apis.kcp.io", "APIResourceSchema"), ("tenancy.kcp.io", "Workspace"), ("topology.kcp.io", "Partition"),
        ("topology.kcp.io", "PartitionSet"),
    }


def test_job_rbac_is_limited_by_resource_names(kcp_render):
    docs = _ours(kcp_render)["cluster-1/kcp-ws-clusters"]
    roles = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Role"}
    reader = roles["kcp-ws-kubeconfig-reader"]
    assert reader["metadata"]["namespace"] == "kcp-zheng"
    assert reader["rules"] == [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["kcp-admin-frontproxy"], "verbs": ["get"]}]
    writer = roles["kcp-ws-cluster-secrets"]
    assert writer["metadata"]["namespace"] == "argocd"
    [rule] = writer["rules"]
    assert rule["verbs"] == ["get", "create", "patch"]
    assert len(rule["resourceNames"]) == 8 and all(n.startswith("kcp-ws-root") for n in rule["resourceNames"])
    for binding in (d for d in docs if d["kind"] == "RoleBinding"):
        assert binding["subjects"] == [{"kind": "ServiceAccount", "name": "kcp-ws-clusters", "namespace": "argocd"}]


def test_job_pod_is_hardened(kcp_render):
    cronjob = next(d for d in _ours(kcp_render)["cluster-1/kcp-ws-clusters"] if d["kind"] == "CronJob")
    assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] and pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    [container] = pod["containers"]
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "runAsNonRoot": True, "capabilities": {"drop": ["ALL"]},
    }
    assert "limits" in container["resources"] and not container.get("volumeMounts")
    assert "env" not in container or all("valueFrom" not in e for e in container["env"])


def test_no_credentials_in_git(kcp_render):
    for docs in _ours(kcp_render).values():
        assert not any(d["kind"] == "Secret" for d in docs)
    for path, text in kcp_render["files"].items():
        assert "BEGIN" not in text and "certData" not in text, path


def test_readme_documents_the_ha_test_with_this_topologys_names(kcp_render):
    readme = kcp_render["files"][Path("kcp/README.md")]
    for line in (
        "kubectl ws use :root:consumer-alpha-1",
        "kubectl create -f vendor/kcp-examples/cowboys/cowboy.yaml",
        "kubectl ws use :root:consumer-beta-1",
        "kubectl scale deployment root-kcp -n kcp-zheng --replicas=0",
        "kubectl scale deployment kcp-operator-controller-manager -n kcp-operator-system --replicas=0",
        "| `kubectl ws use :root` | Timeout (root shard unavailable) |",
        "| `kubectl ws use :root:consumer-alpha-1` | Works (alpha shard) |",
        "| `kubectl ws use :root:consumer-alpha-2` | Works (alpha shard) |",
        "| `kubectl ws use :root:provider` | Timeout (root shard unavailable) |",
        "| `kubectl ws use :root:provider:alpha` | Works (alpha shard) |",
        "URL=$(kubectl get apiexportendpointslice cowboys-alpha -o jsonpath='{.status.endpoints[0].url}')",
        "echo $URL   # https://alpha.zheng.example.io:6443/services/apiexport/<identity>/cowboys",
        'kubectl -s "$URL/clusters/*" get cowboys.wildwest.dev -A',
        "kubectl -n argocd create job --from=cronjob/kcp-ws-clusters kcp-ws-clusters-now",
        'make apply-kcp KUBECONFIG="$KCP_KUBECONFIG"',
    ):
        assert line in readme, line
    assert "--system-namespace" in readme and "kube-system" in readme
