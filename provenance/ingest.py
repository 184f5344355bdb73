"""Ingest stage: turn crawl paths into :class:`RawDocument` objects, one file at a time.

A crawl is a folder of documents (.html, .htm, .txt, optionally gzip-compressed) plus an
optional ``manifest.jsonl`` (``file``, ``url``, ``fetched_at``; null where unknown), a
JSONL file of records (``url``, ``html`` or ``text``, ``fetched_at``), or WARC files
(``.warc``, ``.warc.gz``, the CC-NEWS layout), streamed record by record with warcio.  Bad input never
stops a run: each bad file is yielded as an :class:`InputError` naming it and the reason,
and the caller counts it and goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .models import MediaType, RawDocument

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.jsonl"
_SUFFIXES: dict[str, MediaType] = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text"}
# Markup that makes a .txt file an HTML fragment (the seed crawl has one): a closing tag
# of a common element or a line break; "a < b" or "<3" in prose never matches.
_MARKUP = re.compile(
    rb"</(?:a|p|div|span|li|ul|h[1-6]|em|strong|b|i|article|section|body|html)\s*>|<br\s*/?>", re.I
)


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None
    fetched_at: str | None


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def document_id(content: bytes, url: str | None, name: str = "") -> str:
    """Stable article id: a hash of the page's bytes and where it was published.

    Where = its URL; without one, its file name (not the folder), so the same crawl traced
    from another folder keeps its ids, while two outlets' identical texts stay two articles.
    """
    h = hashlib.sha256()
    h.update((url or f"file:{name}").encode("utf-8"))
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


def read_manifest(folder: Path) -> tuple[dict[str, ManifestEntry], list[InputError]]:
    """Read ``folder/manifest.jsonl``; a bad line is an error naming the line, not a crash."""
    entries: dict[str, ManifestEntry] = {}
    errors: list[InputError] = []
    path = folder / MANIFEST
    if not path.is_file():
        return entries, errors
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return entries, [InputError(str(path), f"unreadable manifest ({exc.__class__.__name__})")]
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            entries[str(rec["file"])] = ManifestEntry(rec.get("url") or None, rec.get("fetched_at") or None)
        except (ValueError, KeyError, TypeError):
            errors.append(InputError(f"{path}:{i}", "malformed manifest line (needs JSON with a 'file' key)"))
    return entries, errors


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file or directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot stat ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(str(path), f"too large ({_size(size)} > {_size(max_bytes)} limit; see --max-bytes)")
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(str(path), f"too large once decompressed (> {_size(max_bytes)} limit)")
        else:
            data = path.read_bytes()
    except InputError:
        raise
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except (gzip.BadGzipFile, EOFError, OSError) as exc:
        reason = (
            "corrupt gzip data"
            if isinstance(exc, gzip.BadGzipFile | EOFError)
            else f"unreadable ({exc.strerror or exc})"
        )
        raise InputError(str(path), reason) from None
    if not data.strip():
        raise InputError(str(path), "empty file")
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(path), "binary content, not a text or HTML document")
    return data


def read_file(
    path: Path, entry: ManifestEntry | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> RawDocument:
    """Read one document; raises :class:`InputError` with a one-line reason when unusable."""
    data = _read_bytes(path, max_bytes)
    kind = media_type_of(path, data)
    if kind is None:
        raise InputError(str(path), "unsupported file type (expected .html, .htm, .txt, optionally .gz)")
    url = entry.url if entry else None
    return RawDocument(
        id=document_id(data, url, path.name),
        path=str(path),
        content=data,
        media_type=kind,
        url=url,
        fetched_at=entry.fetched_at if entry else None,
    )


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """A JSONL crawl: one record a line with ``html`` or ``text`` and optional url/fetched_at."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        yield InputError(str(path), f"unreadable ({exc.strerror or exc})")
        return
    with fh:
        try:
            for i, line in enumerate(fh, 1):
                where = f"{path}:{i}"
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    body = rec.get("html") if rec.get("html") is not None else rec.get("text")
                    if not isinstance(body, str) or not body.strip():
                        raise ValueError
                except (ValueError, AttributeError):
                    yield InputError(where, "malformed record (needs JSON with an 'html' or 'text' string)")
                    continue
                data = body.encode("utf-8")
                if len(data) > max_bytes:
                    yield InputError(where, f"too large ({_size(len(data))} > {_size(max_bytes)} limit)")
                    continue
                kind: MediaType = "html" if rec.get("html") is not None else "text"
                url = rec.get("url") or None
                yield RawDocument(
                    document_id(data, url), where, data, kind, url, rec.get("fetched_at") or None
                )
        except UnicodeDecodeError:
            yield InputError(str(path), "invalid UTF-8 in JSONL file")


def _is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def _read_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Stream the HTML responses of a WARC file; each record's URI and date fill the manifest fields.

    Records are read one at a time, so memory stays flat however large the file is.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"unreadable ({exc.strerror or exc})")
        return
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if not (head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b")):
            yield InputError(str(path), "not a WARC file (no WARC/ header)")
            return
        try:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                status = record.http_headers.get_statuscode() if record.http_headers else "200"
                if not str(status).startswith("2"):
                    continue  # a redirect hop or an error page the fetcher archived beside the page
                ctype = (
                    (record.http_headers.get_header("Content-Type") if record.http_headers else None)
                    or record.rec_headers.get_header("Content-Type")
                    or ""
                )
                if "html" not in ctype.lower() and "text/plain" not in ctype.lower():
                    continue
                data = record.content_stream().read(max_bytes + 1)
                where = f"{path}#{records.get_record_offset()}"
                if len(data) > max_bytes:
                    yield InputError(where, f"too large (> {_size(max_bytes)} limit; see --max-bytes)")
                    continue
                if not data.strip():
                    yield InputError(where, "empty record")
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                kind: MediaType = "html" if "html" in ctype.lower() else "text"
                yield RawDocument(
                    document_id(data, url), where, data, kind, url, record.rec_headers.get_header("WARC-Date")
                )
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield InputError(
                str(path),
                f"corrupt WARC ({str(exc).splitlines()[0][:80] if str(exc) else exc.__class__.__name__})",
            )


def iter_documents(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """Yield every document under ``paths`` (files or folders, walked in sorted order).

    Errors are yielded, not raised, so one bad file costs one line and the run goes on.
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _iter_folder(path, max_bytes)
        elif _is_warc(path) and path.is_file():
            yield from _read_warc(path, max_bytes)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from _read_jsonl(path, max_bytes)
        elif not path.exists() and not path.is_symlink():
            yield InputError(str(path), "no such file or directory")
        else:
            manifest, _ = read_manifest(path.parent)
            try:
                yield read_file(path, manifest.get(path.name), max_bytes)
            except InputError as exc:
                yield exc


def _iter_folder(folder: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        here = Path(dirpath)
        manifest, errors = read_manifest(here)
        yield from errors
        for name in sorted(filenames):
            path = here / name
            if name == MANIFEST:
                continue
            if name.lower().endswith(".jsonl"):
                yield from _read_jsonl(path, max_bytes)
                continue
            if _is_warc(path):
                yield from _read_warc(path, max_bytes)
                continue
            if not is_supported(path):
                log.debug("ignoring %s (not a crawl document)", path)
                continue
            entry = manifest.get(name) or manifest.get(str(path.relative_to(folder)))
            try:
                yield read_file(path, entry, max_bytes)
            except InputError as exc:
                yield exc
