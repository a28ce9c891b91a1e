"""The chronology as SQLite tables, and running one read-only statement over them.

The tables hold what the JSON contract holds, one row per event in ``events`` and one row per
list element in the link tables, so that SQL can ask what the options cannot. Read-only is
enforced by SQLite itself, not by looking at the words of the statement: the connection is
opened read-only (or, in memory, with ``query_only``), and an authorizer allows nothing but
reading tables, calling functions other than ``load_extension`` and recursive queries. So
``ATTACH``, ``VACUUM INTO`` (which attaches its target), ``PRAGMA`` and every write are refused
before any file is touched (and a write to ``sqlite_master``, which table-valued functions make
the authorizer ask about, is refused by SQLite itself). Like ``dataset`` and ``cache``, this
module does I/O (the database files); it never prints.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chrono.errors import UsageError
from chrono.sql.functions import DateFunctions

if TYPE_CHECKING:
    from chrono.model import Chronology, Event

# The tables, in the order ``--schema`` shows them; the comments are part of the schema text. The
# keys are declared so that Datasette, sqlite-utils and ``PRAGMA foreign_key_check`` see the
# relations; ``related.related_id`` is not a foreign key, since a filtered export may leave the
# related event out.
SCHEMA = """\
CREATE TABLE events (
  id TEXT NOT NULL PRIMARY KEY, -- the event's id
  date TEXT NOT NULL,      -- EDTF as written: 2001-08-04, 199X, 2001-08/2001-09, 2014/..
  start TEXT NOT NULL,     -- first day it may have started on (ISO)
  "end" TEXT,              -- last day it may have lasted to (ISO); NULL when ongoing
  precision TEXT NOT NULL, -- day, month or year (of the start)
  uncertain INTEGER NOT NULL,   -- 1 when marked ? or %
  approximate INTEGER NOT NULL, -- 1 when marked ~ or %
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT,
  summary TEXT,
  note TEXT,
  extra TEXT NOT NULL,     -- JSON object: json_extract(extra, '$.country')
  file TEXT,               -- the file the event is defined in
  line INTEGER             -- the line of its [[event]] header; NULL when not known (stdin)
);
CREATE TABLE event_actors (
  event_id TEXT NOT NULL REFERENCES events (id),
  position INTEGER NOT NULL, -- 1 for the first actor of the event
  actor TEXT NOT NULL,       -- the display name
  actor_id TEXT REFERENCES actors (id), -- the declared actor's id; NULL for a free-text name
  PRIMARY KEY (event_id, position)
);
CREATE TABLE event_tags (
  event_id TEXT NOT NULL REFERENCES events (id),
  position INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (event_id, position)
);
CREATE TABLE event_sources (
  event_id TEXT NOT NULL REFERENCES events (id),
  position INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources (id),
  PRIMARY KEY (event_id, position)
);
CREATE TABLE related (
  event_id TEXT NOT NULL REFERENCES events (id),
  position INTEGER NOT NULL,
  related_id TEXT NOT NULL, -- an event's id (not a foreign key: a filtered export may leave it out)
  PRIMARY KEY (event_id, position)
);
CREATE TABLE actors (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE actor_aliases (actor_id TEXT NOT NULL REFERENCES actors (id), alias TEXT NOT NULL);
CREATE TABLE sources (
  id TEXT NOT NULL PRIMARY KEY,
  title TEXT NOT NULL,
  publisher TEXT,
  date TEXT,               -- EDTF
  url TEXT
);
"""

# The primary keys index ids and (event_id, position) already.
_INDEXES = """\
CREATE INDEX events_start ON events (start, "end");
CREATE INDEX events_kind ON events (kind);
CREATE INDEX event_actors_actor ON event_actors (actor_id);
CREATE INDEX event_tags_tag ON event_tags (tag);
CREATE INDEX event_sources_source ON event_sources (source_id);
CREATE INDEX related_related ON related (related_id);
CREATE INDEX actor_aliases_actor ON actor_aliases (actor_id);
"""

TABLES = (
    "events",
    "event_actors",
    "event_tags",
    "event_sources",
    "related",
    "actors",
    "actor_aliases",
    "sources",
)


# Building --------------------------------------------------------------------------------------


def _json_default(value: object) -> object:
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def _lines(events: Sequence[Event], paths: Mapping[str, str]) -> dict[tuple[str, int], int]:
    """The line of each event's ``[[event]]`` header, from a scan of each file's text (no TOML
    parsing); files that cannot be read (standard input) have none. ``paths`` maps the names
    files are shown by (a bundled chronology's name) to where they are."""
    from chrono.loading.positions import scan

    found: dict[tuple[str, int], int] = {}
    for path in sorted({event.origin.path for event in events if event.origin is not None}):
        try:
            with open(paths.get(path, path), encoding="utf-8") as stream:
                tables = scan(stream.read()).tables
        except (OSError, ValueError):
            continue
        found.update(((path, index), pos.line) for (kind, index), pos in tables.items() if kind == "event")
    return found


def _event_rows(events: Sequence[Event], lines: dict[tuple[str, int], int]) -> Iterator[tuple[Any, ...]]:
    dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    for event in events:
        when, origin = event.when, event.origin
        latest = when.latest
        yield (
            event.id, when.edtf, when.earliest.isoformat(), None if latest is None else latest.isoformat(),
            when.precision.label, int(when.uncertain), int(when.approximate), event.kind, event.title, event.place,
            event.summary, event.note, dumps(dict(event.extra)),
            None if origin is None else origin.path,
            None if origin is None else lines.get((origin.path, origin.index)),
        )  # fmt: skip


def populate(
    connection: sqlite3.Connection,
    chronology: Chronology,
    events: Iterable[Event] | None = None,
    paths: Mapping[str, str] | None = None,
) -> None:
    """Create the tables and fill them with ``events`` (default: every event) and the catalog;
    ``paths`` maps file names as shown to paths, for the line numbers."""
    chosen = list(chronology.events if events is None else events)
    lines = _lines(chosen, paths or {})
    cursor = connection.cursor()
    cursor.executescript(SCHEMA)
    cursor.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 15)})", _event_rows(chosen, lines))
    actors = chronology.actors
    cursor.executemany(
        "INSERT INTO event_actors VALUES (?, ?, ?, ?)",
        (
            (e.id, n, chronology.actor_name(ref), ref if ref in actors else None)
            for e in chosen
            for n, ref in enumerate(e.actors, 1)
        ),
    )
    for table, attribute in (("event_tags", "tags"), ("event_sources", "sources"), ("related", "related")):
        cursor.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?)",
            ((e.id, n, value) for e in chosen for n, value in enumerate(getattr(e, attribute), 1)),
        )
    cursor.executemany("INSERT INTO actors VALUES (?, ?)", ((a.id, a.name) for a in actors.values()))
    cursor.executemany(
        "INSERT INTO actor_aliases VALUES (?, ?)", ((a.id, alias) for a in actors.values() for alias in a.aliases)
    )
    cursor.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        ((s.id, s.title, s.publisher, s.date.edtf if s.date else None, s.url) for s in chronology.sources.values()),
    )
    cursor.executescript(_INDEXES)
    connection.commit()


