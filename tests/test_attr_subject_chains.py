"""Subjects with prepositional complements ("a poll of voters in Ohio found"), singular nouns
whose -s cue takes an object ("the report claims his ..."), and the main clause's subject for a
verb coordinated after a "that" clause."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes
from attr_helpers import source_of as _source

from provenance.models import Quote


def _by_cue(text: str, cue: str) -> Quote:
    (q,) = [q for q in _quotes(text) if q.cue == cue]
    return q


def test_noun_phrase_with_prepositional_complements() -> None:
    text = "The latest survey of farmers in three provinces revealed deep anger over water prices."
    q = _by_cue(text, "revealed")
    assert _source(text, q) == "The latest survey of farmers in three provinces"
    assert q.text == "deep anger over water prices"
    text = "A senior engineer familiar with the design said the bridge was safe."
    assert _source(text, _by_cue(text, "said")) == "A senior engineer familiar with the design"


def test_prepositional_chain_after_a_verb_is_an_object() -> None:
    text = "The mayor praised the staff of the library said nothing."
    assert all(_source(text, q) != "the staff of the library" for q in _quotes(text))


def test_singular_noun_then_cue_with_an_object() -> None:
    text = "The landlord claims his tenants never paid the rent."
    q = _by_cue(text, "claims")
    assert (_source(text, q), q.text) == ("The landlord", "his tenants never paid the rent")
    text = "A recording of the meeting shows her leaving early."
    assert _source(text, _by_cue(text, "shows")) == "A recording of the meeting"


def test_noun_compound_with_s_cue_stays_a_noun() -> None:
    text = "The company reports were late again."
    assert not any(q.cue == "reports" for q in _quotes(text))


def test_verb_after_a_that_clause_and_comma_has_the_main_subject() -> None:
    text = "The minister laughed that the road was finished, but went on to complain about the cost."
    assert _source(text, _by_cue(text, "complain")) == "The minister"
    text = "The mayor shrugged off the rumour that the pool would close, and blamed the budget."
    assert _source(text, _by_cue(text, "blamed")) == "The mayor"


def test_trailing_participle_belongs_to_the_outer_speaker() -> None:
    text = "The mayor said the auditors found the library short of money, adding that it may close."
    q = _by_cue(text, "adding")
    assert _source(text, q) == "The mayor"


def test_trailing_participle_after_a_speech_tag_keeps_that_speaker() -> None:
    text = 'The mayor praised the staff. "They work hard," she said, adding that pay would rise.'
    assert _source(text, _by_cue(text, "adding")) == "she"


def test_time_adjunct_with_preposition_or_auxiliary_before_the_verb() -> None:
    text = "A study by the institute in April found that rents rose sharply."
    q = _by_cue(text, "found")
    assert _source(text, q) == "A study by the institute"
    assert q.text == "that rents rose sharply"
    text = "Inspectors had last week warned the owners about the wiring."
    assert _source(text, _by_cue(text, "warned")) == "Inspectors"


def test_fraction_as_subject() -> None:
    text = "Roughly half said they would move if rents kept rising."
    q = _by_cue(text, "said")
    assert (_source(text, q), q.text) == ("Roughly half", "they would move if rents kept rising")


def test_that_said_is_a_connective() -> None:
    text = "That said, the council still plans to vote on Monday."
    assert not any(q.cue == "said" for q in _quotes(text))
    text = "That said nothing about the budget, the mayor said."
    assert any(q.cue == "said" for q in _quotes(text))


def test_object_of_a_causative_speaks_the_infinitive() -> None:
    text = "The flood warnings forced the mayor to admit that the levees were too low."
    q = _by_cue(text, "admit")
    assert (_source(text, q), q.text) == ("the mayor", "that the levees were too low")
    text = "The long delays have led many residents to say the project was mismanaged."
    assert _source(text, _by_cue(text, "say")) == "many residents"
    text = "The ruling prompted them to argue that the law was unfair."
    assert _source(text, _by_cue(text, "argue")) == "them"


def test_programme_title_after_a_possessive_sets_the_scene() -> None:
    text = "Monday on Channel Four’s “Morning Report,” Mayor Jane Ruiz said the tunnel would open in May."
    q = _by_cue(text, "said")
    assert (_source(text, q), q.text) == ("Mayor Jane Ruiz", "the tunnel would open in May")


def test_quotation_before_said_of_is_the_content() -> None:
    text = "The hall was full.\n\n“Is this a budget or a wish list?” Ruiz said of the plan on Monday, as aides watched."
    q = _by_cue(text, "said")
    assert (_source(text, q), q.text) == ("Ruiz", "“Is this a budget or a wish list?”")


def test_content_ends_before_a_clause_with_a_named_subject() -> None:
    text = "The mayor said the tunnel would open in May, and Transport Minister Ruiz was pleased."
    q = _by_cue(text, "said")
    assert q.text == "the tunnel would open in May"


def test_adverb_or_particle_after_the_cue_names_no_speech() -> None:
    text = "The council members booed loudly."
    assert all(q.speaker_span is None for q in _quotes(text) if q.cue == "booed")
    text = "The mayor backed down."
    assert all(q.speaker_span is None for q in _quotes(text) if q.cue == "backed")
    text = "The mayor opposes tolls."
    q = _by_cue(text, "opposes")
    assert (_source(text, q), q.text) == ("The mayor", "tolls")


def test_short_place_or_time_phrase_after_the_cue_names_no_speech() -> None:
    text = "The mayor spoke in Toronto."
    assert all(q.speaker_span is None for q in _quotes(text) if q.cue == "spoke")


def test_relative_clause_content_follows_its_verb() -> None:
    text = "Budget talks stalled in March. Councillor Ruiz, who hopes for a deal by June, met the unions."
    q = _by_cue(text, "hopes")
    assert q.text.startswith("for a deal by June")


def test_speech_tag_after_a_question_takes_the_quotation() -> None:
    text = "The hall went quiet. “Who will pay for the bridge?” Ruiz asked the council on Monday."
    q = _by_cue(text, "asked")
    assert (_source(text, q), q.text) == ("Ruiz", "“Who will pay for the bridge?”")
    text = "“Who will pay?” Ruiz asked. The treasurer said the province would pay."
    assert _by_cue(text, "said").text == "the province would pay"


def test_paraphrase_before_told_and_its_addressee() -> None:
    text = "The tunnel will close for a month, a city spokesman told The Daily Courier."
    q = _by_cue(text, "told")
    assert (_source(text, q), q.text) == ("a city spokesman", "The tunnel will close for a month")
    text = "At the hearing, the mayor asked her about the delays."
    assert _by_cue(text, "asked").text.startswith("her about the delays")


def test_trailing_as_tag_reports_the_clause_before() -> None:
    text = "The tunnel will close for a month, as the city engineer noted on Monday."
    q = _by_cue(text, "noted")
    assert _source(text, q) == "the city engineer"
    assert q.text.startswith("The tunnel will close for a month")
