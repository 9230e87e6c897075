"""Command line: `python -m bridge seal` and `python -m bridge run`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import yaml

from . import _cycle, _render, _seal
from ._config import DEFAULT_CONFIG, load_config
from ._errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, BridgeError, UsageError, describe_unexpected
from ._fingerprint import read_key
from ._git import DEFAULT_KNOWN_HOSTS_FILE, DEFAULT_SSH_KEY_FILE, DEFAULT_TOKEN_FILE, GitCredentials
from ._kube import client_from_args

DEFAULT_HMAC_KEY_FILE = Path("/var/run/secrets/kcp-bridge/hmac/key")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bridge", description="Deliver kcp-operator shard bundles as sealed GitOps manifests.")
    commands = parser.add_subparsers(dest="command", required=True)

    seal = commands.add_parser("seal", help="seal a Secret read on stdin (kubeseal-compatible)")
    seal.add_argument("--cert", required=True, type=Path, help="the sealed-secrets controller's PEM certificate")
    seal.add_argument(
        "--scope", choices=_seal.SCOPES, default=None, help="sealing scope (default: from the Secret's annotations, else strict)"
    )
    seal.add_argument("--format", choices=("yaml", "json"), default="yaml", help="output format (default yaml)")

    run = commands.add_parser("run", help="run one bridge cycle over all targets")
    run.add_argument("--config", type=Path, default=Path(DEFAULT_CONFIG), help=f"configuration file (default {DEFAULT_CONFIG})")
    run.add_argument(
        "--hmac-key-file", type=Path, default=DEFAULT_HMAC_KEY_FILE, help=f"HMAC key for fingerprints (default {DEFAULT_HMAC_KEY_FILE})"
    )
    run.add_argument(
        "--git-token-file",
        type=Path,
        default=DEFAULT_TOKEN_FILE,
        help=f"HTTPS token, read by a GIT_ASKPASS helper at call time (default {DEFAULT_TOKEN_FILE})",
    )
    run.add_argument("--git-username", default="x-access-token", help="HTTPS username sent with the token (default x-access-token)")
    run.add_argument(
        "--ssh-key-file",
        type=Path,
        default=DEFAULT_SSH_KEY_FILE,
        help=f"SSH deploy key for ssh repositories (default {DEFAULT_SSH_KEY_FILE})",
    )
    run.add_argument(
        "--known-hosts-file",
        type=Path,
        default=DEFAULT_KNOWN_HOSTS_FILE,
        help=f"pinned known_hosts for ssh repositories (default {DEFAULT_KNOWN_HOSTS_FILE})",
    )
    run.add_argument("--api-server", default=None, help="Kubernetes API URL (default: in-cluster)")
    run.add_argument("--token-file", type=Path, default=None, help="bearer token file (default: the service account token)")
    run.add_argument("--ca-file", type=Path, default=None, help="CA bundle for the API server (default: the service account CA)")
    run.add_argument("--insecure-skip-tls-verify", action="store_true", help="do not verify the API server's certificate (testing only)")
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Entry point; returns the process exit code."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "seal":
            return _seal_command(args=args, stdin=stdin, stdout=stdout)
        return _run_command(args=args, stdout=stdout, stderr=stderr)
    except BridgeError as exc:
        print(f"bridge: error: {exc}", file=stderr)
        return EXIT_USAGE
    except Exception as exc:
        print(f"bridge: error: {describe_unexpected(exc)}", file=stderr)
        return EXIT_INTERNAL


def _seal_command(*, args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    key = _seal.load_certificate_file(path=args.cert)
    text = stdin.read()
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError:
        # The parser's message quotes the input, which may be a secret.
        raise UsageError("stdin is not valid YAML or JSON") from None
    if len(documents) != 1:
        raise UsageError(f"stdin must hold exactly one Secret, found {len(documents)} documents")
    sealed = _seal.seal_secret(secret=_seal.validate_secret(secret=documents[0]), key=key, scope=args.scope)
    if args.format == "json":
        stdout.write(json.dumps(sealed, indent=2) + "\n")
    else:
        stdout.write(_render.dump(obj=sealed).decode())
    return EXIT_OK


def _run_command(*, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    config = load_config(path=args.config)
    hmac_key = read_key(path=args.hmac_key_file)
    needs_https = any(not d.uses_ssh for d in config.destinations)
    needs_ssh = any(d.uses_ssh for d in config.destinations)
    credentials = GitCredentials(
        token_file=args.git_token_file if needs_https else None,
        username=args.git_username,
        ssh_key_file=args.ssh_key_file if needs_ssh else None,
        known_hosts_file=args.known_hosts_file if needs_ssh else None,
    )
    credentials.check(ssh=needs_ssh, https=needs_https)
    kube = client_from_args(
        api_server=args.api_server, token_file=args.token_file, ca_file=args.ca_file, insecure=args.insecure_skip_tls_verify
    )
    cycle = _cycle.Cycle(config=config, hmac_key=hmac_key, kube=kube, credentials=credentials)
    return _cycle.report(outcomes=cycle.run(), out=stdout, err=stderr)
