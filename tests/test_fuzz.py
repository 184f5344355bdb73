"""Fuzz suite: a generated hostile crawl traced end to end, and property tests of the parsers
that read untrusted bytes.  The longer run is ``provenance bench --fuzz N`` (not a test)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from bs4 import BeautifulSoup
from bs4.builder import ParserRejectedMarkup
from hypothesis import given
from hypothesis import strategies as st

from provenance.errors import InputError, Problem
from provenance.extract.decode import decode
from provenance.extract.html import linear_markup, markup_text, nesting_depth, soup_text
from provenance.fuzz import unaccounted, write_corpus
from provenance.ingest import iter_documents, read_manifest
from provenance.models import RawDocument
from provenance.textsafe import path_text, printable, xml_safe


def test_a_hostile_crawl_is_traced_without_a_traceback_and_every_input_accounted_for(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    inputs = write_corpus(crawl, 200, seed=20, scale=0.02)
    out = tmp_path / "r.json"
    res = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "trace", str(crawl), "--db", str(tmp_path / "f.db")]
        + ["--json", str(out), "--no-report", "-j", "2", "--max-seconds", "30"],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=600,  # a hang fails here
    )
    assert res.returncode in (0, 1), res.stderr[-2000:]
    assert "Traceback" not in res.stderr
    report = json.loads(out.read_text())
    assert unaccounted(inputs, report) == []
    assert [p for p in report["problems"] if p["stage"] == "internal"] == []
    # each problem line names its input, or the article (a JSONL or WARC record) it is about
    names = {path_text(i.path) for i in inputs} | {str(crawl / "manifest.jsonl")}
    names |= {a["path"] for a in report["articles"]}
    assert all(p["path"] in names for p in report["problems"])


def test_a_problem_naming_a_record_accounts_for_its_file(tmp_path: Path) -> None:
    """A WARC whose record failed extraction is named as "x.warc#0" (the record), a JSONL line
    as "x.jsonl:3": the file is accounted for, as it is when a record became an article."""
    from provenance.fuzz import FuzzInput

    inputs = [FuzzInput(tmp_path / "x.warc", "warc"), FuzzInput(tmp_path / "y.jsonl", "jsonl")]
    report = {
        "articles": [],
        "problems": [{"path": f"{tmp_path}/x.warc#0"}, {"path": f"{tmp_path}/y.jsonl:3"}],
    }
    assert unaccounted(inputs, report) == []
    assert unaccounted(inputs, {"problems": [{"path": f"{tmp_path}/x.warc#0"}]}) == [
        str(tmp_path / "y.jsonl")
    ]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["file", "url", "fetched_at", "html", "text", "x"]), inner, max_size=4
        )
    ),
    max_leaves=12,
)
_LINE = st.one_of(
    _JSON.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200).map(lambda b: b.replace(b"\n", b""))
)


@given(st.lists(_LINE, max_size=8))
def test_manifest_and_jsonl_lines_never_raise(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("lines")
    (folder / "manifest.jsonl").write_bytes(b"\n".join(lines))
    (folder / "records.jsonl").write_bytes(b"\n".join(lines))
    entries, problems = read_manifest(folder)
    assert all(isinstance(p, InputError | Problem) for p in problems)
    items = list(iter_documents([folder]))
    assert all(isinstance(x, RawDocument | InputError | Problem) for x in items)
    assert all(isinstance(x.content, bytes) for x in items if isinstance(x, RawDocument))


_MARKUP = st.lists(
    st.sampled_from(list("<>/!-[]?='\"abp &#;x\n\x00\x07") + ["<!--", "-->", "<a ", "<![", "</", "<script>"]),
    max_size=60,
).map("".join)


@given(_MARKUP)
def test_markup_readers_never_raise(html: str) -> None:
    for body in (soup_text(html), markup_text(html)):
        assert isinstance(body.text, str)
        assert all(s is None or 0 <= s[0] <= s[1] <= len(body.text) for s in (body.spans or ()))
    assert 0 <= nesting_depth(html, 10) <= 11


@given(_MARKUP)
def test_linear_markup_keeps_what_the_parser_sees(html: str) -> None:
    def text(markup: str) -> str | None:
        try:
            return BeautifulSoup(markup, "html.parser").get_text()
        except ParserRejectedMarkup:
            return None

    before, after = text(html), text(linear_markup(html))
    if before is not None:
        assert after == before


@given(st.binary(max_size=3000))
def test_decode_only_refuses_with_an_input_error(data: bytes) -> None:
    try:
        text, _, notes = decode(data)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()


@given(st.text(max_size=60))
def test_printable_text_holds_no_control_character(text: str) -> None:
    shown = printable(text)
    assert not any((ord(c) < 32 and c != "\t") or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert printable(shown) == shown and "\n" not in shown


@given(st.text(max_size=60))
def test_xml_safe_text_always_parses(text: str) -> None:
    clean = xml_safe(text)
    ET.fromstring(f"<a b={quoteattr(clean)}>{escape(clean)}<!-- {clean.replace('-', ' ')} --></a>".encode())
