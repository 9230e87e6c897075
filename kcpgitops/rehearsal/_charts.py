"""The pinned Helm charts as Argo CD would render them, reduced to the objects that matter to ordering and health.

Argo CD renders a Helm source with `helm template` (argoproj/argo-cd@v3.5.1:util/helm/helm.go `template()`; CRDs from a
chart's `crds/` directory are included); this module returns, for the three pinned charts only, the objects of that
output that the rehearsal needs, built from the charts' templates at the pinned tags:

- cert-manager v1.18.2 (jetstack, `deploy/charts/cert-manager` at cert-manager/cert-manager@v1.18.2): the CRDs when
  `crds.enabled` (or the deprecated `installCRDs`) is set (taken from `vendor/crds/cert-manager-v1.18.6`, identical
  for v1.18.0-v1.18.6), the ServiceAccounts, the controller, webhook and cainjector
  Deployments with their Services, the controller ConfigMap when `config` is set, and the webhook's Validating and
  Mutating webhook configurations. Left out: RBAC (the stand-ins act whatever the RBAC), PodDisruptionBudgets,
  NetworkPolicies, PodSecurityPolicies, ServiceMonitor/PodMonitor, and the `startupapicheck` Job, a `post-install`
  Helm hook (Argo CD runs it as a PostSync hook) that only waits for the webhook to answer, which the rehearsal's
  webhook does as soon as its Deployment is ready.
- sealed-secrets 2.18.5 (`helm/sealed-secrets` at bitnami-labs/sealed-secrets@helm-v2.18.5, controller v0.36.6): the
  SealedSecret CRD (`crds/`), ServiceAccount, controller Deployment and its two Services. Left out: RBAC (ClusterRole
  `secrets-unsealer`, key-admin and service-proxier Roles and bindings), Ingress, NetworkPolicy, PDB, dashboards,
  ServiceMonitor and `extraDeploy`, none of which a rollout waits on.
- etcd-druid v0.33.0 (`charts/` at gardener/etcd-druid@v0.33.0): ServiceAccount, the operator-configuration
  ConfigMap rendered from `operatorConfig` as `charts/templates/_helpers.tpl` `operator.config.data` does, the
  Deployment, Service, and, with `etcdComponentProtection` enabled, the webhook Secret and configuration. The chart
  ships no CRDs (`charts/crds/` is filled only by `hack/prepare-chart-resources.sh` for local e2e runs); its webhook
  PKI files are absent from the published chart too, so the Secret's data is empty, as `.Files.Get` of a missing file
  makes it. Left out: the ClusterRole and its binding.

Values are merged over the defaults of each chart's `values.yaml`; only the values these objects read are modelled
(a value the model does not read is ignored, where the real `values.schema.json` of cert-manager may reject it).
Argo CD's tracking labels are added by the Argo CD model, not here. Output is deterministic and always a fresh copy.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

from kcpgitops.yaml_cache import load_documents

from ._api import clone

__all__ = ["CERT_MANAGER", "ETCD_DRUID", "SEALED_SECRETS", "ChartRef", "PinnedCharts"]

_VENDOR = Path(__file__).resolve().parents[2] / "vendor"


@dataclass(frozen=True)
class ChartRef:
    """One pinned chart as an Argo CD Helm source names it."""

    repo_url: str
    """`spec.source.repoURL` (OCI repositories without the `oci://` scheme, as Argo CD takes them)."""
    chart: str
    """`spec.source.chart`."""
    version: str
    """`spec.source.targetRevision`: the chart version."""
    app_version: str
    """The chart's appVersion (the controller's version)."""


CERT_MANAGER = ChartRef("https://charts.jetstack.io", "cert-manager", "v1.18.2", "v1.18.2")
"""cert-manager's chart; chart and app versions are the same."""
SEALED_SECRETS = ChartRef("https://bitnami-labs.github.io/sealed-secrets", "sealed-secrets", "2.18.5", "0.36.6")
"""The Sealed Secrets chart 2.18.5 (controller v0.36.6)."""
ETCD_DRUID = ChartRef("europe-docker.pkg.dev/gardener-project/releases/charts/gardener", "etcd-druid", "v0.33.0", "v0.33.0")
"""etcd-druid's OCI chart, published per release by gardener/etcd-druid@v0.33.0:.github/workflows/base.yaml (`helmcharts`)."""


def _normalise_repo(url: str) -> str:
    return url.removeprefix("oci://").rstrip("/")


def _same_version(a: str, b: str) -> bool:
    # Helm resolves chart versions as semver, where a leading "v" does not count.
    return a.removeprefix("v") == b.removeprefix("v")


