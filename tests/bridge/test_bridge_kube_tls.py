"""The bridge verifies cluster 1's API server certificate: another CA's certificate, or one for another host, ends
the target with a clear TLS error (no traceback, nothing delivered), through the shared `kubeapi` client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from bridge_testkit import pki as pki_mod
from bridge_testkit.harness import GIT_USER, Harness, Pki
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from kcpgitops.rehearsal._loopback import LoopbackHttpsServer, LoopbackPki


class _Unreachable(BaseHTTPRequestHandler):
    """Never answers: verification fails during the handshake, before any request."""

    def do_GET(self) -> None:
        raise AssertionError("the bridge sent a request over an unverified connection")

    def log_message(self, format: str, *args: object) -> None:
        pass


def _run_against(harness: Harness, server: LoopbackHttpsServer) -> tuple[int, str]:
    config = harness.config_dir / "config.yaml"
    result = harness.run(
        config=harness.config,
        args=[
            "--config", str(config),
            "--hmac-key-file", str(harness.secrets_dir / "hmac-key"),
            "--git-token-file", str(harness.secrets_dir / "git-token"),
            "--git-username", GIT_USER,
            "--api-server", server.url,
            "--token-file", str(harness.secrets_dir / "kube-token"),
            "--ca-file", str(harness.pki.ca_file),
        ],
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr


def _wrong_host_cert(pki: Pki, directory: Path) -> tuple[Path, Path]:
    """Issued by the CA the bridge trusts, but for kcp.example.invalid only (the bridge dials 127.0.0.1)."""
    assert pki.ca is not None
    key = pki_mod.rsa_key()
    start = datetime.now(UTC) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "kcp.example.invalid")]))
        .issuer_name(pki.ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("kcp.example.invalid")]), critical=False)
        .sign(pki.ca.key, hashes.SHA256())
    )
    return pki_mod.KeyPair(key=key, cert=cert).write(directory=directory, stem="wrong-host")


@pytest.mark.parametrize("case", ["other-ca", "wrong-host"])
def test_api_server_certificate_is_verified(harness: Harness, tmp_path: Path, case: str) -> None:
    if case == "other-ca":
        other = LoopbackPki.create(tmp_path / "other-ca")
        cert_file, key_file = other.cert_file, other.key_file
        expected = "failed (unable to get local issuer certificate)"
    else:
        cert_file, key_file = _wrong_host_cert(harness.pki, tmp_path)
        expected = "failed (IP address mismatch, certificate is not valid for '127.0.0.1'"
    server = LoopbackHttpsServer(_Unreachable, cert_file=cert_file, key_file=key_file).start()
    try:
        code, output = _run_against(harness, server)
    finally:
        server.stop()
    assert code == 1, output
    assert f"GET Secret kcp-zheng/alpha-bundle: TLS verification of {server.url} failed" in output and expected in output
    assert "Traceback" not in output
    assert "0 committed, 0 unchanged, 2 failed" in output
    assert harness.files("bridge/cluster-2") == {}
    harness.assert_no_plaintext()
