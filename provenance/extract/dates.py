"""Publication date as a value with bounds and the evidence for each.

Ordering who published first needs honest dates: a stated date (metadata, the page's own URL,
a wire dateline) gives ``value``; linked pages dated in their URLs give ``not_before`` (an
article cannot link to something newer than itself); the crawl time gives ``not_after`` only.
A linked page's date is never taken as the article's own date — the mistake trafilatura makes
on the seed fragment (2024-06-09, the date of its oldest link).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence

from ..models import DateGuess, Link
from .links import date_in_url
from .zones import PATTERN as ZONES
from .zones import zone_offset

logger = logging.getLogger(__name__)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january", "januar", "janvier"),
            ("feb", "february", "februar", "février"),
            ("mar", "march", "märz", "mars"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juni", "juin"),
            ("jul", "july", "juli", "juillet"),
            ("aug", "august", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "oktober", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "dezember", "décembre"),
        ]
    )
    for m in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+([^\W\d_]{3,9})\.?,?\s+((?:19|20)\d{2})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
# "2016-04-27", "2016/04/27", and the date of an ISO stamp written out ("2016-04-27T14:05")
_NUMERIC_DATE = re.compile(r"\b((?:19|20)\d{2})([-/])(\d{1,2})\2(\d{1,2})(?:\b|(?=T\d))")
# "03.03.2016": dotted numeric dates are day.month.year wherever they are written that way.
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b")
# A clock time right after the date: "3:45 PM", "13:21 GMT+4", "04:44 GMT+5.5", "19:51 +03:00".
# "14:05 CET", "2:05 p.m. ET", "(GMT+3)", and an ISO stamp's "T14:05:00Z".
_CLOCK = (
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*"
    r"(?:(?P<ampm>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?\s*\(?"
    r"(?:(?P<gmt>GMT|UTC|Z(?![A-Za-z]))\s*(?:(?P<gsign>[+-])(?P<gh>\d{1,2})(?P<gpart>[.:]\d{1,2})?)?"
    r"|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})"
    rf"|(?P<abbr>{ZONES})(?![A-Za-z]))?"
)
_TIME = re.compile(r"^(?:T|[,\s]*(?:at\s+|-\s+|\|\s*)?)" + _CLOCK)
# the same clock time written before the date: "14:05, 12 March 2016", "2:05 PM | Mar 12, 2016"
_TIME_BEFORE = re.compile(r"(?<![\d:])" + _CLOCK + r"[,\s|–—-]*$")


def _written_day(text: str) -> tuple[dt.date, int, int] | None:
    """The first valid written date in ``text``, where it starts and the offset just after it."""
    found: list[tuple[int, dt.date, int]] = []

    def add(m: re.Match[str], year: str, month: int | str | None, day: str) -> bool:
        try:
            found.append((m.start(), dt.date(int(year), int(month or 0), int(day)), m.end()))
        except ValueError:
            return False
        return True

    for m in _NUMERIC_DATE.finditer(text):
        if add(m, m.group(1), m.group(3), m.group(4)):
            break
    for m in _DOTTED_DATE.finditer(text):
        if add(m, m.group(3), m.group(2), m.group(1)):
            break
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        for m in pattern.finditer(text):
            day, month_name, year = (m.group(i + 1) for i in order)
            if add(m, year, _MONTHS.get(month_name.lower()), day):
                break
    if not found:
        return None
    start, day_found, end = min(found, key=lambda f: f[0])
    return day_found, start, end


def parse_written_date(text: str) -> str | None:
    """ISO date of "27 January 2016", "April 27, 2016", "27.01.2016" or "2016-04-27" in ``text``."""
    found = _written_day(text)
    return found[0].isoformat() if found else None


def parse_written_datetime(text: str) -> str | None:
    """Like :func:`parse_written_date`, with the clock time printed next to the date when there is one.

    "May 18, 2016 3:45 PM" gives a zoneless ``2016-05-18T15:45:00`` (the outlet's local time;
    ordering places it in the outlet's usual zone), "24 March 2016, 02:33 GMT+5.5" a zoned
    ``2016-03-24T02:33:00+05:30``, "2:05 PM EST" or "14:05 CET" the zone the abbreviation
    names (:mod:`.zones`).  The time may also stand just before the date ("14:05, 12 March
    2016").  A date without a time stays a date: a page's printed minute is what orders two
    copies published the same day.
    """
    found = _written_day(text)
    if not found:
        return None
    day, start, end = found
    m = _TIME.match(text[end:]) or _TIME_BEFORE.search(text[max(0, start - 40) : start])
    if not m:
        return day.isoformat()
    hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return day.isoformat()
        hour = hour % 12 + (12 if m["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}"
    minutes: int | None
    if m["sign"]:
        sign, minutes = m["sign"], _offset_minutes(m["oh"], m["om"])
    elif m["gsign"]:
        sign, minutes = m["gsign"], _offset_minutes(m["gh"], m["gpart"])
    elif m["gmt"]:
        sign, minutes = "+", 0
    elif m["abbr"]:
        local = dt.datetime(day.year, day.month, day.day, hour, minute, second)
        east = zone_offset(m["abbr"], local)
        if east is None:
            return stamp
        sign, minutes = ("-" if east < 0 else "+"), abs(east)
    else:
        return stamp  # local time of an unknown zone
    if minutes is None:
        return stamp
    return stamp + f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _offset_minutes(hours: str, part: str | None) -> int | None:
    """Minutes of a "5", "5.5" (decimal hours), "5:30" or "0530" offset; None when not a real zone."""
    minutes = int(hours) * 60
    if part and part.startswith("."):
        minutes += round(float("0" + part) * 60)
    elif part:
        minutes += int(part.lstrip(":"))
    return minutes if minutes <= 14 * 60 and minutes % 15 == 0 else None


# "WASHINGTON, Jan 5 (Reuters) -", "LONDON, March 3, 2024 (AP) —": an upper-case place, a date,
# an optional agency in brackets and a dash.  "On December 19, ..." is narrative, not a dateline.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?),\s+"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>(?:19|20)\d{2}))?\s*"
    r"(?:\((?P<agency>[^)]{2,40})\)\s*)?[-—–]",
)


def dateline_date(text: str, crawled: dt.date | None = None) -> tuple[str, str] | None:
    """Date of a wire dateline at the start of one of the first paragraphs, with evidence.

    Datelines often omit the year; it is then the crawl year (the year before when the day
    would fall after the crawl), and without a crawl time such a dateline is not used.
    """
    for line in text.split("\n")[:5]:
        m = _DATELINE.match(line.strip())
        if not m:
            continue
        month = _MONTHS.get(m.group("month").lower())
        if month is None:
            continue
        try:
            if m.group("year"):
                value = dt.date(int(m.group("year")), month, int(m.group("day")))
            elif crawled is not None:
                value = dt.date(crawled.year, month, int(m.group("day")))
                if value > crawled:
                    value = value.replace(year=crawled.year - 1)
            else:
                return None
        except ValueError:
            return None
        written = m.group(0).rstrip("-—– ")
        note = "" if m.group("year") else f" (year {value.year} inferred from the crawl time)"
        return value.isoformat(), f'dateline "{written}"{note}'
    return None


def refine_stated(stated: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Move a timed value forward when the most trusted value is a bare date of the same day.

    htmldate returns days only; a page that prints "May 18, 2016 3:45 PM" in its header says
    the same day to the minute, and two copies published on one day are ordered by that minute.
    A timed value of another day is left where it is: the sources disagree, trust order stands.
    """
    out = list(stated)
    if not out or len(out[0][0]) > 10:
        return out
    for i, item in enumerate(out[1:], start=1):
        if len(item[0]) > 10 and item[0][:10] == out[0][0]:
            return [item, *out[:i], *out[i + 1 :]]
    return out


def _crawl_day(fetched_at: str | None) -> dt.date | None:
    if not fetched_at:
        return None
    try:
        return dt.date.fromisoformat(fetched_at[:10])
    except ValueError:
        return None


def _day(value: str) -> str:
    return value[:10]


def guess_date(
    *,
    stated: Sequence[tuple[str, str, str]],
    page_url: str | None,
    text: str,
    links: Sequence[Link],
    fetched_at: str | None,
) -> DateGuess:
    """Combine the evidence: ``stated`` are (ISO value, evidence, source kind) from the page itself,
    most trusted first (metadata, then a date printed on the page).

    Only links that sit in the article text (``span`` set) bound the date: navigation and
    "recent posts" links are not things the article cites.
    """
    evidence: list[str] = []
    value = source = None
    stated = refine_stated(stated)
    if stated:
        value, why, source = stated[0]
        evidence.append(f"published {value}: {why}")
    url_date = date_in_url(page_url) if page_url else None
    if url_date and value is None:
        value, source = url_date, "url"
        evidence.append(f"published {url_date}: date in the page URL {page_url}")
    dateline = dateline_date(text, _crawl_day(fetched_at))
    if dateline and value is None:
        value, source = dateline[0], "dateline"
        evidence.append(f"published {value}: {dateline[1]}")
    dated = [(link.date_in_url, link) for link in links if link.date_in_url and link.span is not None]
    not_before = None
    if dated:
        newest, link = max(dated, key=lambda pair: pair[0] or "")
        not_before = newest
        evidence.append(f"not before {newest}: the text links to {link.url} (dated {newest} in its URL)")
        if value and _day(value) < newest:
            logger.info(
                "stated date %s is older than a linked page (%s); page may have been updated", value, newest
            )
            evidence.append(f"note: stated date {value} is older than the newest linked page")
    not_after = None
    if fetched_at:
        not_after = fetched_at
        evidence.append(f"not after {fetched_at}: crawled at {fetched_at} (crawl time, an upper bound only)")
    return DateGuess(
        value=value,
        not_before=not_before,
        not_after=not_after,
        evidence=tuple(evidence),
        source=source,
    )
