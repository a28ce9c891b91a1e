"""The examples of docs/sql.md are real: each ``$ chrono ...`` line of a console block, run from
the repository root with its output piped and COLUMNS=100, prints exactly what the page shows."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from tests.cli.test_process import base_env
from tests.conftest import REPO

PAGE = REPO / "docs" / "sql.md"


def examples() -> list[tuple[str, str]]:
    found = []
    for block in re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = part.partition("\n")
            found.append((command, output))
    return found


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_example_output_is_real(command: str, expected: str) -> None:
    assert command.startswith("chrono ")
    python = shlex.quote(sys.executable)
    run = subprocess.run(
        f"{python} -m {command}",
        shell=True,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**base_env(), "COLUMNS": "100"},
        timeout=60,
        check=False,
    )
    assert run.stdout == expected, run.stderr


def test_the_page_has_the_three_questions() -> None:
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("### Questions the options cannot answer", 1)[1].split("\n## ", 1)[0]
    assert section.count("```console\n$ chrono sql ") == 3
