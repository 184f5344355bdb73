"""The polite crawl: URLs, URL lists, feeds and sitemaps in; a WARC crawl folder out.

One request at a time.  The next request goes to the host whose turn comes first: each host
waits ``delay`` (or its robots.txt Crawl-delay, whichever is longer) after its last request,
or what a 429/503 Retry-After asked for, so a slow host never holds up the others and no
host ever sees two requests closer than it allowed.  Redirect hops and retries are queued
like any request, so the same rules apply to them.  The clock is injectable: tests check the
waits the crawler asked for without spending them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from ..errors import FetchError
from .archive import CrawlArchive
from .feeds import looks_like_feed, parse_feed
from .http import USER_AGENT, Exchange, HttpClient, size_text
from .robots import Robots, read_robots
from .urls import canonical, check_scheme, host_of, looks_like_url, resolve

log = logging.getLogger(__name__)

Status = Literal["fetched", "already", "expanded", "failed"]
Progress = Callable[[str, int, int | None], None]
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY = (429, 500, 502, 503, 504)
_PAGE_TYPES = ("html", "text/plain")


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how far to fetch.  The defaults are the polite ones."""

    delay: float = 1.0  # seconds between two requests to one host (robots.txt may ask for more)
    timeout: float = 30.0  # connect and each read; the whole response gets 3x this
    retries: int = 3  # on 429 and 5xx
    backoff: float = 2.0  # first retry wait when the server gives no Retry-After; doubles each time
    max_wait: float = 300.0  # longest Retry-After or Crawl-delay honoured; longer fails the URL
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    allow_private: bool = False
    refresh: bool = False  # fetch again URLs the crawl already holds
    since: dt.datetime | None = None  # feed and sitemap entries dated before this are skipped
    user_agent: str = USER_AGENT
    feed_depth: int = 3  # sitemap index -> sitemap -> pages, and no deeper


@dataclass(frozen=True)
class FetchOutcome:
    """What became of one URL: archived, already in the crawl, expanded (a feed) or failed."""

    url: str
    status: Status
    reason: str = ""
    final_url: str | None = None
    links: int = 0

    @property
    def host(self) -> str:
        if not looks_like_url(self.url):
            return self.url  # a file that could not be read
        scheme = self.url.split(":", 1)[0].lower()
        return host_of(self.url) if scheme in ("http", "https") else f"{scheme}:"


@dataclass(frozen=True)
class FetchResult:
    crawl: Path
    outcomes: tuple[FetchOutcome, ...]

    @property
    def failed(self) -> tuple[FetchOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")

    def per_host(self) -> dict[str, Counter[str]]:
        """Counters per host (``scheme://host``): fetched, already, expanded, failed."""
        out: dict[str, Counter[str]] = {}
        for o in self.outcomes:
            out.setdefault(o.host, Counter())[o.status] += 1
        return out


@dataclass(frozen=True)
class Clock:
    """Monotonic time and sleep, injectable so tests can check waits without waiting."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class _Job:
    url: str
    given: str  # the URL as listed (a redirect hop keeps the first one)
    expand: bool  # a feed or sitemap here is expanded (inputs and sitemap-index children)
    depth: int = 0
    attempt: int = 0
    hops: tuple[Exchange, ...] = ()


@dataclass
class _Host:
    robots: Robots | None = None
    gap: float = 0.0
    ready: float = 0.0


def crawl_folder(urls: Sequence[str], root: str | Path = "crawls") -> Path:
    """The folder ``provenance trace URL...`` fetches into: the first URL's host and a hash of
    the (canonical, sorted) URLs, so the same links land in the same crawl and a second run
    fetches nothing again."""
    keys = sorted({canonical(u) for u in urls})
    digest = hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:10]
    host = host_of(urls[0]).split("://", 1)[-1] if urls and looks_like_url(urls[0]) else "urls"
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", host).strip("._-") or "urls"
    return Path(root) / f"{name}-{digest}"


def parse_since(text: str) -> dt.datetime:
    """``--since`` as an aware UTC datetime: a date (its midnight) or an ISO datetime."""
    value = dt.datetime.fromisoformat(text.strip())
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def read_inputs(
    items: Iterable[str], since: dt.datetime | None = None
) -> tuple[list[_Job], list[FetchOutcome]]:
    """URLs as given, and the URLs in FILEs: one a line (``#`` comments), a CSV/TSV with a
    ``url`` column, or a saved feed or sitemap.  Unreadable files are failed outcomes."""
    jobs: list[_Job] = []
    bad: list[FetchOutcome] = []
    for item in items:
        path = Path(item)
        if looks_like_url(item) and not path.exists():
            jobs.append(_Job(item.strip(), item.strip(), expand=True))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            bad.append(FetchOutcome(item, "failed", f"cannot read ({exc.strerror or exc})"))
            continue
        if looks_like_feed(data):
            feed = parse_feed(data)
            if feed is None:
                bad.append(FetchOutcome(item, "failed", "neither a URL list nor a feed or sitemap"))
                continue
            child = feed.kind == "sitemapindex"
            jobs += [_Job(e.url, e.url, expand=child, depth=1) for e in feed.since(since)]
            continue
        text = data.decode("utf-8-sig", "replace")
        if path.suffix.lower() in (".csv", ".tsv"):
            try:
                urls = _csv_urls(text, "\t" if path.suffix.lower() == ".tsv" else ",")
            except ValueError as exc:
                bad.append(FetchOutcome(item, "failed", str(exc)))
                continue
        else:
            urls = [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]
        jobs += [_Job(u, u, expand=True) for u in urls]
    return jobs, bad


def _csv_urls(text: str, delimiter: str) -> list[str]:
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    column = next((c for c in reader.fieldnames or () if c and c.strip().lower() == "url"), None)
    if column is None:
        raise ValueError("no 'url' column in the header")
    return [u.strip() for row in reader if (u := row.get(column)) and u.strip()]


def _retry_after(ex: Exchange) -> float | None:
    value = (ex.header("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


@dataclass
class Crawler:
    """One fetch run over one crawl folder (see the module docstring for the schedule)."""

    archive: CrawlArchive
    client: HttpClient
    options: FetchOptions = field(default_factory=FetchOptions)
    clock: Clock = field(default_factory=Clock)
    progress: Progress | None = None
    on_outcome: Callable[[FetchOutcome], None] | None = None
    outcomes: list[FetchOutcome] = field(default_factory=list)
    _queues: dict[str, deque[_Job]] = field(default_factory=dict)
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _queued: set[str] = field(default_factory=set)
    _total: int = 0

    def run(self, jobs: Sequence[_Job], failed: Sequence[FetchOutcome] = ()) -> list[FetchOutcome]:
        """Fetch ``jobs`` (and what they expand to); ``failed`` are inputs already known bad."""
        self._total += len(failed)
        for outcome in failed:
            self._done(outcome)
        for job in jobs:
            self._add(job)
        self._tick()
        while any(self._queues.values()):
            name = min((h for h, q in self._queues.items() if q), key=lambda h: self._host(h).ready)
            wait = self._host(name).ready - self.clock.now()
            if wait > 0:
                self.clock.sleep(wait)
            self._step(name, self._queues[name].popleft())
        return self.outcomes

    def _host(self, name: str) -> _Host:
        return self._hosts.setdefault(name, _Host(gap=self.options.delay))

    def _tick(self) -> None:
        if self.progress:
            self.progress("fetch", len(self.outcomes), self._total)

    def _done(self, outcome: FetchOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.status == "failed":
            log.info("%s: %s", outcome.url, outcome.reason)
        if self.on_outcome:
            self.on_outcome(outcome)
        self._tick()

    def _add(self, job: _Job, first: bool = False) -> None:
        """Queue a new URL (``first``: a redirect hop or a retry, ahead of its host's queue)."""
        if not job.hops and not job.attempt:
            key = canonical(job.url)
            if key in self._queued:
                return
            self._queued.add(key)
            self._total += 1
            if not self.options.refresh and self.archive.has(job.url):
                self._done(FetchOutcome(job.given, "already"))
                return
        try:
            check_scheme(job.url)
        except FetchError as exc:
            self._done(FetchOutcome(job.given, "failed", exc.reason))
            return
        queue = self._queues.setdefault(host_of(job.url), deque())
        if first:
            queue.appendleft(job)
        else:
            queue.append(job)

    def _wait(self, name: str, seconds: float) -> None:
        host = self._host(name)
        host.ready = max(host.ready, self.clock.now() + seconds)

    def _step(self, name: str, job: _Job) -> None:
        host = self._host(name)
        try:
            if host.robots is None:
                resolve(job.url, self.options.allow_private)
                host.robots = read_robots(self.client, name)
                delay = host.robots.crawl_delay()
                if delay is not None and delay > self.options.max_wait:
                    host.robots = Robots(
                        None, f"robots.txt Crawl-delay {delay:g} s > --max-wait {self.options.max_wait:g} s"
                    )
                elif delay is not None and delay > host.gap:
                    host.gap = delay
                    log.info("%s: Crawl-delay %g s", name, host.gap)
                self._wait(name, host.gap)
                self._queues[name].appendleft(job)
                return
            if not host.robots.allows(job.url):
                raise FetchError(job.url, host.robots.reason or "disallowed by robots.txt")
            ex = self.client.get(job.url)
        except FetchError as exc:
            self._done(FetchOutcome(job.given, "failed", exc.reason))
            return
        finally:
            if host.robots is not None:
                self._wait(name, host.gap)
        self._handle(name, job, ex)

    def _handle(self, name: str, job: _Job, ex: Exchange) -> None:
        if ex.status in _RETRY:
            self._retry(name, job, ex)
        elif ex.status in _REDIRECTS and ex.header("Location"):
            self._redirect(job, ex)
        elif 200 <= ex.status < 300:
            self._success(job, ex)
        else:
            self._done(FetchOutcome(job.given, "failed", f"HTTP {ex.status} {ex.reason}".strip()))

    def _retry(self, name: str, job: _Job, ex: Exchange) -> None:
        status = f"HTTP {ex.status} {ex.reason}".strip()
        if job.attempt >= self.options.retries:
            self._done(FetchOutcome(job.given, "failed", f"{status} (after {job.attempt} retries)"))
            return
        asked = _retry_after(ex)
        wait = asked if asked is not None else self.options.backoff * 2**job.attempt
        if wait > self.options.max_wait:
            self._done(
                FetchOutcome(
                    job.given,
                    "failed",
                    f"{status} (Retry-After {wait:g} s > --max-wait {self.options.max_wait:g} s)",
                )
            )
            return
        log.info("%s: %s, retrying in %g s", job.url, status, wait)
        self._wait(name, wait)
        self._add(replace(job, attempt=job.attempt + 1), first=True)

    def _redirect(self, job: _Job, ex: Exchange) -> None:
        target = urljoin(job.url, ex.header("Location") or "")
        if len(job.hops) >= self.options.max_redirects:
            self._done(FetchOutcome(job.given, "failed", f"more than {self.options.max_redirects} redirects"))
            return
        key = canonical(target)
        if key == canonical(job.url) or any(canonical(h.url) == key for h in job.hops):
            self._done(FetchOutcome(job.given, "failed", "redirect loop"))
            return
        if key in self._queued or (not self.options.refresh and self.archive.has(target)):
            # the page it leads to is in the crawl, or another URL of this run leads there too
            self._done(FetchOutcome(job.given, "already", final_url=target))
            return
        self._queued.add(key)
        self._add(replace(job, url=target, attempt=0, hops=(*job.hops, ex)), first=True)

    def _success(self, job: _Job, ex: Exchange) -> None:
        try:
            body = ex.decoded(self.options.max_bytes)
        except FetchError as exc:
            self._done(FetchOutcome(job.given, "failed", exc.reason))
            return
        if job.expand and job.depth < self.options.feed_depth and looks_like_feed(body, ex.content_type):
            feed = parse_feed(body, ex.url)
            if feed is not None:
                entries = feed.since(self.options.since)
                child = feed.kind == "sitemapindex"
                for entry in entries:
                    self._add(_Job(entry.url, entry.url, expand=child, depth=job.depth + 1))
                log.info("%s: %s with %d links (%d kept)", ex.url, feed.kind, len(feed.entries), len(entries))
                self._done(FetchOutcome(job.given, "expanded", final_url=ex.url, links=len(entries)))
                return
        if not any(t in ex.content_type for t in _PAGE_TYPES) and ex.content_type:
            self._done(
                FetchOutcome(job.given, "failed", f"not a web page ({ex.content_type.split(';')[0].strip()})")
            )
            return
        if not body.strip():
            self._done(FetchOutcome(job.given, "failed", f"empty page ({size_text(len(ex.body))})"))
            return
        done = self.archive.commit((*job.hops, ex), job.given)
        self._done(FetchOutcome(job.given, "fetched", final_url=done.url))


def fetch(
    inputs: Iterable[str],
    out: str | Path,
    options: FetchOptions | None = None,
    progress: Progress | None = None,
    on_outcome: Callable[[FetchOutcome], None] | None = None,
    clock: Clock | None = None,
) -> FetchResult:
    """Fetch URLs, URL files, feeds and sitemaps into the crawl folder ``out`` (WARC files +
    manifest.jsonl), politely; URLs the crawl already holds are not fetched again.

    Failures do not stop the run: each is an outcome with a one-line reason.  Raises
    :class:`~provenance.errors.CrawlError` only when the folder itself cannot be used.
    """
    options = options or FetchOptions()
    folder = Path(out)
    jobs, bad = read_inputs(inputs, options.since)
    with (
        CrawlArchive(folder) as archive,
        HttpClient(options.user_agent, options.timeout, options.max_bytes, options.allow_private) as client,
    ):
        crawler = Crawler(archive, client, options, clock or Clock(), progress, on_outcome)
        crawler.run(jobs, bad)
        return FetchResult(folder, tuple(crawler.outcomes))
