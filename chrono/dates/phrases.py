"""Dates as archives and people write them in words: 'c. 1948', '1970s', '19th century', '19 July 2000'.

Read by ``chrono.dates.written.read_written`` (the one reader), so a form accepted in a date argument
is accepted in a data file and an import cell alike.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from chrono.dates.days import day_number, from_date
from chrono.dates.edtf import Precision, days_in_month
from chrono.errors import DateError

_YEAR4_RE = r"(?<!\d)\d{4}(?!\d)"
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip


class Written(NamedTuple):
    """A written date as a span of day numbers, with the precision it was written at."""

    text: str
    lower: int
    upper: int
    precision: Precision


_CIRCA_RE = r"(?i)(?:circa|ca\.?|c\.?)\s*(\S.*)"
_DECADE_RE = r"(\d{3})0'?s"
_CENTURY_RE = r"(?i)(\d{1,3})(?:st|nd|rd|th)[\s-]+century"
_PLAIN_DATE_RE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"


def written_approximation(text: str) -> str | None:
    """The EDTF for what archives write: 'c. 1948' -> '1948~', '1970s' -> '197X', '19th century' -> '18XX'.

    None when the text is none of these forms, so the caller reads it as before. Self-contained
    on purpose: the same forms are accepted in spreadsheet cells (chrono.importers.cells).
    """
    cleaned = " ".join(text.split())
    circa = re.fullmatch(_CIRCA_RE, cleaned)
    if circa is not None:
        inner = circa.group(1)
        base = inner if re.fullmatch(_PLAIN_DATE_RE, inner) else _vague(inner)
        return None if base is None else base + "~"
    return _vague(cleaned)


def _vague(text: str) -> str | None:
    decade = re.fullmatch(_DECADE_RE, text)
    if decade is not None:
        return decade.group(1) + "X"
    century = re.fullmatch(_CENTURY_RE, text)
    if century is not None and 1 <= int(century.group(1)) <= 100:
        return f"{int(century.group(1)) - 1:02d}XX"  # the 19th century is the 1800s
    return None


def parse_written(text: str, original: str | None = None, hint: str = "") -> Written:
    """A written date such as 'July 2000' or '19 July 2000', at the precision written."""
    original = text if original is None else original
    if not any(month[:3] in text.lower() for month in _MONTHS):
        raise DateError(f"cannot read {original!r} as a date; {hint}")
    if not re.search(_YEAR4_RE, text):
        raise DateError(f"{original!r} has no 4-digit year, and chrono never guesses one; {hint}")
    from dateutil import parser

    # Parse twice with different defaults: a field that changes with the default was not
    # written, so its precision is not invented (dateutil fills missing fields silently).
    try:
        first = parser.parse(text, default=_dt.datetime(2000, 1, 1))
        second = parser.parse(text, default=_dt.datetime(2004, 2, 2, 1, 1))
    except (ValueError, OverflowError):
        raise DateError(f"cannot read {original!r} as a date; {hint}") from None
    if first.time() != _dt.time(0, 0) or second.time() != _dt.time(1, 1):
        raise DateError(f"{original!r} has a time of day; write it as 2001-08-04T23:30 or 2001-08-04 23:30:00 -0700")
    has_year, has_month, has_day = (
        first.year == second.year,
        first.month == second.month,
        first.day == second.day,
    )
    if not (has_year and has_month):
        raise DateError(f"cannot read {original!r} as a date; {hint}")
    if has_day:
        day = from_date(second.date())
        return Written(original, day, day, Precision.DAY)

    last = days_in_month(second.year, second.month)
    lower, upper = day_number(second.year, second.month, 1), day_number(second.year, second.month, last)
    return Written(original, lower, upper, Precision.MONTH)
