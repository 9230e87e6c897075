"""Which keys of each Secret a pod template reads, worked out from the pod spec alone (standard library only).

A key counts as read when the pod can be shown to use it:

- a container names the file the key becomes (`<mountPath>/<key>`, or the `items` path) in its `command`, `args` or an
  `env[].value`, or names it inside a kubeconfig it names that way (`certificate-authority`, `client-certificate`,
  `client-key`, `tokenFile`, an exec plugin's paths; relative paths resolved against the kubeconfig's directory, as
  client-go's `clientcmd.ResolveLocalPaths` does);
- the volume projects the key through `items` (the kubelet refuses to start the pod without it), or a `subPath` mount
  picks it;
- an `env[].valueFrom.secretKeyRef` names it.

Every key counts as read (`whole`) when the pod may read keys nobody names: `envFrom` (every key becomes a variable),
image pull secrets (the kubelet reads them), a container naming the mount directory itself, a `subPathExpr`, or a
container that mounts the Secret without naming any file of it ("use not shown") — unless the caller knows that
container reads only the files it names (`names_every_file`), in which case such a mount is read for nothing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# Characters that end a path inside an argument: flag syntax (`=`, `,`), shell syntax and quoting. Mount paths cannot
# contain ':' (Kubernetes validates volumeMounts[].mountPath) and Secret keys only [-._a-zA-Z0-9].
_PATH_TOKEN = re.compile(r"/[^\s,;:=\"'`()\[\]{}<>|&$]*")


@dataclass(frozen=True)
class SecretUse:
    """What a pod template reads of one Secret."""

    name: str
    keys: frozenset[str] = frozenset()
    """The keys shown to be read."""
    whole: bool = False
    """Every key may be read (see `reasons`)."""
    reasons: tuple[str, ...] = ()
    """Why every key counts as read; empty unless `whole`."""


@dataclass
class _Uses:
    keys: dict[str, set[str]] = field(default_factory=dict)
    whole: dict[str, list[str]] = field(default_factory=dict)

    def read(self, secret: str, key: str) -> None:
        self.keys.setdefault(secret, set()).add(key)

    def all(self, secret: str, reason: str) -> None:
        reasons = self.whole.setdefault(secret, [])
        if reason not in reasons:
            reasons.append(reason)

    def result(self) -> dict[str, SecretUse]:
        names = sorted(set(self.keys) | set(self.whole))
        return {
            n: SecretUse(name=n, keys=frozenset(self.keys.get(n, ())), whole=n in self.whole, reasons=tuple(self.whole.get(n, ())))
            for n in names
        }


@dataclass(frozen=True)
class _Source:
    """One Secret behind a volume: its projected files, or every key under its own name (`items` is None)."""

    secret: str
    items: tuple[tuple[str, str], ...] | None  # (path, key)


def secret_key_use(
    *,
    workload: Mapping[str, Any],
    read_document: Callable[[str, str], Any],
    secret_keys: Mapping[str, Collection[str]] | None = None,
    names_every_file: Callable[[Mapping[str, Any]], bool] = lambda container: False,
) -> dict[str, SecretUse]:
    """Secret name -> what the pod template of `workload` (a Deployment, StatefulSet, ... or a bare pod spec) reads.

    `read_document(secret, key)` returns the parsed content of a Secret key (a kubeconfig as a mapping), or None; it is
    asked only for files a container names. `secret_keys` lists the keys each Secret holds, where known (it settles
    which of several projected Secrets a file comes from). `names_every_file(container)` says the container's program
    reads no file it is not told about. Secrets the template does not reference are absent from the result.
    """
    pod = _pod_spec(workload)
    uses = _Uses()
    if pod is None:
        return {}
    volumes = {v["name"]: _sources(v) for v in _dicts(pod.get("volumes")) if isinstance(v.get("name"), str)}
    for volume_sources in volumes.values():
        for source in volume_sources:
            # Referenced, so it must exist, even when no container reads a file of it (or no container mounts it).
            uses.keys.setdefault(source.secret, set())
            # The kubelet fails the pod when a projected key is missing (unless optional): items are needed as such.
            for _, key in source.items or ():
                uses.read(source.secret, key)
    for container in _containers(pod):
        _container_uses(container, volumes, uses, read_document, secret_keys or {}, names_every_file)
    for pull in _dicts(pod.get("imagePullSecrets")):
        if isinstance(pull.get("name"), str) and pull["name"]:
            uses.all(pull["name"], "image pull secret: the kubelet reads it")
    return uses.result()


def _pod_spec(workload: Mapping[str, Any]) -> Mapping[str, Any] | None:
    if "containers" in workload:
        return workload
    template = (workload.get("spec") or {}).get("template") or {}
    pod = template.get("spec")
    return pod if isinstance(pod, dict) else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _containers(pod: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for field_name in ("initContainers", "containers", "ephemeralContainers"):
        yield from _dicts(pod.get(field_name))


def _sources(volume: Mapping[str, Any]) -> list[_Source]:
    secret = volume.get("secret")
    if isinstance(secret, dict) and isinstance(secret.get("secretName"), str):
        return [_Source(secret["secretName"], _items(secret))]
    projected = volume.get("projected")
    if isinstance(projected, dict):
        return [
            _Source(s["secret"]["name"], _items(s["secret"]))
            for s in _dicts(projected.get("sources"))
            if isinstance(s.get("secret"), dict) and isinstance(s["secret"].get("name"), str)
        ]
    return []


def _items(ref: Mapping[str, Any]) -> tuple[tuple[str, str], ...] | None:
    if "items" not in ref or ref["items"] is None:
        return None
    return tuple(
        (posixpath.normpath(i["path"]), i["key"])
        for i in _dicts(ref["items"])
        if isinstance(i.get("path"), str) and isinstance(i.get("key"), str)
    )


@dataclass(frozen=True)
class _Mount:
    path: str
    volume: str
    sub_path: str
    sub_path_expr: bool


def _container_uses(
    container: Mapping[str, Any],
    volumes: Mapping[str, list[_Source]],
    uses: _Uses,
    read_document: Callable[[str, str], Any],
    secret_keys: Mapping[str, Collection[str]],
    names_every_file: Callable[[Mapping[str, Any]], bool],
) -> None:
    """Record what one container reads."""
    who = f"container {container.get('name', '?')}"
    listed = [
        _Mount(posixpath.normpath(m["mountPath"]), m["name"], m.get("subPath") or "", bool(m.get("subPathExpr")))
        for m in _dicts(container.get("volumeMounts"))
        if isinstance(m.get("mountPath"), str) and isinstance(m.get("name"), str) and m["name"] in volumes
    ]
    mounts = {m.path: m for m in listed}  # the API server refuses two mounts at one path
    for env in _dicts(container.get("env")):
        ref = (env.get("valueFrom") or {}).get("secretKeyRef") if isinstance(env.get("valueFrom"), dict) else None
        if isinstance(ref, dict) and isinstance(ref.get("name"), str) and isinstance(ref.get("key"), str):
            uses.read(ref["name"], ref["key"])
    for env_from in _dicts(container.get("envFrom")):
        ref = env_from.get("secretRef")
        if isinstance(ref, dict) and isinstance(ref.get("name"), str):
            uses.all(ref["name"], f"{who}: envFrom turns every key into an environment variable")
    named = set()  # mount paths this container names a file (or the directory) of
    for mount in mounts.values():
        if mount.sub_path_expr:
            for source in volumes[mount.volume]:
                uses.all(source.secret, f"{who}: subPathExpr at {mount.path} picks a file only known at run time")
            named.add(mount.path)
        elif mount.sub_path:
            for source, key in _resolve(volumes[mount.volume], posixpath.normpath(mount.sub_path), secret_keys):
                uses.read(source.secret, key)
            named.add(mount.path)
    working_dir = container.get("workingDir")
    if isinstance(working_dir, str) and working_dir.startswith("/"):
        inside = _deepest(posixpath.normpath(working_dir), mounts)
        if inside is not None:
            named.add(inside.path)
            for source in volumes[inside.volume]:
                uses.all(source.secret, f"{who} works in {working_dir}: relative paths are not followed")
    paths = [posixpath.normpath(p) for s in _commands(container) for p in _PATH_TOKEN.findall(s)]
    for path in paths:
        for source, key in _read_path(path, mounts, volumes, uses, secret_keys, named, who):
            # A file named on the command line may be a kubeconfig naming further files.
            for inner in _kubeconfig_paths(read_document(source.secret, key), base=posixpath.dirname(path)):
                _read_path(inner, mounts, volumes, uses, secret_keys, named, who)
    if names_every_file(container):
        return
    for mount in mounts.values():
        if mount.path in named:
            continue
        for source in volumes[mount.volume]:
            uses.all(source.secret, f"{who} mounts it at {mount.path} but names no file of it: use not shown")


def _commands(container: Mapping[str, Any]) -> list[str]:
    """Every string the container's processes are started with: command, args, env values, and the exec probes and
    lifecycle hooks, which run inside it too."""
    strings = [*_strings(container.get("command")), *_strings(container.get("args"))]
    strings += [e["value"] for e in _dicts(container.get("env")) if isinstance(e.get("value"), str)]
    hooks = [container.get(p) for p in ("livenessProbe", "readinessProbe", "startupProbe")]
    lifecycle = container.get("lifecycle")
    if isinstance(lifecycle, dict):
        hooks += [lifecycle.get("postStart"), lifecycle.get("preStop")]
    for hook in hooks:
        if isinstance(hook, dict) and isinstance(hook.get("exec"), dict):
            strings += _strings(hook["exec"].get("command"))
    return strings


def _deepest(path: str, mounts: Mapping[str, _Mount]) -> _Mount | None:
    """The mount a path falls in: the deepest, as it hides whatever lies below it in an outer mount."""
    while True:
        mount = mounts.get(path)
        if mount is not None or path in ("/", "//", ""):
            return mount
        path = posixpath.dirname(path)


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _read_path(
    path: str,
    mounts: Mapping[str, _Mount],
    volumes: Mapping[str, list[_Source]],
    uses: _Uses,
    secret_keys: Mapping[str, Collection[str]],
    named: set[str],
    who: str,
) -> list[tuple[_Source, str]]:
    """Record the Secret key(s) behind one absolute path the container names; return them."""
    best = _deepest(path, mounts)
    if best is None:
        return []
    named.add(best.path)
    if best.sub_path or best.sub_path_expr:
        return []  # a single file: recorded with its mount
    if path == best.path:
        for source in volumes[best.volume]:
            uses.all(source.secret, f"{who} names the directory {best.path}, not a file in it")
        return []
    found = _resolve(volumes[best.volume], path[len(best.path.rstrip("/")) + 1 :], secret_keys)
    for source, key in found:
        uses.read(source.secret, key)
    return found


def _resolve(sources: list[_Source], relative: str, secret_keys: Mapping[str, Collection[str]]) -> list[tuple[_Source, str]]:
    """The (Secret, key) a file of a volume comes from (several when the Secrets' keys are not known)."""
    found = []
    for source in sources:
        if source.items is not None:
            found += [(source, key) for item_path, key in source.items if item_path == relative]
        elif "/" not in relative and (source.secret not in secret_keys or relative in secret_keys[source.secret]):
            found.append((source, relative))
    return found


def _kubeconfig_paths(document: Any, *, base: str) -> list[str]:
    """The files a kubeconfig makes its reader open (client-go clientcmd GetClusterFileReferences and
    GetAuthInfoFileReferences), absolute."""
    if not isinstance(document, dict) or not any(isinstance(document.get(f), list) for f in ("clusters", "users")):
        return []
    found: list[str] = []
    for entry in _dicts(document.get("clusters")):
        cluster = entry.get("cluster")
        if isinstance(cluster, dict) and isinstance(cluster.get("certificate-authority"), str):
            found.append(cluster["certificate-authority"])
    for entry in _dicts(document.get("users")):
        user = entry.get("user")
        if not isinstance(user, dict):
            continue
        found += [user[f] for f in ("client-certificate", "client-key", "tokenFile") if isinstance(user.get(f), str)]
        exec_ = user.get("exec")
        if isinstance(exec_, dict):
            command = exec_.get("command")
            # client-go resolves the exec command against the kubeconfig's directory only when it holds a separator.
            if isinstance(command, str) and "/" in command:
                found.append(command)
            texts = [*_strings(exec_.get("args")), *(e["value"] for e in _dicts(exec_.get("env")) if isinstance(e.get("value"), str))]
            found += [p for t in texts for p in _PATH_TOKEN.findall(t)]
    return [posixpath.normpath(p if p.startswith("/") else posixpath.join(base, p)) for p in found if p]
