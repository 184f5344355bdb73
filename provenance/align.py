"""Align stage: which stretches of two texts are the same text, with offsets in both.

Seed-and-extend, as passim and TextPAIR do it: every word ``seed``-gram the two texts share is
a seed; seeds on one diagonal (same offset between the texts) that touch form exact runs;
runs that follow each other within a few words in *both* texts are chained into one passage,
so a sentence with a word swapped, dropped or added still comes out as one aligned passage
instead of several fragments.  Only candidate pairs are aligned (never all pairs), and the
work per pair is linear in the two texts plus the number of shared seeds.

Tokens covered by boilerplate (see :mod:`provenance.boilerplate`) never seed: a shared
subscription blurb is not evidence that one text came from the other.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .models import Analysis, Span
from .segment import WORD, normalise, paragraph_spans, words

log = logging.getLogger(__name__)

#: Character offsets of tokens: 32 bits (as :data:`provenance.models.OFFSET_TYPE`; texts are
#: capped far below 2 GB), half the memory of numpy's default int64 for every token held.
OFFSET = np.int32

#: A passage counts as "only quotation" when at least this share of its words (in both texts)
#: sits inside quotation marks; a copied paragraph that merely contains a quote is prose.
QUOTE_ONLY_SHARE = 0.8


@dataclass(frozen=True)
class AlignParams:
    """Alignment knobs (chosen on the dev crawl, see docs/reuse.md).

    ``seed``: words per seed n-gram; ``max_gap``: words allowed between two runs of one
    passage in either text; ``min_tokens``: matched words a passage needs to count at all;
    ``min_run``: the longest exact run in a passage must reach this many words (a formula such
    as "first published by <name> and is republished" is two short runs around a gap);
    ``min_quote_tokens``: the same for a passage inside quotation marks in both texts (a
    quotation is short but distinctive); ``max_seed_repeats``: seeds occurring more often in
    one text are ignored (repetitive phrases give no position information).
    """

    seed: int = 3
    max_gap: int = 6
    min_tokens: int = 10
    min_run: int = 7
    min_quote_tokens: int = 6
    max_seed_repeats: int = 4
    min_density: float = 0.5


@dataclass(frozen=True, eq=False)
class DocTokens:
    """A text's normalised tokens with character offsets (:data:`OFFSET`) and per-token flags."""

    text: str
    tokens: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray
    boilerplate: np.ndarray  # bool per token
    quoted: np.ndarray  # bool per token: inside quotation marks or their attribution frame
    marked: np.ndarray | None = None  # int per token: 1 + index of its quotation, 0 outside marks

    @property
    def content_tokens(self) -> int:
        """Tokens that are not boilerplate (the denominator of containment)."""
        return int(len(self.tokens) - int(self.boilerplate.sum()))


@dataclass(frozen=True)
class AlignedPassage:
    """One aligned stretch: token ranges ``[a0, a1)`` / ``[b0, b1)`` and char spans in both texts."""

    a_tokens: tuple[int, int]
    b_tokens: tuple[int, int]
    a_span: Span
    b_span: Span
    matched: int
    quoted: bool
    quote_share: float = 0.0


@dataclass(frozen=True)
class Alignment:
    """The aligned passages of a pair and the scores derived from them.

    ``containment_a`` = share of A's non-boilerplate words aligned to B (and vice versa);
    ``jaccard`` = aligned words over the union of both texts' non-boilerplate words.
    """

    passages: tuple[AlignedPassage, ...]
    matched_a: int
    matched_b: int
    content_a: int
    content_b: int
    prose_a: int = 0  # aligned words outside quotation marks (and their frames), in A
    prose_b: int = 0

    @property
    def prose_tokens(self) -> int:
        """Aligned words outside quotations in both texts: text one wrote and the other took."""
        return min(self.prose_a, self.prose_b)

    @property
    def containment_a(self) -> float:
        return self.matched_a / self.content_a if self.content_a else 0.0

    @property
    def containment_b(self) -> float:
        return self.matched_b / self.content_b if self.content_b else 0.0

    @property
    def jaccard(self) -> float:
        inter = min(self.matched_a, self.matched_b)
        union = self.content_a + self.content_b - inter
        return inter / union if union > 0 else 0.0

    @property
    def aligned_tokens(self) -> int:
        return min(self.matched_a, self.matched_b)

    @property
    def only_quotes(self) -> bool:
        """True when every aligned passage is quotation text (the copy shares only quotes)."""
        return bool(self.passages) and all(p.quote_share >= QUOTE_ONLY_SHARE for p in self.passages)

    @property
    def mostly_quotes(self) -> bool:
        """True when every aligned passage is at least half quotation (short ones may count)."""
        return bool(self.passages) and all(p.quoted for p in self.passages)


