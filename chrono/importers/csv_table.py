"""``chrono import csv``: rows of a spreadsheet -> chronology tables.

Pure: it takes text and options and returns an ``Imported``: the tables to write, the rows it
could not read (with their line, column and reason), the rows it left out on purpose and what it
changed; the command decides whether to skip bad rows (``--skip-bad``) or to write nothing. Real
tables are the design target: R's ``NA``, "still in force" sentinels, zero days, split date
columns and the TimelineJS spreadsheet template all come in without hand-cleaning.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from chrono.dates.edtf import DateSpan, PartialDate, make_span
from chrono.errors import DateError, UsageError
from chrono.importers.common import (
    LIST_KEYS,
    OPEN_END,
    CellError,
    Imported,
    ImportOptions,
    LeftOut,
    Note,
    Row,
    finish,
    first_words,
    kind_of,
    normalise_id,
    plain_text,
)
from chrono.loading.tables import EVENT_KEYS
from chrono.writing.authoring import slug, split_list

DATE_PART_KEYS = ("year", "month", "day", "end_year", "end_month", "end_day")
MAP_KEYS = (*EVENT_KEYS, *DATE_PART_KEYS)
# TimelineJS's Google-Sheets template, recognised by these headers (lowercase).
TEMPLATE_HEADERS = frozenset({"year", "month", "day", "headline"})
TEMPLATE_MAP = {
    "year": "Year", "month": "Month", "day": "Day", "end_year": "End Year", "end_month": "End Month",
    "end_day": "End Day", "title": "Headline", "summary": "Text", "kind": "Group",
}  # fmt: skip


def parse_map(spec: str | None, headers: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """``--map date=Start,title=Headline|Name`` -> {key: column positions, first non-empty wins}.

    Unmapped keys use a same-named column; the TimelineJS template is recognised by its header.
    """
    positions: dict[str, int] = {}
    for number, header in enumerate(headers):
        positions.setdefault(header, number)
    for number, header in enumerate(headers):
        positions.setdefault(header.strip().lower(), number)
        positions.setdefault(header.strip().lower().replace(" ", "_"), number)

    def find(column: str) -> int | None:
        for name in (column, column.strip().lower(), column.strip().lower().replace(" ", "_")):
            if name in positions:
                return positions[name]
        return None

    mapping: dict[str, tuple[int, ...]] = {}
    for key in MAP_KEYS:
        found = find(key)
        if found is not None:
            mapping[key] = (found,)
    if {header.strip().lower() for header in headers} >= TEMPLATE_HEADERS:
        for key, column in TEMPLATE_MAP.items():
            found = find(column)
            if found is not None:
                mapping[key] = (found,)
    given: dict[str, tuple[int, ...]] = {}
    for pair in (spec or "").split(","):
        if not pair.strip():
            continue
        key, sep, columns = pair.partition("=")
        key = key.strip()
        if not sep or key not in MAP_KEYS:
            raise UsageError(f"{pair!r}: expected KEY=COLUMN with KEY one of {', '.join(MAP_KEYS)}", option="--map")
        found_all = []
        for column in columns.split("|"):
            found = find(column.strip())
            if found is None:
                raise UsageError(f"no column {column.strip()!r}; the columns are: {', '.join(headers)}", option="--map")
            found_all.append(found)
        given[key] = tuple(found_all)
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


def from_csv(text: str, options: ImportOptions | None = None) -> Imported:
    """Events from CSV text with a header row; unmapped columns go into ``extra``."""
    options = options or ImportOptions()
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        headers = next(reader)
    except StopIteration:
        raise UsageError("the CSV file is empty: it needs a header row") from None
    except csv.Error as exc:
        raise UsageError(f"line 1: {exc}") from None
    mapping = parse_map(options.mapping, headers)
    if ("date" not in mapping and "year" not in mapping) or "title" not in mapping:
        raise UsageError("map a date (or year) and a title column (--map date=COLUMN,title=COLUMN)", option="--map")
    template = {header.strip().lower() for header in headers} >= TEMPLATE_HEADERS
    if "kind" not in mapping and options.kind is None and not template:
        raise UsageError("map a kind column (--map kind=COLUMN) or give every row one with --kind", option="--map")
    reading = _Reader(headers, mapping, options)
    result = Imported()
    rows: list[Row] = []
    line = reader.line_num + 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                result.read += 1
                try:
                    rows.append(reading.row(line, values))
                except CellError as exc:
                    result.bad.append(Note(line, exc.col + 1, f"{reading.label(exc.col)}: {exc}"))
                except LeftOut as exc:
                    result.left_out.append(Note(line, 1, str(exc)))
            line = reader.line_num + 1
    except csv.Error as exc:
        result.read += 1
        result.bad.append(Note(reader.line_num, 1, str(exc)))
    result.changed.extend(reading.changed)
    result.kindless = reading.kindless
    finish(result, rows, options)
    return result


class _Reader:
    """Turns one CSV row into a Row, with the column map and options resolved once."""

    def __init__(self, headers: Sequence[str], mapping: dict[str, tuple[int, ...]], options: ImportOptions) -> None:
        self.headers = list(headers)
        self.mapping = mapping
        self.options = options
        self.nulls = frozenset(("", *options.nulls))
        self.open_ends = frozenset((OPEN_END, *options.open_ends))
        used = {col for cols in mapping.values() for col in cols}
        lower = [header.strip().lower() for header in headers]
        self.template_type = (
            lower.index("type")
            if set(lower) >= TEMPLATE_HEADERS and "type" in lower and lower.index("type") not in used
            else None
        )
        if self.template_type is not None:
            used.add(self.template_type)
        self.extra_columns = _extra_names(headers, used)
        self.changed: list[Note] = []
        self.kindless = 0
        self.kinds_told: set[str] = set()  # kinds whose rewriting was already reported

    def label(self, col: int) -> str:
        """How an error names a column: by its header."""
        header = self.headers[col] if col < len(self.headers) else ""
        return f"column {header!r}" if header else f"column {col + 1}"

    def cell(self, values: Sequence[str], col: int) -> str:
        """The cell's text, or '' when it is empty or one of the null values."""
        value = values[col].strip() if col < len(values) else ""
        return "" if value in self.nulls else value

    def first(self, values: Sequence[str], key: str) -> tuple[str, int]:
        """The first non-missing cell among the key's columns, and its column (or the first one).

        For a date, an all-zero date (0000-00-00) is missing too, so ``date=Date|Year`` falls back.
        """
        from chrono.importers.cells import is_no_date

        cols = self.mapping.get(key, ())
        nothing = ""
        for col in cols:
            value = self.cell(values, col)
            if value and key in ("date", "end") and is_no_date(value):
                nothing = nothing or value
            elif value:
                return value, col
        return nothing, cols[0] if cols else 0

    def row(self, line: int, values: Sequence[str]) -> Row:
        """One row as a Row; CellError names the cell at fault, LeftOut a row that is no event."""
        slide_type = self.cell(values, self.template_type).lower() if self.template_type is not None else ""
        title, title_col = self.first(values, "title")
        if slide_type == "title":
            raise LeftOut(f"the title slide {title!r}: a timeline's title, not an event")
        table: dict[str, Any] = {}
        if self.template_type is not None:  # the TimelineJS template holds HTML
            title = plain_text(title, keep_breaks=False)
        span = self._span(values)
        summary, _ = self.first(values, "summary")
        if self.template_type is not None:
            summary = plain_text(summary)
            title = title or first_words(summary)
        if not title:
            raise CellError(title_col, "no title (the cell is empty or a null value)")
        given_kind, kind_col = self.first(values, "kind")
        kind = "era" if slide_type == "era" else given_kind or self.options.kind or "event"
        ident, id_col = self.first(values, "id")
        if ident:
            table["id"] = normalise_id(ident)
            if not table["id"]:
                del table["id"]
                self.changed.append(Note(line, id_col + 1, f"id {ident!r} has no letters or digits; generated one"))
            elif table["id"] != ident:
                self.changed.append(Note(line, id_col + 1, f"id {ident!r} written as {table['id']!r}"))
        table["kind"] = kind_of(kind) or "event"
        if table["kind"] != kind.lower() and kind.lower() not in self.kinds_told:  # once per kind; case is no news
            self.kinds_told.add(kind.lower())
            message = f"kind {kind!r} written as {table['kind']!r} (on every row with it)"
            origin = (line, kind_col + 1, "") if given_kind else (line, 1, "--kind")
            self.changed.append(Note(origin[0], origin[1], message, origin[2]))
        if "kind" in self.mapping and not given_kind and slide_type != "era" and self.options.kind is None:
            self.kindless += 1
        table["title"] = title
        for key in ("place", "note"):
            table[key] = self.first(values, key)[0]
        table["summary"] = summary
        for key in LIST_KEYS:
            table[key] = split_list(self.first(values, key)[0])
        for key in ("sources", "related"):
            table[key] = [ref for ref in map(normalise_id, table[key]) if ref]
        extra = self._extra(values)
        if extra:
            table["extra"] = extra
        return Row(line, span, table, id_col)

    def _span(self, values: Sequence[str]) -> DateSpan:
        from chrono.importers.cells import is_no_date, read_cell

        if "date" in self.mapping:
            text, col = self.first(values, "date")
            if not text or is_no_date(text):
                raise CellError(col, f"no date ({text!r})" if text else "no date (the cell is empty or a null value)")
            try:
                span = read_cell(text)
            except DateError as exc:
                raise CellError(col, str(exc)) from None
        else:
            start = self._parts(values, "year", "month", "day")
            if start is None:
                raise CellError(self.mapping["year"][0], "no year (the cell is empty or a null value)")
            span = DateSpan(start)
        end_col = self.mapping.get("end", self.mapping.get("end_year", (0,)))[0]
        end, open_end = self._end(values)
        if open_end or end is not None:
            if span.end is not None or span.open_end:
                raise CellError(end_col, f"the date {span.edtf!r} already has an end")
            if open_end:
                return DateSpan(span.start, open_end=True)
            assert end is not None
            span = DateSpan(span.start, end)
        if span.end is not None and span.end.edtf == span.start.edtf:
            return DateSpan(span.start)  # 2019-04-25/2019-04-25 is one day
        if span.end is not None:
            try:
                return make_span(span.start, span.end)
            except DateError as exc:
                raise CellError(end_col, str(exc)) from None
        return span

    def _end(self, values: Sequence[str]) -> tuple[PartialDate | None, bool]:
        from chrono.importers.cells import is_no_date, read_cell

        if "end" not in self.mapping:
            return (
                (self._parts(values, "end_year", "end_month", "end_day"), False)
                if "end_year" in self.mapping
                else (None, False)
            )
        text, col = self.first(values, "end")
        if text in self.open_ends:
            return None, True
        if not text or is_no_date(text):
            return None, False
        try:
            end = read_cell(text)
        except DateError as exc:
            raise CellError(col, str(exc)) from None
        if end.end is not None or end.open_end:
            raise CellError(col, f"{text!r} is an interval; an end is one date")
        return end.start, False

    def _parts(self, values: Sequence[str], *keys: str) -> PartialDate | None:
        """A date from split year, month and day columns (a zero month or day is unknown)."""
        parts: list[int] = []
        for key in keys:
            if key not in self.mapping or len(parts) < keys.index(key):
                break
            text, col = self.first(values, key)
            if not text:
                break
            try:
                number = int(float(text)) if re.fullmatch(r"-?\d+(\.0*)?", text) else int(text)
            except ValueError:
                raise CellError(
                    col, f"{text!r} is not a number: a {key.rsplit('_', 1)[-1]} column holds numbers"
                ) from None
            if key.endswith("year") and not 1 <= number <= 9999:
                raise LeftOut(f"the year {number} is outside 0001-9999, the years chrono can hold")
            if number == 0 and not key.endswith("year"):
                break
            parts.append(number)
        if not parts:
            return None
        return _compose(parts, self.mapping[keys[len(parts) - 1]][0])

    def _extra(self, values: Sequence[str]) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        mapped_text, _ = self.first(values, "extra")
        if mapped_text:
            try:
                parsed = json.loads(mapped_text)
            except (ValueError, RecursionError):  # nested too deeply for the decoder: kept as text
                parsed = {"extra": mapped_text}
            extra = parsed if isinstance(parsed, dict) else {"extra": parsed}  # JSON nulls: left out on writing
        for col, name in self.extra_columns:
            value = self.cell(values, col)
            if value:
                extra[name] = value
        return extra


def _compose(parts: list[int], col: int) -> PartialDate:
    from chrono.dates.edtf import parse_date

    text = f"{parts[0]:04d}" + "".join(f"-{part:02d}" for part in parts[1:])
    try:
        return parse_date(text)
    except DateError as exc:
        raise CellError(col, str(exc)) from None


def _extra_names(headers: Sequence[str], used: set[int]) -> list[tuple[int, str]]:
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
