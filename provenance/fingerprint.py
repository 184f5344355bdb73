"""Fingerprint stage: word-shingle hashes and MinHash signatures, vectorised over many texts.

Why our own MinHash loop when datasketch exists: ``MinHash.update`` applies all permutations to
one shingle per Python call, which is dominated by interpreter overhead.  Here the shingles of
many documents are hashed once, permuted as one ``(shingles, num_perm)`` numpy block and
min-reduced per document with ``np.minimum.reduceat``.  The result is bit-identical to
``datasketch.MinHash(num_perm, seed).update(shingle)`` for every shingle (same SHA-1 32-bit
hash, same MurmurHash3 pre-mix, same affine permutations drawn from the same seed), so the
signatures can go straight into datasketch's LSH indexes (and its Redis storage) and be
compared with sketches made elsewhere by datasketch.  ``tests/test_fingerprint.py`` proves the
equality.

Signatures are only meaningful together with the parameters that made them, so
:class:`Signatures` keeps them side by side and refuses comparisons across parameter sets
(:class:`~provenance.errors.SignatureMismatchError`).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import methodcaller
from typing import TYPE_CHECKING

import numpy as np

from .errors import SignatureMismatchError

if TYPE_CHECKING:
    from datasketch import MinHash

log = logging.getLogger(__name__)

#: datasketch's default permutation scheme since 2.0 (uint32 affine permutations).
SCHEME = "affine32"
_MAX_HASH = np.uint32(0xFFFFFFFF)
# MurmurHash3 32-bit finaliser constants, as datasketch's ``_fmix`` uses them.
_FMIX_M1 = np.uint32(0x85EBCA6B)
_FMIX_M2 = np.uint32(0xC2B2AE35)
# Shingles permuted per numpy block: ~block * num_perm * 4 bytes (512 KiB), which stays in cache.
_BLOCK = 1024
HASHES = ("sha1", "tok64")
_FNV_PRIME = np.uint64(0x100000001B3)
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_MASK64 = (1 << 64) - 1
_ENCODE = methodcaller("encode", "utf-8")
_DIGEST = methodcaller("digest")


@dataclass(frozen=True)
class SignatureParams:
    """What a signature depends on: permutations (``num_perm``, ``seed``) and shingle size.

    ``shingle`` is the number of normalised word tokens per shingle.  Stored beside every
    signature so that sketches made with other parameters are never compared by mistake.
    """

    num_perm: int = 128
    seed: int = 1
    shingle: int = 5
    hash: str = "sha1"  # "sha1": datasketch's default sha1_hash32; "tok64": fast_shingle_hash

    def __post_init__(self) -> None:
        if self.num_perm < 1 or self.shingle < 1:
            raise ValueError("num_perm and shingle must be positive")
        if self.hash not in HASHES:
            raise ValueError(f"unknown shingle hash {self.hash!r} (known: {', '.join(HASHES)})")


def shingle_strings(tokens: Sequence[str], size: int) -> list[str]:
    """Word ``size``-grams joined by one space; a text shorter than ``size`` is one shingle.

    Keeping short texts as a single shingle (instead of none) lets a short quotation still
    get a signature.
    """
    if not tokens:
        return []
    if len(tokens) <= size:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def hash_strings(strings: Iterable[str]) -> np.ndarray:
    """datasketch's ``sha1_hash32`` of each string's UTF-8 bytes, as a uint32 array."""
    return _hash_bytes(map(_ENCODE, strings))


def _hash_bytes(items: Iterable[bytes]) -> np.ndarray:
    # The first four digest bytes read little-endian, exactly like ``struct.unpack("<I", ...)``
    # in datasketch; the whole loop runs in C (map over hashlib), one frombuffer at the end.
    buf = b"".join(map(_DIGEST, map(hashlib.sha1, items)))
    return np.frombuffer(buf, dtype="<u4")[::5].astype(np.uint32)


def shingles(tokens: Sequence[str], size: int = 5) -> np.ndarray:
    """Hashes (uint32, same hash as datasketch) of the word ``size``-shingles of ``tokens``.

    A shingle is its words joined by one space (:func:`shingle_strings`).  Duplicates are kept
    in order: position ``i`` is the shingle starting at token ``i``, which the aligner relies
    on.  MinHash is insensitive to duplicates.  The shingles are cut as byte slices of the
    joined text, so no Python string is built per shingle.
    """
    if len(tokens) <= size:
        return hash_strings(shingle_strings(tokens, size))
    doc = " ".join(tokens).encode("utf-8")
    lens = np.fromiter(map(len, map(_ENCODE, tokens)), dtype=np.int64, count=len(tokens))
    starts = np.cumsum(lens + 1) - (lens + 1)
    ends = starts + lens
    n = len(tokens) - size + 1
    return _hash_bytes(map(doc.__getitem__, map(slice, starts[:n].tolist(), ends[size - 1 :].tolist())))


def _fmix32(hv: np.ndarray) -> np.ndarray:
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * _FMIX_M1
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * _FMIX_M2
    return hv ^ (hv >> np.uint32(16))


def permutations(params: SignatureParams) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` affine permutation parameters datasketch draws for ``params.seed``."""
    gen = np.random.RandomState(params.seed)
    a = gen.randint(0, 1 << 31, params.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, params.num_perm, dtype=np.uint32)
    return a, b


