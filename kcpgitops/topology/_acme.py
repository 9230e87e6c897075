"""The DNS-01 solver of the front-proxy's ACME ClusterIssuer: `frontProxy.acme.dns01`, one provider out of five.

cert-manager v1.18.2 proves control of the front-proxy's hostname to the ACME server by writing a TXT record through
one DNS provider's API. `frontProxy.acme.dns01` names exactly one of `cloudflare`, `route53`, `cloudDNS`, `azureDNS`
and `rfc2136`, rendered field for field into the ClusterIssuer's `spec.acme.solvers[0].dns01`
(`cert-manager/cert-manager@v1.18.2:pkg/apis/acme/v1/types_issuer.go` ACMEChallengeSolverDNS01 and the
ACMEIssuerDNS01Provider* types). Without `dns01`, the older `frontProxy.acme.cloudflare` (a global API key, as in
the kcp-zheng guide) is the solver, unchanged; writing both is an error.

Credentials are referenced by Secret name and key, never rendered. A ClusterIssuer's Secrets are read from the
controller's cluster resource namespace (`pkg/issuer/acme/dns/dns.go` solverForChallenge, `ResourceNamespaceRef`),
which the cert-manager chart sets to its own namespace (`deploy/charts/cert-manager/templates/deployment.yaml`
`--cluster-resource-namespace=$(POD_NAMESPACE)`): every Secret here lives in `cert-manager`, and the bootstrap steps
list each one with its `kubectl create secret` command. A provider written without credentials (Route 53 without keys,
Cloud DNS without a service account key, Azure DNS without a service principal) uses cert-manager's ambient
credentials (IRSA, EKS Pod Identity, GKE Workload Identity, Azure managed or workload identity), which a ClusterIssuer
may use by default (`internal/apis/config/controller/v1alpha1/defaults.go` defaultClusterIssuerAmbientCredentials);
the bootstrap steps say which identity cert-manager's ServiceAccount needs instead.

The rules below are those of cert-manager's admission webhook and solver setup, checked when the topology loads so a
rendered ClusterIssuer is never refused or stuck: `internal/apis/certmanager/validation/issuer.go`
ValidateACMEChallengeSolverDNS01 (one provider; Cloudflare's key or token, and e-mail with a key; Route 53's key ID
once; Azure's service principal all or nothing and not with a managed identity; RFC 2136's nameserver, TSIG algorithm,
key name with secret) and `pkg/issuer/acme/dns/dns.go` solverForChallenge / `route53/route53.go` GetSession (an access
key needs its secret key and the other way round).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from ._base import Model

if TYPE_CHECKING:
    from ._models import Acme

_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_SECRET_NAME_RE = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")
"""A Secret name: a DNS subdomain (lowercase labels separated by dots, at most 253 characters)."""
_SECRET_KEY_RE = re.compile(r"^[-._a-zA-Z0-9]+$")
"""A key of a Secret's data (Kubernetes' ConfigMap/Secret key rule)."""
_HOSTNAME_RE = re.compile(rf"^{_LABEL}(\.{_LABEL})+$")
_NAMESERVER_HOST_RE = re.compile(rf"^{_LABEL}(\.{_LABEL})*\.?$")
_EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_AWS_REGION_RE = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]+$")
_AWS_ROLE_RE = re.compile(r"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$", re.ASCII)
_AWS_ZONE_ID_RE = re.compile(r"^[A-Z0-9]{1,32}$")
_AWS_ACCESS_KEY_ID_RE = re.compile(r"^[A-Z0-9]{16,128}$")
_GCP_PROJECT_RE = re.compile(r"^[a-z][-a-z0-9]{4,28}[a-z0-9]$")
_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_AZURE_RESOURCE_GROUP_RE = re.compile(r"^[-\w.()]{0,89}[-\w()]$")
_AZURE_IDENTITY_RE = re.compile(
    r"^/subscriptions/[0-9a-fA-F-]{36}/resourcegroups/[^/]+/providers/microsoft\.managedidentity/userassignedidentities/[^/]+$",
    re.IGNORECASE)
_TSIG_KEY_NAME_RE = re.compile(r"^[A-Za-z0-9]([-_A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-_A-Za-z0-9]*[A-Za-z0-9])?)*\.?$")

CERT_MANAGER_SERVICE_ACCOUNT = "cert-manager/cert-manager"
"""The cert-manager controller's ServiceAccount (the chart's `cert-manager.serviceAccountName` for release
`cert-manager`): the identity ambient credentials belong to."""


def _check(pattern: re.Pattern[str], what: str, example: str, value: str) -> str:
    if not pattern.match(value):
        raise ValueError(f"{value!r} is not {what}; write one such as {example!r}")
    return value


def _check_nameserver(value: str) -> str:
    # cert-manager/cert-manager@v1.18.2:internal/apis/certmanager/validation/util/nameserver.go ValidNameserver:
    # `host[:port]`, an IPv6 address in brackets; the port defaults to 53. An empty port after ':' is refused here.
    fix = "write host:port, e.g. 'ns1.corp.example.net:53', '10.0.0.53' or '[2001:db8::53]:53' (the port defaults to 53)"
    bracketed = re.fullmatch(r"\[([^\]]+)\](?::([0-9]{1,5}))?", value)
    if bracketed:
        host, port = bracketed.group(1), bracketed.group(2)
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError(f"{value!r}: {host!r} in brackets is not an IPv6 address; {fix}") from None
    elif value.count(":") > 1:
        raise ValueError(f"{value!r}: enclose an IPv6 address in brackets; {fix}")
    else:
        host, colon, written = value.partition(":")
        if colon and not written:
            raise ValueError(f"{value!r} ends in ':' without a port; {fix}")
        if not _NAMESERVER_HOST_RE.match(host.lower()):
            raise ValueError(f"{value!r}: {host!r} is neither an IP address nor a hostname; {fix}")
        port = written or None
    if port is not None and (not port.isdigit() or not 1 <= int(port) <= 65535):
        raise ValueError(f"{value!r}: port {port!r} is not a number in 1-65535; {fix}")
    return value


class SecretKeyRef(Model):
    """One key of a Secret a person creates in cert-manager's namespace (the bootstrap steps list it)."""

    name: str
    """Secret name. Required."""
    key: str | None = None
    """Key inside the Secret. Default: the provider field's usual key (named in that field's description)."""

    _name = field_validator("name")(classmethod(lambda cls, v: _check_secret_name(v)))

    @field_validator("key")
    @classmethod
    def _key(cls, value: str | None) -> str | None:
        if value is not None and (not _SECRET_KEY_RE.match(value) or len(value) > 253 or value in (".", "..")):
            raise ValueError(f"{value!r} is not a Secret data key (letters, digits, '-', '_', '.'); e.g. 'api-token'")
        return value


