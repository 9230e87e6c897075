"""Generated provenance READMEs, .gitattributes, the DNS plan and the Mermaid topology picture."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
from pathlib import Path

import pytest

from kcpgitops.bootstrap import bootstrap_steps
from kcpgitops.docs import dns_plan, generated_files, parse_dns_plan, topology_diagram, user_created_secrets
from kcpgitops.topology import load_topology, parse_topology

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("CDK8S_CHECK_UPGRADE", "false")


@pytest.fixture(scope="module")
def topology():
    return load_topology(ROOT / "topology.yaml")


@pytest.fixture(scope="module")
def rendered(default_render):
    """The default topology rendered once per session (conftest `default_render`)."""
    return default_render


@pytest.fixture(scope="module")
def files(rendered) -> dict[str, str]:
    return {p.as_posix(): text for p, text in rendered.files("dist").items() if not p.as_posix().endswith(".yaml")}


def _bench_topologies():
    spec = importlib.util.spec_from_file_location("bench_topologies", ROOT / "bench" / "topologies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- per-cluster README and .gitattributes ------------------------------------------------------------------------------


def test_every_cluster_directory_gets_a_readme_and_gitattributes(files, topology):
    for cluster in topology.clusters:
        assert f"{cluster.name}/README.md" in files
        assert "* linguist-generated=true" in files[f"{cluster.name}/.gitattributes"].splitlines()


def test_readme_names_topology_file_hash_generator_version_and_how_to_rerender(files, topology):
    digest = hashlib.sha256((ROOT / "topology.yaml").read_bytes()).hexdigest()
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    for cluster in topology.clusters:
        text = files[f"{cluster.name}/README.md"]
        assert "| Topology file | `topology.yaml` |" in text
        assert f"| Topology sha256 | `{digest}` |" in text
        assert f"kcp-zheng-gitops {version}" in text
        assert "make synth" in text and "make check-rendered" in text
        assert f"repository path `dist/{cluster.name}`" in text


def test_readme_carries_no_commit_id_and_no_absolute_path(files):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    for text in files.values():
        assert str(ROOT) not in text and "/tmp/" not in text
        if head:
            assert head not in text and head[:7] not in text


def test_readmes_are_deterministic_whichever_way_the_topology_path_is_given(rendered, topology, monkeypatch):
    absolute = generated_files(topology, rendered.manifests, topology_path=ROOT / "topology.yaml", steps=bootstrap_steps)
    monkeypatch.chdir(ROOT)
    relative = generated_files(topology, rendered.manifests, topology_path=Path("topology.yaml"), steps=bootstrap_steps)
    assert absolute == relative
    assert absolute == {p: t for p, t in rendered.extra_files["dist"].items() if p in absolute}


def test_root_cluster_readme_lists_the_user_created_secrets(files, topology):
    text = files["cluster-1/README.md"]
    for secret in user_created_secrets(topology):
        assert f"| `{secret.namespace}/{secret.name}` |" in text
    assert "cloudflare-api-key-secret" in text and "kcp-bridge-hmac" in text
    assert "kcp-bridge-hmac" not in files["cluster-2/README.md"]


def test_cluster_readme_lists_the_bootstrap_steps_of_the_one_list(files, topology):
    from kcpgitops.bootstrap import CreateSecret, bootstrap_steps

    for cluster in topology.clusters:
        text = files[f"{cluster.name}/README.md"].split("## Bootstrap\n", 1)[1]
        steps = bootstrap_steps(topology, cluster.name)
        position = -1
        for number, step in enumerate(steps, 1):
            found = text.find(f"\n{number}. {step.title}\n")
            assert found > position, (cluster.name, step.title)
            position = found
        for step in steps:
            if isinstance(step.params, CreateSecret):
                assert f"| `{step.params.namespace}/{step.params.name}` |" in text
                assert all(f"`{key}`: {meaning}" in text for key, meaning in step.params.key_meanings())


def test_readme_counts_the_rendered_objects(files, rendered):
    kinds = [d["kind"] for d in rendered.manifests["cluster-2"]]
    text = files["cluster-2/README.md"]
    for kind in set(kinds):
        assert f"| {kind} | {kinds.count(kind)} |" in text


def test_renamed_topology_file_is_named_in_the_rerender_command(tmp_path, topology, rendered):
    other = tmp_path / "prod.yaml"
    other.write_bytes((ROOT / "topology.yaml").read_bytes())
    text = generated_files(topology, rendered.manifests, topology_path=other, steps=bootstrap_steps)[Path("cluster-1/README.md")]
    assert "| Topology file | `prod.yaml` |" in text and "KCP_TOPOLOGY=prod.yaml make synth" in text


# --- the top-level README: DNS plan and Mermaid -------------------------------------------------------------------------


def test_dns_plan_round_trips_through_the_top_level_readme(files, topology):
    assert parse_dns_plan(files["README.md"]) == dns_plan(topology)
    hosts = {r.hostname: r.cluster for r in dns_plan(topology)}
    assert hosts == {"api.zheng.example.io": "cluster-1", "root.zheng.example.io": "cluster-1",
                     "alpha.zheng.example.io": "cluster-2", "beta.zheng.example.io": "cluster-3"}


def _mermaid(text: str) -> str:
    (block,) = re.findall(r"```mermaid\n(.*?)\n```", text, re.S)
    return block


def test_diagram_shows_clusters_shards_front_proxy_dns_and_bundle_flow(files, topology):
    diagram = _mermaid(files["README.md"])
    assert diagram.startswith("flowchart LR\n")
    for cluster in topology.clusters:
        assert f'subgraph cluster_{cluster.name.replace("-", "_")}["{cluster.name}' in diagram
    assert 'proxy_frontproxy["FrontProxy frontproxy"]' in diagram
    for shard in topology.all_shards:
        assert f"shard_{shard.name}[" in diagram
        assert f"proxy_frontproxy -.-> shard_{shard.name}" in diagram
    for record in dns_plan(topology):
        assert f'(["{record.hostname}:{record.port}"]) -->' in diagram
    for shard in ("alpha", "beta"):
        cluster = topology.cluster(next(s.cluster for s in topology.shards if s.name == shard))
        assert f'bridge ==>|"{shard}-bundle, sealed → {topology.bridge_path(cluster)}"| shard_{shard}' in diagram


def test_diagram_is_well_formed(files):
    diagram = _mermaid(files["README.md"])
    assert diagram.count("subgraph ") == diagram.count("\n  end")
    for line in diagram.splitlines()[1:]:
        assert line.count('"') % 2 == 0, line
        ids = re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?=[\[\(])", line)
        assert all(re.fullmatch(r"[A-Za-z0-9_]+", i) for i in ids)


def test_local_shard_and_region_in_the_diagram():
    topology = parse_topology("""
clusters: [{name: eu-1, region: eu-west-1}, {name: us-1}]
rootShard: {name: root, cluster: eu-1}
shards: [{name: local, cluster: eu-1}, {name: far, cluster: us-1, hostname: far.example.net}]
""")
    diagram = topology_diagram(topology)
    assert '"eu-1 · root cluster · eu-west-1"' in diagram
    assert "shard_local[" in diagram and "bridge ==>" in diagram and "| shard_local" not in diagram
    assert '(["far.example.net:6443"]) --> shard_far' in diagram


def test_diagram_of_100_clusters_stays_within_mermaid_limits():
    topology = parse_topology(_bench_topologies().topology_yaml(100))
    diagram = topology_diagram(topology)
    edges = sum(("-->" in line or "-.->" in line or "==>" in line) for line in diagram.splitlines())
    assert edges <= 500  # Mermaid's default maxEdges
    assert len(diagram) <= 50_000  # Mermaid's default maxTextSize
