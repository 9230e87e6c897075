"""kcp itself, as far as the `kcp-ws-*` Argo CD Applications need it: workspaces behind the front-proxy.

`KcpModel` keeps one `ClusterApi` per logical cluster (workspace path: `root`, `root:provider`, ...) serving the kcp
CRDs of `vendor/crds/kcp/`, and gives kcp objects the status kcp v0.32.3 gives them, as far as our Lua health
checks (`charts/kcp_inside/lua/tenancy.kcp.io_Workspace.lua`: status.phase and its False conditions;
`apis.kcp.io_APIBinding.lua`: status.phase and conditions) and the workspace Applications depend on. Sources, all
kcp-dev/kcp@v0.32.3 (cited again next to the code):

- shards register themselves: pkg/server/server.go, the post-start hook "create or update shard";
- workspaces: pkg/reconciler/tenancy/workspace/workspace_reconcile_scheduling.go, workspace_reconcile_phase.go;
- APIExports: pkg/reconciler/apis/apiexport/apiexport_reconcile.go; APIBindings:
  pkg/reconciler/apis/apibinding/apibinding_reconcile.go;
- PartitionSets: pkg/reconciler/topology/partitionset/partitionset_reconcile.go, resources.go;
- APIExportEndpointSlices: pkg/reconciler/apis/apiexportendpointslice/apiexportendpointslice_reconcile.go and
  pkg/reconciler/apis/apiexportendpointsliceurls/apiexportendpointsliceurls_reconcile.go.

Simplified: kcp writes `spec.URL`, `spec.cluster`, annotations and a finalizer onto a Workspace, and `spec.identity`
onto an APIExport; the model keeps those facts to itself (the logical cluster name also in `status.cluster`),
because an Argo CD apply replaces the whole object in the rehearsal's API. Phases move in one pass (no
initializers, no requeue delays); no permission claims, no bound CRDs served in the consumer workspace, no default
endpoint slice per export, no RBAC inside kcp.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kcpgitops.yaml_cache import load_documents

from ._api import ClusterApi, Key, _timestamp, key_of
from ._world import Fleet

__all__ = ["KcpModel", "KcpProcess"]

KCP_CRDS = Path(__file__).resolve().parents[2] / "vendor" / "crds" / "kcp"
"""The kcp CRDs every workspace serves."""
ROOT = "root"
SHARD_ANNOTATION = "core.kcp.io/shard"
_COMPONENTS = ("rootshard", "shard")
_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
"""k8s.io/apiserver names.SimpleNameGenerator's alphabet (Partitions use generateName)."""


@functools.lru_cache(maxsize=1)
def _kcp_crds() -> tuple[dict, ...]:
    """The vendored kcp CRDs, stripped to what the in-memory API needs to serve them (no schemas)."""
    out = []
    for path in sorted(KCP_CRDS.glob("*.yaml")):
        for doc in load_documents(path):
            if not doc or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            out.append(
                {
                    "apiVersion": "apiextensions.k8s.io/v1",
                    "kind": "CustomResourceDefinition",
                    "metadata": {"name": doc["metadata"]["name"]},
                    "spec": {
                        "group": spec["group"],
                        "names": spec["names"],
                        "scope": spec.get("scope", "Cluster"),
                        "versions": [
                            {"name": v["name"], "served": v.get("served", True), "storage": v.get("storage", False)}
                            for v in spec.get("versions", [])
                        ],
                    },
                }
            )
    return tuple(out)


@dataclass(frozen=True)
class KcpProcess:
    """A kcp server found running (or not) in the fleet: a kcp-operator-rendered shard Deployment."""

    shard: str
    """The kcp shard name (`--shard-name`, `root` by default)."""
    cluster: str
    """The cluster whose Deployment it is."""
    key: Key
    """The Deployment."""
    base_url: str
    """`--shard-base-url`: where the front-proxy and other shards reach it."""
    external_url: str
    """`--shard-external-url`: the front-proxy URL workspace URLs are built on."""
    ready: bool
    """At least one ready pod."""
    token: tuple[str, int]
    """(uid, generation) of the Deployment: a new one means restarted pods, which register again."""


@dataclass
class _Placement:
    """Where kcp put a Workspace (kept here, not in its spec; see the module docstring)."""

    shard: str
    """The shard it was scheduled on."""
    cluster: str
    """Its logical cluster name."""
    path: str
    """Its workspace path."""


