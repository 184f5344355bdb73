"""Segment stage: one analysis per article -- paragraphs, sentences, tokens and quotation spans,
with their original character offsets.

Made once per article and read by every later stage (quotes, claims, drift, related
articles), so they all see the same words at the same offsets instead of each tokenising the
text its own way.  Plain regular expressions on purpose: later stages need exact offsets into
the extracted text, and news prose is regular enough that a rule set with an abbreviation
guard does as well as a heavyweight tokenizer at a fraction of the cost.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array

from . import wordlists as W
from .models import OFFSET_TYPE, Analysis, Article, Offsets, Sentence, Span
from .quotations import quotation_spans

_PARA_BREAK = re.compile(r"\n\s*")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space
# and something that can start a sentence.
_SENT_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
# Abbreviations and titles whose period ends no sentence ("Mr.", "Jan.", "U.S.").
_ABBREV = W.words("segment", "abbreviations")
#: A word: letters and digits, with inner apostrophes ("don't", "Hussein’s").
WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
#: A token: an abbreviation ("U.S.", "Sen."), a word with inner apostrophes, hyphens or
#: periods ("don't", "e-mail", "3.5"), a typed dash ("--") or one other non-space character.
#: Splitting a token's word at its hyphens and periods gives exactly the :data:`WORD` matches.
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|St|Prof|Rev|Sens|Reps)\.(?=\s)"
    r"|\w+(?:['’\-.]\w+)*"
    r"|--"
    r"|[^\w\s]"
)
_TOKEN_SPLIT = re.compile("(" + TOKEN.pattern + ")")
# Typewriter dashes: a doubled hyphen, or a hyphen with a space on each side ("X -- an aide --").
_TYPED_DASH = re.compile(r"--|(?<= )-(?= )")
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


def segment(article: Article) -> Analysis:
    """Analyse an article once: paragraphs, sentences, tokens, quotations (offsets into its text)."""
    return analyse(article.id, article.text, article.paragraphs or paragraph_spans(article.text))


def analyse(article_id: str, text: str, paragraphs: tuple[Span, ...] | list[Span]) -> Analysis:
    """The :class:`~provenance.models.Analysis` of ``text`` split into ``paragraphs``.

    Paragraph spans come from other stages: only well-formed spans inside the text are kept.
    """
    paras = tuple((ps, pe) for ps, pe in paragraphs if 0 <= ps < pe <= len(text))
    sents: list[Sentence] = []
    for i, (ps, pe) in enumerate(paras):
        sents.extend(Sentence(span, i) for span in sentence_spans(text, ps, pe))
    starts, ends = token_offsets(text)
    return Analysis(
        article=article_id,
        paragraphs=paras,
        sentences=tuple(sents),
        text=text,
        token_starts=starts,
        token_ends=ends,
        quotations=tuple(quotation_spans(text, paras)),
    )


def token_offsets(text: str) -> tuple[Offsets, Offsets]:
    """Start and end offsets of the :data:`TOKEN` tokens of ``text`` (parallel arrays).

    Built with ``re.split`` and ``itertools.accumulate``: a megabyte of text costs C-speed work
    only.  Kept as 32-bit arrays, not tuples of ints: a trace holds every article's analysis at
    once, and an offset above 256 is a 28-byte object in a tuple but 4 bytes in an array.
    """
    parts = _TOKEN_SPLIT.split(text)
    bounds = list(itertools.accumulate(map(len, parts)))
    n = len(parts) // 2
    return array(OFFSET_TYPE, bounds[0 : 2 * n : 2]), array(OFFSET_TYPE, bounds[1::2])


def token_texts(analysis: Analysis) -> list[str]:
    """Each token as written."""
    return list(map(analysis.text.__getitem__, map(slice, analysis.token_starts, analysis.token_ends)))


def token_lows(analysis: Analysis) -> list[str]:
    """Each token lower-cased, ’ folded to ' and a typed dash ("--", " - ") read as the em dash
    it stands for: the forms the quote pass matches its word lists against."""
    text, starts, ends = analysis.text, analysis.token_starts, analysis.token_ends
    low = text.lower().replace("’", "'")
    if len(low) == len(text):
        lows = list(map(low.__getitem__, map(slice, starts, ends)))
    else:  # lower() changed a length (rare Unicode): fold token by token
        lows = [text[s:e].lower().replace("’", "'") for s, e in zip(starts, ends, strict=True)]
    for m in _TYPED_DASH.finditer(text):
        i = bisect.bisect_left(starts, m.start())
        if i < len(starts) and starts[i] == m.start():
            lows[i] = "—"
    return lows


def words(analysis: Analysis) -> list[tuple[str, int, int]]:
    """Normalised word tokens with their original offsets, from the analysis' tokens.

    The tokens that hold a word, split at inner hyphens and periods ("e-mail" -> "e", "mail";
    "U.S." -> "u", "s") and normalised (:func:`normalise`): the same words and offsets as
    :func:`token_spans` of the text, which the reuse path and claims compare across articles.
    """
    text = analysis.text
    fast = text.isascii()
    out: list[tuple[str, int, int]] = []
    for s, e in zip(analysis.token_starts, analysis.token_ends, strict=True):
        c = text[s]
        if not (c.isalnum() or c == "_"):
            continue  # punctuation: no word
        tok = text[s:e]
        if "-" in tok or "." in tok:
            out.extend(
                (m.group(0).lower() if fast else normalise(m.group(0)), m.start(), m.end())
                for m in WORD.finditer(text, s, e)
            )
        else:
            out.append((tok.lower() if fast else normalise(tok), s, e))
    return out


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
