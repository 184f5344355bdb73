from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from provenance import TraceResult
from provenance.graph import build_graph, node_link
from provenance.models import Article, Attribution, Link, OutletGuess, Quote, ReuseEdge
from provenance.report.exports import write_gexf, write_graphml


def test_edges_point_the_way_information_travelled() -> None:
    a = Article("a1", "a1.html", "Text one.", outlet=OutletGuess("The Paper", "paper.com", "manifest URL"))
    b = Article("b1", "b1.txt", "Text two, Caliber.Az reports via Iranian media.")
    q = Quote("a1", "We will act", "direct", (0, 4), "Fuad Hussein", (5, 9), "said", (10, 14))
    c = Attribution(
        "b1",
        "Caliber.Az",
        "reports via",
        "Caliber.Az reports via Iranian media.",
        (10, 40),
        cited_domain="caliber.az",
        via=("Iranian media",),
        cited_kind="outlet",
        via_kinds=("source_group",),
    )
    e = ReuseEdge("a1", "b1", "partial", 0.2, 0.4, False)
    g = build_graph([a, b], [q], [c], [e])
    kinds = {(u, v, d["kind"]) for u, v, d in g.edges(data=True)}
    assert ("outlet:paper.com", "article:a1", "published_by") in kinds
    assert ("source_group:iranian media", "outlet:caliber.az", "via") in kinds
    assert ("outlet:caliber.az", "article:b1", "cites") in kinds
    assert ("article:a1", "article:b1", "copies") in kinds
    assert ("person:fuad hussein", next(v for u, v, k in kinds if k == "said"), "said") in kinds
    assert all("kind" in d and "label" in d for _, d in g.nodes(data=True))
    data = node_link(g)
    assert data["directed"] and data["multigraph"]
    assert {n["kind"] for n in data["nodes"]} == {"article", "outlet", "person", "claim", "source_group"}


def test_unknown_speakers_make_no_person_node() -> None:
    q = Quote("a1", "text", "direct", (0, 4))
    g = build_graph([Article("a1", "a", "text")], [q])
    assert not [n for n, d in g.nodes(data=True) if d["kind"] == "person"]


def _every_node_described(g: nx.Graph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if not d.get("kind") or not d.get("label")]


def test_an_article_linked_before_its_turn_keeps_its_attributes() -> None:
    """A link from the first article to the second must not leave the second undescribed."""
    b = Article(
        "b1",
        "b1.html",
        "Later text.",
        url="https://two.org/b",
        title="Second",
        outlet=OutletGuess("Two", "two.org", "url"),
    )
    a = Article(
        "a1",
        "a1.html",
        "Text one.",
        url="https://one.org/a",
        title="First",
        links=(Link("https://two.org/b/", "the second", "two.org"),),
    )
    q = Quote("zz", "Words said", "direct", (0, 4), "Somebody")
    g = build_graph([a, b], [q], nav_links=True)  # the link has no span in the text
    assert _every_node_described(g) == []
    assert g.nodes["article:b1"]["label"] == "Second" and g.nodes["article:b1"]["url"] == "https://two.org/b"
    assert ("article:b1", "article:a1") in g.edges()
    assert g.nodes["article:zz"]["kind"] == "article"  # named only by a quote: still described


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_dev_crawl_node_has_kind_and_label_after_a_round_trip(
    dev_trace: TraceResult, tmp_path: Path, fmt: str
) -> None:
    g = dev_trace.graph
    assert _every_node_described(g) == []
    crawl = [n for n, d in g.nodes(data=True) if d.get("in_crawl")]
    assert len(crawl) == len(dev_trace.articles)
    path = tmp_path / f"g.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(g, path)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert _every_node_described(back) == []
    for n in crawl[:50]:
        assert back.nodes[n]["kind"] == "article" and back.nodes[n]["label"] == g.nodes[n]["label"]
