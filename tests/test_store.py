from __future__ import annotations

import csv
import html
import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance import TraceOptions, TraceResult, report_dict, tables, trace
from provenance.cli import main
from provenance.codec import to_dict
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


# --------------------------------------------------------------------------- the tables

REUSE = Path(__file__).resolve().parent / "fixtures" / "reuse"
SEEDS = Path(__file__).resolve().parents[1] / "crawls" / "seeds"


def _page(headline: str, body: str, site: str, published: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{html.escape(headline)}</title>"
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><article><h1>{html.escape(headline)}</h1>{paras}</article></body></html>"
    )


def traced_fixture(folder: Path) -> Path:
    """A small crawl with an uncredited copy, a travelling quotation and a source-group chain,
    traced into ``folder/fixture.db``."""
    crawl = folder / "crawl"
    crawl.mkdir()
    pages = [
        ("original.txt", "https://wire.example/flood", "Wire Example", "2024-03-05T08:00:00Z"),
        ("verbatim.txt", "https://copycat.example/flood", "Copycat", "2024-03-05T12:00:00Z"),
        ("light_rewrite.txt", "https://daily.example/barrier", "Daily", "2024-03-05T15:00:00Z"),
        ("partial.txt", "https://region.example/funding", "Region", "2024-03-06T09:00:00Z"),
    ]
    manifest = []
    for name, url, site, when in pages:
        head, _, body = (REUSE / name).read_text(encoding="utf-8").partition("\n")
        (crawl / f"{Path(name).stem}.html").write_text(_page(head, body, site, when), encoding="utf-8")
        manifest.append({"file": f"{Path(name).stem}.html", "url": url, "fetched_at": None})
    seed = (SEEDS / "001_708a75505551bf43.txt").read_text(encoding="utf-8")
    (crawl / "iraq.txt").write_text(seed, encoding="utf-8")
    manifest.append({"file": "iraq.txt", "url": "https://iraq-watch.example/iraq", "fetched_at": None})
    (crawl / "manifest.jsonl").write_text("\n".join(json.dumps(m) for m in manifest) + "\n")
    db = folder / "fixture.db"
    trace([crawl], TraceOptions(db=db))
    return db


def readme_queries() -> list[str]:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", readme, flags=re.S)


