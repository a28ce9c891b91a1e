"""``datasets`` and ``config`` drawn as tables on a real terminal; piped, their fields exactly."""

from __future__ import annotations

import re

import pytest

from tests.cli.pty_run import on_terminal
from tests.conftest import Invoke


@pytest.mark.parametrize("width", [80, 120])
def test_datasets_on_a_terminal_is_a_table_marking_the_default_in_its_own_column(width: int) -> None:
    screen = on_terminal(["datasets"], width)
    lines = screen.text.splitlines()
    assert lines[0].split() == ["Name", "Events", "First", "Last"] and set(lines[1]) == {"─"}
    assert re.fullmatch(r"dprk-russia +43 +1948-10-12\? +2025-09-03 +default", lines[2])
    assert re.fullmatch(r"us-visits +3264 +1874-12-12 → 12-23 +2024-11-12", lines[3])
    assert lines[2].index("43") + 2 == lines[3].index("3264") + 4  # numbers right-aligned
    assert "\t" not in screen.stdout


def test_datasets_piped_keeps_exactly_name_events_first_last(invoke: Invoke) -> None:
    result = invoke(["datasets"])
    assert (
        result.stdout
        == "dprk-russia\t43\t1948-10-12?\t2025-09-03\nus-visits\t3264\t1874-12-12/1874-12-23\t2024-11-12\n"
    )
    assert all(len(line.split("\t")) == 4 for line in result.stdout.splitlines())


@pytest.mark.parametrize("width", [80, 120])
def test_config_on_a_terminal_is_a_table_within_the_width(width: int) -> None:
    screen = on_terminal(["config", "--color", "never"], width)
    lines = screen.text.splitlines()
    assert lines[0].split() == ["Setting", "Value", "Source"]
    assert any(re.match(r"color +never +option --color", line) for line in lines)
    assert all(len(line) <= width for line in lines) and "\t" not in screen.stdout


def test_config_piped_keeps_its_three_fields(invoke: Invoke) -> None:
    lines = invoke(["config", "--color", "never"]).stdout.splitlines()
    assert "color\tnever\toption --color" in lines
    assert all(len(line.split("\t")) == 3 for line in lines)
