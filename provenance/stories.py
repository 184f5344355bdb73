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
from collections.abc import Callable, Sequence
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
    """How a copy's parent and a pair's direction are chosen (values measured in docs/reuse.md).

    ``min_credit`` / ``credit_ratio``: a candidate the copy credits at least this explicitly
    (see :func:`credit_strength`) wins when it shares at least ``credit_ratio`` of the best
    candidate's evidence.  ``tie_ratio``: otherwise candidates sharing at least this share of
    the best are near ties, settled by ``tie_break``: "extra" = the nearest version (fewest
    n-grams in only one of the two; differences within ``diff_margin`` n-grams or
    ``diff_share`` of the copy's n-grams count as equal, and the earliest of those wins),
    "earliest" or "closest" in time, or "auto" = ``whole_mode`` when the copy shares at least
    ``fragment_share`` of its n-grams with the best candidate, else ``fragment_mode``.
    ``min_support``: n-grams needed for the "support" orientation of a pair whose dates
    overlap.  ``quote_rule``: "grouped" / "strict" / "off", see :func:`_substantive_first`.
    ``quote_from_story``: a pair sharing only a quotation, dates overlapping, is ordered from
    the text that shares prose with other versions (the quotation belongs to a syndicated
    story) to the one that shares nothing but quotations (it quoted the story).
    ``fragment_tie_ratio``: near-tie share for copies sharing only a fragment; a quotation
    gives a few n-grams, and one n-gram more or less is no evidence.
    ``learn_offsets``: place bare dates in the outlet's usual time zone.
    ``inherited_credit``: treat a credit that an earlier candidate also carries as possibly
    copied along (off: it lowered dev F1).  ``dominance_margin`` / ``dominance_share`` /
    ``dominance_ratio``: a candidate is dropped when another explains at least this many (and
    this share) more of the copy's n-grams, and ``dominance_ratio`` times as many as it
    explains that the other lacks (0 margin = off); see :func:`_undominated`.
    Every tie and weak ordering is reported.
    """

    tie_ratio: float = 0.9
    tie_break: str = "auto"
    fragment_share: float = 0.5
    fragment_tie_ratio: float = 0.75
    whole_mode: str = "extra"
    fragment_mode: str = "earliest"
    min_credit: int = 2
    credit_ratio: float = 0.5
    min_support: int = 5
    quote_rule: str = "grouped"
    quote_from_story: bool = True
    learn_offsets: bool = True
    inherited_credit: bool = False
    diff_margin: int = 0
    diff_share: float = 0.02
    dominance_margin: int = 5
    dominance_ratio: float = 2.0
    dominance_share: float = 0.02


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


def outlet_offsets(articles: Sequence[Article]) -> dict[str, timedelta]:
    """The usual UTC offset of each outlet, read off its pages that state a zoned datetime.

    A page that gives only a local date (or a time without zone) is then placed in its
    outlet's day instead of the 50-hour window of every zone on Earth.  Needs two pages that
    agree on the most common offset.
    """
    seen: dict[str, list[timedelta]] = {}
    for a in articles:
        key = a.outlet.domain or a.outlet.name
        v = a.published.value
        if not key or not v or len(v) <= 10:
            continue
        try:
            d = datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        off = d.utcoffset()
        if off is not None:
            seen.setdefault(key, []).append(off)
    out: dict[str, timedelta] = {}
    for key, offs in seen.items():
        best = max(set(offs), key=offs.count)
        if offs.count(best) >= 2:
            out[key] = best
    return out


