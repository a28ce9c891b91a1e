"""Which anniversaries fall in a window of days — the question behind an anniversary press release."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from chrono.dates.edtf import Precision, days_in_month
from chrono.model import Event

ROUND_EVERY = 5


@dataclass(frozen=True, slots=True)
class Anniversary:
    """The ``years``-th anniversary of an event, on a day (or in a month, for month-precise events)."""

    event: Event
    years: int
    day: _dt.date  # the day itself; for a month-precise event, the first day of the month in the window
    precision: Precision  # DAY, or MONTH when only the month is known

    @property
    def label(self) -> str:
        """'2022-08-04', or '2022-08' for a month-precise anniversary."""
        return self.day.isoformat() if self.precision is Precision.DAY else self.day.isoformat()[:7]

    @property
    def round(self) -> bool:
        """True for every multiple of five years."""
        return self.years % ROUND_EVERY == 0

    @property
    def ordinal(self) -> str:
        """'21st anniversary'."""
        return f"{ordinal(self.years)} anniversary"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ..."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def same_day_in(year: int, month: int, day: int) -> _dt.date:
    """The anniversary day in ``year``; 29 February falls on 28 February in common years."""
    return _dt.date(year, month, min(day, days_in_month(year, month)))


def window(on: _dt.date, behind: int, ahead: int) -> tuple[_dt.date, _dt.date]:
    """The inclusive window ``[on - behind, on + ahead]``, kept within the calendar."""
    lo = on - _dt.timedelta(days=min(behind, (on - _dt.date.min).days))
    hi = on + _dt.timedelta(days=min(ahead, (_dt.date.max - on).days))
    return lo, hi


def anniversaries(events: Iterable[Event], lo: _dt.date, hi: _dt.date) -> list[Anniversary]:
    """Every anniversary in ``[lo, hi]`` of events with a day- or month-precise start, by date.

    Year-only events have no anniversary day; an event's own year and later years are left
    out (an anniversary is at least the first).
    """
    found: list[Anniversary] = []
    years = range(lo.year, hi.year + 1)
    for event in events:
        start = event.when.start
        if start.precision is Precision.DAY:
            origin = start.lower
            for year in years:
                if year <= origin.year:
                    continue
                day = same_day_in(year, origin.month, origin.day)
                if lo <= day <= hi:
                    found.append(Anniversary(event, year - origin.year, day, Precision.DAY))
        elif start.precision is Precision.MONTH:
            origin = start.lower
            for year in years:
                if year <= origin.year:
                    continue
                first = _dt.date(year, origin.month, 1)
                last = same_day_in(year, origin.month, 31)
                if first <= hi and last >= lo:
                    found.append(Anniversary(event, year - origin.year, max(first, lo), Precision.MONTH))
    found.sort(key=lambda a: (a.day, a.precision is not Precision.DAY, a.event.sort_key))
    return found
