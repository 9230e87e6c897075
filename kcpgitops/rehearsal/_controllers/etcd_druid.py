"""etcd-druid v0.33.0: Etcd resources become a StatefulSet, Services, a ConfigMap and the rest, and report status.

As gardener/etcd-druid@v0.33.0 does it:
- the operator configuration is read once, when the controller starts, from the file its `--config` flag names (the
  chart mounts the `etcd-druid-operator-config` ConfigMap there), or from the deprecated flags
  (`cmd/` and `api/config/v1alpha1`); a changed ConfigMap is seen only after a restart;
- `internal/controller/etcd/reconciler.go` Reconcile(): the spec is reconciled when `enableEtcdSpecAutoReconcile` is
  on, when the Etcd carries `gardener.cloud/operation: reconcile` (or `druid.gardener.cloud/operation`), or when it was
  never reconciled (`shouldReconcileSpec` in `reconcile_spec.go`); otherwise only the status is refreshed and
  `status.observedGeneration` stays behind; after a successful spec reconcile `observedGeneration` follows the
  generation and the annotation is removed (`reconcile_complete.go`); every `etcdStatusSyncPeriod` it runs again;
- the components, in `getOrderedOperatorsForSync` order, owned by the Etcd: ServiceAccount, Role, RoleBinding,
  member and snapshot Leases, PodDisruptionBudget, client Service `<name>-client`, peer Service `<name>-peer`,
  ConfigMap `<name>-config` and the StatefulSet whose pods mount every TLS Secret the spec references (so its pods,
  and the members, are ready only when those Secrets exist: `internal/component/statefulset/builder.go`);
- status as `reconcile_status.go` and `internal/health` write it: members, the Ready, AllMembersReady,
  AllMembersUpdated and DataVolumesReady conditions (BackupReady only with a backup store), ready, readyReplicas,
  replicas, currentReplicas, etcd, selector; lastOperation {type, state, description, runID, lastUpdateTime} and
  lastErrors as `internal/controller/utils/etcdstatus.go` records them; a failed sync is state Error and is retried.

Simplified: member leases are not renewed by a backup-restore sidecar; a member is Ready while its pod is ready and
turns Unknown, then NotReady, after the thresholds once it is not. Timestamps and the run ID only change when
something else in the status does (upstream rewrites them every sync period), so an idle cluster stays idle.
`inject_conflict` makes the next spec reconciles fail like a lost optimistic-concurrency race, for scenarios.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field

import yaml

from kcpgitops.yaml_cache import SAFE_LOADER

from .._api import ApiError, Key, describe, key_of, stored_json
from .._world import Cluster
from .workloads import QuietGate, go_duration, pod_blockers, rfc3339, running_marker

__all__ = ["EtcdDruid", "operator_config"]

ACTOR = "etcd-druid"
GROUP = "druid.gardener.cloud"
_RECONCILE = ("druid.gardener.cloud/operation", "gardener.cloud/operation")
_SUSPEND = "druid.gardener.cloud/suspend-etcd-spec-reconcile"
_NO_RUNTIME = "druid.gardener.cloud/disable-etcd-runtime-component-creation"
# internal/images/images.yaml at v0.33.0.
_ETCD_IMAGE = "europe-docker.pkg.dev/gardener-project/public/gardener/etcd-wrapper:v0.5.2"
_BACKUP_IMAGE = "europe-docker.pkg.dev/gardener-project/public/gardener/etcdbrctl:v0.39.0"
_QUANTITY = re.compile(r"^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$")
_DUMPED: dict[str, str] = {}
_UNITS = {
    None: 1,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "Pi": 2**50,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "P": 10**15,
}


def operator_config(cluster: Cluster, namespace: str = "etcd-druid", deployment: str = "etcd-druid") -> dict:
    """The settings the druid Deployment would start with: spec auto-reconcile, status sync period, member thresholds."""
    # The chart's Deployment passes --config=/etc/etcd-druid/config/config.yaml and mounts the ConfigMap
    # etcd-druid-operator-config there (charts/templates/deployment.yaml); without --config the deprecated flags rule.
    out = {"enableEtcdSpecAutoReconcile": False, "etcdStatusSyncPeriod": 15.0, "notReadyThreshold": 300.0, "unknownThreshold": 60.0}
    live = cluster.api.peek(("apps", "Deployment", namespace, deployment))
    if live is None:
        return out
    pod = ((live.get("spec") or {}).get("template") or {}).get("spec") or {}
    container = next(iter(pod.get("containers") or []), {})
    args = dict(a.split("=", 1) for a in container.get("args") or [] if a.startswith("--") and "=" in a)
    path = args.get("--config")
    if path is None:
        out["enableEtcdSpecAutoReconcile"] = args.get("--enable-etcd-spec-auto-reconcile", "false") == "true"
        out["etcdStatusSyncPeriod"] = go_duration(args.get("--etcd-status-sync-period", "15s")).total_seconds()
        out["notReadyThreshold"] = go_duration(args.get("--etcd-member-notready-threshold", "5m")).total_seconds()
        out["unknownThreshold"] = go_duration(args.get("--etcd-member-unknown-threshold", "1m")).total_seconds()
        return out
    mount = next((m for m in container.get("volumeMounts") or [] if path.startswith(m.get("mountPath", "").rstrip("/") + "/")), None)
    if mount is None:
        return out
    volume = next((v for v in pod.get("volumes") or [] if v.get("name") == mount["name"]), {})
    config_map = cluster.api.peek(("", "ConfigMap", namespace, (volume.get("configMap") or {}).get("name", "")))
    if config_map is None:
        return out
    text = (config_map.get("data") or {}).get(path[len(mount["mountPath"].rstrip("/")) + 1 :], "")
    etcd = ((yaml.load(text, Loader=SAFE_LOADER) or {}).get("controllers") or {}).get("etcd") or {}
    out["enableEtcdSpecAutoReconcile"] = etcd.get("enableEtcdSpecAutoReconcile") is True
    out["etcdStatusSyncPeriod"] = go_duration(str(etcd.get("etcdStatusSyncPeriod", "15s"))).total_seconds()
    member = etcd.get("etcdMember") or {}
    out["notReadyThreshold"] = go_duration(str(member.get("notReadyThreshold", "5m"))).total_seconds()
    out["unknownThreshold"] = go_duration(str(member.get("unknownThreshold", "1m"))).total_seconds()
    return out


@dataclass
class EtcdDruid:
    """etcd-druid on one cluster; acts only while its Deployment is ready."""

    name: str = ACTOR
    """Timeline actor."""
    namespace: str = "etcd-druid"
    """Namespace of the druid Deployment (the chart's release namespace)."""
    deployment: str = "etcd-druid"
    """Name of the druid Deployment."""
    _gate: QuietGate = field(default_factory=QuietGate)
    """Skips passes in which nothing this controller reads changed."""
    _marks: dict = field(default_factory=dict)
    """Memo of the controller Deployment's running marker per cluster."""
    _config: dict[str, tuple[tuple, dict]] = field(default_factory=dict)
    """Per cluster: the running marker and the operator configuration read when druid started."""
    _seen: dict[tuple, tuple[str, float]] = field(default_factory=dict)
    """Per (cluster, Etcd uid): the resourceVersion after the last reconcile and when the next is due."""
    _conflicts: dict[tuple, int] = field(default_factory=dict)
    """Injected transient failures still to happen, per (cluster, namespace, name)."""
    _unready: dict[tuple, float] = field(default_factory=dict)
    """Since when each member's pod has not been ready, per (cluster, Etcd uid, member)."""
    _said: dict[tuple, str] = field(default_factory=dict)
    """The last message logged per (cluster, object, topic), so a state is logged once."""
    _synced: dict[tuple, tuple[tuple[str, ...], dict]] = field(default_factory=dict)
    """Per (cluster, Etcd uid): the synced Etcd fingerprint and its components' resourceVersions."""

    def inject_conflict(self, cluster: str, namespace: str, name: str, times: int = 1) -> None:
        """Make the next `times` spec reconciles of this Etcd fail on the StatefulSet patch (a transient error)."""
        self._conflicts[(cluster, namespace, name)] = times

    def config(self, cluster: Cluster) -> dict:
        """The operator configuration the running druid started with (the chart's defaults before it runs)."""
        started = self._config.get(cluster.name)
        return started[1] if started is not None else operator_config(cluster, self.namespace, self.deployment)

    def blockers(self, cluster: Cluster, etcd: dict) -> list[str]:
        """Why this Etcd is not (yet) reconciled and ready, for diagnosis."""
        if not cluster.deployment_ready(self.namespace, self.deployment):
            return [f"etcd-druid is not running (Deployment {self.namespace}/{self.deployment} not ready)"]
        out = []
        status, meta = etcd.get("status") or {}, etcd["metadata"]
        if (
            status.get("observedGeneration") is not None
            and status["observedGeneration"] < meta.get("generation", 1)
            and not self._should_reconcile_spec(cluster, etcd)
        ):
            out.append(
                f"spec generation {meta.get('generation')} is not reconciled: enableEtcdSpecAutoReconcile is false in the operator "
                "configuration and the Etcd has no gardener.cloud/operation: reconcile annotation"
            )
        sts = cluster.api.peek(("apps", "StatefulSet", meta["namespace"], meta["name"]))
        if sts is not None:
            out += pod_blockers(cluster, sts)
        return out

    # -- the controller loop -----------------------------------------------------------------------------------

    def reconcile(self, cluster: Cluster) -> None:
        """Reconcile every Etcd that changed, that was never reconciled, or whose sync period is up."""
        live = cluster.api.peek(("apps", "Deployment", self.namespace, self.deployment))
        if live is None or not cluster.deployment_ready(self.namespace, self.deployment):
            self._config.pop(cluster.name, None)
            return
        marker = running_marker(self._marks, cluster, live)
        started = self._config.get(cluster.name, ((),))[0] != marker
        if started:
            config = operator_config(cluster, self.namespace, self.deployment)
            self._config[cluster.name] = (marker, config)
            cluster.log(
                self.name,
                f"started with enableEtcdSpecAutoReconcile={str(config['enableEtcdSpecAutoReconcile']).lower()}, "
                f"etcdStatusSyncPeriod={int(config['etcdStatusSyncPeriod'])}s",
            )
        elif self._gate.quiet(cluster):
            return
        config = self._config[cluster.name][1]
        before = cluster.api.revision
        wake = math.inf
        for etcd in cluster.api.iter(GROUP, "Etcd"):  # stored objects, read-only
            token = (cluster.name, etcd["metadata"]["uid"])
            seen = self._seen.get(token)
            if not started and seen is not None and seen[0] == etcd["metadata"].get("resourceVersion") and cluster.now < seen[1]:
                wake = min(wake, seen[1])
                continue
            retry = self._reconcile_etcd(cluster, etcd, config)
            after = cluster.api.peek(key_of(etcd)) or etcd
            due = cluster.now if retry else cluster.now + config["etcdStatusSyncPeriod"]
            self._seen[token] = (after["metadata"].get("resourceVersion"), due)
            wake = min(wake, due + (0.001 if retry else 0))
        self._gate.settle(cluster, before=before, wake=wake)

    def _should_reconcile_spec(self, cluster: Cluster, etcd: dict) -> bool:
        # internal/controller/etcd/reconcile_spec.go shouldReconcileSpec().
        annotations = etcd["metadata"].get("annotations") or {}
        if _SUSPEND in annotations:
            return False
        if self.config(cluster)["enableEtcdSpecAutoReconcile"]:
            return True
        if any(annotations.get(a) == "reconcile" for a in _RECONCILE):
            return True
        return (etcd.get("status") or {}).get("observedGeneration") is None

    def _reconcile_etcd(self, cluster: Cluster, etcd: dict, config: dict) -> bool:
        """One Reconcile(); returns whether it must be retried at once (a failed spec reconcile)."""
        key = key_of(etcd)
        meta = etcd["metadata"]
        status = json.loads(json.dumps(etcd.get("status") or {}))
        generation = meta.get("generation", 1)
        spec_due = self._should_reconcile_spec(cluster, etcd)
        failed = None
        if spec_due:
            already = status.get("observedGeneration") == generation and (status.get("lastOperation") or {}).get("state") == "Succeeded"
            failed = self._sync(cluster, etcd)
            if failed is not None:
                self._record(cluster, status, "Error", " Operation will be retried.", [failed])
                cluster.log(self.name, f"{describe(key)}: reconcile failed, will retry: {failed['description']}", key)
            elif not already:
                self._record(cluster, status, "Succeeded", "Etcd cluster has been successfully reconciled", [])
        elif status.get("observedGeneration", generation) < generation:
            self._say(
                cluster,
                key,
                "spec",
                f"{describe(key)}: spec generation {generation} not reconciled (enableEtcdSpecAutoReconcile is false and "
                "there is no reconcile annotation); status only",
            )
        if _NO_RUNTIME not in (meta.get("annotations") or {}):
            self._reconcile_status(cluster, etcd, status, config)
        if spec_due and failed is None and status.get("observedGeneration") != generation:
            status["observedGeneration"] = generation
            cluster.log(self.name, f"{describe(key)}: spec generation {generation} reconciled", key)
        cluster.api.set_status(key, status)
        if spec_due and failed is None and any(a in (meta.get("annotations") or {}) for a in _RECONCILE):
            cluster.api.patch_metadata(key, annotations=dict.fromkeys(_RECONCILE))
            cluster.log(self.name, f"{describe(key)}: removed the reconcile operation annotation", key)
        return failed is not None

    def _record(self, cluster: Cluster, status: dict, state: str, description: str, errors: list[dict]) -> None:
        # internal/controller/utils/etcdstatus.go recordLastOperationAndErrors(): type Reconcile, this run's ID.
        run_id = str(uuid.UUID(int=cluster.rng.getrandbits(128), version=4))
        status["lastOperation"] = {
            "runID": run_id,
            "type": "Reconcile",
            "state": state,
            "lastUpdateTime": rfc3339(cluster.now),
            "description": description,
        }
        if errors:
            status["lastErrors"] = errors
        else:
            status.pop("lastErrors", None)

    # -- components --------------------------------------------------------------------------------------------

    def _sync(self, cluster: Cluster, etcd: dict) -> dict | None:
        """Create or update every component; the LastError of the first failure, or None."""
        meta, spec = etcd["metadata"], etcd.get("spec") or {}
        ns, name = meta["namespace"], meta["name"]
        # A periodic sync that would change nothing is skipped: same Etcd (spec and metadata) and every component
        # exactly as this controller left it. Upstream re-applies them every sync period, to the same effect.
        memo_key = (cluster.name, meta["uid"])
        fingerprint = (stored_json(spec), stored_json(meta.get("labels")), stored_json(meta.get("annotations")))
        memo = self._synced.get(memo_key)
        if (
            memo is not None
            and memo[0] == fingerprint
            and not self._conflicts.get((cluster.name, ns, name))
            and all((cluster.api.peek(k) or {}).get("metadata", {}).get("resourceVersion") == rv for k, rv in memo[1].items())
        ):
            return None
        replicas = int(spec.get("replicas", 0))
        runtime = _NO_RUNTIME not in (meta.get("annotations") or {})
        components: list[tuple[str, dict]] = []
        if runtime:
            components += [("SERVICEACCOUNT", _service_account(etcd)), ("ROLE", _role(etcd)), ("ROLEBINDING", _role_binding(etcd))]
            components += [("MEMBER_LEASE", _lease(etcd, f"{name}-{i}", "etcd-member-lease")) for i in range(replicas)]
            components += [("SNAPSHOT_LEASE", _lease(etcd, f"{name}-{kind}-snap", "etcd-snapshot-lease")) for kind in ("delta", "full")]
            components += [
                ("PODDISRUPTIONBUDGET", _pdb(etcd)),
                ("CLIENT_SERVICE", _client_service(etcd)),
                ("PEER_SERVICE", _peer_service(etcd)),
            ]
        config_map = _config_map(etcd)
        components += [("CONFIGMAP", config_map), ("STATEFULSET", _statefulset(etcd, config_map, runtime))]
        for code, obj in components:
            conflict = self._conflicts.get((cluster.name, ns, name), 0)
            try:
                if code == "STATEFULSET" and conflict:
                    self._conflicts[(cluster.name, ns, name)] = conflict - 1
                    raise ApiError(
                        409,
                        "Conflict",
                        f'Operation cannot be fulfilled on statefulsets.apps "{name}": the object has been modified; '
                        "please apply your changes to the latest version and try again",
                    )
                cluster.api.apply(obj, manager=ACTOR)
            except ApiError as err:
                # internal/errors/errors.go MapToLastErrors(): "[Operation: Sync, Code: ...] message: ..., cause: ...".
                message = (
                    f"Error creating or patching [StatefulSet: {ns}/{name}, Replicas: {replicas}] for etcd: {ns}/{name}"
                    if code == "STATEFULSET"
                    else f"Error during create or update of {obj['kind']} {ns}/{obj['metadata']['name']} for etcd: {ns}/{name}"
                )
                self._synced.pop(memo_key, None)
                return {
                    "code": f"ERR_SYNC_{code}",
                    "description": f"[Operation: Sync, Code: ERR_SYNC_{code}] message: {message}, cause: {err.message}",
                    "observedAt": rfc3339(cluster.now),
                }
        keys = [key_of(obj) for _, obj in components]
        self._synced[memo_key] = (fingerprint, {k: (cluster.api.peek(k) or {}).get("metadata", {}).get("resourceVersion") for k in keys})
        return None

    # -- status ------------------------------------------------------------------------------------------------

    def _reconcile_status(self, cluster: Cluster, etcd: dict, status: dict, config: dict) -> None:
        # internal/controller/etcd/reconcile_status.go: members and conditions (internal/health), then the
        # StatefulSet's counters (inspectStatefulSetAndMutateETCDStatus) and the selector.
        meta, spec = etcd["metadata"], etcd.get("spec") or {}
        replicas = int(spec.get("replicas", 0))
        sts = cluster.api.peek(("apps", "StatefulSet", meta["namespace"], meta["name"]))
        sts_status = (sts or {}).get("status") or {}
        ready_pods = int(sts_status.get("readyReplicas", 0)) if sts else 0
        status["members"] = self._members(cluster, etcd, status.get("members") or [], ready_pods, config)
        status["conditions"] = _conditions(cluster, etcd, status, sts)
        if not status["members"]:
            status.pop("members")
        if sts is not None:
            status["etcd"] = {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": sts["metadata"]["name"]}
            expected = replicas
            if status.get("observedGeneration") != meta.get("generation"):
                expected = int((sts.get("spec") or {}).get("replicas", 1))
            ready = (
                sts_status.get("observedGeneration", 0) >= sts["metadata"].get("generation", 1)
                and ready_pods >= expected
                and sts_status.get("currentRevision") == sts_status.get("updateRevision")
                and sts_status.get("currentReplicas", 0) == sts_status.get("updatedReplicas", 0)
            )
            counters = {
                "currentReplicas": sts_status.get("currentReplicas", 0),
                "readyReplicas": ready_pods,
                "replicas": sts_status.get("currentReplicas", 0),
            }
        else:
            ready, counters = False, {"currentReplicas": 0, "readyReplicas": 0}
        for name, value in counters.items():  # omitempty
            if value:
                status[name] = value
            else:
                status.pop(name, None)
        status["ready"] = ready
        status["selector"] = f"app.kubernetes.io/managed-by=etcd-druid,app.kubernetes.io/part-of={meta['name']}"

    def _members(self, cluster: Cluster, etcd: dict, old: list, ready_pods: int, config: dict) -> list:
        # internal/health/etcdmember/check_ready.go: a member appears once its lease was renewed, is Ready while it
        # is renewed, Unknown after unknownThreshold, NotReady after another notReadyThreshold.
        meta = etcd["metadata"]
        previous = {m["name"]: m for m in old}
        out = []
        now = rfc3339(cluster.now)
        for i in range(int((etcd.get("spec") or {}).get("replicas", 0))):
            name = f"{meta['name']}-{i}"
            slot = (cluster.name, meta["uid"], name)
            if i < ready_pods:
                self._unready.pop(slot, None)
                state, reason = "Ready", "LeaseSucceeded"
            elif name in previous:
                since = self._unready.setdefault(slot, cluster.now)
                silent = cluster.now - since
                if silent > config["unknownThreshold"] + config["notReadyThreshold"]:
                    state, reason = "NotReady", "UnknownGracePeriodExceeded"
                elif silent > config["unknownThreshold"]:
                    state, reason = "Unknown", "LeaseExpired"
                else:
                    state, reason = "Ready", "LeaseSucceeded"
            else:
                continue
            member_id = hashlib.sha256(f"{meta['uid']}/{name}".encode()).hexdigest()[:16]
            role = "Leader" if i == 0 and i < ready_pods else "Member"
            before = previous.get(name)
            transition = before["lastTransitionTime"] if before and before.get("status") == state else now
            out.append({"id": member_id, "name": name, "role": role, "status": state, "reason": reason, "lastTransitionTime": transition})
        return out

    def _say(self, cluster: Cluster, key: Key, topic: str, message: str) -> None:
        slot = (cluster.name, key, topic)
        if self._said.get(slot) != message:
            self._said[slot] = message
            cluster.log(self.name, message, key)


def _conditions(cluster: Cluster, etcd: dict, status: dict, sts: dict | None) -> list:
    # internal/health/condition/check_*.go and builder.go Build(): one condition per check, sorted by type; a
    # cluster scaled to 0 keeps each condition's status with reason NotChecked. BackupReady exists only with a
    # backup store provider.
    meta, spec = etcd["metadata"], etcd.get("spec") or {}
    replicas = int(spec.get("replicas", 0))
    members = status.get("members") or []
    results: dict[str, tuple[str, str, str]] = {}
    if not members:
        results["Ready"] = ("Unknown", "NoMembersInStatus", "Cannot determine readiness since status has no members")
        results["AllMembersReady"] = ("Unknown", "NoMembersInStatus", "Cannot determine readiness since status has no members")
    else:
        ready = sum(1 for m in members if m["status"] != "NotReady")
        results["Ready"] = (
            ("True", "Quorate", "The majority of ETCD members is ready")
            if ready >= len(members) // 2 + 1
            else ("False", "QuorumLost", "The majority of ETCD members is not ready")
        )
        all_ready = len(members) >= replicas and all(m["status"] == "Ready" for m in members)
        results["AllMembersReady"] = (
            ("True", "AllMembersReady", "All members are ready")
            if all_ready
            else ("False", "NotAllMembersReady", "At least one member is not ready")
        )
    if sts is None:
        results["AllMembersUpdated"] = ("Unknown", "StatefulSetNotFound", f"StatefulSet {meta['name']} not found for etcd")
        results["DataVolumesReady"] = ("Unknown", "StatefulSetNotFound", f"StatefulSet {meta['name']} not found for etcd")
    else:
        s = sts.get("status") or {}
        updated = (
            s.get("observedGeneration") == sts["metadata"].get("generation")
            and s.get("updatedReplicas", 0) == (sts.get("spec") or {}).get("replicas")
            and s.get("updateRevision") == s.get("currentRevision")
        )
        results["AllMembersUpdated"] = (
            ("True", "AllMembersUpdated", "All members reflect latest desired spec")
            if updated
            else ("False", "NotAllMembersUpdated", "At least one member is not yet updated")
        )
        results["DataVolumesReady"] = (
            "True",
            "NoWarningsFoundForDataVolumes",
            f"No warning events found for PVCs used by StatefulSet {meta['namespace']}/{meta['name']}",
        )
    if ((spec.get("backup") or {}).get("store") or {}).get("provider"):
        results["BackupReady"] = ("Unknown", "Unknown", "Cannot determine etcd backup status")
    old = {c["type"]: c for c in status.get("conditions") or []}
    now = rfc3339(cluster.now)
    out = []
    for kind in sorted(results):
        state, reason, message = results[kind]
        if replicas == 0:
            state = (old.get(kind) or {}).get("status") or "Unknown"
            reason, message = "NotChecked", "etcd cluster has been scaled down"
        before = old.get(kind)
        if before and (before.get("status"), before.get("reason"), before.get("message")) == (state, reason, message):
            out.append(before)
            continue
        transition = before["lastTransitionTime"] if before and before.get("status") == state else now
        out.append(
            {"type": kind, "status": state, "lastTransitionTime": transition, "lastUpdateTime": now, "reason": reason, "message": message}
        )
    return out


# -- component builders ----------------------------------------------------------------------------------------


def _labels(etcd: dict, component: str, name: str) -> dict:
    # api/core/v1alpha1/helper.go GetDefaultLabels() plus the component and resource name.
    return {
        "app.kubernetes.io/managed-by": "etcd-druid",
        "app.kubernetes.io/part-of": etcd["metadata"]["name"],
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/name": name,
    }


def _owned(etcd: dict, api_version: str, kind: str, name: str, component: str, **rest) -> dict:
    meta = etcd["metadata"]
    owner = {
        "apiVersion": "druid.gardener.cloud/v1alpha1",
        "kind": "Etcd",
        "name": meta["name"],
        "uid": meta["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }
    return {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {"name": name, "namespace": meta["namespace"], "labels": _labels(etcd, component, name), "ownerReferences": [owner]},
        **rest,
    }


def _service_account(etcd: dict) -> dict:
    return _owned(etcd, "v1", "ServiceAccount", etcd["metadata"]["name"], "etcd-service-account", automountServiceAccountToken=False)


def _role(etcd: dict) -> dict:
    rules = [
        {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "list", "patch", "update", "watch"]},
        {"apiGroups": ["apps"], "resources": ["statefulsets"], "verbs": ["get", "list", "patch", "update", "watch"]},
        {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]},
    ]
    return _owned(
        etcd, "rbac.authorization.k8s.io/v1", "Role", f"druid.gardener.cloud:etcd:{etcd['metadata']['name']}", "etcd-role", rules=rules
    )


def _role_binding(etcd: dict) -> dict:
    name = f"druid.gardener.cloud:etcd:{etcd['metadata']['name']}"
    return _owned(
        etcd,
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
        name,
        "etcd-role-binding",
        roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name},
        subjects=[{"kind": "ServiceAccount", "name": etcd["metadata"]["name"], "namespace": etcd["metadata"]["namespace"]}],
    )


def _lease(etcd: dict, name: str, component: str) -> dict:
    return _owned(etcd, "coordination.k8s.io/v1", "Lease", name, component, spec={})


def _pdb(etcd: dict) -> dict:
    # internal/component/poddistruptionbudget: minAvailable is the quorum for a multi-member cluster, else 0.
    replicas = int((etcd.get("spec") or {}).get("replicas", 0))
    labels = _labels(etcd, "etcd-statefulset", etcd["metadata"]["name"])
    selector = {k: labels[k] for k in ("app.kubernetes.io/managed-by", "app.kubernetes.io/part-of")}
    return _owned(
        etcd,
        "policy/v1",
        "PodDisruptionBudget",
        etcd["metadata"]["name"],
        "etcd-pdb",
        spec={"minAvailable": replicas // 2 + 1 if replicas > 1 else 0, "selector": {"matchLabels": selector}},
    )


def _ports(etcd: dict) -> tuple[int, int, int]:
    spec = etcd.get("spec") or {}
    return (
        int((spec.get("etcd") or {}).get("clientPort", 2379)),
        int((spec.get("etcd") or {}).get("serverPort", 2380)),
        int((spec.get("backup") or {}).get("port", 8080)),
    )


def _client_service(etcd: dict) -> dict:
    client, peer, backup = _ports(etcd)
    name = f"{etcd['metadata']['name']}-client"
    svc = _owned(
        etcd,
        "v1",
        "Service",
        name,
        "etcd-client-service",
        spec={
            "type": "ClusterIP",
            "sessionAffinity": "None",
            "selector": {
                "app.kubernetes.io/managed-by": "etcd-druid",
                "app.kubernetes.io/part-of": etcd["metadata"]["name"],
                "app.kubernetes.io/component": "etcd-statefulset",
            },
            "ports": [
                {"name": "client", "protocol": "TCP", "port": client, "targetPort": client},
                {"name": "server", "protocol": "TCP", "port": peer, "targetPort": peer},
                {"name": "backuprestore", "protocol": "TCP", "port": backup, "targetPort": backup},
            ],
        },
    )
    client_service = ((etcd.get("spec") or {}).get("etcd") or {}).get("clientService") or {}
    svc["metadata"]["labels"].update(client_service.get("labels") or {})
    if client_service.get("annotations"):
        svc["metadata"]["annotations"] = dict(client_service["annotations"])
    return svc


def _peer_service(etcd: dict) -> dict:
    _, peer, _ = _ports(etcd)
    return _owned(
        etcd,
        "v1",
        "Service",
        f"{etcd['metadata']['name']}-peer",
        "etcd-peer-service",
        spec={
            "type": "ClusterIP",
            "clusterIP": "None",
            "publishNotReadyAddresses": True,
            "sessionAffinity": "None",
            "selector": {
                "app.kubernetes.io/managed-by": "etcd-druid",
                "app.kubernetes.io/part-of": etcd["metadata"]["name"],
                "app.kubernetes.io/component": "etcd-statefulset",
            },
            "ports": [{"name": "peer", "protocol": "TCP", "port": peer, "targetPort": peer}],
        },
    )


def _bytes(quantity: str) -> int:
    match = _QUANTITY.match(str(quantity))
    return int(float(match.group(1)) * _UNITS[match.group(2)]) if match else 8 * 2**30


def _config_map(etcd: dict) -> dict:
    # internal/component/configmap/etcdconfig.go: the etcd configuration file `etcd.conf.yaml` (no secrets: TLS
    # material is mounted from the Secrets, only their paths appear here).
    meta, spec = etcd["metadata"], etcd.get("spec") or {}
    etcd_spec = spec.get("etcd") or {}
    client, peer, _ = _ports(etcd)
    scheme = "https" if etcd_spec.get("clientUrlTls") else "http"
    peer_scheme = "https" if etcd_spec.get("peerUrlTls") else "http"
    shared = spec.get("sharedConfig") or {}
    config = {
        "name": f"etcd-{meta['uid'][-6:]}",
        "data-dir": "/var/etcd/data/new.etcd",
        "metrics": etcd_spec.get("metrics", "basic"),
        "snapshot-count": 75000,
        "enable-v2": False,
        "quota-backend-bytes": _bytes(etcd_spec.get("quota", "8Gi")),
        "listen-client-urls": f"{scheme}://0.0.0.0:{client}",
        "listen-peer-urls": f"{peer_scheme}://0.0.0.0:{peer}",
        "initial-cluster-token": "etcd-cluster",
        "initial-cluster-state": "new",
        "auto-compaction-mode": shared.get("autoCompactionMode", "periodic"),
        "auto-compaction-retention": shared.get("autoCompactionRetention", "30m"),
    }
    if etcd_spec.get("clientUrlTls"):
        ca_key = (etcd_spec["clientUrlTls"].get("tlsCASecretRef") or {}).get("dataKey", "ca.crt")
        config["client-transport-security"] = {
            "cert-file": "/var/etcd/ssl/server/tls.crt",
            "key-file": "/var/etcd/ssl/server/tls.key",
            "client-cert-auth": True,
            "trusted-ca-file": f"/var/etcd/ssl/ca/{ca_key}",
            "auto-tls": False,
        }
    if etcd_spec.get("peerUrlTls"):
        ca_key = (etcd_spec["peerUrlTls"].get("tlsCASecretRef") or {}).get("dataKey", "ca.crt")
        config["peer-transport-security"] = {
            "cert-file": "/var/etcd/ssl/peer/server/tls.crt",
            "key-file": "/var/etcd/ssl/peer/server/tls.key",
            "client-cert-auth": True,
            "trusted-ca-file": f"/var/etcd/ssl/peer/ca/{ca_key}",
            "auto-tls": False,
        }
    text = json.dumps(config, sort_keys=True)
    if text not in _DUMPED:
        _DUMPED[text] = yaml.safe_dump(config, sort_keys=True)
    return _owned(etcd, "v1", "ConfigMap", f"{meta['name']}-config", "etcd-configmap", data={"etcd.conf.yaml": _DUMPED[text]})


def _secret_volume(name: str, ref: dict | None) -> list[dict]:
    return [{"name": name, "secret": {"secretName": ref["name"], "defaultMode": 0o640}}] if ref and ref.get("name") else []


def _statefulset(etcd: dict, config_map: dict, runtime: bool) -> dict:
    # internal/component/statefulset/builder.go: pods mount the ConfigMap (key etcd.conf.yaml) and every TLS
    # Secret of spec.etcd.clientUrlTls, spec.etcd.peerUrlTls and spec.backup.tls (getPodVolumes); the ConfigMap's
    # checksum annotation rolls the pods when the configuration changes.
    meta, spec = etcd["metadata"], etcd.get("spec") or {}
    name = meta["name"]
    etcd_spec, backup = spec.get("etcd") or {}, spec.get("backup") or {}
    client_tls, peer_tls, backup_tls = etcd_spec.get("clientUrlTls") or {}, etcd_spec.get("peerUrlTls") or {}, backup.get("tls") or {}
    volumes = [
        {
            "name": "etcd-config-file",
            "configMap": {
                "name": config_map["metadata"]["name"],
                "defaultMode": 0o640,
                "items": [{"key": "etcd.conf.yaml", "path": "etcd.conf.yaml"}],
            },
        }
    ]
    volumes += _secret_volume("etcd-ca", client_tls.get("tlsCASecretRef")) + _secret_volume(
        "etcd-server-tls", client_tls.get("serverTLSSecretRef")
    )
    volumes += _secret_volume("etcd-client-tls", client_tls.get("clientTLSSecretRef"))
    volumes += _secret_volume("etcd-peer-ca", peer_tls.get("tlsCASecretRef")) + _secret_volume(
        "etcd-peer-server-tls", peer_tls.get("serverTLSSecretRef")
    )
    volumes += _secret_volume("backup-restore-ca", backup_tls.get("tlsCASecretRef"))
    volumes += _secret_volume("backup-restore-server-tls", backup_tls.get("serverTLSSecretRef"))
    volumes += _secret_volume("backup-restore-client-tls", backup_tls.get("clientTLSSecretRef"))
    store = backup.get("store") or {}
    if store.get("provider") and store.get("provider") != "Local":
        volumes += _secret_volume("etcd-backup-secret", store.get("secretRef"))
    labels = _labels(etcd, "etcd-statefulset", name)
    selector = {k: labels[k] for k in ("app.kubernetes.io/managed-by", "app.kubernetes.io/part-of")}
    checksum = hashlib.sha256(json.dumps(config_map["data"], sort_keys=True).encode()).hexdigest()
    client, peer, backup_port = _ports(etcd)
    containers = [
        {
            "name": "etcd",
            "image": _ETCD_IMAGE,
            "ports": [{"name": "server", "containerPort": peer}, {"name": "client", "containerPort": client}],
            "resources": etcd_spec.get("resources") or {},
        },
        {
            "name": "backup-restore",
            "image": _BACKUP_IMAGE,
            "ports": [{"name": "server", "containerPort": backup_port}],
            "resources": backup.get("resources") or {},
        },
    ]
    pod: dict = {"shareProcessNamespace": True, "containers": containers, "volumes": volumes}
    if runtime:
        pod["serviceAccountName"] = name
    claim = spec.get("volumeClaimTemplate") or name
    return _owned(
        etcd,
        "apps/v1",
        "StatefulSet",
        name,
        "etcd-statefulset",
        spec={
            "replicas": int(spec.get("replicas", 0)) if runtime else 0,
            "selector": {"matchLabels": selector},
            "serviceName": f"{name}-peer",
            "podManagementPolicy": "Parallel",
            "updateStrategy": {"type": "RollingUpdate"},
            "template": {
                "metadata": {
                    "labels": {**(spec.get("labels") or {}), **labels},
                    "annotations": {**(spec.get("annotations") or {}), "checksum/etcd-configmap": checksum},
                },
                "spec": pod,
            },
            "volumeClaimTemplates": [
                {
                    "metadata": {"name": claim},
                    "spec": {
                        "accessModes": ["ReadWriteOnce"],
                        "resources": {"requests": {"storage": spec.get("storageCapacity") or "16Gi"}},
                        **({"storageClassName": spec["storageClass"]} if spec.get("storageClass") else {}),
                    },
                }
            ],
        },
    )
