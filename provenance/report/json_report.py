"""The JSON report, exactly as design.md's contract (schema ``provenance-report/1``).

Fields beyond the contract are additive (``related``, ``shared_quotes``, ``problems``,
per-edge ``credit``, an ``id`` on each quote, citation and link, which the graph's edges name
instead of repeating the record); renaming anything would need a new schema value.
Navigation links (menus, tags, footers: links outside the extracted text, with no ``span``)
are left out unless asked for (``all_links``).  Written with orjson, compact unless ``pretty``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from ..codec import to_dict
from ..graph import json_graph, link_id, with_ids

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


def report_dict(result: TraceResult, all_links: bool | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict: the one the trace stored, when it has it and
    ``all_links`` is not given (the nested records are shared, so read them, do not change
    them); else built here, with navigation links when ``all_links``."""
    if result.report is not None and all_links is None:
        return dict(result.report)
    links = [
        {
            "id": link_id(a.id, k),
            "article": a.id,
            "url": ln.url,
            "anchor": ln.anchor,
            "domain": ln.domain,
            "date_in_url": ln.date_in_url,
            "span": list(ln.span) if ln.span else None,
        }
        for a in result.articles
        for k, ln in enumerate(a.links)
        if all_links or ln.span is not None
    ]
    return {
        "schema": SCHEMA,
        "articles": [article_dict(a) for a in result.articles],
        "reuse": [
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
        ],
        "matches": [to_dict(m) for m in result.matches],
        "quotes": [{"id": i, **to_dict(q)} for i, q in with_ids(result.quotes, "q")],
        "attributions": [{"id": i, **to_dict(c)} for i, c in with_ids(result.attributions, "c")],
        "links": links,
        "stories": [to_dict(s) for s in result.stories],
        "related": [to_dict(r) for r in result.related],
        "claims": [dict(to_dict(c), drifted=c.drifted) for c in result.claims],
        "shared_quotes": [to_dict(s) for s in result.shared_quotes],
        "problems": [to_dict(p) for p in result.problems],
        "graph": json_graph(result.graph, None if all_links else {str(ln["id"]) for ln in links}),
    }


def dumps(report: Any, pretty: bool = False) -> bytes:
    """The report as UTF-8 JSON bytes: compact, or indented for humans (``pretty``)."""
    opts = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if pretty else 0)
    return orjson.dumps(report, default=str, option=opts)


#: List items encoded and written at once by :func:`write_report`.
_ITEMS_AT_ONCE = 2048


def write_report(report: Mapping[str, Any], fh: BinaryIO, pretty: bool = False) -> None:
    """Write :func:`dumps` of ``report`` to ``fh``: the same bytes, but a compact report is
    encoded a section and, in its lists, a few thousand items at a time, so a large trace
    never holds its whole JSON text beside the report (indented output is for humans and
    small reports: one piece)."""
    if pretty or not isinstance(report, Mapping):
        fh.write(dumps(report, pretty))
        return
    opts = orjson.OPT_NON_STR_KEYS
    fh.write(b"{")
    for n, (key, value) in enumerate(report.items()):
        fh.write((b"," if n else b"") + orjson.dumps(key, option=opts) + b":")
        if not isinstance(value, list):
            fh.write(orjson.dumps(value, default=str, option=opts))
            continue
        fh.write(b"[")
        for i in range(0, len(value), _ITEMS_AT_ONCE):
            piece = orjson.dumps(value[i : i + _ITEMS_AT_ONCE], default=str, option=opts)
            fh.write((b"," if i else b"") + piece[1:-1])
        fh.write(b"]")
    fh.write(b"}")


def write_json(
    result: TraceResult, path: str | Path, pretty: bool = False, all_links: bool | None = None
) -> None:
    """Write the report atomically (a temp file renamed), so a reader never sees half of it."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        write_report(report_dict(result, all_links), fh, pretty)
    tmp.replace(path)
