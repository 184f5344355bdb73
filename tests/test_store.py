from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from provenance.errors import StoreError
from provenance.models import Article, DateGuess, Link, OutletGuess
from provenance.store import Store


def _article(i: int) -> Article:
    return Article(
        id=f"id{i}",
        path=f"p{i}.html",
        text=f"text {i}",
        url=f"https://x.org/{i}",
        outlet=OutletGuess("X", "x.org", "manifest URL"),
        published=DateGuess(None, "2024-12-13", None, ("newest linked page",), "links"),
        links=(Link("https://y.org/2024/12/13/a", "a", "y.org", "2024-12-13", (0, 1)),),
    )


def test_round_trip_and_idempotent_puts(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as s:
        for i in range(3):
            s.put_article(_article(i))
            s.put_article(_article(i))
        s.put_stage("id1", "attribution", "v1", {"quotes": []})
    with Store(db) as s:
        assert s.count() == 3
        assert s.get_article("id1") == _article(1)
        assert s.get_stage("id1", "attribution", "v1") == {"quotes": []}
        assert s.get_stage("id1", "attribution", "v2") is None
        assert [a.id for a in s.iter_articles()] == ["id0", "id1", "id2"]


def test_foreign_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        Store(bad)


def test_schema_mismatch_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value='0' WHERE key='schema'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema"):
        Store(db)


def test_buffered_rows_are_read_back_before_they_are_written(tmp_path: Path) -> None:
    with Store(tmp_path / "b.db") as s:
        s.put_article(_article(1))
        s.put_stage("id1", "attribution", "v1", {"quotes": [1]})
        assert s.get_article("id1") == _article(1)
        assert s.get_stage("id1", "attribution", "v1") == {"quotes": [1]}
        assert s.get_stage("id1", "attribution", "v2") is None
        assert s.count() == 1


def test_a_writer_waits_for_another_process_transaction(tmp_path: Path) -> None:
    """SQLite has one writer at a time: a store that finds the file locked waits its turn
    (here past SQLite's own 1 s busy wait, by retrying) instead of failing."""
    import threading
    import time

    db = tmp_path / "w.db"
    Store(db).close()
    other = sqlite3.connect(db, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(2.0, other.commit)
    release.start()
    t0 = time.monotonic()
    with Store(db, busy_timeout=1.0) as s:
        s.put_article(_article(7))
        with pytest.raises(StoreError, match="locked"):
            s.commit()  # 1 s is not enough: named, not "database is locked" from deep inside
        s.busy_timeout = 30.0
        s.commit()
        assert s.count() == 1
    release.join()
    other.close()
    assert time.monotonic() - t0 >= 2.0


def test_a_report_too_large_for_the_store_leaves_a_note_not_an_older_report(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as s:
        assert s.put_report(["a"], {"schema": "provenance-report/1", "articles": []})
        assert not s.put_report(
            ["b"], {"schema": "provenance-report/1", "articles": ["x" * 2000]}, max_chars=1000
        )
        report = s.latest_report()
    assert report is not None and "omitted" in report and "articles" not in report
