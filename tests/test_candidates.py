"""Candidates: near-duplicates and containment both surface; unrelated pairs do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.candidates import CandidateParams, candidate_pairs
from provenance.fingerprint import SignatureParams, Signatures, shingles, signatures
from provenance.segment import sentence_spans, tokens

FIX = Path(__file__).parent / "fixtures" / "reuse"


def _texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(FIX.glob("*.txt"))}


def _index(texts: list[str]) -> tuple[Signatures, Signatures, list[int]]:
    dp, pp = SignatureParams(shingle=5), SignatureParams(shingle=3)
    docs = Signatures(dp, signatures([shingles(tokens(t), 5) for t in texts], dp))
    hashes, owners = [], []
    for i, t in enumerate(texts):
        for s, e in sentence_spans(t):
            toks = tokens(t[s:e])
            if len(toks) >= 6:
                hashes.append(shingles(toks, 3))
                owners.append(i)
    return docs, Signatures(pp, signatures(hashes, pp)), owners


def test_duplicate_containment_and_partial_are_candidates() -> None:
    t = _texts()
    names = ["original", "verbatim", "partial", "independent", "quote_only"]
    docs, passages, owners = _index([t[n] for n in names])
    pairs = set(candidate_pairs(docs, passages, owners, CandidateParams()))
    assert (0, 1) in pairs  # verbatim copy
    assert (0, 2) in pairs  # one paragraph inside a new article
    assert (0, 3) not in pairs  # same topic, own words


def test_short_text_inside_long_one() -> None:
    t = _texts()["original"]
    para = t.split("\n\n")[2]
    docs, passages, owners = _index([t, para])
    assert (0, 1) in candidate_pairs(docs, passages, owners)


def test_storage_config_is_passed_to_datasketch() -> None:
    t = _texts()
    docs, passages, owners = _index([t["original"], t["verbatim"]])
    with pytest.raises(Exception):  # noqa: B017 - an unknown storage type must not be silently ignored
        candidate_pairs(docs, passages, owners, CandidateParams(storage_config={"type": "nosuchstore"}))


def test_gram_index_pairs_a_brief_with_its_source_and_counts_shared_ngrams() -> None:
    import numpy as np

    from provenance.candidates import gram_pairs

    t = _texts()
    brief = " ".join(tokens(t["original"])[40:100])  # a 60-word brief cut from the original
    docs = [t["original"], brief, t["independent"]]
    grams = [np.unique(shingles(tokens(x), 3)) for x in docs]
    found = gram_pairs(grams, max_docs=50, min_shared=5)
    assert (0, 1) in found and found[(0, 1)] >= 50
    assert (1, 2) not in found
    # exact: the count is the number of distinct n-grams both documents have
    for (i, j), count in found.items():
        assert count == len(np.intersect1d(grams[i], grams[j]))


def test_gram_index_skips_ngrams_in_too_many_documents() -> None:
    import numpy as np

    from provenance.candidates import gram_pairs

    common = np.array([1, 2, 3], dtype=np.uint32)  # in every document: a stock phrase
    grams = [np.union1d(common, np.array([100 + i], dtype=np.uint32)) for i in range(6)]
    grams[5] = np.union1d(grams[5], np.array([100], dtype=np.uint32))  # shares one rare n-gram with 0
    assert gram_pairs(grams, max_docs=5, min_shared=1) == {(0, 5): 1}
    assert len(gram_pairs(grams, max_docs=6, min_shared=1)) == 15


def _gram_pairs_by_definition(grams: list, max_docs: int, min_shared: int) -> dict:
    holders: dict[int, set[int]] = {}
    for i, g in enumerate(grams):
        for x in g.tolist():
            holders.setdefault(x, set()).add(i)
    counts: dict[tuple[int, int], int] = {}
    for docs in holders.values():
        if 2 <= len(docs) <= max_docs:
            ds = sorted(docs)
            for k, a in enumerate(ds):
                for b in ds[k + 1 :]:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    return {p: c for p, c in counts.items() if c >= min_shared}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sets(st.sampled_from([0, 5, 9, 2**31, 2**32 - 1, 77, 1234]), max_size=6), max_size=7),
    st.integers(2, 4),
    st.integers(1, 2),
    st.sampled_from([1, 3, 4_000_000]),
)
def test_gram_pairs_in_any_number_of_hash_ranges_match_the_definition(
    sets: list, max_docs: int, min_shared: int, chunk: int
) -> None:
    import numpy as np

    import provenance.candidates as cand

    grams = [np.array(sorted(s), dtype=np.uint32) for s in sets]
    old, cand._PAIR_CHUNK = cand._PAIR_CHUNK, chunk  # small: many ranges of hash values
    try:
        got = cand.gram_pairs(grams, max_docs=max_docs, min_shared=min_shared)
    finally:
        cand._PAIR_CHUNK = old
    want = _gram_pairs_by_definition(grams, max_docs, min_shared) if len(grams) >= 2 else {}
    assert got == want
