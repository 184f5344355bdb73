"""Reuse engine: who copied whom, in one call.

``find_reuse(articles)`` runs fingerprint -> boilerplate -> candidates -> matches -> align ->
stories:

1. tokens with offsets (:func:`provenance.segment.token_spans`), word-shingle hashes;
2. boilerplate shingles learned from the corpus (:mod:`provenance.boilerplate`) are masked;
3. document signatures (near-duplicates) and passage signatures (sentences and quotations,
   for containment) go through datasketch LSH, and an exact inverted index of word n-grams
   pairs texts sharing enough of them, however short (:mod:`provenance.candidates`);
4. every compared pair is measured (:mod:`provenance.overlap`): containment each way, quoted
   share; those above a low floor are the result's ``matches``;
5. candidate pairs are aligned (:mod:`provenance.align`); pairs with no passage above the
   thresholds are dropped, and so are pairs sharing only a fragment of a quotation (two
   reports of one speech quote overlapping stretches of it; a quotation taken from another
   text is taken whole);
6. aligned pairs form stories; each copy gets one parent, the closest earlier version it
   shares most with (:mod:`provenance.stories`).

Edges come out with ``declared=False, credit="absent"``: whether a copy credits its source is
decided later from citations by the attribution stage.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, TypeVar

import numpy as np

from . import boilerplate as bpmod
from .align import (
    Alignment,
    AlignParams,
    DocTokens,
    align,
    analysed_tokens,
    doc_tokens,
    quotation_runs,
    quotation_spans,
    seed_index,
    whole_quotation,
)
from .attribution.registry import Registry
from .candidates import CandidateParams, Unsigned, candidate_pairs, gram_pairs
from .fingerprint import SignatureParams, Signatures, shingle_hashes_batch, signatures, size_batches
from .models import Analysis, Article, Attribution, Match, Passage, ReuseEdge, Span, Story
from .overlap import ContentText, OverlapParams, content_text, pair_matches
from .segment import paragraph_spans, sentence_spans
from .stories import NameFn, StoryParams, build_stories, credit_strength, publication_keys

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], Sequence[Any]]


@dataclass(frozen=True)
class ReuseParams:
    """Every knob of the reuse engine (values chosen on the dev crawl: docs/reuse.md).

    ``duplicate_jaccard``: aligned share of the union above which a copy is a duplicate;
    ``containment``: share of the target (or source) inside the other above which it is
    containment; ``min_passage_tokens``: shortest sentence/quotation given its own signature.
    ``max_gram_docs``: an n-gram in more documents is a stock phrase, not a candidate link
    (:func:`provenance.candidates.gram_pairs`), and a pair it finds is compared when its shared
    n-grams are at least ``min_shared_share`` of the shorter text's; ``short_words``: a match in which one text
    has at most this many words is aligned even when the LSH did not pair it (a brief, a wire
    snippet); ``whole_quotes``: a pair sharing only quotation makes an edge only when a whole
    quotation of one text is in the other (:func:`provenance.align.whole_quotation`).
    """

    doc_signature: SignatureParams = field(default_factory=lambda: SignatureParams(shingle=5, hash="tok64"))
    passage_signature: SignatureParams = field(
        default_factory=lambda: SignatureParams(shingle=3, hash="tok64")
    )
    boilerplate: bpmod.BoilerplateParams = field(default_factory=bpmod.BoilerplateParams)
    candidates: CandidateParams = field(default_factory=CandidateParams)
    align: AlignParams = field(default_factory=AlignParams)
    stories: StoryParams = field(default_factory=StoryParams)
    overlap: OverlapParams = field(default_factory=OverlapParams)
    duplicate_jaccard: float = 0.8
    containment: float = 0.8
    min_passage_tokens: int = 6
    min_edge_tokens: int = 20
    evidence_gram: int = 3
    min_link_tokens: int = 3
    formula_groups: int = 3
    max_gram_docs: int = 50
    min_shared_share: float = 0.01
    whole_quotes: bool = True
    short_words: int = 300


@dataclass(frozen=True)
class ReuseResult:
    """Directed reuse edges (parent -> copy), the stories they form, and the pairwise
    evidence they were drawn from (every compared pair above the match floor)."""

    edges: tuple[ReuseEdge, ...]
    stories: tuple[Story, ...]
    matches: tuple[Match, ...] = ()
    seconds: tuple[tuple[str, float], ...] = ()  # wall time per step, for the benchmark


def _passages(
    doc: DocTokens,
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    quotes: bool = True,
    sentences: Sequence[Span] | None = None,
) -> list[tuple[int, int]]:
    """Token ranges of sentences and quotations: the units the containment index sees.

    The sentences are the analysis' (``sentences``) when the caller has it; the quotations are
    the ones :func:`provenance.align.doc_tokens` marked (``doc.marked``).
    """
    if sentences is not None:
        spans = list(sentences)
    else:
        spans = [s for ps, pe in paragraphs or paragraph_spans(text) for s in sentence_spans(text, ps, pe)]
    out: set[tuple[int, int]] = set()
    if spans:
        s, e = np.array(spans, dtype=np.int64).T
        lo = np.searchsorted(doc.starts, s, "left")
        hi = np.searchsorted(doc.ends, e, "right")
        out.update((a, b) for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a)
    if quotes and doc.marked is not None:
        out.update(quotation_runs(doc.marked))
    elif quotes:
        for qs, qe in quotation_spans(text):
            a, b = int(np.searchsorted(doc.starts, qs, "left")), int(np.searchsorted(doc.ends, qe, "right"))
            if b > a:
                out.add((a, b))
    return sorted(out)


def _link_mask(article: Article, doc: DocTokens, min_tokens: int) -> np.ndarray:
    """Tokens inside link anchors ("Read also: <headline of another story>"): a headline that
    points elsewhere is navigation, not text taken from the page it names."""
    mask = np.zeros(len(doc.tokens), dtype=bool)
    for link in article.links:
        if link.span is None:
            continue
        lo = int(np.searchsorted(doc.starts, link.span[0], "left"))
        hi = int(np.searchsorted(doc.ends, link.span[1], "right"))
        if hi - lo >= min_tokens:
            mask[lo:hi] = True
    return mask


def _kind(al: Alignment, params: ReuseParams) -> str:
    if al.only_quotes:
        return "quote"
    if al.jaccard >= params.duplicate_jaccard:
        return "duplicate"
    if al.containment_b >= params.containment or al.containment_a >= params.containment:
        return "containment"
    return "partial"


def _components(n: int, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Connected-component label per document (union-find over the aligned pairs)."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return np.array([root(i) for i in range(n)], dtype=np.int64)


def _content_words(d: DocTokens) -> list[str]:
    """A document's words with its boilerplate words left out."""
    return [t for t, m in zip(d.tokens, d.boilerplate, strict=True) if not m]


