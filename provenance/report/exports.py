"""Exports for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape) and W3C PROV-O as JSON-LD.

GraphML and GEXF only carry scalar attributes of one declared type per key, so the graph is
copied with every attribute made writable first: ``None`` dropped (absent is the honest
encoding of unknown), lists and dicts written as JSON text, characters XML 1.0 forbids
removed, and a key whose values mix types written as text throughout.  Without that a
networkx writer either raises or writes a file its own reader then refuses.

PROV-O is built from the JSON report (not the graph) because the report carries the evidence
(publication-date evidence, the credit a copy gives, the sentence that cites a source) that a
provenance reader needs to judge each statement.  The JSON-LD ``@context`` is inlined so that
parsing the file never fetches anything from the network.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

import networkx as nx

log = logging.getLogger(__name__)

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and
# U+FFFE/U+FFFF; page text can hold any of the rest (form feeds, NULs from bad decodes).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

PROV = "http://www.w3.org/ns/prov#"
VOCAB = "urn:provenance-tracer:"
CONTEXT: Mapping[str, Any] = MappingProxyType(
    {
        "prov": PROV,
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "pt": VOCAB,
    }
)


# --------------------------------------------------------------------------- graph files


def report_graph(report: Mapping[str, Any]) -> nx.MultiDiGraph:
    """The report's ``graph`` (node-link data) as a networkx multigraph, whatever the links key."""
    data = dict(report["graph"])
    key = "edges" if "edges" in data else "links"
    data.setdefault("directed", True)
    data.setdefault("multigraph", True)
    g = nx.node_link_graph(data, edges=key)
    return g if isinstance(g, nx.MultiDiGraph) else nx.MultiDiGraph(g)


