"""HTML -> main text (+ the links inside it) and page metadata.

trafilatura does the main-text work (its F1 on its own benchmark is the bar we measure against,
see :mod:`provenance.evaluate.extraction`); beautifulsoup4 takes fragments (an excerpt with a few
``<a>`` tags is *all* content, and a boilerplate remover may throw parts of it away) and pages
where trafilatura returns nothing.  Metadata the later stages rely on (canonical URL, og:url,
site name, JSON-LD publisher and dates) is read from the tree directly, because trafilatura
falls back to guesses (host name as site name, dates from links) that are wrong for provenance.

Options were chosen by snippet F1 on all 990 pages of ``../shared/data/trafilatura-eval``
(``python -m provenance.evaluate.extraction``; trafilatura 2.3.1, measured 2026-11-21):

=====================================================  ======  ======  ======
configuration (our text, bs4 fallback when empty)      P       R       F1
=====================================================  ======  ======  ======
trafilatura default ``extract(html)`` (the bar)        0.8982  0.9414  0.9193
**balanced, include_links, no comments (chosen)**      0.9108  0.9376  0.9240
same, comments appended                                0.9012  0.9393  0.9199
same, links not requested                              0.9074  0.9400  0.9234
same, favor_precision                                  0.9265  0.9143  0.9203
same, favor_recall                                     0.9014  0.9353  0.9180
same, fast (no fallback extractors)                    0.9098  0.9265  0.9181
same, include_tables=False                             0.9109  0.9282  0.9194
=====================================================  ======  ======  ======

Chosen: accuracy 0.9231 vs 0.9175 (TP 2767 FN 184 FP 271 TN 2695 vs 2778/173/315/2651).
trafilatura returned text on all 990 pages, so the bs4 fallback never fired there.  Time per
page, whole ``extract()`` (decode, metadata, links, dates) vs the default call, interleaved in
the same run on a shared, loaded 2-core machine: 157 ms vs 107 ms (990 pages), 67 ms vs 45 ms
(300 pages, one process) -- about 1.45x.  Profile of ``extract()``: trafilatura's main-text
extraction ~62 %, trafilatura's metadata code (author search, htmldate) ~19 %, resolving and
classifying every link of the page ~9 %, our own metadata/date reading ~4 %.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml.etree import strip_tags
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from .dates import parse_written_datetime
from .links import normalise_anchor

logger = logging.getLogger(__name__)

_FRAGMENT_MARKERS = re.compile(r"<\s*(?:html|body|head)\b|<!doctype", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "option",
        "iframe",
        "svg",
        "canvas",
    ]
)
_CHROME = re.compile(
    r"cookie|consent|gdpr|newsletter-signup|share|social|breadcrumb|masthead|navbar|menu|comment|sidebar|widget|related",
    re.I,
)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_DATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|dateline|published|publish|pubdate|post-date|entry-date|timestamp|meta-date|"
    r"time|datetime|posted|posted-on|pub-time|publish-time)(?:$|[\s_-])",
    re.I,
)
_NOT_ARTICLE = re.compile(
    r"comment|respond|related|sidebar|widget|footer|recent|teaser|update|newsletter|cookie", re.I
)
_LOGO = re.compile(r"logo|brand|site-title|site-name", re.I)
# The standfirst (dek, lede, summary) that news templates print under the headline, often
# outside the element trafilatura takes as the body; it is part of what the outlet published.
_STANDFIRST = re.compile(
    r"(?:^|[\s_-])(?:standfirst|dek|lede|lead|summary|subtitle|subhead(?:line)?|intro|excerpt|"
    r"article-?summary|article-?lead|sapo|chapo|teaser-?text)(?:$|[\s_-])",
    re.I,
)
_NAME_PARTICLES = frozenset(
    ["of", "the", "and", "de", "la", "le", "du", "der", "die", "das", "di", "del", "&", "on", "at", "for"]
)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—·•:-]\s+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:posted\s+|written\s+|words\s+)?by[:\s]+", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself, each value with where it was found."""

    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    site_name_evidence: str | None = None
    canonical_url: str | None = None
    og_url: str | None = None
    dates: tuple[tuple[str, str], ...] = ()  # (ISO value, evidence) in order of trust
    visible_date: tuple[str, str] | None = None  # a date printed in the article header


