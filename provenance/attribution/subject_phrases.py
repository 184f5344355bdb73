"""Phrase-level helpers for finding a cue's subject: noun-phrase scans left and right,
coordinated and determined subjects, opening adjuncts, fronted participle clauses, noun phrases
with prepositional complements and the speaker after an inverted cue ('"...," said Smith').

Apart from :mod:`.subjects` to keep that module readable: these are the token-level scans the
subject rules there are built from; they read tokens and quotations only.
"""

from __future__ import annotations

from .. import wordlists as W
from . import cues as C
from .quoted_text import LOOKBACK, ArticleView, closer, in_quote
from .tokens import adverb, is_cap, is_word, past_verb

MODALS = W.words("subject_phrases", "modals")
# past forms without -ed ("hit", "took", "made"): a verb inside what looked like a noun phrase
_IRREGULAR_PAST = W.words("grammar", "irregular_past")
_PARTICLES = W.words("subject_phrases", "particles")
_OPENING_PRONOUNS = W.words("subject_phrases", "opening_pronouns")
_POSSESSIVES = W.words("subject_phrases", "possessives")
# Words opening a participle clause before the main clause ("While campaigning, X said").
_FRONTING = W.words("subject_phrases", "fronting")
# Words of a time measure before a fronted participle ("Eight years after backing ...").
_MEASURE = W.words("subject_phrases", "measure")
# Quantifiers opening an inverted source ("..., said several observers.").
_INVERTED_QUANT = W.words("subject_phrases", "inverted_quant")
# Cues whose inverted noun phrase is the addressee ('"...," told CBS News'), never the speaker.
_ADDRESSED = W.words("subject_phrases", "addressed")
# Words right after a cue that open its complement, never an inverted speaker.
_NOT_INVERTED = W.words("subject_phrases", "not_inverted")
NP_START = W.words("subject_phrases", "np_start")

# Time words that are determiners too: "this week" is a time, "this group" a subject.
_TIME_DETERMINERS = W.words("subject_phrases", "time_determiners")
_TIME_NOUNS = C.TIME_WORDS | W.words("subject_phrases", "more_time_nouns")

# "he's said", "they've argued", "who'd": a pronoun glued to its auxiliary is one token.
_CONTRACTED = W.words("subject_phrases", "contracted")
_CONTRACTING = W.words("subject_phrases", "contracting")
# Prepositions that chain a complement onto a subject noun ("a poll of voters in Ohio").
_CHAIN_PREPS = W.words("subject_phrases", "chain_preps")
# Words that may precede a subject: where a clause, not a verb's object, starts.
_SUBJECT_OPENERS = W.words("subject_phrases", "subject_openers")


def pronoun_contraction(low: str) -> bool:
    head, sep, tail = low.partition("'")
    return bool(sep) and head in _CONTRACTING and tail in _CONTRACTED


def coordinated_start(art: ArticleView, i: int, lo: int, j: int) -> int:
    """Start of a coordinated subject ending at ``j`` whose second half starts at ``i``.

    "Current and former officials said", "Democrats and Republicans agree": the first
    conjunct is taken in when it opens its phrase (after a comma, a dash or the unit start),
    so "He met aides and officials said" keeps only "officials".
    """
    toks = art.toks
    if i - 2 < lo or toks.lows[i - 1] not in ("and", "or", "&") or verbish(art, i - 2):
        return i
    i2 = np_scan(art, i - 2, lo, 4)
    if i2 > i - 2 or (i2 > lo and is_word(toks[i2 - 1])) or toks.lows[i2] in C.PREPOSITIONS:
        return i
    return i if any(verbish(art, x) for x in range(i2, i - 1)) else i2


def verbish(art: ArticleView, x: int) -> bool:
    t = art.toks[x]
    return not is_word(t) or (
        not is_cap(t) and (t.low in C.CUE_FORMS or t.low in C.VERBISH or past_verb(t) or t.low in MODALS)
    )


