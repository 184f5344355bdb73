"""One HTTP GET at a time, as the archive needs it: the exact request sent, the response's
status and headers as received, the body as transferred (still content-encoded), the time.

Redirects and retries are not followed here: the crawler schedules each hop and each retry
like any other request to that host, so politeness and robots.txt apply to all of them.
Every connection goes to the address :func:`urls.resolve` checked; TLS still verifies the
certificate against the host name.
"""

from __future__ import annotations

import datetime as dt
import time
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NewConnectionError, ReadTimeoutError, TimeoutError

from .. import __version__
from ..errors import FetchError
from .urls import resolve

USER_AGENT = f"provenance/{__version__} (media provenance tracer; polite fetcher, obeys robots.txt)"
ROBOTS_AGENT = "provenance"
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
# Headers that describe the transfer, not the payload: the body is stored de-chunked.
_TRANSFER = {"transfer-encoding"}


def now_iso() -> str:
    """The fetch time as WARC-Date and manifest ``fetched_at`` write it (UTC, seconds)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def size_text(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


@dataclass(frozen=True)
class Exchange:
    """One request and its response, everything the WARC request/response pair records."""

    url: str
    request_line: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    reason: str
    protocol: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: str
    address: str

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").lower()

    def decoded(self, limit: int) -> bytes:
        """The body with its Content-Encoding (gzip, deflate) undone, at most ``limit`` bytes.

        Raises :class:`FetchError` past the limit (a compression bomb stops there) or for an
        encoding that was not asked for.
        """
        encoding = (self.header("Content-Encoding") or "identity").strip().lower()
        if encoding in ("", "identity"):
            return self.body
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(self.url, f"unsupported Content-Encoding {encoding!r}")
        wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        try:
            try:
                out = zlib.decompressobj(wbits).decompress(self.body, limit + 1)
            except zlib.error:
                if "gzip" in encoding:
                    raise
                out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(self.body, limit + 1)
        except zlib.error:
            raise FetchError(self.url, f"corrupt {encoding} body") from None
        if len(out) > limit:
            raise FetchError(
                self.url, f"too large once decompressed (> {size_text(limit)} cap; see --max-bytes)"
            )
        return out


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    safe = "!$&'()*+,;=:@/-._~%"
    target = quote(parts.path or "/", safe=safe)
    if parts.query:
        target += "?" + quote(parts.query, safe=safe + "?")
    return target


def _host_header(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_host = host
    default = 443 if parts.scheme == "https" else 80
    port = parts.port or default
    shown = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    return (shown if port == default else f"{shown}:{port}"), ascii_host, port


@dataclass
class HttpClient:
    """A GET client with connection pools per checked address; close it (or use ``with``)."""

    user_agent: str = USER_AGENT
    timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    allow_private: bool = False
    _pools: dict[tuple[str, str, int, str], Any] = field(default_factory=dict, repr=False)

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()
        self._pools.clear()

    def _pool(self, scheme: str, address: str, port: int, hostname: str) -> Any:
        key = (scheme, address, port, hostname)
        if key not in self._pools:
            timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
            if scheme == "https":
                self._pools[key] = urllib3.HTTPSConnectionPool(
                    address,
                    port,
                    timeout=timeout,
                    maxsize=1,
                    retries=False,
                    server_hostname=hostname,
                    assert_hostname=hostname,
                    cert_reqs="CERT_REQUIRED",
                )
            else:
                self._pools[key] = urllib3.HTTPConnectionPool(
                    address, port, timeout=timeout, maxsize=1, retries=False
                )
        return self._pools[key]

    def get(self, url: str) -> Exchange:
        """GET ``url`` once.  Raises :class:`FetchError` for a refused address, a network
        failure, a timeout (connect, any read, or the whole response past 3x ``timeout``)
        or a body over ``max_bytes``; any HTTP status is returned, not raised."""
        host_header, hostname, port = _host_header(url)
        target = _request_target(url)
        headers = {
            "Host": host_header,
            "User-Agent": self.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        }
        fetched_at = now_iso()
        deadline = time.monotonic() + 3 * self.timeout
        resp, address = self._open(url, resolve(url, self.allow_private), hostname, port, target, headers)
        try:
            body = self._read(url, resp, deadline)
        finally:
            resp.release_conn()
        protocol = "HTTP/1.0" if getattr(resp, "version", 11) == 10 else "HTTP/1.1"
        return Exchange(
            url=url,
            request_line=f"GET {target} HTTP/1.1",
            request_headers=tuple(headers.items()),
            status=resp.status,
            reason=resp.reason or "",
            protocol=protocol,
            headers=tuple((k, v) for k, v in resp.headers.items() if k.lower() not in _TRANSFER),
            body=body,
            fetched_at=fetched_at,
            address=address,
        )

    def _open(
        self, url: str, addresses: list[str], hostname: str, port: int, target: str, headers: dict[str, str]
    ) -> tuple[Any, str]:
        """Send the request to the first checked address that accepts a connection."""
        failure = ""
        for address in addresses:
            pool = self._pool(urlsplit(url).scheme, address, port, hostname)
            try:
                resp = pool.urlopen(
                    "GET",
                    target,
                    headers=headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    decode_content=False,
                    assert_same_host=False,
                )
                return resp, address
            except NewConnectionError as exc:
                failure = _short(exc)  # another address of the host may answer
            except (TimeoutError, ReadTimeoutError):
                raise FetchError(url, f"timed out after {self.timeout:g} s") from None
            except (Urllib3Error, OSError) as exc:
                raise FetchError(url, f"connection failed ({_short(exc)})") from None
        raise FetchError(url, f"connection failed ({failure})")

    def _read(self, url: str, resp: Any, deadline: float) -> bytes:
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            resp.close()
            raise FetchError(
                url,
                f"too large ({size_text(int(declared))} > {size_text(self.max_bytes)} cap; see --max-bytes)",
            )
        chunks: list[bytes] = []
        total = 0
        try:
            while chunk := resp.read1(_CHUNK, decode_content=False):
                chunks.append(chunk)
                total += len(chunk)
                if total > self.max_bytes:
                    resp.close()
                    raise FetchError(url, f"too large (> {size_text(self.max_bytes)} cap; see --max-bytes)")
                if time.monotonic() > deadline:
                    resp.close()
                    raise FetchError(url, f"timed out (body not complete after {3 * self.timeout:g} s)")
        except (TimeoutError, ReadTimeoutError):
            resp.close()
            raise FetchError(url, f"timed out after {self.timeout:g} s") from None
        except (Urllib3Error, OSError) as exc:
            resp.close()
            raise FetchError(url, f"connection failed while reading ({_short(exc)})") from None
        return b"".join(chunks)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return text[:120]
