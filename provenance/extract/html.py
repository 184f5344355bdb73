"""HTML -> main text (+ the links inside it) and page metadata.

trafilatura does the main-text work (its F1 on its own benchmark is the bar we measure against,
see :mod:`provenance.evaluate.extraction`); beautifulsoup4 takes fragments (an excerpt with a few
``<a>`` tags is *all* content, and a boilerplate remover may throw parts of it away) and pages
where trafilatura returns nothing.  Metadata the later stages rely on (canonical URL, og:url,
site name, JSON-LD publisher and dates) is read from the tree directly, because trafilatura
falls back to guesses (host name as site name, dates from links) that are wrong for provenance.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml.etree import strip_tags
from lxml.html import HtmlElement
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from .links import normalise_anchor, resolve

logger = logging.getLogger(__name__)

_FRAGMENT_MARKERS = re.compile(r"<\s*(?:html|body|head)\b|<!doctype", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLOCK = frozenset(
    """address article aside blockquote br dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6
    hr li main ol p pre section summary table tbody td th thead tr ul""".split()
)
_SKIP = frozenset(
    "script style noscript template head title nav footer aside form button select option iframe svg canvas".split()
)
_CHROME = re.compile(r"cookie|consent|gdpr|newsletter-signup|share|social|breadcrumb|masthead|navbar|menu", re.I)
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


@dataclass(frozen=True)
class BodyText:
    """Main text with the links found inside it (``spans`` exact when the walker knows them)."""

    text: str
    extractor: str
    links: tuple[tuple[str, str], ...] = ()  # (href as written, anchor) in reading order
    spans: tuple[tuple[int, int] | None, ...] | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


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
        except ValueError:
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
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return m.group(0).replace(" ", "T")


def page_metadata(tree: HtmlElement, title_hint: str | None = None) -> PageMeta:
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
        if (time.get("itemprop") == "datePublished" or time.get("pubdate") is not None) and (iso := _iso(stamp)):
            dates.append((iso, f'<time itemprop="datePublished" datetime="{stamp}">'))
            break
    site_name, evidence = None, None
    if metas.get("og:site_name"):
        site_name, evidence = metas["og:site_name"], "og:site_name"
    elif publisher:
        site_name, evidence = publisher, "JSON-LD publisher"
    elif metas.get("application-name"):
        site_name, evidence = metas["application-name"], "meta application-name"
    title_el = tree.find(".//title")
    page_title = normalise_anchor(title_el.text_content()) if title_el is not None else ""
    if site_name is None and page_title:
        parts = _TITLE_SEPARATOR.split(page_title)
        if len(parts) >= 2 and 0 < len(parts[-1].split()) <= 5 and len(parts[-1]) <= 50:
            site_name, evidence = parts[-1], f'page title suffix "{page_title}"'
    title = title_hint or metas.get("og:title") or page_title or None
    author = author or metas.get("author") or metas.get("article:author") or None
    return PageMeta(
        title=title,
        author=clean_byline(author) if author else None,
        site_name=site_name,
        site_name_evidence=evidence,
        canonical_url=canonical or None,
        og_url=metas.get("og:url") or None,
        dates=tuple(dates),
    )


def clean_byline(raw: str) -> str | None:
    """"Posted by Dmitry Nurlanov" -> "Dmitry Nurlanov"; empty or URL-only bylines -> None."""
    text = _BYLINE_PREFIX.sub("", normalise_anchor(raw))
    if not text or text.startswith(("http://", "https://")):
        return None
    return text


# --- main text ----------------------------------------------------------------------------------


def trafilatura_text(
    tree: HtmlElement, url: str | None, *, max_date: str | None = None, **options: Any
) -> BodyText | None:
    """Main text by trafilatura, keeping the links of the extracted body.

    ``extensive_search`` is off for htmldate: in extensive mode it takes dates from the page's
    links, and a linked article's date is never this article's date.
    """
    date_params: dict[str, Any] = {"original_date": True, "extensive_search": False}
    if max_date:
        date_params["max_date"] = max_date
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_links=True,
        include_comments=False,
        date_extraction_params=date_params,
        **options,
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
    return BodyText(
        text=text,
        extractor="trafilatura",
        links=tuple(link for link in links if link[0]),
        title=doc.title or None,
        author=doc.author or None,
        date=doc.date or None,
    )


def soup_text(html: str, extractor: str = "bs4") -> BodyText:
    """All visible text of ``html`` (minus scripts, navigation and banners), with exact link spans.

    Block elements become line breaks, so paragraphs survive as lines of the text.
    """
    soup = BeautifulSoup(html, "html.parser")
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

    def walk(self, node: Tag) -> None:
        for child in node.children:
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
            if ident.strip() and _CHROME.search(ident) and name not in ("a", "span", "em", "strong", "b", "i"):
                continue
            block = name in _BLOCK
            if block:
                self._break()
            if name == "a" and child.get("href"):
                start = len(self.buf)
                self.walk(child)
                anchor = "".join(self.buf[start:])
                lead = len(anchor) - len(anchor.lstrip())
                anchor = anchor.strip()
                self.links.append((str(child.get("href")), anchor))
                self.spans.append((start + lead, start + lead + len(anchor)) if anchor else None)
            else:
                self.walk(child)
            if block:
                self._break()

    def result(self, extractor: str) -> BodyText:
        text = "".join(self.buf).rstrip()
        spans = tuple(s if s is None or s[1] <= len(text) else None for s in self.spans)
        return BodyText(text=text, extractor=extractor, links=tuple(self.links), spans=spans)
