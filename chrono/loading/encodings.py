"""Text in an encoding the user names (``chrono import --encoding``), decoded so a wrong guess is caught.

Data files are UTF-8 (:func:`chrono.loading.dataset.decode`); a table to import may come from a
tool that writes Latin-1 or Windows-1252. A decoding error then names the option that fixes it,
and naming an 8-bit encoding for a file that is really UTF-8 is refused rather than garbled
(``Ã©`` for ``é`` would pass silently into every title).
"""

from __future__ import annotations

import codecs

from chrono.errors import DataError, Problem, Severity, UsageError
from chrono.loading.dataset import decode

_UTF8 = frozenset({"utf-8", "utf-8-sig"})


def decode_as(name: str, raw: bytes, encoding: str | None, option: str = "--encoding") -> str:
    """``raw`` as text: UTF-8 (a BOM accepted) when ``encoding`` is None, else in that encoding."""
    if encoding is None:
        try:
            return decode(name, raw)
        except DataError as exc:
            problem = exc.problems[0]
            hint = f"; name the file's encoding with {option} (for example {option} latin-1)"
            raise DataError([problem._replace(message=problem.message + hint)]) from None
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        known = "try utf-8, latin-1, cp1252"
        raise UsageError(f"{encoding!r} is not an encoding Python knows ({known})", option=option) from None
    if codec in _UTF8:
        return decode(name, raw)
    try:
        text = raw.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not valid {encoding}: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}; check {option}"
        raise DataError([Problem(name, line, col, Severity.ERROR, "encoding", message)]) from None
    if not raw.isascii() and _is_utf8(raw) and not codec.startswith("utf"):
        message = f"the file is UTF-8, not {encoding}: reading it as {encoding} would garble it; drop {option}"
        raise DataError([Problem(name, 1, 1, Severity.ERROR, "encoding", message)])
    return text


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
