"""One cluster's Kubernetes API, in memory: what the rehearsal's Argo CD, controllers and jobs read and write.

It enforces what a real API server would for the objects this product renders, so a broken tree stalls here as it
would on a cluster:

- an object's kind must be served: built in, or defined by an applied CustomResourceDefinition
  (kubernetes@v1.33 `staging/src/k8s.io/apiextensions-apiserver`: a CR of an unknown kind is a 404
  "no matches for kind"); deleting a CRD deletes its objects;
- a namespaced object needs its Namespace (admission plugin NamespaceLifecycle, kubernetes@v1.33
  `plugin/pkg/admission/namespace/lifecycle/admission.go`: "namespaces \"x\" not found");
- `metadata.generation` starts at 1 and grows when anything but `metadata` and `status` changes, the status is kept
  apart from the spec (kubernetes@v1.33 `staging/src/k8s.io/apiserver/pkg/registry/rest/update.go`, and
  `apiextensions-apiserver/pkg/registry/customresource/strategy.go` `PrepareForUpdate`);
- deleting an owner deletes its dependents (background garbage collection, kubernetes@v1.33
  `pkg/controller/garbagecollector/garbagecollector.go` `attemptToDeleteItem`), deleting a Namespace deletes what
  is in it (`pkg/controller/namespace/deletion/namespaced_resources_deleter.go`);
- RBAC from the Roles, ClusterRoles and bindings stored in this API (kubernetes@v1.33
  `plugin/pkg/auth/authorizer/rbac/rbac.go` `RuleAllows`, `pkg/apis/rbac/v1/evaluation_helpers.go`
  `ResourceNameMatches`: a rule with `resourceNames` never allows `create`, `list`, `watch` or `deletecollection`,
  whose requests carry no name).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

__all__ = ["ApiError", "ClusterApi", "Key", "group_of", "key_of"]

Key = tuple[str, str, str, str]
"""(API group, kind, namespace or "", name) of one object."""


@dataclass(frozen=True)
class _KindInfo:
    plural: str
    namespaced: bool
    version: str


# Built-in kinds the rendered tree, the Helm charts and the controllers use; everything else needs a CRD.
_BUILTIN: dict[tuple[str, str], _KindInfo] = {
    ("", "Namespace"): _KindInfo("namespaces", False, "v1"),
    ("", "Secret"): _KindInfo("secrets", True, "v1"),
    ("", "ConfigMap"): _KindInfo("configmaps", True, "v1"),
    ("", "Service"): _KindInfo("services", True, "v1"),
    ("", "ServiceAccount"): _KindInfo("serviceaccounts", True, "v1"),
    ("", "Pod"): _KindInfo("pods", True, "v1"),
    ("", "PersistentVolumeClaim"): _KindInfo("persistentvolumeclaims", True, "v1"),
    ("", "Endpoints"): _KindInfo("endpoints", True, "v1"),
    ("apps", "Deployment"): _KindInfo("deployments", True, "v1"),
    ("apps", "StatefulSet"): _KindInfo("statefulsets", True, "v1"),
    ("apps", "ReplicaSet"): _KindInfo("replicasets", True, "v1"),
    ("apps", "DaemonSet"): _KindInfo("daemonsets", True, "v1"),
    ("batch", "Job"): _KindInfo("jobs", True, "v1"),
    ("batch", "CronJob"): _KindInfo("cronjobs", True, "v1"),
    ("policy", "PodDisruptionBudget"): _KindInfo("poddisruptionbudgets", True, "v1"),
    ("networking.k8s.io", "NetworkPolicy"): _KindInfo("networkpolicies", True, "v1"),
    ("networking.k8s.io", "Ingress"): _KindInfo("ingresses", True, "v1"),
    ("rbac.authorization.k8s.io", "Role"): _KindInfo("roles", True, "v1"),
    ("rbac.authorization.k8s.io", "RoleBinding"): _KindInfo("rolebindings", True, "v1"),
    ("rbac.authorization.k8s.io", "ClusterRole"): _KindInfo("clusterroles", False, "v1"),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): _KindInfo("clusterrolebindings", False, "v1"),
    ("apiextensions.k8s.io", "CustomResourceDefinition"): _KindInfo("customresourcedefinitions", False, "v1"),
    ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"): _KindInfo("validatingwebhookconfigurations", False, "v1"),
    ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"): _KindInfo("mutatingwebhookconfigurations", False, "v1"),
    ("apiregistration.k8s.io", "APIService"): _KindInfo("apiservices", False, "v1"),
    ("coordination.k8s.io", "Lease"): _KindInfo("leases", True, "v1"),
    ("scheduling.k8s.io", "PriorityClass"): _KindInfo("priorityclasses", False, "v1"),
}
# Namespaces every cluster starts with (kubernetes@v1.33 `pkg/controlplane/controller/systemnamespaces`).
SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
# Top-level fields that are not spec: changing them does not bump metadata.generation.
_NOT_SPEC = frozenset({"apiVersion", "kind", "metadata", "status"})
# Kinds whose generation never moves (they have no spec; kubernetes@v1.33 strategies leave generation at 0 for them).
_NO_GENERATION = frozenset({("", "Secret"), ("", "ConfigMap"), ("", "ServiceAccount"), ("", "Namespace"), ("", "Endpoints")})


class ApiError(Exception):
    """What the API server answers instead of doing it: HTTP code, Status reason and message."""

    def __init__(self, code: int, reason: str, message: str) -> None:
        super().__init__(message)
        self.code, self.reason, self.message = code, reason, message


def group_of(api_version: str) -> str:
    """The API group of an apiVersion ("" for the core group)."""
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def key_of(obj: dict) -> Key:
    """The identity of an object."""
    meta = obj.get("metadata") or {}
    return (group_of(obj.get("apiVersion", "")), obj.get("kind", ""), meta.get("namespace") or "", meta.get("name", ""))


def describe(key: Key) -> str:
    """`Kind group ns/name` as people read it."""
    group, kind, namespace, name = key
    kind_group = f"{kind}.{group}" if group else kind
    return f"{kind_group} {namespace + '/' if namespace else ''}{name}"


@dataclass
class ClusterApi:
    """The objects of one cluster and the rules the API server applies to them."""

    name: str
    """The cluster's name (e.g. `cluster-1`); used in messages."""
    now: Callable[[], float] = lambda: 0.0
    """Simulated time in seconds since the rehearsal started (creation timestamps, deletion times)."""
    _objects: dict[Key, dict] = field(default_factory=dict)
    _by_kind: dict[tuple[str, str], set[Key]] = field(default_factory=dict)
    """(group, kind) -> the keys stored of it: listing a kind must not scan every object."""
    _crds: dict[tuple[str, str], _KindInfo] = field(default_factory=dict)
    _revision: int = 0
    _schema_revision: int = 0
    _uids: int = 0
    listeners: list[Callable[[str, dict], None]] = field(default_factory=list)
    """Called with ("ADDED"|"MODIFIED"|"DELETED", object) after every change (the controllers' watch)."""
    webhook_ready: Callable[[str, str], bool] | None = None
    """Whether the Service `namespace/name` behind an admission webhook answers; None: every webhook answers."""

    def __post_init__(self) -> None:
        for namespace in SYSTEM_NAMESPACES:
            self.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}, manager="kube-apiserver")

    # -- discovery -------------------------------------------------------------------------------------------

    def kind_info(self, group: str, kind: str) -> _KindInfo | None:
        """How a kind is served, or None when this cluster does not serve it."""
        return _BUILTIN.get((group, kind)) or self._crds.get((group, kind))

    def serves(self, group: str, kind: str) -> bool:
        """Whether objects of this kind can be created."""
        return self.kind_info(group, kind) is not None

    def is_namespaced(self, group: str, kind: str) -> bool:
        """Whether the kind lives in namespaces (unknown kinds count as namespaced)."""
        info = self.kind_info(group, kind)
        return True if info is None else info.namespaced

    def plural(self, group: str, kind: str) -> str:
        """The resource name of a kind (RBAC and URL paths)."""
        info = self.kind_info(group, kind)
        return info.plural if info else kind.lower() + "s"

    def kind_for_resource(self, group: str, plural: str) -> str | None:
        """The kind served under a resource name, for the loopback HTTPS front end."""
        for (g, kind), info in [*_BUILTIN.items(), *self._crds.items()]:
            if g == group and info.plural == plural:
                return kind
        return None

    @property
    def revision(self) -> int:
        """The last resourceVersion handed out: grows with every change, so equal revisions mean nothing changed."""
        return self._revision

    @property
    def schema_revision(self) -> int:
        """Grows whenever the served kinds change (a CRD registered, changed or deleted)."""
        return self._schema_revision

    # -- reads -----------------------------------------------------------------------------------------------

    def get(self, group: str, kind: str, namespace: str, name: str) -> dict | None:
        """A copy of one object, or None."""
        obj = self._objects.get((group, kind, namespace, name))
        return clone(obj) if obj is not None else None

    def peek(self, key: Key) -> dict | None:
        """The stored object itself, for read-only hot paths (health checks every tick). Never mutate it."""
        return self._objects.get(key)

    def list(self, group: str, kind: str, namespace: str | None = None) -> list[dict]:
        """Copies of every object of a kind (in one namespace, if given), sorted by namespace and name."""
        return [clone(o) for o in self.iter(group, kind, namespace)]

    def iter(self, group: str, kind: str, namespace: str | None = None) -> Iterator[dict]:
        """The stored objects of a kind, read-only, sorted by namespace and name."""
        for key in sorted(k for k in self._by_kind.get((group, kind), ()) if namespace is None or k[2] == namespace):
            yield self._objects[key]

    def keys(self) -> list[Key]:
        """Every object's key, sorted."""
        return sorted(self._objects)

    # -- writes ----------------------------------------------------------------------------------------------

    def apply(self, obj: dict, *, manager: str, shared: bool = False) -> dict:
        """Create the object or replace everything but its status and server-set metadata; return the stored object.

        Labels and annotations are taken as given (a full-object apply by one manager, which is how the rehearsal's
        actors write). The status of an existing object is kept; a new object may bring one (as a restore would).
        The returned object is the stored one, read-only like `peek`'s; `obj` itself is never changed, and kept only
        with `shared`: a caller that never changes `obj` afterwards, as this API never changes what it stores, may
        let the stored object share everything but its metadata with it instead of a copy (Argo CD's manifests,
        parsed once per process, hold megabytes of CRDs).
        """
        key = key_of(obj)
        group, kind, namespace, name = key
        if not name:
            raise ApiError(422, "Invalid", f"{kind}: metadata.name: Required value")
        info = self.kind_info(group, kind)
        if info is None:
            version = obj.get("apiVersion", "")
            raise ApiError(404, "NotFound", f'no matches for kind "{kind}" in version "{version}"')
        if info.namespaced and not namespace:
            raise ApiError(400, "BadRequest", f"{kind} {name}: an empty namespace may not be set during creation")
        if not info.namespaced and namespace:
            key = (group, kind, "", name)
            obj = {**obj, "metadata": {k: v for k, v in obj["metadata"].items() if k != "namespace"}}
        if info.namespaced:
            ns = self._objects.get(("", "Namespace", "", namespace))
            if ns is None:
                raise ApiError(404, "NotFound", f'namespaces "{namespace}" not found')
            if ns["metadata"].get("deletionTimestamp"):
                raise ApiError(403, "Forbidden", f"unable to create new content in namespace {namespace} because it is being terminated")
        old = self._objects.get(key)
        self._admit(obj, old)
        if old is not None and _unchanged(obj, old):
            return old  # a no-op write keeps the resourceVersion (no event)
        new = {**obj, "metadata": clone(obj.get("metadata") or {})} if shared else clone(obj)
        meta = new.setdefault("metadata", {})
        for server_field in _SERVER_METADATA:
            meta.pop(server_field, None)
        if old is None:
            self._uids += 1
            meta["uid"] = f"{self.name}-{self._uids:06d}"
            meta["creationTimestamp"] = _timestamp(self.now())
            if (group, kind) not in _NO_GENERATION:
                meta["generation"] = 1
        else:
            old_meta = old["metadata"]
            meta["uid"], meta["creationTimestamp"] = old_meta["uid"], old_meta["creationTimestamp"]
            if "deletionTimestamp" in old_meta:
                meta["deletionTimestamp"] = old_meta["deletionTimestamp"]
            if "generation" in old_meta:
                meta["generation"] = old_meta["generation"] + (1 if _spec(old) != _spec(new) else 0)
            if "status" in old:
                new["status"] = old["status"]
        self._store(key, new, "MODIFIED" if old else "ADDED")
        if (group, kind) == ("apiextensions.k8s.io", "CustomResourceDefinition"):
            self._register_crd(new)
        return self._objects[key]

    def set_status(self, key: Key, status: dict) -> None:
        """Write the status subresource (no generation change); a no-op when unchanged or the object is gone."""
        obj = self._objects.get(key)
        if obj is None or obj.get("status") == status:
            return
        # Stored objects are never changed in place (every write stores a new one), so the new version may share
        # everything but its metadata and status with the old one.
        new = {**obj, "metadata": dict(obj["metadata"]), "status": clone(status)}
        self._store(key, new, "MODIFIED")

    def patch_metadata(self, key: Key, *, labels: dict | None = None, annotations: dict | None = None) -> None:
        """Merge labels and annotations into an object (a value of None removes the key)."""
        obj = self._objects.get(key)
        if obj is None:
            raise ApiError(404, "NotFound", f"{describe(key)} not found")
        new = clone(obj)
        for name, patch in (("labels", labels), ("annotations", annotations)):
            if patch:
                merged = {**new["metadata"].get(name, {}), **patch}
                new["metadata"][name] = {k: v for k, v in merged.items() if v is not None}
        if new != obj:
            self._store(key, new, "MODIFIED")

    def delete(self, key: Key) -> bool:
        """Delete an object and, as the garbage collector and namespace controller would, what depends on it."""
        obj = self._objects.pop(key, None)
        if obj is None:
            return False
        self._by_kind[key[:2]].discard(key)
        self._revision += 1
        self._notify("DELETED", obj)
        group, kind, _, name = key
        uid = obj["metadata"]["uid"]
        dependents = [k for k, o in self._objects.items() if any(r.get("uid") == uid for r in o["metadata"].get("ownerReferences", []))]
        if (group, kind) == ("", "Namespace"):
            dependents += [k for k in self._objects if k[2] == name]
        if (group, kind) == ("apiextensions.k8s.io", "CustomResourceDefinition"):
            served = (obj["spec"]["group"], obj["spec"]["names"]["kind"])
            self._crds.pop(served, None)
            self._schema_revision += 1
            dependents += [k for k in self._objects if (k[0], k[1]) == served]
        for dependent in sorted(set(dependents)):
            self.delete(dependent)
        return True

    # -- RBAC ------------------------------------------------------------------------------------------------

    def authorize(self, *, user: str, verb: str, group: str, resource: str, namespace: str, name: str = "") -> bool:
        """Whether the RBAC objects in this API allow the request (users `system:serviceaccount:<ns>:<name>`)."""
        for binding_kind, role_kinds in (("RoleBinding", ("Role", "ClusterRole")), ("ClusterRoleBinding", ("ClusterRole",))):
            for binding in self.iter("rbac.authorization.k8s.io", binding_kind, namespace if binding_kind == "RoleBinding" else None):
                if not any(_subject_matches(s, user, binding["metadata"].get("namespace", "")) for s in binding.get("subjects") or []):
                    continue
                ref = binding["roleRef"]
                if ref["kind"] not in role_kinds:
                    continue
                role_ns = binding["metadata"].get("namespace", "") if ref["kind"] == "Role" else ""
                role = self._objects.get(("rbac.authorization.k8s.io", ref["kind"], role_ns, ref["name"]))
                if role and any(_rule_allows(r, verb, group, resource, name) for r in role.get("rules") or []):
                    return True
        return False

    # -- admission -------------------------------------------------------------------------------------------

    def _admit(self, obj: dict, old: dict | None) -> None:
        """What admission and validation refuse before an object is stored."""
        group, kind, namespace, name = key_of(obj)
        # kubernetes@v1.33 pkg/apis/core/validation/validation.go ValidateConfigMapUpdate / ValidateSecretUpdate:
        # once `immutable: true` is set, data, binaryData and the flag itself can no longer change.
        if old is not None and (group, kind) in (("", "ConfigMap"), ("", "Secret")) and old.get("immutable"):
            fields = ("data", "binaryData", "immutable") if kind == "ConfigMap" else ("data", "immutable")
            changed = [f for f in fields if old.get(f) != obj.get(f)]
            if changed:
                raise ApiError(422, "Invalid", f'{kind} "{name}" is invalid: {changed[0]}: Forbidden: field is immutable when `immutable` is set')
        # kubernetes@v1.34.0 pkg/apis/core/validation/validation.go validateLoadBalancerClassField: while a Service
        # stays type LoadBalancer its loadBalancerClass (set or unset) cannot change.
        if old is not None and (group, kind) == ("", "Service"):
            old_spec, new_spec = old.get("spec") or {}, obj.get("spec") or {}
            if old_spec.get("type") == new_spec.get("type") == "LoadBalancer" and old_spec.get("loadBalancerClass") != new_spec.get("loadBalancerClass"):
                raise ApiError(422, "Invalid", f'Service "{name}" is invalid: spec.loadBalancerClass: Invalid value: '
                                               f'"{new_spec.get("loadBalancerClass")}": may not change once set')
        if self.webhook_ready is None:
            return
        operation = "UPDATE" if old is not None else "CREATE"
        plural = self.plural(group, kind)
        version = obj.get("apiVersion", "").rsplit("/", 1)[-1]
        for config_kind in ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"):
            for config in self.iter("admissionregistration.k8s.io", config_kind):
                for hook in config.get("webhooks") or []:
                    if not _webhook_matches(hook, group, version, plural, operation, self._objects.get(("", "Namespace", "", namespace))):
                        continue
                    service = (hook.get("clientConfig") or {}).get("service") or {}
                    if not service or self.webhook_ready(service.get("namespace", ""), service.get("name", "")):
                        continue
                    # kubernetes@v1.33 staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/validating/dispatcher.go:
                    # with failurePolicy Fail (the v1 default) an unreachable webhook rejects the request.
                    if hook.get("failurePolicy", "Fail") == "Fail":
                        raise ApiError(500, "InternalError", f'Internal error occurred: failed calling webhook "{hook.get("name")}": failed to '
                                       f'call webhook: Post "https://{service.get("name")}.{service.get("namespace")}.svc:443'
                                       f'{service.get("path", "")}?timeout=10s": dial tcp: connect: connection refused')

    # -- internals -------------------------------------------------------------------------------------------

    def _store(self, key: Key, obj: dict, event: str) -> None:
        self._revision += 1
        obj["metadata"]["resourceVersion"] = str(self._revision)
        self._objects[key] = obj
        self._by_kind.setdefault(key[:2], set()).add(key)
        self._notify(event, obj)

    def _notify(self, event: str, obj: dict) -> None:
        for listener in list(self.listeners):
            listener(event, obj)

    def _register_crd(self, crd: dict) -> None:
        spec = crd["spec"]
        served = [v["name"] for v in spec.get("versions", []) if v.get("served", True)]
        storage = next((v["name"] for v in spec.get("versions", []) if v.get("storage")), served[0] if served else "v1")
        self._crds[(spec["group"], spec["names"]["kind"])] = _KindInfo(spec["names"]["plural"], spec.get("scope") == "Namespaced", storage)
        self._schema_revision += 1
        # The API server accepts the names and establishes the CRD at once (kubernetes@v1.33 apiextensions-apiserver
        # `pkg/controller/status/naming_controller.go`, `pkg/controller/establish/establishing_controller.go`);
        # Argo CD's CRD health check reads these conditions.
        accepted = [{"type": t, "status": "True", "reason": r, "message": m} for t, r, m in (
            ("NamesAccepted", "NoConflicts", "no conflicts found"), ("Established", "InitialNamesAccepted", "the initial names have been accepted"))]
        self.set_status(key_of(crd), {"acceptedNames": spec["names"], "conditions": accepted, "storedVersions": [storage]})


