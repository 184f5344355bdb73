"""The whole trace, stage by stage: ingest -> extract -> segment -> attribution -> reuse ->
credit -> claims -> graph.  This is the public entry point the CLI and notebooks call.

Extraction is the expensive step and is stored per article (content hash), so a re-run of
the same crawl only reads files and hashes them; a run killed half-way keeps every article
it committed.  The per-article attribution outputs are cached under a version that is a
hash of the rule modules' source, so changing a rule recomputes them and nothing else.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import ModuleType

import networkx as nx

from . import claims as claims_mod
from .attribution import citations as citations_mod
from .attribution import quotes as quotes_mod
from .attribution.credit import credit_status
from .attribution.quote_reuse import SharedQuote, find_shared_quotes
from .attribution.registry import Registry
from .claims import SharedClaim
from .codec import from_dict
from .errors import InputError
from .extract import extract
from .graph import build_graph
from .ingest import DEFAULT_MAX_BYTES, iter_documents
from .models import Article, Attribution, Quote, ReuseEdge, Segments, Story
from .reuse import ReuseParams, find_reuse
from .segment import segment, tokens
from .store import Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class Problem:
    """One bad input: the file, the reason, and whether the file was skipped or only warned."""

    path: str
    reason: str
    skipped: bool = True


@dataclass(frozen=True)
class Related:
    """Two articles that share a speaker or claims; their text similarity says if they share text."""

    first: str
    second: str
    jaccard: float
    containment: float
    shared_speakers: tuple[str, ...]
    claims: tuple[SharedClaim, ...]


@dataclass(frozen=True)
class TraceStats:
    documents: int = 0
    new: int = 0
    stored: int = 0
    skipped: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class TraceOptions:
    db: str | Path = "provenance.db"
    max_bytes: int = DEFAULT_MAX_BYTES
    registry_files: tuple[Path, ...] = ()
    reuse: ReuseParams = field(default_factory=ReuseParams)


@dataclass(frozen=True)
class TraceResult:
    articles: tuple[Article, ...]
    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...]
    reuse: tuple[ReuseEdge, ...]
    stories: tuple[Story, ...]
    related: tuple[Related, ...]
    shared_quotes: tuple[SharedQuote, ...]
    problems: tuple[Problem, ...]
    stats: TraceStats
    graph: nx.MultiDiGraph

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@cache
def code_version(*modules: ModuleType) -> str:
    """Hash of the modules' source files: cached outputs are reused only while rules are unchanged."""
    h = hashlib.sha1()
    for mod in modules:
        files = [Path(str(mod.__file__))]
        if files[0].name == "__init__.py":
            files = sorted(files[0].parent.glob("*.py"))
        for f in files:
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def ingest_and_extract(paths: Iterable[str | os.PathLike[str]], store: Store, max_bytes: int = DEFAULT_MAX_BYTES,
                       progress: Progress | None = None) -> tuple[list[str], list[Problem], TraceStats]:
    """Read every document, extract the ones not stored yet, and return the run's article ids."""
    from . import extract as extract_pkg

    version = code_version(extract_pkg)
    ids: list[str] = []
    seen: set[str] = set()
    problems: list[Problem] = []
    docs = new = 0
    for item in iter_documents(paths, max_bytes=max_bytes):
        if isinstance(item, InputError):
            problems.append(Problem(item.path, item.reason))
            log.warning("%s: %s", item.path, item.reason)
            continue
        docs += 1
        if progress:
            progress("extract", docs, None)
        if item.id in seen:
            continue
        stored = store.get_article(item.id)
        if stored is None or stored.extractor != version:
            try:
                art = extract(item)
            except InputError as exc:
                problems.append(Problem(exc.path, exc.reason))
                log.warning("%s: %s", exc.path, exc.reason)
                continue
            art = replace(art, extractor=version)
            store.put_article(art)
            new += 1
            stored = art
        for note in stored.notes:
            problems.append(Problem(stored.path, note, skipped=False))
        seen.add(item.id)
        ids.append(item.id)
    store.commit()
    stats = TraceStats(documents=docs, new=new, stored=len(ids),
                       skipped=sum(p.skipped for p in problems), warnings=sum(not p.skipped for p in problems))
    return ids, problems, stats