def _check_secret_name(value: str) -> str:
    if not _SECRET_NAME_RE.match(value) or len(value) > 253:
        raise ValueError(f"{value!r} is not a Secret name: use lowercase letters, digits, '-' and '.', e.g. 'route53-credentials'")
    return value


def _default_keys(model: Model, defaults: dict[str, str]) -> None:
    """Fill the unset `key` of each SecretKeyRef field of `model` with its default, so every consumer sees a key."""
    for field, key in defaults.items():
        ref = getattr(model, field)
        if ref is not None and ref.key is None:
            object.__setattr__(model, field, ref.model_copy(update={"key": key}))


class CloudflareSolver(Model):
    """Cloudflare (`dns01.cloudflare`): an API token (recommended) or the account's global API key."""

    api_token_secret_ref: SecretKeyRef | None = None
    """API token with Zone:DNS:Edit and Zone:Zone:Read on the zone; key default `api-token`. Default: none (then
    `apiKeySecretRef` is required)."""
    api_key_secret_ref: SecretKeyRef | None = None
    """The account's global API key; key default `api-key`. Default: none (then `apiTokenSecretRef` is required)."""
    email: str | None = None
    """E-mail of the Cloudflare account owning the global API key: required with `apiKeySecretRef`, refused with a
    token (Cloudflare ignores it). Default: none."""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return value if value is None else _check(_EMAIL_RE, "an e-mail address", "dns-admin@corp.example.net", value)

    @model_validator(mode="after")
    def _one_credential(self) -> CloudflareSolver:
        # cert-manager/cert-manager@v1.18.2:internal/apis/certmanager/validation/issuer.go ValidateACMEChallengeSolverDNS01.
        if self.api_token_secret_ref is not None and self.api_key_secret_ref is not None:
            raise ValueError("apiTokenSecretRef and apiKeySecretRef are both set; keep one (a token is recommended)")
        if self.api_token_secret_ref is None and self.api_key_secret_ref is None:
            raise ValueError("set apiTokenSecretRef (an API token, recommended) or apiKeySecretRef (the global API key "
                             "with email)")
        if self.api_key_secret_ref is not None and self.email is None:
            raise ValueError("apiKeySecretRef needs email: the e-mail of the Cloudflare account owning the global API key")
        if self.api_token_secret_ref is not None and self.email is not None:
            raise ValueError("email is used only with apiKeySecretRef; remove it (an API token needs no e-mail)")
        _default_keys(self, {"api_token_secret_ref": "api-token", "api_key_secret_ref": "api-key"})
        return self


