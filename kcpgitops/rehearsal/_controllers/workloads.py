"""The kubelet, the Deployment and StatefulSet controllers and the cloud's load balancers, as far as rollouts need them.

A pod starts only when everything its template references exists: the ServiceAccount, every Secret and ConfigMap of
its volumes (with each key listed in `items`), of `env[].valueFrom` and of `envFrom`, unless marked optional
(kubernetes/kubernetes@v1.33.0:pkg/kubelet/volumemanager mounts fail with "secret \"x\" not found" / "references non-existent
secret key"; `pkg/kubelet/kubelet_pods.go` makeEnvironmentVariables: "secret \"x\" not found",
CreateContainerConfigError; `plugin/pkg/admission/serviceaccount/admission.go`: "error looking up service account").
Images always pull: registries are not modelled. No Pod objects are created; the workloads' status carries the result.

Pods that already run keep running when something they reference disappears (the kubelet mounted it at start);
what is missing only stops new pods: a scale-up or a roll.

Also shared by the other stand-ins: the simulated calendar (`EPOCH` + `cluster.now`) and `QuietGate`, which lets a
controller skip ticks in which nothing it reads can have changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .._api import Key, describe, key_of, stored_json
from .._world import Cluster

__all__ = [
    "EPOCH",
    "QuietGate",
    "Workloads",
    "go_duration",
    "pod_blockers",
    "pod_spec",
    "rfc3339",
    "rollouts",
    "running_marker",
    "seconds_of",
    "simulated_datetime",
    "template_hash",
]

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
"""The simulated calendar's start: the same instant `_api` stamps creationTimestamps from."""
ACTOR = "kubelet"
"""Timeline actor of this stand-in."""
ROLLED = "rolled "
"""Prefix of the timeline message recorded for every roll (see `rollouts`)."""
# kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go SafeEncodeString: no vowels, no 0/1/3.
_SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
# TEST-NET ranges (RFC 5737): addresses that can never be real, one per cloud in turn.
_LB_RANGES = ("203.0.113", "198.51.100", "192.0.2")


def simulated_datetime(now: float) -> datetime:
    """The calendar time of simulated second `now`."""
    return EPOCH + timedelta(seconds=now)


def rfc3339(now: float) -> str:
    """`metav1.Time` form of simulated second `now` (whole seconds, UTC)."""
    return simulated_datetime(int(now)).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.lru_cache(maxsize=8192)  # the same status timestamps are read on every tick; strptime is slow
def seconds_of(timestamp: str) -> float:
    """The simulated second of an RFC 3339 timestamp written by `rfc3339`."""
    return (datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) - EPOCH).total_seconds()


def go_duration(text: str) -> timedelta:
    """A Go `time.Duration` string ("2160h", "1h30m", "45s", "0") as a timedelta."""
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "us": 1e-6, "ns": 1e-9}
    total, number, i = 0.0, "", 0
    while i < len(text):
        char = text[i]
        if char.isdigit() or char in ".-":
            number += char
            i += 1
            continue
        unit = text[i : i + 2] if text[i : i + 2] in units else char
        total += float(number or 0) * units[unit]
        number, i = "", i + len(unit)
    return timedelta(seconds=total)


def template_hash(template: dict) -> str:
    """A stable 10-character hash of a pod template (stands in for the pod-template-hash / controller revision).

    `template` is a stored object's (see `stored_json`).
    """
    digest = hashlib.sha256(stored_json(template).encode()).digest()
    return "".join(_SAFE_ALPHABET[b % len(_SAFE_ALPHABET)] for b in digest[:10])


def running_marker(memo: dict, cluster: Cluster, deployment: dict) -> tuple:
    """What identifies one run of a controller's pods: the Deployment's uid and pod template (a change restarts it).

    `memo` is the caller's own cache (per controller instance: resourceVersions repeat between scenarios).
    """
    meta = deployment["metadata"]
    seen = memo.get(cluster.name)
    if seen is not None and seen[0] == (meta["uid"], meta.get("resourceVersion")):
        return seen[1]
    marker = (meta["uid"], template_hash(((deployment.get("spec") or {}).get("template")) or {}))
    memo[cluster.name] = ((meta["uid"], meta.get("resourceVersion")), marker)
    return marker


