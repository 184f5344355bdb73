"""Whether a cue word is used as a verb, and the comma a participle clause hangs on.

Apart from :mod:`.reporting_verbs` (to keep it readable in one sitting): the tests that tell a cue
word used as a verb ("the senators say") from one used as a noun or adjective ("a controversial
tweet", "the campaign calls", "Trump's tweet"), a bare participle modifying a noun ("a memo
released by ..."), a headline's title case, and the clause end before a participle ("...,
adding that", '"...," adding that').
"""

from __future__ import annotations

from .. import wordlists as W
from . import cues as C
from .content_bounds import opens_quote
from .quoted_text import ArticleView, Rel, closer
from .tokens import adverb, is_cap, is_word

_NOUN_DETERMINERS = W.words("verb_forms", "noun_determiners")
_MODAL_LIKE = W.words("verb_forms", "modal_like")
# Words whose "'s" is "is" or "has" ("he's said", "that's what ..."), not a possessive.
_NOT_POSSESSIVE = W.words("verb_forms", "not_possessive")
# Past participles not ending in "-ed" (a reduced passive "a book written by ...").
# Prepositions whose object a participle may describe ("in a memo released ...").
_OBJECT_PREPS = W.words("verb_forms", "object_preps")
_PARTICIPLES = W.words("verb_forms", "participles")
# Adverbs of AUX_ADV that a bare participle may carry ("first reported", "long viewed").
_BARE_ADVERBS = W.words("verb_forms", "bare_adverbs")
# "said by telephone": the means of speaking, not an agent.
_MEANS = W.words("verb_forms", "means")
# Words opening a verb's object: "the candidate claims his ...", "the video shows her".
_OBJECT_OPENERS = W.words("verb_forms", "object_openers")
_CLAUSE_OPENERS = W.words("verb_forms", "clause_openers")
_PLURAL_NOUNS = W.words("verb_forms", "plural_nouns")


def verb_like(art: ArticleView, k: int, a: int) -> bool:
    """Reject cue words used as nouns or adjectives ("the report", "a said ...")."""
    t = art.toks[k]
    if k > a:
        p = art.toks[k - 1].low
        if p in _NOUN_DETERMINERS:
            return False  # "a tweet", "his remarks": no verb follows a determiner
        if p in C.DETERMINERS and (t.low in C.NOUN_LIKE or t.low.endswith("ing")):
            return False
        if p in ("the", "a", "an") and t.low == "said":
            return False
        if p == "one" and t.low in C.NOUN_LIKE and k - 2 >= a and art.toks.lows[k - 2] in C.PREPOSITIONS:
            return False  # "At one point, X ...", "in one tweet": a noun after a numeral
        if p in ("to",) and t.low.endswith(("ed", "ing")):
            return False
        if k - 2 >= a and _noun_after_modifier(art, k):
            return False  # "a controversial tweet", "the rowdy feel": a noun
    if is_cap(t) and k > a and art.toks[k - 1].low not in ("“", '"', "”"):
        return _title_case(art, k)  # "Clinton Says Russians Hacked DNC" (a headline)
    return True


def after_possessive(art: ArticleView, k: int) -> bool:
    """A cue word right after a possessive name ("Trump's tweet came as ...") is a noun or
    an adjective, not a verb whose subject is the name; it still reports the name's claim
    when a clause or an infinitive follows ("Trump's claim that ...", "X's pledge to ...")
    or it is a view ("in X's view").  "he's said", "who's argued" are contractions of
    "has"/"is", not possessives."""
    toks = art.toks
    p = toks.lows[k - 1]
    head, sep, tail = p.rpartition("'")
    if not sep or tail not in ("s", "") or not head or head in _NOT_POSSESSIVE:
        return False
    if tail == "" and not head.endswith("s"):
        return False  # a closing quotation mark glued to a word, not "Sanders' plan"
    w = toks.lows[k]
    if C.CUE_FORMS.get(w) == "view":
        return False
    nxt = toks.lows[k + 1] if k + 1 < len(toks) else ""
    return nxt not in ("that", "to")


def _noun_after_modifier(art: ArticleView, k: int) -> bool:
    """A bare cue form after a determiner and one modifier ("a controversial tweet", "an
    old quip", "the boxing champion"): a noun, since a singular subject would take "-s"
    ("a senator says") and a plural one ends in "-s" itself ("the senators say")."""
    toks = art.toks
    w, m, d = toks.lows[k], toks.lows[k - 1], toks.lows[k - 2]
    if d not in _NOUN_DETERMINERS or C.CUE_FORMS.get(w) != w:
        return False
    t = toks[k - 1]
    return (
        is_word(t)
        and not is_cap(t)
        and not adverb(t)
        and m not in C.AUX_ADV
        and m not in _MODAL_LIKE
        and not (m.endswith("s") and not m.endswith("ss"))
        and m not in _PLURAL_NOUNS
    )


