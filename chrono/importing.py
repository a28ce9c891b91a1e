"""``chrono import``: rows of a CSV file or events of a TimelineJS3 document -> chronology tables.

Pure: it takes text and returns the tables to write plus the rows it could not read (with their
line numbers); the command decides whether to skip them (``--skip-bad``) or to write nothing.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chrono.authoring import date_value, make_id, read_date, slug, split_list
from chrono.errors import DateError, UsageError
from chrono.parsing import EVENT_KEYS, ID_RE, KIND_RE

LIST_KEYS = ("actors", "tags", "sources", "related")
TEXT_KEYS = ("title", "place", "summary", "note")
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class Imported:
    """What an import produced: tables to write and the rows that could not be read."""

    events: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)  # (line or item number, why)


def parse_map(spec: str | None, headers: Sequence[str]) -> dict[str, str]:
    """``--map date=Start,title=Name`` -> {chrono key: column}; unmapped keys use a same-named column."""
    by_lower = {header.strip().lower(): header for header in headers}
    mapping = {key: by_lower[key] for key in EVENT_KEYS if key in by_lower}
    for pair in (spec or "").split(","):
        if not pair.strip():
            continue
        key, sep, column = pair.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or key not in EVENT_KEYS:
            raise UsageError(f"{pair!r}: expected KEY=COLUMN with KEY one of {', '.join(EVENT_KEYS)}", option="--map")
        if column not in headers and column.lower() not in by_lower:
            raise UsageError(f"no column {column!r}; the columns are: {', '.join(headers)}", option="--map")
        mapping[key] = column if column in headers else by_lower[column.lower()]
    return mapping


def from_csv(text: str, mapping_spec: str | None = None, kind: str | None = None) -> Imported:
    """Events from CSV text with a header row; unmapped columns go into ``extra``."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        headers = next(reader)
    except StopIteration:
        raise UsageError("the CSV file is empty: it needs a header row") from None
    except csv.Error as exc:
        raise UsageError(f"line 1: {exc}") from None
    mapping = parse_map(mapping_spec, headers)
    if "date" not in mapping or "title" not in mapping:
        raise UsageError("map a date and a title column (--map date=COLUMN,title=COLUMN)", option="--map")
    if "kind" not in mapping and kind is None:
        raise UsageError("map a kind column (--map kind=COLUMN) or give every row one with --kind", option="--map")
    mapped = set(mapping.values())
    result = Imported()
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        line = reader.line_num + 1
        for values in reader:
            if any(value.strip() for value in values):
                rows.append((line, dict(zip(headers, values, strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        result.bad.append((reader.line_num, str(exc)))
    tables = []
    for line, row in rows:
        try:
            tables.append((line, _csv_event(row, mapping, mapped, kind)))
        except ValueError as exc:
            result.bad.append((line, str(exc)))
    _finish(result, tables)
    return result


def _csv_event(
    row: Mapping[str, str], mapping: Mapping[str, str], mapped: set[str], kind: str | None
) -> dict[str, Any]:
    def cell(key: str) -> str:
        return (row.get(mapping[key]) or "").strip() if key in mapping else ""

    raw: dict[str, Any] = {key: cell(key) for key in mapping}
    if kind is not None and not raw.get("kind"):
        raw["kind"] = kind
    for key in LIST_KEYS:
        if key in raw:
            raw[key] = split_list(raw[key])
    extra_text = raw.pop("extra", "")
    extra: dict[str, Any] = {}
    if extra_text:
        try:
            extra = json.loads(extra_text)
        except (ValueError, RecursionError):  # nested too deeply for the decoder: kept as text
            extra = {"extra": extra_text}
        if not isinstance(extra, dict):
            extra = {"extra": extra}
    for column, value in row.items():
        if column is not None and column not in mapped and value and value.strip():
            extra[slug(column).replace("-", "_") or "column"] = value.strip()
    if extra:
        raw["extra"] = extra
    return raw


def from_timelinejs(text: str, kind: str | None = None) -> Imported:
    """Events of a TimelineJS3 JSON document (chrono's own export is read back losslessly)."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"not JSON: {exc}") from None
    except RecursionError:
        raise UsageError("not a TimelineJS3 document: nested too deeply") from None
    events = document.get("events") if isinstance(document, dict) else None
    if not isinstance(events, list):
        raise UsageError("not a TimelineJS3 document: no 'events' array")
    result = Imported()
    chrono_meta = document.get("chrono", {}) if isinstance(document.get("chrono"), dict) else {}
    result.sources = [s for s in chrono_meta.get("sources", []) if isinstance(s, dict)]
    result.actors = [a for a in chrono_meta.get("actors", []) if isinstance(a, dict)]
    tables = []
    for number, item in enumerate(events, start=1):
        try:
            tables.append((number, _timelinejs_event(item, kind)))
        except (ValueError, TypeError, AttributeError) as exc:
            result.bad.append((number, str(exc)))
    _finish(result, tables)
    return result


def _plain(text: Any) -> str:
    return html.unescape(_TAG_RE.sub("", str(text or ""))).strip()


def _tjs_date(value: Any) -> str:
    if not isinstance(value, dict) or not str(value.get("year", "")).strip():
        raise ValueError("a date needs at least a year")
    year = int(str(value["year"]).strip())
    text = f"{year:04d}"
    month, day = str(value.get("month", "") or "").strip(), str(value.get("day", "") or "").strip()
    if month:
        text += f"-{int(month):02d}"
        if day:
            text += f"-{int(day):02d}"
    return text


def _timelinejs_event(item: Any, kind: str | None) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ValueError("an event must be an object")
    own = item.get("chrono")
    if isinstance(own, dict):  # chrono's export: the whole record travels along
        return {key: own[key] for key in EVENT_KEYS if key in own and own[key] not in (None, [], {})}
    text: dict[str, Any] = item["text"] if isinstance(item.get("text"), dict) else {}
    date = _tjs_date(item.get("start_date"))
    if isinstance(item.get("end_date"), dict):
        date += "/" + _tjs_date(item["end_date"])
    raw = {
        "id": str(item.get("unique_id") or ""),
        "date": date,
        "title": _plain(text.get("headline")),
        "kind": slug(str(item.get("group") or "")) or kind or "event",
    }
    summary = _plain(text.get("text"))
    if summary:
        raw["summary"] = summary
    return raw


def _finish(result: Imported, tables: list[tuple[int, dict[str, Any]]]) -> None:
    """Normalise dates, check each table's values, give ids, and keep only the readable ones."""
    taken = {str(t.get("id")) for _, t in tables if t.get("id")}
    declared_sources = {str(s.get("id")) for s in result.sources}
    for line, table in tables:
        try:
            _normalise(table, taken)
        except ValueError as exc:
            result.bad.append((line, str(exc)))
            continue
        result.events.append(table)
    known = {str(t["id"]) for t in result.events}
    kept = []
    for table in result.events:
        missing = [ref for ref in table.get("related", []) if ref not in known]
        if missing:
            result.bad.append((_line_of(tables, table), f"related: no event with id {', '.join(map(repr, missing))}"))
        else:
            kept.append(table)
    result.events = kept
    wanted = sorted({ref for table in kept for ref in table.get("sources", [])} - declared_sources)
    result.sources.extend({"id": ref, "title": ref} for ref in wanted)
    result.bad.sort()


def _line_of(tables: list[tuple[int, dict[str, Any]]], table: dict[str, Any]) -> int:
    return next(line for line, candidate in tables if candidate is table)


def _normalise(table: dict[str, Any], taken: set[str]) -> None:
    for key in ("date", "title", "kind"):
        if not table.get(key):
            raise ValueError(f"{key}: missing")
    try:
        span = read_date(str(table["date"]))
        end_text = str(table.pop("end", "") or "")
        if end_text:
            end = read_date(end_text)
            span = read_date(f"{span.start.edtf}/{end.start.edtf}")
    except DateError as exc:
        raise ValueError(f"date: {exc}") from None
    if not KIND_RE.fullmatch(str(table["kind"])):
        table["kind"] = slug(str(table["kind"])) or "event"
    ident = str(table.get("id") or "")
    if ident and not ID_RE.fullmatch(ident):
        raise ValueError(f"id: {ident!r} is not a valid id (lowercase letters, digits and '-')")
    if not ident:
        table["id"] = make_id(span, str(table["title"]), taken)
    if span.end is not None:
        table["date"] = date_value(span.start.edtf)
        table["end"] = date_value(span.end.edtf)
    else:
        table["date"] = date_value(span.edtf)
    for key in TEXT_KEYS:
        if key in table and not table[key]:
            del table[key]
    for key in LIST_KEYS:
        if key in table and not table[key]:
            del table[key]
    order = {key: index for index, key in enumerate(EVENT_KEYS)}
    items = sorted(table.items(), key=lambda item: order.get(item[0], len(order)))
    table.clear()
    table.update(items)
