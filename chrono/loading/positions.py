"""Where things are in a TOML file: the line and column of each table and key.

tomli gives values but not positions, so when a problem must be reported this module scans the
text once, line by line, for ``[[event]]``-style headers and ``key =`` lines. It is only run when
there is something to report, so valid files never pay for it. The scan understands the TOML
that chronologies are written in (multi-line strings and arrays included); for anything it cannot
place, callers fall back to the table's header line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

_HEADER_RE = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_SUBTABLE_RE = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\.\s*([A-Za-z0-9_-]+)")
_OTHER_TABLE_RE = re.compile(r"\s*\[")
_TABLE_RE = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_QUOTED_OR_COMMENT_RE = re.compile(r"\"[^\"]*\"?|'[^']*'?|#.*", re.DOTALL)
_KEY_RE = re.compile(r"(\s*)([A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')(?:\s*\.[^=]*)?\s*=\s*")


class KeyPos(NamedTuple):
    """A key's line, the column of the key and the column of its value (all 1-based); a
    NamedTuple, as one is made for every key of a file the scan reads."""

    line: int
    col: int
    value_col: int


@dataclass(slots=True)
class TablePos:
    """Where one ``[[kind]]`` table starts, and where each of its keys is."""

    line: int
    keys: dict[str, KeyPos] = field(default_factory=dict)
    end_line: int = 0


@dataclass(slots=True)
class FilePositions:
    """Positions of a whole file's tables, keyed by ``(kind, index)``; and top-level keys."""

    tables: dict[tuple[str, int], TablePos] = field(default_factory=dict)
    top: dict[str, KeyPos] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def key(self, kind: str, index: int, key: str) -> tuple[int, int]:
        """Line and column of a key, or of the table's header where the key is absent."""
        table = self.tables.get((kind, index))
        if table is None:
            return (1, 1)
        pos = table.keys.get(key)
        return (pos.line, pos.col) if pos else (table.line, 1)

    def value(self, kind: str, index: int, key: str, literal: str | None = None) -> tuple[int, int]:
        """Line and column of a key's value; of ``literal`` inside it when that can be found."""
        table = self.tables.get((kind, index))
        if table is None:
            return (1, 1)
        pos = table.keys.get(key)
        if pos is None:
            return (table.line, 1)
        if literal is not None:
            needles = (f'"{literal}"', f"'{literal}'")
            last = table.end_line or len(self.lines)
            for lineno in range(pos.line, min(last, len(self.lines)) + 1):
                text = self.lines[lineno - 1]
                start = pos.value_col - 1 if lineno == pos.line else 0
                for needle in needles:
                    found = text.find(needle, start)
                    if found >= 0:
                        return (lineno, found + 1)
        return (pos.line, pos.value_col)


def _toggles(line: str, in_string: str | None) -> str | None:
    """Follow multi-line string delimiters across one line (an odd count toggles the state)."""
    if '"""' not in line and "'''" not in line:
        return in_string
    for delim in ('"""', "'''"):
        if in_string in (None, delim) and line.count(delim) % 2 == 1:
            return None if in_string == delim else delim
    return in_string


def scan(text: str) -> FilePositions:
    """Scan a TOML document for table headers and keys."""
    result = FilePositions(lines=text.splitlines())
    counts: dict[str, int] = {}
    current: TablePos | None = None
    sub_key: str | None = None  # inside [event.extra]: keys belong to the 'extra' value
    in_string: str | None = None
    depth = 0  # open brackets of a multi-line array
    for lineno, line in enumerate(result.lines, start=1):
        if in_string is not None or depth > 0:
            if in_string is None:
                depth = max(0, depth + _bracket_balance(line))
            in_string = _toggles(line, in_string)
            continue
        bracket = line.lstrip().startswith("[")  # most lines are keys: no table pattern to try
        header = _HEADER_RE.match(line) if bracket else None
        if header:
            kind = header.group(1)
            index = counts.get(kind, 0)
            counts[kind] = index + 1
            if current is not None:
                current.end_line = lineno - 1
            current = TablePos(line=lineno)
            result.tables[(kind, index)] = current
            sub_key = None
            continue
        sub = _SUBTABLE_RE.match(line) if bracket else None
        if sub and current is not None:
            sub_key = sub.group(2)
            current.keys.setdefault(sub_key, KeyPos(lineno, line.index("[") + 1, 1))
            continue
        if bracket and _OTHER_TABLE_RE.match(line):
            table = _TABLE_RE.match(line)
            if table:  # a plain [name] table: where a top-level key 'name' is defined
                result.top.setdefault(table.group(1), KeyPos(lineno, line.index("[") + 1, 1))
            if current is not None:
                current.end_line = lineno - 1
            current, sub_key = None, None
            continue
        key = _KEY_RE.match(line)
        if key:
            name = key.group(2).strip("\"'")
            pos = KeyPos(lineno, len(key.group(1)) + 1, key.end() + 1)
            if current is None:
                result.top.setdefault(name, pos)
            elif sub_key is None:
                current.keys.setdefault(name, pos)
            rest = line[key.end() :]
            depth = max(0, _bracket_balance(rest))
            in_string = _toggles(rest, None)
    return result


def _bracket_balance(text: str) -> int:
    """Opening minus closing brackets outside quoted strings (good enough for arrays).

    A quote runs to the same quote character (or the line's end) and a '#' outside quotes ends
    the count: one regular expression drops both, and the brackets left are counted."""
    if "[" not in text and "{" not in text and "]" not in text and "}" not in text:
        return 0
    if '"' in text or "'" in text or "#" in text:
        text = _QUOTED_OR_COMMENT_RE.sub("", text)
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")
