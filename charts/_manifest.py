"""The one way our constructs emit a Kubernetes object: an `ApiObject` built from a plain manifest dict."""

from __future__ import annotations

from cdk8s import ApiObject, ApiObjectMetadata, JsonPatch
from constructs import Construct


def manifest(scope: Construct, doc: dict) -> ApiObject:
    """Add `doc` to `scope` as an ApiObject whose construct id is its kind, namespace and name."""
    meta = doc["metadata"]
    # Joined with '.', which neither a kind nor a namespace holds, so two objects never share an id ('-' did: a
    # Secret "b-c" in namespace "a" and a Secret "c" in namespace "a-b").
    construct_id = ".".join(p for p in (doc["kind"], meta.get("namespace", ""), meta["name"]) if p)
    obj = ApiObject(
        scope,
        construct_id,
        api_version=doc["apiVersion"],
        kind=doc["kind"],
        metadata=ApiObjectMetadata(
            name=meta["name"],
            namespace=meta.get("namespace"),
            labels=meta.get("labels"),
            annotations=meta.get("annotations"),
            finalizers=meta.get("finalizers"),
        ),
    )
    for field, value in doc.items():
        if field not in ("apiVersion", "kind", "metadata"):
            obj.add_json_patch(JsonPatch.add(f"/{field}", value))
    return obj


def meta(name: str, namespace: str | None = None, **extra: object) -> dict:
    """A metadata block; `namespace=None` for cluster-scoped objects."""
    block: dict = {"name": name}
    if namespace:
        block["namespace"] = namespace
    block.update({k: v for k, v in extra.items() if v})
    return block
