"""Content that stops where another speaker's clause starts, and sources past typed dashes.

Each sentence below made one relation's content run on over a neighbouring relation (which the
nesting filter then dropped), or lost a speaker, before the rules learnt the construction.
"""

from __future__ import annotations

import pytest
from attr_helpers import quotes_of, source_of

from provenance.attribution.quotes import extract_quotes
from provenance.models import Article


def _rels(text: str) -> dict[str, tuple[str | None, str]]:
    """cue -> (source, content) for every relation of ``text``."""
    out: dict[str, tuple[str | None, str]] = {}
    for q in extract_quotes(Article(id="a", path="a.txt", text=text)):
        src = text[q.speaker_span[0] : q.speaker_span[1]] if q.speaker_span else None
        out[q.cue] = (src, q.text)
    return out


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        # an adverbial clause with its own subject and cue ends the content before it
        (
            "The mayor was praising the new budget after the auditor said it was balanced.",
            "said",
            "the auditor",
            "it was balanced",
        ),
        (
            "The campaign has responded to Ortiz more aggressively as polls show Ortiz surging in Iowa.",
            "show",
            "polls",
            "Ortiz surging in Iowa",
        ),
        (
            "The governor was sharply criticizing the budget when the auditor said he is open to a review.",
            "said",
            "the auditor",
            "he is open to a review",
        ),
        # a colon, then a new speaker's clause
        (
            "Even board members who backed the merger sounded uneasy: Director Lena Park called it "
            "“a gamble we had to take.”",
            "called",
            "Director Lena Park",
            "it “a gamble we had to take.”",
        ),
        # a participle after a quotation whose comma sits inside the marks
        (
            'The coach said that "the team is ready to compete," adding that two players were injured.',
            "adding",
            "The coach",
            "that two players were injured",
        ),
        (
            'The coach said that "the team is ready to compete," adding that two players were injured.',
            "said",
            "The coach",
            'that "the team is ready to compete,"',
        ),
        # an inverted source opened by a quantifier
        (
            "The new tunnel will ease traffic within a year, said several engineers.",
            "said",
            "several engineers",
            "The new tunnel will ease traffic within a year",
        ),
        # typewriter dashes around an appositive: a doubled hyphen, or a hyphen between spaces
        (
            "The senator -- who has clashed with the governor for months -- said she would run again.",
            "said",
            "The senator",
            "she would run again",
        ),
        (
            "The senator - who has clashed with the governor for months - said she would run again.",
            "said",
            "The senator",
            "she would run again",
        ),
    ],
)
def test_relation(text: str, cue: str, source: str, content: str) -> None:
    assert _rels(text)[cue] == (source, content)


def test_main_clause_keeps_its_content() -> None:
    """The clause before the subordinate one is still the first speaker's content."""
    text = "The mayor was praising the new budget after the auditor said it was balanced."
    assert _rels(text)["was praising"] == ("The mayor", "the new budget")


def test_reduced_passive_names_no_asker() -> None:
    """'X said, when asked ...': X is the one asked; who asked is not said."""
    text = '"I will not resign," the minister said when asked whether the report was fair.'
    assert _rels(text)["asked"] == (None, "whether the report was fair")


def test_numeral_noun_is_no_cue() -> None:
    """'At one point' is a noun phrase opening the sentence, not a speaker and a verb."""
    text = "At one point, the chairman said the vote would be delayed."
    rels = _rels(text)
    assert "point" not in rels
    assert rels["said"] == ("the chairman", "the vote would be delayed")


def test_irregular_past_after_comma_ends_content() -> None:
    """'X, in the wake of a study showing A, told B': the participle's content stops at the comma
    before the main verb (an irregular past form), so the main relation survives the nesting
    filter."""
    text = (
        "The chairman, in the wake of a study showing turnout down to 40 percent, "
        "told reporters on Monday that the party must do better."
    )
    rels = _rels(text)
    assert rels["showing"][1] == "turnout down to 40 percent"
    assert rels["told"] == ("The chairman", "that the party must do better")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # ", after" + a subject and a finite verb: an adverbial clause of its own
        (
            "The senator pledged to close the plant, after he introduced a bill that would end its contract.",
            "pledged",
            "to close the plant",
        ),
        # a dash, then a clause with its own subject ("— then he mentions ...")
        (
            "Asked about his weekends, he says not much, not with three children — then he mentions "
            "his fishing trips.",
            "says",
            "not much, not with three children",
        ),
        # a colon far from the cue, then a quotation: the quotation is the next sentence's
        (
            "But he said he was too busy to look for the evidence that would back up his earlier "
            'statements about the deal: "I have a lot going on," he wrote.',
            "said",
            "he was too busy to look for the evidence that would back up his earlier statements about the deal",
        ),
        # ", with" + a noun phrase and an -ing verb: an event beside the content
        (
            "The campaign has denied it happened, with the manager taking to Twitter to call the reporter a liar.",
            "has denied",
            "it happened",
        ),
    ],
)
def test_content_ends_before_a_clause_of_its_own(text: str, cue: str, content: str) -> None:
    assert _rels(text)[cue][1] == content


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "As reported by the Herald, the mayor will resign next week.",
            "As reported by",
            "the Herald",
            "the mayor will resign next week",
        ),
        (
            "The mayor will resign next week, as first reported by the Herald.",
            "as first reported by",
            "the Herald",
            "The mayor will resign next week",
        ),
    ],
)
def test_as_reported_by_names_the_agent(text: str, cue: str, source: str, content: str) -> None:
    """'as (first) reported by X': X is the source, like 'according to X'."""
    assert _rels(text)[cue] == (source, content)