def _hashes(token_lists: Sequence[Sequence[str]], size: int, kind: str) -> list[np.ndarray]:
    """``size``-shingle hashes of many token lists at once with the shingle hash ``kind``
    (:func:`provenance.fingerprint.shingle_hashes_batch`; ``tok64`` hashes each distinct word of
    the whole batch once).  An empty list gives an empty array."""
    out = shingle_hashes_batch(token_lists, SignatureParams(shingle=size, hash=kind))
    return [h if len(t) else np.zeros(0, np.uint32) for h, t in zip(out, token_lists, strict=True)]


def _evidence_grams(
    docs: Sequence[DocTokens],
    aligned: dict[tuple[int, int], Alignment],
    params: ReuseParams,
    titles: Sequence[str | None] = (),
    content_shingles: Sequence[np.ndarray] | None = None,
) -> list[np.ndarray]:
    """Per document, the n-gram hashes that can tell which earlier version a copy came from.

    Boilerplate words are left out, and so are n-grams found in ``formula_groups`` or more
    unrelated stories (first-pass components): credit formulas and "read also" headlines
    recur across stories and would make siblings look like parents.  So are the n-grams of
    the page's own headline: each outlet writes its own ("BREAKING: ...", "WATCH: ..."), and
    whether the headline sits inside the extracted text depends on the page template, so a
    copy sharing a headline with a version says nothing about which version it copied.
    ``content_shingles``: each document's content ``evidence_gram``-shingles (boilerplate left
    out, hashed as the passage signature hashes), when the caller already has them.
    """
    n = params.evidence_gram
    kind = params.passage_signature.hash
    if content_shingles is None:
        content_shingles = _hashes([_content_words(d) for d in docs], n, kind)
    heads = [doc_tokens(t).tokens if t else () for t in (list(titles) + [None] * len(docs))[: len(docs)]]
    head_sh = _hashes([list(h) if len(h) >= n else [] for h in heads], n, kind)
    grams = []
    for k, d in enumerate(docs):
        sh = content_shingles[k]
        g = np.unique(sh) if int((~d.boilerplate).sum()) >= n else np.zeros(0, np.uint32)
        if len(head_sh[k]):
            g = np.setdiff1d(g, head_sh[k])
        grams.append(g)
    labels = _components(len(docs), list(aligned))
    formula = bpmod.cross_group_hashes(grams, labels.tolist(), params.formula_groups)
    if not len(formula):
        return grams
    return _without(grams, formula)