def time_bounds(article: Article, offset: timedelta | None = None) -> TimeBounds:
    """UTC interval in which ``article`` was published, from its extracted date evidence.

    ``offset``: the outlet's usual UTC offset (:func:`outlet_offsets`), used only for a bare
    date or a zoneless time.
    """
    pub = article.published
    lo, hi, basis = float("-inf"), float("inf"), "none"
    if pub.value and (p := _parse(pub.value)):
        d, basis = p
        if basis == "datetime":
            lo = hi = d.timestamp()
        elif basis == "date" and offset is not None:
            lo, hi = (d - offset).timestamp(), (d + timedelta(days=1) - offset).timestamp()
        elif basis == "date":
            lo, hi = (d - _AHEAD).timestamp(), (d + timedelta(days=1) + _BEHIND).timestamp()
        elif offset is not None:
            lo = hi = (d - offset).timestamp()
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
    """The directed result for one copy: parent index, the alignment, and why.

    ``alternatives``: the other candidate parents the evidence could not tell apart from the
    chosen one (a near tie), so a reader sees the choice was a judgement, not a finding.
    """

    parent: int
    child: int
    alignment: Alignment
    evidence: str
    alternatives: tuple[int, ...] = ()


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


def _tie_key(p: int, named: int, score: tuple[int, int], rank: int, mode: str) -> tuple[int, int, int]:
    if mode == "extra":
        return (-named, -score[1], rank)
    if mode == "earliest":
        return (-named, rank, 0)
    return (-named, -rank, 0)


def _score(p: int, c: int, g: nx.Graph, grams: Sequence[np.ndarray] | None) -> tuple[int, int]:
    """(shared evidence, -difference): how much of the copy the candidate explains, and how many
    n-grams only one of the two has (the candidate's cuts plus the copy's additions)."""
    if grams is None:
        al = g.edges[p, c]["alignment"]
        return al.aligned_tokens, -(al.content_a + al.content_b - 2 * al.aligned_tokens)
    shared = len(np.intersect1d(grams[p], grams[c], assume_unique=True))
    return shared, -(len(grams[p]) + len(grams[c]) - 2 * shared)


NameFn = Callable[[Article, Article], int]


