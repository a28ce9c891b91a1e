"""The configuration file: default data, format, colour, pager, calendar, and query aliases.

Pure: it parses text into a Config and located problems. Where the file lives and how its
values rank against options and environment variables is the CLI's business (``cli.settings``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from chrono.errors import DataError, Problem, Severity
from chrono.loading.positions import scan
from chrono.loading.syntax import parse_toml

KEYS = ("data", "format", "color", "pager", "calendar", "alias")
COLORS = ("auto", "always", "never")
CALENDARS = ("gregorian", "juche", "julian")


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
    alias_lines: dict[str, int] = field(default_factory=dict)  # alias name -> its own line


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
            line = _alias_table_line(positions.lines)
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
    if "alias" in values and "alias" not in lines:  # only dotted keys: alias.name = "..."
        lines["alias"] = _alias_table_line(positions.lines)
    return Config(
        path=path,
        data=tuple(data) if isinstance(data, list) else None,
        format=_str(values.get("format")),
        color=_str(values.get("color")),
        pager=_str(values.get("pager")),
        calendar=_str(values.get("calendar")),
        aliases={str(k): str(v) for k, v in aliases.items()},
        lines=lines,
        alias_lines=_alias_lines(positions.lines, aliases, lines.get("alias", 1)),
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


_ALIAS_HEADER_RE = re.compile(r"\s*\[\s*alias\s*\]\s*(#.*)?$")
_NAME = r"([A-Za-z0-9_-]+|\"[^\"\\\\]*\"|'[^']*')"
_ALIAS_KEY_RE = re.compile(rf"\s*{_NAME}\s*=")
_DOTTED_ALIAS_RE = re.compile(rf"\s*alias\s*\.\s*{_NAME}\s*=")


def _alias_table_line(lines: list[str]) -> int:
    """The line of the ``[alias]`` header (1 when there is none)."""
    return next((n for n, text in enumerate(lines, 1) if _ALIAS_HEADER_RE.match(text)), 1)


def _alias_lines(lines: list[str], aliases: dict[str, str], fallback: int) -> dict[str, int]:
    """Each alias's own line: its ``name =`` line inside ``[alias]`` (or ``alias.name =`` above
    it); ``fallback`` (the table's line) for one that cannot be placed, such as an inline table."""
    found: dict[str, int] = {}
    in_table = False
    for number, text in enumerate(lines, 1):
        if _ALIAS_HEADER_RE.match(text):
            in_table = True
            continue
        if text.lstrip().startswith("["):
            in_table = False
            continue
        match = (_ALIAS_KEY_RE if in_table else _DOTTED_ALIAS_RE).match(text)
        if match is not None:
            name = match.group(1)
            found.setdefault(name[1:-1] if name[:1] in "\"'" else name, number)
    return {name: found.get(name, fallback) for name in aliases}
