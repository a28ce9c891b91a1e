"""New events — for ``chrono import`` and ``chrono add`` — built, checked and written as TOML.

A new event is a plain TOML table (a dict) until it is written. ``append_tables`` is the one
routine both commands write through: it appends explicit ``[[event]]`` (``[[source]]``,
``[[actor]]``) tables to a file's bytes in the file's own line ending and runs the loader over the
result together with the rest of its chronology, so nothing chrono writes fails ``chrono check``
with an error, and a file chrono wrote can always be appended to. ``add_event`` is ``chrono add``:
the file locked, the event checked against the chronology the file belongs to, then appended.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chrono.dates.days import civil, iso, year_text
from chrono.dates.edtf import DateSpan, Precision, make_span, parse_span
from chrono.errors import DataError, DateError, UsageError

# tomli-w escapes C0 controls and DEL; C1 controls and bidirectional overrides can only stand
# inside TOML strings, where the same \uXXXX escape means the same character.
from chrono.escape import json_safe
from chrono.writing.fmt import table_text
from chrono.writing.tomltext import date_value

if TYPE_CHECKING:
    from chrono.loading.tables import ParsedFile
    from chrono.model import Chronology
    from chrono.writing.datafile import Held

_ID_RUN_RE = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 48


def normalise_id(text: str) -> str:
    """Text in chrono's id form: lowercase ASCII (accents dropped), other runs of characters
    '-'. The one id rule: new ids (``slug``), id cells and ``--id-prefix`` of imports use it."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _ID_RUN_RE.sub("-", plain).strip("-")


def slug(text: str) -> str:
    """``normalise_id`` of a text, at most ``MAX_SLUG`` characters, cut at a '-' where it can."""
    words = normalise_id(text)
    if len(words) <= MAX_SLUG:
        return words
    cut = words[:MAX_SLUG]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def _id_date(text: str) -> str:
    """A date as an id's head: EDTF as written, a year before 1 as its BC year, since an id
    starts with a letter or digit ('-0043-03-15' -> '44bc-03-15', 'Y-11345' -> '11346bc')."""
    match = re.fullmatch(r"y?(-?)(\d+)(.*)", text.lower())
    if match is None or (not match.group(1) and int(match.group(2)) != 0):
        return text.lower().lstrip("y+")
    return f"{int(match.group(2)) + 1}bc{match.group(3)}"


def make_id(span: DateSpan, title: str, taken: set[str], prefix: str = "") -> str:
    """A stable id from date and title ('2001-08-04-moscow-declaration'), unique among ``taken``.

    At most ``MAX_SLUG`` characters, suffix included, so a long title does not squeeze a table's
    other columns; ``prefix`` (already in id form) keeps two imports' ids apart.
    """
    head = "-".join(part for part in (prefix, _id_date(span.start.day_text)) if part)
    base = _join(head, slug(title), MAX_SLUG)
    ident, number = base, 2
    while ident in taken:
        suffix = f"-{number}"
        ident, number = _join(head, base[len(head) + 1 :], MAX_SLUG - len(suffix)) + suffix, number + 1
    taken.add(ident)
    return ident


def _join(head: str, words: str, limit: int) -> str:
    """``head-words`` in at most ``limit`` characters, cutting ``words`` at a '-' where it can."""
    room = limit - len(head) - 1
    if room <= 0 or not words:
        return head[:limit]
    if len(words) > room:
        cut = words[:room]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return f"{head}-{words}"


def split_list(cell: str) -> list[str]:
    """A list cell: items separated by ';' (as chrono's own TSV and CSV write them)."""
    return [item.strip() for item in cell.split(";") if item.strip()]


def today_stamp(today: _dt.date) -> str:
    """A header line saying when and by what a file was written."""
    return f"# Written by chrono on {today.isoformat()}.\n\n"


# ---------------------------------------------------------------------------------------------
# Writing tables


