"""Placeholders (reserved example names) are reported per field at render time; KCP_STRICT=1 refuses to render them."""

from __future__ import annotations

import ast
import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kcpgitops.cli import synth
from kcpgitops.topology import is_reserved_host, parse_topology, placeholders, strict_mode

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = yaml.safe_load((ROOT / "topology.yaml").read_text(encoding="utf-8"))


def _real_email() -> str:
    # The rehearsal's person writes this address over the placeholder ACME e-mails; it must not count as one itself.
    # Read from the source (the rehearsal's modules are private, so not imported).
    tree = ast.parse((ROOT / "kcpgitops" / "rehearsal" / "_person.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "REAL_EMAIL" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("REAL_EMAIL not found in kcpgitops/rehearsal/_person.py")


REAL_EMAIL = _real_email()
REAL_DOMAIN = REAL_EMAIL.rpartition("@")[2]


def _real_values() -> dict:
    """The default topology with every placeholder replaced by a value a real deployment could hold."""
    data = copy.deepcopy(DEFAULT)
    data["domain"] = f"kcp.{REAL_DOMAIN}"
    for cluster in data["clusters"]:
        cluster["git"]["repoURL"] = f"https://git.{REAL_DOMAIN}/kcp/kcp-zheng-gitops.git"
    data["frontProxy"]["acme"]["email"] = REAL_EMAIL
    data["frontProxy"]["acme"]["cloudflare"]["email"] = REAL_EMAIL
    data["oidc"]["issuerURL"] = f"https://auth.{REAL_DOMAIN}"
    data["images"] = {"registry": f"registry.{REAL_DOMAIN}/kcp"}
    return data


def _found(data: dict) -> list[tuple[str, str]]:
    return [(p.field, p.value) for p in placeholders(parse_topology(yaml.safe_dump(data)))]


def _set(data: dict, path: str, value: object) -> dict:
    """`data` with the dotted path (list indices as `[n]`) set to `value`."""
    node = data
    *parents, leaf = path.replace("[", ".").replace("]", "").split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    node[leaf] = value
    return data


# -- what is reported ---------------------------------------------------------------------------------------------


def test_default_topology_placeholders_are_each_reported_with_their_field():
    assert _found(DEFAULT) == [
        ("clusters[0].git.repoURL", "https://git.example.com/kcp/kcp-zheng-gitops.git"),
        ("clusters[1].git.repoURL", "https://git.example.com/kcp/kcp-zheng-gitops.git"),
        ("clusters[2].git.repoURL", "https://git.example.com/kcp/kcp-zheng-gitops.git"),
        ("domain", "zheng.example.io"),
        ("frontProxy.acme.cloudflare.email", "email@example.com"),
        ("frontProxy.acme.email", "email@example.com"),
        ("images.registry", "ghcr.io/example"),
        ("oidc.issuerURL", "https://auth.example.com"),
    ]


def test_each_placeholder_names_what_to_set():
    for placeholder in placeholders(parse_topology(yaml.safe_dump(DEFAULT))):
        assert placeholder.fix and placeholder.fix.startswith(("set", "build")), placeholder
        assert placeholder.describe() == f"{placeholder.field} is a placeholder ({placeholder.value}): {placeholder.fix}"


def test_topology_with_real_values_reports_no_placeholders():
    assert _found(_real_values()) == []


def test_rehearsal_real_email_is_not_a_placeholder():
    # The person replaces only the ACME e-mails (what Let's Encrypt refuses): those two must then be gone.
    data = _set(_set(copy.deepcopy(DEFAULT), "frontProxy.acme.email", REAL_EMAIL), "frontProxy.acme.cloudflare.email", REAL_EMAIL)
    assert not is_reserved_host(REAL_DOMAIN)
    assert not any(field.startswith("frontProxy.acme") for field, _ in _found(data))


@pytest.mark.parametrize("host", [
    "example.com", "git.example.com", "EXAMPLE.COM", "git.example.com.",
    "example.net", "a.b.example.net", "example.org", "auth.example.org",
    "corp.example", "git.corp.invalid", "registry.test", "localhost", "registry.localhost",
    "zheng.example.io", "api.zheng.example.io",
])
def test_each_reserved_name_form_is_caught(host):
    assert is_reserved_host(host)
    assert ("clusters[0].git.repoURL", f"https://{host}/kcp/gitops.git") in _found(
        _set(_real_values(), "clusters[0].git.repoURL", f"https://{host}/kcp/gitops.git"))


@pytest.mark.parametrize("host", [
    "example.io", "myexample.com", "example.com.au", "examples.org", "test.io", "invalid.dev", "localhost.run",
    "other.example.io", REAL_DOMAIN,
])
def test_real_names_that_merely_look_reserved_are_not_caught(host):
    assert not is_reserved_host(host)


FIELDS = {
    # field path -> a placeholder value for it; each field that can hold a host, URL, e-mail or image
    "domain": "corp.example",
    "frontProxy.hostname": "api.example.com",
    "rootShard.hostname": "root.zheng.example.io",
    "shards[1].hostname": "beta.test",
    "clusters[2].git.repoURL": "ssh://git@git.example.org:22/kcp/gitops.git",
    "clusters[1].git.repoURL": "git@git.example.net:kcp/gitops.git",
    "clusters[1].git.bridge.repoURL": "https://git.example.com/kcp/sealed.git",
    "frontProxy.acme.email": "ops@example.org",
    "frontProxy.acme.cloudflare.email": "dns@corp.test",
    "frontProxy.acme.server": "https://acme.localhost/directory",
    "oidc.issuerURL": "https://sso.example.com/realms/kcp",
    "versions.kcpImage": "registry.example.com:5000/kcp-dev/kcp",
    "images.registry": "registry.example.com:5000/kcp",
    "bridge.authorEmail": "kcp-bridge@example.com",
}


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_field_that_can_hold_a_placeholder_is_checked(field):
    assert _found(_set(_real_values(), field, FIELDS[field])) == [(field, FIELDS[field])]


@pytest.mark.parametrize(("field", "value"), [("bridge.image", "ghcr.io/example/kcp-zheng-bridge:0.2.0"),
                                              ("kcp.clusterSecrets.image", "example/workspace-clusters:1")])
def test_deprecated_image_field_holding_a_placeholder_is_reported_there(field, value):
    data = _real_values()
    # The deprecated fields decide only while `images:` leaves their image to its defaults.
    del data["images"]
    data.setdefault("bridge", {})["image"] = f"registry.{REAL_DOMAIN}/kcp/kcp-zheng-bridge:0.1.0"
    data["kcp"]["clusterSecrets"] = {"image": f"registry.{REAL_DOMAIN}/kcp/kcp-zheng-workspace-clusters:0.1.0"}
    assert _found(_set(data, field, value)) == [(field, value)]


def test_service_annotation_naming_a_reserved_host_is_reported():
    key = "external-dns.alpha.kubernetes.io/hostname"
    data = _set(_real_values(), "frontProxy.serviceAnnotations", {key: f"api.{REAL_DOMAIN},api.example.com", "x": "nlb"})
    assert _found(data) == [(f'frontProxy.serviceAnnotations["{key}"]', f"api.{REAL_DOMAIN},api.example.com")]


@pytest.mark.parametrize("image", ["localhost:5000/kcp", "registry.test/kcp-dev/kcp:v1", "docker.io/example/kcp"])
def test_image_on_a_reserved_registry_or_example_account_is_caught(image):
    assert _found(_set(_real_values(), "versions.kcpImage", image)) == [("versions.kcpImage", image)]


@pytest.mark.parametrize("image", ["ghcr.io/kcp-dev/kcp", "kcp-dev/kcp", "quay.io/examples/kcp", f"registry.{REAL_DOMAIN}/example-team/kcp"])
def test_image_on_a_real_registry_is_not_caught(image):
    assert _found(_set(_real_values(), "versions.kcpImage", image)) == []


@pytest.mark.parametrize("email", ["kcp-bridge@example.invalid", "bot@ci.invalid"])
def test_bridge_author_email_under_invalid_is_not_reported(email):
    assert _found(_set(_real_values(), "bridge.authorEmail", email)) == []


def test_invalid_is_still_a_placeholder_outside_the_bridge_author_email():
    assert _found(_set(_real_values(), "frontProxy.acme.email", "ops@example.invalid")) == [
        ("frontProxy.acme.email", "ops@example.invalid")]


def test_fields_that_render_nothing_are_not_reported():
    data = _set(copy.deepcopy(DEFAULT), "frontProxy.certificate", "kcp-ca")  # no ClusterIssuer: the e-mails go nowhere
    data["oidc"] = None
    data["shards"] = [{"name": s["name"], "cluster": "cluster-1"} for s in data["shards"]]  # no remote shard: no bridge
    data["kcp"] = None  # no workspace-clusters job
    assert [f for f, _ in _found(data)] == ["clusters[0].git.repoURL", "clusters[1].git.repoURL",
                                           "clusters[2].git.repoURL", "domain"]


def test_placeholders_are_ordered_by_field_path():
    data = _real_values()
    data["clusters"] = [{"name": f"c{i}", "git": {"repoURL": "https://git.example.com/r.git"}} for i in range(12)]
    data.update(rootShard={"name": "root", "cluster": "c0"}, shards=[], kcp=None, domain="zheng.example.io")
    fields = [f for f, _ in _found(data)]
    assert fields == [f"clusters[{i}].git.repoURL" for i in range(12)] + ["domain"]


def test_url_password_is_never_shown():
    data = _set(_real_values(), "oidc.issuerURL", "https://alice:hunter2@auth.example.com/realm")
    assert _found(data) == [("oidc.issuerURL", "https://alice:***@auth.example.com/realm")]


# -- KCP_STRICT ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "Yes", " yes "])
def test_kcp_strict_on_values(value):
    assert strict_mode({"KCP_STRICT": value}) is True


@pytest.mark.parametrize("env", [{}, {"KCP_STRICT": ""}, {"KCP_STRICT": "0"}, {"KCP_STRICT": "false"}, {"KCP_STRICT": "No"}])
def test_kcp_strict_off_values(env):
    assert strict_mode(env) is False


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "topology.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_strict_mode_refuses_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KCP_STRICT", "1")
    topology = _write(tmp_path, DEFAULT)
    out = tmp_path / "out"
    assert synth(topology=topology, dist=out / "dist", argocd=out / "argocd", repo_root=out) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    expected = [f"error: {f} is a placeholder ({v}):" for f, v in _found(DEFAULT)]
    assert [line.split("): ")[0] + "):" for line in lines[:-1]] == expected
    assert "unset KCP_STRICT" in lines[-1] and "8 placeholder(s)" in lines[-1]
    assert "warning:" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["topology.yaml"]


def test_strict_mode_renders_a_topology_without_placeholders(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KCP_STRICT", "1")
    trees = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    assert synth(topology=_write(tmp_path, _real_values()), **trees) == 0
    assert capsys.readouterr().err == ""
    assert (trees["dist"] / "cluster-1").is_dir() and (trees["argocd"] / "cluster-1").is_dir()


def test_warnings_go_to_stderr_and_the_render_still_succeeds(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KCP_STRICT", raising=False)
    trees = {"dist": tmp_path / "dist", "argocd": tmp_path / "argocd"}
    assert synth(topology=ROOT / "topology.yaml", repo_root=tmp_path, **trees) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert [line.split(" is a placeholder")[0] for line in captured.err.splitlines()] == [
        f"warning: {f}" for f, _ in _found(DEFAULT)]
    assert (trees["dist"] / "cluster-1").is_dir() and (trees["argocd"] / "cluster-1").is_dir()


@pytest.mark.parametrize("value", ["maybe", "2", "on"])
def test_bad_kcp_strict_value_is_refused(tmp_path, monkeypatch, capsys, value):
    monkeypatch.setenv("KCP_STRICT", value)
    with pytest.raises(ValueError, match=f"KCP_STRICT='{value}' is not understood.*KCP_STRICT=1"):
        strict_mode()
    out = tmp_path / "out"
    # Refused even when nothing is a placeholder: a typo must not switch a CI gate off unnoticed.
    assert synth(topology=_write(tmp_path, _real_values()), dist=out / "dist", argocd=out / "argocd", repo_root=out) == 1
    assert capsys.readouterr().err.startswith(f"error: KCP_STRICT='{value}' is not understood")
    assert not out.exists()


def test_cdk8s_entry_point_refuses_placeholders_under_kcp_strict(tmp_path):
    # main.py is what `cdk8s synth` runs (cdk8s.yaml `app`), and the CLI passes its environment on.
    topology = _write(tmp_path, DEFAULT)
    dist, argocd = tmp_path / "dist", tmp_path / "argocd"
    (dist / "cluster-1").mkdir(parents=True)
    marker = dist / "cluster-1" / "previous.yaml"
    marker.write_text("previous: output\n")
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env={"KCP_STRICT": "1", "KCP_TOPOLOGY": str(topology), "CDK8S_OUTDIR": str(dist), "KCP_ARGOCD_OUTDIR": str(argocd),
             "PATH": os.environ["PATH"], "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "error: frontProxy.acme.email is a placeholder (email@example.com)" in result.stderr
    assert "unset KCP_STRICT" in result.stderr
    assert marker.read_text() == "previous: output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "topology.yaml"]
    assert sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*")) == ["cluster-1", "cluster-1/previous.yaml"]
