"""``chrono import csv``: rows of a spreadsheet -> chronology tables.

Pure: CSV text is split into a header and rows here; :mod:`chrono.importers.table` reads them
as every other table format is read. A quoting error ends the rows that can be read: it is
reported as one bad row at its line, as the rows before it are kept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from chrono.errors import UsageError
from chrono.importers.common import Imported, ImportOptions
from chrono.importers.table import RowsEnded, read_table


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
    return read_table(headers, _rows(reader), options, "the header row (line 1)")


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, Sequence[str], str]]:
    """Each non-blank row with the line it starts on."""
    line = reader.line_num + 1  # type: ignore[attr-defined]
    try:
        for values in reader:
            if any(value.strip() for value in values):
                yield line, values, ""
            line = reader.line_num + 1  # type: ignore[attr-defined]
    except csv.Error as exc:
        raise RowsEnded(reader.line_num, str(exc)) from None  # type: ignore[attr-defined]
