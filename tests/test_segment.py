from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from provenance.models import Article
from provenance.segment import normalise, paragraph_spans, segment, sentence_spans, token_spans, tokens


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
