"""The Deployments and Services kcp-operator v0.9.0 renders for a RootShard, Shard or proxy, and the Secrets they mount."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._common import (
    BUNDLE_DESIRED_REPLICAS,
    FRONT_PROXY_COMMON_NAME,
    MOUNTS_PROXY_COMMON_NAME,
    ROOT_SHARD_KUBECONFIGS,
    ROOT_SHARD_PROXY_COMMON_NAME,
    SHARD_KUBECONFIGS,
    ca_name,
    external,
    image_settings,
    merge_maps,
    proxy_names,
    resource_labels,
    root_shard_base_url,
    shard_base_url,
    supports_mounts_proxy,
)


@dataclass(frozen=True)
class SecretMount:
    """One Secret a kcp container mounts (kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/secrets.go SecretMount)."""

    volume: str
    """Volume name."""
    secret: str
    """Secret name."""
    path: str
    """Mount path in the container."""
    read_only: bool = True
    """Whether the mount is read-only (only the proxies' dynamic kubeconfig is writable)."""


_DEFAULT_RESOURCES = {"limits": {"cpu": "2", "memory": "2Gi"}, "requests": {"cpu": "1", "memory": "1Gi"}}
_SECURITY_CONTEXT = {
    "capabilities": {"drop": ["ALL"]},
    "readOnlyRootFilesystem": True,
    "allowPrivilegeEscalation": False,
    "seccompProfile": {"type": "RuntimeDefault"},
}


def _probe(path: str, *, failure: int, delay: int, period: int) -> dict:
    return {
        "httpGet": {"path": path, "port": "https", "scheme": "HTTPS"},
        "initialDelaySeconds": delay,
        "timeoutSeconds": 10,
        "periodSeconds": period,
        "successThreshold": 1,
        "failureThreshold": failure,
    }


def _effective_cache(shard_spec: dict, root_spec: dict) -> str:
    # compiledshard/deployment.go getEffectiveCacheRef: the shard's own cache reference wins over the root shard's.
    own = ((shard_spec.get("cache") or {}).get("reference") or {}).get("name")
    return own or (((root_spec.get("cache") or {}).get("reference") or {}).get("name") or "")


def _cache_mounts(cache: str) -> list[SecretMount]:
    if not cache:
        return []
    return [
        SecretMount("cache-server-kubeconfig", f"{cache}-kubeconfig", "/etc/cache-server/kubeconfig"),
        SecretMount("cache-server-ca", f"{cache}-ca", "/etc/cache-server/tls/ca/root"),
        SecretMount("cache-server-client-cert", f"{cache}-client-certificate", "/etc/cache-server/tls/client-certificate"),
    ]


def _shard_own_mounts(name: str, spec: dict, root_name: str, root_spec: dict) -> list[SecretMount]:
    # compiledshard/deployment.go DeploymentReconciler secretMounts, before the common shard configuration.
    _, _, version = image_settings(spec.get("image"))
    mounts = [SecretMount("kcp-ca", ca_name(root_name, "root"), "/etc/kcp/tls/ca/root")]
    mounts += [SecretMount(f"{c}-kubeconfig", f"{name}-{c}-kubeconfig", f"/etc/kcp/{c}-kubeconfig") for c in SHARD_KUBECONFIGS]
    mounts += [
        SecretMount(f"{ca}-ca", ca_name(root_name, ca), f"/etc/kcp/tls/ca/{ca}")
        for ca in ("server", "service-account", "requestheader-client")
    ]
    client_ca = (
        f"{name}-merged-client-ca" if root_spec.get("clientCABundleRef") or spec.get("clientCABundleRef") else ca_name(root_name, "client")
    )
    mounts.append(SecretMount("client-ca", client_ca, "/etc/kcp/tls/ca/client"))
    certs = ["server", "service-account", "client", "logical-cluster-admin", "external-logical-cluster-admin"]
    if supports_mounts_proxy(version):
        certs.append("mounts-proxy")
    mounts += [SecretMount(f"{c}-cert", f"{name}-{c}", f"/etc/kcp/tls/{c}") for c in certs]
    if spec.get("caBundleSecretRef"):
        mounts.append(SecretMount("ca-bundle", f"{name}-merged-ca-bundle", "/etc/kcp/tls/ca/ca-bundle"))
    return mounts + _cache_mounts(_effective_cache(spec, root_spec))


def shard_secret_mounts(name: str, spec: dict, root_name: str, root_spec: dict, shard_names: Iterable[str]) -> list[SecretMount]:
    """Every Secret a Shard's Deployment `<shard>-shard-kcp` mounts, in v0.9.0's volume order.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go DeploymentReconciler (CAs,
    kubeconfigs, certificates including
    `<shard>-mounts-proxy` for kcp `~0.31.6 || >=0.32.3`, `<shard>-merged-ca-bundle`, cache server), then
    utils/shard.go applyEtcdConfiguration (etcd client certificate), utils/audit.go applyAuditWebhookConfiguration
    (the audit webhook's kubeconfig Secret), utils/authentication.go (OIDC CA file, webhook, token file, and with
    auth.serviceAccount.enabled the `<root>-service-account` and `<s>-service-account` of every shard of the root
    shard, this one included). spec.extraVolumes (between audit and auth) are not listed.
    """
    return (_shard_own_mounts(name, spec, root_name, root_spec) + _etcd_mounts(spec) + _audit_webhook_mounts(spec)
            + _auth_mounts(spec.get("auth"), root_name, shard_names))


def config_map_mounts(spec: dict) -> list[str]:
    """The ConfigMaps a RootShard's or Shard's kcp container mounts: its audit policy's
    (kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/audit.go applyAuditPolicyConfiguration). spec.extraVolumes
    are not listed."""
    config_map = ((spec.get("audit") or {}).get("policy") or {}).get("configMap")
    return [config_map["name"]] if config_map else []


def _etcd_mounts(spec: dict) -> list[SecretMount]:
    tls = (spec.get("etcd") or {}).get("tlsConfig")
    return [SecretMount("etcd-client-cert", tls["secretRef"]["name"], "/etc/etcd/tls")] if tls else []


def _auth_mounts(auth: dict | None, root_name: str, shard_names: Iterable[str]) -> list[SecretMount]:
    if not auth:
        return []
    mounts = []
    ca_file = (auth.get("oidc") or {}).get("caFileRef")
    if ca_file:
        mounts.append(SecretMount("oidc-ca-file", ca_file["name"], "/etc/kcp/tls/oidc"))
    if (auth.get("webhook") or {}).get("configSecretName"):
        mounts.append(SecretMount("authentication-webhook-config", auth["webhook"]["configSecretName"], "/etc/kcp/authentication/webhook"))
    if auth.get("tokenAuthFile"):
        mounts.append(SecretMount("token-auth-file", auth["tokenAuthFile"].get("secretName", ""), "/etc/kcp/authentication/token"))
    if (auth.get("serviceAccount") or {}).get("enabled"):
        for owner in (root_name, *shard_names):
            mounts.append(SecretMount(f"{owner}-service-account", f"{owner}-service-account", f"/etc/kcp/tls/{owner}/service-account"))
    return mounts


def _auth_args(auth: dict | None, root_name: str, shard_names: Iterable[str]) -> list[str]:
    # utils/authentication.go applyOIDCConfiguration, applyAuthenticationWebhookConfiguration, applyTokenAuthFile,
    # applyServiceAccountAuthentication, in ApplyAuthConfiguration's order.
    if not auth:
        return []
    args = []
    oidc = auth.get("oidc")
    if oidc:
        for field_name, flag in (
            ("issuerURL", "issuer-url"),
            ("clientID", "client-id"),
            ("groupsClaim", "groups-claim"),
            ("usernameClaim", "username-claim"),
            ("usernamePrefix", "username-prefix"),
            ("groupsPrefix", "groups-prefix"),
        ):
            if oidc.get(field_name):
                args.append(f"--oidc-{flag}={oidc[field_name]}")
        if oidc.get("caFileRef"):
            args.append(f"--oidc-ca-file=/etc/kcp/tls/oidc/{oidc['caFileRef'].get('key', '')}")
    webhook = auth.get("webhook") or {}
    if webhook.get("cacheAuthenticationTTL"):
        args.append(f"--authentication-token-webhook-cache-ttl={webhook['cacheAuthenticationTTL']}")
    if webhook.get("version"):
        args.append(f"--authentication-token-webhook-version={webhook['version']}")
    if webhook.get("configSecretName"):
        args.append("--authentication-token-webhook-config-file=/etc/kcp/authentication/webhook/kubeconfig")
    if auth.get("tokenAuthFile"):
        args.append(f"--token-auth-file=/etc/kcp/authentication/token/{auth['tokenAuthFile'].get('key') or 'token.csv'}")
    if (auth.get("serviceAccount") or {}).get("enabled"):
        args.append("--service-account-lookup=false")
        args += [f"--service-account-key-file=/etc/kcp/tls/{owner}/service-account/tls.crt" for owner in (root_name, *shard_names)]
    return args


_AUDIT_POLICY_DIR = "/etc/kcp/audit/policy"
_AUDIT_WEBHOOK_DIR = "/etc/kcp/audit/webhook"
_AUDIT_WEBHOOK_FLAGS = (
    ("batchBufferSize", "batch-buffer-size"), ("batchMaxSize", "batch-max-size"), ("batchMaxWait", "batch-max-wait"),
    ("batchThrottleBurst", "batch-throttle-burst"), ("batchThrottleEnable", "batch-throttle-enable"),
    ("batchThrottleQPS", "batch-throttle-qps"), ("initialBackoff", "initial-backoff"), ("mode", "mode"),
    ("truncateEnabled", "truncate-enabled"), ("truncateMaxBatchSize", "truncate-max-batch-size"),
    ("truncateMaxEventSize", "truncate-max-event-sizes"), ("version", "version"),
)
"""AuditWebhookSpec field -> the `--audit-webhook-<flag>` kcp-operator v0.9.0 writes for it, in its order
(utils/audit.go applyAuditWebhookConfiguration; `-sizes` is v0.9.0's spelling, which kcp does not know)."""


def _audit_webhook_mounts(spec: dict) -> list[SecretMount]:
    name = ((spec.get("audit") or {}).get("webhook") or {}).get("configSecretName")
    return [SecretMount("audit-webhook-config", name, _AUDIT_WEBHOOK_DIR)] if name else []


def _audit(spec: dict) -> tuple[list[dict], list[dict], list[str]]:
    """Volumes, mounts and flags of spec.audit, in kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/audit.go
    applyAuditConfiguration's order: the policy ConfigMap (applyAuditPolicyConfiguration), then each webhook flag that
    is set and the webhook's kubeconfig Secret (applyAuditWebhookConfiguration)."""
    audit = spec.get("audit") or {}
    volumes, mounts, args = [], [], []
    config_map = (audit.get("policy") or {}).get("configMap")
    if config_map:
        volumes.append({"name": "audit-policy", "configMap": {"name": config_map["name"]}})
        mounts.append({"name": "audit-policy", "readOnly": True, "mountPath": _AUDIT_POLICY_DIR})
        args.append(f"--audit-policy-file={_AUDIT_POLICY_DIR}/{config_map['key']}")
    webhook = audit.get("webhook") or {}
    for field_name, flag in _AUDIT_WEBHOOK_FLAGS:
        value = webhook.get(field_name)
        if not value:  # Go's zero values (0, "", false, nil) pass no flag
            continue
        if value is True:
            args.append(f"--audit-webhook-{flag}")
        elif field_name in ("batchMaxWait", "initialBackoff"):
            # A metav1.Duration printed with %v: Go's time.Duration String form.
            args.append(f"--audit-webhook-{flag}={go_duration_text(value)}")
        else:
            args.append(f"--audit-webhook-{flag}={value}")
    if webhook.get("configSecretName"):
        args.append(f"--audit-webhook-config-file={_AUDIT_WEBHOOK_DIR}/kubeconfig")
        more_volumes, more_mounts = _volumes(_audit_webhook_mounts(spec))
        volumes += more_volumes
        mounts += more_mounts
    return volumes, mounts, args


_DURATION_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")
_NANOSECONDS = {"ns": 1, "us": 10**3, "µs": 10**3, "μs": 10**3, "ms": 10**6, "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9}


def go_duration_text(text: str) -> str:
    """A Go duration as Go's `time.Duration.String` writes it once parsed (`90s` is `1m30s`, `1h` is `1h0m0s`,
    `0.5s` is `500ms`): how kcp-operator v0.9.0 passes a metav1.Duration on as a flag."""
    body = text.lstrip("+-")
    position, total = 0, Fraction(0)
    for match in _DURATION_PART.finditer(body):
        if match.start() != position or match.group(1) in ("", "."):
            raise ValueError(f"{text!r} is not a Go duration")
        total += Fraction(match.group(1)) * _NANOSECONDS[match.group(2)]
        position = match.end()
    if body != "0" and (position != len(body) or not body):
        raise ValueError(f"{text!r} is not a Go duration")
    nanoseconds = int(total)  # Go truncates what is below a nanosecond
    return ("-" if text.startswith("-") and nanoseconds else "") + _duration_string(nanoseconds)


def _duration_string(nanoseconds: int) -> str:
    def decimal(value: int, digits: int) -> str:
        whole, rest = divmod(value, 10**digits)
        return str(whole) + ("." + str(rest).rjust(digits, "0").rstrip("0") if rest else "")

    if nanoseconds == 0:
        return "0s"
    if nanoseconds < 10**3:
        return f"{nanoseconds}ns"
    if nanoseconds < 10**6:
        return f"{decimal(nanoseconds, 3)}µs"
    if nanoseconds < 10**9:
        return f"{decimal(nanoseconds, 6)}ms"
    minutes, rest = divmod(nanoseconds, 60 * 10**9)
    text = f"{decimal(rest, 9)}s"
    if minutes:
        hours, minutes = divmod(minutes, 60)
        text = f"{minutes}m{text}"
        if hours:
            text = f"{hours}h{text}"
    return text


def _etcd_args(spec: dict) -> list[str]:
    # utils/shard.go applyEtcdConfiguration.
    etcd = spec.get("etcd") or {}
    args = [f"--etcd-servers={','.join(etcd.get('endpoints') or [])}"]
    if etcd.get("prefix"):
        args.append(f"--etcd-prefix={etcd['prefix']}")
    if etcd.get("tlsConfig"):
        args += ["--etcd-certfile=/etc/etcd/tls/tls.crt", "--etcd-keyfile=/etc/etcd/tls/tls.key", "--etcd-cafile=/etc/etcd/tls/ca.crt"]
    return args


def _logging_args(spec: dict) -> list[str]:
    level = (spec.get("logging") or {}).get("level")
    return [f"-v={level}"] if level else []


def _volumes(mounts: list[SecretMount]) -> tuple[list[dict], list[dict]]:
    volumes = [{"name": m.volume, "secret": {"secretName": m.secret}} for m in mounts]
    volume_mounts = [{"name": m.volume, "readOnly": m.read_only, "mountPath": m.path} for m in mounts]
    return volumes, volume_mounts


def _resources(override: dict | None) -> dict:
    resources = copy.deepcopy(_DEFAULT_RESOURCES)
    for field_name in ("limits", "requests"):
        resources[field_name].update((override or {}).get(field_name) or {})
    return resources


def _kcp_deployment(
    name: str,
    namespace: str,
    labels: dict,
    spec: dict,
    args: list[str],
    own_mounts: list[SecretMount],
    *,
    current_replicas: int | None,
    bundled: bool,
    root_name: str,
    shard_names: list[str],
) -> dict:
    """What compiledshard/compiledrootshard DeploymentReconciler produce once utils/shard.go and utils/deployments.go
    (ApplyCommonShardDeploymentProperties, ApplyCommonShardConfig, ApplyDeploymentTemplate, ApplyAuthConfiguration)
    and the bundle scale-down have run, in that order."""
    image, pull_secrets, _ = image_settings(spec.get("image"))
    volumes, volume_mounts = _volumes(own_mounts + _etcd_mounts(spec))
    # utils/shard.go ApplyCommonShardConfig: etcd, then audit, then (not modelled) authorization, then extraVolumes.
    audit_volumes, audit_mounts, audit_args = _audit(spec)
    volumes += audit_volumes
    volume_mounts += audit_mounts
    volumes += copy.deepcopy(spec.get("extraVolumes") or [])
    volume_mounts += copy.deepcopy(spec.get("extraVolumeMounts") or [])
    container = {
        "name": "kcp",
        "image": image,
        "command": ["/kcp", "start"],
        "args": [*args, *_etcd_args(spec), *audit_args],
        "ports": [{"name": "https", "containerPort": 6443, "protocol": "TCP"}],
        "resources": _resources(spec.get("resources")),
        "volumeMounts": volume_mounts,
        "livenessProbe": _probe("/livez", failure=6, delay=10, period=10),
        "readinessProbe": _probe("/readyz", failure=6, delay=10, period=10),
        "startupProbe": _probe("/readyz", failure=60, delay=10, period=5),
        "securityContext": copy.deepcopy(_SECURITY_CONTEXT),
    }
    # ApplyCommonShardConfig: an explicit spec.replicas wins, else what the Deployment has, else 2.
    replicas = spec["replicas"] if spec.get("replicas") is not None else (current_replicas if current_replicas is not None else 2)
    pod: dict[str, Any] = {"volumes": volumes, "containers": [container]}
    if pull_secrets:
        pod["imagePullSecrets"] = pull_secrets
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace, "labels": dict(labels)},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": dict(labels)},
            "template": {"metadata": {"labels": dict(labels)}, "spec": pod},
        },
    }
    _apply_deployment_template(deployment, spec.get("deploymentTemplate"))
    auth_volumes, auth_mounts = _volumes(_auth_mounts(spec.get("auth"), root_name, shard_names))
    pod["volumes"] += auth_volumes
    container["volumeMounts"] += auth_mounts
    container["args"] += _auth_args(spec.get("auth"), root_name, shard_names)
    if bundled:
        _scale_to_zero_for_bundle(deployment)
    return deployment


