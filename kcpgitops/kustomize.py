"""A small, honest subset of kustomize: exactly what kcp-operator v0.9.0's ``config/`` tree needs.

There is no kustomize binary on these machines, so the vendored upstream kustomize tree is built here.

Supported kustomization fields (anything else raises :class:`KustomizeError`):

- ``apiVersion`` (``kustomize.config.k8s.io/v1beta1``) and ``kind`` (``Kustomization``);
- ``resources``: local files (YAML streams, ``---`` separated) and local directories holding a kustomization,
  built recursively;
- ``namespace``: kustomize's builtin namespace transformer: ``metadata.namespace`` on every namespaced object,
  ``metadata.name`` of ``Namespace`` objects, ``subjects[].namespace`` of (Cluster)RoleBindings for subjects named
  ``default``, and the CRD conversion-webhook / APIService service namespace where present;
- ``namePrefix``: ``metadata.name`` of every object except ``CustomResourceDefinition``, ``Namespace`` and
  ``apiregistration.k8s.io/APIService`` (kustomize's hard-coded skip list);
- ``images``: ``name``, ``newName``, ``newTag`` on every ``containers[]`` / ``initContainers[]`` image at any depth;
- ``patches``: JSON6902 patches (all six RFC 6902 operations), inline (``patch``) or from a file (``path``), with a
  ``target`` selecting ``group``/``version``/``kind``/``name``/``namespace`` (anchored regular expressions, name and
  namespace matched against both the original and the current value, like kustomize).

After the top-level build, name references are fixed like kustomize's ``FixBackReferences``, using the entries of
kustomize's builtin ``nameReference`` config that this tree needs: ``Role``/``ClusterRole`` from
``RoleBinding``/``ClusterRoleBinding`` ``roleRef.name``, and ``ServiceAccount`` from (Cluster)RoleBinding
``subjects`` (name and namespace) and from the ``serviceAccountName`` of Pods and workload templates.

Deviations from kustomize v5 (each raises rather than silently producing different output, unless noted):

- Strategic-merge patches, ``patches[].options``, label/annotation selectors, generators, components, remote
  resources and every other kustomization field are not supported and raise.
- Renaming an object whose name kustomize would also rewrite in references this module does not implement
  (ConfigMap, Secret, Service, PVC, PV, StorageClass, PriorityClass, IngressClass, workloads referenced by an HPA)
  raises when a kind that could hold such a reference is present in the build.
- Only ServiceAccount subjects are renamed; kustomize renames any subject whose name matches a ServiceAccount.
- When several referral candidates remain, kustomize breaks the tie by comparing applied prefixes/suffixes; this
  module raises instead, unless all candidates carry the same new name (and namespace).
- ``images[].name`` is matched literally; kustomize splices it unescaped into a regular expression.
- Output order is the accumulation order (what ``sortOptions: {order: fifo}`` gives); plain ``kustomize build``
  sorts by its legacy kind order. Callers that care sort themselves.
- Cluster scope comes from a fixed list of built-in Kubernetes kinds instead of kustomize's bundled OpenAPI data;
  as in kustomize, kinds it does not know (custom resources) count as namespaced.
- An APIService gets ``spec.service.namespace`` only when it has a ``spec.service``; kustomize creates the field.
- Timestamps stay the strings they were in the YAML; objects must be JSON-compatible.
- Like kustomize, a patch whose target selects nothing is not an error.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kcpgitops.yaml_cache import load_documents

__all__ = ["KustomizeError", "build", "build_kustomization"]

_KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
_API_VERSION = "kustomize.config.k8s.io/v1beta1"
_FIELDS = frozenset({"apiVersion", "kind", "resources", "namespace", "namePrefix", "images", "patches"})
_IMAGE_FIELDS = frozenset({"name", "newName", "newTag"})
_PATCH_FIELDS = frozenset({"path", "patch", "target"})
_TARGET_FIELDS = frozenset({"group", "version", "kind", "name", "namespace"})

# kustomize's prefix transformer skip list (plugin/builtin/prefixtransformer).
_PREFIX_SKIP = (("", "CustomResourceDefinition"), ("apiregistration.k8s.io", "APIService"), ("", "Namespace"))

# Built-in cluster-scoped kinds by (group, kind); like kustomize, kinds it does not know are namespaced.
_CLUSTER_SCOPED = frozenset(
    {
        ("", "Namespace"),
        ("", "Node"),
        ("", "PersistentVolume"),
        ("", "ComponentStatus"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"),
        ("apiregistration.k8s.io", "APIService"),
        ("rbac.authorization.k8s.io", "ClusterRole"),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        ("storage.k8s.io", "StorageClass"),
        ("storage.k8s.io", "CSIDriver"),
        ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "VolumeAttachment"),
        ("scheduling.k8s.io", "PriorityClass"),
        ("networking.k8s.io", "IngressClass"),
        ("node.k8s.io", "RuntimeClass"),
        ("certificates.k8s.io", "CertificateSigningRequest"),
        ("flowcontrol.apiserver.k8s.io", "FlowSchema"),
        ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
    }
)

_WORKLOAD_SA_PATH = "spec/template/spec/serviceAccountName"

# (referral kind, referral group, referrer kind, referrer group or None for any, path): the subset of kustomize's
# builtin nameReference config (api/internal/konfig/builtinpluginconsts/namereference.go) implemented here.
_NAME_REFERENCES: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("Role", "rbac.authorization.k8s.io", "RoleBinding", "rbac.authorization.k8s.io", "roleRef/name"),
    ("ClusterRole", "rbac.authorization.k8s.io", "RoleBinding", "rbac.authorization.k8s.io", "roleRef/name"),
    ("ClusterRole", "rbac.authorization.k8s.io", "ClusterRoleBinding", "rbac.authorization.k8s.io", "roleRef/name"),
    ("ServiceAccount", "", "RoleBinding", "rbac.authorization.k8s.io", "subjects"),
    ("ServiceAccount", "", "ClusterRoleBinding", "rbac.authorization.k8s.io", "subjects"),
    ("ServiceAccount", "", "Pod", None, "spec/serviceAccountName"),
    ("ServiceAccount", "", "StatefulSet", None, _WORKLOAD_SA_PATH),
    ("ServiceAccount", "", "Deployment", None, _WORKLOAD_SA_PATH),
    ("ServiceAccount", "", "ReplicationController", None, _WORKLOAD_SA_PATH),
    ("ServiceAccount", "", "CronJob", None, "spec/jobTemplate/spec/template/spec/serviceAccountName"),
    ("ServiceAccount", "", "Job", None, _WORKLOAD_SA_PATH),
    ("ServiceAccount", "", "DaemonSet", None, _WORKLOAD_SA_PATH),
)

_POD_KINDS = ("Pod", "PodTemplate", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob")
_WORKLOAD_KINDS = ("Pod", "Deployment", "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob")

# Referral kinds of kustomize's nameReference config that are NOT implemented, with the referrer kinds it lists
# for them: renaming such a referral while a possible referrer is in the build would leave a stale reference.
_UNIMPLEMENTED_REFERENCES: Mapping[str, tuple[str, ...]] = {
    "ConfigMap": (*_POD_KINDS, "Node", "Role", "ClusterRole", "Ingress"),
    "Secret": (*_POD_KINDS, "Ingress", "ServiceAccount", "StorageClass", "Role", "ClusterRole", "Service", "PersistentVolume"),
    "Service": ("StatefulSet", "Ingress", "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "HTTPRoute"),
    "PersistentVolumeClaim": _WORKLOAD_KINDS,
    "PersistentVolume": ("PersistentVolumeClaim", "ClusterRole"),
    "StorageClass": ("PersistentVolume", "PersistentVolumeClaim", "StatefulSet"),
    "PriorityClass": _WORKLOAD_KINDS,
    "IngressClass": ("Ingress",),
    "Deployment": ("HorizontalPodAutoscaler",),
    "ReplicationController": ("HorizontalPodAutoscaler",),
    "ReplicaSet": ("HorizontalPodAutoscaler",),
    "StatefulSet": ("HorizontalPodAutoscaler",),
}


class KustomizeError(ValueError):
    """A kustomization this subset cannot build, or one kustomize itself would reject."""


@dataclass
class _Resource:
    """One object plus the (name, namespace) ids it had before each rename, like kustomize's PrevIds."""

    doc: dict[str, Any]
    origin: str
    prev_ids: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def group(self) -> str:
        api_version = self.doc.get("apiVersion", "")
        return api_version.rpartition("/")[0] if "/" in api_version else ""

    @property
    def version(self) -> str:
        return self.doc.get("apiVersion", "").rpartition("/")[2]

    @property
    def kind(self) -> str:
        return self.doc["kind"]

    @property
    def name(self) -> str:
        return self.doc["metadata"]["name"]

    @property
    def namespace(self) -> str | None:
        return self.doc["metadata"].get("namespace")

    @property
    def org_id(self) -> tuple[str, str | None]:
        return self.prev_ids[0] if self.prev_ids else (self.name, self.namespace)

    def cluster_scoped(self) -> bool:
        return _is_cluster_scoped(self.group, self.kind)

    def store_previous_id(self) -> None:
        self.prev_ids.append((self.name, self.namespace))

    def key(self) -> tuple[str, str, str, str | None, str]:
        return (self.group, self.version, self.kind, None if self.cluster_scoped() else self.namespace, self.name)


