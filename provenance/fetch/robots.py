"""robots.txt, read the way RFC 9309 says: a 4xx means no rules, a 5xx, a 429 or no answer at
all means "do not crawl" (the site may be overloaded), and the file is capped at 500 KiB.

Rules are matched with :mod:`urllib.robotparser` for this tool's product token; the
Crawl-delay it declares for us (or for ``*``) stretches the gap between two requests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

from ..errors import FetchError
from .http import ROBOTS_AGENT, HttpClient

log = logging.getLogger(__name__)

MAX_ROBOTS_BYTES = 500 * 1024
_MAX_HOPS = 5


@dataclass(frozen=True)
class Robots:
    """One host's rules.  ``reason`` says why everything is refused when the file was unreachable."""

    parser: RobotFileParser | None
    reason: str = ""

    def allows(self, url: str) -> bool:
        if self.parser is None:
            return not self.reason
        return self.parser.can_fetch(ROBOTS_AGENT, url)

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        rate = self.parser.request_rate(ROBOTS_AGENT)
        gaps = [float(delay)] if delay is not None else []
        if rate is not None and rate.requests:
            gaps.append(rate.seconds / rate.requests)
        return max(gaps) if gaps else None


def parse_robots(text: str) -> Robots:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return Robots(parser)


def read_robots(client: HttpClient, host: str) -> Robots:
    """Fetch and parse ``host``/robots.txt (``host`` is ``scheme://netloc``), following up to
    five redirects.  Never raises: an unreachable file becomes a refusal with its reason."""
    url = f"{host}/robots.txt"
    for _ in range(_MAX_HOPS + 1):
        try:
            ex = client.get(url)
        except FetchError as exc:
            return Robots(None, f"robots.txt unreachable ({exc.reason})")
        if ex.status in (301, 302, 303, 307, 308) and ex.header("Location"):
            url = urljoin(url, ex.header("Location") or "")
            continue
        if 200 <= ex.status < 300:
            try:
                body = ex.decoded(MAX_ROBOTS_BYTES)
            except FetchError:
                body = ex.body
            return parse_robots(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace"))
        if ex.status == 429 or ex.status >= 500:
            return Robots(None, f"robots.txt unreachable (HTTP {ex.status})")
        log.debug("%s: HTTP %s, no rules", url, ex.status)
        return Robots(None)
    return Robots(None, "robots.txt unreachable (too many redirects)")
