"""Numeric dates, two-digit years, strptime formats and month names, as import reads them."""

from __future__ import annotations

import pytest

from chrono.dates.months import month_number
from chrono.errors import DateError
from chrono.importers.dateforms import (
    DateOrder,
    DateRules,
    compile_format,
    full_year,
    read_formatted,
    read_numeric,
)


@pytest.mark.parametrize(
    ("digits", "pivot", "year"),
    [
        ("69", 1969, 1969),
        ("99", 1969, 1999),
        ("00", 1969, 2000),
        ("68", 1969, 2068),
        ("09", 1900, 1909),
        ("1850", 1969, 1850),
    ],
)
def test_two_digit_years_fall_in_the_hundred_years_from_the_pivot(digits: str, pivot: int, year: int) -> None:
    assert full_year(digits, pivot) == year


@pytest.mark.parametrize(
    ("cell", "order", "iso"),
    [
        ("1/21/77", None, "1977-01-21"),
        ("21.01.1977", None, "1977-01-21"),
        ("2018/1/15", None, "2018-01-15"),
        ("2/3/04", DateOrder.MDY, "2004-02-03"),
        ("2/3/04", DateOrder.DMY, "2004-03-02"),
        ("04-02-03", DateOrder.YMD, "2004-02-03"),
        ("2018-01-15", DateOrder.DMY, "2018-01-15"),  # a four-digit year first is always year first
        ("2001", None, None),  # not a numeric day-month-year: other readers' business
    ],
)
def test_numeric_dates(cell: str, order: DateOrder | None, iso: str | None) -> None:
    assert read_numeric(cell, DateRules(order)) == iso


def test_an_ambiguous_or_impossible_numeric_date_names_the_option() -> None:
    with pytest.raises(DateError, match=r"'2/3/04' is ambiguous: .*--date-order"):
        read_numeric("2/3/04", DateRules())
    with pytest.raises(DateError, match=r"not a date in the order mdy \(--date-order\)"):
        read_numeric("21/1/77", DateRules(DateOrder.MDY))


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("February", 2),
        ("feb", 2),
        ("FEB.", 2),
        ("Sept", 9),
        ("sep", 9),
        ("февраля", 2),
        ("Май", 5),
        ("ma", None),
        ("Brumaire", None),
    ],
)
def test_month_names_english_and_russian_any_case(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_formats_cut_a_prefix_and_trailing_text_and_check_the_weekday() -> None:
    rules = DateRules(
        formats=(compile_format("EOW: %A, %B %d, %Y"), compile_format("%Y-%m-%d, "), compile_format("%b %y"))
    )
    assert read_formatted("EOW: Monday, January 3, 1791", rules) == "1791-01-03"
    assert read_formatted('2015-11-24, codename "pow pow"', rules) == "2015-11-24"
    assert read_formatted("Aug 81", rules) == "1981-08"  # month precision, %y by the POSIX rule
    assert read_formatted("EOW: Monday, January 3, 1791 and more", rules) is None  # no trailing literal
    with pytest.raises(DateError, match="is a Monday, not a Tuesday"):
        read_formatted("EOW: Tuesday, January 3, 1791", rules)
    with pytest.raises(DateError, match="no day 30 in 1791-02"):
        read_formatted("EOW: Monday, February 30, 1791", rules)