@dataclass
class PinnedCharts:
    """Renders the pinned charts; anything else is not available (as a repository without that chart version)."""

    vendor: Path = _VENDOR
    """The vendored upstream files (CRDs)."""
    charts: tuple[ChartRef, ...] = field(default=(CERT_MANAGER, SEALED_SECRETS, ETCD_DRUID))
    """The charts this model knows."""

    def find(self, repo_url: str, chart: str, version: str) -> ChartRef:
        """The pinned chart behind a Helm source, or LookupError."""
        for ref in self.charts:
            if _normalise_repo(repo_url) == _normalise_repo(ref.repo_url) and chart == ref.chart and _same_version(version, ref.version):
                return ref
        raise LookupError(f"chart {chart} {version} not available from {repo_url}")

    def render(self, repo_url: str, chart: str, version: str, release_name: str, namespace: str, values: dict | None) -> list[dict]:
        """The chart's objects for this release (deep copies, stable order); LookupError for an unknown chart or version.

        ValueError carries a chart's own `fail` message (what `helm template` would exit with).
        """
        ref = self.find(repo_url, chart, version)
        builder = {CERT_MANAGER.chart: self._cert_manager, SEALED_SECRETS.chart: self._sealed_secrets, ETCD_DRUID.chart: self._etcd_druid}
        return clone(builder[ref.chart](ref, release_name, namespace, values or {}))

    def controller_deployment(
        self, repo_url: str, chart: str, version: str, release_name: str, namespace: str, values: dict | None
    ) -> tuple[str, str]:
        """(namespace, name) of the chart's controller Deployment, the one its stand-in waits for."""
        component = {CERT_MANAGER.chart: "controller", SEALED_SECRETS.chart: None, ETCD_DRUID.chart: None}
        ref = self.find(repo_url, chart, version)
        for obj in self.render(repo_url, chart, version, release_name, namespace, values):
            if obj["kind"] != "Deployment":
                continue
            if component[ref.chart] is None or obj["metadata"]["labels"].get("app.kubernetes.io/component") == component[ref.chart]:
                return obj["metadata"]["namespace"], obj["metadata"]["name"]
        raise LookupError(f"chart {chart} {version} renders no controller Deployment with these values")

    # -- cert-manager ------------------------------------------------------------------------------------------

    def _cert_manager(self, ref: ChartRef, release: str, release_ns: str, user: dict) -> list[dict]:
        v = _merge(_CERT_MANAGER_DEFAULTS, user)
        # deploy/charts/cert-manager/templates/_helpers.tpl `cert-manager.crd-check`.
        if v["installCRDs"] and v["crds"]["enabled"]:
            raise ValueError(
                "ERROR: the deprecated .installCRDs option cannot be enabled at the same time as its replacement .crds.enabled"
            )
        if v["installCRDs"] and not v["crds"]["keep"]:
            raise ValueError("ERROR: .crds.keep is not compatible with .installCRDs, please use .crds.enabled and .crds.keep instead")
        name = _trunc(v["nameOverride"] or ref.chart)
        full = _fullname(release, ref.chart, v)
        webhook = _trunc(_trunc(full, 55) + "-webhook")
        cainjector = _trunc(_trunc(full, 52) + "-cainjector")
        ns = v["namespace"] or release_ns
        common = {"app.kubernetes.io/version": ref.app_version}
        if v["creator"] == "helm":
            common |= {"app.kubernetes.io/managed-by": "Helm", "helm.sh/chart": _trunc(f"{ref.chart}-{ref.version}".replace("+", "_"))}
        common |= v["global"]["commonLabels"]

        def labels(app: str, component: str) -> dict:
            return {
                "app": app,
                "app.kubernetes.io/name": app,
                "app.kubernetes.io/instance": release,
                "app.kubernetes.io/component": component,
                **common,
            }

        def selector(app: str, component: str) -> dict:
            return {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": release, "app.kubernetes.io/component": component}

        out: list[dict] = []
        if v["crds"]["enabled"] or v["installCRDs"]:
            out += self._cert_manager_crds(labels(name, "crds"), keep=v["crds"]["keep"])

        def account(section: dict, default: str, app: str, component: str) -> str:
            sa = section["serviceAccount"]
            if not sa["create"]:
                return sa.get("name") or "default"
            account_name = sa.get("name") or default
            out.append(
                _object(
                    "v1",
                    "ServiceAccount",
                    account_name,
                    ns,
                    labels(app, component),
                    automountServiceAccountToken=sa["automountServiceAccountToken"],
                )
            )
            return account_name

        cainjector_on = v["cainjector"]["enabled"]
        if cainjector_on:
            cainjector_sa = account(v["cainjector"], cainjector, "cainjector", "cainjector")
        controller_sa = account(v, full, name, "controller")
        webhook_sa = account(v["webhook"], webhook, "webhook", "webhook")
        if v["config"]:
            out.append(_object("v1", "ConfigMap", full, ns, labels(name, "controller"), data={"config.yaml": _yaml_text(v["config"])}))
        if v["webhook"]["config"]:
            out.append(
                _object(
                    "v1", "ConfigMap", webhook, ns, labels("webhook", "webhook"), data={"config.yaml": _yaml_text(v["webhook"]["config"])}
                )
            )
        prometheus = v["prometheus"]["enabled"] and not v["prometheus"]["podmonitor"]["enabled"]
        if cainjector_on and prometheus:
            out.append(
                _service(
                    cainjector,
                    ns,
                    labels("cainjector", "cainjector"),
                    selector("cainjector", "cainjector"),
                    [{"protocol": "TCP", "port": 9402, "name": "http-metrics"}],
                )
            )
        if prometheus:
            out.append(
                _service(
                    full,
                    ns,
                    labels(name, "controller"),
                    selector(name, "controller"),
                    [
                        {
                            "protocol": "TCP",
                            "port": 9402,
                            "name": "tcp-prometheus-servicemonitor",
                            "targetPort": v["prometheus"]["servicemonitor"]["targetPort"],
                        }
                    ],
                )
            )
        webhook_ports = [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": "https"}]
        if prometheus:
            webhook_ports.append({"name": "metrics", "port": 9402, "protocol": "TCP", "targetPort": "http-metrics"})
        out.append(
            _service(
                webhook,
                ns,
                labels("webhook", "webhook"),
                selector("webhook", "webhook"),
                webhook_ports,
                service_type=v["webhook"]["serviceType"],
            )
        )

        image = functools.partial(_image, default_tag=ref.app_version)
        log_level = [f"--v={v['global']['logLevel']}"] if str(v["global"]["logLevel"]) != "" else []
        election = v["global"]["leaderElection"]
        election_args = [f"--leader-election-namespace={election['namespace']}"] if election else []
        if cainjector_on:
            c = v["cainjector"]
            args = [
                *log_level,
                *(["--config=/var/cert-manager/config/config.yaml"] if c["config"] else []),
                *election_args,
                *([f"--feature-gates={c['featureGates']}"] if c["featureGates"] else []),
                *c["extraArgs"],
                *([] if v["prometheus"]["enabled"] else ["--metrics-listen-address=0"]),
            ]
            out.append(
                _deployment(
                    cainjector,
                    ns,
                    labels("cainjector", "cainjector"),
                    selector("cainjector", "cainjector"),
                    c["replicaCount"],
                    cainjector_sa,
                    f"{ref.chart}-cainjector",
                    image(c["image"]),
                    args,
                    c,
                    [],
                )
            )
        resource_ns = v["clusterResourceNamespace"] or "$(POD_NAMESPACE)"
        solver = v["acmesolver"]["image"]
        args = [
            *log_level,
            *(["--config=/var/cert-manager/config/config.yaml"] if v["config"] else []),
            f"--cluster-resource-namespace={resource_ns}",
            *election_args,
            f"--acme-http01-solver-image={image(solver)}",
            *v["extraArgs"],
            *([f"--feature-gates={v['featureGates']}"] if v["featureGates"] else []),
            *([f"--max-concurrent-challenges={v['maxConcurrentChallenges']}"] if v["maxConcurrentChallenges"] else []),
            *(["--enable-certificate-owner-ref=true"] if v["enableCertificateOwnerRef"] else []),
            *(["--controllers=-certificaterequests-approver"] if v["disableAutoApproval"] else []),
        ]
        volumes = [{"name": "config", "configMap": {"name": full}}] if v["config"] else []
        out.append(
            _deployment(
                full,
                ns,
                labels(name, "controller"),
                selector(name, "controller"),
                v["replicaCount"],
                controller_sa,
                f"{ref.chart}-controller",
                image(v["image"]),
                args,
                v,
                volumes,
                ports=[
                    {"containerPort": 9402, "name": "http-metrics", "protocol": "TCP"},
                    {"containerPort": 9403, "name": "http-healthz", "protocol": "TCP"},
                ],
            )
        )
        w = v["webhook"]
        args = [
            *log_level,
            *(["--config=/var/cert-manager/config/config.yaml"] if w["config"] else []),
            f"--secure-port={w['securePort']}",
            *([f"--feature-gates={w['featureGates']}"] if w["featureGates"] else []),
            "--dynamic-serving-ca-secret-namespace=$(POD_NAMESPACE)",
            f"--dynamic-serving-ca-secret-name={webhook}-ca",
            f"--dynamic-serving-dns-names={webhook}",
            f"--dynamic-serving-dns-names={webhook}.$(POD_NAMESPACE)",
            f"--dynamic-serving-dns-names={webhook}.$(POD_NAMESPACE).svc",
            *w["extraArgs"],
            *([] if v["prometheus"]["enabled"] else ["--metrics-listen-address=0"]),
        ]
        volumes = [{"name": "config", "configMap": {"name": webhook}}] if w["config"] else []
        out.append(
            _deployment(
                webhook,
                ns,
                labels("webhook", "webhook"),
                selector("webhook", "webhook"),
                w["replicaCount"],
                webhook_sa,
                f"{ref.chart}-webhook",
                image(w["image"]),
                args,
                w,
                volumes,
                ports=[
                    {"name": "https", "protocol": "TCP", "containerPort": w["securePort"]},
                    {"name": "healthcheck", "protocol": "TCP", "containerPort": 6080},
                ],
            )
        )
        inject = {"cert-manager.io/inject-ca-from-secret": f"{ns}/{webhook}-ca"}
        client = {"service": {"name": webhook, "namespace": ns, "path": "/validate"}}
        out.append(
            _object(
                "admissionregistration.k8s.io/v1",
                "ValidatingWebhookConfiguration",
                webhook,
                "",
                labels("webhook", "webhook"),
                annotations=inject,
                webhooks=[
                    {
                        "name": "webhook.cert-manager.io",
                        "namespaceSelector": w["validatingWebhookConfiguration"]["namespaceSelector"],
                        "rules": [
                            {
                                "apiGroups": ["cert-manager.io", "acme.cert-manager.io"],
                                "apiVersions": ["v1"],
                                "operations": ["CREATE", "UPDATE"],
                                "resources": ["*/*"],
                            }
                        ],
                        "admissionReviewVersions": ["v1"],
                        "matchPolicy": "Equivalent",
                        "timeoutSeconds": w["timeoutSeconds"],
                        "failurePolicy": "Fail",
                        "sideEffects": "None",
                        "clientConfig": client,
                    }
                ],
            )
        )
        mutate = {"service": {**client["service"], "path": "/mutate"}}
        mutating = {
            "name": "webhook.cert-manager.io",
            "rules": [
                {"apiGroups": ["cert-manager.io"], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["certificaterequests"]}
            ],
            "admissionReviewVersions": ["v1"],
            "matchPolicy": "Equivalent",
            "timeoutSeconds": w["timeoutSeconds"],
            "failurePolicy": "Fail",
            "sideEffects": "None",
            "clientConfig": mutate,
        }
        if w["mutatingWebhookConfiguration"]["namespaceSelector"]:
            mutating["namespaceSelector"] = w["mutatingWebhookConfiguration"]["namespaceSelector"]
        out.append(
            _object(
                "admissionregistration.k8s.io/v1",
                "MutatingWebhookConfiguration",
                webhook,
                "",
                labels("webhook", "webhook"),
                annotations=inject,
                webhooks=[mutating],
            )
        )
        return out

    def _cert_manager_crds(self, labels: dict, *, keep: bool) -> list[dict]:
        # The vendored CRDs are cert-manager v1.18.6's `deploy/crds/` rendered with crds.enabled=true; they are identical
        # for v1.18.0-v1.18.6 (vendor/PROVENANCE.md), so they stand for v1.18.2's. Labels and the keep annotation are
        # re-rendered for this release. CertificateRequest, Order and Challenge are not vendored: they are served here
        # by CRDs carrying only their names and scope (cert-manager/cert-manager@v1.18.2:deploy/crds/crd-{certificaterequests,
        # orders,challenges}.yaml), which is all the rehearsal needs of them.
        out = []
        for crd in [*_vendored_crds(self.vendor / "crds" / "cert-manager-v1.18.6"), *_stub_crds(_CERT_MANAGER_STUBS)]:
            meta = crd["metadata"]
            meta["labels"] = dict(labels)
            meta.pop("annotations", None)
            if keep:
                meta["annotations"] = {"helm.sh/resource-policy": "keep"}
            out.append(crd)
        return out

    # -- sealed-secrets ----------------------------------------------------------------------------------------

    def _sealed_secrets(self, ref: ChartRef, release: str, release_ns: str, user: dict) -> list[dict]:
        v = _merge(_SEALED_SECRETS_DEFAULTS, user)
        name = _trunc(v["nameOverride"] or ref.chart)
        full = _fullname(release, ref.chart, v)
        ns = v["namespace"] or release_ns
        labels = {
            "app.kubernetes.io/name": name,
            "helm.sh/chart": _trunc(f"{ref.chart}-{ref.version}"),
            "app.kubernetes.io/instance": release,
            "app.kubernetes.io/managed-by": "Helm",
            "app.kubernetes.io/version": ref.app_version,
            "app.kubernetes.io/part-of": "sealed-secrets",
            **v["commonLabels"],
        }
        match = {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": release}
        out: list[dict] = _vendored_crds(self.vendor / "crds" / "sealed-secrets-v0.36.6")  # helm/sealed-secrets/crds/
        sa = v["serviceAccount"]
        account = (sa.get("name") or full) if sa["create"] else (sa.get("name") or "default")
        if sa["create"]:
            out.append(_object("v1", "ServiceAccount", account, ns, {**labels, **sa["labels"]}))
        if not v["createController"]:
            return out
        out.append(
            _service(
                full,
                ns,
                {**labels, **v["service"]["labels"]},
                match,
                [{"name": "http", "port": v["service"]["port"], "targetPort": "http", "protocol": "TCP"}],
                service_type=v["service"]["type"],
            )
        )
        out.append(
            _service(
                f"{full}-metrics",
                ns,
                {**labels, "app.kubernetes.io/component": "metrics"},
                match,
                [{"name": "metrics", "port": v["metrics"]["service"]["port"], "targetPort": "metrics", "protocol": "TCP"}],
                service_type=v["metrics"]["service"]["type"],
            )
        )
        # templates/deployment.yaml: the controller's flags (explicit `args` replace them all).
        args = list(v["args"]) or [
            *(["--update-status"] if v["updateStatus"] else []),
            *(["--skip-recreate"] if v["skipRecreate"] else []),
            *(["--key-renew-period", str(v["keyrenewperiod"])] if str(v["keyrenewperiod"]) != "" else []),
            *(["--key-ttl", str(v["keyttl"])] if v["keyttl"] else []),
            *(["--key-cutoff-time", str(v["keycutofftime"])] if v["keycutofftime"] else []),
            "--key-prefix",
            str(v["secretName"]),
            *(["--additional-namespaces", ",".join(v["additionalNamespaces"])] if v["additionalNamespaces"] else []),
            *(["--listen-addr", f":{v['containerPorts']['http']}"] if v["containerPorts"]["http"] else []),
            *(["--listen-metrics-addr", f":{v['containerPorts']['metrics']}"] if v["containerPorts"]["metrics"] else []),
            *(["--max-unseal-retries", str(v["maxRetries"])] if v["maxRetries"] else []),
            *(["--watch-for-secrets"] if v["watchForSecrets"] else []),
        ]
        image = v["image"]
        container = {
            "name": "controller",
            "command": list(v["command"]) or ["controller"],
            "args": args,
            "image": f"{image['registry']}/{image['repository']}:{image['tag']}",
            "imagePullPolicy": image["pullPolicy"],
            "ports": [
                {"name": "http", "containerPort": v["containerPorts"]["http"] or 8080, "protocol": "TCP"},
                {"name": "metrics", "containerPort": v["containerPorts"]["metrics"] or 8081, "protocol": "TCP"},
            ],
            "volumeMounts": [*v["additionalVolumeMounts"], {"mountPath": "/tmp", "name": "tmp"}],
        }
        pod_labels = {**match, **v["podLabels"]}
        out.append(
            _object(
                "apps/v1",
                "Deployment",
                full,
                ns,
                {**labels},
                spec={
                    "replicas": 1,
                    "selector": {"matchLabels": match},
                    "template": {
                        "metadata": {"labels": pod_labels, **({"annotations": v["podAnnotations"]} if v["podAnnotations"] else {})},
                        "spec": {
                            "serviceAccountName": account,
                            "containers": [container],
                            "volumes": [*v["additionalVolumes"], {"name": "tmp", "emptyDir": {}}],
                        },
                    },
                },
            )
        )
        return out

    # -- etcd-druid --------------------------------------------------------------------------------------------

    def _etcd_druid(self, ref: ChartRef, release: str, ns: str, user: dict) -> list[dict]:
        v = _merge(_ETCD_DRUID_DEFAULTS, user)
        labels = {"app.kubernetes.io/name": "etcd-druid"}
        protection = (v["operatorConfig"] if v["enabledOperatorConfig"] else v)["webhooks"]["etcdComponentProtection"]["enabled"]
        out: list[dict] = [_object("v1", "ServiceAccount", v["serviceAccount"]["name"], ns, dict(labels))]
        if protection:
            out.append(
                _object(
                    "v1", "Secret", "etcd-druid-server-tls", ns, dict(labels), type="kubernetes.io/tls", data={"tls.crt": "", "tls.key": ""}
                )
            )
        if v["enabledOperatorConfig"]:
            cm = _object("v1", "ConfigMap", "etcd-druid-operator-config", ns, dict(labels), data={"config.yaml": _druid_config(v, ns)})
            cm["immutable"] = True
            out.append(cm)
        ports_from = (
            (v["operatorConfig"]["server"]["metrics"]["port"], v["operatorConfig"]["server"]["webhooks"]["port"])
            if v["enabledOperatorConfig"]
            else (v["controllerManager"]["server"]["metrics"]["port"], v["controllerManager"]["server"]["webhook"]["port"])
        )
        ports = [
            {"name": n, "port": p, "protocol": "TCP", "targetPort": p}
            for n, p in zip(("metrics", "webhooks"), ports_from, strict=True)
            if p
        ]
        out.append(
            _object("v1", "Service", "etcd-druid", ns, dict(labels), spec={"type": "ClusterIP", "selector": dict(labels), "ports": ports})
        )
        if v["enabledOperatorConfig"]:
            args = ["--config=/etc/etcd-druid/config/config.yaml"]
        else:
            etcd = v["controllers"]["etcd"]
            args = [
                f"--metrics-port={v['controllerManager']['server']['metrics']['port']}",
                f"--webhook-server-port={v['controllerManager']['server']['webhook']['port']}",
                f"--etcd-workers={etcd['workers']}",
                f"--enable-etcd-spec-auto-reconcile={_go(etcd['enableEtcdSpecAutoReconcile'])}",
                f"--disable-etcd-serviceaccount-automount={_go(etcd['disableEtcdServiceAccountAutomount'])}",
                f"--etcd-status-sync-period={etcd['etcdStatusSyncPeriod']}",
                f"--etcd-member-notready-threshold={etcd['etcdMemberNotReadyThreshold']}",
                f"--etcd-member-unknown-threshold={etcd['etcdMemberUnknownThreshold']}",
            ]
        mounts, volumes = [], []
        if protection:
            mounts.append({"mountPath": "/etc/webhook-server-tls", "name": "tls", "readOnly": True})
            volumes.append({"name": "tls", "secret": {"defaultMode": 420, "secretName": "etcd-druid-server-tls"}})
        if v["enabledOperatorConfig"]:
            mounts.append({"mountPath": "/etc/etcd-druid/config", "name": "operator-config", "readOnly": True})
            volumes.append({"name": "operator-config", "configMap": {"name": "etcd-druid-operator-config"}})
        # The published chart's image tag is the release's (helmcharts job, ocm-mappings image.tag); values.yaml at
        # the tag still says `latest`, which only local builds use.
        tag = v["image"]["tag"] if "image" in user and "tag" in user["image"] else ref.app_version
        container = {
            "name": "etcd-druid",
            "image": f"{v['image']['repository']}:{tag}",
            "imagePullPolicy": v["image"]["imagePullPolicy"],
            "args": args,
            "volumeMounts": mounts,
            "resources": v["resources"],
            "securityContext": {"allowPrivilegeEscalation": False},
        }
        out.append(
            _object(
                "apps/v1",
                "Deployment",
                "etcd-druid",
                ns,
                dict(labels),
                spec={
                    "replicas": v["replicas"],
                    "selector": {"matchLabels": {"gardener.cloud/role": "etcd-druid"}},
                    "template": {
                        "metadata": {"labels": {"app.kubernetes.io/name": "etcd-druid", "gardener.cloud/role": "etcd-druid"}},
                        "spec": {
                            "shareProcessNamespace": True,
                            "serviceAccountName": "etcd-druid",
                            "containers": [container],
                            "volumes": volumes,
                        },
                    },
                },
            )
        )
        if protection:
            out.append(_druid_webhook(ns, v))
        return out


# -- chart defaults (the parts of each values.yaml the model reads) ----------------------------------------------

_CERT_MANAGER_DEFAULTS: dict = {
    "global": {"commonLabels": {}, "logLevel": 2, "leaderElection": {"namespace": "kube-system"}},
    "installCRDs": False,
    "crds": {"enabled": False, "keep": True},
    "nameOverride": "",
    "fullnameOverride": "",
    "namespace": "",
    "creator": "helm",
    "replicaCount": 1,
    "featureGates": "",
    "maxConcurrentChallenges": 60,
    "clusterResourceNamespace": "",
    "image": {"repository": "quay.io/jetstack/cert-manager-controller", "pullPolicy": "IfNotPresent"},
    "serviceAccount": {"create": True, "automountServiceAccountToken": True},
    "enableCertificateOwnerRef": False,
    "config": {},
    "disableAutoApproval": False,
    "extraArgs": [],
    "podLabels": {},
    "volumes": [],
    "volumeMounts": [],
    "prometheus": {"enabled": True, "servicemonitor": {"enabled": False, "targetPort": "http-metrics"}, "podmonitor": {"enabled": False}},
    "webhook": {
        "replicaCount": 1,
        "timeoutSeconds": 30,
        "config": {},
        "featureGates": "",
        "extraArgs": [],
        "podLabels": {},
        "validatingWebhookConfiguration": {
            "namespaceSelector": {
                "matchExpressions": [{"key": "cert-manager.io/disable-validation", "operator": "NotIn", "values": ["true"]}]
            }
        },
        "mutatingWebhookConfiguration": {"namespaceSelector": {}},
        "image": {"repository": "quay.io/jetstack/cert-manager-webhook", "pullPolicy": "IfNotPresent"},
        "serviceAccount": {"create": True, "automountServiceAccountToken": True},
        "securePort": 10250,
        "serviceType": "ClusterIP",
        "volumes": [],
        "volumeMounts": [],
    },
    "cainjector": {
        "enabled": True,
        "replicaCount": 1,
        "config": {},
        "featureGates": "",
        "extraArgs": [],
        "podLabels": {},
        "image": {"repository": "quay.io/jetstack/cert-manager-cainjector", "pullPolicy": "IfNotPresent"},
        "serviceAccount": {"create": True, "automountServiceAccountToken": True},
        "volumes": [],
        "volumeMounts": [],
    },
    "acmesolver": {"image": {"repository": "quay.io/jetstack/cert-manager-acmesolver", "pullPolicy": "IfNotPresent"}},
}
_CERT_MANAGER_STUBS = (
    ("certificaterequests.cert-manager.io", "cert-manager.io", "CertificateRequest", "certificaterequests", ["cr", "crs"]),
    ("orders.acme.cert-manager.io", "acme.cert-manager.io", "Order", "orders", []),
    ("challenges.acme.cert-manager.io", "acme.cert-manager.io", "Challenge", "challenges", []),
)
_SEALED_SECRETS_DEFAULTS: dict = {
    "nameOverride": "",
    "fullnameOverride": "",
    "namespace": "",
    "commonLabels": {},
    "image": {"registry": "docker.io", "repository": "bitnami/sealed-secrets-controller", "tag": "0.36.6", "pullPolicy": "IfNotPresent"},
    "createController": True,
    "secretName": "sealed-secrets-key",
    "updateStatus": True,
    "skipRecreate": False,
    "keyrenewperiod": "",
    "keyttl": "",
    "keycutofftime": "",
    "additionalNamespaces": [],
    "maxRetries": "",
    "watchForSecrets": False,
    "command": [],
    "args": [],
    "containerPorts": {"http": 8080, "metrics": 8081},
    "podLabels": {},
    "podAnnotations": {},
    "additionalVolumes": [],
    "additionalVolumeMounts": [],
    "service": {"type": "ClusterIP", "port": 8080, "labels": {}},
    "metrics": {"service": {"type": "ClusterIP", "port": 8081}},
    "serviceAccount": {"create": True, "labels": {}, "name": ""},
}
_ETCD_DRUID_DEFAULTS: dict = {
    "image": {
        "repository": "europe-docker.pkg.dev/gardener-project/public/gardener/etcd-druid",
        "tag": "latest",
        "imagePullPolicy": "IfNotPresent",
    },
    "replicas": 1,
    "resources": {"limits": {"cpu": "300m", "memory": "512Mi"}, "requests": {"cpu": "50m", "memory": "128Mi"}},
    "featureGates": {},
    "enabledOperatorConfig": True,
    "operatorConfig": {
        "clientConnection": {"qps": 100, "burst": 150},
        "leaderElection": {
            "enabled": False,
            "leaseDuration": "15s",
            "renewDeadline": "10s",
            "retryPeriod": "2s",
            "resourceLock": "leases",
            "resourceName": "druid-leader-election",
        },
        "server": {"webhooks": {"port": 9443}, "metrics": {"port": 8080}},
        "controllers": {
            "etcd": {
                "concurrentSyncs": 3,
                "enableEtcdSpecAutoReconcile": False,
                "disableEtcdServiceAccountAutomount": False,
                "etcdStatusSyncPeriod": "15s",
                "etcdMember": {"notReadyThreshold": "5m", "unknownThreshold": "1m"},
            },
            "compaction": {
                "enabled": True,
                "concurrentSyncs": 3,
                "eventsThreshold": 1000000,
                "triggerFullSnapshotThreshold": 3000000,
                "activeDeadlineDuration": "3h",
                "metricsScrapeWaitDuration": "0s",
            },
            "etcdCopyBackupsTask": {"enabled": True, "concurrentSyncs": 3},
            "secret": {"concurrentSyncs": 10},
        },
        "webhooks": {
            "etcdComponentProtection": {
                "enabled": False,
                "exemptServiceAccounts": ["system:serviceaccount:kube-system:generic-garbage-collector"],
            }
        },
        "featureGates": {},
        "logConfiguration": {"logLevel": "info", "logFormat": "json"},
    },
    "controllerManager": {"server": {"metrics": {"bindAddress": "", "port": 8080}, "webhook": {"bindAddress": "", "port": 9443}}},
    "controllers": {
        "etcd": {
            "workers": 3,
            "enableEtcdSpecAutoReconcile": False,
            "disableEtcdServiceAccountAutomount": False,
            "etcdStatusSyncPeriod": "15s",
            "etcdMemberNotReadyThreshold": "5m",
            "etcdMemberUnknownThreshold": "1m",
        }
    },
    "webhooks": {
        "etcdComponentProtection": {
            "enabled": False,
            "exemptServiceAccounts": ["system:serviceaccount:kube-system:generic-garbage-collector"],
        }
    },
    "serviceAccount": {"name": "etcd-druid"},
}


# -- helpers -----------------------------------------------------------------------------------------------------


def _merge(base: dict, override: dict) -> dict:
    """Helm's values coalescing: maps merge key by key, anything else replaces (a null deletes the default)."""
    out = clone(base)
    for key, value in (override or {}).items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = clone(value)
    return out


def _trunc(name: str, length: int = 63) -> str:
    return name[:length].rstrip("-")


def _fullname(release: str, chart: str, values: dict) -> str:
    # The `<chart>.fullname` helper both charts share: fullnameOverride, else the release name when it contains the
    # chart name, else "<release>-<chart>".
    if values.get("fullnameOverride"):
        return _trunc(values["fullnameOverride"])
    name = values.get("nameOverride") or chart
    return _trunc(release if name in release else f"{release}-{name}")


def _image(spec: dict, *, default_tag: str) -> str:
    # cert-manager `_helpers.tpl` "image": registry/repository, then @digest or :tag (default the appVersion).
    repo = f"{spec['registry']}/{spec['repository']}" if spec.get("registry") else spec["repository"]
    return f"{repo}@{spec['digest']}" if spec.get("digest") else f"{repo}:{spec.get('tag') or default_tag}"


def _object(api_version: str, kind: str, name: str, namespace: str, labels: dict, **rest) -> dict:
    meta: dict = {"name": name}
    if namespace:
        meta["namespace"] = namespace
    meta["labels"] = labels
    if "annotations" in rest:
        meta["annotations"] = rest.pop("annotations")
    return {"apiVersion": api_version, "kind": kind, "metadata": meta, **rest}


def _service(name: str, namespace: str, labels: dict, selector: dict, ports: list, *, service_type: str = "ClusterIP") -> dict:
    return _object("v1", "Service", name, namespace, labels, spec={"type": service_type, "ports": ports, "selector": selector})


def _deployment(
    name: str,
    namespace: str,
    labels: dict,
    selector: dict,
    replicas: int,
    account: str,
    container: str,
    image: str,
    args: list,
    section: dict,
    volumes: list,
    *,
    ports: list | None = None,
) -> dict:
    main: dict = {"name": container, "image": image, "imagePullPolicy": section["image"]["pullPolicy"], "args": args}
    if ports:
        main["ports"] = ports
    main["env"] = [{"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}}]
    if volumes:
        main["volumeMounts"] = [{"name": "config", "mountPath": "/var/cert-manager/config"}]
    pod = {"serviceAccountName": account, "enableServiceLinks": False, "containers": [main], "nodeSelector": {"kubernetes.io/os": "linux"}}
    extra_volumes = section.get("volumes") or []
    if volumes or extra_volumes:
        pod["volumes"] = [*volumes, *extra_volumes]
    if section.get("volumeMounts"):
        pod["containers"][0].setdefault("volumeMounts", []).extend(section["volumeMounts"])
    return _object(
        "apps/v1",
        "Deployment",
        name,
        namespace,
        labels,
        spec={
            "replicas": replicas,
            "selector": {"matchLabels": selector},
            "template": {"metadata": {"labels": {**labels, **section.get("podLabels", {})}}, "spec": pod},
        },
    )


@functools.cache
def _vendored_crds_cached(folder: Path) -> tuple[dict, ...]:
    docs = []
    for path in sorted(folder.glob("*.yaml")):
        docs.extend(d for d in load_documents(path) if isinstance(d, dict) and d.get("kind") == "CustomResourceDefinition")
    return tuple(docs)


def _vendored_crds(folder: Path) -> list[dict]:
    return clone(list(_vendored_crds_cached(folder)))


def _stub_crds(stubs: tuple) -> list[dict]:
    out = []
    for name, group, kind, plural, short in stubs:
        names = {"kind": kind, "listKind": f"{kind}List", "plural": plural, "singular": kind.lower(), "categories": ["cert-manager"]}
        if short:
            names["shortNames"] = short
        schema = {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}
        out.append(
            {
                "apiVersion": "apiextensions.k8s.io/v1",
                "kind": "CustomResourceDefinition",
                "metadata": {"name": name},
                "spec": {
                    "group": group,
                    "names": names,
                    "scope": "Namespaced",
                    "versions": [{"name": "v1", "served": True, "storage": True, "schema": schema, "subresources": {"status": {}}}],
                },
            }
        )
    return out


def _go(value: object) -> str:
    """A value as Go's text/template prints what Helm parsed from YAML: numbers are float64, printed like `%v`, which
    switches to exponent form from 1e6 on (so 1000000 prints "1e+06"; strconv `FormatFloat(f, 'g', -1, 64)`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = float(value)
        exponent = math.floor(math.log10(abs(number))) if number else 0
        if -4 <= exponent < 6:
            return str(int(number)) if number.is_integer() else repr(number)
        mantissa = repr(round(number / 10**exponent, 15)).removesuffix(".0")
        return f"{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"
    return str(value)


def _yaml_text(value: object) -> str:
    import yaml

    return yaml.safe_dump(value, default_flow_style=False, sort_keys=True)


def _druid_config(v: dict, namespace: str) -> str:
    # charts/templates/_helpers.tpl `operator.config.data`, line by line; note that `featureGates` comes from the
    # top-level value, not from operatorConfig.featureGates.
    o = v["operatorConfig"]
    cc, le, srv, ctl = o["clientConnection"], o["leaderElection"], o["server"], o["controllers"]
    etcd, comp = ctl["etcd"], ctl["compaction"]
    lines = [
        "---",
        "apiVersion: config.druid.gardener.cloud/v1alpha1",
        "kind: OperatorConfiguration",
        "clientConnection:",
        f"  qps: {_go(cc['qps'])}",
        f"  burst: {_go(cc['burst'])}",
    ]
    lines += [f"  {k}: {_go(cc[k])}" for k in ("contentType", "acceptContentType") if k in cc]
    lines += [
        "leaderElection:",
        *(f"  {k}: {_go(le[k])}" for k in ("enabled", "leaseDuration", "renewDeadline", "retryPeriod", "resourceLock", "resourceName")),
    ]
    lines += ["server:", "  webhooks:", f"    port: {_go(srv['webhooks']['port'])}"]
    lines += [f"    {k}: {_go(srv['webhooks'][k])}" for k in ("bindAddress", "serverCertDir") if k in srv["webhooks"]]
    lines += ["  metrics:", f"    port: {_go(srv['metrics']['port'])}"]
    lines += [f"    {k}: {_go(srv['metrics'][k])}" for k in ("bindAddress",) if k in srv["metrics"]]
    lines += [
        "controllers:",
        "  etcd:",
        f"    concurrentSyncs: {_go(etcd['concurrentSyncs'])}",
        f"    enableEtcdSpecAutoReconcile: {_go(etcd['enableEtcdSpecAutoReconcile'])}",
        f"    disableEtcdServiceAccountAutomount: {_go(etcd['disableEtcdServiceAccountAutomount'])}",
        f"    etcdStatusSyncPeriod: {_go(etcd['etcdStatusSyncPeriod'])}",
        "    etcdMember:",
        f"      notReadyThreshold: {_go(etcd['etcdMember']['notReadyThreshold'])}",
        f"      unknownThreshold: {_go(etcd['etcdMember']['unknownThreshold'])}",
        "  compaction:",
        *(
            f"    {k}: {_go(comp[k])}"
            for k in (
                "enabled",
                "concurrentSyncs",
                "eventsThreshold",
                "triggerFullSnapshotThreshold",
                "activeDeadlineDuration",
                "metricsScrapeWaitDuration",
            )
        ),
        "  etcdCopyBackupsTask:",
        f"    enabled: {_go(ctl['etcdCopyBackupsTask']['enabled'])}",
        f"    concurrentSyncs: {_go(ctl['etcdCopyBackupsTask']['concurrentSyncs'])}",
        "  secret:",
        f"    concurrentSyncs: {_go(ctl['secret']['concurrentSyncs'])}",
        "webhooks:",
        "  etcdComponentProtection:",
        f"    enabled: {_go(o['webhooks']['etcdComponentProtection']['enabled'])}",
        "    serviceAccountInfo:",
        f"      name: {v['serviceAccount']['name']}",
        f"      namespace: {namespace}",
        "    exemptServiceAccounts:",
    ]
    lines += [f"      - {account}" for account in o["webhooks"]["etcdComponentProtection"]["exemptServiceAccounts"]]
    if v["featureGates"]:
        lines += ["featureGates:", *(f"  {k}: {_go(val)}" for k, val in v["featureGates"].items())]
    lines += [
        "logConfiguration:",
        f"  logLevel: {_go(o['logConfiguration']['logLevel'])}",
        f"  logFormat: {_go(o['logConfiguration']['logFormat'])}",
    ]
    return "\n".join(lines) + "\n"


def _druid_webhook(namespace: str, v: dict) -> dict:
    # charts/templates/validatingwebhookconfig.yaml: the port comes from the deprecated controllerManager values.
    port = v["controllerManager"]["server"]["webhook"]["port"]
    client = {"caBundle": "", "service": {"name": "etcd-druid", "namespace": namespace, "path": "/webhooks/etcdcomponents", "port": port}}

    def hook(name: str, rules: list, **extra) -> dict:
        return {
            "admissionReviewVersions": ["v1beta1", "v1"],
            "clientConfig": client,
            "failurePolicy": "Fail",
            "matchPolicy": "Exact",
            "name": name,
            "namespaceSelector": {},
            **extra,
            "rules": rules,
            "sideEffects": "None",
            "timeoutSeconds": 10,
        }

    def rule(group: str, resources: list, ops: tuple = ("UPDATE", "DELETE")) -> dict:
        return {"apiGroups": [group], "apiVersions": ["v1"], "operations": list(ops), "resources": resources, "scope": "*"}

    return _object(
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
        "etcd-druid",
        "",
        {"app.kubernetes.io/name": "etcd-druid"},
        webhooks=[
            hook(
                "etcdcomponents.webhooks.druid.gardener.cloud",
                [
                    rule("", ["serviceaccounts", "services", "configmaps"]),
                    rule("", ["persistentvolumeclaims"], ("DELETE",)),
                    rule("rbac.authorization.k8s.io", ["roles", "rolebindings"]),
                    rule("apps", ["statefulsets"]),
                    rule("policy", ["poddisruptionbudgets"]),
                    rule("batch", ["jobs"]),
                    rule("coordination.k8s.io", ["leases"]),
                ],
                objectSelector={"matchLabels": {"app.kubernetes.io/managed-by": "etcd-druid"}},
            ),
            hook("stsscale.etcdcomponents.webhooks.druid.gardener.cloud", [rule("apps", ["statefulsets/scale"])]),
        ],
    )