def _clean_str(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _scalar(value: Any) -> str | int | float | bool | None:
    """One attribute value as something XML writers accept (``None`` means drop it)."""
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        if isinstance(value, float) and value != value:  # NaN cannot round-trip through a typed key
            return None
        return value
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return _clean_str(json.dumps(items, ensure_ascii=False, default=str, sort_keys=True))
    return _clean_str(str(value))


def _key_types(items: Iterable[Mapping[str, Any]]) -> dict[str, type]:
    """One type per attribute key: bool, int or float when every value agrees, else str."""
    seen: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            seen.setdefault(k, set()).add(type(v))
    out: dict[str, type] = {}
    for k, types in seen.items():
        if types == {bool}:
            out[k] = bool
        elif types == {int}:
            out[k] = int
        elif types <= {int, float}:
            out[k] = float
        else:
            out[k] = str
    return out


def _coerce(attrs: Mapping[str, Any], types: Mapping[str, type]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in attrs.items():
        t = types[k]
        out[k] = (str(v).lower() if isinstance(v, bool) else str(v)) if t is str else t(v)
    return out


def sanitise_graph(g: nx.Graph, drop: Iterable[str] = ()) -> nx.MultiDiGraph:
    """A copy of ``g`` whose node, edge and graph attributes GraphML and GEXF can both carry.

    ``drop`` names attributes to leave out (e.g. long texts nobody wants in Gephi).  Node ids
    are strings afterwards, because both formats store ids as text and read them back as such.
    """
    dropped = set(drop)

    def clean(attrs: Mapping[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in attrs.items():
            if k in dropped:
                continue
            s = _scalar(v)
            if s is not None:
                out[_clean_str(str(k))] = s
        return out

    nodes = [(_clean_str(str(n)), clean(a)) for n, a in g.nodes(data=True)]
    if g.is_multigraph():
        edges = [
            (_clean_str(str(u)), _clean_str(str(v)), clean(a))
            for u, v, _k, a in g.edges(keys=True, data=True)
        ]
    else:
        edges = [(_clean_str(str(u)), _clean_str(str(v)), clean(a)) for u, v, a in g.edges(data=True)]
    ntypes = _key_types(a for _, a in nodes)
    etypes = _key_types(a for _, _, a in edges)
    out: nx.MultiDiGraph = nx.MultiDiGraph()
    out.graph.update({k: v for k, v in clean(g.graph).items() if isinstance(v, str | int | float | bool)})
    for n, a in nodes:
        out.add_node(n, **_coerce(a, ntypes))
    for u, v, a in edges:
        out.add_edge(u, v, **_coerce(a, etypes))
    return out


def write_graphml(g: nx.Graph, path: str | Path, sanitised: bool = False) -> Path:
    """Write ``g`` as GraphML (yEd, Cytoscape, Gephi); returns the path written.

    ``sanitised``: ``g`` is already :func:`sanitise_graph`'s output (one copy serves both formats).
    """
    path = Path(path)
    clean = g if sanitised else sanitise_graph(g)
    nx.write_graphml(clean, path, encoding="utf-8", prettyprint=True)
    log.info("GraphML: %d nodes, %d edges -> %s", clean.number_of_nodes(), clean.number_of_edges(), path)
    return path


def write_gexf(g: nx.Graph, path: str | Path, sanitised: bool = False) -> Path:
    """Write ``g`` as GEXF 1.2 (Gephi's own format); returns the path written.

    GEXF reserves edge ``id``/``label``/``weight``/``start``/``end`` and node ``start``/``end``/
    ``pid``/``viz``; graph attributes of those names are renamed with a ``_`` suffix so they
    stay data instead of being taken for GEXF structure.  ``sanitised``: ``g`` is already
    :func:`sanitise_graph`'s output, and is renamed in place (write any other format first).
    """
    path = Path(path)
    clean = g if sanitised else sanitise_graph(g)
    reserved_edge = {"id", "label", "weight", "start", "end", "type", "key"}
    reserved_node = {"start", "end", "pid", "viz", "id"}
    for _, a in clean.nodes(data=True):
        for k in list(a):
            if k in reserved_node:
                a[k + "_"] = a.pop(k)
    for _, _, a in clean.edges(data=True):
        for k in list(a):
            if k in reserved_edge:
                a[k + "_"] = a.pop(k)
    nx.write_gexf(clean, path, encoding="utf-8", prettyprint=True, version="1.2draft")
    log.info("GEXF: %d nodes, %d edges -> %s", clean.number_of_nodes(), clean.number_of_edges(), path)
    return path


# --------------------------------------------------------------------------- PROV-O


def _iri(kind: str, name: str) -> str:
    """A stable IRI in the tracer's own namespace (percent-encoded: names hold spaces, slashes...)."""
    return f"pt:{kind}/{quote(name.strip().lower() if kind != 'article' else name, safe='')}"


def _time(value: str) -> dict[str, str]:
    """An ``xsd:dateTime`` literal when the value has a time, else ``xsd:date`` (no invented clock time)."""
    return {"@value": value, "@type": "xsd:dateTime" if "T" in value else "xsd:date"}


def _outlet_key(outlet: Mapping[str, Any]) -> str | None:
    key = outlet.get("domain") or outlet.get("name")
    return str(key) if key else None


def prov_jsonld(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report as W3C PROV-O in JSON-LD (a ``@graph`` with an inlined ``@context``).

    Articles are ``prov:Entity`` (``prov:generatedAtTime`` when the page states its date,
    ``pt:notBefore``/``pt:notAfter`` when only bounds are known); outlets, speakers and source
    groups are ``prov:Agent``; ``prov:wasAttributedTo`` links an article to its outlet.  Every
    reuse edge is ``target prov:wasDerivedFrom source`` with a qualified ``prov:Derivation``
    (kind, similarity, credit, passages), and a quote reuse is also ``prov:wasQuotedFrom``.
    Each quotation is an entity attributed to its speaker, ``pt:quotedIn`` the article.
    A stated source ("according to X", "via Y") is ``prov:wasInfluencedBy`` with a qualified
    ``prov:Influence`` holding the sentence as evidence; the via-chain links the agents the
    same way.  A stated source is not a derivation because the tracer has not seen the
    source's text, only the claim that it exists.
    """
    nodes: dict[str, dict[str, Any]] = {}

    def node(iri: str, types: list[str], **props: Any) -> dict[str, Any]:
        n = nodes.setdefault(iri, {"@id": iri, "@type": types})
        for t in types:
            if t not in n["@type"]:
                n["@type"].append(t)
        for k, v in props.items():
            if v is not None and v != "" and k not in n:
                n[k] = v
        return n

    def add(n: dict[str, Any], prop: str, value: Any) -> None:
        cur = n.get(prop)
        if cur is None:
            n[prop] = value
        elif isinstance(cur, list):
            if value not in cur:
                cur.append(value)
        elif cur != value:
            n[prop] = [cur, value]

    articles = {a["id"]: a for a in report.get("articles", [])}
    for a in articles.values():
        n = node(
            _iri("article", a["id"]),
            ["prov:Entity"],
            **{
                "rdfs:label": a.get("title"),
                "pt:url": a.get("url"),
                "pt:path": a.get("path"),
                "pt:byline": a.get("byline"),
            },
        )
        pub = a.get("published") or {}
        if pub.get("value"):
            n["prov:generatedAtTime"] = _time(pub["value"])
        for bound, prop in (("not_before", "pt:notBefore"), ("not_after", "pt:notAfter")):
            if pub.get(bound):
                n[prop] = _time(pub[bound])
        if pub.get("evidence"):
            n["pt:dateEvidence"] = list(pub["evidence"])
        outlet = a.get("outlet") or {}
        key = _outlet_key(outlet)
        if key:
            o = node(
                _iri("outlet", key),
                ["prov:Agent", "prov:Organization"],
                **{"rdfs:label": outlet.get("name") or key, "pt:domain": outlet.get("domain")},
            )
            add(n, "prov:wasAttributedTo", {"@id": o["@id"]})
            add(
                n,
                "prov:qualifiedAttribution",
                {
                    "@type": "prov:Attribution",
                    "prov:agent": {"@id": o["@id"]},
                    "pt:evidence": outlet.get("evidence") or "unknown",
                },
            )

    for e in report.get("reuse", []):
        src, dst = _iri("article", e["source"]), _iri("article", e["target"])
        node(src, ["prov:Entity"])
        t = node(dst, ["prov:Entity"])
        add(t, "prov:wasDerivedFrom", {"@id": src})
        qualified = {
            "@type": "prov:Derivation",
            "prov:entity": {"@id": src},
            "pt:reuseKind": e.get("kind"),
            "pt:jaccard": e.get("jaccard"),
            "pt:containment": e.get("containment"),
            "pt:declared": e.get("declared"),
            "pt:credit": e.get("credit"),
            "pt:directionEvidence": e.get("direction_evidence") or None,
            "pt:passages": len(e.get("passages") or []),
        }
        if e.get("kind") == "quote":
            add(t, "prov:wasQuotedFrom", {"@id": src})
            qualified["@type"] = ["prov:Derivation", "prov:Quotation"]
        add(t, "prov:qualifiedDerivation", {k: v for k, v in qualified.items() if v is not None})

    for i, q in enumerate(report.get("quotes", [])):
        if not q.get("speaker"):
            continue
        person = node(
            _iri("person", q["speaker"]), ["prov:Agent", "prov:Person"], **{"rdfs:label": q["speaker"]}
        )
        qn = node(
            f"pt:quote/{quote(q['article'], safe='')}/{i}",
            ["prov:Entity"],
            **{
                "prov:value": q.get("text"),
                "pt:quoteKind": q.get("kind"),
                "pt:cue": q.get("cue"),
                "pt:span": "{}-{}".format(*q["span"]) if q.get("span") else None,
                "pt:quotedIn": {"@id": _iri("article", q["article"])},
            },
        )
        add(qn, "prov:wasAttributedTo", {"@id": person["@id"]})
        node(_iri("article", q["article"]), ["prov:Entity"])

    for c in report.get("attributions", []):
        if c.get("cited_kind") == "vague":
            continue  # vague credit ("media reports said") names no source to draw
        kind = "source_group" if c.get("cited_kind") == "source_group" else "outlet"
        domain = c.get("outlet_domain") or c.get("cited_domain")
        cited = node(
            _iri(kind, domain or c["cited"]),
            ["prov:Agent"],
            **{"rdfs:label": c["cited"], "pt:domain": domain, "pt:agentKind": kind},
        )
        art = node(_iri("article", c["article"]), ["prov:Entity"])
        add(art, "prov:wasInfluencedBy", {"@id": cited["@id"]})
        add(
            art,
            "prov:qualifiedInfluence",
            {
                "@type": "prov:Influence",
                "prov:influencer": {"@id": cited["@id"]},
                "pt:cue": c.get("cue"),
                "pt:evidence": c.get("evidence"),
                "pt:mode": c.get("mode"),
                "pt:span": "{}-{}".format(*c["span"]) if c.get("span") else None,
            },
        )
        prev = cited
        via_kinds = list(c.get("via_kinds") or [])
        for j, name in enumerate(c.get("via") or []):
            vkind = (
                "source_group" if (via_kinds[j] if j < len(via_kinds) else "") == "source_group" else "outlet"
            )
            v = node(_iri(vkind, name), ["prov:Agent"], **{"rdfs:label": name, "pt:agentKind": vkind})
            add(prev, "prov:wasInfluencedBy", {"@id": v["@id"]})
            add(
                prev,
                "prov:qualifiedInfluence",
                {
                    "@type": "prov:Influence",
                    "prov:influencer": {"@id": v["@id"]},
                    "pt:cue": "via",
                    "pt:evidence": c.get("evidence"),
                },
            )
            prev = v

    for qn in nodes.values():
        for k in ("prov:qualifiedInfluence", "prov:qualifiedDerivation", "prov:qualifiedAttribution"):
            vals = qn.get(k)
            if isinstance(vals, dict):
                qn[k] = {kk: vv for kk, vv in vals.items() if vv is not None}
            elif isinstance(vals, list):
                qn[k] = [{kk: vv for kk, vv in v.items() if vv is not None} for v in vals]
    return {"@context": dict(CONTEXT), "@graph": sorted(nodes.values(), key=lambda n: n["@id"])}


def write_prov(report: Mapping[str, Any], path: str | Path) -> Path:
    """Write :func:`prov_jsonld` to ``path`` (JSON-LD, UTF-8); returns the path written."""
    path = Path(path)
    doc = prov_jsonld(report)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    log.info("PROV-O JSON-LD: %d resources -> %s", len(doc["@graph"]), path)
    return path
