"""A person's steps to bootstrap each cluster: one ordered list per cluster, as data.

`bootstrap_steps(topology, cluster)` is the only place this procedure is written down. `argocd/<cluster>/README.md`
renders every step with its commands and notes, `dist/<cluster>/README.md` lists the same steps in short together with
the Secrets they create, and the rehearsal executes the typed parameters of each step (`Step.params`) in this order.
The commands are for people; the parameters say the same for programs.

Order within a cluster: build and push the job images (root cluster), install Argo CD, create every Secret the
deployment needs there, apply the bootstrap, fetch the Sealed Secrets certificate and re-render (clusters that receive
shard bundles), create the DNS records once the load balancers have addresses, verify. Every wait tolerates objects
that do not exist yet (`kubectl wait --for=create` first, or a loop), because Argo CD creates them in later waves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from charts.bridge import NAME as BRIDGE_CRONJOB
from charts.images import CHART_REPOSITORY_FIELDS, MirrorCopy, chart_repository, mirror_copies
from charts.kcp_inside import plan_objects
from charts.names import (
    ADMIN_KUBECONFIG_FILE,
    ADMIN_KUBECONFIG_PATH,
    ADMIN_KUBECONFIG_VAR,
    APPS,
    BOOTSTRAP,
    ROOT_APP,
    SEALED_SECRETS_APP,
    SEALED_SECRETS_CONTROLLER,
    SEALED_SECRETS_NAMESPACE,
)
from charts.names import WORKSPACE_CLUSTERS_JOB as WORKSPACE_CLUSTERS_CRONJOB
from kcpgitops.docs import DnsRecord, UserSecret, dns_plan, user_created_secrets
from kcpgitops.output import CERT_MANAGER_NAMESPACE
from kcpgitops.topology import (
    AcmeSolver,
    ChartRepositories,
    Placeholder,
    Topology,
    acme_solver,
    job_image,
    placeholders,
    repository_key,
)

Action = Literal[
    "edit-topology",
    "build-images",
    "install-argocd",
    "create-secret",
    "apply-bootstrap",
    "fetch-sealing-certificate",
    "render-and-commit",
    "create-dns-records",
    "verify",
]
ACTION_ORDER: tuple[Action, ...] = (
    "edit-topology",
    "build-images",
    "install-argocd",
    "create-secret",
    "apply-bootstrap",
    "fetch-sealing-certificate",
    "render-and-commit",
    "create-dns-records",
    "verify",
)
"""Actions in the order a cluster's steps take them; a program doing several clusters can go action by action."""

ARGOCD_SSA_MANAGER = "argocd-controller"
"""Argo CD's server-side apply field manager: bootstrapping under it leaves one owner for every field."""
REPO_SECRET = "repo-kcp-gitops"
"""Argo CD repository Secret for a private repository."""


@dataclass(frozen=True)
class ImageBuild:
    """One job image a CronJob on the root cluster pulls; nothing publishes it but this step (or a release)."""

    name: str
    """Short name: `bridge` or `workspace-clusters`."""
    dockerfile: str
    """Dockerfile at the repository root."""
    image: str
    """Reference the rendered CronJob pulls (`kcpgitops.topology.job_image`: the topology's `images:` block)."""
    cronjob: str
    """The CronJob running it, as `<namespace>/<name>`."""
    tag: str
    """What `make images` tags the build with and the push sends: `image` without a digest (a digest is what a push
    produces, so it cannot be built)."""
    fields: tuple[str, ...]
    """Topology fields that name the image (`images.*`, or a deprecated full-reference field); empty: the defaults."""


@dataclass(frozen=True)
class EditTopology:
    """Parameters of `edit-topology`: placeholders to replace before anything is installed."""

    fields: tuple[Placeholder, ...]
    """Each placeholder the rollout would stall on (field path, current value, what to set)."""


@dataclass(frozen=True)
class BuildImages:
    """Parameters of `build-images`."""

    images: tuple[ImageBuild, ...]
    """Images to build from this repository and push where the CronJobs pull them."""
    mirror: tuple[MirrorCopy, ...] = ()
    """With `images.mirror`: every image the clusters pull through the mirror, which must hold each before Argo CD
    syncs (the job images once pushed; Argo CD's own for the install step's kustomize rewrite). Empty without one."""


@dataclass(frozen=True)
class InstallArgoCd:
    """Parameters of `install-argocd`."""

    version: str
    """Argo CD release."""
    namespace: str
    """Namespace Argo CD runs in."""
    manifest_url: str
    """The release's install.yaml."""
    images: tuple[tuple[str, str], ...] = ()
    """(image name in install.yaml, name to pull instead) for kustomize's images transformer, with `images.mirror`."""


