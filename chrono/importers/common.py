"""What an import produces, and the finishing steps the CSV and TimelineJS readers share.

Pure: the readers (:mod:`chrono.importers.csv_table` for CSV, :mod:`chrono.importers.timelinejs` for TimelineJS)
turn rows or slides into ``Row`` values; ``finish`` gives ids, writes dates and cites the source.
``Imported`` keeps an account of every row read (written, left out, skipped) so the command can
show that nothing was dropped silently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from chrono.dates.days import year_of
from chrono.dates.edtf import DateSpan
from chrono.importers.dateforms import DateRules
from chrono.loading.tables import EVENT_KEYS, ID_RE, KIND_RE
from chrono.writing.authoring import make_id, normalise_id, slug
from chrono.writing.tomltext import date_value

LIST_KEYS = ("actors", "tags", "sources", "related")
TEXT_KEYS = ("title", "place", "summary", "note")
# What tools write for "no value": R and pandas (NA, NaN, <NA>, None), spreadsheets (#N/A),
# databases (NULL), people (n/a). pandas' read_csv default set without its float spellings.
DEFAULT_NULLS = ("NA", "N/A", "n/a", "#N/A", "#N/A N/A", "#NA", "<NA>", "NULL", "null", "NaN", "nan", "None")
OPEN_END = ".."
FAR_FUTURE_YEAR = 2200
TITLE_WORDS = 8
_TAG_RE = re.compile(r"<[^>]*>")
_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_RE = re.compile(r"</?(?:p|div|blockquote|li|ul|ol|h[1-6])(?:\s[^>]*)?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CitedSource:
    """``--source ID --source-title T``: one source cited on every imported event."""

    id: str
    title: str
    url: str | None = None
    publisher: str | None = None

    def table(self) -> dict[str, Any]:
        """The ``[[source]]`` table."""
        fields = {"id": self.id, "title": self.title, "publisher": self.publisher, "url": self.url}
        return {key: value for key, value in fields.items() if value}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How rows become events: the column map, defaults and what counts as missing."""

    mapping: str | None = None
    kind: str | None = None
    nulls: tuple[str, ...] = DEFAULT_NULLS
    open_ends: tuple[str, ...] = ()
    id_prefix: str = ""
    source: CitedSource | None = None
    rules: DateRules = field(default_factory=DateRules)
    keep_bad_end: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """A row (CSV line and 1-based column) or an item (``where``: 'event 3') and what about it."""

    line: int
    col: int
    message: str
    where: str = ""


@dataclass(slots=True)
class Imported:
    """What an import produced, and an account of every row or slide it read."""

    events: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    bad: list[Note] = field(default_factory=list)  # could not be read: an error unless --skip-bad
    left_out: list[Note] = field(default_factory=list)  # read, and not an event by design
    changed: list[Note] = field(default_factory=list)  # imported, with a value changed
    read: int = 0  # rows or items read: events + bad + left_out
    far_ends: dict[str, int] = field(default_factory=dict)  # end values after FAR_FUTURE_YEAR
    kindless: int = 0  # rows whose kind cell was missing, given kind 'event' (no --kind given)


class CellError(ValueError):
    """A row that cannot be read, located at one of its cells (a 0-based column index)."""

    def __init__(self, col: int, message: str) -> None:
        super().__init__(message)
        self.col = col


class LeftOut(ValueError):
    """A row or slide that is not an event by design (a title slide, a year chrono cannot hold)."""


@dataclass(slots=True)
class Row:
    """One event read from a row or slide, before ids are given and dates are written."""

    line: int
    span: DateSpan
    table: dict[str, Any]
    id_col: int = 0
    where: str = ""


def kind_of(text: str) -> str:
    """A kind cell in chrono's kind form ('Exchange of Notes' -> 'exchange-of-notes'); '' if none.

    A kind starts with a letter, so one that would not ('2012', '1st') gets a 'kind-' in front.
    """
    if KIND_RE.fullmatch(text):
        return text
    words = slug(text)
    return words if not words or KIND_RE.fullmatch(words) else f"kind-{words}"


