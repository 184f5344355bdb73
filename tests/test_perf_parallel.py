"""A trace with worker processes (attribution, shared quotations and related articles run in
the pool) gives exactly the serial trace's report."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from provenance import parallel
from provenance.pipeline import TraceOptions, trace
from provenance.report.json_report import report_dict

FIX = Path(__file__).parent / "fixtures" / "reuse"


def _crawl(folder: Path) -> Path:
    """A crawl of more articles than ``MIN_PARALLEL``: the reuse fixtures, each in several
    lightly edited versions, so there are copies, quotations and credits to find."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIX.glob("*.txt"))]
    n = 0
    while n < parallel.MIN_PARALLEL + 8:
        for t in texts:
            edited = t.replace(" the ", " a ", n % 3) + f"\n\nReporting by Desk {n % 5} (Reuters)."
            (folder / f"doc{n:03d}.txt").write_text(edited, encoding="utf-8")
            n += 1
    return folder


def test_workers_give_the_serial_report(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl")
    serial = trace([crawl], TraceOptions(db=tmp_path / "s.db", workers=1))
    pooled = trace([crawl], TraceOptions(db=tmp_path / "p.db", workers=2))
    a, b = report_dict(serial), report_dict(pooled)
    assert a["reuse"] and a["quotes"]  # the comparison is not vacuous
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    # the corpus index's signatures, made by the workers, are the serial path's
    signed = []
    for db in ("s.db", "p.db"):
        with sqlite3.connect(tmp_path / db) as con:
            signed.append(con.execute("SELECT * FROM signatures ORDER BY article").fetchall())
    assert signed[0] == signed[1] and len(signed[0]) == len(a["articles"])
    # a re-run reads every attribution from the store and starts no process
    again = trace([crawl], TraceOptions(db=tmp_path / "p.db", workers=2))
    assert json.dumps(report_dict(again), sort_keys=True) == json.dumps(a, sort_keys=True)


def test_quotes_reach_the_next_job_as_soon_as_the_pool_has_them(tmp_path: Path) -> None:
    """``on_quotes`` hands the shared-quotation job the very quotes ``result`` returns, from
    the pool's result thread, before this process asks for them."""
    import threading

    from provenance.attribution.registry import default_registry
    from provenance.models import Article
    from provenance.segment import segment
    from provenance.store import ArticleRow, Store

    crawl = _crawl(tmp_path / "crawl")
    articles = [
        Article(id=f"a{k}", path=p.name, text=p.read_text(encoding="utf-8"))
        for k, p in enumerate(sorted(crawl.iterdir()))
    ]
    segs = {a.id: segment(a) for a in articles}
    got: list[list] = []  # type: ignore[type-arg]
    ready = threading.Event()
    with parallel.LazyPool(2) as pool, Store(tmp_path / "q.db") as store:
        for a in articles:  # the workers are sent the stored rows
            store.put_article(ArticleRow.of(a))
        att = parallel.Attributions(articles, segs, default_registry(), store, "v", pool)
        att.on_quotes(lambda quotes: (got.append(quotes), ready.set()))
        assert ready.wait(120), "the callback never came"
        quotes, _ = att.result()
    assert got == [quotes] and quotes


def test_attribution_started_early_is_kept_or_redone_whole(tmp_path: Path) -> None:
    """Attribution started before the run's article list is final gives the inline outputs:
    taken over under the same rules (an article dropped meanwhile ignored, one added later
    computed), and cancelled and computed again when the final registry differs (here it
    knows the desks the pages credit, so their citations change), never mixed."""
    from provenance.attribution.registry import RegistryOutlet, default_registry
    from provenance.guard import Budgets
    from provenance.models import Article
    from provenance.segment import segment
    from provenance.store import ArticleRow, Store

    crawl = _crawl(tmp_path / "crawl")
    articles = [
        Article(id=f"a{k:03d}", path=p.name, text=p.read_text(encoding="utf-8"))
        for k, p in enumerate(sorted(crawl.iterdir()))
    ]
    segs = {a.id: segment(a) for a in articles}
    first = articles[:-1]  # the last article joins the run after the start
    run = articles[1:]  # the first is dropped from the run after the start
    early = default_registry()
    desks = early.with_outlets(RegistryOutlet(f"Desk {n}", domains=(f"desk{n}.example",)) for n in range(5))
    budgets = Budgets(max_seconds=0)
    for final, version in ((early, "v"), (desks, "w")):
        inline = [parallel.compute_attribution(a, segs[a.id], final) for a in run]
        want = ([q for qs, _ in inline for q in qs], [c for _, cs in inline for c in cs])
        assert want[0] and want[1]  # not vacuous
        with parallel.LazyPool(2) as pool, Store(tmp_path / f"{version}.db") as store:
            for a in articles:
                store.put_article(ArticleRow.of(a))
            started = parallel.start_attribution(first, early, store, "v", pool, budgets)
            assert started is not None
            assert {i for ids, _ in started.chunks for i in ids} == {a.id for a in first}
            att = parallel.Attributions(run, segs, final, store, version, pool, started=started)
            assert att.result() == want, version
            # every article of the run stored under the rules it was computed with
            assert all(parallel.cached_attribution(store, a.id, version) is not None for a in run)
    assert any(c.cited.startswith("Desk") for c in want[1])  # the registries give other outputs


def test_workers_read_their_articles_from_the_store_or_are_sent_them(tmp_path: Path) -> None:
    """A worker reads a chunk's articles from the store file by id; a store no other process
    can open (``:memory:``) sends the articles instead.  Both give the inline outputs."""
    from provenance.attribution.registry import default_registry
    from provenance.guard import Budgets
    from provenance.models import Article
    from provenance.segment import segment
    from provenance.store import ArticleRow, Store

    crawl = _crawl(tmp_path / "crawl")
    articles = [
        Article(id=f"a{k:03d}", path=p.name, text=p.read_text(encoding="utf-8"))
        for k, p in enumerate(sorted(crawl.iterdir()))
    ]
    segs = {a.id: segment(a) for a in articles}
    registry = default_registry()
    inline = [parallel.compute_attribution(a, segs[a.id], registry) for a in articles]
    want = ([q for qs, _ in inline for q in qs], [c for _, cs in inline for c in cs])
    ids = [a.id for a in articles]
    for where in (str(tmp_path / "s.db"), ":memory:"):
        with parallel.LazyPool(2) as pool, Store(where) as store:
            for a in articles:
                store.put_article(ArticleRow.of(a))
            assert store.on_disk() == (where != ":memory:")
            att = parallel.Attributions(articles, segs, registry, store, "v", pool, budgets=Budgets())
            assert att.result() == want, where
    # the worker side alone, from the file
    outs = parallel._attribute_stored(str(tmp_path / "s.db"), ids, registry, Budgets())
    assert [o for o, _ in outs] == inline
