"""Build cluster 1's objects exactly as kcp-operator v0.9.0 writes them, from the YAML fixtures.

Written independently of the bridge's code: key naming, clearing and the service-account volumes follow
kcp-operator's bundle controller and Deployment reconciler (DOMAIN.md section 2).
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DESIRED_REPLICAS = "operator.kcp.io/bundle-desired-replicas"
CREATED = "2026-11-20T10:00:00Z"


def _load(name: str, **values: str) -> Any:
    return copy.deepcopy(_parsed(name, tuple(sorted(values.items()))))


@functools.lru_cache(maxsize=256)
def _parsed(name: str, values: tuple[tuple[str, str], ...]) -> Any:
    return yaml.load(Template((FIXTURES / name).read_text()).substitute(dict(values)), Loader=yaml.CSafeLoader)


def operator_key(*, group: str, version: str, namespace: str, plural: str, name: str) -> str:
    """kcp-operator's generateObjectKey: API path segments joined by '_', '-' (and '.' in groups) to '_'."""
    prefix = f"api_{version}" if not group else f"apis_{group.replace('.', '_')}_{version}"
    return f"{prefix}_namespaces_{namespace.replace('-', '_')}_{plural}_{name.replace('-', '_')}"


# kcp-dev/kcp-operator@v0.9.0:internal/resources/shard/kubeconfigs.go RootShardClientKubeconfigReconciler,
# LogicalClusterAdminKubeconfigReconciler, ExternalLogicalClusterAdminKubeconfigReconciler: each kubeconfig names files
# of the Deployment's mounts (shard/paths.go getCAMountPath, getCertificateMountPath), never data; the external one's CA
# is the merged CA bundle because the fixture Shard sets caBundleSecretRef. Suffix -> (CA file, client cert directory),
# longest suffix first.
KUBECONFIG_FILES = (
    ("-external-logical-cluster-admin-kubeconfig", "/etc/kcp/tls/ca/ca-bundle/tls.crt", "/etc/kcp/tls/external-logical-cluster-admin"),
    ("-logical-cluster-admin-kubeconfig", "/etc/kcp/tls/ca/server/tls.crt", "/etc/kcp/tls/logical-cluster-admin"),
    ("-client-kubeconfig", "/etc/kcp/tls/ca/server/tls.crt", "/etc/kcp/tls/client"),
)


