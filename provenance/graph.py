"""Graph stage: one networkx graph of who published, said, cited and copied what.

Every edge points the way information travelled: source group -> outlet (via) -> article
(cites); outlet -> article (published_by); person -> claim -> article (said, quotes);
earlier article -> later copy (copies); linked page -> article (links_to); a claim carried
along copies -> each article stating it (states, with the drift at that hop).  A multigraph,
because one pair of nodes can be linked in several ways (an article may cite and copy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import Any, TypeVar

import networkx as nx

from .drift import Claim
from .models import Article, Attribution, Quote, ReuseEdge
from .segment import normalise

R = TypeVar("R", Quote, Attribution)

#: Edge attributes the JSON report does not repeat: the record the edge names by id (a link,
#: a quote, a citation, each in its own list of the report) carries them.
_BY_REF = {
    "link": ("evidence", "date"),
    "quote": ("cue", "quote_kind", "span"),
    "citation": ("evidence", "mode"),
}


def link_id(article_id: str, k: int) -> str:
    """Id of the ``k``-th link of an article (its rank among all the page's links)."""
    return f"{article_id}#l{k}"


def with_ids(records: Iterable[R], tag: str) -> Iterator[tuple[str, R]]:
    """Quotes (``tag`` "q") or citations ("c") with their ids: the article's id and the
    record's rank among that article's, stable from run to run like the article id."""
    seen: dict[str, int] = {}
    for r in records:
        k = seen[r.article] = seen.get(r.article, -1) + 1
        yield f"{r.article}#{tag}{k}", r


def article_node(article_id: str) -> str:
    return f"article:{article_id}"


def outlet_node(name_or_domain: str) -> str:
    return f"outlet:{name_or_domain.lower()}"


def _cited_node(kind: str, name: str) -> tuple[str, str]:
    if kind == "source_group":
        return f"source_group:{name.lower()}", "source_group"
    return outlet_node(name), "outlet"


def article_label(article: Article) -> str:
    return article.title or PurePath(article.path).name


def build_graph(
    articles: Sequence[Article],
    quotes: Iterable[Quote] = (),
    attributions: Iterable[Attribution] = (),
    reuse: Iterable[ReuseEdge] = (),
    claims: Iterable[Claim] = (),
    with_links: bool = True,
    nav_links: bool = False,
) -> nx.MultiDiGraph:
    """Build the provenance graph; node ``kind`` and ``label`` attributes on every node.

    Links inside the article text are edges (``with_links``); navigation links (menus, tags,
    footers: no span in the text) only with ``nav_links``, as in the JSON report: on a real
    page they are most of the links and say nothing about where the story came from.
    """
    g: nx.MultiDiGraph = nx.MultiDiGraph()

    def node(nid: str, kind: str, label: str, **attrs: Any) -> str:
        # Nodes are met in any order (a link can name a crawl article before its own turn), so
        # attributes merge: what a node lacks is filled in, what it has is kept.
        known = {k: v for k, v in {"kind": kind, "label": label, **attrs}.items() if v is not None}
        if nid in g:
            current = g.nodes[nid]
            for k, v in known.items():
                current.setdefault(k, v)
        else:
            g.add_node(nid, **known)
        return nid

    def art(aid: str) -> str:
        """An article named by a later stage: described already, or at least kind and id."""
        return node(article_node(aid), "article", aid)

    # every crawl article (and its outlet) first: any later edge finds its node described
    for a in articles:
        an = node(
            article_node(a.id),
            "article",
            article_label(a),
            url=a.url,
            path=a.path,
            in_crawl=True,
            published=a.published.value or a.published.not_before,
        )
        if a.outlet.domain or a.outlet.name:
            on = node(
                outlet_node(a.outlet.domain or a.outlet.name or ""),
                "outlet",
                a.outlet.name or a.outlet.domain or "",
                domain=a.outlet.domain,
            )
            g.add_edge(on, an, kind="published_by", evidence=a.outlet.evidence)
    by_url = {a.url.rstrip("/"): article_node(a.id) for a in articles if a.url}
    if with_links:
        for a in articles:
            an = article_node(a.id)
            for k, link in enumerate(a.links):
                if link.span is None and not nav_links:
                    continue
                kind = "links_to_own" if a.outlet.domain and link.domain == a.outlet.domain else "links_to"
                # a linked page is an article too: the crawl's own node when it holds it
                ln = by_url.get(link.url.rstrip("/")) or node(
                    f"page:{link.url}",
                    "article",
                    link.anchor or link.url,
                    url=link.url,
                    domain=link.domain,
                    in_crawl=False,
                )
                g.add_edge(
                    ln, an, kind=kind, evidence=link.anchor, date=link.date_in_url, link=link_id(a.id, k)
                )

    for qid, q in with_ids(quotes, "q"):
        if not q.speaker:
            continue
        pn = node(f"person:{q.speaker.lower()}", "person", q.speaker)
        key = hashlib.sha1(normalise(q.text).encode("utf-8")).hexdigest()[:12]
        cn = node(f"claim:{key}", "claim", q.text[:80])
        g.add_edge(pn, cn, kind="said", cue=q.cue or "", quote_kind=q.kind, quote=qid)
        g.add_edge(cn, art(q.article), kind="quotes", span=f"{q.span[0]}-{q.span[1]}", quote=qid)

    for cid, c in with_ids(attributions, "c"):
        if c.cited_kind == "vague":
            # "media reports said": vague credit names no source, so no node stands for it;
            # the citing article carries the phrases
            citing = art(c.article)
            g.nodes[citing]["vague_credit"] = "; ".join(
                filter(None, [g.nodes[citing].get("vague_credit"), c.cited])
            )
            continue
        cited, ckind = _cited_node(c.cited_kind, c.domain or c.cited)
        node(cited, ckind, c.cited, domain=c.domain)
        g.add_edge(cited, art(c.article), kind="cites", evidence=c.evidence, mode=c.mode, citation=cid)
        prev = cited
        for name, vkind in zip(c.via, c.via_kinds or ("unknown",) * len(c.via), strict=False):
            vn, vk = _cited_node(vkind, name)
            node(vn, vk, name)
            g.add_edge(vn, prev, kind="via", evidence=c.evidence, citation=cid)
            prev = vn

    for e in reuse:
        g.add_edge(
            art(e.source),
            art(e.target),
            kind="copies",
            reuse_kind=e.kind,
            jaccard=e.jaccard,
            containment=e.containment,
            declared=e.declared,
            credit=e.credit,
            alternatives=" ".join(article_node(a) for a in e.alternatives),
        )
    for cl in claims:
        cn = node(f"claim:{cl.id}", "claim", cl.text[:80], first_article=cl.first_article)
        g.add_edge(cn, art(cl.first_article), kind="states", drift="")
        for h in cl.hops:
            g.add_edge(cn, art(h.target), kind="states", via=article_node(h.source), drift=", ".join(h.tags))
    return g


def node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx node-link data (the JSON report's ``graph``)."""
    data: dict[str, Any] = nx.node_link_data(g)
    return data


def _node_link_in_place(g: nx.MultiDiGraph) -> dict[str, Any]:
    """:func:`node_link` made of the graph's own attribute dicts (``id``, ``source``,
    ``target`` and ``key`` set in them), not copies of them: for a graph written once and
    dropped, whose node-link copy would double it in memory.  The graph is spoilt after."""
    nodes = []
    for n, attrs in g.nodes(data=True):
        attrs["id"] = n
        nodes.append(attrs)
    edges = []
    for u, v, k, attrs in g.edges(keys=True, data=True):
        attrs["source"], attrs["target"], attrs["key"] = u, v, k
        edges.append(attrs)
    return {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "graph": g.graph,
        "nodes": nodes,
        "edges": edges,
    }


def json_graph(
    g: nx.MultiDiGraph, links: Collection[str] | None = None, consume: bool = False
) -> dict[str, Any]:
    """The graph as the JSON report gives it: node-link data whose link, quote and citation
    edges name their record by id (``link``, ``quote``, ``citation``) instead of repeating its
    anchor, cue or evidence, which the report's ``links``, ``quotes`` and ``attributions`` hold.

    ``links`` (link ids, optional) keeps only those links' edges, and a linked page no kept
    edge reaches is left out with them (the report leaves navigation links out unless asked).
    ``consume``: ``g`` is not used afterwards, so its own attribute dicts become the records.
    """
    data = _node_link_in_place(g) if consume else node_link(g)
    edges = []
    reached: set[str] = set()
    for e in data["edges"]:
        if links is not None and "link" in e and e["link"] not in links:
            continue
        for ref, attrs in _BY_REF.items():
            if ref in e:
                for attr in attrs:
                    e.pop(attr, None)
        edges.append(e)
        reached.add(e["source"])
    data["edges"] = edges
    data["nodes"] = [n for n in data["nodes"] if not str(n["id"]).startswith("page:") or n["id"] in reached]
    return data
