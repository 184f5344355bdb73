"""Citations read off attribution relations: a relation whose source names an outlet.

The relation pass (:mod:`.quotes`) finds who said or reported what, whatever the cue: "X
reported", "according to X", "a report by X found", "X, citing Y, said", "as reported by X".
A relation is an outlet citation when its source names an outlet or a collective
(:mod:`.outlet_sources`).  Its via-chain comes from the relations beside it: a relation with
the same source whose cue relays another source ("citing Y", "quoting Y") or a content that
opens with "via Y" names where the outlet got it, nearest first.  A relaying relation whose
own source is no outlet ("Citing Iranian media, officials said ...", "..., citing Kavir
Times") cites what it relays.

No phrase list is involved: a cue nobody listed still makes a citation as soon as the
relation pass reads it as a relation.  When the cited outlet is the page's own ("Gulf Meridian
reports via pgdigest.ir" on Gulf Meridian's site), the page cites the next link of its chain.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from provenance.models import Article, Attribution, Quote, Span

from .cite_names import CiteContext, is_own
from .outlet_sources import (
    OutletMention,
    SourceReader,
    collectives_in,
    is_description,
    known,
    lexicon,
    may_be_collective,
)

_VIA = re.compile(r"^\s*(?:via|citing|quoting)\s+(.+?)(?=\s+(?:that|as|on|in|and)\b|[,.;:](?:\s|$)|$)", re.I)
# "X said in a report", "X wrote in an article": the cue is a publishing one
_IN_VENUE = re.compile(r"[ \t]+in[ \t]+(?:a|an|its|the)[ \t]+(?:[a-z-]+[ \t]+)?(?P<n>[a-z]+)")


def relation_citations(
    article: Article,
    quotes: Sequence[Quote],
    ctx: CiteContext,
    sentences: Sequence[Span],
    reader: SourceReader,
) -> list[Attribution]:
    """Outlet citations from the relations of ``article`` (one per relation and outlet)."""
    text = article.text
    relays = lexicon("relay_cues")
    out: list[Attribution] = []
    for q in quotes:
        relay = (q.cue or "").lower() in relays
        cited = _cited(text, q, reader) if q.speaker_span else []
        if relay:
            if cited and any(r is not q and _same_source(r, q) for r in quotes):
                continue  # "X, citing Y, said": read with X's own relation
            chain = [*cited, *_relayed(q, reader)]
        elif cited:
            chain = [*cited, *_via(q, quotes, reader)]
            chain += [
                m
                for m in _relays(text, sentences, q, chain, ctx, reader)
                if m.name not in {c.name for c in chain}
            ]
        else:
            # "Citing Iranian media, officials said ...": a source that is no outlet relays one
            chain = _relays(text, sentences, q, [], ctx, reader, strict=True)
            if not chain:
                continue
        span = _relation_span(q, chain[len(cited) :] if not relay else [])
        evidence = sentence_at(text, sentences, span)
        chain = [known(m, ctx.registry) for m in chain]
        cited = chain[: len(cited)]
        heads = cited or chain[:1]
        for head in heads:
            links = [head, *[v for v in chain if v not in heads and v.name != head.name]]
            while links and _own(links[0], ctx):
                links = links[1:]  # the page's own outlet: it cites the next link
            if not links:
                continue
            first, rest = links[0], links[1:]
            if first.kind == "vague":  # "media reports said": the phrase names no one
                first = OutletMention(first.written, first.span, text[span[0] : span[1]], "vague")
            out.append(
                Attribution(
                    article=article.id,
                    cited=first.name,
                    cue=q.cue or "",
                    evidence=evidence,
                    span=span,
                    cited_domain=first.stated_domain,
                    via=tuple(v.name for v in rest),
                    mode="via" if " via " in f" {q.text} " and rest else "text",
                    cited_kind=first.kind,
                    via_kinds=tuple(v.kind for v in rest),
                    outlet_domain=first.domain,
                )
            )
    return out


def _cited(text: str, q: Quote, reader: SourceReader) -> list[OutletMention]:
    """The outlets the relation's source names, read with what stands between it and the cue
    (:func:`_source_reach`); when that longer stretch names none, the source alone: a
    collective with a relaying phrase after it ("Ukrainian media, quoting the governor,
    said") is read from its own words."""
    assert q.speaker_span is not None
    strong = _strong(text, q)
    reach = _source_reach(text, q, reader)
    found = reader.outlets(reach, strong=strong)
    if found or reach == q.speaker_span:
        return found
    # only a collective or a description ("The Journal, citing documents, reported"): a bare
    # name alone may be a short form nobody used as an outlet ("Federal officials ...")
    own = text[q.speaker_span[0] : q.speaker_span[1]]
    described = is_description(own)
    if not described and not may_be_collective(own):
        return []  # (most sources: people, read no further)
    alone = reader.outlets(q.speaker_span, strong=strong)
    return alone if described or all(m.kind == "source_group" for m in alone) else []


def _strong(text: str, q: Quote) -> bool:
    """A publishing cue ("reported", "first reported by", "said in a report"): the source is
    a publisher, so an organisation-shaped name nobody registered counts ("according to X"
    alone is said of people and institutions as often)."""
    if any(w in lexicon("publishing_cues") for w in (q.cue or "").lower().split()):
        return True
    venue = _IN_VENUE.match(text, q.cue_span[1]) if q.cue_span else None
    return venue is not None and venue.group("n") in lexicon("venue_nouns")


def _same_source(r: Quote, q: Quote) -> bool:
    """One source for both ("Desi News Now" and "Desi News Now, which")."""
    return (
        r.speaker_span is not None and q.speaker_span is not None and r.speaker_span[0] == q.speaker_span[0]
    )


def _own(m: OutletMention, ctx: CiteContext) -> bool:
    return m.kind not in ("source_group", "vague") and is_own(m.written, m.stated_domain or m.domain, ctx)


def _relayed(q: Quote, reader: SourceReader) -> list[OutletMention]:
    """What a relaying relation passes on: the outlets at the head of its content ("citing
    Kavir Times", "quoting the state news agency IRNA")."""
    head = re.match(r"[^,;:]+", q.text)
    if head is None:
        return []
    s = q.span[0]
    return reader.outlets((s, s + len(head.group(0).rstrip())), strong=True)


def _via(q: Quote, quotes: Sequence[Quote], reader: SourceReader) -> list[OutletMention]:
    """Where the source got it: relations of the same source that relay another ("citing Y",
    "quoting Y"), or a content opening with "via Y"; nearest first."""
    found: list[tuple[int, OutletMention]] = []
    m = _VIA.match(q.text)
    if m is not None:
        s = q.span[0] + m.start(1)
        found += [(s, o) for o in reader.outlets((s, s + len(m.group(1))), strong=True)]
    relays = lexicon("relay_cues")
    for r in quotes:
        if r is q or not _same_source(r, q) or (r.cue or "").lower() not in relays:
            continue
        found += [(r.span[0], o) for o in _relayed(r, reader)]
    found.sort(key=lambda x: x[0])
    return [o for _, o in found]


_RELAY_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:first[ \t]+)?(?P<p>[a-z]+)[ \t]+by[ \t]+[^,;.\n]+")


