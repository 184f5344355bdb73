"""Extract stage: :class:`RawDocument` -> :class:`Article`.

One entry point, :func:`extract`.  HTML pages go through trafilatura (main text, metadata,
links of the body) with a beautifulsoup4 walker for fragments and for pages trafilatura gives
up on; plain text is kept exactly as decoded, because quotation and attribution spans are
offsets into it.  Outlet and publication date are assembled from evidence, each piece named,
so a reader can check why the tool thinks a page was published when and by whom.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from lxml.html import HtmlElement

from ..errors import ExtractionError
from ..guard import Budgets
from ..models import Article, Link, RawDocument, Span
from ..segment import paragraph_spans
from .dates import guess_date
from .decode import decode
from .html import (
    BodyText,
    PageFacts,
    PageMeta,
    clean_byline,
    is_fragment,
    markup_text,
    nesting_depth,
    page_metadata,
    parse,
    soup_text,
    standfirst,
    trafilatura_metadata,
    trafilatura_text,
)
from .links import (
    bare_urls,
    date_in_url,
    locate_spans,
    make_link,
    normalise_anchor,
    registered_domain,
    resolve,
)
from .outlet import guess_outlet

__all__ = ["extract"]

logger = logging.getLogger(__name__)

_BYLINE_LINE = re.compile(
    r"^\s*(?:posted\s+|written\s+)?by\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$", re.I
)


#: In fast mode, trafilatura runs without its fallback extractors (readability, jusText);
#: a body shorter than this is re-extracted in full, since short results are where the
#: fallbacks help (measured on trafilatura-eval: see provenance/evaluate/extraction.py).
FAST_MIN_CHARS = 1000


def extract(raw: RawDocument, fast: bool = False, budgets: Budgets | None = None) -> Article:
    """Extract the article of ``raw``; raise :class:`ExtractionError` when there is none.

    ``fast`` skips trafilatura's fallback extractors when its own result is long enough.
    ``budgets`` bound the work: markup nested deeper than ``max_depth`` is read as plain
    text, and paragraphs longer than ``max_paragraph_chars`` are split (the text itself is
    unchanged, so offsets into it stay exact); each is named in a note.
    """
    budgets = budgets or Budgets()
    text, _encoding, decode_notes = decode(raw.content, raw.path)
    if raw.media_type == "text":
        article = _from_text(raw, text)
    else:
        article = _from_html(raw, text, fast, budgets.max_depth)
    paragraphs, split = split_paragraphs(article.text, article.paragraphs, budgets.max_paragraph_chars)
    notes = decode_notes + article.notes
    if split:
        notes += (f"{split} paragraphs longer than {budgets.max_paragraph_chars:,} characters split",)
    return replace(article, paragraphs=paragraphs, notes=notes)


_BREAK_AT = re.compile(r"[.!?]\s|\s")


def split_paragraphs(text: str, paragraphs: tuple[Span, ...], limit: int) -> tuple[tuple[Span, ...], int]:
    """``paragraphs`` with each one longer than ``limit`` characters cut into pieces of at
    most ``limit`` (at the last sentence end, else white space, in the piece's second half);
    returns the spans and how many paragraphs were split.  Every later stage works paragraph
    by paragraph, so this bounds their work on a 1 MB single-line page."""
    if limit <= 0 or all(e - s <= limit for s, e in paragraphs):
        return paragraphs, 0
    out: list[Span] = []
    split = 0
    for s, e in paragraphs:
        if e - s <= limit:
            out.append((s, e))
            continue
        split += 1
        while e - s > limit:
            window = text[s + limit // 2 : s + limit]
            cuts = [m.end() for m in _BREAK_AT.finditer(window)]
            sentence = [m.end() for m in re.finditer(r"[.!?]\s", window)]
            cut = s + limit // 2 + (sentence[-1] if sentence else cuts[-1] if cuts else len(window))
            piece_end = cut
            while piece_end > s and text[piece_end - 1].isspace():
                piece_end -= 1
            out.append((s, piece_end if piece_end > s else cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if s < e:
            out.append((s, e))
    return tuple(out), split


def _from_text(raw: RawDocument, text: str) -> Article:
    """Plain text is the article text, unchanged; title and byline are read off its lines."""
    if not text.strip():
        raise ExtractionError(raw.path, "empty after extraction")
    lines = [line.strip() for line in text.splitlines()]
    non_empty = [line for line in lines if line]
    title = None
    if len(non_empty) >= 2:
        first = non_empty[0]
        if (
            len(first) <= 200
            and len(first.split()) <= 25
            and not first.endswith((".", ",", ";", ":"))
            and not _BYLINE_LINE.match(first)
        ):
            title = first
    links = tuple(bare_urls(text))
    outlet = guess_outlet(
        site_name=None,
        site_name_evidence=None,
        fetched_url=raw.url,
        og_url=None,
        canonical_url=None,
        links=links,
    )
    published = guess_date(stated=(), page_url=raw.url, text=text, links=links, fetched_at=raw.fetched_at)
    return Article(
        id=raw.id,
        path=raw.path,
        text=text,
        url=raw.url,
        title=title,
        byline=_byline_from_lines(non_empty),
        outlet=outlet,
        published=published,
        links=links,
        fetched_at=raw.fetched_at,
        paragraphs=paragraph_spans(text),
        extractor="text",
    )


def _byline_from_lines(lines: list[str]) -> str | None:
    """A "By Firstname Lastname" line near the top or the bottom of the text."""
    for line in lines[:6] + lines[-4:]:
        m = _BYLINE_LINE.match(line)
        if m:
            return m.group("name")
    return None


def _from_html(raw: RawDocument, html: str, fast: bool = False, max_depth: int = 512) -> Article:
    if nesting_depth(html, max_depth) > max_depth:
        # no parser is worth its time and stack on this: one linear pass over the tags
        flat = markup_text(html, "markup-stripped")
        note = f"markup nested deeper than {max_depth} levels; read as plain text"
        if not flat.text.strip():
            raise ExtractionError(raw.path, "empty after extraction")
        return _html_article(raw, replace(flat, notes=(note,)), None)
    tree = parse(html)
    body: BodyText | None = None
    if tree is None or is_fragment(html):
        # lxml refuses some inputs trafilatura cannot use either (e.g. absurd nesting)
        body = soup_text(html, "bs4-fragment" if is_fragment(html) else "bs4-fallback", max_depth)
    else:
        try:
            body = trafilatura_text(tree, raw.url, fast=True) if fast else None
            if body is None or len(body.text) < FAST_MIN_CHARS:
                body = trafilatura_text(tree, raw.url)
        except Exception as exc:  # trafilatura raises assorted errors on broken markup
            logger.warning("trafilatura failed (%s); falling back to bs4", type(exc).__name__)
        if body is None or not body.text.strip():
            body = soup_text(html, "bs4-fallback", max_depth)
    if not body.text.strip():
        raise ExtractionError(raw.path, "empty after extraction")
    return _html_article(raw, body, tree)


def _html_article(raw: RawDocument, body: BodyText, tree: HtmlElement | None) -> Article:
    lead = standfirst(tree, body.text) if tree is not None and body.spans is None else None
    if lead:
        body = replace(body, text=f"{lead}\n{body.text}")
    if tree is None:
        meta, facts = PageMeta(), PageFacts()
        base = raw.url
        links = _walker_links(body, base)
    else:
        meta = page_metadata(tree)
        base = raw.url or meta.og_url or meta.canonical_url
        links = _page_links(tree, body, base)
        facts = trafilatura_metadata(
            tree, raw.url, max_date=(raw.fetched_at or "")[:10] or None
        )  # prunes tree
    text = body.text
    canonical = resolve(meta.canonical_url, base) if meta.canonical_url else None
    og_url = resolve(meta.og_url, base) if meta.og_url else None
    byline = clean_byline(facts.author) if facts.author else meta.author
    if byline is None:
        byline = _byline_from_lines([ln.strip() for ln in text.splitlines() if ln.strip()])
    stated = [(value, why, "metadata") for value, why in meta.dates]
    if facts.date and _date_from_foreign_canonical(facts.date, canonical or og_url, raw.url):
        logger.info(
            "%s: htmldate's %s comes from a canonical URL on another site; not used", raw.path, facts.date
        )
    elif facts.date:
        stated.append((facts.date, "htmldate (page markup, original date, links not searched)", "metadata"))
    if meta.visible_date:
        stated.append((*meta.visible_date, "page"))
    outlet = guess_outlet(
        site_name=meta.site_name,
        site_name_evidence=meta.site_name_evidence,
        fetched_url=raw.url,
        og_url=og_url,
        canonical_url=canonical or og_url,
        links=links,
    )
    published = guess_date(
        stated=stated, page_url=raw.url or og_url, text=text, links=links, fetched_at=raw.fetched_at
    )
    return Article(
        id=raw.id,
        path=raw.path,
        text=text,
        url=raw.url,
        title=_title(facts.title or meta.title),
        byline=byline,
        outlet=outlet,
        published=published,
        links=links,
        canonical_url=canonical or og_url,
        site_name=meta.site_name,
        fetched_at=raw.fetched_at,
        paragraphs=paragraph_spans(text),
        extractor=body.extractor,
        notes=body.notes,
    )


def _date_from_foreign_canonical(date: str, canonical: str | None, page_url: str | None) -> bool:
    """True when ``date`` is just the date in a canonical URL that points to another site.

    htmldate reads the date of the page's declared URL; on a syndicated copy that URL is the
    original's, a link like any other, and its date is not the copy's.
    """
    if not canonical or not page_url or registered_domain(canonical) == registered_domain(page_url):
        return False
    return date_in_url(canonical) == date[:10]


def _title(title: str | None) -> str | None:
    return normalise_anchor(title) or None if title else None


def _walker_links(body: BodyText, base: str | None) -> tuple[Link, ...]:
    """Links straight from the bs4 walker, for input lxml could not parse into a tree."""
    spans = body.spans if body.spans is not None else (None,) * len(body.links)
    return tuple(
        make_link(url, anchor, span)
        for (href, anchor), span in zip(body.links, spans, strict=True)
        if (url := resolve(href, base))
    )


def _page_links(tree: HtmlElement, body: BodyText, base: str | None) -> tuple[Link, ...]:
    """Every link of the page, in document order; those inside the extracted text get a span.

    A span is only given to links the extractor found inside the main text, so ``span is None``
    means navigation, sidebars, footers or dropped boilerplate — never cited by the article.
    """
    body_spans = (
        body.spans if body.spans is not None else tuple(locate_spans(body.text, [a for _, a in body.links]))
    )
    # body links not yet matched, in reading order: (url, anchor, span)
    pending: list[tuple[str, str, Span]] = []
    for (href, anchor), span in zip(body.links, body_spans, strict=True):
        url = resolve(href, base)
        if url and span is not None:
            pending.append((url, anchor, span))
    links: list[Link] = []
    for a in tree.iter("a"):
        href = a.get("href")
        if not href:
            continue
        url = resolve(href, base)
        if url is None:
            continue
        anchor = normalise_anchor(a.text_content())
        links.append(make_link(url, anchor, _take(pending, url, anchor)))
    return tuple(links)


def _take(pending: list[tuple[str, str, Span]], url: str, anchor: str) -> Span | None:
    """Span of the first unmatched body link with this URL and anchor (else this URL alone:
    extractors may render an anchor's text differently); it is then used up."""
    for same_anchor in (True, False):
        for i, (body_url, body_anchor, span) in enumerate(pending):
            if body_url == url and (body_anchor == anchor or not same_anchor):
                del pending[i]
                return span
    return None
