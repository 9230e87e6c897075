"""Where every image the product renders is pulled from: the topology's `images.mirror` and `images.pullSecrets`, applied
to each place that names an image or a pod.

The rewrite itself is `Images.mirrored()` (kcpgitops/topology/_images.py); this module applies it, and the pull
Secrets, to what the charts render:

- kcp (RootShard, its proxy, Shards, FrontProxy): `spec.image.repository` (charts/kcp.py `_image()`) and the pull
  Secrets in `spec.deploymentTemplate` (`pull_secrets_template`, merged there at one point, charts/kcp.py
  `_deployment_template()`);
- kcp-operator's Deployment (charts/argocd/_plan.py, kcpgitops/operator_manifests.py) and the two CronJobs
  (charts/bridge.py, charts/kcp_inside/_argocd.py): image and pod `imagePullSecrets` (`pod_pull_secrets`);
- the three Helm charts, through their values (`chart_values`), and the copy list of the bootstrap steps
  (`mirror_copies`).

Out of reach: etcd-druid v0.33.0 picks the etcd pods' images from its built-in image vector unless an Etcd names them
(`spec.etcd.image`, `spec.backup.image`), and gives those pods no pull Secrets; its chart has no pull-Secret value;
Argo CD's own install is upstream's install.yaml, applied by hand (the bootstrap step rewrites it with kustomize).
"""

from __future__ import annotations

from dataclasses import dataclass

from kcpgitops.topology import Job, Topology, job_image

KCP_OPERATOR_IMAGE = "ghcr.io/kcp-dev/kcp-operator"
"""kcp-operator's image repository: the one upstream's config/manager kustomization sets (without tag)."""

CERT_MANAGER_IMAGES: dict[str, str] = {
    "image": "quay.io/jetstack/cert-manager-controller",
    "webhook": "quay.io/jetstack/cert-manager-webhook",
    "cainjector": "quay.io/jetstack/cert-manager-cainjector",
    "acmesolver": "quay.io/jetstack/cert-manager-acmesolver",
    "startupapicheck": "quay.io/jetstack/cert-manager-startupapicheck",
}
"""Values section (`image` is the controller's top-level one) -> default `image.repository` of the cert-manager chart
(cert-manager/cert-manager@v1.18.2:deploy/charts/cert-manager/values.yaml). Its templates pull
`<repository>:<tag or the chart's appVersion>` (templates/_helpers.tpl `image`), and the chart version is the
appVersion, so the tag is `versions.certManager`."""

SEALED_SECRETS_IMAGE = ("docker.io", "bitnami/sealed-secrets-controller")
"""Default `image.registry` and `image.repository` of the sealed-secrets chart; its Deployment pulls
`<registry>/<repository>:<tag>` (bitnami-labs/sealed-secrets@helm-v2.18.5:helm/sealed-secrets/values.yaml,
templates/deployment.yaml)."""
SEALED_SECRETS_CONTROLLER_TAGS = {"2.18.5": "0.36.6"}
"""Chart version -> its default controller `image.tag` (values.yaml at that chart's tag)."""

ETCD_DRUID_IMAGE = "europe-docker.pkg.dev/gardener-project/releases/gardener/etcd-druid"
"""Where etcd-druid's release images are published: the `releases` registry of its release workflow
(gardener/etcd-druid@v0.33.0:.github/workflows/base.yaml `oci-images`, repository gardener/etcd-druid), which the
published chart's `image.repository` names (`helmcharts` ocm-mappings). values.yaml at the tag still names the
`public` registry and tag `latest`, which only local builds use; with a mirror both are set explicitly."""

ETCD_IMAGES = (
    ("etcd-wrapper", "europe-docker.pkg.dev/gardener-project/public/gardener/etcd-wrapper", "v0.5.2"),
    ("etcd-backup-restore", "europe-docker.pkg.dev/gardener-project/public/gardener/etcdbrctl", "v0.39.0"),
)
"""The etcd pods' images etcd-druid v0.33.0 picks from its image vector (gardener/etcd-druid@v0.33.0:
internal/images/images.yaml; internal/utils/image.go GetEtcdImages takes `spec.etcd.image` and `spec.backup.image`
instead when an Etcd sets them). The vector's `alpine` runs only as the init container of a local-directory backup
store (internal/component/statefulset/builder.go getPodInitContainers) and cannot be set on the Etcd."""


