"""Argo CD v3.5.1's application controller for one cluster: refresh, automated sync, sync waves, health.

Each tick, for every Application in its namespace (sorted by name), `ArgoCd.reconcile` does what the controller's
refresh and operation queues do (argoproj/argo-cd@v3.5.1:controller/appcontroller.go
`processAppRefreshQueueItem()` then `processRequestedAppOperation()`); sources, all at argoproj/argo-cd@v3.5.1:

1. conditions from the AppProject (controller/appcontroller.go `refreshAppConditions()`, util/argo/argo.go
   `ValidatePermissions()`);
2. compare desired with live (controller/state.go `CompareAppState()`): manifests from Git (directory sources as
   the repo server reads them, reposerver/repository/repository.go `findManifests()`) or from the pinned charts,
   resources tracked by the `argocd.argoproj.io/tracking-id` annotation (util/argo/resource_tracking.go), sync
   status per resource, health per resource and for the Application (controller/health.go
   `setApplicationHealth()`);
3. automated sync (controller/appcontroller.go `autoSync()`), retries with backoff
   (pkg/apis/application/v1alpha1/types.go `RetryStrategy.NextRetryAt()`);
4. one step of the running operation (gitops-engine/pkg/sync/sync_context.go `Sync()`): dry run, one phase/wave
   per step, waiting for the health of what the previous wave applied, pruning.

Refresh is modelled on every tick, including re-resolving the target revision: treat it as the Git webhook that
makes Argo CD refresh as soon as a commit is pushed (without one, `timeout.reconciliation` is 120 s plus up to 60 s
jitter: cmd/argocd-application-controller/commands/argocd_application_controller.go defaultAppResyncPeriod).

Simplifications, each noted where it applies: apply is a full-object write by the `argocd-controller` manager;
the diff is "every desired field equals live" (server-side diff, ignoreDifferences and normalizers are not
modelled); the 2 s sleep between waves (argoproj/argo-cd@v3.5.1:controller/sync.go `delayBetweenSyncWaves()`) and
the repo-error grace period (argoproj/argo-cd@v3.5.1:controller/state.go `CompareAppState()`) are left out;
SyncFail and PreDelete/PostDelete hooks are not run and hooks get no finalizer; the API has no finalizers, so
deletions are immediate; sync windows, manual syncs, multi-source, jsonnet and kustomize sources are not modelled.
The Application's `status.health` carries no message: v3.5.1 no longer fills the deprecated `AppHealthStatus.Message`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml

from kcpgitops.yaml_cache import load_documents

from ._api import ApiError, ClusterApi, Key, _timestamp, clone, group_of
from ._health import Health, health_overrides, is_worse, stored_health
from ._world import Cluster

__all__ = ["IN_CLUSTER", "ArgoCd", "Blocker", "Charts", "Repos", "Waiting", "install_argocd"]

IN_CLUSTER = "https://kubernetes.default.svc"
"""The in-cluster destination (pkg/apis/application/v1alpha1 KubernetesInternalAPIServerAddr)."""

# argoproj/argo-cd@v3.5.1:common/common.go and argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/common/types.go annotation keys.
TRACKING_ID = "argocd.argoproj.io/tracking-id"
SYNC_WAVE = "argocd.argoproj.io/sync-wave"
SYNC_OPTIONS = "argocd.argoproj.io/sync-options"
COMPARE_OPTIONS = "argocd.argoproj.io/compare-options"
HOOK = "argocd.argoproj.io/hook"
HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy"
IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck"
DELETION_APPROVED = "argocd.argoproj.io/deletion-approved"
RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io"
MANAGER = "argocd-controller"  # common.ArgoCDSSAManager
ACTOR = "argocd"

RUNNING, SUCCEEDED, FAILED, ERROR = "Running", "Succeeded", "Failed", "Error"
_COMPLETED = (SUCCEEDED, FAILED, ERROR)
SYNCED, OUT_OF_SYNC, UNKNOWN = "Synced", "OutOfSync", "Unknown"
PRE_SYNC, SYNC, POST_SYNC = "PreSync", "Sync", "PostSync"
# argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/sync_tasks.go syncPhaseOrder (SyncFail hooks are not run here).
_PHASE_ORDER = {PRE_SYNC: -1, SYNC: 0, POST_SYNC: 1}
# argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/sync_tasks.go kindOrder (Helm's install order); other kinds sort last (0).
_KIND_LIST = (
    "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount",
    "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition",
    "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
    "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
)
_KIND_ORDER = {kind: i - len(_KIND_LIST) for i, kind in enumerate(_KIND_LIST)}
# argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/application_defaults.go
_RETRY_DURATION, _RETRY_FACTOR, _RETRY_MAX = 5.0, 2, 180.0
# cmd/argocd-application-controller defaults: --self-heal-backoff-timeout-seconds 2, factor 3, cap 300.
_SELF_HEAL_BASE, _SELF_HEAL_FACTOR, _SELF_HEAL_CAP = 2.0, 3, 300.0
_CRD_DIR = Path(__file__).resolve().parents[2] / "vendor" / "crds" / "argo-cd-v3.5.1"


class Repos(Protocol):
    """Git as the repo server sees it."""

    def resolve(self, repo_url: str, target_revision: str) -> str | None:
        """The commit a branch, tag or sha names now, or None when the repository is unreachable."""

    def files(self, repo_url: str, sha: str, path: str) -> dict[str, bytes] | None:
        """Every file below `path` at `sha` (relative path -> content), or None when the path does not exist."""


class Charts(Protocol):
    """The pinned Helm charts."""

    def render(self, repo_url: str, chart: str, version: str, release_name: str, namespace: str, values: dict) -> list[dict]:
        """The chart's objects; raises LookupError for a chart it does not know."""


@dataclass(frozen=True)
class Waiting:
    """One object an Application waits on."""

    key: Key
    """The object (in the destination cluster's API)."""
    status: str
    """Its health (or the sync result: SyncFailed, Missing, OutOfSync)."""
    message: str
    """What its health check, apply or condition said."""


@dataclass(frozen=True)
class Blocker:
    """Why one Application is not Synced and Healthy (for "stuck" messages)."""

    application: str
    """The Application's name."""
    namespace: str
    """The Application's namespace."""
    where: str
    """Where it is: `<phase> wave <n>` of its running operation, `retry backoff`, `no operation` or `condition`."""
    reason: str
    """The operation's message, the condition, or the sync and health status."""
    objects: tuple[Waiting, ...]
    """What it waits on, in sync order (empty for a condition)."""


# -- installation --------------------------------------------------------------------------------------------


@functools.cache
def _argocd_crds() -> tuple[dict, ...]:
    # The in-memory API does not validate against schemas, so the CRDs' 1.8 MB of OpenAPI schema is left out (it
    # would only be copied on every write); names, scope and versions are what serving the kinds needs.
    crds = []
    for path in sorted(_CRD_DIR.glob("*.yaml")):
        for crd in load_documents(path):
            if isinstance(crd, dict):
                for version in crd["spec"]["versions"]:
                    version["schema"] = {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}
                crds.append(crd)
    return tuple(crds)


