"""Content boundaries: where the reported content of a relation starts and ends.

Its own module because bounding content is separate from finding the cue and the
speaker: a span is stripped of separators and capped in length, a right-hand content stops
where a new clause starts (", but ...", "; ...", "and he ..."), "when and where" adjuncts after a
cue are stepped over, a left-hand content reaches back to the quotation it belongs to, and
sibling relations in one unit cut each other's content at their coordination.  Which side of
"X said" holds the content, and which quotation a cue reports (the one a colon announces,
the one closing the sentence before), are decided here too.
"""

from __future__ import annotations

import bisect
from typing import Literal

from .. import wordlists as W
from ..models import Span
from . import cues as C
from .quoted_text import (
    LOOKBACK,
    MAX_CONTENT,
    ArticleView,
    Rel,
    closer,
    in_quote,
    quote_after,
    quote_at,
    quote_before,
)
from .scene import FINITE_AUX, MEDIA, clause_starts, medium_at, named_clause, title_quote
from .tokens import Tok, is_cap, is_word, participle, past_verb

_COORD = W.words("content_bounds", "coord")
# Words opening a phrase that says where, when or to whom, not what ('X said to a crowd').
_SCENE_OPENERS = W.words("content_bounds", "scene_openers")
_SAY_VERBS = W.words("content_bounds", "say_verbs")
_CLAUSE_CUT = W.words("content_bounds", "clause_cut")
# Subordinators opening an adverbial clause with a subject of its own ("..., after X said ...").
_SUBORDINATORS = W.words("content_bounds", "subordinators")
_NEW_SUBJECT = W.words("content_bounds", "new_subject")
# Irregular past forms of cues: after a comma, the verb of the main clause ("X, in the wake of
# a poll showing A, told reporters ...").
_IRREGULAR_PAST = W.words("content_bounds", "irregular_past")
# Words that may lead a numeric subject ("more than 4 in 10", "nearly half", "at least 20").
_QUANT_LEAD = W.words("content_bounds", "quant_lead")
# Prepositions before a medium ("in an interview", "on Twitter", "via email").
_MEDIUM_PREPS = W.words("content_bounds", "medium_preps")
# Words before a time word in an adjunct ("on Tuesday", "late Monday").
_TIME_LEADS = W.words("content_bounds", "time_leads")
_CONTENT_STRIP = " \t\n,;:—–-"
# Longest verbless phrase before "X said" read as a scene-setting adjunct, not the content.
ADJUNCT_WORDS = 8
# Longest frame (tokens) between a cue and the colon that announces its quotation.
COLON_FRAME = 14
# Words after "X said <adjuncts>" that make a content of their own.
SAYS_MORE_WORDS = 3


def content_span(art: ArticleView, s: int, e: int) -> Span | None:
    """Character span between offsets, stripped of separators; None when empty."""
    t = art.text
    if e - s > MAX_CONTENT:
        cut = t.rfind(" ", s, s + MAX_CONTENT)
        e = cut if cut > s else s + MAX_CONTENT
    while s < e and t[s] in _CONTENT_STRIP:
        s += 1
    while e > s and (t[e - 1] in _CONTENT_STRIP or t[e - 1] == "."):
        e -= 1  # a sentence-final period is punctuation, not content (one inside quotes stays)
    return (s, e) if e > s and any(c.isalnum() for c in t[s : min(e, s + 200)]) else None


def cut_at_coordination(art: ArticleView, rels: list[Rel]) -> list[Rel]:
    """End a right-hand content where a coordinated clause starts a new relation.

    "X said A, but Y argued B": X's content is A, not "A, but Y argued B".
    """
    if len(rels) < 2:
        return rels
    toks = art.toks
    out: list[Rel] = []
    for i, r in enumerate(rels):
        cs, ce = r.content
        cue_end = toks.ends[r.cue[1] - 1]
        if ce > cue_end:  # content after the cue, or subject + complement around it
            for r2 in rels[i + 1 :]:
                c = _sibling_start(art, r2)
                if c is not None and max(cs, cue_end) < toks.starts[c] < ce:
                    cut = content_span(art, cs, toks.starts[c])
                    if cut is not None:
                        r = Rel(cut, r.source, r.cue)
                    break
        out.append(r)
    return out


