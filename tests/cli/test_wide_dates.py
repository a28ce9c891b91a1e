"""Dates before year 1, past 9999, with a time of day, in the Julian calendar: every command in the
registry and every export format handles them, without an internal error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from chrono.cli.main import COMMANDS
from chrono.render.formats import offered
from tests.conftest import Invoke

WriteToml = Callable[..., Path]

WIDE = """\
[[event]]
id = "caesar"
date = "-0043-03-15"
kind = "death"
title = "Caesar is killed"

[[event]]
id = "ice-age"
date = "Y-11345"
kind = "era"
title = "The ice recedes"

[[event]]
id = "one-bc"
date = "0000"
kind = "era"
title = "1 BC"

[[event]]
id = "tambora"
date = 1815-04-10T19:00:00+08:00
kind = "eruption"
title = "Tambora erupts"

[[event]]
id = "tambora-morning"
date = "1815-04-10T07:00:00+08:00"
kind = "eruption"
title = "Tambora rumbles"

[[event]]
id = "tambora-day"
date = "1815-04-10"
kind = "eruption"
title = "The day of Tambora"

[[event]]
id = "revolution"
date = "25 October 1917 (O.S.)"
kind = "revolution"
title = "The October Revolution"

[[event]]
id = "before-1900"
date = "../1900"
kind = "era"
title = "Some time before 1900"

