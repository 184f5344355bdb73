"""Outlet citations: every place where a text names the outlet or agency it took its
information from, with the via-chain, the evidence sentence and its span.

Two readers, one per kind of place:

- **in the story's sentences**, a citation is an attribution relation whose *source* names
  an outlet or a group of outlets (:mod:`.cite_relations` over the relations of
  :mod:`.quotes`, the source read by :mod:`.outlet_sources`): "X reported", "according to a
  report by X", "X, citing Y, said", "the daily said" -- whatever the cue, as long as the
  relation pass reads a relation;
- **outside them**, credit lines, bylines and datelines are found by their shape and place
  (:mod:`.cite_lines`), and the page's canonical link and hyperlinks to another outlet's
  article by :mod:`.cite_links`.

Citations of the article's own outlet are dropped; an outlet the registry does not know is
kept as written with ``cited_kind="unknown"``; a collective ("Iranian media", "media
reports") is a ``source_group``, which credit checks read as vague credit.
"""

from __future__ import annotations

from collections.abc import Sequence

from provenance.models import Article, Attribution, Quote, Span
from provenance.segment import paragraph_spans, sentence_spans

from .cite_lines import line_citations
from .cite_links import canonical_citations, merge_links
from .cite_names import CiteContext
from .cite_relations import passive_agent_citations, quoted_as_citations, relation_citations
from .outlet_sources import SourceReader
from .registry import Registry, name_key


def extract_citations(
    article: Article,
    registry: Registry,
    quotes: Sequence[Quote] | None = None,
    paragraphs: Sequence[Span] = (),
    sentences: Sequence[Span] = (),
) -> list[Attribution]:
    """All outlet citations of ``article``, one per (cited outlet, place), in text order.

    ``quotes`` are the article's attribution relations (:func:`.quotes.extract_quotes`);
    ``paragraphs`` and ``sentences`` its segmentation (each computed here when not given).
    """
    text = article.text
    if quotes is None:
        from .quotes import extract_quotes

        quotes = extract_quotes(article)
    paragraphs = paragraphs or article.paragraphs or paragraph_spans(text)
    sentences = sentences or [s for ps, pe in paragraphs for s in sentence_spans(text, ps, pe)]
    ctx = CiteContext.of(article, registry)
    reader = SourceReader.of(text, registry)
    out: list[Attribution] = []
    out.extend(relation_citations(article, quotes, ctx, sentences, reader))
    out.extend(passive_agent_citations(article, ctx, sentences, reader, [a.span for a in out]))
    out.extend(quoted_as_citations(article, ctx, sentences, reader, [a.span for a in out]))
    cues = [q.cue_span for q in quotes if q.cue_span is not None]
    out.extend(line_citations(article, ctx, paragraphs, reader, cues, sentences))
    out.extend(canonical_citations(article, ctx))
    out = merge_links(article, ctx, out, sentences)
    return _dedupe(out)


_TEXT_MODES = frozenset({"text", "credit", "via"})


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One citation per (cited, via, mode, span); overlapping text matches keep the one with
    the longer chain (a "reports via" relation beats the plain "reported" inside it)."""
    # a credit line read by its shape wins over the relation read inside it ("This story was
    # first published by X"), and the longer chain over the shorter
    atts = sorted(atts, key=lambda a: (a.mode != "credit", -len(a.via), a.span[0], -(a.span[1] - a.span[0])))
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
    return sorted(kept, key=lambda a: a.span[0])
