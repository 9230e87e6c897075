"""The topology as a Mermaid flowchart: clusters, shards, front-proxy, DNS names and the bundle flow via the bridge."""

from __future__ import annotations

import re

from kcpgitops.topology import Topology

from ._dns import dns_plan


def _id(prefix: str, name: str) -> str:
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9]', '_', name)}"


def _label(text: str) -> str:
    return '"' + text.replace('"', "#quot;") + '"'


def topology_diagram(topology: Topology) -> str:
    """Mermaid source (without the code fence); one subgraph per cluster, edges kept to about 3 per shard."""
    root = topology.root_shard
    proxy = topology.front_proxy
    remote = [s for s in topology.shards if topology.is_remote(s)]
    lines = ["flowchart LR"]
    for cluster in topology.clusters:
        hosted = topology.shards_on(cluster.name)
        is_root = cluster.name == root.cluster
        role = "root cluster" if is_root else ("shard cluster" if hosted else "cluster")
        region = f" · {cluster.region}" if cluster.region else ""
        lines.append(f"  subgraph {_id('cluster', cluster.name)}[{_label(f'{cluster.name} · {role}{region}')}]")
        lines.append("    direction TB")
        if is_root:
            for each in topology.all_front_proxies:
                lines.append(f"    {_id('proxy', each.name)}[{_label(f'FrontProxy {each.name}')}]")
        for shard in hosted:
            kind = "RootShard" if shard.name == root.name else "Shard"
            origin = "<br/>from its sealed bundle" if topology.is_remote(shard) else ""
            lines.append(f"    {_id('shard', shard.name)}[{_label(f'{kind} {shard.name}<br/>Etcd {shard.name}{origin}')}]")
        if is_root and remote:
            lines.append(f"    bridge[[{_label('bridge CronJob<br/>seals each shard bundle')}]]")
        lines.append("  end")
    for record in dns_plan(topology):
        # `FrontProxy <name>[ via ...]`, `RootShard <name>`, `Shard <name>`: the object is the second word.
        name = record.serves.split()[1]
        target = _id("proxy", name) if record.serves.startswith("FrontProxy") else _id("shard", name)
        lines.append(f"  {_id('dns', record.hostname)}([{_label(f'{record.hostname}:{record.port}')}]) --> {target}")
    for shard in topology.all_shards:
        lines.append(f"  {_id('proxy', proxy.name)} -.-> {_id('shard', shard.name)}")
    for shard in remote:
        cluster = topology.cluster(shard.cluster)
        flow = f"{shard.name}-bundle, sealed → {topology.bridge_path(cluster)}"
        lines.append(f"  bridge ==>|{_label(flow)}| {_id('shard', shard.name)}")
    lines += [
        "  classDef dns fill:#eef6ff,stroke:#4a7ab5",
        "  class " + ",".join(_id("dns", r.hostname) for r in dns_plan(topology)) + " dns",
    ]
    return "\n".join(lines)
