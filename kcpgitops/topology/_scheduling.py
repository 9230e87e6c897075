"""Resources and placement of the pods kcp-operator v0.9.0 runs for kcp, and of kcp-operator's own Deployment.

Placement (`nodeSelector`, `tolerations`, `affinity`, `topologySpreadConstraints`) is set at `kcpDefaults.scheduling`
for every kcp pod (the root shard and its internal proxy, every shard, every front-proxy) and per component at
`rootShard.scheduling`, `shards[].scheduling` and `frontProxy.scheduling` (`frontProxies[].scheduling`); the more
specific level replaces a field whole, so an empty `{}` or `[]` clears a default. The root shard's internal proxy
(`<root>-proxy`, RootShard `spec.proxy`) is placed like the root shard. Resources are set per component only: a
front-proxy and a shard share no sizing, and kcp-operator's defaults differ between them. `kcpOperator.scheduling`
sizes and places the kcp-operator Deployment itself.

What reaches kcp's pods is what kcp-operator v0.9.0 copies (kcp-dev/kcp-operator@v0.9.0:
internal/resources/utils/deployments.go): `ApplyDeploymentTemplate`/`applyPodSpecTemplate` set the pod's
nodeSelector, affinity, tolerations, hostAliases, imagePullSecrets and topologySpreadConstraints from
`spec.deploymentTemplate.spec.template.spec`, each replacing what the operator had set; `ApplyResources` copies
`spec.resources` requests and limits resource by resource over the container's defaults. A priority class cannot reach
kcp's pods (`PodSpecTemplate`, sdk/apis/operator/v1alpha1/common.go, has no such field, and the vendored CRDs refuse
one), so only `kcpOperator.scheduling` takes `priorityClassName`.

A topology spread constraint or a pod anti-affinity term without `labelSelector` selects the pods of its own component
(kcp-operator's labels for it, `kcpmodel.resource_labels`), as for etcd (`_etcd_settings.py`).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ._audit import Audit
from ._base import Model
from ._kcp import REPO_ROOT

if TYPE_CHECKING:
    from ._models import FrontProxy, Shard, Topology

KCP_OPERATOR_CRDS = REPO_ROOT / "vendor" / "crds" / "kcp-operator-v0.9.0"
"""The vendored kcp-operator CRDs (vendor/PROVENANCE.md); RootShard, Shard and FrontProxy declare the same pod
template (a test checks it), so the RootShard's judges every kcp component's placement."""

SHARD_DEFAULT_RESOURCES = {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "2", "memory": "2Gi"}}
"""The kcp container's resources before `spec.resources` applies, on the root shard and every shard
(kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledrootshard/deployment.go and compiledshard/deployment.go
defaultResourceRequirements; `kcpmodel.shard_deployment` renders the same, a test checks it). A front-proxy and the
root shard's proxy have none (compiledfrontproxy/deployment.go builds its container without resources)."""

OPERATOR_DEFAULT_RESOURCES = {"requests": {"cpu": "10m", "memory": "64Mi"}, "limits": {"cpu": "500m", "memory": "128Mi"}}
"""The kcp-operator `manager` container's resources in the vendored manifests (kcp-dev/kcp-operator@v0.9.0:
config/manager/manager.yaml, as `vendor/kcp-operator-v0.9.0/rendered/default.yaml` holds it; a test checks it)."""

OPERATOR_POD_LABELS = {"control-plane": "controller-manager"}
"""The kcp-operator pods' labels (config/manager/manager.yaml), which a selector-less spread or anti-affinity term of
`kcpOperator.scheduling` selects."""

PLACEMENT_FIELDS = ("nodeSelector", "tolerations", "affinity", "topologySpreadConstraints")
"""The placement fields, as they are written in the pod spec (and in `deploymentTemplate.spec.template.spec`)."""

