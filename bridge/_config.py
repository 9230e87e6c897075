"""The bridge configuration file rendered by the generator into a ConfigMap."""

from __future__ import annotations

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


class Target(_Strict):
    """One remote shard: where its bundle comes from and where its manifests go."""

    shard: str
    cluster: str = Field(min_length=1)
    bundle_secret: str = Field(default="", alias="bundleSecret")
    certificate: Path
    repo_url: str = Field(alias="repoURL")
    branch: str = "main"
    path: str
    mode: Literal["objects", "bundle"] = "objects"
    exclude_references: tuple[str, ...] = Field(default=(), alias="excludeReferences")
    namespace_manifest: bool = Field(default=True, alias="namespaceManifest")

    @field_validator("shard")
    @classmethod
    def _shard(cls, value: str) -> str:
        if not _DNS_SUBDOMAIN.match(value):
            raise ValueError("must be a Kubernetes object name")
        return value

    @field_validator("repo_url")
    @classmethod
    def _repo(cls, value: str) -> str:
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

    @field_validator("branch")
    @classmethod
    def _branch(cls, value: str) -> str:
        if not value or value.startswith(("-", "/")) or ".." in value or any(c in value for c in " ~^:?*[\\"):
            raise ValueError("is not a valid branch name")
        return value

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        pure = PurePosixPath(value)
        if pure.is_absolute() or not value or any(p in ("..", ".", "") for p in value.split("/")) or value.startswith("."):
            raise ValueError("must be a relative path inside the repository, without '.', '..' or empty parts")
        if value.startswith(".git") or "/.git" in value:
            raise ValueError("must not point into .git")
        return str(pure)

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
    def repo_key(self) -> tuple[str, str]:
        """Targets with the same key share one clone."""
        return (self.repo_url, self.branch)

    @property
    def uses_ssh(self) -> bool:
        """Whether the repository is reached over SSH."""
        return self.repo_url.startswith("ssh://") or bool(_SCP_LIKE.match(self.repo_url))


class BridgeConfig(_Strict):
    """The whole configuration file."""

    namespace: str
    fingerprint_annotation: str = Field(default=DEFAULT_FINGERPRINT_ANNOTATION, alias="fingerprintAnnotation")
    git: GitSettings
    targets: tuple[Target, ...] = Field(min_length=1)

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
        shards = [t.shard for t in self.targets]
        if len(set(shards)) != len(shards):
            raise ValueError("each shard may appear only once in targets")
        seen: dict[tuple[str, str], list[str]] = {}
        for target in self.targets:
            for other in seen.get(target.repo_key, []):
                a, b = target.path + "/", other + "/"
                if a.startswith(b) or b.startswith(a):
                    raise ValueError(f"target paths {target.path!r} and {other!r} overlap in the same repository branch")
            seen.setdefault(target.repo_key, []).append(target.path)
        return self


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
