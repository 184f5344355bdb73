"""A sentence opened by "In <a poll>," reports the poll's finding."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes
from attr_helpers import source_of as _source


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
