"""kcp-operator v0.9.0 stand-in: RootShard, Shard, FrontProxy, Kubeconfig and the bundle feature, as v0.9.0 does them.

What v0.9.0 creates and mounts (names, Certificates, Issuers, kubeconfigs, Deployments, Services, bundle contents) is
the one model in `kcpmodel`, which the generator and the bridge use as well; this module only adds the controllers.
v0.9.0 runs one controller-runtime controller per kind (kcp-dev/kcp-operator@v0.9.0:pkg/controller/setup.go
AddConfigControllers, AddWorkloadControllers). The "config" controllers turn RootShard/Shard/FrontProxy into
Certificates, Secrets and a `deploy.operator.kcp.io` Compiled* object once every Certificate is Ready; the "workload"
controllers turn the Compiled* object into the Deployment and Service. Like controller-runtime, each controller
reconciles only when an event it watches (`For`/`Owns`/`Watches` in its `SetupWithManager`) or an informer resync
enqueues it; failures are retried with the exponential per-item backoff of client-go's default controller rate limiter.
Kubeconfigs and path mappings are written as YAML the way client-go's clientcmd.Write does (`kubeconfig_yaml`).

Simplifications (each also noted where it applies): no finalizers (the in-memory API has none; the Shard's kcp-side
clean-up runs on its deletion event instead), no VirtualWorkspace, CacheServer or kubeconfig-rbac controllers, no
audit or authorization-webhook flags, no PEM validation of merged CA bundles, leader election ignored.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from kcpmodel import (
    BUNDLE_ANNOTATION,
    BUNDLE_RESOURCES,
    DEPLOY_API_VERSION,
    DEPLOY_GROUP,
    FRONT_PROXY_LABEL,
    OPERATOR_API_VERSION,
    OPERATOR_GROUP,
    ROOTSHARD_LABEL,
    SHARD_LABEL,
    bundle_key,
    bundle_name,
    bundle_object_string,
    bundle_objects,
    bundle_value,
    ca_name,
    is_bundled,
    kubeconfig_certificate,
    kubeconfig_document,
    proxy_certificates,
    proxy_deployment,
    proxy_dynamic_kubeconfig,
    proxy_names,
    proxy_service,
    resource_labels,
    revision_label,
    root_shard_base_url,
    root_shard_certificates,
    root_shard_deployment,
    root_shard_issuers,
    root_shard_kubeconfigs,
    root_shard_service,
    shard_base_url,
    shard_certificates,
    shard_deployment,
    shard_kubeconfigs,
    shard_service,
)
from kcpmodel import proxy_config as _proxy_config

from .._api import ApiError, Key, _timestamp, clone, describe, group_of, key_of
from .._world import Cluster

__all__ = ["KcpOperator", "kubeconfig_yaml", "operator_flags", "proxy_config"]


def kubeconfig_yaml(clusters: dict[str, dict], contexts: dict[str, tuple[str, str]], users: dict[str, dict], current: str) -> str:
    """A kubeconfig as client-go clientcmd.Write renders it (v1 Config, named lists sorted by name, keys sorted)."""
    return _document_yaml(kubeconfig_document(clusters, contexts, users, current))


def _document_yaml(document: Any) -> str:
    return _yaml(json.dumps(document, sort_keys=True))


@functools.lru_cache(maxsize=512)
def _yaml(document_json: str) -> str:
    # YAML of a JSON-compatible document; memoised because every reconcile renders the same kubeconfigs again.
    return yaml.safe_dump(json.loads(document_json), sort_keys=True, default_flow_style=False)


def proxy_config(root_name: str, namespace: str, root_spec: dict, front_proxy: str | None = None, fp_spec: dict | None = None) -> dict:
    """The proxy's path-mapping ConfigMap (`kcpmodel.proxy_config`), its mapping file written as YAML."""
    return _proxy_config(root_name, namespace, root_spec, front_proxy, fp_spec, dump=_document_yaml)


def _identity(obj: dict) -> tuple[str, str, dict]:
    meta = obj.get("metadata") or {}
    return meta.get("name", ""), meta.get("namespace", ""), obj.get("spec") or {}


def _external(spec: dict) -> tuple[str, int]:
    settings = spec.get("external") or {}
    return settings.get("hostname", ""), int(settings.get("port") or 0)


# ====================================================================================================================
# Part 2 - the controllers.
# ====================================================================================================================

OPERATOR_NAMESPACE = "kcp-operator-system"
OPERATOR_DEPLOYMENT = "kcp-operator-controller-manager"
ACTOR = "kcp-operator"
RESYNC_PERIOD = 10 * 3600.0
"""kubernetes-sigs/controller-runtime@v0.24.1:pkg/cache/cache.go defaultSyncPeriod (kcp-operator v0.9.0 cmd/operator/main.go sets none)."""
MAX_BACKOFF = 1000.0
"""Per-item backoff of client-go's DefaultTypedControllerRateLimiter: 5 ms doubling per failure up to 1000 s
(kubernetes-sigs/controller-runtime@v0.24.1:pkg/internal/controller/controller.go reconcileHandler: errors AddRateLimited,
RequeueAfter Forget + AddAfter)."""
_MAX_RECONCILES_PER_TICK = 2000

Request = tuple[str, str, str]
"""(controller, namespace, name) in a work queue."""

_CONFIG_CONTROLLERS = ("rootshard", "frontproxy", "shard", "kubeconfig", "bundle")
_WORKLOAD_CONTROLLERS = ("compiled-rootshard", "compiled-frontproxy", "compiled-shard")
_FOR_KIND = {
    "rootshard": (OPERATOR_GROUP, "RootShard"),
    "frontproxy": (OPERATOR_GROUP, "FrontProxy"),
    "shard": (OPERATOR_GROUP, "Shard"),
    "kubeconfig": (OPERATOR_GROUP, "Kubeconfig"),
    "bundle": (OPERATOR_GROUP, "Bundle"),
    "compiled-rootshard": (DEPLOY_GROUP, "CompiledRootShard"),
    "compiled-frontproxy": (DEPLOY_GROUP, "CompiledFrontProxy"),
    "compiled-shard": (DEPLOY_GROUP, "CompiledShard"),
}
# Owns(): an event on an object whose controller ownerReference is of this kind reconciles the owner, per controller.
_OWNS = {
    "rootshard": {("", "Secret"), ("cert-manager.io", "Certificate"), (DEPLOY_GROUP, "CompiledRootShard")},
    "frontproxy": {("", "Secret"), ("cert-manager.io", "Certificate"), (DEPLOY_GROUP, "CompiledFrontProxy")},
    "shard": {("", "Secret"), ("cert-manager.io", "Certificate"), (DEPLOY_GROUP, "CompiledShard")},
    "kubeconfig": {("", "Secret"), ("cert-manager.io", "Certificate")},
    "bundle": {("", "Secret"), ("", "ConfigMap")},
    "compiled-rootshard": {("apps", "Deployment"), ("", "ConfigMap"), ("", "Service")},
    "compiled-frontproxy": {("apps", "Deployment"), ("", "ConfigMap"), ("", "Service")},
    "compiled-shard": {("apps", "Deployment"), ("", "Service")},
}
_INFORMERS = (
    (OPERATOR_GROUP, "RootShard"),
    (OPERATOR_GROUP, "FrontProxy"),
    (OPERATOR_GROUP, "Shard"),
    (OPERATOR_GROUP, "Kubeconfig"),
    (OPERATOR_GROUP, "Bundle"),
    (DEPLOY_GROUP, "CompiledRootShard"),
    (DEPLOY_GROUP, "CompiledFrontProxy"),
    (DEPLOY_GROUP, "CompiledShard"),
    ("", "Secret"),
    ("", "ConfigMap"),
    ("", "Service"),
    ("apps", "Deployment"),
    ("cert-manager.io", "Certificate"),
)
"""The kinds v0.9.0's controllers hold informers for (each resyncs on its own jittered period)."""


class _Retry(Exception):
    """A reconcile error: the request goes back to the queue with backoff."""


