"""One article as the attribution rules see it: tokens, quotations, units and their look-ups.

Split out of :mod:`.quotes` as the common base of the rule classes (:mod:`.subjects`,
:mod:`.content_bounds`, :mod:`.reporting_verbs`, :mod:`.extractor`): it builds the article's
tokens, quotation spans and sentence units once and answers the questions every rule asks
("is this offset inside a quotation?", "does a quotation start right here?").  It also holds
:class:`Rel`, the relation record the rules produce, and the length bounds they share.
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


@dataclass(frozen=True)
class Rel:
    """One relation: the content's character span, the source and cue as token ranges."""

    content: Span
    source: tuple[int, int] | None  # token index range [a, b)
    cue: tuple[int, int]  # token index range [a, b)


class QuotedText:
    """One article's tokens, quotations and units, with the look-ups the rules share."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.text
        self.toks = Toks(analysis)
        self.starts = self.toks.starts
        self.quotes = analysis.quotations
        self.qstarts = [q[0] for q in self.quotes]
        self.units = sentence_units(analysis)

    def _tok_range(self, s: int, e: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)

    def _quote_at(self, pos: int) -> Span | None:
        """The quotation containing ``pos`` (or starting at it), if any."""
        i = bisect.bisect_right(self.qstarts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return self.quotes[i]
        return None

    def _quote_after(self, pos: int) -> Span | None:
        """A quotation starting right after ``pos`` (only white space between)."""
        i = bisect.bisect_left(self.qstarts, pos)
        if i < len(self.quotes) and not self.text[pos : self.quotes[i][0]].strip():
            return self.quotes[i]
        return None

    def _quote_before(self, pos: int) -> Span | None:
        """A quotation ending right before ``pos`` (only white space between)."""
        i = bisect.bisect_left(self.qstarts, pos) - 1
        if i < 0:
            return None
        q = self.quotes[i]
        if q[1] <= pos and not self.text[q[1] : pos].strip():
            return q
        return None

    def _closer(self, i: int) -> bool:
        """Token ``i`` is the mark that closes a quotation (whatever glyph was typed)."""
        toks = self.toks
        if i < 0 or toks.lows[i] not in _QUOTE_TOKS:
            return False
        q = self._quote_at(toks.starts[i])
        return q is not None and q[1] == toks.ends[i]

    def _in_quote(self, pos: int) -> bool:
        """Inside a quotation: the speaker's own words, not the article's attribution."""
        q = self._quote_at(pos)
        return q is not None and q[0] < pos
