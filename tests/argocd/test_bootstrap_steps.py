"""kcpgitops.bootstrap: the one ordered list of a person's steps per cluster, and what it must guarantee."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kcpgitops.bootstrap import (
    ACTION_ORDER,
    ApplyBootstrap,
    BuildImages,
    CreateDnsRecords,
    CreateSecret,
    InstallArgoCd,
    Step,
    Verify,
    bootstrap_steps,
)
from kcpgitops.docs import dns_plan, user_created_secrets

OLD_README = (Path(__file__).resolve().parents[2] / "kcpgitops" / "rehearsal" / "layouts" / "cyclic-bootstrap" / "argocd"
              / "cluster-2" / "README.md")
ORDER = ("edit-topology", "build-images", "install-argocd", "create-secret", "apply-bootstrap", "fetch-sealing-certificate",
         "render-and-commit", "create-dns-records", "verify")


def test_action_order_is_the_documented_one():
    assert ACTION_ORDER == ORDER


def test_steps_follow_the_documented_order(tree):
    topology = tree.topology
    for cluster in topology.clusters:
        actions = [step.action for step in bootstrap_steps(topology, cluster.name)]
        assert actions == sorted(actions, key=ORDER.index), cluster.name
        is_root = cluster.name == topology.root_shard.cluster
        first = [a for a in actions if a != "edit-topology"][0]
        assert (first == "build-images") == is_root
        assert "edit-topology" not in actions or (is_root and actions[0] == "edit-topology")
        assert actions.count("apply-bootstrap") == 1 and actions[-1] == "verify"
        receives = any(topology.is_remote(s) for s in topology.shards_on(cluster.name))
        assert ("fetch-sealing-certificate" in actions) == receives == ("render-and-commit" in actions)


def test_root_cluster_builds_both_job_images_first(default_tree):
    topology = default_tree.topology
    step = next(s for s in bootstrap_steps(topology, topology.root_shard.cluster) if s.action == "build-images")
    assert isinstance(step.params, BuildImages)
    images = {i.name: i for i in step.params.images}
    assert images["bridge"].image == topology.bridge.image and images["bridge"].dockerfile == "Dockerfile.bridge"
    assert images["workspace-clusters"].image == topology.kcp.cluster_secrets.image
    assert all(f"docker push {i.image}" in step.commands for i in images.values())
    assert any("placeholder image registry" in note for note in step.notes)  # the default images are ghcr.io/example/...


def test_every_secret_the_deployment_needs_is_created_before_the_bootstrap(tree):
    topology = tree.topology
    for cluster in topology.clusters:
        steps = bootstrap_steps(topology, cluster.name)
        applied = next(i for i, s in enumerate(steps) if s.action == "apply-bootstrap")
        created = {(s.params.namespace, s.params.name): (i, s.params) for i, s in enumerate(steps)
                   if isinstance(s.params, CreateSecret)}
        needed = [s for s in user_created_secrets(topology) if s.cluster == cluster.name]
        assert {k for k, (_, p) in created.items() if p.required} == {(s.namespace, s.name) for s in needed}, cluster.name
        for secret in needed:
            index, params = created[(secret.namespace, secret.name)]
            assert index < applied
            assert params.keys == secret.keys and all(params.meanings)
            assert steps[index].secret is params
        # The private-repository credential is offered everywhere, marked optional, with Argo CD's label.
        (repo,) = [p for _, p in created.values() if not p.required]
        assert ("argocd.argoproj.io/secret-type", "repository") in repo.labels


def test_the_acme_account_email_is_called_out_as_needing_a_real_address(default_tree):
    topology = default_tree.topology
    steps = bootstrap_steps(topology, topology.root_shard.cluster)
    notes = " ".join(n for s in steps if isinstance(s.params, CreateSecret) for n in s.notes)
    assert f"`{topology.front_proxy.acme.email}`" in notes and "must be a real address" in notes
    assert "still holds a placeholder e-mail" in notes  # the default topology's email@example.com
    readme = (default_tree.argocd / topology.root_shard.cluster / "README.md").read_text()
    assert "must be a real address" in readme


def test_dns_step_names_each_hostname_with_its_cluster_and_service(tree):
    topology = tree.topology
    for cluster in topology.clusters:
        (step,) = [s for s in bootstrap_steps(topology, cluster.name) if isinstance(s.params, CreateDnsRecords)]
        mine = [r for r in dns_plan(topology) if r.cluster == cluster.name]
        assert step.params.targets() == {r.hostname: (cluster.name, f"{r.namespace}/{r.service}") for r in mine}


def test_other_steps_carry_what_a_program_needs(default_tree):
    topology = default_tree.topology
    steps = {s.action: s.params for s in bootstrap_steps(topology, "cluster-2")}
    (dns,) = [s for s in bootstrap_steps(topology, "cluster-2") if s.action == "create-dns-records"]
    assert dns.records == steps["create-dns-records"].records and dns.paths == () and dns.secret is None
    (apply,) = [s for s in bootstrap_steps(topology, "cluster-2") if s.action == "apply-bootstrap"]
    assert apply.paths == ("argocd/cluster-2/bootstrap",)
    assert steps["install-argocd"] == InstallArgoCd(
        topology.argocd.version, topology.argocd.namespace,
        f"https://raw.githubusercontent.com/argoproj/argo-cd/{topology.argocd.version}/manifests/install.yaml")
    assert steps["apply-bootstrap"] == ApplyBootstrap("argocd/cluster-2/bootstrap", "argocd-controller", "app-of-apps", "argocd")
    assert steps["fetch-sealing-certificate"].certificate == topology.sealing_certificate(topology.cluster("cluster-2"))
    assert topology.sealing_certificate(topology.cluster("cluster-2")) in steps["render-and-commit"].paths
    assert steps["verify"] == Verify(("alpha", "beta", "root"), ())


def test_a_step_refuses_parameters_of_another_action():
    with pytest.raises(ValueError, match="does not take"):
        Step("verify", "cluster-1", "Verify", (), InstallArgoCd("v3.5.1", "argocd", "https://example.invalid"))


_WAIT = re.compile(r"kubectl .*\bwait\b.*")
_TARGET = re.compile(r"\b([a-z.]+/[a-z0-9.-]+)\b")


def unsafe_waits(commands: list[str]) -> list[str]:
    """Wait commands that fail at once when their object does not exist yet: `kubectl wait` on a named object with no
    `--for=create` before it, `kubectl wait --all` with no loop waiting for the first object before it, and watches."""
    found, created, looped = [], set(), False
    for command in commands:
        if re.search(r"\s-w(\s|$)|--watch", command):
            found.append(command)
        if command.startswith("until "):
            looped = True
            continue
        if not _WAIT.match(command):
            continue
        if "--for=create" in command:
            created.update(_TARGET.findall(command))
            continue
        if " --all" in command:
            if not looped:
                found.append(command)
            continue
        targets = [t for t in _TARGET.findall(command.split("--for=")[0]) if "/" in t]
        if not targets or not all(t in created for t in targets):
            found.append(command)
    return found


def test_wait_commands_tolerate_objects_that_do_not_exist_yet(tree):
    for cluster in tree.topology.clusters:
        commands = [c for s in bootstrap_steps(tree.topology, cluster.name) for c in s.commands]
        assert unsafe_waits(commands) == [], cluster.name


def test_the_readme_before_the_fix_waited_on_applications_that_may_not_exist():
    commands = [line for line in OLD_README.read_text().splitlines() if line.startswith(("kubectl", "until"))]
    assert any("application/sealed-secrets" in c for c in unsafe_waits(commands))
    assert any(" -w" in c for c in unsafe_waits(commands))  # `get applications -w` never returns


def test_placeholder_acme_email_is_replaced_before_anything_is_installed(default_tree):
    topology = default_tree.topology
    first = bootstrap_steps(topology, topology.root_shard.cluster)[0]
    assert first.action == "edit-topology"
    assert [f.field for f in first.params.fields] == ["frontProxy.acme.cloudflare.email", "frontProxy.acme.email"]
    assert all(f.value == "email@example.com" for f in first.params.fields)


def test_real_acme_email_needs_no_topology_edit(default_tree):
    topology = default_tree.topology
    acme = topology.front_proxy.acme.model_copy(update={
        "email": "ops@kcp.dev", "cloudflare": topology.front_proxy.acme.cloudflare.model_copy(update={"email": "dns@kcp.dev"})})
    real = topology.model_copy(update={"front_proxy": topology.front_proxy.model_copy(update={"acme": acme})})
    assert all(step.action != "edit-topology" for step in bootstrap_steps(real, real.root_shard.cluster))