# k8s.io/apimachinery/pkg/util/validation/validation.go IsQualifiedName / IsValidLabelValue / IsDNS1123Subdomain.
_NAME_PART = r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
_SUBDOMAIN = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
_LABEL_KEY_RE = re.compile(rf"^({_SUBDOMAIN}/)?{_NAME_PART}$")
_LABEL_VALUE_RE = re.compile(rf"^({_NAME_PART})?$")
_SUBDOMAIN_RE = re.compile(rf"^{_SUBDOMAIN}$")
# k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity (without a sign: resources cannot be negative,
# kubernetes/kubernetes@000f26050b9b:pkg/apis/core/validation/validation.go ValidateNonnegativeQuantity).
_QUANTITY_RE = re.compile(r"^(?P<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$")
_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


def quantity_value(text: str) -> Decimal:
    """The value of a Kubernetes quantity (`500m` is 0.5, `1Gi` is 2**30), to compare two of them."""
    match = _QUANTITY_RE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a Kubernetes quantity")
    number, suffix = Decimal(match["number"]), match["suffix"] or ""
    if suffix in _BINARY:
        return number * (Decimal(2) ** _BINARY[suffix])
    if suffix[:1] in ("e", "E"):
        return number.scaleb(int(suffix[1:]))
    return number.scaleb(_DECIMAL[suffix])


def _number_as_text(value: Any) -> Any:
    # YAML reads `cpu: 2` or `cpu: 0.5` as numbers; both are valid quantities, so take them as written.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _quantity(value: str) -> str:
    if not _QUANTITY_RE.match(value):
        raise ValueError(f"{value!r} is not a Kubernetes quantity such as '500m', '2', '512Mi' or '4Gi'")
    return value


Quantity = Annotated[str, BeforeValidator(_number_as_text), AfterValidator(_quantity)]
"""A non-negative Kubernetes quantity (`500m`, `2`, `4Gi`)."""


def _problems(title: str, found: list[tuple[tuple[str | int, ...], Any, str]]) -> ValidationError | None:
    """One validation error per (location below the model, input, message), so each names its own field."""
    if not found:
        return None
    return ValidationError.from_exception_data(title, [
        InitErrorDetails(type=PydanticCustomError("value_error", "{reason}", {"reason": reason}), loc=loc, input=value)
        for loc, value, reason in found
    ])


# -- resources -------------------------------------------------------------------------------------------------------


class WorkloadResources(Model):
    """CPU and memory requests and limits of one container; each unset value keeps the container's default."""

    DEFAULTS: ClassVar[dict[str, dict[str, str]]] = {}
    """The container's resources before these apply (kcp-operator merges resource by resource)."""
    WHOSE: ClassVar[str] = "the container's"
    """Whose defaults `DEFAULTS` are, for error messages (a front-proxy's container has none)."""

    requests_cpu: Quantity | None = None
    """CPU request. Default: the container's default (a front-proxy: none)."""
    requests_memory: Quantity | None = None
    """Memory request. Default: the container's default (a front-proxy: none)."""
    limits_cpu: Quantity | None = None
    """CPU limit. Default: the container's default (a front-proxy: none)."""
    limits_memory: Quantity | None = None
    """Memory limit. Default: the container's default (a front-proxy: none)."""

    @model_validator(mode="after")
    def _requests_within_limits(self) -> WorkloadResources:
        # The API server refuses a container whose request exceeds its limit (kubernetes/kubernetes@000f26050b9b:
        # pkg/apis/core/validation/validation.go ValidateResourceRequirements), so kcp-operator could not create the
        # Deployment. Judged on what the container ends up with: these values over its defaults.
        found = []
        effective = self.effective()
        for resource in ("cpu", "memory"):
            request, limit = effective["requests"].get(resource), effective["limits"].get(resource)
            if request is None or limit is None or quantity_value(request) <= quantity_value(limit):
                continue
            suffix = resource.capitalize()
            own_limit = getattr(self, f"limits_{resource}") is not None
            field = f"limits{suffix}" if own_limit else f"requests{suffix}"
            origin = "" if own_limit else f" ({self.WHOSE} default)"
            request_origin = "" if getattr(self, f"requests_{resource}") is not None else f" ({self.WHOSE} default)"
            found.append(((field,), limit if own_limit else request,
                          f"the {resource} request {request}{request_origin} is more than the {resource} limit "
                          f"{limit}{origin}, which the API server refuses; set limits{suffix} to at least {request}"))
        error = _problems(type(self).__name__, found)
        if error is not None:
            raise error
        return self

    def as_k8s(self) -> dict[str, dict[str, str]]:
        """The values set here as a Kubernetes `resources` block (what kcp-operator merges over its defaults)."""
        out: dict[str, dict[str, str]] = {}
        for kind in ("limits", "requests"):
            values = {r: getattr(self, f"{kind}_{r}") for r in ("cpu", "memory") if getattr(self, f"{kind}_{r}") is not None}
            if values:
                out[kind] = values
        return out

    def effective(self) -> dict[str, dict[str, str]]:
        """The container's resources once these apply over `DEFAULTS`, resource by resource."""
        mine = self.as_k8s()
        return {kind: {**self.DEFAULTS.get(kind, {}), **mine.get(kind, {})} for kind in ("limits", "requests")}


