"""Direction of each aligned pair in a story: which of two versions came first.

Most trustworthy evidence first: disjoint publication intervals, then a credit one version
gives the other, then "support" from the story's other versions, then the best time
estimate; the weakest edge of any cycle is broken.  :mod:`provenance.stories` then picks each
copy's parent among the versions this puts before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import networkx as nx
import numpy as np

from .timeline import TimeBounds

_CERTAIN, _CREDIT, _HEADLINE, _SUPPORT, _ESTIMATE = 4, 3, 2, 1, 0


def orient_pairs(
    comp: set[int],
    g: nx.Graph,
    bounds: Sequence[TimeBounds],
    keys: Sequence[tuple[float, float, str]],
    named: Callable[[int, int], int],
    grams: Sequence[np.ndarray] | None,
    min_support: int,
    quote_from_story: bool,
    headlines: Sequence[str] | None = None,
) -> tuple[nx.DiGraph, dict[tuple[int, int], str]]:
    """Direct every aligned pair of a story, most trustworthy evidence first, without cycles.

    1. disjoint publication intervals (certain);  2. one version credits the other;
    3. headline lineage: one version's exact headline (``headlines``, optional) lies inside the
    other's, which adds to it ("UPDATE: ...", "... (VIDEO)"): additions pile up along a chain,
    so the plainer headline came first;  4. "support": the words one version has and the
    other lacks are found in the story's other versions (a copy's own additions and edits are
    not; a parent's words that a trimmed or rewritten copy dropped still are -- the
    stemmatologist's argument);  5. best time estimate.  Cycles (possible when the evidence
    of different pairs disagrees) are broken at their weakest edge.
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
        first = _headline_first(u, v, headlines) if headlines is not None else None
        if bu.hi < bv.lo or bv.hi < bu.lo:
            src, dst, conf, why = (u, v, _CERTAIN, "time") if bu.hi < bv.lo else (v, u, _CERTAIN, "time")
        else:
            nu, nv = named(v, u), named(u, v)
            if nu != nv:
                src, dst = (u, v) if nu > nv else (v, u)
                conf, why = _CREDIT, "the copy's credit"
            elif first is not None:
                src, dst = first
                conf, why = _HEADLINE, "the headline one version added to the other's"
            else:
                # Support compares two versions of one text; a pair sharing only quotations
                # is two texts, and each one's own words are "supported" by its own copies.
                quotes_only = g.edges[u, v]["alignment"].only_quotes
                su, sv = (
                    (0, 0) if quotes_only else (_support(u, v, grams, counts), _support(v, u, grams, counts))
                )
                if max(su, sv) >= min_support and max(su, sv) >= 2 * min(su, sv):
                    src, dst = (u, v) if su > sv else (v, u)
                    conf, why = _SUPPORT, "support from the other versions"
                elif quotes_only and quote_from_story and substantive(u, g) != substantive(v, g):
                    src, dst = (u, v) if substantive(u, g) else (v, u)
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


def _headline_first(u: int, v: int, headlines: Sequence[str]) -> tuple[int, int] | None:
    """(earlier, later) when one headline lies inside the other and differs from it, else None.

    A version that copies another keeps its headline and may add to it; a version lacking
    the other's addition did not copy it.  An unchanged headline says nothing.
    """
    hu, hv = headlines[u], headlines[v]
    if hu and hv and hu != hv:
        if hu in hv:
            return (u, v)
        if hv in hu:
            return (v, u)
    return None


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


def substantive(i: int, g: nx.Graph) -> bool:
    return any(not g.edges[i, n]["alignment"].only_quotes for n in g.neighbors(i))