def np_scan(art: ArticleView, j: int, lo: int, reach: int) -> int:
    """First token of the phrase ending at ``j``: words back to a clause boundary."""
    toks = art.toks
    i = j
    while i - 1 >= lo and j - i < reach:
        p = toks[i - 1]
        if p.low in ("'s", "’s") or (
            p.low in ("'", "’") and i - 2 >= lo and toks.lows[i - 2].endswith("s") and is_word(toks[i])
        ):
            i -= 1  # "Trump's aides", "Gates' work"
            continue
        if p.low in ("that", "this") and is_cap(p) and i - 1 == lo:
            i -= 1  # "That person said": a demonstrative opening the sentence
            break
        if p.low == "&" and toks.glued(i - 1):
            i -= 1  # "P&G", "AT&T": one name, not two
            continue
        if not is_word(p) or p.low in C.CLAUSE_BOUNDARY or p.low in C.PRONOUNS - {"one"}:
            break
        if p.low in C.CUE_FORMS and not is_cap(p):
            break
        i -= 1
    # drop a leading prepositional / time phrase ("On Tuesday Trump said")
    while i < j and (
        toks[i].low in C.PREPOSITIONS
        or (
            toks[i].low in C.TIME_WORDS
            and (toks[i].low not in _TIME_DETERMINERS or toks.lows[i + 1] in _TIME_NOUNS)
            and not named_time(art, i)
        )
        or toks[i].low in _PARTICLES
    ):
        i += 1
    return i


def _inside_name(art: ArticleView, i: int, hi: int) -> bool:
    """A capitalised time word between two capitalised words is part of a name ("Baku
    Evening Post", "The Sunday Times"), not the time of the act."""
    toks = art.toks
    return (
        i + 1 < hi
        and is_cap(toks[i])
        and is_cap(toks[i - 1])
        and is_cap(toks[i + 1])
        and toks.lows[i + 1] not in C.TIME_WORDS
    )


_PROPER_TIME = W.words("grammar", "proper_time_words")


def named_time(art: ArticleView, i: int) -> bool:
    """A common time word written capitalised inside a sentence, before another capitalised
    word, starts a name ("Evening Post reports", "the Morning Star said"): unlike "Tuesday",
    "evening" has a capital only in a name or at a sentence start."""
    toks = art.toks
    if not (0 < i < len(toks) - 1 and is_cap(toks[i]) and is_cap(toks[i + 1])):
        return False
    low = toks.lows[i]
    if low not in C.TIME_WORDS or low in _PROPER_TIME or toks.lows[i + 1] in C.TIME_WORDS:
        return False
    s = toks.starts[i]
    before = art.text[max(0, s - 12) : s].rstrip(" \t\"'“‘")  # the characters just before it
    if not before and s > 12:  # a long run of blanks: look further back
        before = art.text[:s].rstrip(" \t\"'“‘")
    return bool(before) and before[-1] not in ".!?:\n"


def np_right(art: ArticleView, k: int, hi: int) -> tuple[int, int] | None:
    """Noun phrase starting at token ``k`` (inverted "said Trump", "according to X")."""
    toks = art.toks
    if k >= hi or not is_word(toks[k]):
        return None
    if toks[k].low in C.PRONOUNS:
        return (k, k + 1)
    i = k
    while i < hi and i - k < 10:
        t = toks[i]
        if t.low in ("'s", "’s", "-", "&") or (t.low == "." and i > k and toks[i - 1].low in ("u", "s")):
            i += 1
            continue
        if not is_word(t):
            break
        if i > k and (
            t.low in C.CLAUSE_BOUNDARY
            or (t.low in C.CUE_FORMS and t.low not in C.NOUN_LIKE)
            or (t.low in C.TIME_WORDS and not _inside_name(art, i, hi))
        ):
            break
        if i > k and t.low in ("in", "on", "at", "during"):
            nx = toks[min(i + 1, hi - 1)]
            if not is_cap(nx) or nx.low in C.TIME_WORDS:
                break
        i += 1
    return (k, i) if i > k else None


def past_adjuncts(art: ArticleView, a: int, k: int) -> int:
    """First token after the opening adjunct pieces before ``k`` ("In a statement released
    Thursday, X reacted ...", "Sunday, on CNN, while discussing ..."): the subject is not in
    them."""
    toks = art.toks
    for _ in range(3):
        c = a
        while c < k and toks.lows[c] != "," and c - a < LOOKBACK:
            c += 1
        if c >= k or toks.lows[c] != "," or toks.digit_comma(c):
            break
        if not (toks.adjunct_piece(a, c) or all(toks.lows[x] in C.TIME_WORDS for x in range(a, c))):
            break
        a = c + 1
    return a


