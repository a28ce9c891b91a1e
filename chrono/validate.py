"""``chrono check``: every error the loader finds, plus warnings about data that loads but
probably is not what its author meant."""

from __future__ import annotations

import datetime as _dt
import difflib
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from chrono.errors import Problem, Severity
from chrono.escape import has_unsafe
from chrono.model import Chronology, Event, Origin
from chrono.names import words
from chrono.parsing import FileReport, ParsedFile, merge

RARE_KIND_MIN_EVENTS = 20
TYPO_RATIO = 0.75
FUZZY_GROUP_LIMIT = 200
FAR_FUTURE_YEAR = 2200  # later dates are mostly sentinels: 9999-12-31 for "still in force"


@dataclass(frozen=True, slots=True)
class Report:
    """The problems of a check, in file order, and how many files were read."""

    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> int:
        """How many errors."""
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)


def check(files: Sequence[ParsedFile], today: _dt.date) -> Report:
    """Errors of every file and across files, then warnings about what did load."""
    chronology, problems = merge(files)
    reports = {parsed.report.name: parsed.report for parsed in files}
    warnings = list(_warnings(chronology, today))
    placed = []
    for event, key, code, message, literal in warnings:
        origin = event.origin
        if origin is None or origin.path not in reports:
            continue
        line, col = reports[origin.path].positions.value("event", origin.index, key, literal)
        placed.append(Problem(origin.path, line, col, Severity.WARNING, code, message))
    placed.extend(_text_warnings_outside_events(chronology, reports))
    order = {name: number for number, name in enumerate(reports)}
    every = sorted([*problems, *placed], key=lambda p: (order.get(p.path, len(order)), p.line, p.col))
    return Report(tuple(every), len(files))


LONG_REPORT = 20  # problems past which ``chrono check`` ends with a count per code