def table_toml(kind: str, table: Mapping[str, Any]) -> str:
    """One explicit ``[[kind]]`` table as TOML text (never tomli-w's inline array of tables,
    which would land inside the table before it when appended to a file).

    JSON ``null`` has no TOML form: a key whose value is null is left out, and so is a null item
    of an array (imported ``extra`` data often holds them).
    """
    from chrono.loading.tables import MAX_EXTRA_DEPTH, _depth

    if not _depth(table, MAX_EXTRA_DEPTH + 2):  # checked without recursion, before writing recurses
        name = table.get("id", "?")
        raise UsageError(f"{kind} '{name}': a value is nested deeper than {MAX_EXTRA_DEPTH} levels")
    # Written in chrono fmt's canonical layout, so that a file add and import write passes
    # `chrono fmt --check` (and a pre-commit hook) as it is.
    text = json_safe(table_text(kind, _without_nulls(dict(table))))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: bytes that were not UTF-8 (an argument, a JSON escape)
        name = table.get("id", "?")
        raise UsageError(f"{kind} '{name}': text that is not valid UTF-8 cannot be written to TOML") from None
    return text


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value


def newline_of(data: bytes) -> bytes:
    """The line ending a file uses: that of its first line (CRLF or LF)."""
    first = data.find(b"\n")
    return b"\r\n" if first > 0 and data[first - 1 : first] == b"\r" else b"\n"


def append_tables(
    original: bytes,
    name: str,
    *,
    events: Iterable[Mapping[str, Any]] = (),
    sources: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    context: Sequence[ParsedFile] = (),
) -> bytes:
    """``original`` with the tables appended (actors, sources, then events), in its line ending.

    The result is loaded together with ``context`` (the other files of its chronology) and any
    problem raised as a DataError: nothing is returned that chrono itself could not read back.
    """
    from chrono.loading.dataset import decode
    from chrono.loading.tables import merge, parse_file

    newline = newline_of(original)
    blocks = [table_toml("actor", t) for t in actors] + [table_toml("source", t) for t in sources]
    blocks += [table_toml("event", t) for t in events]
    added = "\n".join(blocks).encode("utf-8")
    if newline != b"\n":
        added = added.replace(b"\n", newline)
    if not original or original.endswith((newline * 2, b"\n\n")):
        separator = b""
    else:
        separator = newline if original.endswith(b"\n") else newline * 2
    updated = original + separator + added
    mine = parse_file(name, decode(name, updated))
    _, problems = merge([*context, mine])
    if problems:
        raise DataError(problems)
    return updated


def document(
    events: Sequence[Mapping[str, Any]],
    sources: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    header: str = "",
    name: str = "<import>",
) -> str:
    """A whole, checked chronology file: header comment, then actors, sources and events."""
    raw = append_tables(header.encode("utf-8"), name, events=events, sources=sources, actors=actors)
    return raw.decode("utf-8")


# ---------------------------------------------------------------------------------------------
# chrono add


@dataclass(frozen=True, slots=True)
class NewEvent:
    """What ``chrono add`` was asked to add, as given on the command line."""

    date: str
    kind: str
    title: str
    end: str | None = None
    ident: str | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    summary: str | None = None
    note: str | None = None
    today: _dt.date | None = None  # for relative dates ('yesterday'); None: EDTF only


def span_argument(text: str, today: _dt.date | None) -> DateSpan:
    """A date as ``add --date`` takes it: EDTF as written, else every form a filter's date
    argument takes ('today', 'last week', '19 July 2000'), resolved against ``today`` and
    written as EDTF at its own precision (a day, a month, a year; a week as its days' interval)."""
    from chrono.dates.written import read_written

    try:
        return read_written(text)  # EDTF and every written form, kept as written
    except DateError:
        if today is None:
            raise
    from chrono.dates.arguments import parse_date_arg

    arg = parse_date_arg(text, today)
    low, high = arg.lower, arg.upper
    if low == high:
        return parse_span(iso(low))
    (low_y, low_m, low_d), (high_y, high_m, _) = civil(low), civil(high)
    whole_year = (low_m, low_d) == (1, 1) and civil(high)[1:] == (12, 31) and low_y == high_y
    if arg.precision is Precision.YEAR and whole_year:
        return parse_span(year_text(low_y))
    whole_month = low_d == 1 and civil(high + 1)[2] == 1 and low_m == high_m
    if arg.precision is Precision.MONTH and whole_month and low_y == high_y:
        return parse_span(iso(low)[:-3])
    return parse_span(f"{iso(low)}/{iso(high)}")


