"""``chrono show ID...``: everything about one or more events."""

from __future__ import annotations

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline
from chrono.cli.options import complete, data_option, output_options, resolve_today, today_option
from chrono.cli.output import emit
from chrono.errors import NotFoundError
from chrono.model import Event
from chrono.questions.lookup import Miss, find
from chrono.render.views import ShowAnswer


@click.command("show", cls=ChronoCommand)
@click.argument("ids", nargs=-1, required=True, metavar="ID...", shell_complete=complete("event_ids"))
@data_option
@click.option("--aliases", is_flag=True, help="Also show each actor's other spellings.")
@today_option
@output_options("show", calendar=True)
@click.pass_obj
def command(
    env: Environment,
    ids: tuple[str, ...],
    data: tuple[str, ...],
    aliases: bool,
    today: str | None,
    fmt: str,
    color: str,
    no_pager: bool,
    calendar: str,
) -> None:
    """Piped, each event is 'key: value' lines (values escaped as in TSV), events separated by a
    blank line; --format json gives a JSON array. An unknown or ambiguous id exits 1 after
    the others are shown.

    \b
    Examples:
      chrono show moscow-declaration
      chrono show moscow-declaration --format json | jq -r '.[0].sources[].title'
    """
    day = resolve_today(today, env)
    chronology = load_timeline(env).chronology
    hits = [find(chronology, ident) for ident in ids]
    found = [hit for hit in hits if isinstance(hit, Event)]
    misses = [hit.message() for hit in hits if isinstance(hit, Miss)]
    emit(
        env, "show", fmt, ShowAnswer(found, chronology, day, aliases), color=color, no_pager=no_pager, calendar=calendar
    )
    if misses:
        raise NotFoundError(misses)  # after the others were shown
