"""The `kcp:` section is checked against the shards that exist and against itself, with field-level messages."""

from __future__ import annotations

import pytest

from kcpgitops.topology import TopologyError
from kcpgitops.topology._kcp import LabelSelector, shard_labels


def _error(topology_with, change=None, **top) -> str:
    with pytest.raises(TopologyError) as info:
        topology_with(change, **top)
    return "\n".join(info.value.problems)


def test_default_topology_kcp_section_is_valid(default_topology):
    kcp = default_topology.kcp
    assert kcp is not None
    assert kcp.workspace_paths == [
        "root", "root:consumer-alpha-1", "root:consumer-alpha-2", "root:consumer-beta-1", "root:consumer-beta-2",
        "root:provider", "root:provider:alpha", "root:provider:beta",
    ]


def test_shards_carry_only_their_name_label_and_the_root_shard_is_always_root(default_topology, topology_with):
    assert shard_labels(default_topology) == {"root": {"name": "root"}, "alpha": {"name": "alpha"}, "beta": {"name": "beta"}}
    renamed = topology_with(rootShard={"name": "primary", "cluster": "cluster-1"})
    assert shard_labels(renamed)["root"] == {"name": "root"}


def test_location_selector_matching_no_shard_is_an_error(topology_with):
    def change(kcp):
        kcp["workspaces"][1]["locationSelector"] = {"matchLabels": {"name": "gamma"}}

    message = _error(topology_with, change)
    assert message.startswith("kcp.workspaces[1].locationSelector: matches no shard")
    assert "root: name=root; alpha: name=alpha; beta: name=beta" in message


def test_selector_on_a_label_shards_do_not_carry_is_an_error(topology_with):
    def change(kcp):
        kcp["partitions"][0]["selector"] = {"matchLabels": {"region": "eu"}}

    assert _error(topology_with, change).startswith("kcp.partitions[0].selector: matches no shard")


def test_partition_set_shard_selector_matching_no_shard_is_an_error(topology_with):
    def change(kcp):
        kcp["partitionSets"][1]["shardSelector"] = {"matchExpressions": [{"key": "name", "operator": "In", "values": ["delta"]}]}

    assert _error(topology_with, change).startswith("kcp.partitionSets[1].shardSelector: matches no shard")


def test_partition_set_dimension_no_shard_carries_is_an_error(topology_with):
    def change(kcp):
        kcp["partitionSets"][0]["dimensions"] = ["name", "region"]

    message = _error(topology_with, change)
    assert message.startswith("kcp.partitionSets[0].dimensions: no selected shard has the label 'region'")


def test_a_shard_matched_by_the_selector_of_a_removed_shard_fails_once_the_shard_is_gone(topology_with, default_data):
    shards = [s for s in default_data["shards"] if s["name"] != "beta"]
    message = _error(topology_with, shards=shards)
    assert "matches no shard" in message
    assert "beta" not in message.split("(")[1]


def test_selector_listing_a_shard_that_does_not_exist_is_an_error_even_when_it_matches_others(topology_with):
    def change(kcp):
        kcp["partitionSets"][0]["shardSelector"]["matchExpressions"][0]["values"] = ["root", "alpha", "gamma"]

    assert _error(topology_with, change) == (
        "kcp.partitionSets[0].shardSelector.matchExpressions[0].values: no shard is named 'gamma' (shards: alpha, beta, root); "
        "remove it, or declare the shard under shards"
    )


def test_binding_to_an_undeclared_export_is_an_error(topology_with):
    def change(kcp):
        kcp["bindings"][0]["export"] = "root:provider:horses"

    message = _error(topology_with, change)
    assert message == (
        "kcp.bindings[0].export: 'root:provider:horses' is not declared under kcp.apiExports "
        "(declared: root:provider:cowboys); declare the export or fix the reference"
    )


def test_binding_to_an_export_of_another_workspace_is_an_error(topology_with):
    def change(kcp):
        kcp["bindings"][0]["export"] = "root:cowboys"

    assert _error(topology_with, change).startswith("kcp.bindings[0].export: 'root:cowboys' is not declared")


