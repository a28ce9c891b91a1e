"""The exported database declares its keys, so that Datasette, sqlite-utils and SQLite itself
see the relations between events, actors and sources."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chrono.loading.bundled import names
from tests.conftest import Invoke


def _export(invoke: Invoke, target: Path, *args: str) -> sqlite3.Connection:
    result = invoke(["export", "--format", "sqlite", "-o", str(target), *args])
    assert result.exit_code == 0, result.stderr
    return sqlite3.connect(target)


def _references(db: sqlite3.Connection, table: str) -> set[tuple[str, str, str]]:
    """(column, referenced table, referenced column) of TABLE's foreign keys."""
    rows = db.execute(f"select * from pragma_foreign_key_list('{table}')").fetchall()
    return {(row[3], row[2], row[4]) for row in rows}


def test_ids_are_primary_keys_and_links_are_foreign_keys(invoke: Invoke, tmp_path: Path) -> None:
    db = _export(invoke, tmp_path / "all.sqlite")
    for table in ("events", "actors", "sources"):
        keys = [row[1] for row in db.execute(f"select * from pragma_table_info('{table}')") if row[5]]
        assert keys == ["id"], table
    assert _references(db, "event_actors") == {("event_id", "events", "id"), ("actor_id", "actors", "id")}
    assert _references(db, "event_sources") == {("event_id", "events", "id"), ("source_id", "sources", "id")}
    assert _references(db, "actor_aliases") == {("actor_id", "actors", "id")}
    for table in ("event_tags", "related"):
        assert _references(db, table) == {("event_id", "events", "id")}
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("insert into events (id, date, start, precision, uncertain, approximate, kind, title, extra) "
                   "select id, date, start, precision, 0, 0, kind, title, '{}' from events limit 1")  # fmt: skip


@pytest.mark.parametrize("name", [*names(), "all"])
def test_the_bundled_data_passes_foreign_key_check(invoke: Invoke, tmp_path: Path, name: str) -> None:
    data = [arg for bundled in names() for arg in ("--data", bundled)] if name == "all" else ["--data", name]
    db = _export(invoke, tmp_path / "out.sqlite", *data)
    assert db.execute("select count(*) from events").fetchone()[0] > 40
    assert db.execute("select count(*) from event_sources").fetchone()[0] > 0
    assert db.execute("pragma foreign_key_check").fetchall() == []
    # The check is real: a link to a source that is not there is reported.
    db.execute("insert into event_sources select id, 99, 'no-such-source' from events limit 1")
    assert [row[2] for row in db.execute("pragma foreign_key_check")] == ["sources"]


def test_a_filtered_export_keeps_its_links_whole(invoke: Invoke, tmp_path: Path) -> None:
    db = _export(invoke, tmp_path / "some.sqlite", "--from", "2019", "--to", "2019")
    assert 0 < db.execute("select count(*) from events").fetchone()[0] < 100
    assert db.execute("pragma foreign_key_check").fetchall() == []
