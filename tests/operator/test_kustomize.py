"""The kustomize subset: the semantics kcp-operator's config/ relies on, and loud failures outside it."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from kcpgitops.kustomize import KustomizeError, build, build_kustomization

FIXTURES = Path(__file__).parent / "fixtures"
UPSTREAM = Path(__file__).resolve().parents[2] / "vendor" / "kcp-operator-v0.9.0"

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: system
spec:
  template:
    spec:
      serviceAccountName: app
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: main
          image: controller:latest
          args: [--one, --two]
"""
RBAC = """
apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app-role
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app-rolebinding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: app-role
subjects:
  - kind: ServiceAccount
    name: app
    namespace: system
  - kind: User
    name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: app-role
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: app-clusterrolebinding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: app-role
subjects:
  - kind: ServiceAccount
    name: app
    namespace: system
"""
NAMESPACE_AND_CRD = """
apiVersion: v1
kind: Namespace
metadata:
  name: system
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
"""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def by_id(docs: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(d["kind"], d["metadata"]["name"]): d for d in docs}


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path,
        {
            "base/kustomization.yaml": """
                resources: [deployment.yaml, rbac.yaml, other.yaml]
                images:
                  - name: controller
                    newName: ghcr.io/example/controller
                    newTag: v1
            """,
            "base/deployment.yaml": DEPLOYMENT,
            "base/rbac.yaml": RBAC,
            "base/other.yaml": NAMESPACE_AND_CRD,
            "overlay/kustomization.yaml": """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: demo-system
                namePrefix: demo-
                resources: [../base]
            """,
        },
    )


def test_unsupported_field_fixture_raises_clearly() -> None:
    with pytest.raises(KustomizeError, match=r"unsupported kustomization field\(s\) commonLabels"):
        build(FIXTURES / "unsupported-field")


def test_namespace_and_prefix(base: Path) -> None:
    docs = by_id(build(base / "overlay"))
    # CRDs and Namespaces keep their names; the namespace transformer renames the Namespace itself.
    assert ("CustomResourceDefinition", "widgets.example.com") in docs
    assert ("Namespace", "demo-system") in docs
    assert "namespace" not in docs["Namespace", "demo-system"]["metadata"]
    assert "namespace" not in docs["CustomResourceDefinition", "widgets.example.com"]["metadata"]
    assert docs["Deployment", "demo-app"]["metadata"]["namespace"] == "demo-system"
    assert docs["Role", "demo-app-role"]["metadata"]["namespace"] == "demo-system"
    assert "namespace" not in docs["ClusterRole", "demo-app-role"]["metadata"]


def test_name_references_follow_renames(base: Path) -> None:
    docs = by_id(build(base / "overlay"))
    assert docs["Deployment", "demo-app"]["spec"]["template"]["spec"]["serviceAccountName"] == "demo-app"
    binding = docs["RoleBinding", "demo-app-rolebinding"]
    assert binding["roleRef"]["name"] == "demo-app-role"
    # Only the ServiceAccount subject follows the ServiceAccount; the User of the same name is left alone.
    assert binding["subjects"] == [
        {"kind": "ServiceAccount", "name": "demo-app", "namespace": "demo-system"},
        {"kind": "User", "name": "app"},
    ]
    cluster_binding = docs["ClusterRoleBinding", "demo-app-clusterrolebinding"]
    assert cluster_binding["roleRef"]["name"] == "demo-app-role"
    assert cluster_binding["subjects"] == [{"kind": "ServiceAccount", "name": "demo-app", "namespace": "demo-system"}]


def test_layered_prefixes_keep_references(base: Path) -> None:
    write_tree(base, {"top/kustomization.yaml": "namePrefix: top-\nresources: [../overlay]\n"})
    docs = by_id(build(base / "top"))
    assert docs["Deployment", "top-demo-app"]["spec"]["template"]["spec"]["serviceAccountName"] == "top-demo-app"
    assert docs["RoleBinding", "top-demo-app-rolebinding"]["roleRef"]["name"] == "top-demo-app-role"


def test_images(base: Path) -> None:
    write_tree(
        base,
        {
            "images/kustomization.yaml": """
                resources: [../base]
                images:
                  - name: ghcr.io/example/controller
                    newTag: v2
                  - name: busybox
                    newName: registry.example.com:5000/busybox
            """
        },
    )
    spec = by_id(build(base / "images"))["Deployment", "app"]["spec"]["template"]["spec"]
    assert spec["containers"][0]["image"] == "ghcr.io/example/controller:v2"
    assert spec["initContainers"][0]["image"] == "registry.example.com:5000/busybox"


