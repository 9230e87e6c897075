"""argocd/<cluster>/README.md: the bootstrap document, rendered from kcpgitops.bootstrap's one list of steps."""

from __future__ import annotations

from kcpgitops.bootstrap import bootstrap_steps


def _readme(tree, cluster: str) -> str:
    return (tree.argocd / cluster / "README.md").read_text(encoding="utf-8")


def _in_order(text: str, *needles: str) -> None:
    position = -1
    for needle in needles:
        found = text.find(needle, position + 1)
        assert found > position, f"{needle!r} missing or out of order"
        position = found


def test_readme_renders_every_bootstrap_step_in_order_with_its_commands(tree):
    for cluster in tree.topology.clusters:
        text = _readme(tree, cluster.name)
        needles = []
        for number, step in enumerate(bootstrap_steps(tree.topology, cluster.name), 1):
            needles += [f"## {number}. {step.title}\n", *step.commands, *step.notes]
        _in_order(text, *needles)
        assert cluster.git.repo_url in text


def test_bootstrap_readme_keeps_the_guide_steps_in_order(tree):
    topology = tree.topology
    argocd = topology.argocd
    for cluster in topology.clusters:
        text = _readme(tree, cluster.name)
        steps = [
            f"Install Argo CD {argocd.version}",
            f"https://raw.githubusercontent.com/argoproj/argo-cd/{argocd.version}/manifests/install.yaml",
            "Repository access",
            "argocd.argoproj.io/secret-type=repository",
            "Apply the bootstrap",
            f"kubectl apply --server-side --field-manager=argocd-controller -R -f argocd/{cluster.name}/bootstrap/",
        ]
        if any(topology.is_remote(s) for s in topology.shards_on(cluster.name)):
            steps += [
                "Fetch the Sealed Secrets certificate",
                "kubeseal --fetch-cert --controller-name sealed-secrets-controller --controller-namespace kube-system "
                f"> {topology.sealing_certificate(cluster)}",
                "Re-render and commit",
                f"git add {topology.sealing_certificate(cluster)}",
            ]
        steps += ["DNS records", "Verify", "Upgrading from the `bootstrap` Application layout"]
        _in_order(text, *steps)
        assert f"kubectl create namespace {argocd.namespace}" in text


def test_readme_dns_records_name_every_hostname_and_its_cluster(tree):
    topology = tree.topology
    records = [(topology.front_proxy_hostname, topology.root_shard.cluster, f"{topology.front_proxy.name}-front-proxy"),
               (topology.shard_hostname(topology.root_shard), topology.root_shard.cluster, f"{topology.root_shard.name}-kcp")]
    records += [(topology.shard_hostname(s), s.cluster, f"{s.name}-shard-kcp") for s in topology.shards]
    for cluster in topology.clusters:
        rows = [line for line in _readme(tree, cluster.name).splitlines() if line.startswith("| `") and ":" in line]
        for host, where, service in records:
            (row,) = [r for r in rows if r.startswith(f"| `{host}:")]
            assert f"| `{where}` | `{service}` |" in row
            assert ("**this cluster**" in row) == (where == cluster.name)


def test_readme_verification_commands_follow_the_guide_order(tree):
    topology = tree.topology
    ns = topology.namespace
    for cluster in topology.clusters:
        text = _readme(tree, cluster.name).split(". Verify\n", 1)[1]
        hosted = topology.shards_on(cluster.name)
        steps = [f"kubectl get issuer -n {ns}"]
        if hosted:
            steps += [f"kubectl get etcd -n {ns}", f"kubectl wait --for=condition=Ready etcd -n {ns} --all --timeout=300s"]
        steps += [f"kubectl get certificate -n {ns}", f"kubectl get pods -n {ns}", f"kubectl get svc -n {ns} -o wide"]
        if cluster.name == topology.root_shard.cluster:
            proxy = topology.front_proxy
            steps += [
                f"kubectl get svc -n {ns} {proxy.name}-front-proxy -o jsonpath='{{.status.loadBalancer}}'",
                f"nslookup {topology.front_proxy_hostname}",
                f"curl -k https://{topology.front_proxy_hostname}:{proxy.port}/healthz",
                f"kubectl get secret -n {ns} {proxy.admin_kubeconfig} -o jsonpath='{{.data.kubeconfig}}' | base64 -d",
                'KUBECONFIG="$KCP_KUBECONFIG" kubectl get shards',
            ]
            if any(topology.is_remote(s) for s in topology.shards):
                steps += [f"kubectl get deployments.apps -n {ns}", "kubectl get bundles.operator.kcp.io -A"]
        else:
            steps += [f"kubectl get svc -n {ns} {s.name}-shard-kcp" for s in hosted]
            steps += [f"nslookup {topology.shard_hostname(s)}" for s in hosted]
            steps.append('KUBECONFIG="$KCP_KUBECONFIG" kubectl get shards')
        _in_order(text, *steps)


def test_readme_no_longer_presents_the_bridge_comparison_error_as_expected(tree):
    for cluster in tree.topology.clusters:
        assert "app path does not exist" not in _readme(tree, cluster.name).split("## Upgrading", 1)[0]


def test_upgrade_note_names_the_step_by_hand_only_where_argo_cd_will_not_do_it(default_tree):
    from charts.argocd import plan_cluster
    from charts.argocd._readme import render_readme

    base = default_tree.topology

    def upgrade_note(**settings) -> str:
        topology = base.model_copy(update={"argocd": base.argocd.model_copy(update=settings)})
        return render_readme(topology, plan_cluster(topology, "cluster-2", [])).split("## Upgrading", 1)[1]

    assert "no step by hand is needed" in upgrade_note()
    assert "delete application bootstrap" not in upgrade_note() and "argocd app sync" not in upgrade_note()
    assert "no step by hand" not in upgrade_note(prune=False) + upgrade_note(automated=False)
    assert "kubectl -n argocd delete application bootstrap" in upgrade_note(prune=False)
    assert "argocd app sync app-of-apps --prune" in upgrade_note(automated=False)
