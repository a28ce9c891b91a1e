"""Text from a dataset is data: make it safe for a terminal and a one-line-per-record format.

Two escapings, both reversible in the TSV case:

* ``tsv`` — backslash, tab, newline and carriage return become ``\\\\ \\t \\n \\r``; every other
  control character (C0, DEL, C1) becomes ``\\xHH``; bidirectional embeddings, overrides and
  isolates (U+202A-U+202E, U+2066-U+2069) become ``\\uXXXX``. A record is then exactly one line,
  and ``tsv_unescape`` gives the original text back.
* ``visible`` — for text drawn on a terminal: the same characters shown as escapes, except that
  newlines are kept as line breaks and backslashes are left alone.

``csv_text`` is ``visible`` with tabs kept (CSV quotes them); a carriage return is written ``\\r``
there too, because a raw one moves a terminal's cursor back over the row. ``web_url`` decides
which URLs become live links in the exports, and how they are written.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

BIDI_CONTROLS = tuple(range(0x202A, 0x202F)) + tuple(range(0x2066, 0x206A))
_CONTROL_CODES = tuple(range(0x20)) + tuple(range(0x7F, 0xA0))

_TSV_TABLE: dict[int, str] = {code: f"\\x{code:02x}" for code in _CONTROL_CODES}
_TSV_TABLE.update({code: f"\\u{code:04x}" for code in BIDI_CONTROLS})
_TSV_TABLE.update({ord("\\"): "\\\\", ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"})

_VISIBLE_TABLE = {code: text for code, text in _TSV_TABLE.items() if code not in (ord("\\"), ord("\n"))}

_CSV_TABLE = {code: text for code, text in _VISIBLE_TABLE.items() if code != ord("\t")}

# Character classes as ranges: compiling them is much cheaper than listing every character.
_TSV_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\\\\]")
_VISIBLE_UNSAFE_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE_RE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNESCAPE_RE = re.compile(r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))", re.DOTALL)
_SIMPLE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv(text: str) -> str:
    """Escape a field so that it holds no tab, newline or terminal control (reversible)."""
    if _TSV_UNSAFE_RE.search(text) is None:
        return text
    return text.translate(_TSV_TABLE)


def tsv_unescape(text: str) -> str:
    """The original text of a field escaped by ``tsv``."""

    def replace(match: re.Match[str]) -> str:
        hex2, hex4, simple = match.groups()
        if hex2 or hex4:
            return chr(int(hex2 or hex4, 16))
        if simple in _SIMPLE:
            return _SIMPLE[simple]
        raise ValueError(f"unknown escape \\{simple}")

    return _UNESCAPE_RE.sub(replace, text)


def visible(text: str) -> str:
    """Text for a terminal: controls and bidi overrides shown as escapes, newlines kept."""
    if _VISIBLE_UNSAFE_RE.search(text) is None:
        return text
    return text.translate(_VISIBLE_TABLE)


def csv_text(text: str) -> str:
    """Text for a CSV field: like ``visible``, but tabs kept (CSV quotes them); a carriage return
    is ``\\r``, as in TSV, since a raw one would overwrite the row on a terminal."""
    if _VISIBLE_UNSAFE_RE.search(text) is None:
        return text
    return text.translate(_CSV_TABLE)


def has_unsafe(text: str) -> bool:
    """True when the text holds a control (other than tab and newline) or a bidi override."""
    return _VISIBLE_UNSAFE_RE.search(text.replace("\t", "")) is not None


def json_safe(encoded: str) -> str:
    """Make JSON text terminal-safe, losslessly: DEL, C1 and bidi controls as ``\\uXXXX``.

    ``json.dumps(ensure_ascii=False)`` already escapes C0 controls; these other characters can
    only occur inside JSON strings, where a ``\\u`` escape means the same character.
    """
    if _JSON_UNSAFE_RE.search(encoded) is None:
        return encoded
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# What a URL may hold as written: RFC 3986's unreserved and reserved characters and '%'. Anything
# else — controls, spaces, quotes, '<', '>', backslash, non-ASCII — is percent-encoded.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
_WEB_SCHEME_RE = re.compile(r"https?://", re.IGNORECASE)


def web_url(url: str) -> str | None:
    """The URL as a live link may carry it, or None when it must not be a link.

    Only ``http`` and ``https`` URLs become links (``javascript:``, ``data:``, ``file:`` never
    do); every character outside RFC 3986's set is percent-encoded (UTF-8), so a URL can hold no
    control, space, newline, quote or angle bracket, and cannot end a Markdown autolink or an
    HTML attribute, or start a new line, early.
    """
    if _WEB_SCHEME_RE.match(url) is None:
        return None
    from urllib.parse import quote

    return quote(url, safe=_URL_SAFE)


# JSON has no NaN or infinity, while TOML does (``x = nan`` in ``extra``): every JSON chrono writes
# (output, the SQL tables' ``extra``) spells them as TOML does, as strings.


def strict_json(value: Any, default: Callable[[Any], Any], **options: Any) -> str:
    """``json.dumps`` (non-ASCII kept) that never writes the non-JSON ``NaN`` or ``Infinity``."""
    try:
        return json.dumps(value, ensure_ascii=False, default=default, allow_nan=False, **options)
    except ValueError:  # a non-finite float somewhere: rare, so only then is the value copied
        return json.dumps(finite(value), ensure_ascii=False, default=default, allow_nan=False, **options)


def finite(value: Any) -> Any:
    """The value with every NaN or infinity replaced by its TOML spelling: 'nan', 'inf', '-inf'."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value


def iso_default(value: object) -> str:
    """``default`` for ``strict_json``: a TOML date, time or datetime in ISO form (``T`` between
    date and time, as JSON output and the SQL tables write it)."""
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def compact_json(value: Any) -> str:
    """The compact JSON of a value in TSV and CSV (``extra``): no spaces, keys sorted, ISO dates."""
    return strict_json(value, default=iso_default, sort_keys=True, separators=(",", ":"))
