"""The whole trace, stage by stage: ingest -> extract -> segment -> attribution -> reuse ->
credit -> claims -> graph.  This is the public entry point the CLI and notebooks call.

Extraction is the expensive step and is stored per article (content hash), so a re-run of
the same crawl only reads files and hashes them; a run killed half-way keeps every article
it committed.  The per-article attribution outputs are cached under a version that is a
hash of the rule modules' source, so changing a rule recomputes them and nothing else.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import ModuleType

import networkx as nx

from . import attribution as attribution_pkg
from . import claims as claims_mod
from . import models as models_mod
from . import segment as segment_mod
from .attribution import citations as citations_mod
from .attribution import quotes as quotes_mod
from .attribution.credit import credit_status
from .attribution.quote_reuse import SharedQuote, find_shared_quotes
from .attribution.registry import Registry, outlets_from_articles
from .claims import SharedClaim
from .codec import from_dict
from .drift import Claim, track_claims
from .errors import InputError
from .extract import extract
from .graph import build_graph
from .ingest import DEFAULT_MAX_BYTES, iter_documents
from .models import Article, Attribution, Quote, RawDocument, ReuseEdge, Segments, Story
from .reuse import ReuseParams, credit_hints, find_reuse
from .segment import segment, tokens
from .store import Store
from .stories import time_bounds

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
    workers: int = 1
    fast: bool = False
    dask: str | None = None  # run the reuse path as a Dask job: a local scheduler or tcp://address
    corpus: bool = True  # compare with near-duplicates from earlier traces in the same store
    redis: str | None = None  # keep the corpus LSH in Redis (shared between processes) instead of memory
    reuse: ReuseParams = field(default_factory=ReuseParams)


@dataclass(frozen=True)
class TraceResult:
    articles: tuple[Article, ...]
    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...]
    reuse: tuple[ReuseEdge, ...]
    stories: tuple[Story, ...]
    related: tuple[Related, ...]
    claims: tuple[Claim, ...]
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


def _extract_one(raw: RawDocument, version: str, fast: bool = False) -> Article | InputError:
    """Extract in a worker process; errors come back as values so one bad page costs one line."""
    try:
        art = extract(raw, fast=fast)
        return replace(art, extractor=f"{art.extractor}@{version}")
    except InputError as exc:
        return exc


def _extracted(todo: Iterable[RawDocument], version: str, workers: int, fast: bool = False,
               serial_first: int = 16) -> Iterator[Article | InputError]:
    """Extract documents in order, in a process pool when ``workers`` > 1.

    The first ``serial_first`` documents are extracted here: a small crawl never pays for
    starting worker processes.  At most ``4 * workers`` documents are in flight, so memory
    stays flat on any crawl size.
    """
    it = iter(todo)
    for raw in itertools.islice(it, serial_first if workers > 1 else None):
        yield _extract_one(raw, version, fast)
    if workers <= 1:
        return
    first = next(it, None)
    if first is None:
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        window: deque[Future[Article | InputError]] = deque()
        for raw in itertools.chain([first], it):
            window.append(pool.submit(_extract_one, raw, version, fast))
            if len(window) >= 4 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def ingest_and_extract(paths: Iterable[str | os.PathLike[str]], store: Store, max_bytes: int = DEFAULT_MAX_BYTES,
                       progress: Progress | None = None, workers: int = 1, fast: bool = False
                       ) -> tuple[list[str], list[Problem], TraceStats]:
    """Read every document, extract the ones not stored yet, and return the run's article ids.

    Articles are committed to the store in small batches as they come, so a killed run
    keeps its work; documents already stored (same content hash, same extraction rules)
    are not extracted again.
    """
    from . import extract as extract_pkg

    version = code_version(extract_pkg) + ("-fast" if fast else "")
    ids: list[str] = []
    seen: dict[str, int] = {}  # id -> crawl order, so cached and new articles come out in one order
    problems: list[Problem] = []
    counter = {"docs": 0}

    def problem(path: str, reason: str, skipped: bool = True) -> None:
        problems.append(Problem(path, reason, skipped))
        log.warning("%s: %s%s", path, reason, "" if skipped else " (kept)")

    def todo() -> Iterator[RawDocument]:
        for item in iter_documents(paths, max_bytes=max_bytes):
            if isinstance(item, InputError):
                problem(item.path, item.reason)
                continue
            counter["docs"] += 1
            if item.id in seen:
                continue
            seen[item.id] = len(seen)
            stored = store.get_article(item.id)
            if stored is not None and stored.extractor.endswith("@" + version):
                _accept(stored)
                continue
            yield item

    def _accept(article: Article) -> None:
        ids.append(article.id)
        for note in article.notes:
            problem(article.path, note, skipped=False)
        if progress:
            progress("extract", counter["docs"], None)

    new = 0
    for out in _extracted(todo(), version, workers, fast):
        if isinstance(out, InputError):
            problem(out.path, out.reason)
            continue
        store.put_article(out)
        new += 1
        _accept(out)
    store.commit()
    ids.sort(key=seen.__getitem__)
    stats = TraceStats(documents=counter["docs"], new=new, stored=len(ids),
                       skipped=sum(p.skipped for p in problems), warnings=sum(not p.skipped for p in problems))
    return ids, problems, stats


def _corpus_neighbours(store: Store, articles: Sequence[Article], redis_url: str | None) -> list[Article]:
    """Articles of earlier traces in this store that near-duplicate this run's articles.

    The corpus index (signatures kept in the store, LSH in memory or in Redis) is updated
    with the run's new articles only; the stored articles it returns join the run so a copy
    of something traced last month is still found.
    """
    from .index import CorpusIndex

    index = CorpusIndex(store, redis_url=redis_url)
    added = index.add(articles)
    run = {a.id for a in articles}
    extra = sorted({n for ns in index.neighbours(articles).values() for n in ns} - run)
    log.info("corpus index: %d newly indexed, %d earlier articles share text with this run", added, len(extra))
    return list(store.iter_articles(extra))


def attribution_version(registry: Registry) -> str:
    """Version of the attribution outputs: the source of every attribution module, of the
    segmenter and of the models they fill, and the registry's content (a user registry file
    changes citations, so it keys the cache too)."""
    return code_version(attribution_pkg, segment_mod, models_mod) + registry.fingerprint[:8]


def attribute(article: Article, segs: Segments, registry: Registry, store: Store | None = None,
              version: str | None = None) -> tuple[list[Quote], list[Attribution]]:
    """Quotes and outlet citations of one article, from the store when the rules are unchanged."""
    version = version or attribution_version(registry)
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


def _shingle_set(text: str, k: int = 5) -> set[tuple[str, ...]]:
    toks = tokens(text)
    return {tuple(toks[i : i + k]) for i in range(max(len(toks) - k + 1, 1))} if toks else set()


def _similarity(sa: set[tuple[str, ...]], sb: set[tuple[str, ...]]) -> tuple[float, float]:
    if not sa or not sb:
        return 0.0, 0.0
    inter = len(sa & sb)
    return round(inter / len(sa | sb), 4), round(inter / min(len(sa), len(sb)), 4)


def _related(articles: dict[str, Article], segs: dict[str, Segments], quotes: Sequence[Quote],
             reuse: Sequence[ReuseEdge]) -> list[Related]:
    """Article pairs sharing a named speaker and at least one claim, but no copied text."""
    speakers: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker and " " in q.speaker.strip():  # full names only: "he" or "Smith" relate nothing
            speakers.setdefault(q.article, set()).add(q.speaker)
    copied = {tuple(sorted((e.source, e.target))) for e in reuse}
    terms: dict[str, claims_mod.SentenceTerms] = {}
    shingled: dict[str, set[tuple[str, ...]]] = {}
    out: list[Related] = []
    for x, y in claims_mod.related_pairs(speakers):
        if (x, y) in copied:
            continue  # already explained as reuse
        for aid in (x, y):
            if aid not in terms:
                terms[aid] = claims_mod.sentence_terms(articles[aid], segs[aid])
        cl = tuple(claims_mod.shared_claims_of(x, terms[x], y, terms[y]))
        if not cl:
            continue
        for aid in (x, y):
            if aid not in shingled:
                shingled[aid] = _shingle_set(articles[aid].text)
        jac, cont = _similarity(shingled[x], shingled[y])
        shared = tuple(sorted(speakers.get(x, set()) & speakers.get(y, set())))
        out.append(Related(x, y, jac, cont, shared, cl))
    return out


def trace(paths: Sequence[str | os.PathLike[str]], options: TraceOptions | None = None,
          progress: Progress | None = None) -> TraceResult:
    """Trace a crawl: the public API behind ``provenance trace``."""
    options = options or TraceOptions()
    registry = Registry.load(options.registry_files)
    with Store(options.db) as store:
        ids, problems, stats = ingest_and_extract(paths, store, options.max_bytes, progress, options.workers,
                                                  options.fast)
        articles = list(store.iter_articles(ids))
        if options.corpus:
            articles += _corpus_neighbours(store, articles, options.redis)
        # outlets the crawl reveals about itself (site name + domain) join the registry, so
        # "according to <that outlet>" resolves; the shipped registry data always wins
        registry = registry.with_outlets(outlets_from_articles(articles))
        by_id = {a.id: a for a in articles}
        segs = {a.id: segment(a) for a in articles}
        quotes: list[Quote] = []
        cites: list[Attribution] = []
        version = attribution_version(registry)
        for i, a in enumerate(articles, 1):
            q, c = attribute(a, segs[a.id], registry, store, version)
            quotes.extend(q)
            cites.extend(c)
            if progress:
                progress("attribute", i, len(articles))
        store.commit()
    if progress:
        progress("reuse", 0, None)
    if options.dask:
        from .batch import DaskMapper

        mapper = DaskMapper(options.dask)
        try:
            found = find_reuse(articles, options.reuse, names=credit_hints(cites, registry), mapper=mapper)
        finally:
            mapper.close()
    else:
        found = find_reuse(articles, options.reuse, names=credit_hints(cites, registry))
    cites_by_article: dict[str, list[Attribution]] = {}
    for cite in cites:
        cites_by_article.setdefault(cite.article, []).append(cite)
    edges = []
    for e in found.edges:
        credit, evidence = credit_status(by_id[e.source], by_id[e.target], cites_by_article.get(e.target, []), registry)
        # declared = the copy names a source (its parent, a collective, or even a wrong one);
        # ``credit`` says which, so "undeclared" means what editors mean: no credit at all
        edges.append(replace(e, credit=credit, declared=credit != "absent", credit_evidence=evidence))
    quotes_by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        quotes_by_article.setdefault(quote.article, []).append(quote)
    order = {s: i for i, s in enumerate(_publication_order(articles))}
    shared = find_shared_quotes(quotes_by_article, {a.id: a.text for a in articles}, lambda x: (order.get(x, 0),))
    related = _related(by_id, segs, quotes, edges)
    claims = track_claims(articles, segs, edges)
    graph = build_graph(articles, quotes, cites, edges, claims)
    result = TraceResult(tuple(articles), tuple(quotes), tuple(cites), tuple(edges), found.stories, tuple(related),
                         tuple(claims), tuple(shared), tuple(problems), stats, graph)
    from .report.json_report import report_dict

    with Store(options.db) as store:
        store.put_report([str(p) for p in paths], report_dict(result))
    return result


def _publication_order(articles: Sequence[Article]) -> list[str]:
    """Article ids, earliest publication evidence first (in UTC; undated last)."""
    def key(a: Article) -> tuple[int, float, str]:
        b = time_bounds(a)
        return (0, b.mid, a.id) if b.known else (1, 0.0, a.id)
    return [a.id for a in sorted(articles, key=key)]
