"""``chrono import timelinejs``: the slides and eras of a TimelineJS3 document -> chronology tables.

Nothing is dropped silently: what has no place among chrono's keys (media with credits and
captions, backgrounds, times of day, map locations) goes to ``extra``; eras become events of kind
``era``; a slide without a headline is titled with its text's first words. What still cannot be
an event (the title slide, a date before year 1) is left out and named in ``Imported.left_out``,
so the command can account for every slide. chrono's own export is read back losslessly.
"""

from __future__ import annotations

import json
from typing import Any

from chrono.dates.days import MAX_ABS_YEAR, year_text
from chrono.dates.edtf import DateSpan, PartialDate, make_span, parse_date
from chrono.errors import DateError, UsageError
from chrono.importers.cells import read_cell
from chrono.importers.common import (
    Imported,
    ImportOptions,
    LeftOut,
    Note,
    Row,
    finish,
    first_words,
    kind_of,
    plain_text,
)
from chrono.loading.tables import EVENT_KEYS, MAX_EXTRA_DEPTH
from chrono.writing.authoring import normalise_id

_DATE_FIELDS = ("year", "month", "day")
_OWN_KEYS = ("start_date", "end_date", "text", "group", "unique_id")


def from_timelinejs(text: str, options: ImportOptions | None = None) -> Imported:
    """Events of a TimelineJS3 document (``events`` and ``eras``, or an older ``timeline.slides``)."""
    options = options or ImportOptions()
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"not JSON: {exc}") from None
    except RecursionError:
        raise UsageError("the JSON is nested too deeply to read") from None
    if not isinstance(document, dict):
        raise UsageError("not a TimelineJS3 document: no 'events' array")
    container: dict[str, Any] = document
    if not isinstance(document.get("events"), list) and isinstance(document.get("timeline"), dict):
        container = {**document["timeline"], "events": document["timeline"].get("slides")}
    events = container.get("events")
    if not isinstance(events, list):
        raise UsageError("not a TimelineJS3 document: no 'events' array")
    result = Imported()
    chrono_meta: dict[str, Any] = document["chrono"] if isinstance(document.get("chrono"), dict) else {}
    result.sources = [s for s in chrono_meta.get("sources", []) if isinstance(s, dict)]
    result.actors = [a for a in chrono_meta.get("actors", []) if isinstance(a, dict)]
    _left_out_parts(result, document, container)
    eras: list[Any] = container["eras"] if isinstance(container.get("eras"), list) else []
    rows: list[Row] = []
    for label, items, is_era in (("event", events, False), ("era", eras, True)):
        for number, item in enumerate(items, start=1):
            where = f"{label} {number}"
            result.read += 1
            try:
                rows.append(_slide(item, options, where, is_era))
            except LeftOut as exc:
                result.left_out.append(Note(number, 1, str(exc), where))
            except (ValueError, TypeError, AttributeError, OverflowError) as exc:
                result.bad.append(Note(number, 1, str(exc), where))
    finish(result, rows, options)
    return result


def _left_out_parts(result: Imported, document: dict[str, Any], container: dict[str, Any]) -> None:
    """The title slide and document settings: read, counted and named, not events."""
    title = container.get("title")
    if isinstance(title, dict):
        result.read += 1
        text: dict[str, Any] = title["text"] if isinstance(title.get("text"), dict) else {}
        name = plain_text(text.get("headline"), keep_breaks=False) or first_words(plain_text(text.get("text")))
        result.left_out.append(Note(0, 1, f"{name!r}: a timeline's title, not an event", "the title slide"))
    known = {"events", "eras", "title", "chrono", "timeline", "slides"}
    for key in sorted(set(document) | set(container)):
        if key not in known:
            result.read += 1
            value = container.get(key, document.get(key))
            shown = json.dumps(value, ensure_ascii=False)
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            result.left_out.append(Note(0, 1, f"{shown}: a display setting, not an event", f"the setting {key!r}"))


