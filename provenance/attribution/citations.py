"""Outlet citations: every place where a text names the outlet or agency it took its
information from, with the via-chain, the evidence sentence and its span.

The rules read *constructions*, not names: "X reports via Y, citing Z", "according to X",
"as first reported by X", "X reported on Tuesday", "h/t X", "Source: X", "This story was first
published by X", "WASHINGTON (X) —" datelines, agency bylines ("X Newsroom", "By X staff"),
a canonical link to another site and hyperlinks to another outlet's article.  Whatever name
stands in the construction's slot is taken as written: the registry (see
:mod:`provenance.attribution.registry`) only adds the domain and the canonical name when it
knows the outlet, because most outlets in a crawl are in no registry.

Precision matters as much as recall: news texts are full of names next to "said" and
"according to" that are people or institutions, not outlets.  The weak constructions therefore
ask the named thing to look like a news outlet (registry, domain, collective such as "Iranian
media", or a news-name word such as "Times", "Post", "Wire"), while the strong constructions
(credit lines, "reports via", "first published by") accept any capitalised name.  Mentions
that name an outlet without sourcing anything from it ("told The Washington Post", "a CNN
poll", "wrote in the Times") are not citations and no rule matches them.

The work is split by concern: :mod:`.cite_names` (what counts as an outlet name, own-outlet
detection), :mod:`.cite_rules` (the table of constructions), :mod:`.cite_text` (matching the
rules against the text), :mod:`.cite_datelines_bylines` and :mod:`.cite_links` (canonical link
and hyperlinks).  This module assembles them and removes duplicate citations.
"""

from __future__ import annotations

from provenance.models import Article, Attribution

from .cite_datelines_bylines import byline_citations, dateline_citations
from .cite_links import canonical_citations, merge_links
from .cite_names import CiteContext
from .cite_text import text_citations
from .registry import Registry, name_key


def extract_citations(article: Article, registry: Registry) -> list[Attribution]:
    """All outlet citations of ``article`` (text constructions, datelines, bylines, canonical
    and hyperlinks), one per (cited outlet, construction), in text order.

    Citations of the article's own outlet are dropped; an unknown outlet is kept as written
    with ``cited_kind="unknown"``.
    """
    ctx = CiteContext.of(article, registry)
    out: list[Attribution] = []
    out.extend(text_citations(article, ctx))
    out.extend(dateline_citations(article, ctx))
    out.extend(byline_citations(article, ctx))
    out.extend(canonical_citations(article, ctx))
    out = merge_links(article, ctx, out)
    return _dedupe(out)


_TEXT_MODES = frozenset({"text", "credit", "via"})


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One citation per (cited, via, mode, span); overlapping text matches keep the one with
    the longer chain (a "reports via" match beats the plain "reported" inside it)."""
    atts = sorted(atts, key=lambda a: (a.span[0], -(a.span[1] - a.span[0])))
    kept: list[Attribution] = []
    for a in atts:
        dup = False
        for b in kept:
            overlap = a.span[0] < b.span[1] and b.span[0] < a.span[1]
            same_place = a.span == b.span or (
                overlap and (a.mode == b.mode or {a.mode, b.mode} <= _TEXT_MODES)
            )
            if same_place and name_key(a.cited) == name_key(b.cited) and set(a.via) <= set(b.via):
                dup = True
                break
            if (
                same_place
                and a.mode not in ("canonical", "byline", "link")
                and (name_key(a.cited) in {name_key(v) for v in b.via})
            ):
                dup = True
                break
        if not dup:
            kept.append(a)
    return kept
