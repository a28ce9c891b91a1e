"""``chrono import FORMAT FILE``: a CSV, JSON, JSON Lines, YAML or TimelineJS3 file as chronology TOML."""

from __future__ import annotations

from typing import Any

import click

from chrono.cli.command import ChronoCommand
from chrono.cli.env import Environment
from chrono.cli.output import note, write_lines
from chrono.errors import ImportRowsError, Problem, Severity, UsageError
from chrono.importers.common import DEFAULT_NULLS, CitedSource, Imported, ImportOptions, Note
from chrono.loading.dataset import STDIN, Input, read_bytes
from chrono.loading.tables import ID_RE
from chrono.writing.authoring import document, normalise_id, today_stamp

# Each format and the function that reads it (module, name): loaded only when used.
READERS = {
    "csv": ("chrono.importers.csv_table", "from_csv"),
    "json": ("chrono.importers.records", "from_json"),
    "jsonl": ("chrono.importers.records", "from_jsonl"),
    "yaml": ("chrono.importers.records", "from_yaml"),
    "timelinejs": ("chrono.importers.timelinejs", "from_timelinejs"),
}


@click.command("import", cls=ChronoCommand)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(READERS)))
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", metavar="OUT", help="Write to OUT (atomically; links followed) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists (or is a link to a missing file).")
@click.option(
    "--map",
    "mapping",
    metavar="KEY=COLUMN,...",
    help="Which column holds each chrono key; KEY=A|B takes the first non-empty; KEY='{a}, {b}' combines "
    "columns; year=,month=,day=,end_year=,... for split date columns.",
)
@click.option("--kind", metavar="KIND", help="The kind of every event without one.")
@click.option("--skip-bad", is_flag=True, help="Skip rows that cannot be read (they are still reported).")
@click.option(
    "--max-skipped",
    metavar="N|P%",
    help="With --skip-bad: fail (writing nothing) when more than N rows, or P% of the rows, are skipped.",
)
@click.option(
    "--null",
    "nulls",
    metavar="TEXT",
    multiple=True,
    help="Cells equal to TEXT are missing (repeatable; replaces the default set NA, N/A, n/a, #N/A, NULL, ...).",
)
@click.option(
    "--open-end", "open_ends", metavar="TEXT", multiple=True, help="An end cell TEXT means ongoing (repeatable)."
)
@click.option("--keep-bad-end", is_flag=True, help="Keep a row whose end cannot be read, with no end (reported).")
@click.option(
    "--date-order",
    type=click.Choice(["mdy", "dmy", "ymd"]),
    help="The order of numeric dates such as 1/21/77 (default: read a cell only one order makes a date).",
)
@click.option(
    "--century-pivot",
    type=click.IntRange(100, 9900),
    metavar="YEAR",
    help="Two-digit years fall in the 100 years from YEAR (default 1969: 69-99 are 19xx, 00-68 are 20xx).",
)
@click.option(
    "--date-format",
    "date_formats",
    metavar="FORMAT",
    multiple=True,
    help="How date cells are written, strptime-style ('EOW: %A, %B %d, %Y'); repeatable, tried in order.",
)
@click.option("--encoding", metavar="NAME", help="The file's encoding (default UTF-8, with or without BOM).")
@click.option("--id-prefix", metavar="P", help="Start every id with P- (keeps two imports' ids apart).")
@click.option("--source", "source_id", metavar="ID", help="Cite the source ID on every event and write its table.")
@click.option("--source-title", metavar="T", help="The title of the --source.")
@click.option("--source-url", metavar="U", help="The URL of the --source.")
@click.option("--source-publisher", metavar="P", help="The publisher of the --source.")
@click.pass_obj
def command(env: Environment, /, fmt: str, file: str, output: str | None, force: bool, **given: Any) -> None:
    """Rows that cannot be read are reported with their line and column (csv, jsonl) or position;
    then nothing is written, unless --skip-bad. stderr ends with an account: rows read, events
    written, rows left out and skipped. No event at all, or more skipped than --max-skipped,
    is an error (exit 2). FILE may be '-' for stdin. See docs/importing.md.

    \b
    Examples:
      chrono import csv events.csv --map date=Start,end=End,title=Name,kind=Type -o events.toml
      chrono export --format timelinejs | chrono import timelinejs - > copy.toml
    """
    from chrono.loading.encodings import decode_as

    options = _options(given)
    limit = _max_skipped(given["max_skipped"], given["skip_bad"])
    source = Input("<stdin>", None) if file == STDIN else Input(file, file)  # one file, never a directory's
    text = decode_as(source.name, read_bytes(source, env.read_stdin), given["encoding"])
    result = _read(fmt, text, options)
    unit = "row" if fmt in ("csv", "jsonl") else "item"
    bad = [_problem(source.name, item) for item in result.bad]
    from chrono.render.imports import details, refusal, summary, too_many

    if bad and not given["skip_bad"]:
        raise ImportRowsError(bad, f"chrono: {refusal(result, unit)}")
    failure = too_many(result, unit, limit)
    for line in details(source.name, result):
        note(env, f"chrono: {line}")
    if failure:
        raise ImportRowsError([], f"chrono: {failure}")
    toml = document(result.events, result.sources, result.actors, today_stamp(env.today))  # checked: it loads
    if output is None or output == "-":
        write_lines(env, [toml])
    else:
        from chrono.writing.files import write_output

        write_output(output, toml.encode("utf-8"), overwrite=force)
    note(env, f"chrono: {summary(result, unit)}")


