"""Work the rehearsal does once and shares: RSA keys from a prime pool, renders between worker processes, a world's
first commit, Lua verdicts and JSON fingerprints of stored objects, the sealing certificate of a key at a time, and
Argo CD's manifests stored without a copy.

Each sharing rule is checked both ways: what may be shared is, and what differs (another key, another certificate,
another object version, a vanished pack) is computed again.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from kcpgitops.rehearsal import _health, _repo
from kcpgitops.rehearsal._api import ClusterApi, stored_json
from kcpgitops.rehearsal._charts import SEALED_SECRETS, PinnedCharts
from kcpgitops.rehearsal._controllers.sealed_secrets import SealedSecretsController
from kcpgitops.rehearsal._controllers.workloads import Workloads
from kcpgitops.rehearsal._git import GitRemote, git_env
from kcpgitops.rehearsal._keys import rsa_private_key
from kcpgitops.rehearsal._repo import COPY_SKIP, WorkingCopy, copy_repository, share_renders
from kcpgitops.rehearsal._world import Fleet

REPO = Path(__file__).resolve().parents[2]
APPLICATION_HEALTH = """hs = {}
if obj.status ~= nil and obj.status.health ~= nil then
  hs.status = obj.status.health.status
else
  hs.status = "Progressing"
end
hs.message = "judged"
return hs
"""


# -- RSA keys ----------------------------------------------------------------------------------------------------


def test_every_rsa_key_has_its_own_modulus_and_verifies_only_its_own_signatures() -> None:
    keys = [rsa_private_key(2048) for _ in range(12)]  # more keys than the first generated primes can pair
    moduli = [key.public_key().public_numbers().n for key in keys]
    assert len(set(moduli)) == len(keys)
    assert all(key.key_size == 2048 and n.bit_length() == 2048 for key, n in zip(keys, moduli, strict=True))
    message = b"the same message"
    signatures = [key.sign(message, padding.PKCS1v15(), hashes.SHA256()) for key in keys]
    for index, key in enumerate(keys):
        key.public_key().verify(signatures[index], message, padding.PKCS1v15(), hashes.SHA256())
        other = signatures[(index + 1) % len(keys)]
        with pytest.raises(InvalidSignature):
            key.public_key().verify(other, message, padding.PKCS1v15(), hashes.SHA256())
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    sealed = keys[-1].public_key().encrypt(b"session key", oaep)
    assert keys[-1].decrypt(sealed, oaep) == b"session key"
    with pytest.raises(ValueError):
        keys[0].decrypt(sealed, oaep)


# -- sealing certificates ----------------------------------------------------------------------------------------


def _sealing_certificate(wait_before_install: float) -> bytes:
    fleet = Fleet()
    cluster = fleet.add_cluster("shared-work-cluster")
    fleet.clock.now += wait_before_install
    for obj in PinnedCharts().render(SEALED_SECRETS.repo_url, "sealed-secrets", "2.18.5", "sealed-secrets", "kube-system",
                                     {"fullnameOverride": "sealed-secrets-controller"}):
        cluster.api.apply(obj, manager="test")
    controller, kubelet = SealedSecretsController(), Workloads()
    for _ in range(6):
        fleet.clock.now += 5.0
        kubelet.reconcile(cluster)
        controller.reconcile(cluster)
    pem = controller.certificate_pem(cluster)
    assert pem is not None
    return pem


def test_the_same_sealing_key_at_the_same_time_gives_the_same_certificate() -> None:
    # The key is the process's for this cluster name and key number; the serial is derived from key and notBefore.
    assert _sealing_certificate(0.0) == _sealing_certificate(0.0)


def test_a_sealing_key_made_at_another_time_gives_another_certificate() -> None:
    assert _sealing_certificate(0.0) != _sealing_certificate(600.0)


# -- renders shared between processes ----------------------------------------------------------------------------


class _FakeRender:
    """Stands in for the generator: counts calls, and renders the certificates it was given into a file."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, topology: object, *, topology_path: Path) -> object:
        self.calls += 1
        certs = sorted(p.name for p in (topology_path.parent / "certs").glob("*.pem"))
        files = {"dist": {Path("cluster-1/certs.txt"): ",".join(certs) + f" render {self.calls}\n"}, "argocd": {}}
        return type("Rendered", (), {"files": lambda self, tree: files[tree]})()


