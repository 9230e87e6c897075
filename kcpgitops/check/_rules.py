"""The cross-cluster rules, each a generator of findings over one loaded tree and its topology."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import yaml

from kcpgitops.docs import DnsRecord, parse_dns_plan, user_created_secrets
from kcpgitops.output import Key, Ref, etcd_endpoint_target, is_bundled, operator_secrets, references, secrets_produced
from kcpgitops.topology import Topology, repository_key
from kcpmodel import proxy_certificates, root_shard_certificates, shard_certificates, shard_export

from ._findings import Finding
from ._secrets import secret_findings
from ._tree import Entry, Tree, display

ETCD_CLIENT_PORT = 2379
"""etcd-druid's default client port."""
RUNTIME_FIELDS = ("spec.etcd.tlsConfig.secretRef",)
"""Secret references of a bundled shard that its Deployment needs where it runs, not where it is declared."""
_KCP_KINDS = ("RootShard", "Shard", "FrontProxy")


@dataclass
class Context:
    """A loaded tree with its topology and the indexes every rule shares."""

    topology: Topology
    repo_root: Path
    dist: Path
    argocd: Path
    tree: Tree
    index: dict[str, dict[Key, list[Entry]]] = field(default_factory=dict)
    produced: dict[str, dict[Key, str]] = field(default_factory=dict)
    """Cluster -> Secret -> who produces it, from rendered objects and kcp-operator."""
    declared: dict[str, dict[Key, str]] = field(default_factory=dict)
    """Cluster -> Secret -> why it is allowed without a producer (user-created allow-list)."""
    bridged: dict[str, dict[Key, str]] = field(default_factory=dict)
    """Cluster -> Secret -> the bridge delivery that brings it there."""

    def __post_init__(self) -> None:
        for cluster, entries in self.tree.entries.items():
            index = self.index.setdefault(cluster, {})
            produced = self.produced.setdefault(cluster, {})
            for entry in entries:
                index.setdefault(entry.key, []).append(entry)
                made_by_operator = set(operator_secrets(entry.doc)) if entry.key.kind in (*_KCP_KINDS, "CacheServer") else set()
                for secret in secrets_produced(entry.doc):
                    who = f"kcp-operator for {entry.key}" if secret in made_by_operator else str(entry.key)
                    produced.setdefault(secret, who)
        for secret in user_created_secrets(self.topology):
            self.declared.setdefault(secret.cluster, {})[Key("Secret", secret.namespace, secret.name)] = "user-created (topology)"
        root = self.topology.root_shard
        ns = self.topology.namespace
        root_doc = self.find(root.cluster, "RootShard", ns, root.name)
        # util.GetRootShardChildren: every Shard of the RootShard, whose service-account Secrets each shard mounts.
        children = sorted(
            k.name for k, entries in self.index.get(root.cluster, {}).items()
            if k.kind == "Shard" and k.namespace == ns and _nested(entries[0].doc, "spec", "rootShard", "ref", "name") == root.name
        )
        for shard in self.topology.shards:
            if not self.topology.is_remote(shard):
                continue
            doc = self.find(root.cluster, "Shard", ns, shard.name)
            if doc is None or root_doc is None:
                continue
            # What the bridge carries: the bundle's Secrets and what the Deployment mounts beyond them (kcpmodel), except
            # the etcd client certificate, which the shard's own cluster issues (RUNTIME_FIELDS).
            export = shard_export(doc.doc, root_doc.doc, children)
            local = _nested(doc.doc, "spec", "etcd", "tlsConfig", "secretRef", "name")
            delivered = self.bridged.setdefault(shard.cluster, {})
            for name in sorted(set(export.secrets) - {local}):
                delivered.setdefault(Key("Secret", ns, name), f"the bridge (bundle of Shard {shard.name})")

    def find(self, cluster: str, kind: str, namespace: str, name: str) -> Entry | None:
        found = self.index.get(cluster, {}).get(Key(kind, namespace, name))
        return found[0] if found else None

    def of_kind(self, *kinds: str) -> Iterator[Entry]:
        for entry in self.tree.all():
            if entry.key.kind in kinds:
                yield entry

    def run_cluster(self, entry: Entry) -> str:
        """Where an object's workload runs: a topology shard on its own cluster, anything else where declared."""
        if entry.key.kind == "Shard":
            shard = next((s for s in self.topology.shards if s.name == entry.key.name), None)
            if shard is not None and entry.key.namespace == self.topology.namespace:
                return shard.cluster
        return entry.cluster

    def repo_path(self, relative: str) -> Path:
        """A repository-relative path, with `dist/` and `argocd/` mapped onto the trees being checked."""
        parts = PurePosixPath(relative).parts
        if parts and parts[0] == "dist":
            return self.dist.joinpath(*parts[1:])
        if parts and parts[0] == "argocd":
            return self.argocd.joinpath(*parts[1:])
        return self.repo_root.joinpath(*parts)


