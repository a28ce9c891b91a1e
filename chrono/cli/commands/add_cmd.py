"""``chrono add``: append one event to a chronology file, keeping every existing byte."""

from __future__ import annotations

from typing import Any

import click

from chrono.cli.env import Environment
from chrono.cli.options import complete
from chrono.cli.output import write_lines
from chrono.dataset import atomic_write, decode, load
from chrono.dates import make_span, parse_date, parse_span
from chrono.errors import DataError, DateError, SourceError, UsageError
from chrono.lookup import Miss, find
from chrono.parsing import ID_RE, KIND_RE, merge, parse_file
from chrono.records import date_value, event_toml, make_id


@click.command("add")
@click.option("--data", "path", required=True, metavar="FILE", help="The chronology file to append to.")
@click.option(
    "--date", "date", required=True, metavar="DATE", help="EDTF: 2024-06-19, 2024-06, 2024, 2024-06-19?, 2001/2003 ..."
)
@click.option("--end", metavar="DATE", help="The last day (same forms).")
@click.option("--kind", required=True, metavar="KIND", help="A lowercase word: visit, summit, talks, treaty ...")
@click.option("--title", required=True, metavar="TEXT")
@click.option("--id", "ident", metavar="ID", help="The new id (default: made from date and title).")
@click.option("--place", metavar="TEXT")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="A declared actor id or a name (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Repeatable.")
@click.option("--source", "sources", multiple=True, metavar="ID", help="A [[source]] id of the file (repeatable).")
@click.option(
    "--related",
    multiple=True,
    metavar="ID",
    shell_complete=complete("event_ids"),
    help="A related event's id (repeatable).",
)
@click.option("--summary", metavar="TEXT")
@click.option("--note", metavar="TEXT")
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
) -> None:
    """Append one event to FILE and print its id.

    The file must be valid; the new event is checked against it (date, unique id, sources and
    related ids) before anything is written. Existing bytes — comments, order, formatting — are
    kept; the new [[event]] table goes at the end; the file is replaced atomically.

    \b
    Examples:
      chrono add --data data/events.toml --date 2024-06-19 --kind document \\
          --title "Comprehensive Strategic Partnership treaty signed" --actor vladimir-putin
    """
    try:
        with open(path, "rb") as stream:
            original = stream.read()
    except OSError as exc:
        raise SourceError(f"cannot read '{path}': {exc.strerror or exc}") from None
    chronology = load([path])  # refuses an invalid file (exit 2) before anything else
    try:
        span = parse_span(date)
        if end is not None:
            if span.end is not None or span.open_end:
                raise UsageError("give the end either in --date (A/B) or with --end", option="--end")
            span = make_span(span.start, parse_date(end))
    except DateError as exc:
        raise UsageError(str(exc), option="--date" if end is None else "--date/--end") from None
    if not KIND_RE.fullmatch(kind):
        raise UsageError(f"{kind!r} is not a lowercase word (letters, digits and '-')", option="--kind")
    if not title.strip():
        raise UsageError("the title must not be empty", option="--title")
    taken = {event.id for event in chronology.events}
    if ident is None:
        ident = make_id(span, title, taken)
    elif not ID_RE.fullmatch(ident):
        raise UsageError(f"{ident!r} is not a valid id (lowercase letters, digits and '-')", option="--id")
    elif ident in taken:
        raise UsageError(f"an event '{ident}' exists already", option="--id")
    for ref in sources:
        if ref not in chronology.sources:
            raise UsageError(f"no [[source]] with id '{ref}' in {path}", option="--source")
    for ref in related:
        hit = find(chronology, ref)
        if isinstance(hit, Miss) or hit.id != ref:
            raise UsageError(f"no event '{ref}' in {path}", option="--related")
    table: dict[str, Any] = {"id": ident}
    if span.end is not None:
        table["date"], table["end"] = date_value(span.start.edtf), date_value(span.end.edtf)
    else:
        table["date"] = date_value(span.edtf)
    table.update({"kind": kind, "title": title})
    optional = {"place": place, "actors": list(actors), "tags": list(tags), "summary": summary, "note": note,
                "sources": list(sources), "related": list(related)}  # fmt: skip
    table.update({key: value for key, value in optional.items() if value})
    separator = b"" if not original or original.endswith(b"\n\n") else (b"\n" if original.endswith(b"\n") else b"\n\n")
    updated = original + separator + event_toml(table).encode("utf-8")
    _, problems = merge([parse_file(path, decode(path, updated))])
    if problems:  # defensive: never write a file chrono itself cannot read
        raise DataError(problems)
    atomic_write(path, updated)
    write_lines(env, [ident + "\n"])
