"""The person's bootstrap steps, executed: the same `kcpgitops.bootstrap` list the generated READMEs print.

The person works through every cluster's steps action by action, in the documented order, waiting (in simulated
time) until a step can be done: a sealing certificate can be fetched only once that cluster's Sealed Secrets
controller runs, DNS records can be created only once the load balancers have addresses. A step that cannot be done
within its wait is reported as the stall.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kcpgitops.bootstrap import ACTION_ORDER, Step, bootstrap_steps

from ._api import ApiError
from ._argocd import install_argocd
from ._engine import Rehearsal, Stall
from ._git import GIT_TOKEN

__all__ = ["Person", "PersonStuck"]

STEP_WAIT = 3 * 3600.0
"""How long the person waits for a step to become possible."""
REAL_EMAIL = "kcp-operators@zheng-rehearsal.net"
"""What the person puts where the topology holds a placeholder e-mail (a domain outside RFC 2606 and RFC 6761)."""


class PersonStuck(Exception):
    """A step could not be done; carries the stall."""

    def __init__(self, stall: Stall) -> None:
        super().__init__(stall.message())
        self.stall = stall


@dataclass
class Person:
    """Performs the documented steps against the rehearsal's fleet."""

    rehearsal: Rehearsal
    """The world the person acts on."""
    skip_secrets: set[str] = field(default_factory=set)
    """Secrets (`namespace/name`) the person forgets to create (fault scenarios)."""
    certificate_for: Callable[[str], str] = lambda cluster: cluster
    """Which cluster's sealing certificate the person fetches for a cluster (a fault swaps them)."""
    done: list[str] = field(default_factory=list)
    """Titles of the steps done, in order."""

    def bootstrap(self, clusters: Iterable[str] | None = None) -> None:
        """Do every step of the given clusters (default: all), action by action across clusters."""
        topology = self.rehearsal.topology
        names = list(clusters) if clusters is not None else [c.name for c in topology.clusters]
        plan = {name: bootstrap_steps(topology, name) for name in names}
        for action in ACTION_ORDER:
            for name in names:
                for step in plan[name]:
                    # A resumed bootstrap (after a stall was fixed in Git) skips what the person already did.
                    if step.action == action and f"{name}: {step.title}" not in self.done:
                        self.perform(name, step)

    def perform(self, cluster_name: str, step: Step) -> None:
        """Do one step (waiting until it can be done)."""
        handler = getattr(self, "_" + step.action.replace("-", "_"))
        handler(cluster_name, step)
        self.done.append(f"{cluster_name}: {step.title}")
        self.rehearsal.fleet.log("person", f"{cluster_name}: {step.title}")

    # -- actions ---------------------------------------------------------------------------------------------

    def _edit_topology(self, cluster_name: str, step: Step) -> None:
        """Set each placeholder to a plausible real value, re-render what it changes and push."""
        rehearsal = self.rehearsal
        assert rehearsal.copy is not None and rehearsal.remote is not None
        import yaml

        before = rehearsal.copy.render()
        path = rehearsal.copy.topology_file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field_ in step.params.fields:
            node = data
            *parents, leaf = field_.field.split(".")
            for part in parents:
                # A topology path such as `frontProxies[1].acme.email`: a list element by index.
                key, _, index = part.partition("[")
                node = node.setdefault(key, {})
                if index:
                    node = node[int(index.rstrip("]"))]
            node[leaf] = REAL_EMAIL
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        changed = rehearsal.copy.rerender_delta(before)
        changed[path.relative_to(rehearsal.copy.root).as_posix()] = path.read_bytes()
        rehearsal.remote.commit(changed, "person: replace the topology's placeholders")
        rehearsal.fleet.log("git", f"person pushed the topology without placeholders ({len(changed)} files)")

    def _build_images(self, cluster_name: str, step: Step) -> None:
        # The rehearsal runs the jobs' code in-process; pushing images is outside its world.
        pass

    def _install_argocd(self, cluster_name: str, step: Step) -> None:
        install_argocd(self.rehearsal.fleet.clusters[cluster_name])

    def _create_secret(self, cluster_name: str, step: Step) -> None:
        secret = step.params
        if f"{secret.namespace}/{secret.name}" in self.skip_secrets or not secret.required:
            if secret.required:
                self.rehearsal.fleet.log("person", f"{cluster_name}: forgot to create Secret {secret.namespace}/{secret.name}")
            return
        cluster = self.rehearsal.fleet.clusters[cluster_name]
        # The documented commands create the namespace first when it does not exist yet (`kubectl create namespace`).
        if cluster.api.get("", "Namespace", "", secret.namespace) is None:
            cluster.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": secret.namespace}}, manager="kubectl")
        data = {key: base64.b64encode(self._value(secret.name, key)).decode() for key in secret.keys}
        metadata = {"name": secret.name, "namespace": secret.namespace}
        if secret.labels:
            metadata["labels"] = dict(secret.labels)
        cluster.api.apply({"apiVersion": "v1", "kind": "Secret", "metadata": metadata, "type": secret.type, "data": data}, manager="kubectl")

    def _value(self, name: str, key: str) -> bytes:
        # The bridge's Git token must be the one the loopback Git server accepts; the rest are random.
        if key == "token":
            return GIT_TOKEN.encode()
        return secrets.token_hex(32).encode()

    def _apply_bootstrap(self, cluster_name: str, step: Step) -> None:
        cluster = self.rehearsal.fleet.clusters[cluster_name]
        assert self.rehearsal.copy is not None
        for doc in self.rehearsal.copy.documents(step.params.path):
            try:
                cluster.api.apply(doc, manager=step.params.field_manager)
            except ApiError as exc:
                raise PersonStuck(Stall(cluster_name, f"step '{step.title}'", f"kubectl apply failed: {exc.message}", "the person")) from None

    def _fetch_sealing_certificate(self, cluster_name: str, step: Step) -> None:
        source = self.certificate_for(cluster_name)
        controller = self.rehearsal.sealed_secrets[source]
        cluster = self.rehearsal.fleet.clusters[source]
        ok = self.rehearsal.run_until(lambda: controller.certificate_pem(cluster) is not None, limit=STEP_WAIT)
        if not ok:
            raise PersonStuck(self._blocked(source, "the Sealed Secrets controller never started", step.title,
                                            stuck="Deployment kube-system/sealed-secrets-controller"))
        assert self.rehearsal.copy is not None
        if not self.rehearsal.rendered_before:
            self.rehearsal.rendered_before = self.rehearsal.copy.render()
        self.rehearsal.copy.write_certificate(cluster_name, controller.certificate_pem(cluster))

    def _render_and_commit(self, cluster_name: str, step: Step) -> None:
        rehearsal = self.rehearsal
        assert rehearsal.copy is not None and rehearsal.remote is not None
        before = rehearsal.rendered_before or rehearsal.copy.render()
        changed = rehearsal.copy.rerender_delta(before)
        rehearsal.rendered_before = rehearsal.copy.render()
        files = dict(rehearsal.copy.files(("certs",)).items())
        files.update(changed)
        if files:
            rehearsal.remote.commit(files, "person: sealing certificates, re-rendered")
            rehearsal.fleet.log("git", f"person pushed {len(files)} changed files (sealing certificates, re-rendered)")

    def _create_dns_records(self, cluster_name: str, step: Step) -> None:
        rehearsal = self.rehearsal
        for record in step.params.records:
            cluster = rehearsal.fleet.clusters[record.cluster]
            key = ("", "Service", record.namespace, record.service)

            def has_address(cluster=cluster, key=key) -> bool:
                live = cluster.api.peek(key)
                return bool(live and ((live.get("status") or {}).get("loadBalancer") or {}).get("ingress"))

            if not rehearsal.run_until(has_address, limit=STEP_WAIT):
                raise PersonStuck(self._blocked(record.cluster, "the Service never received a load-balancer address",
                                                f"{step.title} ({record.hostname})", stuck=f"Service {record.namespace}/{record.service}"))
            rehearsal.fleet.dns[record.hostname] = (record.cluster, key)
            rehearsal.fleet.log("dns", f"{record.hostname} -> {record.cluster} Service {record.namespace}/{record.service}")

    def _blocked(self, cluster: str, fallback: str, title: str, *, stuck: str) -> Stall:
        """The stall behind a step that cannot be done: the cluster's own stall when it has one, else the step's object."""
        waiting = f"the person's step '{title}'"
        for stall in self.rehearsal.stalls():
            if stall.cluster == cluster:
                return Stall(cluster, stall.stuck, stall.why, f"{stall.waiting}; and {waiting}")
        return Stall(cluster, stuck, fallback, waiting)

    def _verify(self, cluster_name: str, step: Step) -> None:
        # The verification commands are what the scenario's convergence check does.
        pass
