"""Publication time as an interval: a stated time is a point, a date is a day in its outlet's
zones, a crawl time bounds from above, and nothing known is widened."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from provenance.models import Article, DateGuess, OutletGuess
from provenance.timeline import country_offsets, time_bounds


def _art(value: str | None, not_after: str | None = None, domain: str = "paper.example") -> Article:
    return Article(
        id="a",
        path="a.txt",
        text="x",
        outlet=OutletGuess(domain=domain),
        published=DateGuess(value=value, not_after=not_after, source="url" if value else None),
    )


def _ts(s: str) -> float:
    return datetime.fromisoformat(s).replace(tzinfo=UTC).timestamp()


def test_country_offsets_follow_summer_time() -> None:
    assert country_offsets("GB", date(1999, 7, 16)) == (timedelta(hours=1), timedelta(hours=1))
    assert country_offsets("GB", date(2000, 1, 28)) == (timedelta(0), timedelta(0))
    lo, hi = country_offsets("US", date(2000, 1, 28)) or (None, None)
    assert lo is not None and hi is not None and lo <= timedelta(hours=-10) and hi == timedelta(hours=-5)
    assert country_offsets("ZZ", date(2000, 1, 1)) is None


def test_a_date_is_a_day_in_its_countrys_zones() -> None:
    b = time_bounds(_art("1999-07-17"), country="GB")
    assert (b.lo, b.hi) == (_ts("1999-07-16T23:00:00"), _ts("1999-07-17T23:00:00"))
    wide = time_bounds(_art("1999-07-17"))  # no zone known: any zone on Earth
    assert wide.lo < b.lo and wide.hi > b.hi
    learned = time_bounds(_art("1999-07-17"), offset=timedelta(hours=3), country="GB")
    assert learned.lo == _ts("1999-07-16T21:00:00")  # the outlet's own offset wins


def test_crawl_time_bounds_from_above_and_a_point_stays_a_point() -> None:
    b = time_bounds(_art("1999-07-17", not_after="1999-07-17T06:00:00Z"), country="GB")
    assert b.hi == _ts("1999-07-17T06:00:00")
    p = time_bounds(_art("1999-07-16T11:41:00Z", not_after="1999-07-17T06:00:00Z"), country="GB")
    assert p.lo == p.hi == _ts("1999-07-16T11:41:00")


def test_wire_before_next_day_paper_is_certain() -> None:
    """A wire text crawled at 11:41 and a British paper dated the next day cannot overlap."""
    wire = time_bounds(_art("1999-07-16", not_after="1999-07-16T11:41:00Z", domain="wire.example"))
    paper = time_bounds(_art("1999-07-17", not_after="1999-07-17T06:00:00Z"), country="GB")
    assert wire.hi < paper.lo
