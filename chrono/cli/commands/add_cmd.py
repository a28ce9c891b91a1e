"""``chrono add``: append one event to a chronology file, keeping every existing byte."""

from __future__ import annotations

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.options import complete, resolve_today, today_option
from chrono.cli.output import write_lines


@click.command("add", cls=ChronoCommand)
@click.option("--data", "path", required=True, metavar="FILE", help="The chronology file to append to.")
@click.option(
    "--date",
    "date",
    required=True,
    metavar="DATE",
    help="EDTF (2024-06-19, 2024-06, 2024-06-19?, 2001/2003) or any date list takes (today, yesterday, "
    "'last week', '19 July 2000'), written as EDTF.",
)
@click.option("--end", metavar="DATE", help="The last day (same forms).")
@click.option("--kind", required=True, metavar="KIND", help="A lowercase word: visit, summit, talks, treaty ...")
@click.option("--title", required=True, metavar="TEXT")
@click.option("--id", "ident", metavar="ID", help="The new id (default: made from date and title).")
@click.option("--place", metavar="TEXT")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="A declared actor id or a name (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Repeatable.")
@click.option("--source", "sources", multiple=True, metavar="ID", help="A [[source]] id (repeatable).")
@click.option(
    "--related",
    multiple=True,
    metavar="ID",
    shell_complete=complete("event_ids"),
    help="A related event's id (repeatable).",
)
@click.option("--summary", metavar="TEXT")
@click.option("--note", metavar="TEXT")
@today_option
@click.pass_obj
def command(
    env: Environment,
    path: str,
    date: str,
    end: str | None,
    kind: str,
    title: str,
    ident: str | None,
    place: str | None,
    actors: tuple[str, ...],
    tags: tuple[str, ...],
    sources: tuple[str, ...],
    related: tuple[str, ...],
    summary: str | None,
    note: str | None,
    today: str | None,
) -> None:
    """The file must be valid; the new event is checked against the chronology FILE belongs to (its
    directory, when the directory's *.toml files load together; else FILE alone): date, unique
    id, sources and related ids, before anything is written. Existing bytes — comments, order,
    formatting, line endings — are kept; the new [[event]] table goes at the end. Parallel adds
    wait for each other; links, owner, group and mode are kept (see SECURITY.md).

    \b
    Examples:
      chrono add --data data/events.toml --date 2024-06-19 --kind document \\
          --title "Comprehensive Strategic Partnership treaty signed" --actor vladimir-putin
      chrono add --data notes.toml --date yesterday --kind visit --title "Delegation arrives"
    """
    from chrono.writing.authoring import NewEvent, add_event

    day = resolve_today(today, env)
    new = NewEvent(date, kind, title, end, ident, place, actors, tags, sources, related, summary, note, day)
    write_lines(env, [add_event(path, new) + "\n"])
