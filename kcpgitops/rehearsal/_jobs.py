"""CronJobs in simulated time, running the REAL jobs in-process: `python -m bridge run` and `python -m workspace_clusters`.

Per tick, for every CronJob in the cluster's API (kubernetes/kubernetes@v1.33.0:
pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob() and pkg/controller/cronjob/utils.go mostRecentScheduleTime()):

- the most recent unmet schedule time after `status.lastScheduleTime` (else the creation time; not earlier than
  now - `startingDeadlineSeconds`) creates a Job; older missed times are dropped, as upstream does;
- `concurrencyPolicy: Forbid` skips schedules while a Job is still active (here: one whose pod could not start);
- `suspend: true` schedules nothing.

A Job's pod is admitted only when its ServiceAccount exists (kubernetes/kubernetes@v1.33.0:
plugin/pkg/admission/serviceaccount/admission.go Admit()), and starts only when every Secret and ConfigMap volume it
mounts exists with the keys it names (the kubelet reports FailedMount until then); the Job stays active until
`activeDeadlineSeconds` (kubernetes/kubernetes@v1.33.0:pkg/controller/job/job_controller.go pastActiveDeadline()). A
failed pod is retried up to `backoffLimit` times after 10 s, 20 s, 40 s ... (same file, DefaultJobPodFailureBackOff).
Runs take no simulated time.

The program is the container's `command` (`python -m <module>`) or the image's ENTRYPOINT (`Dockerfile.bridge`:
`python -m bridge`; `Dockerfile.workspace-clusters`: `python -m workspace_clusters`). Its mounts are materialised in
a temporary directory (removed after the run) and its arguments re-rooted there. The in-cluster defaults cannot work
in-process (`KUBERNETES_SERVICE_HOST` and the fixed `/var/run/secrets/kubernetes.io/serviceaccount` path), so these
flags are added, both programs accept them:

- `--api-server <LoopbackApiServer url>`: cluster 1's API on loopback HTTPS instead of the in-cluster address;
- `--token-file <mount>/token`: a token the LoopbackApiServer maps to `system:serviceaccount:<ns>:<serviceAccountName>`;
- `--ca-file <mount>/ca.crt`: the loopback CA, as the service-account volume's `ca.crt`.

Repository URLs in mounted YAML (`repoURL` keys, e.g. the bridge's config.yaml) are rewritten through `url_map`,
kcp-ws-clusters' `--front-proxy-url` through `url_map` or a URL the `resolve` callback returns; `GIT_SSL_CAINFO` points
git at the loopback CA during the run.

A schedule whose inputs did not change since the last run (the CronJob's generation, the resourceVersions of every
mounted Secret/ConfigMap and of every object the ServiceAccount's Roles name, the Git head for the bridge, the
resolved URLs) is skipped and recorded as skipped with the last run's exit code; the CronJob's status is left as that
run wrote it, so a quiet fleet stays quiet (no status write every five simulated minutes).
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import bridge.cli
import workspace_clusters.cli

from ._api import Key
from ._apiserver import LoopbackApiServer
from ._world import Cluster

__all__ = ["CronJobs", "CronSchedule", "JobRun", "start_cluster_endpoint"]

START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""Simulated time zero."""
SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"
"""Where the service-account token is mounted (kubernetes/kubernetes@v1.33.0:plugin/pkg/admission/serviceaccount/admission.go
DefaultAPITokenMountPath)."""
_FIRST_BACKOFF = 10.0
_MAX_BACKOFF = 600.0
_MAX_OUTPUT_LINES = 6
_HEX_ID = re.compile(r"\b[0-9a-f]{12,64}\b")
_TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$")


@dataclass(frozen=True)
class JobRun:
    """One scheduled run of a CronJob."""

    time: float
    """Simulated seconds when it ran (or was skipped, or its pod failed to start)."""
    job: str
    """The Job's name (`<cronjob>-<scheduled minutes since the Unix epoch>`, as the CronJob controller names it)."""
    exit_code: int | None
    """The program's exit code (a skipped run repeats the last one's); None when the pod could not start."""
    skipped: bool = False
    """Inputs unchanged since the last run: not run again, same outcome."""
    started: bool = True
    """False when the pod could not be created or could not mount its volumes."""
    output: str = ""
    """The program's stdout and stderr (the jobs never print secret values), or why the pod did not start."""

    @property
    def succeeded(self) -> bool:
        """Exited 0 (or was skipped after a run that did)."""
        return self.started and self.exit_code == 0


