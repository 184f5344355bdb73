"""Embedded storage: one SQLite file, keyed by content hash, safe to kill and re-run.

Every extracted article and every per-article stage output (quotes, citations, ...) is
written as JSON in its own row and committed in small batches, so a run killed half-way
keeps what it stored and the next run does only the rest; ``INSERT OR REPLACE`` on the
content-hash key means nothing is ever stored twice.  A finished trace's report is stored
as queryable tables beside that cache (:mod:`provenance.tables`), which ``show`` and
``graph`` read back.

Several traces may share one store.  SQLite allows one writer at a time, so rows are
buffered in memory and written in short ``BEGIN IMMEDIATE`` transactions (never held open
while a page is being extracted); a writer that finds the file busy waits (``busy_timeout``)
and retries, instead of dying with "database is locked".  Readers never wait (WAL).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from . import tables
from .codec import from_dict, to_dict
from .errors import StoreError
from .models import Article

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"
#: How long a writer waits for another process's transaction before giving up (seconds).
BUSY_TIMEOUT = 600.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, url TEXT, data TEXT NOT NULL, stored_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS signatures (
    article TEXT PRIMARY KEY, params TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS stage_output (
    article TEXT NOT NULL, stage TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (article, stage));
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, url TEXT,
    article TEXT NOT NULL);
"""


@dataclass(frozen=True)
class ArticleRow:
    """An article serialised for the ``articles`` table.

    Made where the article was extracted (:meth:`of`, in a worker process with ``-j``), so the
    process that owns the store only writes rows: decoding each article sent back by a worker
    and encoding it again cost that process CPU time the workers were waiting on.
    """

    id: str
    path: str
    url: str | None
    notes: tuple[str, ...]
    data: str

    @classmethod
    def of(cls, article: Article) -> ArticleRow:
        """Raises ``UnicodeError`` (a lone surrogate), ``ValueError`` or ``OverflowError`` for a
        value SQLite cannot hold, naming this article here rather than a batch at commit."""
        row = cls(article.id, article.path, article.url, article.notes, json.dumps(to_dict(article)))
        for text in (row.path, row.url or "", row.data):
            text.encode("utf-8")
        return row


