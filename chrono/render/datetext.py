"""Dates for people and for HTML's ``<time datetime>``, each saying exactly what is known.

A date is shown the way an English page writes it (``4 August 2001``, ``August 2001``, ``2001``,
``the 2010s``), a span with an en dash (``24–26 April 2019``, ``26 July – 18 August 2001``), an
uncertain date with ``?`` and an approximate one with ``c.``. The machine-readable value carries
the date's own precision and nothing more: a valid HTML date, month or year string. Where HTML
has no form for what is known (a decade such as ``201X``), there is no ``datetime`` at all rather
than a made-up one; the caller writes the text alone.

Both are keyed on the date's precision, so a finer or wider date model (times of day, years
before 1) adds a case here and is otherwise refused plainly (no ``datetime``), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from chrono.dates.days import civil, iso, year_of
from chrono.dates.display import bc_year
from chrono.dates.edtf import DateSpan, PartialDate, Precision

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
DASH = "–"  # en dash: unspaced between numbers (24–26), spaced between words (July – August)
ONGOING = "ongoing"


class Part(NamedTuple):
    """One date of a span as a page shows it: its words and its ``datetime`` (None when HTML
    cannot say what is known)."""

    text: str
    datetime: str | None


def _unknown_digits(date: PartialDate) -> int:
    """How many trailing year digits are unknown (``201X``: 1, ``19XX``: 2)."""
    return date.text[:4].count("X")


def _year_text(date: PartialDate) -> str:
    unknown = _unknown_digits(date)
    first, last = year_of(date.lower), year_of(date.upper)
    if unknown == 0:
        return bc_year(first)
    if unknown == 1 and first >= 1:
        return f"the {first}s"
    return f"{bc_year(first)}{DASH}{bc_year(last)}"


def _day_words(date: PartialDate) -> str:
    year, month, day = civil(date.lower)
    time = date.time
    return f"{day} {MONTHS[month - 1]} {bc_year(year)}" + ("" if time is None else f", {time}")


def _month_words(date: PartialDate) -> str:
    year, month, _ = civil(date.lower)
    return f"{MONTHS[month - 1]} {bc_year(year)}"


def _season_words(date: PartialDate) -> str:
    from chrono.dates.display import people_date

    return people_date(date.text) if year_of(date.lower) < 1 else date.text


_WORDS: dict[Precision, Callable[[PartialDate], str]] = {
    Precision.DAY: _day_words,
    Precision.MONTH: _month_words,
    Precision.SEASON: _season_words,
    Precision.YEAR: _year_text,
}


def _in_html(date: PartialDate) -> bool:
    """HTML's date strings hold years 1-9999 only (four digits, no sign)."""
    return 1 <= year_of(date.lower) <= 9999


_DATETIME: dict[Precision, Callable[[PartialDate], str | None]] = {
    Precision.DAY: lambda d: iso(d.lower) if _in_html(d) else None,
    Precision.MONTH: lambda d: iso(d.lower)[:7] if _in_html(d) else None,
    Precision.YEAR: lambda d: None if _unknown_digits(d) or not _in_html(d) else iso(d.lower)[:4],
}


def marked(date: PartialDate, words: str) -> str:
    """``c.`` before an approximate date, ``?`` after an uncertain one."""
    return ("c. " if date.approximate else "") + words + ("?" if date.uncertain else "")


def words(date: PartialDate) -> str:
    """The date as an English page writes it, marks included."""
    return marked(date, _WORDS[date.precision](date))


def html_datetime(date: PartialDate) -> str | None:
    """A valid HTML date, month or year string at the date's precision; None where HTML has no
    string for what is known (unknown digits of a year, or a precision this module lacks)."""
    form = _DATETIME.get(date.precision)
    return None if form is None else form(date)


def _plain(date: PartialDate) -> bool:
    return not (date.uncertain or date.approximate)


def span_parts(span: DateSpan) -> tuple[Part, str, Part | None]:
    """The span as (first part, what joins them, last part or None): a single date has no last
    part; an open end is the word ``ongoing``; parts of one month or year are shortened as
    people write them (``24–26 April 2019``), never across an uncertain or approximate start."""
    start, end = span.start, span.end
    first = Part(words(start), html_datetime(start))
    if span.open_start:
        return Part("before", None), " ", first
    if span.open_end:
        return first, f" {DASH} ", Part(ONGOING, None)
    if end is None or span.single:
        return first, "", None
    last = Part(words(end), html_datetime(end))
    (year, month, day), (end_year, end_month, _) = civil(start.lower), civil(end.lower)
    same_year = year == end_year and _unknown_digits(start) == _unknown_digits(end) == 0
    untimed = start.time is None and end.time is None
    if _plain(start) and same_year and untimed and start.precision is end.precision is Precision.DAY:
        if month == end_month:
            return first._replace(text=str(day)), DASH, last
        return first._replace(text=f"{day} {MONTHS[month - 1]}"), f" {DASH} ", last
    if _plain(start) and same_year and start.precision is end.precision is Precision.MONTH:
        return first._replace(text=MONTHS[month - 1]), f" {DASH} ", last
    return first, f" {DASH} ", last


def span_words(span: DateSpan) -> str:
    """The span as one line of text (the page's header, a plain-text reader)."""
    first, joint, last = span_parts(span)
    return first.text if last is None else f"{first.text}{joint}{last.text}"
