"""Convert the frozen stage hand-offs to JSON-ready dicts and back.

The store keeps each stage's output as JSON so a re-run can reuse it; one generic codec
driven by the dataclasses' own type hints keeps that from needing a serializer per class.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")


_PLAIN = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, None for any other type (asked once per type)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


def to_dict(obj: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, recursively (JSON-ready).

    Reports and the store convert hundreds of thousands of small objects, so the per-object
    work is one type lookup: scalars return at once, a dataclass's field names are cached.
    """
    cls: Any = type(obj)
    if cls in _PLAIN:
        return obj
    names = _field_names(cls)
    if names is not None:
        return {n: to_dict(getattr(obj, n)) for n in names}
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        for arg in get_args(tp):
            if arg is type(None):
                continue
            return _convert(arg, value)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=False))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass from :func:`to_dict` output (unknown keys are ignored)."""
    hints = _hints(cls)  # type: ignore[arg-type]
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)