def clause_end(art: ArticleView, rs: int, b: int, ue: int) -> int:
    """Where reported content starting at token ``rs`` ends: before ", but ...",
    ", which ...", "; ..." or "and he ..." (a new clause), outside quotations."""
    toks = art.toks
    lows = toks.lows
    hi = min(b, rs + 4 * LOOKBACK)
    for m in range(rs + 1, hi - 1):
        lw = lows[m]
        new_clause = (
            lw == ";"
            or (lw == "," and lows[m + 1] in _CLAUSE_CUT)
            or (
                lw == ","
                and (past_verb(toks[m + 1]) or lows[m + 1] in _IRREGULAR_PAST)
                and not in_quote(art, toks.starts[m + 1])
            )
            or (lw == "," and participle(toks[m + 1]) and not is_cap(toks[m + 1]))
            or (lw == "and" and lows[m + 1] in _NEW_SUBJECT)
            or (lw == "," and lows[m + 1] == "and" and named_clause(art, m + 2, hi))
            or (lw == "," and lows[m + 1] in _SUBORDINATORS and clause_starts(art, m + 2, hi))
            or (lw in ("—", "–") and clause_starts(art, m + 2 if lows[m + 1] == "then" else m + 1, hi))
            or (lw == ":" and m > rs + 2 and opens_quote(art, m + 1))
            or (lw == "," and lows[m + 1] == "with" and _absolute_clause(art, m + 2, hi))
            or (
                lw == "and"
                and (lows[m + 1] in C.VERBISH or (lows[m + 1].endswith("ed") and len(lows[m + 1]) > 4))
            )
            or (lw in _MEDIUM_PREPS and m > rs + 2 and medium_at(art, m + 1, hi))
        )
        if new_clause and not in_quote(art, toks.starts[m]):
            return toks.starts[m]
        if lows[m - 1] == "," and closer(art, m) and participle(toks[m + 1]) and not is_cap(toks[m + 1]):
            return toks.ends[m]  # '"... to win," adding that ...': the quotation ends it
    return ue


def _absolute_clause(art: ArticleView, x: int, hi: int) -> bool:
    """ ", with Y taking to Twitter to ...": a noun phrase and an -ing verb after "with", an
    event of its own beside the content."""
    toks = art.toks
    for y in range(x, min(hi, x + 6)):
        if participle(toks[y]) and y > x:
            return True
        if not is_word(toks[y]):
            return False
    return False


def _time_after_leads(lows: list[str], rs: int, b: int) -> int | None:
    """After time leads from ``rs`` ("on", "late on", "early in"), the index past the time
    word they lead to, or None when no time word follows them."""
    m = rs
    while m < b and m - rs < 3 and lows[m] in _TIME_LEADS:
        m += 1
    return m + 1 if rs < m < b and lows[m] in C.TIME_WORDS else None


def skip_adjuncts(art: ArticleView, rs: int, b: int) -> int:
    """Step over "Tuesday", "on Twitter", "in an interview with CNN," after a cue: they say
    when and where, the content comes after them."""
    toks = art.toks
    lows = toks.lows
    start = rs
    for _ in range(6):
        if rs >= b:
            break
        lw = lows[rs]
        timed = _time_after_leads(lows, rs, b) if lw in _TIME_LEADS else None
        if lw in C.TIME_WORDS or lw == ",":
            rs += 1
        elif timed is not None:  # "on Monday", "late on Thursday"
            rs = timed
        elif lw in _MEDIUM_PREPS and medium_at(art, rs + 1, b):
            m = rs + 1
            while m < b and lows[m] not in MEDIA:
                m += 1
            rs = m + 1
            if rs < b and lows[rs] in ("with", "to", "on", "for") and rs + 1 < b and is_cap(toks[rs + 1]):
                rs += 2
                while rs < b and (is_cap(toks[rs]) or lows[rs] in ("'s", "’s", ".")) and is_word(toks[rs]):
                    rs += 1
        else:
            break
    if rs >= b or content_span(art, toks.starts[rs], toks.ends[b - 1]) is None:
        return b if rs > start else start  # nothing but "when and where": no content here
    return rs


