"""Partial dates: the subset of EDTF (ISO 8601-2) chrono reads, and the span each one stands for.

A date is never a point but a span of days (``chrono.dates.days`` numbers them): ``2002`` is every
day of 2002 and ``201X`` every day of the 2010s. Precision is kept as written — a year-only date is
never shown as ``2002-01-01`` — and the qualifiers ``?`` (uncertain), ``~`` (approximate) and ``%``
(both) are kept too.

Supported: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` with astronomical years (``0000`` is 1 BC,
``-0043`` is 44 BC) and EDTF's ``Y`` years of more than four digits at year precision
(``Y-13800000000``); trailing ``X`` digits in the year and ``XX`` for a month or day (``19XX``,
``2001-XX``); ISO 8601's expanded years with a sign in full dates (``-10000-01-01``, what the
``start`` of ``Y-10000`` is); seasons and quarters in the month's place (``2001-21`` spring ... ``2001-24`` winter,
``2010-33`` ... ``2010-36`` the quarters); a time of day with an offset, kept as written
(``2001-08-04T23:30:00-07:00``); one qualifier at the end; intervals ``A/B`` whose start or end
may be ``..`` (open).
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from dataclasses import dataclass

from chrono.dates.days import DAWN, FOREVER, MAX_ABS_YEAR, day_number, is_leap
from chrono.errors import DateError

FORMS_HINT = (
    "accepted: YYYY, YYYY-MM, YYYY-MM-DD (0000 is 1 BC, -0043 is 44 BC, Y-11345 for longer years), "
    "X for unknown digits (199X, 2001-XX), seasons (2001-21), a time (2001-08-04T23:30:00-07:00), "
    "a trailing ? ~ or %, and intervals A/B, A/.. or ../B"
)

_DATE_RE = re.compile(
    r"(?:Y(?P<big>-?[1-9][0-9]{4,})|(?P<year>-?[0-9X]{4}|[+-][0-9]{5,}))"
    r"(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2})(?:T(?P<time>[0-9:.]+(?:Z|[+-][0-9:]+)?))?)?)?"
    r"(?P<qual>[?~%])?"
)
_YEAR_DIGITS_RE = re.compile(r"[+-]?[0-9]*X*")
_TIME_RE = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?")
# Seasons (21-24, northern meteorological) and quarters (33-36): first month, months long.
_SEASONS = {21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3), 33: (1, 3), 34: (4, 3), 35: (7, 3), 36: (10, 3)}
NO_CLOCK = -(1 << 20)  # the clock of a date without a time: before any time of its day


class Precision(enum.IntEnum):
    """How much of a date is known; ordered from coarse to fine."""

    YEAR = 1
    SEASON = 2  # a season or a quarter: three months
    MONTH = 3
    DAY = 4

    @property
    def label(self) -> str:
        """The lowercase name used in machine output (``year``, ``season``, ``month``, ``day``)."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class PartialDate:
    """One EDTF date: its text as written (normalised), its bounds and its qualifiers.

    ``lower`` and ``upper`` are day numbers (``chrono.dates.days``). ``clock`` orders dates of one
    day that carry a time: the seconds from the day's start to the moment, in UTC where an offset
    is written (a time without an offset counts as UTC); NO_CLOCK without a time.
    """

    text: str  # without the qualifier, e.g. "2001-08", "19XX", "-0043-03-15", "2001-08-04T23:30"
    lower: int
    upper: int
    precision: Precision
    uncertain: bool = False
    approximate: bool = False
    clock: int = NO_CLOCK

    @property
    def edtf(self) -> str:
        """The EDTF string, qualifier included."""
        if self.uncertain and self.approximate:
            return self.text + "%"
        if self.uncertain:
            return self.text + "?"
        if self.approximate:
            return self.text + "~"
        return self.text

    @property
    def is_exact(self) -> bool:
        """True when the date names exactly one day."""
        return self.lower == self.upper

    @property
    def time(self) -> str | None:
        """The time of day and offset as written (``23:30:00-07:00``), or None."""
        _, sep, tail = self.text.partition("T")
        return tail if sep else None

    @property
    def day_text(self) -> str:
        """The text without its time (``2001-08-04``)."""
        return self.text.partition("T")[0]

    @classmethod
    def from_date(cls, day: _dt.date) -> PartialDate:
        """A day-precision date from a ``datetime.date`` (what TOML local dates become)."""
        if type(day) is not _dt.date:
            raise DateError(f"{day!r} is not a plain date")
        number = day.toordinal()
        return cls(day.isoformat(), number, number, Precision.DAY)

    def __str__(self) -> str:
        return self.edtf


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When an event happened: a start date and, for spans, an end date or an open end.

    ``written`` is the text as it was written when that was not EDTF (``25 October 1917 (O.S.)``,
    ``44 BC``): the value is the EDTF one, the written form is kept to be shown. An open start
    (``../1900``, "before 1900") is ``open_start``: ``start`` is then the date it ends by.
    """

    start: PartialDate
    end: PartialDate | None = None
    open_end: bool = False
    open_start: bool = False
    written: str | None = None

    @property
    def earliest(self) -> int:
        """The first day the event may have started on (DAWN for an open start)."""
        return DAWN if self.open_start else self.start.lower

    @property
    def latest(self) -> int | None:
        """The last day the event may have lasted to; None when it is still ongoing."""
        if self.open_end:
            return None
        return (self.end or self.start).upper

    @property
    def latest_or_max(self) -> int:
        """``latest``, with an open end counting as the end of time (for ordering and ranges)."""
        return FOREVER if self.open_end else (self.end or self.start).upper

    @property
    def clock(self) -> int:
        """The start's place within its day, for ordering (see ``PartialDate.clock``)."""
        return NO_CLOCK if self.open_start else self.start.clock

    @property
    def edtf(self) -> str:
        """``start``, ``start/end``, ``start/..`` or ``../start``."""
        if self.open_start:
            return f"../{self.start.edtf}"
        if self.open_end:
            return f"{self.start.edtf}/.."
        if self.end is not None:
            return f"{self.start.edtf}/{self.end.edtf}"
        return self.start.edtf

    @property
    def single(self) -> bool:
        """True for a span written ``D/D``: its end is its start (shown as ``D`` to people)."""
        return self.end is not None and self.end == self.start

    @property
    def shown(self) -> str:
        """The EDTF for people: ``D/D`` as ``D`` (machine formats keep ``edtf`` as written)."""
        return self.start.edtf if self.single else self.edtf

    @property
    def precision(self) -> Precision:
        """The precision of the start, which is what a reader asks first."""
        return self.start.precision

    @property
    def uncertain(self) -> bool:
        """True when either end is marked uncertain."""
        return self.start.uncertain or (self.end is not None and self.end.uncertain)

    @property
    def approximate(self) -> bool:
        """True when either end is marked approximate."""
        return self.start.approximate or (self.end is not None and self.end.approximate)

    def __str__(self) -> str:
        return self.edtf


