"""The rows of a ``chrono sql`` statement in ``list``'s formats: TSV, CSV, JSON, JSON Lines, a table.

Cells follow ``list``'s rules (NULL is an empty cell, text escaped as in TSV or CSV); a BLOB is
shown as hexadecimal, an infinite number as ``inf``. JSON rows are objects keyed by column name;
a repeated name gets ``_2``, ``_3`` so that no value is lost.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chrono.render.views import ExportAnswer, Look, SqlAnswer


def _value(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no infinity: "inf", "-inf"
    return value


def tsv_lines(columns: Sequence[str], rows: Iterable[Sequence[Any]], header: bool) -> Iterator[str]:
    """One line per row, cells escaped as in ``list``'s TSV."""
    from chrono.render.plain import tsv_value

    if header:
        yield "\t".join(tsv_value(name) for name in columns) + "\n"
    for row in rows:
        yield "\t".join(tsv_value(_value(cell)) for cell in row) + "\n"


def csv_lines(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, safe: bool = False) -> Iterator[str]:
    """RFC 4180 CSV with a header row, as ``list`` writes it (``safe``: as ``csv-safe``)."""
    import csv
    import io

    from chrono.render.plain import csv_value, spreadsheet_safe

    def cells(values: Iterable[str]) -> list[str]:
        return [spreadsheet_safe(value) for value in values] if safe else list(values)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(cells(columns))
    for row in rows:
        writer.writerow(cells(csv_value(_value(cell)) for cell in row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def keys(columns: Sequence[str]) -> tuple[str, ...]:
    """Column names made unique for JSON objects: a repeated name gets ``_2``, ``_3``..."""
    seen: dict[str, int] = {}
    unique = []
    for name in columns:
        count = seen.get(name, 0) + 1
        seen[name] = count
        unique.append(name if count == 1 else f"{name}_{count}")
    return tuple(unique)


def records(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[dict[str, Any]]:
    """Each row as a JSON-ready object keyed by column name."""
    names = keys(columns)
    for row in rows:
        yield {name: _value(cell) for name, cell in zip(names, row, strict=True)}


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Any:
    """A rich table of the rows; text from the data shown with visible escapes, never as markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from chrono.escape import visible

    drawn = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    for name in columns:
        drawn.add_column(Text(visible(name)), overflow="fold")
    for row in rows:
        cells = []
        for cell in row:
            value = _value(cell)
            shown = "" if value is None else value if isinstance(value, str) else str(value)
            cells.append(Text(visible(shown), style="dim" if value is None else ""))
        drawn.add_row(*cells)
    return drawn


def sql_table(answer: SqlAnswer, look: Look) -> Iterator[str]:
    """``sql --format table``: columns as wide as their cells, numbers right-justified, text
    sharing what the width leaves and wrapped at spaces; then the count of rows on stderr.
    NULL is an empty cell; text from the data is shown with visible escapes."""
    from chrono.escape import visible
    from chrono.render.columns import Cell, Styled, fit_table

    rows = [[_value(cell) for cell in row] for row in answer.rows]
    numeric = [
        index
        for index in range(len(answer.columns))
        if any(row[index] is not None for row in rows)
        and all(
            row[index] is None or (isinstance(row[index], (int, float)) and not isinstance(row[index], bool))
            for row in rows
        )
    ]
    drawn: list[list[Cell]] = [
        [Styled("", "dim") if cell is None else visible(cell if isinstance(cell, str) else str(cell)) for cell in row]
        for row in rows
    ]
    text = [index for index in range(len(answer.columns)) if index not in numeric]
    headers = [visible(name) for name in answer.columns]
    yield from fit_table(headers, drawn, look.width, look.colour, right=numeric, fold=text)
    look.note(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def sql_tsv(answer: SqlAnswer, look: Look) -> Iterator[str]:
    """``sql --format tsv``."""
    return tsv_lines(answer.columns, answer.rows, answer.header)


def sql_csv(answer: SqlAnswer, look: Look) -> Iterator[str]:
    """``sql --format csv``."""
    return csv_lines(answer.columns, answer.rows)


def sql_csv_safe(answer: SqlAnswer, look: Look) -> Iterator[str]:
    """``sql --format csv-safe``: csv with formula cells defused for spreadsheets."""
    return csv_lines(answer.columns, answer.rows, safe=True)


def sql_json(answer: SqlAnswer, look: Look) -> Iterator[str]:
    """``sql --format json``: an array of row objects."""
    from chrono.render.jsonout import array_lines

    return array_lines(records(answer.columns, answer.rows))


def sql_jsonl(answer: SqlAnswer, look: Look) -> Iterator[str]:
    """``sql --format jsonl``: one row object per line."""
    from chrono.render.jsonout import jsonl_lines

    return jsonl_lines(records(answer.columns, answer.rows))


def export_sqlite(answer: ExportAnswer, look: Look) -> Iterator[bytes]:
    """``export --format sqlite``: the bytes of a database file holding the tables of ``chrono
    sql``, built in memory, for the one writer to put at ``-o FILE``."""
    from chrono.loading.dataset import resolve_inputs
    from chrono.sql import database as sqldb

    events = list(answer.events)
    named = {s.name: s.path for s in resolve_inputs(list(answer.inputs)) if s.path}
    yield sqldb.build_bytes(answer.chronology, events, named)
