"""How a date is shown to people in each calendar ``--calendar`` offers; machine formats stay EDTF.

``gregorian`` shows EDTF with years before 1 as BC years (``chrono.dates.display``); ``juche``
the DPRK's era (``chrono.dates.juche``); ``julian`` a day's date in the Julian calendar, marked
``O.S.`` (Old Style), and coarser dates as EDTF (a Julian month is not a Gregorian one).
"""

from __future__ import annotations

from chrono.dates.edtf import DateSpan, PartialDate

CALENDARS = ("gregorian", "juche", "julian")


def date_text(date: PartialDate, calendar: str = "gregorian") -> str:
    """One date as ``calendar`` writes it for people."""
    if calendar == "juche":
        from chrono.dates.juche import date_text as juche_text

        return juche_text(date)
    if calendar == "julian":
        from chrono.dates.written import julian_text

        return julian_text(date)
    from chrono.dates.display import people_date

    return people_date(date.edtf)


def span_text(span: DateSpan, calendar: str = "gregorian") -> str:
    """A span for people: ``A``, ``A/B``, ``A/..`` or ``../B`` with each date in ``calendar``."""
    start = date_text(span.start, calendar)
    if span.open_start:
        return f"../{start}"
    if span.open_end:
        return f"{start}/.."
    if span.end is not None and not span.single:
        return f"{start}/{date_text(span.end, calendar)}"
    return start