def _without(arrays: Sequence[np.ndarray], drop: np.ndarray, at_once: int = 1_000_000) -> list[np.ndarray]:
    """Each array with the values of the sorted ``drop`` removed: one membership test for a
    batch of about ``at_once`` values (a test per array costs more on thousands of documents;
    one for all of them holds a crawl's n-grams several times over)."""
    out: list[np.ndarray] = []
    for start, stop in size_batches([len(g) for g in arrays], at_once):
        batch = arrays[start:stop]
        values = np.concatenate(batch)
        pos = np.minimum(np.searchsorted(drop, values), len(drop) - 1)
        keep = drop[pos] != values
        bounds = np.cumsum([len(g) for g in batch])[:-1]
        out.extend(g[k] for g, k in zip(batch, np.split(keep, bounds), strict=True))
    return out


def _is_edge(al: Alignment, a: DocTokens, b: DocTokens, params: ReuseParams) -> bool:
    """Whether an aligned pair is a copy edge: ``min_edge_tokens`` aligned words of prose, or
    quotation passages carrying a whole quotation (:func:`provenance.align.whole_quotation`).

    Two reports quoting one witness share the quoted words without one copying the other; a
    text that took a quotation from another takes it whole, so a pair sharing only quotations
    (or mostly, in short passages) is an edge only then, however many words it shares.
    """
    if not al.passages:
        return False
    if al.aligned_tokens >= params.min_edge_tokens and not al.only_quotes:
        return True
    quotes = al.mostly_quotes or al.only_quotes
    return quotes and (not params.whole_quotes or whole_quotation(al, a, b))


def _may_be_edge(m: Match, a: ContentText, b: ContentText, params: ReuseParams) -> bool:
    """Whether aligning the pair can give an edge: aligned words are words inside shared
    n-grams, so a match sharing fewer than ``min_edge_tokens`` cannot, unless its shared words
    are mostly quotation (a quotation edge needs fewer)."""
    shared = min(m.containment_first_in_second * a.words, m.containment_second_in_first * b.words)
    return shared >= params.min_edge_tokens - 0.5 or m.quoted_share >= 0.5