class Route53Solver(Model):
    """AWS Route 53 (`dns01.route53`): an IAM user's access key in a Secret, or ambient credentials (no keys: IRSA, EKS
    Pod Identity or the node's instance profile), optionally assuming `role`."""

    region: str | None = None
    """AWS region used for the credential scope (e.g. `eu-west-1`). Default: none (the controller's `AWS_REGION`,
    which IRSA and EKS Pod Identity set)."""
    hosted_zone_id: str | None = Field(None, alias="hostedZoneID")
    """Hosted zone to change (e.g. `Z2ABCDEFGHIJKL`), which spares the `route53:ListHostedZonesByName` lookup.
    Default: none (looked up from the hostname)."""
    role: str | None = None
    """IAM role ARN to assume with the credentials (e.g. `arn:aws:iam::123456789012:role/dns01`). Default: none."""
    access_key_id: str | None = Field(None, alias="accessKeyID")
    """Access key ID written in the topology (an identifier, not a secret). Default: none. Not with
    `accessKeyIDSecretRef`; either needs `secretAccessKeySecretRef`."""
    access_key_id_secret_ref: SecretKeyRef | None = Field(None, alias="accessKeyIDSecretRef")
    """Access key ID read from a Secret; key default `access-key-id`. Default: none."""
    secret_access_key_secret_ref: SecretKeyRef | None = None
    """Secret access key; key default `secret-access-key`. Default: none (with no access key ID either: ambient
    credentials)."""

    _region = field_validator("region")(classmethod(
        lambda cls, v: v if v is None else _check(_AWS_REGION_RE, "an AWS region", "eu-west-1", v)))
    _zone = field_validator("hosted_zone_id")(classmethod(
        lambda cls, v: v if v is None else _check(_AWS_ZONE_ID_RE, "a Route 53 hosted zone ID", "Z2ABCDEFGHIJKL", v)))
    _role = field_validator("role")(classmethod(
        lambda cls, v: v if v is None else _check(_AWS_ROLE_RE, "an IAM role ARN", "arn:aws:iam::123456789012:role/dns01", v)))
    _key_id = field_validator("access_key_id")(classmethod(
        lambda cls, v: v if v is None else _check(_AWS_ACCESS_KEY_ID_RE, "an AWS access key ID", "AKIAIOSFODNN7EXAMPLE", v)))

    @model_validator(mode="after")
    def _key_pair(self) -> Route53Solver:
        # validation/issuer.go ValidateACMEChallengeSolverDNS01 (the key ID once) and route53/route53.go GetSession
        # ("only one of access and secret key was provided").
        if self.access_key_id is not None and self.access_key_id_secret_ref is not None:
            raise ValueError("accessKeyID and accessKeyIDSecretRef are both set; keep one")
        has_id = self.access_key_id is not None or self.access_key_id_secret_ref is not None
        if has_id != (self.secret_access_key_secret_ref is not None):
            raise ValueError("an access key needs both halves: set accessKeyID (or accessKeyIDSecretRef) together with "
                             "secretAccessKeySecretRef, or neither to use ambient credentials (IRSA, EKS Pod Identity)")
        _default_keys(self, {"access_key_id_secret_ref": "access-key-id", "secret_access_key_secret_ref": "secret-access-key"})
        ids, keys = self.access_key_id_secret_ref, self.secret_access_key_secret_ref
        if ids is not None and keys is not None and (ids.name, ids.key) == (keys.name, keys.key):
            raise ValueError(f"accessKeyIDSecretRef and secretAccessKeySecretRef both read key {ids.key!r} of Secret "
                             f"{ids.name!r}; give the two values different keys")
        return self


class CloudDnsSolver(Model):
    """Google Cloud DNS (`dns01.cloudDNS`): a service account key in a Secret, or Workload Identity (no key)."""

    project: str
    """Google Cloud project ID holding the zone (e.g. `platform-dns-4711`). Required."""
    hosted_zone_name: str | None = None
    """Cloud DNS managed zone name (e.g. `kcp-zone`). Default: none (cert-manager picks the zone)."""
    service_account_secret_ref: SecretKeyRef | None = None
    """JSON key of a service account with `roles/dns.admin`; key default `key.json`. Default: none (ambient
    credentials: GKE Workload Identity for cert-manager's ServiceAccount)."""

    _project = field_validator("project")(classmethod(
        lambda cls, v: _check(_GCP_PROJECT_RE, "a Google Cloud project ID", "platform-dns-4711", v)))
    _zone = field_validator("hosted_zone_name")(classmethod(
        lambda cls, v: v if v is None else _check(re.compile(rf"^{_LABEL}$"), "a Cloud DNS managed zone name", "kcp-zone", v)))

    @model_validator(mode="after")
    def _keys(self) -> CloudDnsSolver:
        _default_keys(self, {"service_account_secret_ref": "key.json"})
        return self


