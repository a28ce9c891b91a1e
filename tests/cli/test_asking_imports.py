"""Asking a large imported chronology: typed --extra comparisons, stats in calendar order,
anniversaries of a day without year, and near-duplicates only among overlapping dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke

WriteToml = Callable[..., Path]

VOLCANOES = """\
[[event]]
id = "tambora"
date = 1815-04-10
kind = "eruption"
title = "Tambora eruption"
extra = { vei = 7, erupted = 1815-04-10, code = "100" }

[[event]]
id = "meru"
date = "1910"
kind = "eruption"
title = "Meru eruption"
extra = { vei = 2, code = "007" }

[[event]]
id = "semeru"
date = "1910"
kind = "eruption"
title = "Semeru eruption"
extra = { vei = 10, erupted = 1910-05-03 }

[[event]]
id = "vesuvius"
date = 0079-08-24
kind = "eruption"
title = "Vesuvius eruption"
extra = { vei = 5 }

[[event]]
id = "krakatoa"
date = 1883-05-20
kind = "eruption"
title = "Krakatoa eruption"
extra = { vei = 6.5 }
"""


def _ids(invoke: Invoke, path: Path, *args: str) -> list[str]:
    result = invoke(["list", "--data", str(path), "--format", "ids", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("test", "ids"),
    [
        ("vei>=6", ["tambora", "krakatoa", "semeru"]),  # 10 >= 6 as numbers (as text "10" < "6")
        ("vei>6", ["tambora", "krakatoa", "semeru"]),
        ("vei<5", ["meru"]),
        ("vei<=5", ["vesuvius", "meru"]),
        ("vei!=2", ["vesuvius", "tambora", "krakatoa", "semeru"]),
        ("vei=6.5", ["krakatoa"]),
        ("erupted>1900", ["semeru"]),  # dates as dates: after the whole of 1900
        ("erupted<=1815-12", ["tambora"]),
        ("vei>=high", []),  # a word against numbers: no match, never a text comparison
    ],
)
def test_extra_comparisons_compare_numbers_as_numbers_and_dates_as_dates(
    invoke: Invoke, write_toml: WriteToml, test: str, ids: list[str]
) -> None:
    assert _ids(invoke, write_toml(VOLCANOES), "--extra", test) == ids


def test_an_extra_key_no_event_has_is_a_note(invoke: Invoke, write_toml: WriteToml) -> None:
    result = invoke(["list", "--data", str(write_toml(VOLCANOES)), "--extra", "veii>=6"])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "note: no event has extra.veii (--extra); nearest: vei\n"
    bad = invoke(["list", "--data", str(write_toml(VOLCANOES)), "--extra", ">=6"])
    assert bad.exit_code == 2 and "is not KEY=VALUE or KEY>VALUE" in bad.stderr


def test_sql_sees_imported_numbers_typed(invoke: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "v.csv"
    table.write_text("date,title,vei\n1815,Tambora,7\n1910,Meru,2\n1911,Semeru,10\n", encoding="utf-8")
    out = tmp_path / "v.toml"
    assert invoke(["import", "csv", str(table), "--kind", "eruption", "-o", str(out)]).exit_code == 0
    query = "select title from events where json_extract(extra, '$.vei') >= 6 order by json_extract(extra, '$.vei')"
    result = invoke(["sql", "--data", str(out), query, "--format", "json"])
    assert [row["title"] for row in json.loads(result.stdout)] == ["Tambora", "Semeru"]


def _stats(invoke: Invoke, path: Path, by: str) -> list[list[str]]:
    result = invoke(["stats", "--data", str(path), "--by", by, "--format", "tsv"])
    assert result.exit_code == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_stats_by_century_month_and_weekday_in_calendar_order(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(VOLCANOES)
    centuries = _stats(invoke, path, "century")
    assert centuries[0] == ["1st century", "1"] and centuries[-2:] == [["19th century", "2"], ["20th century", "2"]]
    assert len(centuries) == 20  # the quiet centuries between, as 0
    months = _stats(invoke, path, "month")
    assert [row[0] for row in months] == [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "(no month)",
    ]  # fmt: skip
    assert {key: int(n) for key, n in months} == {
        **{key: 0 for key, _ in months},
        "April": 1,
        "May": 1,
        "August": 1,
        "(no month)": 2,
    }
    weekdays = _stats(invoke, path, "weekday")
    assert [row[0] for row in weekdays][:7] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert weekdays[-1] == ["(no day)", "2"]  # the two year-only starts
    assert {key: n for key, n in weekdays if n != "0"} == {
        "Monday": "1",
        "Thursday": "1",
        "Sunday": "1",
        "(no day)": "2",
    }


def test_stats_by_extra_in_the_values_order(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(VOLCANOES)
    assert _stats(invoke, path, "extra.vei") == [["2", "1"], ["5", "1"], ["6.5", "1"], ["7", "1"], ["10", "1"]]
    assert _stats(invoke, path, "extra.erupted") == [["1815-04-10", "1"], ["1910-05-03", "1"], ["(none)", "3"]]


def test_a_long_stats_table_says_how_many_groups(invoke: Invoke, write_toml: WriteToml) -> None:
    path = write_toml(VOLCANOES)
    long = invoke(["stats", "--data", str(path), "--by", "year", "--format", "table"])
    assert long.stdout.splitlines()[0] == "Events by year: 1832 groups"  # 0079 to 1910
    assert invoke(["stats", "--data", str(path), "--by", "century", "--format", "table"]).stdout.startswith(
        "Events by century\n"
    )  # 20 groups: not long
    short = invoke(["stats", "--data", str(path), "--by", "month", "--format", "table"])
    assert short.stdout.splitlines()[0] == "Events by month"


@pytest.mark.parametrize("on", ["May 20", "20 May", "05-20", "--05-20", "20 мая"])
def test_anniversaries_on_a_day_without_year(invoke: Invoke, write_toml: WriteToml, on: str) -> None:
    result = invoke(
        ["anniversaries", "--data", str(write_toml(VOLCANOES)), "--on", on, "--ahead", "0", "--today", "2033-01-01"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "2033-05-20\t150\tkrakatoa\tKrakatoa eruption\n"


def test_near_duplicates_need_overlapping_dates_and_meru_is_not_semeru(invoke: Invoke, write_toml: WriteToml) -> None:
    body = VOLCANOES + (
        '[[event]]\nid = "tambora-again"\ndate = "1815"\nkind = "eruption"\ntitle = "Tambora erupton"\n'
        '[[event]]\nid = "tambora-later"\ndate = "1816"\nkind = "eruption"\ntitle = "Tambora eruption"\n'
    )
    result = invoke(["check", str(write_toml(body)), "--select", "near-duplicate"])
    warned = [line for line in result.stdout.splitlines() if "near-duplicate" in line]
    assert len(warned) == 1, warned  # not meru/semeru (same year), not 1815 and 1816
    assert "overlapping dates, same kind and nearly the same title as" in warned[0]
    assert "'tambora-again'" in warned[0] and "'tambora'" in warned[0]
