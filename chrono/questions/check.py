"""``chrono check``: every error the loader finds, plus warnings about data that loads but
probably is not what its author meant."""

from __future__ import annotations

import datetime as _dt
import difflib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from chrono.dates.days import year_of
from chrono.errors import Problem, Severity
from chrono.escape import has_unsafe
from chrono.loading.tables import FileReport, ParsedFile, merge
from chrono.model import Chronology, Event, Origin
from chrono.questions.words import words

RARE_KIND_MIN_EVENTS = 20
TYPO_RATIO = 0.75
FUZZY_GROUP_LIMIT = 200
FAR_FUTURE_YEAR = 2200  # later dates are mostly sentinels: 9999-12-31 for "still in force"
TYPO_MAX_WORD = 64
TITLE_BLOCK = 32


@dataclass(frozen=True, slots=True)
class Report:
    """The problems of a check, in file order, and the files read (as their problems name
    them), so that a clean check can still say what it looked at."""

    problems: tuple[Problem, ...]
    paths: tuple[str, ...]

    @property
    def files(self) -> int:
        """How many files were read."""
        return len(self.paths)

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
    return Report(tuple(every), tuple(reports))


LONG_REPORT = 20  # problems past which ``chrono check`` ends with a count per code


# The warnings ``check`` can give; ``--select`` and ``--ignore`` choose among these.
WARNING_CODES = (
    "actor-name", "control-char", "far-future", "future-date", "near-duplicate", "no-source", "rare-kind",
)  # fmt: skip


def unknown_codes(codes: Sequence[str]) -> list[str]:
    """The codes that are no warning's: a typo in CI must not quietly select nothing."""
    return [code for code in dict.fromkeys(codes) if code not in WARNING_CODES]


