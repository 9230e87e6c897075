"""The render-input record: which topology, sealing certificates, `kcp:` files and generator version a tree came from.

`synth` writes it into the dist tree. `check`, `diff` and the rehearsal compare it with the inputs they are given
before judging anything: a tree rendered from another topology, or before an input changed, would otherwise be
judged against the wrong inputs (dozens of wrong findings, or "no changes" for an edit that was never rendered).

Only what a render reads from outside the generator is hashed; the generator itself is identified by its version
(`kcpgitops.__version__`), never by hashing its sources, so the record stays byte-identical across checkouts and
`make check-rendered` keeps it honest like every other rendered file.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import kcpgitops
from kcpgitops.topology import REPO_ROOT, Topology, TopologyError, load_topology

RENDER_INPUTS = ".render-inputs"
"""File name of the record, directly inside the dist tree (`dist/.render-inputs`).

Argo CD never reads it, for two independent reasons: a directory source parses only files whose name matches
`.*\\.(yaml|yml|json|jsonnet)`, and this name has no suffix (a `.json` name would be parsed, and fail, in any
Application path that covers it); and no Application points at `dist/` itself, only at `dist/<cluster>` and
`dist/kcp/<workspace>` (see `argocd/*/apps/`). The schema validator and kubeconform read only `.yaml`/`.yml`, and
`check` only YAML below a cluster directory, so none of them sees it either."""

FORMAT = 1
"""Version of the record's layout; a record of another layout is treated like a missing one."""

_ABOUT = ("Inputs this tree was rendered from, written by synth. make check, make diff and make rehearse compare them "
          "with the inputs they are given and refuse a mismatch. Do not edit: re-render instead.")


