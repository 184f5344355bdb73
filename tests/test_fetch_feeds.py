"""Feed and sitemap parsing: RSS 2.0, RSS 1.0 (RDF), Atom, urlset, sitemap index; dates;
XML that tries entity tricks; and property tests that any generated feed round-trips and
that no input makes the parser raise."""

from __future__ import annotations

import datetime as dt
import gzip
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given
from hypothesis import strategies as st

from provenance.fetch.feeds import FeedLinks, looks_like_feed, parse_date, parse_feed

UTC = dt.UTC


def test_rss2_links_dates_and_relative_links() -> None:
    xml = b"""<?xml version="1.0"?><rss version="2.0"><channel><link>https://s.org/</link>
    <item><link>https://s.org/a</link><pubDate>Tue, 03 Jun 2025 08:00:00 +0200</pubDate></item>
    <item><link> /b </link></item>
    <item><guid isPermaLink="true">https://s.org/c</guid></item>
    <item><guid isPermaLink="false">tag:s.org,1</guid></item>
    <item><link>javascript:alert(1)</link></item>
    <item><link>https://s.org/a</link></item>
    </channel></rss>"""
    feed = parse_feed(xml, "https://s.org/feed")
    assert feed == FeedLinks(
        "rss",
        (
            _e("https://s.org/a", dt.datetime(2025, 6, 3, 6, 0, tzinfo=UTC)),
            _e("https://s.org/b"),
            _e("https://s.org/c"),
        ),
    )


