"""The `overrides:` format is checked when the topology loads: one message naming `overrides[N].<field>`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.topology import TopologyError, load_topology, parse_topology

FIXTURES = Path(__file__).parent / "fixtures"

LOAD_TIME = {
    "unknown-cluster.yaml": ("overrides[1].target.cluster", "cluster 'cluster-9' is not declared; use one of: cluster-1"),
    "unknown-workspace.yaml": ("overrides[1].target.workspace", "workspace 'root:nowhere' is not declared"),
    "cluster-and-workspace.yaml": ("overrides[1].target.workspace", "exactly one of 'cluster'"),
    "both-patch-kinds.yaml": ("overrides[1].merge", "both are set"),
    "no-patch.yaml": ("overrides[1].merge", "neither is set"),
    "operation-without-value.yaml": ("overrides[1].patch[0]", "'add' needs a 'value' member"),
    "date-value.yaml": ("overrides[1].merge", "metadata.annotations.since: a YAML date is not a JSON value"),
}


@pytest.mark.parametrize("name", sorted(LOAD_TIME))
def test_each_malformed_override_gets_one_message_naming_its_field(name):
    field, words = LOAD_TIME[name]
    with pytest.raises(TopologyError) as caught:
        load_topology(FIXTURES / "bad" / name)
    assert len(caught.value.problems) == 1, caught.value.problems
    assert caught.value.problems[0].startswith(f"{field}: ") and words in caught.value.problems[0]


@pytest.mark.parametrize("name", ["every-target.yaml", "ten-overrides.yaml", "breaks-root-shard-ref.yaml"])
def test_well_formed_overrides_load(name):
    assert load_topology(FIXTURES / name).overrides


def _with_overrides(overrides: list, **changes) -> str:
    data = yaml.safe_load((FIXTURES / "every-target.yaml").read_text())
    return yaml.safe_dump({**data, **changes, "overrides": overrides})


def test_workspace_target_needs_a_kcp_section():
    text = _with_overrides([{"target": {"workspace": "root", "kind": "Workspace"}, "merge": {"metadata": {"labels": {"a": "b"}}}}], kcp=None)
    with pytest.raises(TopologyError) as caught:
        parse_topology(text)
    assert caught.value.problems == [
        "overrides[0].target.workspace: 'root': the topology has no kcp: section, so nothing renders under dist/kcp/; "
        "target a cluster instead"
    ]


def test_workspace_target_refuses_a_namespace():
    text = _with_overrides([{"target": {"workspace": "root", "kind": "Workspace", "namespace": "kcp-zheng"}, "merge": {"a": 1}}])
    with pytest.raises(TopologyError) as caught:
        parse_topology(text)
    assert caught.value.problems[0].startswith("overrides[0].target.namespace: objects inside kcp (dist/kcp/) are cluster-scoped")


@pytest.mark.parametrize(("operation", "words"), [
    ({"op": "remove", "path": "/spec", "value": 1}, "'remove' takes no 'value' member"),
    ({"op": "move", "path": "/spec/a"}, "'move' needs a 'from' member"),
    ({"op": "copy", "path": "/spec/a", "from": "spec/b"}, "'spec/b' is not a JSON pointer"),
    ({"op": "append", "path": "/spec/a", "value": 1}, "Input should be 'add', 'remove', 'replace', 'move', 'copy' or 'test'"),
])
def test_patch_operations_follow_rfc_6902(operation, words):
    text = _with_overrides([{"target": {"cluster": "*", "kind": "Etcd"}, "patch": [operation]}])
    with pytest.raises(TopologyError) as caught:
        parse_topology(text)
    assert len(caught.value.problems) == 1 and caught.value.problems[0].startswith("overrides[0].patch[0]")
    assert words in caught.value.problems[0]


def test_value_null_is_a_value_for_add():
    text = _with_overrides([{"target": {"cluster": "*", "kind": "Etcd"}, "patch": [{"op": "add", "path": "/spec/x", "value": None}]}])
    (override,) = parse_topology(text).overrides
    assert override.patch[0].as_rfc6902() == {"op": "add", "path": "/spec/x", "value": None}
