"""Find dates in Indonesian (and English) news text and return aware datetimes.

>>> find_dates("Selasa, 21 November 2017 10:53 WIB")[0].value.isoformat()
'2017-11-21T10:53:00+07:00'
>>> find_dates("Diperbarui 11 Des 2017, 20:40 WITA")[0].value.isoformat()
'2017-12-11T20:40:00+08:00'
>>> match = find_dates("Jakarta, Kamis (25/7/2024)")[0]
>>> match.value.isoformat(), match.date_only
('2024-07-25T00:00:00+07:00', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

# Indonesia's three civil time zones (Keppres 41/1987): WIB, WITA and WIT.
ZONES = {
    "WIB": ZoneInfo("Asia/Jakarta"),
    "WITA": ZoneInfo("Asia/Makassar"),
    "WIT": ZoneInfo("Asia/Jayapura"),
}
DEFAULT_ZONE = ZONES["WIB"]

MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
WEEKDAYS = (
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)

# Earliest and latest years a publication date may have: Indonesian news sites start in the mid-1990s.
MIN_YEAR = 1995
MAX_YEAR_AHEAD = 1

# The part of the day a report may put between the day's name and its date: "Rabu pagi (1/11/2023)".
_DAYTIME = r"pagi|siang|sore|petang|malam|subuh|dini hari|morning|afternoon|evening|night"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
_TIME = (
    r"(?:\s*(?:[,|/•·●\-–—−]|&nbsp;)?\s*(?:pukul|jam|at)?\s*"
    r"(?P<H>[012]?\d)[:.](?P<M>[0-5]\d)(?!\d)(?:[:.](?P<S>[0-5]\d)(?!\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?)?"
)
_ZONE = r"(?:\s*(?P<zone>WITA|WIB|WIT|GMT\s*[+-]\s*\d{1,2}|UTC\s*[+-]\s*\d{1,2}|GMT|UTC)(?![A-Za-z]))?"

@dataclass(frozen=True)
class _Form:
    """One written form of a date. The day name that may open it is looked for behind a match, not tried at every
    position of the text (an optional alternation at the front of a pattern makes every position slow)."""

    pattern: re.Pattern
    weekday: str  # "optional", "required" or "never"
    needs_year: bool = True  # written with a four-digit year: lines without one are not searched


_FORMS = (
    # ISO 8601: 2017-11-21T10:53:00+07:00, 2017-11-21 10:53
    _Form(re.compile(
        r"(?<!\d)(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ](?P<H>[012]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d+)?)?"
        r"(?P<offset>Z|[+-][01]\d:?[0-5]\d)?)?(?!\d)" + _ZONE,
        re.IGNORECASE,
    ), weekday="never"),
    # Selasa, 21 November 2017 10:53 WIB | 11 Des 2017, 20:40 WIB | 21 November 2017 - 10:53 WIB
    _Form(re.compile(
        rf"(?<!\d)(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})(?!\d)" + _TIME + _ZONE,
        re.IGNORECASE,
    ), weekday="optional"),
    # Tue, November 21, 2017 | June 6, 2022 10:53 am | Published: Jun. 6, 2022
    _Form(re.compile(
        rf"\b(?=[adfjmnops])(?P<mon>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)"
        + _TIME + _ZONE,
        re.IGNORECASE,
    ), weekday="optional"),
    # Kamis (25/7/2024) | Kamis, (25/07/24) | Rabu pagi (1/11/2023)
    _Form(re.compile(
        r"\(\s*(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>\d{4}|\d{2})\s*\)",
    ), weekday="required", needs_year=False),
    # 21/11/2017 10.53 | 21/11/2017, 10:53 WIB | 21-11-2017
    _Form(re.compile(
        r"(?<![\d/])(?P<d>[0-3]?\d)[/-](?P<m>[01]?\d)[/-](?P<y>\d{4})(?![\d/])" + _TIME + _ZONE,
        re.IGNORECASE,
    ), weekday="never"),
)
# The day name right before a date: "Selasa, ", "Tue. ", "Kamis "; before a bracketed date also with the part of
# the day: "Rabu pagi (1/11/2023)".
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_WEEKDAY})\.?\s*,?\s*$", re.IGNORECASE)
_WEEKDAY_DAYTIME_BEFORE = re.compile(rf"\b(?:{_WEEKDAY})(?:\s+(?:{_DAYTIME}))?\s*,?\s*$", re.IGNORECASE)
_WEEKDAY_REACH = 32
# Every form but "Kamis (25/7/24)" has a four-digit year, and that one a bracket and a slash: most lines of a page
# have neither, and are done without running the patterns.
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: the aware datetime, whether only the date was known, and where it stood."""

    value: datetime
    date_only: bool
    start: int
    end: int
    weekday: bool = False  # written with its day name: "Selasa, 21 November 2017", "Kamis (25/7/2024)"


def _zone_for(match: re.Match) -> timezone | ZoneInfo:
    groups = match.groupdict()
    offset = groups.get("offset")
    if offset:
        if offset.upper() == "Z":
            return UTC
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    zone = (groups.get("zone") or "").upper().replace(" ", "")
    if zone in ZONES:
        return ZONES[zone]
    if zone.startswith(("GMT", "UTC")):
        hours = zone[3:]
        return timezone(timedelta(hours=int(hours))) if hours else UTC
    return DEFAULT_ZONE


def _build(match: re.Match, *, start: int, weekday: bool, today_year: int) -> DateMatch | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if len(groups["y"]) <= 2:  # "21/11/17": a two-digit year is this century's; "0017" stays year 17 (refused below)
        year += 2000
    month = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    day = int(groups["d"])
    if not MIN_YEAR <= year <= today_year + MAX_YEAR_AHEAD:
        return None
    date_only = groups.get("H") is None
    hour = 0 if date_only else int(groups["H"])
    minute = 0 if date_only else int(groups["M"])
    second = int(groups["S"]) if groups.get("S") else 0
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=_zone_for(match))
    except ValueError:
        return None
    return DateMatch(value=value, date_only=date_only, start=start, end=match.end(), weekday=weekday)


def find_dates(text: str) -> list[DateMatch]:
    """Return every date in ``text``, in order of position, without overlaps (the longest form wins)."""
    has_year = _YEAR.search(text) is not None
    if not has_year and not ("(" in text and "/" in text):
        return []
    today_year = datetime.now(DEFAULT_ZONE).year
    found: list[DateMatch] = []
    for form in _FORMS:
        if form.needs_year and not has_year:
            continue
        for match in form.pattern.finditer(text):
            start = match.start()
            day_name = None
            if form.weekday != "never":
                before = _WEEKDAY_DAYTIME_BEFORE if form.weekday == "required" else _WEEKDAY_BEFORE
                day_name = before.search(text, max(0, start - _WEEKDAY_REACH), start)
                if day_name is None and form.weekday == "required":
                    continue
            if day_name is not None:
                start = day_name.start()
            built = _build(match, start=start, weekday=day_name is not None, today_year=today_year)
            if built is None:
                continue
            if any(built.start < other.end and other.start < built.end for other in found):
                continue
            found.append(built)
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> DateMatch | None:
    """Return the date that ``text`` consists of (leading and trailing words allowed), or None.

    >>> parse_date("1 Jan 2017").value.date().isoformat()
    '2017-01-01'
    """
    matches = find_dates(text)
    return matches[0] if matches else None