@dataclass(frozen=True)
class BodyText:
    """Main text with the links found inside it (``spans`` exact when the walker knows them)."""

    text: str
    extractor: str
    links: tuple[tuple[str, str], ...] = ()  # (href as written, anchor) in reading order
    spans: tuple[tuple[int, int] | None, ...] | None = None
    notes: tuple[str, ...] = ()  # what was wrong with the markup but recovered


def is_fragment(html: str) -> bool:
    """True for markup without a document frame (no <html>, <head>, <body> or doctype)."""
    return _FRAGMENT_MARKERS.search(html) is None


def parse(html: str) -> HtmlElement | None:
    return load_html(html)


# --- metadata ---------------------------------------------------------------------------------


def _iter_jsonld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            logger.debug("unparsable JSON-LD block skipped")
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list) and value:
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _iso(value: str) -> str | None:
    """An ISO date/datetime string from ``value``, or None when it is not one."""
    value = value.strip()
    m = re.match(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?", value
    )
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return m.group(0).replace(" ", "T")


def page_metadata(tree: HtmlElement) -> PageMeta:
    """Read canonical/og:url, site name, title, author and stated publication dates."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    dates: list[tuple[str, str]] = []
    publisher = author = None
    for item in _iter_jsonld(tree):
        for key in ("datePublished", "dateCreated"):
            raw = item.get(key)
            if isinstance(raw, str) and (iso := _iso(raw)):
                dates.append((iso, f"JSON-LD {key} {raw}"))
        publisher = publisher or _name_of(item.get("publisher"))
        author = author or _name_of(item.get("author"))
    for key in _PUBLISHED_META:
        if key in metas and (iso := _iso(metas[key])):
            dates.append((iso, f'meta "{key}" {metas[key]}'))
    for time in tree.iter("time"):
        stamp = time.get("datetime") or ""
        if (time.get("itemprop") == "datePublished" or time.get("pubdate") is not None) and (
            iso := _iso(stamp)
        ):
            dates.append((iso, f'<time itemprop="datePublished" datetime="{stamp}">'))
            break
    site_name, evidence = None, None
    visible = _visible_date(tree)
    if metas.get("og:site_name"):
        site_name, evidence = metas["og:site_name"], "og:site_name"
    elif publisher:
        site_name, evidence = publisher, "JSON-LD publisher"
    elif logo := _logo_text(tree):
        site_name, evidence = logo, "the logo link to the home page"
    elif metas.get("application-name"):
        site_name, evidence = metas["application-name"], "meta application-name"
    title_el = tree.find(".//title")
    page_title = normalise_anchor(title_el.text_content()) if title_el is not None else ""
    if site_name is None and page_title:
        parts = _TITLE_SEPARATOR.split(page_title)
        if len(parts) >= 2 and _looks_like_name(parts[-1]):
            site_name, evidence = parts[-1], f'page title suffix "{page_title}"'
    title = metas.get("og:title") or page_title or None
    author = author or metas.get("author") or metas.get("article:author") or None
    return PageMeta(
        title=title,
        author=clean_byline(author) if author else None,
        site_name=site_name,
        site_name_evidence=evidence,
        canonical_url=canonical or None,
        og_url=metas.get("og:url") or None,
        dates=tuple(dates),
        visible_date=visible,
    )


def _looks_like_name(text: str) -> bool:
    """A short Title Case phrase ("The Coastal Ledger", "BBC News"), not the tail of a headline."""
    words = text.split()
    if not 0 < len(words) <= 5 or len(text) > 50:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES for w in words)


def _logo_text(tree: HtmlElement) -> str | None:
    """Text (or image alt) of the site logo, a link classed "logo"/"brand" to the home page."""
    for a in tree.iter("a"):
        ident = " ".join((a.get("class") or "", a.get("id") or ""))
        if not _LOGO.search(ident):
            continue
        href = (a.get("href") or "").strip()
        if href not in ("/", "./", "") and not re.match(r"^https?://[^/]+/?$", href):
            continue
        text = normalise_anchor(a.text_content())
        if not text:
            img = a.find(".//img")
            text = normalise_anchor(img.get("alt") or "") if img is not None else ""
        if text and len(text.split()) <= 6 and len(text) <= 60:
            return text
    return None


def _visible_date(tree: HtmlElement) -> tuple[str, str] | None:
    """First date printed in a ``<time>`` or an element classed as a date, outside comments and sidebars.

    Reader-visible dates ("27 January 2016, 04:11 GMT+5.5") are what many templates offer
    instead of machine-readable metadata; comment dates and "recent posts" lists are skipped.
    """
    for el in tree.iter("span", "div", "p", "time", "small", "li", "h2", "h3", "h4"):
        cls = " ".join((el.get("class") or "", el.get("id") or ""))
        dated = el.tag == "time" or _DATE_CLASS.search(cls)  # <time> is a date whatever its class
        if not dated or _NOT_ARTICLE.search(cls):
            continue
        if any(
            _NOT_ARTICLE.search(" ".join((a.get("class") or "", a.get("id") or "")))
            or a.tag in ("aside", "footer")
            for a in el.iterancestors()
        ):
            continue
        written = normalise_anchor(el.text_content())
        if len(written) > 80:
            continue
        iso = parse_written_datetime(written)
        if iso:
            return iso, f'date printed on the page "{written}" (<{el.tag} class="{el.get("class") or ""}">)'
    return None


def clean_byline(raw: str) -> str | None:
    """ "Posted by Dmitry Nurlanov" -> "Dmitry Nurlanov"; empty or URL-only bylines -> None."""
    text = _BYLINE_PREFIX.sub("", normalise_anchor(raw))
    if not text or text.startswith(("http://", "https://")):
        return None
    return text


# --- main text ----------------------------------------------------------------------------------


def trafilatura_text(tree: HtmlElement, url: str | None, **options: Any) -> BodyText | None:
    """Main text by trafilatura, keeping the links of the extracted body (as ``<ref>`` targets).

    Links are requested so the body's own links are known (and told apart from navigation);
    they are stripped again before the text is rendered, so the text is trafilatura's plain text.
    """
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_links=True, include_comments=False, **options
    )
    if doc is None or not isinstance(doc, trafilatura.settings.Document) or doc.body is None:
        return None
    body = doc.body
    links = tuple(
        (ref.get("target") or "", normalise_anchor("".join(ref.itertext()))) for ref in body.iter("ref")
    )
    strip_tags(body, "ref")
    text = xmltotxt(body, False).strip()
    if not text:
        return None
    return BodyText(text=text, extractor="trafilatura", links=tuple(link for link in links if link[0]))


def trafilatura_metadata(tree: HtmlElement, url: str | None, max_date: str | None = None) -> PageFacts:
    """Title, author and date by trafilatura's metadata code (htmldate for the date).

    It runs on the page without comments, sidebars and footers: htmldate otherwise takes a
    reader comment's date ("April 23, 2016" under the article) for the article's.  Those parts
    are removed from ``tree`` itself (a copy would cost time on every page), so call this
    last, when nothing else needs the tree.
    ``extensive_search`` is off: in extensive mode htmldate takes dates from the page's links,
    and a linked article's date is never this article's date.
    """
    date_params: dict[str, Any] = {"original_date": True, "extensive_search": False}
    if max_date:
        date_params["max_date"] = max_date
    pruned = tree
    for el in list(pruned.iter("aside", "footer", "nav", "section", "div", "ol", "ul", "li", "span", "p")):
        if el.tag in ("aside", "footer", "nav") or _NOT_ARTICLE.search(
            " ".join((el.get("class") or "", el.get("id") or ""))
        ):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    try:
        doc = extract_metadata(pruned, default_url=url, date_config=date_params, extensive=False)
    except Exception as exc:  # metadata is a bonus: never lose the article over it
        logger.warning("metadata extraction failed: %s", exc)
        return PageFacts()
    return PageFacts(title=doc.title or None, author=doc.author or None, date=doc.date or None)


@dataclass(frozen=True)
class PageFacts:
    title: str | None = None
    author: str | None = None
    date: str | None = None


def standfirst(tree: HtmlElement, body_text: str) -> str | None:
    """The page's standfirst when the extracted body lacks it: one element whose class or id
    names it, holding one or two sentences of prose, outside navigation and teaser lists."""
    norm_body = " ".join(body_text.split())
    for el in tree.iter("div", "p", "h2", "span"):
        label = " ".join((el.get("class") or "", el.get("id") or ""))
        if not label or not _STANDFIRST.search(label) or _NOT_ARTICLE.search(label):
            continue
        if any(anc.tag in ("nav", "footer", "aside", "li") for anc in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if 60 <= len(text) <= 600 and text[-1] in '.!?"”’' and len(el) <= 3:
            return None if text in norm_body else text
    return None


def linear_markup(html: str) -> str:
    """``html`` with every ``<`` after the document's last ``>`` written as ``&lt;``.

    Python's HTML parser is quadratic on such input: for each ``<`` that can never become a
    complete tag it searches the rest of the document for a ``>`` (a 1.9 MB page without
    one took 103 s).  It shows those characters as text anyway, so the parse is the same.
    """
    last = html.rfind(">")
    tail = html[last + 1 :]
    return html if "<" not in tail else html[: last + 1] + tail.replace("<", "&lt;")


_TAG_AT = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>")
# the same tags for a scan that only needs to know whether a tag closes itself (ends "/>"): a
# greedy run instead of the lazy one is about four times faster on real pages
_TAG_SCAN = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*>")
_DECL_AT = re.compile(r"<[!?/][^<>]*>")
_RAW_TEXT = frozenset(["script", "style", "noscript", "template", "textarea", "title"])
#: elements that never hold others, or that a parser closes by itself when the next one opens
_NO_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rp",
        "rt",
    ]
)


def nesting_depth(html: str, limit: int) -> int:
    """How deep ``html``'s elements nest, counted from its tags in one pass (stops counting
    past ``limit``).  Void elements and those a parser closes by itself do not count."""
    tags = ((bool(m.group(1)), m.group(2), m.group(0).endswith("/>")) for m in _TAG_SCAN.finditer(html))
    return tag_depth(tags, limit)


def tag_depth(tags: Iterable[tuple[bool, str, bool]], limit: int) -> int:
    """The deepest nesting of a stream of ``(closing, name, self_closing)`` tags (stops
    counting past ``limit``)."""
    depth = deepest = 0
    for closing, name, self_closing in tags:
        if self_closing or name.lower() in _NO_NESTING:
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def markup_text(html: str, extractor: str = "markup-stripped") -> BodyText:
    """Visible text of ``html`` by a single linear scan of its tags, without building a tree:
    for markup no parser can be trusted with (absurd nesting, markup a parser rejects).

    Block tags become line breaks; comments and script/style contents are dropped.
    """
    import html as html_mod

    out: list[str] = []
    i, n = 0, len(html)
    comments_end = True  # False once no "-->" is left: later "<!--" are ordinary text
    closers: dict[str, int] = {}  # raw-text element -> position of its next closing tag (-1: none)
    while i < n:
        j = html.find("<", i)
        if j < 0:
            out.append(html[i:])
            break
        out.append(html[i:j])
        if comments_end and html.startswith("<!--", j):
            k = html.find("-->", j + 4)
            if k >= 0:
                i = k + 3
                continue
            comments_end = False
        m = _TAG_AT.match(html, j)
        if m is None:
            decl = _DECL_AT.match(html, j)
            i = decl.end() if decl else j + 1
            out.append("" if decl else "<")
            continue
        i = m.end()
        name = m.group(2).lower()
        if name in _BLOCK:
            out.append("\n")
        if name in _RAW_TEXT and not m.group(1) and not m.group(3):
            at = closers.get(name, 0)
            if at != -1 and at < i:
                found = re.compile(rf"</{name}\s*>", re.I).search(html, i)
                at = found.start() if found else -1
                closers[name] = at
            if at >= i:
                i = html.find(">", at) + 1
    text = html_mod.unescape("".join(out))
    lines = (_WS.sub(" ", line).strip() for line in text.splitlines())
    return BodyText(text="\n".join(line for line in lines if line), extractor=extractor)


def soup_text(html: str, extractor: str = "bs4", max_depth: int = 512) -> BodyText:
    """All visible text of ``html`` (minus scripts, navigation and banners), with exact link spans.

    Block elements become line breaks, so paragraphs survive as lines of the text.  Markup
    nested deeper than ``max_depth``, or that the parser rejects, is read by
    :func:`markup_text` instead (plain text, no link positions), with a note saying so.
    """
    from bs4.builder import ParserRejectedMarkup

    if nesting_depth(html, max_depth) > max_depth:
        body = markup_text(html, extractor)
        note = f"markup nested deeper than {max_depth} levels; read as plain text (see budgets)"
        return BodyText(body.text, body.extractor, notes=(note,))
    try:
        soup = BeautifulSoup(linear_markup(html), "html.parser")
    except (ParserRejectedMarkup, AssertionError, ValueError) as exc:  # html.parser refuses some declarations
        body = markup_text(html, extractor)
        return BodyText(
            body.text,
            body.extractor,
            notes=(f"markup the HTML parser rejects ({type(exc).__name__}); read as plain text",),
        )
    root: Tag = soup.body or soup
    walker = _Walker()
    walker.walk(root)
    return walker.result(extractor)


class _Walker:
    def __init__(self) -> None:
        self.buf: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.spans: list[tuple[int, int] | None] = []

    def _rstrip(self) -> None:
        while self.buf and self.buf[-1] in " ":
            self.buf.pop()

    def _break(self) -> None:
        self._rstrip()
        if self.buf and self.buf[-1] != "\n":
            self.buf.append("\n")

    def _add(self, text: str) -> None:
        text = _WS.sub(" ", text.replace("\n", " "))
        if not text:
            return
        if (not self.buf or self.buf[-1] in " \n") and text.startswith(" "):
            text = text[1:]
        self.buf.extend(text)

    def _close(self, block: bool, link: str | None, start: int) -> None:
        if link is not None:
            anchor = "".join(self.buf[start:])
            lead = len(anchor) - len(anchor.lstrip())
            anchor = anchor.strip()
            self.links.append((link, anchor))
            self.spans.append((start + lead, start + lead + len(anchor)) if anchor else None)
        if block:
            self._break()

    def walk(self, root: Tag) -> None:
        """Depth-first over ``root``'s descendants with an explicit stack (no recursion, so
        no depth makes it fail)."""
        stack: list[tuple[Iterator[Any], tuple[bool, str | None, int] | None]] = [(iter(root.children), None)]
        while stack:
            child = next(stack[-1][0], None)
            if child is None:
                _, closing = stack.pop()
                if closing is not None:
                    self._close(*closing)
                continue
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self._add(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _SKIP:
                continue
            ident = " ".join([str(child.get("id") or ""), " ".join(child.get_attribute_list("class"))])
            if (
                ident.strip()
                and _CHROME.search(ident)
                and name not in ("a", "span", "em", "strong", "b", "i")
            ):
                continue
            block = name in _BLOCK
            if block:
                self._break()
            link = str(child.get("href")) if name == "a" and child.get("href") else None
            stack.append((iter(child.children), (block, link, len(self.buf))))

    def result(self, extractor: str) -> BodyText:
        text = "".join(self.buf).rstrip()
        spans = tuple(s if s is None or s[1] <= len(text) else None for s in self.spans)
        return BodyText(text=text, extractor=extractor, links=tuple(self.links), spans=spans)
