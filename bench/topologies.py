"""Generated N-cluster topologies for benchmarks: cluster-1 runs the root shard, every other cluster one shard.

`topology_data(100)` is the 100-cluster topology of the benchmarks: 1 root cluster and 99 shard clusters, one shard
each. `write_topology(n, directory)` also writes an example Sealed Secrets certificate per shard cluster (the check
wants one per remote shard), so the directory can serve as a repository root.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import yaml

DOMAIN = "bench.example.io"
REPO = "https://git.example.com/kcp/kcp-bench-gitops.git"


def cluster_name(index: int) -> str:
    """`cluster-<index>`, 1-based; cluster-1 is the root cluster."""
    return f"cluster-{index}"


def shard_name(index: int) -> str:
    """Name of the shard on cluster `index` (2 and up)."""
    return f"shard-{index}"


def topology_data(clusters: int, *, kcp_version: str = "v0.32.3") -> dict:
    """Topology mapping with `clusters` clusters: the root shard on cluster-1, one shard on each other cluster."""
    if clusters < 1:
        raise ValueError("a topology needs at least one cluster")
    return {
        "domain": DOMAIN,
        "namespace": "kcp-zheng",
        "clusters": [{"name": cluster_name(i), "git": {"repoURL": REPO, "branch": "main"}} for i in range(1, clusters + 1)],
        "rootShard": {"name": "root", "cluster": cluster_name(1)},
        "shards": [{"name": shard_name(i), "cluster": cluster_name(i), "replicas": 2} for i in range(2, clusters + 1)],
        "versions": {"kcp": kcp_version},
    }


def topology_yaml(clusters: int, **options: str) -> str:
    """The topology as YAML text."""
    return yaml.safe_dump(topology_data(clusters, **options), sort_keys=False)


@functools.cache
def example_certificate_pem() -> str:
    """A self-signed RSA certificate shaped like a Sealed Secrets controller's (private key discarded)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "sealed-secret")])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def write_topology(clusters: int, directory: Path, *, name: str = "topology.yaml", **options: str) -> Path:
    """Write the topology and `certs/<cluster>.pem` for every shard cluster into `directory`; return the file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(topology_yaml(clusters, **options), encoding="utf-8")
    certs = directory / "certs"
    certs.mkdir(exist_ok=True)
    for index in range(2, clusters + 1):
        (certs / f"{cluster_name(index)}.pem").write_text(example_certificate_pem(), encoding="ascii")
    return path
