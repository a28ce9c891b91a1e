"""EDTF conformance against ../shared/corpus/edtf (skips where the corpus is absent)."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from chrono.dates.days import iso
from chrono.dates.edtf import parse_span
from chrono.errors import DateError
from tests.conftest import corpus_or_skip

# Outside chrono's subset: 2-digit centuries, unknown (empty) interval ends, wholly unknown years,
# an interval open at both ends. Seasons are read, but their bounds are implementation-defined.
_OUTSIDE = re.compile(r"^\d{2}$|^/|/$|^\.\./\.\.$|^XXXX")
_SEASON = re.compile(r"^\d{4}-2[1-4]$")


def _rows(name: str) -> list[dict[str, str]]:
    path = corpus_or_skip("edtf", name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _in_subset(row: dict[str, str]) -> bool:
    return not _OUTSIDE.search(row["input"]) and not _SEASON.match(row["input"])


def _bounds(text: str) -> tuple[str, str]:
    span = parse_span(text)
    lower = "-inf" if span.open_start else iso(span.earliest).lstrip("+")  # the corpus drops ISO's "+"
    return lower, "inf" if span.latest is None else iso(span.latest).lstrip("+")


def test_every_case_inside_the_subset_gives_its_bounds() -> None:
    rows = [row for row in _rows("edtf_cases.tsv") if _in_subset(row)]
    assert len(rows) > 90
    wider = [row["input"] for row in rows if re.search(r"^-|^Y|T|^0000|^\.\./", row["input"])]
    assert len(wider) > 25  # negative years, Y years, year 0, times, open starts
    for row in rows:
        assert _bounds(row["input"]) == (row["lower_bound"], row["upper_bound"]), row["input"]


def test_seasons_are_the_northern_meteorological_ones() -> None:
    """The spec gives seasons no dates; chrono's (docs/format.md) agree with python-edtf for spring,
    summer and autumn, and winter runs from December into the next year's February."""
    rows = [row for row in _rows("edtf_cases.tsv") if _SEASON.match(row["input"])]
    assert rows
    for row in rows:
        lower, upper = _bounds(row["input"])
        year, season = int(row["input"][:4]), int(row["input"][5:])
        if season == 24:
            last = "29" if (year + 1) % 4 == 0 and ((year + 1) % 100 != 0 or (year + 1) % 400 == 0) else "28"
            assert (lower, upper) == (f"{year}-12-01", f"{year + 1}-02-{last}")
        else:
            assert (lower, upper) == (row["lower_bound"], row["upper_bound"]), row["input"]


def test_cases_outside_the_subset_are_refused_cleanly() -> None:
    rows = [row for row in _rows("edtf_cases.tsv") if _OUTSIDE.search(row["input"])]
    assert rows
    for row in rows:
        with pytest.raises(DateError):
            parse_span(row["input"])


@pytest.mark.parametrize("column", ["input"])
def test_every_invalid_string_is_refused(column: str) -> None:
    rows = _rows("edtf_invalid.tsv")
    assert len(rows) > 30
    for row in rows:
        with pytest.raises(DateError):
            parse_span(row[column])


def test_day_bounds_within_years_1_to_9999_agree_with_datetime() -> None:
    for row in _rows("edtf_cases.tsv"):
        if _in_subset(row) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["lower_bound"]) and row["lower_bound"] > "0001":
            assert parse_span(row["input"]).earliest == dt.date.fromisoformat(row["lower_bound"]).toordinal()
