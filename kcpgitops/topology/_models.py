"""Typed models of the topology file: one declarative description of a kcp-zheng deployment."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ._argocd import ArgoCd
from ._base import Model
from ._bridge import Bridge
from ._exposure import GUIDE_FRONT_PROXY_ANNOTATIONS, Exposure, LoadBalancer, operator_owned_problems, resolve
from ._git import BridgeDestination, BridgeTarget, check_bridge_path, check_git_url, check_repo_path, repository_key
from ._images import Images, TopologyImages
from ._kcp import Kcp
from ._overrides import WITHIN_TOPOLOGY, Override

DNS_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_DNS_LABEL_RE = re.compile(rf"^{DNS_LABEL}$")
_HOSTNAME_RE = re.compile(rf"^{DNS_LABEL}(\.{DNS_LABEL})+$")
_QUANTITY_RE = re.compile(r"^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?$")
_DURATION_RE = re.compile(r"^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$")
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


def _check_duration(value: str) -> str:
    if not _DURATION_RE.match(value):
        raise ValueError(f"{value!r} is not a Go duration such as '300s', '5m' or '12h'")
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

    full_snapshot_schedule: str = "0 */24 * * *"
    """Cron schedule of full snapshots."""
    delta_snapshot_period: str = "300s"
    """Period between delta snapshots."""
    garbage_collection_period: str = "43200s"
    """Period of snapshot garbage collection."""
    resources: Resources = Resources(requests_cpu="23m", requests_memory="128Mi", limits_cpu="200m", limits_memory="1Gi")
    """Resources of the backup-restore sidecar."""

    _cron = field_validator("full_snapshot_schedule")(classmethod(lambda cls, v: _check_cron(v)))
    _durations = field_validator("delta_snapshot_period", "garbage_collection_period")(
        classmethod(lambda cls, v: _check_duration(v))
    )


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

    @field_validator("replicas")
    @classmethod
    def _odd(cls, value: int) -> int:
        if value % 2 == 0:
            raise ValueError(f"{value} is even; use an odd member count (1, 3, 5) so etcd keeps quorum")
        return value

    _quota = field_validator("quota")(classmethod(lambda cls, v: _check_quantity(v)))
    _cron = field_validator("defragmentation_schedule")(classmethod(lambda cls, v: _check_cron(v)))


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
    """DNS-01 solver (Cloudflare)."""
    ca_secret_name: Name = "letsencrypt-ca"
    """Secret holding the ACME CA's root (ISRG Root X1) that kcp components trust."""


class FrontProxy(_Model):
    """The kcp front-proxy: the only public endpoint."""

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

    _hostname = field_validator("hostname")(classmethod(lambda cls, v: v if v is None else _check_hostname(v)))
    _validity = field_validator("admin_kubeconfig_validity")(classmethod(lambda cls, v: _check_duration(v)))

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
    etcd: Etcd = Etcd()
    """etcd settings shared by every shard's etcd."""
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
        problems = self._exposure_problems()
        if problems:
            raise ValueError(problems[0])
        hosts = [self.front_proxy_hostname, *(self.shard_hostname(s) for s in shards)]
        if self.kcp is not None:
            self.kcp.check_against(self)
        if len(set(hosts)) != len(hosts):
            duplicate = next(h for h in hosts if hosts.count(h) > 1)
            raise ValueError(
                f"hostname {duplicate!r} is used by more than one of the front-proxy and the shards; "
                "set distinct 'hostname' values"
            )
        return self

    def _exposure_problems(self) -> list[str]:
        problems: list[str] = []
        root_cluster = self.root_shard.cluster
        proxy = self.front_proxy_exposure
        if proxy.private:
            problems.append(f"{proxy.origin['type']}: the front-proxy is kcp's only entry point and needs a load balancer; "
                            "use type LoadBalancer (an internal one through annotations for a private network)")
        problems += operator_owned_problems(proxy, what="the front-proxy", cluster=root_cluster)
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
        """How the front-proxy Service is exposed (it runs on the root shard's cluster)."""
        cluster_level = self._cluster_level(self.root_shard.cluster)
        if self.front_proxy.load_balancer is None and cluster_level[1] is None:
            return resolve([("frontProxy.loadBalancer", LoadBalancer(annotations=GUIDE_FRONT_PROXY_ANNOTATIONS))])
        return resolve([cluster_level, ("frontProxy.loadBalancer", self.front_proxy.load_balancer)])

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
        """Public hostname of the front-proxy."""
        return self.front_proxy.hostname or f"api.{self.domain}"

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
