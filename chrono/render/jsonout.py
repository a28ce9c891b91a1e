"""JSON and JSON Lines: lossless UTF-8, and safe for a terminal (see ``escape.json_safe``).

JSON has no NaN or infinity, while TOML does (``x = nan`` in ``extra``): such a number is written
as the string TOML spells it with, ``"nan"``, ``"inf"`` or ``"-inf"``, so the output is always
JSON that strict readers (jq, browsers, other languages' parsers) accept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from chrono.escape import finite, iso_default, json_safe, strict_json

if TYPE_CHECKING:
    from chrono.render.views import (
        AnniversariesAnswer,
        BetweenAnswer,
        CheckAnswer,
        DiffAnswer,
        ListAnswer,
        Look,
        StatsAnswer,
    )

__all__ = ["array_lines", "dumps", "finite", "jsonl_lines", "strict_json"]  # finite, strict_json: from escape


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON text for a value; dates in ``extra`` become ISO strings, NaN and infinities strings."""
    return json_safe(strict_json(value, default=iso_default, indent=indent))


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


# The renderers of the format registry (chrono.render.formats) that write JSON.


def _records(answer: ListAnswer) -> Iterator[dict[str, Any]]:
    from chrono.render.records import FIELD_NAMES, record

    chronology, keys = answer.timeline.chronology, answer.fields or FIELD_NAMES
    return (record(event, chronology, keys) for event in answer.timeline.select(answer.query))


def list_json(answer: ListAnswer, look: Look) -> Iterator[str]:
    """``list --format json``: an array of event records."""
    return array_lines(_records(answer))


def list_jsonl(answer: ListAnswer, look: Look) -> Iterator[str]:
    """``list --format jsonl``: one event record per line."""
    return jsonl_lines(_records(answer))


def between_json(answer: BetweenAnswer, look: Look) -> Iterator[str]:
    """``between --format json``: both ends and the shortest and longest interval."""
    yield dumps(answer.record) + "\n"


def anniversaries_json(answer: AnniversariesAnswer, look: Look) -> Iterator[str]:
    """``anniversaries --format json``."""
    records = (
        {"anniversary": a.label, "years": a.years, "round": a.round, "precision": a.precision.label,
         "id": a.event.id, "date": a.event.when.edtf, "title": a.event.title}
        for a in answer.found
    )  # fmt: skip
    return array_lines(records)


def stats_json(answer: StatsAnswer, look: Look) -> Iterator[str]:
    """``stats --format json``: the counts, the summary or the gaps as one document."""
    yield dumps(answer.payload, indent=2) + "\n"


def check_json(answer: CheckAnswer, look: Look) -> Iterator[str]:
    """``check --format json``: an array of problems."""
    records = (
        {"path": p.path, "line": p.line, "col": p.col, "severity": p.severity.value, "code": p.code,
         "message": p.message}
        for p in answer.report.problems
    )  # fmt: skip
    return array_lines(records)


def diff_json(answer: DiffAnswer, look: Look) -> Iterator[str]:
    """``diff --format json``: an array of changes (``--stat``: the counts line)."""
    from chrono.render.changes import record, stat_line

    if answer.stat:
        return iter([stat_line(answer.changes) + "\n"])
    return array_lines(record(change) for change in answer.changes)