def _e(url: str, date: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    from provenance.fetch.feeds import FeedEntry

    return FeedEntry(url, date)


def test_atom_takes_the_alternate_link_not_self_or_enclosure() -> None:
    xml = b"""<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="https://s.org/atom"/>
    <entry><link rel="edit" href="https://s.org/edit/1"/><link rel="enclosure" href="https://s.org/x.mp3"/>
      <link href="https://s.org/one"/><updated>2025-02-01T00:00:00Z</updated><published>2025-01-31T23:00:00-01:00</published></entry>
    <entry><link rel="alternate" type="text/html" href="two"/></entry>
    <entry><link rel="self" href="https://s.org/only-self"/></entry>
    </feed>"""
    feed = parse_feed(xml, "https://s.org/news/")
    assert feed is not None and feed.kind == "atom"
    assert [e.url for e in feed.entries] == ["https://s.org/one", "https://s.org/news/two"]
    assert feed.entries[0].date == dt.datetime(2025, 2, 1, 0, 0, tzinfo=UTC)  # published, in UTC


def test_rss1_rdf_items() -> None:
    xml = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://s.org/"/>
      <item rdf:about="https://s.org/r1"><link>https://s.org/r1</link><dc:date>2024-12-13</dc:date></item>
    </rdf:RDF>"""
    feed = parse_feed(xml)
    assert feed is not None and feed.kind == "rss"
    assert feed.entries == (_e("https://s.org/r1", dt.datetime(2024, 12, 13, tzinfo=UTC)),)


def test_sitemaps_gzip_and_since() -> None:
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://s.org/new</loc><lastmod>2025-05-01</lastmod></url>
      <url><loc>https://s.org/old</loc><lastmod>2020-05-01</lastmod></url>
      <url><loc>https://s.org/undated</loc></url></urlset>"""
    feed = parse_feed(gzip.compress(urlset))
    assert feed is not None and feed.kind == "sitemap"
    since = dt.datetime(2025, 1, 1, tzinfo=UTC)
    assert [e.url for e in feed.since(since)] == ["https://s.org/new", "https://s.org/undated"]
    index = b"<sitemapindex><sitemap><loc>https://s.org/s1.xml</loc></sitemap></sitemapindex>"
    assert parse_feed(index) == FeedLinks("sitemapindex", (_e("https://s.org/s1.xml"),))


def test_documents_declaring_entities_are_refused() -> None:
    laughs = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
    <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>
    <rss><channel><item><link>https://s.org/&d;</link></item></channel></rss>"""
    xxe = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss><channel><item><link>https://s.org/&x;</link></item></channel></rss>"""
    plain_doctype = b"""<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN"
    "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss><channel><item><link>https://s.org/a</link></item></channel></rss>"""
    assert parse_feed(laughs) is None
    assert parse_feed(xxe) is None
    feed = parse_feed(plain_doctype)  # an external DTD is neither fetched nor needed
    assert feed is not None and [e.url for e in feed.entries] == ["https://s.org/a"]


def test_html_and_junk_are_not_feeds() -> None:
    assert parse_feed(b"<html><body><a href='/x'>x</a></body></html>") is None
    assert parse_feed(b"") is None
    assert parse_feed(b"\x1f\x8b\x08broken gzip") is None
    assert parse_feed(b"<rss><channel><item><link>https://s.org/a") is None  # cut off
    assert not looks_like_feed(b"<!doctype html><html>", "text/html")
    assert looks_like_feed(b"<rss/>", "text/html")
    assert looks_like_feed(b"{}", "application/rss+xml")


def test_dates_in_the_shapes_feeds_use() -> None:
    assert parse_date("Tue, 03 Jun 2025 08:00:00 GMT") == dt.datetime(2025, 6, 3, 8, tzinfo=UTC)
    assert parse_date("2025-06-03T10:00:00+02:00") == dt.datetime(2025, 6, 3, 8, tzinfo=UTC)
    assert parse_date("2025-06-03") == dt.datetime(2025, 6, 3, tzinfo=UTC)
    assert parse_date("2025-06-03T08:00:00z") == dt.datetime(2025, 6, 3, 8, tzinfo=UTC)
    assert parse_date("yesterday") is None
    assert parse_date("") is None


# -- properties ---------------------------------------------------------------------------

_segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~", min_size=1, max_size=12)
_query = st.text(alphabet="abcxyz=&%20", max_size=10)
_urls = st.builds(
    lambda host, parts, q: f"https://{host}.org/" + "/".join(parts) + (f"?{q}" if q else ""),
    st.text(alphabet="abcdefghij", min_size=1, max_size=8),
    st.lists(_segment, max_size=4),
    _query,
)
_dates = st.none() | st.datetimes(
    min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2090, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
_entries = st.lists(st.tuples(_urls, _dates), max_size=8, unique_by=lambda e: e[0])


def _rss(entries: list[tuple[str, dt.datetime | None]]) -> bytes:
    items = "".join(
        f"<item><title>t &amp; u</title><link>{escape(u)}</link>"
        + (f"<pubDate>{format_datetime(d, usegmt=True)}</pubDate>" if d else "")
        + "</item>"
        for u, d in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    )


def _atom(entries: list[tuple[str, dt.datetime | None]]) -> bytes:
    items = "".join(
        f"<entry><link rel='self' href='https://x.org/self'/><link href={quoteattr(u)}/>"
        + (f"<updated>{d.isoformat()}</updated>" if d else "")
        + "</entry>"
        for u, d in entries
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'.encode()


def _sitemap(entries: list[tuple[str, dt.datetime | None]]) -> bytes:
    items = "".join(
        f"<url><loc>{escape(u)}</loc>" + (f"<lastmod>{d.isoformat()}</lastmod>" if d else "") + "</url>"
        for u, d in entries
    )
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'.encode()


@given(_entries, st.sampled_from([_rss, _atom, _sitemap]))
def test_generated_feeds_round_trip(entries: list[tuple[str, dt.datetime | None]], render) -> None:  # type: ignore[no-untyped-def]
    feed = parse_feed(render(entries))
    assert feed is not None
    assert [(e.url, e.date) for e in feed.entries] == entries


@given(_entries, _dates)
def test_since_keeps_exactly_the_dated_on_or_after_and_the_undated(
    entries: list[tuple[str, dt.datetime | None]], since: dt.datetime | None
) -> None:
    feed = parse_feed(_sitemap(entries))
    assert feed is not None
    kept = [e.url for e in feed.since(since)]
    assert kept == [u for u, d in entries if since is None or d is None or d >= since]


@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_parse_to_a_feed_or_none_without_raising(data: bytes) -> None:
    feed = parse_feed(data, "https://s.org/")
    assert feed is None or all(e.url.startswith(("http://", "https://")) for e in feed.entries)


@given(st.text(max_size=200))
def test_any_text_inside_a_feed_never_raises(text: str) -> None:
    xml = f"<rss><channel><item><link>{escape(text)}</link><pubDate>{escape(text)}</pubDate></item></channel></rss>"
    feed = parse_feed(xml.encode("utf-8", "surrogatepass"), "https://s.org/")
    assert feed is None or all(e.url.startswith(("http://", "https://")) for e in feed.entries)
