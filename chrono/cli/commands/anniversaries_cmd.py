"""``chrono anniversaries``: which anniversaries fall in a window of days."""

from __future__ import annotations

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline
from chrono.cli.options import (
    FilterArgs,
    build_query,
    data_option,
    date_bounds,
    filter_options_without_dates,
    output_options,
    resolve_today,
    today_option,
)
from chrono.cli.output import emit
from chrono.errors import UsageError
from chrono.questions.anniversaries import anniversaries, same_day_in, window
from chrono.render.views import AnniversariesAnswer


@click.command("anniversaries", cls=ChronoCommand)
@click.option(
    "--on",
    "on",
    metavar="DATE",
    help="The window's centre day (default: today); 'May 18' or 05-18 is that day this year.",
)
@click.option("--ahead", type=click.IntRange(0, 3660), default=7, show_default=True, help="Days after DATE.")
@click.option("--behind", type=click.IntRange(0, 3660), default=0, show_default=True, help="Days before DATE.")
@data_option
@filter_options_without_dates
@today_option
@output_options("anniversaries", calendar=True)
@click.pass_obj
def command(
    env: Environment,
    on: str | None,
    ahead: int,
    behind: int,
    data: tuple[str, ...],
    filters: FilterArgs,
    today: str | None,
    fmt: str,
    color: str,
    no_pager: bool,
    calendar: str,
) -> None:
    """The window runs from DATE - behind to DATE + ahead (inclusive).

    Events with a day-precise start count; month-precise ones appear when the window touches
    their month (marked as such); year-only ones never. 29 February falls on 28 February in
    common years. The filters of 'chrono list' apply, except its date range: here --on sets
    the window.

    \b
    Examples:
      chrono anniversaries --on 2022-08-05 --behind 1 --ahead 0
      chrono anniversaries --on "May 18" --ahead 0
    """
    day = resolve_today(today, env)
    centre = day.toordinal()
    from chrono.dates.months import day_of_year

    yearless = day_of_year(on) if on is not None else None
    if yearless is not None:  # a day of the year: this year's (the year of --today)
        centre = same_day_in(day.year, *yearless)
    elif on is not None:
        bounds = date_bounds(on, "--on", day)
        if bounds is None or bounds[0] != bounds[1]:
            raise UsageError(f"{on!r} is not a single day", option="--on")
        centre = bounds[0]
    lo, hi = window(centre, behind, ahead)
    query = build_query(filters, day)
    timeline = load_timeline(env)
    found = anniversaries(timeline.select(query), lo, hi)
    answer = AnniversariesAnswer(found, timeline.chronology)
    emit(env, "anniversaries", fmt, answer, color=color, no_pager=no_pager, calendar=calendar)
