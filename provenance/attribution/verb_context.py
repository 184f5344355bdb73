"""Context tests for a reporting verb: the words right of it (an adverb, a place, an
addressee), a quotation closing the sentence before, the main clause a trailing participle hangs
on, and the sentence-opening cue ("Asked about ..., X said", "Said Smith, ...").

Apart from :mod:`.reporting_verbs` to keep that module readable in one sitting; the rules there
call these helpers, which read tokens and quotations only.
"""

from __future__ import annotations

import bisect

from .. import wordlists as W
from ..models import Span
from . import cues as C
from .content_bounds import FINITE_AUX, clause_end, content_span, left_content, opens_quote
from .quoted_text import LOOKBACK, ArticleView, Rel, in_quote, quote_after, quote_before
from .scene import clause_starts
from .subject_phrases import np_right, verbish
from .subjects import plausible
from .tokens import adverb, is_cap, is_word, past_verb

# A determined subject of a coordinated clause ("..., and the union has sued").
_SUBJECT_DETERMINERS = W.words("verb_context", "subject_determiners")
# Addressees of "told"/"asked" ("told reporters", "asked him").
_ADDRESSEES = W.words("verb_context", "addressees")
# Words after an addressee that start what was said or asked ("asked her about it").
_AFTER_ADDRESSEE = W.words("verb_context", "after_addressee")
# Words after a speech tag that open content of its own ("told the Post that ...").
_OWN_CONTENT = W.words("verb_context", "own_content")
RAISING = W.words("verb_context", "raising")
# A short phrase after the cue opened by one of these says where or when ("spoke in Iowa").
_PLACE_PREPS = W.words("verb_context", "place_preps")
SCENE_WORDS = 4
# Particles and adverbs that may follow an intransitive cue ("booed loudly", "spoke up").
_PARTICLES = W.words("verb_context", "particles")
# Subordinators that open a clause before the main one ("Though X said A, Y ...").
_FRONT_SUBORDINATORS = W.words("verb_context", "front_subordinators")
# Words opening a clause with a subject of its own before a trailing participle.
_NEAR_CLAUSE = W.words("verb_context", "near_clause")
_NOT_ADVERBS = W.words("verb_context", "not_adverbs")
# Words opening only the setting of a speech act ("spoke at", "spoke for 77 minutes").
_SETTING_PREPS = W.words("verb_context", "setting_preps")
# After "back" as an adverb of place or return ("back in Washington", "back home", "back on track").
_BACK_PLACE = W.words("verb_context", "back_place")
# Before "back" as an adverb: a be-form ("X was back"), a verb of motion or looking ("goes back",
# "dates back", "looking back"), or a time measure ("two summers back").
_BACK_BEFORE = W.words("verb_context", "back_before")


def setting_only(art: ArticleView, rel: Rel) -> bool:
    """The content right of a "spoke"/"talked" cue is only where, when or how long ("at a
    rally", "for 77 minutes", "from the East Room"), with no "about"/"of" topic in it."""
    cs, ce = rel.content
    if cs < art.toks.ends[rel.cue[1] - 1]:
        return False
    words = art.text[cs:ce].lower().split()
    return bool(words) and words[0] in _SETTING_PREPS and not any(w in ("about", "of") for w in words[:8])


def adverb_back(art: ArticleView, k: int, b: int) -> bool:
    """ "back" at ``k`` as an adverb, not the verb "back (a candidate)": "goes back to", "was
    back home", "two summers back", "back on track" ("was back to boasting" keeps it: the
    verb after "to" is the cue's content)."""
    lows = art.toks.lows
    if k + 1 >= b or not is_word(art.toks[k + 1]):
        return True  # "The real X was back.", "Two summers back, I ...": no object
    nxt = lows[k + 1]
    if nxt in _BACK_PLACE:
        return True
    prev = lows[k - 1] if k > 0 else ""
    if prev not in _BACK_BEFORE:
        return False
    return not (nxt == "to" and k + 2 < b and lows[k + 2].endswith("ing"))


def bare_word_after(art: ArticleView, rel: Rel) -> bool:
    """The content right of the cue is one adverb or particle ("loudly", "up", "back") or a
    short place or time phrase ("in Iowa", "on Monday")."""
    cs, ce = rel.content
    if cs < art.toks.ends[rel.cue[1] - 1]:
        return False
    words = art.text[cs:ce].split()
    if (
        1 < len(words) <= SCENE_WORDS
        and words[0] in _PLACE_PREPS
        and (words[1][:1].isupper() or words[1].lower().strip(".,") in C.TIME_WORDS)
    ):
        return True  # "X spoke in Des Moines", "X appeared on CNN Sunday": where or when
    if len(words) != 1 or not words[0].isalpha() or not words[0].islower():
        return False
    w = words[0]
    return w in _PARTICLES or (w.endswith("ly") and len(w) > 4 and w not in _NOT_ADVERBS)


