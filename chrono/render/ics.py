"""iCalendar (RFC 5545) export with the ``icalendar`` library (a dependency, imported only here).

Only events known to the day can be placed in a calendar: month- and year-precise events are
left out and counted, so the command can say so. The calendar is named (RFC 7986 ``NAME`` and
the ``X-WR-CALNAME`` most clients read), so it does not arrive as "Untitled".

A ``UID`` names one calendar object for good: a client that imports the same UID twice keeps
one. So the one-off event and its yearly anniversary get different UIDs (``ID@chrono`` and
``ID.yearly@chrono``; an id holds no dot, so they cannot meet), each the same in every run.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from chrono.dates.days import to_date
from chrono.dates.edtf import Precision
from chrono.errors import UsageError
from chrono.escape import visible
from chrono.model import Chronology, Event

if TYPE_CHECKING:
    from chrono.render.views import ExportAnswer, Look


_LAST_DAY = _dt.date.max.toordinal()


def placeable(event: Event) -> bool:
    """True when the event's start (and end, if any) are single days an ICS date can hold: years
    1-9999 (ICS dates have four-digit years, so a date before year 1 is left out and counted)."""
    when = event.when
    if when.start.precision is not Precision.DAY or not when.start.is_exact or when.open_start:
        return False
    if to_date(when.start.lower) is None or (when.end is not None and to_date(when.end.upper) is None):
        return False
    return when.end is None or (when.end.precision is Precision.DAY and when.end.is_exact)


def description(event: Event, chronology: Chronology) -> str:
    """Summary, note and sources as plain text."""
    parts = [text for text in (event.summary, event.note) if text]
    lines = []
    for ref in event.sources:
        source = chronology.sources.get(ref)
        if source is not None:
            lines.append("- " + ", ".join(p for p in (source.title, source.publisher, source.url) if p))
    if lines:
        parts.append("Sources:\n" + "\n".join(lines))
    if event.when.uncertain or event.when.approximate:
        parts.append(f"Date as recorded: {event.when.edtf}")
    return "\n\n".join(parts)


def yearly_rule(day: _dt.date) -> dict[str, object]:
    """Every year on the day; 29 February is the last day of February, so common years show it
    on the 28th (as ``chrono anniversaries`` does) instead of RFC 5545 skipping them."""
    if (day.month, day.day) == (2, 29):
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}


def uid(event: Event, yearly: bool) -> str:
    """The event's UID in a one-off or a yearly calendar: stable, and never the same for both."""
    return f"{event.id}.yearly@chrono" if yearly else f"{event.id}@chrono"


def render(
    events: Iterable[Event], chronology: Chronology, stamp: _dt.date, yearly: bool, name: str
) -> tuple[bytes, int]:
    """The calendar named ``name`` as bytes, and how many events were left out for want of a day."""
    try:
        from icalendar import Calendar, vText
        from icalendar import Event as CalendarEvent
    except ImportError:  # a dependency: only a broken installation gets here
        raise UsageError("the ics format needs the icalendar package: pip install icalendar") from None
    calendar = Calendar()
    calendar.add("prodid", "-//chrono//chronology export//EN")
    calendar.add("version", "2.0")
    shown = vText(" ".join(visible(name).split()))  # one line; vText escapes it as TEXT (, and ;)
    calendar.add("name", shown)
    calendar.add("x-wr-calname", shown)
    left_out = 0
    dtstamp = _dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=_dt.timezone.utc)
    for event in events:
        if not placeable(event):
            left_out += 1
            continue
        item = CalendarEvent()
        item.add("uid", uid(event, yearly))
        item.add("dtstamp", dtstamp)
        item.add("summary", visible(event.title))  # RFC 5545 text holds no control characters
        first = _dt.date.fromordinal(event.when.earliest)
        item.add("dtstart", first)
        if event.when.open_end:
            pass
        elif event.when.latest_or_max < _LAST_DAY:
            item.add("dtend", _dt.date.fromordinal(event.when.latest_or_max + 1))  # exclusive
        else:  # no day after 9999-12-31 to end on: the same days as a duration
            item.add("duration", _dt.timedelta(days=event.when.latest_or_max - event.when.earliest + 1))
        if event.place:
            item.add("location", visible(event.place))
        item.add("categories", [event.kind])
        text = description(event, chronology)
        if text:
            item.add("description", visible(text))
        if yearly:
            item.add("rrule", yearly_rule(first))
        calendar.add_component(item)
    return calendar.to_ical(), left_out


def export_ics(answer: ExportAnswer, look: Look) -> Iterator[str]:
    """``export --format ics``; the events left out for want of a day are counted on stderr."""
    payload, left_out = render(answer.events, answer.chronology, answer.today, answer.yearly, answer.calendar_name)
    if left_out:
        look.note(
            f"chrono: left out {left_out} event{'s' if left_out != 1 else ''} not known to the day "
            "or outside years 1-9999 (an ICS date is a day of a four-digit year)"
        )
    yield payload.decode("utf-8")
