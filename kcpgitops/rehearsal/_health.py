"""Resource health as Argo CD v3.5.1 assesses it: argocd-cm Lua overrides first, then Argo CD's own checks.

argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health.go `GetResourceHealth()`: an object being deleted is
Progressing ("Pending deletion"); otherwise the health override (argoproj/argo-cd@v3.5.1:util/lua/lua.go
`ResourceHealthOverrides.GetResourceHealth()` -> `GetHealthScript()`: the argocd-cm script for the exact group/kind,
then a wildcard argocd-cm key, then the Lua scripts bundled under `resource_customizations/`) decides; only when
none exists do the built-in Go checks of `GetHealthCheckFunc()` run. Kinds with neither have no health (None).

The bundled Lua scripts and the Go checks are re-implemented here in Python following their rules (nothing of
them is run or copied); only the argocd-cm scripts, which are this product's own, run in Lua.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import lupa.lua51

from kcpgitops.health import HEALTH_KEY_PREFIX, run_health_lua

from ._api import group_of

__all__ = ["HEALTH_ORDER", "Health", "evaluate_health", "health_overrides", "is_worse", "resource_health", "stored_health"]

HEALTHY, SUSPENDED, PROGRESSING, MISSING, DEGRADED, UNKNOWN = "Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"
# argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health.go healthOrder: most healthy first.
HEALTH_ORDER = (HEALTHY, SUSPENDED, PROGRESSING, MISSING, DEGRADED, UNKNOWN)
_RANK = {code: i for i, code in enumerate(HEALTH_ORDER)}


def is_worse(current: str, new: str) -> bool:
    """Whether `new` ranks below `current` (unknown codes rank first).

    argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health.go `IsWorse()`.
    """
    return _RANK.get(new, 0) > _RANK.get(current, 0)


@dataclass(frozen=True)
class Health:
    """One assessment."""

    status: str
    """Health status code (Healthy, Progressing, ...)."""
    message: str
    """What the check said ("" when nothing)."""
    error: str = ""
    """Set when the check failed (GetResourceHealth returns an error too); status is then Unknown."""


def health_overrides(cm_data: Mapping[str, str] | None) -> dict[str, str]:
    """The health scripts of an argocd-cm `data`, keyed like Argo CD's override map minus the slash.

    argoproj/argo-cd@v3.5.1:util/settings/settings.go `appendResourceOverridesFromSplitKeys()` / `convertToOverrideKey()`:
    `resource.customizations.health.<group>_<Kind>` becomes override key `<group>/<Kind>`, and
    `resource.customizations.health.<Kind>` (no underscore: that is how core kinds are written) becomes `<Kind>`,
    which is what argoproj/argo-cd@v3.5.1:util/lua/lua.go `GetConfigMapKey()` looks up for the core group. So `Service` customizes core
    Services while `_Service` would never match anything. Returned keys: `<group>_<Kind>` or `<Kind>`.
    """
    out = {}
    for key, script in (cm_data or {}).items():
        if key.startswith(HEALTH_KEY_PREFIX) and script:
            name = key.removeprefix(HEALTH_KEY_PREFIX)
            out["*_*" if name == "all" else name] = script
    return out


def resource_health(obj: dict, lua: Mapping[str, str]) -> tuple[str, str] | None:
    """(status, message) of a live object, or None when Argo CD has no health check for its kind."""
    health = evaluate_health(obj, lua)
    return None if health is None else (health.status, health.message)


def evaluate_health(obj: dict, lua: Mapping[str, str]) -> Health | None:
    """Like `resource_health`, keeping the error a failed check reports (the Application gets a condition for it)."""
    return _evaluate(obj, lua, stored=False)


def stored_health(obj: dict, lua: Mapping[str, str]) -> Health | None:
    """`evaluate_health` of an object as a `ClusterApi` stores it, which is never changed in place: a Lua verdict on
    the same object with the same script is remembered (`_VERDICTS`)."""
    return _evaluate(obj, lua, stored=True)


# Lua verdicts on stored objects by id(): (the object, the script, the verdict); the object is kept so that its id
# cannot be reused. Argo CD's model (a parent judging its child Applications, a wave judging what it applied) and the
# engine's Degraded watch judge the same object versions, and handing an Application with its resource list to Lua
# costs about a tenth of the rehearsal's CPU. Only recent versions are asked about again: the table is emptied when full.
_VERDICTS: dict[int, tuple[dict, str, Health]] = {}
_VERDICTS_KEPT = 4096


def _evaluate(obj: dict, lua: Mapping[str, str], *, stored: bool) -> Health | None:
    meta = obj.get("metadata") or {}
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health.go GetResourceHealth(): deletion first (hook finalizers
    # are not modelled: hooks are deleted at once).
    if meta.get("deletionTimestamp"):
        return Health(PROGRESSING, "Pending deletion")
    group, kind = group_of(obj.get("apiVersion", "")), obj.get("kind", "")
    script = _override_script(lua, group, kind)
    if script is not None:
        if not stored:
            return _run_override(script, obj)
        found = _VERDICTS.get(id(obj))
        if found is not None and found[0] is obj and found[1] == script:
            return found[2]
        health = _run_override(script, obj)
        if len(_VERDICTS) >= _VERDICTS_KEPT:
            _VERDICTS.clear()
        _VERDICTS[id(obj)] = (obj, script, health)
        return health
    check = _BUNDLED_LUA.get((group, kind)) or _BUILT_IN.get((group, kind))
    return check(obj) if check else None


# -- argocd-cm overrides ---------------------------------------------------------------------------------------


def _override_script(lua: Mapping[str, str], group: str, kind: str) -> str | None:
    # argoproj/argo-cd@v3.5.1:util/lua/lua.go GetHealthScript(): the exact key first, then the first wildcard key that matches
    # (util/glob Match on "<group>/<Kind>"; Go ranges over a map, we take wildcard keys in sorted order).
    exact = lua.get(f"{group}_{kind}" if group else kind)
    if exact:
        return exact
    wanted = f"{group}/{kind}" if group else kind
    for key in sorted(k for k in lua if "*" in k or "?" in k or "[" in k):
        if _glob(key.replace("_", "/", 1)).fullmatch(wanted) and lua[key]:
            return lua[key]
    return None


_GLOBS: dict[str, re.Pattern[str]] = {}


def _glob(pattern: str) -> re.Pattern[str]:
    # gobwas/glob without separators: `*` matches anything, `?` one character, `[...]` a class.
    compiled = _GLOBS.get(pattern)
    if compiled is None:
        out = ""
        for char in pattern:
            out += ".*" if char == "*" else "." if char == "?" else char if char in "[]" else re.escape(char)
        compiled = _GLOBS[pattern] = re.compile(out)
    return compiled


def _run_override(script: str, obj: dict) -> Health:
    try:
        result = run_health_lua(script, obj)
    except (lupa.lua51.LuaError, TypeError) as err:
        # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health.go GetResourceHealth(): a failing override is Unknown with
        # the error as message, and an error.
        return Health(UNKNOWN, str(err), error=str(err))
    message = result.get("message")
    return Health(result["status"], message if isinstance(message, str) else "")


# -- Argo CD's bundled Lua checks (resource_customizations/), re-implemented -------------------------------------


def _conditions(obj: dict) -> list[dict]:
    return list(((obj.get("status") or {}).get("conditions")) or [])


def _ready_condition(obj: dict, condition_type: str, waiting: str) -> Health:
    # First matching condition decides: False -> Degraded, True -> Healthy; otherwise Progressing with `waiting`.
    for condition in _conditions(obj):
        if condition.get("type") == condition_type and condition.get("status") == "False":
            return Health(DEGRADED, condition.get("message") or "")
        if condition.get("type") == condition_type and condition.get("status") == "True":
            return Health(HEALTHY, condition.get("message") or "")
    return Health(PROGRESSING, waiting)


def _certificate(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/cert-manager.io/Certificate/health.lua: Issuing=True wins (Progressing),
    # then the first Ready condition.
    for condition in _conditions(obj):
        if condition.get("type") == "Issuing" and condition.get("status") == "True":
            return Health(PROGRESSING, condition.get("message") or "")
    return _ready_condition(obj, "Ready", "Waiting for certificate")


def _issuer(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/cert-manager.io/Issuer/health.lua
    return _ready_condition(obj, "Ready", "Initializing issuer")


def _cluster_issuer(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/cert-manager.io/ClusterIssuer/health.lua
    return _ready_condition(obj, "Ready", "Initializing ClusterIssuer")


def _sealed_secret(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/bitnami.com/SealedSecret/health.lua: the Synced condition.
    return _ready_condition(obj, "Synced", "Waiting for Sealed Secret to be decrypted")


def _crd(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/apiextensions.k8s.io/CustomResourceDefinition/health.lua
    if (obj.get("metadata") or {}).get("deletionTimestamp"):
        return Health(PROGRESSING, "CRD is terminating")
    status = obj.get("status")
    if status is None:
        # The script indexes obj.status.conditions unguarded: Lua raises, Argo CD reports Unknown with the error.
        error = "attempt to index a nil value (field 'status')"
        return Health(UNKNOWN, error, error=error)
    conditions = status.get("conditions") or []
    if not conditions:
        return Health(PROGRESSING, "Status conditions not found")
    established = False
    for condition in conditions:
        ctype, cstatus = condition.get("type"), condition.get("status")
        if ctype == "Terminating" and cstatus == "True":
            return Health(PROGRESSING, "CRD is terminating: " + str(condition.get("message", "")))
        if ctype == "NamesAccepted" and cstatus == "False":
            return Health(DEGRADED, "CRD names have not been accepted: " + str(condition.get("message", "")))
        if ctype == "NonStructuralSchema" and cstatus == "True":
            return Health(DEGRADED, "Schema violations found: " + str(condition.get("message", "")))
        if ctype == "Established":
            if cstatus == "True":
                established = True
            elif condition.get("reason") == "Installing":
                return Health(PROGRESSING, "CRD is being installed")
    return Health(HEALTHY, "CRD is healthy") if established else Health(DEGRADED, "CRD is not established")


def _cronjob(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/batch/CronJob/health.lua
    if (obj.get("spec") or {}).get("suspend") is True:
        return Health(HEALTHY, "CronJob is Suspended")
    status = obj.get("status")
    if status is None:
        return Health(PROGRESSING, "Waiting for CronJob")
    scheduled, succeeded = status.get("lastScheduleTime"), status.get("lastSuccessfulTime")
    if scheduled is None:
        return Health(HEALTHY, "CronJob has not been scheduled yet")
    if succeeded is None:
        return Health(HEALTHY, "The CronJob never completed successfully. It may not be healthy")
    if status.get("active"):
        return Health(HEALTHY, "The job is running. Its last execution may not have been successful")
    if succeeded < scheduled:  # RFC 3339 strings compare like the script's string comparison
        return Health(DEGRADED, "CronJob has not completed its last execution successfully")
    return Health(HEALTHY, "CronJob has completed its last execution successfully")


def _pdb(obj: dict) -> Health:
    # argo-cd@v3.5.1:resource_customizations/policy/PodDisruptionBudget/health.lua: the last condition decides,
    # a False one (other than InsufficientPods) at once.
    health = Health(PROGRESSING, "Waiting for status")
    for condition in _conditions(obj):
        if condition.get("status") == "False" and condition.get("reason") != "InsufficientPods":
            return Health(DEGRADED, f"PodDisruptionBudget has {condition.get('reason')}")
        health = Health(HEALTHY, f"PodDisruptionBudget has {condition.get('reason')}")
    return health


_BUNDLED_LUA: dict[tuple[str, str], Callable[[dict], Health]] = {
    ("cert-manager.io", "Certificate"): _certificate,
    ("cert-manager.io", "Issuer"): _issuer,
    ("cert-manager.io", "ClusterIssuer"): _cluster_issuer,
    ("bitnami.com", "SealedSecret"): _sealed_secret,
    ("apiextensions.k8s.io", "CustomResourceDefinition"): _crd,
    ("batch", "CronJob"): _cronjob,
    ("policy", "PodDisruptionBudget"): _pdb,
}


# -- gitops-engine's built-in Go checks, re-implemented --------------------------------------------------------


def _typed(obj: dict, versions: tuple[str, ...]) -> Health | None:
    # Each Go check converts to one typed version and errors out for any other GVK.
    api_version = obj.get("apiVersion", "")
    version = api_version.rsplit("/", 1)[-1]
    if version in versions:
        return None
    error = f"unsupported {obj.get('kind')} GVK: {api_version}, Kind={obj.get('kind')}"
    return Health(UNKNOWN, error, error=error)


def _replicas(spec: dict) -> int:
    # The API server defaults spec.replicas to 1 (kubernetes@v1.33 argoproj/argo-cd@v3.5.1:pkg/apis/apps/v1/defaults.go); the in-memory API
    # does not default, so the default is applied here.
    value = spec.get("replicas")
    return 1 if value is None else int(value)


def _deployment(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_deployment.go getAppsv1DeploymentHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    if spec.get("paused"):
        return Health(SUSPENDED, "Deployment is paused")
    if (obj.get("metadata") or {}).get("generation", 0) > status.get("observedGeneration", 0):
        return Health(PROGRESSING, "Waiting for rollout to finish: observed deployment generation less than desired generation")
    progressing = next((c for c in status.get("conditions") or [] if c.get("type") == "Progressing"), None)
    replicas, updated = _replicas(spec), status.get("updatedReplicas", 0)
    if progressing is not None and progressing.get("reason") == "ProgressDeadlineExceeded":
        return Health(DEGRADED, f'Deployment "{obj["metadata"].get("name")}" exceeded its progress deadline')
    if updated < replicas:
        return Health(PROGRESSING, f"Waiting for rollout to finish: {updated} out of {replicas} new replicas have been updated...")
    if status.get("replicas", 0) > updated:
        old = status.get("replicas", 0) - updated
        return Health(PROGRESSING, f"Waiting for rollout to finish: {old} old replicas are pending termination...")
    if status.get("availableReplicas", 0) < updated:
        available = status.get("availableReplicas", 0)
        return Health(PROGRESSING, f"Waiting for rollout to finish: {available} of {updated} updated replicas are available...")
    return Health(HEALTHY, "")


def _statefulset(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_statefulset.go getAppsv1StatefulSetHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    observed = status.get("observedGeneration", 0)
    if observed == 0 or (obj.get("metadata") or {}).get("generation", 0) > observed:
        return Health(PROGRESSING, "Waiting for statefulset spec update to be observed...")
    replicas, ready, updated = _replicas(spec), status.get("readyReplicas", 0), status.get("updatedReplicas", 0)
    if ready < replicas:
        return Health(PROGRESSING, f"Waiting for {replicas - ready} pods to be ready...")
    # The API server defaults updateStrategy to RollingUpdate with partition 0 (kubernetes@v1.33
    # argoproj/argo-cd@v3.5.1:pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet), which sends a defaulted StatefulSet down this branch.
    strategy = spec.get("updateStrategy") or {}
    kind = strategy.get("type") or "RollingUpdate"
    if kind == "RollingUpdate":
        partition = int((strategy.get("rollingUpdate") or {}).get("partition") or 0)
        if updated < replicas - partition:
            wanted = replicas - partition
            message = f"Waiting for partitioned roll out to finish: {updated} out of {wanted} new pods have been updated..."
            return Health(PROGRESSING, message)
        return Health(HEALTHY, f"partitioned roll out complete: {updated} new pods have been updated...")
    if kind == "OnDelete":
        return Health(HEALTHY, f"statefulset has {ready} ready pods")
    if status.get("updateRevision") != status.get("currentRevision"):
        revision = status.get("updateRevision")
        return Health(PROGRESSING, f"waiting for statefulset rolling update to complete {updated} pods at revision {revision}...")
    current, revision = status.get("currentReplicas", 0), status.get("currentRevision")
    return Health(HEALTHY, f"statefulset rolling update complete {current} pods at revision {revision}...")


def _replicaset(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_replicaset.go getAppsv1ReplicaSetHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    if (obj.get("metadata") or {}).get("generation", 0) > status.get("observedGeneration", 0):
        return Health(PROGRESSING, "Waiting for rollout to finish: observed replica set generation less than desired generation")
    failure = next((c for c in status.get("conditions") or [] if c.get("type") == "ReplicaFailure"), None)
    if failure is not None and failure.get("status") == "True":
        return Health(DEGRADED, failure.get("message") or "")
    replicas, available = _replicas(spec), status.get("availableReplicas", 0)
    if available < replicas:
        return Health(PROGRESSING, f"Waiting for rollout to finish: {available} out of {replicas} new replicas are available...")
    return Health(HEALTHY, "")


def _daemonset(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_daemonset.go getAppsv1DaemonSetHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    name = (obj.get("metadata") or {}).get("name")
    if (obj.get("metadata") or {}).get("generation", 0) > status.get("observedGeneration", 0):
        return Health(PROGRESSING, "Waiting for rollout to finish: observed daemon set generation less than desired generation")
    desired, updated = status.get("desiredNumberScheduled", 0), status.get("updatedNumberScheduled", 0)
    if ((spec.get("updateStrategy") or {}).get("type")) == "OnDelete":
        return Health(HEALTHY, f"daemon set {updated} out of {desired} new pods have been updated")
    if updated < desired:
        waiting = f'Waiting for daemon set "{name}" rollout to finish:'
        return Health(PROGRESSING, f"{waiting} {updated} out of {desired} new pods have been updated...")
    if status.get("numberAvailable", 0) < desired:
        waiting = f'Waiting for daemon set "{name}" rollout to finish:'
        return Health(PROGRESSING, f"{waiting} {status.get('numberAvailable', 0)} of {desired} updated pods are available...")
    return Health(HEALTHY, "")


def _service(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_service.go getCorev1ServiceHealth(): a LoadBalancer waits for an ingress.
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    if (obj.get("spec") or {}).get("type") == "LoadBalancer":
        ingress = (((obj.get("status") or {}).get("loadBalancer") or {}).get("ingress")) or []
        return Health(HEALTHY if ingress else PROGRESSING, "")
    return Health(HEALTHY, "")


def _pvc(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_pvc.go getCorev1PVCHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    phase = (obj.get("status") or {}).get("phase")
    return Health({"Lost": DEGRADED, "Pending": PROGRESSING, "Bound": HEALTHY}.get(phase, UNKNOWN), "")


def _pod(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_pod.go getCorev1PodHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    policy = spec.get("restartPolicy") or "Always"  # the API server's default
    message = status.get("message") or ""
    containers = status.get("containerStatuses") or []
    if policy == "Always":
        reasons = []
        for container in containers:
            waiting = (container.get("state") or {}).get("waiting")
            reason = (waiting or {}).get("reason") or ""
            if waiting is not None and (reason.startswith("Err") or reason.endswith("Error") or reason.endswith("BackOff")):
                reasons.append(waiting.get("message") or "")
        if reasons:
            return Health(DEGRADED, ", ".join(reasons))
    phase = status.get("phase")
    if phase == "Pending":
        return Health(PROGRESSING, message)
    if phase == "Succeeded":
        return Health(HEALTHY, message)
    if phase == "Failed":
        if message:
            return Health(DEGRADED, message)
        for container in [*(status.get("initContainerStatuses") or []), *containers]:
            terminated = (container.get("state") or {}).get("terminated")
            if terminated:
                if terminated.get("message"):
                    return Health(DEGRADED, terminated["message"])
                if terminated.get("reason") == "OOMKilled":
                    return Health(DEGRADED, "OOMKilled")
                if terminated.get("exitCode", 0) != 0:
                    return Health(DEGRADED, f'container "{container.get("name")}" failed with exit code {terminated["exitCode"]}')
        return Health(DEGRADED, "")
    if phase == "Running":
        if policy == "Always":
            ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or [])
            if ready:
                return Health(HEALTHY, message)
            if any((c.get("lastState") or {}).get("terminated") for c in containers):
                return Health(DEGRADED, message)
            return Health(PROGRESSING, message)
        if policy in ("OnFailure", "Never"):
            return Health(PROGRESSING, message)
    return Health(UNKNOWN, message)


def _job(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_job.go getBatchv1JobHealth()
    wrong = _typed(obj, ("v1",))
    if wrong:
        return wrong
    failed = complete = suspended = False
    fail_message = message = ""
    for condition in ((obj.get("status") or {}).get("conditions")) or []:
        ctype = condition.get("type")
        if ctype == "Failed":
            failed = complete = True
            fail_message = condition.get("message") or ""
        elif ctype == "Complete":
            complete = True
            message = condition.get("message") or ""
        elif ctype == "Suspended":
            complete = True
            message = condition.get("message") or ""
            suspended = suspended or condition.get("status") == "True"
    if not complete:
        return Health(PROGRESSING, message)
    if failed:
        return Health(DEGRADED, fail_message)
    if suspended:
        return Health(SUSPENDED, fail_message)
    return Health(HEALTHY, message)


def _ingress(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_ingress.go getIngressHealth()
    ingress = (((obj.get("status") or {}).get("loadBalancer") or {}).get("ingress")) or []
    return Health(HEALTHY if ingress else PROGRESSING, "")


def _apiservice(obj: dict) -> Health:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health_apiservice.go getApiregistrationv1APIServiceHealth()
    wrong = _typed(obj, ("v1", "v1beta1"))
    if wrong:
        return wrong
    for condition in ((obj.get("status") or {}).get("conditions")) or []:
        if condition.get("type") == "Available":
            text = f"{condition.get('reason', '')}: {condition.get('message', '')}"
            return Health(HEALTHY if condition.get("status") == "True" else PROGRESSING, text)
    return Health(PROGRESSING, "Waiting to be processed")


# argoproj/argo-cd@v3.5.1:gitops-engine/pkg/health/health.go GetHealthCheckFunc() (HPA and Argo Workflows are not used here).
_BUILT_IN: dict[tuple[str, str], Callable[[dict], Health]] = {
    ("apps", "Deployment"): _deployment,
    ("apps", "StatefulSet"): _statefulset,
    ("apps", "ReplicaSet"): _replicaset,
    ("apps", "DaemonSet"): _daemonset,
    ("extensions", "Ingress"): _ingress,
    ("networking.k8s.io", "Ingress"): _ingress,
    ("apiregistration.k8s.io", "APIService"): _apiservice,
    ("", "Service"): _service,
    ("", "PersistentVolumeClaim"): _pvc,
    ("", "Pod"): _pod,
    ("batch", "Job"): _job,
}