def pull_secrets(topology: Topology) -> list[dict]:
    """`imagePullSecrets` entries (LocalObjectReference) of `images.pullSecrets`, in the topology's order."""
    return [{"name": name} for name in topology.images.pull_secrets]


def pod_pull_secrets(topology: Topology) -> dict:
    """Pod spec fields naming the pull Secrets: `{"imagePullSecrets": [...]}`, or `{}` without any."""
    entries = pull_secrets(topology)
    return {"imagePullSecrets": entries} if entries else {}


def pull_secrets_template(topology: Topology) -> dict:
    """The pull Secrets as a kcp-operator `deploymentTemplate` fragment, or `{}` without any.

    kcp-operator v0.9.0 copies `deploymentTemplate.spec.template.spec.imagePullSecrets` into the Deployment of a
    RootShard, its proxy, a Shard and a FrontProxy, replacing what `spec.image.imagePullSecrets` put there: its
    applyPodSpecTemplate sets the pod's pull Secrets from the template whenever the template has a pod spec, even an
    empty list (kcp-dev/kcp-operator@v0.9.0:internal/resources/utils/deployments.go applyPodSpecTemplate, called after
    utils/shard.go ApplyCommonShardConfig and in compiledfrontproxy/deployment.go DeploymentReconciler). So they go into
    the template, where no other template content (scheduling) can drop them.
    """
    entries = pull_secrets(topology)
    return {"spec": {"template": {"spec": {"imagePullSecrets": entries}}}} if entries else {}


def deep_merge(*fragments: dict) -> dict:
    """Merge nested mappings key by key into a new dict; two fragments setting the same non-mapping field is an error
    (each fragment owns its fields, so a clash is a bug, not a choice)."""
    merged: dict = {}
    for fragment in fragments:
        for key, value in fragment.items():
            if key not in merged:
                merged[key] = deep_merge(value) if isinstance(value, dict) else value
            elif isinstance(merged[key], dict) and isinstance(value, dict):
                merged[key] = deep_merge(merged[key], value)
            else:
                raise ValueError(f"two fragments set {key!r}")
    return merged


def kcp_operator_image(topology: Topology) -> str:
    """Repository (without tag) of kcp-operator's manager image, through the mirror."""
    return topology.images.mirrored(KCP_OPERATOR_IMAGE)


CHART_REPOSITORY_FIELDS = {"cert-manager": "cert_manager", "sealed-secrets": "sealed_secrets", "etcd-druid": "etcd_druid"}
"""Chart name -> its field of `images.charts` (kcpgitops.topology ChartRepositories)."""


def chart_repository(topology: Topology, chart: str) -> str:
    """The repository Argo CD pulls one pinned chart from (`images.charts`, default the upstream one)."""
    return getattr(topology.images.charts, CHART_REPOSITORY_FIELDS[chart])


