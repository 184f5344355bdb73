"""Feeds (RSS 2.0, RSS 1.0/RDF, Atom) and sitemaps (urlset, sitemap index) to article links.

People start from a site's feed or sitemap; this turns one into the links it lists, each with
the date the document gives it (pubDate, updated/published, dc:date, lastmod), so a crawl
can keep only what is newer than ``--since``.

XML from the web is parsed with entity resolution, DTD loading and network access off, and a
document that declares entities is refused outright: a "billion laughs" or an external
entity pointing at a local file yields nothing.  Element names are matched on their local part, so namespace spellings and
prefixes do not matter.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

FeedKind = Literal["rss", "atom", "sitemap", "sitemapindex"]
_ROOTS: dict[str, FeedKind] = {
    "rss": "rss",
    "RDF": "rss",
    "feed": "atom",
    "urlset": "sitemap",
    "sitemapindex": "sitemapindex",
}
_MAX_XML = 50 * 1024 * 1024  # a sitemap may hold 50,000 URLs in 50 MB uncompressed


@dataclass(frozen=True)
class FeedEntry:
    """One link a feed or sitemap lists, with the date it gives (None when it gives none)."""

    url: str
    date: dt.datetime | None = None


@dataclass(frozen=True)
class FeedLinks:
    """What a feed or sitemap lists.  ``kind`` is ``sitemapindex`` when the links are sitemaps."""

    kind: FeedKind
    entries: tuple[FeedEntry, ...]

    def since(self, when: dt.datetime | None) -> tuple[FeedEntry, ...]:
        """Entries dated at or after ``when``; undated entries are kept (nothing says they are old)."""
        if when is None:
            return self.entries
        return tuple(e for e in self.entries if e.date is None or e.date >= when)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_date(text: str | None) -> dt.datetime | None:
    """An RFC 822 date (RSS) or an ISO 8601 date or datetime (Atom, sitemaps), as aware UTC.

    A date without a time is its midnight UTC; a time without a zone is taken as UTC.
    Anything unparseable is None rather than an error: a bad date must not lose the link.
    """
    text = (text or "").strip()
    if not text:
        return None
    value: dt.datetime | None = None
    try:
        value = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def decompress(body: bytes, limit: int = _MAX_XML) -> bytes:
    """A gzip-compressed sitemap (``sitemap.xml.gz``) unpacked, at most ``limit`` bytes."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, limit)
    except zlib.error:
        return b""
    return out


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """Cheap sniff before a parse: XML content type, an XML declaration, or a feed root tag."""
    if body.startswith(b"\x1f\x8b"):
        return True
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")):
        return True
    ctype = content_type.lower()
    return "xml" in ctype and "html" not in ctype


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _text(el: etree._Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str)).strip()


def _absolute(link: str, base: str | None) -> str | None:
    link = link.strip()
    if not link:
        return None
    url = urljoin(base, link) if base else link
    return url if urlsplit(url).scheme in ("http", "https") else None


def _child(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if _local(c.tag) in names]


def _first_date(el: etree._Element, names: tuple[str, ...]) -> dt.datetime | None:
    for name in names:
        for c in _child(el, name):
            if (d := parse_date(_text(c))) is not None:
                return d
    return None


def _atom_link(entry: etree._Element) -> str | None:
    """The entry's page: its ``alternate`` link (a link without rel is one); self, edit,
    enclosure and related links are not the article."""
    for link in _child(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link.get("href"))
    return None


def parse_feed(body: bytes, base_url: str | None = None) -> FeedLinks | None:
    """The links an RSS/Atom feed or a sitemap lists, or None when ``body`` is none of those.

    Relative links are resolved against ``base_url``; links that are not http(s) are dropped.
    Never raises on bad input: malformed XML, HTML or binary junk is simply not a feed.
    """
    data = decompress(body)
    if not data.strip() or len(data) > _MAX_XML:
        return None
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return None  # no feed needs entity declarations; they are how XML attacks start
    kind = _ROOTS.get(_local(root.tag))
    if kind is None:
        return None
    entries: list[FeedEntry] = []
    if kind in ("sitemap", "sitemapindex"):
        item = "url" if kind == "sitemap" else "sitemap"
        for el in _child(root, item):
            locs = _child(el, "loc")
            url = _absolute(_text(locs[0]), base_url) if locs else None
            if url:
                entries.append(FeedEntry(url, _first_date(el, ("lastmod",))))
    elif kind == "atom":
        for el in _child(root, "entry"):
            href = _atom_link(el)
            url = _absolute(href, base_url) if href else None
            if url:
                entries.append(FeedEntry(url, _first_date(el, ("published", "updated"))))
    else:
        channel = _child(root, "channel")
        holders = [root, *channel]
        for holder in holders:
            for el in _child(holder, "item"):
                links = _child(el, "link")
                link = _text(links[0]) if links else ""
                if not link:
                    about = el.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or ""
                    guid = [g for g in _child(el, "guid") if g.get("isPermaLink", "true") == "true"]
                    link = about or (_text(guid[0]) if guid else "")
                url = _absolute(link, base_url)
                if url:
                    entries.append(
                        FeedEntry(url, _first_date(el, ("pubDate", "date", "published", "updated")))
                    )
    first: dict[str, FeedEntry] = {}
    for entry in entries:
        first.setdefault(entry.url, entry)
    return FeedLinks(kind, tuple(first.values()))