def days_in_month(year: int, month: int) -> int:
    """28 to 31 (the calendar module would cost start-up time for this one sum)."""
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _month_name(year: int, month: int) -> str:
    """'June'; February with its year, since whether the 29th exists depends on it."""
    name = _MONTH_NAMES[month - 1]
    return f"{name} {year:04d}" if month == 2 else name


def _bad(text: str, why: str) -> DateError:
    return DateError(f"{text!r} is not a valid date: {why}")


def _year_range(text: str, year_s: str) -> tuple[int, int]:
    """The first and last year a year field (``19XX``, ``-01XX``) may be."""
    if not _YEAR_DIGITS_RE.fullmatch(year_s):
        raise _bad(text, "unknown digits (X) may only end a year, as in 19XX")
    if year_s.lstrip("-") == "XXXX":
        raise _bad(text, "a wholly unknown year (XXXX) says nothing; leave the event out")
    if year_s == "-0000":
        raise _bad(text, "there is no year -0000; year 0000 is 1 BC")
    high, low = int(year_s.replace("X", "9")), int(year_s.replace("X", "0"))
    if abs(high) > MAX_ABS_YEAR:
        raise _bad(text, f"years run to {MAX_ABS_YEAR:,} either side of year 0")
    return (high, low) if high < low else (low, high)  # -01XX: -199 .. -100