@pytest.mark.parametrize(
    ("operations", "expected"),
    [
        ('[{"op": "add", "path": "/spec/template/spec/containers/0/args/-", "value": "--x"}]', ["--one", "--two", "--x"]),
        ('[{"op": "add", "path": "/spec/template/spec/containers/0/args/0", "value": "--x"}]', ["--x", "--one", "--two"]),
        ('[{"op": "remove", "path": "/spec/template/spec/containers/0/args/0"}]', ["--two"]),
        ('[{"op": "replace", "path": "/spec/template/spec/containers/0/args/1", "value": "--y"}]', ["--one", "--y"]),
        (
            '[{"op": "move", "from": "/spec/template/spec/containers/0/args/0", "path": "/spec/template/spec/containers/0/args/-"}]',
            ["--two", "--one"],
        ),
        (
            '[{"op": "copy", "from": "/spec/template/spec/containers/0/args/1", "path": "/spec/template/spec/containers/0/args/0"}]',
            ["--two", "--one", "--two"],
        ),
        ('[{"op": "test", "path": "/spec/template/spec/containers/0/args/0", "value": "--one"}]', ["--one", "--two"]),
    ],
)
def test_json6902_operations(base: Path, operations: str, expected: list[str]) -> None:
    kustomization = {"resources": ["deployment.yaml"], "patches": [{"patch": operations, "target": {"kind": "Deployment"}}]}
    (deployment,) = build_kustomization(kustomization, base_dir=base / "base")
    assert deployment["spec"]["template"]["spec"]["containers"][0]["args"] == expected


@pytest.mark.parametrize(
    "operation",
    [
        '{"op": "test", "path": "/spec/template/spec/containers/0/args/0", "value": "--nope"}',
        '{"op": "remove", "path": "/spec/missing"}',
        '{"op": "add", "path": "/spec/template/spec/containers/0/args/9", "value": "--x"}',
        '{"op": "add", "path": "/spec/nothing/here", "value": 1}',
        '{"op": "frobnicate", "path": "/spec"}',
    ],
)
def test_json6902_failures_raise(base: Path, operation: str) -> None:
    kustomization = {"resources": ["deployment.yaml"], "patches": [{"patch": f"[{operation}]", "target": {"kind": "Deployment"}}]}
    with pytest.raises(KustomizeError):
        build_kustomization(kustomization, base_dir=base / "base")


def test_patch_file_and_target_by_original_name_and_current_namespace(base: Path) -> None:
    # Like upstream's hack/ci overlays: the target names the object as the base wrote it, in its final namespace.
    write_tree(
        base,
        {
            "patched/kustomization.yaml": """
                resources: [../overlay]
                patches:
                  - path: args.yaml
                    target: {kind: Deployment, name: app, namespace: demo-system}
                  - patch: '[{"op": "add", "path": "/metadata/labels", "value": {"a": "b"}}]'
                    target: {kind: Dep.*, name: demo-a.p}
                  - patch: '[{"op": "add", "path": "/metadata/labels", "value": {"never": "applied"}}]'
                    target: {kind: Deployment, name: app, namespace: elsewhere}
            """,
            "patched/args.yaml": "- {op: add, path: /spec/template/spec/containers/0/args/-, value: --gate}\n",
        },
    )
    deployment = by_id(build(base / "patched"))["Deployment", "demo-app"]
    assert deployment["spec"]["template"]["spec"]["containers"][0]["args"][-1] == "--gate"
    assert deployment["metadata"]["labels"] == {"a": "b"}


@pytest.mark.parametrize(
    ("kustomization", "message"),
    [
        (
            {"resources": ["deployment.yaml"], "patches": [{"patch": "spec: {replicas: 2}", "target": {"kind": "Deployment"}}]},
            "strategic-merge",
        ),
        ({"resources": ["deployment.yaml"], "patches": [{"patch": "[]", "target": {"labelSelector": "a=b"}}]}, "labelSelector"),
        ({"resources": ["deployment.yaml"], "patches": [{"patch": "[]", "options": {"allowNameChange": True}}]}, "options"),
        ({"resources": ["deployment.yaml"], "patches": [{"patch": "[]"}]}, "needs a target"),
        ({"resources": ["deployment.yaml"], "images": [{"name": "busybox", "digest": "sha256:00"}]}, "digest"),
        ({"resources": ["https://github.com/kcp-dev/kcp-operator//config/default?ref=v0.9.0"]}, "remote"),
        ({"resources": ["../outside.yaml"]}, "security"),
        ({"resources": ["missing.yaml"]}, "does not exist"),
        ({"resources": ["empty-dir"]}, "no kustomization file"),
        ({"resources": ["deployment.yaml", "deployment.yaml"]}, "already registered id"),
        ({"resources": ["."]}, "cycle"),
        ({"kind": "Component"}, "unsupported kind"),
        ({"namePrefix": "x-", "resources": ["configmap-user.yaml"]}, "does not rewrite such references"),
    ],
)
def test_unsupported_or_invalid_input_raises(base: Path, kustomization: dict[str, Any], message: str) -> None:
    write_tree(
        base,
        {
            "outside.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside}\n",
            "base/configmap-user.yaml": ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n" + DEPLOYMENT),
        },
    )
    (base / "base" / "empty-dir").mkdir()
    with pytest.raises(KustomizeError, match=message):
        build_kustomization(kustomization, base_dir=base / "base")


@pytest.mark.parametrize(
    "directory",
    [
        "config/crd",
        "config/crd/deploy",
        "config/rbac",
        "config/manager",
        "config/default",
        "hack/ci/testdata/single",
        "hack/ci/testdata/config",
        "hack/ci/testdata/workload",
    ],
)
def test_builds_every_vendored_upstream_kustomization(directory: str) -> None:
    docs = build(UPSTREAM / directory)
    assert docs
    assert build(UPSTREAM / directory) == docs