[[event]]
id = "big-bang"
date = "Y-13800000000"
kind = "era"
title = "The Big Bang"
"""
ORDER = [
    "before-1900",
    "big-bang",
    "ice-age",
    "caesar",
    "one-bc",
    "tambora-day",
    "tambora-morning",
    "tambora",
    "revolution",
]


@pytest.fixture
def wide(write_toml: WriteToml) -> Path:
    return write_toml(WIDE)


def sane(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert getattr(result, "exit_code", 0) in (0, 1), stderr


def test_loads_and_lists_in_order(invoke: Invoke, wide: Path) -> None:
    result = invoke(["list", "--data", str(wide), "--format", "ids"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ORDER


def test_the_cache_answers_as_the_toml_does(invoke: Invoke, wide: Path, tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ["list", "--data", str(wide), "--format", "json"]
    cold, warm = invoke(args, env=env), invoke(args, env=env)
    plain = invoke(["--no-cache", *args])
    assert cold.stdout == warm.stdout == plain.stdout
    assert list((tmp_path / "cache").iterdir())  # the second answer came from a cache


def test_machine_formats_keep_edtf_and_the_time(invoke: Invoke, wide: Path) -> None:
    records = {r["id"]: r for r in json.loads(invoke(["list", "--data", str(wide), "--format", "json"]).stdout)}
    assert records["caesar"]["date"] == "-0043-03-15" and records["caesar"]["start"] == "-0043-03-15"
    assert records["ice-age"]["date"] == "Y-11345" and records["ice-age"]["start"] == "-11345-01-01"
    assert records["one-bc"]["end"] == "0000-12-31"
    assert records["tambora"]["date"] == "1815-04-10T19:00:00+08:00" and records["tambora"]["time"] == "19:00:00+08:00"
    assert records["tambora-day"]["time"] is None
    assert records["revolution"]["date"] == "1917-11-07"
    assert records["revolution"]["written"] == "25 October 1917 (O.S.)"


def test_filters_reach_before_year_1(invoke: Invoke, wide: Path) -> None:
    before = invoke(["list", "--data", str(wide), "--to", "-0001", "--format", "ids"])
    assert before.stdout.split() == ["before-1900", "big-bang", "ice-age", "caesar"]
    on = invoke(["list", "--data", str(wide), "--on", "44 BC", "--format", "ids"])
    assert on.stdout.split() == ["before-1900", "caesar"]  # any time before 1900 may be 44 BC
    day = invoke(["list", "--data", str(wide), "--on", "1815-04-10", "--format", "ids"])
    assert day.stdout.split() == ["before-1900", "tambora-day", "tambora-morning", "tambora"]


def test_show_keeps_the_old_style_form_and_julian_calendar_shows_it(invoke: Invoke, wide: Path) -> None:
    shown = invoke(["show", "revolution", "--data", str(wide), "--format", "text"])
    assert "written: 25 October 1917 (O.S.)" in shown.stdout and "date: 1917-11-07" in shown.stdout
    julian = invoke(["show", "revolution", "--data", str(wide), "--format", "text", "--calendar", "julian"])
    assert "date: 1917-10-25 O.S." in julian.stdout


def test_terminal_shows_bc_years(invoke: Invoke, wide: Path) -> None:
    table = invoke(["list", "--data", str(wide), "--format", "table"], tty=True, width=100)
    assert "15 Mar 44 BC" in table.stdout and "11346 BC" in table.stdout and "1 BC" in table.stdout


def test_timeline_labels_an_axis_of_billions_of_years(invoke: Invoke, wide: Path) -> None:
    drawn = invoke(["timeline", "--data", str(wide), "--width", "100"])
    assert drawn.exit_code == 0, drawn.stderr
    assert " bn BC" in drawn.stdout


def test_stats_by_year_decade_century(invoke: Invoke, wide: Path) -> None:
    for by in ("year", "decade", "century"):
        result = invoke(["stats", "--data", str(wide), "--by", by, "--format", "tsv"])
        assert result.exit_code == 0, result.stderr
        assert "Y-13800000000" in result.stdout and "-0043" in result.stdout if by == "year" else True


def test_sql_date_functions(invoke: Invoke, wide: Path) -> None:
    query = "select id from events where overlaps(date, null, '-0043') order by id"
    result = invoke(["sql", "--data", str(wide), query, "--format", "tsv"])
    assert result.exit_code == 0, result.stderr
    assert "caesar" in result.stdout and "tambora" not in result.stdout
    start = invoke(["sql", "--data", str(wide), "select edtf_start('Y-11345')", "--format", "tsv"])
    assert "-11345-01-01" in start.stdout


def test_ics_says_what_it_left_out(invoke: Invoke, wide: Path, tmp_path: Path) -> None:
    result = invoke(["export", "--data", str(wide), "--format", "ics", "-o", str(tmp_path / "x.ics")])
    assert result.exit_code == 0, result.stderr
    assert "outside years 1-9999" in result.stderr


@pytest.mark.parametrize("fmt", offered("export"))
def test_every_export(invoke: Invoke, wide: Path, tmp_path: Path, fmt: str) -> None:
    sane(invoke(["export", "--data", str(wide), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command(invoke: Invoke, wide: Path, tmp_path: Path, name: str) -> None:
    data = ["--data", str(wide)]
    runs = {
        "list": [["list", *data, "--format", fmt] for fmt in ("tsv", "json", "csv", "table", "ids")],
        "show": [["show", ident, *data] for ident in ORDER],
        "between": [["between", "caesar", "tambora", *data], ["between", "Y-11345", "44 BC", *data]],
        "anniversaries": [["anniversaries", "--on", "2024-03-15", *data]],
        "timeline": [["timeline", *data], ["timeline", *data, "--from", "-0100", "--to", "1900"]],
        "stats": [["stats", *data], ["stats", *data, "--gaps", "3"]],
        "export": [["export", *data, "--format", "markdown"]],
        "import": [["import", str(tmp_path / "none.csv")]],
        "add": [["add", str(tmp_path / "new.toml"), "--date", "44 BC", "--kind", "death", "--title", "Caesar"]],
        "datasets": [["datasets"]],
        "cal": [["cal", "2024-03", *data], ["cal", "44 BC", *data]],
        "completion": [["completion", "bash"]],
        "config": [["config"]],
        "check": [["check", str(wide)]],
        "diff": [["diff", str(wide), str(wide)]],
        "fmt": [["fmt", "--check", str(wide)]],
        "edit": [["edit", "caesar", str(wide)]],
        "sql": [["sql", *data, "select id, start, end from events"]],
    }
    for args in runs[name]:
        result = invoke(args, env={"EDITOR": "true", "VISUAL": "true"})
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (args, result.stderr)
        assert result.exit_code in (0, 1, 2), (args, result.stderr)


def test_timelinejs_cosmology_imports_every_slide(invoke: Invoke, tmp_path: Path) -> None:
    """TimelineJS's cosmology template: eras back to the Big Bang, every slide an event."""
    from tests.cli.test_import_real_world import _real

    source = _real("timelinejs", "src_template_cosmo.json")
    out = tmp_path / "cosmo.toml"
    result = invoke(["import", "timelinejs", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "7 events written" in result.stderr and "0 skipped" in result.stderr
    dates = invoke(["list", "--data", str(out), "--fields", "date", "--format", "tsv"]).stdout.split()
    assert dates == ["Y-13800000000", "Y-13799630000", "Y-12800000000", "Y-4600000000", "Y-538800000/Y-251902000",
                     "Y-315000", "-3500"]  # fmt: skip
