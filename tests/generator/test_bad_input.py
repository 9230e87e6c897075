"""Bad topology input gets one clear message naming the field, a non-zero exit, and no output written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcpgitops.topology import TopologyError, load_topology, parse_topology

FIXTURES = Path(__file__).parent / "fixtures"

EXPECTED = {
    "unknown-key.yaml": ("clusters[0].colour", "unknown key"),
    "duplicate-shard.yaml": ("shards[1].name", "used twice"),
    "undeclared-cluster.yaml": ("shards[0].cluster", "'cluster-9' is not declared"),
    "two-root-shards.yaml": ("duplicate key 'rootShard'", "keep only one"),
    "invalid-domain.yaml": ("domain", "not a valid DNS hostname"),
    "invalid-hostname.yaml": ("frontProxy.hostname", "not a valid DNS hostname"),
    "even-etcd-replicas.yaml": ("etcd.replicas", "is even"),
    "shard-named-like-root.yaml": ("shards[0].name", "root shard's name"),
    "operator-without-bundles.yaml": ("versions.kcpOperator", "no bundle feature"),
    "credentials-in-repo-url.yaml": ("clusters[0].git.repoURL", "must not embed credentials"),
    "operator-not-vendored.yaml": ("versions.kcpOperator", "only the vendored kcp-operator manifests"),
    "plain-http-repo-url.yaml": ("clusters[0].git.repoURL", "pushes only over https:// or ssh://"),
    "file-repo-url.yaml": ("clusters[0].git.repoURL", "pushes only over https:// or ssh://"),
    "newline-in-bridge-author-name.yaml": ("bridge.authorName", "must not contain control characters"),
    "angle-bracket-in-bridge-author-email.yaml": ("bridge.authorEmail", "must not contain '<' or '>'"),
    "bridge-path-and-bridge-block.yaml": ("clusters[1].git", "bridgePath ('sealed/two') and bridge.path ('bridge/two') are both set"),
    "plain-http-bridge-repo-url.yaml": ("clusters[0].git.bridge.repoURL", "pushes only over https:// or ssh://"),
    "credentials-in-bridge-repo-url.yaml": ("clusters[0].git.bridge.repoURL", "must not embed credentials"),
    "invalid-bridge-branch.yaml": ("clusters[0].git.bridge.branch", "'kcp bridge' is not a valid branch name"),
    "parent-dir-bridge-path.yaml": ("clusters[0].git.bridge.path", "must be a relative path inside the repository"),
    "dot-part-bridge-path.yaml": ("clusters[0].git.bridge.path", "must not have empty or '.' parts"),
    "images-registry-without-host.yaml": ("images.registry", "does not start with a registry host"),
    "images-digest-not-sha256.yaml": ("images.bridgeDigest", "write 'sha256:' followed by 64 lowercase hex digits"),
    "images-tag-as-number.yaml": ("images.tag", "was read as the number 1.1; quote the tag"),
    "images-uppercase-repository.yaml": ("images.workspaceClusters", "is not a repository name"),
    "images-repository-path-too-long.yaml": ("images", "registry and bridge make a repository path of 268 characters"),
    "bridge-image-and-images-disagree.yaml": ("bridge.image", "and images.registry (giving 'ghcr.io/acme/kcp-zheng-bridge:"),
    "cluster-secrets-image-and-images-disagree.yaml": ("kcp.clusterSecrets.image", "and images.tag (giving"),
    "lb-class-on-operator-cluster.yaml": ("clusters[0].loadBalancer.class", "kcp-operator v0.9.0 cannot set class"),
    "lb-traffic-policy-on-front-proxy.yaml": ("frontProxy.loadBalancer.externalTrafficPolicy", "cannot set externalTrafficPolicy"),
    "lb-private-remote-shard.yaml": ("shards[0].loadBalancer.type", "reachable only inside two"),
    "lb-private-root-with-remote-shards.yaml": ("rootShard.loadBalancer.type", "shards on other clusters (alpha) must reach it"),
    "lb-private-front-proxy.yaml": ("frontProxy.loadBalancer.type", "only entry point"),
    "lb-cluster-ip-with-class.yaml": ("shards[0].loadBalancer", "type ClusterIP has no load balancer, so class cannot apply"),
    "lb-bad-source-range.yaml": ("clusters[1].loadBalancer.sourceRanges", "'300.1.0.0/16' is not a CIDR"),
    "lb-service-annotations-and-block.yaml": ("frontProxy", "serviceAnnotations and loadBalancer.annotations are both set"),
    "lb-source-ranges-twice.yaml": ("clusters[0].loadBalancer.sourceRanges", "keep one of the two"),
    "lb-unknown-type.yaml": ("shards[0].loadBalancer.type", "LoadBalancer"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_topology_gets_one_message_naming_the_field(name):
    field, words = EXPECTED[name]
    with pytest.raises(TopologyError) as caught:
        load_topology(FIXTURES / "bad" / name)
    assert len(caught.value.problems) == 1, caught.value.problems
    assert field in caught.value.problems[0] and words in caught.value.problems[0]


@pytest.mark.parametrize("name", ["credentials-in-repo-url.yaml", "credentials-in-bridge-repo-url.yaml"])
def test_credentials_never_appear_in_error_messages(name):
    with pytest.raises(TopologyError) as caught:
        load_topology(FIXTURES / "bad" / name)
    assert "hunter2" not in str(caught.value)


RENDER_TIME = {"unvendored-etcd-druid.yaml": ("versions.etcdDruid", "no CRDs vendored")}
"""Input only the renderer can judge: still one message, exit 1, nothing written."""


@pytest.mark.parametrize("name", ["unknown-key.yaml", "two-root-shards.yaml", "even-etcd-replicas.yaml",
                                  "bridge-image-and-images-disagree.yaml",
                                  "bridge-path-and-bridge-block.yaml", "lb-class-on-operator-cluster.yaml", *RENDER_TIME])
def test_bad_topology_exits_non_zero_and_leaves_previous_output_untouched(repo_root, tmp_path, name):
    dist, argocd = tmp_path / "dist", tmp_path / "argocd"
    (dist / "cluster-1").mkdir(parents=True)
    marker = dist / "cluster-1" / "previous.yaml"
    marker.write_text("previous: output\n")
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=repo_root,
        env={"KCP_TOPOLOGY": str(FIXTURES / "bad" / name), "CDK8S_OUTDIR": str(dist), "KCP_ARGOCD_OUTDIR": str(argocd), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and {**EXPECTED, **RENDER_TIME}[name][0] in result.stderr
    assert marker.read_text() == "previous: output\n"
    assert not argocd.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_unknown_key_message_lists_the_allowed_keys():
    with pytest.raises(TopologyError) as caught:
        load_topology(FIXTURES / "bad" / "unknown-key.yaml")
    assert "allowed keys here: git, loadBalancer, name, region, sealingCertificate" in caught.value.problems[0]


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.floats(allow_nan=False))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)
_keys = st.sampled_from(["domain", "namespace", "clusters", "rootShard", "shards", "frontProxy", "etcd", "oidc", "versions", "argocd", "bridge", "kcp", "images", "x"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(_keys, _values, max_size=6))
def test_loader_never_ends_in_a_traceback_on_structured_input(data):
    import yaml

    try:
        parse_topology(yaml.safe_dump(data))
    except TopologyError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_loader_never_ends_in_a_traceback_on_arbitrary_text(text):
    try:
        parse_topology(text)
    except TopologyError as exc:
        assert exc.problems
