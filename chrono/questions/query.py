"""A filter spec -> the matching events, in the order asked for. Pure: no I/O, no today."""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple, Protocol

from chrono.dates.days import DAWN, FOREVER, iso
from chrono.errors import UsageError
from chrono.questions.extras import ExtraTest, compiled

if TYPE_CHECKING:
    from chrono.model import Chronology, Event


class RangeIndex(Protocol):
    """What ``query.run`` needs of a timeline: every event, and the range look-ups."""

    @property
    def chronology(self) -> Chronology: ...
    @property
    def events(self) -> Iterable[Event]: ...
    def overlapping(self, lo: int, hi: int) -> Iterator[Event]: ...
    def within(self, lo: int, hi: int) -> Iterator[Event]: ...


class Match(enum.Enum):
    """How an event's span must relate to the asked range."""

    OVERLAP = "overlap"
    WITHIN = "within"
    START = "start"  # the start date lies wholly inside the range: "signed in 1993"


class SortKey(enum.Enum):
    """What ``--sort`` orders by; ties fall back to chronology order."""

    DATE = "date"
    TITLE = "title"
    KIND = "kind"
    ID = "id"


class Query(NamedTuple):
    """Every filter of ``chrono list``; all combine with AND."""

    lo: int = DAWN  # day numbers (chrono.dates.days)
    hi: int = FOREVER
    match: Match = Match.OVERLAP
    kinds: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    place: str | None = None
    grep: str | None = None
    extras: tuple[tuple[str, str], ...] = ()  # --extra KEY=VALUE, all of them
    extra_tests: tuple[ExtraTest, ...] = ()  # --extra 'KEY>=VALUE' (> < <= >= !=), all of them
    sort: SortKey = SortKey.DATE
    reverse: bool = False
    limit: int | None = None

    def bounds(self) -> tuple[int | None, int | None]:
        """The range's first and last day, each None where the range is open."""
        return (None if self.lo == DAWN else self.lo, None if self.hi == FOREVER else self.hi)

    def with_range(self, lo: int | None, hi: int | None) -> Query:
        """Narrow the range (intersection with what is already there)."""
        new_lo = max(self.lo, lo) if lo is not None else self.lo
        new_hi = min(self.hi, hi) if hi is not None else self.hi
        return self._replace(lo=new_lo, hi=new_hi)


def compile_grep(pattern: str) -> re.Pattern[str]:
    """The ``--grep`` pattern, case-insensitive; a bad one is a usage error."""
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as exc:
        raise UsageError(f"invalid regular expression {pattern!r}: {exc}", option="--grep") from None


def is_plain_range(query: Query) -> bool:
    """True when the query is only a date range in chronology order (what the cache answers
    from its stored lines without decoding events)."""
    return not (
        query.kinds
        or query.actors
        or query.tags
        or query.place
        or query.grep
        or query.reverse
        or query.extras
        or query.extra_tests
    ) and (query.sort is SortKey.DATE and query.match is not Match.START)


def check_range(query: Query) -> None:
    """Refuse a range that ends before it starts (a usage mistake, not 'nothing found')."""
    if query.lo > query.hi:
        raise UsageError(
            f"the range is empty: it starts {iso(query.lo)} and ends {iso(query.hi)}", option="--from/--to"
        )


def run(query: Query, timeline: RangeIndex) -> Iterator[Event]:
    """The events matching ``query``, sorted, reversed and limited as asked (what a timeline's
    ``select`` answers; commands ask the timeline, not this function)."""
    check_range(query)
    unbounded = query.lo == DAWN and query.hi == FOREVER
    if unbounded:
        candidates: Iterable[Event] = timeline.events
    elif query.match is Match.OVERLAP:
        candidates = timeline.overlapping(query.lo, query.hi)
    elif query.match is Match.START:
        candidates = starting(timeline.overlapping(query.lo, query.hi), query.lo, query.hi)
    else:
        candidates = timeline.within(query.lo, query.hi)
    events: Iterator[Event] = filter(predicate(query, timeline.chronology), candidates)
    if query.sort is not SortKey.DATE:
        key = _SORTERS[query.sort]
        events = iter(sorted(events, key=key, reverse=query.reverse))
    elif query.reverse:
        events = iter(list(events)[::-1])
    return islice(events, query.limit) if query.limit is not None else events