def secret_value(*, name: str, key: str, generation: int) -> bytes:
    """A distinctive PEM/kubeconfig-shaped value; every 64-character line is random."""
    rnd = random.Random(f"{name}/{key}/{generation}")
    body = base64.b64encode(rnd.randbytes(240)).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    if key == "kubeconfig":
        ca, cert_dir = next(((ca, d) for suffix, ca, d in KUBECONFIG_FILES if name.endswith(suffix)), KUBECONFIG_FILES[-1][1:])
        # The kubeconfig holds no secret upstream; the comment line keeps each generation distinct and traceable.
        return (
            f"# fixture {body}\napiVersion: v1\nkind: Config\nclusters:\n- name: kcp\n  cluster:\n"
            f"    server: https://root.zheng.example.com:6443\n    certificate-authority: {ca}\n"
            f"users:\n- name: kcp\n  user:\n    client-certificate: {cert_dir}/tls.crt\n"
            f"    client-key: {cert_dir}/tls.key\n"
        ).encode()
    label = "PRIVATE KEY" if key == "tls.key" else "CERTIFICATE"
    return (f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n").encode()


def secret_needles(value: bytes) -> set[bytes]:
    """What must never appear in a repository: the value, its base64, and each long line of it."""
    if len(value) < 16:
        return set()
    needles = {value, base64.b64encode(value)}
    needles.update(line.strip() for line in value.splitlines() if len(line.strip()) >= 40)
    return needles


@dataclass
class World:
    """Cluster 1's namespace: what the fake API serves and which plaintext exists."""

    namespace: str = "kcp-zheng"
    root: str = "root"
    shards: list[str] = field(default_factory=lambda: ["alpha", "beta"])
    generations: dict[str, int] = field(default_factory=dict)
    key_generations: dict[tuple[str, str], int] = field(default_factory=dict)
    """(Secret, key) -> generation of that key alone (a renewal that changes one key), over `generations`."""
    bumps: dict[str, int] = field(default_factory=dict)
    """Updates of a Secret on cluster 1 that leave its content alone (a label, an annotation): each raises its resourceVersion."""
    type_meta_in_bundle: bool = False
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    plaintext: dict[tuple[str, str], bytes] = field(default_factory=dict)

    def _spec(self, shard: str) -> dict[str, Any]:
        return _load("secrets.yaml", SHARD=shard, ROOT=self.root)

    def secret_path(self, name: str) -> str:
        return f"/api/v1/namespaces/{self.namespace}/secrets/{name}"

    def resource_version(self, name: str) -> str:
        return str(1000 + self.generations.get(name, 1) + 100 * self.bumps.get(name, 0))

    def live_secret(self, entry: dict[str, Any]) -> dict[str, Any]:
        """A Secret as the API server returns it (cert-manager or operator made)."""
        name = entry["name"]
        generation = self.generations.get(name, 1)
        data = {}
        for key in entry["keys"]:
            key_generation = self.key_generations.get((name, key), generation)
            value = b"" if key in entry.get("empty", []) else secret_value(name=name, key=key, generation=key_generation)
            self.plaintext[(name, key)] = value
            data[key] = base64.b64encode(value).decode()
        tls = entry["type"] == "kubernetes.io/tls"
        metadata: dict[str, Any] = {
            "name": name,
            "namespace": self.namespace,
            "uid": f"5e1c0000-0000-4000-8000-{zlib.crc32(name.encode()):012d}",
            "resourceVersion": self.resource_version(name),
            "creationTimestamp": CREATED,
            "labels": {"controller.cert-manager.io/fao": "true"} if tls else {"app.kubernetes.io/managed-by": "kcp-operator"},
        }
        if tls:
            metadata["annotations"] = {
                "cert-manager.io/alt-names": "",
                "cert-manager.io/certificate-name": name,
                "cert-manager.io/common-name": name,
                "cert-manager.io/ip-sans": "",
                "cert-manager.io/issuer-group": "cert-manager.io",
                "cert-manager.io/issuer-kind": "Issuer",
                "cert-manager.io/issuer-name": f"{self.root}-ca",
                "cert-manager.io/uri-sans": "",
            }
        if entry.get("ownerReferences"):
            metadata["ownerReferences"] = [{
                "apiVersion": "cert-manager.io/v1", "kind": "Certificate", "name": name,
                "uid": "c3e70000-0000-4000-8000-000000000001", "controller": True, "blockOwnerDeletion": True,
            }]  # fmt: skip
        metadata["managedFields"] = [{
            "manager": "cert-manager-certificates-issuing" if tls else "kcp-operator", "operation": "Apply",
            "apiVersion": "v1", "time": CREATED, "fieldsType": "FieldsV1",
            "fieldsV1": {"f:data": {f"f:{k}": {} for k in entry["keys"]}, "f:type": {}},
        }]  # fmt: skip
        return {"kind": "Secret", "apiVersion": "v1", "metadata": metadata, "data": data, "type": entry["type"]}

    def deployment(self, shard: str) -> dict[str, Any]:
        """The Deployment as exported into the bundle (replicas restored, annotation removed)."""
        dep = _load("shard-deployment.yaml", SHARD=shard, ROOT=self.root, NAMESPACE=self.namespace)
        pod = dep["spec"]["template"]["spec"]
        container = pod["containers"][0]
        # applyServiceAccountAuthentication: the root shard's, then every shard's (rootShard.status.shards).
        for owner in [self.root, *self.shards]:
            secret = f"{owner}-service-account"
            pod["volumes"].append({"name": secret, "secret": {"secretName": secret, "defaultMode": 420}})
            container["volumeMounts"].append({"name": secret, "readOnly": True, "mountPath": f"/etc/kcp/tls/{owner}/service-account"})
        container["args"].append("--service-account-lookup=false")
        container["args"].extend(f"--service-account-key-file=/etc/kcp/tls/{o}/service-account/tls.crt" for o in [self.root, *self.shards])
        # kcp-operator's RelatedRevisionsLabels modifier (pkg/reconciling/modifier/revision_labels.go): one label per
        # mounted Secret, `operator.kcp.io/secret-<sha3-256(name)[:20]>-rev`, valued with its resourceVersion on cluster 1.
        labels = dep["spec"]["template"]["metadata"]["labels"]
        for volume in pod["volumes"]:
            name = volume["secret"]["secretName"]
            labels[f"operator.kcp.io/secret-{hashlib.sha3_256(name.encode()).hexdigest()[:20]}-rev"] = self.resource_version(name)
        return dep

    def service(self, shard: str) -> dict[str, Any]:
        return _load("shard-service.yaml", SHARD=shard, NAMESPACE=self.namespace)

    def bundle_objects(self, shard: str) -> dict[str, dict[str, Any]]:
        """key -> object, cleared as the operator's generateBundleData does (TypeMeta stays empty)."""
        result: dict[str, dict[str, Any]] = {}
        for entry in self._spec(shard)["bundle"]:
            live = self.live_secret(entry)
            value = {"metadata": _operator_cleared(live["metadata"]), "data": live["data"], "type": live["type"]}
            if self.type_meta_in_bundle:
                value = {"kind": "Secret", "apiVersion": "v1", **value}
            key = operator_key(group="", version="v1", namespace=self.namespace, plural="secrets", name=entry["name"])
            result[key] = value
        dep, svc = self.deployment(shard), self.service(shard)
        if self.type_meta_in_bundle:
            dep = {"kind": "Deployment", "apiVersion": "apps/v1", **dep}
            svc = {"kind": "Service", "apiVersion": "v1", **svc}
        result[operator_key(group="apps", version="v1", namespace=self.namespace, plural="deployments", name=f"{shard}-shard-kcp")] = dep
        result[operator_key(group="", version="v1", namespace=self.namespace, plural="services", name=f"{shard}-shard-kcp")] = svc
        return result

    def bundle_secret(self, shard: str, *, values: dict[str, bytes] | None = None) -> dict[str, Any]:
        """The `<shard>-bundle` Secret as the API returns it (owned by the Bundle)."""
        if values is None:
            values = {k: json.dumps(v, separators=(",", ":")).encode() for k, v in self.bundle_objects(shard).items()}
        name = f"{shard}-bundle"
        return {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": {
                "name": name, "namespace": self.namespace, "uid": "b0000000-0000-4000-8000-000000000001",
                "resourceVersion": "4242", "creationTimestamp": CREATED,
                "ownerReferences": [{
                    "apiVersion": "operator.kcp.io/v1alpha1", "kind": "Bundle", "name": name,
                    "uid": "b0000000-0000-4000-8000-000000000002", "controller": True, "blockOwnerDeletion": True,
                }],
                "managedFields": [{"manager": "kcp-operator", "operation": "Update", "apiVersion": "v1", "time": CREATED,
                                   "fieldsType": "FieldsV1", "fieldsV1": {"f:data": {}}}],
            },
            "data": {k: base64.b64encode(v).decode() for k, v in sorted(values.items())},
            "type": "Opaque",
        }  # fmt: skip

    def live_deployment(self, shard: str) -> dict[str, Any]:
        """The Deployment on cluster 1: scaled to 0, desired count in the annotation."""
        dep = {"kind": "Deployment", "apiVersion": "apps/v1", **self.deployment(shard)}
        dep["metadata"].update(uid="d0000000-0000-4000-8000-000000000001", resourceVersion="777", generation=2, creationTimestamp=CREATED)
        dep["metadata"]["annotations"][DESIRED_REPLICAS] = "2"
        dep["spec"]["replicas"] = 0
        return dep

    def extra_entries(self, shard: str) -> list[dict[str, Any]]:
        """Secrets the shard's Deployment mounts that its bundle lacks (other shards' service accounts included)."""
        spec = self._spec(shard)
        others = [e for s in self.shards if s != shard for e in self._spec(s)["bundle"] if e["name"] == f"{s}-service-account"]
        return [*spec["shard_extra"], *spec["root_extra"], *others]

    def build(self) -> dict[str, dict[str, Any]]:
        """Every object cluster 1 serves, by API path (and fill `plaintext`)."""
        self.objects = {}
        for shard in self.shards:
            spec = self._spec(shard)
            for entry in [*spec["bundle"], *spec["shard_extra"], *spec["root_extra"], *spec["local"]]:
                self.objects[self.secret_path(entry["name"])] = self.live_secret(entry)
            self.objects[self.secret_path(f"{shard}-bundle")] = self.bundle_secret(shard)
            self.objects[f"/apis/apps/v1/namespaces/{self.namespace}/deployments/{shard}-shard-kcp"] = self.live_deployment(shard)
            svc = {"kind": "Service", "apiVersion": "v1", **self.service(shard)}
            self.objects[f"/api/v1/namespaces/{self.namespace}/services/{shard}-shard-kcp"] = svc
        return self.objects

    def role_paths(self) -> set[str]:
        """What the generator's Role grants: get, by name, on each bundle, every Secret it lists and the Secrets it lacks
        (all read live), and the shard's Deployment and Service (read live too)."""
        paths = set()
        for shard in self.shards:
            paths.add(self.secret_path(f"{shard}-bundle"))
            paths.update(self.secret_path(e["name"]) for e in self._spec(shard)["bundle"])
            paths.update(self.secret_path(e["name"]) for e in self.extra_entries(shard))
            paths.add(f"/apis/apps/v1/namespaces/{self.namespace}/deployments/{shard}-shard-kcp")
            paths.add(f"/api/v1/namespaces/{self.namespace}/services/{shard}-shard-kcp")
        return paths

    def needles(self) -> set[bytes]:
        """Every plaintext secret value in any form that must stay out of Git and logs."""
        result: set[bytes] = set()
        for value in self.plaintext.values():
            result |= secret_needles(value)
        return result


