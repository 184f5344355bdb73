"""Publication time as evidence: an interval per article, and the order of a story's versions.

An aware datetime is a point; a bare date or a datetime without zone is an interval: the day
(or the moment) in the outlet's usual UTC offset when its pages state one, else in any zone of
its country (tzdata's zone table: a British date is a day in London's offset), else in any zone
on Earth (a local date can be 14 h ahead of or 12 h behind UTC).  ``not_before``/``not_after``
bounds (a crawl time is one) narrow it, never widen it; crawl time alone is used only when
nothing else exists, and then the basis says so.  Its own module because both the stories
stage and the pipeline's publication order use it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .models import Article

log = logging.getLogger(__name__)

_AHEAD = timedelta(hours=14)  # UTC+14: local dates/times can be this far ahead of UTC
_BEHIND = timedelta(hours=12)  # UTC-12


@dataclass(frozen=True)
class TimeBounds:
    """Publication time as a UTC interval ``[lo, hi]`` (epoch seconds) and what it rests on."""

    lo: float
    hi: float
    basis: str  # "datetime", "date", "naive", "bounds", "crawl", "none"
    conflict: bool = False  # the page's date evidence contradicts itself (the stated value is kept)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def known(self) -> bool:
        return self.basis not in ("none",)


def _parse(value: str) -> tuple[datetime, str] | None:
    v = value.strip().replace("Z", "+00:00")
    try:
        d = datetime.fromisoformat(v)
    except ValueError:
        return None
    if len(v) <= 10:
        return d.replace(tzinfo=UTC), "date"
    if d.tzinfo is None:
        return d.replace(tzinfo=UTC), "naive"
    return d.astimezone(UTC), "datetime"


def outlet_offsets(articles: Sequence[Article]) -> dict[str, timedelta]:
    """The usual UTC offset of each outlet, read off its pages that state a zoned datetime.

    A page that gives only a local date (or a time without zone) is then placed in its
    outlet's day instead of the 50-hour window of every zone on Earth.  Needs two pages that
    agree on the most common offset.
    """
    seen: dict[str, list[timedelta]] = {}
    for a in articles:
        key = a.outlet.domain or a.outlet.name
        v = a.published.value
        if not key or not v or len(v) <= 10:
            continue
        try:
            d = datetime.fromisoformat(v.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        off = d.utcoffset()
        if off is not None:
            seen.setdefault(key, []).append(off)
    out: dict[str, timedelta] = {}
    for key, offs in seen.items():
        best = max(set(offs), key=offs.count)
        if offs.count(best) >= 2:
            out[key] = best
    return out


@cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    """ISO country code -> its IANA zones, from tzdata's ``zone.tab`` (read once)."""
    out: dict[str, list[str]] = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                out.setdefault(parts[0].upper(), []).append(parts[2])
    return {k: tuple(v) for k, v in out.items()}


@cache
def country_offsets(country: str, day: date) -> tuple[timedelta, timedelta] | None:
    """Smallest and largest UTC offset in force in any zone of ``country`` on ``day``
    (summer time included), or None when the country is unknown to tzdata."""
    offs: list[timedelta] = []
    for name in _country_zones().get(country.upper(), ()):
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        for moment in (time(0, 0), time(12, 0), time(23, 59)):
            off = datetime.combine(day, moment, zone).utcoffset()
            if off is not None:
                offs.append(off)
    return (min(offs), max(offs)) if offs else None


def _local_range(d: datetime, offset: timedelta | None, country: str | None) -> tuple[timedelta, timedelta]:
    """The UTC offsets a local (zoneless) date or time of this outlet can carry: its usual offset
    when known, else its country's zones on that day, else every zone on Earth."""
    if offset is not None:
        return offset, offset
    span = country_offsets(country, d.date()) if country else None
    return span if span is not None else (-_BEHIND, _AHEAD)


def time_bounds(article: Article, offset: timedelta | None = None, country: str | None = None) -> TimeBounds:
    """UTC interval in which ``article`` was published, from its extracted date evidence.

    ``offset``: the outlet's usual UTC offset (:func:`outlet_offsets`); ``country``: the ISO
    code of the outlet's country.  Both are used only for a bare date or a zoneless time, which
    is a day (a moment) in that offset or in that country's zones.
    """
    pub = article.published
    lo, hi, basis = float("-inf"), float("inf"), "none"
    if pub.value and (p := _parse(pub.value)):
        d, basis = p
        if basis == "datetime":
            lo = hi = d.timestamp()
        else:
            west, east = _local_range(d, offset, country)
            end = d + timedelta(days=1) if basis == "date" else d
            lo, hi = (d - east).timestamp(), (end - west).timestamp()
        if pub.source == "crawl":
            basis = "crawl"
    for bound, is_lo in ((pub.not_before, True), (pub.not_after, False)):
        if bound and (p := _parse(bound)):
            d, kind = p
            if kind == "datetime":
                t = d.timestamp()
            else:
                west, east = _local_range(d, offset, country)
                end = d + timedelta(days=1) if kind == "date" else d
                t = ((d - east) if is_lo else (end - west)).timestamp()
            if is_lo and t > lo:
                lo = t
            if not is_lo and t < hi:
                hi = t
            if basis == "none":
                basis = "bounds"
    if basis == "none" and article.fetched_at and (p := _parse(article.fetched_at)):
        hi = p[0].timestamp()  # crawl time: published no later than fetched
        basis = "crawl"
    if lo > hi:  # contradictory evidence: keep the value; the pipeline reports it once per article
        log.debug("article %s: contradictory date bounds; using the stated value", article.id)
        return TimeBounds(min(lo, hi), max(lo, hi), basis, conflict=True)
    return TimeBounds(lo, hi, basis)


def order_key(b: TimeBounds, article: Article) -> tuple[float, float, str]:
    """Sort key: the interval's middle (only an upper bound: a day before it; only a lower bound:
    the bound itself; nothing: last), then crawl time, then id."""
    if b.lo == float("-inf") and b.hi == float("inf"):
        mid = float("inf")
    elif b.lo == float("-inf"):
        mid = b.hi - 86400.0  # only an upper bound: assume about a day before it
    elif b.hi == float("inf"):
        mid = b.lo
    else:
        mid = b.mid
    fetched = _parse(article.fetched_at) if article.fetched_at else None
    return (mid, fetched[0].timestamp() if fetched else float("inf"), article.id)


def fmt_bounds(b: TimeBounds) -> str:
    """The interval as ISO minutes and its basis, for evidence strings."""

    def iso(t: float) -> str:
        return (
            "?"
            if t in (float("inf"), float("-inf"))
            else datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%MZ")
        )

    return iso(b.lo) + (f"..{iso(b.hi)}" if b.hi != b.lo else "") + f" ({b.basis})"
