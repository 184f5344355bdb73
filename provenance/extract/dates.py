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

logger = logging.getLogger(__name__)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
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
