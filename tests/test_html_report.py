"""The HTML report: self-contained, readable, and inert whatever the pages hold.

The browser tests run headless Chromium (skipped with a reason when it is not installed) and
a local server that records requests: a report that lets page content run or load anything
makes the browser call that server.  A control page proves the trap catches a real request.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import pytest
from browser import chromium, dump_dom, load, png_colour_set, png_colours, request_trap, screenshot
from report_data import FIXTURES, big_report, story_report

from provenance.extract import extract
from provenance.models import RawDocument
from provenance.report.html import CSP, FILTER_SCRIPT, esc, highlight, render_html, safe_url, write_html

needs_chromium = pytest.mark.skipif(
    chromium() is None,
    reason="headless Chromium (/usr/bin/chromium) is not "
    "installed; .ci/run installs it (apt-get install chromium)",
)


class _Dom(HTMLParser):
    """Elements, attributes and visible text of a page, as the browser (or our renderer) wrote it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(page: str) -> _Dom:
    dom = _Dom()
    dom.feed(page)
    dom.close()
    return dom


def payloads(trap: str) -> list[str]:
    """Strings that would load or run something if a renderer let them through as markup."""
    return [
        f"<script>fetch('{trap}/script')</script>",
        f"<img src=x onerror=\"fetch('{trap}/onerror')\">",
        f'<img src="{trap}/img">',
        f'"><svg onload="fetch(\'{trap}/svg\')">',
        f'\'><iframe src="{trap}/iframe"></iframe>',
        f"</style><style>body{{background:url({trap}/css)}}</style>",
        f'</title><link rel=stylesheet href="{trap}/link">',
        f'<meta http-equiv="refresh" content="0;url={trap}/refresh">',
        f'<base href="{trap}/base/">',
        f"javascript:fetch('{trap}/js')",
        f'<object data="{trap}/object"></object>',
        f"<math><mtext><table><mglyph><style><img src=x onerror=fetch('{trap}/mxss')>",
        f"]]><!-- <script>fetch('{trap}/comment')</script>",
        f'<a href="{trap}/a" ping="{trap}/ping">x</a><form action="{trap}/form"><button>go</button></form>',
    ]


def hostile_report(trap: str) -> dict[str, Any]:
    """A report whose every page-derived field carries payloads; one article goes through real extraction."""
    page = (FIXTURES / "hostile.html").read_text(encoding="utf-8").replace("TRAP", trap)
    art = extract(RawDocument("hostile1", "crawl/hostile.html", page.encode("utf-8"), "html", f"{trap}/page"))
    p = payloads(trap)
    bad = " ".join(p)
    text2 = "Intro. " + bad + " The minister said the talks would resume next week. " + p[0]
    a1 = {
        "id": art.id,
        "url": art.url,
        "path": art.path,
        "title": art.title,
        "byline": art.byline,
        "text": art.text,
        "outlet": {"name": art.outlet.name, "domain": art.outlet.domain, "evidence": art.outlet.evidence},
        "published": {"value": "2024-01-02", "not_before": None, "not_after": None, "evidence": [p[1]]},
    }
    a2 = {
        "id": p[3],
        "url": p[9],
        "path": p[6],
        "title": p[0] + " title",
        "byline": p[1],
        "text": text2,
        "outlet": {"name": p[4], "domain": p[5], "evidence": p[2]},
        "published": {
            "value": None,
            "not_before": p[7],
            "not_after": None,
            "evidence": [p[8]],
            "source": p[10],
        },
    }
    a3 = {
        "id": "third",
        "url": f"{trap}/plain\" onmouseover=\"fetch('{trap}/attr')",
        "path": p[11],
        "title": p[12],
        "byline": None,
        "text": p[13],
        "outlet": {"name": None, "domain": None, "evidence": p[0]},
        "published": {"value": p[0], "not_before": None, "not_after": None, "evidence": []},
    }
    n1 = len(art.text)
    reuse = [
        {
            "source": a1["id"],
            "target": a2["id"],
            "kind": "partial",
            "jaccard": 0.4,
            "containment": 0.6,
            "declared": False,
            "credit": p[0],
            "direction_evidence": p[1],
            "passages": [{"source_span": [0, min(n1, 120)], "target_span": [0, len(text2)], "text": bad}],
        },
        {
            "source": a2["id"],
            "target": "third",
            "kind": p[2],
            "jaccard": 0.1,
            "containment": 0.2,
            "declared": True,
            "credit": "declared",
            "passages": [{"source_span": [7, 80], "target_span": [0, 30], "text": p[3]}],
        },
    ]
    quotes = [
        {
            "article": a2["id"],
            "text": p[k],
            "kind": "direct",
            "span": [0, 5],
            "speaker": p[(k + 1) % len(p)],
            "speaker_span": None,
            "cue": p[(k + 2) % len(p)],
            "cue_span": None,
        }
        for k in range(len(p))
    ]
    attributions = [
        {
            "article": a2["id"],
            "cited": p[k],
            "cited_domain": p[(k + 3) % len(p)],
            "via": [p[(k + 4) % len(p)], p[(k + 5) % len(p)]],
            "via_kinds": ["source_group", "outlet"],
            "cue": p[(k + 6) % len(p)],
            "evidence": p[(k + 7) % len(p)],
            "span": [0, 5],
            "mode": "text",
            "cited_kind": "source_group" if k % 2 else "outlet",
        }
        for k in range(len(p))
    ]
    return {
        "schema": p[0],
        "articles": [a1, a2, a3],
        "reuse": reuse,
        "quotes": quotes,
        "attributions": attributions,
        "links": [{"article": a1["id"], "url": p[9], "anchor": p[0], "domain": p[5], "date_in_url": None}],
        "stories": [
            {"id": p[3], "members": [a1["id"], a2["id"], "third"], "origin": a1["id"], "evidence": bad}
        ],
        "related": [
            {
                "first": a1["id"],
                "second": a2["id"],
                "jaccard": 0.1,
                "containment": 0.1,
                "shared_speakers": p[:3],
                "claims": [
                    {
                        "first": p[0],
                        "second": p[1],
                        "first_span": [0, 1],
                        "second_span": [0, 1],
                        "shared_terms": p[2:5],
                        "score": 0.5,
                    }
                ],
            }
        ],
        "claims": [{"text": p[0], "first": a2["id"], "drift": [p[1], {"wording": p[2]}], p[3]: p[4]}, p[5]],
        "shared_quotes": [{p[6]: p[7], "articles": p[8:]}],
        "problems": [{"path": p[9], "reason": p[10], "skipped": True}],
        "graph": {"directed": True, "multigraph": True, "graph": {}, "nodes": [], "edges": []},
    }


DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "base",
    "link",
    "form",
    "svg",
    "math",
    "frame",
    "frameset",
    "applet",
    "video",
    "audio",
    "source",
    "button",
    "input",
    "textarea",
    "portal",
    "noscript",
}


def assert_inert(page: str, trap: str) -> _Dom:
    """No element or attribute in ``page`` can run script or fetch anything; returns the parsed DOM."""
    dom = parse(page)
    # the page's own filter box: one search input and one script, exactly ours (the CSP allows
    # that script by its hash and nothing else)
    assert [(t, a) for t, a in dom.tags if t == "input"] == [
        ("input", {"type": "search", "id": "filter", "placeholder": ANY, "autocomplete": "off"})
    ]
    assert page.count("<script") == 1 and f"<script>{FILTER_SCRIPT}</script>" in page
    for tag, attrs in dom.tags:
        if (tag, attrs.get("id")) == ("input", "filter") or (tag == "script" and not attrs):
            continue
        assert tag not in DANGEROUS_TAGS, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("srcdoc", "formaction", "ping", "background", "xlink:href"), (tag, name)
            if name == "src":
                assert (value or "").startswith("data:image/"), (tag, value)
            if name == "href":
                ours = re.fullmatch(r"#[a-z]+(-\d+)?", value or "")  # contents, back to top
                assert ours or (
                    re.match(r"https?://", value or "") and "javascript" not in (value or "").lower()
                ), value
            if name == "style":
                raise AssertionError(f"inline style attribute from somewhere: {tag} {value}")
        if tag == "meta":
            assert (attrs.get("http-equiv") or "").lower() in ("", "content-security-policy"), attrs
    assert sum(1 for t, _ in dom.tags if t == "style") == 1
    return dom


# --------------------------------------------------------------------------- without a browser


def test_safe_url_allows_only_http_and_https() -> None:
    assert safe_url("https://example.com/a?b=1#c") == "https://example.com/a?b=1#c"
    assert safe_url("http://example.com") == "http://example.com"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        'https://ok.example/"onmouseover=alert(1)',
        "https://ok.example/<script>",
        "file:///etc/passwd",
        "https:",
        "https:///nohost",
        None,
        42,
    ):
        assert safe_url(bad) is None, bad


