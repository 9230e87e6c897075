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

from . import _bundle, _fingerprint, _parallel, _render, _seal
from ._config import BridgeConfig, Target
from ._errors import ApiError, BridgeError, GitError, describe_unexpected
from ._git import Checkout, CommitSpec, Entry, GitCredentials, GitEnvironment
from ._kube import CONFIGMAPS, SECRETS, KubeClient

_PHASE_A_WORKERS = 8
_PHASE_B_WORKERS = 4


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


@dataclass
class Outcome:
    """What happened to one target in this cycle."""

    target: Target
    state: str
    detail: str = ""
    fingerprint: str = ""
    changed_files: int = 0
    commit: str = ""


@dataclass
class _Pending:
    plan: Plan
    changed_files: int = 0
    committed: bool = False
    error: str = ""
    sealed_cache: dict[tuple[str, str], bytes] = field(default_factory=dict)


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
        resources = {"Secret": SECRETS, "ConfigMap": CONFIGMAPS}
        self._memo_lock = threading.Lock()
        self._memo_clean: dict[int, dict[str, Any]] = {}
        self._memo_canonical: dict[int, bytes] = {}
        # Keeps memoised objects alive so their id() is never reused within a cycle.
        self._memo_keep: list[dict[str, Any]] = []
        self._refs = _FetchCache(lambda kind, name: kube.get(resource=resources[kind], namespace=config.namespace, name=name))

    def run(self) -> list[Outcome]:
        """Plan every target, then deliver per repository branch; never raises for a single target."""
        targets = list(self.config.targets)
        outcomes: dict[str, Outcome] = {}
        plans: list[Plan] = []
        with ThreadPoolExecutor(max_workers=min(_PHASE_A_WORKERS, len(targets))) as pool:
            for target, result in zip(targets, pool.map(self._plan_safely, targets), strict=True):
                if isinstance(result, Plan):
                    plans.append(result)
                else:
                    outcomes[target.shard] = result
        groups: dict[tuple[str, str], list[Plan]] = {}
        for plan in plans:
            groups.setdefault(plan.target.repo_key, []).append(plan)
        if groups:
            with ThreadPoolExecutor(max_workers=min(_PHASE_B_WORKERS, len(groups))) as pool:
                for group_outcomes in pool.map(self._deliver_safely, groups.values()):
                    outcomes.update({o.target.shard: o for o in group_outcomes})
        return [outcomes[t.shard] for t in targets]

    # Phase A: read and compute.

    def _plan_safely(self, target: Target) -> Plan | Outcome:
        try:
            return self.plan(target)
        except BridgeError as exc:
            return Outcome(target=target, state="failed", detail=str(exc))
        except Exception as exc:
            return Outcome(target=target, state="failed", detail=describe_unexpected(exc))

    def plan(self, target: Target) -> Plan:
        """Compute the files one target should hold, with their fingerprints."""
        namespace = self.config.namespace
        key = _seal.load_certificate_file(path=target.certificate)
        try:
            secret = self.kube.get(resource=SECRETS, namespace=namespace, name=target.bundle_secret)
        except ApiError as exc:
            hint = ""
            if exc.code == 404:
                hint = " (is the Shard annotated operator.kcp.io/bundle and the ConfigurationBundle feature gate on?)"
            raise ApiError(f"cannot read the bundle: {exc}{hint}", code=exc.code, reason=exc.reason) from None
        objects = _bundle.decode_bundle(secret=secret, namespace=namespace, name=target.bundle_secret)
        present = {(o["kind"], o["metadata"]["name"]) for o in objects}
        extras = []
        for ref in _bundle.references(objects=objects):
            if (ref.kind, ref.name) in present or ref.name in target.exclude_references:
                continue
            try:
                fetched = self._refs.get(kind=ref.kind, name=ref.name)
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
        cleaned = [_bundle.clean(obj=o) for o in objects] + [self._cleaned_extra(o) for o in extras]
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
        return Plan(target=target, key=key, objects=desired, fingerprint=fingerprint)

    def _cleaned_extra(self, obj: dict[str, Any]) -> dict[str, Any]:
        # Referenced objects are shared by many targets: clean and serialize each once per cycle.
        with self._memo_lock:
            cleaned = self._memo_clean.get(id(obj))
            if cleaned is None:
                cleaned = self._memo_clean[id(obj)] = _bundle.clean(obj=obj)
                self._memo_keep.append(obj)
            return cleaned

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

    def _deliver_safely(self, plans: list[Plan]) -> list[Outcome]:
        try:
            return self.deliver(plans)
        except Exception as exc:
            detail = str(exc) if isinstance(exc, BridgeError) else describe_unexpected(exc)
            return [Outcome(target=p.target, state="failed", detail=detail, fingerprint=p.fingerprint) for p in plans]

    def deliver(self, plans: list[Plan]) -> list[Outcome]:
        """Clone one repository branch, commit each changed target, push once (with retries)."""
        first = plans[0].target
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
                return [Outcome(target=p.target, state="failed", detail=str(exc)) for p in plans]
            pending = [_Pending(plan=p) for p in plans]
            commit_ids: dict[str, str] = {}

            def apply() -> bool:
                specs = self._commit_specs(checkout=checkout, pending=pending)
                ids = checkout.commit(commits=[spec for _, spec in specs])
                commit_ids.clear()
                commit_ids.update({item.plan.target.shard: sha for (item, _), sha in zip(specs, ids, strict=True)})
                return bool(specs)

            if apply():
                try:
                    checkout.push(retries=self.config.git.push_retries, redo=apply)
                except GitError as exc:
                    for item in pending:
                        if item.committed:
                            item.error = str(exc)
            return [self._outcome(item=item, commit=commit_ids.get(item.plan.target.shard, "")) for item in pending]
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _outcome(self, *, item: _Pending, commit: str) -> Outcome:
        plan = item.plan
        if item.error:
            return Outcome(target=plan.target, state="failed", detail=item.error, fingerprint=plan.fingerprint)
        if item.committed:
            return Outcome(
                target=plan.target, state="committed", fingerprint=plan.fingerprint, changed_files=item.changed_files, commit=commit
            )
        return Outcome(target=plan.target, state="unchanged", fingerprint=plan.fingerprint)

    def _commit_specs(self, *, checkout: Checkout, pending: list[_Pending]) -> list[tuple[_Pending, CommitSpec]]:
        """Compare every target with the branch tip; one commit per target whose files differ."""
        tree = checkout.list_tree(paths=[item.plan.target.path for item in pending])
        manifests = {
            item.plan.target.path: entry.oid
            for item in pending
            if (entry := tree.get(f"{item.plan.target.path}/{_render.MANIFEST_FILE}")) is not None and entry.kind == "blob"
        }
        manifest_blobs = checkout.read_blobs(oids=sorted(set(manifests.values())))
        trusted: dict[str, dict[str, str]] = {}
        unindexed: list[str] = []
        for item in pending:
            item.committed, item.changed_files = False, 0
            path = item.plan.target.path
            recorded = _render.parse_manifest(content=manifest_blobs.get(manifests.get(path, ""), b""))
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
        blobs = checkout.read_blobs(oids=sorted(set(unindexed)))
        self._seal_needed(tree=tree, blobs=blobs, trusted=trusted, pending=pending)
        specs = []
        for item in pending:
            if item.error:
                continue
            path = item.plan.target.path
            try:
                writes, deletes = self._changes(
                    checkout=checkout, tree=tree, blobs=blobs, known=trusted[path], manifest_oid=manifests.get(path), item=item
                )
            except BridgeError as exc:
                item.error = str(exc)
                continue
            if not writes and not deletes:
                continue
            target = item.plan.target
            prefix = self.config.git.message_prefix.strip()
            message = (
                f"{prefix} {target.shard} bundle {target.bundle_secret} fingerprint {_fingerprint.short(fingerprint=item.plan.fingerprint)}"
            )
            manifest_only = {f"{path}/{_render.MANIFEST_FILE}"}
            item.committed = True
            item.changed_files = len(set(writes) - manifest_only) + len(deletes)
            specs.append((item, CommitSpec(message=message.strip(), writes=writes, deletes=deletes)))
        return specs

    def _changes(
        self,
        *,
        checkout: Checkout,
        tree: dict[str, Entry],
        blobs: dict[str, bytes],
        known: dict[str, str],
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
        existing = {
            name[len(base) :]: entry
            for name, entry in tree.items()
            if name.startswith(base) and "/" not in name[len(base) :] and name.endswith(".yaml") and entry.kind == "blob"
        }
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
                content = self._render_plain(obj=obj)
            oid = checkout.blob_id(content=content)
            index.append((obj.fingerprint, oid, obj.filename))
            if regular and entry is not None and entry.oid == oid:
                continue
            writes[base + obj.filename] = content
        wanted = {o.filename for o in plan.objects}
        deletes = sorted(base + name for name in existing if name not in wanted)
        manifest = _render.manifest(shard=plan.target.shard, fingerprint=plan.fingerprint, entries=index)
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


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def report(*, outcomes: list[Outcome], out: TextIO, err: TextIO) -> int:
    """Print one line per target and a summary; return the exit code."""
    counts = {"committed": 0, "unchanged": 0, "failed": 0}
    for o in outcomes:
        counts[o.state] += 1
        label = f"{o.target.shard} ({o.target.cluster})"
        where = f"{o.target.repo_url} {o.target.branch}:{o.target.path}"
        if o.state == "failed":
            print(f"bridge: {label}: FAILED: {o.detail}", file=err)
        elif o.state == "committed":
            commit = f" commit {o.commit[:12]}" if o.commit else ""
            print(
                f"bridge: {label}: committed {o.changed_files} file change(s){commit} "
                f"fingerprint {_fingerprint.short(fingerprint=o.fingerprint)} to {where}",
                file=out,
            )
        else:
            print(f"bridge: {label}: unchanged, fingerprint {_fingerprint.short(fingerprint=o.fingerprint)} already in {where}", file=out)
    summary = (
        f"bridge: {len(outcomes)} target(s): {counts['committed']} committed, {counts['unchanged']} unchanged, {counts['failed']} failed"
    )
    print(summary, file=err if counts["failed"] else out)
    return 1 if counts["failed"] else 0
