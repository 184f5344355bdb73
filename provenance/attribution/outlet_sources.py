"""Which news outlets the source of an attribution relation names.

A citation is an attribution relation whose *source* is an outlet or a group of outlets,
whatever the cue ("X reported", "according to X", "a report by X", "X, citing Y, said").  The
relation pass finds who reported what; this module reads the source span and says which
outlets it names:

- an outlet the registry knows, by name, alias or domain ("The Wall Street Journal", "AP",
  "nevacourier.ru"), also as a modifier of what the outlet published ("an NBC/Wall Street
  Journal survey", "a March Bloomberg article");
- a capitalised name shaped like an outlet's: its last word a news-name head ("The Charlotte
  Observer", "Christian News Service"), or a domain written as a name ("Caliber.Az");
- a definite description ("the newspaper", "the daily", "the Post"), which refers back to the
  nearest outlet named before it that fits;
- a collective ("Iranian media", "Russian state television", "media reports"), read by the
  registry's grammar of demonyms, type words and media heads.

An outlet that only qualifies a person is no source: "CNN's Jake Tapper", "MSNBC host Chris
Matthews", "a reporter for USA Today" report as people.  The vocabularies are data
(``provenance/data/en/citations.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from provenance import wordlists as W
from provenance.models import Span

from .registry import Registry, RegistryOutlet, host_of, looks_like_domain

Kind = Literal["outlet", "source_group", "vague", "unknown"]


@dataclass(frozen=True)
class OutletMention:
    """An outlet (or collective) named in a text: as written, where, and what it resolves to.

    ``name`` is the registry's name when the registry knows the outlet, else the name as
    written without a leading "the"; ``domain`` is the registry's domain, ``stated_domain`` a
    domain the text itself spells ("nevacourier.ru").
    """

    written: str
    span: Span
    name: str
    kind: Kind
    domain: str | None = None
    stated_domain: str | None = None


def lexicon(name: str) -> frozenset[str]:
    """One vocabulary of the citation readers (``provenance/data/en/citations.json``)."""
    return W.words("citations", name)


# A capitalised run: words that start with a capital or a digit, joined by spaces, by "/" or
# "-" ("NBC/Wall Street Journal", "Washington Post-ABC News", "Al-Monitor") or by the
# connectors names use ("of", "and", "&", "the", "de"); a party label "(D-Newport News)" is no
# name.
_WORD = r"(?:[A-Z0-9][\w.&'’]*)"
_RUN = re.compile(
    rf"(?<![\w@.]){_WORD}(?:(?:[ \t]+|[ \t]*[/-][ \t]*|[ \t]+(?:of|and|&|the|de|al|el)[ \t]+){_WORD})*"
)
_RUN_WORD = re.compile(rf"{_WORD}|(?<=[ \t])(?:of|and|&|the|de|al|el)(?=[ \t])")
_DOMAINISH = re.compile(
    r"(?<![\w@/.-])(?:https?://)?(?:www\d?\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,12}\b"
)
_POSSESSIVE = re.compile(r"(?:['’]s?|’)$")
_DEFINITE = re.compile(r"^(?:the|that|this)\s+(?:(\w+(?:\s\w+)?)|([A-Z][a-z]+))$", re.I)


_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def _strip(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip().rstrip(".,;:"))
    return _LEADING_THE.sub("", name)


def _registry_hit(
    registry: Registry, text: str, parts: list[tuple[int, int]]
) -> tuple[int, int, RegistryOutlet] | None:
    """The longest stretch of whole words the registry knows (short aliases only in
    capitals: "AP", not "Ap")."""
    words = [text[a:b] for a, b in parts]
    # a stretch can name a registered outlet only if its first word (after "the") begins one
    ok = [
        registry.may_start(w)
        or (w.lower() == "the" and i + 1 < len(words) and registry.may_start(words[i + 1]))
        for i, w in enumerate(words)
    ]
    for n in range(len(parts), 0, -1):
        for i in range(0, len(parts) - n + 1):
            if not ok[i]:
                continue
            cand = _strip(text[parts[i][0] : parts[i + n - 1][1]])
            if not cand or cand.lower() in ("the", "of", "and", "a", "an"):
                continue
            o = registry.resolve(cand)
            if o is not None and (len(cand) > 3 or cand.isupper() or "." in cand):
                return i, i + n, o
    return None


def _shaped(ws: list[str]) -> bool:
    """A capitalised name shaped like an outlet's: it ends in a news-name head."""
    last = _strip(ws[-1])
    if last in lexicon("agency_heads"):
        return len(ws) >= 2 and _strip(ws[-2]) in lexicon("agency_lead")
    return last in lexicon("name_heads") and len([x for x in ws if x[0].isupper()]) >= 2


