"""Follow-up questions on a traced corpus, answered from the stored report (no re-trace).

``provenance show ID`` looks ``ID`` up as an article (id, id prefix, path, file name or
URL), a story id or a claim id, and prints what the report says about it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from rich.console import Console
from rich.markup import escape


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


def _label(report: dict[str, Any], aid: str) -> str:
    for a in report.get("articles", []):
        if a["id"] == aid:
            return f"{a.get('url') or PurePath(a.get('path') or '').name} ({aid})"
    return aid


def show(report: dict[str, Any], key: str, console: Console) -> bool:
    """Print what the report holds about ``key``; False when nothing matches."""
    found = find(report, key)
    if found is None:
        return False
    kind, rec = found
    if kind == "article":
        _article(report, rec, console)
    elif kind == "story":
        console.rule(f"story {rec['id']}")
        console.print(
            f"origin: {escape(_label(report, rec['origin'])) if rec.get('origin') else 'undecided'}"
        )
        console.print(f"[dim]{escape(rec.get('evidence', ''))}[/]")
        for e in report.get("reuse", []):
            if e["target"] in rec["members"]:
                console.print(
                    f"  {escape(_label(report, e['source']))} → {escape(_label(report, e['target']))}"
                    f"  {e['kind']}, {e['containment']:.0%} copied, credit {e.get('credit', '?')}"
                )
    else:
        console.rule(f"claim {rec['id']}")
        console.print(f"“{escape(rec['text'])}”")
        console.print(f"first in {escape(_label(report, rec['first_article']))}")
        for h in rec.get("hops", []):
            tags = ", ".join(h["tags"]) or "verbatim"
            console.print(
                f"  {escape(_label(report, h['source']))} → {escape(_label(report, h['target']))}: {tags}"
            )
            for ch in h["changes"]:
                console.print(
                    f"    {ch['op']}: [red]{escape(ch['before'])}[/] → [green]{escape(ch['after'])}[/]"
                )
    return True


def _article(report: dict[str, Any], a: dict[str, Any], console: Console) -> None:
    aid = a["id"]
    console.rule(f"article {aid}")
    console.print(escape(a.get("url") or a.get("path") or ""))
    for field in ("title", "byline"):
        if a.get(field):
            console.print(f"{field}: {escape(a[field])}")
    o, p = a["outlet"], a["published"]
    console.print(
        f"outlet: {escape(o.get('domain') or o.get('name') or 'unknown')} [dim]({escape(o['evidence'])})[/]"
    )
    bounds = [
        f"not before {p['not_before']}" if p.get("not_before") else "",
        f"not after {p['not_after']}" if p.get("not_after") else "",
    ]
    console.print(f"published: {p.get('value') or ', '.join(b for b in bounds if b) or 'unknown'}")
    for ev in p.get("evidence", []):
        console.print(f"  [dim]- {escape(ev)}[/]")
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
                f"reuse: {escape(_label(report, e['source']))} → {escape(_label(report, e['target']))}"
                f" ({e['kind']}, jaccard {e['jaccard']:.2f}, credit {e.get('credit', '?')})"
            )
