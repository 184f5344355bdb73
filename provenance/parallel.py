"""Per-article stages across worker processes, overlapping the corpus-wide ones.

Why: after extraction the trace used one core.  Attribution (quotes and citations) is per
article and the reuse engine needs its outputs only when it orders the versions of a story
(the credit ``names`` function), so attribution can run in the extraction workers while this
process fingerprints, indexes and aligns.  The workers also sign the run's new articles for
the corpus index while this process analyses them.  A worker reads the articles it is given
by id from the store (nothing of a crawl is pickled here).  The outputs are the same objects
the serial path computes (same functions, same inputs, same order), only computed elsewhere.

The pool is spawned lazily (a small crawl, or a fully cached re-run, never starts a process)
and with the ``spawn`` context, like extraction always was (no forked locks or SQLite handles).
Each article's attribution runs behind the per-document boundary (:func:`provenance.guard.guarded`):
a failure or a time-out costs that article its quotes and citations, with a line, never the run.
Workers stop themselves when the process that started them dies (even by SIGKILL), instead
of living on holding their memory.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

from .attribution import citations as citations_mod
from .attribution import quotes as quotes_mod
from .attribution.registry import Registry
from .codec import from_dict
from .errors import Problem
from .guard import Budgets, guarded
from .index import INDEX_PARAMS, sign_stored
from .models import Analysis, Article, Attribution, Quote
from .segment import segment
from .store import Store, articles_by_id
from .textsafe import LOG_FORMAT, PrintableFormatter

log = logging.getLogger(__name__)

R = TypeVar("R")
Outputs = tuple[list[Quote], list[Attribution]]

#: Below this many uncached articles attribution stays in this process: shipping them costs
#: more than it saves.
MIN_PARALLEL = 32


def _init_worker(parent: int, log_level: int) -> None:
    """Worker initializer: log like the parent (one prefixed, escaped line per message, at
    the parent's level, instead of Python's bare last-resort output), and exit when the
    parent process is gone.

    A worker blocked on the task queue never notices its parent's death (it holds the
    queue's other end itself), so without the watch a SIGKILLed trace leaves its workers
    running.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter(LOG_FORMAT))
    logging.basicConfig(level=log_level, handlers=[handler], force=True)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class LazyPool:
    """A spawn-context process pool of ``workers`` processes, started on first ``submit``.

    With ``workers`` <= 1 there is no pool: :attr:`enabled` is false and callers run inline.
    After a worker crash (the pool is then broken) or a stuck worker, :meth:`kill` drops the
    pool and the next ``submit`` starts a fresh one.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    @property
    def enabled(self) -> bool:
        return self.workers > 1

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(os.getpid(), logging.getLogger().getEffectiveLevel()),
            )
        return self._pool.submit(fn, *args)

    def kill(self) -> None:
        """Stop every worker now (a stuck or crashed one included); pending futures fail with
        ``BrokenProcessPool``.  ProcessPoolExecutor has no public way to stop a worker that is
        running a task (``terminate_workers`` arrives in Python 3.14), hence ``_processes``."""
        if self._pool is None:
            return
        stop = getattr(self._pool, "terminate_workers", None)
        if stop is not None:  # pragma: no cover - Python >= 3.14
            stop()
        else:
            for proc in list(getattr(self._pool, "_processes", {}).values()):
                proc.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self, cancel: bool = False) -> None:
        """Stop the pool.  After a clean run the workers are told to exit and not waited for:
        each one's interpreter teardown (0.4 s on a 990-page trace) overlaps what the caller
        does next (writing the report); the interpreter still joins them before it exits.
        After an error (``cancel``) the pending tasks are dropped and the workers waited for."""
        if self._pool is not None:
            self._pool.shutdown(wait=cancel, cancel_futures=cancel)
            self._pool = None

    def __enter__(self) -> LazyPool:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(cancel=et is not None)


def compute_attribution(article: Article, segs: Analysis, registry: Registry) -> Outputs:
    """Quotes and outlet citations of one article (no cache)."""
    quotes = quotes_mod.extract_quotes(article, segs)
    sentences = [s.span for s in segs.sentences]
    return quotes, citations_mod.extract_citations(article, registry, quotes, segs.paragraphs, sentences)


def cached_attribution(store: Store, article_id: str, version: str) -> Outputs | None:
    """The stored outputs of ``article_id`` under rules ``version``, if any."""
    cached = store.get_stage(article_id, "attribution", version)
    if cached is None:
        return None
    return (
        [from_dict(Quote, q) for q in cached["quotes"]],
        [from_dict(Attribution, c) for c in cached["attributions"]],
    )


def store_attribution(store: Store, article_id: str, version: str, outputs: Outputs) -> None:
    store.put_stage(article_id, "attribution", version, {"quotes": outputs[0], "attributions": outputs[1]})


def output_chars(outputs: Outputs) -> int:
    """The text an article's attribution outputs carry (what the report and graph will hold)."""
    quotes, cites = outputs
    return sum(len(q.text) + len(q.speaker or "") for q in quotes) + sum(
        len(c.evidence) + len(c.cited) for c in cites
    )


