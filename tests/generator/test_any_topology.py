"""Property: every valid topology renders, validates against the schemas and passes the cross-cluster check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kcpgitops.check import check_tree
from kcpgitops.cli import synth
from kcpgitops.schemas import validate_paths
from kcpgitops.topology import load_topology

ROOT = Path(__file__).resolve().parents[2]


_LABEL = st.from_regex(r"\A[a-z][a-z0-9]{0,6}\Z")
_HOST = st.sampled_from(["git.corp.internal", "gitlab.platform.acme.io", "github.com"])


@st.composite
def topologies(draw) -> dict:
    """Topologies over every field the generator reads: names, hostnames, ports, Git paths and branches, bridge and
    Argo CD settings, etcd, OIDC and kcp workspaces placed on the shards."""
    clusters = draw(st.lists(_LABEL, min_size=1, max_size=4, unique=True))
    names = draw(st.lists(_LABEL, min_size=1, max_size=5, unique=True))
    root_name, shard_names = names[0], names[1:]
    host = draw(_HOST)
    own_paths = draw(st.booleans())

    def git(cluster: str) -> dict:
        out = {"repoURL": draw(st.sampled_from([f"https://{host}/kcp/gitops.git", f"ssh://git@{host}/kcp/gitops.git"])),
               "branch": draw(st.sampled_from(["main", "release/kcp", "gitops"]))}
        if own_paths:
            out["path"] = f"rendered/{cluster}"
            out["bridgePath"] = f"delivered/{cluster}"
        return out

    shards = [{"name": n, "cluster": draw(st.sampled_from(clusters)), "replicas": draw(st.integers(1, 3))} for n in shard_names]
    domain = draw(st.sampled_from(["kcp.corp.internal", "kcp.acme.io"]))
    data: dict = {
        "domain": domain,
        "namespace": draw(st.sampled_from(["kcp-zheng", "kcp", "platform-kcp"])),
        "clusters": [{"name": c, "region": f"r-{c}", "git": git(c)} for c in clusters],
        "rootShard": {"name": root_name, "cluster": draw(st.sampled_from(clusters))},
        "shards": shards,
        "frontProxy": {
            "certificate": draw(st.sampled_from(["acme", "kcp-ca"])),
            "port": draw(st.sampled_from([443, 6443, 8443])),
            **({"hostname": f"api.{domain}"} if draw(st.booleans()) else {}),
            "acme": {"email": "platform@acme.io", "cloudflare": {"email": "dns@acme.io"}},
        },
        "etcd": {"replicas": draw(st.sampled_from([1, 3, 5])), "quota": draw(st.sampled_from(["2Gi", "8Gi", "16Gi"]))},
        "oidc": draw(st.sampled_from([None, {"issuerURL": "https://sso.acme.io", "clientID": "kcp"}])),
        "argocd": {
            "namespace": draw(st.sampled_from(["argocd", "gitops"])),
            "project": draw(st.sampled_from(["kcp-zheng", "kcp"])),
            "prune": draw(st.booleans()),
            "selfHeal": draw(st.booleans()),
            "retry": {"limit": draw(st.integers(0, 5))},
        },
        "bridge": {"mode": draw(st.sampled_from(["objects", "bundle"])), "gitAuth": draw(st.sampled_from(["token", "ssh"])),
                   "image": "registry.acme.io/kcp/bridge:1.0.0"},
    }
    if draw(st.booleans()):
        # kcp workspaces, each placed by the `name` label every shard carries (kcp calls the root shard `root`).
        placed = draw(st.lists(st.sampled_from(["root", *shard_names]), min_size=1, max_size=3))
        data["kcp"] = {"workspaces": [{"path": f"root:ws{i}", "locationSelector": {"matchLabels": {"name": n}}} for i, n in enumerate(placed)]}
    return data


def _shards_named_like_fixed_objects() -> dict:
    """Found by this property on 2026-12-02: a shard named "ca" took the construct id of the etcd CA (`etcd-ca`).
    Its neighbours: "namespace-ca" (`etcd-namespace-ca`) and "certs-ca" (`etcd-certs-ca`, the etcd certificates of "ca"),
    and a cluster named "argocd-a" (`argocd-a`, the Argo CD objects of cluster "a")."""
    return {
        "domain": "kcp.corp.internal", "namespace": "kcp",
        "clusters": [{"name": "a", "region": "r-a", "git": {"repoURL": "https://git.corp.internal/kcp/gitops.git", "branch": "main"}},
                     {"name": "argocd-a", "region": "r-b", "git": {"repoURL": "https://git.corp.internal/kcp/gitops.git", "branch": "main"}}],
        "rootShard": {"name": "ca", "cluster": "a"},
        "shards": [{"name": "namespace-ca", "cluster": "a"}, {"name": "certs-ca", "cluster": "a"}, {"name": "etcd", "cluster": "argocd-a"}],
        "frontProxy": {"certificate": "acme", "port": 443, "acme": {"email": "platform@acme.io", "cloudflare": {"email": "dns@acme.io"}}},
        "etcd": {"replicas": 1, "quota": "2Gi"}, "oidc": None,
        "argocd": {"namespace": "argocd", "project": "kcp", "prune": False, "selfHeal": False, "retry": {"limit": 0}},
        "bridge": {"mode": "objects", "gitAuth": "token", "image": "registry.acme.io/kcp/bridge:1.0.0"},
    }


# Each example renders, validates and checks a whole tree (~2 s): 4 by default, 60 with HYPOTHESIS_PROFILE=thorough.
@example(data=_shards_named_like_fixed_objects())
@settings(max_examples=60 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(topologies())
def test_every_valid_topology_renders_validates_and_checks_clean(tmp_path_factory, schema_dir, data):
    repo = tmp_path_factory.mktemp("repo")
    (repo / "topology.yaml").write_text(yaml.safe_dump(data))
    (repo / "certs").mkdir()
    for cluster in data["clusters"]:
        shutil.copy(ROOT / "certs" / "cluster-2.pem", repo / "certs" / f"{cluster['name']}.pem")
    # Clusters with their own `git.path` (rendered/<cluster>) are rendered where those paths point.
    dist = repo / ("rendered" if "path" in data["clusters"][0]["git"] else "dist")
    assert synth(topology=repo / "topology.yaml", dist=dist, argocd=repo / "argocd") == 0
    findings = validate_paths([dist, repo / "argocd"], schema_dir=schema_dir)
    assert [str(f) for f in findings] == []
    topology = load_topology(repo / "topology.yaml")
    problems = check_tree(topology=topology, dist=dist, argocd=repo / "argocd", repo_root=repo)
    assert [str(p) for p in problems] == []