def _apply_deployment_template(deployment: dict, template: dict | None) -> None:
    # utils/deployments.go ApplyDeploymentTemplate.
    if not template:
        return
    for target, source in (
        (deployment["metadata"], template.get("metadata") or {}),
        (deployment["spec"]["template"]["metadata"], (((template.get("spec") or {}).get("template") or {}).get("metadata") or {})),
    ):
        for field_name in ("annotations", "labels"):
            merged = merge_maps(target.get(field_name), source.get(field_name))
            if merged:
                target[field_name] = merged
    # A present pod spec, even an empty one, replaces all six fields (applyPodSpecTemplate runs for any non-nil spec).
    pod_template = ((template.get("spec") or {}).get("template") or {}).get("spec")
    if pod_template is not None:
        pod = deployment["spec"]["template"]["spec"]
        for field_name in ("affinity", "nodeSelector", "tolerations", "hostAliases", "imagePullSecrets", "topologySpreadConstraints"):
            if pod_template.get(field_name):
                pod[field_name] = copy.deepcopy(pod_template[field_name])
            else:
                pod.pop(field_name, None)


def _scale_to_zero_for_bundle(deployment: dict) -> None:
    # compiledshard/deployment.go (and the root shard and proxy renderers): keep the count in an annotation for the
    # bundle, run nothing locally.
    replicas = deployment["spec"].get("replicas") or 0
    if replicas > 0:
        deployment["metadata"].setdefault("annotations", {})[BUNDLE_DESIRED_REPLICAS] = str(replicas)
    deployment["spec"]["replicas"] = 0


