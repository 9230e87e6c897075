"""The image settings (issue 12, "An image registry mirror"): `images.mirror` rewrites every image the product renders,
`images.pullSecrets` reaches every pod it renders and is listed for the person where those pods run, and
`images.charts` moves the Helm chart repositories. Bad input: tests/generator/fixtures/bad/mirror-*.yaml in
test_bad_input.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bridge._bundle import references
from charts.bridge import readable, shard_exports
from charts.images import CERT_MANAGER_IMAGES, ETCD_DRUID_IMAGE, ETCD_IMAGES, deep_merge
from charts.names import SEALED_SECRETS_NAMESPACE
from kcpgitops.bootstrap import bootstrap_steps
from kcpgitops.check import check_tree
from kcpgitops.docs import user_created_secrets
from kcpgitops.docs._declared import SEALED_SECRETS_NAMESPACE as DECLARED_SEALED_SECRETS_NAMESPACE
from kcpgitops.operator_manifests import render_kcp_operator
from kcpgitops.rehearsal._charts import PinnedCharts
from kcpgitops.render import render
from kcpgitops.topology import REPO_ROOT, TopologyError, load_topology, parse_topology, split_registry
from kcpmodel import proxy_deployment, root_shard_deployment, shard_deployment

FIXTURES = Path(__file__).parent / "fixtures"
KNOBS = FIXTURES / "knobs-mirror.yaml"
MIRROR = "mirror.example.io:5000/upstream"
PULL = [{"name": "mirror-pull"}, {"name": "platform-pull"}]
BASE = (FIXTURES / "base.yaml").read_text()


@pytest.fixture(scope="module")
def knobs(rendered_fixture):
    return rendered_fixture(KNOBS)


def _all_docs(rendered) -> Iterator[tuple[str, dict]]:
    """(cluster, document) of both trees."""
    for cluster, docs in rendered.manifests.items():
        yield from ((cluster, d) for d in docs)
    for section, docs in rendered.applications.items():
        yield from ((section.split("/")[0], d) for d in docs)


def _pod_specs(doc: dict) -> Iterator[dict]:
    spec = doc.get("spec") or {}
    if doc["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "Job"):
        yield spec["template"]["spec"]
    elif doc["kind"] == "CronJob":
        yield spec["jobTemplate"]["spec"]["template"]["spec"]


def _helm_values(doc: dict) -> dict | None:
    if doc["kind"] != "Application" or "chart" not in doc["spec"]["source"]:
        return None
    return doc["spec"]["source"]["helm"].get("valuesObject") or {}


def _kcp_operator_deployments(rendered, topology) -> Iterator[dict]:
    """The Deployments kcp-operator v0.9.0 makes of the rendered RootShard, its proxy, Shards and FrontProxy (kcpmodel)."""
    root_cluster = topology.root_shard.cluster
    docs = {(d["kind"], d["metadata"]["name"]): d for d in rendered.manifests[root_cluster]}
    root = docs[("RootShard", topology.root_shard.name)]
    ns, shards = topology.namespace, [s.name for s in topology.shards]
    yield root_shard_deployment(root["metadata"]["name"], ns, root["spec"], shards)
    yield proxy_deployment(root["metadata"]["name"], ns, root["spec"], shard_names=shards)
    for (kind, name), doc in docs.items():
        if kind == "Shard":
            yield shard_deployment(name, ns, doc["spec"], root["metadata"]["name"], root["spec"], shards)
        elif kind == "FrontProxy":
            yield proxy_deployment(root["metadata"]["name"], ns, root["spec"], name, doc["spec"], shard_names=shards)


def rendered_images(rendered, topology) -> set[str]:
    """Every image reference the clusters pull because of the rendered trees: containers of rendered pods, of the pods
    kcp-operator makes from the kcp objects, and of the charts' pods (the rehearsal's model of the pinned charts,
    rendered from each Application's values)."""
    images: set[str] = set()
    charts = PinnedCharts()
    for _, doc in _all_docs(rendered):
        for pod in _pod_specs(doc):
            images.update(c["image"] for c in (*pod.get("initContainers", []), *pod["containers"]))
        values = _helm_values(doc)
        if values is not None:
            source = doc["spec"]["source"]
            ref = next(r for r in charts.charts if r.chart == source["chart"])
            for obj in charts.render(ref.repo_url, ref.chart, source["targetRevision"], source["helm"]["releaseName"],
                                     doc["spec"]["destination"]["namespace"], values):
                for pod in _pod_specs(obj):
                    images.update(c["image"] for c in pod["containers"])
    for deployment in _kcp_operator_deployments(rendered, topology):
        images.update(c["image"] for c in deployment["spec"]["template"]["spec"]["containers"])
    return images


