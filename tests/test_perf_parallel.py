"""A trace with worker processes (attribution, shared quotations and related articles run in
the pool) gives exactly the serial trace's report."""

from __future__ import annotations

import json
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
    from provenance.store import Store

    crawl = _crawl(tmp_path / "crawl")
    articles = [
        Article(id=f"a{k}", path=p.name, text=p.read_text(encoding="utf-8"))
        for k, p in enumerate(sorted(crawl.iterdir()))
    ]
    segs = {a.id: segment(a) for a in articles}
    got: list[list] = []  # type: ignore[type-arg]
    ready = threading.Event()
    with parallel.LazyPool(2) as pool, Store(tmp_path / "q.db") as store:
        att = parallel.Attributions(articles, segs, default_registry(), store, "v", pool)
        att.on_quotes(lambda quotes: (got.append(quotes), ready.set()))
        assert ready.wait(120), "the callback never came"
        quotes, _ = att.result()
    assert got == [quotes] and quotes