def shard_deployment(
    name: str,
    namespace: str,
    spec: dict,
    root_name: str,
    root_spec: dict,
    shard_names: Iterable[str],
    *,
    bundled: bool = False,
    current_replicas: int | None = None,
) -> dict:
    """The Deployment `<shard>-shard-kcp`, without revision labels.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go DeploymentReconciler, getArgs.
    """
    shard_names = list(shard_names)
    _, _, version = image_settings(spec.get("image"))
    cache = _effective_cache(spec, root_spec)
    hostname, port = external(root_spec)
    args = [
        *_serving_args(),
        f"--shard-name={name}",
        f"--shard-base-url={shard_base_url(name, namespace, spec)}",
        f"--shard-external-url=https://{hostname}:{port}",
        f"--external-hostname={hostname}",
        f"--cache-kubeconfig={'/etc/cache-server/kubeconfig' if cache else '/etc/kcp/client-kubeconfig'}/kubeconfig",
        "--root-shard-kubeconfig-file=/etc/kcp/client-kubeconfig/kubeconfig",
        "--logical-cluster-admin-kubeconfig=/etc/kcp/logical-cluster-admin-kubeconfig/kubeconfig",
        "--external-logical-cluster-admin-kubeconfig=/etc/kcp/external-logical-cluster-admin-kubeconfig/kubeconfig",
        "--batteries-included=workspace-types",
        "--root-directory=",
        "--enable-leader-election=true",
        "--logging-format=json",
    ]
    if supports_mounts_proxy(version):
        args += [
            "--mount-proxy-client-cert-file=/etc/kcp/tls/mounts-proxy/tls.crt",
            "--mount-proxy-client-key-file=/etc/kcp/tls/mounts-proxy/tls.key",
        ]
    args += _logging_args(spec) + list(spec.get("extraArgs") or [])
    return _kcp_deployment(
        f"{name}-shard-kcp",
        namespace,
        resource_labels(name, "shard"),
        spec,
        args,
        _shard_own_mounts(name, spec, root_name, root_spec),
        current_replicas=current_replicas,
        bundled=bundled,
        root_name=root_name,
        shard_names=shard_names,
    )


