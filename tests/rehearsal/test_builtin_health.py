"""Resource health as Argo CD v3.5.1 assesses it: our Python versions of its built-in checks, and argocd-cm overrides.

Fixtures: `fixtures/argocd/health/<Kind>.<group>/<expected>_<case>.yaml`, the expected status as the file's prefix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kcpgitops.health import health_customizations
from kcpgitops.rehearsal._health import HEALTH_ORDER, evaluate_health, health_overrides, is_worse, resource_health

FIXTURES = Path(__file__).parent / "fixtures" / "argocd" / "health"
EXPECTED = {"healthy": "Healthy", "progressing": "Progressing", "degraded": "Degraded", "suspended": "Suspended", "unknown": "Unknown"}
# The kinds Argo CD checks itself (gitops-engine pkg/health and resource_customizations/) that the tree and the charts use.
CHECKED = {
    "Deployment.apps", "StatefulSet.apps", "ReplicaSet.apps", "DaemonSet.apps", "Service", "PersistentVolumeClaim", "Pod", "Job.batch",
    "Ingress.networking.k8s.io", "APIService.apiregistration.k8s.io", "Certificate.cert-manager.io", "Issuer.cert-manager.io",
    "ClusterIssuer.cert-manager.io", "SealedSecret.bitnami.com", "CustomResourceDefinition.apiextensions.k8s.io", "CronJob.batch",
    "PodDisruptionBudget.policy",
}


class _KeepTimestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Argo CD sees JSON: timestamps are strings."""


_KeepTimestamps.add_constructor("tag:yaml.org,2002:timestamp", _KeepTimestamps.construct_yaml_str)


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepTimestamps)


def _cases() -> list:
    return [pytest.param(path, EXPECTED[path.stem.split("_", 1)[0]], id=f"{path.parent.name}/{path.stem}")
            for path in sorted(FIXTURES.glob("*/*.yaml"))]


@pytest.mark.parametrize(("path", "expected"), _cases())
def test_builtin_health_follows_argo_cd_rules(path: Path, expected: str) -> None:
    assert resource_health(_load(path), {})[0] == expected  # type: ignore[index]


def test_every_checked_kind_has_a_healthy_and_an_unhealthy_fixture() -> None:
    kinds = {path.name for path in FIXTURES.iterdir()}
    assert kinds == CHECKED
    for kind in kinds:
        prefixes = {path.stem.split("_", 1)[0] for path in (FIXTURES / kind).glob("*.yaml")}
        assert "healthy" in prefixes and prefixes - {"healthy"}, kind


def test_messages_follow_argo_cd() -> None:
    assert resource_health(_load(FIXTURES / "Deployment.apps" / "degraded_deadline_exceeded.yaml"), {}) == (
        "Degraded", 'Deployment "deadline-exceeded" exceeded its progress deadline')
    assert resource_health(_load(FIXTURES / "Deployment.apps" / "progressing_updating.yaml"), {}) == (
        "Progressing", "Waiting for rollout to finish: 1 out of 3 new replicas have been updated...")
    certificate = _load(FIXTURES / "Certificate.cert-manager.io" / "progressing_no_status.yaml")
    assert resource_health(certificate, {}) == ("Progressing", "Waiting for certificate")
    assert resource_health(_load(FIXTURES / "SealedSecret.bitnami.com" / "progressing_no_status.yaml"), {}) == (
        "Progressing", "Waiting for Sealed Secret to be decrypted")
    assert resource_health(_load(FIXTURES / "Service" / "progressing_load_balancer_without_address.yaml"), {}) == ("Progressing", "")


def test_kinds_without_a_check_have_no_health() -> None:
    for obj in ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}},
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}},
                {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}},
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "a"},
                 "status": {"health": {"status": "Degraded"}}}):
        assert resource_health(obj, {}) is None, obj["kind"]


def test_deleted_objects_are_pending_deletion_whatever_their_check_says() -> None:
    obj = _load(FIXTURES / "Deployment.apps" / "degraded_deadline_exceeded.yaml")
    obj["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z"
    assert resource_health(obj, {"apps_Deployment": 'return {status = "Degraded", message = "x"}'}) == ("Progressing", "Pending deletion")


def test_lua_override_wins_over_the_builtin_check() -> None:
    obj = _load(FIXTURES / "Deployment.apps" / "healthy_rolled_out.yaml")
    override = {"apps_Deployment": 'return { status = "Degraded", message = "overridden" }'}
    assert resource_health(obj, override) == ("Degraded", "overridden")
    # Broken on purpose: an override for another kind leaves the built-in check alone.
    assert resource_health(obj, {"apps_StatefulSet": override["apps_Deployment"]}) == ("Healthy", "")


def test_core_kinds_are_keyed_without_a_group() -> None:
    service = _load(FIXTURES / "Service" / "healthy_cluster_ip.yaml")
    script = 'return { status = "Suspended", message = "by argocd-cm" }'
    data = {"resource.customizations.health.Service": script, "resource.customizations.health._Secret": script, "other.key": "x"}
    lua = health_overrides(data)
    assert lua == {"Service": script, "_Secret": script}
    assert resource_health(service, lua) == ("Suspended", "by argocd-cm")
    # `_Secret` becomes the override key "/Secret", which never matches a core kind.
    assert resource_health({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}, lua) is None


def test_wildcard_override_matches_group_and_kind() -> None:
    lua = health_overrides({"resource.customizations.health.*.kcp.io_*": 'return { status = "Healthy", message = "wildcard" }'})
    shard = {"apiVersion": "operator.kcp.io/v1alpha1", "kind": "Shard", "metadata": {"name": "s"}}
    assert resource_health(shard, lua) == ("Healthy", "wildcard")
    assert resource_health({"apiVersion": "example.com/v1", "kind": "Shard", "metadata": {"name": "s"}}, lua) is None


def test_our_argocd_cm_scripts_run_as_overrides() -> None:
    lua = health_overrides(health_customizations())
    app = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "a"},
           "status": {"sync": {"status": "Synced"}, "health": {"status": "Healthy"}}}
    assert resource_health(app, lua) == ("Healthy", "Application is Synced and Healthy")
    app["status"]["operationState"] = {"phase": "Running", "message": "waiting for healthy state of apps/Deployment/web"}
    assert resource_health(app, lua) == ("Progressing", "waiting for healthy state of apps/Deployment/web")


def test_failing_or_invalid_lua_is_unknown() -> None:
    obj = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}
    failing = evaluate_health(obj, {"example.com_Widget": "return obj.status.phase"})
    assert failing is not None and failing.status == "Unknown" and "attempt to index" in failing.error
    invalid = evaluate_health(obj, {"example.com_Widget": 'return { status = "Fine", message = "x" }'})
    assert invalid is not None
    assert (invalid.status, invalid.message, invalid.error) == ("Unknown", "Lua returned an invalid health status", "")


def test_unsupported_versions_are_unknown() -> None:
    health = evaluate_health({"apiVersion": "apps/v1beta2", "kind": "Deployment", "metadata": {"name": "d"}}, {})
    assert health is not None and health.status == "Unknown" and health.error == "unsupported Deployment GVK: apps/v1beta2, Kind=Deployment"


def test_is_worse_follows_the_health_order() -> None:
    assert HEALTH_ORDER == ("Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown")
    assert is_worse("Healthy", "Progressing") and is_worse("Progressing", "Degraded") and is_worse("Degraded", "Unknown")
    assert not is_worse("Degraded", "Progressing") and not is_worse("Healthy", "Healthy")
    assert is_worse("Suspended", "Missing") and not is_worse("Missing", "Suspended")
