"""Quotations shared across articles."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.attribution.quote_reuse import (
    LSH_THRESHOLD,
    NUM_PERM,
    SEED,
    _Cand,
    _shingles,
    _similar,
    find_shared_quotes,
)
from provenance.attribution.quotes import extract_quotes
from provenance.models import Article

A = 'Fuad Hussein spoke. "The worsening situation could directly impact security in both Syria and Iraq," Hussein stated.'
B = "Mr Hussein said “the worsening situation could directly impact security in both Syria and Iraq” on Friday."
C = "An unrelated story. The mayor said “potholes are being fixed this week across the city”."
LONG = (
    "We are seeing ISIS reorganise its ranks, taking advantage of the chaos caused by the collapse of the "
    "Syrian army and the withdrawal of forces to the eastern side of the river"
)
D = f'Fuad Hussein warned: "{LONG}," he said.'
# E trims the quotation at both ends and does not mark it as a quote
E = "Reports say ISIS is " + LONG[len("We are seeing ISIS ") : -len(" of the river")] + ". Nothing else."


def _run(texts: dict[str, str]):
    quotes = {k: extract_quotes(Article(id=k, path=k, text=v)) for k, v in texts.items()}
    order = {k: (i,) for i, k in enumerate(texts)}
    return find_shared_quotes(quotes, texts, lambda k: order[k])


def test_short_quote_exact_containment() -> None:
    shared = _run({"a": A, "b": B, "c": C})
    assert len(shared) == 1
    s = shared[0]
    assert s.first_article == "a"
    assert s.text.startswith("the worsening situation")
    assert {o.article for o in s.occurrences} == {"a", "b"}
    assert "Fuad Hussein" in s.speakers


def test_first_article_follows_order_key() -> None:
    shared = _run({"b": B, "a": A})
    assert shared[0].first_article == "b"


def test_long_quote_trimmed_copy() -> None:
    shared = _run({"d": D, "e": E})
    assert len(shared) == 1
    occ = {o.article: o for o in shared[0].occurrences}
    assert set(occ) == {"d", "e"}
    s, e = occ["e"].span
    assert "reorganise its ranks" in E[s:e]


def test_short_generic_quotes_ignored() -> None:
    assert _run({"x": 'He said "no way".', "y": 'She said "no way".'}) == []


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(list("abcdefghijklmnop")), min_size=12, max_size=30), min_size=2, max_size=12
    ),
    st.randoms(use_true_random=False),
)
def test_long_quotation_pairs_are_datasketch_lsh_pairs(
    word_lists: list[list[str]], rnd: random.Random
) -> None:
    """The band index gives exactly the pairs datasketch's MinHashLSH returns (trimmed
    variants of one quotation included, so that pairs exist)."""
    from datasketch import MinHash, MinHashLSH

    quotes = [w[rnd.randrange(3) :] for w in word_lists] + [
        w[: len(w) - rnd.randrange(3)] for w in word_lists
    ]
    cands = [_Cand(f"a{i}", (0, 1), None, tuple(w)) for i, w in enumerate(quotes)]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sketches = []
    for i, c in enumerate(cands):
        m = MinHash(num_perm=NUM_PERM, seed=SEED)
        m.update_batch([g.encode("utf-8") for g in _shingles(c.words)])
        lsh.insert(i, m)
        sketches.append(m)
    expected = sorted(
        {(min(i, j), max(i, j)) for i, m in enumerate(sketches) for j in lsh.query(m) if j != i}
    )
    assert _similar(cands) == expected
