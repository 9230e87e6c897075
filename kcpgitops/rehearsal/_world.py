"""The rehearsal's world: simulated clock, timeline, clusters, DNS, and the controller contract.

Everything acts in ticks of simulated time. Each tick every cluster's controllers reconcile once, in a fixed order,
and act only through their cluster's `ClusterApi`; what they do is written to the shared `Timeline`. Nothing reads
the wall clock and every random choice comes from a seeded `random.Random`, so a scenario replays the same events
on every run (keys and ciphertexts excepted).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Protocol

from ._api import ClusterApi, Key, describe

__all__ = ["Clock", "Cluster", "Controller", "Event", "Fleet", "Timeline"]


@dataclass
class Clock:
    """Simulated seconds since the scenario started."""

    now: float = 0.0
    """Current simulated time in seconds."""

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class Event:
    """One thing that happened, for the timeline."""

    time: float
    """Simulated seconds since the start."""
    cluster: str
    """Cluster it happened on ("" for the fleet: Git, DNS, the person)."""
    actor: str
    """Who did it: `argocd`, `cert-manager`, `etcd-druid`, `kcp-operator`, `sealed-secrets`, `kubelet`, `person`, ..."""
    message: str
    """What happened, in one line; never a secret value."""
    key: Key | None = None
    """The object it concerns, when there is one."""

    def as_dict(self) -> dict:
        """JSON form (`--json`)."""
        out = {"time": self.time, "cluster": self.cluster, "actor": self.actor, "message": self.message}
        if self.key is not None:
            out["object"] = describe(self.key)
        return out


@dataclass
class Timeline:
    """Every event of a scenario in order."""

    events: list[Event] = field(default_factory=list)
    """Events in the order they happened."""

    def record(self, event: Event) -> None:
        """Append one event."""
        self.events.append(event)


class Controller(Protocol):
    """A stand-in for an in-cluster controller (or the kubelet, or a CronJob runner)."""

    name: str
    """Actor name used in the timeline."""

    def reconcile(self, cluster: Cluster) -> None:
        """Act once on the cluster's current state; must be idempotent and act only through `cluster.api`."""


@dataclass
class Cluster:
    """One Kubernetes cluster of the fleet."""

    name: str
    """Cluster name from the topology."""
    api: ClusterApi
    """Its API."""
    fleet: Fleet
    """The fleet it belongs to (clock, timeline, DNS, Git, the other clusters)."""
    controllers: list[Controller] = field(default_factory=list)
    """Controllers in reconcile order."""

    def log(self, actor: str, message: str, key: Key | None = None) -> None:
        """Record an event on this cluster at the current time."""
        self.fleet.timeline.record(Event(self.fleet.clock.now, self.name, actor, message, key))

    @property
    def now(self) -> float:
        """Simulated seconds since the start."""
        return self.fleet.clock.now

    @property
    def rng(self) -> random.Random:
        """The fleet's seeded random source."""
        return self.fleet.rng

    def deployment_ready(self, namespace: str, name: str) -> bool:
        """Whether a Deployment exists and all its desired replicas are ready (controllers act only then)."""
        obj = self.api.peek(("apps", "Deployment", namespace, name))
        if obj is None:
            return False
        want = (obj.get("spec") or {}).get("replicas", 1)
        status = obj.get("status") or {}
        return want > 0 and status.get("readyReplicas", 0) >= want and status.get("observedGeneration", 0) >= obj["metadata"].get("generation", 1)


@dataclass
class Fleet:
    """All clusters plus what lies between them."""

    clock: Clock = field(default_factory=Clock)
    """Simulated time."""
    timeline: Timeline = field(default_factory=Timeline)
    """What happened."""
    rng: random.Random = field(default_factory=lambda: random.Random(20260101))
    """Seeded choices (never `random` module state)."""
    clusters: dict[str, Cluster] = field(default_factory=dict)
    """Clusters by name, in topology order."""
    dns: dict[str, tuple[str, Key]] = field(default_factory=dict)
    """Public DNS: hostname -> (cluster, Service key) whose load-balancer address the record points at."""
    extra: dict[str, object] = field(default_factory=dict)
    """Shared models other parts attach (the Git remote, the kcp model), by name."""

    def add_cluster(self, name: str) -> Cluster:
        """Create an empty cluster (system namespaces only)."""
        cluster = Cluster(name=name, api=ClusterApi(name=name, now=self.clock), fleet=self)
        self.clusters[name] = cluster
        return cluster

    def log(self, actor: str, message: str) -> None:
        """Record a fleet-level event (Git, DNS, the person)."""
        self.timeline.record(Event(self.clock.now, "", actor, message))

    def resolve(self, hostname: str) -> tuple[Cluster, dict] | None:
        """The cluster and Service a public hostname reaches, if its record exists and the Service has an address."""
        record = self.dns.get(hostname)
        if record is None:
            return None
        cluster = self.clusters.get(record[0])
        if cluster is None:
            return None
        service = cluster.api.peek(record[1])
        if service is None or not ((service.get("status") or {}).get("loadBalancer") or {}).get("ingress"):
            return None
        return cluster, service
