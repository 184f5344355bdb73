"""The run cache: a re-run of an unchanged crawl reads the corpus-wide results back, equal to
computing them; anything they depend on (an article, an option, another trace into the same
store) computes them again."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    assert all(sections.values[name] for name in ("quotes", "reuse"))  # pieces to join
    for batch in (1, 2, 10_000):
        assert b"".join(encoded(sections, batch)) == orjson.dumps(payload), batch


@given(
    pieces=st.lists(st.binary(max_size=40), max_size=12),
    size=st.integers(min_value=1, max_value=30),
)
def test_entry_parts_are_the_payload_cut_at_the_part_size(pieces: list[bytes], size: int) -> None:
    from provenance.runcache import _parts

    parts = list(_parts(iter(pieces), size))
    assert b"".join(parts) == b"".join(pieces)
    assert all(len(p) == size for p in parts[:-1]) and all(0 < len(p) <= size for p in parts)


def test_an_entry_larger_than_one_part_reads_back_whole(crawl: Path, tmp_path: Path) -> None:
    """SQLite holds no value over 1 GB, which a 100,000-page trace's entry passes: the entry is
    stored in parts (here of 1 KB) and read back equal; older entries' parts go with them."""
    import sqlite3

    from provenance.pipeline import _SECTIONS, _sections
    from provenance.runcache import KEEP, get, put

    result = trace([crawl], TraceOptions(db=tmp_path / "s.db"))
    sections = _sections(result, ())
    db = sqlite3.connect(tmp_path / "c.db")
    put(db, "k0", sections, part_bytes=1024)
    parts = db.execute("SELECT COUNT(*) FROM run_cache_part WHERE key='k0'").fetchone()[0]
    assert parts > 3
    back = get(db, "k0", _SECTIONS)
    assert back == sections
    db.execute("INSERT INTO run_cache VALUES ('old', 0, x'7b7d')")  # an older version's entry
    assert get(db, "old", _SECTIONS) is None  # is a miss, not an error
    for k in range(1, KEEP + 1):  # newer entries push the first one out, parts included
        put(db, f"k{k}", sections, part_bytes=1024)
    assert get(db, "k0", _SECTIONS) is None
    assert db.execute("SELECT COUNT(*) FROM run_cache_part WHERE key='k0'").fetchone()[0] == 0


def test_a_cache_entry_that_cannot_be_written_costs_a_line_not_the_run(
    crawl: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from provenance import runcache

    def refuse(*args: object, **kwargs: object) -> None:
        raise sqlite3.DataError("string or blob too big")

    monkeypatch.setattr(runcache, "put", refuse)
    caplog.set_level("INFO")
    opts = TraceOptions(db=tmp_path / "s.db")
    result = trace([crawl], opts)
    assert result.reuse  # the run's results stand
    assert any("run cache not written (string or blob too big)" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    again = trace([crawl], opts)
    assert _hits(caplog) == 0  # nothing was cached: computed again, the same
    _same(result, again)
