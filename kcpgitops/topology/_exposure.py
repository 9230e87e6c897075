"""How each kcp endpoint's Service is exposed: the `loadBalancer` settings and their resolution per endpoint.

Three levels can set them: `clusters[].loadBalancer` (every endpoint on that cluster), `shards[].loadBalancer` /
`rootShard.loadBalancer` and `frontProxy.loadBalancer`. The more specific level wins field by field; annotations merge
key by key. What a Service on the root shard's cluster can carry is limited by kcp-operator v0.9.0, which owns those
Services; a remote shard's Service is shaped by the bridge, which can set every field.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ._base import Model

SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges"
"""Kubernetes' own annotation for a LoadBalancer's allowed client CIDRs, read when `spec.loadBalancerSourceRanges` is
empty (kubernetes/kubernetes@v1.34.0:staging/src/k8s.io/api/core/v1/annotation_key_constants.go
AnnotationLoadBalancerSourceRangesKey; cloud providers read both through k8s.io/cloud-provider
service/helpers GetLoadBalancerSourceRanges). It is how source ranges reach a Service kcp-operator owns."""

GUIDE_FRONT_PROXY_ANNOTATIONS = {
    "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
    "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
}
"""The front-proxy Service annotations of kcp's kcp-zheng manifests (an AWS network load balancer)
(kcp-dev/kcp@dac74f5955f1d4c703e87dd5cfecbc9a0a514643:contrib/production/kcp-zheng/kcp-front-proxy.yaml). Used only
when no level sets any load-balancer setting for the front-proxy, so another cloud's settings never merge with them."""

_QUALIFIED_NAME = re.compile(r"^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")

ServiceType = Literal["LoadBalancer", "ClusterIP"]


