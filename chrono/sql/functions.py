"""The date functions of ``chrono sql``: chrono's partial-date semantics, for SQL.

SQLite alone gets partial dates wrong (``julianday('1993')`` is day 1993 of the Julian period;
``strftime`` accepts 31 June). These functions read any date ``chrono list`` accepts — a day, a
month, a year, ``199X``, ``2001?``, an interval ``A/B`` or ``A/..``, a written or relative date —
as the span of days it stands for, and answer exactly as ``list`` does:

- ``overlaps(start, end, D)``: the event's span shares a day with D (``list --on D``);
- ``within(start, end, D)``: it lies inside D (``--match within``);
- ``starts_in(date, D)``: its start date lies wholly inside D (``--match start``);
- ``edtf_start(D)`` and ``edtf_end(D)``: D's first and last day, as ISO days.

``start`` is read for its first day and ``end`` for its last (NULL: still open), so both the
``start``/``end`` columns and EDTF text work. A NULL argument gives NULL, as SQL functions do.
Pure: today is passed in. An unreadable date stops the statement, and its message is kept for
the caller to report (SQLite turns an exception in a function into a message that does not say
which date was wrong).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from chrono.dates.days import DAWN, FOREVER, iso
from chrono.errors import DateError


class DateFunctions:
    """The functions for one statement; ``error`` holds the first unreadable date's message."""

    def __init__(self, today: _dt.date) -> None:
        self.today = today
        self.error: str | None = None
        self._bounds: dict[str, tuple[int, int]] = {}

    def bounds(self, value: Any, name: str) -> tuple[int, int]:
        """First and last day number of a date argument (DAWN, FOREVER for open ends)."""
        text = value if isinstance(value, str) else str(value)
        found = self._bounds.get(text)
        if found is not None:
            return found
        from chrono.dates.arguments import parse_date_arg

        try:
            arg = parse_date_arg(text, self.today)
        except DateError as exc:
            if self.error is None:
                self.error = f"{name}(): {exc}"
            raise  # SQLite stops the statement; the caller reports ``error``
        found = self._bounds[text] = (arg.lower, arg.upper)
        return found

    def start_bounds(self, value: Any, name: str) -> tuple[int, int]:
        """The bounds of the start of a date: of ``A`` for an interval ``A/B``."""
        text = value if isinstance(value, str) else str(value)
        if text.startswith("../"):  # an open start: from the dawn of time, by the end of B
            return DAWN, self.bounds(text[3:], name)[1]
        return self.bounds(text.partition("/")[0] if "/" in text else text, name)

    def overlaps(self, start: Any, end: Any, wanted: Any) -> int | None:
        """1 when ``[start, end]`` shares a day with ``wanted``; an end of NULL is still open, a
        start of NULL an open start (``../1900``)."""
        if wanted is None:
            return None
        first, span, asked = self._start(start, "overlaps"), self._end(end, "overlaps"), self.bounds(wanted, "overlaps")
        return int(first[0] <= asked[1] and span >= asked[0])

    def within(self, start: Any, end: Any, wanted: Any) -> int | None:
        """1 when ``[start, end]`` lies inside ``wanted`` (an open end only inside an open range)."""
        if wanted is None:
            return None
        first, span, asked = self._start(start, "within"), self._end(end, "within"), self.bounds(wanted, "within")
        return int(first[0] >= asked[0] and first[0] <= asked[1] and span <= asked[1])

    def starts_in(self, date: Any, wanted: Any) -> int | None:
        """1 when every day the start of ``date`` may stand for lies inside ``wanted``."""
        if date is None or wanted is None:
            return None
        start, asked = self.start_bounds(date, "starts_in"), self.bounds(wanted, "starts_in")
        return int(asked[0] <= start[0] and start[1] <= asked[1])

    def edtf_start(self, wanted: Any) -> str | None:
        """The first day of a date, as an ISO day."""
        if wanted is None:
            return None
        first = self.bounds(wanted, "edtf_start")[0]
        return None if first == DAWN else iso(first)

    def edtf_end(self, wanted: Any) -> str | None:
        """The last day of a date, as an ISO day; NULL when it is open (``A/..``)."""
        if wanted is None:
            return None
        last = self.bounds(wanted, "edtf_end")[1]
        return None if last == FOREVER else iso(last)

    def _start(self, start: Any, name: str) -> tuple[int, int]:
        """The bounds of ``start``; DAWN for NULL (an open start)."""
        return (DAWN, DAWN) if start is None else self.bounds(start, name)

    def _end(self, end: Any, name: str) -> int:
        """The last day of ``end``; FOREVER for NULL (still open)."""
        return FOREVER if end is None else self.bounds(end, name)[1]

    def table(self) -> dict[str, tuple[int, Callable[..., Any]]]:
        """name -> (number of arguments, function), to register with SQLite."""
        return {
            "overlaps": (3, self.overlaps),
            "within": (3, self.within),
            "starts_in": (2, self.starts_in),
            "edtf_start": (1, self.edtf_start),
            "edtf_end": (1, self.edtf_end),
        }
