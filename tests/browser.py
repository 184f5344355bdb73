"""Headless Chromium for the HTML report tests: screenshots, the rendered DOM, a request trap.

The tests that use it skip when ``/usr/bin/chromium`` is absent (``.ci/run`` installs it).
:class:`RequestTrap` is a local HTTP server that records every request it gets; a report that
makes the browser fetch anything from it has let page content run or load.
"""

from __future__ import annotations

import http.server
import shutil
import struct
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-dev-shm-usage",
]


def chromium() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def run_chromium(url: str, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``url`` with a throw-away profile; returns the finished process."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="prov-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *args, url]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def dump_dom(path: Path, budget_ms: int = 3000) -> str:
    """The DOM after load (and ``budget_ms`` of virtual time for anything delayed to run)."""
    proc = run_chromium(path.resolve().as_uri(), f"--virtual-time-budget={budget_ms}", "--dump-dom")
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"chromium --dump-dom failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout


def load(url: str, budget_ms: int = 3000) -> tuple[str, list[str]]:
    """(the DOM after load, every console message) for ``url`` (a file URL may carry ``?q=``).

    Chromium writes each console message (errors, CSP violations, uncaught exceptions) to its
    log as an ``INFO:CONSOLE`` line; a clean page writes none.
    """
    proc = run_chromium(
        url, f"--virtual-time-budget={budget_ms}", "--enable-logging=stderr", "--v=0", "--dump-dom"
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"chromium --dump-dom failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout, [ln for ln in proc.stderr.splitlines() if ":CONSOLE" in ln]


def screenshot(path: Path, out: Path, size: tuple[int, int] = (1400, 2000), budget_ms: int = 3000) -> Path:
    """A PNG screenshot of the page at ``size``."""
    proc = run_chromium(
        path.resolve().as_uri(),
        f"--screenshot={out}",
        f"--window-size={size[0]},{size[1]}",
        f"--virtual-time-budget={budget_ms}",
    )
    if not out.exists():
        raise RuntimeError(f"chromium --screenshot wrote nothing ({proc.returncode}): {proc.stderr[-2000:]}")
    return out


def png_colours(path: Path, step: int = 7) -> tuple[int, int, int]:
    """(width, height, number of distinct colours in sampled pixels) of an 8-bit RGB/RGBA PNG."""
    width, height, colours = png_colour_set(path, step)
    return width, height, len(colours)


def png_colour_set(path: Path, step: int = 7) -> tuple[int, int, set[bytes]]:
    """(width, height, the distinct RGB colours of sampled pixels) of an 8-bit RGB/RGBA PNG.

    A minimal decoder (zlib + the five PNG filters) so the test needs nothing else; sampling
    every ``step``-th pixel of every ``step``-th row is enough to tell a page from a blank one
    and to find flat-coloured elements such as badges.
    """
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    height = bit_depth = colour_type = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if ctype == b"IHDR":
            width, height, bit_depth, colour_type = struct.unpack(">IIBB", chunk[:10])
        elif ctype == b"IDAT":
            idat += chunk
        pos += 12 + length
    if bit_depth != 8 or colour_type not in (2, 6):
        raise ValueError(f"{path}: only 8-bit RGB/RGBA PNGs are decoded here")
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        if y % step == 0:
            for x in range(0, width, step):
                colours.add(bytes(line[x * bpp : x * bpp + 3]))
        prev = line
    return width, height, colours


class _Recorder(http.server.BaseHTTPRequestHandler):
    def _record(self) -> None:
        self.server.hits.append(f"{self.command} {self.path}")  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = _record

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        return


@contextmanager
def request_trap() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 (free port) recording every request; yields (base URL, hits)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.hits  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
