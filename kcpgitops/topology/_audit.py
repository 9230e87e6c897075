"""The shards' audit logging: a policy (rendered into a ConfigMap) and a webhook backend, through kcp-operator v0.9.0.

kcp records Kubernetes audit events annotated with the workspace (`kcp.io/path`, `tenancy.kcp.io/workspace`;
kcp-dev/kcp@dac74f5955f1d4c703e87dd5cfecbc9a0a514643:docs/content/setup/production/audit-logging.md) once it has a
policy and a backend. kcp-operator v0.9.0 offers both on RootShard and Shard (`spec.audit`,
sdk/apis/operator/v1alpha1/shard_types.go AuditSpec): `policy.configMap` mounts a ConfigMap key as
`--audit-policy-file`, `webhook` turns its fields into `--audit-webhook-*` flags and mounts the Secret
`configSecretName` as `--audit-webhook-config-file=<mount>/kubeconfig` (internal/resources/utils/audit.go
applyAuditPolicyConfiguration, applyAuditWebhookConfiguration). Here `audit.policy` is the policy itself, rendered
into the ConfigMap `<shard>-audit-policy` (key `policy.yaml`) next to the shard's object on the root shard's cluster; a
remote shard's reaches its cluster through the bridge, like every object its Deployment mounts.

What v0.9.0 cannot do (README "kcp audit logging"): a log backend (`--audit-log-path` needs extraArgs and, for a file, a
writable volume: the container's root filesystem is read-only), audit on a front-proxy (FrontProxySpec has no
`audit`), `truncateMaxEventSize` (rendered as a flag kcp does not have) and switching batch throttling off (the flag is
passed only when true, and kcp's default is on).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from ._base import GoDuration, Model

if TYPE_CHECKING:
    from ._models import Shard, Topology

AUDIT_POLICY_KEY = "policy.yaml"
"""The key of the rendered policy ConfigMap that kcp reads (`--audit-policy-file=/etc/kcp/audit/policy/policy.yaml`)."""
AUDIT_WEBHOOK_KEY = "kubeconfig"
"""The key of the webhook Secret kcp reads: kcp-operator v0.9.0 hard-codes `--audit-webhook-config-file=<mount>/kubeconfig`
(internal/resources/utils/audit.go applyAuditWebhookConfiguration)."""
DEFAULT_MAX_EVENT_SIZE = 100 * 1024
"""kcp's `--audit-webhook-truncate-max-event-size` default (k8s.io/apiserver@v0.36.0:pkg/server/options/audit.go
NewAuditTruncateOptions), which v0.9.0 cannot change (see `AuditWebhook.truncate_max_event_size`)."""

# k8s.io/apimachinery/pkg/util/validation/validation.go IsDNS1123Subdomain (group names) and a Go duration.
_SUBDOMAIN_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_SECRET_NAME_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")

Level = Literal["None", "Metadata", "Request", "RequestResponse"]
"""How much of a request an event records (k8s.io/apiserver@v0.36.0:pkg/apis/audit/v1/types.go Level)."""
Stage = Literal["RequestReceived", "ResponseStarted", "ResponseComplete", "Panic"]
"""A request stage an event can be generated at (types.go Stage)."""
_BATCH_ONLY = ("batch_buffer_size", "batch_max_size", "batch_max_wait", "batch_throttle_qps", "batch_throttle_burst")
"""Webhook settings kcp reads in batch mode only."""


def _number(value: Any) -> Any:
    # A float flag (kcp parses it with pflag Float32Var); YAML gives a number, the CRD wants its text.
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{value!r} is not a number such as 10 or 3.5")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number such as 10 or 3.5") from None
    if not number > 0 or number != number or number == float("inf"):
        raise ValueError(f"{value!r} must be a positive number (kcp refuses zero or less)")
    return value if isinstance(value, str) else str(value)


"""A Go duration (`500ms`, `30s`, `1m`)."""
PositiveNumber = Annotated[str, BeforeValidator(_number)]
"""A positive number, kept as the text kcp-operator passes on."""


class GroupResources(Model):
    """Resources of one API group a policy rule matches (types.go GroupResources)."""

    group: str = ""
    """API group; `""` is the core group, `*` every group. Default: the core group."""
    resources: list[str] | None = None
    """Resources (`pods`, `pods/log`, `*`); none means every resource of the group. Default: none."""
    resource_names: list[str] | None = None
    """Object names; needs `resources`. Default: none (every name)."""

    @model_validator(mode="after")
    def _valid(self) -> GroupResources:
        # k8s.io/apiserver@v0.36.0:pkg/apis/audit/validation/validation.go validateResources.
        if self.group not in ("", "*") and (len(self.group) > 253 or not _SUBDOMAIN_RE.match(self.group)):
            raise ValueError(f"group {self.group!r} is not an API group such as 'apis.kcp.io' (lowercase, without a "
                             "version)")
        if self.resource_names and not self.resources:
            raise ValueError("resourceNames needs at least one entry in resources")
        return self


class AuditPolicyRule(Model):
    """One rule of the policy: the first rule a request matches sets its level (types.go PolicyRule)."""

    level: Level
    """`None`, `Metadata`, `Request` or `RequestResponse`. Required."""
    users: list[str] | None = None
    """User names the rule applies to. Default: every user."""
    user_groups: list[str] | None = None
    """Groups the rule applies to (a user in any of them). Default: every group."""
    verbs: list[str] | None = None
    """Verbs (`get`, `list`, `create`, ...). Default: every verb."""
    resources: list[GroupResources] | None = None
    """Resources the rule applies to. Default: every resource (and non-resource URL)."""
    namespaces: list[str] | None = None
    """Namespaces of namespaced resources (`""` matches cluster-scoped ones). Default: every namespace."""
    non_resource_urls: list[str] | None = Field(None, alias="nonResourceURLs")
    """URL paths that are not resources (`/healthz*`, `/metrics`); not with `resources` or `namespaces`. Default: none."""
    omit_stages: list[Stage] | None = None
    """Stages this rule records no event at, besides the policy's own. Default: none."""
    omit_managed_fields: bool | None = None
    """Leave managedFields out of request and response bodies, over the policy's setting. Default: the policy's."""

    @model_validator(mode="after")
    def _urls(self) -> AuditPolicyRule:
        # validation.go validatePolicyRule, validateNonResourceURLs.
        for url in self.non_resource_urls or []:
            if url != "*" and not url.startswith("/"):
                raise ValueError(f"nonResourceURLs: {url!r} must begin with '/' (or be '*')")
            if "*" in url[:-1]:
                raise ValueError(f"nonResourceURLs: {url!r} may have '*' only as its last character")
        if self.non_resource_urls and (self.resources or self.namespaces):
            raise ValueError("a rule cannot apply to both resources (resources, namespaces) and nonResourceURLs; split it "
                             "into two rules")
        return self


