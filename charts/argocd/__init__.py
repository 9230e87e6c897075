"""Argo CD objects each cluster applies to itself: what syncs `dist/<cluster>/`."""

from ._chart import ArgoCdChart

__all__ = ["ArgoCdChart"]
