"""The whole trace, stage by stage: ingest -> extract -> segment -> attribution -> reuse ->
credit -> claims -> graph.  This is the public entry point the CLI and notebooks call.

Extraction is the expensive step and is stored per article (content hash), so a re-run of
the same crawl only reads files and hashes them; a run killed half-way keeps every article
it committed.  The per-article attribution outputs are cached under a version that is a
hash of the rule modules' source, so changing a rule recomputes them and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import networkx as nx

from . import attribution as attribution_pkg
from . import models as models_mod
from . import quotations as quotations_mod
from . import runcache, wordlists
from . import segment as segment_mod
from .attribution import cue_model
from .attribution.credit import credit_status
from .attribution.quote_reuse import SharedQuote, find_shared_quotes
from .attribution.registry import Registry, outlets_from_articles
from .codec import paused_gc
from .drift import Claim, track_claims
from .errors import InputError, Problem
from .graph import build_graph
from .guard import Budgets, Outcome, guarded
from .ingest import DEFAULT_MAX_BYTES, iter_documents
from .memory import release_freed_memory
from .models import (
    Analysis,
    Article,
    Attribution,
    Match,
    Quote,
    RawDocument,
    ReuseEdge,
    Story,
    UnchangedDocument,
)
from .parallel import (
    Attributions,
    LazyPool,
    Lost,
    Started,
    cached_attribution,
    compute_attribution,
    settle_alone,
    signatures_made,
    start_attribution,
    start_signing,
    store_attribution,
)
from .related import Related, compared_articles, related_articles
from .reuse import ReuseParams, credit_hints, find_reuse
from .segment import segment
from .store import ArticleRow, Store
from .stories import NameFn
from .timeline import time_bounds

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]

__all__ = ["Problem", "TraceOptions", "TraceResult", "TraceStats", "ingest_and_extract", "trace"]


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
    max_seconds: float = Budgets.max_seconds  # per document, for extraction and again for attribution
    follow_symlinks: bool = False  # read symbolic links that leave the crawl folder
    all_links: bool = False  # the report keeps navigation links (outside the article text) too

    @property
    def budgets(self) -> Budgets:
        return Budgets(max_bytes=self.max_bytes, max_seconds=self.max_seconds)


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
    matches: tuple[Match, ...] = ()  # pairwise evidence behind ``reuse`` (see provenance.overlap)
    nav_links: bool = False  # the graph and report keep navigation links (``--all-links``)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The provenance graph (:func:`provenance.graph.build_graph`), built from the records
        on each access and not kept: a large trace holds it only while it is written.  Keep
        the value when you read it more than once."""
        with paused_gc(freeze=False):
            return build_graph(
                self.articles,
                self.quotes,
                self.attributions,
                self.reuse,
                self.claims,
                nav_links=self.nav_links,
            )

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


