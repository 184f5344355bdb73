"""Subjects found further from the cue: across a purpose infinitive, a participle with its
time, "in <gerund>", and a relative clause whose pronoun is the cue's object."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes
from attr_helpers import source_of as _source


def test_speech_verb_in_a_purpose_infinitive_has_the_main_subject() -> None:
    text = "The union later attempted to portray the strike as a defence of pensions."
    (q,) = _quotes(text)
    assert (_source(text, q), q.cue) == ("The union", "portray")
    text = "The mayor went on to explain that the bridge would close in May."
    (q,) = _quotes(text)
    assert _source(text, q) == "The mayor"
    assert q.text == "that the bridge would close in May"


def test_participle_and_time_belong_to_the_subject() -> None:
    text = "Records filed Monday show the company owed two million dollars."
    (q,) = _quotes(text)
    assert (_source(text, q), q.cue) == ("Records filed Monday", "show")


def test_participle_before_the_main_verb_is_no_cue() -> None:
    text = "A survey released last week found that most parents favour the change."
    (q,) = _quotes(text)
    assert (_source(text, q), q.cue) == ("A survey released last week", "found")
    assert q.text == "that most parents favour the change"


def test_gerund_after_in_has_the_clause_subject() -> None:
    text = "Local farmers are united in opposing the new dam."
    (q,) = _quotes(text)
    assert (_source(text, q), q.cue, q.text) == ("Local farmers", "opposing", "the new dam")


def test_subject_inside_an_object_relative_clause() -> None:
    text = "The levy, which officials said will take effect in June, is unpopular."
    (q,) = _quotes(text)
    assert _source(text, q) == "officials"
    assert q.text.startswith("will take effect in June")


def test_complementizer_that_keeps_its_clause() -> None:
    text = "It became clear that voters agreed with the plan."
    assert all(_source(text, q) != "voters" or q.cue != "agreed" for q in _quotes(text))
