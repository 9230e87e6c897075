"""One bridge cycle: read bundles, compute what each shard needs, seal, write, commit and push."""

from __future__ import annotations

import base64
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kcpmodel import restore_desired_replicas

from . import _bundle, _fingerprint, _needtoknow, _parallel, _render, _seal
from ._config import BridgeConfig, Retired, Target
from ._errors import ApiError, BridgeError, GitError, describe_unexpected
from ._git import Checkout, CommitSpec, Entry, GitCredentials, GitEnvironment
from ._keyuse import SecretUse
from ._kube import CONFIGMAPS, DEPLOYMENTS, SECRETS, SERVICES, KubeClient

_PHASE_A_WORKERS = 8
_PHASE_B_WORKERS = 4
_LIVE_KINDS = frozenset({"Secret", "ConfigMap", "Deployment", "Service"})
"""The kinds a kcp-operator v0.9.0 bundle can hold (kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go
newResourceForGVR); each is read live."""


@dataclass(frozen=True)
class Desired:
    """One file the bridge wants in a target path."""

    filename: str
    plain: dict[str, Any]
    fingerprint: str
    sealed: bool


@dataclass
class Plan:
    """Everything to deliver for one target, computed before touching Git."""

    target: Target
    key: _seal.SealingKey
    objects: list[Desired]
    fingerprint: str
    notes: list[str] = field(default_factory=list)
    """What the output should mention without failing the target (a bundled object missing live, ...)."""
    also: list[Target] = field(default_factory=list)
    """Further targets delivered into the same path (shards sharing a cluster), merged into this plan."""
    withheld: dict[str, _needtoknow.Withheld] = field(default_factory=dict)
    """Target key -> the Secret keys its delivery leaves out (names only)."""

    @property
    def members(self) -> list[Target]:
        """Every target this plan delivers."""
        return [self.target, *self.also]


@dataclass
class Outcome:
    """What happened to one target (or retired path) in this cycle."""

    target: Target | Retired
    state: str
    detail: str = ""
    fingerprint: str = ""
    changed_files: int = 0
    commit: str = ""
    notes: list[str] = field(default_factory=list)
    withheld: _needtoknow.Withheld | None = None
    """The Secret keys left out of what was delivered (committed or unchanged targets only)."""


@dataclass
class _Gathered:
    """One target's objects, read and cleaned, before its Secrets are cut down to what its cluster's pods read."""

    target: Target
    key: _seal.SealingKey
    bundle_secret: dict[str, Any]
    cleaned: list[dict[str, Any]]
    notes: list[str]
    uses: dict[str, SecretUse]


@dataclass
class _Pending:
    plan: Plan
    changed_files: int = 0
    committed: bool = False
    error: str = ""
    sealed_cache: dict[tuple[str, str], bytes] = field(default_factory=dict)


@dataclass
class _Retiring:
    entry: Retired
    changed_files: int = 0
    committed: bool = False
    error: str = ""


class _FetchCache:
    """Fetch each referenced object once per cycle, shared by all targets (and threads)."""

    def __init__(self, fetch: Callable[[str, str], dict[str, Any]]):
        self._fetch = fetch
        self._lock = threading.Lock()
        self._futures: dict[tuple[str, str], Future[dict[str, Any]]] = {}

    def get(self, *, kind: str, name: str) -> dict[str, Any]:
        with self._lock:
            future = self._futures.get((kind, name))
            owner = future is None
            if owner:
                future = self._futures[(kind, name)] = Future()
        assert future is not None
        if owner:
            try:
                future.set_result(self._fetch(kind, name))
            except BaseException as exc:
                future.set_exception(exc)
        try:
            return future.result()
        except ApiError as exc:
            raise ApiError(str(exc), code=exc.code, reason=exc.reason) from None


