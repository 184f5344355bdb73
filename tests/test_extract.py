"""Extract stage: text, links with spans, outlet and date evidence, decoding and fallbacks."""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.errors import ExtractionError, InputError
from provenance.extract import extract
from provenance.extract import links as links_module
from provenance.extract.dates import dateline_date, parse_written_date, parse_written_datetime
from provenance.extract.decode import declared_charset, decode
from provenance.extract.html import is_fragment
from provenance.extract.links import date_in_url, registered_domain, tld_extractor
from provenance.models import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SEEDS = Path(__file__).parents[1] / "crawls" / "seeds"
PAGE_URL = "https://www.coastalledger.co.uk/news/harbour-bridge-reopens"


def raw_doc(
    content: bytes, media_type: str = "html", url: str | None = None, fetched_at: str | None = None
) -> RawDocument:
    return RawDocument(
        id=hashlib.sha256(content).hexdigest(),
        path="test-doc",
        content=content,
        media_type=media_type,  # type: ignore[arg-type]
        url=url,
        fetched_at=fetched_at,
    )


def fixture(
    name: str, media_type: str = "html", url: str | None = None, fetched_at: str | None = None
) -> RawDocument:
    return raw_doc((FIXTURES / name).read_bytes(), media_type, url, fetched_at)


# --- full HTML page -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def article():
    return extract(fixture("article.html", url=PAGE_URL, fetched_at="2024-07-02T10:00:00Z"))


def test_article_text_is_the_body_without_navigation_or_banners(article):
    assert article.text.startswith("The harbour bridge reopened")
    assert "once the final coat of paint has dried." in article.text
    for chrome in ("We use cookies", "Weather", "Most read", "About time too", "All rights reserved"):
        assert chrome not in article.text
    assert article.extractor == "trafilatura"


def test_article_metadata(article):
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.byline == "Mara Quinn"
    assert article.canonical_url == PAGE_URL
    assert article.site_name == "The Coastal Ledger"
    assert article.url == PAGE_URL
    assert article.fetched_at == "2024-07-02T10:00:00Z"


def test_article_outlet_from_metadata_and_crawl_url(article):
    assert article.outlet.name == "The Coastal Ledger"
    assert article.outlet.domain == "coastalledger.co.uk"
    assert "og:site_name" in article.outlet.evidence
    assert "crawl URL" in article.outlet.evidence


def test_article_date_value_and_bounds(article):
    date = article.published
    assert date.value == "2024-03-05T09:30:00+00:00"
    assert date.source == "metadata"
    # newest dated link *in the text*; the sidebar's newer links (2024-07-01) are not cited
    assert date.not_before == "2024-02-28"
    assert any("harbourgazette.com/2024/02/28" in e for e in date.evidence)
    assert date.not_after == "2024-07-02T10:00:00Z"
    assert any("crawled at 2024-07-02T10:00:00Z" in e and "upper bound" in e for e in date.evidence)


def test_article_links_every_one_kept_with_spans_for_body_links(article):
    urls = [link.url for link in article.links]
    assert "https://www.coastalledger.co.uk/news/" in urls  # navigation kept, relative resolved
    assert "https://www.coastalledger.co.uk/reports/bridge-2024" in urls
    assert not any(u.startswith(("mailto:", "javascript:")) or "#" in u for u in urls)
    by_anchor = {link.anchor: link for link in article.links}
    gazette = by_anchor["Harbour Gazette"]
    assert gazette.domain == "harbourgazette.com"
    assert gazette.date_in_url == "2024-02-28"
    assert gazette.span is not None
    assert article.text[gazette.span[0] : gazette.span[1]] == "Harbour Gazette"
    assert by_anchor["we reported at the time"].date_in_url == "2023-12-14"
    assert by_anchor["News"].span is None  # navigation: not in the text
    assert by_anchor["New ferry timetable"].span is None  # sidebar
    for link in article.links:
        if link.span:
            assert article.text[link.span[0] : link.span[1]] == link.anchor


def test_article_paragraphs_are_lines(article):
    assert len(article.paragraphs) == len(article.text.split("\n"))
    first = article.paragraphs[0]
    assert article.text[first[0] : first[1]].startswith("The harbour bridge reopened")
    for start, end in article.paragraphs:
        assert "\n" not in article.text[start:end]


def test_page_without_crawl_url_takes_domain_from_og_url():
    art = extract(fixture("article.html"))
    assert art.outlet.domain == "coastalledger.co.uk"
    assert "og:url" in art.outlet.evidence
    assert art.published.not_after is None


