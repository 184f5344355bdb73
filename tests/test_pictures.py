"""Pictures: written in both formats, deterministic, and legible (no two labels overlap) at 50+ nodes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from matplotlib.dates import date2num
from matplotlib.text import Text
from report_data import big_report, story_report

from provenance.models import Article, DateGuess
from provenance.report.outputs import OutputPaths, write_outputs
from provenance.report.pictures import (
    citation_figure,
    citation_network,
    label_overlaps,
    place_in_time,
    plot_citation_graph,
    plot_propagation,
    propagation_figure,
    publication_times,
    stories_by_size,
    stories_figure,
)
from provenance.timeline import time_bounds

EPOCH = float(date2num(datetime(1970, 1, 1)))


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


# --------------------------------------------------------------------------- honest time


def _two(origin_pub: dict[str, Any], copy_pub: dict[str, Any]) -> dict[str, Any]:
    """A two-article story: ``o`` copied by ``c``."""

    def art(aid: str, domain: str, pub: dict[str, Any]) -> dict[str, Any]:
        full = {"value": None, "not_before": None, "not_after": None, "evidence": [], "source": None}
        return {
            "id": aid,
            "url": f"https://{domain}/{aid}",
            "path": f"{aid}.html",
            "title": f"Title {aid}",
            "text": "x",
            "outlet": {"name": domain, "domain": domain, "evidence": "url"},
            "published": {**full, **pub},
        }

    return {
        "articles": [art("o", "first.example", origin_pub), art("c", "second.example", copy_pub)],
        "reuse": [{"source": "o", "target": "c", "kind": "partial", "credit": "absent", "declared": False}],
        "stories": [{"id": "st", "members": ["o", "c"], "origin": "o", "evidence": "test"}],
    }


def test_a_date_without_zone_is_read_as_the_copy_tree_reads_it() -> None:
    """10:00 at UTC+3 is 07:00 UTC; a copy stamped 06:00 without a zone may be 06:00 anywhere on
    Earth, i.e. after 07:00 UTC: it must not be drawn before its origin (it was, read as UTC)."""
    report = _two({"value": "2024-12-13T10:00:00+03:00"}, {"value": "2024-12-13T06:00:00"})
    when = publication_times(report)
    arts = [
        Article(a["id"], a["path"], "", published=DateGuess(a["published"]["value"]))
        for a in report["articles"]
    ]
    for a in arts:  # the same interval as the timeline (and so the stories stage) gives
        b = time_bounds(a)
        assert (when[a.id].lo, when[a.id].hi) == pytest.approx((b.lo / 86400 + EPOCH, b.hi / 86400 + EPOCH))
    assert when["o"].exact and not when["c"].exact
    x, back = place_in_time(when, [("o", "c")], inset=0.1)
    assert back == set() and x["c"] >= x["o"]  # type: ignore[operator]
    fig = propagation_figure(report, "st")
    assert not _visible(fig, "⚠") and label_overlaps(fig) == []


def test_a_bound_only_date_is_an_interval_never_a_point_at_its_bound() -> None:
    report = _two({"value": "2024-12-13T08:00:00Z"}, {"not_after": "2024-12-20"})
    when = publication_times(report)
    assert when["c"].lo is None and when["c"].hi is not None  # open towards the past
    x, _ = place_in_time(when, [("o", "c")], inset=0.5)
    assert x["c"] is not None and x["c"] < when["c"].hi  # drawn inside the interval
    fig = propagation_figure(report, "st")
    ax = fig.axes[0]
    bars = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2 and ln.get_linewidth() == 3]
    assert len(bars) == 1  # the interval, as a bar
    lo, hi = sorted(bars[0].get_xdata())
    assert hi == pytest.approx(when["c"].hi) and lo == pytest.approx(ax.get_xlim()[0])  # to the edge
    assert any(ln.get_marker() == "<" for ln in ax.get_lines())  # its open end


def test_an_arrow_back_in_time_only_where_the_dates_say_so_and_flagged() -> None:
    report = _two({"value": "2024-12-14T10:00:00Z"}, {"value": "2024-12-13T10:00:00Z"})
    x, back = place_in_time(publication_times(report), [("o", "c")], inset=0.1)
    assert back == {("o", "c")}
    fig = propagation_figure(report, "st")
    assert _visible(fig, "⚠") and _visible(fig, "dated before its source")
    # overlapping intervals are never drawn backwards
    report = _two({"value": "2024-12-14"}, {"value": "2024-12-13T22:00:00Z"})
    assert place_in_time(publication_times(report), [("o", "c")], inset=0.1)[1] == set()


def test_index_of_stories_by_size() -> None:
    report = big_report()
    fig = stories_figure(report)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]
    sizes = [len(s["members"]) for s in stories_by_size(report)]
    assert len(labels) == len(report["stories"]) and sizes == sorted(sizes, reverse=True)
    assert labels[0].startswith("1. ") and label_overlaps(fig) == []


def test_pictures_one_per_story_in_a_folder_and_none_when_nothing_to_draw(tmp_path: Path) -> None:
    report = big_report()
    notes: list[str] = []
    written = write_outputs(report, nx.MultiDiGraph(), OutputPaths(png=tmp_path / "pics"), note=notes.append)
    names = sorted(p.name for p in (tmp_path / "pics").iterdir())
    n = len(report["stories"])
    assert len(names) == n + 2 and "index.png" in names and "citations.png" in names
    assert [m for m in names if m.startswith("story-")][0].startswith("story-01-")
    assert set(written) == set((tmp_path / "pics").iterdir())
    assert notes == []
    empty = {"articles": report["articles"][:3], "stories": [], "reuse": [], "attributions": []}
    written = write_outputs(
        empty, nx.MultiDiGraph(), OutputPaths(png=tmp_path / "none.png"), note=notes.append
    )
    assert written == [] and not list(tmp_path.glob("none*"))
    assert len(notes) == 2 and "no story to draw" in notes[0] and "no citation graph" in notes[1]
