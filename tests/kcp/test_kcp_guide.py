"""The default topology's kcp objects are the guide's, field for field.

The guide's YAML is in fixtures/guide (verbatim); its `kubectl ws create` and `kubectl kcp bind apiexport` commands are
turned into the objects the kcp kubectl plugin sends (cli/pkg/workspace/plugin/create.go: name and
`spec.location.selector` from `--location-selector`, no type; cli/pkg/bind/plugin/bind.go: an apis.kcp.io/v1alpha2
APIBinding named `--name` referencing `path` and `name` of the export). The cowboys schema and export are compared
with the vendored upstream files.
"""

from __future__ import annotations

import copy
import shlex
from pathlib import Path

import yaml

from kcpgitops.output import SYNC_WAVE

GUIDE = Path(__file__).parent / "fixtures" / "guide"
COWBOYS = Path(__file__).resolve().parents[2] / "vendor" / "kcp-examples" / "cowboys"
OURS = {SYNC_WAVE, "argocd.argoproj.io/sync-options"}
"""Annotations we add for Argo CD; nothing else may differ from the guide."""


def _strip(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    annotations = doc["metadata"].get("annotations", {})
    assert set(annotations) <= OURS, annotations
    doc["metadata"].pop("annotations", None)
    return doc


def _selector(text: str) -> dict:
    """`metav1.ParseToLabelSelector` for the equality selectors the guide uses (`name=alpha`)."""
    labels = {}
    for part in text.split(","):
        key, _, value = part.partition("=")
        labels[key.strip()] = value.strip()
    return {"matchLabels": labels}


def _guide_command_objects() -> list[tuple[str, dict]]:
    """(workspace path, object) for each object the guide's plugin commands create."""
    current = "root"
    objects = []
    for line in (GUIDE / "commands.sh").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        argv = shlex.split(line)
        if argv[:3] == ["kubectl", "ws", "use"]:
            target = argv[3]
            current = target[1:] if target.startswith(":") else f"{current}:{target}"
        elif argv[:3] == ["kubectl", "ws", "create"]:
            name = argv[3]
            doc = {"apiVersion": "tenancy.kcp.io/v1alpha1", "kind": "Workspace", "metadata": {"name": name}, "spec": {}}
            if "--location-selector" in argv:
                doc["spec"]["location"] = {"selector": _selector(argv[argv.index("--location-selector") + 1])}
            objects.append((current, doc))
        elif argv[:4] == ["kubectl", "kcp", "bind", "apiexport"]:
            path, _, export = argv[4].rpartition(":")
            name = argv[argv.index("--name") + 1] if "--name" in argv else export
            objects.append((current, {
                "apiVersion": "apis.kcp.io/v1alpha2", "kind": "APIBinding", "metadata": {"name": name},
                "spec": {"reference": {"export": {"path": path, "name": export}}},
            }))
        elif argv[:3] == ["kubectl", "create", "-f"]:
            upstream = Path(argv[3]).name
            objects.append((current, yaml.load((COWBOYS / upstream).read_text(), Loader=yaml.CSafeLoader)))
        else:
            raise AssertionError(f"unexpected guide command: {line}")
    return objects


def _guide_yaml_objects() -> list[tuple[str, dict]]:
    files = {
        "partitions.yaml": "root",
        "partitionset.yaml": "root",
        "partitionset-provider.yaml": "root:provider",
        "provider-alpha.yaml": "root:provider:alpha",
        "provider-beta.yaml": "root:provider:beta",
    }
    return [(ws, doc) for name, ws in files.items() for doc in yaml.load_all((GUIDE / name).read_text(), Loader=yaml.CSafeLoader) if doc]


def _rendered(kcp_docs) -> dict[tuple[str, str, str], dict]:
    """(workspace path, kind, name) -> rendered object without our annotations."""
    out = {}
    for path, doc in kcp_docs.items():
        workspace = ":".join(path.parts[1:-1])
        key = (workspace, doc["kind"], doc["metadata"]["name"])
        assert key not in out
        out[key] = _strip(doc)
    return out


def test_default_topology_renders_exactly_the_guides_objects_field_for_field(kcp_docs):
    expected = {(ws, d["kind"], d["metadata"]["name"]): d for ws, d in _guide_command_objects() + _guide_yaml_objects()}
    rendered = _rendered(kcp_docs)
    assert sorted(rendered) == sorted(expected)
    for key, doc in expected.items():
        assert rendered[key] == doc, key


def test_cowboys_schema_and_export_are_the_vendored_upstream_files(kcp_docs):
    rendered = _rendered(kcp_docs)
    schema = yaml.load((COWBOYS / "apiresourceschema.yaml").read_text(), Loader=yaml.CSafeLoader)
    export = yaml.load((COWBOYS / "apiexport.yaml").read_text(), Loader=yaml.CSafeLoader)
    assert rendered[("root:provider", "APIResourceSchema", "today.cowboys.wildwest.dev")] == schema
    assert rendered[("root:provider", "APIExport", "cowboys")] == export


def test_endpoint_slices_match_the_upstream_files_except_the_beta_files_name_mistake(kcp_docs):
    rendered = _rendered(kcp_docs)
    alpha = yaml.load((COWBOYS / "apiexportendpointslice-partitioned-alpha.yaml").read_text(), Loader=yaml.CSafeLoader)
    beta = yaml.load((COWBOYS / "apiexportendpointslice-partitioned-beta.yaml").read_text(), Loader=yaml.CSafeLoader)
    assert rendered[("root:provider:alpha", "APIExportEndpointSlice", "cowboys-alpha")] == alpha
    # Upstream's beta file names its slice cowboys-alpha (copy-paste slip); the guide's inline YAML says cowboys-beta.
    assert beta["metadata"]["name"] == "cowboys-alpha" and beta["spec"]["partition"] == "beta"
    fixed = copy.deepcopy(beta)
    fixed["metadata"]["name"] = "cowboys-beta"
    assert rendered[("root:provider:beta", "APIExportEndpointSlice", "cowboys-beta")] == fixed


def test_workspace_tree_is_the_guides(default_topology):
    tree = {w.path: w.location_selector.as_k8s() for w in default_topology.kcp.workspaces}
    assert tree == {
        "root:provider": {"matchLabels": {"name": "root"}},
        "root:consumer-alpha-1": {"matchLabels": {"name": "alpha"}},
        "root:consumer-alpha-2": {"matchLabels": {"name": "alpha"}},
        "root:consumer-beta-1": {"matchLabels": {"name": "beta"}},
        "root:consumer-beta-2": {"matchLabels": {"name": "beta"}},
        "root:provider:alpha": {"matchLabels": {"name": "alpha"}},
        "root:provider:beta": {"matchLabels": {"name": "beta"}},
    }
