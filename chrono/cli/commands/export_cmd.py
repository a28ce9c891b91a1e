"""``chrono export``: the chosen events as iCalendar, Markdown, TimelineJS3 JSON or an HTML page."""

from __future__ import annotations

from collections.abc import Iterable

import click

from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline
from chrono.cli.options import FilterArgs, build_query, data_option, filter_options, resolve_today, today_option
from chrono.cli.output import note, write_lines
from chrono.dataset import atomic_write

FORMATS = ("ics", "markdown", "timelinejs", "html")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="The export format.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--yearly", is_flag=True, help="ics: repeat each event every year, for anniversaries.")
@click.option(
    "--title", default="Chronology", show_default=True, help="markdown, html, timelinejs: the document's title."
)
@data_option
@filter_options
@today_option
@click.pass_obj
def command(
    env: Environment,
    fmt: str,
    output: str | None,
    yearly: bool,
    title: str,
    data: tuple[str, ...],
    filters: FilterArgs,
    today: str | None,
) -> None:
    """Export the chosen events (every filter of 'chrono list' applies).

    \b
    Examples:
      chrono export --format ics --yearly -o anniversaries.ics
      chrono export --format markdown --from 2000 > report.md
      chrono export --format html --title "DPRK-Russia" -o chronology.html
      chrono export --format timelinejs | jq '.events | length'
    """
    day = resolve_today(today, env)
    query = build_query(filters, day)
    timeline = load_timeline(env, data)
    chronology = timeline.chronology
    events = timeline.select(query)
    if fmt == "ics":
        from chrono.render.ics import render

        payload, left_out = render(events, chronology, day, yearly)
        if left_out:
            note(env, f"chrono: left out {left_out} event{'s' if left_out != 1 else ''} not known to the day")
        _emit(env, output, [payload.decode("utf-8")])
    elif fmt == "markdown":
        from chrono.render.markdown import lines

        _emit(env, output, lines(events, chronology, title))
    elif fmt == "timelinejs":
        from chrono.render.jsonout import dumps
        from chrono.render.timelinejs import document

        _emit(env, output, [dumps(document(events, chronology, title), indent=2) + "\n"])
    else:
        from chrono.render.html import page

        _emit(env, output, page(events, chronology, title))


def _emit(env: Environment, output: str | None, pieces: Iterable[str]) -> None:
    if output is None or output == "-":
        write_lines(env, pieces)
    else:
        atomic_write(output, "".join(pieces).encode("utf-8"))