def build(path: Path | str) -> list[dict[str, Any]]:
    """Build the kustomization in directory ``path`` and return its objects."""
    root = Path(path)
    return _finish(_accumulate_dir(root, stack=()))


def build_kustomization(kustomization: Mapping[str, Any], *, base_dir: Path | str) -> list[dict[str, Any]]:
    """Build an in-memory kustomization whose relative paths resolve against ``base_dir``."""
    base = Path(base_dir).resolve()
    return _finish(_accumulate(kustomization, base_dir=base, where="<in-memory kustomization>", stack=(base,)))


def _finish(resources: list[_Resource]) -> list[dict[str, Any]]:
    # kustomize fixes back references once, at the top level, after all layers are transformed.
    _check_unimplemented_references(resources)
    _fix_name_references(resources)
    return [r.doc for r in resources]


# --- loading -------------------------------------------------------------------------------------------------------


def _accumulate_dir(directory: Path, *, stack: tuple[Path, ...]) -> list[_Resource]:
    directory = directory.resolve()
    if directory in stack:
        raise KustomizeError(f"cycle in kustomization resources: {' -> '.join(map(str, (*stack, directory)))}")
    found = [directory / name for name in _KUSTOMIZATION_FILES if (directory / name).is_file()]
    if not found:
        raise KustomizeError(f"{directory}: no kustomization file (one of {', '.join(_KUSTOMIZATION_FILES)})")
    if len(found) > 1:
        raise KustomizeError(f"{directory}: found multiple kustomization files: {', '.join(p.name for p in found)}")
    kustomization = yaml.load(found[0].read_text(encoding="utf-8"), Loader=_Loader) or {}
    if not isinstance(kustomization, dict):
        raise KustomizeError(f"{found[0]}: a kustomization must be a mapping")
    return _accumulate(kustomization, base_dir=directory, where=str(found[0]), stack=(*stack, directory))


