"""Apply every override in order: match, patch, check, validate; one problem per override that cannot apply."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kcpgitops.topology import Override, Topology, TopologyError

from ._patch import Refused, patched
from ._scope import Slot, no_match_reason, selects, slots

if TYPE_CHECKING:
    from ._schema import PatchedValidator


def apply_overrides(
    topology: Topology,
    *,
    manifests: dict[str, list[dict]],
    applications: dict[str, list[dict]],
    kcp: dict[Path, dict],
    source: str,
) -> list[str]:
    """Patch the rendered documents with `topology.overrides`, in order, and return the files patched.

    `manifests` are the documents of `dist/<cluster>/` per cluster, `applications` those of `argocd/<cluster>/<section>/`
    keyed `<cluster>/<section>`, `kcp` those of `dist/kcp/` keyed `kcp/<workspace dir>/<file>`; a patched document
    replaces its original in these containers (an original is never changed in place). An override
    whose target matches nothing, whose patch fails, that changes an object's identity or a Secret's data, or whose
    result no longer validates strictly gets one problem naming `overrides[N]` and its target; the others still run, and
    then `TopologyError(source, problems)` is raised, so the caller writes nothing.
    """
    if not topology.overrides:
        return []
    # Imported here: jsonschema and the schema store cost about 40 ms, which a render without overrides never pays.
    from ._schema import PatchedValidator

    validator = PatchedValidator()
    everything = slots(manifests=manifests, applications=applications, kcp=kcp)
    problems: list[str] = []
    patched_files: set[str] = set()
    for index, override in enumerate(topology.overrides):
        prefix = f"overrides[{index}] {override.target.describe()}"
        matched = [slot for slot in everything if selects(override.target, slot)]
        if not matched:
            problems.append(f"{prefix}: {no_match_reason(override.target, everything, root_cluster=topology.root_shard.cluster)}")
            continue
        results, failures = _patch_all(override, matched, validator)
        if failures:
            (file, reason), rest = failures[0], len(failures) - 1
            more = f" (and on {rest} more of its {len(matched)} matched objects)" if rest else ""
            problems.append(f"{prefix}: {file}: {reason}{more}")
            continue
        for slot, doc in results:
            slot.replace(doc)
            patched_files.add(slot.file)
    if problems:
        raise TopologyError(source, problems)
    return sorted(patched_files)


def _patch_all(override: Override, matched: list[Slot], validator: PatchedValidator) -> tuple[list[tuple[Slot, dict]], list[tuple[str, str]]]:
    # All or nothing per override: its results replace the documents only when every matched one succeeded.
    results: list[tuple[Slot, dict]] = []
    failures: list[tuple[str, str]] = []
    for slot in matched:
        try:
            doc = patched(override, slot.doc)
        except Refused as exc:
            failures.append((slot.file, str(exc)))
            continue
        schema = validator.problems(doc, slot.file)
        if schema:
            failures.append((slot.file, "the patched object no longer validates strictly against its schema: "
                             + "; ".join(schema) + "; fix the override's values or paths"))
            continue
        results.append((slot, doc))
    return results, failures