class AzureManagedIdentity(Model):
    """Which managed or workload identity Azure DNS uses (`types_issuer.go` AzureManagedIdentity)."""

    client_id: str | None = Field(None, alias="clientID")
    """Client ID of a user-assigned identity. Default: none (the default identity). Not with `resourceID`."""
    resource_id: str | None = Field(None, alias="resourceID")
    """Resource ID of a user-assigned identity (Managed Service Identity only). Default: none."""
    tenant_id: str | None = Field(None, alias="tenantID")
    """Tenant of the identity (needs `clientID`, not with `resourceID`). Default: none."""

    _ids = field_validator("client_id", "tenant_id")(classmethod(
        lambda cls, v: v if v is None else _check(_UUID_RE, "an Azure ID (a UUID)", "00000000-0000-0000-0000-000000000000", v)))
    _resource = field_validator("resource_id")(classmethod(
        lambda cls, v: v if v is None else _check(
            _AZURE_IDENTITY_RE, "a user-assigned identity's resource ID",
            "/subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>", v)))

    @model_validator(mode="after")
    def _combination(self) -> AzureManagedIdentity:
        # validation/issuer.go ValidateACMEChallengeSolverDNS01, azureDNS.managedIdentity.
        if self.client_id is not None and self.resource_id is not None:
            raise ValueError("clientID and resourceID are both set; keep one")
        if self.tenant_id is not None and self.resource_id is not None:
            raise ValueError("tenantID and resourceID are both set; tenantID goes with clientID only")
        if self.tenant_id is not None and self.client_id is None:
            raise ValueError("tenantID needs clientID")
        return self


class AzureDnsSolver(Model):
    """Azure DNS (`dns01.azureDNS`): a service principal's client secret in a Secret, or a managed or workload
    identity (no secret)."""

    subscription_id: str = Field(alias="subscriptionID")
    """Subscription of the DNS zone (a UUID). Required."""
    resource_group_name: str
    """Resource group of the DNS zone. Required."""
    hosted_zone_name: str | None = None
    """The DNS zone (e.g. `kcp.corp.example.net`). Default: none (cert-manager finds it)."""
    environment: Literal["AzurePublicCloud", "AzureChinaCloud", "AzureGermanCloud", "AzureUSGovernmentCloud"] | None = None
    """Azure cloud. Default: none (`AzurePublicCloud`)."""
    client_id: str | None = Field(None, alias="clientID")
    """Service principal's client ID (with `tenantID` and `clientSecretSecretRef`). Default: none."""
    tenant_id: str | None = Field(None, alias="tenantID")
    """Service principal's tenant ID. Default: none."""
    client_secret_secret_ref: SecretKeyRef | None = None
    """Service principal's client secret; key default `client-secret`. Default: none."""
    managed_identity: AzureManagedIdentity | None = None
    """Managed or workload identity settings (not with a service principal). Default: none (with no service principal
    either: the default managed identity, or Azure Workload Identity when cert-manager's pod is set up for it)."""

    _ids = field_validator("subscription_id", "client_id", "tenant_id")(classmethod(
        lambda cls, v: v if v is None else _check(_UUID_RE, "an Azure ID (a UUID)", "00000000-0000-0000-0000-000000000000", v)))
    _group = field_validator("resource_group_name")(classmethod(
        lambda cls, v: _check(_AZURE_RESOURCE_GROUP_RE, "an Azure resource group name", "kcp-dns", v)))
    _zone = field_validator("hosted_zone_name")(classmethod(
        lambda cls, v: v if v is None else _check(_HOSTNAME_RE, "a DNS zone name", "kcp.corp.example.net", v)))

    @model_validator(mode="after")
    def _principal(self) -> AzureDnsSolver:
        # validation/issuer.go ValidateACMEChallengeSolverDNS01, azureDNS: all three of the service principal or none.
        given = {"clientID": self.client_id, "tenantID": self.tenant_id, "clientSecretSecretRef": self.client_secret_secret_ref}
        missing = [k for k, v in given.items() if v is None]
        if 0 < len(missing) < 3:
            raise ValueError(f"a service principal needs clientID, tenantID and clientSecretSecretRef; add "
                             f"{', '.join(missing)}, or remove the others to use a managed identity")
        if not missing and self.managed_identity is not None:
            raise ValueError("managedIdentity cannot be used together with a service principal (clientID, tenantID, "
                             "clientSecretSecretRef); keep one")
        _default_keys(self, {"client_secret_secret_ref": "client-secret"})
        return self