def guarded_attribution(
    article: Article, segs: Analysis, registry: Registry, budgets: Budgets
) -> tuple[Outputs | Problem, tuple[str, ...]]:
    """Attribution of one article behind the per-document boundary: its outputs, or a
    problem (the article stays in the run, without quotes and citations: on a failure, past
    the time budget, or past the output budget), and the warnings logged meanwhile (for the
    caller to log with the article's file)."""
    out = guarded(
        compute_attribution,
        article,
        segs,
        registry,
        path=article.path,
        stage="attribute",
        seconds=budgets.max_seconds,
    )
    said = out.own + out.chatter
    if isinstance(out.value, Problem):
        reason = f"{out.value.reason}; kept without quotes and citations"
        return Problem(out.value.path, reason, False, out.value.stage), said
    outputs: Outputs = out.value
    size = output_chars(outputs)
    if size > budgets.max_output_chars:
        reason = (
            f"attribution produced {size:,} characters of quotations and evidence "
            f"(> {budgets.max_output_chars:,}); kept without quotes and citations"
        )
        return Problem(article.path, reason, False, "budget"), said
    return outputs, said


def _attribute_stored(
    db: str | Sequence[Article], ids: Sequence[str], registry: Registry, budgets: Budgets
) -> list[tuple[Outputs | Problem, tuple[str, ...]]]:
    """Worker side: attribution of a chunk of articles, in the chunk's order.

    The worker reads the articles ``ids`` from the store at path ``db`` and analyses each
    itself: pickling the articles and their analyses cost the process that sends them more
    than reading and analysing costs a worker, and that process is the one the run waits on
    (it runs the reuse engine meanwhile).  A store another process cannot open (``:memory:``)
    sends the articles themselves as ``db``."""
    articles = articles_by_id(db, ids)
    out: list[tuple[Outputs | Problem, tuple[str, ...]]] = []
    for i in ids:
        article = articles.get(i)
        if article is None:
            out.append(
                (
                    Problem(
                        i, "no longer in the store; kept without quotes and citations", False, "attribute"
                    ),
                    (),
                )
            )
            continue
        segs = guarded(segment, article, path=article.path, stage="segment", seconds=budgets.max_seconds)
        if isinstance(segs.value, Problem):  # the run drops this article (it fails here too)
            out.append((segs.value, ()))
            continue
        out.append(guarded_attribution(article, segs.value, registry, budgets))
    return out


#: One chunk of articles sent to the pool (their ids), and its future outputs in that order.
Chunk = tuple[list[str], Future[list[tuple[Outputs | Problem, tuple[str, ...]]]]]
#: Articles sent to the pool to be signed for the corpus index, and their future signatures.
SigningJob = tuple[list[str], Future[Any]]


@dataclass(frozen=True)
class Started:
    """Attribution started in the pool before the run's article list is final
    (:func:`start_attribution`): under rules ``version``, the outputs found cached and the
    chunks sent to the workers."""

    version: str
    cached: dict[str, Outputs]
    chunks: list[Chunk]

    def cancel(self) -> None:
        for _, fut in self.chunks:
            fut.cancel()


def _interleaved(
    articles: Sequence[Article], store: Store, k: int
) -> list[tuple[list[str], str | Sequence[Article]]]:
    """``articles`` in ``k`` interleaved chunks (long and short articles balance), each as its
    ids and what a worker reads them from: the store's path, or the articles themselves when
    the store is not a file another process can open."""
    on_disk = store.on_disk()
    parts = [articles[c::k] for c in range(min(len(articles), k))]
    return [([a.id for a in part], store.path if on_disk else part) for part in parts]


