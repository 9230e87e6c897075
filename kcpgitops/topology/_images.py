"""The two job images this repository builds, and the one reference each CronJob pulls.

`Dockerfile.bridge` runs as the `kcp-bridge` CronJob and `Dockerfile.workspace-clusters` as `kcp-ws-clusters`; nobody
else publishes them. The `images:` block says where they are pushed (`registry`), under which repository names and
tag, and optionally pins each by digest. It replaces the older full references `bridge.image` and
`kcp.clusterSecrets.image`, which still work (each with a deprecation warning naming the key to use instead, see
`kcpgitops.topology.deprecations`); `job_image()` is the one place that decides which of the two governs an image.

The block also says where every other image comes from: `mirror` (a registry all images the product renders are
pulled through, `Images.mirrored()` the one rewrite every chart calls), `pullSecrets` (pull Secrets every rendered pod
names) and `charts` (the Helm chart repositories Argo CD reads).

References follow the grammar of distribution/reference@v0.6.0:regexp.go (`domainAndPort`, `pathComponent`, `tag`;
`referencePat` puts `:<tag>` before `@<digest>`) and its 255-character limit on the path
(reference.go `RepositoryNameTotalLengthMax`), so every reference rendered here is one docker, podman, buildah and the
kubelet accept.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from ._base import Model
from ._kcp import REPO_ROOT

if TYPE_CHECKING:
    from ._models import Topology

Job = Literal["bridge", "workspaceClusters"]
"""The two jobs, by their key in the `images:` block."""

DOCKERFILES: dict[Job, str] = {"bridge": "Dockerfile.bridge", "workspaceClusters": "Dockerfile.workspace-clusters"}
"""Dockerfile (at the repository root) each job image is built from."""

DEPRECATED_FIELDS: dict[Job, str] = {"bridge": "bridge.image", "workspaceClusters": "kcp.clusterSecrets.image"}
"""Topology path of the older full-reference field of each job image."""

PYPROJECT = REPO_ROOT / "pyproject.toml"
"""Where the project version, the default image tag, is read from."""

# distribution/reference@v0.6.0:regexp.go: domainNameComponent, ipv6address, optionalPort; alphanumeric, separator,
# pathComponent; tag. Written again here (not imported: it is Go), anchored per use.
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_HOST_AND_PORT = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_PATH = rf"{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_HOST_RE = re.compile(rf"^{_HOST_AND_PORT}$")
_PATH_RE = re.compile(rf"^{_PATH}$")
_TAG_RE = re.compile(r"^[\w][\w.-]{0,127}$", re.ASCII)
_DIGEST_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
_REFERENCE_RE = re.compile(rf"^(?:(?P<host>{_HOST_AND_PORT})/)?(?P<path>{_PATH})(?::(?P<tag>[\w][\w.-]{{0,127}}))?"
                           r"(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$",
                           re.ASCII)
_PATH_MAX = 255
"""distribution/reference@v0.6.0:reference.go RepositoryNameTotalLengthMax: the longest path (without the host)."""


@functools.cache
def project_version(pyproject: Path = PYPROJECT) -> str:
    """`[project].version` of pyproject.toml: the tag both job images get unless `images.tag` says otherwise.

    Read when a reference is resolved (at render time), not when this module is imported; the jobs themselves never
    read it. A test keeps it equal to `kcpgitops.__version__`, which `dist/.render-inputs` records, so a rendered tree
    names the version its images were tagged with.
    """
    version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    if not isinstance(version, str) or not _TAG_RE.match(version):
        raise ValueError(f"{pyproject}: [project].version {version!r} is not a valid image tag; set images.tag")
    return version


def _check_registry(value: str) -> str:
    host, _, path = value.partition("/")
    # Docker's rule (distribution/reference@v0.6.0:normalize.go splitDockerDomain): a first component without '.' or
    # ':' that is not 'localhost' is an account on Docker Hub, not a registry; say which registry instead of guessing.
    if not ("." in host or ":" in host or host == "localhost"):
        raise ValueError(f"{value!r} does not start with a registry host; write it with its host, e.g. 'ghcr.io/acme', "
                         f"'registry.example.com:5000/platform' or, for Docker Hub, 'docker.io/{host}'")
    if not _HOST_RE.match(host):
        raise ValueError(f"{value!r}: {host!r} is not a registry host such as 'ghcr.io' or 'registry.example.com:5000'")
    if path and not _PATH_RE.match(path):
        raise ValueError(f"{value!r}: {path!r} is not a repository path: use lowercase letters, digits and '.', '_', "
                         "'-' between them, separated by '/', e.g. 'ghcr.io/acme/platform'")
    return value


def _check_repository(value: str) -> str:
    if not _PATH_RE.match(value):
        raise ValueError(f"{value!r} is not a repository name: use lowercase letters, digits and '.', '_', '-' between "
                         "them, optionally separated by '/', e.g. 'kcp-zheng-bridge'")
    return value


_SECRET_NAME_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
"""A Secret's name: a DNS-1123 subdomain (k8s.io/apimachinery validation IsDNS1123Subdomain), at most 253 characters."""

