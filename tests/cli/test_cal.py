"""``chrono cal`` on a real terminal at 80 and 120 columns, and piped."""

from __future__ import annotations

import pytest

from tests.cli.pty_run import on_terminal
from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")
JUNE_2024 = [
    "      June 2024",
    "Mo Tu We Th Fr Sa Su",
    "                1  2",
    " 3  4  5  6  7  8  9",
    "10 11 12 13 14 15 16",
    "17 18•19•20 21 22 23",
    "24 25 26 27 28 29 30",
    "",
]


@pytest.mark.parametrize("width", [80, 120])
def test_a_month_grid_marks_the_days_with_events_and_lists_them(width: int) -> None:
    screen = on_terminal(["cal", "2024-06", "--today", "2026-01-15"], width)
    assert screen.status == 0, screen.stderr
    lines = screen.text.splitlines()
    assert lines[: len(JUNE_2024)] == JUNE_2024
    assert "putin-visit-2024" in screen.text and "2024-06-18 → 06-19" in screen.text
    assert "Treaty on Comprehensive Strategic Partnership" in screen.text
    assert screen.stderr == "2 events\n"
    assert all(len(line) <= width for line in lines)


@pytest.mark.parametrize("width", [80, 120])
def test_a_year_is_three_months_across(width: int) -> None:
    screen = on_terminal(["cal", "2001", "--today", "2026-01-15"], width)
    lines = screen.text.splitlines()
    assert lines[0].split() == ["January", "2001", "February", "2001", "March", "2001"]
    assert " 1• 2• 3• 4• 5•" in screen.text  # the train journey's August days
    assert "2001-07-26 → 08-18" in screen.text


def test_a_month_precise_event_is_listed_as_such_and_marks_no_day(invoke: Invoke) -> None:
    result = invoke(["cal", "2019-04", "--data", SAMPLE])
    grid, _, listing = result.stdout.partition("\n\n")
    assert "•" not in grid
    assert "2019-04 " in listing and "summit-2019" in listing


def test_an_event_dated_more_coarsely_than_the_period_is_counted_not_listed(invoke: Invoke) -> None:
    result = invoke(["cal", "2002-08", "--data", SAMPLE])
    assert "visit-2002" not in result.stdout
    assert result.stderr.endswith("1 more dated only more coarsely (chrono list --on 2002)\n")
    assert "visit-2002" in invoke(["cal", "2002", "--data", SAMPLE]).stdout


@pytest.mark.parametrize(
    ("env", "args", "first"),
    [({"LANG": "en_US.UTF-8"}, [], "Su"), ({"LANG": "de_DE.UTF-8"}, [], "Mo"), ({"LC_ALL": "C"}, [], "Mo"),
     ({"LANG": "en_US.UTF-8"}, ["--week-start", "monday"], "Mo"), ({}, ["--week-start", "saturday"], "Sa")],
)  # fmt: skip
def test_weeks_start_on_monday_or_the_locales_first_day(
    invoke: Invoke, env: dict[str, str], args: list[str], first: str
) -> None:
    clear = {"LANG": None, "LC_ALL": None, "LC_TIME": None}
    result = invoke(["cal", "2024-06", *args], env={**clear, **env})
    assert result.stdout.splitlines()[1].split()[0] == first


def test_without_a_period_this_month_with_today_reversed_on_a_terminal(invoke: Invoke) -> None:
    result = invoke(["cal", "--today", "2024-06-19", "--color", "always"])
    assert result.stdout.startswith("\x1b[1m      June 2024")
    assert "\x1b[7m19•\x1b[0m" in result.stdout


@pytest.mark.parametrize("period", ["xyz", "2024-06-19/2024-07-02", "199X"])
def test_a_period_that_is_not_a_month_or_a_year_is_a_usage_error(invoke: Invoke, period: str) -> None:
    result = invoke(["cal", period])
    assert result.exit_code == 2 and result.stderr.startswith("chrono: error: PERIOD: ")