# what opens a relaying phrase: "citing", "quoting", "relaying a report from", "picking up a
# story first carried by", "via", "which (in turn) cited", "based on", "attributing it to"
_RELAY_OPEN = re.compile(r"(?i)\b(?:[a-z]+ing|via|which|that|based|according)\b")
_AS_WORD = re.compile(r"(?i)\bas\b")


@functools.cache
def _strict_relay() -> re.Pattern[str]:
    """What a relation whose source is no outlet needs in its sentence to relay one (see
    :func:`_relays`): a relaying cue of the word list, or "as (first) reported by"."""
    cues = "|".join(sorted(map(re.escape, lexicon("relay_cues"))))
    return re.compile(
        rf"(?i)\b(?:{cues})\b|\bas[ \t]+(?:was[ \t]+)?(?:first[ \t]+|originally[ \t]+|previously[ \t]+)?"
        r"(?:reported|published|carried|broken|revealed)[ \t]+(?:by|in|on)\b"
    )


_CLAUSE_BREAK = re.compile(r"[,—–;]")


def _after_openers(text: str, s0: int, e0: int, reader: SourceReader) -> list[OutletMention]:
    """The outlets of sentence ``[s0, e0)`` that stand after a word opening a relaying phrase
    (or "as") in the same clause: the only ones :func:`_relays` can take, read without
    scanning the rest of the sentence."""
    windows: list[Span] = []
    for o in sorted(
        [*_RELAY_OPEN.finditer(text, s0, e0), *_AS_WORD.finditer(text, s0, e0)], key=lambda o: o.start()
    ):
        brk = _CLAUSE_BREAK.search(text, o.end(), e0)
        a, b = o.start(), brk.start() if brk else e0
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(b, windows[-1][1]))
        else:
            windows.append((a, b))
    return [m for a, b in windows for m in reader.mentions(a, b)]


