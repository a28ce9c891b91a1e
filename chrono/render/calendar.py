"""``chrono cal``: month grids like cal(1) and khal's, with the days that have events marked,
and the period's events listed under them.

A day is marked only by an event known to the day (``•`` after the number, and bold in colour):
an event dated to a month or a year is listed, at its own precision, but marks no single day;
one dated only to a coarser period than the one shown is counted, not listed.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence

from chrono.dates.edtf import Precision
from chrono.model import Event
from chrono.render.palette import SGR

MARK = "•"
CELL = 3  # two digits and the mark
GRID = 7 * CELL  # a month's width
GAP = "  "
RESET = "\x1b[0m"
DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def marked_days(events: Iterable[Event], first: _dt.date, last: _dt.date) -> set[_dt.date]:
    """The days in ``[first, last]`` that a day-precise event falls on (each day of a span)."""
    days: set[_dt.date] = set()
    for event in events:
        when = event.when
        if when.start.precision is not Precision.DAY or when.open_end:
            continue
        if when.end is not None and when.end.precision is not Precision.DAY:
            continue
        day, end = max(when.start.lower, first.toordinal()), min((when.end or when.start).upper, last.toordinal())
        while day <= end:
            days.add(_dt.date.fromordinal(day))
            day += 1
    return days


def month_lines(
    year: int, month: int, marked: set[_dt.date], today: _dt.date, week_start: int, colour: bool
) -> list[str]:
    """One month's grid, ``GRID`` cells wide: its name, the day names, then one line a week."""
    title = f"{calendar.month_name[month]} {year}"
    lines = [_style(title.center(GRID).rstrip().ljust(GRID), "bold", colour)]
    names = "".join(f"{DAY_NAMES[(week_start + i) % 7]} " for i in range(7))
    lines.append(_style(names, "dim", colour))
    for week in calendar.Calendar(week_start).monthdayscalendar(year, month):
        cells = []
        for number in week:
            if not number:
                cells.append(" " * CELL)
                continue
            day = _dt.date(year, month, number)
            mark = MARK if day in marked else " "
            text = f"{number:>2}{mark}"
            style = "bold" if day in marked else ""
            cells.append(_style(text, "reverse" if day == today else style, colour))
        lines.append("".join(cells))
    while len(lines) < 8:  # every month as tall as the tallest, so months side by side line up
        lines.append(" " * GRID)
    return lines


def grid_lines(
    year: int, months: Sequence[int], marked: set[_dt.date], today: _dt.date, week_start: int, width: int, colour: bool
) -> Iterator[str]:
    """The months' grids, as many side by side as the width holds (at most three)."""
    across = max(1, min(3, (width + len(GAP)) // (GRID + len(GAP))))
    for index in range(0, len(months), across):
        drawn = [
            month_lines(year, month, marked, today, week_start, colour) for month in months[index : index + across]
        ]
        rows = [GAP.join(row).rstrip() + "\n" for row in zip(*drawn, strict=True)]
        while rows[-1] == "\n":  # a block of short months ends with its last week
            rows.pop()
        yield from rows
        if index + across < len(months):
            yield "\n"


def _style(text: str, style: str, colour: bool) -> str:
    if not colour or not style:
        return text
    code = "\x1b[7m" if style == "reverse" else SGR.get(style, "")
    return f"{code}{text}{RESET}" if code else text