@dataclass(frozen=True)
class CreateSecret:
    """Parameters of `create-secret`: a Secret no file in Git holds, because it carries a credential."""

    namespace: str
    """Namespace of the Secret (created first when it does not exist yet)."""
    name: str
    """Secret name the rendered objects reference."""
    keys: tuple[str, ...]
    """Keys its data must hold."""
    meanings: tuple[str, ...]
    """What each of `keys` must hold, in the same order."""
    purpose: str
    """Who reads it and why."""
    type: str = "Opaque"
    """Secret type (`kubectl create secret generic` makes Opaque ones)."""
    labels: tuple[tuple[str, str], ...] = ()
    """Labels it needs (Argo CD finds repository Secrets by label)."""
    required: bool = True
    """False when only some setups need it (repository credentials for a private repository)."""

    def __post_init__(self) -> None:
        if len(self.meanings) != len(self.keys):
            raise ValueError(f"Secret {self.namespace}/{self.name}: one meaning per key")

    def key_meanings(self) -> tuple[tuple[str, str], ...]:
        """(key, what it holds) pairs."""
        return tuple(zip(self.keys, self.meanings, strict=True))


@dataclass(frozen=True)
class ApplyBootstrap:
    """Parameters of `apply-bootstrap`."""

    path: str
    """Repo-relative directory applied once by hand (the AppProject, `argocd-cm` and the app-of-apps)."""
    field_manager: str
    """Server-side apply field manager, Argo CD's own, so later syncs own the same fields."""
    root_application: str
    """The Application that takes over from there (it syncs `path` itself and the child Applications)."""
    namespace: str
    """Argo CD's namespace, where `path`'s objects live."""


@dataclass(frozen=True)
class FetchSealingCertificate:
    """Parameters of `fetch-sealing-certificate`."""

    application: str
    """Argo CD Application that installs the Sealed Secrets controller; wait until it is Healthy."""
    controller_name: str
    """The controller's Service name (kubeseal `--controller-name`)."""
    controller_namespace: str
    """The controller's namespace (kubeseal `--controller-namespace`)."""
    certificate: str
    """Repo-relative path the public certificate is written to (topology `clusters[].sealingCertificate`)."""


@dataclass(frozen=True)
class RenderAndCommit:
    """Parameters of `render-and-commit`."""

    paths: tuple[str, ...]
    """Repo-relative paths to commit after rendering (the certificate and the rendered trees)."""
    reason: str
    """What the new render carries (shown as the commit message)."""


@dataclass(frozen=True)
class CreateDnsRecords:
    """Parameters of `create-dns-records`: the public names pointing at this cluster's load balancers."""

    records: tuple[DnsRecord, ...]
    """One per hostname; each names its cluster and the LoadBalancer Service (`namespace`/`service`) it points at."""

    def targets(self) -> dict[str, tuple[str, str]]:
        """Hostname -> (cluster, Service as `<namespace>/<name>`)."""
        return {r.hostname: (r.cluster, f"{r.namespace}/{r.service}") for r in self.records}


@dataclass(frozen=True)
class Verify:
    """Parameters of `verify`."""

    shards: tuple[str, ...]
    """Every shard `kubectl get shards` lists once all clusters are bootstrapped."""
    bundles: tuple[str, ...]
    """Bundles that are Ready on the root cluster (empty elsewhere)."""


Params = EditTopology | BuildImages | InstallArgoCd | CreateSecret | ApplyBootstrap | FetchSealingCertificate | RenderAndCommit | CreateDnsRecords | Verify

_ACTIONS: dict[type, Action] = {
    EditTopology: "edit-topology",
    BuildImages: "build-images",
    InstallArgoCd: "install-argocd",
    CreateSecret: "create-secret",
    ApplyBootstrap: "apply-bootstrap",
    FetchSealingCertificate: "fetch-sealing-certificate",
    RenderAndCommit: "render-and-commit",
    CreateDnsRecords: "create-dns-records",
    Verify: "verify",
}


@dataclass(frozen=True)
class Step:
    """One thing a person does, in order; `params` says precisely what, `commands` how."""

    action: Action
    """Kind of step; decides the type of `params`."""
    cluster: str
    """The cluster whose list holds the step; its `kubectl` commands run against that cluster."""
    title: str
    """Heading in the README."""
    commands: tuple[str, ...]
    """Shell commands shown in the README, in order (placeholders in angle brackets)."""
    params: Params
    """The step as data, for programs that carry it out."""
    notes: tuple[str, ...] = ()
    """Markdown paragraphs the README shows after the commands."""

    def __post_init__(self) -> None:
        if _ACTIONS[type(self.params)] != self.action:
            raise ValueError(f"step {self.title!r}: action {self.action} does not take {type(self.params).__name__}")

    @property
    def secret(self) -> CreateSecret | None:
        """The Secret a `create-secret` step creates (None for other actions)."""
        return self.params if isinstance(self.params, CreateSecret) else None

    @property
    def paths(self) -> tuple[str, ...]:
        """Repo-relative paths the step applies (`apply-bootstrap`) or commits (`render-and-commit`); () otherwise."""
        if isinstance(self.params, ApplyBootstrap):
            return (self.params.path,)
        if isinstance(self.params, RenderAndCommit):
            return self.params.paths
        return ()

    @property
    def records(self) -> tuple[DnsRecord, ...]:
        """The DNS records a `create-dns-records` step creates; () otherwise."""
        return self.params.records if isinstance(self.params, CreateDnsRecords) else ()