def _sibling_start(art: ArticleView, r: Rel) -> int | None:
    """Token where relation ``r`` starts as a sibling clause, not nested content.

    ", but Y argued ...", "; Y said ...", ", saying ...", ", and pushed ...": the clause
    before it ends there.  None when ``r`` does not open such a clause.
    """
    toks = art.toks
    first = r.cue[0]
    if r.source is not None and r.source[1] == r.cue[0]:
        first = r.source[0]  # its own subject right before the verb
        while first > 1 and toks.lows[first - 1] in _QUANT_LEAD and first > r.source[0] - 3:
            first -= 1  # "..., and more than 4 in 10 said": the quantifier opens the clause
    c = first - 1
    if c <= 0:
        return None
    lw = toks.lows[c]
    if r.content[1] <= toks.starts[first]:
        # "..., The Washington Post reported": a trailing attribution of its own
        return c if lw in (",", "—", "–") else first
    if lw in _COORD and toks.lows[c - 1] in (",", ";"):
        return c - 1
    if lw in _COORD or lw == ";":
        return c
    own_subject = r.source is not None and first == r.source[0]
    if own_subject and (
        lw in _SUBORDINATORS or (lw in (":", "—", "–", "-") and not in_quote(art, toks.starts[c]))
    ):
        # "X denounced the regime after Y said ...", "X sounded doubtful: Y called it ...":
        # a clause with a subject and a cue of its own is no part of X's content
        return c
    if lw == "," and toks.lows[r.cue[1] - 1].endswith("ing") and first == r.cue[0]:
        return c  # participle clause
    if toks.lows[r.cue[1] - 1].endswith("ing") and first == r.cue[0] and closer(art, c):
        return first  # '"...," adding ...': after the quotation its comma closed
    if lw == "," and r.source is not None and first == r.source[0]:
        return c  # "While A is true, Y said B": the main clause after a subordinate one
    return None


def left_content(art: ArticleView, us: int, end: int) -> Span | None:
    """Content before a cue: from the unit start (or an earlier quote opening) to ``end``."""
    start = us
    q = quote_at(art, us)
    if q is not None and q[0] < us:
        start = q[0]
    else:
        # '... problems. ''That is so out of touch,'' said X': the segmenter kept the
        # sentence before the quotation in this unit; the content is the quotation
        k = bisect.bisect_left(art.qstarts, end) - 1
        if k >= 0 and us < art.quotes[k][0] and art.quotes[k][1] <= end:
            qs, qe = art.quotes[k]
            lead = art.text[us:qs].rstrip()
            if not art.text[qe:end].strip(" ,—–-") and lead.endswith((".", "?", "!", ":", '."', ".”")):
                start = qs
        # "X reported that A; the bank has not commented.": a semicolon joins two clauses,
        # and what a cue after it reports starts after it (outside quotations)
        semi = art.text.rfind(";", start, end)
        while semi >= 0 and quote_at(art, semi) is not None:
            semi = art.text.rfind(";", start, semi)
        if semi >= 0:
            start = semi + 1
    if end - start > MAX_CONTENT:
        cut = art.text.find(" ", end - MAX_CONTENT, end)
        start = cut if cut >= 0 else end - MAX_CONTENT
    return content_span(art, start, end)


def closing_quote(art: ArticleView, rs: int, b: int, us: int, ue: int) -> Span | None:
    """'“We will win!” Trump said on Twitter.': the quotation that closed the sentence
    before a cue followed only by "when and where" is what was said.  Not when a colon
    announces a quotation of its own, or content follows the adjuncts ("X said on
    Twitter that ...").
    """
    toks = art.toks
    if (
        rs < b
        and is_word(toks[rs])
        and toks.lows[rs] not in C.PREPOSITIONS
        and toks.lows[rs] not in C.TIME_WORDS
    ):
        return None
    prev = quote_before(art, us)
    if prev is None or colon_quote(art, rs, b, ue) is not None or _says_more(art, rs, b):
        return None
    return prev


