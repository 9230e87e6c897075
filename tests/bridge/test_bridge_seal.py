"""`python -m bridge seal`: kubeseal's wire format, checked by decrypting with kubesealpy (an independent implementation)."""

from __future__ import annotations

import base64
import io
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bridge_testkit import pki as pki_mod
from bridge_testkit.harness import REPO_ROOT, Pki
from kubesealpy import SealedSecret, SealingScope, Unsealer
from kubesealpy.exceptions import KubesealPyError

from bridge.cli import main

BINARY = bytes(range(256)) + b"\x00\xff\xfe"
VALUES = {"password": b"correct horse battery staple", "empty": b"", "binary": BINARY}


def secret_doc(*, name: str = "db-creds", namespace: str | None = "kcp-zheng", annotations: dict[str, str] | None = None) -> dict:
    metadata: dict = {"name": name}
    if namespace:
        metadata["namespace"] = namespace
    if annotations:
        metadata["annotations"] = annotations
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {**metadata, "labels": {"app": "db"}},
        "type": "Opaque",
        "data": {k: base64.b64encode(v).decode() for k, v in VALUES.items()},
    }


def seal(
    *, stdin: str, cert: Path, scope: str | None = None, extra: tuple[str, ...] = (), subprocess_: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the seal command: in-process through cli.main (fast), or as `python -m bridge` when asked."""
    argv = ["seal", "--cert", str(cert), *extra] + (["--scope", scope] if scope else [])
    if subprocess_:
        return subprocess.run(
            [sys.executable, "-m", "bridge", *argv], input=stdin, capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
        )
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def unsealer(pki: Pki) -> Unsealer:
    return Unsealer.from_private_key(pki.sealing["cluster-2"].key)


def cert(pki: Pki) -> Path:
    return pki.sealing_files["cluster-2"]


@pytest.mark.parametrize(
    ("scope", "kube_scope", "annotation"),
    [
        ("strict", SealingScope.STRICT, None),
        ("namespace-wide", SealingScope.NAMESPACE_WIDE, "sealedsecrets.bitnami.com/namespace-wide"),
        ("cluster-wide", SealingScope.CLUSTER_WIDE, "sealedsecrets.bitnami.com/cluster-wide"),
    ],
)
def test_seal_output_decrypts_with_kubesealpy_for_every_scope(
    pki: Pki, scope: str, kube_scope: SealingScope, annotation: str | None
) -> None:
    result = seal(stdin=yaml.safe_dump(secret_doc()), cert=cert(pki), scope=scope, subprocess_=scope == "strict")
    assert result.returncode == 0, result.stderr
    doc = yaml.load(result.stdout, Loader=yaml.CSafeLoader)
    assert doc["apiVersion"] == "bitnami.com/v1alpha1" and doc["kind"] == "SealedSecret"
    assert doc["metadata"]["name"] == "db-creds" and doc["metadata"]["namespace"] == "kcp-zheng"
    own = doc["metadata"].get("annotations", {})
    template_annotations = doc["spec"]["template"]["metadata"].get("annotations", {})
    if annotation:
        assert own == {annotation: "true"} and template_annotations == {annotation: "true"}
    else:
        assert own == {} and template_annotations == {}
    assert doc["spec"]["template"]["type"] == "Opaque"
    assert doc["spec"]["template"]["metadata"]["labels"] == {"app": "db"}
    sealed = SealedSecret.from_yaml(result.stdout)
    unsealed = unsealer(pki).unseal(sealed)
    assert unsealed.get_data_decoded() == VALUES
    for key, value in VALUES.items():
        raw = base64.b64decode(doc["spec"]["encryptedData"][key])
        assert unsealer(pki).unseal_value(raw, namespace="kcp-zheng", name="db-creds", scope=kube_scope) == value


def test_seal_wire_format_is_length_prefixed_rsa_then_aes_gcm(pki: Pki) -> None:
    result = seal(stdin=yaml.safe_dump(secret_doc()), cert=cert(pki))
    raw = base64.b64decode(yaml.load(result.stdout, Loader=yaml.CSafeLoader)["spec"]["encryptedData"]["password"])
    (rsa_len,) = struct.unpack(">H", raw[:2])
    assert rsa_len == pki.sealing["cluster-2"].key.key_size // 8
    # AES-GCM adds a 16-byte tag and no nonce (the nonce is 12 zero bytes).
    assert len(raw) == 2 + rsa_len + len(VALUES["password"]) + 16


def test_sealing_is_randomised(pki: Pki) -> None:
    first = seal(stdin=yaml.safe_dump(secret_doc()), cert=cert(pki)).stdout
    second = seal(stdin=yaml.safe_dump(secret_doc()), cert=cert(pki)).stdout
    assert yaml.load(first, Loader=yaml.CSafeLoader)["spec"]["encryptedData"] != yaml.load(second, Loader=yaml.CSafeLoader)["spec"]["encryptedData"]


def test_strict_scope_fails_to_decrypt_under_wrong_name_namespace_or_key(pki: Pki) -> None:
    doc = yaml.load(seal(stdin=yaml.safe_dump(secret_doc()), cert=cert(pki), scope="strict").stdout, Loader=yaml.CSafeLoader)
    raw = base64.b64decode(doc["spec"]["encryptedData"]["password"])
    good = unsealer(pki)
    assert good.unseal_value(raw, namespace="kcp-zheng", name="db-creds") == VALUES["password"]
    with pytest.raises(KubesealPyError):
        good.unseal_value(raw, namespace="kcp-zheng", name="other-name")
    with pytest.raises(KubesealPyError):
        good.unseal_value(raw, namespace="other-namespace", name="db-creds")
    with pytest.raises(KubesealPyError):
        good.unseal_value(raw, namespace="kcp-zheng", name="db-creds", scope=SealingScope.NAMESPACE_WIDE)
    with pytest.raises(KubesealPyError):
        Unsealer.from_private_key(pki.sealing["cluster-3"].key).unseal_value(raw, namespace="kcp-zheng", name="db-creds")


def test_namespace_wide_scope_fails_to_decrypt_in_another_namespace(pki: Pki) -> None:
    doc = yaml.load(seal(stdin=yaml.safe_dump(secret_doc()), cert=cert(pki), scope="namespace-wide").stdout, Loader=yaml.CSafeLoader)
    raw = base64.b64decode(doc["spec"]["encryptedData"]["password"])
    assert unsealer(pki).unseal_value(raw, namespace="kcp-zheng", name="any", scope=SealingScope.NAMESPACE_WIDE) == VALUES["password"]
    with pytest.raises(KubesealPyError):
        unsealer(pki).unseal_value(raw, namespace="elsewhere", name="any", scope=SealingScope.NAMESPACE_WIDE)


def test_seal_reads_json_and_string_data_and_scope_annotations(pki: Pki) -> None:
    doc = secret_doc(annotations={"sealedsecrets.bitnami.com/namespace-wide": "true"})
    doc["stringData"] = {"password": "from-string-data", "token": "t0ken"}
    result = seal(stdin=json.dumps(doc), cert=cert(pki))
    assert result.returncode == 0, result.stderr
    sealed = SealedSecret.from_yaml(result.stdout)
    assert sealed.metadata.annotations == {"sealedsecrets.bitnami.com/namespace-wide": "true"}
    values = unsealer(pki).unseal(sealed).get_data_decoded()
    assert values == {**VALUES, "password": b"from-string-data", "token": b"t0ken"}


def test_seal_drops_owner_references_server_fields_and_last_applied(pki: Pki) -> None:
    doc = secret_doc()
    doc["metadata"].update(
        uid="u-1", resourceVersion="9", creationTimestamp="2026-01-01T00:00:00Z", managedFields=[{"manager": "x"}],
        ownerReferences=[{"apiVersion": "v1", "kind": "X", "name": "y", "uid": "z"}],
        annotations={"kubectl.kubernetes.io/last-applied-configuration": json.dumps(doc), "keep": "me"},
    )  # fmt: skip
    result = seal(stdin=yaml.safe_dump(doc), cert=cert(pki))
    template = yaml.load(result.stdout, Loader=yaml.CSafeLoader)["spec"]["template"]["metadata"]
    assert template == {"name": "db-creds", "namespace": "kcp-zheng", "labels": {"app": "db"}, "annotations": {"keep": "me"}}
    assert "correct horse" not in result.stdout


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (yaml.safe_dump({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "y"}}), "not a v1 Secret"),
        ("- just\n- a list\n", "not a Kubernetes object"),
        ("{not yaml: [", "not valid YAML or JSON"),
        (yaml.safe_dump({"apiVersion": "v1", "kind": "Secret", "metadata": {"namespace": "y"}}), "no metadata.name"),
        (yaml.safe_dump({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x"}, "data": {"k": "AA=="}}), "no metadata.namespace"),
        (
            yaml.safe_dump(
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x", "namespace": "y"}, "data": {"k": "sup3r-secret!!"}}
            ),
            "not valid base64",
        ),
        ("", "exactly one Secret"),
    ],
)
def test_seal_rejects_non_secret_input_with_a_clear_message_and_exit_2(pki: Pki, stdin: str, message: str) -> None:
    result = seal(stdin=stdin, cert=cert(pki))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "sup3r-secret" not in result.stderr


def test_seal_rejects_an_expired_certificate(pki: Pki, tmp_path: Path) -> None:
    expired, _ = pki.expired.write(directory=tmp_path, stem="expired")
    result = seal(stdin=yaml.safe_dump(secret_doc()), cert=expired, subprocess_=True)
    assert result.returncode == 2
    assert "expired on" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "not a valid PEM"), (b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n", "not a valid PEM"), (None, "not found")],
)
def test_seal_rejects_malformed_or_missing_certificates(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "cert.pem"
    if content is not None:
        path.write_bytes(content)
    result = seal(stdin=yaml.safe_dump(secret_doc()), cert=path)
    assert result.returncode == 2
    assert message in result.stderr


def test_seal_rejects_a_certificate_that_is_not_yet_valid(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    future = pki_mod.sealing_cert(valid_from=datetime.now(UTC) + timedelta(days=2))
    path, _ = future.write(directory=tmp_path, stem="future")
    result = seal(stdin=yaml.safe_dump(secret_doc()), cert=path)
    assert result.returncode == 2
    assert "not valid before" in result.stderr


def test_parallel_sealing_in_worker_processes_decrypts_with_kubesealpy(pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    from bridge import _parallel

    monkeypatch.setattr(_parallel, "MIN_PARALLEL_JOBS", 2)
    monkeypatch.setattr(_parallel, "available_cpus", lambda: 2)
    pem = pki.sealing["cluster-2"].cert_pem
    jobs = [(pem, "test", secret_doc(name=f"s-{i}"), "x.io/fingerprint", f"hmac-sha256:{i:064x}") for i in range(12)]
    outputs = _parallel.seal_all(jobs=jobs)
    assert len(outputs) == 12
    for i, content in enumerate(outputs):
        sealed = SealedSecret.from_yaml(content.decode())
        assert sealed.metadata.name == f"s-{i}"
        assert sealed.metadata.annotations == {"x.io/fingerprint": f"hmac-sha256:{i:064x}"}
        assert unsealer(pki).unseal(sealed).get_data_decoded() == VALUES


def test_seal_rejects_a_certificate_without_an_rsa_key(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ec")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    path = tmp_path / "ec.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    result = seal(stdin=yaml.safe_dump(secret_doc()), cert=path)
    assert result.returncode == 2 and "does not hold an RSA public key" in result.stderr