def bootstrap_steps(topology: Topology, cluster: str) -> list[Step]:
    """The ordered steps a person takes to bootstrap `cluster` (see the module docstring for the order)."""
    spec = topology.cluster(cluster)
    is_root = cluster == topology.root_shard.cluster
    receives = [s for s in topology.shards_on(cluster) if topology.is_remote(s)]
    steps: list[Step] = []
    if is_root:
        placeholders = blocking_placeholders(topology)
        if placeholders:
            steps.append(_edit_topology(cluster, placeholders))
        images = _images(topology)
        if images or topology.images.mirror is not None:
            steps.append(_build_images(topology, cluster, images))
    steps.append(_install_argocd(topology, cluster))
    steps.append(_repository_secret(topology, cluster))
    bridge_repository = _bridge_repository_secret(topology, cluster) if receives else None
    if bridge_repository is not None:
        steps.append(bridge_repository)
    steps += [_user_secret(topology, secret) for secret in user_created_secrets(topology) if secret.cluster == cluster]
    steps.append(_apply_bootstrap(topology, cluster))
    if receives:
        certificate = topology.sealing_certificate(spec)
        steps.append(_fetch_certificate(topology, cluster, certificate))
        steps.append(_render_and_commit(topology, cluster, certificate))
    records = tuple(r for r in dns_plan(topology) if r.cluster == cluster)
    if records:
        steps.append(_dns(cluster, records, topology))
    steps.append(_verify(topology, cluster))
    return steps


def _images(topology: Topology) -> tuple[ImageBuild, ...]:
    def build(name: str, job: str, cronjob: str) -> ImageBuild:
        image = job_image(topology, job)
        return ImageBuild(name, image.dockerfile, image.reference, cronjob, image.build_tag, image.fields)

    images = []
    if any(topology.is_remote(s) for s in topology.shards):
        images.append(build("bridge", "bridge", f"{topology.namespace}/{BRIDGE_CRONJOB}"))
    # An empty `kcp:` section renders no job (charts/kcp_inside render_kcp()).
    if topology.kcp is not None and plan_objects(topology.kcp):
        images.append(build("workspace-clusters", "workspaceClusters", f"{topology.argocd.namespace}/{WORKSPACE_CLUSTERS_CRONJOB}"))
    return tuple(images)


def _build_images(topology: Topology, cluster: str, images: tuple[ImageBuild, ...]) -> Step:
    # `make images` (scripts/build_images.py) builds both Dockerfiles with the same job_image() tags as these pushes.
    commands = ["make images   # docker, podman or buildah, whichever is on PATH first; DRY_RUN=1 prints the commands",
                *(f"docker push {image.tag}" for image in images)]
    notes = [" and ".join(f"CronJob `{i.cronjob}` pulls `{i.image}`" for i in images)
             + "; nothing but this step or a release publishes them, so a job started before they exist fails with "
             "`ErrImagePull` until they do.",
             "`make images` tags each build as above from the topology in `$KCP_TOPOLOGY` (default `topology.yaml`): "
             "run it with the topology this document was rendered from. With podman or buildah, push with "
             "`podman push` or `buildah push` instead. A version tag `v<version>` of this repository builds and pushes "
             "both images for linux/amd64 and linux/arm64 (`.github/workflows/release.yml`): a topology with "
             "`images.registry: ghcr.io/<owner>` and the default repository names and tag pulls those and needs no "
             "build here."]
    pinned = [i for i in images if "@" in i.image]
    if pinned:
        notes.append("The topology pins " + " and ".join(f"`{i.image.partition('@')[0]}` by digest" for i in pinned)
                     + ": a build of your own has another digest. Push it, set the digest the push prints "
                     "(`images.bridgeDigest`, `images.workspaceClustersDigest`), re-render and commit before this step.")
    # The placeholder rule is kcpgitops.topology.placeholders'. An image is flagged when it reports the very reference
    # the CronJob pulls, or the field that names it: `images.registry`, or the deprecated full-reference field
    # (`bridge.image`) when that one decides.
    def registry_field(image: ImageBuild) -> str:
        return "images.registry" if not image.fields or image.fields[0].startswith("images.") else image.fields[0]

    reported = placeholders(topology)
    unset = [i for i in images if any(p.value == i.image or p.field == registry_field(i) for p in reported)]
    if unset:
        fields = sorted({registry_field(i) for i in unset})
        deprecated = [f for f in fields if not f.startswith("images.")]
        notes.append("**The topology still names a placeholder image registry**: set "
                     + " and ".join(f"`{f}`" for f in fields)
                     + " to a registry you can push to and your clusters can pull from, then re-render (`make synth`) "
                     "and commit before this step."
                     + (f" ({' and '.join(f'`{f}`' for f in deprecated)} {'are' if len(deprecated) > 1 else 'is'} "
                        "deprecated: better remove it and set `images.registry`.)" if deprecated else ""))
    if not images:
        commands, notes = [], []
    copies = _mirror_copies(topology, images)
    if copies:
        commands += [f"crane copy {c.source} {c.mirrored}" for c in copies if c.reached]
        notes += _mirror_notes(topology, copies)
    title = ("Build and push the job images" if not copies
             else "Build and push the job images, fill the image mirror" if images else "Fill the image mirror")
    return Step("build-images", cluster, title, tuple(commands), BuildImages(images, copies), tuple(notes))


