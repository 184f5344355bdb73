"""Stories: group reusing articles, order them in time, pick each copy's parent and the origin.

A story is a connected component of the "shares text" graph.  Inside it, articles are ordered
by publication evidence (:mod:`provenance.timeline`), and each aligned pair is directed
(:mod:`provenance.orient`).

Each copy's parent is the *closest earlier version it shares most with*, not the root: in a
chain A -> B -> C, C shares as much or more with B than with A, and B is nearer in time.  When
the order of two versions rests on overlapping intervals or on crawl time, or the best parent
is a near tie, the evidence string says so instead of hiding it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .align import Alignment
from .models import Article, Story
from .orient import orient_pairs, substantive
from .timeline import TimeBounds, fmt_bounds, order_key, outlet_offsets, time_bounds

__all__ = [
    "NameFn",
    "ParentChoice",
    "StoryParams",
    "TimeBounds",
    "build_stories",
    "publication_keys",
    "credit_strength",
    "time_bounds",
]


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
    ``headline_lineage``: headlines added to along a chain ("UPDATE: ...", "... (VIDEO)") order
    two versions whose dates overlap, and among near-equal candidate parents of a whole copy
    the one whose headline the copy carries most completely wins (:func:`_headline_lineage`).
    ``inherited_credit``: treat a credit that an earlier candidate also carries as possibly
    copied along (off: it lowered dev F1).  ``dominance_margin`` / ``dominance_share`` /
    ``dominance_ratio``: a candidate is dropped when another explains at least this many (and
    this share) more of the copy's n-grams, and ``dominance_ratio`` times as many as it
    explains that the other lacks (0 margin = off); ``max_dominators`` of them (those sharing
    most with the copy) are tried against each candidate; see :func:`_undominated`.
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
    headline_lineage: bool = True
    max_dominators: int = 32


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
        folded = name.casefold()
        if folded in text and re.search(r"\b" + re.escape(folded) + r"\b", text):
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


def publication_keys(
    articles: Sequence[Article], countries: Sequence[str | None] | None = None, learn_offsets: bool = True
) -> tuple[list[TimeBounds], list[tuple[float, float, str]]]:
    """Each article's publication interval and its sort key (:func:`provenance.timeline.order_key`).

    ``countries[i]``: ISO country of article ``i``'s outlet (a bare date is a day in its zones);
    ``learn_offsets``: place bare dates in the outlet's usual offset when its pages state one.
    """
    offsets = outlet_offsets(articles) if learn_offsets else {}
    bounds = [
        time_bounds(
            a, offsets.get(a.outlet.domain or a.outlet.name or ""), countries[i] if countries else None
        )
        for i, a in enumerate(articles)
    ]
    return bounds, [order_key(bounds[i], a) for i, a in enumerate(articles)]


def build_stories(
    articles: Sequence[Article],
    pairs: dict[tuple[int, int], Alignment],
    params: StoryParams = StoryParams(),
    grams: Sequence[np.ndarray] | None = None,
    names: NameFn | None = None,
    countries: Sequence[str | None] | None = None,
) -> tuple[list[ParentChoice], list[Story]]:
    """Stories and one parent per copy from undirected aligned pairs ``(i, j) -> Alignment``.

    The alignment stored for ``(i, j)`` has ``i`` as side A.  ``grams[i]`` (optional) are the
    sorted unique evidence n-gram hashes of article ``i`` (boilerplate and cross-story formula
    removed): when given, the parent is the earlier version sharing most n-grams with the
    copy -- finer than aligned words, so an inherited credit line or a kept edit counts.
    ``names(child, parent)`` says how explicitly ``child`` credits ``parent`` (0 = not at
    all; default :func:`credit_strength`; the pipeline passes one backed by the attribution
    stage).  It orders versions whose publication intervals overlap (the credited one came
    first) and breaks near ties between candidate parents.  ``countries[i]`` (optional): the
    ISO country of article ``i``'s outlet, which places a bare date in that country's zones.
    Returns the parent choices (edges source=parent -> target=child) and the stories
    (components with >= 2 members).
    """
    name_fn: NameFn = names or credit_strength
    bounds, keys = publication_keys(articles, countries, params.learn_offsets)
    g = nx.Graph()
    for (i, j), al in pairs.items():
        g.add_edge(i, j, alignment=al)
    named_cache: dict[tuple[int, int], int] = {}
    heads = [_headline(a) for a in articles] if params.headline_lineage else None

    def named(child: int, parent: int) -> int:
        k = (child, parent)
        if k not in named_cache:
            named_cache[k] = name_fn(articles[child], articles[parent])
        return named_cache[k]

    choices: list[ParentChoice] = []
    stories: list[Story] = []
    global_order: list[int] = []
    for comp in sorted(nx.connected_components(g), key=lambda c: min(keys[i] for i in c)):
        dag, how = orient_pairs(
            comp,
            g,
            bounds,
            keys,
            named,
            grams,
            params.min_support,
            params.quote_from_story,
            heads,
        )
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
                earlier = _undominated(
                    c, earlier, grams, margin, params.dominance_ratio, params.max_dominators
                )
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
            if whole and heads is not None and len(near) > 1:
                near = _headline_lineage(c, near, heads)
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
            notes = [
                f"shares {al.aligned_tokens} words with its parent ({fmt_bounds(bp)} -> {fmt_bounds(bc)})"
            ]
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
        ev = [f"earliest of {len(order)} versions: {fmt_bounds(bounds[origin])}"]
        rest = [i for i in order if i != origin]
        if rest and min(bounds[i].lo for i in rest) <= bounds[origin].hi:
            first = min(rest, key=lambda i: bounds[i].lo)
            ev.append(f"tie or overlap with {articles[first].id} ({fmt_bounds(bounds[first])})")
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


_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


def _own_site(part: str, names: set[str]) -> bool:
    """Whether a title segment is the page's own outlet ("CN Roundup" on cnroundup.az)."""
    seg = _compact(part)
    return len(seg) >= 4 and any(seg in n or n in seg for n in names)


