"""The polite fetcher against real local HTTP servers (127.0.0.1 only): robots.txt, delays,
retries, redirects, caps, feeds, sitemaps, de-duplication, the WARC it writes and what the
trace reads back from it.  Waits are checked on a virtual clock, not spent."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fetch_site import FakeClock, Handler, LocalSite, article, page, send, serve
from warcio.archiveiterator import ArchiveIterator

from provenance.cli import main
from provenance.fetch import FetchOptions, fetch
from provenance.fetch.crawl import Clock

FAST = FetchOptions(delay=0.01, timeout=2.0, retries=2, backoff=0.01, allow_private=True)


def run(site: LocalSite, paths: list[str], out: Path, clock: FakeClock | None = None, **opts: object):  # type: ignore[no-untyped-def]
    options = FetchOptions(**{**FAST.__dict__, **opts})  # type: ignore[arg-type]
    c = Clock(clock.now, clock.sleep) if clock else None
    return fetch([site.url(p) if p.startswith("/") else p for p in paths], out, options, clock=c)


def manifest(out: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def warc_records(out: Path) -> list[tuple[str, str | None, str | None]]:
    """(type, target URI, HTTP status) of every record in every WARC file, read with warcio."""
    rows = []
    for path in sorted(out.glob("*.warc.gz")):
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                status = (
                    rec.http_headers.get_statuscode()
                    if rec.http_headers and rec.rec_type == "response"
                    else None
                )
                rows.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"), status))
    return rows


def by_url(result):  # type: ignore[no-untyped-def]
    return {o.url: o for o in result.outcomes}


def test_pages_are_archived_as_request_response_pairs_with_the_fetch_time(tmp_path: Path) -> None:
    site = LocalSite({"/a": page("Alpha"), "/b": page("Beta")})
    with serve(site):
        result = run(site, ["/a", "/b"], tmp_path / "c")
    assert [o.status for o in result.outcomes] == ["fetched", "fetched"]
    lines = manifest(tmp_path / "c")
    assert [m["url"] for m in lines] == [site.url("/a"), site.url("/b")]
    assert all(m["fetched_at"].endswith("Z") and m["file"].endswith(".warc.gz") for m in lines)
    records = warc_records(tmp_path / "c")
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "response", "request"]
    when = {m["url"]: m["fetched_at"] for m in lines}
    bodies = {}
    with next((tmp_path / "c").glob("*.warc.gz")).open("rb") as fh:
        for rec in ArchiveIterator(fh):
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            if rec.rec_type == "response":
                assert rec.rec_headers.get_header("WARC-Date") == when[uri]
                assert rec.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
                bodies[uri] = rec.content_stream().read()
            if rec.rec_type == "request":
                assert rec.http_headers.protocol == "GET"
                assert rec.http_headers.get_header("User-Agent").startswith("provenance/")
                assert rec.rec_headers.get_header("WARC-Concurrent-To")
    assert bodies == {site.url("/a"): article("Alpha"), site.url("/b"): article("Beta")}


def test_robots_disallow_is_obeyed_and_named(tmp_path: Path) -> None:
    robots = b"User-agent: *\nDisallow: /private/\n"
    site = LocalSite(
        {
            "/robots.txt": lambda h: send(h, 200, robots, "text/plain"),
            "/private/x": page("X"),
            "/ok": page("Ok"),
        }
    )
    with serve(site):
        result = run(site, ["/private/x", "/ok"], tmp_path / "c")
    outcomes = by_url(result)
    assert outcomes[site.url("/private/x")].status == "failed"
    assert "robots.txt" in outcomes[site.url("/private/x")].reason
    assert outcomes[site.url("/ok")].status == "fetched"
    assert site.hits("/private/x") == 0
    assert site.hits("/robots.txt") == 1


def test_robots_txt_server_error_means_do_not_crawl(tmp_path: Path) -> None:
    site = LocalSite({"/robots.txt": lambda h: send(h, 503, b"down"), "/a": page("A")})
    with serve(site):
        result = run(site, ["/a"], tmp_path / "c")
    assert result.outcomes[0].status == "failed"
    assert "robots.txt unreachable" in result.outcomes[0].reason
    assert site.hits("/a") == 0


def test_crawl_delay_spaces_requests_to_a_host_and_not_to_others(tmp_path: Path) -> None:
    robots = b"User-agent: *\nCrawl-delay: 5\n"
    site = LocalSite(
        {
            "/robots.txt": lambda h: send(h, 200, robots, "text/plain"),
            "/a": page("A"),
            "/b": page("B"),
            "/c": page("C"),
        }
    )
    clock = FakeClock()
    with serve(site):
        other = f"http://localhost:{site.port}"
        result = run(site, ["/a", "/b", f"{other}/c"], tmp_path / "c", clock=clock)
    assert result.failed == ()
    # 127.0.0.1 asks for 5 s between requests; localhost (another host, same robots) too, but
    # its first request does not wait for 127.0.0.1's turn
    assert sum(1 for s in clock.sleeps if s >= 4.99) >= 2
    assert all(s <= 5.0 + 1e-6 for s in clock.sleeps)
    order = [p for p in site.log if p != "/robots.txt"]
    assert order.index("/c") < order.index("/b")


def test_a_crawl_delay_longer_than_max_wait_fails_the_host_with_the_reason(tmp_path: Path) -> None:
    robots = b"User-agent: *\nCrawl-delay: 3600\n"
    site = LocalSite({"/robots.txt": lambda h: send(h, 200, robots, "text/plain"), "/a": page("A")})
    with serve(site):
        result = run(site, ["/a"], tmp_path / "c", max_wait=60.0)
    assert result.outcomes[0].reason == "robots.txt Crawl-delay 3600 s > --max-wait 60 s"
    assert site.hits("/a") == 0


def test_default_delay_applies_between_requests_to_one_host(tmp_path: Path) -> None:
    site = LocalSite({"/a": page("A"), "/b": page("B"), "/c": page("C")})
    clock = FakeClock()
    with serve(site):
        run(site, ["/a", "/b", "/c"], tmp_path / "c", clock=clock, delay=1.5)
    # robots, a, b, c: three gaps of the full delay (the virtual clock never moves otherwise)
    assert clock.sleeps == pytest.approx([1.5, 1.5, 1.5])


def test_429_retry_after_is_honoured_then_the_page_is_fetched(tmp_path: Path) -> None:
    calls = {"n": 0}

    def busy(h: Handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            send(h, 429, b"slow down", Retry_After="7")
        else:
            send(h, 200, article("Busy"))

    site = LocalSite({"/busy": busy})
    clock = FakeClock()
    with serve(site):
        result = run(site, ["/busy"], tmp_path / "c", clock=clock)
    assert result.outcomes[0].status == "fetched"
    assert max(clock.sleeps) == pytest.approx(7.0)
    assert site.hits("/busy") == 2
    # only the page is archived, not the 429
    assert [r[2] for r in warc_records(tmp_path / "c") if r[0] == "response"] == ["200"]


def test_5xx_retries_with_backoff_then_fails_with_the_status(tmp_path: Path) -> None:
    site = LocalSite({"/down": lambda h: send(h, 503, b"down")})
    clock = FakeClock()
    with serve(site):
        result = run(site, ["/down"], tmp_path / "c", clock=clock, backoff=3.0, retries=2)
    assert result.outcomes[0].status == "failed"
    assert result.outcomes[0].reason == "HTTP 503 Service Unavailable (after 2 retries)"
    assert site.hits("/down") == 3
    assert [s for s in clock.sleeps if s > 1] == pytest.approx([3.0, 6.0])


def test_retry_after_beyond_max_wait_fails_the_url(tmp_path: Path) -> None:
    site = LocalSite({"/later": lambda h: send(h, 429, b"", Retry_After="86400")})
    with serve(site):
        result = run(site, ["/later"], tmp_path / "c", max_wait=60.0)
    assert result.outcomes[0].status == "failed"
    assert "Retry-After 86400 s > --max-wait 60 s" in result.outcomes[0].reason


def test_redirects_are_followed_recorded_and_only_the_page_is_traced(tmp_path: Path) -> None:
    site = LocalSite(
        {
            "/old": lambda h: send(h, 301, b"moved", Location="/mid"),
            "/mid": lambda h: send(h, 302, b"", Location="/new"),
            "/new": page("New"),
            "/loop": lambda h: send(h, 302, b"", Location="/loop2"),
            "/loop2": lambda h: send(h, 302, b"", Location="/loop"),
        }
    )
    with serve(site):
        result = run(site, ["/old", "/loop"], tmp_path / "c")
    outcomes = by_url(result)
    assert outcomes[site.url("/old")].final_url == site.url("/new")
    assert outcomes[site.url("/loop")].reason == "redirect loop"
    (line,) = manifest(tmp_path / "c")
    assert line["requested"] == site.url("/old")
    assert line["redirects"] == [site.url("/old"), site.url("/mid")]
    responses = [(r[1], r[2]) for r in warc_records(tmp_path / "c") if r[0] == "response"]
    assert responses == [(site.url("/old"), "301"), (site.url("/mid"), "302"), (site.url("/new"), "200")]
    from provenance.ingest import iter_documents

    docs = list(iter_documents([tmp_path / "c"]))
    assert [getattr(d, "url", None) for d in docs] == [site.url("/new")]


def test_slow_server_times_out(tmp_path: Path) -> None:
    def slow(h: Handler) -> None:
        time.sleep(1.5)
        send(h, 200, article("Slow"))

    def drip(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(40):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.05)

    site = LocalSite({"/slow": slow, "/drip": drip})
    with serve(site):
        result = run(site, ["/slow", "/drip"], tmp_path / "c", timeout=0.3)
    outcomes = by_url(result)
    assert outcomes[site.url("/slow")].reason == "timed out after 0.3 s"
    # every read is quick, the whole body is not: the 3x deadline stops it
    assert outcomes[site.url("/drip")].reason.startswith("timed out (body not complete")


def test_huge_bodies_are_capped(tmp_path: Path) -> None:
    def chunked(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b"y" * 65536
        for _ in range(40):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        h.wfile.write(b"0\r\n\r\n")

    bomb = gzip.compress(b"<p>" + b"z" * 3_000_000)
    site = LocalSite(
        {
            "/declared": lambda h: send(h, 200, b"x" * 300_000),
            "/chunked": chunked,
            "/bomb": lambda h: send(h, 200, bomb, Content_Encoding="gzip"),
        }
    )
    with serve(site):
        result = run(site, ["/declared", "/chunked", "/bomb"], tmp_path / "c", max_bytes=200_000)
    outcomes = by_url(result)
    assert outcomes[site.url("/declared")].reason == "too large (0.3 MB > 0.2 MB cap; see --max-bytes)"
    assert outcomes[site.url("/chunked")].reason == "too large (> 0.2 MB cap; see --max-bytes)"
    assert outcomes[site.url("/bomb")].reason.startswith("too large once decompressed")
    assert not (tmp_path / "c").exists()  # nothing archived, no empty crawl left behind


def test_gzip_pages_are_archived_as_sent_and_read_back_decoded(tmp_path: Path) -> None:
    site = LocalSite(
        {"/z": lambda h: send(h, 200, gzip.compress(article("Zipped")), Content_Encoding="gzip")}
    )
    with serve(site):
        run(site, ["/z"], tmp_path / "c")
    from provenance.ingest import iter_documents

    (doc,) = list(iter_documents([tmp_path / "c"]))
    assert b"Zipped" in doc.content  # type: ignore[union-attr]


def test_loopback_and_private_addresses_are_refused_by_default(tmp_path: Path) -> None:
    site = LocalSite({"/a": page("A")})
    with serve(site):
        result = run(site, ["/a", f"http://localhost:{site.port}/a"], tmp_path / "c", allow_private=False)
    reasons = [o.reason for o in result.outcomes]
    assert all("non-public address" in r and "--allow-private" in r for r in reasons)
    assert site.log == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "data:text/html,hi", "javascript:alert(1)", "ftp://x.org/a"]
)
def test_other_schemes_are_refused_with_a_reason(tmp_path: Path, url: str) -> None:
    result = fetch([url], tmp_path / "c", FAST)
    (outcome,) = result.outcomes
    assert outcome.status == "failed"
    assert outcome.reason.startswith(f"refused: scheme '{url.split(':')[0]}'")


def test_canonical_duplicates_fetch_once_and_a_rerun_fetches_nothing(tmp_path: Path) -> None:
    site = LocalSite({"/a?x=1&y=2": page("A"), "/b": page("B")})
    with serve(site):
        first = run(
            site, ["/a?x=1&y=2", "/a?y=2&x=1&utm_source=feed", "/a?x=1&y=2#comments", "/b"], tmp_path / "c"
        )
        again = run(site, ["/a?y=2&x=1", "/b"], tmp_path / "c")
        refreshed = run(site, ["/b"], tmp_path / "c", refresh=True)
    assert [o.status for o in first.outcomes] == ["fetched", "fetched"]
    assert [o.status for o in again.outcomes] == ["already", "already"]
    assert [o.status for o in refreshed.outcomes] == ["fetched"]
    assert site.hits("/a?x=1&y=2") == 1
    assert site.hits("/b") == 2
    assert len(manifest(tmp_path / "c")) == 3


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Site</title>
<item><title>new</title><link>{base}/news/new</link><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate></item>
<item><title>old</title><link>/news/old</link><pubDate>Mon, 06 Jan 2025 08:00:00 GMT</pubDate></item>
<item><title>undated</title><link>/news/undated</link></item>
</channel></rss>"""