def _whole(text: str, parts: list[tuple[int, int]], i: int, j: int) -> bool:
    """A registry name is the outlet only when it is a whole name of the run: the words left of
    it in the same stretch (no "/" or "-" between) are dates at most ("A March Bloomberg
    article", not "Mayor Michael Bloomberg" or "Chapel Hill"), the words right of it news-name
    heads, edition words or report nouns ("Boston Globe Poll", "Fox News Channel", "BBC
    Persian", not "Bloomberg New Energy Finance")."""

    def joined(a: int, b: int) -> bool:
        return bool(re.fullmatch(r"[ \t]*[/-][ \t]*", text[parts[a][1] : parts[b][0]]))

    k = i - 1
    while k >= 0 and not joined(k, k + 1):
        if _strip(text[parts[k][0] : parts[k][1]]) not in lexicon("date_words"):
            return False
        k -= 1
    k = j
    while k < len(parts) and not joined(k - 1, k):
        word = _strip(text[parts[k][0] : parts[k][1]])
        if word not in lexicon("name_heads") | lexicon("edition_words") and word.lower() not in (
            lexicon("report_nouns") | lexicon("staff_nouns")
        ):
            return False
        k += 1
    return True


def _run_mentions(
    text: str, parts: list[tuple[int, int]], registry: Registry, out: list[OutletMention]
) -> None:
    """Registry outlets in a run of capitalised words (the longest first, then the words left
    and right of it), else an outlet-shaped name."""
    # a run does not start with a function word or a lower-case particle ("and", "de", "al");
    # a capitalised one opens a name ("Al Jazeera", "De Telegraaf", "El País"); nor with a
    # relaying cue capitalised at a sentence's start ("Citing Yonhap, ...": the verb, no name)
    while parts and (
        text[parts[0][0] : parts[0][1]].lower() in lexicon("function_words") | lexicon("relay_cues")
        or text[parts[0][0] : parts[0][1]] in ("&", "de", "al", "el")
    ):
        parts = parts[1:]
    if not parts:
        return
    hit = _registry_hit(registry, text, parts)
    if hit is not None and _whole(text, parts, *hit[:2]):
        i, j, o = hit
        editions = 0
        while j + editions < len(parts) and _strip(text[slice(*parts[j + editions])]) in lexicon(
            "edition_words"
        ):
            editions += 1
        s, e = parts[i][0], parts[j + editions - 1][1]
        written = _POSSESSIVE.sub("", text[s:e]).rstrip(".,;:")
        # "Politico Europe", "BBC Persian": an edition of a known outlet, named as written
        name, domain = (written, None) if editions else (o.name, o.domain)
        out.append(OutletMention(written, (s, s + len(written)), name, "outlet", domain))
        j += editions
        _run_mentions(text, parts[:i], registry, out)
        _run_mentions(text, parts[j:], registry, out)
        return
    ands = [k for k, (ps, pe) in enumerate(parts) if text[ps:pe] in ("and", "&") and 0 < k < len(parts) - 1]
    if ands:  # "CNN and The New York Times": each side on its own
        k = ands[0]
        _run_mentions(text, parts[:k], registry, out)
        _run_mentions(text, parts[k + 1 :], registry, out)
        return
    slash = [k for k in range(1, len(parts)) if "/" in text[parts[k - 1][1] : parts[k][0]]]
    if slash:  # "Steppe Daily / Meridian News Agency": two names
        _run_mentions(text, parts[: slash[0]], registry, out)
        _run_mentions(text, parts[slash[0] :], registry, out)
        return
    ws = [re.sub(r"[.,;:]+$", "", text[s:e]) for s, e in parts]
    if _shaped(ws):
        s = parts[0][0]
        written = _POSSESSIVE.sub("", text[s : parts[-1][0] + len(ws[-1])])
        # an unknown outlet keeps its article as written: "The Thames Examiner"
        the = re.search(r"(?:^|(?<=[^\w]))[Tt]he[ \t]+$", text[max(0, s - 4) : s])
        name = (the.group(0) + written) if the else written
        out.append(OutletMention(written, (s, s + len(written)), name, "unknown"))


