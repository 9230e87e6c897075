"""Order inside kcp: parent workspace before child, schema before export, export before binding, partition before
endpoint slice; the same order in the sync waves, the Applications' waves, apply-order.tsv and `make apply-kcp`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from kcpgitops.output import SYNC_WAVE

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "apply_kcp.sh"


def _objects(kcp_docs) -> dict[tuple[str, str, str], int]:
    """(workspace, kind, name) -> sync wave."""
    return {
        (":".join(p.parts[1:-1]), d["kind"], d["metadata"]["name"]): int(d["metadata"]["annotations"][SYNC_WAVE])
        for p, d in kcp_docs.items()
    }


def _needs(objects: dict[tuple[str, str, str], int]) -> list[tuple[tuple, tuple, str]]:
    """(object, what it needs, rule) for every ordering rule of the issue."""
    docs = objects
    pairs = []
    for ws, kind, name in docs:
        if ws != "root":  # everything in a workspace needs the Workspace object that creates it
            parent, _, own = ws.rpartition(":")
            pairs.append(((ws, kind, name), (parent, "Workspace", own), "parent workspace before child"))
    return pairs


def _assert_rules(waves: dict, docs_by_key: dict) -> None:
    for obj, need, rule in _needs(waves):
        assert waves[obj] > waves[need], f"{rule}: {obj} (wave {waves[obj]}) vs {need} (wave {waves[need]})"
    for (ws, kind, name), doc in docs_by_key.items():
        if kind == "APIExport":
            for resource in doc["spec"]["resources"]:
                schema = (ws, "APIResourceSchema", resource["schema"])
                assert waves[(ws, kind, name)] > waves[schema], "schema before export"
        if kind == "APIBinding":
            ref = doc["spec"]["reference"]["export"]
            assert waves[(ws, kind, name)] > waves[(ref["path"], "APIExport", ref["name"])], "export before binding"
        if kind == "APIExportEndpointSlice":
            assert waves[(ws, kind, name)] > waves[(ws, "Partition", doc["spec"]["partition"])], "partition before endpoint slice"
            ref = doc["spec"]["export"]
            assert waves[(ws, kind, name)] > waves[(ref["path"], "APIExport", ref["name"])], "export before endpoint slice"


def _by_key(kcp_docs) -> dict:
    return {(":".join(p.parts[1:-1]), d["kind"], d["metadata"]["name"]): d for p, d in kcp_docs.items()}


def test_sync_waves_put_every_object_after_what_it_needs(kcp_docs):
    waves = _objects(kcp_docs)
    _assert_rules(waves, _by_key(kcp_docs))
    assert waves[("root", "Workspace", "provider")] == 0
    assert waves[("root:provider", "Workspace", "alpha")] == 1
    assert waves[("root:provider", "APIResourceSchema", "today.cowboys.wildwest.dev")] == 1
    assert waves[("root:provider", "APIExport", "cowboys")] == 2
    assert waves[("root:provider:alpha", "Partition", "alpha")] == 2
    assert waves[("root:consumer-alpha-1", "APIBinding", "cowboys")] == 3
    assert waves[("root:provider:alpha", "APIExportEndpointSlice", "cowboys-alpha")] == 3


def test_deeper_trees_and_cross_workspace_needs_are_ordered(topology_with):
    """A four-level tree with the export deep down, consumers elsewhere, and the declaration order reversed."""
    from cdk8s import App

    from charts.kcp_inside import render_kcp

    def change(kcp):
        kcp["workspaces"] += [
            {"path": "root:org"}, {"path": "root:org:team"}, {"path": "root:org:team:svc", "locationSelector": {"matchLabels": {"name": "beta"}}},
        ]
        kcp["workspaces"].reverse()
        kcp["apiExports"][0]["workspace"] = "root:org:team:svc"
        kcp["bindings"][0]["export"] = "root:org:team:svc:cowboys"
        kcp["bindings"][0]["workspaces"].append("root:org")
        for eps in kcp["endpointSlices"]:
            eps["export"] = "root:org:team:svc:cowboys"

    rendered = render_kcp(App(), topology_with(change))
    docs = dict(rendered.documents)
    waves = _objects(docs)
    _assert_rules(waves, _by_key(docs))
    assert waves[("root:org:team:svc", "APIExport", "cowboys")] == 4
    assert waves[("root:consumer-alpha-1", "APIBinding", "cowboys")] == 5


def test_applications_follow_their_workspaces_objects(kcp_render, kcp_docs):
    apps = [d for docs in kcp_render["argocd"].values() for d in docs
            if d["kind"] == "Application" and d["metadata"]["name"].startswith("kcp-ws-root")]
    waves = _objects(kcp_docs)
    by_path = {}
    for app in apps:
        server = app["spec"]["destination"]["server"]
        path = server.split("/clusters/", 1)[1]
        by_path[path] = int(app["metadata"]["annotations"][SYNC_WAVE])
        first = min(w for (ws, _, _), w in waves.items() if ws == path)
        assert by_path[path] == 4 + first
        assert app["spec"]["source"]["path"] == "dist/kcp/" + path.replace(":", "/")
        assert app["spec"]["source"]["directory"] == {"recurse": False}
    assert by_path == {
        "root": 4, "root:provider": 5, "root:provider:alpha": 6, "root:provider:beta": 6,
        "root:consumer-alpha-1": 7, "root:consumer-alpha-2": 7, "root:consumer-beta-1": 7, "root:consumer-beta-2": 7,
    }
    # A child workspace's Application syncs after the Application holding its Workspace object.
    for path, wave in by_path.items():
        if path != "root":
            assert wave > by_path[path.rsplit(":", 1)[0]]


def _order_lines(kcp_render) -> list[list[str]]:
    text = kcp_render["files"][Path("kcp/apply-order.tsv")]
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_apply_order_lists_every_object_once_in_wave_order(kcp_render, kcp_docs):
    lines = _order_lines(kcp_render)
    assert sorted(Path("kcp") / line[4] for line in lines) == sorted(kcp_docs)
    assert [int(line[0]) for line in lines] == sorted(int(line[0]) for line in lines)
    for wave, workspace, kind, name, file in lines:
        doc = kcp_docs[Path("kcp") / file]
        assert (doc["kind"], doc["metadata"]["name"], doc["metadata"]["annotations"][SYNC_WAVE]) == (kind, name, wave)
        assert file.startswith(workspace.replace(":", "/") + "/")
    assert "# server\thttps://api.zheng.example.io:6443" in kcp_render["files"][Path("kcp/apply-order.tsv")]


@pytest.fixture(scope="module")
def kcp_tree(kcp_trees) -> Path:
    return kcp_trees["dist"] / "kcp"


def _dry_run(*args: str) -> list[str]:
    result = subprocess.run(["bash", str(SCRIPT), "--dry-run", *args], capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_apply_script_dry_run_applies_each_step_through_the_front_proxy_in_order(kcp_tree):
    lines = _dry_run("--dir", str(kcp_tree), "--kubeconfig", "/tmp/admin.kubeconfig")
    base = "kubectl --kubeconfig /tmp/admin.kubeconfig --server https://api.zheng.example.io:6443/clusters/"
    assert all(line.startswith(base) for line in lines)
    steps = [(line[len(base):].split(" ")[0], line.split(" ")[5]) for line in lines]
    assert steps[:4] == [("root", "apply"), ("root", "wait"), ("root:provider", "apply"), ("root:provider", "wait")]
    applied = [f for line in lines for f in line.split(" -f ")[1:]]
    order = [str(kcp_tree / line[4]) for line in (_order_lines_from(kcp_tree))]
    assert applied == order
    wait = lines[1]
    assert "wait --for=jsonpath=\\{.status.phase\\}=Ready --timeout=5m" in wait
    assert wait.endswith("workspace/consumer-alpha-1 workspace/consumer-alpha-2 workspace/consumer-beta-1 "
                         "workspace/consumer-beta-2 workspace/provider")
    # Every workspace is applied to only after the step that waited for it to be Ready.
    ready: set[str] = {"root"}
    for line in lines:
        server = line[len(base):].split(" ")[0]
        assert server in ready, line
        if " wait " in line:
            ready.update(f"{server}:{w.split('/', 1)[1]}" for w in line.split(" ") if w.startswith("workspace/"))


def _order_lines_from(tree: Path) -> list[list[str]]:
    text = (tree / "apply-order.tsv").read_text()
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_apply_script_takes_a_server_override_and_rejects_a_missing_tree(kcp_tree, tmp_path):
    lines = _dry_run("--dir", str(kcp_tree), "--server", "https://kcp.internal:443/")
    assert lines[0].startswith("kubectl --server https://kcp.internal:443/clusters/root apply ")
    result = subprocess.run(["bash", str(SCRIPT), "--dry-run", "--dir", str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "apply-order.tsv not found" in result.stderr


def test_apply_script_runs_kubectl_and_stops_at_the_first_failure(kcp_tree, tmp_path):
    fake = tmp_path / "kubectl"
    log = tmp_path / "calls"
    fake.write_text(f'#!/usr/bin/env bash\necho "$*" >> {log}\n[[ "$*" == *"clusters/root:provider apply"* ]] && exit 1\nexit 0\n')
    fake.chmod(0o755)
    result = subprocess.run(["bash", str(SCRIPT), "--dir", str(kcp_tree)], capture_output=True, text=True, timeout=30,
                            env={"KUBECTL": str(fake), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    calls = log.read_text().splitlines()
    assert len(calls) == 3 and "clusters/root:provider apply" in calls[-1]


def test_rendered_kcp_yaml_is_one_object_per_file(kcp_render):
    for path, text in kcp_render["files"].items():
        if path.suffix == ".yaml":
            assert len([d for d in yaml.load_all(text, Loader=yaml.CSafeLoader) if d]) == 1, path


def test_files_are_named_like_manifest_path_inside_their_workspace_directory(kcp_docs):
    """`kcp/<workspace dir>/<kind>.<group>_<name>.yaml`: manifest_path's file name, in the workspace's directory."""
    from kcpgitops.output import manifest_path

    for path, doc in kcp_docs.items():
        assert path.parts[0] == "kcp" and path.parts[1] == "root"
        assert path.name == manifest_path(doc).name
        assert manifest_path(doc).parent.name == "_cluster"  # every kcp object here is cluster-scoped
