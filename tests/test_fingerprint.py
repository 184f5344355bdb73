"""Vectorised MinHash must equal datasketch's per-shingle update, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.errors import SignatureMismatchError
from provenance.fingerprint import (
    SignatureParams,
    Signatures,
    estimate_jaccard,
    fast_shingles_batch,
    hash_strings,
    shingle_strings,
    shingles,
    signatures,
    to_minhash,
)
from provenance.segment import tokens

TEXTS = [
    "The council voted seven to four on Tuesday night to build a movable flood barrier.",
    "",
    "short",
    "Één café — “quoted” naïve text, with accents and ’curly’ quotes; numbers 1 2 3 4 5 6 7 8 9.",
    " ".join(f"w{i}" for i in range(3000)),
]


def _datasketch(toks: list[str], params: SignatureParams) -> np.ndarray:
    m = MinHash(num_perm=params.num_perm, seed=params.seed)
    for s in shingle_strings(toks, params.shingle):
        m.update(s.encode("utf-8"))
    return m.hashvalues


@pytest.mark.parametrize("params", [SignatureParams(), SignatureParams(num_perm=64, seed=7, shingle=3)])
def test_signatures_equal_datasketch(params: SignatureParams) -> None:
    toks = [tokens(t) for t in TEXTS]
    sig = signatures([shingles(t, params.shingle) for t in toks], params)
    assert sig.shape == (len(TEXTS), params.num_perm)
    for row, t in zip(sig, toks, strict=True):
        assert np.array_equal(row, _datasketch(t, params))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=6), max_size=40), min_size=1, max_size=5))
def test_signatures_equal_datasketch_property(docs: list[list[str]]) -> None:
    params = SignatureParams(num_perm=32, seed=3, shingle=2)
    sig = signatures([shingles(d, params.shingle) for d in docs], params)
    for row, d in zip(sig, docs, strict=True):
        assert np.array_equal(row, _datasketch(d, params))


def test_hash_is_datasketch_sha1_hash32() -> None:
    from datasketch.hashfunc import sha1_hash32

    strs = ["a b c", "naïve “x”", ""]
    assert hash_strings(strs).tolist() == [sha1_hash32(s.encode("utf-8")) for s in strs]


def test_to_minhash_works_in_datasketch_lsh() -> None:
    params = SignatureParams()
    toks = [tokens(t) for t in TEXTS[:1] * 2 + TEXTS[3:4]]
    sig = signatures([shingles(t, 5) for t in toks], params)
    lsh = MinHashLSH(threshold=0.8, num_perm=params.num_perm)
    lsh.insert("a", to_minhash(sig[0], params))
    assert lsh.query(to_minhash(sig[1], params)) == ["a"]
    assert lsh.query(to_minhash(sig[2], params)) == []
    full = to_minhash(sig[0], params, lean=False)
    assert full.jaccard(to_minhash(sig[1], params, lean=False)) == 1.0


def test_mismatched_params_refused() -> None:
    a, b = SignatureParams(shingle=5), SignatureParams(shingle=3)
    sa = Signatures(a, signatures([shingles(["x", "y"], 5)], a))
    sb = Signatures(b, signatures([shingles(["x", "y"], 3)], b))
    with pytest.raises(SignatureMismatchError):
        sa.jaccard(0, sb, 0)
    with pytest.raises(SignatureMismatchError):
        estimate_jaccard(sa.values[0], sb.values[0], a, b)
    with pytest.raises(SignatureMismatchError):
        to_minhash(sa.values[0][:10], a)
    assert sa.jaccard(0, sa, 0) == 1.0


def test_short_text_is_one_shingle() -> None:
    assert shingle_strings(["a", "b"], 5) == ["a b"]
    assert shingle_strings([], 5) == []
    assert len(shingles(["a", "b", "c", "d", "e", "f"], 5)) == 2


def test_fast_hash_signatures_equal_datasketch_given_the_same_hash() -> None:
    from provenance.fingerprint import fast_shingle_hash, shingle_hashes

    params = SignatureParams(hash="tok64")
    for t in TEXTS:
        toks = tokens(t)
        ours = signatures([shingle_hashes(toks, params)], params)[0]
        m = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=fast_shingle_hash)
        for s in shingle_strings(toks, params.shingle):
            m.update(s.encode("utf-8"))
        assert np.array_equal(ours, m.hashvalues)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdé“ 1", min_size=1, max_size=5).filter(lambda w: " " not in w), max_size=30)
)
def test_fast_shingles_match_their_scalar_twin(words: list[str]) -> None:
    from provenance.fingerprint import fast_shingle_hash, fast_shingles

    got = fast_shingles(words, 3).tolist()
    assert got == [fast_shingle_hash(s.encode("utf-8")) for s in shingle_strings(words, 3)]


def test_unknown_hash_is_refused() -> None:
    with pytest.raises(ValueError):
        SignatureParams(hash="md5")


def test_trace_path_equals_datasketch_across_blocks() -> None:
    """The batch path ``trace`` uses (tok64, many documents signed at once): documents that
    run over a permutation block, empty ones between them, and one-shingle texts each equal
    datasketch given the same hash function."""
    from provenance.fingerprint import _BLOCK, fast_shingle_hash, shingle_hashes_batch

    params = SignatureParams(hash="tok64")
    rng = np.random.default_rng(5)
    vocab = [f"v{i}" for i in range(400)]
    sizes = [0, _BLOCK - 3, 2, 0, 3 * _BLOCK + 7, 1, _BLOCK + 1, 0, 40]
    docs = [[vocab[k] for k in rng.integers(0, len(vocab), n)] for n in sizes]
    sig = signatures(shingle_hashes_batch(docs, params), params)
    for row, toks in zip(sig, docs, strict=True):
        m = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=fast_shingle_hash)
        for s in shingle_strings(toks, params.shingle):
            m.update(s.encode("utf-8"))
        assert np.array_equal(row, m.hashvalues)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["a", "b", "c", "dé", "e"]), max_size=12), max_size=8),
    st.sampled_from([1, 3, 7, 1 << 20]),
)
def test_fast_shingles_are_the_same_in_any_batches(docs: list[list[str]], at_once: int) -> None:
    """Documents folded a few tokens at a time give each document's own hashes."""
    import provenance.fingerprint as fp

    old, fp._TOKENS_AT_ONCE = fp._TOKENS_AT_ONCE, at_once
    try:
        got = fast_shingles_batch(docs, 3)
    finally:
        fp._TOKENS_AT_ONCE = old
    want = [[fp.fast_shingle_hash(s.encode("utf-8")) for s in shingle_strings(d, 3)] for d in docs]
    assert [g.tolist() for g in got] == want