DOCKER_HUB = "docker.io"
"""distribution/reference@v0.6.0:normalize.go defaultDomain: the registry of an image named without a host."""
_LEGACY_DOCKER_HUB = "index.docker.io"
"""normalize.go legacyDefaultDomain, the same registry as DOCKER_HUB."""
_OFFICIAL_PREFIX = "library/"
"""normalize.go officialRepoPrefix: Docker Hub's namespace of single-name images (`redis` is `library/redis`)."""


def split_registry(image: str) -> tuple[str, str]:
    """(registry host, rest) of an image name as docker, containerd and the kubelet read it: `ghcr.io/kcp-dev/kcp:v1`
    is (`ghcr.io`, `kcp-dev/kcp:v1`), `bitnami/x` is (`docker.io`, `bitnami/x`), `redis` is (`docker.io`, `library/redis`).

    distribution/reference@v0.6.0:normalize.go splitDockerDomain, written again here (it is Go).
    """
    first, slash, rest = image.partition("/")
    if not slash:
        return DOCKER_HUB, _OFFICIAL_PREFIX + image
    if first == "localhost" or any(c in first for c in ".:") or first.lower() != first:
        host, remainder = (DOCKER_HUB if first == _LEGACY_DOCKER_HUB else first), rest
    else:
        host, remainder = DOCKER_HUB, image
    if host == DOCKER_HUB and "/" not in remainder:
        remainder = _OFFICIAL_PREFIX + remainder
    return host, remainder


def _check_secret_name(value: str) -> str:
    if len(value) > 253 or not _SECRET_NAME_RE.match(value):
        raise ValueError(f"{value!r} is not a Secret name: lowercase letters, digits, '-' and '.', starting and ending "
                         "with a letter or digit, at most 253 characters, e.g. 'registry-pull'")
    return value


def _check_chart_repository(value: str) -> str:
    """A Helm chart repository Argo CD v3.5.1 reads: an `https://` repository index, or an OCI registry path.

    Argo CD takes a Helm source's repoURL without a scheme as an OCI registry and one with a scheme as a repository
    index (argoproj/argo-cd@v3.5.1:util/helm/client.go IsHelmOciRepo, used by reposerver/repository/repository.go
    newHelmClientResolveRevision), so OCI repositories are written without `oci://`.
    """
    if "://" not in value:
        host, _, path = value.partition("/")
        if "@" in value or not path or not ("." in host or ":" in host or host == "localhost") or not _HOST_RE.match(host):
            raise ValueError(f"{value!r} is neither an https:// Helm repository nor an OCI registry path; write e.g. "
                             "'https://charts.example.com' or 'registry.example.com/charts' (OCI, without a scheme)")
        if not _PATH_RE.match(path):
            raise ValueError(f"{value!r}: {path!r} is not an OCI repository path: lowercase letters, digits and '.', '_', "
                             "'-' between them, separated by '/', e.g. 'registry.example.com/charts'")
        return value
    try:
        parts = urlsplit(value)
        credentials = parts.username is not None or parts.password is not None
        host = parts.hostname
    except ValueError:
        raise ValueError("is not a URL; write e.g. 'https://charts.example.com'") from None
    if credentials:
        # Never echo the value: it holds a credential.
        raise ValueError("must not embed credentials (user:password@); give Argo CD a repository Secret instead "
                         "(the bootstrap steps name it)")
    if parts.scheme == "oci":
        raise ValueError(f"{value!r}: write an OCI registry without the oci:// scheme, e.g. "
                         f"{value.removeprefix('oci://')!r}: Argo CD v3.5.1 reads a Helm repoURL without a scheme as OCI")
    if parts.scheme != "https":
        raise ValueError(f"{value!r}: Argo CD would fetch the chart unencrypted; use an https:// Helm repository or "
                         "an OCI registry path")
    if not host or not _HOST_RE.match(host) or parts.query or parts.fragment:
        raise ValueError(f"{value!r} is not a Helm repository URL such as 'https://charts.example.com/stable'")
    return value


