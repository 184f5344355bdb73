from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import ingest
from provenance.errors import InputError
from provenance.ingest import document_id, iter_documents, media_type_of, read_file
from provenance.models import RawDocument


def _split(items: list[RawDocument | InputError]) -> tuple[list[RawDocument], list[InputError]]:
    docs = [d for d in items if isinstance(d, RawDocument)]
    errs = [d for d in items if isinstance(d, InputError)]
    return docs, errs


def test_seed_crawl_reads_both_documents_with_manifest(seeds_dir: Path) -> None:
    docs, errs = _split(list(iter_documents([seeds_dir])))
    assert not errs
    assert [Path(d.path).name for d in docs] == ["000_e38ddc6586fd0b3e.txt", "001_708a75505551bf43.txt"]
    # the first .txt holds an HTML fragment (links), the second is plain text
    assert [d.media_type for d in docs] == ["html", "text"]
    assert all(d.url is None for d in docs)


def test_manifest_fields_are_carried(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>Hello world.</p></body></html>")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"file": "a.html", "url": "https://example.com/a", "fetched_at": "2024-01-02T03:04:05Z"})
        + "\n"
        + "{not json\n"
    )
    docs, errs = _split(list(iter_documents([tmp_path])))
    assert docs[0].url == "https://example.com/a"
    assert docs[0].fetched_at == "2024-01-02T03:04:05Z"
    assert len(errs) == 1 and errs[0].path.endswith("manifest.jsonl") and errs[0].record == 2
    assert "manifest.jsonl:2: " in str(errs[0])


def test_bad_inputs_each_get_one_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * 3000 + b"</p>")
    (tmp_path / "bad.html.gz").write_bytes(b"not gzip at all")
    (tmp_path / "good.txt").write_text("A plain story.\nBy Jane Doe")
    items = list(iter_documents([tmp_path, tmp_path / "missing.html"], max_bytes=2000))
    docs, errs = _split(items)
    assert [Path(d.path).name for d in docs] == ["good.txt"]
    reasons = {Path(e.path).name: e.reason for e in errs}
    assert reasons["empty.html"] == "empty file"
    assert "binary" in reasons["junk.html"]
    assert "too large" in reasons["big.html"]
    assert "gzip" in reasons["bad.html.gz"]
    assert "no such file" in reasons["missing.html"]
    assert all(str(e).startswith(e.path + ": ") and "\n" not in str(e) for e in errs)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.html"
    target.write_text("<p>secret</p>")

    def deny(path: Path) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest, "_open_fd", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_file(target)


def test_gzip_html_is_read(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<html><p>Zipped story.</p></html>"))
    docs, errs = _split(list(iter_documents([tmp_path])))
    assert not errs and docs[0].content.startswith(b"<html>") and docs[0].media_type == "html"


def test_jsonl_crawl(tmp_path: Path) -> None:
    f = tmp_path / "crawl.jsonl"
    f.write_text(
        json.dumps({"url": "https://x.org/1", "html": "<p>One.</p>"})
        + "\n"
        + json.dumps({"text": "Two."})
        + "\n"
        + json.dumps({"url": "nothing"})
        + "\n"
    )
    docs, errs = _split(list(iter_documents([f])))
    assert [d.media_type for d in docs] == ["html", "text"]
    assert len(errs) == 1 and errs[0].path == str(f) and errs[0].record == 3


def test_ids_are_content_hashes() -> None:
    assert document_id(b"abc", None) == document_id(b"abc", None)
    assert document_id(b"abc", None) != document_id(b"abd", None)
    assert document_id(b"abc", "https://a") != document_id(b"abc", "https://b")
    assert document_id(b"abc", None, "a.txt") != document_id(b"abc", None, "b.txt")
    assert document_id(b"abc", "https://a", "a.txt") == document_id(b"abc", "https://a", "b.txt")


@given(st.binary(max_size=2000))
def test_media_type_sniffing_never_crashes(data: bytes) -> None:
    assert media_type_of(Path("x.txt"), data) in ("html", "text")
    assert media_type_of(Path("x.html"), data) == "html"


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
            )
        meta = writer.create_warc_record("https://x.org/robots.txt", "request", payload=BytesIO(b"GET /"))
        writer.write_record(meta)


def test_warc_records_stream_with_uri_and_date(tmp_path: Path) -> None:
    w = tmp_path / "crawl.warc.gz"
    _warc(
        w, [("https://a.org/1", b"<html><p>First story.</p></html>"), ("https://b.org/2", b"<p>Second.</p>")]
    )
    docs, errs = _split(list(iter_documents([tmp_path])))
    assert not errs
    assert [d.url for d in docs] == ["https://a.org/1", "https://b.org/2"]
    assert all(d.fetched_at and d.fetched_at.startswith("20") for d in docs)
    assert docs[0].path.startswith(str(w) + "#")


def test_corrupt_warc_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"this is not a web archive\n" * 10)
    docs, errs = _split(list(iter_documents([tmp_path / "bad.warc"])))
    assert not docs and len(errs) == 1 and "WARC" in errs[0].reason


def test_a_manifest_naming_its_warc_files_as_fetch_writes_them_is_quiet(tmp_path: Path) -> None:
    """`provenance fetch` lists each page as a line naming its WARC file and byte range: the
    WARC file is a document of the crawl (read record by record), not a missing file."""
    _warc(tmp_path / "fetch-1.warc.gz", [("https://a.org/1", b"<html><p>First story.</p></html>")])
    line = {"file": "fetch-1.warc.gz", "url": "https://a.org/1", "fetched_at": "2025-01-02T03:04:05Z"}
    (tmp_path / "manifest.jsonl").write_text(json.dumps(dict(line, offset=0, end=10, status=200)) + "\n")
    docs, errs = _split(list(iter_documents([tmp_path])))
    assert [d.url for d in docs] == ["https://a.org/1"] and not errs
