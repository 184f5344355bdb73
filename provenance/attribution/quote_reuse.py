"""Quotations across articles: the same quotation in several articles, and where it came first.

A quotation that travels is strong provenance evidence even when the surrounding prose was
rewritten.  Matching is on normalised words (case, accents, typographic quotes folded) so
"“The worsening situation ...”" and "\"the worsening situation ...\"" are one quotation:

* short quotations (< :data:`LONG_WORDS` words) must appear verbatim (as a word sequence);
* long ones may be trimmed or lightly edited, so they count when most of their word 5-grams
  appear in the other article (exact check on an inverted 5-gram index), and two long
  quotations are linked when their MinHash signatures say they are similar (LSH: the pairs
  datasketch's ``MinHashLSH`` would return, found on one signature matrix,
  :func:`provenance.candidates.band_pairs`) and the exact 5-gram containment of the shorter
  in the longer confirms it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..candidates import band_pairs, lsh_bands
from ..fingerprint import SignatureParams, shingle_hashes_batch, signatures
from ..models import Quote, Span
from ..segment import token_spans

log = logging.getLogger(__name__)

MIN_WORDS = 5  # shorter quotations ("terrible", "a disaster") are too common to be evidence
STOCK_MIN = 10  # a short quotation whose rarest word is in more articles than this ...
STOCK_SHARE = 0.2  # ... and than this share of them is a stock phrase
LONG_WORDS = 12
SHINGLE = 5
CONTAINMENT = 0.6  # share of a long quotation's 5-grams found elsewhere ("most", trimming allowed)
NUM_PERM = 64
SEED = 1
LSH_THRESHOLD = 0.5

_QUOTED = re.compile(r"[\"“”]|''")


@dataclass(frozen=True)
class QuoteOccurrence:
    """One place a shared quotation appears; ``speaker`` is None where the text names none."""

    article: str
    span: Span
    speaker: str | None = None


@dataclass(frozen=True)
class SharedQuote:
    """A quotation found in two or more articles, with the article where it appeared first."""

    text: str  # normalised words of the quotation
    occurrences: tuple[QuoteOccurrence, ...]
    first_article: str

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.article for o in self.occurrences))

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.speaker for o in self.occurrences if o.speaker))


@dataclass(frozen=True)
class _Cand:
    article: str
    span: Span
    speaker: str | None
    words: tuple[str, ...]


def _quoted_parts(q: Quote, text: str) -> list[Span]:
    """The quoted stretches of a quote's content (marks excluded); the whole when direct."""
    s, e = q.span
    if q.kind == "indirect":
        return []
    marks = [m for m in _QUOTED.finditer(text, s, e)]
    parts: list[Span] = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        parts.append((a.end(), b.start()))
    if len(marks) % 2 == 1:  # a quote that runs on past the content end
        parts.append((marks[-1].end(), e))
    return [p for p in parts if p[1] > p[0]]


