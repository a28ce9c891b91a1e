"""Tables drawn as lines, one row at a time, so long output streams to the terminal and pager.

rich's ``Table`` measures every cell of every row before it draws the first one, so a table of
3,000 events reached the pager only after seconds. Here the column widths are fixed before the
first row is drawn — from the data in one cheap pass (dates, ids, kinds and counts are short
strings of known width) — and each row is then drawn on its own. The look is rich's
``SIMPLE_HEAD`` box (a bold header, a rule, columns three spaces apart), with colours written as
plain SGR codes, so neither rich's console nor its table is imported. Cell text must already be
made safe by the caller (``chrono.escape.visible``): these functions only lay text out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from chrono.render.palette import SGR

GAP = "   "  # rich's SIMPLE_HEAD box with one space of padding on each side of a column
MIN_FOLD = 8  # the narrowest a folding column gets, however narrow the terminal
RULE = "─"
RESET = "\x1b[0m"


class Column(NamedTuple):
    """One column: its header, its width in terminal cells, and how its cells are drawn."""

    header: str
    width: int
    fold: bool = False  # wrap long text across lines (else the width must already hold every cell)
    right: bool = False  # right-justified (numbers)
    style: str = ""  # the style of every cell, unless a cell names its own


@dataclass(frozen=True, slots=True)
class Styled:
    """A cell's text in a style of its own (a kind's colour, a round anniversary in bold)."""

    text: str
    style: str


Cell = str | Styled | tuple[str | Styled, ...]  # text, styled text, or lines stacked as they are (a date over an id)


def cell_width(text: str) -> int:
    """Terminal cells of text: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def widest(texts: Sequence[str] | set[str], header: str = "") -> int:
    """The width a column needs to show every text (and its header) whole."""
    return max((cell_width(text) for text in {*texts, header}), default=0)


def fold(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells. A word longer than the line breaks after a hyphen
    where it has one that fits, and is cut only when it has none (as rich's 'fold')."""
    if len(text) <= width and (text.isascii() or cell_width(text) <= width):
        return [text]
    lines: list[str] = []
    current, used = "", 0
    for word in text.split(" "):
        size = cell_width(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current:
            lines.append(current)
        rest = word
        while size > width:  # fold a long word across lines
            head, rest = _split_word(rest, width)
            lines.append(head)
            size = cell_width(rest)
        current, used = rest, size
    lines.append(current)
    return lines


def clamp(lines: Sequence[str], width: int, most: int) -> list[str]:
    """At most ``most`` lines; when some are left out, the last one shown ends in '…'."""
    if len(lines) <= most:
        return list(lines)
    last = lines[most - 1]
    while last and cell_width(last) + 1 > width:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip() + "…"]


def _split_word(word: str, width: int) -> tuple[str, str]:
    """The head of a word too long for its line: up to its last hyphen that fits, else cut."""
    head, rest = _split_cells(word, width)
    hyphen = head.rfind("-")
    if 0 < hyphen < len(head) - 1:
        return word[: hyphen + 1], word[hyphen + 1 :]
    return head, rest


def _split_cells(word: str, width: int) -> tuple[str, str]:
    used = 0
    for index, char in enumerate(word):
        used += cell_width(char)
        if used > width:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


def share(fixed: Sequence[int], width: int, minimum: int = 12) -> int:
    """What is left of the terminal's width for the one folding column, after the fixed ones."""
    return max(minimum, width - sum(fixed) - len(GAP) * len(fixed))


def header_lines(columns: Sequence[Column], colour: bool) -> Iterator[str]:
    """The bold header row and the rule under it."""
    cells = [_cell(column.header, "bold", column, colour) for column in columns]
    yield GAP.join(cells).rstrip() + "\n"
    yield RULE * (sum(column.width for column in columns) + len(GAP) * (len(columns) - 1)) + "\n"


def row_lines(columns: Sequence[Column], cells: Sequence[Cell], colour: bool) -> Iterator[str]:
    """One row's lines: folding cells wrap, the others stay whole; the row is as tall as its tallest cell."""
    stacks: list[list[tuple[str, str]]] = []
    for column, cell in zip(columns, cells, strict=True):
        if isinstance(cell, tuple):
            stacks.append([_styled(line, column.style) for line in cell])
            continue
        text, style = _styled(cell, column.style)
        stacks.append([(line, style) for line in (fold(text, column.width) if column.fold else [text])])
    for index in range(max(len(lines) for lines in stacks)):
        drawn = [
            _cell(*(lines[index] if index < len(lines) else ("", "")), column, colour)
            for column, lines in zip(columns, stacks, strict=True)
        ]
        yield GAP.join(drawn).rstrip() + "\n"


def _styled(cell: str | Styled, style: str) -> tuple[str, str]:
    return (cell.text, cell.style) if isinstance(cell, Styled) else (cell, style)


def _cell(text: str, style: str, column: Column, colour: bool) -> str:
    """A cell padded to its column; the style wraps the padded text, as rich draws it."""
    if not text:
        return " " * column.width
    pad = " " * (column.width - (len(text) if text.isascii() else cell_width(text)))
    padded = pad + text if column.right else text + pad
    return f"{SGR[style]}{padded}{RESET}" if colour and style in SGR else padded


def fit_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    width: int,
    colour: bool,
    right: Sequence[int] = (),
    fold: Sequence[int] = (),
) -> Iterator[str]:
    """A table whose columns are as wide as their widest cell, except that ``fold`` ones too
    wide for what the others leave share it (the narrower keep their width) and wrap at spaces;
    ``right`` ones (numbers) are right-justified. Cells must already be made safe (``visible``)."""
    natural = [widest({_plain(row[i]) for row in rows}, header) for i, header in enumerate(headers)]
    room = width - sum(natural[i] for i in range(len(headers)) if i not in fold) - len(GAP) * (len(headers) - 1)
    widths = list(natural)
    pending = sorted(fold, key=lambda i: natural[i])
    if sum(natural[i] for i in fold) > room:  # narrow columns keep their width; the wide ones share the rest
        while pending:
            fair = room // len(pending)
            if natural[pending[0]] > fair:
                for i in pending:
                    widths[i] = max(MIN_FOLD, fair)
                break
            room -= natural[pending.pop(0)]
    shape = [
        Column(header, widths[i], fold=i in fold, right=i in right, style="bold" if i == 0 else "")
        for i, header in enumerate(headers)
    ]
    yield from header_lines(shape, colour)
    for row in rows:
        yield from row_lines(shape, row, colour)


def _plain(cell: Cell) -> str:
    return cell.text if isinstance(cell, Styled) else cell if isinstance(cell, str) else ""
