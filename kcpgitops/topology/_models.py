"""Typed models of the topology file: one declarative description of a kcp-zheng deployment."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ._acme import Dns01, check_acme
from ._argocd import ArgoCd
from ._audit import Audit
from ._base import GoDuration, Model, go_duration
from ._bridge import Bridge
from ._etcd_settings import BackupStore, ByteSize, EtcdScheduling, ObjectName, SnapshotCompression, check_backup, check_etcd
from ._exposure import GUIDE_FRONT_PROXY_ANNOTATIONS, Exposure, LoadBalancer, operator_owned_problems, resolve
from ._git import BridgeDestination, BridgeTarget, check_bridge_path, check_git_url, check_repo_path, repository_key
from ._images import Images, TopologyImages
from ._kcp import Kcp
from ._overrides import WITHIN_TOPOLOGY, Override
from ._scheduling import FrontProxyScheduling, KcpDefaults, KcpOperator, ShardScheduling

DNS_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_DNS_LABEL_RE = re.compile(rf"^{DNS_LABEL}$")
_HOSTNAME_RE = re.compile(rf"^{DNS_LABEL}(\.{DNS_LABEL})+$")
_QUANTITY_RE = re.compile(r"^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?$")
_CRON_RE = re.compile(r"^(@(yearly|annually|monthly|weekly|daily|hourly)|(\S+\s+){4}\S+)$")

Name = Annotated[str, Field(pattern=rf"^{DNS_LABEL}$", max_length=63)]
"""A Kubernetes object name that is also a DNS label."""


_Model = Model


def _check_hostname(value: str) -> str:
    if not _HOSTNAME_RE.match(value) or len(value) > 253:
        raise ValueError(
            f"{value!r} is not a valid DNS hostname: use lowercase labels of letters, digits and '-', "
            "separated by dots, e.g. 'api.example.io'"
        )
    return value


def _check_quantity(value: str) -> str:
    if not _QUANTITY_RE.match(value):
        raise ValueError(f"{value!r} is not a Kubernetes quantity such as '500m', '1Gi' or '8Gi'")
    return value


def _check_cron(value: str) -> str:
    if not _CRON_RE.match(value.strip()):
        raise ValueError(f"{value!r} is not a cron schedule such as '0 */24 * * *'")
    return value


class GitSource(_Model):
    """Where a cluster's Argo CD reads its manifests from, and where the sealed-secret bridge writes for it."""

    repo_url: str = Field("https://git.example.com/kcp/kcp-zheng-gitops.git", alias="repoURL")
    """Git repository URL (HTTPS or SSH); never put credentials in it."""
    branch: str = "main"
    """Branch (Argo CD targetRevision) the cluster follows."""
    path: str | None = None
    """Directory of rendered manifests in the repo; default `dist/<cluster>`."""
    bridge: BridgeDestination = BridgeDestination()
    """Where the sealed-secret bridge writes this cluster's shard objects: `repoURL`, `branch` and `path`, defaulting to `repoURL` and `branch` above and `sealed/<cluster>` (outside `dist/`, which synth wipes, and away from the `bridge/` package)."""
    bridge_path: str | None = None
    """Deprecated: the same as `bridge.path` (still accepted, with a warning at render time)."""

    @field_validator("repo_url")
    @classmethod
    def _no_credentials(cls, value: str) -> str:
        return check_git_url(value)

    @field_validator("path")
    @classmethod
    def _relative_path(cls, value: str | None) -> str | None:
        return value if value is None else check_repo_path(value)

    @field_validator("bridge_path")
    @classmethod
    def _bridge_path(cls, value: str | None) -> str | None:
        return value if value is None else check_bridge_path(value)

    @model_validator(mode="after")
    def _fold_bridge_path(self) -> GitSource:
        # `bridgePath` predates the `bridge` block; it keeps working as `bridge.path` (kcpgitops.topology.deprecations()
        # reports it). Both at once would leave one of them ignored: refuse rather than pick.
        if self.bridge_path is None:
            return self
        if self.bridge.path is not None:
            raise ValueError(
                f"bridgePath ({self.bridge_path!r}) and bridge.path ({self.bridge.path!r}) are both set; keep only "
                "bridge.path (bridgePath is deprecated and means the same)"
            )
        object.__setattr__(self, "bridge", self.bridge.model_copy(update={"path": self.bridge_path}))
        return self


