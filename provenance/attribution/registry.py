"""The outlet registry: which outlets we know (names, aliases, domains, country, type) and how
collective sources such as "Iranian media" or "Chinese state-run media" are read.

The registry is data (``provenance/data/outlets.json`` plus any ``--registry`` files), so a
researcher can add the outlets of their beat without touching code.  It is used to *resolve*
what a text wrote ("Reuters'", "the AP", "www.reuters.com/world/...") to one outlet; what it
cannot resolve is kept as written by the callers, never dropped and never guessed, because a
crawl is full of outlets nobody registered.

Collective sources are parsed generically: a demonym, country or region ("Azerbaijani",
"U.S.", "Gulf"), type words ("state", "state-run", "official", "local") and a media head noun
("media", "press", "news agencies").  There is no list of accepted phrases, so "Kyrgyz
pro-government media" works as well as "Iranian media".
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import tldextract

from provenance.errors import RegistryError

log = logging.getLogger(__name__)

OutletType = Literal["wire", "state", "national", "aggregator", "blog"]
OUTLET_TYPES: frozenset[str] = frozenset({"wire", "state", "national", "aggregator", "blog", "unknown"})
GroupType = Literal["state", "local", "wire", "independent", "media", "generic"]


@dataclass(frozen=True)
class RegistryOutlet:
    """One known outlet.  ``domains`` are registrable hosts; subdomains resolve to them."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    type: str = "national"

    @property
    def domain(self) -> str | None:
        """The main domain (first listed), used as ``cited_domain``."""
        return self.domains[0] if self.domains else None


@dataclass(frozen=True)
class SourceGroup:
    """A collective source ("Iranian media", "Russian state media", "news agencies").

    ``country`` is an ISO code when a demonym or country named one, ``region`` a label for
    regional words ("Gulf", "Western"); ``type`` is read from the words ("state", "local",
    "wire" for agencies); ``generic`` marks phrases that name no group at all ("media
    reports", "reports"), which credit checks count as vague.
    """

    phrase: str
    country: str | None = None
    region: str | None = None
    type: GroupType = "media"
    generic: bool = False


# --- normalisation ------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def host_of(url_or_domain: str) -> str:
    """Lower-case host of a URL or bare domain, without ``www.`` and port."""
    s = url_or_domain.strip().lower()
    if "://" in s:  # (the regexes cannot match otherwise; this runs for every link of a page)
        s = _SCHEME.sub("", s)
    s = s.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    s = s.rsplit("@", 1)[-1].split(":", 1)[0]
    if s.startswith("www"):
        s = _WWW.sub("", s)
    return s.strip(".")


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_WWW = re.compile(r"^www\d?\.")


_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\d?\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#:].*)?$", re.I)


def initials(name: str) -> str:
    """Lower-case initials of a name ("Halyard Press Agency" -> "hpa"), skipping the/of/and."""
    words = [
        w for w in re.split(r"[\s-]+", name) if w and w[0].isalnum() and w.lower() not in ("the", "of", "and")
    ]
    return "".join(w[0] for w in words).lower()


def same_domain(a: str, b: str) -> bool:
    """True when two hosts, domains or URLs are one site (a subdomain counts as its parent)."""
    a, b = host_of(a), host_of(b)
    return bool(a and b) and (a == b or a.endswith("." + b) or b.endswith("." + a))


def looks_like_domain(s: str) -> bool:
    """True for "reuters.com", "www.caliber.az", "https://x.org/a": a host with a TLD-ish end."""
    m = _DOMAIN_RE.match(s.strip())
    if not m:
        return False
    tld = m.group(1).rsplit(".", 1)[-1]
    return tld.isalpha() and 2 <= len(tld) <= 12


@functools.lru_cache(maxsize=1 << 16)
def name_key(s: str) -> str:
    """Normalised lookup key of a name: lower-case, no leading "the", no possessive, no
    punctuation except the ones that are part of names ("Caliber.Az", "AT&T")."""
    s = s.translate(_QUOTES).strip().lower()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"[^\w.&+-]+", " ", s)
    return re.sub(r"\s+", " ", s).strip(" .-")


@functools.lru_cache(maxsize=1 << 16)
def squash_key(s: str) -> str:
    """Letters and digits only ("HeadlineStack" == "Headline Stack")."""
    return re.sub(r"[^0-9a-z]+", "", name_key(s))


