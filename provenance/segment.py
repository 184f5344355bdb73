"""Segment stage: paragraphs and sentences with their original character offsets.

Plain regular expressions on purpose: later stages (alignment, quotes, claims) need exact
offsets into the extracted text, and news prose is regular enough that a rule set with an
abbreviation guard does as well as a heavyweight tokenizer at a fraction of the cost.
"""

from __future__ import annotations

import re
import unicodedata

from .models import Article, Segments, Sentence, Span

_PARA_BREAK = re.compile(r"\n\s*")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space
# and something that can start a sentence.
_SENT_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "st",
        "mt",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
        "ft",
        "ave",
        "rev",
        "hon",
        "pres",
        "supt",
        "cmdr",
        "adm",
        "maj",
        "messrs",
    ]
)
#: A word: letters and digits, with inner apostrophes ("don't", "Hussein’s").
WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Non-empty lines (paragraphs) of ``text`` as spans, stripped of surrounding space."""
    spans: list[Span] = []
    start = 0
    for m in _PARA_BREAK.finditer(text):
        _add_stripped(text, start, m.start(), spans)
        start = m.end()
    _add_stripped(text, start, len(text), spans)
    return tuple(spans)


def _add_stripped(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at ``end`` closes an abbreviation or an initial."""
    j = end - 1
    while j >= 0 and (text[j].isalpha() or text[j] == "."):
        j -= 1
    word = text[j + 1 : end].rstrip(".").lower()
    if not word:
        return False
    if len(word) == 1:  # an initial: "Donald J. Trump"
        return True
    return word in _ABBREV


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as absolute spans."""
    end = len(text) if end is None else end
    out: list[Span] = []
    s = start
    for m in _SENT_END.finditer(text, start, end):
        dot = m.start() + len(m.group(0).rstrip("\"'”’)]"))
        if (
            m.group(0).startswith(".")
            and len(m.group(0).rstrip("\"'”’)]")) == 1
            and _is_abbreviation(text, m.start() + 1)
        ):
            continue
        _add_stripped(text, s, max(dot, m.end()), out)
        s = m.end()
    _add_stripped(text, s, end, out)
    return out


def segment(article: Article) -> Segments:
    """Split an article into paragraphs and sentences (offsets into ``article.text``)."""
    paras = article.paragraphs or paragraph_spans(article.text)
    sents: list[Sentence] = []
    for i, (ps, pe) in enumerate(paras):
        sents.extend(Sentence(span, i) for span in sentence_spans(article.text, ps, pe))
    return Segments(article=article.id, paragraphs=tuple(paras), sentences=tuple(sents))


def _fold(text: str) -> str:
    """Decompose, drop accents, case-fold (each step works character by character)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("’", "'").replace("‘", "'")


def _fold_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return run.lower() if run.isascii() else _fold(run)


def normalise(text: str) -> str:
    """Fold case, accents and typographic quotes so copies compare equal to their source."""
    if text.isascii():  # the common case, and 50x faster than decomposing every character
        return text.lower()
    # Mostly-ASCII text with a few curly quotes or accented names: fold only the non-ASCII runs.
    # The same result as folding it all, since decomposition, accent removal and case folding
    # each map one character at a time (accents all have a combining class, so the reordering
    # decomposition does among them cannot change what is left).
    return _ASCII_RUNS.sub(_fold_run, text)


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``."""
    return WORD.findall(normalise(text))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Normalised tokens with their original offsets (normalisation never moves a word)."""
    if text.isascii():  # lower-casing ASCII moves no offset and changes no word boundary
        return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text.lower())]
    return [(normalise(m.group(0)), m.start(), m.end()) for m in WORD.finditer(text)]
