"""Which side of a cue holds the content when a quotation sits next to it."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes

from provenance.models import Quote


def _by_cue(text: str, cue: str) -> Quote:
    qs = [q for q in _quotes(text) if q.cue == cue]
    assert len(qs) == 1, [(q.cue, q.text) for q in _quotes(text)]
    return qs[0]


def test_cue_then_comma_and_quotation_takes_the_new_quotation() -> None:
    text = (
        'The ferry will run late, the harbour master said. "We lost two engines."\n\n'
        'She added, "Nobody should wait on the pier tonight."'
    )
    q = _by_cue(text, "added")
    assert q.text == '"Nobody should wait on the pier tonight."'
    text2 = "“The vote was close,” Lara Ossi said. Ossi added, ''We will ask for a recount.''"
    assert _by_cue(text2, "added").text == "''We will ask for a recount.''"


def test_colon_announces_the_quotation() -> None:
    text = (
        "After the flood, Mayor Dana Kettle released the following statement:\n\n"
        "“Our thoughts are with every family in the valley.”\n\nCrews worked overnight."
    )
    q = _by_cue(text, "released")
    assert q.text == "“Our thoughts are with every family in the valley.”"
    assert q.speaker == "Dana Kettle"


def test_content_after_adjuncts_is_not_the_previous_quotation() -> None:
    text = (
        'The owner was blunt. "We are closing the mill." Gus Ferrand wrote on Facebook that he would miss it.'
    )
    q = _by_cue(text, "wrote")
    assert q.text == "that he would miss it"


def test_short_scene_setting_phrase_before_the_speaker_is_not_content() -> None:
    text = "Every morning, the coach talked about discipline and the long season ahead of the team."
    q = _by_cue(text, "talked")
    assert q.text.startswith("about discipline")
