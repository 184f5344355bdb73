"""The relational layout of a traced report in the store: tables a sqlite3 or datasette user
can query, and the report read back from them.

Each report section is a table with one column per field (spans as ``<field>_start`` and
``<field>_end``, nested lists as JSON text) and an ``extra`` JSON column for anything the
layout does not name, so an additive report field survives the round trip and
:func:`read_report` gives back the report that was written.  Beside them, tables derived for
querying: ``outlets``, ``speakers``, ``story_members``, ``claim_articles``, ``claim_hops``,
``passages``, ``citation_via``, ``quote_occurrences`` and ``run_articles`` (the trace's
articles in crawl order with their publication interval in UTC), and the ``copies`` view.
The ``articles`` table itself is the per-article cache; its fields are generated columns
read from the cached JSON, so a kill during extraction still leaves only whole rows.

Only the latest trace's results are kept (one transaction replaces them); ``runs`` lists
every trace.  Foreign keys are declared (``PRAGMA foreign_key_check`` is empty after a
trace) but not enforced at write time, which costs nothing and cannot fail a trace.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

ColType = Literal["TEXT", "REAL", "INTEGER", "BOOL", "SPAN", "JSON"]

# Generated columns of the cache table ``articles``: (name, SQL expression over ``data``).
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "json_extract(data, '$.title')"),
    ("byline", "json_extract(data, '$.byline')"),
    (
        "outlet",
        "lower(coalesce(json_extract(data, '$.outlet.domain'), json_extract(data, '$.outlet.name')))",
    ),
    ("outlet_name", "json_extract(data, '$.outlet.name')"),
    ("outlet_domain", "json_extract(data, '$.outlet.domain')"),
    ("published", "json_extract(data, '$.published.value')"),
    ("not_before", "json_extract(data, '$.published.not_before')"),
    ("not_after", "json_extract(data, '$.published.not_after')"),
    ("date_source", "json_extract(data, '$.published.source')"),
    ("canonical_url", "json_extract(data, '$.canonical_url')"),
    ("fetched_at", "json_extract(data, '$.fetched_at')"),
    ("text", "json_extract(data, '$.text')"),
)


@dataclass(frozen=True)
class Col:
    """One report field as a column; ``ref`` is the table(column) it points to."""

    key: str
    type: ColType = "TEXT"
    ref: str | None = None
    index: bool = False


@dataclass(frozen=True)
class Section:
    """One report section (a list of records) as one table, rows in report order.

    ``pk`` names a field that identifies a record (stories and claims have ids); other tables
    number their rows (``id`` = position in the report).  ``computed`` are columns for queries
    only, ``(column definition, SQL expression over the row)``, filled after the insert.
    """

    table: str
    key: str
    cols: tuple[Col, ...]
    pk: str | None = None
    computed: tuple[tuple[str, str], ...] = ()


_ART = "articles(id)"
SECTIONS: tuple[Section, ...] = (
    Section(
        "reuse",
        "reuse",
        (
            Col("source", ref=_ART, index=True),
            Col("target", ref=_ART, index=True),
            Col("kind"),
            Col("jaccard", "REAL"),
            Col("containment", "REAL"),
            Col("declared", "BOOL"),
            Col("credit", index=True),
            Col("aligned_chars", "INTEGER"),
            Col("direction_evidence"),
            Col("credit_evidence"),
            Col("alternatives", "JSON"),
            Col("passages", "JSON"),
        ),
    ),
    Section(
        "matches",
        "matches",
        (
            Col("first", ref=_ART, index=True),
            Col("second", ref=_ART, index=True),
            Col("containment_first_in_second", "REAL"),
            Col("containment_second_in_first", "REAL"),
            Col("jaccard", "REAL"),
            Col("aligned_chars", "INTEGER"),
            Col("quoted_share", "REAL"),
            Col("kind"),
        ),
    ),
    Section(
        "quotes",
        "quotes",
        (
            Col("article", ref=_ART, index=True),
            Col("text"),
            Col("kind"),
            Col("span", "SPAN"),
            Col("speaker", ref="speakers(id)", index=True),
            Col("speaker_span", "SPAN"),
            Col("cue"),
            Col("cue_span", "SPAN"),
        ),
    ),
    Section(
        "citations",
        "attributions",
        (
            Col("article", ref=_ART, index=True),
            Col("cited"),
            Col("cue"),
            Col("evidence"),
            Col("span", "SPAN"),
            Col("cited_domain"),
            Col("via", "JSON"),
            Col("mode"),
            Col("cited_kind"),
            Col("via_kinds", "JSON"),
            Col("outlet_domain"),
        ),
        computed=(
            (
                "outlet TEXT REFERENCES outlets(id)",
                # vague credit ("media reports said") names no outlet
                "CASE WHEN cited_kind = 'vague' THEN NULL ELSE lower(coalesce(outlet_domain, cited_domain, cited)) END",
            ),
        ),
    ),
    Section(
        "links",
        "links",
        (
            Col("article", ref=_ART, index=True),
            Col("url", index=True),
            Col("anchor"),
            Col("domain", index=True),
            Col("date_in_url"),
            Col("span", "SPAN"),
        ),
    ),
    Section(
        "stories",
        "stories",
        (Col("id"), Col("members", "JSON"), Col("origin", ref=_ART, index=True), Col("evidence")),
        pk="id",
    ),
    Section(
        "related",
        "related",
        (
            Col("first", ref=_ART, index=True),
            Col("second", ref=_ART, index=True),
            Col("jaccard", "REAL"),
            Col("containment", "REAL"),
            Col("shared_speakers", "JSON"),
            Col("claims", "JSON"),
        ),
    ),
    Section(
        "claims",
        "claims",
        (
            Col("id"),
            Col("text"),
            Col("first_article", ref=_ART, index=True),
            Col("first_span", "SPAN"),
            Col("articles", "JSON"),
            Col("hops", "JSON"),
            Col("drifted", "BOOL"),
        ),
        pk="id",
    ),
    Section(
        "shared_quotes",
        "shared_quotes",
        (Col("text"), Col("occurrences", "JSON"), Col("first_article", ref=_ART, index=True)),
    ),
    Section("problems", "problems", (Col("path"), Col("reason"), Col("skipped", "BOOL"))),
)

# Tables derived from the sections for querying: (DDL, indexes).  Rebuilt with every trace.
_DERIVED = """
CREATE TABLE IF NOT EXISTS run_articles (
    position INTEGER PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id),
    published_from TEXT, published_to TEXT);