@dataclass
class _ClusterState:
    """One cluster's operator process: informers, work queue, feature gates."""

    cluster: Cluster
    """The cluster the operator runs on."""
    active: bool = False
    """Whether the operator's Deployment is ready (its manager running)."""
    bundle_gate: bool = False
    """`--feature-gates=ConfigurationBundle=true` on the running operator."""
    controllers: tuple[str, ...] = ()
    """The controllers of the enabled `--enabled-controller-groups`."""
    queue: dict[Request, float] = field(default_factory=dict)
    """Queued requests and when they are due."""
    failures: dict[Request, int] = field(default_factory=dict)
    """Consecutive failures per request (backoff)."""
    errors: dict[Request, str] = field(default_factory=dict)
    """Last error logged per request (each distinct error is logged once)."""
    resync_at: dict[tuple[str, str], float] = field(default_factory=dict)
    """When each informer resyncs next."""
    resync_period: dict[tuple[str, str], float] = field(default_factory=dict)
    """Each informer's jittered resync period."""
    listening: bool = False
    """Whether the watch listener is attached to the cluster's API."""
    changes: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(verb, kind) -> names written by the reconcile in progress, logged as one event when it ends."""


class KcpOperator:
    """kcp-operator v0.9.0 on one cluster: active while `kcp-operator-system/kcp-operator-controller-manager` is ready."""

    name = ACTOR

    def __init__(self) -> None:
        self._states: dict[str, _ClusterState] = {}

    # -- the Controller protocol -----------------------------------------------------------------------------------

    def reconcile(self, cluster: Cluster) -> None:
        """Start or stop with the operator Deployment, fire due informer resyncs, then work the queue until it is idle."""
        state = self._states.get(cluster.name)
        if state is None:
            state = self._states[cluster.name] = _ClusterState(cluster)
        if not state.listening:
            cluster.api.listeners.append(lambda event, obj: self._on_event(state, event, obj))
            state.listening = True
        if not cluster.deployment_ready(OPERATOR_NAMESPACE, OPERATOR_DEPLOYMENT):
            if state.active:
                cluster.log(ACTOR, "kcp-operator stopped (its Deployment is not ready)")
                state.active = False
                state.queue.clear()
            return
        if not state.active:
            self._start(state)
        self._resync(state)
        self._drain(state)

    def bundle_gate(self, cluster: Cluster) -> bool | None:
        """Whether the running operator has ConfigurationBundle on (None while it is not running)."""
        state = self._states.get(cluster.name)
        return state.bundle_gate if state and state.active else None

    # -- process life ----------------------------------------------------------------------------------------------

    def _start(self, state: _ClusterState) -> None:
        cluster = state.cluster
        deployment = cluster.api.peek(("apps", "Deployment", OPERATOR_NAMESPACE, OPERATOR_DEPLOYMENT)) or {}
        args = [
            a
            for c in (((deployment.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers") or []
            for a in [*(c.get("command") or []), *(c.get("args") or [])]
        ]
        state.bundle_gate, groups = operator_flags(args)
        state.controllers = tuple(
            c
            for c in (*_CONFIG_CONTROLLERS, *_WORKLOAD_CONTROLLERS)
            if ((c in _CONFIG_CONTROLLERS and "config" in groups) or (c in _WORKLOAD_CONTROLLERS and "workload" in groups))
            and (c != "bundle" or state.bundle_gate)
        )
        state.active = True
        state.failures.clear()
        state.errors.clear()
        cluster.log(
            ACTOR,
            f"kcp-operator v0.9.0 started (ConfigurationBundle feature gate {'on' if state.bundle_gate else 'off'})",
            ("apps", "Deployment", OPERATOR_NAMESPACE, OPERATOR_DEPLOYMENT),
        )
        # The informers' initial list delivers every object as an event.
        for controller in state.controllers:
            group, kind = _FOR_KIND[controller]
            for obj in cluster.api.iter(group, kind):
                self._enqueue(state, (controller, obj["metadata"].get("namespace", ""), obj["metadata"]["name"]))
        # kubernetes-sigs/controller-runtime@v0.24.1:pkg/cache/internal/informers.go calculateResyncPeriod: x [0.9, 1.1).
        for informer in _INFORMERS:
            state.resync_period[informer] = RESYNC_PERIOD * (0.9 + cluster.rng.random() / 5.0)
            state.resync_at[informer] = cluster.now + state.resync_period[informer]

    def _resync(self, state: _ClusterState) -> None:
        now = state.cluster.now
        for informer, due in list(state.resync_at.items()):
            if due > now:
                continue
            state.resync_at[informer] = due + state.resync_period[informer]
            # A resync replays an update event with the same object for everything in the informer's cache.
            for obj in list(state.cluster.api.iter(*informer)):
                self._on_event(state, "MODIFIED", obj)

    def _enqueue(self, state: _ClusterState, request: Request, due: float | None = None) -> None:
        when = state.cluster.now if due is None else due
        current = state.queue.get(request)
        state.queue[request] = when if current is None else min(current, when)

    def _drain(self, state: _ClusterState) -> None:
        order = {c: i for i, c in enumerate(state.controllers)}
        for _ in range(_MAX_RECONCILES_PER_TICK):
            now = state.cluster.now
            due = [(t, order.get(r[0], 99), r) for r, t in state.queue.items() if t <= now]
            if not due:
                return
            request = min(due)[2]
            del state.queue[request]
            self._run(state, request)
        state.cluster.log(ACTOR, f"work queue still busy after {_MAX_RECONCILES_PER_TICK} reconciles in one tick")

    def _run(self, state: _ClusterState, request: Request) -> None:
        controller, namespace, name = request
        state.changes = {}
        try:
            after = _RECONCILERS[controller](self, state, namespace, name)
        except (_Retry, ApiError) as error:
            self._log_changes(state, request)
            message = error.message if isinstance(error, ApiError) else str(error)
            failures = state.failures.get(request, 0) + 1
            state.failures[request] = failures
            self._enqueue(state, request, state.cluster.now + min(0.005 * 2 ** (failures - 1), MAX_BACKOFF))
            if state.errors.get(request) != message:
                state.errors[request] = message
                state.cluster.log(ACTOR, f"{controller} {namespace}/{name}: {message}", _for_key(controller, namespace, name))
            return
        self._log_changes(state, request)
        state.failures.pop(request, None)
        state.errors.pop(request, None)
        if after:
            self._enqueue(state, request, state.cluster.now + after)

    @staticmethod
    def _log_changes(state: _ClusterState, request: Request) -> None:
        # One event per reconcile that wrote something, naming what it created or changed.
        if not state.changes:
            return
        controller, namespace, name = request
        parts = [f"{verb} {kind} {', '.join(names)}" for (verb, kind), names in state.changes.items()]
        group, kind = _FOR_KIND[controller]
        state.cluster.log(ACTOR, f"{kind} {namespace}/{name}: " + "; ".join(parts), (group, kind, namespace, name))
        state.changes = {}

    # -- watches ---------------------------------------------------------------------------------------------------

    def _on_event(self, state: _ClusterState, event: str, obj: dict) -> None:
        if not state.active:
            return
        group, kind, namespace, name = key_of(obj)
        if event == "DELETED" and (group, kind) == (OPERATOR_GROUP, "Shard"):
            _forget_kcp_shard(state.cluster, name)
        for request in _requests_for(state, group, kind, namespace, name, obj):
            if request[0] in state.controllers:
                self._enqueue(state, request)

    # -- writing ---------------------------------------------------------------------------------------------------

    def _ensure(
        self,
        state: _ClusterState,
        desired: dict,
        owner: dict | None,
        *,
        owner_kind: str = "",
        merge_labels: bool = False,
        replace_data: bool = False,
    ) -> dict | None:
        """Create or update one object as k8c.io/reconciler's EnsureNamedObject does; return it as it was before."""
        api = state.cluster.api
        key = key_of(desired)
        live = api.peek(key)  # read-only: the API replaces stored objects, it never mutates them
        if owner is not None:
            desired["metadata"]["ownerReferences"] = [_owner_ref(owner, owner_kind)]
        if live is not None:
            desired = _keep_live_fields(live, desired, merge_labels=merge_labels, replace_data=replace_data)
        before = live.get("metadata", {}).get("resourceVersion") if live else None
        stored = api.apply(desired, manager=ACTOR)
        if live is None:
            state.changes.setdefault(("created", key[1]), []).append(key[3])
        elif stored["metadata"].get("resourceVersion") != before and _spec_changed(live, stored):
            state.changes.setdefault(("updated", key[1]), []).append(key[3])
        return live

    def _ensure_secret(
        self,
        state: _ClusterState,
        namespace: str,
        name: str,
        data: dict[str, bytes],
        labels: dict,
        owner: dict | None,
        owner_kind: str,
        *,
        replace_data: bool = False,
    ) -> None:
        meta: dict[str, Any] = {"name": name, "namespace": namespace}
        if labels:
            meta["labels"] = labels
        secret = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": meta,
            "data": {k: base64.b64encode(v).decode() for k, v in data.items()},
            "type": "Opaque",
        }
        self._ensure(state, secret, owner, owner_kind=owner_kind, merge_labels=True, replace_data=replace_data)

    def _ensure_bundle(self, state: _ClusterState, owner: dict, kind: str) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/helpers.go EnsureBundleForOwner: create `<owner>-bundle`
        # once, owned by its target.
        if not is_bundled(owner):
            return
        name, namespace, _ = _identity(owner)
        if state.cluster.api.peek((OPERATOR_GROUP, "Bundle", namespace, bundle_name(name))) is not None:
            return
        ref_field = {"RootShard": "rootShardRef", "Shard": "shardRef", "FrontProxy": "frontProxyRef"}[kind]
        bundle = {
            "apiVersion": OPERATOR_API_VERSION,
            "kind": "Bundle",
            "metadata": {"name": bundle_name(name), "namespace": namespace},
            "spec": {"target": {ref_field: {"name": name}}},
        }
        self._ensure(state, bundle, owner, owner_kind=kind)

    def _write_status(self, state: _ClusterState, obj: dict, status: dict) -> None:
        key = key_of(obj)
        old = (state.cluster.api.peek(key) or {}).get("status") or {}
        if old == status:
            return
        state.cluster.api.set_status(key, status)
        for field_name in ("phase", "state"):
            if status.get(field_name) and status.get(field_name) != old.get(field_name):
                state.cluster.log(ACTOR, f"{describe(key)} is {status[field_name]}", key)

    # -- config controllers ----------------------------------------------------------------------------------------

    def _reconcile_rootshard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """PKI, kubeconfigs, the root proxy's PKI, then CompiledRootShard once every Certificate is Ready.

        kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go Reconcile, reconcile.
        """
        api = state.cluster.api
        root = api.get(OPERATOR_GROUP, "RootShard", namespace, name)
        if root is None:
            return None
        spec = root.get("spec") or {}
        errors: list[str] = []
        self._ensure_bundle(state, root, "RootShard")
        captured = [self._ensure(state, c, root, owner_kind="RootShard") for c in root_shard_certificates(root)]
        for issuer in root_shard_issuers(root):
            self._ensure(state, issuer, root, owner_kind="RootShard")
        if spec.get("caBundleSecretRef"):
            errors += self._merged(
                state,
                root,
                "RootShard",
                f"{name}-merged-ca-bundle",
                [ca_name(name, "server"), spec["caBundleSecretRef"]["name"]],
                {ROOTSHARD_LABEL: name},
            )
        if spec.get("clientCABundleRef"):
            errors += self._merged(
                state,
                root,
                "RootShard",
                f"{name}-merged-client-ca",
                [ca_name(name, "client"), spec["clientCABundleRef"]["name"]],
                {ROOTSHARD_LABEL: name},
            )
        for secret, document in root_shard_kubeconfigs(root).items():
            self._ensure_secret(state, namespace, secret, {"kubeconfig": _document_yaml(document).encode()}, {ROOTSHARD_LABEL: name}, root, "RootShard")
        shards = _children(api, namespace, name)
        try:
            captured += self._proxy_pki(state, root, None)
        except _Retry as error:
            errors.append(f"failed to reconcile proxy: {error}")
        revisions = _certificate_revisions(captured)
        if revisions is not None:
            compiled = _compiled(
                root,
                DEPLOY_API_VERSION,
                "CompiledRootShard",
                revisions,
                {ROOTSHARD_LABEL: name},
                {"rootShard": clone(spec), "shards": shards},
            )
            self._ensure(state, compiled, root, owner_kind="RootShard")
        self._rootshard_status(state, root, shards)
        if errors:
            raise _Retry("; ".join(errors))
        return None

    def _rootshard_status(self, state: _ClusterState, root: dict, shards: list[str]) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/rootshard/controller.go reconcileStatus.
        status, bundled, available, bundle = _owner_conditions(state, root, [], "CompiledRootShard")
        status["phase"] = _owner_phase(root, bundled, available, bundle)
        status["shards"] = [{"name": s} for s in shards]
        self._write_status(state, root, status)

    def _reconcile_shard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go Reconcile, reconcile.

        The cleanup finalizer is not modelled (see `_forget_kcp_shard`).
        """
        api = state.cluster.api
        shard = api.get(OPERATOR_GROUP, "Shard", namespace, name)
        if shard is None:
            return None
        spec = shard.get("spec") or {}
        errors: list[str] = []
        self._ensure_bundle(state, shard, "Shard")
        condition, root = _fetch_root_shard(api, namespace, ((spec.get("rootShard") or {}).get("ref") or {}).get("name"))
        if root is None:
            self._shard_status(state, shard, [condition])
            return None
        root_name, _, root_spec = _identity(root)
        captured = [self._ensure(state, c, shard, owner_kind="Shard") for c in shard_certificates(shard, root_name)]
        labels = {ROOTSHARD_LABEL: root_name, SHARD_LABEL: name}
        for secret, document in shard_kubeconfigs(shard, root).items():
            self._ensure_secret(state, namespace, secret, {"kubeconfig": _document_yaml(document).encode()}, labels, shard, "Shard")
        if spec.get("caBundleSecretRef"):
            # shard/ca_bundle.go MergedCABundleSecretReconciler: the shard's server certificate plus the user's bundle.
            errors += self._merged(
                state,
                shard,
                "Shard",
                f"{name}-merged-ca-bundle",
                [f"{name}-server", spec["caBundleSecretRef"]["name"]],
                {SHARD_LABEL: name},
            )
        if root_spec.get("clientCABundleRef") or spec.get("clientCABundleRef"):
            sources = [ca_name(root_name, "client")] + [
                s["name"] for s in (root_spec.get("clientCABundleRef"), spec.get("clientCABundleRef")) if s
            ]
            errors += self._merged(state, shard, "Shard", f"{name}-merged-client-ca", sources, {SHARD_LABEL: name})
        if spec.get("kcpVirtualWorkspace"):
            errors.append(
                f"failed to find associated VirtualWorkspace {spec['kcpVirtualWorkspace'].get('name')}: not modelled by the rehearsal"
            )
        shards = _children(api, namespace, root_name)
        revisions = _certificate_revisions(captured)
        if revisions is not None and not spec.get("kcpVirtualWorkspace"):
            compiled = _compiled(
                shard,
                DEPLOY_API_VERSION,
                "CompiledShard",
                revisions,
                {SHARD_LABEL: name, ROOTSHARD_LABEL: root_name},
                {"shard": clone(spec), "rootShard": {"name": root_name, "spec": clone(root_spec)}, "shards": shards},
            )
            self._ensure(state, compiled, shard, owner_kind="Shard")
        self._shard_status(state, shard, [condition])
        if errors:
            raise _Retry("; ".join(errors))
        return None

    def _shard_status(self, state: _ClusterState, shard: dict, conditions: list[dict]) -> None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go reconcileStatus, quirk included (issue 9 defect 4).

        Once the Shard's Bundle is Ready, `isBundled` holds and the CompiledShard's Available condition is no longer
        added: the Shard keeps the Available condition it had, with the observedGeneration of the last spec it saw
        before the bundle was ready. After any later spec change that condition stays behind the generation.
        """
        status, bundled, available, bundle = _owner_conditions(state, shard, conditions, "CompiledShard")
        # Unlike the RootShard and FrontProxy controllers, the Shard controller checks Available before deletion.
        if available is not None and available["status"] == "True":
            status["phase"] = "Running"
        elif shard["metadata"].get("deletionTimestamp"):
            status["phase"] = "Deleting"
        elif bundled:
            status["phase"] = "Bundled"
        elif (bundle is not None and bundle["status"] != "True") or not status.get("phase"):
            status["phase"] = "Provisioning"
        self._write_status(state, shard, status)

    def _reconcile_frontproxy(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/frontproxy/controller.go Reconcile."""
        api = state.cluster.api
        fp = api.get(OPERATOR_GROUP, "FrontProxy", namespace, name)
        if fp is None:
            return None
        spec = fp.get("spec") or {}
        errors: list[str] = []
        self._ensure_bundle(state, fp, "FrontProxy")
        condition, root = _fetch_root_shard(api, namespace, ((spec.get("rootShard") or {}).get("ref") or {}).get("name"))
        if root is None:
            self._frontproxy_status(state, fp, [condition])
            return None
        root_name, _, root_spec = _identity(root)
        shards = _children(api, namespace, root_name)
        captured: list[dict | None] = []
        try:
            captured = self._proxy_pki(state, root, fp)
        except _Retry as error:
            errors.append(f"failed to reconcile: {error}")
        # A proxy PKI that stopped early captured nothing, and no Certificates count as all Ready (v0.9.0 does the same).
        revisions = _certificate_revisions(captured)
        if revisions is not None:
            compiled = _compiled(
                fp,
                DEPLOY_API_VERSION,
                "CompiledFrontProxy",
                revisions,
                {FRONT_PROXY_LABEL: name, ROOTSHARD_LABEL: root_name},
                {"frontProxy": clone(spec), "rootShard": {"name": root_name, "spec": clone(root_spec)}, "shards": shards},
            )
            self._ensure(state, compiled, fp, owner_kind="FrontProxy")
        self._frontproxy_status(state, fp, [condition])
        if errors:
            raise _Retry("; ".join(errors))
        return None

    def _frontproxy_status(self, state: _ClusterState, fp: dict, conditions: list[dict]) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/frontproxy/controller.go reconcileStatus.
        status, bundled, available, bundle = _owner_conditions(state, fp, conditions, "CompiledFrontProxy")
        status["phase"] = _owner_phase(fp, bundled, available, bundle)
        self._write_status(state, fp, status)

    def _proxy_pki(self, state: _ClusterState, root: dict, fp: dict | None) -> list[dict | None]:
        """kcp-dev/kcp-operator@v0.9.0:internal/resources/frontproxy/reconciler.go Reconcile: CA bundle Secrets first
        (a missing source CA stops it
        before any Certificate), then the three Certificates; returns them as they were (for their readiness)."""
        api = state.cluster.api
        root_name, namespace, root_spec = _identity(root)
        fp_name = fp["metadata"]["name"] if fp else None
        fp_spec = (fp or {}).get("spec") or {}
        names = proxy_names(root_name, fp_name)
        owner, owner_kind = (fp, "FrontProxy") if fp else (root, "RootShard")
        client_sources = [ca_name(root_name, "client")]
        client_sources += [
            ref["name"] for ref in (root_spec.get("clientCABundleRef"), fp_spec.get("clientCABundleRef") if fp else None) if ref
        ]
        client_cas = [_tls_crt(api, namespace, s) for s in client_sources]
        if any(c is None for c in client_cas):
            missing = client_sources[client_cas.index(None)]
            raise _Retry(f'failed to fetch ClientCA certificate: secrets "{missing}" not found')
        labels = {FRONT_PROXY_LABEL: fp_name} if fp_name else {ROOTSHARD_LABEL: root_name}
        secrets = [(names["merged-client-ca"], _merge_pem(client_cas))]
        ca_bundle = fp_spec.get("caBundleSecretRef") if fp else root_spec.get("caBundleSecretRef")
        if ca_bundle:
            server_ca, user = _tls_crt(api, namespace, ca_name(root_name, "server")), _tls_crt(api, namespace, ca_bundle["name"])
            if server_ca is None:
                raise _Retry(f'failed to fetch ServerCA certificate: secrets "{ca_name(root_name, "server")}" not found')
            if user is None:
                raise _Retry(f'failed to fetch user CA bundle: secrets "{ca_bundle["name"]}" not found')
            secrets.append((names["merged-ca-bundle"], _merge_pem([server_ca, user])))
        for secret, data in secrets:
            self._ensure_secret(state, namespace, secret, {"tls.crt": data}, dict(labels), owner, owner_kind)
        return [self._ensure(state, c, owner, owner_kind=owner_kind) for c in proxy_certificates(root, fp)]

    def _merged(self, state: _ClusterState, owner: dict, owner_kind: str, secret: str, sources: list[str], labels: dict) -> list[str]:
        # rootshard/ca_bundle.go, shard/ca_bundle.go: the sources' tls.crt joined by newlines; a missing source is an error.
        api = state.cluster.api
        namespace = owner["metadata"]["namespace"]
        parts = []
        for source in sources:
            value = _tls_crt(api, namespace, source)
            if value is None:
                return [f'failed to get secret {source}: secrets "{source}" not found or has no tls.crt']
            parts.append(value)
        self._ensure_secret(state, namespace, secret, {"tls.crt": _merge_pem(parts)}, labels, owner, owner_kind)
        return []

    def _reconcile_kubeconfig(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/kubeconfig/controller.go Reconcile: client Certificate, then the kubeconfig Secret.

        Neither carries an ownerReference in v0.9.0, so nothing they do wakes this controller: while the
        Certificate or the server CA is not Ready it polls every 5 s (RequeueAfter).
        """
        api = state.cluster.api
        kc = api.get(OPERATOR_GROUP, "Kubeconfig", namespace, name)
        if kc is None:
            return None
        spec = kc.get("spec") or {}
        target = spec.get("target") or {}
        status = clone(kc.get("status") or {})
        status["targetName"] = next(
            (
                f"{k}/{target[f]['name']}"
                for f, k in (("rootShardRef", "RootShard"), ("shardRef", "Shard"), ("frontProxyRef", "FrontProxy"))
                if (target.get(f) or {}).get("name")
            ),
            "",
        )
        conditions: list[dict] = []
        try:
            root, shard, fp, ca_bundle = _kubeconfig_target(api, namespace, target)
        except _Retry as error:
            conditions.append(_condition("ReferenceValid", "False", "ReferenceNotFound", str(error)))
            self._kubeconfig_status(state, kc, status, conditions)
            raise
        conditions.append(_condition("ReferenceValid", "True", "ReferenceValid", "Target reference is valid"))
        root_name = root["metadata"]["name"]
        self._ensure(state, kubeconfig_certificate(kc, ca_name(root_name, "client")), None)
        client_secret = _certificate_secret(api, namespace, f"kubeconfig-cert-{name}")
        if client_secret is None:
            conditions.append(_condition("Available", "False", "ClientCertificateSecretNotReady", "Server CA certificate is not ready yet"))
            self._kubeconfig_status(state, kc, status, conditions)
            return 5.0
        server_ca = _certificate_secret(api, namespace, ca_name(root_name, "server"))
        if server_ca is None:
            conditions.append(_condition("Available", "False", "ServerCASecretNotReady", "Server CA certificate is not ready yet"))
            self._kubeconfig_status(state, kc, status, conditions)
            return 5.0
        text = _kubeconfig_secret_text(kc, root, shard, fp, server_ca, client_secret, ca_bundle)
        secret = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": (spec.get("secretRef") or {}).get("name", ""), "namespace": namespace},
            "data": {"kubeconfig": base64.b64encode(text.encode()).decode()},
            "type": "Opaque",
        }
        self._ensure(state, secret, None, merge_labels=True)
        conditions.append(_condition("Available", "True", "SecretsReady", "Client certificate and server CA secrets are ready"))
        self._kubeconfig_status(state, kc, status, conditions)
        return None

    def _kubeconfig_status(self, state: _ClusterState, kc: dict, status: dict, conditions: list[dict]) -> None:
        # kcp-dev/kcp-operator@v0.9.0:pkg/controller/kubeconfig/controller.go reconcileStatus.
        now = _timestamp(state.cluster.now)
        generation = kc["metadata"].get("generation", 0)
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        reference = _find(current, "ReferenceValid")
        status["phase"] = "Provisioning" if reference is None else ("Ready" if reference["status"] == "True" else "Failed")
        self._write_status(state, kc, status)

    def _reconcile_bundle(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go reconcile (only registered with the ConfigurationBundle gate).

        It watches Bundles, the Secrets and ConfigMaps they own, and RootShards, Shards and FrontProxies (mapped to
        the Bundles targeting them) - not the bundled objects: a renewed certificate reaches the bundle Secret only
        on one of those events or an informer resync.
        """
        api = state.cluster.api
        bundle = api.get(OPERATOR_GROUP, "Bundle", namespace, name)
        if bundle is None:
            return None
        status = clone(bundle.get("status") or {})
        status.setdefault("objects", [])
        target = (bundle.get("spec") or {}).get("target") or {}
        errors: list[str] = []
        conditions: list[dict] = []
        target_kind = next(
            (
                k
                for f, k in (("rootShardRef", "RootShard"), ("shardRef", "Shard"), ("frontProxyRef", "FrontProxy"))
                if target.get(f) is not None
            ),
            "",
        )
        target_name = (
            target.get({"RootShard": "rootShardRef", "Shard": "shardRef", "FrontProxy": "frontProxyRef"}.get(target_kind, "")) or {}
        ).get("name", "")
        owner = api.peek((OPERATOR_GROUP, target_kind, namespace, target_name)) if target_kind else None
        if not target_kind:
            errors.append("bundle has no target reference")
        required: list[tuple[str, str]] = []
        if owner is not None:
            if target_kind == "RootShard":
                required = bundle_objects("RootShard", owner, target_name)
            else:
                root_ref = (((owner.get("spec") or {}).get("rootShard") or {}).get("ref") or {}).get("name")
                if root_ref and api.peek((OPERATOR_GROUP, "RootShard", namespace, root_ref)) is not None:
                    required = bundle_objects(target_kind, owner, root_ref)
                elif root_ref:
                    errors.append(
                        f'failed to get RootShard for {target_kind} {target_name}: rootshards.operator.kcp.io "{root_ref}" not found'
                    )
        if owner is None:
            conditions.append(_condition("Ready", "False", "TargetNotFound", f"Target object {target_name} not found"))
        else:
            objects = [self._check_object(api, namespace, resource, obj_name) for resource, obj_name in required]
            status["objects"] = objects
            not_ready = sum(1 for o in objects if o["state"] != "Ready")
            if not not_ready:
                conditions.append(_condition("Ready", "True", "BundleReady", f"All {len(required)} required objects are ready"))
                try:
                    self._write_bundle_secret(state, bundle, required)
                    conditions.append(_condition("ObjectsCreated", "True", "ObjectsCreated", "Bundle objects created successfully"))
                except _Retry as error:
                    errors.append(f"failed to create bundle objects: {error}")
                    conditions.append(_condition("ObjectsCreated", "False", "CreationFailed", f"Failed to create bundle objects: {error}"))
            else:
                conditions.append(_condition("Ready", "False", "ObjectsNotReady", f"{not_ready} of {len(required)} objects are not ready"))
                conditions.append(
                    _condition(
                        "ObjectsCreated",
                        "False",
                        "WaitingForObjects",
                        "Waiting for all required objects to be ready before creating bundle objects",
                    )
                )
        # updateStatus: its own updateCondition (reason and message always refreshed); the state never leaves Ready.
        now, generation = _timestamp(state.cluster.now), bundle["metadata"].get("generation", 0)
        current = list(status.get("conditions") or [])
        for condition in conditions:
            current = _bundle_update_condition(current, {**condition, "observedGeneration": generation}, now)
        status["conditions"] = current
        status["targetName"] = f"{target_kind}/{target_name}" if target_kind else ""
        ready = _find(current, "Ready")
        if ready is not None and ready["status"] == "True":
            status["state"] = "Ready"
        elif bundle["metadata"].get("deletionTimestamp"):
            status["state"] = "Deleting"
        elif not status.get("state"):
            status["state"] = "Provisioning"
        self._write_status(state, bundle, {k: status[k] for k in ("state", "targetName", "objects", "conditions") if k in status})
        if errors:
            raise _Retry("; ".join(errors))
        return None

    @staticmethod
    def _check_object(api: Any, namespace: str, resource: str, name: str) -> dict:
        # checkObject: present means Ready; nothing else is checked.
        out = {"object": bundle_object_string(resource, namespace, name)}
        kind = BUNDLE_RESOURCES.get(resource)
        if kind is None:
            return {**out, "state": "NotReady", "message": f"unsupported resource type: {resource}"}
        if api.peek((kind[0], kind[2], namespace, name)) is None:
            return {**out, "state": "NotReady", "message": "object not found"}
        return {**out, "state": "Ready"}

    def _write_bundle_secret(self, state: _ClusterState, bundle: dict, required: list[tuple[str, str]]) -> None:
        # createBundleObjects + generateBundleData + bundleSecretReconciler: the Secret `<bundle>` owned by the Bundle.
        api = state.cluster.api
        namespace = bundle["metadata"]["namespace"]
        data: dict[str, bytes] = {}
        for resource, name in required:
            group, version, kind = BUNDLE_RESOURCES[resource]
            live = api.peek((group, kind, namespace, name))
            if live is None:
                raise _Retry(f"failed to get required object {bundle_object_string(resource, namespace, name)}: not found")
            data[bundle_key(group=group, version=version, resource=resource, namespace=namespace, name=name)] = bundle_value(live)
        if not data:
            raise _Retry("no objects collected for bundle")
        key = ("", "Secret", namespace, bundle["metadata"]["name"])
        before = (api.peek(key) or {}).get("data")
        # bundleSecretReconciler sets secret.Data wholesale.
        self._ensure_secret(state, namespace, bundle["metadata"]["name"], data, {}, bundle, "Bundle", replace_data=True)
        after = (api.peek(key) or {}).get("data")
        if before is not None and before != after:
            updated = state.changes.get(("updated", "Secret"), [])
            if key[3] in updated:
                updated.remove(key[3])
                if not updated:
                    del state.changes[("updated", "Secret")]
            state.cluster.log(ACTOR, f"refreshed {describe(key)} ({len(data)} objects)", key)

    # -- workload controllers --------------------------------------------------------------------------------------

    def _reconcile_compiled_rootshard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """`<root>-kcp` Deployment and Service, then the root proxy's ConfigMap, Secret, Deployment and Service.

        kcp-dev/kcp-operator@v0.9.0:pkg/controller/compiledrootshard/controller.go reconcile.
        """
        compiled = state.cluster.api.get(DEPLOY_GROUP, "CompiledRootShard", namespace, name)
        if compiled is None:
            return None
        spec = (compiled.get("spec") or {}).get("rootShard") or {}
        shards = (compiled.get("spec") or {}).get("shards") or []
        bundled = is_bundled(compiled)
        current = _replicas(state.cluster.api, namespace, f"{name}-kcp")
        deployment = root_shard_deployment(name, namespace, spec, shards, bundled=bundled, current_replicas=current)
        self._ensure_workload(state, deployment, compiled, "CompiledRootShard")
        self._ensure(state, root_shard_service(name, namespace, spec), compiled, owner_kind="CompiledRootShard")
        self._proxy_workloads(state, compiled, "CompiledRootShard", name, namespace, spec, None, None, shards, bundled)
        self._compiled_status(state, compiled, f"{name}-kcp", reset_phase=True)
        return None

    def _reconcile_compiled_shard(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/compiledshard/controller.go: `<shard>-shard-kcp` Deployment and Service."""
        compiled = state.cluster.api.get(DEPLOY_GROUP, "CompiledShard", namespace, name)
        if compiled is None:
            return None
        cspec = compiled.get("spec") or {}
        root = cspec.get("rootShard") or {}
        current = _replicas(state.cluster.api, namespace, f"{name}-shard-kcp")
        deployment = shard_deployment(
            name,
            namespace,
            cspec.get("shard") or {},
            root.get("name", ""),
            root.get("spec") or {},
            cspec.get("shards") or [],
            bundled=is_bundled(compiled),
            current_replicas=current,
        )
        self._ensure_workload(state, deployment, compiled, "CompiledShard")
        self._ensure(state, shard_service(name, namespace, cspec.get("shard") or {}), compiled, owner_kind="CompiledShard")
        self._compiled_status(state, compiled, f"{name}-shard-kcp", reset_phase=False)
        return None

    def _reconcile_compiled_frontproxy(self, state: _ClusterState, namespace: str, name: str) -> float | None:
        """kcp-dev/kcp-operator@v0.9.0:pkg/controller/compiledfrontproxy/controller.go."""
        compiled = state.cluster.api.get(DEPLOY_GROUP, "CompiledFrontProxy", namespace, name)
        if compiled is None:
            return None
        cspec = compiled.get("spec") or {}
        root = cspec.get("rootShard") or {}
        self._proxy_workloads(
            state,
            compiled,
            "CompiledFrontProxy",
            root.get("name", ""),
            namespace,
            root.get("spec") or {},
            name,
            cspec.get("frontProxy") or {},
            cspec.get("shards") or [],
            is_bundled(compiled),
        )
        self._compiled_status(state, compiled, f"{name}-front-proxy", reset_phase=True)
        return None

    def _proxy_workloads(
        self,
        state: _ClusterState,
        owner: dict,
        owner_kind: str,
        root_name: str,
        namespace: str,
        root_spec: dict,
        fp_name: str | None,
        fp_spec: dict | None,
        shards: list[str],
        bundled: bool,
    ) -> None:
        # compiledfrontproxy/reconciler.go Reconcile: ConfigMap, dynamic kubeconfig, Deployment, Service.
        self._ensure(state, proxy_config(root_name, namespace, root_spec, fp_name, fp_spec), owner, owner_kind=owner_kind)
        secret, document = proxy_dynamic_kubeconfig(root_name, namespace, root_spec, fp_name)
        text = _document_yaml(document)
        labels = resource_labels(fp_name, "front-proxy") if fp_name else resource_labels(root_name, "rootshard-proxy")
        self._ensure_secret(state, namespace, secret, {"kubeconfig": text.encode()}, labels, owner, owner_kind)
        deployment_name = proxy_names(root_name, fp_name)["deployment"]
        deployment = proxy_deployment(
            root_name,
            namespace,
            root_spec,
            fp_name,
            fp_spec,
            shard_names=shards,
            bundled=bundled,
            current_replicas=_replicas(state.cluster.api, namespace, deployment_name),
        )
        self._ensure_workload(state, deployment, owner, owner_kind)
        self._ensure(state, proxy_service(root_name, namespace, root_spec, fp_name, fp_spec), owner, owner_kind=owner_kind)

    def _ensure_workload(self, state: _ClusterState, deployment: dict, owner: dict, owner_kind: str) -> None:
        """Write a Deployment with the revision label of every Secret and ConfigMap it mounts.

        kcp-dev/kcp-operator@v0.9.0:pkg/reconciling/modifier/revision_labels.go RelatedRevisionsLabels: a mounted
        object that does not exist yet
        fails the Deployment with ErrMountNotFound, which the compiled controllers swallow; their watch on all
        Secrets in the namespace retries it once the Secret appears.
        """
        api = state.cluster.api
        namespace = deployment["metadata"]["namespace"]
        pod = deployment["spec"]["template"]
        labels = dict(pod["metadata"].get("labels") or {})
        for resource, kind, name, optional in _pod_references(pod["spec"]):
            label = revision_label(resource, name)
            if label in labels:
                continue
            live = api.peek(("", kind, namespace, name))
            if live is None:
                if optional:
                    continue
                return
            labels[label] = live["metadata"]["resourceVersion"]
        pod["metadata"]["labels"] = labels
        self._ensure(state, deployment, owner, owner_kind=owner_kind)

    def _compiled_status(self, state: _ClusterState, compiled: dict, deployment: str, *, reset_phase: bool) -> None:
        # Compiled*Reconciler.reconcileStatus: Available from the Deployment (util.GetDeploymentAvailableCondition).
        api, now = state.cluster.api, _timestamp(state.cluster.now)
        namespace = compiled["metadata"]["namespace"]
        status = clone(compiled.get("status") or {})
        condition = _deployment_available(api.peek(("apps", "Deployment", namespace, deployment)), f"{namespace}/{deployment}")
        current = _update_condition(
            list(status.get("conditions") or []), {**condition, "observedGeneration": compiled["metadata"].get("generation", 0)}, now
        )
        status["conditions"] = current
        available = _find(current, "Available")
        if available is not None and available["status"] == "True":
            status["phase"] = "Running"
        elif compiled["metadata"].get("deletionTimestamp"):
            status["phase"] = "Deleting"
        elif reset_phase or not status.get("phase"):
            # CompiledShard only fills an empty phase; CompiledRootShard and CompiledFrontProxy fall back to Provisioning.
            status["phase"] = "Provisioning"
        self._write_status(state, compiled, status)


_RECONCILERS: dict[str, Callable[[KcpOperator, _ClusterState, str, str], float | None]] = {
    "rootshard": KcpOperator._reconcile_rootshard,
    "frontproxy": KcpOperator._reconcile_frontproxy,
    "shard": KcpOperator._reconcile_shard,
    "kubeconfig": KcpOperator._reconcile_kubeconfig,
    "bundle": KcpOperator._reconcile_bundle,
    "compiled-rootshard": KcpOperator._reconcile_compiled_rootshard,
    "compiled-frontproxy": KcpOperator._reconcile_compiled_frontproxy,
    "compiled-shard": KcpOperator._reconcile_compiled_shard,
}


# -- helpers of the controllers --------------------------------------------------------------------------------------


def operator_flags(args: Iterable[str]) -> tuple[bool, set[str]]:
    """(ConfigurationBundle on, enabled controller groups) from the operator's command line.

    kcp-dev/kcp-operator@v0.9.0:pkg/config/featuregates.go (ConfigurationBundle, default off; the Bundle controller
    is registered only when on: kcp-dev/kcp-operator@v0.9.0:pkg/controller/setup.go AddConfigControllers) and
    kcp-dev/kcp-operator@v0.9.0:cmd/operator/main.go run `--enabled-controller-groups` (default config,workload).
    """
    gate, groups = False, {"config", "workload"}
    items = list(args)
    for index, arg in enumerate(items):
        for flag in ("--feature-gates", "--enabled-controller-groups"):
            value = None
            if arg.startswith(flag + "="):
                value = arg.split("=", 1)[1]
            elif arg == flag and index + 1 < len(items):
                value = items[index + 1]
            if value is None:
                continue
            if flag == "--feature-gates":
                for pair in value.split(","):
                    gate_name, _, setting = pair.partition("=")
                    if gate_name.strip() == "ConfigurationBundle":
                        gate = setting.strip().lower() == "true"
            else:
                groups = {g.strip() for g in value.split(",") if g.strip()}
    return gate, groups


def _requests_for(state: _ClusterState, group: str, kind: str, namespace: str, name: str, obj: dict) -> Iterator[Request]:
    """The reconcile requests one watch event produces, per v0.9.0's SetupWithManager of each controller.

    kcp-dev/kcp-operator@v0.9.0:pkg/controller/{rootshard,shard,frontproxy,kubeconfig,bundle,compiledrootshard,
    compiledshard,compiledfrontproxy}/controller.go SetupWithManager: For, Owns (controller ownerReference) and the
    Watches mapped by util.EnqueueMapped / util.EnqueueAllInNamespace (pkg/controller/util/util.go).
    """
    api = state.cluster.api
    for controller, (for_group, for_kind) in _FOR_KIND.items():
        if (group, kind) == (for_group, for_kind):
            yield controller, namespace, name
    owner = next((r for r in (obj.get("metadata") or {}).get("ownerReferences") or [] if r.get("controller")), None)
    if owner is not None:
        owner_gk = (group_of(owner.get("apiVersion", "")), owner.get("kind", ""))
        for controller, owned in _OWNS.items():
            if (group, kind) in owned and _FOR_KIND[controller] == owner_gk:
                yield controller, namespace, owner.get("name", "")
    if (group, kind) == (OPERATOR_GROUP, "RootShard"):
        # shard and frontproxy controllers: Watches(RootShard) -> the Shards / FrontProxies referencing it.
        for shard in api.iter(OPERATOR_GROUP, "Shard", namespace):
            if _root_ref(shard) == name:
                yield "shard", namespace, shard["metadata"]["name"]
        for fp in api.iter(OPERATOR_GROUP, "FrontProxy", namespace):
            if _root_ref(fp) == name:
                yield "frontproxy", namespace, fp["metadata"]["name"]
    elif (group, kind) == (OPERATOR_GROUP, "Shard") and _root_ref(obj):
        yield "rootshard", namespace, _root_ref(obj)  # rootshard controller: Watches(Shard) -> its RootShard
    if (group, kind) in ((OPERATOR_GROUP, "RootShard"), (OPERATOR_GROUP, "Shard"), (OPERATOR_GROUP, "FrontProxy")):
        ref_field = {"RootShard": "rootShardRef", "Shard": "shardRef", "FrontProxy": "frontProxyRef"}[kind]
        # kubeconfig controller mapKubeconfigs (every namespace) and bundle controller handlers (same namespace).
        for kc in api.iter(OPERATOR_GROUP, "Kubeconfig"):
            if (((kc.get("spec") or {}).get("target") or {}).get(ref_field) or {}).get("name") == name:
                yield "kubeconfig", kc["metadata"].get("namespace", ""), kc["metadata"]["name"]
        for bundle in api.iter(OPERATOR_GROUP, "Bundle", namespace):
            if (((bundle.get("spec") or {}).get("target") or {}).get(ref_field) or {}).get("name") == name:
                yield "bundle", namespace, bundle["metadata"]["name"]
    if (group, kind) == ("", "Secret"):
        # util.EnqueueAllInNamespace: the compiled controllers retry every compiled object of the namespace.
        for controller, compiled_kind in (
            ("compiled-rootshard", "CompiledRootShard"),
            ("compiled-frontproxy", "CompiledFrontProxy"),
            ("compiled-shard", "CompiledShard"),
        ):
            for compiled in api.iter(DEPLOY_GROUP, compiled_kind, namespace):
                yield controller, namespace, compiled["metadata"]["name"]


def _root_ref(obj: dict) -> str:
    return (((obj.get("spec") or {}).get("rootShard") or {}).get("ref") or {}).get("name") or ""


def _for_key(controller: str, namespace: str, name: str) -> Key:
    group, kind = _FOR_KIND[controller]
    return group, kind, namespace, name


def _owner_ref(owner: dict, kind: str) -> dict:
    # metav1.NewControllerRef.
    return {
        "apiVersion": owner.get("apiVersion", ""),
        "kind": kind or owner.get("kind", ""),
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"].get("uid", ""),
        "controller": True,
        "blockOwnerDeletion": True,
    }


def _keep_live_fields(live: dict, desired: dict, *, merge_labels: bool, replace_data: bool) -> dict:
    """What k8c.io/reconciler's reconcilers leave alone when they mutate the existing object: annotations (they only
    add), fields the API server or other controllers filled in (Service clusterIP, nodePorts, Deployment defaults),
    and, for Secrets, labels and data keys they do not set. The Compiled* objects are the exception: their labels and
    annotations are cloned from the source object (internal/resources/shard/compiled.go CompiledShardReconciler)."""
    meta, live_meta = desired["metadata"], live.get("metadata") or {}
    annotations = {**(live_meta.get("annotations") or {}), **(meta.get("annotations") or {})}
    if annotations and group_of(desired.get("apiVersion", "")) != DEPLOY_GROUP:
        meta["annotations"] = annotations
    if merge_labels:
        labels = {**(live_meta.get("labels") or {}), **(meta.get("labels") or {})}
        if labels:
            meta["labels"] = labels
    if desired.get("kind") == "Secret" and not replace_data:
        desired["data"] = {**(live.get("data") or {}), **(desired.get("data") or {})}
    if desired.get("kind") in ("Service", "Deployment") and isinstance(live.get("spec"), dict):
        spec = desired.setdefault("spec", {})
        for field_name, value in live["spec"].items():
            spec.setdefault(field_name, clone(value))
        if desired["kind"] == "Service":
            by_name = {p.get("name"): p for p in live["spec"].get("ports") or []}
            for port in spec.get("ports") or []:
                for field_name in ("nodePort",):
                    if field_name in by_name.get(port.get("name"), {}):
                        port.setdefault(field_name, by_name[port["name"]][field_name])
    return desired


def _spec_changed(old: dict, new: dict) -> bool:
    return {k: v for k, v in old.items() if k not in ("metadata", "status")} != {
        k: v for k, v in new.items() if k not in ("metadata", "status")
    }


def _replicas(api: Any, namespace: str, name: str) -> int | None:
    live = api.peek(("apps", "Deployment", namespace, name))
    return None if live is None else (live.get("spec") or {}).get("replicas")


def _children(api: Any, namespace: str, root: str) -> list[str]:
    # util.GetRootShardChildren: the shards of a root shard, sorted by name.
    return sorted(s["metadata"]["name"] for s in api.iter(OPERATOR_GROUP, "Shard", namespace) if _root_ref(s) == root)


def _pod_references(pod: dict) -> Iterator[tuple[str, str, str, bool]]:
    # revision_labels.go getRelatedRevisionLabels: Secret and ConfigMap volumes (never optional), then env and envFrom.
    for volume in pod.get("volumes") or []:
        if volume.get("secret"):
            yield "secret", "Secret", volume["secret"].get("secretName", ""), False
        if volume.get("configMap"):
            yield "configmap", "ConfigMap", volume["configMap"].get("name", ""), False
    for container in [*(pod.get("initContainers") or []), *(pod.get("containers") or [])]:
        for env in container.get("env") or []:
            source = env.get("valueFrom") or {}
            if source.get("configMapKeyRef"):
                yield "configmap", "ConfigMap", source["configMapKeyRef"].get("name", ""), bool(source["configMapKeyRef"].get("optional"))
            if source.get("secretKeyRef"):
                yield "secret", "Secret", source["secretKeyRef"].get("name", ""), bool(source["secretKeyRef"].get("optional"))
        for env_from in container.get("envFrom") or []:
            if env_from.get("configMapRef"):
                yield "configmap", "ConfigMap", env_from["configMapRef"].get("name", ""), bool(env_from["configMapRef"].get("optional"))
            if env_from.get("secretRef"):
                yield "secret", "Secret", env_from["secretRef"].get("name", ""), bool(env_from["secretRef"].get("optional"))


def _tls_crt(api: Any, namespace: str, name: str) -> bytes | None:
    secret = api.peek(("", "Secret", namespace, name))
    value = ((secret or {}).get("data") or {}).get("tls.crt")
    return None if value is None else base64.b64decode(value)


def _merge_pem(parts: list[bytes | None]) -> bytes:
    # utils/certificates.go MergeCertificates: non-empty parts joined by a newline.
    return b"\n".join(p for p in parts if p)


def _certificate_revisions(captured: list[dict | None]) -> dict[str, str] | None:
    """util.CertificateRevisions: name -> status.revision of every Certificate, or None while one is not Ready.

    `captured` holds the Certificates as they were before this reconcile wrote them (modifier.Capture), so a
    Certificate created just now counts as not Ready.
    """
    revisions = {}
    for cert in captured:
        if cert is None:
            return None
        ready = next((c for c in (cert.get("status") or {}).get("conditions") or [] if c.get("type") == "Ready"), None)
        if ready is None or ready.get("status") != "True":
            return None
        revisions[cert["metadata"]["name"]] = str((cert.get("status") or {}).get("revision") or 0)
    return revisions


def _compiled(source: dict, api_version: str, kind: str, revisions: dict[str, str], labels: dict, spec: dict) -> dict:
    """A Compiled* render input (internal/resources/{rootshard,shard,frontproxy}/compiled.go): the source's labels and
    annotations, `operator.kcp.io/cert-<name>-revision` per Certificate, the bundle annotation, the resolved specs."""
    meta = source.get("metadata") or {}
    annotations = dict(meta.get("annotations") or {})
    annotations.update({f"{OPERATOR_GROUP}/cert-{name}-revision": rev for name, rev in revisions.items()})
    if not is_bundled(source):
        annotations.pop(BUNDLE_ANNOTATION, None)
    return {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {
            "name": meta["name"],
            "namespace": meta.get("namespace", ""),
            "labels": {**(meta.get("labels") or {}), **labels},
            "annotations": annotations,
        },
        "spec": spec,
    }


def _condition(type_: str, status: str, reason: str, message: str) -> dict:
    return {"type": type_, "status": status, "reason": reason, "message": message}


def _find(conditions: list[dict], type_: str) -> dict | None:
    return next((c for c in conditions if c.get("type") == type_), None)


def _update_condition(conditions: list[dict], new: dict, now: str) -> list[dict]:
    """kcp-dev/kcp-operator@v0.9.0:pkg/controller/util/util.go UpdateCondition: only a new condition, a status change
    or a new observedGeneration
    is written (then through apimeta.SetStatusCondition); the transition time moves only when the status does."""
    conditions = [dict(c) for c in conditions]
    existing = _find(conditions, new["type"])
    if (
        existing is not None
        and existing.get("observedGeneration") == new.get("observedGeneration")
        and existing.get("status") == new["status"]
    ):
        return conditions
    transition = existing["lastTransitionTime"] if existing is not None and existing.get("status") == new["status"] else now
    entry = {
        "type": new["type"],
        "status": new["status"],
        "observedGeneration": new.get("observedGeneration", 0),
        "lastTransitionTime": transition,
        "reason": new.get("reason", ""),
        "message": new.get("message", ""),
    }
    if existing is None:
        return [*conditions, entry]
    return [entry if c is existing else c for c in conditions]


def _bundle_update_condition(conditions: list[dict], new: dict, now: str) -> list[dict]:
    # kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go updateCondition: reason, message and generation
    # always; the transition time on a status change.
    conditions = [dict(c) for c in conditions]
    existing = _find(conditions, new["type"])
    if existing is None:
        return [
            *conditions,
            {
                "type": new["type"],
                "status": new["status"],
                "observedGeneration": new.get("observedGeneration", 0),
                "lastTransitionTime": now,
                "reason": new["reason"],
                "message": new["message"],
            },
        ]
    if existing["status"] != new["status"]:
        existing.update(status=new["status"], lastTransitionTime=now)
    existing.update(reason=new["reason"], message=new["message"], observedGeneration=new.get("observedGeneration", 0))
    return conditions


def _bundle_ready_condition(api: Any, owner: dict) -> dict:
    """kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/helpers.go GetBundleReadyCondition."""
    name, namespace, _ = _identity(owner)
    if not is_bundled(owner):
        return _condition("Bundle", "True", "NoBundleRequired", "No bundle annotation present")
    bundle = api.peek((OPERATOR_GROUP, "Bundle", namespace, bundle_name(name)))
    if bundle is None:
        return _condition("Bundle", "False", "BundleNotFound", f"Bundle {bundle_name(name)} not found")
    state = (bundle.get("status") or {}).get("state") or ""
    if state == "Ready":
        return _condition("Bundle", "True", "BundleReady", f"Bundle {bundle_name(name)} is ready")
    return _condition("Bundle", "False", state or "BundleNotReady", f"Bundle {bundle_name(name)} is in state {state}")


def _compiled_available(compiled: dict | None, what: str) -> dict:
    # util.GetCompiledAvailableCondition: adopt the compiled object's Available condition, else "not rendered yet".
    condition = _find(((compiled or {}).get("status") or {}).get("conditions") or [], "Available")
    if condition is not None:
        return _condition("Available", condition["status"], condition.get("reason", ""), condition.get("message", ""))
    return _condition("Available", "False", "DeploymentUnavailable", f"{what} has not been rendered yet.")


def _deployment_available(deployment: dict | None, where: str) -> dict:
    # util.GetDeploymentAvailableCondition / deploymentReady: updated == ready == spec.replicas (0 counts as up).
    if deployment is None:
        return _condition("Available", "False", "DeploymentUnavailable", f"Deployment {where} does not exist.")
    status = deployment.get("status") or {}
    ready = status.get("readyReplicas", 0) or 0
    if (status.get("updatedReplicas", 0) or 0) == ready and ready == ((deployment.get("spec") or {}).get("replicas") or 0):
        return _condition("Available", "True", "ReplicasUp", f"Deployment {where} is fully up and running.")
    return _condition("Available", "False", "ReplicasUnavailable", f"Deployment {where} is not in desired replica state.")


def _fetch_root_shard(api: Any, namespace: str, ref: str | None) -> tuple[dict, dict | None]:
    # util.FetchRootShard.
    if not ref:
        return _condition("RootShard", "False", "InvalidReference", "No valid RootShard defined in spec."), None
    root = api.get(OPERATOR_GROUP, "RootShard", namespace, ref)
    if root is None:
        return _condition(
            "RootShard", "False", "InvalidReference", f'Failed to retrieve RootShard: rootshards.operator.kcp.io "{ref}" not found.'
        ), None
    return _condition("RootShard", "True", "Valid", "RootShard reference is valid."), root


def _kubeconfig_target(api: Any, namespace: str, target: dict) -> tuple[dict, dict | None, dict | None, dict | None]:
    # kcp-dev/kcp-operator@v0.9.0:pkg/controller/kubeconfig/controller.go reconcile: resolve the target and its RootShard.
    def get(kind: str, name: str, what: str) -> dict:
        obj = api.get(OPERATOR_GROUP, kind, namespace, name)
        if obj is None:
            raise _Retry(f'{what}: {kind.lower()}s.operator.kcp.io "{name}" not found')
        return obj

    if (target.get("rootShardRef") or {}).get("name"):
        return get("RootShard", target["rootShardRef"]["name"], "failed to get RootShard"), None, None, None
    if (target.get("shardRef") or {}).get("name"):
        shard = get("Shard", target["shardRef"]["name"], "failed to get Shard")
        if not _root_ref(shard):
            raise _Retry("the Shard does not reference a (valid) RootShard")
        return get("RootShard", _root_ref(shard), "failed to get RootShard"), shard, None, None
    if (target.get("frontProxyRef") or {}).get("name"):
        fp_name = target["frontProxyRef"]["name"]
        fp = api.get(OPERATOR_GROUP, "FrontProxy", namespace, fp_name)
        if fp is None:
            raise _Retry(f"referenced FrontProxy '{fp_name}' does not exist")
        if not _root_ref(fp):
            raise _Retry("the FrontProxy does not reference a (valid) RootShard")
        root = get("RootShard", _root_ref(fp), "failed to get RootShard")
        bundle_ref = ((fp.get("spec") or {}).get("caBundleSecretRef") or {}).get("name")
        ca_bundle = None
        if bundle_ref:
            ca_bundle = api.get("", "Secret", namespace, bundle_ref)
            if ca_bundle is None:
                raise _Retry(f'failed to get CA bundle secret {namespace}/{bundle_ref}: secrets "{bundle_ref}" not found')
        return root, None, fp, ca_bundle
    raise _Retry("no valid target for kubeconfig found")


def _certificate_secret(api: Any, namespace: str, certificate: str) -> dict | None:
    # kubeconfig controller getCertificateSecret: the Secret of a Ready Certificate, else None.
    cert = api.peek(("cert-manager.io", "Certificate", namespace, certificate))
    if cert is None:
        return None
    ready = _find((cert.get("status") or {}).get("conditions") or [], "Ready")
    if ready is None or ready.get("status") != "True":
        return None
    secret = api.peek(("", "Secret", namespace, (cert.get("spec") or {}).get("secretName", "")))
    if secret is None:
        raise _Retry(f'secrets "{cert["spec"].get("secretName")}" not found')
    return secret


def _kubeconfig_secret_text(
    kc: dict, root: dict, shard: dict | None, fp: dict | None, server_ca: dict, client: dict, ca_bundle: dict | None
) -> str:
    """The kubeconfig of a Kubeconfig's Secret: inline client certificate and CA data.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/kubeconfig/secret.go KubeconfigSecretReconciler.
    """
    spec = kc.get("spec") or {}
    user = spec.get("username", "")
    workspace = spec.get("targetWorkspace") or "root"
    ca = _merge_pem([base64.b64decode(s["data"]["tls.crt"]) for s in (server_ca, ca_bundle) if s and (s.get("data") or {}).get("tls.crt")])
    ca_data = base64.b64encode(ca).decode()
    root_name, root_ns, root_spec = _identity(root)
    if fp is not None:
        fp_spec = fp.get("spec") or {}
        external = fp_spec.get("external") or {}
        if external.get("hostname"):
            server = f"https://{external['hostname']}:{external.get('port', 0)}"
        elif fp_spec.get("externalHostname"):
            host = fp_spec["externalHostname"]
            server = f"https://{host}" if re.search(r":\d+$", host) else f"https://{host}:6443"
        else:
            server = f"https://{_external(root_spec)[0]}:{_external(root_spec)[1]}"
        contexts = {"default": ("default", user), "base": ("base", user)}
    else:
        server = (
            shard_base_url(shard["metadata"]["name"], shard["metadata"]["namespace"], shard.get("spec") or {})
            if shard
            else root_shard_base_url(root_name, root_ns, root_spec)
        )
        contexts = {"default": ("default", user), "base": ("base", user), "shard-base": ("base", user)}
    default_url = server.rstrip("/") + "/clusters/" + workspace
    clusters = {
        "base": {"certificate-authority-data": ca_data, "server": server},
        "default": {"certificate-authority-data": ca_data, "server": default_url},
    }
    users = {user: {"client-certificate-data": client["data"].get("tls.crt", ""), "client-key-data": client["data"].get("tls.key", "")}}
    return kubeconfig_yaml(clusters, contexts, users, "default")


def _forget_kcp_shard(cluster: Cluster, name: str) -> None:
    """What the Shard's `operator.kcp.io/cleanup-shard` finalizer does before the Shard goes: delete the kcp Shard
    object `name` from the root workspace (kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go handleDeletion). The in-memory API
    has no finalizers, so this runs on the deletion event."""
    kcp = cluster.fleet.extra.get("kcp")
    forget = getattr(kcp, "forget_shard", None)
    if forget is not None:
        forget(name)
        cluster.log(ACTOR, f"deleted kcp Shard {name} from the root workspace (Shard cleanup)")

def _owner_conditions(state: _ClusterState, owner: dict, conditions: list[dict], compiled_kind: str) -> tuple[dict, bool, dict | None, dict | None]:
    """The conditions each reconcileStatus of v0.9.0 writes on a RootShard, Shard or FrontProxy: the given ones, the
    Bundle condition (pkg/controller/bundle/helpers.go GetBundleReadyCondition) and, unless bundled, the Compiled*
    object's availability; returns (new status, bundled, Available, Bundle)."""
    api, now = state.cluster.api, _timestamp(state.cluster.now)
    name, namespace, _ = _identity(owner)
    generation = owner["metadata"].get("generation", 0)
    status = clone(owner.get("status") or {})
    bundle_condition = _bundle_ready_condition(api, owner)
    conditions = [*conditions, bundle_condition]
    bundled = bundle_condition["status"] == "True" and bundle_condition["reason"] == "BundleReady"
    if not bundled:
        conditions.append(_compiled_available(api.peek((DEPLOY_GROUP, compiled_kind, namespace, name)), f"{compiled_kind} {name}"))
    current = list(status.get("conditions") or [])
    for condition in conditions:
        current = _update_condition(current, {**condition, "observedGeneration": generation}, now)
    status["conditions"] = current
    return status, bundled, _find(current, "Available"), _find(current, "Bundle")


def _owner_phase(owner: dict, bundled: bool, available: dict | None, bundle: dict | None) -> str:
    """The phase rootshard/controller.go and frontproxy/controller.go reconcileStatus derive from those conditions."""
    if owner["metadata"].get("deletionTimestamp"):
        return "Deleting"
    if bundled:
        return "Bundled"
    if bundle is not None and bundle["status"] != "True":
        return "Provisioning"
    if available is not None and available["status"] == "True":
        return "Running"
    return "Provisioning"
