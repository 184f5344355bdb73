"""The per-article attribution pass: find cue triggers in each unit and build relations.

Apart from :mod:`.quotes` so the public module stays a thin API: this is the loop over units
and trigger tokens (a reporting verb, "according to", a transcript colon), the non-verb
constructions, and the per-unit and per-article caps that keep hostile input cheap.
"""

from __future__ import annotations

import logging

from .. import wordlists as W
from . import cues as C
from .content_bounds import clause_end, content_span, cut_at_coordination, left_content, opens_quote
from .cue_model import CANDIDATES
from .cue_model import model as cue_model
from .quoted_text import ArticleView, Rel, in_quote, quote_at, tok_range
from .reporting_verbs import verb
from .subject_phrases import np_right
from .subjects import appositive_head, clause_subject, np_left, plausible
from .tokens import is_cap, is_word, past_verb
from .verb_forms import verb_like

# warnings keep the logger name of the public module, as before the split
log = logging.getLogger(__name__.rpartition(".")[0] + ".quotes")

# Most relations one article may yield (a long feature has a few hundred).
MAX_RELATIONS = 3000
# Most relations one unit (sentence or quote-joined sentences) may yield.
MAX_PER_UNIT = 24

# Longest "Name:" label taken as a speaker ("Former Secretary of State Hillary Clinton:").
MAX_LABEL_WORDS = 6

# Forms of the reporting verbs, decided in context by the cue model, and the tokens of the
# non-verb constructions.
_CONSTRUCTIONS = frozenset({"according", "per", ":", "in", "clear", "out", "after", "put"})
_TRIGGERS = CANDIDATES | _CONSTRUCTIONS
# Phrasal stance verbs whose verb is no cue alone: the particle -> the verb forms before it
# ("X made (it) clear that ...", "X laid out a plan", "X went after Y", "X weighed in").
_PHRASAL = {particle: frozenset(verbs) for particle, verbs in W.forms("extractor", "phrasal").items()}
# What a sentence-opening "In <source>, ..." reports from ("In a CBS News poll, X leads").
_FINDINGS = W.words("extractor", "findings")
# What a closing "..., in a <finding> by X." names as the source (a report too: no main clause
# with a reporting verb of its own follows it, as one may after an opening "In a study, ...").
_CLOSING_FINDINGS = W.words("extractor", "closing_findings")
# Longest "In <source>," phrase (tokens) read as the source of what follows.
MAX_IN_SOURCE = 16


def relations(art: ArticleView) -> list[Rel]:
    """Every relation of the article, unit by unit, in text order (before de-duplication and
    the nesting filter of :mod:`.quotes`)."""
    rels: list[Rel] = []
    for us, ue in art.units:
        a, b = tok_range(art, us, ue)
        unit_rels: list[Rel] = []
        lows = art.toks.lows
        tries = 0
        skip_to = a
        for k in range(a, b):
            lw = lows[k]
            if lw not in _TRIGGERS or (
                lw == "in"
                and k != a
                and lows[k - 1] not in _PHRASAL["in"]
                and not _closing_finding(art, k, b)
            ):
                continue  # ("in" opens its unit or a closing source: "In a poll, ...", "..., in a report by X.")
            if lw in CANDIDATES and lw not in C.CUE_FORMS and not cue_model().is_cue(art, k):
                continue  # "the thought of ...", "the states": no cue here
            if k < skip_to:
                continue  # "In a poll released Monday, ...": no cue inside that source
            tries += 1
            if tries > 3 * MAX_PER_UNIT:
                break
            rel: Rel | None = None
            if lw == ":":
                rel = _colon(art, k, a, b, ue)
            elif lw == "in" and k == a:
                rel = _in_finding(art, k, a, b, ue)
                skip_to = rel.source[1] if rel is not None and rel.source is not None else a
            elif lw == "in" and lows[k - 1] not in _PHRASAL["in"]:
                rel = _closing_in_finding(art, k, a, b, us)
                skip_to = b if rel is not None else skip_to
            elif lw == "put":
                rel = _put_it(art, k, a, b, us, ue)
            elif lw in _PHRASAL:
                rel = _made_clear(art, k, a, b, ue, unit_rels)
            elif lw == "according":
                if k + 1 < b and lows[k + 1] == "to":
                    rel = _according(art, k, a, b, us, ue)
            elif lw == "per":
                if k + 1 < b and (is_cap(art.toks[k + 1]) and lows[k + 1] not in ("cent",)):
                    rel = _according(art, k, a, b, us, ue, width=1)  # "Per Politico, ..."
            elif verb_like(art, k, a) and not in_quote(art, art.starts[k]):
                rel = verb(art, k, a, b, us, ue, unit_rels)
            if rel is not None:
                unit_rels.append(rel)
                if len(unit_rels) >= MAX_PER_UNIT:
                    break  # no real sentence holds more; hostile input does
        rels.extend(cut_at_coordination(art, unit_rels))
        if len(rels) >= MAX_RELATIONS:
            log.warning("more than %d attribution relations: the rest of the text is skipped", MAX_RELATIONS)
            break
    return rels


