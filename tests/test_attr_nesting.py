"""Relations nested in another relation's content: only the outermost one is reported."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes

from provenance.attribution.nesting import outermost


def test_belief_inside_reported_speech_is_not_a_relation_of_its_own() -> None:
    text = "The mayor said she believes the bridge will reopen by spring."
    qs = _quotes(text)
    assert [q.cue for q in qs] == ["said"]
    assert qs[0].text == "she believes the bridge will reopen by spring"


def test_hypothetical_speech_inside_a_claim_is_dropped() -> None:
    text = "Mr. Okafor said he expected that voters will say no to the levy."
    qs = _quotes(text)
    assert [q.cue for q in qs] == ["said"]


def test_sibling_relations_both_stay() -> None:
    text = "The coach said the team was tired, but the captain insisted they were ready."
    cues = {q.cue for q in _quotes(text)}
    assert {"said", "insisted"} <= cues


def test_own_content_around_own_cue_keeps_the_relation() -> None:
    # a passive relation's content may surround its own cue
    assert outermost([(0, 30)], [(10, 15)]) == [True]
    # a cue inside another relation's content goes; the outer one stays
    assert outermost([(0, 30), (20, 28)], [(0, 4), (12, 16)]) == [True, False]
    # a cue before every content start stays
    assert outermost([(10, 30), (40, 50)], [(5, 9), (32, 36)]) == [True, True]
