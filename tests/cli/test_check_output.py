"""``chrono check`` says what it checked, and colours its problems as linters do: on a terminal
only, never in a pipe, and as --color and NO_COLOR say."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_process import chrono, in_pty
from tests.conftest import FIXTURES, Invoke

HOSTILE = str(FIXTURES / "hostile.toml")
SAMPLE = str(FIXTURES / "sample.toml")
RED, YELLOW = "\x1b[31m", "\x1b[33m"


def test_without_a_path_the_summary_names_the_file(invoke: Invoke) -> None:
    result = invoke(["check"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("chrono check: 0 errors, 0 warnings in ")
    assert result.stderr.rstrip().endswith("dprk-russia.toml")


def test_a_few_files_are_named_and_many_are_counted(invoke: Invoke, tmp_path: Path) -> None:
    named = invoke(["check", SAMPLE, HOSTILE])
    assert named.stderr.splitlines()[-1].endswith(f"in {SAMPLE}, {HOSTILE}")
    for number in range(4):
        (tmp_path / f"{number}.toml").write_text(
            f'[[event]]\nid = "e{number}"\ndate = "2001"\nkind = "visit"\ntitle = "T{number}"\n', encoding="utf-8"
        )
    counted = invoke(["check", "--ignore", "no-source", str(tmp_path)])
    assert counted.stderr.splitlines()[-1] == f"chrono check: 0 errors, 0 warnings in 4 files of {tmp_path}"


def test_colour_marks_the_severity_and_keeps_the_words(invoke: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[[event]]\nid = "a"\ndate = "2001-13"\nkind = "visit"\ntitle = "T"\n', encoding="utf-8")
    plain = invoke(["check", str(broken), HOSTILE], tty=True, env={"NO_COLOR": "1"})
    coloured = invoke(["check", str(broken), HOSTILE], tty=True)
    assert "\x1b" not in plain.stdout
    assert f"{RED}error\x1b[0m:" in coloured.stdout and f"{YELLOW}warning\x1b[0m:" in coloured.stdout
    assert "\x1b" not in coloured.stderr  # the summary is for reading, on any stream
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout
    assert plain.exit_code == coloured.exit_code == 1


@pytest.mark.parametrize(("args", "tty", "env", "coloured"), [
    ([], False, {}, False),  # a pipe: never
    (["--color", "always"], False, {}, True),
    (["--color", "never"], True, {}, False),
    ([], True, {"NO_COLOR": "1"}, False),
    ([], True, {}, True),
])  # fmt: skip
def test_color_option_and_no_color(
    invoke: Invoke, args: list[str], tty: bool, env: dict[str, str], coloured: bool
) -> None:
    result = invoke(["check", *args, HOSTILE], tty=tty, env=env)
    assert (YELLOW in result.stdout) is coloured
    assert ("\x1b" in result.stdout) is coloured


def test_a_real_terminal_gets_colour_and_a_pipe_does_not() -> None:
    code, screen = in_pty(["check", "--no-pager", HOSTILE])
    assert code == 0 and YELLOW.encode() in screen and b"warning" in screen
    piped = chrono("check", HOSTILE)
    assert piped.returncode == 0 and "warning" in piped.stdout and "\x1b" not in piped.stdout