def _accumulate(kustomization: Mapping[str, Any], *, base_dir: Path, where: str, stack: tuple[Path, ...]) -> list[_Resource]:
    _validate(kustomization, where=where)
    resources: list[_Resource] = []
    for entry in kustomization.get("resources") or []:
        resources.extend(_load_resource(entry, base_dir=base_dir, where=where, stack=stack))
    _check_unique(resources, where=where)
    # Builtin transformer order of kustomize's KustTarget: patches, namespace, prefix, ..., images.
    for patch in kustomization.get("patches") or []:
        _apply_patch(patch, resources, base_dir=base_dir, where=where)
    if kustomization.get("namespace"):
        _set_namespace(resources, kustomization["namespace"])
    if kustomization.get("namePrefix"):
        _add_prefix(resources, kustomization["namePrefix"])
    for image in kustomization.get("images") or []:
        _set_image(resources, image)
    _check_unique(resources, where=where)
    return resources


def _validate(kustomization: Mapping[str, Any], *, where: str) -> None:
    unsupported = sorted(set(kustomization) - _FIELDS)
    if unsupported:
        raise KustomizeError(
            f"{where}: unsupported kustomization field(s) {', '.join(unsupported)}; "
            f"this kustomize subset supports only {', '.join(sorted(_FIELDS))}"
        )
    if kustomization.get("apiVersion", _API_VERSION) != _API_VERSION:
        raise KustomizeError(f"{where}: unsupported apiVersion {kustomization['apiVersion']!r}")
    if kustomization.get("kind", "Kustomization") != "Kustomization":
        raise KustomizeError(f"{where}: unsupported kind {kustomization['kind']!r} (only Kustomization)")
    for name in ("resources", "images", "patches"):
        if not isinstance(kustomization.get(name) or [], list):
            raise KustomizeError(f"{where}: {name} must be a list")
    for name in ("namespace", "namePrefix"):
        if not isinstance(kustomization.get(name) or "", str):
            raise KustomizeError(f"{where}: {name} must be a string")
    for image in kustomization.get("images") or []:
        _check_fields(image, _IMAGE_FIELDS, what="images[] entry", where=where)
        if not image.get("name"):
            raise KustomizeError(f"{where}: images[] entry needs a name")
    for patch in kustomization.get("patches") or []:
        _check_fields(patch, _PATCH_FIELDS, what="patches[] entry", where=where)
        _check_fields(patch.get("target") or {}, _TARGET_FIELDS, what="patches[].target", where=where)


