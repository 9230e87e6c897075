"""`make check`: the default render is clean, and breaking each rule on purpose gives exactly that finding."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.check import RULES, Finding, check_tree
from kcpgitops.check.cli import main
from kcpgitops.topology import load_topology

ROOT = Path(__file__).resolve().parents[2]

C1 = Path("dist/cluster-1/kcp-zheng")
C2 = Path("dist/cluster-2/kcp-zheng")
C3 = Path("dist/cluster-3/kcp-zheng")


def findings(repo: Path) -> list[Finding]:
    return check_tree(topology=load_topology(repo / "topology.yaml"), dist=repo / "dist", argocd=repo / "argocd", repo_root=repo)


def only(repo: Path, rule: str, count: int = 1) -> list[Finding]:
    """The findings, asserting there are exactly `count` and all break `rule`."""
    found = findings(repo)
    assert [f.rule for f in found] == [rule] * count, "\n".join(map(str, found))
    return found


def application_with_path(repo: Path, cluster: str, path: str) -> Path:
    for file in sorted((repo / "argocd" / cluster).rglob("*.yaml")):
        doc = yaml.load(file.read_text(), Loader=yaml.CSafeLoader)
        sources = [doc.get("spec", {}).get("source") or {}, *(doc.get("spec", {}).get("sources") or [])]
        if doc.get("kind") == "Application" and any(s.get("path") == path for s in sources):
            return file
    raise AssertionError(f"no Application on {cluster} syncs {path}")


def set_source_path(doc: dict, old: str, new: str) -> None:
    for source in [doc["spec"].get("source") or {}, *(doc["spec"].get("sources") or [])]:
        if source.get("path") == old:
            source["path"] = new


# --- the default topology -----------------------------------------------------------------------------------------


def test_default_topology_reports_nothing(rendered_repo):
    assert findings(rendered_repo) == []


def test_committed_tree_reports_nothing(capsys, monkeypatch):
    """`make check` on the repository's own dist/ and argocd/ (keep them current with `make synth`)."""
    monkeypatch.chdir(ROOT)
    assert main([]) == 0, capsys.readouterr()


def test_cli_exit_codes_and_output(repo, edit, capsys):
    assert main([str(repo)]) == 0
    assert "consistent" in capsys.readouterr().out
    edit(repo / C2 / "certificate.cert-manager.io_etcd-peer-tls.yaml", lambda d: d["spec"]["issuerRef"].update(name="missing"))
    assert main([str(repo)]) == 1
    out = capsys.readouterr()
    assert "certificate.cert-manager.io_etcd-peer-tls.yaml: Certificate kcp-zheng/etcd-peer-tls [issuer-ref]" in out.out
    assert "fix: " in out.out and "1 finding(s)" in out.err


def test_cli_accepts_a_dist_tree_with_argocd_beside_it(repo):
    assert main([str(repo / "dist"), "--topology", str(repo / "topology.yaml")]) == 0


def test_every_rule_is_documented_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(rule in out for rule in RULES)


# --- issuerRef ----------------------------------------------------------------------------------------------------


def test_issuer_ref_to_a_missing_issuer(repo, edit):
    edit(repo / C1 / "certificate.cert-manager.io_kcp-ca.yaml", lambda d: d["spec"]["issuerRef"].update(name="selfsigned-typo"))
    (finding,) = only(repo, "issuer-ref")
    assert finding.object == "Certificate kcp-zheng/kcp-ca" and finding.file.endswith("certificate.cert-manager.io_kcp-ca.yaml")
    assert "Issuer kcp-zheng/selfsigned-typo" in finding.message and "selfsigned" in finding.fix


def test_issuer_ref_to_an_issuer_in_another_namespace(repo, edit):
    # cluster-2 has Issuer selfsigned only in cert-manager; an Issuer signs only in its own namespace.
    edit(repo / C2 / "certificate.cert-manager.io_etcd-peer-ca.yaml", lambda d: d["spec"].update(issuerRef={"name": "selfsigned", "kind": "Issuer"}))
    (finding,) = only(repo, "issuer-ref")
    assert "exists in namespace cert-manager" in finding.message


