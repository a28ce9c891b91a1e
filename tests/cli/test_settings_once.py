"""Settings are resolved in one step, in one module: every command reads the same data, and no
environment variable is read anywhere else."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest

from chrono.cli.command import ChronoCommand, SharedOption
from chrono.cli.main import COMMANDS, cli
from tests.conftest import FIXTURES, Invoke

CHRONO = Path(__file__).resolve().parents[2] / "chrono"
SAMPLE = str(FIXTURES / "sample.toml")
OTHER = """\
[[event]]
id = "only-in-other"
date = 1999-05-01
kind = "visit"
title = "Only in the other file"
"""

# Each command that reads a chronology, and what it prints when it read OTHER.
READERS = [
    (["list", "--format", "ids"], "only-in-other"),
    (["show", "only-in-other", "--format", "json"], "only-in-other"),
    (["between", "only-in-other", "1999-05-02"], "1 day"),
    (["stats", "--format", "json"], '"events": 1'),
    (["anniversaries", "--on", "2024-05-01", "--format", "tsv"], "only-in-other"),
    (["export", "--format", "markdown"], "Only in the other file"),
    (["sql", "select id from events"], "only-in-other"),
    (["timeline", "--ids", "--width", "60"], "only-in-other"),
    (["config"], "other.toml"),
]


@pytest.mark.parametrize(("args", "expected"), READERS, ids=lambda a: a[0] if isinstance(a, list) else "")
def test_every_command_reads_the_data_of_the_one_rule(
    invoke: Invoke, tmp_path: Path, args: list[str], expected: str
) -> None:
    """--data beats CHRONO_DATA, and CHRONO_DATA beats the default, in every command alike."""
    other = tmp_path / "other.toml"
    other.write_text(OTHER, encoding="utf-8")
    typed = invoke([*args, "--data", str(other)], env={"CHRONO_DATA": SAMPLE})
    assert typed.exit_code == 0, typed.stderr
    assert expected in typed.stdout
    from_environment = invoke(args, env={"CHRONO_DATA": str(other)})
    assert from_environment.exit_code == 0, from_environment.stderr
    assert expected in from_environment.stdout


def test_check_reads_its_paths_as_data(invoke: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(OTHER + "bad = 1\n", encoding="utf-8")
    result = invoke(["check", str(other)], env={"CHRONO_DATA": SAMPLE})
    assert result.exit_code == 1 and "other.toml" in result.stdout


def test_no_shared_option_patches_the_settings_as_it_is_parsed() -> None:
    """The settings come from one step after parsing (ChronoCommand), not from callbacks."""
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert isinstance(command, ChronoCommand), name
        for param in command.params:
            if isinstance(param, SharedOption):
                assert param.callback is None, (name, param.name)
                assert param.envvar is None, (name, param.name)  # the environment is the settings'


def _reads_environment(node: ast.AST) -> bool:
    """``x.environ.get(...)``, ``environ[...]``, ``os.getenv(...)``: reading a variable."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        if node.func.attr == "getenv":
            return True
        if node.func.attr == "get" and isinstance(owner, (ast.Name, ast.Attribute)):
            return (owner.id if isinstance(owner, ast.Name) else owner.attr) == "environ"
    if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute)):
        name = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
        return name == "environ" and isinstance(node.ctx, ast.Load)
    return False


def test_environment_variables_are_read_only_by_the_settings() -> None:
    readers = sorted(
        str(path.relative_to(CHRONO))
        for path in CHRONO.rglob("*.py")
        if any(_reads_environment(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    )
    assert readers == ["cli/settings.py"]


@pytest.mark.parametrize(
    ("variable", "value", "key"),
    [
        ("CHRONO_TODAY", "2020-01-02", "today"),
        ("VISUAL", "nano", "editor"),
        ("COLUMNS", "123", "columns"),
        ("LINES", "45", "lines"),
        ("CHRONO_DEBUG", "1", "debug"),
        ("CHRONO_CACHE_BACKGROUND", "0", "cache-background"),
        ("NO_COLOR", "1", "color"),
        ("CHRONO_PAGER", "more", "pager"),
    ],
)
def test_config_lists_every_variable_chrono_reads(invoke: Invoke, variable: str, value: str, key: str) -> None:
    result = invoke(["--no-config", "config"], env={variable: value})
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in result.stdout.splitlines()}
    assert rows[key][1] == f"environment variable {variable}"


def test_today_typed_beats_chrono_today(invoke: Invoke) -> None:
    result = invoke(["config", "--data", SAMPLE], env={"CHRONO_TODAY": "2020-01-02"})
    assert "today\t2020-01-02\tenvironment variable CHRONO_TODAY" in result.stdout
    typed = invoke(["between", "2020-01-01", "today", "--today", "2020-01-05"], env={"CHRONO_TODAY": "2020-01-02"})
    assert typed.stdout.startswith("4 days")
    from_environment = invoke(["between", "2020-01-01", "today"], env={"CHRONO_TODAY": "2020-01-02"})
    assert from_environment.stdout.startswith("1 day")
