"""Shared helpers of the attribution tests: run the extractor on one text, read a source span."""

from __future__ import annotations

from provenance.attribution.quotes import extract_quotes
from provenance.models import Article, Quote


def quotes_of(text: str) -> list[Quote]:
    """The attribution relations the extractor finds in ``text`` (one article)."""
    return extract_quotes(Article(id="a", path="a.txt", text=text))


def source_of(text: str, q: Quote) -> str | None:
    """The source (speaker) span of ``q`` as written in ``text``; None when it names none."""
    return None if q.speaker_span is None else text[q.speaker_span[0] : q.speaker_span[1]]
