"""The chronology as SQLite tables: building them, and the read-only connection to them.

The tables hold what the JSON contract holds, one row per event in ``events`` and one row per
list element in the link tables, so that SQL can ask what the options cannot. A database is built
in memory and handed on as bytes: ``export --format sqlite`` writes them through the one writer
(``chrono.writing.files``), and the database beside the cache is a cache file like any other
(``chrono.cache.blobs``: the cache's one key, validity rule and opener). A database is only ever
opened from bytes this user's chrono built and checked, never from a file by its name. Running a
statement is ``chrono.sql.statement``. Like ``dataset`` and ``cache``, this does I/O; it never
prints.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from chrono.dates.days import iso
from chrono.escape import iso_default, strict_json

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
  start TEXT,              -- first day it may have started on (ISO); NULL for an open start (../1900)
  "end" TEXT,              -- last day it may have lasted to (ISO); NULL when ongoing
  precision TEXT NOT NULL, -- day, month, season or year (of the start)
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


def _lines(events: Sequence[Event], paths: Mapping[str, str]) -> dict[tuple[str, int], int]:
    """The line of each event's ``[[event]]`` header, from a scan of each file's text (no TOML
    parsing); files that cannot be read (standard input) have none. ``paths`` maps the names
    files are shown by (a bundled chronology's name) to where they are."""
    from chrono.errors import ChronoError
    from chrono.loading.dataset import decode, read_file
    from chrono.loading.positions import scan

    found: dict[tuple[str, int], int] = {}
    for path in sorted({event.origin.path for event in events if event.origin is not None}):
        try:
            tables = scan(decode(path, read_file(paths.get(path, path)))).tables
        except (ChronoError, ValueError):
            continue
        found.update(((path, index), pos.line) for (kind, index), pos in tables.items() if kind == "event")
    return found


def utf8_text(name: str) -> str:
    """A file name as the output contract writes it: each byte that is not UTF-8 (a lone
    surrogate here) as the escape ``\\udcXX``, so that the text is valid UTF-8 for SQLite."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _event_rows(events: Sequence[Event], lines: dict[tuple[str, int], int]) -> Iterator[tuple[Any, ...]]:
    for event in events:
        when, origin = event.when, event.origin
        latest, start = when.latest, None if when.open_start else iso(when.earliest)
        yield (
            event.id, when.edtf, start, None if latest is None else iso(latest),
            when.precision.label, int(when.uncertain), int(when.approximate), event.kind, event.title, event.place,
            event.summary, event.note, strict_json(dict(event.extra), default=iso_default),
            None if origin is None else utf8_text(origin.path),
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


def build_bytes(
    chronology: Chronology, events: Iterable[Event] | None = None, paths: Mapping[str, str] | None = None
) -> bytes:
    """The bytes of a database file holding the tables (built in memory; no file is touched)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute("BEGIN")
        populate(connection, chronology, events, paths)
        return _serialize(connection)
    finally:
        connection.close()


def _serialize(connection: sqlite3.Connection) -> bytes:
    serialize = getattr(connection, "serialize", None)  # Python 3.11
    if serialize is not None:
        return bytes(serialize())
    import tempfile

    with tempfile.TemporaryDirectory(prefix="chrono-sql-") as scratch:  # private: 0700
        target = sqlite3.connect(os.path.join(scratch, "db"))
        try:
            connection.backup(target)
        finally:
            target.close()
        with open(os.path.join(scratch, "db"), "rb") as stream:
            return stream.read()


def from_bytes(data: bytes) -> sqlite3.Connection:
    """A connection to the database in ``data``, in memory, checked to hold only chrono's tables
    and their indexes (no view or trigger to run); sqlite3.Error otherwise."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        deserialize = getattr(connection, "deserialize", None)  # Python 3.11
        if deserialize is not None:
            deserialize(data)
        else:
            _restore(connection, data)
        connection.execute("PRAGMA trusted_schema = OFF")
        names = ", ".join(f"'{name}'" for name in TABLES)
        foreign = connection.execute(
            f"SELECT count(*) FROM sqlite_master WHERE type NOT IN ('table', 'index') OR tbl_name NOT IN ({names})"
        ).fetchone()[0]
        if foreign or connection.execute("SELECT count(*) FROM events").fetchone() is None:
            raise sqlite3.DatabaseError("not a database chrono built")
    except BaseException:
        connection.close()
        raise
    return connection


def _restore(connection: sqlite3.Connection, data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="chrono-sql-") as scratch:  # private: 0700
        path = os.path.join(scratch, "db")
        with open(path, "xb") as stream:
            stream.write(data)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection)
        finally:
            source.close()


# The database beside the cache -----------------------------------------------------------------


def connect(
    specs: Sequence[str],
    read_stdin: Callable[[], bytes] | None,
    directory: str | None,
) -> sqlite3.Connection:
    """A connection to the tables of ``specs`` (made read-only when a statement runs).

    With a usable cache directory the tables are kept beside the cache (``chrono.cache.blobs``):
    a warm run reads that one file and nothing else. They are built from the cached timeline
    (never by re-reading TOML when the cache is warm), and kept only when that timeline came
    from a cache valid for the same inputs. Standard input, ``--no-cache`` or a cache directory
    chrono may not use: built in memory each time.
    """
    from chrono.cache.blobs import blob_file, read_blob, write_blob
    from chrono.cache.opener import usable_directory
    from chrono.cache.records import CacheMiss
    from chrono.cache.store import fingerprint, load_timeline
    from chrono.cache.timeline import CachedTimeline
    from chrono.loading.dataset import resolve_inputs

    inputs = resolve_inputs(specs)
    named = {source.name: source.path for source in inputs if source.path is not None}
    directory = usable_directory(directory)
    before = None
    if directory is not None and all(source.path is not None for source in inputs):
        with contextlib.suppress(OSError, ValueError):  # unreadable: the loader says what is wrong
            before = fingerprint([str(source.path) for source in inputs])
    if directory is None or before is None:
        return from_bytes(build_bytes(load_timeline(specs, read_stdin, None)[0].chronology, paths=named))
    target = blob_file(directory, before, ".sqlite")
    with contextlib.suppress(CacheMiss, sqlite3.Error):
        return from_bytes(read_blob(target, before))
    timeline = load_timeline(specs, read_stdin, directory)[0]  # the cache is written with the tables
    payload = build_bytes(timeline.chronology, paths=named)
    if isinstance(timeline, CachedTimeline) and timeline.inputs == before:
        with contextlib.suppress(OSError):  # an unwritable cache directory only costs speed
            write_blob(target, payload, before, timeline.sums, timeline.read_at)
    return from_bytes(payload)