class ChartRepositories(Model):
    """Where Argo CD pulls each pinned Helm chart from (`spec.source.repoURL` of its Application).

    Each is an `https://` Helm repository or an OCI registry path without a scheme; a mirror must hold the same chart
    versions (`versions.certManager`, `versions.sealedSecrets`, `versions.etcdDruid`) under the same chart names.
    """

    cert_manager: str = "https://charts.jetstack.io"
    """Repository of the `cert-manager` chart; default `https://charts.jetstack.io`, Jetstack's."""
    sealed_secrets: str = "https://bitnami-labs.github.io/sealed-secrets"
    """Repository of the `sealed-secrets` chart; default `https://bitnami-labs.github.io/sealed-secrets`, the
    project's."""
    etcd_druid: str = "europe-docker.pkg.dev/gardener-project/releases/charts/gardener"
    """Repository of the `etcd-druid` chart; default `europe-docker.pkg.dev/gardener-project/releases/charts/gardener`,
    the OCI registry gardener/etcd-druid's release workflow publishes it to."""

    _urls = field_validator("cert_manager", "sealed_secrets", "etcd_druid")(classmethod(lambda cls, v: _check_chart_repository(v)))


class Images(Model):
    """Where the two job images are pushed and how the CronJobs name them: `<registry>/<repository>:<tag>[@<digest>]`;
    where every image the product renders is pulled from (`mirror`, `pullSecrets`) and where the charts come from."""

    registry: str = "ghcr.io/example"
    """Registry host and optional path both images are pushed under, e.g. `ghcr.io/acme`; default `ghcr.io/example`
    (a placeholder: `make synth` warns about it until you set yours)."""
    bridge: str = "kcp-zheng-bridge"
    """Repository name of the sealed-secret bridge image (Dockerfile.bridge) under `registry`; default
    `kcp-zheng-bridge`."""
    workspace_clusters: str = "kcp-zheng-workspace-clusters"
    """Repository name of the workspace-clusters job image (Dockerfile.workspace-clusters) under `registry`; default
    `kcp-zheng-workspace-clusters`."""
    tag: str | None = None
    """Tag of both images; default the project version (`[project].version` in pyproject.toml, read at render time),
    the tag the release workflow pushes for that version."""
    bridge_digest: str | None = None
    """Digest (`sha256:<64 hex>`) pinning the bridge image; default none (the tag alone). When set the reference is
    `<repository>@<digest>`, or `<repository>:<tag>@<digest>` when `tag` is written too."""
    workspace_clusters_digest: str | None = None
    """Digest (`sha256:<64 hex>`) pinning the workspace-clusters image; default none (the tag alone). Same form as
    `bridgeDigest`."""

    mirror: str | None = None
    """Registry host and optional path every image the product renders is pulled through, e.g.
    `registry.internal:5000/mirror`; default none (each image from its own registry). An image keeps its path below
    its registry host: `ghcr.io/kcp-dev/kcp:v0.32.3` becomes `<mirror>/kcp-dev/kcp:v0.32.3` (Docker Hub's `redis` is
    `docker.io/library/redis`, so `<mirror>/library/redis`). The mirror must hold a copy of each (the root cluster's
    bootstrap steps list them): a pull-through cache or copies made with `crane copy`."""
    pull_secrets: tuple[Annotated[str, AfterValidator(_check_secret_name)], ...] = ()
    """Names of `kubernetes.io/dockerconfigjson` Secrets every pod the product renders pulls with (kcp's through
    kcp-operator's `deploymentTemplate`, kcp-operator, the two jobs, cert-manager and sealed-secrets); default none.
    Created by hand on each cluster, in each namespace such a pod runs in (the bootstrap steps list them); never
    rendered."""
    charts: ChartRepositories = Field(default_factory=ChartRepositories)
    """Helm chart repositories Argo CD installs cert-manager, sealed-secrets and etcd-druid from; default the
    upstream ones."""

    _registry = field_validator("registry", "mirror")(classmethod(lambda cls, v: v if v is None else _check_registry(v)))
    _repositories = field_validator("bridge", "workspace_clusters")(classmethod(lambda cls, v: _check_repository(v)))

    @field_validator("pull_secrets")
    @classmethod
    def _pull_secrets_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted({n for n in value if value.count(n) > 1})
        if twice:
            raise ValueError(f"{', '.join(repr(n) for n in twice)} named twice; list each pull Secret once")
        return value

    @field_validator("tag", mode="before")
    @classmethod
    def _tag_is_text(cls, value: Any) -> Any:
        # YAML reads `tag: 1.10` as the number 1.1: refuse numbers rather than render a tag nobody wrote.
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(f"was read as the number {value!r}; quote the tag as you mean it, e.g. tag: \"1.10\" "
                             "(unquoted, YAML reads 1.10 as 1.1)")
        return value

    @field_validator("tag")
    @classmethod
    def _tag(cls, value: str | None) -> str | None:
        if value is not None and not _TAG_RE.match(value):
            raise ValueError(f"{value!r} is not an image tag: up to 128 letters, digits, '_', '.' and '-', not starting "
                             "with '.' or '-', e.g. '0.1.0'")
        return value

    @field_validator("bridge_digest", "workspace_clusters_digest")
    @classmethod
    def _digest(cls, value: str | None) -> str | None:
        if value is not None and not _DIGEST_RE.match(value):
            raise ValueError(f"{value!r} is not a digest: write 'sha256:' followed by 64 lowercase hex digits, as "
                             "`docker push` or `docker buildx imagetools inspect` prints it")
        return value

    @model_validator(mode="after")
    def _path_length(self) -> Images:
        for job in DOCKERFILES:
            path = self.repository(job).partition("/")[2]
            if len(path) > _PATH_MAX:
                raise ValueError(f"registry and {job} make a repository path of {len(path)} characters; registries "
                                 f"accept at most {_PATH_MAX} (after the host): shorten registry or {job}")
        return self

    def mirrored(self, image: str) -> str:
        """`image` (a repository, with or without tag or digest) as the clusters pull it: unchanged without `mirror`,
        else its registry host replaced by `mirror` and the rest kept. The one rewrite every chart calls."""
        if self.mirror is None:
            return image
        return f"{self.mirror}/{split_registry(image)[1]}"

    def repository(self, job: Job) -> str:
        """`<registry>/<repository name>` of one job image."""
        return f"{self.registry}/{self.bridge if job == 'bridge' else self.workspace_clusters}"

    def digest(self, job: Job) -> str | None:
        """The digest pinned for one job image, if any."""
        return self.bridge_digest if job == "bridge" else self.workspace_clusters_digest

    def reference(self, job: Job) -> str:
        """The reference this block gives one job image, defaults applied."""
        digest = self.digest(job)
        if digest is None:
            return f"{self.repository(job)}:{self.tag or project_version()}"
        # With a digest the runtime pulls by digest alone; a tag only the default supplied would add nothing to read.
        return f"{self.repository(job)}{f':{self.tag}' if self.tag is not None else ''}@{digest}"

    def fields_for(self, job: Job) -> tuple[str, ...]:
        """Topology paths written in this block that shape one job image (empty: the block leaves it to its defaults)."""
        own = {"bridge": ("bridge", "bridge_digest"), "workspaceClusters": ("workspace_clusters", "workspace_clusters_digest")}
        names = [n for n in ("registry", *own[job], "tag") if n in self.model_fields_set]
        return tuple(f"images.{type(self).model_fields[n].alias or n}" for n in names)


