"""kcp-zheng GitOps: render a topology into per-cluster manifests and the Argo CD objects that sync them."""

__version__ = "0.1.0"
"""Generator version, recorded in every rendered tree (`dist/.render-inputs`). Bump it (together with
`[project].version` in pyproject.toml, which a test keeps equal) whenever the generator's output changes on purpose,
so that a tree rendered by the previous version is refused by `make check` and `make diff` until it is re-rendered."""