def _shingles(words: Sequence[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class _Text:
    """An article's normalised words with offsets, its 5-gram positions and word string."""

    def __init__(self, text: str) -> None:
        toks = token_spans(text)
        self.words = [t[0] for t in toks]
        self.starts = [t[1] for t in toks]
        self.ends = [t[2] for t in toks]
        self.joined = " " + " ".join(self.words) + " "
        self.grams: dict[str, int] = {}
        for i in range(len(self.words) - SHINGLE + 1):
            self.grams.setdefault(" ".join(self.words[i : i + SHINGLE]), i)

    def find_words(self, words: Sequence[str]) -> Span | None:
        """Character span of the first verbatim occurrence of ``words``, if any."""
        needle = " " + " ".join(words) + " "
        at = self.joined.find(needle)
        if at < 0:
            return None
        first = self.joined.count(" ", 0, at + 1) - 1
        last = first + len(words) - 1
        return (self.starts[first], self.ends[last])

    def find_trimmed(self, words: Sequence[str]) -> Span | None:
        """Span covering the matched 5-grams when most of them occur here."""
        grams = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
        hits = [self.grams[g] for g in grams if g in self.grams]
        if not grams or len(hits) < CONTAINMENT * len(grams):
            return None
        lo, hi = min(hits), max(hits) + SHINGLE - 1
        if hi - lo > 2 * len(words):  # scattered hits: not one quotation
            return None
        return (self.starts[lo], self.ends[hi])


def _words(text: str) -> list[str]:
    return [t[0] for t in token_spans(text)]


def _grams(words: Sequence[str]) -> set[str]:
    """The word 5-grams of a text (none when it is shorter), as :class:`_Text` indexes them."""
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _targets(cands: Sequence[_Cand], texts: Mapping[str, str]) -> list[list[str]]:
    """For each candidate quotation, the articles (sorted ids) that may contain it.

    A short quotation looks in the articles holding its rarest word (none when that word is
    in so many articles that the quotation is a stock phrase); a long one in the articles
    sharing any of its 5-grams.  Two passes over the texts: word counts first, then the
    articles of the rarest words only.
    """
    shorts = [c for c in cands if len(c.words) < LONG_WORDS]
    quoted_words = {w for c in shorts for w in c.words}
    quoted_grams = {g for c in cands if len(c.words) >= LONG_WORDS for g in _shingles(c.words)}
    df: dict[str, int] = dict.fromkeys(quoted_words, 0)
    # lists, not sets: an article is added to a key once, and most keys hold one article
    # (a one-element set costs four times a one-element list, for every 5-gram of every quotation)
    gram_index: dict[str, list[str]] = {}
    for aid, text in texts.items():
        words = _words(text)
        for w in quoted_words.intersection(words):
            df[w] += 1
        if quoted_grams:
            for g in quoted_grams.intersection(_grams(words)):
                gram_index.setdefault(g, []).append(aid)
    stock = max(STOCK_MIN, STOCK_SHARE * len(texts))
    rarest = {c: min(c.words, key=df.__getitem__) for c in shorts}
    wanted = {w for w in rarest.values() if df[w] <= stock}
    word_index: dict[str, list[str]] = {}
    if wanted:
        for aid, text in texts.items():
            for w in wanted.intersection(_words(text)):
                word_index.setdefault(w, []).append(aid)
    out: list[list[str]] = []
    for c in cands:
        if len(c.words) < LONG_WORDS:
            found = set(word_index.get(rarest[c], ()))  # empty for a stock phrase
        else:
            found = set()
            for g in _shingles(c.words):
                found.update(gram_index.get(g, ()))
        out.append(sorted(found))
    return out


class _Groups:
    """Union-find over occurrence keys."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, Span], tuple[str, Span]] = {}

    def find(self, x: tuple[str, Span]) -> tuple[str, Span]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: tuple[str, Span], b: tuple[str, Span]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def find_shared_quotes(
    quotes_by_article: Mapping[str, Sequence[Quote]],
    texts: Mapping[str, str],
    order_key: Callable[[str], tuple],
) -> list[SharedQuote]:
    """Quotations that appear in more than one article, with their first appearance.

    ``texts`` maps article id to its text (spans index it); ``order_key`` sorts article ids
    by publication (earliest first) and decides ``first_article``.  A quotation of article A
    appears in B when B's normalised text contains it verbatim, or, for long quotations, when
    most of its word 5-grams occur in B (B trimmed or edited it).
    """
    cands: list[_Cand] = []
    for aid, qs in quotes_by_article.items():
        text = texts.get(aid)
        if text is None:
            continue
        for q in qs:
            for s, e in _quoted_parts(q, text):
                toks = token_spans(text[s:e])
                if len(toks) < MIN_WORDS:
                    continue
                cands.append(
                    _Cand(
                        aid,
                        (s + toks[0][1], s + toks[-1][2]),
                        q.speaker,
                        tuple(t[0] for t in toks),
                    )
                )
    groups = _Groups()
    speakers: dict[tuple[str, Span], str | None] = {}
    norm: dict[tuple[str, Span], str] = {}
    for c in cands:
        key = (c.article, c.span)
        speakers[key] = c.speaker
        norm.setdefault(key, " ".join(c.words))
        groups.find(key)
    by_article_cands: dict[str, list[_Cand]] = {}
    for c in cands:
        by_article_cands.setdefault(c.article, []).append(c)
    # quotation of A found in the text of B (B need not have marked it as a quotation)
    # candidate articles come from inverted indexes (rarest word for short quotations, any
    # shared 5-gram for long ones), so the cost grows with matches, not with articles squared.
    # The texts are read in passes, one article at a time, and nothing per article is kept
    # but its entries in those indexes: a crawl's words and 5-grams never sit in memory at once.
    targets = _targets(cands, texts)
    todo: dict[str, list[int]] = {}
    for ci, bids in enumerate(targets):
        for bid in bids:
            if bid != cands[ci].article:
                todo.setdefault(bid, []).append(ci)
    hits: list[tuple[int, str, Span]] = []
    for bid in sorted(todo):
        tx = _Text(texts[bid])
        for ci in todo[bid]:
            c = cands[ci]
            span = (
                tx.find_words(c.words)
                if len(c.words) < LONG_WORDS
                else (tx.find_words(c.words) or tx.find_trimmed(c.words))
            )
            if span is not None:
                hits.append((ci, bid, span))
    hits.sort(key=lambda h: (h[0], h[1]))  # each quotation in turn, its articles in id order
    for ci, bid, span in hits:
        c = cands[ci]
        key = (bid, _snap(span, by_article_cands.get(bid, []), bid))
        speakers.setdefault(key, None)
        norm.setdefault(key, " ".join(c.words))
        groups.union((c.article, c.span), key)
    # long quotations trimmed at both ends differently: MinHash LSH, confirmed exactly
    longs = [c for c in cands if len(c.words) >= LONG_WORDS]
    for i, j in _similar(longs):
        c, d = longs[i], longs[j]
        if d.article == c.article:
            continue
        sa, sb = _shingles(c.words), _shingles(d.words)
        if len(sa & sb) >= CONTAINMENT * min(len(sa), len(sb)):
            groups.union((c.article, c.span), (d.article, d.span))
    members: dict[tuple[str, Span], list[tuple[str, Span]]] = {}
    for key in list(groups.parent):
        members.setdefault(groups.find(key), []).append(key)
    out: list[SharedQuote] = []
    for keys in members.values():
        arts = {k[0] for k in keys}
        if len(arts) < 2:
            continue
        keys.sort(key=lambda k: (order_key(k[0]), k[1]))
        first = keys[0][0]
        text = max((norm[k] for k in keys if k[0] == first), key=len)
        occ = tuple(QuoteOccurrence(k[0], k[1], speakers.get(k)) for k in keys)
        out.append(SharedQuote(text=text, occurrences=occ, first_article=first))
    out.sort(key=lambda s: (order_key(s.first_article), s.occurrences[0].span))
    log.debug("%d quotations shared across articles", len(out))
    return out


def _similar(cands: Sequence[_Cand]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of quotations whose MinHash signatures collide in an LSH
    band: the pairs datasketch's ``MinHashLSH(LSH_THRESHOLD, NUM_PERM)`` returns for
    ``MinHash(NUM_PERM, SEED)`` sketches of their 5-grams.  Found on one signature matrix and
    its band index, not with one datasketch object a quotation (about 5 KB each with its
    LSH entries)."""
    if len(cands) < 2:
        return []
    params = SignatureParams(num_perm=NUM_PERM, seed=SEED, shingle=SHINGLE)
    sigs = signatures(shingle_hashes_batch([c.words for c in cands], params), params)
    return sorted(band_pairs(sigs, *lsh_bands(LSH_THRESHOLD, NUM_PERM)))


def _snap(span: Span, cands: list[_Cand], article: str) -> Span:
    """Use B's own quotation span when the found text lies inside one (one node, not two)."""
    for c in cands:
        if c.article == article and c.span[0] <= span[0] and span[1] <= c.span[1]:
            return c.span
    return span
