"""The run cache: a re-run of an unchanged crawl reads the corpus-wide results back, equal to
computing them; anything they depend on (an article, an option, another trace into the same
store) computes them again."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from provenance import TraceOptions, TraceResult, trace
from provenance.report.json_report import report_dict

FIXTURES = Path(__file__).parent / "fixtures" / "reuse"


def _same(a: TraceResult, b: TraceResult) -> None:
    for f in fields(TraceResult):
        if f.name == "stats":
            continue
        assert getattr(a, f.name) == getattr(b, f.name), f.name
    assert sorted(a.graph.nodes(data=True)) == sorted(b.graph.nodes(data=True))
    key = lambda e: (e[0], e[1], e[2])  # noqa: E731
    assert sorted(a.graph.edges(keys=True, data=True), key=key) == sorted(
        b.graph.edges(keys=True, data=True), key=key
    )
    assert report_dict(a) == report_dict(b)


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for name in ("original.txt", "verbatim.txt", "independent.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _hits(caplog: pytest.LogCaptureFixture) -> int:
    return sum("run cache:" in r.getMessage() for r in caplog.records)


def test_rerun_reads_the_same_result_back(
    crawl: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="provenance.runcache")
    opts = TraceOptions(db=tmp_path / "s.db")
    first = trace([crawl], opts)
    assert first.reuse, "the fixture has a copy"
    assert _hits(caplog) == 0
    again = trace([crawl], opts)
    assert _hits(caplog) == 1
    _same(first, again)
    assert again.stats.new == 0 and again.stats.stored == first.stats.stored


def test_what_results_depend_on_computes_again(
    crawl: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="provenance.runcache")
    db = tmp_path / "s.db"
    trace([crawl], TraceOptions(db=db))
    trace([crawl], TraceOptions(db=db, all_links=True))  # an option the results depend on
    assert _hits(caplog) == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "brief.txt").write_text((FIXTURES / "original.txt").read_text()[:400])
    trace([other], TraceOptions(db=db))  # another trace into the store: a possible neighbour
    trace([crawl], TraceOptions(db=db))
    assert _hits(caplog) == 0
    (crawl / "new.txt").write_text("A new page about something else entirely, long enough to keep.")
    fresh = trace([crawl], TraceOptions(db=db))
    assert _hits(caplog) == 0 and fresh.stats.stored == 4
    cached = trace([crawl], TraceOptions(db=db))
    assert _hits(caplog) == 1
    _same(fresh, cached)


def _age(*files: Path, seconds: float = 60.0) -> None:
    """Set the files' modification time in the past (a file written this very second is
    always read again: a second write in the same clock tick would keep its size and time)."""
    import os
    import time

    for f in files:
        t = time.time() - seconds
        os.utime(f, (t, t))


def test_rerun_does_not_read_unchanged_files(
    crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-run knows an unchanged file by its path, size and modification time (read
    before, the same as then), as git does: it is not read or gunzipped again."""
    import os

    from provenance import ingest

    _age(*crawl.iterdir())
    opts = TraceOptions(db=tmp_path / "s.db")
    first = trace([crawl], opts)
    reads: list[str] = []
    real = ingest._read_with_state
    monkeypatch.setattr(
        ingest, "_read_with_state", lambda p, *a, **k: reads.append(p.name) or real(p, *a, **k)
    )
    again = trace([crawl], opts)
    assert reads == []
    _same(first, again)
    # changed content (another size, another time) is read, and is another article
    changed = crawl / "independent.txt"
    changed.write_text(changed.read_text() + " One more sentence the first run never saw.")
    _age(changed, seconds=30.0)
    third = trace([crawl], opts)
    assert reads == ["independent.txt"]
    assert {a.id for a in third.articles} != {a.id for a in first.articles}
    # the same size and content under a new time: read again, the same article
    reads.clear()
    t = os.stat(changed).st_mtime - 5
    os.utime(changed, (t, t))
    fourth = trace([crawl], opts)
    assert reads == ["independent.txt"]
    assert [a.id for a in fourth.articles] == [a.id for a in third.articles]


def test_a_file_written_just_now_is_always_read(
    crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance import ingest

    opts = TraceOptions(db=tmp_path / "s.db")
    trace([crawl], opts)  # the fixture files were copied this second
    reads: list[str] = []
    real = ingest._read_with_state
    monkeypatch.setattr(
        ingest, "_read_with_state", lambda p, *a, **k: reads.append(p.name) or real(p, *a, **k)
    )
    trace([crawl], opts)
    assert sorted(reads) == ["independent.txt", "original.txt", "verbatim.txt"]


def test_cache_entry_encoded_a_section_at_a_time_is_the_whole_payload(crawl: Path, tmp_path: Path) -> None:
    import orjson

    from provenance.codec import to_dict
    from provenance.pipeline import _sections
    from provenance.runcache import encoded

    result = trace([crawl], TraceOptions(db=tmp_path / "s.db"))
    sections = _sections(result, ())
    payload = {"articles": list(sections.articles)}
    payload.update({name: to_dict(list(v)) for name, v in sections.values.items()})
    assert b"".join(encoded(sections)) == orjson.dumps(payload)