def starts_inside(event: Event, lo: int, hi: int) -> bool:
    """True when every day the event's start date may stand for lies in ``[lo, hi]``: an event
    dated 1993 started in 1993; one dated 199X or 1992/1994 may not have."""
    start = event.when.start
    return lo <= event.when.earliest and start.upper <= hi


def starting(events: Iterable[Event], lo: int, hi: int) -> Iterator[Event]:
    """The events (of those overlapping ``[lo, hi]``) whose start lies wholly inside it."""
    return (event for event in events if starts_inside(event, lo, hi))


_SORTERS = {
    SortKey.TITLE: lambda e: (e.title.casefold(), e.sort_key),
    SortKey.KIND: lambda e: (e.kind, e.sort_key),
    SortKey.ID: lambda e: e.id,
}


def predicate(query: Query, chronology: Chronology) -> _Predicate:
    """The non-date filters as one callable."""
    return _Predicate(query, chronology)


class _Predicate:
    """Filters compiled once per query: regexes built, actor spellings resolved to refs."""

    def __init__(self, query: Query, chronology: Chronology) -> None:
        from chrono.questions.words import words

        self.kinds = frozenset(query.kinds)
        self.tags = tuple(tag.casefold() for tag in query.tags)
        self.place = words(query.place) if query.place else None
        self.grep = compile_grep(query.grep) if query.grep else None
        self.chronology = chronology
        self.actor_refs = [_matching_refs(name, chronology) for name in query.actors]
        self.extras = tuple((key.casefold(), words(value)) for key, value in query.extras)
        self.tests = tuple(compiled(test) for test in query.extra_tests)
        self.active = bool(
            self.kinds or self.tags or self.place or self.grep or self.actor_refs or self.extras or self.tests
        )

    def __call__(self, event: Event) -> bool:
        if not self.active:
            return True
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.tags:
            have = {tag.casefold() for tag in event.tags}
            if not all(tag in have for tag in self.tags):
                return False
        if self.actor_refs and not all(refs.intersection(event.actors) for refs in self.actor_refs):
            return False
        if self.place is not None and (event.place is None or not _place_matches(event.place, self.place)):
            return False
        if self.extras and not all(_extra_matches(event, key, value) for key, value in self.extras):
            return False
        if self.tests and not all(test(extra_value(event, test.test.key)) for test in self.tests):
            return False
        return self.grep is None or self.grep.search(searchable_text(event, self.chronology)) is not None


def _place_matches(place: str, wanted: tuple[str, ...]) -> bool:
    from chrono.questions.words import contains_words, words

    return contains_words(words(place), wanted)


def extra_value(event: Event, key: str) -> object:
    """The value of ``extra.KEY`` (the key matched ignoring case when not written exactly), or None."""
    if key in event.extra:
        return event.extra[key]
    folded = key.casefold()
    for name, value in event.extra.items():
        if name.casefold() == folded:
            return value
    return None


def extra_texts(value: object) -> list[str]:
    """An extra value as texts: each element of a list (nested ones flattened), tables as their values."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in extra_texts(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in extra_texts(item)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return [value.isoformat()]
    return [str(value)]


def _extra_matches(event: Event, key: str, wanted: tuple[str, ...]) -> bool:
    """``--extra KEY=VALUE``: the value (or any element of a list) equals VALUE, ignoring case,
    accents and punctuation."""
    from chrono.questions.words import words

    return any(words(text) == wanted for text in extra_texts(extra_value(event, key)))


def _matching_refs(query: str, chronology: Chronology) -> frozenset[str]:
    """Every actor reference in the data (declared id or free text) that the query names."""
    from chrono.questions.words import name_matches

    refs: set[str] = set()
    for actor in chronology.actors.values():
        if name_matches(query, actor.spellings):
            refs.add(actor.id)
    free = {ref for ref in chronology.actor_refs if ref not in chronology.actors}
    refs.update(ref for ref in free if name_matches(query, (ref,)))
    return frozenset(refs)


def searchable_text(event: Event, chronology: Chronology) -> str:
    """The text ``--grep`` searches: id, title, summary, note, place, actor names, tags and the
    values of ``extra``."""
    parts = [event.id, event.title, event.summary or "", event.note or "", event.place or ""]
    parts.extend(chronology.actor_names(event))
    parts.extend(event.tags)
    if event.extra:
        parts.extend(extra_texts(dict(event.extra)))
    return "\n".join(parts)