def plain_text(markup: Any, *, keep_breaks: bool = True) -> str:
    """HTML as text: paragraphs separated by a blank line and <br> kept as a line break."""
    text = _BLOCK_RE.sub("\n\n", _BREAK_RE.sub("\n", str(markup or "")))
    text = html.unescape(_TAG_RE.sub("", text))
    if not keep_breaks:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def first_words(text: str, count: int = TITLE_WORDS) -> str:
    """A title for a slide without a headline: the first words of its text."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def finish(result: Imported, rows: list[Row], options: ImportOptions) -> None:
    """Give ids (unique, prefixed when asked), write dates, cite the source, keep only what loads."""
    taken: dict[str, Row] = {}
    kept: list[Row] = []
    for row in rows:
        ident = row.table.get("id")
        if ident and not ID_RE.fullmatch(str(ident)):
            _reject(result, row, f"id {ident!r} is not a valid id (lowercase letters, digits and '-')")
        elif ident and ident in taken:
            first = taken[str(ident)]
            _reject(result, row, f"id {ident!r} is already the id of {first.where or f'line {first.line}'}")
        else:
            if ident:
                taken[str(ident)] = row
            kept.append(row)
    prefix = normalise_id(options.id_prefix)
    if prefix:  # ids from a column are prefixed too, and so are the references to them
        for row in kept:
            for key, value in (("id", row.table.get("id")), ("related", row.table.get("related"))):
                if isinstance(value, str) and value:
                    row.table[key] = f"{prefix}-{value}"
                elif isinstance(value, list):
                    row.table[key] = [f"{prefix}-{ref}" for ref in value]
    taken_ids = {str(row.table["id"]) for row in kept if row.table.get("id")}
    for row in kept:
        table = row.table
        if not table.get("id"):
            table["id"] = make_id(row.span, str(table["title"]), taken_ids, prefix)
        _write_dates(result, row)
        if options.source is not None and options.source.id not in table.get("sources", []):
            table["sources"] = [*table.get("sources", []), options.source.id]
        _tidy(table)
    known = {str(row.table["id"]) for row in kept}
    events = []
    for row in kept:
        missing = [ref for ref in row.table.get("related", []) if ref not in known]
        if missing:
            _reject(result, row, f"related: no event with id {', '.join(map(repr, missing))}")
        else:
            events.append(row.table)
    result.events = events
    declared = {str(source.get("id")) for source in result.sources}
    if options.source is not None and options.source.id not in declared:
        result.sources.insert(0, options.source.table())
        declared.add(options.source.id)
    wanted = sorted({ref for table in events for ref in table.get("sources", [])} - declared)
    result.sources.extend({"id": ref, "title": ref} for ref in wanted)
    result.bad.sort(key=lambda note: (note.line, note.col))


def _reject(result: Imported, row: Row, message: str) -> None:
    result.bad.append(Note(row.line, row.id_col + 1, message, row.where))


def _write_dates(result: Imported, row: Row) -> None:
    span, table = row.span, row.table
    if span.end is not None:
        table["date"] = date_value(span.start.edtf)
        table["end"] = date_value(span.end.edtf)
        if year_of(span.end.lower) > FAR_FUTURE_YEAR:
            result.far_ends[span.end.edtf] = result.far_ends.get(span.end.edtf, 0) + 1
    else:
        table["date"] = date_value(span.edtf)


def _tidy(table: dict[str, Any]) -> None:
    """Drop empty values and put the keys in chrono's order."""
    for key in (*TEXT_KEYS, *LIST_KEYS):
        if key in table and not table[key]:
            del table[key]
    order = {key: index for index, key in enumerate(EVENT_KEYS)}
    items = sorted(table.items(), key=lambda item: order.get(item[0], len(order)))
    table.clear()
    table.update(items)
