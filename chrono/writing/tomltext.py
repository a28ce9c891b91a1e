"""TOML text for values, written one way: the pieces of ``chrono fmt``'s canonical layout.

Also the lexer that finds every comment in TOML text (outside its four kinds of string), which
``fmt`` uses to prove that a rewrite kept every comment.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

from chrono.dates.days import iso, to_date
from chrono.dates.edtf import Precision, parse_span
from chrono.errors import DateError

WIDTH = 100  # an array longer than this goes on several lines
INDENT = "    "

_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
# Characters written as escapes: C0 controls (tab and newline handled apart), DEL, C1 controls,
# bidirectional embeddings, overrides and isolates (as chrono.escape names them).
_ESCAPED_RE = re.compile('[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\\\\"]')
_MULTILINE_PIECE_RE = re.compile('\n|"+|[^\n"]+')
# Every string and every comment (an unterminated single-line string runs to its line's end).
_TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"{3,5}|\Z)'
    r"|'''(?:[^']|'(?!''))*(?:'{3,5}|\Z)"
    r'|"(?:[^"\\\n]|\\.)*"?'
    r"|'[^'\n]*'?"
    r"|#[^\n]*"
)
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def comments(text: str) -> list[str]:
    """Every comment in TOML text, each without trailing whitespace: one regular expression
    skips the four kinds of string, so that a '#' inside one is never taken for a comment.

    Without a multi-line string, no string spans lines: only the lines holding a '#' are read.
    """
    if "#" not in text:
        return []
    if '"""' in text or "'''" in text:
        return [token.rstrip() for token in _TOKEN_RE.findall(text) if token[0] == "#"]
    found: list[str] = []
    at = text.find("#")
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[text.rfind("\n", 0, at) + 1 : end]
        found.extend(token.rstrip() for token in _TOKEN_RE.findall(line) if token[0] == "#")
        at = text.find("#", end)
    return found


def key_text(key: str) -> str:
    """A key: bare when it can be, else a quoted string."""
    return key if _BARE_KEY_RE.fullmatch(key) else string(key)


def value_text(value: Any, used: int, *, top: bool) -> str:
    """A value as TOML; ``used`` columns of its line are taken already."""
    if isinstance(value, str):
        return multiline(value) if top and "\n" in value else string(value)
    if isinstance(value, list):
        one_line = "[" + ", ".join(inline(item) for item in value) + "]"
        if not value or used + len(one_line) <= WIDTH or any(isinstance(item, dict) for item in value):
            return one_line
        return "[\n" + "".join(f"{INDENT}{inline(item)},\n" for item in value) + "]"
    return inline(value)


def inline(value: Any) -> str:
    """A value on one line."""
    if isinstance(value, str):
        return string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(inline(item) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key_text(k)} = {inline(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write a value of type {type(value).__name__} as TOML")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def string(text: str) -> str:
    """A basic string: quotes, backslashes and every control character escaped."""
    return '"' + _ESCAPED_RE.sub(_escape, text) + '"'


def multiline(text: str) -> str:
    """A multi-line basic string: newlines kept as line breaks (except a first one, which TOML
    would drop), quotes escaped only in runs of three or more and at the end, controls escaped."""
    out: list[str] = []
    for match in _MULTILINE_PIECE_RE.finditer(text):
        piece = match.group()
        if piece == "\n":
            out.append("\\n" if match.start() == 0 else "\n")
        elif piece.startswith('"'):
            at_end = match.end() == len(text)
            out.append(piece if len(piece) < 3 and not at_end else '\\"' * len(piece))
        else:
            out.append(_ESCAPED_RE.sub(_escape, piece))
    return '"""' + "".join(out) + '"""'


def date_value(span_text: str) -> Any:
    """How a date is written in TOML: a local date for a plain day, else the string as it is
    (EDTF, or a written form such as '25 October 1917 (O.S.)', which the file keeps)."""
    try:
        span = parse_span(span_text)
    except DateError:
        return span_text
    start = span.start
    if (
        span.end is None
        and not span.open_end
        and start.precision is Precision.DAY
        and to_date(start.lower) is not None
        and start.edtf == iso(start.lower)
    ):
        return to_date(start.lower)
    return span.edtf
