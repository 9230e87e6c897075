"""Everything the kcp feature renders is valid against the vendored schemas (vendor/crds/kcp for kcp's kinds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kcpgitops.schemas import validate_paths

KCP_CRDS = Path(__file__).resolve().parents[2] / "vendor" / "crds" / "kcp"


def test_kcp_tree_validates_against_the_kcp_crds(kcp_trees, kcp_schema_dir):
    tree = kcp_trees["dist"] / "kcp"
    files = sorted(tree.rglob("*.yaml"))
    assert len(files) == 22
    assert validate_paths([tree], schema_dir=kcp_schema_dir) == []


def test_every_kcp_kind_rendered_has_a_vendored_crd(kcp_docs):
    served = set()
    for crd_file in KCP_CRDS.glob("*.yaml"):
        crd = yaml.load(crd_file.read_text(), Loader=yaml.CSafeLoader)
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                served.add((f"{crd['spec']['group']}/{version['name']}", crd["spec"]["names"]["kind"]))
    rendered = {(d["apiVersion"], d["kind"]) for d in kcp_docs.values()}
    assert rendered <= served, rendered - served
    assert len(rendered) == 7


def test_validation_catches_a_broken_kcp_object(kcp_trees, kcp_schema_dir, tmp_path):
    """The check above is not vacuous: a wrong field type in a kcp object is a finding."""
    copy = tmp_path / "kcp"
    shutil.copytree(kcp_trees["dist"] / "kcp", copy)
    target = copy / "root" / "provider" / "alpha" / "apiexportendpointslice.apis.kcp.io_cowboys-alpha.yaml"
    doc = yaml.load(target.read_text(), Loader=yaml.CSafeLoader)
    doc["spec"]["partition"] = ["alpha"]
    doc["spec"]["exportt"] = {}
    target.write_text(yaml.safe_dump(doc))
    findings = validate_paths([copy], schema_dir=kcp_schema_dir)
    assert findings and all(f.kind == "APIExportEndpointSlice" for f in findings)


def test_root_cluster_argocd_objects_validate(kcp_trees, kcp_schema_dir):
    root = kcp_trees["argocd"] / "cluster-1"
    ours = [p for p in sorted(root.rglob("*.yaml")) if "kcp-ws" in p.name]
    assert {p.parent.parent.name for p in ours} == {"apps", "kcp-ws-clusters"}
    assert len(ours) == 16
    assert validate_paths(ours, schema_dir=kcp_schema_dir) == []