def test_issuer_ref_to_a_missing_cluster_issuer(repo, edit):
    edit(repo / C3 / "certificate.cert-manager.io_etcd-client-tls.yaml", lambda d: d["spec"]["issuerRef"].update(name="etcd-ca-old"))
    (finding,) = only(repo, "issuer-ref")
    assert "ClusterIssuer etcd-ca-old" in finding.message and "etcd-ca" in finding.fix


# --- Secrets ------------------------------------------------------------------------------------------------------


def test_secret_nothing_produces(repo):
    (repo / C2 / "certificate.cert-manager.io_etcd-client-tls.yaml").unlink()
    (finding,) = only(repo, "secret-produced")
    assert finding.object == "Etcd kcp-zheng/alpha"
    assert "spec.etcd.clientUrlTls.clientTLSSecretRef" in finding.message and "Secret kcp-zheng/etcd-client-tls" in finding.message


def test_remote_shard_needs_its_etcd_secret_where_it_runs(repo):
    (repo / C2 / "certificate.cert-manager.io_etcd-ca.yaml").unlink()
    found = only(repo, "secret-produced", 3)
    assert sorted(f.object for f in found) == ["Etcd kcp-zheng/alpha", "Etcd kcp-zheng/alpha", "Shard kcp-zheng/alpha"]
    shard = next(f for f in found if f.object.startswith("Shard"))
    assert shard.file.endswith("dist/cluster-1/kcp-zheng/shard.operator.kcp.io_alpha.yaml")
    assert "runs on cluster-2" in shard.message and "spec.etcd.tlsConfig.secretRef" in shard.message


def test_acme_solver_secret_must_be_the_declared_user_created_one(repo, edit):
    edit(repo / "dist/cluster-1/_cluster/clusterissuer.cert-manager.io_letsencrypt-prod.yaml",
         lambda d: d["spec"]["acme"]["solvers"][0]["dns01"]["cloudflare"]["apiKeySecretRef"].update(name="cloudflare-token"))
    (finding,) = only(repo, "secret-produced")
    assert "Secret cert-manager/cloudflare-token" in finding.message and "user-created" in finding.fix


def _probe(name: str, secrets: list[str]) -> dict:
    volumes = [{"name": f"v{i}", "secret": {"secretName": s}} for i, s in enumerate(secrets)]
    volumes.append({"name": "maybe", "secret": {"secretName": "absent-but-optional", "optional": True}})
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name, "namespace": "kcp-zheng"},
            "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x",
                     "env": [{"name": "E", "valueFrom": {"secretKeyRef": {"name": secrets[0], "key": "k"}}}]}],
                     "volumes": volumes}}}}


def test_operator_and_bridge_secrets_count_as_produced(repo, write):
    # On cluster-1 kcp-operator makes alpha-bundle (Shard alpha is bundled) and root's CAs; on cluster-2 the bridge
    # delivers alpha's own Secrets and the root CAs from the bundle.
    write(repo / C1 / "deployment.apps_probe.yaml", yaml.safe_dump(_probe("probe", ["alpha-bundle", "root-ca", "root-frontproxy-server"])))
    write(repo / C2 / "deployment.apps_probe.yaml", yaml.safe_dump(_probe("probe", ["alpha-client-kubeconfig", "root-ca", "alpha-mounts-proxy"])))
    assert findings(repo) == []
    write(repo / C3 / "deployment.apps_probe.yaml", yaml.safe_dump(_probe("probe", ["alpha-client-kubeconfig"])))
    found = only(repo, "secret-produced", 2)  # volume and env; alpha's bundle goes to cluster-2, not cluster-3
    assert all(f.file.endswith("dist/cluster-3/kcp-zheng/deployment.apps_probe.yaml") for f in found)


