"""Related articles: pairs that share a named speaker and a claim but no copied text.

Its own module so a trace can run it in a worker process (it is one of the longest steps
after reuse, and needs only the articles' analyses, quotes and edges).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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


def _shingle_set(analysis: Analysis, k: int = 5) -> np.ndarray:
    """Word ``k``-shingles of the analysed text (a shorter text is one shingle), as the sorted
    distinct 64-bit hashes of the shingle tuples: 8 bytes a shingle instead of a tuple in a
    set (a 64-bit collision in one article pair is too rare to move a 4-decimal figure)."""
    toks = [w for w, _, _ in words(analysis)]
    if len(toks) < k:
        shingles = [tuple(toks)] if toks else []
    else:
        shingles = zip(*(toks[i:] for i in range(k)), strict=False)  # type: ignore[assignment]
    return np.unique(np.fromiter(map(hash, shingles), dtype=np.int64))


def _similarity(sa: np.ndarray, sb: np.ndarray) -> tuple[float, float]:
    if not len(sa) or not len(sb):
        return 0.0, 0.0
    inter = len(np.intersect1d(sa, sb, assume_unique=True))
    union = len(sa) + len(sb) - inter  # without building the union set
    return round(inter / union, 4), round(inter / min(len(sa), len(sb)), 4)


def _speakers(quotes: Sequence[Quote]) -> dict[str, set[str]]:
    speakers: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker and " " in q.speaker.strip():  # full names only: "he" or "Smith" relate nothing
            speakers.setdefault(q.article, set()).add(q.speaker)
    return speakers


def _pairs(speakers: dict[str, set[str]], reuse: Sequence[ReuseEdge]) -> list[tuple[str, str]]:
    copied = {tuple(sorted((e.source, e.target))) for e in reuse}
    return [p for p in claims_mod.related_pairs(speakers) if p not in copied]  # copies: reuse


def compared_articles(quotes: Sequence[Quote], reuse: Sequence[ReuseEdge]) -> set[str]:
    """The articles whose analyses :func:`related_articles` reads: those in a compared pair.
    Why: a worker process is sent only these (pickling every analysis of a crawl cost more
    than comparing the few pairs a crawl of unrelated pages has)."""
    return {aid for p in _pairs(_speakers(quotes), reuse) for aid in p}


def related_articles(
    analyses: dict[str, Analysis],
    quotes: Sequence[Quote],
    reuse: Sequence[ReuseEdge],
) -> list[Related]:
    """Article pairs sharing a named speaker and at least one claim, but no copied text.

    ``analyses`` are the articles' :func:`~provenance.segment.segment` results, by article id
    (those of :func:`compared_articles` are enough).
    """
    speakers = _speakers(quotes)
    pairs = _pairs(speakers, reuse)
    needed = sorted({aid for p in pairs for aid in p})
    matrices = claims_mod.sentence_matrices((aid, claims_mod.sentence_terms(analyses[aid])) for aid in needed)
    partners: dict[str, list[str]] = {}
    for x, y in pairs:
        partners.setdefault(x, []).append(y)
    found: dict[tuple[str, str], tuple[SharedClaim, ...]] = {}
    for x, ys in partners.items():
        lists = claims_mod.shared_claims_of(x, matrices[x], [(y, matrices[y]) for y in ys])
        found.update(((x, y), tuple(cl)) for y, cl in zip(ys, lists, strict=True))
    shingled: dict[str, np.ndarray] = {}
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