def test_the_readme_queries_answer_on_a_traced_fixture(tmp_path: Path) -> None:
    db = traced_fixture(tmp_path)
    uncredited, first, groups = readme_queries()
    con = sqlite3.connect(db)
    rows = con.execute(uncredited, {"outlet": "wire.example"}).fetchall()
    assert ("https://copycat.example/flood", "copycat.example", "https://wire.example/flood") in [
        r[:3] for r in rows
    ]
    assert all(r[2] == "https://wire.example/flood" for r in rows)
    row = con.execute(first, {"words": "two winters watching water"}).fetchone()
    assert row[0] == "https://wire.example/flood" and row[2] == "2024-03-05T08:00:00Z"
    assert row[3] == "Maria Okafor"
    rows = con.execute(groups, {"group": "iranian media"}).fetchall()
    assert rows == [("iraq-watch.example", 1)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_every_reference_is_a_declared_foreign_key_with_an_index(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as s:
        con = s.connection
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for wanted in (
            "articles",
            "outlets",
            "reuse",
            "matches",
            "quotes",
            "speakers",
            "citations",
            "stories",
            "claims",
        ):
            assert wanted in names, wanted
        for table in names:
            fks = con.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            indexed = {
                con.execute(f"PRAGMA index_info('{ix[1]}')").fetchone()[2]
                for ix in con.execute(f"PRAGMA index_list({table})")
            }
            for fk in fks:
                column = fk[3]
                assert column in indexed, (table, column)
        refs = {(t, fk[3], fk[2]) for t in names for fk in con.execute(f"PRAGMA foreign_key_list({t})")}
        for edge in [
            ("reuse", "source", "articles"),
            ("quotes", "speaker", "speakers"),
            ("citations", "outlet", "outlets"),
            ("story_members", "story", "stories"),
            ("claim_articles", "claim", "claims"),
        ]:
            assert edge in refs, edge


def test_the_stored_report_reads_back_exactly(tmp_path: Path, seeds_dir: Path) -> None:
    result = trace([seeds_dir], TraceOptions(db=tmp_path / "s.db"))
    written = json.loads(json.dumps(report_dict(result), default=str))
    with Store(tmp_path / "s.db") as s:
        assert s.latest_report() == written
        # an additive field and a new section survive the round trip, an absent field stays absent
        changed = json.loads(json.dumps(written))
        changed["quotes"][0]["confidence"] = 0.5
        del changed["quotes"][1]["cue"]
        changed["matches"] = [
            {"first": changed["articles"][0]["id"], "second": changed["articles"][1]["id"], "jaccard": 0.1}
        ]
        changed["new_section"] = {"anything": [1, 2]}
        s.put_report(["x"], changed)
        assert s.latest_report() == changed


@pytest.mark.slow
def test_the_dev_crawl_report_reads_back_exactly(dev_trace: TraceResult, tmp_path: Path) -> None:
    written = json.loads(json.dumps(report_dict(dev_trace), default=str))
    with Store(tmp_path / "d.db") as s:
        s.put_report(["dev"], written)
        assert s.latest_report() == written
        assert s.connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_schema_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema', '1');
        CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT NOT NULL, url TEXT, data TEXT NOT NULL,
            stored_at REAL NOT NULL);
        CREATE TABLE reports (id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL,
            paths TEXT NOT NULL, data TEXT NOT NULL);"""
    )
    con.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, 0)",
        ("id1", "p1.html", "https://x.org/1", json.dumps(to_dict(_article(1)))),
    )
    con.commit()
    con.close()
    with Store(db) as s:
        assert s.get_article("id1") == _article(1)
        assert s.connection.execute("SELECT outlet, not_before FROM articles").fetchone() == (
            "x.org",
            "2024-12-13",
        )
        assert not s.has_report()
        tables = {r[0] for r in s.connection.execute("SELECT name FROM sqlite_master")}
        assert "reports" not in tables


def test_export_csv_writes_every_table(tmp_path: Path) -> None:
    db = traced_fixture(tmp_path)
    res = CliRunner().invoke(main, ["export", "csv", str(tmp_path / "csv"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    with Store(db) as s:
        names = tables.user_tables(s.connection)
        for name in names:
            with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            assert len(rows) - 1 == s.connection.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0], name
    header = (tmp_path / "csv" / "articles.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "data" not in header and {"id", "url", "outlet", "title", "published"} <= set(header)


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


def _open_store(path: str, at: float) -> str:
    import time

    from provenance.store import Store

    time.sleep(max(0.0, at - time.time()))  # every process opens it at the same moment
    try:
        with Store(path):
            return "ok"
    except Exception as exc:  # the test reports what failed
        return f"{type(exc).__name__}: {exc}"


def test_processes_creating_one_store_at_once_all_open_it(tmp_path: Path) -> None:
    """Each process creating the store at once read "no generated columns yet" and added them;
    all but the first failed with "duplicate column name".  The schema is now read and
    upgraded under the write lock."""
    import multiprocessing
    import time

    for k in range(3):
        db = str(tmp_path / f"new{k}.db")
        at = time.time() + 3.0
        with multiprocessing.get_context("spawn").Pool(6) as pool:
            assert pool.starmap(_open_store, [(db, at)] * 6) == ["ok"] * 6


def test_a_worker_reads_articles_by_id_from_any_store_file_name(tmp_path: Path) -> None:
    """``articles_by_id`` opens the store read-only by a file URI: a path with a space, ``#``
    or ``?`` (which a bare ``file:`` URI would cut) still opens; a missing id is left out; the
    articles themselves (a ``:memory:`` store) are filtered the same way."""
    from provenance.store import ArticleRow, articles_by_id

    arts = [Article(id=f"a{k}", path=f"{k}.txt", text=f"text {k}") for k in range(3)]
    db = tmp_path / "odd dir #1" / "store?.db"
    db.parent.mkdir()
    with Store(db) as store:
        for a in arts:
            store.put_article(ArticleRow.of(a))
        store.commit()
        assert store.on_disk()
        got = articles_by_id(str(db), ["a2", "zz", "a0"])
    assert got == {"a2": arts[2], "a0": arts[0]}
    assert articles_by_id(arts, ["a1", "zz"]) == {"a1": arts[1]}
