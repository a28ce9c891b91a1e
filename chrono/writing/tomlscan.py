"""Where a TOML file's comments and blank lines are: the outline ``chrono fmt`` places them by.

tomli gives the values but drops the comments; tomlkit keeps them but builds a whole document
of the file first (11 × the time of reading it, on 3,264 events). ``fmt`` needs much less: which
key or table each comment line, blank line and end-of-line comment belongs to. This scanner
finds exactly that with a few regular expressions, on text tomli has already accepted (so it
never judges validity), and nests it as tomlkit does: a ``[kind.key]`` header opens a table
inside the current ``[[kind]]`` table, a dotted key is a table of one key, lines after a key
belong to the table being read, and the tables of one kind form one array in the order that
kind first appears. The tests hold it to tomlkit's own reading of every file they format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from chrono.errors import ChronoError


class LayoutError(ChronoError):
    """A layout the scanner cannot place (never a valid chronology written by hand)."""


class Value(NamedTuple):
    """A key's value as written, and the comment at the end of its (last) line."""

    text: str
    comment: str


class Table(NamedTuple):
    """A ``[header]`` or ``[[header]]`` table, or a dotted key's table: its header line's comment
    and its entries in file order (a loose line has the key None: "" for a blank, or a comment)."""

    comment: str
    body: list[tuple[str | None, Item]]
    dotted: bool = False  # written as a dotted key (extra.a = 1), not under a header


Item = Value | Table | str
# The top level: loose lines, (kind, that kind's [[kind]] tables) and (key, Value) entries.
Outline = list[tuple[str | None, Item | list[Table]]]

