"""kcp itself, as kcp-operator objects: RootShard, Shard, FrontProxy and the admin Kubeconfig."""

from __future__ import annotations

from constructs import Construct

from kcpgitops.topology import FrontProxy as FrontProxySpec
from kcpgitops.topology import Shard as ShardSpec
from kcpgitops.topology import Topology

from ._manifest import manifest, meta
from .ca_policy import kcp_operator_ca_templates
from .etcd import etcd_client_url
from .images import deep_merge, pull_secrets_template
from .kcp_pki import KCP_CA_ISSUER
from .kcp_workloads import audit_policy, placement_template, workload_fields

API = "operator.kcp.io/v1alpha1"
BUNDLE_ANNOTATION = "operator.kcp.io/bundle"
SHARD_PORT = 6443


def _auth(topology: Topology) -> dict:
    auth: dict = {"serviceAccount": {"enabled": True}}
    if topology.oidc is not None:
        oidc = topology.oidc
        # Upstream inlines oidc.clientSecret; it is deprecated ("kube OIDC is secretless") and would put a
        # credential in Git, so it is never rendered.
        auth["oidc"] = {
            "issuerURL": oidc.issuer_url,
            "clientID": oidc.client_id,
            "groupsClaim": oidc.groups_claim,
            "usernameClaim": oidc.username_claim,
            "usernamePrefix": oidc.username_prefix,
            "groupsPrefix": oidc.groups_prefix,
        }
    return auth


def _image(topology: Topology) -> dict:
    # Pinned explicitly (upstream relies on the operator's default) so every kcp component runs one version.
    # Through images.mirror when one is set (charts/images.py).
    return {"repository": topology.images.mirrored(topology.versions.kcp_image), "tag": topology.versions.kcp}


def _deployment_template(topology: Topology, placement: dict) -> dict:
    # The one place a kcp-operator `deploymentTemplate` is assembled (RootShard, its proxy, Shards, FrontProxy): every
    # fragment is deep-merged here, so no spec gets two. kcp-operator replaces the pod's pull Secrets from the template
    # whenever it has a pod spec (charts/images.py pull_secrets_template), so they must be in the same template.
    # `placement`: the component's scheduling (charts/kcp_workloads.py placement_template).
    template = deep_merge(pull_secrets_template(topology), placement)
    return {"deploymentTemplate": template} if template else {}


def _ca_bundle(topology: Topology) -> dict:
    # Shards (and the root shard) dial the internal front-proxy with client-certificate kubeconfigs that must trust its
    # serving certificate: its CA bundle (kcp-dev/kcp-operator@v0.9.0:internal/resources/shard/kubeconfigs.go).
    bundle = topology.ca_bundle_of(topology.internal_front_proxy)
    return {"caBundleSecretRef": {"name": bundle}} if bundle else {}


def _external(topology: Topology) -> dict:
    # The public front-proxy's name and port, and (kcp-comer) the private one kcp's components dial with client
    # certificates, which a CDN in front of the public one would drop: kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/
    # v1alpha1/rootshard_types.go ExternalConfig privateHostname/privatePort, used by
    # internal/resources/shard/kubeconfigs.go ExternalLogicalClusterAdminKubeconfigReconciler.
    external: dict = {"hostname": topology.front_proxy_hostname, "port": topology.front_proxy.port}
    if topology.root_shard.private_front_proxy is not None:
        private = topology.internal_front_proxy
        external.update(privateHostname=topology.front_proxy_hostname_of(private), privatePort=private.port)
    return external


def _etcd(shard: ShardSpec, topology: Topology) -> dict:
    return {"endpoints": [etcd_client_url(shard.name, topology.namespace)], "tlsConfig": {"secretRef": {"name": "etcd-ca-tls"}}}


def _base_url(topology: Topology, shard: ShardSpec) -> dict:
    # A private shard (type ClusterIP) keeps kcp-operator's in-cluster default URL, https://<service>.<namespace>.svc.
    # cluster.local:6443 (kcp-dev/kcp-operator@v0.9.0:internal/resources/resources.go GetShardBaseURL).
    if topology.shard_exposure(shard).private:
        return {}
    return {"shardBaseURL": f"https://{topology.shard_hostname(shard)}:{SHARD_PORT}"}


def _service_template(topology: Topology, shard: ShardSpec) -> dict:
    # A private shard without annotations needs no template: kcp-operator makes every shard Service ClusterIP before
    # applying one (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/service.go ServiceReconciler), which
    # is exactly upstream's kcp-dekker.
    exposure = topology.shard_exposure(shard)
    if exposure.private and not exposure.annotations:
        return {}
    return {"serviceTemplate": exposure.operator_template()}


def _server_certificate(topology: Topology, shard: ShardSpec) -> dict:
    # The operator's server certificate already names the in-cluster Service (kcpmodel server_certificate); a
    # public shard adds its public hostname, a private one has none.
    if topology.shard_exposure(shard).private:
        return {}
    return {"server": {"spec": {"dnsNames": [topology.shard_hostname(shard)]}}}


