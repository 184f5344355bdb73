"""Pictures: written in both formats, deterministic, and legible (no two labels overlap) at 50+ nodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.text import Text
from report_data import big_report, story_report

from provenance.report.pictures import (
    citation_figure,
    citation_network,
    label_overlaps,
    plot_citation_graph,
    plot_propagation,
    propagation_figure,
)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plots_write_both_formats(tmp_path: Path, suffix: str) -> None:
    report = story_report()
    p = plot_propagation(report, tmp_path / f"prop{suffix}", story="s1")
    c = plot_citation_graph(report, tmp_path / f"cite{suffix}")
    for path in (p, c):
        data = path.read_bytes()
        assert len(data) > 10_000
        assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="picture format"):
        plot_citation_graph(story_report(), tmp_path / "x.jpg")


def test_unknown_story_is_refused() -> None:
    with pytest.raises(KeyError):
        propagation_figure(story_report(), "nope")


def test_svg_is_deterministic(tmp_path: Path) -> None:
    report = big_report()
    a = plot_citation_graph(report, tmp_path / "a.svg").read_bytes()
    b = plot_citation_graph(report, tmp_path / "b.svg").read_bytes()
    assert a == b
    a = plot_propagation(report, tmp_path / "c.svg", story="story2").read_bytes()
    b = plot_propagation(report, tmp_path / "d.svg", story="story2").read_bytes()
    assert a == b


def _visible(fig: object, words: str) -> bool:
    return any(t.get_visible() and words in t.get_text() for t in fig.findobj(Text))  # type: ignore[attr-defined]


def test_propagation_says_what_it_shows() -> None:
    fig = propagation_figure(story_report(), "s1")
    assert label_overlaps(fig) == []
    assert _visible(fig, "How story s1 spread: ISIS regrouping, Iraq warns UN")
    for words in ("declared: names the true source", "vague:", "wrong:", "absent:", "undated", "origin"):
        assert _visible(fig, words), words
    # one lane per outlet, in order of first publication; Caliber.Az is known only as "not
    # before 13 Dec" and is drawn with the origin it copies, whose lane comes first
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]  # top lane first
    assert labels[:2] == ["Halyard Press Agency", "Caliber.Az"]
    assert labels[-1] == "copycat.blog" and len(labels) == 5


def test_citation_network_edges() -> None:
    g = citation_network(story_report())
    kinds = {(u, v, d["kind"]) for u, v, d in g.edges(data=True)}
    assert ("source_group:iranian media", "outlet:reuters.com", "via") in kinds
    assert ("outlet:reuters.com", "outlet:newsaggregator.net", "cites") in kinds
    assert ("source_group:iranian media", "outlet:caliber.az", "cites") in kinds
    assert ("outlet:halyardpress.com", "outlet:dailyledger.com", "copies") in kinds
    assert g.nodes["source_group:iranian media"]["kind"] == "source_group"


def test_citation_graph_legible_at_scale() -> None:
    report = big_report()
    g = citation_network(report)
    assert g.number_of_nodes() >= 50
    fig = citation_figure(report)
    assert label_overlaps(fig) == []
    shown = {t.get_text() for t in fig.findobj(Text) if t.get_visible()}
    # every node keeps its label (none had to be hidden to avoid an overlap)
    missing = [n for n in g.nodes if not any(str(g.nodes[n]["label"])[:20] in s for s in shown)]
    assert missing == []
    assert _visible(fig, "Outlet citation graph") and _visible(fig, "source group")


def test_propagation_legible_at_scale() -> None:
    report = big_report()
    fig = propagation_figure(report)
    assert len(fig.axes[0].get_yticklabels()) >= 40
    assert label_overlaps(fig) == []
    fig = propagation_figure(report, "story3")
    assert label_overlaps(fig) == []


def test_dollar_signs_are_not_math() -> None:
    report = story_report()
    report["articles"][0]["title"] = "Costs $5m and $6m"
    report["articles"][0]["outlet"]["name"] = "Money $ Times $"
    fig = propagation_figure(report, "s1")
    assert label_overlaps(fig) == []
    assert _visible(fig, "Costs $5m and $6m")


def test_no_dates_at_all() -> None:
    report = story_report()
    for a in report["articles"]:
        a["published"] = {"value": None, "not_before": None, "not_after": None, "evidence": []}
    fig = propagation_figure(report, "s1")
    assert label_overlaps(fig) == []
    assert _visible(fig, "no article has a known publication date")