def _check_fields(value: Any, allowed: frozenset[str], *, what: str, where: str) -> None:
    if not isinstance(value, dict):
        raise KustomizeError(f"{where}: {what} must be a mapping")
    unsupported = sorted(set(value) - allowed)
    if unsupported:
        raise KustomizeError(f"{where}: unsupported {what} field(s) {', '.join(unsupported)}; supported: {', '.join(sorted(allowed))}")


def _load_resource(entry: Any, *, base_dir: Path, where: str, stack: tuple[Path, ...]) -> list[_Resource]:
    if not isinstance(entry, str) or not entry:
        raise KustomizeError(f"{where}: resources entries must be non-empty strings, got {entry!r}")
    if "://" in entry or entry.startswith(("github.com/", "git@")):
        raise KustomizeError(f"{where}: remote resource {entry!r} is not supported")
    path = (base_dir / entry).resolve()
    if path.is_dir():
        return _accumulate_dir(path, stack=stack)
    if not path.is_file():
        raise KustomizeError(f"{where}: resource {entry!r} does not exist")
    _check_within(path, base_dir, where=where)
    return [_Resource(doc=doc, origin=str(path)) for doc in _load_objects(path)]


def _check_within(path: Path, base_dir: Path, *, where: str) -> None:
    # kustomize's default load restrictor (LoadRestrictionsRootOnly) refuses files outside the kustomization root.
    if not path.is_relative_to(base_dir):
        raise KustomizeError(f"{where}: security; file {path} is not in or below {base_dir}")


def _load_objects(path: Path) -> Iterator[dict[str, Any]]:
    stat = path.stat()
    for doc in json.loads(_parse_yaml_stream(str(path), stat.st_mtime_ns, stat.st_size)):
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise KustomizeError(f"{path}: every document must be a mapping")
        if str(doc.get("kind", "")).endswith("List") and "items" in doc:
            raise KustomizeError(f"{path}: List objects are not supported")
        if not doc.get("apiVersion") or not doc.get("kind") or not (doc.get("metadata") or {}).get("name"):
            raise KustomizeError(f"{path}: every object needs apiVersion, kind and metadata.name")
        yield doc


@functools.lru_cache(maxsize=256)
def _parse_yaml_stream(path: str, mtime_ns: int, size: int) -> str:
    """Parse a YAML stream once per file version; JSON text is the cheap, immutable cache form."""
    del mtime_ns, size  # cache key only: an edited file is parsed again
    try:
        # Kubernetes objects are JSON: load_documents refuses YAML values that have no JSON form (binary, NaN).
        return json.dumps(load_documents(Path(path), loader=_Loader))
    except (TypeError, ValueError) as error:
        raise KustomizeError(f"{path}: not a JSON-compatible Kubernetes object: {error}") from None


def _check_unique(resources: Sequence[_Resource], *, where: str) -> None:
    seen: set[tuple[str, str, str, str | None, str]] = set()
    for resource in resources:
        key = resource.key()
        if key in seen:
            raise KustomizeError(f"{where}: may not add resource with an already registered id: {key}")
        seen.add(key)