@dataclass
class KcpModel:
    """kcp behind the front-proxy: one API per workspace, shards registered from the fleet's kcp Deployments."""

    fleet: Fleet
    """The fleet whose clusters run kcp (registered as `fleet.extra["kcp"]`)."""
    topology: Any = None
    """The topology the engine was built from; unused: everything is derived from the live Deployments and DNS."""
    workspaces: dict[str, ClusterApi] = field(default_factory=dict)
    """Logical cluster API by workspace path (`root` exists once the root shard has registered)."""
    _placements: dict[str, _Placement] = field(default_factory=dict)
    """Where each scheduled workspace (by path) lives."""
    _registered: dict[Key, tuple[str, int]] = field(default_factory=dict)
    """Per kcp Deployment, the (uid, generation) whose pods registered their shard (a restart registers again)."""
    _processes: dict[str, list[KcpProcess]] = field(default_factory=dict)
    """kcp processes by shard name, as found in the fleet at the last reconcile."""
    _revision: int = 0
    """Change counter behind `revision`."""
    _signature: tuple = ()
    """What the fleet looked like at the last reconcile (nothing to do while it is unchanged)."""

    def __post_init__(self) -> None:
        self.fleet.extra["kcp"] = self

    # -- what others ask -------------------------------------------------------------------------------------------

    @property
    def revision(self) -> int:
        """Grows with every change in any workspace (the engine compares it to see whether a tick changed anything)."""
        return self._revision

    def api(self, path: str) -> ClusterApi | None:
        """The API of a workspace path, if its logical cluster exists."""
        return self.workspaces.get(path)

    def endpoint(self, server_url: str) -> ClusterApi | str:
        """What Argo CD reaches at `https://<front-proxy host>:<port>/clusters/<path>`: the workspace's API, or why not.

        The request goes through DNS to the front-proxy Service, needs a ready front-proxy pod behind it, a root shard
        that has come up (it holds the workspace index), and the workspace Ready on a shard that is up and reachable
        from the front-proxy's cluster. Like the guide's HA test, a workspace on another shard keeps serving while the
        root shard is down.
        """
        match = re.fullmatch(r"https://([^/:]+)(?::(\d+))?(/.*)?", server_url or "")
        if not match or not (match.group(3) or "").startswith("/clusters/"):
            return f"{server_url}: not a kcp workspace URL (https://<host>:<port>/clusters/<path>)"
        host, port, path = match.group(1), int(match.group(2) or 443), match.group(3)[len("/clusters/") :].strip("/")
        where = f'Get "{server_url.rstrip("/")}/version"'
        resolved = self.fleet.resolve(host)
        if resolved is None:
            return f"{where}: dial tcp: lookup {host}: no such host"
        cluster, service = resolved
        if port not in [p.get("port") for p in (service.get("spec") or {}).get("ports") or []]:
            return f"{where}: dial tcp {host}:{port}: connect: connection refused"
        if not _serving_pods(cluster.api, service):
            return f"{where}: the front-proxy behind {host} has no ready pods (Service {cluster.name}/{service['metadata']['name']})"
        if ROOT not in self.workspaces:
            return f"{where}: the root shard has not come up: kcp has no workspaces yet"
        if path == ROOT:
            shard, api = ROOT, self.workspaces[ROOT]
        else:
            api = self.workspaces.get(path)
            workspace = self._workspace_object(path)
            if workspace is None:
                return f"{where}: 403 Forbidden: workspace {path} does not exist"
            phase = (workspace.get("status") or {}).get("phase") or "Scheduling"
            if api is None or phase != "Ready":
                reason = next(
                    (c.get("message") for c in (workspace.get("status") or {}).get("conditions") or [] if c.get("status") == "False"), ""
                )
                return f"{where}: workspace {path} is not Ready (phase {phase}{': ' + reason if reason else ''})"
            shard = self._placements[path].shard
        why = self._unreachable(shard, cluster.name)
        if why:
            return f"{where}: shard {shard} serving workspace {path} is not reachable: {why}"
        return api

    def front_proxy_address(self, host_or_url: str) -> str | None:
        """The load-balancer address a public kcp hostname (or URL) resolves to, or None while DNS or the LB lacks it."""
        host = re.sub(r"^[a-z]+://", "", host_or_url or "").split("/", 1)[0].split(":", 1)[0]
        resolved = self.fleet.resolve(host)
        if resolved is None:
            return None
        ingress = ((resolved[1].get("status") or {}).get("loadBalancer") or {}).get("ingress") or [{}]
        return ingress[0].get("ip") or ingress[0].get("hostname")

    def shards(self) -> dict[str, KcpProcess | None]:
        """Registered kcp shards and their ready process (None while none runs)."""
        root = self.workspaces.get(ROOT)
        names = [s["metadata"]["name"] for s in root.iter("core.kcp.io", "Shard")] if root else []
        return {n: next((p for p in self._processes.get(n, []) if p.ready), None) for n in names}

    def forget_shard(self, name: str) -> None:
        """Delete the kcp Shard `name` from the root workspace (what kcp-operator's Shard cleanup does)."""
        root = self.workspaces.get(ROOT)
        if root is not None and root.delete(("core.kcp.io", "Shard", "", name)):
            self.fleet.log("kcp", f"shard {name} removed from the root workspace")
        # Its processes would register again only after a restart.
        for process in self._processes.get(name, []):
            self._registered[process.key] = process.token

    # -- reconcile -------------------------------------------------------------------------------------------------

    def reconcile(self, fleet: Fleet | None = None) -> None:
        """Register shards from the fleet's kcp Deployments, then give every workspace's objects their kcp status."""
        fleet = fleet or self.fleet
        signature = (
            tuple((n, c.api.revision) for n, c in fleet.clusters.items()),
            tuple(sorted((h, r[0], r[1]) for h, r in fleet.dns.items())),
            self._revision,
        )
        if signature == self._signature:
            return
        self._discover(fleet)
        self._register()
        if ROOT in self.workspaces:
            for _ in range(10):  # until nothing changes: parents become Ready before their children are looked at
                before = self._revision
                for path in list(self.workspaces):
                    if path in self.workspaces:
                        self._reconcile_workspace(path)
                if self._revision == before:
                    break
        self._signature = (
            tuple((n, c.api.revision) for n, c in fleet.clusters.items()),
            tuple(sorted((h, r[0], r[1]) for h, r in fleet.dns.items())),
            self._revision,
        )

    def _discover(self, fleet: Fleet) -> None:
        processes: dict[str, list[KcpProcess]] = {}
        for cluster in fleet.clusters.values():
            for deployment in cluster.api.iter("apps", "Deployment"):
                process = _process_of(cluster.name, deployment)
                if process is not None:
                    processes.setdefault(process.shard, []).append(process)
        self._processes = processes

    def _register(self) -> None:
        """Each kcp process creates or updates its Shard, labelled `name: <shard>`, in the root workspace.

        kcp-dev/kcp@v0.32.3:pkg/server/server.go, post-start hook "create or update shard" (polls until the root
        shard answers; runs once per process start).
        """
        roots = [p for p in self._processes.get(ROOT, []) if p.ready]
        if roots and ROOT not in self.workspaces:
            self._create_workspace_api(ROOT)
            self.fleet.log("kcp", f"root shard up on {roots[0].cluster}: the root workspace exists")
        root_api = self.workspaces.get(ROOT)
        if root_api is None:
            return
        for name in sorted(self._processes):
            for process in self._processes[name]:
                if not process.ready or self._registered.get(process.key) == process.token:
                    continue
                if name != ROOT and self._unreachable(ROOT, process.cluster):
                    continue  # kcp keeps polling until it reaches the root shard
                shard = {
                    "apiVersion": "core.kcp.io/v1alpha1",
                    "kind": "Shard",
                    "metadata": {"name": name, "labels": {"name": name}, "annotations": {"kcp.io/cluster": ROOT}},
                    "spec": {"baseURL": process.base_url, "externalURL": process.external_url, "virtualWorkspaceURL": process.base_url},
                }
                existed = root_api.peek(("core.kcp.io", "Shard", "", name)) is not None
                root_api.apply(shard, manager="kcp")
                self._registered[process.key] = process.token
                if not existed:
                    self.fleet.log("kcp", f"shard {name} ({process.cluster}) registered in the root workspace")

    def _unreachable(self, shard: str, from_cluster: str) -> str:
        """Why `shard` cannot be reached from a cluster (empty when it can): no ready pod, or its base URL host neither
        resolves publicly nor is a cluster-local name on that cluster."""
        running = [p for p in self._processes.get(shard, []) if p.ready]
        if not running:
            known = self._processes.get(shard, [])
            return "no ready pods" + (f" (Deployment {known[0].key[3]} on {known[0].cluster})" if known else "")
        process = running[0]
        host = _hostname(process.base_url)
        if ".svc" in host or host in ("localhost", ""):
            return "" if process.cluster == from_cluster else f"{host} is cluster-local to {process.cluster}"
        return "" if self.fleet.resolve(host) is not None else f"{host} does not resolve"

    # -- workspaces ------------------------------------------------------------------------------------------------

    def _create_workspace_api(self, path: str) -> ClusterApi:
        api = ClusterApi(name=f"kcp:{path}", now=self.fleet.clock)
        for crd in _kcp_crds():
            api.apply(crd, manager="kcp")
        for namespace in ("kube-system", "kube-public", "kube-node-lease"):
            api.delete(("", "Namespace", "", namespace))  # a workspace has only `default`
        api.listeners.append(self._bump)
        self.workspaces[path] = api
        self._bump()
        return api

    def _bump(self, *_: object) -> None:
        self._revision += 1

    def _workspace_object(self, path: str) -> dict | None:
        parent, _, name = path.rpartition(":")
        api = self.workspaces.get(parent)
        return api.peek(("tenancy.kcp.io", "Workspace", "", name)) if api else None

    def _drop(self, path: str) -> None:
        for child in [p for p in self.workspaces if p == path or p.startswith(path + ":")]:
            del self.workspaces[child]
            self._placements.pop(child, None)
            self.fleet.log("kcp", f"workspace {child} deleted with its logical cluster")
        self._bump()

    def _reconcile_workspace(self, path: str) -> None:
        api = self.workspaces[path]
        # Children whose Workspace object is gone go with their logical cluster (and everything below them).
        names = {w["metadata"]["name"] for w in api.iter("tenancy.kcp.io", "Workspace")}
        for child in [p for p in self.workspaces if p.rpartition(":")[0] == path and p.rpartition(":")[2] not in names]:
            self._drop(child)
        for workspace in list(api.iter("tenancy.kcp.io", "Workspace")):
            self._schedule(path, workspace)
        for kind in ("APIExport",):
            for export in list(api.iter("apis.kcp.io", kind)):
                self._export_status(api, export)
        for binding in list(api.iter("apis.kcp.io", "APIBinding")):
            self._binding_status(path, api, binding)
        for partition_set in list(api.iter("topology.kcp.io", "PartitionSet")):
            self._partition_set(api, partition_set)
        for slice_ in list(api.iter("apis.kcp.io", "APIExportEndpointSlice")):
            self._endpoint_slice(path, api, slice_)

    def _schedule(self, parent: str, workspace: dict) -> None:
        """kcp-dev/kcp@v0.32.3:pkg/reconciler/tenancy/workspace/workspace_reconcile_scheduling.go reconcile,
        chooseShardAndMarkCondition, and workspace_reconcile_phase.go reconcile, updateTerminalConditionPhase,
        condensed into one pass."""
        api = self.workspaces[parent]
        name = workspace["metadata"]["name"]
        path = f"{parent}:{name}"
        status = dict(workspace.get("status") or {})
        conditions = list(status.get("conditions") or [])
        placement = self._placements.get(path)
        now = _timestamp(self.fleet.clock.now)
        root = self.workspaces[ROOT]
        if placement is None:
            selector = ((workspace.get("spec") or {}).get("location") or {}).get("selector")
            candidates = sorted(
                (s for s in root.iter("core.kcp.io", "Shard") if _selects(selector, (s["metadata"].get("labels") or {}))),
                key=lambda s: s["metadata"]["name"],
            )
            if not candidates:
                conditions = _mark(
                    conditions, "WorkspaceScheduled", False, now, "Unschedulable", "No available shards to schedule the workspace"
                )
            else:
                # The parent's shard runs the scheduler and creates the logical cluster on the chosen shard.
                host = self._host_cluster(self._placements[parent].shard if parent in self._placements else ROOT)
                up = [s["metadata"]["name"] for s in candidates if not self._unreachable(s["metadata"]["name"], host)]
                if up:
                    # chooseShardAndMarkCondition picks at random among valid shards; the fleet's seeded rng stands in.
                    shard = up[self.fleet.rng.randrange(len(up))] if len(up) > 1 else up[0]
                    cluster = "".join(self.fleet.rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(16))
                    placement = self._placements[path] = _Placement(shard, cluster, path)
                    self._create_workspace_api(path)
                    self.fleet.log("kcp", f"workspace {path} scheduled on shard {shard}")
        elif root.peek(("core.kcp.io", "Shard", "", placement.shard)) is None:
            conditions = _mark(
                conditions,
                "WorkspaceScheduled",
                False,
                now,
                "Unschedulable",
                f'chosen shard "{placement.shard}" does not exist anymore: shards.core.kcp.io "{placement.shard}" not found',
            )
        if placement is not None and root.peek(("core.kcp.io", "Shard", "", placement.shard)) is not None:
            conditions = _mark(conditions, "WorkspaceScheduled", True, now)
            conditions = _mark(conditions, "WorkspaceInitialized", True, now)
        phase = status.get("phase") or "Scheduling"
        if phase == "Scheduling" and placement is not None:
            phase = "Initializing"
        if phase == "Initializing":
            phase = "Ready"
        # updateTerminalConditionPhase: any False Workspace* condition makes it Unavailable, and back once none is.
        failing = any(c.get("status") == "False" and c.get("type", "").startswith("Workspace") for c in conditions)
        if failing:
            phase = "Unavailable"
        elif phase == "Unavailable":
            phase = "Ready" if placement is not None else "Scheduling"
        status.update(phase=phase, conditions=conditions)
        if placement is not None:
            status["cluster"] = placement.cluster  # spec.cluster in kcp (see the module docstring)
        if status != workspace.get("status"):
            api.set_status(key_of(workspace), status)
            if phase != (workspace.get("status") or {}).get("phase"):
                self.fleet.log("kcp", f"workspace {path} is {phase}")

    def _host_cluster(self, shard: str) -> str:
        running = [p for p in self._processes.get(shard, []) if p.ready]
        return running[0].cluster if running else ""

    # -- APIs ------------------------------------------------------------------------------------------------------

    def _export_status(self, api: ClusterApi, export: dict) -> None:
        """An identity: a random key in `kcp-system`, its sha256 in status.identityHash; IdentityValid.

        kcp-dev/kcp@v0.32.3:pkg/reconciler/apis/apiexport/apiexport_reconcile.go reconcile, updateOrVerifyIdentitySecretHash.
        """
        status = dict(export.get("status") or {})
        if not status.get("identityHash"):
            status["identityHash"] = hashlib.sha256(self.fleet.rng.randbytes(32)).hexdigest()
        status["conditions"] = _mark(list(status.get("conditions") or []), "IdentityValid", True, _timestamp(self.fleet.clock.now))
        if status != export.get("status"):
            api.set_status(key_of(export), status)

    def _binding_status(self, path: str, api: ClusterApi, binding: dict) -> None:
        """ "" -> Binding, then Bound once the export exists with an identity and its schemas.

        kcp-dev/kcp@v0.32.3:pkg/reconciler/apis/apibinding/apibinding_reconcile.go phaseReconciler, newReconciler,
        bindingReconciler.
        """
        now = _timestamp(self.fleet.clock.now)
        status = dict(binding.get("status") or {})
        conditions = list(status.get("conditions") or [])
        if not status.get("phase"):
            status["phase"] = "Binding"
            conditions = _mark(
                conditions,
                "InitialBindingCompleted",
                False,
                now,
                "WaitingForEstablished",
                "Waiting for API(s) to be established",
                severity="Info",
            )
        reference = ((binding.get("spec") or {}).get("reference") or {}).get("export") or {}
        export_path = reference.get("path") or path
        export_api = self.workspaces.get(export_path)
        export = export_api.peek(("apis.kcp.io", "APIExport", "", reference.get("name", ""))) if export_api else None
        if not reference:
            conditions = _mark(conditions, "APIExportValid", False, now, "APIExportInvalidReference", "Missing APIExport reference")
        elif export is None:
            conditions = _mark(
                conditions, "APIExportValid", False, now, "APIExportNotFound", f"APIExport {export_path}|{reference.get('name')} not found"
            )
        elif not (export.get("status") or {}).get("identityHash"):
            conditions = _mark(
                conditions,
                "APIExportValid",
                False,
                now,
                "MissingIdentityHash",
                f"APIExport {export_path}|{reference.get('name')} is missing status.identityHash",
                severity="Warning",
            )
        else:
            missing = [s for s in _export_schemas(export) if export_api.peek(("apis.kcp.io", "APIResourceSchema", "", s)) is None]
            if missing:
                conditions = _mark(
                    conditions,
                    "APIExportValid",
                    False,
                    now,
                    "InternalError",
                    f'Invalid APIExport. Please contact the APIExport owner to resolve: APIResourceSchema "{missing[0]}" not found',
                )
            else:
                bound = []
                for schema_name in _export_schemas(export):
                    schema = export_api.peek(("apis.kcp.io", "APIResourceSchema", "", schema_name)) or {}
                    names = (schema.get("spec") or {}).get("names") or {}
                    bound.append(
                        {
                            "group": (schema.get("spec") or {}).get("group", ""),
                            "resource": names.get("plural", ""),
                            "schema": {
                                "name": schema_name,
                                "UID": schema["metadata"].get("uid", ""),
                                "identityHash": export["status"]["identityHash"],
                            },
                            "storageVersions": _storage_versions(schema),
                        }
                    )
                status["boundResources"] = bound
                status["apiExportClusterName"] = self._placements[export_path].cluster if export_path in self._placements else ROOT
                for name in ("APIExportValid", "InitialBindingCompleted", "BindingUpToDate"):
                    conditions = _mark(conditions, name, True, now)
                status["phase"] = "Bound"
        status["conditions"] = conditions
        if status != binding.get("status"):
            api.set_status(key_of(binding), status)
            if status["phase"] != (binding.get("status") or {}).get("phase"):
                self.fleet.log("kcp", f"APIBinding {path}|{binding['metadata']['name']} is {status['phase']}")

    def _partition_set(self, api: ClusterApi, partition_set: dict) -> None:
        """One Partition (generateName `<set>-<values>-`) per distinct value set of the dimensions among selected shards.

        kcp-dev/kcp@v0.32.3:pkg/reconciler/topology/partitionset/partitionset_reconcile.go reconcile, partition;
        resources.go generatePartition.
        """
        now = _timestamp(self.fleet.clock.now)
        spec = partition_set.get("spec") or {}
        selector = spec.get("shardSelector")
        root = self.workspaces[ROOT]
        shards = [s for s in root.iter("core.kcp.io", "Shard") if _selects(selector, s["metadata"].get("labels") or {}, empty_matches=True)]
        dimensions = sorted(set(spec.get("dimensions") or []))
        keys = sorted({*dimensions, *((selector or {}).get("matchLabels") or {})})
        wanted: dict[str, dict[str, str]] = {}
        for shard in shards:
            labels = shard["metadata"].get("labels") or {}
            if keys and all(k in labels for k in keys):
                wanted["".join(f"+{k}={labels[k]}" for k in keys)] = {k: labels[k] for k in keys}
        expressions = list((selector or {}).get("matchExpressions") or [])
        uid = partition_set["metadata"].get("uid")
        existing = {}
        for partition in list(api.iter("topology.kcp.io", "Partition")):
            if not any(r.get("uid") == uid for r in partition["metadata"].get("ownerReferences") or []):
                continue
            psel = (partition.get("spec") or {}).get("selector") or {}
            key = "".join(f"+{k}={v}" for k, v in sorted((psel.get("matchLabels") or {}).items()))
            if list(psel.get("matchExpressions") or []) != expressions or key not in wanted:
                api.delete(key_of(partition))
            else:
                existing[key] = partition
        for key, match_labels in sorted(wanted.items()):
            if key in existing:
                continue
            base = partition_set["metadata"]["name"] + "".join(f"-{match_labels.get(d, '').lower()}" for d in dimensions)
            name = base[:252] + "-" + "".join(self.fleet.rng.choice(_NAME_ALPHABET) for _ in range(5))
            selector_out: dict[str, Any] = {"matchLabels": match_labels}
            if expressions:
                selector_out["matchExpressions"] = expressions
            api.apply(
                {
                    "apiVersion": "topology.kcp.io/v1alpha1",
                    "kind": "Partition",
                    "metadata": {
                        "name": name,
                        "ownerReferences": [
                            {
                                "apiVersion": "topology.kcp.io/v1alpha1",
                                "kind": "PartitionSet",
                                "name": partition_set["metadata"]["name"],
                                "uid": uid,
                                "controller": True,
                                "blockOwnerDeletion": True,
                            }
                        ],
                    },
                    "spec": {"selector": selector_out},
                },
                manager="kcp",
            )
        status = dict(partition_set.get("status") or {})
        conditions = _mark(list(status.get("conditions") or []), "PartitionSetValid", True, now)
        status["conditions"] = _mark(conditions, "PartitionsReady", True, now)
        if wanted:
            status["count"] = len(wanted)
        else:
            status.pop("count", None)
        if status != partition_set.get("status"):
            api.set_status(key_of(partition_set), status)

    def _endpoint_slice(self, path: str, api: ClusterApi, slice_: dict) -> None:
        """The shard selector of the slice's partition, and one URL per shard in it that hosts a binding to the export.

        kcp-dev/kcp@v0.32.3:pkg/reconciler/apis/apiexportendpointslice/apiexportendpointslice_reconcile.go reconcile;
        pkg/reconciler/apis/apiexportendpointsliceurls/apiexportendpointsliceurls_reconcile.go updateEndpoints.
        """
        now = _timestamp(self.fleet.clock.now)
        spec = slice_.get("spec") or {}
        status = dict(slice_.get("status") or {})
        conditions = list(status.get("conditions") or [])
        reference = spec.get("export") or {}
        export_path = reference.get("path") or path
        export_api = self.workspaces.get(export_path)
        export = export_api.peek(("apis.kcp.io", "APIExport", "", reference.get("name", ""))) if export_api else None
        if export is None:
            status.pop("endpoints", None)
            conditions = _mark(
                conditions,
                "APIExportValid",
                False,
                now,
                "APIExportNotFound",
                f"Error getting APIExport {export_path}|{reference.get('name')}",
            )
        else:
            conditions = _mark(conditions, "APIExportValid", True, now)
            selector: dict | None = None
            partition = None
            if spec.get("partition"):
                partition = api.peek(("topology.kcp.io", "Partition", "", spec["partition"]))
                if partition is None:
                    status.pop("endpoints", None)
                    conditions = _mark(
                        conditions,
                        "PartitionValid",
                        False,
                        now,
                        "PartitionInvalidReference",
                        f'partitions.topology.kcp.io "{spec["partition"]}" not found',
                    )
                else:
                    selector = (partition.get("spec") or {}).get("selector") or {}
            if not spec.get("partition") or partition is not None:
                conditions = _mark(conditions, "PartitionValid", True, now)
                status["shardSelector"] = _selector_string(selector)
                export_cluster = self._placements[export_path].cluster if export_path in self._placements else ROOT
                urls = []
                for shard in self.workspaces[ROOT].iter("core.kcp.io", "Shard"):
                    if _selects(selector, shard["metadata"].get("labels") or {}, empty_matches=True) and self._has_consumers(
                        shard["metadata"]["name"], export_path, reference.get("name", "")
                    ):
                        base = ((shard.get("spec") or {}).get("virtualWorkspaceURL") or "").rstrip("/")
                        urls.append({"url": f"{base}/services/apiexport/{export_cluster}/{reference.get('name')}"})
                if urls:
                    status["endpoints"] = urls
                else:
                    status.pop("endpoints", None)
        status["conditions"] = conditions
        if status != slice_.get("status"):
            api.set_status(key_of(slice_), status)

    def _has_consumers(self, shard: str, export_path: str, export_name: str) -> bool:
        for path, placement in self._placements.items():
            if placement.shard != shard or path not in self.workspaces:
                continue
            for binding in self.workspaces[path].iter("apis.kcp.io", "APIBinding"):
                ref = ((binding.get("spec") or {}).get("reference") or {}).get("export") or {}
                if (ref.get("path") or path) == export_path and ref.get("name") == export_name:
                    return True
        return False


