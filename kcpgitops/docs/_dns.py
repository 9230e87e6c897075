"""The DNS plan: which public hostname must resolve to which cluster's LoadBalancer, derived from the topology.

It is rendered as a Markdown table between two markers in the top-level rendered README, and `make check` reads
it back from there, so the plan a reviewer sees is the one the manifests are checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kcpgitops.topology import Topology

SHARD_PORT = 6443
"""Port every shard serves on (kcp-operator's fixed shard port)."""

BEGIN = "<!-- dns-plan:begin -->"
END = "<!-- dns-plan:end -->"


@dataclass(frozen=True, order=True)
class DnsRecord:
    """One DNS name to create: it points at the external address of a LoadBalancer Service on a cluster."""

    hostname: str
    cluster: str
    namespace: str
    service: str
    port: int
    serves: str
    """What answers there, e.g. `FrontProxy frontproxy`."""


def dns_plan(topology: Topology) -> list[DnsRecord]:
    """Front-proxy first, then the root shard and every further shard, as the topology places them."""
    ns = topology.namespace
    root = topology.root_shard
    records = [
        DnsRecord(topology.front_proxy_hostname_of(p), root.cluster, ns, f"{p.name}-front-proxy", p.port,
                  f"FrontProxy {p.name}" + (f" via {p.cdn.provider} (proxied record)" if p.cdn else ""))
        for p in topology.all_front_proxies
    ]
    records.append(DnsRecord(topology.shard_hostname(root), root.cluster, ns, f"{root.name}-kcp", SHARD_PORT, f"RootShard {root.name}"))
    records += [
        DnsRecord(topology.shard_hostname(s), s.cluster, ns, f"{s.name}-shard-kcp", SHARD_PORT, f"Shard {s.name}")
        for s in topology.shards
    ]
    # A private shard (loadBalancer type ClusterIP) is reached through its in-cluster Service name: no public record.
    private = {topology.shard_hostname(s) for s in topology.all_shards if topology.shard_exposure(s).private}
    return [r for r in records if r.hostname not in private]


def dns_table(records: list[DnsRecord], *, with_cluster: bool = True) -> str:
    """Markdown table of records."""
    head = "| hostname | cluster | LoadBalancer Service | port | serves |" if with_cluster else "| hostname | LoadBalancer Service | port | serves |"
    rule = "|---|---|---|---|---|" if with_cluster else "|---|---|---|---|"
    rows = []
    for r in records:
        cells = [f"`{r.hostname}`"] + ([f"`{r.cluster}`"] if with_cluster else []) + [f"`{r.namespace}/{r.service}`", str(r.port), r.serves]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


def dns_plan_block(records: list[DnsRecord]) -> str:
    """The machine-readable plan: the table between the markers `make check` looks for."""
    return f"{BEGIN}\n{dns_table(records)}\n{END}"


_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*`([^`/]+)/([^`]+)`\s*\|\s*(\d+)\s*\|\s*([^|]*?)\s*\|\s*$")


def parse_dns_plan(text: str) -> list[DnsRecord] | None:
    """Records of the plan block in a README, or None when the README has no plan block."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    records = []
    for line in text[start + len(BEGIN):end].splitlines():
        match = _ROW.match(line.strip())
        if match:
            host, cluster, ns, service, port, serves = match.groups()
            records.append(DnsRecord(host, cluster, ns, service, int(port), serves))
    return records
