"""Where the bridge writes (`clusters[].git.bridge`) and which commits regenerate which Application
(`argocd.argoproj.io/manifest-generate-paths`).

A topology whose bridge writes to its own branch of another repository (tests/argocd/fixtures/bridge-elsewhere.yaml)
renders, validates and checks clean; its `kcp-bridge` Applications, AppProjects and bridge configuration all point at
that branch; and the real bridge, given that configuration, delivers there and nowhere else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bridge._config import BridgeConfig
from kcpgitops.check import check_tree
from kcpgitops.cli import synth
from kcpgitops.docs import bridge_placeholders
from kcpgitops.schemas import validate_paths
from kcpgitops.topology import Deprecation, TopologyError, deprecations, load_topology, parse_topology
from kcpgitops.topology._git import check_branch

from .conftest import FIXTURES, ROOT, Tree, _read, directory_manifests

sys.path.insert(0, str(ROOT / "tests" / "bridge"))  # the bridge's test kit (tests/bridge/conftest.py does the same)

from bridge_testkit import pki as pki_mod
from bridge_testkit.gitserver import git, init_bare
from bridge_testkit.harness import Harness, Pki

ELSEWHERE = FIXTURES / "bridge-elsewhere.yaml"
SHARED_REPO = "https://git.example.net/platform/kcp-gitops.git"
SEALED_REPO = "https://git.example.net/platform/kcp-sealed.git"
GENERATE_PATHS = "argocd.argoproj.io/manifest-generate-paths"
EXPECTED_TARGETS = {
    # shard -> (repoURL, branch, path) the bridge writes to and the shard cluster's kcp-bridge Application reads
    "alpha": (SEALED_REPO, "kcp-bridge", "cluster-2"),
    "beta": (SHARED_REPO, "sealed-cluster-3", "dist/cluster-3"),
}


def _render(topology_text: str, repo: Path) -> int:
    """Render a topology into a repository-like directory (topology.yaml, certs/, dist/, argocd/)."""
    repo.mkdir(parents=True, exist_ok=True)
    (repo / "topology.yaml").write_text(topology_text, encoding="utf-8")
    if not (repo / "certs").exists():
        shutil.copytree(ROOT / "certs", repo / "certs")
    return synth(topology=repo / "topology.yaml", dist=repo / "dist", argocd=repo / "argocd", repo_root=repo)


@pytest.fixture(scope="module")
def elsewhere_repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("bridge-elsewhere") / "repo"
    assert _render(ELSEWHERE.read_text(encoding="utf-8"), repo) == 0
    return repo


@pytest.fixture(scope="module")
def elsewhere(elsewhere_repo) -> Tree:
    topology = load_topology(elsewhere_repo / "topology.yaml")
    tree = Tree(name="bridge-elsewhere", topology=topology, dist=elsewhere_repo / "dist", argocd=elsewhere_repo / "argocd")
    tree.docs = {c.name: _read(tree.argocd, c.name) for c in tree.topology.clusters}
    return tree


def _bridge_config(tree: Tree) -> dict:
    root = tree.topology.root_shard.cluster
    (path,) = tree.dist.glob(f"{root}/*/configmap.core_kcp-bridge-config.yaml")
    return yaml.safe_load(yaml.safe_load(path.read_text())["data"]["config.yaml"])


# --- a bridge on its own branch of another repository -----------------------------------------------------------------


def test_topology_whose_bridge_writes_to_its_own_branch_of_another_repository_renders_validates_and_checks_clean(
        elsewhere, elsewhere_repo, argocd_schema_dir):
    assert validate_paths([elsewhere.dist, elsewhere.argocd], schema_dir=argocd_schema_dir) == []
    findings = check_tree(topology=elsewhere.topology, dist=elsewhere.dist, argocd=elsewhere.argocd, repo_root=elsewhere_repo)
    assert findings == [], "\n".join(map(str, findings))


def test_kcp_bridge_application_follows_the_bridge_repository_branch_and_path(elsewhere):
    for shard in elsewhere.topology.shards:
        app = elsewhere.children(shard.cluster)["kcp-bridge"]
        source = app["spec"]["source"]
        assert (source["repoURL"], source["targetRevision"], source["path"]) == EXPECTED_TARGETS[shard.name], shard.cluster
        # Every other Application of the cluster still follows the cluster's own repository and branch.
        others = [a["spec"]["source"] for n, a in elsewhere.applications(shard.cluster).items()
                  if n != "kcp-bridge" and "chart" not in a["spec"]["source"]]
        assert others and {(s["repoURL"], s["targetRevision"]) for s in others} == {(SHARED_REPO, "main")}


def test_app_project_permits_the_bridge_repository_where_its_kcp_bridge_reads_it(elsewhere):
    repos = {c.name: elsewhere.project(c.name)["spec"]["sourceRepos"] for c in elsewhere.topology.clusters}
    assert SEALED_REPO in repos["cluster-2"]
    assert SEALED_REPO not in repos["cluster-1"] and SEALED_REPO not in repos["cluster-3"]


def test_bridge_configuration_targets_the_bridge_block(elsewhere):
    config = _bridge_config(elsewhere)
    assert {t["shard"]: (t["repoURL"], t["branch"], t["path"]) for t in config["targets"]} == EXPECTED_TARGETS
    BridgeConfig.model_validate(config)  # and the bridge accepts what the generator renders


def test_no_placeholder_readme_where_the_bridge_writes_to_a_branch_of_its_own(elsewhere, elsewhere_repo):
    # Nothing of ours is committed to the bridge's branch: a README in this tree would land in `main`, not there.
    assert bridge_placeholders(elsewhere.topology) == {}
    assert not (elsewhere_repo / "cluster-2").exists()


def test_readmes_name_the_bridge_repository_and_branch(elsewhere):
    text = (elsewhere.argocd / "cluster-2" / "README.md").read_text()
    assert f"`cluster-2/` in `{SEALED_REPO}` at `kcp-bridge`" in text
    assert f"`cluster-2` in `{SEALED_REPO}` at `kcp-bridge`" in text  # the Applications table
    assert "repo-kcp-gitops-bridge" in text  # Argo CD's read access to the other repository (private ones)
    assert "repo-kcp-gitops-bridge" not in (elsewhere.argocd / "cluster-3" / "README.md").read_text()


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:
    """A test CA with a loopback serving certificate and one sealing key pair per shard cluster (as tests/bridge)."""
    directory = tmp_path_factory.mktemp("pki")
    ca = pki_mod.ca()
    ca_file, _ = ca.write(directory=directory, stem="ca")
    server_cert, server_key = pki_mod.server_cert(issuer=ca).write(directory=directory, stem="server")
    sealing = {c: pki_mod.sealing_cert(common_name=f"sealed-secret-{c}") for c in ("cluster-2", "cluster-3")}
    files = {c: pair.write(directory=directory, stem=f"sealing-{c}")[0] for c, pair in sealing.items()}
    return Pki(ca_file=ca_file, server_cert=server_cert, server_key=server_key, sealing=sealing, sealing_files=files,
               expired=pki_mod.expired_sealing_cert(key=sealing["cluster-2"].key), ca=ca)


def _log(bare: Path, branch: str) -> list[str]:
    return git("--git-dir", str(bare), "log", "--format=%s", branch, check=False).splitlines()


def test_bridge_delivers_to_its_own_branch_of_another_repository(elsewhere, tmp_path, pki):
    h = Harness(tmp=tmp_path, pki=pki)
    try:
        # The other repository exists with history of its own, but not the bridge's branch yet.
        sealed = init_bare(path=h.git_root / "sealed.git", seed_files={"README.md": "sealed objects\n"})
        served = {SHARED_REPO: f"{h.git.url}/gitops.git", SEALED_REPO: f"{h.git.url}/sealed.git"}
        rendered = {t["shard"]: t for t in _bridge_config(elsewhere)["targets"]}
        for target in h.config["targets"]:
            # Where to write comes from the render (only the URL is the loopback server's); sealing and bundles stay
            # the harness's.
            source = rendered[target["shard"]]
            target.update(repoURL=served[source["repoURL"]], branch=source["branch"], path=source["path"])
        shared_main = _log(h.bare, "main")

        result = h.run()
        assert result.returncode == 0, result.stderr
        assert "2 committed, 0 unchanged, 0 failed" in result.stdout

        # alpha (cluster-2): a new branch `kcp-bridge` of the other repository, under `cluster-2/`.
        shared = h.bare
        h.bare = sealed
        assert "deployment_kcp-zheng_alpha-shard-kcp.yaml" in h.files("cluster-2", ref="kcp-bridge")
        assert [s for s in _log(sealed, "kcp-bridge") if s.startswith("bridge: alpha ")]
        assert _log(sealed, "main") == ["seed"], "the other repository's default branch is left alone"
        h.assert_no_plaintext()

        # beta (cluster-3): a new branch of the shared repository, under a path that is rendered output in `main`.
        h.bare = shared
        assert "deployment_kcp-zheng_beta-shard-kcp.yaml" in h.files("dist/cluster-3", ref="sealed-cluster-3")
        assert h.files("cluster-2", ref="sealed-cluster-3") == {}
        assert _log(shared, "main") == shared_main, "nothing reaches the branch the clusters' Argo CD follows"
        h.assert_no_plaintext()

        again = h.run()
        assert again.returncode == 0 and "0 committed, 2 unchanged, 0 failed" in again.stdout
    finally:
        h.stop()


# --- bridgePath, deprecated -----------------------------------------------------------------------------------------


def _with_git(text: str, cluster: str, **git_fields: object) -> str:
    data = yaml.safe_load(text)
    spec = next(c for c in data["clusters"] if c["name"] == cluster)
    spec["git"].update(git_fields)
    return yaml.safe_dump(data, sort_keys=False)


def test_bridge_path_deprecation_is_reported_and_renders_like_bridge_path_in_the_block(tmp_path, capsys):
    base = (ROOT / "topology.yaml").read_text(encoding="utf-8")
    new = _with_git(base, "cluster-2", bridge={"path": "delivered/cluster-2"})
    old = _with_git(base, "cluster-2", bridgePath="delivered/cluster-2")
    assert deprecations(parse_topology(new)) == []
    assert deprecations(parse_topology(old)) == [Deprecation("clusters[1].git.bridgePath", "clusters[1].git.bridge.path")]

    assert _render(new, tmp_path / "new") == 0
    assert "deprecated" not in capsys.readouterr().err
    assert _render(old, tmp_path / "old") == 0
    err = capsys.readouterr().err
    assert ("warning: clusters[1].git.bridgePath is deprecated: move its value to clusters[1].git.bridge.path "
            "(same meaning) and remove bridgePath") in err

    def files(repo: Path) -> dict[str, bytes]:
        # The provenance lines name the topology file's digest, which differs by the field's spelling only.
        return {p.relative_to(repo).as_posix(): p.read_bytes() for p in sorted(repo.rglob("*"))
                if p.is_file() and not p.name.endswith(("README.md", ".render-inputs")) and "topology.yaml" not in p.name}

    assert files(tmp_path / "old") == files(tmp_path / "new")
    assert (tmp_path / "old" / "delivered/cluster-2/README.md").is_file()


def test_bridge_path_and_bridge_block_path_both_set_is_an_error():
    text = _with_git((ROOT / "topology.yaml").read_text(), "cluster-3", bridgePath="a/b", bridge={"path": "c/d"})
    with pytest.raises(TopologyError) as caught:
        parse_topology(text)
    (problem,) = caught.value.problems
    assert problem.startswith("clusters[2].git: bridgePath ('a/b') and bridge.path ('c/d') are both set")
    assert "keep only bridge.path" in problem


def test_five_cluster_fixture_still_uses_bridge_path_and_gets_its_path():
    topology = load_topology(FIXTURES / "five-clusters.yaml")
    us1 = topology.cluster("us-1")
    assert deprecations(topology) == [Deprecation("clusters[2].git.bridgePath", "clusters[2].git.bridge.path")]
    assert topology.bridge_target(us1).path == "sealed/us-1" and not topology.bridge_target(us1).separate


# --- branch names -----------------------------------------------------------------------------------------------------

BRANCHES = ["main", "kcp-bridge", "feature/x", "a.b", "a@b", "refs/heads/x", "a..b", "-x", "x.lock", "a/.b", "a//b", "/a",
            "a/", "a.", "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", "HEAD", "a@{b", ".a", "x/y.lock/z", "a\tb"]


@pytest.mark.parametrize("name", BRANCHES)
def test_bridge_branch_names_are_judged_like_git_check_ref_format(name):
    git_accepts = subprocess.run(["git", "check-ref-format", "--branch", name], capture_output=True,
                                 env={"PATH": os.environ["PATH"]}).returncode == 0
    try:
        check_branch(name)
        we_accept = True
    except ValueError as exc:
        we_accept = False
        assert "is not a valid branch name: it " in str(exc)
    assert we_accept == git_accepts, name


# --- manifest-generate-paths ----------------------------------------------------------------------------------------


def refresh_paths(app: dict) -> list[str]:
    """The paths whose changes regenerate an Application's manifests, resolved as Argo CD v3.5.1 does
    (util/app/path/path.go GetSourceRefreshPaths(): `;`-separated, relative to the source path, `/` from the root)."""
    value = (app["metadata"].get("annotations") or {}).get(GENERATE_PATHS, "")
    source_path = app["spec"]["source"]["path"]
    paths = []
    for item in (i.strip() for i in value.split(";")):
        if item:
            paths.append(item[1:] if item.startswith("/") else os.path.normpath(os.path.join(source_path, item)))
    return paths


def uncovered_reads(tree: Tree, app: dict) -> list[str]:
    """Manifests the Application reads that no refresh path covers (a commit to them would go unnoticed); every read
    when the annotation is missing."""
    source = app["spec"]["source"]
    directory = tree.repo_dir(source["path"])
    assert directory is not None and directory.is_dir(), source["path"]
    paths = [PurePosixPath(p) for p in refresh_paths(app)]
    reads = [PurePosixPath(source["path"]) / f.relative_to(directory).as_posix()
             for f in directory_manifests(directory, source.get("directory", {}))]
    assert reads, source["path"]
    return [str(r) for r in reads if not any(r == p or p in r.parents for p in paths)]


def _directory_applications(tree: Tree) -> list[tuple[str, dict]]:
    return [(c.name, app) for c in tree.topology.clusters for app in tree.applications(c.name).values()
            if "path" in app["spec"]["source"]]


@pytest.fixture(params=["default", "five-clusters", "bridge-elsewhere"])
def any_tree(request, elsewhere) -> Tree:
    if request.param == "bridge-elsewhere":
        return elsewhere
    return request.getfixturevalue("default_tree" if request.param == "default" else "five_cluster_tree")


def test_manifest_generate_paths_on_every_directory_source_application(any_tree):
    tree = any_tree
    checked = 0
    for cluster, app in _directory_applications(tree):
        name = app["metadata"]["name"]
        assert GENERATE_PATHS in app["metadata"]["annotations"], f"{cluster}/{name}"
        if name == "kcp-bridge":
            # What the bridge delivers is not in this tree: its refresh path is exactly where it writes.
            assert refresh_paths(app) == [tree.topology.bridge_path(tree.topology.cluster(cluster))]
            continue
        assert uncovered_reads(tree, app) == [], f"{cluster}/{name}"
        checked += 1
    assert checked >= 3 * len(tree.topology.clusters)


def test_app_of_apps_refreshes_on_exactly_the_directories_it_includes(default_tree):
    app = default_tree.applications("cluster-2")["app-of-apps"]
    assert refresh_paths(app) == ["argocd/cluster-2/bootstrap", "argocd/cluster-2/apps"]


def test_helm_chart_applications_carry_no_manifest_generate_paths(any_tree):
    charts = [a for c in any_tree.topology.clusters for a in any_tree.applications(c.name).values() if "chart" in a["spec"]["source"]]
    assert charts and not any(GENERATE_PATHS in a["metadata"]["annotations"] for a in charts)


def test_missing_or_too_narrow_manifest_generate_paths_is_caught(default_tree):
    app = default_tree.applications("cluster-2")["app-of-apps"]
    narrowed = {**app, "metadata": {**app["metadata"], "annotations": {**app["metadata"]["annotations"], GENERATE_PATHS: "apps"}}}
    missed = uncovered_reads(default_tree, narrowed)
    assert missed and all(m.startswith("argocd/cluster-2/bootstrap/") for m in missed)
    bare = {**app, "metadata": {**app["metadata"], "annotations": {}}}
    assert uncovered_reads(default_tree, bare)  # no annotation: these helpers count every read as uncovered


def test_every_directory_source_application_in_the_rendered_trees_carries_manifest_generate_paths(default_trees):
    # All of them, wherever they are rendered (the kcp workspace Applications included), not only those a plan knows.
    found = []
    for tree in default_trees.values():
        for path in sorted(tree.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if "\nkind: Application\n" not in text:
                continue
            app = yaml.load(text, Loader=yaml.CSafeLoader)
            if "path" in app["spec"].get("source", {}):
                found.append(app["metadata"]["name"])
                assert GENERATE_PATHS in app["metadata"].get("annotations", {}), path
    assert any(name.startswith("kcp-ws-") for name in found) and "kcp-bridge" in found
