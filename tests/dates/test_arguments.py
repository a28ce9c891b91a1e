"""Command-line dates: EDTF, written, relative; strict refusals with a hint."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.dates.arguments import parse_date_arg
from chrono.dates.edtf import Precision
from chrono.errors import DateError

D = dt.date
TODAY = D(2026, 3, 18)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("2000", D(2000, 1, 1), D(2000, 12, 31), Precision.YEAR),
        ("2000-07", D(2000, 7, 1), D(2000, 7, 31), Precision.MONTH),
        ("July 2000", D(2000, 7, 1), D(2000, 7, 31), Precision.MONTH),
        ("19 July 2000", D(2000, 7, 19), D(2000, 7, 19), Precision.DAY),
        ("July 19, 2000", D(2000, 7, 19), D(2000, 7, 19), Precision.DAY),
        ("1 February 2004", D(2004, 2, 1), D(2004, 2, 1), Precision.DAY),
        ("feb 2001", D(2001, 2, 1), D(2001, 2, 28), Precision.MONTH),
        ("today", TODAY, TODAY, Precision.DAY),
        ("yesterday", D(2026, 3, 17), D(2026, 3, 17), Precision.DAY),
        ("3 years ago", D(2023, 3, 18), D(2023, 3, 18), Precision.DAY),
        ("1 month ago", D(2026, 2, 18), D(2026, 2, 18), Precision.DAY),
        ("in 2 weeks", D(2026, 4, 1), D(2026, 4, 1), Precision.DAY),
        ("last year", D(2025, 1, 1), D(2025, 12, 31), Precision.YEAR),
        ("this month", D(2026, 3, 1), D(2026, 3, 31), Precision.MONTH),
        ("next month", D(2026, 4, 1), D(2026, 4, 30), Precision.MONTH),
        ("this week", D(2026, 3, 16), D(2026, 3, 22), Precision.DAY),
    ],
)
def test_forms(text: str, lower: dt.date, upper: dt.date, precision: Precision) -> None:
    arg = parse_date_arg(text, TODAY)
    assert (arg.lower, arg.upper, arg.precision) == (lower.toordinal(), upper.toordinal(), precision)


def test_written_date_never_takes_fields_from_today() -> None:
    # Both 'today's differ in day and month: a filled-in field would show.
    for today in (D(2026, 1, 1), D(2026, 12, 31)):
        arg = parse_date_arg("July 2000", today)
        assert (arg.lower, arg.upper) == (D(2000, 7, 1).toordinal(), D(2000, 7, 31).toordinal())


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("01/10/2019", "ambiguous"),
        ("10.01.2019", "ambiguous"),
        ("May 16", "no 4-digit year"),
        ("16 May", "no 4-digit year"),
        ("20O0", "'20O0' is not a valid date"),
        ("2001-13", "month 13"),
        ("31 February 2001", "cannot read"),
        ("July 2000 5pm", "time"),
        ("", "empty"),
        ("banana", "cannot read"),
    ],
)
def test_refusals_name_the_problem(text: str, hint: str) -> None:
    with pytest.raises(DateError, match=hint):
        parse_date_arg(text, TODAY)