def test_canonical_elsewhere_is_not_the_outlet():
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    html = html.replace(
        '<meta property="og:url" content="https://www.coastalledger.co.uk/news/harbour-bridge-reopens">', ""
    )
    html = html.replace(
        'rel="canonical" href="https://www.coastalledger.co.uk/',
        'rel="canonical" href="https://www.originalwire.com/',
    )
    art = extract(raw_doc(html.encode(), url="https://www.reprinter.net/p/123"))
    assert art.outlet.domain == "reprinter.net"
    assert "originalwire.com" in art.outlet.evidence
    assert art.canonical_url is not None and "originalwire.com" in art.canonical_url


# --- fragments and seeds -----------------------------------------------------------------------


def test_fragment_outlet_inferred_from_links_and_date_bounded_by_newest_link():
    art = extract(fixture("fragment.html"))
    assert art.extractor == "bs4-fragment"
    assert art.text.startswith("Flood defences along the lower river")
    assert art.outlet.name is None
    assert art.outlet.domain == "riverpost.com"
    assert art.outlet.evidence == "inferred: 4 of 4 links point to riverpost.com"
    assert art.published.value is None
    assert art.published.not_before == "2024-11-05"
    assert "evacuation-ordered" in art.published.evidence[0]
    assert [link.anchor for link in art.links] == ["Flood", "heavy rain", "earlier this week", "the forecast"]
    for link in art.links:
        assert link.span is not None and art.text[link.span[0] : link.span[1]] == link.anchor


@pytest.mark.skipif(not SEEDS.exists(), reason="seed crawl not present")
def test_seed_000_fragment_is_not_dated_by_its_oldest_link():
    content = (SEEDS / "000_e38ddc6586fd0b3e.txt").read_bytes()
    art = extract(raw_doc(content, "html"))
    assert art.published.value is None  # trafilatura alone says 2024-06-09, a link's date
    assert art.published.not_before == "2024-12-13"
    assert any("2024/12/13/hayat-tahrir-al-sham" in e for e in art.published.evidence)
    assert art.outlet.domain == "thenationalnews.com"
    assert art.outlet.evidence.startswith("inferred:")
    assert "Fuad Hussein" in art.text and "<a" not in art.text
    assert all(link.span is not None for link in art.links)


@pytest.mark.skipif(not SEEDS.exists(), reason="seed crawl not present")
def test_seed_001_plain_text_unchanged_and_outlet_unknown():
    content = (SEEDS / "001_708a75505551bf43.txt").read_bytes()
    art = extract(raw_doc(content, "text"))
    assert art.text == content.decode("utf-8")
    assert art.title == "Iraqi FM warns ISIS gaining strength after seizing weapons from Syrian depots"
    assert art.byline == "Aghakazim Guliyev"
    assert art.outlet.name is None and art.outlet.domain is None
    assert art.published.value is None  # "On December 19, ..." is narrative, not a dateline


# --- plain text --------------------------------------------------------------------------------


def test_plain_text_is_kept_exactly():
    content = (FIXTURES / "plain.txt").read_bytes()
    art = extract(raw_doc(content, "text"))
    assert art.text == content.decode("utf-8")
    assert art.extractor == "text"
    assert art.title == "Mill town votes to keep its last cinema open"
    assert art.byline == "Sam Okafor"
    assert art.published.value is None
    assert art.outlet.domain is None  # one bare URL in the text is not an outlet
    (link,) = art.links
    assert link.date_in_url == "2024-03-02"
    assert link.span is not None and art.text[link.span[0] : link.span[1]] == link.url


def test_plain_text_sentence_first_line_is_not_a_title():
    art = extract(raw_doc(b"This is a sentence that ends.\nAnother line follows here.\n", "text"))
    assert art.title is None


# --- dates -------------------------------------------------------------------------------------


def test_dateline_gives_the_date_year_from_crawl_time():
    art = extract(fixture("dateline.html", fetched_at="2025-02-01T00:00:00Z"))
    assert art.published.value == "2025-01-05"
    assert art.published.source == "dateline"
    assert "WASHINGTON, Jan 5 (Reuters)" in art.published.evidence[0]


