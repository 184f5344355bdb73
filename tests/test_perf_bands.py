"""The numpy band index must answer exactly like datasketch's MinHashLSH (the default
in-memory candidate path uses it; ``storage_config={"type": "dict"}`` forces datasketch)."""

from __future__ import annotations

import numpy as np
import pytest

from provenance.candidates import CandidateParams, near_duplicate_pairs, passage_pairs
from provenance.fingerprint import SignatureParams, Signatures

DATASKETCH = CandidateParams(storage_config={"type": "dict"})


def _signatures(seed: int, n: int, num_perm: int = 128) -> np.ndarray:
    """Random rows where many rows copy some bands of earlier rows (so buckets collide),
    a few are exact copies, and a block of template rows shares one band with many others."""
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 2**32, size=(n, num_perm), dtype=np.uint64).astype(np.uint32)
    for i in range(1, n):
        if rng.random() < 0.5:
            j = int(rng.integers(0, i))
            cols = rng.random(num_perm) < rng.random()
            values[i, cols] = values[j, cols]
    values[n // 2] = values[n // 3]
    values[n // 4 : n // 4 + 80, :5] = values[0, :5]  # one bucket with 80 rows (> max_docs)
    return values


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_passage_pairs_equal_datasketch(seed: int) -> None:
    values = _signatures(seed, 600)
    rng = np.random.default_rng(seed + 10)
    owners = sorted(rng.integers(0, 150, size=len(values)).tolist())
    sigs = Signatures(SignatureParams(shingle=3), values)
    for limit in (3, 50):
        ours = passage_pairs(sigs, owners, CandidateParams(max_docs_per_passage=limit))
        theirs = passage_pairs(
            sigs, owners, CandidateParams(max_docs_per_passage=limit, storage_config={"type": "dict"})
        )
        assert ours == theirs
        assert ours  # the comparison is not vacuous


@pytest.mark.parametrize("seed", [0, 3])
def test_near_duplicate_pairs_equal_datasketch(seed: int) -> None:
    values = _signatures(seed, 300)
    values[7] = np.uint32(0xFFFFFFFF)  # empty documents are never paired
    values[8] = np.uint32(0xFFFFFFFF)
    sigs = Signatures(SignatureParams(), values)
    for threshold in (0.3, 0.5, 0.8):
        exact = CandidateParams(doc_threshold=threshold, max_bucket=None, max_partners=None)
        ours = near_duplicate_pairs(sigs, exact)
        theirs = near_duplicate_pairs(
            sigs, CandidateParams(doc_threshold=threshold, storage_config={"type": "dict"})
        )
        assert ours == theirs
        assert ours


def test_empty_inputs() -> None:
    sigs = Signatures(SignatureParams(), np.zeros((0, 128), dtype=np.uint32))
    assert passage_pairs(sigs, []) == set()
    assert near_duplicate_pairs(sigs) == set()


def test_a_large_story_pairs_each_version_with_its_nearest_not_all() -> None:
    """A cluster of 400 near-identical versions: pairs grow linearly (each version keeps at
    most ``max_partners`` of its own choosing, and still has some), while a small cluster
    keeps every pair."""
    rng = np.random.default_rng(4)
    base = rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
    big = np.tile(base, (400, 1))
    edits = rng.random(big.shape) < 0.1
    big[edits] = rng.integers(0, 2**32, size=int(edits.sum()), dtype=np.uint64).astype(np.uint32)
    small = np.tile(rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32), (10, 1))
    sigs = Signatures(SignatureParams(), np.vstack([big, small]))
    params = CandidateParams(max_bucket=32, max_partners=16)
    pairs = near_duplicate_pairs(sigs, params)
    degree = np.bincount(np.array(sorted(pairs)).ravel(), minlength=410)
    assert len(pairs) <= 400 * 16
    assert (degree[:400] > 0).all()
    assert {(i, j) for i, j in pairs if i >= 400} == {
        (i, j) for i in range(400, 410) for j in range(i + 1, 410)
    }
    exact = near_duplicate_pairs(sigs, CandidateParams(max_bucket=None, max_partners=None))
    assert pairs < exact and len(exact) > 400 * 100


@pytest.mark.parametrize("seed", [0, 1])
def test_passages_signed_a_band_at_a_time_pair_like_datasketch(seed: int) -> None:
    """Unsigned passages (signed one band at a time, 5 columns held) pair exactly as their
    whole signatures do in datasketch's LSH."""
    from provenance.candidates import Unsigned
    from provenance.fingerprint import signatures

    rng = np.random.default_rng(seed)
    pool = rng.integers(0, 2**32, size=400, dtype=np.uint64).astype(np.uint32)
    # passages drawn from a small pool of shingles, so that many share most of theirs
    hashes = [pool[rng.integers(0, 40 + 5 * (k % 50), size=int(rng.integers(0, 12)))] for k in range(500)]
    owners = sorted(rng.integers(0, 120, size=len(hashes)).tolist())
    params = SignatureParams(shingle=3)
    whole = Signatures(params, signatures(hashes, params))
    assert np.array_equal(whole.values[:, 10:15], signatures(hashes, params, slice(10, 15)))
    for limit in (3, 50):
        ours = passage_pairs(Unsigned(params, hashes), owners, CandidateParams(max_docs_per_passage=limit))
        theirs = passage_pairs(
            whole, owners, CandidateParams(max_docs_per_passage=limit, storage_config={"type": "dict"})
        )
        assert ours == theirs
        assert ours
        stored = passage_pairs(
            Unsigned(params, hashes),
            owners,
            CandidateParams(max_docs_per_passage=limit, storage_config={"type": "dict"}),
        )
        assert stored == theirs