# ", as first reported by X" after another's words: X carried them first
_AS_REPORTED = re.compile(
    r"(?i)\bas[ \t]+(?:was[ \t]+)?(?:first[ \t]+|originally[ \t]+|previously[ \t]+)?"
    r"(?:reported|published|carried|broken|revealed)[ \t]+(?:by|in|on)[ \t]+(?:the[ \t]+)?$"
)


def _relays(
    text: str,
    sentences: Sequence[Span],
    q: Quote,
    chain: Sequence[OutletMention],
    ctx: CiteContext,
    reader: SourceReader,
    strict: bool = False,
) -> list[OutletMention]:
    """Outlets the cited one took it from, named in the relation's sentence outside what was
    reported: in a phrase opened by a relaying word ("X, relaying a report from Y, said",
    "Citing Y, X said", "X said, quoting Z, which in turn cited W"); nearest first.
    ``strict`` (for a source that is no outlet): only a phrase opened by a relaying cue
    ("citing", "quoting"), not any participle ("Speaking to CNN, the senator said"), and
    before the cue (what comes after it belongs to the content or to another relation)."""
    i = bisect.bisect_right(sentences, (q.span[0], len(text) + 1)) - 1
    if i < 0:
        return []
    s0, e0 = sentences[i]
    if strict and _strict_relay().search(text, s0, e0) is None:
        return []  # no relaying cue and no "as first reported by": nothing a non-outlet relays
    cs, ce = q.span
    lead = re.match(r"\s*(?:[,—–-]\s*)?(?:via|citing|quoting|which|that\s+in\s+turn)\b[^,—–;]*", q.text)
    if lead:  # a content opening with the relay ("citing Israeli media — that ...")
        cs += lead.end()
    found: list[OutletMention] = []
    for m in [*_after_openers(text, s0, e0, reader), *collectives_in(text, s0, e0, ctx.registry)]:
        if cs <= m.span[0] < ce or any(
            m.span[0] < c.span[1] and c.span[0] < m.span[1] for c in [*chain, *found]
        ):
            continue
        clause_start = max(s0, max(text.rfind(x, s0, m.span[0]) for x in (",", "—", "–", ";")) + 1)
        if _AS_REPORTED.search(text[clause_start : m.span[0]]):
            found.append(m)  # 'X said, as first reported by Y.': Y carried X's words first
            continue
        opener = _RELAY_OPEN.search(text, clause_start, m.span[0])
        if opener is None:
            continue
        if strict and (
            opener.group(0).lower() not in lexicon("relay_cues")
            or q.cue_span is None
            or m.span[0] > q.cue_span[0]
        ):
            continue  # only "Citing X, officials said" / "officials, citing X, said"
        found.append(m)
    x = chain[0].span[0] if chain else q.span[0]
    after = sorted((m for m in found if m.span[0] >= x), key=lambda m: m.span[0])
    before = sorted((m for m in found if m.span[0] < x), key=lambda m: -m.span[0])
    return after + before