def only(report: Report, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Report:
    """The report keeping only the warnings whose code is in ``select`` (when given) and not in
    ``ignore``, as ruff's ``--select`` and ``--ignore`` do. Errors are always kept: a file that
    every other command refuses must not pass ``check`` because its error was filtered out.
    The codes are checked first with ``unknown_codes``.
    """
    chosen, dropped = set(select), set(ignore)
    kept = tuple(
        p
        for p in report.problems
        if p.severity is Severity.ERROR or ((not chosen or p.code in chosen) and p.code not in dropped)
    )
    return Report(kept, report.paths)


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
        if any(has_unsafe(text) for text in _texts(event.extra)):
            message = f"{label}: extra holds control or bidirectional-override characters (in a key or a value)"
            yield event, "extra", "control-char", message, None
        if event.earliest > today.toordinal():
            message = f"{label}: date {event.when.edtf} is after today ({today.isoformat()}; pin it with --today)"
            yield event, "date", "future-date", message, None
        yield from _far_future(event, label)
    yield from _near_duplicates(events)


def _far_future(event: Event, label: str) -> Iterator[Warning_]:
    """A date or end after FAR_FUTURE_YEAR, which stretches every timeline's axis to it."""
    when = event.when
    if year_of(when.start.lower) > FAR_FUTURE_YEAR:
        message = f"{label}: date {when.start.edtf} is after the year {FAR_FUTURE_YEAR}; a placeholder?"
        yield event, "date", "far-future", message, None
    if when.end is not None and year_of(when.end.lower) > FAR_FUTURE_YEAR:
        message = (
            f"{label}: end {when.end.edtf} is after the year {FAR_FUTURE_YEAR}; "
            f"if it means 'still ongoing', write the date as '{when.start.edtf}/..'"
        )
        yield event, "end", "far-future", message, None


def _texts(value: object) -> Iterator[str]:
    """Every key and string value of an ``extra`` table, however deep (at most 32 levels)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _near_duplicates(events: Sequence[Event]) -> Iterator[Warning_]:
    """Same kind, dates that overlap, and titles that are the same words or differ by one word's
    typo or one extra word ('Moscow Declaration signed' and 'Moscow declaraton signed').

    Dates overlap when some day may belong to both (``1910`` and ``1910-05-03`` do; two
    eruptions in different years never). Events of a kind are swept in date order, each compared
    with those still running; where more than ``FUZZY_GROUP_LIMIT`` overlap one event, only equal
    titles are looked for, since comparing pairs is quadratic. One comparison costs about the
    number of ``TITLE_BLOCK``-word blocks of the titles (see ``_Title``), not their length
    squared: 200 same-day titles of 800 words are checked in a fraction of a second.
    """
    import heapq

    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_kind[event.kind].append(index)
    for indexes in by_kind.values():
        if len(indexes) < 2:
            continue
        order = sorted(indexes, key=lambda i: (events[i].earliest, i))
        running: list[tuple[int, int]] = []  # (latest day, index): a heap, the soonest over first
        titles: dict[tuple[str, ...], list[int]] = defaultdict(list)  # running events by title
        parsed: dict[int, _Title] = {}
        for index in order:
            event = events[index]
            while running and running[0][0] < event.earliest:
                _, gone = heapq.heappop(running)
                titles[words(events[gone].title)].remove(gone)
            key = words(event.title)
            same = titles[key]
            if same:
                yield _duplicate(events, index, min(same))
            elif len(running) <= FUZZY_GROUP_LIMIT:
                title = parsed.setdefault(index, _Title(key))
                for _, other in running:
                    other_title = parsed.setdefault(other, _Title(words(events[other].title)))
                    if _one_word_apart(other_title, title):
                        yield _duplicate(events, index, other)
                        break
            heapq.heappush(running, (event.when.latest_or_max, index))
            same.append(index)


def _duplicate(events: Sequence[Event], one: int, other: int) -> Warning_:
    """The warning, on whichever of the two comes later in the files."""
    later, first = (events[one], events[other]) if one > other else (events[other], events[one])
    return later, "title", "near-duplicate", _duplicate_message(later, first), None


class _Title:
    """A title's words, interned (equal words are one object, so comparing runs of words is a
    comparison of pointers), and the hash of each block of ``TITLE_BLOCK`` words, so that where
    two titles part is found block by block."""

    __slots__ = ("blocks", "words")

    def __init__(self, text_words: tuple[str, ...]) -> None:
        self.words = tuple(map(sys.intern, text_words))
        self.blocks = [hash(self.words[i : i + TITLE_BLOCK]) for i in range(0, len(self.words), TITLE_BLOCK)]

    def common_prefix(self, other: _Title) -> int:
        """How many leading words the two titles share."""
        a, b = self.words, other.words
        block = next((k for k, (x, y) in enumerate(zip(self.blocks, other.blocks, strict=False)) if x != y), None)
        start = min(len(a), len(b)) if block is None else block * TITLE_BLOCK
        start = min(start, len(a), len(b))
        if a[:start] != b[:start]:  # equal hashes of different blocks: never in practice; stay exact
            start = 0
        while start < min(len(a), len(b)) and a[start] is b[start]:
            start += 1
        return start


def _one_word_apart(first: _Title, second: _Title) -> bool:
    """True when ``second`` is ``first`` with one word misspelt, or with one word more or fewer.

    The titles can only differ where their common prefix ends; the rest is one comparison.
    """
    a, b = first.words, second.words
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if min(len(a), len(b)) >= 2 and a[0] is not b[0] and a[-1] is not b[-1]:
        return False  # one word changed, added or dropped leaves the first or the last in place
    start = first.common_prefix(second)
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :] and _typo(a[start], b[start])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 2 and long[start + 1 :] == short[start:]


def _typo(x: str, y: str) -> bool:
    """True when two different words are one misspelt as the other.

    Words with different digits are different ('Round 1' and 'Round 2', 'T1' and 'T12'). Words
    longer than ``TYPO_MAX_WORD`` characters (hashes, URLs) must match exactly: difflib's ratio
    is quadratic in a word's length, and its cheap upper bounds are tried first.
    """
    if [c for c in x if c.isdigit()] != [c for c in y if c.isdigit()]:
        return False
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) > 1 and (long.startswith(short) or long.endswith(short)):
        return False  # a name inside another ('Meru', 'Semeru'; 'Java', 'Javanese') is another name
    if max(len(x), len(y)) > TYPO_MAX_WORD:
        return False
    matcher = difflib.SequenceMatcher(None, x, y)
    return (
        matcher.real_quick_ratio() >= TYPO_RATIO
        and matcher.quick_ratio() >= TYPO_RATIO
        and matcher.ratio() >= TYPO_RATIO
    )


def _duplicate_message(event: Event, first: Event) -> str:
    dates = "same date, kind" if event.when.edtf == first.when.edtf else "overlapping dates, same kind"
    return f"event '{event.id}': {dates} and nearly the same title as '{first.id}'; a duplicate?"


def _text_warnings_outside_events(chronology: Chronology, reports: Mapping[str, FileReport]) -> Iterator[Problem]:
    """Control characters in actors' names and aliases and in sources' titles, publishers and URLs."""
    checked: list[tuple[str, str, Origin | None, list[str]]] = [
        ("actor", actor.id, actor.origin, [actor.name, *actor.aliases]) for actor in chronology.actors.values()
    ]
    checked += [
        ("source", source.id, source.origin, [source.title, source.publisher or "", source.url or ""])
        for source in chronology.sources.values()
    ]
    for kind, ident, origin, texts in checked:
        if origin is None or origin.path not in reports or not any(has_unsafe(text) for text in texts):
            continue
        line, col = reports[origin.path].positions.key(kind, origin.index, "id")
        message = f"{kind} '{ident}': holds control or bidirectional-override characters"
        yield Problem(origin.path, line, col, Severity.WARNING, "control-char", message)
