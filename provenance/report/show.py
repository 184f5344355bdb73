"""Follow-up questions on a traced corpus, answered from the stored report (no re-trace).

``provenance show ID`` looks ``ID`` up as an article (id, id prefix, path, file name or
URL), a story id or a claim id, and prints what the report says about it.  Articles are
named as a reader knows them (outlet, title, date) with the id to ask about next; claim ids
are listed wherever claims are, so ``show CLAIM`` is reachable without opening the JSON.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from .terminal import rule


def find(report: dict[str, Any], key: str) -> tuple[str, dict[str, Any]] | None:
    """What ``key`` names in the report: ("article" | "story" | "claim", the record)."""
    for st in report.get("stories", []):
        if st["id"] == key:
            return "story", st
    for cl in report.get("claims", []):
        if cl["id"] == key:
            return "claim", cl
    hits = [
        a
        for a in report.get("articles", [])
        if key in (a["id"], a.get("url"), a.get("path"), PurePath(a.get("path") or "").name)
    ]
    if not hits:
        hits = [a for a in report.get("articles", []) if a["id"].startswith(key)]
    if len(hits) == 1:
        return "article", hits[0]
    return None


def _date(pub: dict[str, Any]) -> str:
    if pub.get("value"):
        return str(pub["value"])
    bounds = [
        f"not before {pub['not_before']}" if pub.get("not_before") else "",
        f"not after {pub['not_after']}" if pub.get("not_after") else "",
    ]
    return ", ".join(b for b in bounds if b) or "date unknown"


class _Names:
    """Articles as a reader knows them: outlet — title (date) · id, and the URL apart."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.articles = {a["id"]: a for a in report.get("articles", [])}

    def __call__(self, aid: str) -> str:
        a = self.articles.get(aid)
        if a is None:
            return escape(aid)
        o = a.get("outlet") or {}
        outlet = o.get("name") or o.get("domain") or "unknown outlet"
        title = a.get("title") or PurePath(a.get("path") or "").name
        return (
            f"[bold]{escape(str(outlet))}[/] — {escape(str(title))} "
            f"[dim]({escape(_date(a.get('published') or {}))}) · {escape(aid)}[/]"
        )

    def url(self, aid: str) -> str:
        a = self.articles.get(aid) or {}
        return escape(str(a.get("url") or a.get("path") or ""))


def _claim_lines(report: dict[str, Any], ids: set[str], console: Console, limit: int = 15) -> None:
    """The claims first seen in ``ids``, each with the id ``show`` answers to."""
    mine = [c for c in report.get("claims", []) if c.get("first_article") in ids]
    if not mine:
        return
    console.print(f"claims ({len(mine)}; provenance show CLAIM_ID for the path of one):")
    for c in sorted(mine, key=lambda c: (not c.get("drifted"), -len(c.get("articles") or [])))[:limit]:
        drift = "wording changed" if c.get("drifted") else "verbatim"
        console.print(
            f"  [bold]{escape(c['id'])}[/] “{escape(str(c.get('text') or '')[:120])}” "
            f"[dim]({len(c.get('articles') or [])} articles, {drift})[/]"
        )
    if len(mine) > limit:
        console.print(f"  … and {len(mine) - limit} more (see --json)")


def show(report: dict[str, Any], key: str, console: Console) -> bool:
    """Print what the report holds about ``key``; False when nothing matches."""
    found = find(report, key)
    if found is None:
        return False
    kind, rec = found
    name = _Names(report)
    if kind == "article":
        _article(report, rec, console, name)
    elif kind == "story":
        _story(report, rec, console, name)
    else:
        rule(console, f"claim {escape(rec['id'])}")
        console.print(f"“{escape(rec['text'])}”")
        console.print(f"first in {name(rec['first_article'])}")
        for h in rec.get("hops", []):
            tags = ", ".join(h["tags"]) or "verbatim"
            console.print(f"  {name(h['source'])} → {name(h['target'])}: {escape(tags)}")
            for ch in h["changes"]:
                console.print(
                    f"    {ch['op']}: [red]{escape(ch['before'])}[/] → [green]{escape(ch['after'])}[/]"
                )
    return True


def _story(report: dict[str, Any], rec: dict[str, Any], console: Console, name: _Names) -> None:
    """The story as its copy tree: who copied whom, with the credit each copy gives."""
    rule(console, f"story {escape(rec['id'])}")
    members = list(rec.get("members") or [])
    origin = rec.get("origin")
    console.print(f"{len(members)} articles; origin: {name(origin) if origin else 'undecided'}")
    if origin:
        console.print(f"  {name.url(origin)}")
    console.print(f"[dim]{escape(rec.get('evidence', ''))}[/]")
    mset = set(members)
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    reached: set[str] = set()
    for e in report.get("reuse", []):
        if e["source"] in mset and e["target"] in mset:
            children[e["source"]].append(e)
            reached.add(e["target"])
    roots = ([origin] if origin else []) + [m for m in members if m not in reached and m != origin]
    shown: set[str] = set()

    def grow(node: Tree, aid: str, depth: int) -> None:
        for e in children.get(aid, []):
            t = e["target"]
            sub = node.add(
                f"{name(t)}  [dim]{escape(str(e.get('kind')))}, {float(e.get('containment') or 0):.0%} "
                f"copied, credit {escape(str(e.get('credit', '?')))}[/]\n{name.url(t)}"
            )
            if t not in shown and depth < 30:
                shown.add(t)
                grow(sub, t, depth + 1)

    for r in roots:
        tree = Tree(f"{name(r)}\n{name.url(r)}")
        shown.add(r)
        grow(tree, r, 0)
        console.print(tree)
    _claim_lines(report, mset, console)


def _article(report: dict[str, Any], a: dict[str, Any], console: Console, name: _Names) -> None:
    aid = a["id"]
    rule(console, f"article {escape(aid)}")
    console.print(name(aid))
    console.print(name.url(aid))
    for field in ("title", "byline"):
        if a.get(field):
            console.print(f"{field}: {escape(a[field])}")
    o, p = a["outlet"], a["published"]
    console.print(
        f"outlet: {escape(o.get('domain') or o.get('name') or 'unknown')} [dim]({escape(o['evidence'])})[/]"
    )
    console.print(f"published: {escape(_date(p))}")
    for ev in p.get("evidence", []):
        console.print(f"  [dim]- {escape(ev)}[/]")
    for st in report.get("stories", []):
        if aid in (st.get("members") or []):
            console.print(f"story: {escape(st['id'])} ({len(st['members'])} articles)")
    for c in report.get("attributions", []):
        if c["article"] == aid:
            chain = " → ".join([*reversed(c.get("via", [])), c["cited"], "this article"])
            console.print(f"cites: {escape(chain)}  [dim]“{escape(c['evidence'])}”[/]")
    for q in report.get("quotes", []):
        if q["article"] == aid:
            console.print(
                f"quote ({q['kind']}) {escape(q.get('speaker') or '?')}: “{escape(q['text'][:200])}”"
            )
    for e in report.get("reuse", []):
        if aid in (e["source"], e["target"]):
            console.print(
                f"reuse: {name(e['source'])} → {name(e['target'])}"
                f" ({e['kind']}, jaccard {e['jaccard']:.2f}, credit {e.get('credit', '?')})"
            )
    _claim_lines(report, {aid}, console)
