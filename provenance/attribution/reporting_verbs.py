"""Reporting-verb constructions: "X said (that) ...", '"...," said X', "X told reporters ...".

The verb cue is the largest rule set: walking back over auxiliaries and adjuncts to its
subject, telling the content's side (left or right of "X said"), and the passive, raising,
participle and "to <verb>" variants.  :func:`verb` combines the functions of :mod:`.subjects`
(who) with those of :mod:`.content_bounds` (what), asking :mod:`.verb_forms` whether a cue
word is used as a verb at all and :mod:`.verb_context` what lies around the cue.
"""

from __future__ import annotations

from typing import Literal

from .. import wordlists as W
from . import cues as C
from .content_bounds import (
    FINITE_AUX,
    clause_end,
    closing_quote,
    colon_quote,
    content_side,
    content_span,
    left_content,
    opens_quote,
    skip_adjuncts,
)
from .quoted_text import MAX_CONTENT, ArticleView, Rel, quote_after, quote_at
from .subject_phrases import fronted_participle, inverted, np_right
from .subjects import (
    appositive_head,
    clause_subject,
    controller,
    np_left,
    np_with_clause,
    plausible,
    subject,
    to_subject,
)
from .tokens import adverb_at, is_cap, is_word, past_verb
from .verb_context import (
    RAISING,
    adverb_back,
    as_reported_by,
    bare_word_after,
    fronted_clause,
    main_clause_comma,
    nearer_subject,
    outer_speaker,
    past_addressee,
    raised_cue,
    setting_only,
    tagged_question,
    unit_opening_cue,
)
from .verb_forms import (
    after_possessive,
    agrees_as_verb,
    participle_after_preposition,
    participle_comma,
    reduced_passive,
    verb_like,
)

# A cue right after one of these has the subject of the clause before it.
_SHARED_SUBJECT = W.words("reporting_verbs", "shared_subject")
# Prepositions opening a time adjunct between subject and verb ("X in March found").
_TIME_PREPS = W.words("reporting_verbs", "time_preps")
# What "shows" something: "the poll shows", "records show".
_EVIDENCE = W.words("reporting_verbs", "evidence")
# Endings of past participles that make a passive ("is expected", "was said", "is known").
_PASSIVE_ENDINGS = W.word_list("reporting_verbs", "passive_endings")
# Plain speech verbs: a long subject before them is still the speaker.
_PLAIN_SPEECH = W.words("reporting_verbs", "plain_speech")
# Verbs whose participle relays another's words: "X, citing Y, said", "quoting Y".
_RELAY = W.words("reporting_verbs", "relay")
_PAST_SPANS = W.words("reporting_verbs", "past_spans")
_FEELINGS = W.words("reporting_verbs", "feelings")
# Phrasal reporting verbs whose particle "out" is part of the cue ("pointed out that").
_OUT_VERBS = W.words("reporting_verbs", "out_verbs")
# Verbs whose reduced passive ("when questioned about ...") names the one addressed.
_QUESTIONED = W.words("reporting_verbs", "questioned")
_NP_WORDS = W.words("reporting_verbs", "np_words")
# Speech acts that may be reported with only a setting ("spoke at a rally").
_TALK = W.words("reporting_verbs", "talk")
_REDUCED_CLAUSE = W.words("reporting_verbs", "reduced_clause")
# Stance and cognition verbs that are not speech acts ("want", "decide", "hope").
_COGNITION = frozenset(C.COGNITION_VERBS) - frozenset(C.SPEECH_VERBS)
_SPEECH = frozenset(C.SPEECH_VERBS)