def signatures(
    hash_arrays: Sequence[np.ndarray], params: SignatureParams = SignatureParams(), perms: slice = slice(None)
) -> np.ndarray:
    """MinHash signatures ``(len(hash_arrays), num_perm)`` uint32 of many shingle-hash sets.

    Row ``i`` equals ``MinHash(num_perm, seed).hashvalues`` after ``update`` with every
    shingle behind ``hash_arrays[i]``; an empty set gives the all-``0xFFFFFFFF`` signature,
    like an empty datasketch MinHash.  (datasketch's affine32 scheme stores uint32, so do we.)
    ``perms`` (optional) computes only those permutations' columns (an LSH band's, say).
    """
    return signed(premixed(hash_arrays), params, perms)


def premixed(hash_arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The shingle hashes of many sets, pre-mixed as datasketch does, and each set's size:
    what :func:`signed` permutes (made once for several calls, e.g. one per LSH band)."""
    lengths = np.fromiter(map(len, hash_arrays), dtype=np.int64, count=len(hash_arrays))
    if not int(lengths.sum()):
        return np.zeros(0, dtype=np.uint32), lengths
    return _fmix32(np.concatenate([np.asarray(h, dtype=np.uint32) for h in hash_arrays if len(h)])), lengths


def signed(
    mixed: tuple[np.ndarray, np.ndarray],
    params: SignatureParams = SignatureParams(),
    perms: slice = slice(None),
) -> np.ndarray:
    """:func:`signatures` of :func:`premixed` hash sets.

    Every shingle of the batch is permuted in one pass over blocks of shingles laid out
    permutation-major (``(permutations, block)``, about ``_BLOCK * num_perm`` values), so the
    per-document minimum is a reduction along contiguous memory (``np.minimum.reduceat``
    along the rows is ~20x faster than down the columns); a document running over a block
    boundary is folded into its row with ``np.minimum``.  The block buffer is allocated once
    and stays in cache.
    """
    hv, lengths = mixed
    a, b = permutations(params)
    a, b = a[perms, None], b[perms, None]
    n, total = len(lengths), len(hv)
    out = np.full((n, len(a)), _MAX_HASH, dtype=np.uint32)
    if n == 0 or total == 0:
        return out
    docs = np.flatnonzero(lengths)  # empty sets keep the empty signature
    starts = np.concatenate(([0], np.cumsum(lengths[docs])))
    block = max(1, _BLOCK * params.num_perm // max(1, len(a)))  # the same buffer size for a band
    buf = np.empty((len(a), min(block, total)), dtype=np.uint32)
    for s in range(0, total, block):
        e = min(s + block, total)
        blk = buf[:, : e - s]
        np.multiply(a, hv[s:e], out=blk)
        blk += b  # uint32 wrap-around is the intended modulo 2**32
        # the documents with shingles in [s, e), and where each starts inside the block
        first = int(np.searchsorted(starts, s, "right")) - 1
        last = int(np.searchsorted(starts, e, "left"))
        offsets = np.maximum(starts[first:last], s) - s
        mins = np.minimum.reduceat(blk, offsets, axis=1).T
        rows = docs[first:last]
        if starts[first] < s:  # continues from the previous block
            np.minimum(mins[0], out[rows[0]], out=mins[0])
        out[rows] = mins
    return out


def to_minhash(row: np.ndarray, params: SignatureParams = SignatureParams(), lean: bool = True) -> MinHash:
    """A datasketch (Lean)MinHash carrying ``row``, for datasketch's LSH indexes and storage.

    (datasketch is imported here, not with the module: importing it pulls in scipy, half a
    second that a run answered from the caches never needs.)
    """
    from datasketch import LeanMinHash, MinHash

    if len(row) != params.num_perm:
        raise SignatureMismatchError(
            f"signature has {len(row)} values, params say num_perm={params.num_perm}"
        )
    if lean:  # cheap path: no permutations needed to index or compare
        return LeanMinHash(seed=params.seed, hashvalues=np.asarray(row, dtype=np.uint32), scheme=SCHEME)
    a, b = permutations(params)
    return MinHash(
        num_perm=params.num_perm,
        seed=params.seed,
        hashvalues=np.asarray(row, dtype=np.uint32),
        permutations=np.array([a, b]),
        scheme=SCHEME,
    )


@dataclass(frozen=True, eq=False)
class Signatures:
    """A block of signatures with the parameters that made them (never one without the other).

    ``level`` says what a row stands for ("document", "passage", "quotation"); ``keys`` names
    each row (an article id, or ``(article id, start, end)`` for passages).
    """

    params: SignatureParams
    values: np.ndarray
    keys: tuple[object, ...] = ()
    level: str = "document"

    def check_compatible(self, other: Signatures) -> None:
        """Raise :class:`SignatureMismatchError` unless both were made with the same parameters."""
        if self.params != other.params:
            raise SignatureMismatchError(
                f"signatures made with {self.params} cannot be compared with {other.params}"
            )

    def jaccard(self, i: int, other: Signatures, j: int) -> float:
        """Estimated Jaccard similarity of row ``i`` here and row ``j`` of ``other``."""
        self.check_compatible(other)
        return float(np.mean(self.values[i] == other.values[j]))


def document_signatures(
    token_lists: Sequence[Sequence[str]],
    params: SignatureParams = SignatureParams(),
    keys: Sequence[object] = (),
) -> Signatures:
    """Shingle and sign many token lists at once (document, passage or quotation level)."""
    arrays = shingle_hashes_batch(token_lists, params)
    return Signatures(params, signatures(arrays, params), tuple(keys))


def estimate_jaccard(
    a: np.ndarray, b: np.ndarray, params_a: SignatureParams, params_b: SignatureParams
) -> float:
    """Jaccard estimate of two signature rows, refusing rows made with different parameters."""
    if params_a != params_b:
        raise SignatureMismatchError(f"signatures made with {params_a} cannot be compared with {params_b}")
    return float(np.mean(np.asarray(a) == np.asarray(b)))


# --- the fast shingle hash ---------------------------------------------------------------
# SHA-1 of every shingle costs ~1 us each and bounds end-to-end MinHash speed.  ``tok64``
# hashes each *distinct token* once (datasketch's sha1_hash32), folds a shingle's token
# hashes with 64-bit FNV-1a steps and a MurmurHash3 finaliser, all vectorised.  It is a plain
# function of the shingle's bytes (:func:`fast_shingle_hash`), so datasketch given it as
# ``hashfunc`` produces exactly our signatures; but signatures made with it are comparable
# only with others made with it, which ``SignatureParams.hash`` records.


def _fmix64(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _MASK64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _MASK64
    return h ^ (h >> 33)


def fast_shingle_hash(shingle: bytes) -> int:
    """The ``tok64`` hash of one shingle (its tokens joined by single spaces), as datasketch's
    ``hashfunc``: the scalar twin of :func:`fast_shingles`."""
    from datasketch.hashfunc import sha1_hash32

    h = int(_FNV_OFFSET)
    for tok in shingle.split(b" "):
        h = ((h ^ sha1_hash32(tok)) * int(_FNV_PRIME)) & _MASK64
    return _fmix64(h) & 0xFFFFFFFF


def _vfmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def fast_shingles(tokens: Sequence[str], size: int = 5) -> np.ndarray:
    """``tok64`` hashes (uint32) of the word ``size``-shingles of ``tokens``, in order.

    Same shingling convention as :func:`shingles` (a text of at most ``size`` tokens is one
    shingle); each distinct token is SHA-1 hashed once, the rest is numpy.
    """
    return fast_shingles_batch([tokens], size)[0]


def size_batches(
    sizes: Sequence[int], at_once: int, cut_at: Sequence[bool] | None = None
) -> Iterator[tuple[int, int]]:
    """Consecutive ranges ``[start, stop)`` of items whose sizes sum to about ``at_once`` (an
    item larger than that is a range of its own), so work over many items is done a bounded
    batch at a time; ``cut_at[k]`` false keeps item ``k`` in the range of the one before (a
    group of items is never split)."""
    start, total = 0, 0
    for k, size in enumerate(sizes):
        if k > start and total + size > at_once and (cut_at is None or cut_at[k]):
            yield start, k
            start, total = k, 0
        total += int(size)
    if start < len(sizes):
        yield start, len(sizes)


#: Tokens :func:`fast_shingles_batch` folds at once (its working arrays are ~40 bytes a token).
_TOKENS_AT_ONCE = 1 << 20


def fast_shingles_batch(token_lists: Sequence[Sequence[str]], size: int = 5) -> list[np.ndarray]:
    """:func:`fast_shingles` of many documents, hashing each distinct token of a batch of
    documents (about :data:`_TOKENS_AT_ONCE` tokens) once: news vocabularies repeat, so a batch
    costs far fewer SHA-1 calls, and a crawl's tokens are never folded at once."""
    out: list[np.ndarray] = []
    for start, stop in size_batches([len(t) for t in token_lists], _TOKENS_AT_ONCE):
        out.extend(_fast_batch(token_lists[start:stop], size))
    return out


def _fast_batch(token_lists: Sequence[Sequence[str]], size: int) -> list[np.ndarray]:
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    n = int(lengths.sum())
    # Each token gets the position of its first occurrence as id (dict.setdefault over a
    # counter, all in C); the distinct tokens are hashed once and looked up by that id.
    distinct: dict[str, int] = {}
    ids = np.fromiter(
        map(distinct.setdefault, itertools.chain.from_iterable(token_lists), itertools.count()),
        dtype=np.int64,
        count=n,
    )
    table = np.zeros(n, dtype=np.uint64)
    table[np.fromiter(distinct.values(), dtype=np.int64, count=len(distinct))] = hash_strings(distinct)
    th = table[ids]
    # Fold every position of the concatenated batch at once; a document keeps the shingles
    # that start inside it and do not run past its end.
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    for k in range(size):
        h[: n - k] ^= th[k:]
        h[: n - k] *= _FNV_PRIME  # uint64 wrap-around is the intended modulo 2**64
    folded = (_vfmix64(h) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    starts = np.cumsum(lengths) - lengths
    out = []
    for toks, start, length in zip(token_lists, starts.tolist(), lengths.tolist(), strict=True):
        if length == 0:
            out.append(np.zeros(0, dtype=np.uint32))
        elif length < size:  # a short text is one shingle of all its tokens
            out.append(fast_short(toks))
        else:
            out.append(folded[start : start + length - size + 1])
    return out


def fast_short(tokens: Sequence[str]) -> np.ndarray:
    """The single ``tok64`` shingle of a text shorter than the shingle size."""
    return np.array([fast_shingle_hash(" ".join(tokens).encode("utf-8"))], dtype=np.uint32)


def shingle_hashes(tokens: Sequence[str], params: SignatureParams) -> np.ndarray:
    """Shingle hashes of ``tokens`` with the hash ``params`` names."""
    return shingle_hashes_batch([tokens], params)[0]


def shingle_hashes_batch(token_lists: Sequence[Sequence[str]], params: SignatureParams) -> list[np.ndarray]:
    """Shingle hashes of many token lists with the hash ``params`` names."""
    if params.hash == "tok64":
        return fast_shingles_batch(token_lists, params.shingle)
    return [shingles(t, params.shingle) for t in token_lists]


def by_hash_range(arrays: Sequence[np.ndarray], at_once: int) -> Iterator[list[np.ndarray]]:
    """The sorted 32-bit hash ``arrays`` cut into ranges of hash values, one range at a time:
    for each range, every array's slice in it (views, no copy).

    A count over all documents' hashes (how many groups hold a hash, which documents share
    one) gives the same result range by range, since equal hashes fall in one range; with
    about ``at_once`` hashes a range, a crawl's hashes are never copied or sorted all at once.
    """
    total = sum(len(a) for a in arrays)
    parts = max(1, -(-total // at_once))
    bounds = [int(x) for x in np.linspace(0, 1 << 32, parts + 1)]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        yield [a[np.searchsorted(a, lo) : np.searchsorted(a, hi)] for a in arrays]
