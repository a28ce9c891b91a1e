"""The event table drawn on a terminal; dataset text goes in as plain Text, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.table import Table
from rich.text import Text

from chrono.dates import DateSpan
from chrono.escape import visible
from chrono.model import Chronology, Event
from chrono.render.terminal import kind_style


def date_cell(when: DateSpan, juche: bool = False) -> Text:
    """A span's date on two lines (start, then end), so the column stays narrow but whole."""
    if juche:
        from chrono.juche import date_text

        start, end = date_text(when.start), date_text(when.end) if when.end and not when.single else None
    else:
        start, end = when.start.edtf, when.end.edtf if when.end and not when.single else None
    if when.open_end:
        return Text(f"{start} →\n(ongoing)")
    if end is not None:
        return Text(f"{start} →\n{end}")
    return Text(start)


def event_table(events: Iterable[Event], chronology: Chronology, width: int, juche: bool = False) -> Table:
    """Date, id, kind and title (and place when there is room); dates and ids are never cut."""
    wide = width >= 140
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("Date", no_wrap=True, style="bold")
    table.add_column("ID", no_wrap=True, style="dim")
    table.add_column("Kind", overflow="fold")
    table.add_column("Title", overflow="fold", ratio=3)
    if wide:
        table.add_column("Place", overflow="fold", ratio=1)
    for event in events:
        row = [
            date_cell(event.when, juche),
            Text(event.id),
            Text(event.kind, style=kind_style(event.kind)),
            Text(visible(event.title)),
        ]
        if wide:
            row.append(Text(visible(event.place or "")))
        table.add_row(*row)
    return table


def field_table(events: Iterable[Event], chronology: Chronology, fields: tuple[str, ...], juche: bool = False) -> Table:
    """A table of the ``--fields`` asked for, in that order; the date drawn as in ``event_table``,
    lists joined with '; ', ``extra`` as JSON, and ids never cut."""
    from chrono.render.plain import LIST_SEPARATOR
    from chrono.render.records import field_value

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    for name in fields:
        fixed = name in ("date", "id", "start", "end")
        table.add_column(name, no_wrap=fixed, overflow="fold", style="bold" if name == "date" else "")
    for event in events:
        row = []
        for name in fields:
            if name == "date":
                row.append(date_cell(event.when, juche))
                continue
            value = field_value(event, chronology, name)
            if name == "kind":
                row.append(Text(visible(event.kind), style=kind_style(event.kind)))
            else:
                row.append(Text(visible(_text(value, LIST_SEPARATOR))))
        table.add_row(*row)
    return table


def _text(value: object, separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return separator.join(_text(item, separator) for item in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, default=str)
    return value if isinstance(value, str) else str(value)
