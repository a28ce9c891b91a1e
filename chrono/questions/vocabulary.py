"""Filter values that no event has, and the nearest values that some event does have.

``list --kind sumit`` answering "0 events" leaves a typo unseen; this names the values of
``--kind``, ``--actor``, ``--tag`` and ``--place`` that match no event on their own (with the
same rules the filters use), so the command can say so on stderr without changing its answer.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import NamedTuple

from chrono.model import Chronology
from chrono.questions.query import Query, predicate


class Unmatched(NamedTuple):
    """A filter value no event has: its option, the value, and the closest existing values."""

    option: str
    value: str
    nearest: tuple[str, ...]

    def message(self) -> str:
        """The note for stderr, in one line."""
        hint = f"; nearest: {', '.join(self.nearest)}" if self.nearest else ""
        return f"note: no event has {self.option} {self.value!r}{hint}"


def unmatched(
    chronology: Chronology, kinds: Sequence[str], actors: Sequence[str], tags: Sequence[str], place: str | None
) -> list[Unmatched]:
    """The values that alone match no event of the chronology, each with up to three nearest."""
    asked: list[tuple[str, str, Query]] = [
        *(("--kind", value, Query(kinds=(value,))) for value in kinds),
        *(("--actor", value, Query(actors=(value,))) for value in actors),
        *(("--tag", value, Query(tags=(value,))) for value in tags),
        *((("--place", place, Query(place=place)),) if place else ()),
    ]
    found = []
    for option, value, query in asked:
        test = predicate(query, chronology)
        if not any(test(event) for event in chronology.events):
            found.append(Unmatched(option, value, nearest(value, _known(chronology, option))))
    return found


def nearest(value: str, known: Sequence[str], most: int = 3) -> tuple[str, ...]:
    """The known values closest to ``value`` (ignoring case), best first."""
    folded = {item.casefold(): item for item in known}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=most, cutoff=0.5)
    return tuple(folded[item] for item in close)


def _known(chronology: Chronology, option: str) -> list[str]:
    if option == "--kind":
        return chronology.kinds()
    if option == "--tag":
        return chronology.tags()
    if option == "--actor":
        names = {chronology.actor_name(ref) for ref in chronology.actor_refs}
        names |= {spelling for actor in chronology.actors.values() for spelling in actor.spellings}
        return sorted(names | _words(names))  # --actor takes whole words of a name too
    places = {event.place for event in chronology.events if event.place}
    return sorted(places | _words(places))


def _words(texts: set[str]) -> set[str]:
    return {word.strip(",.()") for text in texts for word in text.split() if len(word) > 2}
