"""The seed investigation, end to end: what design.md says the tool must state, and nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import TraceOptions, TraceResult, report_dict, trace


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> TraceResult:
    db = tmp_path_factory.mktemp("db") / "seeds.db"
    return trace([Path(__file__).resolve().parents[1] / "crawls" / "seeds"], TraceOptions(db=db))


def _by_name(result: TraceResult, prefix: str) -> str:
    return next(a.id for a in result.articles if Path(a.path).name.startswith(prefix))


def test_chain_iranian_media_caliber_article(seeds: TraceResult) -> None:
    second = _by_name(seeds, "001")
    chains = [c for c in seeds.attributions if c.article == second and c.cited == "Caliber.Az"]
    assert len(chains) == 1
    c = chains[0]
    assert c.cited_domain == "caliber.az" and c.cited_kind == "outlet"
    assert list(c.via) == ["Iranian media"] and list(c.via_kinds) == ["source_group"]
    assert "Caliber.Az reports via Iranian media" in c.evidence
    g = seeds.graph
    assert g.has_edge("source_group:iranian media", "outlet:caliber.az")
    assert g.has_edge("outlet:caliber.az", f"article:{second}")


def test_first_article_outlet_and_date_bounds(seeds: TraceResult) -> None:
    first = seeds.article(_by_name(seeds, "000"))
    assert first.outlet.domain == "thenationalnews.com"
    assert "links" in first.outlet.evidence
    assert first.published.not_before == "2024-12-13"
    assert first.published.value != "2024-06-09"
    assert any("2024-12-13" in ev for ev in first.published.evidence)
    assert len([ln for ln in first.links if ln.domain == "thenationalnews.com"]) == 7
    assert sorted(ln.date_in_url for ln in first.links if ln.date_in_url)[0] == "2024-06-09"


def test_nothing_invented_for_the_second_article(seeds: TraceResult) -> None:
    second = seeds.article(_by_name(seeds, "001"))
    assert second.outlet.name is None and second.outlet.domain is None
    assert second.byline and "Aghakazim Guliyev" in second.byline


def test_quotes_attributed_by_full_name(seeds: TraceResult) -> None:
    first, second = _by_name(seeds, "000"), _by_name(seeds, "001")
    speakers = {(q.article, q.speaker) for q in seeds.quotes}
    assert (first, "Fuad Hussein") in speakers
    assert (second, "Fuad Hussein") in speakers
    assert (first, "Antonio Guterres") in speakers
    worsening = [q for q in seeds.quotes if "worsening situation" in q.text]
    assert worsening and worsening[0].speaker == "Fuad Hussein"


def test_not_near_duplicates_but_shared_speaker_and_claims(seeds: TraceResult) -> None:
    assert seeds.reuse == ()
    assert len(seeds.related) == 1
    r = seeds.related[0]
    assert r.jaccard < 0.1 and r.containment < 0.1
    assert "Fuad Hussein" in r.shared_speakers
    terms = {t for c in r.claims for t in c.shared_terms}
    assert {"prisons", "camp"} <= terms


def test_json_report_follows_the_contract(seeds: TraceResult) -> None:
    rep = report_dict(seeds)
    assert rep["schema"] == "provenance-report/1"
    for a in rep["articles"]:
        assert {"id", "url", "path", "title", "byline", "text", "outlet", "published"} <= a.keys()
        assert {"value", "not_before", "not_after", "evidence"} <= a["published"].keys()
    texts = {a["id"]: a["text"] for a in rep["articles"]}
    for q in rep["quotes"]:
        s, e = q["span"]
        assert texts[q["article"]][s:e] == q["text"]
    for c in rep["attributions"]:
        s, e = c["span"]
        assert 0 <= s < e <= len(texts[c["article"]])
    assert {n["kind"] for n in rep["graph"]["nodes"]} >= {"article", "outlet", "person", "source_group"}


def test_rerun_adds_nothing(seeds: TraceResult, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    crawl = Path(__file__).resolve().parents[1] / "crawls" / "seeds"
    first = trace([crawl], TraceOptions(db=db))
    second = trace([crawl], TraceOptions(db=db))
    assert first.stats.new == 2 and second.stats.new == 0
    assert [a.id for a in first.articles] == [a.id for a in second.articles]


def test_new_crawl_into_existing_corpus_processes_only_new_documents(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "reuse"
    first, second = tmp_path / "march", tmp_path / "april"
    first.mkdir()
    second.mkdir()
    (first / "original.txt").write_text((fixtures / "original.txt").read_text())
    (first / "independent.txt").write_text((fixtures / "independent.txt").read_text())
    (second / "copy.txt").write_text((fixtures / "verbatim.txt").read_text())
    db = tmp_path / "corpus.db"
    trace([first], TraceOptions(db=db))
    later = trace([second], TraceOptions(db=db))
    assert later.stats.new == 1  # only April's page was extracted
    names = {a.id: Path(a.path).name for a in later.articles}
    assert {(names[e.source], names[e.target]) for e in later.reuse} == {("original.txt", "copy.txt")}
    alone = trace([second], TraceOptions(db=tmp_path / "other.db"))
    assert alone.reuse == ()
