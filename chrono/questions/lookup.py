"""Finding events by id or unique prefix, and their links in both directions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chrono.model import Chronology, Event

ELLIPSIS = "…"  # where a narrow terminal's table shortened an id (``chrono.render.shorten``)


@dataclass(frozen=True, slots=True)
class Miss:
    """An id that named no single event: the closest ids, or the candidates of a prefix."""

    query: str
    candidates: tuple[str, ...]
    ambiguous: bool
    by_words: bool = False  # the candidates hold the query's words, not start with it

    def message(self) -> str:
        """One line saying what went wrong and what was probably meant."""
        if self.ambiguous:
            shown = ", ".join(self.candidates[:8]) + (", ..." if len(self.candidates) > 8 else "")
            how = "matches words of" if self.by_words else "starts"
            return f"'{self.query}' is ambiguous: it {how} {len(self.candidates)} ids ({shown})"
        if self.candidates:
            return f"no event '{self.query}'; did you mean {' or '.join(repr(c) for c in self.candidates)}?"
        return f"no event '{self.query}'"


def find(chronology: Chronology, query: str, ids: Sequence[str] | None = None) -> Event | Miss:
    """The event with this id, the only one whose id starts with it, or the only one holding its
    words as whole words (``kyoto`` -> ``1997-12-11-kyoto-protocol``); else a Miss. The one rule
    of every command that takes an id (``show``, ``between``, ``edit``, completion)."""
    by_id = chronology.by_id()
    if query in by_id:
        return by_id[query]
    if not query.strip():  # every id starts with '': that is no prefix, but no id at all
        return Miss(query, (), ambiguous=False)
    every = sorted(by_id) if ids is None else list(ids)
    # An id as a narrow table shows it, head…tail ('.' on an ASCII terminal: ids have no dots).
    pattern = query.replace(".", ELLIPSIS, 1) if ELLIPSIS not in query else query
    if ELLIPSIS in pattern:
        shortened = [ident for ident in every if _stands_for(pattern, ident)]
        if len(shortened) == 1:
            return by_id[shortened[0]]
        if shortened:
            return Miss(query, tuple(shortened), ambiguous=True)
    starting = [ident for ident in every if ident.startswith(query)]
    if len(starting) == 1:
        return by_id[starting[0]]
    if starting:
        return Miss(query, tuple(starting), ambiguous=True)
    worded = word_matches(query, every)
    if len(worded) == 1:
        return by_id[worded[0]]
    if worded:
        return Miss(query, tuple(worded), ambiguous=True, by_words=True)
    import difflib  # only for a miss

    close = difflib.get_close_matches(query, every, n=3, cutoff=0.6)
    return Miss(query, tuple(close), ambiguous=False)


def _stands_for(shortened: str, ident: str) -> bool:
    """Whether an id shortened around an ellipsis (``head…tail``) could be ``ident``."""
    head, _, tail = shortened.partition(ELLIPSIS)
    return ident.startswith(head) and ident.endswith(tail) and len(ident) >= len(head) + len(tail)


def word_matches(query: str, ids: Sequence[str]) -> list[str]:
    """The ids holding every word of the query as a whole word, in any order (as ``--actor``
    matches names): ``moscow 2001`` finds ``moscow-visit-2001``; in the order given."""
    from chrono.questions.words import words

    wanted = set(words(query))
    if not wanted:
        return []
    return [ident for ident in ids if wanted.issubset(words(ident))]


@dataclass(frozen=True, slots=True)
class Links:
    """An event's related events: those it lists and those that list it."""

    links_to: tuple[Event, ...]
    linked_from: tuple[Event, ...]


def links(chronology: Chronology, event: Event) -> Links:
    """Related events in both directions, in chronology order."""
    by_id = chronology.by_id()
    to = tuple(sorted((by_id[i] for i in event.related if i in by_id), key=lambda e: e.sort_key))
    back = tuple(e for e in chronology.events if event.id in e.related)
    return Links(to, back)
