"""Shared claims through one sparse product give what a sentence-by-sentence scan gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.claims import SentenceTerms, SharedClaim, sentence_matrices, shared_claims_of


def _scan(a: str, ta: SentenceTerms, b: str, tb: SentenceTerms, min_shared: int = 3) -> list[SharedClaim]:
    """The plain definition: each sentence of a with its best sentence of b (first of equals)."""
    out = []
    for span_a, sa in ta:
        if len(sa) < min_shared:
            continue
        best = None
        for span_b, sb in tb:
            common = sa & sb
            if len(common) < min_shared:
                continue
            score = len(common) / min(len(sa), len(sb))
            if score >= 0.25 and (best is None or score > best[0]):
                best = (score, span_b, common)
        if best:
            out.append(SharedClaim(a, span_a, b, best[1], tuple(sorted(best[2])), round(best[0], 3)))
    out.sort(key=lambda c: -c.score)
    return out[:10]


_WORDS = st.sampled_from([f"w{i}" for i in range(12)])
_SENTS = st.lists(st.frozensets(_WORDS, max_size=9), max_size=8)


def _terms(sets: list[frozenset[str]]) -> SentenceTerms:
    return [((10 * i, 10 * i + 9), s) for i, s in enumerate(sets)]


@settings(max_examples=200)
@given(_SENTS, st.lists(_SENTS, min_size=1, max_size=4))
def test_sparse_product_matches_the_sentence_by_sentence_scan(a: list, others: list) -> None:
    terms = {"a": _terms(a)} | {f"b{i}": _terms(o) for i, o in enumerate(others)}
    mats = sentence_matrices(terms)
    got = shared_claims_of("a", mats["a"], [(f"b{i}", mats[f"b{i}"]) for i in range(len(others))])
    want = [_scan("a", terms["a"], f"b{i}", terms[f"b{i}"]) for i in range(len(others))]
    assert got == want
    # the streaming form (terms dropped as each matrix is made) gives the same claims
    streamed = sentence_matrices((k, v) for k, v in terms.items())
    again = shared_claims_of("a", streamed["a"], [(f"b{i}", streamed[f"b{i}"]) for i in range(len(others))])
    assert again == want


def test_a_claim_shared_by_two_articles_is_found() -> None:
    terms = {
        "a": _terms([frozenset({"minister", "resigned", "scandal", "tuesday"}), frozenset({"weather"})]),
        "b": _terms([frozenset({"rain"}), frozenset({"minister", "resigned", "scandal", "budget"})]),
    }
    mats = sentence_matrices(terms)
    [claims] = shared_claims_of("a", mats["a"], [("b", mats["b"])])
    assert [(c.first_span, c.second_span, c.shared_terms) for c in claims] == [
        ((0, 9), (10, 19), ("minister", "resigned", "scandal"))
    ]
    assert claims[0].score == 0.75


def test_sentence_terms_are_the_content_words_of_the_analysis() -> None:
    from provenance.claims import sentence_terms
    from provenance.models import Article
    from provenance.segment import segment

    text = "Al-Hol camp guards said Hussein’s fighters regroup in 2019.\nThe camp holds 60,000 people."
    an = segment(Article(id="a", path="a.txt", text=text))
    terms = sentence_terms(an)
    assert [text[s:e] for (s, e), _ in terms] == [
        "Al-Hol camp guards said Hussein’s fighters regroup in 2019.",
        "The camp holds 60,000 people.",
    ]
    # hyphenated names split, possessives cut, stop words / short words / numbers dropped
    assert terms[0][1] == {"hol", "camp", "guards", "hussein", "fighters", "regroup"}
    assert terms[1][1] == {"camp", "holds", "people"}