def clone(obj: Any) -> Any:
    """A deep copy of a JSON-shaped value (dicts, lists, scalars): several times faster than `copy.deepcopy`,
    which keeps a memo for shared and cyclic references that API objects never have."""
    if isinstance(obj, dict):
        return {k: clone(v) if isinstance(v, (dict, list)) else v for k, v in obj.items()}
    if isinstance(obj, list):
        return [clone(v) if isinstance(v, (dict, list)) else v for v in obj]
    return obj


# json.dumps(value, sort_keys=True) of values inside stored objects, by id(): (the value, its text). The value is kept
# so that its id cannot be reused while it is remembered; the table is emptied when full (only recent versions are
# asked about again).
_STORED_JSON: dict[int, tuple[Any, str]] = {}
_STORED_JSON_KEPT = 8192


def stored_json(value: Any) -> str:
    """`json.dumps(value, sort_keys=True)` of a value inside a stored object, remembered by identity.

    The API never changes a stored object in place (every write stores a new one, sharing the unchanged parts), so a
    value reached from `peek` or `iter` always has the same text. Controllers fingerprint the same specs, templates
    and annotations on every tick; pass nothing that is changed afterwards.
    """
    found = _STORED_JSON.get(id(value))
    if found is not None and found[0] is value:
        return found[1]
    text = json.dumps(value, sort_keys=True)
    if len(_STORED_JSON) >= _STORED_JSON_KEPT:
        _STORED_JSON.clear()
    _STORED_JSON[id(value)] = (value, text)
    return text