def only(report: Report, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Report:
    """The report keeping only the problems whose code is in ``select`` (when given) and not in
    ``ignore``, as ruff's ``--select`` and ``--ignore`` do."""
    chosen, dropped = set(select), set(ignore)
    kept = tuple(p for p in report.problems if (not chosen or p.code in chosen) and p.code not in dropped)
    return Report(kept, report.files)


def code_counts(problems: Sequence[Problem]) -> list[tuple[str, str, int]]:
    """(code, severity, count) per code: most frequent first, then by code."""
    counted = Counter((p.code, p.severity.value) for p in problems)
    return [(code, severity, n) for (code, severity), n in sorted(counted.items(), key=lambda i: (-i[1], i[0]))]


# (event, key to point at, code, message, literal to find in the key's value)
Warning_ = tuple[Event, str, str, str, "str | None"]


def _warnings(chronology: Chronology, today: _dt.date) -> Iterator[Warning_]:
    events = chronology.events
    kinds = Counter(event.kind for event in events)
    declared: dict[tuple[str, ...], str] = {}
    for actor in chronology.actors.values():
        for spelling in (actor.name, *actor.aliases):
            declared.setdefault(words(spelling), actor.id)
    for event in events:
        label = f"event '{event.id}'"
        if not event.sources:
            yield event, "id", "no-source", f"{label}: no source is cited", None
        if len(events) >= RARE_KIND_MIN_EVENTS and kinds[event.kind] == 1:
            others = [kind for kind in kinds if kind != event.kind]
            close = difflib.get_close_matches(event.kind, others, n=1, cutoff=0.75)
            if close:
                message = f"{label}: kind '{event.kind}' is used once; did you mean '{close[0]}'?"
                yield event, "kind", "rare-kind", message, None
        for ref in event.actors:
            if ref not in chronology.actors and words(ref) in declared:
                actor_id = declared[words(ref)]
                message = f"{label}: actor '{ref}' is a declared actor's name; write its id '{actor_id}'"
                yield event, "actors", "actor-name", message, ref
        for key in ("title", "place", "summary", "note", "actors", "tags"):
            value = getattr(event, key)
            values = value if isinstance(value, tuple) else (value,) if value else ()
            if any(has_unsafe(text) for text in values):
                message = f"{label}: {key} holds control or bidirectional-override characters"
                yield event, key, "control-char", message, None
        if event.earliest > today:
            message = f"{label}: date {event.when.edtf} is after today ({today.isoformat()}; pin it with --today)"
            yield event, "date", "future-date", message, None
        yield from _far_future(event, label)
    yield from _near_duplicates(events)


def _far_future(event: Event, label: str) -> Iterator[Warning_]:
    """A date or end after FAR_FUTURE_YEAR, which stretches every timeline's axis to it."""
    when = event.when
    if when.start.lower.year > FAR_FUTURE_YEAR:
        message = f"{label}: date {when.start.edtf} is after the year {FAR_FUTURE_YEAR}; a placeholder?"
        yield event, "date", "far-future", message, None
    if when.end is not None and when.end.lower.year > FAR_FUTURE_YEAR:
        message = (
            f"{label}: end {when.end.edtf} is after the year {FAR_FUTURE_YEAR}; "
            f"if it means 'still ongoing', write the date as '{when.start.edtf}/..'"
        )
        yield event, "end", "far-future", message, None


def _near_duplicates(events: Sequence[Event]) -> Iterator[Warning_]:
    """Same date and kind, and titles that are the same words or differ by one word's typo or
    one extra word ('Moscow Declaration signed' and 'Moscow declaraton signed').

    Comparing pairs is quadratic, so a date-and-kind group larger than ``FUZZY_GROUP_LIMIT`` is
    only checked for equal titles.
    """
    groups: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        groups[(event.when.edtf, event.kind)].append(event)
    for group in groups.values():
        if len(group) < 2:
            continue
        seen: dict[tuple[str, ...], Event] = {}
        for event in group:
            key = words(event.title)
            if key in seen:
                yield event, "title", "near-duplicate", _duplicate_message(event, seen[key]), None
            else:
                seen[key] = event
        if len(seen) > FUZZY_GROUP_LIMIT:
            continue
        distinct = list(seen.items())
        for i, (first_words, first) in enumerate(distinct):
            for second_words, second in distinct[i + 1 :]:
                if _one_word_apart(first_words, second_words):
                    yield second, "title", "near-duplicate", _duplicate_message(second, first), None


def _one_word_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when ``b`` is ``a`` with one word misspelt, or with one word more or fewer."""
    if len(a) == len(b):
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differing) != 1:
            return False
        x, y = differing[0]
        if [c for c in x if c.isdigit()] != [c for c in y if c.isdigit()]:
            return False  # 'Round 1' and 'Round 2', 'T1' and 'T12' are different events
        return difflib.SequenceMatcher(None, x, y).ratio() >= TYPO_RATIO
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) - len(short) != 1 or len(short) < 2:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _duplicate_message(event: Event, first: Event) -> str:
    return f"event '{event.id}': same date, kind and nearly the same title as '{first.id}'; a duplicate?"


def _text_warnings_outside_events(chronology: Chronology, reports: Mapping[str, FileReport]) -> Iterator[Problem]:
    """Control characters in actors' names and aliases and in sources' titles."""
    checked: list[tuple[str, str, Origin | None, list[str]]] = [
        ("actor", actor.id, actor.origin, [actor.name, *actor.aliases]) for actor in chronology.actors.values()
    ]
    checked += [("source", source.id, source.origin, [source.title]) for source in chronology.sources.values()]
    for kind, ident, origin, texts in checked:
        if origin is None or origin.path not in reports or not any(has_unsafe(text) for text in texts):
            continue
        line, col = reports[origin.path].positions.key(kind, origin.index, "id")
        message = f"{kind} '{ident}': holds control or bidirectional-override characters"
        yield Problem(origin.path, line, col, Severity.WARNING, "control-char", message)
