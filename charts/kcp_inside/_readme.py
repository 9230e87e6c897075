"""`dist/kcp/README.md` and `dist/kcp/apply-order.tsv` (what `scripts/apply_kcp.sh` reads)."""

from __future__ import annotations

import yaml

from kcpgitops.topology import REPO_ROOT, Topology, kcp_shard_name, load_kcp_file, shard_labels
from workspace_clusters import object_name

from ..kcp import SHARD_PORT
from ..names import ADMIN_KUBECONFIG_FILE, ADMIN_KUBECONFIG_PATH, ROOT_APP

# The Argo CD tree's names, so the commands below name the real Applications.
from ..names import KCP_OPERATOR as OPERATOR_APP
from ..names import KCP_OPERATOR_NAMESPACE as OPERATOR_NAMESPACE
from ._argocd import JOB, PROJECT, WAVE_WORKSPACES, front_proxy_url, kcp_repo_dir
from ._objects import KcpObject, ObjectKey, workspace_dir

OPERATOR_DEPLOYMENT = "kcp-operator-controller-manager"
"""kcp-operator v0.9.0's Deployment (config/manager with the `kcp-operator-` name prefix)."""

ORDER_FILE = "apply-order.tsv"
ORDER_COLUMNS = ("wave", "workspace", "kind", "name", "file")


def apply_order(topology: Topology, objects: list[KcpObject], files: dict[ObjectKey, str]) -> str:
    """One line per object in apply order: wave, workspace, kind, name and file (relative to the kcp tree)."""
    lines = [
        "# Generated: the order scripts/apply_kcp.sh applies dist/kcp in (make apply-kcp).",
        f"# server\t{front_proxy_url(topology)}",
        "# " + "\t".join(ORDER_COLUMNS),
    ]
    for obj in objects:
        lines.append("\t".join((str(obj.wave), obj.key.workspace, obj.key.kind, obj.key.name, files[obj.key])))
    return "\n".join(lines) + "\n"


def _selected_shards(topology: Topology, selector: object | None) -> list[str]:
    labels = shard_labels(topology)
    if selector is None:
        return sorted(labels)
    return [name for name, shard in labels.items() if selector.matches(shard)]  # type: ignore[attr-defined]


