"""The docs' pictures (docs/images/*.svg, written by scripts/screenshot.py) show what their
commands print today in a terminal 100 columns wide: the table, the density timeline, ``cal``."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke

PICTURES = {
    "list.svg": "chrono list --from 2000",
    "timeline.svg": "chrono timeline --data us-visits",
    "cal.svg": "chrono cal 2024-06 --today 2026-01-15",
}
SPAN = re.compile(
    r'<text class="[^"]*-r\d+" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)"[^>]*-line-(\d+)\)">([^<]*)</text>'
)


def screen(svg: str) -> list[str]:
    """The terminal's lines, rebuilt from rich's SVG: each span sits at its column on its line."""
    rows: dict[int, dict[int, str]] = {}
    for x, length, line, content in SPAN.findall(svg):
        text = html.unescape(content).replace("\xa0", " ")
        cell = float(length) / len(text)
        rows.setdefault(int(line), {})[round(float(x) / cell)] = text
    lines = []
    for number in range(max(rows) + 1):
        chars: list[str] = []
        for column, text in sorted(rows.get(number, {}).items()):
            chars.extend(" " * (column - len(chars)))
            chars[column : column + len(text)] = text
        lines.append("".join(chars).rstrip())
    return lines


@pytest.mark.parametrize(("name", "command"), sorted(PICTURES.items()))
def test_picture_shows_the_current_output(invoke: Invoke, name: str, command: str) -> None:
    shown = screen((REPO / "docs" / "images" / name).read_text(encoding="utf-8"))
    assert shown[0] == f"$ {command}"
    args = shlex.split(command)[1:]
    result = invoke([*args, "--no-pager", "--color", "never"], tty=True, width=100)
    assert result.exit_code == 0
    drawn = [line.rstrip() for line in result.stdout.splitlines()]
    told = [line.rstrip() for line in result.stderr.splitlines()]
    assert shown[1:] == [*drawn, *told], "run: python scripts/screenshot.py"


def test_screen_rebuilds_lines_from_spans(tmp_path: Path) -> None:
    svg = (
        '<text class="t-r1" x="0" y="20" textLength="24.4" clip-path="url(#t-line-0)">ab</text>'
        '<text class="t-r2" x="48.8" y="20" textLength="12.2" clip-path="url(#t-line-0)">c</text>'
        '<text class="t-r1" x="12.2" y="44" textLength="36.6" clip-path="url(#t-line-2)">d&#160;e</text>'
    )
    assert screen(svg) == ["ab  c", "", " d e"]