def _headline(article: Article, min_words: int = 3) -> str:
    """The page's headline without its own site name ("... | CN Roundup", "Site - ...").

    Each outlet adds its own name to its titles, so it is cut when a segment after (or
    before) a usual separator names the page's outlet; any segment after " | " goes too
    (site and section labels).  Empty when shorter than ``min_words`` words: a one- or
    two-word title ("News", "Home") is a template's, and it lies inside almost any headline.
    """
    title = " ".join((article.title or "").split())
    dom = (article.outlet.domain or "").casefold()
    names = {
        n
        for n in (_compact(article.outlet.name or ""), _compact(dom), _compact(dom.split(".")[0]))
        if len(n) >= 4
    }
    for sep in _SITE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head and _own_site(tail, names):
            title = head
        lead, found, rest = title.partition(sep)
        if found and rest and _own_site(lead, names):
            title = rest
    words = title.split(" | ")[0].split()
    return " ".join(words) if len(words) >= min_words else ""


def _headline_lineage(child: int, near: list[int], heads: Sequence[str]) -> list[int]:
    """The candidates whose headline the copy's headline carries most completely.

    Headlines change along a chain: one version adds "UPDATE:", "(VIDEO)" or capitals, and a
    whole copy of that version keeps them (adding its own on top).  So among versions whose
    text explains the copy equally, the one whose exact headline (case and all) is the
    longest run inside the copy's headline carries the changes the copy shows.  Versions
    whose headline the copy does not contain are dropped when another's is contained (the
    copy would have had to undo their change); when none is contained, nothing is decided.
    ``heads``: every article's :func:`_headline`.
    """
    own = heads[child]
    if not own:
        return near
    inside = {p: len(heads[p]) for p in near if heads[p] and heads[p] in own}
    if not inside:
        return near
    longest = max(inside.values())
    return [p for p in near if inside.get(p) == longest]


def _undominated(
    c: int,
    earlier: list[int],
    grams: Sequence[np.ndarray],
    margin: int,
    ratio: float = 2.0,
    max_dominators: int = 32,
) -> list[int]:
    """Drop candidate parents whose share of ``c`` another candidate covers and exceeds.

    If ``c`` has ``margin`` or more n-grams that only candidate ``q`` has (an edit ``q`` made,
    text ``q`` kept where ``p`` cut it), and at most ``1/ratio`` as many that only ``p`` has,
    then ``c`` carries ``q``'s changes and was not taken from ``p`` directly -- whatever its
    credit line says ("originally appeared on <p>" names the origin, not the copy's source).
    Two independent rewrites of one text share some edits by chance (the same synonym, the
    same cut), so a copy of ``p`` also has a few n-grams only ``q`` has: hence a ratio, not zero.

    All pairs are compared at once as a product of membership rows (no per-pair set
    operations); the ``max_dominators`` candidates sharing most with the copy are the ones
    tried as dominators, so a cluster of n near-identical versions costs O(n) per copy.
    """
    own = grams[c]
    if len(own) == 0:
        return earlier
    # membership of each of the copy's n-grams in each candidate: one row per candidate
    member = np.zeros((len(earlier), len(own)), dtype=np.float32)
    for row, p in enumerate(earlier):
        member[row] = np.isin(own, grams[p], assume_unique=True)
    size = member.sum(axis=1)
    # the candidates sharing most with the copy are the ones tried as dominators (a dominator
    # shares strictly more than the candidate it drops), so the work is linear in candidates
    tried = np.argsort(-size, kind="stable")[:max_dominators]
    both = member @ member[tried].T  # (candidates, tried) shared n-grams
    only_q = size[tried][None, :] - both
    only_p = size[:, None] - both
    hit = (only_q >= margin) & (only_q >= ratio * only_p)
    hit[tried, np.arange(len(tried))] = False  # nobody dominates itself
    keep = [p for row, p in enumerate(earlier) if not hit[row].any()]
    return keep or earlier


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
    if rule == "strict" and substantive(c, g):
        return []
    if substantive(c, g):
        return [p for p in earlier if substantive(p, g)]
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
        prose_a=al.prose_b,
        prose_b=al.prose_a,
    )
