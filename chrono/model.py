"""The chronology's values: events, actors and sources, all frozen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chrono.dates.edtf import DateSpan

JsonValue = Any  # what a TOML table's values may hold; kept loose on purpose


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was defined: file and position of its table, for messages."""

    path: str
    index: int  # position among the file's tables of that kind, 0-based


@dataclass(frozen=True, slots=True)
class Actor:
    """A declared actor: one id, a display name, and the other spellings of the name."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False)

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way the actor may be written: id, name and aliases."""
        return (self.id, self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Source:
    """A cited document."""

    id: str
    title: str
    publisher: str | None = None
    date: DateSpan | None = None
    url: str | None = None
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, eq=True)
class Event:
    """One dated event of the chronology."""

    id: str
    when: DateSpan
    kind: str
    title: str
    place: str | None = None
    actors: tuple[str, ...] = ()  # declared actor ids or free-text names, as written
    tags: tuple[str, ...] = ()
    summary: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    extra: Mapping[str, JsonValue] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False)

    @property
    def earliest(self) -> int:
        """The first day (a day number, see chrono.dates.days) the event may have started on."""
        return self.when.earliest

    @property
    def latest(self) -> int | None:
        """The last day it may have lasted to, or None when ongoing."""
        return self.when.latest

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        """Earliest day, then the time within it (none first, then by the moment in UTC), then
        latest day (open ends last), then id: a total order."""
        when = self.when
        return (when.earliest, when.clock, when.latest_or_max, self.id)


@dataclass(frozen=True, slots=True)
class Chronology:
    """Everything loaded from one or more files: events sorted, actors and sources by id.

    ``events`` is a sequence in chronology order: a tuple when loaded from TOML, a lazily
    decoded sequence when read from the cache. ``actor_refs`` holds every actor reference the
    events make, so that a query can resolve names without reading every event.
    """

    events: Sequence[Event]
    actors: Mapping[str, Actor]
    sources: Mapping[str, Source]
    actor_refs: frozenset[str] = frozenset()

    def actor_name(self, ref: str) -> str:
        """The display name for an actor reference: the declared name, or the free text."""
        actor = self.actors.get(ref)
        return actor.name if actor is not None else ref

    def actor_names(self, event: Event) -> list[str]:
        """The display names of an event's actors, in the event's order."""
        return [self.actor_name(ref) for ref in event.actors]

    def kinds(self) -> list[str]:
        """Every kind in use, sorted."""
        return sorted({event.kind for event in self.events})

    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        return sorted({tag for event in self.events for tag in event.tags})

    def by_id(self) -> dict[str, Event]:
        """Events keyed by id."""
        return {event.id: event for event in self.events}


def build(events: Iterable[Event], actors: Mapping[str, Actor], sources: Mapping[str, Source]) -> Chronology:
    """A chronology with its events sorted and its actor references collected."""
    ordered = sort_events(events)
    refs = frozenset(ref for event in ordered for ref in event.actors)
    return Chronology(ordered, actors, sources, refs)


def sort_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events in chronology order (see ``Event.sort_key``)."""
    return tuple(sorted(events, key=lambda event: event.sort_key))
