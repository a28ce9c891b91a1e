"""Line formats for pipes: TSV, CSV and ids, one event per line (CSV: per record)."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from chrono.escape import compact_json, csv_text, iso_default, tsv
from chrono.questions.timeline import default_line
from chrono.render.records import DEFAULT_FIELDS, record

if TYPE_CHECKING:
    from chrono.model import Chronology, Event
    from chrono.render.views import AnniversariesAnswer, BetweenAnswer, ListAnswer, Look

LIST_SEPARATOR = "; "


def _cell(value: Any, escape: Callable[[str], str]) -> str:
    """One field as text: None empty, booleans as true/false, lists joined with '; ', tables as
    compact JSON, all text passed through ``escape``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item, escape) for item in value)
    if isinstance(value, dict):
        return escape(compact_json(value))
    if not isinstance(value, str) and callable(getattr(value, "isoformat", None)):
        return escape(iso_default(value))  # a TOML datetime in extra: 2001-01-01T10:00:00+02:00
    return escape(value if isinstance(value, str) else str(value))


def tsv_value(value: Any) -> str:
    """One TSV field, escaped reversibly (see ``escape.tsv``)."""
    return _cell(value, tsv)


def tsv_lines(
    events: Iterable[Event], chronology: Chronology, fields: tuple[str, ...], header: bool = False
) -> Iterator[str]:
    """TSV lines, each ending in a newline; a header row only when asked."""
    if header:
        yield "\t".join(fields) + "\n"
    if fields == DEFAULT_FIELDS:
        yield from map(default_line, events)
        return
    for event in events:
        values = record(event, chronology, fields)
        yield "\t".join(tsv_value(values[name]) for name in fields) + "\n"


def csv_value(value: Any) -> str:
    """One CSV field: like TSV, but tabs and newlines kept (CSV quotes them)."""
    return _cell(value, csv_text)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: one that starts with ``=``, ``+``, ``-`` or ``@``
    (a formula: ``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``), or with a tab or carriage
    return, gets a leading ``'``; a plain number (``-5``, ``+1.5e3``) is left as it is."""
    if cell[:1] in _FORMULA_STARTS and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


_FORMULA_STARTS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_lines(
    events: Iterable[Event], chronology: Chronology, fields: tuple[str, ...], *, safe: bool = False
) -> Iterator[str]:
    """RFC 4180 CSV (CRLF line ends, a header row), one record at a time; ``safe``: every cell
    through ``spreadsheet_safe``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(name) for name in fields] if safe else fields)
    for event in events:
        values = record(event, chronology, fields)
        cells = [csv_value(values[name]) for name in fields]
        writer.writerow([spreadsheet_safe(cell) for cell in cells] if safe else cells)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def id_lines(events: Iterable[Event]) -> Iterator[str]:
    """One id per line, for xargs."""
    for event in events:
        yield event.id + "\n"


# The renderers of the format registry (chrono.render.formats) that write plain lines.


def list_tsv(answer: ListAnswer, look: Look) -> Iterator[str] | Iterator[bytes]:
    """``list --format tsv``; the default fields come as bytes straight from the timeline."""
    fields = answer.fields or DEFAULT_FIELDS
    if fields == DEFAULT_FIELDS:  # the commonest case: lines as bytes
        heading = [("\t".join(DEFAULT_FIELDS) + "\n").encode()] if answer.header else []
        return itertools.chain(heading, answer.timeline.default_lines(answer.query))
    events = answer.timeline.select(answer.query)
    return tsv_lines(events, answer.timeline.chronology, fields, answer.header)


def list_csv(answer: ListAnswer, look: Look) -> Iterator[str]:
    """``list --format csv``."""
    events = answer.timeline.select(answer.query)
    return csv_lines(events, answer.timeline.chronology, answer.fields or DEFAULT_FIELDS)


def list_csv_safe(answer: ListAnswer, look: Look) -> Iterator[str]:
    """``list --format csv-safe``: csv with formula cells defused for spreadsheets."""
    events = answer.timeline.select(answer.query)
    return csv_lines(events, answer.timeline.chronology, answer.fields or DEFAULT_FIELDS, safe=True)


def list_ids(answer: ListAnswer, look: Look) -> Iterator[str]:
    """``list --format ids``."""
    return id_lines(answer.timeline.select(answer.query))


def anniversaries_tsv(answer: AnniversariesAnswer, look: Look) -> Iterator[str]:
    """``anniversaries --format tsv``: label, years, id, title."""
    for a in answer.found:
        yield f"{a.label}\t{a.years}\t{a.event.id}\t{tsv(a.event.title)}\n"


def between_text(answer: BetweenAnswer, look: Look) -> Iterator[str]:
    """``between``: the interval in words, or one number (or MIN..MAX) with ``--unit``."""
    yield (answer.words if answer.in_unit is None else answer.in_unit) + "\n"