def verb(art: ArticleView, k: int, a: int, b: int, us: int, ue: int, prior: list[Rel]) -> Rel | None:
    lows = art.toks.lows
    if (
        lows[k] == "said"
        and a < k < b - 1
        and lows[k - 1] in ("that", "this")
        and lows[k + 1] == ","
        and (k - 1 == a or not is_word(art.toks[k - 2]) or lows[k - 2] in ("but", "and", "still"))
    ):
        return None  # "That said, ...": a connective ("nevertheless"), nobody's words
    rel = _verb_rel(art, k, a, b, us, ue, prior)
    if rel is not None and rel.source is None and _patient_passive(art, k, rel, b):
        return None
    if rel is None or rel.source is None:
        return rel
    base = C.cue_base(lows[k])
    if (
        rel.cue[1] - rel.cue[0] > 1
        and base in C.ADDRESSEE_VERBS
        and lows[k - 1] in C.PASSIVE_AUX
        and not lows[k].endswith("ing")  # "X is telling supporters": progressive, X speaks
    ):
        # "X was asked whether ...": X is the addressee; the asker is the "by" agent
        # ("X was asked by host Y whether ...") or not said
        return Rel(rel.content, _asker(art, k, b), rel.cue)
    if rel.source[1] <= rel.cue[0] and reduced_passive(art, k, rel.cue, b):
        # "a memo released Friday by the watchdog", "the plan, opposed by Democrats,": a
        # participle describing a noun; the noun before it speaks no words
        return None
    if participle_after_preposition(art, rel, k):
        # "In a statement released Thursday, X said ...", "with a video posted online": a
        # participle describing the object of a preposition, no subject and verb (what
        # follows may still be content: the noun names no one who said it)
        return Rel(rel.content, None, rel.cue)
    if rel.source[1] <= rel.cue[0] and k > 0 and after_possessive(art, k):
        # "McAuliffe's comment risks ...", "the party's repeated refusal": a noun; what
        # follows is often still reported content, but the name did not say it here
        return Rel(rel.content, None, rel.cue)
    if lows[k] == "known" and rel.source[1] <= rel.cue[0]:
        # "the group, known as ...", "is known for": a name or a reputation, nobody's words
        return Rel(rel.content, None, rel.cue)
    if lows[k] == "back" and adverb_back(art, k, b) and (k + 1 >= b or not is_word(art.toks[k + 1])):
        return None  # "step it back, X said": a particle closing its clause, nobody's words
    if lows[k] == "back" and adverb_back(art, k, b):
        # "goes back to 1938", "was back home": an adverb, not "back X"; nobody is its
        # source (the words after it may still be someone's content)
        return Rel(rel.content, None, rel.cue)
    if base in _TALK and setting_only(art, rel):
        # "X spoke at a rally", "Y spoke for 77 minutes", "Z spoke from the East Room": the
        # act of speaking with only its place or time, no words reported
        return None
    if bare_word_after(art, rel):
        # "The crowd booed loudly.", "X spoke briefly", "X showed up": an act with no object;
        # the word after it is an adverb or particle, not anything X said
        return Rel(rel.content, None, rel.cue)
    return rel


def _patient_passive(art: ArticleView, k: int, rel: Rel, b: int) -> bool:
    """ "The mayor was dismissed, officials said": a passive with a noun phrase as its subject
    (the one acted on) and nothing after it in its clause reports nobody's words ("The plant
    will close, it was announced" does: a dummy "it" before the passive)."""
    lows = art.toks.lows
    c0 = rel.cue[0]
    if not any(lows[x] in C.PASSIVE_AUX for x in range(c0, k)):
        return False
    if k + 1 < b and is_word(art.toks[k + 1]):
        return False  # "was told that ...", "was quoted as saying": words follow
    return c0 > 0 and is_word(art.toks[c0 - 1]) and lows[c0 - 1] not in ("it", "this", "that", "which")


def _infinitive(art: ArticleView, m: int, b: int) -> bool:
    """ "to" at ``m`` opens an infinitive ("to be", "to rule"), not a preposition ("to him",
    "to the bench", "to Trump"): a lower-case word follows that opens no noun phrase."""
    toks = art.toks
    if toks.lows[m] != "to" or m + 1 >= b:
        return False
    nxt = toks[m + 1]
    return (
        nxt.low.isalpha()
        and not is_cap(nxt)
        and nxt.low not in C.DETERMINERS
        and nxt.low not in C.PRONOUNS
        and nxt.low not in _NP_WORDS
    )


