"""Shared base of every topology model."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

_GO_DURATION_RE = re.compile(r"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")


def go_duration(value: str) -> str:
    """A Go `time.Duration` string as etcd-druid, kcp and kcp-operator parse it (Go's `time.ParseDuration` units)."""
    if not _GO_DURATION_RE.fullmatch(value):
        raise ValueError(f"{value!r} is not a Go duration such as '500ms', '300s', '5m' or '12h'")
    return value


GoDuration = Annotated[str, AfterValidator(go_duration)]
"""A field holding a Go duration, validated by `go_duration`."""


class Model(BaseModel):
    """camelCase keys in YAML, unknown keys rejected, attribute docstrings become field descriptions."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=to_camel,
        populate_by_name=True,
        use_attribute_docstrings=True,
        validate_default=True,
    )
