"""Every output of a trace is produced and opens in its tool (networkx, rdflib), on the
seeds and (when ../shared is present) on the labelled dev crawl."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from provenance import TraceOptions, TraceResult, report_dict, trace
from provenance.report.html import FILTER_SCRIPT
from provenance.report.outputs import OutputPaths, citations_path, picture_plan, write_outputs
from provenance.report.pictures import stories_by_size


def _check_all_outputs(result: TraceResult, out: Path) -> dict[str, Any]:
    report = report_dict(result)
    paths = OutputPaths(
        out / "r.json",
        out / "r.html",
        out / "g.graphml",
        out / "g.gexf",
        out / "p.jsonld",
        out / "s.png",
        out / "s.svg",
    )
    write_outputs(report, result.graph, paths)
    g = result.graph
    for back in (nx.read_graphml(paths.graphml), nx.read_gexf(paths.gexf)):
        assert set(back.nodes) == set(g.nodes)
        assert back.number_of_edges() == g.number_of_edges()
    rdflib = pytest.importorskip("rdflib")
    rdf = rdflib.Graph().parse(paths.prov, format="json-ld")
    derived = set(rdf.subject_objects(rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    assert len(derived) >= len({(e.source, e.target) for e in result.reuse})
    stories = report["stories"]
    for pic in (paths.png, paths.svg):
        assert pic is not None and citations_path(pic).stat().st_size > 1000
        # one picture per story (and the index, when there are several); none when no story
        plan = picture_plan(pic, pic.suffix, stories_by_size(report))
        assert pic.exists() == bool(stories)
        assert len(plan.stories) == len(stories)
        assert all(p.stat().st_size > 1000 for p in plan.stories.values())
        siblings = {p.name for p in out.glob(f"{pic.stem}*{pic.suffix}")}
        assert siblings == {p.name for p in (*plan.stories.values(), plan.index, plan.citations) if p}
    page = (out / "r.html").read_text(encoding="utf-8")
    assert page.lower().count("<script") == 1 and f"<script>{FILTER_SCRIPT}</script>" in page  # ours alone
    assert json.loads((out / "r.json").read_text())["schema"] == "provenance-report/1"
    return report


def test_every_output_on_the_seeds(tmp_path: Path, seeds_dir: Path) -> None:
    result = trace([seeds_dir], TraceOptions(db=tmp_path / "s.db"))
    report = _check_all_outputs(result, tmp_path)
    assert "Caliber.Az" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert report["attributions"]


@pytest.mark.slow
def test_every_output_on_the_dev_crawl(dev_trace: TraceResult, tmp_path: Path) -> None:
    _check_all_outputs(dev_trace, tmp_path)


@pytest.mark.slow
def test_rewritten_sentence_shows_as_drift_from_its_parent(dev_trace: TraceResult, shared_data: Path) -> None:
    """For the rewrite copies the engine finds, the sentence that changed is drift from its
    parent's sentence, and the changed words are the ones the rewrite touched."""
    truth = json.loads((shared_data / "syndication-dev" / "truth.json").read_text())
    by_url = {a.url: a.id for a in dev_trace.articles}
    found_edges = {(e.source, e.target) for e in dev_trace.reuse}
    hops: dict[tuple[str, str], list[Any]] = {}
    for c in dev_trace.claims:
        for h in c.hops:
            hops.setdefault((h.source, h.target), []).append(h)
    rewrites = found = shown = 0
    for edge in truth["reuse_edges"]:
        if edge["transformation"] != "rewrite":
            continue
        rewrites += 1
        pair = (by_url.get(edge["source_url"]), by_url.get(edge["target_url"]))
        if pair not in found_edges:
            continue
        found += 1
        changed = [p for p in edge["passages"] if p.get("exact") is False]
        words = {ch.before for h in hops.get(pair, []) for ch in h.changes if ch.before} | {
            ch.after for h in hops.get(pair, []) for ch in h.changes if ch.after
        }
        shown += any(w in p["source_text"] or w in p["target_text"] for w in words for p in changed)
    assert found >= rewrites // 2
    assert shown / found > 0.8, (shown, found, rewrites)