def root_shard_secret_mounts(name: str, spec: dict) -> list[SecretMount]:
    """The Secrets `<root>-kcp` mounts before etcd and auth.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/deployment.go DeploymentReconciler.

    The etcd client certificate, the audit webhook's Secret and the auth Secrets follow, as for a shard (see
    `shard_secret_mounts`).
    """
    mounts = [SecretMount("kcp-ca", ca_name(name, "root"), "/etc/kcp/tls/ca/root")]
    mounts += [SecretMount(f"{c}-kubeconfig", f"{name}-{c}-kubeconfig", f"/etc/kcp/{c}-kubeconfig") for c in ROOT_SHARD_KUBECONFIGS]
    mounts += [
        SecretMount(f"{ca}-ca", ca_name(name, ca), f"/etc/kcp/tls/ca/{ca}") for ca in ("server", "service-account", "requestheader-client")
    ]
    mounts.append(
        SecretMount(
            "client-ca", f"{name}-merged-client-ca" if spec.get("clientCABundleRef") else ca_name(name, "client"), "/etc/kcp/tls/ca/client"
        )
    )
    mounts += [
        SecretMount(f"{c}-cert", f"{name}-{c}", f"/etc/kcp/tls/{c}")
        for c in ("server", "service-account", "client", "logical-cluster-admin", "external-logical-cluster-admin")
    ]
    if spec.get("caBundleSecretRef"):
        mounts.append(SecretMount("ca-bundle", f"{name}-merged-ca-bundle", "/etc/kcp/tls/ca/ca-bundle"))
    return mounts + _cache_mounts(((spec.get("cache") or {}).get("reference") or {}).get("name") or "")


