"""Every written form docs/format.md lists reads to the EDTF value it gives, in a data file, an
import cell and a date argument alike (one reader: chrono.dates.written.read_written)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chrono.dates.arguments import parse_date_arg
from chrono.dates.days import day_number, julian_civil, weekday_name
from chrono.dates.written import read_written
from chrono.errors import DateError
from chrono.importers.cells import read_cell
from chrono.loading.dataset import load

TODAY = dt.date(2026, 1, 15)

FORMS = [
    ("44 BC", "-0043"),
    ("44 BCE", "-0043"),
    ("1610 BC", "-1609"),
    ("15 March 44 BC", "-0043-03-15"),
    ("AD 79", "0079"),
    ("79 CE", "0079"),
    ("79 AD", "0079"),
    ("2001-08-04 23:30", "2001-08-04T23:30"),
    ("2001-08-04 23:30:00 -0700", "2001-08-04T23:30:00-07:00"),
    ("2001-08-04T23:30:00 UTC", "2001-08-04T23:30:00Z"),
    ("2001-08-04T23:30:00+10:00", "2001-08-04T23:30:00+10:00"),
    ("1917-10-25 O.S.", "1917-11-07"),
    ("25 October 1917 (O.S.)", "1917-11-07"),
    ("25 октября 1917 (ст. ст.)", "1917-11-07"),
    ("October 1917 O.S.", "1917-10-14/1917-11-13"),
    ("c. 1948", "1948~"),
    ("1970s", "197X"),
    ("19th century", "18XX"),
    ("19 July 2000", "2000-07-19"),
    ("July 2000", "2000-07"),
    ("-0043-03-15", "-0043-03-15"),
    ("Y-11345", "Y-11345"),
    ("0000", "0000"),
    ("2001-21", "2001-21"),
    ("../1900", "../1900"),
    ("1914-1918", "1914/1918"),
    ("1914–1918", "1914/1918"),
    ("1914 to 1918", "1914/1918"),
    ("August 4-5 2001", "2001-08-04/2001-08-05"),
    ("4–5 August 2001", "2001-08-04/2001-08-05"),
    ("2001-08-04/05", "2001-08-04/2001-08-05"),
    ("early 1990s", "1990/1993"),
    ("mid-1990s", "1994/1996"),
    ("late 1990s", "1997/1999"),
    ("late 19th century", "1867/1899"),
    ("Q3 2010", "2010-35"),
    ("2010-Q3", "2010-35"),
    ("Spring 2001", "2001-21"),
    ("2001-21", "2001-21"),
    ("2010-W05", "2010-02-01/2010-02-07"),
    ("2010-W05-3", "2010-02-03"),
    ("before 1900", "../1900"),
    ("after 1900", "1900/.."),
    ("1850 or 1851", "1850?/1851?"),
    ("[1850,1851]", "1850?/1851?"),
    ("[1850..1851]", "1850?/1851?"),
    ("Monday, January 3, 1791", "1791-01-03"),
]


@pytest.mark.parametrize(("text", "edtf"), FORMS)
def test_the_one_reader(text: str, edtf: str) -> None:
    assert read_written(text).edtf == edtf


@pytest.mark.parametrize(("text", "edtf"), FORMS)
def test_arguments_read_the_same_days(text: str, edtf: str) -> None:
    span = read_written(edtf)
    arg = parse_date_arg(text, TODAY)
    assert (arg.lower, arg.upper) == (span.earliest, span.latest_or_max)


@pytest.mark.parametrize(("text", "edtf"), [form for form in FORMS if form[0] != "0000"])  # 0000 in a cell: no date
def test_cells_read_the_same_value(text: str, edtf: str) -> None:
    assert read_cell(text).edtf == edtf


@pytest.mark.parametrize(("text", "edtf"), FORMS)
def test_data_files_read_the_same_value_and_keep_the_written_form(text: str, edtf: str, tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text(f'[[event]]\nid = "a"\ndate = "{text}"\nkind = "k"\ntitle = "t"\n', encoding="utf-8")
    (event,) = load([str(path)]).events
    assert event.when.edtf == edtf
    assert event.when.written == (None if text == edtf else " ".join(text.split()))


def test_the_julian_calendar_round_trips() -> None:
    day = day_number(1917, 11, 7)
    assert julian_civil(day) == (1917, 10, 25)
    assert read_written("1582-10-04 O.S.").start.lower + 1 == day_number(1582, 10, 15)  # the Gregorian reform


def test_a_negative_year_never_gets_the_month_or_day_hint() -> None:
    with pytest.raises(DateError) as caught:
        parse_date_arg("-500", TODAY)
    assert "January or October" not in str(caught.value) and "501 BC" in str(caught.value)


def test_times_order_within_their_day_by_the_moment() -> None:
    morning_east = read_written("1815-04-10T19:00:00+08:00")  # 11:00 UTC
    noon_utc = read_written("1815-04-10T12:00:00Z")
    untimed = read_written("1815-04-10")
    assert untimed.clock < morning_east.clock < noon_utc.clock
    assert morning_east.earliest == noon_utc.earliest == untimed.earliest  # the day as written


def test_weekday_names_are_right() -> None:
    assert weekday_name(day_number(1791, 1, 3)) == "Monday"


def test_a_weekday_that_contradicts_its_date_names_both_days() -> None:
    for read in (read_written, lambda text: parse_date_arg(text, TODAY)):
        with pytest.raises(DateError, match="January 3, 1791 was a Monday, not a Tuesday"):
            read("Tuesday, January 3, 1791")