class RootShard(Construct):
    """The root shard with its embedded cache server, certificates from the kcp CA."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology) -> None:
        super().__init__(scope, construct_id)
        shard = topology.root_shard
        manifest(self, {
            "apiVersion": API, "kind": "RootShard", "metadata": meta(shard.name, topology.namespace),
            "spec": {
                "replicas": shard.replicas,
                "image": _image(topology),
                "auth": _auth(topology),
                **_ca_bundle(topology),
                "external": _external(topology),
                "certificates": {"issuerRef": {"group": "cert-manager.io", "kind": "Issuer", "name": KCP_CA_ISSUER}},
                "cache": {"embedded": {"enabled": True}},
                **_deployment_template(topology, placement_template(topology, shard)),
                **_base_url(topology, shard),
                # kcp-operator's own CAs get our CA policy through the templates (it sets no rotation policy, so
                # cert-manager v1.18 would rotate their keys): charts/ca_policy.py kcp_operator_ca_templates.
                "certificateTemplates": {**_server_certificate(topology, shard), **kcp_operator_ca_templates()},
                "etcd": _etcd(shard, topology),
                "proxy": {"image": _image(topology), **_deployment_template(topology, placement_template(topology, shard, root_proxy=True))},
                **_service_template(topology, shard),
                **workload_fields(topology, shard),
            },
        })
        audit_policy(self, topology, shard)


class Shard(Construct):
    """A further shard; one that runs on another cluster is exported as a bundle with explicit replicas."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, shard: ShardSpec) -> None:
        super().__init__(scope, construct_id)
        annotations = {BUNDLE_ANNOTATION: "true"} if topology.is_remote(shard) else None
        manifest(self, {
            "apiVersion": API, "kind": "Shard", "metadata": meta(shard.name, topology.namespace, annotations=annotations),
            "spec": {
                # A bundled shard's Deployment is scaled to 0 on the root cluster; the operator keeps this count
                # for the exported one, so it must be explicit.
                "replicas": shard.replicas,
                "image": _image(topology),
                "auth": _auth(topology),
                **_ca_bundle(topology),
                "etcd": _etcd(shard, topology),
                **_base_url(topology, shard),
                **({"certificateTemplates": server} if (server := _server_certificate(topology, shard)) else {}),
                "rootShard": {"ref": {"name": topology.root_shard.name}},
                **_deployment_template(topology, placement_template(topology, shard)),
                **workload_fields(topology, shard),
                # A remote shard's Service on this cluster only backs the scaled-to-0 Deployment: ClusterIP, no idle
                # load balancer. The bridge gives the delivered copy its own cluster's exposure.
                **({"serviceTemplate": {"spec": {"type": "ClusterIP"}}} if topology.is_remote(shard)
                   else _service_template(topology, shard)),
            },
        })
        audit_policy(self, topology, shard)


class FrontProxy(Construct):
    """One front-proxy of the root shard; its certificate comes from ACME or the internal kcp CA."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, proxy: FrontProxySpec) -> None:
        super().__init__(scope, construct_id)
        host = topology.front_proxy_hostname_of(proxy)
        bundle = topology.ca_bundle_of(proxy)
        spec: dict = {
            "image": _image(topology),
            "external": {"hostname": host, "port": proxy.port},
            "rootShard": {"ref": {"name": topology.root_shard.name}},
            **({"caBundleSecretRef": {"name": bundle}} if bundle else {}),
        }
        if proxy.certificate == "acme":
            issuer = proxy.acme.issuer_name
            spec["certificateTemplates"] = {"server": {
                "metadata": {"annotations": {"cert-manager.io/cluster-issuer": issuer}},
                "spec": {"issuerRef": {"name": issuer, "kind": "ClusterIssuer", "group": "cert-manager.io"}, "dnsNames": [host]},
            }}
        # With the kcp CA, kcp-operator names the front-proxy's hostname in its server certificate itself
        # (kcp-dev/kcp-operator@v0.9.0:internal/resources/frontproxy/certificates.go serverCertificateReconciler), so no
        # template is rendered, as in upstream's kcp-dekker and kcp-comer manifests.
        spec["auth"] = _auth(topology)
        spec.update(_deployment_template(topology, placement_template(topology, proxy)))
        spec.update(workload_fields(topology, proxy))
        spec["serviceTemplate"] = topology.front_proxy_exposure_of(proxy).operator_template()
        manifest(self, {"apiVersion": API, "kind": "FrontProxy", "metadata": meta(proxy.name, topology.namespace), "spec": spec})


class AdminKubeconfig(Construct):
    """Admin kubeconfig through one front-proxy; the operator writes it into a Secret on the root cluster."""

    def __init__(self, scope: Construct, construct_id: str, *, topology: Topology, proxy: FrontProxySpec) -> None:
        super().__init__(scope, construct_id)
        manifest(self, {
            "apiVersion": API, "kind": "Kubeconfig", "metadata": meta(proxy.admin_kubeconfig, topology.namespace),
            "spec": {
                "username": "kcp-admin",
                "groups": ["system:kcp:admin"],
                "validity": proxy.admin_kubeconfig_validity,
                "secretRef": {"name": proxy.admin_kubeconfig},
                "target": {"frontProxyRef": {"name": proxy.name}},
            },
        })
