"""Convert the frozen stage hand-offs to JSON-ready dicts and back.

The store keeps each stage's output as JSON so a re-run can reuse it; one generic codec
driven by the dataclasses' own type hints keeps that from needing a serializer per class.
"""

from __future__ import annotations

import dataclasses
import gc
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from typing import Any, TypeVar, Union, cast, get_args, get_origin

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


Converter = Callable[[Any], Any]


@cache
def _converter(tp: Any) -> Converter | None:
    """A function turning JSON data into a value of type ``tp`` (``None``: the data is the
    value), worked out once per type so decoding does no type introspection per value."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = next((_converter(a) for a in get_args(tp) if a is not type(None)), None)
        return None if inner is None else partial(_optional, inner)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            return tuple if item is None else partial(_tuple_of, item)
        items = tuple(_converter(a) for a in args)
        return (
            tuple
            if all(c is None for c in items)
            else partial(_fixed_tuple, tuple(c or _same for c in items))
        )
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decoder(tp)
    return None


def _same(value: Any) -> Any:
    return value


def _optional(inner: Converter, value: Any) -> Any:
    return None if value is None else inner(value)


def _tuple_of(item: Converter, value: Any) -> tuple[Any, ...]:
    return tuple(map(item, value))


def _fixed_tuple(items: tuple[Converter, ...], value: Any) -> tuple[Any, ...]:
    return tuple(c(v) for c, v in zip(items, value, strict=False))


@cache
def _decoder(cls: Any) -> Converter:
    """The decoder of one dataclass: plain fields copied, the others through their converter."""
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]
    plain = tuple(n for n, c in fields if c is None)
    typed = tuple((n, c) for n, c in fields if c is not None)

    def decode(data: dict[str, Any]) -> Any:
        kwargs = {n: data[n] for n in plain if n in data}
        for n, c in typed:
            if n in data:
                v = data[n]
                kwargs[n] = None if v is None else c(v)
        return cls(**kwargs)

    return decode


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass from :func:`to_dict` output (unknown keys are ignored)."""
    decode: Callable[[dict[str, Any]], T] = _decoder(cast(Any, cls))
    return decode(data)


def from_dicts(cls: type[T], items: Iterable[dict[str, Any]]) -> list[T]:
    """:func:`from_dict` of many records, the cyclic garbage collector paused meanwhile: a
    bulk load only allocates, and the collector's passes over the growing heap would
    otherwise cost more than the decoding itself."""
    decode: Callable[[dict[str, Any]], T] = _decoder(cast(Any, cls))
    with paused_gc():
        return list(map(decode, items))


@contextmanager
def paused_gc(freeze: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that only builds long-lived objects.

    With ``freeze``, on the way out the objects alive are moved to the collector's permanent
    generation (``gc.freeze``): they are the run's records, alive until it ends, so the
    collections that follow need not traverse them again (that traversal cost as much as the
    block).  They are still freed by reference counting, but a cycle among them never is:
    a block whose objects are dropped soon (a graph, a report section) must not freeze.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()