def _slide(item: Any, options: ImportOptions, where: str, is_era: bool) -> Row:
    if not isinstance(item, dict):
        raise ValueError("an event must be an object")
    own = item.get("chrono")
    if isinstance(own, dict):  # chrono's export: the whole record travels along
        kept = {key: own[key] for key in EVENT_KEYS if key in own and own[key] not in (None, [], {})}
        span = read_cell(str(kept.pop("date", "")))
        end = kept.pop("end", None)
        if end:
            span = make_span(span.start, read_cell(str(end)).start)
        return Row(0, span, kept, 0, where)
    text: dict[str, Any] = item["text"] if isinstance(item.get("text"), dict) else {}
    start = _date(item.get("start_date"), "start_date")
    span = DateSpan(start)
    if isinstance(item.get("end_date"), dict) and str(item["end_date"].get("year", "") or "").strip():
        end = _date(item["end_date"], "end_date")
        if end.edtf != start.edtf:
            span = make_span(start, end)
    headline = plain_text(text.get("headline"), keep_breaks=False)
    body = plain_text(text.get("text"))
    media: dict[str, Any] = item["media"] if isinstance(item.get("media"), dict) else {}
    title = headline or first_words(body) or plain_text(media.get("caption"), keep_breaks=False)
    if not title:
        raise ValueError("no headline, text or media caption to take a title from")
    group = str(item.get("group") or "")
    table: dict[str, Any] = {
        "id": normalise_id(str(item.get("unique_id") or "")),
        "title": title,
        "kind": "era" if is_era else kind_of(group) or kind_of(options.kind or "") or "event",
        "summary": body,
    }
    if not table["id"]:
        del table["id"]
    extra = _extra(item, text, group, table["kind"])
    if extra:
        table["extra"] = extra
    return Row(0, span, table, 0, where)


def _date(value: Any, key: str) -> PartialDate:
    if not isinstance(value, dict) or not str(value.get("year", "") or "").strip():
        raise ValueError(f"{key}: a date needs at least a year")
    try:
        year = int(str(value["year"]).strip())
    except ValueError:
        raise ValueError(f"{key}: year {value['year']!r} is not a number") from None
    if abs(year) > MAX_ABS_YEAR:
        raise LeftOut(f"its {key} year {year} is past {MAX_ABS_YEAR:,} either side of year 0")
    month, day = str(value.get("month", "") or "").strip(), str(value.get("day", "") or "").strip()
    if abs(year) > 9999:  # TimelineJS's years are astronomical, as EDTF's; a Y year is a whole year
        return parse_date(f"Y{year}")
    text = year_text(year)
    try:
        if month and int(month):
            text += f"-{int(month):02d}"
            if day and int(day):
                text += f"-{int(day):02d}"
        return parse_date(text)
    except ValueError as exc:
        reason = str(exc) if isinstance(exc, DateError) else f"month {month!r} or day {day!r} is not a number"
        raise ValueError(f"{key}: {reason}") from None


def _extra(item: dict[str, Any], text: dict[str, Any], group: str, kind: str) -> dict[str, Any]:
    """Everything of the slide that is not date, headline, text, group or id, verbatim."""
    extra: dict[str, Any] = {}
    for key in ("start_date", "end_date"):
        if isinstance(item.get(key), dict):
            rest = _clean({k: v for k, v in item[key].items() if k not in _DATE_FIELDS})
            if rest:
                extra[key] = rest
    rest = _clean({k: v for k, v in text.items() if k not in ("headline", "text")})
    if rest:
        extra["text"] = rest
    if group and kind_of(group) != group and kind != "era":
        extra["group"] = group
    for key, value in item.items():
        if key not in _OWN_KEYS:
            cleaned = _clean(value)
            if not _empty(cleaned):
                extra[key] = cleaned
    return extra


def _clean(value: Any, depth: int = 0) -> Any:
    """JSON without nulls and empty strings (TOML has no null; an empty caption says nothing)."""
    if depth > MAX_EXTRA_DEPTH:
        raise ValueError(f"nested more than {MAX_EXTRA_DEPTH} levels deep")
    if isinstance(value, dict):
        cleaned = {str(k): _clean(v, depth + 1) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if not _empty(v)}
    if isinstance(value, list):
        return [v for v in (_clean(v, depth + 1) for v in value) if not _empty(v)]
    return value


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, dict, list)) and not value)
