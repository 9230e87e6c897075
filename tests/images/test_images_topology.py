"""The topology's `images:` block: the one reference each job's CronJob pulls, and the deprecated fields it replaces."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kcpgitops.bootstrap import bootstrap_steps
from kcpgitops.topology import TopologyError, deprecations, job_image, project_version

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
BRIDGE_DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
WS_DIGEST = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"


def _cronjob_images(rendered) -> dict[str, str]:
    documents = [d for docs in (*rendered.manifests.values(), *rendered.applications.values()) for d in docs]
    return {d["metadata"]["name"]: d["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["image"]
            for d in documents if d.get("kind") == "CronJob"}


# -- the default tag --------------------------------------------------------------------------------------------------


def test_tag_defaults_to_the_project_version_from_pyproject(default_topology):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert project_version() == version
    assert job_image(default_topology, "bridge").reference == f"ghcr.io/example/kcp-zheng-bridge:{version}"
    assert job_image(default_topology, "workspaceClusters").reference == f"ghcr.io/example/kcp-zheng-workspace-clusters:{version}"
    assert project_version(FIXTURES / "pyproject-2.3.4.toml") == "2.3.4"


def test_tag_defaults_to_the_project_version_refuses_a_version_that_is_no_tag():
    with pytest.raises(ValueError, match=r"\[project\].version '1\.0\+local/x' is not a valid image tag"):
        project_version(FIXTURES / "pyproject-not-a-tag.toml")


# -- references -------------------------------------------------------------------------------------------------------


def test_reference_is_registry_repository_and_tag(topology_with):
    topology = topology_with("images-block.yaml")
    bridge, ws = job_image(topology, "bridge"), job_image(topology, "workspaceClusters")
    assert bridge.reference == bridge.build_tag == "ghcr.io/acme-platform/kcp/bridge:2.0.1"
    assert ws.reference == "ghcr.io/acme-platform/kcp-zheng-workspace-clusters:2.0.1"
    assert bridge.fields == ("images.registry", "images.bridge", "images.tag")
    assert ws.fields == ("images.registry", "images.tag")


def test_reference_with_digest_is_repository_at_digest_when_the_tag_is_the_default(topology_with):
    topology = topology_with("images-digests.yaml")
    bridge, ws = job_image(topology, "bridge"), job_image(topology, "workspaceClusters")
    assert bridge.reference == f"ghcr.io/acme-platform/kcp-zheng-bridge@{BRIDGE_DIGEST}"
    assert ws.reference == f"ghcr.io/acme-platform/kcp-zheng-workspace-clusters@{WS_DIGEST}"
    # A digest is what a push produces; the build is tagged with the project version.
    assert bridge.build_tag == f"ghcr.io/acme-platform/kcp-zheng-bridge:{project_version()}"


def test_reference_with_digest_keeps_a_written_tag(topology_with):
    topology = topology_with("images-digests-and-tag.yaml")
    assert job_image(topology, "bridge").reference == f"ghcr.io/acme-platform/kcp-zheng-bridge:2.0.1@{BRIDGE_DIGEST}"
    assert job_image(topology, "bridge").build_tag == "ghcr.io/acme-platform/kcp-zheng-bridge:2.0.1"
    assert job_image(topology, "workspaceClusters").reference == "ghcr.io/acme-platform/kcp-zheng-workspace-clusters:2.0.1"


def test_charts_render_the_resolved_references(topology_with):
    from kcpgitops.render import render

    topology = topology_with("images-digests-and-tag.yaml")
    images = _cronjob_images(render(topology, topology_path=ROOT / "topology.yaml"))
    assert images == {"kcp-bridge": job_image(topology, "bridge").reference,
                      "kcp-ws-clusters": job_image(topology, "workspaceClusters").reference}


# -- the deprecated full references -----------------------------------------------------------------------------------


def test_deprecated_image_fields_still_decide_and_warn_naming_images(topology_with):
    topology = topology_with("deprecated-image-fields.yaml")
    assert job_image(topology, "bridge").reference == "registry.acme.io/platform/kcp-bridge:1.2.3"
    assert job_image(topology, "bridge").fields == ("bridge.image",)
    assert job_image(topology, "workspaceClusters").reference == f"registry.acme.io/platform/ws-clusters@{BRIDGE_DIGEST}"
    # The build tag of a reference without a tag is the project version.
    assert job_image(topology, "workspaceClusters").build_tag == f"registry.acme.io/platform/ws-clusters:{project_version()}"
    lines = [d.describe() for d in deprecations(topology)]
    assert lines == [
        "bridge.image is deprecated: move its value to images (write it as images: {registry: registry.acme.io/platform, "
        "bridge: kcp-bridge, tag: \"1.2.3\"}) and remove image",
        "kcp.clusterSecrets.image is deprecated: move its value to images (write it as images: {registry: "
        f"registry.acme.io/platform, workspaceClusters: ws-clusters, workspaceClustersDigest: {BRIDGE_DIGEST}}}) and remove image",
    ]


def test_deprecated_image_fields_warn_only_when_written(default_topology):
    assert not [d for d in deprecations(default_topology) if d.replacement == "images"]


def test_deprecated_image_fields_agreeing_with_images_are_accepted_with_the_warning(topology_with):
    topology = topology_with("deprecated-and-images-agree.yaml")
    assert job_image(topology, "bridge").reference == "registry.acme.io/platform/kcp-bridge:1.2.3"
    assert job_image(topology, "bridge").fields == ("images.registry", "images.bridge", "images.tag")
    assert [d.field for d in deprecations(topology)] == ["bridge.image"]


def test_deprecated_image_fields_decide_while_images_leaves_that_image_to_its_defaults(topology_with):
    topology = topology_with("deprecated-and-images-other-image.yaml")
    assert job_image(topology, "bridge").reference == "registry.acme.io/platform/kcp-bridge:1.2.3"
    assert job_image(topology, "workspaceClusters").reference == f"ghcr.io/example/ws-clusters:{project_version()}"


def test_deprecated_image_fields_disagreeing_with_images_is_an_error_naming_both(topology_with):
    with pytest.raises(TopologyError) as caught:
        topology_with("deprecated-image-fields.yaml", "images-block.yaml")
    (problem,) = caught.value.problems  # the first disagreement found (the bridge) stops the images block's check
    assert problem.startswith("images: bridge.image ('registry.acme.io/platform/kcp-bridge:1.2.3') and images.registry, "
                              "images.bridge, images.tag (giving 'ghcr.io/acme-platform/kcp/bridge:2.0.1') name different images")
    assert "remove bridge.image (deprecated)" in problem


# -- the bootstrap step -----------------------------------------------------------------------------------------------


def _build_step(topology):
    return next(s for s in bootstrap_steps(topology, topology.root_shard.cluster) if s.action == "build-images")


def test_bootstrap_build_step_names_the_resolved_references_and_make_images(topology_with):
    topology = topology_with("images-block.yaml")
    step = _build_step(topology)
    assert step.commands == ("make images   # docker, podman or buildah, whichever is on PATH first; DRY_RUN=1 prints the commands",
                             "docker push ghcr.io/acme-platform/kcp/bridge:2.0.1",
                             "docker push ghcr.io/acme-platform/kcp-zheng-workspace-clusters:2.0.1")
    assert step.notes[0].startswith("CronJob `kcp-zheng/kcp-bridge` pulls `ghcr.io/acme-platform/kcp/bridge:2.0.1` and "
                                    "CronJob `argocd/kcp-ws-clusters` pulls `ghcr.io/acme-platform/kcp-zheng-workspace-clusters:2.0.1`")
    # A registry of one's own is no placeholder.
    assert not any("placeholder image registry" in note for note in step.notes)


def test_bootstrap_build_step_names_the_resolved_references_and_pushes_digest_pinned_images_by_tag(topology_with):
    step = _build_step(topology_with("images-digests-and-tag.yaml"))
    assert "docker push ghcr.io/acme-platform/kcp-zheng-bridge:2.0.1" in step.commands
    assert step.params.images[0].image == f"ghcr.io/acme-platform/kcp-zheng-bridge:2.0.1@{BRIDGE_DIGEST}"
    assert any("pins `ghcr.io/acme-platform/kcp-zheng-bridge:2.0.1` by digest" in note for note in step.notes)


def test_bootstrap_build_step_names_the_resolved_references_and_the_placeholder_registry(default_topology):
    notes = _build_step(default_topology).notes
    assert any(note.startswith("**The topology still names a placeholder image registry**: set `images.registry` to")
               for note in notes)


def test_bootstrap_build_step_names_the_resolved_references_and_the_deprecated_field_that_holds_a_placeholder(topology_with):
    step = _build_step(topology_with("deprecated-placeholder-image.yaml"))
    assert "docker push ghcr.io/example/old-bridge:1" in step.commands
    (note,) = [n for n in step.notes if "placeholder image registry" in n]
    assert note.startswith("**The topology still names a placeholder image registry**: set `bridge.image` and `images.registry` to")
    assert note.endswith("(`bridge.image` is deprecated: better remove it and set `images.registry`.)")
