"""'Name: words' paragraphs (headlines, interview transcripts) as attribution relations."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes


def test_headline_name_colon_is_the_speakers_claim() -> None:
    text = "Mayor Lin: Bridge repairs will start in May.\n\nThe city council met on Monday."
    qs = [q for q in _quotes(text) if q.cue == ":"]
    assert len(qs) == 1
    q = qs[0]
    assert q.speaker_span is not None
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "Mayor Lin"
    assert q.text == "Bridge repairs will start in May"


def test_transcript_turns_are_relations() -> None:
    text = "Hollis: Why did you leave the orchestra so early?\n\nMs. Varga: Because the pay was poor."
    qs = [q for q in _quotes(text) if q.cue == ":"]
    assert [q.text for q in qs] == ["Why did you leave the orchestra so early?", "Because the pay was poor"]
    assert [q.speaker for q in qs] == ["Hollis", "Ms. Varga"]


def test_page_labels_and_mid_paragraph_colons_are_not() -> None:
    for text in (
        "Update: This story has been corrected to fix a date.",
        "Contributing: Jane Roe in Albany.",
        "The plan had one aim in Albany: Cut the deficit before the vote.",
        "Turnout: 4,512.",
    ):
        assert not [q for q in _quotes(text) if q.cue == ":"], text
