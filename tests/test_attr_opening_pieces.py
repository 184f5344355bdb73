"""Subjects behind comma pieces: the speaker is not an opening adjunct, a bracket or a number.

Each sentence below made the subject finder pick the wrong comma-delimited piece (or cut a
name at "&") before :mod:`provenance.attribution.subjects` learnt the construction.
"""

from __future__ import annotations

import pytest

from provenance.attribution.quotes import extract_quotes
from provenance.models import Article


def _source(text: str, cue: str) -> str:
    qs = [q for q in extract_quotes(Article(id="a", path="a.txt", text=text)) if q.cue == cue]
    assert qs and qs[0].speaker_span is not None
    s, e = qs[0].speaker_span
    return text[s:e]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # a bracketed party tag before the appositive: the name, not the appositive
        (
            "Mayor Ana Ruiz (D), a longtime rival of the governor, conceded that the vote was lost.",
            "conceded",
            "Mayor Ana Ruiz",
        ),
        # a past participle phrase opening the sentence
        (
            "Worried by the flooding in Ohio, Senator Tom Hale, the panel chair, said that aid would come.",
            "said",
            "Senator Tom Hale",
        ),
        # a thousands separator is not a phrase break
        (
            "In Denver, where tickets cost $12,500 each, Lara Quinn, the organiser, argued that prices were fair.",
            "argued",
            "Lara Quinn",
        ),
        # an adverbial piece opening with a word that is no preposition we list
        (
            "Outside the stadium, a growing crowd of fans, still hopeful, are warning against a sale.",
            "are warning",
            "a growing crowd of fans",
        ),
    ],
)
def test_subject_after_opening_piece(text: str, cue: str, source: str) -> None:
    assert _source(text, cue) == source


def test_ampersand_joins_a_name() -> None:
    text = '"We are not leaving," one AT&T engineer told Reuters.'
    (q,) = extract_quotes(Article(id="a", path="a.txt", text=text))
    assert q.speaker_span is not None
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "one AT&T engineer"
    assert q.text == '"We are not leaving,"'


def test_title_quote_after_preposition_is_not_content() -> None:
    text = 'On "Meet the Press," Gov. Ann Lee (R), who won in May, identified high rents as the main worry.'
    q = next(q for q in extract_quotes(Article(id="a", path="a.txt", text=text)) if q.cue == "identified")
    assert q.text == "high rents as the main worry"


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # a one-word sentence adverb before the comma is no subject
        (
            "Recently, Tom Ames of Dover stood at a rally here to say he was leaning toward the governor.",
            "say",
            "Tom Ames",
        ),
        (
            "Now, after arguing that the race had narrowed, his team is suggesting that the governor should quit.",
            "arguing",
            "his team",
        ),
        # a measure of time before a fronted participle: the main clause's subject
        (
            "Eight years after backing the senator, the billionaire owner Ray Cole is once again sizing up the field.",
            "backing",
            "the billionaire owner Ray Cole",
        ),
    ],
)
def test_subject_after_opening_adverb_or_measure(text: str, cue: str, source: str) -> None:
    assert _source(text, cue) == source


def test_fronted_participle_content_ends_at_the_main_clause() -> None:
    text = "Eight years after backing the senator, the billionaire owner Ray Cole is once again sizing up the field."
    qs = [q for q in extract_quotes(Article(id="a", path="a.txt", text=text)) if q.cue == "backing"]
    assert qs[0].text == "the senator"


def test_participle_after_a_preposition_names_no_speaker() -> None:
    """'In a memo released as polls closed, X said': the memo is a preposition's object that a
    participle describes, not a subject with its verb."""
    text = "In a memo released as polls closed Tuesday, the campaign manager said the race would go on."
    qs = {q.cue: q for q in extract_quotes(Article(id="a", path="a.txt", text=text))}
    assert "released" not in qs or qs["released"].speaker_span is None
    assert _source(text, "said") == "the campaign manager"
