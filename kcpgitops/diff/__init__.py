"""`make diff`: a dyff-style Markdown summary of what a change does to the rendered manifests, per cluster."""

from ._compare import ClusterDiff, ResourceDiff, TreeDiff, diff_documents, diff_files
from ._markdown import to_markdown

__all__ = ["ClusterDiff", "ResourceDiff", "TreeDiff", "diff_documents", "diff_files", "to_markdown"]
