"""``chrono sql`` and ``chrono export --format sqlite``: the tables, the formats, the guards."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from chrono.cli.main import COMMANDS
from tests.cli.test_process import base_env
from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")

DATA = """\
[[actor]]
id = "hrc"
name = "Hillary Rodham Clinton"
aliases = ["HRC"]

[[source]]
id = "press"
title = "A press release"

[[event]]
id = "1993-05-01-signed"
date = "1993-05-01"
kind = "treaty"
title = "Signed in May 1993"
actors = ["hrc", "Someone Else"]
tags = ["a", "b"]
sources = ["press"]
related = ["1993-year"]
extra = { country = "France", parties = ["Chile", "Perú"] }

[[event]]
id = "1993-year"
date = "1993"
kind = "treaty"
title = "Some day in 1993"

[[event]]
id = "decade"
date = "199X"
kind = "visit"
title = "Some time in the 1990s"

[[event]]
id = "across"
date = "1992/1994"
kind = "visit"
title = "From 1992 to 1994"

[[event]]
id = "ongoing"
date = "1993-06/.."
kind = "talks"
title = "Talks still going on"
"""


@pytest.fixture
def data(write_toml: Callable[..., Path]) -> str:
    return str(write_toml(DATA))


def sql(invoke: Invoke, data: str, statement: str, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return invoke(["sql", "--data", data, statement, *args], **kwargs)


def test_schema_lists_every_table(invoke: Invoke) -> None:
    result = invoke(["sql", "--schema"])
    assert result.exit_code == 0
    for table in ("events", "event_actors", "event_tags", "event_sources", "related", "actors", "actor_aliases"):
        assert f"CREATE TABLE {table} (" in result.stdout
    assert "CREATE TABLE sources (" in result.stdout


def test_events_table_holds_the_json_contract_columns(invoke: Invoke, data: str) -> None:
    result = sql(invoke, data, "select * from events where id = '1993-05-01-signed'", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["date"] == "1993-05-01" and row["start"] == "1993-05-01" and row["end"] == "1993-05-01"
    assert row["precision"] == "day" and row["uncertain"] == 0 and row["approximate"] == 0
    assert json.loads(row["extra"]) == {"country": "France", "parties": ["Chile", "Perú"]}
    assert row["file"] == data and row["line"] == 10  # the line of its [[event]] header
    listed = json.loads(invoke(["list", "--data", data, "--format", "json"]).stdout)
    by_id = {item["id"]: item for item in listed}
    rows = json.loads(sql(invoke, data, 'select id, date, start, "end" from events', "--format", "json").stdout)
    for got in rows:
        assert {k: by_id[got["id"]][k] for k in ("date", "start", "end")} == {
            k: got[k] for k in ("date", "start", "end")
        }
    ongoing = next(r for r in rows if r["id"] == "ongoing")
    assert ongoing["end"] is None


def test_link_tables(invoke: Invoke, data: str) -> None:
    rows = sql(invoke, data, "select event_id, position, actor, actor_id from event_actors", "--format", "tsv")
    assert rows.stdout.splitlines() == [
        "1993-05-01-signed\t1\tHillary Rodham Clinton\thrc",
        "1993-05-01-signed\t2\tSomeone Else\t",
    ]
    assert sql(invoke, data, "select tag from event_tags order by position").stdout == "a\nb\n"
    assert sql(invoke, data, "select source_id from event_sources").stdout == "press\n"
    assert sql(invoke, data, "select related_id from related").stdout == "1993-year\n"
    assert sql(invoke, data, "select id, name from actors").stdout == "hrc\tHillary Rodham Clinton\n"
    assert sql(invoke, data, "select actor_id, alias from actor_aliases").stdout == "hrc\tHRC\n"
    assert sql(invoke, data, "select id, title from sources").stdout == "press\tA press release\n"


def test_formats_and_header(invoke: Invoke, data: str) -> None:
    statement = "select id, kind, \"end\" from events where kind = 'talks'"
    assert sql(invoke, data, statement).stdout == "ongoing\ttalks\t\n"
    assert sql(invoke, data, statement, "--header").stdout == "id\tkind\tend\nongoing\ttalks\t\n"
    rows = list(csv.reader(io.StringIO(sql(invoke, data, statement, "--format", "csv").stdout)))
    assert rows == [["id", "kind", "end"], ["ongoing", "talks", ""]]
    assert json.loads(sql(invoke, data, statement, "--format", "json").stdout) == [
        {"id": "ongoing", "kind": "talks", "end": None}
    ]
    lines = sql(invoke, data, statement, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == [{"id": "ongoing", "kind": "talks", "end": None}]
    table = sql(invoke, data, statement, "--format", "table", "--color", "never")
    assert "ongoing" in table.stdout and "id" in table.stdout and table.stderr == "1 row\n"
    same = sql(invoke, data, "select id, id from events limit 1", "--format", "json")
    assert list(json.loads(same.stdout)[0]) == ["id", "id_2"]


def test_table_valued_json_functions_work(invoke: Invoke, data: str) -> None:
    statement = "select j.value from events, json_each(json_extract(extra, '$.parties')) j order by 1"
    result = sql(invoke, data, statement)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Chile\nPerú\n"


def test_blobs_and_infinity(invoke: Invoke, data: str) -> None:
    result = sql(invoke, data, "select x'00ff' as b, 1e999 as i", "--format", "json")
    assert json.loads(result.stdout) == [{"b": "00ff", "i": "inf"}]
    assert sql(invoke, data, "select x'00ff', -1e999").stdout == "00ff\t-inf\n"


def test_tables_answer_questions_options_cannot(invoke: Invoke, data: str) -> None:
    statement = (
        "select json_extract(extra, '$.country') as country, count(*) from events "
        "where starts_in(date, '1993') group by 1 order by 1"
    )
    assert sql(invoke, data, statement).stdout == "\t2\nFrance\t1\n"  # 1993-year and ongoing: no country


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("select edtf_start('1993'), edtf_end('1993')", "1993-01-01\t1993-12-31\n"),
        ("select edtf_start('2000-02'), edtf_end('2000-02')", "2000-02-01\t2000-02-29\n"),
        ("select edtf_start('199X'), edtf_end('199X')", "1990-01-01\t1999-12-31\n"),
        ("select edtf_start('2001?'), edtf_end('2001-XX')", "2001-01-01\t2001-12-31\n"),
        ("select edtf_start('1992/1994-03'), edtf_end('1992/1994-03')", "1992-01-01\t1994-03-31\n"),
        ("select edtf_start('2014/..'), edtf_end('2014/..')", "2014-01-01\t\n"),
        ("select edtf_end('July 2000'), edtf_end(NULL)", "2000-07-31\t\n"),
        ("select id from events where starts_in(date, '1993') order by id", "1993-05-01-signed\n1993-year\nongoing\n"),
        ("select id from events where within(start, \"end\", '1993') order by id", "1993-05-01-signed\n1993-year\n"),
        (
            "select id from events where overlaps(start, \"end\", '1993-05') order by id",
            "1993-05-01-signed\n1993-year\nacross\ndecade\n",
        ),
        (
            "select id from events where within(start, \"end\", '1993/..') order by id",
            "1993-05-01-signed\n1993-year\nongoing\n",
        ),
    ],
)
def test_date_functions(invoke: Invoke, data: str, statement: str, expected: str) -> None:
    result = sql(invoke, data, statement)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_a_bad_date_in_a_function_is_one_line_exit_2(invoke: Invoke, data: str) -> None:
    result = sql(invoke, data, "select id from events where overlaps(start, \"end\", '1993-13')")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "overlaps(): " in result.stderr and "1993-13" in result.stderr


def test_syntax_error_is_one_line_exit_2(invoke: Invoke, data: str) -> None:
    result = sql(invoke, data, "selec id from events")
    assert result.exit_code == 2
    assert result.stderr == 'chrono: error: SQL: near "selec": syntax error\n'
    two = sql(invoke, data, "select 1; select 2")
    assert two.exit_code == 2 and len(two.stderr.splitlines()) == 1


REFUSED = [
    "insert into events (id) values ('x')",
    "update events set title = 'x'",
    "delete from events",
    "drop table events",
    "create table t (a)",
    "create temp table t (a)",
    "create view v as select 1",
    "attach database 'attached.db' as other",
    "attach 'file:attached.db?mode=rwc' as other",
    "vacuum into 'copy.db'",
    "vacuum",
    "select load_extension('./evil')",
    "pragma query_only = 0",
    "pragma writable_schema = 1",
    "update sqlite_master set sql = ''",
    "delete from sqlite_master",
    "select * from pragma_table_info('events')",
    "begin",
    "reindex",
    "analyze",
]


@pytest.mark.parametrize("cached", [True, False], ids=["cached-db", "in-memory"])
@pytest.mark.parametrize("statement", REFUSED)
def test_writes_are_refused_and_nothing_is_created(
    invoke: Invoke, data: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, statement: str, cached: bool
) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    env = {} if cached else {"CHRONO_CACHE": "0"}
    before = sql(invoke, data, "select count(*) from events", env=env).stdout
    result = sql(invoke, data, statement, env=env)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert list(workdir.iterdir()) == []
    assert sql(invoke, data, "select count(*) from events", env=env).stdout == before == "5\n"


def test_the_database_beside_the_cache_is_not_writable_by_a_statement(invoke: Invoke, data: str) -> None:
    sql(invoke, data, "select 1")
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "chrono"
    databases = list(cache.glob("*.sqlite"))
    assert databases
    stamps = {path: path.read_bytes() for path in databases}
    for statement in REFUSED:
        assert sql(invoke, data, statement).exit_code == 2
    assert {path: path.read_bytes() for path in databases} == stamps


def test_tables_come_from_the_cached_timeline_without_reading_toml(
    invoke: Invoke, data: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(["list", "--data", data]).exit_code == 0  # writes the timeline cache
    import chrono.loading.dataset

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("TOML was read again")

    monkeypatch.setattr(chrono.loading.dataset, "load", refuse)
    result = sql(invoke, data, "select id, line from events where id = '1993-year'")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "1993-year\t21\n"
    assert sql(invoke, data, "select count(*) from events").stdout == "5\n"  # now from the database file


def test_a_changed_file_gives_fresh_tables(invoke: Invoke, data: str) -> None:
    assert sql(invoke, data, "select count(*) from events").stdout == "5\n"
    Path(data).write_text(DATA + '\n[[event]]\nid = "new"\ndate = "2001"\nkind = "k"\ntitle = "t"\n', encoding="utf-8")
    assert sql(invoke, data, "select count(*) from events").stdout == "6\n"
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "chrono"
    names = [p.name.rsplit("-", 1)[0] for p in cache.glob("*.sqlite")]
    assert len(names) == len(set(names))  # the stale database of the same file is removed


def test_a_damaged_database_is_rebuilt(invoke: Invoke, data: str) -> None:
    assert sql(invoke, data, "select count(*) from events").stdout == "5\n"
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "chrono"
    for database in cache.glob("*.sqlite"):
        database.write_bytes(database.read_bytes()[:100])
    result = sql(invoke, data, "select count(*) from events")
    assert result.exit_code == 0 and result.stdout == "5\n", result.stderr


def test_standard_input_and_no_cache(invoke: Invoke, data: str) -> None:
    text = Path(data).read_text(encoding="utf-8")
    piped = invoke(["sql", "--data", "-", "select count(*), min(line) from events"], input=text)
    assert piped.exit_code == 0 and piped.stdout == "5\t\n"
    uncached = invoke(["--no-cache", "sql", "--data", data, "select count(*) from events"])
    assert uncached.stdout == "5\n"


def test_no_statement_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["sql"])
    assert result.exit_code == 2 and "give one SQL statement" in result.stderr


def test_help_has_examples(invoke: Invoke) -> None:
    result = invoke(["sql", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.stdout and "starts_in" in result.stdout


def test_hostile_text_is_escaped_in_the_table(invoke: Invoke) -> None:
    result = invoke(
        ["sql", "--data", str(FIXTURES / "hostile.toml"), "select title from events", "--format", "table"], tty=True
    )
    assert result.exit_code == 0
    assert "\x1b]" not in result.stdout and "\x9b" not in result.stdout


# export --format sqlite ------------------------------------------------------------------------


def test_export_sqlite_writes_the_same_tables(invoke: Invoke, data: str, tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    result = invoke(["export", "--data", data, "--format", "sqlite", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(target) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}
        rows = db.execute('select id, date, start, "end", line from events order by rowid').fetchall()
    assert tables == {
        "events", "event_actors", "event_tags", "event_sources", "related", "actors", "actor_aliases", "sources"
    }  # fmt: skip
    via_sql = sql(invoke, data, 'select id, date, start, "end", line from events', "--format", "json").stdout
    assert [list(row) for row in rows] == [list(item.values()) for item in json.loads(via_sql)]
    assert [name for name in os.listdir(tmp_path) if name.startswith(".")] == []  # no temporary left


def test_export_sqlite_refuses_to_overwrite_without_force(invoke: Invoke, data: str, tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    target.write_bytes(b"mine")
    result = invoke(["export", "--data", data, "--format", "sqlite", "-o", str(target)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_bytes() == b"mine"
    forced = invoke(["export", "--data", data, "--format", "sqlite", "-o", str(target), "--force"])
    assert forced.exit_code == 0
    with sqlite3.connect(target) as db:
        assert db.execute("select count(*) from events").fetchone() == (5,)


def test_export_sqlite_needs_a_file_and_applies_filters_sort_and_limit(
    invoke: Invoke, data: str, tmp_path: Path
) -> None:
    assert invoke(["export", "--data", data, "--format", "sqlite"]).exit_code == 2
    target = tmp_path / "some.sqlite"
    args = ["export", "--data", data, "--format", "sqlite", "-o", str(target), "--match", "start", "--on", "1993"]
    assert invoke([*args, "--sort", "title", "--limit", "1"]).exit_code == 0
    with sqlite3.connect(target) as db:
        assert db.execute("select id from events").fetchall() == [("1993-05-01-signed",)]


# sqlite3 stays off every other command's path ----------------------------------------------


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"sql"}))
def test_other_commands_never_import_sqlite3(name: str) -> None:
    args = {
        "list": ["list", "--format", "json", "--fields", "id,extra.x", "--match", "start", "--on", "2001"],
        "show": ["show", "moscow"],
        "between": ["between", "moscow-declaration", "2002"],
        "anniversaries": ["anniversaries", "--on", "2001-08-04"],
        "timeline": ["timeline", "--width", "80"],
        "stats": ["stats", "--by", "extra.confidence"],
        "export": ["export", "--format", "html", "--limit", "3"],
        "import": ["import", "--help"],
        "add": ["add", "--help"],
        "datasets": ["datasets"],
        "completion": ["completion", "bash"],
        "config": ["config"],
        "check": ["check", "--ignore", "no-source"],
        "diff": ["diff", "--help"],
    }.get(name, [name, "--help"])
    code = (
        "import sys, io\n"
        "from chrono.cli.main import cli\n"
        "sys.stdout = io.StringIO()\n"
        f"code = cli.main({args!r}, standalone_mode=False)\n"
        "sys.stdout = sys.__stdout__\n"
        "print(code, 'sqlite3' in sys.modules, '_sqlite3' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=base_env(), timeout=60, check=True
    )
    assert out.stdout.split()[1:] == ["False", "False"], (name, out.stdout, out.stderr)


def test_the_database_in_the_cache_is_private(invoke: Invoke, tmp_path: Path) -> None:
    """Like the timeline's cache beside it, the database is 0600 whatever the umask."""
    import stat

    previous = os.umask(0o022)
    try:
        result = invoke(["sql", "select count(*) from events"], env={"XDG_CACHE_HOME": str(tmp_path)})
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    databases = list((tmp_path / "chrono").glob("*.sqlite"))
    assert databases and all(stat.S_IMODE(db.stat().st_mode) == 0o600 for db in databases)


def test_a_query_that_is_not_utf8_is_a_usage_error() -> None:
    """A glob that expands to a non-UTF-8 file name reaches chrono as surrogates: one line, exit 2."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"chrono", b"sql", b"select '\xff'"], capture_output=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert b"not UTF-8" in done.stderr and b"Traceback" not in done.stderr
