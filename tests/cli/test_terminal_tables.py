"""The event table on a real terminal at 80 and 120 columns: the title gets the room."""

from __future__ import annotations

import re

import pytest

from tests.cli.pty_run import on_terminal
from tests.conftest import Invoke


def _rows(text: str) -> list[list[str]]:
    """The table's events, each as its lines (an event starts where the first column does)."""
    events: list[list[str]] = []
    for line in text.splitlines()[2:]:
        if line[:1].isdigit() or not events:
            events.append([line])
        else:
            events[-1].append(line)
    return events


def test_at_80_columns_no_event_of_the_readme_listing_takes_more_than_two_lines() -> None:
    screen = on_terminal(["list", "--from", "2000"], 80)
    assert screen.status == 0 and screen.stderr == "27 events\n"
    rows = _rows(screen.text)
    assert len(rows) == 27
    assert all(len(lines) <= 2 for lines in rows), [lines for lines in rows if len(lines) > 2]
    assert all(len(line) <= 80 for line in screen.text.splitlines())
    assert "2000-02-09 → 02-10" in screen.text  # a range on one line
    assert "Good-Neighbourliness" in screen.text  # words whole


def test_at_80_columns_every_id_shown_is_found_by_show() -> None:
    rows = _rows(on_terminal(["list", "--from", "2000"], 80).text)
    shortened = [lines[1].split()[0] for lines in rows if "…" in lines[1].split()[0]]
    assert shortened
    for ident in shortened:
        shown = on_terminal(["show", ident, "--format", "text"], 80)
        assert shown.status == 0 and shown.stdout.startswith("id: "), (ident, shown.stderr)


def test_at_120_columns_ids_stay_whole_and_ranges_stay_on_one_line() -> None:
    screen = on_terminal(["list", "--from", "2000"], 120)
    assert "kim-jong-il-train-journey-2001" in screen.text and "…" not in screen.text
    assert re.search(r"^2001-07-26 → 08-18 +kim-jong-il-train-journey-2001 ", screen.text, re.M)
    assert all(len(line) <= 120 for line in screen.text.splitlines())


@pytest.mark.parametrize("width", [40, 80, 120])
def test_piped_output_is_never_shortened(invoke: Invoke, width: int) -> None:
    result = invoke(["list", "--from", "2000"], width=width)
    assert "kim-jong-il-train-journey-2001\tvisit\t" in result.stdout and "…" not in result.stdout
    second = (
        "2000-02-09/2000-02-10\tivanov-visit-2000\tvisit\tForeign Minister Igor Ivanov's two-day visit to Pyongyang"
    )
    assert result.stdout.splitlines()[1] == second


@pytest.mark.parametrize("shown", ["kim-jong-il-t…-2001", "kim-jong-il-t.-2001"])
def test_show_takes_an_id_as_shortened_also_with_an_ascii_terminals_stand_in(invoke: Invoke, shown: str) -> None:
    result = invoke(["show", shown])
    assert result.exit_code == 0 and result.stdout.startswith("id: kim-jong-il-train-journey-2001\n")
    missing = invoke(["show", "nonsense.x"])
    assert missing.exit_code == 1 and missing.stderr == "chrono: error: no event 'nonsense.x'\n"