def render_readme(topology: Topology, objects: list[KcpObject], grouped: dict[str, list[KcpObject]]) -> str:
    """The kcp tree's README: layout, delivery, fallback and the guide's high-availability test."""
    kcp = topology.kcp
    assert kcp is not None
    base = front_proxy_url(topology)
    ns = topology.namespace
    root_cluster = topology.root_shard.cluster
    root_name = kcp_shard_name(topology, topology.root_shard)
    repo_dir = kcp_repo_dir(topology)
    placement = {"root": _selected_shards(topology, None) and [root_name]}
    for ws in kcp.workspaces:
        placement[ws.path] = _selected_shards(topology, ws.location_selector)

    out: list[str] = []
    w = out.append
    w("# Inside kcp: partitions, workspaces, exported APIs and endpoint slices\n")
    w("Generated from the `kcp:` section of the topology; edit the topology and re-render, not these files.\n")
    w("Each workspace has its own directory (`root:provider:alpha` is `root/provider/alpha/`), one object per file. "
      "A Workspace object lives in its parent's directory. Every file carries its `argocd.argoproj.io/sync-wave`: "
      "parent workspace before child, schema before export, export before binding, partition before endpoint slice.\n")
    w("| Workspace | Shards it may run on | Objects | Argo CD Application (wave) |")
    w("|---|---|---|---|")
    for path in kcp.workspace_paths:
        objs = grouped.get(path, [])
        listed = ", ".join(f"{o.key.kind} `{o.key.name}`" for o in objs) or "-"
        app = f"`{object_name(path)}` ({WAVE_WORKSPACES + min(o.wave for o in objs)})" if objs else "- (no objects)"
        shards = ", ".join(placement.get(path, [])) or "-"
        w(f"| `{path}` | {shards} | {listed} | {app} |")
    w("")
    w("Shards carry one label, `name: <shard>` (kcp sets it; the root shard is always `name: root`), which is what "
      "every selector here matches; the topology rejects a selector that matches no shard.\n")

    w(f"## Delivery with Argo CD (cluster `{root_cluster}`)\n")
    w(f"`argocd/{root_cluster}/apps/` holds the `{PROJECT}` AppProject and one Application per workspace, named "
      f"`kcp-ws-<path with dots>`, whose destination is the workspace itself: `{base}/clusters/<path>`, source "
      f"`{repo_dir}/<workspace dir>` (not recursive, so a parent never syncs its children's files).\n")
    w(f"Argo CD finds those destinations through cluster Secrets that no file in Git holds: the `{JOB}` CronJob "
      f"(`argocd/{root_cluster}/{JOB}/`) runs `python -m workspace_clusters`, reads the admin kubeconfig Secret "
      f"`{topology.internal_front_proxy.admin_kubeconfig}` (key `kubeconfig`) in `{ns}` and writes one Secret per workspace "
      f"into `{topology.argocd.namespace}` (label `argocd.argoproj.io/secret-type: cluster`, `server` = the "
      "workspace URL, `config` = the kubeconfig's client certificate and key). It writes only what changed, so the "
      "certificate kcp-operator rotates reaches Argo CD on the next run. Its Role may only read, create and patch "
      "the Secrets of the workspaces listed here, so a workspace removed from the topology leaves its "
      "`kcp-ws-<path>` Secret behind: delete it with kubectl. Run the job now with:\n")
    w("```bash")
    w(f"kubectl -n {topology.argocd.namespace} create job --from=cronjob/{JOB} {JOB}-now")
    w("```\n")
    w("What Argo CD needs for kcp workspaces:\n")
    w("- No `kube-system`: a workspace has none. Only `argocd cluster add` needs it (it creates an `argocd-manager` "
      "ServiceAccount there unless given `--system-namespace`); the job replaces that command, so nothing is created "
      "inside a workspace.")
    w("- Health checks in `argocd-cm` so sync waves wait for kcp: `resource.customizations.health.tenancy.kcp.io_Workspace` "
      "(Healthy once `status.phase` is `Ready`) and `resource.customizations.health.apis.kcp.io_APIBinding` (Healthy "
      "once `Bound`); the scripts are in `charts/kcp_inside/lua/`. The app-of-apps' Application health check orders "
      "the workspace Applications by their wave.")
    w("- Argo CD caches every kind a workspace's discovery lists; with the admin certificate it may list them all. "
      "Should you swap in a restricted identity, set `resource.respectRBAC: normal` in `argocd-cm`, so kinds it "
      "cannot list are skipped instead of failing the cluster cache (kcp's own groups are the usual ones).")
    w("- Workspace and APIExport objects carry `argocd.argoproj.io/sync-options: Prune=confirm`: deleting a "
      "workspace deletes everything in it, so Argo CD prunes them only after a confirmation. Applications have no "
      "finalizer: deleting one leaves its workspace alone.")
    w("- APIResourceSchemas are immutable in kcp: change a schema by giving it a new name (the `today.` prefix) and "
      "pointing the APIExport at it.\n")

    w("## Without Argo CD: `make apply-kcp`\n")
    w(f"`scripts/apply_kcp.sh` applies this tree in the order of `{ORDER_FILE}` with "
      f"`kubectl --server {base}/clusters/<path> apply`, waiting for each new Workspace to be Ready before its "
      "content. It uses your kubeconfig's credentials (the admin kubeconfig of the guide):\n")
    w("```bash")
    # The kubeconfig holds a client private key: a fresh private directory, never the GitOps repository.
    w(f"{ADMIN_KUBECONFIG_PATH}   # private, outside the GitOps repository")
    w(f"(umask 077; kubectl -n {ns} get secret {topology.internal_front_proxy.admin_kubeconfig} -o jsonpath='{{.data.kubeconfig}}' "
      f"| base64 -d > {ADMIN_KUBECONFIG_FILE})")
    w(f"make apply-kcp KUBECONFIG={ADMIN_KUBECONFIG_FILE}")
    w("scripts/apply_kcp.sh --dry-run   # print the kubectl commands only")
    w("```\n")

    w("## High-availability test\n")
    w("The guide's test: with the root shard down, workspaces on the other shards keep serving, and so does the "
      "cowboys API through the shard-local endpoint slices. Use the admin kubeconfig from above.\n")
    w("Create test resources in the consumer workspaces (one per shard):\n")
    w("```bash")
    w(f"export KUBECONFIG={ADMIN_KUBECONFIG_FILE}")
    for binding in kcp.bindings:
        example = _example_file(kcp, binding.export) or f"<a manifest of a resource of {binding.export}>"
        seen_shards: set[tuple[str, ...]] = set()
        for path in binding.workspaces:
            shard = tuple(placement.get(path, []))
            if shard not in seen_shards and root_name not in shard:
                seen_shards.add(shard)
                w(f"kubectl ws use :{path}")
                w(f"kubectl create -f {example}")
    w("```\n")
    replicas = topology.root_shard.replicas
    w(f"Simulate a root shard failure on cluster `{root_cluster}` (with that cluster's kubeconfig, not the kcp one). "
      f"The RootShard object sets `replicas: {replicas}`, so kcp-operator scales `{topology.root_shard.name}-kcp` straight "
      "back up; stop the operator first, and stop Argo CD from restoring the operator (the app-of-apps self-heals "
      f"the `{OPERATOR_APP}` Application, which self-heals the operator's Deployment):\n")
    w("```bash")
    w(f"argocd app set {ROOT_APP} --sync-policy none")
    w(f"argocd app set {OPERATOR_APP} --sync-policy none")
    w(f"kubectl scale deployment {OPERATOR_DEPLOYMENT} -n {OPERATOR_NAMESPACE} --replicas=0")
    w(f"kubectl scale deployment {topology.root_shard.name}-kcp -n {ns} --replicas=0")
    w("```\n")
    w("Expected while the root shard is down:\n")
    w("| Operation | Result |")
    w("|---|---|")
    for path in kcp.workspace_paths:
        shards = placement.get(path, [])
        if shards and root_name not in shards:
            result = f"Works ({', '.join(shards)} shard)"
        elif shards == [root_name]:
            result = "Timeout (root shard unavailable)"
        else:
            result = "Depends on the shard kcp chose (" + ", ".join(shards) + ")"
        w(f"| `kubectl ws use :{path}` | {result} |")
    w("")
    for eps in kcp.endpoint_slices:
        shard_names = [n for n, labels in shard_labels(topology).items()
                       if any(p.name == eps.partition and p.workspace == eps.workspace and p.selector.matches(labels)
                              for p in kcp.partitions)]
        shard = next((s for s in topology.all_shards if kcp_shard_name(topology, s) in shard_names), None)
        host = topology.shard_hostname(shard) if shard is not None else "<shard host>"
        export_name = eps.export.rsplit(":", 1)[1]
        resource_groups = _export_resources(kcp, eps.export)
        w(f"Read the `{eps.name}` endpoint (partition `{eps.partition}`) and query through it:\n")
        w("```bash")
        w(f"kubectl ws use :{eps.workspace}")
        w(f"URL=$(kubectl get apiexportendpointslice {eps.name} -o jsonpath='{{.status.endpoints[0].url}}')")
        w(f"echo $URL   # https://{host}:{SHARD_PORT}/services/apiexport/<identity>/{export_name}")
        for resource in resource_groups:
            w(f"kubectl -s \"$URL/clusters/*\" get {resource} -A")
        w("```\n")
    w("Restore: re-enable automated sync; Argo CD brings the operator back, which scales the root shard to "
      f"{replicas} again:\n")
    w("```bash")
    w(f"argocd app set {ROOT_APP} --sync-policy automated --self-heal --auto-prune")
    w(f"argocd app sync {ROOT_APP}")
    w("```\n")
    w("Dedicated operators (controllers) must run against each shard-local endpoint for the APIs to keep being "
      "reconciled while the root shard is down.")
    return "\n".join(out) + "\n"