def _title_case(art: ArticleView, k: int) -> bool:
    """True inside a headline-style run where most words are capitalised."""
    lo, hi = max(0, k - 6), min(len(art.toks), k + 6)
    words = [i for i in range(lo, hi) if is_word(art.toks[i]) and len(art.toks.lows[i]) > 3]
    return len(words) >= 3 and sum(is_cap(art.toks[i]) for i in words) >= 0.8 * len(words)


def participle_comma(art: ArticleView, j: int, a: int) -> bool:
    """Token ``j`` ends the clause a participle hangs on: a comma or dash, or a quotation
    closed after its comma ('X said "we will win," adding that ...')."""
    lw = art.toks.lows[j]
    if lw in (",", "—", "–"):
        return True
    return j - 1 >= a and art.toks.lows[j - 1] == "," and closer(art, j)


def agrees_as_verb(art: ArticleView, j: int, k: int, b: int) -> bool:
    """A noun-like cue after a lower-case noun that still reads as the verb.

    "researchers hope", "many observers doubt": a plural noun then the bare form is a
    subject and its verb (a compound would be "researcher hopes"); "the suit claims that",
    "the plan promises to": what follows marks a verb.
    """
    toks = art.toks
    lows = toks.lows
    prev, w = lows[j], lows[k]
    plural = prev.endswith("s") and not prev.endswith(("ss", "'s", "us", "is")) and len(prev) > 3
    if plural and not w.endswith("s"):
        return True
    nxt = lows[k + 1] if k + 1 < b else ""
    if w.endswith("s") and not plural and nxt in ("", ".", ",") and _after_comma_np(art, j):
        return True  # "..., local media reports.": a subject and its verb closing the sentence
    if not w.endswith("s") or plural:
        return False
    if nxt in ("that", "to", ":") or (k + 1 < b and opens_quote(art, k + 1)):
        return True
    # "The candidate claims his ...", "A video of the rally shows her ...", "the plan calls
    # for ...": a determined singular noun, then the cue and its object
    nt = toks[k + 1] if k + 1 < b else None
    if nt is None or not (
        nxt in _OBJECT_OPENERS
        or (is_cap(nt) and is_word(nt) and nt.text not in C.NOT_NAMES and nxt not in C.TIME_WORDS)
        or (nxt in ("for", "on") and C.CUE_FORMS.get(w) == "call")
    ):
        return False
    x = j
    while x > 0 and j - x < 3 and is_word(toks[x]) and not is_cap(toks[x]) and lows[x] not in C.DETERMINERS:
        x -= 1
    return lows[x] in C.DETERMINERS and (x == 0 or not is_word(toks[x - 1]) or lows[x - 1] in _CLAUSE_OPENERS)


def _after_comma_np(art: ArticleView, j: int) -> bool:
    """The words up to ``j`` are a short noun phrase right after a comma ("..., local media")."""
    lows = art.toks.lows
    x = j
    while x > 0 and j - x < 4 and is_word(art.toks[x]):
        if lows[x] in C.PREPOSITIONS or lows[x] == "according":
            return False  # "..., according to reports.": the noun after a preposition
        x -= 1
    return lows[x] == "," and x < j


def participle_after_preposition(art: ArticleView, rel: Rel, k: int) -> bool:
    """The cue is a bare past participle right after "<preposition> a/an/the <noun>"."""
    src = rel.source
    lows = art.toks.lows
    if src is None or src[1] != k or rel.cue != (k, k + 1) or src[0] == 0:
        return False
    w = lows[k]
    return w.endswith("ed") and lows[src[0]] in ("a", "an", "the") and lows[src[0] - 1] in _OBJECT_PREPS


def reduced_passive(art: ArticleView, k: int, cue: tuple[int, int], b: int) -> bool:
    """Cue ``k`` is a bare past participle whose agent follows ("released Friday by the
    party", "first reported by the Times"): no auxiliary makes it a finite verb, and "by"
    takes a noun phrase, not a gerund ("responded by saying" is the speaker's own act)."""
    lows = art.toks.lows
    w = lows[k]
    if not (w.endswith("ed") or w in _PARTICIPLES) or any(
        lows[x] in C.AUX_ADV - _BARE_ADVERBS for x in range(*cue)
    ):
        return False
    m = k + 1
    while m < b and m - k <= 3 and (lows[m] in C.TIME_WORDS or lows[m] == "on"):
        m += 1
    if m > k + 1 and m < b and lows[m] in C.CUE_FORMS and not lows[m].endswith("ing"):
        return True  # "a survey released last week found ...": the main verb follows
    return m + 1 < b and lows[m] == "by" and not lows[m + 1].endswith("ing") and lows[m + 1] not in _MEANS