@cache
def source_version(package: str) -> str:
    """:func:`code_version` of the sub-package ``package``, read from its files without importing
    it (a run that extracts nothing never loads trafilatura)."""
    h = hashlib.sha1()
    for f in sorted((Path(__file__).parent / package).glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def _extract_versioned(raw: RawDocument, version: str, fast: bool, budgets: Budgets) -> Article:
    from .extract import extract  # here: trafilatura and bs4 load only when a page is extracted

    art = extract(raw, fast=fast, budgets=budgets)
    return replace(art, extractor=f"{art.extractor}@{version}")


def _extract_one(
    raw: RawDocument, version: str, fast: bool = False, budgets: Budgets | None = None
) -> Outcome:
    """Extract one document behind the per-document boundary (here or in a worker process):
    the article, serialised for the store (:class:`~provenance.store.ArticleRow`), or a
    :class:`Problem`, as plain values, so one bad page costs one line.  Warnings this package
    logged meanwhile become the article's notes."""
    budgets = budgets or Budgets()
    out = guarded(
        _extract_versioned,
        raw,
        version,
        fast,
        budgets,
        path=raw.path,
        stage="extract",
        seconds=budgets.max_seconds,
    )
    if isinstance(out.value, Article) and out.own:
        prefix = f"{raw.path}: "
        notes = tuple(n.removeprefix(prefix) for n in out.own)
        out = replace(out, value=replace(out.value, notes=out.value.notes + notes), own=())
    if isinstance(out.value, Article):
        try:
            out = replace(out, value=ArticleRow.of(out.value))
        except (UnicodeError, ValueError, OverflowError) as exc:  # a value SQLite cannot hold
            out = replace(
                out, value=Problem(raw.path, f"cannot be stored ({type(exc).__name__})", True, "store")
            )
    return out


def _lost(raw: RawDocument, lost: Lost) -> Outcome:
    return Outcome(Problem(raw.path, f"extraction {lost.reason}; document skipped", True, lost.stage))


def _extracted(
    todo: Iterable[RawDocument],
    version: str,
    workers: int,
    fast: bool = False,
    serial_first: int = 16,
    pool: LazyPool | None = None,
    budgets: Budgets | None = None,
    grace: float = 30.0,
) -> Iterator[Outcome]:
    """Extract documents in order, in a process pool when ``workers`` > 1.

    A crawl with at most ``serial_first`` documents to extract is extracted here: a small
    crawl never pays for starting worker processes.  At most ``4 * workers`` documents are
    in flight, so memory stays flat on any crawl size.  ``pool`` (optional) is the trace's pool, kept for the later
    stages so their workers are already started.

    A worker that crashes (the pool breaks and fails every document in flight) or stays
    stuck past the time budget (plus ``grace`` seconds: the budget is enforced inside the
    worker, this catches a worker stuck where that cannot reach) is replaced: the documents
    in flight are extracted again one at a time, so only the one that crashes or hangs
    again is lost, with a line.
    """
    budgets = budgets or Budgets()
    it = iter(todo)
    if workers <= 1:
        for raw in it:
            yield _extract_one(raw, version, fast, budgets)
        return
    # a look ahead: a crawl with more than ``serial_first`` documents to extract goes to the
    # pool from its first document (extracting the first ones here kept a core idle while
    # this process imported the extractor)
    ahead = list(itertools.islice(it, serial_first + 1))
    if len(ahead) <= serial_first:
        for raw in ahead:
            yield _extract_one(raw, version, fast, budgets)
        return
    first, it = ahead[0], itertools.chain(ahead[1:], it)
    hard = budgets.max_seconds + grace if budgets.max_seconds > 0 else None
    with contextlib.nullcontext(pool) if pool is not None else LazyPool(workers) as p:
        window: deque[tuple[RawDocument, Future[Outcome]]] = deque()

        def drain(keep: int) -> Iterator[Outcome]:
            while len(window) > keep:
                raw, fut = window.popleft()
                try:
                    yield fut.result(timeout=hard)
                    continue
                except (BrokenProcessPool, TimeoutError) as exc:
                    what = "crashed" if isinstance(exc, BrokenProcessPool) else f"stuck past {hard:g} s"
                in_flight = [(raw, None)] + [(r, f) for r, f in window]
                window.clear()
                p.kill()
                log.info(
                    "%s: a worker %s; the documents in flight are extracted again one by one", raw.path, what
                )
                for r, f in in_flight:
                    if f is not None and f.done() and not f.cancelled() and f.exception() is None:
                        yield f.result()
                        continue
                    out = settle_alone(p, _extract_one, (r, version, fast, budgets), hard)
                    yield _lost(r, out) if isinstance(out, Lost) else out

        for raw in itertools.chain([first], it):
            window.append((raw, p.submit(_extract_one, raw, version, fast, budgets)))
            yield from drain(4 * workers - 1)
        yield from drain(0)


def ingest_and_extract(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    workers: int = 1,
    fast: bool = False,
    pool: LazyPool | None = None,
    budgets: Budgets | None = None,
    follow_symlinks: bool = False,
) -> tuple[list[str], list[Problem], TraceStats]:
    """Read every document, extract the ones not stored yet, and return the run's article ids.

    Articles are committed to the store in small batches as they come, so a killed run
    keeps its work; documents already stored (same content hash, same extraction rules)
    are not extracted again.  Every input ends up either as an article or as a problem.
    """
    budgets = budgets or Budgets(max_bytes=max_bytes)
    version = source_version("extract") + ("-fast" if fast else "")
    ids: list[str] = []
    seen: dict[str, int] = {}  # id -> crawl order, so cached and new articles come out in one order
    problems: list[Problem] = []
    counter = {"docs": 0}

    def problem(p: Problem) -> None:
        problems.append(p)
        log.warning("%s: %s%s", p.where, p.reason, "" if p.skipped else " (kept)")

    # id -> (path, (size, mtime_ns), url) of the file read for it, remembered once it is stored
    files: dict[str, tuple[str, tuple[int, int], str | None]] = {}
    # id -> stored extraction of a file known unchanged (looked up once, by ``known``)
    checked: dict[str, tuple[str, str, tuple[str, ...]]] = {}

    def current(article_id: str) -> tuple[str, str, tuple[str, ...]] | None:
        """The stored extraction of ``article_id`` if made by this version of the rules."""
        stored = store.extraction_of(article_id)
        return stored if stored is not None and stored[0].endswith("@" + version) else None

    def known(path: str, size: int, mtime_ns: int, url: str | None) -> str | None:
        article_id = store.file_article(path, size, mtime_ns, url)
        stored = current(article_id) if article_id is not None else None
        if article_id is None or stored is None:
            return None
        checked[article_id] = stored
        return article_id

    def todo() -> Iterator[RawDocument]:
        items = iter_documents(
            paths, max_bytes=budgets.max_bytes, follow_symlinks=follow_symlinks, known=known
        )
        for item in items:
            if isinstance(item, InputError):
                problem(item.problem())
                continue
            if isinstance(item, Problem):
                problem(item)
                continue
            counter["docs"] += 1
            if item.id in seen:
                log.info("%s: same content and address as an earlier document; read once", item.path)
                continue
            seen[item.id] = len(seen)
            if isinstance(item, UnchangedDocument):
                _accept(item.id, *checked.pop(item.id)[1:])
                continue
            if item.file_state is not None:
                files[item.id] = (item.path, item.file_state, item.url)
            stored = current(item.id)
            if stored is not None:
                _accept(item.id, stored[1], stored[2])
                continue
            yield item

    def _accept(article_id: str, path: str, notes: Sequence[str]) -> None:
        ids.append(article_id)
        read = files.pop(article_id, None)
        if read is not None:
            store.put_file(read[0], *read[1], read[2], article_id)
        for note in notes:
            problem(Problem(path, note, False, "extract"))
        if progress:
            progress("extract", counter["docs"], None)

    new = 0
    for out in _extracted(todo(), version, workers, fast, pool=pool, budgets=budgets):
        value = out.value
        path = value.path if isinstance(value, ArticleRow | Problem) else "?"
        for line in out.chatter:
            log.info("%s: %s", path, line)
        for line in out.own if isinstance(value, Problem) else ():
            log.info("%s: %s", path, line)
        if isinstance(value, Problem):
            problem(value)
            continue
        store.put_article(value)
        new += 1
        _accept(value.id, value.path, value.notes)
    store.commit()
    ids.sort(key=seen.__getitem__)
    return ids, problems, _stats(counter["docs"], new, len(ids), problems)


def _stats(documents: int, new: int, stored: int, problems: Sequence[Problem]) -> TraceStats:
    """The run's summary; each problem counted once, as skipped or as a warning."""
    return TraceStats(
        documents=documents,
        new=new,
        stored=stored,
        skipped=sum(p.skipped for p in problems),
        warnings=sum(not p.skipped for p in problems),
    )


def _corpus_neighbours(
    store: Store,
    articles: Sequence[Article],
    redis_url: str | None,
    signed: Mapping[str, Any] | None = None,
) -> list[Article]:
    """Articles of earlier traces in this store that near-duplicate this run's articles.

    The corpus index (signatures kept in the store, LSH in memory or in Redis) is updated
    with the run's new articles only (``signed``: their signatures, made by the workers);
    the stored articles it returns join the run so a copy of something traced last month is
    still found.
    """
    from .index import CorpusIndex

    index = CorpusIndex(store, redis_url=redis_url)
    added = index.add(articles, signed)
    run = {a.id for a in articles}
    extra = sorted({n for ns in index.neighbours(articles).values() for n in ns} - run)
    log.info(
        "corpus index: %d newly indexed, %d earlier articles share text with this run", added, len(extra)
    )
    return list(store.iter_articles(extra))


def attribution_version(registry: Registry) -> str:
    """Version of the attribution outputs: the source of every attribution module, of the
    segment stage (sentences, tokens, quotation pairing) and of the models they fill, the word
    lists the rules read (``provenance/data/en``), and the registry's content (a user registry
    file changes citations, so it keys the cache too)."""
    code = code_version(attribution_pkg, segment_mod, quotations_mod, models_mod, wordlists)
    return code + wordlists.fingerprint()[:8] + cue_model.fingerprint()[:8] + registry.fingerprint[:8]


def attribute(
    article: Article,
    segs: Analysis,
    registry: Registry,
    store: Store | None = None,
    version: str | None = None,
) -> tuple[list[Quote], list[Attribution]]:
    """Quotes and outlet citations of one article, from the store when the rules are unchanged."""
    version = version or attribution_version(registry)
    if store is not None:
        cached = cached_attribution(store, article.id, version)
        if cached is not None:
            return cached
    out = compute_attribution(article, segs, registry)
    if store is not None:
        store_attribution(store, article.id, version, out)
    return out


def trace(
    paths: Sequence[str | os.PathLike[str]],
    options: TraceOptions | None = None,
    progress: Progress | None = None,
) -> TraceResult:
    """Trace a crawl: the public API behind ``provenance trace``.

    With ``workers`` > 1 the extraction workers go on to attribution, and then to shared
    quotations, while this process runs the reuse engine (:mod:`provenance.parallel`); the
    reuse engine waits for attribution only when it first asks how a copy credits a source.
    """
    options = options or TraceOptions()
    registry = Registry.load(options.registry_files)
    with LazyPool(options.workers) as pool, Store(options.db) as store:
        ids, problems, stats = ingest_and_extract(
            paths,
            store,
            options.max_bytes,
            progress,
            options.workers,
            options.fast,
            pool=pool,
            budgets=options.budgets,
            follow_symlinks=options.follow_symlinks,
        )
        key = _run_key(store, ids, options, registry)
        cached = _cached_run(store, key, problems, stats, options.all_links)
        if cached is not None:
            return _finish(store, paths, options, key, cached)
        read = len(problems)
        articles = list(store.iter_articles(ids))
        problems, stats = _date_conflicts(articles, problems, stats)
        # outlets the crawl reveals about itself (site name + domain) join the registry, so
        # "according to <that outlet>" resolves; the shipped registry data always wins
        run_registry = registry.with_outlets(outlets_from_articles(articles))
        # the workers sign the new articles for the corpus index, then start on attribution,
        # while this process analyses the articles; attribution is kept unless earlier
        # articles joining the run change the registry (then recomputed under the final one)
        signing = start_signing(articles, store, pool) if options.corpus else []
        started = start_attribution(
            articles, run_registry, store, attribution_version(run_registry), pool, options.budgets
        )
        segs = _segmented(articles, problems, options.max_seconds)
        neighbours: list[Article] = []
        if options.corpus:
            neighbours = _corpus_neighbours(store, articles, options.redis, signatures_made(signing, pool))
            segs.update(_segmented(neighbours, problems, options.max_seconds))
        articles += neighbours
        registry = registry.with_outlets(outlets_from_articles(articles)) if neighbours else run_registry
        result = _traced(
            articles, segs, ids, problems, stats, registry, options, store, pool, progress, started
        )
        release_freed_memory()  # the analyses, texts and the reuse engine's working records
        # a document cut by a time budget or an internal error is an accident of this run,
        # not a result of its inputs: such a run is not cached, the next one tries again
        if key is not None and not any(p.stage in ("budget", "internal") for p in problems[read:]):
            try:
                runcache.put(store.connection, key, _sections(result, problems[read:]))
            except sqlite3.Error as exc:  # a cache: the run's results stand without it
                log.warning("%s: run cache not written (%s); the next run recomputes", store.path, exc)
                key = None
        return _finish(store, paths, options, key, result)


def _traced(
    articles: list[Article],
    segs: dict[str, Analysis],
    ids: Sequence[str],
    problems: list[Problem],
    stats: TraceStats,
    registry: Registry,
    options: TraceOptions,
    store: Store,
    pool: LazyPool,
    progress: Progress | None,
    started: Started | None = None,
) -> TraceResult:
    """Every stage after reading the crawl, up to the run's records and graph.  A function of
    its own so that what only the stages read (analyses, texts, the reuse engine's result)
    is freed when it returns, before the report is built.  ``started``: attribution already
    under way in the pool (:func:`provenance.parallel.start_attribution`); ``segs`` the
    articles' analyses (an article without one failed its analysis and leaves the run)."""
    articles = [a for a in articles if a.id in segs]
    release_freed_memory()  # the corpus index's and the crawl reading's
    by_id = {a.id: a for a in articles}
    attributions = Attributions(
        articles,
        segs,
        registry,
        store,
        attribution_version(registry),
        pool,
        progress,
        options.budgets,
        started,
    )
    if progress:
        progress("reuse", 0, None)
    texts = {a.id: a.text for a in articles}
    order_key = partial(_order_of, {s: i for i, s in enumerate(_publication_order(articles))})
    shared_job: list[Future[list[SharedQuote]]] = []
    shared_lock = threading.Lock()

    def share(quotes: list[Quote]) -> None:
        """Shared quotations need only quotes: a worker's job, started once."""
        with shared_lock:
            if pool.enabled and not shared_job:
                shared_job.append(pool.submit(find_shared_quotes, _by_article(quotes), texts, order_key))

    # as soon as the pool has every quote, while this process runs the reuse engine
    attributions.on_quotes(share)

    def attributed() -> tuple[list[Quote], list[Attribution]]:
        quotes, cites = attributions.result()
        share(quotes)
        return quotes, cites

    hints: list[NameFn] = []

    def names(child: Article, parent: Article) -> int:
        if not hints:
            hints.append(credit_hints(attributed()[1], registry))
        return hints[0](child, parent)

    analyses = [segs[a.id] for a in articles]  # the engine reads their words and sentences
    if options.dask:
        from .batch import DaskMapper

        mapper = DaskMapper(options.dask)
        try:
            found = find_reuse(
                articles, options.reuse, names=names, mapper=mapper, registry=registry, analyses=analyses
            )
        finally:
            mapper.close()
    else:
        found = find_reuse(articles, options.reuse, names=names, registry=registry, analyses=analyses)
    release_freed_memory()  # the reuse engine's arrays, before the next stages' peaks
    quotes, cites = attributed()
    problems.extend(attributions.problems)
    stats = _stats(stats.documents, stats.new, sum(i in segs for i in ids), problems)
    cites_by_article = _by_article(cites)
    edges = []
    parent_of = {e.target: e.source for e in found.edges}
    for e in found.edges:
        credit, evidence = credit_status(
            by_id[e.source],
            by_id[e.target],
            cites_by_article.get(e.target, []),
            registry,
            ancestors=[by_id[a] for a in _ancestors(parent_of, e.source)],
            source_citations=cites_by_article.get(e.source, []),
        )
        # declared = the copy names a source (its parent, a collective, or even a wrong one);
        # ``credit`` says which, so "undeclared" means what editors mean: no credit at all
        edges.append(replace(e, credit=credit, declared=credit != "absent", credit_evidence=evidence))
    # related pairs are the longest of the last steps: a worker's job while claims run here
    related_job = None
    if pool.enabled:
        compared = {aid: segs[aid] for aid in sorted(compared_articles(quotes, edges))}
        related_job = pool.submit(related_articles, compared, quotes, edges)
    claims = track_claims(articles, segs, edges)
    related = _in_pool_or_here(pool, related_job, related_articles, segs, quotes, edges)
    release_freed_memory()  # related pairs' working memory, before shared quotations' (one process)
    shared = _in_pool_or_here(
        pool,
        shared_job[0] if shared_job else None,
        find_shared_quotes,
        _by_article(quotes),
        texts,
        order_key,
    )
    return TraceResult(
        tuple(articles),
        tuple(quotes),
        tuple(cites),
        tuple(edges),
        found.stories,
        tuple(related),
        tuple(claims),
        tuple(shared),
        tuple(problems),
        stats,
        found.matches,
        options.all_links,
    )


#: The corpus-wide outputs a run caches (:mod:`provenance.runcache`), by result field.
_SECTIONS: dict[str, type] = {
    "quotes": Quote,
    "attributions": Attribution,
    "reuse": ReuseEdge,
    "stories": Story,
    "related": Related,
    "claims": Claim,
    "shared_quotes": SharedQuote,
    "matches": Match,
    "problems": Problem,  # those found after reading the crawl (e.g. contradictory dates)
}


def _run_key(store: Store, ids: Sequence[str], options: TraceOptions, registry: Registry) -> str | None:
    """The run cache key (:func:`provenance.runcache.run_key`); ``None`` when the results
    depend on state outside the store (a corpus index kept in Redis)."""
    if options.redis:
        return None
    state = runcache.corpus_state(store.connection, ids) if options.corpus else None
    settings = (
        options.reuse,
        options.fast,
        options.corpus,
        options.all_links,
        options.max_seconds,
        registry.fingerprint,
        state,
    )
    return runcache.run_key(ids, settings)


def _sections(result: TraceResult, later_problems: Sequence[Problem]) -> runcache.Sections:
    values = {name: tuple(getattr(result, name)) for name in _SECTIONS if name != "problems"}
    values["problems"] = tuple(later_problems)
    return runcache.Sections(tuple(a.id for a in result.articles), values)


def _cached_run(
    store: Store, key: str | None, problems: list[Problem], stats: TraceStats, all_links: bool
) -> TraceResult | None:
    """The run's result rebuilt from the run cache (articles from the store, the records from
    the cache), or ``None`` when the cache has no entry for ``key``."""
    hit = runcache.get(store.connection, key, _SECTIONS) if key is not None else None
    if hit is None:
        return None
    articles = tuple(store.iter_articles(hit.articles))
    if len(articles) != len(hit.articles):  # an article was removed from the store meanwhile
        return None
    v = hit.values
    later: tuple[Problem, ...] = v["problems"]
    for p in later:
        log.warning("%s: %s%s", p.where, p.reason, "" if p.skipped else " (kept)")
    stats = replace(
        stats,
        skipped=stats.skipped + sum(p.skipped for p in later),
        warnings=stats.warnings + sum(not p.skipped for p in later),
    )
    return TraceResult(
        articles,
        v["quotes"],
        v["attributions"],
        v["reuse"],
        v["stories"],
        v["related"],
        v["claims"],
        v["shared_quotes"],
        (*problems, *later),
        stats,
        v["matches"],
        all_links,
    )


def _finish(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    options: TraceOptions,
    key: str | None,
    result: TraceResult,
) -> TraceResult:
    """Store the report as tables (unless they hold this very run already), a section at a
    time (:class:`~provenance.report.json_report.Report`)."""
    from .report.json_report import Report

    if key is None or not runcache.tables_hold(store.connection, key):
        runcache.mark_tables(store.connection, None)  # a run killed while writing leaves no mark
        with paused_gc(freeze=False):
            store.put_report([str(p) for p in paths], Report(result))
        runcache.mark_tables(store.connection, key)
    return result


def _date_conflicts(
    articles: Sequence[Article], problems: list[Problem], stats: TraceStats
) -> tuple[list[Problem], TraceStats]:
    """One warning per article whose date evidence contradicts itself, counted in the summary."""
    found = [
        Problem(a.path, "contradictory publication date bounds; the stated date is used", False, "extract")
        for a in articles
        if time_bounds(a).conflict
    ]
    for p in found:
        log.warning("%s: %s", p.path, p.reason)
    return [*problems, *found], replace(stats, warnings=stats.warnings + len(found))


def _segmented(articles: Sequence[Article], problems: list[Problem], seconds: float) -> dict[str, Analysis]:
    """The analysis of each article, behind the per-document boundary (a failure drops that
    article from the run, with a line)."""
    out: dict[str, Analysis] = {}
    for a in articles:
        res = guarded(segment, a, path=a.path, stage="segment", seconds=seconds)
        if isinstance(res.value, Problem):
            problems.append(res.value)
            log.warning("%s: %s", res.value.where, res.value.reason)
        else:
            out[a.id] = res.value
    return out


def _ancestors(parent_of: dict[str, str], article_id: str, limit: int = 16) -> list[str]:
    """The copy tree's chain above ``article_id`` (its parent, the parent's parent, ...),
    nearest first; a cycle or a chain longer than ``limit`` stops the walk."""
    out: list[str] = []
    seen = {article_id}
    while (up := parent_of.get(article_id)) is not None and up not in seen and len(out) < limit:
        out.append(up)
        seen.add(up)
        article_id = up
    return out


R = TypeVar("R")


def _in_pool_or_here(pool: LazyPool, job: Future[R] | None, fn: Callable[..., R], *args: Any) -> R:
    """The result of ``job`` (``fn(*args)`` submitted to the pool), or ``fn(*args)`` run here
    when there is no job or its worker process died (killed for memory, say)."""
    if job is not None:
        try:
            return job.result()
        except BrokenProcessPool:
            log.warning("a worker process died during %s; running it here instead", fn.__name__)
            pool.kill()
    return fn(*args)


A = TypeVar("A", Quote, Attribution)


def _by_article(items: Sequence[A]) -> dict[str, list[A]]:
    """Quotes or citations grouped by article id, in their order."""
    out: dict[str, list[A]] = {}
    for x in items:
        out.setdefault(x.article, []).append(x)
    return out


def _order_of(order: dict[str, int], article_id: str) -> tuple[int]:
    """Publication rank of an article (a picklable ``order_key`` for a worker)."""
    return (order.get(article_id, 0),)


def _publication_order(articles: Sequence[Article]) -> list[str]:
    """Article ids, earliest publication evidence first (in UTC; undated last)."""

    def key(a: Article) -> tuple[int, float, str]:
        b = time_bounds(a)
        return (0, b.mid, a.id) if b.known else (1, 0.0, a.id)

    return [a.id for a in sorted(articles, key=key)]