def mentions_in(text: str, start: int, end: int, registry: Registry) -> list[OutletMention]:
    """Outlets named in ``text[start:end]`` (registry names and aliases, outlet-shaped names,
    domains), in text order."""
    out: list[OutletMention] = []
    taken: list[Span] = []
    for m in _DOMAINISH.finditer(text, start, end):
        written = m.group(0)
        if not looks_like_domain(written) or written[0].isdigit():
            continue
        o = registry.resolve(written)
        span = (m.start(), m.end())
        taken.append(span)
        out.append(
            OutletMention(
                written,
                span,
                o.name if o else written,
                "outlet" if o else "unknown",
                o.domain if o else None,
                host_of(written),
            )
        )
    for m in _RUN.finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if re.match(r"[A-Z]-", m.group(0)) and text[m.start() - 1 : m.start()] == "(":
            continue  # a party-state label "(D-Newport News)"
        parts = [(w.start(), w.end()) for w in _RUN_WORD.finditer(text, m.start(), m.end())]
        _run_mentions(text, parts, registry, out)
    out.sort(key=lambda x: x.span)
    return out


def _person_qualified(text: str, span: Span, m: OutletMention) -> bool:
    """Does the outlet only qualify a person inside the source ("CNN's Jake Tapper", "NBC News
    moderator Matt Lauer", "a reporter for USA Today")?"""
    after = text[m.span[1] : span[1]]
    nxt = re.match(r"(?:['’]s?)?[ \t]*([\w-]+)(?:[ \t]+([\w-]+))?", after)
    if nxt:
        first, second = nxt.group(1), nxt.group(2)
        if first.lower() in lexicon("person_nouns"):
            return True
        if first.lower() not in lexicon("report_nouns") and first[0].isupper() and not first.isupper():
            return True  # "CNN's Jake Tapper", "Fox News' Megyn Kelly"
        if second and first[0].islower() and second.lower() in lexicon("person_nouns"):
            return True  # "NBC's chief correspondent", "CNN political analyst"
    return False


_LEAD_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
# what may stand before the outlet at the head of a source: determiners, adjectives, dates
# and other names joined to it ("a new", "the latest", "A March", "USC Dornsife/")
_NOT_LEAD = frozenset(
    ["of", "for", "at", "with", "by", "from", "in", "on", "to", "into", "who", "whom", "whose", "which"]
    + ["that", "including", "like", "such", "as", "and", "or", "but", "said", "says", "told", "according"]
)
_BREAKS = frozenset(",;:(—–")
_JOINED = re.compile(r"[ \t]*(?:,|/|-|and|&|or|,[ \t]*and)?[ \t]*(?:the[ \t]+|The[ \t]+)?")
# how a report noun takes its outlet: "a report by X", "a poll for X", "a study published in
# a X report", "a story that appeared in X"
_LINK = re.compile(
    r"^(?:(?:first[ \t]+)?[a-z]+ed[ \t]+|(?:that|which)[ \t]+(?:appeared|ran|was[ \t]+[a-z]+ed)[ \t]+)?"
    r"(?:by|from|in|of|for|on|at)[ \t]+(?:both[ \t]+)?(?:(?:the|a|an)[ \t]+)?$",
    re.I,
)
# a participle whose agent passed the words on: "The letter, seen by Reuters,", "officials
# quoted by Xinhua", "footage broadcast by Pakistani TV channels"
_RELAYED = re.compile(
    r"(?:,[ \t]*)?(?:(?:which|that|who)[ \t]+(?:was|were|had[ \t]+been|has[ \t]+been)[ \t]+)?(?:first[ \t]+)?"
    r"(?P<p>[a-z]+)[ \t]+by[ \t]+(?:both[ \t]+)?(?:(?:the|a|an)[ \t]+)?$"
)


