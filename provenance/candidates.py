"""Candidates stage: which pairs of documents are worth aligning, without comparing all pairs.

Two datasketch MinHashLSH indexes, because reuse comes in two shapes:

* near-duplicates (verbatim copies, light rewrites) share most of their text: one signature
  per document, LSH at ``doc_threshold``;
* containment (a trimmed copy inside its longer source, or a few paragraphs or one quotation
  of a source inside an otherwise new article) shares little of the *document*: whole-document
  Jaccard is then tiny.  So every passage (sentence, paragraph window, quotation) gets its own
  signature and a second LSH at ``passage_threshold`` pairs the documents whose passages
  collide.  A short text inside a long one, and one copied paragraph inside a new article,
  both surface this way.

Both indexes take datasketch's ``storage_config`` (e.g. ``{"type": "redis", "redis": {...}}``)
so a shared index can live in Redis.  Without one (the default, in memory), the same banding
runs as a numpy band index (:func:`band_buckets`): datasketch keeps one Python dict entry per
band per key and answers one query per Python call, which cost seconds on a crawl's ~20k
passages; the band index groups equal bands with sorts and gives exactly datasketch's answers
(``tests/test_perf_bands.py`` checks it against ``MinHashLSH`` itself).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .fingerprint import SignatureParams, Signatures, by_hash_range, premixed, signatures, signed, to_minhash

if TYPE_CHECKING:
    from datasketch import MinHashLSH

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CandidateParams:
    """LSH thresholds and storage.

    ``max_docs_per_passage``: a passage whose signature collides with passages of more
    documents than this is not used to pair them (template text that slipped through the
    boilerplate filter would otherwise pair everything with everything).

    ``max_bucket`` and ``max_partners`` keep a story carried by hundreds of outlets from
    pairing every version with every other (quadratic work in every later step): a document
    LSH bucket of more than ``max_bucket`` documents is expanded to each document's nearest
    neighbours in signature order, not to all its pairs (:func:`band_pairs`), and a document
    with more than ``max_partners`` near-duplicate candidates keeps the ``max_partners`` most
    similar (:func:`strongest_pairs`).  Smaller stories are untouched.  (Both apply to the
    in-memory index; with ``storage_config`` datasketch's own index answers, every pair.)
    """

    doc_threshold: float = 0.5
    passage_threshold: float = 0.5
    max_docs_per_passage: int = 50
    max_bucket: int | None = 32  # None: every pair of every bucket, as datasketch gives them
    max_partners: int | None = 32  # None: no limit
    storage_config: Mapping[str, Any] | None = field(default=None, hash=False, compare=False)
    basename: bytes = b"provenance"


def _lsh(threshold: float, num_perm: int, params: CandidateParams, suffix: bytes) -> MinHashLSH:
    from datasketch import MinHashLSH  # here, not with the module: it pulls in scipy

    storage: dict[str, Any] = dict(params.storage_config) if params.storage_config else {"type": "dict"}
    if storage.get("type") != "dict":
        storage.setdefault("basename", params.basename + suffix)
    return MinHashLSH(threshold=threshold, num_perm=num_perm, storage_config=storage)


def band_buckets(values: np.ndarray, b: int, r: int) -> np.ndarray:
    """Bucket id per (band, row), shape ``(b, rows)``: two rows share a bucket in band ``j``
    exactly when their ``r`` values of that band are equal, which is when datasketch's
    ``MinHashLSH`` (bands ``[j*r, (j+1)*r)``) puts them in the same hash table bucket.

    Ids are unique across bands (band ``j``'s ids follow band ``j-1``'s).
    """
    n = len(values)
    out = np.empty((b, n), dtype=np.int64)
    base = 0
    for j in range(b):
        cols = values(j) if callable(values) else values[:, j * r : (j + 1) * r]
        band = np.ascontiguousarray(cols, dtype=np.uint32)
        _, inverse = np.unique(band.view(np.dtype((np.void, 4 * r))).ravel(), return_inverse=True)
        inverse = inverse.ravel()
        out[j] = inverse + base
        base += int(inverse.max()) + 1 if n else 0
    return out


def _unique(x: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an int array (a plain sort: numpy's hash-based ``unique``
    is several times slower on these arrays of ~10^5-10^6 codes)."""
    s = np.sort(x, kind="stable")
    return s[np.concatenate(([True], s[1:] != s[:-1]))] if len(s) else s


#: In a document LSH bucket too large to expand to all pairs, each document is paired with
#: this many neighbours on either side in the band's signature order.
WINDOW = 4
#: Signature values that order a large bucket (the band's own first, then the following ones).
_ORDER_KEYS = 16


def band_pairs(values: np.ndarray, b: int, r: int, max_bucket: int | None = None) -> set[tuple[int, int]]:
    """Row pairs ``(i, j)``, ``i < j``, sharing a bucket in at least one band: every pair
    datasketch's ``query`` would return for rows inserted under their index.

    A bucket of more than ``max_bucket`` rows (a story carried by hundreds of outlets) is not
    expanded to its m(m-1)/2 pairs: its rows are sorted by their signature read from this
    band's values on, and each row is paired with the :data:`WINDOW` rows on either side.
    Rows agreeing on more leading minimum hashes sort together (an LSH-forest prefix order),
    and every band sorts from its own values, so a row meets different near neighbours in
    each band while its pairs grow linearly with the bucket.
    """
    n = len(values)
    if n < 2:
        return set()
    buckets = band_buckets(values, b, r)
    pairs: set[tuple[int, int]] = set()
    codes: list[np.ndarray] = []
    for j in range(b):
        order = np.argsort(buckets[j], kind="stable")
        sizes = np.bincount(buckets[j] - buckets[j].min())
        sizes = sizes[sizes > 0]  # bucket sizes in the sorted order of their ids
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        for start, m in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            grp = order[start : start + m]
            if max_bucket is None or m <= max_bucket:
                members = grp.tolist()
                pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1 :])
                continue
            cols = (np.arange(_ORDER_KEYS) + j * r) % values.shape[1]
            keys = values[np.ix_(grp, cols)]
            ranked = grp[np.lexsort(keys.T[::-1])]  # lexsort's primary key is the last one
            for w in range(1, WINDOW + 1):
                lo, hi = np.minimum(ranked[:-w], ranked[w:]), np.maximum(ranked[:-w], ranked[w:])
                codes.append(lo * n + hi)
    if codes:
        uniq = np.unique(np.concatenate(codes))
        pairs.update(zip((uniq // n).tolist(), (uniq % n).tolist(), strict=True))
    return pairs


def strongest_pairs(pairs: set[tuple[int, int]], values: np.ndarray, k: int) -> set[tuple[int, int]]:
    """The pairs among ``pairs`` that are one of the ``k`` most similar partners (signature
    agreement, then the lower index) of either of their documents; a document with at most
    ``k`` partners keeps them all."""
    if not pairs:
        return pairs
    arr = np.array(sorted(pairs), dtype=np.int64)
    degree = np.bincount(arr.ravel(), minlength=len(values))
    if degree.max() <= k:
        return pairs
    agree = np.concatenate(
        [
            (values[arr[s : s + 65536, 0]] == values[arr[s : s + 65536, 1]]).sum(axis=1)
            for s in range(0, len(arr), 65536)
        ]
    )
    # each pair seen from both of its documents; ranked among all that document's partners
    doc = np.concatenate((arr[:, 0], arr[:, 1]))
    other = np.concatenate((arr[:, 1], arr[:, 0]))
    pair = np.tile(np.arange(len(arr)), 2)
    order = np.lexsort((other, -np.tile(agree, 2), doc))  # by document, most similar first
    sdoc = doc[order]
    rank = np.arange(len(order)) - np.searchsorted(sdoc, sdoc, side="left")
    keep = np.zeros(len(arr), dtype=bool)
    keep[pair[order[rank < k]]] = True
    return {(int(a), int(b)) for a, b in arr[keep]}


def banded_owner_sets(
    values: np.ndarray | Callable[[int], np.ndarray], owners: Sequence[int], b: int, r: int, max_docs: int
) -> tuple[set[tuple[int, int]], int]:
    """Document pairs of :func:`passage_pairs` from a band index over passage ``values``.

    For passage ``k`` datasketch's query returns every passage sharing a bucket with it; the
    documents owning those are the union, over ``k``'s buckets, of the documents in each
    bucket.  A bucket holding more than ``max_docs`` documents makes each of its passages
    exceed the limit, so those passages are dropped before the (bounded) expansion.  Returns
    the pairs and how many passages were skipped for colliding with too many documents.
    ``values``: the passages' signatures, or a function giving band ``j``'s ``r`` columns.
    """
    n = len(owners)
    if n == 0:
        return set(), 0
    own = np.asarray(owners, dtype=np.int64)
    ndoc = int(own.max()) + 1
    skip = np.zeros(n, dtype=bool)
    found: list[np.ndarray] = []  # (passage, other document) codes, band by band
    for j in range(b):
        # one band at a time: its arrays are one entry per passage, not one per passage and band
        cols = values(j) if callable(values) else values[:, j * r : (j + 1) * r]
        band = np.ascontiguousarray(cols, dtype=np.uint32)
        _, bucket = np.unique(band.view(np.dtype((np.void, 4 * r))).ravel(), return_inverse=True)
        bucket = bucket.ravel().astype(np.int64)
        # distinct (bucket, document) pairs, sorted by bucket: each bucket's documents in one run
        bd = _unique(bucket * ndoc + own)
        bd_bucket, bd_doc = bd // ndoc, bd % ndoc
        docs_in = np.bincount(bd_bucket, minlength=int(bucket.max()) + 1)
        first = np.concatenate(([0], np.cumsum(docs_in)[:-1]))
        skip[docs_in[bucket] > max_docs] = True
        # only buckets shared by two documents or more pair anything
        passage = np.flatnonzero(docs_in[bucket] > 1)
        reps = docs_in[bucket[passage]]
        total = int(reps.sum())
        offsets = np.repeat(first[bucket[passage]] - (np.cumsum(reps) - reps), reps) + np.arange(
            total, dtype=np.int64
        )
        k, d = np.repeat(passage, reps), bd_doc[offsets]
        other = d != own[k]  # a passage's own document is always in its bucket: counted below
        found.append(k[other] * ndoc + d[other])
    kd = _unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    k, d = kd // ndoc, kd % ndoc
    k_ok = ~skip[k]
    k, d = k[k_ok], d[k_ok]
    too_many = np.bincount(k, minlength=n) + 1 > max_docs  # + 1: the passage's own document
    skip |= too_many
    ok = ~too_many[k]
    k, d = k[ok], d[ok]
    me = own[k]
    lo = np.minimum(me, d)
    hi = np.maximum(me, d)
    uniq = _unique(lo * ndoc + hi)
    pairs = set(zip((uniq // ndoc).tolist(), (uniq % ndoc).tolist(), strict=True))
    return pairs, int(skip.sum())


@cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's own choice of bands ``b`` and rows per band ``r`` for this threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def near_duplicate_pairs(
    docs: Signatures, params: CandidateParams = CandidateParams()
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of documents whose signatures collide in the document LSH."""
    empty = np.all(docs.values == np.uint32(0xFFFFFFFF), axis=1)
    if not params.storage_config:
        keep = np.flatnonzero(~empty)
        lsh_b, lsh_r = lsh_bands(params.doc_threshold, docs.params.num_perm)
        kept = docs.values[keep]
        found = band_pairs(kept, lsh_b, lsh_r, params.max_bucket)
        if params.max_partners is not None:
            found = strongest_pairs(found, kept, params.max_partners)
        return {(int(keep[i]), int(keep[j])) for i, j in found}
    lsh = _lsh(params.doc_threshold, docs.params.num_perm, params, b"-doc")
    mhs = [to_minhash(row, docs.params) for row in docs.values]
    with lsh.insertion_session() as session:
        for i, m in enumerate(mhs):
            if not empty[i]:
                session.insert(i, m)
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(mhs):
        if empty[i]:
            continue
        for j in lsh.query(m):
            j = int(j)
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


@dataclass(frozen=True)
class Unsigned:
    """Shingle-hash sets not signed yet, with the parameters to sign them.

    The in-memory band index signs them one LSH band at a time (``r`` columns held at once,
    not ``num_perm``: a crawl's passages are hundreds of thousands); datasketch's storage
    needs whole signatures (:meth:`signed`).
    """

    params: SignatureParams
    hashes: Sequence[np.ndarray]

    def signed(self) -> Signatures:
        return Signatures(self.params, signatures(self.hashes, self.params), (), "passage")

    def bands(self, r: int) -> Callable[[int], np.ndarray]:
        """Band ``j``'s columns, ``j * r`` to ``(j + 1) * r``, signed when asked for."""
        mixed = premixed(self.hashes)
        return lambda j: signed(mixed, self.params, slice(j * r, (j + 1) * r))


def passage_pairs(
    passages: Signatures | Unsigned, owners: Sequence[int], params: CandidateParams = CandidateParams()
) -> set[tuple[int, int]]:
    """Document pairs ``(i, j)``, ``i < j``, with at least one colliding passage.

    ``owners[k]`` is the document index of passage row ``k``.
    """
    if not params.storage_config:
        lsh_b, lsh_r = lsh_bands(params.passage_threshold, passages.params.num_perm)
        values = passages.bands(lsh_r) if isinstance(passages, Unsigned) else passages.values
        found, dropped = banded_owner_sets(values, owners, lsh_b, lsh_r, params.max_docs_per_passage)
        if dropped:
            log.info("candidates: %d passages collide with too many documents and were not used", dropped)
        return found
    if isinstance(passages, Unsigned):
        passages = passages.signed()
    lsh = _lsh(params.passage_threshold, passages.params.num_perm, params, b"-passage")
    mhs = [to_minhash(row, passages.params) for row in passages.values]
    with lsh.insertion_session() as session:
        for k, m in enumerate(mhs):
            session.insert(k, m)
    pairs: set[tuple[int, int]] = set()
    skipped = 0
    for k, m in enumerate(mhs):
        docs = {int(owners[int(x)]) for x in lsh.query(m)}
        if len(docs) > params.max_docs_per_passage:
            skipped += 1
            continue
        me = int(owners[k])
        for d in docs:
            if d != me:
                pairs.add((min(me, d), max(me, d)))
    if skipped:
        log.info("candidates: %d passages collide with too many documents and were not used", skipped)
    return pairs


#: (n-gram, document) entries :func:`gram_pairs` sorts at once (bounds memory, not the result).
_PAIR_CHUNK = 1_000_000


def gram_pairs(
    grams: Sequence[np.ndarray], max_docs: int = 50, min_shared: int = 1
) -> dict[tuple[int, int], int]:
    """Document pairs sharing at least ``min_shared`` distinct word n-grams, with how many.

    An exact inverted index: ``grams[i]`` are document ``i``'s distinct n-gram hashes; every
    n-gram found in 2 to ``max_docs`` documents pairs them (one found in more is a stock
    phrase, not evidence, and would pair everything with everything: skipping it also bounds
    the work per n-gram).  Unlike a Jaccard band, it finds a 60-word brief inside an 800-word
    wire text as surely as two copies of one page.  Vectorised: the (n-gram, document) pairs
    are sorted once and the n-grams of each document count are expanded as one block.
    """
    if len(grams) < 2:
        return {}
    ordered = [np.unique(np.asarray(g, dtype=np.uint32)) for g in grams]
    ndoc = len(grams)
    # by ranges of n-gram hash values: an n-gram's documents all fall in its range, so the
    # pairs are the same, and a crawl's (n-gram, document) entries are never sorted at once
    found: list[tuple[np.ndarray, np.ndarray]] = []  # per range: pair codes and their counts
    for pieces in by_hash_range(ordered, _PAIR_CHUNK):
        codes = []
        h = np.concatenate(pieces)
        d = np.repeat(np.arange(ndoc, dtype=np.int64), [len(p) for p in pieces])
        order = np.lexsort((d, h))
        h, d = h[order], d[order]
        cut = np.flatnonzero(np.diff(h)) + 1
        starts = np.concatenate(([0], cut))
        sizes = np.diff(np.concatenate((starts, [len(h)])))
        for k in range(2, max_docs + 1):
            first = starts[sizes == k]
            if len(first) == 0:
                continue
            block = d[first[:, None] + np.arange(k)]  # (n-grams, k) documents, ascending per row
            a, b = np.triu_indices(k, 1)
            codes.append((block[:, a] * ndoc + block[:, b]).ravel())
        if codes:
            found.append(np.unique(np.concatenate(codes), return_counts=True))
    if not found:
        return {}
    out: dict[tuple[int, int], int] = {}
    for uniq, counts in _summed(found, ndoc * ndoc):
        keep = counts >= min_shared
        uniq, counts = uniq[keep], counts[keep]
        out.update(
            zip(
                zip((uniq // ndoc).tolist(), (uniq % ndoc).tolist(), strict=True),
                counts.tolist(),
                strict=True,
            )
        )
    return out


def _summed(
    found: Sequence[tuple[np.ndarray, np.ndarray]], limit: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Each code of the ``(sorted codes, counts)`` arrays in ``found`` once, with its counts
    summed, in ascending code order, a range of codes at a time (at most about
    :data:`_PAIR_CHUNK` entries merged at once: a crawl's pair codes are never merged whole)."""
    if len(found) == 1:
        yield found[0]
        return
    total = sum(len(u) for u, _ in found)
    parts = max(1, -(-total // _PAIR_CHUNK))
    bounds = [int(x) for x in np.linspace(0, limit, parts + 1)]
    bounds[-1] = limit
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        cuts = [(np.searchsorted(u, lo), np.searchsorted(u, hi)) for u, _ in found]
        codes = np.concatenate([u[a:b] for (u, _), (a, b) in zip(found, cuts, strict=True)])
        if not len(codes):
            continue
        weights = np.concatenate([c[a:b] for (_, c), (a, b) in zip(found, cuts, strict=True)])
        uniq, inverse = np.unique(codes, return_inverse=True)
        yield uniq, np.bincount(inverse.ravel(), weights=weights).astype(np.int64)


def candidate_pairs(
    docs: Signatures,
    passages: Signatures | Unsigned,
    owners: Sequence[int],
    params: CandidateParams = CandidateParams(),
) -> list[tuple[int, int]]:
    """Union of near-duplicate and passage (containment) candidates, sorted."""
    docs.check_compatible(docs)
    near = near_duplicate_pairs(docs, params)
    cont = passage_pairs(passages, owners, params)
    log.info("candidates: %d near-duplicate pairs, %d passage pairs", len(near), len(cont))
    return sorted(near | cont)
