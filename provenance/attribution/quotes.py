"""Attribution relations ("who said what") from article text.

Rule based on purpose: the relations a provenance trace needs (a speaker, a reporting cue and
the reported content, with exact character offsets) follow a small set of English news
conventions -- ``"...," X said``, ``X said (that) ...``, ``X told reporters ...``,
``according to X, ...``, ``..., adding that ...`` -- and rules over one token pass run at
hundreds of articles per second per core with no model to ship.  The cue vocabulary is broad
(speech, stance and cognition verbs) because the yardstick, PolNeAR, counts beliefs and
stances as attributions too.

The pass works on *units*: sentences (from :mod:`provenance.segment`) merged where a sentence
break falls inside a quotation, so a multi-sentence quote and its cue are seen together.
Quotation marks are paired per paragraph, a quote may run on into the next paragraph when that
paragraph opens with a quote mark (news convention for long quotes), and every quote, unit,
content and article is capped in length so unbalanced or hostile input stays cheap.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..models import Article, Quote, Segments, Span
from ..segment import paragraph_spans, sentence_spans
from . import cues as C
from .speakers import resolve_speakers

log = logging.getLogger(__name__)

# Longest quotation (characters) we pair; longer "quotes" are unbalanced marks, not speech.
MAX_QUOTE = 4000
# Characters of an article read for attributions (a long feature is ~50k; the rest is junk).
MAX_TEXT = 1_000_000
# Longest unit (merged sentences) we build around a quotation.
MAX_UNIT = 6000
# Longest content we report; a run-on "sentence" (no punctuation for megabytes) is cut here.
MAX_CONTENT = 2500
# How far (tokens) the subject search looks back from a cue: keeps the pass linear.
LOOKBACK = 60
# Most relations one article may yield (a long feature has a few hundred).
MAX_RELATIONS = 3000
# Most relations one unit (sentence or quote-joined sentences) may yield.
MAX_PER_UNIT = 24

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|St|Prof|Rev|Sens|Reps)\.(?=\s)"
    r"|\w+(?:['’\-.]\w+)*"
    r"|[^\w\s]"
)
_EXTRA_BREAK = re.compile(r"[.!?]\s+(?=''[A-Z])")
_QUOTE_CHAR = re.compile(r"''|[\"“”]")  # '' is the NYT archive's straight double quote
OPEN_MARKS = frozenset('“"')
# Words opening an adverbial phrase before a subject: "In an interview, X said ...".
_OPENERS = C.word_set(
    """in on at after during while when although though as since speaking asked if because
    before following despite earlier later last this but and yet still meanwhile however also
    for with without by from throughout amid instead"""
)
# A cue right after one of these has the subject of the clause before it.
_SHARED_SUBJECT = C.word_set("and but or by after before while without when since until")
_COORD = C.word_set("and but while whereas although though yet")
_MEDIA = C.word_set(
    """interview interviews statement statements speech speeches tweet tweets twitter facebook
    letter email e-mail op-ed post blog press conference news briefing call appearance rally
    remarks address debate hearing testimony memo report video podcast radio television tv"""
)
_RAISING = C.word_set("seem appear")
_FINITE_AUX = C.word_set(
    "is are was were has have had will would could should may might must can did does do"
)
# Verbs (not cues themselves) that take "to <cue>": "polls continue to show", "X tried to argue".
_TO_VERBS = frozenset(
    C.inflect(sorted(C.word_set("continue try need begin start choose like love hate plan")))
) - (frozenset(C.CUE_FORMS))
_QUANT_ADVERBS = C.word_set("only just nearly almost about roughly some more fewer over under less even")
# Past participles that end a subject ("those surveyed said", "voters polled said").
_SURVEYED = C.word_set("surveyed polled interviewed questioned sampled contacted")
# What "shows" something: "the poll shows", "records show".
_EVIDENCE = C.word_set(
    """poll polls survey surveys data records study studies research analysis numbers figures
    results footage video videos documents document report reports statistics photos images
    evidence polling map maps chart graph record tally count"""
)
# Plain speech verbs: a long subject before them is still the speaker.
_PLAIN_SPEECH = C.word_set("say tell add write argue claim insist warn")
# Inside a relative clause before a cue: auxiliaries and prepositions, not clause breaks.
_REL_OK = C.word_set("is are was were has have had be been to")
_PLURALS = C.word_set("people men women children police staff")
_PREDICATE_BEFORE = C.word_set("has have had who which that to will would")
_MODALS = C.word_set("will would could should can may might must")
_ING_NOUNS = C.word_set(
    "king thing nothing something anything everything evening morning building wedding meeting"
)
_PAST_SPANS = C.word_set("past years months weeks days decades recent")
_FEELINGS = C.word_set("worry fear hope doubt feel concern focus")
_PARTICLES = C.word_set("up out down off into onto to")
_ADVERBS = C.word_set("now instead then still also here there later earlier meanwhile however yet so thus")
_CLAUSE_CUT = C.word_set("but which who whom whose while whereas although though")
_NEW_SUBJECT = C.word_set("he she they it we i")
_CLAUSE_START = C.word_set("when while which who that because if although though as since where whereas ; :")
_NOUN_DETERMINERS = C.word_set("the a an his their its our my your these those every each")
_NP_START = C.word_set(
    """the a an his her their its our my your this that these those some many most several few
    all both each every one two three four five six seven eight nine ten dozens hundreds
    thousands millions no other others another such he she they we i you it who which"""
)
_TRIGGERS = frozenset(C.CUE_FORMS) | {"according", ":"}
_QUOTE_TOKS = frozenset(["”", '"', "'", "“"])
_DETERMINERS = C.word_set("the a an his her their its this that our my your these those no any")
_CONTENT_STRIP = " \t\n,;:—–-"
# Common verbs that are not cues: a token like this ends a main clause's subject.
_VERBISH = C.word_set("""made took gave went came got saw held met left won lost ran sent spent began became brought
    kept put set spoke is are was were has have had will would can could did does do called
    raised expressed echoed welcomed highlighted stepped""")


class _Tok(NamedTuple):
    """One token: offsets, lower-cased form (’ folded to ') and the text as written."""

    start: int
    end: int
    low: str
    text: str


@dataclass(frozen=True)
class _Rel:
    content: Span
    source: tuple[int, int] | None  # token index range [a, b)
    cue: tuple[int, int]  # token index range [a, b)


def quotation_spans(text: str, paragraphs: tuple[Span, ...] | list[Span]) -> list[Span]:
    """Pair quotation marks into spans (marks included), paragraph by paragraph.

    A quote left open at the end of a paragraph continues when the next paragraph opens with
    a quote mark (the news convention for multi-paragraph quotes); otherwise it is dropped.
    Opening marks met inside an open quote are ignored (unless placed like a closing mark:
    a “ typed for ”), so thousands of nested marks cost one pass.  Quotes longer than
    :data:`MAX_QUOTE` are dropped.
    """
    out: list[Span] = []
    open_at: int | None = None
    prev_end = 0
    for ps, pe in paragraphs:
        if open_at is not None:
            if (text[ps] in OPEN_MARKS or text.startswith("''", ps)) and ps - open_at <= MAX_QUOTE:
                pass  # continuation paragraph
            else:
                _close(out, open_at, prev_end)
                open_at = None
        for m in _QUOTE_CHAR.finditer(text, ps, pe):
            i = m.start()
            ch = text[i]
            w = m.end() - i
            if open_at is not None and i - open_at > MAX_QUOTE:
                open_at = None  # runaway: not a quotation
            if ch == "“":
                if open_at is None:
                    open_at = i
                elif i > open_at + 1 and _closes(text, i, pe):
                    out.append((open_at, i + 1))  # a “ typed where ” belongs: '...,“ said X'
                    open_at = None
            elif ch == "”":
                if open_at is not None:
                    out.append((open_at, i + 1))
                    open_at = None
                elif _opens(text, i, 1, ps, pe):
                    open_at = i  # a ” typed where “ belongs
            else:  # straight quote: direction from its neighbours
                if open_at is None:
                    if _opens(text, i, w, ps, pe):
                        open_at = i
                elif i == ps:
                    pass  # continuation mark
                else:
                    out.append((open_at, i + w))
                    open_at = None
        prev_end = pe
    if open_at is not None:
        _close(out, open_at, prev_end)
    return out


def _close(out: list[Span], open_at: int, end: int) -> None:
    """A quote still open at the end of its paragraph (and not continued) is dropped: where it
    really ends is unknown, and treating the rest of the paragraph as quoted would hide the
    attribution that often follows ('"... to keep, said Kessel')."""
    return


def _closes(text: str, i: int, pe: int) -> bool:
    """A mark closes when it ends a word: a non-space before, space or punctuation after."""
    after = text[i + 1] if i + 1 < pe else " "
    return not text[i - 1].isspace() and (after.isspace() or after in ".,;:!?)]—–-")


def _opens(text: str, i: int, w: int, ps: int, pe: int) -> bool:
    """A straight quote opens when it starts a word: space/bracket before, a non-space after."""
    before = text[i - 1] if i > ps else " "
    after = text[i + w] if i + w < pe else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _units(text: str, paragraphs: tuple[Span, ...] | list[Span], quotes: list[Span]) -> list[Span]:
    """Sentences, merged where a sentence break falls inside a quotation of the paragraph."""
    qstarts = [q[0] for q in quotes]
    out: list[Span] = []
    for ps, pe in paragraphs:
        sents = [piece for sp in sentence_spans(text, ps, pe) for piece in _split_extra(text, sp)]
        cur: Span | None = None
        for s, e in sents:
            if cur is not None and e - cur[0] <= MAX_UNIT and _inside_quote(cur[1], s, quotes, qstarts):
                cur = (cur[0], e)
                continue
            if cur is not None:
                out.append(cur)
            cur = (s, e)
        if cur is not None:
            out.append(cur)
    return [piece for u in out for piece in _chunks(text, u)]


def _chunks(text: str, unit: Span) -> list[Span]:
    """A unit longer than :data:`MAX_UNIT` (a run-on paragraph) cut at spaces into pieces."""
    s, e = unit
    if e - s <= MAX_UNIT:
        return [unit]
    out: list[Span] = []
    while e - s > MAX_UNIT:
        cut = text.rfind(" ", s + MAX_UNIT // 2, s + MAX_UNIT)
        if cut < 0:
            cut = s + MAX_UNIT
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def _split_extra(text: str, span: Span) -> list[Span]:
    """Sentence breaks the segmenter keeps together: before a '' (NYT archive) quotation."""
    s, e = span
    out: list[Span] = []
    for m in _EXTRA_BREAK.finditer(text, s, e):
        out.append((s, m.start() + 1))
        s = m.end()
    out.append((s, e))
    return out


def _inside_quote(a: int, b: int, quotes: list[Span], qstarts: list[int]) -> bool:
    """True when a quotation spans the gap [a, b) between two sentences."""
    i = bisect.bisect_right(qstarts, a) - 1
    return i >= 0 and quotes[i][0] < a and quotes[i][1] >= b


_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")


class _Toks:
    """The article's tokens as parallel lists, with :class:`_Tok` views made on demand.

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

    def __getitem__(self, i: int) -> _Tok:
        return _Tok(self.starts[i], self.ends[i], self.lows[i], self.texts[i])


def _is_word(t: _Tok) -> bool:
    return t.low[0].isalnum() or t.low[0] == "_"


def _adverb(t: _Tok) -> bool:
    """Lower-case -ly word or a negated auxiliary: sits between a subject and its verb."""
    return (t.low.endswith("ly") and len(t.low) > 4 and not t.text[0].isupper()) or t.low.endswith("n't")


def _past_verb(t: _Tok) -> bool:
    """A lower-case past form (", referred to ...": the next verb of a list of actions)."""
    return not t.text[0].isupper() and t.low.endswith("ed") and len(t.low) > 4


def _participle(t: _Tok) -> bool:
    """An -ing form opening a phrase ("Speaking in Harlem, ...")."""
    return t.low.endswith("ing") and len(t.low) > 5 and t.low not in _ING_NOUNS


def _is_cap(t: _Tok) -> bool:
    return t.text[0].isupper()


class _Extractor:
    """One article's pass: tokens, quotations and units, then relations per unit."""

    def __init__(self, text: str, paragraphs: tuple[Span, ...] | list[Span]) -> None:
        self.text = text
        self.toks = _Toks(text)
        self.starts = self.toks.starts
        self.quotes = quotation_spans(text, paragraphs)
        self.qstarts = [q[0] for q in self.quotes]
        self.units = _units(text, paragraphs, self.quotes)

    # --- helpers -------------------------------------------------------------------------
    def _tok_range(self, s: int, e: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)

    def _quote_at(self, pos: int) -> Span | None:
        """The quotation containing ``pos`` (or starting at it), if any."""
        i = bisect.bisect_right(self.qstarts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return self.quotes[i]
        return None

    def _span(self, s: int, e: int) -> Span | None:
        """Character span between offsets, stripped of separators; None when empty."""
        t = self.text
        if e - s > MAX_CONTENT:
            cut = t.rfind(" ", s, s + MAX_CONTENT)
            e = cut if cut > s else s + MAX_CONTENT
        while s < e and t[s] in _CONTENT_STRIP:
            s += 1
        while e > s and (t[e - 1] in _CONTENT_STRIP or t[e - 1] == "."):
            e -= 1  # a sentence-final period is punctuation, not content (one inside quotes stays)
        return (s, e) if e > s and any(c.isalnum() for c in t[s : min(e, s + 200)]) else None

    def _np_left(self, j: int, lo: int) -> tuple[int, int] | None:
        """Subject noun phrase ending at token ``j`` (scanning left, at most 7 tokens)."""
        toks = self.toks
        t = toks[j]
        if not _is_word(t):
            return None
        if t.low in C.PRONOUNS:
            return (j, j + 1)
        if t.low in _DETERMINERS or t.low in C.PREPOSITIONS or t.low in C.CLAUSE_BOUNDARY:
            return None  # "the saying", "took to Twitter to say": no subject ends here
        if t.low in _SURVEYED and j - 1 >= lo and _is_word(toks[j - 1]) and not self._verbish(j - 1):
            if toks.lows[j - 1] in ("those", "people", "voters", "respondents"):
                return (j - 1, j + 1)  # "those surveyed said"
            np = self._np_left(j - 1, lo)  # "Cuban-Americans polled said"
            return (np[0], j + 1) if np is not None else None
        if not _is_cap(t) and (
            (t.low in C.CUE_FORMS and t.low not in C.NOUN_LIKE) or t.low.endswith("ed") or t.low in _VERBISH
        ):
            return None  # "raised fears", "urged continued ...": a verb, not a subject
        i = self._np_scan(j, lo, 6)
        if (
            i - 1 >= lo
            and toks.lows[i - 1] in _PREDICATE_BEFORE
            and not _is_cap(toks[i])
            and toks.lows[i] not in _NP_START
        ):
            return None  # "who have fought online threats say": a predicate, not a subject
        if self._plausible(i, j + 1):
            return (i, j + 1)
        # "The front-runner and former secretary of state said": a coordinated subject whose
        # second half alone is no noun phrase we trust
        if i - 2 >= lo and toks.lows[i - 1] in ("and", "&") and not self._verbish(i - 2):
            i2 = self._np_scan(i - 2, lo, 5)
            if i2 < i - 1 and self._plausible(i2, j + 1):
                return (i2, j + 1)
        return None

    def _unit_opening_cue(self, k: int, b: int, ue: int) -> _Rel | None:
        """A cue opening its sentence.

        "Asked about the wall, Trump said ...": what was asked runs to the comma; the asker is
        the "by" agent or unnamed.  "Said Smith, “...”": an inverted speaker, then the content.
        """
        toks = self.toks
        lows = toks.lows
        w = lows[k]
        if w == "asked":
            m = k + 1
            source = None
            if m < b and lows[m] == "by":
                source = self._np_right(m + 1, b)
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
            content = self._span(toks.starts[m], toks.starts[end])
            return _Rel(content, source, (k, k + 1)) if content is not None else None
        if w in ("said", "says") and k + 1 < b:
            src = self._np_right(k + 1, b)
            if src is None or src[1] >= b or lows[src[1]] not in (",", ":") or not _is_cap(toks[src[0]]):
                return None
            nxt = self._quote_after(toks.ends[src[1]])
            if nxt is None:
                q = bisect.bisect_left(self.qstarts, toks.ends[src[1]])
                if q < len(self.quotes) and self.quotes[q][0] < ue:
                    nxt = self.quotes[q]  # after an appositive: 'Said X, who ..., “...”'
            content = nxt if nxt is not None else self._span(toks.ends[src[1]], ue)
            return _Rel(content, src, (k, k + 1)) if content is not None else None
        return None

    def _np_with_clause(self, j: int, a: int) -> tuple[int, int] | None:
        """A subject with a relative clause or a long complement ending at token ``j``.

        "people who have battled online threats say", "officials whose laws were struck down
        say": the noun phrase before the relative pronoun, with its clause (PolNeAR's source
        spans hold the whole phrase).
        """
        toks = self.toks
        lows = toks.lows
        lo = max(a, j - 14)
        r = j
        while r > lo and lows[r] not in ("who", "whose", "that") and _is_word(toks[r]):
            if lows[r] in C.CLAUSE_BOUNDARY - _REL_OK or (lows[r] in C.CUE_FORMS and not _is_cap(toks[r])):
                return None
            r -= 1
        if r <= lo or lows[r] not in ("who", "whose", "that") or r == j:
            return None
        np = self._np_left(r - 1, a)
        if np is None or lows[np[0]] in C.PRONOUNS:
            return None
        return (np[0], j + 1)

    def _to_subject(self, j: int, a: int) -> tuple[int, int] | None:
        """Subject of "X <verb> to <cue>": X right before the governing verb (and its
        auxiliaries), the verb a lower-case word."""
        toks = self.toks
        v = j - 1
        t = toks[v]
        if t.low not in _TO_VERBS or _is_cap(t):
            return None
        v -= 1
        while v >= a and (toks.lows[v] in C.AUX_ADV or _adverb(toks[v])) and not _is_cap(toks[v]):
            v -= 1
        return self._np_left(v, a) if v >= a else None

    def _verbish(self, x: int) -> bool:
        t = self.toks[x]
        return not _is_word(t) or (
            not _is_cap(t)
            and (t.low in C.CUE_FORMS or t.low in _VERBISH or _past_verb(t) or t.low in _MODALS)
        )

    def _np_scan(self, j: int, lo: int, reach: int) -> int:
        """First token of the phrase ending at ``j``: words back to a clause boundary."""
        toks = self.toks
        i = j
        while i - 1 >= lo and j - i < reach:
            p = toks[i - 1]
            if p.low in ("'s", "’s") or (
                p.low in ("'", "’") and i - 2 >= lo and toks.lows[i - 2].endswith("s") and _is_word(toks[i])
            ):
                i -= 1  # "Trump's aides", "Gates' work"
                continue
            if p.low in ("that", "this") and _is_cap(p) and i - 1 == lo:
                i -= 1  # "That person said": a demonstrative opening the sentence
                break
            if not _is_word(p) or p.low in C.CLAUSE_BOUNDARY or p.low in C.PRONOUNS - {"one"}:
                break
            if p.low in C.CUE_FORMS and not _is_cap(p):
                break
            i -= 1
        # drop a leading prepositional / time phrase ("On Tuesday Trump said")
        while i < j and (
            toks[i].low in C.PREPOSITIONS or toks[i].low in C.TIME_WORDS or toks[i].low in _PARTICLES
        ):
            i += 1
        return i

    def _plausible(self, i: int, e: int) -> bool:
        """A subject we trust: a name, a pronoun, a determined or plural noun phrase.

        "sell books said" or "the election would ... matches said" are fragments of a larger
        clause; a relation built on them is more often wrong than right.
        """
        toks = self.toks
        words = [toks[x] for x in range(i, e) if _is_word(toks[x])]
        if not words or all(t.low in C.TIME_WORDS for t in words):
            return False
        if len(words) == 1 and (
            words[0].low in _ADVERBS or (words[0].low.endswith("ly") and len(words[0].low) > 4)
        ):
            return False  # "Recently, ... was asked", "Now worry": an adverb, not a subject
        if len(words) > 1 and words[0].low in _QUANT_ADVERBS:
            words = words[1:]  # "only 7 percent", "nearly half of voters"
        if any(_is_cap(t) for t in words) or words[0].low in _NP_START or words[0].low[0].isdigit():
            return not any(
                t.low in _VERBISH or (t.low in ("would", "will", "could", "should") and not _is_cap(t))
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
            and words[1].low in ("for", "of", "from", "at", "in", "with")
            and not any(t.low in _VERBISH or _past_verb(t) for t in words)
        )

    def _np_right(self, k: int, hi: int) -> tuple[int, int] | None:
        """Noun phrase starting at token ``k`` (inverted "said Trump", "according to X")."""
        toks = self.toks
        if k >= hi or not _is_word(toks[k]):
            return None
        if toks[k].low in C.PRONOUNS:
            return (k, k + 1)
        i = k
        while i < hi and i - k < 10:
            t = toks[i]
            if t.low in ("'s", "’s", "-", "&") or (t.low == "." and i > k and toks[i - 1].low in ("u", "s")):
                i += 1
                continue
            if not _is_word(t):
                break
            if i > k and (
                t.low in C.CLAUSE_BOUNDARY
                or (t.low in C.CUE_FORMS and t.low not in C.NOUN_LIKE)
                or t.low in C.TIME_WORDS
            ):
                break
            if i > k and t.low in ("in", "on", "at", "during"):
                nx = toks[min(i + 1, hi - 1)]
                if not _is_cap(nx) or nx.low in C.TIME_WORDS:
                    break
            i += 1
        return (k, i) if i > k else None

    def _subject(self, a: int, k: int) -> tuple[int, int] | None:
        """Subject of the unit's main clause before token ``k`` (for ", saying ...").

        Without a parser we take the phrase before the first verb-like token (an auxiliary,
        a cue, a past form), skipping quotations and an opening phrase ended by a comma.
        """
        toks = self.toks
        a = max(a, k - LOOKBACK)
        i = a
        while i < k:
            t = toks[i]
            q = self._quote_at(t.start)
            if q is not None and q[0] <= t.start and t.low in ("“", '"'):
                i = self._tok_range(q[1], q[1])[0]
                continue
            lw = t.low
            if (
                i > a
                and _is_word(t)
                and not _is_cap(t)
                and (lw in _VERBISH or lw in C.CUE_FORMS or (lw.endswith("ed") and len(lw) > 4))
            ):
                j = i - 1
                while j > a and toks[j].low in C.AUX_ADV:
                    j -= 1
                return self._np_left(j, a)
            i += 1
        return None

    def _clause_subject(self, a: int, j: int, prior: list[_Rel]) -> tuple[int, int] | None:
        """Subject of the clause that token ``j`` (a coordinator) continues.

        The clause starts after the nearest boundary ("when", "which", a comma ...); a
        relative pronoun there is the subject itself ("who criticised ... and said").
        """
        toks = self.toks
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
        start = c + 1 if c >= lo else lo
        if prior and prior[-1].source is not None and prior[-1].cue[0] >= start:
            return prior[-1].source
        return self._subject(start, j)

    def _inverted(self, j: int, k: int, a: int, b: int) -> tuple[int, int] | None:
        """Source after the cue when the content precedes it ('"...," said X.')."""
        toks = self.toks
        base = C.CUE_FORMS.get(toks.lows[k])
        if k + 1 >= b or base is None or base in ("tell", "remind", "inform", "notify", "assure", "advise"):
            return None  # "..., told CBS News": an addressee, not a speaker
        lw = toks[j].low
        quoted = self._closer(j) or (lw == "," and j > a and self._closer(j - 1))
        if not quoted and base not in C.INVERTIBLE:
            return None  # only common reporting verbs invert without a quotation
        src = self._np_right(k + 1, b)
        if src is None or src[1] - src[0] > 10:
            return None
        if quoted:
            return src
        if lw != ",":
            return None
        nxt = toks[src[1]].low if src[1] < b else "."
        first = toks[src[0]]
        if any(
            not _is_cap(toks[x])
            and (_past_verb(toks[x]) or toks.lows[x] in _VERBISH or toks.lows[x] in _MODALS)
            for x in range(src[0] + 1, src[1])
        ):
            return None  # "X, an aide, said the plan failed.": a clause follows, not a speaker
        if nxt in (",", ".", ";", "—", ":", "(", "!", "?") and (
            _is_cap(first) or first.low in ("the", "a", "an", "one", "another") or first.low in C.PRONOUNS
        ):
            return src
        return None

    def _appositive_head(self, a: int, j: int, delim: str = ",") -> tuple[int, int] | None:
        """The noun phrase before the unit's first comma (or dash) that is not an opening phrase."""
        toks = self.toks
        a = max(a, j - LOOKBACK)
        # start after the last quotation closed before the comma ('"...," X, an aide, said')
        for c in range(j - 1, a, -1):
            if self._closer(c):
                a = c + 1
                if a < j and self.toks.lows[a] == ",":
                    a += 1
                break
        tries = 0
        seg = a  # first token of the comma-delimited piece ending at ``c``
        for c in range(a + 1, j + 1):
            if self.toks.lows[c] != delim:
                continue
            tries += 1
            if tries > 3:
                break
            first, seg = toks[seg], c + 1
            if first.low in _OPENERS or first.low in C.PREPOSITIONS or _participle(first):
                continue  # "In a statement, X, ... said", "Speaking in Harlem, X, ... said"
            np = self._np_left(c - 1, a)
            if np is None:
                continue
            if toks[np[0]].low in C.PREPOSITIONS or toks[c - 1].low in C.TIME_WORDS:
                continue
            return np
        return self._subject(a, j)

    # --- relations ---------------------------------------------------------------------
    def run(self) -> list[_Rel]:
        rels: list[_Rel] = []
        for us, ue in self.units:
            a, b = self._tok_range(us, ue)
            unit_rels: list[_Rel] = []
            lows = self.toks.lows
            tries = 0
            for k in range(a, b):
                lw = lows[k]
                if lw not in _TRIGGERS:
                    continue
                tries += 1
                if tries > 3 * MAX_PER_UNIT:
                    break
                rel: _Rel | None = None
                if lw == ":":
                    rel = self._colon(k, a, b, ue)
                elif lw == "according":
                    if k + 1 < b and lows[k + 1] == "to":
                        rel = self._according(k, a, b, us, ue)
                elif self._verb_like(k, a) and not self._in_quote(self.starts[k]):
                    rel = self._verb(k, a, b, us, ue, unit_rels)
                if rel is not None:
                    unit_rels.append(rel)
                    if len(unit_rels) >= MAX_PER_UNIT:
                        break  # no real sentence holds more; hostile input does
            rels.extend(self._cut_at_coordination(unit_rels))
            if len(rels) >= MAX_RELATIONS:
                log.warning(
                    "more than %d attribution relations: the rest of the text is skipped", MAX_RELATIONS
                )
                break
        return rels

    def _cut_at_coordination(self, rels: list[_Rel]) -> list[_Rel]:
        """End a right-hand content where a coordinated clause starts a new relation.

        "X said A, but Y argued B": X's content is A, not "A, but Y argued B".
        """
        if len(rels) < 2:
            return rels
        toks = self.toks
        out: list[_Rel] = []
        for i, r in enumerate(rels):
            cs, ce = r.content
            cue_end = toks.ends[r.cue[1] - 1]
            if ce > cue_end:  # content after the cue, or subject + complement around it
                for r2 in rels[i + 1 :]:
                    c = self._sibling_start(r2)
                    if c is not None and max(cs, cue_end) < toks.starts[c] < ce:
                        cut = self._span(cs, toks.starts[c])
                        if cut is not None:
                            r = _Rel(cut, r.source, r.cue)
                        break
            out.append(r)
        return out

    def _clause_end(self, rs: int, b: int, ue: int) -> int:
        """Where reported content starting at token ``rs`` ends: before ", but ...",
        ", which ...", "; ..." or "and he ..." (a new clause), outside quotations."""
        toks = self.toks
        lows = toks.lows
        hi = min(b, rs + 4 * LOOKBACK)
        for m in range(rs + 1, hi - 1):
            lw = lows[m]
            new_clause = (
                lw == ";"
                or (lw == "," and lows[m + 1] in _CLAUSE_CUT)
                or (lw == "," and _past_verb(toks[m + 1]) and not self._in_quote(toks.starts[m + 1]))
                or (lw == "and" and lows[m + 1] in _NEW_SUBJECT)
                or (
                    lw == "and"
                    and (lows[m + 1] in _VERBISH or (lows[m + 1].endswith("ed") and len(lows[m + 1]) > 4))
                )
                or (lw in ("in", "during", "on", "at", "via") and m > rs + 2 and self._medium_at(m + 1, hi))
            )
            if new_clause and not self._in_quote(toks.starts[m]):
                return toks.starts[m]
        return ue

    def _skip_adjuncts(self, rs: int, b: int) -> int:
        """Step over "Tuesday", "on Twitter", "in an interview with CNN," after a cue: they say
        when and where, the content comes after them."""
        toks = self.toks
        lows = toks.lows
        start = rs
        for _ in range(6):
            if rs >= b:
                break
            lw = lows[rs]
            if lw in C.TIME_WORDS or lw == ",":
                rs += 1
            elif (
                lw in ("on", "in", "at", "during", "via", "late", "early")
                and rs + 1 < b
                and lows[rs + 1] in C.TIME_WORDS
            ):
                rs += 2
            elif lw in ("on", "in", "at", "during", "via") and self._medium_at(rs + 1, b):
                m = rs + 1
                while m < b and lows[m] not in _MEDIA:
                    m += 1
                rs = m + 1
                if (
                    rs < b
                    and lows[rs] in ("with", "to", "on", "for")
                    and rs + 1 < b
                    and _is_cap(toks[rs + 1])
                ):
                    rs += 2
                    while (
                        rs < b and (_is_cap(toks[rs]) or lows[rs] in ("'s", "’s", ".")) and _is_word(toks[rs])
                    ):
                        rs += 1
            else:
                break
        if rs >= b or self._span(toks.starts[rs], toks.ends[b - 1]) is None:
            return b if rs > start else start  # nothing but "when and where": no content here
        return rs

    def _medium_at(self, m: int, hi: int) -> bool:
        """Whether a medium follows ("an interview", "Twitter"): where it was said, not what."""
        lows = self.toks.lows
        if m < hi and lows[m] in ("a", "an", "the", "his", "her", "their", "its", "this", "that"):
            m += 1
        if m < hi and lows[m] in (
            "recent",
            "new",
            "written",
            "televised",
            "radio",
            "phone",
            "separate",
            "brief",
        ):
            m += 1
        return m < hi and lows[m] in _MEDIA

    def _sibling_start(self, r: _Rel) -> int | None:
        """Token where relation ``r`` starts as a sibling clause, not nested content.

        ", but Y argued ...", "; Y said ...", ", saying ...", ", and pushed ...": the clause
        before it ends there.  None when ``r`` does not open such a clause.
        """
        toks = self.toks
        first = r.cue[0]
        if r.source is not None and r.source[1] == r.cue[0]:
            first = r.source[0]  # its own subject right before the verb
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
        if lw == "," and toks.lows[r.cue[1] - 1].endswith("ing") and first == r.cue[0]:
            return c  # participle clause
        if lw == "," and r.source is not None and first == r.source[0]:
            return c  # "While A is true, Y said B": the main clause after a subordinate one
        return None

    def _colon(self, k: int, a: int, b: int, ue: int) -> _Rel | None:
        """'Former secretary of state Hillary Clinton: "We learned ..."' (transcripts, Q&A)."""
        toks = self.toks
        if k == a or k + 1 >= b or self._in_quote(toks.starts[k]):
            return None
        j = k - 1
        t = toks[j]
        if not (_is_cap(t) and _is_word(t)) or t.text in C.NOT_NAMES:
            return None
        src = self._np_left(j, a)
        if (
            src is None
            or src[0] != a
            or not all(
                _is_cap(toks[x]) or not _is_word(toks[x]) or toks.lows[x] in ("of", "the", "for")
                for x in range(*src)
            )
        ):
            return None
        if toks.lows[k + 1] not in ("“", '"', "'"):
            return None
        content = self._span(toks.starts[k + 1], ue)
        return _Rel(content, src, (k, k + 1)) if content is not None else None

    def _quote_after(self, pos: int) -> Span | None:
        """A quotation starting right after ``pos`` (only white space between)."""
        i = bisect.bisect_left(self.qstarts, pos)
        if i < len(self.quotes) and not self.text[pos : self.quotes[i][0]].strip():
            return self.quotes[i]
        return None

    def _quote_before(self, pos: int) -> Span | None:
        """A quotation ending right before ``pos`` (only white space between)."""
        i = bisect.bisect_left(self.qstarts, pos) - 1
        if i < 0:
            return None
        q = self.quotes[i]
        if q[1] <= pos and not self.text[q[1] : pos].strip():
            return q
        return None

    def _closer(self, i: int) -> bool:
        """Token ``i`` is the mark that closes a quotation (whatever glyph was typed)."""
        toks = self.toks
        if i < 0 or toks.lows[i] not in _QUOTE_TOKS:
            return False
        q = self._quote_at(toks.starts[i])
        return q is not None and q[1] == toks.ends[i]

    def _in_quote(self, pos: int) -> bool:
        """Inside a quotation: the speaker's own words, not the article's attribution."""
        q = self._quote_at(pos)
        return q is not None and q[0] < pos

    def _verb_like(self, k: int, a: int) -> bool:
        """Reject cue words used as nouns or adjectives ("the report", "a said ...")."""
        t = self.toks[k]
        if k > a:
            p = self.toks[k - 1].low
            if p in _NOUN_DETERMINERS:
                return False  # "a tweet", "his remarks": no verb follows a determiner
            if p in _DETERMINERS and (t.low in C.NOUN_LIKE or t.low.endswith("ing")):
                return False
            if p in ("the", "a", "an") and t.low == "said":
                return False
            if p in ("to",) and t.low.endswith(("ed", "ing")):
                return False
        if _is_cap(t) and k > a and self.toks[k - 1].low not in ("“", '"', "”"):
            return self._title_case(k)  # "Clinton Says Russians Hacked DNC" (a headline)
        return True

    def _title_case(self, k: int) -> bool:
        """True inside a headline-style run where most words are capitalised."""
        lo, hi = max(0, k - 6), min(len(self.toks), k + 6)
        words = [i for i in range(lo, hi) if _is_word(self.toks[i]) and len(self.toks.lows[i]) > 3]
        return len(words) >= 3 and sum(_is_cap(self.toks[i]) for i in words) >= 0.8 * len(words)

    def _left_content(self, us: int, end: int) -> Span | None:
        """Content before a cue: from the unit start (or an earlier quote opening) to ``end``."""
        start = us
        q = self._quote_at(us)
        if q is not None and q[0] < us:
            start = q[0]
        else:
            # '... problems. ''That is so out of touch,'' said X': the segmenter kept the
            # sentence before the quotation in this unit; the content is the quotation
            k = bisect.bisect_left(self.qstarts, end) - 1
            if k >= 0 and us < self.quotes[k][0] and self.quotes[k][1] <= end:
                qs, qe = self.quotes[k]
                lead = self.text[us:qs].rstrip()
                if not self.text[qe:end].strip(" ,—–-") and lead.endswith((".", "?", "!", ":", '."', ".”")):
                    start = qs
        if end - start > MAX_CONTENT:
            cut = self.text.find(" ", end - MAX_CONTENT, end)
            start = cut if cut >= 0 else end - MAX_CONTENT
        return self._span(start, end)

    def _according(self, k: int, a: int, b: int, us: int, ue: int) -> _Rel | None:
        src = self._np_right(k + 2, b)
        cue = (k, k + 2)
        if src is None:
            return None
        s_end = self.toks[src[1] - 1].end
        # "According to X, A." / "A, according to X." / "But, according to X, A."
        lead = a
        while lead < k and (self.toks.lows[lead] in _OPENERS or not _is_word(self.toks[lead])):
            lead += 1
        if lead == k or (k > a and self.toks[k - 1].low in ("“", '"')):
            content = self._span(s_end, self._clause_end(src[1], b, ue))
        else:
            content = self._left_content(us, self.toks[k].start)
            if content is None:
                content = self._span(s_end, ue)
        if content is None:
            return None
        return _Rel(content, src, cue)

    def _verb(self, k: int, a: int, b: int, us: int, ue: int, prior: list[_Rel]) -> _Rel | None:
        rel = self._verb_rel(k, a, b, us, ue, prior)
        if rel is None or rel.source is None:
            return rel
        lows = self.toks.lows
        base = C.CUE_FORMS[lows[k]]
        if rel.cue[1] - rel.cue[0] > 1 and base in C.ADDRESSEE_VERBS and lows[k - 1] in C.PASSIVE_AUX:
            # "X was asked whether ...": X is the addressee; who asked is not said
            return _Rel(rel.content, None, rel.cue)
        if lows[k] == "known" and rel.source[1] <= rel.cue[0]:
            # "the group, known as ...", "is known for": a name or a reputation, nobody's words
            return _Rel(rel.content, None, rel.cue)
        return rel

    def _verb_rel(self, k: int, a: int, b: int, us: int, ue: int, prior: list[_Rel]) -> _Rel | None:
        toks = self.toks
        w = toks[k].low
        base = C.CUE_FORMS[w]
        cue = (k, k + 1)
        j = k - 1
        passive = False
        finite = False  # "X, who ..., is calling": a finite verb, not a ", calling" participle
        while (
            j >= a
            and (toks[j].low in C.AUX_ADV or _adverb(toks[j]))
            and k - j <= 4
            and (j == a or not _is_cap(toks[j]))  # "Will believes": a name, not "will"
        ):
            passive = passive or toks[j].low in C.PASSIVE_AUX
            finite = finite or toks[j].low in _FINITE_AUX
            j -= 1
        # "X have in the past said", "X has for years argued": a fronted adjunct before the verb
        if j - 2 >= a and toks.lows[j - 2] in ("in", "for", "over") and toks.lows[j] in _PAST_SPANS:
            j0 = j - 3 if toks.lows[j - 1] in ("the", "recent", "many", "several") else j - 2
            if j0 >= a and j0 == j - 3 or toks.lows[j - 1] in _PAST_SPANS:
                j = j0
                while j >= a and (toks[j].low in C.AUX_ADV or _adverb(toks[j])) and not _is_cap(toks[j]):
                    finite = finite or toks[j].low in _FINITE_AUX
                    j -= 1
        if j < k - 1:
            cue = (j + 1, k + 1)
        # "X on Tuesday said", "X Tuesday told": a time adjunct between subject and verb
        t0 = j
        while j >= a and k - j <= 6 and (toks[j].low in C.TIME_WORDS or (toks[j].low == "on" and j < t0)):
            j -= 1
        if j < a or (j < t0 and not _is_word(toks[j]) and toks[j].low not in (",", ")")):
            j = t0  # the "time word" started the clause: keep it
        source: tuple[int, int] | None = None
        borrowed = False
        direction: Literal["left", "right"] = "right"
        right_start = k + 1

        if w.endswith("ing") and j >= a and toks[j].low in (",", "—", "–") and not finite:
            # participle clause: ", saying ..." -> subject of the main clause
            source = prior[-1].source if prior and prior[-1].source else self._subject(a, j)
            borrowed = True
        elif j > a and toks[j].low == "%" and toks[j - 1].low[:1].isdigit():
            source = (j - 1, j + 1)  # "42% say ..."
        elif j >= a and not _is_word(toks[j]):
            inv = self._inverted(j, k, a, b)
            if inv is not None:
                # '"...," said Trump.' / 'The economy is strong, said Smith.'
                source, direction, right_start = inv, "left", inv[1]
            elif toks[j].low in (",", "—", "–"):
                # "X, who ..., said ..." / "X — an aide — told ...": X heads the unit
                source = self._appositive_head(a, j, toks[j].low)
            elif toks[j].low == ")":
                # "Sen. Jane Doe (D-Calif.) said": the name before the brackets
                o = j - 1
                while o > max(a, j - 12) and toks.lows[o] != "(":
                    o -= 1
                source = self._np_left(o - 1, a) if o - 1 >= a and toks.lows[o] == "(" else None
                if source is None:
                    return None
            else:
                return None
        elif j >= a and toks[j].low in _SHARED_SUBJECT:
            # "X defended ... and said", "X got in trouble by saying", "X tried to ask":
            # the verb shares the subject of the clause it hangs on
            source = self._clause_subject(a, j, prior)
            borrowed = True
            if source is None:
                return None  # "When asked whether ...": nobody to attribute it to
        elif j - 2 >= a and toks[j].low == "to" and j == k - 1 and not w.endswith(("ed", "ing")):
            # "polls continue to show", "X refused to say": the subject of the governing verb
            source = self._to_subject(j, a)
            if source is None and base in _PLAIN_SPEECH and toks.lows[j - 1] not in C.CUE_FORMS:
                # "X went on to say", "X was prompted to say", "X took to Twitter to say"
                source = self._clause_subject(a, j, prior)
            borrowed = True
            if source is None:
                return None
        elif j >= a:
            if (
                w in C.NOUN_LIKE
                and j == k - 1
                and not (_is_cap(toks[j]) or toks[j].low in C.PRONOUNS)
                and not (base == "show" and toks[j].low in _EVIDENCE)
            ):
                return None  # "campaign calls", "party plans": a noun (but "the poll shows")
            source = self._np_left(j, a)
            if source is None and base in _PLAIN_SPEECH and toks.lows[j - 1] not in C.CUE_FORMS:
                source = self._np_with_clause(j, a)
            if source is None:
                return None
        else:
            # cue opens the unit: "Asked about it, X said ..." / "Said Smith, “...”"
            return self._unit_opening_cue(k, b, ue)

        if passive and source is not None and toks[source[0]].low == "it" and source[1] - source[0] == 1:
            source = None  # "it was reported that ..."
        elif base in _RAISING and source is not None and direction == "right" and not borrowed:
            # "Enthusiasm for Clinton appears to have plummeted": an impression nobody voices;
            # the subject belongs to what seems so
            content = self._span(toks[source[0]].start, self._clause_end(source[0], b, ue))
            return _Rel(content, None, cue) if content is not None else None
        elif (
            passive
            and direction == "right"
            and source is not None
            and base not in C.ADDRESSEE_VERBS
            and base not in _FEELINGS
            and w.endswith(("ed", "said", "known", "thought", "written", "seen", "shown"))
        ):
            # "Nabisco is expected to cut ...": what is expected is the subject and its
            # complement together; the source is the agent ("... was first reported by the
            # Times"), or nobody ("X was asked" keeps X as source, "X is worried" too)
            agent = None
            for m in range(k + 1, min(b, k + 12)):
                if toks.lows[m] == "by":
                    agent = self._np_right(m + 1, b)
                    break
                if toks.lows[m] in (",", ";", "that", "“", '"'):
                    break
            content = self._span(toks[source[0]].start, self._clause_end(source[0], b, ue))
            if content is None:
                return None
            return _Rel(content, agent, cue)

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
                or (toks[rs].low == "," and rs + 1 < b and toks[rs + 1].low in ("“", '"', "'"))
            )
            left_n = (source[0] - a) if source is not None else 0
            if borrowed:
                pass  # the subject was borrowed from the main clause: content follows the verb
            elif not clear and source is not None and before is not None:
                side = self._direction(before, a, source[0], rs, b, right_n, left_n, w)
                if side == "none":
                    return None
                direction = side
            elif not clear and right_n < 2 and left_n >= 3:
                direction = "left"
            if direction == "right":
                if rs < b and toks.lows[rs] == ":" and rs == b - 1:
                    # 'He continued:' closing a paragraph: the quotation that opens the next
                    nxt = self._quote_after(ue)
                    if nxt is not None:
                        return _Rel(nxt, source, cue)
                if left_n == 0 and (
                    rs >= b
                    or toks[rs].low in C.PREPOSITIONS
                    or toks[rs].low in C.TIME_WORDS
                    or not _is_word(toks[rs])
                ):
                    # '“We will win!” Trump said on Twitter.': the quote closed the sentence before
                    prev = self._quote_before(us)
                    if prev is not None:
                        return _Rel(prev, source, cue)
                rs = self._skip_adjuncts(rs, b)
                content = self._span(toks[rs].start if rs < b else ue, self._clause_end(rs, b, ue))
                if content is None and left_n >= 3 and source is not None:
                    direction = "left"
                else:
                    if content is None:
                        return None
                    q = self._quote_at(content[0])
                    if q is not None and q[0] == content[0] and q[1] > ue and q[1] - q[0] <= MAX_CONTENT:
                        content = (q[0], q[1])  # a quotation running on over several paragraphs
                    return _Rel(content, source, cue)
        # left content: everything before the source (or before the cue when inverted)
        end = toks[source[0]].start if source is not None and source[0] < k else toks[cue[0]].start
        content = self._left_content(us, end)
        if content is None:
            return None
        return _Rel(content, source, cue)

    def _direction(
        self, before: _Tok, a: int, src0: int, rs: int, b: int, right_n: int, left_n: int, w: str
    ) -> Literal["left", "right", "none"]:
        """Which side of "X said" holds the content when no "that"/colon/quote settles it.

        '"...," X said' and 'The economy is strong, X said Tuesday.' put it left; 'In an
        interview, X said he ...' and 'X, however, said he ...' put it right.
        """
        toks = self.toks
        bl = before.low
        if self._closer(src0 - 1) or (bl == "," and src0 - 2 >= a and self._closer(src0 - 2)):
            return "left"
        if bl not in (",", "—", "–") or left_n < 3 or (w.endswith("ing") and bl == ","):
            if right_n >= 2 or left_n < 3:
                return "right"
            # "... which Trump has criticized.": the content is an antecedent we cannot bound
            return "none" if _is_word(before) else "left"
        adjunct_right = (
            rs >= b
            or toks[rs].low in C.PREPOSITIONS
            or toks[rs].low in C.TIME_WORDS
            or not _is_word(toks[rs])
        )
        opener = toks[a].low
        adverbial_left = opener in _OPENERS and not any(
            self._closer(i) for i in range(max(a, src0 - LOOKBACK), src0)
        )
        if adverbial_left:
            return "right" if right_n >= 2 else "left"
        if adjunct_right or right_n < 3:
            return "left"
        return "right"


def extract_quotes(article: Article, segments: Segments | None = None) -> list[Quote]:
    """Every attribution relation in ``article.text``: direct, indirect and mixed quotes.

    Each :class:`Quote` carries the content span, the source span as written
    (``speaker_span``), the speaker resolved to the full name last introduced when that is
    unambiguous (``speaker``) and the cue span.  Offsets index ``article.text``.
    """
    text = article.text
    if not text:
        return []
    if segments is not None:
        paras: tuple[Span, ...] | list[Span] = segments.paragraphs
    else:
        paras = article.paragraphs or paragraph_spans(text)
    # paragraphs come from other stages: keep only well-formed spans inside the text
    paras = [(ps, pe) for ps, pe in paras if 0 <= ps < pe <= len(text)]
    if len(text) > MAX_TEXT:
        # no news article is this long; a bound keeps hostile input (a 5 MB "paragraph") cheap
        log.warning(
            "article %s: %d characters, attributions read from the first %d", article.id, len(text), MAX_TEXT
        )
        text = text[:MAX_TEXT]
        paras = [(ps, min(pe, MAX_TEXT)) for ps, pe in paras if ps < MAX_TEXT and min(pe, MAX_TEXT) > ps]
    ex = _Extractor(text, paras)
    rels = ex.run()
    out: list[Quote] = []
    seen: set[tuple[Span, Span | None]] = set()
    raw: list[tuple[_Rel, Span | None]] = []
    for r in rels:
        sspan = None
        if r.source is not None:
            sspan = (ex.toks[r.source[0]].start, ex.toks[r.source[1] - 1].end)
        key = (r.content, sspan)
        if key in seen:
            continue
        seen.add(key)
        raw.append((r, sspan))
    names = resolve_speakers(text, [s for _, s in raw], [r.content[0] for r, _ in raw])
    for (r, sspan), name in zip(raw, names, strict=True):
        cs, ce = r.content
        cue_span = (ex.toks[r.cue[0]].start, ex.toks[r.cue[1] - 1].end)
        out.append(
            Quote(
                article=article.id,
                text=text[cs:ce],
                kind=_kind(text, r.content, ex),
                span=r.content,
                speaker=name,
                speaker_span=sspan,
                cue=text[cue_span[0] : cue_span[1]],
                cue_span=cue_span,
            )
        )
    return out


def _kind(text: str, span: Span, ex: _Extractor) -> Literal["direct", "indirect", "mixed"]:
    """direct: the content is one quotation; mixed: it holds one; indirect: none."""
    s, e = span
    q = ex._quote_at(s)
    if q is not None and q[0] == s and q[1] >= e - 1:
        return "direct"
    i = bisect.bisect_left(ex.qstarts, s)
    if i < len(ex.quotes) and ex.quotes[i][0] < e:
        return "mixed"
    return "indirect"
