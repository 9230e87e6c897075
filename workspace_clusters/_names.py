"""Names and URLs shared by the renderer (RBAC resourceNames, Application destinations) and the job."""

from __future__ import annotations

import re

PREFIX = "kcp-ws-"
"""Every object of the workspaces feature on the root cluster starts with it."""
MANAGED_BY = "kcp-ws-clusters"
"""`app.kubernetes.io/managed-by` of the cluster Secrets, and the job's server-side-apply field manager."""
PATH_ANNOTATION = "kcp-zheng-gitops/workspace-path"
"""Annotation on each cluster Secret naming its workspace (label values cannot hold ':')."""
SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type"

_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_PATH = re.compile(rf"^root(:{_LABEL})*$")


def check_path(path: str) -> str:
    """Return `path` if it is an absolute kcp workspace path, else raise ValueError."""
    if not _PATH.match(path) or len(path) > 230:
        raise ValueError(f"{path!r} is not an absolute workspace path such as 'root' or 'root:provider:alpha'")
    return path


def object_name(path: str) -> str:
    """`root:provider:alpha` -> `kcp-ws-root.provider.alpha`.

    Workspace names are DNS labels without dots, so joining with '.' is one-to-one (joining with '-' would make
    `root:a-b` and `root:a:b` collide); the result is a valid Secret and Application name.
    """
    return PREFIX + check_path(path).replace(":", ".")


def cluster_name(path: str) -> str:
    """The Argo CD cluster name shown in the UI."""
    return f"kcp:{check_path(path)}"


def server_url(front_proxy_url: str, path: str) -> str:
    """The workspace's URL through the front-proxy: `<front-proxy>/clusters/<path>`."""
    return f"{front_proxy_url.rstrip('/')}/clusters/{check_path(path)}"
