"""The sorted, indexed, immutable timeline that queries run against, and the one interface
through which commands ask it: a query in, events (or, for the default TSV, lines) out."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from chrono.model import Chronology, Event
    from chrono.questions.query import Query


class TimelineView(Protocol):
    """What a command may ask of a timeline, in memory (``Timeline``) or read from the cache
    (``CachedTimeline``): where the answer came from is invisible behind this interface."""

    @property
    def chronology(self) -> Chronology: ...
    def select(self, query: Query) -> Iterator[Event]:
        """The events matching ``query``, sorted, reversed and limited as it asks."""
        ...

    def default_lines(self, query: Query) -> Iterator[bytes]:
        """``select``'s events as UTF-8 default TSV lines (see ``default_line``), in runs."""
        ...


def default_line(event: Event) -> str:
    """The TSV line of the default fields (date, id, kind, title) — part of the output contract,
    defined here because the cache stores it; ids and kinds need no escaping."""
    from chrono.escape import tsv  # here, not above: a warm plain query never escapes anything

    return f"{event.when.edtf}\t{event.id}\t{event.kind}\t{tsv(event.title)}\n"


class Timeline:
    """Events in chronology order, with an index of start days for range look-ups.

    A range query bisects the start days instead of scanning: an event overlapping
    ``[lo, hi]`` starts no later than ``hi`` and no earlier than ``lo`` minus the longest span
    in the data (open-ended events are kept apart, since their span has no length).
    """

    __slots__ = ("_closed", "_longest", "_open", "_starts", "chronology")

    def __init__(self, chronology: Chronology) -> None:
        self.chronology = chronology
        # Open at either end (``2019/..``, ``../1900``): no length to bound the search by.
        closed = [e for e in chronology.events if not (e.when.open_end or e.when.open_start)]
        self._open = tuple(e for e in chronology.events if e.when.open_end or e.when.open_start)
        self._closed = tuple(closed)
        self._starts = [e.when.earliest for e in closed]
        self._longest = max(
            (e.when.latest_or_max - s for e, s in zip(closed, self._starts, strict=True)),
            default=0,
        )

    @property
    def events(self) -> Iterable[Event]:
        """Every event, in order."""
        return self.chronology.events

    def __len__(self) -> int:
        return len(self.chronology.events)

    def select(self, query: Query) -> Iterator[Event]:
        """The events matching ``query`` (see ``query.run``)."""
        from chrono.questions.query import run

        return run(query, self)

    def default_lines(self, query: Query) -> Iterator[bytes]:
        """The default TSV lines of ``select``'s events, as UTF-8."""
        return (default_line(event).encode() for event in self.select(query))

    def overlapping(self, lo: int, hi: int) -> Iterator[Event]:
        """Events whose span shares at least one day with ``[lo, hi]`` (day numbers), in order."""
        first = bisect.bisect_left(self._starts, lo - self._longest)
        last = bisect.bisect_right(self._starts, hi)
        closed = (e for e in self._closed[first:last] if e.when.latest_or_max >= lo)
        ongoing = (e for e in self._open if e.when.earliest <= hi and e.when.latest_or_max >= lo)
        yield from _merge(closed, ongoing)

    def within(self, lo: int, hi: int) -> Iterator[Event]:
        """Events whose whole span lies inside ``[lo, hi]``, in order (an open end only in a
        range open at that end)."""
        first = bisect.bisect_left(self._starts, lo)
        last = bisect.bisect_right(self._starts, hi)
        closed = (e for e in self._closed[first:last] if e.when.latest_or_max <= hi)
        ongoing = (e for e in self._open if lo <= e.when.earliest and e.when.latest_or_max <= hi)
        yield from _merge(closed, ongoing)


def _merge(left: Iterator[Event], right: Iterator[Event]) -> Iterator[Event]:
    """Merge two ordered event streams (the open-ended list is short)."""
    pending = list(right)
    if not pending:
        yield from left
        return
    yield from heapq.merge(left, pending, key=lambda e: e.sort_key)
