"""The Dask batch job must give exactly the local path's reuse edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.batch import DaskMapper
from provenance.models import Article
from provenance.reuse import find_reuse

pytest.importorskip("dask.bag")

FIXTURES = Path(__file__).parent / "fixtures" / "reuse"


def _corpus() -> list[Article]:
    return [Article(p.stem, str(p), p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.txt"))]


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_dask_job_gives_the_local_edges(scheduler: str) -> None:
    articles = _corpus()
    local = find_reuse(articles)
    mapper = DaskMapper(scheduler, partitions=3)
    try:
        batch = find_reuse(articles, mapper=mapper)
    finally:
        mapper.close()
    assert local.edges, "the fixture corpus has copies"
    assert batch.edges == local.edges
    assert batch.stories == local.stories


def test_dask_job_on_a_local_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        mapper = DaskMapper(cluster.scheduler_address, partitions=2)
        try:
            batch = find_reuse(_corpus(), mapper=mapper)
        finally:
            mapper.close()
    assert batch.edges == find_reuse(_corpus()).edges


@pytest.mark.slow
def test_dask_job_gives_the_local_edges_on_the_dev_crawl(dev_trace) -> None:  # type: ignore[no-untyped-def]
    mapper = DaskMapper("processes")
    try:
        batch = find_reuse(dev_trace.articles, mapper=mapper)
    finally:
        mapper.close()
    local = find_reuse(dev_trace.articles)
    assert len(local.edges) > 300
    assert batch.edges == local.edges


def test_trace_with_dask_gives_the_same_report(tmp_path: Path) -> None:
    from provenance import TraceOptions, trace

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for p in sorted(FIXTURES.glob("*.txt")):
        (crawl / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    local = trace([crawl], TraceOptions(db=tmp_path / "a.db"))
    batch = trace([crawl], TraceOptions(db=tmp_path / "b.db", dask="synchronous"))
    assert local.reuse and batch.reuse == local.reuse and batch.stories == local.stories