def _compare(
    articles: Sequence[Article],
    texts: Sequence[ContentText],
    content_sh: Sequence[np.ndarray],
    lsh: Sequence[tuple[int, int]],
    countries: Sequence[str | None],
    params: ReuseParams,
) -> tuple[list[Match], list[tuple[int, int]]]:
    """Every compared pair's match (earlier text first), and the pairs worth aligning.

    Compared: the LSH candidates and every pair the word n-gram index finds sharing enough
    n-grams for a match (:func:`provenance.candidates.gram_pairs`).  Aligned: the LSH pairs,
    and the matches in which one text has at most ``short_words`` words -- a brief or a wire
    snippet, whose sentences are too few for the passage LSH's Jaccard band to catch -- and
    enough shared words for an edge (:func:`_may_be_edge`).
    """
    n = params.passage_signature.shingle
    need = max(1, -(-params.overlap.min_words // n))  # distinct n-grams behind min_words words
    distinct = [t.distinct for t in texts]  # each text's sorted distinct n-grams, made once
    sizes = [len(g) for g in distinct]
    shared = [
        pair
        for pair, count in gram_pairs(distinct, params.max_gram_docs, need).items()
        if count >= params.min_shared_share * min(sizes[pair[0]], sizes[pair[1]])
    ]
    _, keys = publication_keys(articles, countries, params.stories.learn_offsets)
    rank = [0] * len(articles)
    for r, k in enumerate(sorted(range(len(articles)), key=keys.__getitem__)):
        rank[k] = r
    found = pair_matches(sorted(set(lsh) | set(shared)), texts, rank, params.overlap)
    short = {
        (min(i, j), max(i, j))
        for (i, j), m in found
        if min(texts[i].words, texts[j].words) <= params.short_words
        and _may_be_edge(m, texts[i], texts[j], params)
    }
    ids = [a.id for a in articles]
    matches = [replace(m, first=ids[i], second=ids[j]) for (i, j), m in found]
    return matches, sorted(set(lsh) | short)


def _align_group(
    docs: Sequence[DocTokens], params: AlignParams, item: tuple[int, list[int]]
) -> list[Alignment]:
    """Align document ``i`` with each of ``js`` (its seed index built once)."""
    i, js = item
    index = seed_index(docs[i], params)
    return [align(docs[i], docs[j], params, index) for j in js]


def local_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """The default mapper: in this process, in order."""
    return [func(x) for x in items]


def _country(article: Article, registry: Registry | None) -> str | None:
    """ISO country of an article's outlet: the registry's, else a country-code TLD."""
    dom = article.outlet.domain or ""
    known = registry.resolve(dom) if dom and registry is not None else None
    if known is not None and known.country:
        return known.country.upper()
    tld = dom.rsplit(".", 1)[-1].lower() if "." in dom else ""
    if len(tld) == 2 and tld.isalpha():
        return "GB" if tld == "uk" else tld.upper()
    return None


def credit_hints(citations: Sequence[Attribution], registry: Registry) -> NameFn:
    """A ``names(child, parent)`` for :func:`find_reuse` backed by the attribution stage.

    4/3 canonical URL / link to the parent or a citation naming its outlet as the direct source,
    2 a link to the parent's outlet, a citation naming it further up the chain ("X, citing
    <parent>"), or a collective the parent's outlet belongs to by country
    ("Iranian media" and a parent on an .ir outlet), 1 the parent's outlet name in the text.
    """
    from .attribution.credit import named_depth

    by_article: dict[str, list[Attribution]] = {}
    for c in citations:
        by_article.setdefault(c.article, []).append(c)
    groups: dict[str, set[str]] = {}

    def group_countries(child: Article) -> set[str]:
        if child.id not in groups:
            found: set[str] = set()
            for c in by_article.get(child.id, ()):
                for name in (c.cited, *c.via):
                    grp = registry.source_group(name) if name else None
                    if grp is not None and grp.country:
                        found.add(grp.country.upper())
            groups[child.id] = found
        return groups[child.id]

    def names(child: Article, parent: Article) -> int:
        base = credit_strength(child, parent)
        depth = named_depth(parent, child, by_article.get(child.id, []), registry)
        if depth is not None:
            # named as the direct source: as good as a link; named only further up the chain
            # ("X reported, citing <parent>"): weaker than the outlet it was taken from directly
            return max(base, 3 if depth == 0 else 2)
        country = _country(parent, registry) if group_countries(child) else None
        if country and country in group_countries(child):
            return max(base, 2)
        return base

    return names


def find_reuse(
    articles: Sequence[Article],
    params: ReuseParams = ReuseParams(),
    names: NameFn | None = None,
    mapper: Mapper = local_map,
    registry: Registry | None = None,
    analyses: Sequence[Analysis] | None = None,
) -> ReuseResult:
    """Find text reuse among ``articles``: directed edges parent -> copy, and stories.

    ``analyses`` (optional, one per article, in order): the articles' analyses, whose words,
    sentences and quotations the engine reads instead of tokenising each text again.

    ``mapper(func, items) -> list`` runs the per-document and per-pair work (tokenising,
    aligning); :mod:`provenance.batch` passes one that runs it as a Dask job.  Everything
    that needs the whole corpus at once (boilerplate, LSH, stories) stays here, so any
    mapper gives the same edges.

    ``names(child, parent)`` (optional) says how explicitly ``child`` credits ``parent``
    (0 = not at all, higher = more explicit); the pipeline passes one backed by the
    attribution stage's citations.  Without it, canonical URLs, links and the parent's outlet
    name or domain in the child's text are used (:func:`provenance.stories.credit_strength`).
    It only orders versions whose dates cannot and breaks ties between equal candidate parents.
    ``registry`` (optional) gives outlets' countries, so a bare date is read as a day in its
    outlet's country (without it, a country-code TLD does).
    """
    t0 = time.perf_counter()
    n = len(articles)
    if n < 2:
        return ReuseResult((), ())
    bp_size = params.boilerplate.shingle
    if analyses is not None:
        raw = list(mapper(analysed_tokens, list(analyses)))
    else:
        raw = list(mapper(doc_tokens, [a.text for a in articles]))
    bp_shingles = _hashes(
        [d.tokens if len(d.tokens) >= bp_size else () for d in raw], bp_size, params.doc_signature.hash
    )
    outlets = [a.outlet.domain or a.outlet.name for a in articles]
    bp = bpmod.learn_boilerplate(bp_shingles, outlets, params.boilerplate)
    docs: list[DocTokens] = []
    for a, d, h in zip(articles, raw, bp_shingles, strict=True):
        mask = bpmod.token_mask(h, len(d.tokens), bp.hashes_for(outlets[len(docs)]), bp_size)
        mask |= _link_mask(a, d, params.min_link_tokens)
        docs.append(DocTokens(d.text, d.tokens, d.starts, d.ends, mask, d.quoted, d.marked))
    # what only one step reads is dropped after it, so later steps' peaks do not sit on it
    del raw, bp_shingles
    # Document signatures over non-boilerplate shingles.
    ds = params.doc_signature
    contents = [_content_words(d) for d in docs]
    doc_hashes = _hashes(contents, ds.shingle, ds.hash)
    doc_sigs = Signatures(ds, signatures(doc_hashes, ds), tuple(a.id for a in articles), "document")
    del doc_hashes
    # Passage signatures: sentences and quotations, boilerplate words removed.
    # A passage's words minus boilerplate are a contiguous run of its document's, so its
    # shingles are a slice of the document's: each document is hashed once, not per passage.
    ps = params.passage_signature
    content_sh = _hashes(contents, ps.shingle, ps.hash)
    del contents
    p_hashes: list[np.ndarray] = []
    owners: list[int] = []
    for i, (a, d) in enumerate(zip(articles, docs, strict=True)):
        before = np.concatenate(([0], np.cumsum(~d.boilerplate)))  # content words before each token
        sentences = [x.span for x in analyses[i].sentences] if analyses is not None else None
        for lo, hi in _passages(d, a.text, a.paragraphs, sentences=sentences):
            c_lo, c_hi = int(before[lo]), int(before[hi])
            if c_hi - c_lo >= max(params.min_passage_tokens, ps.shingle + 1):
                p_hashes.append(content_sh[i][c_lo : c_hi - ps.shingle + 1])
                owners.append(i)
            elif c_hi - c_lo >= params.min_passage_tokens:  # a passage no longer than a shingle
                words = [d.tokens[k] for k in range(lo, hi) if not d.boilerplate[k]]
                p_hashes.append(_hashes([words], ps.shingle, ps.hash)[0])
                owners.append(i)
    t1 = time.perf_counter()
    # passages are signed one LSH band at a time (a whole signature is 0.5 KB a passage)
    lsh = candidate_pairs(doc_sigs, Unsigned(ps, p_hashes), owners, params.candidates)
    n_passages = len(owners)
    del doc_sigs, p_hashes, owners
    countries = [_country(a, registry) for a in articles]
    texts = [content_text(d, h, ps.shingle) for d, h in zip(docs, content_sh, strict=True)]
    matches, cands = _compare(articles, texts, content_sh, lsh, countries, params)
    t2 = time.perf_counter()
    aligned: dict[tuple[int, int], Alignment] = {}
    groups: dict[int, list[int]] = {}
    for i, j in cands:  # grouped by i: each document's seed index is built once
        groups.setdefault(i, []).append(j)
    work = sorted(groups.items())
    for (i, js), als in zip(work, mapper(partial(_align_group, docs, params.align), work), strict=True):
        for j, al in zip(js, als, strict=True):
            if _is_edge(al, docs[i], docs[j], params):
                aligned[(i, j)] = al
    t3 = time.perf_counter()
    same = params.evidence_gram == ps.shingle
    grams = _evidence_grams(docs, aligned, params, [a.title for a in articles], content_sh if same else None)
    choices, stories = build_stories(articles, aligned, params.stories, grams, names, countries)
    t4 = time.perf_counter()
    edges = []
    for ch in choices:
        al = ch.alignment
        src, tgt = articles[ch.parent], articles[ch.child]
        passages = tuple(
            Passage(p.a_span, p.b_span, tgt.text[p.b_span[0] : p.b_span[1]]) for p in al.passages
        )
        edges.append(
            ReuseEdge(
                source=src.id,
                target=tgt.id,
                kind=_kind(al, params),  # type: ignore[arg-type]
                jaccard=round(al.jaccard, 4),
                containment=round(al.containment_b, 4),
                declared=False,
                passages=passages,
                aligned_chars=sum(p.b_span[1] - p.b_span[0] for p in al.passages),
                credit="absent",
                direction_evidence=ch.evidence,
                alternatives=tuple(articles[p].id for p in ch.alternatives),
            )
        )
    log.info(
        "reuse: %d docs, %d passages, %d candidates, %d aligned pairs, %d edges, %d stories "
        "(fingerprint %.2fs, candidates and matches %.2fs, align %.2fs, stories %.2fs)",
        n,
        n_passages,
        len(cands),
        len(aligned),
        len(edges),
        len(stories),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
    )
    seconds = (("fingerprint", t1 - t0), ("candidates", t2 - t1), ("align", t3 - t2), ("stories", t4 - t3))
    return ReuseResult(
        tuple(edges), tuple(stories), tuple(matches), tuple((k, round(v, 4)) for k, v in seconds)
    )