def quotation_spans(text: str, analysis: Analysis | None = None) -> list[Span]:
    """Character spans of text inside quotation marks (marks excluded), in text order.

    Double marks are paired as the segment stage pairs them (straight, curly and ``''``
    marks, quotes continued over paragraphs: the analysis' quotations, when ``analysis`` is
    given, else :func:`_double_quotes`); guillemets and „…“ by pattern; single marks as
    British papers use them ('... ,' he said) by :func:`_single_quotes`, outside the
    double-quoted stretches.
    """
    paragraphs = analysis.paragraphs if analysis is not None else paragraph_spans(text)
    spans = _unmarked(text, analysis.quotations) if analysis is not None else _double_quotes(text, paragraphs)
    spans += [(m.start() + 1, m.end() - 1) for m in _OTHER_QUOTES.finditer(text)]
    spans += _single_quotes(text, paragraphs, spans)
    spans.sort()
    out: list[Span] = []
    for s, e in spans:  # nested or overlapping pairs: keep the outer stretch
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        elif e - s >= 3:
            out.append((s, e))
    return out


def _double_quotes(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """Double-quoted stretches, marks stripped: the one place this stage calls the attribution
    stage's pairing (so a move of that function is a one-line change here)."""
    from .attribution.quote_marks import quotation_spans as paired

    return _unmarked(text, paired(text, list(paragraphs)))


def _unmarked(text: str, spans: Sequence[Span]) -> list[Span]:
    """Quotation spans without their marks."""
    out = []
    for s, e in spans:
        while s < e and text[s] in "\"“”'":
            s += 1
        while e > s and text[e - 1] in "\"“”'":
            e -= 1
        out.append((s, e))
    return out


_OTHER_QUOTES = re.compile(r"«[^«»\n]{3,}?»|„[^„“”\n]{3,}?[“”]")
_SINGLE = re.compile(r"['‘’]")
_OPEN_BEFORE = ' \t\n([{—–-:"“'
_CLOSE_AFTER = ' \t\n.,;:!?)]}—–-"”'
#: Longest single-quoted stretch paired (characters): longer ones are stray apostrophes.
MAX_SINGLE_QUOTE = 1500


def _single_quotes(text: str, paragraphs: Sequence[Span], double: Sequence[Span]) -> list[Span]:
    """Single-quoted stretches ('...' or ‘...’) within a paragraph, outside ``double`` ones.

    A mark opens when it starts a word (space or bracket before, a letter or digit after) and
    closes when it ends one (a non-space before, space or punctuation after); a mark between
    two letters is an apostrophe (don't, O'Neill) and neither.  An open mark left unclosed at
    the end of its paragraph is dropped.
    """
    out: list[Span] = []
    inside = sorted(double)
    for ps, pe in paragraphs:
        open_at = -1
        for m in _SINGLE.finditer(text, ps, pe):
            i = m.start()
            before = text[i - 1] if i > ps else " "
            after = text[i + 1] if i + 1 < pe else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe
            if open_at < 0:
                if (before in _OPEN_BEFORE or i == ps) and after.isalnum() and text[i] != "’":
                    open_at = i
            elif not before.isspace() and (after in _CLOSE_AFTER or i + 1 == pe) and text[i] != "‘":
                if i - open_at <= MAX_SINGLE_QUOTE and not _overlaps(open_at, i, inside):
                    out.append((open_at + 1, i))
                open_at = -1
    return out


def _overlaps(s: int, e: int, spans: Sequence[Span]) -> bool:
    return any(a < e and s < b for a, b in spans)


# The attribution frame of a quotation: a short clause that opens a sentence and ends in a
# colon right before the quotation ("Beck was quoted as saying: “…”"), or a short tail that
# closes the sentence right after it ("…,” Beck said.").  Copying a quotation brings its
# frame along, so the frame is quoting, not prose shared between two texts.
_FRAME_BEFORE = re.compile(r"(?:^|(?<=[.!?]\s))([^.!?\n“”\"]{1,80}):\s*[“\"]", re.M)
_FRAME_AFTER = re.compile(r"[“”\"]\s*([^.!?\n“”\"]{1,40})[.!?]")


def frame_spans(text: str, quotes: Sequence[Span]) -> list[Span]:
    """Character spans of the attribution frames of ``quotes`` (see ``_FRAME_BEFORE``)."""
    frames: list[Span] = []
    for qs, qe in quotes:
        m = _FRAME_BEFORE.search(text, max(0, qs - 90), qs)
        if m and m.end() == qs and len(m.group(1).split()) <= 8:
            frames.append((m.start(1), m.end(1)))
        m = _FRAME_AFTER.match(text, qe) if qe > 0 and text[qe - 1] in ",?!" else None
        if m and len(m.group(1).split()) <= 5:
            frames.append((m.start(1), m.end(1)))
    return frames


def analysed_tokens(analysis: Analysis) -> DocTokens:
    """:func:`doc_tokens` read from the article's analysis (its words and quotations) instead
    of tokenising and pairing quotation marks again."""
    found = words(analysis)
    # interned: the engine holds every document's tokens at once, and news repeats its words
    # (one string each, not one per occurrence)
    toks = tuple(sys.intern(w) for w, _, _ in found)
    starts = np.fromiter((s for _, s, _ in found), dtype=OFFSET, count=len(found))
    ends = np.fromiter((e for _, _, e in found), dtype=OFFSET, count=len(found))
    return _flagged(analysis.text, toks, starts, ends, quotation_spans(analysis.text, analysis), None)


def doc_tokens(text: str, boilerplate: np.ndarray | None = None) -> DocTokens:
    """Tokenise ``text`` and flag quoted tokens.

    Same tokens and offsets as :func:`provenance.segment.token_spans` (a test checks it).
    """
    matches = list(WORD.finditer(text))
    written = [m.group(0) for m in matches]
    # normalise() lower-cases an ASCII word; asking here spares a call for each such word
    toks = tuple(sys.intern(w.lower() if w.isascii() else normalise(w)) for w in written)
    starts = np.fromiter((m.start() for m in matches), dtype=OFFSET, count=len(matches))
    ends = starts + np.fromiter(map(len, written), dtype=OFFSET, count=len(written))
    return _flagged(text, toks, starts, ends, quotation_spans(text), boilerplate)


def _flagged(
    text: str,
    toks: tuple[str, ...],
    starts: np.ndarray,
    ends: np.ndarray,
    spans: list[Span],
    boilerplate: np.ndarray | None,
) -> DocTokens:
    """The tokens with their quotation labels (``marked``) and quoted flags (frames too)."""
    marked = np.zeros(len(toks), dtype=np.int32)
    for k, (qs, qe) in enumerate(spans):
        lo, hi = np.searchsorted(starts, qs, "left"), np.searchsorted(ends, qe, "right")
        marked[lo:hi] = k + 1
    quoted = marked > 0
    for qs, qe in frame_spans(text, spans):
        lo, hi = np.searchsorted(starts, qs, "left"), np.searchsorted(ends, qe, "right")
        quoted[lo:hi] = True
    bp = np.zeros(len(toks), dtype=bool) if boilerplate is None else np.asarray(boilerplate, dtype=bool)
    return DocTokens(text, toks, starts, ends, bp, quoted, marked)


def quotation_runs(labels: np.ndarray) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the quotations in ``DocTokens.marked`` (runs of one
    non-zero label: adjacent quotations stay apart)."""
    lab = np.asarray(labels, dtype=np.int64)
    padded = np.concatenate(([0], lab, [0]))
    change = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(s), int(e)) for s, e in zip(change[:-1], change[1:], strict=True) if lab[s] != 0]


def whole_quotation(al: Alignment, a: DocTokens, b: DocTokens, share: float = 0.8) -> bool:
    """Whether an aligned passage carries a whole quotation of either text (``share`` of its
    words at least), not a fragment of one.

    A text that took a quotation from another takes it whole, whatever frame it puts around it;
    two reports of one speech quote overlapping fragments of it.
    """
    for doc, side in ((a, "a_tokens"), (b, "b_tokens")):
        runs = quotation_runs(doc.marked if doc.marked is not None else doc.quoted)
        for p in al.passages:
            lo, hi = getattr(p, side)
            for qs, qe in runs:
                if qs < hi and lo < qe and min(qe, hi) - max(qs, lo) >= share * (qe - qs):
                    return True
    return False


SeedIndex = dict[tuple[str, ...], list[int]]


def _clean_starts(doc: DocTokens, n: int) -> list[int]:
    """Start positions of n-grams with no boilerplate token (vectorised window test)."""
    m = len(doc.tokens) - n + 1
    if m <= 0:
        return []
    c = np.concatenate(([0], np.cumsum(doc.boilerplate, dtype=np.int64)))
    return np.nonzero(c[n : n + m] - c[:m] == 0)[0].tolist()


def seed_index(doc: DocTokens, params: AlignParams = AlignParams()) -> SeedIndex:
    """n-gram -> positions in ``doc`` (boilerplate-free, repeated n-grams dropped).

    Build it once per document and pass it to :func:`align` for every pair the document is
    side A of.
    """
    n = params.seed
    idx: dict[tuple[str, ...], list[int]] = defaultdict(list)
    toks = doc.tokens
    for i in _clean_starts(doc, n):
        idx[toks[i : i + n]].append(i)
    return {k: v for k, v in idx.items() if len(v) <= params.max_seed_repeats}


def align(
    a: DocTokens, b: DocTokens, params: AlignParams = AlignParams(), index: SeedIndex | None = None
) -> Alignment:
    """Align two tokenised texts; passages below the thresholds are dropped as chance overlap.

    ``index``: :func:`seed_index` of ``a`` when the caller aligns ``a`` with many texts.
    """
    n = params.seed
    if index is None:
        index = seed_index(a, params)
    hits: list[tuple[int, int]] = []  # (diagonal i - j, j)
    toks_b = b.tokens
    get = index.get
    for j in _clean_starts(b, n):
        pos = get(toks_b[j : j + n])
        if pos is None:
            continue
        for i in pos:
            hits.append((i - j, j))
    if not hits:
        return Alignment((), 0, 0, a.content_tokens, b.content_tokens)
    hits.sort()
    # Exact runs: consecutive j on one diagonal.  run = [i0, i1) in A, [j0, j1) in B.
    runs: list[tuple[int, int, int, int]] = []
    d0, j0 = hits[0]
    jl = j0
    for d, j in hits[1:]:
        if d == d0 and j == jl + 1:
            jl = j
            continue
        runs.append((j0 + d0, jl + d0 + n, j0, jl + n))
        d0, j0, jl = d, j, j
    runs.append((j0 + d0, jl + d0 + n, j0, jl + n))
    runs.sort(key=lambda r: (r[2], r[0]))
    # Chain runs into passages: next run starts within max_gap words after the passage ends,
    # in both texts (small overlaps allowed: a repeated word can shift a run by one).
    chains: list[list[tuple[int, int, int, int]]] = []
    for r in runs:
        best = None
        best_cost = None
        for c in chains:
            last = c[-1]
            ga, gb = r[0] - last[1], r[2] - last[3]
            if -n <= ga <= params.max_gap and -n <= gb <= params.max_gap:
                cost = abs(ga) + abs(gb)
                if best_cost is None or cost < best_cost:
                    best, best_cost = c, cost
        if best is None:
            chains.append([r])
        else:
            best.append(r)
    passages: list[AlignedPassage] = []
    cover_a = np.zeros(len(a.tokens), dtype=bool)
    cover_b = np.zeros(len(b.tokens), dtype=bool)
    for c in chains:
        mb_set: set[int] = set()
        a_pos: set[int] = set()
        for r in c:
            a_pos.update(range(r[0], r[1]))
            mb_set.update(range(r[2], r[3]))
        a0, a1 = min(r[0] for r in c), max(r[1] for r in c)
        b0, b1 = min(r[2] for r in c), max(r[3] for r in c)
        matched = min(len(a_pos), len(mb_set))
        share = float(min(a.quoted[a0:a1].mean(), b.quoted[b0:b1].mean()))
        quoted = share >= 0.5
        need = params.min_quote_tokens if quoted else params.min_tokens
        longest = max(r[3] - r[2] for r in c)
        if (
            matched < need
            or longest < min(need, params.min_run)
            or matched < params.min_density * max(a1 - a0, b1 - b0)
        ):
            continue
        if cover_b[b0:b1].all() or cover_a[a0:a1].all():
            continue  # a repeat of a stretch already aligned
        cover_a[list(a_pos)] = True
        cover_b[list(mb_set)] = True
        passages.append(
            AlignedPassage(
                a_tokens=(a0, a1),
                b_tokens=(b0, b1),
                a_span=(int(a.starts[a0]), int(a.ends[a1 - 1])),
                b_span=(int(b.starts[b0]), int(b.ends[b1 - 1])),
                matched=matched,
                quoted=quoted,
                quote_share=share,
            )
        )
    passages.sort(key=lambda p: p.b_tokens)
    return Alignment(
        tuple(passages),
        int((cover_a & ~a.boilerplate).sum()),
        int((cover_b & ~b.boilerplate).sum()),
        a.content_tokens,
        b.content_tokens,
        int((cover_a & ~a.boilerplate & ~a.quoted).sum()),
        int((cover_b & ~b.boilerplate & ~b.quoted).sum()),
    )
