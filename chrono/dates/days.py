"""Day numbers: every day of the proleptic Gregorian calendar as one integer, years of any size.

``datetime.date`` stops at years 1 and 9999, and chronologies reach back to the Big Bang. A day is
therefore an ``int``: the same number ``date.toordinal()`` gives (0001-01-01 is 1), extended both
ways — 0000-12-31 (1 BC) is 0 and earlier days are negative. Integers compare, sort, bisect and
pack into the cache's arrays at C speed; within years 1-9999 ``datetime`` does the arithmetic
(fast, in C), outside them the civil-from-days algorithm of Howard Hinnant's ``chrono`` paper does.
Years are astronomical (ISO 8601 and EDTF): year 0 is 1 BC, year -43 is 44 BC.
"""

from __future__ import annotations

import datetime as _dt

#: The latest day of an ongoing event and the upper bound of an unbounded range: after every day
#: any date can name (years are capped at ``MAX_ABS_YEAR``), and it fits the cache's 64-bit arrays.
FOREVER = 1 << 62
#: The lower bound of an unbounded range: before every day.
DAWN = -FOREVER
#: The largest year (either sign) chrono reads: 10^15 years is far past the age of the universe
#: (1.38 x 10^10) and keeps every day number inside 64 bits.
MAX_ABS_YEAR = 10**15 - 1

_ERA_DAYS = 146097  # days in 400 Gregorian years
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_leap(year: int) -> bool:
    """True for a Gregorian leap year (year 0, 1 BC, is one)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_number(year: int, month: int, day: int) -> int:
    """The day number of a valid Gregorian date (``date(y, m, d).toordinal()`` for years 1-9999)."""
    if 1 <= year <= 9999:
        return _dt.date(year, month, day).toordinal()
    y = year - 1 if month <= 2 else year
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * _ERA_DAYS + doe - 305


def civil(number: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number; the inverse of ``day_number``."""
    if 1 <= number <= 3652059:  # 0001-01-01 .. 9999-12-31
        found = _dt.date.fromordinal(number)
        return found.year, found.month, found.day
    z = number + 305
    era = z // _ERA_DAYS
    doe = z - era * _ERA_DAYS
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if month <= 2 else 0), month, day


def year_of(number: int) -> int:
    """The Gregorian year of a day number."""
    return civil(number)[0]


def weekday(number: int) -> int:
    """0 for Monday to 6 for Sunday (0001-01-01 was a Monday)."""
    return (number - 1) % 7


def weekday_name(number: int) -> str:
    """'Monday' ... 'Sunday'."""
    return _WEEKDAYS[weekday(number)]


def year_text(year: int) -> str:
    """A year as EDTF writes it in a full date: four digits and a sign (``-0043``, ``0000``), or
    ISO 8601's expanded form past four digits (``-11345``, ``+12000``)."""
    if year > 9999:
        return f"+{year}"
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def iso(number: int) -> str:
    """ISO 8601 text of a day: ``2001-08-04``, ``-0043-03-15``, expanded ``-11345-01-01``."""
    year, month, day = civil(number)
    return f"{year_text(year)}-{month:02d}-{day:02d}"


def from_date(day: _dt.date) -> int:
    """The day number of a ``datetime.date`` (today, a TOML local date)."""
    return day.toordinal()


def to_date(number: int) -> _dt.date | None:
    """The ``datetime.date`` of a day number, or None outside years 1-9999 (for libraries that
    need one, such as the ICS writer)."""
    return _dt.date.fromordinal(number) if 1 <= number <= 3652059 else None


def julian_day_number(year: int, month: int, day: int) -> int:
    """The day number of a date of the Julian calendar (Old Style), on the Gregorian timeline."""
    y = year - 1 if month <= 2 else year
    era = y // 4
    yoe = y - era * 4
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 1461 + yoe * 365 + doy - 307


def julian_civil(number: int) -> tuple[int, int, int]:
    """(year, month, day) in the Julian calendar of a day number."""
    z = number + 307
    era = z // 1461
    doe = z - era * 1461
    yoe = min(doe // 365, 3)
    doy = doe - 365 * yoe
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 4 + (1 if month <= 2 else 0), month, day


def julian_days_in_month(year: int, month: int) -> int:
    """28 to 31 in the Julian calendar (every fourth year is a leap year)."""
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31