# -- helpers ---------------------------------------------------------------------------------------------------------


def _process_of(cluster: str, deployment: dict) -> KcpProcess | None:
    """A kcp server Deployment as kcp-operator renders it, or None.

    Labels from kcp-dev/kcp-operator@v0.9.0:internal/resources/resources.go getResourceLabels.
    """
    labels = (deployment.get("metadata") or {}).get("labels") or {}
    if (
        labels.get("app.kubernetes.io/managed-by") != "kcp-operator"
        or labels.get("app.kubernetes.io/name") != "kcp"
        or labels.get("app.kubernetes.io/component") not in _COMPONENTS
    ):
        return None
    containers = ((((deployment.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers")) or [{}]
    args = {}
    for arg in containers[0].get("args") or []:
        flag, _, value = arg.partition("=")
        args.setdefault(flag, value)
    want = (deployment.get("spec") or {}).get("replicas", 1)
    ready = bool(want) and ((deployment.get("status") or {}).get("readyReplicas") or 0) >= 1
    meta = deployment["metadata"]
    return KcpProcess(
        shard=args.get("--shard-name") or ROOT,
        cluster=cluster,
        key=key_of(deployment),
        base_url=args.get("--shard-base-url", ""),
        external_url=args.get("--shard-external-url", ""),
        ready=ready,
        token=(meta.get("uid", ""), meta.get("generation", 0)),
    )


def _serving_pods(api: ClusterApi, service: dict) -> bool:
    """Whether a ready Deployment's pods match the Service's selector (the front-proxy answering behind DNS)."""
    selector = (service.get("spec") or {}).get("selector") or {}
    if not selector:
        return False
    namespace = service["metadata"].get("namespace", "")
    for deployment in api.iter("apps", "Deployment", namespace):
        labels = ((((deployment.get("spec") or {}).get("template") or {}).get("metadata") or {}).get("labels")) or {}
        if (
            all(labels.get(k) == v for k, v in selector.items())
            and (deployment.get("spec") or {}).get("replicas", 1)
            and ((deployment.get("status") or {}).get("readyReplicas") or 0) >= 1
        ):
            return True
    return False


def _hostname(url: str) -> str:
    match = re.match(r"^[a-z]+://([^/:]+)", url or "")
    return match.group(1) if match else ""


def _selects(selector: dict | None, labels: dict, *, empty_matches: bool = True) -> bool:
    """metav1.LabelSelectorAsSelector(...).Matches: matchLabels and In/NotIn/Exists/DoesNotExist expressions."""
    if selector is None:
        return empty_matches
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression.get("key"), expression.get("operator"), expression.get("values") or []
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and key in labels and labels[key] in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


def _selector_string(selector: dict | None) -> str:
    """labels.Selector.String() of a LabelSelector (empty for everything)."""
    if not selector:
        return ""
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression.get("key"), expression.get("operator"), sorted(expression.get("values") or [])
        parts.append(
            {
                "In": f"{key} in ({','.join(values)})",
                "NotIn": f"{key} notin ({','.join(values)})",
                "Exists": key,
                "DoesNotExist": f"!{key}",
            }.get(operator, key)
        )
    return ",".join(sorted(parts))


def _export_schemas(export: dict) -> list[str]:
    spec = export.get("spec") or {}
    if "resources" in spec:  # apis.kcp.io/v1alpha2
        return [r.get("schema", "") for r in spec.get("resources") or []]
    return list(spec.get("latestResourceSchemas") or [])  # v1alpha1


def _storage_versions(schema: dict) -> list[str]:
    versions = (schema.get("spec") or {}).get("versions") or []
    return sorted(v["name"] for v in versions if v.get("storage"))


def _mark(
    conditions: list[dict], type_: str, ok: bool, now: str, reason: str = "", message: str = "", *, severity: str = "Error"
) -> list[dict]:
    """kcp's conditions.MarkTrue/MarkFalse: the transition time moves when the state (status, reason, severity,
    message) changes; Ready sorts first, then by type.

    kcp-dev/kcp@v0.32.3:staging/src/github.com/kcp-dev/sdk/apis/third_party/conditions/util/conditions/setter.go Set.
    """
    existing = next((c for c in conditions if c.get("type") == type_), None)
    entry: dict[str, Any] = {"type": type_, "status": "True" if ok else "False"}
    if not ok:
        entry.update(severity=severity, reason=reason, message=message)
    same = existing is not None and all(existing.get(k) == entry.get(k) for k in ("status", "reason", "severity", "message"))
    entry["lastTransitionTime"] = existing["lastTransitionTime"] if same else now
    out = [c for c in conditions if c.get("type") != type_] + [entry]
    return sorted(out, key=lambda c: (c.get("type") != "Ready", c.get("type", "")))
