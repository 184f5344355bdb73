"""Pairwise evidence: how much of each text lies in the other (the report's ``matches[]``).

The copy tree (``reuse[]``) keeps one inferred parent per copy; a churnalism reader also wants
the plain measurement behind it: *which texts does this one overlap, and how much*.  For every
compared pair (the candidates stage's pairs) we measure, exactly and cheaply:

* ``containment_first_in_second``: the share of the first text's words (boilerplate left out)
  covered by word n-grams that also occur in the second, and the reverse.  Measured on each
  text's own length, so a 60-word brief inside an 800-word wire text is a full copy of the
  brief (containment 1.0 one way, 0.08 the other);
* ``jaccard``: covered words over the union of both texts' words;
* ``aligned_chars``: characters of the second text inside the shared stretches;
* ``quoted_share``: the share of the shared words that lie inside quotation marks (or their
  attribution frame) in both texts -- two reports quoting the same witness share words without
  one having copied the other, so quoted overlap is weighed apart;
* ``kind``: duplicate / containment / partial, or ``quote`` when the shared words are almost
  all quotation.

Coverage by shared n-grams is the measure of Broder's containment and of the METER studies
(Clough et al. 2002): it follows verbatim reuse word by word, so it grades *how much* was
taken, not only whether.  Work per pair is two sorted look-ups over the two texts' n-grams.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .align import QUOTE_ONLY_SHARE, DocTokens
from .models import Match

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OverlapParams:
    """What makes a compared pair a match (values measured in docs/reuse.md).

    ``min_words``: shared words the shorter side needs (fewer is a phrase two reports of one
    event share by chance); ``min_containment``: the larger containment (usually the shorter
    text's) must reach this;
    ``duplicate_jaccard`` / ``containment``: the kind thresholds, as for reuse edges.
    """

    min_words: int = 8
    min_containment: float = 0.05
    duplicate_jaccard: float = 0.8
    containment: float = 0.8


@dataclass(frozen=True, eq=False)
class ContentText:
    """A document's words with boilerplate left out: their char spans, quoted flags and the
    hash of the n-gram starting at each word (a text of at most n words is one n-gram)."""

    starts: np.ndarray
    ends: np.ndarray
    quoted: np.ndarray
    grams: np.ndarray  # n-gram hash per start position
    distinct: np.ndarray  # sorted distinct n-gram hashes
    n: int

    @property
    def words(self) -> int:
        return len(self.starts)


def content_text(doc: DocTokens, grams: np.ndarray, n: int) -> ContentText:
    """The :class:`ContentText` of ``doc`` given its content n-gram hashes (``grams``, one per
    start position of the words left after boilerplate, as :func:`provenance.fingerprint.shingles`
    makes them)."""
    keep = ~doc.boilerplate
    return ContentText(doc.starts[keep], doc.ends[keep], doc.quoted[keep], grams, np.unique(grams), n)


def covered(a: ContentText, b: ContentText) -> np.ndarray:
    """Per word of ``a``: whether an n-gram covering it also occurs in ``b``."""
    m = a.words
    if m == 0 or len(a.grams) == 0 or len(b.distinct) == 0:
        return np.zeros(m, dtype=bool)
    pos = np.searchsorted(b.distinct, a.grams)
    pos[pos == len(b.distinct)] = 0
    hit = b.distinct[pos] == a.grams  # per start position: its n-gram is in b
    if m <= a.n:  # one n-gram of the whole text
        return np.full(m, bool(hit.any()))
    out = np.zeros(m, dtype=bool)
    for k in range(a.n):  # word i is covered when an n-gram starting at i-n+1 .. i is shared
        out[k : k + len(hit)] |= hit
    return out


def _run_chars(t: ContentText, mask: np.ndarray) -> int:
    """Characters spanned by the runs of covered words (first word's start to last word's end)."""
    if not mask.any():
        return 0
    padded = np.concatenate(([False], mask, [False]))
    change = np.flatnonzero(padded[1:] != padded[:-1])
    first, last = change[0::2], change[1::2] - 1
    return int((t.ends[last] - t.starts[first]).sum())


def measure(
    i: int, j: int, a: ContentText, b: ContentText, params: OverlapParams = OverlapParams()
) -> Match | None:
    """The match of texts ``i`` (first) and ``j`` (second), or None below the floor."""
    ca = covered(a, b)
    na = int(ca.sum())
    if na < params.min_words:
        return None
    cb = covered(b, a)
    nb = int(cb.sum())
    short = min(na, nb)
    if short < params.min_words:
        return None
    c_ab = na / a.words if a.words else 0.0
    c_ba = nb / b.words if b.words else 0.0
    if max(c_ab, c_ba) < params.min_containment:
        return None
    inter = short
    union = a.words + b.words - inter
    jac = inter / union if union > 0 else 0.0
    quoted = int((ca & a.quoted).sum()) + int((cb & b.quoted).sum())
    q_share = quoted / (na + nb) if na + nb else 0.0
    if q_share >= QUOTE_ONLY_SHARE:
        kind = "quote"
    elif jac >= params.duplicate_jaccard:
        kind = "duplicate"
    elif max(c_ab, c_ba) >= params.containment:
        kind = "containment"
    else:
        kind = "partial"
    return Match(
        first=str(i),
        second=str(j),
        containment_first_in_second=round(c_ab, 4),
        containment_second_in_first=round(c_ba, 4),
        jaccard=round(jac, 4),
        aligned_chars=_run_chars(b, cb),
        quoted_share=round(q_share, 4),
        kind=kind,  # type: ignore[arg-type]
    )


def pair_matches(
    pairs: Sequence[tuple[int, int]],
    texts: Sequence[ContentText],
    rank: Sequence[int],
    params: OverlapParams = OverlapParams(),
) -> list[tuple[tuple[int, int], Match]]:
    """The matches among the compared ``pairs`` (document indexes): ``((first, second), match)``
    with the earlier text first (``rank[i]``: publication rank of document ``i``).  The match
    names its texts by index; the caller puts article ids in."""
    out = []
    for i, j in pairs:
        first, second = (i, j) if rank[i] <= rank[j] else (j, i)
        m = measure(first, second, texts[first], texts[second], params)
        if m is not None:
            out.append(((first, second), m))
    return out