def test_dateline_rules():
    import datetime as dt

    crawled = dt.date(2025, 1, 3)
    assert dateline_date("WASHINGTON, Jan 5 (Reuters) - Talks", crawled) is not None
    assert dateline_date("WASHINGTON, Jan 5 (Reuters) - Talks", crawled)[0] == "2024-01-05"  # type: ignore[index]
    assert dateline_date("LONDON, March 3, 2023 (AP) — x", None)[0] == "2023-03-03"  # type: ignore[index]
    assert dateline_date("On December 19, Iraqi Foreign Minister Fuad Hussein warned", crawled) is None
    assert dateline_date("WASHINGTON, Jan 5 (Reuters) - Talks", None) is None  # no year known


def test_visible_date_when_no_metadata():
    html = (
        b"""<html><body><div class="article-meta"><span class="date">27 January 2016, 04:11 GMT+5.5</span></div>
    <article><p>"""
        + b"Plenty of article text goes here for the extractor to keep. " * 8
        + b"""</p></article>
    <div id="comments"><span class="comment-date">April 23, 2016</span></div></body></html>"""
    )
    art = extract(raw_doc(html))
    assert art.published.value == "2016-01-27T04:11:00+05:30"  # the printed minute and zone
    assert art.published.source == "page"


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        (b'<span class="post-time">14:05, 12 March 2016</span>', "2016-03-12T14:05:00"),
        (b"<time>Saturday, March 12, 2016, 2:05 PM EST</time>", "2016-03-12T14:05:00-05:00"),
        (
            b'<div class="meta"><span class="posted-on">12 March 2016 14:05 CET</span></div>',
            "2016-03-12T14:05:00+01:00",
        ),
    ],
)
def test_visible_date_in_other_templates(element: bytes, expected: str) -> None:
    html = (
        b"<html><body><div class='article-meta'>"
        + element
        + b"<span class='reading-time'>5 min read</span></div><article><p>"
        + b"Plenty of article text goes here for the extractor to keep. " * 8
        + b"</p></article></body></html>"
    )
    assert extract(raw_doc(html)).published.value == expected


def test_printed_time_refines_a_bare_metadata_date():
    """htmldate gives the day only; the header's printed time of the same day orders copies."""
    html = (
        b"""<html><head><meta name="date" content="2016-05-18"></head><body>
    <div class="article-meta"><span class="date">May 18, 2016 3:45 PM</span></div><article><p>"""
        + b"Plenty of article text goes here for the extractor to keep. " * 8
        + b"""</p></article></body></html>"""
    )
    art = extract(raw_doc(html))
    assert art.published.value == "2016-05-18T15:45:00"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("May 18, 2016 3:45 PM", "2016-05-18T15:45:00"),
        ("August 1, 2016 12:10 AM", "2016-08-01T00:10:00"),
        ("Jan 5, 2016 at 4:05 p.m.", "2016-01-05T16:05:00"),
        ("03.04.2016 05:23", "2016-04-03T05:23:00"),
        ("2016-10-03 19:51", "2016-10-03T19:51:00"),
        ("11 September 2016, 13:21 GMT+4", "2016-09-11T13:21:00+04:00"),
        ("24 March 2016, 02:33 GMT+5.5", "2016-03-24T02:33:00+05:30"),
        ("29 September 2016, 09:51 GMT-5", "2016-09-29T09:51:00-05:00"),
        ("23 March 2016, 12:02 GMT", "2016-03-23T12:02:00+00:00"),
        ("2016-05-01 10:00 +0300", "2016-05-01T10:00:00+03:00"),
        ("September 11, 2016", "2016-09-11"),
        ("May 18, 2016 13:45 PM", "2016-05-18"),  # not a clock time
        ("31.02.2016", None),
        # zone abbreviations: fixed ones, and US generic names by the day's daylight saving
        ("Saturday, March 12, 2016, 2:05 PM EST", "2016-03-12T14:05:00-05:00"),
        ("Mar 12, 2016 at 2:05 pm ET", "2016-03-12T14:05:00-05:00"),  # DST began March 13
        ("July 4, 2016 11:00 am PT", "2016-07-04T11:00:00-07:00"),
        ("12 March 2016 14:05 CET", "2016-03-12T14:05:00+01:00"),
        ("12 March 2016 at 14:05 MSK", "2016-03-12T14:05:00+03:00"),
        ("Updated: 12 Mar 2016 14:05 (GMT+3)", "2016-03-12T14:05:00+03:00"),
        ("12 March 2016 14:05 IST", "2016-03-12T14:05:00"),  # India, Israel or Ireland: no zone
        ("Jan 5, 2016 10:00 ETC", "2016-01-05T10:00:00"),  # not a zone
        # ISO stamps in text, slashed year-first dates, a time written before the date
        ("2016-03-12T14:05:00Z", "2016-03-12T14:05:00+00:00"),
        ("2016-03-12T14:05:00+03:00", "2016-03-12T14:05:00+03:00"),
        ("2016/03/12 14:05", "2016-03-12T14:05:00"),
        ("12/03/2016", None),  # day or month first: ambiguous
        ("14:05, 12 March 2016", "2016-03-12T14:05:00"),
        ("2:05 PM | Mar 12, 2016", "2016-03-12T14:05:00"),
    ],
)
def test_parse_written_datetime(written, expected):
    assert parse_written_datetime(written) == expected