def _free_lead(before: str) -> bool:
    """Only determiners, modifiers, dates and joined names: no preposition, clause word or
    break."""
    return all(t.lower() not in _NOT_LEAD and t not in _BREAKS for t in _LEAD_WORD.findall(before))


def _heads_source(text: str, span: Span, m: OutletMention, accepted: list[OutletMention]) -> bool:
    """Is the outlet the head of the source (or the maker of what the source names)?

    "The Wall Street Journal", "a March Bloomberg article", "an NBC/Wall Street Journal
    survey": only determiners, modifiers and joined names stand before it.  "a report by X",
    "a poll for X and Y", "a study that appeared in X": a report noun heads the source and
    the outlet made it.  "Lloyd Grove, the Daily Beast editor", "Democrats interviewed by
    POLITICO": the outlet is no source.
    """
    before = text[span[0] : m.span[0]]
    if accepted and _JOINED.fullmatch(text[accepted[-1].span[1] : m.span[0]]):
        return True  # "Reuters and AFP", "NBC/Wall Street Journal"
    if _free_lead(before):
        return True
    relayed = _RELAYED.search(before)
    if relayed and relayed.group("p") in lexicon("relay_participles"):
        return True
    report_nouns = lexicon("report_nouns")
    for rm in reversed(list(re.finditer(r"[\w'’-]+", before))):
        if rm.group(0).lower() in report_nouns:
            link = before[rm.end() :].strip(" \t") + " "
            return bool(_LINK.match(link)) and _free_lead(before[: rm.start()])
    return False


def _tail_after_link(phrase: str) -> tuple[int, bool] | None:
    """Where the maker starts after a report noun or a relay participle ("reports in South
    Korean media", "footage broadcast by Pakistani TV channels", "a story in Yomiuri
    Shimbun"), and whether the noun names a publication (then any name there is an outlet)."""
    report_nouns = lexicon("report_nouns")
    for rm in re.finditer(r"[\w'’-]+", phrase):
        w = rm.group(0).lower()
        if w not in report_nouns and w not in lexicon("relay_participles"):
            continue
        link = re.match(
            r"[ \t]+((?:[a-z]+ed[ \t]+)?(?:by|in|on|from|of)[ \t]+(?:both[ \t]+)?(?:(?:the|a|an)[ \t]+)?)",
            phrase[rm.end() :],
        )
        if link and _free_lead(phrase[: rm.start()] if w in report_nouns else ""):
            return rm.end() + link.end(), w in lexicon("venue_nouns")
    return None


def _described(phrase: str) -> tuple[str, bool] | None:
    """An outlet referred to by description: ("newspaper", False) for "the newspaper" or "the
    state news agency"; ("Post", True) for "the Post"; else None."""
    ws = phrase.strip().rstrip(",.;:").split()
    if len(ws) < 2 or ws[0].lower() not in ("the", "that", "this"):
        return None
    if len(ws) == 2 and ws[1][0].isupper():
        return (ws[1], True) if ws[1] in lexicon("name_heads") else None
    head = ws[-1].lower()
    if head not in lexicon("outlet_nouns"):
        return None
    # the words between are modifiers: "the business daily", "the state news agency"
    if not all(x[0].islower() for x in ws[1:-1]):
        return None
    return head, False


def is_description(phrase: str) -> bool:
    """Does ``phrase`` refer to an outlet by description ("the newspaper", "the Post")?"""
    return _described(phrase) is not None


def may_be_collective(phrase: str) -> bool:
    """Does ``phrase`` hold a media head noun ("media", "press", "outlets"), which every
    collective ends in?  A cheap test before reading it as one."""
    return _HEAD_WORD.search(phrase) is not None


_ORG_NAME = re.compile(
    r"(?:(?P<the>[Tt]he)[ \t]+)?(?P<n>[A-Z0-9][\w.&'’-]*(?:[ \t]+(?:of|and|&)?[ \t]*[A-Z0-9][\w.&'’-]*){0,4})"
)


def crawl_alias(text: str, s: int, e: int, registry: Registry) -> OutletMention | None:
    """``text[s:e]`` as the short name of one outlet the crawl shows ("Kavir" for Kavir Times,
    "Pulsar" for Pulsar Information Agency), in a place that says it publishes."""
    phrase = text[s:e].strip(" \t,.;:")
    if not phrase or not phrase[0].isupper() or len(phrase.split()) > 2:
        return None
    o = registry.alias_of(phrase)
    if o is None:
        return None
    start = s + text[s:e].find(phrase)
    return OutletMention(phrase, (start, start + len(phrase)), o.name, "outlet", o.domain)


