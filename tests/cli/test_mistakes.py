"""Help for mistakes: typos get the nearest name, filter values no event has get a note, every
usage error has one style, and an unquoted partial date in a file says to quote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")


@pytest.mark.parametrize(
    ("typed", "meant"), [("lsit", "list"), ("tmeline", "timeline"), ("anniversary", "anniversaries")]
)
def test_a_mistyped_command_suggests_the_nearest(invoke: Invoke, typed: str, meant: str) -> None:
    result = invoke([typed])
    assert result.exit_code == 2
    assert result.stderr == f"chrono: error: No such command '{typed}'. Did you mean '{meant}'? (see 'chrono --help')\n"


def test_a_mistyped_option_suggests_the_nearest_in_the_same_style(invoke: Invoke) -> None:
    result = invoke(["list", "--colr", "never"])
    assert result.exit_code == 2
    assert (
        result.stderr == "chrono: error: No such option '--colr'. Did you mean '--color'? (see 'chrono list --help')\n"
    )


@pytest.mark.parametrize(
    "args",
    [["xyzzy"], ["list", "--limit", "x"], ["show"], ["list", "--format", "xml"], ["list", "--from", "20O0"]],
)
def test_every_usage_error_is_one_line_in_one_style(invoke: Invoke, args: list[str]) -> None:
    result = invoke(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("chrono: error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (["--kind", "sumit"], "note: no event has --kind 'sumit'; nearest: summit"),
        (["--actor", "putn"], "note: no event has --actor 'putn'; nearest: Putin"),
        (["--tag", "nope"], "note: no event has --tag 'nope'"),
        (["--place", "moscw"], "note: no event has --place 'moscw'; nearest: Moscow"),
    ],
)
def test_a_filter_value_no_event_has_gets_one_note_and_the_same_answer(
    invoke: Invoke, args: list[str], note: str
) -> None:
    result = invoke(["list", *args])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith(note) and result.stderr.count("\n") == 1


def test_values_some_event_has_get_no_note(invoke: Invoke) -> None:
    result = invoke(["list", "--kind", "summit", "--actor", "putin", "--tag", "treaty", "--place", "moscow"])
    assert result.exit_code == 0 and result.stderr == ""


def test_the_note_comes_also_with_other_answers(invoke: Invoke) -> None:
    result = invoke(["list", "--kind", "summit", "--kind", "sumit"])
    assert result.exit_code == 0 and "vladivostok-summit-2002" in result.stdout
    assert result.stderr.startswith("note: no event has --kind 'sumit'")
    for command in (["timeline"], ["stats"], ["export", "--format", "markdown"]):
        other = invoke([*command, "--kind", "sumit"])
        assert "note: no event has --kind 'sumit'" in other.stderr, command


def test_count_prints_the_number_of_matching_events(invoke: Invoke) -> None:
    result = invoke(["list", "--count", "--kind", "summit"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "5\n", "")
    assert invoke(["list", "--count", "--on", "1066"]).stdout == "0\n"
    assert invoke(["list", "--count", "--from", "2000"]).stdout == "27\n"


@pytest.mark.parametrize(
    ("args", "status"), [(["--on", "2024-06-19"], 0), (["--on", "1066"], 1), (["--kind", "summit"], 0)]
)
def test_quiet_prints_nothing_and_answers_by_its_status(invoke: Invoke, args: list[str], status: int) -> None:
    result = invoke(["list", "-q", *args])
    assert (result.exit_code, result.stdout, result.stderr) == (status, "", "")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("today", "date = 2026-01-15"),
        ("yesterday", "date = 2026-01-14"),
        ("last week", "date = 2026-01-05\nend = 2026-01-11"),
        ("3 days ago", "date = 2026-01-12"),
        ("19 July 2000", "date = 2000-07-19"),
        ("July 2000", 'date = "2000-07"'),
        ("last year", 'date = "2025"'),
        ("2024-06-19?", 'date = "2024-06-19?"'),
    ],
)
def test_add_reads_every_date_form_list_reads_and_writes_edtf(
    invoke: Invoke, tmp_path: Path, value: str, written: str
) -> None:
    path = tmp_path / "notes.toml"
    path.write_text("")
    result = invoke(
        ["add", "--data", str(path), "--date", value, "--kind", "visit", "--title", "T", "--today", "2026-01-15"]
    )
    assert result.exit_code == 0, result.stderr
    assert f"\n{written}\nkind = " in path.read_text()
    assert invoke(["list", "--data", str(path), "--format", "ids"]).stdout == result.stdout


def test_add_relative_dates_follow_the_environments_today(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text("")
    result = invoke(
        ["add", "--data", str(path), "--date", "yesterday", "--end", "today", "--kind", "visit", "--title", "T"]
    )
    assert result.exit_code == 0, result.stderr
    assert "date = 2026-01-14\nend = 2026-01-15\n" in path.read_text()  # the fixture's today: 2026-01-15


@pytest.mark.parametrize(
    ("value", "quoted"),
    [("2020-02", '"2020-02"'), ("199X", '"199X"'), ("2001-07-26/2001-08-18", '"2001-07-26/2001-08-18"')],
)
def test_an_unquoted_partial_date_in_a_file_says_to_quote_it(
    invoke: Invoke, tmp_path: Path, value: str, quoted: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'[[event]]\nid = "a"\ndate = {value}\nkind = "k"\ntitle = "t"\n')
    result = invoke(["list", "--data", str(path)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{path}:3:8: error: invalid TOML: date = {value} must be quoted: write date = {quoted} [toml]\n"
    )
