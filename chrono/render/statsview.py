"""Renderings of ``chrono stats``: rows for TSV, records for JSON, a table with bars."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chrono.escape import visible
from chrono.stats import Gap, Summary

BAR_WIDTH = 40


def summary_rows(result: Summary) -> list[tuple[str, str]]:
    """``key<TAB>value`` rows of the summary."""
    busiest = f"{result.busiest_year[0]:04d} ({result.busiest_year[1]})" if result.busiest_year else ""
    return [
        ("events", str(result.events)),
        ("first", result.first or ""),
        ("last", result.last or ""),
        ("day-precise", str(result.by_precision["day"])),
        ("month-precise", str(result.by_precision["month"])),
        ("year-precise", str(result.by_precision["year"])),
        ("without-source", str(result.without_source)),
        ("busiest-year", busiest),
    ]


def summary_record(result: Summary) -> dict[str, Any]:
    """The summary as JSON."""
    busiest = {"year": result.busiest_year[0], "events": result.busiest_year[1]} if result.busiest_year else None
    return {
        "events": result.events,
        "first": result.first,
        "last": result.last,
        "precision": result.by_precision,
        "without_source": result.without_source,
        "busiest_year": busiest,
    }


def gap_rows(found: Sequence[Gap]) -> list[tuple[str, ...]]:
    """``from<TAB>to<TAB>days<TAB>after-id<TAB>before-id`` rows."""
    return [(g.start.isoformat(), g.end.isoformat(), str(g.days), g.after.id, g.before.id) for g in found]


def gap_records(found: Sequence[Gap]) -> list[dict[str, Any]]:
    """Gaps as JSON."""
    return [
        {
            "from": g.start.isoformat(),
            "to": g.end.isoformat(),
            "days": g.days,
            "after": g.after.id,
            "before": g.before.id,
        }
        for g in found
    ]


def title(by: str | None, gap_count: int | None) -> str:
    """The table's title."""
    if gap_count is not None:
        return f"The {gap_count} longest quiet periods"
    return f"Events by {by}" if by else "Summary"


GAP_HEADERS = ("From", "To", "Days", "After", "Before")


def table(rows: Sequence[tuple[str, ...]], bars: bool, title: str, headers: Sequence[str] | None = None) -> Any:
    """A table of the rows; with ``bars``, a bar proportional to each count. Nothing is cut:
    long cells fold onto a second line."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    result = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_header=headers is not None)
    width = len(headers) if headers else (len(rows[0]) if rows else 2)
    for index in range(width):
        numeric = (bars and index == 1) or (headers is not None and headers[index] == "Days")
        result.add_column(headers[index] if headers else "", justify="right" if numeric else "left", overflow="fold")
    if bars:
        result.add_column()
    top = max((int(row[1]) for row in rows), default=0) if bars else 0
    for row in rows:
        cells = [Text(visible(cell)) for cell in row]
        if bars:
            length = round(int(row[1]) / top * BAR_WIDTH) if top else 0
            cells.append(Text("█" * length or ("▏" if int(row[1]) else ""), style="cyan"))
        result.add_row(*cells)
    return result
