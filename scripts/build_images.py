"""`make images`: build the two job images with docker, podman or buildah, tagged as the topology names them.

Usage: `python scripts/build_images.py [--dry-run] [--topology FILE]` (`make images [DRY_RUN=1]`). The topology is
`--topology`, else `$KCP_TOPOLOGY`, else `topology.yaml`; each image is tagged with the `build_tag` of
`kcpgitops.topology.job_image` (the reference its CronJob pulls, without a digest). The first of docker, podman and
buildah found on PATH builds both; each command is printed before it runs. With `--dry-run` or `DRY_RUN=1` (also
`true`, `yes`) the commands are printed and nothing runs. Pushing is left to the person (`docker push <tag>`, as the
bootstrap step says): a push needs their registry credentials.

Exit codes: 0 built (or printed); 1 none of the tools is on PATH, or the topology is invalid; otherwise the exit code
of the build that failed (the rest do not run).

Reads the topology through `kcpgitops.topology` only: no cdk8s, no charts (nothing here renders).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from kcpgitops.topology import Topology, TopologyError, job_image, load_topology

REPO_ROOT = Path(__file__).resolve().parents[1]
"""Build context of both images: the Dockerfiles COPY the jobs' packages from the repository root."""

JOBS = ("bridge", "workspaceClusters")
"""The two job images, built in this order."""

TOOLS = ("docker", "podman", "buildah")
"""Looked for on PATH in this order; the first found builds."""


_TRUE = ("1", "true", "yes")


def find_tool(path: str | None = None) -> tuple[str, str] | None:
    """The first of `TOOLS` on `path` (default `$PATH`) as (name, executable path), or None."""
    for name in TOOLS:
        found = shutil.which(name, path=path)
        if found is not None:
            return name, found
    return None


def build_commands(tool: str, topology: Topology) -> list[list[str]]:
    """One build command per job image, as argv lists to run in the repository root (`tool` as its bare name)."""
    # All three take the same `build -f <Dockerfile> -t <tag> <context>` (buildah: containers/buildah@v1.24.1
    # docs/buildah-build.1.md, `buildah build`, formerly `bud`; podman's build is buildah's).
    return [[tool, "build", "-f", image.dockerfile, "-t", image.build_tag, "."]
            for image in (job_image(topology, job) for job in JOBS)]


def pinned_digests(topology: Topology) -> list[str]:
    """References the topology pins by digest: a local build has another digest, so they need one more step."""
    return [image.reference for image in (job_image(topology, job) for job in JOBS) if "@" in image.reference]


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or with --dry-run print) both job images; see the module docstring for exit codes."""
    parser = argparse.ArgumentParser(prog="make images", description="Build the two job images with docker, podman "
                                     "or buildah, tagged as the topology names them.")
    parser.add_argument("--dry-run", action="store_true", help="print the commands, run nothing (also DRY_RUN=1)")
    parser.add_argument("--topology", type=Path, default=Path(os.environ.get("KCP_TOPOLOGY") or "topology.yaml"),
                        help="topology file (default $KCP_TOPOLOGY, else topology.yaml)")
    args = parser.parse_args(argv)
    dry_run = args.dry_run or os.environ.get("DRY_RUN", "").strip().lower() in _TRUE
    found = find_tool()
    if found is None and not dry_run:
        print(f"error: none of {', '.join(TOOLS)} is on PATH (looked in that order); install one of them to build "
              "the job images, or run with DRY_RUN=1 to print the commands", file=sys.stderr)
        return 1
    if found is None:
        print(f"note: none of {', '.join(TOOLS)} is on PATH; printing the commands for {TOOLS[0]}", file=sys.stderr)
    name, executable = found or (TOOLS[0], TOOLS[0])
    if found is not None:
        print(f"building with {name} ({executable})", file=sys.stderr)
    try:
        topology = load_topology(args.topology)
    except TopologyError as exc:
        print(f"error: invalid topology\n{exc}", file=sys.stderr)
        return 1
    commands = build_commands(name, topology)
    for reference in pinned_digests(topology):
        print(f"note: the topology pins {reference}; this build gets another digest: push it, then set "
              "images.bridgeDigest or images.workspaceClustersDigest to the digest the push prints", file=sys.stderr)
    for command in commands:
        print(f"+ {shlex.join(command)}", flush=True)
        if dry_run:
            continue
        result = subprocess.run([executable, *command[1:]], cwd=REPO_ROOT, check=False)
        if result.returncode != 0:
            print(f"error: {shlex.join(command)} failed with exit code {result.returncode}", file=sys.stderr)
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
