"""Bundle values and the desired-replicas rule (kcp-operator v0.9.0 pkg/controller/bundle/controller.go)."""

from __future__ import annotations

import copy
import json

import pytest

from kcpmodel import BUNDLE_DESIRED_REPLICAS, bundle_key, bundle_value, restore_desired_replicas


def _deployment(annotations: dict[str, str] | None, replicas: int = 0) -> dict:
    meta: dict = {"name": "alpha-shard-kcp", "namespace": "kcp-zheng"}
    if annotations is not None:
        meta["annotations"] = annotations
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta, "spec": {"replicas": replicas}}


def test_desired_replicas_come_back_from_the_annotation_which_goes() -> None:
    live = _deployment({BUNDLE_DESIRED_REPLICAS: "3", "deployment.kubernetes.io/revision": "2"})
    before = copy.deepcopy(live)
    out = restore_desired_replicas(live)
    assert out["spec"]["replicas"] == 3
    assert out["metadata"]["annotations"] == {"deployment.kubernetes.io/revision": "2"}
    assert live == before, "the input must not change"


@pytest.mark.parametrize("value", ["three", "", "2147483648", "1.5"])
def test_an_unparsable_count_keeps_replicas_and_still_drops_the_annotation(value: str) -> None:
    out = restore_desired_replicas(_deployment({BUNDLE_DESIRED_REPLICAS: value}, replicas=0))
    assert out["spec"]["replicas"] == 0
    assert "annotations" not in out["metadata"]


def test_a_deployment_without_the_annotation_is_copied_unchanged() -> None:
    live = _deployment({"a": "b"}, replicas=2)
    out = restore_desired_replicas(live)
    assert out == live and out is not live


def test_bundle_value_restores_replicas_and_clears_server_fields() -> None:
    live = _deployment({BUNDLE_DESIRED_REPLICAS: "2"})
    live["metadata"].update(resourceVersion="7", uid="u", ownerReferences=[{"name": "x"}], generation=3)
    value = json.loads(bundle_value(live))
    assert value["spec"]["replicas"] == 2 and "annotations" not in value["metadata"]
    assert value["metadata"] == {"name": "alpha-shard-kcp", "namespace": "kcp-zheng", "creationTimestamp": None}


def test_bundle_keys_follow_the_api_path() -> None:
    assert bundle_key(group="apps", version="v1", resource="deployments", namespace="kcp-zheng", name="alpha-shard-kcp") == (
        "apis_apps_v1_namespaces_kcp_zheng_deployments_alpha_shard_kcp"
    )
    assert bundle_key(group="", version="v1", resource="secrets", namespace="kcp-zheng", name="root-ca") == (
        "api_v1_namespaces_kcp_zheng_secrets_root_ca"
    )
