"""Counts and summaries of a set of events: by year, decade, kind, actor, place or tag; quiet gaps."""

from __future__ import annotations

import datetime as _dt
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chrono.dates.edtf import Precision
from chrono.model import Chronology, Event


class By(enum.Enum):
    """What ``chrono stats --by`` groups events by."""

    YEAR = "year"
    DECADE = "decade"
    KIND = "kind"
    ACTOR = "actor"
    PLACE = "place"
    TAG = "tag"


def _keys(event: Event, by: By, chronology: Chronology) -> Iterable[str]:
    """The groups an event counts in: its start year or decade, kind, each actor, place, each tag."""
    year = event.earliest.year
    if by is By.YEAR:
        return (f"{year:04d}",)
    if by is By.DECADE:
        return (f"{year // 10 * 10:04d}s",)
    if by is By.KIND:
        return (event.kind,)
    if by is By.ACTOR:
        return list(dict.fromkeys(chronology.actor_names(event))) or ["(none)"]
    if by is By.PLACE:
        return (event.place or "(none)",)
    return list(dict.fromkeys(event.tags)) or ["(none)"]


def _extra_keys(event: Event, key: str) -> list[str]:
    """The groups of ``--by extra.KEY``: the value, or each element of a list; "(none)" without."""
    from chrono.questions.query import extra_texts, extra_value

    return list(dict.fromkeys(extra_texts(extra_value(event, key)))) or ["(none)"]


def counts(events: Iterable[Event], by: By | str, chronology: Chronology) -> list[tuple[str, int]]:
    """Counts per group: years and decades in time order (gaps included as zero), others by count.

    ``by`` is a ``By`` or the name of a key of ``extra`` (as ``extra.KEY`` is written without
    its prefix), whose values are counted as written.
    """
    counter: Counter[str] = Counter()
    for event in events:
        counter.update(_extra_keys(event, by) if isinstance(by, str) else _keys(event, by, chronology))
    if by in (By.YEAR, By.DECADE) and counter:
        step = 1 if by is By.YEAR else 10
        first, last = (int(key.rstrip("s")) for key in (min(counter), max(counter)))
        keys = [f"{value:04d}" + ("s" if by is By.DECADE else "") for value in range(first, last + 1, step)]
        return [(key, counter.get(key, 0)) for key in keys]
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True, slots=True)
class Summary:
    """A short description of a set of events."""

    events: int
    first: str | None  # EDTF of the earliest event's date
    last: str | None  # EDTF of the latest-starting event's date
    by_precision: dict[str, int]
    without_source: int
    busiest_year: tuple[int, int] | None  # (year, count)


def summary(events: Sequence[Event]) -> Summary:
    """Number of events, the span covered, precision counts, unsourced events, the busiest year."""
    precisions = Counter(event.when.precision for event in events)
    years = Counter(event.earliest.year for event in events)
    busiest = min(years.items(), key=lambda item: (-item[1], item[0])) if years else None
    return Summary(
        events=len(events),
        first=events[0].when.edtf if events else None,
        last=events[-1].when.edtf if events else None,
        by_precision={p.label: precisions.get(p, 0) for p in (Precision.DAY, Precision.MONTH, Precision.YEAR)},
        without_source=sum(1 for event in events if not event.sources),
        busiest_year=busiest,
    )


@dataclass(frozen=True, slots=True)
class Gap:
    """A quiet period: no event may have happened strictly between ``after`` and ``before``."""

    start: _dt.date  # the first quiet day
    end: _dt.date  # the last quiet day
    after: Event  # the event whose (latest possible) end precedes the gap
    before: Event  # the event whose earliest possible start follows it

    @property
    def days(self) -> int:
        """Quiet days, both ends included."""
        return (self.end - self.start).days + 1


def gaps(events: Sequence[Event], count: int) -> list[Gap]:
    """The ``count`` longest quiet periods, longest first (ties: earliest first).

    A gap is only certain where no event may have been happening, so it runs from the day after
    the latest possible end of everything before to the day before the earliest possible start
    of the next event; ongoing events close the timeline.
    """
    found: list[Gap] = []
    ordered = sorted(events, key=lambda e: e.sort_key)
    reach: _dt.date | None = None
    reacher: Event | None = None
    for event in ordered:
        if reach is not None and reacher is not None and event.earliest > reach + _dt.timedelta(days=1):
            found.append(Gap(reach + _dt.timedelta(days=1), event.earliest - _dt.timedelta(days=1), reacher, event))
        latest = event.when.latest_or_max
        if reach is None or latest > reach:
            reach, reacher = latest, event
        if reach == _dt.date.max:
            break
    found.sort(key=lambda gap: (-gap.days, gap.start))
    return found[:count]