def build_stories(
    articles: Sequence[Article],
    pairs: dict[tuple[int, int], Alignment],
    params: StoryParams = StoryParams(),
    grams: Sequence[np.ndarray] | None = None,
    names: NameFn | None = None,
) -> tuple[list[ParentChoice], list[Story]]:
    """Stories and one parent per copy from undirected aligned pairs ``(i, j) -> Alignment``.

    The alignment stored for ``(i, j)`` has ``i`` as side A.  ``grams[i]`` (optional) are the
    sorted unique evidence n-gram hashes of article ``i`` (boilerplate and cross-story formula
    removed): when given, the parent is the earlier version sharing most n-grams with the
    copy -- finer than aligned words, so an inherited credit line or a kept edit counts.
    ``names(child, parent)`` says how explicitly ``child`` credits ``parent`` (0 = not at
    all; default :func:`credit_strength`; the pipeline passes one backed by the attribution
    stage).  It orders versions whose publication intervals overlap (the credited one came
    first) and breaks near ties between candidate parents.
    Returns the parent choices (edges source=parent -> target=child) and the stories
    (components with >= 2 members).
    """
    name_fn: NameFn = names or credit_strength
    offsets = outlet_offsets(articles) if params.learn_offsets else {}
    bounds = [time_bounds(a, offsets.get(a.outlet.domain or a.outlet.name or "")) for a in articles]
    keys = [_order_key(bounds[i], a) for i, a in enumerate(articles)]
    g = nx.Graph()
    for (i, j), al in pairs.items():
        g.add_edge(i, j, alignment=al)
    named_cache: dict[tuple[int, int], int] = {}

    def named(child: int, parent: int) -> int:
        k = (child, parent)
        if k not in named_cache:
            named_cache[k] = name_fn(articles[child], articles[parent])
        return named_cache[k]

    choices: list[ParentChoice] = []
    stories: list[Story] = []
    global_order: list[int] = []
    for comp in sorted(nx.connected_components(g), key=lambda c: min(keys[i] for i in c)):
        dag, how = _orient(comp, g, bounds, keys, named, grams, params)
        order = list(nx.lexicographical_topological_sort(dag, key=lambda i: keys[i]))
        rank = {i: r for r, i in enumerate(order)}
        global_order.extend(order)
        for c in order[1:]:
            earlier = list(dag.predecessors(c))
            earlier = _substantive_first(c, earlier, g, params.quote_rule)
            if not earlier:
                continue  # shares text only with later versions: a child of none of them
            if grams is not None and params.dominance_margin > 0 and len(earlier) > 1:
                margin = max(params.dominance_margin, round(params.dominance_share * len(grams[c])))
                earlier = _undominated(c, earlier, grams, margin, params.dominance_ratio)
            score = {p: _score(p, c, g, grams) for p in earlier}
            top = max(x[0] for x in score.values())
            direct = {p for p in earlier if named(c, p) >= params.min_credit}
            # A credit can be copied along: when an earlier candidate credits the same version,
            # the copy may have taken the credit (and the text) from that candidate instead;
            # then the credit cannot tell them apart and shared text decides.
            carriers = {q for q in earlier for p in direct if q != p and named(q, p) >= params.min_credit}
            credited = [p for p in direct | carriers if score[p][0] >= params.credit_ratio * top]
            if carriers and params.inherited_credit:
                best = max(score[p][0] for p in credited) if credited else 0
                credited = [p for p in credited if score[p][0] >= params.tie_ratio * best]
            own = len(grams[c]) if grams is not None else 0
            whole = bool(own) and top >= params.fragment_share * own
            ratio = params.tie_ratio if whole else params.fragment_tie_ratio
            near = credited or [p for p in earlier if score[p][0] >= ratio * top]
            credit = {p: named(c, p) for p in near}
            if carriers and params.inherited_credit:
                credit = dict.fromkeys(near, 0)
            mode = params.tie_break
            if mode == "auto":
                # A copy made mostly of one version shows that version's own cuts and additions:
                # take the nearest version.  A copy sharing only a fragment (a quotation, a few
                # paragraphs) cannot tell versions apart: take the earliest that has it.
                mode = params.whole_mode if whole else params.fragment_mode
            margin = max(params.diff_margin, round(params.diff_share * own))
            if mode == "extra" and margin > 0:
                # Differences of a few n-grams are noise (a credit line, a template line):
                # versions within the margin of the nearest are equal, the earliest of them wins.
                best_diff = max(score[p][1] for p in near)
                near = [p for p in near if score[p][1] >= best_diff - margin]
                mode = "earliest"
            parent = min(near, key=lambda p: _tie_key(p, credit[p], score[p], rank[p], mode))
            al = g.edges[parent, c]["alignment"]
            if (parent, c) != tuple(sorted((parent, c))):
                al = _swap(al)
            bp, bc = bounds[parent], bounds[c]
            notes = [f"shares {al.aligned_tokens} words with its parent ({_fmt(bp)} -> {_fmt(bc)})"]
            if credit[parent]:
                notes.append(f"the copy names its parent ({_CREDIT_WORDS.get(credit[parent], 'credit')})")
            if bp.hi >= bc.lo:
                notes.append(
                    f"publication intervals overlap: ordered by {how.get((parent, c), 'best time estimate')}"
                )
            if "crawl" in (bp.basis, bc.basis) or "none" in (bp.basis, bc.basis):
                notes.append("order rests on crawl time or no date (weak)")
            if len(near) > 1:
                others = ", ".join(articles[p].id for p in near if p != parent)
                why = (
                    "it is credited by the copy"
                    if credit[parent] > max(credit[p] for p in near if p != parent)
                    else (
                        "the nearest version (fewest n-grams in only one of the two)"
                        if mode == "extra"
                        else f"the {mode} version"
                    )
                )
                notes.append(f"near tie with {others}: chose {why}")
            alternatives = tuple(sorted((p for p in near if p != parent), key=lambda p: rank[p]))
            choices.append(ParentChoice(parent, c, al, "; ".join(notes), alternatives))
    # Stories are the trees of the chosen parent links: each root is an origin.
    forest = nx.DiGraph()
    forest.add_edges_from((ch.parent, ch.child) for ch in choices)
    topo = {i: r for r, i in enumerate(global_order)}
    for tree in sorted(nx.weakly_connected_components(forest), key=lambda t: min(topo[i] for i in t)):
        order = sorted(tree, key=lambda i: topo[i])
        origin = next(i for i in order if forest.in_degree(i) == 0)
        ev = [f"earliest of {len(order)} versions: {_fmt(bounds[origin])}"]
        rest = [i for i in order if i != origin]
        if rest and min(bounds[i].lo for i in rest) <= bounds[origin].hi:
            first = min(rest, key=lambda i: bounds[i].lo)
            ev.append(f"tie or overlap with {articles[first].id} ({_fmt(bounds[first])})")
        if bounds[origin].basis in ("crawl", "none"):
            ev.append("origin date rests on crawl time or nothing (weak)")
        quoting = [p for p in g.neighbors(origin) if p not in tree and topo.get(p, -1) < topo[origin]]
        if quoting:
            ev.append(
                f"earlier texts share only quotations with it: {', '.join(articles[p].id for p in quoting)}"
            )
        members = tuple(articles[i].id for i in order)
        sid = "story-" + hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()[:12]
        stories.append(Story(id=sid, members=members, origin=articles[origin].id, evidence="; ".join(ev)))
    return choices, stories


