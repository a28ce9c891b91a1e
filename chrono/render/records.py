"""The JSON record of an event: the one vocabulary every machine format picks fields from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chrono.dates.days import iso

if TYPE_CHECKING:
    from chrono.model import Chronology, Event

FieldGetter = Callable[["Event", "Chronology"], Any]

FIELDS: dict[str, FieldGetter] = {
    "id": lambda e, c: e.id,
    "date": lambda e, c: e.when.edtf,
    "start": lambda e, c: None if e.when.open_start else iso(e.when.earliest),
    "end": lambda e, c: None if e.when.latest is None else iso(e.when.latest),
    "time": lambda e, c: e.when.start.time,
    "precision": lambda e, c: e.when.precision.label,
    "uncertain": lambda e, c: e.when.uncertain,
    "approximate": lambda e, c: e.when.approximate,
    "kind": lambda e, c: e.kind,
    "title": lambda e, c: e.title,
    "place": lambda e, c: e.place,
    "actors": lambda e, c: c.actor_names(e),
    "tags": lambda e, c: list(e.tags),
    "summary": lambda e, c: e.summary,
    "note": lambda e, c: e.note,
    "sources": lambda e, c: list(e.sources),
    "related": lambda e, c: list(e.related),
    "extra": lambda e, c: dict(e.extra),
    "written": lambda e, c: e.when.written,
}
FIELD_NAMES = tuple(FIELDS)
DEFAULT_FIELDS = ("date", "id", "kind", "title")


def parse_fields(spec: str | None) -> tuple[str, ...]:
    """``--fields date,id,title`` -> the field names; raises ValueError naming the valid ones."""
    if not spec:
        return DEFAULT_FIELDS
    names = tuple(name.strip() for name in spec.split(",") if name.strip())
    unknown = [name for name in names if name not in FIELDS and not _is_extra(name)]
    if unknown or not names:
        shown = ", ".join(unknown) or "(none)"
        raise ValueError(f"unknown field {shown}; valid fields: {', '.join(FIELD_NAMES)}, extra.KEY")
    return names


def _is_extra(name: str) -> bool:
    return name.startswith("extra.") and len(name) > len("extra.")


def field_value(event: Event, chronology: Chronology, name: str) -> Any:
    """One field of the record; ``extra.KEY`` is that key of ``extra`` (None when absent)."""
    getter = FIELDS.get(name)
    if getter is not None:
        return getter(event, chronology)
    from chrono.questions.query import extra_value

    return extra_value(event, name[len("extra.") :])


def record(event: Event, chronology: Chronology, fields: tuple[str, ...] = FIELD_NAMES) -> dict[str, Any]:
    """The event as a JSON-ready dict holding ``fields`` in that order."""
    return {name: field_value(event, chronology, name) for name in fields}