def _read(fmt: str, text: str, options: ImportOptions) -> Imported:
    import importlib

    module, name = READERS[fmt]
    reader = getattr(importlib.import_module(module), name)
    result: Imported = reader(text, options)
    return result


def _problem(name: str, item: Note) -> Problem:
    if item.where:
        return Problem(name, 1, 1, Severity.ERROR, "import", f"{item.where}: {item.message}")
    return Problem(name, item.line, item.col, Severity.ERROR, "import", item.message)


def _max_skipped(text: str | None, skip_bad: bool) -> tuple[float, bool] | None:
    """``--max-skipped 10`` -> (10, False); ``5%`` -> (5, True); None when not given."""
    if text is None:
        return None
    if not skip_bad:
        raise UsageError("it limits what --skip-bad skips; give --skip-bad too", option="--max-skipped")
    number = text.strip().removesuffix("%")
    try:
        value = float(number) if text.strip().endswith("%") else int(number)
    except ValueError:
        value = -1
    if value < 0 or (text.strip().endswith("%") and value > 100):
        raise UsageError(f"{text!r} is not a count (10) or a percentage (5%)", option="--max-skipped")
    return value, text.strip().endswith("%")


def _options(given: dict[str, Any]) -> ImportOptions:
    """The options as one value, refusing combinations that mean nothing."""
    from chrono.errors import DateError
    from chrono.importers.dateforms import DEFAULT_PIVOT, DateOrder, DateRules, compile_format

    prefix = normalise_id(given["id_prefix"] or "")
    if given["id_prefix"] is not None and not prefix:
        raise UsageError(f"{given['id_prefix']!r} has no letters or digits to start an id with", option="--id-prefix")
    try:
        formats = tuple(compile_format(text) for text in given["date_formats"])
    except DateError as exc:
        raise UsageError(str(exc), option="--date-format") from None
    order = DateOrder(given["date_order"]) if given["date_order"] else None
    rules = DateRules(order, given["century_pivot"] or DEFAULT_PIVOT, formats)
    return ImportOptions(
        given["mapping"],
        given["kind"],
        given["nulls"] or DEFAULT_NULLS,
        given["open_ends"],
        prefix,
        _cited(given["source_id"], given["source_title"], given["source_url"], given["source_publisher"]),
        rules,
        given["keep_bad_end"],
    )


def _cited(source_id: str | None, title: str | None, url: str | None, publisher: str | None) -> CitedSource | None:
    if source_id is None:
        described = (("--source-title", title), ("--source-url", url), ("--source-publisher", publisher))
        given = [name for name, value in described if value]
        if given:
            raise UsageError(f"{given[0]} describes the --source ID; give --source too")
        return None
    if not ID_RE.fullmatch(source_id):
        raise UsageError(f"{source_id!r} is not an id (lowercase letters, digits and '-')", option="--source")
    if not title:
        raise UsageError("give the source a title with --source-title", option="--source")
    return CitedSource(source_id, title, url or None, publisher or None)