# --- namespace, prefix, images ---------------------------------------------------------------------------------------


def _is_cluster_scoped(group: str, kind: str) -> bool:
    return (group, kind) in _CLUSTER_SCOPED


def _set_namespace(resources: Sequence[_Resource], namespace: str) -> None:
    for resource in resources:
        resource.store_previous_id()
        doc = resource.doc
        if not resource.cluster_scoped():
            doc["metadata"]["namespace"] = namespace
        if resource.kind == "Namespace":
            doc["metadata"]["name"] = namespace
        if resource.kind in ("RoleBinding", "ClusterRoleBinding"):
            # kustomize's "defaultOnly" subject mode; other subjects follow their ServiceAccount via name references.
            for subject in doc.get("subjects") or []:
                if isinstance(subject, dict) and subject.get("name") == "default":
                    subject["namespace"] = namespace
        if resource.kind == "CustomResourceDefinition":
            service = _dig(doc, ("spec", "conversion", "webhook", "clientConfig", "service"))
            if isinstance(service, dict) and "namespace" in service:
                service["namespace"] = namespace
        if resource.kind == "APIService" and isinstance(_dig(doc, ("spec", "service")), dict):
            doc["spec"]["service"]["namespace"] = namespace


def _add_prefix(resources: Sequence[_Resource], prefix: str) -> None:
    for resource in resources:
        if any(resource.kind == kind and (not group or resource.group == group) for group, kind in _PREFIX_SKIP):
            continue
        resource.store_previous_id()
        resource.doc["metadata"]["name"] = prefix + resource.name


def _set_image(resources: Sequence[_Resource], image: Mapping[str, str]) -> None:
    for resource in resources:
        for container in _containers(resource.doc):
            value = container.get("image")
            if isinstance(value, str) and _image_matches(value, image["name"]):
                container["image"] = _new_image(value, image)


def _containers(node: Any) -> Iterator[dict[str, Any]]:
    # kustomize's legacy image filter: "containers" and "initContainers" lists at any depth.
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("containers", "initContainers") and isinstance(value, list):
                yield from (c for c in value if isinstance(c, dict))
            yield from _containers(value)
    elif isinstance(node, list):
        for item in node:
            yield from _containers(item)


def _image_matches(value: str, name: str) -> bool:
    return re.fullmatch(re.escape(name) + r"(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9]*)?", value) is not None


def _split_image(value: str) -> tuple[str, str, str]:
    """Split ``value`` into name, tag and digest, ignoring a ``:port`` in the registry part."""
    slash = value.find("/")
    offset = slash if slash > 0 else 0
    search = value[offset:]
    at, colon = search.find("@"), search.find(":")
    if at < 0 and colon < 0:
        return value, "", ""
    if at >= 0 and (colon < 0 or at < colon):
        return value[: offset + at], "", value[offset + at + 1 :]
    if at >= 0:
        return value[: offset + colon], value[offset + colon + 1 : offset + at], value[offset + at + 1 :]
    return value[: offset + colon], value[offset + colon + 1 :], ""


def _new_image(value: str, image: Mapping[str, str]) -> str:
    name, tag, digest = _split_image(value)
    name = image.get("newName") or name
    if image.get("newTag"):
        tag, digest = image["newTag"], ""
    return name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")


# --- patches ---------------------------------------------------------------------------------------------------------


def _apply_patch(patch: Mapping[str, Any], resources: Sequence[_Resource], *, base_dir: Path, where: str) -> None:
    if ("path" in patch) == ("patch" in patch):
        raise KustomizeError(f"{where}: a patches[] entry needs exactly one of path and patch")
    if "path" in patch:
        path = (base_dir / patch["path"]).resolve()
        if not path.is_file():
            raise KustomizeError(f"{where}: patch file {patch['path']!r} does not exist")
        _check_within(path, base_dir, where=where)
        text, origin = path.read_text(encoding="utf-8"), str(path)
    else:
        if not isinstance(patch["patch"], str):
            raise KustomizeError(f"{where}: patches[].patch must be a string")
        text, origin = patch["patch"], f"{where}: inline patch"
    operations = yaml.load(text, Loader=_Loader)
    if isinstance(operations, dict):
        raise KustomizeError(f"{origin}: strategic-merge patches are not supported by this kustomize subset")
    if not isinstance(operations, list):
        raise KustomizeError(f"{origin}: a patch must be a JSON6902 list of operations")
    if not patch.get("target"):
        raise KustomizeError(f"{origin}: a JSON6902 patch needs a target")
    for resource in _select(resources, patch["target"]):
        for operation in operations:
            _json6902(resource.doc, operation, origin=f"{origin} on {resource.kind}/{resource.name}")