class Store:
    """The corpus on disk. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path = "provenance.db", busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._articles: dict[str, tuple[str, str, str | None, str, float]] = {}  # buffered rows
        self._stages: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        self._files: dict[str, tuple[str, int, int, str | None, str]] = {}
        try:
            self._db = sqlite3.connect(self.path, timeout=busy_timeout)
            self._retry(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._retry(lambda: self._db.executescript(_SCHEMA))
            self._retry(self._check_schema)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite store ({exc})") from None
        self._pending = 0
        self._last_commit = time.monotonic()

    def _check_schema(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:  # a new store (two processes may create it at once)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self._db.commit()
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row[0] == "1":  # schema 1 kept the report as one JSON blob: the tables replace it
            self._db.execute("DROP TABLE IF EXISTS reports")
            self._db.execute("UPDATE meta SET value=? WHERE key='schema'", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {row[0]}, this version reads {SCHEMA_VERSION}")
        tables.create(self._db)
        self._db.commit()

    def _retry(self, op: Callable[[], object]) -> None:
        """Run ``op``; while another process holds the write lock past SQLite's own busy wait,
        roll back and try again, up to ``busy_timeout`` in all."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.05
        while True:
            try:
                op()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if self._db.in_transaction:
                    self._db.rollback()
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.path}: another process kept the store locked for {self.busy_timeout:g} s"
                    ) from None
                log.info("%s: store busy, retrying", self.path)
                time.sleep(delay)
                delay = min(delay * 2, 2.0)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self._db.close()

    # -- batching: commit every few rows or seconds so a kill loses little work ----------
    def _touch(self, batch: int = 50, seconds: float = 2.0) -> None:
        self._pending += 1
        if self._pending >= batch or time.monotonic() - self._last_commit > seconds:
            self.commit()

    def commit(self) -> None:
        """Write the buffered rows in one short transaction (waiting for another writer)."""
        if self._articles or self._stages or self._files:

            def write() -> None:
                self._db.commit()  # end any implicit transaction: BEGIN must start a fresh one
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)", self._articles.values()
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO stage_output VALUES (?, ?, ?, ?)", self._stages.values()
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", self._files.values()
                )
                self._db.commit()

            self._retry(write)
            self._articles.clear()
            self._stages.clear()
            self._files.clear()
        else:
            self._retry(self._db.commit)
        self._pending = 0
        self._last_commit = time.monotonic()

    # -- articles -------------------------------------------------------------------------
    def put_article(self, article: Article | ArticleRow) -> None:
        row = article if isinstance(article, ArticleRow) else ArticleRow.of(article)
        self._articles[row.id] = (row.id, row.path, row.url, row.data, time.time())
        self._touch()

    def get_article(self, article_id: str) -> Article | None:
        pending = self._articles.get(article_id)
        if pending is not None:
            return from_dict(Article, json.loads(pending[3]))
        row = self._db.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        return from_dict(Article, orjson.loads(row[0])) if row else None

    def on_disk(self) -> bool:
        """Whether another process can open this store by its path (not ``:memory:``)."""
        self.commit()  # what another process reads must be committed
        return self.path not in ("", ":memory:") and Path(self.path).is_file()

    def put_file(self, path: str, size: int, mtime_ns: int, url: str | None, article_id: str) -> None:
        """Remember that the crawl file ``path``, of this size and modification time, holds
        article ``article_id`` (written with the next batch of articles)."""
        self._files[path] = (path, size, mtime_ns, url, article_id)

    def file_article(self, path: str, size: int, mtime_ns: int, url: str | None) -> str | None:
        """The article a previous run read from ``path`` when it had this size and modification
        time (and this manifest URL), or ``None``."""
        row = self._db.execute(
            "SELECT article FROM files WHERE path=? AND size=? AND mtime_ns=? AND url IS ?",
            (path, size, mtime_ns, url),
        ).fetchone()
        return row[0] if row else None

    def extraction_of(self, article_id: str) -> tuple[str, str, tuple[str, ...]] | None:
        """``(extractor, path, notes)`` of a stored article, read without decoding the
        article (a re-run checks every document of the crawl this way)."""
        row = self._db.execute(
            "SELECT json_extract(data, '$.extractor'), path, json_extract(data, '$.notes') FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        return (row[0] or "", row[1], tuple(orjson.loads(row[2] or "[]"))) if row else None

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            self.commit()
            for (data,) in self._db.execute("SELECT data FROM articles ORDER BY id"):
                yield from_dict(Article, orjson.loads(data))
            return
        for i in ids:
            art = self.get_article(i)
            if art is not None:
                yield art

    def count(self) -> int:
        self.commit()
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- per-article stage outputs, versioned so a changed rule set recomputes ------------
    def put_stage(self, article_id: str, stage: str, version: str, payload: Any) -> None:
        self._stages[(article_id, stage)] = (article_id, stage, version, json.dumps(to_dict(payload)))
        self._touch()

    def get_stage(self, article_id: str, stage: str, version: str) -> Any | None:
        pending = self._stages.get((article_id, stage))
        if pending is not None:
            return json.loads(pending[3]) if pending[2] == version else None
        row = self._db.execute(
            "SELECT data FROM stage_output WHERE article=? AND stage=? AND version=?",
            (article_id, stage, version),
        ).fetchone()
        return json.loads(row[0]) if row else None

    # -- traced reports, as tables, so follow-up questions need no re-trace -----------------
    def put_report(self, paths: Iterable[str], report: Mapping[str, Any]) -> None:
        """Replace the stored results with this trace's report (see :mod:`provenance.tables`)."""
        self.commit()
        self._retry(lambda: tables.write_report(self._db, list(paths), report, _cache_row))

    def latest_report(self) -> dict[str, Any] | None:
        """The last trace's report, read back from the tables (``None`` before any trace)."""
        from .report.json_report import article_dict

        def article(aid: str) -> dict[str, Any] | None:
            art = self.get_article(aid)
            return article_dict(art) if art is not None else None

        return tables.read_report(self._db, article)

    def has_report(self) -> bool:
        """Whether a trace has stored its results here."""
        return tables.has_report(self._db)

    def export_csv(self, folder: str | Path) -> list[Path]:
        """Every table a user queries as ``folder/<table>.csv``; returns the files written."""
        return tables.export_csv(self._db, Path(folder))

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection, for queries over the tables (read them; writes go through here)."""
        return self._db

    # -- document signatures, stored beside the parameters that made them ------------------
    def put_signatures(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """``(article id, parameters as JSON, signature bytes)`` rows."""
        batch = list(rows)
        self.commit()

        def write() -> None:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO signatures VALUES (?, ?, ?)", batch)
            self._db.commit()

        self._retry(write)

    def iter_signatures(self) -> Iterator[tuple[str, str, bytes]]:
        yield from self._db.execute("SELECT article, params, data FROM signatures")

    def get_signature(self, article_id: str) -> tuple[str, bytes] | None:
        row = self._db.execute(
            "SELECT params, data FROM signatures WHERE article=?", (article_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None


def _cache_row(article: Mapping[str, Any]) -> tuple[str, str, str | None, str]:
    """A report article the cache lacks, as a cache row.  It carries no extractor version, so a
    trace that meets the document extracts it again."""
    art = from_dict(Article, dict(article, extractor=""))
    return art.id, art.path, art.url, json.dumps(to_dict(art))


def articles_by_id(source: str | Path | Sequence[Article], ids: Iterable[str]) -> dict[str, Article]:
    """The articles ``ids`` by id (a missing one left out), from the store file at ``source``
    through a read-only connection of its own, or from ``source`` itself when it is the
    articles (a store no other process can open, such as ``:memory:``).

    Why: a worker process reads the articles it is given by id instead of being sent them
    pickled (on real pages an article's links are about three times its text, and the process
    that would pickle them is the one the run waits on); readers never wait for the writer (WAL).
    """
    if not isinstance(source, str | Path):
        wanted = set(ids)
        return {a.id: a for a in source if a.id in wanted}
    uri = Path(source).resolve().as_uri() + "?mode=ro"  # percent-encoded: any file name works
    db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)
    try:
        out: dict[str, Article] = {}
        for i in ids:
            row = db.execute("SELECT data FROM articles WHERE id=?", (i,)).fetchone()
            if row is not None:
                out[i] = from_dict(Article, orjson.loads(row[0]))
        return out
    finally:
        db.close()