def _camel(word: str) -> bool:
    """ "HeadlineStack", "NewsPulse", "TheBlaze": one word of capitalised parts, which names
    a brand; "MacLellan", "McDonald", "DeSantis" are surnames."""
    return (
        re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+", word) is not None
        and re.match(r"(?:Ma?c|De|Di|Da|La|Le|Van|Von|O)[A-Z]", word) is None
    )


def organisation_name(text: str, s: int, e: int) -> OutletMention | None:
    """``text[s:e]`` as an organisation's name nobody registered, when its shape says so: a
    CamelCase word ("HeadlineStack", "NewsPulse 24"), an acronym ("PIA"), or a name after "the"
    ("the Meridian", "The Policy Fox") that is no institution's ("the Census Bureau").  Bare
    capitalised words ("Amber Signal", "John Smith", "Wolf", "Amazon") may name a person or a
    company and do not count."""
    phrase = text[s:e].strip(" \t,.;:")
    s += text[s:e].find(phrase)
    m = _ORG_NAME.fullmatch(phrase)
    if m is None:
        return None
    name = _POSSESSIVE.sub("", m.group("n"))
    if name.split()[0].lower() in lexicon("function_words"):
        return None
    if re.search(r"['’]s?[ \t]", name):
        return None  # "The Post’s Chris Cillizza": someone or something of an outlet, not one
    ws = name.split()
    shaped = (
        bool(m.group("the"))
        or (len([w for w in ws if not w.isdigit()]) == 1 and _camel(ws[0]))
        or re.fullmatch(r"[A-Z]{2,6}", name) is not None
    )
    if not shaped or any(w.lower() in lexicon("institution_heads") | lexicon("picture_labels") for w in ws):
        return None  # ("the Census Bureau", "(VIDEO)": no outlet)
    start = s + m.start("n")
    written = f"{m.group('the')} {name}" if m.group("the") else name  # "The Tennessean", as written
    return OutletMention(name, (start, start + len(name)), written, "unknown")


_HEAD_WORD = re.compile(
    r"\b(?:media|press|television|TV|outlets|newspapers|papers|agencies|broadcasters?|channels|websites|sites|"
    r"portals|stations|reports)\b"
)


def collectives_in(text: str, start: int, end: int, registry: Registry) -> list[OutletMention]:
    """Collectives named in ``text[start:end]`` ("Israeli media", "Russian state television",
    "local press in Hatay"): the longest phrase ending in a media head that the registry's
    grammar reads as a group of outlets."""
    out: list[OutletMention] = []
    for h in _HEAD_WORD.finditer(text, start, end):
        base = max(start, h.start() - 60)
        cut = max(text.rfind(x, base, h.start()) for x in (",", ";", ":", "(", ")", "—", "–", "\n"))
        base = max(base, cut + 1)
        words = list(re.finditer(r"[\w.'’-]+", text[base : h.start()]))
        for k in range(min(4, len(words)), 0, -1):
            s = base + words[-k].start()
            group = group_of(registry, text[s : h.end()])
            if group is not None and group[1] != "vague":
                if not any(o.span[0] <= s < o.span[1] for o in out):
                    out.append(OutletMention(text[s : h.end()], (s, h.end()), *group))
                break
    return out


def known(m: OutletMention, registry: Registry) -> OutletMention:
    """An unknown name the crawl shows to be part of one known outlet's name ("the Meridian"
    on a page of a crawl holding Gulf Meridian) is that outlet."""
    if m.kind != "unknown" or m.stated_domain:
        return m
    o = registry.alias_of(m.name)
    return m if o is None else OutletMention(m.written, m.span, o.name, "outlet", o.domain)


def group_of(registry: Registry, phrase: str) -> tuple[str, Kind] | None:
    """The collective a phrase names, as written, and its kind (``source_group``, or ``vague``
    for a generic "media reports" that names no group), else None."""
    group = registry.source_group(phrase) or registry.source_group(
        re.sub(r"^(?:the|some|other)\s+", "", phrase.strip(), flags=re.I)
    )
    if group is None:
        return None
    return group.phrase, "vague" if group.generic else "source_group"


