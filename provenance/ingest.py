"""Ingest stage: turn crawl paths into :class:`RawDocument` objects, one file at a time.

A crawl is a folder of documents (.html, .htm, .txt, optionally gzip-compressed) plus an
optional ``manifest.jsonl`` (``file``, ``url``, ``fetched_at``; null where unknown), a
JSONL file of records (``url``, ``html`` or ``text``, ``fetched_at``), or WARC files
(``.warc``, ``.warc.gz``, the CC-NEWS layout), streamed record by record with warcio.

Everything here is checked at the edge, because a crawl is written by strangers:

* only regular files are opened (a FIFO would block the run forever, ``/dev/zero`` never
  ends), and reads are capped by the bytes actually read, never by what ``stat`` claims;
* a symbolic link that leaves the crawl folder is refused unless ``follow_symlinks``;
* manifest, JSONL and WARC records are checked field by field (types, lone surrogates,
  nesting, dates); a record whose content is unusable is refused naming its line, a bad
  metadata field is dropped with a warning naming its line, and the next line goes on.

Bad input never stops a run: each bad file or record is yielded as an :class:`InputError`
(skipped) or a :class:`Problem` (a warning about a document that is still read), and the
caller counts it and goes on.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import logging
import os
import re
import stat
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .errors import InputError, Problem
from .models import MediaType, RawDocument, UnchangedDocument
from .textsafe import path_text

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.jsonl"
_SUFFIXES: dict[str, MediaType] = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}
# Markup that makes a .txt file an HTML fragment (the seed crawl has one): a closing tag
# of a common element or a line break; "a < b" or "<3" in prose never matches.
_MARKUP = re.compile(
    rb"</(?:a|p|div|span|li|ul|h[1-6]|em|strong|b|i|article|section|body|html)\s*>|<br\s*/?>", re.I
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: JSON escapes can make a line up to six times longer than the text it holds.
_JSON_GROWTH = 6
#: Deepest JSON nesting a manifest line or a JSONL record may have (they are flat objects).
_MAX_JSON_DEPTH = 32

Item = RawDocument | UnchangedDocument | InputError | Problem

#: ``known(path, size, mtime_ns, url)``: the id of the document a previous run read from
#: this file when it had this size and modification time, if nothing about it needs
#: computing again; ``None`` to read the file.
KnownFile = Callable[[str, int, int, "str | None"], "str | None"]

#: A file modified this recently (nanoseconds) is read even when its state matches: a write
#: within the same clock tick as the previous read would keep size and time unchanged.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None
    fetched_at: str | None
    line: int = 0


@dataclass
class _Manifest:
    """One folder's manifest: entries by file name (relative to that folder), and which were used."""

    path: Path
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def document_id(content: bytes, url: str | None, name: str = "") -> str:
    """Stable article id: a hash of the page's bytes and where it was published.

    Where = its URL; without one, its file name (not the folder), so the same crawl traced
    from another folder keeps its ids, while two outlets' identical texts stay two articles.
    """
    h = hashlib.sha256()
    h.update((url or f"file:{name}").encode("utf-8", errors="backslashreplace"))
    h.update(b"\0")
    h.update(content)
    return h.hexdigest()[:16]


def media_type_of(path: Path, content: bytes) -> MediaType | None:
    """html or text from the file name, sniffing .txt files for HTML fragments."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    kind = _SUFFIXES.get(Path(name).suffix)
    if kind == "text" and _MARKUP.search(content[:200_000]):
        return "html"
    return kind


def is_supported(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix in _SUFFIXES


# --------------------------------------------------------------------------- field checks


def _depth_ok(line: bytes) -> bool:
    """True when the JSON text cannot nest deeper than :data:`_MAX_JSON_DEPTH` (a cheap
    over-estimate: brackets inside strings count too), so ``json.loads`` never recurses far."""
    depth = 0
    for m in re.finditer(rb"[\[\]{}]", line[: 1 << 20] if len(line) > 1 << 20 else line):
        depth += 1 if m.group() in (b"[", b"{") else -1
        if depth > _MAX_JSON_DEPTH:
            return False
    return True


def _json_object(line: bytes) -> dict[str, Any]:
    """One JSON object from a line, or ValueError with a short reason."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start}") from None
    if not _depth_ok(line):
        raise ValueError(f"JSON nested deeper than {_MAX_JSON_DEPTH} levels")
    try:
        rec = json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except ValueError as exc:
        raise ValueError(f"not JSON ({str(exc).split(':')[0]})") from None
    if not isinstance(rec, dict):
        raise ValueError(f"a JSON {type(rec).__name__}, not an object")
    return rec


