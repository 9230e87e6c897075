"""Markdown of a TreeDiff: a summary table, then per cluster added, removed and changed resources."""

from __future__ import annotations

import difflib
import json
from typing import Any

import yaml

from ._compare import TOP_LEVEL, Change, ClusterDiff, Resource, ResourceDiff, TreeDiff

MAX_VALUE_LINES = 40
"""Lines of one old or new value shown before eliding the rest."""
EMPTY = "No changes to the rendered manifests."


def _scalar(value: Any) -> str:
    if isinstance(value, str) and value and value.strip() == value and "\n" not in value:
        return value
    return json.dumps(value)


def _lines(value: Any) -> list[str]:
    if isinstance(value, dict | list):
        text = yaml.safe_dump(value, sort_keys=False, default_flow_style=False, width=120, allow_unicode=True)
        return text.rstrip("\n").splitlines()
    if isinstance(value, str) and "\n" in value:
        return value.rstrip("\n").splitlines()
    return [_scalar(value)]


def _capped(mark: str, lines: list[str]) -> list[str]:
    shown = [f"{mark} {line}" for line in lines[:MAX_VALUE_LINES]]
    if len(lines) > MAX_VALUE_LINES:
        shown.append(f"{mark} ... {len(lines) - MAX_VALUE_LINES} more lines")
    return shown


def change_lines(change: Change) -> list[str]:
    """The lines of one change inside a ```diff block (dyff-like: path header, then - old / + new)."""
    if change.op == "keys":
        keys = change.new
        out = [f"@@ {change.path} @@  values hidden, keys only"]
        out += [f"! {key}: changed" for key in keys["changed"]]
        out += [f"+ {key}: added" for key in keys["added"]]
        out += [f"- {key}: removed" for key in keys["removed"]]
        return out
    if change.op == "hidden":
        return [f"@@ {change.path} @@", "! changed (value hidden)"]
    if change.op == "added":
        return [f"@@ {change.path} @@  added", *_capped("+", _lines(change.new))]
    if change.op == "removed":
        return [f"@@ {change.path} @@  removed", *_capped("-", _lines(change.old))]
    if change.op == "entry-added":
        return [f"@@ {change.path} @@  list entry added", *_capped("+", _lines(change.new))]
    if change.op == "entry-removed":
        return [f"@@ {change.path} @@  list entry removed", *_capped("-", _lines(change.old))]
    if change.op == "entries":
        what = " and ".join(w for w, items in (("removed", change.old), ("added", change.new)) if items)
        out = [f"@@ {change.path} @@  list entries {what}"]
        for item in change.old:
            out += _capped("-", _lines(item))
        for item in change.new:
            out += _capped("+", _lines(item))
        return out
    old, new = change.old, change.new
    if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new):
        hunks = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1))[2:]  # drop ---/+++ headers
        body = ["  ..." if line.startswith("@@") else line for line in hunks]
        if len(body) > 2 * MAX_VALUE_LINES:
            body = [*body[: 2 * MAX_VALUE_LINES], f"  ... {len(body) - 2 * MAX_VALUE_LINES} more lines"]
        return [f"@@ {change.path} @@  text changed", *body]
    return [f"@@ {change.path} @@", *_capped("-", _lines(old)), *_capped("+", _lines(new))]


def _fence(body: str) -> str:
    fence = "```"
    while fence in body:
        fence += "`"
    return fence


def _resource_line(resource: Resource) -> str:
    keys = resource.secret_keys
    extra = f" (keys: {', '.join(f'`{k}`' for k in keys)})" if keys else ""
    return f"- `{resource.id}` `{resource.id.api_version}` · `{resource.path}`{extra}"


def _grouped(changes: list[Change]) -> list[Change]:
    """Entries added to or removed from one list become one change, so the list path is printed once."""
    out: list[Change] = []
    for change in changes:
        if change.op in ("entry-added", "entry-removed"):
            if out and out[-1].op == "entries" and out[-1].path == change.path:
                (out[-1].old if change.op == "entry-removed" else out[-1].new).append(change.old if change.op == "entry-removed" else change.new)
                continue
            if change.path.endswith("]") and "[name=" in change.path.rsplit(".", 1)[-1]:
                out.append(change)  # a named entry: its path already says which
                continue
            removed = [change.old] if change.op == "entry-removed" else []
            added = [change.new] if change.op == "entry-added" else []
            out.append(Change(change.path, "entries", removed, added))
            continue
        out.append(change)
    return out


def _changed_block(diff: ResourceDiff) -> list[str]:
    body = "\n".join(line for change in _grouped(diff.changes) for line in change_lines(change))
    fence = _fence(body)
    return [f"`{diff.id}` · `{diff.path}`", "", f"{fence}diff", body, fence, ""]


def _cluster_section(diff: ClusterDiff) -> list[str]:
    title = "Other generated files" if diff.cluster == TOP_LEVEL else f"`{diff.cluster}`"
    lines = [f"### {title}", ""]
    if diff.added:
        lines += [f"**Added** ({len(diff.added)})", "", *(_resource_line(r) for r in diff.added), ""]
    if diff.removed:
        lines += [f"**Removed** ({len(diff.removed)})", "", *(_resource_line(r) for r in diff.removed), ""]
    if diff.changed:
        lines += [f"**Changed** ({len(diff.changed)})", ""]
        for changed in diff.changed:
            lines += _changed_block(changed)
    if diff.unreadable:
        lines += ["**Unreadable YAML**", "", *(f"- `{p}`" for p in diff.unreadable), ""]
    if diff.files:
        what = {"+": "added", "-": "removed", "~": "changed"}
        lines += ["**Generated documents** " + ", ".join(f"`{p}` ({what[m]})" for m, p in diff.files), ""]
    return lines


def to_markdown(diff: TreeDiff, *, base: str, head: str) -> str:
    """The whole summary; a one-line message when nothing changed."""
    title = f"## Rendered changes: `{base}` → {head}"
    if not diff:
        return f"{title}\n\n{EMPTY}\n"
    clusters = [d for d in diff.clusters if d.cluster != TOP_LEVEL]
    lines = [title, ""]
    if clusters:
        lines += ["| cluster | added | removed | changed |", "|---|---:|---:|---:|"]
        lines += [f"| `{d.cluster}` | {len(d.added)} | {len(d.removed)} | {len(d.changed)} |" for d in clusters]
        totals = [sum(len(getattr(d, f)) for d in clusters) for f in ("added", "removed", "changed")]
        lines += [f"| **total** | {totals[0]} | {totals[1]} | {totals[2]} |", ""]
    lines.append("Secret and SealedSecret values are never shown; only the names of changed keys.")
    lines.append("")
    for cluster in diff.clusters:
        lines += _cluster_section(cluster)
    return "\n".join(lines).rstrip("\n") + "\n"


def truncate(text: str, limit: int, *, hint: str) -> str:
    """At most `limit` characters, cut at a line boundary, with a note saying how to see the rest."""
    if len(text) <= limit:
        return text
    note = f"\n\n_Truncated at {limit} characters. {hint}_\n"
    cut = text.rfind("\n", 0, max(0, limit - len(note)))
    head = text[: cut if cut > 0 else max(0, limit - len(note))]
    if head.count("```") % 2:
        head += "\n```"
    return head + note
