"""The token layer the attribution rules read: one article's tokens and per-token tests.

Split out of :mod:`.quotes` so the rule modules share one tokenisation.  Tokens are kept as
parallel lists (offsets, lower-cased forms, text) built at C speed; :class:`Tok` views are made
only for the few tokens a rule looks at around a cue.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from . import cues as C

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|St|Prof|Rev|Sens|Reps)\.(?=\s)"
    r"|\w+(?:['’\-.]\w+)*"
    r"|[^\w\s]"
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

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Tok:
        return Tok(self.starts[i], self.ends[i], self.lows[i], self.texts[i])


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
