"""HTTPS on 127.0.0.1: the transport under the rehearsal's Git remote and its per-cluster API servers (and the tests' fakes).

`LoopbackHttpsServer` serves a request handler over TLS on a random loopback port in a daemon thread.
`LoopbackPki` is a throwaway CA with one serving certificate for 127.0.0.1/localhost, made with `cryptography`;
`shared_pki()` is one such PKI per process, so every loopback server of a rehearsal is trusted through one CA file
(the jobs get it as their service-account `ca.crt` and as `GIT_SSL_CAINFO`).
"""

from __future__ import annotations

import atexit
import datetime
import ipaddress
import shutil
import ssl
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["LoopbackHttpsServer", "LoopbackPki", "quiet_handler", "shared_pki"]

# Validity that needs no wall clock: RFC 5280 4.1.2.5 reserves 99991231235959Z for "no well-defined expiration".
_NOT_BEFORE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_NOT_AFTER = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC)


def quiet_handler(serve: Callable[[BaseHTTPRequestHandler], None], verbs: tuple[str, ...]) -> type[BaseHTTPRequestHandler]:
    """A keep-alive HTTP/1.1 handler class that logs nothing and sends each of `verbs` to `serve(handler)`.

    Other methods get http.server's own 501, as from a server that does not implement them.
    """
    attributes: dict[str, object] = {
        "protocol_version": "HTTP/1.1",
        "disable_nagle_algorithm": True,
        "log_message": lambda self, *args: None,
    }
    for verb in verbs:
        attributes[f"do_{verb}"] = lambda self: serve(self)
    return type("QuietHandler", (BaseHTTPRequestHandler,), attributes)


class LoopbackHttpsServer:
    """Serves `handler` over TLS on 127.0.0.1; subclasses add the protocol and call `super().__init__` last."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], *, cert_file: Path, key_file: Path) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(cert_file), str(key_file))
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Self:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (if started) and close the socket."""
        if self._thread.is_alive():  # shutdown() waits for serve_forever(), which never runs unless started
            self._server.shutdown()
        self._server.server_close()


@dataclass(frozen=True)
class LoopbackPki:
    """A throwaway CA and a serving certificate for 127.0.0.1 and localhost, as PEM files."""

    ca_file: Path
    """The CA certificate clients trust."""
    cert_file: Path
    """The serving certificate (SAN IP 127.0.0.1, DNS localhost)."""
    key_file: Path
    """The serving certificate's private key."""

    @classmethod
    def create(cls, directory: Path) -> LoopbackPki:
        """Generate the CA and the serving certificate into `directory`."""
        directory.mkdir(parents=True, exist_ok=True)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kcp-rehearsal loopback CA")])
        ca_cert = (
            _builder(ca_name, ca_name, ca_key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(cert_sign=True), critical=True)
            .sign(ca_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
        cert = (
            _builder(name, ca_name, key.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(cert_sign=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        pki = cls(ca_file=directory / "ca.crt", cert_file=directory / "tls.crt", key_file=directory / "tls.key")
        pki.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
        pki.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        pki.key_file.write_bytes(
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )
        pki.key_file.chmod(0o600)
        return pki


_shared: LoopbackPki | None = None
_shared_lock = threading.Lock()


def shared_pki() -> LoopbackPki:
    """One loopback PKI per process (created on first use, removed at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            directory = Path(tempfile.mkdtemp(prefix="kcp-rehearsal-pki-"))
            atexit.register(shutil.rmtree, directory, True)
            _shared = LoopbackPki.create(directory)
        return _shared


def _builder(subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOT_BEFORE)
        .not_valid_after(_NOT_AFTER)
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False, key_agreement=False,
        key_cert_sign=cert_sign, crl_sign=cert_sign, encipher_only=False, decipher_only=False,
    )  # fmt: skip
