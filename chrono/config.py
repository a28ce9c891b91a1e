"""The configuration file: default data, format, colour, pager, calendar, and query aliases.

Pure: it parses text into a Config and located problems. Where the file lives and how its
values rank against options and environment variables is the CLI's business (``cli.settings``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from chrono.errors import DataError, Problem, Severity
from chrono.parsing import parse_toml
from chrono.positions import scan

KEYS = ("data", "format", "color", "pager", "calendar", "alias")
COLORS = ("auto", "always", "never")
CALENDARS = ("gregorian", "juche")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from a configuration file; None where the file says nothing."""

    path: str | None = None
    data: tuple[str, ...] | None = None
    format: str | None = None
    color: str | None = None
    pager: str | None = None
    calendar: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for 'chrono config'


def parse(path: str, text: str) -> Config:
    """A Config from the file's text; raises DataError naming the line of every problem."""
    document, problem = parse_toml(path, text)
    if problem is not None or document is None:
        raise DataError([problem] if problem else [])
    positions = scan(text)
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        where = positions.top.get(key)
        line, col = (where.line, where.col) if where else (1, 1)
        if key == "alias" and where is None:
            table = next(
                (n for n, line_text in enumerate(positions.lines, 1) if line_text.strip().startswith("[alias")), 1
            )
            line = table
        problems.append(Problem(path, line, col, Severity.ERROR, "config", message))

    values: dict[str, object] = {}
    for key, value in document.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            bad(key, f"unknown setting '{key}'{hint}; settings are {', '.join(KEYS)}")
            continue
        values[key] = value
    data = values.get("data")
    if isinstance(data, str):
        data = [data]
    if data is not None and not (isinstance(data, list) and all(isinstance(item, str) for item in data)):
        bad("data", "data: expected a path or name, or an array of them")
        data = None
    for key, allowed in (("format", None), ("color", COLORS), ("pager", None), ("calendar", CALENDARS)):
        value = values.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or (allowed and value not in allowed):
            expected = f"one of {', '.join(allowed)}" if allowed else "a string"
            bad(key, f"{key}: expected {expected}, got {value!r}")
            values[key] = None
    aliases = values.get("alias", {})
    if not isinstance(aliases, dict) or not all(isinstance(v, str) for v in aliases.values()):
        bad("alias", 'alias: expected a table of strings, such as [alias] summits = "list --kind summit"')
        aliases = {}
    if problems:
        raise DataError(problems)
    lines = {key: positions.top[key].line for key in values if key in positions.top}
    return Config(
        path=path,
        data=tuple(data) if isinstance(data, list) else None,
        format=_str(values.get("format")),
        color=_str(values.get("color")),
        pager=_str(values.get("pager")),
        calendar=_str(values.get("calendar")),
        aliases={str(k): str(v) for k, v in aliases.items()},
        lines=lines,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