@given(st.text(alphabet="0123456789 .,:-+APMGTU May2016", max_size=60))
def test_parse_written_datetime_is_a_valid_iso_or_none(text):
    value = parse_written_datetime(text)
    if value is not None:
        dt.datetime.fromisoformat(value)
        assert value[:10] == parse_written_date(text)


def test_parse_written_date():
    assert parse_written_date("April 27, 2016") == "2016-04-27"
    assert parse_written_date("27 January 2016, 04:11") == "2016-01-27"
    assert parse_written_date("2016-04-27") == "2016-04-27"
    assert parse_written_date("Posted recently") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.thenationalnews.com/news/mena/2024/12/13/slug/", "2024-12-13"),
        ("https://example.com/2024/1/5/slug", "2024-01-05"),
        ("https://example.com/news/20241213/slug", "2024-12-13"),
        ("https://example.com/2024-12-13-slug", "2024-12-13"),
        ("https://example.com/2024/02/30/slug", None),
        ("https://example.com/2024/12/slug", None),
        ("https://example.com/id/120241213999", None),
        ("https://example.com/page?date=20241213", None),
        ("/tags/iraq/", None),
    ],
)
def test_date_in_url(url, expected):
    assert date_in_url(url) == expected


@settings(deadline=None)
@given(st.text(max_size=200))
def test_date_in_url_never_crashes(text):
    result = date_in_url(text)
    assert result is None or (len(result) == 10 and result[4] == "-")


# --- decoding ----------------------------------------------------------------------------------


def test_declared_latin1_is_used():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Café crème à Zürich</p></body></html>'
    text, enc, _ = decode(html.encode("latin-1"))
    assert "Café crème à Zürich" in text
    assert enc in ("iso8859-1", "latin-1", "iso-8859-1")


def test_wrong_declared_charset_falls_back_to_utf8():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Café “quoted”</p></body></html>'
    text, enc, notes = decode(html.encode("utf-8"))
    assert enc == "utf-8"
    assert "Café “quoted”" in text
    assert any("declared charset" in n for n in notes)


def test_invalid_utf8_without_declaration_is_read_as_cp1252():
    text, enc, notes = decode("Café “quoted” naïve".encode("cp1252"))
    assert enc == "cp1252" and notes
    assert text == "Café “quoted” naïve"


def test_one_bad_byte_in_utf8_is_replaced_not_reinterpreted():
    content = ("Zürich München Köln " * 20).encode("utf-8") + b"\xff"
    text, enc, notes = decode(content)
    assert enc == "utf-8" and "Zürich" in text and "invalid UTF-8" in notes[0]


def test_bom_and_utf16():
    assert decode("\ufeffHello".encode("utf-8"))[0] == "Hello"
    assert decode("Hello world".encode("utf-16"))[0] == "Hello world"
    assert decode("Hello world, plain text".encode("utf-16-le"))[0] == "Hello world, plain text"


def test_declared_charset_sniffing():
    assert (
        declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
        == "cp1252"
    )
    assert declared_charset(b"<meta charset=no-such-charset>") is None
    assert declared_charset(b"<p>nothing</p>") is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary content, not text"),
        (b"abc\x00\x01\x02\x03def" * 10, "binary content, not text"),
        (b"", "empty file"),
        (b"   \n ", "empty file"),
    ],
)
def test_unusable_input_is_refused_with_a_reason(content, reason):
    with pytest.raises(InputError) as err:
        extract(raw_doc(content))
    assert err.value.reason == reason
    assert err.value.path == "test-doc"


def test_html_without_text_is_an_extraction_error():
    with pytest.raises(ExtractionError) as err:
        extract(raw_doc(b"<html><head><title>Empty</title></head><body><script>x=1</script></body></html>"))
    assert err.value.reason == "empty after extraction"