def install_argocd(cluster: Cluster, namespace: str = "argocd") -> None:
    """What `kubectl apply -n argocd -f install.yaml` (v3.5.1) leaves that matters here, plus the default project.

    The namespace, the Application/AppProject/ApplicationSet CRDs, an `argocd-cm` without data, and the `default`
    AppProject that argocd-server creates on start (argoproj/argo-cd@v3.5.1:server/server.go `initializeDefaultProject()`).
    """
    api = cluster.api
    api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}, manager="kubectl")
    for crd in _argocd_crds():
        api.apply(crd, manager="kubectl")
    labels = {"app.kubernetes.io/name": "argocd-cm", "app.kubernetes.io/part-of": "argocd"}
    if api.peek(("", "ConfigMap", namespace, "argocd-cm")) is None:
        cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "argocd-cm", "namespace": namespace, "labels": labels}}
        api.apply(cm, manager="kubectl")
    if api.peek(("argoproj.io", "AppProject", namespace, "default")) is None:
        api.apply({
            "apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject", "metadata": {"name": "default", "namespace": namespace},
            "spec": {"sourceRepos": ["*"], "destinations": [{"server": "*", "namespace": "*"}],
                     "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]},
        }, manager="argocd-server")
    cluster.log(ACTOR, f"Argo CD v3.5.1 installed in namespace {namespace} (CRDs, argocd-cm, AppProject default)")


# -- small helpers ---------------------------------------------------------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The repo server hands out JSON: timestamps stay strings."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def _annotations(obj: dict | None) -> dict:
    return ((obj or {}).get("metadata") or {}).get("annotations") or {}


def _csv(obj: dict | None, key: str) -> list[str]:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/resource/annotations.go GetAnnotationCSVs(): trimmed, de-duplicated, non-empty.
    out: list[str] = []
    for item in str(_annotations(obj).get(key, "")).split(","):
        item = item.strip()
        if item and item not in out:
            out.append(item)
    return out


def _has_option(obj: dict | None, key: str, value: str) -> bool:
    return value in _csv(obj, key)


def _option_value(obj: dict | None, key: str, option: str) -> str | None:
    return next((item.removeprefix(option + "=") for item in _csv(obj, key) if item.startswith(option + "=")), None)


def _gk(obj: dict) -> tuple[str, str]:
    return group_of(obj.get("apiVersion", "")), obj.get("kind", "")


def _name(obj: dict) -> str:
    return (obj.get("metadata") or {}).get("name", "")


def _namespace(obj: dict) -> str:
    return (obj.get("metadata") or {}).get("namespace") or ""


def _obj_key(obj: dict) -> Key:
    group, kind = _gk(obj)
    return (group, kind, _namespace(obj), _name(obj))


def _key_text(key: Key) -> str:
    # gitops-engine pkg/utils/kube ResourceKey.String()
    return "/".join(key)


def _hook_types(obj: dict) -> list[str]:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/hook/hook.go Types(): Argo CD hooks, else Helm hooks
    # (argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/hook/helm/type.go).
    types = [t for t in _csv(obj, HOOK) if t in ("PreSync", "Sync", "PostSync", "SyncFail", "Skip", "PreDelete", "PostDelete")]
    if not types:
        helm = {"pre-install": PRE_SYNC, "pre-upgrade": PRE_SYNC, "post-upgrade": POST_SYNC, "post-install": POST_SYNC}
        types = [helm[t] for t in _csv(obj, "helm.sh/hook") if t in helm]
    return types


def _skip(obj: dict) -> bool:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/hook/hook.go Skip(): only when Skip is the sole hook type.
    types = _hook_types(obj)
    return "Skip" in types and len(types) == 1


def _is_hook(obj: dict) -> bool:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/hook/hook.go IsHook(); Helm's "crd-install" is not a hook
    # (argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/hook/helm/hook.go IsHook()).
    if HOOK in _annotations(obj):
        return not _skip(obj)
    value = _annotations(obj).get("helm.sh/hook")
    return value is not None and value != "crd-install"


def _ignored(obj: dict) -> bool:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/ignore/ignore.go Ignore(): a hook without a known type.
    return _is_hook(obj) and not _hook_types(obj)


def _wave(obj: dict) -> int:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/syncwaves/waves.go Wave(): the annotation, else the Helm hook weight, else 0.
    for key in (SYNC_WAVE, "helm.sh/hook-weight"):
        text = _annotations(obj).get(key)
        if text is not None:
            try:
                return int(str(text).strip())
            except ValueError:
                if key == SYNC_WAVE:
                    continue
    return 0


def _delete_policies(obj: dict) -> list[str]:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/hook/delete_policy.go DeletePolicies(): default BeforeHookCreation.
    names = {"before-hook-creation": "BeforeHookCreation", "hook-succeeded": "HookSucceeded", "hook-failed": "HookFailed"}
    policies = [p for p in _csv(obj, HOOK_DELETE_POLICY) if p in names.values()]
    policies += [names[p] for p in _csv(obj, "helm.sh/hook-delete-policy") if p in names]
    return policies or ["BeforeHookCreation"]


def _go_duration(text: object) -> float:
    # argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/types.go parseStringToDuration(): a bare integer is seconds, else Go's
    # time.ParseDuration ("10s", "5m", "1h30m", "1.5h", "300ms").
    text = str(text).strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return float(int(text))
    units = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
    parts = re.findall(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)", text)
    if not parts or "".join(a + b for a, b in parts) != text.lstrip("+"):
        raise ValueError(f"unable to parse {text} as a duration")
    return sum(float(number) * units[unit] for number, unit in parts)


def _retry_wait(retry: dict, count: int) -> float:
    # argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/types.go RetryStrategy.NextRetryAt(): duration * factor^count,
    # capped at maxDuration.
    backoff = retry.get("backoff") or {}
    duration = _go_duration(backoff["duration"]) if backoff.get("duration") else _RETRY_DURATION
    maximum = _go_duration(backoff["maxDuration"]) if backoff.get("maxDuration") else _RETRY_MAX
    factor = int(backoff["factor"]) if backoff.get("factor") is not None else _RETRY_FACTOR
    wait = duration * factor**count
    return min(maximum, wait) if maximum > 0 else wait


def _kitchen(seconds: float) -> str:
    # Go's time.Kitchen ("3:04PM") on the rehearsal's clock.
    minutes = int(seconds) // 60
    hour, minute = (minutes // 60) % 24, minutes % 60
    return f"{(hour % 12) or 12}:{minute:02d}{'AM' if hour < 12 else 'PM'}"


_GLOBS: dict[tuple[str, str], re.Pattern[str]] = {}


def _glob(pattern: str, value: str, separator: str = "") -> bool:
    # gobwas/glob as util/glob compiles it: `*` stops at separators, `**` does not, `?`, `[...]`, `[!...]`, `{a,b}`.
    compiled = _GLOBS.get((pattern, separator))
    if compiled is None:
        any_char = f"[^{re.escape(separator)}]" if separator else "."
        out, i, depth = "", 0, 0
        while i < len(pattern):
            char = pattern[i]
            if pattern.startswith("**", i):
                out, i = out + ".*", i + 2
                continue
            if char == "*":
                out += any_char + "*"
            elif char == "?":
                out += any_char
            elif char == "[":
                end = pattern.find("]", i + 1)
                if end < 0:
                    out += re.escape(char)
                else:
                    body = pattern[i + 1:end]
                    out += "[" + ("^" + body[1:] if body.startswith("!") else body) + "]"
                    i = end
            elif char == "{":
                out, depth = out + "(?:", depth + 1
            elif char == "}" and depth:
                out, depth = out + ")", depth - 1
            elif char == "," and depth:
                out += "|"
            else:
                out += re.escape(char)
            i += 1
        try:
            compiled = re.compile(out)
        except re.error:
            compiled = re.compile(r"(?!)")  # util/glob logs the bad pattern and reports no match
        _GLOBS[(pattern, separator)] = compiled
    return compiled.fullmatch(value) is not None


def _glob_match(pattern: str, value: str, allow_negation: bool, separator: str = "") -> bool:
    # argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/app_project_types.go globMatch()
    if allow_negation and pattern.startswith("!"):
        return not _glob(pattern[1:], value, separator)
    return pattern == "*" or _glob(pattern, value, separator)


def _normalize_git_url(url: str) -> str:
    # argoproj/argo-cd@v3.5.1:util/git/git.go NormalizeGitURL(): lower case, no ".git", scp-style SSH as ssh paths.
    url = url.strip().lower()
    scp = re.fullmatch(r"([\w.-]+@[\w.-]+):(.*)", url)
    if scp:
        url = f"{scp.group(1)}/{scp.group(2)}"
    return url.removesuffix(".git").removeprefix("ssh://")


def _subset(want: object, have: object) -> bool:
    # The rehearsal's diff: desired fields must equal live; fields only live has (defaults, other managers) are fine.
    if isinstance(want, dict):
        if not isinstance(have, dict):
            return False
        for key, value in want.items():
            if value is None:
                continue
            if key not in have:
                if value in ({}, [], ""):
                    continue
                return False
            if not _subset(value, have[key]):
                return False
        return True
    if isinstance(want, list):
        return isinstance(have, list) and len(want) == len(have) and all(_subset(a, b) for a, b in zip(want, have, strict=True))
    return want == have


# -- project rules (argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/app_project_types.go) --------------------------


def _in_list(group: str, kind: str, items: Iterable[dict], name: str | None = None) -> bool:
    # argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/types.go isResourceInList() / isNamedResourceInList(): filepath.Match
    # on kind, group (and name).
    for item in items:
        kind_ok = _glob(str(item.get("kind", "")), kind, "/") and _glob(str(item.get("group", "")), group, "/")
        if kind_ok and (name is None or not item.get("name") or _glob(str(item["name"]), name, "/")):
            return True
    return False


def _kind_permitted(project: dict, group: str, kind: str, name: str, namespaced: bool) -> bool:
    # IsGroupKindNamePermitted(): namespaced kinds pass unless a whitelist exists and misses them; cluster-scoped kinds
    # need the cluster whitelist.
    spec = project.get("spec") or {}
    if namespaced:
        white, black = spec.get("namespaceResourceWhitelist"), spec.get("namespaceResourceBlacklist") or []
        allowed = white is None or (len(white) != 0 and _in_list(group, kind, white))
        return allowed and not (black and _in_list(group, kind, black))
    white, black = spec.get("clusterResourceWhitelist") or [], spec.get("clusterResourceBlacklist") or []
    return bool(white) and _in_list(group, kind, white, name) and not (black and _in_list(group, kind, black, name))


def _source_permitted(project: dict, repo_url: str) -> bool:
    # IsSourcePermitted(): any pattern matches, no deny pattern excludes.
    source = _normalize_git_url(repo_url)
    matched = False
    for pattern in (project.get("spec") or {}).get("sourceRepos") or []:
        normalized = "!" + _normalize_git_url(pattern[1:]) if pattern.startswith("!") else _normalize_git_url(pattern)
        if _glob_match(normalized, source, True, "/"):
            matched = True
        elif normalized.startswith("!"):
            return False
    return matched


def _destination_permitted(project: dict, server: str, name: str, namespace: str) -> bool:
    # IsDestinationPermitted() / isDestinationMatched()
    matched = False
    for item in (project.get("spec") or {}).get("destinations") or []:
        item_name, item_server, item_ns = str(item.get("name", "")), str(item.get("server", "")), str(item.get("namespace", ""))
        name_ok = bool(name) and _glob_match(item_name, name, True)
        server_ok = bool(server) and _glob_match(item_server, server, True)
        ns_ok = _glob_match(item_ns, namespace, True)
        if (server_ok or name_ok) and ns_ok:
            matched = True
        elif ((not name_ok and item_name.startswith("!")) or (not server_ok and item_server.startswith("!") and ns_ok)
              or (not ns_ok and item_ns.startswith("!") and server_ok)):
            return False
    return matched


# -- the controller's state ----------------------------------------------------------------------------------


@dataclass
class _Task:
    """argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/sync_task.go syncTask."""

    phase: str
    """Sync phase: PreSync, Sync or PostSync."""
    target: dict | None
    """The desired object (None: a prune task)."""
    live: dict | None
    """The live object as the comparison saw it (None: not created yet)."""
    wave_override: int | None = None
    """Wave set by prune reordering or dependency bubbling instead of the annotation."""
    skip_dry_run: bool = False
    """The kind is not served yet but will be (CRD in the sync, or SkipDryRunOnMissingResource)."""
    status: str = ""
    """Result code: Synced, SyncFailed, Pruned, PruneSkipped ("" before the task ran)."""
    hook_phase: str = ""
    """Operation state of the task: Running, Succeeded, Failed, Error ("" while pending)."""
    message: str = ""
    """Latest message (apply output, health message or error)."""

    @property
    def obj(self) -> dict:
        return self.target if self.target is not None else self.live  # type: ignore[return-value]

    def wave(self) -> int:
        return self.wave_override if self.wave_override is not None else _wave(self.obj)

    @property
    def key(self) -> Key:
        return _obj_key(self.obj)

    @property
    def result_key(self) -> str:
        return f"{_key_text(self.key)}:{self.phase}"

    @property
    def is_hook(self) -> bool:
        return _is_hook(self.obj)

    @property
    def is_prune(self) -> bool:
        return self.target is None

    @property
    def running(self) -> bool:
        return self.hook_phase == RUNNING

    @property
    def completed(self) -> bool:
        return self.hook_phase in _COMPLETED

    def delete_before_creation(self) -> bool:
        return self.live is not None and self.hook_phase == "" and self.is_hook and "BeforeHookCreation" in _delete_policies(self.obj)

    def sort_key(self) -> tuple:
        group, kind, namespace, name = self.key
        return (_PHASE_ORDER.get(self.phase, 0), self.wave(), _KIND_ORDER.get(kind, 0), name, namespace, group)

    def label(self) -> str:
        return f"{self.key[0]}/{self.key[1]}/{self.key[3]}"


@dataclass
class _Result:
    """gitops-engine pkg/sync/common ResourceSyncResult, as the operation state keeps it."""

    key: Key
    """(group, kind, namespace, name) of the task's object."""
    phase: str
    """Sync phase of the task."""
    status: str
    """Result code."""
    hook_phase: str
    """Operation state of the task."""
    message: str
    """Latest message."""
    order: int
    """Position in which the result was first recorded."""
    version: str
    """API version of the object."""
    hook: bool
    """Whether the task is a hook."""


@dataclass
class _Operation:
    """An automated sync operation and its state (status.operationState)."""

    revision: str
    """Revision the operation syncs to ("" after a retry with refresh: the latest)."""
    source: dict
    """spec.source when the operation started."""
    sync_options: tuple[str, ...]
    """spec.syncPolicy.syncOptions when the operation started."""
    prune: bool
    """Whether pruning is allowed (automated.prune)."""
    retry: dict
    """spec.syncPolicy.retry (default limit 5 for automated syncs)."""
    resources: tuple[tuple[str, str, str], ...]
    """(group, kind, name) of a partial (self-heal) sync; empty: everything."""
    self_heal_attempts: int
    """Self-heal syncs so far for this revision (their backoff)."""
    started_at: float
    """Simulated time the operation started."""
    phase: str = RUNNING
    """Running, Succeeded, Failed or Error."""
    message: str = ""
    """What the operation says."""
    finished_at: float | None = None
    """When the last attempt ended (set while Running: waiting for a retry)."""
    retry_count: int = 0
    """Retries so far."""
    sync_revision: str | None = None
    """syncResult.revision: the commit being synced (None before an attempt started)."""
    sync_source: dict | None = None
    """syncResult.source."""
    results: dict[str, _Result] = field(default_factory=dict)
    """Task results by result key (syncResult.resources)."""
    waiting: tuple[Waiting, ...] = ()
    """What the operation waits on, or failed on."""
    where: str = ""
    """Phase and wave it waits in, or "retry backoff"."""

    def option(self, value: str) -> bool:
        return value in self.sync_options

    def option_value(self, option: str) -> str | None:
        return next((o.removeprefix(option + "=") for o in self.sync_options if o.startswith(option + "=")), None)


@dataclass
class _Destination:
    """Where an Application deploys to (argoproj/argo-cd@v3.5.1:util/argo/argo.go GetDestinationCluster())."""

    server: str
    """Destination server URL."""
    name: str
    """Destination cluster name."""
    namespace: str
    """Destination namespace (may be empty)."""
    api: ClusterApi | None = None
    """The destination's API when reachable."""
    invalid: str = ""
    """Why the destination is not a known cluster (an InvalidSpecError)."""
    unreachable: str = ""
    """Why a known remote cluster cannot be reached."""


@dataclass
class _Compare:
    """argoproj/argo-cd@v3.5.1:controller/state.go comparisonResult."""

    revision: str | None
    """Resolved revision (commit or chart version); None when it could not be resolved."""
    source_type: str
    """Directory or Helm."""
    hooks: list[dict]
    """Desired hook objects."""
    pairs: list[tuple[dict | None, dict | None]]
    """(desired, live) per managed resource; extras (prune candidates) have no desired object."""
    conditions: list[tuple[str, str]]
    """Conditions the comparison found (type, message)."""
    sync_status: str
    """Synced, OutOfSync or Unknown."""
    resources: list[dict]
    """status.resources entries."""
    health: str
    """The Application's aggregated health."""
    api: ClusterApi | None
    """The destination API compared against."""
    namespaced: Callable[[str, str], bool]
    """Whether a (group, kind) is namespaced on the destination (unknown kinds: yes)."""


@dataclass
class _AppMemo:
    """What the controller remembers about one Application between ticks."""

    uid: str
    """The Application's uid (a re-created Application starts afresh)."""
    finalizers: tuple[str, ...] = ()
    """Its finalizers when last seen (for deletion)."""
    op: _Operation | None = None
    """The current or last operation (status.operationState)."""
    conditions: list[tuple[str, str]] = field(default_factory=list)
    """Current conditions (type, message), sorted."""
    compare: _Compare | None = None
    """The last comparison, reused while nothing it depends on changed."""
    compare_key: tuple = ()
    """What the last comparison depended on."""
    quiet_key: tuple = ()
    """Both clusters' revisions and the Application's at the last comparison (equal: nothing changed at all)."""
    logged: dict[str, object] = field(default_factory=dict)
    """What was last written to the timeline, per topic (only changes are logged)."""
    written: tuple = ()
    """What the last status write was made of (the write is skipped while it is the same and no operation runs)."""


@dataclass
class _Index:
    """Live objects by the Application their tracking annotation names, kept current by the API's watch."""

    by_app: dict[str, dict[Key, dict]] = field(default_factory=dict)
    """Application name -> key -> live object."""
    owner: dict[Key, str] = field(default_factory=dict)
    """Key -> Application name (to move objects between Applications)."""
    watchers: dict[Key, set[str]] = field(default_factory=dict)
    """Key -> the Applications whose manifests name it (it is in their comparison even when they do not track it)."""
    touched: dict[str, int] = field(default_factory=dict)
    """Application name -> the event number of the last change to an object it tracks or its manifests name: while
    it stays, nothing on this cluster that the Application's comparison reads has changed."""
    events: int = 0
    """Events seen so far."""

    def update(self, event: str, obj: dict) -> None:
        key = _obj_key(obj)
        self.events += 1
        for app in self.watchers.get(key, ()):
            self.touched[app] = self.events
        previous = self.owner.pop(key, None)
        if previous is not None:
            self.by_app[previous].pop(key, None)
            self.touched[previous] = self.events
        if event == "DELETED" or obj["metadata"].get("ownerReferences"):
            return
        parsed = _parse_tracking(str(_annotations(obj).get(TRACKING_ID, "")))
        if parsed is not None:
            self.by_app.setdefault(parsed[0], {})[key] = obj
            self.owner[key] = parsed[0]
            self.touched[parsed[0]] = self.events

    def watch(self, app: str, keys: Iterable[Key]) -> None:
        """Count changes to these keys as changes to the Application's comparison."""
        for key in keys:
            self.watchers.setdefault(key, set()).add(app)


# -- the controller --------------------------------------------------------------------------------------------


class ArgoCd:
    """Argo CD's application controller on one cluster (a `Controller`: name "argocd")."""

    name = ACTOR

    def __init__(self, *, namespace: str, repos: Repos, charts: Charts, remote: Callable[[str], ClusterApi | str]) -> None:
        self.namespace = namespace
        self.repos, self.charts, self.remote = repos, charts, remote
        self._apps: dict[str, _AppMemo] = {}
        self._lua: dict[str, str] = {}
        self._lua_version: tuple[str, int] = ("", 0)
        self._raw: dict[tuple, tuple[tuple[dict, ...] | None, str]] = {}
        self._normalized: dict[tuple, tuple[list[dict], list[tuple[str, str]]]] = {}
        self._partitions: dict[tuple, tuple[tuple[dict, ...], list[dict], list[dict], list[Key], list[tuple[str, str]]]] = {}
        self._permits: dict[tuple, bool] = {}
        self._indexes: dict[int, _Index] = {}
        self._health: dict[tuple, Health | None] = {}
        self._diffs: dict[tuple, bool] = {}
        self._clusters: tuple[int, dict[str, str]] = (-1, {})
        self._remotes: dict[str, ClusterApi | str] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._now = 0.0

    # -- the tick -------------------------------------------------------------------------------------------

    def reconcile(self, cluster: Cluster) -> None:
        """Refresh every Application, start automated syncs and advance running operations by one step."""
        api = cluster.api
        self._now = cluster.now
        self._remotes, self._resolved = {}, {}
        self._load_settings(api)
        if len(self._health) > 50_000 or len(self._diffs) > 50_000:
            self._health.clear()
            self._diffs.clear()
        apps = [app["metadata"]["name"] for app in api.iter("argoproj.io", "Application", self.namespace)]
        for name in list(self._apps):
            if api.peek(("argoproj.io", "Application", self.namespace, name)) is None:
                self._forget(cluster, name)
        for name in apps:
            app = api.peek(("argoproj.io", "Application", self.namespace, name))
            if app is None:  # pruned by another Application earlier in this tick
                continue
            memo = self._apps.get(name)
            if memo is None or memo.uid != app["metadata"]["uid"]:
                memo = self._apps[name] = _AppMemo(uid=app["metadata"]["uid"])
            memo.finalizers = tuple(app["metadata"].get("finalizers") or ())
            # Read-only from here on: status writes replace the stored object, they do not change this one.
            self._reconcile_app(cluster, app, memo)

    def blockers(self, cluster: Cluster) -> list[Blocker]:
        """Every Application that is not Synced and Healthy, with what it waits on (sorted by name)."""
        out = []
        for app in cluster.api.iter("argoproj.io", "Application", self.namespace):
            memo = self._apps.get(app["metadata"]["name"])
            if memo is not None and memo.uid == app["metadata"]["uid"]:
                blocker = self._blocker(app, memo)
                if blocker is not None:
                    out.append(blocker)
        return out

    # -- settings and caches ----------------------------------------------------------------------------------

    def _load_settings(self, api: ClusterApi) -> None:
        cm = api.peek(("", "ConfigMap", self.namespace, "argocd-cm"))
        version = (cm["metadata"]["uid"], int(cm["metadata"]["resourceVersion"])) if cm else ("", 0)
        if version != self._lua_version:
            self._lua = health_overrides((cm or {}).get("data"))
            self._lua_version = version
            self._health.clear()

    def _health_of(self, api: ClusterApi, obj: dict) -> Health | None:
        meta = obj["metadata"]
        cache_key = (id(api), meta.get("uid"), meta.get("resourceVersion"), meta.get("name"))
        if cache_key not in self._health:
            self._health[cache_key] = stored_health(obj, self._lua)
        return self._health[cache_key]

    def _permitted(self, project: dict, rule: str, *args: object) -> bool:
        # Project rules evaluated once per project version (they are glob matches over every task, every step).
        meta = project["metadata"]
        cache_key = (meta.get("uid"), meta.get("resourceVersion"), rule, *args)
        found = self._permits.get(cache_key)
        if found is None:
            check = {"kind": _kind_permitted, "destination": _destination_permitted, "source": _source_permitted}[rule]
            found = self._permits[cache_key] = check(project, *args)  # type: ignore[arg-type]
        return found

    def _index(self, api: ClusterApi) -> _Index:
        # argoproj/argo-cd@v3.5.1:controller/cache/cache.go GetManagedLiveObjs(): objects whose tracking annotation names the app and that
        # have no owner references. Argo CD keeps a watch-fed cluster cache; so does this, through the API's listeners.
        index = self._indexes.get(id(api))
        if index is None:
            index = self._indexes[id(api)] = _Index()
            for obj in (api.peek(key) for key in api.keys()):  # noqa: SIM118 (ClusterApi is not a mapping)
                index.update("ADDED", obj)  # type: ignore[arg-type]
            api.listeners.append(index.update)
        return index

    def _cluster_secrets(self, api: ClusterApi) -> dict[str, str]:
        # argoproj/argo-cd@v3.5.1:util/db/cluster.go GetCluster(): a remote server is known only through a Secret labelled
        # argocd.argoproj.io/secret-type=cluster in Argo CD's namespace; returns server -> cluster name.
        if self._clusters[0] != api.revision:
            found: dict[str, str] = {}
            for secret in api.iter("", "Secret", self.namespace):
                if ((secret["metadata"].get("labels") or {}).get("argocd.argoproj.io/secret-type")) != "cluster":
                    continue
                server, name = _secret_field(secret, "server"), _secret_field(secret, "name")
                if server:
                    found[server.rstrip("/")] = name or server
            self._clusters = (api.revision, found)
        return self._clusters[1]

    # -- one Application -------------------------------------------------------------------------------------

    def _reconcile_app(self, cluster: Cluster, app: dict, memo: _AppMemo) -> None:
        name = app["metadata"]["name"]
        project, errors = self._refresh_conditions(cluster, app)
        _set_conditions(memo, errors, {"InvalidSpecError", "UnknownError"})
        compare = None
        if not errors and project is not None:
            compare = self._compare(cluster, app, memo, project, None, None)
            _set_conditions(memo, compare.conditions, _COMPARE_CONDITIONS)
            sync_error = self._auto_sync(cluster, app, memo, compare)
            _set_conditions(memo, [sync_error] if sync_error else [], {"SyncError"})
        if memo.op is not None and memo.op.phase == RUNNING:
            self._process_operation(cluster, app, memo, project)
        self._publish_conditions(cluster, memo, name)
        self._write_status(cluster, app, memo, compare, name)

    def _refresh_conditions(self, cluster: Cluster, app: dict) -> tuple[dict | None, list[tuple[str, str]]]:
        # argoproj/argo-cd@v3.5.1:controller/appcontroller.go refreshAppConditions(): the project, then
        # argoproj/argo-cd@v3.5.1:util/argo/argo.go ValidatePermissions().
        spec = app.get("spec") or {}
        project_name = spec.get("project") or "default"
        project = cluster.api.peek(("argoproj.io", "AppProject", self.namespace, project_name))
        if project is None:
            return None, [("InvalidSpecError", f"Application referencing project {project_name} which does not exist")]
        source = spec.get("source") or {}
        if not source.get("repoURL") or not (source.get("path") or source.get("chart")):
            return project, [("InvalidSpecError", "spec.source.repoURL and either spec.source.path or spec.source.chart are required")]
        if source.get("chart") and not source.get("targetRevision"):
            return project, [("InvalidSpecError", "spec.source.targetRevision is required if the manifest source is a helm chart")]
        errors = []
        if not self._permitted(project, "source", source["repoURL"]):
            errors.append(("InvalidSpecError", f"application repo {source['repoURL']} is not permitted in project '{project_name}'"))
        dest = self._destination(cluster, app)
        if dest.invalid:
            return project, [*errors, ("InvalidSpecError", dest.invalid)]
        if not self._permitted(project, "destination", dest.server, dest.name, dest.namespace):
            shown = dest.name if (spec.get("destination") or {}).get("name") else dest.server
            errors.append(("InvalidSpecError", f"application destination server '{shown}' and namespace '{dest.namespace}' do not match "
                                               f"any of the allowed destinations in project '{project_name}'"))
        return project, errors

    def _destination(self, cluster: Cluster, app: dict) -> _Destination:
        # argoproj/argo-cd@v3.5.1:util/argo/argo.go GetDestinationServer() / GetDestinationCluster()
        destination = (app.get("spec") or {}).get("destination") or {}
        server = str(destination.get("server") or "").rstrip("/")
        name, namespace = str(destination.get("name") or ""), str(destination.get("namespace") or "")
        clusters = self._cluster_secrets(cluster.api)
        if server and name:
            invalid = f"application destination can't have both name and server defined: {name} {server}"
            return _Destination(server, name, namespace, invalid=invalid)
        if not server and name:
            servers = sorted(s for s, n in clusters.items() if n == name) or ([IN_CLUSTER] if name == "in-cluster" else [])
            if not servers:
                return _Destination("", name, namespace, invalid=f"there are no clusters with this name: {name}")
            server = servers[0]
        if not server:
            return _Destination("", name, namespace, invalid="Destination server missing from app spec")
        if server == IN_CLUSTER:
            return _Destination(server, clusters.get(server, "in-cluster"), namespace, api=cluster.api)
        if server not in clusters:
            invalid = f'error getting cluster by server "{server}": rpc error: code = NotFound desc = cluster "{server}" not found'
            return _Destination(server, name, namespace, invalid=invalid)
        if server not in self._remotes:
            self._remotes[server] = self.remote(server)
        remote = self._remotes[server]
        if isinstance(remote, str):
            return _Destination(server, clusters[server], namespace, unreachable=remote)
        return _Destination(server, clusters[server], namespace, api=remote)

    # -- manifests (argoproj/argo-cd@v3.5.1:reposerver/repository/repository.go) -------------------------------------------------------

    def _manifests(self, app: dict, source: dict, revision: str | None, namespace: str
                   ) -> tuple[str | None, tuple[dict, ...] | None, str, str]:
        """(resolved revision, objects, error, source type) for one source."""
        repo = source.get("repoURL", "")
        if source.get("chart"):
            version = revision or str(source.get("targetRevision", ""))
            helm = source.get("helm") or {}
            values = helm.get("valuesObject")
            if values is None:
                values = yaml.load(helm.get("values") or "", Loader=_Loader) or {}
            release = helm.get("releaseName") or app["metadata"]["name"]
            cache_key = ("helm", repo, source["chart"], version, release, namespace, json.dumps(values, sort_keys=True))
            if cache_key not in self._raw:
                try:
                    rendered = self.charts.render(repo, source["chart"], version, release, namespace, clone(values))
                    self._raw[cache_key] = (tuple(rendered), "")
                except LookupError as err:
                    self._raw[cache_key] = (None, str(err).strip("'\""))
            objects, error = self._raw[cache_key]
            return version, objects, error, "Helm"
        target = str(source.get("targetRevision") or "HEAD")
        if not revision and (repo, target) not in self._resolved:
            # Resolved once per tick and revision, as the repo server's revision cache would within a refresh.
            self._resolved[(repo, target)] = self.repos.resolve(repo, target)
        sha = revision or self._resolved[(repo, target)]
        if sha is None:
            return None, None, f"unable to resolve '{target}' to a commit SHA", "Directory"
        directory = source.get("directory") or {}
        path = str(source.get("path", "")).strip("/")
        cache_key = ("git", repo, sha, path, bool(directory.get("recurse")), directory.get("include") or "", directory.get("exclude") or "")
        if cache_key not in self._raw:
            self._raw[cache_key] = self._read_directory(repo, sha, path, directory)
        objects, error = self._raw[cache_key]
        return sha, objects, error, "Directory"

    def _read_directory(self, repo: str, sha: str, path: str, directory: dict) -> tuple[tuple[dict, ...] | None, str]:
        files = self.repos.files(repo, sha, path)
        if files is None:
            # argoproj/argo-cd@v3.5.1:util/app/path/path.go Path(): ErrMessageAppPathDoesNotExist
            return None, f"{path}: app path does not exist"
        include, exclude, recurse = directory.get("include") or "", directory.get("exclude") or "", bool(directory.get("recurse"))
        objects: list[dict] = []
        for rel in sorted(files):
            # argoproj/argo-cd@v3.5.1:reposerver/repository/repository.go getPotentiallyValidManifests(): only the top level
            # without recurse; the manifestFile regexp (jsonnet is not generated here); include/exclude globs on the
            # relative path; the skip marker.
            if "/" in rel and not recurse:
                continue
            filename = rel.rsplit("/", 1)[-1]
            if not re.fullmatch(r".*\.(yaml|yml|json)", filename):
                continue
            if (exclude and _glob(exclude, rel)) or (include and not _glob(include, rel)):
                continue
            content = files[rel]
            if b"+argocd:skip-file-rendering" in content:
                continue
            error = _parse_manifest(filename, content, objects)
            if error:
                return None, error
        return tuple(objects), ""

    # -- comparison (argoproj/argo-cd@v3.5.1:controller/state.go CompareAppState) ------------------------------------------------------

    def _compare(self, cluster: Cluster, app: dict, memo: _AppMemo, project: dict, revision: str | None, source: dict | None) -> _Compare:
        spec = app.get("spec") or {}
        source = source if source is not None else (spec.get("source") or {})
        app_name = app["metadata"]["name"]
        dest = self._destination(cluster, app)
        api = dest.api
        sha, objects, error, source_type = self._manifests(app, source, revision, dest.namespace)
        # Fast path: nothing this comparison reads changed since the last one. On the destination that is the objects
        # the Application tracks and those its manifests name (the index counts their changes); on Argo CD's own
        # cluster, the Application, its project and the settings (argocd-cm, cluster Secrets: in the destination).
        index = self._index(api) if api is not None else None
        quiet_key = (id(api), index.touched.get(app_name, 0) if index is not None else -1,
                     api.schema_revision if api is not None else -1, sha, id(objects), app["metadata"].get("resourceVersion"),
                     id(source), self._lua_version, dest.server, dest.name, dest.namespace, dest.invalid, dest.unreachable,
                     project["metadata"].get("uid"), project["metadata"].get("resourceVersion"))
        if memo.compare is not None and memo.quiet_key == quiet_key and error == "":
            return memo.compare
        namespaced = (lambda g, k: api.is_namespaced(g, k)) if api is not None else (lambda g, k: True)
        schema = (id(api), api.schema_revision if api is not None else -1)
        targets, hooks, target_keys, repeated = self._targets(objects or (), app_name, dest.namespace, namespaced, schema)
        live: dict[Key, dict] = {}
        if index is not None:
            index.watch(app_name, target_keys)
            live = dict(index.by_app.get(app_name, {}))
            for key in target_keys:
                if key not in live:
                    found = api.peek(key)
                    if found is not None:
                        live[key] = found
        # Everything the comparison reads: the manifests, the destination, the project, the health settings and the
        # live objects it manages (by resourceVersion). When none changed, the last result stands (Argo CD's
        # controller likewise skips a full comparison when nothing it watches changed: appcontroller.go
        # needRefreshAppStatus()).
        compare_key = (id(api), api.schema_revision if api else -1, sha, id(objects), json.dumps(source, sort_keys=True),
                       self._lua_version, dest.server, dest.name, dest.namespace, dest.invalid, dest.unreachable,
                       project["metadata"].get("uid"), project["metadata"].get("resourceVersion"),
                       tuple((k, o["metadata"].get("resourceVersion")) for k, o in live.items()))
        if memo.compare is not None and memo.compare_key == compare_key and error == "":
            memo.quiet_key = quiet_key
            return memo.compare
        conditions: list[tuple[str, str]] = []
        failed = False
        if error:
            message = f"failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = {error}"
            conditions.append(("ComparisonError", f"Failed to load target state: {message}"))
            failed = True
        conditions += repeated
        if api is None:
            reason = dest.unreachable or dest.invalid
            conditions.append(("ComparisonError", f'Failed to load live state: failed to get cluster info for "{dest.server}": {reason}'))
            failed = True
        else:
            for key in list(live):
                # project.IsLiveResourcePermitted(): live objects the project does not permit are not managed.
                permitted = self._permitted(project, "kind", key[0], key[1], key[3], bool(key[2]))
                if permitted and key[2]:
                    permitted = self._permitted(project, "destination", dest.server, dest.name, key[2])
                if not permitted:
                    del live[key]
            for key, obj in sorted(live.items()):
                owner = _parse_tracking(str(_annotations(obj).get(TRACKING_ID, "")))
                if owner is not None and owner[0] != app_name:
                    other = owner[0].replace("_", "/")
                    shared = f"{key[1]}/{key[3]} is part of applications {self.namespace}/{app_name} and {other}"
                    conditions.append(("SharedResourceWarning", shared))
        pairs = _reconcile(targets, live, dest.namespace, namespaced)
        sync_status = SYNCED
        resources: list[dict] = []
        managed: list[tuple[dict | None, dict | None, dict]] = []
        for target, live_obj in pairs:
            obj = live_obj if live_obj is not None else target
            assert obj is not None
            group, kind = _gk(obj)
            self_ref = _self_referenced(live_obj, target)
            state: dict = {"group": group, "version": obj.get("apiVersion", "").rsplit("/", 1)[-1], "kind": kind,
                           "namespace": _namespace(obj), "name": _name(obj)}
            hook = _is_hook(obj)
            if hook:
                state["hook"] = True
            if target is None and live_obj is not None and self_ref:
                state["requiresPruning"] = True
            if hook or _ignored(obj) or (target is not None and _skip(target)) or not self_ref:
                pass  # hooks, skipped and foreign objects carry no sync status
            elif target is None or live_obj is None or not self._in_sync(api, target, live_obj):
                state["status"] = OUT_OF_SYNC
                if not (target is None and _has_option(obj, COMPARE_OPTIONS, "IgnoreExtraneous")):
                    sync_status = OUT_OF_SYNC
            else:
                state["status"] = SYNCED
            scope = namespaced(group, kind)
            if not self._permitted(project, "kind", group, kind, _name(obj), scope):
                state["status"] = UNKNOWN
            if scope and not _namespace(obj):
                version = obj.get("apiVersion", "").rsplit("/", 1)[-1]
                conditions.append(("InvalidSpecError", f"Namespace for {_name(obj)} {group}/{version}, Kind={kind} is missing."))
            if failed:
                state["status"] = UNKNOWN
            resources.append(state)
            managed.append((target, live_obj, state))
        if failed:
            sync_status = UNKNOWN
        health, health_error = self._app_health(app, api, managed)
        if health_error:
            conditions.append(("ComparisonError", "error setting app health: " + health_error))
        result = _Compare(sha, source_type, hooks, pairs, conditions, sync_status, resources, health, api, namespaced)
        memo.compare, memo.compare_key, memo.quiet_key = result, compare_key, quiet_key
        return result

    def _targets(self, objects: tuple[dict, ...], app: str, namespace: str, namespaced: Callable[[str, str], bool],
                 schema: tuple[int, int]) -> tuple[list[dict], list[dict], list[Key], list[tuple[str, str]]]:
        """(targets, hooks, the targets' API keys, repeated-resource warnings) of one source's objects, computed once
        per object set, Application, namespace and served kinds (`schema`: the API and its schema revision)."""
        cache_key = (id(objects), app, namespace, schema)
        found = self._partitions.get(cache_key)
        if found is None or found[0] is not objects:
            normalized, repeated = self._normalize(objects, app, namespace, namespaced)
            # argoproj/argo-cd@v3.5.1:controller/state.go partitionTargetObjsForSync() and
            # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/reconcile.go splitHooks(): delete hooks and ignored
            # objects go.
            kept = [t for t in normalized if not (_is_hook(t) and any(h in ("PreDelete", "PostDelete") for h in _hook_types(t)))]
            hooks = [t for t in kept if not _ignored(t) and _is_hook(t)]
            targets = [t for t in kept if not _ignored(t) and not _is_hook(t)]
            keys = [_api_key(t, namespaced) for t in targets]
            found = self._partitions[cache_key] = (objects, targets, hooks, keys, repeated)
        return found[1], found[2], found[3], found[4]

    def _normalize(self, objects: tuple[dict, ...], app: str, namespace: str, namespaced: Callable[[str, str], bool]
                   ) -> tuple[list[dict], list[tuple[str, str]]]:
        # argoproj/argo-cd@v3.5.1:controller/state.go NormalizeTargetObjects(): namespace by scope (unknown kinds count
        # as namespaced), the tracking annotation (argoproj/argo-cd@v3.5.1:util/argo/resource_tracking.go
        # SetAppInstance(): `<app>:<group>/<kind>:<namespace>/<name>`, cluster-scoped objects carry the destination
        # namespace), duplicates keep the last one with a warning.
        kinds = sorted({_gk(o) for o in objects})
        scopes = tuple(namespaced(g, k) for g, k in kinds)
        cache_key = (id(objects), app, namespace, tuple(kinds), scopes)
        cached = self._normalized.get(cache_key)
        if cached is not None:
            return cached
        scope = dict(zip(kinds, scopes, strict=True))
        by_key: dict[Key, list[dict]] = {}
        for raw in objects:
            group, kind = _gk(raw)
            # Raw objects are shared (parse cache) and live as long as the process: their id identifies them.
            object_key = (id(raw), app, namespace, scope[(group, kind)])
            cached_obj = _NORMALIZED.get(object_key)
            obj = cached_obj[1] if cached_obj is not None and cached_obj[0] is raw else None
            if obj is None:
                obj = clone(raw)
                meta = obj.setdefault("metadata", {})
                if not scope[(group, kind)]:
                    meta.pop("namespace", None)
                elif not meta.get("namespace") and namespace:
                    meta["namespace"] = namespace
                annotations = meta.setdefault("annotations", {})
                annotations[TRACKING_ID] = f"{app}:{group}/{kind}:{meta.get('namespace') or namespace}/{meta.get('name', '')}"
                _NORMALIZED[object_key] = (raw, obj)
            by_key.setdefault(_obj_key(obj), []).append(obj)
        targets, conditions = [], []
        for key, found in by_key.items():
            if len(found) > 1:
                message = f"Resource {_key_text(key)} appeared {len(found)} times among application resources."
                conditions.append(("RepeatedResourceWarning", message))
            targets.append(found[-1])
        self._normalized[cache_key] = (targets, conditions)
        return targets, conditions

    def _in_sync(self, api: ClusterApi | None, target: dict, live: dict) -> bool:
        cache_key = (id(target), id(api), live["metadata"].get("uid"), live["metadata"].get("resourceVersion"))
        found = self._diffs.get(cache_key)
        if found is None:
            want = {k: v for k, v in target.items() if k != "status"}
            found = self._diffs[cache_key] = _subset(want, live)
        return found

    def _app_health(self, app: dict, api: ClusterApi | None, managed: list[tuple[dict | None, dict | None, dict]]) -> tuple[str, str]:
        # argoproj/argo-cd@v3.5.1:controller/health.go setApplicationHealth()
        status, error, errors = "Healthy", "", 0
        contains, contains_live = False, False
        for target, live, state in managed:
            if target is not None and _skip(target):
                continue
            if live is not None and (_is_hook(live) or _ignored(live)):
                continue
            contains = True
            contains_live = contains_live or live is not None
            if live is not None and _annotations(live).get(IGNORE_HEALTHCHECK) == "true":
                continue
            if live is None:
                health: Health | None = Health("Missing", "")
            else:
                if _self_app(app, live):
                    continue  # an Application that manages itself does not affect its own health
                health = self._health_of(api, live) if api is not None else None
                if health is not None and health.error and not error:
                    errors += 1
                    where = f'"{live.get("kind")}" with name "{_name(live)}" in namespace "{_namespace(live)}"'
                    error = f"failed to get resource health for {where}: {health.error}"
                elif health is not None and health.error:
                    errors += 1
            if health is None:
                continue
            state["health"] = {"status": health.status, **({"message": health.message} if health.message else {})}
            if live is None and health.status == "Missing":
                continue  # missing resources show as OutOfSync, not in health
            if state["kind"] == "Application" and state["group"] == "argoproj.io" and health.status in ("Missing", UNKNOWN):
                continue
            if is_worse(status, health.status):
                status = health.status
        if contains and not contains_live and is_worse(status, "Missing"):
            status = "Missing"
        if error and errors > 1:
            error = f"see application-controller logs for {errors - 1} other errors; most recent error was: {error}"
        return status, error

    # -- automated sync (argoproj/argo-cd@v3.5.1:controller/appcontroller.go autoSync) ------------------------------

    def _auto_sync(self, cluster: Cluster, app: dict, memo: _AppMemo, compare: _Compare) -> tuple[str, str] | None:
        policy = (app.get("spec") or {}).get("syncPolicy") or {}
        automated = policy.get("automated")
        name = app["metadata"]["name"]
        if automated is None or automated.get("enabled") is False:
            return None
        if memo.op is not None and memo.op.phase == RUNNING:
            return None  # Skipping auto-sync: another operation is in progress
        if compare.sync_status != OUT_OF_SYNC:
            return None
        prune = bool(automated.get("prune"))
        if not prune and all(r.get("status") == SYNCED or r.get("requiresPruning") for r in compare.resources):
            return None  # need to prune extra resources only but automated prune is disabled
        revision = compare.revision or ""
        source = (app.get("spec") or {}).get("source") or {}
        resources: tuple[tuple[str, str, str], ...] = ()
        attempts = 0
        last = memo.op
        if last is not None and self._already_attempted(last, revision, source):
            if last.phase != SUCCEEDED:
                skip = f"Skipping auto-sync: failed previous sync attempt to [{last.sync_revision}] and will not retry for [{revision}]"
                self._log_once(cluster, memo, "skip", f"{name}: {skip}", ("argoproj.io", "Application", self.namespace, name))
                return ("SyncError", f"Failed last sync attempt to [{last.sync_revision}]: {last.message}")
            if not automated.get("selfHeal"):
                return None  # most recent sync already to this revision
            attempts = last.self_heal_attempts
            delay = min(_SELF_HEAL_CAP, _SELF_HEAL_BASE * _SELF_HEAL_FACTOR ** (attempts - 1)) if attempts > 0 else 0.0
            if delay - (self._now - (last.finished_at or self._now)) > 0:
                return None  # selfHealRemainingBackoff()
            attempts += 1
            resources = tuple((r["group"], r["kind"], r["name"]) for r in compare.resources if r.get("status") != SYNCED)
        if prune and not automated.get("allowEmpty") and all(r.get("requiresPruning") for r in compare.resources):
            return ("SyncError", f"Skipping sync attempt to [{revision}]: auto-sync will wipe out all resources")
        memo.op = _Operation(
            revision=revision, source=clone(source), sync_options=tuple(policy.get("syncOptions") or ()), prune=prune,
            retry=clone(policy["retry"]) if policy.get("retry") is not None else {"limit": 5},
            resources=resources, self_heal_attempts=attempts, started_at=self._now,
        )
        memo.logged.pop("skip", None)
        what = "self-heal of " + ", ".join(f"{k}/{n}" for _, k, n in resources) + " at" if resources else "automated sync to"
        cluster.log(ACTOR, f"{name}: {what} {revision[:12] or '?'} started", ("argoproj.io", "Application", self.namespace, name))
        return None

    @staticmethod
    def _already_attempted(last: _Operation, revision: str, source: dict) -> bool:
        # argoproj/argo-cd@v3.5.1:controller/appcontroller.go alreadyAttemptedSync(): same revision and same source as the last operation.
        if last.sync_revision is None:
            return last.phase in _COMPLETED
        return last.sync_revision == revision and last.sync_source == source

    # -- the operation (argoproj/argo-cd@v3.5.1:controller/appcontroller.go processRequestedAppOperation(),
    # -- argoproj/argo-cd@v3.5.1:controller/sync.go SyncAppState()) ---------------------------------------------------

    def _process_operation(self, cluster: Cluster, app: dict, memo: _AppMemo, project: dict | None) -> None:
        op = memo.op
        assert op is not None
        name = app["metadata"]["name"]
        app_key: Key = ("argoproj.io", "Application", self.namespace, name)
        if op.finished_at is not None:
            # A failed attempt waits for its retry; NextRetryAt() is evaluated with the already incremented count.
            if self._now < op.finished_at + _retry_wait(op.retry, op.retry_count):
                return
            extra = ""
            if op.retry.get("refresh"):
                extra, op.revision = " with latest revisions", ""
            op.message = f"Retrying operation{extra}. Attempt #{op.retry_count}"
            op.finished_at, op.sync_revision, op.sync_source, op.results = None, None, None, {}
            cluster.log(ACTOR, f"{name}: {op.message}", app_key)
        before = op.message
        if project is None:
            op.phase, op.message = ERROR, "Failed to load application project: " + next((m for _, m in memo.conditions), "not found")
        else:
            self._sync_app_state(cluster, app, memo, project)
        if op.phase in (FAILED, ERROR):
            limit = int(op.retry.get("limit") or 0)
            if op.retry_count < limit or limit < 0:
                retry_at = self._now + _retry_wait(op.retry, op.retry_count)
                op.retry_count += 1
                op.phase, op.finished_at = RUNNING, self._now
                op.message = f"{op.message}. Retrying attempt #{op.retry_count} at {_kitchen(retry_at)}."
                op.where = "retry backoff"
                cluster.log(ACTOR, f"{name}: sync failed: {op.message}", app_key)
                return
            if op.retry_count > 0:
                op.message = f"{op.message} (retried {op.retry_count} times)."
        if op.phase in _COMPLETED:
            op.finished_at = self._now
            op.where = ""
            if op.phase == SUCCEEDED:
                op.waiting = ()
            verb = "succeeded" if op.phase == SUCCEEDED else f"failed: {op.message}"
            cluster.log(ACTOR, f"{name}: sync to {(op.sync_revision or '?')[:12]} {verb}", app_key)
        elif op.message != before:
            self._log_waiting(cluster, memo, name, app_key)

    def _sync_app_state(self, cluster: Cluster, app: dict, memo: _AppMemo, project: dict) -> None:
        op = memo.op
        assert op is not None
        if op.sync_revision is None:
            op.sync_revision, op.sync_source = op.revision, clone(op.source)
        dest = self._destination(cluster, app)
        if dest.invalid:
            op.phase, op.message = ERROR, dest.invalid
            return
        compare = self._compare(cluster, app, memo, project, op.sync_revision or None, op.sync_source)
        op.sync_revision = compare.revision or op.sync_revision
        _set_conditions(memo, compare.conditions, _COMPARE_CONDITIONS)
        errors = [(t, m) for t, m in memo.conditions if t in ("ComparisonError", "InvalidSpecError")]
        if errors:
            op.phase, op.message = ERROR, ";".join(f"{t}: {m}" for t, m in errors)
            return
        if compare.api is None:
            op.phase, op.message = ERROR, f"Failed to get destination cluster: {dest.unreachable}"
            return
        _Sync(self, cluster, app, op, project, dest, compare).run()

    # -- status ---------------------------------------------------------------------------------------------

    def _write_status(self, cluster: Cluster, app: dict, memo: _AppMemo, compare: _Compare | None, name: str) -> None:
        # argoproj/argo-cd@v3.5.1:controller/appcontroller.go processAppRefreshQueueItem()/persistAppStatus() and setOperationState().
        op = memo.op
        # The objects themselves (compared by identity) are kept in `written`, so an id is never reused while compared.
        objects = (compare, op, app.get("status"))
        state = (tuple(memo.conditions), op and (op.phase, op.message, op.finished_at, op.retry_count), app["metadata"].get("resourceVersion"))
        if (memo.written and all(a is b for a, b in zip(memo.written[0], objects, strict=True)) and memo.written[1] == state
                and (op is None or op.phase != RUNNING)):
            return  # the same status again: nothing to write
        spec = app.get("spec") or {}
        old = app.get("status") or {}
        status: dict = {}
        if compare is None:
            status["sync"] = {**(old.get("sync") or {}), "status": UNKNOWN}
            status["health"] = {"status": UNKNOWN}
            if old.get("resources"):
                status["resources"] = old["resources"]
        else:
            compared = {"source": spec.get("source") or {}, "destination": spec.get("destination") or {}}
            status["sync"] = {"status": compare.sync_status, "comparedTo": compared}
            if compare.revision:
                status["sync"]["revision"] = compare.revision
            status["health"] = {"status": compare.health}
            resources = sorted(compare.resources, key=lambda r: (r["group"], r["kind"], r["namespace"], r["name"]))
            if resources:
                status["resources"] = resources
            status["sourceType"] = compare.source_type
        if memo.conditions:
            status["conditions"] = [{"type": t, "message": m} for t, m in memo.conditions]
        if memo.op is not None:
            status["operationState"] = _operation_state(memo.op)
        status["controllerNamespace"] = self.namespace
        key: Key = ("argoproj.io", "Application", self.namespace, name)
        cluster.api.set_status(key, status)
        stored = cluster.api.peek(key)
        if stored is not None:
            memo.written = ((compare, op, stored.get("status")), (state[0], state[1], stored["metadata"].get("resourceVersion")))
        summary = f"{status['sync']['status']}, {status['health']['status']}"
        if memo.logged.get("summary") != summary:
            memo.logged["summary"] = summary
            cluster.log(ACTOR, f"{name}: {summary}", key)

    def _publish_conditions(self, cluster: Cluster, memo: _AppMemo, name: str) -> None:
        # The timeline gets conditions as they appear and clear, once per tick at most.
        published = memo.logged.get("conditions") or []
        if published == memo.conditions:
            return
        key: Key = ("argoproj.io", "Application", self.namespace, name)
        for ctype, message in memo.conditions:
            if (ctype, message) not in published:
                cluster.log(ACTOR, f"{name}: condition {ctype}: {message}", key)
        for ctype, _ in published:  # type: ignore[attr-defined]
            if not any(t == ctype for t, _ in memo.conditions):
                cluster.log(ACTOR, f"{name}: condition {ctype} cleared", key)
        memo.logged["conditions"] = list(memo.conditions)

    def _log_once(self, cluster: Cluster, memo: _AppMemo, slot: str, message: str, key: Key | None = None) -> None:
        if memo.logged.get(slot) != message:
            memo.logged[slot] = message
            cluster.log(ACTOR, message, key)

    def _log_waiting(self, cluster: Cluster, memo: _AppMemo, name: str, key: Key) -> None:
        op = memo.op
        if op is None or not op.where.startswith(("PreSync", "Sync", "PostSync")):
            return
        first = op.waiting[0] if op.waiting else None
        what = (op.where, first.key if first else None, first.status if first else None)
        if memo.logged.get("waiting") == what:
            return
        memo.logged["waiting"] = what
        detail = f" ({first.status}: {first.message})" if first and first.message else f" ({first.status})" if first else ""
        cluster.log(ACTOR, f"{name}: {op.where}: {op.message}{detail}", key)

    # -- deletion and diagnosis -----------------------------------------------------------------------------

    def _forget(self, cluster: Cluster, name: str) -> None:
        # Without finalizers the Application is gone at once; with Argo CD's resources finalizer its controller would
        # have deleted what it manages first (argoproj/argo-cd@v3.5.1:controller/appcontroller.go
        # finalizeApplicationDeletion(); `Delete=false` keeps an object), which happens here right after.
        memo = self._apps.pop(name)
        if RESOURCES_FINALIZER not in memo.finalizers or memo.compare is None or memo.compare.api is None:
            return
        api = memo.compare.api
        for key, obj in sorted(self._index(api).by_app.get(name, {}).items()):
            if _option_value(obj, SYNC_OPTIONS, "Delete") != "false":
                api.delete(key)
                cluster.log(ACTOR, f"{name}: deleted {key[1]}/{key[3]} with its Application", key)

    def _blocker(self, app: dict, memo: _AppMemo) -> Blocker | None:
        name = app["metadata"]["name"]
        status = app.get("status") or {}
        errors = [(t, m) for t, m in memo.conditions if t.endswith("Error")]
        op = memo.op
        if op is not None and op.phase == RUNNING:
            return Blocker(name, self.namespace, op.where or "starting", op.message, op.waiting)
        if errors:
            # A sync that failed for good names what it failed on.
            culprits = op.waiting if op is not None and op.phase in (FAILED, ERROR) and any(t == "SyncError" for t, _ in errors) else ()
            return Blocker(name, self.namespace, "condition", "; ".join(f"{t}: {m}" for t, m in errors), culprits)
        sync, health = (status.get("sync") or {}).get("status"), (status.get("health") or {}).get("status")
        if sync == SYNCED and health == "Healthy":
            return None
        reason = f"sync {sync}, health {health}"
        if op is not None and op.phase != SUCCEEDED:
            reason += f"; last sync {op.phase}: {op.message}"
        objects = []
        api = memo.compare.api if memo.compare else None
        for res in status.get("resources") or []:
            res_health = (res.get("health") or {}).get("status")
            if res.get("status") == OUT_OF_SYNC or (res_health and res_health != "Healthy"):
                namespaced = api is None or api.is_namespaced(res["group"], res["kind"])
                key: Key = (res["group"], res["kind"], res["namespace"] if namespaced else "", res["name"])
                objects.append(Waiting(key, res_health or res.get("status", ""), (res.get("health") or {}).get("message", "")))
        objects.sort(key=lambda w: w.key[:2] != ("argoproj.io", "Application"))
        return Blocker(name, self.namespace, "no operation", reason, tuple(objects))


_COMPARE_CONDITIONS = frozenset({"ComparisonError", "SharedResourceWarning", "RepeatedResourceWarning", "ExcludedResourceWarning"})


def _set_conditions(memo: _AppMemo, new: list[tuple[str, str]], evaluated: set[str] | frozenset[str]) -> None:
    # argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/types.go ApplicationStatus.SetConditions(): replace the
    # evaluated types, keep the others, sort by type and message (the same condition twice is kept once).
    memo.conditions = sorted({c for c in memo.conditions if c[0] not in evaluated} | set(new))


# -- one sync step (argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/sync_context.go) ---------------------------------------------


class _Sync:
    """One call of syncContext.Sync() for one operation."""

    def __init__(self, argo: ArgoCd, cluster: Cluster, app: dict, op: _Operation, project: dict, dest: _Destination,
                 compare: _Compare) -> None:
        self.argo, self.cluster, self.app, self.op, self.project, self.dest, self.compare = argo, cluster, app, op, project, dest, compare
        self.api: ClusterApi = compare.api  # type: ignore[assignment]
        self.name = app["metadata"]["name"]
        self.app_key: Key = ("argoproj.io", "Application", argo.namespace, self.name)
        self.ssa = op.option("ServerSideApply=true")

    # setOperationPhase()
    def _phase(self, phase: str, message: str) -> None:
        self.op.phase, self.op.message = phase, message

    def _result(self, task: _Task, status: str, hook_phase: str, message: str) -> None:
        # setResourceResult(): the latest non-empty message wins; new results are numbered in order.
        task.status, task.hook_phase = status, hook_phase
        if message:
            task.message = message
        existing = self.op.results.get(task.result_key)
        version = task.obj.get("apiVersion", "").rsplit("/", 1)[-1]
        order = existing.order if existing else len(self.op.results) + 1
        self.op.results[task.result_key] = _Result(task.key, task.phase, status, hook_phase, task.message, order, version, task.is_hook)

    def _api_key(self, obj: dict) -> Key:
        return _api_key(obj, self.compare.namespaced)

    # -- tasks ----------------------------------------------------------------------------------------------

    def _tasks(self) -> tuple[list[_Task], bool]:
        # getSyncTasks()
        op, namespace = self.op, self.dest.namespace
        tasks: list[_Task] = []
        for target, live in self.compare.pairs:
            obj = target if target is not None else live
            assert obj is not None
            if op.resources and not any(g == _gk(obj)[0] and k == _gk(obj)[1] and n == _name(obj) for g, k, n in op.resources):
                continue
            if not _self_referenced(live, target) or _is_hook(obj) or _skip(obj):
                continue
            tasks.append(_Task(SYNC, target, live))
        for hook in self.compare.hooks:
            for phase in sorted({t for t in _hook_types(hook) if t in _PHASE_ORDER}, key=_PHASE_ORDER.__getitem__):
                target = clone(hook)
                meta = target["metadata"]
                if not meta.get("name"):
                    # Hooks with generateName get a name from the revision, phase and start time.
                    meta["name"] = f"{meta.get('generateName', '')}{(op.sync_revision or '')[:7]}-{phase}-{int(op.started_at)}".lower()
                tasks.append(_Task(phase, target, None))
        for task in tasks:
            if task.target is not None and not _namespace(task.target) and namespace:
                # "we set namespace in the object ... even though it might be a cluster-scoped resource" (a shallow
                # copy: targets are never changed below the metadata)
                task.target = {**task.target, "metadata": {**task.target["metadata"], "namespace": namespace}}
        if op.option("CreateNamespace=true") and namespace:
            tasks = self._auto_create_namespace(tasks)
        for task in tasks:
            if task.target is not None and task.live is None:
                task.live = self._live_for(task.target)
        valid = True
        has_crd = {(o["spec"].get("group"), o["spec"].get("names", {}).get("kind")) for o in self._targets()
                   if _gk(o) == ("apiextensions.k8s.io", "CustomResourceDefinition") and isinstance(o.get("spec"), dict)}
        for task in tasks:
            group, kind = task.key[:2]
            if not self.api.serves(group, kind):
                skip = (op.option("SkipDryRunOnMissingResource=true") or (group, kind) in has_crd
                        or _has_option(task.target, SYNC_OPTIONS, "SkipDryRunOnMissingResource=true"))
                if skip:
                    task.skip_dry_run = True
                else:
                    self._result(task, "SyncFailed", "", self._not_found(group, kind, task.obj))
                    valid = False
                continue
            error = self._permission_error(task)
            if error:
                self._result(task, "SyncFailed", "", error)
                valid = False
        self._order_prunes(tasks)
        tasks.sort(key=_Task.sort_key)
        _adjust_deps(tasks)
        for task in tasks:
            result = op.results.get(task.result_key)
            if result is not None:
                task.status, task.hook_phase, task.message = result.status, result.hook_phase, result.message
        return tasks, valid

    def _targets(self) -> list[dict]:
        return [t for t, _ in self.compare.pairs if t is not None] + list(self.compare.hooks)

    def _live_for(self, target: dict) -> dict | None:
        # liveObj(): cluster-scoped objects match whatever namespace the target was given.
        group, kind, namespace, name = _obj_key(target)
        for _, live in self.compare.pairs:
            if live is not None and _gk(live) == (group, kind) and _name(live) == name and _namespace(live) in ("", namespace):
                return live
        return None

    def _auto_create_namespace(self, tasks: list[_Task]) -> list[_Task]:
        # autoCreateNamespace() with argoproj/argo-cd@v3.5.1:controller/sync_namespace.go syncNamespace(): a PreSync task creating the
        # destination namespace when no manifest defines it and it does not exist yet.
        namespace = self.dest.namespace
        if any(_gk(t) == ("", "Namespace") and _name(t) == namespace for t in self._targets()):
            return tasks
        live = self.api.peek(("", "Namespace", "", namespace))
        if live is not None:
            return tasks
        managed = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}
        return [*tasks, _Task(PRE_SYNC, managed, None)]

    def _not_found(self, group: str, kind: str, obj: dict) -> str:
        # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/utils/kube/kube.go ServerResourceForGroupVersionKind(): discovery of an
        # unserved group version fails, an unserved kind in a served group is a NotFound for "<Kind>.<group>".
        version = obj.get("apiVersion", "")
        group_served = any(_gk(c)[0] == "apiextensions.k8s.io" and (c.get("spec") or {}).get("group") == group
                           for c in self.api.iter("apiextensions.k8s.io", "CustomResourceDefinition")) or group in _BUILT_IN_GROUPS
        if not group_served:
            return f"failed to discover server resources for group version {version}: the server could not find the requested resource"
        return f'{kind}.{group} "" not found' if group else f'{kind} "" not found'

    def _permission_error(self, task: _Task) -> str:
        # argoproj/argo-cd@v3.5.1:controller/sync.go validateSyncPermissions()
        group, kind, namespace, name = task.key
        namespaced = self.api.is_namespaced(group, kind)
        if not self.argo._permitted(self.project, "kind", group, kind, name, namespaced):
            return f"resource {group}:{kind} is not permitted in project {self.project['metadata']['name']}"
        if namespaced and not self.argo._permitted(self.project, "destination", self.dest.server, self.dest.name, namespace):
            return f"namespace {namespace} is not permitted in project '{self.project['metadata']['name']}'"
        return ""

    def _order_prunes(self, tasks: list[_Task]) -> None:
        # Prune tasks run in reverse wave order (symmetric swap of their waves); PruneLast moves them after the
        # last sync wave.
        prunes = [t for t in tasks if t.is_prune]
        waves = sorted({t.wave() for t in prunes})
        swapped = {w: waves[len(waves) - 1 - i] for i, w in enumerate(waves)}
        for task in prunes:
            task.wave_override = swapped[task.wave()]
        last = max([0, *(t.wave() for t in tasks if t.phase == SYNC)]) + 1
        for task in prunes:
            if self.op.option("PruneLast=true") or _has_option(task.live, SYNC_OPTIONS, "PruneLast=true"):
                task.wave_override = last

    # -- the step -------------------------------------------------------------------------------------------

    def run(self) -> None:
        op = self.op
        tasks, valid = self._tasks()
        if not valid:
            failures = sorted({r.message for r in op.results.values() if r.status == "SyncFailed" and r.message})
            message = "one or more synchronization tasks are not valid"
            self._phase(FAILED, f"{message}: {'; '.join(failures)}" if failures else message)
            self._culprits([t for t in tasks if t.status == "SyncFailed"])
            return
        started = bool(op.results)
        if not started:
            dry = list(tasks)
            ns_task = next((t for t in tasks if t.live is None and t.target is not None and _gk(t.target) == ("", "Namespace")
                            and _name(t.target) == self.dest.namespace), None)
            if ns_task is not None:
                if self._run_tasks([ns_task], dry_run=False) == "failed":
                    self._fail([ns_task], "the namespace failed to apply", [ns_task])
                    return
                self.cluster.log(ACTOR, f"{self.name}: created namespace {self.dest.namespace}", self.app_key)
                dry = [t for t in tasks if t is not ns_task]
            if self._run_tasks(dry, dry_run=True) == "failed":
                self._phase(FAILED, "one or more objects failed to apply (dry run)")
                self._culprits([t for t in dry if t.status == "SyncFailed"])
                return
        for task in tasks:
            # Running tasks complete by the health of their live object (hooks by getOperationPhase()).
            if not task.running or task.live is None:
                continue
            health = self.argo._health_of(self.api, task.live)
            if task.is_hook:
                self._hook_phase(task, health)
            elif health is not None and health.error:
                continue
            elif health is None:
                self._result(task, task.status, SUCCEEDED, task.message)
            elif health.status == "Healthy":
                self._result(task, task.status, SUCCEEDED, health.message)
            elif health.status == "Degraded":
                self._result(task, task.status, FAILED, health.message)
        multi_step = bool(tasks) and (tasks[0].wave(), tasks[0].phase) != (tasks[-1].wave(), tasks[-1].phase)
        running = [t for t in tasks if (multi_step or t.is_hook) and t.running]
        if running:
            for task in running:
                if task.live is None and self.api.peek(self._api_key(task.obj)) is None:
                    self._result(task, "SyncFailed", ERROR, f"Resource {task.label()} is missing, it might have been deleted")
            self._running(running)
            return
        if any(t.completed and t.hook_phase != SUCCEEDED for t in tasks):
            self._delete_hooks([t for t in tasks if t.is_hook and t.live is not None and "HookFailed" in _delete_policies(t.obj)])
            self._fail([t for t in tasks if t.status == "SyncFailed"], "one or more synchronization tasks completed unsuccessfully",
                       [t for t in tasks if t.completed and t.hook_phase != SUCCEEDED])
            return
        pending = [t for t in tasks if t.hook_phase == ""]
        if not pending:
            self._delete_hooks([t for t in tasks if t.is_hook and t.live is not None and "HookSucceeded" in _delete_policies(t.obj)])
            self._phase(SUCCEEDED, "successfully synced (no more tasks)")
            return
        phase, wave = pending[0].phase, pending[0].wave()
        now = [t for t in pending if t.phase == phase and t.wave() == wave]
        remaining = [t for t in pending if not (t.phase == phase and t.wave() == wave)]
        self._phase(RUNNING, "one or more tasks are running")
        state = self._run_tasks(now, dry_run=False)
        self._log_wave(phase, wave, now)
        if state == "failed":
            failed = [t for t in now if t.status == "SyncFailed"]
            self._fail(failed, "one or more objects failed to apply", failed)
        elif state == "successful":
            if not remaining and not any(t.is_hook for t in now):
                # The last wave completes without waiting: "successful EVEN if those objects subsequently degrade".
                self._delete_hooks([t for t in tasks if t.is_hook and t.live is not None and "HookSucceeded" in _delete_policies(t.obj)])
                self._phase(SUCCEEDED, "successfully synced (all tasks run)")
            else:
                self._running(now)
        else:
            self._running([t for t in now if t.delete_before_creation() or (t.is_prune and t.hook_phase == "")], deletion=True)

    def _hook_phase(self, task: _Task, health: Health | None) -> None:
        # getOperationPhase(): Degraded or Unknown fail a hook, Progressing or Suspended keep it running.
        if health is not None and health.error:
            self._result(task, task.status, ERROR, f"failed to get resource health: {health.error}")
        elif health is None:
            self._result(task, task.status, SUCCEEDED, f"{_name(task.obj)} created")
        elif health.status in ("Unknown", "Degraded"):
            self._result(task, task.status, FAILED, health.message)
        elif health.status in ("Progressing", "Suspended"):
            self._result(task, task.status, RUNNING, health.message)
        else:
            self._result(task, task.status, SUCCEEDED, health.message)

    def _fail(self, failed: list[_Task], message: str, culprits: list[_Task]) -> None:
        # executeSyncFailPhase() without SyncFail hooks: the operation fails, naming the failed tasks' messages.
        messages = sorted({t.message for t in failed})
        self._phase(FAILED, f"{message}, reason: {','.join(messages)}" if messages else message)
        self._culprits(culprits)

    def _culprits(self, tasks: list[_Task]) -> None:
        # What a failed attempt is stuck on, for blockers while it waits for its retry.
        waiting = []
        for task in tasks:
            live = self.api.peek(self._api_key(task.obj))
            health = self.argo._health_of(self.api, live) if live is not None else None
            status = task.status if task.status == "SyncFailed" or health is None else health.status
            waiting.append(Waiting(self._api_key(task.obj), status, task.message or (health.message if health else "")))
        self.op.waiting = tuple(waiting)

    def _running(self, tasks: list[_Task], deletion: bool = False) -> None:
        # setRunningPhase(): "waiting for <reason> <group>/<kind>/<name> and N more <resources|hooks>".
        op = self.op
        if not tasks:
            self._phase(RUNNING, "")
            return
        hooks = [t for t in tasks if t.is_hook]
        resources = [t for t in tasks if not t.is_hook]
        reason = "completion of hook" if hooks else "healthy state of"
        kind = "hooks" if not resources else "resources"
        if deletion:
            reason = "deletion of hook" if hooks else "deletion of"
        first, more = (hooks or resources)[0], len(tasks) - 1
        if not self._prune_confirmed():
            confirm = [t for t in tasks if t.is_prune and self._prune_option(t) == "confirm"]
            if confirm:
                reason, first, more = "pruning confirmation of", confirm[0], len(confirm) - 1
        message = f"waiting for {reason} {first.label()}"
        if more > 0:
            message += f" and {more} more {kind}"
        self._phase(RUNNING, message)
        op.where = f"{first.phase} wave {first.wave()}"
        waiting = []
        # The object the message names first, then child Applications (what a stuck message follows), then the rest.
        rest = sorted((t for t in tasks if t is not first), key=lambda t: (t.key[:2] != ("argoproj.io", "Application"), t.sort_key()))
        for task in [first, *rest]:
            live = self.api.peek(self._api_key(task.obj))
            health = self.argo._health_of(self.api, live) if live is not None else Health("Missing", "")
            status = health.status if health is not None else (task.hook_phase or "Running")
            message_of = health.message if health is not None and health.message else task.message
            waiting.append(Waiting(self._api_key(task.obj), status, message_of))
        op.waiting = tuple(waiting)

    def _prune_confirmed(self) -> bool:
        # argoproj/argo-cd@v3.5.1:pkg/apis/application/v1alpha1/types.go Application.IsDeletionConfirmed(): the approval
        # annotation is not older than the operation.
        value = _annotations(self.app).get(DELETION_APPROVED)
        return bool(value) and str(value) >= _timestamp(self.op.started_at)

    def _run_tasks(self, tasks: list[_Task], *, dry_run: bool) -> str:
        # runTasks(): prune first, then delete hooks to be re-created, then apply kind group by kind group.
        prunes = [t for t in tasks if t.is_prune]
        creates = [t for t in tasks if not t.is_prune]
        if not self._prune_confirmed() and any(self._prune_option(t) == "confirm" for t in prunes):
            return "pending"
        state = "successful"
        for task in prunes:
            status, message = self._prune(task, dry_run)
            if status == "SyncFailed":
                state = "failed"
            if not dry_run or status == "SyncFailed":
                self._result(task, status, FAILED if status == "SyncFailed" else SUCCEEDED, message)
        if state != "successful":
            return state
        to_delete = [t for t in creates if t.delete_before_creation()]
        if to_delete and not dry_run:
            for task in to_delete:
                self.api.delete(self._api_key(task.obj))
            return "pending"
        for task in creates:
            if dry_run and task.skip_dry_run:
                continue
            status, message = self._apply(task, dry_run)
            if status == "SyncFailed":
                state = "failed"
            if not dry_run or status == "SyncFailed":
                self._result(task, status, FAILED if status == "SyncFailed" else RUNNING, message)
        return state

    def _prune_option(self, task: _Task) -> str | None:
        # isPruningDisabled() / objRequiresPruneConfirmation(): the object's Prune= option, else the operation's.
        value = _option_value(task.live, SYNC_OPTIONS, "Prune")
        return value if value is not None else self.op.option_value("Prune")

    def _prune(self, task: _Task, dry_run: bool) -> tuple[str, str]:
        # pruneObject()
        if not self.op.prune:
            return "PruneSkipped", "ignored (requires pruning)"
        if self._prune_option(task) == "false":
            return "PruneSkipped", "ignored (no prune)"
        if dry_run:
            return "Pruned", "pruned (dry run)"
        self.api.delete(self._api_key(task.obj))
        return "Pruned", "pruned"

    def _apply(self, task: _Task, dry_run: bool) -> tuple[str, str]:
        # applyObject(): a client-side dry run only checks that the kind is served (kubectl's REST mapping);
        # the wet run writes the object (a full-object apply by the argocd-controller manager).
        target = task.target
        assert target is not None
        group, kind, _, name = _obj_key(target)
        resource = f"{kind.lower()}{'.' + group if group else ''}/{name}"
        if dry_run:
            if not self.api.serves(group, kind):
                where = f'name: "{name}" namespace: "{_namespace(target)}" from "/dev/shm/{name}"'
                unknown = f'no matches for kind "{kind}" in version "{target.get("apiVersion", "")}"'
                return "SyncFailed", f"resource mapping not found for {where}: {unknown}"
            return "Synced", f"{resource} configured (dry run)"
        key = self._api_key(target)
        before = self.api.peek(key)
        revision = before["metadata"].get("resourceVersion") if before else None
        client_side = not self.ssa or _has_option(target, SYNC_OPTIONS, "ServerSideApply=false")
        try:
            # Targets are never changed below their metadata (see `_tasks`): the stored object may share them.
            stored = self.api.apply(target, manager=MANAGER, shared=True)
        except ApiError as err:
            # gitops-engine/pkg/sync/sync_context.go applyObject() passes Force=true (Application or resource option) as
            # DeleteOptions.ForceDeletion (gitops-engine/pkg/utils/kube/resource_ops.go newApplyOptions); a client-side
            # apply then deletes and re-creates an object whose patch is refused as Conflict or Invalid
            # (k8s.io/kubectl@v0.36.1:pkg/cmd/apply/patcher.go Patch, deleteAndCreate). Server-side apply has no such path.
            force = self.op.option("Force=true") or _has_option(target, SYNC_OPTIONS, "Force=true")
            if not (before is not None and force and client_side and err.code in (409, 422)):
                return "SyncFailed", err.message
            self.api.delete(key)
            try:
                self.api.apply(target, manager=MANAGER, shared=True)
            except ApiError as again:
                return "SyncFailed", again.message
            return "Synced", f"{resource} replaced"
        if self.ssa and not client_side:
            return "Synced", f"{resource} serverside-applied"
        if before is None:
            return "Synced", f"{resource} created"
        return "Synced", f"{resource} {'unchanged' if stored['metadata'].get('resourceVersion') == revision else 'configured'}"

    def _delete_hooks(self, tasks: list[_Task]) -> None:
        for task in tasks:
            self.api.delete(self._api_key(task.obj))

    def _log_wave(self, phase: str, wave: int, tasks: list[_Task]) -> None:
        applied = [t for t in tasks if t.status in ("Synced", "Pruned")]
        if not applied:
            return
        names = [f"{t.key[1]}/{t.key[3]}" + (" (pruned)" if t.status == "Pruned" else "") for t in applied]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        self.cluster.log(ACTOR, f"{self.name}: {phase} wave {wave}: applied {len(applied)}: {shown}", self.app_key)


_BUILT_IN_GROUPS = frozenset({"", "apps", "batch", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "apiextensions.k8s.io",
                              "admissionregistration.k8s.io", "apiregistration.k8s.io", "coordination.k8s.io", "scheduling.k8s.io"})


# -- module helpers --------------------------------------------------------------------------------------------


def _parse_tracking(value: str) -> tuple[str, str, str, str, str] | None:
    # argoproj/argo-cd@v3.5.1:util/argo/resource_tracking.go ParseAppInstanceValue(): `<app>:<group>/<kind>:<namespace>/<name>`
    parts = value.split(":", 2)
    if len(parts) != 3:
        return None
    group_kind, namespace_name = parts[1].split("/"), parts[2].split("/")
    if len(group_kind) != 2 or len(namespace_name) != 2:
        return None
    return parts[0], group_kind[0], group_kind[1], namespace_name[0], namespace_name[1]


def _self_referenced(live: dict | None, target: dict | None) -> bool:
    # argoproj/argo-cd@v3.5.1:controller/state.go isSelfReferencedObj(): the tracking id (from the target, else from the
    # live annotation) must name the live object itself; a copied annotation does not make an object ours.
    if live is None:
        return True
    if target is not None:
        group, kind, namespace, name = _obj_key(target)
    else:
        parsed = _parse_tracking(str(_annotations(live).get(TRACKING_ID, "")))
        if parsed is None:
            return True
        _, group, kind, namespace, name = parsed
    return (_namespace(live) in (namespace, "")) and _name(live) == name and _gk(live) == (group, kind)


def _self_app(app: dict, live: dict) -> bool:
    # argoproj/argo-cd@v3.5.1:controller/appcontroller.go isSelfReferencedApp()
    return (_gk(live) == ("argoproj.io", "Application") and live["metadata"].get("uid") == app["metadata"].get("uid")
            and _name(live) == _name(app) and _namespace(live) == _namespace(app))


def _api_key(obj: dict, namespaced: Callable[[str, str], bool]) -> Key:
    group, kind, namespace, name = _obj_key(obj)
    return (group, kind, namespace if namespaced(group, kind) else "", name)


def _reconcile(targets: list[dict], live: dict[Key, dict], namespace: str, namespaced: Callable[[str, str], bool]
               ) -> list[tuple[dict | None, dict | None]]:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/reconcile.go Reconcile(): pair each target with its live object; tracked live
    # objects nobody wants come last (they are what pruning deletes).
    left = dict(live)
    pairs: list[tuple[dict | None, dict | None]] = []
    for target in targets:
        group, kind, ns, name = _obj_key(target)
        found = left.pop((group, kind, ns or namespace, name), None) if namespaced(group, kind) else left.pop((group, kind, "", name), None)
        pairs.append((target, found))
    pairs += [(None, obj) for _, obj in sorted(left.items())]
    return pairs


def _adjust_deps(tasks: list[_Task]) -> None:
    # argoproj/argo-cd@v3.5.1:gitops-engine/pkg/sync/sync_tasks.go Sort(): a Namespace moves before (and into the wave
    # of) the first task in it, a CRD before the first object of its kind.
    def bubble(is_dep: Callable[[dict], str | None], refers: Callable[[dict], str | None]) -> None:
        first: dict[str, int] = {}
        for i in range(len(tasks)):
            task = tasks[i]
            if task.target is None:
                continue
            dep = is_dep(task.target)
            if dep is not None:
                index = first.get(dep)
                if index is not None:
                    task.wave_override, task.phase = tasks[index].wave(), tasks[index].phase
                    tasks.insert(index, tasks.pop(i))
                    for other, at in list(first.items()):
                        if at >= index:
                            first[other] = at + 1
            else:
                ref = refers(task.target)
                if ref is not None and ref not in first:
                    first[ref] = i

    bubble(lambda o: _name(o) if _gk(o) == ("", "Namespace") else None, lambda o: _namespace(o) or None)

    def crd(obj: dict) -> str | None:
        spec = obj.get("spec") if _gk(obj) == ("apiextensions.k8s.io", "CustomResourceDefinition") else None
        if not isinstance(spec, dict) or not spec.get("group") or not (spec.get("names") or {}).get("kind"):
            return None
        return f"{spec['group']}/{spec['names']['kind']}"

    bubble(crd, lambda o: "{}/{}".format(*_gk(o)))


def _secret_field(secret: dict, name: str) -> str:
    value = (secret.get("data") or {}).get(name)
    if value is not None:
        try:
            return base64.b64decode(str(value)).decode()
        except (ValueError, UnicodeDecodeError):
            return ""
    # A real API server turns stringData into data; the in-memory one keeps what was written.
    return str((secret.get("stringData") or {}).get(name) or "")


_PARSED: dict[tuple[str, bytes], tuple[tuple[dict, ...], str]] = {}
# Normalized target objects by (id of the raw object, app, namespace, scope), for every world in the process. The raw
# object is kept beside its normalized copy, so the id cannot be reused while the entry exists; both are read-only.
_NORMALIZED: dict[tuple, tuple[dict, dict]] = {}


def _parse_manifest(filename: str, content: bytes, objects: list[dict]) -> str:
    # Parsed once per content and process (the vendored CRDs are megabytes); the objects are shared and never changed.
    cache_key = (filename.rsplit(".", 1)[-1], hashlib.sha256(content).digest())
    if cache_key not in _PARSED:
        found: list[dict] = []
        error = _parse_file(filename, content, found)
        _PARSED[cache_key] = (tuple(found), error)
    parsed, error = _PARSED[cache_key]
    objects.extend(parsed)
    return error.replace("{filename}", filename)


def _parse_file(filename: str, content: bytes, objects: list[dict]) -> str:
    # argoproj/argo-cd@v3.5.1:reposerver/repository/repository.go getObjsFromYAMLOrJSON(): JSON files hold one object,
    # YAML files any number of documents; a broken file that looks like a manifest is an error, other broken YAML is
    # ignored.
    filename = "{filename}"
    text = content.decode("utf-8", errors="replace")
    if filename.endswith(".json"):
        try:
            found = [json.loads(text)]
        except json.JSONDecodeError as err:
            return f'Failed to unmarshal "{filename}": {err}'
    else:
        try:
            found = list(yaml.load_all(text, Loader=_Loader))
        except yaml.YAMLError as err:
            if "apiVersion:" in text and "kind:" in text and "metadata:" in text:
                return f'Failed to unmarshal "{filename}": {err}'
            return ""
    for doc in found:
        if not isinstance(doc, dict):
            continue
        # GenerateManifests(): a List's items are its objects; a null list is nothing.
        if str(doc.get("kind", "")).endswith("List") and "items" in doc and "spec" not in doc:
            objects.extend(item for item in doc.get("items") or [] if isinstance(item, dict))
        else:
            objects.append(doc)
    return ""


def _operation_state(op: _Operation) -> dict:
    # pkg/apis/application/v1alpha1 OperationState as the controller writes it.
    sync: dict = {"revision": op.revision, "prune": op.prune, "syncOptions": list(op.sync_options)}
    if op.resources:
        sync["resources"] = [{"group": g, "kind": k, "name": n} for g, k, n in op.resources]
    if op.self_heal_attempts:
        sync["selfHealAttemptsCount"] = op.self_heal_attempts
    state: dict = {
        "operation": {"sync": sync, "initiatedBy": {"automated": True}, "retry": op.retry},
        "phase": op.phase, "message": op.message, "startedAt": _timestamp(op.started_at),
    }
    if op.finished_at is not None:
        state["finishedAt"] = _timestamp(op.finished_at)
    if op.retry_count:
        state["retryCount"] = op.retry_count
    if op.sync_revision is not None:
        results = sorted(op.results.values(), key=lambda r: r.order)
        state["syncResult"] = {
            "revision": op.sync_revision, "source": op.sync_source or {},
            "resources": [{"group": r.key[0], "version": r.version, "kind": r.key[1], "namespace": r.key[2], "name": r.key[3],
                           "status": r.status, "message": r.message, "syncPhase": r.phase,
                           **({"hookPhase": r.hook_phase} if r.hook_phase else {}), **({"hookType": r.phase} if r.hook else {})}
                          for r in results],
        }
    return state