def _select(resources: Sequence[_Resource], target: Mapping[str, str]) -> list[_Resource]:
    def matches(pattern: str | None, *values: str) -> bool:
        return pattern is None or any(re.fullmatch(f"(?:{pattern})", v) for v in values)

    def effective(resource: _Resource, namespace: str | None) -> str:
        return "_non_namespaceable_" if resource.cluster_scoped() else namespace or "default"

    return [
        r
        for r in resources
        if matches(target.get("group"), r.group)
        and matches(target.get("version"), r.version)
        and matches(target.get("kind"), r.kind)
        and matches(target.get("name"), r.org_id[0], r.name)
        and matches(target.get("namespace"), effective(r, r.org_id[1]), effective(r, r.namespace))
    ]


def _json6902(doc: dict[str, Any], operation: Any, *, origin: str) -> None:
    if not isinstance(operation, dict) or "op" not in operation or "path" not in operation:
        raise KustomizeError(f"{origin}: every JSON6902 operation needs op and path, got {operation!r}")
    op, path = operation["op"], _pointer(operation["path"], origin=origin)
    if op in ("add", "replace", "test") and "value" not in operation:
        raise KustomizeError(f"{origin}: {op} at {operation['path']} needs a value")
    if op == "add":
        _add(doc, path, copy.deepcopy(operation["value"]), origin=origin)
    elif op == "remove":
        _remove(doc, path, origin=origin)
    elif op == "replace":
        _remove(doc, path, origin=origin)
        _add(doc, path, copy.deepcopy(operation["value"]), origin=origin)
    elif op in ("move", "copy"):
        source = _pointer(operation.get("from", ""), origin=origin)
        value = copy.deepcopy(_get(doc, source, origin=origin))
        if op == "move":
            _remove(doc, source, origin=origin)
        _add(doc, path, value, origin=origin)
    elif op == "test":
        if _get(doc, path, origin=origin) != operation["value"]:
            raise KustomizeError(f"{origin}: test at {operation['path']} failed")
    else:
        raise KustomizeError(f"{origin}: unknown JSON6902 op {op!r}")


def _pointer(text: Any, *, origin: str) -> list[str]:
    if not isinstance(text, str) or (text and not text.startswith("/")):
        raise KustomizeError(f"{origin}: invalid JSON pointer {text!r}")
    return [token.replace("~1", "/").replace("~0", "~") for token in text.split("/")[1:]]


def _index(container: list[Any], token: str, *, origin: str, allow_end: bool) -> int:
    if token == "-" and allow_end:
        return len(container)
    if not re.fullmatch(r"0|[1-9][0-9]*", token) or int(token) > len(container) - (0 if allow_end else 1):
        raise KustomizeError(f"{origin}: array index {token!r} out of range (length {len(container)})")
    return int(token)


def _get(doc: Any, path: Sequence[str], *, origin: str) -> Any:
    node = doc
    for token in path:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list):
            node = node[_index(node, token, origin=origin, allow_end=False)]
        else:
            raise KustomizeError(f"{origin}: path /{'/'.join(path)} does not exist")
    return node


def _add(doc: dict[str, Any], path: Sequence[str], value: Any, *, origin: str) -> None:
    if not path:
        raise KustomizeError(f"{origin}: replacing the whole object is not supported")
    parent = _get(doc, path[:-1], origin=origin)
    if isinstance(parent, dict):
        parent[path[-1]] = value
    elif isinstance(parent, list):
        parent.insert(_index(parent, path[-1], origin=origin, allow_end=True), value)
    else:
        raise KustomizeError(f"{origin}: cannot add below a scalar at /{'/'.join(path[:-1])}")