class ShardResources(WorkloadResources):
    """CPU and memory of a shard's kcp container (the root shard's too); unset values keep kcp-operator's defaults."""

    DEFAULTS: ClassVar[dict[str, dict[str, str]]] = SHARD_DEFAULT_RESOURCES
    WHOSE: ClassVar[str] = "kcp-operator v0.9.0's"

    requests_cpu: Quantity | None = None
    """CPU request. Default: kcp-operator's `1`."""
    requests_memory: Quantity | None = None
    """Memory request. Default: kcp-operator's `1Gi`."""
    limits_cpu: Quantity | None = None
    """CPU limit. Default: kcp-operator's `2`."""
    limits_memory: Quantity | None = None
    """Memory limit. Default: kcp-operator's `2Gi`."""


class OperatorResources(WorkloadResources):
    """CPU and memory of the kcp-operator `manager` container; unset values keep the vendored manifest's."""

    DEFAULTS: ClassVar[dict[str, dict[str, str]]] = OPERATOR_DEFAULT_RESOURCES
    WHOSE: ClassVar[str] = "the kcp-operator manifest's"

    requests_cpu: Quantity | None = None
    """CPU request. Default: the manifest's `10m`."""
    requests_memory: Quantity | None = None
    """Memory request. Default: the manifest's `64Mi`."""
    limits_cpu: Quantity | None = None
    """CPU limit. Default: the manifest's `500m`."""
    limits_memory: Quantity | None = None
    """Memory limit. Default: the manifest's `128Mi`."""


# -- placement -------------------------------------------------------------------------------------------------------


class Placement(Model):
    """Where a component's pods may run: the Kubernetes pod fields, written as in a pod spec."""

    node_selector: dict[str, str] | None = None
    """Node labels the pods' nodes must carry. Default: inherited, finally none."""
    tolerations: list[dict[str, Any]] | None = None
    """Kubernetes `Toleration`s (`key`, `operator`, `value`, `effect`, `tolerationSeconds`), e.g. of a dedicated node
    pool's taint. Default: inherited, finally none."""
    affinity: dict[str, Any] | None = None
    """A Kubernetes `Affinity` (`nodeAffinity`, `podAffinity`, `podAntiAffinity`); an anti-affinity term without
    `labelSelector` means this component's own pods. Default: inherited, finally none."""
    topology_spread_constraints: list[dict[str, Any]] | None = None
    """Kubernetes `TopologySpreadConstraint`s, e.g. `{maxSkew: 1, topologyKey: topology.kubernetes.io/zone,
    whenUnsatisfiable: DoNotSchedule}`; one without `labelSelector` spreads this component's own pods; one per
    `topologyKey`. Default: inherited, finally none."""

    @model_validator(mode="after")
    def _valid_pod_fields(self) -> Placement:
        error = _problems(type(self).__name__, placement_problems(self.pod_fields()))
        if error is not None:
            raise error
        return self

    def pod_fields(self) -> dict[str, Any]:
        """The placement fields set at this level, keyed as in a pod spec (empty ones included: they clear)."""
        values = (self.node_selector, self.tolerations, self.affinity, self.topology_spread_constraints)
        return {name: value for name, value in zip(PLACEMENT_FIELDS, values, strict=True) if value is not None}