class Cycle:
    """Runs one cycle over all targets of a configuration."""

    def __init__(
        self,
        *,
        config: BridgeConfig,
        hmac_key: bytes,
        kube: KubeClient,
        credentials: GitCredentials,
    ):
        self.config = config
        self.hmac_key = hmac_key
        self.kube = kube
        self.credentials = credentials
        self._pattern = _render.fingerprint_pattern(annotation=config.fingerprint_annotation)
        # Pod-template fingerprint annotations live under the same prefix as the object fingerprint annotation.
        self._annotation_prefix = config.fingerprint_annotation.split("/", 1)[0] if "/" in config.fingerprint_annotation else "bridge.kcp-zheng.io"
        resources = {r.kind: r for r in (SECRETS, CONFIGMAPS, DEPLOYMENTS, SERVICES)}
        self._memo_lock = threading.Lock()
        self._memo_clean: dict[int, dict[str, Any]] = {}
        self._memo_canonical: dict[int, bytes] = {}
        self._memo_filtered: dict[tuple[int, frozenset[str]], tuple[dict[str, Any], tuple[str, ...]]] = {}
        self._memo_documents: dict[tuple[int, str], Any] = {}
        # Keeps memoised objects alive so their id() is never reused within a cycle.
        self._memo_keep: list[dict[str, Any]] = []
        # Every object is read live through this cache: objects several targets share (the root shard's CAs, the
        # service-account Secrets every shard mounts) are fetched once per cycle.
        self._live = _FetchCache(lambda kind, name: kube.get(resource=resources[kind], namespace=config.namespace, name=name))

    def run(self) -> list[Outcome]:
        """Plan every target, then deliver per repository branch (retired paths included); never raises for one entry."""
        targets = list(self.config.targets)
        outcomes: dict[str, Outcome] = {}
        plans: list[Plan] = []
        gathered: list[_Gathered] = []
        if targets:
            with ThreadPoolExecutor(max_workers=min(_PHASE_A_WORKERS, len(targets))) as pool:
                for target, result in zip(targets, pool.map(self._gather_safely, targets), strict=True):
                    if isinstance(result, _Gathered):
                        gathered.append(result)
                    else:
                        outcomes[target.key] = result
        # Shards on one cluster share the delivered Secrets (the root's CAs, every service-account Secret): each carries
        # what any of them reads, or the shards would overwrite each other's copy with less.
        by_cluster: dict[str, list[dict[str, SecretUse]]] = {}
        for item in gathered:
            by_cluster.setdefault(item.target.cluster, []).append(item.uses)
        cluster_uses = {cluster: _needtoknow.union(per) for cluster, per in by_cluster.items()}
        for item in gathered:
            result = self._finish_safely(item, cluster_uses[item.target.cluster])
            if isinstance(result, Plan):
                plans.append(result)
            else:
                outcomes[item.target.key] = result
        merged: dict[tuple[str, str, str], list[Plan]] = {}
        for plan in plans:
            merged.setdefault((*plan.target.repo_key, plan.target.path), []).append(plan)
        failed_paths = {(*o.target.repo_key, o.target.path): o.target for o in outcomes.values()}
        groups: dict[tuple[str, str], tuple[list[Plan], list[Retired]]] = {}
        for where, same_path in merged.items():
            if where in failed_paths:
                # Writing the others alone would delete the failed shard's files from the path they share.
                other = failed_paths[where]
                detail = f"not delivered: {other.shard}, which shares {other.path} with it, failed (see its line)"
                outcomes.update({t.key: Outcome(target=t, state="failed", detail=detail, notes=p.notes) for p in same_path for t in p.members})
                continue
            result = self._merge(same_path)
            if isinstance(result, Plan):
                groups.setdefault(result.target.repo_key, ([], []))[0].append(result)
            else:
                outcomes.update({o.target.key: o for o in result})
        for entry in self.config.retired:
            groups.setdefault(entry.repo_key, ([], []))[1].append(entry)
        if groups:
            with ThreadPoolExecutor(max_workers=min(_PHASE_B_WORKERS, len(groups))) as pool:
                for group_outcomes in pool.map(lambda group: self._deliver_safely(*group), groups.values()):
                    outcomes.update({o.target.key: o for o in group_outcomes})
        return [outcomes[entry.key] for entry in self.config.destinations]

    # Phase A: read and compute.

    def _gather_safely(self, target: Target) -> _Gathered | Outcome:
        try:
            return self._gather(target)
        except BridgeError as exc:
            return Outcome(target=target, state="failed", detail=str(exc))
        except Exception as exc:
            return Outcome(target=target, state="failed", detail=describe_unexpected(exc))

    def _finish_safely(self, gathered: _Gathered, uses: dict[str, SecretUse]) -> Plan | Outcome:
        try:
            return self._finish(gathered, uses)
        except BridgeError as exc:
            return Outcome(target=gathered.target, state="failed", detail=str(exc), notes=gathered.notes)
        except Exception as exc:
            return Outcome(target=gathered.target, state="failed", detail=describe_unexpected(exc), notes=gathered.notes)

    def plan(self, target: Target) -> Plan:
        """Compute the files one target should hold, with their fingerprints (as if no other shard shared its cluster)."""
        gathered = self._gather(target)
        return self._finish(gathered, gathered.uses)

    def _gather(self, target: Target) -> _Gathered:
        """Read one target's objects and work out which Secret keys its pods read.

        The bundle is the list of what to carry; every object it lists is read live, because kcp-operator v0.9.0's
        Bundle controller does not watch what it bundles (kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go
        SetupWithManager: Bundles, their own Secrets and ConfigMaps, RootShards, Shards and FrontProxies only), so the
        bundle Secret keeps a renewed certificate or a new Deployment until the next Shard event or its 10-hour resync.
        """
        namespace = self.config.namespace
        key = _seal.load_certificate_file(path=target.certificate)
        try:
            secret = self.kube.get(resource=SECRETS, namespace=namespace, name=target.bundle_secret)
        except ApiError as exc:
            hint = ""
            if exc.code == 404:
                hint = " (is the Shard annotated operator.kcp.io/bundle and the ConfigurationBundle feature gate on?)"
            raise ApiError(f"cannot read the bundle: {exc}{hint}", code=exc.code, reason=exc.reason) from None
        bundled = _bundle.decode_bundle(secret=secret, namespace=namespace, name=target.bundle_secret)
        notes: list[str] = []
        objects = [self._live_copy(obj=o, notes=notes) for o in bundled]
        present = {(o["kind"], o["metadata"]["name"]) for o in objects}
        extras = []
        for ref in _bundle.references(objects=objects):
            if (ref.kind, ref.name) in present or ref.name in target.exclude_references:
                continue
            try:
                fetched = self._live.get(kind=ref.kind, name=ref.name)
            except ApiError as exc:
                if exc.code == 404 and ref.optional:
                    continue
                raise ApiError(
                    f"{ref.kind} {ref.name} is referenced by the bundled {ref.used_by} but missing from the bundle, "
                    f"and reading it failed: {exc}",
                    code=exc.code,
                    reason=exc.reason,
                ) from None
            if fetched.get("kind") != ref.kind or (fetched.get("metadata") or {}).get("name") != ref.name:
                raise ApiError(f"GET {ref.kind} {namespace}/{ref.name} returned a different object")
            extras.append(fetched)
            present.add((ref.kind, ref.name))
        cleaned = [self._cleaned_shared(o) for o in objects] + [self._cleaned_shared(o) for o in extras]
        return _Gathered(target=target, key=key, bundle_secret=secret, cleaned=cleaned, notes=notes, uses=_needtoknow.uses(objects=cleaned, documents=self._memo_documents))

    def _finish(self, gathered: _Gathered, uses: dict[str, SecretUse]) -> Plan:
        """The files of one target: its Secrets cut down to the keys `uses` says are read, fingerprinted and rendered.

        The pod-template fingerprints are taken of what is delivered, so a renewed key that is withheld rolls nothing.
        """
        target, key, secret, namespace = gathered.target, gathered.key, gathered.bundle_secret, self.config.namespace
        withheld: dict[str, tuple[str, ...]] = {}
        kept = []
        for obj in gathered.cleaned:
            if obj.get("kind") == "Secret":
                name = obj["metadata"]["name"]
                obj, withheld[name] = self._filtered_shared(obj, uses.get(name))
            kept.append(obj)
        report = _needtoknow.report(uses_by_secret={n: u for n, u in uses.items() if n in withheld}, withheld=withheld)
        # Each target cluster exposes the shard its own way (its loadBalancer settings); in both delivery modes.
        cleaned = [_bundle.shape_service(obj=o, exposure=target.service) if o.get("kind") == "Service" else o
                   for o in self._fingerprinted(kept)]
        desired_plain: list[tuple[str, dict[str, Any], bool]] = []
        if target.mode == "bundle":
            desired_plain.append(self._bundle_secret(target=target, secret=secret, cleaned=cleaned))
        else:
            for obj in cleaned:
                sealed = obj["kind"] == "Secret"
                name = _render.filename(
                    kind=_seal.SEALED_KIND if sealed else obj["kind"], namespace=namespace, name=obj["metadata"]["name"]
                )
                desired_plain.append((name, obj, sealed))
        if target.namespace_manifest:
            ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}
            desired_plain.append((_render.NAMESPACE_FILE, ns, False))
        names = [name for name, _, _ in desired_plain]
        if len(set(names)) != len(names):
            raise BridgeError("two delivered objects map to the same file name")
        canonical = [(name, self._canonical(obj)) for name, obj, _ in desired_plain]
        desired = [
            Desired(
                filename=name,
                plain=obj,
                sealed=sealed,
                fingerprint=_fingerprint.object_fingerprint(
                    key=self.hmac_key, filename=name, canonical_object=text, sealed_with=key.cert_sha256 if sealed else None
                ),
            )
            for (name, obj, sealed), (_, text) in zip(desired_plain, canonical, strict=True)
        ]
        fingerprint = _fingerprint.target_fingerprint(key=self.hmac_key, mode=target.mode, sealed_with=key.cert_sha256, objects=canonical)
        return Plan(target=target, key=key, objects=desired, fingerprint=fingerprint, notes=gathered.notes, withheld={target.key: report})

    def _merge(self, plans: list[Plan]) -> Plan | list[Outcome]:
        """One plan for the targets sharing a path (several shards on one cluster): their files together, each once.

        Shared objects (the root shard's CAs, every shard's service-account Secret) come from the same live object and
        the same sealing certificate, so both targets want the same file with the same fingerprint.
        """
        if len(plans) == 1:
            return plans[0]
        first = plans[0]
        files: dict[str, Desired] = {}
        for plan in plans:
            for obj in plan.objects:
                seen = files.setdefault(obj.filename, obj)
                if seen.fingerprint != obj.fingerprint:
                    detail = (
                        f"the shards sharing {first.target.path} ({', '.join(p.target.shard for p in plans)}) deliver different "
                        f"content for {obj.filename}"
                    )
                    return [Outcome(target=t, state="failed", detail=detail, notes=p.notes) for p in plans for t in p.members]
        objects = list(files.values())
        fingerprint = _fingerprint.target_fingerprint(
            key=self.hmac_key, mode=first.target.mode, sealed_with=first.key.cert_sha256,
            objects=[(o.filename, o.fingerprint.encode()) for o in objects],
        )  # fmt: skip
        return Plan(
            target=first.target, key=first.key, objects=objects, fingerprint=fingerprint,
            notes=[n for p in plans for n in p.notes], also=[t for p in plans[1:] for t in p.members],
            withheld={k: v for p in plans for k, v in p.withheld.items()},
        )  # fmt: skip

    def _live_copy(self, *, obj: dict[str, Any], notes: list[str]) -> dict[str, Any]:
        """The object as cluster 1 serves it now, in place of the bundle's copy; the bundle's copy when it is gone."""
        kind, name = obj["kind"], obj["metadata"]["name"]
        if kind not in _LIVE_KINDS:
            return obj
        try:
            live = self._live.get(kind=kind, name=name)
        except ApiError as exc:
            if exc.code != 404:
                raise ApiError(f"{kind} {name} is listed by the bundle, and reading it live failed: {exc}", code=exc.code,
                               reason=exc.reason) from None
            notes.append(f"{kind} {name} is listed by the bundle but no longer exists on cluster 1: delivered the bundle's copy")
            return obj
        if live.get("kind") != kind or (live.get("metadata") or {}).get("name") != name:
            raise ApiError(f"GET {kind} {self.config.namespace}/{name} returned a different object")
        if kind == "Deployment":
            # The live Deployment of a bundled owner runs 0 replicas on cluster 1; its count is in the
            # operator.kcp.io/bundle-desired-replicas annotation, which the Bundle controller turns back into
            # spec.replicas when it exports it (kcp-dev/kcp-operator@v0.9.0:pkg/controller/bundle/controller.go
            # createBundleObjects). The same rule, from the one model, applies here.
            return restore_desired_replicas(live)
        return live

    def _cleaned_shared(self, obj: dict[str, Any]) -> dict[str, Any]:
        # Live objects are shared by many targets (the same fetched dict): clean and serialize each once per cycle.
        with self._memo_lock:
            cleaned = self._memo_clean.get(id(obj))
            if cleaned is None:
                cleaned = self._memo_clean[id(obj)] = _bundle.clean(obj=obj)
                self._memo_keep.append(obj)
            return cleaned

    def _filtered_shared(self, obj: dict[str, Any], use: SecretUse | None) -> tuple[dict[str, Any], tuple[str, ...]]:
        # The same cleaned Secret cut the same way is one object for every target that receives it (cached canonical form).
        if use is None or use.whole:
            return obj, ()
        slot = (id(obj), use.keys)
        with self._memo_lock:
            known = self._memo_filtered.get(slot)
        if known is None:
            known = _needtoknow.filtered(secret=obj, use=use)
            with self._memo_lock:
                known = self._memo_filtered.setdefault(slot, known)
                self._memo_keep.append(obj)
        return known

    def _fingerprinted(self, cleaned: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The delivered objects with each pod template's revision labels replaced by content fingerprints.

        Computed from what is delivered (after cleaning), so a change only cluster 1 sees (a resourceVersion, a label)
        rolls nothing, and a change of what a pod mounts rolls exactly the pods that mount it.
        """
        fingerprints = {
            (o["kind"], o["metadata"]["name"]): _fingerprint.content_fingerprint(
                key=self.hmac_key, kind=o["kind"], name=o["metadata"]["name"], content=_bundle.mounted_content(obj=o)
            )
            for o in cleaned
            if o.get("kind") in ("Secret", "ConfigMap")
        }
        return [_bundle.fingerprint_pod_templates(obj=o, fingerprints=fingerprints, prefix=self._annotation_prefix) for o in cleaned]

    def _canonical(self, obj: dict[str, Any]) -> bytes:
        with self._memo_lock:
            text = self._memo_canonical.get(id(obj))
        if text is None:
            text = _fingerprint.canonical(value=obj)
            with self._memo_lock:
                self._memo_canonical[id(obj)] = text
                self._memo_keep.append(obj)
        return text

    def _bundle_secret(self, *, target: Target, secret: dict[str, Any], cleaned: list[dict[str, Any]]) -> tuple[str, dict[str, Any], bool]:
        # The upstream bundler applies every object in the Secret, so the missing references ride along inside it.
        namespace = self.config.namespace
        meta = _bundle.clean(obj={"metadata": dict(secret.get("metadata") or {})})["metadata"]
        data = {}
        for obj in cleaned:
            key = _bundle.bundle_key(
                api_version=obj["apiVersion"],
                plural=_bundle.plural_for(api_version=obj["apiVersion"], kind=obj["kind"]),
                namespace=namespace,
                name=obj["metadata"]["name"],
            )
            data[key] = base64.b64encode(_fingerprint.canonical(value=obj)).decode()
        bundle = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {**meta, "name": target.bundle_secret, "namespace": namespace},
            "type": secret.get("type") or "Opaque",
            "data": dict(sorted(data.items())),
        }
        name = _render.filename(kind=_seal.SEALED_KIND, namespace=namespace, name=target.bundle_secret)
        return name, bundle, True

    # Phase B: write, commit, push.

    def _deliver_safely(self, plans: list[Plan], retired: list[Retired]) -> list[Outcome]:
        try:
            return self.deliver(plans, retired)
        except Exception as exc:
            detail = str(exc) if isinstance(exc, BridgeError) else describe_unexpected(exc)
            return [
                Outcome(target=t, state="failed", detail=detail, fingerprint=p.fingerprint, notes=p.notes) for p in plans for t in p.members
            ] + [Outcome(target=r, state="failed", detail=detail) for r in retired]

    def deliver(self, plans: list[Plan], retired: list[Retired] | None = None) -> list[Outcome]:
        """Clone one repository branch, commit each changed target and each retired path to empty, push once (with retries)."""
        retired = list(retired or [])
        first = plans[0].target if plans else retired[0]
        work = Path(tempfile.mkdtemp(prefix="kcp-bridge-"))
        try:
            git = GitEnvironment(credentials=self.credentials, workdir=work)
            checkout = Checkout(
                git=git,
                url=first.repo_url,
                branch=first.branch,
                directory=work / "repo",
                author=(self.config.git.author_name, self.config.git.author_email),
            )
            try:
                checkout.clone()
            except GitError as exc:
                return [Outcome(target=t, state="failed", detail=str(exc), notes=p.notes) for p in plans for t in p.members] + [
                    Outcome(target=r, state="failed", detail=str(exc)) for r in retired
                ]
            pending = [_Pending(plan=p) for p in plans]
            retiring = [_Retiring(entry=r) for r in retired]
            commit_ids: dict[str, str] = {}

            def apply() -> bool:
                specs = self._commit_specs(checkout=checkout, pending=pending, retiring=retiring)
                ids = checkout.commit(commits=[spec for _, spec in specs])
                commit_ids.clear()
                commit_ids.update({key: sha for (key, _), sha in zip(specs, ids, strict=True)})
                return bool(specs)

            if apply():
                try:
                    checkout.push(retries=self.config.git.push_retries, redo=apply)
                except GitError as exc:
                    for item in [*pending, *retiring]:
                        if item.committed:
                            item.error = str(exc)
            outcomes = [o for item in pending for o in self._outcome(item=item, commit=commit_ids.get(item.plan.target.key, ""))]
            return outcomes + [self._retired_outcome(item=item, commit=commit_ids.get(item.entry.key, "")) for item in retiring]
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _outcome(self, *, item: _Pending, commit: str) -> list[Outcome]:
        plan = item.plan
        # A merged plan's notes are printed once, with its first target.
        notes = {t.key: (plan.notes if t is plan.target else []) for t in plan.members}
        if item.error:
            return [
                Outcome(target=t, state="failed", detail=item.error, fingerprint=plan.fingerprint, notes=notes[t.key]) for t in plan.members
            ]
        if item.committed:
            return [
                Outcome(target=t, state="committed", fingerprint=plan.fingerprint, changed_files=item.changed_files, commit=commit,
                        notes=notes[t.key], withheld=plan.withheld.get(t.key))
                for t in plan.members
            ]  # fmt: skip
        return [
            Outcome(target=t, state="unchanged", fingerprint=plan.fingerprint, notes=notes[t.key], withheld=plan.withheld.get(t.key))
            for t in plan.members
        ]

    @staticmethod
    def _retired_outcome(*, item: _Retiring, commit: str) -> Outcome:
        if item.error:
            return Outcome(target=item.entry, state="failed", detail=item.error)
        if item.committed:
            return Outcome(target=item.entry, state="committed", changed_files=item.changed_files, commit=commit)
        return Outcome(target=item.entry, state="unchanged")

    def _commit_specs(
        self, *, checkout: Checkout, pending: list[_Pending], retiring: list[_Retiring]
    ) -> list[tuple[str, CommitSpec]]:
        """Compare every target with the branch tip; one commit per target whose files differ and per retired path that
        still holds files the bridge wrote."""
        paths = [item.plan.target.path for item in pending] + [item.entry.path for item in retiring]
        tree = checkout.list_tree(paths=paths)
        manifests = {
            path: entry.oid
            for path in paths
            if (entry := tree.get(f"{path}/{_render.MANIFEST_FILE}")) is not None and entry.kind == "blob"
        }
        manifest_blobs = checkout.read_blobs(oids=sorted(set(manifests.values())))
        files = _manifest_files(tree=tree)
        trusted: dict[str, dict[str, str]] = {}
        records: dict[str, dict[str, tuple[str, str]]] = {}
        unindexed: list[str] = []
        for item in pending:
            item.committed, item.changed_files = False, 0
            path = item.plan.target.path
            recorded = records[path] = _render.parse_manifest(content=manifest_blobs.get(manifests.get(path, ""), b""))
            known = trusted.setdefault(path, {})
            for obj in item.plan.objects:
                entry = tree.get(f"{path}/{obj.filename}")
                if not obj.sealed or entry is None or entry.kind != "blob":
                    continue
                record = recorded.get(obj.filename)
                if record is None:
                    # Not in the index (e.g. the index was removed): read the file's own annotation instead.
                    unindexed.append(entry.oid)
                else:
                    # An index line whose blob id no longer matches means the file was edited by hand: re-seal it.
                    known[obj.filename] = record[0] if record[1] == entry.oid else ""
        for item in retiring:
            item.committed, item.changed_files = False, 0
            path = item.entry.path
            recorded = records[path] = _render.parse_manifest(content=manifest_blobs.get(manifests.get(path, ""), b""))
            # A file the index does not list counts as the bridge's only if it carries the bridge's fingerprint annotation.
            unindexed += [entry.oid for name, entry in files.get(path, {}).items() if name not in recorded]
        blobs = checkout.read_blobs(oids=sorted(set(unindexed)))
        self._seal_needed(tree=tree, blobs=blobs, trusted=trusted, pending=pending)
        prefix = self.config.git.message_prefix.strip()
        specs: list[tuple[str, CommitSpec]] = []
        for item in pending:
            if item.error:
                continue
            path = item.plan.target.path
            try:
                writes, deletes = self._changes(
                    checkout=checkout, tree=tree, blobs=blobs, known=trusted[path], recorded=records[path], existing=files.get(path, {}),
                    manifest_oid=manifests.get(path), item=item,
                )  # fmt: skip
            except BridgeError as exc:
                item.error = str(exc)
                continue
            if not writes and not deletes:
                continue
            target, members = item.plan.target, item.plan.members
            shards, bundles = ", ".join(t.shard for t in members), ", ".join(t.bundle_secret for t in members)
            what = f"{shards} bundle {bundles}" if len(members) == 1 else f"{shards} bundles {bundles}"
            message = f"{prefix} {what} fingerprint {_fingerprint.short(fingerprint=item.plan.fingerprint)}"
            manifest_only = {f"{path}/{_render.MANIFEST_FILE}"}
            item.committed = True
            item.changed_files = len(set(writes) - manifest_only) + len(deletes)
            specs.append((target.key, CommitSpec(message=message.strip(), writes=writes, deletes=deletes)))
        for item in retiring:
            path = item.entry.path
            recorded = records[path]
            written = sorted(
                name for name, entry in files.get(path, {}).items()
                if name in recorded or (entry.oid in blobs and _render.read_fingerprint(content=blobs[entry.oid], pattern=self._pattern))
            )  # fmt: skip
            deletes = [f"{path}/{name}" for name in written]
            if path in manifests:
                deletes.append(f"{path}/{_render.MANIFEST_FILE}")
            if not deletes:
                continue
            item.committed = True
            item.changed_files = len(written)
            message = f"{prefix} {item.entry.cluster} receives no shard any more: remove {len(written)} delivered file(s) from {path}"
            specs.append((item.entry.key, CommitSpec(message=message.strip(), deletes=deletes)))
        return specs

    def _changes(
        self,
        *,
        checkout: Checkout,
        tree: dict[str, Entry],
        blobs: dict[str, bytes],
        known: dict[str, str],
        recorded: dict[str, tuple[str, str]],
        existing: dict[str, Entry],
        manifest_oid: str | None,
        item: _Pending,
    ) -> tuple[dict[str, bytes], list[str]]:
        """Files of one target to (re)write and to delete, comparing fingerprints and blob ids with the tip."""
        plan = item.plan
        path = plan.target.path
        for ancestor in _ancestors(path):
            entry = tree.get(ancestor)
            if entry is not None and entry.kind != "tree":
                raise BridgeError(f"{ancestor} in the repository is not a directory; refusing to write under {path}")
        base = path + "/"
        writes: dict[str, bytes] = {}
        index: list[tuple[str, str, str]] = []
        for obj in plan.objects:
            entry = existing.get(obj.filename)
            regular = entry is not None and entry.mode == "100644"
            if obj.sealed:
                if entry is not None and self._current(entry=entry, filename=obj.filename, known=known, blobs=blobs) == obj.fingerprint:
                    index.append((obj.fingerprint, entry.oid, obj.filename))
                    continue
                content = item.sealed_cache.get((obj.filename, obj.fingerprint))
                if content is None:
                    content = item.sealed_cache[(obj.filename, obj.fingerprint)] = self._render_sealed(plan=plan, obj=obj)
            else:
                if regular and entry is not None and recorded.get(obj.filename) == (obj.fingerprint, entry.oid):
                    # Written by the bridge with this very fingerprint and untouched since: rendering it again would
                    # give the same bytes (the render depends only on the plaintext and its fingerprint).
                    index.append((obj.fingerprint, entry.oid, obj.filename))
                    continue
                content = self._render_plain(obj=obj)
            oid = checkout.blob_id(content=content)
            index.append((obj.fingerprint, oid, obj.filename))
            if regular and entry is not None and entry.oid == oid:
                continue
            writes[base + obj.filename] = content
        wanted = {o.filename for o in plan.objects}
        deletes = sorted(base + name for name in existing if name not in wanted)
        manifest = _render.manifest(shard=", ".join(t.shard for t in plan.members), fingerprint=plan.fingerprint, entries=index)
        if writes or deletes or manifest_oid != checkout.blob_id(content=manifest):
            writes[base + _render.MANIFEST_FILE] = manifest
        return writes, deletes

    def _current(self, *, entry: Entry, filename: str, known: dict[str, str], blobs: dict[str, bytes]) -> str | None:
        """The fingerprint a sealed file in the repository carries (from the index, else its annotation)."""
        if entry.kind != "blob" or entry.mode != "100644":
            return None
        if filename in known:
            return known[filename] or None
        return _render.read_fingerprint(content=blobs[entry.oid], pattern=self._pattern) if entry.oid in blobs else None

    def _seal_needed(
        self, *, tree: dict[str, Entry], blobs: dict[str, bytes], trusted: dict[str, dict[str, str]], pending: list[_Pending]
    ) -> None:
        """Seal, in one batch, every Secret whose fingerprint differs from the repository's (never the unchanged ones)."""
        todo: list[tuple[_Pending, Desired]] = []
        for item in pending:
            if item.error:
                continue
            path = item.plan.target.path
            for obj in item.plan.objects:
                if not obj.sealed or (obj.filename, obj.fingerprint) in item.sealed_cache:
                    continue
                entry = tree.get(f"{path}/{obj.filename}")
                if entry is None or self._current(entry=entry, filename=obj.filename, known=trusted[path], blobs=blobs) != obj.fingerprint:
                    todo.append((item, obj))
        jobs = [
            (item.plan.key.pem, item.plan.key.source, obj.plain, self.config.fingerprint_annotation, obj.fingerprint) for item, obj in todo
        ]
        for (item, obj), content in zip(todo, _parallel.seal_all(jobs=jobs), strict=True):
            item.sealed_cache[(obj.filename, obj.fingerprint)] = content

    def _render_plain(self, *, obj: Desired) -> bytes:
        return _render.dump(obj=_render.annotated(obj=obj.plain, annotation=self.config.fingerprint_annotation, value=obj.fingerprint))

    def _render_sealed(self, *, plan: Plan, obj: Desired) -> bytes:
        return _parallel.seal_one(job=(plan.key.pem, plan.key.source, obj.plain, self.config.fingerprint_annotation, obj.fingerprint))


def _manifest_files(*, tree: dict[str, Entry]) -> dict[str, dict[str, Entry]]:
    """Directory -> the `*.yaml` files directly in it (the only files the bridge writes in its paths, besides its index).

    One pass over the listing: a cycle over many targets would otherwise scan every entry once per target.
    """
    by_dir: dict[str, dict[str, Entry]] = {}
    for name, entry in tree.items():
        parent, _, leaf = name.rpartition("/")
        if leaf.endswith(".yaml") and entry.kind == "blob":
            by_dir.setdefault(parent, {})[leaf] = entry
    return by_dir


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def report(*, outcomes: list[Outcome], out: TextIO, err: TextIO) -> int:
    """Print one line per target (and per retired path), notes on stderr, and a summary; return the exit code."""
    counts = {"committed": 0, "unchanged": 0, "failed": 0}
    for o in outcomes:
        counts[o.state] += 1
        label = o.target.label
        where = f"{o.target.repo_url} {o.target.branch}:{o.target.path}"
        for note in o.notes:
            print(f"bridge: {label}: warning: {note}", file=err)
        if o.state == "failed":
            print(f"bridge: {label}: FAILED: {o.detail}", file=err)
        elif isinstance(o.target, Retired):
            if o.state == "committed":
                commit = f" commit {o.commit[:12]}" if o.commit else ""
                print(f"bridge: {label}: removed {o.changed_files} delivered file(s){commit} from {where}", file=out)
            else:
                print(f"bridge: {label}: nothing delivered left in {where}", file=out)
        elif o.state == "committed":
            commit = f" commit {o.commit[:12]}" if o.commit else ""
            print(
                f"bridge: {label}: committed {o.changed_files} file change(s){commit} "
                f"fingerprint {_fingerprint.short(fingerprint=o.fingerprint)} to {where}",
                file=out,
            )
        else:
            print(f"bridge: {label}: unchanged, fingerprint {_fingerprint.short(fingerprint=o.fingerprint)} already in {where}", file=out)
        if o.withheld is not None and o.state != "failed":
            # Names only: which keys of which Secret the shard's cluster does not receive, and which travel whole.
            print(f"bridge: {label}: withheld {o.withheld.line()}", file=out)
            if o.withheld.whole:
                print(f"bridge: {label}: carried every key of {o.withheld.whole_line()}", file=out)
    targets = sum(1 for o in outcomes if isinstance(o.target, Target))
    retired = len(outcomes) - targets
    summary = f"bridge: {targets} target(s)" + (f" and {retired} retired path(s)" if retired else "")
    summary += f": {counts['committed']} committed, {counts['unchanged']} unchanged, {counts['failed']} failed"
    print(summary, file=err if counts["failed"] else out)
    return 1 if counts["failed"] else 0
