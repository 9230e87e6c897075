"""Read a topology file into a validated `Topology`, turning every problem into a readable message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ._models import Topology


class TopologyError(Exception):
    """The topology file is unreadable or invalid; `problems` lists one message per broken field."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's when PyYAML has it) that rejects duplicate mapping keys instead of keeping the last one."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain scalars", key_node.start_mark
            ) from exc
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}; keep only one", key_node.start_mark
            )
        seen[key] = loader.construct_object(value_node, deep=deep)
    return seen


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_topology(path: Path | str) -> Topology:
    """Load and validate a topology file; raise `TopologyError` naming each bad field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TopologyError(str(path), [f"cannot read the file: {exc.__class__.__name__}: {exc}"]) from None
    return parse_topology(text, source=str(path))


def parse_topology(text: str, *, source: str = "<topology>") -> Topology:
    """Validate topology YAML text; raise `TopologyError` naming each bad field."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise TopologyError(source, [f"not valid YAML: {_one_line(str(exc))}"]) from None
    except RecursionError:
        raise TopologyError(source, ["not valid YAML: nesting is too deep"]) from None
    if not isinstance(data, dict):
        raise TopologyError(source, ["the file must be a YAML mapping with at least 'clusters' and 'rootShard'"])
    try:
        return Topology.model_validate(data)
    except ValidationError as exc:
        raise TopologyError(source, [_describe(err) for err in exc.errors()]) from None
    except RecursionError:
        raise TopologyError(source, ["the document is nested too deeply"]) from None


def _describe(error: dict) -> str:
    location = _location(error["loc"])
    kind = error["type"]
    message = error["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(error["loc"][:-1])
        hint = f"; allowed keys here: {', '.join(allowed)}" if allowed else ""
        return f"{location}: unknown key{hint}"
    if kind == "missing":
        return f"{location}: required but missing; add it"
    if location and message.startswith(location + ":"):
        return message
    if not location:
        return message
    return f"{location}: {message}"


def _location(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _allowed_keys(loc: tuple) -> list[str]:
    model: type[BaseModel] | None = Topology
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = next((f for n, f in model.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return []
        model = _model_of(field.annotation)
    if model is None:
        return []
    return sorted(f.alias or n for n, f in model.model_fields.items())


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())
