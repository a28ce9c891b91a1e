"""``chrono list``: the filtered events, as a table on a terminal or a stable format in a pipe."""

from __future__ import annotations

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
    sort_options,
    today_option,
)
from chrono.cli.output import emit, write_lines
from chrono.errors import ExitCode, UsageError
from chrono.questions.query import Query
from chrono.render.records import parse_fields
from chrono.render.views import ListAnswer


@click.command("list", cls=ChronoCommand)
@data_option
@filter_options
@sort_options
@today_option
@output_options("list", calendar=True)
@click.option(
    "--fields",
    metavar="F1,F2",
    help="Fields to show, by JSON key or extra.KEY, in every format (default for tsv/csv: date,id,kind,title).",
)
@click.option("--header", is_flag=True, help="Start tsv output with a header row.")
@click.option("--count", is_flag=True, help="Print only the number of matching events.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; exit 1 when no event matched (as grep -q), else 0.")
@click.pass_obj
def command(
    env: Environment,
    data: tuple[str, ...],
    filters: FilterArgs,
    sort: str,
    reverse: bool,
    limit: int | None,
    today: str | None,
    fmt: str,
    fields: str | None,
    header: bool,
    count: bool,
    quiet: bool,
    color: str,
    no_pager: bool,
    calendar: str,
) -> int:
    """\b
    Examples:
      chrono list --from 2000
      chrono list --kind summit --actor putin --format json | jq -r '.[].title'
    """
    query = build_query(filters, resolve_today(today, env), sort, reverse, limit)
    if count or quiet:
        return _count(env, data, filters, query, quiet)
    try:
        chosen = parse_fields(fields) if fields else None
    except ValueError as exc:
        raise UsageError(str(exc), option="--fields") from None
    timeline = load_timeline(env)
    note_unmatched(env, timeline, filters)
    answer = ListAnswer(timeline, query, chosen, header)
    emit(env, "list", fmt, answer, color=color, no_pager=no_pager, calendar=calendar)
    return ExitCode.OK


def _count(env: Environment, data: tuple[str, ...], filters: FilterArgs, query: Query, quiet: bool) -> int:
    """``--count``: the number of matching events; ``-q``: nothing, and exit 1 when none matched."""
    timeline = load_timeline(env)
    note_unmatched(env, timeline, filters)
    events = timeline.select(query)
    if quiet:
        return ExitCode.OK if next(events, None) is not None else ExitCode.NEGATIVE
    write_lines(env, [f"{sum(1 for _ in events)}\n"])
    return ExitCode.OK