@dataclass(frozen=True)
class JobImage:
    """One job image as the topology resolves it."""

    job: Job
    """`bridge` or `workspaceClusters`."""
    reference: str
    """What the CronJob pulls: `source` through `images.mirror` when one is set."""
    source: str
    """The reference as `images:` (or the deprecated field) names it, before the mirror: where the image is pushed."""
    build_tag: str
    """What `make images` tags and a push sends: `source` without its digest, always with a tag (a digest names
    content a push produces, not a name a build can give)."""
    dockerfile: str
    """Dockerfile at the repository root the image is built from."""
    fields: tuple[str, ...]
    """Topology fields that set `reference` (`images.*`, or the deprecated full-reference field); empty: all defaults."""


def job_image(topology: Topology, job: Job) -> JobImage:
    """The image a job's CronJob pulls: `images:`, or the deprecated full reference when only that one is written.

    The charts, the bootstrap steps and `make images` all read it from here. `_agree_with_deprecated` has already
    refused a topology in which both are written and disagree.
    """
    images = topology.images
    deprecated = deprecated_reference(topology.bridge, topology.kcp, job)
    if deprecated is not None and not images.fields_for(job):
        source, fields = deprecated, (DEPRECATED_FIELDS[job],)
    else:
        source, fields = images.reference(job), images.fields_for(job)
    # Built and pushed where the topology names it; pulled through the mirror (whose copy has the same digest).
    return JobImage(job=job, reference=images.mirrored(source), source=source, build_tag=_build_tag(source, images),
                    dockerfile=DOCKERFILES[job], fields=fields)


