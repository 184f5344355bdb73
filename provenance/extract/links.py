"""Outbound links: absolute URL, anchor text, registered domain, date in the URL, span in the text.

Links are evidence twice over: the domain they point to says which outlet a fragment came from,
and a date in a linked URL (``/2024/12/13/``) bounds the article's own date from below — an
article cannot link to a page published after it.  That is why the date is parsed here, and
why it must never be mistaken for the article's own date.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import tldextract

from ..models import Link, Span

logger = logging.getLogger(__name__)

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "sms:", "about:", "callto:")
# /2024/12/13/ or /2024/12/13-slug or /2024-12-13/ (separators / - _ .)
_DATE_PATH = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?!\d)")
# 20241213 in a path segment
_DATE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#\\]+)")
_ABSOLUTE = re.compile(r"^https?://[^/?#\\\s]+(?:[/?#]|$)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_WS = re.compile(r"\s+")
_BARE_URL = re.compile(r"""\bhttps?://[^\s<>"'()\[\]{}]+""")


@functools.lru_cache(maxsize=1)
def tld_extractor() -> tldextract.TLDExtract:
    """The offline tldextract instance: bundled public-suffix snapshot, no fetch, no disk cache."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def registered_domain(url: str) -> str | None:
    """Registered domain of ``url`` (``www.thenationalnews.com`` -> ``thenationalnews.com``)."""
    m = _HOST.match(url)
    if m is None:
        return None
    host = m.group(1).rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".").lower()
    if not host or host.startswith("["):
        return None
    return _host_domain(host)


@functools.lru_cache(maxsize=8192)
def _host_domain(host: str) -> str:
    """Cached per host: a page links to the same few hosts over and over."""
    ext = tld_extractor()(host)
    if ext.domain and ext.suffix:
        return f"{ext.domain}.{ext.suffix}"
    return host  # IP addresses, localhost: the host is the best name there is


def date_in_url(url: str) -> str | None:
    """ISO date written in the URL's path (``/2024/12/13/`` or ``20241213``), else None.

    Only the path is read: query strings carry session ids and timestamps that are not the
    publication date of the linked page.
    """
    if _YEAR.search(url) is None:  # cheap rejection: most URLs carry no year at all
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in (_DATE_PATH, _DATE_COMPACT):
        for m in pattern.finditer(path):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def normalise_anchor(text: str) -> str:
    return _WS.sub(" ", text).strip()


def resolve(href: str, base_url: str | None) -> str | None:
    """Absolute URL for ``href``, or None for links that lead nowhere outside the page."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
        return None
    if base_url and not _ABSOLUTE.match(href):
        try:
            url = urljoin(base_url, href)
        except ValueError:
            return None
        if "#" in href and url.split("#", 1)[0] == base_url.split("#", 1)[0]:
            return None  # in-page anchor written as a relative link
        return url
    if base_url and "#" in href and href.split("#", 1)[0] == base_url.split("#", 1)[0]:
        return None  # in-page anchor written with the full page URL
    return href


def make_link(url: str, anchor: str, span: Span | None = None) -> Link:
    return Link(
        url=url, anchor=anchor, domain=registered_domain(url), date_in_url=date_in_url(url), span=span
    )


def locate_spans(text: str, anchors: Iterable[str]) -> list[Span | None]:
    """Find each anchor in ``text``, in order, so repeated anchors get successive positions.

    The search starts after the previous hit (links appear in reading order); when an anchor is
    not found there it is looked for from the start, and failing that its span is None.
    """
    out: list[Span | None] = []
    cursor = 0
    for anchor in anchors:
        if not anchor:
            out.append(None)
            continue
        pos = text.find(anchor, cursor)
        if pos < 0:
            pos = text.find(anchor)
        if pos < 0:
            out.append(None)
            continue
        out.append((pos, pos + len(anchor)))
        cursor = pos + len(anchor)
    return out


def bare_urls(text: str) -> list[Link]:
    """Links written out as URLs in plain text (the URL is its own anchor)."""
    links = []
    for m in _BARE_URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        links.append(make_link(url, url, (m.start(), m.start() + len(url))))
    return links
