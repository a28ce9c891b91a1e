"""TOML text -> model values, collecting every problem with its file:line:col.

Each file is parsed (tomli) and its tables turned into model values while problems are
collected — all of them, not just the first; then ``merge`` checks ids across files (duplicates,
unresolved sources and related events). Positions are found only when there is a problem to
report (see ``positions``), so valid data loads at parse speed. No I/O here: see ``dataset``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chrono.dates.edtf import DateSpan, make_span
from chrono.dates.written import coerce_date, coerce_span
from chrono.errors import DateError, Problem, Severity
from chrono.loading.syntax import parse_toml
from chrono.model import Actor, Chronology, Event, Origin, Source, build

if TYPE_CHECKING:
    from chrono.loading.positions import FilePositions

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
KIND_RE = re.compile(r"[a-z][a-z0-9-]*")
MAX_EXTRA_DEPTH = 32

TOP_KEYS = ("event", "actor", "source")
EVENT_KEYS = (
    "id", "date", "end", "kind", "title", "place", "actors", "tags", "summary", "note",
    "sources", "related", "extra",
)  # fmt: skip
EVENT_REQUIRED = ("id", "date", "kind", "title")
ACTOR_KEYS = ("id", "name", "aliases")
ACTOR_REQUIRED = ("id", "name")
SOURCE_KEYS = ("id", "title", "publisher", "date", "url")
SOURCE_REQUIRED = ("id", "title")


@dataclass(slots=True)
class FileReport:
    """Collects one file's problems and places them, scanning the text only when needed."""

    name: str
    text: str
    problems: list[Problem] = field(default_factory=list)
    _positions: FilePositions | None = None

    @property
    def positions(self) -> FilePositions:
        if self._positions is None:
            from chrono.loading.positions import scan  # only when there is a problem to place

            self._positions = scan(self.text)
        return self._positions

    def at_key(self, table: str, index: int, key: str, code: str, message: str) -> None:
        line, col = self.positions.key(table, index, key)
        self.problems.append(Problem(self.name, line, col, Severity.ERROR, code, message))

    def at_value(self, table: str, index: int, key: str, code: str, message: str, literal: str | None = None) -> None:
        line, col = self.positions.value(table, index, key, literal)
        self.problems.append(Problem(self.name, line, col, Severity.ERROR, code, message))


@dataclass(slots=True)
class ParsedFile:
    """One file's records before merging, with the report that places their problems."""

    report: FileReport
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # Every id written, valid record or not, so that one broken event does not make every
    # reference to it a second error; and every reference, to check once all files are read.
    declared: list[tuple[str, int, str]] = field(default_factory=list)  # (table kind, index, id)
    references: list[tuple[int, str, str, str]] = field(default_factory=list)  # index, key, id, label

    @classmethod
    def failed(cls, name: str, problems: Iterable[Problem]) -> ParsedFile:
        """A file that could not be read as text: no records, only its problems."""
        return cls(FileReport(name, "", list(problems)))


def parse_file(name: str, text: str, document: dict[str, Any] | None = None) -> ParsedFile:
    """Turn one file's text into records, collecting every problem found; ``document`` is the
    text as tomli parsed it already, if it was (``fmt`` needs its values too)."""
    report = FileReport(name, text)
    parsed = ParsedFile(report)
    problem = None
    if document is None:
        document, problem = parse_toml(name, text)
    if problem is not None or document is None:
        report.problems.append(problem or Problem(name, 1, 1, Severity.ERROR, "toml", "empty"))
        return parsed
    for key, value in document.items():
        pos = report.positions.top.get(key) if key not in TOP_KEYS or not _is_tables(value) else None
        line, col = (pos.line, pos.col) if pos else (1, 1)
        if key not in TOP_KEYS:
            message = (
                f"unknown top-level key '{key}'{_suggest(key, TOP_KEYS)}; "
                "a chronology holds [[event]], [[actor]] and [[source]] tables"
            )
            report.problems.append(Problem(name, line, col, Severity.ERROR, "unknown-key", message))
        elif not _is_tables(value):
            message = f"'{key}' must be an array of tables, written [[{key}]]"
            report.problems.append(Problem(name, line, col, Severity.ERROR, "type", message))
    for kind in TOP_KEYS:
        parsed.declared.extend(
            (kind, index, table["id"])
            for index, table in enumerate(_tables(document, kind))
            if isinstance(table.get("id"), str)
        )
    for index, table in enumerate(_tables(document, "event")):
        for key in ("sources", "related"):
            refs = table.get(key)
            if isinstance(refs, list):
                label = _label("event", index, table)
                parsed.references.extend((index, key, ref, label) for ref in refs if isinstance(ref, str))
    for index, table in enumerate(_tables(document, "actor")):
        actor = _actor(report, index, table)
        if actor is not None:
            parsed.actors.append(actor)
    for index, table in enumerate(_tables(document, "source")):
        source = _source(report, index, table)
        if source is not None:
            parsed.sources.append(source)
    for index, table in enumerate(_tables(document, "event")):
        event = _event(report, index, table)
        if event is not None:
            parsed.events.append(event)
    return parsed


