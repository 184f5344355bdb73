from __future__ import annotations

from provenance.graph import build_graph, node_link
from provenance.models import Article, Attribution, OutletGuess, Quote, ReuseEdge


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
