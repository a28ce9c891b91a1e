"""Global options where users put them: ``chrono --no-pager CMD``, ``chrono --data X CMD``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.cli.pty_run import on_terminal
from tests.conftest import FIXTURES, Invoke

SAMPLE = str(FIXTURES / "sample.toml")


@pytest.mark.parametrize("width", [80, 120])
def test_no_pager_before_the_command_keeps_a_tall_table_out_of_the_pager(width: int, tmp_path: Path) -> None:
    marker = tmp_path / "paged"
    pager = f"{sys.executable} -c \"import sys; open('{marker}', 'w').write(sys.stdin.read())\""
    paged = on_terminal(["list", "--from", "2000"], width, rows=10, env={"CHRONO_PAGER": pager})
    assert paged.status == 0 and marker.exists()  # the same table is paged without the option
    marker.unlink()
    screen = on_terminal(["--no-pager", "list", "--from", "2000"], width, rows=10, env={"CHRONO_PAGER": pager})
    assert screen.status == 0, screen.stderr
    assert not marker.exists() and "beijing-talks-2025" in screen.text


def test_data_before_the_command_is_every_commands_data(invoke: Invoke) -> None:
    assert (
        invoke(["--data", SAMPLE, "list", "--format", "ids"]).stdout
        == invoke(["list", "--data", SAMPLE, "--format", "ids"]).stdout
    )
    assert invoke(["--data", SAMPLE, "config"]).stdout.startswith(f"data\t{SAMPLE}\toption --data\n")
    assert invoke(["--data", "us-visits", "--data", SAMPLE, "list", "--count"]).stdout == "3272\n"


def test_the_commands_own_data_wins(invoke: Invoke) -> None:
    result = invoke(["--data", "us-visits", "list", "--data", SAMPLE, "--format", "ids"])
    assert "moscow-declaration" in result.stdout and "us-visit" not in result.stdout


def test_no_pager_before_the_command_is_in_the_settings(invoke: Invoke) -> None:
    assert "pager\t\toption --no-pager\n" in invoke(["--no-pager", "config"]).stdout
