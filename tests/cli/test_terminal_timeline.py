"""Crowded timelines on a real terminal at 80 and 120 columns: density instead of digits, lane
names sized to the width and never alike, labels that do not repeat their lane's name."""

from __future__ import annotations

import re

import pytest

from chrono.render.timeline import BLOCKS, density
from tests.cli.pty_run import on_terminal


def _lanes(text: str) -> list[tuple[str, str]]:
    """(lane name, drawing) of each lane line; label lines have no name."""
    found = []
    for line in text.splitlines()[1:]:
        name, bar, drawing = line.partition("│")
        if bar and name.strip():
            found.append((name.strip(), drawing))
    return found


@pytest.mark.parametrize("width", [80, 120])
def test_thousands_of_visits_are_drawn_as_density_with_its_scale(width: int) -> None:
    screen = on_terminal(["timeline", "--data", "us-visits"], width)
    assert screen.status == 0, screen.stderr
    (name, drawing), *_ = _lanes(screen.text)
    assert name == "visit"
    assert not re.search(r"[2-9+]", drawing)  # no digits left
    assert set(drawing.strip()) <= set(BLOCKS) | {" "} and "█" in drawing
    assert re.search(r"▁▂▃▄▅▆▇█ events starting in a column: ▁ 1 … █ \d+ or more, in eighths", screen.text)
    assert all(len(line) <= width for line in screen.text.splitlines())


@pytest.mark.parametrize("width", [80, 120])
def test_lanes_by_actor_have_distinct_names_and_labels_without_them(width: int) -> None:
    screen = on_terminal(["timeline", "--data", "us-visits", "--by", "actor", "--from", "2015"], width)
    lanes = _lanes(screen.text)
    names = [name for name, _ in lanes]
    assert len(names) == len(set(names)) == 15
    assert max(len(name) for name in names) <= max(18, min(32, width // 6))
    lines = screen.text.splitlines()
    for index, line in enumerate(lines[:-1]):
        name = line.partition("│")[0].strip()
        label_line = lines[index + 1]
        if name and not name.endswith("more)") and label_line.partition("│")[0].strip() == "":
            head = name.rstrip("…")[:12]
            assert head not in label_line.partition("│")[2], (name, label_line)


def test_the_scale_is_linear_in_eighths_of_the_busiest_column() -> None:
    assert [density(n, 80) for n in (0, 1, 10, 11, 40, 70, 71, 80, 200)] == [
        " ",
        "▁",
        "▁",
        "▂",
        "▄",
        "▇",
        "█",
        "█",
        "█",
    ]
