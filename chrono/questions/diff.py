"""What changed between two chronologies, keyed by id — not by line.

Reordering events, reformatting a file or moving events between files is no change: records
are compared as values. An event that disappears while another with the same date, kind and
title appears under a new id is a rename. A date change says what it is: a refinement (the new
span lies inside the old one), a coarsening (the old lies inside the new), a restatement (the
same days, written differently: a qualifier added, say) or a move.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from chrono.dates.edtf import DateSpan
from chrono.model import Actor, Chronology, Event, Source


class Op(enum.Enum):
    """What happened to a record."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"


class DateChange(enum.Enum):
    """How a date changed."""

    REFINEMENT = "refinement"
    COARSENING = "coarsening"
    RESTATEMENT = "restatement"
    MOVE = "move"


@dataclass(frozen=True, slots=True)
class Change:
    """One difference. ``id`` is an event id, or ``actor:ID`` / ``source:ID`` for those tables."""

    op: Op
    id: str
    field: str | None = None
    old: Any = None
    new: Any = None
    date_change: DateChange | None = None
    # Where the record is (the old file for a removal): location, not content, so not compared.
    file: str | None = dataclasses.field(default=None, compare=False)


EVENT_FIELDS = ("date", "kind", "title", "place", "actors", "tags", "summary", "note", "sources", "related", "extra")


def _value(event: Event, name: str) -> Any:
    if name == "date":
        return event.when.edtf
    value = getattr(event, name)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as data: a NaN equals a NaN (a file compared with itself has no changes), and
    values of different types differ (``true`` is not ``1``, ``1`` not ``1.0``), as in TOML."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def classify(old: DateSpan, new: DateSpan) -> DateChange:
    """Refinement, coarsening, restatement or move, by the days each span covers."""
    old_lo, old_hi = old.earliest, old.latest_or_max
    new_lo, new_hi = new.earliest, new.latest_or_max
    if (old_lo, old_hi) == (new_lo, new_hi):
        return DateChange.RESTATEMENT
    if old_lo <= new_lo and new_hi <= old_hi:
        return DateChange.REFINEMENT
    if new_lo <= old_lo and old_hi <= new_hi:
        return DateChange.COARSENING
    return DateChange.MOVE


def event_changes(old: Event, new: Event) -> Iterator[Change]:
    """Field-by-field differences of one event (same or renamed id)."""
    for name in EVENT_FIELDS:
        before, after = _value(old, name), _value(new, name)
        if not same(before, after):
            kind = classify(old.when, new.when) if name == "date" else None
            yield Change(Op.CHANGED, new.id, name, before, after, kind, _file(new))


def _file(record: Event | Actor | Source) -> str | None:
    return record.origin.path if record.origin is not None else None


def _identity(event: Event) -> tuple[str, str, str]:
    return (event.when.edtf, event.kind, event.title)


def _record_changes(
    prefix: str, old: Mapping[str, Actor | Source], new: Mapping[str, Actor | Source]
) -> Iterator[Change]:
    for ident in sorted(old.keys() - new.keys()):
        yield Change(Op.REMOVED, f"{prefix}:{ident}", None, _describe(old[ident]), None, file=_file(old[ident]))
    for ident in sorted(new.keys() - old.keys()):
        yield Change(Op.ADDED, f"{prefix}:{ident}", None, None, _describe(new[ident]), file=_file(new[ident]))
    for ident in sorted(old.keys() & new.keys()):
        if old[ident] != new[ident]:
            for name in old[ident].__dataclass_fields__:
                if name in ("id", "origin"):
                    continue
                before, after = _plain(getattr(old[ident], name)), _plain(getattr(new[ident], name))
                if before != after:
                    yield Change(Op.CHANGED, f"{prefix}:{ident}", name, before, after, file=_file(new[ident]))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, DateSpan):
        return value.edtf
    return value


def _describe(record: Actor | Source) -> str:
    return record.name if isinstance(record, Actor) else record.title


def diff(old: Chronology, new: Chronology) -> list[Change]:
    """Every difference from ``old`` to ``new``: events by id, then actors and sources."""
    old_events, new_events = old.by_id(), new.by_id()
    removed = {i: e for i, e in old_events.items() if i not in new_events}
    added = {i: e for i, e in new_events.items() if i not in old_events}
    changes: list[Change] = []
    by_identity: dict[tuple[str, str, str], list[str]] = {}
    for ident, event in added.items():
        by_identity.setdefault(_identity(event), []).append(ident)
    for ident, event in sorted(removed.items(), key=lambda item: item[1].sort_key):
        candidates = by_identity.get(_identity(event), [])
        if len(candidates) == 1 and candidates[0] in added:
            new_id = candidates.pop()
            renamed = added.pop(new_id)
            changes.append(Change(Op.RENAMED, new_id, "id", ident, new_id, file=_file(renamed)))
            changes.extend(event_changes(event, renamed))
        else:
            changes.append(Change(Op.REMOVED, ident, None, f"{event.when.edtf} {event.title}", None, file=_file(event)))
    for ident, event in sorted(added.items(), key=lambda item: item[1].sort_key):
        changes.append(Change(Op.ADDED, ident, None, None, f"{event.when.edtf} {event.title}", file=_file(event)))
    for ident in sorted(old_events.keys() & new_events.keys(), key=lambda i: new_events[i].sort_key):
        changes.extend(event_changes(old_events[ident], new_events[ident]))
    changes.extend(_record_changes("actor", old.actors, new.actors))
    changes.extend(_record_changes("source", old.sources, new.sources))
    return changes