def event_table(new: NewEvent, chronology: Chronology, where: str) -> dict[str, Any]:
    """The table of a new event, checked against ``chronology`` (named ``where`` in messages):
    a valid date, kind and title, an id not taken, sources and related events that exist."""
    from chrono.loading.tables import ID_RE, KIND_RE
    from chrono.questions.lookup import Miss, find

    try:
        span = span_argument(new.date, new.today)
        if new.end is not None:
            if span.end is not None or span.open_end:
                raise UsageError("give the end either in --date (A/B) or with --end", option="--end")
            end = span_argument(new.end, new.today)
            span = make_span(span.start, end.end or end.start)
    except DateError as exc:
        raise UsageError(str(exc), option="--date" if new.end is None else "--date/--end") from None
    if not KIND_RE.fullmatch(new.kind):
        raise UsageError(f"{new.kind!r} is not a lowercase word (letters, digits and '-')", option="--kind")
    if not new.title.strip():
        raise UsageError("the title must not be empty", option="--title")
    taken = {event.id for event in chronology.events}
    ident = new.ident
    if ident is None:
        ident = make_id(span, new.title, taken)
    elif not ID_RE.fullmatch(ident):
        raise UsageError(f"{ident!r} is not a valid id (lowercase letters, digits and '-')", option="--id")
    elif ident in taken:
        raise UsageError(f"an event '{ident}' exists already", option="--id")
    for ref in new.sources:
        if ref not in chronology.sources:
            raise UsageError(f"no [[source]] with id '{ref}' in {where}", option="--source")
    for ref in new.related:
        hit = find(chronology, ref)
        if isinstance(hit, Miss) or hit.id != ref:
            raise UsageError(f"no event '{ref}' in {where}", option="--related")
    table: dict[str, Any] = {"id": ident}
    if span.end is not None:
        table["date"], table["end"] = date_value(span.start.edtf), date_value(span.end.edtf)
    else:
        table["date"] = date_value(span.edtf)
    table.update({"kind": new.kind, "title": new.title})
    optional = {"place": new.place, "actors": list(new.actors), "tags": list(new.tags), "summary": new.summary,
                "note": new.note, "sources": list(new.sources), "related": list(new.related)}  # fmt: skip
    table.update({key: value for key, value in optional.items() if value})
    return table


def add_event(path: str, new: NewEvent) -> str:
    """Append ``new`` to the file ``path`` and return its id (``chrono add``).

    The whole read-check-write holds the file's lock (``datafile.locked``), so parallel adds
    each see the others' events and none is lost. The event is checked against the chronology
    the file belongs to: its directory, when the directory's *.toml files load together (a
    ``data/events.toml`` citing sources from ``data/sources.toml``); else the file alone.
    """
    from chrono.writing import datafile

    with datafile.locked(path) as held:
        chronology, context, where = _chronology_of(held)
        table = event_table(new, chronology, where)
        updated = append_tables(held.data, path, events=[table], context=context)
        datafile.commit(held, updated)
    return str(table["id"])


def _chronology_of(held: Held) -> tuple[Chronology, list[ParsedFile], str]:
    """The chronology a held file belongs to (``chrono.loading.siblings``), read from the bytes held."""
    from chrono.loading.dataset import decode
    from chrono.loading.siblings import chronology_of
    from chrono.loading.tables import parse_file

    return chronology_of(parse_file(held.path, decode(held.path, held.data)), held.path)
