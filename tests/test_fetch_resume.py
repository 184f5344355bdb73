"""An interrupted fetch resumes with nothing lost and nothing archived twice: a ``kill -9``
mid-crawl (a real subprocess), and the torn tails such a kill can leave (a record cut
half-way, a record whose manifest line never got written, a manifest line cut half-way)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from fetch_site import Handler, LocalSite, page, serve
from warcio.archiveiterator import ArchiveIterator

from provenance.errors import CrawlError
from provenance.fetch import CrawlArchive, FetchOptions, fetch
from provenance.ingest import iter_documents

OPTS = FetchOptions(delay=0.01, timeout=5.0, allow_private=True)


def responses(out: Path) -> list[str]:
    """Target URIs of every response record in the crawl, read with warcio (which raises on a torn file)."""
    uris = []
    for path in sorted(out.glob("*.warc.gz")):
        with path.open("rb") as fh:
            uris += [
                r.rec_headers.get_header("WARC-Target-URI")
                for r in ArchiveIterator(fh)
                if r.rec_type == "response"
            ]
    return uris


def manifest_urls(out: Path) -> list[str]:
    return [json.loads(line)["url"] for line in (out / "manifest.jsonl").read_text().splitlines()]


def test_torn_tails_are_dropped_and_the_fetch_completes_once(tmp_path: Path) -> None:
    site = LocalSite({f"/p{i}": page(f"Page {i}") for i in range(3)})
    out = tmp_path / "c"
    with serve(site):
        fetch([site.url("/p0"), site.url("/p1")], out, OPTS)
        (warc,) = out.glob("*.warc.gz")
        first = json.loads((out / "manifest.jsonl").read_text().splitlines()[0])
        record = warc.read_bytes()[first["offset"] : first["end"]]
        with warc.open("ab") as fh:
            fh.write(record)  # complete records whose manifest line was never written
            fh.write(record[: len(record) // 2])  # and a record cut half-way
        with (out / "manifest.jsonl").open("a") as fh:
            fh.write('{"file": "' + warc.name + '", "url": "' + site.url("/p2"))  # a line cut half-way
        result = fetch([site.url(f"/p{i}") for i in range(3)], out, OPTS)
    assert [o.status for o in result.outcomes] == ["already", "already", "fetched"]
    expected = [site.url(f"/p{i}") for i in range(3)]
    assert manifest_urls(out) == expected
    assert sorted(responses(out)) == expected
    docs = list(iter_documents([out]))
    assert sorted(d.url for d in docs) == expected  # type: ignore[union-attr]


def test_a_warc_with_nothing_committed_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "c"
    out.mkdir()
    (out / "fetch-20250101T000000Z.warc.gz").write_bytes(b"\x1f\x8b\x08\x00half a warcinfo")
    (out / "keep.html").write_text("<p>a page someone saved by hand</p>")
    with CrawlArchive(out) as archive:
        assert archive.seen == set()
    assert sorted(p.name for p in out.iterdir()) == [".fetch.lock", "keep.html"]


def test_a_second_fetch_into_the_same_crawl_is_refused_while_one_runs(tmp_path: Path) -> None:
    with CrawlArchive(tmp_path / "c"):
        try:
            CrawlArchive(tmp_path / "c").open()
        except CrawlError as exc:
            assert "another fetch is writing this crawl" in str(exc)
        else:
            raise AssertionError("a second writer was let in")


def test_kill_9_mid_fetch_then_resume(tmp_path: Path) -> None:
    hit, release = threading.Event(), threading.Event()

    def stuck(h: Handler) -> None:
        hit.set()
        release.wait(30)
        page("Page 7")(h)

    paths = [f"/p{i:02d}" for i in range(12)]
    site = LocalSite({p: page(p) for p in paths})
    site.routes["/p07"] = stuck
    out = tmp_path / "crawl"
    listing = tmp_path / "urls.txt"
    with serve(site):
        listing.write_text("".join(site.url(p) + "\n" for p in paths))
        cmd = [sys.executable, "-m", "provenance.cli", "fetch", str(listing), "--out", str(out)]
        cmd += ["--allow-private", "--delay", "0.01"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert hit.wait(60), "the fetch never reached /p07"
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(30)
            release.set()
        assert proc.returncode == -signal.SIGKILL
        assert len(manifest_urls(out)) == 7  # /p00../p06 were committed before the kill
        result = fetch([str(listing)], out, OPTS)
    assert [o.status for o in result.outcomes].count("already") == 7
    assert result.failed == ()
    expected = sorted(site.url(p) for p in paths)
    assert sorted(manifest_urls(out)) == expected
    assert sorted(responses(out)) == expected  # each page archived exactly once
    assert [site.hits(p) for p in paths] == [1] * 7 + [2] + [1] * 4
