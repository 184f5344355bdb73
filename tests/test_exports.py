"""GraphML/GEXF round trips and PROV-O JSON-LD that parses as RDF without touching the network."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_data import story_report

from provenance.report.exports import (
    CONTEXT,
    prov_jsonld,
    report_graph,
    sanitise_graph,
    write_gexf,
    write_graphml,
    write_prov,
)

READERS = {"graphml": (write_graphml, nx.read_graphml), "gexf": (write_gexf, nx.read_gexf)}


def _edge_multiset(g: nx.Graph) -> list[tuple[str, str]]:
    """Edges as (u, v) pairs, parallel edges counted."""
    return sorted((str(u), str(v)) for u, v in g.edges())


def awkward_graph() -> nx.MultiDiGraph:
    """Two parallel edges, None/list/dict/mixed-type attributes, characters XML forbids."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    g.add_node(
        "article:1",
        kind="article",
        label="A <b>title</b> & \x0c form feed",
        published=None,
        tags=["x", "y"],
        meta={"a": None},
        score=1,
    )
    g.add_node("outlet:ex.com", kind="outlet", label="Example", score=2.5)
    g.add_node("person:zoë", kind="person", label="Zoë \x00", score="high")
    g.add_edge("outlet:ex.com", "article:1", kind="published_by", evidence=None)
    g.add_edge("outlet:ex.com", "article:1", kind="cites", evidence="according to Example", span=(1, 5))
    g.add_edge("person:zoë", "article:1", kind="said", declared=True, weight=3)
    return g


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_round_trip_keeps_nodes_and_parallel_edges(tmp_path: Path, fmt: str) -> None:
    write, read = READERS[fmt]
    g = awkward_graph()
    path = write(g, tmp_path / f"g.{fmt}")
    back = read(path)
    assert sorted(back.nodes) == sorted(g.nodes)
    assert back.is_multigraph()
    assert _edge_multiset(back) == _edge_multiset(g)
    kinds = sorted(d["kind"] for _, _, d in back.edges(data=True))
    assert kinds == ["cites", "published_by", "said"]
    n = back.nodes["article:1"]
    assert n["label"] == "A <b>title</b> &  form feed"
    assert json.loads(n["tags"]) == ["x", "y"]
    assert "published" not in n
    # a key with mixed types (int, float, str) is written as text everywhere, so it reads back
    assert {back.nodes[x]["score"] for x in back.nodes} == {"1", "2.5", "high"}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_report_graph_round_trip(tmp_path: Path, fmt: str) -> None:
    write, read = READERS[fmt]
    g = report_graph(story_report())
    back = read(write(g, tmp_path / f"r.{fmt}"))
    assert sorted(back.nodes) == sorted(g.nodes)
    assert _edge_multiset(back) == _edge_multiset(g)
    copies = [d for _, _, d in back.edges(data=True) if d["kind"] == "copies"]
    assert len(copies) == 4 and {d["credit"] for d in copies} == {"declared", "vague", "wrong", "absent"}


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "label", "kind"]),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-(10**6), 10**6),
            st.floats(allow_nan=True),
            st.text(max_size=20),
            st.lists(st.integers(), max_size=3),
        ),
        max_size=4,
    )
)
def test_sanitised_attributes_always_write(attrs: dict[str, Any]) -> None:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    g.add_node("n1", **attrs)
    g.add_node("n2", a="text")
    g.add_edge("n1", "n2", **attrs)
    g.add_edge("n1", "n2")
    clean = sanitise_graph(g)
    for _, d in clean.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in d.values())
    buf = io.BytesIO()
    nx.write_graphml(clean, buf)
    buf.seek(0)
    assert nx.read_graphml(buf).number_of_edges() == 2
    buf = io.BytesIO()
    nx.write_gexf(clean, buf)
    buf.seek(0)
    assert nx.read_gexf(buf).number_of_nodes() == 2


# --------------------------------------------------------------------------- PROV-O

rdflib = pytest.importorskip("rdflib", reason="rdflib (test extra) is needed to parse PROV-O as RDF")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any socket connection: JSON-LD parsing must not fetch a remote @context."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def parse_prov(doc: dict[str, Any]) -> Any:
    return rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")


def local(term: Any) -> str:
    return str(term).rsplit("/", 1)[-1]


def test_prov_parses_as_rdf_offline(no_network: None) -> None:
    report = story_report()
    doc = prov_jsonld(report)
    assert doc["@context"] == CONTEXT  # inlined, not a URL
    g = parse_prov(doc)
    assert len(g) > 100
    entities = {local(s) for s in g.subjects(rdflib.RDF.type, PROV.Entity)}
    assert {a["id"] for a in report["articles"]} <= entities
    agents = {local(s) for s in g.subjects(rdflib.RDF.type, PROV.Agent)}
    assert {"halyardpress.com", "caliber.az", "hussein", "guterres", "iranian%20media"} <= agents


def test_prov_every_reuse_edge_is_a_derivation(no_network: None) -> None:
    report = story_report()
    g = parse_prov(prov_jsonld(report))
    derived = {(local(s), local(o)) for s, o in g.subject_objects(PROV.wasDerivedFrom)}
    assert derived == {(e["target"], e["source"]) for e in report["reuse"]}
    quoted = {(local(s), local(o)) for s, o in g.subject_objects(PROV.wasQuotedFrom)}
    assert quoted == {(e["target"], e["source"]) for e in report["reuse"] if e["kind"] == "quote"}
    # qualified derivations carry the credit
    credits = {str(o) for o in g.objects(None, rdflib.URIRef("urn:provenance-tracer:credit"))}
    assert credits == {"declared", "vague", "wrong", "absent"}


def test_prov_dates_attribution_and_source_chain(no_network: None) -> None:
    report = story_report()
    g = parse_prov(prov_jsonld(report))
    times = {local(s): o for s, o in g.subject_objects(PROV.generatedAtTime)}
    dated = {a["id"] for a in report["articles"] if a["published"]["value"]}
    assert set(times) == dated
    assert times["a0wire"].toPython().year == 2024
    attributed = {(local(s), local(o)) for s, o in g.subject_objects(PROV.wasAttributedTo)}
    assert ("a0wire", "halyardpress.com") in attributed and ("c2vague", "caliber.az") in attributed
    influenced = {(local(s), local(o)) for s, o in g.subject_objects(PROV.wasInfluencedBy)}
    # "Reuters reports via Iranian media": article <- Reuters <- Iranian media
    assert ("d3wrong", "reuters.com") in influenced and ("reuters.com", "iranian%20media") in influenced
    evidence = {str(o) for o in g.objects(None, rdflib.URIRef("urn:provenance-tracer:evidence"))}
    assert "Reuters reports via Iranian media:" in evidence


def test_write_prov(tmp_path: Path, no_network: None) -> None:
    path = write_prov(story_report(), tmp_path / "r.jsonld")
    g = rdflib.Graph().parse(path, format="json-ld")
    assert len(g) > 100
