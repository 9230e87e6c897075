"""kcp's four production patterns from one topology model (issue 13): presets render, validate strictly, pass
`make check`, and each pattern's DNS plan and hand steps are the ones its guide (corrected by its manifests) needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from charts.kcp_inside._argocd import front_proxy_url
from kcpgitops.bootstrap import bootstrap_steps
from kcpgitops.check.cli import main as check_main
from kcpgitops.cli import synth
from kcpgitops.docs import dns_plan, user_created_secrets
from kcpgitops.schemas.cli import main as schemas_main
from kcpgitops.topology import load_topology

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PRESETS = ("kcp-dekker", "kcp-vespucci", "kcp-comer", "kcp-zheng", "mixed")

DNS_PLANS = {
    # kcp-dev/kcp@dac74f5955f1d4c703e87dd5cfecbc9a0a514643:docs/content/setup/production/kcp-dekker.md "DNS Configuration"
    "kcp-dekker": ["api.dekker.example.com"],
    # kcp-vespucci.md "1. Create a DNS Records"
    "kcp-vespucci": ["api.vespucci.example.com", "root.vespucci.example.com", "alpha.vespucci.example.com"],
    # The comer guides omit api-internal, which the manifests' internal FrontProxy and privateHostname need.
    "kcp-comer": ["api.comer.example.com", "api-internal.comer.example.com", "root.comer.example.com", "alpha.comer.example.com"],
    # kcp-zheng.md: api, root, alpha, beta.
    "kcp-zheng": ["api.zheng.example.io", "root.zheng.example.io", "alpha.zheng.example.io", "beta.zheng.example.io"],
    # zheng's records, the internal front-proxy's, and none for the private shard gamma.
    "mixed": ["api.mixed.example.io", "api-internal.mixed.example.io", "root.mixed.example.io", "alpha.mixed.example.io",
              "beta.mixed.example.io"],
}


def _topology(preset: str):
    return load_topology(EXAMPLES / preset / "topology.yaml")


class _Trees:
    """Each preset synthesized to disk when a test first asks for it: a test worker renders only the presets its
    share of the tests reads."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._factory = tmp_path_factory
        self._made: dict[str, Path] = {}

    def __getitem__(self, preset: str) -> Path:
        if preset not in self._made:
            base = self._factory.mktemp(preset)
            assert synth(topology=EXAMPLES / preset / "topology.yaml", dist=base / "dist", argocd=base / "argocd") == 0
            self._made[preset] = base
        return self._made[preset]


@pytest.fixture(scope="module")
def trees(tmp_path_factory) -> _Trees:
    return _Trees(tmp_path_factory)


@pytest.mark.parametrize("preset", PRESETS)
def test_each_pattern_has_its_dns_plan(preset):
    assert [r.hostname for r in dns_plan(_topology(preset))] == DNS_PLANS[preset]


@pytest.mark.parametrize("preset", PRESETS)
def test_each_preset_validates_strictly(trees, preset, capsys):
    assert schemas_main([str(trees[preset] / "dist"), str(trees[preset] / "argocd")]) == 0, capsys.readouterr()


@pytest.mark.parametrize("preset", ["kcp-dekker", "kcp-vespucci", "kcp-comer", "kcp-zheng"])
def test_each_single_repository_preset_passes_make_check(trees, preset, capsys):
    # mixed needs its shard clusters' sealing certificates next to its topology first (its bootstrap steps fetch them).
    argv = [str(trees[preset]), "--topology", str(EXAMPLES / preset / "topology.yaml"), "--repo-root", str(ROOT)]
    assert check_main(argv) == 0, capsys.readouterr()


def test_comer_in_cluster_tools_use_the_internal_front_proxy():
    # Client certificates do not pass the CDN (kcp-comer.md "Important: Certificate Authentication Limitation").
    comer = _topology("kcp-comer")
    assert comer.internal_front_proxy.name == "frontproxy-internal"
    assert front_proxy_url(comer) == "https://api-internal.comer.example.com:6443"
    assert front_proxy_url(_topology("kcp-zheng")) == "https://api.zheng.example.io:6443"


def test_comer_hand_steps_create_the_cdn_ca_bundle_and_configure_the_cdn():
    comer = _topology("kcp-comer")
    steps = bootstrap_steps(comer, "cluster-1")
    titles = [s.title for s in steps]
    assert titles.index("Create Secret `kcp-comer/google-we1-ca`") < titles.index("Apply the bootstrap")
    assert ("cluster-1", "kcp-comer", "google-we1-ca") in {(s.cluster, s.namespace, s.name) for s in user_created_secrets(comer)}
    dns = next(s for s in steps if s.action == "create-dns-records")
    notes = " ".join(dns.notes)
    assert "proxied record" in notes and "origin port to 443" in notes and "kcp-ca.crt" in notes
    verify = next(s for s in steps if s.action == "verify")
    assert "curl -k https://api.comer.example.com:443/healthz" in verify.commands
    assert any("kcp-admin-frontproxy-internal" in c for c in verify.commands)


def test_a_pattern_without_a_cdn_has_no_cdn_step():
    dns = next(s for s in bootstrap_steps(_topology("kcp-vespucci"), "cluster-1") if s.action == "create-dns-records")
    assert "proxied" not in " ".join(dns.notes)


def test_the_root_shard_names_the_private_front_proxy(trees):
    import yaml

    root = yaml.safe_load((trees["kcp-comer"] / "dist" / "cluster-1" / "kcp-comer" / "rootshard.operator.kcp.io_root.yaml").read_text())
    assert root["spec"]["external"] == {"hostname": "api.comer.example.com", "port": 443,
                                        "privateHostname": "api-internal.comer.example.com", "privatePort": 6443}


def test_mixed_converges_in_the_rehearsal(capsys):
    # The single-cluster presets run every applicable scenario in `make rehearse`; mixed (zheng's clusters plus an
    # internal front-proxy and a private shard) must converge from an empty fleet.
    from kcpgitops.rehearsal.cli import main as rehearse

    argv = [str(ROOT), "--render", "--topology", str(EXAMPLES / "mixed" / "topology.yaml"), "--scenario", "fresh-install", "--jobs", "1"]
    assert rehearse(argv) == 0, capsys.readouterr().err