ARGOCD_IMAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "v3.5.1": (("quay.io/argoproj/argocd", "v3.5.1"), ("ghcr.io/dexidp/dex", "v2.45.0"),
               ("public.ecr.aws/docker/library/redis", "8.2.3-alpine")),
}
"""Argo CD release -> the images its install.yaml names (argoproj/argo-cd@v3.5.1:manifests/install.yaml), which the
install step rewrites to the mirror with kustomize; another release's are looked up there by the person."""


def _argocd_images(topology: Topology) -> tuple[tuple[str, str], ...]:
    """(name, tag) of Argo CD's own images for the pinned release; the names alone for another one."""
    known = ARGOCD_IMAGES.get(topology.argocd.version)
    return known if known is not None else tuple((name, "") for name, _ in ARGOCD_IMAGES["v3.5.1"])


def _mirror_copies(topology: Topology, images: tuple[ImageBuild, ...]) -> tuple[MirrorCopy, ...]:
    """What the mirror must hold: every image the product renders (charts/images.py), the job images among them, and
    Argo CD's own, which the install step pulls through it."""
    jobs = {"bridge": "bridge", "workspace-clusters": "workspaceClusters"}
    copies = mirror_copies(topology, tuple((jobs[i.name], i.cronjob) for i in images))
    if not copies:
        return ()
    argocd = [MirrorCopy(f"{name}:{tag}", topology.images.mirrored(f"{name}:{tag}"), "Argo CD (install step)")
              for name, tag in _argocd_images(topology) if tag]
    return (*copies, *argocd)


def _mirror_notes(topology: Topology, copies: tuple[MirrorCopy, ...]) -> list[str]:
    mirror = topology.images.mirror
    notes = [f"Every cluster pulls every image this repository renders through `{mirror}` (`images.mirror`): each keeps "
             "its path below its registry host. Copy them there before Argo CD syncs (the commands above; a "
             "pull-through cache fills itself instead). `crane copy` keeps the digest and every platform; "
             "`skopeo copy --all docker://<source> docker://<mirror>` does the same. The job images are copied once "
             "pushed."]
    unreached = [c for c in copies if not c.reached]
    if unreached:
        notes.append("etcd-druid v0.33.0 chooses the etcd pods' images itself and pulls "
                     + " and ".join(f"`{c.source}`" for c in unreached)
                     + " from their own registry: an Etcd override of `spec.etcd.image` and `spec.backup.image` "
                     "(README \"Image mirror and pull Secrets\") pulls them through the mirror instead, as "
                     + " and ".join(f"`{c.mirrored}`" for c in unreached) + "; copy them there for it. Neither etcd "
                     "pods nor etcd-druid itself can name a pull Secret: the mirror must serve these anonymously, or "
                     "the nodes must hold its credentials.")
    if topology.argocd.version not in ARGOCD_IMAGES:
        notes.append(f"Also copy the images of Argo CD {topology.argocd.version}'s install.yaml "
                     f"({', '.join(f'`{n}`' for n, _ in _argocd_images(topology))}, with that release's tags).")
    return notes


