"""The EDTF subset: each form, its bounds, its precision and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.dates.days import FOREVER
from chrono.dates.edtf import PartialDate, Precision, parse_date, parse_span
from chrono.dates.written import coerce_span
from chrono.errors import DateError

D = dt.date


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("2002", D(2002, 1, 1), D(2002, 12, 31), Precision.YEAR),
        ("2002-02", D(2002, 2, 1), D(2002, 2, 28), Precision.MONTH),
        ("2004-02", D(2004, 2, 1), D(2004, 2, 29), Precision.MONTH),
        ("2001-08-04", D(2001, 8, 4), D(2001, 8, 4), Precision.DAY),
        ("201X", D(2010, 1, 1), D(2019, 12, 31), Precision.YEAR),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), Precision.YEAR),
        ("2001-XX", D(2001, 1, 1), D(2001, 12, 31), Precision.YEAR),
        ("2001-08-XX", D(2001, 8, 1), D(2001, 8, 31), Precision.MONTH),
        ("0001", D(1, 1, 1), D(1, 12, 31), Precision.YEAR),
        ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), Precision.DAY),
    ],
)
def test_bounds_and_precision(text: str, lower: dt.date, upper: dt.date, precision: Precision) -> None:
    date = parse_date(text)
    assert (date.lower, date.upper, date.precision) == (lower.toordinal(), upper.toordinal(), precision)
    assert date.edtf == text  # precision is never invented


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [("2001?", True, False), ("2001-08~", False, True), ("2001-08-04%", True, True)],
)
def test_qualifiers_are_kept(text: str, uncertain: bool, approximate: bool) -> None:
    date = parse_date(text)
    assert (date.uncertain, date.approximate, date.edtf) == (uncertain, approximate, text)


@pytest.mark.parametrize(
    "text",
    ["20O0", "2001-13", "2001-00", "2001-02-29", "2001-04-31", "Y9999", "10000", "XXXX", "1X9X",
     "19XX-05", "2001-XX-05", "2001-1X", "2001-8-4", " 2001", "2001??", "", "2001/2000", "../..", "2001/"],
)  # fmt: skip
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_span(text)


def test_interval_and_open_end() -> None:
    span = parse_span("2001-07-26/2001-08")
    assert (span.earliest, span.latest, span.edtf) == (
        D(2001, 7, 26).toordinal(),
        D(2001, 8, 31).toordinal(),
        "2001-07-26/2001-08",
    )
    ongoing = parse_span("2019/..")
    assert ongoing.latest is None and ongoing.latest_or_max == FOREVER and ongoing.edtf == "2019/.."


def test_end_before_start_is_refused_but_end_inside_start_is_not() -> None:
    with pytest.raises(DateError, match="before the start"):
        parse_span("2002-08-23/2002-08-01")
    assert parse_span("2002/2002-08").latest == D(2002, 8, 31).toordinal()


def test_toml_values() -> None:
    assert coerce_span(D(2000, 2, 9)).start == PartialDate.from_date(D(2000, 2, 9))
    with pytest.raises(DateError, match="write a year as a string"):
        coerce_span(2001)
    # A TOML date-time keeps its time (and offset) as written.
    assert coerce_span(dt.datetime(2001, 1, 1, 12, 0)).edtf == "2001-01-01T12:00:00"
    with pytest.raises(DateError, match="time of day"):
        coerce_span(dt.time(12, 0))
