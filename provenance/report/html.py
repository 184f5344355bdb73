"""The HTML report: one self-contained file a journalist can open, story by story.

Everything in it comes from pages we do not control, so the rules are strict and simple:
every string taken from a page (text, title, byline, URL, outlet, quotation, id) goes through
:func:`html.escape` (attributes quoted); a URL becomes a link only when its scheme is http or
https, else it is shown as text; pictures are SVG inside ``<img src="data:...">`` (an image
document cannot run script).  The one script is ours, a constant (:data:`FILTER_SCRIPT`, the
filter box), and the Content-Security-Policy meta tag allows exactly it, by its hash, and
nothing else (``default-src 'none'``): even a bug in the escaping could not load or run
anything.  The file makes no network request when opened.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

# The filter box: hide every item (.fi) whose text does not hold the typed words; open the
# folded parts that hold a match; "?q=words" in the page's URL fills the box.
FILTER_SCRIPT = (
    "(function(){var box=document.getElementById('filter'),out=document.getElementById('filtercount');"
    "if(!box){return;}var items=Array.prototype.slice.call(document.querySelectorAll('.fi')),texts=null;"
    "function run(){var q=box.value.trim().toLowerCase(),shown=0;"
    "if(texts===null){texts=items.map(function(e){return e.textContent.toLowerCase();});}"
    "items.forEach(function(e,i){var hit=!q||texts[i].indexOf(q)>=0;e.hidden=!hit;if(hit){shown++;"
    "if(q){for(var p=e.parentElement;p;p=p.parentElement){if(p.tagName==='DETAILS'){p.open=true;}}}}});"
    "out.textContent=q?shown+' of '+items.length+' items match':'';}"
    "box.addEventListener('input',run);"
    "var m=/[?&]q=([^&#]*)/.exec(location.search);"
    "if(m){box.value=decodeURIComponent(m[1].replace(/[+]/g,' '));run();}})();"
)
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()}'; "
    "base-uri 'none'; form-action 'none'"
)
CREDIT_WORDS = MappingProxyType(
    {
        "declared": "declared: the copy names its true source",
        "vague": "vague: the copy names only a generic source",
        "wrong": "wrong: the copy names another outlet, not its source",
        "absent": "absent: the copy gives no credit at all",
    }
)

_CSS = """
:root{--ink:#1d1d1f;--dim:#5f6368;--line:#d9d9de;--bg:#fff;--soft:#f5f6f8;--mark:#ffe58a}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);
background:var(--bg)}
main{max-width:1320px;margin:0 auto;padding:24px 32px 64px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:22px;margin:40px 0 8px;padding-top:12px;border-top:3px solid #1f4fa8}
h3{font-size:17px;margin:24px 0 8px}h4{font-size:15px;margin:12px 0 4px}
.dim{color:var(--dim)}.small{font-size:13px}.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
.summary{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.stat{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 14px}
.stat b{display:block;font-size:22px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:8px 0;background:var(--bg)}
.origin{border-left:6px solid #111}
.badge{display:inline-block;border-radius:10px;padding:0 9px;font-size:12px;font-weight:600;color:#fff;
max-width:100%}
.credit-declared{background:#1b7f3b}.credit-vague{background:#c77700}.credit-wrong{background:#d62728}
.credit-absent{background:#7f7f7f}.kind{background:#1f4fa8}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:22px}ul.tree{padding-left:0}
ul.tree li{position:relative;margin:6px 0;padding-left:14px;border-left:2px solid var(--line)}
ul.tree li::before{content:"";position:absolute;left:0;top:12px;width:10px;border-top:2px solid var(--line)}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:14px}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
main,.card,h2,h3,h4,li,blockquote,summary,p{overflow-wrap:anywhere}
th{background:var(--soft)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.pair>div{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--soft);min-width:0}
.passage{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px}
mark{background:var(--mark);padding:0 1px}
del{background:#fde2e1;color:#8a1c1c}ins{background:#dcf5e3;color:#145c2c;text-decoration:none}
.gap{color:var(--dim);font-style:italic}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.picture{overflow-x:auto;border:1px solid var(--line);border-radius:6px;background:#fff;padding:6px;margin:8px 0}
.picture img{display:block;max-width:none}
blockquote{margin:6px 0;padding:4px 12px;border-left:4px solid #1f4fa8;background:var(--soft)}
nav ol{columns:2;font-size:14px}nav ul{font-size:15px}nav details{display:inline-block;margin:0 0 0 8px}
.url{overflow-wrap:anywhere}
[hidden]{display:none!important}
a.top{float:right;font-size:13px;font-weight:400;text-decoration:none}
h3.story{font-size:20px;margin:32px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
#filterbar{position:sticky;top:0;z-index:2;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line)}
#filter{font:inherit;width:min(480px,70%);padding:4px 8px}
"""


# --------------------------------------------------------------------------- escaping


def esc(value: Any) -> str:
    """Text or attribute content from a page, escaped (``None`` is empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """``url`` when it may be a link target (absolute http/https, no control or space characters), else None.

    ``javascript:``, ``data:``, ``vbscript:``, scheme-relative and obfuscated forms such as
    ``java\\tscript:`` all fail here, so they can only ever appear as text.
    """
    if not isinstance(url, str):
        return None
    if any(ord(ch) < 0x21 or ch in "\x7f\"'<>`\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def link(url: Any, text: Any = None) -> str:
    """A link when the URL is safe, otherwise the URL as plain text."""
    label = esc(text if text else url)
    target = safe_url(url)
    if target is None:
        return f'<span class="url">{label}</span>'
    return f'<a href="{esc(target)}" rel="noopener noreferrer nofollow">{label}</a>'


def _merge(spans: Iterable[Sequence[int]], n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted((max(0, int(s)), min(n, int(e))) for s, e in spans if s is not None and e is not None):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def highlight(text: str, spans: Iterable[Sequence[int]], context: int | None = 260) -> str:
    """``text`` escaped with ``spans`` in ``<mark>``; stretches further than ``context`` from any mark elided.

    The elision says how many characters it hides, so a reader sees how much of each article
    was copied and how much was not.
    """
    text = text or ""
    marks = _merge(spans, len(text))
    if context is None or not marks:
        keep = [(0, len(text))]
    else:
        keep = _merge(((s - context, e + context) for s, e in marks), len(text))
    parts: list[str] = []
    pos = 0
    for ks, ke in keep:
        if ks > pos:
            parts.append(f'<span class="gap">[… {ks - pos:,} characters not copied …]</span>\n')
        cur = ks
        for ms, me in marks:
            if me <= cur or ms >= ke:
                continue
            ms, me = max(ms, cur), min(me, ke)
            parts.append(esc(text[cur:ms]))
            parts.append(f"<mark>{esc(text[ms:me])}</mark>")
            cur = me
        parts.append(esc(text[cur:ke]))
        pos = ke
    if pos < len(text):
        parts.append(f'\n<span class="gap">[… {len(text) - pos:,} characters not copied …]</span>')
    return "".join(parts)


# --------------------------------------------------------------------------- report pieces


class _Index:
    """Look-ups over one report (articles by id, quotes/citations by article); built per render."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.articles: dict[str, Mapping[str, Any]] = {a["id"]: a for a in report.get("articles") or []}
        self.cites: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for c in report.get("attributions") or []:
            self.cites[c.get("article")].append(c)
        self.quotes: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for q in report.get("quotes") or []:
            self.quotes[q.get("article")].append(q)

    def outlet(self, aid: str) -> str:
        o = (self.articles.get(aid) or {}).get("outlet") or {}
        return str(o.get("name") or o.get("domain") or "unknown outlet")

    def title(self, aid: str) -> str:
        a = self.articles.get(aid) or {}
        return str(a.get("title") or a.get("url") or a.get("path") or aid)

    def when(self, aid: str) -> str:
        return date_text((self.articles.get(aid) or {}).get("published") or {})

    def sort_key(self, aid: str) -> tuple[int, str, str]:
        pub = (self.articles.get(aid) or {}).get("published") or {}
        d = pub.get("value") or pub.get("not_before") or pub.get("not_after")
        return (0, str(d), aid) if d else (1, "", aid)

    def name(self, aid: str) -> str:
        """Outlet — title (date), escaped."""
        return (
            f"<b>{esc(self.outlet(aid))}</b> — {esc(self.title(aid))} "
            f'<span class="dim small">({esc(self.when(aid))})</span>'
        )


def date_text(pub: Mapping[str, Any]) -> str:
    """A publication date as words: the stated value, or the bounds, or 'date unknown'."""
    if pub.get("value"):
        return f"{pub['value']}"
    lo, hi = pub.get("not_before"), pub.get("not_after")
    if lo and hi:
        return f"between {lo} and {hi}"
    if lo:
        return f"not before {lo}"
    if hi:
        return f"not after {hi}"
    return "date unknown"


def _article_card(ix: _Index, aid: str, cls: str = "card", heading: str = "") -> str:
    a = ix.articles.get(aid) or {}
    pub = a.get("published") or {}
    outlet = a.get("outlet") or {}
    rows = [
        f"<div>{heading}{ix.name(aid)}</div>",
        f'<div class="small">URL: {link(a.get("url")) if a.get("url") else "<span class=dim>none</span>"}'
        f' · file <span class="mono">{esc(a.get("path"))}</span> · id <span class="mono">{esc(aid)}</span></div>',
    ]
    if a.get("byline"):
        rows.append(f'<div class="small">Byline: {esc(a["byline"])}</div>')
    ev = "; ".join(str(x) for x in pub.get("evidence") or [])
    rows.append(
        f'<div class="small">Published: {esc(date_text(pub))}'
        f"{' — evidence: ' + esc(ev) if ev else ''}{' (' + esc(pub['source']) + ')' if pub.get('source') else ''}"
        f" · Outlet evidence: {esc(outlet.get('evidence') or 'unknown')}</div>"
    )
    return f'<div class="{cls}">{"".join(rows)}</div>'


def _citations(ix: _Index, aid: str) -> str:
    """What the page itself says about its sources (the stated credit), with the sentence."""
    cs = ix.cites.get(aid) or []
    if not cs:
        return '<span class="dim">names no source</span>'
    items = []
    for c in cs:
        chain = " ← ".join(esc(v) for v in [c.get("cited"), *(c.get("via") or [])])
        items.append(
            f'<li>{chain} <span class="dim small">({esc(c.get("cue"))})</span>'
            f"<br><q>{esc(c.get('evidence'))}</q></li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def _credit_badge(edge: Mapping[str, Any]) -> str:
    credit = str(edge.get("credit") or ("declared" if edge.get("declared") else "absent"))
    cls = credit if credit in CREDIT_WORDS else "absent"
    return f'<span class="badge credit-{cls}" title="{esc(CREDIT_WORDS.get(credit, credit))}">{esc(credit)}</span>'


def _copy_tree(
    ix: _Index, origin: str | None, members: Sequence[str], edges: Sequence[Mapping[str, Any]]
) -> str:
    """Nested list from the origin along copy edges; an article copied twice is listed under each source."""
    children: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    has_parent: set[str] = set()
    for e in edges:
        children[e["source"]].append(e)
        has_parent.add(e["target"])
    for k in children:
        children[k].sort(key=lambda e: ix.sort_key(e["target"]))
    roots: list[str] = [origin] if origin is not None and origin in members else []
    roots += sorted((m for m in members if m not in has_parent and m != origin), key=ix.sort_key)
    seen: set[str] = set()

    def grow(aid: str, edge: Mapping[str, Any] | None, depth: int) -> str:
        info = ""
        if edge is not None:
            info = (
                f' <span class="badge kind">{esc(edge.get("kind"))}</span> {_credit_badge(edge)} '
                f'<span class="small dim">{float(edge.get("containment") or 0):.0%} of the shorter text copied'
                f"{', ' + esc(edge['direction_evidence']) if edge.get('direction_evidence') else ''}</span>"
            )
        again = aid in seen
        seen.add(aid)
        tag = " <b>origin</b>" if aid == origin else ""
        sub = ""
        if not again and depth < 30 and children.get(aid):
            sub = "<ul>" + "".join(grow(e["target"], e, depth + 1) for e in children[aid]) + "</ul>"
        return f"<li>{ix.name(aid)}{tag}{info}{' <span class=dim>(shown above)</span>' if again else ''}{sub}</li>"

    return '<ul class="tree">' + "".join(grow(r, None, 0) for r in roots) + "</ul>"


def _credit_table(ix: _Index, edges: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for e in sorted(edges, key=lambda e: ix.sort_key(e["target"])):
        rows.append(
            f"<tr><td>{ix.name(e['target'])}</td><td>{ix.name(e['source'])}<div class='small dim'>"
            f"{esc(e.get('kind'))}, Jaccard {float(e.get('jaccard') or 0):.2f}, containment "
            f"{float(e.get('containment') or 0):.2f}</div></td><td>{_citations(ix, e['target'])}</td>"
            f"<td>{_credit_badge(e)}<div class='small'>{esc(CREDIT_WORDS.get(str(e.get('credit')), ''))}</div></td></tr>"
        )
    return (
        "<table><tr><th>copy</th><th>observed source (text match)</th><th>what the copy says about its "
        "sources (stated)</th><th>credit</th></tr>" + "".join(rows) + "</table>"
    )


def _overlap(m: Mapping[str, Any]) -> float:
    """A match's strength: the larger containment (the shorter text's share in the other)."""
    return max(
        float(m.get("containment_first_in_second") or 0), float(m.get("containment_second_in_first") or 0)
    )


def _matches(ix: _Index, matches: Sequence[Mapping[str, Any]], most: int = 30) -> str:
    """The measured overlap of pairs of texts (``matches[]``), strongest first: what a
    churnalism reader asks -- which texts does this one overlap, and how much."""
    shown = sorted(matches, key=lambda m: (-_overlap(m), str(m.get("first")), str(m.get("second"))))[:most]
    rows = "".join(
        f"<tr><td>{ix.name(str(m.get('first')))}</td><td>{ix.name(str(m.get('second')))}</td>"
        f"<td>{float(m.get('containment_first_in_second') or 0):.0%}</td>"
        f"<td>{float(m.get('containment_second_in_first') or 0):.0%}</td>"
        f"<td>{float(m.get('quoted_share') or 0):.0%}</td><td>{esc(m.get('kind'))}</td></tr>"
        for m in shown
    )
    more = len(matches) - len(shown)
    return (
        "<table><tr><th>earlier text</th><th>later text</th><th>share of the earlier in the later</th>"
        "<th>share of the later in the earlier</th><th>of the shared words, in quotation marks</th>"
        f"<th>kind</th></tr>{rows}</table>"
        + (f"<p class='small dim'>{more:,} weaker pairs are in the JSON report.</p>" if more > 0 else "")
    )


def _passages(ix: _Index, edges: Sequence[Mapping[str, Any]], open_first: int = 2) -> str:
    out = []
    for i, e in enumerate(sorted(edges, key=lambda e: ix.sort_key(e["target"]))):
        src, dst = ix.articles.get(e["source"]) or {}, ix.articles.get(e["target"]) or {}
        ps = e.get("passages") or []
        s_spans = [p["source_span"] for p in ps if p.get("source_span")]
        t_spans = [p["target_span"] for p in ps if p.get("target_span")]
        copied = sum(max(0, int(b) - int(a)) for a, b in _merge(t_spans, len(dst.get("text") or "")))
        out.append(
            f"<details{' open' if i < open_first else ''}><summary>{esc(ix.outlet(e['source']))} → "
            f"{esc(ix.outlet(e['target']))}: {len(ps)} passage{'s' if len(ps) != 1 else ''}, {copied:,} characters "
            f"{_credit_badge(e)}</summary><div class='pair'>"
            f"<div><h4>source: {ix.name(e['source'])}</h4><div class='passage'>"
            f"{highlight(str(src.get('text') or ''), s_spans)}</div></div>"
            f"<div><h4>copy: {ix.name(e['target'])}</h4><div class='passage'>"
            f"{highlight(str(dst.get('text') or ''), t_spans)}</div></div></div></details>"
        )
    return "".join(out)


def _norm(text: str) -> str:
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())


def _quotes_by_speaker(ix: _Index, members: Sequence[str], most: int = 30) -> str:
    """Each speaker's quotations, each with every article it appears in (earliest first).

    Speakers quoted in more articles come first; after ``most`` quotations only a count is
    given (the JSON report has them all).
    """
    speakers: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for aid in members:
        for q in ix.quotes.get(aid) or []:
            who = str(q.get("speaker") or "unattributed")
            names.setdefault(who.lower(), who)
            speakers[who.lower()][_norm(str(q.get("text") or ""))].append(q)
    if not speakers:
        return '<p class="dim">No quotations found in these articles.</p>'
    out = []
    shown = 0
    total = sum(len(v) for v in speakers.values())

    def reach(k: str) -> int:
        return sum(len({q["article"] for q in qs}) for qs in speakers[k].values())

    for key in sorted(speakers, key=lambda k: (k == "unattributed", -reach(k), k)):
        if shown >= most:
            break
        items = []
        for qs in sorted(speakers[key].values(), key=len, reverse=True)[: most - shown]:
            shown += 1
            where = ", ".join(
                f"{esc(ix.outlet(q['article']))} <span class='dim small'>({esc(q.get('cue') or '')}"
                f"{'; ' + esc(q.get('kind')) if q.get('kind') else ''})</span>"
                for q in sorted(qs, key=lambda q: ix.sort_key(q["article"]))
            )
            items.append(
                f"<li><blockquote>{esc(qs[0].get('text'))}</blockquote><div class='small'>in {where}</div></li>"
            )
        out.append(
            f"<h4>{esc(names[key])} <span class='dim small'>({len(speakers[key])} quotation"
            f"{'s' if len(speakers[key]) != 1 else ''})</span></h4><ul>{''.join(items)}</ul>"
        )
    if total > shown:
        out.append(f"<p class='dim small'>… and {total - shown:,} more quotations in the JSON report.</p>")
    return "".join(out)


def _generic(value: Any, depth: int = 0) -> str:
    """Any JSON value as escaped nested lists: for report sections this renderer does not know yet."""
    if depth > 6:
        return esc(json.dumps(value, ensure_ascii=False, default=str)[:500])
    if isinstance(value, Mapping):
        return (
            "<ul>"
            + "".join(f"<li><b>{esc(k)}</b>: {_generic(v, depth + 1)}</li>" for k, v in value.items())
            + "</ul>"
        )
    if isinstance(value, list | tuple):
        if all(not isinstance(v, Mapping | list | tuple) for v in value):
            return esc(", ".join("" if v is None else str(v) for v in value))
        return "<ol>" + "".join(f"<li>{_generic(v, depth + 1)}</li>" for v in value) + "</ol>"
    return esc(value)


def _span_text(ix: _Index, aid: Any, span: Any) -> str | None:
    """The text at ``span`` of article ``aid`` (None when either is unknown)."""
    a = ix.articles.get(aid) if isinstance(aid, str) else None
    if a is None or not isinstance(span, list | tuple) or len(span) != 2:
        return None
    text = str(a.get("text") or "")
    return text[max(0, int(span[0])) : max(0, int(span[1]))] or None


def _mark_words(text: str, words: Iterable[str]) -> str:
    """``text`` escaped, with each word of ``words`` (case-insensitive, whole words) marked."""
    wanted = {w.lower() for w in words if w}
    out = []
    for token in re.split(r"(\w+)", text):
        if token.lower() in wanted or token.lower().rstrip("s") in wanted:
            out.append(f"<mark>{esc(token)}</mark>")
        else:
            out.append(esc(token))
    return "".join(out)


def _diff(changes: Sequence[Any]) -> str:
    parts = []
    for c in changes:
        if not isinstance(c, Mapping):
            parts.append(esc(c))
            continue
        before, after = c.get("before") or "", c.get("after") or ""
        parts.append(
            (f"<del>{esc(before)}</del>" if before else "")
            + (" → " if before and after else "")
            + (f"<ins>{esc(after)}</ins>" if after else "")
        )
    return "; ".join(parts)


def _claim(ix: _Index, c: Any) -> str:
    """One claim: its words, where it first appeared, and every hop where the wording changed."""
    if not isinstance(c, Mapping):
        return f"<div class='card'>{_generic(c)}</div>"
    text = c.get("text") or c.get("claim") or c.get("label")
    first = c.get("first_article") or c.get("first") or c.get("origin") or c.get("first_appearance")
    arts = c.get("articles") or []
    hops = [h for h in c.get("hops") or [] if isinstance(h, Mapping)]
    drifted = c.get("drifted", any(h.get("changes") for h in hops))
    parts = [f"<blockquote>{esc(text)}</blockquote>" if text else ""]
    if c.get("id") is not None:  # the id `provenance show` answers to
        parts.append(
            f"<div class='small dim'>claim <span class='mono'>{esc(c['id'])}</span> · "
            f"<span class='mono'>provenance show {esc(c['id'])}</span></div>"
        )
    if isinstance(first, str) and first in ix.articles:
        parts.append(f"<div>First appearance: {ix.name(first)}</div>")
    elif first is not None:
        parts.append(f"<div>First appearance: {_generic(first)}</div>")
    if arts:
        parts.append(
            f"<div class='small dim'>seen in {len(arts)} articles; "
            f"{'the wording changed on the way' if drifted else 'repeated verbatim'}</div>"
        )
    rows = []
    for h in hops:
        if not h.get("changes"):
            continue
        after = _span_text(ix, h.get("target"), h.get("target_span"))
        rows.append(
            f"<tr><td>{esc(ix.outlet(str(h.get('source'))))} → {esc(ix.outlet(str(h.get('target'))))}</td>"
            f"<td>{_diff(h.get('changes') or [])}{'<div class=small>' + esc(after) + '</div>' if after else ''}"
            f"</td><td>{esc(', '.join(map(str, h.get('tags') or [])))}</td></tr>"
        )
    if rows:
        parts.append(
            "<table><tr><th>hop</th><th>what changed (<del>removed</del> → <ins>added</ins>)</th>"
            "<th>kind of change</th></tr>" + "".join(rows) + "</table>"
        )
    if c.get("drift") is not None:
        parts.append(f"<div>Drift: {_generic(c['drift'])}</div>")
    known = (
        "id",
        "text",
        "claim",
        "label",
        "first",
        "first_article",
        "first_span",
        "origin",
        "first_appearance",
        "drift",
        "drifted",
        "articles",
        "hops",
    )
    rest = {k: v for k, v in c.items() if k not in known}
    if rest:
        parts.append(f"<details><summary>details</summary>{_generic(rest)}</details>")
    return f"<div class='card fi'>{''.join(parts)}</div>"


def _claims(ix: _Index, claims: Sequence[Any], limit: int = 15, most: int = 30) -> str:
    """Claims, the drifted ones first; past ``limit`` they fold away, past ``most`` only a count."""

    def key(c: Any) -> tuple[int, int]:
        if not isinstance(c, Mapping):
            return (1, 0)
        return (0 if c.get("drifted") else 1, -len(c.get("articles") or []))

    ordered = sorted(claims, key=key)
    head = "".join(_claim(ix, c) for c in ordered[:limit])
    if len(ordered) > limit:
        head += (
            f"<details><summary>{min(len(ordered), most) - limit} more claims</summary>"
            + "".join(_claim(ix, c) for c in ordered[limit:most])
            + "</details>"
        )
    if len(ordered) > max(most, limit):
        head += f"<p class='dim small'>… and {len(ordered) - max(most, limit):,} more in the JSON report.</p>"
    return head


def _shared_quotes(ix: _Index, shared: Sequence[Any]) -> str:
    """Quotations found in several articles, each with its first appearance and every later one."""
    out = []
    for sq in shared:
        occ = sq.get("occurrences") if isinstance(sq, Mapping) else None
        if not isinstance(occ, list):
            out.append(f"<div class='card'>{_generic(sq)}</div>")
            continue
        first = sq.get("first_article")
        shown = next(
            (
                _span_text(ix, o.get("article"), o.get("span"))
                for o in occ
                if isinstance(o, Mapping) and o.get("article") == first
            ),
            None,
        ) or sq.get("text")
        rows = "".join(
            f"<li>{ix.name(str(o.get('article')))}{' — speaker: ' + esc(o.get('speaker')) if o.get('speaker') else ''}"
            f"{' <b>first</b>' if o.get('article') == first else ''}</li>"
            for o in sorted(
                (o for o in occ if isinstance(o, Mapping)), key=lambda o: ix.sort_key(str(o.get("article")))
            )
        )
        out.append(f"<div class='card fi'><blockquote>{esc(shown)}</blockquote><ul>{rows}</ul></div>")
    return "".join(out)


def _related(ix: _Index, related: Sequence[Mapping[str, Any]]) -> str:
    out = []
    for r in related:
        a, b = r.get("first"), r.get("second")
        cont = float(r.get("containment") or 0)
        head = (
            f"<div>{ix.name(str(a))}</div><div>and {ix.name(str(b))}</div><div class='small dim'>text "
            f"similarity: Jaccard {float(r.get('jaccard') or 0):.2f}, containment {cont:.2f} — "
            f"{'they share text' if cont > 0.2 else 'they do not share text'}</div>"
        )
        sp = r.get("shared_speakers") or []
        body = f"<div>Shared speakers: {esc(', '.join(map(str, sp)))}</div>" if sp else ""
        rows = []
        for c in r.get("claims") or []:
            terms = [str(t) for t in c.get("shared_terms") or []]
            # the pipeline gives article ids and spans; older reports gave the sentences themselves
            one = _span_text(ix, c.get("first"), c.get("first_span")) or str(c.get("first") or "")
            two = _span_text(ix, c.get("second"), c.get("second_span")) or str(c.get("second") or "")
            rows.append(
                f"<tr><td>{_mark_words(one, terms)}</td><td>{_mark_words(two, terms)}</td>"
                f"<td>{esc(', '.join(terms))}</td></tr>"
            )
        if rows:
            body += (
                "<table><tr><th>first article says</th><th>second article says</th><th>shared words</th></tr>"
                + "".join(rows)
                + "</table>"
            )
        out.append(f"<div class='card fi'>{head}{body}</div>")
    return "".join(out)


def _picture(svg: bytes, alt: str) -> str:
    return (
        f'<div class="picture"><img alt="{esc(alt)}" src="data:image/svg+xml;base64,'
        f'{base64.b64encode(svg).decode("ascii")}"></div>'
    )


def _story_picture(report: Mapping[str, Any], story: str, svg: bytes | None = None) -> str:
    from .pictures import figure_svg, propagation_figure

    try:
        if svg is None:
            svg = figure_svg(propagation_figure(report, story))
        return _picture(svg, f"How story {story} spread over time")
    except Exception:  # a picture is decoration: the report must still be written
        log.exception("propagation picture of story %s failed", story)
        return '<p class="dim">(picture could not be drawn; see the log)</p>'


def _citation_picture(report: Mapping[str, Any], svg: bytes | None = None) -> str:
    from .pictures import citation_figure, figure_svg

    try:
        return _picture(
            svg if svg is not None else figure_svg(citation_figure(report)), "Outlet citation graph"
        )
    except Exception:  # a picture is decoration: the report must still be written
        log.exception("citation picture failed")
        return '<p class="dim">(picture could not be drawn; see the log)</p>'


# --------------------------------------------------------------------------- the page


class _Page:
    """Sections of the page, each with an anchor, a back-to-top link and a line in the contents."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.toc: list[tuple[str, str, list[tuple[str, str]]]] = []

    def section(self, sid: str, title: str, body: str, sub: Sequence[tuple[str, str]] = ()) -> None:
        self.toc.append((sid, title, list(sub)))
        self.parts.append(
            f"<section id='{esc(sid)}'><h2>{esc(title)}<a class='top' href='#top'>↑ top</a></h2>{body}</section>"
        )

    def contents(self) -> str:
        rows = []
        for sid, title, sub in self.toc:
            inner = ""
            if sub:
                items = "".join(f"<li><a href='#{esc(s)}'>{t}</a></li>" for s, t in sub)
                inner = f"<details{' open' if len(sub) <= 12 else ''}><summary>{len(sub)}</summary><ol>{items}</ol></details>"
            rows.append(f"<li><a href='#{esc(sid)}'>{esc(title)}</a>{inner}</li>")
        return f"<nav id='contents'><h3>Contents</h3><ul>{''.join(rows)}</ul></nav>"


def render_html(
    report: Mapping[str, Any],
    pictures: bool = True,
    max_story_pictures: int = 20,
    max_related: int = 50,
    max_listed: int = 30,
    story_pictures: Mapping[str, bytes] | None = None,
    citation_picture: bytes | None = None,
) -> str:
    """The report as one self-contained HTML page (one known script, no external requests).

    ``pictures`` embeds the citation graph and, for the ``max_story_pictures`` largest stories,
    the propagation picture; drawing them is most of the cost on a large crawl, so a caller
    that has drawn them already passes ``story_pictures`` (SVG by story id: exactly those are
    shown) and ``citation_picture``.  Long lists (related pairs, claims and quotations per
    story) show the strongest ``max_related`` / ``max_listed`` entries and say how many more
    the JSON report holds, so that a month of news still gives a page a browser opens in
    seconds.  Every section has an anchor, a line in the contents and a link back to the top;
    the filter box hides every story, card and row that does not contain the typed words
    (``REPORT.html?q=words`` opens the page filtered).
    """
    ix = _Index(report)
    stories = sorted(
        report.get("stories") or [], key=lambda s: (-len(s.get("members") or []), str(s.get("id")))
    )
    reuse = report.get("reuse") or []
    matches = [m for m in report.get("matches") or [] if isinstance(m, Mapping)]
    in_story: set[str] = set()
    claims = list(report.get("claims") or [])
    claimed: set[int] = set()
    page = _Page()

    credit_counts: dict[str, int] = defaultdict(int)
    for e in reuse:
        credit_counts[str(e.get("credit") or ("declared" if e.get("declared") else "absent"))] += 1
    stats = [
        (len(ix.articles), "articles"),
        (len(stories), "stories"),
        (len(reuse), "copy edges"),
        (len(matches), "overlapping pairs"),
        *((n, f"{k} credit") for k, n in sorted(credit_counts.items())),
        (len(report.get("quotes") or []), "quotations"),
        (len(report.get("attributions") or []), "stated sources"),
    ]
    header = (
        "<header><h1>Provenance report</h1><p class='dim'>Who published first, who copied whom (and "
        "whether they said so), who said what, and which outlets cite which. Every statement below "
        "shows the evidence it rests on.</p><div class='summary'>"
        + "".join(f"<div class='stat'><b>{n:,}</b>{esc(label)}</div>" for n, label in stats)
        + "</div></header>"
    )
    if pictures and (report.get("attributions") or reuse):
        page.section("citations", "Who cites whom", _citation_picture(report, citation_picture))

    story_toc: list[tuple[str, str]] = []
    story_parts: list[str] = []
    for i, s in enumerate(stories, 1):
        members = [m for m in s.get("members") or [] if m in ix.articles]
        in_story.update(members)
        mset = set(members)
        edges = [e for e in reuse if e["source"] in mset and e["target"] in mset]
        origin = s.get("origin")
        title = esc(ix.title(origin) if origin else s.get("id"))
        story_toc.append((f"story-{i}", f"{title} <span class='dim small'>({len(members)} articles)</span>"))
        part = [
            f"<section id='story-{i}' class='fi'><h3 class='story'>Story {i}: {title}"
            "<a class='top' href='#top'>↑ top</a></h3>"
            f"<p class='dim small'>{len(members)} articles, {len(edges)} copy edges · story id "
            f"<span class='mono'>{esc(s.get('id'))}</span></p>"
        ]
        if origin:
            part.append(
                "<h4>Origin</h4>"
                + _article_card(ix, origin, "card origin")
                + f"<p class='small'>Why this is the origin: {esc(s.get('evidence'))}</p>"
            )
        sid = str(s.get("id"))
        if story_pictures is not None:
            if sid in story_pictures:
                part.append(_story_picture(report, sid, story_pictures[sid]))
        elif pictures and i <= max_story_pictures:
            part.append(_story_picture(report, sid))
        part.append("<h4>Copy tree</h4>" + _copy_tree(ix, origin, members, edges))
        if edges:
            part.append("<h4>Stated versus observed credit</h4>" + _credit_table(ix, edges))
            part.append(
                "<h4>Copied passages</h4><p class='small dim'>Highlighted: text found in both articles.</p>"
                + _passages(ix, edges)
            )
        mine_m = [m for m in matches if m.get("first") in mset or m.get("second") in mset]
        if mine_m:
            part.append(
                "<h4>Text overlap</h4><p class='small dim'>Every measured pair with a text of this "
                "story (the copy tree above is inferred from these): how much of each text lies in "
                "the other.</p>" + _matches(ix, mine_m, most=max_listed)
            )
        part.append("<h4>Quotations by speaker</h4>" + _quotes_by_speaker(ix, members, most=max_listed))
        mine = [c for c in claims if isinstance(c, Mapping) and c.get("first_article") in mset]
        if mine:
            claimed.update(id(c) for c in mine)
            part.append("<h4>Claims that travelled</h4>" + _claims(ix, mine, limit=8, most=max_listed))
        story_parts.append("".join(part) + "</section>")
    if stories:
        page.section("stories", f"Stories ({len(stories)})", "".join(story_parts), story_toc)

    other_claims = [c for c in claims if id(c) not in claimed]
    if other_claims:
        page.section(
            "claims",
            "Other claims" if claimed else "Claims that travelled",
            "<p class='dim small'>Sentences carried from article to article; where the wording changed, "
            "each change is shown.</p>" + _claims(ix, other_claims, most=max_listed),
        )
    related = list(report.get("related") or [])
    if related:

        def strength(r: Mapping[str, Any]) -> tuple[int, float]:
            return (
                len(r.get("shared_speakers") or []),
                sum(float(c.get("score") or 0) for c in r.get("claims") or []),
            )

        related.sort(key=strength, reverse=True)
        more = len(related) - max_related
        page.section(
            "related",
            "Related articles",
            "<p class='dim small'>Articles that share a speaker or claims; the similarity says whether "
            "they also share text."
            + (
                f" The {max_related} strongest pairs of {len(related):,} are shown; all are in the JSON "
                "report."
                if more > 0
                else ""
            )
            + "</p>"
            + _related(ix, related[:max_related]),
        )
    shared = list(report.get("shared_quotes") or [])
    if shared:
        shared.sort(key=lambda q: -len(q.get("occurrences") or []) if isinstance(q, Mapping) else 0)
        note = (
            f" The {max_related} most repeated of {len(shared):,} are shown; all are in the JSON report."
            if len(shared) > max_related
            else ""
        )
        page.section(
            "quotations",
            "Quotations that travelled",
            f"<p class='dim small'>The same quotation in several articles, earliest first.{note}</p>"
            + _shared_quotes(ix, shared[:max_related]),
        )
    rest = sorted((a for a in ix.articles if a not in in_story), key=ix.sort_key)
    if rest:
        cards = []
        for aid in rest:
            nq = len(ix.quotes.get(aid) or [])
            cards.append(
                "<div class='fi'>"
                + _article_card(ix, aid)
                + "<div class='small'>Stated sources: "
                + _citations(ix, aid)
                + (f" · {nq} quotation{'s' if nq != 1 else ''}" if nq else "")
                + "</div></div>"
            )
        page.section(
            "unstoried",
            f"Articles in no story ({len(rest)})",
            f"<details{' open' if len(rest) <= 10 else ''}><summary>show</summary>{''.join(cards)}</details>",
        )
    if report.get("attributions"):
        rows = "".join(
            f"<tr class='fi'><td>{ix.name(str(c.get('article')))}</td><td>{esc(c.get('cited'))}"
            f"{' (' + esc(dom) + ')' if (dom := c.get('outlet_domain') or c.get('cited_domain')) else ''}</td>"
            f"<td>{esc(' ← '.join(map(str, c.get('via') or [])))}</td><td>{esc(c.get('cue'))}</td>"
            f"<td><q>{esc(c.get('evidence'))}</q></td></tr>"
            for c in report["attributions"]
        )
        page.section(
            "sources",
            "Stated sources",
            f"<details><summary>all {len(report['attributions'])}</summary><table><tr><th>article</th>"
            f"<th>cites</th><th>via</th><th>cue</th><th>evidence</th></tr>{rows}</table></details>",
        )
    if report.get("problems"):
        page.section(
            "problems",
            "Input problems",
            "<ul>"
            + "".join(
                f"<li class='fi'><span class='mono'>{esc(p.get('path'))}</span>: {esc(p.get('reason'))}"
                f"{'' if p.get('skipped', True) else ' (warning only)'}</li>"
                for p in report["problems"]
            )
            + "</ul>",
        )
    filter_box = (
        "<div id='filterbar'><label for='filter'>Filter</label> <input type='search' id='filter' "
        "placeholder='outlet, title, speaker, words, claim id…' autocomplete='off'> "
        "<span id='filtercount' class='dim small'></span></div>"
    )
    footer = (
        f"<footer class='small dim'><p>schema {esc(report.get('schema'))} · generated by provenance · "
        "<a href='#top'>↑ top</a></p></footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Provenance report — {len(ix.articles)} articles</title><style>{_CSS}</style></head>"
        f"<body><main id='top'>{header}{filter_box}{page.contents()}{''.join(page.parts)}{footer}</main>"
        f"<script>{FILTER_SCRIPT}</script></body></html>\n"
    )


def write_html(
    report: Mapping[str, Any],
    path: str | Path,
    pictures: bool = True,
    story_pictures: Mapping[str, bytes] | None = None,
    citation_picture: bytes | None = None,
) -> Path:
    """Write :func:`render_html` to ``path`` atomically (a temp file renamed); returns the path."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(
        render_html(
            report, pictures=pictures, story_pictures=story_pictures, citation_picture=citation_picture
        ),
        encoding="utf-8",
    )
    tmp.replace(path)
    log.info("HTML report written: %s", path)
    return path
