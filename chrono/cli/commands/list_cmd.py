"""``chrono list``: the filtered events, as a table on a terminal or a stable format in a pipe."""

from __future__ import annotations

import itertools

import click

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
from chrono.cli.output import note, resolve_format, use_color, write_bytes, write_lines, write_paged
from chrono.errors import ExitCode, UsageError
from chrono.questions.query import Query
from chrono.render.records import DEFAULT_FIELDS, parse_fields

FORMATS = ("auto", "table", "tsv", "csv", "json", "jsonl", "ids")


@click.command("list")
@data_option
@filter_options
@sort_options
@today_option
@output_options(FORMATS, calendar=True)
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
    """List events, filtered and sorted.

    \b
    Examples:
      chrono list --from 2000
      chrono list --kind summit --actor putin --format json | jq -r '.[].title'
    """
    query = build_query(filters, resolve_today(today, env), sort, reverse, limit)
    if count or quiet:
        return _count(env, data, filters, query, quiet)
    fmt = resolve_format(fmt, env, terminal="table", plain="tsv")
    try:
        chosen = parse_fields(fields) if fields or fmt in ("tsv", "csv") else None
    except ValueError as exc:
        raise UsageError(str(exc), option="--fields") from None
    timeline = load_timeline(env, data)
    note_unmatched(env, timeline.chronology, filters)
    if fmt == "tsv" and chosen == DEFAULT_FIELDS:  # the commonest case: lines as bytes
        heading = [("\t".join(DEFAULT_FIELDS) + "\n").encode()] if header else []
        write_bytes(env, itertools.chain(heading, timeline.default_lines(query)))
        return ExitCode.OK
    chronology = timeline.chronology
    events = timeline.select(query)
    if fmt == "table":
        from chrono.render.table import field_lines, table_lines

        shown = list(events)
        juche, colour = calendar == "juche", use_color(color, env)
        drawn = (
            field_lines(shown, chronology, chosen, env.width, colour, juche)
            if chosen
            else table_lines(shown, env.width, colour, juche, [event.id for event in chronology.events])
        )
        write_paged(env, drawn, no_pager, drawing=True)
        note(env, f"{len(shown)} event{'s' if len(shown) != 1 else ''}")
    elif fmt in ("json", "jsonl"):
        from chrono.render.jsonout import array_lines, jsonl_lines
        from chrono.render.records import FIELD_NAMES, record

        keys = chosen or FIELD_NAMES
        records = (record(event, chronology, keys) for event in events)
        write_lines(env, array_lines(records) if fmt == "json" else jsonl_lines(records))
    else:
        from chrono.render import plain

        if fmt == "ids":
            write_lines(env, plain.id_lines(events))
        elif fmt == "csv":
            write_lines(env, plain.csv_lines(events, chronology, chosen or ()))
        else:
            write_lines(env, plain.tsv_lines(events, chronology, chosen or (), header))
    return ExitCode.OK


def _count(env: Environment, data: tuple[str, ...], filters: FilterArgs, query: Query, quiet: bool) -> int:
    """``--count``: the number of matching events; ``-q``: nothing, and exit 1 when none matched."""
    timeline = load_timeline(env, data)
    note_unmatched(env, timeline.chronology, filters)
    events = timeline.select(query)
    if quiet:
        return ExitCode.OK if next(events, None) is not None else ExitCode.NEGATIVE
    write_lines(env, [f"{sum(1 for _ in events)}\n"])
    return ExitCode.OK