def colon_quote(art: ArticleView, rs: int, b: int, ue: int) -> Span | None:
    """The quotation a colon announces: "X issued the following statement: “...”",
    "X said in a recent interview: '...'" (the colon may end the paragraph, the quotation
    opening the next).  What lies between the cue and the colon is a frame (an object, an
    adjunct), not the content; only a short frame with no quotation of its own counts.
    """
    toks = art.toks
    for m in range(rs, min(b, rs + COLON_FRAME)):
        lw = toks.lows[m]
        if lw == ":":
            if m + 1 < b:
                q = quote_at(art, toks.starts[m + 1]) if opens_quote(art, m + 1) else None
            else:
                q = quote_after(art, ue)
            if q is None:
                return None
            return q if q[1] - q[0] <= MAX_CONTENT else None
        if lw in (";", ".", "that") or opens_quote(art, m) or closer(art, m):
            return None
    return None


def _says_more(art: ArticleView, rs: int, b: int) -> bool:
    """After "X said on Twitter" comes content of its own ("that he ...", a clause), so
    the quotation closing the sentence before is not what X said here."""
    toks = art.toks
    m = skip_adjuncts(art, rs, b)
    if m >= b:
        return False
    if toks.lows[m] in ("that", "whether") or opens_quote(art, m):
        return True
    if (
        C.CUE_FORMS.get(toks.lows[rs - 1]) in _SAY_VERBS
        and toks.lows[m] in _SCENE_OPENERS
        and not any(toks.lows[x] in ("that", "whether", ":") or opens_quote(art, x) for x in range(m + 1, b))
    ):
        return False  # '"...?" X said to a crowd of 500.', '... X said as he left.': the scene
    return sum(1 for x in range(m, b) if is_word(toks[x])) >= SAYS_MORE_WORDS


def opens_quote(art: ArticleView, i: int) -> bool:
    """Token ``i`` is the mark opening a quotation (any glyph, NYT's '' included)."""
    q = quote_at(art, art.toks.starts[i])
    return q is not None and q[0] == art.toks.starts[i]


def content_side(
    art: ArticleView, before: Tok, a: int, src0: int, rs: int, b: int, right_n: int, left_n: int, w: str
) -> Literal["left", "right", "none"]:
    """Which side of "X said" holds the content when no "that"/colon/quote settles it.

    '"...," X said' and 'The economy is strong, X said Tuesday.' put it left; 'In an
    interview, X said he ...' and 'X, however, said he ...' put it right.
    """
    toks = art.toks
    bl = before.low
    if (
        bl == "as"
        and src0 - 2 >= a
        and toks.lows[src0 - 2] == ","
        and C.CUE_FORMS.get(w) in C.INVERTIBLE - {"continue"}
        and not _says_more(art, rs, b)
    ):
        return "left"  # "..., as the Post reported on Monday.": the clause before is what it said
    c = src0 - 1 if closer(art, src0 - 1) else src0 - 2
    if (c == src0 - 1 or (bl == "," and c >= a and closer(art, c))) and not title_quote(art, c):
        return "left"
    if bl not in (",", "—", "–") or left_n < 3 or (w.endswith("ing") and bl == ","):
        if right_n >= 2 or left_n < 3:
            return "right"
        # "... which Trump has criticized.": the content is an antecedent we cannot bound
        return "none" if is_word(before) else "left"
    adjunct_right = (
        rs >= b or toks[rs].low in C.PREPOSITIONS or toks[rs].low in C.TIME_WORDS or not is_word(toks[rs])
    )
    opener = toks[a].low
    adverbial_left = opener in C.OPENERS and not any(
        closer(art, i) for i in range(max(a, src0 - LOOKBACK), src0)
    )
    if adverbial_left or _adjunct_piece(art, a, src0):
        return "right" if right_n >= 2 else "left"
    if adjunct_right or right_n < 3:
        return "left"
    return "right"


def _adjunct_piece(art: ArticleView, a: int, src0: int) -> bool:
    """What precedes "X said" up to its comma is a short phrase with no verb ("Every day,
    X spoke of ...", "To a standing ovation, X called for ..."): it sets the scene, the
    content follows the cue."""
    toks = art.toks
    words = [x for x in range(a, src0 - 1) if is_word(toks[x])]
    if not words or len(words) > ADJUNCT_WORDS or src0 - 1 - a > ADJUNCT_WORDS + 1:
        return False
    return not any(
        toks.lows[x] in FINITE_AUX
        or (
            not is_cap(toks[x])
            and (toks.lows[x] in C.CUE_FORMS or toks.lows[x] in C.VERBISH or past_verb(toks[x]))
        )
        for x in words
    )
