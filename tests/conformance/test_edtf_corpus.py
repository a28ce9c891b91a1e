"""EDTF conformance against ../shared/corpus/edtf (skips where the corpus is absent)."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from chrono.dates.edtf import parse_span
from chrono.errors import DateError
from tests.conftest import corpus_or_skip

# Outside chrono's subset: times, negative or zero years, seasons, Y-years, 2-digit centuries,
# unknown (empty) interval ends, open starts.
_OUTSIDE = re.compile(r"T|^-|/-|^Y|/Y|^\d{2}$|^\d{4}-(2[1-4])$|^/|/$|^\.\.|^0000|/0000|^XXXX")


def _rows(name: str) -> list[dict[str, str]]:
    path = corpus_or_skip("edtf", name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _in_subset(row: dict[str, str]) -> bool:
    return not _OUTSIDE.search(row["input"]) and "inf" not in row["lower_bound"]


def test_every_case_inside_the_subset_gives_its_bounds() -> None:
    rows = [row for row in _rows("edtf_cases.tsv") if _in_subset(row)]
    assert len(rows) > 50
    for row in rows:
        span = parse_span(row["input"])
        upper = "inf" if span.latest is None else span.latest.isoformat()
        assert (span.earliest.isoformat(), upper) == (row["lower_bound"], row["upper_bound"]), row["input"]


def test_cases_outside_the_subset_are_refused_cleanly() -> None:
    rows = [row for row in _rows("edtf_cases.tsv") if not _in_subset(row)]
    accepted = []
    for row in rows:
        try:
            span = parse_span(row["input"])
        except DateError:
            continue
        accepted.append((row["input"], span))
    # Only open ends ('A/..') are accepted among these, with the corpus's bounds.
    for text, span in accepted:
        assert text.endswith("/.."), text
        assert span.latest is None


@pytest.mark.parametrize("column", ["input"])
def test_every_invalid_string_is_refused(column: str) -> None:
    rows = _rows("edtf_invalid.tsv")
    assert len(rows) > 30
    for row in rows:
        with pytest.raises(DateError):
            parse_span(row[column])


def test_day_bounds_are_real_dates() -> None:
    for row in _rows("edtf_cases.tsv"):
        if _in_subset(row):
            dt.date.fromisoformat(row["lower_bound"])