def _source_reach(text: str, q: Quote, reader: SourceReader) -> Span:
    """The source with what stands between it and the cue ("The letter, seen by Reuters,
    warns", "the minister was quoted by Interfax as saying") or a relaying participle right
    after it ("according to exit polling reported by CNN"): an outlet there passed the words
    on.  Outlets coordinated with the source ("Reuters and AFP", "an NBC/Wall Street Journal
    poll", "The New York Times and Der Spiegel") are one source: the relation pass ends a
    source at the conjunction, so the reach takes the named outlets on either side of it."""
    s, e = q.speaker_span or (0, 0)
    s, e = _coordinated(text, s, e, reader)
    if q.cue_span is not None and q.cue_span[0] >= e:
        e = q.cue_span[1] if " by " in f" {q.cue or ''} " else q.cue_span[0]
    after = _RELAY_AFTER.match(text, e)
    if after and after.group("p") in lexicon("relay_participles"):
        e = after.end()
    return (s, e)


# what joins two coordinated names: "and", "&", "or", a slash, with "the" or "both" after it
_JOIN_AFTER = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:and|&|or)[ \t]+|/[ \t]*)(?:(?:the|both)[ \t]+)?$", re.I)
_JOIN_BEFORE = re.compile(r"^[ \t]*(?:,[ \t]*)?(?:(?:and|&|or)[ \t]+|/[ \t]*)(?:the[ \t]+)?", re.I)
_REACH = 60  # characters looked at on each side for a coordinated name


def _coordinated(text: str, s: int, e: int, reader: SourceReader) -> Span:
    """``(s, e)`` widened over outlets joined to it by a conjunction or slash (see
    :func:`_source_reach`); only names the registry or the crawl knows as outlets count, so
    "the mayor and Reuters" does not make the mayor an outlet."""
    while _JOIN_AFTER.search(text, max(0, s - 24), s):  # a join right before the source
        before = [
            m
            for m in reader.mentions(max(0, s - _REACH), s)
            if m.kind == "outlet" and _JOIN_AFTER.match(text[m.span[1] : s])
        ]
        if not before:
            break
        s = before[-1].span[0]
    while True:
        join = _JOIN_BEFORE.match(text[e : e + _REACH])
        if join is None:
            break
        after = [
            m
            for m in reader.mentions(e + join.end(), min(len(text), e + _REACH))
            if m.kind == "outlet" and m.span[0] == e + join.end()
        ]
        if not after:
            break
        e = after[0].span[1]
    return s, e


def _relation_span(q: Quote, via: Sequence[OutletMention]) -> Span:
    """The relation without its content: source and cue, up to the via-chain it states
    ("Caliber.Az reports via Iranian media")."""
    parts = [p for p in (q.speaker_span, q.cue_span) if p is not None] or [q.span]
    s, e = min(p[0] for p in parts), max(p[1] for p in parts)
    for v in via:
        if v.span[0] >= e and v.span[0] - e < 40:
            e = max(e, v.span[1])
    return (s, e)


def sentence_at(text: str, sentences: Sequence[Span], span: Span) -> str:
    """The sentence holding the start of ``span`` (found by bisection, not by re-splitting
    the paragraph: a long paragraph with many citations stays linear)."""
    i = bisect.bisect_right(sentences, (span[0], len(text) + 1)) - 1
    if i >= 0 and sentences[i][0] <= span[0] < sentences[i][1]:
        s, e = sentences[i]
        line_end = text.find("\n", span[1])
        return text[s : max(e, min(span[1], len(text) if line_end < 0 else line_end))].strip()
    return text[span[0] : span[1]].strip()


