"""``chrono timeline``: the chosen events drawn across the terminal."""

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
    today_option,
)
from chrono.cli.output import page_text, show, use_color


@click.command("timeline", cls=ChronoCommand)
@data_option
@filter_options
@today_option
@click.option(
    "--by",
    type=click.Choice(["kind", "actor"]),
    default="kind",
    show_default=True,
    help="One lane per kind or per actor.",
)
@click.option(
    "--width", type=click.IntRange(min=40), metavar="N", help="Draw N columns wide (default: the terminal's width)."
)
@click.option("--ids", "use_ids", is_flag=True, help="Label events with ids instead of titles.")
@output_options()
@click.pass_obj
def command(
    env: Environment,
    data: tuple[str, ...],
    filters: FilterArgs,
    today: str | None,
    by: str,
    width: int | None,
    use_ids: bool,
    color: str,
    no_pager: bool,
) -> None:
    """Day-precise events are dots, spans of known days solid bars, and month- or year-precise
    dates shaded bars over every day they may be. The axis covers --from/--to, or the events.
    Piped or with NO_COLOR the same picture is drawn without colour.

    \b
    Examples:
      chrono timeline --from 2000
      chrono timeline --from 2001-07 --to 2001-08 --ids
    """
    day = resolve_today(today, env)
    query = build_query(filters, day)
    timeline = load_timeline(env)
    note_unmatched(env, timeline, filters)
    events = list(timeline.select(query))
    start, end = query.bounds()
    from chrono.render.timeline import draw, plain

    lines = draw(events, timeline.chronology, width or env.width, by, start, end, use_ids)
    if use_color(color, env):
        from rich.text import Text

        text = Text()
        for line in lines:
            for segment, style in line:
                text.append(segment, style=style or "")
            text.append("\n")
        show(env, text, color, no_pager, end="", overflow="ignore", crop=False)
    else:
        page_text(env, plain(lines), no_pager)
