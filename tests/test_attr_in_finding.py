"""A sentence opened by "In <a poll>," reports the poll's finding."""

from __future__ import annotations

from provenance.attribution.quotes import extract_quotes
from provenance.models import Article, Quote


def _quotes(text: str) -> list[Quote]:
    return extract_quotes(Article(id="a", path="a.txt", text=text))


def _source(text: str, q: Quote) -> str | None:
    if q.speaker_span is None:
        return None
    return text[q.speaker_span[0] : q.speaker_span[1]]


def test_opening_poll_is_the_source_of_the_clause() -> None:
    text = "In a county survey released Monday, 60 percent of renters backed the new rule."
    (q,) = _quotes(text)
    assert (_source(text, q), q.cue) == ("a county survey released Monday", "In")
    assert q.text == "60 percent of renters backed the new rule"


def test_participle_phrase_after_the_comma_belongs_to_the_poll() -> None:
    text = "In the latest poll, conducted in March, the mayor led by nine points."
    (q,) = _quotes(text)
    assert _source(text, q) == "the latest poll, conducted in March"
    assert q.text == "the mayor led by nine points"


def test_other_opening_phrases_are_no_source() -> None:
    text = "In an interview, the mayor said the rule would pass."
    (q,) = _quotes(text)
    assert (_source(text, q), q.cue) == ("the mayor", "said")
    assert _quotes("In states where polls were taken early, turnout rose.") == []
    text = "In a recent study, two economists found that tariffs cost jobs."
    (q,) = _quotes(text)
    assert _source(text, q) == "two economists"
