"""Dates typed on the command line: EDTF, written dates and relative ones, each a span of days.

The grammar is strict so that a script never gets a guess: ``01/10/2019`` (day or month first?)
and ``May 16`` (which year?) are refused with a hint. A written date keeps the precision it was
written with (``July 2000`` is the whole month); nothing is filled in from today.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from chrono.dates.edtf import NO_CLOCK, Precision, parse_span
from chrono.dates.phrases import parse_written, written_approximation
from chrono.errors import DateError

ARG_HINT = (
    "use YYYY, YYYY-MM or YYYY-MM-DD, EDTF (199X, 2001-XX, 2001?), a written date with a "
    "4-digit year ('July 2000', '19 July 2000', '19 июля 2000'), or today, yesterday, tomorrow, "
    "'3 years ago', 'in 2 weeks', 'last year', 'this month', 'next week'"
)

_AGO_RE = r"(\d{1,4})\s+(day|week|month|year)s?\s+ago"
_IN_RE = r"in\s+(\d{1,4})\s+(day|week|month|year)s?"
_PERIOD_RE = r"(last|this|next)\s+(week|month|year)"
_GLOSS_RE = r"\s*\((\d{4})\)$"
_JUCHE_NUMBER_RE = r"(?i)juche\s+(\d{1,4})"


class DateArg(NamedTuple):
    """A date argument as a span of day numbers, with the precision it was written at."""

    text: str
    lower: int
    upper: int
    precision: Precision
    clock: int = NO_CLOCK  # the time of day, where one was given (see PartialDate.clock)

    @property
    def is_exact(self) -> bool:
        """True when the argument names one day."""
        return self.lower == self.upper


def parse_date_arg(text: str, today: _dt.date) -> DateArg:
    """Read a command-line date; raise DateError with the accepted forms when it cannot."""
    cleaned = " ".join(text.split())
    lowered = cleaned.lower()
    if not cleaned:
        raise DateError(f"an empty date; {ARG_HINT}")
    if _plain_iso(cleaned):  # 2000, 2000-07, 2000-07-19: no other form can read them differently
        return _edtf(cleaned, text)
    relative = _relative(lowered, today)
    if relative is not None:
        return DateArg(text, *relative)
    if "juche" in lowered or "чучхе" in lowered:
        return _juche(cleaned, text, today)
    from chrono.dates.written import read_written  # not on the plain-ISO start-up path

    try:
        span = read_written(cleaned)
    except DateError as exc:
        raise DateError(f"{exc}; or today, yesterday, '3 years ago', 'last year', 'next week'") from None
    return DateArg(text, span.earliest, span.latest_or_max, span.precision, span.clock)


def _juche(cleaned: str, text: str, today: _dt.date) -> DateArg:
    if any("\u0400" <= char <= "\u04ff" for char in cleaned):  # Cyrillic
        from chrono.dates.russian import to_english

        try:
            cleaned = to_english(cleaned)
        except ValueError as exc:
            raise DateError(f"cannot read {text!r} as a date: {exc}; {ARG_HINT}") from None
    from chrono.dates.juche import to_gregorian

    unglossed = _drop_gregorian_gloss(cleaned, text)
    try:
        converted = to_gregorian(unglossed)
    except ValueError as exc:
        raise DateError(f"{text!r}: {exc}") from None
    if converted is None:
        raise DateError(
            f"cannot read {text!r} as a Juche date; write 'Juche 111', 'Juche 90-08-04' or '05 August Juche 111'"
        )
    arg = parse_date_arg(converted, today)
    return DateArg(text, arg.lower, arg.upper, arg.precision)


def _plain_iso(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD in digits, told by string tests (no regex to compile)."""
    if len(text) not in (4, 7, 10) or not text[:4].isdigit():
        return False
    return all(text[i] == "-" and text[i + 1 : i + 3].isdigit() for i in range(4, len(text), 3))


def _edtf(cleaned: str, text: str) -> DateArg:
    try:
        span = parse_span(cleaned)
    except DateError as exc:
        raise DateError(f"{exc}; {ARG_HINT}") from None
    return DateArg(text, span.earliest, span.latest_or_max, span.precision, span.clock)


def _drop_gregorian_gloss(cleaned: str, original: str) -> str:
    """'05 August Juche 111 (2022)' -> '05 August Juche 111', once the gloss is checked to agree.

    DPRK documents gloss the Juche year with the Gregorian one; a gloss that disagrees is an
    error, not something to pick a side in.
    """
    match = re.search(_GLOSS_RE, cleaned)
    if match is None:
        return cleaned
    from chrono.dates.juche import OFFSET

    juche = re.search(_JUCHE_NUMBER_RE, cleaned)
    if juche is None or int(juche.group(1)) + OFFSET != int(match.group(1)):
        raise DateError(f"{original!r}: the year in brackets does not match the Juche year")
    return cleaned[: match.start()].rstrip()


def _relative(text: str, today: _dt.date) -> tuple[int, int, Precision] | None:
    found = _relative_dates(text, today)
    if found is None:
        return None
    return found[0].toordinal(), found[1].toordinal(), found[2]


def _relative_dates(text: str, today: _dt.date) -> tuple[_dt.date, _dt.date, Precision] | None:
    if text in ("today", "now"):
        return today, today, Precision.DAY
    if text in ("yesterday", "tomorrow"):
        day = _shift(today, -1 if text == "yesterday" else 1, "day")  # a clear error past 0001 or 9999
        return day, day, Precision.DAY
    for regex, sign in ((_AGO_RE, -1), (_IN_RE, 1)):
        match = re.fullmatch(regex, text)
        if match:
            day = _shift(today, sign * int(match.group(1)), match.group(2))
            return day, day, Precision.DAY
    match = re.fullmatch(_PERIOD_RE, text)
    if match:
        step = {"last": -1, "this": 0, "next": 1}[match.group(1)]
        return _period(today, step, match.group(2))
    return None


def _shift(day: _dt.date, count: int, unit: str) -> _dt.date:
    from dateutil.relativedelta import relativedelta

    delta = {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "month": relativedelta(months=count),
        "year": relativedelta(years=count),
    }[unit]
    try:
        result: _dt.date = day + delta
    except (OverflowError, ValueError):
        units = unit if abs(count) == 1 else f"{unit}s"
        raise DateError(f"{abs(count)} {units} from {day} is outside years 0001-9999") from None
    return result


def _period(today: _dt.date, step: int, unit: str) -> tuple[_dt.date, _dt.date, Precision]:
    try:
        if unit == "year":
            year = today.year + step
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31), Precision.YEAR
        if unit == "month":
            first = _shift(today.replace(day=1), step, "month")
            last = _shift(first, 1, "month") - _dt.timedelta(days=1)
            return first, last, Precision.MONTH
        monday = today - _dt.timedelta(days=today.weekday()) + _dt.timedelta(weeks=step)
        return monday, monday + _dt.timedelta(days=6), Precision.DAY
    except (OverflowError, ValueError):
        raise DateError(f"that {unit} is outside years 0001-9999") from None


__all__ = ["ARG_HINT", "DateArg", "parse_date_arg", "parse_written", "written_approximation"]
