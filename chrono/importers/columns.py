"""Which columns of a table hold each chrono key (``--map``), and the ``extra`` columns' names and types.

A key's source is a column, a choice of columns (``title=Headline|Name``: the first not missing)
or a template that combines them (``title={volcano_name} eruption``, ``place={city}, {state}``).
Every column a map names is looked up once, before any row is read, so a typo is one error
naming the header row rather than an error on every row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from chrono.errors import UsageError
from chrono.loading.tables import EVENT_KEYS
from chrono.writing.authoring import slug

DATE_PART_KEYS = ("year", "month", "day", "end_year", "end_month", "end_day")
MAP_KEYS = (*EVENT_KEYS, *DATE_PART_KEYS)
# TimelineJS's Google-Sheets template, recognised by these headers (lowercase).
TEMPLATE_HEADERS = frozenset({"year", "month", "day", "headline"})
TEMPLATE_MAP = {
    "year": "Year", "month": "Month", "day": "Day", "end_year": "End Year", "end_month": "End Month",
    "end_day": "End Day", "title": "Headline", "summary": "Text", "kind": "Group",
}  # fmt: skip
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9]\d*)")
_FLOAT_RE = re.compile(r"[-+]?(?:0|[1-9]\d*)?\.\d+(?:[eE][-+]?\d+)?|[-+]?(?:0|[1-9]\d*)(?:\.\d*)?[eE][-+]?\d+")
_TIDY_EDGES = " ,;:-/|"


@dataclass(frozen=True, slots=True)
class Source:
    """Where one choice of a key's value comes from: a column, or literal text and columns.

    ``parts`` is ``(3,)`` for the fourth column, ``(0, " eruption")`` for a template.
    """

    parts: tuple[int | str, ...]

    @property
    def col(self) -> int:
        """The column an error about this value points at: the first one it reads."""
        return next((part for part in self.parts if isinstance(part, int)), 0)

    def value(self, cell: Callable[[int], str]) -> str:
        """The text: a column's cell, or the template filled in; '' when every column is missing.

        In a template a missing column is left out with the separator next to it, so
        ``{city}, {state}`` gives ``Paris`` when the state is missing, never ``Paris, ``.
        """
        if len(self.parts) == 1 and isinstance(self.parts[0], int):
            return cell(self.parts[0])
        cells = [cell(part) if isinstance(part, int) else part for part in self.parts]
        if not any(cells[index] for index, part in enumerate(self.parts) if isinstance(part, int)):
            return ""
        text = "".join(cells)
        if not all(cells[index] for index, part in enumerate(self.parts) if isinstance(part, int)):
            text = re.sub(r"(?:,\s*){2,}", ", ", text)  # a separator left dangling by a missing cell
        return " ".join(text.split()).strip(_TIDY_EDGES)


Mapping = dict[str, tuple[Source, ...]]


class _Finder:
    """A column by its header: exactly, then in any case, then with spaces as underscores."""

    def __init__(self, headers: Sequence[str], what: str) -> None:
        self.headers = headers
        self.what = what
        self.positions: dict[str, int] = {}
        for number, header in enumerate(headers):
            self.positions.setdefault(header, number)
        for number, header in enumerate(headers):
            self.positions.setdefault(header.strip().lower(), number)
            self.positions.setdefault(header.strip().lower().replace(" ", "_"), number)

    def find(self, column: str) -> int | None:
        for name in (column, column.strip().lower(), column.strip().lower().replace(" ", "_")):
            if name in self.positions:
                return self.positions[name]
        return None

    def need(self, column: str) -> int:
        found = self.find(column.strip())
        if found is None:
            shown = ", ".join(repr(header) for header in self.headers)
            raise UsageError(f"no column {column.strip()!r} in {self.what}; the columns are: {shown}", option="--map")
        return found

    def source(self, text: str) -> Source:
        """A column name, or a template with {column} placeholders."""
        if "{" not in text and "}" not in text:
            return Source((self.need(text),))
        parts: list[int | str] = []
        position = 0
        for found in _PLACEHOLDER_RE.finditer(text):
            if found.start() > position:
                parts.append(text[position : found.start()])
            parts.append(self.need(found.group(1)))
            position = found.end()
        if position < len(text):
            parts.append(text[position:])
        if any(isinstance(part, str) and ("{" in part or "}" in part) for part in parts):
            raise UsageError(f"{text!r}: a template names columns as {{column}}, with matched braces", option="--map")
        return Source(tuple(parts))


def parse_map(spec: str | None, headers: Sequence[str], what: str = "the header row (line 1)") -> Mapping:
    """``--map date=Start,title=Headline|Name,place={city}, {state}`` -> {key: its sources}.

    Unmapped keys use a same-named column; the TimelineJS template is recognised by its header.
    A comma followed by a key and '=' starts the next pair; any other comma belongs to a template.
    """
    finder = _Finder(headers, what)
    mapping: Mapping = {}
    for key in MAP_KEYS:
        found = finder.find(key)
        if found is not None:
            mapping[key] = (Source((found,)),)
    if {header.strip().lower() for header in headers} >= TEMPLATE_HEADERS:
        for key, column in TEMPLATE_MAP.items():
            found = finder.find(column)
            if found is not None:
                mapping[key] = (Source((found,)),)
    given: Mapping = {}
    for pair in _pairs(spec or ""):
        key, sep, columns = pair.partition("=")
        key = key.strip()
        if not sep or key not in MAP_KEYS:
            raise UsageError(f"{pair!r}: expected KEY=COLUMN with KEY one of {', '.join(MAP_KEYS)}", option="--map")
        given[key] = tuple(finder.source(column) for column in columns.split("|"))
    if "date" in given:
        for key in DATE_PART_KEYS:
            mapping.pop(key, None)
    if any(key in given for key in DATE_PART_KEYS):
        mapping.pop("date", None)
        mapping.pop("end", None)
    mapping.update(given)
    if "date" in mapping:
        for key in DATE_PART_KEYS:
            mapping.pop(key, None)
    return mapping


def _pairs(spec: str) -> list[str]:
    """The KEY=VALUE pairs of a --map, split at the commas that start a new ``KEY=``."""
    starts = [0] + [found.start() + 1 for found in re.finditer(r",(?=\s*[a-z_]+\s*=)", spec)]
    ends = [start - 1 for start in starts[1:]] + [len(spec)]
    return [spec[start:end] for start, end in zip(starts, ends, strict=True) if spec[start:end].strip()]


def extra_names(headers: Sequence[str], used: set[int]) -> list[tuple[int, str]]:
    """Unmapped columns and the ``extra`` key each one gets (made unique)."""
    names: list[tuple[int, str]] = []
    seen: set[str] = set()
    for col, header in enumerate(headers):
        if col in used:
            continue
        base = slug(header).replace("-", "_") or f"column_{col + 1}"
        name, number = base, 2
        while name in seen:
            name, number = f"{base}_{number}", number + 1
        seen.add(name)
        names.append((col, name))
    return names


def type_numbers(extras: Sequence[dict[str, Any]], names: Sequence[str]) -> None:
    """Make each extra column whose every value is an integer (or a decimal) an int (float) column.

    A column is numeric only as a whole: one ``n/a`` among numbers would have been a null
    already, and one word keeps the column text, so ``vei >= 6`` never compares "7" with 6.
    A leading zero (``007``, ``02134``) is a code, not a number, and keeps the column text.
    """
    for name in names:
        values = [extra[name] for extra in extras if isinstance(extra.get(name), str)]
        if not values:
            continue
        if all(_INT_RE.fullmatch(value) for value in values):
            convert: Callable[[str], Any] = int
        elif all(_INT_RE.fullmatch(value) or _FLOAT_RE.fullmatch(value) for value in values):
            convert = float
        else:
            continue
        for extra in extras:
            if isinstance(extra.get(name), str):
                extra[name] = convert(extra[name])
