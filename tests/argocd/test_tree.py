"""The argocd/ tree as a whole: schema-valid, complete, every path real, no credential anywhere."""

from __future__ import annotations

import re
from pathlib import Path

from bridge._render import NAMESPACE_FILE

from .conftest import Tree, directory_manifests


def _sources(app: dict) -> list[dict]:
    spec = app["spec"]
    return [spec["source"]] if "source" in spec else list(spec.get("sources", []))


def _expected_children(tree: Tree, cluster: str) -> set[str]:
    topology = tree.topology
    names = {"etcd-druid-crds", "cert-manager", "sealed-secrets", "etcd-druid", "kcp"}
    if cluster == topology.root_shard.cluster:
        names.add("kcp-operator")
    if any(topology.is_remote(s) for s in topology.shards_on(cluster)):
        names.add("kcp-bridge")
    return names


def test_every_application_and_app_project_validates_against_argocd_v3_5_1_schema(tree, schema_report):
    # Strict: a document whose apiVersion/kind has no vendored schema is a finding too, so nothing is skipped.
    report = schema_report(tree)
    assert not report.findings, "\n".join(map(str, report.findings))
    rendered = sum(len(docs) for docs in tree.docs.values())
    assert report.documents == rendered
    kinds = {(d["apiVersion"], d["kind"]) for docs in tree.docs.values() for d in docs.values()}
    assert {("argoproj.io/v1alpha1", "Application"), ("argoproj.io/v1alpha1", "AppProject"), ("v1", "ConfigMap")} <= kinds


def test_every_application_path_exists(tree):
    checked = 0
    for cluster in tree.topology.clusters:
        for name, app in tree.all_applications(cluster.name).items():
            for source in _sources(app):
                assert ("path" in source) != ("chart" in source), f"{cluster.name}/{name}"
                if "chart" in source or source["path"] == tree.topology.bridge_path(cluster):
                    continue
                directory = tree.repo_dir(source["path"])
                assert directory is not None, f"{cluster.name}/{name}: {source['path']} is outside the generated trees"
                assert directory.is_dir(), f"{cluster.name}/{name}: {source['path']} was not rendered"
                found = directory_manifests(directory, source.get("directory", {}))
                assert found, f"{cluster.name}/{name}: Argo CD would find no manifest in {source['path']}"
                checked += 1
    assert checked >= 3 * len(tree.topology.clusters)  # app-of-apps, etcd-druid-crds, kcp at least


def test_bridge_application_syncs_its_clusters_bridge_path_only_where_a_remote_shard_runs(tree):
    topology = tree.topology
    for cluster in topology.clusters:
        bridge = tree.children(cluster.name).get("kcp-bridge")
        if not any(topology.is_remote(s) for s in topology.shards_on(cluster.name)):
            assert bridge is None, cluster.name
            continue
        assert bridge is not None, cluster.name
        source = bridge["spec"]["source"]
        assert source["path"] == topology.bridge_path(cluster)
        # synth replaces dist/ and argocd/ wholesale: bridge commits there would be wiped by the next render.
        assert source["path"].split("/")[0] not in ("dist", "argocd")
        # The bridge writes the namespace it delivers into as namespace.yaml; dist/<cluster> already owns it.
        assert source["directory"] == {"exclude": NAMESPACE_FILE}
        assert bridge["spec"]["destination"]["namespace"] == topology.namespace


def test_five_cluster_topology_renders_complete_valid_argocd_tree(five_cluster_tree, schema_report):
    tree = five_cluster_tree
    topology = tree.topology
    assert len(topology.clusters) == 5 and len(topology.all_shards) == 7
    assert sorted(p.name for p in tree.argocd.iterdir()) == sorted(c.name for c in topology.clusters)
    for cluster in topology.clusters:
        docs = tree.docs[cluster.name]
        ns = topology.argocd.namespace
        assert {p for p in docs if p.parts[0] == "bootstrap"} == {
            Path("bootstrap", ns, f"appproject.argoproj.io_{topology.argocd.project}.yaml"),
            Path("bootstrap", ns, "configmap.core_argocd-cm.yaml"),
            Path("bootstrap", ns, "application.argoproj.io_app-of-apps.yaml"),
        }
        assert set(tree.children(cluster.name)) == _expected_children(tree, cluster.name)
        assert sorted(d["metadata"]["name"] for p, d in docs.items() if p.parts[0] == "etcd-druid-crds") == [
            "etcdcopybackupstasks.druid.gardener.cloud",
            "etcds.druid.gardener.cloud",
        ]
        operator = [p for p in docs if p.parts[0] == "kcp-operator"]
        assert bool(operator) == (cluster.name == topology.root_shard.cluster)
        assert (tree.argocd / cluster.name / "README.md").is_file()
        assert {p.parts[0] for p in docs} <= {"bootstrap", "apps", "etcd-druid-crds", "kcp-operator"}  # no `kcp:` section
    # eu-1 hosts a further shard of its own (no bundle); us-2 receives two bundled shards.
    assert "kcp-bridge" not in tree.children("eu-1")
    assert "kcp-bridge" in tree.children("us-2")
    report = schema_report(tree)
    assert not report.findings, "\n".join(map(str, report.findings))
    assert report.documents == sum(len(docs) for docs in tree.docs.values())


def test_default_topology_renders_the_expected_applications(default_tree):
    for cluster in default_tree.topology.clusters:
        assert set(default_tree.children(cluster.name)) == _expected_children(default_tree, cluster.name)
        assert "app-of-apps" in default_tree.applications(cluster.name)
        (root,) = [p for p, d in default_tree.docs[cluster.name].items() if d["metadata"]["name"] == "app-of-apps"]
        assert root.parts[0] == "bootstrap"
        # Every other Application lives in apps/; the app-of-apps syncs both directories.
        for path, doc in default_tree.docs[cluster.name].items():
            if doc["kind"] == "Application" and path != root:
                assert path.parts[0] == "apps", path


def test_no_credential_is_rendered(tree):
    for cluster, docs in tree.docs.items():
        for path, doc in docs.items():
            assert doc["kind"] not in ("Secret", "SealedSecret"), f"{cluster}/{path}"
            if doc["kind"] == "Application":
                for source in _sources(doc):
                    assert not re.match(r"^[a-z+]+://[^/@]*:[^/@]*@", source["repoURL"]), source["repoURL"]
        # Argo CD's own objects and the README (CRD schemas legitimately name fields like privateKey).
        own = [p for p in docs if p.parts[0] in ("bootstrap", "apps")]
        text = "\n".join((tree.argocd / cluster / p).read_text() for p in [*own, Path("README.md")])
        assert not re.search(r"(?i)\b(password|token|sshPrivateKey|privateKey)\s*:", text), cluster
