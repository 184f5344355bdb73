"""Quotation marks paired into quotation spans: the stretches of text that are a speaker's own
words.

Part of the segment stage (:mod:`provenance.segment` puts the spans in the article's
:class:`~provenance.models.Analysis`), so the quote pass and every later stage read one
pairing.  Plain character work that needs no tokens or vocabulary: straight, curly and
NYT-style ``''`` marks, quotes continued over paragraphs, and bounds that keep unbalanced or
hostile input linear.
"""

from __future__ import annotations

import re

from .models import Span

# Longest quotation (characters) we pair; longer "quotes" are unbalanced marks, not speech.
MAX_QUOTE = 4000

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
