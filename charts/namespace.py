"""The kcp namespace on every cluster (the guide's `kubectl create namespace`)."""

from __future__ import annotations

from constructs import Construct

from ._manifest import manifest, meta


class KcpNamespace(Construct):
    """The Namespace that holds kcp and its etcd."""

    def __init__(self, scope: Construct, construct_id: str, *, name: str) -> None:
        super().__init__(scope, construct_id)
        manifest(self, {"apiVersion": "v1", "kind": "Namespace", "metadata": meta(name)})
