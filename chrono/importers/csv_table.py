"""``chrono import csv``: rows of a spreadsheet -> chronology tables.

Pure: CSV text is split into a header and rows here; :mod:`chrono.importers.table` reads them
as every other table format is read. The text is read strictly: Python's csv module, left
lenient, lets one unbalanced quote swallow every row after it into a single field (a title three
lines long, the rows lost without a word). A record that is not CSV — an unbalanced quote, a NUL,
a field past the csv module's limit — is one bad row named at the line it starts on, and reading
goes on from the next line: the import stops naming it, or skips and counts it with
``--skip-bad``. Every row read is accounted for.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from chrono.errors import UsageError
from chrono.importers.common import Imported, ImportOptions
from chrono.importers.table import BadRow, read_table


def from_csv(text: str, options: ImportOptions | None = None) -> Imported:
    """Events from CSV text with a header row; unmapped columns go into ``extra``."""
    options = options or ImportOptions()
    records = _records(text.removeprefix("\ufeff"))
    try:
        _, headers = next(records)
    except StopIteration:
        raise UsageError("the CSV file is empty: it needs a header row") from None
    if isinstance(headers, BadRow):
        raise UsageError(f"line 1: {headers.message}")
    rows = (
        (line, values, "") for line, values in records if isinstance(values, BadRow) or any(v.strip() for v in values)
    )
    return read_table(headers, rows, options, "the header row (line 1)")


def _records(text: str) -> Iterator[tuple[int, list[str] | BadRow]]:
    """Each record with the line it starts on, or a BadRow saying why it is not CSV; reading
    goes on from the line after the one a broken record starts on."""
    lines = io.StringIO(text, newline="").readlines()
    offset = 0
    while offset < len(lines):
        reader = csv.reader(iter(lines[offset:]), strict=True)
        while True:
            line = offset + reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield line, BadRow(_why(str(exc)))
                offset = line  # the line after the one the broken record starts on
                break
            yield line, BadRow(_why("NUL")) if any("\x00" in value for value in values) else values


def _why(error: str) -> str:
    """The csv module's error, said for a person who will fix the file."""
    if "unexpected end of data" in error or "expected after" in error:
        return 'not valid CSV: an unbalanced quote (a quote inside a quoted field is written "")'
    if "NUL" in error:
        return "not valid CSV: a NUL character in a field"
    if "field limit" in error:
        return f"not valid CSV: a field longer than {csv.field_size_limit():,} characters"
    return f"not valid CSV: {error}"
