"""``chrono between A B``: the time from A to B, honest about partial dates."""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline
from chrono.cli.options import complete, data_option, output_options, resolve_today, today_option
from chrono.cli.output import emit
from chrono.dates.arguments import parse_date_arg
from chrono.dates.days import DAWN, FOREVER, iso
from chrono.dates.intervals import interval
from chrono.errors import DateError, NotFoundError, UsageError
from chrono.model import Chronology
from chrono.questions.lookup import Miss, find
from chrono.render.views import BetweenAnswer

UNITS = ("days", "weeks", "months", "years")


def _endpoint(text: str, use_end: bool, today: _dt.date, load: Any, option: str) -> tuple[int, int, dict[str, Any]]:
    """A date argument or an event (its start, or its end with --from-end/--to-end) as a span."""
    reason = ""
    try:
        arg = parse_date_arg(text, today)
    except DateError as exc:
        arg, reason = None, str(exc)
    if arg is not None:
        if arg.lower == DAWN or arg.upper == FOREVER:
            raise UsageError(f"{text!r} is open at one end: there is no interval to count to it", option=option)
        return arg.lower, arg.upper, {"input": text, "event": None, "start": iso(arg.lower), "end": iso(arg.upper)}
    chronology: Chronology = load()
    hit = find(chronology, text)
    if isinstance(hit, Miss):
        raise NotFoundError([f"{hit.message()} (and as a date: {reason})"])
    when = hit.when
    if use_end and when.open_end:
        raise UsageError(f"event '{hit.id}' is ongoing: it has no end", option=option)
    part = (when.end or when.start) if use_end else when.start
    info = {
        "input": text,
        "event": hit.id,
        "date": part.edtf,
        "start": iso(part.lower),
        "end": iso(part.upper),
    }
    return part.lower, part.upper, info


@click.command("between", cls=ChronoCommand)
@click.argument("a", metavar="A", shell_complete=complete("event_ids"))
@click.argument("b", metavar="B", shell_complete=complete("event_ids"))
@click.option("--from-end", is_flag=True, help="Measure from A's end instead of its start.")
@click.option("--to-end", is_flag=True, help="Measure to B's end instead of its start.")
@click.option("--unit", type=click.Choice(UNITS), help="Print one number (or MIN..MAX) in this unit.")
@data_option
@today_option
@output_options("between", color=False, pager=False)
@click.pass_obj
def command(
    env: Environment,
    a: str,
    b: str,
    from_end: bool,
    to_end: bool,
    unit: str | None,
    data: tuple[str, ...],
    today: str | None,
    fmt: str,
) -> None:
    """Each of A and B is an event id (a unique prefix, or words of an id) or a date.

    An event stands for its start. Partial dates give the shortest and longest possible
    interval. A that reads as a date is a date, even if an event id starts the same way.

    \b
    Examples:
      chrono between 2000-07-19 2001-08-04          # 1 year, 16 days (381 days)
      chrono between kim-jong-il-visit-2011 vladivostok-summit-2019 --format json
    """
    day = resolve_today(today, env)

    @functools.cache
    def load() -> Chronology:  # only when an argument is an event, and then once
        return load_timeline(env).chronology

    a_lo, a_hi, a_info = _endpoint(a, from_end, day, load, "--from-end")
    b_lo, b_hi, b_info = _endpoint(b, to_end, day, load, "--to-end")
    result = interval(a_lo, a_hi, b_lo, b_hi)
    record = {
        "from": a_info,
        "to": b_info,
        "exact": result.exact,
        "min": result.shortest.as_dict(),
        "max": result.longest.as_dict(),
    }
    in_unit = None if unit is None else result.in_unit(unit)
    emit(env, "between", fmt, BetweenAnswer(result.words(), in_unit, record))
