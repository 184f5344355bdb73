"""Sources kept where a rule used to drop them: progressives, raised cues, opening names."""

from __future__ import annotations

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
