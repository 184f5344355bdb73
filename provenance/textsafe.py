"""Text taken from crawled pages, made safe for where it is written.

Titles, file names, URLs and quotations come from strangers.  Written raw to a terminal, an
escape sequence in a page title clears the screen or sets the window title; written into XML
(SVG, GraphML, GEXF), one control character makes the whole file malformed.  Each writer
passes what it writes through one of these functions at its boundary, so no output depends on
every upstream stage having cleaned every string.
"""

from __future__ import annotations

import logging
import os
import re

# C0 and C1 controls (tab and newline kept where the caller allows them), DEL, the bidi
# overrides and isolates that reorder what a reader sees, and lone surrogates (unencodable).
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)
_UNPRINTABLE_LINE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)
# What XML 1.0 forbids anywhere in a document (attribute values and comments included).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, one_line: bool = True) -> str:
    """``text`` with control, escape and bidi-override characters shown as ``\\x1b``-style
    escapes, so it prints as what it is.  ``one_line`` escapes newlines too (a file name
    with a newline must not start a second, forged problem line)."""
    return (_UNPRINTABLE_LINE if one_line else _UNPRINTABLE).sub(_escape, text)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/F)."""
    return _XML_FORBIDDEN.sub("", text)


def xml_safe_bytes(data: bytes) -> bytes:
    """A UTF-8 XML document with forbidden control characters removed (for SVG a plotting
    library wrote: it escapes ``<&>`` but copies control characters from labels verbatim)."""
    text = data.decode("utf-8", errors="replace")
    cleaned = xml_safe(text)
    return data if cleaned == text else cleaned.encode("utf-8")


def path_text(path: str | os.PathLike[str] | bytes) -> str:
    """A file name as text that can always be encoded, stored and printed.

    Non-UTF-8 bytes in a name (kept by Python as lone surrogates) become ``\\xff`` escapes
    instead of making the first encode of the name raise ``UnicodeEncodeError``.
    """
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


class PrintableFormatter(logging.Formatter):
    """Log lines with the message's control characters (newlines included) escaped: a file
    name cannot forge a second problem line or reach the terminal raw."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return printable(super().formatMessage(record))


#: The one log line format of the command line (and of its worker processes).
LOG_FORMAT = "provenance: %(levelname)s: %(message)s"
