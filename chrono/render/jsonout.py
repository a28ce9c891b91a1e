"""JSON and JSON Lines: lossless UTF-8, and safe for a terminal (see ``escape.json_safe``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from chrono.escape import json_safe


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON text for a value; dates in ``extra`` become ISO strings."""
    return json_safe(json.dumps(value, ensure_ascii=False, default=_default, indent=indent))


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
