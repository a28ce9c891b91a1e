"""The event table of ``chrono list`` on a terminal, drawn row by row (see ``columns``).

Dates and ids are never cut; a kind folds only on a narrow terminal; the title takes what is
left, and a place column appears when the terminal is wide. Dataset text goes through
``visible``, so markup in it is printed as written and control characters never reach the
terminal raw.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from chrono.dates.edtf import DateSpan
from chrono.escape import visible
from chrono.model import Chronology, Event
from chrono.render.columns import Cell, Column, Styled, header_lines, row_lines, share, widest
from chrono.render.palette import kind_style

MIN_TITLE = 12
WIDE = 140  # from this width on, a place column


def date_lines(when: DateSpan, juche: bool = False) -> tuple[str, ...]:
    """A span's date on one or two lines (start, then end), so the column stays narrow but whole."""
    if juche:
        from chrono.dates.juche import date_text

        start, end = date_text(when.start), date_text(when.end) if when.end and not when.single else None
    else:
        start, end = when.start.edtf, when.end.edtf if when.end and not when.single else None
    if when.open_end:
        return (f"{start} →", "(ongoing)")
    if end is not None:
        return (f"{start} →", end)
    return (start,)


def columns(events: Sequence[Event], width: int, juche: bool = False) -> list[Column]:
    """Widths from the data: dates, ids and kinds whole; the title (and place) get what is left."""
    date = widest({line for event in events for line in date_lines(event.when, juche)}, "Date")
    ident = widest({visible(event.id) for event in events}, "ID")
    kind = widest({visible(event.kind) for event in events}, "Kind")
    title = share((date, ident, kind), width, 0)
    if title < MIN_TITLE:  # a narrow terminal: kinds fold before titles get unreadable
        kind = max(len("Kind"), kind - (MIN_TITLE - title))
        title = share((date, ident, kind), width, MIN_TITLE)
    shown = [
        Column("Date", date, style="bold"),
        Column("ID", ident, style="dim"),
        Column("Kind", kind, fold=True),
        Column("Title", title, fold=True),
    ]
    if width >= WIDE:  # a quarter of the text for the place
        place = max(len("Place"), (title - 3) // 4)
        shown[3] = Column("Title", title - place - 3, fold=True)
        shown.append(Column("Place", place, fold=True))
    return shown


def table_lines(events: Sequence[Event], width: int, colour: bool, juche: bool = False) -> Iterator[str]:
    """The whole table, line by line: the header at once, then each row as it is drawn."""
    shape = columns(events, width, juche)
    yield from header_lines(shape, colour)
    for event in events:
        yield from row(event, shape, colour, juche)


def row(event: Event, shape: Sequence[Column], colour: bool, juche: bool = False) -> Iterator[str]:
    """One event's lines: date, id and kind on the first, the title folded across as many as it needs."""
    cells: list[Cell] = [
        date_lines(event.when, juche),
        visible(event.id),
        Styled(visible(event.kind), kind_style(event.kind)),
        visible(event.title),
    ]
    if len(shape) > 4:
        cells.append(visible(event.place or ""))
    return row_lines(shape, cells, colour)


FIXED_FIELDS = ("date", "id", "start", "end")


def field_lines(
    events: Sequence[Event],
    chronology: Chronology,
    fields: Sequence[str],
    width: int,
    colour: bool,
    juche: bool = False,
) -> Iterator[str]:
    """A table of the ``--fields`` asked for, in that order: the date drawn as in the event table,
    lists joined with '; ', ``extra`` as JSON; dates and ids never cut, other columns folded to
    share what the terminal has left."""
    from chrono.render.records import field_value

    rows: list[list[Cell]] = []
    for event in events:
        row: list[Cell] = []
        for name in fields:
            if name == "date":
                row.append(date_lines(event.when, juche))
            elif name == "kind":
                row.append(Styled(visible(event.kind), kind_style(event.kind)))
            else:
                row.append(visible(_text(field_value(event, chronology, name))))
        rows.append(row)
    shape = _field_columns(fields, rows, width)
    yield from header_lines(shape, colour)
    for row in rows:
        yield from row_lines(shape, row, colour)


def _field_columns(fields: Sequence[str], rows: Sequence[Sequence[Cell]], width: int) -> list[Column]:
    natural = []
    for index, name in enumerate(fields):
        cells = [row[index] for row in rows]
        texts = {line for cell in cells for line in (cell if isinstance(cell, tuple) else (_plain(cell),))}
        natural.append(widest(texts, name))
    folding = [index for index, name in enumerate(fields) if name not in FIXED_FIELDS]
    room = width - sum(natural[i] for i in range(len(fields)) if i not in folding) - 3 * (len(fields) - 1)
    wanted = sum(natural[i] for i in folding)
    widths = list(natural)
    if folding and wanted > room:  # narrow columns keep their width; the wide ones share the rest
        pending = sorted(folding, key=lambda i: natural[i])
        while pending:
            fair = room // len(pending)
            if natural[pending[0]] > fair:
                for i in pending:
                    widths[i] = max(8, fair)
                break
            first = pending.pop(0)
            room -= natural[first]
    return [
        Column(name, widths[i], fold=i in folding, style="bold" if name == "date" else "")
        for i, name in enumerate(fields)
    ]


def _plain(cell: Cell) -> str:
    return cell.text if isinstance(cell, Styled) else cell if isinstance(cell, str) else ""


def _text(value: object) -> str:
    from chrono.render.plain import LIST_SEPARATOR

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_text(item) for item in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, default=str)
    return value if isinstance(value, str) else str(value)