# -- the mirror ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("image", "mirrored"), [
    ("ghcr.io/kcp-dev/kcp", f"{MIRROR}/kcp-dev/kcp"),
    ("quay.io/jetstack/cert-manager-controller:v1.18.2", f"{MIRROR}/jetstack/cert-manager-controller:v1.18.2"),
    ("docker.io/bitnami/sealed-secrets-controller", f"{MIRROR}/bitnami/sealed-secrets-controller"),
    ("bitnami/sealed-secrets-controller", f"{MIRROR}/bitnami/sealed-secrets-controller"),  # Docker Hub, no host written
    ("redis:8", f"{MIRROR}/library/redis:8"),  # Docker Hub's official images live under library/
    ("index.docker.io/redis", f"{MIRROR}/library/redis"),
    ("registry.example.io:5000/team/job@sha256:" + "a" * 64, f"{MIRROR}/team/job@sha256:" + "a" * 64),
])
def test_the_mirror_keeps_each_images_path_below_its_registry_host(image, mirrored):
    topology = parse_topology(BASE + f"images: {{mirror: '{MIRROR}'}}\n")
    assert topology.images.mirrored(image) == mirrored
    assert parse_topology(BASE).images.mirrored(image) == image  # no mirror: unchanged


def test_registry_hosts_are_split_as_docker_and_the_kubelet_do():
    # distribution/reference@v0.6.0:normalize.go splitDockerDomain: a first component is a host only with '.' or ':',
    # as `localhost`, or with uppercase letters.
    assert split_registry("localhost/x") == ("localhost", "x")
    assert split_registry("kcp-dev/kcp") == ("docker.io", "kcp-dev/kcp")
    assert split_registry("Registry/x") == ("Registry", "x")


def test_every_rendered_image_is_pulled_through_the_mirror(knobs):
    topology, rendered = knobs
    images = rendered_images(rendered, topology)
    assert len(images) >= 9  # kcp, kcp-operator, three cert-manager Deployments, sealed-secrets, etcd-druid, two jobs
    assert sorted(i for i in images if not i.startswith(MIRROR + "/")) == []


def test_without_a_mirror_the_same_collector_finds_the_upstream_registries(knobs):
    # The check above, on a topology that leaves the mirror out: it must see the upstream images, or it proves nothing.
    topology = parse_topology(KNOBS.read_text().replace(f"  mirror: {MIRROR}", "  mirror: null"))
    images = rendered_images(render(topology, topology_path=KNOBS), topology)
    assert {"ghcr.io/kcp-dev/kcp:v0.32.3", "ghcr.io/kcp-dev/kcp-operator:v0.9.0", "quay.io/jetstack/cert-manager-webhook:v1.18.2",
            "docker.io/bitnami/sealed-secrets-controller:0.36.6"} <= images
    assert not any(i.startswith(MIRROR) for i in images)


def test_kcp_objects_name_the_mirrored_kcp_image(knobs):
    topology, rendered = knobs
    root = next(d for d in rendered.manifests["cluster-1"] if d["kind"] == "RootShard")
    expected = {"repository": f"{MIRROR}/kcp-dev/kcp", "tag": topology.versions.kcp}
    assert root["spec"]["image"] == expected and root["spec"]["proxy"]["image"] == expected
    for doc in rendered.manifests["cluster-1"]:
        if doc["kind"] in ("Shard", "FrontProxy"):
            assert doc["spec"]["image"] == expected


def test_the_charts_get_mirrored_image_values_only_where_their_values_yaml_has_them(knobs):
    _, rendered = knobs
    values = {d["metadata"]["name"]: _helm_values(d) for d in rendered.applications["cluster-2/apps"] if _helm_values(d) is not None}
    cert_manager = values["cert-manager"]
    assert cert_manager["image"] == {"repository": f"{MIRROR}/jetstack/cert-manager-controller"}
    for section in set(CERT_MANAGER_IMAGES) - {"image"}:
        assert cert_manager[section] == {"image": {"repository": f"{MIRROR}/jetstack/cert-manager-{section}"}}
    assert cert_manager["crds"] == {"enabled": True}  # the chart's own settings stay
    assert values["sealed-secrets"]["image"] == {"registry": MIRROR, "pullSecrets": ["mirror-pull", "platform-pull"]}
    assert values["etcd-druid"]["image"] == {"repository": f"{MIRROR}/{ETCD_DRUID_IMAGE.partition('/')[2]}", "tag": "v0.33.0"}
    assert values["etcd-druid"]["controllers"] == {"etcd": {"enableEtcdSpecAutoReconcile": True}}


