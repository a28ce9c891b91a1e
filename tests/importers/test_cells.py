"""Date cells of real spreadsheets, and the written approximations date arguments share with them."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.dates.arguments import parse_date_arg, written_approximation
from chrono.dates.edtf import Precision
from chrono.errors import DateError
from chrono.importers.cells import is_no_date, read_cell, unzero


@pytest.mark.parametrize(
    ("cell", "edtf"),
    [
        ("1993-00-00", "1993"),
        ("1993-06-00", "1993-06"),
        ("1993-00", "1993"),
        ("1993-00-00?", "1993?"),
        ("1990-00-00/1993-06-00", "1990/1993-06"),
        ("c. 1948", "1948~"),
        ("ca. 1948", "1948~"),
        ("circa 1948", "1948~"),
        ("Circa  1948", "1948~"),
        ("c. 1948-05", "1948-05~"),
        ("1970s", "197X"),
        ("1970's", "197X"),
        ("c. 1970s", "197X~"),
        ("19th century", "18XX"),
        ("21st century", "20XX"),
        ("1st century", "00XX"),
        ("2001-08-04", "2001-08-04"),
        ("2001-08-04T10:00:00Z", "2001-08-04T10:00:00Z"),  # the time and offset kept as written
        ("2026-06-23 23:24:31 -0700", "2026-06-23T23:24:31-07:00"),
        ("19 July 2000", "2000-07-19"),
        ("July 2000", "2000-07"),
        ("1815/1852", "1815/1852"),
        ("2001/..", "2001/.."),
        ("19 July 2000/August 2001", "2000-07-19/2001-08"),
    ],
)
def test_cell_forms_keep_the_precision_written(cell: str, edtf: str) -> None:
    assert read_cell(cell).edtf == edtf


def test_zero_month_and_day_are_unknown_not_invented() -> None:
    assert read_cell("1993-00-00").precision is Precision.YEAR
    assert read_cell("1993-06-00").precision is Precision.MONTH
    assert unzero("1993-06-15") == "1993-06-15"
    assert is_no_date("0000-00-00") and is_no_date(" 0000 ") and not is_no_date("1993-00-00")


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("1976-06-31", "'1976-06-31' is not a valid date: day 31 is out of range for June"),
        ("1975-02-29", "day 29 is out of range for February 1975"),
        ("2001-13", "month 13 is out of range 01-12"),
        ("2010-XX-XX-", "'2010-XX-XX-' is not a valid date: accepted: YYYY"),
        ("2001-05-01/2000", "the end 2000 is before the start 2001-05-01"),
    ],
)
def test_cell_errors_give_the_real_reason(cell: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        read_cell(cell)
    assert reason in str(caught.value)


@pytest.mark.parametrize("cell", ["soon", "May 16", "yesterday", "12/10", "c. sometime"])
def test_cell_errors_name_cell_forms_and_no_relative_dates(cell: str) -> None:
    with pytest.raises(DateError) as caught:
        read_cell(cell)
    message = str(caught.value)
    assert repr(cell) in message and "c. 1948" in message and "1993-00-00" in message
    hint = message.replace(repr(cell), "")
    assert "yesterday" not in hint and "ago" not in hint


@pytest.mark.parametrize(
    ("text", "edtf"),
    [("c. 1948", "1948~"), ("ca.1948", "1948~"), ("1850s", "185X"), ("19th-century", "18XX"), ("1948", None)],
)
def test_written_approximation(text: str, edtf: str | None) -> None:
    assert written_approximation(text) == edtf


def test_date_arguments_accept_written_approximations() -> None:
    today = dt.date(2026, 1, 15)
    circa = parse_date_arg("c. 1948", today)
    assert (circa.lower, circa.upper, circa.precision) == (
        dt.date(1948, 1, 1).toordinal(),
        dt.date(1948, 12, 31).toordinal(),
        Precision.YEAR,
    )
    decade = parse_date_arg("1970s", today)
    assert (decade.lower, decade.upper) == (dt.date(1970, 1, 1).toordinal(), dt.date(1979, 12, 31).toordinal())
    century = parse_date_arg("19th century", today)
    assert (century.lower, century.upper) == (dt.date(1800, 1, 1).toordinal(), dt.date(1899, 12, 31).toordinal())
    assert parse_date_arg("c. 1948", today).text == "c. 1948"  # the argument as the user wrote it