def _operator_cleared(metadata: dict[str, Any]) -> dict[str, Any]:
    # generateBundleData: SetResourceVersion(""), SetUID(""), SetSelfLink(""), SetGeneration(0),
    # SetCreationTimestamp(zero) -> "creationTimestamp":null, SetManagedFields(nil), SetOwnerReferences(nil).
    kept = {k: v for k, v in metadata.items() if k in ("name", "namespace")}
    kept["creationTimestamp"] = None
    kept.update({k: copy.deepcopy(v) for k, v in metadata.items() if k in ("labels", "annotations")})
    return kept


REVISION_LABEL = re.compile(r"^operator\.kcp\.io/(secret|configmap)-[0-9a-f]{20}-rev$")


def expected_service(obj: dict[str, Any], settings: dict[str, Any] | None) -> dict[str, Any]:
    """A cleaned Service as the target cluster should receive it (the issue's rule, restated independently): type and
    balancer fields from the target's settings (default LoadBalancer), its annotations instead of cluster 1's, and the
    sync options that let Argo CD re-create a LoadBalancer whose immutable class changed."""
    settings = settings or {"type": "LoadBalancer"}
    result = copy.deepcopy(obj)
    result["metadata"].pop("annotations", None)
    for name in ("type", "loadBalancerClass", "loadBalancerSourceRanges", "externalTrafficPolicy"):
        result["spec"].pop(name, None)
    result["spec"].update({k: v for k, v in settings.items() if k != "annotations"})
    annotations = dict(settings.get("annotations") or {})
    if settings["type"] == "LoadBalancer":
        annotations["argocd.argoproj.io/sync-options"] = "ServerSideApply=false,Force=true"
    if annotations:
        result["metadata"]["annotations"] = annotations
    return result