CREATE INDEX IF NOT EXISTS run_articles_article ON run_articles(article);
CREATE TABLE IF NOT EXISTS outlets (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT, domain TEXT, articles INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS speakers (
    id TEXT PRIMARY KEY, name_key TEXT NOT NULL, quotes INTEGER NOT NULL, articles INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS speakers_name_key ON speakers(name_key);
CREATE TABLE IF NOT EXISTS story_members (
    story TEXT NOT NULL REFERENCES stories(id), position INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id), PRIMARY KEY (story, position));
CREATE INDEX IF NOT EXISTS story_members_article ON story_members(article);
CREATE TABLE IF NOT EXISTS claim_articles (
    claim TEXT NOT NULL REFERENCES claims(id), position INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id), PRIMARY KEY (claim, position));
CREATE INDEX IF NOT EXISTS claim_articles_article ON claim_articles(article);
CREATE TABLE IF NOT EXISTS claim_hops (
    claim TEXT NOT NULL REFERENCES claims(id), position INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES articles(id), target TEXT NOT NULL REFERENCES articles(id),
    changes INTEGER NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (claim, position));
CREATE TABLE IF NOT EXISTS passages (
    reuse INTEGER NOT NULL REFERENCES reuse(id), position INTEGER NOT NULL,
    source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER, text TEXT,
    PRIMARY KEY (reuse, position));