def _nested(doc: dict, *path: str) -> object:
    node: object = doc
    for part in path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _closest(names: list[str], wanted: str, limit: int = 3) -> str:
    import difflib

    matches = difflib.get_close_matches(wanted, names, n=limit, cutoff=0.4) or sorted(names)[:limit]
    return ", ".join(matches)


# --- parse ---------------------------------------------------------------------------------------------------


def check_parse(ctx: Context) -> Iterator[Finding]:
    for bad in ctx.tree.bad:
        yield Finding("parse", bad.file, "(file)", bad.problem, "re-render with `make synth`; rendered files are never edited by hand")


# --- references: issuers, Secrets, kcp objects ---------------------------------------------------------------


def _issuer_finding(ctx: Context, entry: Entry, ref: Ref) -> Finding | None:
    index = ctx.index.get(entry.cluster, {})
    if ref.target in index:
        return None
    target = ref.target
    candidates = [k.name for k in index if k.kind == target.kind and k.namespace == target.namespace]
    where = f"namespace {target.namespace}" if target.kind == "Issuer" else "the cluster"
    elsewhere = sorted(k.namespace for k in index if k.kind == target.kind and k.name == target.name and k.namespace != target.namespace)
    message = f"{ref.field} names {target}, which is not rendered on {entry.cluster}"
    if elsewhere:
        message += f" (an Issuer {target.name} exists in namespace {', '.join(elsewhere)}, but an Issuer only signs in its own namespace)"
    fix = f"render {target} on {entry.cluster}, or point {ref.field} at an existing {target.kind}"
    if candidates:
        fix += f" in {where}: {_closest(candidates, target.name)}"
    return Finding("issuer-ref", entry.file, str(entry.key), message, fix)


def _secret_finding(ctx: Context, entry: Entry, ref: Ref) -> Finding | None:
    target = ref.target
    run = ctx.run_cluster(entry)
    if ref.field in RUNTIME_FIELDS and run != entry.cluster:
        if target in ctx.produced.get(run, {}) or target in ctx.declared.get(run, {}):
            return None
        message = (
            f"{ref.field} names {target}; {entry.key} runs on {run} (bundled from {entry.cluster}), where its Deployment "
            f"mounts it, but nothing on {run} produces it"
        )
        fix = (
            f"render a Certificate with secretName {target.name} in {target.namespace} on {run} (each cluster has its own "
            "etcd CA, so the bridge must not carry it), or point the reference at a Secret that exists there"
        )
        return Finding("secret-produced", entry.file, str(entry.key), message, fix)
    cluster = entry.cluster
    if any(target in table.get(cluster, {}) for table in (ctx.produced, ctx.declared, ctx.bridged)):
        return None
    same_ns = [k.name for k in ctx.produced.get(cluster, {}) if k.namespace == target.namespace]
    message = (
        f"{ref.field} names {target}, which nothing on {cluster} produces (no Certificate, Secret, SealedSecret, "
        "kcp-operator object, bridge delivery or declared user-created Secret)"
    )
    fix = (
        f"render a Certificate or SealedSecret named {target.name} in {target.namespace} on {cluster}, declare it as a "
        "user-created Secret (kcpgitops/docs/_declared.py, from a topology field), or point the reference at a produced Secret"
    )
    if same_ns:
        fix += f" such as {_closest(same_ns, target.name)}"
    return Finding("secret-produced", entry.file, str(entry.key), message, fix)