@pytest.fixture
def fake_render(monkeypatch: pytest.MonkeyPatch) -> Iterator[_FakeRender]:
    fake = _FakeRender()
    monkeypatch.setattr("kcpgitops.render.render", fake)
    monkeypatch.setattr(_repo, "_RENDERS", {})
    yield fake
    share_renders(None)


def _tree(where: Path) -> Path:
    where.mkdir(parents=True)
    shutil.copy(REPO / "topology.yaml", where / "topology.yaml")
    shutil.copytree(REPO / "certs", where / "certs")
    return where


def _another_process() -> None:
    _repo._RENDERS.clear()  # a worker process has its own in-memory renders


def test_a_render_with_the_trees_own_certificates_is_shared_with_other_processes(tmp_path: Path, fake_render: _FakeRender) -> None:
    tree = _tree(tmp_path / "tree")
    share_renders(tmp_path / "renders")
    first = WorkingCopy.copy_of(tree, tree / "topology.yaml", tmp_path / "world-1").render()
    _another_process()
    second = WorkingCopy.copy_of(tree, tree / "topology.yaml", tmp_path / "world-2").render()
    assert fake_render.calls == 1, "the second process must read the first one's render"
    assert second == first


def test_a_render_with_fetched_certificates_is_neither_shared_nor_taken_from_another_process(
    tmp_path: Path, fake_render: _FakeRender
) -> None:
    tree = _tree(tmp_path / "tree")
    share_renders(tmp_path / "renders")
    copy = WorkingCopy.copy_of(tree, tree / "topology.yaml", tmp_path / "world-1")
    copy.render()
    shared = sorted((tmp_path / "renders").iterdir())
    copy.write_certificate("cluster-2", b"-----BEGIN CERTIFICATE-----\nfetched\n-----END CERTIFICATE-----\n")
    fetched = copy.render()
    assert fake_render.calls == 2
    assert sorted((tmp_path / "renders").iterdir()) == shared, "a render of this process's own keys was shared"
    _another_process()
    other = WorkingCopy.copy_of(tree, tree / "topology.yaml", tmp_path / "world-2")
    other.write_certificate("cluster-2", b"-----BEGIN CERTIFICATE-----\nfetched\n-----END CERTIFICATE-----\n")
    assert other.render() != fetched and fake_render.calls == 3, "another process must render its own certificates itself"


def test_a_copy_leaves_out_tool_caches_and_keeps_the_rest(tmp_path: Path) -> None:
    source = _tree(tmp_path / "tree")
    for name in (".hypothesis", ".ruff_cache", "docs"):
        (source / name).mkdir()
        (source / name / "file").write_text("x")
    copy_repository(source, tmp_path / "copy")
    assert {".hypothesis", ".ruff_cache"} <= COPY_SKIP
    assert not (tmp_path / "copy" / ".hypothesis").exists() and not (tmp_path / "copy" / ".ruff_cache").exists()
    assert (tmp_path / "copy" / "docs" / "file").read_text() == "x" and (tmp_path / "copy" / "topology.yaml").is_file()


# -- a world's first commit ----------------------------------------------------------------------------------------


def _tree_files() -> dict[str, bytes]:
    # More objects than fast-import unpacks into loose objects (fastimport.unpackLimit, 100): it writes a pack.
    return {f"dist/cluster-{n % 3}/object-{n:03d}.yaml": f"n: {n}\n".encode() for n in range(150)}


def _fsck(remote: GitRemote) -> None:
    subprocess.run(["git", "--git-dir", str(remote.bare), "fsck", "--strict", "--no-progress"], check=True, capture_output=True,
                   env=git_env(remote.directory))


@pytest.fixture
def remotes() -> Iterator[Callable[[Path], GitRemote]]:
    started: list[GitRemote] = []

    def make(directory: Path) -> GitRemote:
        started.append(GitRemote(directory, clock=lambda: 0.0).start())
        return started[-1]

    yield make
    for remote in started:
        remote.stop()


