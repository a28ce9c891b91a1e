"""between: exact answers, honest ranges at every precision, signs; 'ago' at the event's precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chrono.dates.arguments import parse_date_arg
from chrono.dates.intervals import Delta, ago, interval

TODAY = dt.date(2025, 6, 1)


def D(year: int, month: int, day: int) -> int:
    """A day number (what the date model holds) of a Gregorian date."""
    return dt.date(year, month, day).toordinal()


def between(a: str, b: str) -> str:
    x, y = parse_date_arg(a, TODAY), parse_date_arg(b, TODAY)
    return interval(x.lower, x.upper, y.lower, y.upper).words()


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        ("2000-07-19", "2001-08-04", "1 year, 16 days (381 days)"),
        ("2001-08-04", "2000-07-19", "1 year, 16 days before (381 days)"),
        ("2001-08-04", "2001-08-04", "0 days (0 days)"),
        ("2001-08-04", "2001-08-05", "1 day (1 day)"),
        ("2002", "2011-08-24", "between 8 years, 7 months, 24 days and 9 years, 7 months, 23 days (3158 to 3522 days)"),
        ("2019-04", "2019-04-30", "between 0 days and 29 days (0 to 29 days)"),
        ("2019-04", "2020-04", "between 11 months, 2 days and 1 year, 29 days (337 to 395 days)"),
        ("2002", "2002", "between 11 months, 30 days before and 11 months, 30 days (-364 to 364 days)"),
    ],
)
def test_words(a: str, b: str, words: str) -> None:
    assert between(a, b) == words


def test_units_and_ranges() -> None:
    exact = interval(D(2000, 7, 19), D(2000, 7, 19), D(2001, 8, 4), D(2001, 8, 4))
    assert [exact.in_unit(u) for u in ("days", "weeks", "months", "years")] == ["381", "54", "12", "1"]
    ranged = interval(D(2002, 1, 1), D(2002, 12, 31), D(2011, 8, 24), D(2011, 8, 24))
    assert ranged.in_unit("years") == "8..9" and ranged.in_unit("days") == "3158..3522"
    backwards = interval(D(2001, 8, 4), D(2001, 8, 4), D(2000, 7, 19), D(2000, 7, 19))
    assert backwards.in_unit("days") == "-381" and backwards.shortest.as_dict()["years"] == -1


dates = st.dates(dt.date(1, 1, 1), dt.date(9998, 12, 31)).map(dt.date.toordinal)


@given(dates, dates)
def test_interval_is_antisymmetric(a: int, b: int) -> None:
    forward, backward = Delta.between(a, b), Delta.between(b, a)
    assert forward.total_days == -backward.total_days
    assert forward.words() == backward.words() or forward.total_days != 0 or forward.words() == "0 days"


@given(dates, dates, dates)
def test_range_contains_every_exact_interval(a: int, b: int, c: int) -> None:
    lo, hi = min(a, b), max(a, b)
    span = interval(lo, hi, c, c)
    for day in (lo, hi):
        assert span.shortest.total_days <= (c - day) <= span.longest.total_days


@pytest.mark.parametrize(
    ("lower", "upper", "text"),
    [
        (D(2001, 8, 4), D(2001, 8, 4), "23 years ago"),
        (D(2002, 1, 1), D(2002, 12, 31), "between 22 and 23 years ago"),
        (D(2025, 5, 1), D(2025, 5, 31), "between 1 day and 1 month ago"),
        (D(2025, 6, 1), D(2025, 6, 1), "today"),
        (D(2025, 1, 1), D(2025, 12, 31), "now (today falls within it)"),
        (D(2026, 6, 1), D(2026, 6, 1), "in 1 year"),
        (D(2025, 5, 29), D(2025, 5, 29), "3 days ago"),
    ],
)
def test_ago(lower: int, upper: int, text: str) -> None:
    assert ago(lower, upper, TODAY.toordinal()) == text
