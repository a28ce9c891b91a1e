"""Written forms that name a stretch of time: ranges, parts of decades and centuries, seasons,
quarters, ISO weeks, open bounds, alternatives, and a weekday written with its date.

Each reads to the EDTF value docs/format.md gives it; ``read`` is the one reader
(``chrono.dates.written.read_written``), passed in so that either side of a range may be any form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from chrono.dates.days import day_number, iso, weekday, weekday_name
from chrono.dates.edtf import DateSpan, make_span, parse_date, parse_span
from chrono.errors import DateError

Reader = Callable[[str], DateSpan]

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DASH = r"\s*[-–—]\s*"
_YEAR_RANGE_RE = re.compile(rf"(?P<a>\d{{3,4}})(?:{_DASH}|\s+to\s+)(?P<b>\d{{3,4}})", re.IGNORECASE)
_TO_RE = re.compile(r"(?P<a>.+?)\s+(?:to|until|till)\s+(?P<b>.+)", re.IGNORECASE)
_DAYS_MONTH_FIRST_RE = re.compile(rf"{_MONTH}\s+(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}}),?\s+(?P<year>\d{{4}})")
_DAYS_FIRST_RE = re.compile(rf"(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})")
_SHORT_END_RE = re.compile(r"(?P<ym>\d{4}-\d{2})-(?P<d1>\d{2})/(?P<d2>\d{2})")
_PART_RE = re.compile(r"(?P<part>early|mid|late)[\s-]+(?P<rest>.+)", re.IGNORECASE)
_DECADE_RE = re.compile(r"(\d{3})0'?s")
_CENTURY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)[\s-]+century", re.IGNORECASE)
_QUARTER_RE = re.compile(r"Q([1-4])\s+(\d{4})|(\d{4})-Q([1-4])", re.IGNORECASE)
_SEASON_RE = re.compile(r"(spring|summer|autumn|fall|winter)\s+(\d{4})", re.IGNORECASE)
_WEEK_RE = re.compile(r"(\d{4})-?W(\d{2})(?:-?([1-7]))?")
_BOUND_RE = re.compile(r"(?P<word>before|after)\s+(?P<rest>.+)", re.IGNORECASE)
_OR_RE = re.compile(r"(?P<a>.+?)\s+or\s+(?P<b>.+)", re.IGNORECASE)
_SET_RE = re.compile(r"\[(?P<a>[^\],.]+)(?:,|\.\.)(?P<b>[^\],.]+)\]")
_WEEKDAY_RE = re.compile(
    r"(?P<name>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"\.?,?\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
# The thirds of a decade and a century (docs/format.md): early, mid, late.
_DECADE_THIRDS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_CENTURY_THIRDS = {"early": (0, 32), "mid": (33, 66), "late": (67, 99)}


def _years(first: int, last: int) -> DateSpan:
    return make_span(parse_date(f"{first:04d}"), parse_date(f"{last:04d}"))


def year_range(text: str, read: Reader) -> DateSpan | None:
    """'1914-1918', '1914–1918', '1914 to 1918' (and any two forms joined by 'to')."""
    match = _YEAR_RANGE_RE.fullmatch(text)
    if match is not None:
        first, last = int(match.group("a")), int(match.group("b"))
        if last < first:
            raise DateError(f"{text!r} is not a valid range: {last} is before {first}")
        return _years(first, last)
    to = _TO_RE.fullmatch(text)
    if to is None:
        return None
    start, end = read(to.group("a")), read(to.group("b"))
    return make_span(start.start, end.end or end.start, text)


def day_range(text: str, read: Reader) -> DateSpan | None:
    """'August 4-5 2001', '4–5 August 2001', '2001-08-04/05' (two days of one month)."""
    short = _SHORT_END_RE.fullmatch(text)
    if short is not None:
        ym = short.group("ym")
        return make_span(parse_date(f"{ym}-{short.group('d1')}"), parse_date(f"{ym}-{short.group('d2')}"), text)
    match = _DAYS_MONTH_FIRST_RE.fullmatch(text) or _DAYS_FIRST_RE.fullmatch(text)
    if match is None:
        return None
    month, year = match.group("month"), match.group("year")
    first = read(f"{int(match.group('d1'))} {month} {year}").start
    last = read(f"{int(match.group('d2'))} {month} {year}").start
    return make_span(first, last, text)


def part_of(text: str) -> DateSpan | None:
    """'early 1990s' (1990-1993), 'mid-1990s' (1994-1996), 'late 19th century' (1867-1899)."""
    match = _PART_RE.fullmatch(text)
    if match is None:
        return None
    part, rest = match.group("part").lower(), match.group("rest").strip()
    decade = _DECADE_RE.fullmatch(rest)
    if decade is not None:
        base, (low, high) = int(decade.group(1)) * 10, _DECADE_THIRDS[part]
        return _years(base + low, base + high)
    century = _CENTURY_RE.fullmatch(rest)
    if century is not None and 1 <= int(century.group(1)) <= 99:
        base, (low, high) = (int(century.group(1)) - 1) * 100, _CENTURY_THIRDS[part]  # the 19th is the 1800s
        return _years(base + low, base + high)
    return None


def season(text: str) -> DateSpan | None:
    """'Q3 2010', '2010-Q3' (2010-35); 'Spring 2001' (2001-21) ... 'Winter 2001' (2001-24)."""
    quarter = _QUARTER_RE.fullmatch(text)
    if quarter is not None:
        number, year = (
            (quarter.group(1), quarter.group(2)) if quarter.group(1) else (quarter.group(4), quarter.group(3))
        )
        return DateSpan(parse_date(f"{year}-{32 + int(number)}"))
    named = _SEASON_RE.fullmatch(text)
    if named is not None:
        return DateSpan(parse_date(f"{named.group(2)}-{_SEASONS[named.group(1).lower()]}"))
    return None


def iso_week(text: str) -> DateSpan | None:
    """'2010-W05' (its Monday to Sunday) and '2010-W05-3' (its Wednesday)."""
    match = _WEEK_RE.fullmatch(text)
    if match is None:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    fourth = day_number(year, 1, 4)  # ISO week 1 holds 4 January
    monday = fourth - weekday(fourth) + (week - 1) * 7
    if not 1 <= week <= _weeks_in(year):
        raise DateError(f"{text!r} is not a valid week: {year} has {_weeks_in(year)} ISO weeks")
    if match.group(3):
        return DateSpan(parse_date(iso(monday + int(match.group(3)) - 1)))
    return make_span(parse_date(iso(monday)), parse_date(iso(monday + 6)), text)


def _weeks_in(year: int) -> int:
    """52 or 53: the ISO week of 28 December."""
    last = day_number(year, 12, 28)
    fourth = day_number(year, 1, 4)
    return (last - (fourth - weekday(fourth))) // 7 + 1


def bound(text: str, read: Reader) -> DateSpan | None:
    """'before 1900' (../1900) and 'after 1900' (1900/..)."""
    match = _BOUND_RE.fullmatch(text)
    if match is None:
        return None
    inner = read(match.group("rest"))
    if match.group("word").lower() == "before":
        return parse_span(f"../{inner.start.edtf}")
    return parse_span(f"{(inner.end or inner.start).edtf}/..")


def alternatives(text: str, read: Reader) -> DateSpan | None:
    """'1850 or 1851', '[1850,1851]', '[1850..1851]': one of them, so the span of both, uncertain."""
    match = _SET_RE.fullmatch(text) or _OR_RE.fullmatch(text)
    if match is None:
        return None
    first, second = read(match.group("a").strip()), read(match.group("b").strip())
    if second.earliest < first.earliest:
        first, second = second, first
    start = replace(first.start, uncertain=True)
    end = replace(second.end or second.start, uncertain=True)
    return make_span(start, end, text)


def with_weekday(text: str, read: Reader) -> DateSpan | None:
    """'Tuesday, January 3, 1791': the date, once its weekday is checked. A weekday that
    contradicts the date (3 January 1791 was a Monday) is an error naming both days, a classic
    sign of a transcription or calendar slip."""
    match = _WEEKDAY_RE.fullmatch(text)
    if match is None:
        return None
    span = read(match.group("rest"))
    if not span.start.is_exact or span.end is not None:
        return span
    written = match.group("name").lower()[:3]
    actual = weekday_name(span.start.lower)
    if actual.lower()[:3] != written:
        named = next(day for day in _WEEKDAY_NAMES if day.lower().startswith(written))
        raise DateError(
            f"{text!r}: {match.group('rest')} was a {actual}, not a {named} (a transcription or calendar slip?)"
        )
    return span


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
