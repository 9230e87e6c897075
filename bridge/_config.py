"""The bridge configuration file rendered by the generator into a ConfigMap."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ._errors import UsageError

DEFAULT_CONFIG = "/etc/kcp-bridge/config.yaml"
DEFAULT_FINGERPRINT_ANNOTATION = "bridge.kcp-zheng.io/fingerprint"
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_ANNOTATION_KEY = re.compile(r"^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")
_SCP_LIKE = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class GitSettings(_Strict):
    """Commit identity, message and push retry policy."""

    author_name: str = Field(alias="authorName", min_length=1)
    author_email: str = Field(alias="authorEmail", min_length=3)
    message_prefix: str = Field(default="bridge:", alias="messagePrefix")
    push_retries: int = Field(default=5, alias="pushRetries", ge=0, le=20)

    @field_validator("author_name", "author_email")
    @classmethod
    def _identity(cls, value: str) -> str:
        return check_identity(value)


def check_identity(value: str) -> str:
    """A Git author name or e-mail that `git fast-import` reads as one header field.

    git/git@v2.39.5:Documentation/git-fast-import.txt (`commit`, `committer`): `<name> SP LT <email> GT SP <when> LF`;
    a newline ends the command early (what follows would be read as further commands) and `<`/`>` delimit the e-mail.
    """
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in value):
        raise ValueError("must not contain control characters (newline, tab, ...)")
    if "<" in value or ">" in value:
        raise ValueError("must not contain '<' or '>'")
    return value


def _check_repo(value: str) -> str:
    if _SCP_LIKE.match(value):
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("https", "ssh"):
        raise ValueError("must be an https:// or ssh:// URL (or user@host:path)")
    if parts.password is not None or (parts.scheme == "https" and parts.username is not None):
        raise ValueError("must not embed credentials; use --git-token-file or --ssh-key-file")
    if not parts.hostname:
        raise ValueError("has no host")
    return value


def _check_branch(value: str) -> str:
    if not value or value.startswith(("-", "/")) or ".." in value or any(c in value for c in " ~^:?*[\\"):
        raise ValueError("is not a valid branch name")
    return value


def _check_path(value: str) -> str:
    pure = PurePosixPath(value)
    if pure.is_absolute() or not value or any(p in ("..", ".", "") for p in value.split("/")) or value.startswith("."):
        raise ValueError("must be a relative path inside the repository, without '.', '..' or empty parts")
    if value.startswith(".git") or "/.git" in value:
        raise ValueError("must not point into .git")
    return str(pure)


class _Destination(_Strict):
    """Where in Git the bridge writes for one cluster: repository, branch and a directory it owns."""

    cluster: str = Field(min_length=1)
    repo_url: str = Field(alias="repoURL")
    branch: str = "main"
    path: str

    @field_validator("repo_url")
    @classmethod
    def _repo(cls, value: str) -> str:
        return _check_repo(value)

    @field_validator("branch")
    @classmethod
    def _branch(cls, value: str) -> str:
        return _check_branch(value)

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        return _check_path(value)

    @property
    def repo_key(self) -> tuple[str, str]:
        """Destinations with the same key share one clone."""
        return (self.repo_url, self.branch)

    @property
    def uses_ssh(self) -> bool:
        """Whether the repository is reached over SSH."""
        return self.repo_url.startswith("ssh://") or bool(_SCP_LIKE.match(self.repo_url))


class ServiceExposure(_Strict):
    """How the target cluster exposes the delivered shard Service (the topology's loadBalancer settings for that
    cluster and shard); cluster 1's type, annotations and balancer fields never travel."""

    type: Literal["LoadBalancer", "ClusterIP"] = "LoadBalancer"
    """Service type on the target cluster. Default: `LoadBalancer`."""
    load_balancer_class: str | None = Field(default=None, alias="loadBalancerClass")
    """`spec.loadBalancerClass`. Default: unset (the cloud's default balancer)."""
    annotations: dict[str, str] = Field(default_factory=dict)
    """The delivered Service's annotations, replacing cluster 1's. Default: none."""
    load_balancer_source_ranges: tuple[str, ...] = Field(default=(), alias="loadBalancerSourceRanges")
    """`spec.loadBalancerSourceRanges`. Default: unset (every address)."""
    external_traffic_policy: Literal["Cluster", "Local"] | None = Field(default=None, alias="externalTrafficPolicy")
    """`spec.externalTrafficPolicy`. Default: unset (Kubernetes' `Cluster`)."""

    @field_validator("load_balancer_class")
    @classmethod
    def _class(cls, value: str | None) -> str | None:
        if value is not None and not _ANNOTATION_KEY.match(value):
            raise ValueError("must be a qualified name such as service.k8s.aws/nlb")
        return value

    @field_validator("annotations")
    @classmethod
    def _annotations(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not _ANNOTATION_KEY.match(key):
                raise ValueError(f"{key!r} is not a valid annotation key")
        return value

    @field_validator("load_balancer_source_ranges")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cidr in value:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                raise ValueError(f"{cidr!r} is not a CIDR") from None
        return value

    @model_validator(mode="after")
    def _balancer_fields(self) -> ServiceExposure:
        if self.type == "ClusterIP" and (self.load_balancer_class or self.load_balancer_source_ranges or self.external_traffic_policy):
            raise ValueError("loadBalancerClass, loadBalancerSourceRanges and externalTrafficPolicy need type LoadBalancer")
        return self


class Target(_Destination):
    """One remote shard: where its bundle comes from and where its manifests go."""

    shard: str
    bundle_secret: str = Field(default="", alias="bundleSecret")
    certificate: Path
    mode: Literal["objects", "bundle"] = "objects"
    exclude_references: tuple[str, ...] = Field(default=(), alias="excludeReferences")
    namespace_manifest: bool = Field(default=True, alias="namespaceManifest")
    service: ServiceExposure = ServiceExposure()

    @field_validator("shard")
    @classmethod
    def _shard(cls, value: str) -> str:
        if not _DNS_SUBDOMAIN.match(value):
            raise ValueError("must be a Kubernetes object name")
        return value

    @field_validator("exclude_references")
    @classmethod
    def _excluded(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not _DNS_SUBDOMAIN.match(name):
                raise ValueError(f"{name!r} is not a Kubernetes object name")
        return value

    @model_validator(mode="after")
    def _defaults(self) -> Target:
        if not self.bundle_secret:
            object.__setattr__(self, "bundle_secret", f"{self.shard}-bundle")
        elif not _DNS_SUBDOMAIN.match(self.bundle_secret):
            raise ValueError("bundleSecret must be a Kubernetes object name")
        return self

    @property
    def key(self) -> str:
        """Identifies the target's outcome within a cycle."""
        return self.shard

    @property
    def label(self) -> str:
        """How output lines name the target."""
        return f"{self.shard} ({self.cluster})"


class Retired(_Destination):
    """A cluster that no longer receives any remote shard: the bridge removes what it delivered to its path."""

    @property
    def key(self) -> str:
        """Identifies the entry's outcome within a cycle."""
        return f"retired:{self.cluster}"

    @property
    def label(self) -> str:
        """How output lines name the entry."""
        return f"retired {self.cluster}"


class BridgeConfig(_Strict):
    """The whole configuration file."""

    namespace: str
    fingerprint_annotation: str = Field(default=DEFAULT_FINGERPRINT_ANNOTATION, alias="fingerprintAnnotation")
    git: GitSettings
    targets: tuple[Target, ...] = ()
    retired: tuple[Retired, ...] = ()

    @field_validator("namespace")
    @classmethod
    def _namespace(cls, value: str) -> str:
        if not _DNS_LABEL.match(value):
            raise ValueError("must be a Kubernetes namespace name")
        return value

    @field_validator("fingerprint_annotation")
    @classmethod
    def _annotation(cls, value: str) -> str:
        if not _ANNOTATION_KEY.match(value):
            raise ValueError("must be a valid annotation key")
        return value

    @model_validator(mode="after")
    def _unique(self) -> BridgeConfig:
        if not self.targets and not self.retired:
            raise ValueError("needs at least one entry in targets or retired")
        shards = [t.shard for t in self.targets]
        if len(set(shards)) != len(shards):
            raise ValueError("each shard may appear only once in targets")
        retired = [r.cluster for r in self.retired]
        if len(set(retired)) != len(retired):
            raise ValueError("each cluster may appear only once in retired")
        if set(retired) & {t.cluster for t in self.targets}:
            raise ValueError("a cluster in retired still has targets: " + ", ".join(sorted(set(retired) & {t.cluster for t in self.targets})))
        # Each path is rewritten or emptied as a whole, so no two may overlap (a retired path would delete a target's
        # files); only targets of one cluster (several shards there) may share a path, delivered together.
        seen: dict[tuple[str, str], list[Target | Retired]] = {}
        for entry in (*self.targets, *self.retired):
            for other in seen.get(entry.repo_key, []):
                a, b = entry.path + "/", other.path + "/"
                if a == b and isinstance(entry, Target) and isinstance(other, Target):
                    differ = [f for f in ("cluster", "certificate", "mode", "namespace_manifest") if getattr(entry, f) != getattr(other, f)]
                    if not differ:
                        continue
                    raise ValueError(
                        f"targets {other.shard!r} and {entry.shard!r} share the path {entry.path!r} but not their "
                        + ", ".join(differ) + "; only shards of one cluster may share a path"
                    )
                if a.startswith(b) or b.startswith(a):
                    raise ValueError(f"paths {entry.path!r} and {other.path!r} overlap in the same repository branch")
            seen.setdefault(entry.repo_key, []).append(entry)
        return self

    @property
    def destinations(self) -> tuple[Target | Retired, ...]:
        """Every target and retired entry."""
        return (*self.targets, *self.retired)


def load_config(*, path: Path) -> BridgeConfig:
    """Load and validate the configuration; certificate paths become relative to its directory."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"configuration file {path} not found") from None
    except OSError as exc:
        raise UsageError(f"configuration file {path} cannot be read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"configuration file {path} is not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise UsageError(f"configuration file {path} must hold a mapping")
    try:
        config = BridgeConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}" for err in exc.errors())
        raise UsageError(f"configuration file {path} is invalid: {problems}") from None
    base = path.parent
    targets = tuple(
        t.model_copy(update={"certificate": t.certificate if t.certificate.is_absolute() else base / t.certificate}) for t in config.targets
    )
    return config.model_copy(update={"targets": targets})
