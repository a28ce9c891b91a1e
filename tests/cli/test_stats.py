"""chrono stats: every --by, the summary and --gaps, in each format."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")


def test_summary(invoke: Invoke) -> None:
    rows = dict(line.split("\t") for line in invoke(["stats", "--data", SAMPLE]).stdout.splitlines())
    assert rows == {
        "events": "8", "first": "2000-02-09", "last": "2024-12/..", "day-precise": "4", "month-precise": "2",
        "year-precise": "2", "without-source": "6", "busiest-year": "2000 (2)",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "year",
            [("2000", "2"), ("2001", "2")]
            + [(str(y), "1" if y in (2002, 2010, 2019, 2024) else "0") for y in range(2002, 2025)],
        ),
        ("decade", [("2000s", "5"), ("2010s", "2"), ("2020s", "1")]),
        ("kind", [("document", "2"), ("treaty", "2"), ("visit", "2"), ("summit", "1"), ("talks", "1")]),
        (
            "actor",
            [
                ("Vladimir Putin", "4"),
                ("(none)", "3"),
                ("Kim Jong Il", "3"),
                ("Chairman Kim Jong Il", "1"),
                ("Kim Jong Un", "1"),
            ],
        ),
        (
            "place",
            [("(none)", "3"), ("Pyongyang", "2"), ("Moscow", "1"), ("Moscow, The Kremlin", "1"), ("Vladivostok", "1")],
        ),
        ("tag", [("(none)", "5"), ("declaration", "2"), ("treaty", "2")]),
    ],
)
def test_counts_by(invoke: Invoke, by: str, expected: list[tuple[str, str]]) -> None:
    result = invoke(["stats", "--data", SAMPLE, "--by", by])
    assert [tuple(line.split("\t")) for line in result.stdout.splitlines()] == expected
    data = json.loads(invoke(["stats", "--data", SAMPLE, "--by", by, "--format", "json"]).stdout)
    assert [(d["key"], str(d["count"])) for d in data] == expected


def test_counts_table_has_bars(invoke: Invoke) -> None:
    table = invoke(["stats", "--data", SAMPLE, "--by", "decade", "--format", "table"]).stdout
    assert "Events by decade" in table
    assert "█" * 40 in table and "█" * 16 in table


def test_filters_apply(invoke: Invoke) -> None:
    result = invoke(["stats", "--data", SAMPLE, "--by", "kind", "--actor", "putin"])
    assert result.stdout.splitlines() == ["document\t2", "summit\t1", "visit\t1"]


def test_gaps_on_the_bundled_data(invoke: Invoke) -> None:
    rows = [line.split("\t") for line in invoke(["stats", "--gaps", "5"]).stdout.splitlines()]
    assert len(rows) == 5
    assert ["2011-08-25", "2019-04-23", "2799", "sosnovy-bor-talks-2011", "kim-jong-un-visit-2019"] in rows
    days = [int(row[2]) for row in rows]
    assert days == sorted(days, reverse=True)
    data = json.loads(invoke(["stats", "--gaps", "1", "--format", "json"]).stdout)
    assert set(data[0]) == {"from", "to", "days", "after", "before"}


def test_gaps_respect_partial_dates_and_open_ends(invoke: Invoke) -> None:
    rows = [line.split("\t") for line in invoke(["stats", "--data", SAMPLE, "--gaps", "10"]).stdout.splitlines()]
    # The decade 201X covers 2010-2019 and the month 2019-04 follows: no gap is invented inside them.
    assert ["2002-12-31", "2009-12-31", "2557", "visit-2002", "decade-201x"][:2] != rows[0][:2]
    assert all(row[0] <= row[1] for row in rows)
    assert ("2003-01-01", "2009-12-31") in {(row[0], row[1]) for row in rows}