# --- hostnames ----------------------------------------------------------------------------------------------------


def test_shard_url_missing_from_its_server_certificate(repo, edit):
    # A server template that names its own issuer replaces kcp-operator's names instead of adding to them
    # (kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/certificates.go; kcpmodel apply_certificate_template).
    edit(repo / C1 / "shard.operator.kcp.io_alpha.yaml",
         lambda d: d["spec"]["certificateTemplates"]["server"]["spec"].update(
             dnsNames=["alpha.other.example.io"], issuerRef={"name": "letsencrypt-prod", "kind": "ClusterIssuer", "group": "cert-manager.io"}))
    (finding,) = only(repo, "serving-cert-san")
    assert finding.object == "Shard kcp-zheng/alpha" and "alpha.zheng.example.io" in finding.message


def test_names_kcp_operator_adds_itself_need_no_template(repo, edit):
    # kcp-operator v0.9.0 puts the shardBaseURL host into the shard's server certificate on its own
    # (internal/resources/shard/certificates.go), as upstream's kcp-dekker and kcp-comer manifests rely on.
    edit(repo / C1 / "shard.operator.kcp.io_alpha.yaml", lambda d: d["spec"].pop("certificateTemplates"))
    edit(repo / C1 / "shard.operator.kcp.io_alpha.yaml",
         lambda d: d["spec"].update(certificateTemplates={"server": {"spec": {"dnsNames": ["alpha.other.example.io"]}}}))
    assert [f for f in findings(repo) if f.rule == "serving-cert-san"] == []


def test_front_proxy_hostname_missing_from_its_certificate(repo, edit):
    edit(repo / C1 / "frontproxy.operator.kcp.io_frontproxy.yaml",
         lambda d: d["spec"]["certificateTemplates"]["server"]["spec"].update(dnsNames=["*.other.example.io"]))
    found = only(repo, "serving-cert-san", 2)
    assert sorted(f.object for f in found) == ["FrontProxy kcp-zheng/frontproxy", "RootShard kcp-zheng/root"]


def test_wildcard_dns_name_covers_one_label(repo, edit):
    edit(repo / C1 / "frontproxy.operator.kcp.io_frontproxy.yaml",
         lambda d: d["spec"]["certificateTemplates"]["server"]["spec"].update(dnsNames=["*.zheng.example.io"]))
    assert findings(repo) == []


def _edit_readme(repo: Path, old: str, new: str) -> None:
    readme = repo / "dist" / "README.md"
    text = readme.read_text()
    assert old in text
    readme.unlink()  # a hard link into the session render: replace, never write through
    readme.write_text(text.replace(old, new))


def test_hostname_missing_from_the_dns_plan(repo):
    _edit_readme(repo, "| `alpha.zheng.example.io` | `cluster-2` | `kcp-zheng/alpha-shard-kcp` | 6443 | Shard alpha |\n", "")
    (finding,) = only(repo, "dns-plan")
    assert finding.object == "Shard kcp-zheng/alpha" and "not in the DNS plan" in finding.message


def test_dns_plan_pointing_at_the_wrong_cluster(repo):
    _edit_readme(repo, "| `beta.zheng.example.io` | `cluster-3` |", "| `beta.zheng.example.io` | `cluster-2` |")
    (finding,) = only(repo, "dns-plan")
    assert "served on cluster-3" in finding.message and "points it at cluster-2" in finding.message


def test_dns_plan_record_nothing_serves(repo):
    _edit_readme(repo, "<!-- dns-plan:end -->", "| `old.zheng.example.io` | `cluster-3` | `kcp-zheng/old-shard-kcp` | 6443 | Shard old |\n<!-- dns-plan:end -->")
    (finding,) = only(repo, "dns-plan")
    assert finding.object == "DNS record old.zheng.example.io"