def name_matches_domain(name: str, domain: str) -> bool:
    """Is the domain's first label spelled from the name's words?

    Outlets build domains from their names: whole words, some dropped, some cut to an
    initial ("Arbat Business Daily" -> arbatdaily, "Caspian News Roundup" -> cnroundup,
    "Persian Gulf Digest" -> pgdigest, "Niger Delta Clarion" -> deltaclarion).  At least one
    whole word of three or more letters must be used, so initials alone never match.
    """
    label = re.sub(r"[^a-z0-9]", "", host_of(domain).split(".")[0])
    words = [w for w in re.split(r"[^a-z0-9]+", name_key(name)) if w and w != "the"]
    if not label or not words or len(label) < 4:
        return False

    @functools.cache
    def walk(i: int, j: int, whole: bool) -> bool:
        if i == len(label):
            return whole
        if j == len(words):
            return False
        w = words[j]
        if label.startswith(w, i) and walk(i + len(w), j + 1, whole or len(w) >= 3):
            return True
        if label[i] == w[0] and walk(i + 1, j + 1, whole):
            return True
        return walk(i, j + 1, whole)  # word left out of the domain

    return walk(0, 0, False)


# Words of outlet names that single out none ("the Times", "the Post", "the Daily").
_GENERIC_NAME_WORDS = frozenset(
    [
        "the",
        "news",
        "times",
        "post",
        "daily",
        "journal",
        "press",
        "herald",
        "tribune",
        "gazette",
        "media",
        "tv",
        "radio",
        "network",
        "agency",
        "report",
        "review",
        "courier",
        "observer",
        "express",
        "wire",
        "service",
        "world",
        "today",
        "weekly",
    ]
)


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w.&-]+", name_key(name)) if w]


def _domain_label(domain: str) -> str:
    return re.sub(r"[^a-z0-9]", "", host_of(domain).split(".")[0])


def _short_form_of(name: str, words: list[str], o: RegistryOutlet) -> bool:
    """Is ``name`` (its key words ``words``) a short form of outlet ``o`` (see
    :meth:`Registry.alias_of`)?"""
    bare = re.sub(r"^(?:the|The)\s+", "", name.strip())
    acronym = bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 6
    squashed = squash_key(name)
    for n in (o.name, *o.aliases):
        ws = _name_words(n)
        part = len(ws) > len(words) and any(ws[i : i + len(words)] == words for i in range(len(ws)))
        if part or (acronym and len(ws) >= 2 and initials(n) == bare.lower()):
            return True
        if len(squashed) >= 6 and squash_key(n).startswith(squashed) and squashed != squash_key(n):
            return True
    labels = {_domain_label(d) for d in o.domains}
    return not acronym and len(squashed) >= 6 and squashed in labels


#: Shortest squashed short form matched by a prefix of a name or by a domain label.
_MIN_SQUASHED = 6


@dataclass(frozen=True)
class _AliasIndex:
    """Which crawl outlets a short form could name, found by lookup rather than by testing
    every outlet: a crawl of a thousand sites has a thousand outlets, and the readers ask
    for short forms thousands of times.  Each way :func:`_short_form_of` can succeed has its
    key here (a word of a name, the initials, a squashed prefix, a domain label); the few
    outlets found are then checked with :func:`_short_form_of` itself."""

    by_word: Mapping[str, tuple[RegistryOutlet, ...]]
    by_initials: Mapping[str, tuple[RegistryOutlet, ...]]
    by_squashed_prefix: Mapping[str, tuple[RegistryOutlet, ...]]
    by_label: Mapping[str, tuple[RegistryOutlet, ...]]

    @classmethod
    def build(cls, outlets: Iterable[RegistryOutlet]) -> _AliasIndex:
        tables: tuple[dict[str, dict[str, RegistryOutlet]], ...] = ({}, {}, {}, {})
        by_word, by_initials, by_prefix, by_label = tables
        for o in outlets:
            for n in (o.name, *o.aliases):
                ws = _name_words(n)
                for w in ws:
                    by_word.setdefault(w, {})[o.name] = o
                if len(ws) >= 2:
                    by_initials.setdefault(initials(n), {})[o.name] = o
                sq = squash_key(n)
                for i in range(_MIN_SQUASHED, len(sq)):
                    by_prefix.setdefault(sq[:i], {})[o.name] = o
            for d in o.domains:
                by_label.setdefault(_domain_label(d), {})[o.name] = o
        frozen = [{k: tuple(v.values()) for k, v in t.items()} for t in tables]
        return cls(*frozen)

    def candidates(self, name: str, words: list[str]) -> dict[str, RegistryOutlet]:
        bare = re.sub(r"^(?:the|The)\s+", "", name.strip()).lower()
        squashed = squash_key(name)
        found: dict[str, RegistryOutlet] = {}
        for table, key in (
            (self.by_word, words[0]),
            (self.by_initials, bare),
            (self.by_squashed_prefix, squashed),
            (self.by_label, squashed),
        ):
            for o in table.get(key, ()):
                found[o.name] = o
        return found


