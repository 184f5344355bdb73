"""Small token tests the content bounds share: a medium or programme title setting the scene
("in an interview", 'on Fox News channel’s “Sunday Morning Futures,”'), and a new clause with a
named subject ("..., and Ohio has renamed its program").

Apart from :mod:`.content_bounds` to keep that module readable in one sitting; these read
tokens and quotations only.
"""

from __future__ import annotations

from .. import wordlists as W
from . import cues as C
from .quoted_text import ArticleView, in_quote, quote_at, tok_range
from .tokens import Tok, adverb, is_cap, is_word, past_verb

MEDIA = W.words("scene", "media")
# Words before a medium noun: a determiner, then a modifier ("a recent interview", "his
# televised address").
_MEDIUM_DETERMINERS = W.words("scene", "medium_determiners")
_MEDIUM_MODIFIERS = W.words("scene", "medium_modifiers")
# Small words a title-cased name may hold ("Face the Nation", "Meet the Press").
_TITLE_SMALL = W.words("scene", "title_small")
# Subject openers after ", and" that are not names: quantifiers and determiners.
_QUANTIFIED = W.words("scene", "quantified")
_SUBJECT_PRONOUNS = W.words("scene", "subject_pronouns")
# Finite auxiliaries and modals: a verb, so no subject or adjunct phrase holds one.
FINITE_AUX = W.words("scene", "finite_aux")


def medium_at(art: ArticleView, m: int, hi: int) -> bool:
    """Whether a medium follows ("an interview", "Twitter"): where it was said, not what."""
    lows = art.toks.lows
    if m < hi and lows[m] in _MEDIUM_DETERMINERS:
        m += 1
    if m < hi and lows[m] in _MEDIUM_MODIFIERS:
        m += 1
    return m < hi and lows[m] in MEDIA


def title_quote(art: ArticleView, c: int) -> bool:
    """The quotation closed at token ``c`` follows a preposition ('On "Face the Nation," X
    said ...'): a programme or book title setting the scene, not the words reported."""
    q = quote_at(art, art.toks.starts[c])
    o = tok_range(art, q[0], q[0])[0] if q is not None else 0
    if o <= 0 or c - o > 6:
        return False
    if art.toks.lows[o - 1] in C.PREPOSITIONS:
        return True
    # 'on Fox News channel’s “Sunday Morning Futures,” X said': a title-cased name after a
    # possessive is a programme, not words
    words = [art.toks[x] for x in range(o + 1, c) if is_word(art.toks[x])]
    return (
        art.toks.lows[o - 1].endswith(("'s", "’s"))
        and bool(words)
        and all(is_cap(t) or t.low in _TITLE_SMALL for t in words)
    )


def named_clause(art: ArticleView, x: int, hi: int) -> bool:
    """A clause with a named subject starts at ``x`` ("..., and Ohio has renamed its
    program"): capitalised words, then a lower-case finite verb."""
    toks = art.toks
    if x >= hi or in_quote(art, toks.starts[x]):
        return False
    y = x
    while y < hi and y - x < 4 and is_word(toks[y]) and (is_cap(toks[y]) or toks.lows[y] in ("'s", "’s")):
        y += 1
    if y == x and toks.lows[x] in _QUANTIFIED:
        # "..., and none has said ...", "..., and others say ...", "..., and the group
        # says ...": a quantifier or a short determined noun phrase, then a finite verb
        y = x + 1
        while (
            y < hi
            and y - x < 4
            and is_word(toks[y])
            and not is_cap(toks[y])
            and not _finite_verb(toks[y])
            and toks.lows[y] not in C.CLAUSE_BOUNDARY
        ):
            y += 1
    return x < y < hi and not is_cap(toks[y]) and _finite_verb(toks[y])


def clause_starts(art: ArticleView, x: int, hi: int) -> bool:
    """A clause with a subject of its own starts at ``x`` ("he introduced a bill",
    "Congress grappled with ..."): a personal pronoun or a named or determined subject,
    then a finite verb."""
    toks = art.toks
    if x >= hi or in_quote(art, toks.starts[x]):
        return False
    if toks.lows[x] in _SUBJECT_PRONOUNS:
        y = x + 1
        while y < hi and y - x < 3 and adverb(toks[y]):
            y += 1
        return y < hi and _finite_verb(toks[y])
    return named_clause(art, x, hi)


def _finite_verb(t: Tok) -> bool:
    """A word that reads as a finite verb (an auxiliary, a past form, a verb cue)."""
    return (
        t.low in FINITE_AUX
        or t.low in C.VERBISH
        or past_verb(t)
        or (t.low in C.CUE_FORMS and t.low not in C.NOUN_LIKE)
    )