def fronted_participle(art: ArticleView, j: int, k: int, a: int, b: int) -> tuple[int, int] | None:
    """Subject of a participle clause opening the sentence: the main clause's, after the
    comma ("While campaigning in Ohio, the senator said ...", "Despite criticizing the
    plan, she voted for it")."""
    toks = art.toks
    if j < a or toks.lows[j] not in _FRONTING:
        return None
    lead = [x for x in range(past_adjuncts(art, a, j), j) if is_word(toks[x])]
    if lead and not all(toks.lows[x] in _MEASURE or toks.lows[x][0].isdigit() for x in lead):
        return None  # a clause precedes: its subject is the one to borrow
    # ("Two weeks after backing X, Y said ...": a measure of time before the fronting word)
    for c in range(k + 1, min(b, k + LOOKBACK)):
        lw = toks.lows[c]
        if lw in (";", ":", ".") or closer(art, c):
            return None
        if lw != "," or toks.digit_comma(c) or in_quote(art, toks.starts[c]):
            continue
        m = past_adjuncts(art, c + 1, b)
        src = np_right(art, m, b)
        if src is None or src[1] >= b or not is_word(toks[src[1]]):
            return None
        first = toks[src[0]]
        if (is_cap(first) and first.text not in C.NOT_NAMES) or first.low in NP_START:
            return src
        return None
    return None


def opening_name(art: ArticleView, a: int, k: int) -> tuple[int, int] | None:
    """A capitalised name opening the clause ("Carly Fiorina threw her support behind
    Cruz, saying ...", "Davis, a longtime liberal, lashed out ..., telling ..."): the
    subject when no verb we know marks where it ends."""
    toks = art.toks
    i = a
    if i < k and toks.lows[i] in ("“", '"', "'"):
        i += 1
    if i < k and toks.lows[i] in _OPENING_PRONOUNS:
        return (i, i + 1)  # "She, too, is ..., cautioning ..."
    if i < k and toks.lows[i] in _POSSESSIVES:
        return _determined_subject(art, i, k)
    if (
        i >= k
        or not is_cap(toks[i])
        or not is_word(toks[i])
        or toks[i].text in C.NOT_NAMES
        or (toks.lows[i] in C.TIME_WORDS and not named_time(art, i))
        or toks.lows[i] in C.OPENERS
    ):
        return None
    j = i
    while j < k and j - i < 6 and (is_cap(toks[j]) or toks.lows[j] in (".", "-")):
        j += 1
    if j == i or (j >= k and toks.lows[k] != ",") or (j < k and not is_word(toks[j]) and toks.lows[j] != ","):
        return None  # (a name running up to the participle's comma is the subject)
    return (i, j)


def np_chain(art: ArticleView, j: int, lo: int) -> tuple[int, int] | None:
    """A noun phrase with prepositional complements ending at ``j`` ("The new poll of voters
    in all 50 states found", "A survey by the group in March found", "a person familiar with
    the talks said"): it opens its clause and starts with a determiner, a number or a name."""
    toks = art.toks
    x = j
    preps = 0
    seg = 1  # words in the piece between two prepositions
    while x - 1 >= lo and j - (x - 1) < 14:
        p = toks[x - 1]
        if p.low in ("'s", "’s", "-"):
            x -= 1
            continue
        if not is_word(p):
            break
        if p.low in _CHAIN_PREPS or (p.low == "to" and x - 2 >= lo and toks.lows[x - 2] == "close"):
            preps, seg = preps + 1, 0
            x -= 1
            continue
        seg += 1
        if seg > 5 or adverb(p) or p.low in C.CLAUSE_BOUNDARY or (p.low in C.PRONOUNS and p.low != "one"):
            break
        if verbish(art, x - 1) and not (
            past_verb(p)
            and x - 2 >= lo
            and (toks.lows[x - 2] in _CHAIN_PREPS or toks.lows[x - 2] in NP_START)
        ):
            break  # "of registered voters": a participle used as an adjective
        x -= 1
    if preps == 0 or x >= j or toks.lows[x] in _CHAIN_PREPS or toks.lows[j] in _CHAIN_PREPS:
        return None
    first = toks[x]
    if not (
        (is_cap(first) and first.text not in C.NOT_NAMES and first.low not in C.TIME_WORDS)
        or first.low in NP_START
        or first.low[:1].isdigit()
    ):
        return None
    if x > lo and is_word(toks[x - 1]) and toks.lows[x - 1] not in _SUBJECT_OPENERS:
        return None  # "He met officials of the party said": the phrase is an object
    return (x, j + 1)