INDEX = """<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-2025.xml.gz</loc><lastmod>2025-06-01</lastmod></sitemap>
<sitemap><loc>{base}/sitemap-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap>
</sitemapindex>"""

URLSET = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/s/fresh</loc><lastmod>2025-05-30T10:00:00+02:00</lastmod></url>
<url><loc>{base}/s/stale</loc><lastmod>2024-02-01</lastmod></url>
</urlset>"""


def _site_with_feeds() -> LocalSite:
    site = LocalSite()
    xml = "application/xml"
    site.routes.update(
        {
            "/feed.xml": lambda h: send(h, 200, FEED.format(base=site.base).encode(), "application/rss+xml"),
            "/sitemap.xml": lambda h: send(h, 200, INDEX.format(base=site.base).encode(), xml),
            "/sitemap-2025.xml.gz": lambda h: send(
                h, 200, gzip.compress(URLSET.format(base=site.base).encode()), "application/x-gzip"
            ),
            "/sitemap-2019.xml": lambda h: send(h, 200, b"<urlset/>", xml),
            **{p: page(p) for p in ("/news/new", "/news/old", "/news/undated", "/s/fresh", "/s/stale")},
        }
    )
    return site


def test_fetch_feed_since_cli_end_to_end(tmp_path: Path) -> None:
    site = _site_with_feeds()
    out = tmp_path / "crawls" / "feed"
    with serve(site):
        res = CliRunner().invoke(
            main,
            [
                "fetch",
                site.url("/feed.xml"),
                "--since",
                "2025-03-01",
                "--out",
                str(out),
                "--allow-private",
                "--delay",
                "0.01",
            ],
        )
    assert res.exit_code == 0, res.output
    assert sorted(m["url"] for m in manifest(out)) == [site.url("/news/new"), site.url("/news/undated")]
    assert site.hits("/news/old") == 0
    assert f"{site.base}: 2 fetched, 1 feeds/sitemaps read" in res.output
    assert {r[0] for r in warc_records(out)} == {"warcinfo", "request", "response"}


def test_sitemap_index_is_expanded_with_since(tmp_path: Path) -> None:
    site = _site_with_feeds()
    with serve(site):
        result = run(site, ["/sitemap.xml"], tmp_path / "c", since=_utc("2025-01-01"))
    assert [m["url"] for m in manifest(tmp_path / "c")] == [site.url("/s/fresh")]
    assert site.hits("/sitemap-2019.xml") == 0  # the index says it is older than --since
    assert [o.status for o in result.outcomes] == ["expanded", "expanded", "fetched"]


def _utc(text: str):  # type: ignore[no-untyped-def]
    from provenance.fetch import parse_since

    return parse_since(text)


def test_url_files_csv_and_saved_feeds_are_inputs(tmp_path: Path) -> None:
    site = _site_with_feeds()
    with serve(site):
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# picked by hand\n{site.url('/news/new')}\n\n{site.url('/news/old')}\n")
        table = tmp_path / "urls.csv"
        table.write_text(f"title,URL\nfresh,{site.url('/s/fresh')}\nnew again,{site.url('/news/new')}\n")
        saved = tmp_path / "feed.xml"
        saved.write_text(FEED.format(base=site.base))
        bad = tmp_path / "nourl.csv"
        bad.write_text("a,b\n1,2\n")
        result = fetch([str(listing), str(table), str(saved), str(bad)], tmp_path / "c", FAST)
    assert sorted(m["url"] for m in manifest(tmp_path / "c")) == [
        site.url("/news/new"),
        site.url("/news/old"),
        site.url("/s/fresh"),
    ]
    (failed,) = result.failed
    assert failed.url == str(bad) and failed.reason == "no 'url' column in the header"


def test_trace_url_fetches_into_crawls_then_traces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = LocalSite({"/one": page("First story"), "/two": page("Second story")})
    monkeypatch.chdir(tmp_path)
    with serve(site):
        flags = [
            "--allow-private",
            "--delay",
            "0.01",
            "--db",
            "t.db",
            "--json",
            "r.json",
            "--no-report",
            "-j",
            "1",
        ]
        urls = [site.url("/one"), site.url("/two")]
        res = CliRunner().invoke(main, ["trace", *urls, site.url("/missing"), *flags])
        assert res.exit_code == 1, res.output  # one URL failed (404)
        assert f"failed: {site.url('/missing')}: HTTP 404 Not Found" in res.output
        report = json.loads(Path("r.json").read_text())
        assert sorted(a["url"] for a in report["articles"]) == urls
        assert {a["title"] for a in report["articles"]} == {"First story", "Second story"}
        (crawl,) = Path("crawls").iterdir()
        assert {r[0] for r in warc_records(crawl)} == {"warcinfo", "request", "response"}
        again = CliRunner().invoke(main, ["trace", *urls, site.url("/missing"), *flags])
        assert again.exit_code == 1, again.output
        assert "2 already in the crawl" in again.output
        # the same URLs name the same crawl: only the one that failed is asked for again
        assert (site.hits("/one"), site.hits("/two"), site.hits("/missing")) == (1, 1, 2)
        assert list(Path("crawls").iterdir()) == [crawl]


def test_failure_lines_never_carry_control_characters_to_the_terminal(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("https://s.org/a\x1b[2Jb\n")
    res = CliRunner().invoke(main, ["fetch", str(listing), "--out", str(tmp_path / "c")])
    assert res.exit_code == 1
    assert "failed: https://s.org/a\\x1b[2Jb: refused: control characters or spaces in the URL" in res.output
    assert "\x1b" not in res.output
