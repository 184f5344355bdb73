"""The corpus-wide results of a trace, cached under a key of what they were computed from.

Why: per-article work (extraction, attribution) is cached per article, but the corpus-wide
stages (reuse, stories, claims, related articles, shared quotations) depend on every
article of the run at once.  When a crawl is traced again and nothing it depends on changed
-- the same articles (content hashes), the same code and word lists, the same registry, the
same options, and no other article added to the store that could join the run as a
near-duplicate -- their results are read back instead of recomputed, so a re-run of an
unchanged crawl costs reading its files and writing the outputs.

The key (:func:`run_key`) covers:

* the run's article ids, in crawl order;
* the source of the whole ``provenance`` package and its data files (:func:`package_version`),
  so any code or word-list change recomputes;
* the options that change results (reuse parameters, extraction path, corpus comparison,
  navigation links in the report) and the registry's content;
* with corpus comparison on, the state of the rest of the store's corpus index (how many
  other articles it signs, and the newest row), since an article added by another trace can
  become a neighbour of this run.

The entry is JSON (orjson) of the stage outputs, decoded with the codec, stored in parts of
:data:`PART_BYTES` (SQLite holds no value over 1 GB); nothing in it is executed, so a store
from elsewhere is as safe to read as its articles are.  Only the latest :data:`KEEP` entries
are kept.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from .codec import from_dicts, paused_gc, to_dict

log = logging.getLogger(__name__)

#: Entries kept (a store traced alternately on two crawls keeps both warm).
KEEP = 2

#: An entry is one ``run_cache`` row and its JSON cut into ``run_cache_part`` rows of at most
#: this many bytes: SQLite refuses a value over 1 GB (``SQLITE_MAX_LENGTH``), which the entry
#: of a 100,000-page trace passes.
PART_BYTES = 64 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS run_cache (key TEXT PRIMARY KEY, created REAL NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS run_cache_part (
    key TEXT NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, part));
"""


@cache
def package_version() -> str:
    """Hash of every source and data file of the ``provenance`` package (read once per process)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha1()
    for f in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json", ".txt") and p.is_file()):
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def corpus_state(db: sqlite3.Connection, run_ids: Sequence[str]) -> tuple[int, int]:
    """How many articles outside the run the corpus index signs, and its newest row: what
    decides which earlier articles can join the run as near-duplicates."""
    run = set(run_ids)
    count, newest = 0, 0
    for article, rowid in db.execute("SELECT article, rowid FROM signatures"):
        if article not in run:
            count += 1
            newest = max(newest, rowid)
    return count, newest


def run_key(run_ids: Sequence[str], settings: Sequence[object]) -> str:
    """The cache key of a run: its article ids, the package version and ``settings`` (the
    options, the registry fingerprint, the corpus state: anything else results depend on)."""
    h = hashlib.sha1(package_version().encode())
    h.update(repr(tuple(settings)).encode())
    h.update("\n".join(run_ids).encode())
    return h.hexdigest()


@dataclass(frozen=True)
class Sections:
    """The corpus-wide outputs of a run, as the trace hands them to its result.

    ``articles`` are ids (run first, then earlier articles that joined it); the articles
    themselves are in the store already.
    """

    articles: tuple[str, ...]
    values: dict[str, tuple[Any, ...]]


def get(db: sqlite3.Connection, key: str, types: dict[str, type]) -> Sections | None:
    """The cached sections under ``key`` (``types`` says the record type of each), if any."""
    db.executescript(_SCHEMA)
    if db.execute("SELECT 1 FROM run_cache WHERE key=?", (key,)).fetchone() is None:
        return None
    t0 = time.perf_counter()
    parts = db.execute("SELECT data FROM run_cache_part WHERE key=? ORDER BY part", (key,))
    payload = b"".join(row[0] for row in parts)
    if not payload:  # an entry without parts (written by an older version): a miss
        return None
    with paused_gc():
        data = orjson.loads(payload)
    values: dict[str, tuple[Any, ...]] = {
        name: tuple(from_dicts(tp, data[name])) for name, tp in types.items()
    }
    log.info("run cache: %s read back in %.2fs", key[:12], time.perf_counter() - t0)
    return Sections(tuple(data["articles"]), values)


def encoded(sections: Sections, batch: int = 10_000) -> Iterator[bytes]:
    """The cache entry's JSON (``{"articles": [...], <section>: [...], ...}``, compact), in
    pieces of ``batch`` records: records become dicts only while their piece is encoded, so a
    large run never holds a section as dicts beside its records (the related pairs of a
    100,000-page trace are about 1.5 million records)."""
    yield b'{"articles":' + orjson.dumps(list(sections.articles))
    for name, v in sections.values.items():
        yield b"," + orjson.dumps(name) + b":["
        for start in range(0, len(v), batch):
            piece = orjson.dumps(to_dict(list(v[start : start + batch])))[1:-1]  # without [ ]
            yield (b"," + piece) if start else piece
        yield b"]"
    yield b"}"


def _parts(pieces: Iterator[bytes], size: int) -> Iterator[bytes]:
    """The concatenation of ``pieces`` in consecutive parts of ``size`` bytes (the last shorter)."""
    buf = bytearray()
    for piece in pieces:
        view = memoryview(piece)
        while len(buf) + len(view) >= size:
            take = size - len(buf)
            buf += view[:take]
            yield bytes(buf)
            buf.clear()
            view = view[take:]
        buf += view
    if buf:
        yield bytes(buf)


def put(db: sqlite3.Connection, key: str, sections: Sections, part_bytes: int = PART_BYTES) -> None:
    """Store ``sections`` under ``key`` (in parts of ``part_bytes``) and drop all but the newest
    :data:`KEEP` entries, in one transaction: a run killed meanwhile leaves no partial entry."""
    db.executescript(_SCHEMA)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM run_cache_part WHERE key=?", (key,))
        db.execute("INSERT OR REPLACE INTO run_cache VALUES (?, ?, x'')", (key, time.time()))
        for n, part in enumerate(_parts(encoded(sections), part_bytes)):
            db.execute("INSERT INTO run_cache_part VALUES (?, ?, ?)", (key, n, part))
        keep = "SELECT key FROM run_cache ORDER BY created DESC LIMIT ?"
        db.execute(f"DELETE FROM run_cache WHERE key NOT IN ({keep})", (KEEP,))
        db.execute(f"DELETE FROM run_cache_part WHERE key NOT IN ({keep})", (KEEP,))
        db.commit()
    except BaseException:
        db.rollback()
        raise


def tables_hold(db: sqlite3.Connection, key: str) -> bool:
    """Whether the store's report tables were last written by the run ``key``."""
    row = db.execute("SELECT value FROM meta WHERE key='report_run'").fetchone()
    return row is not None and row[0] == key


def mark_tables(db: sqlite3.Connection, key: str | None) -> None:
    """Record that the report tables hold the run ``key`` (``None``: no known run)."""
    if key is None:
        db.execute("DELETE FROM meta WHERE key='report_run'")
    else:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('report_run', ?)", (key,))
    db.commit()
