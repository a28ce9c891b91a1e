"""Dates for people and for ``<time datetime>``: exactly the precision known, marks kept."""

from __future__ import annotations

import pytest

from chrono.dates.edtf import parse_date, parse_span
from chrono.render.datetext import html_datetime, span_parts, span_words, words


@pytest.mark.parametrize(("edtf", "text", "machine"), [
    ("2001-08-04", "4 August 2001", "2001-08-04"),
    ("2001-08", "August 2001", "2001-08"),
    ("2001", "2001", "2001"),
    ("0800", "800", "0800"),
    ("2001-XX", "2001", "2001"),
    ("2001-08-XX", "August 2001", "2001-08"),
    ("201X", "the 2010s", None),  # HTML has no decade: no datetime rather than a made-up year
    ("19XX", "1900–1999", None),
    ("2001?", "2001?", "2001"),
    ("2001~", "c. 2001", "2001"),
    ("2001-08-04%", "c. 4 August 2001?", "2001-08-04"),
])  # fmt: skip
def test_one_date(edtf: str, text: str, machine: str | None) -> None:
    date = parse_date(edtf)
    assert words(date) == text
    assert html_datetime(date) == machine


@pytest.mark.parametrize(("edtf", "text", "machines"), [
    ("2019-04-24/2019-04-26", "24–26 April 2019", ["2019-04-24", "2019-04-26"]),
    ("2001-07-26/2001-08-18", "26 July – 18 August 2001", ["2001-07-26", "2001-08-18"]),
    ("2000-12-30/2001-01-02", "30 December 2000 – 2 January 2001", ["2000-12-30", "2001-01-02"]),
    ("1984/1984-07-01", "1984 – 1 July 1984", ["1984", "1984-07-01"]),
    ("2001-08/2001-09", "August – September 2001", ["2001-08", "2001-09"]),
    ("2023-09-12?/2023-09-17", "12 September 2023? – 17 September 2023", ["2023-09-12", "2023-09-17"]),
    ("2014/..", "2014 – ongoing", ["2014", None]),
    ("199X/2001", "the 1990s – 2001", [None, "2001"]),
    ("2001-08-04/2001-08-04", "4 August 2001", ["2001-08-04"]),
])  # fmt: skip
def test_spans(edtf: str, text: str, machines: list[str | None]) -> None:
    span = parse_span(edtf)
    assert span_words(span) == text
    first, _, last = span_parts(span)
    assert [part.datetime for part in (first, last) if part is not None] == machines
