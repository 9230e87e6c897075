"""Topology fields that still work but have a replacement: reported at render time, next to the placeholders."""

from __future__ import annotations

from dataclasses import dataclass

from ._models import Topology


@dataclass(frozen=True)
class Deprecation:
    """One deprecated field a topology still uses."""

    field: str
    """Topology path as written in the file, e.g. `clusters[1].git.bridgePath`."""
    replacement: str
    """The field to write instead, e.g. `clusters[1].git.bridge.path`."""

    def describe(self) -> str:
        """`<field> is deprecated: ...`, the line `synth` prints after `warning:`."""
        return (f"{self.field} is deprecated: move its value to {self.replacement} (same meaning) and remove "
                f"{self.field.rpartition('.')[2]}")


def deprecations(model: Topology) -> list[Deprecation]:
    """Every deprecated field `model` was written with, in file order."""
    found = []
    for index, cluster in enumerate(model.clusters):
        # GitSource folds bridgePath into bridge.path while validating, keeping the original to tell it was used.
        if cluster.git.bridge_path is not None:
            found.append(Deprecation(f"clusters[{index}].git.bridgePath", f"clusters[{index}].git.bridge.path"))
    return found
