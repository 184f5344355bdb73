"""Outlet citations: every place where a text names the outlet or agency it took its
information from, with the via-chain, the evidence sentence and its span.

The rules read *constructions*, not names: "X reports via Y, citing Z", "according to X",
"as first reported by X", "X reported on Tuesday", "h/t X", "Source: X", "This story was first
published by X", "WASHINGTON (X) —" datelines, agency bylines ("X Newsroom", "By X staff"),
a canonical link to another site and hyperlinks to another outlet's article.  Whatever name
stands in the construction's slot is taken as written: the registry (see
:mod:`provenance.attribution.registry`) only adds the domain and the canonical name when it
knows the outlet, because most outlets in a crawl are in no registry.

Precision matters as much as recall: news texts are full of names next to "said" and
"according to" that are people or institutions, not outlets.  The weak constructions therefore
ask the named thing to look like a news outlet (registry, domain, collective such as "Iranian
media", or a news-name word such as "Times", "Post", "Wire"), while the strong constructions
(credit lines, "reports via", "first published by") accept any capitalised name.  Mentions
that name an outlet without sourcing anything from it ("told The Washington Post", "a CNN
poll", "wrote in the Times") are not citations and no rule matches them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from provenance.models import Article, Attribution, Span
from provenance.segment import sentence_spans

from .registry import (
    Registry,
    host_of,
    initials,
    is_public_suffix,
    looks_like_domain,
    name_key,
    name_matches_domain,
    same_domain,
    squash_key,
)

log = logging.getLogger(__name__)


def _words(block: str) -> list[str]:
    """Word lists are written as blocks of text to keep them readable."""
    return block.split()


# --- name shapes ------------------------------------------------------------------------------

_CAPW = r"(?:[A-Z][A-Za-z0-9]*(?:[.&'’-][A-Za-z0-9]+)*|[A-Z])"
_CONNECT = r"(?:of|and|for|de|del|la|al|el|&|on|the)"
_CAP_NAME = rf"(?:{_CAPW}(?:[ \t]+(?:{_CONNECT}[ \t]+)?(?:{_CAPW}|\d+\b))*)"
_DOMAIN = r"(?:(?:https?://)?(?:www\d?\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12}\b(?:/[^\s,;)]*)?)"
# A name slot: a domain, a capitalised name (optionally after "the"), or a lower-case
# collective phrase ("local media", "state media", "news agencies", "Iranian state-run media").
_COLLECTIVE = r"(?:(?:[A-Za-z][\w.'-]*[ \t]+){0,3}(?:media|press|outlets|newspapers|agencies|broadcasters|television|TV|reports))"
_NAME = rf"(?:{_DOMAIN}|{_COLLECTIVE}|(?:[Tt]he[ \t]+)?{_CAP_NAME})"

# Words that mark a capitalised name as a news outlet (news-name vocabulary, not outlet names).
_MEDIA_WORDS = frozenset(
    _words(
        """news times post press herald tribune journal gazette daily weekly wire wires media tv radio
    courier observer review digest express dispatch dispatches chronicle examiner ledger record
    sentinel mail telegraph standard star sun mirror monitor report reporter reports bulletin
    insider today network channel broadcasting broadcaster service agency hub roundup feed blog
    notes magazine inquirer register independent guardian voice globe nation lantern clarion
    buzz headlines pulse stack newsroom online live world watch leader mercury dispatcher
    telegram izvestia pravda gazeta zeitung tageblatt nouvelles noticias diario corriere
    informer bugle beacon herald-tribune newswire newsday week post-dispatch portal tribune-review
    journal-constitution wire-service outlook spectator commentary opinion plus"""
    )
)
# Heads of non-media institutions: "according to the Census Bureau" is no outlet citation.
_INSTITUTION_WORDS = frozenset(
    _words(
        """bureau department committee campaign university college poll polls institute center centre
    council commission office party court senate house congress ministry police administration
    foundation association union board school hospital company corporation bank fund group
    organization organisation government agency's survey study data statement statements filing
    filings documents records analysis estimates"""
    )
)
_PERSON_TITLES = frozenset(
    _words(
        """mr mrs ms miss dr prof sen senator rep representative gov governor president pres gen
    general col sgt capt lt judge justice secretary mayor chairman chairwoman rev father sir
    lord lady dame speaker minister prime ambassador"""
    )
)
_PRONOUNS = frozenset(
    _words(
        """he she they it we i you his her their its this that these those who which one someone
    officials sources people experts analysts critics aides advisers advisors observers some
    many others another both all each"""
    )
)
_STOP_LEAD = frozenset(
    _words(
        """a an and or but if when while as because since though although after before then so
    in on at by for from with of to into about over under between according"""
    )
)
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier|last week|this week|late|early)"
_REPORT_VERB = r"(?:reported|reports|has reported|had reported|first reported|was reporting|is reporting|wrote|writes|has learned|learned|revealed)"
_SAY_VERB = r"(?:said|says|quoted|cited)(?![ \t]+(?:it|its|that it)\b)"

_TIME_NAME = re.compile(
    r"^(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Today|Tonight|Yesterday|Tomorrow|Christmas|Easter|Election Day|Thanksgiving)\b\.?(?:\s+\d{1,4}\w*)*$"
)
_GENERIC_ONLY = re.compile(
    r"^(?:the\s+)?(?:media|reports|media reports|news reports|press reports|the press)$", re.I
)


@dataclass(frozen=True)
class _Hit:
    """One name found in a slot of a construction."""

    text: str
    span: Span


@dataclass(frozen=True)
class _Context:
    """What the rules need about the citing article besides its text."""

    registry: Registry
    own_domain: str | None
    own_names: tuple[str, ...]


# --- public API -------------------------------------------------------------------------------


def extract_citations(article: Article, registry: Registry) -> list[Attribution]:
    """All outlet citations of ``article`` (text constructions, datelines, bylines, canonical
    and hyperlinks), one per (cited outlet, construction), in text order.

    Citations of the article's own outlet are dropped; an unknown outlet is kept as written
    with ``cited_kind="unknown"``.
    """
    ctx = _Context(registry, _own_domain(article), _own_names(article))
    text = article.text
    sents = sentence_spans(text)
    out: list[Attribution] = []
    out.extend(_text_citations(article, ctx, sents))
    out.extend(_dateline_citations(article, ctx))
    out.extend(_byline_citations(article, ctx))
    out.extend(_canonical_citations(article, ctx))
    out = _merge_links(article, ctx, sents, out)
    return _dedupe(out)


# --- own outlet -------------------------------------------------------------------------------


def _own_domain(article: Article) -> str | None:
    if article.outlet.domain:
        return host_of(article.outlet.domain)
    if article.url:
        return host_of(article.url) or None
    return None


def _own_names(article: Article) -> tuple[str, ...]:
    names = [n for n in (article.outlet.name, article.site_name) if n]
    return tuple(dict.fromkeys(names))


def _is_own(name: str, domain: str | None, ctx: _Context) -> bool:
    """Does this cited name refer to the citing article's own outlet?

    Checked against the page's domain (registry domain, a written domain, or the squashed name
    inside the domain's first label: "Gulf Meridian" on gulfmeridian.ae, "the Courier" on
    nevacourier.ru) and the page's own site name (full or initials: "CWS").
    """
    if ctx.own_domain and domain and same_domain(domain, ctx.own_domain):
        return True
    key = name_key(name)
    sq = squash_key(name)
    for own in ctx.own_names:
        if key == name_key(own) or (len(sq) >= 2 and sq == initials(own)):
            return True
        if len(sq) >= 4 and sq in squash_key(own):
            return True
    if ctx.own_domain:
        if looks_like_domain(name) and same_domain(name, ctx.own_domain):
            return True
        if not looks_like_domain(name) and name_matches_domain(name, ctx.own_domain):
            return True
        label = re.sub(r"[^a-z0-9]", "", ctx.own_domain.split(".")[0])
        if len(sq) >= 4 and (sq in label or (len(label) >= 4 and label in sq)):
            return True
    return False


# --- classification of a name ------------------------------------------------------------------


def _clean_name(raw: str) -> str:
    s = raw.strip().strip(",;:")
    s = re.sub(r"[.\s]+$", "", s) if not looks_like_domain(s.rstrip(".")) else s.rstrip(".")
    s = re.sub(r"(?:['’]s|['’])$", "", s)  # possessive
    return s.strip()


def _classify(name: str, ctx: _Context) -> tuple[str, str | None, str]:
    """(cited as to report, cited_domain, kind) for a name in a citation slot."""
    outlet = ctx.registry.resolve(name)
    if outlet is not None:
        return outlet.name, outlet.domain, "outlet"
    group = ctx.registry.source_group(name)
    if group is not None:
        return group.phrase, None, "source_group"
    if looks_like_domain(name):
        return name, host_of(name), "unknown"
    return name, None, "unknown"


def _stated(name: str) -> str | None:
    """The domain a cited name itself spells out ("nevacourier.ru", "Caliber.Az"), else None."""
    return host_of(name) if looks_like_domain(name) else None


def _media_like(name: str, ctx: _Context) -> bool:
    """True when a name in a weak slot ("according to X", "X said") looks like a news outlet."""
    if ctx.registry.resolve(name) is not None:
        return True
    if looks_like_domain(name):
        return True
    group = ctx.registry.source_group(name)
    if group is not None:
        return True
    words = [w.lower().strip(".,'’") for w in name.split()]
    if any(w in _INSTITUTION_WORDS for w in words):
        return False
    return any(w in _MEDIA_WORDS or re.sub(r"\d+$", "", w) in _MEDIA_WORDS for w in words) or bool(
        re.search(r"(?:news|press|times|post|wire|media|daily|tv)\d*$", words[-1] if words else "")
    )


def _institution(name: str) -> bool:
    """ "the Census Bureau", "Human Rights Watch": named sources that are no news outlet."""
    words = [w.lower().strip(".,'’") for w in name.split()]
    return any(w in _INSTITUTION_WORDS for w in words) or (len(words) > 1 and words[-1] == "watch")


def _plausible(name: str, text: str, start: int, *, strong: bool) -> bool:
    """Reject slot fillers that cannot be an outlet: pronouns, people, empty words."""
    if not name or len(name) < 2:
        return False
    words = name.split()
    first = words[0].lower().strip(".")
    if first in _PRONOUNS or first in _STOP_LEAD:
        return False
    if first == "the" and len(words) > 1 and words[1].lower() in _PRONOUNS:
        return False
    if first in _PERSON_TITLES or (
        first == "the" and len(words) > 1 and words[1].lower().strip(".") in _PERSON_TITLES
    ):
        return False
    # a title just before the slot: "Mr. Sykes reported"
    before = text[max(0, start - 12) : start]
    if re.search(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof|Gen)\.?\s+$", before):
        return False
    if _TIME_NAME.match(name):
        return False  # "reported on Sunday"
    if _GENERIC_ONLY.match(name):
        return False  # "media reports": a vague source, read by the _VAGUE rule as a phrase
    # a surname used for a person elsewhere in the text ("Mr. Sykes", "Charlie Sykes said")
    bare = re.sub(r"^(?:the|The)\s+", "", name)
    return not (
        " " not in bare
        and not looks_like_domain(bare)
        and not bare.isupper()
        and re.search(rf"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof)\.?\s+{re.escape(bare)}\b", text)
    )


# --- text constructions -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """A regex with named groups ``cited`` (and optionally ``via1``/``via2``) and its mode.

    ``strong`` rules accept any capitalised name in the slot; weak ones ask for a media-like
    name (see :func:`_media_like`).
    """

    mode: str
    cue: str
    pattern: re.Pattern[str]
    strong: bool


def _rx(p: str) -> re.Pattern[str]:
    """Compile a rule; one that opens with a name slot may only start where a word starts,
    which spares the regex engine a try at every character inside every word."""
    if p.startswith("(?P<cited>"):
        p = r"(?<![\w.'’-])" + p
    return re.compile(p)


_VIA_TAIL = rf"(?:,?[ \t]+(?:citing|quoting|via|which cited|which quoted|who cited)[ \t]+(?P<via2>{_NAME}))?"

_RULES: tuple[_Rule, ...] = (
    # "Caliber.Az reports via Iranian media", "X reports via Y, citing Z"
    _Rule(
        "via",
        "reports via",
        _rx(
            rf"(?P<cited>{_NAME})[ \t]+(?:reports|reported|writes|wrote|says|said)[ \t]+via[ \t]+(?P<via1>{_NAME}){_VIA_TAIL}"
        ),
        True,
    ),
    # "This story was first published by X", "originally appeared on X", "first carried by X"
    _Rule(
        "credit",
        "first published by",
        _rx(
            rf"(?i:(?:was|were|is|has been|had been|first|originally)[ \t]+(?:first[ \t]+|originally[ \t]+)?(?:published|carried|appeared|printed|posted|aired|broadcast|reported)(?:[ \t]+(?:first|originally))?[ \t]+(?:by|on|in|at))[ \t]+(?P<cited>{_NAME}){_VIA_TAIL}"
        ),
        True,
    ),
    # "republished (here) with permission from X", "reprinted from X", "courtesy of X"
    _Rule(
        "credit",
        "republished from",
        _rx(
            rf"(?i:(?:re-?published|reprinted|reproduced|syndicated|adapted|excerpted)(?:[ \t]+here)?(?:[ \t]+with[ \t]+(?:the[ \t]+)?permission)?[ \t]+(?:from|of|by)|courtesy[ \t]+of|republished[ \t]+with[ \t]+permission[ \t]+of)[ \t]+(?P<cited>{_NAME})"
        ),
        True,
    ),
    # "h/t X", "hat tip to X", "H/T: X"
    _Rule(
        "credit",
        "h/t",
        _rx(rf"(?i:\bh/t|\bhat[ \t-]+tip)(?:[ \t]+to)?[ \t]*:?[ \t]+(?P<cited>{_NAME})"),
        True,
    ),
    # "Source: X", "Sources: X", "Via: X", "Photo: X", "Reporting by X" at a line start
    _Rule(
        "credit",
        "Source:",
        _rx(
            rf"(?m:(?:^[ \t]*|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?i:sources?|via|credits?|courtesy)[ \t]*(?::|[—–-])[ \t]*(?P<cited>{_NAME})(?=[ \t]*\.?[ \t]*$|[ \t]*[.;]\s|\s+[A-Z]))"
        ),
        True,
    ),
    # "Photo: X", "Reporting by X": people stand here as often as agencies (weak)
    _Rule(
        "credit",
        "photo/reporting by",
        _rx(
            rf"(?m:(?:^[ \t]*|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?i:photos?|image|video|graphics?|(?:additional[ \t]+)?reporting|writing)[ \t]*(?::|by|[—–-])[ \t]*(?P<cited>{_NAME})(?=[ \t]*\.?[ \t]*$|[ \t]*[.;/|]\s|\s+[A-Z]))"
        ),
        False,
    ),
    # "(via X)", "(h/t X)", "(Source: X)" in brackets
    _Rule(
        "credit",
        "(via)",
        _rx(rf"\((?i:via|h/t|source:?|courtesy(?:[ \t]+of)?)[ \t]+(?P<cited>{_NAME})\)"),
        True,
    ),
    # "The Associated Press contributed to this report."
    _Rule(
        "credit",
        "contributed to this report",
        _rx(
            rf"(?P<cited>{_NAME})[ \t]+(?:contributed|provided)[ \t]+(?:reporting[ \t]+)?(?:to|for)[ \t]+(?:this|the)[ \t]+(?:report|story|article)\b"
        ),
        True,
    ),
    # "This content was provided by X", "Story distributed by X"
    _Rule(
        "credit",
        "provided by",
        _rx(
            rf"(?i:\b(?:content|story|article|report|material|text|feature)[ \t]+(?:was[ \t]+|is[ \t]+)?(?:provided|supplied|distributed|produced|syndicated|contributed)[ \t]+by)[ \t]+(?P<cited>{_NAME})"
        ),
        True,
    ),
    # "Read the original article at X", "Read more at X", "Continue reading at X"
    _Rule(
        "credit",
        "read the original at",
        _rx(
            rf"(?i:\b(?:continue[ \t]+reading|(?:the[ \t]+)?(?:full|original)[ \t]+(?:story|article|report)[ \t]+(?:is[ \t]+)?(?:available[ \t]+)?)[ \t]+(?:at|on))[ \t]+(?P<cited>{_NAME})"
        ),
        True,
    ),
    _Rule(
        "credit",
        "read the original at",
        _rx(
            rf"(?i:\bread[ \t]+(?:the[ \t]+)?(?:original|full|complete|rest[ \t]+of[ \t]+the)?[ \t]*(?:article|story|report|piece|more)?[ \t]+(?:at|on|in))[ \t]+(?P<cited>{_NAME})"
        ),
        True,
    ),
    # "as first reported by X", "first reported by X", "as reported by X", "reported first by X"
    _Rule(
        "text",
        "as reported by",
        _rx(
            rf"(?i:\b(?:as[ \t]+)?(?:first[ \t]+)?reported(?:[ \t]+first)?[ \t]+by)[ \t]+(?P<cited>{_NAME}){_VIA_TAIL}"
        ),
        True,
    ),
    # "in a report by X", "a report published by X", "an article from X"
    _Rule(
        "text",
        "a report by",
        _rx(
            rf"(?i:\b(?:in[ \t]+)?(?:an?|the)[ \t]+(?:new[ \t]+|recent[ \t]+|latest[ \t]+|earlier[ \t]+)?(?:report|article|story|dispatch)[ \t]+(?:published[ \t]+|carried[ \t]+)?(?:by|from))[ \t]+(?P<cited>{_NAME}){_VIA_TAIL}"
        ),
        True,
    ),
    # "X first reported ...", "X broke the story", "X was the first to report"
    _Rule(
        "text",
        "first reported",
        _rx(
            rf"(?P<cited>{_NAME})[ \t]+(?:first[ \t]+reported|originally[ \t]+reported|broke[ \t]+the[ \t]+(?:news|story)|was[ \t]+(?:the[ \t]+)?first[ \t]+to[ \t]+report)\b"
        ),
        True,
    ),
    # ", reported X." -- inverted news attribution ("..., reported the Associated Press.")
    _Rule(
        "text",
        "reported (inverted)",
        _rx(rf"(?<=[,;][ \t])(?:reported|reports)[ \t]+(?P<cited>{_NAME})(?=[ \t]*[.;](?:\s|$))"),
        True,
    ),
    _Rule(
        "text",
        "said (inverted)",
        _rx(rf"(?<=[,;][ \t])(?:said|says|wrote|writes|noted)[ \t]+(?P<cited>{_NAME})(?=[ \t]*[.;](?:\s|$))"),
        False,
    ),
    # "(With inputs from PTI)", "with additional input from agencies"
    _Rule(
        "credit",
        "with inputs from",
        _rx(rf"(?i:\bwith[ \t]+(?:additional[ \t]+)?inputs?[ \t]+from)[ \t]+(?P<cited>{_NAME})"),
        True,
    ),
    # a sign-off line "— AFP" (weak: reporters sign off the same way)
    _Rule("credit", "sign-off", _rx(rf"(?m:^[ \t]*[—–-]+[ \t]*(?P<cited>{_NAME})[ \t]*\.?[ \t]*$)"), False),
    # "..., citing Kavir Times." with the subject left implicit (weak)
    _Rule(
        "text",
        "citing",
        _rx(rf"(?<=[,;][ \t])(?:citing|quoting)[ \t]+(?P<cited>{_NAME})(?=[ \t]*[.;](?:\s|$))"),
        False,
    ),
    # "X reported, citing Y" (the citing tail makes it strong)
    _Rule(
        "text",
        "reported, citing",
        _rx(
            rf"(?P<cited>{_NAME})[ \t]+(?:reported|reports|said|says|wrote|writes)(?:[ \t]+on[ \t]+{_WEEKDAYS})?,?[ \t]+(?:citing|quoting)[ \t]+(?P<via1>{_NAME})"
        ),
        True,
    ),
    # "according to a report by X", "according to X, which cited Y": the report noun or the
    # chain makes the slot a publication
    _Rule(
        "text",
        "according to a report by",
        _rx(
            rf"(?i:\baccording[ \t]+to)[ \t]+(?i:an?|the)[ \t]+(?:(?i:new|recent|latest|earlier)[ \t]+)?(?i:report|article|story|dispatch|piece)[ \t]+(?i:by|in|from|on)[ \t]+(?P<cited>{_NAME})"
        ),
        True,
    ),
    _Rule(
        "text",
        "according to, which cited",
        _rx(
            rf"(?i:\baccording[ \t]+to)[ \t]+(?P<cited>{_NAME}),?[ \t]+(?:which|who)[ \t]+(?:cited|quoted|was citing)[ \t]+(?P<via1>{_NAME})"
        ),
        True,
    ),
    # "according to X" (weak: people and institutions stand here too)
    _Rule(
        "text",
        "according to",
        _rx(rf"(?i:\baccording[ \t]+to)[ \t]+(?:(?i:reports?)[ \t]+(?:by|in|from)[ \t]+)?(?P<cited>{_NAME})"),
        False,
    ),
    # ", X said in a report." -- a report is what publications issue
    _Rule(
        "text",
        "said in a report",
        _rx(
            rf"(?P<cited>{_NAME})[ \t]+(?:said|says|wrote|writes|noted|reported)[ \t]+in[ \t]+(?:a|an|its)[ \t]+(?:report|article|story|dispatch|piece)\b"
        ),
        True,
    ),
    # "..., X reported (on Tuesday)." closing a sentence: the news-attribution position
    _Rule(
        "text",
        "reported",
        _rx(
            rf"(?<=[,;][ \t])(?P<cited>{_NAME})[ \t]+(?:reported|reports|has reported|first reported)(?:[ \t]+(?:on[ \t]+)?{_WEEKDAYS})?(?=[ \t]*[.;](?:\s|$))"
        ),
        True,
    ),
    # ", X reported (on Tuesday)." / "X said in a report" / "X reported that"
    _Rule(
        "text",
        "reported",
        _rx(
            rf"(?P<cited>{_NAME})[ \t]+{_REPORT_VERB}(?:[ \t]+(?:on[ \t]+)?{_WEEKDAYS})?(?=[ \t]*[.,;]|[ \t]+that\b|[ \t]+on\b)"
        ),
        False,
    ),
    # "Iranian media said", "state media reported"
    _Rule("text", "said", _rx(rf"(?P<cited>{_NAME})[ \t]+{_SAY_VERB}\b"), False),
)

# Generic vague sources: no outlet is named, the phrase itself is the citation.
_VAGUE = re.compile(
    r"(?i:\baccording[ \t]+to[ \t]+(?:media[ \t]+|press[ \t]+|news[ \t]+)?reports\b|\b(?:media|press|news)[ \t]+reports[ \t]+(?:said|say|suggest(?:ed)?|claim(?:ed)?)\b|(?m:^[ \t]*sources?[ \t]*:[ \t]*(?:media|press|news)[ \t]+reports[ \t]*\.?[ \t]*$))"
)


def _text_citations(article: Article, ctx: _Context, sents: Sequence[Span]) -> Iterator[Attribution]:
    text = article.text
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            yield from _from_match(article, ctx, rule, m, sents)
    for m in _VAGUE.finditer(text):
        phrase = m.group(0).strip()
        ev, _ = _sentence_of(text, (m.start(), m.end()), sents)
        yield Attribution(
            article=article.id,
            cited=phrase,
            cue=phrase,
            evidence=ev,
            span=(m.start(), m.end()),
            mode="credit" if phrase.lower().startswith("source") else "text",
            cited_kind="source_group",
        )


def _slot(m: re.Match[str], group: str) -> _Hit | None:
    if m.groupdict().get(group) is None:
        return None
    raw = m.group(group)
    start = m.start(group)
    name = _trim_name(raw)
    if not name:
        return None
    offset = raw.find(name)
    return _Hit(name, (start + max(offset, 0), start + max(offset, 0) + len(name)))


def _trim_name(raw: str) -> str:
    """Cut a greedy slot back to the name: drop a trailing weekday/time word, possessives and
    any leading lower-case words that are not part of a collective phrase."""
    s = _clean_name(raw)
    s = re.sub(rf"[ \t]+(?:on[ \t]+)?{_WEEKDAYS}$", "", s)
    # a collective with leading junk: "of the Iranian media" -> "Iranian media"
    return s.strip()


def _best_name(hit: _Hit, ctx: _Context, text: str, backward: bool) -> _Hit | None:
    """For a slot matched *before* a verb the regex may have swallowed clause words ("Later
    Kavir Times"); keep the longest tail that is a valid name."""
    if not backward:
        return hit
    words = list(re.finditer(r"\S+", hit.text))
    for i in range(len(words)):
        cand = hit.text[words[i].start() :]
        if i > 0 and not (cand[0].isupper() or looks_like_domain(cand) or ctx.registry.source_group(cand)):
            continue
        first = cand.split()[0].lower()
        if first in _STOP_LEAD or first in _PRONOUNS:
            continue
        if i == 0 or re.fullmatch(_NAME, cand):
            if (
                cand[0].islower()
                and not looks_like_domain(cand)
                and ctx.registry.source_group(cand) is None
                and not cand.lower().startswith("the ")
            ):
                continue
            start = hit.span[0] + words[i].start()
            return _Hit(cand, (start, start + len(cand)))
    return None


_FOOTER_STARTS = re.compile(
    r"[ \t]+(?:About|Follow|Subscribe|Copyright|Contact|Share|Advertisement|Related)\b"
)


def _cut_at_own(hit: _Hit, ctx: _Context, text: str) -> _Hit | None:
    """Cut a name where the page's own outlet name or a footer starts inside it: extracted
    text sometimes runs a credit line into the outlet's footer ("h/t Crescent Wire Baku Evening
    Post is an independent ...", "Source: US media About us: ...")."""
    cut = len(hit.text)
    window = text[hit.span[0] : hit.span[1] + 60]
    for own in ctx.own_names:
        i = window.find(own)
        if 0 < i < cut:
            cut = i
    m = _FOOTER_STARTS.search(hit.text)
    if m and m.start() > 0:
        cut = min(cut, m.start())
    if cut == len(hit.text):
        return hit
    name = hit.text[:cut].rstrip(" ,;:.")
    if name.lower() in ("the", "a", "an"):
        return hit  # "The <own outlet>": the name is the page's own outlet, not a name cut short
    if not name:
        return None
    return _Hit(name, (hit.span[0], hit.span[0] + len(name)))


_ROLE_NOUNS = (
    "reporter|correspondent|journalist|columnist|anchor|editor|writer|host|contributor|producer|"
    "commentator|blogger|author|analyst|spokesman|spokeswoman|spokesperson|professor|photographer"
)
# "according to an NBC News poll", "USA TODAY contributor X": the outlet name modifies a noun,
# and the source is that noun (a poll, a person), not the outlet's reporting.
_MODIFIED_NOUN = re.compile(
    rf"^[ \t]+(?:[a-z-]+[ \t]+)?(?:{_ROLE_NOUNS}|poll|polls|polling|pollster|survey|average|tally|count|"
    r"analysis|estimate|estimates|calculations|data|exit|documentary|interview|podcast|show|program|"
    r"programme|broadcast|debate|town|forum|panel|conference|event|headquarters|building|owner|parent)s?\b"
)
_APPOSITION_PERSON = re.compile(
    rf"^,[ \t]+(?:an?|the|another)[ \t]+(?:[\w'’-]+[ \t]+){{0,5}}?(?:{_ROLE_NOUNS})s?\b"
)


def _split_conjunction(hit: _Hit) -> list[_Hit]:
    """ "CNN and The New York Times" -> two names (each must be capitalised or a domain)."""
    parts = re.split(r"[ \t]+(?:and|&)[ \t]+|,[ \t]+", hit.text)
    if len(parts) < 2 or not all(
        p and (p[0].isupper() or looks_like_domain(p) or p.startswith("the ")) for p in parts
    ):
        return [hit]
    out, pos = [], 0
    for part in parts:
        i = hit.text.find(part, pos)
        out.append(_Hit(part, (hit.span[0] + i, hit.span[0] + i + len(part))))
        pos = i + len(part)
    return out


def _from_match(
    article: Article, ctx: _Context, rule: _Rule, m: re.Match[str], sents: Sequence[Span]
) -> list[Attribution]:
    """The citations one construction match makes (several for "X and Y reported")."""
    text = article.text
    cited = _slot(m, "cited")
    if cited is None:
        return []
    backward = m.start("cited") == m.start()  # slot before the verb
    cited = _best_name(cited, ctx, text, backward)
    if cited is None:
        return []
    cited = _cut_at_own(cited, ctx, text)
    if cited is None:
        return []
    if backward and cited.span[0] > 0:
        # the slot must start a clause: sentence start, after punctuation, or a line start
        prev = text[: cited.span[0]].rstrip(" \t")
        if prev and prev[-1].isalnum() and not re.search(r"\b(?:and|but|as|while|which|that|so)$", prev):
            return []
    after = text[cited.span[1] : cited.span[1] + 80]
    if not backward and (_MODIFIED_NOUN.match(after) or _APPOSITION_PERSON.match(after)):
        return []
    if not backward and re.match(r"^['’]s?[ \t]+[a-z]", after) and rule.mode == "credit":
        return []  # "courtesy of Dan Regan's memoir": a possessive, the work is the source
    heads = _split_conjunction(cited)
    vias = [h for h in (_slot(m, "via1"), _slot(m, "via2")) if h is not None]
    vias = [h for h in vias if _plausible(h.text, text, h.span[0], strong=True)]
    ev, _ = _sentence_of(text, (m.start(), m.end()), sents)
    out: list[Attribution] = []
    for head in heads:
        if not _acceptable(head, rule, ctx, text):
            continue
        chain = [head, *vias]
        # "X reports via Y": when X is the page's own outlet, the page cites Y (via the rest)
        while chain and _is_own(chain[0].text, _classify(chain[0].text, ctx)[1], ctx):
            chain = chain[1:]
        if not chain:
            continue
        first, rest = chain[0], chain[1:]
        name, domain, kind = _classify(first.text, ctx)
        out.append(
            Attribution(
                article=article.id,
                cited=name,
                cue=rule.cue,
                evidence=ev,
                span=(m.start(), m.end()),
                cited_domain=_stated(first.text),
                outlet_domain=domain if kind == "outlet" else None,
                via=tuple(_classify(h.text, ctx)[0] for h in rest),
                mode=rule.mode,
                cited_kind=kind,  # type: ignore[arg-type]
                via_kinds=tuple(_classify(h.text, ctx)[2] for h in rest),
            )
        )
    return out


def _acceptable(hit: _Hit, rule: _Rule, ctx: _Context, text: str) -> bool:
    """Can this slot filler be an outlet for this rule? (see the module docstring)"""
    name = hit.text
    if not _plausible(name, text, hit.span[0], strong=rule.strong):
        return False
    if name[0].islower() and not (
        looks_like_domain(name)
        or ctx.registry.source_group(name) is not None
        or name.lower().startswith("the ")
    ):
        return False
    if not rule.strong and not _media_like(name, ctx):
        return False
    return not (rule.mode != "credit" and _institution(name))


def _sentence_of(text: str, span: Span, sents: Sequence[Span]) -> tuple[str, Span]:
    """The sentence holding ``span`` (clipped to its line: credit lines have no full stop)."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    for s, e in sents:
        if s <= span[0] < e:
            s, e = max(s, line_start), min(max(e, span[1]), line_end)
            return text[s:e].strip(), (s, e)
    return text[span[0] : span[1]].strip(), span


# --- datelines, bylines, canonical ----------------------------------------------------------

_DATE_REQ = (
    r"(?:,[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]+\d{4})?)"
)
_PLACE_CAPS = (
    r"[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+)*(?:,[ \t]+[A-Z][A-Za-z.'-]*(?:[ \t]+[A-Z][A-Za-z.'-]*)*)?"
)
_PLACE_TITLE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*"
# "WASHINGTON (AP) —", "MANCHESTER, N.H., Jan. 22 (PIA) —", "Moscow, 12 May (TASS) -", and a
# bare "(Reuters) -" opening a paragraph
_DATELINE = re.compile(
    rf"(?m)(?:(?:^|(?<=\s))(?:{_PLACE_CAPS}{_DATE_REQ}?|{_PLACE_TITLE}{_DATE_REQ})|^[ \t]*)"
    r"[ \t]*\((?P<cited>[^()\n]{2,60})\)[ \t]*[—–-]+"
)


def _dateline_citations(article: Article, ctx: _Context) -> Iterator[Attribution]:
    """ "WASHINGTON (AP) —": the agency in the brackets supplied the story."""
    for m in _DATELINE.finditer(article.text):
        name = m.group("cited").strip()
        if not _plausible(name, article.text, m.start("cited"), strong=True):
            continue
        cited, domain, kind = _classify(name, ctx)
        if _is_own(name, domain, ctx):
            continue
        yield Attribution(
            article=article.id,
            cited=cited,
            cue="dateline",
            evidence=m.group(0).strip(),
            span=(m.start(), m.end()),
            cited_domain=_stated(name),
            outlet_domain=domain if kind == "outlet" else None,
            mode="dateline",
            cited_kind=kind,  # type: ignore[arg-type]
        )


_BYLINE_AGENCY = re.compile(
    r"^(?:by[ \t]+|from[ \t]+)?(?P<cited>.+?)[ \t]+(?:staff(?:[ \t]+(?:writer|reporter|report))?s?|newsroom|news[ \t]+desk|desk|editors|editorial[ \t]+(?:board|team|staff)|team|reporters|correspondents?|wire(?:[ \t]+service)?|bureau)$",
    re.I,
)


def _byline_citations(article: Article, ctx: _Context) -> Iterator[Attribution]:
    """An agency named as the author ("Reuters", "AFP Staff", "X Newsroom", "By X staff")."""
    raw = (article.byline or "").strip()
    if not raw:
        return
    for part in re.split(r"\s*(?:;|\||\band\b|,|/)\s*", raw):
        part = re.sub(
            r"^(?:(?:posted|written|reported|compiled)\s+)?(?:by|from)\s+", "", part.strip(), flags=re.I
        ).strip()
        if not part:
            continue
        m = _BYLINE_AGENCY.match(part)
        name = m.group("cited").strip() if m else part
        if m is None and not _agency_like_byline(part, ctx):
            continue  # a bare byline that is no known agency is a person's name
        name = _rejoin_domain(name)
        if not _plausible(name, "", 0, strong=True) or _generic_byline(name):
            continue
        cited, domain, kind = _classify(name, ctx)
        if _is_own(name, domain, ctx):
            continue
        pos = article.text.find(raw)
        yield Attribution(
            article=article.id,
            cited=cited,
            cue="byline",
            evidence=f"byline: {raw}",
            span=(pos, pos + len(raw)) if pos >= 0 else (0, 0),
            cited_domain=_stated(name),
            outlet_domain=domain if kind == "outlet" else None,
            mode="byline",
            cited_kind=kind,  # type: ignore[arg-type]
        )


_BYLINE_GENERIC = frozenset(
    _words(
        """news web online digital metro city foreign world business politics sports international
    national local editorial our the staff wire desk team foreign-desk breaking video photo
    multimedia opinion region regional economy society culture features agency agencies"""
    )
)


def _agency_like_byline(name: str, ctx: _Context) -> bool:
    """A bare byline naming an organisation: registered, a domain, a collective, a news-name
    word ("Kavir Times") or one CamelCase token ("NewsPulse", "FedDispatch") -- people's
    names are none of these."""
    if ctx.registry.resolve(name) is not None or looks_like_domain(name):
        return True
    if re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+\d*", name):
        return True
    words = name.split()
    return len(words) > 1 and words[-1].lower().strip(".") in _MEDIA_WORDS


def _generic_byline(name: str) -> bool:
    """ "News desk", "Web staff": the page's own desk, no agency named."""
    return all(w.lower().strip(".,") in _BYLINE_GENERIC for w in name.split())


_COMMON_GTLDS = frozenset(_words("com net org info biz"))


def _rejoin_domain(name: str) -> str:
    """Undo title-casing of a domain in a byline ("Tbilisiobserver Ge" -> "tbilisiobserver.ge"),
    which metadata normalisers do to "By tbilisiobserver.ge staff".  Only country codes and
    the common generic TLDs are rejoined: "Evening Post" must not become "evening.post"."""
    if looks_like_domain(name):
        return name
    parts = name.split()
    if not 2 <= len(parts) <= 3 or not all(p.isalnum() for p in parts):
        return name
    tail = [p.lower() for p in parts[1:]]
    if len(parts[0]) < 5 or not all(len(t) == 2 or t in _COMMON_GTLDS for t in tail):
        return name
    suffix = ".".join(tail)
    return ".".join([parts[0].lower(), suffix]) if is_public_suffix(suffix) else name


def _canonical_citations(article: Article, ctx: _Context) -> Iterator[Attribution]:
    """A canonical link to another site says the page is a copy of that site's article."""
    url = article.canonical_url
    if not url or not url.lower().startswith(("http://", "https://")):
        return
    host = host_of(url)
    if not host or (ctx.own_domain and same_domain(host, ctx.own_domain)):
        return
    outlet = ctx.registry.by_domain(host)
    yield Attribution(
        article=article.id,
        cited=outlet.name if outlet else host,
        cue="canonical link",
        evidence=f'<link rel="canonical" href="{url}">',
        span=(0, 0),
        cited_domain=host,
        outlet_domain=outlet.domain if outlet else None,
        mode="canonical",
        cited_kind="outlet" if outlet else "unknown",
    )


# --- hyperlinks -------------------------------------------------------------------------------

# Hosts that are platforms or reference sites, not outlets whose article was used.
_NOT_OUTLETS = frozenset(
    _words(
        """twitter.com x.com t.co facebook.com fb.com instagram.com youtube.com youtu.be tiktok.com
    linkedin.com reddit.com telegram.org t.me vk.com wikipedia.org google.com goo.gl bit.ly
    archive.org web.archive.org apple.com amazon.com scribd.com documentcloud.org dropbox.com
    pinterest.com flickr.com soundcloud.com spotify.com medium.com substack.com github.com"""
    )
)
_LINK_CUES = re.compile(
    r"(?i)\b(?:report(?:ed|s|ing)?|according|source|original(?:ly)?|first|via|h/t|hat tip|credit|cit(?:ed|ing)|published|appeared|read more|carried|courtesy|republished)\b"
)


def _link_is_article(url: str) -> bool:
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    return bool(path.strip("/")) or "?" in url


def _dominant_link_host(article: Article) -> str | None:
    """When the page's own site is unknown, the host most of its links go to is taken as it:
    a fragment whose every link points to thenationalnews.com is The National's own page,
    and its "related articles" are no citations."""
    hosts = [host_of(link.domain or link.url) for link in article.links]
    hosts = [h for h in hosts if h]
    if len(hosts) < 2:
        return None
    best = max(set(hosts), key=hosts.count)
    return best if hosts.count(best) * 2 > len(hosts) else None


def _merge_links(
    article: Article, ctx: _Context, sents: Sequence[Span], found: list[Attribution]
) -> list[Attribution]:
    """Give text citations the domain of the link they sit on, and add citations for links to
    another outlet's article in a sourcing context ("as first reported")."""
    out = list(found)
    text = article.text
    home = ctx.own_domain or _dominant_link_host(article)
    for link in article.links:
        host = host_of(link.domain or link.url)
        if not host or (home and same_domain(host, home)):
            continue
        if any(same_domain(host, p) for p in _NOT_OUTLETS) or not _link_is_article(link.url):
            continue
        outlet = ctx.registry.by_domain(host)
        # a citation whose construction contains the link's anchor: attach the domain
        if link.span is not None:
            merged = False
            for i, att in enumerate(out):
                if att.mode in ("canonical", "byline"):
                    continue
                if att.span[0] <= link.span[1] and link.span[0] <= att.span[1] and att.cited_domain is None:
                    if att.cited_kind != "source_group":
                        known = att.outlet_domain or (outlet.domain if outlet else None)
                        out[i] = replace(att, cited_domain=host, outlet_domain=known)
                    merged = True
            if merged:
                continue
            ev, _ = _sentence_of(text, link.span, sents)
        else:
            ev = link.anchor
        if outlet is None and not _LINK_CUES.search(ev) and not _anchor_names_host(link.anchor, host):
            continue
        if any(a.cited_domain and same_domain(a.cited_domain, host) and a.mode == "link" for a in out):
            continue
        out.append(
            Attribution(
                article=article.id,
                cited=outlet.name if outlet else host,
                cue=f"link: {link.anchor}" if link.anchor else "link",
                evidence=ev,
                span=link.span or (0, 0),
                cited_domain=host,
                outlet_domain=outlet.domain if outlet else None,
                mode="link",
                cited_kind="outlet" if outlet else "unknown",
            )
        )
    return out


def _anchor_names_host(anchor: str, host: str) -> bool:
    sq = squash_key(anchor)
    label = re.sub(r"[^a-z0-9]", "", host.split(".")[0])
    return len(sq) >= 4 and (sq in label or label in sq)


_TEXT_MODES = frozenset({"text", "credit", "via"})


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One citation per (cited, via, mode, span); overlapping text matches keep the one with
    the longer chain (a "reports via" match beats the plain "reported" inside it)."""
    atts = sorted(atts, key=lambda a: (a.span[0], -(a.span[1] - a.span[0])))
    kept: list[Attribution] = []
    for a in atts:
        dup = False
        for b in kept:
            overlap = a.span[0] < b.span[1] and b.span[0] < a.span[1]
            same_place = a.span == b.span or (
                overlap and (a.mode == b.mode or {a.mode, b.mode} <= _TEXT_MODES)
            )
            if same_place and name_key(a.cited) == name_key(b.cited) and set(a.via) <= set(b.via):
                dup = True
                break
            if (
                same_place
                and a.mode not in ("canonical", "byline", "link")
                and (name_key(a.cited) in {name_key(v) for v in b.via})
            ):
                dup = True
                break
        if not dup:
            kept.append(a)
    return kept
