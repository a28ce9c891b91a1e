"""What ``chrono show`` says about an event: one list of (key, value) rows for every format."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from chrono.dates.calendars import span_text as calendar_span
from chrono.dates.display import people_day
from chrono.dates.edtf import DateSpan
from chrono.dates.intervals import ago
from chrono.model import Chronology, Event, Source
from chrono.questions.lookup import links
from chrono.render.jsonout import strict_json
from chrono.render.records import FIELD_NAMES, record

if TYPE_CHECKING:
    from chrono.render.views import Look, ShowAnswer


def span_text(when: DateSpan) -> str:
    """The days a date stands for: '2002-01-01 .. 2002-12-31' (or '.. (ongoing)')."""
    latest = when.latest
    end = "(ongoing)" if latest is None else people_day(latest)
    first = "(no known start)" if when.open_start else people_day(when.earliest)
    return first if latest == when.earliest else f"{first} .. {end}"


def source_text(source: Source) -> str:
    """A source on one line: title, publisher, date, url."""
    parts = [source.title, source.publisher or "", source.date.edtf if source.date else "", source.url or ""]
    return " | ".join(part for part in parts if part)


def rows(
    event: Event,
    chronology: Chronology,
    today: _dt.date,
    aliases: bool = False,
    calendar: str = "gregorian",
    *,
    panel: bool = False,
) -> list[tuple[str, str]]:
    """Every fact about the event as (key, value) rows, in reading order; empty ones left out.

    For the ``panel`` people read, ``span`` is left out where it only restates ``date`` (whole
    days), and a source's URL is replaced by a mark, ``[1]``, for the URL given whole under
    the panel (``urls``), where no box folds it."""
    when = event.when
    out: list[tuple[str, str]] = [("id", event.id), ("title", event.title), ("date", calendar_span(when, calendar))]
    if when.written is not None:
        out.append(("written", when.written))
    if when.start.time is not None:
        out.append(("time", when.start.time))
    out.append(("span", span_text(when)))
    if not when.open_start:
        out.append(("ago", ago(when.start.lower, when.start.upper, today.toordinal())))
    out.append(("kind", event.kind))
    if panel and _whole_days(when):
        out = [row for row in out if row[0] != "span"]
    if event.place:
        out.append(("place", event.place))
    for ref in event.actors:
        actor = chronology.actors.get(ref)
        name = actor.name if actor else ref
        if aliases and actor and actor.aliases:
            name = f"{name} (also: {', '.join(actor.aliases)})"
        out.append(("actor", name))
    if event.tags:
        out.append(("tags", ", ".join(event.tags)))
    for key in ("summary", "note"):
        value = getattr(event, key)
        if value:
            out.append((key, value))
    for key, value in event.extra.items():
        shown = value if isinstance(value, str) else strict_json(value, default=str)
        out.append((f"extra.{key}", shown))
    marks = 0
    for ref in event.sources:
        source = chronology.sources.get(ref)
        if source and panel and source.url:
            marks += 1
            out.append(("source", f"{ref}: {source_text(_without_url(source))} [{marks}]"))
            continue
        out.append(("source", f"{ref}: {source_text(source)}" if source else ref))
    linked = links(chronology, event)
    out.extend(("links-to", f"{e.when.shown} {e.id} {e.title}") for e in linked.links_to)
    out.extend(("linked-from", f"{e.when.shown} {e.id} {e.title}") for e in linked.linked_from)
    return out


def urls(event: Event, chronology: Chronology) -> list[str]:
    """The URLs of the event's sources, in the order of the panel's marks ([1], [2], ...)."""
    found = (chronology.sources.get(ref) for ref in event.sources)
    return [source.url for source in found if source is not None and source.url]


def _whole_days(when: DateSpan) -> bool:
    """True when the date names whole days, so the days it stands for say nothing more."""
    return when.start.is_exact and not when.open_end and (when.end is None or when.end.is_exact)


def _without_url(source: Source) -> Source:
    import dataclasses

    return dataclasses.replace(source, url=None)


def show_record(event: Event, chronology: Chronology) -> dict[str, Any]:
    """The ``list`` JSON object, with sources resolved and ``related`` split by direction."""
    data = record(event, chronology, tuple(name for name in FIELD_NAMES if name != "related"))
    data["sources"] = [_source_record(ref, chronology.sources.get(ref)) for ref in event.sources]
    linked = links(chronology, event)
    data["links_to"] = [_brief(e) for e in linked.links_to]
    data["linked_from"] = [_brief(e) for e in linked.linked_from]
    return data


def _source_record(ref: str, source: Source | None) -> dict[str, Any]:
    if source is None:
        return {"id": ref, "title": None, "publisher": None, "date": None, "url": None}
    date = source.date.edtf if source.date else None
    return {"id": ref, "title": source.title, "publisher": source.publisher, "date": date, "url": source.url}


def _brief(event: Event) -> dict[str, str]:
    return {"id": event.id, "date": event.when.edtf, "title": event.title}


def show_text(answer: ShowAnswer, look: Look) -> Iterator[str]:
    """``show --format text``: 'key: value' lines (escaped as in TSV), a blank line between events."""
    from chrono.escape import tsv

    for index, event in enumerate(answer.events):
        facts = rows(event, answer.chronology, answer.today, answer.aliases, look.calendar)
        yield ("\n" if index else "") + "".join(f"{tsv(k)}: {tsv(v)}\n" for k, v in facts)


def show_json(answer: ShowAnswer, look: Look) -> Iterator[str]:
    """``show --format json``: an array of the events found, sources and links included."""
    from chrono.render.jsonout import array_lines

    return array_lines(show_record(event, answer.chronology) for event in answer.events)
