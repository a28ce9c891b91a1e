"""``chrono show`` on a real terminal: URLs whole and clickable, no date said twice; piped, the
``key: value`` contract as it was."""

from __future__ import annotations

import re

import pytest

from tests.cli.pty_run import on_terminal
from tests.conftest import FIXTURES, Invoke

SAMPLE = FIXTURES / "sample.toml"

URL = (
    "https://unn.ua/en/news/putin-arrives-in-the-dprk-for-the-first-time-in-24-years-he-was-met-by-kim-jong-un-rosmedia"
)
OSC8 = f"\x1b]8;;{URL}\x1b\\{URL}\x1b]8;;\x1b\\"


@pytest.mark.parametrize("width", [80, 120])
def test_on_a_terminal_urls_are_whole_osc8_hyperlinks_under_the_panel(width: int) -> None:
    screen = on_terminal(["show", "putin-visit-2024"], width)
    assert screen.status == 0, screen.stderr
    assert f" [3] {OSC8}\n" in screen.stdout  # one line, whole, whatever the width
    assert "UNN report, 18 June 2024 | UNN [3]" in screen.text
    assert "https://tass.com/politics/1804387" not in screen.text.split("╰")[0]  # not folded inside the box


@pytest.mark.parametrize("width", [80, 120])
def test_on_a_terminal_span_is_left_out_where_it_restates_the_date(width: int) -> None:
    whole_days = on_terminal(["show", "putin-visit-2024"], width).text
    assert "2024-06-18/2024-06-19" in whole_days and " span " not in whole_days
    partial = on_terminal(["show", "--data", str(SAMPLE), "visit-2002"], width)
    assert partial.status == 0, partial.stderr
    assert re.search(r"│ span +2002-01-01 .. 2002-12-31 ", partial.text)  # what a year stands for


def test_dumb_terminals_get_plain_urls() -> None:
    screen = on_terminal(["show", "putin-visit-2024"], 80, env={"TERM": "dumb"})
    assert f" [3] {URL}\n" in screen.stdout and "\x1b]8" not in screen.stdout


def test_piped_show_keeps_span_and_urls_in_its_lines(invoke: Invoke) -> None:
    result = invoke(["show", "putin-visit-2024"])
    assert "span: 2024-06-18 .. 2024-06-19\n" in result.stdout
    assert f"source: unn-ua: UNN report, 18 June 2024 | UNN | {URL}\n" in result.stdout
    panel = invoke(["show", "putin-visit-2024", "--format", "panel"])
    assert "\x1b]8" not in panel.stdout and URL in panel.stdout  # never a hyperlink in a pipe