def test_etcd_images_reach_the_mirror_only_through_an_override(knobs):
    # etcd-druid v0.33.0 picks them from its image vector unless the Etcd names them; the fixture's override does.
    _, rendered = knobs
    etcd = next(d for d in rendered.manifests["cluster-2"] if d["kind"] == "Etcd")
    wrapper, backup = (f"{MIRROR}/{repo.partition('/')[2]}:{tag}" for _, repo, tag in ETCD_IMAGES)
    assert (etcd["spec"]["etcd"]["image"], etcd["spec"]["backup"]["image"]) == (wrapper, backup)
    plain = render(parse_topology(BASE + f"images: {{mirror: '{MIRROR}'}}\n"))
    spec = next(d for d in plain.manifests["two"] if d["kind"] == "Etcd")["spec"]
    assert "image" not in spec["etcd"] and "image" not in spec.get("backup", {})


# -- pull Secrets -------------------------------------------------------------------------------------------------


def test_kcp_pods_name_the_pull_secrets_through_the_deployment_template(knobs):
    topology, rendered = knobs
    template = {"spec": {"template": {"spec": {"imagePullSecrets": PULL}}}}
    for doc in rendered.manifests["cluster-1"]:
        if doc["kind"] in ("RootShard", "Shard", "FrontProxy"):
            assert doc["spec"]["deploymentTemplate"] == template
            assert "imagePullSecrets" not in doc["spec"]["image"]  # the template replaces those (applyPodSpecTemplate)
    root = next(d for d in rendered.manifests["cluster-1"] if d["kind"] == "RootShard")
    assert root["spec"]["proxy"]["deploymentTemplate"] == template
    # What kcp-operator v0.9.0 makes of them (kcpmodel): every Deployment pulls with both.
    deployments = list(_kcp_operator_deployments(rendered, topology))
    assert len(deployments) == 5  # root shard, its proxy, alpha, beta, front-proxy
    assert all(d["spec"]["template"]["spec"]["imagePullSecrets"] == PULL for d in deployments)


def test_every_rendered_pod_names_the_pull_secrets(knobs):
    _, rendered = knobs
    pods = [(doc["kind"], doc["metadata"]["name"], pod) for _, doc in _all_docs(rendered) for pod in _pod_specs(doc)]
    assert {(k, n) for k, n, _ in pods} == {("CronJob", "kcp-bridge"), ("CronJob", "kcp-ws-clusters"),
                                             ("Deployment", "kcp-operator-controller-manager")}
    assert all(pod["imagePullSecrets"] == PULL for _, _, pod in pods)
    cert_manager = next(_helm_values(d) for d in rendered.applications["cluster-3/apps"] if d["metadata"]["name"] == "cert-manager")
    assert cert_manager["global"] == {"imagePullSecrets": PULL}


def test_without_pull_secrets_nothing_names_one(default_render):
    # Pods, kcp objects (whose Deployments kcp-operator makes) and chart values; the CRDs' schemas name the field.
    found = [(c, d["kind"], d["metadata"]["name"]) for c, d in _all_docs(default_render) if d["kind"] != "CustomResourceDefinition"
             and ("imagePullSecrets" in str(d) or "deploymentTemplate" in str(d) or "pullSecrets" in str(d))]
    assert found == []


def test_pull_secrets_are_created_by_hand_wherever_a_pod_names_them(knobs):
    topology, rendered = knobs
    named: set[tuple[str, str, str]] = set()
    for cluster, doc in _all_docs(rendered):
        for pod in _pod_specs(doc):
            named.update((cluster, doc["metadata"]["namespace"], s["name"]) for s in pod.get("imagePullSecrets", []))
        values = _helm_values(doc) or {}
        if values.get("global", {}).get("imagePullSecrets") or values.get("image", {}).get("pullSecrets"):
            named.update((cluster, doc["spec"]["destination"]["namespace"], s["name"]) for s in PULL)
    # kcp's Deployments: on the root cluster and, delivered by the bridge, on every shard's cluster.
    named.update((s.cluster, topology.namespace, p["name"]) for s in topology.all_shards for p in PULL)
    declared = {(s.cluster, s.namespace, s.name) for s in user_created_secrets(topology) if s.name in ("mirror-pull", "platform-pull")}
    assert declared == named
    assert all(s.type == "kubernetes.io/dockerconfigjson" and s.keys == (".dockerconfigjson",)
               for s in user_created_secrets(topology) if s.name == "mirror-pull")
    assert DECLARED_SEALED_SECRETS_NAMESPACE == SEALED_SECRETS_NAMESPACE