class Rfc2136Solver(Model):
    """RFC 2136 dynamic updates (`dns01.rfc2136`) to an authoritative nameserver, signed with a TSIG key."""

    nameserver: str
    """Authoritative nameserver as `host[:port]` (IPv6 in brackets; port default 53). Required."""
    tsig_key_name: str | None = None
    """TSIG key name as the nameserver knows it. Default: none (unsigned updates; then no `tsigSecretSecretRef`)."""
    tsig_algorithm: Literal["HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA512"] | None = None
    """TSIG algorithm. Default: none (cert-manager's `HMACMD5`)."""
    tsig_secret_secret_ref: SecretKeyRef | None = None
    """The TSIG key's base64 secret; key default `tsig-secret-key`. Default: none."""

    _nameserver = field_validator("nameserver")(classmethod(lambda cls, v: _check_nameserver(v)))
    _key_name = field_validator("tsig_key_name")(classmethod(
        lambda cls, v: v if v is None else _check(_TSIG_KEY_NAME_RE, "a TSIG key name", "kcp-acme.", v)))

    @model_validator(mode="after")
    def _tsig(self) -> Rfc2136Solver:
        # validation/issuer.go ValidateACMEChallengeSolverDNS01, rfc2136: the key name and its secret together.
        if (self.tsig_key_name is None) != (self.tsig_secret_secret_ref is None):
            raise ValueError("tsigKeyName and tsigSecretSecretRef go together; set both to sign updates, or neither")
        if self.tsig_algorithm is not None and self.tsig_key_name is None:
            raise ValueError("tsigAlgorithm applies only to signed updates; add tsigKeyName and tsigSecretSecretRef or "
                             "remove it")
        _default_keys(self, {"tsig_secret_secret_ref": "tsig-secret-key"})
        return self


Provider = Literal["cloudflare", "route53", "cloudDNS", "azureDNS", "rfc2136"]
"""The providers `dns01` offers, by their key (cert-manager's own field names)."""


class Dns01(Model):
    """The DNS-01 solver: exactly one provider (cert-manager's ACMEChallengeSolverDNS01, of which these five)."""

    cloudflare: CloudflareSolver | None = None
    """Cloudflare with an API token or global API key. Default: none."""
    route53: Route53Solver | None = None
    """AWS Route 53. Default: none."""
    cloud_dns: CloudDnsSolver | None = Field(None, alias="cloudDNS")
    """Google Cloud DNS. Default: none."""
    azure_dns: AzureDnsSolver | None = Field(None, alias="azureDNS")
    """Azure DNS. Default: none."""
    rfc2136: Rfc2136Solver | None = None
    """An RFC 2136 nameserver (BIND, PowerDNS, Knot, ...). Default: none."""
    cname_strategy: Literal["None", "Follow"] | None = None
    """`Follow` makes cert-manager follow a CNAME at `_acme-challenge.<hostname>` into a delegated zone. Default: none
    (cert-manager's `None`: no CNAME is followed)."""

    @model_validator(mode="after")
    def _one_provider(self) -> Dns01:
        chosen = [key for key, _ in self.providers()]
        if len(chosen) != 1:
            found = f"{' and '.join(chosen)} are set" if chosen else "no provider is set"
            raise ValueError(f"{found}; set exactly one of cloudflare, route53, cloudDNS, azureDNS, rfc2136")
        return self

    def providers(self) -> list[tuple[Provider, Model]]:
        """(key, settings) of every provider that is set; exactly one after validation."""
        pairs: list[tuple[Provider, Model | None]] = [
            ("cloudflare", self.cloudflare), ("route53", self.route53), ("cloudDNS", self.cloud_dns),
            ("azureDNS", self.azure_dns), ("rfc2136", self.rfc2136)]
        return [(key, value) for key, value in pairs if value is not None]


# -- what the rest of the generator reads -------------------------------------------------------------------------


