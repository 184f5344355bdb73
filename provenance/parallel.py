"""Per-article stages across worker processes, overlapping the corpus-wide ones.

Why: after extraction the trace used one core.  Attribution (quotes and citations) is per
article and the reuse engine needs its outputs only when it orders the versions of a story
(the credit ``names`` function), so attribution can run in the extraction workers while this
process fingerprints, indexes and aligns.  The outputs are the same objects the serial path
computes (same functions, same inputs, same order), only computed elsewhere.

The pool is spawned lazily (a small crawl, or a fully cached re-run, never starts a process)
and with the ``spawn`` context, like extraction always was (no forked locks or SQLite handles).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

from .attribution import citations as citations_mod
from .attribution import quotes as quotes_mod
from .attribution.registry import Registry
from .codec import from_dict
from .models import Analysis, Article, Attribution, Quote
from .store import Store

R = TypeVar("R")
Outputs = tuple[list[Quote], list[Attribution]]

#: Below this many uncached articles attribution stays in this process: shipping them costs
#: more than it saves.
MIN_PARALLEL = 32


class LazyPool:
    """A spawn-context process pool of ``workers`` processes, started on first ``submit``.

    With ``workers`` <= 1 there is no pool: :attr:`enabled` is false and callers run inline.
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
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool.submit(fn, *args)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
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


def _attribute_chunk(items: Sequence[tuple[Article, Analysis]], registry: Registry) -> list[Outputs]:
    """Worker side: attribution of a chunk of articles, in the chunk's order."""
    return [compute_attribution(a, s, registry) for a, s in items]


class Attributions:
    """Attribution of a run's articles: cached ones read now, the rest computed in the pool
    (or inline without one); :meth:`result` waits, stores the new outputs and returns every
    article's quotes and citations in article order (the serial path's order)."""

    def __init__(
        self,
        articles: Sequence[Article],
        segs: dict[str, Analysis],
        registry: Registry,
        store: Store,
        version: str,
        pool: LazyPool,
        progress: Callable[[str, int, int | None], None] | None = None,
    ) -> None:
        self.articles = articles
        self.store = store
        self.version = version
        self._outputs: list[Outputs | None] = [cached_attribution(store, a.id, version) for a in articles]
        todo = [i for i, out in enumerate(self._outputs) if out is None]
        self._futures: list[tuple[list[int], Future[list[Outputs]]]] = []
        if pool.enabled and len(todo) >= MIN_PARALLEL:
            # interleaved chunks balance long and short articles; a few per worker keeps all busy
            k = min(len(todo), 4 * pool.workers)
            for c in range(k):
                idx = todo[c::k]
                items = [(articles[i], segs[articles[i].id]) for i in idx]
                self._futures.append((idx, pool.submit(_attribute_chunk, items, registry)))
        else:
            for n, i in enumerate(todo, 1):
                a = articles[i]
                out = compute_attribution(a, segs[a.id], registry)
                self._outputs[i] = out
                store_attribution(store, a.id, version, out)
                if progress:
                    progress("attribute", n, len(todo))
            store.commit()
        self._done: tuple[list[Quote], list[Attribution]] | None = None

    def result(self) -> tuple[list[Quote], list[Attribution]]:
        if self._done is None:
            for idx, fut in self._futures:
                for i, out in zip(idx, fut.result(), strict=True):
                    self._outputs[i] = out
                    store_attribution(self.store, self.articles[i].id, self.version, out)
            self._futures = []
            self.store.commit()
            quotes: list[Quote] = []
            cites: list[Attribution] = []
            for done in self._outputs:
                assert done is not None
                quotes.extend(done[0])
                cites.extend(done[1])
            self._done = (quotes, cites)
        return self._done
