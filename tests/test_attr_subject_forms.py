"""Subject forms a cue's source may take: agreement with a noun-like verb, contracted
pronouns, coordinated and indefinite subjects; and cue forms with a doubled consonant."""

from __future__ import annotations

from attr_helpers import quotes_of as _quotes
from attr_helpers import source_of as _source

from provenance.attribution import cues as C
from provenance.models import Quote


def _by_cue(text: str, cue: str) -> Quote:
    return next(q for q in _quotes(text) if q.cue.endswith(cue))


def test_plural_noun_then_bare_noun_like_cue_is_subject_and_verb() -> None:
    text = "Marine biologists hope the new reef will draw fish back within a decade."
    q = _by_cue(text, "hope")
    assert _source(text, q) == "Marine biologists"
    assert q.text == "the new reef will draw fish back within a decade"


def test_noun_like_cue_followed_by_that_is_a_verb() -> None:
    text = "The lawsuit claims that the landlord ignored repeated repair requests."
    q = _by_cue(text, "claims")
    assert _source(text, q) == "The lawsuit"
    assert q.text == "that the landlord ignored repeated repair requests"


def test_noun_compound_still_is_no_cue() -> None:
    text = "The county plans were shelved after the flood."
    assert not any(q.cue == "plans" for q in _quotes(text))


def test_doubled_consonant_forms_are_cues() -> None:
    assert C.CUE_FORMS.get("slammed") == "slam"
    assert C.CUE_FORMS.get("quipped") == "quip"
    text = "The mayor slammed the council for delaying the budget vote."
    q = _by_cue(text, "slammed")
    assert _source(text, q) == "The mayor"


def test_contracted_pronoun_is_the_source() -> None:
    text = "The tenants are angry and they've complained that the heat is off."
    q = _by_cue(text, "complained")
    assert _source(text, q) == "they've"
    assert q.text == "that the heat is off"


def test_indefinite_pronoun_subject() -> None:
    text = "Almost everyone agrees the old stadium should be torn down."
    q = _by_cue(text, "agrees")
    assert _source(text, q) == "Almost everyone"


def test_coordinated_subject_after_comma() -> None:
    text = "The audit is nearly finished, current and former auditors said."
    q = _by_cue(text, "said")
    assert _source(text, q) == "current and former auditors"
    assert q.text == "The audit is nearly finished"


def test_coordinated_subject_needs_a_phrase_start() -> None:
    text = "The chef met the owners and critics said the menu was bland."
    q = _by_cue(text, "said")
    assert _source(text, q) == "critics"


def test_content_ends_before_a_participle_clause() -> None:
    text = "The senator criticized the budget, leaving the agency without funds for a year."
    q = _by_cue(text, "criticized")
    assert q.text == "the budget"


def test_opening_adjunct_pieces_hold_no_subject() -> None:
    text = "In a letter sent Friday, Senator Ana Ruiz toured three plants, promising new jobs."
    q = _by_cue(text, "promising")
    assert _source(text, q) == "Senator Ana Ruiz"


def test_fronted_participle_takes_the_main_subject() -> None:
    text = "While praising the nurses, the hospital director warned that beds were running out."
    q = _by_cue(text, "praising")
    assert _source(text, q) == "the hospital director"
    assert q.text == "the nurses"


def test_fronted_participle_after_despite() -> None:
    text = "Despite criticizing the merger, the regulator approved it."
    q = _by_cue(text, "criticizing")
    assert _source(text, q) == "the regulator"


def test_participle_borrows_an_opening_pronoun_or_possessive_subject() -> None:
    text = "She, too, is a cautious planner, insisting that the budget be balanced."
    assert _source(text, _by_cue(text, "insisting")) == "She"
    text = "His union sued the city on Friday, claiming the cuts broke the contract."
    assert _source(text, _by_cue(text, "claiming")) == "His union"


def test_participle_borrows_a_name_ending_at_its_comma() -> None:
    text = "Dr. Amara Obi, recalling her first year at the clinic, described it as chaos."
    q = _by_cue(text, "recalling")
    assert _source(text, q) == "Dr. Amara Obi"


def test_bare_cue_after_determiner_and_modifier_is_a_noun() -> None:
    text = "A controversial tweet drew complaints from readers."
    assert not any(q.cue == "tweet" for q in _quotes(text))
    text = "The senators say the bill is dead."
    assert _source(text, _by_cue(text, "say")) == "The senators"


def test_demonstrative_subject_is_not_a_time_word() -> None:
    """'This group recognizes': "this" opens a subject here, not a time ("this week")."""
    text = "This group recognizes that the plan has flaws."
    assert _source(text, _by_cue(text, "recognizes")) == "This group"
    text = "This week the mayor said the budget was balanced."
    assert _source(text, _by_cue(text, "said")) == "the mayor"


def test_neither_opens_a_subject() -> None:
    text = "The council praised the mayor, but neither side would say how much the deal cost."
    q = _by_cue(text, "would say")
    assert _source(text, q) == "neither side"
    assert q.text == "how much the deal cost"


def test_participle_hangs_on_the_nearer_coordinated_clause() -> None:
    """'X say A, and Y has sued B, saying C': Y says C; a ', and' clause with a determined
    subject also ends X's content."""
    text = (
        "Residents say the new rules are unfair, and the tenants union has already sued the city "
        "over them, saying the rules violate state law."
    )
    assert _by_cue(text, "say").text == "the new rules are unfair"
    assert _source(text, _by_cue(text, "saying")) == "the tenants union"


def test_participle_after_a_quoted_speech_tag_keeps_its_speaker() -> None:
    text = "The mayor said the budget was balanced and taxes would fall, adding that no cuts were planned."
    assert _source(text, _by_cue(text, "adding")) == "The mayor"