@dataclass(frozen=True)
class SolverSecret:
    """A Secret the DNS-01 solver reads, which a person creates in cert-manager's namespace."""

    name: str
    """Secret name."""
    keys: tuple[str, ...]
    """Its keys, in the order the solver's fields name them."""
    meanings: tuple[str, ...]
    """What each key holds, one per key."""
    values: tuple[str, ...]
    """`kubectl create secret generic` arguments, one per key (`--from-literal=<key>=<...>` or `--from-file=...`)."""
    purpose: str
    """Who reads it and why, one phrase."""
    fields: tuple[str, ...]
    """Topology paths of the references, e.g. `frontProxy.acme.dns01.route53.secretAccessKeySecretRef`."""

    def create(self, namespace: str) -> str:
        """The command that creates it, with placeholders in angle brackets and no value."""
        return f"kubectl -n {namespace} create secret generic {self.name} " + " ".join(self.values)


@dataclass(frozen=True)
class AcmeSolver:
    """The effective DNS-01 solver of a topology: `dns01`, or the older `cloudflare` field when `dns01` is unset."""

    provider: Provider
    """cert-manager's key of the provider."""
    path: str
    """Topology path of the provider's settings (`frontProxy.acme.dns01.route53`, or `frontProxy.acme.cloudflare`)."""
    dns01: dict
    """The rendered `spec.acme.solvers[0].dns01` block."""
    secrets: tuple[SolverSecret, ...]
    """Secrets the solver reads (none with ambient credentials)."""
    ambient: str
    """With ambient credentials: what cert-manager's ServiceAccount needs, one paragraph; otherwise empty."""
    emails: tuple[tuple[str, str], ...]
    """(topology path, value) of each e-mail that reaches the output (Cloudflare's account e-mail)."""
    hosts: tuple[tuple[str, str], ...]
    """(topology path, value) of each hostname that reaches the output (RFC 2136's nameserver, Azure's zone)."""


def check_acme(acme: Acme) -> Acme:
    """Model validator of `Acme`: `dns01` and an explicitly written `cloudflare` exclude each other, and no solver
    Secret may be the ACME account key's Secret (cert-manager would overwrite or misread it)."""
    if acme.dns01 is not None and "cloudflare" in acme.model_fields_set:
        raise ValueError("cloudflare and dns01 are both set; keep only dns01 (a Cloudflare global API key is written "
                         "dns01: {cloudflare: {email, apiKeySecretRef: {name, key}}})")
    if acme.dns01 is not None:
        for secret in acme_solver(acme).secrets:
            if secret.name == acme.account_key_secret_name:
                raise ValueError(f"{secret.fields[0].removeprefix('frontProxy.acme.')}.name {secret.name!r} is the "
                                 "ACME account key's Secret (accountKeySecretName); give the credentials Secret another name")
    return acme


def acme_solver(acme: Acme, domain: str = "") -> AcmeSolver:
    """The effective DNS-01 solver of `acme`, rendered and with the Secrets it reads; `domain` only words meanings."""
    if acme.dns01 is None:
        # The guide's solver, byte for byte as before `dns01` existed (the older field is not re-validated here).
        legacy = acme.cloudflare
        ref = SecretKeyRef.model_construct(name=legacy.api_key_secret_name, key=legacy.api_key_secret_key)
        solver = _cloudflare(CloudflareSolver.model_construct(email=legacy.email, api_key_secret_ref=ref, api_token_secret_ref=None),
                             "frontProxy.acme.cloudflare", None, acme, domain)
        secrets = tuple(replace(s, fields=("frontProxy.acme.cloudflare.apiKeySecretName",)) for s in solver.secrets)
        return replace(solver, secrets=secrets)
    provider, settings = acme.dns01.providers()[0]
    path = f"frontProxy.acme.dns01.{provider}"
    build = {"cloudflare": _cloudflare, "route53": _route53, "cloudDNS": _cloud_dns, "azureDNS": _azure_dns,
             "rfc2136": _rfc2136}[provider]
    return build(settings, path, acme.dns01.cname_strategy, acme, domain)


def _block(provider: str, config: dict, cname_strategy: str | None) -> dict:
    return {**({"cnameStrategy": cname_strategy} if cname_strategy else {}), provider: config}


def _ref(ref: SecretKeyRef) -> dict:
    return {"name": ref.name, "key": ref.key}


def _secrets(path: str, purpose: str, refs: list[tuple[str, SecretKeyRef, str, str]]) -> tuple[SolverSecret, ...]:
    """Group (field, ref, meaning, kubectl value) by Secret name, keeping field order."""
    grouped: dict[str, list[tuple[str, SecretKeyRef, str, str]]] = {}
    for item in refs:
        grouped.setdefault(item[1].name, []).append(item)
    return tuple(
        SolverSecret(name, tuple(r.key or "" for _, r, _, _ in items), tuple(m for _, _, m, _ in items),
                     tuple(v for _, _, _, v in items), purpose, tuple(f"{path}.{f}" for f, _, _, _ in items))
        for name, items in grouped.items())


