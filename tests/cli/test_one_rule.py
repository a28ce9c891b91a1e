"""Each decision made once: the commands that share a decision cannot answer differently."""

from __future__ import annotations

import importlib
import inspect
import json
import shutil
from pathlib import Path

import click
import pytest

from chrono.cli.main import COMMANDS, cli
from tests.conftest import Invoke

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("query", ["moscow 2001", "2001 moscow", "Moscow-Visit"])
def test_show_between_and_edit_find_the_same_event_by_words(invoke: Invoke, tmp_path: Path, query: str) -> None:
    """One word rule for every command that takes an id: any order, whole words."""
    data = tmp_path / "events.toml"
    shutil.copy(REPO / "data" / "dprk-russia.toml", data)
    shown = invoke(["show", query, "--format", "json", "--data", str(data)])
    assert shown.exit_code == 0, shown.stderr
    found = json.loads(shown.stdout)[0]["id"]
    between = invoke(["between", query, "2030-01-01", "--format", "json", "--data", str(data)])
    assert json.loads(between.stdout)["from"]["event"] == found
    record = tmp_path / "opened"
    script = tmp_path / "editor.sh"
    script.write_text(f'echo "$1" > {record}\n', encoding="utf-8")  # remembers the line it opens at
    edited = invoke(["edit", *query.split(), "--data", str(data)], env={"VISUAL": f"sh {script}"})
    assert edited.exit_code == 0, edited.stderr
    line = int(record.read_text().strip().lstrip("+"))
    assert f'id = "{found}"' in data.read_text(encoding="utf-8").splitlines()[line - 1]


def _siblings(tmp_path: Path) -> Path:
    """A directory chronology whose events file cites a source defined beside it."""
    (tmp_path / "sources.toml").write_text('[[source]]\nid = "press"\ntitle = "Press"\n', encoding="utf-8")
    events = tmp_path / "events.toml"
    events.write_text(
        '[[event]]\nid = "a-visit"\ndate = 2001-08-04\nkind = "visit"\ntitle = "A visit"\nsources = ["press"]\n',
        encoding="utf-8",
    )
    return events


def test_add_and_edit_agree_which_chronology_a_file_belongs_to(invoke: Invoke, tmp_path: Path) -> None:
    """A new event citing a neighbour's source is accepted by add, and an edit adding the same
    citation is accepted by edit: both read the file with the files beside it."""
    events = _siblings(tmp_path)
    added = invoke(["add", "--data", str(events), "--date", "2002-01-01", "--kind", "visit", "--title", "B",
                    "--source", "press"])  # fmt: skip
    assert added.exit_code == 0, added.stderr
    script = tmp_path / "edit.sh"
    script.write_text('sed -i \'s/title = "A visit"/title = "A visit, edited"/\' "$2"\n', encoding="utf-8")
    edited = invoke(["edit", "a-visit", "--data", str(events)], env={"VISUAL": f"sh {script}"})
    assert edited.exit_code == 0, edited.stderr
    assert "A visit, edited" in events.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_says_its_one_line_help_once(name: str) -> None:
    """The registry's line is what 'chrono --help' lists and what heads 'chrono NAME --help';
    the command's docstring does not say it a second time."""
    summary = COMMANDS[name][1]
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert command.get_short_help_str(limit=200) == summary
    assert (command.help or "").split("\n\n")[0] == summary
    docstring = inspect.getdoc(importlib.import_module(COMMANDS[name][0]).command.callback) or ""
    assert summary not in docstring


def test_edit_checks_a_file_within_its_directory_as_add_does(invoke: Invoke, tmp_path: Path) -> None:
    """A file valid alone is still part of its directory's chronology: an edit that gives an
    event the id of one beside it is refused, as 'chrono add' refuses such an event (the old
    edit rule looked beside the file only when it was invalid alone)."""
    events = tmp_path / "events.toml"
    events.write_text('[[event]]\nid = "a-visit"\ndate = 2001-08-04\nkind = "visit"\ntitle = "A"\n', encoding="utf-8")
    (tmp_path / "other.toml").write_text(
        '[[event]]\nid = "b-visit"\ndate = 2002-08-04\nkind = "visit"\ntitle = "B"\n', encoding="utf-8"
    )
    script = tmp_path / "edit.sh"
    script.write_text("sed -i 's/a-visit/b-visit/' \"$2\"\n", encoding="utf-8")
    before = events.read_text(encoding="utf-8")
    edited = invoke(["edit", "a-visit", "--data", str(events)], env={"VISUAL": f"sh {script}"})
    assert edited.exit_code != 0
    assert "b-visit" in edited.stderr
    assert events.read_text(encoding="utf-8") == before