def write_database(
    path: str, chronology: Chronology, events: Iterable[Event] | None = None, paths: Mapping[str, str] | None = None
) -> None:
    """Write the tables to a new SQLite file at ``path`` (which must not exist yet)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")  # the caller renames a whole file into place
        populate(connection, chronology, events, paths)
    finally:
        connection.close()


def build_file(
    target: str,
    chronology: Chronology,
    events: Iterable[Event] | None = None,
    paths: Mapping[str, str] | None = None,
    mode: int | None = None,
) -> None:
    """Write the database to a temporary file beside ``target`` and rename it into place, so that a
    reader sees the whole database or none; ``mode`` (0600 in the cache) is set before the rename."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    os.close(handle)
    try:
        os.unlink(temporary)  # sqlite3 creates it afresh
        write_database(temporary, chronology, events, paths)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


# The database beside the cache -----------------------------------------------------------------


def connect(
    specs: Sequence[str],
    read_stdin: Callable[[], bytes] | None,
    directory: str | None,
) -> sqlite3.Connection:
    """A read-only connection to the tables of ``specs``.

    With a cache directory, the tables live in a database file beside the cache, named for the
    input files' paths, sizes and times: a warm run opens it and reads nothing else. It is built
    once from the cached timeline (never by re-reading TOML when the cache is warm) and written
    atomically. Standard input, ``--no-cache`` or an unwritable directory: a database in memory.
    """
    from chrono.cache.store import fingerprint, load_timeline
    from chrono.loading.dataset import resolve_inputs

    inputs = resolve_inputs(specs)
    named = {source.name: source.path for source in inputs if source.path is not None}
    if directory is None or any(source.path is None for source in inputs):
        return in_memory(load_timeline(specs, read_stdin, None)[0].chronology, named)
    paths = [str(source.path) for source in inputs]
    try:
        before = fingerprint(paths)
    except (OSError, ValueError):
        before = None
    if before is None:  # not regular files, or unreadable: the loader says what is wrong
        return in_memory(load_timeline(specs, read_stdin, None)[0].chronology, named)
    target = database_path(directory, before)
    if os.path.exists(target):
        try:
            connection = open_readonly(target)
            connection.execute("SELECT count(*) FROM events").fetchone()  # whole and ours, or rebuilt
            return connection
        except sqlite3.Error:
            with contextlib.suppress(OSError):
                os.unlink(target)
    chronology = load_timeline(specs, read_stdin, directory)[0].chronology  # the cache is written with the tables
    try:
        os.makedirs(directory, exist_ok=True)
        build_file(target, chronology, paths=named, mode=0o600)  # as private as the cache beside it
        _prune(target)
        if fingerprint(paths) == before:
            return open_readonly(target)
        os.unlink(target)  # a file changed while it was read: not kept
    except (OSError, sqlite3.Error):
        pass  # an unwritable cache directory only costs speed
    return in_memory(chronology, named)


