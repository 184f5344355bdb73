"""A real HTTP site on 127.0.0.1 for the fetch tests: routes are plain functions, every
request is logged, nothing leaves the machine."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

Handler = http.server.BaseHTTPRequestHandler
Route = Callable[[Handler], None]

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p></article></body></html>"
)
SENTENCE = "The minister said on Tuesday that the talks on the northern border would go on for another week."


def article(title: str) -> bytes:
    return ARTICLE.format(title=title, body=" ".join([f"{title}: {SENTENCE}"] * 6)).encode("utf-8")


def send(
    h: Handler, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k.replace("_", "-"), v)
    h.end_headers()
    h.wfile.write(body)


def page(title: str) -> Route:
    return lambda h: send(h, 200, article(title))


@dataclass
class LocalSite:
    """Routes by path (query included); an unknown path is a 404, robots.txt a 404 unless routed."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return self.log.count(path)


@contextmanager
def serve(site: LocalSite) -> Iterator[LocalSite]:
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.log.append(self.path)
            route = site.routes.get(self.path)
            if route is None:
                send(self, 404, b"not here")
                return
            with suppress(BrokenPipeError, ConnectionResetError):
                route(self)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class FakeClock:
    """Virtual time: sleep() records the wait and advances the clock at once."""

    t: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds
