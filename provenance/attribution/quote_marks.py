"""Quotation marks: pairing them into quotation spans, and the sentence units they join.

Split out of :mod:`.quotes` because mark pairing is plain character work that needs no
tokens or cue vocabulary: it decides which stretches of text are a speaker's own words (straight,
curly and NYT-style ``''`` marks, quotes continued over paragraphs) and, from that, which
sentences must be read together because a quotation runs across their break.
"""

from __future__ import annotations

import bisect
import re

from ..models import Span
from ..segment import sentence_spans

# Longest quotation (characters) we pair; longer "quotes" are unbalanced marks, not speech.
MAX_QUOTE = 4000
# Longest unit (merged sentences) we build around a quotation.
MAX_UNIT = 6000

_EXTRA_BREAK = re.compile(r"[.!?]\s+(?=''[A-Z])")
_QUOTE_CHAR = re.compile(r"''|[\"“”]")  # '' is the NYT archive's straight double quote
OPEN_MARKS = frozenset('“"')


def quotation_spans(text: str, paragraphs: tuple[Span, ...] | list[Span]) -> list[Span]:
    """Pair quotation marks into spans (marks included), paragraph by paragraph.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quote mark (the news convention for multi-paragraph quotes); otherwise it is dropped.
    Opening marks met inside an open quote are ignored (unless placed like a closing mark:
    a “ typed for ”), so thousands of nested marks cost one pass.  Quotes longer than
    :data:`MAX_QUOTE` are dropped.
    """
    out: list[Span] = []
    open_at: int | None = None
    prev_end = 0
    for ps, pe in paragraphs:
        if open_at is not None:
            if (text[ps] in OPEN_MARKS or text.startswith("''", ps)) and ps - open_at <= MAX_QUOTE:
                pass  # continuation paragraph
            else:
                _close(out, open_at, prev_end)
                open_at = None
        for m in _QUOTE_CHAR.finditer(text, ps, pe):
            i = m.start()
            ch = text[i]
            w = m.end() - i
            if open_at is not None and i - open_at > MAX_QUOTE:
                open_at = None  # runaway: not a quotation
            if ch == "“":
                if open_at is None:
                    open_at = i
                elif i > open_at + 1 and _closes(text, i, pe):
                    out.append((open_at, i + 1))  # a “ typed where ” belongs: '...,“ said X'
                    open_at = None
            elif ch == "”":
                if open_at is not None:
                    out.append((open_at, i + 1))
                    open_at = None
                elif _opens(text, i, 1, ps, pe):
                    open_at = i  # a ” typed where “ belongs
            else:  # straight quote: direction from its neighbours
                if open_at is None:
                    if _opens(text, i, w, ps, pe):
                        open_at = i
                elif i == ps:
                    pass  # continuation mark
                else:
                    out.append((open_at, i + w))
                    open_at = None
        prev_end = pe
    if open_at is not None:
        _close(out, open_at, prev_end)
    return out


def _close(out: list[Span], open_at: int, end: int) -> None:
    """A quote still open at the end of its paragraph (and not continued) is dropped: where it
    really ends is unknown, and treating the rest of the paragraph as quoted would hide the
    attribution that often follows ('"... to keep, said Kessel')."""
    return


def _closes(text: str, i: int, pe: int) -> bool:
    """A mark closes when it ends a word: a non-space before, space or punctuation after."""
    after = text[i + 1] if i + 1 < pe else " "
    return not text[i - 1].isspace() and (after.isspace() or after in ".,;:!?)]—–-")


def _opens(text: str, i: int, w: int, ps: int, pe: int) -> bool:
    """A straight quote opens when it starts a word: space/bracket before, a non-space after."""
    before = text[i - 1] if i > ps else " "
    after = text[i + w] if i + w < pe else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def sentence_units(text: str, paragraphs: tuple[Span, ...] | list[Span], quotes: list[Span]) -> list[Span]:
    """Sentences, merged where a sentence break falls inside a quotation of the paragraph."""
    qstarts = [q[0] for q in quotes]
    out: list[Span] = []
    for ps, pe in paragraphs:
        sents = [piece for sp in sentence_spans(text, ps, pe) for piece in _split_extra(text, sp)]
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


def _inside_quote(a: int, b: int, quotes: list[Span], qstarts: list[int]) -> bool:
    """True when a quotation spans the gap [a, b) between two sentences."""
    i = bisect.bisect_right(qstarts, a) - 1
    return i >= 0 and quotes[i][0] < a and quotes[i][1] >= b