@dataclass(frozen=True)
class SourceReader:
    """Reads relation sources of one article against the registry.

    ``earlier(pos)`` gives the outlets named before ``pos`` (for "the newspaper said"); the
    whole-text scan behind it is made only when a definite description needs it.
    """

    text: str
    registry: Registry
    _scan: list[list[OutletMention]]
    _spans: dict[Span, list[OutletMention]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, registry: Registry) -> SourceReader:
        return cls(text, registry, [])

    def mentions(self, start: int, end: int) -> list[OutletMention]:
        """:func:`mentions_in` of ``text[start:end]``, read once per span (the relations of one
        sentence all look at that sentence)."""
        hit = self._spans.get((start, end))
        if hit is None:
            hit = self._spans[(start, end)] = mentions_in(self.text, start, end, self.registry)
        return hit

    def _all(self) -> list[OutletMention]:
        if not self._scan:
            self._scan.append(list(self.mentions(0, len(self.text))))
        return self._scan[0]

    def outlets(self, span: Span, strong: bool = False) -> list[OutletMention]:
        """The outlets and collectives the source at ``span`` names (empty: it names none).

        ``strong``: the place says the source publishes ("X reported", "according to X", a
        credit line), so a name shaped like an organisation's counts even when nobody
        registered it ("HeadlineStack", "the Meridian", "NewsPulse 24", "Kavir").
        """
        s, e = span
        phrase = self.text[s:e]
        desc = _described(phrase)
        if desc is not None and self.registry.resolve(phrase.strip()) is None:
            return self._referent(phrase.strip(), span, *desc)  # "the Post": not "The Guardian"
        # a collective, whole or with members named: "Japanese media, including NHK"
        head = re.split(r",?[ \t]+(?:including|such[ \t]+as|like|among[ \t]+them)[ \t]+", phrase, maxsplit=1)
        group = self._group(head[0])
        if group is not None:
            members = (
                mentions_in(self.text, s + len(phrase) - len(head[1]), e, self.registry)
                if len(head) > 1
                else []
            )
            return [OutletMention(head[0].strip(), span, *group), *members]
        found: list[OutletMention] = []
        for m in self.mentions(s, e):
            if _heads_source(self.text, span, m, found) and not _person_qualified(self.text, span, m):
                found.append(m)
        if found:
            return found
        # a publishing cue lets a name nobody registered count by its shape; a short form of
        # an outlet the crawl shows ("CL" for Caspian Ledger) is that outlet whatever the cue
        named = (organisation_name(self.text, s, e) if strong else None) or crawl_alias(
            self.text, s, e, self.registry
        )
        if named is not None:
            return [named]
        tail = _tail_after_link(phrase)
        if tail is None:
            return []
        t0, venue = tail
        rest = phrase[t0:].strip(" ,.")
        group = self._group(rest)
        if group is not None:
            return [OutletMention(rest, (s + t0, s + t0 + len(rest)), *group)]
        name = re.match(r"[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4}", rest)
        if name and name.group(0).split()[0].lower() in W.words("grammar", "time_words"):
            name = None  # "an article on Monday": a date, not a venue
        if venue and name:  # "a front-page story in Yomiuri Shimbun": the venue is an outlet
            n = _POSSESSIVE.sub("", name.group(0))
            return [OutletMention(n, (s + t0, s + t0 + len(n)), n, "unknown")]
        return []

    def _group(self, phrase: str) -> tuple[str, Kind] | None:
        """The collective a phrase names ("Iranian media", "the local press"), as written, and
        its kind: ``vague`` when it names no group at all ("media reports", "reports")."""
        return group_of(self.registry, phrase)

    def _referent(self, phrase: str, span: Span, head: str, named: bool) -> list[OutletMention]:
        """The outlet a description refers back to: the nearest outlet named before it (for
        "the Post", the nearest whose name holds "Post")."""
        for m in reversed(self._all()):
            if m.span[1] <= span[0] and (not named or head in m.written.split()):
                return [OutletMention(phrase, span, m.name, m.kind, m.domain, m.stated_domain)]
        return []
