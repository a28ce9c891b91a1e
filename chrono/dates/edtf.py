"""Partial dates: the subset of EDTF (ISO 8601-2) chrono reads, and the span each one stands for.

A date is never a point but a span of days: ``2002`` is every day of 2002 and ``201X`` every day
of the 2010s. Precision is kept as written — a year-only date is never shown as ``2002-01-01`` —
and the qualifiers ``?`` (uncertain), ``~`` (approximate) and ``%`` (both) are kept too.

Supported: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` for years 0001-9999; trailing ``X`` digits in the
year and ``XX`` for a month or day (``19XX``, ``2001-XX``, ``2001-08-XX``); one qualifier at the
end; intervals ``A/B`` whose end may be ``..`` (open, ongoing).
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from dataclasses import dataclass

from chrono.errors import DateError

MIN_YEAR = 1
MAX_YEAR = 9999

FORMS_HINT = (
    "accepted: YYYY, YYYY-MM, YYYY-MM-DD (years 0001-9999), X for unknown digits (199X, 2001-XX), "
    "a trailing ? ~ or %, and intervals A/B or A/.."
)

_DATE_RE = re.compile(r"(?P<year>[0-9X]{4})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?(?P<qual>[?~%])?")
_YEAR_DIGITS_RE = re.compile(r"[0-9]*X*")


class Precision(enum.IntEnum):
    """How much of a date is known; ordered from coarse to fine."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        """The lowercase name used in machine output (``year``, ``month``, ``day``)."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class PartialDate:
    """One EDTF date: its text as written (normalised), its bounds and its qualifiers."""

    text: str  # without the qualifier, e.g. "2001-08" or "19XX"
    lower: _dt.date
    upper: _dt.date
    precision: Precision
    uncertain: bool = False
    approximate: bool = False

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

    @classmethod
    def from_date(cls, day: _dt.date) -> PartialDate:
        """A day-precision date from a ``datetime.date`` (what TOML local dates become)."""
        if type(day) is not _dt.date:
            raise DateError(f"{day!r} is not a plain date")
        return cls(day.isoformat(), day, day, Precision.DAY)

    def __str__(self) -> str:
        return self.edtf


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When an event happened: a start date and, for spans, an end date or an open end."""

    start: PartialDate
    end: PartialDate | None = None
    open_end: bool = False

    @property
    def earliest(self) -> _dt.date:
        """The first day the event may have started on."""
        return self.start.lower

    @property
    def latest(self) -> _dt.date | None:
        """The last day the event may have lasted to; None when it is still ongoing."""
        if self.open_end:
            return None
        return (self.end or self.start).upper

    @property
    def latest_or_max(self) -> _dt.date:
        """``latest``, with an open end counting as the end of time (for ordering and ranges)."""
        latest = self.latest
        return _dt.date.max if latest is None else latest

    @property
    def edtf(self) -> str:
        """``start``, ``start/end`` or ``start/..``."""
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
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_bounds(year: int, month: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, month, 1), _dt.date(year, month, days_in_month(year, month))


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


def parse_date(text: str) -> PartialDate:
    """Parse one EDTF date (no interval) of chrono's subset, or raise DateError saying why."""
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise _bad(text, FORMS_HINT)
    year_s, month_s, day_s, qual = match.group("year", "month", "day", "qual")
    if not _YEAR_DIGITS_RE.fullmatch(year_s):
        raise _bad(text, "unknown digits (X) may only end a year, as in 19XX")
    if year_s == "XXXX":
        raise _bad(text, "a wholly unknown year (XXXX) says nothing; leave the event out")
    year_unknown = "X" in year_s
    if year_unknown and month_s not in (None, "XX"):
        raise _bad(text, "with unknown year digits the month must be XX or left out")
    if month_s is not None and "X" in month_s and month_s != "XX":
        raise _bad(text, "a month is two digits or XX")
    if day_s is not None and "X" in day_s and day_s != "XX":
        raise _bad(text, "a day is two digits or XX")
    if month_s == "XX" and day_s not in (None, "XX"):
        raise _bad(text, "with an unknown month (XX) the day must be XX too")

    year_hi = int(year_s.replace("X", "9"))
    if year_hi < MIN_YEAR:
        raise _bad(text, "years run from 0001 to 9999")
    year_lo = max(int(year_s.replace("X", "0")), MIN_YEAR)  # 0XXX: years 1-999, there is no year 0

    if month_s is None or month_s == "XX":
        lower, upper = _dt.date(year_lo, 1, 1), _dt.date(year_hi, 12, 31)
        precision = Precision.YEAR
    else:
        month = int(month_s)
        if not 1 <= month <= 12:
            raise _bad(text, f"month {month_s} is out of range 01-12")
        lower, upper = _month_bounds(year_lo, month)
        precision = Precision.MONTH
        if day_s is not None and day_s != "XX":
            day = int(day_s)
            if not 1 <= day <= upper.day:
                raise _bad(text, f"day {day_s} is out of range for {_month_name(year_lo, month)}")
            lower = upper = _dt.date(year_lo, month, day)
            precision = Precision.DAY
    canonical = year_s + (f"-{month_s}" if month_s else "") + (f"-{day_s}" if day_s else "")
    return PartialDate(
        text=canonical,
        lower=lower,
        upper=upper,
        precision=precision,
        uncertain=qual in ("?", "%"),
        approximate=qual in ("~", "%"),
    )


def parse_span(text: str) -> DateSpan:
    """Parse a date or an interval ``A/B`` (``B`` may be ``..``) into a DateSpan."""
    if "/" not in text:
        return DateSpan(parse_date(text))
    start_s, _, end_s = text.partition("/")
    if not start_s or start_s == "..":
        raise _bad(text, "an interval needs a known start (an open start '..' is not supported)")
    if not end_s:
        raise _bad(text, "an interval needs an end; write A/.. for an ongoing one")
    start = parse_date(start_s)
    if end_s == "..":
        return DateSpan(start, open_end=True)
    return make_span(start, parse_date(end_s), text)


def make_span(start: PartialDate, end: PartialDate, text: str | None = None) -> DateSpan:
    """A span from ``start`` to ``end``; refuses an end wholly before the start."""
    if end.upper < start.lower:
        shown = text if text is not None else f"{start.edtf}/{end.edtf}"
        raise _bad(shown, f"the end {end.edtf} is before the start {start.edtf}")
    return DateSpan(start, end)


def coerce_date(value: object) -> PartialDate:
    """A TOML value (a local date or an EDTF string without an interval) as a PartialDate."""
    if type(value) is _dt.date:
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return parse_date(value)
    raise DateError(f"expected a date (a TOML date like 2001-08-04 or a string), got {_kind(value)}")


def coerce_span(value: object) -> DateSpan:
    """A TOML value (a local date or an EDTF string, interval allowed) as a DateSpan."""
    if type(value) is _dt.date:
        return DateSpan(PartialDate.from_date(value))
    if isinstance(value, str):
        return parse_span(value)
    raise DateError(f"expected a date (a TOML date like 2001-08-04 or a string), got {_kind(value)}")


def _kind(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and MIN_YEAR <= value <= MAX_YEAR:
        return f'the number {value} (write a year as a string: "{value}")'
    if isinstance(value, _dt.datetime):
        return "a date with a time (chrono dates have no time of day)"
    if isinstance(value, _dt.time):
        return "a time of day"
    return f"{type(value).__name__} {value!r}"