# --- collectives --------------------------------------------------------------------------

_TYPE_WORDS: dict[str, GroupType] = {
    "state": "state",
    "state-run": "state",
    "state-owned": "state",
    "state-controlled": "state",
    "state-backed": "state",
    "state-affiliated": "state",
    "official": "state",
    "government": "state",
    "government-run": "state",
    "government-controlled": "state",
    "pro-government": "state",
    "pro-kremlin": "state",
    "public": "state",
    "semi-official": "state",
    "local": "local",
    "independent": "independent",
    "opposition": "independent",
}
_FILLER_WORDS = frozenset(
    {
        "the",
        "some",
        "several",
        "various",
        "other",
        "many",
        "a",
        "few",
        "mainstream",
        "news",
        "major",
        "leading",
        "national",
        "online",
    }
)
# "<name>-affiliated media", "Kremlin-backed outlets": media of a group, by affiliation
_AFFILIATION = re.compile(
    r"[\w.]+-(?:affiliated|linked|aligned|backed|run|owned|controlled|allied|leaning|friendly)"
)
# Head nouns that make a phrase a collective *media* source; value: is it an agency head.
_HEADS: dict[str, GroupType] = {
    "media": "media",
    "press": "media",
    "outlets": "media",
    "media outlets": "media",
    "news outlets": "media",
    "newspapers": "media",
    "papers": "media",
    "tv": "media",
    "television": "media",
    "broadcasters": "media",
    "broadcaster": "media",
    "channels": "media",
    "stations": "media",
    "radio": "media",
    "news sites": "media",
    "websites": "media",
    "news websites": "media",
    "news portals": "media",
    "agencies": "wire",
    "news agencies": "wire",
    "news agency": "wire",
    "wire services": "wire",
    "wires": "wire",
    "media reports": "generic",
    "news reports": "generic",
    "reports": "generic",
    "press reports": "generic",
    "media sources": "media",
}