def root_shard_deployment(
    name: str, namespace: str, spec: dict, shard_names: Iterable[str], *, bundled: bool = False, current_replicas: int | None = None
) -> dict:
    """The Deployment `<root>-kcp`, without revision labels.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/deployment.go DeploymentReconciler, getArgs.
    """
    shard_names = list(shard_names)
    hostname, port = external(spec)
    args = [
        *_serving_args(),
        f"--shard-base-url={root_shard_base_url(name, namespace, spec)}",
        f"--shard-external-url=https://{hostname}:{port}",
        "--logical-cluster-admin-kubeconfig=/etc/kcp/logical-cluster-admin-kubeconfig/kubeconfig",
        "--external-logical-cluster-admin-kubeconfig=/etc/kcp/external-logical-cluster-admin-kubeconfig/kubeconfig",
        "--batteries-included=workspace-types",
        "--root-directory=",
        "--enable-leader-election=true",
        "--logging-format=json",
        *_logging_args(spec),
        *(spec.get("extraArgs") or []),
    ]
    if ((spec.get("cache") or {}).get("reference") or {}).get("name"):
        args.append("--cache-kubeconfig=/etc/cache-server/kubeconfig/kubeconfig")
    # A bundled RootShard scales its Deployment to 0 as well (compiledrootshard/deployment.go).
    return _kcp_deployment(
        f"{name}-kcp",
        namespace,
        resource_labels(name, "rootshard"),
        spec,
        args,
        root_shard_secret_mounts(name, spec),
        current_replicas=current_replicas,
        bundled=bundled,
        root_name=name,
        shard_names=shard_names,
    )


