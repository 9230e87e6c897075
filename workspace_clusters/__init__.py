"""Runtime job: one Argo CD cluster Secret per kcp workspace, from the admin kubeconfig kcp-operator writes.

Run as `python -m workspace_clusters` (in-cluster) or with `--api-server/--token-file/--ca-file`. It reads the
kubeconfig Secret, builds each workspace's Secret (`server` = `<front-proxy>/clusters/<path>`, `config` = the
kubeconfig's client certificate and key, and its CA unless `--ca-from system`) and writes it with server-side apply
only when it differs from what is stored. It never prints certificate, key or token material.
"""

from ._names import MANAGED_BY, PREFIX, cluster_name, object_name, server_url

__all__ = ["MANAGED_BY", "PREFIX", "cluster_name", "object_name", "server_url"]