def test_page_trafilatura_gives_up_on_falls_back_to_beautifulsoup(monkeypatch):
    import provenance.extract as extract_module

    monkeypatch.setattr(extract_module, "trafilatura_text", lambda tree, url: None)
    art = extract(
        raw_doc(
            b"<html><body><nav><a href='/'>Home</a></nav><p>Short <a href='/n'>note</a>.</p></body></html>"
        )
    )
    assert art.text == "Short note."
    assert art.extractor == "bs4-fallback"
    (home, note) = art.links
    assert home.span is None and note.span == (6, 10)


def test_is_fragment():
    assert is_fragment('Some <a href="x">text</a> here')
    assert not is_fragment("<!DOCTYPE html><p>x</p>")
    assert not is_fragment("<HTML><body>x</body></HTML>")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_decode_arbitrary_bytes_gives_text_or_input_error(content):
    try:
        text, enc, _ = decode(content)
    except InputError as err:
        assert err.reason in ("empty file", "binary content, not text", "invalid UTF-8 and no charset fits")
    else:
        assert isinstance(text, str) and text.strip() and enc


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.sampled_from(["html", "text"]))
def test_extract_arbitrary_text_gives_article_or_input_error(text, media_type):
    try:
        art = extract(raw_doc(text.encode("utf-8"), media_type))
    except InputError:
        return
    assert art.text.strip()
    for link in art.links:
        if link.span:
            assert 0 <= link.span[0] <= link.span[1] <= len(art.text)


# --- tldextract stays offline ------------------------------------------------------------------


def test_registered_domain_makes_no_network_call(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    tld_extractor.cache_clear()
    links_module._host_domain.cache_clear()
    try:
        assert registered_domain("https://www.thenationalnews.com/news/") == "thenationalnews.com"
        assert registered_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
        assert registered_domain("/relative/path") is None
    finally:
        tld_extractor.cache_clear()


def test_canonical_on_another_site_does_not_date_the_copy():
    html = (
        b"""<html><head><link rel="canonical" href="https://www.originalwire.com/2019/05/04/story">
    </head><body><article><p>"""
        + b"A syndicated copy of a story, reprinted with permission. " * 6
        + b"""</p>
    </article></body></html>"""
    )
    art = extract(raw_doc(html, url="https://www.reprinter.net/p/9", fetched_at="2024-01-01T00:00:00Z"))
    assert art.published.value is None
    assert art.canonical_url == "https://www.originalwire.com/2019/05/04/story"
    assert art.outlet.domain == "reprinter.net"


def test_deeply_nested_fragment_does_not_crash():
    html = ("<div>" * 3000 + "Deep text here." + "</div>" * 3000).encode()
    art = extract(raw_doc(html))
    assert "Deep text here." in art.text


def test_site_name_from_logo_then_title_suffix():
    body = (
        b"<article><p>"
        + b"Some article text that is long enough to be kept by the extractor. " * 5
        + b"</p></article>"
    )
    logo = b'<html><head><title>Clinton - what next</title></head><body><header><a class="logo" href="/">Neva Courier</a></header>'
    art = extract(raw_doc(logo + body + b"</body></html>", url="https://nevacourier.ru/news/1"))
    assert art.site_name == "Neva Courier"
    assert art.outlet.name == "Neva Courier" and "logo" in art.outlet.evidence
    headline = b"<html><head><title>Clinton - what next</title></head><body>"
    assert extract(raw_doc(headline + body + b"</body></html>")).site_name is None
    suffixed = b"<html><head><title>Clinton speaks | The Savannah Record</title></head><body>"
    assert extract(raw_doc(suffixed + body + b"</body></html>")).site_name == "The Savannah Record"


def _depth_by_lazy_tags(html: str, limit: int) -> int:
    """The nesting pre-scan's tags as first found (a lazy pattern capturing a closing "/")."""
    import re

    from provenance.extract.html import tag_depth

    lazy = re.finditer(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>", html)
    return tag_depth(((bool(m.group(1)), m.group(2), bool(m.group(3))) for m in lazy), limit)


@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<br/>",
                "<p class='a/'>",
                "<img src=x>",
                "<a href=x/>",
                "</p>",
                "<",
                ">",
                "/",
                "text",
            ]
        ),
        max_size=80,
    ),
    st.integers(1, 20),
)
def test_nesting_pre_scan_counts_as_the_lazy_pattern_did(parts: list[str], limit: int) -> None:
    from provenance.extract.html import nesting_depth

    html = "".join(parts)
    assert nesting_depth(html, limit) == _depth_by_lazy_tags(html, limit)