@dataclass(frozen=True)
class Registry:
    """Known outlets and the demonym/region tables used to read collective sources.

    Build it with :meth:`load`; look things up with :meth:`resolve` and :meth:`source_group`.
    """

    outlets: tuple[RegistryOutlet, ...] = ()
    demonyms: Mapping[str, str] = field(default_factory=dict)
    regions: Mapping[str, str] = field(default_factory=dict)
    _by_key: Mapping[str, RegistryOutlet] = field(default_factory=dict, repr=False, compare=False)
    _by_squash: Mapping[str, RegistryOutlet] = field(default_factory=dict, repr=False, compare=False)
    _by_domain: Mapping[str, RegistryOutlet] = field(default_factory=dict, repr=False, compare=False)
    _modifiers: Mapping[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)
    fingerprint: str = ""
    # answers of :meth:`resolve` already given: the readers ask for the same names many times
    # per article (a cache of this immutable registry, not state: it never changes an answer)
    _resolved: dict[str, RegistryOutlet | None] = field(default_factory=dict, repr=False, compare=False)
    # every prefix of every name's squashed key: which words can begin a registered name
    _prefixes: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)
    # where :meth:`alias_of` looks for the crawl's outlets a short form could name
    _aliases: _AliasIndex = field(default_factory=lambda: _AliasIndex.build(()), repr=False, compare=False)

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Registry:
        """The shipped registry plus user files (later files win on the same name/domain).

        A user file has the shipped format: ``{"outlets": [{"name", "aliases", "domains",
        "country", "type"}], "demonyms": {...}, "regions": {...}}`` (or just the outlet list).
        A malformed file raises :class:`RegistryError` naming it.
        """
        base = _shipped_data()
        outlets = list(_parse_outlets(base.get("outlets", []), "provenance/data/outlets.json"))
        demonyms = dict(base.get("demonyms", {}))
        regions = dict(base.get("regions", {}))
        for path in extra:
            data = _read_json(Path(path))
            if isinstance(data, list):
                data = {"outlets": data}
            if not isinstance(data, dict):
                raise RegistryError(f"{path}: expected a JSON object or a list of outlets")
            outlets.extend(_parse_outlets(data.get("outlets", []), str(path)))
            for key in ("demonyms", "regions"):
                table = data.get(key, {})
                if not isinstance(table, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in table.items()
                ):
                    raise RegistryError(f"{path}: '{key}' must map strings to strings")
                (demonyms if key == "demonyms" else regions).update(table)
            log.info("registry: loaded %s", path)
        return cls.build(outlets, demonyms, regions)

    @classmethod
    def build(
        cls,
        outlets: Iterable[RegistryOutlet],
        demonyms: Mapping[str, str] | None = None,
        regions: Mapping[str, str] | None = None,
    ) -> Registry:
        """Index outlets; a later outlet with the same name or domain replaces the earlier."""
        by_name: dict[str, RegistryOutlet] = {}
        for o in outlets:
            by_name[name_key(o.name)] = o
        final = tuple(by_name.values())
        by_key: dict[str, RegistryOutlet] = {}
        by_squash: dict[str, RegistryOutlet] = {}
        by_domain: dict[str, RegistryOutlet] = {}
        for o in final:
            for d in o.domains:
                by_domain[host_of(d)] = o
        # names first, then aliases, so an alias never shadows another outlet's name
        for o in final:
            by_key[name_key(o.name)] = o
            by_squash.setdefault(squash_key(o.name), o)
        for o in final:
            for a in o.aliases:
                by_key.setdefault(name_key(a), o)
                by_squash.setdefault(squash_key(a), o)
        demonyms = dict(demonyms or {})
        regions = dict(regions or {})
        modifiers: dict[str, tuple[str, str]] = {}
        for word, code in demonyms.items():
            modifiers[word.lower()] = ("country", code)
        for word, label in regions.items():
            modifiers[word.lower()] = ("region", label)
        blob = json.dumps(
            [[o.name, o.aliases, o.domains, o.country, o.type] for o in final] + [demonyms, regions],
            sort_keys=True,
            ensure_ascii=False,
        )
        fingerprint = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
        squashed = {re.sub(r"[^0-9a-z]+", "", k) for k in by_key} | set(by_squash)
        prefixes = frozenset(k[:i] for k in squashed for i in range(1, len(k) + 1))
        aliases = _AliasIndex.build(o for o in final if o.type == "unknown")
        return cls(
            final,
            demonyms,
            regions,
            by_key,
            by_squash,
            by_domain,
            modifiers,
            fingerprint,
            {},
            prefixes,
            aliases,
        )

    def may_start(self, word: str) -> bool:
        """Could a registered name (or alias) begin with ``word``?  A cheap test that lets the
        readers skip the stretches of a capitalised run no name starts in; exact for names and
        aliases (their squashed keys begin with the first word's), always true for words with
        a dot (domains are looked up by host)."""
        if "." in word:
            return True
        sq = squash_key(word)
        return not sq or sq in self._prefixes

    # -- lookups ---------------------------------------------------------------------------
    def with_outlets(self, extra: Iterable[RegistryOutlet]) -> Registry:
        """This registry plus outlets learnt elsewhere (e.g. :func:`outlets_from_articles`).

        Known outlets win: an extra outlet whose name or a domain is already registered is
        skipped, so what a crawl says about itself never overrides the registry's data.
        """
        added = []
        for o in extra:
            if name_key(o.name) in self._by_key or any(self.by_domain(d) is not None for d in o.domains):
                continue
            added.append(o)
        if not added:
            return self
        return Registry.build([*self.outlets, *added], self.demonyms, self.regions)

    def by_domain(self, url_or_domain: str) -> RegistryOutlet | None:
        """Outlet owning this host or a parent of it ("edition.cnn.com" -> CNN)."""
        host = host_of(url_or_domain)
        while host:
            hit = self._by_domain.get(host)
            if hit is not None:
                return hit
            if "." not in host:
                return None
            host = host.split(".", 1)[1]
            if "." not in host:  # do not climb to a bare TLD
                return self._by_domain.get(host)
        return None

    def resolve(self, name_or_domain_or_url: str) -> RegistryOutlet | None:
        """The registered outlet a name, alias, domain or URL refers to, else ``None``."""
        try:
            return self._resolved[name_or_domain_or_url]
        except KeyError:
            pass
        if len(self._resolved) > 200_000:
            self._resolved.clear()
        hit = self._resolve(name_or_domain_or_url)
        self._resolved[name_or_domain_or_url] = hit
        return hit

    def _resolve(self, name_or_domain_or_url: str) -> RegistryOutlet | None:
        s = (name_or_domain_or_url or "").strip()
        if not s:
            return None
        if looks_like_domain(s) or s.lower().startswith(("http://", "https://")):
            hit = self.by_domain(s)
            if hit is not None:
                return hit
        key = name_key(s)
        if not key:
            return None
        hit = self._by_key.get(key)
        if hit is None and len(squash_key(s)) >= 4:
            hit = self._by_squash.get(squash_key(s))
        return hit

    def alias_of(self, name: str) -> RegistryOutlet | None:
        """The one outlet of the crawl a short form names: part of its name ("the Meridian" for
        Gulf Meridian, "Kavir" for Kavir Times), its initials ("HPA" for Halyard Press Agency),
        or its name run together as its domain spells it ("FedDispatch" for Federal Dispatch
        on fed-dispatch.ru, "NewsPulse" for NewsPulse 24).  Only the outlets the crawl showed
        (:func:`outlets_from_articles`) are looked at, only when exactly one fits, and never on
        news-name words alone ("the Times"): the shipped registry lists its aliases."""
        words = _name_words(name)
        if not 1 <= len(words) <= 3 or all(w in _GENERIC_NAME_WORDS for w in words):
            return None
        candidates = self._aliases.candidates(name, words).values()
        hits = {o.name: o for o in candidates if _short_form_of(name, words, o)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def source_group(self, phrase: str) -> SourceGroup | None:
        """Read a collective source phrase, or ``None`` when it is not one.

        "Iranian media" -> country IR; "Chinese state-run media" -> CN, state; "local media"
        -> local; "news agencies" -> wire; "Gulf media" -> region Gulf; "media reports" ->
        generic.  The phrase must end in a media head noun and every other word must be a
        demonym/country/region, a type word or a harmless filler.
        """
        text = phrase.translate(_QUOTES).strip().strip(".,;:")
        # a place after the head says where, not which: "pro-government newspapers in Belgrade"
        # ("reports in Le Monde" are Le Monde's: no collective)
        place = re.search(r"\s+(?:in|from)\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*$", text)
        if place is not None:
            group = self.source_group(text[: place.start()])
            return group if group is not None and not group.generic else None
        if not text:
            return None
        words = text.split()
        low = [w.lower() for w in words]
        head_type: GroupType | None = None
        head_len = 0
        for n in (2, 1):
            if len(low) >= n and " ".join(low[-n:]) in _HEADS:
                head_type = _HEADS[" ".join(low[-n:])]
                head_len = n
                break
        if head_type is None:
            return None
        mods = low[: len(low) - head_len]
        country: str | None = None
        region: str | None = None
        gtype: GroupType | None = None
        i = 0
        while i < len(mods):
            matched = False
            for n in (3, 2, 1):  # longest demonym first ("south african", "new zealand")
                chunk = " ".join(mods[i : i + n]).strip(",")
                if i + n <= len(mods) and chunk in self._modifiers:
                    kind, val = self._modifiers[chunk]
                    if kind == "country":
                        country = val
                    else:
                        region = val
                    i += n
                    matched = True
                    break
            if matched:
                continue
            w = mods[i].strip(",")
            if w in _TYPE_WORDS:
                gtype = _TYPE_WORDS[w]
            elif _AFFILIATION.fullmatch(w):
                gtype = gtype or "media"  # "Hezbollah-affiliated", "Kremlin-backed": whose media
            elif w in _HEADS and i == len(mods) - 1:
                pass  # a media noun before the head: "TV channels", "news websites"
            elif w not in _FILLER_WORDS and w != "and":
                return None
            i += 1
        generic = country is None and region is None and gtype is None and head_type in ("generic", "media")
        if head_type == "generic" and not generic:
            head_type = "media"  # "Iranian media reports" is Iranian media
        final_type: GroupType = gtype or ("wire" if head_type == "wire" else head_type)
        if final_type == "generic" and not generic:
            final_type = "media"
        return SourceGroup(phrase=text, country=country, region=region, type=final_type, generic=generic)

    def outlets_in_group(self, group: SourceGroup) -> tuple[RegistryOutlet, ...]:
        """Registered outlets a collective covers (by country and type; "local" matches
        none here because it depends on the citing outlet's country)."""
        out = []
        for o in self.outlets:
            if group.country and o.country != group.country:
                continue
            if group.type == "state" and o.type != "state":
                continue
            if group.type == "wire" and o.type not in ("wire", "state"):
                continue
            if group.type == "local" or group.region or group.generic:
                continue
            if not group.country and group.type not in ("state", "wire"):
                continue
            out.append(o)
        return tuple(out)


def outlets_from_articles(articles: Iterable[Any]) -> list[RegistryOutlet]:
    """Outlets a crawl reveals about itself: each page's site name with its domain.

    Pages state their own outlet (og:site_name, publisher, title suffix); a crawl about one
    story usually contains the outlets its pages cite, so adding them (with
    :meth:`Registry.with_outlets`) lets "according to Gulf Meridian" resolve to a domain and
    count as an outlet even though no registry lists it.  Only (name, domain) pairs seen on
    at least one page are used; the type is "unknown".
    """
    seen: dict[str, RegistryOutlet] = {}
    for art in articles:
        outlet = getattr(art, "outlet", None)
        name = (getattr(outlet, "name", None) or getattr(art, "site_name", None) or "").strip()
        domain = host_of(getattr(outlet, "domain", None) or getattr(art, "url", None) or "")
        if not name or not domain or looks_like_domain(name) or len(name) > 60:
            continue
        key = name_key(name)
        if key and key not in seen:
            seen[key] = RegistryOutlet(name=name, domains=(domain,), type="unknown")
    return list(seen.values())


# --- loading helpers ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _shipped_data() -> Mapping[str, Any]:
    text = resources.files("provenance").joinpath("data/outlets.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise RegistryError("provenance/data/outlets.json: expected a JSON object")
    return data


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The shipped registry, built once per process (immutable, so safe to share)."""
    return Registry.load()


@functools.lru_cache(maxsize=1)
def _tld_extractor() -> tldextract.TLDExtract:
    """Offline public-suffix lookups (bundled snapshot; never fetches)."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def is_public_suffix(suffix: str) -> bool:
    """True for "ge", "com.ng", "co.uk": a suffix under which names are registered."""
    return bool(suffix) and _tld_extractor()("example." + suffix).suffix == suffix


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegistryError(f"{path}: not valid JSON ({exc})") from exc


def _str_list(value: Any, path: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RegistryError(f"{path}: {what} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _parse_outlets(items: Any, path: str) -> Iterable[RegistryOutlet]:
    if not isinstance(items, list):
        raise RegistryError(f"{path}: 'outlets' must be a list")
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise RegistryError(f"{path}: outlet #{n} is not an object")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RegistryError(f"{path}: outlet #{n} has no name")
        typ = item.get("type", "national")
        if typ not in OUTLET_TYPES:
            raise RegistryError(f"{path}: outlet {name!r} has unknown type {typ!r}")
        country = item.get("country")
        if country is not None and not isinstance(country, str):
            raise RegistryError(f"{path}: outlet {name!r} country must be a string")
        raw_domains = item.get("domains", [])
        if isinstance(item.get("domain"), str):  # accept a single "domain" too
            raw_domains = [item["domain"], *(raw_domains if isinstance(raw_domains, list) else [])]
        domains = tuple(host_of(d) for d in _str_list(raw_domains, path, f"outlet {name!r} domains"))
        aliases = _str_list(item.get("aliases"), path, f"outlet {name!r} aliases")
        yield RegistryOutlet(name=name.strip(), aliases=aliases, domains=domains, country=country, type=typ)