# -- cron schedules ------------------------------------------------------------------------------------------------

_MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_NAMES = [
    {},
    {},
    {},
    {n: i + 1 for i, n in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])},
    {n: i for i, n in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])},
]
_BOUNDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]


@dataclass(frozen=True)
class CronSchedule:
    """A standard five-field cron schedule (minute hour day-of-month month day-of-week), evaluated in UTC.

    robfig/cron@v3.0.1:parser.go getRange()/spec.go dayMatches() (the parser kube-controller-manager uses): `*`,
    `a`, `a-b`, `*/n`, `a-b/n`, `a/n` (a to the maximum), comma lists, month and weekday names, 7 as Sunday,
    the @hourly/@daily/... macros. When either day field starts with `*` both day fields must match, otherwise
    either may.
    """

    fields: tuple[frozenset[int], ...]
    """Allowed values of minute, hour, day of month, month, day of week."""
    dom_star: bool
    """The day-of-month field started with `*`."""
    dow_star: bool
    """The day-of-week field started with `*`."""

    @classmethod
    def parse(cls, text: str) -> CronSchedule:
        """Parse; ValueError names the broken field."""
        spec = _MACROS.get(text.strip(), text.strip())
        parts = spec.split()
        if len(parts) != 5:
            raise ValueError(f"expected 5 fields, found {len(parts)}: {text!r}")
        fields = tuple(_parse_field(part, index) for index, part in enumerate(parts))
        return cls(fields=fields, dom_star=parts[2].startswith(("*", "?")), dow_star=parts[4].startswith(("*", "?")))

    def matches(self, when: datetime.datetime) -> bool:
        """Whether a minute is a firing time."""
        minute, hour, dom, month, dow = self.fields
        return when.minute in minute and when.hour in hour and when.month in month and self._day(when, dom, dow)

    def _day(self, when: datetime.datetime, dom: frozenset[int], dow: frozenset[int]) -> bool:
        dom_ok, dow_ok = when.day in dom, (when.isoweekday() % 7) in dow
        return (dom_ok and dow_ok) if (self.dom_star or self.dow_star) else (dom_ok or dow_ok)

    def next_after(self, seconds: float) -> float | None:
        """The first firing time strictly after a simulated time, or None within five years (e.g. `0 0 30 2 *`)."""
        when = (START + datetime.timedelta(seconds=int(seconds) // 60 * 60 + 60)).replace(second=0, microsecond=0)
        limit = when + datetime.timedelta(days=5 * 366)
        minute, hour, dom, month, dow = self.fields
        while when < limit:
            if when.month not in month:
                when = (when.replace(day=1, hour=0, minute=0) + datetime.timedelta(days=32)).replace(day=1)
            elif not self._day(when, dom, dow):
                when = when.replace(hour=0, minute=0) + datetime.timedelta(days=1)
            elif when.hour not in hour:
                when = when.replace(minute=0) + datetime.timedelta(hours=1)
            elif when.minute not in minute:
                when += datetime.timedelta(minutes=1)
            else:
                return (when - START).total_seconds()
        return None


def _parse_field(text: str, index: int) -> frozenset[int]:
    low, high = _BOUNDS[index]
    names = _NAMES[index]
    values: set[int] = set()
    for item in text.lower().split(","):
        span, _, step_text = item.partition("/")
        if step_text and (not step_text.isdigit() or int(step_text) < 1):
            raise ValueError(f"field {index + 1} ({text!r}): bad step {step_text!r}")
        step = int(step_text) if step_text else 1
        if span in ("*", "?"):
            start, end = low, high
        else:
            first, dash, last = span.partition("-")
            start = _value(first, names, text, index)
            end = _value(last, names, text, index) if dash else (high if step_text else start)
        if index == 4 and end == 7:
            values.add(0)  # 7 is Sunday too
            end = 6
        if not (low <= start <= end <= high) and not (index == 4 and start == 7):
            raise ValueError(f"field {index + 1} ({text!r}): out of range {low}-{high}")
        values.update(range(start, end + 1, step))
    return frozenset(values)


def _value(text: str, names: Mapping[str, int], field_text: str, index: int) -> int:
    if text in names:
        return names[text]
    if not text.isdigit():
        raise ValueError(f"field {index + 1} ({field_text!r}): {text!r} is not a number")
    return int(text)


# -- the runner ----------------------------------------------------------------------------------------------------


@dataclass
class _Active:
    """A Job the controller created and that has not finished."""

    name: str
    """The Job's name."""
    scheduled: float
    """The schedule time it was created for."""
    deadline: float | None
    """scheduled + activeDeadlineSeconds, if set."""
    backoff_limit: int
    """Failed pods allowed before the Job fails (`backoffLimit`, default 6)."""
    failures: int = 0
    """Failed pods so far."""
    not_before: float = 0.0
    """Back-off: the next pod starts no earlier."""
    blocked: str = ""
    """Why its pod cannot start (logged once per reason)."""


@dataclass
class _State:
    """What the runner remembers of one CronJob (by uid)."""

    last_schedule: float | None = None
    """The last schedule time a Job was created for (also when status was not written)."""
    active: _Active | None = None
    """The unfinished Job."""
    last_inputs: str | None = None
    """Inputs digest of the last run."""
    last_exit: int | None = None
    """Exit code of the last run."""
    skipping: bool = False
    """Skips have been logged since the last real run."""
    unsupported_logged: bool = False
    """An unrunnable program or schedule was logged."""


@dataclass
class _Pod:
    """What a Job's pod needs: program, arguments, mounts."""

    program: str
    """`bridge` or `workspace_clusters`."""
    args: list[str]
    """The container's args."""
    namespace: str
    """The CronJob's namespace."""
    service_account: str
    """serviceAccountName."""
    automount: bool
    """Whether the service-account token is mounted."""
    mounts: list[tuple[str, dict, str]] = field(default_factory=list)
    """(mountPath, volume, subPath)."""


class CronJobs:
    """The CronJob controller, Job controller and kubelet for the jobs the project renders, on one cluster."""

    name = "cronjob"

    def __init__(
        self,
        *,
        api_server: LoopbackApiServer,
        url_map: Mapping[str, str],
        git_head: Callable[[], str],
        workdir: Path,
        resolve: Callable[[str], str | None] | None = None,
        git_ca_file: Path | None = None,
    ) -> None:
        self.api_server = api_server
        """Serves this cluster's API to the jobs."""
        self.url_map = dict(url_map)
        """Repository (or URL prefix) as rendered -> loopback URL the job uses instead."""
        self.git_head = git_head
        """The Git remote's head (an input of the skip check)."""
        self.workdir = workdir
        """Where pods' volumes are materialised during a run."""
        self.resolve = resolve
        """Called with kcp-ws-clusters' `--front-proxy-url`: a URL returned replaces it; an address or None keeps it."""
        self.git_ca_file = git_ca_file or api_server.ca_file
        """CA for `GIT_SSL_CAINFO` (the loopback CA of the Git remote)."""
        self._states: dict[tuple[str, str], _State] = {}
        self._runs: dict[tuple[str, str], list[JobRun]] = {}
        self._counter = 0

    def runs(self, cluster: Cluster | str, name: str) -> list[JobRun]:
        """Every run of a CronJob (by name) on a cluster, oldest first."""
        cluster_name = cluster if isinstance(cluster, str) else cluster.name
        return list(self._runs.get((cluster_name, name), []))

    def reconcile(self, cluster: Cluster) -> None:
        """Create due Jobs, start pods that can start, finish Jobs past their deadline."""
        for cronjob in list(cluster.api.iter("batch", "CronJob")):
            self._reconcile_one(cluster, cronjob)

    # -- the CronJob controller ------------------------------------------------------------------------------

    def _reconcile_one(self, cluster: Cluster, cronjob: dict) -> None:
        meta, spec = cronjob["metadata"], cronjob.get("spec") or {}
        key: Key = ("batch", "CronJob", meta["namespace"], meta["name"])
        state = self._states.setdefault((cluster.name, meta["uid"]), _State())
        # A Kubernetes CronJob always serialises a (possibly empty) status; Argo CD's CronJob health check
        # (argoproj/argo-cd@v3.5.1:resource_customizations/batch/CronJob/health.lua) reads it.
        if "status" not in cronjob:
            cluster.api.set_status(key, {})
        pod = self._pod(cronjob)
        if pod is None:
            if not state.unsupported_logged:
                state.unsupported_logged = True
                cluster.log(self.name, f"cronjob {meta['name']}: the rehearsal does not run this program; left unscheduled", key)
            return
        now = cluster.now
        if state.active is not None:
            self._advance(cluster, cronjob, state, pod, key)
        if spec.get("suspend"):
            return
        try:
            schedule = _schedule(spec.get("schedule", ""))
        except ValueError as exc:
            if not state.unsupported_logged:
                state.unsupported_logged = True
                cluster.log(self.name, f"cronjob {meta['name']}: unparseable schedule: {exc}", key)
            return
        earliest = state.last_schedule
        if earliest is None:
            status_time = _seconds((cronjob.get("status") or {}).get("lastScheduleTime"))
            earliest = status_time if status_time is not None else (_seconds(meta.get("creationTimestamp")) or 0.0)
        deadline = spec.get("startingDeadlineSeconds")
        if deadline is not None:
            earliest = max(earliest, now - float(deadline))
        scheduled = _most_recent(schedule, earliest, now)
        if scheduled is None:
            return
        if state.active is not None:
            if spec.get("concurrencyPolicy", "Allow") == "Forbid":
                # kubernetes/kubernetes@v1.33.0:pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob(): "Not starting
                # job because prior execution is running and concurrency policy is Forbid" (lastScheduleTime stays).
                return
            # Replace deletes the running Job; Allow would keep it too, but one stuck pod or two make the same
            # difference here: the newest Job's pod starts once its volumes exist.
            state.active = None
        state.last_schedule = scheduled
        template = spec.get("jobTemplate", {}).get("spec", {})
        job_deadline = template.get("activeDeadlineSeconds")
        state.active = _Active(
            # kubernetes/kubernetes@v1.33.0:pkg/controller/cronjob/utils.go getJobName(): <cronjob>-<scheduled time in minutes>
            name=f"{meta['name']}-{int((START.timestamp() + scheduled) // 60)}",
            scheduled=scheduled,
            deadline=scheduled + float(job_deadline) if job_deadline is not None else None,
            backoff_limit=int(template.get("backoffLimit", 6)),
        )
        self._advance(cluster, cronjob, state, pod, key)
        if state.active is not None:
            self._write_status(cluster, key, cronjob, state, success=None)  # the Job is still running (or stuck)

    def _advance(self, cluster: Cluster, cronjob: dict, state: _State, pod: _Pod, key: Key) -> None:
        """Try to run the active Job's pod now; fail the Job past its deadline."""
        active = state.active
        assert active is not None
        cronjob_name = cronjob["metadata"]["name"]
        now = cluster.now
        if active.deadline is not None and now >= active.deadline:
            reason = f"; the pod never started: {active.blocked}" if active.blocked else ""
            cluster.log(self.name, f"job {cronjob_name}: failed: DeadlineExceeded (activeDeadlineSeconds){reason}", key)
            state.active = None
            self._write_status(cluster, key, cronjob, state, success=None)
            return
        if now < active.not_before:
            return
        blocked = self._blocker(cluster, pod)
        if blocked:
            if blocked != active.blocked:
                active.blocked = blocked
                cluster.log(self.name, f"job {cronjob_name}: pod cannot start: {blocked}", key)
                self._record(cluster, cronjob_name, JobRun(now, active.name, None, started=False, output=blocked))
            return
        inputs = self._inputs(cluster, cronjob, pod)
        if state.last_inputs == inputs and state.last_exit is not None:
            # The jobs are deterministic given their inputs (loopback Git and API, no transient faults): the same
            # inputs give the same outcome, so the run is skipped and its Job ends as the last one did. The status
            # is left as that run wrote it, which Argo CD's CronJob health reads the same way.
            self._record(cluster, cronjob_name, JobRun(now, active.name, state.last_exit, skipped=True))
            if not state.skipping:
                state.skipping = True
                cluster.log(self.name, f"job {cronjob_name}: inputs unchanged since the last run (exit {state.last_exit}); "
                                       "skipping until they change", key)  # fmt: skip
            state.active = None
            return
        state.skipping = False
        code, output = self._run(cluster, pod)
        state.last_inputs, state.last_exit = inputs, code
        self._record(cluster, cronjob_name, JobRun(now, active.name, code, output=output))
        cluster.log(self.name, f"job {cronjob_name}: exit {code}: {self._summary(output)}", key)
        if code == 0:
            state.active = None
            self._write_status(cluster, key, cronjob, state, success=now)
            return
        active.failures += 1
        if active.failures > active.backoff_limit:
            cluster.log(self.name, f"job {cronjob_name}: failed: BackoffLimitExceeded ({active.failures} failed pod(s))", key)
            state.active = None
            self._write_status(cluster, key, cronjob, state, success=None)
        else:
            active.not_before = now + min(_FIRST_BACKOFF * 2 ** (active.failures - 1), _MAX_BACKOFF)

    def _write_status(self, cluster: Cluster, key: Key, cronjob: dict, state: _State, *, success: float | None) -> None:
        # kubernetes/kubernetes@v1.33.0:pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob(): lastScheduleTime
        # when a Job is created, the active Jobs, lastSuccessfulTime from the newest completed Job. Written only for real
        # runs and failures (see the module docstring).
        live = cluster.api.peek(key)
        if live is None:
            return
        status = dict(live.get("status") or {})
        if state.last_schedule is not None:
            status["lastScheduleTime"] = _timestamp(state.last_schedule)
        if state.active is not None:
            status["active"] = [{"apiVersion": "batch/v1", "kind": "Job", "namespace": key[2], "name": state.active.name}]
        else:
            status.pop("active", None)
        if success is not None:
            status["lastSuccessfulTime"] = _timestamp(success)
        cluster.api.set_status(key, status)

    def _record(self, cluster: Cluster, cronjob_name: str, run: JobRun) -> None:
        self._runs.setdefault((cluster.name, cronjob_name), []).append(run)

    # -- the pod ---------------------------------------------------------------------------------------------

    def _pod(self, cronjob: dict) -> _Pod | None:
        template = ((cronjob.get("spec") or {}).get("jobTemplate") or {}).get("spec", {}).get("template", {}).get("spec") or {}
        containers = template.get("containers") or []
        if len(containers) != 1:
            return None
        container = containers[0]
        program = _program(container)
        if program is None:
            return None
        volumes = {v.get("name"): v for v in template.get("volumes") or []}
        mounts = [(m["mountPath"], volumes.get(m.get("name"), {}), m.get("subPath", "")) for m in container.get("volumeMounts") or []]
        return _Pod(
            program=program,
            args=[str(a) for a in container.get("args") or []],
            namespace=cronjob["metadata"]["namespace"],
            service_account=template.get("serviceAccountName") or "default",
            automount=template.get("automountServiceAccountToken", True) is not False,
            mounts=mounts,
        )

    def _blocker(self, cluster: Cluster, pod: _Pod) -> str:
        """Why the pod cannot be created or start ("" when it can)."""
        if cluster.api.peek(("", "ServiceAccount", pod.namespace, pod.service_account)) is None:
            return f"serviceaccount {pod.namespace}/{pod.service_account} not found"
        for _, volume, _ in pod.mounts:
            for kind, ref in _volume_sources(volume):
                name = ref.get("secretName") if kind == "Secret" else ref.get("name")
                obj = cluster.api.peek(("", kind, pod.namespace, name or ""))
                if obj is None:
                    if not ref.get("optional"):
                        return f"{kind.lower()} {pod.namespace}/{name} not found"
                    continue
                have = _keys(obj)
                for item in ref.get("items") or []:
                    if item.get("key") not in have and not ref.get("optional"):
                        return f"{kind.lower()} {pod.namespace}/{name} has no key {item.get('key')!r}"
        return ""

    def _inputs(self, cluster: Cluster, cronjob: dict, pod: _Pod) -> str:
        """A digest of everything a run reads (resourceVersions, the Git head, resolved URLs), never of values."""
        parts: list[Any] = [cronjob["metadata"]["uid"], cronjob["metadata"].get("generation"), sorted(self.url_map.items())]
        if pod.program == "bridge":
            parts.append(self.git_head())  # what the bridge compares its output with
        for _, volume, _ in pod.mounts:
            for kind, ref in _volume_sources(volume):
                name = ref.get("secretName") if kind == "Secret" else ref.get("name")
                parts.append((kind, name, _version(cluster, ("", kind, pod.namespace, name or ""))))
        user_ns, user = pod.namespace, pod.service_account
        for binding in cluster.api.iter("rbac.authorization.k8s.io", "RoleBinding"):
            subjects = binding.get("subjects") or []
            if not any(
                s.get("kind") == "ServiceAccount"
                and s.get("name") == user
                and (s.get("namespace") or binding["metadata"]["namespace"]) == user_ns
                for s in subjects
            ):
                continue
            namespace = binding["metadata"]["namespace"]
            ref = binding.get("roleRef") or {}
            role_key: Key = (
                "rbac.authorization.k8s.io",
                ref.get("kind", ""),
                namespace if ref.get("kind") == "Role" else "",
                ref.get("name", ""),
            )
            role = cluster.api.peek(role_key)
            parts.append((namespace, binding["metadata"]["name"], binding["metadata"].get("resourceVersion"), _version(cluster, role_key)))
            for rule in (role or {}).get("rules") or []:
                for group in rule.get("apiGroups") or []:
                    for resource in rule.get("resources") or []:
                        kind = cluster.api.kind_for_resource(group, resource)
                        for name in rule.get("resourceNames") or []:
                            parts.append((group, resource, namespace, name, _version(cluster, (group, kind or "", namespace, name))))
        if pod.program == "workspace_clusters":
            parts.append(self._front_proxy(pod.args))
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()

    def _front_proxy(self, args: list[str]) -> tuple[str, str | None] | None:
        for index, arg in enumerate(args[:-1]):
            if arg == "--front-proxy-url":
                url = args[index + 1]
                return self._map_url(url, front_proxy=True), self.resolve(url) if self.resolve else None
        return None

    def _map_url(self, url: str, *, front_proxy: bool = False) -> str:
        if front_proxy and self.resolve is not None:
            # A URL replaces the rendered one. A bare address (a DNS answer) or None keeps it: kcp-ws-clusters never
            # connects to the front-proxy, it writes the URL into Argo CD's cluster Secrets, where the public name
            # belongs; the answer still counts as an input of the skip check (`_front_proxy`).
            resolved = self.resolve(url)
            if resolved and "://" in resolved:
                return resolved
        if url in self.url_map:
            return self.url_map[url]
        for prefix in sorted(self.url_map, key=len, reverse=True):
            if url.startswith(prefix.rstrip("/") + "/"):
                return self.url_map[prefix].rstrip("/") + url[len(prefix.rstrip("/")) :]
        return url

    # -- running the program ---------------------------------------------------------------------------------

    def _run(self, cluster: Cluster, pod: _Pod) -> tuple[int, str]:
        self._counter += 1
        root = self.workdir / f"{cluster.name}-{self._counter:05d}"
        root.mkdir(parents=True, exist_ok=False)
        try:
            mount_paths = self._materialise(cluster, pod, root)
            argv = [self._reroot(arg, mount_paths, root) for arg in pod.args]
            rewritten: list[tuple[str, str]] = []
            if pod.program == "workspace_clusters":
                argv, rewritten = self._front_proxy_flag(argv)
            if "--api-server" not in argv:
                argv += ["--api-server", self.api_server.url]
                if pod.automount:
                    sa = root / SA_DIR.lstrip("/")
                    argv += ["--token-file", str(sa / "token"), "--ca-file", str(sa / "ca.crt")]
            return _invoke(pod.program, argv, env={"GIT_SSL_CAINFO": str(self.git_ca_file)}, scrub=self._scrubber(root, rewritten))
        finally:
            shutil.rmtree(root, ignore_errors=True)

    def _materialise(self, cluster: Cluster, pod: _Pod, root: Path) -> list[str]:
        """Write the pod's volumes under root; return the mount paths."""
        paths = []
        for mount_path, volume, sub_path in pod.mounts:
            target = root / mount_path.lstrip("/")
            paths.append(mount_path)
            files: dict[str, bytes] = {}
            for kind, ref in _volume_sources(volume):
                name = ref.get("secretName") if kind == "Secret" else ref.get("name")
                obj = cluster.api.get("", kind, pod.namespace, name or "")
                if obj is None:
                    continue
                content = {k: _rewrite_yaml(k, v, self._map_url) for k, v in _keys(obj).items()}
                items = ref.get("items")
                if items:
                    files.update({item["path"]: content[item["key"]] for item in items if item.get("key") in content})
                else:
                    files.update(content)
            if sub_path:
                target.parent.mkdir(parents=True, exist_ok=True)
                if sub_path in files:
                    target.write_bytes(files[sub_path])
                continue
            target.mkdir(parents=True, exist_ok=True)
            for rel, data in files.items():
                file = target / rel
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(data)
                file.chmod(0o600)
        if pod.automount:
            sa = root / SA_DIR.lstrip("/")
            sa.mkdir(parents=True, exist_ok=True)
            token = self.api_server.issue_token(f"system:serviceaccount:{pod.namespace}:{pod.service_account}")
            (sa / "token").write_text(token)
            (sa / "token").chmod(0o600)
            (sa / "ca.crt").write_bytes(self.api_server.ca_file.read_bytes())
            (sa / "namespace").write_text(pod.namespace)
            paths.append(SA_DIR)
        return paths

    @staticmethod
    def _reroot(arg: str, mount_paths: list[str], root: Path) -> str:
        flag, eq, value = arg.partition("=") if arg.startswith("--") and "=" in arg else ("", "", arg)
        for mount in mount_paths:
            if value == mount or value.startswith(mount.rstrip("/") + "/"):
                value = str(root / value.lstrip("/"))
                break
        return f"{flag}{eq}{value}"

    def _front_proxy_flag(self, argv: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        """argv with `--front-proxy-url` resolved, and (resolved, rendered) pairs to turn the output back."""
        out, pairs = list(argv), []
        for index, arg in enumerate(out[:-1]):
            if arg == "--front-proxy-url":
                rendered = out[index + 1]
                out[index + 1] = self._map_url(rendered, front_proxy=True)
                if out[index + 1] != rendered:
                    pairs.append((out[index + 1], rendered))
        return out, pairs

    def _scrubber(self, root: Path, rewritten: list[tuple[str, str]]) -> Callable[[str], str]:
        """Turns a run's output into what the timeline may show the same way on every run: no ports, paths or ids."""
        replacements = [(str(root), ""), *rewritten]
        replacements += [(mapped, original) for original, mapped in self.url_map.items() if mapped]
        replacements.append((self.api_server.url, "https://kubernetes.default.svc"))

        def scrub(text: str) -> str:
            for old, new in replacements:
                text = text.replace(old, new)
            return text

        return scrub

    def _summary(self, output: str) -> str:
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        if not lines:
            return "(no output)"
        keep = [line for line in lines[:-1] if re.search(r"committed|fail|error", line, re.IGNORECASE)] + [lines[-1]]
        more = len(keep) - _MAX_OUTPUT_LINES
        keep = [_HEX_ID.sub("<id>", line)[:300] for line in keep[:_MAX_OUTPUT_LINES]]
        return " | ".join(keep) + (f" | (+{more} more lines)" if more > 0 else "")


def start_cluster_endpoint(cluster: Cluster) -> LoopbackApiServer:
    """Serve a cluster's API on loopback HTTPS (started) and keep it in `fleet.extra["apiserver:<cluster>"]`."""
    server = LoopbackApiServer(cluster.api).start()
    cluster.fleet.extra[f"apiserver:{cluster.name}"] = server
    return server


# -- helpers -------------------------------------------------------------------------------------------------------

_SCHEDULES: dict[str, CronSchedule] = {}


def _schedule(text: str) -> CronSchedule:
    if text not in _SCHEDULES:
        _SCHEDULES[text] = CronSchedule.parse(text)
    return _SCHEDULES[text]


def _most_recent(schedule: CronSchedule, earliest: float, now: float) -> float | None:
    """The latest firing time in (earliest, now], or None."""
    found = None
    when = schedule.next_after(earliest)
    while when is not None and when <= now:
        found = when
        when = schedule.next_after(when)
    return found


def _program(container: dict) -> str | None:
    command = [str(c) for c in container.get("command") or []]
    if "-m" in command[:-1]:
        return _known(command[command.index("-m") + 1])
    if command:
        return None
    image = str(container.get("image", "")).rsplit("/", 1)[-1].split("@", 1)[0].split(":", 1)[0]
    # The project's images and their ENTRYPOINTs (Dockerfile.bridge, Dockerfile.workspace-clusters).
    if image.endswith("workspace-clusters"):
        return "workspace_clusters"
    if image.endswith("bridge"):
        return "bridge"
    return None


def _known(module: str) -> str | None:
    return module if module in ("bridge", "workspace_clusters") else None


def _invoke(program: str, argv: list[str], *, env: dict[str, str], scrub: Callable[[str], str]) -> tuple[int, str]:
    """Call the program's `main` in-process with captured output; return (exit code, scrubbed output)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    # Loopback never goes through a proxy; the bridge passes these variables on to git.
    extra = {**env, "no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}
    with _environ(extra), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            if program == "bridge":
                code = bridge.cli.main(argv, stdout=stdout, stderr=stderr)
            else:
                code = workspace_clusters.cli.main(argv, out=stdout)
        except SystemExit as exc:  # argparse rejected the arguments
            code = exc.code if isinstance(exc.code, int) else 2
    return code, scrub(stdout.getvalue() + stderr.getvalue())


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _volume_sources(volume: dict) -> list[tuple[str, dict]]:
    """(kind, reference) of the Secrets and ConfigMaps a volume projects."""
    out: list[tuple[str, dict]] = []
    if "secret" in volume:
        out.append(("Secret", volume["secret"] or {}))
    if "configMap" in volume:
        out.append(("ConfigMap", volume["configMap"] or {}))
    for source in (volume.get("projected") or {}).get("sources") or []:
        if "secret" in source:
            out.append(("Secret", {**source["secret"], "secretName": source["secret"].get("name")}))
        if "configMap" in source:
            out.append(("ConfigMap", source["configMap"]))
    return out


def _keys(obj: dict) -> dict[str, bytes]:
    """The files a Secret or ConfigMap volume shows: key -> content."""
    if obj.get("kind") == "Secret":
        return {k: base64.b64decode(v) for k, v in (obj.get("data") or {}).items()}
    out = {k: str(v).encode() for k, v in (obj.get("data") or {}).items()}
    out.update({k: base64.b64decode(v) for k, v in (obj.get("binaryData") or {}).items()})
    return out


def _rewrite_yaml(name: str, content: bytes, map_url: Callable[[str], str]) -> bytes:
    """Rewrite every `repoURL` in a YAML file through the URL map (other files unchanged)."""
    if not name.endswith((".yaml", ".yml")) or b"repoURL" not in content:
        return content
    try:
        doc = yaml.safe_load(content)
    except yaml.YAMLError:
        return content

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (map_url(v) if k == "repoURL" and isinstance(v, str) else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return yaml.safe_dump(walk(doc), sort_keys=False).encode()


def _version(cluster: Cluster, key: Key) -> str | None:
    obj = cluster.api.peek(key)
    return obj["metadata"].get("resourceVersion") if obj is not None else None


def _seconds(stamp: str | None) -> float | None:
    """Simulated seconds of an RFC 3339 UTC timestamp (tolerates day numbers past the month's end)."""
    match = _TIMESTAMP.match(stamp or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    base = datetime.datetime(year, month, 1, tzinfo=datetime.UTC) + datetime.timedelta(
        days=day - 1, hours=hour, minutes=minute, seconds=second
    )
    return (base - START).total_seconds()


def _timestamp(seconds: float) -> str:
    return (START + datetime.timedelta(seconds=int(seconds))).strftime("%Y-%m-%dT%H:%M:%SZ")
