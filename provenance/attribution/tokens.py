"""The token layer the attribution rules read: one article's tokens and per-token tests.

The tokens are the article's analysis' (:mod:`provenance.segment`), so the rule modules and
every later stage share one tokenisation.  They are kept as parallel lists (offsets,
lower-cased forms, text) made at C speed; :class:`Tok` views are made only for the few tokens
a rule looks at around a cue.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import wordlists as W
from ..models import Analysis
from ..segment import token_lows
from . import cues as C

# One-word sentence adverbs that open a clause before its subject ("Recently, X said").
_SENTENCE_ADVERBS = W.words("tokens", "sentence_adverbs")
# Words opening an adverbial or clausal piece before the subject ("Outside the hall, X said").
_ADJUNCT_OPENERS = W.words("tokens", "adjunct_openers")
# Words in -ing that are nouns, not participles ("the meeting", "nothing").
_ING_NOUNS = W.words("tokens", "ing_nouns")


class Tok(NamedTuple):
    """One token: offsets, lower-cased form (’ folded to ') and the text as written."""

    start: int
    end: int
    low: str
    text: str


class Toks:
    """The article's tokens (from its :class:`~provenance.models.Analysis`) as parallel lists,
    with :class:`Tok` views made on demand.

    The segment stage found the tokens; here their lower-cased forms, which every rule
    reads, are sliced out of the text once (C-speed work); a token as written is sliced when a
    rule asks, and Python objects are made only for the few tokens looked at around a cue.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.text
        # lists for the rules' many look-ups (an array makes an int object per read)
        self.starts: list[int] = analysis.token_starts.tolist()
        self.ends: list[int] = analysis.token_ends.tolist()
        self.lows: list[str] = token_lows(analysis)
        # views made so far: the rules look at the tokens around a cue several times each
        self._views: list[Tok | None] = [None] * len(self.lows)

    def __len__(self) -> int:
        return len(self.lows)

    def __getitem__(self, i: int) -> Tok:
        view = self._views[i]
        if view is None:
            s, e = self.starts[i], self.ends[i]
            view = self._views[i] = Tok(s, e, self.lows[i], self.text[s:e])
        return view

    def _touching(self, x: int) -> bool:
        return (
            0 < x < len(self.lows) - 1
            and self.ends[x - 1] == self.starts[x]
            and self.ends[x] == self.starts[x + 1]
        )

    def glued(self, x: int) -> bool:
        """Token ``x`` touches capitalised words on both sides ("P&G"): part of one name."""
        return (
            self._touching(x)
            and self.text[self.starts[x - 1]].isupper()
            and self.text[self.starts[x + 1]].isupper()
        )

    def digit_comma(self, c: int) -> bool:
        """A thousands separator ("$70,000"), not a phrase break."""
        return self._touching(c) and self.lows[c - 1][-1].isdigit() and self.lows[c + 1][0].isdigit()

    def adjunct_piece(self, s: int, c: int) -> bool:
        """Whether the comma piece from token ``s`` to ``c`` is an adjunct, not the subject.

        "Outside the campaign, X said", "Not far away, X were talking", "Alarmed by the
        unrest, X said", "..., where it costs $70, X suggested": the speaker follows the comma.
        """
        low = self.lows[s]
        if low in C.OPENERS or low in C.PREPOSITIONS or low in _ADJUNCT_OPENERS or participle(self[s]):
            return True
        if c == s + 1 and low in _SENTENCE_ADVERBS:
            return True  # "Now, ...", "Recently, X stood ...": a sentence adverb, not a subject
        return (
            low.endswith("ed")
            and len(low) > 4
            and self.text[self.starts[s]].isupper()
            and s + 1 < c
            and self.lows[s + 1] in C.PREPOSITIONS
        )


def is_word(t: Tok) -> bool:
    return t.low[0].isalnum() or t.low[0] == "_"


def adverb(t: Tok) -> bool:
    """Lower-case -ly word or a negated auxiliary: sits between a subject and its verb."""
    return (t.low.endswith("ly") and len(t.low) > 4 and not t.text[0].isupper()) or t.low.endswith("n't")


def adverb_at(toks: Toks, x: int) -> bool:
    """:func:`adverb` at token ``x``, unless a determiner or a possessive makes the -ly word a
    noun: "The family said", "the daily reported", "her ally said"."""
    if not adverb(toks[x]):
        return False
    prev = toks.lows[x - 1] if x > 0 else ""
    return not (toks.lows[x].endswith("ly") and (prev in C.DETERMINERS or prev.endswith("'s")))


def past_verb(t: Tok) -> bool:
    """A lower-case past form (", referred to ...": the next verb of a list of actions)."""
    return not t.text[0].isupper() and t.low.endswith("ed") and len(t.low) > 4


def participle(t: Tok) -> bool:
    """An -ing form opening a phrase ("Speaking in Harlem, ...")."""
    return t.low.endswith("ing") and len(t.low) > 5 and t.low not in _ING_NOUNS


# A domain written as a name ("crescentwire.ae reports"): a proper name in lower case.
_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}")


def is_cap(t: Tok) -> bool:
    """A capitalised word, or a domain written as a name."""
    return t.text[0].isupper() or ("." in t.low and _DOMAIN.fullmatch(t.low) is not None)
