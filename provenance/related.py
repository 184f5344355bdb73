"""Related articles: pairs that share a named speaker and a claim but no copied text.

Its own module so a trace can run it in a worker process (it is one of the longest steps
after reuse, and needs only the articles' analyses, quotes and edges).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import claims as claims_mod
from .claims import SharedClaim
from .models import Analysis, Quote, ReuseEdge
from .segment import words


@dataclass(frozen=True)
class Related:
    """Two articles that share a speaker or claims; their text similarity says if they share text."""

    first: str
    second: str
    jaccard: float
    containment: float
    shared_speakers: tuple[str, ...]
    claims: tuple[SharedClaim, ...]


def _shingle_set(analysis: Analysis, k: int = 5) -> set[tuple[str, ...]]:
    """Word ``k``-shingles of the analysed text (a shorter text is one shingle), built by
    ``zip`` in C."""
    toks = [w for w, _, _ in words(analysis)]
    if len(toks) < k:
        return {tuple(toks)} if toks else set()
    return set(zip(*(toks[i:] for i in range(k)), strict=False))  # the shortest slice ends it


def _similarity(sa: set[tuple[str, ...]], sb: set[tuple[str, ...]]) -> tuple[float, float]:
    if not sa or not sb:
        return 0.0, 0.0
    inter = len(sa & sb)
    union = len(sa) + len(sb) - inter  # without building the union set
    return round(inter / union, 4), round(inter / min(len(sa), len(sb)), 4)


def related_articles(
    analyses: dict[str, Analysis],
    quotes: Sequence[Quote],
    reuse: Sequence[ReuseEdge],
) -> list[Related]:
    """Article pairs sharing a named speaker and at least one claim, but no copied text.

    ``analyses`` are the articles' :func:`~provenance.segment.segment` results, by article id.
    """
    speakers: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker and " " in q.speaker.strip():  # full names only: "he" or "Smith" relate nothing
            speakers.setdefault(q.article, set()).add(q.speaker)
    copied = {tuple(sorted((e.source, e.target))) for e in reuse}
    pairs = [p for p in claims_mod.related_pairs(speakers) if p not in copied]  # copies: reuse
    needed = sorted({aid for p in pairs for aid in p})
    terms = {aid: claims_mod.sentence_terms(analyses[aid]) for aid in needed}
    matrices = claims_mod.sentence_matrices(terms)
    partners: dict[str, list[str]] = {}
    for x, y in pairs:
        partners.setdefault(x, []).append(y)
    found: dict[tuple[str, str], tuple[SharedClaim, ...]] = {}
    for x, ys in partners.items():
        lists = claims_mod.shared_claims_of(x, matrices[x], [(y, matrices[y]) for y in ys])
        found.update(((x, y), tuple(cl)) for y, cl in zip(ys, lists, strict=True))
    shingled: dict[str, set[tuple[str, ...]]] = {}
    out: list[Related] = []
    for x, y in pairs:
        cl = found[x, y]
        if not cl:
            continue
        for aid in (x, y):
            if aid not in shingled:
                shingled[aid] = _shingle_set(analyses[aid])
        jac, cont = _similarity(shingled[x], shingled[y])
        shared = tuple(sorted(speakers.get(x, set()) & speakers.get(y, set())))
        out.append(Related(x, y, jac, cont, shared, cl))
    return out
