"""The crawl folder a fetch writes: WARC files plus the ``manifest.jsonl`` the trace reads.

Crash safety comes from the order of writes.  Each page's records (every redirect hop and
the final response, each a request + response pair, one gzip member per record) are
appended to the run's WARC file and flushed to disk; only then is its manifest line
appended and flushed.  The manifest is therefore the commit log: a line names the file and
the byte range ``[offset, end)`` of a complete page.  On opening, anything past the last
committed byte of each WARC file (a record cut by ``kill -9``, or a complete one whose
manifest line never got written) is dropped, as is a manifest line cut half-way, so a
resumed fetch writes each page exactly once.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..errors import CrawlError
from .http import USER_AGENT, Exchange
from .urls import canonical

log = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
LOCK = ".fetch.lock"
WARC_PREFIX = "fetch-"
WARC_SUFFIX = ".warc.gz"


@dataclass(frozen=True)
class Committed:
    """One archived page as its manifest line records it."""

    file: str
    url: str
    requested: str
    fetched_at: str
    status: int
    offset: int
    end: int
    redirects: tuple[str, ...] = ()

    def line(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                "url": self.url,
                "fetched_at": self.fetched_at,
                "requested": self.requested,
                "status": self.status,
                "redirects": list(self.redirects),
                "offset": self.offset,
                "end": self.end,
            },
            ensure_ascii=False,
        )


def _complete_lines(path: Path) -> list[dict[str, Any]]:
    """The manifest's complete lines; a last line without its newline (cut by a crash) is
    cut off the file, since its page's records are dropped with it."""
    if not path.is_file():
        return []
    data = path.read_bytes()
    cut = data.rfind(b"\n") + 1
    if cut < len(data):
        log.warning(
            "%s: dropped an unfinished last line (%d bytes) left by an interrupted fetch",
            path,
            len(data) - cut,
        )
        os.truncate(path, cut)
    records: list[dict[str, Any]] = []
    for line in data[:cut].splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict):
            records.append(rec)
    return records


@dataclass
class CrawlArchive:
    """An open crawl folder: locked against a second fetch, repaired, appending to a new WARC."""

    folder: Path
    seen: set[str] = field(default_factory=set)
    committed: int = 0
    _lock: IO[bytes] | None = field(default=None, repr=False)
    _fh: IO[bytes] | None = field(default=None, repr=False)
    _writer: WARCWriter | None = field(default=None, repr=False)
    _name: str = ""

    def __enter__(self) -> CrawlArchive:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = (self.folder / LOCK).open("ab")
        except OSError as exc:
            raise CrawlError(
                f"{self.folder}: cannot write the crawl folder ({exc.strerror or exc})"
            ) from None
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise CrawlError(f"{self.folder}: another fetch is writing this crawl") from None
        self._repair()

    def _repair(self) -> None:
        records = _complete_lines(self.folder / MANIFEST)
        ends: dict[str, int] = {}
        for rec in records:
            for key in ("url", "requested"):
                if isinstance(rec.get(key), str):
                    self.seen.add(canonical(rec[key]))
            if isinstance(rec.get("file"), str) and isinstance(rec.get("end"), int):
                ends[rec["file"]] = max(ends.get(rec["file"], 0), rec["end"])
        for path in sorted(self.folder.glob(f"{WARC_PREFIX}*{WARC_SUFFIX}")):
            keep = ends.get(path.name, 0)
            size = path.stat().st_size
            if keep == 0:
                log.warning("%s: removed, no page in it was committed (an interrupted fetch)", path)
                path.unlink()
            elif size > keep:
                log.warning(
                    "%s: dropped %d bytes past the last committed page (an interrupted fetch)",
                    path,
                    size - keep,
                )
                os.truncate(path, keep)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None
        if self._lock is not None:
            if [p.name for p in self.folder.iterdir()] == [LOCK]:
                # nothing was archived: leave no empty crawl behind
                (self.folder / LOCK).unlink()
                self.folder.rmdir()
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def has(self, url: str) -> bool:
        return canonical(url) in self.seen

    def _start_file(self) -> tuple[IO[bytes], WARCWriter]:
        if self._fh is not None and self._writer is not None:
            return self._fh, self._writer
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        n = 1
        while (
            self.folder / (name := f"{WARC_PREFIX}{stamp}{'' if n == 1 else f'-{n}'}{WARC_SUFFIX}")
        ).exists():
            n += 1
        self._name = name
        self._fh = (self.folder / name).open("ab")
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        info = {
            "software": f"provenance/{__version__}",
            "format": "WARC File Format 1.1",
            "http-header-user-agent": USER_AGENT,
        }
        self._writer.write_record(self._writer.create_warcinfo_record(name, info))
        return self._fh, self._writer

    def commit(self, hops: Sequence[Exchange], requested: str) -> Committed:
        """Archive one page (its redirect hops, then the final response) and log it in the
        manifest once its records are on disk."""
        fh, writer = self._start_file()
        offset = fh.tell()
        for ex in hops:
            req, resp = _records(writer, ex)
            writer.write_request_response_pair(req, resp)
        fh.flush()
        os.fsync(fh.fileno())
        final = hops[-1]
        done = Committed(
            file=self._name,
            url=final.url,
            requested=requested,
            fetched_at=final.fetched_at,
            status=final.status,
            offset=offset,
            end=fh.tell(),
            redirects=tuple(ex.url for ex in hops[:-1]),
        )
        with (self.folder / MANIFEST).open("a", encoding="utf-8") as mf:
            mf.write(done.line() + "\n")
            mf.flush()
            os.fsync(mf.fileno())
        self.seen.update(
            {canonical(requested), canonical(final.url), *(canonical(u) for u in done.redirects)}
        )
        self.committed += 1
        return done


def _records(writer: WARCWriter, ex: Exchange) -> tuple[Any, Any]:
    warc_headers = {"WARC-Date": ex.fetched_at, "WARC-IP-Address": ex.address}
    response = writer.create_warc_record(
        ex.url,
        "response",
        payload=io.BytesIO(ex.body),
        length=len(ex.body),
        http_headers=StatusAndHeaders(
            f"{ex.status} {ex.reason}".strip(), list(ex.headers), protocol=ex.protocol
        ),
        warc_headers_dict=dict(warc_headers),
    )
    request = writer.create_warc_record(
        ex.url,
        "request",
        http_headers=StatusAndHeaders(ex.request_line, list(ex.request_headers), is_http_request=True),
        warc_headers_dict=dict(warc_headers),
    )
    return request, response
