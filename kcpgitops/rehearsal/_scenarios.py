"""The scenarios: convergence (fresh install, upgrade, day 2) and faults, each a function of a fresh `Rehearsal`.

A convergence scenario passes when every cluster converges and its own checks hold; a fault scenario passes when
the rollout stalls and a stall message names the object the fault must stall on.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ._engine import Rehearsal, Stall
from ._person import Person, PersonStuck
from ._report import Outcome
from ._world import Event

__all__ = ["SCENARIOS", "Scenario", "run_scenario"]

CONVERGE_LIMIT = 4 * 3600.0
"""Simulated time a rollout may take before it counts as stalled."""
FIXTURE_LAYOUTS = Path(__file__).resolve().parents[2] / "tests" / "rehearsal" / "fixtures" / "layouts"


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
    """Fault scenarios: text a stall's stuck object must contain."""


def _install(rehearsal: Rehearsal, person: Person | None = None) -> list[Stall]:
    """The person's whole bootstrap (or what is left of it), then time until convergence or a stall."""
    person = person or Person(rehearsal)
    try:
        person.bootstrap()
    except PersonStuck as stuck:
        return [stuck.stall, *(s for s in rehearsal.stalls() if s.cluster != stuck.stall.cluster)]
    rehearsal.run_until(rehearsal.converged, limit=CONVERGE_LIMIT)
    return rehearsal.stalls()


def _commit_topology_change(rehearsal: Rehearsal, edit: Callable[[dict], None], message: str) -> None:
    assert rehearsal.copy is not None and rehearsal.remote is not None
    path = rehearsal.copy.topology_file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    changed = rehearsal.copy.rerender_all()
    changed[path.relative_to(rehearsal.copy.root).as_posix()] = path.read_bytes()
    rehearsal.remote.commit(changed, message)
    rehearsal.fleet.log("git", f"person pushed '{message}' ({len(changed)} files)")


def fresh_install(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if not stalls:
        _check_shards_from_bridge(rehearsal, failed)
    return stalls


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
    from ._controllers.cert_manager import renew

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


def day2_add_cluster(rehearsal: Rehearsal, failed: list[str]) -> list[Stall]:
    stalls = _install(rehearsal)
    if stalls:
        return stalls
    topology = rehearsal.topology
    name = f"cluster-{len(topology.clusters) + 1}"
    shard = "gamma"

    def edit(data: dict) -> None:
        git = dict(data["clusters"][0].get("git") or {})
        data["clusters"].append({"name": name, "git": git} if git else {"name": name})
        data.setdefault("shards", []).append({"name": shard, "cluster": name, "replicas": 2})

    _commit_topology_change(rehearsal, edit, f"add {name} with shard {shard}")
    person = Person(rehearsal)
    rehearsal.fleet.add_cluster(name)
    rehearsal.attach(name)
    try:
        person.bootstrap([name])
    except PersonStuck as stuck:
        return [stuck.stall]
    rehearsal.run_until(rehearsal.converged, limit=CONVERGE_LIMIT)
    return rehearsal.stalls()


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
    acme = rehearsal.topology.front_proxy.acme
    name = acme.cloudflare.api_key_secret_name if acme and acme.cloudflare else "cloudflare-api-key-secret"
    return _install(rehearsal, Person(rehearsal, skip_secrets={f"cert-manager/{name}"}))


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("fresh-install", "convergence", "every cluster from an empty cluster to converged", fresh_install),
    Scenario("upgrade-from-cyclic-bootstrap", "convergence",
             "clusters stuck on the old cyclic bootstrap converge once the fixed layout is pushed", upgrade_from_cyclic),
    Scenario("day2-etcd-spec", "convergence", "an Etcd spec change (quota) is reconciled on every cluster", day2_etcd_spec),
    Scenario("day2-kcp-version", "convergence", "a kcp version change rolls every shard and the front-proxy", day2_kcp_version),
    Scenario("day2-renew-certificate", "convergence", "a shard certificate renewed on cluster 1 reaches its cluster", day2_renew_certificate),
    Scenario("day2-add-cluster", "convergence", "a further cluster with a shard joins", day2_add_cluster),
    Scenario("fault-wrong-sealing-certificate", "fault", "a shard cluster's sealing certificate is another cluster's",
             fault_wrong_sealing_certificate, stalls_on="SealedSecret"),
    Scenario("fault-bundle-gate-off", "fault", "kcp-operator runs without --feature-gates=ConfigurationBundle=true",
             fault_bundle_gate_off, stalls_on="-shard-kcp"),
    Scenario("fault-missing-git-credential", "fault", "the bridge's Git credential Secret was not created",
             fault_missing_git_credential, stalls_on="-shard-kcp"),
    Scenario("fault-missing-dns-solver-secret", "fault", "the ACME DNS solver Secret the README asks for was not created",
             fault_missing_dns_solver_secret, stalls_on="Certificate"),
)}  # fmt: skip
"""Every scenario by name, in the order `rehearse` runs them."""


def _prepare(source: Path, scenario: Scenario, scratch: Path) -> Path:
    """The tree a scenario starts from: the tree under test, or it with an old layout laid over it."""
    if scenario.name != "upgrade-from-cyclic-bootstrap":
        return source
    tree = scratch / "old-layout"
    shutil.copytree(source, tree, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "imports", "tests", "bench"))
    shutil.rmtree(tree / "argocd")
    shutil.copytree(FIXTURE_LAYOUTS / "cyclic-bootstrap" / "argocd", tree / "argocd")
    return tree


def run_scenario(scenario: Scenario, *, source: Path, topology: Path, scratch: Path) -> Outcome:
    """Run one scenario on a fresh rehearsal and judge it."""
    scratch.mkdir(parents=True, exist_ok=True)
    tree = _prepare(source, scenario, scratch)
    topo = topology if topology.is_absolute() else source / topology
    rehearsal = Rehearsal(source=tree, topology_file=topo, workdir=scratch / "world").start()
    failed: list[str] = []
    try:
        stalls = scenario.body(rehearsal, failed)
        events = _with_commit_names(rehearsal)
    finally:
        rehearsal.stop()
    elapsed = rehearsal.fleet.clock.now
    if scenario.kind == "convergence":
        passed = not stalls and not failed
        summary = "converged" if passed else f"did not converge ({len(stalls)} stuck clusters, {len(failed)} failed checks)"
    else:
        hit = [s for s in stalls if scenario.stalls_on in s.stuck or scenario.stalls_on in s.why]
        passed = bool(hit)
        summary = (f"stalled as expected on {hit[0].stuck}" if hit else
                   ("converged although it must stall" if not stalls else f"stalled, but not on a {scenario.stalls_on!r} object"))
    return Outcome(scenario=scenario.name, kind=scenario.kind, passed=passed, summary=summary, stalls=stalls,
                   failed_checks=failed, events=events, simulated_seconds=elapsed)


def _with_commit_names(rehearsal: Rehearsal) -> list[Event]:
    """The timeline with commit ids replaced by their place in the repository's history (`commit #3`).

    Commit ids depend on sealed ciphertexts and keys, which differ between runs; their order does not, so the
    timeline reads the same on every run.
    """
    assert rehearsal.remote is not None
    names = {sha[:12]: f"commit #{n}" for n, (sha, _) in enumerate(rehearsal.remote.history(), start=1)}
    pattern = re.compile(r"\b[0-9a-f]{12}\b")
    return [replace(e, message=pattern.sub(lambda m: names.get(m.group(0), m.group(0)), e.message)) for e in rehearsal.fleet.timeline.events]