class Cluster(_Model):
    """One Kubernetes cluster with its own Argo CD and Sealed Secrets controller."""

    name: Name
    """Cluster name; also the directory name under `dist/` and `argocd/`."""
    region: str | None = None
    """Free-form region label (e.g. `eu-west-1`), used for the shards' region and in docs."""
    git: GitSource = GitSource()
    """Git repository, branch and path this cluster's Argo CD syncs."""
    sealing_certificate: str | None = None
    """Repo-relative PEM file of this cluster's Sealed Secrets controller certificate; default `certs/<cluster>.pem`."""
    load_balancer: LoadBalancer | None = None
    """Exposure of every kcp endpoint (front-proxy, shards) on this cluster; shards and the front-proxy override it
    field by field. Default: none (type LoadBalancer, the cloud's defaults)."""


class Resources(_Model):
    """CPU and memory requests and limits."""

    requests_cpu: str = "100m"
    """CPU request."""
    requests_memory: str = "200Mi"
    """Memory request."""
    limits_cpu: str = "500m"
    """CPU limit."""
    limits_memory: str = "1Gi"
    """Memory limit."""

    _quantities = field_validator("requests_cpu", "requests_memory", "limits_cpu", "limits_memory")(
        classmethod(lambda cls, v: _check_quantity(v))
    )

    def as_k8s(self) -> dict:
        """Render as a Kubernetes `resources` block."""
        return {
            "limits": {"cpu": self.limits_cpu, "memory": self.limits_memory},
            "requests": {"cpu": self.requests_cpu, "memory": self.requests_memory},
        }


class EtcdBackup(_Model):
    """etcd-backup-restore sidecar settings."""

    store: BackupStore | None = None
    """Object store the snapshots go to (`provider`, `container`, `prefix`, `credentialsSecret`); without one no
    snapshot is taken and the settings below have no effect. Default: none."""
    full_snapshot_schedule: str = "0 */24 * * *"
    """Cron schedule of full snapshots (five fields, as etcd-druid's CRD accepts). Default `0 */24 * * *`."""
    delta_snapshot_period: str = "300s"
    """Period between delta snapshots. Default `300s`."""
    garbage_collection_period: str = "43200s"
    """Period of snapshot garbage collection; longer than `deltaSnapshotPeriod`. Default `43200s`."""
    garbage_collection_policy: Literal["Exponential", "LimitBased"] = "Exponential"
    """`Exponential` (of older full snapshots keep the last 24 hourly, 7 daily and 4 weekly ones:
    gardener/etcd-backup-restore@v0.39.0:pkg/snapshot/snapshotter/garbagecollector.go RunGarbageCollector) or
    `LimitBased` (keep the newest `maxBackupsLimitBasedGC`). Default `Exponential`."""
    max_backups_limit_based_gc: int | None = Field(None, ge=1, le=2**31 - 1, alias="maxBackupsLimitBasedGC")
    """Full snapshots kept by the `LimitBased` policy. Default: none (etcd-druid's 7)."""
    delta_snapshot_memory_limit: ByteSize = "1Gi"
    """Size of pending changes that triggers a delta snapshot before its period. Default `1Gi`."""
    delta_snapshot_retention_period: GoDuration | None = None
    """How long delta snapshots outside the latest full snapshot's set are kept. Default: none (not passed on)."""
    etcd_snapshot_timeout: GoDuration | None = None
    """Timeout of one full snapshot. Default: none (etcd-druid's `15m`)."""
    compression: SnapshotCompression = SnapshotCompression()
    """Snapshot compression (`enabled`, `policy`). Default: off, `gzip`."""
    resources: Resources = Resources(requests_cpu="23m", requests_memory="128Mi", limits_cpu="200m", limits_memory="1Gi")
    """Resources of the backup-restore sidecar."""

    _cron = field_validator("full_snapshot_schedule")(classmethod(lambda cls, v: _check_cron(v)))
    _durations = field_validator("delta_snapshot_period", "garbage_collection_period")(
        classmethod(lambda cls, v: go_duration(v))
    )
    _druid_rules = model_validator(mode="after")(check_backup)


