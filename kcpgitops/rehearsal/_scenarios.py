"""The scenarios: convergence (fresh install, upgrade, day 2) and faults, each a function of a fresh `Rehearsal`.

A convergence scenario passes when every cluster converges and its own checks hold; a fault scenario passes when
the rollout stalls and a stall message names the object the fault must stall on.
"""

from __future__ import annotations

import base64
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from charts.ca_policy import CA_ROTATION_POLICY, KCP_CA_ROTATION
from kcpgitops.bootstrap import bootstrap_steps
from kcpgitops.topology import Topology, TopologyError, acme_solver, load_topology
from kcpgitops.yaml_cache import SAFE_LOADER
from kcpmodel import INTERMEDIATE_CAS, ca_name

from ._controllers.cert_manager import renew
from ._controllers.workloads import seconds_of
from ._engine import Rehearsal, Stall
from ._person import Person, PersonStuck
from ._repo import copy_repository
from ._report import Outcome
from ._world import Cluster, Event

__all__ = ["SCENARIOS", "Scenario", "run_scenario", "trust_problems"]

CONVERGE_LIMIT = 4 * 3600.0
"""Simulated time a rollout may take before it counts as stalled."""
LAYOUTS = Path(__file__).resolve().parent / "layouts"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""Layouts before issue 9's fixes, kept as data: `cyclic-bootstrap/argocd/` is the default topology's argocd/ tree then."""


@dataclass(frozen=True)
class Scenario:
    """One scenario."""

    name: str
    """CLI name (`--scenario NAME`)."""
    kind: str
    """`convergence` or `fault`."""
    description: str
    """One line for the report and `--help`."""
    body: Callable[[Rehearsal, list[str]], list[Stall]]
    """Runs the scenario on a started rehearsal, appending failed checks; returns the final stalls."""
    stalls_on: str = ""
    """Fault scenarios: text a stall's stuck object or reason must contain."""
    degrades: str = ""
    """Fault scenarios whose defect does not stall: an Application whose name contains this must be judged Degraded."""
    applies: Callable[[Topology], str] = lambda topology: ""
    """Why the scenario does not apply to a topology ("" when it does), e.g. no remote shard to deliver."""
    prepare: Callable[[Path], None] | None = None
    """Changes a copy of the tree before the rollout (an old layout laid over it); None runs the tree as given."""
    chain: bool = False
    """Day-2 scenarios continue in the previous scenario's world when that one converged (saves a fresh install)."""


def _install(rehearsal: Rehearsal, person: Person | None = None) -> list[Stall]:
    """The person's whole bootstrap (or what is left of it), then time until convergence or a stall.

    A chained day-2 scenario starts in a world that has converged already: then there is nothing to install.
    """
    if person is None and rehearsal.fleet.extra.get("installed") and rehearsal.converged():
        return []
    person = person or Person(rehearsal)
    try:
        person.bootstrap()
    except PersonStuck as stuck:
        return [stuck.stall, *(s for s in rehearsal.stalls() if s.cluster != stuck.stall.cluster)]
    rehearsal.run_until(rehearsal.converged, limit=CONVERGE_LIMIT)
    stalls = rehearsal.stalls()
    rehearsal.fleet.extra["installed"] = not stalls
    return stalls


def _commit_topology_change(rehearsal: Rehearsal, edit: Callable[[dict], None], message: str) -> None:
    assert rehearsal.copy is not None and rehearsal.remote is not None
    path = rehearsal.copy.topology_file
    before = rehearsal.copy.render()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    # Only what the edit changes is re-rendered: a tree under test keeps its own state everywhere else.
    changed = rehearsal.copy.rerender_delta(before)
    changed[path.relative_to(rehearsal.copy.root).as_posix()] = path.read_bytes()
    rehearsal.remote.commit(changed, message)
    rehearsal.fleet.log("git", f"person pushed '{message}' ({len(changed)} files)")


