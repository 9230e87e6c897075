"""Cluster 1's API for the bridge tests: the rehearsal's `LoopbackApiServer` over a `ClusterApi`, plus fault injection.

HTTPS, bearer tokens, `metav1.Status` bodies and object storage are the product's (`kcpgitops/rehearsal/_apiserver.py`,
`_api.py`). What stays here is what the tests steer directly: objects addressed by API path, a Role-like allow list of
paths (`allowed`; None allows every GET) that tests edit in place, canned 5xx answers and raw (non-JSON) bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

from kcpgitops.rehearsal._api import ClusterApi, Key, key_of
from kcpgitops.rehearsal._apiserver import LoopbackApiServer, status_body
from kcpgitops.rehearsal._loopback import LoopbackPki

_PATH = re.compile(
    r"^/(?:api/v1|apis/(?P<group>[^/]+)/(?P<version>[^/]+))/namespaces/(?P<ns>[^/]+)/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?$"
)
SA_USER = "system:serviceaccount:kcp-zheng:kcp-bridge"


def status(*, code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """A metav1.Status body as the API server writes it."""
    return status_body(code=code, reason=reason, message=message, details=details)


class _Objects(MutableMapping[str, dict[str, Any]]):
    """The served objects by API path, stored in the server's ClusterApi."""

    def __init__(self, server: FakeKubeApi) -> None:
        self._server = server

    def _key(self, path: str) -> Key:
        match = _PATH.match(path)
        if not match or not match["name"]:
            raise KeyError(path)
        group = match["group"] or ""
        kind = self._server.api.kind_for_resource(group, match["resource"])
        if kind is None:
            raise KeyError(path)
        return (group, kind, match["ns"], match["name"])

    def __getitem__(self, path: str) -> dict[str, Any]:
        obj = self._server.api.get(*self._key(path))
        if obj is None:
            raise KeyError(path)
        return obj

    def __setitem__(self, path: str, obj: dict[str, Any]) -> None:
        if self._key(path) != key_of(obj):
            raise ValueError(f"{path} does not match the object's kind, namespace and name")
        api = self._server.api
        namespace = obj["metadata"]["namespace"]
        if api.get("", "Namespace", "", namespace) is None:
            api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}, manager="test")
        api.apply(obj, manager="test")

    def __delitem__(self, path: str) -> None:
        if not self._server.api.delete(self._key(path)):
            raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        api = self._server.api
        stored = api.keys()  # every object's (group, kind, namespace, name), sorted
        for group, kind, namespace, name in stored:
            if namespace:
                prefix = "/api/v1" if not group else f"/apis/{group}/{api.kind_info(group, kind).version}"  # type: ignore[union-attr]
                yield f"{prefix}/namespaces/{namespace}/{api.plural(group, kind)}/{name}"

    def __len__(self) -> int:
        return sum(1 for _ in self)


class FakeKubeApi(LoopbackApiServer):
    """Serves named objects; the `allowed` path list turns everything else into 403, `failures` and `raw_bodies` fake faults."""

    def __init__(self, *, cert_file: Path, key_file: Path, token: str):
        super().__init__(ClusterApi(name="cluster-1"), pki=LoopbackPki(ca_file=cert_file, cert_file=cert_file, key_file=key_file))
        self.add_token(token, SA_USER)
        self.allowed: set[str] | None = None
        self.failures: dict[str, int] = {}
        self.raw_bodies: dict[str, bytes] = {}

    @property
    def objects(self) -> MutableMapping[str, dict[str, Any]]:
        """Objects by API path (assigning a dict replaces everything served)."""
        return _Objects(self)

    @objects.setter
    def objects(self, by_path: dict[str, dict[str, Any]]) -> None:
        self.api = ClusterApi(name="cluster-1")
        store = _Objects(self)
        for path, obj in by_path.items():
            store[path] = obj

    def put(self, path: str, obj: dict[str, Any]) -> None:
        """Store an object at its API path."""
        self.objects[path] = obj

    def authorized(self, *, user: str, verb: str, group: str, resource: str, namespace: str, name: str, path: str) -> bool:
        # The bridge only ever GETs named objects: every other verb is forbidden, as by the generator's Role.
        return verb == "get" and (self.allowed is None or path in self.allowed)

    def intercept(self, method: str, path: str) -> tuple[int, dict[str, Any] | bytes] | None:
        if path in self.failures:
            code = self.failures[path]
            return code, status(
                code=code, reason="InternalError", message="Internal error occurred: etcdserver: request timed out",
                details={"causes": [{"message": "etcdserver: request timed out"}]},
            )  # fmt: skip
        if path in self.raw_bodies:
            return 200, self.raw_bodies[path]
        return None