def attribute(article: Article, segs: Segments, registry: Registry, store: Store | None = None
              ) -> tuple[list[Quote], list[Attribution]]:
    """Quotes and outlet citations of one article, from the store when the rules are unchanged."""
    version = code_version(quotes_mod, citations_mod) + registry.fingerprint
    if store is not None:
        cached = store.get_stage(article.id, "attribution", version)
        if cached is not None:
            return ([from_dict(Quote, q) for q in cached["quotes"]],
                    [from_dict(Attribution, c) for c in cached["attributions"]])
    quotes = quotes_mod.extract_quotes(article, segs)
    cites = citations_mod.extract_citations(article, registry)
    if store is not None:
        store.put_stage(article.id, "attribution", version, {"quotes": quotes, "attributions": cites})
    return quotes, cites


def shingle_similarity(a: str, b: str, k: int = 5) -> tuple[float, float]:
    """Exact word k-shingle Jaccard and containment (of the shorter in the longer)."""
    def sh(t: str) -> set[tuple[str, ...]]:
        toks = tokens(t)
        return {tuple(toks[i : i + k]) for i in range(max(len(toks) - k + 1, 1))} if toks else set()
    sa, sb = sh(a), sh(b)
    if not sa or not sb:
        return 0.0, 0.0
    inter = len(sa & sb)
    return round(inter / len(sa | sb), 4), round(inter / min(len(sa), len(sb)), 4)


def _related(articles: dict[str, Article], segs: dict[str, Segments], quotes: Sequence[Quote],
             reuse: Sequence[ReuseEdge]) -> list[Related]:
    speakers: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker and " " in q.speaker.strip():  # full names only: "he" or "Smith" relate nothing
            speakers.setdefault(q.article, set()).add(q.speaker)
    copied = {tuple(sorted((e.source, e.target))) for e in reuse}
    out: list[Related] = []
    for x, y in claims_mod.related_pairs(speakers):
        if (x, y) in copied:
            continue  # already explained as reuse
        a, b = articles[x], articles[y]
        jac, cont = shingle_similarity(a.text, b.text)
        shared = tuple(sorted(speakers.get(x, set()) & speakers.get(y, set())))
        cl = tuple(claims_mod.shared_claims(a, segs[x], b, segs[y]))
        out.append(Related(x, y, jac, cont, shared, cl))
    return out


def trace(paths: Iterable[str | os.PathLike[str]], options: TraceOptions | None = None,
          progress: Progress | None = None) -> TraceResult:
    """Trace a crawl: the public API behind ``provenance trace``."""
    options = options or TraceOptions()
    registry = Registry.load(options.registry_files)
    with Store(options.db) as store:
        ids, problems, stats = ingest_and_extract(paths, store, options.max_bytes, progress)
        articles = list(store.iter_articles(ids))
        by_id = {a.id: a for a in articles}
        segs = {a.id: segment(a) for a in articles}
        quotes: list[Quote] = []
        cites: list[Attribution] = []
        for i, a in enumerate(articles, 1):
            q, c = attribute(a, segs[a.id], registry, store)
            quotes.extend(q)
            cites.extend(c)
            if progress:
                progress("attribute", i, len(articles))
        store.commit()
    if progress:
        progress("reuse", 0, None)
    found = find_reuse(articles, options.reuse)
    cites_by_article: dict[str, list[Attribution]] = {}
    for c in cites:
        cites_by_article.setdefault(c.article, []).append(c)
    edges = []
    for e in found.edges:
        credit, evidence = credit_status(by_id[e.source], by_id[e.target], cites_by_article.get(e.target, []), registry)
        edges.append(replace(e, credit=credit, declared=credit == "declared", direction_evidence=e.direction_evidence
                             or evidence))
    quotes_by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        quotes_by_article.setdefault(q.article, []).append(q)
    order = {s: i for i, s in enumerate(_publication_order(articles))}
    shared = find_shared_quotes(quotes_by_article, {a.id: a.text for a in articles}, lambda x: (order.get(x, 0),))
    related = _related(by_id, segs, quotes, edges)
    graph = build_graph(articles, quotes, cites, edges)
    return TraceResult(tuple(articles), tuple(quotes), tuple(cites), tuple(edges), found.stories, tuple(related),
                       tuple(shared), tuple(problems), stats, graph)


def _publication_order(articles: Sequence[Article]) -> list[str]:
    """Article ids, earliest publication evidence first (undated last)."""
    def key(a: Article) -> tuple[int, str]:
        d = a.published.value or a.published.not_before or a.published.not_after
        return (0, d) if d else (1, a.id)
    return [a.id for a in sorted(articles, key=key)]
