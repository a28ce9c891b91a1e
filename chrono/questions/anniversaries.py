"""Which anniversaries fall in a window of days — the question behind an anniversary press release."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chrono.dates.days import civil, day_number, iso, year_of
from chrono.dates.edtf import Precision, days_in_month
from chrono.model import Event

ROUND_EVERY = 5


@dataclass(frozen=True, slots=True)
class Anniversary:
    """The ``years``-th anniversary of an event, on a day (or in a month, for month-precise events)."""

    event: Event
    years: int
    day: int  # the day number; for a month-precise event, the first day of the month in the window
    precision: Precision  # DAY, or MONTH when only the month is known

    @property
    def label(self) -> str:
        """'2022-08-04', or '2022-08' for a month-precise anniversary."""
        text = iso(self.day)
        return text if self.precision is Precision.DAY else text[:-3]

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


def same_day_in(year: int, month: int, day: int) -> int:
    """The anniversary day (a day number) in ``year``; 29 February falls on 28 February in common years."""
    return day_number(year, month, min(day, days_in_month(year, month)))


def window(on: int, behind: int, ahead: int) -> tuple[int, int]:
    """The inclusive window ``[on - behind, on + ahead]`` of day numbers."""
    return on - behind, on + ahead


def anniversaries(events: Iterable[Event], lo: int, hi: int) -> list[Anniversary]:
    """Every anniversary in ``[lo, hi]`` of events with a day- or month-precise start, by date.

    Year-only events have no anniversary day; an event's own year and later years are left
    out (an anniversary is at least the first). An Old Style (Julian) event's anniversary falls
    on its Gregorian day, where the timeline placed it.
    """
    found: list[Anniversary] = []
    years = range(year_of(lo), year_of(hi) + 1)
    for event in events:
        start = event.when.start
        if event.when.open_start or start.precision not in (Precision.DAY, Precision.MONTH):
            continue
        year0, month0, day0 = civil(start.lower)
        for year in years:
            if year <= year0:
                continue
            if start.precision is Precision.DAY:
                day = same_day_in(year, month0, day0)
                if lo <= day <= hi:
                    found.append(Anniversary(event, year - year0, day, Precision.DAY))
                continue
            first, last = day_number(year, month0, 1), same_day_in(year, month0, 31)
            if first <= hi and last >= lo:
                found.append(Anniversary(event, year - year0, max(first, lo), Precision.MONTH))
    found.sort(key=lambda a: (a.day, a.precision is not Precision.DAY, a.event.sort_key))
    return found