class KcpScheduling(Placement):
    """Placement and resources of one kcp component's pods (what kcp-operator v0.9.0 lets a topology set)."""

    resources: WorkloadResources | None = None
    """Requests and limits of the component's container. Default: kcp-operator's defaults."""
    priority_class_name: str | None = None
    """Not settable for kcp's pods (kcp-operator v0.9.0 copies no priority class); only `kcpOperator.scheduling`
    takes one. Default: none."""

    @field_validator("priority_class_name")
    @classmethod
    def _no_priority_class(cls, value: str | None) -> str | None:
        if value is not None:
            raise ValueError(
                "kcp-operator v0.9.0 cannot give kcp's pods a priority class: its deploymentTemplate copies only "
                "nodeSelector, affinity, tolerations, hostAliases, imagePullSecrets and topologySpreadConstraints "
                "(kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/deployments.go applyPodSpecTemplate); remove it "
                "(kcpOperator.scheduling.priorityClassName sets the operator's own)")
        return value


class ShardScheduling(KcpScheduling):
    """Placement and resources of a shard's kcp pods (`rootShard.scheduling` also places the root shard's proxy)."""

    resources: ShardResources | None = None
    """Requests and limits of the kcp container. Default: kcp-operator's (requests 1 CPU and 1Gi, limits 2 CPU and
    2Gi)."""


class FrontProxyScheduling(KcpScheduling):
    """Placement and resources of a front-proxy's pods."""

    resources: WorkloadResources | None = None
    """Requests and limits of the kcp-front-proxy container. Default: none (kcp-operator sets none)."""