def _install_argocd(topology: Topology, cluster: str) -> Step:
    argocd = topology.argocd
    url = f"https://raw.githubusercontent.com/argoproj/argo-cd/{argocd.version}/manifests/install.yaml"
    notes: list[str] = []
    mirror = topology.images.mirror
    # Argo CD's own images are install.yaml's, not rendered here: with a mirror, kustomize's images transformer
    # rewrites them (names only, so each keeps install.yaml's tag).
    rewrites = tuple((name, topology.images.mirrored(name)) for name, _ in _argocd_images(topology)) if mirror else ()
    if argocd.namespace == "argocd" and not rewrites:
        apply = [f"kubectl apply -n {argocd.namespace} --server-side --force-conflicts \\\n  -f {url}"]
    else:
        kustomization = f"namespace: {argocd.namespace}\\n" if argocd.namespace != "argocd" else ""
        kustomization += f"resources:\\n- {url}\\n"
        if argocd.namespace != "argocd":
            # install.yaml's ClusterRoleBindings name the argocd namespace; kustomize's namespace rewrites them.
            notes.append(f"`install.yaml` assumes the namespace `argocd`; kustomize moves it, ClusterRoleBindings "
                         f"included, to `{argocd.namespace}`.")
        if rewrites:
            kustomization += "images:\\n" + "".join(f"- name: {n}\\n  newName: {m}\\n" for n, m in rewrites)
            notes.append(f"Argo CD's own images come from its `install.yaml`, which this repository does not render: "
                         f"kustomize pulls them through `{mirror}` (`images.mirror`) instead, with install.yaml's "
                         "tags; the root cluster's mirror step lists them.")
        apply = [
            "mkdir -p argocd-install",
            f"printf '{kustomization}' > argocd-install/kustomization.yaml",
            "kubectl apply --server-side --force-conflicts -k argocd-install/",
        ]
    commands = (
        f"kubectl create namespace {argocd.namespace}",
        *apply,
        f"kubectl -n {argocd.namespace} rollout status statefulset/argocd-application-controller --timeout=5m",
        f"kubectl -n {argocd.namespace} rollout status deployment/argocd-repo-server --timeout=5m",
    )
    return Step("install-argocd", cluster, f"Install Argo CD {argocd.version}", commands,
                InstallArgoCd(argocd.version, argocd.namespace, url, rewrites), tuple(notes))


def _repository_access(topology: Topology, *, name: str, repo: str, purpose: str) -> tuple[CreateSecret, tuple[str, ...]]:
    """The parameters and commands of an Argo CD repository Secret (read access to `repo`)."""
    ns = topology.argocd.namespace
    label = ("argocd.argoproj.io/secret-type", "repository")
    params = CreateSecret(
        namespace=ns,
        name=name,
        keys=("type", "url", "username", "password"),
        meanings=("`git`", f"`{repo}`", "a user that may read the repository", "a read-only token"),
        purpose=purpose,
        labels=(label,),
        required=False,
    )
    commands = (
        f"kubectl -n {ns} create secret generic {name} \\\n"
        "  --from-literal=type=git \\\n"
        f"  --from-literal=url={repo} \\\n"
        "  --from-literal=username=<user> --from-literal=password=<read-only token>",
        f"kubectl -n {ns} label secret {name} {label[0]}={label[1]}",
    )
    return params, commands


def _repository_secret(topology: Topology, cluster: str) -> Step:
    repo = topology.cluster(cluster).git.repo_url
    params, commands = _repository_access(topology, name=REPO_SECRET, repo=repo,
                                          purpose=f"Argo CD reads `{repo}` with it (private repositories only)")
    notes = (
        "Nothing in this repository holds a credential, and nothing here renders one. Skip this step for a public "
        "repository; for a private one create the Secret by hand or from your secret store (never commit it). The chart "
        "repositories are public and need none.",
        "For SSH, use `--from-literal=sshPrivateKey=\"$(cat deploy-key)\"` with an `ssh://` or `git@` URL instead of "
        "username and password.",
        *_chart_repositories_note(topology),
    )
    return Step("create-secret", cluster, "Repository access (private repositories only)", commands, params, notes)


def _chart_repositories_note(topology: Topology) -> tuple[str, ...]:
    """With `images.charts` naming other repositories than upstream's: where Argo CD pulls the charts from, and how it
    reads a private one."""
    versions = topology.versions
    charts = (("cert-manager", versions.cert_manager), ("sealed-secrets", versions.sealed_secrets),
              ("etcd-druid", versions.etcd_druid))
    upstream = ChartRepositories()
    moved = [(chart, version, chart_repository(topology, chart)) for chart, version in charts
             if chart_repository(topology, chart) != getattr(upstream, CHART_REPOSITORY_FIELDS[chart])]
    if not moved:
        return ()
    return ("Argo CD pulls " + ", ".join(f"chart `{c}` {v} from `{url}`" for c, v, url in moved)
            + " (`images.charts`): copy each there first (`helm pull` from its upstream repository, then `helm push` "
            "to an OCI registry or your Helm repository's upload). For a private one create a repository Secret like "
            "the one above with `type=helm`, its `url` as written here, and for an OCI registry (a URL without "
            "`https://`) `enableOCI=true`.",)


def _user_secret(topology: Topology, secret: UserSecret) -> Step:
    params = CreateSecret(secret.namespace, secret.name, secret.keys, secret.meanings or tuple("see purpose" for _ in secret.keys),
                          secret.purpose, type=secret.type)
    commands = (
        # The namespace may not exist yet (Argo CD creates it in a later wave); creating it first is harmless.
        f"kubectl create namespace {secret.namespace} --dry-run=client -o yaml | kubectl apply -f -",
        secret.create,
    )
    notes = [f"{secret.purpose}. It holds " + "; ".join(f"`{k}`: {m}" for k, m in params.key_meanings()) + "."]
    solver = _acme_solver(topology)
    # The ACME e-mail note goes with the DNS-01 solver's (first) credentials Secret, the step before the issuer is used.
    if solver is not None and solver.secrets and (secret.namespace, secret.name) == (CERT_MANAGER_NAMESPACE, solver.secrets[0].name):
        notes.append(_acme_email_note(topology, solver))
    return Step("create-secret", secret.cluster, f"Create Secret `{secret.namespace}/{secret.name}`", commands, params,
                tuple(notes))