def _is_tables(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _tables(document: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key)
    return value if isinstance(value, list) and _is_tables(value) else []


def _suggest(word: str, choices: Iterable[str]) -> str:
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_keys(
    report: FileReport,
    kind: str,
    index: int,
    table: Mapping[str, Any],
    allowed: Sequence[str],
    required: Sequence[str],
    label: str,
) -> None:
    for key in table:
        if key not in allowed:
            report.at_key(kind, index, key, "unknown-key", f"{label}: unknown key '{key}'{_suggest(key, allowed)}")
    for key in required:
        if key not in table:
            report.at_key(kind, index, key, "missing-key", f"{label}: missing required key '{key}'")


def _label(kind: str, index: int, table: Mapping[str, Any]) -> str:
    ident = table.get("id")
    return f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} #{index + 1}"


def _string(report: FileReport, kind: str, index: int, table: Mapping[str, Any], key: str, label: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        report.at_value(kind, index, key, "type", f"{label}: {key}: expected a string, got {_show(value)}")
        return None
    if key in ("title", "name") and not value.strip():
        report.at_value(kind, index, key, "type", f"{label}: {key}: must not be empty")
        return None
    return value


def _strings(
    report: FileReport, kind: str, index: int, table: Mapping[str, Any], key: str, label: str
) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        report.at_value(kind, index, key, "type", f"{label}: {key}: expected an array of strings, got {_show(value)}")
        return ()
    return tuple(value)


def _ident(report: FileReport, kind: str, index: int, table: Mapping[str, Any], label: str) -> str | None:
    value = table.get("id")
    if value is None:
        return None
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        rule = "lowercase letters, digits and '-', starting with a letter or digit"
        message = f"{label}: id: {_show(value)} is not a valid id ({rule})"
        report.at_value(kind, index, "id", "bad-id", message)
        return None
    return value


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _depth(value: object, limit: int) -> bool:
    """True when a nested value stays within ``limit`` levels (checked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if level > limit:
            return False
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return True


def _event(report: FileReport, index: int, table: dict[str, Any]) -> Event | None:
    label = _label("event", index, table)
    before = len(report.problems)
    _check_keys(report, "event", index, table, EVENT_KEYS, EVENT_REQUIRED, label)
    ident = _ident(report, "event", index, table, label)
    when = _when(report, index, table, label)
    kind = _string(report, "event", index, table, "kind", label)
    if kind is not None and not KIND_RE.fullmatch(kind):
        report.at_value(
            "event",
            index,
            "kind",
            "bad-kind",
            f"{label}: kind: {kind!r} is not a lowercase word (letters, digits and '-')",
        )
        kind = None
    title = _string(report, "event", index, table, "title", label)
    texts = {key: _string(report, "event", index, table, key, label) for key in ("place", "summary", "note")}
    lists = {
        key: _strings(report, "event", index, table, key, label) for key in ("actors", "tags", "sources", "related")
    }
    extra = table.get("extra", {})
    if not isinstance(extra, dict):
        report.at_value("event", index, "extra", "type", f"{label}: extra: expected a table, got {_show(extra)}")
    elif not _depth(extra, MAX_EXTRA_DEPTH):
        report.at_value(
            "event", index, "extra", "nesting", f"{label}: extra: nested deeper than {MAX_EXTRA_DEPTH} levels"
        )
    if len(report.problems) > before or ident is None or when is None or kind is None or title is None:
        return None
    return Event(
        id=ident,
        when=when,
        kind=kind,
        title=title,
        place=texts["place"],
        actors=lists["actors"],
        tags=lists["tags"],
        summary=texts["summary"],
        note=texts["note"],
        sources=lists["sources"],
        related=lists["related"],
        extra=extra,
        origin=Origin(report.name, index),
    )


def _when(report: FileReport, index: int, table: Mapping[str, Any], label: str) -> DateSpan | None:
    raw_date, raw_end = table.get("date"), table.get("end")
    if raw_date is None:
        return None
    try:
        span = coerce_span(raw_date)
    except DateError as exc:
        report.at_value("event", index, "date", "bad-date", f"{label}: date: {exc}")
        return None
    if raw_end is None:
        return span
    if span.end is not None or span.open_end:
        report.at_key(
            "event",
            index,
            "end",
            "bad-date",
            f"{label}: end: given twice, as 'end' and in the interval date {span.edtf!r}",
        )
        return None
    try:
        end = coerce_date(raw_end)
    except DateError as exc:
        report.at_value("event", index, "end", "bad-date", f"{label}: end: {exc}")
        return None
    try:
        return make_span(span.start, end)
    except DateError:
        message = f"{label}: end: {end.edtf} is before the date {span.start.edtf}"
        report.at_value("event", index, "end", "end-before-date", message)
        return None


def _actor(report: FileReport, index: int, table: dict[str, Any]) -> Actor | None:
    label = _label("actor", index, table)
    before = len(report.problems)
    _check_keys(report, "actor", index, table, ACTOR_KEYS, ACTOR_REQUIRED, label)
    ident = _ident(report, "actor", index, table, label)
    name = _string(report, "actor", index, table, "name", label)
    aliases = _strings(report, "actor", index, table, "aliases", label)
    if ident is None or name is None or len(report.problems) > before:
        return None
    return Actor(ident, name, aliases, origin=Origin(report.name, index))


def _source(report: FileReport, index: int, table: dict[str, Any]) -> Source | None:
    label = _label("source", index, table)
    before = len(report.problems)
    _check_keys(report, "source", index, table, SOURCE_KEYS, SOURCE_REQUIRED, label)
    ident = _ident(report, "source", index, table, label)
    title = _string(report, "source", index, table, "title", label)
    publisher = _string(report, "source", index, table, "publisher", label)
    url = _string(report, "source", index, table, "url", label)
    date: DateSpan | None = None
    if "date" in table:
        try:
            date = coerce_span(table["date"])
        except DateError as exc:
            report.at_value("source", index, "date", "bad-date", f"{label}: date: {exc}")
    if ident is None or title is None or len(report.problems) > before:
        return None
    return Source(ident, title, publisher, date, url, origin=Origin(report.name, index))


def merge(files: Sequence[ParsedFile]) -> tuple[Chronology, list[Problem]]:
    """Merge parsed files into one chronology; duplicate and unresolved ids become problems."""
    reports = {parsed.report.name: parsed.report for parsed in files}
    problems: list[Problem] = [p for parsed in files for p in parsed.report.problems]

    first_seen: dict[tuple[str, str], tuple[str, int]] = {}
    for parsed in files:
        report = parsed.report
        for kind, index, ident in parsed.declared:
            if (kind, ident) not in first_seen:
                first_seen[(kind, ident)] = (report.name, index)
                continue
            line, col = report.positions.value(kind, index, "id")
            first_path, first_index = first_seen[(kind, ident)]
            first_line = reports[first_path].positions.value(kind, first_index, "id")[0]
            message = f"{kind} '{ident}': duplicate id (first defined at {first_path}:{first_line})"
            problems.append(Problem(report.name, line, col, Severity.ERROR, "duplicate-id", message))
    # With duplicates there are problems and no chronology is used, so which one wins is moot.
    actors = {actor.id: actor for parsed in files for actor in parsed.actors}
    sources = {source.id: source for parsed in files for source in parsed.sources}
    events = {event.id: event for parsed in files for event in parsed.events}
    known = {
        "sources": {ident for kind, ident in first_seen if kind == "source"},
        "related": {ident for kind, ident in first_seen if kind == "event"},
    }
    for parsed in files:
        report = parsed.report
        for index, key, ref, label in parsed.references:
            if ref in known[key]:
                continue
            line, col = report.positions.value("event", index, key, ref)
            what, code = ("source", "unresolved-source") if key == "sources" else ("event", "unresolved-related")
            message = f"{label}: {key}: no {what} with id '{ref}'{_suggest(ref, known[key])}"
            problems.append(Problem(report.name, line, col, Severity.ERROR, code, message))
    chronology = build(events.values(), actors, sources)
    order = {parsed.report.name: number for number, parsed in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line, p.col))
    return chronology, problems