def proxy_secret_mounts(root_name: str, root_spec: dict, front_proxy: str | None, fp_spec: dict | None) -> list[SecretMount]:
    """The Secrets a front-proxy (or the root shard's proxy) mounts.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/deployment.go deploymentReconciler.
    """
    names = proxy_names(root_name, front_proxy)
    spec = (fp_spec or {}) if front_proxy else (root_spec.get("proxy") or {})
    _, _, version = image_settings(spec.get("image"))
    mounts = [
        SecretMount(names["dynamic-kubeconfig"], names["dynamic-kubeconfig"], "/etc/kcp-front-proxy/kubeconfig", read_only=False),
        SecretMount(
            names["cert-prefix"] + "kubeconfig", names["cert-prefix"] + "kubeconfig", "/etc/kcp-front-proxy/kubeconfig-client-cert"
        ),
        SecretMount(names["cert-prefix"] + "server", names["cert-prefix"] + "server", "/etc/kcp-front-proxy/tls"),
        SecretMount(
            names["cert-prefix"] + "requestheader", names["cert-prefix"] + "requestheader", "/etc/kcp-front-proxy/requestheader-client"
        ),
        SecretMount(ca_name(root_name, "root"), ca_name(root_name, "root"), "/etc/kcp/tls/ca"),
    ]
    if supports_mounts_proxy(version):
        rh = ca_name(root_name, "requestheader-client")
        mounts.append(SecretMount(rh, rh, "/etc/kcp/tls/ca/requestheader-client"))
    ca_bundle = (fp_spec or {}).get("caBundleSecretRef") if front_proxy else root_spec.get("caBundleSecretRef")
    if ca_bundle:
        mounts.append(SecretMount(names["merged-ca-bundle"], names["merged-ca-bundle"], "/etc/kcp/tls/ca/ca-bundle"))
    mounts.append(SecretMount(names["merged-client-ca"], names["merged-client-ca"], "/etc/kcp-front-proxy/client-ca"))
    return mounts