def deprecated_reference(bridge: Any, kcp: Any, job: Job) -> str | None:
    """The full reference written in a job's deprecated field, `bridge.image` or `kcp.clusterSecrets.image` (None when
    left unwritten)."""
    owner = bridge if job == "bridge" else (kcp.cluster_secrets if kcp is not None else None)
    return owner.image if owner is not None and "image" in owner.model_fields_set else None


def _build_tag(reference: str, images: Images) -> str:
    name = reference.partition("@")[0]
    # A tag follows the last ':' after the last '/' (a ':' before it is a registry port).
    return name if ":" in name.rpartition("/")[2] else f"{name}:{images.tag or project_version()}"


def _agree_with_deprecated(images: Images, info: ValidationInfo) -> Images:
    """Refuse a topology that names a job image both in `images:` and in its deprecated field, differently.

    Runs as the `images` field's validator, which sees the fields declared before it (`bridge`, `kcp`) in
    `info.data`; one that failed its own validation is absent there and already reported.
    """
    for job in DOCKERFILES:
        written = images.fields_for(job)
        deprecated = deprecated_reference(info.data.get("bridge"), info.data.get("kcp"), job)
        if written and deprecated is not None and deprecated != images.reference(job):
            raise ValueError(
                f"{DEPRECATED_FIELDS[job]} ({deprecated!r}) and {', '.join(written)} (giving {images.reference(job)!r}) "
                f"name different images; remove {DEPRECATED_FIELDS[job]} (deprecated) and keep the images block"
            )
    return images


TopologyImages = Annotated[Images, AfterValidator(_agree_with_deprecated)]
"""Type of `Topology.images`: the block, checked against the deprecated fields declared before it."""


def deprecated_image_advice(reference: str, job: Job) -> str:
    """How a deprecated full reference is written in the `images:` block, e.g. `registry: ghcr.io/acme, bridge: ...`."""
    match = _REFERENCE_RE.match(reference)
    if match is None:
        return f"split '<registry>/<repository>:<tag>' into images.registry, images.{job} and images.tag"
    host, path, tag, digest = match.group("host", "path", "tag", "digest")
    # Without a registry host Docker pulls from Docker Hub (distribution/reference@v0.6.0:normalize.go), so that
    # is the registry the block must name; the last path component is the repository name, the rest the registry path.
    prefix, _, name = path.rpartition("/")
    if host is None or not ("." in host or ":" in host or host == "localhost"):
        host, prefix = "docker.io", "/".join(p for p in (host, prefix) if p) or "library"
    parts = [f"registry: {'/'.join(p for p in (host, prefix) if p)}", f"{job}: {name}"]
    if tag is not None or digest is None:
        parts.append(f'tag: "{tag or "latest"}"')  # quoted: YAML would read a tag such as 1.10 as a number
    if digest is not None:
        parts.append(f"{job}Digest: {digest}")
    return "images: {" + ", ".join(parts) + "}"