def _determined_subject(art: ArticleView, i: int, k: int) -> tuple[int, int] | None:
    """ "His campaign sued the city, claiming ...": a possessive and up to three words
    opening the clause, ended by the first word that looks like a verb."""
    toks = art.toks
    for j in range(i + 1, min(k + 1, i + 5)):
        t = toks[j]
        if j == k and t.low == "," and j > i + 1:
            return (i, j)  # "The campaign, pushing the idea ..."
        if not is_word(t):
            return None
        if j > i + 1 and not is_cap(t) and (verbish(art, j) or t.low in C.AUX_ADV or t.low.endswith("ed")):
            return (i, j)
    return None


def coordinated_after_comma(art: ArticleView, c: int, j: int) -> bool:
    """Token ``j`` is, or follows, a ", and" / ", but" after ``c`` with only lower-case verb
    words between ("..., but went on to"): a predicate coordinated with an earlier one."""
    toks = art.toks
    for m in range(j, max(c, j - 4), -1):
        if toks.lows[m] in ("and", "but") and toks.lows[m - 1] == ",":
            return all(
                is_word(toks[x]) and not is_cap(toks[x]) and toks.lows[x] not in C.PRONOUNS
                for x in range(m + 1, j)
            )
    return False


def inverted(art: ArticleView, j: int, k: int, a: int, b: int) -> tuple[int, int] | None:
    """Source after the cue when the content precedes it ('"...," said X.')."""
    toks = art.toks
    base = C.CUE_FORMS.get(toks.lows[k])
    if k + 1 >= b or base is None or base in _ADDRESSED:
        return None  # "..., told CBS News": an addressee, not a speaker
    lw = toks[j].low
    quoted = closer(art, j) or (lw == "," and j > a and closer(art, j - 1))
    if not quoted and base not in C.INVERTIBLE:
        return None  # only common reporting verbs invert without a quotation
    src = np_right(art, k + 1, b)
    if src is None or src[1] - src[0] > 10 or toks.lows[src[0]] in _NOT_INVERTED:
        return None  # '"...," adding that ...', "stated that": a complement, not a speaker
    if (
        src[1] - src[0] == 1
        and toks.lows[src[0]] in C.PRONOUNS - {"one"}  # "said one former aide": a determiner
        and src[1] < b
        and is_word(toks[src[1]])
    ):
        return None  # '"...," said they would ...': the pronoun opens the content clause
    if quoted:
        return src
    if lw != ",":
        return None
    nxt = toks[src[1]].low if src[1] < b else "."
    first = toks[src[0]]
    if any(
        not is_cap(toks[x])
        and (
            past_verb(toks[x])
            or toks.lows[x] in C.VERBISH
            or toks.lows[x] in MODALS
            or toks.lows[x] in _IRREGULAR_PAST
        )
        for x in range(src[0] + 1, _before_relative(art, src))
    ):
        return None  # "X, an aide, said the plan failed.": a clause follows, not a speaker
    if nxt in (",", ".", ";", "—", ":", "(", "!", "?") and (
        is_cap(first)
        or first.low in ("the", "a", "an", "one", "another")
        or first.low in C.PRONOUNS
        or first.low in _INVERTED_QUANT
        or first.low[:1].isdigit()
        or _titled_name(art, src)
    ):
        return src
    return None


def _before_relative(art: ArticleView, src: tuple[int, int]) -> int:
    """Where the noun phrase ``src`` ends before a relative clause ("a spokesman who asked not
    to be named"): the verbs after "who" are the relative clause's, not a clause's."""
    for x in range(src[0] + 1, src[1]):
        if art.toks.lows[x] in C.RELATIVE:
            return x
    return src[1]


def _titled_name(art: ArticleView, src: tuple[int, int]) -> bool:
    """A lower-case title before a name ("political scientist Jane Doe", "former governor
    Ed Rendell"): the speaker of 'A is so, says political scientist Jane Doe.'"""
    toks = art.toks
    first = toks.lows[src[0]]
    return (
        any(is_cap(toks[x]) and is_cap(toks[x + 1]) for x in range(src[0] + 1, src[1] - 1))
        and first.isalpha()
        and first not in C.PREPOSITIONS
        and first not in C.CLAUSE_BOUNDARY
        and first not in C.TIME_WORDS
        and not first.endswith("ly")
    )
