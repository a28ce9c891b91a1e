"""``chrono check``'s problems as text lines, coloured as linters colour them on a terminal.

The words are the same with and without colour (``path:line:col: error: message [code]``, which
editors and CI annotators read), so a pipe gets exactly the plain lines; colour only marks the
severity, as ruff, flake8 and gcc do.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from chrono.errors import Problem, Severity
from chrono.escape import visible
from chrono.render.palette import paint

if TYPE_CHECKING:
    from chrono.render.views import CheckAnswer, Look

SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def line(problem: Problem, colour: bool) -> str:
    """One problem, its text escaped (a path or a value may hold control characters)."""
    where = paint(visible(f"{problem.path}:{problem.line}:{problem.col}:"), "bold", colour)
    severity = paint(problem.severity.value, SEVERITY_STYLE[problem.severity], colour)
    return f"{where} {severity}: {visible(problem.message)} {paint(f'[{problem.code}]', 'dim', colour)}\n"


def checked(paths: tuple[str, ...], specs: list[str], most: int = 3) -> str:
    """What a check read, for its summary: the files by name when there are a few (``in
    data/a.toml``), else how many and what was given (``in 12 files of data/``)."""
    if not paths:
        return "no files"
    if len(paths) <= most:
        return ", ".join(paths)
    return f"{len(paths)} files of {', '.join(specs)}"


def check_text(answer: CheckAnswer, look: Look) -> Iterator[str]:
    """``check --format text``: one line per problem, the severity coloured on a terminal."""
    for problem in answer.report.problems:
        yield line(problem, look.colour)
