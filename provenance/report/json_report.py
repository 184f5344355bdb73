"""The JSON report, exactly as design.md's contract (schema ``provenance-report/1``).

Fields beyond the contract are additive (``related``, ``shared_quotes``, ``problems``,
per-edge ``credit``, an ``id`` on each quote, citation and link, which the graph's edges name
instead of repeating the record); renaming anything would need a new schema value.
Navigation links (menus, tags, footers: links outside the extracted text, with no ``span``)
are left out unless asked for (``all_links``).  Written with orjson, compact unless ``pretty``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from ..codec import to_dict
from ..graph import json_graph, link_id, with_ids
from ..memory import release_freed_memory

if TYPE_CHECKING:
    from ..pipeline import TraceResult

SCHEMA = "provenance-report/1"


def article_dict(a: Any) -> dict[str, Any]:
    """One article as the report gives it (everything but its links, which are ``links[]``)."""
    return {
        "id": a.id,
        "url": a.url,
        "path": a.path,
        "title": a.title,
        "byline": a.byline,
        "text": a.text,
        "outlet": {"name": a.outlet.name, "domain": a.outlet.domain, "evidence": a.outlet.evidence},
        "published": {
            "value": a.published.value,
            "not_before": a.published.not_before,
            "not_after": a.published.not_after,
            "evidence": list(a.published.evidence),
            "source": a.published.source,
        },
        "canonical_url": a.canonical_url,
        "fetched_at": a.fetched_at,
    }


class Report(Mapping[str, Any]):
    """A trace's JSON report, read a section at a time.

    Each section is built from the trace's records when it is read, and not kept: the
    writers (JSON, the store's tables) walk it section by section, so a large trace never
    holds its whole report, nor its graph, beside its records.  Reading a section twice
    builds it twice; ``dict(report)`` (:func:`report_dict`) gives the plain dict.
    Navigation links are left out unless ``all_links`` (default: as the trace was run).
    """

    def __init__(self, result: TraceResult, all_links: bool | None = None) -> None:
        self._result = result
        self._all_links = result.nav_links if all_links is None else all_links

    def __getitem__(self, key: str) -> Any:
        try:
            build = _SECTIONS[key]
        except KeyError:
            raise KeyError(key) from None
        return build(self._result, self._all_links)

    def __iter__(self) -> Iterator[str]:
        return iter(_SECTIONS)

    def __len__(self) -> int:
        return len(_SECTIONS)


def report_dict(result: TraceResult, all_links: bool | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (every section built, see :class:`Report`), with
    navigation links when ``all_links`` (default: as the trace was run)."""
    return dict(Report(result, all_links))


def _reported_links(result: TraceResult, all_links: bool) -> Iterator[tuple[str, Any, Any]]:
    """``(link id, article, link)`` of the links the report gives: those in the text, or
    every link with ``all_links``."""
    for a in result.articles:
        for k, ln in enumerate(a.links):
            if all_links or ln.span is not None:
                yield link_id(a.id, k), a, ln


def _links(result: TraceResult, all_links: bool) -> list[dict[str, Any]]:
    return [
        {
            "id": lid,
            "article": a.id,
            "url": ln.url,
            "anchor": ln.anchor,
            "domain": ln.domain,
            "date_in_url": ln.date_in_url,
            "span": list(ln.span) if ln.span else None,
        }
        for lid, a, ln in _reported_links(result, all_links)
    ]


def _reuse(result: TraceResult, _all_links: bool) -> list[dict[str, Any]]:
    return [
        {
            "source": e.source,
            "target": e.target,
            "kind": e.kind,
            "jaccard": e.jaccard,
            "containment": e.containment,
            "declared": e.declared,
            "credit": e.credit,
            "aligned_chars": e.aligned_chars,
            "direction_evidence": e.direction_evidence,
            "credit_evidence": e.credit_evidence,
            "alternatives": list(e.alternatives),
            "passages": [to_dict(p) for p in e.passages],
        }
        for e in result.reuse
    ]


def _graph(result: TraceResult, all_links: bool) -> dict[str, Any]:
    kept = None if all_links else {lid for lid, _, _ in _reported_links(result, all_links)}
    release_freed_memory()  # the sections before: the graph and its records are the last peak
    return json_graph(result.graph, kept, consume=True)  # a graph of its own, built for this


def _records(field: str, tag: str | None = None) -> Callable[[TraceResult, bool], list[dict[str, Any]]]:
    """A section that is a field's records as dicts (with ``id`` first when ``tag``)."""

    def build(result: TraceResult, _all_links: bool) -> list[dict[str, Any]]:
        items = getattr(result, field)
        if tag is None:
            return [to_dict(x) for x in items]
        return [{"id": i, **to_dict(x)} for i, x in with_ids(items, tag)]

    return build


def _claims(result: TraceResult, _all_links: bool) -> list[dict[str, Any]]:
    return [dict(to_dict(c), drifted=c.drifted) for c in result.claims]


#: The report's sections, in their order, and how each is built.
_SECTIONS: dict[str, Callable[[TraceResult, bool], Any]] = {
    "schema": lambda _r, _a: SCHEMA,
    "articles": lambda r, _a: [article_dict(a) for a in r.articles],
    "reuse": _reuse,
    "matches": _records("matches"),
    "quotes": _records("quotes", "q"),
    "attributions": _records("attributions", "c"),
    "links": _links,
    "stories": _records("stories"),
    "related": _records("related"),
    "claims": _claims,
    "shared_quotes": _records("shared_quotes"),
    "problems": _records("problems"),
    "graph": _graph,
}


def dumps(report: Any, pretty: bool = False) -> bytes:
    """The report as UTF-8 JSON bytes: compact, or indented for humans (``pretty``)."""
    opts = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if pretty else 0)
    if isinstance(report, Report):
        report = dict(report)
    return orjson.dumps(report, default=str, option=opts)


#: List items encoded and written at once by :func:`write_report`.
_ITEMS_AT_ONCE = 2048


def write_report(report: Mapping[str, Any], fh: BinaryIO, pretty: bool = False) -> None:
    """Write :func:`dumps` of ``report`` to ``fh``: the same bytes, but a compact report is
    encoded a section and, in its lists (the graph's too), a few thousand items at a time, so
    a large trace never holds its whole JSON text beside the report (indented output is for
    humans and small reports: one piece)."""
    if pretty or not isinstance(report, Mapping):
        fh.write(dumps(report, pretty))
        return
    _write_value(report, fh)


def _write_value(value: Any, fh: BinaryIO) -> None:
    """``orjson.dumps(value)`` (compact) written in pieces: a mapping with text keys key by
    key (its sections built one at a time when it is a :class:`Report`), a list a few
    thousand items at a time."""
    opts = orjson.OPT_NON_STR_KEYS
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        fh.write(b"{")
        for n, key in enumerate(value):
            fh.write((b"," if n else b"") + orjson.dumps(key, option=opts) + b":")
            _write_value(value[key], fh)
        fh.write(b"}")
    elif isinstance(value, list):
        fh.write(b"[")
        for i in range(0, len(value), _ITEMS_AT_ONCE):
            piece = orjson.dumps(value[i : i + _ITEMS_AT_ONCE], default=str, option=opts)
            fh.write((b"," if i else b"") + piece[1:-1])
        fh.write(b"]")
    else:
        fh.write(orjson.dumps(value, default=str, option=opts))


def write_json(
    result: TraceResult, path: str | Path, pretty: bool = False, all_links: bool | None = None
) -> None:
    """Write the report atomically (a temp file renamed), so a reader never sees half of it."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        write_report(Report(result, all_links), fh, pretty)
    tmp.replace(path)