_CERTAIN, _CREDIT, _SUPPORT, _ESTIMATE = 3, 2, 1, 0


def _orient(
    comp: set[int],
    g: nx.Graph,
    bounds: Sequence[TimeBounds],
    keys: Sequence[tuple[float, float, str]],
    named: Callable[[int, int], int],
    grams: Sequence[np.ndarray] | None,
    params: StoryParams,
) -> tuple[nx.DiGraph, dict[tuple[int, int], str]]:
    """Direct every aligned pair of a story, most trustworthy evidence first, without cycles.

    1. disjoint publication intervals (certain);  2. one version credits the other;
    3. "support": the words one version has and the other lacks are found in the story's
    other versions (a copy's own additions and edits are not; a parent's words that a trimmed
    or rewritten copy dropped still are -- the stemmatologist's argument);  4. best time
    estimate.  Cycles (possible when the evidence of different pairs disagrees) are broken
    at their weakest edge.
    """
    dag = nx.DiGraph()
    dag.add_nodes_from(comp)
    how: dict[tuple[int, int], str] = {}
    counts: tuple[np.ndarray, np.ndarray] | None = None
    if grams is not None and len(comp) >= 3:
        allg = np.concatenate([grams[i] for i in comp])
        counts = np.unique(allg, return_counts=True)
    for u, v in g.subgraph(comp).edges():
        bu, bv = bounds[u], bounds[v]
        if bu.hi < bv.lo or bv.hi < bu.lo:
            src, dst, conf, why = (u, v, _CERTAIN, "time") if bu.hi < bv.lo else (v, u, _CERTAIN, "time")
        else:
            nu, nv = named(v, u), named(u, v)
            if nu != nv:
                src, dst = (u, v) if nu > nv else (v, u)
                conf, why = _CREDIT, "the copy's credit"
            else:
                # Support compares two versions of one text; a pair sharing only quotations
                # is two texts, and each one's own words are "supported" by its own copies.
                quotes_only = g.edges[u, v]["alignment"].only_quotes
                su, sv = (
                    (0, 0) if quotes_only else (_support(u, v, grams, counts), _support(v, u, grams, counts))
                )
                if max(su, sv) >= params.min_support and max(su, sv) >= 2 * min(su, sv):
                    src, dst = (u, v) if su > sv else (v, u)
                    conf, why = _SUPPORT, "support from the other versions"
                elif quotes_only and params.quote_from_story and _substantive(u, g) != _substantive(v, g):
                    src, dst = (u, v) if _substantive(u, g) else (v, u)
                    conf, why = (
                        _ESTIMATE,
                        "the story the quotation belongs to (the other text only quotes it)",
                    )
                else:
                    src, dst = (u, v) if keys[u] <= keys[v] else (v, u)
                    conf, why = _ESTIMATE, "best time estimate"
        dag.add_edge(src, dst, conf=conf)
        how[(src, dst)] = why
    while True:
        try:
            cycle = nx.find_cycle(dag)
        except nx.NetworkXNoCycle:
            break
        weakest = min(cycle, key=lambda e: (dag.edges[e[0], e[1]]["conf"], keys[e[1]] > keys[e[0]]))
        u, v = weakest[0], weakest[1]
        conf = dag.edges[u, v]["conf"]
        dag.remove_edge(u, v)
        how.pop((u, v), None)
        if conf < _CERTAIN and not dag.has_edge(v, u):
            dag.add_edge(v, u, conf=-1)  # reversed to break a cycle
            how[(v, u)] = "breaking a contradiction between pairs (weak)"
    return dag, how