def test_missing_dns_plan(repo):
    (repo / "dist" / "README.md").unlink()
    (finding,) = only(repo, "dns-plan")
    assert "no DNS plan" in finding.message


# --- etcd ---------------------------------------------------------------------------------------------------------


def _endpoint(url: str):
    return lambda d: d["spec"]["etcd"].update(endpoints=[url])


def test_etcd_endpoint_of_an_etcd_on_another_cluster(repo, edit):
    edit(repo / C1 / "shard.operator.kcp.io_alpha.yaml", _endpoint("https://beta-client.kcp-zheng.svc.cluster.local:2379"))
    (finding,) = only(repo, "etcd-endpoint")
    assert "not rendered on cluster-2, where this shard runs" in finding.message and "exists on cluster-3" in finding.message


def test_etcd_endpoint_wrong_port(repo, edit):
    edit(repo / C1 / "rootshard.operator.kcp.io_root.yaml", _endpoint("https://root-client.kcp-zheng.svc.cluster.local:2380"))
    (finding,) = only(repo, "etcd-endpoint")
    assert "port 2380" in finding.message


def test_etcd_endpoint_not_a_client_service(repo, edit):
    edit(repo / C1 / "rootshard.operator.kcp.io_root.yaml", _endpoint("https://etcd.example.com:2379"))
    (finding,) = only(repo, "etcd-endpoint")
    assert "not the client Service of an Etcd" in finding.message


def test_etcd_endpoint_in_another_namespace(repo, edit):
    edit(repo / C1 / "shard.operator.kcp.io_beta.yaml", _endpoint("https://beta-client.other.svc.cluster.local:2379"))
    (finding,) = only(repo, "etcd-endpoint")
    assert "namespace other" in finding.message


def test_etcd_endpoint_host_missing_from_server_certificate(repo, edit):
    edit(repo / C2 / "certificate.cert-manager.io_etcd-server-tls.yaml",
         lambda d: d["spec"].update(dnsNames=[n for n in d["spec"]["dnsNames"] if n != "alpha-client.kcp-zheng.svc.cluster.local"]))
    (finding,) = only(repo, "etcd-server-san")
    assert finding.object == "Certificate kcp-zheng/etcd-server-tls" and "dist/cluster-2" in finding.file
    assert "Shard kcp-zheng/alpha" in finding.message


# --- kcp object references ----------------------------------------------------------------------------------------


def test_root_shard_ref_that_does_not_resolve(repo, edit):
    edit(repo / C1 / "shard.operator.kcp.io_beta.yaml", lambda d: d["spec"]["rootShard"]["ref"].update(name="rooot"))
    (finding,) = only(repo, "kcp-ref")
    assert "RootShard kcp-zheng/rooot" in finding.message and "root" in finding.fix


def test_kubeconfig_target_that_does_not_resolve(repo, edit):
    edit(repo / C1 / "kubeconfig.operator.kcp.io_kcp-admin-frontproxy.yaml",
         lambda d: d["spec"]["target"]["frontProxyRef"].update(name="front-proxy"))
    (finding,) = only(repo, "kcp-ref")
    assert "FrontProxy kcp-zheng/front-proxy" in finding.message


# --- bridge -------------------------------------------------------------------------------------------------------


def test_remote_shard_without_sealing_certificate(repo):
    (repo / "certs" / "cluster-3.pem").unlink()
    (finding,) = only(repo, "bridge-target")
    assert finding.file.endswith("certs/cluster-3.pem") and finding.object == "Shard kcp-zheng/beta"
    assert "kubeseal --fetch-cert" in finding.fix