def proxy_deployment(
    root_name: str,
    namespace: str,
    root_spec: dict,
    front_proxy: str | None = None,
    fp_spec: dict | None = None,
    *,
    shard_names: Iterable[str] = (),
    bundled: bool = False,
    current_replicas: int | None = None,
) -> dict:
    """The Deployment of a FrontProxy (`<fp>-front-proxy`) or of the root shard's proxy (`<root>-proxy`).

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/deployment.go deploymentReconciler and getArgs.
    """
    names = proxy_names(root_name, front_proxy)
    spec = (fp_spec or {}) if front_proxy else (root_spec.get("proxy") or {})
    labels = resource_labels(front_proxy, "front-proxy") if front_proxy else resource_labels(root_name, "rootshard-proxy")
    image, pull_secrets, version = image_settings(spec.get("image"))
    common_name = FRONT_PROXY_COMMON_NAME if front_proxy else ROOT_SHARD_PROXY_COMMON_NAME
    args = [
        "--secure-port=6443",
        "--root-kubeconfig=/etc/kcp-front-proxy/kubeconfig/kubeconfig",
        "--shards-kubeconfig=/etc/kcp-front-proxy/kubeconfig/kubeconfig",
        "--tls-private-key-file=/etc/kcp-front-proxy/tls/tls.key",
        "--tls-cert-file=/etc/kcp-front-proxy/tls/tls.crt",
        "--mapping-file=/etc/kcp-front-proxy/config/path-mapping.yaml",
        "--client-ca-file=/etc/kcp-front-proxy/client-ca/tls.crt",
    ]
    if supports_mounts_proxy(version):
        args += [
            "--requestheader-client-ca-file=/etc/kcp/tls/ca/requestheader-client/tls.crt",
            f"--requestheader-allowed-names={common_name},{MOUNTS_PROXY_COMMON_NAME}",
            "--requestheader-username-headers=X-Remote-User",
            "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        ]
    auth = spec.get("auth") if front_proxy else None
    if auth and auth.get("dropGroups") is not None:
        args.append(f'--authentication-drop-groups="{",".join(auth["dropGroups"])}"')
    if auth and auth.get("passOnGroups") is not None:
        args.append(f'--authentication-pass-on-groups="{",".join(auth["passOnGroups"])}"')
    args += _logging_args(spec) + list(spec.get("extraArgs") or [])
    mounts = proxy_secret_mounts(root_name, root_spec, front_proxy, fp_spec)
    volumes, volume_mounts = _volumes(mounts)
    volumes = copy.deepcopy(spec.get("extraVolumes") or []) + volumes + [{"name": names["config"], "configMap": {"name": names["config"]}}]
    volume_mounts = (
        copy.deepcopy(spec.get("extraVolumeMounts") or [])
        + volume_mounts
        + [{"name": names["config"], "readOnly": True, "mountPath": "/etc/kcp-front-proxy/config"}]
    )
    container = {
        "name": "kcp-front-proxy",
        "image": image,
        "command": ["/kcp-front-proxy"],
        "args": args,
        "ports": [{"name": "https", "containerPort": 6443, "protocol": "TCP"}],
        "volumeMounts": volume_mounts,
        "livenessProbe": _probe("/livez", failure=3, delay=15, period=10),
        "readinessProbe": _probe("/readyz", failure=3, delay=15, period=10),
        "securityContext": copy.deepcopy(_SECURITY_CONTEXT),
    }
    if spec.get("resources"):
        container["resources"] = copy.deepcopy(spec["resources"])
    replicas = spec["replicas"] if spec.get("replicas") is not None else (current_replicas if current_replicas is not None else 2)
    pod: dict[str, Any] = {"volumes": volumes, "containers": [container]}
    if pull_secrets:
        pod["imagePullSecrets"] = pull_secrets
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": names["deployment"], "namespace": namespace},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": dict(labels)},
            "template": {"metadata": {"labels": dict(labels)}, "spec": pod},
        },
    }
    _apply_deployment_template(deployment, spec.get("deploymentTemplate"))
    if front_proxy:
        container["args"] += _auth_args(auth, root_name, list(shard_names))
        extra_volumes, extra_mounts = _volumes(_auth_mounts(auth, root_name, list(shard_names)))
        pod["volumes"] += extra_volumes
        container["volumeMounts"] += extra_mounts
    if bundled:
        _scale_to_zero_for_bundle(deployment)
    return deployment


