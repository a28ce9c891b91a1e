"""The README's picture (docs/images/list.svg, written by scripts/screenshot.py) shows what
``chrono list --from 2000`` prints today in a terminal 100 columns wide."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.conftest import REPO, Invoke

PICTURE = REPO / "docs" / "images" / "list.svg"
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


def test_picture_shows_the_current_table(invoke: Invoke) -> None:
    shown = screen(PICTURE.read_text(encoding="utf-8"))
    assert shown[0] == "$ chrono list --from 2000"
    result = invoke(["list", "--from", "2000", "--no-pager", "--color", "never"], tty=True, width=100)
    assert result.exit_code == 0
    table = [line.rstrip() for line in result.stdout.splitlines()]
    assert shown[1:] == [*table, result.stderr.strip()], "run: python scripts/screenshot.py"


def test_screen_rebuilds_lines_from_spans(tmp_path: Path) -> None:
    svg = (
        '<text class="t-r1" x="0" y="20" textLength="24.4" clip-path="url(#t-line-0)">ab</text>'
        '<text class="t-r2" x="48.8" y="20" textLength="12.2" clip-path="url(#t-line-0)">c</text>'
        '<text class="t-r1" x="12.2" y="44" textLength="36.6" clip-path="url(#t-line-2)">d&#160;e</text>'
    )
    assert screen(svg) == ["ab  c", "", " d e"]