def test_the_same_first_commit_in_another_repository_links_the_packs_of_the_first_import(tmp_path: Path, remotes) -> None:
    first, second = remotes(tmp_path / "a"), remotes(tmp_path / "b")
    head = first.commit(_tree_files(), "the tree under test")
    assert second.commit(_tree_files(), "the tree under test") == head
    packs = sorted((first.bare / "objects" / "pack").glob("*.pack"))
    assert packs and all((second.bare / "objects" / "pack" / p.name).stat().st_ino == p.stat().st_ino for p in packs)
    _fsck(second)
    assert second.files(head, "dist/cluster-1") == first.files(head, "dist/cluster-1")
    later = second.commit({"dist/cluster-1/object-001.yaml": b"n: changed\n"}, "a change")
    assert second.files(later, "dist/cluster-1")["object-001.yaml"] == b"n: changed\n"
    assert first.files(head, "dist/cluster-1")["object-001.yaml"] == b"n: 1\n", "the first repository must not see it"
    _fsck(first)


def test_a_first_commit_whose_packs_are_gone_is_imported_again(tmp_path: Path, remotes) -> None:
    first = remotes(tmp_path / "a")
    head = first.commit(_tree_files(), "the tree under test")
    shutil.rmtree(tmp_path / "a")
    again = remotes(tmp_path / "b")
    assert again.commit(_tree_files(), "the tree under test") == head
    _fsck(again)
    other = remotes(tmp_path / "c")
    assert other.commit(_tree_files(), "another first commit") != head, "another first commit must not reuse the tree's packs"
    _fsck(other)


# -- stored objects ------------------------------------------------------------------------------------------------


def _application(health: str) -> dict:
    return {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "app", "namespace": "argocd"},
            "status": {"health": {"status": health}}}


def test_a_stored_objects_lua_verdict_is_remembered_and_a_new_version_is_judged_again(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[str] = []
    run = _health._run_override

    def counted(script: str, obj: dict) -> _health.Health:
        runs.append(obj["status"]["health"]["status"])
        return run(script, obj)

    monkeypatch.setattr(_health, "_run_override", counted)
    lua = {"argoproj.io_Application": APPLICATION_HEALTH}
    healthy = _application("Healthy")
    assert _health.stored_health(healthy, lua).status == "Healthy"
    assert _health.stored_health(healthy, lua).status == "Healthy"
    assert runs == ["Healthy"]
    degraded = _application("Degraded")  # the next version of the object: a new stored dict
    assert _health.stored_health(degraded, lua).status == "Degraded"
    changed = {"argoproj.io_Application": APPLICATION_HEALTH.replace('"judged"', '"judged again"')}
    assert _health.stored_health(healthy, changed).message == "judged again", "another script must judge again"
    assert runs == ["Healthy", "Degraded", "Healthy"]


def test_a_stored_values_json_is_remembered_and_another_value_is_dumped_again() -> None:
    spec = {"b": 1, "a": [1, {"c": None}]}
    assert stored_json(spec) == '{"a": [1, {"c": null}], "b": 1}'
    assert stored_json(spec) is stored_json(spec)
    assert stored_json({**spec, "b": 2}) == '{"a": [1, {"c": null}], "b": 2}'
    assert stored_json(None) == "null"


def test_a_shared_apply_stores_the_callers_object_without_a_copy_and_never_changes_it() -> None:
    api = ClusterApi(name="shared-apply")
    target = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "default", "labels": {"a": "1"}},
              "data": {"key": "value"}}
    pristine = copy.deepcopy(target)
    stored = api.apply(target, manager="argocd-controller", shared=True)
    assert stored["data"] is target["data"], "a shared apply stores the caller's object below its metadata"
    assert stored["metadata"] is not target["metadata"] and stored["metadata"]["uid"]
    key = ("", "ConfigMap", "default", "settings")
    api.set_status(key, {"observed": True})
    api.patch_metadata(key, labels={"b": "2"}, annotations={"c": "3"})
    api.apply({**target, "data": {"key": "changed"}}, manager="someone-else")
    assert api.peek(key)["data"] == {"key": "changed"} and api.peek(key)["metadata"]["labels"] == {"a": "1"}
    assert target == pristine, "no later write may change an object the API shares"
    copied = api.apply({**pristine, "metadata": {**pristine["metadata"], "name": "copied"}}, manager="test")
    assert copied["data"] is not pristine["data"], "without `shared` the API keeps a copy"
