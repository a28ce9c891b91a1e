"""Line formats for pipes: TSV, CSV and ids, one event per line (CSV: per record)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from chrono.escape import csv_text, tsv
from chrono.model import Chronology, Event
from chrono.questions.timeline import default_line
from chrono.render.jsonout import strict_json
from chrono.render.records import DEFAULT_FIELDS, record

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
        return escape(strict_json(value, default=str, sort_keys=True))
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


def csv_lines(events: Iterable[Event], chronology: Chronology, fields: tuple[str, ...]) -> Iterator[str]:
    """RFC 4180 CSV (CRLF line ends, a header row), one record at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for event in events:
        values = record(event, chronology, fields)
        writer.writerow([csv_value(values[name]) for name in fields])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def id_lines(events: Iterable[Event]) -> Iterator[str]:
    """One id per line, for xargs."""
    for event in events:
        yield event.id + "\n"
