"""Fixtures for the bridge tests: throwaway PKI (session) and a started harness per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bridge_testkit import pki as pki_mod
from bridge_testkit.harness import Harness, Pki


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A test CA with a loopback serving certificate, and one sealing key pair per shard cluster."""
    directory = tmp_path_factory.mktemp("pki")
    ca = pki_mod.ca()
    ca_file, _ = ca.write(directory=directory, stem="ca")
    server_cert, server_key = pki_mod.server_cert(issuer=ca).write(directory=directory, stem="server")
    sealing = {cluster: pki_mod.sealing_cert(common_name=f"sealed-secret-{cluster}") for cluster in ("cluster-2", "cluster-3")}
    files = {cluster: pair.write(directory=directory, stem=f"sealing-{cluster}")[0] for cluster, pair in sealing.items()}
    return Pki(
        ca_file=ca_file, server_cert=server_cert, server_key=server_key, sealing=sealing, sealing_files=files,
        expired=pki_mod.expired_sealing_cert(key=sealing["cluster-2"].key), ca=ca,
    )  # fmt: skip


@pytest.fixture
def harness(tmp_path: Path, pki: Pki) -> Iterator[Harness]:
    """Fake cluster 1 (alpha and beta bundles), a Git server with the GitOps repo, and a bridge config."""
    h = Harness(tmp=tmp_path, pki=pki)
    try:
        yield h
    finally:
        h.stop()


@pytest.fixture(autouse=True)
def short_push_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rejected push waits 0.5 s and more before its retry (bridge/_git.py): what the tests check is the retry,
    not the wait, so in-process runs wait 10 ms instead (a bridge started as a process keeps the real backoff)."""
    import bridge._git

    monkeypatch.setattr(bridge._git, "_BACKOFF_BASE", 0.01)