class Etcd(_Model):
    """The etcd-druid Etcd cluster each shard gets on its own cluster."""

    replicas: int = Field(3, ge=1, le=9)
    """Members per etcd cluster; must be odd so a quorum survives a partition."""
    quota: str = "8Gi"
    """Backend quota (etcd `--quota-backend-bytes`)."""
    defragmentation_schedule: str = "0 */24 * * *"
    """Cron schedule of defragmentation."""
    resources: Resources = Resources()
    """Resources of each etcd member."""
    backup: EtcdBackup = EtcdBackup()
    """Backup sidecar settings."""
    storage_class: ObjectName | None = None
    """StorageClass of each member's volume (`spec.storageClass`); etcd-druid's CRD refuses to add, change or remove
    it once the Etcd exists. Default: none (the cluster's default class)."""
    storage_capacity: ByteSize | None = None
    """Size of each member's volume (`spec.storageCapacity`), at least `quota`; set it before the first sync (a later
    change fails on the StatefulSet's immutable volume claim template). Default: none (etcd-druid's `16Gi`)."""
    scheduling: EtcdScheduling = EtcdScheduling()
    """Affinity, topology spread constraints and priority class of the etcd pods. Default: none of them."""

    @field_validator("replicas")
    @classmethod
    def _odd(cls, value: int) -> int:
        if value % 2 == 0:
            raise ValueError(f"{value} is even; use an odd member count (1, 3, 5) so etcd keeps quorum")
        return value

    _quota = field_validator("quota")(classmethod(lambda cls, v: _check_quantity(v)))
    _cron = field_validator("defragmentation_schedule")(classmethod(lambda cls, v: _check_cron(v)))
    _druid_rules = model_validator(mode="after")(check_etcd)