def test_as_reported_by_after_a_speech_tag_keeps_the_speaker() -> None:
    """'"...," X said, as reported by Y': the quotation stays X's."""
    text = '"We will not back down," the mayor said in an interview, as reported by the Herald.'
    rels = _rels(text)
    assert rels["said"] == ("the mayor", '"We will not back down,"')
    assert "as reported by" not in rels


def test_dash_before_a_speaker_with_its_own_cue_ends_the_content() -> None:
    """'A is seen as B - 60 percent of voters said C': the second relation is a sibling clause,
    not part of the first one's content (so the nesting filter keeps it)."""
    text = "Mrs. Lane is seen as far more capable than her rival - 60 percent of voters said she would handle it better."
    rels = _rels(text)
    assert rels["is seen"] == (None, "Mrs. Lane is seen as far more capable than her rival")
    assert rels["said"] == ("60 percent of voters", "she would handle it better")


def test_quantified_sibling_subject_ends_the_content_before_it() -> None:
    """', and more than 4 in 10 said ...': the quantifier opens the sibling clause, so the first
    content ends before it and the nesting filter keeps the second relation."""
    text = (
        "Most voters said they were worried about the economy, and more than 4 in 10 said the "
        "governor would handle it best."
    )
    rels = {q.cue + ":" + (source_of(text, q) or ""): q.text for q in quotes_of(text)}
    assert rels["said:Most voters"] == "they were worried about the economy"
    assert rels["said:4 in 10"] == "the governor would handle it best"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Though the chairman hasn't expressed an inclination to hold hearings, the president "
            "should use his strength to force a vote.",
            "hasn't expressed",
            "an inclination to hold hearings",
        ),
        (
            "When the mayor suggested that the city would sue the state, the governor fired back on Twitter.",
            "suggested",
            "that the city would sue the state",
        ),
    ],
)
def test_fronted_subordinate_clause_ends_at_the_main_clause(text: str, cue: str, content: str) -> None:
    """'Though X said A, Y ...': X's content ends at the comma before the main clause."""
    assert _rels(text)[cue][1] == content


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # a passive with a noun phrase subject reports nobody's words; the clause is the content
        ("The mayor was dismissed, officials said.", "officials", "The mayor was dismissed"),
        (
            "The akim of the region has been dismissed, Kazakh news sites said on Thursday.",
            "Kazakh news sites",
            "The akim of the region has been dismissed",
        ),
        # "late on Thursday" says when, like "on Thursday": the content is on the left
        ("Prices rose, officials said late on Thursday.", "officials", "Prices rose"),
        ("Prices rose, officials said early on Monday.", "officials", "Prices rose"),
    ],
)
def test_the_clause_before_x_said_is_the_content(text: str, source: str, content: str) -> None:
    rels = _rels(text)
    assert rels == {"said": (source, content)}


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # an irregular past ("hit", "took") after "said the ..." makes a clause, not a speaker
        (
            "Ukrainian media, quoting the governor, said the strike hit a grain terminal.",
            "Ukrainian media",
            "the strike hit a grain terminal",
        ),
        (
            "Residents, speaking by phone, said the army took the bridge.",
            "Residents",
            "the army took the bridge",
        ),
        # a verb inside a relative clause does not: the speaker is inverted after "said"
        (
            "The plan failed, said a spokesman who took questions.",
            "a spokesman who took questions",
            "The plan failed",
        ),
    ],
)
def test_said_then_a_noun_phrase_with_a_verb_is_content(text: str, source: str, content: str) -> None:
    rels = _rels(text)
    assert rels["said"] == (source, content)
