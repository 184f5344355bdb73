"""Time-zone abbreviations printed after a clock time ("2:05 PM EST", "14:05 CET").

A page's printed minute orders two copies published the same day only when its zone is known;
without one the time is local to an unknown zone and ordering has to widen it by a day.  The
fixed abbreviations are offsets.  The generic US names (ET, CT, MT, PT) follow daylight saving,
so they resolve through the IANA zone for that day.  Abbreviations that stand for several
zones in English news (IST, CST, BST, AST) are left out: a wrong zone is worse than none.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# minutes east of UTC
FIXED: dict[str, int] = {
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600, "BRT": -180, "ART": -180,
    "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "TRT": 180, "EAT": 180, "WAT": 60, "CAT": 120, "SAST": 120, "GST": 240, "AZT": 240,
    "PKT": 300, "NPT": 345, "ICT": 420, "WIB": 420, "HKT": 480, "SGT": 480, "PHT": 480,
    "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}  # fmt: skip

GENERIC: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

PATTERN = "|".join(sorted((*FIXED, *GENERIC), key=len, reverse=True))


def zone_offset(abbr: str, local: dt.datetime) -> int | None:
    """Minutes east of UTC of ``abbr`` at the naive local time ``local``; None when unknown."""
    abbr = abbr.upper()
    if abbr in FIXED:
        return FIXED[abbr]
    name = GENERIC.get(abbr)
    if name is None:
        return None
    try:
        off = local.replace(tzinfo=ZoneInfo(name)).utcoffset()
    except ZoneInfoNotFoundError:  # no tz database on this machine: better no zone than a guess
        return None
    return None if off is None else int(off.total_seconds() // 60)