def _ports(*entries: tuple[str, int, int]) -> list[dict]:
    return [{"name": n, "protocol": "TCP", "appProtocol": "https", "port": p, "targetPort": t} for n, p, t in entries]


def _service(name: str, namespace: str, labels: dict, ports: list[dict], template: dict | None) -> dict:
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": namespace, "labels": dict(labels)},
        "spec": {"type": "ClusterIP", "ports": ports, "selector": dict(labels)},
    }
    # utils/services.go ApplyServiceTemplate.
    if template:
        tmeta = template.get("metadata") or {}
        for field_name in ("annotations", "labels"):
            merged = merge_maps(service["metadata"].get(field_name), tmeta.get(field_name))
            if merged:
                service["metadata"][field_name] = merged
        tspec = template.get("spec") or {}
        if tspec.get("type"):
            service["spec"]["type"] = tspec["type"]
        if tspec.get("clusterIP"):
            service["spec"]["clusterIP"] = tspec["clusterIP"]
    return service


def shard_service(name: str, namespace: str, spec: dict) -> dict:
    """The Service `<shard>-shard-kcp`: 6443 `https` and, without an external VirtualWorkspace, 6444
    `https-virtual-workspaces`; type ClusterIP unless spec.serviceTemplate says otherwise
    (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/service.go ServiceReconciler)."""
    ports = [("https", 6443, 6443)] + ([] if spec.get("kcpVirtualWorkspace") else [("https-virtual-workspaces", 6444, 6444)])
    return _service(f"{name}-shard-kcp", namespace, resource_labels(name, "shard"), _ports(*ports), spec.get("serviceTemplate"))


def root_shard_service(name: str, namespace: str, spec: dict) -> dict:
    """The Service `<root>-kcp` (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/service.go), ports as for a shard."""
    ports = [("https", 6443, 6443)] + ([] if spec.get("kcpVirtualWorkspace") else [("https-virtual-workspaces", 6444, 6444)])
    return _service(f"{name}-kcp", namespace, resource_labels(name, "rootshard"), _ports(*ports), spec.get("serviceTemplate"))


def proxy_service(root_name: str, namespace: str, root_spec: dict, front_proxy: str | None = None, fp_spec: dict | None = None) -> dict:
    """The Service of a FrontProxy or the root shard's proxy.

    kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledfrontproxy/service.go serviceReconciler.
    """
    names = proxy_names(root_name, front_proxy)
    if front_proxy:
        fp_spec = fp_spec or {}
        # utils/frontproxy.go GetFrontProxyExternalPort: the FrontProxy's port, its deprecated hostname's, the root's, 6443.
        port = int((fp_spec.get("external") or {}).get("port") or 0)
        if not port and fp_spec.get("externalHostname"):
            tail = fp_spec["externalHostname"].rsplit(":", 1)
            port = int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else 6443
        port = port or external(root_spec)[1] or 6443
        labels, template = resource_labels(front_proxy, "front-proxy"), fp_spec.get("serviceTemplate")
    else:
        port, labels, template = 6443, resource_labels(root_name, "rootshard-proxy"), (root_spec.get("proxy") or {}).get("serviceTemplate")
    return _service(names["service"], namespace, labels, _ports(("https", port, 6443)), template)


def _serving_args() -> list[str]:
    """The TLS, CA and service-account flags the root shard's and a shard's kcp container share, file for file
    (kcp-dev/kcp-operator@v0.9.0: compiledrootshard/deployment.go and compiledshard/deployment.go getArgs list the same
    mounts in the same order)."""
    return [
        "--root-ca-file=/etc/kcp/tls/ca/root/tls.crt",
        "--client-ca-file=/etc/kcp/tls/ca/client/tls.crt",
        "--requestheader-client-ca-file=/etc/kcp/tls/ca/requestheader-client/tls.crt",
        f"--requestheader-allowed-names={FRONT_PROXY_COMMON_NAME},{ROOT_SHARD_PROXY_COMMON_NAME}",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--tls-private-key-file=/etc/kcp/tls/server/tls.key",
        "--tls-cert-file=/etc/kcp/tls/server/tls.crt",
        "--service-account-key-file=/etc/kcp/tls/service-account/tls.crt",
        "--service-account-private-key-file=/etc/kcp/tls/service-account/tls.key",
        "--service-account-lookup=false",
        "--shard-client-key-file=/etc/kcp/tls/client/tls.key",
        "--shard-client-cert-file=/etc/kcp/tls/client/tls.crt",
    ]