def test_remote_shard_with_a_malformed_sealing_certificate(repo, write):
    write(repo / "certs" / "cluster-2.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    (finding,) = only(repo, "bridge-target")
    assert "not a PEM certificate" in finding.message


def test_remote_shard_without_bundle_annotation(repo, edit):
    edit(repo / C1 / "shard.operator.kcp.io_alpha.yaml", lambda d: d["metadata"]["annotations"].pop("operator.kcp.io/bundle"))
    (finding,) = only(repo, "bridge-target")
    assert "alpha-bundle" in finding.message


def bridge_path(repo: Path, cluster: str) -> str:
    topology = load_topology(repo / "topology.yaml")
    return topology.bridge_path(topology.cluster(cluster))


def test_bridge_configuration_target_with_the_wrong_path(repo, edit):
    def move(doc: dict) -> None:
        doc["data"]["config.yaml"] = doc["data"]["config.yaml"].replace(f"path: {bridge_path(repo, 'cluster-3')}\n", "path: bridge/elsewhere\n")

    edit(repo / C1 / "configmap.core_kcp-bridge-config.yaml", move)
    (finding,) = only(repo, "bridge-target")
    assert "bridge/elsewhere" in finding.message and "beta" in finding.message


def test_shard_cluster_not_syncing_the_bridge_path(repo):
    application_with_path(repo, "cluster-2", bridge_path(repo, "cluster-2")).unlink()
    (finding,) = only(repo, "bridge-sync")
    assert "cluster-2" in finding.object and bridge_path(repo, "cluster-2") in finding.message


def rerender_with_bridge(repo: Path, cluster: str, bridge: dict) -> None:
    """Set `clusters[<cluster>].git.bridge` in the copy's topology and render the copy again."""
    from kcpgitops.cli import synth

    data = yaml.safe_load((repo / "topology.yaml").read_text())
    next(c for c in data["clusters"] if c["name"] == cluster)["git"]["bridge"] = bridge
    (repo / "topology.yaml").unlink()  # a hard link into the session render: replace, never write through
    (repo / "topology.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    assert synth(topology=repo / "topology.yaml", dist=repo / "dist", argocd=repo / "argocd", repo_root=repo) == 0


def test_bridge_target_inside_rendered_output_of_the_branch_argo_cd_follows(repo):
    rerender_with_bridge(repo, "cluster-2", {"path": "dist/sealed-cluster-2"})
    (finding,) = only(repo, "bridge-target")
    assert "dist/sealed-cluster-2 of cluster-2 lies inside rendered output" in finding.message
    assert "git.bridge.path" in finding.fix and "git.bridge.branch" in finding.fix


def test_bridge_target_inside_rendered_paths_is_fine_in_a_branch_of_its_own(repo):
    # That branch holds no render, so no render replaces the bridge's files there.
    rerender_with_bridge(repo, "cluster-2", {"branch": "kcp-bridge", "path": "dist/cluster-2"})
    assert findings(repo) == []


def test_bridge_configuration_target_on_the_wrong_branch(repo, edit):
    edit(repo / C1 / "configmap.core_kcp-bridge-config.yaml",
         lambda d: d["data"].update({"config.yaml": d["data"]["config.yaml"].replace("branch: main\n", "branch: elsewhere\n", 1)}))
    (finding,) = only(repo, "bridge-target")
    assert "branch is 'elsewhere', expected 'main'" in finding.message


def test_shard_cluster_syncing_the_bridge_path_from_another_branch(repo, edit):
    # The path alone is not enough: Argo CD must read the branch (and repository) the bridge writes to.
    rerender_with_bridge(repo, "cluster-2", {"branch": "kcp-bridge"})
    assert findings(repo) == []
    app = application_with_path(repo, "cluster-2", bridge_path(repo, "cluster-2"))
    edit(app, lambda d: d["spec"]["source"].update(targetRevision="main"))
    (finding,) = only(repo, "bridge-sync")
    assert f"{bridge_path(repo, 'cluster-2')} of https://git.example.com/kcp/kcp-zheng-gitops.git at kcp-bridge" in finding.message


# --- kcp version --------------------------------------------------------------------------------------------------


def test_front_proxy_on_another_kcp_version(repo, edit):
    edit(repo / C1 / "frontproxy.operator.kcp.io_frontproxy.yaml", lambda d: d["spec"]["image"].update(tag="v0.33.0"))
    (finding,) = only(repo, "kcp-version")
    assert finding.object == "FrontProxy kcp-zheng/frontproxy" and "ghcr.io/kcp-dev/kcp:v0.33.0" in finding.message


def test_root_shard_proxy_without_pinned_image(repo, edit):
    edit(repo / C1 / "rootshard.operator.kcp.io_root.yaml", lambda d: d["spec"].pop("proxy"))
    (finding,) = only(repo, "kcp-version")
    assert "spec.proxy.image pins no tag" in finding.message


def test_cache_server_is_checked_too(repo, write):
    cache = {"apiVersion": "operator.kcp.io/v1alpha1", "kind": "CacheServer", "metadata": {"name": "cache", "namespace": "kcp-zheng"},
             "spec": {"image": {"repository": "ghcr.io/kcp-dev/kcp", "tag": "v0.31.0"}, "etcd": {"endpoints": []}}}
    write(repo / C1 / "cacheserver.operator.kcp.io_cache.yaml", yaml.safe_dump(cache))
    (finding,) = only(repo, "kcp-version")
    assert finding.object == "CacheServer kcp-zheng/cache"


# --- duplicates, Argo CD paths, unreadable files ---------------------------------------------------------------------


def test_duplicate_object_within_a_cluster(repo, write):
    original = repo / C2 / "etcd.druid.gardener.cloud_alpha.yaml"
    write(repo / C2 / "etcd-copy.yaml", original.read_text())
    (finding,) = only(repo, "duplicate")
    assert finding.object == "Etcd kcp-zheng/alpha" and "defined twice on cluster-2" in finding.message


def test_application_path_that_does_not_exist(repo, edit):
    app = application_with_path(repo, "cluster-2", "dist/cluster-2")
    edit(app, lambda d: set_source_path(d, "dist/cluster-2", "dist/cluster-9"))
    (finding,) = only(repo, "argocd-path")
    assert "dist/cluster-9 does not exist" in finding.message


def test_application_path_of_another_cluster(repo, edit):
    app = application_with_path(repo, "cluster-2", "dist/cluster-2")
    edit(app, lambda d: set_source_path(d, "dist/cluster-2", "dist/cluster-3"))
    (finding,) = only(repo, "argocd-path")
    assert "cluster-3's directory" in finding.message


def test_unreadable_manifest(repo, write):
    write(repo / C3 / "broken.yaml", "kind: [unclosed\n")
    (finding,) = only(repo, "parse")
    assert finding.file.endswith("broken.yaml")


def test_finding_text_names_file_object_and_fix():
    text = str(Finding("duplicate", "dist/c/x.yaml", "Etcd ns/e", "what is wrong", "what to do"))
    assert text == "dist/c/x.yaml: Etcd ns/e [duplicate]\n  what is wrong\n  fix: what to do"


def test_objects_inside_kcp_are_scoped_per_workspace_directory(repo, write):
    # dist/kcp/<workspace path>/: each directory is its own logical cluster, so one name may recur across them.
    doc = {"apiVersion": "tenancy.kcp.io/v1alpha1", "kind": "Workspace", "metadata": {"name": "team"}}
    write(repo / "dist/kcp-probe/root/a/workspace.tenancy.kcp.io_team.yaml", yaml.safe_dump(doc))
    write(repo / "dist/kcp-probe/root/b/workspace.tenancy.kcp.io_team.yaml", yaml.safe_dump(doc))
    assert findings(repo) == []
    write(repo / "dist/kcp-probe/root/b/team-again.yaml", yaml.safe_dump(doc))
    (finding,) = only(repo, "duplicate")
    assert "defined twice on kcp-probe/root/b" in finding.message
