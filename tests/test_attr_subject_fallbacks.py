"""Sources kept where a rule used to drop them: progressives, raised cues, opening names."""

from __future__ import annotations

import pytest
from attr_helpers import quotes_of, source_of

from provenance.attribution.quotes import extract_quotes
from provenance.models import Article, Quote


def _source_of(text: str, cue_word: str) -> str | None:
    qs: list[Quote] = [
        q for q in extract_quotes(Article(id="a", path="a.txt", text=text)) if q.cue.split()[-1] == cue_word
    ]
    assert len(qs) == 1, [(q.cue, q.text) for q in qs]
    sp = qs[0].speaker_span
    return text[sp[0] : sp[1]] if sp is not None else None


def test_progressive_tell_keeps_its_speaker() -> None:
    text = "Governor Ama Pell is telling farmers in Lyle County that the water rules will ease."
    assert _source_of(text, "telling") == "Governor Ama Pell"


def test_passive_ask_still_has_no_asker() -> None:
    text = "The mayor was asked whether the depot would close."
    assert _source_of(text, "asked") is None


def test_raising_verb_with_a_cue_of_its_own_keeps_the_subject() -> None:
    text = "The union seems to agree that the shift pattern must change."
    assert _source_of(text, "seems") == "The union"
    text2 = "Interest in the fair seems to have faded this year."
    assert _source_of(text2, "seems") is None


def test_participle_borrows_an_opening_name_when_no_known_verb_ends_it() -> None:
    text = "Rosa Quintero threw her weight behind the levy on Monday, saying the schools cannot wait."
    assert _source_of(text, "saying") == "Rosa Quintero"


def test_passive_ask_names_the_asker_after_by() -> None:
    text = "The mayor was asked by radio host Lena Ortiz whether the depot would close."
    assert _source_of(text, "asked") == "radio host Lena Ortiz"
    text2 = '"Not yet," the minister said when asked by a reporter if the budget was final.'
    assert _source_of(text2, "asked") == "a reporter"


def test_adverb_back_names_no_source() -> None:
    for text, cue in (
        ("The levy dates back to the flood of 1952, when the river broke its banks.", "back"),
        ("After a month abroad, the senator was back home in Ohio to meet farmers.", "back"),
        ("Looking back at the season, the coach thought the team had played well.", "back"),
    ):
        qs = [q for q in quotes_of(text) if q.cue.split()[-1] == cue]
        assert all(q.speaker_span is None for q in qs), (text, [source_of(text, q) for q in qs])


def test_verb_back_keeps_its_source() -> None:
    text = "Local farmers back the new water plan."
    assert _source_of(text, "back") == "Local farmers"
    text2 = "Then the senator was back to insisting that the vote was rigged."
    assert _source_of(text2, "back") == "the senator"


def test_inverted_speaker_with_a_lower_case_title() -> None:
    text = "The river has never been this low in June, says hydrologist Mara Quill in Tulsa."
    assert _source_of(text, "says") == "hydrologist Mara Quill in Tulsa"
    text2 = "The dam will hold for another decade, said former county engineer Ed Rourke."
    assert _source_of(text2, "said") == "former county engineer Ed Rourke"
    assert [q.text for q in quotes_of(text2)] == ["The dam will hold for another decade"]


def test_told_a_common_noun_then_an_adjunct_puts_the_content_left() -> None:
    text = "The county had followed the rules of every other state, she told the court in a filing."
    qs = [q for q in quotes_of(text) if q.cue == "told"]
    assert [(source_of(text, q), q.text) for q in qs] == [
        ("she", "The county had followed the rules of every other state")
    ]


def test_passive_agent_of_a_later_infinitive_is_not_the_source() -> None:
    text = "The post is expected to be filled by Deputy Mayor Ana Ruiz next spring."
    assert _source_of(text, "expected") is None
    text2 = "The plan was described to him by a county engineer last week."
    assert _source_of(text2, "described") == "a county engineer"


def test_coordinated_verb_after_a_fronted_clause_shares_the_main_subject() -> None:
    text = (
        "As the band began to play, Mayor Ruth Okafor took the stage and joked that the park was finally dry."
    )
    assert _source_of(text, "joked") == "Mayor Ruth Okafor"


def test_made_clear_is_a_stance_cue() -> None:
    text = "Several farmers made it clear that they would not sell their land to the county."
    qs = [q for q in quotes_of(text) if q.cue.endswith("clear")]
    assert [(source_of(text, q), q.text) for q in qs] == [
        ("Several farmers", "that they would not sell their land to the county")
    ]
    text2 = "The mayor has made clear she will veto the budget."
    qs2 = [q for q in quotes_of(text2) if q.cue.endswith("clear")]
    assert [(source_of(text2, q), q.text) for q in qs2] == [("The mayor", "she will veto the budget")]
    text3 = "The stakes were made clear by the storm."
    assert not [q for q in quotes_of(text3) if q.cue.endswith("clear")]


