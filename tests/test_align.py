"""Alignment: offsets in both texts, tolerant of small edits, blind to boilerplate."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.align import AlignParams, align, doc_tokens, quotation_spans, seed_index
from provenance.segment import token_spans

SRC = (
    "The council voted on Tuesday to build a movable flood barrier across the mouth of the river, "
    "ending a two-year argument over how to protect the lower town from rising tides. "
    "Engineers say the gates would have prevented the flooding that damaged more than 600 homes."
)


def test_verbatim_passage_offsets() -> None:
    tgt = "Completely different opening words here. " + SRC + " And a new ending."
    al = align(doc_tokens(SRC), doc_tokens(tgt))
    assert len(al.passages) == 1
    p = al.passages[0]
    assert SRC[p.a_span[0] : p.a_span[1]] == SRC.rstrip(".")
    assert tgt[p.b_span[0] : p.b_span[1]] == SRC.rstrip(".")
    assert al.containment_a > 0.95


def test_small_edits_stay_one_passage() -> None:
    edited = SRC.replace("Tuesday", "Wednesday").replace("argument", "dispute").replace("600", "six hundred")
    al = align(doc_tokens(SRC), doc_tokens(edited))
    assert len(al.passages) == 1
    assert 0.8 < al.containment_b < 1.0


def test_unrelated_texts_do_not_align() -> None:
    other = (
        "A quiet day at the market, where traders said prices of fish and bread were steady for the season."
    )
    assert align(doc_tokens(SRC), doc_tokens(other)).passages == ()


def test_boilerplate_never_seeds() -> None:
    a = doc_tokens(SRC)
    b = doc_tokens(SRC)
    masked = doc_tokens(SRC, np.ones(len(a.tokens), dtype=bool))
    assert align(a, b).passages
    assert align(masked, b).passages == ()


def test_short_quotation_aligns_but_short_prose_does_not() -> None:
    a = doc_tokens("He said: “Guarantees are good when you have a good venture,” at the hearing.")
    b = doc_tokens("Another story entirely. “Guarantees are good when you have a good venture.” The end.")
    al = align(a, b, AlignParams())
    assert al.only_quotes
    c = doc_tokens("Guarantees are good when you have a good venture, he said at the hearing.")
    d = doc_tokens("Another story entirely. Guarantees are good when you have a good venture. The end.")
    assert align(c, d).passages == ()


def test_quotation_spans() -> None:
    text = "He said “yes we can do it” and 'no'. \"Straight quotes here\"."
    spans = quotation_spans(text)
    assert [text[s:e] for s, e in spans] == ["yes we can do it", "Straight quotes here"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_doc_tokens_match_segment_token_spans(text: str) -> None:
    d = doc_tokens(text)
    ref = token_spans(text)
    assert list(d.tokens) == [t for t, _, _ in ref]
    assert d.starts.tolist() == [s for _, s, _ in ref]
    assert d.ends.tolist() == [e for _, _, e in ref]


def test_seed_index_reuse_gives_same_alignment() -> None:
    a, b = doc_tokens(SRC), doc_tokens("Intro words. " + SRC)
    assert align(a, b, AlignParams(), seed_index(a)) == align(a, b)


def test_british_single_quotes_are_quotations_and_apostrophes_are_not() -> None:
    text = (
        "The judge jailed Jones for her part in what he termed 'an astonishing plan'. "
        "The workers' union said: 'We don't agree with the verdict.' O'Neill's lawyer declined."
    )
    assert [text[s:e] for s, e in quotation_spans(text)] == [
        "an astonishing plan",
        "We don't agree with the verdict.",
    ]
    nested = "He said: \"I heard one say: 'I shall notify the police'.\" Then he left."
    assert [nested[s:e] for s, e in quotation_spans(nested)] == [
        "I heard one say: 'I shall notify the police'."
    ]


def test_a_whole_quotation_travels_a_fragment_does_not() -> None:
    from provenance.align import whole_quotation

    quote = "Donald Trump is a dictator in the making and the party will regret it"
    a = doc_tokens(f"Beck was quoted as saying: “{quote}.” “We should never confuse who we want,” he added.")
    b = doc_tokens(f"Cruz raced on. Beck said: “{quote}.” The caucus is on Monday.")
    al = align(a, b)
    assert al.only_quotes and whole_quotation(al, a, b)
    longer = doc_tokens(
        "Obama said: “Presidents can't just say anything they want, because it has consequences here "
        "and around the world, and the next one will learn that on the first day in office.”"
    )
    other = doc_tokens(  # the same speech, quoted over another stretch
        "Asked about it, he said “because it has consequences here and around the world, and I have "
        "said so to every leader I met this year in Europe and in Asia” and moved on to the budget."
    )
    al2 = align(longer, other)
    assert al2.passages and al2.only_quotes and not whole_quotation(al2, longer, other)


def test_tokens_read_from_the_analysis_are_the_tokenised_ones() -> None:
    """The reuse engine reads an article's analysis (one tokenisation, one quotation pairing)
    instead of tokenising again: the same tokens, offsets and quotation flags."""
    from provenance.align import analysed_tokens, doc_tokens
    from provenance.models import Article
    from provenance.segment import segment

    texts = [
        "He said: “We are ready.” Then O'Neill left.\n\n“It continues,” she said, “over\n\n“two paragraphs.”",
        "The minister said 'we will not yield', and the U.S. agreed. «Non», a-t-il dit; „Ja“ sagte er.",
        "Crème brûlée — ÉCOLE ''quoted'' text, e-mail 3.5% U.K. don't",
    ]
    for text in texts:
        a, b = doc_tokens(text), analysed_tokens(segment(Article(id="x", path="x.txt", text=text)))
        assert a.tokens == b.tokens and len(a.tokens) > 5
        for field in ("starts", "ends", "quoted", "marked"):
            assert (getattr(a, field) == getattr(b, field)).all(), field
        assert a.quoted.any()


def test_reuse_from_analyses_finds_what_reuse_from_texts_finds() -> None:
    from pathlib import Path

    from provenance.models import Article
    from provenance.reuse import find_reuse
    from provenance.segment import segment

    fix = Path(__file__).parent / "fixtures" / "reuse"
    arts = [
        Article(id=p.stem, path=p.name, text=p.read_text(encoding="utf-8")) for p in sorted(fix.glob("*.txt"))
    ]
    plain = find_reuse(arts)
    analysed = find_reuse(arts, analyses=[segment(a) for a in arts])
    assert plain.edges and (plain.edges, plain.stories, plain.matches) == (
        analysed.edges,
        analysed.stories,
        analysed.matches,
    )
