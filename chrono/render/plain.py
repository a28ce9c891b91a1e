"""Line formats for pipes: TSV, CSV and ids, one event per line (CSV: per record)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from chrono.escape import csv_text, tsv
from chrono.model import Chronology, Event
from chrono.render.records import DEFAULT_FIELDS, record

LIST_SEPARATOR = "; "


def tsv_value(value: Any) -> str:
    """One TSV field: text escaped, lists joined with '; ', tables as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return tsv(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(tsv_value(item) for item in value)
    if isinstance(value, dict):
        return tsv(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True))
    return tsv(str(value))


def default_line(event: Event) -> str:
    """The TSV line of the default fields (date, id, kind, title); ids and kinds need no escaping."""
    return f"{event.when.edtf}\t{event.id}\t{event.kind}\t{tsv(event.title)}\n"


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
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(csv_value(item) for item in value)
    if isinstance(value, dict):
        return csv_text(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True))
    return csv_text(str(value))


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
