"""Claims shared between articles that do not share text.

Two articles about one event often repeat the same claim in their own words ("ISIS is
regrouping", "prisons", "Al-Hol camp").  Here a shared claim is a pair of sentences, one
from each article, whose content words overlap enough; the shared words are the evidence.
Only article pairs that are already related (a shared speaker or a reuse edge) are
compared, which keeps the cost linear in practice and avoids matching unrelated stories.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import wordlists as W
from .models import Analysis, Span
from .segment import words

if TYPE_CHECKING:  # scipy is imported where it is used: a run answered from the caches never needs it
    from scipy import sparse

# Function words and reporting verbs carry no claim; everything else may.
_STOP = W.words("claims", "stop_words")


@dataclass(frozen=True)
class SharedClaim:
    """Two sentences in two articles making the same claim, and the words they share."""

    first: str
    first_span: Span
    second: str
    second_span: Span
    shared_terms: tuple[str, ...]
    score: float


def content_terms(words: Iterable[str]) -> frozenset[str]:
    """Content words among normalised ``words``: stop words, short words and numbers dropped,
    a possessive "'s" cut."""
    out = set()
    for tok in words:
        if len(tok) > 2 and tok not in _STOP and not tok.isdigit():
            out.add(tok.rstrip("'s") if tok.endswith("'s") else tok)
    return frozenset(out)


SentenceTerms = list[tuple[Span, frozenset[str]]]


def sentence_terms(analysis: Analysis) -> SentenceTerms:
    """Each sentence's span and content words, from the analysis' words (hyphenated names
    come split: "Al-Hol" is "al", "hol").  Computed once per article, compared many times."""
    ws = words(analysis)
    starts = [s for _, s, _ in ws]
    out: SentenceTerms = []
    for sent in analysis.sentences:
        i, j = bisect.bisect_left(starts, sent.span[0]), bisect.bisect_left(starts, sent.span[1])
        out.append((sent.span, content_terms(w for w, _, _ in ws[i:j])))
    return out


@dataclass(frozen=True)
class SentenceMatrix:
    """One article's sentences as rows of a sentence x word incidence matrix.

    Comparing two articles sentence by sentence is then one sparse product (shared word
    counts for every sentence pair) instead of a Python loop over every pair of sentences.
    A column is a word's index in ``vocabulary``, one list shared by all the matrices
    :func:`sentence_matrices` made: each article holds its words as 4-byte ids, not as sets
    of strings (a trace compares tens of thousands of articles).
    """

    spans: tuple[Span, ...]
    sizes: np.ndarray
    incidence: sparse.csr_matrix
    vocabulary: Sequence[str]

    def words(self, row: int) -> np.ndarray:
        """Column ids of the words of sentence ``row``."""
        ptr = self.incidence.indptr
        return self.incidence.indices[ptr[row] : ptr[row + 1]]


def sentence_matrices(
    terms: Mapping[str, SentenceTerms] | Iterable[tuple[str, SentenceTerms]],
) -> dict[str, SentenceMatrix]:
    """:class:`SentenceMatrix` of each article, over one vocabulary so any two can be compared.

    ``terms`` may be a generator of ``(article, terms)``: each article's terms are dropped once
    its matrix is made.
    """
    from scipy import sparse

    vocab: dict[str, int] = {}
    parts: list[tuple[str, tuple[Span, ...], np.ndarray, np.ndarray]] = []
    for aid, rows in terms.items() if isinstance(terms, Mapping) else terms:
        cols = np.fromiter((vocab.setdefault(t, len(vocab)) for _, ts in rows for t in ts), dtype=np.int32)
        indptr = np.cumsum([0] + [len(ts) for _, ts in rows])
        parts.append((aid, tuple(sp for sp, _ in rows), cols, indptr))
    words = list(vocab)  # ids are insertion order
    out: dict[str, SentenceMatrix] = {}
    for aid, spans, cols, indptr in parts:
        data = np.ones(len(cols), dtype=np.int32)
        m = sparse.csr_matrix((data, cols, indptr), shape=(len(spans), len(words)))
        out[aid] = SentenceMatrix(spans, np.diff(indptr), m, words)
    return out


def shared_claims_of(
    a: str,
    ma: SentenceMatrix,
    others: Sequence[tuple[str, SentenceMatrix]],
    min_shared: int = 3,
    min_score: float = 0.25,
    limit: int = 10,
) -> list[list[SharedClaim]]:
    """For each ``(b, mb)`` of ``others``: the sentence pairs of ``a`` and ``b`` (as
    :func:`sentence_matrices`) sharing ``min_shared`` content words.

    ``score`` is the overlap coefficient of the two sentences' content words (shared words over
    the smaller set), so a short claim inside a long sentence still scores; each sentence of
    ``a`` is paired with at most its best match (the first of equals, in ``b``'s order) so one
    long sentence cannot flood the list.  All of ``others`` go through one sparse product:
    the fixed cost of a product is larger than the work in one pair of articles.
    """
    if not others:
        return []
    from scipy import sparse

    stacked = sparse.vstack([mb.incidence for _, mb in others], format="csr")
    counts = (ma.incidence @ stacked.T).toarray()
    out: list[list[SharedClaim]] = []
    start = 0
    for b, mb in others:
        stop = start + len(mb.spans)
        out.append(_best_pairs(a, ma, b, mb, counts[:, start:stop], min_shared, min_score)[:limit])
        start = stop
    return out


def _best_pairs(
    a: str,
    ma: SentenceMatrix,
    b: str,
    mb: SentenceMatrix,
    counts: np.ndarray,
    min_shared: int,
    min_score: float,
) -> list[SharedClaim]:
    if not ma.spans or not mb.spans:
        return []
    ok = (counts >= min_shared) & (ma.sizes[:, None] >= min_shared)
    denom = np.maximum(np.minimum(ma.sizes[:, None], mb.sizes[None, :]), 1)
    score = np.where(ok, counts / denom, -np.inf)
    score[score < min_score] = -np.inf
    best = score.argmax(axis=1)
    out: list[SharedClaim] = []
    for i in np.flatnonzero(score[np.arange(len(best)), best] > -np.inf):
        j = best[i]
        common = np.intersect1d(ma.words(int(i)), mb.words(int(j)), assume_unique=True)
        value = round(float(score[i, j]), 3)
        terms = tuple(sorted(ma.vocabulary[k] for k in common.tolist()))
        out.append(SharedClaim(a, ma.spans[i], b, mb.spans[j], terms, value))
    out.sort(key=lambda c: -c.score)
    return out


def related_pairs(
    speakers: dict[str, set[str]], linked: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """Article pairs worth comparing for shared claims: a common speaker, or a reuse edge."""
    by_speaker: dict[str, list[str]] = {}
    for art, names in speakers.items():
        for n in names:
            by_speaker.setdefault(n, []).append(art)
    pairs: set[tuple[str, str]] = {tuple(sorted(p)) for p in linked}  # type: ignore[misc]
    for arts in by_speaker.values():
        arts = sorted(set(arts))
        if len(arts) > 50:  # a ubiquitous speaker relates everything; skip rather than explode
            continue
        for i, x in enumerate(arts):
            for y in arts[i + 1 :]:
                pairs.add((x, y))
    return sorted(pairs)
