"""Boilerplate is learned from repetition inside an outlet, never from phrase lists."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.boilerplate import BoilerplateParams, boilerplate_hashes, cross_group_hashes, token_mask
from provenance.fingerprint import shingles
from provenance.segment import tokens

BLURB = "Subscribe to the Daily Gazette newsletter to get the top stories in your inbox every morning."


def _story(i: int) -> str:
    words = " ".join(f"topic{i}word{k}" for k in range(40))
    return f"{words}\n{BLURB}"


def test_outlet_blurb_is_boilerplate_story_text_is_not() -> None:
    texts = [_story(i) for i in range(5)] + ["lonely page " + BLURB]
    outlets = ["gazette.example"] * 5 + ["other.example"]
    hashes = [shingles(tokens(t), 5) for t in texts]
    bp = boilerplate_hashes(hashes, outlets, BoilerplateParams())
    mask = token_mask(hashes[0], len(tokens(texts[0])), bp, 5)
    n_story = 40
    assert not mask[:n_story].any()
    assert mask[n_story:].all()
    # learned on one outlet, it also marks the same blurb on a page of another outlet
    other = token_mask(hashes[5], len(tokens(texts[5])), bp, 5)
    assert other[2:].all() and not other[:2].any()


def test_shared_story_across_outlets_is_not_boilerplate() -> None:
    story = _story(99)
    texts = [story] * 4
    hashes = [shingles(tokens(t), 5) for t in texts]
    bp = boilerplate_hashes(hashes, ["a.example", "b.example", "c.example", None], BoilerplateParams())
    assert len(bp) == 0


def test_unknown_outlets_never_pool() -> None:
    hashes = [shingles(tokens(BLURB), 5)] * 5
    assert len(boilerplate_hashes(hashes, [None] * 5)) == 0


def test_cross_group_hashes() -> None:
    a, b = np.array([1, 2, 3], np.uint32), np.array([3, 4], np.uint32)
    out = cross_group_hashes([a, b, a, np.array([3], np.uint32)], [0, 1, 0, 2], min_groups=3)
    assert out.tolist() == [3]


def _groups_holding(hash_sets: list[np.ndarray], groups: list[int], min_groups: int) -> np.ndarray:
    """The plain definition: each hash with the set of groups whose documents hold it."""
    seen: dict[int, set[int]] = {}
    for h, g in zip(hash_sets, groups, strict=True):
        for x in h.tolist():
            seen.setdefault(x, set()).add(g)
    return np.array(sorted(x for x, gs in seen.items() if len(gs) >= min_groups), dtype=np.uint32)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from([0, 1, 7, 2**31, 2**32 - 1, 12345]), max_size=6), st.integers(0, 4)
        ),
        max_size=8,
    ),
    st.integers(1, 3),
    st.sampled_from([1, 3, 4_000_000]),
)
def test_cross_group_hashes_counts_groups_in_any_number_of_ranges(
    docs: list[tuple[list[int], int]], min_groups: int, chunk: int
) -> None:
    import provenance.boilerplate as bp

    hash_sets = [np.array(h, dtype=np.uint32) for h, _ in docs]
    groups = [g for _, g in docs]
    old, bp._COUNT_CHUNK = bp._COUNT_CHUNK, chunk  # a small chunk: many ranges of hash values
    try:
        got = cross_group_hashes(hash_sets, groups, min_groups)
    finally:
        bp._COUNT_CHUNK = old
    assert got.dtype == np.uint32
    assert got.tolist() == _groups_holding(hash_sets, groups, min_groups).tolist()


def _learned(hash_sets: list[np.ndarray], outlets: list[str | None], params: BoilerplateParams) -> tuple:
    from provenance.boilerplate import learn_boilerplate

    got = learn_boilerplate(hash_sets, outlets, params)
    return got.shared.tolist(), {k: v.tolist() for k, v in got.by_outlet.items()}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from([0, 1, 7, 2**31, 2**32 - 1, 12345]), max_size=6),
            st.sampled_from([None, "a.example", "b.example", "c.example"]),
        ),
        max_size=12,
    ),
    st.integers(1, 3),
    st.sampled_from([1, 3, 5]),
)
def test_boilerplate_is_the_same_learned_in_any_number_of_batches(
    docs: list[tuple[list[int], str | None]], min_docs: int, chunk: int
) -> None:
    import provenance.boilerplate as bp

    hash_sets = [np.array(h, dtype=np.uint32) for h, _ in docs]
    outlets = [o for _, o in docs]
    params = BoilerplateParams(min_outlet_docs=min_docs, max_doc_fraction=0.3, min_docs_for_global=4)
    whole = _learned(hash_sets, outlets, params)
    old, bp._COUNT_CHUNK = bp._COUNT_CHUNK, chunk  # whole outlets a batch, a few hashes a range
    try:
        assert _learned(hash_sets, outlets, params) == whole
    finally:
        bp._COUNT_CHUNK = old