def _zone(domain: str) -> str:
    return f"the zone of `{domain}`" if domain else "the front-proxy's zone"


def _cloudflare(s: CloudflareSolver, path: str, cname: str | None, acme: Acme, domain: str) -> AcmeSolver:
    config: dict = {}
    purpose = f"of the DNS-01 solver of ClusterIssuer `{acme.issuer_name}`"
    if s.api_key_secret_ref is not None:
        ref = s.api_key_secret_ref
        config = {"email": s.email, "apiKeySecretRef": _ref(ref)}
        secrets = _secrets(path, f"Cloudflare API key {purpose}", [(
            "apiKeySecretRef", ref,
            f"the global API key of the Cloudflare account `{s.email}` (it manages {_zone(domain)})",
            f"--from-literal={ref.key}=<api key>")])
        emails = ((f"{path}.email", s.email or ""),)
    else:
        ref = s.api_token_secret_ref
        assert ref is not None  # CloudflareSolver requires one of the two
        config = {"apiTokenSecretRef": _ref(ref)}
        secrets = _secrets(path, f"Cloudflare API token {purpose}", [(
            "apiTokenSecretRef", ref,
            f"a Cloudflare API token with the permissions Zone:DNS:Edit and Zone:Zone:Read on {_zone(domain)}",
            f"--from-literal={ref.key}=<api token>")])
        emails = ()
    return AcmeSolver("cloudflare", path, _block("cloudflare", config, cname), secrets, "", emails, ())


def _present(*pairs: tuple[str, object]) -> dict:
    """The pairs whose value is set, in the given order (cert-manager's type order: the rendered field order)."""
    return {key: value for key, value in pairs if value is not None}


def _route53(s: Route53Solver, path: str, cname: str | None, acme: Acme, domain: str) -> AcmeSolver:
    key_id, secret_key = s.access_key_id_secret_ref, s.secret_access_key_secret_ref
    config = _present(("accessKeyID", s.access_key_id), ("accessKeyIDSecretRef", key_id and _ref(key_id)),
                      ("secretAccessKeySecretRef", secret_key and _ref(secret_key)), ("role", s.role),
                      ("hostedZoneID", s.hosted_zone_id), ("region", s.region))
    permissions = ("route53:GetChange, route53:ChangeResourceRecordSets and route53:ListResourceRecordSets on the hosted "
                   "zone" + ("" if s.hosted_zone_id else ", and route53:ListHostedZonesByName"))
    allowed = f"to assume `{s.role}`, which holds {permissions}" if s.role else permissions
    refs = []
    if key_id is not None:
        refs.append(("accessKeyIDSecretRef", key_id, f"the access key ID of an IAM user allowed {allowed}",
                     f"--from-literal={key_id.key}=<access key id>"))
    if secret_key is not None:
        meaning = ("the secret access key of that access key ID" if key_id is not None else
                   f"the secret access key of access key ID `{s.access_key_id}` (an IAM user allowed {allowed})")
        refs.append(("secretAccessKeySecretRef", secret_key, meaning, f"--from-literal={secret_key.key}=<secret access key>"))
    ambient = "" if refs else (
        f"The Route 53 solver (`{path}`) has no access key: cert-manager uses its ambient AWS credentials. Give its "
        f"ServiceAccount `{CERT_MANAGER_SERVICE_ACCOUNT}` an IAM role allowed {allowed}: with EKS Pod Identity, an "
        "association for that ServiceAccount (nothing changes in the cluster); with IRSA, the annotation "
        "`eks.amazonaws.com/role-arn` on it, through an override of the `cert-manager` Application's Helm values "
        "(`spec.source.helm.valuesObject.serviceAccount.annotations`).")
    secrets = _secrets(path, f"AWS access key of the Route 53 DNS-01 solver of ClusterIssuer `{acme.issuer_name}`", refs)
    return AcmeSolver("route53", path, _block("route53", config, cname), secrets, ambient, (), ())