def _submit(
    articles: Sequence[Article], store: Store, registry: Registry, pool: LazyPool, budgets: Budgets
) -> list[Chunk]:
    """Send ``articles`` to the pool for attribution, a few chunks per worker (all stay busy)."""
    return [
        (ids, pool.submit(_attribute_stored, db, ids, registry, budgets))
        for ids, db in _interleaved(articles, store, 4 * pool.workers)
    ]


def start_attribution(
    articles: Sequence[Article],
    registry: Registry,
    store: Store,
    version: str,
    pool: LazyPool,
    budgets: Budgets,
) -> Started | None:
    """Start the attribution of ``articles`` in the pool now, before the run's article list
    and registry are final (earlier traces' articles may join the run; their outlets may join
    the registry), so the workers are busy while this process reads the corpus index and
    analyses the articles.  :class:`Attributions` takes the result over when the final
    registry gives the same ``version`` (the usual case) and ignores it otherwise.  ``None``
    without a pool or with too few uncached articles to be worth sending."""
    if not pool.enabled:
        return None
    cached: dict[str, Outputs] = {}
    todo: list[Article] = []
    for a in articles:
        out = cached_attribution(store, a.id, version)
        if out is None:
            todo.append(a)
        else:
            cached[a.id] = out
    if len(todo) < MIN_PARALLEL:
        return None
    return Started(version, cached, _submit(todo, store, registry, pool, budgets))


def start_signing(articles: Sequence[Article], store: Store, pool: LazyPool) -> list[SigningJob]:
    """Send the articles the corpus index has no signature for to the pool to be signed (a
    chunk per worker, read from the store there), so this process analyses the articles
    meanwhile; nothing without a pool or for a few articles."""
    if not pool.enabled:
        return []
    todo = [a for a in articles if store.get_signature(a.id) is None]
    if len(todo) < MIN_PARALLEL:
        return []
    return [
        (ids, pool.submit(sign_stored, db, ids, INDEX_PARAMS))
        for ids, db in _interleaved(todo, store, pool.workers)
    ]


def signatures_made(jobs: list[SigningJob], pool: LazyPool) -> dict[str, Any]:
    """The signatures the pool made (:func:`start_signing`) by article id; after a worker
    crash, none (the corpus index signs the articles itself)."""
    out: dict[str, Any] = {}
    for ids, job in jobs:
        try:
            out.update(zip(ids, job.result(), strict=True))
        except BrokenProcessPool:
            log.warning("a worker process died while signing articles; signing them here instead")
            pool.kill()
            return {}
    return out