def test_highlight_escapes_and_marks_spans() -> None:
    text = "safe <b>copied</b> & more"
    out = highlight(text, [(5, 18)], context=None)
    assert out == "safe <mark>&lt;b&gt;copied&lt;/b&gt;</mark> &amp; more"
    long = "x" * 1000 + "COPIED" + "y" * 1000
    out = highlight(long, [(1000, 1006)], context=10)
    assert "<mark>COPIED</mark>" in out and "990 characters not copied" in out and len(out) < 300
    assert highlight("abc", [(2, 99), (-5, 1)], context=None) == "<mark>a</mark>b<mark>c</mark>"


def test_render_story_report_sections() -> None:
    page = render_html(story_report(), pictures=False)
    assert page.startswith("<!DOCTYPE html>")
    assert f'content="{CSP}"' in page
    dom = assert_inert(page, "http://127.0.0.1:1")
    text = " ".join(dom.text)
    for words in (
        "Story 1: ISIS regrouping, Iraq warns UN",
        "Copy tree",
        "Stated versus observed credit",
        "Copied passages",
        "Quotations by speaker",
        "Related articles",
        "Input problems",
        "This article originally appeared on Halyard Press Agency.",
        "Reuters ← Iranian media",
    ):
        assert words in text, words
    assert page.count("<mark>") >= 6
    assert "credit-wrong" in page and "credit-vague" in page and "credit-absent" in page


def test_story_shows_its_measured_text_overlap() -> None:
    report = story_report()
    e = report["reuse"][0]
    report["matches"] = [
        {
            "first": e["source"],
            "second": e["target"],
            "containment_first_in_second": 0.31,
            "containment_second_in_first": 0.97,
            "jaccard": 0.3,
            "aligned_chars": 400,
            "quoted_share": 0.12,
            "kind": "<b>containment</b>",
        }
    ]
    page = render_html(report, pictures=False)
    text = " ".join(assert_inert(page, "http://127.0.0.1:1").text)
    for words in (
        "Text overlap",
        "share of the later in the earlier",
        "97%",
        "31%",
        "12%",
        "overlapping pairs",
    ):
        assert words in text, words
    assert "<b>containment</b>" in text and "<b>containment</b>" not in page  # escaped


def test_render_with_pictures_embeds_data_uris_only() -> None:
    page = render_html(story_report())
    dom = assert_inert(page, "http://127.0.0.1:1")
    imgs = [a for t, a in dom.tags if t == "img"]
    assert len(imgs) == 2 and all((a["src"] or "").startswith("data:image/svg+xml;base64,") for a in imgs)
    assert "http://www.w3.org/2000/svg" not in page.split("<body>", 1)[1].replace("data:image/svg+xml", "")


def test_hostile_report_renders_inert_as_text() -> None:
    trap = "http://127.0.0.1:9"
    report = hostile_report(trap)
    page = render_html(report, pictures=False)
    dom = assert_inert(page, trap)
    text = " ".join(dom.text)
    for p in payloads(trap):
        assert p in text or esc(p) not in page, p  # every payload that is rendered is rendered as text
    assert f"<script>fetch('{trap}/script')</script>" in text
    assert f"javascript:fetch('{trap}/js')" in text


def test_claims_section_renders_when_present() -> None:
    report = story_report()
    a = report["articles"][0]["id"]
    report["claims"] = [{"text": "ISIS is regrouping", "first": a, "drift": ["ISIS regroups", "IS is back"]}]
    page = render_html(report, pictures=False)
    text = " ".join(parse(page).text)
    assert "Claims" in text and "ISIS is regrouping" in text and "IS is back" in text
    assert "First appearance:" in text


def test_empty_report_renders() -> None:
    page = render_html({"schema": "provenance-report/1", "articles": []})
    assert "Provenance report" in page


def test_write_html(tmp_path: Path) -> None:
    out = write_html(story_report(), tmp_path / "r.html", pictures=False)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --------------------------------------------------------------------------- in the browser


@needs_chromium
def test_screenshot_shows_the_story(tmp_path: Path) -> None:
    page = write_html(story_report(), tmp_path / "report.html")
    shot = screenshot(page, tmp_path / "report.png")
    width, height, colours = png_colours(shot)
    assert (width, height) == (1400, 2000)
    assert shot.stat().st_size > 50_000
    assert colours > 60  # text, badges, highlights and pictures; a blank page has one or two
    _, _, seen = png_colour_set(shot, step=3)
    for css in ("1b7f3b", "c77700", "d62728", "7f7f7f"):  # the four credit badges of the copy tree
        assert bytes.fromhex(css) in seen, css


