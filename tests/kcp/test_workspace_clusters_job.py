"""`python -m workspace_clusters` against a loopback fake Kubernetes API, with the rendered CronJob's arguments and the
rendered Roles as the API's RBAC: it reads the kubeconfig Secret, writes one correct Argo CD cluster Secret per
workspace, writes nothing on a second run, repairs drift, and never prints secret material."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from kcpgitops.rehearsal._loopback import LoopbackHttpsServer, LoopbackPki
from tests.kcp._support import FakeKube, Pem, issue, kcp_admin_kubeconfig, make_ca
from workspace_clusters._kubeconfig import KubeconfigError, parse_kubeconfig
from workspace_clusters.cli import main

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "sa-token-0123456789"
FRONT_PROXY = "https://api.zheng.example.io:6443"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    work = tmp_path_factory.mktemp("pki")
    api_ca, api_ca_key, api_ca_cert = make_ca("fake-apiserver-ca")
    server = issue(api_ca_key, api_ca_cert, "127.0.0.1", server=True)
    (work / "api-ca.crt").write_bytes(api_ca.cert)
    (work / "server.crt").write_bytes(server.cert)
    (work / "server.key").write_bytes(server.key)
    (work / "token").write_text(TOKEN + "\n")
    # Issued by the trusted CA but naming no address the job dials (no subjectAltName for 127.0.0.1).
    wrong_host = issue(api_ca_key, api_ca_cert, "kcp.example.invalid")
    (work / "wrong-host.crt").write_bytes(wrong_host.cert)
    (work / "wrong-host.key").write_bytes(wrong_host.key)
    kcp_ca, kcp_ca_key, kcp_ca_cert = make_ca("kcp-server-ca")
    admin = issue(kcp_ca_key, kcp_ca_cert, "kcp-admin")
    rotated = issue(kcp_ca_key, kcp_ca_cert, "kcp-admin")
    return {"dir": work, "kcp_ca": kcp_ca, "admin": admin, "rotated": rotated}


@pytest.fixture
def api(pki):
    fake = FakeKube(cert_file=pki["dir"] / "server.crt", key_file=pki["dir"] / "server.key", token=TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def rendered_job(kcp_render):
    """The rendered CronJob's arguments and the (verb, namespace, name) its Roles grant."""
    docs = [d for docs in kcp_render["argocd"].values() for d in docs]
    cronjob = next(d for d in docs if d["kind"] == "CronJob" and d["metadata"]["name"] == "kcp-ws-clusters")
    container = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["python", "-m", "workspace_clusters"]
    grants = set()
    for role in (d for d in docs if d["kind"] == "Role" and d["metadata"]["name"].startswith("kcp-ws-")):
        for rule in role["rules"]:
            assert rule["resources"] == ["secrets"] and rule["apiGroups"] == [""]
            for verb in rule["verbs"]:
                for name in rule["resourceNames"]:
                    grants.add((verb, role["metadata"]["namespace"], name))
    return {"args": container["args"], "grants": grants}


def _kubeconfig(pki, client: Pem) -> bytes:
    return kcp_admin_kubeconfig(front_proxy=FRONT_PROXY, ca=pki["kcp_ca"].cert, client=client).encode()


