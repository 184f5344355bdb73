"""The JSON report: the graph names quotes, links and citations by id instead of repeating
them, navigation links stay out unless asked, compact by default and pretty on request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import TraceOptions, TraceResult, trace
from provenance.report.json_report import report_dict, write_json

PAGE = """<html><head><title>{title}</title>
<meta property="og:site_name" content="{site}"></head><body>
<nav><a href="https://{domain}/sports/">Sports</a> <a href="https://{domain}/weather/">Weather</a></nav>
<article><h1>{title}</h1>
<p>The council voted on Tuesday to build a movable flood barrier across the harbour mouth, a plan
that has divided the town for a decade. "We cannot wait for the next storm," Mayor Anna Lindqvist
said after the vote, adding that work would begin in the spring.</p>
<p>The decision follows a report by <a href="https://{other}/flood-report">the water board</a> that
warned of rising sea levels, Reuters reported. Opponents said the barrier would harm fishing and
cost far more than the council admits.</p>
<p>{extra}</p>
</article>
<footer><a href="https://{domain}/about/">About us</a></footer></body></html>"""


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    crawl = tmp_path_factory.mktemp("crawl")
    for k, (site, domain, extra) in enumerate(
        [
            ("Harbour News", "harbour.example", "The barrier is expected to take four years to build."),
            ("Coast Daily", "coast.example", "Fishermen plan to protest at the next meeting."),
        ]
    ):
        (crawl / f"{k}.html").write_text(
            PAGE.format(
                title="Council backs flood barrier",
                site=site,
                domain=domain,
                other="water.example",
                extra=extra,
            )
        )
    return crawl


@pytest.fixture(scope="module")
def traced(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> TraceResult:
    return trace([crawl], TraceOptions(db=tmp_path_factory.mktemp("db") / "r.db"))


def _edges(rep: dict[str, Any], ref: str) -> list[dict[str, Any]]:
    return [e for e in rep["graph"]["edges"] if ref in e]


def test_graph_names_records_by_id(traced: TraceResult) -> None:
    rep = report_dict(traced)
    for ref, section, repeated in (
        ("quote", "quotes", ("cue", "quote_kind", "span")),
        ("citation", "attributions", ("evidence", "mode")),
        ("link", "links", ("evidence", "date")),
    ):
        ids = {r["id"] for r in rep[section]}
        assert len(ids) == len(rep[section]), f"{section} ids are unique"
        edges = _edges(rep, ref)
        assert edges, f"the fixture has {section} in the graph"
        for e in edges:
            assert e[ref] in ids
            assert not set(repeated) & e.keys()
    # the graph object itself (GraphML, GEXF) keeps the attributes
    assert all("cue" in d for *_, d in traced.graph.edges(data=True) if d["kind"] == "said")


def test_navigation_links_only_when_asked(traced: TraceResult, crawl: Path, tmp_path: Path) -> None:
    nav = {"https://harbour.example/sports/", "https://coast.example/about/"}
    rep = report_dict(traced)
    assert rep["links"] and all(ln["span"] for ln in rep["links"])
    assert not nav & {ln["url"] for ln in rep["links"]}
    assert not {f"page:{u}" for u in nav} & {n["id"] for n in rep["graph"]["nodes"]}
    full = report_dict(trace([crawl], TraceOptions(db=tmp_path / "all.db", all_links=True)))
    assert nav <= {ln["url"] for ln in full["links"]}
    assert {f"page:{u}" for u in nav} <= {n["id"] for n in full["graph"]["nodes"]}
    kept = {ln["id"] for ln in full["links"]}
    assert {e["link"] for e in _edges(full, "link")} <= kept
    assert len(_edges(full, "link")) > len(_edges(rep, "link"))


def test_compact_by_default_pretty_on_request(traced: TraceResult, tmp_path: Path) -> None:
    write_json(traced, tmp_path / "c.json")
    write_json(traced, tmp_path / "p.json", pretty=True)
    compact, pretty = (tmp_path / "c.json").read_text("utf-8"), (tmp_path / "p.json").read_text("utf-8")
    assert "\n" not in compact and "\n  " in pretty
    assert json.loads(compact) == json.loads(pretty) == json.loads(json.dumps(report_dict(traced)))
    assert "Lindqvist" in compact  # UTF-8 text as is, no ASCII escapes needed


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda kids: st.lists(kids, max_size=5) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON, max_size=6), st.sampled_from([1, 2, 2048]))
def test_report_written_in_pieces_is_the_report_encoded_at_once(report: dict, at_once: int) -> None:
    import io

    import provenance.report.json_report as jr

    old, jr._ITEMS_AT_ONCE = jr._ITEMS_AT_ONCE, at_once  # 1 and 2: lists cut into many pieces
    try:
        for pretty in (False, True):
            out = io.BytesIO()
            jr.write_report(report, out, pretty)
            assert out.getvalue() == jr.dumps(report, pretty)
    finally:
        jr._ITEMS_AT_ONCE = old


def test_report_sections_are_built_when_read(traced: TraceResult, monkeypatch: pytest.MonkeyPatch) -> None:
    """A trace keeps neither its report nor its graph: the report builds a section when it is
    read (the graph only for the graph section), and the whole of it is the plain dict."""
    import io

    import provenance.pipeline as pipeline
    from provenance.report.json_report import Report, write_report

    built: list[int] = []
    real = pipeline.build_graph
    monkeypatch.setattr(pipeline, "build_graph", lambda *a, **k: built.append(1) or real(*a, **k))
    report = Report(traced)
    assert list(report)[-1] == "graph" and report["quotes"] and not built
    assert report["graph"]["nodes"] and len(built) == 1
    whole = report_dict(traced)
    assert dict(report) == whole and len(built) == 3
    streamed = io.BytesIO()
    write_report(report, streamed)
    assert json.loads(streamed.getvalue()) == whole


def test_graph_section_is_made_of_the_graph_s_own_records(traced: TraceResult) -> None:
    """The report's graph section reuses the attribute dicts of a graph built for it (no
    node-link copy beside the graph), and says exactly what the copying conversion says."""
    from provenance.graph import json_graph

    copied = json_graph(traced.graph)
    g = traced.graph
    first = next(iter(g.nodes))
    consumed = json_graph(g, consume=True)
    assert orjson.dumps(consumed) == orjson.dumps(copied)
    assert consumed["nodes"][0] is g.nodes[first]
