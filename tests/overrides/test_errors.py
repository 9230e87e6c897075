"""A bad override gets one line naming `overrides[N]` and its target, exit status 1, and nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kcpgitops.cli import synth

ROOT = Path(__file__).resolve().parents[2]
BAD = Path(__file__).parent / "fixtures" / "bad"

EXPECTED = {
    "no-match.yaml": ("overrides[1] {cluster: cluster-1, kind: Etcd, name: rooot}",
                      "matches no rendered object in dist/cluster-1/ and argocd/cluster-1/; its Etcd objects are: kcp-zheng/root"),
    "failing-patch.yaml": ("overrides[1] {cluster: cluster-1, kind: RootShard, name: root}",
                           "dist/cluster-1/kcp-zheng/rootshard.operator.kcp.io_root.yaml: patch[0] (remove /spec/noSuchField): "
                           "/spec/noSuchField does not exist in the object"),
    "failing-test.yaml": ('overrides[1] {cluster: "*", kind: Etcd}',
                          "patch[0] (test /spec/replicas): the test failed: the value there differs or is missing; nothing was "
                          "patched (and on 2 more of its 3 matched objects)"),
    "schema-violation.yaml": ("overrides[1] {cluster: cluster-2, kind: Etcd}",
                              "dist/cluster-2/kcp-zheng/etcd.druid.gardener.cloud_alpha.yaml: the patched object no longer "
                              "validates strictly against its schema: spec.replicas:"),
    "secret-data.yaml": ("overrides[1] {cluster: cluster-1, kind: Secret, name: letsencrypt-ca}",
                         "it adds or changes the Secret's stringData; an override may not put plain-text Secret data into Git"),
    "identity-change.yaml": ('overrides[1] {workspace: "root:provider", kind: APIExport, name: cowboys}',
                             "dist/kcp/root/provider/apiexport.apis.kcp.io_cowboys.yaml: it changes metadata.name; an override "
                             "may not change apiVersion, kind, metadata.name or metadata.namespace"),
    "unknown-cluster.yaml": ("overrides[1].target.cluster", "cluster 'cluster-9' is not declared"),
}
"""Fixture -> (the start of its one error line after the file name, words that must follow)."""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_override_exits_non_zero_names_it_and_writes_nothing(name, previous_output, capsys):
    trees, unchanged = previous_output
    assert synth(topology=BAD / name, repo_root=trees["dist"].parent, **trees) == 1
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if "overrides[" in line]
    assert len(problems) == 1, err
    start, words = EXPECTED[name]
    assert problems[0].startswith(f"{BAD / name}: {start}: ") and words in problems[0]
    assert "error: invalid topology" in err and "overrides[0]" not in err  # the good override before it is fine
    assert "hunter2" not in err  # secret-data.yaml's refused plain-text value
    unchanged()


def test_main_py_exits_1_without_a_traceback_on_a_failing_patch(previous_output):
    trees, unchanged = previous_output
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env={"KCP_TOPOLOGY": str(BAD / "failing-patch.yaml"), "CDK8S_OUTDIR": str(trees["dist"]),
             "KCP_ARGOCD_OUTDIR": str(trees["argocd"]), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "overrides[1] {cluster: cluster-1, kind: RootShard, name: root}" in result.stderr
    unchanged()


def test_schema_problems_of_a_secret_never_quote_its_values():
    # Reached only through an override that keeps data and stringData (any other is refused first), so no fixture
    # render can show it: the validator alone, on a Secret whose data fails the core schema.
    from kcpgitops.overrides._schema import PatchedValidator

    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "kcp-zheng"},
              "data": {"password": 4815162342}}
    problems = PatchedValidator().problems(secret, "dist/cluster-1/kcp-zheng/secret.core_s.yaml")
    assert problems == ["data.password: does not match the schema"]
    config_map = {**secret, "kind": "ConfigMap"}  # the same failure elsewhere keeps jsonschema's message
    assert "4815162342" in " ".join(PatchedValidator().problems(config_map, "dist/cluster-1/kcp-zheng/configmap.core_s.yaml"))