class DefaultScheduling(KcpScheduling):
    """Placement every kcp pod gets unless its component's own `scheduling` sets the field."""

    resources: dict[str, Any] | None = None
    """Not settable here: set resources per component. Default: none."""

    @field_validator("resources")
    @classmethod
    def _per_component(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is not None:
            raise ValueError(
                "resources are set per component (rootShard.scheduling.resources, shards[].scheduling.resources, "
                "frontProxy.scheduling.resources): a front-proxy and a shard share no sizing, and kcp-operator's "
                "defaults differ between them (a shard's kcp container: requests 1 CPU and 1Gi, limits 2 CPU and 2Gi; "
                "a front-proxy: none); move them there")
        return value


class OperatorScheduling(Placement):
    """Placement, resources and priority class of the kcp-operator Deployment on the root shard's cluster."""

    resources: OperatorResources | None = None
    """Requests and limits of the `manager` container. Default: the manifest's (requests 10m and 64Mi, limits 500m and
    128Mi)."""
    priority_class_name: str | None = None
    """PriorityClass of the operator's pod; it must exist on the cluster (a system class such as
    `system-cluster-critical` is admitted only in kube-system). Default: none (the cluster's default)."""

    @field_validator("priority_class_name")
    @classmethod
    def _class_name(cls, value: str | None) -> str | None:
        # kubernetes/kubernetes@000f26050b9b:pkg/apis/core/validation/validation.go ValidatePriorityClassName.
        if value is not None and (len(value) > 253 or not _SUBDOMAIN_RE.match(value)):
            raise ValueError(f"{value!r} is not a PriorityClass name: lowercase letters, digits, '-' and '.', starting "
                             "and ending with a letter or digit, e.g. 'kcp-critical'")
        return value


class KcpDefaults(Model):
    """What every kcp component gets unless its own block sets it."""

    scheduling: DefaultScheduling | None = None
    """Placement of every kcp pod: the root shard and its proxy, every shard, every front-proxy; each component's own
    `scheduling` replaces a field whole. Default: none (kcp-operator's: no placement)."""
    audit: Audit | None = None
    """Audit policy and webhook of every shard (the root shard too); a shard's own `audit` replaces it whole, and
    `audit: {}` switches it off there. A front-proxy has no audit settings in kcp-operator v0.9.0. Default: none."""


class KcpOperator(Model):
    """The kcp-operator Deployment on the root shard's cluster (the vendored v0.9.0 manifests)."""

    scheduling: OperatorScheduling | None = None
    """Resources, placement and priority class of its pod. Default: the vendored manifest's (no placement)."""


# -- resolution ------------------------------------------------------------------------------------------------------


def kcp_placement(topology: Topology, owner: Shard | FrontProxy) -> dict[str, Any]:
    """The placement fields of a shard's (the root shard's: also its proxy's) or a front-proxy's pods: each from the
    most specific level that sets it, empty values left out (an empty `{}` or `[]` clears a default)."""
    fields = dict((topology.kcp_defaults.scheduling or Placement()).pod_fields())
    fields.update((owner.scheduling or Placement()).pod_fields())
    return {name: value for name, value in fields.items() if value}


def kcp_resources(owner: Shard | FrontProxy) -> dict[str, dict[str, str]]:
    """`spec.resources` of a shard or front-proxy: what its own `scheduling.resources` sets (empty: the defaults)."""
    scheduling = owner.scheduling
    return scheduling.resources.as_k8s() if scheduling is not None and scheduling.resources is not None else {}


# -- rules Kubernetes states beyond the schema ------------------------------------------------------------------------


def placement_problems(fields: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any, str]]:
    """(location, input, message) of each problem of placement fields (keyed as in a pod spec): first against the
    vendored CRD's pod template schema, strictly, then the rules the API server adds on the pod
    (kubernetes/kubernetes@000f26050b9b:pkg/apis/core/validation/validation.go ValidateTolerations,
    validateTopologySpreadConstraints, ValidatePodSpec's node selector labels) and the CRD's one-constraint-per-key
    list map."""
    found: list[tuple[tuple[str | int, ...], Any, str]] = []
    if not fields:
        return found
    schema_errors = sorted(_pod_template_validator().iter_errors(fields), key=lambda e: [str(p) for p in e.absolute_path])
    for problem in schema_errors:
        loc = tuple(problem.absolute_path) or (next(iter(fields)),)
        found.append((loc, problem.instance, f"{problem.message} (the Kubernetes type kcp-operator v0.9.0's CRDs declare "
                      "at spec.deploymentTemplate.spec.template.spec; fix or remove it)"))
    if found:
        return found
    for key, value in (fields.get("nodeSelector") or {}).items():
        if not _LABEL_KEY_RE.match(key) or len(key.rpartition("/")[0]) > 253:
            found.append((("nodeSelector", key), key, f"{key!r} is not a label key such as 'node-role.kubernetes.io/kcp'"))
        elif not _LABEL_VALUE_RE.match(value):
            found.append((("nodeSelector", key), value, f"{value!r} is not a label value: up to 63 letters, digits, "
                          "'-', '_' and '.', starting and ending with a letter or digit"))
    for index, toleration in enumerate(fields.get("tolerations") or []):
        found += [(("tolerations", index, *loc), value, message) for loc, value, message in _toleration_problems(toleration)]
    seen: dict[str, int] = {}
    for index, constraint in enumerate(fields.get("topologySpreadConstraints") or []):
        at = ("topologySpreadConstraints", index)
        found += [((*at, *loc), value, message) for loc, value, message in _spread_problems(constraint)]
        key = constraint.get("topologyKey")
        if key in seen:
            found.append(((*at, "topologyKey"), key, f"{key!r} is already the topologyKey of topologySpreadConstraints"
                          f"[{seen[key]}]; kcp-operator v0.9.0's CRDs keep one constraint per topologyKey (a list map), "
                          "so merge the two"))
        seen.setdefault(key, index)
    for path, term in _weighted_terms(fields.get("affinity") or {}):
        weight = term.get("weight")
        if not isinstance(weight, int) or not 1 <= weight <= 100:
            found.append(((*path, "weight"), weight, f"weight {weight} is not between 1 and 100"))
    return found