def expected_clean(obj: dict[str, Any]) -> dict[str, Any]:
    """The issue's cleaning rules, restated independently for assertions (pod-template fingerprints are checked apart)."""
    result = copy.deepcopy(obj)
    result.pop("status", None)
    for name in (
        "resourceVersion", "uid", "ownerReferences", "managedFields", "generation", "creationTimestamp", "selfLink",
        "finalizers", "deletionTimestamp", "deletionGracePeriodSeconds",
    ):  # fmt: skip
        result["metadata"].pop(name, None)
    annotations = result["metadata"].get("annotations")
    if annotations is not None:
        annotations.pop(DESIRED_REPLICAS, None)
        annotations.pop("deployment.kubernetes.io/revision", None)
        if not annotations:
            del result["metadata"]["annotations"]
    if result.get("kind") == "Service":
        for name in ("clusterIP", "clusterIPs", "healthCheckNodePort", "ipFamilies", "ipFamilyPolicy", "sessionAffinity",
                     "externalTrafficPolicy", "internalTrafficPolicy", "allocateLoadBalancerNodePorts"):
            result["spec"].pop(name, None)
        for port in result["spec"].get("ports", []):
            port.pop("nodePort", None)
    if result.get("kind") == "Deployment":
        template = result["spec"]["template"]["metadata"]
        template["labels"] = {k: v for k, v in template.get("labels", {}).items() if not REVISION_LABEL.match(k)}
    return result
