"""Offline strict validation of rendered manifests against schemas in kubeconform's layout."""

from kcpgitops.schemas._build import DEFAULT_CRD_DIRS, DEFAULT_KUBERNETES_VERSION, build_schema_dir
from kcpgitops.schemas._crd import convert_crd, crd_documents
from kcpgitops.schemas._kubeconform import kubeconform_command
from kcpgitops.schemas._validate import Finding, Report, check_paths, validate_paths

__all__ = [
    "DEFAULT_CRD_DIRS",
    "DEFAULT_KUBERNETES_VERSION",
    "Finding",
    "Report",
    "build_schema_dir",
    "check_paths",
    "convert_crd",
    "crd_documents",
    "kubeconform_command",
    "validate_paths",
]
