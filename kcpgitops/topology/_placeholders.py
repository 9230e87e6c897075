"""Placeholder values left in a topology: reserved example names the guide ships and no real deployment can use.

The default topology is the guide's example, so it renders with `git.example.com`, `email@example.com` and
`ghcr.io/example/...`; rendering it silently would let a deployment repository commit manifests that can never work
(Let's Encrypt refuses the e-mail, Argo CD cannot reach the repository, the nodes cannot pull the jobs' images).

A host is a placeholder when it is one of the names reserved for documentation or testing:

- RFC 2606 second-level names `example.com`, `example.net`, `example.org` and anything below them;
- the RFC 2606 / RFC 6761 top-level names `.example`, `.invalid`, `.test` and `.localhost` (and `localhost` itself).
  `.localhost` counts because every host in this deployment is reached from another machine (public endpoints,
  repositories the Argo CD of three clusters read, registries nodes pull from, a mailbox Let's Encrypt writes to),
  and a loopback name can serve none of these;
- the guide's own example domain `zheng.example.io` and its subdomains.

An image is a placeholder when its registry host is one of those, or when it lives under an account called `example`
on any registry (the shipped `ghcr.io/example/...`). The bridge's commit author e-mail is the one field where
`.invalid` is right: it identifies commits, nobody mails it, and RFC 6761 reserves `.invalid` for exactly that.

Only fields that reach the rendered output are judged: the ACME settings only with `certificate: acme` (of the DNS-01
solvers, only the one that renders: `acme.cloudflare` stays unjudged once `acme.dns01` names a provider), the bridge
only when a shard runs away from the root cluster, the workspace-clusters job only when the `kcp:` section creates
something. An unused default should not block a strict render.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ._acme import acme_solver
from ._images import job_image
from ._models import Acme, FrontProxy, Topology

STRICT_ENV = "KCP_STRICT"
"""Environment variable that turns placeholder warnings into a refusal to render."""

_RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "zheng.example.io")
"""Names reserved (or used by the guide) as examples, together with every name below them."""
_RESERVED_TLDS = ("example", "invalid", "test", "localhost")
"""RFC 2606 / RFC 6761 top-level names that never resolve to a real, reachable host."""
_PLACEHOLDER_ACCOUNT = "example"
"""Registry account of the shipped job images (`ghcr.io/example/...`)."""
_TRUE = ("1", "true", "yes")
_FALSE = ("", "0", "false", "no")
_HOST_TOKEN_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+\.?$", re.IGNORECASE)
_SCP_LIKE_RE = re.compile(r"^[^@/:]+@([^:/]+):")


@dataclass(frozen=True)
class Placeholder:
    """One topology field that still holds a placeholder."""

    field: str
    """Topology path as written in the file, e.g. `frontProxy.acme.email` or `clusters[1].git.repoURL`."""
    value: str
    """The value it holds (a URL's password, should one be there, is masked)."""
    fix: str
    """What to set instead, one short sentence."""

    def describe(self) -> str:
        """`<field> is a placeholder (<value>): <fix>`, the line `synth` prints after `warning:` or `error:`."""
        return f"{self.field} is a placeholder ({self.value}): {self.fix}"


def is_reserved_host(host: str) -> bool:
    """Whether a host name is a documentation/test name (see the module docstring) rather than a real one."""
    host = host.lower().rstrip(".")
    if any(host == d or host.endswith("." + d) for d in _RESERVED_DOMAINS):
        return True
    return host.rpartition(".")[2] in _RESERVED_TLDS


def placeholders(model: Topology) -> list[Placeholder]:
    """Every field of `model` that still holds a placeholder, ordered by field path (list indices numerically)."""
    found = [p for check in _CHECKS for p in check(model)]
    return sorted(found, key=lambda p: _path_key(p.field))


def strict_mode(environ: Mapping[str, str] | None = None) -> bool:
    """Whether `KCP_STRICT` asks to refuse placeholders; ValueError naming the variable for a value it cannot read."""
    raw = (os.environ if environ is None else environ).get(STRICT_ENV, "")
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(
        f"{STRICT_ENV}={raw[:40]!r} is not understood; set {STRICT_ENV}=1 (or true/yes) to refuse placeholders, "
        f"or unset it (or 0/false/no) to render with warnings"
    )


# -- field checks -------------------------------------------------------------------------------------------------
# Each returns the placeholders of one part of the topology. A new host, URL, e-mail or image field in the models
# needs a line here; tests/generator/test_placeholders.py sets every such field to a reserved name and expects it.


def _domain_and_hosts(model: Topology) -> Iterator[Placeholder]:
    if is_reserved_host(model.domain):
        yield Placeholder("domain", model.domain,
                          "set the DNS domain you control that the front-proxy and shard hostnames default under")
    for where, proxy in _front_proxies(model):
        if proxy.hostname and is_reserved_host(proxy.hostname):
            yield Placeholder(f"{where}.hostname", proxy.hostname,
                              "set the front-proxy's public hostname in a DNS zone you control, or remove it to use api.<domain>")
    shards = [("rootShard", model.root_shard), *((f"shards[{i}]", s) for i, s in enumerate(model.shards))]
    for where, shard in shards:
        if shard.hostname and is_reserved_host(shard.hostname):
            yield Placeholder(f"{where}.hostname", shard.hostname,
                              f"set the shard's public hostname in a DNS zone you control, or remove it to use {shard.name}.<domain>")
    # Annotations at every load-balancer level (a cloud's DNS annotations name hostnames).
    levels = [(f"clusters[{i}].loadBalancer", c.load_balancer) for i, c in enumerate(model.clusters)]
    levels += [(f"{where}.loadBalancer", shard.load_balancer) for where, shard in shards]
    levels += [(f"{where}.serviceAnnotations" if proxy.service_annotations is not None else f"{where}.loadBalancer.annotations",
                proxy.load_balancer) for where, proxy in _front_proxies(model)]
    for where, settings in levels:
        prefix = where if where.endswith(("serviceAnnotations", ".annotations")) else f"{where}.annotations"
        for key, value in sorted((settings.annotations if settings else {}).items()):
            if any(is_reserved_host(h) for h in _hosts_in_text(value)):
                yield Placeholder(f'{prefix}["{key}"]', value,
                                  "set the real hostname(s) this annotation names, in a DNS zone you control")


def _repositories(model: Topology) -> Iterator[Placeholder]:
    for index, cluster in enumerate(model.clusters):
        url = cluster.git.repo_url
        if _reserved_url(url):
            yield Placeholder(f"clusters[{index}].git.repoURL", _masked(url),
                              "set the URL of the Git repository this cluster's Argo CD syncs from")
        bridge_url = cluster.git.bridge.repo_url
        # Rendered only with the bridge (its targets and retired entries); unset, it is the repoURL above.
        if bridge_url and any(model.is_remote(s) for s in model.shards) and _reserved_url(bridge_url):
            yield Placeholder(f"clusters[{index}].git.bridge.repoURL", _masked(bridge_url),
                              "set the URL of the Git repository the bridge pushes this cluster's sealed objects to, "
                              "or remove it to use git.repoURL")


def _front_proxies(model: Topology) -> list[tuple[str, FrontProxy]]:
    """Every front-proxy with its topology path (`frontProxy`, or `frontProxies[N]` when the list form is used)."""
    if model.front_proxies is None:
        return [("frontProxy", model.front_proxy)]
    return [(f"frontProxies[{i}]", p) for i, p in enumerate(model.front_proxies)]


def _acme(model: Topology) -> Iterator[Placeholder]:
    for where, proxy in _front_proxies(model):
        if proxy.certificate == "acme":
            yield from _acme_of(where, proxy.acme)


def _acme_of(where: str, acme: Acme) -> Iterator[Placeholder]:
    if _reserved_email(acme.email):
        yield Placeholder(f"{where}.acme.email", acme.email,
                          "set a real address you read: Let's Encrypt refuses reserved domains and mails expiry notices there")
    # Only the DNS-01 solver that renders: `acme.cloudflare` while `dns01` is unset, else the provider `dns01` names.
    # Its fields are named from `frontProxy.acme`; the list form moves them under `frontProxies[N]`.
    solver = acme_solver(acme)
    for field, email in solver.emails:
        if _reserved_email(email):
            yield Placeholder(where + field.removeprefix("frontProxy"), email,
                              "set the e-mail of the Cloudflare account that owns the DNS-01 API key")
    for field, host in solver.hosts:
        if is_reserved_host(host):
            yield Placeholder(where + field.removeprefix("frontProxy"), host,
                              "set the real host this DNS-01 solver setting names, in a DNS zone you control")
    if _reserved_url(acme.server):
        yield Placeholder(f"{where}.acme.server", _masked(acme.server),
                          "set your certificate authority's ACME directory URL, e.g. Let's Encrypt's")


def _oidc(model: Topology) -> Iterator[Placeholder]:
    if model.oidc is not None and _reserved_url(model.oidc.issuer_url):
        yield Placeholder("oidc.issuerURL", _masked(model.oidc.issuer_url),
                          "set your OIDC provider's issuer URL, or set 'oidc: null' to render kcp without OIDC")


def _images(model: Topology) -> Iterator[Placeholder]:
    if _placeholder_image(model.versions.kcp_image):
        yield Placeholder("versions.kcpImage", model.versions.kcp_image,
                          "set a kcp image repository your clusters can pull from, e.g. ghcr.io/kcp-dev/kcp")
    # The job images as their CronJobs pull them (job_image), each only when its CronJob renders. One named by a
    # deprecated full-reference field is reported there; the rest under the one field they share, images.registry.
    rendered = {"bridge": any(model.is_remote(s) for s in model.shards),
                "workspaceClusters": model.kcp is not None and _kcp_renders(model)}
    shared = False
    for job, renders in rendered.items():
        image = job_image(model, job)
        if not renders or not _placeholder_image(image.reference):
            continue
        if image.fields and not image.fields[0].startswith("images."):
            yield Placeholder(image.fields[0], image.reference,
                              f"build {image.dockerfile} (`make images`), push it to a registry your root cluster pulls "
                              "from and set that reference, better as `images:` (this field is deprecated)")
        else:
            shared = True
    if shared:
        yield Placeholder("images.registry", model.images.registry,
                          "build the job images (`make images`), push them to a registry your root cluster pulls from "
                          "and set its host and path, e.g. ghcr.io/<owner> for the images the release workflow publishes")


def _bridge_author(model: Topology) -> Iterator[Placeholder]:
    if not any(model.is_remote(s) for s in model.shards):
        return
    email = model.bridge.author_email
    domain = email.rpartition("@")[2].lower().rstrip(".")
    # `.invalid` is what a commit identity nobody mails should use (RFC 6761 6.4); any other reserved name is a leftover.
    if domain.endswith(".invalid") or domain == "invalid":
        return
    if _reserved_email(email):
        yield Placeholder("bridge.authorEmail", email,
                          "set an address you own, or one under .invalid (e.g. kcp-bridge@example.invalid) if nobody reads it")


_CHECKS: tuple[Callable[[Topology], Iterator[Placeholder]], ...] = (
    _domain_and_hosts, _repositories, _acme, _oidc, _images, _bridge_author,
)


# -- helpers ------------------------------------------------------------------------------------------------------


def _reserved_email(email: str) -> bool:
    domain = email.rpartition("@")[2]
    return bool(domain) and is_reserved_host(domain)


def _url_host(url: str) -> str | None:
    scp = _SCP_LIKE_RE.match(url)
    if scp and "://" not in url:
        return scp.group(1)
    try:
        return urlsplit(url).hostname
    except ValueError:  # e.g. an unbalanced '[' in the host part: not ours to judge here
        return None


def _reserved_url(url: str) -> bool:
    host = _url_host(url)
    return host is not None and is_reserved_host(host)


def _masked(url: str) -> str:
    """The URL with any password replaced, so no credential reaches a log line."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return url
    if not password:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def _placeholder_image(reference: str) -> bool:
    first, _, rest = reference.partition("/")
    # Docker's rule: the first component names a registry host only when it has a '.' or ':' or is 'localhost';
    # otherwise the image is on Docker Hub and that component is already the account.
    if rest and ("." in first or ":" in first or first == "localhost"):
        if is_reserved_host(first.partition(":")[0]):
            return True
        account = rest.partition("/")[0]
    else:
        account = first if rest else ""
    return account.lower() == _PLACEHOLDER_ACCOUNT


def _hosts_in_text(value: str) -> list[str]:
    hosts = []
    for token in re.split(r"[\s,]+", value):
        host = _url_host(token) if "://" in token else token
        if host and _HOST_TOKEN_RE.match(host):
            hosts.append(host)
    return hosts


def _kcp_renders(model: Topology) -> bool:
    # Mirrors charts/kcp_inside render_kcp(): an empty `kcp:` section renders no job, so its image is never pulled.
    # (The topology package does not import the charts: they depend on it.)
    kcp = model.kcp
    assert kcp is not None
    return bool(kcp.workspaces or kcp.partitions or kcp.partition_sets or kcp.api_exports or kcp.bindings
                or kcp.endpoint_slices)


def _path_key(path: str) -> tuple:
    # `clusters[10]` after `clusters[2]`: list indices compare as numbers, the rest as text (tagged, so an index is
    # never compared with a name).
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"\[(\d+)\]", path))
