"""TimelineJS3 JSON: ``events`` with ``start_date``/``end_date`` objects, ``text`` and ``group``.

Month and day are empty strings where the date is coarser. Each event also carries its whole
chrono record under ``chrono`` (TimelineJS ignores it), so that ``chrono import timelinejs``
reads an export back without loss.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from chrono.dates.days import civil
from chrono.dates.edtf import PartialDate, Precision
from chrono.model import Chronology, Event

if TYPE_CHECKING:
    from chrono.render.views import ExportAnswer, Look


def _date(date: PartialDate) -> dict[str, str]:
    year, month, day = civil(date.lower)  # TimelineJS takes any year, negative ones too
    return {
        "year": str(year),
        "month": str(month) if date.precision >= Precision.MONTH else "",
        "day": str(day) if date.precision is Precision.DAY else "",
        "display_date": date.edtf,
    }


def _record(event: Event) -> dict[str, Any]:
    record: dict[str, Any] = {"id": event.id, "date": event.when.edtf, "kind": event.kind, "title": event.title}
    for key in ("place", "summary", "note"):
        if getattr(event, key):
            record[key] = getattr(event, key)
    for key in ("actors", "tags", "sources", "related"):
        if getattr(event, key):
            record[key] = list(getattr(event, key))
    if event.extra:
        record["extra"] = dict(event.extra)
    return record


def document(events: Iterable[Event], chronology: Chronology, title: str = "Chronology") -> dict[str, Any]:
    """The TimelineJS3 document."""
    items = []
    for event in events:
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _date(event.when.start),
            "text": {"headline": html.escape(event.title), "text": html.escape(event.summary or "")},
            "group": event.kind,
            "chrono": _record(event),
        }
        if event.when.end is not None:
            item["end_date"] = _date(event.when.end)
        items.append(item)
    sources = [
        {k: v for k, v in (("id", s.id), ("title", s.title), ("publisher", s.publisher),
                           ("date", s.date.edtf if s.date else None), ("url", s.url)) if v is not None}
        for s in chronology.sources.values()
    ]  # fmt: skip
    actors = [{"id": a.id, "name": a.name, "aliases": list(a.aliases)} for a in chronology.actors.values()]
    return {
        "title": {"text": {"headline": html.escape(title), "text": ""}},
        "events": items,
        "chrono": {"sources": sources, "actors": actors},
    }


def export_timelinejs(answer: ExportAnswer, look: Look) -> Iterator[str]:
    """``export --format timelinejs``: one indented JSON document."""
    from chrono.render.jsonout import dumps

    yield dumps(document(answer.events, answer.chronology, answer.document_title), indent=2) + "\n"
