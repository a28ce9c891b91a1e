"""TOML text -> a document, or one located problem that says how to mend it.

Kept apart from ``tables`` (what the document means) so the syntax hints can grow without
crowding it; ``config`` and ``fmt`` read TOML through it too.
"""

from __future__ import annotations

import re
from typing import Any

import tomli

from chrono.errors import Problem, Severity


def parse_toml(name: str, text: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """Parse TOML text; a syntax error becomes one located Problem."""
    try:
        return tomli.loads(text), None
    except tomli.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        message = f"invalid TOML: {getattr(exc, 'msg', str(exc))}"
        unquoted = _unquoted_date(text, line)
        if unquoted is not None:
            key, value, col = unquoted
            message = f'invalid TOML: {key} = {value} must be quoted: write {key} = "{value}"'
        return None, Problem(name, line, col, Severity.ERROR, "toml", message)
    except RecursionError:
        return None, Problem(name, 1, 1, Severity.ERROR, "toml", "invalid TOML: nested too deeply")


_UNQUOTED_DATE = re.compile(
    r"\s*([A-Za-z0-9_.\"-]+)\s*=\s*([0-9X]{4}(?:-[0-9X]{2}){0,2}[?~%]?(?:/[0-9X.?~%-]*)?)\s*(?:#.*)?$"
)


def _unquoted_date(text: str, line: int) -> tuple[str, str, int] | None:
    """``date = 2020-02`` on the line TOML stopped at: a partial or EDTF date (which TOML has no
    literal for) written without quotes. Its key, its value and the value's column."""
    lines = text.splitlines()
    found = _UNQUOTED_DATE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is None:
        return None
    value = found.group(2)
    if value.isdigit() or re.fullmatch(r"\d{4}-\d\d-\d\d", value):  # TOML's own number or date
        return None
    return found.group(1), value, found.start(2) + 1
