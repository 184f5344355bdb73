"""Constructions that look like "X <cue>" but name no speaker, or a wrong one."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes
from attr_helpers import source_of as _source


def test_complementizer_after_a_quote_is_no_inverted_speaker() -> None:
    text = 'The author, known as "the Hermit," stated that he had lived alone for years.'
    assert all(_source(text, q) != "that" for q in _quotes(text))


def test_pronoun_opening_the_content_is_no_inverted_speaker() -> None:
    text = 'Nine of the members of the club "agreed with the plan," said they would vote for it.'
    assert all(_source(text, q) != "they" for q in _quotes(text))


def test_inverted_quantified_speaker_is_kept() -> None:
    text = '"We were never told," said one longtime resident of the valley.'
    (q,) = _quotes(text)
    assert _source(text, q) == "one"


def test_reduced_passive_with_agent_names_no_speaker() -> None:
    text = "A memo released Friday by the county auditor listed the missing funds."
    assert all(q.cue != "released" for q in _quotes(text))
    text = "The new budget, approved by the council, raises the tax on parking."
    assert all(q.cue != "approved" for q in _quotes(text))


def test_by_with_a_gerund_is_the_speakers_own_act() -> None:
    text = "The coach responded by saying that the team had played well."
    (q,) = _quotes(text)
    assert _source(text, q) == "The coach"


def test_wish_in_a_list_of_actions_is_no_attribution() -> None:
    text = "The actress left the party in March and wanted a candidate who had refused corporate money."
    assert all(_source(text, q) is None for q in _quotes(text) if q.cue == "wanted")


def test_coordinated_belief_with_that_clause_is_kept() -> None:
    text = "Ana Ruiz sold her cows and feared that the drought would last."
    (q,) = _quotes(text)
    assert _source(text, q) == "Ana Ruiz"
    assert q.text == "that the drought would last"


def test_cue_noun_after_a_possessive_names_no_speaker() -> None:
    for text in (
        "The governor's comment drew laughs from the audience.",
        "Garcia's tweet came as the storm reached the coast.",
    ):
        assert all(_source(text, q) is None for q in _quotes(text))


def test_possessive_claim_with_a_clause_is_kept() -> None:
    text = "Garcia's claim that the bridge was safe proved wrong."
    (q,) = _quotes(text)
    assert _source(text, q) == "Garcia's"
    assert q.text.startswith("that the bridge was safe")


def test_contracted_has_is_no_possessive() -> None:
    text = "She's said that the rules are unfair."
    (q,) = _quotes(text)
    assert q.text == "that the rules are unfair"


def test_interview_turn_label_names_nobody() -> None:
    text = "Q: Will the bridge reopen this year?\n\nA: We expect it to reopen in the fall."
    quotes = _quotes(text)
    assert quotes
    assert all(_source(text, q) is None for q in quotes if q.cue == ":")
    text = "Rubio: Trump can't be trusted on trade."
    (q,) = _quotes(text)
    assert _source(text, q) == "Rubio"


def test_expletive_contraction_or_function_word_is_no_source() -> None:
    """'It's hard to answer ...', 'There's still time ..., after dismissing ...': the one-word
    "subject" names no one, so the relations keep their content but get no source."""
    for text, cue in (
        ("It's hard to answer no to any of those questions.", "answer"),
        (
            "There's still time for the senator to build bridges, even after repeatedly dismissing "
            "them as cranks and calling the leader a liar.",
            "calling",
        ),
    ):
        qs = [q for q in _quotes(text) if q.cue.endswith(cue)]
        assert qs and all(q.speaker_span is None for q in qs)


def test_year_alone_is_no_source() -> None:
    """'In 2001 called the plan ...' (a subject lost to a typo or a headline): a bare year is
    a date, not a speaker."""
    text = "In 2001 called the plan a disaster."
    qs = [q for q in _quotes(text) if q.cue == "called"]
    assert qs and qs[0].speaker_span is None
