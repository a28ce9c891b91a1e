"""The sorted, indexed, immutable timeline that queries run against."""

from __future__ import annotations

import bisect
import datetime as _dt
import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chrono.model import Chronology, Event
from collections.abc import Iterable, Iterator
from typing import Protocol


class TimelineView(Protocol):
    """What queries need of a timeline: in memory (``Timeline``) or read from the cache."""

    @property
    def chronology(self) -> Chronology: ...
    @property
    def events(self) -> Iterable[Event]: ...
    def overlapping(self, lo: _dt.date, hi: _dt.date) -> Iterator[Event]: ...
    def within(self, lo: _dt.date, hi: _dt.date) -> Iterator[Event]: ...


class Timeline:
    """Events in chronology order, with an index of start days for range look-ups.

    A range query bisects the start days instead of scanning: an event overlapping
    ``[lo, hi]`` starts no later than ``hi`` and no earlier than ``lo`` minus the longest span
    in the data (open-ended events are kept apart, since their span has no length).
    """

    __slots__ = ("_closed", "_longest", "_open", "_starts", "chronology")

    def __init__(self, chronology: Chronology) -> None:
        self.chronology = chronology
        closed = [e for e in chronology.events if e.when.latest is not None]
        self._open = tuple(e for e in chronology.events if e.when.latest is None)
        self._closed = tuple(closed)
        self._starts = [e.when.earliest.toordinal() for e in closed]
        self._longest = max(
            (e.when.latest_or_max.toordinal() - s for e, s in zip(closed, self._starts, strict=True)),
            default=0,
        )

    @property
    def events(self) -> Iterable[Event]:
        """Every event, in order."""
        return self.chronology.events

    def __len__(self) -> int:
        return len(self.chronology.events)

    def overlapping(self, lo: _dt.date, hi: _dt.date) -> Iterator[Event]:
        """Events whose span shares at least one day with ``[lo, hi]``, in order."""
        lo_n, hi_n = lo.toordinal(), hi.toordinal()
        first = bisect.bisect_left(self._starts, lo_n - self._longest)
        last = bisect.bisect_right(self._starts, hi_n)
        closed = (e for e in self._closed[first:last] if e.when.latest_or_max.toordinal() >= lo_n)
        ongoing = (e for e in self._open if e.when.earliest.toordinal() <= hi_n)
        yield from _merge(closed, ongoing)

    def within(self, lo: _dt.date, hi: _dt.date) -> Iterator[Event]:
        """Events whose whole span lies inside ``[lo, hi]``, in order."""
        lo_n, hi_n = lo.toordinal(), hi.toordinal()
        first = bisect.bisect_left(self._starts, lo_n)
        last = bisect.bisect_right(self._starts, hi_n)
        closed = (e for e in self._closed[first:last] if e.when.latest_or_max.toordinal() <= hi_n)
        unbounded = hi == _dt.date.max
        ongoing = (e for e in self._open if unbounded and e.when.earliest.toordinal() >= lo_n)
        yield from _merge(closed, ongoing)


def _merge(left: Iterator[Event], right: Iterator[Event]) -> Iterator[Event]:
    """Merge two ordered event streams (the open-ended list is short)."""
    pending = list(right)
    if not pending:
        yield from left
        return
    yield from heapq.merge(left, pending, key=lambda e: e.sort_key)