def _acme_solver(topology: Topology) -> AcmeSolver | None:
    """The front-proxy's DNS-01 solver, or None without a ClusterIssuer (`certificate: kcp-ca`)."""
    proxy = topology.front_proxy
    return acme_solver(proxy.acme, topology.domain) if proxy.certificate == "acme" else None


def _acme_email_note(topology: Topology, solver: AcmeSolver) -> str:
    acme = topology.front_proxy.acme
    note = (f"The ACME account e-mail of ClusterIssuer `{acme.issuer_name}` is `{acme.email}` (topology "
            "`frontProxy.acme.email`). It must be a real address you read: Let's Encrypt refuses to register an "
            "account for a placeholder address such as one at `example.com`, and then no front-proxy certificate is "
            "ever issued.")
    for field, _ in solver.emails:
        note += f" The Cloudflare e-mail (`{field}`) must be that of the Cloudflare account owning the API key."
    if blocking_placeholders(topology):
        note += " **This topology still holds a placeholder e-mail: set it, re-render and commit before this step.**"
    return note


def blocking_placeholders(topology: Topology) -> tuple[Placeholder, ...]:
    """Placeholder values the rollout stalls on (Let's Encrypt refuses to register a placeholder ACME e-mail).

    The placeholder rule itself lives in `kcpgitops.topology.placeholders` (the same one `make synth` warns with);
    this picks the fields a rollout cannot pass.
    """
    # Every ACME front-proxy's account e-mail and its solver's e-mails, under the path the topology writes them with
    # (`frontProxy.…`, or `frontProxies[N].…` in the list form).
    forms = ["frontProxy"] if topology.front_proxies is None else [f"frontProxies[{i}]" for i in range(len(topology.front_proxies))]
    blocking: set[str] = set()
    for where, proxy in zip(forms, topology.all_front_proxies, strict=True):
        if proxy.certificate == "acme":
            solver = acme_solver(proxy.acme, topology.domain)
            blocking |= {f"{where}.acme.email", *(where + field.removeprefix("frontProxy") for field, _ in solver.emails)}
    return tuple(p for p in placeholders(topology) if p.field in blocking)


def _edit_topology(cluster: str, fields: tuple[Placeholder, ...]) -> Step:
    commands = ("$EDITOR topology.yaml   # " + ", ".join(f.field for f in fields), "make synth",
                "git add -A dist argocd sealed topology.yaml && git commit -m 'Set the ACME account e-mail' && git push")
    notes = ["The topology still holds placeholders the rollout cannot pass: "
             + "; ".join(f"`{f.field}` is `{f.value}`: set {f.fix}" for f in fields)
             + ". Let's Encrypt refuses to register an ACME account for a reserved domain such as `example.com`, so no "
             "front-proxy certificate would ever be issued."]
    return Step("edit-topology", cluster, "Replace the topology's placeholders", commands, EditTopology(fields), tuple(notes))


def _apply_bootstrap(topology: Topology, cluster: str) -> Step:
    ns = topology.argocd.namespace
    path = f"argocd/{cluster}/{BOOTSTRAP}"
    commands = (
        f"kubectl apply --server-side --field-manager={ARGOCD_SSA_MANAGER} -R -f {path}/",
        f"kubectl -n {ns} get applications",
    )
    notes = (
        "This creates the AppProject, adds the health checks to `argocd-cm` (a partial ConfigMap: server-side apply keeps "
        "every other key; it is applied under Argo CD's own field manager so later syncs own the same fields) and creates "
        f"`{ROOT_APP}`. `{ROOT_APP}` syncs `argocd/{cluster}/{BOOTSTRAP}/` (itself included) and `argocd/{cluster}/{APPS}/`, "
        "so from then on Git drives all of it and this step is never repeated.",
        "No Application carries the `resources-finalizer.argocd.argoproj.io` finalizer: deleting one (or removing it from "
        "Git) never deletes what it deployed. CRDs and `argocd-cm` are also marked `Prune=false,Delete=false`.",
        *_acme_identity_notes(topology, cluster),
    )
    return Step("apply-bootstrap", cluster, "Apply the bootstrap", commands, ApplyBootstrap(path, ARGOCD_SSA_MANAGER, ROOT_APP, ns),
                notes)


