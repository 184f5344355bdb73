"""Subject (speaker) spans: the noun phrase a cue is attributed to, found without a parser.

Its own module because finding who speaks is its own problem: scanning left from a
cue for a plausible noun phrase ("Sen. Jane Doe", "those surveyed", "attorneys for the
department"), right of an inverted cue ('"...," said Smith'), or borrowing the subject of the
clause a participle or coordinated verb hangs on.  The functions only read tokens and quotations;
the cue rules in :mod:`.reporting_verbs` decide which of them to ask.
"""

from __future__ import annotations

from .. import wordlists as W
from . import cues as C
from .quoted_text import LOOKBACK, ArticleView, Rel, closer, quote_at, tok_range
from .subject_phrases import (
    MODALS,
    NP_START,
    coordinated_after_comma,
    coordinated_start,
    np_chain,
    np_scan,
    opening_name,
    past_adjuncts,
    pronoun_contraction,
    verbish,
)
from .tokens import adverb_at, is_cap, is_word, past_verb

# Verbs (not cues themselves) that take "to <cue>": "polls continue to show", "X tried to argue".
_TO_VERBS = frozenset(C.inflect(sorted(W.words("subjects", "to_verbs")))) - (frozenset(C.CUE_FORMS))
# Verbs that make their object do what the infinitive after it says ("led many to wonder").
_CAUSATIVES = frozenset(C.inflect(sorted(W.words("subjects", "causatives")))) | W.words(
    "subjects", "causatives_irregular_past"
)
_OBJECT_PRONOUNS = W.words("subjects", "object_pronouns")
_QUANT_ADVERBS = W.words("subjects", "quant_adverbs")
# Past participles that end a subject ("those surveyed said", "voters polled said").
_SURVEYED = W.words("subjects", "surveyed")
# Inside a relative clause before a cue: auxiliaries and prepositions, not clause breaks.
_REL_OK = W.words("subjects", "rel_ok")
# Shares of a group that speak for it ("nearly half said", "two-thirds of voters want").
_FRACTIONS = W.words("subjects", "fractions")
# Prepositions opening the complement of a plural head ("attorneys for the department").
_COMPLEMENT_PREPS = W.words("subjects", "complement_preps")
_PLURALS = W.words("subjects", "plurals")
_PREDICATE_BEFORE = W.words("subjects", "predicate_before")
_FINITE = W.words("subjects", "finite")
_ADVERBS = W.words("subjects", "adverbs")
# Subordinators that may open a unit before its main clause ("As X ..., Y ... and said").
_FRONTED = W.words("subjects", "fronted")
_CLAUSE_START = W.words("subjects", "clause_start")


def np_left(art: ArticleView, j: int, lo: int) -> tuple[int, int] | None:
    """Subject noun phrase ending at token ``j`` (scanning left, at most 7 tokens)."""
    toks = art.toks
    t = toks[j]
    if not is_word(t):
        return None
    if t.low in C.PRONOUNS or pronoun_contraction(t.low):
        return (j, j + 1)
    if t.low in C.DETERMINERS or t.low in C.PREPOSITIONS or t.low in C.CLAUSE_BOUNDARY:
        return None  # "the saying", "took to Twitter to say": no subject ends here
    if t.low in _SURVEYED and j - 1 >= lo and is_word(toks[j - 1]) and not verbish(art, j - 1):
        if toks.lows[j - 1] in ("those", "people", "voters", "respondents"):
            return (j - 1, j + 1)  # "those surveyed said"
        np = np_left(art, j - 1, lo)  # "Cuban-Americans polled said"
        return (np[0], j + 1) if np is not None else None
    if not is_cap(t) and (
        (t.low in C.CUE_FORMS and t.low not in C.NOUN_LIKE) or t.low.endswith("ed") or t.low in C.VERBISH
    ):
        return None  # "raised fears", "urged continued ...": a verb, not a subject
    i = np_scan(art, j, lo, 6)
    if (
        i - 1 >= lo
        and toks.lows[i - 1] in ("which", "that")
        and not is_cap(toks[i - 1])
        and _gap_after_cue(art, j)
    ):
        # "a policy which officials said will ...", "a point that critics have disputed":
        # the relative pronoun is the object; the noun phrase after it is the subject
        r = i
        while r < j and toks.lows[r] in C.AUX_ADV and not is_cap(toks[r]):
            r += 1
        if not any(verbish(art, x) for x in range(r, j + 1)) and plausible(art, r, j + 1):
            return (r, j + 1)
    if (
        i - 1 >= lo
        and toks.lows[i - 1] in _PREDICATE_BEFORE
        and not is_cap(toks[i])
        and toks.lows[i] not in NP_START
    ):
        return None  # "who have fought online threats say": a predicate, not a subject
    if plausible(art, i, j + 1):
        return (coordinated_start(art, i, lo, j), j + 1)
    # "The front-runner and former secretary of state said": a coordinated subject whose
    # second half alone is no noun phrase we trust
    if i - 2 >= lo and toks.lows[i - 1] in ("and", "&") and not verbish(art, i - 2):
        i2 = np_scan(art, i - 2, lo, 5)
        if i2 < i - 1 and plausible(art, i2, j + 1):
            return (i2, j + 1)
    return np_chain(art, j, lo)