def _colon(art: ArticleView, k: int, a: int, b: int, ue: int) -> Rel | None:
    """'Former secretary of state Hillary Clinton: "We learned ..."' (transcripts, Q&A)."""
    toks = art.toks
    if k == a or k + 1 >= b or in_quote(art, toks.starts[k]):
        return None
    j = k - 1
    t = toks[j]
    if not (is_cap(t) and is_word(t)) or t.text in C.NOT_NAMES:
        return None
    src = np_left(art, j, a)
    if (
        src is None
        or src[0] != a
        or not all(
            is_cap(toks[x]) or not is_word(toks[x]) or toks.lows[x] in ("of", "the", "for")
            for x in range(*src)
        )
    ):
        return None
    if toks.lows[k + 1] not in ("“", '"', "'") and not _speaker_label(art, a, k, b):
        return None
    content = content_span(art, toks.starts[k + 1], ue)
    if src[1] - src[0] == 1 and toks.ends[src[0]] - toks.starts[src[0]] == 1:
        src = None  # "Q: ...", "A: ...": an interview's turn, the speaker not named here
    return Rel(content, src, (k, k + 1)) if content is not None else None


def _put_it(art: ArticleView, k: int, a: int, b: int, us: int, ue: int) -> Rel | None:
    """'As X put it, “...”', 'X, an aide, put it: “...”', '..., as one aide put it.': the
    quotation after "put it" (or, after "as X put it" closing its clause, the clause
    before) is X's."""
    toks = art.toks
    lows = toks.lows
    if k + 1 >= b or lows[k + 1] != "it" or k - 1 < a or in_quote(art, toks.starts[k]):
        return None
    j = k - 1
    while j >= a and lows[j] in C.AUX_ADV and not is_cap(toks[j]):
        j -= 1
    if j < a:
        return None
    source = appositive_head(art, a, j) if lows[j] == "," else np_left(art, j, a)
    if source is None or not plausible(art, *source):
        return None
    cue = (source[1], k + 2)
    rs = k + 2
    for x in range(rs, min(b, rs + 14)):
        if opens_quote(art, x):
            q = quote_at(art, toks.starts[x])
            if q is not None and (x == rs or lows[x - 1] in (",", ":")):
                return Rel(q, source, cue)
            break
    if source[0] - 1 >= a and lows[source[0] - 1] == "as" and (rs >= b or not is_word(toks[rs])):
        s0 = source[0] - 1
        if s0 - 1 >= a and lows[s0 - 1] == ",":
            content = left_content(art, us, toks.starts[s0 - 1])  # "..., as X put it."
            return Rel(content, source, cue) if content is not None else None
    return None


def _made_clear(art: ArticleView, k: int, a: int, b: int, ue: int, prior: list[Rel]) -> Rel | None:
    """'X made (it) clear (to Y) that ...', 'X has made clear it will ...', 'X laid out a
    plan ...', 'X went after Y': the words after the particle at ``k`` are X's stance (a
    passive "were made clear" names nobody)."""
    toks = art.toks
    lows = toks.lows
    m = k - 2 if k - 2 >= a and lows[k - 1] == "it" and lows[k] == "clear" else k - 1
    if m < a or lows[m] not in _PHRASAL[lows[k]] or in_quote(art, toks.starts[k]):
        return None
    j = m - 1
    while j >= a and lows[j] in C.AUX_ADV and not is_cap(toks[j]):
        if lows[j] in C.PASSIVE_AUX and m == k - 1:
            return None  # "the stakes were made clear": no one is said to speak
        j -= 1
    if j < a:
        return None
    source = clause_subject(art, a, j, prior) if lows[j] in ("and", "but") else np_left(art, j, a)
    if source is None:
        return None
    rs = k + 1
    if rs < b and lows[rs] == "to":
        # "making it clear to the judge that ...": the addressee is no content
        rs = next((x for x in range(rs + 1, min(b, rs + 8)) if lows[x] == "that"), b)
    while rs < b and (lows[rs] in C.TIME_WORDS or lows[rs] in (",", ":")):
        rs += 1
    if rs >= b or not is_word(toks[rs]):
        return None
    content = content_span(art, toks.starts[rs], clause_end(art, rs, b, ue))
    return Rel(content, source, (j + 1, k + 1)) if content is not None else None


