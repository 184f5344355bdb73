"""The benchmark's attribution figure runs the same extraction as a trace (no timing asserted:
timing belongs in the benchmark's output, never in a pass/fail test)."""

from __future__ import annotations

from provenance.bench import bench_attribution
from provenance.models import Article


def test_bench_attribution_counts_the_articles_it_timed() -> None:
    texts = [
        'Caliber.Az reports via Iranian media that talks resumed. "We are ready," Fuad Hussein said.',
        "The ministry denied it, Reuters reported.",
    ]
    arts = [Article(id=f"a{i}", path=f"a{i}.txt", text=t) for i, t in enumerate(texts)]
    out = bench_attribution(arts)
    assert out["articles"] == 2
    assert set(out) == {
        "articles",
        "articles_per_s",
        "quotes_articles_per_s",
        "citations_articles_per_s",
        "segment_articles_per_s",
    }
    assert all(v > 0 for v in out.values())


def test_growth_exponent_of_story_sizes() -> None:
    from provenance.bench import growth

    out = growth([10, 100, 1000], [0.5, 5.0, 80.0])
    assert out["between_sizes"] == {"10->100": 1.0, "100->1000": 1.2}
    assert 1.0 < out["fitted"] < 1.3


def test_bench_real_times_one_worker_two_workers_and_the_rerun(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``bench --real`` prints what the speed issue asks for, from one run: wall and CPU time
    with one worker and with two, their ratio, and the no-op re-run as a user runs it."""
    import shutil
    from pathlib import Path

    from provenance.bench import bench_real

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    fixture = Path(__file__).parent / "fixtures" / "extract"
    (crawl / "section").mkdir()  # pages in a sub-folder count for both sides, as trace reads them
    for name, where in (("article.html", crawl), ("dateline.html", crawl / "section")):
        shutil.copy(fixture / name, where / name)
    out = bench_real(crawl, workers=2)
    assert out["documents"] == 2
    assert set(out["by_workers"]) == {"1", "2"}
    for run in out["by_workers"].values():
        assert run["wall_s"] > 0 and run["cpu_s"] > 0
    assert out["noop_rerun_s"] > 0
    assert out["workers_speedup"] > 0 and out["cpu_time_ratio_vs_trafilatura_default"] > 0
    assert out["attribution_one_core"]["articles"] == 2


def test_generated_news_crawl_is_seeded_and_has_quotes_rewrites_and_credits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from provenance.bench import news_crawl

    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    news_crawl(a, 60, seed=3)
    news_crawl(b, 60, seed=3)
    news_crawl(c, 60, seed=4)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    records = [json.loads(line) for line in a.read_text().splitlines()]
    assert len(records) == 60 and len({r["url"] for r in records}) == 60
    texts = [r["text"] for r in records]
    assert sum("\u201d said " in t for t in texts) > 40  # most pages quote somebody
    assert sum("first appeared in News" in t for t in texts) == 3  # pages 19, 39, 59 credit
    # a rewrite (every 10th page) shares most of its paragraphs' words with an earlier page
    rewrite = set(texts[9].split())
    assert max(len(rewrite & set(t.split())) / len(rewrite) for t in texts[:9]) > 0.8


def test_memory_figure_traces_a_generated_crawl_in_a_new_process() -> None:
    from provenance.bench import bench_memory, memory_growth

    out = bench_memory(40)
    assert out["pages"] == 40 and out["peak_rss_mb"] > 0 and out["report_mb"] > 0
    grown = memory_growth([{"pages": 1000, "peak_rss_mb": 300.0}, {"pages": 4000, "peak_rss_mb": 900.0}])
    assert grown["mb_per_1k_pages"] == 200.0
    assert grown["extrapolated_peak_rss_mb_at_100000"] == 900.0 + 200.0 * 96