class AuditPolicy(Model):
    """An `audit.k8s.io/v1` Policy (k8s.io/apiserver@v0.36.0:pkg/apis/audit/v1/types.go Policy), which kcp loads at
    start (pkg/audit/policy/reader.go LoadPolicyFromBytes: at least one rule)."""

    rules: list[AuditPolicyRule]
    """Rules in order; the first that matches a request sets its level, and a request no rule matches is not
    recorded. Required (at least one)."""
    omit_stages: list[Stage] | None = None
    """Stages no event is recorded at. Default: none."""
    omit_managed_fields: bool | None = None
    """Leave managedFields out of recorded request and response bodies. Default: no (kcp's)."""

    @field_validator("rules")
    @classmethod
    def _some_rule(cls, value: list[AuditPolicyRule]) -> list[AuditPolicyRule]:
        if not value:
            raise ValueError("kcp refuses a policy without rules and would not start; add at least one, e.g. "
                             "{level: Metadata} to record every request's metadata")
        return value

    def document(self) -> dict[str, Any]:
        """The policy file's content."""
        body = self.model_dump(by_alias=True, exclude_none=True, mode="json")
        return {"apiVersion": "audit.k8s.io/v1", "kind": "Policy", **body}


class AuditWebhook(Model):
    """The webhook backend: kcp sends events to the service a kubeconfig in a hand-made Secret names (types.go
    AuditWebhookSpec; each field becomes the kcp flag of the same name, k8s.io/apiserver@v0.36.0:
    pkg/server/options/audit.go)."""

    config_secret_name: str = "kcp-audit-webhook"
    """Secret, created by hand on the root shard's cluster (the bridge carries it to the other shards' clusters),
    whose key `kubeconfig` is a kubeconfig naming the audit service (`clusters[].cluster.server`) and how to
    authenticate, certificates embedded (`*-data`). Default `kcp-audit-webhook`."""
    mode: Literal["batch", "blocking", "blocking-strict"] | None = None
    """`batch` (buffer and send asynchronously), `blocking` (send before answering; failures ignored) or
    `blocking-strict` (a failure at RequestReceived fails the request). Default: kcp's `batch`."""
    batch_buffer_size: int | None = Field(None, ge=1)
    """Events buffered before batching (batch mode). Default: kcp's 10000."""
    batch_max_size: int | None = Field(None, ge=1)
    """Largest batch (batch mode). Default: kcp's 400."""
    batch_max_wait: GoDuration | None = None
    """Longest wait before sending a batch that is not full (batch mode). Default: kcp's `30s`."""
    batch_throttle_qps: PositiveNumber | None = Field(None, alias="batchThrottleQPS")
    """Average batches per second (batch mode; throttling is always on). Default: kcp's 10."""
    batch_throttle_burst: int | None = Field(None, ge=1)
    """Batches sent at once when the QPS was not used before (batch mode). Default: kcp's 15."""
    initial_backoff: GoDuration | None = None
    """Wait before retrying the first failed request. Default: kcp's `10s`."""
    truncate_enabled: bool | None = None
    """Truncate events and split batches larger than the limits. Default: no."""
    truncate_max_batch_size: int | None = Field(None, ge=DEFAULT_MAX_EVENT_SIZE)
    """Largest batch in bytes when truncating; at least the largest event (102400 bytes, fixed in v0.9.0). Default:
    kcp's 10485760."""
    truncate_max_event_size: int | None = None
    """Not settable: kcp-operator v0.9.0 passes it as `--audit-webhook-truncate-max-event-sizes`, a flag kcp does not
    have, so kcp would not start. Default: none (kcp's 102400 bytes)."""
    version: Literal["audit.k8s.io/v1"] | None = None
    """API version of the events sent; kcp knows only `audit.k8s.io/v1`. Default: that."""

    @field_validator("config_secret_name")
    @classmethod
    def _secret_name(cls, value: str) -> str:
        if len(value) > 253 or not _SECRET_NAME_RE.match(value):
            raise ValueError(f"{value!r} is not a Secret name: lowercase letters, digits, '-' and '.', starting and "
                             "ending with a letter or digit")
        return value

    @field_validator("truncate_max_event_size")
    @classmethod
    def _not_passed_right(cls, value: int | None) -> int | None:
        if value is not None:
            raise ValueError(
                "kcp-operator v0.9.0 renders it as --audit-webhook-truncate-max-event-sizes (kcp-dev/kcp-operator@v0.9.0:"
                "internal/resources/utils/audit.go applyAuditWebhookConfiguration), a flag kcp does not have "
                "(k8s.io/apiserver@v0.36.0:pkg/server/options/audit.go names it --audit-webhook-truncate-max-event-size), "
                "so kcp would refuse to start; remove it (the limit stays 102400 bytes)")
        return value

    @model_validator(mode="after")
    def _batch_settings_need_batch_mode(self) -> AuditWebhook:
        # kcp reads the batch settings only in batch mode (audit.go validateBackendBatchOptions, wrapBackend).
        if self.mode in ("blocking", "blocking-strict"):
            fields = type(self).model_fields
            given = [fields[name].alias or name for name in _BATCH_ONLY if getattr(self, name) is not None]
            if given:
                raise ValueError(f"{', '.join(given)} {'applies' if len(given) == 1 else 'apply'} only in batch mode, "
                                 f"and mode is {self.mode}; remove {'it' if len(given) == 1 else 'them'} or use mode: batch")
        return self

    def as_spec(self) -> dict[str, Any]:
        """`spec.audit.webhook` of a RootShard or Shard."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class Audit(Model):
    """Audit logging of a shard: the policy, and the webhook backend events go to."""

    policy: AuditPolicy | None = None
    """What to record; rendered into the ConfigMap `<shard>-audit-policy`. Without a backend (the webhook below, or a
    log backend added through `overrides`) nothing is recorded. Default: none."""
    webhook: AuditWebhook | None = None
    """Where events go; needs `policy` (kcp records nothing without one). Default: none."""

    @model_validator(mode="after")
    def _webhook_needs_policy(self) -> Audit:
        # k8s.io/apiserver@v0.36.0:pkg/server/options/audit.go ApplyTo: without a policy file the webhook backend is not
        # built ("no events will be recorded for webhook backend").
        if self.webhook is not None and self.policy is None:
            raise ValueError("webhook: kcp records no event without a policy; add audit.policy (e.g. rules: [{level: "
                             "Metadata}]) or remove the webhook")
        return self


def shard_audit(topology: Topology, shard: Shard) -> Audit | None:
    """A shard's audit settings: its own `audit`, else `kcpDefaults.audit`; None when neither sets a policy."""
    audit = shard.audit if shard.audit is not None else topology.kcp_defaults.audit
    return audit if audit is not None and audit.policy is not None else None


def audit_policy_config_map(shard: str) -> str:
    """Name of the ConfigMap holding a shard's audit policy."""
    return f"{shard}-audit-policy"
