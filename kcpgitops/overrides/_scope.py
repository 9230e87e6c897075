"""Where each rendered document lives, and which documents an override's target selects."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kcpgitops.output import manifest_path
from kcpgitops.topology import EVERY_CLUSTER, OverrideTarget


@dataclass(frozen=True)
class Slot:
    """One rendered document in its container (a cluster's list, or the kcp tree's path -> document mapping)."""

    documents: list[dict] | dict[Path, dict]
    """The container holding the document; a patched document replaces the original there. Required."""
    key: int | Path
    """The document's index or path in `documents`. Required."""
    cluster: str | None
    """The cluster whose `dist/` or `argocd/` tree holds it; None under `dist/kcp/`. Required."""
    workspace: str | None
    """The kcp workspace path of a `dist/kcp/` document; None elsewhere. Required."""
    tree: str
    """The directory holding its file, relative to the repository: `dist/<cluster>`, `argocd/<cluster>/<section>`,
    `dist` (for `dist/kcp/`, whose keys already start with `kcp/`). Required."""

    @property
    def doc(self) -> dict:
        """The document as it stands (earlier overrides applied)."""
        return self.documents[self.key]  # type: ignore[index]

    def replace(self, doc: dict) -> None:
        """Put the patched document in place of the current one."""
        self.documents[self.key] = doc  # type: ignore[index]

    @property
    def file(self) -> str:
        """The file the document is written to, e.g. `dist/cluster-1/kcp-zheng/rootshard.operator.kcp.io_root.yaml`."""
        relative = self.key if isinstance(self.key, Path) else manifest_path(self.doc)
        return f"{self.tree}/{PurePosixPath(*Path(relative).parts)}"


def slots(*, manifests: dict[str, list[dict]], applications: dict[str, list[dict]], kcp: dict[Path, dict]) -> list[Slot]:
    """Every rendered document: `dist/<cluster>/`, then `argocd/<cluster>/<section>/`, then `dist/kcp/`, in render order.

    `applications` is keyed `<cluster>/<section>` and `kcp` by `kcp/<workspace dir>/<file>`, as `kcpgitops.render`
    and `charts.kcp_inside` build them.
    """
    out = [Slot(docs, index, cluster, None, f"dist/{cluster}") for cluster, docs in manifests.items() for index in range(len(docs))]
    for section, docs in applications.items():
        cluster = section.split("/", 1)[0]
        out += [Slot(docs, index, cluster, None, f"argocd/{section}") for index in range(len(docs))]
    out += [Slot(kcp, path, None, _workspace_of(path), "dist") for path in kcp]
    return out


def _workspace_of(path: Path) -> str:
    # charts/kcp_inside/_objects.py workspace_dir() turns `root:provider` into the directory `root/provider`; the
    # documents sit one level below it, under `kcp/`.
    return ":".join(path.parent.parts[1:])


def in_scope(target: OverrideTarget, slot: Slot) -> bool:
    """Whether the slot lies in the target's trees: its cluster's (or every cluster's), or its kcp workspace."""
    if target.cluster is not None:
        return slot.cluster is not None and target.cluster in (EVERY_CLUSTER, slot.cluster)
    return slot.workspace == target.workspace


def selects(target: OverrideTarget, slot: Slot) -> bool:
    """Whether the target covers the slot's tree and the document's kind, name, namespace and apiVersion."""
    if not in_scope(target, slot):
        return False
    doc = slot.doc
    meta = doc.get("metadata") or {}
    return (
        doc.get("kind") == target.kind
        and target.name in (None, meta.get("name"))
        and target.namespace in (None, meta.get("namespace"))
        and target.api_version in (None, doc.get("apiVersion"))
    )


def scope_text(target: OverrideTarget) -> str:
    """Where the target looks, in words."""
    if target.workspace is not None:
        return f"workspace {target.workspace} (dist/kcp/{target.workspace.replace(':', '/')}/)"
    if target.cluster == EVERY_CLUSTER:
        return "any cluster's dist/ and argocd/ trees"
    return f"dist/{target.cluster}/ and argocd/{target.cluster}/"


def no_match_reason(target: OverrideTarget, candidates: Iterable[Slot], *, root_cluster: str) -> str:
    """Why nothing matched: the objects of that kind in scope, or the closest kinds there, and the fix."""
    scoped = [s for s in candidates if in_scope(target, s)]
    same_kind = sorted({_label(s.doc) for s in scoped if s.doc.get("kind") == target.kind})
    where = scope_text(target)
    if same_kind:
        shown = ", ".join(same_kind[:8]) + (f" and {len(same_kind) - 8} more" if len(same_kind) > 8 else "")
        return (f"matches no rendered object in {where}; its {target.kind} objects are: {shown}; fix name, namespace "
                "or apiVersion")
    kinds = sorted({str(s.doc.get("kind")) for s in scoped})
    close = difflib.get_close_matches(target.kind, kinds, n=3)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    if target.kind == "Shard" and target.cluster not in (None, EVERY_CLUSTER, root_cluster):
        # kcp-operator turns the Shard object on the root shard's cluster into the shard's Deployment, Service and
        # certificates there (kcp-dev/kcp-operator@v0.9.0:internal/resources/compiledshard/deployment.go
        # DeploymentReconciler, which applies spec.deploymentTemplate), and bundles them for the shard's own cluster
        # (pkg/controller/bundle/objects.go getBundleObjectsForShard); the bridge delivers the bundle.
        hint += (f"; a shard's Shard object is rendered on {root_cluster}, the root shard's cluster, and reaches its "
                 "own cluster through the bundle: target it there")
    return f"matches no rendered object: no {target.kind} is rendered in {where}{hint}; fix the target's kind or scope"


def _label(doc: dict) -> str:
    meta = doc.get("metadata") or {}
    name = f"{meta['namespace']}/{meta.get('name')}" if meta.get("namespace") else str(meta.get("name"))
    return f"{name} ({doc.get('apiVersion')})"