def test_thought_is_a_cue_only_after_a_subject() -> None:
    text = "Ms. Ferro thought the levy would pass easily."
    assert _source_of(text, "thought") == "Ms. Ferro"
    text2 = "The thought of another flood kept the town awake."
    assert not [q for q in quotes_of(text2) if q.cue.endswith("thought")]


def test_as_x_put_it_names_the_speaker_of_the_quotation() -> None:
    text = "As Professor Lena Marsh put it, “The river does not care about county lines.”"
    qs = [q for q in quotes_of(text) if q.cue.endswith("put it")]
    assert [(source_of(text, q), q.text) for q in qs] == [
        ("Professor Lena Marsh", "“The river does not care about county lines.”")
    ]
    text2 = "Tom Ruiz, a county engineer, put it: “We built the levee for a smaller river.”"
    qs2 = [q for q in quotes_of(text2) if q.cue.endswith("put it")]
    assert [source_of(text2, q) for q in qs2] == ["Tom Ruiz"]


def test_gated_cue_forms_after_a_subject() -> None:
    text = "She felt the council had ignored the farmers."
    assert _source_of(text, "felt") == "She"
    text2 = "Mr. Obeng considered the plan too costly for the county."
    assert _source_of(text2, "considered") == "Mr. Obeng"


# The learned cue decision (attribution/cue_model.py) replaced the gated-form table; on these
# it errs where the table was right.  Strict xfails: a retrained model that gets one right
# fails the suite until the case leaves this list.
_LEARNED_GATE_ERRORS = [
    ("The plan, considered too costly, was shelved.", "considered"),
    ("She read the report twice before the meeting.", "read"),
]


@pytest.mark.parametrize(("text", "cue"), _LEARNED_GATE_ERRORS)
@pytest.mark.xfail(reason="the learned cue decision reads this form as a cue here", strict=True)
def test_learned_gate_known_errors(text: str, cue: str) -> None:
    assert not [q for q in quotes_of(text) if q.cue.endswith(cue)]


def test_gated_find_and_planned() -> None:
    text = "Investigators find that the levee failed in two places."
    assert _source_of(text, "find") == "Investigators"
    text2 = "Ms. Lee planned to sue the county over the flooding."
    assert _source_of(text2, "planned") == "Ms. Lee"
    text3 = "The planned levy would raise $4 million."
    assert not [q for q in quotes_of(text3) if q.cue.endswith("planned")]


def test_read_beside_a_quotation_is_a_cue() -> None:
    text = "“The levee will hold through the spring,” the county statement read."
    assert _source_of(text, "read") == "the county statement"
    text2 = "The sign on the gate read: “No trucks after dark.”"
    assert _source_of(text2, "read") == "The sign on the gate"


def test_gated_ordered_and_signed() -> None:
    text = "Judge Amos ordered the county to release the flood maps."
    assert _source_of(text, "ordered") == "Judge Amos"
    text2 = "The ordered maps arrived late."
    assert not [q for q in quotes_of(text2) if q.cue.endswith("ordered")]


def test_spoke_with_only_a_setting_is_no_relation() -> None:
    for text in (
        "The governor spoke at a rally in Dayton on Friday.",
        "Ms. Ortiz spoke for nearly an hour.",
    ):
        assert not [q for q in quotes_of(text) if q.cue.endswith("spoke")], text
    text2 = "The governor spoke at length about the flood insurance plan."
    assert _source_of(text2, "spoke") == "The governor"


def test_phrasal_stance_verbs_laid_out_and_went_after() -> None:
    text = "Mayor Ruth Okafor laid out a plan to rebuild the levee by 2030."
    qs = [q for q in quotes_of(text) if q.cue.endswith("laid out")]
    assert [(source_of(text, q), q.text) for q in qs] == [
        ("Mayor Ruth Okafor", "a plan to rebuild the levee by 2030")
    ]
    text2 = "Senator Hale went after the county board for the delays."
    qs2 = [q for q in quotes_of(text2) if q.cue.endswith("went after")]
    assert [source_of(text2, q) for q in qs2] == ["Senator Hale"]
    text3 = "The lights went out after the storm."
    assert not [q for q in quotes_of(text3) if q.cue.endswith(("out", "after"))]


def test_phrasal_stance_verbs_sent_out_and_weighed_in() -> None:
    text = "Governor Hale weighed in on the levee vote late on Monday."
    assert [source_of(text, q) for q in quotes_of(text) if q.cue.endswith("weighed in")] == ["Governor Hale"]
    text2 = "The county sent out a notice that the road would close."
    qs = [q for q in quotes_of(text2) if q.cue.endswith("sent out")]
    assert [source_of(text2, q) for q in qs] == ["The county"]
    text3 = "In the end, the board voted no."
    assert not [q for q in quotes_of(text3) if q.cue.endswith("in")]
