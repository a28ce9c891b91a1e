"""Renderings of ``chrono stats``: rows for TSV, records for JSON, a table with bars."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from chrono.dates.days import iso
from chrono.escape import visible
from chrono.questions.stats import Gap, Summary

if TYPE_CHECKING:
    from chrono.render.views import Look, StatsAnswer

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
    return [(iso(g.start), iso(g.end), str(g.days), g.after.id, g.before.id) for g in found]


def gap_records(found: Sequence[Gap]) -> list[dict[str, Any]]:
    """Gaps as JSON."""
    return [
        {
            "from": iso(g.start),
            "to": iso(g.end),
            "days": g.days,
            "after": g.after.id,
            "before": g.before.id,
        }
        for g in found
    ]


LONG_GROUPS = 20  # more groups than this scroll past: the title says how many there are


def title(by: str | None, gap_count: int | None, groups: int = 0) -> str:
    """The table's title; a long count says how many groups it shows."""
    if gap_count is not None:
        return f"The {gap_count} longest quiet periods"
    if by and groups > LONG_GROUPS:
        return f"Events by {by}: {groups} groups"
    return f"Events by {by}" if by else "Summary"


GAP_HEADERS = ("From", "To", "Days", "After", "Before")


def table_lines(
    rows: Sequence[tuple[str, ...]],
    bars: bool,
    title: str,
    width: int,
    colour: bool,
    headers: Sequence[str] | None = None,
) -> Iterator[str]:
    """The rows as a table drawn line by line, under its title; with ``bars``, a bar proportional
    to each count. Nothing is cut: a long label folds onto a second line."""
    from chrono.render.columns import RESET, Column, Styled, header_lines, row_lines, share, widest
    from chrono.render.palette import SGR

    count = len(headers) if headers else (len(rows[0]) if rows else 2)
    names = list(headers) if headers else [""] * count
    cells = [[visible(cell) for cell in row] for row in rows]
    widths = [widest({row[index] for row in cells}, names[index]) for index in range(count)]
    if not bars and widths and sum(widths) + 3 * (count - 1) > width:  # the last column folds
        widths[-1] = share(widths[:-1], width)
    shape = [
        Column(names[index], widths[index], fold=index == count - 1 and not bars,
               right=(bars and index == 1) or names[index] == "Days")
        for index in range(count)
    ]  # fmt: skip
    drawn: list[list[str | Styled]] = [list(row) for row in cells]
    if bars:
        top = max((int(row[1]) for row in rows), default=0)
        shape.append(Column("", BAR_WIDTH))
        for row, cells_of_row in zip(rows, drawn, strict=True):
            length = round(int(row[1]) / top * BAR_WIDTH) if top else 0
            cells_of_row.append(Styled("█" * length or ("▏" if int(row[1]) else ""), "cyan"))
    yield (f"{SGR['italic']}{title}{RESET}" if colour else title) + "\n"
    if headers:
        yield from header_lines(shape, colour)
    for row_cells in drawn:
        yield from row_lines(shape, row_cells, colour)


def stats_table(answer: StatsAnswer, look: Look) -> Iterator[str]:
    """``stats --format table``: under its title, with bars for counts."""
    return table_lines(answer.rows, answer.bars, answer.title, look.width, look.colour, answer.headers)


def stats_tsv(answer: StatsAnswer, look: Look) -> Iterator[str]:
    """``stats --format tsv``: the rows, cells escaped as in TSV."""
    from chrono.escape import tsv

    for row in answer.rows:
        yield "\t".join(tsv(cell) for cell in row) + "\n"
