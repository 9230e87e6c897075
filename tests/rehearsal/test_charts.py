"""The pinned Helm chart models: what each chart renders for a release, and nothing but the pinned versions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.rehearsal._api import ClusterApi
from kcpgitops.rehearsal._charts import CERT_MANAGER, ETCD_DRUID, SEALED_SECRETS, PinnedCharts

ROOT = Path(__file__).resolve().parents[2]
CHARTS = PinnedCharts()


def _render(ref, release: str, namespace: str, values: dict | None = None) -> list[dict]:
    return CHARTS.render(ref.repo_url, ref.chart, ref.version, release, namespace, values)


def _names(objects: list[dict], kind: str) -> list[str]:
    return [o["metadata"]["name"] for o in objects if o["kind"] == kind]


def test_only_pinned_charts_and_versions_are_available():
    with pytest.raises(LookupError, match=r"^chart cert-manager v1\.17\.0 not available from https://charts\.jetstack\.io$"):
        CHARTS.render("https://charts.jetstack.io", "cert-manager", "v1.17.0", "cert-manager", "cert-manager", {})
    with pytest.raises(LookupError, match=r"chart ingress-nginx 4\.0\.0 not available from https://kubernetes\.github\.io/ingress-nginx"):
        CHARTS.render("https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "4.0.0", "x", "x", {})
    with pytest.raises(LookupError, match="not available"):  # right chart, wrong repository
        CHARTS.render("https://charts.example.org", "sealed-secrets", "2.18.5", "s", "kube-system", {})
    # Helm resolves versions as semver (a leading v does not matter), and OCI repositories may carry the scheme.
    assert _names(
        CHARTS.render("oci://" + ETCD_DRUID.repo_url, "etcd-druid", "0.33.0", "etcd-druid", "etcd-druid", None), "Deployment"
    ) == ["etcd-druid"]


def test_cert_manager_renders_controller_webhook_cainjector_and_crds_only_when_enabled():
    plain = _render(CERT_MANAGER, "cert-manager", "cert-manager")
    assert _names(plain, "CustomResourceDefinition") == []
    assert _names(plain, "Deployment") == ["cert-manager-cainjector", "cert-manager", "cert-manager-webhook"]
    assert _names(plain, "ServiceAccount") == ["cert-manager-cainjector", "cert-manager", "cert-manager-webhook"]
    assert _names(plain, "ValidatingWebhookConfiguration") == _names(plain, "MutatingWebhookConfiguration") == ["cert-manager-webhook"]
    with_crds = _render(CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}})
    crds = [o for o in with_crds if o["kind"] == "CustomResourceDefinition"]
    assert {c["spec"]["names"]["kind"] for c in crds} == {
        "Certificate",
        "Issuer",
        "ClusterIssuer",
        "CertificateRequest",
        "Order",
        "Challenge",
    }
    assert all(c["metadata"]["annotations"] == {"helm.sh/resource-policy": "keep"} for c in crds)
    assert all(c["metadata"]["labels"]["app.kubernetes.io/version"] == "v1.18.2" for c in crds)
    controller = next(o for o in with_crds if o["kind"] == "Deployment" and o["metadata"]["name"] == "cert-manager")
    args = controller["spec"]["template"]["spec"]["containers"][0]["args"]
    assert "--cluster-resource-namespace=$(POD_NAMESPACE)" in args
    assert controller["spec"]["template"]["spec"]["containers"][0]["image"] == "quay.io/jetstack/cert-manager-controller:v1.18.2"
    # The chart's own guard: the deprecated installCRDs together with crds.enabled is a template failure.
    with pytest.raises(ValueError, match="installCRDs option cannot be enabled at the same time"):
        _render(CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}, "installCRDs": True})


def test_names_follow_release_name_and_fullname_override():
    assert _names(_render(SEALED_SECRETS, "sealed-secrets", "kube-system"), "Deployment") == ["sealed-secrets"]
    assert _names(_render(SEALED_SECRETS, "ss", "kube-system"), "Deployment") == ["ss-sealed-secrets"]
    override = _render(SEALED_SECRETS, "sealed-secrets", "kube-system", {"fullnameOverride": "sealed-secrets-controller"})
    assert _names(override, "Deployment") == ["sealed-secrets-controller"]
    assert _names(override, "Service") == ["sealed-secrets-controller", "sealed-secrets-controller-metrics"]
    assert _names(override, "CustomResourceDefinition") == ["sealedsecrets.bitnami.com"]
    deployment = next(o for o in override if o["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "docker.io/bitnami/sealed-secrets-controller:0.36.6"
    assert container["args"][:3] == ["--update-status", "--key-prefix", "sealed-secrets-key"]
    assert _names(_render(CERT_MANAGER, "cm", "cert-manager"), "Deployment") == [
        "cm-cert-manager-cainjector",
        "cm-cert-manager",
        "cm-cert-manager-webhook",
    ]
    assert CHARTS.controller_deployment(CERT_MANAGER.repo_url, "cert-manager", "v1.18.2", "cm", "certs", None) == (
        "certs",
        "cm-cert-manager",
    )


def test_etcd_druid_operator_config_defaults_to_no_spec_auto_reconcile():
    objects = _render(ETCD_DRUID, "etcd-druid", "etcd-druid")
    assert _names(objects, "CustomResourceDefinition") == []  # the chart ships none
    config_map = next(o for o in objects if o["kind"] == "ConfigMap")
    assert config_map["metadata"]["name"] == "etcd-druid-operator-config" and config_map["immutable"] is True
    config = yaml.load(config_map["data"]["config.yaml"], Loader=yaml.CSafeLoader)
    assert config["kind"] == "OperatorConfiguration"
    assert config["controllers"]["etcd"]["enableEtcdSpecAutoReconcile"] is False
    assert config["webhooks"]["etcdComponentProtection"]["serviceAccountInfo"] == {"name": "etcd-druid", "namespace": "etcd-druid"}
    # Helm parses values as float64, so the template prints large numbers in exponent form.
    assert "eventsThreshold: 1e+06" in config_map["data"]["config.yaml"]
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    assert pod["containers"][0]["args"] == ["--config=/etc/etcd-druid/config/config.yaml"]
    assert pod["containers"][0]["image"].endswith("/etcd-druid:v0.33.0")
    assert {"name": "operator-config", "configMap": {"name": "etcd-druid-operator-config"}} in pod["volumes"]
    enabled = _render(
        ETCD_DRUID, "etcd-druid", "etcd-druid", {"operatorConfig": {"controllers": {"etcd": {"enableEtcdSpecAutoReconcile": True}}}}
    )
    text = next(o for o in enabled if o["kind"] == "ConfigMap")["data"]["config.yaml"]
    assert yaml.load(text, Loader=yaml.CSafeLoader)["controllers"]["etcd"]["enableEtcdSpecAutoReconcile"] is True
    assert yaml.load(text, Loader=yaml.CSafeLoader)["controllers"]["etcd"]["concurrentSyncs"] == 3  # the other defaults survive the merge
    protected = _render(
        ETCD_DRUID, "etcd-druid", "etcd-druid", {"operatorConfig": {"webhooks": {"etcdComponentProtection": {"enabled": True}}}}
    )
    assert _names(protected, "ValidatingWebhookConfiguration") == ["etcd-druid"] and _names(protected, "Secret") == [
        "etcd-druid-server-tls"
    ]


def test_render_is_deterministic_and_returns_fresh_copies():
    first = _render(CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}})
    first[0]["spec"]["group"] = "mutated"
    first[-1]["metadata"]["name"] = "mutated"
    assert _render(CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}}) == _render(
        CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}}
    )
    assert _render(CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}})[0]["spec"]["group"] == "cert-manager.io"


def test_rendered_crds_make_their_kinds_served():
    api = ClusterApi(name="c")
    assert not api.serves("cert-manager.io", "Certificate")
    for obj in _render(CERT_MANAGER, "cert-manager", "cert-manager", {"crds": {"enabled": True}}):
        if obj["kind"] == "CustomResourceDefinition":
            api.apply(obj, manager="argocd")
    assert api.serves("cert-manager.io", "Certificate") and api.serves("acme.cert-manager.io", "Challenge")
    assert api.is_namespaced("cert-manager.io", "Issuer") and not api.is_namespaced("cert-manager.io", "ClusterIssuer")


def test_the_generated_helm_applications_name_pinned_charts():
    sources = []
    for path in sorted((ROOT / "argocd").glob("*/apps/argocd/application.argoproj.io_*.yaml")):
        app = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        source = app["spec"].get("source") or {}
        if source.get("chart"):
            sources.append((source, app["spec"]["destination"]["namespace"]))
    assert {s["chart"] for s, _ in sources} >= {"cert-manager", "sealed-secrets", "etcd-druid"}
    for source, namespace in sources:
        helm = source.get("helm") or {}
        objects = CHARTS.render(
            source["repoURL"],
            source["chart"],
            source["targetRevision"],
            helm.get("releaseName", source["chart"]),
            namespace,
            helm.get("valuesObject"),
        )
        assert any(o["kind"] == "Deployment" for o in objects)