def _speaker_label(art: ArticleView, a: int, k: int, b: int) -> bool:
    """'Rubio: Trump can't be trusted.' / 'Q: How did it go?': a paragraph that opens with a
    name and a colon is that speaker's words (headline and interview-transcript style),
    unless the label is a page label ("Update:", "Contributing:") or what follows is no
    clause (a figure, a handle)."""
    toks = art.toks
    start = toks.starts[a]
    if start > 0 and art.text[start - 1] != "\n":
        return False
    if k - a > MAX_LABEL_WORDS or any(toks.lows[x] in C.PAGE_LABELS for x in range(a, k)):
        return False
    return sum(1 for x in range(k + 1, b) if is_word(toks[x]) and toks.lows[x][0].isalpha()) >= 3


def _in_finding(art: ArticleView, k: int, a: int, b: int, ue: int) -> Rel | None:
    """'In a CBS News poll released Sunday, Clinton led by 8 points': a sentence opened by
    "In" and a poll or study reports its finding (the clause after the comma)."""
    toks = art.toks
    if in_quote(art, toks.starts[k]):
        return None
    c = _phrase_comma(art, k + 1, b)
    if c is None or c == k + 1 or not any(toks.lows[x] in _FINDINGS for x in range(k + 1, c)):
        return None
    if any(toks.lows[x] in C.CLAUSE_BOUNDARY - {"since", "and"} for x in range(k + 1, c)):
        return None  # "In states where polls were taken, ...": a clause, not a source
    end = c
    if past_verb(toks[c + 1]):
        # "In the latest poll, conducted in May, ...": the participle phrase is the source's
        end = _phrase_comma(art, c + 1, b) or c
    content = content_span(art, toks.starts[end + 1], clause_end(art, end + 1, b, ue))
    return Rel(content, (k + 1, end), (k, k + 1)) if content is not None else None


def _closing_finding(art: ArticleView, k: int, b: int) -> bool:
    """ "..., in a report published by X." / "..., in a Guardian investigation.": an "in"
    after a comma, a determiner and a finding noun within a few words."""
    lows = art.toks.lows
    return (
        k > 0
        and lows[k - 1] == ","
        and k + 1 < b
        and lows[k + 1] in C.DETERMINERS
        and any(lows[x] in _CLOSING_FINDINGS for x in range(k + 2, min(b, k + 6)))
    )


def _closing_in_finding(art: ArticleView, k: int, a: int, b: int, us: int) -> Rel | None:
    """ "Prices rose, in a report published by X.": the phrase closing the unit is the source
    of the clause before it (no verb of its own after the finding noun but a participle)."""
    toks = art.toks
    if in_quote(art, toks.starts[k]):
        return None
    end = b
    while end > k + 1 and not is_word(toks[end - 1]):
        end -= 1
    if any(toks.lows[x] in C.CLAUSE_BOUNDARY - {"and"} for x in range(k + 1, end)):
        return None  # "..., in a report that says ...": a clause of its own
    content = left_content(art, us, toks.starts[k - 1])
    return Rel(content, (k + 1, end), (k, k + 1)) if content is not None else None


def _phrase_comma(art: ArticleView, s: int, b: int) -> int | None:
    """The comma closing a short phrase starting at token ``s`` (not a thousands comma)."""
    toks = art.toks
    c = s
    while c < b - 1 and c - s < MAX_IN_SOURCE:
        lw = toks.lows[c]
        if lw in (";", ":", ".") or (lw == "," and not toks.digit_comma(c)):
            break
        c += 1
    return c if c < b - 1 and toks.lows[c] == "," else None


def _according(art: ArticleView, k: int, a: int, b: int, us: int, ue: int, width: int = 2) -> Rel | None:
    """ "According to X, A." / "A, according to X." / "Per X, A." (``width``: the cue's
    tokens)."""
    src = np_right(art, k + width, b)
    cue = (k, k + width)
    if src is None:
        return None
    s_end = art.toks[src[1] - 1].end
    # "According to X, A." / "A, according to X." / "But, according to X, A."
    lead = a
    while lead < k and (art.toks.lows[lead] in C.OPENERS or not is_word(art.toks[lead])):
        lead += 1
    if lead == k or (k > a and art.toks[k - 1].low in ("“", '"')):
        content = content_span(art, s_end, clause_end(art, src[1], b, ue))
    else:
        content = left_content(art, us, art.toks[k].start)
        if content is None:
            content = content_span(art, s_end, ue)
    if content is None:
        return None
    return Rel(content, src, cue)
