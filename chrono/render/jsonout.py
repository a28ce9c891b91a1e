"""JSON and JSON Lines: lossless UTF-8, and safe for a terminal (see ``escape.json_safe``).

JSON has no NaN or infinity, while TOML does (``x = nan`` in ``extra``): such a number is written
as the string TOML spells it with, ``"nan"``, ``"inf"`` or ``"-inf"``, so the output is always
JSON that strict readers (jq, browsers, other languages' parsers) accept.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from chrono.escape import json_safe


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON text for a value; dates in ``extra`` become ISO strings, NaN and infinities strings."""
    return json_safe(strict_json(value, default=_default, indent=indent))


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


def _default(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def array_lines(items: Iterable[Any]) -> Iterator[str]:
    """A JSON array written item by item, so output streams."""
    first = True
    for item in items:
        yield ("[\n  " if first else ",\n  ") + dumps(item)
        first = False
    yield "[]\n" if first else "\n]\n"


def jsonl_lines(items: Iterable[Any]) -> Iterator[str]:
    """One JSON object per line."""
    for item in items:
        yield dumps(item) + "\n"
