"""Inside kcp: the topology's `kcp:` section as files under `dist/kcp/<workspace dir>/` plus what delivers them.

`render_kcp(app, topology)` returns the kcp tree's files (one object per file, README, apply order) and the documents
for the root cluster's Argo CD tree (project, per-workspace Applications, the cluster-Secret job).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from constructs import Construct

from kcpgitops.output import dump_yaml
from kcpgitops.topology import Topology

from .._kcp_health import kcp_health_customizations
from ._argocd import (
    APPS_SECTION,
    JOB,
    JOB_SECTION,
    KcpArgoCdChart,
    job_application,
    job_objects,
    project,
    workspace_applications,
)
from ._objects import KcpWorkspaceChart, objects_by_workspace, plan_objects, workspace_dir
from ._readme import ORDER_FILE, apply_order, render_readme

KCP_DIR = "kcp"
"""The kcp tree's directory inside `dist/`."""


@dataclass
class KcpRendered:
    """The kcp tree (documents per relative file, plus text files) and the Argo CD documents per section."""

    documents: dict[Path, dict] = field(default_factory=dict)
    """`kcp/<workspace dir>/<kind>.<group>_<name>.yaml` -> the object."""
    texts: dict[Path, str] = field(default_factory=dict)
    """README and apply order, relative to `dist/`."""
    argocd: dict[str, list[dict]] = field(default_factory=dict)
    """Section of `argocd/<root cluster>/` (`apps`, `kcp-ws-clusters`) -> documents."""

    def dist_files(self, header: str = "") -> dict[Path, str]:
        """Every file of `dist/kcp/`, YAML with `header` first."""
        out = {path: header + dump_yaml(doc) for path, doc in self.documents.items()}
        out.update(self.texts)
        return out


def object_file(doc: dict) -> str:
    """`<kind>.<group>_<name>.yaml`, as `manifest_path` names files (kcp's objects here are cluster-scoped)."""
    group = doc["apiVersion"].split("/")[0] if "/" in doc["apiVersion"] else "core"
    return f"{doc['kind'].lower()}.{group}_{doc['metadata']['name']}.yaml"


def render_kcp(scope: Construct, topology: Topology) -> KcpRendered:
    """Everything the `kcp:` section renders; empty when the topology has none."""
    out = KcpRendered()
    if topology.kcp is None:
        return out
    objects = plan_objects(topology.kcp)
    if not objects:  # an empty `kcp:` section: nothing to create, nothing to deliver
        return out
    grouped = objects_by_workspace(objects)
    relative: dict = {}
    for path, objs in grouped.items():
        chart = KcpWorkspaceChart(scope, f"kcp-workspace.{workspace_dir(path).replace('/', '.')}", objects=objs)
        docs = {(d["kind"], d["metadata"]["name"]): d for d in chart.to_json()}
        for obj in objs:
            doc = docs[(obj.key.kind, obj.key.name)]
            name = f"{workspace_dir(path)}/{object_file(doc)}"
            out.documents[Path(KCP_DIR) / name] = doc
            relative[obj.key] = name
    paths = list(grouped)
    out.texts[Path(KCP_DIR) / ORDER_FILE] = apply_order(topology, objects, relative)
    out.texts[Path(KCP_DIR) / "README.md"] = render_readme(topology, objects, grouped)
    sections = {
        APPS_SECTION: [project(topology, paths), job_application(topology), *workspace_applications(topology, grouped)],
        JOB_SECTION: job_objects(topology, paths),
    }
    for section, docs in sections.items():
        chart = KcpArgoCdChart(scope, f"kcp-argocd.{section}", docs=docs)
        out.argocd[section] = list(chart.to_json())
    return out


def health_customizations() -> dict[str, str]:
    """`argocd-cm` health checks for kcp kinds: `resource.customizations.health.<group>_<Kind>` -> Lua script."""
    return kcp_health_customizations()


__all__ = ["JOB", "KCP_DIR", "KcpRendered", "health_customizations", "object_file", "plan_objects", "render_kcp"]