def test_the_bootstrap_steps_create_each_pull_secret_with_its_type(knobs):
    topology, _ = knobs
    steps = [s for s in bootstrap_steps(topology, "cluster-2") if s.secret is not None and s.secret.name == "mirror-pull"]
    assert sorted(s.secret.namespace for s in steps) == ["cert-manager", "kcp-zheng", "kube-system"]
    assert all(s.secret.type == "kubernetes.io/dockerconfigjson" for s in steps)
    assert all("create secret docker-registry mirror-pull --docker-server=mirror.example.io:5000" in s.commands[1] for s in steps)


def test_the_bridge_never_reads_or_carries_the_pull_secrets(knobs):
    _, rendered = knobs
    config = next(d for d in rendered.manifests["cluster-1"] if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "kcp-bridge-config")
    for target in yaml.safe_load(config["data"]["config.yaml"])["targets"]:
        assert {"mirror-pull", "platform-pull"} <= set(target["excludeReferences"])
    role = next(d for d in rendered.manifests["cluster-1"] if d["kind"] == "Role" and d["metadata"]["name"] == "kcp-bridge")
    assert not [r for r in role["rules"] if {"mirror-pull", "platform-pull"} & set(r["resourceNames"])]


def test_the_bridge_would_read_them_were_they_not_excluded(knobs):
    # The remote shard's Deployment does name them (kcpmodel), so without the exclusion the bridge would GET cluster 1's
    # copies (bridge/_cycle.py _gather), which its Role does not allow: the exclusion above keeps delivery working.
    topology, rendered = knobs
    shard = next(d for d in _kcp_operator_deployments(rendered, topology) if d["metadata"]["name"] == "alpha-shard-kcp")
    assert {("Secret", "mirror-pull"), ("Secret", "platform-pull")} <= {(r.kind, r.name) for r in references(objects=[shard])}
    kcp_objects = {(d["kind"], d["metadata"]["name"]): d for d in rendered.manifests["cluster-1"] if d["kind"] in ("RootShard", "Shard")}
    assert "mirror-pull" not in readable(topology, shard_exports(topology, kcp_objects))["secrets"]


def test_kcp_operator_pulls_with_the_pull_secrets_only_when_asked():
    def manager_pod(docs):
        return next(d for d in docs if d["kind"] == "Deployment")["spec"]["template"]["spec"]

    assert "imagePullSecrets" not in manager_pod(render_kcp_operator())
    assert manager_pod(render_kcp_operator(image_pull_secrets=("a", "b")))["imagePullSecrets"] == [{"name": "a"}, {"name": "b"}]
    with pytest.raises(TypeError):
        render_kcp_operator(image_pull_secrets="a")


def test_deploymenttemplate_fragments_merge_and_refuse_to_overwrite_each_other():
    pulls = {"spec": {"template": {"spec": {"imagePullSecrets": PULL}}}}
    placement = {"spec": {"template": {"spec": {"nodeSelector": {"pool": "kcp"}}}}}
    assert deep_merge(pulls, placement) == {"spec": {"template": {"spec": {"imagePullSecrets": PULL, "nodeSelector": {"pool": "kcp"}}}}}
    with pytest.raises(ValueError, match="two fragments set 'imagePullSecrets'"):
        deep_merge(pulls, pulls)


# -- chart repositories ---------------------------------------------------------------------------------------------


def test_argocd_pulls_the_charts_from_the_configured_repositories(knobs):
    _, rendered = knobs
    for cluster in ("cluster-1", "cluster-2", "cluster-3"):
        sources = {d["metadata"]["name"]: d["spec"]["source"] for d in rendered.applications[f"{cluster}/apps"]
                   if _helm_values(d) is not None}
        assert {n: s["repoURL"] for n, s in sources.items()} == {
            "cert-manager": "https://charts.example.io/jetstack",
            "sealed-secrets": "https://charts.example.io/sealed-secrets",
            "etcd-druid": "mirror.example.io:5000/charts/gardener",
        }
        project = next(d for d in rendered.applications[f"{cluster}/bootstrap"] if d["kind"] == "AppProject")
        assert {s["repoURL"] for s in sources.values()} <= set(project["spec"]["sourceRepos"])
        assert "https://charts.jetstack.io" not in project["spec"]["sourceRepos"]


def test_the_default_chart_repositories_are_upstreams(default_render):
    sources = {d["metadata"]["name"]: d["spec"]["source"]["repoURL"] for d in default_render.applications["cluster-1/apps"]
               if _helm_values(d) is not None}
    assert sources == {"cert-manager": "https://charts.jetstack.io", "sealed-secrets": "https://bitnami-labs.github.io/sealed-secrets",
                       "etcd-druid": "europe-docker.pkg.dev/gardener-project/releases/charts/gardener"}