def chart_values(topology: Topology, chart: str) -> dict:
    """Helm values of one pinned chart (`cert-manager`, `sealed-secrets`, `etcd-druid`) for the mirror and the pull
    Secrets; `{}` without either."""
    images = topology.images
    entries = pull_secrets(topology)
    values: dict = {}
    if chart == "cert-manager":
        if images.mirror is not None:
            # The controller's `image` is top-level, the others' under their section.
            values.update({section: ({"repository": images.mirrored(repo)} if section == "image"
                                     else {"image": {"repository": images.mirrored(repo)}})
                           for section, repo in CERT_MANAGER_IMAGES.items()})
        if entries:
            # The controller, webhook and cainjector Deployments and the ServiceAccounts, startupapicheck's included,
            # read global.imagePullSecrets (templates/deployment.yaml, webhook-deployment.yaml, cainjector-*.yaml,
            # *-serviceaccount.yaml).
            values["global"] = {"imagePullSecrets": entries}
    elif chart == "sealed-secrets":
        image: dict = {}
        if images.mirror is not None:
            registry, repository = SEALED_SECRETS_IMAGE
            # The chart joins registry and repository itself: the mirror becomes the registry, the path stays.
            image["registry"] = images.mirrored(f"{registry}/{repository}").removesuffix(f"/{repository}")
        if entries:
            # templates/deployment.yaml: `imagePullSecrets: - name: <each>` from a list of names.
            image["pullSecrets"] = [e["name"] for e in entries]
        if image:
            values["image"] = image
    elif chart == "etcd-druid":
        # templates/deployment.yaml pulls `<image.repository>:<image.tag>`; the chart has no pull-Secret value.
        if images.mirror is not None:
            values["image"] = {"repository": images.mirrored(ETCD_DRUID_IMAGE), "tag": topology.versions.etcd_druid}
    else:
        raise ValueError(f"no image values known for chart {chart!r}")
    return values


@dataclass(frozen=True)
class MirrorCopy:
    """One image the mirror must hold: where it comes from, what the clusters pull, and who pulls it."""

    source: str
    """The upstream reference (the job images: where `make images` pushes them)."""
    mirrored: str
    """The same reference through `images.mirror`."""
    used_by: str
    """What pulls it, for the README."""
    reached: bool = True
    """False when nothing rendered pulls it through the mirror (the etcd images etcd-druid picks itself)."""


def mirror_copies(topology: Topology, jobs: tuple[tuple[Job, str], ...] = ()) -> list[MirrorCopy]:
    """Every image the product renders, as the mirror must hold it; empty without `images.mirror`. `jobs` are the job
    images whose CronJobs render, as (`images:` key, CronJob `<namespace>/<name>`) (the bootstrap steps know which)."""
    images, versions = topology.images, topology.versions
    if images.mirror is None:
        return []

    def copy(source: str, used_by: str, *, reached: bool = True) -> MirrorCopy:
        return MirrorCopy(source, images.mirrored(source), used_by, reached)

    copies = [
        copy(f"{versions.kcp_image}:{versions.kcp}", "kcp: RootShard, its proxy, Shards, FrontProxy"),
        copy(f"{KCP_OPERATOR_IMAGE}:{versions.kcp_operator}", "kcp-operator"),
    ]
    copies += [copy(f"{repo}:{versions.cert_manager}", f"cert-manager {section if section != 'image' else 'controller'}")
               for section, repo in CERT_MANAGER_IMAGES.items()]
    tag = SEALED_SECRETS_CONTROLLER_TAGS.get(versions.sealed_secrets, f"<image.tag of chart {versions.sealed_secrets}>")
    copies.append(copy(f"{'/'.join(SEALED_SECRETS_IMAGE)}:{tag}", "sealed-secrets controller"))
    copies.append(copy(f"{ETCD_DRUID_IMAGE}:{versions.etcd_druid}", "etcd-druid"))
    for job, cronjob in jobs:
        image = job_image(topology, job)
        copies.append(MirrorCopy(image.source, image.reference, f"CronJob {cronjob}"))
    copies += [copy(f"{repo}:{tag}", f"etcd ({name}; only with an override of spec.etcd.image / spec.backup.image)",
                    reached=False) for name, repo, tag in ETCD_IMAGES]
    return copies


__all__ = [
    "CERT_MANAGER_IMAGES",
    "CHART_REPOSITORY_FIELDS",
    "ETCD_DRUID_IMAGE",
    "ETCD_IMAGES",
    "KCP_OPERATOR_IMAGE",
    "SEALED_SECRETS_CONTROLLER_TAGS",
    "SEALED_SECRETS_IMAGE",
    "MirrorCopy",
    "chart_repository",
    "chart_values",
    "deep_merge",
    "kcp_operator_image",
    "mirror_copies",
    "pod_pull_secrets",
    "pull_secrets",
    "pull_secrets_template",
]