_HEADER_RE = re.compile(r"\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\]")
_SPACE_RE = re.compile(r"[ \t]*")
_KEY_RE = re.compile(r"[ \t]*([A-Za-z0-9_-]+|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*')[ \t]*")
_VALUE_STOP_RE = re.compile(r"[\"'#\[\]{}\n]")
_STRING_RES = {
    '"""': re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}'),
    "'''": re.compile(r"'''(?:[^']|'(?!''))*'{3,5}"),
    '"': re.compile(r'"(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"'[^'\n]*'"),
}
_END_RE = re.compile(r"[ \t]*(#[^\r\n]*)?(?:\r?\n|\Z)")


def outline(text: str, counts: Mapping[str, int] | None = None) -> Outline:
    """The file's entries, nested as tomlkit nests them; raise LayoutError where it cannot.

    With ``counts`` (how many ``[[kind]]`` tables tomli found of each kind), a table with no
    '#' in its text is not read at all: it holds no comment, and its blank lines place nothing.
    This needs the headers to be found by a line search: not when a multi-line string could
    hold a header-like line, nor when tables of different kinds alternate (tomlkit regroups
    them), nor when the headers found do not add up to tomli's tables.
    """
    if counts is not None and '"""' not in text and "'''" not in text:
        quick = _by_tables(text, counts)
        if quick is not None:
            return quick
    return _scan(text)


def _by_tables(text: str, counts: Mapping[str, int]) -> Outline | None:
    """The outline, reading only the tables that hold a '#'; None when the headers are not sure."""
    starts = [
        (match.start(), match.group(1))
        for match in _HEADER_RE.finditer(text)
        if not text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip(" \t")  # at a line's start
    ]
    kinds = [kind for _, kind in starts]
    runs = [kind for number, kind in enumerate(kinds) if number == 0 or kinds[number - 1] != kind]
    if len(runs) != len(set(runs)) or {k: kinds.count(k) for k in runs} != dict(counts):
        return None
    top = _scan(text[: starts[0][0]]) if starts else _scan(text)
    ends = [start for start, _ in starts[1:]] + ([len(text)] if starts else [])  # an empty file has no table
    for (start, kind), end in zip(starts, ends, strict=True):
        piece = text[start:end]
        if "#" not in piece:
            table = Table("", [])
        else:
            scanned = _scan(piece)
            if len(scanned) != 1 or not isinstance(scanned[0][1], list):
                return None
            table = scanned[0][1][0]
        if not top or top[-1][0] != kind:
            top.append((kind, []))
        tables = top[-1][1]
        assert isinstance(tables, list)
        tables.append(table)
    return top


def _scan(text: str) -> Outline:
    """The outline of the whole text, read line by line."""
    top: Outline = []
    arrays: dict[str, list[Table]] = {}
    body: list[tuple[str | None, Item]] | None = None  # the table being read; None at the top
    current: Table | None = None  # the [[kind]] table being read
    pos, n = 0, len(text)
    while pos < n:
        pos = _SPACE_RE.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            break
        char = text[pos]
        target = top if body is None else body
        if char == "\n" or text.startswith("\r\n", pos):
            if not target or target[-1] != (None, ""):  # a run of blank lines is one, as in tomlkit
                target.append((None, ""))
            pos = text.index("\n", pos) + 1
        elif char == "#":
            end = text.find("\n", pos)
            end = n if end < 0 else end
            target.append((None, text[pos:end].rstrip()))
            pos = end + 1
        elif text.startswith("[[", pos):
            keys, pos = _keys(text, pos + 2, "]]")
            comment, pos = _end(text, pos)
            if len(keys) != 1:
                raise LayoutError("an array of tables inside a table cannot be placed; left untouched")
            current = Table(comment, [])
            if keys[0] not in arrays:
                arrays[keys[0]] = []
                top.append((keys[0], arrays[keys[0]]))
            arrays[keys[0]].append(current)
            body = current.body
        elif char == "[":
            keys, pos = _keys(text, pos + 1, "]")
            comment, pos = _end(text, pos)
            tables = arrays.get(keys[0])
            if current is None or not tables or tables[-1] is not current or len(keys) < 2:
                raise LayoutError(f"unexpected top-level '{keys[0]}'; left untouched")
            body = _open(current, keys[1:], comment).body
        else:
            keys, pos = _keys(text, pos, "=")
            start = _SPACE_RE.match(text, pos).end()  # type: ignore[union-attr]
            end = _value_end(text, start)
            comment, pos = _end(text, end)
            item: Item = Value(text[start:end].rstrip(" \t\r"), comment)
            for key in reversed(keys[1:]):
                item = Table("", [(key, item)], dotted=True)
            target.append((keys[0], item))
    return top


def _open(table: Table, path: list[str], comment: str) -> Table:
    """The table a ``[kind.a.b]`` header opens inside ``table``, super-tables made on the way."""
    for key in path[:-1]:
        found = next((item for name, item in reversed(table.body) if name == key and isinstance(item, Table)), None)
        if found is None:
            found = Table("", [])
            table.body.append((key, found))
        table = found
    opened = Table(comment, [])
    table.body.append((path[-1], opened))
    return opened


def _keys(text: str, pos: int, closing: str) -> tuple[list[str], int]:
    """A dotted key, unquoted, and the position after ``closing``."""
    keys: list[str] = []
    while True:
        match = _KEY_RE.match(text, pos)
        if match is None:
            raise LayoutError(f"cannot read a key at offset {pos}; left untouched")
        keys.append(_unquote(match.group(1)))
        pos = match.end()
        if text.startswith(closing, pos):
            return keys, pos + len(closing)
        if not text.startswith(".", pos):
            raise LayoutError(f"cannot read a key at offset {pos}; left untouched")
        pos += 1


def _unquote(key: str) -> str:
    if key[0] == "'":
        return key[1:-1]
    if key[0] == '"':
        if "\\" not in key:
            return key[1:-1]
        import tomli  # a key with escapes: let the parser that accepted it decode it

        return next(iter(tomli.loads(f"{key} = 0")))
    return key


def _value_end(text: str, pos: int) -> int:
    """Where a value that starts at ``pos`` ends: its line's comment or end, outside brackets."""
    depth = 0
    while True:
        match = _VALUE_STOP_RE.search(text, pos)
        if match is None:
            return len(text)
        at = match.start()
        char = text[at]
        if char in "\"'":
            delimiter = char * 3 if text.startswith(char * 3, at) else char
            string = _STRING_RES[delimiter].match(text, at)
            if string is None:
                raise LayoutError(f"cannot read a string at offset {at}; left untouched")
            pos = string.end()
        elif char in "[{":
            depth, pos = depth + 1, at + 1
        elif char in "]}":
            depth, pos = depth - 1, at + 1
        elif depth == 0:  # a comment or the end of the line, outside any array
            return at
        elif char == "#":  # a comment inside an array runs to the end of its line
            newline = text.find("\n", at)
            pos = len(text) if newline < 0 else newline + 1
        else:
            pos = at + 1


def _end(text: str, pos: int) -> tuple[str, int]:
    """The comment at the end of a line (or ""), and the position of the next line."""
    match = _END_RE.match(text, pos)
    if match is None:
        raise LayoutError(f"unexpected text at offset {pos}; left untouched")
    return match.group(1) or "", match.end()