def _text_field(rec: dict[str, Any], key: str) -> str | None:
    """A string field (None when absent or null); ValueError naming the field otherwise."""
    value = rec.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string or null, not {type(value).__name__}")
    if _SURROGATE.search(value):
        raise ValueError(f"'{key}' holds invalid Unicode (a lone surrogate)")
    return value


def valid_timestamp(value: str) -> bool:
    """True for an ISO 8601 date or date-time (what PROV-O's xsd:date/xsd:dateTime accept)."""
    v = value.strip()
    if not re.match(r"\d{4}-\d{2}-\d{2}", v):
        return False
    try:
        datetime.fromisoformat(v[:-1] + "+00:00" if v.endswith(("Z", "z")) else v)
    except ValueError:
        return False
    return True


def _metadata(rec: dict[str, Any], where: str, line: int) -> tuple[str | None, str | None, list[Problem]]:
    """``url`` and ``fetched_at`` of a record; a bad one is dropped with a warning."""
    warnings: list[Problem] = []
    out: list[str | None] = []
    for key in ("url", "fetched_at"):
        try:
            value = _text_field(rec, key)
            if value is not None and not value.strip():
                value = None
            if key == "fetched_at" and value is not None and not valid_timestamp(value):
                raise ValueError(f"'fetched_at' is not an ISO 8601 date ({value[:40]!r})")
            out.append(value)
        except ValueError as exc:
            warnings.append(Problem(where, f"{exc}; field ignored", False, "read", line))
            out.append(None)
    return out[0], out[1], warnings


# --------------------------------------------------------------------------- safe reading