CREATE TABLE IF NOT EXISTS citation_via (
    citation INTEGER NOT NULL REFERENCES citations(id), position INTEGER NOT NULL, name TEXT NOT NULL,
    kind TEXT, outlet TEXT REFERENCES outlets(id), PRIMARY KEY (citation, position));
CREATE INDEX IF NOT EXISTS citation_via_outlet ON citation_via(outlet);
CREATE TABLE IF NOT EXISTS quote_occurrences (
    shared_quote INTEGER NOT NULL REFERENCES shared_quotes(id), position INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id), span_start INTEGER, span_end INTEGER, speaker TEXT,
    PRIMARY KEY (shared_quote, position));
CREATE INDEX IF NOT EXISTS quote_occurrences_article ON quote_occurrences(article);
CREATE TABLE IF NOT EXISTS graph_nodes (
    position INTEGER NOT NULL, id TEXT PRIMARY KEY, kind TEXT, label TEXT, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS graph_nodes_kind ON graph_nodes(kind);
CREATE TABLE IF NOT EXISTS graph_edges (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL REFERENCES graph_nodes(id),
    target TEXT NOT NULL REFERENCES graph_nodes(id), key TEXT, kind TEXT, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS graph_edges_source ON graph_edges(source);
CREATE INDEX IF NOT EXISTS graph_edges_target ON graph_edges(target);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL, paths TEXT NOT NULL,
    schema TEXT, sections TEXT NOT NULL);
CREATE VIEW IF NOT EXISTS copies AS
    SELECT r.id, r.source, r.target, s.outlet AS source_outlet, t.outlet AS target_outlet,
           s.url AS source_url, t.url AS target_url, r.kind, r.credit, r.declared, r.containment
    FROM reuse r JOIN articles s ON s.id = r.source JOIN articles t ON t.id = r.target;
"""
# Children before parents, so a delete never leaves a row pointing at nothing.
_DERIVED_TABLES = (
    "quote_occurrences",
    "citation_via",
    "passages",
    "claim_hops",
    "claim_articles",
    "story_members",
    "graph_edges",
    "graph_nodes",
    "run_articles",
    "speakers",
    "outlets",
)
_ABSENT = "__absent__"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(col: Col) -> list[str]:
    return [f"{col.key}_start", f"{col.key}_end"] if col.type == "SPAN" else [col.key]


def _ddl(sec: Section) -> list[str]:
    parts = (
        [f"position INTEGER NOT NULL, {_q(sec.pk)} TEXT PRIMARY KEY"]
        if sec.pk
        else ["id INTEGER PRIMARY KEY"]
    )
    for col in sec.cols:
        if col.key == sec.pk:
            continue
        sql = {"BOOL": "INTEGER", "SPAN": "INTEGER", "JSON": "TEXT"}.get(col.type, col.type)
        for name in _columns(col):
            parts.append(f"{_q(name)} {sql}" + (f" REFERENCES {col.ref}" if col.ref else ""))
    parts.append("extra TEXT")
    parts += [definition for definition, _ in sec.computed]  # after extra: never read back
    out = [f"CREATE TABLE IF NOT EXISTS {_q(sec.table)} ({', '.join(parts)})"]
    indexed = [_columns(c)[0] for c in sec.cols if c.index] + [d.split()[0] for d, _ in sec.computed]
    for name in indexed:
        out.append(f"CREATE INDEX IF NOT EXISTS {_q(sec.table + '_' + name)} ON {_q(sec.table)}({_q(name)})")
    return out


def create(db: sqlite3.Connection) -> None:
    """Create the result tables, the derived tables, the view and the cache's generated columns."""
    have = {row[1] for row in db.execute("PRAGMA table_xinfo(articles)")}
    if any(name not in have for name, _ in ARTICLE_COLUMNS):
        # under the write lock, looking again: two traces creating one store at once both
        # saw the columns missing, and the second one's ALTER failed ("duplicate column")
        db.commit()
        db.execute("BEGIN IMMEDIATE")
        have = {row[1] for row in db.execute("PRAGMA table_xinfo(articles)")}
        for name, expr in ARTICLE_COLUMNS:
            if name not in have:
                db.execute(f"ALTER TABLE articles ADD COLUMN {_q(name)} GENERATED ALWAYS AS ({expr}) VIRTUAL")
        db.commit()
    db.execute("CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_url ON articles(url)")
    for sec in SECTIONS:
        for stmt in _ddl(sec):
            db.execute(stmt)
    db.executescript(_DERIVED)
    db.execute("CREATE TABLE IF NOT EXISTS report_extra (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
    # every foreign key column leads an index, so a join from either side is a look-up
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
        led = {
            db.execute(f"PRAGMA index_info({_q(ix[1])})").fetchone()[2]
            for ix in db.execute(f"PRAGMA index_list({_q(table)})").fetchall()
        }
        for fk in db.execute(f"PRAGMA foreign_key_list({_q(table)})").fetchall():
            if fk[3] not in led:
                db.execute(
                    f"CREATE INDEX IF NOT EXISTS {_q(table + '_' + fk[3])} ON {_q(table)}({_q(fk[3])})"
                )
                led.add(fk[3])


# --------------------------------------------------------------------------- writing


def _fits(col: Col, value: Any) -> bool:
    if value is None or col.type == "JSON":
        return True
    if col.type == "BOOL":
        return isinstance(value, bool)
    if col.type == "SPAN":
        return (
            isinstance(value, list | tuple)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        )
    if col.type == "TEXT":
        return isinstance(value, str)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _row(sec: Section, position: int, record: Mapping[str, Any], dumps: Callable[[Any], str]) -> list[Any]:
    """One record as column values (in :func:`_ddl` order) and its ``extra`` JSON."""
    row: list[Any] = [position]
    named = {c.key for c in sec.cols}
    extra = {k: v for k, v in record.items() if k not in named}
    absent = []
    if sec.pk:
        row.append(record.get(sec.pk))
    for col in sec.cols:
        if col.key == sec.pk:
            continue
        if col.key not in record:
            absent.append(col.key)
        value = record.get(col.key)
        if not _fits(col, value):  # an unexpected shape keeps its value, in extra
            extra[col.key] = value
            value = None
        if col.type == "SPAN":
            row += [value[0], value[1]] if value is not None else [None, None]
        elif col.type == "JSON":
            row.append(None if value is None else dumps(value))
        else:
            row.append(value)
    if absent:
        extra[_ABSENT] = absent
    row.append(dumps(extra) if extra else None)
    return row


def _insert(
    db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    names = ", ".join(_q(c) for c in columns)
    marks = ", ".join("?" * len(columns))
    db.executemany(f"INSERT OR REPLACE INTO {_q(table)} ({names}) VALUES ({marks})", rows)


def _utc(value: Any, end: bool) -> str | None:
    """A date or datetime as a UTC instant (ISO); a bare date or a zoneless time widens to every
    zone on Earth (UTC+14 .. UTC-12), so the interval holds the true time whatever the zone."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        d = datetime.fromisoformat(text)
    except ValueError:
        return None
    if d.tzinfo is not None:
        return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if len(text) <= 10:
        d = d + timedelta(days=1) if end else d
    d = d + timedelta(hours=12) if end else d - timedelta(hours=14)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def publication_interval(published: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A report article's ``published`` as a UTC interval (ISO strings; ``None`` = open end)."""
    value = published.get("value")
    lo = _utc(value, end=False)
    hi = _utc(value, end=True)
    nb, na = _utc(published.get("not_before"), end=False), _utc(published.get("not_after"), end=True)
    if nb and (lo is None or nb > lo):
        lo = nb
    if na and (hi is None or na < hi):
        hi = na
    if lo and hi and lo > hi:  # contradictory bounds: keep the stated value's own interval
        lo, hi = _utc(value, end=False) or lo, _utc(value, end=True) or hi
    return lo, hi


def write_report(
    db: sqlite3.Connection,
    paths: Sequence[str],
    report: Mapping[str, Any],
    cache_article: Callable[[Mapping[str, Any]], tuple[str, str, str | None, str]],
) -> None:
    """Replace the stored results with ``report`` (one transaction: all or nothing).

    ``cache_article`` turns a report article missing from the cache into a cache row
    ``(id, path, url, data)``, so every foreign key has its article (a report not made by a
    trace of this store, e.g. in tests).
    """
    dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode
    with db:
        for table in _DERIVED_TABLES:
            db.execute(f"DELETE FROM {_q(table)}")
        for sec in SECTIONS:
            db.execute(f"DELETE FROM {_q(sec.table)}")
        db.execute("DELETE FROM report_extra")

        articles = list(report.get("articles") or [])
        have = {r[0] for r in db.execute("SELECT id FROM articles")}
        missing = [cache_article(a) for a in articles if a["id"] not in have]
        db.executemany(
            "INSERT OR IGNORE INTO articles (id, path, url, data, stored_at) VALUES (?, ?, ?, ?, ?)",
            [(*m, time.time()) for m in missing],
        )
        _insert(
            db,
            "run_articles",
            ("position", "article", "published_from", "published_to"),
            ((i, a["id"], *publication_interval(a.get("published") or {})) for i, a in enumerate(articles)),
        )
        outlets = _publishers(articles)  # id -> [kind, name, domain, articles]; cited ones join
        del articles
        # each section is read once, and its derived tables written from it then: a report
        # that builds its sections when read (provenance.report.json_report.Report) never
        # holds two at once
        for sec in SECTIONS:
            items = report.get(sec.key) or []
            cols = ["position", sec.pk] if sec.pk else ["id"]
            cols += [n for c in sec.cols if c.key != sec.pk for n in _columns(c)] + ["extra"]
            _insert(db, sec.table, cols, (_row(sec, i, r, dumps) for i, r in enumerate(items)))
            for definition, expr in sec.computed:
                db.execute(f"UPDATE {_q(sec.table)} SET {_q(definition.split()[0])} = {expr}")
            derive = _DERIVED_FROM.get(sec.key)
            if derive is not None:
                derive(db, items, outlets)
            del items
        _insert(
            db, "outlets", ("id", "kind", "name", "domain", "articles"), ((k, *v) for k, v in outlets.items())
        )
        _write_graph(db, report.get("graph") or {}, dumps)
        known = {"schema", "articles", "graph", *(s.key for s in SECTIONS)}
        db.executemany(
            "INSERT INTO report_extra VALUES (?, ?)",
            [(k, dumps(report[k])) for k in report if k not in known],
        )
        sections = list(report)  # the report's keys, in its order
        db.execute(
            "INSERT INTO runs (created, paths, schema, sections) VALUES (?, ?, ?, ?)",
            (time.time(), json.dumps(list(paths)), report.get("schema"), json.dumps(sections)),
        )


def _outlet_id(name: Any, domain: Any) -> str | None:
    key = domain or name
    return str(key).lower() if key else None


def _publishers(articles: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """The outlets that publish the report's articles: id -> [kind, name, domain, articles]."""
    outlets: dict[str, list[Any]] = {}
    for a in articles:
        o = a.get("outlet") or {}
        oid = _outlet_id(o.get("name"), o.get("domain"))
        if oid:
            entry = outlets.setdefault(oid, ["outlet", o.get("name"), o.get("domain"), 0])
            entry[0] = "outlet"  # something that publishes pages is an outlet
            entry[1] = entry[1] or o.get("name")
            entry[2] = entry[2] or o.get("domain")
            entry[3] += 1
    return outlets


def _citations_via(db: sqlite3.Connection, cites: Sequence[Any], outlets: dict[str, list[Any]]) -> None:
    """``citation_via`` rows; outlets cited but publishing nothing here join ``outlets``."""

    def cited_outlet(name: Any, domain: Any, kind: Any) -> str | None:
        oid = _outlet_id(name, domain)
        if oid and oid not in outlets:
            outlets[oid] = [str(kind or "unknown"), name, domain, 0]
        return oid

    via_rows = []
    for i, c in enumerate(cites):
        if c.get("cited_kind") != "vague":  # vague credit names no outlet
            cited_outlet(c.get("cited"), c.get("outlet_domain") or c.get("cited_domain"), c.get("cited_kind"))
        kinds = list(c.get("via_kinds") or [])
        for j, name in enumerate(c.get("via") or []):
            kind = kinds[j] if j < len(kinds) else None
            via_rows.append((i, j, name, kind, cited_outlet(name, None, kind)))
    _insert(db, "citation_via", ("citation", "position", "name", "kind", "outlet"), via_rows)


def _speakers(db: sqlite3.Connection, quotes: Sequence[Any], _outlets: object) -> None:
    speakers: dict[str, list[Any]] = {}
    for q in quotes:
        name = q.get("speaker")
        if isinstance(name, str) and name:
            entry = speakers.setdefault(name, [name.lower(), 0, set()])
            entry[1] += 1
            entry[2].add(q.get("article"))
    _insert(
        db,
        "speakers",
        ("id", "name_key", "quotes", "articles"),
        ((k, v[0], v[1], len(v[2])) for k, v in speakers.items()),
    )


def _story_members(db: sqlite3.Connection, stories: Sequence[Any], _outlets: object) -> None:
    _insert(
        db,
        "story_members",
        ("story", "position", "article"),
        ((s.get("id"), j, m) for s in stories for j, m in enumerate(s.get("members") or [])),
    )


def _claim_rows(db: sqlite3.Connection, items: Sequence[Any], _outlets: object) -> None:
    claims = [c for c in items if isinstance(c, Mapping)]
    _insert(
        db,
        "claim_articles",
        ("claim", "position", "article"),
        ((c.get("id"), j, a) for c in claims for j, a in enumerate(c.get("articles") or [])),
    )
    _insert(
        db,
        "claim_hops",
        ("claim", "position", "source", "target", "changes", "tags"),
        (
            (
                c.get("id"),
                j,
                h.get("source"),
                h.get("target"),
                len(h.get("changes") or []),
                ", ".join(h.get("tags") or []),
            )
            for c in claims
            for j, h in enumerate(c.get("hops") or [])
        ),
    )


def _passages(db: sqlite3.Connection, reuse: Sequence[Any], _outlets: object) -> None:
    _insert(
        db,
        "passages",
        ("reuse", "position", "source_start", "source_end", "target_start", "target_end", "text"),
        (
            (
                i,
                j,
                *(p.get("source_span") or (None, None)),
                *(p.get("target_span") or (None, None)),
                p.get("text"),
            )
            for i, e in enumerate(reuse)
            for j, p in enumerate(e.get("passages") or [])
        ),
    )


def _occurrences(db: sqlite3.Connection, shared: Sequence[Any], _outlets: object) -> None:
    _insert(
        db,
        "quote_occurrences",
        ("shared_quote", "position", "article", "span_start", "span_end", "speaker"),
        (
            (i, j, o.get("article"), *(o.get("span") or (None, None)), o.get("speaker"))
            for i, sq in enumerate(shared)
            for j, o in enumerate(sq.get("occurrences") or [])
        ),
    )


#: Derived tables written from one report section, as that section is stored.
_DERIVED_FROM: dict[str, Callable[[sqlite3.Connection, Sequence[Any], dict[str, list[Any]]], None]] = {
    "attributions": _citations_via,
    "quotes": _speakers,
    "stories": _story_members,
    "claims": _claim_rows,
    "reuse": _passages,
    "shared_quotes": _occurrences,
}


def _write_graph(db: sqlite3.Connection, graph: Mapping[str, Any], dumps: Callable[[Any], str]) -> None:
    edge_key = "edges" if "edges" in graph else "links"
    _insert(
        db,
        "graph_nodes",
        ("position", "id", "kind", "label", "data"),
        (
            (i, n.get("id"), n.get("kind"), n.get("label"), dumps(n))
            for i, n in enumerate(graph.get("nodes") or [])
        ),
    )
    _insert(
        db,
        "graph_edges",
        ("id", "source", "target", "key", "kind", "data"),
        (
            (i, e.get("source"), e.get("target"), e.get("key"), e.get("kind"), dumps(e))
            for i, e in enumerate(graph.get(edge_key) or [])
        ),
    )
    meta = {k: v for k, v in graph.items() if k not in ("nodes", edge_key)}
    db.execute(
        "INSERT INTO report_extra VALUES ('graph', ?)",
        (dumps({"meta": meta, "edge_key": edge_key}),),
    )


# --------------------------------------------------------------------------- reading


def _record(sec: Section, row: Sequence[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    i = 1  # after position
    if sec.pk:
        out[sec.pk] = row[i]
        i += 1
    for col in sec.cols:
        if col.key == sec.pk:
            continue
        if col.type == "SPAN":
            s, e = row[i], row[i + 1]
            out[col.key] = [s, e] if s is not None else None
            i += 2
            continue
        v = row[i]
        i += 1
        if col.type == "BOOL" and v is not None:
            v = bool(v)
        elif col.type == "JSON" and v is not None:
            v = json.loads(v)
        out[col.key] = v
    if row[i]:
        extra = json.loads(row[i])
        for k in extra.pop(_ABSENT, []):
            out.pop(k, None)
        out.update(extra)
    # the report's own key order: the pk first only when the report put it first
    if sec.pk and sec.cols and sec.cols[0].key != sec.pk:
        out[sec.pk] = out.pop(sec.pk)
    return out


def has_report(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM runs LIMIT 1").fetchone() is not None


def read_report(
    db: sqlite3.Connection, article: Callable[[str], dict[str, Any] | None]
) -> dict[str, Any] | None:
    """The latest trace's report, as :func:`write_report` was given it (``None``: no trace yet).

    ``article`` gives a report article from the cache by id.
    """
    run = db.execute("SELECT schema, sections FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    if run is None:
        return None
    parts: dict[str, Any] = {"schema": run[0]}
    parts["articles"] = [
        a
        for (aid,) in db.execute("SELECT article FROM run_articles ORDER BY position")
        if (a := article(aid))
    ]
    extra = {k: json.loads(v) for k, v in db.execute("SELECT key, data FROM report_extra")}
    for sec in SECTIONS:
        order = "position" if sec.pk else "id"
        rows = db.execute(f"SELECT * FROM {_q(sec.table)} ORDER BY {order}").fetchall()
        parts[sec.key] = [_record(sec, r) for r in rows]
    g = extra.pop("graph", {"meta": {}, "edge_key": "edges"})
    parts["graph"] = {
        **g["meta"],
        "nodes": [json.loads(d) for (d,) in db.execute("SELECT data FROM graph_nodes ORDER BY position")],
        g["edge_key"]: [json.loads(d) for (d,) in db.execute("SELECT data FROM graph_edges ORDER BY id")],
    }
    parts.update(extra)
    report = {k: parts[k] for k in json.loads(run[1]) if k in parts}  # the sections the report had
    return report


# --------------------------------------------------------------------------- CSV


def user_tables(db: sqlite3.Connection) -> list[str]:
    """The tables and views a user queries, in a reading order (the cache's bookkeeping left out)."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    first = ["articles", "run_articles", "outlets", *(s.table for s in SECTIONS), "speakers"]
    internal = {"meta", "signatures", "stage_output", "report_extra", "sqlite_sequence"}
    return [n for n in first if n in names] + sorted(n for n in names if n not in first and n not in internal)


def export_csv(db: sqlite3.Connection, folder: Path) -> list[Path]:
    """Every user table as ``folder/<table>.csv`` (a header row, UTF-8), for a spreadsheet.

    ``articles`` is written without the cache's JSON column (its fields are columns already).
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in user_tables(db):
        cols = [
            r[1]
            for r in db.execute(f"PRAGMA table_xinfo({_q(name)})")
            if r[1] != "data" or name != "articles"
        ]
        path = folder / f"{name}.csv"
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(cols)
            out.writerows(db.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {_q(name)}"))
        tmp.replace(path)
        written.append(path)
    return written
