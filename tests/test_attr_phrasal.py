"""Phrasal reporting verbs: the particle is part of the cue, not the start of the content."""

from __future__ import annotations

from provenance.attribution.quotes import extract_quotes
from provenance.models import Article


def test_pointed_out_keeps_the_particle_in_the_cue() -> None:
    text = "The harbour master pointed out that the gates had never been tested in a storm."
    [q] = extract_quotes(Article(id="t", path="t.txt", text=text))
    assert q.text == "that the gates had never been tested in a storm"
    assert q.cue == "pointed out"
    assert q.speaker and q.speaker.endswith("harbour master")
