"""Fetch: from links to a crawl.  URLs, URL lists, RSS/Atom feeds and sitemaps are fetched
politely (robots.txt, per-host delay, retries, size and time caps, public addresses only)
into a crawl folder of WARC files plus the ``manifest.jsonl`` the trace reads.

``fetch(["https://example.com/feed.xml"], "crawls/example")`` is the whole API; the CLI's
``provenance fetch`` and ``provenance trace URL`` call it.
"""

from __future__ import annotations

from .archive import CrawlArchive
from .crawl import (
    Clock,
    FetchOptions,
    FetchOutcome,
    FetchResult,
    crawl_folder,
    fetch,
    parse_since,
    read_inputs,
)
from .feeds import FeedEntry, FeedLinks, parse_feed
from .urls import canonical, looks_like_url

__all__ = [
    "Clock",
    "CrawlArchive",
    "FeedEntry",
    "FeedLinks",
    "FetchOptions",
    "FetchOutcome",
    "FetchResult",
    "canonical",
    "crawl_folder",
    "fetch",
    "looks_like_url",
    "parse_feed",
    "parse_since",
    "read_inputs",
]