def test_a_chart_credential_is_never_echoed():
    with pytest.raises(TopologyError) as caught:
        load_topology(FIXTURES / "bad" / "mirror-chart-credentials.yaml")
    assert "hunter2" not in str(caught.value)


# -- the person's steps -----------------------------------------------------------------------------------------------


def test_the_root_clusters_steps_list_every_image_the_mirror_must_hold(knobs):
    topology, rendered = knobs
    [step] = [s for s in bootstrap_steps(topology, "cluster-1") if s.action == "build-images"]
    assert step.title == "Build and push the job images, fill the image mirror"
    listed = {c.mirrored for c in step.params.mirror if c.reached}
    assert rendered_images(rendered, topology) <= listed
    assert all(f"crane copy {c.source} {c.mirrored}" in step.commands for c in step.params.mirror if c.reached)
    # The jobs are copied from where `make images` pushes them.
    assert "crane copy registry.example.io/platform/kcp-zheng-bridge:0.1.0 " + MIRROR + "/platform/kcp-zheng-bridge:0.1.0" in step.commands


def test_a_mirror_without_jobs_still_gets_its_step():
    topology = parse_topology(BASE.replace("shards:\n  - {name: alpha, cluster: two}\n", "") + f"images: {{mirror: '{MIRROR}'}}\n")
    [step] = [s for s in bootstrap_steps(topology, "one") if s.action == "build-images"]
    assert step.title == "Fill the image mirror" and step.params.images == ()
    assert not [s for s in bootstrap_steps(parse_topology(BASE.replace("shards:\n  - {name: alpha, cluster: two}\n", "")), "one")
                if s.action == "build-images"]


def test_argocds_own_install_is_rewritten_to_the_mirror_by_kustomize(knobs):
    topology, _ = knobs
    [step] = [s for s in bootstrap_steps(topology, "cluster-3") if s.action == "install-argocd"]
    kustomization = next(c for c in step.commands if c.startswith("printf"))
    assert f"- name: quay.io/argoproj/argocd\\n  newName: {MIRROR}/argoproj/argocd" in kustomization
    assert step.params.images[0] == ("quay.io/argoproj/argocd", f"{MIRROR}/argoproj/argocd")
    [plain] = [s for s in bootstrap_steps(parse_topology(BASE), "two") if s.action == "install-argocd"]
    assert plain.params.images == () and not any("kustomization" in c for c in plain.commands)


# -- the whole fixture ------------------------------------------------------------------------------------------------


def test_the_rendered_fixture_validates_strictly_and_passes_make_check(knobs, tmp_path, strict_schema_findings):
    # The topology next to the sealing certificates, as in a deployment repository after the bootstrap.
    shutil.copy(KNOBS, tmp_path / "topology.yaml")
    shutil.copytree(REPO_ROOT / "certs", tmp_path / "certs")
    topology = load_topology(tmp_path / "topology.yaml")
    rendered = render(topology, topology_path=tmp_path / "topology.yaml")
    findings, _ = strict_schema_findings(rendered, tmp_path)
    assert findings == []
    findings = check_tree(topology=topology, dist=tmp_path / "dist", argocd=tmp_path / "argocd", repo_root=tmp_path)
    assert [f.rule for f in findings] == []
    # `make check` expects the mirrored kcp image: one pulled past the mirror is a finding.
    shard = tmp_path / "dist" / "cluster-1" / "kcp-zheng" / "shard.operator.kcp.io_alpha.yaml"
    shard.write_text(shard.read_text().replace(f"{MIRROR}/kcp-dev/kcp", "ghcr.io/kcp-dev/kcp"))
    findings = check_tree(topology=topology, dist=tmp_path / "dist", argocd=tmp_path / "argocd", repo_root=tmp_path)
    assert [(f.rule, f.object) for f in findings] == [("kcp-version", "Shard kcp-zheng/alpha")]


def test_the_repository_step_names_the_chart_mirrors_and_their_credentials(knobs):
    topology, _ = knobs
    [step] = [s for s in bootstrap_steps(topology, "cluster-2") if s.title.startswith("Repository access")]
    [note] = [n for n in step.notes if n.startswith("Argo CD pulls")]
    assert "chart `etcd-druid` v0.33.0 from `mirror.example.io:5000/charts/gardener`" in note and "enableOCI=true" in note
    [plain] = [s for s in bootstrap_steps(parse_topology(BASE), "two") if s.title.startswith("Repository access")]
    assert not [n for n in plain.notes if n.startswith("Argo CD pulls")]
