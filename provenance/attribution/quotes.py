"""Attribution relations ("who said what") from article text.

Rule based on purpose: the relations a provenance trace needs (a speaker, a reporting cue and
the reported content, with exact character offsets) follow a small set of English news
conventions -- ``"...," X said``, ``X said (that) ...``, ``X told reporters ...``,
``according to X, ...``, ``..., adding that ...`` -- and rules over one token pass run at
hundreds of articles per second per core with no model to ship.  The cue vocabulary is broad
(speech, stance and cognition verbs) because the yardstick, PolNeAR, counts beliefs and
stances as attributions too.

The pass reads the article's :class:`~provenance.models.Analysis` (the segment stage's
tokens, sentences and quotation spans; made here when not given) and works on *units*:
sentences merged where a sentence break falls inside a quotation, so a multi-sentence quote
and its cue are seen together.  Quotation marks are paired per paragraph, a quote may run on
into the next paragraph when that paragraph opens with a quote mark (news convention for long
quotes), and every quote, unit, content and article is capped in length so unbalanced or
hostile input stays cheap.

This module is the public API; the rules are plain functions over one frozen per-article
view (:class:`.quoted_text.ArticleView`), in modules of one concern each, each importing only
the ones below it: :mod:`.quote_marks` (joining sentences into units), :mod:`.tokens` (the
token layer), :mod:`.quoted_text` (the view, its quotation look-ups and the relation record),
:mod:`.scene` (media, titles, clause starts), :mod:`.content_bounds` (where content starts and
ends), :mod:`.subject_phrases` and :mod:`.subjects` (speaker spans), :mod:`.verb_forms`
(whether a cue word is a verb), :mod:`.verb_context` (what lies around a verb cue),
:mod:`.reporting_verbs` ("X said ..." constructions) and :mod:`.extractor` (the pass over
units, "according to" and transcript colons).  Word lists are in :mod:`.cues`, speaker
resolution in :mod:`.speakers`; relations nested in another's content are dropped by
:mod:`.nesting`.
"""

from __future__ import annotations

import bisect
import logging
from typing import Literal

from ..models import Analysis, Article, Quote, Span
from ..segment import analyse, segment
from . import cues as C
from .extractor import relations
from .nesting import outermost
from .quote_marks import quotation_spans  # re-exported: its old home
from .quoted_text import ArticleView, Rel, quote_at, view
from .speakers import resolve_speakers
from .tokens import is_cap, is_word, past_verb

__all__ = ["extract_quotes", "quotation_spans"]

log = logging.getLogger(__name__)

# Characters of an article read for attributions (a long feature is ~50k; the rest is junk).
MAX_TEXT = 1_000_000
# Tokens back from a relative pronoun searched for the noun phrase it refers to.
ANTECEDENT_REACH = 6


def extract_quotes(article: Article, analysis: Analysis | None = None) -> list[Quote]:
    """Every attribution relation in ``article.text``: direct, indirect and mixed quotes.

    ``analysis`` is the article's :func:`~provenance.segment.segment` result (made here when
    not given).  Each :class:`Quote` carries the content span, the source span as written
    (``speaker_span``), the speaker resolved to the full name last introduced when that is
    unambiguous (``speaker``) and the cue span.  Offsets index ``article.text``.
    """
    text = article.text
    if not text:
        return []
    if analysis is None or analysis.text != text:
        analysis = segment(article)
    if len(text) > MAX_TEXT:
        # no news article is this long; a bound keeps hostile input (a 5 MB "paragraph") cheap
        log.warning(
            "article %s: %d characters, attributions read from the first %d", article.id, len(text), MAX_TEXT
        )
        text = text[:MAX_TEXT]
        paras = [
            (ps, min(pe, MAX_TEXT))
            for ps, pe in analysis.paragraphs
            if ps < MAX_TEXT and min(pe, MAX_TEXT) > ps
        ]
        analysis = analyse(article.id, text, paras)
    art = view(analysis)
    rels = relations(art)
    out: list[Quote] = []
    seen: set[tuple[Span, Span | None]] = set()
    raw: list[tuple[Rel, Span | None]] = []
    for r in rels:
        sspan = None
        if r.source is not None and not (
            r.source[1] - r.source[0] == 1 and _no_speaker(art.toks.lows[r.source[0]])
        ):
            # (a one-word "subject" that names no one stays inside the pass, where a coordinated
            # verb may borrow it, but is no source: "There's still time ..., after dismissing")
            sspan = (art.toks[r.source[0]].start, art.toks[r.source[1] - 1].end)
        key = (r.content, sspan)
        if key in seen:
            continue
        seen.add(key)
        raw.append((r, sspan))
    cue_spans = [(art.toks[r.cue[0]].start, art.toks[r.cue[1] - 1].end) for r, _ in raw]
    keep = outermost([r.content for r, _ in raw], cue_spans)
    kept = [(x, c) for x, c, k in zip(raw, cue_spans, keep, strict=True) if k]
    names = resolve_speakers(text, [s for (_, s), _ in kept], [r.content[0] for (r, _), _ in kept])
    for ((r, sspan), cue_span), name in zip(kept, names, strict=True):
        cs, ce = r.content
        out.append(
            Quote(
                article=article.id,
                text=text[cs:ce],
                kind=_kind(text, r.content, art),
                span=r.content,
                speaker=name,
                speaker_span=_with_antecedent(art, r.source, sspan),
                cue=text[cue_span[0] : cue_span[1]],
                cue_span=cue_span,
            )
        )
    return out


def _no_speaker(low: str) -> bool:
    """A one-token source that names no one: a function word or a year ("In 2001 called ...")."""
    return low in C.NO_SPEAKER or (len(low) == 4 and low.isdigit() and low[:2] in ("19", "20"))


def _with_antecedent(art: ArticleView, src: tuple[int, int] | None, sspan: Span | None) -> Span | None:
    """A relative-pronoun source widened to the noun phrase it stands for.

    "Sanders, who said ...", "voters who say ...": the pronoun alone names nobody, and
    PolNeAR marks either the pronoun or its antecedent as the source, so the span covers both
    ("Sanders, who").  The resolved ``speaker`` is unaffected (it already follows the pronoun
    back to the name).
    """
    if src is None or sspan is None or src[1] - src[0] != 1 or art.toks.lows[src[0]] not in C.RELATIVE:
        return sspan
    toks = art.toks
    j = src[0] - 1
    if j >= 0 and toks.lows[j] == ",":
        j -= 1
    i = j + 1
    # back over the noun phrase: words that are no preposition, clause word, verb or cue
    while i - 1 >= 0 and j - i < ANTECEDENT_REACH:
        t = toks[i - 1]
        if t.low in ("'s", "’s"):
            i -= 1
            continue
        if (
            not is_word(t)
            or t.low in C.PREPOSITIONS
            or t.low in C.CLAUSE_BOUNDARY
            or t.low in C.PRONOUNS
            or (not is_cap(t) and (t.low in C.VERBISH or t.low in C.CUE_FORMS or past_verb(t)))
        ):
            break
        i -= 1
    if i > j:
        return sspan
    return (toks[i].start, sspan[1])


def _kind(text: str, span: Span, art: ArticleView) -> Literal["direct", "indirect", "mixed"]:
    """direct: the content is one quotation; mixed: it holds one; indirect: none."""
    s, e = span
    q = quote_at(art, s)
    if q is not None and q[0] == s and q[1] >= e - 1:
        return "direct"
    i = bisect.bisect_left(art.qstarts, s)
    if i < len(art.quotes) and art.quotes[i][0] < e:
        return "mixed"
    return "indirect"
