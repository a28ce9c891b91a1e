"""The table rule beyond ``list``, on a real terminal at 80 and 120 columns: anniversaries, sql's
table (numbers right-aligned), diff's view; piped output unchanged."""

from __future__ import annotations

import re

import pytest

from tests.cli.pty_run import on_terminal
from tests.conftest import REPO, Invoke

ANNIVERSARIES = ["anniversaries", "--on", "2024-06-19", "--ahead", "60"]


@pytest.mark.parametrize("width", [80, 120])
def test_anniversaries_fit_with_two_lines_an_event_at_most(width: int) -> None:
    screen = on_terminal(ANNIVERSARIES, width)
    assert screen.status == 0, screen.stderr
    lines = screen.text.splitlines()
    assert all(len(line) <= width for line in lines)
    starts = [i for i, line in enumerate(lines) if re.match(r"\d{4}-\d\d-\d\d ", line)]
    ends = [*starts[1:], len(lines)]
    assert len(starts) == 12 and all(end - start <= 2 for start, end in zip(starts, ends, strict=True))
    if width == 80:  # ids under their dates, found by show as shown
        shortened = [lines[i + 1].split()[0] for i in starts if "…" in lines[i + 1]]
        assert shortened
        for ident in shortened:
            assert on_terminal(["show", ident, "--format", "text"], 80).stdout.startswith("id: ")
    else:
        assert "kim-jong-il-train-journey-2001" in screen.text


def test_anniversaries_piped_are_unchanged(invoke: Invoke) -> None:
    result = invoke([*ANNIVERSARIES])
    assert (
        result.stdout.splitlines()[0] == "2024-06-22\t64\ttrade-navigation-treaty-1960\tTreaty on trade and navigation"
    )


@pytest.mark.parametrize("width", [80, 120])
def test_sql_table_fits_wraps_at_spaces_and_right_aligns_numbers(width: int) -> None:
    query = "select id, date, title, length(title) as n from events where id like '%agreement%' limit 3"
    screen = on_terminal(["sql", query], width)
    assert screen.status == 0, screen.stderr
    lines = screen.text.splitlines()
    assert all(len(line) <= width for line in lines)
    assert lines[0].split() == ["id", "date", "title", "n"]
    numbers = [line for line in lines[2:] if re.search(r"\d+$", line)]
    assert len(numbers) == 3 and len({len(line) for line in numbers}) == 1  # right-aligned in one column
    assert "1949-03-17" in screen.text  # a date never cut
    assert not any(re.search(r"[a-z]-$", line.split("   ")[2]) for line in lines[2:] if len(line.split("   ")) > 2)


def test_diff_view_writes_a_range_as_one_date(invoke: Invoke) -> None:
    old, new = (str(REPO / "docs" / "examples" / f"{n}-chronology.toml") for n in ("old", "my"))
    result = invoke(["diff", old, new, "--format", "text"])
    assert "  + river-treaty  2024-02-01 → 02-02 River treaty signed\n" in result.stdout
    assert "2024-02-01/2024-02-02 River treaty signed" in invoke(["diff", old, new]).stdout  # piped tsv as it was
