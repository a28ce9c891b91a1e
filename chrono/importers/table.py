"""Rows of cells under a header -> chronology tables: what CSV, JSON, JSON Lines and YAML share.

Pure: it takes a header, rows of text cells and options, and returns an ``Imported``: the tables
to write, the rows it could not read (with their line, column and reason), the rows it left out on
purpose and what it changed; the command decides whether to skip bad rows (``--skip-bad``) or to
write nothing. Real tables are the design target: R's ``NA``, "still in force" sentinels, zero
days, split date columns with month names, and the TimelineJS spreadsheet template all come in
without hand-cleaning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from chrono.dates.days import MAX_ABS_YEAR
from chrono.dates.days import year_text as edtf_year
from chrono.dates.edtf import DateSpan, PartialDate, make_span, parse_date
from chrono.dates.months import month_number
from chrono.errors import DateError, UsageError
from chrono.importers.cells import is_no_date, read_cell
from chrono.importers.columns import TEMPLATE_HEADERS, Mapping, extra_names, parse_map, type_numbers
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
    plain_text,
)
from chrono.importers.dateforms import DateOrder, implied_order
from chrono.writing.authoring import normalise_id, split_list

_WHOLE_RE = re.compile(r"[-+]?\d+(?:\.0*)?")
_YEAR_FORMS = "a year column holds a number, or a written year ('c. 1948', '1970s') when month and day are empty"


class RowsEnded(ValueError):
    """The rows cannot be read further (a CSV quoting error): the rest of the file is one bad row."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class BadRow(NamedTuple):
    """In place of a row's cells: the row cannot be read (not CSV), and why; it is one bad row."""

    message: str


TableRows = Iterable[tuple[int, Sequence[str], str]]  # (line, cells or a BadRow, where: '' or 'item 3')


def read_table(headers: Sequence[str], rows: TableRows, options: ImportOptions, what: str) -> Imported:
    """Events from rows under ``headers``; unmapped columns go into ``extra`` (numbers typed)."""
    mapping = parse_map(options.mapping, headers, what)
    if ("date" not in mapping and "year" not in mapping) or "title" not in mapping:
        raise UsageError("map a date (or year) and a title column (--map date=COLUMN,title=COLUMN)", option="--map")
    template = {header.strip().lower() for header in headers} >= TEMPLATE_HEADERS
    if "kind" not in mapping and options.kind is None and not template:
        raise UsageError("map a kind column (--map kind=COLUMN) or give every row one with --kind", option="--map")
    reading = TableReader(headers, mapping, options)
    result = Imported()
    kept: list[Row] = []
    try:
        for line, values, where in rows:
            result.read += 1
            if isinstance(values, BadRow):
                result.bad.append(Note(line, 1, values.message, where))
                continue
            try:
                kept.append(reading.row(line, values, where))
            except CellError as exc:
                result.bad.append(Note(line, exc.col + 1, f"{reading.label(exc.col)}: {exc}", where))
            except LeftOut as exc:
                result.left_out.append(Note(line, 1, str(exc), where))
    except RowsEnded as exc:
        result.read += 1
        result.bad.append(Note(exc.line, 1, str(exc)))
    reading.check_orders()
    type_numbers([row.table["extra"] for row in kept if "extra" in row.table], [n for _, n in reading.extra_columns])
    result.changed.extend(reading.changed)
    result.kindless = reading.kindless
    finish(result, kept, options)
    return result


