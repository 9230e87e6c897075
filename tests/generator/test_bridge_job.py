"""The bridge CronJob on the root cluster: least privilege, hardened pod, a config the bridge itself accepts."""

from __future__ import annotations

from pathlib import Path

import yaml

from kcpgitops.output import key_of

FIXTURES = Path(__file__).parent / "fixtures"


def _objects(default_render) -> dict:
    return {(d["kind"], d["metadata"]["name"]): d for d in default_render.manifests["cluster-1"]}


def test_bridge_role_only_gets_named_objects(default_render):
    role = _objects(default_render)[("Role", "kcp-bridge")]
    for rule in role["rules"]:
        assert rule["verbs"] == ["get"]
        assert rule["resourceNames"], rule
    secrets = next(r for r in role["rules"] if r["resources"] == ["secrets"])["resourceNames"]
    assert {"alpha-bundle", "beta-bundle", "alpha-mounts-proxy", "root-service-account"} <= set(secrets)
    assert "etcd-ca-tls" not in secrets


def test_bridge_pod_is_hardened(default_render):
    cron = _objects(default_render)[("CronJob", "kcp-bridge")]
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    (container,) = pod["containers"]
    ctx = container["securityContext"]
    assert ctx["readOnlyRootFilesystem"] is True and ctx["allowPrivilegeEscalation"] is False
    assert ctx["capabilities"] == {"drop": ["ALL"]}
    assert set(container["resources"]) == {"requests", "limits"}


def test_bridge_credentials_are_referenced_never_rendered(default_render):
    objects = _objects(default_render)
    pod = objects[("CronJob", "kcp-bridge")]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    secret_volumes = {v["secret"]["secretName"] for v in pod["volumes"] if "secret" in v}
    assert secret_volumes == {"kcp-bridge-git", "kcp-bridge-hmac"}
    assert not any(kind == "Secret" and name in secret_volumes for kind, name in objects)


def test_bridge_config_is_accepted_by_the_bridge_and_skips_locally_issued_secrets(default_render, tmp_path):
    from bridge._config import load_config

    config_map = _objects(default_render)[("ConfigMap", "kcp-bridge-config")]
    for name, text in config_map["data"].items():
        (tmp_path / name).write_text(text)
    config = load_config(path=tmp_path / "config.yaml")
    assert [(t.shard, t.cluster, t.path) for t in config.targets] == [("alpha", "cluster-2", "sealed/cluster-2"), ("beta", "cluster-3", "sealed/cluster-3")]
    for target in config.targets:
        assert target.certificate.is_file()
        assert "etcd-ca-tls" in target.exclude_references


def test_no_bridge_without_remote_shards():
    from kcpgitops.render import render
    from kcpgitops.topology import parse_topology

    topology = parse_topology(yaml.safe_dump({"clusters": [{"name": "one"}], "rootShard": {"name": "root", "cluster": "one"},
                                              "shards": [{"name": "local", "cluster": "one"}]}))
    assert not any(key_of(d).name.startswith("kcp-bridge") for d in render(topology).manifests["one"])
