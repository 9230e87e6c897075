"""Bad topology input gets one clear message naming the field, a non-zero exit, and no output written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcpgitops.cli import synth
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
    "lb-private-front-proxy.yaml": ("frontProxy.loadBalancer.type", "entry point of kcp and needs a load balancer"),
    "lb-cluster-ip-with-class.yaml": ("shards[0].loadBalancer", "type ClusterIP has no load balancer, so class cannot apply"),
    "lb-bad-source-range.yaml": ("clusters[1].loadBalancer.sourceRanges", "'300.1.0.0/16' is not a CIDR"),
    "lb-service-annotations-and-block.yaml": ("frontProxy", "serviceAnnotations and loadBalancer.annotations are both set"),
    "lb-source-ranges-twice.yaml": ("clusters[0].loadBalancer.sourceRanges", "keep one of the two"),
    "lb-unknown-type.yaml": ("shards[0].loadBalancer.type", "LoadBalancer"),
    "sched-priority-class-on-shard.yaml": ("rootShard.scheduling.priorityClassName", "cannot give kcp's pods a priority class"),
    "sched-resources-in-defaults.yaml": ("kcpDefaults.scheduling.resources", "resources are set per component"),
    "sched-request-over-default-limit.yaml": ("shards[0].scheduling.resources.requestsMemory",
                                              "more than the memory limit 2Gi (kcp-operator v0.9.0's default)"),
    "sched-bad-quantity.yaml": ("frontProxy.scheduling.resources.limitsCpu", "'two' is not a Kubernetes quantity"),
    "sched-duplicate-spread-key.yaml": ("kcpDefaults.scheduling.topologySpreadConstraints[1].topologyKey",
                                        "one constraint per topologyKey"),
    "sched-toleration-seconds-without-no-execute.yaml": ("shards[0].scheduling.tolerations[0].effect",
                                                         "must be NoExecute when tolerationSeconds is set"),
    "sched-misspelt-affinity.yaml": ("rootShard.scheduling.affinity", "'nodeAfinity' was unexpected"),
    "sched-operator-limit-under-request.yaml": ("kcpOperator.scheduling.resources.limitsMemory",
                                                "the memory request 64Mi (the kcp-operator manifest's default)"),
    "sched-operator-bad-priority-class.yaml": ("kcpOperator.scheduling.priorityClassName", "is not a PriorityClass name"),
    "audit-webhook-without-policy.yaml": ("kcpDefaults.audit", "kcp records no event without a policy"),
    "audit-truncate-max-event-size.yaml": ("kcpDefaults.audit.webhook.truncateMaxEventSize", "a flag kcp does not have"),
    "audit-batch-setting-in-blocking-mode.yaml": ("shards[0].audit.webhook", "batchMaxSize applies only in batch mode"),
    "audit-policy-without-rules.yaml": ("kcpDefaults.audit.policy.rules", "kcp refuses a policy without rules"),
    "audit-relative-non-resource-url.yaml": ("rootShard.audit.policy.rules[0]", "'healthz' must begin with '/'"),
    "audit-unknown-event-version.yaml": ("kcpDefaults.audit.webhook.version", "'audit.k8s.io/v1'"),
    "mirror-without-host.yaml": ("images.mirror", "does not start with a registry host"),
    "mirror-pull-secret-not-a-name.yaml": ("images.pullSecrets[1]", "'Mirror_Pull' is not a Secret name"),
    "mirror-pull-secret-twice.yaml": ("images.pullSecrets", "'mirror-pull' named twice"),
    "mirror-chart-oci-scheme.yaml": ("images.charts.etcdDruid", "without the oci:// scheme, e.g. 'mirror.example.io/charts/gardener'"),
    "mirror-chart-plain-http.yaml": ("images.charts.certManager", "would fetch the chart unencrypted"),
    "mirror-chart-credentials.yaml": ("images.charts.sealedSecrets", "must not embed credentials"),
    "mirror-chart-not-a-repository.yaml": ("images.charts.sealedSecrets", "neither an https:// Helm repository nor an OCI"),
    "fp-both-forms.yaml": ("frontProxy and frontProxies are both set", "keep one"),
    "fp-duplicate-name.yaml": ("frontProxies[1].name", "is used by frontProxies[0] too"),
    "fp-second-without-hostname.yaml": ("frontProxies[1].hostname", "only the first front-proxy defaults"),
    "fp-cdn-without-ca-bundle.yaml": ("frontProxies[0].caBundleSecret", "behind a CDN needs the CA"),
    "fp-unknown-private.yaml": ("rootShard.privateFrontProxy", "'nowhere' is not one of the further front-proxies"),
    "fp-cdn-without-private.yaml": ("rootShard.privateFrontProxy", "the first front-proxy sits behind a CDN"),
    "fp-private-behind-cdn.yaml": ("rootShard.privateFrontProxy", "sits behind a CDN, which drops the client certificates"),
    "fp-one-issuer-two-settings.yaml": ("frontProxies[1].acme", "is also frontProxies[0]'s, with other settings"),
    "fp-private-on-shard.yaml": ("shards[0].privateFrontProxy", "only the root shard names the private front-proxy"),
    "private-shard-with-hostname.yaml": ("shards[0].hostname", "a private shard (loadBalancer type ClusterIP) has no public hostname"),
    "acme-two-providers.yaml": ("frontProxy.acme.dns01", "route53 and cloudDNS are set; set exactly one of"),
    "acme-no-provider.yaml": ("frontProxy.acme.dns01", "no provider is set"),
    "acme-unsupported-provider.yaml": ("frontProxy.acme.dns01.digitalocean", "unknown key; allowed keys here: azureDNS, cloudDNS"),
    "acme-cloudflare-and-dns01.yaml": ("frontProxy.acme", "cloudflare and dns01 are both set; keep only dns01"),
    "acme-cloudflare-key-and-token.yaml": ("frontProxy.acme.dns01.cloudflare", "apiTokenSecretRef and apiKeySecretRef are both set"),
    "acme-cloudflare-key-without-email.yaml": ("frontProxy.acme.dns01.cloudflare", "apiKeySecretRef needs email"),
    "acme-route53-half-key.yaml": ("frontProxy.acme.dns01.route53", "an access key needs both halves"),
    "acme-route53-bad-role.yaml": ("frontProxy.acme.dns01.route53.role", "'kcp-dns01' is not an IAM role ARN"),
    "acme-clouddns-without-project.yaml": ("frontProxy.acme.dns01.cloudDNS.project", "required but missing"),
    "acme-azure-partial-principal.yaml": ("frontProxy.acme.dns01.azureDNS", "add tenantID, clientSecretSecretRef"),
    "acme-azure-principal-and-identity.yaml": ("frontProxy.acme.dns01.azureDNS", "managedIdentity cannot be used together with a service principal"),
    "acme-rfc2136-unbracketed-ipv6.yaml": ("frontProxy.acme.dns01.rfc2136.nameserver", "enclose an IPv6 address in brackets"),
    "acme-rfc2136-key-name-without-secret.yaml": ("frontProxy.acme.dns01.rfc2136", "tsigKeyName and tsigSecretSecretRef go together"),
    "acme-rfc2136-unknown-algorithm.yaml": ("frontProxy.acme.dns01.rfc2136.tsigAlgorithm", "'HMACMD5', 'HMACSHA1', 'HMACSHA256' or 'HMACSHA512'"),
    "acme-bad-secret-name.yaml": ("frontProxy.acme.dns01.route53.secretAccessKeySecretRef.name", "'Route53_Credentials' is not a Secret name"),
    "acme-secret-is-account-key.yaml": ("frontProxy.acme", "'le-issuer-account-key' is the ACME account key's Secret"),
    "etcd-store-unknown-provider.yaml": ("etcd.backup.store.provider", "'S3', 'GCS' or 'ABS'"),
    "etcd-store-bad-container.yaml": ("etcd.backup.store.container", "not a valid Azure Blob Storage container name"),
    "etcd-store-without-container.yaml": ("etcd.backup.store.container", "required but missing"),
    "etcd-store-bad-prefix.yaml": ("etcd.backup.store.prefix", "without '.' or '..' parts"),
    "etcd-store-bad-secret-name.yaml": ("etcd.backup.store.credentialsSecret", "is not a Kubernetes object name"),
    "etcd-gc-period-not-longer-than-delta.yaml": ("etcd.backup.garbageCollectionPeriod", "is not longer than deltaSnapshotPeriod ('1h')"),
    "etcd-max-backups-without-limit-based.yaml": ("etcd.backup.maxBackupsLimitBasedGC", "applies only with garbageCollectionPolicy: LimitBased"),
    "etcd-max-backups-zero.yaml": ("etcd.backup.maxBackupsLimitBasedGC", "greater than or equal to 1"),
    "etcd-snapshot-schedule-macro.yaml": ("etcd.backup.fullSnapshotSchedule", "is not a schedule etcd-druid v0.33.0's Etcd CRD accepts"),
    "etcd-defragmentation-schedule-list.yaml": ("etcd.defragmentationSchedule", "without lists"),
    "etcd-capacity-below-quota.yaml": ("etcd.storageCapacity", "4Gi is smaller than quota (8Gi)"),
    "etcd-quota-above-default-capacity.yaml": ("etcd.quota", "storageCapacity unset: etcd-druid's 16Gi"),
    "etcd-capacity-not-a-size.yaml": ("etcd.storageCapacity", "'500m' is not a size"),
    "etcd-bad-storage-class.yaml": ("etcd.storageClass", "is not a Kubernetes object name"),
    "etcd-affinity-unknown-field.yaml": ("etcd.scheduling.affinity.nodeAffinity", "'requiredDuringScheduling' was unexpected"),
    "etcd-spread-max-skew-not-integer.yaml": ("etcd.scheduling.topologySpreadConstraints[0].maxSkew", "is not of type 'integer'"),
    "etcd-node-selector.yaml": ("etcd.scheduling.nodeSelector", "write the same labels as affinity.nodeAffinity"),
    "etcd-tolerations.yaml": ("etcd.scheduling.tolerations", "mutating admission webhook"),
    "etcd-bad-priority-class.yaml": ("etcd.scheduling.priorityClassName", "is not a Kubernetes object name"),
    "etcd-compression-policy.yaml": ("etcd.backup.compression.policy", "'gzip', 'lzw' or 'zlib'"),
    "etcd-memory-limit-not-a-size.yaml": ("etcd.backup.deltaSnapshotMemoryLimit", "'lots' is not a size"),
    "etcd-retention-in-days.yaml": ("etcd.backup.deltaSnapshotRetentionPeriod", "'7d' is not a Go duration"),
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
                                  "bridge-image-and-images-disagree.yaml", "acme-two-providers.yaml",
                                  "bridge-path-and-bridge-block.yaml", "lb-class-on-operator-cluster.yaml",
                                  "etcd-gc-period-not-longer-than-delta.yaml", "sched-request-over-default-limit.yaml",
                                  *RENDER_TIME])
def test_bad_topology_exits_non_zero_and_leaves_previous_output_untouched(previous_output, name, capsys):
    # The render entry point main.py calls, in this process (test_main_py_... below runs main.py as a process).
    trees, unchanged = previous_output
    assert synth(topology=FIXTURES / "bad" / name, **trees) == 1
    assert {**EXPECTED, **RENDER_TIME}[name][0] in capsys.readouterr().err
    unchanged()


@pytest.mark.parametrize("name", ["unknown-key.yaml", *RENDER_TIME])
def test_main_py_process_exits_1_without_a_traceback_and_writes_nothing(repo_root, previous_output, name):
    trees, unchanged = previous_output
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=repo_root,
        env={"KCP_TOPOLOGY": str(FIXTURES / "bad" / name), "CDK8S_OUTDIR": str(trees["dist"]),
             "KCP_ARGOCD_OUTDIR": str(trees["argocd"]), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and {**EXPECTED, **RENDER_TIME}[name][0] in result.stderr
    unchanged()


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