def outer_speaker(art: ArticleView, prior: list[Rel], comma: int) -> Rel | None:
    """The unit's last relation, or the one whose content holds it and ends at the
    participle's ``comma``: the main clause a trailing participle hangs on ("X said Y's plan
    would fail, adding ...": X adds, not Y)."""
    if not prior:
        return None
    rel = prior[-1]
    for p in reversed(prior[:-1]):
        at = art.toks.starts[rel.cue[0]]
        if rel.content[0] < art.toks.ends[rel.cue[1] - 1] or (rel.source and rel.source[0] > rel.cue[0]):
            break  # '"...," he said, adding': a speech tag is the main clause itself
        if (
            p.source is not None
            and rel.source is not None
            and p.content[0] <= at < p.content[1] <= comma
            and len(art.text[p.content[0] : art.toks.starts[rel.source[0]]].split()) <= 4
        ):
            rel = p  # (the inner subject opens the outer content: "said (that) Y ...")
    return rel


def nearer_subject(art: ArticleView, main: Rel | None, a: int, j: int) -> tuple[int, int] | None:
    """The subject of a coordinated clause of its own between the main clause and a
    participle's comma at ``j`` ("Protest groups say A, and the union has sued the city,
    saying B"): the participle hangs on that nearer clause.  None when no such clause
    follows the main relation's content."""
    toks = art.toks
    lows = toks.lows
    lo = max(a, j - LOOKBACK)
    if main is not None:
        lo = max(lo, main.cue[1])
    for c in range(j - 2, lo - 1, -1):
        lw = lows[c]
        if lw == ";" or (lw == "," and lows[c + 1] not in ("and", "but")):
            return None  # (a comma piece: an apposition or a list, not a clause start)
        if lw not in _NEAR_CLAUSE or in_quote(art, toks.starts[c]):
            continue
        if lows[c - 1] != "," and not any(verbish(art, x) for x in range(lo, c)):
            continue  # "X and the Y firm said": one subject of two conjuncts, no clause
        if main is not None and toks.starts[c] < main.content[1]:
            return None  # inside the main relation's content: the main speaker's words
        i = c + 1
        e = i
        while e < j and e - i < 6 and is_word(toks[e]) and not verbish(art, e) and not adverb(toks[e]):
            e += 1
        v = e
        while v < j and lows[v] in C.AUX_ADV and lows[v] not in FINITE_AUX:
            v += 1
        if e == i or v >= j or not (lows[v] in FINITE_AUX or past_verb(toks[v]) or lows[v] in C.VERBISH):
            return None
        if is_cap(toks[i]) or lows[i] in _SUBJECT_DETERMINERS:
            return (i, e) if plausible(art, i, e) else None
        return None
    return None


def as_reported_by(art: ArticleView, j: int, k: int, a: int, b: int, us: int, ue: int) -> Rel | None:
    """'As reported by the Herald, A.' / 'A, as first reported by the Herald.': the agent
    after "by" is the source (like "according to"); the content is the clause the "as"
    phrase opens or follows."""
    toks = art.toks
    w = toks.lows[k]
    if not (w.endswith("ed") or w in ("told", "written", "said", "shown")):
        return None
    src = np_right(art, k + 2, b)
    if src is None:
        return None
    lead = a
    while lead < j and (toks.lows[lead] in C.OPENERS or not is_word(toks[lead])):
        lead += 1
    if lead == j:
        content = content_span(art, toks.ends[src[1] - 1], clause_end(art, src[1], b, ue))
    else:
        content = left_content(art, us, toks[j].start)
    return Rel(content, src, (j, k + 2)) if content is not None else None


def fronted_clause(art: ArticleView, a: int, s0: int) -> bool:
    """The subject at ``s0`` opens a subordinate clause that opens the unit ("Though X has
    not expressed ..., Y should ...", "When X knocked ..., Y ...")."""
    lows = art.toks.lows
    x = a
    while x < s0 and lows[x] in C.OPENERS - _FRONT_SUBORDINATORS:
        x += 1  # ("But though ...", "And when ...")
    return x == s0 - 1 and lows[x] in _FRONT_SUBORDINATORS


def main_clause_comma(art: ArticleView, rs: int, b: int) -> int:
    """Offset of the first comma after ``rs`` that a clause with its own subject follows
    (where a fronted subordinate clause ends); the text's end when there is none."""
    toks = art.toks
    for c in range(rs + 1, min(b, rs + 4 * LOOKBACK)):
        if toks.lows[c] == "," and not in_quote(art, toks.starts[c]) and clause_starts(art, c + 1, b):
            return toks.starts[c]
    return len(art.text)