def test_endpoint_slice_whose_partition_is_in_another_workspace_is_an_error(topology_with):
    def change(kcp):
        kcp["endpointSlices"][1]["partition"] = "alpha"

    message = _error(topology_with, change)
    assert message.startswith("kcp.endpointSlices[1].partition: partition 'alpha' is not declared in workspace 'root:provider:beta'")
    assert "(a partition of that name exists in root, root:provider:alpha)" in message
    assert "same workspace" in message


def test_endpoint_slice_partition_only_in_root_is_an_error(topology_with):
    def change(kcp):
        kcp["partitions"] = [p for p in kcp["partitions"] if p.get("workspace") != "root:provider:beta"]

    assert _error(topology_with, change).startswith("kcp.endpointSlices[1].partition: partition 'beta' is not declared")


def test_endpoint_slice_of_an_undeclared_export_is_an_error(topology_with):
    def change(kcp):
        kcp["endpointSlices"][0]["export"] = "root:provider:horses"

    assert _error(topology_with, change).startswith("kcp.endpointSlices[0].export: 'root:provider:horses' is not declared")


def test_duplicate_workspace_path_is_an_error(topology_with):
    def change(kcp):
        kcp["workspaces"].append({"path": "root:consumer-beta-2"})

    assert _error(topology_with, change).startswith("kcp.workspaces[7].path: 'root:consumer-beta-2' is declared twice")


def test_missing_parent_workspace_is_an_error(topology_with):
    def change(kcp):
        kcp["workspaces"] = [w for w in kcp["workspaces"] if w["path"] != "root:provider"]

    message = _error(topology_with, change)
    assert message.startswith("kcp.workspaces[4].path: parent workspace 'root:provider' of 'root:provider:alpha' is not declared")


def test_objects_in_an_undeclared_workspace_are_an_error(topology_with):
    def change(kcp):
        kcp["bindings"][0]["workspaces"].append("root:consumer-gamma")

    assert _error(topology_with, change).startswith("kcp.bindings[0].workspaces[4]: workspace 'root:consumer-gamma' is not declared")


@pytest.mark.parametrize(("path", "hint"), [
    ("provider:alpha", "is not an absolute workspace path"),
    ("root:Provider", "is not an absolute workspace path"),
    ("root", "'root' always exists"),
])
def test_workspace_paths_are_absolute_lowercase_and_below_root(topology_with, path, hint):
    def change(kcp):
        kcp["workspaces"][0]["path"] = path

    message = _error(topology_with, change)
    assert message.startswith("kcp.workspaces[0].path: ")
    assert hint in message


def test_duplicate_partition_in_one_workspace_is_an_error_but_not_across_workspaces(topology_with):
    def change(kcp):
        kcp["partitions"].append({"name": "alpha", "selector": {"matchLabels": {"name": "beta"}}})

    assert _error(topology_with, change).startswith("kcp.partitions[5].name: partition 'alpha' is declared twice in workspace 'root'")


def test_duplicate_binding_name_in_a_workspace_is_an_error(topology_with):
    def change(kcp):
        kcp["bindings"].append({"export": "root:provider:cowboys", "workspaces": ["root:consumer-alpha-1"]})

    message = _error(topology_with, change)
    assert message.startswith("kcp.bindings[1].workspaces[0]: workspace 'root:consumer-alpha-1' already has an APIBinding named 'cowboys'")


def test_export_name_must_match_its_file(topology_with):
    def change(kcp):
        kcp["apiExports"][0]["name"] = "horses"
        for binding in kcp["bindings"]:
            binding["export"] = "root:provider:horses"
        for eps in kcp["endpointSlices"]:
            eps["export"] = "root:provider:horses"

    assert _error(topology_with, change).startswith("kcp.apiExports[0].name: 'horses' differs from metadata.name 'cowboys'")


def test_export_files_must_exist_and_hold_the_right_kind(topology_with):
    def missing(kcp):
        kcp["apiExports"][0]["file"] = "vendor/kcp-examples/cowboys/nope.yaml"

    def wrong_kind(kcp):
        kcp["apiExports"][0]["schemas"] = ["vendor/kcp-examples/cowboys/apiexport.yaml"]

    def outside(kcp):
        kcp["apiExports"][0]["file"] = "../shared/upstream/kcp/config/examples/cowboys/apiexport.yaml"

    assert _error(topology_with, missing).startswith("kcp.apiExports[0].file: cannot read vendor/kcp-examples/cowboys/nope.yaml")
    assert _error(topology_with, wrong_kind).startswith(
        "kcp.apiExports[0].schemas[0]: vendor/kcp-examples/cowboys/apiexport.yaml holds apis.kcp.io/v1alpha2/APIExport, "
        "expected an apis.kcp.io APIResourceSchema"
    )
    assert _error(topology_with, outside).startswith("kcp.apiExports[0].file: '../shared/")


