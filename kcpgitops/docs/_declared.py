"""Secrets this deployment needs but never renders: people create them by hand, as the topology documents.

This is the explicit allow-list `make check` accepts as producers of a referenced Secret, and the list each
cluster's generated README tells the operator to create. Anything referenced and not produced by a rendered object,
kcp-operator, the bridge, or this list is a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcpgitops.operator_manifests import KCP_OPERATOR_NAMESPACE
from kcpgitops.output import CERT_MANAGER_NAMESPACE
from kcpgitops.topology import AUDIT_WEBHOOK_KEY, Topology, acme_solver, shard_audit


@dataclass(frozen=True, order=True)
class UserSecret:
    """A Secret someone creates on a cluster before (or while) Argo CD syncs it."""

    cluster: str
    namespace: str
    name: str
    keys: tuple[str, ...]
    purpose: str
    create: str
    """Command that creates it (placeholders in angle brackets)."""
    meanings: tuple[str, ...] = ()
    """What each of `keys` must hold, in the same order."""
    type: str = "Opaque"
    """Secret type (`kubernetes.io/dockerconfigjson` for a pull Secret: the kubelet reads no other)."""


def user_created_secrets(topology: Topology) -> list[UserSecret]:
    """Every user-created Secret the topology declares, sorted."""
    root = topology.root_shard.cluster
    found: list[UserSecret] = []
    issuers = {p.acme.issuer_name: p.acme for p in topology.all_front_proxies if p.certificate == "acme"}
    for acme in issuers.values():
        # The DNS-01 solver's credentials (none with ambient credentials), in cert-manager's namespace: a
        # ClusterIssuer's Secrets are read from the cluster resource namespace (kcpgitops/topology/_acme.py).
        for secret in acme_solver(acme, topology.domain).secrets:
            found.append(UserSecret(root, CERT_MANAGER_NAMESPACE, secret.name, secret.keys, secret.purpose,
                                    secret.create(CERT_MANAGER_NAMESPACE), secret.meanings))
    for proxy in topology.all_front_proxies:
        # A CA bundle other than the rendered ACME CA (kcp-comer's CDN edge CA): public data the person fetches.
        if proxy.ca_bundle_secret is not None and not (proxy.certificate == "acme" and proxy.ca_bundle_secret == proxy.acme.ca_secret_name):
            ns = topology.namespace
            found.append(UserSecret(
                root, ns, proxy.ca_bundle_secret, ("tls.crt",),
                f"CA certificate(s) front-proxy {proxy.name}'s admin kubeconfigs trust"
                + (" (the CA that issues the CDN's edge certificate)" if proxy.cdn else ""),
                f"kubectl -n {ns} create secret generic {proxy.ca_bundle_secret} --from-file=tls.crt=<CA certificate PEM file>",
                ("the PEM certificate(s) of the CA that issues the certificate clients see at "
                 f"{topology.front_proxy_hostname_of(proxy)} (public data, no key)",),
            ))
    if any(topology.is_remote(s) for s in topology.shards):
        bridge = topology.bridge
        ns = topology.namespace
        if bridge.git_credentials_secret:
            ssh = bridge.git_auth == "ssh"
            keys = ("ssh-privatekey", "known_hosts") if ssh else ("token",)
            repos = _bridge_repositories(topology)
            meanings = (
                (f"a private SSH deploy key with write access to {repos}",
                 "the Git host's public keys in known_hosts format (pinned; nothing is trusted on first use)")
                if ssh else (f"an HTTPS access token with push rights to {repos}",)
            )
            how = (
                f"kubectl -n {ns} create secret generic {bridge.git_credentials_secret} "
                + " ".join(f"--from-file={k}=<{k} file>" for k in keys)
            )
            found.append(UserSecret(root, ns, bridge.git_credentials_secret, keys,
                                    "Git credentials the sealed-secret bridge pushes with", how, meanings))
        if bridge.hmac_key_secret:
            found.append(UserSecret(
                root, ns, bridge.hmac_key_secret, ("key",),
                "HMAC key of the bridge's change fingerprints (never leaves this cluster)",
                f"kubectl -n {ns} create secret generic {bridge.hmac_key_secret} --from-literal=key=\"$(openssl rand -hex 32)\"",
                ("32 random bytes, hex-encoded; keep it: a new key makes the bridge re-seal and commit everything once",),
            ))
    found += _etcd_backup_secrets(topology)
    found += _image_pull_secrets(topology)
    found += _audit_webhook_secrets(topology)
    return sorted(found)


SEALED_SECRETS_NAMESPACE = "kube-system"
"""Where the sealed-secrets chart runs (charts/names.py SEALED_SECRETS_NAMESPACE; a test keeps the two equal: the charts
package is not imported here, it pulls in cdk8s)."""


def _pull_secret_namespaces(topology: Topology, cluster: str) -> list[str]:
    """Namespaces of one cluster where a pod the product renders names the pull Secrets (charts/images.py)."""
    # cert-manager's and sealed-secrets' pods through their charts' values, on every cluster. etcd-druid's chart has no
    # such value and its etcd pods get none (gardener/etcd-druid@v0.33.0 charts/values.yaml, internal/component/
    # statefulset/builder.go), so its namespace needs none.
    namespaces = {CERT_MANAGER_NAMESPACE, SEALED_SECRETS_NAMESPACE}
    if topology.shards_on(cluster):
        namespaces.add(topology.namespace)  # kcp's Deployments (the bridge delivers a remote shard's with them)
    if cluster == topology.root_shard.cluster:
        namespaces.update((topology.namespace, KCP_OPERATOR_NAMESPACE))  # the front-proxy, the bridge; kcp-operator
        kcp = topology.kcp
        # The workspace-clusters CronJob renders when the `kcp:` section creates something (charts/kcp_inside
        # render_kcp()).
        if kcp is not None and (kcp.workspaces or kcp.partitions or kcp.partition_sets or kcp.api_exports or kcp.bindings
                                or kcp.endpoint_slices):
            namespaces.add(topology.argocd.namespace)
    return sorted(namespaces)


def _image_pull_secrets(topology: Topology) -> list[UserSecret]:
    """Each of `images.pullSecrets` in every namespace where a rendered pod names it, on every cluster."""
    images = topology.images
    if not images.pull_secrets:
        return []
    server = images.mirror.partition("/")[0] if images.mirror is not None else "<registry host>"
    where = (f"the image mirror `{server}` (`images.mirror`)" if images.mirror is not None
             else "the private registries the images come from (`images.registry`, `versions.kcpImage`)")
    found = []
    for cluster in topology.clusters:
        for namespace in _pull_secret_namespaces(topology, cluster.name):
            for name in images.pull_secrets:
                found.append(UserSecret(
                    cluster.name, namespace, name, (".dockerconfigjson",),
                    f"Image pull Secret (`images.pullSecrets`) the pods in `{namespace}` pull with",
                    f"kubectl -n {namespace} create secret docker-registry {name} --docker-server={server} "
                    "--docker-username=<user> --docker-password=<read-only token>",
                    (f"a Docker config with read-only credentials for {where}; for several registries create it from a "
                     "config file instead (`--from-file=.dockerconfigjson=<config.json>`)",),
                    type="kubernetes.io/dockerconfigjson",
                ))
    return found


def _etcd_backup_secrets(topology: Topology) -> list[UserSecret]:
    """The etcd backup store's credentials Secret on every cluster that runs an etcd (one per cluster, which all its
    etcds mount: gardener/etcd-druid@v0.33.0:internal/component/statefulset/builder.go getPodVolumes)."""
    store = topology.etcd.backup.store
    if store is None:
        return []
    ns = topology.namespace
    keys, meanings = zip(*store.credential_keys(), strict=True)
    return [UserSecret(cluster, ns, store.credentials_secret, keys, store.purpose(ns), store.create_command(ns), meanings)
            for cluster in sorted({shard.cluster for shard in topology.all_shards})]


def _bridge_repositories(topology: Topology) -> str:
    """What the bridge's Git credential must reach: the shard clusters' repositories, or the ones `git.bridge` names."""
    remote = {s.cluster for s in topology.shards if topology.is_remote(s)}
    targets = [topology.bridge_target(c) for c in topology.clusters if c.name in remote]
    if not any(t.separate for t in targets):
        return "the shard clusters' repositories"
    # The bridge writes elsewhere than the branches Argo CD follows: name exactly where, so the credential can be
    # scoped to that (a token or deploy key for those repositories only; branch protection may allow just its branches).
    return "only " + ", ".join(f"`{url}` (branch {', '.join(sorted({t.branch for t in targets if t.repo_url == url}))})"
                               for url in sorted({t.repo_url for t in targets}))


def _audit_webhook_secrets(topology: Topology) -> list[UserSecret]:
    """The kubeconfig Secret of each audit webhook the shards' `audit.webhook` names, on the root shard's cluster only:
    kcp-operator mounts it from the namespace of the RootShard or Shard, which all live there
    (kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/audit.go applyAuditWebhookConfiguration), and the bridge carries
    a remote shard's to that shard's cluster, sealed, like every Secret its Deployment mounts."""
    ns = topology.namespace
    users: dict[str, list[str]] = {}
    for shard in topology.all_shards:
        audit = shard_audit(topology, shard)
        if audit is not None and audit.webhook is not None:
            users.setdefault(audit.webhook.config_secret_name, []).append(shard.name)
    return [UserSecret(
        topology.root_shard.cluster, ns, name, (AUDIT_WEBHOOK_KEY,),
        f"Audit webhook kubeconfig kcp sends the audit events of shard{'s' if len(shards) > 1 else ''} "
        f"{', '.join(shards)} with (the bridge carries it, sealed, to the clusters of remote shards)",
        f"kubectl -n {ns} create secret generic {name} --from-file={AUDIT_WEBHOOK_KEY}=<audit webhook kubeconfig file>",
        ("a kubeconfig whose cluster `server` is the audit service's URL and whose user authenticates there (client "
         "certificate or token), every certificate embedded as `*-data`: a file path would not exist in kcp's container",),
    ) for name, shards in users.items()]
