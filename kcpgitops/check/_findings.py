"""One broken rule at one place: what, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

RULES = {
    "parse": "every file under a cluster directory is a readable Kubernetes manifest",
    "issuer-ref": "every issuerRef resolves on the same cluster (Issuer in the same namespace, or ClusterIssuer)",
    "secret-produced": "every referenced Secret is produced on the cluster that uses it",
    "serving-cert-san": "every shard URL, external hostname and front-proxy hostname is in the dnsNames of the certificate serving it",
    "dns-plan": "every served hostname is in the DNS plan, pointing at the cluster that serves it, and the plan has nothing else",
    "etcd-endpoint": "every etcd endpoint is the client Service of an Etcd on the same cluster and namespace",
    "etcd-server-san": "every etcd endpoint host is in the SANs of that Etcd's server certificate",
    "kcp-ref": "every rootShard.ref and Kubeconfig target resolves on the same cluster",
    "bridge-target": "every remote shard is bundled and has a bridge target with a sealing certificate file",
    "bridge-sync": "every shard cluster's Argo CD syncs the path the bridge writes its shard into",
    "kcp-version": "one kcp image version across root shard, root-shard proxy, shards, front-proxy and cache server",
    "duplicate": "no two objects share kind, namespace and name within a cluster",
    "argocd-path": "every Argo CD Application path exists and belongs to the Application's own cluster",
    "tracked-secret": "no file git tracks holds a private key or a kubeconfig with credentials (test data excepted)",
}
"""Rule id -> what it guarantees."""


@dataclass(frozen=True, order=True)
class Finding:
    """A broken rule: file and object it was found at, what is wrong, and the fix."""

    rule: str
    file: str
    object: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}: {self.object} [{self.rule}]\n  {self.message}\n  fix: {self.fix}"
