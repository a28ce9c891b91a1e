"""``chrono stats``: counts by year, decade, century, month, weekday, kind, actor, place, tag or
extra field; a summary; quiet gaps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline, note_unmatched
from chrono.cli.options import (
    FilterArgs,
    build_query,
    data_option,
    filter_options,
    output_options,
    resolve_today,
    today_option,
)
from chrono.cli.output import emit
from chrono.errors import UsageError
from chrono.questions.stats import By, counts, gaps, summary
from chrono.render.views import StatsAnswer


@click.command("stats", cls=ChronoCommand)
@data_option
@filter_options
@today_option
@click.option(
    "--by",
    metavar="|".join([*(b.value for b in By), "extra.KEY"]),
    help="Count events per group (default: a summary): years, decades, centuries, months and weekdays in calendar "
    "order; extra.KEY counts the values of that extra field (numbers and dates in their order).",
)
@click.option("--gaps", "gap_count", type=click.IntRange(min=1), metavar="N", help="The N longest quiet periods.")
@output_options("stats")
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
    """\b
    Examples:
      chrono stats --by decade
      chrono stats --gaps 5
    """
    group = _group(by)
    query = build_query(filters, resolve_today(today, env))
    timeline = load_timeline(env)
    note_unmatched(env, timeline, filters)
    events = list(timeline.select(query))
    from chrono.render import statsview

    payload: Any
    rows: Sequence[tuple[str, ...]]
    if gap_count is not None:
        found = gaps(events, gap_count)
        payload, rows = statsview.gap_records(found), statsview.gap_rows(found)
    elif by is not None:
        found_counts = counts(events, group, timeline.chronology)
        payload, rows = [{"key": k, "count": n} for k, n in found_counts], [(k, str(n)) for k, n in found_counts]
    else:
        result = summary(events)
        payload, rows = statsview.summary_record(result), statsview.summary_rows(result)
    headers = statsview.GAP_HEADERS if gap_count is not None else None
    bars = by is not None and gap_count is None
    answer = StatsAnswer(rows, payload, statsview.title(by, gap_count, len(rows) if bars else 0), bars, headers)
    emit(env, "stats", fmt, answer, color=color, no_pager=no_pager)


def _group(by: str | None) -> By | str:
    """``--by`` as a ``By``, or the key of ``extra.KEY``; anything else is a usage error."""
    if by is None or (by.startswith("extra.") and len(by) > len("extra.")):
        return "" if by is None else by[len("extra.") :]
    try:
        return By(by)
    except ValueError:
        choices = ", ".join([*(b.value for b in By), "extra.KEY"])
        raise UsageError(f"cannot count by {by!r}; choose one of {choices}", option="--by") from None
