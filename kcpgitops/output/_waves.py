"""Argo CD sync waves derived from the reference graph, so each object syncs after what it needs."""

from __future__ import annotations

from ._refs import Key, key_of, references, secrets_produced

SYNC_WAVE = "argocd.argoproj.io/sync-wave"

_FLOOR = {
    "CustomResourceDefinition": 0,
    "Namespace": 0,
    "Secret": 1,
    "SealedSecret": 1,
    "Issuer": 1,
    "ClusterIssuer": 1,
    "Certificate": 2,
}
"""Lowest wave per kind: CRDs and namespaces, then issuers and Secrets, then certificates, then the rest."""


def sync_waves(docs: list[dict]) -> dict[Key, int]:
    """Wave of every object: above its kind's floor and above everything it references on the cluster."""
    producers: dict[Key, Key] = {}
    for doc in docs:
        for secret in secrets_produced(doc):
            producers.setdefault(secret, key_of(doc))
    by_key = {key_of(doc): doc for doc in docs}
    waves: dict[Key, int] = {}
    visiting: set[Key] = set()

    def wave(key: Key) -> int:
        if key in waves:
            return waves[key]
        if key in visiting:
            raise ValueError(f"reference cycle through {key}")
        visiting.add(key)
        doc = by_key[key]
        level = _FLOOR.get(key.kind, 3)
        for ref in references(doc):
            target = producers.get(ref.target, ref.target)
            if target in by_key and target != key:
                level = max(level, wave(target) + 1)
        visiting.discard(key)
        waves[key] = level
        return level

    for key in by_key:
        wave(key)
    return waves


def annotate_sync_waves(docs: list[dict]) -> None:
    """Set the sync-wave annotation on every document in place."""
    waves = sync_waves(docs)
    for doc in docs:
        annotations = doc.setdefault("metadata", {}).setdefault("annotations", {})
        annotations[SYNC_WAVE] = str(waves[key_of(doc)])
