"""``chrono import FORMAT FILE``: a CSV file or a TimelineJS3 document as chronology TOML."""

from __future__ import annotations

import click

from chrono.authoring import document, today_stamp
from chrono.cli.env import Environment
from chrono.cli.output import note, write_lines
from chrono.dataset import STDIN, Input, read_text
from chrono.errors import DataError, Problem, Severity
from chrono.importing import Imported, from_csv, from_timelinejs


@click.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "timelinejs"]))
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", metavar="OUT", help="Write to OUT (atomically; links followed) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists (or is a link to a missing file).")
@click.option("--map", "mapping", metavar="KEY=COLUMN,...", help="csv: which column holds each chrono key.")
@click.option("--kind", metavar="KIND", help="The kind of every event without one.")
@click.option("--skip-bad", is_flag=True, help="Skip rows that cannot be read (they are still reported).")
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
) -> None:
    """Convert a CSV file or a TimelineJS3 document into chronology TOML.

    Rows that cannot be read are reported with their line (csv) or position (timelinejs); then
    nothing is written, unless --skip-bad. FILE may be '-' for stdin.

    \b
    Examples:
      chrono import csv events.csv --map date=Start,end=End,title=Name,kind=Type -o events.toml
      chrono import csv visits.csv --kind visit --skip-bad > visits.toml
      chrono export --format timelinejs | chrono import timelinejs - > copy.toml
    """
    source = Input("<stdin>", None) if file == STDIN else Input(file, file)  # one file, never a directory's
    text = read_text(source, env.read_stdin)
    result: Imported = from_csv(text, mapping, kind) if fmt == "csv" else from_timelinejs(text, kind)
    where = "line" if fmt == "csv" else "event"
    bad = [
        Problem(source.name, line if fmt == "csv" else 1, 1, Severity.ERROR, "import", f"{where} {line}: {why}")
        for line, why in result.bad
    ]
    if bad and not skip_bad:
        raise DataError(bad)
    for problem in bad:
        note(env, f"chrono: skipped {problem.message}")
    toml = document(result.events, result.sources, result.actors, today_stamp(env.today))  # checked: it loads
    if output is None or output == "-":
        write_lines(env, [toml])
    else:
        from chrono.writing import write_output

        write_output(output, toml.encode("utf-8"), overwrite=force)
    note(env, f"chrono: imported {len(result.events)} event{'s' if len(result.events) != 1 else ''}")
