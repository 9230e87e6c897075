"""The two job images this repository builds, and the one reference each CronJob pulls.

`Dockerfile.bridge` runs as the `kcp-bridge` CronJob and `Dockerfile.workspace-clusters` as `kcp-ws-clusters`; nobody
else publishes them. The `images:` block says where they are pushed (`registry`), under which repository names and
tag, and optionally pins each by digest. It replaces the older full references `bridge.image` and
`kcp.clusterSecrets.image`, which still work (each with a deprecation warning naming the key to use instead, see
`kcpgitops.topology.deprecations`); `job_image()` is the one place that decides which of the two governs an image.

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

from pydantic import AfterValidator, ValidationInfo, field_validator, model_validator

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


class Images(Model):
    """Where the two job images are pushed and how the CronJobs name them: `<registry>/<repository>:<tag>[@<digest>]`."""

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

    _registry = field_validator("registry")(classmethod(lambda cls, v: _check_registry(v)))
    _repositories = field_validator("bridge", "workspace_clusters")(classmethod(lambda cls, v: _check_repository(v)))

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
    """What the CronJob pulls."""
    build_tag: str
    """What `make images` tags and a push sends: `reference` without its digest, always with a tag (a digest names
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
        reference, fields = deprecated, (DEPRECATED_FIELDS[job],)
    else:
        reference, fields = images.reference(job), images.fields_for(job)
    return JobImage(job=job, reference=reference, build_tag=_build_tag(reference, images), dockerfile=DOCKERFILES[job],
                    fields=fields)


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
