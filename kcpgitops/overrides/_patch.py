"""One override applied to one document: the patch itself, then what an override must not change.

Reasons never quote values from the document or the patch: a Secret's data could be among them, and the libraries'
own messages (`jsonpatch`'s failed `test`, `jsonpointer`'s missing member) print both.
"""

from __future__ import annotations

import copy

import json_merge_patch
from jsonpatch import (
    InvalidJsonPatch,
    JsonPatch,
    JsonPatchConflict,
    JsonPatchException,
    JsonPatchPathNotFound,
    JsonPatchTestFailed,
)
from jsonpointer import JsonPointerException

from kcpgitops.topology import Override, PatchOperation

IDENTITY = (("apiVersion",), ("kind",), ("metadata", "name"), ("metadata", "namespace"))
"""Fields an override may not change: the file path is built from them (kcpgitops/output/_files.py manifest_path),
and every reference to the object (issuer refs, Secret names, the root shard ref, Argo CD's resource tracking) uses
them."""
SECRET_DATA = ("data", "stringData")
"""Members of a v1 Secret an override may not add or change: whatever it put there would be plain text in Git."""


class Refused(Exception):
    """The override cannot be applied to this document; the message says why (no values) and what to do."""


def patched(override: Override, doc: dict) -> dict:
    """A patched copy of `doc` (the original is never changed); `Refused` when the patch fails or breaks a rule."""
    result = _json_patch(override.patch, doc) if override.patch is not None else _merge_patch(override.merge or {}, doc)
    _check_kept(doc, result)
    return result


def _merge_patch(merge: dict, doc: dict) -> dict:
    # json_merge_patch.merge (open-contracting/json-merge-patch@0.3.0: json_merge_patch/lib.py merge_obj) updates its
    # first argument in place and shares the patch's values: copy both, so the original stays what the identity and
    # Secret checks compare with, and no document aliases the topology's value (which a later override could patch).
    return json_merge_patch.merge(copy.deepcopy(doc), copy.deepcopy(merge))


def _json_patch(operations: list[PatchOperation], doc: dict) -> dict:
    result = copy.deepcopy(doc)
    # One operation at a time, so a failure names its operation; RFC 6902 section 5 makes the whole patch fail, and
    # the caller throws this copy away, so a half-applied copy never escapes.
    for index, operation in enumerate(operations):
        where = f"patch[{index}] ({operation.op} {operation.path or '(the whole object)'})"
        try:
            result = JsonPatch([operation.as_rfc6902()]).apply(result, in_place=True)
        except JsonPatchTestFailed:
            raise Refused(f"{where}: the test failed: the value there differs or is missing; nothing was patched") from None
        except JsonPatchPathNotFound:
            missing = operation.from_ if operation.op in ("move", "copy") else operation.path
            raise Refused(f"{where}: {missing} does not exist in the object; fix the path, or add it with an 'add' "
                          "operation first") from None
        except (JsonPatchConflict, JsonPointerException):
            raise Refused(f"{where}: the path does not resolve in the object (a missing parent, a list index past the "
                          "end, or a member of something that is not an object); fix the path") from None
        except (InvalidJsonPatch, JsonPatchException):  # the topology model checked the operation's shape already
            raise Refused(f"{where}: not a valid RFC 6902 operation") from None
    return result


def _get(doc: object, path: tuple[str, ...]) -> object:
    for part in path:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def _check_kept(before: dict, after: object) -> None:
    if not isinstance(after, dict):
        raise Refused("the patched object is no longer a mapping; patch its fields, not the whole object")
    for path in IDENTITY:
        if _get(before, path) != _get(after, path):
            field = ".".join(path)
            raise Refused(f"it changes {field}; an override may not change apiVersion, kind, metadata.name or "
                          "metadata.namespace (the file path and every reference to the object depend on them): "
                          "rename it through the topology, or leave it alone")
    if before.get("apiVersion") == "v1" and before.get("kind") == "Secret":
        for member in SECRET_DATA:
            if before.get(member) != after.get(member):
                raise Refused(f"it adds or changes the Secret's {member}; an override may not put plain-text Secret "
                              "data into Git: create the Secret by hand on the cluster or deliver it as a "
                              "SealedSecret")