def database_path(directory: str, inputs: list[list[Any]]) -> str:
    """``<cache file's name>-<key of the inputs' sizes and times>.sqlite`` in ``directory``."""
    import zlib

    from chrono.cache.store import cache_file

    stem = cache_file(directory, inputs).removesuffix(".cache")
    text = json.dumps(inputs).encode()
    return f"{stem}-{zlib.crc32(text):08x}{zlib.adler32(text):08x}.sqlite"


def _prune(keep: str) -> None:
    """Remove the databases of earlier versions of the same input files."""
    directory, name = os.path.split(keep)
    stem = name.rsplit("-", 1)[0] + "-"
    for other in os.listdir(directory):
        if other.startswith(stem) and other.endswith(".sqlite") and other != name:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, other))


# Querying --------------------------------------------------------------------------------------

_ALLOWED = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE})
_REFUSED_FUNCTIONS = frozenset({"load_extension"})


def _authorize(action: int, first: str | None, second: str | None, database: str | None, trigger: str | None) -> int:
    """Allow reading and calling functions, nothing else (see the module's docstring)."""
    if action in _ALLOWED:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and first == "sqlite_master" and database == "main":
        # SQLite asks this while it sets up a table-valued function such as json_each(). A
        # statement cannot change sqlite_master anyway: SQLite refuses it without the
        # writable_schema pragma (refused here), and the connection is read-only.
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION and (second or "").lower() not in _REFUSED_FUNCTIONS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@dataclass(frozen=True, slots=True)
class Result:
    """A statement's column names and its rows (read as they are iterated)."""

    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]]


def open_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection to a database file."""
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True, isolation_level=None)


def in_memory(chronology: Chronology, paths: Mapping[str, str] | None = None) -> sqlite3.Connection:
    """A database in memory holding the chronology, then made read-only."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute("BEGIN")
    populate(connection, chronology, paths=paths)
    connection.execute("PRAGMA query_only = ON")
    return connection


def execute(connection: sqlite3.Connection, statement: str, today: _dt.date) -> Result:
    """Run one read-only statement; refused writes and SQL errors become a UsageError (exit 2)."""
    functions = DateFunctions(today)
    for name, (arity, function) in functions.table().items():
        connection.create_function(name, arity, function, deterministic=True)
    connection.set_authorizer(_authorize)
    try:
        cursor = connection.execute(statement)
    except (sqlite3.Error, sqlite3.Warning) as exc:
        raise _failure(exc, functions) from None
    columns = tuple(column[0] for column in cursor.description or ())
    return Result(columns, _rows(cursor, functions))


def _rows(cursor: sqlite3.Cursor, functions: DateFunctions) -> Iterator[tuple[Any, ...]]:
    try:
        while True:
            batch = cursor.fetchmany(512)
            if not batch:
                break
            yield from batch
    except (sqlite3.Error, sqlite3.Warning) as exc:
        raise _failure(exc, functions) from None


def _failure(exc: Exception, functions: DateFunctions) -> UsageError:
    """One line for a statement SQLite refused or could not run."""
    if functions.error is not None:
        return UsageError(functions.error)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if message in ("not authorized", "authorization denied"):  # the second: VACUUM INTO
        message = "not authorized: chrono sql only reads (no writes, ATTACH, VACUUM, PRAGMA or extensions)"
    elif "one statement at a time" in message:
        message = "give one statement at a time"
    return UsageError(f"SQL: {message}")
