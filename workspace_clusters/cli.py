"""`python -m workspace_clusters`: write one Argo CD cluster Secret per workspace, only where something changed."""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ._kube import ApiError, KubeClient, UsageError, client_from_args
from ._kubeconfig import Credentials, KubeconfigError, parse_kubeconfig
from ._names import MANAGED_BY, PATH_ANNOTATION, SECRET_TYPE_LABEL, check_path, cluster_name, object_name, server_url

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def desired_secret(*, path: str, front_proxy_url: str, namespace: str, credentials: Credentials, with_ca: bool) -> dict:
    """The Argo CD cluster Secret of one workspace."""
    config = json.dumps(credentials.argocd_config(with_ca=with_ca), sort_keys=True, separators=(",", ":"))
    data = {"name": cluster_name(path), "server": server_url(front_proxy_url, path), "config": config}
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {
            "name": object_name(path),
            "namespace": namespace,
            "labels": {SECRET_TYPE_LABEL: "cluster", "app.kubernetes.io/managed-by": MANAGED_BY},
            "annotations": {PATH_ANNOTATION: path},
        },
        "type": "Opaque",
        "data": {k: base64.b64encode(v.encode()).decode() for k, v in sorted(data.items())},
    }


def differs(existing: dict | None, desired: dict) -> list[str]:
    """What of `desired` the stored Secret lacks (field names only, never values); empty when nothing to write."""
    if existing is None:
        return ["missing"]
    changed = []
    meta, want = existing.get("metadata") or {}, desired["metadata"]
    for part in ("labels", "annotations"):
        have = meta.get(part) or {}
        changed += [f"{part}.{k}" for k, v in want[part].items() if have.get(k) != v]
    if existing.get("type", "Opaque") != desired["type"]:
        changed.append("type")
    have_data = existing.get("data") or {}
    changed += [f"data.{k}" for k in sorted(set(have_data) | set(desired["data"])) if have_data.get(k) != desired["data"].get(k)]
    return changed


def read_kubeconfig(client: KubeClient, *, namespace: str, name: str, key: str) -> Credentials:
    secret = client.get_secret(namespace, name)
    if secret is None:
        raise KubeconfigError(
            f"Secret {namespace}/{name} does not exist yet: kcp-operator writes it once the Kubeconfig object and the "
            "front-proxy are ready; nothing written"
        )
    value = (secret.get("data") or {}).get(key)
    if not value:
        raise KubeconfigError(f"Secret {namespace}/{name} has no key {key!r}")
    try:
        text = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise KubeconfigError(f"Secret {namespace}/{name} key {key!r} is not base64") from None
    try:
        return parse_kubeconfig(text)
    except KubeconfigError as exc:
        raise KubeconfigError(f"Secret {namespace}/{name} key {key!r}: {exc}") from None


def sync(client: KubeClient, args: argparse.Namespace, out: TextIO) -> int:
    """Write what differs; report one line per workspace; return the exit code."""
    credentials = read_kubeconfig(client, namespace=args.kubeconfig_namespace, name=args.kubeconfig_secret, key=args.kubeconfig_key)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    for path in args.workspace:
        desired = desired_secret(path=path, front_proxy_url=args.front_proxy_url, namespace=args.argocd_namespace,
                                 credentials=credentials, with_ca=args.ca_from == "kubeconfig")
        name = desired["metadata"]["name"]
        try:
            existing = client.get_secret(args.argocd_namespace, name)
            changed = differs(existing, desired)
            outcome = "unchanged" if not changed else "created" if existing is None else "updated"
            action = outcome
            if changed and args.dry_run:
                action = "would create" if existing is None else "would update"
            elif changed:
                client.apply_secret(desired, field_manager=MANAGED_BY)
        except ApiError as exc:
            counts["failed"] += 1
            print(f"{args.argocd_namespace}/{name}: failed: {exc}", file=out)
            continue
        counts[outcome] += 1
        detail = f" ({', '.join(changed)})" if changed and existing is not None else ""
        print(f"{args.argocd_namespace}/{name}: {action}{detail} -> {server_url(args.front_proxy_url, path)}", file=out)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    print(f"{len(args.workspace)} workspaces: {summary}{' (dry run)' if args.dry_run else ''}", file=out)
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _path(value: str) -> str:
    try:
        return check_path(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _url(value: str) -> str:
    if not value.startswith("https://") or "?" in value or "#" in value:
        raise argparse.ArgumentTypeError(f"{value!r} is not an https:// base URL such as https://api.example.io:6443")
    return value.rstrip("/")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m workspace_clusters", description=__doc__)
    parser.add_argument("--kubeconfig-namespace", required=True, help="namespace of the admin kubeconfig Secret (kcp's)")
    parser.add_argument("--kubeconfig-secret", default="kcp-admin-frontproxy", help="admin kubeconfig Secret")
    parser.add_argument("--kubeconfig-key", default="kubeconfig", help="key of the kubeconfig in that Secret")
    parser.add_argument("--argocd-namespace", default="argocd", help="where Argo CD reads cluster Secrets")
    parser.add_argument("--front-proxy-url", required=True, type=_url, help="e.g. https://api.example.io:6443")
    parser.add_argument("--workspace", action="append", required=True, type=_path, help="workspace path; repeat")
    parser.add_argument("--ca-from", choices=("kubeconfig", "system"), default="kubeconfig",
                        help="verify the front-proxy with the kubeconfig's CA or with Argo CD's system roots (ACME)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    parser.add_argument("--api-server", help="Kubernetes API URL (default: in-cluster)")
    parser.add_argument("--token-file", type=Path, help="bearer token file (default: the service account's)")
    parser.add_argument("--ca-file", type=Path, help="CA of the Kubernetes API (default: the service account's)")
    args = parser.parse_args(argv)
    if len(set(args.workspace)) != len(args.workspace):
        parser.error("a --workspace is given twice")
    return args


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        client = client_from_args(api_server=args.api_server, token_file=args.token_file, ca_file=args.ca_file)
    except UsageError as exc:
        print(f"error: {exc}", file=out)
        return EXIT_USAGE
    try:
        return sync(client, args, out)
    except (KubeconfigError, ApiError) as exc:
        print(f"error: {exc}", file=out)
        return EXIT_FAILED
    finally:
        client.close()