def _example_file(kcp: object, ref: str) -> str | None:
    """A YAML file next to the export's file holding an object of one of its resources (the guide's cowboy.yaml)."""
    export = kcp.export(ref)  # type: ignore[attr-defined]
    groups = {r.split(".", 1)[1] for r in _export_resources(kcp, ref) if "." in r}
    if export is None or not groups:
        return None
    folder = (REPO_ROOT / export.file).parent
    for candidate in sorted(folder.glob("*.yaml")):
        try:
            doc = yaml.safe_load(candidate.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(doc, dict) and str(doc.get("apiVersion", "")).split("/")[0] in groups:
            return candidate.relative_to(REPO_ROOT).as_posix()
    return None


def _export_resources(kcp: object, ref: str) -> list[str]:
    export = kcp.export(ref)  # type: ignore[attr-defined]
    if export is None:
        return []
    doc = load_kcp_file(export.file, where="kcp.apiExports", kind="APIExport")
    found = []
    for resource in (doc.get("spec") or {}).get("resources") or []:
        name, group = resource.get("name"), resource.get("group")
        if name:
            found.append(f"{name}.{group}" if group else name)
    return found


__all__ = ["ORDER_COLUMNS", "ORDER_FILE", "apply_order", "render_readme", "workspace_dir"]