@dataclass
class QuietGate:
    """Skips a controller's pass when its cluster's API has not changed since its last quiet pass and no timer is due.

    A pass that wrote something is never remembered as quiet, so the controller looks once more at its own result.
    """

    _seen: dict[str, tuple[int, float]] = field(default_factory=dict)
    """Per cluster: the API revision of the last quiet pass (-1 after a pass that wrote) and the next timer."""

    def quiet(self, cluster: Cluster) -> bool:
        """Whether this pass can be skipped."""
        revision, wake = self._seen.get(cluster.name, (-1, 0.0))
        return cluster.api.revision == revision and cluster.now < wake

    def settle(self, cluster: Cluster, *, before: int, wake: float) -> None:
        """Record a finished pass: `before` is the API revision the pass started from, `wake` the next timer."""
        changed = cluster.api.revision != before
        self._seen[cluster.name] = (-1 if changed else cluster.api.revision, wake)


def pod_spec(obj: dict) -> dict | None:
    """The pod spec a workload object runs (Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob)."""
    kind, spec = obj.get("kind"), obj.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        spec = ((spec.get("jobTemplate") or {}).get("spec")) or {}
    template = spec.get("template")
    return (template or {}).get("spec") if template is not None else None


def pod_blockers(cluster: Cluster, obj: dict) -> list[str]:
    """Why pods of this workload cannot start on `cluster`: each missing ServiceAccount, Secret, ConfigMap or key."""
    spec = pod_spec(obj)
    if spec is None:
        return []
    namespace = obj["metadata"].get("namespace", "")
    api = cluster.api
    out: list[str] = []
    account = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    # The serviceaccount controller creates `default` in every namespace; the rehearsal's API does not, so it counts as present.
    if account != "default" and api.peek(("", "ServiceAccount", namespace, account)) is None:
        out.append(f"ServiceAccount {namespace}/{account} not found")
    for kind, name, keys, optional, where in _references(spec):
        if optional:
            continue
        live = api.peek(("", kind, namespace, name))
        if live is None:
            out.append(f"{kind} {namespace}/{name} not found ({where})")
            continue
        present = set(live.get("data") or {}) | set(live.get("stringData") or {}) | set(live.get("binaryData") or {})
        out.extend(f'{kind} {namespace}/{name} has no key "{key}" ({where})' for key in keys if key not in present)
    out.extend(_etcd_unreachable(cluster, spec, namespace))
    return list(dict.fromkeys(out))


