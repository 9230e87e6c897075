"""The topology's `overrides`, applied to the rendered documents after everything else is rendered.

The format (targets, RFC 6902 `patch`, RFC 7386 `merge`) and its static checks live in
`kcpgitops/topology/_overrides.py`; this package finds each target's documents, patches them with the `jsonpatch` and
`json-merge-patch` libraries, refuses what an override must not do, and validates the patched documents strictly.
"""

from ._apply import apply_overrides

__all__ = ["apply_overrides"]
