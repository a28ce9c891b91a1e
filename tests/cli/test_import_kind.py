"""A kind for every imported event, as docs/importing.md says: an empty kind cell gets ``event``
(counted on stderr); no kind column at all is a usage error unless ``--kind`` gives one."""

from __future__ import annotations

from pathlib import Path

import tomli as tomllib

from tests.conftest import Invoke


def test_an_empty_kind_cell_gets_event_and_is_counted(invoke: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "in.csv"
    table.write_text("Start,Name,Type\n2001-08-04,Moscow,\n2002-01-01,Other,visit\n", encoding="utf-8")
    result = invoke(["import", "csv", str(table), "--map", "date=Start,title=Name,kind=Type"])
    assert result.exit_code == 0, result.stderr
    kinds = {event["title"]: event["kind"] for event in tomllib.loads(result.stdout)["event"]}
    assert kinds == {"Moscow": "event", "Other": "visit"}
    assert "1 row without a kind got kind 'event'" in result.stderr


def test_no_kind_column_needs_kind(invoke: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "in.csv"
    table.write_text("Start,Name\n2001-08-04,Moscow\n", encoding="utf-8")
    refused = invoke(["import", "csv", str(table), "--map", "date=Start,title=Name"])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "--map kind=COLUMN" in refused.stderr and "--kind" in refused.stderr
    given = invoke(["import", "csv", str(table), "--map", "date=Start,title=Name", "--kind", "visit"])
    assert given.exit_code == 0, given.stderr
    assert tomllib.loads(given.stdout)["event"][0]["kind"] == "visit"


def test_the_docs_say_what_the_import_does() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "importing.md").read_text(encoding="utf-8")
    assert "with no kind column mapped" in text and "is an error" in text
