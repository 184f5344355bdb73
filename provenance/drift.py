"""Claims that travelled, and how they changed on the way (drift).

A claim is a sentence carried from article to article along reuse edges, verbatim or lightly
edited.  For every copy edge each sentence of the copy is matched to the parent sentence it
shares most content words with; matched sentences are joined into claims (union-find), and
every hop where the wording changed gets a word-level diff with the kind of change named:
a number changed, a hedge ("reportedly", "may") or an attribution ("said", "according to")
added or dropped, a quotation trimmed.  That is what readers need to see when a claim
hardens or loses its source as it is passed on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import wordlists as W
from .claims import SentenceTerms, sentence_terms
from .models import Analysis, Article, ReuseEdge, Span
from .segment import normalise

_WORD = re.compile(r"\S+")
_NUM = re.compile(r"\d")
# Words that hedge a claim, and words that attribute it: a hop adding or dropping one is tagged.
_HEDGES = W.words("claims", "hedges")
_CUES = W.words("claims", "attribution_cues")
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")


@dataclass(frozen=True)
class Change:
    """One word-level edit: ``op`` is replace, delete or insert."""

    op: str
    before: str
    after: str


@dataclass(frozen=True)
class Hop:
    """The claim passing from ``source`` to ``target``, with what changed (empty: verbatim)."""

    source: str
    target: str
    source_span: Span
    target_span: Span
    changes: tuple[Change, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """A sentence-level statement seen in several articles, its first appearance and its path."""

    id: str
    text: str
    first_article: str
    first_span: Span
    articles: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def drifted(self) -> bool:
        return any(h.changes for h in self.hops)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _bare(word: str) -> str:
    return normalise(word).strip(".,;:!?\"'“”‘’()[]")


def word_diff(before: str, after: str) -> tuple[tuple[Change, ...], tuple[str, ...]]:
    """Word-level changes between two versions of a sentence, and what kind they are."""
    a, b = _words(before), _words(after)
    sm = difflib.SequenceMatcher(None, [_bare(w) for w in a], [_bare(w) for w in b], autojunk=False)
    changes: list[Change] = []
    tags: set[str] = set()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        changes.append(Change(op, old, new))
        olds = {_bare(w) for w in a[i1:i2]}
        news = {_bare(w) for w in b[j1:j2]}
        if _NUM.search(old) or _NUM.search(new):
            tags.add("number changed")
        if olds & _HEDGES - news:
            tags.add("hedge dropped")
        if news & _HEDGES - olds:
            tags.add("hedge added")
        if olds & _CUES - news:
            tags.add("attribution dropped")
        if news & _CUES - olds:
            tags.add("attribution added")
    qa = " ".join(_QUOTE.findall(before))
    qb = " ".join(_QUOTE.findall(after))
    if qa and len(_words(qb)) < len(_words(qa)):
        tags.add("quotation trimmed")
    if changes and not tags:
        tags.add("reworded")
    return tuple(changes), tuple(sorted(tags))


def _match_sentences(
    src_terms: SentenceTerms, dst_terms: SentenceTerms, min_jaccard: float
) -> list[tuple[Span, Span]]:
    """Pairs (parent sentence, copy sentence) that make the same statement, from each
    article's :func:`~provenance.claims.sentence_terms`."""
    index: dict[str, list[int]] = {}
    for i, (_, terms) in enumerate(src_terms):
        for t in terms:
            index.setdefault(t, []).append(i)
    out = []
    for span, terms in dst_terms:
        if len(terms) < 4:
            continue
        counts: dict[int, int] = {}
        for t in terms:
            for i in index.get(t, ()):
                counts[i] = counts.get(i, 0) + 1
        best, best_j = None, min_jaccard
        # In sentence order, first of equals wins: ``counts`` is filled in set order, which
        # changes with the hash seed, and a report must not.
        for i, n in sorted(counts.items()):
            j = n / len(terms | src_terms[i][1])
            if j > best_j or (best is None and j == best_j):
                best, best_j = i, j
        if best is not None:
            out.append((src_terms[best][0], span))
    return out


def track_claims(
    articles: Sequence[Article],
    analyses: dict[str, Analysis],
    edges: Sequence[ReuseEdge],
    min_jaccard: float = 0.5,
) -> list[Claim]:
    """Claims carried along the reuse edges, each with its path and its drift at every hop."""
    by_id = {a.id: a for a in articles}
    parent: dict[tuple[str, Span], tuple[str, Span]] = {}

    def find(x: tuple[str, Span]) -> tuple[str, Span]:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    terms: dict[str, SentenceTerms] = {}  # per article, made when its first edge comes

    def terms_of(aid: str) -> SentenceTerms:
        if aid not in terms:
            terms[aid] = sentence_terms(analyses[aid])
        return terms[aid]

    hops: list[Hop] = []
    for e in edges:
        if e.source not in by_id or e.target not in by_id:
            continue
        src, dst = by_id[e.source], by_id[e.target]
        for sspan, dspan in _match_sentences(terms_of(src.id), terms_of(dst.id), min_jaccard):
            changes, tags = word_diff(src.text[sspan[0] : sspan[1]], dst.text[dspan[0] : dspan[1]])
            hops.append(Hop(src.id, dst.id, sspan, dspan, changes, tags))
            ra, rb = find((src.id, sspan)), find((dst.id, dspan))
            if ra != rb:
                parent[rb] = ra
    groups: dict[tuple[str, Span], list[Hop]] = {}
    for h in hops:
        groups.setdefault(find((h.source, h.source_span)), []).append(h)
    claims = []
    for members in groups.values():
        targets = {(h.target, h.target_span) for h in members}
        roots = [(h.source, h.source_span) for h in members if (h.source, h.source_span) not in targets]
        first = roots[0] if roots else (members[0].source, members[0].source_span)
        art = by_id[first[0]]
        text = art.text[first[1][0] : first[1][1]]
        arts = tuple(dict.fromkeys([first[0], *(h.target for h in members)]))
        cid = f"{first[0]}:{first[1][0]}"
        claims.append(Claim(cid, text, first[0], first[1], arts, tuple(members)))
    claims.sort(key=lambda c: (-len(c.articles), c.id))
    return claims
