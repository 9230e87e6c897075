"""The spec fragments that size, place and audit kcp's pods, and place kcp-operator's own.

kcp-operator v0.9.0 builds each kcp Deployment itself; a topology reaches it through three fields of RootShard, Shard
and FrontProxy (kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/v1alpha1/shard_types.go CommonShardSpec,
rootshard_types.go RootShardProxySpec, frontproxy_types.go FrontProxySpec):

- `resources`: merged resource by resource over the container's defaults (internal/resources/utils/deployments.go
  ApplyResources);
- `deploymentTemplate.spec.template.spec`: nodeSelector, affinity, tolerations, topologySpreadConstraints (with the
  pull Secrets of charts/images.py in the same template), each replacing what the operator set
  (deployments.go applyPodSpecTemplate);
- `audit` (RootShard and Shard only): the policy ConfigMap rendered here and the webhook flags
  (internal/resources/utils/audit.go).

`kcpmodel` applies all three the same way, so the rehearsal's kcp-operator and the bridge see these Deployments. The
kcp-operator Deployment is ours to render (the vendored manifests), so `schedule_kcp_operator` edits its pod directly.
"""

from __future__ import annotations

from typing import Any

from constructs import Construct

from kcpgitops.output import dump_yaml
from kcpgitops.topology import (
    AUDIT_POLICY_KEY,
    OPERATOR_POD_LABELS,
    FrontProxy,
    Shard,
    Topology,
    audit_policy_config_map,
    kcp_placement,
    kcp_resources,
    shard_audit,
)
from kcpmodel import resource_labels

from ._manifest import manifest, meta

_MANAGER_CONTAINER = "manager"
"""The kcp-operator container (kcp-dev/kcp-operator@v0.9.0:config/manager/manager.yaml)."""


def pod_labels(topology: Topology, owner: Shard | FrontProxy, *, root_proxy: bool = False) -> dict[str, str]:
    """The labels kcp-operator v0.9.0 gives the pods of a root shard, its proxy, a shard or a front-proxy
    (internal/resources/resources.go getResourceLabels, through `kcpmodel.resource_labels`)."""
    if isinstance(owner, FrontProxy):
        return resource_labels(owner.name, "front-proxy")
    if owner is topology.root_shard:
        return resource_labels(owner.name, "rootshard-proxy" if root_proxy else "rootshard")
    return resource_labels(owner.name, "shard")


def with_own_selectors(fields: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """Placement fields in which every topology spread constraint and pod anti-affinity term without a `labelSelector`
    selects `labels` (the component's own pods: a term without a selector matches no pod at all, so only the
    intended meaning is added). Pod affinity terms are passed on as written."""
    selector = {"matchLabels": dict(labels)}
    out = dict(fields)
    if "topologySpreadConstraints" in fields:
        out["topologySpreadConstraints"] = [c if "labelSelector" in c else {**c, "labelSelector": selector}
                                            for c in fields["topologySpreadConstraints"]]
    anti = (fields.get("affinity") or {}).get("podAntiAffinity")
    if anti:
        def fill(term: dict) -> dict:
            return term if "labelSelector" in term else {**term, "labelSelector": selector}
        filled = dict(anti)
        required = "requiredDuringSchedulingIgnoredDuringExecution"
        preferred = "preferredDuringSchedulingIgnoredDuringExecution"
        if required in anti:
            filled[required] = [fill(t) for t in anti[required]]
        if preferred in anti:
            filled[preferred] = [{**w, "podAffinityTerm": fill(w["podAffinityTerm"])} for w in anti[preferred]]
        out["affinity"] = {**fields["affinity"], "podAntiAffinity": filled}
    return out


def placement_template(topology: Topology, owner: Shard | FrontProxy, *, root_proxy: bool = False) -> dict:
    """The `deploymentTemplate` fragment placing one component's pods (`{}` when nothing is set), for charts/kcp.py to
    merge with the other template fragments. `root_proxy`: the root shard's internal proxy (RootShard `spec.proxy`),
    placed like the root shard."""
    fields = kcp_placement(topology, owner)
    if not fields:
        return {}
    return {"spec": {"template": {"spec": with_own_selectors(fields, pod_labels(topology, owner, root_proxy=root_proxy))}}}


def workload_fields(topology: Topology, owner: Shard | FrontProxy) -> dict:
    """`resources` and, for a shard, `audit` of its spec (`{}` when neither is set)."""
    out: dict = {}
    resources = kcp_resources(owner)
    if resources:
        out["resources"] = resources
    if isinstance(owner, Shard):
        audit = shard_audit(topology, owner)
        if audit is not None:
            spec: dict = {"policy": {"configMap": {"name": audit_policy_config_map(owner.name), "key": AUDIT_POLICY_KEY}}}
            if audit.webhook is not None:
                spec["webhook"] = audit.webhook.as_spec()
            out["audit"] = spec
    return out


def audit_policy(scope: Construct, topology: Topology, shard: Shard) -> None:
    """The ConfigMap `<shard>-audit-policy` holding a shard's audit policy, next to its RootShard or Shard on the root
    shard's cluster (kcp-operator mounts it from the object's namespace; the bridge carries a remote shard's along
    with its Deployment). Nothing without a policy."""
    audit = shard_audit(topology, shard)
    if audit is None or audit.policy is None:
        return
    manifest(scope, {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(audit_policy_config_map(shard.name), topology.namespace),
        "data": {AUDIT_POLICY_KEY: dump_yaml(audit.policy.document())},
    })


def schedule_kcp_operator(documents: list[dict], topology: Topology) -> None:
    """Apply `kcpOperator.scheduling` to the kcp-operator Deployment among `documents` (in place): placement and
    priority class on its pod, resources merged over the `manager` container's, resource by resource."""
    scheduling = topology.kcp_operator.scheduling
    if scheduling is None:
        return
    found = [d for d in documents if d.get("kind") == "Deployment"
             and any(c.get("name") == _MANAGER_CONTAINER for c in d["spec"]["template"]["spec"]["containers"])]
    if len(found) != 1:
        raise ValueError(f"expected one kcp-operator Deployment with a {_MANAGER_CONTAINER!r} container, found {len(found)}")
    pod = found[0]["spec"]["template"]["spec"]
    pod.update(with_own_selectors({k: v for k, v in scheduling.pod_fields().items() if v}, OPERATOR_POD_LABELS))
    if scheduling.priority_class_name is not None:
        pod["priorityClassName"] = scheduling.priority_class_name
    if scheduling.resources is not None:
        container = next(c for c in pod["containers"] if c.get("name") == _MANAGER_CONTAINER)
        mine = scheduling.resources.as_k8s()
        current = container.get("resources") or {}
        container["resources"] = {kind: {**(current.get(kind) or {}), **mine.get(kind, {})}
                                  for kind in ("limits", "requests") if current.get(kind) or mine.get(kind)}
