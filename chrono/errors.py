"""Errors the core raises; each carries the exit code the CLI boundary turns it into.

The core never prints or exits: it raises one of these with structured fields and the single
error boundary in ``chrono.cli.main`` renders it.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import NamedTuple


class ExitCode(enum.IntEnum):
    """The documented exit codes of every chrono command."""

    OK = 0
    NEGATIVE = 1  # a negative answer: differences, problems, no such event
    USAGE = 2  # usage or data error
    INTERNAL = 3
    INTERRUPTED = 130


class Severity(enum.Enum):
    """How bad a dataset problem is."""

    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """One problem found in a data file, located at a line and column (both 1-based)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """The ``path:line:col: error: message [code]`` form editors and CI annotators read."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message} [{self.code}]"


class ChronoError(Exception):
    """Base of every error chrono reports to the user without a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def lines(self) -> list[str]:
        """The message lines for stderr (without the ``chrono:`` prefix)."""
        return [str(self)]


class UsageError(ChronoError):
    """A bad option or argument value."""

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(f"{option}: {message}" if option else message)
        self.option = option


class DateError(ValueError):
    """A date string chrono cannot read; a ValueError so parsers can be used as click types."""


class DataError(ChronoError):
    """One or more problems in the data files; ``problems`` holds every one found."""

    max_shown_per_file = 20

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems[0].format() if problems else "invalid data")
        self.problems = tuple(problems)

    def lines(self) -> list[str]:
        """Up to twenty problems per file, then how many more there are."""
        out: list[str] = []
        per_file: dict[str, int] = {}
        for problem in self.problems:
            seen = per_file.get(problem.path, 0)
            per_file[problem.path] = seen + 1
            if seen < self.max_shown_per_file:
                out.append(problem.format())
        for path, count in per_file.items():
            if count > self.max_shown_per_file:
                more = count - self.max_shown_per_file
                out.append(f"{path}: ... and {more} more problems (run 'chrono check' to see all)")
        return out


class SourceError(ChronoError):
    """A data file that cannot be read at all (missing, unreadable, a directory without TOML)."""


class NotFoundError(ChronoError):
    """Event ids that do not exist or are ambiguous; a negative answer, exit 1."""

    exit_code = ExitCode.NEGATIVE

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = tuple(messages)

    def lines(self) -> list[str]:
        """One line per id that was not found."""
        return list(self.messages)


class ImportRowsError(DataError):
    """Rows of a file being imported that cannot be read: the way on is fixing them or --skip-bad."""

    def __init__(self, problems: Sequence[Problem], summary: str = "") -> None:
        super().__init__(problems)
        self.summary = summary

    def lines(self) -> list[str]:
        """Up to twenty rows, how many more (``chrono check`` reads chronologies, not these), the totals."""
        shown = [problem.format() for problem in self.problems[: self.max_shown_per_file]]
        more = len(self.problems) - len(shown)
        if more:
            shown.append(f"... and {more} more rows that cannot be read")
        if self.summary:
            shown.append(self.summary)
        return shown
