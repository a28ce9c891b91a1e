"""``chrono import json|jsonl|yaml``: a list of records -> chronology tables, as a CSV table is read.

Each record (a JSON or YAML object) becomes a row whose columns are its keys, nested keys
flattened as ``a.b``; the header is every key in the order first met. So ``--map``, templates,
split date columns, null markers and typed numbers mean exactly what they mean for CSV: one
reader (:mod:`chrono.importers.table`), three ways of spelling a table.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from chrono.errors import UsageError
from chrono.importers.common import Imported, ImportOptions, Note
from chrono.importers.table import read_table

_WHAT = "the keys of the records"


def from_json(text: str, options: ImportOptions | None = None) -> Imported:
    """Events from a JSON array of objects."""
    try:
        document = json.loads(text.removeprefix("\ufeff"))
    except ValueError as exc:
        raise UsageError(f"not JSON: {exc}") from None
    except RecursionError:
        raise UsageError("the JSON is nested too deeply to read") from None
    return _from_items(document, "JSON", options or ImportOptions())


def from_yaml(text: str, options: ImportOptions | None = None) -> Imported:
    """Events from a YAML list of mappings (PyYAML's safe loader: no tags run code)."""
    try:
        import yaml
    except ImportError:
        raise UsageError("reading YAML needs PyYAML: pip install 'chrono-toml[yaml]'") from None
    try:
        document = yaml.safe_load(text.removeprefix("\ufeff"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise UsageError(f"not YAML: {where}{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"not YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise UsageError("the YAML is nested too deeply to read") from None
    return _from_items(document, "YAML", options or ImportOptions())


def from_jsonl(text: str, options: ImportOptions | None = None) -> Imported:
    """Events from JSON Lines: one object a line; a line that is not one is a bad row."""
    records: list[tuple[int, dict[str, Any]]] = []
    bad: list[Note] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            bad.append(Note(number, 1, f"not a JSON object: {exc}"))
            continue
        if not isinstance(record, dict):
            bad.append(Note(number, 1, f"not a JSON object but {type(record).__name__}"))
            continue
        records.append((number, _flat(record)))
    result = _table([(number, record, "") for number, record in records], options or ImportOptions())
    result.read += len(bad)
    result.bad = sorted([*result.bad, *bad], key=lambda note: (note.line, note.col))
    return result


def _from_items(document: Any, language: str, options: ImportOptions) -> Imported:
    if not isinstance(document, list):
        raise UsageError(f"not a list of records: the {language} document must be an array of objects")
    rows: list[tuple[int, dict[str, Any], str]] = []
    bad: list[Note] = []
    for number, item in enumerate(document, start=1):
        if isinstance(item, dict):
            rows.append((number, _flat(item), f"item {number}"))
        else:
            bad.append(Note(number, 1, "not an object", f"item {number}"))
    result = _table(rows, options)
    result.read += len(bad)
    result.bad = sorted([*result.bad, *bad], key=lambda note: (note.line, note.col))
    return result


def _table(records: list[tuple[int, dict[str, Any], str]], options: ImportOptions) -> Imported:
    headers: dict[str, None] = {}
    for _, record, _ in records:
        headers.update(dict.fromkeys(record))
    names = list(headers)
    if not names:
        raise UsageError("no records with keys to read")
    return read_table(names, _rows(records, names), options, _WHAT)


def _rows(records: list[tuple[int, dict[str, Any], str]], names: Sequence[str]) -> Iterator[tuple[int, list[str], str]]:
    for number, record, where in records:
        yield number, [_text(record.get(name)) for name in names], where


def _flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}``: a nested key is a column named with dots."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flat(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _text(value: Any) -> str:
    """A value as the cell text a table would hold: null is empty, a list is joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):  # YAML reads 2001-08-04 as a date
        return value.isoformat()
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return "; ".join(_text(item) for item in value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, default=str)