class LoadBalancer(Model):
    """Exposure of a kcp endpoint's Service; every field optional, unset fields inherit from the cluster level."""

    type: ServiceType | None = None
    """`LoadBalancer` (a cloud load balancer, public or internal through annotations) or `ClusterIP` (private:
    reachable inside its cluster only, no DNS record). Default: inherited, finally `LoadBalancer`."""
    class_: str | None = Field(None, alias="class")
    """`spec.loadBalancerClass`, e.g. `service.k8s.aws/nlb`. Immutable in Kubernetes: changing it recreates the Service
    (new address, DNS to update). Default: inherited, finally unset (the cloud's default balancer)."""
    annotations: dict[str, str] = Field(default_factory=dict)
    """Service annotations (cloud specific); merged key by key with the less specific levels'. Default: none."""
    source_ranges: list[str] | None = None
    """Client CIDRs allowed through the load balancer (`spec.loadBalancerSourceRanges`). Default: inherited, finally
    unset (every address)."""
    external_traffic_policy: Literal["Cluster", "Local"] | None = None
    """`spec.externalTrafficPolicy`; `Local` keeps client source addresses. Default: inherited, finally unset
    (Kubernetes' `Cluster`)."""

    @field_validator("class_")
    @classmethod
    def _class(cls, value: str | None) -> str | None:
        if value is not None and not _QUALIFIED_NAME.match(value):
            raise ValueError(f"{value!r} is not a load balancer class such as 'service.k8s.aws/nlb' (a qualified name)")
        return value

    @field_validator("annotations")
    @classmethod
    def _annotation_keys(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not _QUALIFIED_NAME.match(key):
                raise ValueError(f"{key!r} is not a valid annotation key such as 'service.beta.kubernetes.io/aws-load-balancer-type'")
        return value

    @field_validator("source_ranges")
    @classmethod
    def _cidrs(cls, value: list[str] | None) -> list[str] | None:
        for cidr in value or []:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                raise ValueError(f"{cidr!r} is not a CIDR such as '203.0.113.0/24' or '2001:db8::/32'") from None
            if "/" not in cidr:
                raise ValueError(f"{cidr!r} needs a prefix length, e.g. '{cidr}/32'")
        return value

    @model_validator(mode="after")
    def _cluster_ip_has_no_balancer(self) -> LoadBalancer:
        # At one level, ClusterIP together with balancer-only fields is a contradiction; inherited ones are dropped.
        if self.type == "ClusterIP":
            set_here = [name for name, attr in (("class", self.class_), ("sourceRanges", self.source_ranges),
                                                 ("externalTrafficPolicy", self.external_traffic_policy)) if attr is not None]
            if set_here:
                raise ValueError(f"type ClusterIP has no load balancer, so {', '.join(set_here)} cannot apply; remove "
                                 f"{'it' if len(set_here) == 1 else 'them'} or use type LoadBalancer")
        return self


@dataclass(frozen=True)
class Exposure:
    """The resolved settings of one endpoint's Service, with the topology path that set each field."""

    type: str = "LoadBalancer"
    """`LoadBalancer` or `ClusterIP`."""
    load_balancer_class: str | None = None
    """`spec.loadBalancerClass`, or None."""
    annotations: tuple[tuple[str, str], ...] = ()
    """Annotations, sorted by key."""
    source_ranges: tuple[str, ...] = ()
    """`spec.loadBalancerSourceRanges` (empty: unset)."""
    external_traffic_policy: str | None = None
    """`spec.externalTrafficPolicy`, or None."""
    origin: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Field (`type`, `class`, `sourceRanges`, `externalTrafficPolicy`) -> topology path that set it."""

    @property
    def private(self) -> bool:
        """Whether the endpoint is reachable only inside its cluster."""
        return self.type == "ClusterIP"

    def service_fields(self) -> dict:
        """The delivered Service's exposure, as the bridge configuration carries it (only what is set)."""
        out: dict = {"type": self.type}
        if self.load_balancer_class:
            out["loadBalancerClass"] = self.load_balancer_class
        if self.annotations:
            out["annotations"] = dict(self.annotations)
        if self.source_ranges:
            out["loadBalancerSourceRanges"] = list(self.source_ranges)
        if self.external_traffic_policy:
            out["externalTrafficPolicy"] = self.external_traffic_policy
        return out

    def operator_template(self) -> dict:
        """A kcp-operator `serviceTemplate` carrying this exposure.

        kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/v1alpha1/common.go ServiceSpecTemplate has only `type` and
        `clusterIP`, and internal/resources/utils/services.go ApplyServiceTemplate copies only those and the metadata,
        so source ranges travel as Kubernetes' annotation; class and traffic policy cannot travel (refused by
        `operator_owned_problems`).
        """
        annotations = dict(self.annotations)
        if self.source_ranges and self.type == "LoadBalancer":
            annotations[SOURCE_RANGES_ANNOTATION] = ",".join(self.source_ranges)
        template: dict = {"spec": {"type": self.type}}
        if annotations:
            template = {"metadata": {"annotations": annotations}, **template}
        return template


_FIELDS = (("type", "type"), ("class_", "class"), ("source_ranges", "sourceRanges"),
           ("external_traffic_policy", "externalTrafficPolicy"))


def resolve(levels: list[tuple[str, LoadBalancer | None]]) -> Exposure:
    """Merge `(topology path, settings)` levels, least specific first: later levels win field by field."""
    values: dict[str, object] = {}
    origin: dict[str, str] = {}
    annotations: dict[str, str] = {}
    for path, settings in levels:
        if settings is None:
            continue
        for attr, name in _FIELDS:
            value = getattr(settings, attr)
            if value is not None:
                values[attr], origin[name] = value, f"{path}.{name}"
        annotations.update(settings.annotations)
    kind = str(values.get("type") or "LoadBalancer")
    if kind == "ClusterIP":
        # Balancer-only settings inherited from a less specific level do not apply to a private endpoint.
        return Exposure(type=kind, annotations=tuple(sorted(annotations.items())), origin={"type": origin.get("type", "")})
    return Exposure(
        type=kind,
        load_balancer_class=values.get("class_"),  # type: ignore[arg-type]
        annotations=tuple(sorted(annotations.items())),
        source_ranges=tuple(values.get("source_ranges") or ()),  # type: ignore[arg-type]
        external_traffic_policy=values.get("external_traffic_policy"),  # type: ignore[arg-type]
        origin=origin,
    )


def operator_owned_problems(exposure: Exposure, *, what: str, cluster: str) -> list[str]:
    """Why a Service kcp-operator owns cannot carry `exposure` (empty when it can).

    kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/services.go ApplyServiceTemplate: only type, clusterIP,
    annotations and labels reach the Service.
    """
    problems = []
    for name, attr in (("class", "load_balancer_class"), ("externalTrafficPolicy", "external_traffic_policy")):
        if getattr(exposure, attr) is not None:
            problems.append(
                f"{exposure.origin[name]}: kcp-operator v0.9.0 cannot set {name} on the Service of {what} on {cluster} "
                "(its serviceTemplate carries only type, clusterIP and metadata: kcp-dev/kcp-operator@v0.9.0:"
                "internal/resources/utils/services.go ApplyServiceTemplate); remove it there, or set it only for shards "
                "on other clusters (shards[N].loadBalancer), whose Services the bridge shapes"
            )
    keys = dict(exposure.annotations)
    if exposure.source_ranges and SOURCE_RANGES_ANNOTATION in keys:
        problems.append(
            f"{exposure.origin['sourceRanges']}: the Service of {what} gets its source ranges through the annotation "
            f"{SOURCE_RANGES_ANNOTATION}, which its annotations also set; keep one of the two"
        )
    return problems
