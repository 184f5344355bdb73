"""One article as the attribution rules see it: tokens, quotations, units and their look-ups.

:class:`ArticleView` is the frozen per-article view every rule function takes as its first
argument: the article's :class:`~provenance.models.Analysis` (tokens, quotation spans) plus
what the pass derives from it once (lower-cased token forms, quotation starts, sentence
units).  The functions here answer the questions every rule asks ("is this offset inside a
quotation?", "does a quotation start right here?").  This module also holds :class:`Rel`, the
relation record the rules produce, and the length bounds they share.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..models import Analysis, Span
from .quote_marks import sentence_units
from .tokens import Toks

# Longest content we report; a run-on "sentence" (no punctuation for megabytes) is cut here.
MAX_CONTENT = 2500
# How far (tokens) the subject search looks back from a cue: keeps the pass linear.
LOOKBACK = 60

_QUOTE_TOKS = frozenset(["”", '"', "'", "“"])


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article's tokens, quotations and units, made once per article (:func:`view`)."""

    text: str
    toks: Toks
    starts: list[int]  # token starts (``toks.starts``, read by every look-up)
    quotes: tuple[Span, ...]
    qstarts: tuple[int, ...]
    units: tuple[Span, ...]


def view(analysis: Analysis) -> ArticleView:
    """The rules' view of an analysed article."""
    toks = Toks(analysis)
    return ArticleView(
        text=analysis.text,
        toks=toks,
        starts=toks.starts,
        quotes=analysis.quotations,
        qstarts=tuple(q[0] for q in analysis.quotations),
        units=tuple(sentence_units(analysis)),
    )


@dataclass(frozen=True)
class Rel:
    """One relation: the content's character span, the source and cue as token ranges."""

    content: Span
    source: tuple[int, int] | None  # token index range [a, b)
    cue: tuple[int, int]  # token index range [a, b)


def tok_range(art: ArticleView, s: int, e: int) -> tuple[int, int]:
    return bisect.bisect_left(art.starts, s), bisect.bisect_left(art.starts, e)


def quote_at(art: ArticleView, pos: int) -> Span | None:
    """The quotation containing ``pos`` (or starting at it), if any."""
    i = bisect.bisect_right(art.qstarts, pos) - 1
    if i >= 0 and art.quotes[i][0] <= pos < art.quotes[i][1]:
        return art.quotes[i]
    return None


def quote_after(art: ArticleView, pos: int) -> Span | None:
    """A quotation starting right after ``pos`` (only white space between)."""
    i = bisect.bisect_left(art.qstarts, pos)
    if i < len(art.quotes) and not art.text[pos : art.quotes[i][0]].strip():
        return art.quotes[i]
    return None


def quote_before(art: ArticleView, pos: int) -> Span | None:
    """A quotation ending right before ``pos`` (only white space between)."""
    i = bisect.bisect_left(art.qstarts, pos) - 1
    if i < 0:
        return None
    q = art.quotes[i]
    if q[1] <= pos and not art.text[q[1] : pos].strip():
        return q
    return None


def closer(art: ArticleView, i: int) -> bool:
    """Token ``i`` is the mark that closes a quotation (whatever glyph was typed)."""
    toks = art.toks
    if i < 0 or toks.lows[i] not in _QUOTE_TOKS:
        return False
    q = quote_at(art, toks.starts[i])
    return q is not None and q[1] == toks.ends[i]


def in_quote(art: ArticleView, pos: int) -> bool:
    """Inside a quotation: the speaker's own words, not the article's attribution."""
    q = quote_at(art, pos)
    return q is not None and q[0] < pos