def _cloud_dns(s: CloudDnsSolver, path: str, cname: str | None, acme: Acme, domain: str) -> AcmeSolver:
    ref = s.service_account_secret_ref
    config = _present(("serviceAccountSecretRef", ref and _ref(ref)), ("project", s.project), ("hostedZoneName", s.hosted_zone_name))
    refs = [] if ref is None else [(
        "serviceAccountSecretRef", ref,
        f"the JSON key of a Google service account with the role DNS Administrator (`roles/dns.admin`) in project `{s.project}`",
        f"--from-file={ref.key}=<service account key file>")]
    ambient = "" if refs else (
        f"The Cloud DNS solver (`{path}`) has no service account key: cert-manager uses its ambient Google credentials. "
        f"With GKE Workload Identity, grant `roles/dns.admin` in project `{s.project}` to the Kubernetes ServiceAccount "
        f"`{CERT_MANAGER_SERVICE_ACCOUNT}` (principal `.../subject/ns/cert-manager/sa/cert-manager`), or bind it to a "
        "Google service account holding that role and annotate it with `iam.gke.io/gcp-service-account` through an "
        "override of the `cert-manager` Application's Helm values (`spec.source.helm.valuesObject.serviceAccount.annotations`).")
    secrets = _secrets(path, f"Google service account key of the Cloud DNS DNS-01 solver of ClusterIssuer `{acme.issuer_name}`", refs)
    return AcmeSolver("cloudDNS", path, _block("cloudDNS", config, cname), secrets, ambient, (), ())


def _azure_dns(s: AzureDnsSolver, path: str, cname: str | None, acme: Acme, domain: str) -> AcmeSolver:
    ref, identity = s.client_secret_secret_ref, s.managed_identity
    managed = identity and _present(("clientID", identity.client_id), ("resourceID", identity.resource_id),
                                    ("tenantID", identity.tenant_id))
    config = _present(("clientID", s.client_id), ("clientSecretSecretRef", ref and _ref(ref)), ("subscriptionID", s.subscription_id),
                      ("tenantID", s.tenant_id), ("resourceGroupName", s.resource_group_name),
                      ("hostedZoneName", s.hosted_zone_name), ("environment", s.environment), ("managedIdentity", managed))
    refs = [] if ref is None else [(
        "clientSecretSecretRef", ref,
        f"the client secret of the service principal `{s.client_id}`, which holds the role DNS Zone Contributor on the "
        f"zone in resource group `{s.resource_group_name}`", f"--from-literal={ref.key}=<client secret>")]
    ambient = "" if refs else (
        f"The Azure DNS solver (`{path}`) has no service principal: cert-manager uses a managed identity. Give the "
        f"identity the role DNS Zone Contributor on the zone in resource group `{s.resource_group_name}`: the "
        "cluster's default (kubelet) identity or the one `managedIdentity` names; for Azure Workload Identity, federate "
        f"it with the ServiceAccount `{CERT_MANAGER_SERVICE_ACCOUNT}` and label cert-manager's pods "
        "`azure.workload.identity/use: \"true\"` through an override of the `cert-manager` Application's Helm values "
        "(`spec.source.helm.valuesObject.podLabels`).")
    secrets = _secrets(path, f"Azure service principal secret of the Azure DNS DNS-01 solver of ClusterIssuer `{acme.issuer_name}`", refs)
    hosts = ((f"{path}.hostedZoneName", s.hosted_zone_name),) if s.hosted_zone_name else ()
    return AcmeSolver("azureDNS", path, _block("azureDNS", config, cname), secrets, ambient, (), hosts)


def _rfc2136(s: Rfc2136Solver, path: str, cname: str | None, acme: Acme, domain: str) -> AcmeSolver:
    ref = s.tsig_secret_secret_ref
    config = _present(("nameserver", s.nameserver), ("tsigSecretSecretRef", ref and _ref(ref)), ("tsigKeyName", s.tsig_key_name),
                      ("tsigAlgorithm", s.tsig_algorithm))
    refs = [] if ref is None else [(
        "tsigSecretSecretRef", ref,
        f"the base64 secret of TSIG key `{s.tsig_key_name}` ({s.tsig_algorithm or 'HMACMD5'}), as nameserver `{s.nameserver}` has it",
        f"--from-literal={ref.key}=<tsig secret>")]
    secrets = _secrets(path, f"TSIG key of the RFC 2136 DNS-01 solver of ClusterIssuer `{acme.issuer_name}`", refs)
    host = _nameserver_host(s.nameserver)
    return AcmeSolver("rfc2136", path, _block("rfc2136", config, cname), secrets, "", (), ((f"{path}.nameserver", host),))


def _nameserver_host(nameserver: str) -> str:
    """The host part of `host[:port]` (an IPv6 address without brackets)."""
    if nameserver.startswith("["):
        return nameserver[1:].partition("]")[0]
    return nameserver.partition(":")[0]