@needs_chromium
def test_big_report_loads_in_browser(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text(render_html(big_report(), max_story_pictures=3, max_listed=5), encoding="utf-8")
    dom = dump_dom(page)
    assert "Story 14:" in dom and "Who cites whom" in dom


@needs_chromium
def test_trap_catches_a_real_request(tmp_path: Path) -> None:
    """Control: an unescaped page does reach the trap, so silence in the next test means something."""
    with request_trap() as (trap, hits):
        page = tmp_path / "control.html"
        page.write_text(f'<html><body><img src="{trap}/control"></body></html>', encoding="utf-8")
        dump_dom(page)
    assert any("/control" in h for h in hits), hits


@needs_chromium
@pytest.mark.parametrize("with_csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_page_cannot_run_or_fetch(tmp_path: Path, with_csp: bool) -> None:
    """Load the hostile report in Chromium: no request, no script, no handler; payloads visible as text.

    Run once as written and once with the CSP meta tag removed, so the escaping is shown to
    hold on its own (the CSP is only the second line of defence).
    """
    with request_trap() as (trap, hits):
        page = render_html(hostile_report(trap), pictures=True)
        if not with_csp:
            page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
            assert "Content-Security-Policy" not in page
        path = tmp_path / "hostile.html"
        path.write_text(page, encoding="utf-8")
        dom_text = dump_dom(path, budget_ms=3000)
        screenshot(path, tmp_path / "hostile.png", budget_ms=3000)
    assert hits == []
    dom = assert_inert(dom_text, trap)
    text = " ".join(dom.text)
    assert f"<script>fetch('{trap}/script')</script>" in text
    assert f"<img src=x onerror=\"fetch('{trap}/onerror')\">" in text
    assert f"javascript:fetch('{trap}/js')" in text
    assert f'"><svg onload="fetch(\'{trap}/svg\')">' in text


def test_fixture_spans_index_the_texts() -> None:
    """The hand-made fixture is only useful if its spans point at the text they claim to."""
    report = story_report()
    text = {a["id"]: a["text"] for a in report["articles"]}
    for e in report["reuse"]:
        for p in e["passages"]:
            s, t = p["source_span"], p["target_span"]
            assert text[e["source"]][s[0] : s[1]] == text[e["target"]][t[0] : t[1]] == p["text"]
    for q in report["quotes"]:
        assert text[q["article"]][q["span"][0] : q["span"][1]] == q["text"]


# --------------------------------------------------------------------------- finding one's way


def test_every_section_has_an_anchor_a_contents_line_and_a_way_back() -> None:
    report = story_report()
    report["claims"] = [
        {"id": "c0ffee12", "text": "ISIS is regrouping", "first_article": report["articles"][-1]["id"]}
    ]
    page = render_html(report, pictures=False)
    sections = re.findall(r"<section id='([\w-]+)'", page)
    assert {"stories", "story-1", "claims", "related", "problems"} <= set(sections)
    contents = page.split("<nav id='contents'>", 1)[1].split("</nav>", 1)[0]
    for sid in sections:
        assert f"href='#{sid}'" in contents, sid
    assert page.count("<a class='top' href='#top'>") == len(sections)
    assert "id='top'" in page
    # the claim's id is shown where the claim is, with the command that answers to it
    assert "provenance show c0ffee12" in " ".join(parse(page).text)


@needs_chromium
def test_filter_box_hides_what_does_not_match(tmp_path: Path) -> None:
    path = write_html(story_report(), tmp_path / "r.html", pictures=False)
    dom, console = load(path.resolve().as_uri())
    assert console == []
    assert " hidden" not in dom  # nothing typed: everything shown
    dom, console = load(path.resolve().as_uri() + "?q=Iranian+media")
    assert console == []
    count = re.search(r'id="filtercount"[^>]*>(\d+) of (\d+) items match<', dom)
    assert count is not None and 0 < int(count.group(1)) < int(count.group(2)), dom[-3000:]
    assert dom.count(' hidden=""') == int(count.group(2)) - int(count.group(1))


@pytest.mark.slow
@needs_chromium
def test_dev_crawl_html_loads_with_no_console_errors(dev_trace: Any, tmp_path: Path) -> None:
    from provenance import report_dict
    from provenance.report.outputs import HTML_STORY_PICTURES, OutputPaths, write_outputs

    report = report_dict(dev_trace)
    write_outputs(report, dev_trace.graph, OutputPaths(html=tmp_path / "dev.html"))
    page = (tmp_path / "dev.html").read_text(encoding="utf-8")
    assert page.count("<img ") == min(HTML_STORY_PICTURES, len(report["stories"])) + 1  # + citations
    dom, console = load((tmp_path / "dev.html").resolve().as_uri(), budget_ms=10000)
    assert console == []
    n = len(report["stories"])
    assert f"Story {n}:" in dom and 'id="contents"' in dom
