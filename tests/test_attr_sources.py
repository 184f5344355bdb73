"""Source spans as PolNeAR marks them: a relative pronoun together with its antecedent."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes

from provenance.models import Quote


def _source(text: str, q: Quote) -> str:
    assert q.speaker_span is not None
    return text[q.speaker_span[0] : q.speaker_span[1]]


def test_relative_pronoun_source_spans_its_antecedent() -> None:
    text = "The plan drew fire from Ana Reyes, who said it would raise rents."
    (q,) = _quotes(text)
    assert _source(text, q) == "Ana Reyes, who"
    assert q.speaker == "Ana Reyes"
    assert q.text == "it would raise rents"


def test_restrictive_relative_source_spans_its_noun() -> None:
    text = "The survey counted 40 parents who said the school was too far away."
    (q,) = _quotes(text)
    assert _source(text, q) == "40 parents who"


def test_pronoun_antecedent_is_not_taken() -> None:
    text = "It was he who warned that the dam would fail."
    q = next(q for q in _quotes(text) if q.cue == "warned")
    assert _source(text, q) == "who"