def _gap_after_cue(art: ArticleView, j: int) -> bool:
    """The cue after subject token ``j`` lacks its object: a verb or the clause end follows
    ("which officials said will take effect", "a point critics have disputed."), the mark
    of a relative clause whose pronoun is the cue's object, not a "that" clause."""
    toks = art.toks
    m = j + 1
    while m < len(toks) and toks.lows[m] in C.AUX_ADV:
        m += 1
    m += 1  # the cue itself
    if m >= len(toks):
        return True
    t = toks[m]
    return not is_word(t) or t.low in MODALS or t.low in _FINITE or past_verb(t)


def np_with_clause(art: ArticleView, j: int, a: int) -> tuple[int, int] | None:
    """A subject with a relative clause or a long complement ending at token ``j``.

    "people who have battled online threats say", "officials whose laws were struck down
    say": the noun phrase before the relative pronoun, with its clause (PolNeAR's source
    spans hold the whole phrase).
    """
    toks = art.toks
    lows = toks.lows
    lo = max(a, j - 14)
    r = j
    while r > lo and lows[r] not in ("who", "whose", "that") and is_word(toks[r]):
        if lows[r] in C.CLAUSE_BOUNDARY - _REL_OK or (lows[r] in C.CUE_FORMS and not is_cap(toks[r])):
            return None
        r -= 1
    if r <= lo or lows[r] not in ("who", "whose", "that") or r == j:
        return None
    np = np_left(art, r - 1, a)
    if np is None or lows[np[0]] in C.PRONOUNS:
        return None
    return (np[0], j + 1)


def controller(art: ArticleView, j: int, a: int) -> tuple[int, int] | None:
    """The object of a causative verb before "to <cue>" ("forced the mayor to admit", "led
    many to wonder", "prompted them to say"): the one who then speaks."""
    toks = art.toks
    for v in range(j - 2, max(a, j - 7) - 1, -1):
        t = toks[v]
        if not is_word(t) or (t.low in C.CLAUSE_BOUNDARY and t.low != "to"):
            return None
        if t.low in _CAUSATIVES and not is_cap(t):
            if v + 2 == j and toks.lows[v + 1] in _OBJECT_PRONOUNS:
                return (v + 1, j)
            np = np_left(art, j - 1, v + 1)
            return np if np is not None and np[0] == v + 1 and plausible(art, *np) else None
    return None


def to_subject(art: ArticleView, j: int, a: int) -> tuple[int, int] | None:
    """Subject of "X <verb> to <cue>": X right before the governing verb (and its
    auxiliaries), the verb a lower-case word."""
    toks = art.toks
    v = j - 1
    t = toks[v]
    if t.low not in _TO_VERBS or is_cap(t):
        return None
    v -= 1
    while v >= a and (toks.lows[v] in C.AUX_ADV or adverb_at(toks, v)) and not is_cap(toks[v]):
        v -= 1
    return np_left(art, v, a) if v >= a else None


def plausible(art: ArticleView, i: int, e: int) -> bool:
    """A subject we trust: a name, a pronoun, a determined or plural noun phrase.

    "sell books said" or "the election would ... matches said" are fragments of a larger
    clause; a relation built on them is more often wrong than right.
    """
    toks = art.toks
    words = [toks[x] for x in range(i, e) if is_word(toks[x])]
    if not words or all(t.low in C.TIME_WORDS for t in words):
        return False
    if len(words) == 1 and (
        words[0].low in _ADVERBS or (words[0].low.endswith("ly") and len(words[0].low) > 4)
    ):
        return False  # "Recently, ... was asked", "Now worry": an adverb, not a subject
    if len(words) > 1 and words[0].low in _QUANT_ADVERBS:
        words = words[1:]  # "only 7 percent", "nearly half of voters"
    if (
        any(is_cap(t) for t in words)
        or words[0].low in NP_START
        or words[0].low in _FRACTIONS
        or words[0].low[0].isdigit()
    ):
        return not any(
            t.low in C.VERBISH or (t.low in ("would", "will", "could", "should") and not is_cap(t))
            for t in words
        )
    head = words[-1].low
    if len(words) <= 3 and ((head.endswith("s") and not head.endswith("ss")) or head in _PLURALS):
        return True
    # "attorneys for the department", "advocates of the plan": a plural head with its complement
    first = words[0].low
    return (
        len(words) <= 5
        and len(words) >= 3
        and first.endswith("s")
        and not first.endswith("ss")
        and words[1].low in _COMPLEMENT_PREPS
        and not any(t.low in C.VERBISH or past_verb(t) for t in words)
    )


