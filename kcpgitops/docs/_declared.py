"""Secrets this deployment needs but never renders: people create them by hand, as the topology documents.

This is the explicit allow-list `make check` accepts as producers of a referenced Secret, and the list each
cluster's generated README tells the operator to create. Anything referenced and not produced by a rendered object,
kcp-operator, the bridge, or this list is a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcpgitops.output import CERT_MANAGER_NAMESPACE
from kcpgitops.topology import Topology


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


def user_created_secrets(topology: Topology) -> list[UserSecret]:
    """Every user-created Secret the topology declares, sorted."""
    root = topology.root_shard.cluster
    found: list[UserSecret] = []
    proxy = topology.front_proxy
    if proxy.certificate == "acme":
        cf = proxy.acme.cloudflare
        found.append(UserSecret(
            root, CERT_MANAGER_NAMESPACE, cf.api_key_secret_name, (cf.api_key_secret_key,),
            f"Cloudflare API key of the DNS-01 solver of ClusterIssuer `{proxy.acme.issuer_name}`",
            f"kubectl -n {CERT_MANAGER_NAMESPACE} create secret generic {cf.api_key_secret_name} "
            f"--from-literal={cf.api_key_secret_key}=<api key>",
            (f"the global API key of the Cloudflare account `{cf.email}` (it manages the zone of `{topology.domain}`)",),
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
    return sorted(found)


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
