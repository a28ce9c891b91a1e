"""``chrono export``: the chosen events as iCalendar, Markdown, TimelineJS3 JSON or an HTML page."""

from __future__ import annotations

import os

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
    title_option,
    today_option,
)
from chrono.cli.output import emit
from chrono.errors import SourceError
from chrono.render.formats import by_name
from chrono.render.views import ExportAnswer


@click.command("export", cls=ChronoCommand)
@output_options("export", color=False)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically; links followed) instead of stdout.")
@click.option("--force", is_flag=True, help="sqlite: overwrite FILE if it exists.")
@click.option("--yearly", is_flag=True, help="ics: repeat each event every year, for anniversaries.")
@title_option
@data_option
@filter_options
@sort_options
@today_option
@click.pass_obj
def command(
    env: Environment,
    fmt: str,
    no_pager: bool,
    output: str | None,
    force: bool,
    yearly: bool,
    title: str | None,
    data: tuple[str, ...],
    filters: FilterArgs,
    sort: str,
    reverse: bool,
    limit: int | None,
    today: str | None,
) -> None:
    """Every filter of 'chrono list' applies.

    \b
    Examples:
      chrono export --format ics --yearly -o anniversaries.ics
      chrono export --format sqlite -o chronology.sqlite
    """
    day = resolve_today(today, env)
    query = build_query(filters, day, sort, reverse, limit)
    if by_name(fmt).to_file and output and output != "-" and os.path.lexists(output) and not force:
        raise SourceError(f"'{output}' exists; pass --force to overwrite it")
    timeline = load_timeline(env)
    note_unmatched(env, timeline, filters)
    inputs = env.settings.data.value
    answer = ExportAnswer(timeline.select(query), timeline.chronology, title, day, yearly, inputs)
    emit(env, "export", fmt, answer, no_pager=no_pager, output=output)