def past_addressee(art: ArticleView, m: int, b: int) -> int:
    """First token after the addressee of "told"/"asked" at ``m`` ("told The Wall Street
    Journal", "told reporters", "told him"); ``m`` itself when no such phrase is there."""
    toks = art.toks
    x = m
    if x < b and toks.lows[x] in _ADDRESSEES:
        y = x + 1
    else:
        if x < b and toks.lows[x] in ("the", "a", "an"):
            x += 1
        y = x
        while y < b and y - x < 6 and is_word(toks[y]) and (is_cap(toks[y]) or toks.lows[y] in ("'s", "’s")):
            y += 1
        if (
            y == x
            and x > m
            and y + 1 < b
            and toks[y].low.isalpha()
            and (toks.lows[y + 1] in C.PREPOSITIONS or toks.lows[y + 1] in C.TIME_WORDS)
        ):
            y += 1  # "told the court in his filing": a determined common noun, then an adjunct
        if y == x:
            return m
    if y < b and toks.lows[y] in _AFTER_ADDRESSEE:
        return m  # "asked her about it", "told him to wait": the rest is what was said
    return y


def tagged_question(art: ArticleView, k: int, rs: int, b: int, us: int, base: str) -> Span | None:
    """'“Did you know?” Todd asked the mogul.', '“We won!” she said to reporters.': a
    quotation closing its sentence with "?" or "!" and a speech tag opening the next; the
    words after the tag (an addressee, a scene) are not what was said."""
    if base not in C.INVERTIBLE and base not in C.ADDRESSEE_VERBS:
        return None
    prev = quote_before(art, us)
    if (
        prev is None
        or "\n" in art.text[prev[1] : us]
        or art.text[prev[0] : prev[1]].rstrip("”\"'’ ")[-1:] not in ("?", "!")
    ):
        return None
    toks = art.toks
    for m in range(rs, b):
        t = toks[m]
        if t.low in _OWN_CONTENT or opens_quote(art, m):
            return None  # what follows is content of its own
        if not is_cap(t) and (
            t.low in FINITE_AUX or t.low in C.VERBISH or past_verb(t) or "'" in t.low or "’" in t.low
        ):
            return None  # "... told the Post he's received ...": a clause of its own
    return prev


def raised_cue(art: ArticleView, k: int, b: int) -> bool:
    """'X seems to agree', 'X appeared to confirm', 'X seems to be hoping': the raising verb
    carries a cue of its own, whose subject X is the source (the stance is X's)."""
    lows = art.toks.lows
    m = k + 1
    if m < b and lows[m] == "to":
        m += 1
        if m < b and lows[m] in ("be", "have"):
            m += 1
        return m < b and lows[m] in C.CUE_FORMS and C.CUE_FORMS[lows[m]] not in RAISING
    return False


def unit_opening_cue(art: ArticleView, k: int, b: int, ue: int) -> Rel | None:
    """A cue opening its sentence.

    "Asked about the wall, Trump said ...": what was asked runs to the comma; the asker is
    the "by" agent or unnamed.  "Said Smith, “...”": an inverted speaker, then the content.
    """
    toks = art.toks
    lows = toks.lows
    w = lows[k]
    if w == "asked":
        m = k + 1
        source = None
        if m < b and lows[m] == "by":
            source = np_right(art, m + 1, b)
            if source is None:
                return None
            m = source[1]
        if m < b and lows[m] in ("about", "for"):
            m += 1
        end = m
        while end < b and lows[end] != "," and end - m < 40:
            end += 1
        if end >= b or lows[end] != "," or end == m:
            return None
        content = content_span(art, toks.starts[m], toks.starts[end])
        return Rel(content, source, (k, k + 1)) if content is not None else None
    if w in ("said", "says") and k + 1 < b:
        src = np_right(art, k + 1, b)
        if src is None or src[1] >= b or lows[src[1]] not in (",", ":") or not is_cap(toks[src[0]]):
            return None
        nxt = quote_after(art, toks.ends[src[1]])
        if nxt is None:
            q = bisect.bisect_left(art.qstarts, toks.ends[src[1]])
            if q < len(art.quotes) and art.quotes[q][0] < ue:
                nxt = art.quotes[q]  # after an appositive: 'Said X, who ..., “...”'
        content = nxt if nxt is not None else content_span(art, toks.ends[src[1]], ue)
        return Rel(content, src, (k, k + 1)) if content is not None else None
    return None
