"""``chrono stats``: counts by year, decade, kind, actor, place or tag; a summary; quiet gaps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline
from chrono.cli.options import FilterArgs, build_query, data_option, filter_options, resolve_today, today_option
from chrono.cli.output import color_option, format_option, pager_option, resolve_format, show, write_lines
from chrono.escape import tsv
from chrono.stats import By, counts, gaps, summary


@click.command("stats")
@data_option
@filter_options
@today_option
@click.option("--by", type=click.Choice([b.value for b in By]), help="Count events per group (default: a summary).")
@click.option("--gaps", "gap_count", type=click.IntRange(min=1), metavar="N", help="The N longest quiet periods.")
@format_option(("auto", "table", "tsv", "json"))
@color_option
@pager_option
@click.pass_obj
def command(
    env: Environment,
    data: tuple[str, ...],
    filters: FilterArgs,
    today: str | None,
    by: str | None,
    gap_count: int | None,
    fmt: str,
    color: str,
    no_pager: bool,
) -> None:
    """Count the chosen events, summarise them, or find the quiet periods between them.

    \b
    Examples:
      chrono stats
      chrono stats --by decade
      chrono stats --by actor --kind summit --format json
      chrono stats --gaps 5
    """
    query = build_query(filters, resolve_today(today, env))
    timeline = load_timeline(env, data)
    events = list(timeline.select(query))
    fmt = resolve_format(fmt, env, terminal="table", plain="tsv")
    from chrono.render import statsview

    payload: Any
    rows: Sequence[tuple[str, ...]]
    if gap_count is not None:
        found = gaps(events, gap_count)
        payload, rows = statsview.gap_records(found), statsview.gap_rows(found)
    elif by is not None:
        found_counts = counts(events, By(by), timeline.chronology)
        payload, rows = [{"key": k, "count": n} for k, n in found_counts], [(k, str(n)) for k, n in found_counts]
    else:
        result = summary(events)
        payload, rows = statsview.summary_record(result), statsview.summary_rows(result)
    if fmt == "json":
        from chrono.render.jsonout import dumps

        write_lines(env, [dumps(payload, indent=2) + "\n"])
    elif fmt == "table":
        headers = statsview.GAP_HEADERS if gap_count is not None else None
        bars = by is not None and gap_count is None
        table = statsview.table(rows, bars=bars, title=statsview.title(by, gap_count), headers=headers)
        show(env, table, color, no_pager)
    else:
        write_lines(env, ("\t".join(tsv(cell) for cell in row) + "\n" for row in rows))
