"""Bytes -> text: declared charset first, validated, with logged fallbacks.

Crawled pages lie about their encoding often enough (a ``latin-1`` meta on a UTF-8 page, one
stray cp1252 byte in a UTF-8 file) that trusting the declaration blindly produces mojibake,
which then breaks shingling and quote matching downstream.  So the order is: BOM (certain),
valid UTF-8 (near certain: legacy 8-bit text is almost never valid UTF-8 by accident), the
declared charset if it decodes strictly, then mostly-UTF-8 with replacement, then a detector.
Binary files are refused with a one-line reason instead of being turned into noise.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes  # a trafilatura dependency

from ..errors import InputError

logger = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of formats that are certainly not text (gzip, zip, pdf, png, jpeg, gif, ...).
_MAGIC: tuple[bytes, ...] = (
    b"\x1f\x8b",
    b"PK\x03\x04",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"WARC/",
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SNIFF = 4096


def declared_charset(content: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB (meta tag or XML declaration), if Python knows it."""
    head = content[:_SNIFF]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        logger.debug("unknown declared charset %r", name)
        return None


def _looks_binary(content: bytes) -> bool:
    if content.startswith(_MAGIC):
        return True
    return b"\x00" in content[:_SNIFF]


def _utf16_without_bom(content: bytes) -> str | None:
    """UTF-16 text without BOM shows NULs on every other byte of ASCII; decode it if so."""
    head = content[:_SNIFF]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.9 * half:
            try:
                return content.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _too_many_controls(text: str) -> bool:
    sample = text[:_SNIFF]
    return bool(sample) and len(_CONTROL.findall(sample)) > 0.05 * len(sample)


def decode(content: bytes, path: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode ``content`` to text; return ``(text, encoding used, notes)``.

    ``notes`` say what was wrong but recovered (a wrong declared charset, invalid UTF-8), so
    the caller can report them once per file; they are not logged here.
    Raises :class:`InputError` for empty or binary content, or when no encoding fits.
    """
    notes: list[str] = []
    text, enc = _decode(content, path, notes)
    return text, enc, tuple(notes)


def _decode(content: bytes, path: str, notes: list[str]) -> tuple[str, str]:
    if not content.strip():
        raise InputError(path, "empty file")
    for bom, enc in _BOMS:
        if content.startswith(bom):
            try:
                return _checked(content[len(bom) :].decode(enc), enc, path)
            except UnicodeDecodeError:
                notes.append(f"byte-order mark says {enc} but the content is not; decoded otherwise")
            break
    if _looks_binary(content):
        text16 = _utf16_without_bom(content)
        if text16 is not None:
            return _checked(text16, "utf-16", path)
        raise InputError(path, "binary content, not text")
    declared = declared_charset(content)
    try:
        text = content.decode("utf-8")
        if declared not in (None, "utf-8") and not content.isascii():
            notes.append(f"declared charset {declared} is wrong, content is valid UTF-8")
        return _checked(text, "utf-8", path)
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return _checked(content.decode(declared), declared, path)
        except (UnicodeDecodeError, LookupError):
            notes.append(f"declared charset {declared} does not fit the content")
    # Mostly valid UTF-8 with a few bad bytes: replacing those beats re-reading the whole page
    # in an 8-bit charset (which would garble every correct multibyte character).
    replaced = content.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    non_ascii = sum(1 for ch in replaced if ord(ch) > 127)
    if bad <= 0.1 * non_ascii:
        notes.append(f"invalid UTF-8 ({bad} bad sequences replaced)")
        return _checked(replaced, "utf-8", path)
    for enc in ("cp1252",):
        try:
            text = content.decode(enc)
        except UnicodeDecodeError:
            continue
        notes.append(f"invalid UTF-8 and no usable declared charset; read as {enc}")
        return _checked(text, enc, path)
    best = from_bytes(content[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            text = content.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            notes.append(f"invalid UTF-8; decoded as detected {best.encoding}")
            return _checked(text, best.encoding, path)
    # Nothing fits: the page is still mostly text, so keep it with the bad bytes replaced
    # rather than lose it (the note says so).
    notes.append(f"invalid UTF-8 and no charset fits; {bad} bad sequences replaced")
    return _checked(replaced, "utf-8", path)


def _checked(text: str, encoding: str, path: str) -> tuple[str, str]:
    if _too_many_controls(text):
        raise InputError(path, "binary content, not text")
    if not text.strip():
        raise InputError(path, "empty file")
    return text, encoding
