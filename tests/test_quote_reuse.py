"""Quotations shared across articles."""

from __future__ import annotations

from provenance.attribution.quote_reuse import find_shared_quotes
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
