"""Running one read-only statement over the tables, within bounds of time and memory.

Read-only is enforced by SQLite itself, not by looking at the words of the statement: the
connection is read-only (``query_only``), and an authorizer allows nothing but reading tables,
calling functions other than ``load_extension`` and ``fts3_tokenizer`` (which prints a library
address and, given two arguments, registers a pointer) and recursive queries. So ``ATTACH``,
``VACUUM INTO`` (which attaches its target), ``PRAGMA`` and every write are refused before any file
is touched (a write to ``sqlite_master``, which table-valued functions make the authorizer ask
about, is refused by SQLite itself). The schema is not trusted (``trusted_schema`` off, defensive
mode where Python offers it).

A statement runs under a progress handler, called every few thousand steps of SQLite's machine:
it ends the statement when ``timeout`` has passed, and it is where Ctrl-C reaches a statement that
would otherwise run on in C (a recursive query without end, a cross join of seven tables), which
then ends within a few milliseconds as KeyboardInterrupt (exit 130). A string or blob longer than
``MAX_LENGTH``, or memory running out, is a usage error naming the cause.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from chrono.errors import UsageError
from chrono.sql import DEFAULT_TIMEOUT
from chrono.sql.functions import DateFunctions

MAX_LENGTH = 100_000_000  # bytes in one string or blob; chronologies hold nothing near this
HEAP_LIMIT = 1 << 30  # bytes SQLite may allocate in all
_STEPS = 1000  # machine steps between two calls of the progress handler (well under 1 ms)

_ALLOWED = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE})
_REFUSED_FUNCTIONS = frozenset({"load_extension", "fts3_tokenizer"})


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


class _Watch:
    """The progress handler: ends the statement at its deadline or on Ctrl-C."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.deadline = None if not timeout else time.monotonic() + timeout
        self.timed_out = False
        self.interrupted = False

    def __call__(self) -> int:
        try:
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.timed_out = True
                return 1
            return 0
        except KeyboardInterrupt:  # Ctrl-C, delivered while SQLite called back into Python
            self.interrupted = True
            return 1


def harden(connection: sqlite3.Connection) -> None:
    """Settings every connection gets before a statement runs (while PRAGMA is still allowed)."""
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT}")
    setconfig = getattr(connection, "setconfig", None)  # Python 3.12
    if setconfig is not None:
        setconfig(getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", 1010), True)
    setlimit = getattr(connection, "setlimit", None)  # Python 3.11
    if setlimit is not None:
        setlimit(getattr(sqlite3, "SQLITE_LIMIT_LENGTH", 0), MAX_LENGTH)
        setlimit(getattr(sqlite3, "SQLITE_LIMIT_ATTACHED", 7), 0)
    connection.execute("PRAGMA query_only = ON")


@dataclass(frozen=True, slots=True)
class Result:
    """A statement's column names and its rows (read as they are iterated)."""

    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]]


def execute(
    connection: sqlite3.Connection, statement: str, today: _dt.date, timeout: float | None = DEFAULT_TIMEOUT
) -> Result:
    """Run one read-only statement; refused writes, SQL errors, a statement past ``timeout``
    seconds (None or 0: no limit) and memory running out become a UsageError (exit 2), Ctrl-C a
    KeyboardInterrupt."""
    functions = DateFunctions(today)
    for name, (arity, function) in functions.table().items():
        connection.create_function(name, arity, function, deterministic=True)
    harden(connection)
    watch = _Watch(timeout)
    connection.set_progress_handler(watch, _STEPS)
    connection.set_authorizer(_authorize)
    try:
        cursor = connection.execute(statement)
    except (sqlite3.Error, sqlite3.Warning, MemoryError) as exc:
        raise _failure(exc, functions, watch) from None
    columns = tuple(column[0] for column in cursor.description or ())
    return Result(columns, _rows(cursor, functions, watch))


def _rows(cursor: sqlite3.Cursor, functions: DateFunctions, watch: _Watch) -> Iterator[tuple[Any, ...]]:
    try:
        while True:
            batch = cursor.fetchmany(512)
            if not batch:
                break
            yield from batch
    except (sqlite3.Error, sqlite3.Warning, MemoryError) as exc:
        raise _failure(exc, functions, watch) from None


def _failure(exc: BaseException, functions: DateFunctions, watch: _Watch) -> UsageError:
    """One line for a statement SQLite refused or could not run (KeyboardInterrupt for Ctrl-C)."""
    if functions.error is not None:
        return UsageError(functions.error)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if watch.timed_out:
        return UsageError(f"SQL: the statement ran longer than {watch.timeout:g} s; stopped (see --timeout)")
    if watch.interrupted or message == "interrupted":
        raise KeyboardInterrupt
    if isinstance(exc, MemoryError) or message in ("out of memory", "string or blob too big"):
        limit = f"{MAX_LENGTH // 1_000_000} MB a value, {HEAP_LIMIT >> 20} MiB in all"
        return UsageError(f"SQL: the statement needs more memory than chrono allows ({limit}); stopped")
    if message in ("not authorized", "authorization denied"):  # the second: VACUUM INTO
        message = "not authorized: chrono sql only reads (no writes, ATTACH, VACUUM, PRAGMA or extensions)"
    elif "one statement at a time" in message:
        message = "give one statement at a time"
    return UsageError(f"SQL: {message}")