def fresh_install(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if not stalls:
        _check_shards_from_bridge(rehearsal, failed)
        _check_never_degraded(rehearsal, failed)
    return stalls


def _check_never_degraded(rehearsal: Rehearsal, failed: list[str]) -> None:
    # A transient state judged Degraded fails the parent's wave (issue 9 defect 5); a converging rollout has none.
    for (cluster, app), message in sorted(rehearsal.degraded.items()):
        failed.append(f"{cluster}: Application {app} was judged Degraded on the way: {message}")


def _check_shards_from_bridge(rehearsal: Rehearsal, failed: list[str]) -> None:
    topology = rehearsal.topology
    for shard in topology.shards:
        if not topology.is_remote(shard):
            continue
        cluster = rehearsal.fleet.clusters[shard.cluster]
        live = cluster.api.peek(("apps", "Deployment", topology.namespace, f"{shard.name}-shard-kcp"))
        tracking = ((live or {}).get("metadata", {}).get("annotations") or {}).get("argocd.argoproj.io/tracking-id", "")
        if not tracking.startswith("kcp-bridge:"):
            failed.append(f"shard {shard.name} on {shard.cluster} does not run from what the bridge delivered (tracking {tracking!r})")


def upgrade_from_cyclic(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """Install with the old (cyclic) layout, see it stall, push today's layout, converge."""
    # The rehearsal was started on a copy whose argocd/ is the old layout (see `_prepare`).
    person = Person(rehearsal)
    stalls = _install(rehearsal, person)
    if not any("cycle" in s.why for s in stalls):
        failed.append("the old layout did not stall on the bootstrap cycle: " + "; ".join(s.message() for s in stalls))
    assert rehearsal.copy is not None and rehearsal.remote is not None
    changed = rehearsal.copy.rerender_all()
    rehearsal.remote.commit(changed, "the fixed layout")
    rehearsal.fleet.log("git", f"pushed the fixed layout ({len(changed)} files)")
    return _install(rehearsal, person)  # the person carries on with the steps the stall kept them from


def day2_etcd_spec(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if stalls:
        return stalls

    def edit(data: dict) -> None:
        data.setdefault("etcd", {})["quota"] = "10Gi"

    _commit_topology_change(rehearsal, edit, "etcd quota 8Gi -> 10Gi")
    ok = rehearsal.run_until(lambda: rehearsal.converged() and _etcd_caught_up(rehearsal), limit=CONVERGE_LIMIT)
    if not ok and not rehearsal.stalls():
        failed.append("an Etcd never reached its new generation (observedGeneration behind)")
    return rehearsal.stalls()


LB_CLASS = "lb.example.com/internal"
"""The load balancer class the day-2 scenario moves a shard cluster to."""


def day2_load_balancer_class(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """A shard cluster changes its load balancer class: the bridge re-delivers only that cluster's Service shape, and
    Argo CD re-creates the Service, whose class Kubernetes will not change in place (README "Load balancers per
    cluster")."""
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    shard = next(s for s in topology.shards if topology.is_remote(s))
    namespace, service = topology.namespace, f"{shard.name}-shard-kcp"
    target = rehearsal.fleet.clusters[shard.cluster]
    key = ("", "Service", namespace, service)
    before = target.api.peek(key)
    if before is None:
        failed.append(f"{shard.cluster}: Service {service} was never delivered")
        return []
    index = next(i for i, c in enumerate(topology.clusters) if c.name == shard.cluster)

    def edit(data: dict) -> None:
        cluster = data["clusters"][index]
        cluster["loadBalancer"] = {**(cluster.get("loadBalancer") or {}), "class": LB_CLASS, "sourceRanges": ["10.64.0.0/16"]}

    _commit_topology_change(rehearsal, edit, f"{shard.cluster}: load balancer class -> {LB_CLASS}")

    def reshaped() -> bool:
        live = target.api.peek(key)
        return bool(live and (live.get("spec") or {}).get("loadBalancerClass") == LB_CLASS)

    rehearsal.run_until(lambda: rehearsal.converged() and reshaped(), limit=CONVERGE_LIMIT)
    if rehearsal.stalls():
        return rehearsal.stalls()
    live = target.api.peek(key)
    if not reshaped() or live is None:
        failed.append(f"{shard.cluster}: Service {service} never got loadBalancerClass {LB_CLASS}")
        return []
    if live["metadata"]["uid"] == before["metadata"]["uid"]:
        failed.append(f"{shard.cluster}: Service {service} changed its class in place (Kubernetes refuses that)")
    if live["spec"].get("loadBalancerSourceRanges") != ["10.64.0.0/16"]:
        failed.append(f"{shard.cluster}: Service {service} lacks the cluster's new source ranges")
    if not ((live.get("status") or {}).get("loadBalancer") or {}).get("ingress"):
        failed.append(f"{shard.cluster}: the re-created Service {service} has no load-balancer address")
    # Nothing of the root cluster on the shard cluster, and no idle load balancer for the shard on the root cluster.
    root_copy = rehearsal.fleet.clusters[topology.root_shard.cluster].api.peek(key)
    if root_copy is not None and root_copy["spec"].get("type") != "ClusterIP":
        failed.append(f"{topology.root_shard.cluster}: Service {service} of a remote shard is {root_copy['spec'].get('type')}, not ClusterIP")
    root_exposure = topology.front_proxy_exposure
    leaked = set(dict(root_exposure.annotations).items()) - set(dict(topology.shard_exposure(shard).annotations).items())
    if leaked & set((live["metadata"].get("annotations") or {}).items()):
        failed.append(f"{shard.cluster}: Service {service} carries the root cluster's annotations")
    return rehearsal.stalls()


def _etcd_caught_up(rehearsal: Rehearsal) -> bool:
    for cluster in rehearsal.fleet.clusters.values():
        for etcd in cluster.api.iter("druid.gardener.cloud", "Etcd"):
            if (etcd.get("status") or {}).get("observedGeneration") != etcd["metadata"].get("generation"):
                return False
    return True


def day2_kcp_version(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    new = "v0.32.2" if rehearsal.topology.versions.kcp != "v0.32.2" else "v0.32.3"

    def edit(data: dict) -> None:
        data.setdefault("versions", {})["kcp"] = new

    _commit_topology_change(rehearsal, edit, f"kcp -> {new}")
    rehearsal.run_until(lambda: rehearsal.converged() and _all_kcp_images(rehearsal, new), limit=CONVERGE_LIMIT)
    if not rehearsal.stalls() and not _all_kcp_images(rehearsal, new):
        failed.append(f"not every running kcp Deployment uses {new}")
    return rehearsal.stalls()


def _all_kcp_images(rehearsal: Rehearsal, tag: str) -> bool:
    namespace = rehearsal.topology.namespace
    for cluster in rehearsal.fleet.clusters.values():
        for deployment in cluster.api.iter("apps", "Deployment", namespace):
            if not (deployment.get("spec") or {}).get("replicas", 1):
                continue
            for container in deployment["spec"]["template"]["spec"].get("containers", []):
                if "/kcp:" in container.get("image", "") and not container["image"].endswith(":" + tag):
                    return False
    return True


def day2_renew_certificate(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    shard = next((s for s in topology.shards if topology.is_remote(s)), None)
    if shard is None:
        return []
    root = rehearsal.fleet.clusters[topology.root_shard.cluster]
    target = rehearsal.fleet.clusters[shard.cluster]
    secret = f"{shard.name}-server"
    before_root = (root.api.peek(("", "Secret", topology.namespace, secret)) or {}).get("data", {}).get("tls.crt")
    renew(root, topology.namespace, secret)
    rehearsal.fleet.log("person", f"cmctl renew {topology.namespace}/{secret} on {root.name}")

    def delivered() -> bool:
        now_root = (root.api.peek(("", "Secret", topology.namespace, secret)) or {}).get("data", {}).get("tls.crt")
        there = (target.api.peek(("", "Secret", topology.namespace, secret)) or {}).get("data", {}).get("tls.crt")
        return now_root not in (None, before_root) and there == now_root

    if not rehearsal.run_until(lambda: delivered() and rehearsal.converged(), limit=CONVERGE_LIMIT) and not delivered():
        failed.append(f"the renewed certificate {secret} did not reach {shard.cluster}")
    return rehearsal.stalls()


def day2_rotate_ca(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """The README's kcp-ca rotation (charts/ca_policy.py KCP_CA_ROTATION), step by step, watching trust on every tick.

    Passes when the fleet converges, kcp-ca has a new key, kcp-operator's root CA kept its key and is signed by the
    new one, every shard cluster runs with the re-signed root CA, and no certificate ever stopped verifying against
    the CA file its peers read (`trust_problems`).
    """
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    ns, root_name = topology.namespace, topology.root_shard.name
    root = rehearsal.fleet.clusters[topology.root_shard.cluster]
    broken: dict[str, float] = {}

    def watch() -> None:
        for cluster in rehearsal.fleet.clusters.values():
            for problem in trust_problems(cluster, ns, root_name):
                broken.setdefault(problem, rehearsal.fleet.clock.now)

    watch()
    if broken:
        failed.extend(f"before the rotation: {p}" for p in broken)
        return rehearsal.stalls()
    kcp_ca_key, root_ca_key = _public_key(root, ns, "kcp-ca-tls"), _public_key(root, ns, ca_name(root_name, "root"))
    acted = rehearsal.fleet.clock.now
    for step in KCP_CA_ROTATION:
        target, command = step.render(namespace=ns, root=root_name)
        rehearsal.fleet.log("person", f"{root.name}: {command}")
        problem = _ROTATION_ACTIONS[step.action](rehearsal, root, ns, target, acted, watch)
        if step.action in ("delete-secret", "renew"):
            acted = rehearsal.fleet.clock.now
        watch()
        if problem:
            failed.append(f"step '{command}' failed: {problem}")
            break
    failed.extend(f"at {_clock(t)}: {p}" for p, t in broken.items())
    if problem:
        return rehearsal.stalls()
    if _public_key(root, ns, "kcp-ca-tls") in (None, kcp_ca_key):
        failed.append(f"kcp-ca on {root.name} still has its old key after the rotation")
    ca_cert = _certificates(_secret_data(root, ns, ca_name(root_name, "root")).get("tls.crt"))
    kcp_ca = _certificates(_secret_data(root, ns, "kcp-ca-tls").get("tls.crt"))
    if _public_key(root, ns, ca_name(root_name, "root")) != root_ca_key:
        failed.append(f"{ca_name(root_name, 'root')} changed its key: everything kcp-operator issued under it stops verifying")
    elif not (ca_cert and kcp_ca and _signed_by(ca_cert[0], kcp_ca[0])):
        failed.append(f"{ca_name(root_name, 'root')} is not signed by the new kcp-ca")
    return rehearsal.stalls()


def _expect_policy(rehearsal: Rehearsal, cluster: Cluster, ns: str, target: str, since: float, watch: Callable[[], None]) -> str:
    certificate = cluster.api.peek(("cert-manager.io", "Certificate", ns, target)) or {}
    policy = ((certificate.get("spec") or {}).get("privateKey") or {}).get("rotationPolicy")
    if policy == CA_ROTATION_POLICY:
        return ""
    return (f"Certificate {ns}/{target} on {cluster.name} has rotationPolicy {policy or 'unset (cert-manager v1.18: Always)'}, "
            f"so re-signing it would change its key; render the tree with this generator (make synth) and let Argo CD sync it first")


def _delete_secret(rehearsal: Rehearsal, cluster: Cluster, ns: str, target: str, since: float, watch: Callable[[], None]) -> str:
    return "" if cluster.api.delete(("", "Secret", ns, target)) else f"Secret {ns}/{target} not found on {cluster.name}"


def _renew(rehearsal: Rehearsal, cluster: Cluster, ns: str, target: str, since: float, watch: Callable[[], None]) -> str:
    try:
        renew(cluster, ns, target)
    except LookupError as err:
        return str(err)
    return ""


def _wait_ready(rehearsal: Rehearsal, cluster: Cluster, ns: str, target: str, since: float, watch: Callable[[], None]) -> str:
    # Ready alone can be stale right after the step before; the certificate must also have been issued since.
    def issued() -> bool:
        watch()
        certificate = cluster.api.peek(("cert-manager.io", "Certificate", ns, target)) or {}
        status = certificate.get("status") or {}
        ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or [])
        return ready and bool(status.get("notBefore")) and seconds_of(status["notBefore"]) >= since

    return "" if rehearsal.run_until(issued, limit=CONVERGE_LIMIT) else f"Certificate {ns}/{target} was not issued again"


def _wait_delivered(rehearsal: Rehearsal, cluster: Cluster, ns: str, target: str, since: float, watch: Callable[[], None]) -> str:
    topology = rehearsal.topology
    shard_clusters = sorted({s.cluster for s in topology.shards if topology.is_remote(s)})

    def delivered() -> bool:
        watch()
        want = _secret_data(cluster, ns, target).get("tls.crt")
        return all(_secret_data(rehearsal.fleet.clusters[c], ns, target).get("tls.crt") == want for c in shard_clusters)

    # Not converged although delivered is for the stalls to explain.
    rehearsal.run_until(lambda: delivered() and rehearsal.converged(), limit=CONVERGE_LIMIT)
    return "" if delivered() else f"Secret {ns}/{target} did not reach every shard cluster ({', '.join(shard_clusters)})"


_ROTATION_ACTIONS: dict[str, Callable[..., str]] = {
    "expect-policy": _expect_policy,
    "delete-secret": _delete_secret,
    "renew": _renew,
    "wait-ready": _wait_ready,
    "wait-delivered": _wait_delivered,
}
"""What each `RotationStep.action` does in the rehearsal: the effect of the step's command."""
assert {s.action for s in KCP_CA_ROTATION} <= set(_ROTATION_ACTIONS), "a rotation step the rehearsal cannot replay"


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


# -- trust: does every certificate still verify against the CA file its peers read? ---------------------------------
#
# The rehearsal's pods are Ready when their Secrets exist; nothing in it speaks TLS. This check stands in for the
# handshakes: it verifies signatures and names along each chain (not validity periods: the rehearsal's hours never
# reach a CA's expiry), against the files the consumers are configured with:
# - kcp reads the `tls.crt` of kcp-operator's CA Secrets as its CA files (kcpmodel: `--client-ca-file`,
#   `--requestheader-client-ca-file`, `--root-ca-file`, the kubeconfigs' certificate-authority), so a certificate
#   issued by one of those CAs must verify against that CA Secret's current `tls.crt`, on every cluster holding it;
# - etcd and its clients read the `ca.crt` of each Etcd's tlsCASecretRef (etcd-druid's trusted-ca-file; the kcp
#   shard's `--etcd-cafile`), and present the server, client and peer Secrets the Etcd names; the kcp shard presents
#   the client CA Secret itself (charts/kcp.py `_etcd`: upstream's layout).

_PARSED_PEM: dict[str, list[x509.Certificate]] = {}
_VERIFIED: dict[tuple[str, str], bool] = {}


def trust_problems(cluster: Cluster, namespace: str, root_name: str) -> list[str]:
    """Every Secret in `namespace` on `cluster` whose certificate no longer verifies against the CA file its peers read."""
    secrets = {s["metadata"]["name"]: s.get("data") or {} for s in cluster.api.iter("", "Secret", namespace)}
    out = []
    anchors: dict[str, str] = {}  # CA subject -> name of the kcp-operator CA Secret kcp reads it from
    for ca in ("root", *INTERMEDIATE_CAS):
        name = ca_name(root_name, ca)
        certs = _certificates(secrets.get(name, {}).get("tls.crt"))
        if certs:
            anchors[certs[0].subject.rfc4514_string()] = name
    for name, data in sorted(secrets.items()):
        chain = _certificates(data.get("tls.crt"))
        anchor = anchors.get(chain[0].issuer.rfc4514_string()) if chain else None
        if anchor and anchor != name and not _verifies(data["tls.crt"], secrets[anchor]["tls.crt"]):
            out.append(f"{cluster.name}: Secret {namespace}/{name} does not verify against {namespace}/{anchor} tls.crt, "
                       "the CA file kcp reads")
    for etcd in cluster.api.iter("druid.gardener.cloud", "Etcd", namespace):
        spec = etcd.get("spec") or {}
        for where, tls, own in (("clientUrlTls", (spec.get("etcd") or {}).get("clientUrlTls"), True),
                                ("peerUrlTls", (spec.get("etcd") or {}).get("peerUrlTls"), False),
                                ("backup.tls", (spec.get("backup") or {}).get("tls"), False)):
            ref = (tls or {}).get("tlsCASecretRef") or {}
            ca_file = secrets.get(ref.get("name", ""), {}).get(ref.get("dataKey") or "ca.crt")
            if not ca_file:
                continue  # not issued yet: the rollout's own checks say why
            presented = [(tls or {}).get(k, {}).get("name", "") for k in ("serverTLSSecretRef", "clientTLSSecretRef")]
            for name in dict.fromkeys([*presented, *([ref["name"]] if own else [])]):
                crt = secrets.get(name, {}).get("tls.crt")
                if crt and not _verifies(crt, ca_file):
                    out.append(f"{cluster.name}: Secret {namespace}/{name} does not verify against {ref['name']} "
                               f"{ref.get('dataKey') or 'ca.crt'}, the CA file of Etcd {etcd['metadata']['name']} {where}")
    return out


def _verifies(chain_b64: str, anchors_b64: str) -> bool:
    """Whether the first certificate of `chain_b64` chains, through the others, to a certificate of `anchors_b64`."""
    memo = (chain_b64, anchors_b64)
    if memo not in _VERIFIED:
        if len(_VERIFIED) > 20000:
            _VERIFIED.clear()
        chain, anchors = _certificates(chain_b64), _certificates(anchors_b64)
        _VERIFIED[memo] = bool(chain) and _chains(chain[0], chain[1:], anchors)
    return _VERIFIED[memo]


def _chains(cert: x509.Certificate, intermediates: list[x509.Certificate], anchors: list[x509.Certificate]) -> bool:
    for _ in range(len(intermediates) + 1):
        if any(_signed_by(cert, anchor) or _same(cert, anchor) for anchor in anchors):
            return True
        parent = next((c for c in intermediates if _signed_by(cert, c)), None)
        if parent is None:
            return False
        intermediates = [c for c in intermediates if c is not parent]
        cert = parent
    return False


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _same(cert: x509.Certificate, other: x509.Certificate) -> bool:
    return cert.subject == other.subject and _spki(cert) == _spki(other)


def _spki(cert: x509.Certificate) -> bytes:
    return cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _certificates(data_b64: str | None) -> list[x509.Certificate]:
    if not data_b64:
        return []
    if data_b64 not in _PARSED_PEM:
        if len(_PARSED_PEM) > 20000:
            _PARSED_PEM.clear()
        try:
            _PARSED_PEM[data_b64] = x509.load_pem_x509_certificates(base64.b64decode(data_b64))
        except ValueError:
            _PARSED_PEM[data_b64] = []
    return _PARSED_PEM[data_b64]


def _secret_data(cluster: Cluster, namespace: str, name: str) -> dict:
    return (cluster.api.peek(("", "Secret", namespace, name)) or {}).get("data") or {}


def _public_key(cluster: Cluster, namespace: str, name: str) -> bytes | None:
    certs = _certificates(_secret_data(cluster, namespace, name).get("tls.crt"))
    return _spki(certs[0]) if certs else None


def day2_add_cluster(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    name = f"cluster-{len(topology.clusters) + 1}"
    taken = {s.name for s in topology.all_shards}
    shard = next(n for n in ("gamma", "delta", "epsilon", "zeta") if n not in taken)

    def edit(data: dict) -> None:
        git = dict(data["clusters"][0].get("git") or {})
        data["clusters"].append({"name": name, "git": git} if git else {"name": name})
        data.setdefault("shards", []).append({"name": shard, "cluster": name, "replicas": 2})
        # A private root shard (kcp-dekker) cannot serve shards elsewhere: the documented first step is to make it
        # public (README "Choosing a pattern"), in the same change.
        root = data["rootShard"]
        if (root.get("loadBalancer") or {}).get("type") == "ClusterIP":
            root["loadBalancer"] = {k: v for k, v in root["loadBalancer"].items() if k != "type"} or None
            if root["loadBalancer"] is None:
                del root["loadBalancer"]

    existing = [c.name for c in topology.clusters]
    # What the person already did on the existing clusters when they were installed.
    done = [f"{c}: {step.title}" for c in existing for step in bootstrap_steps(topology, c)]
    _commit_topology_change(rehearsal, edit, f"add {name} with shard {shard}")
    person = Person(rehearsal)
    person.done.extend(done)
    rehearsal.fleet.add_cluster(name)
    rehearsal.attach(name)
    try:
        # The new cluster's steps, and any step the change adds on an existing cluster (the first remote shard brings
        # the bridge, whose credentials the person creates on the root cluster): the READMEs list both.
        person.bootstrap([*existing, name])
    except PersonStuck as stuck:
        return [stuck.stall]
    rehearsal.run_until(rehearsal.converged, limit=CONVERGE_LIMIT)
    return rehearsal.stalls()


def day2_remove_shard(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """Remove the last remote shard (and every `kcp:` entry placed on it); its objects go from every cluster and Git.

    Removal end to end: the root cluster's `kcp` Application prunes the Shard (kcp-operator's owner references take
    its Certificates, Secrets, Bundle and Deployment along); the shard cluster's `kcp` Application prunes its Etcd and
    etcd PKI; when the cluster receives no shard any more, the app-of-apps prunes `kcp-bridge`, whose resources
    finalizer deletes what the bridge delivered, and the bridge empties the path in Git (its `retired` entry).
    """
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    shard = next((s for s in reversed(topology.shards) if topology.is_remote(s)), None)
    if shard is None:
        return []
    ns, name = topology.namespace, shard.name
    root = rehearsal.fleet.clusters[topology.root_shard.cluster]
    target = rehearsal.fleet.clusters[shard.cluster]
    bridge_path = topology.bridge_path(topology.cluster(shard.cluster))
    keeps_shards = any(topology.is_remote(s) and s.cluster == shard.cluster and s.name != name for s in topology.shards)
    # What the bridge delivered for it: every object of `kcp-bridge` (each SealedSecret also made a Secret of its name),
    # or, when the cluster keeps other remote shards, only the shard's own ones.
    stored = target.api.keys()
    delivered = [
        key for key in stored
        if key[2] == ns and (not keeps_shards or key[3].startswith(f"{name}-"))
        and ((target.api.peek(key) or {}).get("metadata", {}).get("annotations") or {})
        .get("argocd.argoproj.io/tracking-id", "").startswith("kcp-bridge:")
    ]  # fmt: skip
    if not delivered:
        failed.append(f"nothing was delivered to {shard.cluster} for shard {name} before its removal")
    must_go = [
        ("apps", "Deployment", ns, f"{name}-shard-kcp"), ("druid.gardener.cloud", "Etcd", ns, name), *delivered,
        *(("", "Secret", ns, key[3]) for key in delivered if key[1] == "SealedSecret"),
    ]  # fmt: skip

    def selects(selector: dict | None) -> bool:
        return ((selector or {}).get("matchLabels") or {}).get("name") == name

    def edit(data: dict) -> None:
        data["shards"] = [s for s in data.get("shards") or [] if s.get("name") != name]
        kcp = data.get("kcp")
        if not kcp:
            return
        # Everything placed on the shard goes, then whatever lived in a workspace that went.
        gone = {w["path"] for w in kcp.get("workspaces") or [] if selects(w.get("locationSelector"))}
        while True:
            more = {w["path"] for w in kcp.get("workspaces") or [] if w["path"].rsplit(":", 1)[0] in gone} - gone
            if not more:
                break
            gone |= more
        kcp["workspaces"] = [w for w in kcp.get("workspaces") or [] if w["path"] not in gone]
        dropped = {(p.get("workspace", "root"), p["name"]) for p in kcp.get("partitions") or [] if selects(p.get("selector"))}
        kcp["partitions"] = [
            p for p in kcp.get("partitions") or []
            if (p.get("workspace", "root"), p["name"]) not in dropped and p.get("workspace", "root") not in gone
        ]  # fmt: skip
        sets = []
        for pset in kcp.get("partitionSets") or []:
            if pset.get("workspace", "root") in gone or selects(pset.get("shardSelector")):
                continue
            for requirement in (pset.get("shardSelector") or {}).get("matchExpressions") or []:
                if requirement.get("key") == "name" and requirement.get("operator") == "In":
                    requirement["values"] = [v for v in requirement["values"] if v != name]
            if all(r.get("values") for r in (pset.get("shardSelector") or {}).get("matchExpressions") or [] if r.get("operator") == "In"):
                sets.append(pset)
        kcp["partitionSets"] = sets
        kcp["apiExports"] = [e for e in kcp.get("apiExports") or [] if e["workspace"] not in gone]
        exports = {f"{e['workspace']}:{e['name']}" for e in kcp["apiExports"]}
        bindings = []
        for binding in kcp.get("bindings") or []:
            binding["workspaces"] = [w for w in binding["workspaces"] if w not in gone]
            if binding["workspaces"] and binding["export"] in exports:
                bindings.append(binding)
        kcp["bindings"] = bindings
        kcp["endpointSlices"] = [
            e for e in kcp.get("endpointSlices") or []
            if e["workspace"] not in gone and e["export"] in exports and (e["workspace"], e["partition"]) not in dropped
        ]  # fmt: skip

    _commit_topology_change(rehearsal, edit, f"remove shard {name} from {shard.cluster}")

    def leftovers() -> list[str]:
        found = [f"Shard {ns}/{name} on {root.name}"] if root.api.peek(("operator.kcp.io", "Shard", ns, name)) is not None else []
        found += [f"{key[1]} {ns}/{key[3]} on {target.name}" for key in must_go if target.api.peek(key) is not None]
        assert rehearsal.remote is not None
        files = rehearsal.remote.files(rehearsal.remote.head(), bridge_path) or {}
        # The generator's README placeholder stays; the bridge's files (and its index) go.
        written = sorted(f for f in files if f.endswith(".yaml") or f == ".bridge-fingerprints")
        if keeps_shards:
            written = [f for f in written if f.endswith(f"_{ns}_{name}-shard-kcp.yaml")]
        if written:
            found.append(f"{len(written)} delivered file(s) in {bridge_path}: {', '.join(written[:3])}")
        return sorted(set(found))

    # Workspaces placed on the shard go too, and Argo CD prunes a Workspace only once a person confirms it (the kcp
    # objects carry Prune=confirm): the person runs `argocd app confirm-deletion`, which writes the approval annotation
    # (argoproj/argo-cd@v3.5.1:cmd/argocd/commands/app.go NewApplicationConfirmDeletionCommand).
    from ._api import _timestamp

    confirmed: set[tuple[str, str, str]] = set()

    def awaiting() -> list[tuple[str, dict]]:
        out = []
        for cluster_name, cluster in rehearsal.fleet.clusters.items():
            for app in cluster.api.iter("argoproj.io", "Application"):
                op = (app.get("status") or {}).get("operationState") or {}
                mark = (cluster_name, app["metadata"]["name"], op.get("startedAt", ""))
                if op.get("phase") == "Running" and "pruning confirmation" in op.get("message", "") and mark not in confirmed:
                    out.append((cluster_name, app))
        return out

    def done() -> bool:
        return rehearsal.converged() and not leftovers()

    deadline = rehearsal.fleet.clock.now + CONVERGE_LIMIT
    while rehearsal.run_until(lambda: done() or bool(awaiting()), limit=deadline - rehearsal.fleet.clock.now) and not done():
        for cluster_name, app in awaiting():
            cluster = rehearsal.fleet.clusters[cluster_name]
            meta = app["metadata"]
            confirmed.add((cluster_name, meta["name"], app["status"]["operationState"].get("startedAt", "")))
            cluster.api.patch_metadata(
                ("argoproj.io", "Application", meta["namespace"], meta["name"]),
                annotations={"argocd.argoproj.io/deletion-approved": _timestamp(cluster.now)},
            )
            rehearsal.fleet.log("person", f"{cluster_name}: argocd app confirm-deletion {meta['name']} ({app['status']['operationState']['message']})")
    stalls = rehearsal.stalls()
    if not stalls:
        failed.extend(f"left after removing shard {name}: {what}" for what in leftovers())
    return stalls


def fault_wrong_sealing_certificate(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    topology = rehearsal.topology
    shard_clusters = sorted({s.cluster for s in topology.shards if topology.is_remote(s)})
    swap = {shard_clusters[0]: topology.root_shard.cluster} if shard_clusters else {}
    return _install(rehearsal, Person(rehearsal, certificate_for=lambda c: swap.get(c, c)))


def fault_bundle_gate_off(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    assert rehearsal.copy is not None and rehearsal.remote is not None
    changed = {}
    for path in sorted((rehearsal.copy.root / "argocd").rglob("deployment.apps_kcp-operator-controller-manager.yaml")):
        text = path.read_text(encoding="utf-8")
        new = "\n".join(line for line in text.splitlines() if "ConfigurationBundle=true" not in line) + "\n"
        path.write_text(new, encoding="utf-8")
        changed[path.relative_to(rehearsal.copy.root).as_posix()] = new.encode()
    rehearsal.remote.commit(changed, "kcp-operator without the ConfigurationBundle feature gate")
    return _install(rehearsal)


def fault_missing_git_credential(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    topology = rehearsal.topology
    return _install(rehearsal, Person(rehearsal, skip_secrets={f"{topology.namespace}/{topology.bridge.git_credentials_secret}"}))


def fault_missing_dns_solver_secret(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    # The Secrets of the solver that renders (`frontProxy.acme.dns01`'s provider, or `acme.cloudflare`).
    solver = acme_solver(rehearsal.topology.front_proxy.acme)
    return _install(rehearsal, Person(rehearsal, skip_secrets={f"cert-manager/{s.name}" for s in solver.secrets}))


def _needs_remote_shard(topology: Topology) -> str:
    return "" if any(topology.is_remote(s) for s in topology.shards) else "no shard runs away from the root cluster"


def _needs_acme(topology: Topology) -> str:
    return "" if topology.front_proxy.certificate == "acme" else "the front-proxy certificate does not come from ACME"


def _needs_dns_solver_secret(topology: Topology) -> str:
    if _needs_acme(topology):
        return _needs_acme(topology)
    return "" if acme_solver(topology.front_proxy.acme).secrets else "the DNS-01 solver reads no Secret (ambient credentials)"


def _old_layout_covers(topology: Topology) -> str:
    missing = [c.name for c in topology.clusters if not (OLD_ARGOCD / c.name).is_dir()]
    if missing:
        return f"the old layout is the default topology's tree; it has no cluster {', '.join(missing)}"
    # Its Applications name the default topology's repository and namespace: another repository resolves to nothing.
    kcp_app = yaml.safe_load((OLD_ARGOCD / "cluster-1" / "apps" / "argocd" / "application.argoproj.io_kcp.yaml").read_text(encoding="utf-8"))
    repo, namespace = kcp_app["spec"]["source"]["repoURL"], kcp_app["spec"]["destination"]["namespace"]
    if topology.namespace != namespace or any(c.git.repo_url != repo for c in topology.clusters):
        return f"the old layout is the default topology's tree (repository {repo}, namespace {namespace})"
    return ""


def _has_workspaces(topology: Topology) -> str:
    return "" if topology.kcp is not None and topology.kcp.workspaces else "the topology declares no kcp workspaces"


# -- the layouts before issue 9's fixes, laid over the tree under test (each must stall; the fixed tree converges) --

OLD_ARGOCD = LAYOUTS / "cyclic-bootstrap" / "argocd"
_ARGOCD_CM = "bootstrap/argocd/configmap.core_argocd-cm.yaml"
_HEALTH = "resource.customizations.health."


def _old_layout(tree: Path) -> None:
    shutil.rmtree(tree / "argocd")
    shutil.copytree(OLD_ARGOCD, tree / "argocd")


# The fixed layout's app-of-apps manages itself and relies on the fixed Application health honouring
# `ignore-healthcheck` on it (defect 1). Laying the old Application script over it alone would only show defect 1
# again, so these scenarios keep that one rule in front of the old script and isolate the defect they are about.
_KEEP_SELF_MANAGED_ROOT = """local keptAnnotations = obj.metadata.annotations or {}
if keptAnnotations["argocd.argoproj.io/ignore-healthcheck"] == "true" then
  return { status = "Healthy", message = "self-managed app-of-apps" }
end
"""


def _old_health_checks(*kinds: str) -> Callable[[Path], None]:
    """Put the pre-fix Lua of some kinds into every cluster's argocd-cm."""

    def prepare(tree: Path) -> None:
        # libyaml both ways: these ConfigMaps carry every Lua script (about 1 s of pure-Python YAML per run otherwise).
        old = yaml.load((OLD_ARGOCD / "cluster-1" / _ARGOCD_CM).read_text(encoding="utf-8"), Loader=SAFE_LOADER)["data"]
        for path in sorted((tree / "argocd").glob(f"*/{_ARGOCD_CM}")):
            cm = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            for kind in kinds:
                script = old[_HEALTH + kind]
                cm["data"][_HEALTH + kind] = _KEEP_SELF_MANAGED_ROOT + script if kind == "argoproj.io_Application" else script
            path.write_text(yaml.dump(cm, Dumper=_DUMPER, sort_keys=False), encoding="utf-8")

    return prepare


def _old_etcd_druid_values(tree: Path) -> None:
    for path in sorted((tree / "argocd").glob("*/apps/argocd/application.argoproj.io_etcd-druid.yaml")):
        old = OLD_ARGOCD / path.relative_to(tree / "argocd")
        if old.is_file():
            shutil.copy2(old, path)


def _no_bridge_placeholder(tree: Path) -> None:
    for path in sorted(tree.glob("sealed/*/README.md")):
        path.unlink()
    _old_health_checks("argoproj.io_Application")(tree)


def regression_etcd_spec(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """Defect 2: without spec auto-reconcile an Etcd spec change never reaches observedGeneration."""
    return day2_etcd_spec(rehearsal, failed)


def regression_bundled_shard(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """Defect 4: with the old Shard health, a bundled Shard's spec change leaves it Progressing forever."""
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    shard = next(s for s in topology.shards if topology.is_remote(s))

    def edit(data: dict) -> None:
        for entry in data.get("shards") or []:
            if entry["name"] == shard.name:
                entry["replicas"] = (entry.get("replicas") or 2) + 1

    _commit_topology_change(rehearsal, edit, f"shard {shard.name}: one more replica")
    rehearsal.run_until(rehearsal.converged, limit=CONVERGE_LIMIT)
    return rehearsal.stalls()


def regression_transient_etcd_error(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """Defect 5: a retried etcd-druid error made Etcd Degraded, failed the kcp Application's wave and exhausted retries.

    The root cluster's Etcd is followed by later waves (the root shard), so its wave waits on its health; a shard
    cluster's Etcd is in the kcp Application's last wave, which gitops-engine does not wait on.
    """
    topology = rehearsal.topology
    root = topology.root_shard
    druid = next(c for c in rehearsal.fleet.clusters[root.cluster].controllers if c.name == "etcd-druid")
    druid.inject_conflict(root.cluster, topology.namespace, root.name, times=TRANSIENT_ERRORS)  # type: ignore[attr-defined]
    return _install(rehearsal)


TRANSIENT_ERRORS = 40
"""Failed spec syncs etcd-druid retries through before it succeeds (longer than the kcp Application's retry budget)."""


def fresh_install_with_transient_errors(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    """The fixed health checks ride out the same retried etcd-druid errors."""
    return regression_transient_etcd_error(rehearsal, failed)


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("fresh-install", "convergence", "every cluster from an empty cluster to converged", fresh_install),
    Scenario("day2-etcd-spec", "convergence", "an Etcd spec change (quota) is reconciled on every cluster", day2_etcd_spec, chain=True),
    Scenario("day2-kcp-version", "convergence", "a kcp version change rolls every shard and the front-proxy", day2_kcp_version,
             chain=True),
    Scenario("day2-renew-certificate", "convergence", "a shard certificate renewed on cluster 1 reaches its cluster",
             day2_renew_certificate, applies=_needs_remote_shard, chain=True),
    Scenario("day2-add-cluster", "convergence", "a further cluster with a shard joins", day2_add_cluster, chain=True),
    Scenario("day2-load-balancer-class", "convergence",
             "a shard cluster changes its load balancer class: its Service is reshaped by the bridge and re-created",
             day2_load_balancer_class, applies=_needs_remote_shard, chain=True),
    Scenario("day2-remove-shard", "convergence", "the last remote shard is removed: its objects leave every cluster and its bridge path",
             day2_remove_shard, applies=_needs_remote_shard, chain=True),
    Scenario("day2-rotate-ca", "convergence", "kcp-ca gets a new key by the README's procedure; every certificate keeps verifying",
             day2_rotate_ca, chain=True),
    Scenario("fresh-install-transient-errors", "convergence", "etcd-druid fails and retries the root shard's Etcd for a while; the rollout waits",
             fresh_install_with_transient_errors),
    Scenario("upgrade-from-cyclic-bootstrap", "convergence",
             "clusters stuck on the old cyclic bootstrap converge once the fixed layout is pushed", upgrade_from_cyclic,
             prepare=_old_layout, applies=_old_layout_covers),
    Scenario("fault-wrong-sealing-certificate", "fault", "a shard cluster's sealing certificate is another cluster's",
             fault_wrong_sealing_certificate, stalls_on="SealedSecret", applies=_needs_remote_shard),
    Scenario("fault-bundle-gate-off", "fault", "kcp-operator runs without --feature-gates=ConfigurationBundle=true",
             fault_bundle_gate_off, stalls_on='-bundle" not found', applies=_needs_remote_shard),
    Scenario("fault-missing-git-credential", "fault", "the bridge's Git credential Secret was not created",
             fault_missing_git_credential, stalls_on="pod could not start: secret", applies=_needs_remote_shard),
    Scenario("fault-missing-dns-solver-secret", "fault", "the ACME DNS solver Secret the README asks for was not created",
             fault_missing_dns_solver_secret, stalls_on="Certificate", applies=_needs_dns_solver_secret),
    Scenario("regression-cyclic-bootstrap", "fault", "defect 1: the old bootstrap layout (fixture) waits on itself",
             fresh_install, stalls_on="cycle", prepare=_old_layout, applies=_old_layout_covers),
    Scenario("regression-etcd-druid-values", "fault", "defect 2: the old etcd-druid Application never reconciles an Etcd spec change",
             regression_etcd_spec, stalls_on="Etcd", prepare=_old_etcd_druid_values, applies=_old_layout_covers),
    Scenario("regression-bridge-path", "fault", "defect 3: no bridge path before the bridge's first commit, old Application health",
             fresh_install, degrades="kcp-bridge", prepare=_no_bridge_placeholder, applies=_needs_remote_shard),
    Scenario("regression-bundled-shard-health", "fault", "defect 4: the old Shard health waits forever after a bundled Shard changes",
             regression_bundled_shard, stalls_on="Shard", prepare=_old_health_checks("operator.kcp.io_Shard"), applies=_needs_remote_shard),
    Scenario("regression-transient-errors", "fault", "defect 5: old Application health judges workspace Applications Degraded until the cluster-Secret job ran",
             fresh_install, degrades="kcp-ws", prepare=_old_health_checks("argoproj.io_Application"), applies=_has_workspaces),
)}  # fmt: skip
"""Every scenario by name, in the order `rehearse` runs them."""


def _prepare(source: Path, scenario: Scenario, scratch: Path) -> Path:
    """The tree a scenario starts from: the tree under test, or a copy the scenario's `prepare` changes."""
    if scenario.prepare is None:
        return source
    tree = scratch / "tree"
    copy_repository(source, tree)
    scenario.prepare(tree)
    return tree


def run_scenario(scenario: Scenario, *, source: Path, topology: Path, scratch: Path,
                 world: Rehearsal | None = None) -> tuple[Outcome, Rehearsal | None]:
    """Run one scenario and judge it; return the outcome and, when it converged, its world (for a chained day-2 one).

    `world` is a converged world to continue in (only used by chained scenarios); the caller stops returned worlds.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    topo = topology if topology.is_absolute() else source / topology
    reason = scenario.applies(load_topology(topo))
    if reason:
        if world is not None:
            world.stop()
        return Outcome(scenario=scenario.name, kind=scenario.kind, passed=True, summary=f"not applicable: {reason}"), None
    if world is None or not scenario.chain:
        if world is not None:
            world.stop()
        tree = _prepare(source, scenario, scratch)
        world = Rehearsal(source=tree, topology_file=topo, workdir=scratch / "world").start()
    first_event = len(world.fleet.timeline.events)
    started = world.fleet.clock.now
    failed: list[str] = []
    try:
        stalls = scenario.body(world, failed)
        events = _with_commit_names(world)[first_event:]
    except TopologyError as exc:
        # A day-2 edit the topology refuses is this scenario's failure (named), not the end of the whole rehearsal.
        world.stop()
        summary = "the scenario's topology change is refused: " + "; ".join(exc.problems)
        return Outcome(scenario=scenario.name, kind=scenario.kind, passed=False, summary=summary, failed_checks=[summary]), None
    except BaseException:
        world.stop()
        raise
    elapsed = world.fleet.clock.now - started
    if scenario.kind == "convergence":
        passed = not stalls and not failed
        summary = "converged" if passed else f"did not converge ({len(stalls)} stuck clusters, {len(failed)} failed checks)"
    else:
        if scenario.degrades:
            seen = sorted(f"{c}: Application {a} ({m})" for (c, a), m in world.degraded.items() if scenario.degrades in a)
            passed = bool(seen)
            summary = f"judged Degraded as expected: {seen[0]}" if seen else f"no Application {scenario.degrades!r} was ever Degraded"
        else:
            hit = [s for s in stalls if scenario.stalls_on in s.stuck or scenario.stalls_on in s.why]
            passed = bool(hit)
            summary = (f"stalled as expected on {hit[0].stuck}" if hit else
                       ("converged although it must stall" if not stalls else f"stalled, but not on a {scenario.stalls_on!r} object"))
    outcome = Outcome(scenario=scenario.name, kind=scenario.kind, passed=passed, summary=summary, stalls=stalls,
                      failed_checks=failed, events=events, simulated_seconds=elapsed)
    if scenario.kind == "convergence" and passed:
        return outcome, world
    world.stop()
    return outcome, None


def _with_commit_names(rehearsal: Rehearsal) -> list[Event]:
    """The timeline with commit ids replaced by their place in the repository's history (`commit #3`).

    Commit ids depend on sealed ciphertexts and keys, which differ between runs; their order does not, so the
    timeline reads the same on every run.
    """
    assert rehearsal.remote is not None
    names = {sha[:12]: f"commit #{n}" for n, (sha, _) in enumerate(rehearsal.remote.history(), start=1)}
    pattern = re.compile(r"\b[0-9a-f]{12}\b")
    return [replace(e, message=pattern.sub(lambda m: names.get(m.group(0), m.group(0)), e.message)) for e in rehearsal.fleet.timeline.events]
