"""The readable report printed by ``provenance trace`` (rich).

Every statement carries its evidence (the sentence, the links, the scores) so a reader can
check it; long lists are cut to ``limit`` rows with a count of what was left out.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.rule import Rule
from rich.table import Table
from rich.tree import Tree

from ..models import Article, DateGuess

if TYPE_CHECKING:
    from ..pipeline import TraceResult


def rule(console: Console, title: str) -> None:
    """A section rule: the terminal's width there, else 80 columns (a console that is not a
    terminal is made as wide as its longest line, so that nothing is wrapped)."""
    console.print(Rule(title), width=console.width if console.is_terminal else 80)


def _name(a: Article) -> str:
    return escape(a.url or PurePath(a.path).name)


def _date(d: DateGuess) -> str:
    if d.value:
        return d.value
    parts = []
    if d.not_before:
        parts.append(f"not before {d.not_before}")
    if d.not_after:
        parts.append(f"not after {d.not_after}")
    return ", ".join(parts) or "unknown"


def _more(console: Console, total: int, limit: int) -> None:
    if total > limit:
        console.print(f"  … and {total - limit} more (see --json)")


def _grow(
    node: Tree,
    aid: str,
    children: dict[str, list[str]],
    notes: dict[str, str],
    arts: dict[str, Article],
    limit: int,
    depth: int = 0,
) -> None:
    """Add ``aid``'s copies under ``node``, recursively (bounded depth)."""
    for child in children.get(aid, [])[:limit]:
        sub = node.add(
            f"{child} {_name(arts[child]) if child in arts else ''} [dim]({notes.get(child, '')})[/]"
        )
        if depth < 20:
            _grow(sub, child, children, notes, arts, limit, depth + 1)


def render(result: TraceResult, console: Console, limit: int = 25) -> None:
    """Print the report: articles, attribution chains, quotes, reuse, related articles, links."""
    arts = {a.id: a for a in result.articles}
    s = result.stats
    rule(console, "[bold]Provenance report")
    console.print(
        f"{s.stored} articles traced ({s.new} newly extracted) from {s.documents} documents; "
        f"{s.skipped} skipped, {s.warnings} warnings"
    )

    rule(console, "Articles")
    for a in result.articles[:limit]:
        console.print(f"[bold]{a.id}[/] {_name(a)}")
        if a.title:
            console.print(f"  title: {escape(a.title)}")
        if a.byline:
            console.print(f"  byline: {escape(a.byline)}")
        outlet = a.outlet.domain or a.outlet.name
        console.print(f"  outlet: {escape(outlet or 'unknown')}  [dim]({escape(a.outlet.evidence)})[/]")
        console.print(f"  published: {escape(_date(a.published))}")
        for ev in a.published.evidence:
            console.print(f"    [dim]- {escape(ev)}[/]")
    _more(console, len(result.articles), limit)

    rule(console, "Attribution chains (who cites whom)")
    for c in result.attributions[:limit]:
        chain = [
            *reversed(c.via),
            c.cited + (f" ({c.domain})" if c.domain else ""),
            f"{arts[c.article].url or PurePath(arts[c.article].path).name} ({c.article})",
        ]
        kinds = [*reversed(c.via_kinds), c.cited_kind, "article"]
        console.print(
            "  "
            + " → ".join(
                f"{escape(n)} [dim]{escape(f'[{k}]')}[/]" for n, k in zip(chain, kinds, strict=False)
            )
        )
        console.print(f"    [dim]{c.mode}: “{escape(c.evidence)}”[/]")
    if not result.attributions:
        console.print("  none found")
    _more(console, len(result.attributions), limit)

    rule(console, "Quotations by speaker")
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for q in result.quotes:
        by_speaker[q.speaker or "(unattributed)"].append(
            escape(f"[{q.article}] {q.kind}: “{q.text[:160]}”")
            + (f"  [dim]cue: {escape(q.cue)}[/]" if q.cue else "")
        )
    for speaker, lines in sorted(by_speaker.items(), key=lambda kv: -len(kv[1]))[:limit]:
        console.print(f"  [bold]{escape(speaker)}[/] ({len(lines)})")
        for line in lines[:5]:
            console.print(f"    {line}")
        _more(console, len(lines), 5)
    _more(console, len(by_speaker), limit)

    rule(console, "Reuse (who copied whom)")
    if result.reuse:
        table = Table("source → target", "kind", "jaccard", "containment", "credit")
        for e in result.reuse[:limit]:
            table.add_row(
                f"{e.source} → {e.target}", e.kind, f"{e.jaccard:.2f}", f"{e.containment:.2f}", e.credit
            )
        console.print(table)
        _more(console, len(result.reuse), limit)
        for st in result.stories[:limit]:
            root = Tree(
                f"story {st.id}: origin {st.origin or 'undecided'} "
                f"{_name(arts[st.origin]) if st.origin in arts else ''}  [dim]{escape(st.evidence)}[/]"
            )
            children: dict[str, list[str]] = defaultdict(list)
            notes: dict[str, str] = {}
            for e in result.reuse:
                if e.target in st.members:
                    children[e.source].append(e.target)
                    notes[e.target] = f"{e.containment:.0%} copied" + (
                        f"; or from {', '.join(e.alternatives)}: the text cannot tell"
                        if e.alternatives
                        else ""
                    )
            if st.origin:
                _grow(root, st.origin, children, notes, arts, limit)
            console.print(root)
        _more(console, len(result.stories), limit)
    else:
        console.print("  no copying found between these articles")

    rule(console, "Related articles (no copied text)")
    for r in result.related[:limit]:
        verdict = "not near-duplicates" if r.jaccard < 0.3 and r.containment < 0.5 else "near-duplicates"
        console.print(
            f"  {r.first} ↔ {r.second}: {verdict} (5-word-shingle Jaccard {r.jaccard:.3f}, "
            f"containment {r.containment:.3f})"
        )
        if r.shared_speakers:
            console.print(f"    shared speakers: {escape(', '.join(r.shared_speakers))}")
        for cl in r.claims[:5]:
            a, b = arts[cl.first], arts[cl.second]
            console.print(f"    shared claim ({escape(', '.join(cl.shared_terms))}):")
            console.print(
                f"      [dim]{r.first}: “{escape(a.text[cl.first_span[0] : cl.first_span[1]][:200])}”[/]"
            )
            console.print(
                f"      [dim]{r.second}: “{escape(b.text[cl.second_span[0] : cl.second_span[1]][:200])}”[/]"
            )
    if not result.related:
        console.print("  none")
    _more(console, len(result.related), limit)

    rule(console, "Links")
    for a in result.articles[:limit]:
        if not a.links:
            continue
        console.print(f"  {a.id}: {len(a.links)} links")
        for ln in a.links[:10]:
            console.print(escape(f"    {ln.domain or '?'} {ln.date_in_url or '':10} “{ln.anchor}” {ln.url}"))
        _more(console, len(a.links), 10)

    if result.problems:
        rule(console, "Problems")
        for p in result.problems[:limit]:
            console.print(escape(f"  {'skipped' if p.skipped else 'warning'}: {p.path}: {p.reason}"))
        _more(console, len(result.problems), limit)
