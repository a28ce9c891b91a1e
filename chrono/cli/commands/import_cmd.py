"""``chrono import FORMAT FILE``: a CSV file or a TimelineJS3 document as chronology TOML."""

from __future__ import annotations

import click

from chrono.cli.env import Environment
from chrono.cli.output import note, write_lines
from chrono.errors import ImportRowsError, Problem, Severity, UsageError
from chrono.importers.common import DEFAULT_NULLS, CitedSource, Imported, ImportOptions, Note, normalise_id
from chrono.loading.dataset import STDIN, Input, read_text
from chrono.loading.tables import ID_RE
from chrono.writing.authoring import document, today_stamp


@click.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "timelinejs"]))
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", metavar="OUT", help="Write to OUT (atomically; links followed) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists (or is a link to a missing file).")
@click.option(
    "--map",
    "mapping",
    metavar="KEY=COLUMN,...",
    help="csv: which column holds each chrono key; KEY=A|B takes the first non-empty; "
    "year=,month=,day=,end_year=,... for split date columns.",
)
@click.option("--kind", metavar="KIND", help="The kind of every event without one.")
@click.option("--skip-bad", is_flag=True, help="Skip rows that cannot be read (they are still reported).")
@click.option(
    "--null",
    "nulls",
    metavar="TEXT",
    multiple=True,
    help="csv: cells equal to TEXT are missing (repeatable; replaces the default set NA, N/A, n/a, #N/A, NULL, ...).",
)
@click.option(
    "--open-end", "open_ends", metavar="TEXT", multiple=True, help="csv: an end cell TEXT means ongoing (repeatable)."
)
@click.option("--id-prefix", metavar="P", help="Start every generated id with P- (keeps two imports' ids apart).")
@click.option("--source", "source_id", metavar="ID", help="Cite the source ID on every event and write its table.")
@click.option("--source-title", metavar="T", help="The title of the --source.")
@click.option("--source-url", metavar="U", help="The URL of the --source.")
@click.option("--source-publisher", metavar="P", help="The publisher of the --source.")
@click.pass_obj
def command(
    env: Environment,
    fmt: str,
    file: str,
    output: str | None,
    force: bool,
    mapping: str | None,
    kind: str | None,
    skip_bad: bool,
    nulls: tuple[str, ...],
    open_ends: tuple[str, ...],
    id_prefix: str | None,
    source_id: str | None,
    source_title: str | None,
    source_url: str | None,
    source_publisher: str | None,
) -> None:
    """Convert a CSV file or a TimelineJS3 document into chronology TOML.

    Rows that cannot be read are reported with their line and column (csv) or position
    (timelinejs); then nothing is written, unless --skip-bad. stderr ends with an account: rows
    read, events written, rows left out and skipped. FILE may be '-' for stdin. See
    docs/importing.md for the date forms a cell may hold.

    \b
    Examples:
      chrono import csv events.csv --map date=Start,end=End,title=Name,kind=Type -o events.toml
      chrono export --format timelinejs | chrono import timelinejs - > copy.toml
    """
    options = _options(
        mapping, kind, nulls, open_ends, id_prefix, source_id, source_title, source_url, source_publisher
    )
    source = Input("<stdin>", None) if file == STDIN else Input(file, file)  # one file, never a directory's
    text = read_text(source, env.read_stdin)
    if fmt == "csv":
        from chrono.importers.csv_table import from_csv

        result: Imported = from_csv(text, options)
    else:
        from chrono.importers.timelinejs import from_timelinejs

        result = from_timelinejs(text, options)
    bad = [_problem(source.name, item) for item in result.bad]
    from chrono.render.imports import details, refusal, summary

    if bad and not skip_bad:
        raise ImportRowsError(bad, f"chrono: {refusal(result, 'row' if fmt == 'csv' else 'item')}")

    for line in details(source.name, result):
        note(env, f"chrono: {line}")
    toml = document(result.events, result.sources, result.actors, today_stamp(env.today))  # checked: it loads
    if output is None or output == "-":
        write_lines(env, [toml])
    else:
        from chrono.writing.files import write_output

        write_output(output, toml.encode("utf-8"), overwrite=force)
    note(env, f"chrono: {summary(result, 'row' if fmt == 'csv' else 'item')}")


def _problem(name: str, item: Note) -> Problem:
    if item.where:
        return Problem(name, 1, 1, Severity.ERROR, "import", f"{item.where}: {item.message}")
    return Problem(name, item.line, item.col, Severity.ERROR, "import", item.message)


def _options(
    mapping: str | None,
    kind: str | None,
    nulls: tuple[str, ...],
    open_ends: tuple[str, ...],
    id_prefix: str | None,
    source_id: str | None,
    title: str | None,
    url: str | None,
    publisher: str | None,
) -> ImportOptions:
    """The options as one value, refusing combinations that mean nothing."""
    prefix = normalise_id(id_prefix or "")
    if id_prefix is not None and not prefix:
        raise UsageError(f"{id_prefix!r} has no letters or digits to start an id with", option="--id-prefix")
    cited = None
    if source_id is None:
        given = [
            name
            for name, value in (("--source-title", title), ("--source-url", url), ("--source-publisher", publisher))
            if value
        ]
        if given:
            raise UsageError(f"{given[0]} describes the --source ID; give --source too")
    else:
        if not ID_RE.fullmatch(source_id):
            raise UsageError(f"{source_id!r} is not an id (lowercase letters, digits and '-')", option="--source")
        if not title:
            raise UsageError("give the source a title with --source-title", option="--source")
        cited = CitedSource(source_id, title, url or None, publisher or None)
    return ImportOptions(mapping, kind, nulls or DEFAULT_NULLS, open_ends, prefix, cited)
