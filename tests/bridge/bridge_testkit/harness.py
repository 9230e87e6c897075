"""One test's world: fake cluster 1 API, a Git server with the GitOps repo, a config, and the bridge as a process."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .bundles import World
from .gitserver import GitHttpServer, git, init_bare
from .kube import FakeKubeApi
from .pki import KeyPair

REPO_ROOT = Path(__file__).resolve().parents[3]
KUBE_TOKEN = "kube-token-for-tests-0123456789"
GIT_TOKEN = "git-token-s3cr3t-0123456789abcdef"
GIT_USER = "kcp-bridge"
HMAC_KEY = b"hmac-key-for-the-bridge-tests-0123456789"
CLUSTERS = {"alpha": "cluster-2", "beta": "cluster-3"}
SERVICE_SETTINGS: dict[str, dict[str, Any]] = {
    # Two clouds, two shapes: an internal AWS NLB limited to a private range on cluster-2, a GKE internal balancer
    # on cluster-3 (what charts/bridge.py renders from clusters[].loadBalancer and shards[].loadBalancer).
    "cluster-2": {
        "type": "LoadBalancer",
        "loadBalancerClass": "service.k8s.aws/nlb",
        "annotations": {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"},
        "loadBalancerSourceRanges": ["10.20.0.0/16"],
        "externalTrafficPolicy": "Local",
    },
    "cluster-3": {"type": "LoadBalancer", "annotations": {"networking.gke.io/load-balancer-type": "Internal"}},
}


@dataclass
class Pki:
    """Session-wide keys and certificates (files under one directory)."""

    ca_file: Path
    server_cert: Path
    server_key: Path
    sealing: dict[str, KeyPair]
    sealing_files: dict[str, Path]
    expired: KeyPair
    ca: KeyPair | None = None
    """The CA behind `ca_file` (its key signs further test certificates, e.g. one for the wrong host)."""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def _run_in_process(argv: list[str], *, env: dict[str, str], tmpdir: Path) -> Result:
    """`bridge.cli.main(argv)` with `env` laid over the environment and `tmpdir` as the temporary directory."""
    import bridge.cli  # the bridge image's entry point; imported once per test process

    stdout, stderr = io.StringIO(), io.StringIO()
    saved_env = {k: os.environ.get(k) for k in env}
    saved_tmp = tempfile.tempdir
    os.environ.update(env)
    tempfile.tempdir = str(tmpdir)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = bridge.cli.main(argv, stdout=stdout, stderr=stderr)
            except SystemExit as exc:  # argparse refused the arguments
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        tempfile.tempdir = saved_tmp
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Result(returncode=code, stdout=stdout.getvalue(), stderr=stderr.getvalue())


class Harness:
    """Everything one integration test needs, started; call stop() at the end."""

    def __init__(self, *, tmp: Path, pki: Pki, shards: tuple[str, ...] = ("alpha", "beta"), mode: str = "objects"):
        self.tmp = tmp
        self.pki = pki
        self.world = World(shards=list(shards))
        self.api = FakeKubeApi(cert_file=pki.server_cert, key_file=pki.server_key, token=KUBE_TOKEN)
        self.api.objects = self.world.build()
        self.api.allowed = self.world.role_paths()
        self.api.start()
        self.git_root = tmp / "git"
        self.bare = init_bare(
            path=self.git_root / "gitops.git",
            seed_files={"README.md": "kcp-zheng GitOps\n", "rendered/cluster-2/etcd.yaml": "kind: Etcd\n"},
        )
        self.git = GitHttpServer(
            root=self.git_root, cert_file=pki.server_cert, key_file=pki.server_key, username=GIT_USER, token=GIT_TOKEN
        ).start()
        self.config_dir = tmp / "config"
        (self.config_dir / "certs").mkdir(parents=True)
        for shard in shards:
            cluster = CLUSTERS.get(shard, f"cluster-{shard}")
            (self.config_dir / "certs" / f"{cluster}.pem").write_bytes(pki.sealing_files[self.sealing_cluster(cluster)].read_bytes())
        self.secrets_dir = tmp / "secrets"
        self.secrets_dir.mkdir()
        (self.secrets_dir / "hmac-key").write_bytes(HMAC_KEY + b"\n")
        (self.secrets_dir / "git-token").write_text(GIT_TOKEN + "\n")
        (self.secrets_dir / "kube-token").write_text(KUBE_TOKEN + "\n")
        self.bridge_tmp = tmp / "bridge-tmp"
        self.bridge_tmp.mkdir()
        self.outputs: list[str] = []
        self.config: dict[str, Any] = {
            "namespace": self.world.namespace,
            "git": {"authorName": "kcp-bridge", "authorEmail": "kcp-bridge@example.invalid", "messagePrefix": "bridge:", "pushRetries": 3},
            "targets": [self.target(shard, mode=mode) for shard in shards],
        }

    @staticmethod
    def sealing_cluster(cluster: str) -> str:
        """Which test key pair seals for a cluster (shards beyond alpha and beta reuse cluster-2's)."""
        return cluster if cluster in ("cluster-2", "cluster-3") else "cluster-2"

    @property
    def repo_url(self) -> str:
        return f"{self.git.url}/gitops.git"

    def target(self, shard: str, *, mode: str = "objects") -> dict[str, Any]:
        cluster = CLUSTERS.get(shard, f"cluster-{shard}")
        return {
            "shard": shard,
            "cluster": cluster,
            "bundleSecret": f"{shard}-bundle",
            "certificate": f"certs/{cluster}.pem",
            "repoURL": self.repo_url,
            "branch": "main",
            "path": f"bridge/{cluster}",
            "mode": mode,
            "excludeReferences": ["etcd-ca-tls"],
            **({"service": SERVICE_SETTINGS[cluster]} if cluster in SERVICE_SETTINGS else {}),
        }

    def refresh(self) -> None:
        """Serve the world again after changing it (e.g. a renewed certificate)."""
        self.api.objects = self.world.build()

    def run(
        self, *extra: str, config: dict[str, Any] | None = None, args: list[str] | None = None, wrapper: list[str] | None = None,
        process: bool = False,
    ) -> Result:
        """Run the bridge's `run` command against this world.

        In-process (`bridge.cli.main`, with the job's environment variables and temporary directory) by default: a new
        interpreter per run costs about 0.3 s of imports, for every one of a hundred runs. `process=True` (or a
        `wrapper`) runs `python -m bridge run` as a separate process, as the CronJob does; the tests that are about
        the process itself (entry point, exit codes, environment) use it.
        """
        config_path = self.config_dir / "config.yaml"
        config_path.write_text(yaml.safe_dump(config or self.config, sort_keys=False))
        argv = args if args is not None else [
            "--config", str(config_path),
            "--hmac-key-file", str(self.secrets_dir / "hmac-key"),
            "--git-token-file", str(self.secrets_dir / "git-token"),
            "--git-username", GIT_USER,
            "--api-server", self.api.url,
            "--token-file", str(self.secrets_dir / "kube-token"),
            "--ca-file", str(self.pki.ca_file),
        ]  # fmt: skip
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.tmp),
            "GIT_SSL_CAINFO": str(self.pki.ca_file),
            "TMPDIR": str(self.bridge_tmp),
        }
        if process or wrapper:
            proc = subprocess.run(
                [*(wrapper or []), sys.executable, "-m", "bridge", "run", *argv, *extra],
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=180,
            )
            result = Result(returncode=proc.returncode, stdout=proc.stdout, stderr=proc.stderr)
        else:
            result = _run_in_process(["run", *argv, *extra], env=env, tmpdir=self.bridge_tmp)
        self.outputs += [result.stdout, result.stderr]
        return result

    def stop(self) -> None:
        self.api.stop()
        self.git.stop()

    # Reading the repository on the server side.

    def commits(self) -> list[tuple[str, str]]:
        """(sha, subject) of main, newest first."""
        out = git("--git-dir", str(self.bare), "log", "--format=%H%x09%s", "main")
        return [tuple(line.split("\t", 1)) for line in out.splitlines()]  # type: ignore[misc]

    def files(self, directory: str, *, ref: str = "main", hidden: bool = False) -> dict[str, bytes]:
        """name -> content of the files directly under directory at ref (dotfiles such as the bridge's index only if hidden)."""
        listing = git("--git-dir", str(self.bare), "ls-tree", f"{ref}:{directory}", check=False)
        wanted: dict[str, str] = {}
        for line in listing.splitlines():
            meta, name = line.split("\t", 1)
            if meta.split()[1] == "blob" and (hidden or not name.startswith(".")):
                wanted[name] = meta.split()[2]
        if not wanted:
            return {}
        # One `cat-file --batch` for every blob: "<oid> blob <size>\n<content>\n" per object, in the order asked.
        out = subprocess.run(["git", "--git-dir", str(self.bare), "cat-file", "--batch"], capture_output=True, check=True,
                             input="".join(f"{oid}\n" for oid in wanted.values()).encode()).stdout
        result, pos = {}, 0
        for name in wanted:
            end = out.index(b"\n", pos)
            size = int(out[pos:end].split()[2])
            result[name] = out[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
        return result

    def repository_bytes(self) -> bytes:
        """The whole history as text: `git log -p --all` plus every object in the database."""
        log = subprocess.run(
            ["git", "--git-dir", str(self.bare), "log", "-p", "--all", "--binary", "--format=fuller"], capture_output=True, check=True
        ).stdout
        objects = subprocess.run(
            ["git", "--git-dir", str(self.bare), "cat-file", "--batch-all-objects", "--batch"], capture_output=True, check=True
        ).stdout
        return log + b"\n" + objects

    def assert_no_plaintext(self) -> None:
        """No plaintext secret value (raw, base64 or any line of it) in history, objects, logs or leftovers."""
        haystacks = {"repository": self.repository_bytes(), "bridge output": "\n".join(self.outputs).encode()}
        needles = self.world.needles() | {GIT_TOKEN.encode(), KUBE_TOKEN.encode(), HMAC_KEY}
        assert needles, "the world holds no plaintext to look for"
        for where, haystack in haystacks.items():
            leaked = [n[:24] for n in needles if n in haystack]
            assert not leaked, f"plaintext found in {where}: {leaked[:3]}"
        leftovers = list(self.bridge_tmp.iterdir())
        assert not leftovers, f"the bridge left files behind: {leftovers}"
