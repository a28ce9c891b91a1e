"""``chrono export``: the chosen events as iCalendar, Markdown, TimelineJS3 JSON or an HTML page."""

from __future__ import annotations

from collections.abc import Iterable

import click

from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline, note_unmatched
from chrono.cli.options import (
    FilterArgs,
    build_query,
    data_option,
    filter_options,
    format_option,
    pager_option,
    resolve_today,
    sort_options,
    today_option,
)
from chrono.cli.output import note, write_paged
from chrono.errors import SourceError, UsageError
from chrono.questions.query import Query

FORMATS = ("ics", "markdown", "timelinejs", "html", "sqlite")


@click.command("export")
@format_option(FORMATS, required=True)
@pager_option
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically; links followed) instead of stdout.")
@click.option("--force", is_flag=True, help="sqlite: overwrite FILE if it exists.")
@click.option("--yearly", is_flag=True, help="ics: repeat each event every year, for anniversaries.")
@click.option(
    "--title", default="Chronology", show_default=True, help="markdown, html, timelinejs: the document's title."
)
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
    title: str,
    data: tuple[str, ...],
    filters: FilterArgs,
    sort: str,
    reverse: bool,
    limit: int | None,
    today: str | None,
) -> None:
    """Export the chosen events (every filter of 'chrono list' applies).

    \b
    Examples:
      chrono export --format ics --yearly -o anniversaries.ics
      chrono export --format sqlite -o chronology.sqlite
    """
    day = resolve_today(today, env)
    query = build_query(filters, day, sort, reverse, limit)
    if fmt == "sqlite":
        _sqlite(env, data, query, output, force)
        return
    timeline = load_timeline(env, data)
    note_unmatched(env, timeline.chronology, filters)
    chronology = timeline.chronology
    events = timeline.select(query)
    if fmt == "ics":
        from chrono.render.ics import render

        payload, left_out = render(events, chronology, day, yearly)
        if left_out:
            note(env, f"chrono: left out {left_out} event{'s' if left_out != 1 else ''} not known to the day")
        _emit(env, output, no_pager, [payload.decode("utf-8")])
    elif fmt == "markdown":
        from chrono.render.markdown import lines

        _emit(env, output, no_pager, lines(events, chronology, title))
    elif fmt == "timelinejs":
        from chrono.render.jsonout import dumps
        from chrono.render.timelinejs import document

        _emit(env, output, no_pager, [dumps(document(events, chronology, title), indent=2) + "\n"])
    else:
        from chrono.render.html import page

        _emit(env, output, no_pager, page(events, chronology, title))


def _emit(env: Environment, output: str | None, no_pager: bool, pieces: Iterable[str]) -> None:
    if output is None or output == "-":  # a document on a terminal pages, like every long view
        write_paged(env, (line for piece in pieces for line in piece.splitlines(keepends=True)), no_pager)
    else:
        from chrono.writing.files import write_output

        write_output(output, "".join(pieces).encode("utf-8"))


def _sqlite(env: Environment, data: tuple[str, ...], query: Query, output: str | None, force: bool) -> None:
    """The tables of ``chrono sql`` in a database file, written whole or not at all."""
    import os

    if output is None or output == "-":
        raise UsageError("a database is a file: give -o FILE", option="--format sqlite")
    if os.path.lexists(output) and not force:
        raise SourceError(f"'{output}' exists; pass --force to overwrite it")
    from chrono.loading.dataset import resolve_inputs
    from chrono.sql import database as sqldb

    timeline = load_timeline(env, data)
    events = list(timeline.select(query))
    named = {s.name: s.path for s in resolve_inputs(list(data) or list(env.settings.data.value)) if s.path}
    try:
        sqldb.build_file(output, timeline.chronology, events, named)
    except OSError as exc:
        raise SourceError(f"cannot write '{output}': {exc.strerror or exc}") from None