def _support(
    u: int, v: int, grams: Sequence[np.ndarray] | None, counts: tuple[np.ndarray, np.ndarray] | None
) -> int:
    """n-grams ``u`` has and ``v`` lacks that some other version of the story also has."""
    if grams is None or counts is None:
        return 0
    only_u = np.setdiff1d(grams[u], grams[v], assume_unique=True)
    if len(only_u) == 0:
        return 0
    vals, cnt = counts
    pos = np.searchsorted(vals, only_u)
    return int((cnt[pos] >= 2).sum())


def _undominated(
    c: int, earlier: list[int], grams: Sequence[np.ndarray], margin: int, ratio: float = 2.0
) -> list[int]:
    """Drop candidate parents whose share of ``c`` another candidate covers and exceeds.

    If ``c`` has ``margin`` or more n-grams that only candidate ``q`` has (an edit ``q`` made,
    text ``q`` kept where ``p`` cut it), and at most ``1/ratio`` as many that only ``p`` has,
    then ``c`` carries ``q``'s changes and was not taken from ``p`` directly -- whatever its
    credit line says ("originally appeared on <p>" names the origin, not the copy's source).
    Two independent rewrites of one text share some edits by chance (the same synonym, the
    same cut), so a copy of ``p`` also has a few n-grams only ``q`` has: hence a ratio, not zero.
    """
    inter = {p: np.intersect1d(grams[p], grams[c], assume_unique=True) for p in earlier}
    keep = []
    for p in earlier:
        dominated = False
        for q in earlier:
            if q == p:
                continue
            only_q = len(np.setdiff1d(inter[q], inter[p], assume_unique=True))
            if only_q >= margin and only_q >= ratio * len(
                np.setdiff1d(inter[p], inter[q], assume_unique=True)
            ):
                dominated = True
                break
        if not dominated:
            keep.append(p)
    return keep or earlier


def _substantive(i: int, g: nx.Graph) -> bool:
    return any(not g.edges[i, n]["alignment"].only_quotes for n in g.neighbors(i))


def _substantive_first(c: int, earlier: list[int], g: nx.Graph, rule: str) -> list[int]:
    """Candidate parents of ``c``, preferring pairs that share more than quotations.

    A version that shares prose with earlier versions takes its parent among them: an earlier
    text that merely quotes the same words is not its source.  A version sharing prose only
    with *later* versions (the root of its own group) may still take a quotation parent when
    that parent belongs to a group of its own (a quote-only copy that was copied on), but not
    from a text that shares nothing but the quotation with anyone (an independent use of a
    well-known line).
    """
    if rule == "off":
        return earlier
    subst = [p for p in earlier if not g.edges[p, c]["alignment"].only_quotes]
    if subst:
        return subst
    if rule == "strict" and _substantive(c, g):
        return []
    if _substantive(c, g):
        return [p for p in earlier if _substantive(p, g)]
    return earlier


def _swap(al: Alignment) -> Alignment:
    """The same alignment seen from the other side (B becomes A)."""
    from dataclasses import replace

    from .align import AlignedPassage

    ps = tuple(
        AlignedPassage(p.b_tokens, p.a_tokens, p.b_span, p.a_span, p.matched, p.quoted, p.quote_share)
        for p in al.passages
    )
    return replace(
        al,
        passages=ps,
        matched_a=al.matched_b,
        matched_b=al.matched_a,
        content_a=al.content_b,
        content_b=al.content_a,
    )