def _toleration_problems(toleration: dict[str, Any]) -> list[tuple[tuple[str, ...], Any, str]]:
    # ValidateTolerations: key a label key; empty key only with Exists; tolerationSeconds only with NoExecute;
    # Equal (or empty) needs a label value, Exists no value; effect one of the three.
    found: list[tuple[tuple[str, ...], Any, str]] = []
    key, operator = toleration.get("key") or "", toleration.get("operator") or "Equal"
    if key and not _LABEL_KEY_RE.match(key):
        found.append((("key",), key, f"{key!r} is not a taint key such as 'dedicated' or 'example.com/pool'"))
    if operator not in ("Equal", "Exists"):
        found.append((("operator",), operator, f"operator {operator!r} is not supported; use Equal or Exists"))
    elif not key and operator != "Exists":
        found.append((("operator",), operator, "operator must be Exists when key is empty (which tolerates every taint)"))
    elif operator == "Exists" and toleration.get("value"):
        found.append((("value",), toleration["value"], "value must be empty when operator is Exists"))
    elif operator == "Equal" and not _LABEL_VALUE_RE.match(toleration.get("value") or ""):
        found.append((("value",), toleration.get("value"), f"{toleration.get('value')!r} is not a taint value"))
    effect = toleration.get("effect")
    if effect not in (None, "", "NoSchedule", "PreferNoSchedule", "NoExecute"):
        found.append((("effect",), effect, f"effect {effect!r} is not NoSchedule, PreferNoSchedule or NoExecute"))
    elif toleration.get("tolerationSeconds") is not None and effect != "NoExecute":
        found.append((("effect",), effect, "effect must be NoExecute when tolerationSeconds is set"))
    return found


def _spread_problems(constraint: dict[str, Any]) -> list[tuple[tuple[str, ...], Any, str]]:
    # validateTopologySpreadConstraints: maxSkew > 0, a topologyKey, one of the two whenUnsatisfiable values, minDomains
    # > 0 and only with DoNotSchedule, the two node policies Honor or Ignore.
    found: list[tuple[tuple[str, ...], Any, str]] = []
    if constraint["maxSkew"] < 1:
        found.append((("maxSkew",), constraint["maxSkew"], "maxSkew must be greater than zero"))
    if not constraint["topologyKey"]:
        found.append((("topologyKey",), "", "topologyKey is required, e.g. 'topology.kubernetes.io/zone'"))
    when = constraint["whenUnsatisfiable"]
    if when not in ("DoNotSchedule", "ScheduleAnyway"):
        found.append((("whenUnsatisfiable",), when, f"{when!r} is not DoNotSchedule or ScheduleAnyway"))
    min_domains = constraint.get("minDomains")
    if min_domains is not None and (min_domains < 1 or when != "DoNotSchedule"):
        found.append((("minDomains",), min_domains, "minDomains must be greater than zero and needs whenUnsatisfiable: "
                      "DoNotSchedule"))
    for policy in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
        if constraint.get(policy) not in (None, "Honor", "Ignore"):
            found.append(((policy,), constraint[policy], f"{policy} {constraint[policy]!r} is not Honor or Ignore"))
    return found


def _weighted_terms(affinity: dict[str, Any]) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    terms = []
    for kind in ("nodeAffinity", "podAffinity", "podAntiAffinity"):
        preferred = (affinity.get(kind) or {}).get("preferredDuringSchedulingIgnoredDuringExecution") or []
        terms += [(("affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution", i), t) for i, t in enumerate(preferred)]
    return terms


@functools.cache
def _pod_template_validator() -> Any:
    """A strict validator of `spec.deploymentTemplate.spec.template.spec`, from the vendored RootShard CRD as
    `make validate` converts it."""
    # Imported here, not at the top: the schema tools cost about 0.1 s to import, which only topologies that set
    # placement should pay.
    from jsonschema import Draft4Validator

    from kcpgitops.schemas import convert_crd, crd_documents

    crd = next(crd_documents(path=KCP_OPERATOR_CRDS / "operator.kcp.io_rootshards.yaml"))
    schema = next(iter(convert_crd(crd=crd).values()))
    template = schema["properties"]["spec"]["properties"]["deploymentTemplate"]["properties"]["spec"]
    return Draft4Validator(template["properties"]["template"]["properties"]["spec"])
