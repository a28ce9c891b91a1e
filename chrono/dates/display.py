"""Dates for people on a terminal: a year before 1 as a BC year, everything else as EDTF.

Machine formats keep EDTF (``-0043-03-15``, ``Y-11345``); a person reads ``-0043`` as 43 when it is
44 BC, so terminal renderers show years before 1 the way people write them: ``44 BC``,
``Mar 44 BC``, ``15 Mar 44 BC``, ``11346 BC``, the qualifier after (``44 BC?``). Years with
unknown digits (``-01XX``) stay EDTF. docs/format.md documents it.
"""

from __future__ import annotations

import re

from chrono.dates.days import civil

_NEGATIVE_RE = re.compile(r"(?:Y(-\d{5,})|(-\d{4}|0000))(?:-(\d{2}))?(?:-(\d{2}))?(T\S+)?([?~%]?)")
_SEASON_NAMES = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter", 33: "Q1", 34: "Q2", 35: "Q3", 36: "Q4"}
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def bc_year(year: int) -> str:
    """An astronomical year as people write it: 2001 -> '2001', 0 -> '1 BC', -43 -> '44 BC'."""
    return f"{1 - year} BC" if year <= 0 else str(year)


def people_date(edtf: str) -> str:
    """One EDTF date for a terminal: '-0043-03-15' -> '15 Mar 44 BC'; a date from year 1 as is."""
    match = _NEGATIVE_RE.fullmatch(edtf)
    if match is None:
        return edtf
    big, year_s, month_s, day_s, time_s, qual = match.groups()
    year = int(big or year_s)
    parts = [bc_year(year)]
    if month_s is not None:
        month = int(month_s)
        parts.insert(0, _SEASON_NAMES.get(month) or _ABBREVIATIONS[month - 1])
    if day_s is not None:
        parts.insert(0, str(int(day_s)))
    return " ".join(parts) + (time_s or "").replace("T", " ", 1) + qual


def people_span(edtf: str) -> str:
    """A date or an interval for a terminal (``A/B`` with each side as ``people_date``)."""
    if "/" not in edtf or not ("-" in edtf[:1] or "/-" in edtf or "Y" in edtf or "0000" in edtf):
        return people_date(edtf)
    return "/".join(people_date(part) for part in edtf.split("/"))


def people_day(number: int) -> str:
    """A day number for a terminal: '2001-08-04', '15 Mar 44 BC'."""
    year, month, day = civil(number)
    if year >= 1:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{day} {_ABBREVIATIONS[month - 1]} {bc_year(year)}"


def short_year(year: int) -> str:
    """An axis label for a year of any size: '1990', '44 BC', '12k BC', '13.8 bn BC'."""
    count = 1 - year if year <= 0 else year
    era = " BC" if year <= 0 else ""
    for size, unit in ((10**9, " bn"), (10**6, " m"), (10**4, "k")):
        if count >= size:
            return f"{count / size:.3g}{unit}{era}"
    return f"{count}{era}"
