"""Topology fields that still work but have a replacement: reported at render time, next to the placeholders."""

from __future__ import annotations

from dataclasses import dataclass

from ._images import DEPRECATED_FIELDS, deprecated_image_advice, deprecated_reference
from ._models import Topology


@dataclass(frozen=True)
class Deprecation:
    """One deprecated field a topology still uses."""

    field: str
    """Topology path as written in the file, e.g. `clusters[1].git.bridgePath`."""
    replacement: str
    """The field to write instead, e.g. `clusters[1].git.bridge.path`."""
    how: str = "same meaning"
    """How the value carries over to `replacement`; default `same meaning` (move it as it is)."""

    def describe(self) -> str:
        """`<field> is deprecated: ...`, the line `synth` prints after `warning:`."""
        return (f"{self.field} is deprecated: move its value to {self.replacement} ({self.how}) and remove "
                f"{self.field.rpartition('.')[2]}")


def deprecations(model: Topology) -> list[Deprecation]:
    """Every deprecated field `model` was written with, in file order."""
    found = []
    for index, cluster in enumerate(model.clusters):
        # GitSource folds bridgePath into bridge.path while validating, keeping the original to tell it was used.
        if cluster.git.bridge_path is not None:
            found.append(Deprecation(f"clusters[{index}].git.bridgePath", f"clusters[{index}].git.bridge.path"))
    # FrontProxy folds serviceAnnotations into loadBalancer.annotations the same way.
    if model.front_proxy.service_annotations is not None:
        found.append(Deprecation("frontProxy.serviceAnnotations", "frontProxy.loadBalancer.annotations"))
    # The job images' full references predate the `images:` block; job_image() uses one only while `images:` leaves
    # that image to its defaults, and the model refuses the two written differently.
    for job, field in DEPRECATED_FIELDS.items():
        reference = deprecated_reference(model.bridge, model.kcp, job)
        if reference is not None:
            found.append(Deprecation(field, "images", f"write it as {deprecated_image_advice(reference, job)}"))
    return found