def _remove(doc: dict[str, Any], path: Sequence[str], *, origin: str) -> None:
    if not path:
        raise KustomizeError(f"{origin}: removing the whole object is not supported")
    parent = _get(doc, path[:-1], origin=origin)
    if isinstance(parent, dict) and path[-1] in parent:
        del parent[path[-1]]
    elif isinstance(parent, list):
        del parent[_index(parent, path[-1], origin=origin, allow_end=False)]
    else:
        raise KustomizeError(f"{origin}: path /{'/'.join(path)} does not exist")


# --- name references -------------------------------------------------------------------------------------------------


def _renamed(resource: _Resource) -> bool:
    return any(prev != (resource.name, resource.namespace) for prev in resource.prev_ids)


def _check_unimplemented_references(resources: Sequence[_Resource]) -> None:
    kinds = {r.kind for r in resources}
    for resource in resources:
        referrers = kinds.intersection(_UNIMPLEMENTED_REFERENCES.get(resource.kind, ()))
        if referrers and _renamed(resource):
            raise KustomizeError(
                f"{resource.kind}/{resource.name} was renamed and the build holds {', '.join(sorted(referrers))} "
                f"objects that may reference it; this kustomize subset does not rewrite such references"
            )


def _fix_name_references(resources: Sequence[_Resource]) -> None:
    for referral_kind, referral_group, referrer_kind, referrer_group, path in _NAME_REFERENCES:
        candidates = [r for r in resources if r.kind == referral_kind and r.group == referral_group]
        if not any(_renamed(c) for c in candidates):
            continue
        for referrer in resources:
            if referrer.kind != referrer_kind or (referrer_group is not None and referrer.group != referrer_group):
                continue
            if path == "roleRef/name":
                role_ref = referrer.doc.get("roleRef") or {}
                if (role_ref.get("kind"), role_ref.get("apiGroup")) != (referral_kind, referral_group):
                    continue
            _update_field(referrer.doc, path.split("/"), referrer, candidates)


def _update_field(node: Any, path: Sequence[str], referrer: _Resource, candidates: Sequence[_Resource]) -> None:
    if isinstance(node, list):
        for item in node:
            _update_field(item, path, referrer, candidates)
        return
    if not isinstance(node, dict) or path[0] not in node:
        return
    if len(path) > 1:
        _update_field(node[path[0]], path[1:], referrer, candidates)
        return
    value = node[path[0]]
    if isinstance(value, str):
        referral = _select_referral(value, None, referrer, candidates)
        if referral is not None:
            node[path[0]] = referral.name
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item.get("kind") == "ServiceAccount" and isinstance(item.get("name"), str):
                _update_subject(item, referrer, candidates)


def _update_subject(subject: dict[str, Any], referrer: _Resource, candidates: Sequence[_Resource]) -> None:
    referral = _select_referral(subject["name"], subject.get("namespace"), referrer, candidates)
    if referral is None:
        return
    subject["name"] = referral.name
    if referral.namespace:
        subject["namespace"] = referral.namespace


def _select_referral(old_name: str, namespace: str | None, referrer: _Resource, candidates: Sequence[_Resource]) -> _Resource | None:
    """Pick the object ``old_name`` referred to before renames, following kustomize's nameref sieve."""
    if namespace is not None:
        # A subject names its namespace: match it against original namespaces first, then current ones.
        by_original = [c for c in candidates if c.org_id[1] == namespace]
        candidates = by_original or [c for c in candidates if c.namespace == namespace]
    found = [c for c in candidates if any(name == old_name for name, _ in c.prev_ids)]
    if not referrer.cluster_scoped():
        found = [c for c in found if c.cluster_scoped() or c.kind == "ServiceAccount" or c.namespace == referrer.namespace]
    if not found:
        return None
    if len({(c.name, c.namespace) for c in found}) > 1:
        names = ", ".join(f"{c.kind}/{c.namespace}/{c.name}" for c in found)
        raise KustomizeError(f"{referrer.kind}/{referrer.name}: found multiple possible referrals: {names}")
    return found[0]


def _dig(node: Any, keys: Sequence[str]) -> Any:
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader (libyaml when available: the vendored CRDs are several MB)."""


# Keep timestamps as the strings kustomize (which round-trips through JSON-compatible YAML) keeps.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