def _acme_identity_notes(topology: Topology, cluster: str) -> tuple[str, ...]:
    """On the root cluster, when the DNS-01 solver reads no Secret (ambient credentials, or RFC 2136 without TSIG):
    what cert-manager's identity needs and the ACME e-mail note, which otherwise go with the solver's Secret."""
    solver = _acme_solver(topology)
    if cluster != topology.root_shard.cluster or solver is None or solver.secrets:
        return ()
    return (*((solver.ambient,) if solver.ambient else ()), _acme_email_note(topology, solver))


def _fetch_certificate(topology: Topology, cluster: str, certificate: str) -> Step:
    ns = topology.argocd.namespace
    app = SEALED_SECRETS_APP
    commands = (
        # The Application appears only once the app-of-apps reaches its wave: wait for it to exist first.
        f"kubectl -n {ns} wait application/{app} --for=create --timeout=15m",
        f"kubectl -n {ns} wait application/{app} --for=jsonpath='{{.status.health.status}}'=Healthy --timeout=15m",
        f"kubeseal --fetch-cert --controller-name {SEALED_SECRETS_CONTROLLER} "
        f"--controller-namespace {SEALED_SECRETS_NAMESPACE} > {certificate}",
    )
    notes = (f"The certificate is public. The bridge on `{topology.root_shard.cluster}` seals what it delivers here with "
             "it, so it must match this cluster's controller.",)
    params = FetchSealingCertificate(app, SEALED_SECRETS_CONTROLLER, SEALED_SECRETS_NAMESPACE, certificate)
    return Step("fetch-sealing-certificate", cluster, "Fetch the Sealed Secrets certificate", commands, params, notes)


def _render_and_commit(topology: Topology, cluster: str, certificate: str) -> Step:
    reason = f"certs: {cluster} sealing certificate"
    paths = (certificate, "dist", "argocd")
    commands = ("make synth", f"git add {' '.join(paths)}", f"git commit -m '{reason}' && git push")
    notes = (f"The render puts the certificate into the bridge's configuration on `{topology.root_shard.cluster}` "
             f"(`dist/{topology.root_shard.cluster}`); once Argo CD there has synced it, the bridge's next run seals the "
             f"shard objects for `{cluster}` and commits them to {_bridge_location(topology, cluster)}. "
             "Render with `KCP_TOPOLOGY=<file>` when the topology lives in another file.",)
    return Step("render-and-commit", cluster, "Re-render and commit", commands, RenderAndCommit(paths, reason), notes)


def _bridge_location(topology: Topology, cluster: str) -> str:
    """Where the bridge commits a cluster's objects, as the notes say it: the path, plus repository and branch when
    they are not the ones the cluster's Argo CD follows (topology `git.bridge`)."""
    target = topology.bridge_target(topology.cluster(cluster))
    if not target.separate:
        return f"`{target.path}/`"
    return (f"`{target.path}/` on branch `{target.branch}` of `{target.repo_url}` (it creates the branch on its first "
            "delivery)")


def _bridge_repository_secret(topology: Topology, cluster: str) -> Step | None:
    """Argo CD's read access to the repository the bridge writes this cluster's objects to, when it is another one."""
    target = topology.bridge_target(topology.cluster(cluster))
    if repository_key(target.repo_url) == repository_key(topology.cluster(cluster).git.repo_url):
        return None
    params, commands = _repository_access(
        topology, name=f"{REPO_SECRET}-bridge", repo=target.repo_url,
        purpose=f"Argo CD's `kcp-bridge` Application reads `{target.repo_url}` with it (private repositories only)")
    notes = (f"The bridge writes this cluster's sealed shard objects to `{target.repo_url}` (topology "
             "`git.bridge.repoURL`), another repository than the one above. Skip this step when it is public; its "
             "credential only needs to read, and the bridge's own push credential stays on the root cluster.",)
    return Step("create-secret", cluster, "Bridge repository access (private repositories only)", commands, params, notes)


