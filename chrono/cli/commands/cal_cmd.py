"""``chrono cal``: a month (or a year) as a calendar grid, days with events marked, the events
listed under it."""

from __future__ import annotations

import datetime as _dt
import itertools

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline, note_unmatched
from chrono.cli.options import (
    FilterArgs,
    build_query,
    data_option,
    filter_options_without_dates,
    output_options,
    resolve_today,
    today_option,
)
from chrono.cli.output import note, use_color, write_paged
from chrono.errors import DateError, UsageError

WEEK_STARTS = {"monday": 0, "saturday": 5, "sunday": 6}
# Territories whose weeks start on Sunday or Saturday (CLDR's firstDay); every other starts on Monday.
SUNDAY_FIRST = frozenset(
    [
        "AG",
        "AS",
        "BD",
        "BR",
        "BS",
        "BT",
        "BW",
        "BZ",
        "CA",
        "CN",
        "CO",
        "DM",
        "DO",
        "ET",
        "GT",
        "GU",
        "HK",
        "HN",
        "ID",
        "IL",
        "IN",
        "JM",
        "JP",
        "KE",
        "KH",
        "KR",
        "LA",
        "MH",
        "MM",
        "MO",
        "MT",
        "MX",
        "MZ",
        "NI",
        "NP",
        "PA",
        "PE",
        "PH",
        "PK",
        "PR",
        "PT",
        "PY",
        "SA",
        "SG",
        "SV",
        "TH",
        "TT",
        "TW",
        "UM",
        "US",
        "VE",
        "VI",
        "WS",
        "YE",
        "ZA",
        "ZW",
    ]
)
SATURDAY_FIRST = frozenset(["AE", "AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SD", "SY"])


@click.command("cal", cls=ChronoCommand)
@click.argument("period", required=False, metavar="[YEAR|YEAR-MM]")
@data_option
@filter_options_without_dates
@click.option(
    "--week-start",
    type=click.Choice(["locale", *WEEK_STARTS]),
    default="locale",
    show_default=True,
    help="The first day of the week; locale: the territory of LC_ALL, LC_TIME or LANG (else Monday).",
)
@today_option
@output_options()
@click.pass_obj
def command(
    env: Environment,
    period: str | None,
    data: tuple[str, ...],
    filters: FilterArgs,
    week_start: str,
    today: str | None,
    color: str,
    no_pager: bool,
) -> None:
    """The month is this one unless given; days with events are marked (•) and the events are
    listed under the grids. An event dated only to the month marks no day; one dated more
    coarsely than the period shown is counted on stderr, not listed.

    \b
    Examples:
      chrono cal 2024-06
      chrono cal 2001 --kind visit
    """
    day = resolve_today(today, env)
    first, last = _period(period, day)
    timeline = load_timeline(env)
    note_unmatched(env, timeline, filters)
    found = list(timeline.select(build_query(filters, day).with_range(first.toordinal(), last.toordinal())))
    room = (last - first).days
    listed = [event for event in found if event.when.start.upper - event.when.start.lower <= room]
    from chrono.render.calendar import grid_lines, marked_days
    from chrono.render.table import every_id, table_lines

    colour = use_color(color, env)
    months = list(range(first.month, last.month + 1))
    grids = grid_lines(
        first.year, months, marked_days(listed, first, last), day, _week_start(week_start, env), env.width, colour
    )
    every = timeline.chronology.events
    table = table_lines(listed, env.width, colour, every=lambda: every_id(every))
    events = itertools.chain(["\n"], table) if listed else []
    write_paged(env, itertools.chain(grids, events), no_pager, drawing=True)
    coarser = len(found) - len(listed)
    more = f"; {coarser} more dated only more coarsely (chrono list --on {first.year})" if coarser else ""
    note(env, f"{len(listed)} event{'s' if len(listed) != 1 else ''}{more}")


def _period(text: str | None, today: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The first and last day of the month or year asked for (any date argument at month or year
    precision: 2024-06, 'June 2024', 2024, 'this month'); this month when none is given."""
    if text is None:
        start = today.replace(day=1)
    else:
        from chrono.dates.arguments import parse_date_arg
        from chrono.dates.edtf import Precision

        try:
            arg = parse_date_arg(text, today)
        except DateError as exc:
            raise UsageError(str(exc), option="PERIOD") from None
        from chrono.dates.days import to_date

        lower, upper = to_date(arg.lower), to_date(arg.upper)
        if lower is None or upper is None:
            raise UsageError(f"{text!r}: cal draws months of years 1-9999", option="PERIOD")
        if arg.precision is Precision.YEAR and lower.year == upper.year:
            return lower.replace(month=1, day=1), lower.replace(month=12, day=31)
        if lower.year != upper.year or lower.month != upper.month:
            raise UsageError(f"{text!r} is not one month or one year; give YEAR or YEAR-MM", option="PERIOD")
        start = lower.replace(day=1)
    following = (start.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
    return start, following - _dt.timedelta(days=1)


def _week_start(choice: str, env: Environment) -> int:
    """Monday 0 … Sunday 6: the option's day, or the locale's territory's first day."""
    if choice != "locale":
        return WEEK_STARTS[choice]
    name = env.settings.locale.value
    territory = name.partition(".")[0].partition("@")[0].partition("_")[2].upper()
    return 6 if territory in SUNDAY_FIRST else 5 if territory in SATURDAY_FIRST else 0
