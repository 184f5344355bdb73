from __future__ import annotations

import pickle
import sys

from hypothesis import given
from hypothesis import strategies as st

from provenance.models import Analysis, Article
from provenance.quotations import quotation_spans
from provenance.segment import (
    normalise,
    paragraph_spans,
    segment,
    sentence_spans,
    token_lows,
    token_spans,
    token_texts,
    tokens,
    words,
)


def test_sentences_respect_abbreviations_and_initials() -> None:
    text = 'Donald J. Trump met Mr. Smith in the U.S. on Jan. 5. He said "Hi." Then he left.'
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["Donald J. Trump met Mr. Smith in the U.S. on Jan. 5.", 'He said "Hi."', "Then he left."]


def test_paragraphs_and_offsets_index_the_original_text() -> None:
    text = "  Title line\n\nFirst para. Second sentence.\n   \nLast one!  "
    art = Article(id="a", path="a.txt", text=text)
    segs = segment(art)
    assert [text[s:e] for s, e in segs.paragraphs] == [
        "Title line",
        "First para. Second sentence.",
        "Last one!",
    ]
    assert [text[s.span[0] : s.span[1]] for s in segs.sentences][1:3] == ["First para.", "Second sentence."]


def test_normalisation_folds_case_accents_and_quotes() -> None:
    assert normalise("Café ’Quote’") == "cafe 'quote'"
    assert tokens("Hussein’s  CAFÉ") == ["hussein's", "cafe"]


@given(st.text(max_size=400))
def test_segmentation_spans_are_in_bounds_and_ordered(text: str) -> None:
    last = 0
    for s, e in paragraph_spans(text):
        assert last <= s < e <= len(text)
        for ss, se in sentence_spans(text, s, e):
            assert s <= ss < se <= e
            assert text[ss:se].strip() == text[ss:se]
        last = e
    for tok, s, e in token_spans(text):
        assert 0 <= s < e <= len(text) and tok


def _fold_whole(text: str) -> str:
    """The reference normalisation: decompose the whole text, drop accents, case-fold."""
    import unicodedata

    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("’", "'").replace("‘", "'")


_MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcXYZ 09.,'\"’‘“”éÉñßİΣςﬁ\u0301\u0327ǅ한Ωω"),
        st.characters(),
    ),
    max_size=60,
)


@given(_MIXED)
def test_run_by_run_normalisation_equals_folding_the_whole_text(text: str) -> None:
    assert normalise(text) == _fold_whole(text)


@given(_MIXED)
def test_token_spans_ascii_fast_path_equals_token_by_token(text: str) -> None:
    import re

    from provenance.segment import WORD

    expected = [(normalise(m.group(0)), m.start(), m.end()) for m in WORD.finditer(text)]
    assert token_spans(text) == expected
    ascii_text = re.sub(r"[^\x00-\x7f]", " ", text)
    expected = [(normalise(m.group(0)), m.start(), m.end()) for m in WORD.finditer(ascii_text)]
    assert token_spans(ascii_text) == expected


# -- the analysis: one tokeniser, read by every later stage ---------------------------------


def _analysis(text: str) -> Analysis:
    return segment(Article(id="a", path="a.txt", text=text))


def test_analysis_tokens_index_the_text_and_keep_abbreviations_whole() -> None:
    text = "Sen. Jane Doe (D-Calif.) said the U.S. e-mail -- sent at 3.5 p.m. -- wasn’t hers."
    an = _analysis(text)
    toks = token_texts(an)
    assert toks[:4] == ["Sen.", "Jane", "Doe", "("]
    assert "U.S." in toks and "e-mail" in toks and "3.5" in toks and "wasn’t" in toks
    assert all(text[s:e] == t for s, e, t in zip(an.token_starts, an.token_ends, toks, strict=True))
    lows = token_lows(an)
    # typed dashes read as the em dash they stand for; ’ folded; case folded
    assert lows[toks.index("--")] == "—" and "wasn't" in lows and "sen." in lows


def test_analysis_words_split_tokens_at_hyphens_and_periods() -> None:
    an = _analysis("The U.S. e-mail cost 3.5 dollars, Hussein’s CAFÉ said.")
    assert [w for w, _, _ in words(an)] == [
        "the", "u", "s", "e", "mail", "cost", "3", "5", "dollars", "hussein's", "cafe", "said",
    ]  # fmt: skip


@given(_MIXED)
def test_analysis_words_are_the_token_spans_of_the_text(text: str) -> None:
    assert words(_analysis(text)) == token_spans(text)


@given(st.text(alphabet=st.sampled_from("ab A.B-'’\"“” \n,.-"), max_size=80))
def test_analysis_words_equal_token_spans_on_punctuation_heavy_text(text: str) -> None:
    an = _analysis(text)
    assert words(an) == token_spans(text)
    # tokens cover every non-space character exactly once, in order
    covered = "".join(token_texts(an))
    assert covered == "".join(text.split())


def test_analysis_quotations_are_the_paired_marks() -> None:
    text = 'He said "we will win." Then:\n“It goes on\n“and on,” she said.'
    an = _analysis(text)
    assert an.quotations == tuple(quotation_spans(text, an.paragraphs))
    assert [text[s:e] for s, e in an.quotations] == ['"we will win."', "“It goes on\n“and on,”"]


def test_analysis_keeps_only_well_formed_paragraphs() -> None:
    text = "One. Two.\nThree."
    art = Article(id="a", path="a.txt", text=text, paragraphs=((0, 9), (12, 5), (10, 16), (10, 99)))
    an = segment(art)
    assert an.paragraphs == ((0, 9), (10, 16))
    assert [text[s.span[0] : s.span[1]] for s in an.sentences] == ["One.", "Two.", "Three."]


def test_analysis_pickles_compactly_beside_its_article() -> None:
    text = "Officials said the plan, first reported by the Times, would fail. " * 40
    art = Article(id="a", path="a.txt", text=text)
    an = segment(art)
    both = pickle.dumps((art, an))
    assert pickle.loads(both) == (art, an)
    # the text is stored once (the analysis holds the article's own string), and the tokens
    # are offsets only (a few bytes each), not a string per token
    assert both.count(text.encode()) == 1
    assert len(both) - len(pickle.dumps(art)) < 8 * len(an.token_starts) + 64 * len(an.sentences)
    # in memory too: 4 bytes an offset, not an int object each (a trace holds every analysis)
    assert sys.getsizeof(an.token_starts) < 4 * len(an.token_starts) + 128
