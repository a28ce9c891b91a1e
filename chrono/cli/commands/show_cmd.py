"""``chrono show ID...``: everything about one or more events."""

from __future__ import annotations

import click

from chrono.cli.env import Environment
from chrono.cli.loading import load_timeline
from chrono.cli.options import complete, data_option, output_options, resolve_today, today_option
from chrono.cli.output import resolve_format, show_each, write_lines
from chrono.errors import NotFoundError
from chrono.escape import tsv
from chrono.model import Event
from chrono.questions.lookup import Miss, find


@click.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID...", shell_complete=complete("event_ids"))
@data_option
@click.option("--aliases", is_flag=True, help="Also show each actor's other spellings.")
@today_option
@output_options(("auto", "panel", "text", "json"), calendar=True)
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
    """Show everything about events, by id or unique id prefix.

    Piped, each event is 'key: value' lines (values escaped as in TSV), events separated by a
    blank line; --format json gives a JSON array. An unknown or ambiguous id exits 1 after
    the others are shown.

    \b
    Examples:
      chrono show moscow-declaration
      chrono show moscow-declaration --format json | jq -r '.[0].sources[].title'
    """
    day = resolve_today(today, env)
    chronology = load_timeline(env, data).chronology
    hits = [find(chronology, ident) for ident in ids]
    found = [hit for hit in hits if isinstance(hit, Event)]
    misses = [hit.message() for hit in hits if isinstance(hit, Miss)]
    fmt = resolve_format(fmt, env, terminal="panel", plain="text")
    if fmt == "json":
        from chrono.render.details import show_record
        from chrono.render.jsonout import array_lines

        write_lines(env, array_lines(show_record(event, chronology) for event in found))
    elif fmt == "panel" and found:
        from chrono.render.details import rows
        from chrono.render.panels import event_panel

        juche = calendar == "juche"
        drawn = (event_panel(rows(e, chronology, day, aliases, juche), e.kind) for e in found)
        show_each(env, drawn, color, no_pager)
    elif found:
        from chrono.render.details import rows

        texts = [
            "".join(f"{tsv(k)}: {tsv(v)}\n" for k, v in rows(e, chronology, day, aliases, calendar == "juche"))
            for e in found
        ]
        write_lines(env, ["\n".join(texts)])
    if misses:
        raise NotFoundError(misses)  # after the others were shown
