"""Overrides patch exactly the rendered objects their targets match, after everything else, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import kcpgitops.render
from kcpgitops.render import render
from kcpgitops.topology import load_topology

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
NODE_SELECTOR = {"spec": {"template": {"spec": {"nodeSelector": {"pool": "kcp"}}}}}

EVERY_TARGET = {
    # overrides[0]: {cluster: cluster-1, kind: RootShard, name: root}, RFC 6902 add
    "dist/cluster-1/kcp-zheng/rootshard.operator.kcp.io_root.yaml": (("spec", "deploymentTemplate"), NODE_SELECTOR),
    # overrides[1]: {cluster: "*", kind: Etcd}, RFC 7386 merge: one Etcd per cluster
    "dist/cluster-1/kcp-zheng/etcd.druid.gardener.cloud_root.yaml": (("spec", "storageCapacity"), "50Gi"),
    "dist/cluster-2/kcp-zheng/etcd.druid.gardener.cloud_alpha.yaml": (("spec", "storageCapacity"), "50Gi"),
    "dist/cluster-3/kcp-zheng/etcd.druid.gardener.cloud_beta.yaml": (("spec", "storageCapacity"), "50Gi"),
    # overrides[2]: {workspace: root:provider, kind: APIExport, name: cowboys}: dist/kcp/
    "dist/kcp/root/provider/apiexport.apis.kcp.io_cowboys.yaml": (("metadata", "labels"), {"team": "platform"}),
    # overrides[3]: a cluster target reaches that cluster's argocd/ tree too
    "argocd/cluster-2/apps/argocd/application.argoproj.io_cert-manager.yaml":
        (("spec", "source", "helm", "valuesObject", "nodeSelector"), {"pool": "system"}),
    # overrides[4]: the remote shard alpha, on the root shard's cluster (its bundle carries it to cluster-2)
    "dist/cluster-1/kcp-zheng/shard.operator.kcp.io_alpha.yaml": (("spec", "deploymentTemplate"), NODE_SELECTOR),
    # overrides[5]: a vendored CRD every cluster carries (the same document): patched for cluster-3 alone
    "argocd/cluster-3/etcd-druid-crds/_cluster/customresourcedefinition.apiextensions.k8s.io_etcds.druid.gardener.cloud.yaml":
        (("metadata", "labels", "team"), "platform"),
}
"""Every file the every-target fixture's overrides patch, and the field each sets."""


def _files(rendered) -> dict[str, str]:
    return {f"{tree}/{path.as_posix()}": text for tree in ("dist", "argocd") for path, text in rendered.files(tree).items()}


def _field(text: str, path: tuple[str, ...]) -> object:
    value = yaml.safe_load(text)
    for part in path:
        value = value[part]
    return value


@pytest.fixture(scope="module")
def every_target() -> tuple[dict[str, str], dict[str, str]]:
    """(files without the overrides, files with them) of the every-target fixture, both from its own path."""
    path = FIXTURES / "every-target.yaml"
    topology = load_topology(path)
    without = _files(render(topology.model_copy(update={"overrides": []}), topology_path=path))
    return without, _files(render(topology, topology_path=path))


def test_every_target_kind_and_patch_format_patches_each_matched_object(every_target):
    _, patched = every_target
    for file, (path, value) in EVERY_TARGET.items():
        assert _field(patched[file], path) == value, file


def test_overrides_change_only_the_matched_objects(every_target):
    # Not the READMEs, the bridge's configuration, the DNS plan or any sync wave either: what the topology derives
    # is computed before the overrides and not recomputed from them.
    without, patched = every_target
    assert patched.keys() == without.keys()
    assert sorted(f for f in patched if patched[f] != without[f]) == sorted(EVERY_TARGET)


def test_a_patched_object_keeps_everything_else(every_target):
    without, patched = every_target
    file = "dist/cluster-2/kcp-zheng/etcd.druid.gardener.cloud_alpha.yaml"
    before, after = yaml.safe_load(without[file]), yaml.safe_load(patched[file])
    del after["spec"]["storageCapacity"]
    assert after == before


def test_without_overrides_the_render_is_byte_identical(default_render, monkeypatch):
    # The same render with the overrides step skipped outright: an empty `overrides` must not change one byte.
    monkeypatch.setattr(kcpgitops.render, "apply_overrides", lambda *args, **kwargs: [])
    skipped = render(load_topology(ROOT / "topology.yaml"), topology_path=ROOT / "topology.yaml")
    assert _files(skipped) == _files(default_render)


def test_overrides_apply_in_order_and_a_later_one_sees_an_earlier_result():
    path = FIXTURES / "ten-overrides.yaml"
    files = _files(render(load_topology(path), topology_path=path))
    root = yaml.safe_load(files["dist/cluster-1/kcp-zheng/rootshard.operator.kcp.io_root.yaml"])
    assert root["spec"]["replicas"] == 4  # merge 3, then replace 4
    etcd = yaml.safe_load(files["dist/cluster-3/kcp-zheng/etcd.druid.gardener.cloud_beta.yaml"])
    assert etcd["spec"]["storageCapacity"] == "50Gi" and etcd["metadata"]["labels"]["tier"] == "storage"
    assert etcd["metadata"]["labels"]["role"] == "beta"  # an `add` below labels keeps the rendered ones
    schema = yaml.safe_load(files["dist/kcp/root/provider/apiresourceschema.apis.kcp.io_today.cowboys.wildwest.dev.yaml"])
    assert schema["metadata"]["labels"] == {"team": "platform"}
