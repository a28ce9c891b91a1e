"""The event table of ``chrono list`` on a terminal, drawn row by row (see ``columns``).

The title gets the room. A date, a range included, stays on one line (``span_text``); ids and
kinds stay whole while the title keeps ``TITLE_ROOM`` cells. On a narrower terminal each event
takes two lines: its id goes under its date, shortened around an ellipsis when the column is too
narrow for it (``chrono.render.shorten``: ``chrono show`` finds it by what is shown), and a title
longer than two lines ends in '…'. Text wraps at spaces (and at hyphens in a word longer than
the line). A place column appears when the terminal is wide. Dataset text goes through
``visible``, so markup in it is printed as written and control characters never reach the
terminal raw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from chrono.dates.calendars import date_text
from chrono.dates.edtf import DateSpan
from chrono.escape import visible
from chrono.model import Chronology, Event
from chrono.render.columns import Cell, Column, Styled, clamp, fold, header_lines, row_lines, share, widest
from chrono.render.palette import kind_style

if TYPE_CHECKING:
    from chrono.render.views import ListAnswer, Look

MIN_TITLE = 12
TITLE_ROOM = 40  # below this, ids move under their dates
STACKED_ID = 18  # the width an id gets under its date, when the dates are narrower
WIDE = 140  # from this width on, a place column
ALL_IDS = 20_000  # up to this many events, a shortened id is checked against every id
ARROW = " → "
ONGOING = "ongoing"


def span_text(when: DateSpan, calendar: str = "gregorian") -> str:
    """A date on one line: ``2000-02-09``, ``2000-02-09 → 02-10`` (the end's year left out
    when it is the start's), ``2000-02-09 → 2001-01-03``, or ``2022-02-24 → ongoing``."""
    start = date_text(when.start, calendar)
    end = date_text(when.end, calendar) if when.end and not when.single else None
    if when.open_start:
        return f"…{ARROW}{start}"
    if when.open_end:
        return f"{start}{ARROW}{ONGOING}"
    if end is None:
        return start
    return f"{start}{ARROW}{compact_end(start, end)}"


def compact_end(start: str, end: str) -> str:
    """The end of a range without the year it shares with the start (``2000-02-10`` after
    ``2000-02-09`` is ``02-10``); whole when the years differ or either is a year alone."""
    cut = start.find("-", 1)  # after the year, a BC year's sign aside
    year = start[:cut] if cut > 0 else ""
    rest = end[len(year) + 1 :]
    if year and end.startswith(year + "-") and rest[:2].isdigit():
        return rest
    return end


class Layout(NamedTuple):
    """The columns, whether ids sit under their dates, and the ids shown shortened."""

    columns: list[Column]
    stacked: bool
    short: dict[str, str]


def every_id(events: Sequence[Event]) -> Sequence[str]:
    """The ids a shortened id must not match: every event's, in a chronology of up to
    ``ALL_IDS`` events; beyond, reading them all would cost more than the table (a cache
    decodes events only when asked), so only the listed ones count."""
    return [event.id for event in events] if len(events) <= ALL_IDS else ()


def layout(
    events: Sequence[Event], width: int, calendar: str = "gregorian", every: Callable[[], Sequence[str]] | None = None
) -> Layout:
    """Widths from the data: the title gets what the date, id and kind leave, and when that is
    less than ``TITLE_ROOM`` the ids go under their dates (shortened to fit)."""
    date = widest({span_text(event.when, calendar) for event in events}, "Date")
    ident = widest({visible(event.id) for event in events}, "ID")
    kind = widest({visible(event.kind) for event in events}, "Kind")
    title = width - date - ident - kind - 9
    if title >= TITLE_ROOM or title >= widest({visible(e.title) for e in events}):
        shown = [
            Column("Date", date, style="bold"),
            Column("ID", ident, style="dim"),
            Column("Kind", kind),
            Column("Title", title, fold=True),
        ]
        if width >= WIDE:  # a quarter of the text for the place
            place = max(len("Place"), (title - 3) // 4)
            shown[3] = Column("Title", title - place - 3, fold=True)
            shown.append(Column("Place", place, fold=True))
        return Layout(shown, False, {})
    first = max(date, len("Date / ID"), min(ident, STACKED_ID))
    title = share((first, kind), width, MIN_TITLE)
    from chrono.render.shorten import short_ids

    listed = [visible(event.id) for event in events]
    long = any(len(ident) > first for ident in listed)
    others = [visible(i) for i in every()] if long and every is not None else []
    short = short_ids(listed, [*others, *listed], first)
    stacked = [Column("Date / ID", first, style="bold"), Column("Kind", kind), Column("Title", title, fold=True)]
    return Layout(stacked, True, short)


def columns(events: Sequence[Event], width: int, calendar: str = "gregorian") -> list[Column]:
    """The columns of the table for these events at this width."""
    return layout(events, width, calendar).columns


def table_lines(
    events: Sequence[Event],
    width: int,
    colour: bool,
    calendar: str = "gregorian",
    every: Callable[[], Sequence[str]] | None = None,
) -> Iterator[str]:
    """The whole table, line by line: the header at once, then each row as it is drawn.
    ``every`` gives the chronology's ids (asked only when an id must be shortened), so that a
    shortened id names its event alone."""
    shape = layout(events, width, calendar, every)
    yield from header_lines(shape.columns, colour)
    for event in events:
        yield from row(event, shape, colour, calendar)


def row(event: Event, shape: Layout, colour: bool, calendar: str = "gregorian") -> Iterator[str]:
    """One event's lines: date, id and kind on the first, the title folded across the lines it needs."""
    ident, when = visible(event.id), span_text(event.when, calendar)
    kind = Styled(visible(event.kind), kind_style(event.kind))
    if shape.stacked:
        title = shape.columns[2]
        cells: list[Cell] = [
            (when, Styled(shape.short.get(ident, ident), "dim")),
            kind,
            tuple(clamp(fold(visible(event.title), title.width), title.width, 2)),
        ]
    else:
        cells = [when, ident, kind, visible(event.title)]
        if len(shape.columns) > 4:
            cells.append(visible(event.place or ""))
    return row_lines(shape.columns, cells, colour)


FIXED_FIELDS = ("date", "id", "start", "end")


def field_lines(
    events: Sequence[Event],
    chronology: Chronology,
    fields: Sequence[str],
    width: int,
    colour: bool,
    calendar: str = "gregorian",
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
                row.append(span_text(event.when, calendar))
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
        texts = {_plain(line) for cell in cells for line in (cell if isinstance(cell, tuple) else (cell,))}
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


def _plain(cell: str | Styled) -> str:
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


def list_table(answer: ListAnswer, look: Look) -> Iterator[str]:
    """``list --format table``: the events drawn row by row, then their count on stderr."""
    shown = list(answer.timeline.select(answer.query))
    if answer.fields:
        chronology = answer.timeline.chronology
        yield from field_lines(shown, chronology, answer.fields, look.width, look.colour, look.calendar)
    else:
        events = answer.timeline.chronology.events
        yield from table_lines(shown, look.width, look.colour, look.calendar, lambda: every_id(events))
    look.note(f"{len(shown)} event{'s' if len(shown) != 1 else ''}")