def _etcd_unreachable(cluster: Cluster, spec: dict, namespace: str) -> list[str]:
    """An API server's readiness (kcp embeds the Kubernetes generic API server) waits for its etcd: /readyz includes
    the etcd check (kubernetes@v1.33 staging/src/k8s.io/apiserver/pkg/server/options/etcd.go addEtcdHealthEndpoint,
    storage/storagebackend/factory/etcd3.go newETCD3Check). An in-cluster endpoint
    (`<service>.<namespace>.svc[.cluster.local]`) answers only when its Service exists and selects a quorum of ready
    etcd members; other hosts are outside this cluster and not judged."""
    out = []
    for container in spec.get("containers") or []:
        for arg in container.get("args") or []:
            if not arg.startswith("--etcd-servers="):
                continue
            for url in filter(None, arg.split("=", 1)[1].split(",")):
                host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
                parts = host.split(".")
                if len(parts) < 3 or parts[2] != "svc":
                    continue
                service_ns, service = parts[1], parts[0]
                live = cluster.api.peek(("", "Service", service_ns, service))
                if live is None:
                    out.append(f"etcd {url} unreachable: Service {service_ns}/{service} not found")
                    continue
                selector = (live.get("spec") or {}).get("selector") or {}
                members = [s for s in cluster.api.iter("apps", "StatefulSet", service_ns)
                           if selector and all((((s["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}).get(k) == v
                                               for k, v in selector.items())]
                ready = sum(int((s.get("status") or {}).get("readyReplicas", 0) or 0) for s in members)
                want = sum(int(s["spec"].get("replicas", 1) or 0) for s in members)
                if not members or ready < want // 2 + 1:
                    out.append(f"etcd {url} unreachable: Service {service_ns}/{service} has {ready} ready members of {want}")
    return out


def _references(spec: dict) -> Iterator[tuple[str, str, list[str], bool, str]]:
    """(kind, name, keys, optional, where) for every Secret and ConfigMap a pod spec references."""
    for volume in spec.get("volumes") or []:
        where = f"volume {volume.get('name')}"
        if "secret" in volume:
            source = volume["secret"] or {}
            yield "Secret", source.get("secretName", ""), [i["key"] for i in source.get("items") or []], bool(source.get("optional")), where
        if "configMap" in volume:
            source = volume["configMap"] or {}
            yield "ConfigMap", source.get("name", ""), [i["key"] for i in source.get("items") or []], bool(source.get("optional")), where
        for projected in ((volume.get("projected") or {}).get("sources")) or []:
            for field_name, kind in (("secret", "Secret"), ("configMap", "ConfigMap")):
                if field_name in projected:
                    source = projected[field_name] or {}
                    yield kind, source.get("name", ""), [i["key"] for i in source.get("items") or []], bool(source.get("optional")), where
    for container in [*(spec.get("initContainers") or []), *(spec.get("containers") or [])]:
        cname = container.get("name")
        for env in container.get("env") or []:
            source = env.get("valueFrom") or {}
            for field_name, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                if field_name in source:
                    ref = source[field_name] or {}
                    yield (
                        kind,
                        ref.get("name", ""),
                        [ref.get("key", "")],
                        bool(ref.get("optional")),
                        f"env {env.get('name')} of container {cname}",
                    )
        for env_from in container.get("envFrom") or []:
            for field_name, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                if field_name in env_from:
                    ref = env_from[field_name] or {}
                    yield kind, ref.get("name", ""), [], bool(ref.get("optional")), f"envFrom of container {cname}"


def rollouts(cluster: Cluster, namespace: str, name: str, kind: str = "Deployment") -> int:
    """How often a Deployment (or StatefulSet) rolled to a new pod template on `cluster` since the scenario began."""
    group = "apps"
    wanted: Key = (group, kind, namespace, name)
    return sum(1 for e in cluster.fleet.timeline.events if e.cluster == cluster.name and e.key == wanted and e.message.startswith(ROLLED))


def _replicas(spec: dict) -> int:
    # kubernetes/kubernetes@v1.33.0:pkg/apis/apps/v1/defaults.go: spec.replicas defaults to 1.
    value = spec.get("replicas")
    return 1 if value is None else int(value)


def _summary(blockers: list[str]) -> str:
    """The first blockers and how many more, for one timeline line (`pod_blockers` has them all)."""
    return "; ".join(blockers[:2]) + (f" (+{len(blockers) - 2} more)" if len(blockers) > 2 else "")


def _revision(rs: dict) -> int:
    return int(rs["metadata"].get("annotations", {}).get("deployment.kubernetes.io/revision", "0"))


def _omit_zero(status: dict) -> dict:
    # The replica counters are `omitempty` in k8s.io/api apps/v1 types: a zero is not written.
    return {k: v for k, v in status.items() if v != 0}


@dataclass
class Workloads:
    """Deployments, StatefulSets and LoadBalancer Services of every cluster (one instance may serve the whole fleet)."""

    name: str = ACTOR
    """Timeline actor."""
    pod_start_seconds: float = 10.0
    """Time from "everything a pod needs exists" to the pod being Ready (scheduling, pull, probes)."""
    load_balancer_seconds: float = 30.0
    """Time the cloud takes to give a LoadBalancer Service its address."""
    _gate: QuietGate = field(default_factory=QuietGate)
    """Skips passes in which nothing this controller reads changed."""
    _since: dict[tuple, float] = field(default_factory=dict)
    """When each pending timer (pod start, roll step, load balancer) started, by token."""
    _said: dict[tuple, str] = field(default_factory=dict)
    """The last message logged per (cluster, object, topic), so a state is logged once."""
    _wake: float = math.inf
    """The earliest pending timer of the current pass."""

    def reconcile(self, cluster: Cluster) -> None:
        """Advance every Deployment, StatefulSet and LoadBalancer Service of the cluster by what the elapsed time allows."""
        if self._gate.quiet(cluster):
            return
        before = cluster.api.revision
        self._wake = math.inf
        # Stored objects, read-only (copies of everything on every pass would dominate the rehearsal's time).
        for deployment in cluster.api.iter("apps", "Deployment"):
            self._deployment(cluster, deployment)
        for statefulset in cluster.api.iter("apps", "StatefulSet"):
            self._statefulset(cluster, statefulset)
        for service in cluster.api.iter("", "Service"):
            if (service.get("spec") or {}).get("type") == "LoadBalancer":
                self._load_balancer(cluster, service)
        for budget in cluster.api.iter("policy", "PodDisruptionBudget"):
            self._disruption_budget(cluster, budget)
        self._gate.settle(cluster, before=before, wake=self._wake)

    def _disruption_budget(self, cluster: Cluster, budget: dict) -> None:
        """The disruption controller's status (kubernetes@v1.33 pkg/controller/disruption/disruption.go updatePdbStatus,
        `buildDisruptedPodMap`/`getExpectedScale`): healthy pods of the workloads its selector picks, against minAvailable."""
        spec = budget.get("spec") or {}
        selector = (spec.get("selector") or {}).get("matchLabels") or {}
        namespace = budget["metadata"].get("namespace", "")
        expected = healthy = 0
        for kind in ("Deployment", "StatefulSet"):
            for workload in cluster.api.iter("apps", kind, namespace):
                labels = ((workload["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}
                if selector and all(labels.get(k) == v for k, v in selector.items()):
                    expected += int(workload["spec"].get("replicas", 1) or 0)
                    healthy += int((workload.get("status") or {}).get("readyReplicas", 0) or 0)
        minimum = spec.get("minAvailable", 0)
        desired = int(minimum) if isinstance(minimum, int) else round(expected * int(str(minimum).rstrip("%") or 0) / 100)
        allowed = max(healthy - desired, 0)
        condition = {"type": "DisruptionAllowed", "status": "True" if allowed > 0 else "False",
                     "reason": "SufficientPods" if allowed > 0 else "InsufficientPods",
                     "observedGeneration": budget["metadata"].get("generation", 1)}
        status = {"observedGeneration": budget["metadata"].get("generation", 1), "currentHealthy": healthy, "desiredHealthy": desired,
                  "expectedPods": expected, "disruptionsAllowed": allowed, "conditions": [condition]}
        old = budget.get("status") or {}
        if {k: v for k, v in old.items() if k != "conditions"} != {k: v for k, v in status.items() if k != "conditions"} or \
                [{k: v for k, v in c.items() if k != "lastTransitionTime"} for c in old.get("conditions") or []] != [condition]:
            condition["lastTransitionTime"] = rfc3339(cluster.now)
            cluster.api.set_status(key_of(budget), status)

    # -- helpers -----------------------------------------------------------------------------------------------

    def _elapsed(self, cluster: Cluster, token: tuple, delay: float) -> bool:
        """Whether `delay` seconds passed since `token` was first seen; schedules a wake-up otherwise."""
        start = self._since.setdefault((cluster.name, *token), cluster.now)
        due = start + delay
        if cluster.now >= due:
            return True
        self._wake = min(self._wake, due)
        return False

    def _say(self, cluster: Cluster, key: Key, topic: str, message: str) -> None:
        """Log `message` once per change of what is said about (key, topic)."""
        slot = (cluster.name, key, topic)
        if self._said.get(slot) != message:
            self._said[slot] = message
            cluster.log(self.name, message, key)

    # -- Deployments -------------------------------------------------------------------------------------------

    def _deployment(self, cluster: Cluster, deployment: dict) -> None:
        # kubernetes/kubernetes@v1.33.0:pkg/controller/deployment/sync.go getNewReplicaSet()/syncRolloutStatus(),
        # rolling.go rolloutRolling(), recreate.go rolloutRecreate(): one ReplicaSet per pod template, the newest
        # revision wins, old ones keep serving (RollingUpdate) until the new one is available, then scale to 0.
        meta, spec = deployment["metadata"], deployment.get("spec") or {}
        key = key_of(deployment)
        namespace, uid = meta["namespace"], meta["uid"]
        desired = _replicas(spec)
        digest = template_hash(spec.get("template") or {})
        owned = [
            rs
            for rs in cluster.api.iter("apps", "ReplicaSet", namespace)
            if any(ref.get("uid") == uid for ref in rs["metadata"].get("ownerReferences") or [])
        ]
        current = next((rs for rs in owned if rs["metadata"].get("labels", {}).get("pod-template-hash") == digest), None)
        old = [rs for rs in owned if rs is not current]
        newest = max((_revision(rs) for rs in owned), default=0)
        if current is None or _revision(current) < newest:
            current = self._replicaset(cluster, deployment, digest, newest + 1, desired, current)
            if old:
                cluster.log(self.name, f"{ROLLED}{describe(key)} (template changed) to ReplicaSet {current['metadata']['name']}", key)
        rs_name = current["metadata"]["name"]
        running = int((current.get("status") or {}).get("readyReplicas", 0))
        new_ready = min(running, desired)
        if desired > running:
            blockers = pod_blockers(cluster, deployment)
            token = ("pods", uid, digest, desired)
            if blockers:
                self._since.pop((cluster.name, *token), None)
                self._say(cluster, key, "pods", f"{describe(key)}: pods cannot start: {_summary(blockers)}")
            elif self._elapsed(cluster, token, self.pod_start_seconds):
                new_ready = desired
        complete = new_ready >= desired
        recreate = (spec.get("strategy") or {}).get("type") == "Recreate"
        old_ready = 0
        for rs in old:
            keep = 0 if complete or recreate else int((rs.get("status") or {}).get("readyReplicas", 0))
            old_ready += keep
            self._scale_replicaset(cluster, rs, keep, keep)
        self._scale_replicaset(cluster, current, desired, new_ready)
        available = new_ready + old_ready
        status = _omit_zero(
            {
                "replicas": desired + old_ready,
                "updatedReplicas": desired,
                "readyReplicas": available,
                "availableReplicas": available,
                "unavailableReplicas": max(0, desired + old_ready - available),
            }
        )
        status["observedGeneration"] = meta.get("generation", 1)
        status["conditions"] = self._deployment_conditions(cluster, deployment, rs_name, desired, available, complete)
        if complete:
            self._say(cluster, key, "pods", f"{describe(key)} ready ({desired}/{desired})")
        cluster.api.set_status(key, status)

    def _replicaset(self, cluster: Cluster, deployment: dict, digest: str, revision: int, desired: int, existing: dict | None) -> dict:
        meta = deployment["metadata"]
        template = json.loads(json.dumps((deployment.get("spec") or {}).get("template") or {}))
        template.setdefault("metadata", {}).setdefault("labels", {})["pod-template-hash"] = digest
        selector = json.loads(json.dumps((deployment.get("spec") or {}).get("selector") or {}))
        selector.setdefault("matchLabels", {})["pod-template-hash"] = digest
        rs = {
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {
                "name": f"{meta['name']}-{digest}",
                "namespace": meta["namespace"],
                "labels": template["metadata"]["labels"],
                "annotations": {
                    "deployment.kubernetes.io/revision": str(revision),
                    "deployment.kubernetes.io/desired-replicas": str(desired),
                },
                "ownerReferences": [
                    {
                        "apiVersion": "apps/v1",
                        "kind": "Deployment",
                        "name": meta["name"],
                        "uid": meta["uid"],
                        "controller": True,
                        "blockOwnerDeletion": True,
                    }
                ],
            },
            "spec": {"replicas": desired, "selector": selector, "template": template},
        }
        if existing is not None:  # a rollback to an older template re-uses its ReplicaSet under a new revision
            rs["spec"]["replicas"] = (existing.get("spec") or {}).get("replicas", 0)
        return cluster.api.apply(rs, manager="kube-controller-manager")

    def _scale_replicaset(self, cluster: Cluster, rs: dict, replicas: int, ready: int) -> None:
        if (rs.get("spec") or {}).get("replicas") != replicas:
            rs = json.loads(json.dumps(rs))
            rs["spec"]["replicas"] = replicas
            rs = cluster.api.apply(rs, manager="kube-controller-manager")
        status = _omit_zero({"replicas": replicas, "readyReplicas": ready, "availableReplicas": ready, "fullyLabeledReplicas": replicas})
        status["observedGeneration"] = rs["metadata"].get("generation", 1)
        cluster.api.set_status(key_of(rs), status)

    def _deployment_conditions(
        self, cluster: Cluster, deployment: dict, rs_name: str, desired: int, available: int, complete: bool
    ) -> list:
        # kubernetes/kubernetes@v1.33.0:pkg/controller/deployment/util/deployment_util.go: reasons and messages of the Available and
        # Progressing conditions; progress.go syncRolloutStatus(): ProgressDeadlineExceeded once no progress was made
        # for spec.progressDeadlineSeconds (default 600).
        spec, status = deployment.get("spec") or {}, deployment.get("status") or {}
        old = {c["type"]: c for c in status.get("conditions") or []}
        strategy = spec.get("strategy") or {}
        max_unavailable = 0
        if (strategy.get("type") or "RollingUpdate") == "RollingUpdate" and desired > 0:
            raw = ((strategy.get("rollingUpdate") or {}).get("maxUnavailable")) or "25%"
            max_unavailable = int(desired * int(raw[:-1]) / 100) if isinstance(raw, str) and raw.endswith("%") else int(raw)
        if available >= desired - max_unavailable:
            available_condition = ("True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
        else:
            available_condition = ("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
        previous = old.get("Progressing")
        if complete:
            progressing = ("True", "NewReplicaSetAvailable", f'ReplicaSet "{rs_name}" has successfully progressed.')
        elif previous is None or rs_name not in (previous.get("message") or ""):
            progressing = ("True", "NewReplicaSetCreated", f'Created new replica set "{rs_name}"')
        elif previous.get("reason") == "ProgressDeadlineExceeded":
            progressing = ("False", "ProgressDeadlineExceeded", previous["message"])
        else:
            deadline = float(spec.get("progressDeadlineSeconds", 600))
            since = seconds_of(previous["lastUpdateTime"]) if previous.get("lastUpdateTime") else cluster.now
            progress_made = available != int(status.get("availableReplicas", 0))
            if not progress_made and cluster.now - since > deadline:
                progressing = ("False", "ProgressDeadlineExceeded", f'ReplicaSet "{rs_name}" has timed out progressing.')
                cluster.log(
                    self.name, f"{describe(key_of(deployment))} exceeded its progress deadline ({int(deadline)}s)", key_of(deployment)
                )
            else:
                progressing = ("True", "ReplicaSetUpdated", f'ReplicaSet "{rs_name}" is progressing.')
                if not progress_made:
                    self._wake = min(self._wake, since + deadline + 1)
        return [
            self._condition(cluster, old.get("Available"), "Available", *available_condition),
            self._condition(cluster, previous, "Progressing", *progressing),
        ]

    @staticmethod
    def _condition(cluster: Cluster, old: dict | None, kind: str, status: str, reason: str, message: str) -> dict:
        now = rfc3339(cluster.now)
        if old is not None and (old.get("status"), old.get("reason"), old.get("message")) == (status, reason, message):
            return old
        transition = old["lastTransitionTime"] if old is not None and old.get("status") == status else now
        return {
            "type": kind,
            "status": status,
            "lastUpdateTime": now,
            "lastTransitionTime": transition,
            "reason": reason,
            "message": message,
        }

    # -- StatefulSets ------------------------------------------------------------------------------------------

    def _statefulset(self, cluster: Cluster, statefulset: dict) -> None:
        # kubernetes/kubernetes@v1.33.0:pkg/controller/statefulset/stateful_set_control.go updateStatefulSet(): pods are created
        # in parallel or one by one (podManagementPolicy), and a new revision replaces pods from the highest ordinal
        # down, one at a time, each waiting for its successor to be Ready (RollingUpdate).
        meta, spec = statefulset["metadata"], statefulset.get("spec") or {}
        key = key_of(statefulset)
        uid = meta["uid"]
        desired = _replicas(spec)
        update_revision = f"{meta['name']}-{template_hash(spec.get('template') or {})}"
        status = statefulset.get("status") or {}
        current_revision = status.get("currentRevision") or update_revision
        ready = min(int(status.get("readyReplicas", 0)), desired)
        updated = int(status.get("updatedReplicas", 0)) if status.get("updateRevision") == update_revision else 0
        if status.get("updateRevision") not in (None, update_revision):
            cluster.log(self.name, f"{ROLLED}{describe(key)} (template changed) to revision {update_revision}", key)
        if ready == 0:
            current_revision = update_revision  # no pod ever ran the old revision: they simply start on the new one
        ordered = spec.get("podManagementPolicy", "OrderedReady") != "Parallel"
        on_delete = (spec.get("updateStrategy") or {}).get("type") == "OnDelete"
        blockers: list[str] = []
        if current_revision == update_revision or on_delete:
            # Scaling (or the first start): missing pods start, in order or all at once.
            if ready < desired:
                blockers = pod_blockers(cluster, statefulset)
                if not blockers:
                    step = self.pod_start_seconds
                    if ordered:
                        if self._elapsed(cluster, ("sts", uid, update_revision, ready), step):
                            ready += 1
                    elif self._elapsed(cluster, ("sts", uid, update_revision, desired), step):
                        ready = desired
            ready = min(ready, desired)
        else:
            # Rolling: pod `desired - 1 - updated` is replaced; it is down until it runs the new revision.
            blockers = pod_blockers(cluster, statefulset)
            if not blockers and self._elapsed(cluster, ("roll", uid, update_revision, updated), self.pod_start_seconds):
                updated += 1
            ready = desired if updated >= desired and not blockers else max(0, desired - 1)
            if updated >= desired:
                current_revision, ready = update_revision, desired
        if blockers:
            self._say(cluster, key, "pods", f"{describe(key)}: pods cannot start: {_summary(blockers)}")
        elif ready >= desired:
            self._say(cluster, key, "pods", f"{describe(key)} ready ({desired}/{desired})")
        # Pods that exist, ready or not: OrderedReady creates the next pod only once its predecessor is Ready.
        replicas = min(desired, ready + 1) if ordered and current_revision == update_revision else desired
        if current_revision == update_revision:
            updated = replicas
        current_replicas = replicas if current_revision == update_revision else desired - updated
        new_status = {"observedGeneration": meta.get("generation", 1), "replicas": replicas}
        new_status.update(_omit_zero({"readyReplicas": ready, "currentReplicas": current_replicas, "updatedReplicas": updated}))
        new_status.update(
            {"availableReplicas": ready, "currentRevision": current_revision, "updateRevision": update_revision, "collisionCount": 0}
        )
        cluster.api.set_status(key, new_status)

    # -- LoadBalancer Services -----------------------------------------------------------------------------------

    def _load_balancer(self, cluster: Cluster, service: dict) -> None:
        # The cloud provider's service controller (kubernetes/kubernetes@v1.33.0:staging/src/k8s.io/cloud-provider/controllers/
        # service/controller.go syncLoadBalancerIfNeeded) writes status.loadBalancer.ingress once the balancer exists.
        status = service.get("status") or {}
        if (status.get("loadBalancer") or {}).get("ingress"):
            return
        uid = service["metadata"]["uid"]
        if not self._elapsed(cluster, ("lb", uid), self.load_balancer_seconds):
            return
        address = self._free_address(cluster)
        key = key_of(service)
        cluster.api.set_status(key, {**status, "loadBalancer": {"ingress": [{"ip": address, "ipMode": "VIP"}]}})
        cluster.log(self.name, f"{describe(key)} got load-balancer address {address}", key)

    @staticmethod
    def _free_address(cluster: Cluster) -> str:
        used = {
            ingress.get("ip")
            for other in cluster.fleet.clusters.values()
            for svc in other.api.iter("", "Service")
            for ingress in (((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or [])
        }
        names = list(cluster.fleet.clusters)
        prefix = _LB_RANGES[(names.index(cluster.name) if cluster.name in names else 0) % len(_LB_RANGES)]
        free = [f"{prefix}.{n}" for n in range(10, 250) if f"{prefix}.{n}" not in used]
        if not free:
            free = [f"{p}.{n}" for p in _LB_RANGES for n in range(10, 250) if f"{p}.{n}" not in used]
        return cluster.rng.choice(free)