_SERVER_METADATA = ("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp")


def _unchanged(obj: dict, old: dict) -> bool:
    """Whether writing `obj` over the stored `old` changes nothing (server-set metadata and a kept status aside)."""
    if "status" in obj and "status" not in old:
        return False  # a status brought with the write is stored (see `apply`)
    if any(obj[k] != old.get(k) for k in obj if k not in ("metadata", "status")) or any(k not in obj for k in old if k not in ("metadata", "status")):
        return False
    mine = {k: v for k, v in (obj.get("metadata") or {}).items() if k not in _SERVER_METADATA}
    return mine == {k: v for k, v in old["metadata"].items() if k not in _SERVER_METADATA}


def _spec(obj: dict) -> dict:
    # Compared with ==, which is deep and ignores key order, as a JSON comparison would.
    return {k: v for k, v in obj.items() if k not in _NOT_SPEC}


def _timestamp(seconds: float) -> str:
    # The rehearsal's clock starts at a fixed instant (2026-01-01T00:00:00Z) so timelines are the same on every run.
    return (_EPOCH + timedelta(seconds=int(seconds))).strftime("%Y-%m-%dT%H:%M:%SZ")


def _webhook_matches(hook: dict, group: str, version: str, plural: str, operation: str, namespace: dict | None) -> bool:
    def has(values: list | None, value: str) -> bool:
        return bool(values) and ("*" in values or value in values)

    rule_hit = False
    for rule in hook.get("rules") or []:
        resources = rule.get("resources") or []
        if (has(rule.get("apiGroups"), group) and has(rule.get("apiVersions"), version) and has(rule.get("operations"), operation)
                and (has(resources, plural) or "*/*" in resources)):
            rule_hit = True
    if not rule_hit:
        return False
    selector = hook.get("namespaceSelector") or {}
    labels = ((namespace or {}).get("metadata") or {}).get("labels") or {}
    return _selector_matches(selector, labels)


def _selector_matches(selector: dict, labels: dict) -> bool:
    """A label selector (matchLabels, matchExpressions) against labels."""
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        if (op == "In" and labels.get(key) not in values) or (op == "NotIn" and key in labels and labels[key] in values):
            return False
        if (op == "Exists" and key not in labels) or (op == "DoesNotExist" and key in labels):
            return False
    return True


def _subject_matches(subject: dict, user: str, binding_namespace: str) -> bool:
    if subject.get("kind") == "ServiceAccount":
        return user == f"system:serviceaccount:{subject.get('namespace') or binding_namespace}:{subject.get('name')}"
    return subject.get("kind") == "User" and subject.get("name") == user


def _rule_allows(rule: dict, verb: str, group: str, resource: str, name: str) -> bool:
    def has(values: list | None, value: str) -> bool:
        return bool(values) and ("*" in values or value in values)

    if not (has(rule.get("verbs"), verb) and has(rule.get("apiGroups"), group) and has(rule.get("resources"), resource)):
        return False
    names = rule.get("resourceNames") or []
    # evaluation_helpers.go ResourceNameMatches: with resourceNames, a request must carry one of them; create,
    # list, watch and deletecollection carry none.
    return not names or (bool(name) and name in names)