def _run(api: FakeKube, pki, args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main([*args, "--api-server", api.url, "--token-file", str(pki["dir"] / "token"),
                 "--ca-file", str(pki["dir"] / "api-ca.crt")], out=out)
    return code, out.getvalue()


def _workspaces(args: list[str]) -> list[str]:
    return [args[i + 1] for i, a in enumerate(args) if a == "--workspace"]


def _decoded(secret: dict) -> dict[str, str]:
    return {k: base64.b64decode(v).decode() for k, v in secret["data"].items()}


def _assert_no_secret_material(text: str, pki) -> None:
    for pem in (pki["admin"], pki["rotated"]):
        for blob in (pem.cert, pem.key):
            assert base64.b64encode(blob).decode()[:40] not in text
            assert blob.decode().splitlines()[1] not in text
    assert base64.b64encode(pki["kcp_ca"].cert).decode()[:40] not in text
    assert "BEGIN" not in text and TOKEN not in text


def test_job_writes_one_correct_argocd_cluster_secret_per_workspace(api, pki, rendered_job):
    api.allowed = rendered_job["grants"]
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    code, output = _run(api, pki, rendered_job["args"])
    assert code == 0, output
    paths = _workspaces(rendered_job["args"])
    assert len(paths) == 8
    assert sorted(api.writes()) == sorted(
        ("PATCH", f"/api/v1/namespaces/argocd/secrets/kcp-ws-{p.replace(':', '.')}?fieldManager=kcp-ws-clusters&force=true")
        for p in paths
    )
    for path in paths:
        secret = api.secret("argocd", "kcp-ws-" + path.replace(":", "."))
        assert secret["metadata"]["labels"] == {"argocd.argoproj.io/secret-type": "cluster", "app.kubernetes.io/managed-by": "kcp-ws-clusters"}
        assert secret["metadata"]["annotations"] == {"kcp-zheng-gitops/workspace-path": path}
        assert secret["type"] == "Opaque"
        data = _decoded(secret)
        assert set(data) == {"name", "server", "config"}
        assert data["name"] == f"kcp:{path}"
        assert data["server"] == f"{FRONT_PROXY}/clusters/{path}"
        config = json.loads(data["config"])
        # The default topology's front-proxy has an ACME certificate: Argo CD verifies it with its system roots.
        assert config == {"tlsClientConfig": {
            "insecure": False,
            "certData": base64.b64encode(pki["admin"].cert).decode(),
            "keyData": base64.b64encode(pki["admin"].key).decode(),
        }}
    assert output.splitlines()[-1] == "8 workspaces: 8 created, 0 updated, 0 unchanged, 0 failed"
    _assert_no_secret_material(output, pki)


def test_servers_match_the_application_destinations(rendered_job, kcp_render):
    apps = {d["spec"]["destination"]["server"] for docs in kcp_render["argocd"].values() for d in docs
            if d["kind"] == "Application" and d["metadata"]["name"].startswith("kcp-ws-root")}
    assert apps == {f"{FRONT_PROXY}/clusters/{p}" for p in _workspaces(rendered_job["args"])}


def test_second_run_writes_nothing(api, pki, rendered_job):
    api.allowed = rendered_job["grants"]
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    assert _run(api, pki, rendered_job["args"])[0] == 0
    before = {k: v["metadata"]["resourceVersion"] for k, v in api.objects.items()}
    api.requests.clear()
    code, output = _run(api, pki, rendered_job["args"])
    assert code == 0
    assert api.writes() == []
    assert {k: v["metadata"]["resourceVersion"] for k, v in api.objects.items()} == before
    assert all(r[0] == "GET" for r in api.requests) and len(api.requests) == 9
    assert output.splitlines()[-1] == "8 workspaces: 0 created, 0 updated, 8 unchanged, 0 failed"


def test_rotated_certificate_and_drift_are_written_back_once(api, pki, rendered_job):
    api.allowed = rendered_job["grants"]
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    assert _run(api, pki, rendered_job["args"])[0] == 0
    # Someone edits one Secret's server; kcp-operator rotates the client certificate.
    edited = api.objects[("argocd", "kcp-ws-root.provider")]
    edited["data"]["server"] = base64.b64encode(b"https://elsewhere:6443").decode()
    api.requests.clear()
    code, output = _run(api, pki, rendered_job["args"])
    assert code == 0 and api.writes() == [
        ("PATCH", "/api/v1/namespaces/argocd/secrets/kcp-ws-root.provider?fieldManager=kcp-ws-clusters&force=true")
    ]
    assert "argocd/kcp-ws-root.provider: updated (data.server)" in output
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["rotated"])})
    api.requests.clear()
    code, output = _run(api, pki, rendered_job["args"])
    assert code == 0 and len(api.writes()) == 8
    assert output.splitlines()[-1] == "8 workspaces: 0 created, 8 updated, 0 unchanged, 0 failed"
    config = json.loads(_decoded(api.secret("argocd", "kcp-ws-root"))["config"])
    assert base64.b64decode(config["tlsClientConfig"]["certData"]) == pki["rotated"].cert
    _assert_no_secret_material(output, pki)
    api.requests.clear()
    assert _run(api, pki, rendered_job["args"])[0] == 0 and api.writes() == []


def test_kcp_ca_front_proxy_puts_the_kubeconfigs_ca_into_the_config(api, pki):
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    args = ["--kubeconfig-namespace", "kcp-zheng", "--front-proxy-url", FRONT_PROXY, "--workspace", "root", "--ca-from", "kubeconfig"]
    assert _run(api, pki, args)[0] == 0
    config = json.loads(_decoded(api.secret("argocd", "kcp-ws-root"))["config"])
    assert base64.b64decode(config["tlsClientConfig"]["caData"]) == pki["kcp_ca"].cert


def test_missing_kubeconfig_secret_writes_nothing_and_fails(api, pki, rendered_job):
    api.allowed = rendered_job["grants"]
    code, output = _run(api, pki, rendered_job["args"])
    assert code == 1
    assert output.startswith("error: Secret kcp-zheng/kcp-admin-frontproxy does not exist yet")
    assert api.writes() == []


def test_a_workspace_outside_the_role_fails_alone(api, pki, rendered_job):
    api.allowed = rendered_job["grants"]
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    code, output = _run(api, pki, [*rendered_job["args"], "--workspace", "root:extra"])
    assert code == 1
    assert "argocd/kcp-ws-root.extra: failed: GET Secret argocd/kcp-ws-root.extra: HTTP 403 Forbidden" in output
    assert output.splitlines()[-1] == "9 workspaces: 8 created, 0 updated, 0 unchanged, 1 failed"


