"""Pairwise evidence (matches[]): containment each way on each text's own length, quoted
overlap weighed apart, and a floor below which two texts merely share a phrase."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.align import doc_tokens
from provenance.fingerprint import shingles
from provenance.overlap import OverlapParams, content_text, covered, measure

WIRE = (
    "The Harbour City council voted seven to four on Tuesday night to build a movable flood barrier "
    "across the mouth of the Estuary River, ending a two-year argument over how to protect the lower "
    "town. The barrier, a row of steel gates that can be raised from the riverbed when a storm surge "
    "is forecast, will cost an estimated 84 million dollars and take four years to complete, "
    "engineers said on Wednesday. Opponents argued that the cost would fall on households through "
    "higher property taxes and that the gates could harm the fish that migrate up the river each "
    "spring. The mayor said the first contracts would be signed before the summer and that work on "
    "the northern bank would start in the autumn, weather permitting. A public meeting on the "
    "route of the construction traffic is planned for next month at the town hall."
)
BRIEF = (
    "The barrier, a row of steel gates that can be raised from the riverbed when a storm surge is "
    "forecast, will cost an estimated 84 million dollars and take four years to complete, engineers "
    "said on Wednesday."
)


def _text(s: str, n: int = 3):  # type: ignore[no-untyped-def]
    d = doc_tokens(s)
    return content_text(d, shingles(list(d.tokens), n), n)


def test_a_brief_inside_a_long_wire_text_is_a_full_copy_of_the_brief() -> None:
    m = measure(0, 1, _text(WIRE), _text(BRIEF))
    assert m is not None
    assert m.containment_second_in_first == 1.0
    assert m.containment_first_in_second < 0.35
    assert m.kind == "containment"
    assert m.quoted_share == 0.0
    assert 0 < m.jaccard < 0.35
    assert m.aligned_chars == len(BRIEF) - 1  # the brief's words, first to last (no final stop)


def test_texts_sharing_only_a_quotation_are_a_quote_match() -> None:
    quote = "We have spent two winters watching water come through people's front doors"
    a = f"The council met on Tuesday. “{quote},” the mayor said. The vote was close and long."
    b = f"Farmers marched through the square on Friday. One of them shouted: “{quote}.” Police watched."
    m = measure(0, 1, _text(a), _text(b))
    assert m is not None and m.kind == "quote" and m.quoted_share >= 0.8


def test_a_shared_phrase_is_below_the_floor() -> None:
    a = "The trial, expected to last two weeks, was adjourned until tomorrow."
    b = "In other news the weather was fine and the match was adjourned until tomorrow by the referee."
    assert measure(0, 1, _text(a), _text(b)) is None
    assert measure(0, 1, _text(a), _text(b), OverlapParams(min_words=3, min_containment=0.0)) is not None


def _brute(a: list[str], b: list[str], n: int) -> list[bool]:
    """Words of ``a`` inside an n-gram of ``a`` that ``b`` also has (both longer than n)."""
    grams_b = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    out = [False] * len(a)
    for i in range(len(a) - n + 1):
        if tuple(a[i : i + n]) in grams_b:
            for k in range(i, i + n):
                out[k] = True
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from("abcde"), min_size=4, max_size=40),
    st.lists(st.sampled_from("abcde"), min_size=4, max_size=40),
)
def test_coverage_is_the_words_inside_shared_ngrams(a: list[str], b: list[str]) -> None:
    ta, tb = _text(" ".join(a)), _text(" ".join(b))
    assert covered(ta, tb).tolist() == _brute(a, b, 3)


def test_coverage_ignores_boilerplate_words() -> None:
    rng = random.Random(3)
    words = [f"w{rng.randrange(50)}" for _ in range(60)]
    d = doc_tokens(" ".join(words))
    bp = np.zeros(len(d.tokens), dtype=bool)
    bp[:20] = True
    content = [t for t, m in zip(d.tokens, bp, strict=True) if not m]
    t = content_text(type(d)(d.text, d.tokens, d.starts, d.ends, bp, d.quoted), shingles(content, 3), 3)
    assert t.words == 40 and t.starts[0] == d.starts[20]