class Oidc(_Model):
    """OIDC authentication of kcp (secretless: no client secret is ever rendered)."""

    issuer_url: str = Field("https://auth.example.com", alias="issuerURL")
    """OIDC issuer URL."""
    client_id: str = Field("platform-mesh", alias="clientID")
    """OIDC client ID."""
    groups_claim: str = "groups"
    """Token claim holding the groups."""
    username_claim: str = "email"
    """Token claim holding the user name."""
    username_prefix: str = "oidc:"
    """Prefix added to user names."""
    groups_prefix: str = "oidc:"
    """Prefix added to group names."""

    @field_validator("issuer_url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not value.startswith("https://"):
            raise ValueError(f"{value!r} must be an https:// URL")
        return value


class Cloudflare(_Model):
    """Cloudflare DNS-01 solver credentials, referenced by Secret name only."""

    email: str = "email@example.com"
    """Cloudflare account e-mail."""
    api_key_secret_name: str = "cloudflare-api-key-secret"
    """User-created Secret in the cert-manager namespace holding the API key."""
    api_key_secret_key: str = "api-key"
    """Key inside that Secret."""


class Acme(_Model):
    """ACME (Let's Encrypt) ClusterIssuer for the front-proxy certificate."""

    issuer_name: Name = "letsencrypt-prod"
    """Name of the ClusterIssuer."""
    email: str = "email@example.com"
    """ACME account e-mail."""
    server: str = "https://acme-v02.api.letsencrypt.org/directory"
    """ACME directory URL."""
    account_key_secret_name: Name = "le-issuer-account-key"
    """Secret cert-manager creates for the ACME account key."""
    cloudflare: Cloudflare = Cloudflare()
    """DNS-01 solver (Cloudflare global API key, as in the guide) while `dns01` is unset; not together with `dns01`.
    Default: the guide's (`email@example.com`, Secret `cloudflare-api-key-secret`, key `api-key`)."""
    dns01: Dns01 | None = None
    """DNS-01 solver: exactly one of `cloudflare`, `route53`, `cloudDNS`, `azureDNS`, `rfc2136`, credentials by
    Secret name or ambient (kcpgitops/topology/_acme.py). Default: none (the `cloudflare` field above solves)."""
    ca_secret_name: Name = "letsencrypt-ca"
    """Secret holding the ACME CA's root (ISRG Root X1) that kcp components trust."""

    _one_solver = model_validator(mode="after")(check_acme)


class Cdn(_Model):
    """A CDN in front of a front-proxy that terminates TLS at its edge and re-encrypts to the origin (kcp-comer)."""

    provider: Literal["cloudflare"] = "cloudflare"
    """The CDN; kcp's kcp-comer guide documents Cloudflare only. Default: `cloudflare`."""


class FrontProxy(_Model):
    """A kcp front-proxy: kcp's entry point (the first of `frontProxies` is the public one)."""

    name: Name = "frontproxy"
    """FrontProxy object name."""
    hostname: str | None = None
    """Public hostname; default `api.<domain>`."""
    port: int = Field(6443, ge=1, le=65535)
    """Public port."""
    certificate: Literal["acme", "kcp-ca"] = "acme"
    """Server certificate source: `acme` (ClusterIssuer, as in the guide) or `kcp-ca` (internal kcp CA)."""
    acme: Acme = Acme()
    """ACME settings when `certificate: acme`."""
    load_balancer: LoadBalancer | None = None
    """Exposure of the front-proxy Service, over its cluster's `loadBalancer`. Default: when neither sets anything,
    the kcp-zheng manifests' AWS network load balancer annotations; type LoadBalancer (ClusterIP is refused: the
    front-proxy is kcp's entry point)."""
    service_annotations: dict[str, str] | None = None
    """Deprecated: the same as `loadBalancer.annotations` (still accepted, with a warning at render time)."""
    admin_kubeconfig: Name = "kcp-admin-frontproxy"
    """Name of the admin Kubeconfig object and its Secret."""
    admin_kubeconfig_validity: str = "8766h"
    """Validity of the admin kubeconfig's client certificate."""
    scheduling: FrontProxyScheduling | None = None
    """Resources and placement of this front-proxy's pods (`spec.resources`, `spec.deploymentTemplate`), placement over
    `kcpDefaults.scheduling` field by field. Default: none (kcp-operator's: no resources, no placement)."""
    ca_bundle_secret: Name | None = None
    """Secret (key `tls.crt`, a public CA certificate) kcp-operator adds to the CA data of this front-proxy's admin
    kubeconfigs and to its backend trust (`spec.caBundleSecretRef`), e.g. the CDN edge certificate's issuing CA
    (kcp-comer's `google-we1-ca`), created by hand. Default: `acme.caSecretName` with `certificate: acme` (rendered),
    else none."""
    cdn: Cdn | None = None
    """Set when this front-proxy sits behind a re-encrypting CDN (kcp-comer): its DNS record is a proxied CDN record
    and clients authenticate with OIDC only (a CDN drops client certificates). Needs `caBundleSecret`. Default: none."""

    _hostname = field_validator("hostname")(classmethod(lambda cls, v: v if v is None else _check_hostname(v)))
    _validity = field_validator("admin_kubeconfig_validity")(classmethod(lambda cls, v: go_duration(v)))

    @model_validator(mode="after")
    def _fold_service_annotations(self) -> FrontProxy:
        # `serviceAnnotations` predates the `loadBalancer` block; it keeps working as `loadBalancer.annotations`
        # (kcpgitops.topology.deprecations() reports it). Both at once would leave one ignored: refuse rather than pick.
        if self.service_annotations is None:
            return self
        current = self.load_balancer or LoadBalancer()
        if current.annotations:
            raise ValueError("serviceAnnotations and loadBalancer.annotations are both set; keep only "
                             "loadBalancer.annotations (serviceAnnotations is deprecated and means the same)")
        folded = current.model_copy(update={"annotations": dict(self.service_annotations)})
        object.__setattr__(self, "load_balancer", folded)
        return self


class Shard(_Model):
    """A kcp shard (the root shard or a further one)."""

    name: Name
    """Shard name (also its etcd and DNS label)."""
    cluster: Name
    """Cluster the shard runs on."""
    hostname: str | None = None
    """Public hostname; default `<name>.<domain>`."""
    replicas: int = Field(2, ge=1)
    """kcp server replicas; explicit for bundled shards, whose Deployment is scaled to 0 on cluster 1."""
    load_balancer: LoadBalancer | None = None
    """Exposure of this shard's Service, over its cluster's `loadBalancer`, field by field. `type: ClusterIP` makes
    the shard private (in-cluster URL, no DNS record); only a shard next to the front-proxy can be private. Default:
    the cluster's settings."""
    scheduling: ShardScheduling | None = None
    """Resources and placement of this shard's kcp pods (`spec.resources`, `spec.deploymentTemplate`; the root shard's
    placement also applies to its internal proxy), placement over `kcpDefaults.scheduling` field by field. Default:
    none (kcp-operator's resources, no placement)."""
    audit: Audit | None = None
    """Audit policy and webhook of this shard (`spec.audit`); replaces `kcpDefaults.audit` whole (`{}` switches it
    off). Default: none (`kcpDefaults.audit`)."""
    private_front_proxy: Name | None = None
    """Root shard only: a front-proxy of `frontProxies` (not the first, not behind a CDN) that kcp's own components
    dial with client certificates, rendered as `external.privateHostname`/`privatePort` (kcp-comer). The in-cluster
    tools (kcp-ws-clusters, the verify step) use it too. Default: none (everything dials the first front-proxy)."""

    _hostname = field_validator("hostname")(classmethod(lambda cls, v: v if v is None else _check_hostname(v)))


class Versions(_Model):
    """Pinned versions of everything the deployment installs."""

    kcp_image: str = "ghcr.io/kcp-dev/kcp"
    """kcp image repository."""
    kcp: str = "v0.32.3"
    """kcp image tag (the default of kcp-operator v0.9.0)."""
    kcp_operator: str = "v0.9.0"
    """kcp-operator version; bundles exist only up to v0.9.0."""
    cert_manager: str = "v1.18.2"
    """cert-manager Helm chart version."""
    etcd_druid: str = "v0.33.0"
    """etcd-druid OCI chart version."""
    sealed_secrets: str = "2.18.5"
    """sealed-secrets Helm chart version."""

    @field_validator("kcp_operator")
    @classmethod
    def _bundles_exist(cls, value: str) -> str:
        match = re.match(r"^v(\d+)\.(\d+)\.(\d+)$", value)
        if not match:
            raise ValueError(f"{value!r} is not a release tag such as 'v0.9.0'")
        if tuple(int(p) for p in match.groups()) > (0, 9, 0) or tuple(int(p) for p in match.groups()) < (0, 5, 0):
            raise ValueError(f"{value} has no bundle feature (it exists in v0.5.0 to v0.9.0 only); pin v0.9.0")
        if value not in VENDORED_KCP_OPERATORS:
            # CRDs, RBAC and arguments come from the vendored manifests of one release; another tag would run them
            # with a different image.
            raise ValueError(f"{value}: only the vendored kcp-operator manifests can be rendered "
                             f"({', '.join(VENDORED_KCP_OPERATORS)}); pin v0.9.0")
        return value


VENDORED_KCP_OPERATORS = ("v0.9.0",)
"""kcp-operator releases whose manifests are vendored under vendor/kcp-operator-<tag>/."""


class Topology(_Model):
    """A whole kcp-zheng deployment: clusters, shards, front-proxy and pinned versions."""

    domain: str = "zheng.example.io"
    """Base DNS domain; hostnames default to `<label>.<domain>`."""
    namespace: Name = "kcp-zheng"
    """Namespace of kcp and etcd on every cluster."""
    clusters: list[Cluster] = Field(min_length=1)
    """All clusters, each with its own Argo CD."""
    root_shard: Shard
    """The root shard and the cluster it runs on (that cluster also runs the front-proxy and kcp-operator)."""
    shards: list[Shard] = Field(default_factory=list)
    """Further shards; one on another cluster travels there as a bundle."""
    front_proxy: FrontProxy = FrontProxy()
    """The front-proxy."""
    front_proxies: list[FrontProxy] | None = Field(None, min_length=1)
    """Several front-proxies (kcp-comer: a public one behind a CDN and an internal one); the first is the public one
    the root shard's `external` names. Instead of `frontProxy` (the one-element form). Default: `[frontProxy]`."""
    etcd: Etcd = Etcd()
    """etcd settings shared by every shard's etcd."""
    kcp_defaults: KcpDefaults = KcpDefaults()
    """What every kcp component gets unless its own block sets it: `scheduling` (placement of every kcp pod; resources
    are per component) and `audit` (every shard's). Default: none of them."""
    kcp_operator: KcpOperator = KcpOperator()
    """The kcp-operator Deployment on the root shard's cluster: `scheduling` (resources, placement, priority class).
    Default: the vendored manifest's."""
    oidc: Oidc | None = Oidc()
    """OIDC settings (null disables OIDC)."""
    versions: Versions = Versions()
    """Pinned versions."""
    argocd: ArgoCd = ArgoCd()
    """Argo CD sync settings."""
    bridge: Bridge = Bridge()
    """Sealed-secret bridge settings (used when a shard runs away from the root cluster)."""
    kcp: Kcp | None = None
    """Objects to create inside kcp (partitions, workspaces, APIs); null renders none."""
    images: TopologyImages = Images()
    """Registry, repository names, tag and digests of the two job images; default `ghcr.io/example/<name>:<project version>`. Declared after `bridge` and `kcp`, whose deprecated image fields it is checked against."""
    overrides: Annotated[list[Override], WITHIN_TOPOLOGY] = Field(default_factory=list)
    """Patches (RFC 6902 `patch` or RFC 7386 `merge`) of rendered objects, applied in order after everything else is
    rendered; what the topology derives (sync waves, the bridge's Role and configuration, the DNS plan, the READMEs)
    is not recomputed from them. A remote shard's Shard is patched on the root shard's cluster and reaches its own
    cluster through the bundle. Declared after `clusters` and `kcp`, which the targets are checked against. Default:
    none."""

    _domain = field_validator("domain")(classmethod(lambda cls, v: _check_hostname(v)))

    @model_validator(mode="after")
    def _consistent(self) -> Topology:
        cluster_names = [c.name for c in self.clusters]
        _no_duplicates("clusters", cluster_names, "name")
        shards = [self.root_shard, *self.shards]
        for index, shard in enumerate(self.shards):
            if shard.name == self.root_shard.name:
                raise ValueError(f"shards[{index}].name: {shard.name!r} is the root shard's name; rename the shard")
        _no_duplicates("shards", [s.name for s in self.shards], "name")
        for index, shard in enumerate(shards):
            where = "rootShard.cluster" if index == 0 else f"shards[{index - 1}].cluster"
            if shard.cluster not in cluster_names:
                raise ValueError(
                    f"{where}: cluster {shard.cluster!r} is not declared; add it under 'clusters' "
                    f"or use one of: {', '.join(cluster_names)}"
                )
        self._fold_front_proxies()
        problems = self._front_proxy_problems() + self._exposure_problems()
        if problems:
            raise ValueError(problems[0])
        hosts = [*(self.front_proxy_hostname_of(p) for p in self.all_front_proxies),
                 *(self.shard_hostname(s) for s in shards if not self.shard_exposure(s).private)]
        if self.kcp is not None:
            self.kcp.check_against(self)
        if len(set(hosts)) != len(hosts):
            duplicate = next(h for h in hosts if hosts.count(h) > 1)
            raise ValueError(
                f"hostname {duplicate!r} is used by more than one of the front-proxy and the shards; "
                "set distinct 'hostname' values"
            )
        return self

    def _fold_front_proxies(self) -> None:
        # `frontProxy` is the one-element form of `frontProxies`; `front_proxy` always names the first (public) one.
        if self.front_proxies is None:
            return
        if "front_proxy" in self.model_fields_set:
            raise ValueError("frontProxy and frontProxies are both set; keep one (frontProxy is the one-element form)")
        proxies = [p if i == 0 or "admin_kubeconfig" in p.model_fields_set
                   else p.model_copy(update={"admin_kubeconfig": f"kcp-admin-{p.name}"})
                   for i, p in enumerate(self.front_proxies)]
        object.__setattr__(self, "front_proxies", proxies)
        object.__setattr__(self, "front_proxy", proxies[0])

    def _front_proxy_problems(self) -> list[str]:
        problems: list[str] = []
        proxies = self.all_front_proxies
        where = self._front_proxy_path
        for field in ("name", "admin_kubeconfig"):
            seen: dict[str, int] = {}
            for index, proxy in enumerate(proxies):
                value = getattr(proxy, field)
                if value in seen:
                    key = "adminKubeconfig" if field == "admin_kubeconfig" else field
                    problems.append(f"{where(index)}.{key}: {value!r} is used by {where(seen[value])} too; give each front-proxy its own")
                seen.setdefault(value, index)
        for index, proxy in enumerate(proxies):
            if index and proxy.hostname is None:
                problems.append(f"{where(index)}.hostname: only the first front-proxy defaults to api.<domain>; set this one's hostname")
            if proxy.cdn is not None and proxy.ca_bundle_secret is None:
                problems.append(f"{where(index)}.caBundleSecret: a front-proxy behind a CDN needs the CA that issues the CDN's "
                                "edge certificate, so its admin kubeconfig trusts the CDN; name the Secret holding it (key tls.crt)")
        # Front-proxies naming one ACME ClusterIssuer share it (one object per issuer): their settings must agree.
        issuers: dict[str, int] = {}
        for index, proxy in enumerate(proxies):
            if proxy.certificate != "acme":
                continue
            first = issuers.setdefault(proxy.acme.issuer_name, index)
            if proxies[first].acme != proxy.acme:
                problems.append(f"{where(index)}.acme: issuer {proxy.acme.issuer_name!r} is also {where(first)}'s, with other "
                                "settings; give it the same acme settings or another issuerName")
        for index, shard in enumerate(self.shards):
            if shard.private_front_proxy is not None:
                problems.append(f"shards[{index}].privateFrontProxy: only the root shard names the private front-proxy; move it to rootShard")
        private = self.root_shard.private_front_proxy
        names = [p.name for p in proxies]
        if private is not None:
            if private not in names[1:]:
                problems.append(f"rootShard.privateFrontProxy: {private!r} is not one of the further front-proxies; use one of: "
                                f"{', '.join(names[1:]) or '(declare it under frontProxies)'}")
            elif proxies[names.index(private)].cdn is not None:
                problems.append(f"rootShard.privateFrontProxy: {private!r} sits behind a CDN, which drops the client certificates "
                                "kcp's components authenticate with; name a front-proxy without cdn")
        elif proxies[0].cdn is not None:
            problems.append("rootShard.privateFrontProxy: the first front-proxy sits behind a CDN, which drops the client "
                            "certificates kcp's shards authenticate with (kcp-dev/kcp@dac74f5955f1d4c703e87dd5cfecbc9a0a514643:"
                            "docs/content/setup/production/kcp-comer.md); add a front-proxy without cdn and name it here")
        for index, shard in enumerate(self.all_shards):
            if shard.hostname is not None and self.shard_exposure(shard).private:
                at = "rootShard" if index == 0 else f"shards[{index - 1}]"
                problems.append(f"{at}.hostname: a private shard (loadBalancer type ClusterIP) has no public hostname; "
                                "remove it, or make the shard public")
        return problems

    def _front_proxy_path(self, index: int) -> str:
        return f"frontProxies[{index}]" if self.front_proxies is not None else "frontProxy"

    def _exposure_problems(self) -> list[str]:
        problems: list[str] = []
        root_cluster = self.root_shard.cluster
        for front_proxy in self.all_front_proxies:
            proxy = self.front_proxy_exposure_of(front_proxy)
            if proxy.private:
                problems.append(f"{proxy.origin['type']}: a front-proxy is an entry point of kcp and needs a load balancer; "
                                "use type LoadBalancer (an internal one through annotations for a private network)")
            problems += operator_owned_problems(proxy, what=f"front-proxy {front_proxy.name}", cluster=root_cluster)
        remote = [s.name for s in self.shards if self.is_remote(s)]
        for shard in self.all_shards:
            exposure = self.shard_exposure(shard)
            if exposure.private and self.is_remote(shard):
                problems.append(
                    f"{exposure.origin['type']}: shard {shard.name} on {shard.cluster} would be reachable only inside "
                    f"{shard.cluster}, but the front-proxy on {root_cluster} must reach it; use type LoadBalancer (an "
                    "internal one through annotations when the clusters share a private network)")
            elif exposure.private and shard is self.root_shard and remote:
                problems.append(
                    f"{exposure.origin['type']}: the root shard would be reachable only inside {root_cluster}, but the "
                    f"shards on other clusters ({', '.join(remote)}) must reach it; use type LoadBalancer")
            if not self.is_remote(shard):
                what = "the root shard" if shard is self.root_shard else f"shard {shard.name}"
                problems += operator_owned_problems(exposure, what=what, cluster=root_cluster)
        return problems

    def _cluster_level(self, name: str) -> tuple[str, LoadBalancer | None]:
        index = next(i for i, c in enumerate(self.clusters) if c.name == name)
        return f"clusters[{index}].loadBalancer", self.clusters[index].load_balancer

    @property
    def front_proxy_exposure(self) -> Exposure:
        """How the (first) front-proxy Service is exposed (it runs on the root shard's cluster)."""
        return self.front_proxy_exposure_of(self.front_proxy)

    def front_proxy_exposure_of(self, proxy: FrontProxy) -> Exposure:
        """How a front-proxy's Service is exposed (every front-proxy runs on the root shard's cluster)."""
        path = f"{self._front_proxy_path(self.all_front_proxies.index(proxy))}.loadBalancer"
        cluster_level = self._cluster_level(self.root_shard.cluster)
        if proxy.load_balancer is None and cluster_level[1] is None:
            return resolve([(path, LoadBalancer(annotations=GUIDE_FRONT_PROXY_ANNOTATIONS))])
        return resolve([cluster_level, (path, proxy.load_balancer)])

    @property
    def all_front_proxies(self) -> list[FrontProxy]:
        """Every front-proxy, the public one (`front_proxy`) first."""
        return list(self.front_proxies) if self.front_proxies is not None else [self.front_proxy]

    @property
    def internal_front_proxy(self) -> FrontProxy:
        """The front-proxy kcp's components and the in-cluster tools dial: the root shard's private one, else the first."""
        private = self.root_shard.private_front_proxy
        return next((p for p in self.all_front_proxies if p.name == private), self.front_proxy)

    def front_proxy_hostname_of(self, proxy: FrontProxy) -> str:
        """A front-proxy's hostname (the first defaults to `api.<domain>`)."""
        return proxy.hostname or f"api.{self.domain}"

    def ca_bundle_of(self, proxy: FrontProxy) -> str | None:
        """The CA bundle Secret of a front-proxy: its `caBundleSecret`, else the ACME CA Secret with `certificate: acme`."""
        if proxy.ca_bundle_secret is not None:
            return proxy.ca_bundle_secret
        return proxy.acme.ca_secret_name if proxy.certificate == "acme" else None

    def shard_exposure(self, shard: Shard) -> Exposure:
        """How a shard's Service is exposed on its own cluster (a remote shard's by the bridge, from this)."""
        where = "rootShard" if shard is self.root_shard else f"shards[{self.shards.index(shard)}]"
        return resolve([self._cluster_level(shard.cluster), (f"{where}.loadBalancer", shard.load_balancer)])

    @property
    def all_shards(self) -> list[Shard]:
        """The root shard followed by every further shard."""
        return [self.root_shard, *self.shards]

    @property
    def front_proxy_hostname(self) -> str:
        """Public hostname of the (first) front-proxy."""
        return self.front_proxy_hostname_of(self.front_proxy)

    def shard_hostname(self, shard: Shard) -> str:
        """Public hostname of a shard."""
        return shard.hostname or f"{shard.name}.{self.domain}"

    def cluster(self, name: str) -> Cluster:
        """The cluster called `name`."""
        return next(c for c in self.clusters if c.name == name)

    def is_remote(self, shard: Shard) -> bool:
        """Whether a shard runs away from the root shard's cluster (and so travels as a bundle)."""
        return shard.cluster != self.root_shard.cluster

    def shards_on(self, cluster: str) -> list[Shard]:
        """Shards (root first) that run on a cluster."""
        return [s for s in self.all_shards if s.cluster == cluster]

    def git_path(self, cluster: Cluster) -> str:
        """Repo path of a cluster's rendered manifests."""
        return cluster.git.path or f"dist/{cluster.name}"

    def bridge_path(self, cluster: Cluster) -> str:
        """Repo path the bridge writes a cluster's sealed bundle objects into (in `bridge_target(cluster)`'s branch)."""
        return cluster.git.bridge.path or f"sealed/{cluster.name}"

    def bridge_target(self, cluster: Cluster) -> BridgeTarget:
        """Repository, branch and path the bridge writes a cluster's sealed bundle objects into, defaults applied."""
        git = cluster.git
        repo_url, branch = git.bridge.repo_url or git.repo_url, git.bridge.branch or git.branch
        separate = repository_key(repo_url) != repository_key(git.repo_url) or branch != git.branch
        return BridgeTarget(repo_url=repo_url, branch=branch, path=self.bridge_path(cluster), separate=separate)

    def sealing_certificate(self, cluster: Cluster) -> str:
        """Repo-relative path of a cluster's Sealed Secrets certificate."""
        return cluster.sealing_certificate or f"certs/{cluster.name}.pem"


def _no_duplicates(field: str, values: list[str], key: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise ValueError(f"{field}[{index}].{key}: {value!r} is used twice; give each a unique {key}")
        seen.add(value)