def test_dry_run_reports_without_writing(api, pki, rendered_job):
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    code, output = _run(api, pki, [*rendered_job["args"], "--dry-run"])
    assert code == 0 and api.writes() == []
    assert "argocd/kcp-ws-root: would create -> https://api.zheng.example.io:6443/clusters/root" in output


def test_bad_kubeconfig_errors_name_fields_not_values(api, pki, rendered_job):
    broken = _kubeconfig(pki, pki["admin"]).replace(b"client-key-data", b"client-key")
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": broken})
    code, output = _run(api, pki, rendered_job["args"])
    assert code == 1 and api.writes() == []
    assert "user 'kcp-admin' uses 'client-key'" in output
    _assert_no_secret_material(output, pki)


def test_kubeconfig_parsing(pki):
    text = _kubeconfig(pki, pki["admin"])
    creds = parse_kubeconfig(text)
    assert creds.cert_data == pki["admin"].cert and creds.key_data == pki["admin"].key and creds.ca_data == pki["kcp_ca"].cert
    assert "BEGIN" not in repr(creds)
    with pytest.raises(KubeconfigError, match="no context named 'nope'"):
        parse_kubeconfig(text, context="nope")
    token = b"apiVersion: v1\ncurrent-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n" \
            b"clusters: [{name: k, cluster: {server: 'https://x'}}]\nusers: [{name: u, user: {token: abc}}]\n"
    assert parse_kubeconfig(token).argocd_config(with_ca=True) == {"bearerToken": "abc", "tlsClientConfig": {"insecure": False}}
    execs = token.replace(b"{token: abc}", b"{exec: {command: x}}")
    with pytest.raises(KubeconfigError, match="uses 'exec'"):
        parse_kubeconfig(execs)


def test_in_cluster_defaults_and_usage_errors(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUBERNETES_")}
    result = subprocess.run(
        [sys.executable, "-m", "workspace_clusters", "--kubeconfig-namespace", "kcp-zheng", "--front-proxy-url", FRONT_PROXY,
         "--workspace", "root"], capture_output=True, text=True, timeout=30, cwd=ROOT, env=env,
    )
    assert result.returncode == 2
    assert "not running in a cluster (KUBERNETES_SERVICE_HOST unset); pass --api-server" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "workspace_clusters", "--kubeconfig-namespace", "x", "--front-proxy-url", FRONT_PROXY,
         "--workspace", "provider"], capture_output=True, text=True, timeout=30, cwd=ROOT, env=env,
    )
    assert bad.returncode == 2 and "is not an absolute workspace path" in bad.stderr


def test_module_entry_point_runs_against_the_fake_api(api, pki, rendered_job):
    api.allowed = rendered_job["grants"]
    api.put_secret("kcp-zheng", "kcp-admin-frontproxy", {"kubeconfig": _kubeconfig(pki, pki["admin"])})
    result = subprocess.run(
        [sys.executable, "-m", "workspace_clusters", *rendered_job["args"], "--api-server", api.url,
         "--token-file", str(pki["dir"] / "token"), "--ca-file", str(pki["dir"] / "api-ca.crt")],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(api.writes()) == 8
    _assert_no_secret_material(result.stdout + result.stderr, pki)


def test_the_job_image_carries_the_package():
    dockerfile = (ROOT / "Dockerfile.workspace-clusters").read_text()
    assert "COPY workspace_clusters/ /app/workspace_clusters/" in dockerfile
    assert "USER 65532:65532" in dockerfile
    assert 'ENTRYPOINT ["python", "-m", "workspace_clusters"]' in dockerfile


class _NeverAnswers(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        raise AssertionError("the job sent a request over an unverified connection")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("other-ca", "failed (unable to get local issuer certificate)"),
        ("wrong-host", "failed (IP address mismatch, certificate is not valid for '127.0.0.1'"),
    ],
)
def test_api_server_certificate_from_another_ca_or_for_another_host_is_refused(pki, rendered_job, tmp_path, capsys, case, expected):
    if case == "other-ca":
        other = LoopbackPki.create(tmp_path / "other-ca")
        cert_file, key_file = other.cert_file, other.key_file
    else:
        cert_file, key_file = pki["dir"] / "wrong-host.crt", pki["dir"] / "wrong-host.key"
    server = LoopbackHttpsServer(_NeverAnswers, cert_file=cert_file, key_file=key_file).start()
    try:
        out = io.StringIO()
        code = main([*rendered_job["args"], "--api-server", server.url, "--token-file", str(pki["dir"] / "token"),
                     "--ca-file", str(pki["dir"] / "api-ca.crt")], out=out)
    finally:
        server.stop()
    output = out.getvalue() + capsys.readouterr().err
    assert code == 1, output
    assert f"GET Secret kcp-zheng/kcp-admin-frontproxy: TLS verification of {server.url} {expected}" in output
    assert "Traceback" not in output
