"""The sentence units the quote pass reads: sentences joined where a quotation runs across
their break.

The quotation spans themselves are paired once by the segment stage
(:mod:`provenance.quotations`, in the article's :class:`~provenance.models.Analysis`);
:func:`quotation_spans` is re-exported here for callers of its old home.  From those spans and
the analysis' sentences this decides which sentences must be read together, so a
multi-sentence quote and its cue are seen in one unit.
"""

from __future__ import annotations

import bisect
import re
from itertools import groupby

from ..models import Analysis, Span
from ..quotations import MAX_QUOTE, OPEN_MARKS, quotation_spans

__all__ = ["MAX_QUOTE", "MAX_UNIT", "OPEN_MARKS", "quotation_spans", "sentence_units"]

# Longest unit (merged sentences) we build around a quotation.
MAX_UNIT = 6000

_EXTRA_BREAK = re.compile(r"[.!?]\s+(?=''[A-Z])")


def sentence_units(analysis: Analysis) -> list[Span]:
    """Sentences, merged where a sentence break falls inside a quotation of the paragraph."""
    text = analysis.text
    quotes = analysis.quotations
    qstarts = [q[0] for q in quotes]
    out: list[Span] = []
    for _, para in groupby(analysis.sentences, key=lambda s: s.paragraph):
        sents = [piece for sent in para for piece in _split_extra(text, sent.span)]
        cur: Span | None = None
        for s, e in sents:
            if cur is not None and e - cur[0] <= MAX_UNIT and _inside_quote(cur[1], s, quotes, qstarts):
                cur = (cur[0], e)
                continue
            if cur is not None:
                out.append(cur)
            cur = (s, e)
        if cur is not None:
            out.append(cur)
    return [piece for u in out for piece in _chunks(text, u)]


def _chunks(text: str, unit: Span) -> list[Span]:
    """A unit longer than :data:`MAX_UNIT` (a run-on paragraph) cut at spaces into pieces."""
    s, e = unit
    if e - s <= MAX_UNIT:
        return [unit]
    out: list[Span] = []
    while e - s > MAX_UNIT:
        cut = text.rfind(" ", s + MAX_UNIT // 2, s + MAX_UNIT)
        if cut < 0:
            cut = s + MAX_UNIT
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def _split_extra(text: str, span: Span) -> list[Span]:
    """Sentence breaks the segmenter keeps together: before a '' (NYT archive) quotation."""
    s, e = span
    out: list[Span] = []
    for m in _EXTRA_BREAK.finditer(text, s, e):
        out.append((s, m.start() + 1))
        s = m.end()
    out.append((s, e))
    return out


def _inside_quote(a: int, b: int, quotes: tuple[Span, ...], qstarts: list[int]) -> bool:
    """True when a quotation spans the gap [a, b) between two sentences."""
    i = bisect.bisect_right(qstarts, a) - 1
    return i >= 0 and quotes[i][0] < a and quotes[i][1] >= b
