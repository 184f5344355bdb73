"""What counts as an outlet name in a citation slot, and whether it is the page's own outlet.

The construction rules (:mod:`provenance.attribution.cite_rules`) only find *where* a name
stands; this module holds the name shapes their slots accept, the vocabularies that tell an
outlet from a person, an institution or a date, and the checks every citation source shares:
classification against the registry, plausibility of a slot filler, and own-outlet detection
(a page citing itself is no citation).  It is split out of :mod:`.citations` so that those
checks can be read in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.models import Article, Span

from .registry import (
    Registry,
    host_of,
    initials,
    looks_like_domain,
    name_key,
    name_matches_domain,
    same_domain,
    squash_key,
)


def word_list(block: str) -> list[str]:
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
NAME = rf"(?:{_DOMAIN}|{_COLLECTIVE}|(?:[Tt]he[ \t]+)?{_CAP_NAME})"

# Words that mark a capitalised name as a news outlet (news-name vocabulary, not outlet names).
MEDIA_WORDS = frozenset(
    word_list(
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
    word_list(
        """bureau department committee campaign university college poll polls institute center centre
    council commission office party court senate house congress ministry police administration
    foundation association union board school hospital company corporation bank fund group
    organization organisation government agency's survey study data statement statements filing
    filings documents records analysis estimates"""
    )
)
_PERSON_TITLES = frozenset(
    word_list(
        """mr mrs ms miss dr prof sen senator rep representative gov governor president pres gen
    general col sgt capt lt judge justice secretary mayor chairman chairwoman rev father sir
    lord lady dame speaker minister prime ambassador"""
    )
)
PRONOUNS = frozenset(
    word_list(
        """he she they it we i you his her their its this that these those who which one someone
    officials sources people experts analysts critics aides advisers advisors observers some
    many others another both all each"""
    )
)
STOP_LEAD = frozenset(
    word_list(
        """a an and or but if when while as because since though although after before then so
    in on at by for from with of to into about over under between according"""
    )
)
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier|last week|this week|late|early)"

_TIME_NAME = re.compile(
    r"^(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Today|Tonight|Yesterday|Tomorrow|Christmas|Easter|Election Day|Thanksgiving)\b\.?(?:\s+\d{1,4}\w*)*$"
)
_GENERIC_ONLY = re.compile(
    r"^(?:the\s+)?(?:media|reports|media reports|news reports|press reports|the press)$", re.I
)


@dataclass(frozen=True)
class Hit:
    """One name found in a slot of a construction."""

    text: str
    span: Span


@dataclass(frozen=True)
class CiteContext:
    """What the rules need about the citing article besides its text."""

    registry: Registry
    own_domain: str | None
    own_names: tuple[str, ...]

    @classmethod
    def of(cls, article: Article, registry: Registry) -> CiteContext:
        """The context of ``article``: the registry and the page's own domain and names."""
        return cls(registry, _own_domain(article), _own_names(article))


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


def is_own(name: str, domain: str | None, ctx: CiteContext) -> bool:
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


def clean_name(raw: str) -> str:
    s = raw.strip().strip(",;:")
    s = re.sub(r"[.\s]+$", "", s) if not looks_like_domain(s.rstrip(".")) else s.rstrip(".")
    s = re.sub(r"(?:['’]s|['’])$", "", s)  # possessive
    return s.strip()


def classify(name: str, ctx: CiteContext) -> tuple[str, str | None, str]:
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


def stated(name: str) -> str | None:
    """The domain a cited name itself spells out ("nevacourier.ru", "Caliber.Az"), else None."""
    return host_of(name) if looks_like_domain(name) else None


def media_like(name: str, ctx: CiteContext) -> bool:
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
    return any(w in MEDIA_WORDS or re.sub(r"\d+$", "", w) in MEDIA_WORDS for w in words) or bool(
        re.search(r"(?:news|press|times|post|wire|media|daily|tv)\d*$", words[-1] if words else "")
    )


def institution(name: str) -> bool:
    """ "the Census Bureau", "Human Rights Watch": named sources that are no news outlet."""
    words = [w.lower().strip(".,'’") for w in name.split()]
    return any(w in _INSTITUTION_WORDS for w in words) or (len(words) > 1 and words[-1] == "watch")


def plausible(name: str, text: str, start: int, *, strong: bool) -> bool:
    """Reject slot fillers that cannot be an outlet: pronouns, people, empty words."""
    if not name or len(name) < 2:
        return False
    words = name.split()
    first = words[0].lower().strip(".")
    if first in PRONOUNS or first in STOP_LEAD:
        return False
    if first == "the" and len(words) > 1 and words[1].lower() in PRONOUNS:
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
        return False  # "media reports": a vague source, read by the VAGUE rule as a phrase
    # a surname used for a person elsewhere in the text ("Mr. Sykes", "Charlie Sykes said")
    bare = re.sub(r"^(?:the|The)\s+", "", name)
    return not (
        " " not in bare
        and not looks_like_domain(bare)
        and not bare.isupper()
        and re.search(rf"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof)\.?\s+{re.escape(bare)}\b", text)
    )