def _open_fd(path: Path) -> int:
    """``os.open`` of a path for reading; non-blocking, so a FIFO swapped in after the
    check cannot hang the run."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop resolves to nothing
        return False


def open_regular(path: Path, root: Path | None = None, follow_symlinks: bool = False) -> IO[bytes]:
    """Open ``path`` for binary reading, or raise :class:`InputError` saying why not.

    Only regular files are opened (checked before opening and again on the open descriptor);
    a symbolic link that resolves outside ``root`` (the crawl folder) is refused unless
    ``follow_symlinks``.
    """
    name = path_text(path)
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot stat ({exc.strerror or exc})") from None
    if stat.S_ISLNK(lst.st_mode) and root is not None and not follow_symlinks and not _inside(path, root):
        try:
            target = path_text(os.readlink(path))
        except OSError:
            target = "?"
        raise InputError(name, f"symbolic link leaving the crawl (-> {target}); see --follow-symlinks")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(name, "broken symbolic link") from None
    except OSError as exc:
        raise InputError(name, f"cannot stat ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(name, f"{_kind(st.st_mode)}, not a regular file")
    try:
        fd = _open_fd(path)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"unreadable ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(name, f"{_kind(mode)}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_with_state(
    path: Path, max_bytes: int, root: Path | None = None, follow_symlinks: bool = False
) -> tuple[bytes, tuple[int, int]]:
    """The file's bytes (gunzipped) and its ``(size, mtime_ns)`` when opened."""
    name = path_text(path)
    gz = path.name.lower().endswith(".gz")
    with open_regular(path, root, follow_symlinks) as fh:
        opened = os.fstat(fh.fileno())
        size = opened.st_size
        if size > max_bytes and not gz:
            raise InputError(name, f"too large ({_size(size)} > {_size(max_bytes)} limit; see --max-bytes)")
        try:
            if gz:
                with gzip.GzipFile(fileobj=fh, mode="rb") as zf:
                    data = zf.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise InputError(name, f"too large once decompressed (> {_size(max_bytes)} limit)")
            else:
                data = fh.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise InputError(name, f"too large (> {_size(max_bytes)} limit; see --max-bytes)")
        except InputError:
            raise
        except PermissionError:
            raise InputError(name, "permission denied") from None
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(name, f"corrupt gzip data ({str(exc)[:60] or type(exc).__name__})") from None
        except OSError as exc:
            raise InputError(name, f"unreadable ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(name, "empty file")
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and not _utf16(data):
        raise InputError(name, "binary content, not a text or HTML document")
    return data, (opened.st_size, opened.st_mtime_ns)


def _utf16(data: bytes) -> bool:
    """UTF-16 text without a byte-order mark: NULs on every other byte of the ASCII in it."""
    head = data[:4096]
    half = len(head) // 2
    if half < 2:
        return False
    return head[0::2].count(0) > 0.9 * half or head[1::2].count(0) > 0.9 * half


def read_file(
    path: Path,
    entry: ManifestEntry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: Path | None = None,
    follow_symlinks: bool = False,
) -> RawDocument:
    """Read one document; raises :class:`InputError` with a one-line reason when unusable."""
    data, state = _read_with_state(path, max_bytes, root, follow_symlinks)
    kind = media_type_of(path, data)
    if kind is None:
        raise InputError(
            path_text(path), "unsupported file type (expected .html, .htm, .txt, optionally .gz)"
        )
    url = entry.url if entry else None
    return RawDocument(
        id=document_id(data, url, path_text(path.name)),
        path=path_text(path),
        content=data,
        media_type=kind,
        url=url,
        fetched_at=entry.fetched_at if entry else None,
        file_state=state if not path.is_symlink() and time.time_ns() - state[1] > RACY_NS else None,
    )


def _lines(fh: IO[bytes], cap: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` with at most ``cap`` bytes held; a longer line is skipped
    (read through in pieces) and given as None."""
    n = 0
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        n += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


# --------------------------------------------------------------------------- manifests


def read_manifest(
    folder: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[dict[str, ManifestEntry], list[InputError | Problem]]:
    """Read ``folder/manifest.jsonl``; each bad line is a problem naming the line, never a crash.

    A line is refused when it is not a JSON object, has no usable ``file`` (missing, not a
    string, an absolute path, a path leaving the folder); a bad ``url`` or ``fetched_at`` is
    dropped with a warning and the rest of the line is kept.
    """
    entries: dict[str, ManifestEntry] = {}
    errors: list[InputError | Problem] = []
    path = folder / MANIFEST
    where = path_text(path)
    if not path.is_file() and not path.is_symlink():
        return entries, errors
    try:
        fh = open_regular(path, folder.resolve())
    except InputError as exc:
        return entries, [InputError(exc.path, f"manifest: {exc.reason}")]
    with fh:
        for i, line in _lines(fh, 1 << 20):
            if line is None:
                errors.append(InputError(where, "manifest line longer than 1 MB", record=i))
                continue
            if not line.strip():
                continue
            try:
                rec = _json_object(line)
                name = _text_field(rec, "file")
                if not name or not name.strip():
                    raise ValueError("no 'file' name")
                rel = PurePosixPath(name.replace("\\", "/"))
                if rel.is_absolute() or re.match(r"^[A-Za-z]:", name):
                    raise ValueError(f"'file' is an absolute path ({name[:60]!r})")
                if ".." in rel.parts:
                    raise ValueError(f"'file' leaves the crawl folder ({name[:60]!r})")
            except ValueError as exc:
                errors.append(InputError(where, f"manifest line refused: {exc}", record=i))
                continue
            url, fetched_at, warnings = _metadata(rec, where, i)
            errors.extend(warnings)
            entries[str(rel)] = ManifestEntry(url, fetched_at, i)
    return entries, errors


# --------------------------------------------------------------------------- JSONL and WARC


def _read_jsonl(
    path: Path, max_bytes: int, root: Path | None = None, follow_symlinks: bool = False
) -> Iterator[Item]:
    """A JSONL crawl: one record a line with ``html`` or ``text`` and optional url/fetched_at.

    Each line stands alone: a bad byte, a wrong type or an absurd nesting costs that line
    (named by number), and reading goes on with the next.
    """
    name = path_text(path)
    try:
        fh = open_regular(path, root, follow_symlinks)
    except InputError as exc:
        yield exc
        return
    records = 0
    with fh:
        try:
            for i, line in _lines(fh, max_bytes * _JSON_GROWTH + 1024):
                if line is None:
                    records += 1
                    yield InputError(name, f"record too large (> {_size(max_bytes)} limit)", record=i)
                    continue
                if not line.strip():
                    continue
                records += 1
                try:
                    rec = _json_object(line)
                    html, text = _text_field(rec, "html"), _text_field(rec, "text")
                    body = html if html is not None else text
                    if body is None:
                        raise ValueError("needs an 'html' or 'text' string")
                    if not body.strip():
                        raise ValueError("empty 'html' or 'text'")
                except ValueError as exc:
                    yield InputError(name, f"record refused: {exc}", record=i)
                    continue
                data = body.encode("utf-8")
                if len(data) > max_bytes:
                    yield InputError(
                        name, f"too large ({_size(len(data))} > {_size(max_bytes)} limit)", record=i
                    )
                    continue
                url, fetched_at, warnings = _metadata(rec, name, i)
                yield from warnings
                kind: MediaType = "html" if html is not None else "text"
                yield RawDocument(document_id(data, url), f"{name}:{i}", data, kind, url, fetched_at)
        except OSError as exc:
            yield InputError(name, f"unreadable ({exc.strerror or exc})")
            return
    if not records:
        yield InputError(name, "no records (an empty JSONL file)")


def _is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def _read_warc(
    path: Path, max_bytes: int, root: Path | None = None, follow_symlinks: bool = False
) -> Iterator[Item]:
    """Stream the HTML responses of a WARC file; each record's URI and date fill the manifest fields.

    Records are read one at a time, so memory stays flat however large the file is.  A record
    without a type, a record warcio cannot parse and a file with no usable record each get a
    line; other record types (requests, metadata) and non-HTML responses are not documents.
    """
    from warcio.archiveiterator import ArchiveIterator

    name = path_text(path)
    try:
        fh = open_regular(path, root, follow_symlinks)
    except InputError as exc:
        yield exc
        return
    records = docs = refused = 0
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if not (head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b")):
            yield InputError(name, "not a WARC file (no WARC/ header)")
            return
        it = ArchiveIterator(fh)
        records_of = iter(it)
        try:
            while True:
                # warcio writes its warnings (with raw bytes of the record) straight to stderr;
                # they are counted instead, and become a line naming the record
                errs = it.err_count
                with contextlib.redirect_stderr(io.StringIO()):
                    record = next(records_of, None)
                if it.err_count > errs and records:
                    yield Problem(
                        name,
                        "WARC record not followed by a blank line (wrong Content-Length?)",
                        False,
                        "read",
                        records,
                    )
                if record is None:
                    break
                records += 1
                if record.rec_type is None:
                    refused += 1
                    with contextlib.redirect_stderr(io.StringIO()):
                        offset = it.get_record_offset()  # reads the record through
                    yield InputError(
                        name, f"malformed WARC record at byte {offset} (no WARC-Type)", record=records
                    )
                    continue
                if record.rec_type not in ("response", "resource"):
                    continue
                status = record.http_headers.get_statuscode() if record.http_headers else "200"
                if not str(status).startswith("2"):
                    continue  # a redirect hop or an error page the fetcher archived beside the page
                ctype = (
                    (record.http_headers.get_header("Content-Type") if record.http_headers else None)
                    or record.rec_headers.get_header("Content-Type")
                    or ""
                ).lower()
                if "html" not in ctype and "text/plain" not in ctype:
                    continue
                data = record.content_stream().read(max_bytes + 1)
                with contextlib.redirect_stderr(io.StringIO()):
                    where = f"{name}#{it.get_record_offset()}"
                if len(data) > max_bytes:
                    refused += 1
                    yield InputError(
                        name,
                        f"record too large (> {_size(max_bytes)} limit; see --max-bytes)",
                        record=records,
                    )
                    continue
                if not data.strip():
                    refused += 1
                    yield InputError(name, "empty record", record=records)
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or None
                date = record.rec_headers.get_header("WARC-Date") or None
                if date is not None and not valid_timestamp(date):
                    yield Problem(
                        name,
                        f"WARC-Date is not an ISO 8601 date ({date[:40]!r}); ignored",
                        False,
                        "read",
                        records,
                    )
                    date = None
                docs += 1
                kind: MediaType = "html" if "html" in ctype else "text"
                yield RawDocument(document_id(data, url), where, data, kind, url, date)
        except Exception as exc:  # warcio raises assorted errors on corrupt input; the file ends here
            first = str(exc).splitlines()[0][:80] if str(exc) else exc.__class__.__name__
            yield InputError(name, f"corrupt WARC after {records} records ({first})")
            return
    if not docs and not refused:
        yield InputError(name, f"no HTML or plain-text records in {records} WARC records")


# --------------------------------------------------------------------------- crawls


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    follow_symlinks: bool = False,
    known: KnownFile | None = None,
) -> Iterator[Item]:
    """Yield every document under ``paths`` (files or folders, walked in sorted order).

    Errors are yielded, not raised, so one bad file costs one line and the run goes on.
    A named file's crawl folder is its parent folder (for the symbolic-link rule).

    With ``known``, a crawl folder's file that ``known`` recognises by its path, size and
    modification time is not read: an :class:`UnchangedDocument` stands for it (a re-run of
    an unchanged crawl costs a ``stat`` per file, as ``git status`` does, not reading and
    gunzipping every page).
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _iter_folder(path, max_bytes, follow_symlinks, known)
            continue
        if not path.exists() and not path.is_symlink():
            yield InputError(path_text(path), "no such file or directory")
            continue
        root = path.parent.resolve()
        if _is_warc(path):
            yield from _read_warc(path, max_bytes, root, follow_symlinks)
        elif path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, max_bytes, root, follow_symlinks)
        else:
            manifest, _ = read_manifest(path.parent, max_bytes)
            try:
                yield read_file(path, manifest.get(path.name), max_bytes, root, follow_symlinks)
            except InputError as exc:
                yield exc


def _unchanged(path: Path, url: str | None, known: KnownFile | None) -> UnchangedDocument | None:
    """The :class:`UnchangedDocument` for a regular file (not a link) ``known`` recognises."""
    if known is None:
        return None
    try:
        st = os.lstat(path)
    except OSError:
        return None  # the read says why
    if not stat.S_ISREG(st.st_mode) or time.time_ns() - st.st_mtime_ns <= RACY_NS:
        return None
    name = path_text(path)
    doc_id = known(name, st.st_size, st.st_mtime_ns, url)
    return UnchangedDocument(doc_id, name) if doc_id is not None else None


def _iter_folder(
    folder: Path, max_bytes: int, follow_symlinks: bool, known: KnownFile | None = None
) -> Iterator[Item]:
    """Walk ``folder`` (and, with ``follow_symlinks``, linked folders outside it, once each)."""
    root = folder.resolve()
    manifests: dict[Path, _Manifest] = {}
    seen_dirs: set[Path] = set()
    pending = [folder]
    while pending:
        top = pending.pop(0)
        walk_errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(top, onerror=walk_errors.append):
            here = Path(dirpath)
            yield from (
                InputError(path_text(e.filename or dirpath), f"unreadable folder ({e.strerror or e})")
                for e in walk_errors
            )
            walk_errors.clear()
            real = here.resolve()
            if real in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add(real)
            dirnames.sort()
            for d in list(dirnames):
                sub = here / d
                if sub.is_symlink():
                    dirnames.remove(d)
                    if _inside(sub, root):
                        log.info("%s: linked folder inside the crawl, read at its own place", path_text(sub))
                    elif follow_symlinks:
                        pending.append(sub)
                    else:
                        yield InputError(
                            path_text(sub),
                            "symbolic link to a folder outside the crawl; see --follow-symlinks",
                        )
            entries, errors = read_manifest(here, max_bytes)
            yield from errors
            manifests[here] = _Manifest(here / MANIFEST, entries)
            for name in sorted(filenames):
                path = here / name
                if name == MANIFEST:
                    continue
                if name.lower().endswith(".jsonl"):
                    _entry(manifests, here, name)  # read record by record; a manifest may name it
                    yield from _read_jsonl(path, max_bytes, root, follow_symlinks)
                    continue
                if _is_warc(path):
                    _entry(manifests, here, name)  # a fetch's manifest names its WARC files
                    yield from _read_warc(path, max_bytes, root, follow_symlinks)
                    continue
                if not is_supported(path):
                    log.info("ignoring %s (not a crawl document)", path_text(path))
                    continue
                entry = _entry(manifests, here, name)
                unchanged = _unchanged(path, entry.url if entry else None, known)
                if unchanged is not None:
                    yield unchanged
                    continue
                try:
                    yield read_file(path, entry, max_bytes, root, follow_symlinks)
                except InputError as exc:
                    yield exc
        yield from (
            InputError(path_text(e.filename or top), f"unreadable folder ({e.strerror or e})")
            for e in walk_errors
        )
    for m in manifests.values():
        for name, entry in m.entries.items():
            if name not in m.used:
                yield InputError(
                    path_text(m.path),
                    f"manifest names {name!r}, which is not a document of the crawl",
                    record=entry.line,
                )


def _entry(manifests: dict[Path, _Manifest], here: Path, name: str) -> ManifestEntry | None:
    """The manifest entry of ``here/name``: from the nearest manifest that names it (by its
    path relative to that manifest's folder), marked as used."""
    folder, rel = here, PurePosixPath(name)
    while True:
        m = manifests.get(folder)
        if m is not None and str(rel) in m.entries:
            m.used.add(str(rel))
            return m.entries[str(rel)]
        if folder.parent == folder or folder.parent not in manifests:
            return None
        rel = PurePosixPath(folder.name) / rel
        folder = folder.parent
