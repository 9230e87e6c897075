"""The kubeconform command line that validates against the generated schema folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kcpgitops.schemas._build import CRDS, DEFAULT_KUBERNETES_VERSION

# kubeconform's NormalizedKubernetesVersion already carries the leading "v" ("v1.33.0").
CORE_LOCATION = "{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json"
CRD_LOCATION = CRDS + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"


def kubeconform_command(
    schema_dir: Path | str,
    paths: Sequence[Path | str],
    *,
    kubernetes_version: str = DEFAULT_KUBERNETES_VERSION,
    executable: str = "kubeconform",
) -> list[str]:
    """Return the kubeconform argv validating paths strictly against schema_dir, offline."""
    base = str(schema_dir).rstrip("/") or "/"
    return [
        executable,
        "-strict",
        "-summary",
        "-schema-location",
        f"{base}/{CORE_LOCATION}",
        "-schema-location",
        f"{base}/{CRD_LOCATION}",
        "-kubernetes-version",
        kubernetes_version,
        *map(str, paths),
    ]