def parse_date(text: str) -> PartialDate:
    """Parse one EDTF date (no interval) of chrono's subset, or raise DateError saying why."""
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise _bad(text, FORMS_HINT)
    big, year_s, month_s, day_s, time_s, qual = match.group("big", "year", "month", "day", "time", "qual")
    uncertain, approximate = qual in ("?", "%"), qual in ("~", "%")
    if big is not None:
        year = int(big)
        if month_s is not None:
            raise _bad(text, "a Y year (more than four digits) is a whole year; it has no month or day")
        if abs(year) > MAX_ABS_YEAR:
            raise _bad(text, f"years run to {MAX_ABS_YEAR:,} either side of year 0")
        return PartialDate(
            f"Y{big}", day_number(year, 1, 1), day_number(year, 12, 31), Precision.YEAR, uncertain, approximate
        )
    year_lo, year_hi = _year_range(text, year_s)
    year_unknown = "X" in year_s
    if year_unknown and month_s not in (None, "XX"):
        raise _bad(text, "with unknown year digits the month must be XX or left out")
    if month_s is not None and "X" in month_s and month_s != "XX":
        raise _bad(text, "a month is two digits or XX")
    if day_s is not None and "X" in day_s and day_s != "XX":
        raise _bad(text, "a day is two digits or XX")
    if month_s == "XX" and day_s not in (None, "XX"):
        raise _bad(text, "with an unknown month (XX) the day must be XX too")
    canonical = year_s + (f"-{month_s}" if month_s else "") + (f"-{day_s}" if day_s else "")
    clock = NO_CLOCK
    if month_s is None or month_s == "XX":
        lower, upper = day_number(year_lo, 1, 1), day_number(year_hi, 12, 31)
        precision = Precision.YEAR
    else:
        lower, upper, precision = _month_part(text, year_lo, int(month_s), day_s)
        if time_s is not None:
            clock = _clock(text, time_s)
            canonical += "T" + time_s
    return PartialDate(canonical, lower, upper, precision, uncertain, approximate, clock)


def _month_part(text: str, year: int, month: int, day_s: str | None) -> tuple[int, int, Precision]:
    if month in _SEASONS:
        if day_s is not None:
            raise _bad(text, "a season or quarter (21-24, 33-36) has no day")
        first, length = _SEASONS[month]
        last_year, last = (year + 1, first + length - 13) if first + length > 13 else (year, first + length - 1)
        return day_number(year, first, 1), day_number(last_year, last, days_in_month(last_year, last)), Precision.SEASON
    if not 1 <= month <= 12:
        raise _bad(text, f"month {month:02d} is out of range 01-12")
    last_day = days_in_month(year, month)
    if day_s is None or day_s == "XX":
        return day_number(year, month, 1), day_number(year, month, last_day), Precision.MONTH
    day = int(day_s)
    if not 1 <= day <= last_day:
        raise _bad(text, f"day {day_s} is out of range for {_month_name(year, month)}")
    number = day_number(year, month, day)
    return number, number, Precision.DAY


def _clock(text: str, time_s: str) -> int:
    """The seconds from the day's start to the time, in UTC where an offset is written."""
    match = _TIME_RE.fullmatch(time_s)
    if match is None:
        raise _bad(text, "a time is HH:MM, HH:MM:SS, then Z or an offset like +08:00 or -07")
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hours > 24 or minutes > 59 or seconds > 59 or (hours == 24 and (minutes or seconds or match.group(4))):
        raise _bad(text, f"{time_s[:8]} is not a time of day (00:00:00 to 24:00:00)")
    offset = 0
    if match.group(6):
        off_h, off_m = int(match.group(7)), int(match.group(8) or 0)
        offset = (off_h * 3600 + off_m * 60) * (-1 if match.group(6) == "-" else 1)
        if off_m > 59 or not -12 * 3600 <= offset <= 14 * 3600 or (offset == 0 and match.group(6) == "-"):
            raise _bad(text, "an offset runs from -12:00 to +14:00 (and UTC is Z or +00:00, never -00:00)")
    return hours * 3600 + minutes * 60 + seconds - offset


def parse_span(text: str) -> DateSpan:
    """Parse a date or an interval ``A/B`` (``A`` or ``B`` may be ``..``) into a DateSpan."""
    if "/" not in text:
        return DateSpan(parse_date(text))
    start_s, _, end_s = text.partition("/")
    if not start_s:
        raise _bad(text, "an interval needs a start; write ../B for one that ends by B")
    if not end_s:
        raise _bad(text, "an interval needs an end; write A/.. for an ongoing one")
    if start_s == "..":
        if end_s == "..":
            raise _bad(text, "an interval needs at least one known end")
        return DateSpan(parse_date(end_s), open_start=True)
    start = parse_date(start_s)
    if end_s == "..":
        return DateSpan(start, open_end=True)
    return make_span(start, parse_date(end_s), text)


def make_span(start: PartialDate, end: PartialDate, text: str | None = None) -> DateSpan:
    """A span from ``start`` to ``end``; refuses an end wholly before the start."""
    if end.upper < start.lower or (end.lower == start.upper == end.upper and end.clock < start.clock != NO_CLOCK):
        shown = text if text is not None else f"{start.edtf}/{end.edtf}"
        raise _bad(shown, f"the end {end.edtf} is before the start {start.edtf}")
    return DateSpan(start, end)