def repository_root(path: Path) -> Path | None:
    """Top level of the git work tree holding `path` (a file or a directory), or None outside one or without git."""
    directory = path if path.is_dir() else path.parent
    try:
        result = subprocess.run(["git", "-C", str(directory), "rev-parse", "--show-toplevel"],
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return Path(result.stdout.strip()).resolve()


def render_inputs(topology: Topology, topology_path: Path) -> dict:
    """The record of every input a render of `topology`, loaded from `topology_path`, reads (JSON-ready, sorted).

    Paths are as the topology names them (certificates and `kcp:` files) or relative to the git repository holding
    the topology (the topology itself; its file name outside a repository), so the record does not depend on where
    the tree is written or which directory the command runs in. A sealing certificate that does not exist is recorded
    as null: the render skips it, and its appearing later changes the render.
    """
    base = topology_path.resolve().parent  # where `render` resolves sealing certificates (symlinks followed)
    certificates = {topology.sealing_certificate(c): _sha256(base / topology.sealing_certificate(c)) for c in topology.clusters}
    kcp_files: dict[str, str | None] = {}
    for export in topology.kcp.api_exports if topology.kcp else []:
        for relative in (export.file, *export.schemas):
            kcp_files[relative] = _sha256(REPO_ROOT / relative)  # where `load_kcp_file` reads them
    return {
        "about": _ABOUT,
        "format": FORMAT,
        "generator": kcpgitops.__version__,
        "topology": {"path": topology_name(topology_path), "sha256": _sha256(topology_path)},
        "sealingCertificates": dict(sorted(certificates.items())),
        "kcpFiles": dict(sorted(kcp_files.items())),
    }


def render_inputs_text(topology: Topology, topology_path: Path) -> str:
    """The record as the file text `synth` writes."""
    return json.dumps(render_inputs(topology, topology_path), indent=2, sort_keys=True) + "\n"


def topology_name(topology_path: Path) -> str:
    """How the record names a topology file: relative to its git repository's top level, else its file name."""
    resolved = topology_path.resolve()
    top = repository_root(resolved.parent)
    if top is not None and resolved.is_relative_to(top):
        return resolved.relative_to(top).as_posix()
    return resolved.name


def verify_render_inputs(tree_root: Path, topology_path: Path, *, topology: Topology | None = None) -> list[str]:
    """Why the tree at `tree_root` was not rendered from `topology_path` and the inputs it names; [] when it was.

    `tree_root` is a dist tree, or a repository copy holding `dist/`. Each message names the input that differs and
    what to run. Pass `topology` when it is already loaded, to avoid loading it again.
    """
    tree = _dist_of(Path(tree_root))
    if topology is None:
        try:
            topology = load_topology(topology_path)
        except TopologyError as exc:
            return [f"cannot compare {_shown(tree)}/ with its inputs: {_shown(topology_path)} is not a valid topology\n{exc}"]
    rerender = _rerender_command(tree, topology_path)
    record_path = tree / RENDER_INPUTS
    if not record_path.is_file():
        return [f"{_shown(tree)}/ has no record of its render inputs ({RENDER_INPUTS}): it was rendered by an older "
                f"generator, or not by synth, so it cannot be checked against {_shown(topology_path)}; run `{rerender}`"]
    try:
        recorded = _read_record(record_path)
    except ValueError as exc:
        return [f"{_shown(record_path)} is not a readable render-input record ({exc}); do not edit it: run `{rerender}`"]
    return _differences(recorded, render_inputs(topology, topology_path), tree, topology_path)


def _read_record(path: Path) -> dict:
    """The record at `path`, its layout checked; ValueError says what is wrong."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(recorded, dict):
        raise ValueError("not a JSON object")
    if recorded.get("format") != FORMAT:
        raise ValueError(f"layout {recorded.get('format')!r}, this generator reads layout {FORMAT}")
    if not isinstance(recorded.get("generator"), str):
        raise ValueError("'generator' is not a version string")
    topology = recorded.get("topology")
    if not isinstance(topology, dict) or not isinstance(topology.get("path"), str) or not _is_digest(topology.get("sha256")):
        raise ValueError("'topology' is not {path, sha256}")
    for key in ("sealingCertificates", "kcpFiles"):
        files = recorded.get(key)
        if not isinstance(files, dict) or not all(isinstance(k, str) and _is_digest(v) for k, v in files.items()):
            raise ValueError(f"{key!r} is not a mapping of path to sha256 or null")
    return recorded


def _is_digest(value: object) -> bool:
    return value is None or (isinstance(value, str) and len(value) == 64)


def _differences(recorded: dict, current: dict, tree: Path, topology_path: Path) -> list[str]:
    shown, rerender = f"{_shown(tree)}/", _rerender_command(tree, topology_path)
    messages = []
    if recorded["generator"] != current["generator"]:
        messages.append(f"{shown} was rendered by generator {recorded['generator']}, this is {current['generator']}: "
                        f"run `{rerender}`")
    old, new = recorded["topology"], current["topology"]
    if old["path"] != new["path"]:
        # Every other input follows from the topology: comparing them would only repeat this one difference.
        explicit = _rerender_command(tree, topology_path, explicit=True)
        messages.append(f"{shown} was rendered from {old['path']}, not {new['path']}: run `{explicit}` "
                        f"or pass --topology {old['path']}")
        return messages
    messages += _file_differences(_shown(topology_path), {"": old["sha256"]}, {"": new["sha256"]}, shown, rerender)
    for key, label in (("sealingCertificates", "sealing certificate"), ("kcpFiles", "kcp: file")):
        messages += _file_differences(label, recorded[key], current[key], shown, rerender)
    return messages


def _file_differences(label: str, old: dict, new: dict, shown: str, rerender: str) -> list[str]:
    """One message per file whose digest differs; the key "" stands for `label` itself (the topology)."""
    messages = []
    for path in sorted(old.keys() | new.keys()):
        name = f"{label} {path}".rstrip()
        before, after = old.get(path), new.get(path)
        if path in old and path in new and before == after:
            continue
        if path not in old:
            what = f"is an input now but was not when {shown} was rendered"
        elif path not in new:
            what = f"was an input when {shown} was rendered but is not any more"
        elif before is None:
            what = f"was missing when {shown} was rendered and exists now"
        elif after is None:
            what = f"existed when {shown} was rendered and is missing now"
        else:
            what = f"changed since {shown} was rendered (sha256 {before[:12]}… then, {after[:12]}… now)"
        messages.append(f"{name} {what}: run `{rerender}`")
    return messages


def _dist_of(tree_root: Path) -> Path:
    if not (tree_root / RENDER_INPUTS).is_file() and (tree_root / "dist").is_dir():
        return tree_root / "dist"
    return tree_root


def _rerender_command(tree: Path, topology_path: Path, *, explicit: bool = False) -> str:
    """The command that renders `topology_path` into `tree`: `make synth` for the working directory's dist/.

    `explicit` names the topology even when it is make's default, for a tree rendered from another one.
    """
    topology = _shown(topology_path)
    if _shown(tree) == "dist":
        return "make synth" if topology == "topology.yaml" and not explicit else f"KCP_TOPOLOGY={topology} make synth"
    argocd = _shown(tree.parent / "argocd")
    return f"python -m kcpgitops synth --topology {topology} --dist {_shown(tree)} --argocd {argocd}"


def _shown(path: Path) -> str:
    """`path` relative to the working directory when it is inside it, else absolute."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _sha256(path: Path) -> str | None:
    """Hex digest of a file's bytes; None when it is not a file (what the render skips or cannot read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None