def subject(art: ArticleView, a: int, k: int) -> tuple[int, int] | None:
    """Subject of the unit's main clause before token ``k`` (for ", saying ...").

    Without a parser we take the phrase before the first verb-like token (an auxiliary,
    a cue, a past form), skipping quotations and an opening phrase ended by a comma.
    """
    toks = art.toks
    a = past_adjuncts(art, max(a, k - LOOKBACK), k)
    i = a
    while i < k:
        t = toks[i]
        q = quote_at(art, t.start)
        if q is not None and q[0] <= t.start and t.low in ("“", '"'):
            i = tok_range(art, q[1], q[1])[0]
            continue
        lw = t.low
        if (
            i > a
            and is_word(t)
            and not is_cap(t)
            and (lw in C.VERBISH or lw in C.CUE_FORMS or (lw.endswith("ed") and len(lw) > 4))
        ):
            j = i - 1
            while j > a and toks[j].low in C.AUX_ADV:
                j -= 1
            return np_left(art, j, a) or opening_name(art, a, j)
        i += 1
    return opening_name(art, a, k)


def clause_subject(art: ArticleView, a: int, j: int, prior: list[Rel]) -> tuple[int, int] | None:
    """Subject of the clause that token ``j`` (a coordinator) continues.

    The clause starts after the nearest boundary ("when", "which", a comma ...); a
    relative pronoun there is the subject itself ("who criticised ... and said").
    """
    toks = art.toks
    if toks.lows[j] in ("and", "but"):
        # "She proposed that ..., and pushed ...", "X said that he had voted for Y, but
        # cautioned ...": the second verb of the outermost speaker whose content runs up to
        # here (its content may already end at this ", and": _clause_end cut it there)
        for p in prior:
            if (
                p.source is not None
                and p.source[1] <= p.cue[0]
                and p.content[0] >= toks.ends[p.cue[1] - 1]
                and p.content[0] < toks.starts[j] <= p.content[1] + 3
            ):
                return p.source
    if prior and prior[-1].source is not None and prior[-1].cue[1] >= j - 3:
        return prior[-1].source  # '"...," Clinton said, while arguing ...'
    lo = max(a, j - LOOKBACK)
    c = j - 1
    while c >= lo and toks.lows[c] not in _CLAUSE_START:
        c -= 1
    if c >= lo and toks.lows[c] in ("who", "which"):
        return (c, c + 1)
    if c > lo and toks.lows[c] == "that" and coordinated_after_comma(art, c, j):
        # "X joked that Y was the answer, but went on to say ...": after a comma, the second
        # verb is the main clause's, not the "that" clause's
        c2 = c - 1
        while c2 >= lo and toks.lows[c2] not in _CLAUSE_START:
            c2 -= 1
        main = subject(art, c2 + 1 if c2 >= lo else lo, c)
        if main is not None:
            return main
    start = c + 1 if c >= lo else lo
    if c >= lo and toks.lows[c] in _FRONTED and all(toks.lows[x] in C.OPENERS for x in range(a, c)):
        # "As the crowd began to chant, X was joined by Y and joked": the fronted clause
        # ends at its comma; the coordinated verb shares the main clause's subject
        comma = next(
            (x for x in range(c + 2, j - 1) if toks.lows[x] == "," and not toks.digit_comma(x)), None
        )
        main = subject(art, comma + 1, j) if comma is not None else None
        if main is not None:
            return main
    if prior and prior[-1].source is not None and prior[-1].cue[0] >= start:
        return prior[-1].source
    return subject(art, start, j)


def appositive_head(art: ArticleView, a: int, j: int, delim: str = ",") -> tuple[int, int] | None:
    """The noun phrase before the unit's first comma (or dash) that is not an opening phrase."""
    toks = art.toks
    a = max(a, j - LOOKBACK)
    # start after the last quotation closed before the comma ('"...," X, an aide, said')
    for c in range(j - 1, a, -1):
        if closer(art, c):
            a = c + 1
            if a < j and art.toks.lows[a] == ",":
                a += 1
            break
    tries = 0
    seg = a  # first token of the comma-delimited piece ending at ``c``
    for c in range(a + 1, j + 1):
        if art.toks.lows[c] != delim or toks.digit_comma(c):
            continue
        tries += 1
        if tries > 3:
            break
        start, seg = seg, c + 1
        if toks.adjunct_piece(start, c):
            continue  # "In a statement, X, ... said", "Speaking in Harlem, X, ... said"
        e = c - 1
        if toks.lows[e] == ")":
            # "Gov. Chris Christie (R), a Trump ally, said": the name before the brackets
            o = e - 1
            while o > max(a, e - 8) and toks.lows[o] != "(":
                o -= 1
            e = o - 1 if o - 1 >= a and toks.lows[o] == "(" else e
        np = np_left(art, e, a)
        if np is None:
            continue
        if toks[np[0]].low in C.PREPOSITIONS or toks[c - 1].low in C.TIME_WORDS:
            continue
        return np
    return subject(art, a, j)
