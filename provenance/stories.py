"""Stories: group reusing articles, order them in time, pick each copy's parent and the origin.

A story is a connected component of the "shares text" graph.  Inside it, articles are ordered
by publication evidence (``Article.published``): an aware datetime is a point; a bare date or
a datetime without zone is an interval (a local date can be 14 h ahead of or 12 h behind UTC);
``not_before``/``not_after`` bounds narrow or replace it; crawl time is used only when nothing
else exists, and then the evidence says so.

Each copy's parent is the *closest earlier version it shares most with*, not the root: in a
chain A -> B -> C, C shares as much or more with B than with A, and B is nearer in time.  When
the order of two versions rests on overlapping intervals or on crawl time, or the best parent
is a near tie, the evidence string says so instead of hiding it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import networkx as nx
import numpy as np

from .align import Alignment
from .models import Article, Story

log = logging.getLogger(__name__)

_AHEAD = timedelta(hours=14)  # UTC+14: local dates/times can be this far ahead of UTC
_BEHIND = timedelta(hours=12)  # UTC-12


@dataclass(frozen=True)
class TimeBounds:
    """Publication time as a UTC interval ``[lo, hi]`` (epoch seconds) and what it rests on."""

    lo: float
    hi: float
    basis: str  # "datetime", "date", "naive", "bounds", "crawl", "none"

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def known(self) -> bool:
        return self.basis not in ("none",)


@dataclass(frozen=True)
class StoryParams:
    """``tie_ratio``: a candidate parent sharing at least this share of the best candidate's
    evidence is a near tie.  Near ties go to the candidate the copy names (canonical URL, link,
    outlet name or domain in its text), then by ``tie_break``: "extra" = fewest n-grams the copy
    lacks (the nearest version), "earliest" or "closest" in time.  Every tie is reported."""

    tie_ratio: float = 0.95
    tie_break: str = "extra"


def _parse(value: str) -> tuple[datetime, str] | None:
    v = value.strip().replace("Z", "+00:00")
    try:
        d = datetime.fromisoformat(v)
    except ValueError:
        return None
    if len(v) <= 10:
        return d.replace(tzinfo=UTC), "date"
    if d.tzinfo is None:
        return d.replace(tzinfo=UTC), "naive"
    return d.astimezone(UTC), "datetime"


def time_bounds(article: Article) -> TimeBounds:
    """UTC interval in which ``article`` was published, from its extracted date evidence."""
    pub = article.published
    lo, hi, basis = float("-inf"), float("inf"), "none"
    if pub.value and (p := _parse(pub.value)):
        d, basis = p
        if basis == "datetime":
            lo = hi = d.timestamp()
        elif basis == "date":
            lo, hi = (d - _AHEAD).timestamp(), (d + timedelta(days=1) + _BEHIND).timestamp()
        else:
            lo, hi = (d - _AHEAD).timestamp(), (d + _BEHIND).timestamp()
        if pub.source == "crawl":
            basis = "crawl"
    for bound, is_lo in ((pub.not_before, True), (pub.not_after, False)):
        if bound and (p := _parse(bound)):
            d, kind = p
            t = (
                d.timestamp()
                if kind == "datetime"
                else ((d - _AHEAD) if is_lo else (d + timedelta(days=1) + _BEHIND)).timestamp()
            )
            if is_lo and t > lo:
                lo = t
            if not is_lo and t < hi:
                hi = t
            if basis == "none":
                basis = "bounds"
    if basis == "none" and article.fetched_at and (p := _parse(article.fetched_at)):
        hi = p[0].timestamp()  # crawl time: published no later than fetched
        basis = "crawl"
    if lo > hi:  # contradictory evidence: keep the value, report it
        log.warning("article %s: contradictory date bounds; using the stated value", article.id)
        lo, hi = min(lo, hi), max(lo, hi)
    return TimeBounds(lo, hi, basis)


def _order_key(b: TimeBounds, article: Article) -> tuple[float, float, str]:
    if b.lo == float("-inf") and b.hi == float("inf"):
        mid = float("inf")
    elif b.lo == float("-inf"):
        mid = b.hi - 86400.0  # only an upper bound: assume about a day before it
    elif b.hi == float("inf"):
        mid = b.lo
    else:
        mid = b.mid
    fetched = _parse(article.fetched_at) if article.fetched_at else None
    return (mid, fetched[0].timestamp() if fetched else float("inf"), article.id)


def _fmt(b: TimeBounds) -> str:
    def iso(t: float) -> str:
        return (
            "?"
            if t in (float("inf"), float("-inf"))
            else datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%MZ")
        )

    return iso(b.lo) + (f"..{iso(b.hi)}" if b.hi != b.lo else "") + f" ({b.basis})"


@dataclass(frozen=True)
class ParentChoice:
    """The directed result for one copy: parent index, the alignment, and why."""

    parent: int
    child: int
    alignment: Alignment
    evidence: str


_CREDIT_WORDS = {
    1: "its outlet name or domain appears in the copy's text",
    2: "links to its outlet",
    3: "links to it",
    4: "canonical URL points to it",
}


def _compact(s: str) -> str:
    return re.sub(r"[^\w]+", "", s.casefold())


def credit_strength(child: Article, parent: Article) -> int:
    """How explicitly ``child`` names ``parent``: 4 canonical URL, 3 link to its URL, 2 link to its
    outlet's domain, 1 its outlet name/domain in the text, 0 nothing (or same outlet).

    Generic evidence only (URLs, domains and the parent's own outlet name), no phrase lists:
    a verbatim copy and a verbatim sibling are textually equal, and the credit a copy gives is
    then the only sign of which one it came from.
    """
    pdom, cdom = parent.outlet.domain, child.outlet.domain
    if pdom and cdom and pdom == cdom:
        return 0
    purl = (parent.url or "").rstrip("/")
    if purl and child.canonical_url and child.canonical_url.rstrip("/") == purl:
        return 4
    if purl and any(link.url.rstrip("/") == purl for link in child.links):
        return 3
    if pdom and any(link.domain == pdom for link in child.links):
        return 2
    names = {parent.outlet.name or "", pdom or "", (pdom or "").split(".")[0]}
    text = child.text.casefold()
    compact = None
    for name in names:
        if len(name) < 4:
            continue
        if re.search(r"\b" + re.escape(name.casefold()) + r"\b", text):
            return 1
        if " " in name:
            compact = compact if compact is not None else re.sub(r"[^\w.]+", "", text)
            if _compact(name) in compact:
                return 1
    return 0


def _tie_key(
    p: int, named: int, score: tuple[int, int], rank: int, params: StoryParams
) -> tuple[int, int, int]:
    if params.tie_break == "extra":
        return (-named, -score[1], rank)
    if params.tie_break == "earliest":
        return (-named, rank, 0)
    return (-named, -rank, 0)


def _score(p: int, c: int, g: nx.Graph, grams: Sequence[np.ndarray] | None) -> tuple[int, int]:
    """(shared evidence, -extra): how much of the copy the candidate parent explains."""
    if grams is None:
        return g.edges[p, c]["alignment"].aligned_tokens, 0
    shared = len(np.intersect1d(grams[p], grams[c], assume_unique=True))
    return shared, -(len(grams[p]) - shared)


def build_stories(
    articles: Sequence[Article],
    pairs: dict[tuple[int, int], Alignment],
    params: StoryParams = StoryParams(),
    grams: Sequence[np.ndarray] | None = None,
) -> tuple[list[ParentChoice], list[Story]]:
    """Stories and one parent per copy from undirected aligned pairs ``(i, j) -> Alignment``.

    The alignment stored for ``(i, j)`` has ``i`` as side A.  ``grams[i]`` (optional) are the
    sorted unique evidence n-gram hashes of article ``i`` (boilerplate and cross-story formula
    removed): when given, the parent is the earlier version sharing most n-grams with the
    copy and, among equals, the one with the fewest n-grams the copy lacks (the nearest
    version) -- finer than aligned words, so an inherited credit line or a kept edit counts.
    Returns the parent choices (edges source=parent -> target=child) and the stories
    (components with >= 2 members).
    """
    bounds = [time_bounds(a) for a in articles]
    keys = [_order_key(bounds[i], a) for i, a in enumerate(articles)]
    g = nx.Graph()
    for (i, j), al in pairs.items():
        g.add_edge(i, j, alignment=al)
    choices: list[ParentChoice] = []
    stories: list[Story] = []
    for comp in sorted(nx.connected_components(g), key=lambda c: min(keys[i] for i in c)):
        order = sorted(comp, key=lambda i: keys[i])
        rank = {i: r for r, i in enumerate(order)}
        for c in order[1:]:
            earlier = [p for p in g.neighbors(c) if rank[p] < rank[c]]
            if not earlier:
                continue  # shares text only with later versions: a child of none of them
            score = {p: _score(p, c, g, grams) for p in earlier}
            top = max(x[0] for x in score.values())
            near = [p for p in earlier if score[p][0] >= params.tie_ratio * top]
            named = {p: credit_strength(articles[c], articles[p]) for p in near}
            parent = min(near, key=lambda p: _tie_key(p, named[p], score[p], rank[p], params))
            al = g.edges[parent, c]["alignment"]
            if (parent, c) != tuple(sorted((parent, c))):
                al = _swap(al)
            notes = [
                f"shares {al.aligned_tokens} words with its parent ({_fmt(bounds[parent])} -> {_fmt(bounds[c])})"
            ]
            bp, bc = bounds[parent], bounds[c]
            if bp.hi > bc.lo:
                notes.append("order uncertain: publication intervals overlap, ordered by best estimate")
            if "crawl" in (bp.basis, bc.basis) or "none" in (bp.basis, bc.basis):
                notes.append("order rests on crawl time or no date (weak)")
            if named[parent]:
                notes.append(f"the copy names its parent ({_CREDIT_WORDS[named[parent]]})")
            if len(near) > 1:
                others = ", ".join(articles[p].id for p in near if p != parent)
                why = (
                    "it is named by the copy"
                    if named[parent] > max(named[p] for p in near if p != parent)
                    else (
                        "the nearest version (fewest words the copy lacks)"
                        if params.tie_break == "extra"
                        else f"the {params.tie_break} version"
                    )
                )
                notes.append(f"near tie with {others}: chose {why}")
            choices.append(ParentChoice(parent, c, al, "; ".join(notes)))
        origin = order[0]
        ev = [f"earliest of {len(order)} versions: {_fmt(bounds[origin])}"]
        if len(order) > 1 and bounds[order[1]].lo < bounds[origin].hi:
            ev.append(f"tie or overlap with {articles[order[1]].id} ({_fmt(bounds[order[1]])})")
        if bounds[origin].basis in ("crawl", "none"):
            ev.append("origin date rests on crawl time or nothing (weak)")
        members = tuple(articles[i].id for i in order)
        sid = "story-" + hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()[:12]
        stories.append(Story(id=sid, members=members, origin=articles[origin].id, evidence="; ".join(ev)))
    return choices, stories


def _swap(al: Alignment) -> Alignment:
    """The same alignment seen from the other side (B becomes A)."""
    from dataclasses import replace

    from .align import AlignedPassage

    ps = tuple(
        AlignedPassage(p.b_tokens, p.a_tokens, p.b_span, p.a_span, p.matched, p.quoted) for p in al.passages
    )
    return replace(
        al,
        passages=ps,
        matched_a=al.matched_b,
        matched_b=al.matched_a,
        content_a=al.content_b,
        content_b=al.content_a,
    )