def _kcp_ref_finding(ctx: Context, entry: Entry, ref: Ref) -> Finding | None:
    if ref.target in ctx.index.get(entry.cluster, {}):
        return None
    existing = [k.name for k in ctx.index.get(entry.cluster, {}) if k.kind == ref.target.kind and k.namespace == ref.target.namespace]
    message = f"{ref.field} names {ref.target}, which is not rendered on {entry.cluster}"
    fix = f"point {ref.field} at " + (f"one of: {', '.join(sorted(existing))}" if existing else f"a {ref.target.kind} rendered in {ref.target.namespace}")
    return Finding("kcp-ref", entry.file, str(entry.key), message, fix)


_REF_RULES: dict[str, Callable[[Context, Entry, Ref], Finding | None]] = {
    "Issuer": _issuer_finding,
    "ClusterIssuer": _issuer_finding,
    "Secret": _secret_finding,
    "RootShard": _kcp_ref_finding,
    "Shard": _kcp_ref_finding,
    "FrontProxy": _kcp_ref_finding,
}


def check_references(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.tree.all():
        for ref in references(entry.doc):
            rule = _REF_RULES.get(ref.target.kind)
            if rule is not None:
                finding = rule(ctx, entry, ref)
                if finding is not None:
                    yield finding


# --- hostnames: serving certificates and the DNS plan ---------------------------------------------------------


def san_matches(host: str, names: list[str]) -> bool:
    """Whether `host` is covered by a SAN list (exact, or a one-label `*.` wildcard)."""
    for name in names:
        if name == host:
            return True
        if name.startswith("*.") and "." in host and host.split(".", 1)[1] == name[2:]:
            return True
    return False


@dataclass
class _Served:
    host: str
    cluster: str
    entry: Entry
    field: str


def _server_names(ctx: Context, entry: Entry) -> list[str] | None:
    """The DNS names of the server certificate kcp-operator v0.9.0 issues for a RootShard, Shard or FrontProxy.

    kcp-operator adds the base URL host, the external hostname(s) and the in-cluster Service names itself and merges a
    `certificateTemplates.server` in (or replaces the names when the template names its own issuer), so the names are
    computed with the one model of what it creates (kcpmodel `root_shard_certificates`, `shard_certificates`,
    `proxy_certificates`; kcp-dev/kcp-operator@v0.9.0:internal/resources/rootshard/certificates.go,
    shard/certificates.go, frontproxy/certificates.go). None when the RootShard a Shard or FrontProxy names is not in
    the tree (the reference rules report that).
    """
    kind = entry.key.kind
    if kind == "RootShard":
        certificates = root_shard_certificates(entry.doc)
    else:
        root_name = _nested(entry.doc, "spec", "rootShard", "ref", "name")
        root = next((r for r in ctx.of_kind("RootShard") if r.cluster == entry.cluster and r.key.namespace == entry.key.namespace
                     and r.key.name == root_name), None)
        if kind == "Shard":
            certificates = shard_certificates(entry.doc, str(root_name or ""))
        elif root is None:
            return None
        else:
            certificates = proxy_certificates(root.doc, entry.doc)
    server = certificates[0]  # every list starts with the server certificate
    names = (server.get("spec") or {}).get("dnsNames") or []
    return [n for n in names if isinstance(n, str)]


def _served_hosts(ctx: Context) -> tuple[list[_Served], list[Finding]]:
    served: list[_Served] = []
    findings: list[Finding] = []
    for entry in ctx.of_kind("RootShard", "Shard", "FrontProxy"):
        spec = entry.doc.get("spec") or {}
        run = ctx.run_cluster(entry)
        base = spec.get("shardBaseURL")
        if entry.key.kind != "FrontProxy" and isinstance(base, str) and urlparse(base).hostname:
            host = urlparse(base).hostname or ""
            served.append(_Served(host, run, entry, "spec.shardBaseURL"))
            names = _server_names(ctx, entry)
            if names is not None and not san_matches(host, names):
                findings.append(Finding(
                    "serving-cert-san", entry.file, str(entry.key),
                    f"spec.shardBaseURL host {host} is not among the names of the server certificate kcp-operator "
                    "issues for this shard, so it does not cover the URL other shards and the front-proxy use",
                    f"add {host} to spec.certificateTemplates.server.spec.dnsNames (the renderer derives both from the topology)",
                ))
        external = _nested(entry.doc, "spec", "external", "hostname")
        if not isinstance(external, str) or not external:
            continue
        if entry.key.kind == "FrontProxy":
            served.append(_Served(external, entry.cluster, entry, "spec.external.hostname"))
            names = _server_names(ctx, entry)
            if names is not None and not san_matches(external, names):
                findings.append(Finding(
                    "serving-cert-san", entry.file, str(entry.key),
                    f"spec.external.hostname {external} is not among the names of this front-proxy's server certificate",
                    f"add {external} to spec.certificateTemplates.server.spec.dnsNames",
                ))
        elif entry.key.kind == "RootShard":
            proxies = [
                p for p in ctx.of_kind("FrontProxy")
                if p.cluster == entry.cluster and p.key.namespace == entry.key.namespace
                and _nested(p.doc, "spec", "rootShard", "ref", "name") == entry.key.name
            ]
            if not proxies:
                findings.append(Finding(
                    "serving-cert-san", entry.file, str(entry.key),
                    f"spec.external.hostname {external} is served by no FrontProxy: none on {entry.cluster} has rootShard.ref {entry.key.name}",
                    f"render a FrontProxy with rootShard.ref.name {entry.key.name} and external.hostname {external}",
                ))
            for proxy in proxies:
                served.append(_Served(external, proxy.cluster, entry, "spec.external.hostname"))
                names = _server_names(ctx, proxy)
                if names is not None and not san_matches(external, names):
                    findings.append(Finding(
                        "serving-cert-san", entry.file, str(entry.key),
                        f"spec.external.hostname {external} is not among the names of {proxy.key}'s server certificate, "
                        "which serves it",
                        f"add {external} to {proxy.key} spec.certificateTemplates.server.spec.dnsNames, or set "
                        "spec.external.hostname to the front-proxy's hostname",
                    ))
    return served, findings


def check_hostnames(ctx: Context) -> Iterator[Finding]:
    served, findings = _served_hosts(ctx)
    yield from findings
    readme = ctx.dist / "README.md"
    shown = display(readme)
    plan: list[DnsRecord] | None = parse_dns_plan(readme.read_text(encoding="utf-8")) if readme.is_file() else None
    if plan is None:
        yield Finding("dns-plan", shown, "DNS plan", "the rendered tree has no DNS plan (dist/README.md with its dns-plan block)",
                      "re-render with `make synth`; the plan is generated from the topology")
        return
    by_host: dict[str, DnsRecord] = {}
    for record in plan:
        by_host.setdefault(record.hostname, record)
    seen: set[str] = set()
    for item in served:
        if item.host in seen:
            continue
        seen.add(item.host)
        record = by_host.get(item.host)
        if record is None:
            yield Finding("dns-plan", item.entry.file, str(item.entry.key),
                          f"{item.field} host {item.host} is not in the DNS plan ({shown})",
                          "re-render so the plan and the objects come from the same topology, or fix the hostname")
        elif record.cluster != item.cluster:
            yield Finding("dns-plan", item.entry.file, str(item.entry.key),
                          f"{item.field} host {item.host} is served on {item.cluster}, but the DNS plan points it at {record.cluster}",
                          f"point {item.host} at {item.cluster} in the plan (re-render) or move the object")
    for record in plan:
        if record.hostname not in seen:
            yield Finding("dns-plan", shown, f"DNS record {record.hostname}",
                          f"the DNS plan has {record.hostname} -> {record.cluster}, but no rendered object serves that hostname",
                          "remove the record (re-render) or render the object that serves it")


# --- etcd ---------------------------------------------------------------------------------------------------------


def _etcd_port(etcd: dict) -> int:
    port = _nested(etcd, "spec", "etcd", "clientPort")
    return port if isinstance(port, int) else ETCD_CLIENT_PORT


def check_etcd(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.of_kind("RootShard", "Shard"):
        ns = entry.key.namespace
        run = ctx.run_cluster(entry)
        endpoints = _nested(entry.doc, "spec", "etcd", "endpoints")
        if not isinstance(endpoints, list) or not endpoints:
            yield Finding("etcd-endpoint", entry.file, str(entry.key), "spec.etcd.endpoints is empty",
                          f"set spec.etcd.endpoints to https://{entry.key.name}-client.{ns}.svc.cluster.local:{ETCD_CLIENT_PORT}")
            continue
        for index, endpoint in enumerate(endpoints):
            where = f"spec.etcd.endpoints[{index}]"
            target = etcd_endpoint_target(str(endpoint), ns)
            if target is None:
                yield Finding("etcd-endpoint", entry.file, str(entry.key),
                              f"{where} {endpoint} is not the client Service of an Etcd (https://<etcd>-client.{ns}.svc.cluster.local:<port>)",
                              f"point it at the <etcd>-client Service of the Etcd rendered for this shard on {run}")
                continue
            name, target_ns, host = target
            if target_ns != ns:
                yield Finding("etcd-endpoint", entry.file, str(entry.key),
                              f"{where} {endpoint} points into namespace {target_ns}, not the shard's namespace {ns}",
                              f"use https://{name}-client.{ns}.svc.cluster.local:{ETCD_CLIENT_PORT} and render Etcd {name} in {ns}")
                continue
            etcd = ctx.find(run, "Etcd", ns, name)
            if etcd is None:
                elsewhere = sorted(c for c in ctx.index if c != run and Key("Etcd", ns, name) in ctx.index[c])
                hint = f" (it exists on {', '.join(elsewhere)})" if elsewhere else ""
                on = f"{run}, where this shard runs" if run != entry.cluster else run
                yield Finding("etcd-endpoint", entry.file, str(entry.key),
                              f"{where} {endpoint} names Etcd {ns}/{name}, which is not rendered on {on}{hint}",
                              f"render Etcd {name} in {ns} on {run}, or point the endpoint at an Etcd there")
                continue
            yield from _check_etcd_url(ctx, entry, etcd, run, where, str(endpoint), host)


def _check_etcd_url(ctx: Context, entry: Entry, etcd: Entry, run: str, where: str, endpoint: str, host: str) -> Iterator[Finding]:
    url = urlparse(endpoint)
    tls = _nested(etcd.doc, "spec", "etcd", "clientUrlTls")
    port = url.port or (443 if url.scheme == "https" else 80)
    if port != _etcd_port(etcd.doc):
        yield Finding("etcd-endpoint", entry.file, str(entry.key),
                      f"{where} {endpoint} uses port {port}, but {etcd.key} listens for clients on {_etcd_port(etcd.doc)}",
                      f"use port {_etcd_port(etcd.doc)}")
    if bool(tls) != (url.scheme == "https"):
        wanted = "https" if tls else "http"
        yield Finding("etcd-endpoint", entry.file, str(entry.key),
                      f"{where} {endpoint} uses {url.scheme}, but {etcd.key} serves clients over {wanted}",
                      f"use {wanted}://")
    if not tls:
        return
    secret = _nested(tls, "serverTLSSecretRef", "name")
    if not isinstance(secret, str):
        return
    secret_key = Key("Secret", etcd.key.namespace, secret)
    certificates = [
        candidate for group in ctx.index.get(run, {}).values() for candidate in group
        if candidate.key.kind == "Certificate" and candidate.key.namespace == etcd.key.namespace
        and _nested(candidate.doc, "spec", "secretName") == secret
    ]
    if not certificates:
        if secret_key in ctx.produced.get(run, {}):
            yield Finding("etcd-server-san", etcd.file, str(etcd.key),
                          f"its server certificate Secret {secret} is not issued by a rendered Certificate, so the SANs cannot be "
                          f"checked against {host}",
                          f"issue {secret} with a cert-manager Certificate whose dnsNames include {host}")
        return  # nothing produces it: the secret-produced rule reports that
    for certificate in certificates:
        names = _nested(certificate.doc, "spec", "dnsNames")
        if not san_matches(host, names if isinstance(names, list) else []):
            yield Finding("etcd-server-san", certificate.file, str(certificate.key),
                          f"dnsNames do not include {host}, which {entry.key} ({where}) uses to reach {etcd.key} on {run}",
                          f"add {host} to spec.dnsNames of {certificate.key}")


# --- bridge -------------------------------------------------------------------------------------------------------


def _sealing_certificate_problem(path: Path) -> str | None:
    if not path.is_file():
        return "does not exist"
    from cryptography import x509

    try:
        cert = x509.load_pem_x509_certificate(path.read_bytes())
    except ValueError as exc:
        return f"is not a PEM certificate ({exc})"
    if cert.not_valid_after_utc < datetime.datetime.now(datetime.UTC):
        return f"expired on {cert.not_valid_after_utc:%Y-%m-%d}"
    return None


def _bridge_configs(ctx: Context, cluster: str) -> list[tuple[Entry, dict]]:
    found = []
    for group in ctx.index.get(cluster, {}).values():
        for e in group:
            if e.key.kind != "ConfigMap":
                continue
            for key, value in sorted((e.doc.get("data") or {}).items()):
                if not key.endswith((".yaml", ".yml")) or not isinstance(value, str) or "targets:" not in value:
                    continue
                try:
                    config = yaml.safe_load(value)
                except yaml.YAMLError:
                    continue
                if isinstance(config, dict) and isinstance(config.get("targets"), list):
                    found.append((e, config))
    return found


def _rendered_paths_in(topology: Topology, repo_url: str, branch: str) -> list[str]:
    """Directories every render replaces, in one repository branch: `dist/` and `argocd/` (and each cluster's own
    manifest path) where a cluster's Argo CD follows that branch; none in a branch only the bridge writes to."""
    followers = [c for c in topology.clusters if repository_key(c.git.repo_url) == repository_key(repo_url) and c.git.branch == branch]
    if not followers:
        return []
    return ["dist", "argocd", *(topology.git_path(c) for c in followers)]


def check_bridge(ctx: Context) -> Iterator[Finding]:
    topology = ctx.topology
    root = topology.root_shard.cluster
    ns = topology.namespace
    remote = [s for s in topology.shards if topology.is_remote(s)]
    configs = _bridge_configs(ctx, root)
    if remote and not configs:
        yield Finding("bridge-target", display(ctx.dist / root), f"bridge on {root}",
                      f"{len(remote)} remote shard(s) but no bridge configuration (ConfigMap with a config.yaml listing targets) on {root}",
                      "render the bridge (charts/bridge.py) on the root cluster")
    for shard in remote:
        cluster = topology.cluster(shard.cluster)
        label = f"Shard {ns}/{shard.name}"
        cert = topology.sealing_certificate(cluster)
        problem = _sealing_certificate_problem(ctx.repo_root / cert)
        if problem:
            yield Finding("bridge-target", display(ctx.repo_root / cert), label,
                          f"the sealing certificate of {cluster.name} ({cert}) {problem}; the bridge cannot seal {shard.name}'s bundle for it",
                          f"kubeseal --fetch-cert --controller-name sealed-secrets-controller --controller-namespace kube-system "
                          f"--context {cluster.name} > {cert}")
        target = topology.bridge_target(cluster)
        bridge_path = target.path
        rendered = _rendered_paths_in(topology, target.repo_url, target.branch)
        if any(bridge_path == r or bridge_path.startswith(r + "/") for r in rendered):
            yield Finding("bridge-target", bridge_path, label,
                          f"the bridge path {bridge_path} of {cluster.name} lies inside rendered output, which every render replaces",
                          f"set clusters[{cluster.name}].git.bridge.path outside dist/ and argocd/, e.g. bridge/{cluster.name}, "
                          "or let the bridge write to a branch of its own (git.bridge.branch)")
        declared = ctx.find(root, "Shard", ns, shard.name)
        if declared is None:
            yield Finding("bridge-target", display(ctx.dist / root), label,
                          f"{shard.name} runs on {cluster.name} but no Shard {ns}/{shard.name} is rendered on {root}, so there is no bundle to carry",
                          "re-render: remote shards are declared on the root cluster")
        elif not is_bundled(declared.doc):
            yield Finding("bridge-target", declared.file, str(declared.key),
                          f"the shard runs on {cluster.name} but lacks the operator.kcp.io/bundle annotation, so kcp-operator "
                          f"exports no {shard.name}-bundle for the bridge",
                          'add metadata.annotations["operator.kcp.io/bundle"]: "true"')
        for entry, config in configs:
            configured = next((t for t in config["targets"] if isinstance(t, dict) and t.get("shard") == shard.name), None)
            if configured is None:
                yield Finding("bridge-target", entry.file, str(entry.key), f"the bridge configuration has no target for remote shard {shard.name}",
                              "re-render the bridge configuration from the topology")
                continue
            wanted = (("cluster", cluster.name), ("repoURL", target.repo_url), ("branch", target.branch), ("path", bridge_path))
            wrong = [
                f"{field} is {configured.get(field)!r}, expected {want!r}"
                for field, want in wanted
                if configured.get(field) != want
            ]
            certificate = configured.get("certificate")
            if isinstance(certificate, str) and "/" not in certificate and certificate not in (entry.doc.get("data") or {}):
                wrong.append(f"certificate {certificate} is not in the ConfigMap (commit {cert} and re-render)")
            if wrong:
                yield Finding("bridge-target", entry.file, str(entry.key), f"bridge target for {shard.name}: " + "; ".join(wrong),
                              "re-render the bridge configuration from the topology")


def _reads_bridge_target(source: dict, topology: Topology, cluster_name: str) -> bool:
    """Whether an Application source reads exactly where the bridge writes for `cluster_name` (repository, branch, path)."""
    target = topology.bridge_target(topology.cluster(cluster_name))
    path = source.get("path")
    return (
        isinstance(path, str) and not source.get("chart")
        and repository_key(str(source.get("repoURL", ""))) == repository_key(target.repo_url)
        and source.get("targetRevision", "HEAD") == target.branch
        and str(PurePosixPath(path.removeprefix("./"))) == target.path
    )


def check_bridge_sync(ctx: Context) -> Iterator[Finding]:
    topology = ctx.topology
    for cluster_name in sorted({s.cluster for s in topology.shards if topology.is_remote(s)}):
        target = topology.bridge_target(topology.cluster(cluster_name))
        reads = any(_reads_bridge_target(source, topology, cluster_name)
                    for entry in ctx.of_kind("Application") if entry.cluster == cluster_name for _, source in _sources(entry))
        if not reads:
            where = f"{target.path} of {target.repo_url} at {target.branch}"
            yield Finding("bridge-sync", display(ctx.argocd / cluster_name), f"Argo CD on {cluster_name}",
                          f"no Application on {cluster_name} syncs {where}, where the bridge writes the sealed shard objects",
                          f"render an Application on {cluster_name} with source {where} (after etcd is up)")


# --- kcp version --------------------------------------------------------------------------------------------------


def _image(spec: object) -> str | None:
    if not isinstance(spec, dict):
        return None
    repository = spec.get("repository") or "ghcr.io/kcp-dev/kcp"
    tag = spec.get("tag")
    return f"{repository}:{tag}" if tag else None


def check_kcp_version(ctx: Context) -> Iterator[Finding]:
    versions = ctx.topology.versions
    # Pulled through images.mirror when one is set (charts/kcp.py _image()).
    expected = f"{ctx.topology.images.mirrored(versions.kcp_image)}:{versions.kcp}"
    fields = {
        "RootShard": (("spec", "image"), ("spec", "proxy", "image")),
        "Shard": (("spec", "image"),),
        "FrontProxy": (("spec", "image"),),
        "CacheServer": (("spec", "image"),),
    }
    for entry in ctx.of_kind(*fields):
        for path in fields[entry.key.kind]:
            image = _image(_nested(entry.doc, *path))
            where = ".".join(path)
            if image is None:
                yield Finding("kcp-version", entry.file, str(entry.key),
                              f"{where} pins no tag, so kcp-operator's default decides the kcp version",
                              f"set {where} to repository {expected.rpartition(':')[0]}, tag {versions.kcp}")
            elif image != expected:
                yield Finding("kcp-version", entry.file, str(entry.key),
                              f"{where} is {image}, but every other kcp component runs {expected} (topology versions)",
                              f"set {where} to {expected}; mixed kcp versions across shards and proxies are unsupported")


# --- duplicates ---------------------------------------------------------------------------------------------------


def check_duplicates(ctx: Context) -> Iterator[Finding]:
    for cluster in sorted(ctx.index):
        for key, entries in sorted(ctx.index[cluster].items()):
            for extra in entries[1:]:
                yield Finding("duplicate", extra.file, str(key),
                              f"{key} is defined twice on {cluster}; the other one is in {entries[0].file}",
                              "keep one: an object must have one source, or Argo CD flips between them")


# --- Argo CD Application paths ----------------------------------------------------------------------------------


def _our_repos(topology: Topology) -> set[str]:
    return {repository_key(c.git.repo_url) for c in topology.clusters}


def _sources(entry: Entry) -> list[tuple[str, dict]]:
    spec = entry.doc.get("spec") or {}
    found = []
    if isinstance(spec.get("source"), dict):
        found.append(("spec.source", spec["source"]))
    for index, source in enumerate(spec.get("sources") or []):
        if isinstance(source, dict):
            found.append((f"spec.sources[{index}]", source))
    return found


def check_argocd_paths(ctx: Context) -> Iterator[Finding]:
    topology = ctx.topology
    ours = _our_repos(topology)
    clusters = {c.name: c for c in topology.clusters}
    receiving = {s.cluster for s in topology.shards if topology.is_remote(s)}
    for entry in ctx.of_kind("Application"):
        for where, source in _sources(entry):
            path = source.get("path")
            if not isinstance(path, str) or source.get("chart"):
                continue
            if entry.cluster in receiving and _reads_bridge_target(source, topology, entry.cluster):
                continue  # written by the bridge at run time, possibly in a branch or repository of its own (topology)
            if str(source.get("repoURL", "")).rstrip("/").removesuffix(".git") not in ours:
                continue  # another repository: not checkable offline (documented)
            path = str(PurePosixPath(path.removeprefix("./")))
            owner = _path_owner(topology, path)
            if owner is not None and owner != entry.cluster:
                yield Finding("argocd-path", entry.file, str(entry.key),
                              f"{where}.path {path} is {owner}'s directory, but this Application runs on {entry.cluster}",
                              f"each cluster syncs only its own directories; use {topology.git_path(clusters[entry.cluster]) if entry.cluster in clusters else 'its own path'}")
                continue
            directory = ctx.repo_path(path)
            if not directory.is_dir() or not any(p.is_file() for p in directory.rglob("*")):
                yield Finding("argocd-path", entry.file, str(entry.key),
                              f"{where}.path {path} does not exist in the repository (looked at {display(directory)})",
                              "render that directory, or fix the path (topology clusters[].git.path)")


def _path_owner(topology: Topology, path: str) -> str | None:
    for cluster in topology.clusters:
        target = topology.bridge_target(cluster)
        # A bridge path in a branch or repository of its own is not a path of this tree's branch.
        bridge = () if target.separate else (target.path,)
        for mine in (topology.git_path(cluster), f"argocd/{cluster.name}", *bridge):
            if path == mine or path.startswith(mine + "/"):
                return cluster.name
    return None


def check_tracked_secrets(ctx: Context) -> Iterator[Finding]:
    """Credentials committed next to the rendered tree: anywhere in the repository holding `repo_root`."""
    yield from secret_findings(ctx.repo_root)


RULE_CHECKS: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    check_parse,
    check_references,
    check_hostnames,
    check_etcd,
    check_bridge,
    check_bridge_sync,
    check_kcp_version,
    check_duplicates,
    check_argocd_paths,
    check_tracked_secrets,
)