class Attributions:
    """Attribution of a run's articles: cached ones read now, the rest computed in the pool
    (or inline without one); :meth:`result` waits, stores the new outputs and returns every
    article's quotes and citations in article order (the serial path's order).  ``started``
    (:func:`start_attribution`) is work already under way under the same rules."""

    def __init__(
        self,
        articles: Sequence[Article],
        segs: dict[str, Analysis],
        registry: Registry,
        store: Store,
        version: str,
        pool: LazyPool,
        progress: Callable[[str, int, int | None], None] | None = None,
        budgets: Budgets | None = None,
        started: Started | None = None,
    ) -> None:
        self.articles = articles
        self.segs = segs
        self.registry = registry
        self.store = store
        self.version = version
        self.pool = pool
        self.budgets = budgets or Budgets(max_seconds=0)
        #: articles whose attribution failed or ran out of time (kept, without quotes)
        self.problems: list[Problem] = []
        self._index = {a.id: i for i, a in enumerate(articles)}
        self._chunks: list[Chunk] = []
        if started is not None and started.version != version:
            started.cancel()  # other rules (the final registry differs): recomputed below
            started = None
        sent = {i for ids, _ in started.chunks for i in ids} if started else set()
        cached = started.cached if started else {}
        self._outputs: list[Outputs | None] = [
            cached.get(a.id) or (None if a.id in sent else cached_attribution(store, a.id, version))
            for a in articles
        ]
        if started:
            self._chunks.extend(started.chunks)
        todo = [i for i, out in enumerate(self._outputs) if out is None and articles[i].id not in sent]
        if pool.enabled and (len(todo) >= MIN_PARALLEL or (started and todo)):
            self._chunks.extend(_submit([articles[i] for i in todo], store, registry, pool, self.budgets))
        else:
            for n, i in enumerate(todo, 1):
                a = articles[i]
                self._keep(i, *guarded_attribution(a, segs[a.id], registry, self.budgets))
                if progress:
                    progress("attribute", n, len(todo))
            store.commit()
        self._done: tuple[list[Quote], list[Attribution]] | None = None

    def _placed(self, chunk: Chunk) -> list[tuple[int | None, tuple[Outputs | Problem, tuple[str, ...]]]]:
        """A finished chunk's outputs with the index of their article in this run (``None`` for
        an article the run dropped after the chunk was sent: it failed its analysis)."""
        ids, fut = chunk
        return [(self._index.get(aid), out) for aid, out in zip(ids, fut.result(), strict=True)]

    def _keep(self, i: int, out: Outputs | Problem, said: tuple[str, ...] = ()) -> None:
        for line in said:  # the attribution rules' own warnings, with the file they are about
            log.warning("%s: %s", self.articles[i].path, line)
        if isinstance(out, Problem):
            self.problems.append(out)
            log.warning("%s: %s", out.path, out.reason)
            self._outputs[i] = ([], [])
            return
        self._outputs[i] = out
        store_attribution(self.store, self.articles[i].id, self.version, out)

    def _redo_alone(self, idx: list[int]) -> None:
        """After a worker crash: each article of the lost chunk again, one per fresh task, so
        the one that crashes its worker again is the only one lost."""
        seconds = self.budgets.max_seconds
        hard = seconds + 30 if seconds > 0 else None
        for i in idx:
            a = self.articles[i]
            out = settle_alone(
                self.pool, guarded_attribution, (a, self.segs[a.id], self.registry, self.budgets), hard
            )
            if isinstance(out, Lost):
                reason = f"attribution {out.reason}; kept without quotes and citations"
                out = (Problem(a.path, reason, False, out.stage), ())
            self._keep(i, *out)

    def on_quotes(self, callback: Callable[[list[Quote]], None]) -> None:
        """Call ``callback`` with every article's quotes (those :meth:`result` will return) as
        soon as the pool has computed them all, from the pool's result thread, so a job that
        needs only quotes can start while this process is still busy; not at all when a
        chunk failed (its articles are redone by :meth:`result`) or nothing is computed in
        the pool (then :meth:`result` costs nothing to wait for)."""
        chunks = list(self._chunks)
        if not chunks:
            return
        known = list(self._outputs)  # the cached ones; the rest come from the chunks
        left = [len(chunks)]
        lock = threading.Lock()

        def done(_: Future[Any]) -> None:
            with lock:
                left[0] -= 1
                if left[0]:
                    return
            if any(f.cancelled() or f.exception() is not None for _, f in chunks):
                return
            outs = list(known)
            for chunk in chunks:
                for i, (out, _said) in self._placed(chunk):
                    if i is not None:
                        outs[i] = ([], []) if isinstance(out, Problem) else out
            callback([q for out in outs if out is not None for q in out[0]])

        for _, f in chunks:
            f.add_done_callback(done)

    def result(self) -> tuple[list[Quote], list[Attribution]]:
        if self._done is None:
            lost: list[int] = []
            for chunk in self._chunks:
                try:
                    placed = self._placed(chunk)
                except BrokenProcessPool:
                    lost.extend(i for i in map(self._index.get, chunk[0]) if i is not None)
                    continue
                for i, (out, said) in placed:
                    if i is not None:
                        self._keep(i, out, said)
            self._chunks = []
            if lost:
                self.pool.kill()
                self._redo_alone(lost)
            self.store.commit()
            quotes: list[Quote] = []
            cites: list[Attribution] = []
            for done in self._outputs:
                assert done is not None
                quotes.extend(done[0])
                cites.extend(done[1])
            self._done = (quotes, cites)
        return self._done


@dataclass(frozen=True)
class Lost:
    """A task whose worker process crashed (``stage`` internal) or stayed stuck past its
    time limit (``stage`` budget)."""

    reason: str
    stage: str


def settle_alone(
    pool: LazyPool, fn: Callable[..., R], args: tuple[Any, ...], timeout: float | None
) -> R | Lost:
    """``fn(*args)`` in a worker of ``pool``, waited for alone: :class:`Lost` when that worker
    crashed or went past ``timeout`` (the pool is then killed, so the next task starts clean)."""
    fut = pool.submit(fn, *args)
    try:
        return fut.result(timeout=timeout)
    except BrokenProcessPool:
        pool.kill()
        return Lost("crashed its worker process", "internal")
    except TimeoutError:
        pool.kill()
        return Lost(f"was stopped after {timeout:g} s in a stuck worker", "budget")
