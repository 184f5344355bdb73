"""The JSON report, exactly as design.md's contract (schema ``provenance-report/1``).

Fields beyond the contract are additive (``related``, ``shared_quotes``, ``problems``,
per-edge ``credit``); renaming anything would need a new schema value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codec import to_dict
from ..graph import node_link

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


def report_dict(result: TraceResult) -> dict[str, Any]:
    """The report as a JSON-ready dict (the one the trace stored, when it has it: the nested
    records are shared, so read them, do not change them)."""
    if result.report is not None:
        return dict(result.report)
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
        "quotes": [to_dict(q) for q in result.quotes],
        "attributions": [to_dict(c) for c in result.attributions],
        "links": [
            {
                "article": a.id,
                "url": ln.url,
                "anchor": ln.anchor,
                "domain": ln.domain,
                "date_in_url": ln.date_in_url,
                "span": list(ln.span) if ln.span else None,
            }
            for a in result.articles
            for ln in a.links
        ],
        "stories": [to_dict(s) for s in result.stories],
        "related": [to_dict(r) for r in result.related],
        "claims": [dict(to_dict(c), drifted=c.drifted) for c in result.claims],
        "shared_quotes": [to_dict(s) for s in result.shared_quotes],
        "problems": [to_dict(p) for p in result.problems],
        "graph": node_link(result.graph),
    }


def write_json(result: TraceResult, path: str | Path) -> None:
    """Write the report atomically (a temp file renamed), so a reader never sees half of it."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(report_dict(result), fh, ensure_ascii=False, indent=1, default=str)
    tmp.replace(path)