def _dns(cluster: str, records: tuple[DnsRecord, ...], topology: Topology | None = None) -> Step:
    commands = []
    for r in records:
        ingress = ".status.loadBalancer.ingress[0]"
        # The Service appears in a later wave (or with the bridge's delivery) and gets its address after that: loop.
        commands.append(f"until kubectl -n {r.namespace} get svc {r.service} -o jsonpath='{{{ingress}}}' 2>/dev/null "
                        "| grep -q .; do sleep 10; done")
        commands.append(f"kubectl -n {r.namespace} get svc {r.service} "
                        f"-o jsonpath='{{{ingress}.ip}}{{{ingress}.hostname}}{{\"\\n\"}}'   # -> {r.hostname}")
    notes = ["Point each hostname at the address printed for its Service: an A record for an IP, a CNAME for a hostname."]
    for proxy in (topology.all_front_proxies if topology is not None else []):
        if proxy.cdn is None or not any(r.service == f"{proxy.name}-front-proxy" for r in records):
            continue
        # kcp-dev/kcp@dac74f5955f1d4c703e87dd5cfecbc9a0a514643:docs/content/setup/production/kcp-comer.md "CloudFlare
        # Configuration"; the origin port follows kcp-operator v0.9.0, whose front-proxy Service listens on the
        # front-proxy's own port (internal/resources/utils/frontproxy.go GetFrontProxyExternalPort), not the guide's 6443.
        host = topology.front_proxy_hostname_of(proxy)
        ns = topology.namespace
        commands.append(f"kubectl -n {ns} get secret kcp-ca-tls -o jsonpath='{{.data.ca\\.crt}}' | base64 -d > kcp-ca.crt   "
                        f"# upload to {proxy.cdn.provider} as the origin's trusted CA")
        notes.append(
            f"`{host}` is served through {proxy.cdn.provider}: make it a proxied record (the CDN terminates TLS), set the "
            f"origin port to {proxy.port} (kcp-operator v0.9.0's front-proxy Service listens there; the kcp-comer guide's "
            "rewrite to 6443 predates it), set TLS to the origin to full/strict, and upload `kcp-ca.crt` (kcp's CA, which "
            "signs the origin's certificate) as the origin's trusted CA. Upload it again after every kcp-ca rotation "
            "(README \"CA rotation\"). Clients through the CDN authenticate with OIDC: it drops client certificates."
        )
    return Step("create-dns-records", cluster, "DNS records", tuple(commands), CreateDnsRecords(records), tuple(notes))


def _verify(topology: Topology, cluster: str) -> Step:
    ns = topology.namespace
    argocd_ns = topology.argocd.namespace
    is_root = cluster == topology.root_shard.cluster
    hosted = topology.shards_on(cluster)
    remote = [s for s in topology.shards if topology.is_remote(s)]
    mine = [r for r in dns_plan(topology) if r.cluster == cluster]
    commands = [f"kubectl -n {argocd_ns} get applications", f"kubectl get issuer -n {ns}"]
    if hosted:
        commands += [
            f"until kubectl get etcd -n {ns} -o name | grep -q .; do sleep 10; done",
            f"kubectl get etcd -n {ns}",
            f"kubectl wait --for=condition=Ready etcd -n {ns} --all --timeout=300s",
        ]
    commands.append(f"kubectl get certificate -n {ns}")
    if any(topology.is_remote(s) for s in hosted):
        commands.append(f"kubectl get sealedsecrets -n {ns}")
    commands += [f"kubectl get pods -n {ns}", f"kubectl get svc -n {ns} -o wide"]
    commands += [f"kubectl get svc -n {ns} {r.service} -o jsonpath='{{.status.loadBalancer}}'" for r in mine]
    commands += [f"nslookup {r.hostname}" for r in mine]
    if is_root:
        # Every front-proxy answers; the admin kubeconfig is the internal one's (client certificates do not pass a CDN).
        commands += [f"curl -k https://{topology.front_proxy_hostname_of(p)}:{p.port}/healthz" for p in topology.all_front_proxies]
        proxy = topology.internal_front_proxy
        commands += [
            f"{ADMIN_KUBECONFIG_PATH}   # private, outside the GitOps repository",
            f"(umask 077; kubectl get secret -n {ns} {proxy.admin_kubeconfig} -o jsonpath='{{.data.kubeconfig}}' | base64 -d "
            f"> {ADMIN_KUBECONFIG_FILE})",
            f"KUBECONFIG={ADMIN_KUBECONFIG_FILE} kubectl get shards",
        ]
        if topology.shards:
            commands.append(f"kubectl get deployments.apps -n {ns}")
        if remote:
            commands.append("kubectl get bundles.operator.kcp.io -A")
    else:
        commands.append(f"KUBECONFIG={ADMIN_KUBECONFIG_FILE} kubectl get shards   "
                        f"# ${ADMIN_KUBECONFIG_VAR}: the admin kubeconfig fetched on {topology.root_shard.cluster}")
    shards = tuple(sorted(s.name for s in topology.all_shards))
    bundles = tuple(f"{s.name}-bundle" for s in remote) if is_root else ()
    closing = "`kubectl get shards` lists " + ", ".join(f"`{s}`" for s in shards) + " once every cluster is bootstrapped"
    if remote:
        closing += (f"; on `{topology.root_shard.cluster}` the bundles " + ", ".join(f"`{s.name}-bundle`" for s in remote)
                    + " are `Ready` and their shard Deployments stay at 0 replicas there (they run on their own clusters)")
    notes = ("The guide's checks, in its order, with this topology's names.", closing + ".")
    return Step("verify", cluster, "Verify", tuple(commands), Verify(shards, bundles), notes)


__all__ = [
    "ACTION_ORDER",
    "Action",
    "ApplyBootstrap",
    "BuildImages",
    "CreateDnsRecords",
    "CreateSecret",
    "FetchSealingCertificate",
    "ImageBuild",
    "InstallArgoCd",
    "Params",
    "RenderAndCommit",
    "Step",
    "Verify",
    "bootstrap_steps",
]