# "<participle> by <name>": the passive agent of a publishing or reporting participle
_AGENT = re.compile(r"\b(?P<p>[a-z]+)[ \t]+by[ \t]+(?:the[ \t]+|both[ \t]+(?:the[ \t]+)?)?")


def passive_agent_citations(
    article: Article,
    ctx: CiteContext,
    sentences: Sequence[Span],
    reader: SourceReader,
    taken: Sequence[Span],
) -> list[Attribution]:
    """Outlets named as the agent of a publishing or reporting participle where the relation
    pass reads no relation: "The plan was first reported by Axios", "The memo, obtained by
    Politico, lays out ...", "Footage aired by Al Jazeera showed ...", "the minister was
    quoted by Interfax as saying".  The participle comes from the word list of relaying
    participles; the agent must name an outlet the registry or the crawl knows (coordinated
    ones too); ``taken`` spans (citations already read there) are left alone."""
    text = article.text
    participles = lexicon("relay_participles")
    out: list[Attribution] = []
    for m in _AGENT.finditer(text):
        p = m.group("p")
        if p not in participles or p == "first" or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        _, e = _coordinated(text, m.end(), m.end(), reader)
        named = [
            o
            for o in reader.mentions(m.end(), min(len(text), max(e, m.end()) + 80))
            if o.kind == "outlet" and (o.span[0] == m.end() or o.span[1] <= e)
        ]
        named = [known(o, ctx.registry) for o in named if not _own(o, ctx)]
        if not named:
            continue
        lead = re.search(
            r"(?:first|originally|previously|exclusively)[ \t]+$", text[max(0, m.start() - 20) : m.start()]
        )
        start = m.start() - (len(lead.group(0)) if lead else 0)
        span = (start, max(o.span[1] for o in named))
        evidence = sentence_at(text, sentences, span)
        for o in named:
            out.append(_named(article, o, text[start : m.end()].strip(), evidence, span))
    return out


_QUOTED_AS = re.compile(
    r"[ \t]+(?:also[ \t]+|later[ \t]+)?quoted[ \t]+[^.;:!?\n]{1,160}?[ \t]as[ \t]+(?:saying|telling)\b"
)


def quoted_as_citations(
    article: Article,
    ctx: CiteContext,
    sentences: Sequence[Span],
    reader: SourceReader,
    taken: Sequence[Span],
) -> list[Attribution]:
    """ "The Associated Press quoted a witness as saying ...", "CNN quoted an official as
    telling ...": the relation pass gives the words to the person quoted; the outlet before
    "quoted ... as saying" carried them, so it is cited.  Only an outlet the registry or the
    crawl knows, standing right before the verb; ``taken`` spans (citations already read there) are left alone."""
    text = article.text
    out: list[Attribution] = []
    if " quoted " not in text:
        return out
    for s0, e0 in sentences:
        if text.find(" quoted ", s0, e0) < 0:
            continue
        for o in reader.mentions(s0, e0):
            m = _QUOTED_AS.match(text, o.span[1], e0)
            if m is None or o.kind != "outlet" or _own(o, ctx):
                continue
            span = (o.span[0], text.find("quoted", o.span[1]) + len("quoted"))
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            o = known(o, ctx.registry)
            out.append(_named(article, o, "quoted", sentence_at(text, sentences, span), span))
    return out


def _named(article: Article, o: OutletMention, cue: str, evidence: str, span: Span) -> Attribution:
    """A running-text citation of one outlet, without a via-chain."""
    return Attribution(
        article=article.id,
        cited=o.name,
        cue=cue,
        evidence=evidence,
        span=span,
        cited_domain=o.stated_domain,
        mode="text",
        cited_kind=o.kind,
        outlet_domain=o.domain,
    )