def test_export_resource_schema_must_be_listed(topology_with, tmp_path, monkeypatch):
    import kcpgitops.topology._kcp as kcp_module

    (tmp_path / "export.yaml").write_text(
        "apiVersion: apis.kcp.io/v1alpha2\nkind: APIExport\nmetadata:\n  name: cowboys\nspec:\n  resources:\n"
        "  - {name: cowboys, group: wildwest.dev, schema: tomorrow.cowboys.wildwest.dev, storage: {crd: {}}}\n"
    )
    (tmp_path / "schema.yaml").write_text((kcp_module.REPO_ROOT / "vendor/kcp-examples/cowboys/apiresourceschema.yaml").read_text())
    monkeypatch.setattr(kcp_module, "REPO_ROOT", tmp_path)

    def change(kcp):
        kcp["apiExports"][0]["file"] = "export.yaml"
        kcp["apiExports"][0]["schemas"] = ["schema.yaml"]

    message = _error(topology_with, change)
    assert message.startswith("kcp.apiExports[0].schemas: export.yaml spec.resources[0] names schema 'tomorrow.cowboys.wildwest.dev'")


def test_selector_operators_follow_kubernetes_rules(topology_with):
    def in_without_values(kcp):
        kcp["partitionSets"][0]["shardSelector"] = {"matchExpressions": [{"key": "name", "operator": "In"}]}

    def exists_with_values(kcp):
        kcp["partitionSets"][0]["shardSelector"] = {"matchExpressions": [{"key": "name", "operator": "Exists", "values": ["x"]}]}

    assert "operator In needs at least one value" in _error(topology_with, in_without_values)
    assert "operator Exists takes no 'values'" in _error(topology_with, exists_with_values)
    labels = {"name": "alpha"}
    assert LabelSelector.model_validate({"matchExpressions": [{"key": "name", "operator": "NotIn", "values": ["beta"]}]}).matches(labels)
    assert LabelSelector.model_validate({"matchExpressions": [{"key": "region", "operator": "DoesNotExist"}]}).matches(labels)
    assert not LabelSelector.model_validate({"matchExpressions": [{"key": "region", "operator": "Exists"}]}).matches(labels)
    assert LabelSelector().matches(labels)


def test_unknown_keys_name_the_allowed_ones(topology_with):
    def change(kcp):
        kcp["workspaces"][0]["shard"] = "root"

    message = _error(topology_with, change)
    assert message == "kcp.workspaces[0].shard: unknown key; allowed keys here: locationSelector, path, type"


def test_a_cluster_named_kcp_would_collide_with_the_kcp_tree(topology_with, default_data):
    clusters = [*default_data["clusters"], {"name": "kcp"}]
    assert _error(topology_with, clusters=clusters).startswith("kcp: clusters[3] is named 'kcp'")


def test_a_further_shard_named_root_is_an_error_when_the_root_shard_is_renamed(topology_with, default_data):
    shards = [*default_data["shards"], {"name": "root", "cluster": "cluster-2"}]
    message = _error(topology_with, rootShard={"name": "primary", "cluster": "cluster-1"}, shards=shards)
    assert message.startswith("kcp: shards[2] is named 'root', the name kcp always gives the root shard")


def test_no_kcp_section_renders_nothing_inside_kcp(topology_with):
    from cdk8s import App

    from charts.kcp_inside import render_kcp

    topology = topology_with(kcp=None)
    assert topology.kcp is None
    rendered = render_kcp(App(), topology)
    assert rendered.documents == {} and rendered.argocd == {} and rendered.texts == {}


def test_an_empty_kcp_section_renders_nothing(topology_with):
    from cdk8s import App

    from charts.kcp_inside import render_kcp

    rendered = render_kcp(App(), topology_with(kcp={}))
    assert rendered.documents == {} and rendered.argocd == {} and rendered.texts == {}
