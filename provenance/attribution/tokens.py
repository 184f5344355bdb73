"""The token layer the attribution rules read: one article's tokens and per-token tests.

Split out of :mod:`.quotes` so the rule modules share one tokenisation.  Tokens are kept as
parallel lists (offsets, lower-cased forms, text) built at C speed; :class:`Tok` views are made
only for the few tokens a rule looks at around a cue.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

from . import cues as C

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|St|Prof|Rev|Sens|Reps)\.(?=\s)"
    r"|\w+(?:['’\-.]\w+)*"
    r"|--"
    r"|[^\w\s]"
)
# Typewriter dashes: a doubled hyphen, or a hyphen with a space on each side ("X -- an aide --").
_TYPED_DASH = re.compile(r"--|(?<= )-(?= )")
# Words opening an adverbial or clausal piece before the subject ("Outside the hall, X said").
# One-word sentence adverbs that open a clause before its subject ("Recently, X said").
_SENTENCE_ADVERBS = C.word_set(
    """now recently then again today tonight yesterday finally separately similarly additionally
    ultimately currently previously initially eventually clearly indeed notably apparently
    obviously certainly surely afterward afterwards overall nonetheless nevertheless otherwise
    thus hence moreover furthermore likewise lately privately publicly"""
)
_ADJUNCT_OPENERS = C.word_set(
    """not outside inside across near around beyond among against under unlike like through
    where whereas once until unless whether"""
)
_ING_NOUNS = C.word_set(
    "king thing nothing something anything everything evening morning building wedding meeting"
)


class Tok(NamedTuple):
    """One token: offsets, lower-cased form (’ folded to ') and the text as written."""

    start: int
    end: int
    low: str
    text: str


_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")


class Toks:
    """The article's tokens as parallel lists, with :class:`Tok` views made on demand.

    Built with ``re.split`` and ``itertools.accumulate`` so a megabyte of text costs C-speed
    work only; Python objects are made for the few tokens looked at around a cue.
    """

    def __init__(self, text: str) -> None:
        parts = _TOKEN_SPLIT.split(text)
        bounds = list(itertools.accumulate(map(len, parts)))
        self.texts: list[str] = parts[1::2]
        self.starts: list[int] = bounds[0::2][: len(self.texts)]
        self.ends: list[int] = bounds[1::2]
        low = text.lower().replace("’", "'")
        if len(low) == len(text):
            self.lows: list[str] = list(map(low.__getitem__, map(slice, self.starts, self.ends)))
        else:  # lower() changed a length (rare Unicode): fall back per token
            self.lows = [t.lower().replace("’", "'") for t in self.texts]
        for m in _TYPED_DASH.finditer(text):
            i = bisect.bisect_left(self.starts, m.start())
            if i < len(self.starts) and self.starts[i] == m.start():
                self.lows[i] = "—"  # read as the em dash it stands for
        # views made so far: the rules look at the tokens around a cue several times each
        self._views: list[Tok | None] = [None] * len(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Tok:
        view = self._views[i]
        if view is None:
            view = self._views[i] = Tok(self.starts[i], self.ends[i], self.lows[i], self.texts[i])
        return view

    def _touching(self, x: int) -> bool:
        return (
            0 < x < len(self.texts) - 1
            and self.ends[x - 1] == self.starts[x]
            and self.ends[x] == self.starts[x + 1]
        )

    def glued(self, x: int) -> bool:
        """Token ``x`` touches capitalised words on both sides ("P&G"): part of one name."""
        return self._touching(x) and self.texts[x - 1][0].isupper() and self.texts[x + 1][0].isupper()

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
            and self.texts[s][0].isupper()
            and s + 1 < c
            and self.lows[s + 1] in C.PREPOSITIONS
        )


def is_word(t: Tok) -> bool:
    return t.low[0].isalnum() or t.low[0] == "_"


def adverb(t: Tok) -> bool:
    """Lower-case -ly word or a negated auxiliary: sits between a subject and its verb."""
    return (t.low.endswith("ly") and len(t.low) > 4 and not t.text[0].isupper()) or t.low.endswith("n't")


def past_verb(t: Tok) -> bool:
    """A lower-case past form (", referred to ...": the next verb of a list of actions)."""
    return not t.text[0].isupper() and t.low.endswith("ed") and len(t.low) > 4


def participle(t: Tok) -> bool:
    """An -ing form opening a phrase ("Speaking in Harlem, ...")."""
    return t.low.endswith("ing") and len(t.low) > 5 and t.low not in _ING_NOUNS


def is_cap(t: Tok) -> bool:
    return t.text[0].isupper()