class TableReader:
    """Turns one row into a Row, with the column map and options resolved once."""

    def __init__(self, headers: Sequence[str], mapping: Mapping, options: ImportOptions) -> None:
        self.headers = list(headers)
        self.mapping = mapping
        self.options = options
        self.nulls = frozenset(("", *options.nulls))
        self.open_ends = frozenset((OPEN_END, *options.open_ends))
        used = {part for sources in mapping.values() for s in sources for part in s.parts if isinstance(part, int)}
        lower = [header.strip().lower() for header in headers]
        self.template_type = (
            lower.index("type")
            if set(lower) >= TEMPLATE_HEADERS and "type" in lower and lower.index("type") not in used
            else None
        )
        if self.template_type is not None:
            used.add(self.template_type)
        self.extra_columns = extra_names(headers, used)
        self.changed: list[Note] = []
        self.kindless = 0
        self.kinds_told: set[str] = set()  # kinds whose rewriting was already reported
        self.orders: dict[int, dict[DateOrder, tuple[int, str]]] = {}  # column -> orders that read it

    def label(self, col: int) -> str:
        """How an error names a column: by its header."""
        header = self.headers[col] if col < len(self.headers) else ""
        return f"column {header!r}" if header else f"column {col + 1}"

    def cell(self, values: Sequence[str], col: int) -> str:
        """The cell's text, or '' when it is empty or one of the null values."""
        value = values[col].strip() if col < len(values) else ""
        return "" if value in self.nulls else value

    def first(self, values: Sequence[str], key: str) -> tuple[str, int]:
        """The first non-missing value among the key's sources, and its column (or the first one).

        For a date, an all-zero date (0000-00-00) is missing too, so ``date=Date|Year`` falls back.
        """
        sources = self.mapping.get(key, ())
        nothing = ""
        for source in sources:
            value = source.value(lambda col: self.cell(values, col))
            if value and key in ("date", "end") and is_no_date(value):
                nothing = nothing or value
            elif value:
                return value, source.col
        return nothing, sources[0].col if sources else 0

    def row(self, line: int, values: Sequence[str], where: str = "") -> Row:
        """One row as a Row; CellError names the cell at fault, LeftOut a row that is no event."""
        slide_type = self.cell(values, self.template_type).lower() if self.template_type is not None else ""
        title, title_col = self.first(values, "title")
        if slide_type == "title":
            raise LeftOut(f"the title slide {title!r}: a timeline's title, not an event")
        table: dict[str, Any] = {}
        if self.template_type is not None:  # the TimelineJS template holds HTML
            title = plain_text(title, keep_breaks=False)
        span = self._span(line, values, where)
        summary, _ = self.first(values, "summary")
        if self.template_type is not None:
            summary = plain_text(summary)
            title = title or first_words(summary)
        if not title:
            raise CellError(title_col, "no title (the cell is empty or a null value)")
        self._id(table, line, values, where)
        self._kind(table, line, values, slide_type, where)
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
        return Row(line, span, table, self.first(values, "id")[1], where)

    def _id(self, table: dict[str, Any], line: int, values: Sequence[str], where: str) -> None:
        ident, id_col = self.first(values, "id")
        if ident:
            table["id"] = normalise_id(ident)
            if not table["id"]:
                del table["id"]
                message = f"id {ident!r} has no letters or digits; generated one"
                self.changed.append(Note(line, id_col + 1, message, where))
            elif table["id"] != ident:
                self.changed.append(Note(line, id_col + 1, f"id {ident!r} written as {table['id']!r}", where))

    def _kind(self, table: dict[str, Any], line: int, values: Sequence[str], slide_type: str, where: str) -> None:
        given_kind, kind_col = self.first(values, "kind")
        kind = "era" if slide_type == "era" else given_kind or self.options.kind or "event"
        table["kind"] = kind_of(kind) or "event"
        if table["kind"] != kind.lower() and kind.lower() not in self.kinds_told:  # once per kind; case is no news
            self.kinds_told.add(kind.lower())
            message = f"kind {kind!r} written as {table['kind']!r} (on every row with it)"
            origin = (line, kind_col + 1, where) if given_kind else (line, 1, "--kind")
            self.changed.append(Note(origin[0], origin[1], message, origin[2]))
        if "kind" in self.mapping and not given_kind and slide_type != "era" and self.options.kind is None:
            self.kindless += 1

    def _span(self, line: int, values: Sequence[str], where: str) -> DateSpan:
        if "date" in self.mapping:
            text, col = self.first(values, "date")
            if not text or is_no_date(text):
                raise CellError(col, f"no date ({text!r})" if text else "no date (the cell is empty or a null value)")
            span = self._read(text, col, line)
        else:
            parts = self._parts(values, "year", "month", "day")
            if parts is None:
                raise CellError(self.mapping["year"][0].col, "no year (the cell is empty or a null value)")
            span = parts
        end_col = self.mapping.get("end", self.mapping.get("end_year", ()))
        col = end_col[0].col if end_col else 0
        try:
            end, open_end = self._end(values, line)
        except CellError as exc:
            if not self.options.keep_bad_end:
                raise
            text = values[exc.col].strip() if exc.col < len(values) else ""
            message = f"{self.label(exc.col)}: {text!r} is not a date; kept with no end (--keep-bad-end)"
            self.changed.append(Note(line, exc.col + 1, message, where))
            end, open_end = None, False
        if open_end or end is not None:
            if span.end is not None or span.open_end:
                raise CellError(col, f"the date {span.edtf!r} already has an end")
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
                raise CellError(col, str(exc)) from None
        return span

    def _read(self, text: str, col: int, line: int = 0) -> DateSpan:
        try:
            span = read_cell(text, self.options.rules)
        except DateError as exc:
            raise CellError(col, str(exc)) from None
        order = implied_order(" ".join(text.split()), self.options.rules)
        if order is not None:
            self.orders.setdefault(col, {}).setdefault(order, (line, text))
        return span

    def check_orders(self) -> None:
        """Refuse a column whose numeric dates were read month-first in some rows and day-first
        in others (``1/21/77`` and ``21/1/77``): one of them is misread, and only the user knows which."""
        for col, seen in self.orders.items():
            if len(seen) > 1:
                shown = ", ".join(f"{text!r} ({order.value}, line {line})" for order, (line, text) in seen.items())
                raise UsageError(
                    f"{self.label(col)} mixes numeric date orders: {shown}; say which with --date-order mdy|dmy|ymd"
                )

    def _end(self, values: Sequence[str], line: int) -> tuple[PartialDate | None, bool]:
        if "end" not in self.mapping:
            if "end_year" not in self.mapping:
                return None, False
            parts = self._parts(values, "end_year", "end_month", "end_day")
            if parts is not None and (parts.end is not None or parts.open_end):
                raise CellError(self.mapping["end_year"][0].col, f"{parts.edtf!r} is an interval; an end is one date")
            return (parts.start if parts is not None else None), False
        text, col = self.first(values, "end")
        if text in self.open_ends:
            return None, True
        if not text or is_no_date(text):
            return None, False
        end = self._read(text, col, line)
        if end.end is not None or end.open_end:
            raise CellError(col, f"{text!r} is an interval; an end is one date")
        return end.start, False

    def _parts(self, values: Sequence[str], *keys: str) -> DateSpan | None:
        """A date from split year, month and day columns.

        A month or day that is empty, a null or ``0`` is unknown; a month may be a name
        (``February``, ``Feb.``, ``февраля``); a year cell that is not a number (``c. 1948``,
        ``1970s``) is read as a written date when month and day are missing.
        """
        year_text, year_col = self.first(values, keys[0])
        if not year_text:
            return None
        month_text, month_col = self.first(values, keys[1]) if keys[1] in self.mapping else ("", 0)
        day_text, day_col = self.first(values, keys[2]) if keys[2] in self.mapping else ("", 0)
        month = self._number(month_text, month_col, "month")
        day = self._number(day_text, day_col, "day") if month else 0
        if not _WHOLE_RE.fullmatch(year_text):
            if month:
                raise CellError(year_col, f"{year_text!r} is not a year: {_YEAR_FORMS}")
            try:
                return read_cell(year_text, self.options.rules)
            except DateError:
                raise CellError(year_col, f"{year_text!r} is not a year: {_YEAR_FORMS}") from None
        year = int(float(year_text))
        if abs(year) > MAX_ABS_YEAR:
            raise LeftOut(f"the year {year} is past {MAX_ABS_YEAR:,} either side of year 0, the years chrono can hold")
        if abs(year) > 9999 and not month:  # a year past four digits is a whole year (EDTF's Y form)
            return DateSpan(parse_date(f"Y{year}"))
        text = edtf_year(year) + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        try:
            return DateSpan(parse_date(text))
        except DateError as exc:
            raise CellError(day_col if day else month_col if month else year_col, str(exc)) from None

    def _number(self, text: str, col: int, what: str) -> int:
        """A month or day cell as a number; 0 when it is unknown."""
        if not text:
            return 0
        if _WHOLE_RE.fullmatch(text):
            return int(float(text))
        if what == "month":
            number = month_number(text)
            if number is not None:
                return number
            raise CellError(col, f"{text!r} is neither a number nor a month name")
        raise CellError(col, f"{text!r} is not a number: a day column holds numbers")

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