def _asker(art: ArticleView, k: int, b: int) -> tuple[int, int] | None:
    """The agent of a passive "asked/questioned" at ``k``: "asked by host John Doe whether"."""
    if k + 2 >= b or art.toks.lows[k + 1] != "by":
        return None
    np = np_right(art, k + 2, b)
    return np if np is not None and plausible(art, *np) else None


def _verb_rel(art: ArticleView, k: int, a: int, b: int, us: int, ue: int, prior: list[Rel]) -> Rel | None:
    toks = art.toks
    w = toks[k].low
    base = C.cue_base(w)
    cue = (k, k + 1)
    j = k - 1
    passive = False
    finite = False  # "X, who ..., is calling": a finite verb, not a ", calling" participle
    while (
        j >= a
        and (toks[j].low in C.AUX_ADV or adverb_at(toks, j))
        and k - j <= 4
        and (j == a or not is_cap(toks[j]))  # "Will believes": a name, not "will"
    ):
        passive = passive or toks[j].low in C.PASSIVE_AUX
        finite = finite or toks[j].low in FINITE_AUX
        j -= 1
    # "X have in the past said", "X has for years argued": a fronted adjunct before the verb
    if j - 2 >= a and toks.lows[j - 2] in ("in", "for", "over") and toks.lows[j] in _PAST_SPANS:
        j0 = j - 3 if toks.lows[j - 1] in ("the", "recent", "many", "several") else j - 2
        if j0 >= a and j0 == j - 3 or toks.lows[j - 1] in _PAST_SPANS:
            j = j0
            while j >= a and (toks[j].low in C.AUX_ADV or adverb_at(toks, j)) and not is_cap(toks[j]):
                finite = finite or toks[j].low in FINITE_AUX
                j -= 1
    if j < k - 1:
        cue = (j + 1, k + 1)
    # "X on Tuesday said", "X Tuesday told": a time adjunct between subject and verb
    t0 = j
    while (
        j >= a
        and k - j <= 6
        and (
            toks[j].low in C.TIME_WORDS
            or (toks[j].low in _TIME_PREPS and j < t0 and toks.lows[j + 1] in C.TIME_WORDS)
        )
    ):
        j -= 1
    if j < a or (j < t0 and not is_word(toks[j]) and toks[j].low not in (",", ")")):
        j = t0  # the "time word" started the clause: keep it
    while a <= j < t0 and toks[j].low in C.AUX_ADV and not is_cap(toks[j]):
        j -= 1  # "Police had last month charged ...": the auxiliary before the time words
    described: tuple[int, int] | None = None
    if a < j < t0 and past_verb(toks[j]) and verb_like(art, k, a):
        # "A poll released last week showed ...", "records filed Monday say": the subject
        # is a noun phrase with a participle and the time it qualifies
        np = np_left(art, j - 1, a)
        described = (np[0], t0 + 1) if np is not None else None
    source: tuple[int, int] | None = None
    borrowed = False
    direction: Literal["left", "right"] = "right"
    right_start = k + 1
    if k + 1 < b and toks.lows[k + 1] == "out" and base in _OUT_VERBS:
        # "X pointed out that ...": the particle belongs to the cue, not to the content
        cue, right_start = (cue[0], k + 2), k + 2

    if j >= a and toks.lows[j] == "as" and k + 1 < b and toks.lows[k + 1] in ("by", "in"):
        # "as first reported by the Times", "as reported in Le Monde" (after "X said ...",
        # the words stay X's)
        return None if prior else as_reported_by(art, j, k, a, b, us, ue)
    fronted = fronted_participle(art, j, k, a, b) if w.endswith("ing") else None
    stop = len(art.text)  # where a right-hand content must end at the latest
    if fronted is not None:
        source, borrowed = fronted, True  # "While campaigning in Ohio, X said ..."
        stop = toks.starts[fronted[0]]  # (its content ends before the main clause)
    elif w.endswith("ing") and j >= a and not finite and participle_comma(art, j, a):
        # participle clause: ", saying ..." / '"...," adding ...' -> subject of the main clause
        main = outer_speaker(art, prior, art.toks.ends[j])
        source = nearer_subject(art, main, a, j)
        if source is None:
            source = main.source if main is not None and main.source else subject(art, a, j)
        borrowed = True
    elif j > a and toks[j].low == "%" and toks[j - 1].low[:1].isdigit():
        source = (j - 1, j + 1)  # "42% say ..."
    elif j >= a and not is_word(toks[j]):
        inv = inverted(art, j, k, a, b)
        if inv is not None:
            # '"...," said Trump.' / 'The economy is strong, said Smith.'
            source, direction, right_start = inv, "left", inv[1]
        elif toks[j].low in (",", "—", "–"):
            # "X, who ..., said ..." / "X — an aide — told ...": X heads the unit
            source = appositive_head(art, a, j, toks[j].low)
        elif toks[j].low == ")":
            # "Sen. Jane Doe (D-Calif.) said": the name before the brackets
            o = j - 1
            while o > max(a, j - 12) and toks.lows[o] != "(":
                o -= 1
            source = np_left(art, o - 1, a) if o - 1 >= a and toks.lows[o] == "(" else None
            if source is None:
                return None
        else:
            return None
    elif j >= a and (
        toks[j].low in _SHARED_SUBJECT or (toks[j].low == "in" and j == k - 1 and w.endswith("ing"))
    ):
        # "X defended ... and said", "X got in trouble by saying", "X tried to ask":
        # the verb shares the subject of the clause it hangs on
        source = clause_subject(art, a, j, prior)
        borrowed = True
        if source is None:
            return None  # "When asked whether ...": nobody to attribute it to
        if (
            toks.lows[j] in ("and", "or")
            and base in _COGNITION
            and right_start < b
            and toks.lows[right_start] != "that"
        ):
            # "X met voters and wanted a candidate who ...", "and decided to run": a plan
            # or wish in a list of actions is seldom credited to the subject as a stance
            # (the words after it often are someone's content all the same)
            source = None
        if (
            j == k - 1
            and toks.lows[j] in _REDUCED_CLAUSE
            and w.endswith("ed")
            and (base in C.ADDRESSEE_VERBS or base in _QUESTIONED)
        ):
            # "X said, when asked (by a reporter) ...": a reduced passive; the asker is
            # the "by" agent or unnamed
            source = _asker(art, k, b)
    elif j - 1 >= a and toks[j].low == "to" and j == k - 1 and toks.lows[j - 1] == "according":
        return None  # "according to reports": the noun after "according to", no verb
    elif j - 2 >= a and toks[j].low == "to" and j == k - 1 and not w.endswith(("ed", "ing")):
        # "polls continue to show", "X refused to say": the subject of the governing verb
        source = controller(art, j, a) or to_subject(art, j, a)
        if source is None and base in _SPEECH and toks.lows[j - 1] not in C.CUE_FORMS:
            # "X went on to say", "X was prompted to say", "X took to Twitter to say"
            source = clause_subject(art, a, j, prior)
        borrowed = True
        if source is None:
            return None
    elif j >= a:
        if (
            w in C.NOUN_LIKE
            and j == k - 1
            and not (is_cap(toks[j]) or toks[j].low in C.PRONOUNS)
            and not (base == "show" and toks[j].low in _EVIDENCE)
            and not agrees_as_verb(art, j, k, b)
        ):
            return None  # "campaign calls", "party plans": a noun (but "the poll shows")
        source = described or np_left(art, j, a)
        if source is None and base in _PLAIN_SPEECH and toks.lows[j - 1] not in C.CUE_FORMS:
            source = np_with_clause(art, j, a)
        if source is None:
            return None
    else:
        # cue opens the unit: "Asked about it, X said ..." / "Said Smith, “...”"
        return unit_opening_cue(art, k, b, ue)

    if passive and source is not None and toks[source[0]].low == "it" and source[1] - source[0] == 1:
        source = None  # "it was reported that ..."
    elif (
        base in RAISING
        and source is not None
        and direction == "right"
        and not borrowed
        and not raised_cue(art, k, b)
    ):
        # "Enthusiasm for Clinton appears to have plummeted": an impression nobody voices;
        # the subject belongs to what seems so
        content = content_span(art, toks[source[0]].start, clause_end(art, source[0], b, ue))
        return Rel(content, None, cue) if content is not None else None
    elif (
        passive
        and direction == "right"
        and source is not None
        and base not in C.ADDRESSEE_VERBS
        and base not in _FEELINGS
        and w.endswith(_PASSIVE_ENDINGS)
    ):
        # "Nabisco is expected to cut ...": what is expected is the subject and its
        # complement together; the source is the agent ("... was first reported by the
        # Times"), or nobody ("X was asked" keeps X as source, "X is worried" too)
        agent = None
        for m in range(k + 1, min(b, k + 12)):
            if toks.lows[m] == "by":
                agent = np_right(art, m + 1, b)
                break
            if toks.lows[m] in (",", ";", "that", "“", '"') or _infinitive(art, m, b):
                break  # ("is expected to be filled by X": the agent of another verb)
        content = content_span(art, toks[source[0]].start, clause_end(art, source[0], b, ue))
        if content is None:
            return None
        return Rel(content, agent, cue)

    if direction == "right":
        rs = right_start
        if base in C.ADDRESSEE_VERBS:
            for m in range(k + 1, min(b, k + 10)):
                lw = toks[m].low
                if lw in ("that", ":", "“", '"', "whether", "if"):
                    rs = m + 1 if lw in (":", ",") else m
                    break
        before = toks[source[0] - 1] if source is not None and source[0] > a else None
        right_n = b - rs
        clear = rs < b and (
            toks[rs].low in ("that", ":", "“", '"', "'")
            or (toks[rs].low == "," and rs + 1 < b and opens_quote(art, rs + 1))
        )
        left_n = (source[0] - a) if source is not None else 0
        if borrowed:
            pass  # the subject was borrowed from the main clause: content follows the verb
        elif source is not None and toks.lows[source[1] - 1] in C.RELATIVE and right_n >= 1:
            pass  # "X, who hopes for ...": a relative clause's content follows its verb
        elif not clear and source is not None and before is not None:
            ds = past_addressee(art, rs, b) if base in ("tell", "ask") and rs == k + 1 else rs
            side = content_side(art, before, a, source[0], ds, b, b - ds, left_n, w)
            if side == "none":
                return None
            direction = side
        elif not clear and right_n < 2 and left_n >= 3:
            direction = "left"
        if direction == "right":
            if rs < b and toks.lows[rs] == ":" and rs == b - 1:
                # 'He continued:' closing a paragraph: the quotation that opens the next
                nxt = quote_after(art, ue)
                if nxt is not None:
                    return Rel(nxt, source, cue)
            if left_n == 0 and not clear:
                prev = closing_quote(art, rs, b, us, ue) or tagged_question(art, k, rs, b, us, base)
                if prev is not None:
                    return Rel(prev, source, cue)
            announced = colon_quote(art, rs, b, ue)
            if announced is not None:
                return Rel(announced, source, cue)
            rs = skip_adjuncts(art, rs, b)
            end = clause_end(art, rs, b, ue)
            if w.endswith("ing") and base in _RELAY:
                # "X, citing Y, said ...": a relaying participle's content is its object,
                # up to the comma or dash that closes the inserted phrase
                for m in range(rs, b):
                    if toks.lows[m] in (",", "—", "–", ";") and not toks.digit_comma(m):
                        end = min(end, toks.starts[m])
                        break
            if source is not None and not borrowed and fronted_clause(art, a, source[0]):
                stop = min(stop, main_clause_comma(art, rs, b))
            if rs < b and toks[rs].start < stop < end:
                end = stop
            content = content_span(art, toks[rs].start if rs < b else ue, end)
            if content is None and left_n >= 3 and source is not None:
                direction = "left"
            else:
                if content is None:
                    return None
                q = quote_at(art, content[0])
                if q is not None and q[0] == content[0] and q[1] > ue and q[1] - q[0] <= MAX_CONTENT:
                    content = (q[0], q[1])  # a quotation running on over several paragraphs
                return Rel(content, source, cue)
    # left content: everything before the source (or before the cue when inverted)
    end = toks[source[0]].start if source is not None and source[0] < k else toks[cue[0]].start
    content = left_content(art, us, end)
    if content is None:
        return None
    return Rel(content, source, cue)
