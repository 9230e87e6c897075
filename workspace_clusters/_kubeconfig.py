"""Credentials out of a kubeconfig (kcp-operator's admin kubeconfig: current-context `default`, client certificate)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

import yaml


class KubeconfigError(Exception):
    """The kubeconfig lacks what an Argo CD cluster Secret needs; the message never holds secret material."""


@dataclass(frozen=True)
class Credentials:
    """What Argo CD needs to reach the front-proxy; `repr` shows no material."""

    cert_data: bytes = field(default=b"", repr=False)
    """PEM client certificate."""
    key_data: bytes = field(default=b"", repr=False)
    """PEM client key."""
    token: str = field(default="", repr=False)
    """Bearer token (a kubeconfig without a client certificate)."""
    ca_data: bytes = field(default=b"", repr=False)
    """PEM CA bundle of the server certificate; empty: the system roots."""
    server_name: str = ""
    """TLS server name override (`tls-server-name`)."""
    insecure: bool = False
    """`insecure-skip-tls-verify` (kept as the kubeconfig says; never set by kcp-operator)."""

    def argocd_config(self, *, with_ca: bool) -> dict:
        """The `config` of an Argo CD cluster Secret (byte fields base64, as Argo CD's Go structs encode them)."""
        tls: dict = {"insecure": self.insecure}
        if self.cert_data:
            tls["certData"] = base64.b64encode(self.cert_data).decode()
            tls["keyData"] = base64.b64encode(self.key_data).decode()
        if with_ca and self.ca_data:
            tls["caData"] = base64.b64encode(self.ca_data).decode()
        if self.server_name:
            tls["serverName"] = self.server_name
        config: dict = {"tlsClientConfig": tls}
        if self.token:
            config["bearerToken"] = self.token
        return config


def _named(entries: object, name: str, what: str) -> dict:
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("name") == name and isinstance(entry.get(what), dict):
            return entry[what]
    raise KubeconfigError(f"the kubeconfig has no {what} named {name!r}")


def _pem(value: object, field_name: str) -> bytes:
    if not isinstance(value, str) or not value:
        raise KubeconfigError(f"{field_name} is empty")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise KubeconfigError(f"{field_name} is not base64") from None
    if b"-----BEGIN " not in data:
        raise KubeconfigError(f"{field_name} is not PEM")
    return data


def parse_kubeconfig(text: bytes | str, *, context: str | None = None) -> Credentials:
    """Credentials of `context` (default: the current context); only inline `*-data` fields (a Secret has no files)."""
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        raise KubeconfigError("the kubeconfig is not valid YAML") from None
    if not isinstance(config, dict):
        raise KubeconfigError("the kubeconfig is not a YAML mapping")
    name = context or config.get("current-context")
    if not name:
        raise KubeconfigError("the kubeconfig has no current-context")
    ctx = _named(config.get("contexts"), name, "context")
    cluster = _named(config.get("clusters"), str(ctx.get("cluster")), "cluster")
    user = _named(config.get("users"), str(ctx.get("user")), "user")
    for unsupported in ("exec", "auth-provider", "client-certificate", "client-key", "tokenFile", "username"):
        if user.get(unsupported):
            raise KubeconfigError(f"user {ctx.get('user')!r} uses {unsupported!r}, which an Argo CD cluster Secret cannot carry")
    if cluster.get("certificate-authority") and not cluster.get("certificate-authority-data"):
        raise KubeconfigError("cluster CA is a file path (certificate-authority); a kubeconfig in a Secret needs certificate-authority-data")
    ca = _pem(cluster["certificate-authority-data"], "certificate-authority-data") if cluster.get("certificate-authority-data") else b""
    common = {"ca_data": ca, "server_name": str(cluster.get("tls-server-name") or ""),
              "insecure": bool(cluster.get("insecure-skip-tls-verify", False))}
    if user.get("client-certificate-data") or user.get("client-key-data"):
        return Credentials(
            cert_data=_pem(user.get("client-certificate-data"), "client-certificate-data"),
            key_data=_pem(user.get("client-key-data"), "client-key-data"),
            **common,
        )
    if isinstance(user.get("token"), str) and user["token"]:
        return Credentials(token=user["token"], **common)
    raise KubeconfigError(f"user {ctx.get('user')!r} has neither a client certificate nor a token")
